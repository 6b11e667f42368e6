//! The classifier: one decision per item with its evidence. No I/O; the compiled matchers are built once
//! from the catalogue and shared read-only, so one `Classifier` serves every thread.

mod codes;
mod correct;
mod decide;
mod fuzzy;
mod matcher;
mod model;
mod text_hits;

pub use matcher::MatcherError;
pub use model::{Classification, Evidence, EvidenceKind, Field, Finding, Ignored, ItemText};

use crate::catalog::{Catalog, Strength};
use crate::decision::Decision;
use crate::screening::Place;
use crate::text::Normalized;
use regex::RegexSet;
use std::cell::RefCell;
use std::sync::Arc;

thread_local! {
    static SCRATCH: RefCell<Normalized> = RefCell::default();
}

pub struct Classifier {
    catalog: Arc<Catalog>,
    matcher: matcher::Matcher,
    fuzzy: fuzzy::Fuzzy,
    /// Every entry pattern in one set, so a description is scanned once whatever their number.
    patterns: RegexSet,
    /// (entry, pattern index within the entry) for each pattern of the set.
    pattern_owners: Vec<(u32, u32)>,
    /// HS prefixes (digits) with the entry they point to, longest first.
    hs_prefixes: Vec<(String, u32)>,
    /// "Title, reference (version)" of each entry's act.
    act_labels: Vec<String>,
    version: Arc<str>,
}

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
        let patterns = RegexSet::new(&sources).map_err(|e| MatcherError::new(e.to_string()))?;
        let mut hs_prefixes: Vec<(String, u32)> = catalog
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.hs.iter().map(move |p| (p.clone(), i as u32)))
            .collect();
        hs_prefixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let act_labels = catalog.entries.iter().map(|e| act_label(&catalog, &e.list)).collect();
        let version: Arc<str> = Arc::from(catalog.version.as_str());
        Ok(Classifier {
            catalog,
            matcher,
            fuzzy,
            patterns,
            pattern_owners,
            hs_prefixes,
            act_labels,
            version,
        })
    }

    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    pub fn catalog_version(&self) -> &Arc<str> {
        &self.version
    }

    /// Classifies one item. Never fails: what cannot be decided is `review`.
    pub fn classify(&self, item: &ItemText<'_>) -> Classification {
        // The normalised text is rebuilt for every item: reuse one buffer per thread.
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut normalized) => self.classify_with(item, &mut normalized),
            Err(_) => self.classify_with(item, &mut Normalized::default()),
        })
    }

    /// Classifies one item and screens it against the restrictive measures of where it goes (see
    /// [`crate::screening::destination`]); with no place given, the same as [`Classifier::classify`] plus the
    /// human-rights (Article 5) question.
    pub fn classify_at(&self, item: &ItemText<'_>, place: Place<'_>) -> Classification {
        let mut classification = self.classify(item);
        crate::screening::destination::screen(&self.catalog.measures, &mut classification, place, item.hs_code);
        classification
    }

    fn classify_with(&self, item: &ItemText<'_>, normalized: &mut Normalized) -> Classification {
        let mut collected = decide::Collected::default();
        let mut ignored = Vec::new();
        let mut findings = Vec::new();
        text_hits::collect(self, item.description, normalized, &mut collected, &mut ignored);
        if let Some(hs) = item.hs_code {
            codes::collect_hs(self, hs, &mut collected);
        }
        if let Some(declared) = item.control_code {
            codes::collect_declared(self, declared, &mut collected, &mut findings);
        }
        decide::decide(self, collected, normalized, item.description, &mut findings);
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
        }
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

fn act_label(catalog: &Catalog, list: &str) -> String {
    match catalog.act(list) {
        Some(act) => format!("{}, {} ({})", act.title, act.reference, act.version),
        None => list.to_string(),
    }
}

/// The characters `[start, end)` of `s`.
fn char_slice(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end.saturating_sub(start)).collect()
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
