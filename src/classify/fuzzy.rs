//! Typing errors in weapon words ("asault rifel"): a word of five letters or more that is not in the
//! catalogue's vocabulary, nor an ordinary word of one of the five languages (`catalog/words/`), is compared
//! with the words of the prohibited entries allowing one edit. An exact word always wins over a correction:
//! "sardines", "waffles", "flint" and "cross" are words, not misspelt "sarin", "Waffe", "Flinte", "crosse".
//! Lookups use a deletion index (SymSpell's idea) keyed by a hash, so a check costs a few hash probes
//! and no allocation, whatever the vocabulary's size.

use crate::catalog::{validate_phrase_key as phrase_key, Catalog, OrdinaryWords, Strength};
use crate::decision::Decision;
use rustc_hash::{FxHashMap, FxHashSet};

const MIN_LEN: usize = 5;
const MAX_LEN: usize = 30;
/// A substitution turns many ordinary words into weapon words (pocket/rocket); allow it only on long words.
const MIN_LEN_FOR_SUBSTITUTION: usize = 7;
const ENDINGS: [&str; 5] = ["s", "es", "e", "en", "n"];

/// How many words each thread remembers before starting afresh.
const RECENT_CAPACITY: usize = 65_536;

/// Each `Fuzzy` gets its own number, so remembered answers never leak between catalogues.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Answers of one `Fuzzy` (by its number) for the words this thread saw lately.
#[derive(Default)]
struct Recent {
    owner: u64,
    answers: FxHashMap<Box<str>, Option<u32>>,
}

thread_local! {
    static RECENT: std::cell::RefCell<Recent> = std::cell::RefCell::default();
}

#[derive(Debug, Default)]
pub(crate) struct Fuzzy {
    id: u64,
    vocabulary: FxHashSet<String>,
    /// Ordinary words near catalogue words: real words, never corrected.
    ordinary: OrdinaryWords,
    targets: Vec<String>,
    target_set: FxHashSet<String>,
    /// The first two letters of every weapon word (26 x 26), a cheap filter before building joined words.
    starts: Vec<bool>,
    /// Weapon phrases without their spaces ("assaultrifle"), for letters typed apart.
    spelled: FxHashMap<String, String>,
    deletions: FxHashMap<u64, Vec<u32>>,
}

impl Fuzzy {
    pub(crate) fn build(catalog: &Catalog) -> Fuzzy {
        let mut fuzzy = Fuzzy {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ordinary: catalog.ordinary_words.clone(),
            ..Fuzzy::default()
        };
        let add_words = |phrase: &str, fuzzy: &mut Fuzzy, target: bool| {
            for word in phrase_key(phrase).split(' ') {
                if word.is_empty() {
                    continue;
                }
                fuzzy.vocabulary.insert(word.to_string());
                // Whatever phrase showed the word first: "detonator" met in a negative phrase before its own
                // term was never a target, so "dettonator" stayed clear.
                if target && is_candidate_word(word) && fuzzy.target_set.insert(word.to_string()) {
                    fuzzy.targets.push(word.to_string());
                }
            }
        };
        for entry in &catalog.entries {
            let target = entry.decision() == Decision::Prohibited;
            for (phrase, strength) in entry.phrases() {
                let weapon = target && strength != Strength::Context;
                add_words(phrase, &mut fuzzy, weapon);
                if weapon {
                    let key = phrase_key(phrase);
                    fuzzy.spelled.entry(key.replace(' ', "")).or_insert(key);
                }
            }
            let threshold_phrases = entry.threshold.iter().flat_map(|t| t.met.iter().chain(&t.not_met));
            for phrase in entry.negative.iter().chain(threshold_phrases) {
                add_words(phrase, &mut fuzzy, false);
            }
        }
        for phrase in catalog.negatives.iter().chain(&catalog.known_words) {
            add_words(phrase, &mut fuzzy, false);
        }
        fuzzy.starts = vec![false; 26 * 26];
        for word in &fuzzy.targets {
            if let Some(index) = start_index(word.as_bytes()) {
                fuzzy.starts[index] = true;
            }
        }
        for (id, word) in fuzzy.targets.iter().enumerate() {
            let bytes = word.as_bytes();
            let mut keys: Vec<u64> = std::iter::once(hash_without(bytes, None))
                .chain((0..bytes.len()).map(|i| hash_without(bytes, Some(i))))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                fuzzy.deletions.entry(key).or_default().push(id as u32);
            }
        }
        fuzzy
    }

    /// The catalogue word `word` was probably meant to be, if it is an unknown word one edit away from one.
    /// Sheets repeat their words, so answers are remembered per thread (bounded).
    pub(crate) fn correct(&self, word: &str) -> Option<&str> {
        if !is_candidate_word(word) {
            return None;
        }
        let cached = RECENT.with(|recent| {
            let recent = recent.try_borrow().ok()?;
            (recent.owner == self.id)
                .then(|| recent.answers.get(word).copied())
                .flatten()
        });
        let target = match cached {
            Some(target) => target,
            None => {
                let target = self.lookup(word);
                RECENT.with(|recent| {
                    if let Ok(mut recent) = recent.try_borrow_mut() {
                        let owner = self.id;
                        if recent.owner != owner || recent.answers.len() >= RECENT_CAPACITY {
                            recent.answers.clear();
                            recent.owner = owner;
                        }
                        recent.answers.insert(word.into(), target);
                    }
                });
                target
            }
        };
        target.map(|id| self.targets[id as usize].as_str())
    }

    fn lookup(&self, word: &str) -> Option<u32> {
        if self.is_known(word) {
            return None;
        }
        // A misspelt plural ("rifels"): try the word, then the word without its ending.
        std::iter::once(word)
            .chain(ENDINGS.iter().filter_map(|ending| word.strip_suffix(ending)))
            .filter(|candidate| candidate.len() >= MIN_LEN)
            .find_map(|candidate| self.nearest(candidate))
    }

    fn nearest(&self, word: &str) -> Option<u32> {
        let bytes = word.as_bytes();
        let mut best: Option<u32> = None;
        let keys =
            std::iter::once(hash_without(bytes, None)).chain((0..bytes.len()).map(|i| hash_without(bytes, Some(i))));
        for key in keys {
            for &id in self.deletions.get(&key).into_iter().flatten() {
                if best.is_some_and(|b| b <= id) {
                    continue;
                }
                if one_edit_apart(bytes, self.targets[id as usize].as_bytes()) {
                    best = Some(id);
                }
            }
        }
        best
    }

    /// Whether `a` followed by `b` could begin a weapon word, judged by the first two letters only.
    pub(crate) fn may_start_weapon_word(&self, a: &str, b: &str) -> bool {
        let mut letters = a.bytes().chain(b.bytes());
        let first_two = [letters.next().unwrap_or(0), letters.next().unwrap_or(0)];
        start_index(&first_two)
            .and_then(|i| self.starts.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// Whether `word` (perhaps with an inflection ending) is a word of a weapon phrase.
    pub(crate) fn is_weapon_word(&self, word: &str) -> bool {
        self.target_set.contains(word)
            || ENDINGS.iter().any(|ending| {
                word.strip_suffix(ending)
                    .is_some_and(|stem| self.target_set.contains(stem))
            })
    }

    /// The weapon phrase that letters typed apart spell, if any ("assaultrifle" gives "assault rifle").
    pub(crate) fn spelled_phrase(&self, joined: &str) -> Option<&str> {
        std::iter::once(joined)
            .chain(ENDINGS.iter().filter_map(|ending| joined.strip_suffix(ending)))
            .find_map(|candidate| self.spelled.get(candidate))
            .map(String::as_str)
    }

    /// Whether `word` is a catalogue word (perhaps with an inflection ending) or an ordinary word: a real
    /// word, not a typing error. The word lists hold inflected forms already, so an ordinary word must match
    /// exactly ("granade" is not Spanish "granad" plus an ending).
    pub(crate) fn is_known(&self, word: &str) -> bool {
        self.ordinary.contains(word)
            || self.vocabulary.contains(word)
            || ENDINGS.iter().any(|ending| {
                word.strip_suffix(ending)
                    .is_some_and(|stem| self.vocabulary.contains(stem))
            })
    }
}

fn start_index(word: &[u8]) -> Option<usize> {
    match word {
        [a, b, ..] if a.is_ascii_lowercase() && b.is_ascii_lowercase() => {
            Some(usize::from(a - b'a') * 26 + usize::from(b - b'a'))
        }
        _ => None,
    }
}

fn is_candidate_word(word: &str) -> bool {
    (MIN_LEN..=MAX_LEN).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// FNV-1a over the bytes, leaving out the byte at `skip`.
fn hash_without(bytes: &[u8], skip: Option<usize>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, &b) in bytes.iter().enumerate() {
        if Some(i) != skip {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash ^ (bytes.len() as u64 - u64::from(skip.is_some()))
}

/// One insertion, deletion, adjacent transposition, or (on long words) substitution apart.
fn one_edit_apart(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return false;
    }
    match a.len().abs_diff(b.len()) {
        0 => {
            let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diffs.as_slice() {
                [_] => a.len() >= MIN_LEN_FOR_SUBSTITUTION,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
            let first_diff = short.iter().zip(long).take_while(|(x, y)| x == y).count();
            long[first_diff + 1..] == short[first_diff..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_classified() {
        assert!(one_edit_apart(b"asault", b"assault"));
        assert!(one_edit_apart(b"rifel", b"rifle"));
        assert!(one_edit_apart(b"pistoll", b"pistol"));
        assert!(one_edit_apart(b"granade", b"grenade"));
        assert!(
            !one_edit_apart(b"pocket", b"rocket"),
            "short substitutions are too risky"
        );
        assert!(!one_edit_apart(b"rifle", b"rifle"));
        assert!(!one_edit_apart(b"fossil", b"fusil"));
    }

    /// Every word of a prohibited entry's phrases is a target, even one the catalogue shows first in a negative
    /// phrase or a phrase of another entry ("detonator", "explosive" were not).
    #[test]
    fn every_weapon_word_is_a_target_whatever_phrase_shows_it_first() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        let Ok(catalog) = Catalog::load(&dir) else {
            panic!("the bundled catalogue loads")
        };
        let fuzzy = Fuzzy::build(&catalog);
        for entry in catalog.entries.iter().filter(|e| e.decision() == Decision::Prohibited) {
            for (phrase, strength) in entry.phrases() {
                if strength == Strength::Context {
                    continue;
                }
                for word in phrase_key(phrase).split(' ').filter(|w| is_candidate_word(w)) {
                    assert!(fuzzy.target_set.contains(word), "{word} of {phrase} ({})", entry.code);
                }
            }
        }
        assert_eq!(fuzzy.correct("dettonator"), Some("detonator"));
        assert_eq!(fuzzy.correct("exploslve"), Some("explosive"));
    }

    #[test]
    fn hash_of_a_deletion_matches_the_shorter_word() {
        assert_eq!(hash_without(b"assault", Some(1)), hash_without(b"asault", None));
    }
}
