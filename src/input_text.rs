//! Control characters in text that requests and files bring in. PostgreSQL cannot store NUL in text at all, and
//! no field of this product has a use for the other C0/C1 controls or DEL, so they are refused where text comes
//! in (422 naming the field) instead of failing later in the database. Tab, line feed and carriage return are
//! layout, allowed in free text (justifications, descriptions) but never in paths, queries or identifiers.

use serde_json::Value;

/// Whether tab, line feed and carriage return are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Allowed,
    Refused,
}

fn refused(c: char, layout: Layout) -> bool {
    c.is_control() && !(layout == Layout::Allowed && matches!(c, '\t' | '\n' | '\r'))
}

/// The first refused control character of `text`.
pub fn find_control(text: &str, layout: Layout) -> Option<char> {
    text.chars().find(|&c| refused(c, layout))
}

/// The message for a field that holds `c`.
pub fn message(c: char) -> String {
    format!(
        "contains the control character U+{:04X}; remove it (control characters are not accepted in text)",
        u32::from(c)
    )
}

/// `text` without its refused control characters, and the first one removed (for the report).
pub fn strip_controls(text: &str, layout: Layout) -> (String, Option<char>) {
    match find_control(text, layout) {
        None => (text.to_string(), None),
        Some(first) => (text.chars().filter(|&c| !refused(c, layout)).collect(), Some(first)),
    }
}

/// `text` with each refused control character shown as U+FFFD (for values quoted in problem reports).
pub fn visible(text: &str) -> String {
    if find_control(text, Layout::Allowed).is_none() {
        return text.to_string();
    }
    text.chars()
        .map(|c| if refused(c, Layout::Allowed) { '\u{FFFD}' } else { c })
        .collect()
}

/// Quick test on JSON text: can it hold a control character in a string at all? Raw C0 controls are invalid
/// JSON (the parser refuses them), so only escapes (`\u`, `\b`, `\f`), DEL and C1 (U+0080–U+009F, UTF-8 `C2 80`
/// to `C2 9F`) can. Lets the common body skip the walk over a parsed value.
pub fn json_may_hold_control(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|w| matches!(w, [b'\\', b'u' | b'b' | b'f'] | [0xC2, 0x80..=0x9F]) || w[0] == 0x7F || w[1] == 0x7F)
}

/// The first string (object keys included) of a JSON value holding a refused control character: its path
/// (`lines[2].description`, `body` for the top level) and the character. Layout characters are allowed.
pub fn find_in_json(value: &Value) -> Option<(String, char)> {
    fn walk(value: &Value, path: &mut String) -> Option<(String, char)> {
        match value {
            Value::String(s) => find_control(s, Layout::Allowed).map(|c| (path_or_body(path), c)),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = walk(item, path);
                path.truncate(len);
                found
            }),
            Value::Object(map) => map.iter().find_map(|(key, item)| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&visible(key));
                let found = find_control(key, Layout::Refused)
                    .map(|c| (path.clone(), c))
                    .or_else(|| walk(item, path));
                path.truncate(len);
                found
            }),
            _ => None,
        }
    }
    fn path_or_body(path: &str) -> String {
        if path.is_empty() {
            "body".to_string()
        } else {
            path.to_string()
        }
    }
    walk(value, &mut String::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn controls_are_found_and_layout_is_a_choice() {
        assert_eq!(find_control("Glock\u{0}17", Layout::Allowed), Some('\u{0}'));
        assert_eq!(find_control("a\tb\nc\r", Layout::Allowed), None);
        assert_eq!(find_control("a\tb", Layout::Refused), Some('\t'));
        assert_eq!(find_control("x\u{7f}", Layout::Allowed), Some('\u{7f}'));
        assert_eq!(find_control("x\u{85}", Layout::Allowed), Some('\u{85}'));
        assert_eq!(find_control("Désignation ü ✓", Layout::Refused), None);
        assert_eq!(
            strip_controls("Glo\u{0}ck", Layout::Allowed),
            ("Glock".into(), Some('\u{0}'))
        );
        assert_eq!(visible("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn json_strings_and_keys_are_checked_with_their_path() {
        let value: Value =
            serde_json::from_str(r#"{"lines": [{"d": "ok"}, {"d": "x\u0000y"}], "note": "a\nb"}"#).unwrap();
        assert_eq!(find_in_json(&value), Some(("lines[1].d".into(), '\u{0}')));
        let value: Value = serde_json::from_str(r#"{"k\u0001": 1}"#).unwrap();
        assert_eq!(find_in_json(&value), Some(("k\u{FFFD}".into(), '\u{1}')));
        let value: Value = serde_json::from_str(r#""\u001f""#).unwrap();
        assert_eq!(find_in_json(&value), Some(("body".into(), '\u{1f}')));
        let value: Value = serde_json::from_str(r#"{"a": "line\r\nbreak\ttab"}"#).unwrap();
        assert_eq!(find_in_json(&value), None);
    }

    proptest! {
        /// The quick test never misses a string that the walk would refuse.
        #[test]
        fn the_quick_test_never_misses_a_control(text in "\\PC*[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]?\\PC*") {
            let json = serde_json::to_vec(&serde_json::json!({"field": text})).unwrap();
            let value: Value = serde_json::from_slice(&json).unwrap();
            if find_in_json(&value).is_some() {
                prop_assert!(json_may_hold_control(&json));
            }
        }
    }
}
