//! Agent words governed by a protection, detection or decontamination phrase (`[protection]` of
//! negatives.toml): "masques de protection contre les agents de guerre chimique" names what the mask protects
//! against, not an agent bought. Such words point to the protective entry as a weak match (`review` with its
//! question) and never decide their own entry; an agent with a quantity beside it ("sarin 10 kg") is an agent.

use crate::catalog::Catalog;

/// The protective entry and, per catalogue entry, whether a protection phrase governs its words.
pub(super) struct Protection {
    pub entry: u32,
    governed: Vec<bool>,
}

impl Protection {
    pub(super) fn build(catalog: &Catalog) -> Option<Protection> {
        let rule = catalog.protection.as_ref()?;
        let entry = catalog
            .entries
            .iter()
            .position(|e| e.code.eq_ignore_ascii_case(&rule.entry))?;
        let governed = catalog
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| i != entry && rule.governs.iter().any(|g| covers(g, &e.code)))
            .collect();
        Some(Protection {
            entry: entry as u32,
            governed,
        })
    }

    pub(super) fn governs(&self, entry: u32) -> bool {
        self.governed.get(entry as usize).copied().unwrap_or(false)
    }
}

/// `CODE` covers the entry itself; `CODE.*` also its sub-entries.
fn covers(pattern: &str, code: &str) -> bool {
    let (base, with_subs) = match pattern.strip_suffix(".*") {
        Some(base) => (base, true),
        None => (pattern, false),
    };
    let (base, code) = (base.to_ascii_uppercase(), code.to_ascii_uppercase());
    code == base || (with_subs && code.starts_with(&format!("{base}.")))
}

/// Character indices where a sentence ends, so a protection phrase reaches no further: `;`, a line break, `|`,
/// or a full stop followed by a space. Commas and brackets do not end it: the agents are often a list.
pub(super) fn sentence_ends(description: &str) -> Vec<usize> {
    let chars: Vec<char> = description.chars().collect();
    (0..chars.len())
        .filter(|&i| match chars[i] {
            ';' | '\n' | '\r' | '|' => true,
            '.' => chars.get(i + 1).is_none_or(|c| c.is_whitespace()),
            _ => false,
        })
        .collect()
}

/// Words that join two things: "sarin and protection suits" names sarin, not what the suits protect against.
const JOINS: [&str; 14] = [
    "and", "or", "plus", "with", "et", "ou", "avec", "und", "oder", "mit", "y", "o", "e", "com",
];

/// Whether the words between an agent and a protection word that follows it leave the agent governed: two at
/// most, and none that joins two things.
pub(super) fn governs_across(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    words.len() <= 2 && !words.iter().any(|w| JOINS.contains(w))
}

/// Mass and volume units: an agent with a quantity beside it is bought, not protected against.
const UNITS: [&str; 27] = [
    "kg",
    "g",
    "mg",
    "l",
    "ml",
    "t",
    "kilo",
    "kilos",
    "kilogram",
    "kilograms",
    "kilogramme",
    "kilogrammes",
    "gram",
    "grams",
    "gramme",
    "grammes",
    "gramm",
    "litre",
    "litres",
    "liter",
    "liters",
    "litro",
    "litros",
    "tonne",
    "tonnes",
    "ton",
    "tons",
];

/// Whether the normalised text states a quantity just after the match ("vx 10 kg") or just before it ("10 kg
/// de sarin", one word between at most).
pub(super) fn quantity_beside(text: &str, start: usize, end: usize) -> bool {
    let is_number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let is_unit = |w: &str| UNITS.contains(&w);
    let after: Vec<&str> = text.get(end..).unwrap_or_default().split_whitespace().take(3).collect();
    let before: Vec<&str> = text
        .get(..start)
        .unwrap_or_default()
        .split_whitespace()
        .rev()
        .take(3)
        .collect();
    let number_then_unit = after.windows(2).any(|w| is_number(w[0]) && is_unit(w[1]));
    let unit_after_number = before.windows(2).any(|w| is_unit(w[0]) && is_number(w[1]));
    number_then_unit || unit_after_number
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_covers_its_sub_entries_only_when_it_says_so() {
        assert!(covers("ML7.b", "ML7.b"));
        assert!(!covers("ML7", "ML7.f"));
        assert!(covers("ML8.*", "ML8.a.1"));
        assert!(covers("ML8.*", "ML8"));
        assert!(!covers("ML8.*", "ML18"));
    }

    #[test]
    fn a_quantity_beside_the_agent_is_seen() {
        assert!(quantity_beside("vx nerve agent 10 kg", 0, 14));
        assert!(quantity_beside("10 kg de sarin", 9, 14));
        assert!(!quantity_beside("protection contre le sarin 2 couches", 21, 26));
        assert!(!quantity_beside("masque contre le sarin", 17, 22));
    }

    #[test]
    fn a_joining_word_ends_the_reach_of_a_following_protection_word() {
        assert!(governs_across(" "));
        assert!(governs_across(" gas "));
        assert!(!governs_across(" and "));
        assert!(!governs_across(" a b c "));
    }

    #[test]
    fn sentences_end_at_semicolons_and_full_stops_not_commas() {
        assert_eq!(sentence_ends("a, b (c); d. e"), vec![8, 11]);
    }
}
