//! End-use monitoring, the domain: what delivered equipment still owes. Pure functions over dates and the
//! policy of `catalog/monitoring.toml` (no HTTP, no SQL): which obligations an event creates, the state of an
//! obligation on a given day, the reconciliation of delivered and sighted serials, the iCalendar feed.
//! Storage is `crate::db::monitoring`, the transactions with their audit records `crate::service::monitoring`.

pub mod dates;
pub mod ical;
pub mod obligations;
pub mod reconcile;

pub use crate::catalog::monitoring::{InventoryMethod, MonitoringPolicy, Profile, ProfileRules};
pub use dates::Clock;
pub use obligations::{state, ObligationKind, ObligationState, Planned};
pub use reconcile::{reconcile, Reconciliation};

use serde::{Deserialize, Serialize};

/// Where a serial item is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SerialStatus {
    InService,
    Lost,
    Stolen,
    Transferred,
    Destroyed,
    Disposed,
}

/// What an inspector found for one serial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SightingResult {
    Sighted,
    NotSighted,
    Damaged,
    NotInService,
}

/// What happened to equipment; every incident must be reported within the profile's hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IncidentKind {
    Loss,
    Theft,
    Misuse,
    /// A serial not sighted at an inspection (opened automatically).
    Unsighted,
    Damage,
}

/// Text names of the enums above, as stored.
pub trait Named: Sized + Copy + Serialize + for<'de> Deserialize<'de> {
    fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
    fn from_name(name: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }
}

impl Named for SerialStatus {}
impl Named for SightingResult {}
impl Named for IncidentKind {}
impl Named for ObligationKind {}
impl Named for Profile {}
impl Named for InventoryMethod {}

impl SerialStatus {
    /// Whether the serial can still be inspected. Lost or stolen serials may turn up again; one that was
    /// transferred, destroyed or disposed of is gone for good.
    pub fn inspectable(self) -> bool {
        matches!(
            self,
            SerialStatus::InService | SerialStatus::Lost | SerialStatus::Stolen
        )
    }

    /// Whether the recipient still holds it (it counts for inventories).
    pub fn held(self) -> bool {
        self == SerialStatus::InService
    }
}

impl SightingResult {
    /// The serial's status after this result, given its status before.
    pub fn status_after(self, before: SerialStatus) -> SerialStatus {
        match self {
            SightingResult::Sighted | SightingResult::Damaged | SightingResult::NotInService => SerialStatus::InService,
            SightingResult::NotSighted => before,
        }
    }

    /// Whether the inspector saw the item (it is "last seen" then).
    pub fn seen(self) -> bool {
        self != SightingResult::NotSighted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(SerialStatus::InService.name(), "in_service");
        assert_eq!(SerialStatus::from_name("disposed"), Some(SerialStatus::Disposed));
        assert_eq!(SightingResult::from_name("sighted!"), None);
        assert_eq!(ObligationKind::InitialInventory.name(), "initial_inventory");
        assert_eq!(Profile::from_name("enhanced"), Some(Profile::Enhanced));
    }

    #[test]
    fn disposed_serials_cannot_be_inspected() {
        assert!(!SerialStatus::Disposed.inspectable());
        assert!(!SerialStatus::Transferred.inspectable());
        assert!(SerialStatus::Lost.inspectable());
        assert_eq!(
            SightingResult::Sighted.status_after(SerialStatus::Lost),
            SerialStatus::InService
        );
        assert_eq!(
            SightingResult::NotSighted.status_after(SerialStatus::InService),
            SerialStatus::InService
        );
    }
}
