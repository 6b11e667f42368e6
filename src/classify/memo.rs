//! Remembered screenings of the other text cells of a line. A sheet repeats the same few values down a column
//! (units, lot names, "see specification"), and screening a text costs far more than looking it up. The
//! result of a text depends on nothing but the text and the classifier, which never changes, so an entry never
//! goes stale; the memo is emptied when full to bound its memory.

use super::{Finding, Ignored};
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// Texts remembered before the memo is emptied.
pub(super) const MEMO_TEXTS: usize = 4096;
/// Longer texts are screened every time: they rarely repeat, and keeping them would cost memory.
const MEMO_TEXT_BYTES: usize = 256;

pub(super) type Screened = Arc<(Vec<Finding>, Vec<Ignored>)>;

#[derive(Default)]
pub(super) struct TextMemo {
    texts: Mutex<FxHashMap<Box<str>, Screened>>,
}

impl TextMemo {
    /// The remembered screening of `text`, or `screen(text)`, remembered when the text is short.
    pub(super) fn get_or_screen(&self, text: &str, screen: impl FnOnce() -> (Vec<Finding>, Vec<Ignored>)) -> Screened {
        if text.len() > MEMO_TEXT_BYTES {
            return Arc::new(screen());
        }
        if let Some(found) = self.texts.lock().ok().and_then(|texts| texts.get(text).cloned()) {
            return found;
        }
        let found = Arc::new(screen());
        if let Ok(mut texts) = self.texts.lock() {
            if texts.len() >= MEMO_TEXTS {
                texts.clear();
            }
            texts.insert(text.into(), Arc::clone(&found));
        }
        found
    }
}
