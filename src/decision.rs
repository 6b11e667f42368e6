//! The product's public vocabulary: the one decision every item gets.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One decision per item. The order of the variants is the order of severity, most severe first,
/// so `Ord` can pick the decision of an item with several findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Weapons, ammunition, explosives, weapon parts, goods banned outright: never approvable.
    Prohibited,
    /// EU Common Military List, not a weapon: licence, approval and end-use monitoring.
    Military,
    /// EU Dual-Use Regulation Annex I: licence check, approval and end-use monitoring.
    DualUse,
    /// Anti-torture Regulation Annex III or IV: needs an authorisation.
    Controlled,
    /// Some evidence, not enough to decide: a human classifies it.
    Review,
    /// No control applies.
    Clear,
}

impl Decision {
    pub const ALL: [Decision; 6] = [
        Decision::Prohibited,
        Decision::Military,
        Decision::DualUse,
        Decision::Controlled,
        Decision::Review,
        Decision::Clear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Prohibited => "prohibited",
            Decision::Military => "military",
            Decision::DualUse => "dual_use",
            Decision::Controlled => "controlled",
            Decision::Review => "review",
            Decision::Clear => "clear",
        }
    }

    /// Rank for combining findings: higher is more severe.
    pub fn severity(self) -> u8 {
        match self {
            Decision::Prohibited => 5,
            Decision::Military => 4,
            Decision::DualUse => 3,
            Decision::Controlled => 2,
            Decision::Review => 1,
            Decision::Clear => 0,
        }
    }

    /// The more severe of two decisions.
    pub fn max(self, other: Decision) -> Decision {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    /// What the decision means, for reports and `--help`.
    pub fn meaning(self) -> &'static str {
        match self {
            Decision::Prohibited => "weapon, ammunition, explosive, weapon part or banned good: never approvable",
            Decision::Military => "EU Common Military List (not a weapon): licence, approval, end-use monitoring",
            Decision::DualUse => "EU dual-use Annex I: licence check, approval, end-use monitoring",
            Decision::Controlled => "anti-torture Regulation Annex III/IV: authorisation required",
            Decision::Review => "evidence, but not enough to decide: a reviewer must classify it",
            Decision::Clear => "no control applies",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown decision '{0}': expected one of prohibited, military, dual_use, controlled, review, clear")]
pub struct UnknownDecision(pub String);

impl FromStr for Decision {
    type Err = UnknownDecision;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decision::ALL
            .into_iter()
            .find(|d| d.as_str() == s.trim())
            .ok_or_else(|| UnknownDecision(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_orders_prohibited_first_and_clear_last() {
        let ranks: Vec<u8> = Decision::ALL.iter().map(|d| d.severity()).collect();
        assert!(ranks.windows(2).all(|w| w[0] > w[1]));
        assert_eq!(Decision::Clear.max(Decision::Review), Decision::Review);
        assert_eq!(Decision::Prohibited.max(Decision::Military), Decision::Prohibited);
    }

    #[test]
    fn names_round_trip() {
        for d in Decision::ALL {
            assert_eq!(d.as_str().parse::<Decision>().unwrap(), d);
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{d}\""));
        }
        assert!("weapon".parse::<Decision>().is_err());
    }
}
