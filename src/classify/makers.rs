//! The known arms makers' names, found in a supplier name with one automaton over all of them: a supplier is
//! scanned once however many makers the catalogue lists (searching for each name in turn was a third of the
//! CPU of `check` on a sheet with a supplier column).

use super::matcher::MatcherError;
use aho_corasick::{AhoCorasick, MatchKind};

pub(super) struct MakerNames {
    /// Normalised names with the maker's index, in catalogue order (the first that matches wins).
    names: Vec<(String, usize)>,
    automaton: AhoCorasick,
}

impl MakerNames {
    pub(super) fn build(names: Vec<(String, usize)>) -> Result<MakerNames, MatcherError> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(names.iter().map(|(name, _)| name))
            .map_err(|e| MatcherError::new(e.to_string()))?;
        Ok(MakerNames { names, automaton })
    }

    pub(super) fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The first name in catalogue order found as whole words of the normalised `text`: (where, name, maker).
    /// The automaton only narrows the names down to those that occur at all; each is then looked for exactly
    /// as before, so the answer is the same as trying every name in turn.
    pub(super) fn find(&self, text: &str) -> Option<(usize, &str, usize)> {
        let mut occurring: Vec<usize> = self
            .automaton
            .find_overlapping_iter(text)
            .map(|m| m.pattern().as_usize())
            .collect();
        if occurring.is_empty() {
            return None;
        }
        occurring.sort_unstable();
        occurring.dedup();
        occurring.into_iter().find_map(|i| {
            let (name, maker) = self.names.get(i)?;
            super::find_words(text, name).map(|at| (at, name.as_str(), *maker))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::MakerNames;

    fn makers(list: &[(&str, usize)]) -> MakerNames {
        MakerNames::build(list.iter().map(|(n, i)| (n.to_string(), *i)).collect()).expect("names compile")
    }

    #[test]
    fn the_first_name_in_catalogue_order_wins_as_whole_words() {
        let makers = makers(&[("koch", 0), ("heckler", 1), ("glock", 2)]);
        assert_eq!(makers.find("heckler koch gmbh"), Some((8, "koch", 0)));
        assert_eq!(makers.find("glockenspiel musik"), None);
        assert_eq!(makers.find("the glock company"), Some((4, "glock", 2)));
    }

    #[test]
    fn a_name_is_looked_for_as_before_not_in_overlapping_places() {
        // "ab ab" occurs at 1 (inside a word) and, overlapping that, at 4 (whole words): a search for the name
        // alone never sees the second, so neither does the automaton's answer.
        assert_eq!(makers(&[("ab ab", 0)]).find("xab ab ab"), None);
        assert_eq!(makers(&[("ab ab", 0)]).find("ab ab ab"), Some((0, "ab ab", 0)));
    }
}
