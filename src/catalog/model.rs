//! The catalogue's file formats (serde). Unknown fields are errors, so a typo in a data file is caught.

use crate::decision::Decision;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Manifest {
    pub version: String,
    pub published: Option<String>,
    pub files: Vec<String>,
    #[serde(default)]
    pub act: Vec<Act>,
    /// Entry files built from source texts by `equipcheck catalog generate`.
    #[serde(default)]
    pub generate: Vec<super::generate::GenerateSpec>,
}

/// A legal act the catalogue's entries come from, with the version encoded.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    pub id: String,
    pub title: String,
    pub reference: String,
    pub version: String,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EntryFile {
    /// Set in generated files: the source text they were built from.
    #[serde(default)]
    pub generated_from: Option<String>,
    #[serde(default)]
    pub entry: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PolicyFile {
    #[serde(default)]
    pub setting: BTreeMap<String, PolicySetting>,
}

/// One of the organisation's choices, e.g. whether pepper spray is `controlled` or `prohibited`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySetting {
    pub decision: Decision,
    pub allowed: Vec<Decision>,
    pub default: Decision,
    pub why: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RulesFile {
    #[serde(default)]
    pub rule: Vec<CodeRule>,
}

/// How to read a declared code that is not a catalogue entry (US ECCN families, "not listed").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRule {
    pub id: String,
    pub regex: String,
    pub list: String,
    pub decision: Decision,
    pub title: String,
    /// False for declarations that the item is not listed (EAR99, 5A992): reported, never lowering a decision.
    #[serde(default = "yes")]
    pub listed: bool,
    #[serde(skip)]
    pub compiled: Option<Regex>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NegativesFile {
    #[serde(default)]
    pub negative: Vec<String>,
    #[serde(default)]
    pub known_words: Vec<String>,
    #[serde(default)]
    pub negations: Vec<String>,
    #[serde(default)]
    pub negation_prefixes: Vec<String>,
    #[serde(default)]
    pub negation_reaches_over: Vec<String>,
    #[serde(default)]
    pub negation_joins: Vec<String>,
    #[serde(default)]
    pub collision: Vec<Collision>,
    #[serde(default)]
    pub protection: Option<Protection>,
}

/// Words that say the agents named beside them are what the item protects against, detects or decontaminates
/// ("protection contre les agents de guerre chimique", "nerve agent detector"): such agent words point to the
/// protective entry as a weak match (`review` with its question) and never decide their own entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protection {
    /// The protective entry governed agent words point to (e.g. 1A004).
    pub entry: String,
    /// The entries whose words a protection phrase governs: `CODE` the entry itself, `CODE.*` with its
    /// sub-entries.
    pub governs: Vec<String>,
    /// Phrases that govern the agent words after them, to the end of the sentence.
    #[serde(default)]
    pub before: Vec<String>,
    /// Words that govern the agent words just before them (at most two words between).
    #[serde(default)]
    pub after: Vec<String>,
}

/// Ambiguous words that also name ordinary goods, and the words that say the ordinary goods are meant: beside
/// one of those, the ambiguous word counts only when another word corroborates it ("magazines" beside
/// "newspapers" is a publication; "magazine, 30 rounds" is not).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collision {
    pub words: Vec<String>,
    pub civilian: Vec<String>,
}

/// `arms_makers.toml`: manufacturers whose name, as supplier or manufacturer of a line, is a reason to ask.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArmsMakers {
    /// The question a reviewer answers when a line names one of them.
    #[serde(default)]
    pub question: String,
    /// The decision such a line gets (`review`: a maker of weapons also makes other things).
    #[serde(default = "review_decision")]
    pub decision: Decision,
    #[serde(default)]
    pub maker: Vec<ArmsMaker>,
}

fn review_decision() -> Decision {
    Decision::Review
}

impl Default for ArmsMakers {
    fn default() -> Self {
        ArmsMakers {
            question: String::new(),
            decision: review_decision(),
            maker: Vec::new(),
        }
    }
}

/// One arms maker and the ways its name is written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArmsMaker {
    pub name: String,
    /// Other spellings and company names; each is matched as whole words after normalisation.
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub country: Option<String>,
    /// What it makes, shown in the reason.
    #[serde(default)]
    pub makes: Option<String>,
}

/// How much one match says on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// Alone gives nothing; confirms a weak match beside it.
    Context,
    /// Alone gives `review` with the entry's question.
    Weak,
    /// Decides the entry.
    Strong,
}

impl Strength {
    /// One step weaker (for fuzzy matches), but never below weak for a word that was weak or strong.
    /// Weak stays weak: a misspelt ambiguous word ("silncer") still deserves a human look.
    pub fn weaker(self) -> Option<Strength> {
        match self {
            Strength::Strong | Strength::Weak => Some(Strength::Weak),
            Strength::Context => None,
        }
    }
}

/// A catalogue entry: one control-list item (or HS heading) with everything that recognises it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub list: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// May be left out only by an entry that refines a generated one (it keeps the generated title).
    #[serde(default)]
    pub title: String,
    /// As written in the file; see [`Entry::decision`] for the resolved one.
    #[serde(default, rename = "decision", skip_serializing)]
    pub declared_decision: Option<Decision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub terms: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weak: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calibres: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negative: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<Pattern>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    /// The operative legal text of the entry (generated from the source text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_text: Option<String>,
    /// Fingerprint of `legal_text` (generated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_hash: Option<String>,
    /// In a curated entry refining a generated one: the `legal_hash` its terms were checked against. When the
    /// legal text changes, `catalog validate` flags the entry for its terms to be checked again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_against: Option<String>,
    /// HS 9304: take the policy decision of a matched policy entry (pepper spray, baton) instead of `prohibited`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub defer_to_policy: bool,
    /// The file the entry was read from.
    #[serde(default, skip_deserializing)]
    pub file: String,
    /// Read from a generated file (and possibly refined by a curated entry of the same code).
    #[serde(default, skip_deserializing, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
    /// The decision after applying the policy file.
    #[serde(default = "clear", skip_deserializing, rename = "decision")]
    pub resolved: Decision,
}

fn clear() -> Decision {
    Decision::Clear
}

impl Entry {
    pub fn decision(&self) -> Decision {
        self.resolved
    }

    /// Every phrase of the entry with its strength, as written (a leading `*` allows compounds).
    pub fn phrases(&self) -> impl Iterator<Item = (&str, Strength)> {
        let lists = [
            (&self.terms, Strength::Strong),
            (&self.weak, Strength::Weak),
            (&self.context, Strength::Context),
        ];
        lists
            .into_iter()
            .flat_map(|(map, strength)| map.values().flatten().map(move |p| (p.as_str(), strength)))
            .chain(self.models.iter().map(|p| (p.as_str(), Strength::Strong)))
            .chain(self.calibres.iter().map(|p| (p.as_str(), Strength::Strong)))
    }
}

/// A regular expression over the normalised description.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub regex: String,
    pub strength: Strength,
    /// Compiled at its first use: the classifier asks a pattern only after the set of all patterns matched it, so
    /// compiling each one at start-up cost a tenth of checking a 20,000-row sheet for nothing.
    #[serde(skip)]
    compiled: std::sync::OnceLock<Option<Regex>>,
}

impl Pattern {
    /// The compiled expression (`catalog validate` checked its syntax; the classifier's pattern set compiled it).
    pub fn compiled(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| Regex::new(&self.regex).ok()).as_ref()
    }
}

/// The attribute an entry turns on (frame rate, endurance, protection level ...).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub question: String,
    #[serde(default)]
    pub measures: Vec<Measure>,
    pub above: Option<f64>,
    pub at_least: Option<f64>,
    pub below: Option<f64>,
    pub at_most: Option<f64>,
    #[serde(default)]
    pub met: Vec<String>,
    #[serde(default)]
    pub not_met: Vec<String>,
    /// Decision when the threshold is not met; `clear` unless said otherwise.
    pub otherwise: Option<Decision>,
}

impl Threshold {
    /// Whether a measured value meets the threshold.
    pub fn is_met_by(&self, value: f64) -> bool {
        self.above.is_none_or(|t| value > t)
            && self.at_least.is_none_or(|t| value >= t)
            && self.below.is_none_or(|t| value < t)
            && self.at_most.is_none_or(|t| value <= t)
    }

    /// The comparison in words, for explanations.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            self.above.map(|t| format!("above {t}")),
            self.at_least.map(|t| format!("at least {t}")),
            self.below.map(|t| format!("below {t}")),
            self.at_most.map(|t| format!("at most {t}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(" and ")
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub regex: String,
    #[serde(default = "one")]
    pub scale: f64,
    /// Words that, just before the number, show it measures something else ("230 V 50 Hz" is the mains).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore_after: Vec<String>,
    #[serde(skip)]
    pub compiled: Option<Regex>,
}

fn one() -> f64 {
    1.0
}
