//! A decision must stand up in an audit years later: its written reason has to say something.

/// Shortest acceptable reason, in characters (after trimming).
pub const MIN_CHARS: usize = 10;
pub const MAX_CHARS: usize = 4000;

/// Reasons that say nothing, compared after folding case and dropping punctuation.
const PLACEHOLDERS: &[&str] = &[
    "ok",
    "okay",
    "oké",
    "k",
    "na",
    "n a",
    "none",
    "nil",
    "null",
    "test",
    "testing",
    "tests",
    "asdf",
    "asdfgh",
    "qwerty",
    "xxx",
    "tbd",
    "todo",
    "fine",
    "yes",
    "no",
    "approved",
    "approve",
    "rejected",
    "reject",
    "done",
    "checked",
    "see above",
    "as above",
    "same",
    "same as above",
    "lorem ipsum",
    "no comment",
    "nothing",
    "good",
    "looks good",
    "lgtm",
    "all good",
    "fine by me",
    "ok ok",
    "test test",
];

/// Why a reason is refused, or `None` when it will do.
pub fn problem(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let chars = trimmed.chars().count();
    if chars == 0 {
        return Some("is required: write why".into());
    }
    if chars > MAX_CHARS {
        return Some(format!("is longer than {MAX_CHARS} characters"));
    }
    let folded: String = trimmed
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let normal = words.join(" ");
    if PLACEHOLDERS.contains(&normal.as_str()) || normal.is_empty() {
        return Some(format!("{trimmed:?} is a placeholder, not a reason"));
    }
    if chars < MIN_CHARS {
        return Some(format!("is too short: at least {MIN_CHARS} characters"));
    }
    let mut letters: Vec<char> = folded.chars().filter(|c| c.is_alphabetic()).collect();
    letters.sort_unstable();
    letters.dedup();
    if letters.len() < 4 || words.len() < 2 {
        return Some("does not read as a reason: write a sentence".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn placeholders_and_short_reasons_are_refused() {
        for text in [
            "",
            "   ",
            "ok",
            "OK.",
            "n/a",
            "N/A",
            "-",
            "--",
            "test",
            "asdf",
            "Test test",
            "LGTM!",
            "approved",
            "short one",
            "aaaaaaaaaaaa aaaa",
            "1234567890 12",
            "????????????",
        ] {
            assert!(problem(text).is_some(), "{text:?} was accepted");
        }
    }

    #[test]
    fn real_reasons_are_accepted() {
        for text in [
            "Licence DE-2026-118 checked, end user verified",
            "Nail gun for construction, not a firearm",
            "Thermal camera runs at 9 Hz, below the 6A003 threshold",
        ] {
            assert_eq!(problem(text), None, "{text:?}");
        }
        assert!(problem(&"x".repeat(5000)).is_some());
    }
}
