//! `equipcheck catalog generate`: builds the structural part of a list (codes, parents, titles, legal text,
//! fingerprints, tariff correlations, the phrases the legal text itself names) from its source text under
//! `catalog/sources/`, as declared by `[[generate]]` in manifest.toml. The output is deterministic (same
//! sources, same bytes), so a new edition of the act is a diff. Curated entries (terms in five languages,
//! thresholds, questions) live in the list's own file and are merged over the generated ones at load.

use super::source::{self, Correlation, SourceEntry, SourceError, SourceText};
use super::{codes, CatalogError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One `[[generate]]` table of manifest.toml.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GenerateSpec {
    /// The entry file written (relative to the catalogue folder), e.g. `annex_i.toml`.
    pub output: String,
    /// The list extract, e.g. `sources/annex-i-2025.txt`.
    pub source: String,
    /// Optional correlation table from tariff codes to entries, e.g. `sources/hs-annex-i.tsv`.
    #[serde(default)]
    pub correlation: Option<String>,
    /// Decision of every generated entry (curated entries may refine it).
    pub decision: crate::decision::Decision,
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What one generation produced (for the command's summary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub output: String,
    pub entries: usize,
    pub changed: bool,
}

/// Regenerates every `[[generate]]` output of the catalogue in `dir`; with `write` false only compares.
pub fn generate_all(dir: &Path, write: bool) -> Result<Vec<Generated>, GenerateError> {
    let specs = super::read_generate_specs(dir)?;
    let mut done = Vec::new();
    for spec in specs {
        let text = render(dir, &spec)?;
        let path = dir.join(&spec.output);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        let changed = current != text;
        if changed && write {
            std::fs::write(&path, &text).map_err(|source| GenerateError::Write {
                path: path.clone(),
                source,
            })?;
        }
        done.push(Generated {
            output: spec.output.clone(),
            entries: text.matches("[[entry]]").count(),
            changed,
        });
    }
    Ok(done)
}

/// The text of one generated entry file.
pub fn render(dir: &Path, spec: &GenerateSpec) -> Result<String, GenerateError> {
    let list = source::parse_list(&spec.source, &source::read(&dir.join(&spec.source))?)?;
    let correlation = match &spec.correlation {
        Some(file) => source::parse_correlation(file, &source::read(&dir.join(file))?)?,
        None => Vec::new(),
    };
    render_from(spec, &list, &correlation)
}

#[derive(Serialize)]
struct OutFile<'a> {
    generated_from: String,
    entry: Vec<OutEntry<'a>>,
}

#[derive(Serialize)]
struct OutEntry<'a> {
    code: &'a str,
    list: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    title: String,
    decision: crate::decision::Decision,
    question: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hs: Vec<String>,
    legal_text: &'a str,
    legal_hash: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    terms: PhraseMap,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    weak: PhraseMap,
}

pub(crate) fn render_from(
    spec: &GenerateSpec,
    list: &SourceText,
    correlation: &[Correlation],
) -> Result<String, GenerateError> {
    let known: BTreeSet<String> = list.entries.iter().map(|e| codes::key(&e.code)).collect();
    let mut hs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in correlation {
        for code in &row.codes {
            if !known.contains(&codes::key(code)) {
                return Err(GenerateError::Invalid {
                    file: spec.correlation.clone().unwrap_or_default(),
                    message: format!(
                        "tariff code {} points to {code}, which is not an entry of {}",
                        row.hs_prefix, list.file
                    ),
                });
            }
            hs.entry(codes::key(code)).or_default().insert(row.hs_prefix.clone());
        }
    }
    let entries = list
        .entries
        .iter()
        .map(|entry| {
            let (terms, weak) = phrases(entry);
            OutEntry {
                code: &entry.code,
                list: &list.act,
                parent: entry.parent.as_deref(),
                title: title(&entry.text),
                decision: spec.decision,
                question: format!(
                    "Does the item meet {} of Annex I as the legal text states it: \"{}\"?",
                    entry.code,
                    shorten(&unquote(&entry.text), 400)
                ),
                hs: hs
                    .get(&codes::key(&entry.code))
                    .map(|set| set.iter().cloned().collect())
                    .unwrap_or_default(),
                legal_text: &entry.text,
                legal_hash: source::fingerprint(&entry.text),
                terms,
                weak,
            }
        })
        .collect();
    let file = OutFile {
        generated_from: format!("{} ({}; {})", list.file, list.version, list.source),
        entry: entries,
    };
    let body = toml::to_string(&file).map_err(|e| GenerateError::Invalid {
        file: spec.output.clone(),
        message: e.to_string(),
    })?;
    Ok(format!(
        "# GENERATED by `equipcheck catalog generate` from {}{}. Do not edit: edit the source\n\
         # text, or refine an entry in the list's curated file (same code; its terms, question and threshold win).\n\n{body}",
        spec.source,
        spec.correlation.as_ref().map(|c| format!(" and {c}")).unwrap_or_default()
    ))
}

/// Phrases by language, as an entry file writes them.
type PhraseMap = BTreeMap<&'static str, Vec<String>>;

/// Words that alone say nothing about which entry is meant.
const GENERIC: &[&str] = &[
    "a",
    "all",
    "and",
    "any",
    "as",
    "by",
    "components",
    "component",
    "equipment",
    "follows",
    "for",
    "in",
    "items",
    "item",
    "materials",
    "material",
    "of",
    "or",
    "other",
    "software",
    "source",
    "code",
    "systems",
    "system",
    "technology",
    "the",
    "to",
    "devices",
    "device",
    "parts",
    "related",
    "specially",
    "designed",
    "modified",
    "electronic",
    "products",
    "following",
    "goods",
    "plant",
    "facilities",
    "assemblies",
    "not",
    "used",
    "specified",
    "this",
    "category",
    "computers",
    "cameras",
    "valves",
    "pumps",
    "robots",
    "lasers",
    "instruments",
    "machines",
    "tools",
    "therefor",
    "thereof",
    "including",
    "such",
    "than",
    "having",
    "are",
    "is",
    "be",
    "which",
    "with",
    "from",
    "on",
    "at",
    "its",
    "their",
    "prepared",
    "general",
    "note",
    "according",
    "development",
    "production",
    "use",
    "characteristics",
];

/// Where the noun phrase of a heading ends.
const CUTS: &[&str] = &[
    " as follows",
    ":",
    ";",
    " (",
    " other than",
    " having",
    " which",
    " specially",
    " designed",
    " usable",
    " capable",
    " containing",
    " incorporating",
    " according to",
    " not specified",
    " in the form",
    " employing",
    " for use",
    " and specially",
    " and related",
    " and components",
    " using",
    " with ",
    " made ",
    " from ",
    " in which",
    " i.e.",
    " e.g.",
    ",",
];

/// The phrases the legal text itself gives: chemical names with their CAS numbers and listed agents (strong),
/// the heading's noun phrase, and for software and technology the entries they serve (weak).
fn phrases(entry: &SourceEntry) -> (PhraseMap, PhraseMap) {
    let mut terms = PhraseMap::new();
    let mut weak = PhraseMap::new();
    let text = unquote(&entry.text);
    let mut seen = BTreeSet::new();
    let mut push = |map: &mut PhraseMap, language: &'static str, phrase: String| {
        let key = crate::catalog::validate_phrase_key(&phrase);
        if !key.is_empty() && seen.insert(key) {
            map.entry(language).or_default().push(phrase);
        }
    };
    for (name, cas) in cas_pairs(&text) {
        if let Some(name) = name {
            push(&mut terms, "en", name);
        }
        push(&mut terms, "any", cas);
    }
    for name in listed_agents(&text) {
        push(&mut terms, "en", name);
    }
    if let Some(phrase) = noun_phrase(&text) {
        push(&mut weak, "en", phrase);
    }
    if let Some(clause) = heading_clause(&text) {
        push(&mut weak, "en", clause);
    }
    let kind = entry.code.as_bytes().get(1).copied();
    if matches!(kind, Some(b'D') | Some(b'E')) {
        // The word in the five languages ("software" is also German, Spanish and Portuguese usage; "technologie"
        // is French and German; "tecnologia" Spanish and Portuguese once accents are stripped).
        let words: &[&str] = if kind == Some(b'D') {
            &["software", "logiciel"]
        } else {
            &["technology", "technologie", "tecnologia"]
        };
        for referenced in referenced_codes(&text, &entry.code).into_iter().take(8) {
            for word in words {
                push(&mut weak, "any", format!("{word} & {referenced}"));
            }
        }
    }
    (terms, weak)
}

/// "Name (CAS 111-48-8)" pairs; the name is the text since the previous separator.
fn cas_pairs(text: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    while let Some(at) = rest.find("(CAS ") {
        let after = &rest[at + 5..];
        let number: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
        let before = &text[..consumed + at];
        let start = before.rfind([';', ':']).map(|i| i + 1).unwrap_or(0);
        let name = before[start..].trim();
        // "12. Name" in numbered lists
        let name = match name.split_once(". ") {
            Some((number, rest)) if number.chars().all(|c| c.is_ascii_digit()) => rest,
            _ => name,
        };
        let name = name.trim().trim_end_matches(',').trim();
        let name = (!name.is_empty() && name.split_whitespace().count() <= 6).then(|| name.to_string());
        if number.matches('-').count() == 2 {
            out.push((name, number));
        }
        consumed += at + 5;
        rest = &text[consumed..];
    }
    out
}

/// The items of "…, as follows: A; B; C." when they are names (a list of agents or chemicals).
fn listed_agents(text: &str) -> Vec<String> {
    // "…, as follows: A; B" or "…, as follows, and sub-units thereof: A; B"
    let Some(list) = text
        .find("as follows")
        .and_then(|at| text[at..].split_once(':'))
        .map(|(_, list)| list)
    else {
        return Vec::new();
    };
    if list.contains("(CAS ") {
        return Vec::new();
    }
    let items: Vec<&str> = list.split(';').map(|i| i.trim().trim_end_matches('.').trim()).collect();
    let names: Vec<String> = items.iter().filter(|i| is_name(i)).map(|i| i.to_string()).collect();
    if names.len() >= 2 && names.len() * 2 >= items.len() {
        names
    } else {
        Vec::new()
    }
}

fn is_name(item: &str) -> bool {
    let words = item.split_whitespace().count();
    (1..=6).contains(&words) && item.chars().next().is_some_and(char::is_uppercase) && !item.contains(',')
}

/// The heading's own noun phrase ("Vacuum pumps", "Components made from fluorinated compounds"): the text up to
/// the first cut after which it names something specific, at most six words. A single word only when it is long
/// and not generic ("Accelerometers"), never "Valves" or "Cameras" alone.
fn noun_phrase(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let mut ends: Vec<usize> = CUTS
        .iter()
        .flat_map(|cut| lower.match_indices(cut).map(|(at, _)| at))
        .filter(|&at| at > 0)
        .collect();
    ends.push(text.len());
    ends.sort_unstable();
    ends.dedup();
    for end in ends {
        let words: Vec<&str> = text[..end].split_whitespace().collect();
        if words.len() > 6 {
            break;
        }
        let phrase = words.join(" ");
        let phrase = phrase.trim_end_matches(['.', ',']).trim();
        let specific: Vec<&str> = content_words(phrase).filter(|w| !is_generic(w)).collect();
        let long_single = words.len() == 1 && specific.first().is_some_and(|w| w.len() >= 9);
        if !specific.is_empty() && (words.len() >= 2 || long_single) {
            return Some(phrase.to_string());
        }
    }
    None
}

/// The heading's whole first clause as the list words it ("Software specially designed or modified for the use
/// of equipment specified in 2B204, 2B206"): a description that quotes the list is a candidate for the entry.
/// Only when it says something specific in at least four words, and not too long to be quoted.
fn heading_clause(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let end = [", as follows", " as follows", ":", ";"]
        .iter()
        .filter_map(|cut| lower.find(cut))
        .min()
        .unwrap_or(text.len());
    let clause = text[..end].trim().trim_end_matches(['.', ',']).trim();
    // A long clause is quoted by its opening words.
    let words: Vec<&str> = clause.split_whitespace().collect();
    let quoted = if words.len() > 30 {
        words[..12].join(" ")
    } else {
        words.join(" ")
    };
    let quoted = quoted.trim_end_matches(['.', ',', ';']).to_string();
    let specific = content_words(&quoted).filter(|w| !is_generic(w)).count();
    (words.len() >= 4 && specific >= 2).then_some(quoted)
}

fn content_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

fn is_generic(word: &str) -> bool {
    GENERIC.contains(&word.to_lowercase().as_str())
}

/// Other Annex I entries the text refers to ("specified in 2B104"), in order, without repeats.
fn referenced_codes(text: &str, own: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(4) {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let shape = bytes[i].is_ascii_digit()
            && (b'A'..=b'E').contains(&bytes[i + 1])
            && bytes[i + 2..i + 5].iter().all(u8::is_ascii_digit)
            && bytes.get(i + 5).is_none_or(|b| !b.is_ascii_alphanumeric());
        if boundary && shape {
            let code = &text[i..i + 5];
            if code != own && !out.iter().any(|c| c == code) {
                out.push(code.to_string());
            }
        }
    }
    out
}

/// The heading as a title: without the list that follows, without quotation marks, at most 200 characters.
fn title(text: &str) -> String {
    let plain = unquote(text);
    let lower = plain.to_lowercase();
    let end = [", as follows", " as follows", ":"]
        .iter()
        .filter_map(|cut| lower.find(cut))
        .min()
        .unwrap_or(plain.len());
    let head = plain[..end].trim().trim_end_matches([',', ';', '.']).trim();
    shorten(if head.is_empty() { &plain } else { head }, 200)
}

fn unquote(text: &str) -> String {
    text.replace(['"', '\u{201c}', '\u{201d}'], "")
        .replace(" '", " ")
        .replace("' ", " ")
        .replace("',", ",")
        .replace("'.", ".")
        .replace("';", ";")
        .replace("':", ":")
        .replace("('", "(")
        .replace("')", ")")
        .trim_start_matches('\'')
        .to_string()
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::Decision;

    fn spec() -> GenerateSpec {
        GenerateSpec {
            output: "annex_i.toml".into(),
            source: "sources/x.txt".into(),
            correlation: Some("sources/c.tsv".into()),
            decision: Decision::DualUse,
        }
    }

    const LIST: &str = "@act EU-DU\n@version 2025\n@source https://example.org\n## 1C Materials\n\
        1C350\tChemicals, which may be used as precursors for toxic chemical agents, as follows: 1. Thiodiglycol (CAS 111-48-8); 2. Phosphorus oxychloride (CAS 10025-87-3).\n\
        1C351.d\t\"Toxins\", as follows: Ricin; Saxitoxin; Abrin.\n\
        2B231\tVacuum pumps having all of the following characteristics: input throat size.\n\
        2D101\t\"Software\" specially designed or modified for the \"use\" of equipment specified in 2B104, 2B105 or 2B231.\n";

    fn list() -> SourceText {
        source::parse_list("x.txt", LIST).unwrap()
    }

    #[test]
    fn generation_is_deterministic_and_carries_the_legal_text() {
        let rows = source::parse_correlation("c.tsv", "2812 10\t1C350\n").unwrap();
        let a = render_from(&spec(), &list(), &rows).unwrap();
        let b = render_from(&spec(), &list(), &rows).unwrap();
        assert_eq!(a, b);
        let parsed: super::super::model::EntryFile = toml::from_str(&a).unwrap();
        assert_eq!(parsed.entry.len(), 4);
        let chem = &parsed.entry[0];
        assert_eq!(chem.hs, ["281210"]);
        assert_eq!(
            chem.legal_hash.as_deref(),
            Some(source::fingerprint(&list().entries[0].text).as_str())
        );
        assert!(
            chem.terms["en"].contains(&"Thiodiglycol".to_string()),
            "{:?}",
            chem.terms
        );
        assert!(chem.terms["any"].contains(&"111-48-8".to_string()));
        assert_eq!(
            chem.title,
            "Chemicals, which may be used as precursors for toxic chemical agents"
        );
    }

    #[test]
    fn agents_headings_and_software_references_become_phrases() {
        let text = render_from(&spec(), &list(), &[]).unwrap();
        let parsed: super::super::model::EntryFile = toml::from_str(&text).unwrap();
        assert_eq!(parsed.entry[1].terms["en"], ["Ricin", "Saxitoxin", "Abrin"]);
        assert_eq!(
            parsed.entry[2].weak["en"],
            ["Vacuum pumps"],
            "one specific word is too little for the clause"
        );
        assert_eq!(
            parsed.entry[3].weak["any"],
            [
                "software & 2B104",
                "logiciel & 2B104",
                "software & 2B105",
                "logiciel & 2B105",
                "software & 2B231",
                "logiciel & 2B231"
            ]
        );
        let en = &parsed.entry[3].weak["en"];
        assert_eq!(
            en.len(),
            1,
            "\"Software\" alone is not a phrase, the whole clause is: {en:?}"
        );
        assert!(en[0].starts_with("Software specially designed or modified for the use of equipment"));
    }

    #[test]
    fn a_correlation_to_an_unknown_entry_is_an_error() {
        let rows = source::parse_correlation("c.tsv", "9005\t6A999\n").unwrap();
        let err = render_from(&spec(), &list(), &rows).unwrap_err().to_string();
        assert!(err.contains("6A999"), "{err}");
    }

    #[test]
    fn a_changed_legal_text_changes_only_its_entry() {
        let before = render_from(&spec(), &list(), &[]).unwrap();
        let changed = LIST.replace("input throat size", "input throat size of 400 mm");
        let after = render_from(&spec(), &source::parse_list("x.txt", &changed).unwrap(), &[]).unwrap();
        let diff: Vec<_> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
        assert_eq!(
            diff.len(),
            3,
            "question, legal text and fingerprint of 2B231 only: {diff:?}"
        );
    }
}
