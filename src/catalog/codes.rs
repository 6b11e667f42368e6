//! Control-list codes as people write them (`ML13.d`, `ml 13 d`, `6A003.b.4`, `6a003b4`) reduced to one key
//! per level of the list's hierarchy, so a declared code finds its entry or its nearest parent.

/// Splits a code into its hierarchy levels, upper case: `6A003.b.4` and `6a003b4` both give
/// `["6A003", "B", "4"]`; `ML13d` gives `["ML13", "D"]`; unknown heads such as `AT-II.1` keep their first part.
pub fn segments(code: &str) -> Vec<String> {
    let upper: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let mut out = Vec::new();
    for (index, part) in upper.split(['.', '/']).filter(|p| !p.is_empty()).enumerate() {
        let rest = if index == 0 {
            let head_len = head_length(part);
            out.push(part[..head_len].to_string());
            &part[head_len..]
        } else {
            part
        };
        split_runs(rest, &mut out);
    }
    out
}

/// The canonical lookup key of a code: its segments joined with dots.
pub fn key(code: &str) -> String {
    segments(code).join(".")
}

/// Letters and digits as they would be typed on a tariff or control code, without separators (for rules).
pub fn compact(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn head_length(part: &str) -> usize {
    let bytes = part.as_bytes();
    if let Some(rest) = part.strip_prefix("ML") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            return 2 + digits;
        }
    }
    let dual_use = bytes.len() >= 5
        && bytes[0].is_ascii_digit()
        && (b'A'..=b'E').contains(&bytes[1])
        && bytes[2..5].iter().all(u8::is_ascii_digit);
    if dual_use {
        return 5;
    }
    if let Some(rest) = part.strip_prefix("HS") {
        return 2 + rest.bytes().take_while(u8::is_ascii_digit).count();
    }
    part.len()
}

fn split_runs(rest: &str, out: &mut Vec<String>) {
    let mut current = String::new();
    let mut current_is_digit = None;
    for c in rest.chars().filter(char::is_ascii_alphanumeric) {
        let is_digit = c.is_ascii_digit();
        if current_is_digit.is_some_and(|d| d != is_digit) {
            out.push(std::mem::take(&mut current));
        }
        current_is_digit = Some(is_digit);
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_of_one_code_share_a_key() {
        assert_eq!(key("6A003.b.4"), "6A003.B.4");
        assert_eq!(key("6a003b4"), "6A003.B.4");
        assert_eq!(key(" 6A003 .b. 4 "), "6A003.B.4");
        assert_eq!(key("ML13.d"), "ML13.D");
        assert_eq!(key("ml 13 d"), "ML13.D");
        assert_eq!(key("ML1"), "ML1");
        assert_eq!(key("5A992.c"), "5A992.C");
        assert_eq!(key("AT-II.1.1"), "AT-II.1.1");
        assert_eq!(key("ML6.b.1"), "ML6.B.1");
    }

    #[test]
    fn ml1_is_not_a_prefix_of_ml13() {
        assert_eq!(segments("ML13")[0], "ML13");
        assert_ne!(segments("ML13")[0], "ML1");
    }

    #[test]
    fn compact_drops_separators() {
        assert_eq!(compact("9301 10"), "930110");
        assert_eq!(compact("8703.33"), "870333");
        assert_eq!(compact("ear99"), "EAR99");
    }
}
