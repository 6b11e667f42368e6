//! Report writers for `equipcheck check`: a table for people, JSON and CSV for programs. Each streams.

mod csv_out;
pub mod decisions;
mod json_item;
mod json_out;
mod table;

pub use csv_out::CsvReport;
pub use json_out::JsonReport;
pub use table::TableReport;

use crate::classify::Classification;
use crate::decision::Decision;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
}

/// Neutralises spreadsheet formula injection: a cell that a spreadsheet would run as a formula (it starts,
/// perhaps after spaces or other blanks, with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed; also
/// the full-width `＝` `＋` `－` `＠` some spreadsheets fold) gets a leading apostrophe.
pub fn neutralize_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let first = cell.trim_start_matches([' ', '\u{a0}', '\u{3000}']).chars().next();
    if matches!(
        first,
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠')
    ) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// "ML1.a 'Uzi', 'Pistolet mitrailleur'; HS9301 HS code 9301.90": what matched, per entry, most severe first.
pub fn evidence_line(classification: &Classification) -> String {
    let mut parts = Vec::new();
    for finding in &classification.findings {
        if finding.decision == Decision::Clear && classification.decision != Decision::Clear {
            continue;
        }
        let matched: Vec<String> = finding
            .evidence
            .iter()
            .map(|e| match e.field {
                crate::classify::Field::Description => {
                    format!("'{}'{}", e.text, if e.fuzzy { " (misspelt)" } else { "" })
                }
                crate::classify::Field::HsCode => format!("HS {}", e.text),
                crate::classify::Field::ControlCode => format!("declared {}", e.text),
                crate::classify::Field::Extra => format!(
                    "'{}'{} in {}",
                    e.text,
                    if e.fuzzy { " (misspelt)" } else { "" },
                    e.column.as_deref().unwrap_or("another column")
                ),
                crate::classify::Field::Supplier => format!("supplier '{}'", e.text),
                crate::classify::Field::EndUser => format!("end user '{}'", e.text),
                crate::classify::Field::Destination => format!("destination {}", e.text),
            })
            .collect();
        parts.push(format!(
            "{} [{}] {}",
            finding.entry,
            finding.decision,
            matched.join(", ")
        ));
    }
    // Cancelled matches explain a clear item; beside a finding they are noise (the JSON keeps them).
    let cancelled = if classification.decision == Decision::Clear {
        classification.ignored.as_slice()
    } else {
        &[]
    };
    for ignored in cancelled {
        parts.push(format!("'{}' ignored (part of '{}')", ignored.text, ignored.negative));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::neutralize_formula;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralize_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize_formula("  +1"), "'  +1");
        assert_eq!(neutralize_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize_formula("-2+3"), "'-2+3");
        assert_eq!(neutralize_formula("\tcmd"), "'\tcmd");
        assert_eq!(neutralize_formula("Rifle scope"), "Rifle scope");
        assert_eq!(neutralize_formula(""), "");
        assert_eq!(neutralize_formula("\r=1"), "'\r=1");
        assert_eq!(neutralize_formula("   =1+1"), "'   =1+1");
        assert_eq!(neutralize_formula("\u{a0}@x"), "'\u{a0}@x");
        assert_eq!(neutralize_formula("\n-1"), "'\n-1");
        assert_eq!(neutralize_formula("＝SUM(A1)"), "'＝SUM(A1)");
        assert_eq!(neutralize_formula("Helmet - size L"), "Helmet - size L");
    }
}
