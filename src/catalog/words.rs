//! Ordinary words of the five languages (`catalog/words/LANG.txt`): the dictionary words that lie within one
//! typing error of a catalogue word. Typo tolerance never corrects them ("sardines" is not "sarin", "flint" is
//! not "Flinte"), and `catalog validate` warns about strong terms that are ordinary words of another language.
//! The files are generated from public word lists by `benches/ordinary_words.sh`; each names its source and
//! licence in its header.

use super::CatalogError;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Arc;

/// The languages a word list may be for, in the order of the bits of [`OrdinaryWords`].
pub const LANGUAGES: [&str; 5] = ["en", "fr", "de", "es", "pt"];

/// Folded ordinary words, each with the languages (a bit per [`LANGUAGES`] entry) it is a word of. Shared, not
/// copied, by its clones (the typo tolerance keeps one): the lists hold some 75,000 words.
#[derive(Debug, Default, Clone)]
pub struct OrdinaryWords {
    words: Arc<FxHashMap<Box<str>, u8>>,
}

impl OrdinaryWords {
    /// Reads `dir/words/LANG.txt` for every language present; a missing folder means no word lists.
    pub(crate) fn load(dir: &Path) -> Result<OrdinaryWords, CatalogError> {
        let mut words: FxHashMap<Box<str>, u8> = FxHashMap::default();
        for (bit, lang) in LANGUAGES.iter().enumerate() {
            let path = dir.join("words").join(format!("{lang}.txt"));
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => return Err(CatalogError::Io { path, source }),
            };
            for (number, line) in text.lines().enumerate() {
                let word = line.trim();
                if word.is_empty() || word.starts_with('#') {
                    continue;
                }
                if !word.bytes().all(|b| b.is_ascii_lowercase()) {
                    return Err(CatalogError::Parse {
                        path,
                        message: format!(
                            "line {}: '{word}' is not a folded word (lower-case a to z only); regenerate the file \
                             with benches/ordinary_words.sh",
                            number + 1
                        ),
                    });
                }
                *words.entry(word.into()).or_default() |= 1 << bit;
            }
        }
        words.shrink_to_fit();
        Ok(OrdinaryWords { words: Arc::new(words) })
    }

    /// Whether `word` (folded) is an ordinary word of any language.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    /// The languages `word` (folded) is an ordinary word of.
    pub fn languages(&self, word: &str) -> impl Iterator<Item = &'static str> {
        let bits = self.words.get(word).copied().unwrap_or(0);
        LANGUAGES
            .iter()
            .enumerate()
            .filter(move |(bit, _)| bits & (1 << bit) != 0)
            .map(|(_, lang)| *lang)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Every word with its languages (for tests that sample the lists).
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.words.iter().map(|(w, bits)| (w.as_ref(), *bits))
    }
}

/// Strong single-word terms that are ordinary words of another of the five languages, where the entry does
/// not list the word for that language too: one match decides the entry, so a collision there is a false alarm
/// waiting to happen ("canon" is French for gun barrel and English for a rule). `catalog validate` prints them
/// as warnings; make such a term weak, or write a longer phrase.
pub fn ordinary_word_warnings(catalog: &super::Catalog) -> Vec<super::CatalogProblem> {
    let mut warnings = Vec::new();
    for entry in &catalog.entries {
        for (lang, terms) in &entry.terms {
            for term in terms {
                let key = super::validate_phrase_key(term);
                if key.contains(' ') || key.len() < 4 {
                    continue;
                }
                let own = |other: &str| {
                    entry
                        .terms
                        .get(other)
                        .is_some_and(|list| list.iter().any(|t| super::validate_phrase_key(t) == key))
                };
                let others: Vec<&str> = catalog
                    .ordinary_words
                    .languages(&key)
                    .filter(|other| other != lang && !own(other))
                    .collect();
                if !others.is_empty() {
                    warnings.push(super::CatalogProblem {
                        file: entry.file.clone(),
                        code: Some(entry.code.clone()),
                        message: format!(
                            "strong term '{term}' ({lang}) is an ordinary word in {}: consider a weak term or a longer \
                             phrase",
                            others.join(", ")
                        ),
                    });
                }
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_language_and_merges_them() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir(dir.path().join("words")).expect("words folder");
        std::fs::write(dir.path().join("words/en.txt"), "# header\nflint\nwaffles\n").expect("en");
        std::fs::write(dir.path().join("words/de.txt"), "flint\n\n").expect("de");
        let words = OrdinaryWords::load(dir.path()).expect("loads");
        assert_eq!(words.len(), 2);
        assert!(words.contains("waffles"));
        assert!(!words.contains("waffe"));
        assert_eq!(words.languages("flint").collect::<Vec<_>>(), ["en", "de"]);
    }

    #[test]
    fn a_missing_folder_is_no_word_lists_and_a_bad_word_names_its_line() {
        let dir = tempfile::tempdir().expect("temporary folder");
        assert!(OrdinaryWords::load(dir.path()).expect("loads").is_empty());
        std::fs::create_dir(dir.path().join("words")).expect("words folder");
        std::fs::write(dir.path().join("words/fr.txt"), "crosse\nCroissant\n").expect("fr");
        let error = OrdinaryWords::load(dir.path())
            .expect_err("upper case is refused")
            .to_string();
        assert!(error.contains("fr.txt") && error.contains("line 2"), "{error}");
    }
}
