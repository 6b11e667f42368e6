//! Parse errors as the caller may see them: serde names Rust types ("expected struct OrderLine with 12
//! elements", "expected i64"); the caller only knows JSON, so those become JSON words.

use regex::Regex;
use std::sync::OnceLock;

/// The message of a JSON (or query, or path) parse error without Rust type names.
pub fn public_message(raw: &str) -> String {
    static RULES: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        [
            (
                r"(?:struct|tuple struct) [A-Za-z_][A-Za-z0-9_]*(?: with \d+ elements?)?",
                "a JSON object",
            ),
            (r"enum [A-Za-z_][A-Za-z0-9_]*", "one of the allowed values"),
            (
                r"\b(?:a |an )?(?:i8|i16|i32|i64|i128|isize|u8|u16|u32|u64|u128|usize)\b",
                "an integer",
            ),
            (r"\b(?:a |an )?(?:f32|f64)\b", "a number"),
            (r"\b(?:a )?(?:NaiveDate|NaiveDateTime)\b", "a date"),
            (r"\b(?:a )?DateTime<Utc>", "an RFC 3339 date and time"),
            (r"\b(?:a )?(?:Vec|Option|HashMap|BTreeMap)<[^>]*>", "a value"),
            (r"\bsequence\b", "array"),
            (r"\bmap\b", "object"),
            (r"(?:field|variant) identifier", "a field name"),
        ]
        .into_iter()
        .filter_map(|(pattern, with)| Regex::new(pattern).ok().map(|r| (r, with)))
        .collect()
    });
    let mut text = raw.to_string();
    for (pattern, with) in rules {
        text = pattern.replace_all(&text, *with).into_owned();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::public_message;

    #[test]
    fn rust_type_names_become_json_words() {
        assert_eq!(
            public_message("invalid type: sequence, expected struct OrderLine with 12 elements"),
            "invalid type: array, expected a JSON object"
        );
        assert_eq!(
            public_message("can not parse \"x\" to a i64"),
            "can not parse \"x\" to an integer"
        );
        assert_eq!(
            public_message("invalid type: string \"a\", expected f64"),
            "invalid type: string \"a\", expected a number"
        );
        assert_eq!(
            public_message("unknown variant `x`, expected enum Kind"),
            "unknown variant `x`, expected one of the allowed values"
        );
        let leaked = regex::Regex::new(r"struct|enum |\bi64\b|\bf64\b|Vec<").unwrap_or_else(|_| unreachable!());
        for raw in [
            "invalid type: map, expected a sequence",
            "expected struct ClassifyItem",
            "invalid value: integer `-1`, expected u32",
        ] {
            assert!(!leaked.is_match(&public_message(raw)), "{raw}");
        }
    }
}
