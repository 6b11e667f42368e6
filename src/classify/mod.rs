//! The classifier: one decision per item with its evidence. No I/O; the compiled matchers are built once
//! from the catalogue and shared read-only, so one `Classifier` serves every thread.

mod codes;
mod correct;
mod decide;
mod fuzzy;
mod makers;
mod matcher;
mod model;
mod protection;
mod screen_text;
mod text_hits;

pub use matcher::MatcherError;

/// Every tariff code an HS cell may hold, as digits (both readings where a gap reads either way), for the
/// destination measures that name tariff codes.
pub fn hs_codes_in(written: &str) -> Vec<String> {
    let cell = codes::read_hs(written);
    cell.codes.into_iter().chain(cell.possible).collect()
}
pub use model::{Classification, Evidence, EvidenceKind, ExtraText, Field, Finding, Ignored, ItemText};

use crate::catalog::{Catalog, Strength};
use crate::decision::Decision;
use crate::memo::Memo;
use crate::screening::parties::PartyScreening;
use crate::screening::Place;
use crate::text::Normalized;
use regex::{Regex, RegexSet};
use std::sync::Arc;

/// The findings and cancelled matches of one screened text, shared by every line that repeats it.
type Screened = Arc<(Vec<Finding>, Vec<Ignored>)>;

pub struct Classifier {
    catalog: Arc<Catalog>,
    matcher: matcher::Matcher,
    fuzzy: fuzzy::Fuzzy,
    /// Every entry pattern in one set, so a description is scanned once whatever their number.
    patterns: RegexSet,
    /// (entry, pattern index within the entry) for each pattern of the set.
    pattern_owners: Vec<(u32, u32)>,
    /// HS prefixes (digits) with the entries they point to.
    hs_prefixes: codes::HsPrefixes,
    /// "Title, reference (version)" of each entry's act.
    act_labels: Vec<String>,
    /// Control-list codes as written inside a text (`ML1.a`, `6A003.b.4`, `EAR99`).
    text_codes: Regex,
    /// HS codes written with their label inside a text (`HS 9301`, `CN 9301 90 00`).
    text_hs: codes::TextHs,
    /// Normalised names of the known arms makers, with the maker's index.
    arms_makers: makers::MakerNames,
    version: Arc<str>,
    /// The sanctions lists a line's parties are screened against (none loaded: parties are not screened).
    parties: Option<Arc<PartyScreening>>,
    /// Agent words governed by protection phrases point to this entry (`[protection]` of negatives.toml).
    protection: Option<protection::Protection>,
    /// Screenings of the other text cells already seen.
    other_texts: Memo<Screened>,
    /// Descriptions (and other text cells) already seen whose words point at no entry, with what they cancelled.
    texts: Memo<Screened>,
    /// Suppliers already looked up among the arms makers.
    suppliers: Memo<Screened>,
    /// Normalised words a negation reaches over (`negation_reaches_over` of negatives.toml).
    negation_reach: rustc_hash::FxHashSet<String>,
    /// Normalised words that join a negated list (`negation_joins` of negatives.toml).
    negation_joins: rustc_hash::FxHashSet<String>,
}

/// Room for the lazy DFA of the catalogue's pattern set (see `Classifier::new`).
const PATTERN_SET_DFA_BYTES: usize = 16 << 20;

/// A code inside a text: EU Military List (`ML1`, `ML13.d.1`, `ML 3`, `ML-1`, `Ml1`, `ML1a`, `ML 1 a`), dual-use
/// or US ECCN shape (`6A003.b.4`, `0A501`, `0A 501`), `EAR99`, on word boundaries. `ML` with a space or hyphen
/// after it is upper case only: `ml` before a number is a volume. A sub-item run on without a dot (`ML1a`) is read
/// for the Military List only: `3D100A` is a product code. What may still be a volume or an amperage (`500 ML 2`,
/// `5A 250`) is sorted out by `codes::collect_in_text`.
const TEXT_CODE: &str = concat!(
    r"\b(?:M[Ll][0-9]{1,2}|ML[ -][0-9]{1,2})(?:(?:\.[a-zA-Z]| ?[a-z])(?:\.?[0-9]{1,2}(?:\.?[a-zA-Z](?:\.?[0-9]{1,2})?)?)?)?\b",
    r"|\b[0-9][A-E] ?[0-9]{3}(?:\.[a-zA-Z](?:\.[0-9]{1,2}(?:\.[a-zA-Z](?:\.[0-9]{1,2})?)?)?)?\b",
    r"|\bEAR99\b"
);

impl std::fmt::Debug for Classifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Classifier")
            .field("catalog_version", &self.version)
            .finish()
    }
}

impl Classifier {
    /// Compiles the catalogue's phrases, patterns and codes.
    pub fn new(catalog: Arc<Catalog>) -> Result<Classifier, MatcherError> {
        let matcher = matcher::Matcher::build(&catalog)?;
        let fuzzy = fuzzy::Fuzzy::build(&catalog);
        let mut sources = Vec::new();
        let mut pattern_owners = Vec::new();
        for (i, entry) in catalog.entries.iter().enumerate() {
            for (j, pattern) in entry.patterns.iter().enumerate() {
                sources.push(pattern.regex.clone());
                pattern_owners.push((i as u32, j as u32));
            }
        }
        // The set's lazy DFA builds a state the first time a text takes a new path through all the patterns (CPV's
        // 18,909 titles build about 3,000). The default 2 MiB cache is cleared when full, and after a few clears
        // with little progress a search falls back to the far slower PikeVM; the room is taken only as states are.
        let patterns = regex::RegexSetBuilder::new(&sources)
            .dfa_size_limit(PATTERN_SET_DFA_BYTES)
            .build()
            .map_err(|e| MatcherError::new(e.to_string()))?;
        let hs_prefixes = codes::HsPrefixes::build(&catalog);
        let act_labels = catalog.entries.iter().map(|e| act_label(&catalog, &e.list)).collect();
        let version: Arc<str> = Arc::from(catalog.version.as_str());
        let text_codes = Regex::new(TEXT_CODE).map_err(|e| MatcherError::new(e.to_string()))?;
        let text_hs = codes::TextHs::new().map_err(|e| MatcherError::new(e.to_string()))?;
        let arms_makers = catalog
            .arms_makers
            .maker
            .iter()
            .enumerate()
            .flat_map(|(i, m)| {
                std::iter::once(&m.name)
                    .chain(&m.names)
                    .map(move |n| (crate::text::normalize(n), i))
            })
            .filter(|(n, _)| !n.is_empty())
            .collect();
        let arms_makers = makers::MakerNames::build(arms_makers)?;
        let protection = protection::Protection::build(&catalog);
        let normalized_words = |words: &[String]| {
            words
                .iter()
                .map(|w| crate::text::normalize(w))
                .filter(|w| !w.is_empty())
                .collect()
        };
        let negation_reach = normalized_words(&catalog.negation_reaches_over);
        let negation_joins = normalized_words(&catalog.negation_joins);
        Ok(Classifier {
            catalog,
            matcher,
            fuzzy,
            patterns,
            pattern_owners,
            hs_prefixes,
            act_labels,
            text_codes,
            text_hs,
            arms_makers,
            version,
            parties: None,
            protection,
            other_texts: Memo::default(),
            texts: Memo::default(),
            suppliers: Memo::default(),
            negation_reach,
            negation_joins,
        })
    }

    /// The same classifier, screening every line's parties against these lists.
    pub fn with_parties(mut self, parties: Arc<PartyScreening>) -> Classifier {
        self.parties = Some(parties);
        self
    }

    /// The loaded sanctions lists, if any.
    pub fn parties(&self) -> Option<&Arc<PartyScreening>> {
        self.parties.as_ref()
    }

    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    pub fn catalog_version(&self) -> &Arc<str> {
        &self.version
    }

    /// Classifies one item. Never fails: what cannot be decided is `review`.
    pub fn classify(&self, item: &ItemText<'_>) -> Classification {
        let mut ignored = Vec::new();
        let mut findings = Vec::new();
        self.screen_text(
            item.description,
            item.hs_code,
            item.control_code,
            &mut findings,
            &mut ignored,
        );
        // Every other text cell is screened on its own, as if it were a description; its findings name the
        // column and join the item's (the decision is the most severe of all).
        for extra in item.extra {
            let place = (Field::Extra, Some(extra.column.as_str()));
            self.screen_other(&extra.text, place, &extra.column, &mut findings, &mut ignored);
        }
        // An HS cell of words ("AK-47", "fusil") is screened as text too: what a buyer typed is never skipped.
        if let Some(hs) = item.hs_code.filter(|hs| codes::read_hs(hs).words) {
            self.screen_other(hs, (Field::HsCode, None), "HS code", &mut findings, &mut ignored);
        }
        if let Some(supplier) = item.supplier {
            let screened = self.suppliers.get_or_compute(supplier, || {
                let mut found = Vec::new();
                self.screen_supplier(supplier, &mut found);
                Arc::new((found, Vec::new()))
            });
            findings.extend(screened.0.iter().cloned());
        }
        findings.sort_by_key(|f| std::cmp::Reverse(f.decision.severity()));
        let decision = findings.iter().map(|f| f.decision).fold(Decision::Clear, Decision::max);
        // A question matters when the item is `review`, or when answering it could make the item worse than
        // its decision (a weapon question beside a military finding); otherwise it is already settled.
        let open = |f: &&Finding| {
            f.decision == Decision::Review
                && (decision == Decision::Review
                    || self
                        .catalog
                        .entry(&f.entry)
                        .is_some_and(|e| e.decision().severity() > decision.severity()))
        };
        let mut questions: Vec<String> = Vec::new();
        for finding in findings.iter().filter(open) {
            if let Some(q) = &finding.question {
                if !questions.contains(q) {
                    questions.push(q.clone());
                }
            }
        }
        Classification {
            decision,
            catalog_version: self.version.clone(),
            findings,
            questions,
            ignored,
            other_text: item.extra.to_vec(),
            party_lists: Vec::new(),
        }
    }

    /// Classifies one item, screens it against the restrictive measures of where it goes (see
    /// [`crate::screening::destination`]) and its supplier and end user against the loaded sanctions lists; with
    /// no place given, the same as [`Classifier::classify`] plus the human-rights (Article 5) question.
    pub fn classify_at(&self, item: &ItemText<'_>, place: Place<'_>) -> Classification {
        let mut classification = self.classify(item);
        crate::screening::destination::screen(&self.catalog.measures, &mut classification, place, item.hs_code);
        if let Some(parties) = &self.parties {
            parties.apply(&mut classification, item.supplier, item.end_user);
        }
        classification
    }

    /// Screens another text cell of the line as if it were a description; its findings and cancelled matches
    /// name the cell (`field`, and `column` when it has one) and join the item's.
    fn screen_other(
        &self,
        text: &str,
        (field, column): (Field, Option<&str>),
        label: &str,
        findings: &mut Vec<Finding>,
        ignored: &mut Vec<Ignored>,
    ) {
        if text.trim().is_empty() {
            return;
        }
        let screened = self.other_texts.get_or_compute(text, || {
            let (mut more, mut more_ignored) = (Vec::new(), Vec::new());
            self.screen_text(text, None, None, &mut more, &mut more_ignored);
            Arc::new((more, more_ignored))
        });
        let (mut more, mut more_ignored) = (screened.0.clone(), screened.1.clone());
        for finding in &mut more {
            for evidence in &mut finding.evidence {
                evidence.field = field;
                evidence.column = column.map(str::to_string);
            }
        }
        for cancelled in &mut more_ignored {
            cancelled.column = Some(label.to_string());
        }
        merge_findings(findings, more, label);
        ignored.append(&mut more_ignored);
    }

    /// A known arms maker named as supplier or manufacturer: a finding with the catalogue's question.
    fn screen_supplier(&self, supplier: &str, findings: &mut Vec<Finding>) {
        if self.arms_makers.is_empty() || supplier.trim().is_empty() {
            return;
        }
        let normalized = Normalized::new(supplier);
        let Some((start, name, maker)) = self.arms_makers.find(&normalized.text) else {
            return;
        };
        let makers = &self.catalog.arms_makers;
        let Some(maker) = makers.maker.get(maker) else {
            return;
        };
        let (s, e) = normalized.source_span(start, start + name.len());
        let makes = maker
            .makes
            .as_deref()
            .map(|m| format!(", which makes {m}"))
            .unwrap_or_default();
        findings.push(Finding {
            entry: "ARMS-MAKER".to_string(),
            title: format!("Supplier or manufacturer {} is a known arms maker", maker.name),
            list: "ARMS-MAKERS".to_string(),
            act: "Known arms makers (catalog/arms_makers.toml)".to_string(),
            decision: makers.decision,
            reason: format!(
                "the supplier '{}' is {}{makes}: a reason to ask what the line is",
                supplier.trim(),
                maker.name
            ),
            question: Some(makers.question.clone()),
            evidence: vec![Evidence {
                field: Field::Supplier,
                column: None,
                kind: EvidenceKind::ArmsMaker,
                text: char_slice(supplier, s, e),
                span: [s, e],
                matched: maker.name.clone(),
                strength: None,
                fuzzy: false,
            }],
        });
    }

    /// Whether a normalised word means anything to the catalogue: part of a phrase, a known ordinary word, or
    /// one typing error away from a weapon word. (Property tests use it to pick words that must change nothing.)
    pub fn knows_word(&self, word: &str) -> bool {
        self.fuzzy.is_known(word) || self.fuzzy.correct(word).is_some()
    }

    /// Classifies a bare description.
    pub fn classify_description(&self, description: &str) -> Classification {
        self.classify(&ItemText {
            description,
            ..ItemText::default()
        })
    }
}

/// Adds the findings of another column: a finding for an entry already found takes the other's evidence and,
/// when the other is more severe, its decision, reason and question.
fn merge_findings(findings: &mut Vec<Finding>, more: Vec<Finding>, column: &str) {
    for other in more {
        match findings.iter_mut().find(|f| f.entry == other.entry) {
            Some(existing) => {
                if other.decision.severity() > existing.decision.severity() {
                    existing.decision = other.decision;
                    existing.reason = format!("{} (in column {column})", other.reason);
                    existing.question = other.question;
                }
                existing.evidence.extend(other.evidence);
            }
            None => findings.push(Finding {
                reason: format!("{} (in column {column})", other.reason),
                ..other
            }),
        }
    }
}

/// Byte offset of `needle`'s words as whole words of the normalised `hay`.
fn find_words(hay: &str, needle: &str) -> Option<usize> {
    hay.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = i == 0 || hay.as_bytes().get(i - 1) == Some(&b' ');
        let after = matches!(hay.as_bytes().get(i + needle.len()), None | Some(b' '));
        before && after
    })
}

fn act_label(catalog: &Catalog, list: &str) -> String {
    match catalog.act(list) {
        Some(act) => format!("{}, {} ({})", act.title, act.reference, act.version),
        None => list.to_string(),
    }
}

/// The characters `[start, end)` of `s`.
fn char_slice(s: &str, start: usize, end: usize) -> String {
    let byte_at = |chars: usize| s.char_indices().nth(chars).map_or(s.len(), |(at, _)| at);
    // Character and byte indices agree in ASCII text (most descriptions): no walk over the characters.
    let (from, to) = if s.is_ascii() {
        (start.min(s.len()), end.min(s.len()))
    } else {
        (byte_at(start), byte_at(end))
    };
    s.get(from..to.max(from)).unwrap_or_default().to_string()
}

/// The strength a match keeps after typing-error correction: unchanged when nothing was corrected, or when a
/// phrase of two or more words had at most half of them corrected; otherwise one step weaker.
fn strength_after_correction(strength: Strength, words: usize, corrected: usize) -> Option<Strength> {
    if corrected == 0 || (words >= 2 && corrected * 2 <= words) {
        Some(strength)
    } else {
        strength.weaker()
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod char_slice_tests {
    proptest::proptest! {
        /// The same characters as taking them one by one, in ASCII and other text, ranges past the end included.
        #[test]
        fn char_slice_takes_the_characters_in_range(s in "[a-z é中]{0,12}", start in 0usize..16, len in 0usize..16) {
            let expected: String = s.chars().skip(start).take(len).collect();
            proptest::prop_assert_eq!(super::char_slice(&s, start, start + len), expected);
        }
    }
}
#[cfg(test)]
mod tests_columns;
