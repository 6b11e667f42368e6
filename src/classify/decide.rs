//! From the evidence gathered per catalogue entry to a finding per entry: strength, corroboration,
//! thresholds, declared codes and policy deferral.

use super::model::{Evidence, EvidenceKind, Field, Finding};
use super::{char_slice, Classifier};
use crate::catalog::{Entry, Strength, Threshold};
use crate::decision::Decision;
use crate::text::Normalized;

/// Evidence gathered for one entry.
#[derive(Debug, Default)]
pub(super) struct EntryEvidence {
    entry: u32,
    evidence: Vec<Evidence>,
    strong: bool,
    /// Normalised byte ranges of weak and context matches, for corroboration.
    weak: Vec<(usize, usize)>,
    context: Vec<(usize, usize)>,
    /// Ambiguous words that collide with ordinary goods: they count only when corroborated.
    colliding: Vec<(usize, usize)>,
    hs_weak: bool,
    /// A term of the entry stood after a negation ("sans fusil"): alone it asks, and it never corroborates.
    negated: bool,
    /// A declared code named this entry; `Some(false)` when it named a child the catalogue does not list.
    declared: Option<bool>,
    threshold_met: Vec<Evidence>,
    threshold_not_met: Vec<Evidence>,
}

#[derive(Debug, Default)]
pub(super) struct Collected {
    entries: Vec<EntryEvidence>,
}

impl Collected {
    pub(super) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn get(&mut self, entry: u32) -> &mut EntryEvidence {
        match self.entries.iter().position(|e| e.entry == entry) {
            Some(i) => &mut self.entries[i],
            None => {
                self.entries.push(EntryEvidence {
                    entry,
                    ..EntryEvidence::default()
                });
                let last = self.entries.len() - 1;
                &mut self.entries[last]
            }
        }
    }

    pub(super) fn add_text(&mut self, entry: u32, strength: Strength, range: (usize, usize), evidence: Evidence) {
        let e = self.get(entry);
        match strength {
            Strength::Strong => e.strong = true,
            Strength::Weak => e.weak.push(range),
            Strength::Context => e.context.push(range),
        }
        e.evidence.push(evidence);
    }

    /// A weapon term a negation governs: the line goes to a reviewer, and nothing else counts it.
    pub(super) fn add_negated(&mut self, entry: u32, evidence: Evidence) {
        let e = self.get(entry);
        e.negated = true;
        e.evidence.push(evidence);
    }

    pub(super) fn add_colliding(&mut self, entry: u32, range: (usize, usize), evidence: Evidence) {
        let e = self.get(entry);
        e.colliding.push(range);
        e.evidence.push(evidence);
    }

    pub(super) fn add_hs(&mut self, entry: u32, strong: bool, evidence: Evidence) {
        let e = self.get(entry);
        if strong {
            e.strong = true;
        } else {
            e.hs_weak = true;
        }
        e.evidence.push(evidence);
    }

    pub(super) fn add_declared(&mut self, entry: u32, exact: bool, evidence: Evidence) {
        let e = self.get(entry);
        e.declared = Some(e.declared.unwrap_or(false) || exact);
        e.evidence.push(evidence);
    }

    pub(super) fn add_threshold_phrase(&mut self, entry: u32, met: bool, evidence: Evidence) {
        let e = self.get(entry);
        if met {
            e.threshold_met.push(evidence);
        } else {
            e.threshold_not_met.push(evidence);
        }
    }
}

enum ThresholdState {
    Met(String),
    NotMet(String),
    Unknown,
}

pub(super) fn decide(
    classifier: &Classifier,
    collected: Collected,
    normalized: &Normalized,
    description: &str,
    findings: &mut Vec<Finding>,
) {
    if collected.entries.is_empty() {
        return;
    }
    let entries = &classifier.catalog.entries;
    // Weak and context ranges per decision, for corroboration across entries of one family (a "cartridge"
    // beside a "9 mm": both point at ammunition).
    let family_ranges: Vec<(Decision, (usize, usize))> = collected
        .entries
        .iter()
        .flat_map(|e| {
            let decision = entries[e.entry as usize].decision();
            e.weak
                .iter()
                .chain(&e.context)
                .chain(&e.colliding)
                .map(move |r| (decision, *r))
        })
        .collect();
    // Decisions of the HS headings the item declares: a heading corroborates an ambiguous word of its family
    // ("Igniters" with HS 3603 are explosive articles; alone the word would only ask).
    let hs_families: Vec<Decision> = collected
        .entries
        .iter()
        .filter(|e| e.hs_weak)
        .map(|e| entries[e.entry as usize].decision())
        .collect();
    // Policy entries named strongly in the text, for headings that defer to them (HS 9304).
    let policy_decision = collected
        .entries
        .iter()
        .filter(|e| e.strong && entries[e.entry as usize].policy.is_some())
        .map(|e| (&entries[e.entry as usize], entries[e.entry as usize].decision()))
        .max_by_key(|(_, d)| d.severity());

    for mut found in collected.entries {
        let entry = &entries[found.entry as usize];
        found.evidence = keep_outermost(std::mem::take(&mut found.evidence));
        let corroborated = {
            let family = family_ranges.iter().filter(|(d, _)| *d == entry.decision());
            found
                .weak
                .iter()
                .chain(&found.colliding)
                .any(|w| family.clone().any(|(_, other)| !overlaps(*w, *other)))
                || (!(found.weak.is_empty() && found.colliding.is_empty()) && hs_families.contains(&entry.decision()))
        };
        let mut question = None;
        let (decision, reason) = if let Some(exact) = found.declared {
            let how = if exact {
                ""
            } else {
                " (a sub-item of it; the catalogue lists the entry itself)"
            };
            (
                entry.decision(),
                format!("declared control code names {}{how}", entry.code),
            )
        } else if found.strong || corroborated {
            let (base, mut reason) = base_decision(entry, &found, corroborated, policy_decision);
            match entry
                .threshold
                .as_ref()
                .map(|t| (t, threshold_state(t, &mut found, normalized, description)))
            {
                None => (base, reason),
                Some((_, ThresholdState::Met(why))) => {
                    reason.push_str(&format!("; {why}"));
                    (base, reason)
                }
                Some((t, ThresholdState::NotMet(why))) => {
                    let otherwise = t.otherwise.unwrap_or(Decision::Clear);
                    (
                        otherwise,
                        format!("{reason}; {why}: below the threshold, so {otherwise}"),
                    )
                }
                Some((t, ThresholdState::Unknown)) => {
                    question = Some(t.question.clone());
                    (
                        Decision::Review,
                        format!(
                            "{reason}; the description does not settle the threshold ({})",
                            t.question
                        ),
                    )
                }
            }
        } else if !found.weak.is_empty() || found.hs_weak || found.negated {
            question = Some(entry_question(entry));
            let what = if !found.weak.is_empty() {
                "an ambiguous word"
            } else if found.hs_weak {
                "the HS code"
            } else {
                "a term after a negation"
            };
            (
                Decision::Review,
                format!(
                    "only {what} points to {} ({}): a reviewer must decide",
                    entry.code,
                    entry.decision()
                ),
            )
        } else {
            continue; // context words alone say nothing
        };
        if decision == Decision::Review && question.is_none() {
            // An entry that decides `review` (a human-rights red line) asks its own question.
            question = Some(entry_question(entry));
        }
        found.evidence.append(&mut found.threshold_met);
        found.evidence.append(&mut found.threshold_not_met);
        findings.push(Finding {
            entry: entry.code.clone(),
            title: entry.title.clone(),
            list: entry.list.clone(),
            act: classifier.act_labels[found.entry as usize].clone(),
            decision,
            reason,
            question,
            evidence: found.evidence,
        });
    }
}

fn base_decision(
    entry: &Entry,
    found: &EntryEvidence,
    corroborated: bool,
    policy_decision: Option<(&Entry, Decision)>,
) -> (Decision, String) {
    let quoted: Vec<String> = found
        .evidence
        .iter()
        .filter(|e| e.strength != Some(Strength::Context) || corroborated)
        .map(|e| match e.field {
            Field::Description => format!("'{}'", e.text),
            Field::HsCode => format!("HS code {} (heading {})", e.text, e.matched),
            Field::ControlCode => format!("declared code {}", e.text),
            Field::Extra | Field::Supplier | Field::EndUser => format!("'{}'", e.text),
            Field::Destination => format!("destination {}", e.text),
        })
        .collect();
    let mut reason = format!("{} matches {}", quoted.join(", "), entry.code);
    if !found.strong {
        reason.push_str(" (ambiguous words that confirm each other)");
    }
    if entry.defer_to_policy {
        if let Some((policy_entry, decision)) = policy_decision {
            let setting = policy_entry.policy.as_deref().unwrap_or_default();
            reason.push_str(&format!(
                "; the description names {} ({}), whose decision the policy setting '{setting}' fixes",
                policy_entry.code, policy_entry.title
            ));
            return (decision, reason);
        }
    }
    (entry.decision(), reason)
}

fn entry_question(entry: &Entry) -> String {
    entry
        .question
        .clone()
        .or_else(|| entry.threshold.as_ref().map(|t| t.question.clone()))
        .unwrap_or_else(|| format!("Is this item covered by {} ({})?", entry.code, entry.title))
}

fn threshold_state(
    threshold: &Threshold,
    found: &mut EntryEvidence,
    normalized: &Normalized,
    description: &str,
) -> ThresholdState {
    let mut values = Vec::new();
    for measure in &threshold.measures {
        let Some(re) = &measure.compiled else {
            continue;
        };
        for caps in re.captures_iter(&normalized.text) {
            let (Some(whole), Some(number)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let Ok(value) = number.as_str().replace(',', ".").parse::<f64>() else {
                continue;
            };
            let word_before = normalized.text[..whole.start()]
                .trim_end()
                .rsplit(' ')
                .next()
                .unwrap_or_default();
            if measure
                .ignore_after
                .iter()
                .any(|w| crate::text::normalize(w) == word_before)
            {
                continue;
            }
            let (s, e) = normalized.source_span(whole.start(), whole.end());
            values.push(value * measure.scale);
            found.evidence.push(Evidence {
                field: Field::Description,
                column: None,
                kind: EvidenceKind::Measurement,
                text: char_slice(description, s, e),
                span: [s, e],
                matched: measure.regex.clone(),
                strength: None,
                fuzzy: false,
            });
        }
    }
    let rule = threshold.describe();
    if let Some(v) = values.iter().find(|v| threshold.is_met_by(**v)) {
        return ThresholdState::Met(format!("threshold met: {v} is {rule}"));
    }
    if let Some(phrase) = found.threshold_met.first() {
        return ThresholdState::Met(format!("threshold met: '{}'", phrase.text));
    }
    if let Some(phrase) = found.threshold_not_met.first() {
        return ThresholdState::NotMet(format!("'{}' settles the threshold", phrase.text));
    }
    if !values.is_empty() {
        let listed: Vec<String> = values.iter().map(f64::to_string).collect();
        return ThresholdState::NotMet(format!("measured {} is not {rule}", listed.join(", ")));
    }
    ThresholdState::Unknown
}

/// Drops repeated evidence and matches inside a longer match of the same field ("gas mask" inside
/// "gas mask filter"), and orders what is left as it reads.
fn keep_outermost(mut evidence: Vec<Evidence>) -> Vec<Evidence> {
    evidence.sort_by_key(|e| (e.field, e.span[0], std::cmp::Reverse(e.span[1])));
    let mut kept: Vec<Evidence> = Vec::with_capacity(evidence.len());
    for e in evidence {
        let inside = kept
            .iter()
            .any(|k| k.field == e.field && k.span[0] <= e.span[0] && e.span[1] <= k.span[1]);
        if !inside {
            kept.push(e);
        }
    }
    kept
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}
