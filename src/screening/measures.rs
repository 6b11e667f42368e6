//! Restrictive measures as data (`catalog/measures/regimes.toml`): regimes per destination, their legal acts and
//! what each measure bans. Unknown fields are errors, like the rest of the catalogue.

use crate::decision::Decision;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RegimesFile {
    pub version: String,
    pub taken: String,
    #[serde(default)]
    pub regime: Vec<Regime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Authority {
    EU,
    UN,
}

/// One sanctions regime for one or more destinations (or regions of one).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    pub id: String,
    pub authority: Authority,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// When set, the regime applies only to a destination naming one of these regions, not to the whole country.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    pub title: String,
    pub source: String,
    /// The day the regime was last checked against its source.
    pub taken: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub act: Vec<LegalAct>,
    pub measure: Vec<Measure>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LegalAct {
    pub id: String,
    pub title: String,
    /// Date of adoption, `YYYY-MM-DD`.
    pub date: String,
    pub url: String,
}

/// What a measure restricts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    ArmsEmbargo,
    GovernmentExempt,
    NonStateActors,
    InternalRepression,
    DualUseBan,
    MonitoringEquipment,
    Sectoral,
}

impl MeasureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::ArmsEmbargo => "arms_embargo",
            MeasureKind::GovernmentExempt => "government_exempt",
            MeasureKind::NonStateActors => "non_state_actors",
            MeasureKind::InternalRepression => "internal_repression",
            MeasureKind::DualUseBan => "dual_use_ban",
            MeasureKind::MonitoringEquipment => "monitoring_equipment",
            MeasureKind::Sectoral => "sectoral",
        }
    }

    /// An arms embargo of any scope: the Article 4 catch-all of Regulation (EU) 2021/821 applies.
    pub fn is_arms_embargo(self) -> bool {
        matches!(
            self,
            MeasureKind::ArmsEmbargo | MeasureKind::GovernmentExempt | MeasureKind::NonStateActors
        )
    }
}

/// Classes of goods a measure covers, recognised from the item's control-list findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Goods {
    /// EU Common Military List entries and weapons.
    Military,
    /// EU dual-use Annex I and US CCL entries.
    DualUse,
    /// The common annex of equipment for internal repression (catalogue list `EU-IR`).
    InternalRepression,
    /// Cyber-surveillance items (catalogue list `EU-ART5`).
    CyberSurveillance,
    /// Anything a control list flags.
    Listed,
    /// Every line (with `hs`: every line whose HS code starts with one of the prefixes).
    All,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub kind: MeasureKind,
    /// The id of one of the regime's acts.
    pub act: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub articles: Option<String>,
    pub goods: Vec<Goods>,
    /// HS prefixes (digits) a sectoral ban covers; empty: every HS code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hs: Vec<String>,
    /// `prohibited` or `review`.
    pub effect: Decision,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exemptions: Vec<String>,
    /// The question a reviewer answers; required when the effect is `review`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

/// Checks the regimes against the countries known; returns one message per problem.
pub(super) fn check(file: &RegimesFile, known_country: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut problems = Vec::new();
    if file.version.trim().is_empty() {
        problems.push("version is empty".to_string());
    }
    if !is_date(&file.taken) {
        problems.push(format!("taken '{}' is not a date YYYY-MM-DD", file.taken));
    }
    let mut ids = std::collections::HashSet::new();
    for regime in &file.regime {
        let mut problem = |m: String| problems.push(format!("regime {}: {m}", regime.id));
        if !ids.insert(regime.id.as_str()) {
            problem("two regimes share this id".into());
        }
        if regime.countries.is_empty() {
            problem("names no country".into());
        }
        for code in &regime.countries {
            if !known_country(code) {
                problem(format!("country '{code}' is not an ISO code in countries.toml"));
            }
        }
        if !is_date(&regime.taken) {
            problem(format!("taken '{}' is not a date YYYY-MM-DD", regime.taken));
        }
        if !regime.source.starts_with("https://") {
            problem("source must be an https:// address".into());
        }
        if regime.act.is_empty() || regime.measure.is_empty() {
            problem("needs at least one act and one measure".into());
        }
        for act in &regime.act {
            if !is_date(&act.date) {
                problem(format!("act {}: date '{}' is not YYYY-MM-DD", act.id, act.date));
            }
        }
        for (i, measure) in regime.measure.iter().enumerate() {
            let n = i + 1;
            if !regime.act.iter().any(|a| a.id == measure.act) {
                problem(format!(
                    "measure {n}: act '{}' is not one of the regime's acts",
                    measure.act
                ));
            }
            if !matches!(measure.effect, Decision::Prohibited | Decision::Review) {
                problem(format!(
                    "measure {n}: effect must be prohibited or review, not {}",
                    measure.effect
                ));
            }
            if measure.effect == Decision::Review && measure.question.is_none() {
                problem(format!(
                    "measure {n}: an effect of review needs the question a reviewer answers"
                ));
            }
            if measure.goods.is_empty() {
                problem(format!("measure {n}: goods is empty"));
            }
            if measure.summary.trim().is_empty() {
                problem(format!("measure {n}: summary is empty"));
            }
            for prefix in &measure.hs {
                if prefix.is_empty() || prefix.len() > 10 || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                    problem(format!("measure {n}: HS prefix '{prefix}' must be 1 to 10 digits"));
                }
            }
        }
    }
    problems
}

fn is_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}
