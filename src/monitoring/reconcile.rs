//! Reconciliation: serials delivered against serials sighted at the last inventory.

use super::{SerialStatus, SightingResult};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// Delivered versus sighted, for one delivery (or summed over a project).
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Reconciliation {
    /// Units delivered.
    pub quantity: i64,
    /// Serial numbers recorded for them.
    pub serials_recorded: usize,
    /// Units without a recorded serial number.
    pub serials_missing: i64,
    /// Serials the recipient holds (in service).
    pub held: usize,
    pub lost_or_stolen: usize,
    /// Transferred with consent, destroyed or disposed of.
    pub gone: usize,
    /// Day of the last inventory done (none yet: `null`).
    pub last_inventory_on: Option<NaiveDate>,
    /// Held serials seen at the last inventory.
    pub sighted: usize,
    /// Serial numbers the last inventory did not sight.
    pub not_sighted: Vec<String>,
    /// Held serials the last inventory did not cover (a sample, or none done yet).
    pub not_checked: Vec<String>,
}

/// One delivery's serials `(serial number, status)` against the results of its last inventory.
pub fn reconcile(
    quantity: i64,
    serials: &[(String, SerialStatus)],
    last_inventory: Option<(NaiveDate, &HashMap<String, SightingResult>)>,
) -> Reconciliation {
    let mut out = Reconciliation {
        quantity,
        serials_recorded: serials.len(),
        serials_missing: (quantity - serials.len() as i64).max(0),
        last_inventory_on: last_inventory.map(|(day, _)| day),
        ..Reconciliation::default()
    };
    for (number, status) in serials {
        match status {
            SerialStatus::InService => out.held += 1,
            SerialStatus::Lost | SerialStatus::Stolen => out.lost_or_stolen += 1,
            SerialStatus::Transferred | SerialStatus::Destroyed | SerialStatus::Disposed => out.gone += 1,
        }
        let result = last_inventory.and_then(|(_, results)| results.get(number));
        match result {
            Some(r) if r.seen() => out.sighted += usize::from(status.held()),
            Some(_) => out.not_sighted.push(number.clone()),
            None if status.held() => out.not_checked.push(number.clone()),
            None => {}
        }
    }
    out
}

impl Reconciliation {
    /// Adds another delivery's figures (project totals).
    pub fn add(&mut self, other: &Reconciliation) {
        self.quantity += other.quantity;
        self.serials_recorded += other.serials_recorded;
        self.serials_missing += other.serials_missing;
        self.held += other.held;
        self.lost_or_stolen += other.lost_or_stolen;
        self.gone += other.gone;
        self.sighted += other.sighted;
        self.not_sighted.extend(other.not_sighted.iter().cloned());
        self.not_checked.extend(other.not_checked.iter().cloned());
        self.last_inventory_on = self.last_inventory_on.max(other.last_inventory_on);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivered_against_sighted() {
        let serials: Vec<(String, SerialStatus)> = [
            ("A1", SerialStatus::InService),
            ("A2", SerialStatus::InService),
            ("A3", SerialStatus::Lost),
            ("A4", SerialStatus::Disposed),
            ("A5", SerialStatus::InService),
        ]
        .iter()
        .map(|(n, s)| (n.to_string(), *s))
        .collect();
        let results: HashMap<String, SightingResult> = [
            ("A1".to_string(), SightingResult::Sighted),
            ("A2".to_string(), SightingResult::Damaged),
            ("A3".to_string(), SightingResult::NotSighted),
        ]
        .into();
        let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let r = reconcile(6, &serials, Some((day, &results)));
        assert_eq!(
            (r.serials_recorded, r.serials_missing, r.held, r.lost_or_stolen, r.gone),
            (5, 1, 3, 1, 1)
        );
        assert_eq!(r.sighted, 2);
        assert_eq!(r.not_sighted, vec!["A3"]);
        assert_eq!(r.not_checked, vec!["A5"]);
        let none = reconcile(2, &serials[..2], None);
        assert_eq!(none.not_checked.len(), 2);
        let mut total = r.clone();
        total.add(&none);
        assert_eq!((total.quantity, total.held, total.last_inventory_on), (8, 5, Some(day)));
    }
}
