//! Multi-phrase matching over normalised text: one Aho-Corasick automaton over every catalogue phrase,
//! built once when the catalogue loads, so matching is linear in the text whatever the catalogue's size.
//! Word boundaries, inflection endings, compound heads and negative phrases are applied to its matches.

use crate::catalog::{validate_phrase_key as phrase_key, Catalog, Strength};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;

/// Endings a phrase may carry in the text (plurals, German and French inflections).
const ENDINGS: [&str; 5] = ["s", "es", "e", "en", "n"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    Term,
    Model,
    Calibre,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Positive {
        entry: u32,
        strength: Strength,
        kind: PhraseKind,
    },
    /// `entry` None: a global negative from negatives.toml.
    Negative {
        entry: Option<u32>,
    },
    ThresholdMet {
        entry: u32,
    },
    ThresholdNotMet {
        entry: u32,
    },
    /// A negation: the matches after it, to the end of the clause (or only the next word when
    /// `next_word_only`), are not what the item is ("vessels, other than warships").
    Negation {
        next_word_only: bool,
    },
    /// An ambiguous word that also names ordinary goods (negatives.toml `[[collision]]`).
    Colliding {
        collision: u32,
    },
    /// A word that says the ordinary goods of a collision are meant ("newspapers" for "magazines").
    Civilian {
        collision: u32,
    },
    /// A protection, detection or decontamination phrase: the agent words after it in the sentence (or, when
    /// `after`, just before it) are what the item protects against ("protection contre les agents ...").
    Protection {
        after: bool,
    },
    /// One word of an "all of these words" phrase (`thermal & camera`).
    Part {
        group: u32,
        part: u8,
    },
}

/// A phrase written `word & word`: every part must appear in the description, in any order and place
/// ("Thermal surveillance camera", "Camera, thermal imaging").
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub entry: u32,
    pub strength: Strength,
    pub parts: usize,
    pub written: String,
    pub words: usize,
}

/// Most parts a group may have (they are tracked in a bit mask).
pub(crate) const MAX_GROUP_PARTS: usize = 8;

#[derive(Debug, Clone)]
pub(crate) struct PhraseUse {
    pub role: Role,
    /// Written with a leading `*`: may end a compound word.
    pub compound: bool,
    /// The phrase as written in the catalogue.
    pub written: String,
    /// How many words the normalised phrase has.
    pub words: usize,
}

#[derive(Debug)]
struct Phrase {
    uses: Vec<PhraseUse>,
}

/// A phrase found in the text: normalised byte range and which use of which phrase.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    /// Where the word ends, inflection ending included.
    pub end: usize,
    /// Where the phrase itself ends (without the ending), to tell the more specific of two matches.
    pub literal_end: usize,
    pub phrase: u32,
    pub use_index: u32,
}

#[derive(Debug)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    phrases: Vec<Phrase>,
    groups: Vec<Group>,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot build the phrase matcher: {0}")]
pub struct MatcherError(String);

impl MatcherError {
    pub(crate) fn new(message: String) -> Self {
        MatcherError(message)
    }
}

impl Matcher {
    pub(crate) fn build(catalog: &Catalog) -> Result<Matcher, MatcherError> {
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        let mut texts: Vec<String> = Vec::new();
        let mut phrases: Vec<Phrase> = Vec::new();
        let mut add = |written: &str, role: Role| {
            let key = phrase_key(written);
            if key.is_empty() {
                return;
            }
            let id = *index.entry(key.clone()).or_insert_with(|| {
                texts.push(key);
                phrases.push(Phrase { uses: Vec::new() });
                phrases.len() - 1
            });
            let words = texts[id].split(' ').count();
            phrases[id].uses.push(PhraseUse {
                role,
                words,
                compound: written.trim_start().starts_with('*'),
                written: written.trim().trim_start_matches('*').to_string(),
            });
        };
        let mut groups: Vec<Group> = Vec::new();
        for (i, entry) in catalog.entries.iter().enumerate() {
            let entry_id = i as u32;
            for (map, strength) in [
                (&entry.terms, Strength::Strong),
                (&entry.weak, Strength::Weak),
                (&entry.context, Strength::Context),
            ] {
                for phrase in map.values().flatten() {
                    if !phrase.contains('&') {
                        add(
                            phrase,
                            Role::Positive {
                                entry: entry_id,
                                strength,
                                kind: PhraseKind::Term,
                            },
                        );
                        continue;
                    }
                    let parts: Vec<&str> = phrase.split('&').map(str::trim).take(MAX_GROUP_PARTS).collect();
                    let group = groups.len() as u32;
                    groups.push(Group {
                        entry: entry_id,
                        strength,
                        parts: parts.len(),
                        written: phrase.trim().to_string(),
                        words: parts.iter().map(|p| phrase_key(p).split(' ').count()).sum(),
                    });
                    for (part, text) in parts.iter().enumerate() {
                        add(
                            text,
                            Role::Part {
                                group,
                                part: part as u8,
                            },
                        );
                    }
                }
            }
            for phrase in &entry.models {
                add(
                    phrase,
                    Role::Positive {
                        entry: entry_id,
                        strength: Strength::Strong,
                        kind: PhraseKind::Model,
                    },
                );
            }
            for phrase in &entry.calibres {
                add(
                    phrase,
                    Role::Positive {
                        entry: entry_id,
                        strength: Strength::Strong,
                        kind: PhraseKind::Calibre,
                    },
                );
            }
            for phrase in &entry.negative {
                add(phrase, Role::Negative { entry: Some(entry_id) });
            }
            if let Some(threshold) = &entry.threshold {
                for phrase in &threshold.met {
                    add(phrase, Role::ThresholdMet { entry: entry_id });
                }
                for phrase in &threshold.not_met {
                    add(phrase, Role::ThresholdNotMet { entry: entry_id });
                }
            }
        }
        for phrase in &catalog.negatives {
            add(phrase, Role::Negative { entry: None });
        }
        for phrase in &catalog.negations {
            add(phrase, Role::Negation { next_word_only: false });
        }
        for phrase in &catalog.negation_prefixes {
            add(phrase, Role::Negation { next_word_only: true });
        }
        if let Some(protection) = &catalog.protection {
            for phrase in &protection.before {
                add(phrase, Role::Protection { after: false });
            }
            for phrase in &protection.after {
                add(phrase, Role::Protection { after: true });
            }
        }
        for (i, collision) in catalog.collisions.iter().enumerate() {
            let collision_id = i as u32;
            for phrase in &collision.words {
                add(
                    phrase,
                    Role::Colliding {
                        collision: collision_id,
                    },
                );
            }
            for phrase in &collision.civilian {
                add(
                    phrase,
                    Role::Civilian {
                        collision: collision_id,
                    },
                );
            }
        }
        // A contiguous NFA, not a DFA: building the DFA of every phrase took a quarter of a second and tens of
        // MiB at every start (the CLI pays it per run), while searching short descriptions is barely slower.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .or_else(|_| AhoCorasick::builder().match_kind(MatchKind::Standard).build(&texts))
            .map_err(|e| MatcherError(e.to_string()))?;
        Ok(Matcher {
            automaton,
            phrases,
            groups,
        })
    }

    pub(crate) fn group(&self, id: u32) -> &Group {
        &self.groups[id as usize]
    }

    pub(crate) fn phrase_use(&self, hit: &Hit) -> &PhraseUse {
        &self.phrases[hit.phrase as usize].uses[hit.use_index as usize]
    }

    /// Every phrase use found in `text` on word boundaries (or as a compound head where allowed).
    /// Negative phrases are returned like the others; the caller applies them.
    pub(crate) fn find(&self, text: &str, hits: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        for m in self.automaton.find_overlapping_iter(text) {
            let (start, literal_end) = (m.start(), m.end());
            let at_word_start = start == 0 || bytes[start - 1] == b' ';
            let Some(end) = word_end(bytes, literal_end) else {
                continue;
            };
            let phrase_id = m.pattern().as_usize();
            for (use_index, phrase_use) in self.phrases[phrase_id].uses.iter().enumerate() {
                if at_word_start || phrase_use.compound {
                    hits.push(Hit {
                        start,
                        end,
                        literal_end,
                        phrase: phrase_id as u32,
                        use_index: use_index as u32,
                    });
                }
            }
        }
    }
}

/// Where the word ends if a match ending at `end` ends a word, allowing one inflection ending.
fn word_end(bytes: &[u8], end: usize) -> Option<usize> {
    let at_boundary = |i: usize| i == bytes.len() || bytes.get(i) == Some(&b' ');
    if at_boundary(end) {
        return Some(end);
    }
    let rest = &bytes[end..];
    ENDINGS
        .iter()
        .find(|ending| rest.starts_with(ending.as_bytes()) && at_boundary(end + ending.len()))
        .map(|ending| end + ending.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_end_accepts_inflections_only() {
        assert_eq!(word_end(b"rifles x", 5), Some(6));
        assert_eq!(word_end(b"granaten", 6), Some(8));
        assert_eq!(word_end(b"rifle", 5), Some(5));
        assert_eq!(word_end(b"rifleman", 5), None);
        assert_eq!(word_end(b"bomber", 4), None);
    }
}
