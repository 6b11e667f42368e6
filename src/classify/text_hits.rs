//! Evidence from the description: phrase matches (with typing-error correction), negative phrases that
//! cancel what they cover, and catalogue patterns.

use super::decide::Collected;
use super::matcher::{Hit, PhraseKind, Role};
use super::model::{Evidence, EvidenceKind, Field, Ignored};
use super::{char_slice, protection, strength_after_correction, Classifier};
use crate::catalog::Strength;
use crate::decision::Decision;
use crate::text::{tokens, Normalized};

/// A match in the coordinates of the normalised (uncorrected) text.
struct Located {
    start: usize,
    end: usize,
    hit: Hit,
    corrected_words: usize,
}

pub(super) fn collect(
    classifier: &Classifier,
    description: &str,
    normalized: &mut Normalized,
    collected: &mut Collected,
    ignored: &mut Vec<Ignored>,
) {
    normalized.reset(description);
    let normalized = &*normalized;
    let corrected = super::correct::correct(classifier, &normalized.text);
    // Most descriptions match a few phrases (words of context, negatives): room for them from the start.
    let mut hits = Vec::with_capacity(8);
    let located: Vec<Located> = match &corrected {
        None => {
            classifier.matcher.find(&normalized.text, &mut hits);
            hits.into_iter()
                .map(|hit| Located {
                    start: hit.start,
                    end: hit.end,
                    hit,
                    corrected_words: 0,
                })
                .collect()
        }
        Some(c) => {
            classifier.matcher.find(&c.text, &mut hits);
            hits.into_iter()
                .map(|hit| {
                    let (start, end, corrected_words) = c.locate(hit.start, hit.end);
                    Located {
                        start,
                        end,
                        hit,
                        corrected_words,
                    }
                })
                .collect()
        }
    };

    // The matches that act on others, sorted out in one pass (most descriptions have none).
    let mut negatives: Vec<(&Located, Option<u32>)> = Vec::new();
    let mut negations: Vec<(&Located, bool)> = Vec::new();
    // Ambiguous words whose ordinary-goods sense the description names: they need corroboration.
    let mut civilian: Vec<u32> = Vec::new();
    let mut protections: Vec<(&Located, bool)> = Vec::new();
    for l in &located {
        match classifier.matcher.phrase_use(&l.hit).role {
            Role::Negative { entry } => negatives.push((l, entry)),
            // A negation is its exact words: "note" and "nos" are not "not" and "no" with an ending.
            Role::Negation { next_word_only } if l.hit.end == l.hit.literal_end => negations.push((l, next_word_only)),
            Role::Civilian { collision } => civilian.push(collision),
            Role::Protection { after } => protections.push((l, after)),
            _ => {}
        }
    }
    let needing_corroboration: Vec<&Located> = if civilian.is_empty() {
        Vec::new()
    } else {
        located
            .iter()
            .filter(|l| match classifier.matcher.phrase_use(&l.hit).role {
                Role::Colliding { collision } => civilian.contains(&collision),
                _ => false,
            })
            .collect()
    };
    let boundaries = if negations.is_empty() {
        Vec::new()
    } else {
        clause_boundaries(description)
    };
    // The negation that governs a match: one just before it (articles and determiners between), in the same
    // clause; or right before it, for a negation of the next word only. Any other word between ends its reach:
    // "excl VAT pistols", "not used rifles" and "without packaging 10 rifles" name the weapons.
    let negated_at = |start: usize, end: usize| {
        negations.iter().find(|(n, next_word_only)| {
            if n.end > start {
                return false;
            }
            if *next_word_only {
                return start == n.end + 1;
            }
            // Over articles, and over a list the negation governs: "without armour plates or ammunition pouches".
            // From the start of the matched word: a compound match ("*munition" in "ammunition") starts inside it.
            let word_start = normalized
                .text
                .get(..start)
                .and_then(|before| before.rfind(' '))
                .map_or(0, |space| space + 1)
                .max(n.end);
            let between: Vec<&str> = tokens(normalized.text.get(n.end..word_start).unwrap_or_default().trim())
                .map(|(_, word)| word)
                .filter(|word| !word.is_empty())
                .collect();
            let after_list = between
                .iter()
                .rposition(|w| classifier.negation_joins.contains(*w))
                .map_or(0, |last| last + 1);
            if !between[after_list..]
                .iter()
                .all(|w| classifier.negation_reach.contains(*w))
            {
                return false;
            }
            let from = normalized.source_span(n.start, n.end).1;
            let to = normalized.source_span(start, end).0;
            !boundaries.iter().any(|&b| from <= b && b < to)
        })
    };
    // A weapon is never cleared by a negation: "no AK-47" may be a model number, "sans fusil" may be wrong. A
    // negated weapon term (a word that decides alone, not "gun" or "arma") still goes under `ignored`, and is kept
    // as negated evidence (`Collected::add_negated`): alone it sends the line to a reviewer, and never corroborates.
    let prohibited = |entry: u32| classifier.catalog.entries[entry as usize].decision() == Decision::Prohibited;
    // A negative cancels a match it covers, unless the match is the longer phrase of the two ("mortar tube" is not
    // cancelled by "mortar tub" + an inflection ending).
    let literal = |x: &Located| x.hit.literal_end - x.hit.start;
    let negative_over = |l: &Located, entry: u32| {
        negatives.iter().find(|(n, owner)| {
            owner.is_none_or(|o| o == entry)
                && n.start <= l.start
                && l.end <= n.end
                && literal(n) >= literal(l)
                && !std::ptr::eq(*n, l)
        })
    };
    let negated_by = |l: &Located| negated_at(l.start, l.end);
    let sentence_ends = if protections.is_empty() {
        Vec::new()
    } else {
        protection::sentence_ends(description)
    };
    // The protection phrase that governs an agent word: one before it in the same sentence, or one just after it
    // (two words between at most); never when a quantity stands beside the agent.
    let protected_by = |l: &Located| {
        let found = protections.iter().find(|(p, after)| {
            let (first, second) = if *after { (l, *p) } else { (*p, l) };
            if first.end > second.start {
                return false;
            }
            if *after && !protection::governs_across(&normalized.text[first.end..second.start]) {
                return false;
            }
            let from = normalized.source_span(first.start, first.end).1;
            let to = normalized.source_span(second.start, second.end).0;
            !sentence_ends.iter().any(|&b| from <= b && b < to)
        });
        found.filter(|_| !protection::quantity_beside(&normalized.text, l.start, l.end))
    };
    let evidence_for = |l: &Located, kind: EvidenceKind, strength: Option<Strength>| {
        let (s, e) = normalized.source_span(l.start, l.end);
        Evidence {
            field: Field::Description,
            column: None,
            kind,
            text: char_slice(description, s, e),
            span: [s, e],
            matched: classifier.matcher.phrase_use(&l.hit).written.clone(),
            strength,
            fuzzy: l.corrected_words > 0,
        }
    };

    // A match that does not count, with the phrase that says why (a negation, a negative, a protection phrase).
    // Once per place, entry and reason: one word can be two uses of a phrase in one entry ("magazine" alone and
    // as part of a group), and the report would list the same cancelled match twice.
    let ignore = |ignored: &mut Vec<Ignored>, l: &Located, entry: u32, by: &Located| {
        let (s, e) = normalized.source_span(l.start, l.end);
        let code = &classifier.catalog.entries[entry as usize].code;
        let negative = &classifier.matcher.phrase_use(&by.hit).written;
        let known = |i: &Ignored| i.span == [s, e] && i.entry == *code && i.negative == *negative;
        if !ignored.iter().any(known) {
            ignored.push(Ignored {
                column: None,
                text: char_slice(description, s, e),
                span: [s, e],
                entry: code.clone(),
                negative: negative.clone(),
            });
        }
    };

    // Parts of "all of these words" phrases seen so far: (group, parts seen, start, end, corrected words).
    let mut groups: Vec<(u32, u8, usize, usize, usize)> = Vec::new();
    for l in &located {
        let phrase_use = classifier.matcher.phrase_use(&l.hit);
        let entry = match phrase_use.role {
            Role::Positive { entry, .. } | Role::ThresholdMet { entry } | Role::ThresholdNotMet { entry } => entry,
            Role::Part { group, .. } => classifier.matcher.group(group).entry,
            Role::Negative { .. }
            | Role::Negation { .. }
            | Role::Colliding { .. }
            | Role::Civilian { .. }
            | Role::Protection { .. } => continue,
        };
        if matches!(phrase_use.role, Role::Positive { .. } | Role::Part { .. }) {
            if let Some((negation, _)) = negated_by(l) {
                ignore(ignored, l, entry, negation);
                let weapon_term = matches!(
                    phrase_use.role,
                    Role::Positive {
                        strength: Strength::Strong,
                        ..
                    }
                );
                if weapon_term && prohibited(entry) && negative_over(l, entry).is_none() {
                    collected.add_negated(entry, evidence_for(l, EvidenceKind::Phrase, Some(Strength::Weak)));
                }
                continue;
            }
        }
        // Before the negatives: "nerve agent detector" is a detector of the agent, not an agent cancelled.
        if let Some(protective) = classifier.protection.as_ref().filter(|p| p.governs(entry)) {
            let agent_word = matches!(phrase_use.role, Role::Positive { .. } | Role::Part { .. });
            if let Some((phrase, _)) = protected_by(l).filter(|_| agent_word) {
                ignore(ignored, l, entry, phrase);
                let evidence = evidence_for(l, EvidenceKind::Phrase, Some(Strength::Weak));
                collected.add_text(protective.entry, Strength::Weak, (l.start, l.end), evidence);
                continue;
            }
        }
        let cancelled_by = negative_over(l, entry);
        if let Some((negative, _)) = cancelled_by {
            if matches!(phrase_use.role, Role::Positive { .. } | Role::Part { .. }) {
                ignore(ignored, l, entry, negative);
            }
            continue;
        }
        match phrase_use.role {
            Role::Positive { strength, kind, .. } => {
                let Some(strength) = strength_after_correction(strength, phrase_use.words, l.corrected_words) else {
                    continue;
                };
                let kind = match kind {
                    PhraseKind::Term => EvidenceKind::Phrase,
                    PhraseKind::Model => EvidenceKind::Model,
                    PhraseKind::Calibre => EvidenceKind::Calibre,
                };
                let evidence = evidence_for(l, kind, Some(strength));
                let colliding = strength == Strength::Weak
                    && needing_corroboration
                        .iter()
                        .any(|n| n.start <= l.start && l.end <= n.end);
                if colliding {
                    collected.add_colliding(entry, (l.start, l.end), evidence);
                } else {
                    collected.add_text(entry, strength, (l.start, l.end), evidence);
                }
            }
            Role::ThresholdMet { .. } => {
                let evidence = evidence_for(l, EvidenceKind::ThresholdPhrase, None);
                collected.add_threshold_phrase(entry, true, evidence);
            }
            Role::ThresholdNotMet { .. } => {
                let evidence = evidence_for(l, EvidenceKind::ThresholdPhrase, None);
                collected.add_threshold_phrase(entry, false, evidence);
            }
            Role::Part { group, part } => {
                let bit = 1u8 << part;
                match groups.iter_mut().find(|g| g.0 == group) {
                    Some(g) => {
                        g.1 |= bit;
                        g.2 = g.2.min(l.start);
                        g.3 = g.3.max(l.end);
                        g.4 += l.corrected_words;
                    }
                    None => groups.push((group, bit, l.start, l.end, l.corrected_words)),
                }
            }
            Role::Negative { .. }
            | Role::Negation { .. }
            | Role::Colliding { .. }
            | Role::Civilian { .. }
            | Role::Protection { .. } => {}
        }
    }
    for (id, seen, start, end, corrected) in groups {
        let group = classifier.matcher.group(id);
        if seen.count_ones() as usize != group.parts {
            continue;
        }
        let Some(strength) = strength_after_correction(group.strength, group.words, corrected) else {
            continue;
        };
        let (s, e) = normalized.source_span(start, end);
        let evidence = Evidence {
            field: Field::Description,
            column: None,
            kind: EvidenceKind::Phrase,
            text: char_slice(description, s, e),
            span: [s, e],
            matched: group.written.clone(),
            strength: Some(strength),
            fuzzy: corrected > 0,
        };
        collected.add_text(group.entry, strength, (start, end), evidence);
    }

    // A negative cancels a pattern's match it covers too ("50 cal ammo can" is a box).
    let negative_covering = |start: usize, end: usize, entry: u32| {
        negatives
            .iter()
            .find(|(n, owner)| owner.is_none_or(|o| o == entry) && n.start <= start && end <= n.end)
            .map(|(n, _)| classifier.matcher.phrase_use(&n.hit).written.clone())
    };
    let text = PatternText {
        description,
        normalized,
    };
    collect_patterns(
        classifier,
        text,
        (collected, ignored),
        &|s, e| negated_at(s, e).is_some(),
        &negative_covering,
    );
}

/// The text a pattern is matched in: as written (for evidence) and normalised (what patterns see).
#[derive(Clone, Copy)]
struct PatternText<'a> {
    description: &'a str,
    normalized: &'a Normalized,
}

/// Character indices of the description where a clause ends, so a negation stops there: `, ; : ( ) [ ]`, a
/// line break, or a full stop followed by a space. A comma or full stop between two digits is a decimal mark.
fn clause_boundaries(description: &str) -> Vec<usize> {
    let chars: Vec<char> = description.chars().collect();
    let digit_at = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(|c| c.is_ascii_digit());
    (0..chars.len())
        .filter(|&i| match chars[i] {
            ';' | ':' | '(' | ')' | '[' | ']' | '\n' | '\r' | '|' => true,
            ',' => !(digit_at(i.checked_sub(1)) && digit_at(Some(i + 1))),
            '.' => chars.get(i + 1).is_none_or(|c| c.is_whitespace()) && !digit_at(Some(i + 1)),
            _ => false,
        })
        .collect()
}

fn collect_patterns(
    classifier: &Classifier,
    PatternText {
        description,
        normalized,
    }: PatternText<'_>,
    (collected, ignored): (&mut Collected, &mut Vec<Ignored>),
    negated: &dyn Fn(usize, usize) -> bool,
    negative_covering: &dyn Fn(usize, usize, u32) -> Option<String>,
) {
    // One scan answers "none" for nearly every description; only then ask which patterns matched.
    if classifier.pattern_owners.is_empty() || !classifier.patterns.is_match(&normalized.text) {
        return;
    }
    for index in classifier.patterns.matches(&normalized.text).iter() {
        let Some(&(entry, pattern)) = classifier.pattern_owners.get(index) else {
            continue;
        };
        let spec = &classifier.catalog.entries[entry as usize].patterns[pattern as usize];
        let Some(found) = spec.compiled().and_then(|re| re.find(&normalized.text)) else {
            continue;
        };
        if let Some(negative) = negative_covering(found.start(), found.end(), entry) {
            let (s, e) = normalized.source_span(found.start(), found.end());
            let code = &classifier.catalog.entries[entry as usize].code;
            if !ignored
                .iter()
                .any(|i| i.span == [s, e] && i.entry == *code && i.negative == negative)
            {
                ignored.push(Ignored {
                    column: None,
                    text: char_slice(description, s, e),
                    span: [s, e],
                    entry: code.clone(),
                    negative,
                });
            }
            continue;
        }
        let entry_decision = classifier.catalog.entries[entry as usize].decision();
        let negated = negated(found.start(), found.end());
        if negated && (entry_decision != Decision::Prohibited || spec.strength != Strength::Strong) {
            continue;
        }
        // A negated weapon pattern still sends the line to a reviewer (see `prohibited` above).
        let strength = if negated { Strength::Weak } else { spec.strength };
        let (s, e) = normalized.source_span(found.start(), found.end());
        let evidence = Evidence {
            field: Field::Description,
            column: None,
            kind: EvidenceKind::Pattern,
            text: char_slice(description, s, e),
            span: [s, e],
            matched: spec.regex.clone(),
            strength: Some(strength),
            fuzzy: false,
        };
        if negated {
            collected.add_negated(entry, evidence);
        } else {
            collected.add_text(entry, strength, (found.start(), found.end()), evidence);
        }
    }
}
