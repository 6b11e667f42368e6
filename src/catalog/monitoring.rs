//! The end-use monitoring policy (`catalog/monitoring.toml`): which profile applies per decision and per
//! catalogue entry, and what each profile requires. Missing keys take the documented defaults of
//! `catalog/README.md`; a catalogue without the file gets the defaults whole.

use super::CatalogProblem;
use crate::decision::Decision;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How closely delivered equipment is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Nothing after delivery.
    None,
    /// Certificate, delivery confirmation, incident reporting, consent before transfer.
    Routine,
    /// Routine, plus serials captured before shipment, an initial serial inventory and periodic inventories.
    Enhanced,
}

impl Profile {
    pub const ALL: [Profile; 3] = [Profile::None, Profile::Routine, Profile::Enhanced];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::None => "none",
            Profile::Routine => "routine",
            Profile::Enhanced => "enhanced",
        }
    }

    pub fn parse(text: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Full count of every serial, or a sample of them (large quantities, as in BAFA post-shipment checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InventoryMethod {
    Full,
    Sample,
}

/// What one profile requires. Durations are whole days, months, years or hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProfileRules {
    /// A signed end-user certificate of the project must cover the delivery (checked when it is recorded).
    pub certificate_required: bool,
    /// Every delivered unit comes with its serial number (captured before shipment).
    pub serials_before_shipment: bool,
    /// Days after delivery by which the recipient's delivery confirmation is due (`None`: not required).
    pub delivery_confirmation_days: Option<u32>,
    /// Days after arrival by which the initial serial inventory is due (`None`: no inventories).
    pub initial_inventory_days: Option<u32>,
    /// Months between periodic inventories, counted from the last one done (`None`: no periodic ones).
    pub inventory_interval_months: Option<u32>,
    /// Years after delivery during which periodic inventories are due (or until every serial is disposed of).
    pub inventory_years: u32,
    pub inventory_method: InventoryMethod,
    /// A `sample` inventory accounts for at least this share of the serials in service (percent, rounded up)...
    pub sample_percent: u32,
    /// ...and at least this many of them (or all, when fewer are in service).
    pub sample_minimum: u32,
    /// Hours within which a loss, theft, misuse or unsighted serial must be reported.
    pub incident_report_hours: u32,
    /// Days within which a transfer-consent request must be answered.
    pub transfer_answer_days: u32,
}

impl Default for ProfileRules {
    fn default() -> ProfileRules {
        ProfileRules {
            certificate_required: true,
            serials_before_shipment: false,
            delivery_confirmation_days: Some(30),
            initial_inventory_days: None,
            inventory_interval_months: None,
            inventory_years: 0,
            inventory_method: InventoryMethod::Full,
            sample_percent: 10,
            sample_minimum: 5,
            incident_report_hours: 72,
            transfer_answer_days: 30,
        }
    }
}

impl ProfileRules {
    /// How many of `in_service` serials an inventory by this profile must account for.
    pub fn required_count(&self, method: InventoryMethod, in_service: usize) -> usize {
        match method {
            InventoryMethod::Full => in_service,
            InventoryMethod::Sample => {
                let share = (in_service * self.sample_percent as usize).div_ceil(100);
                share.max(self.sample_minimum as usize).min(in_service)
            }
        }
    }

    fn enhanced_default() -> ProfileRules {
        ProfileRules {
            serials_before_shipment: true,
            initial_inventory_days: Some(90),
            inventory_interval_months: Some(12),
            inventory_years: 5,
            incident_report_hours: 24,
            ..ProfileRules::default()
        }
    }
}

/// `catalog/monitoring.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MonitoringPolicy {
    /// An open obligation is `due_soon` this many days before its due date.
    pub due_soon_days: u32,
    /// Records are kept at least this many years after the last obligation of a delivery ends.
    pub retention_years: u32,
    /// Profile per decision (keys: the six decision words).
    pub decisions: BTreeMap<String, Profile>,
    /// Profile per catalogue entry code; applies to the entry and its sub-entries, and wins over a lower one.
    pub entries: BTreeMap<String, Profile>,
    /// Rules of `routine` and `enhanced` (`none` has no rules).
    pub profiles: ProfileTable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileTable {
    #[serde(default)]
    pub routine: ProfileRules,
    #[serde(default = "ProfileRules::enhanced_default")]
    pub enhanced: ProfileRules,
}

impl Default for ProfileTable {
    fn default() -> ProfileTable {
        ProfileTable {
            routine: ProfileRules::default(),
            enhanced: ProfileRules::enhanced_default(),
        }
    }
}

impl Default for MonitoringPolicy {
    fn default() -> MonitoringPolicy {
        let decisions = [
            (Decision::Prohibited, Profile::None),
            (Decision::Military, Profile::Routine),
            (Decision::DualUse, Profile::Routine),
            (Decision::Controlled, Profile::Routine),
            (Decision::Review, Profile::None),
            (Decision::Clear, Profile::None),
        ];
        MonitoringPolicy {
            due_soon_days: 30,
            retention_years: 5,
            decisions: decisions
                .into_iter()
                .map(|(d, p)| (d.as_str().to_string(), p))
                .collect(),
            entries: BTreeMap::new(),
            profiles: ProfileTable::default(),
        }
    }
}

impl MonitoringPolicy {
    /// The rules of a profile; `None` for the profile `none`.
    pub fn rules(&self, profile: Profile) -> Option<&ProfileRules> {
        match profile {
            Profile::None => None,
            Profile::Routine => Some(&self.profiles.routine),
            Profile::Enhanced => Some(&self.profiles.enhanced),
        }
    }

    /// The profile of an item: the highest of its decision's and of the entries (or their parents) it matched.
    pub fn profile_for(&self, decision: Decision, entry_codes: &[&str]) -> Profile {
        let by_decision = self.decisions.get(decision.as_str()).copied().unwrap_or(Profile::None);
        let by_key: BTreeMap<String, Profile> = self
            .entries
            .iter()
            .map(|(code, p)| (super::codes::key(code), *p))
            .collect();
        entry_codes
            .iter()
            .flat_map(|code| {
                let segments = super::codes::segments(code);
                (1..=segments.len())
                    .filter_map(|n| by_key.get(&segments[..n].join(".")).copied())
                    .collect::<Vec<_>>()
            })
            .fold(by_decision, Profile::max)
    }

    /// Problems of the policy itself; `known_entry` says whether a code is in the catalogue.
    pub(super) fn check(&self, known_entry: &dyn Fn(&str) -> bool) -> Vec<CatalogProblem> {
        let mut problems = Vec::new();
        let mut report = |code: Option<&str>, message: String| {
            problems.push(CatalogProblem {
                file: "monitoring.toml".into(),
                code: code.map(str::to_string),
                message,
            })
        };
        for decision in Decision::ALL {
            if !self.decisions.contains_key(decision.as_str()) {
                report(None, format!("[decisions] has no profile for '{decision}'"));
            }
        }
        for name in self.decisions.keys() {
            if name.parse::<Decision>().is_err() {
                report(
                    None,
                    format!("[decisions] '{name}' is not a decision ({})", super::decision_names()),
                );
            }
        }
        if self.decisions.get("prohibited").is_some_and(|p| *p != Profile::None) {
            report(
                None,
                "prohibited items are never delivered: their profile must be 'none'".into(),
            );
        }
        for code in self.entries.keys() {
            if !known_entry(code) {
                report(
                    Some(code),
                    "[entries] names a code that is not a catalogue entry".into(),
                );
            }
        }
        if self.due_soon_days == 0 {
            report(None, "due_soon_days must be at least 1".into());
        }
        for (name, rules) in [
            ("routine", &self.profiles.routine),
            ("enhanced", &self.profiles.enhanced),
        ] {
            let mut bad = |message: &str| report(None, format!("[profiles.{name}] {message}"));
            if rules.incident_report_hours == 0 {
                bad("incident_report_hours must be at least 1");
            }
            if rules.transfer_answer_days == 0 {
                bad("transfer_answer_days must be at least 1");
            }
            if !(1..=100).contains(&rules.sample_percent) {
                bad("sample_percent must be between 1 and 100");
            }
            if rules.sample_minimum == 0 {
                bad("sample_minimum must be at least 1");
            }
            if rules.inventory_interval_months == Some(0) {
                bad("inventory_interval_months must be at least 1");
            }
            if rules.inventory_years > 0 && rules.inventory_interval_months.is_none() {
                bad("inventory_years needs inventory_interval_months");
            }
            if rules.inventory_interval_months.is_some() && rules.initial_inventory_days.is_none() {
                bad("periodic inventories need an initial one (initial_inventory_days)");
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_entries_raise_the_profile() {
        let mut policy = MonitoringPolicy::default();
        assert!(policy.check(&|_| true).is_empty());
        assert_eq!(policy.profile_for(Decision::DualUse, &[]), Profile::Routine);
        policy.entries.insert("6A002".into(), Profile::Enhanced);
        assert_eq!(policy.profile_for(Decision::DualUse, &["6A002.a.2"]), Profile::Enhanced);
        assert_eq!(policy.profile_for(Decision::DualUse, &["6A003"]), Profile::Routine);
        assert_eq!(policy.profile_for(Decision::Clear, &[]), Profile::None);
    }

    #[test]
    fn a_bad_policy_names_its_problems() {
        let text = r#"
            due_soon_days = 0
            [decisions]
            prohibited = "routine"
            militar = "none"
            [entries]
            "XX1" = "enhanced"
            [profiles.enhanced]
            inventory_years = 3
            initial_inventory_days = 90
        "#;
        let policy: MonitoringPolicy = toml::from_str(text).unwrap();
        let problems: Vec<String> = policy
            .check(&|code| code != "XX1")
            .iter()
            .map(|p| p.to_string())
            .collect();
        let all = problems.join("\n");
        for expected in [
            "no profile for 'military'",
            "'militar' is not a decision",
            "must be 'none'",
            "XX1",
            "due_soon_days",
            "inventory_years needs",
        ] {
            assert!(all.contains(expected), "{expected} missing in:\n{all}");
        }
        assert!(toml::from_str::<MonitoringPolicy>("[decisions]\nclear = \"sometimes\"").is_err());
    }
}

#[cfg(test)]
mod sample_tests {
    use super::*;

    #[test]
    fn a_sample_is_a_share_of_the_serials_with_a_floor_and_never_more_than_all() {
        let rules = ProfileRules::default(); // 10 %, at least 5
        assert_eq!(rules.required_count(InventoryMethod::Sample, 200), 20);
        assert_eq!(rules.required_count(InventoryMethod::Sample, 41), 5);
        assert_eq!(rules.required_count(InventoryMethod::Sample, 51), 6, "rounded up");
        assert_eq!(
            rules.required_count(InventoryMethod::Sample, 3),
            3,
            "all when fewer than the floor"
        );
        assert_eq!(rules.required_count(InventoryMethod::Sample, 0), 0);
        assert_eq!(rules.required_count(InventoryMethod::Full, 200), 200);
    }
}
