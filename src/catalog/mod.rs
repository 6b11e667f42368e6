//! The control-list catalogue: data files under `catalog/`, loaded, validated and indexed once.
//! See `catalog/README.md` for the format. Nothing about any control list is written in Rust.

pub mod codes;
pub mod diff;
pub mod generate;
mod model;
pub mod monitoring;
mod overlay;
pub mod source;
#[cfg(test)]
pub(crate) mod test_support;
mod validate;
pub mod words;
pub(crate) use validate::phrase_key as validate_phrase_key;

pub use model::{
    Act, ArmsMaker, ArmsMakers, CodeRule, Collision, Entry, Pattern, PolicySetting, Protection, Strength, Threshold,
};
pub use monitoring::{MonitoringPolicy, Profile};
pub use words::OrdinaryWords;

use crate::decision::Decision;
use model::{EntryFile, Manifest, NegativesFile, PolicyFile, RulesFile};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A problem found while checking the catalogue, with the file and entry it concerns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CatalogProblem {
    pub file: String,
    pub code: Option<String>,
    pub message: String,
}

impl std::fmt::Display for CatalogProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{}: entry {}: {}", self.file, code, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error(
        "cannot read catalogue file {path}: {source}. Check the catalogue folder (--catalog or EQUIPCHECK_CATALOG)."
    )]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("catalogue file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("the catalogue has {} problem(s):\n{}", .0.len(), .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<CatalogProblem>),
}

/// The loaded catalogue. Read-only once loaded; share it behind an `Arc`.
#[derive(Debug)]
pub struct Catalog {
    pub version: String,
    pub published: Option<String>,
    pub acts: Vec<Act>,
    pub entries: Vec<Entry>,
    pub policy: BTreeMap<String, PolicySetting>,
    pub code_rules: Vec<CodeRule>,
    /// Phrases that cancel the matches they cover, for every entry.
    pub negatives: Vec<String>,
    /// Ordinary words never taken for a misspelt catalogue word.
    pub known_words: Vec<String>,
    /// Words that negate what follows them up to the end of the clause ("other than", "ausgenommen").
    pub negations: Vec<String>,
    /// Words that negate only the next word ("non-military", "nicht militärisch").
    pub negation_prefixes: Vec<String>,
    /// Articles and determiners a negation reaches over to the words it negates ("other than *the* warships");
    /// any other word between them ends its reach ("excl VAT pistols" negates the VAT, not the pistols).
    pub negation_reaches_over: Vec<String>,
    /// Words that join a list a negation governs as a whole ("without plates or pouches").
    pub negation_joins: Vec<String>,
    /// Ambiguous words that also name ordinary goods, with the words that say the ordinary goods are meant.
    pub collisions: Vec<Collision>,
    /// Protection, detection and decontamination phrases that govern agent words (`[protection]`).
    pub protection: Option<Protection>,
    /// End-use monitoring policy (`monitoring.toml`; the documented defaults when the file is absent).
    pub monitoring: MonitoringPolicy,
    /// Known arms makers (`arms_makers.toml`): named as supplier or manufacturer, a reason to ask.
    pub arms_makers: ArmsMakers,
    /// Not errors, but to be looked at: curated entries whose legal text changed since their terms were checked.
    pub warnings: Vec<CatalogProblem>,
    /// Restrictive measures per destination (`measures/`; none when the folder is absent).
    pub measures: crate::screening::Measures,
    /// Ordinary words of the five languages near catalogue words (`words/LANG.txt`), never typo-corrected.
    pub ordinary_words: OrdinaryWords,
    pub dir: PathBuf,
    by_code: HashMap<String, usize>,
}

impl Catalog {
    /// Loads and validates the catalogue in `dir`; any problem is an error listing every problem found.
    pub fn load(dir: &Path) -> Result<Catalog, CatalogError> {
        let manifest: Manifest = read_toml(&dir.join("manifest.toml"))?;
        let policy: PolicyFile = read_toml(&dir.join("policy.toml"))?;
        let rules: RulesFile = read_optional_toml(&dir.join("declared_codes.toml"))?;
        let negatives: NegativesFile = read_optional_toml(&dir.join("negatives.toml"))?;
        let monitoring: MonitoringPolicy = read_optional_toml(&dir.join("monitoring.toml"))?;
        let arms_makers: ArmsMakers = read_optional_toml(&dir.join("arms_makers.toml"))?;
        let (measures, measure_problems) = crate::screening::Measures::load(&dir.join("measures"))?;
        let mut entries = Vec::new();
        for file in &manifest.files {
            let parsed: EntryFile = read_toml(&dir.join(file))?;
            let generated = parsed.generated_from.is_some();
            entries.extend(parsed.entry.into_iter().map(|mut e| {
                e.file = file.clone();
                e.generated = generated;
                e
            }));
        }
        let merged = overlay::merge(entries);
        let mut catalog = Catalog {
            version: manifest.version,
            published: manifest.published,
            acts: manifest.act,
            entries: merged.entries,
            policy: policy.setting,
            code_rules: rules.rule,
            negatives: negatives.negative,
            known_words: negatives.known_words,
            negations: negatives.negations,
            negation_prefixes: negatives.negation_prefixes,
            negation_reaches_over: negatives.negation_reaches_over,
            negation_joins: negatives.negation_joins,
            collisions: negatives.collision,
            protection: negatives.protection,
            monitoring,
            arms_makers,
            warnings: merged.flags,
            measures,
            ordinary_words: OrdinaryWords::load(dir)?,
            dir: dir.to_path_buf(),
            by_code: HashMap::new(),
        };
        let mut problems = merged.problems;
        problems.extend(validate::check_and_compile(&mut catalog));
        catalog.by_code = index_codes(&catalog.entries);
        problems.extend(measure_problems);
        problems.extend(catalog.monitoring.check(&|code| catalog.entry(code).is_some()));
        problems.extend(check_arms_makers(&catalog.arms_makers));
        if !problems.is_empty() {
            return Err(CatalogError::Invalid(problems));
        }
        Ok(catalog)
    }

    /// The default catalogue folder: `EQUIPCHECK_CATALOG`, else `./catalog`, else the one in the source tree.
    pub fn default_dir() -> PathBuf {
        if let Some(dir) = std::env::var_os("EQUIPCHECK_CATALOG") {
            return PathBuf::from(dir);
        }
        let local = PathBuf::from("catalog");
        if local.join("manifest.toml").is_file() {
            return local;
        }
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog"))
    }

    /// The entry with exactly this code or alias (any spelling of it).
    pub fn entry(&self, code: &str) -> Option<&Entry> {
        self.by_code.get(&codes::key(code)).map(|&i| &self.entries[i])
    }

    /// The entry for a declared code, or its nearest listed parent (`ML13.d.1` finds `ML13.d` or `ML13`).
    /// Returns the entry and whether it matched exactly.
    pub fn entry_for_declared(&self, code: &str) -> Option<(usize, bool)> {
        let segments = codes::segments(code);
        (1..=segments.len()).rev().find_map(|n| {
            self.by_code
                .get(&segments[..n].join("."))
                .map(|&i| (i, n == segments.len()))
        })
    }

    pub fn act(&self, id: &str) -> Option<&Act> {
        self.acts.iter().find(|a| a.id == id)
    }
}

/// The `[[generate]]` tables of the manifest in `dir`.
pub(crate) fn read_generate_specs(dir: &Path) -> Result<Vec<generate::GenerateSpec>, CatalogError> {
    let manifest: Manifest = read_toml(&dir.join("manifest.toml"))?;
    Ok(manifest.generate)
}

fn index_codes(entries: &[Entry]) -> HashMap<String, usize> {
    let mut by_code = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        by_code.insert(codes::key(&entry.code), i);
        for alias in &entry.aliases {
            by_code.entry(codes::key(alias)).or_insert(i);
        }
    }
    by_code
}

pub(crate) fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<T, CatalogError> {
    let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| CatalogError::Parse {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

fn read_optional_toml<T: DeserializeOwned + Default>(path: &Path) -> Result<T, CatalogError> {
    if path.exists() {
        read_toml(path)
    } else {
        Ok(T::default())
    }
}

/// Decisions an entry or rule may resolve to, for messages.
pub(crate) fn decision_names() -> String {
    Decision::ALL.map(|d| d.as_str()).join(", ")
}

/// Every maker has a name that means something after normalisation, and a question is set when any is listed.
fn check_arms_makers(makers: &ArmsMakers) -> Vec<CatalogProblem> {
    let problem = |message: String| CatalogProblem {
        file: "arms_makers.toml".into(),
        code: None,
        message,
    };
    let mut problems = Vec::new();
    if !makers.maker.is_empty() && makers.question.trim().is_empty() {
        problems.push(problem("`question` is required when makers are listed".into()));
    }
    for maker in &makers.maker {
        for name in std::iter::once(&maker.name).chain(&maker.names) {
            if crate::text::normalize(name).len() < 3 {
                problems.push(problem(format!(
                    "maker '{}': the name '{name}' is too short to match safely (3 letters or more)",
                    maker.name
                )));
            }
        }
    }
    problems
}
