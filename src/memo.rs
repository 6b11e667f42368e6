//! A bounded memo for pure lookups that a sheet repeats line after line (the same supplier, end user, lot,
//! destination or description on many lines): the answer for a key is computed, and from the key's second
//! sighting on it is remembered and looked up. Use it only where the answer depends on nothing but the key and
//! data that never change under the memo's owner, so an entry never goes stale.
//!
//! Memory and time are bounded: the memo is emptied when full; long keys, which rarely repeat, are not kept; and a
//! key seen once is only noted (a hash), so a sheet whose every line is new pays no more than that note: keeping
//! every first answer made classifying distinct descriptions a fifth slower.

use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::BuildHasher;
use std::sync::Mutex;

/// Keys remembered before the memo is emptied.
pub const MEMO_KEYS: usize = 4096;
/// Keys noted as seen once before the notes are emptied.
const SEEN_KEYS: usize = MEMO_KEYS;
/// Longer keys are computed every time.
pub const MEMO_KEY_BYTES: usize = 256;

pub struct Memo<V> {
    state: Mutex<State<V>>,
}

struct State<V> {
    remembered: FxHashMap<Box<str>, V>,
    /// Hashes of keys seen once (a collision only remembers a key one sighting early).
    seen: FxHashSet<u64>,
}

/// What the memo knows of a key.
pub enum Lookup<V> {
    /// The remembered answer.
    Known(V),
    /// Seen before: compute the answer and [`Memo::remember`] it.
    Repeated,
    /// Not seen before (or too long to keep): compute the answer, nothing to remember.
    New,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            state: Mutex::new(State {
                remembered: FxHashMap::default(),
                seen: FxHashSet::default(),
            }),
        }
    }
}

impl<V> std::fmt::Debug for Memo<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.state.lock().map(|s| s.remembered.len()).unwrap_or(0);
        f.debug_struct("Memo").field("kept", &kept).finish()
    }
}

impl<V: Clone> Memo<V> {
    /// The remembered answer for `key`, or `compute()`, remembered from the key's second sighting on.
    pub fn get_or_compute(&self, key: &str, compute: impl FnOnce() -> V) -> V {
        match self.lookup(key) {
            Lookup::Known(value) => value,
            Lookup::Repeated => {
                let value = compute();
                self.remember(key, value.clone());
                value
            }
            Lookup::New => compute(),
        }
    }

    /// What the memo knows of `key`; notes it as seen.
    pub fn lookup(&self, key: &str) -> Lookup<V> {
        if key.len() > MEMO_KEY_BYTES {
            return Lookup::New;
        }
        let Ok(mut state) = self.state.lock() else {
            return Lookup::New;
        };
        if let Some(known) = state.remembered.get(key) {
            return Lookup::Known(known.clone());
        }
        if state.seen.len() >= SEEN_KEYS {
            state.seen.clear();
        }
        let hash = state.remembered.hasher().hash_one(key);
        if state.seen.insert(hash) {
            Lookup::New
        } else {
            Lookup::Repeated
        }
    }

    /// Keeps `value` as the answer for `key` (a key [`Memo::lookup`] called [`Lookup::Repeated`]).
    pub fn remember(&self, key: &str, value: V) {
        if key.len() > MEMO_KEY_BYTES {
            return;
        }
        if let Ok(mut state) = self.state.lock() {
            if state.remembered.len() >= MEMO_KEYS {
                state.remembered.clear();
            }
            state.remembered.insert(key.into(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn remembers_a_short_key_from_its_second_sighting_never_a_long_one_and_stays_bounded() {
        let memo: Memo<usize> = Memo::default();
        let calls = Cell::new(0);
        let len = |k: &str| {
            calls.set(calls.get() + 1);
            k.len()
        };
        // Computed at its first and second sighting, remembered from then on.
        for _ in 0..4 {
            assert_eq!(memo.get_or_compute("tent", || len("tent")), 4);
        }
        assert_eq!(calls.get(), 2);
        let long = "x".repeat(MEMO_KEY_BYTES + 1);
        for _ in 0..3 {
            memo.get_or_compute(&long, || len(&long));
        }
        assert_eq!(calls.get(), 5);
        for i in 0..(MEMO_KEYS + 10) {
            memo.get_or_compute(&i.to_string(), || 0);
            memo.get_or_compute(&i.to_string(), || 0);
        }
        // Keys seen once are noted, never kept, and the notes stay bounded too.
        for i in 0..(2 * SEEN_KEYS) {
            memo.get_or_compute(&format!("once {i}"), || 0);
        }
        let sizes = memo.state.lock().map(|s| (s.remembered.len(), s.seen.len()));
        assert!(sizes.is_ok_and(|(kept, seen)| kept <= MEMO_KEYS && seen <= SEEN_KEYS));
        assert_eq!(memo.get_or_compute("tent", || len("tent")), 4);
    }
}
