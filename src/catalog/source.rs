//! The legal source texts the generated part of the catalogue is built from (`catalog/sources/`): an extract of
//! a control list ("CODE<TAB>operative text" per entry, `@key value` metadata, `## group` headings, `#`
//! comments) and a correlation table from tariff codes to list entries ("HS-PREFIX<TAB>CODE[ CODE...]").
//! Parsing is strict: a line that is neither is an error naming the file and line, never skipped.

use super::codes;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One entry of a source text, in the order of the legal act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    pub code: String,
    /// The nearest entry above it in the same source (`1C350` for `1C350.a`), if any.
    pub parent: Option<String>,
    /// The product group heading it stands under (`1C Materials`).
    pub group: String,
    /// The operative text as published (whitespace collapsed).
    pub text: String,
}

/// A parsed source text with its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// File name inside `catalog/sources/`.
    pub file: String,
    /// Act id from manifest.toml (`@act`).
    pub act: String,
    /// Version of the act the text is (`@version`).
    pub version: String,
    /// Where the text comes from (`@source`).
    pub source: String,
    pub entries: Vec<SourceEntry>,
}

impl SourceText {
    /// An entry's title as a buyer who copies the list would write it: without quotation marks around defined
    /// terms, and an entry that only says "... as follows:" is read with its first sub-item, as the list
    /// continues. Used to measure recall on the list's own words.
    pub fn title_as_written(&self, entry: &SourceEntry) -> String {
        let text = plain_title(&entry.text);
        let bare = text.trim_end().ends_with("as follows:") || text.trim_end().ends_with("following:");
        let first_sub = self
            .entries
            .iter()
            .find(|e| e.parent.as_deref() == Some(entry.code.as_str()));
        match first_sub {
            Some(sub) if bare => format!("{text} {}", plain_title(&sub.text)),
            _ => text,
        }
    }

    /// Every heading (a code without sub-item) with its title as written (`title_as_written`).
    pub fn heading_titles(&self) -> Vec<(&str, String)> {
        self.entries
            .iter()
            .filter(|e| !e.code.contains('.'))
            .map(|entry| (entry.code.as_str(), self.title_as_written(entry)))
            .collect()
    }
}

/// Without quotation marks around defined terms.
fn plain_title(text: &str) -> String {
    text.replace(['"', '\u{201c}', '\u{201d}'], "")
        .replace(" '", " ")
        .replace("' ", " ")
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot read source text {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}, line {line}: {message}")]
    Syntax { file: String, line: usize, message: String },
}

fn syntax(file: &str, line: usize, message: impl Into<String>) -> SourceError {
    SourceError::Syntax {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

pub(crate) fn read(path: &Path) -> Result<String, SourceError> {
    std::fs::read_to_string(path).map_err(|source| SourceError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Parses a control-list extract. `file` names it in errors.
pub fn parse_list(file: &str, text: &str) -> Result<SourceText, SourceError> {
    let mut out = SourceText {
        file: file.to_string(),
        act: String::new(),
        version: String::new(),
        source: String::new(),
        entries: Vec::new(),
    };
    let mut group = String::new();
    let mut seen = std::collections::HashSet::new();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() || (line.starts_with('#') && !line.starts_with("##")) {
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            group = heading.trim().to_string();
            continue;
        }
        if let Some(meta) = line.strip_prefix('@') {
            let (key, value) = meta.split_once(' ').unwrap_or((meta, ""));
            let value = value.trim().to_string();
            match key {
                "act" => out.act = value,
                "version" => out.version = value,
                "source" => out.source = value,
                other => return Err(syntax(file, line_no, format!("unknown metadata @{other}"))),
            }
            continue;
        }
        let Some((code, body)) = line.split_once('\t') else {
            return Err(syntax(
                file,
                line_no,
                "expected CODE<TAB>text, a '## group' heading, '@key value' or a '#' comment",
            ));
        };
        let code = code.trim();
        let body = collapse(body);
        if code.is_empty() || body.is_empty() {
            return Err(syntax(file, line_no, "the code and its text must both be present"));
        }
        if code.chars().any(char::is_whitespace) {
            return Err(syntax(file, line_no, format!("code '{code}' contains a space")));
        }
        if !seen.insert(codes::key(code)) {
            return Err(syntax(file, line_no, format!("code {code} appears twice")));
        }
        let parent = nearest_parent(code, &out.entries);
        out.entries.push(SourceEntry {
            code: code.to_string(),
            parent,
            group: group.clone(),
            text: body,
        });
    }
    for (key, value) in [("@act", &out.act), ("@version", &out.version), ("@source", &out.source)] {
        if value.is_empty() {
            return Err(syntax(file, 0, format!("{key} is missing")));
        }
    }
    if out.entries.is_empty() {
        return Err(syntax(file, 0, "no entries"));
    }
    Ok(out)
}

/// The closest listed ancestor of `code` among the entries read so far (`6A003.b` for `6A003.b.4`).
fn nearest_parent(code: &str, earlier: &[SourceEntry]) -> Option<String> {
    let segments = codes::segments(code);
    (1..segments.len()).rev().find_map(|n| {
        let key = segments[..n].join(".");
        earlier
            .iter()
            .find(|e| codes::key(&e.code) == key)
            .map(|e| e.code.clone())
    })
}

/// One row of a correlation table: a tariff-code prefix (digits) and the list entries it may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correlation {
    pub hs_prefix: String,
    pub codes: Vec<String>,
}

/// Parses "HS<TAB>CODE CODE ..." rows (HS written with or without dots and spaces; `#` comments).
pub fn parse_correlation(file: &str, text: &str) -> Result<Vec<Correlation>, SourceError> {
    let mut rows = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut columns = line.split('\t');
        let hs = columns.next().unwrap_or_default();
        let targets = columns.next().unwrap_or_default();
        let digits: String = hs.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
        if digits.len() < 4 || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(syntax(
                file,
                index + 1,
                format!("'{hs}' is not a tariff code of 4 to 10 digits"),
            ));
        }
        let codes: Vec<String> = targets.split_whitespace().map(str::to_string).collect();
        if codes.is_empty() {
            return Err(syntax(file, index + 1, "no list entry after the tariff code"));
        }
        rows.push(Correlation {
            hs_prefix: digits,
            codes,
        });
    }
    Ok(rows)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short fingerprint of a legal text: curated terms record the one they were checked against, so a changed
/// text is noticed. Whitespace does not count.
pub fn fingerprint(text: &str) -> String {
    let digest = Sha256::digest(collapse(text).as_bytes());
    hex::encode(&digest[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# comment\n@act EU-DU\n@version 2025\n@source https://example.org\n## 1A Systems\n\
                          1A004\tProtective equipment, as follows:\n1A004.a\tFull face   masks.\n1A004.a.1\tDeep.\n";

    #[test]
    fn reads_entries_metadata_and_parents() {
        let parsed = parse_list("s.txt", SAMPLE).unwrap();
        assert_eq!(parsed.act, "EU-DU");
        assert_eq!(parsed.version, "2025");
        assert_eq!(parsed.entries.len(), 3);
        assert_eq!(parsed.entries[0].parent, None);
        assert_eq!(parsed.entries[1].parent.as_deref(), Some("1A004"));
        assert_eq!(parsed.entries[2].parent.as_deref(), Some("1A004.a"));
        assert_eq!(parsed.entries[1].text, "Full face masks.");
        assert_eq!(parsed.entries[1].group, "1A Systems");
    }

    #[test]
    fn a_bare_heading_is_read_with_its_first_sub_item() {
        let parsed = parse_list("s.txt", SAMPLE).unwrap();
        let titles = parsed.heading_titles();
        assert_eq!(titles.len(), 1, "sub-items are not headings");
        assert_eq!(
            titles[0],
            (
                "1A004",
                "Protective equipment, as follows: Full face masks.".to_string()
            )
        );
    }

    #[test]
    fn a_stray_line_is_an_error_with_its_line_number() {
        let text = format!("{SAMPLE}not an entry\n");
        let err = parse_list("s.txt", &text).unwrap_err().to_string();
        assert!(err.contains("s.txt, line 9"), "{err}");
    }

    #[test]
    fn duplicate_codes_and_missing_metadata_are_errors() {
        let twice = format!("{SAMPLE}1A004\tAgain.\n");
        assert!(parse_list("s.txt", &twice).unwrap_err().to_string().contains("twice"));
        let no_act = SAMPLE.replace("@act EU-DU\n", "");
        assert!(parse_list("s.txt", &no_act).unwrap_err().to_string().contains("@act"));
    }

    #[test]
    fn correlation_rows_take_dotted_codes() {
        let rows = parse_correlation("c.tsv", "# x\n9005.10\t6A002 6A003\n").unwrap();
        assert_eq!(rows[0].hs_prefix, "900510");
        assert_eq!(rows[0].codes, ["6A002", "6A003"]);
        assert!(parse_correlation("c.tsv", "90\t6A002\n").is_err());
        assert!(parse_correlation("c.tsv", "9005\n").is_err());
    }

    #[test]
    fn fingerprint_ignores_whitespace_only() {
        assert_eq!(fingerprint("a  b"), fingerprint("a b"));
        assert_ne!(fingerprint("a b"), fingerprint("a c"));
        assert_eq!(fingerprint("x").len(), 16);
    }
}
