//! Obligations: what an event owes under its profile, and the state of an obligation on a given day.

use super::dates::{add_days, add_hours_as_days, add_months, add_years};
use super::ProfileRules;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObligationKind {
    /// The recipient confirms that the delivery arrived.
    DeliveryConfirmation,
    /// First serial-number inventory after arrival (enhanced).
    InitialInventory,
    /// The next inventory after one was done (enhanced).
    PeriodicInventory,
    /// A loss, theft, misuse or unsighted serial is reported.
    IncidentReport,
    /// A request for consent to transfer is answered.
    TransferAnswer,
}

impl ObligationKind {
    /// Whether an inventory (an inspection of the delivery) fulfils it.
    pub fn is_inventory(self) -> bool {
        matches!(
            self,
            ObligationKind::InitialInventory | ObligationKind::PeriodicInventory
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObligationState {
    Upcoming,
    DueSoon,
    Overdue,
    Fulfilled,
    Waived,
}

impl ObligationState {
    pub const ALL: [ObligationState; 5] = [
        ObligationState::Upcoming,
        ObligationState::DueSoon,
        ObligationState::Overdue,
        ObligationState::Fulfilled,
        ObligationState::Waived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ObligationState::Upcoming => "upcoming",
            ObligationState::DueSoon => "due_soon",
            ObligationState::Overdue => "overdue",
            ObligationState::Fulfilled => "fulfilled",
            ObligationState::Waived => "waived",
        }
    }

    pub fn parse(text: &str) -> Option<ObligationState> {
        ObligationState::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Still to be done.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ObligationState::Upcoming | ObligationState::DueSoon | ObligationState::Overdue
        )
    }
}

/// The state on `as_of` of an obligation due on `due_on`. Fulfilment and waivers count from their own date, so a
/// report "as of" an earlier day shows what was open then. Due on the day itself is still `due_soon`, not late.
pub fn state(
    due_on: NaiveDate,
    fulfilled_on: Option<NaiveDate>,
    waived_on: Option<NaiveDate>,
    as_of: NaiveDate,
    due_soon_days: u32,
) -> ObligationState {
    if fulfilled_on.is_some_and(|d| d <= as_of) {
        ObligationState::Fulfilled
    } else if waived_on.is_some_and(|d| d <= as_of) {
        ObligationState::Waived
    } else if as_of > due_on {
        ObligationState::Overdue
    } else if add_days(as_of, due_soon_days) >= due_on {
        ObligationState::DueSoon
    } else {
        ObligationState::Upcoming
    }
}

/// An obligation to create: its kind and due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub kind: ObligationKind,
    pub due_on: NaiveDate,
}

/// What recording a delivery creates: the delivery confirmation, and the initial inventory for enhanced items.
pub fn on_delivery(rules: &ProfileRules, delivered_on: NaiveDate) -> Vec<Planned> {
    let mut out = Vec::new();
    if let Some(days) = rules.delivery_confirmation_days {
        out.push(Planned {
            kind: ObligationKind::DeliveryConfirmation,
            due_on: add_days(delivered_on, days),
        });
    }
    if let Some(days) = rules.initial_inventory_days {
        out.push(Planned {
            kind: ObligationKind::InitialInventory,
            due_on: add_days(delivered_on, days),
        });
    }
    out
}

/// The next periodic inventory after one done on `done_on`, if the profile asks for one, the monitoring period
/// (`inventory_years` after delivery) covers its due date, and the recipient still holds a serial.
pub fn after_inventory(
    rules: &ProfileRules,
    delivered_on: NaiveDate,
    done_on: NaiveDate,
    serials_held: usize,
) -> Option<Planned> {
    let interval = rules.inventory_interval_months?;
    let due_on = add_months(done_on, interval);
    let period_ends = add_years(delivered_on, rules.inventory_years);
    (serials_held > 0 && due_on <= period_ends).then_some(Planned {
        kind: ObligationKind::PeriodicInventory,
        due_on,
    })
}

/// An incident must be reported within the profile's hours.
pub fn on_incident(rules: &ProfileRules, discovered_on: NaiveDate) -> Planned {
    Planned {
        kind: ObligationKind::IncidentReport,
        due_on: add_hours_as_days(discovered_on, rules.incident_report_hours),
    }
}

/// A transfer-consent request must be answered within the profile's days.
pub fn on_transfer_request(rules: &ProfileRules, requested_on: NaiveDate) -> Planned {
    Planned {
        kind: ObligationKind::TransferAnswer,
        due_on: add_days(requested_on, rules.transfer_answer_days),
    }
}

/// Records of a delivery are kept until `retention_years` after its last obligation ended (fulfilled, waived or,
/// while open, due).
pub fn retain_until(last_obligation_end: NaiveDate, retention_years: u32) -> NaiveDate {
    add_years(last_obligation_end, retention_years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::monitoring::MonitoringPolicy;
    use crate::monitoring::Profile;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rules(profile: Profile) -> ProfileRules {
        MonitoringPolicy::default().rules(profile).cloned().unwrap()
    }

    #[test]
    fn states_on_an_injected_day() {
        let due = d(2026, 3, 1);
        let at = |as_of| state(due, None, None, as_of, 30);
        assert_eq!(at(d(2026, 1, 15)), ObligationState::Upcoming);
        assert_eq!(at(d(2026, 1, 30)), ObligationState::DueSoon);
        assert_eq!(at(d(2026, 3, 1)), ObligationState::DueSoon);
        assert_eq!(at(d(2026, 3, 2)), ObligationState::Overdue);
        assert_eq!(
            state(due, Some(d(2026, 3, 5)), None, d(2026, 3, 4), 30),
            ObligationState::Overdue
        );
        assert_eq!(
            state(due, Some(d(2026, 3, 5)), None, d(2026, 3, 5), 30),
            ObligationState::Fulfilled
        );
        assert_eq!(
            state(due, None, Some(d(2026, 2, 1)), d(2026, 6, 1), 30),
            ObligationState::Waived
        );
        assert!(ObligationState::Overdue.is_open() && !ObligationState::Waived.is_open());
        assert_eq!(ObligationState::parse("due_soon"), Some(ObligationState::DueSoon));
    }

    #[test]
    fn every_profile_on_delivery() {
        let policy = MonitoringPolicy::default();
        assert!(policy.rules(Profile::None).is_none());
        let routine = on_delivery(&rules(Profile::Routine), d(2026, 1, 31));
        assert_eq!(
            routine,
            vec![Planned {
                kind: ObligationKind::DeliveryConfirmation,
                due_on: d(2026, 3, 2)
            }]
        );
        let enhanced = on_delivery(&rules(Profile::Enhanced), d(2027, 12, 1));
        assert_eq!(enhanced.len(), 2);
        assert_eq!(
            enhanced[1],
            Planned {
                kind: ObligationKind::InitialInventory,
                due_on: d(2028, 2, 29)
            }
        );
    }

    #[test]
    fn periodic_inventories_follow_the_last_one_and_stop() {
        let enhanced = rules(Profile::Enhanced);
        let delivered = d(2028, 2, 29);
        let next = after_inventory(&enhanced, delivered, d(2028, 2, 29), 10).unwrap();
        assert_eq!(next.due_on, d(2029, 2, 28));
        assert_eq!(next.kind, ObligationKind::PeriodicInventory);
        let from_month_end = after_inventory(&enhanced, delivered, d(2029, 1, 31), 10).unwrap();
        assert_eq!(from_month_end.due_on, d(2030, 1, 31));
        // Five years after delivery: the last one due on or before 2033-02-28.
        assert!(after_inventory(&enhanced, delivered, d(2032, 2, 28), 10).is_some());
        assert!(after_inventory(&enhanced, delivered, d(2032, 3, 1), 10).is_none());
        assert!(after_inventory(&enhanced, delivered, d(2029, 1, 1), 0).is_none());
        assert!(after_inventory(&rules(Profile::Routine), delivered, d(2029, 1, 1), 10).is_none());
    }

    #[test]
    fn incidents_and_consents() {
        assert_eq!(
            on_incident(&rules(Profile::Enhanced), d(2028, 2, 28)).due_on,
            d(2028, 2, 29)
        );
        assert_eq!(
            on_incident(&rules(Profile::Routine), d(2026, 12, 30)).due_on,
            d(2027, 1, 2)
        );
        assert_eq!(
            on_transfer_request(&rules(Profile::Routine), d(2026, 1, 31)).due_on,
            d(2026, 3, 2)
        );
        assert_eq!(retain_until(d(2028, 2, 29), 5), d(2033, 2, 28));
    }
}
