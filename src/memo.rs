//! A bounded memo for pure lookups that a sheet repeats line after line (the same supplier, end user, lot or
//! destination on every line): the answer for a key is computed once and then looked up. Use it only where the
//! answer depends on nothing but the key and data that never change under the memo's owner, so an entry never goes
//! stale. Memory is bounded: the memo is emptied when full, and long keys, which rarely repeat, are not kept.

use rustc_hash::FxHashMap;
use std::sync::Mutex;

/// Keys remembered before the memo is emptied.
pub const MEMO_KEYS: usize = 4096;
/// Longer keys are computed every time.
pub const MEMO_KEY_BYTES: usize = 256;

pub struct Memo<V> {
    entries: Mutex<FxHashMap<Box<str>, V>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            entries: Mutex::default(),
        }
    }
}

impl<V> std::fmt::Debug for Memo<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.entries.lock().map(|e| e.len()).unwrap_or(0);
        f.debug_struct("Memo").field("kept", &kept).finish()
    }
}

impl<V: Clone> Memo<V> {
    /// The remembered answer for `key`, or `compute()`, remembered when the key is short.
    pub fn get_or_compute(&self, key: &str, compute: impl FnOnce() -> V) -> V {
        if key.len() > MEMO_KEY_BYTES {
            return compute();
        }
        if let Some(known) = self.entries.lock().ok().and_then(|e| e.get(key).cloned()) {
            return known;
        }
        let value = compute();
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MEMO_KEYS {
                entries.clear();
            }
            entries.insert(key.into(), value.clone());
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn computes_once_per_short_key_every_time_for_a_long_one_and_stays_bounded() {
        let memo: Memo<usize> = Memo::default();
        let calls = Cell::new(0);
        let len = |k: &str| {
            calls.set(calls.get() + 1);
            k.len()
        };
        assert_eq!(memo.get_or_compute("tent", || len("tent")), 4);
        assert_eq!(memo.get_or_compute("tent", || len("tent")), 4);
        assert_eq!(calls.get(), 1);
        let long = "x".repeat(MEMO_KEY_BYTES + 1);
        memo.get_or_compute(&long, || len(&long));
        memo.get_or_compute(&long, || len(&long));
        assert_eq!(calls.get(), 3);
        for i in 0..(MEMO_KEYS + 10) {
            memo.get_or_compute(&i.to_string(), || 0);
        }
        assert!(memo.entries.lock().map(|e| e.len()).unwrap_or(usize::MAX) <= MEMO_KEYS);
        assert_eq!(memo.get_or_compute("tent", || len("tent")), 4);
    }
}
