//! A batch's decisions as CSV or XLSX: every item with its evidence and its review, and (XLSX) a summary sheet.
//! Every cell is text, neutralised against formula injection; XLSX cells are written as strings, never formulas.

use super::neutralize_formula;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::io::Write;

/// Columns of the item table, in order.
pub const COLUMNS: [&str; 24] = [
    "item_id",
    "sheet",
    "row",
    "line_ref",
    "description",
    "quantity",
    "unit",
    "hs_code",
    "control_code",
    "decision",
    "screened_decision",
    "entries",
    "evidence",
    "questions",
    "review_status",
    "review_entry",
    "reviewer",
    "justification",
    "reviewed_at",
    "rescreen",
    "catalog_version",
    "screened_prohibited",
    "screening_history",
    "party_lists",
];

/// One item as exported (text cells, in [`COLUMNS`] order).
pub type DecisionRow = [String; 24];

/// What the summary sheet shows.
#[derive(Debug, Clone, Default)]
pub struct ExportSummary {
    /// (label, value) lines about the batch: id, project, file, uploaded by, review state, catalogue versions.
    pub about: Vec<(String, String)>,
    /// Items per decision, in the order of severity.
    pub per_decision: Vec<(String, i64)>,
    /// Items per review status.
    pub per_status: Vec<(String, i64)>,
}

/// Largest text an XLSX cell holds.
const XLSX_CELL_MAX: usize = 32_767;

fn safe(cell: &str) -> String {
    neutralize_formula(cell).into_owned()
}

/// The item table as CSV (a header row, then one row per item).
pub fn write_csv<W: Write>(out: W, rows: &[DecisionRow]) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| safe(cell)))?;
    }
    writer.flush()
}

fn xlsx_text(cell: &str) -> String {
    let safe = safe(cell);
    if safe.chars().count() <= XLSX_CELL_MAX {
        return safe;
    }
    let mut cut: String = safe.chars().take(XLSX_CELL_MAX - 1).collect();
    cut.push('…');
    cut
}

/// The workbook: a `Decisions` sheet with the item table and a `Summary` sheet.
pub fn write_xlsx(rows: &[DecisionRow], summary: &ExportSummary) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet().set_name("Decisions")?;
    for (col, name) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r, col as u16, xlsx_text(cell))?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let summary_sheet = workbook.add_worksheet().set_name("Summary")?;
    let mut r = 0u32;
    let mut line = |label: &str, value: &str, format: Option<&Format>| -> Result<(), XlsxError> {
        match format {
            Some(f) => summary_sheet.write_string_with_format(r, 0, xlsx_text(label), f)?,
            None => summary_sheet.write_string(r, 0, xlsx_text(label))?,
        };
        if !value.is_empty() {
            summary_sheet.write_string(r, 1, xlsx_text(value))?;
        }
        r += 1;
        Ok(())
    };
    for (label, value) in &summary.about {
        line(label, value, None)?;
    }
    line("", "", None)?;
    line("decision", "items", Some(&bold))?;
    for (decision, n) in &summary.per_decision {
        line(decision, &n.to_string(), None)?;
    }
    line("", "", None)?;
    line("review status", "items", Some(&bold))?;
    for (status, n) in &summary.per_status {
        line(status, &n.to_string(), None)?;
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(description: &str) -> DecisionRow {
        let mut row: DecisionRow = Default::default();
        row[0] = "1".into();
        row[4] = description.into();
        row[9] = "clear".into();
        row
    }

    #[test]
    fn csv_cells_are_neutralised() {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &[row("=HYPERLINK(\"http://x\")"), row("  @SUM(A1)"), row("Tent")],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert!(text.contains("'  @SUM(A1)"), "{text}");
        assert!(text.contains(",Tent,"), "{text}");
    }

    #[test]
    fn xlsx_is_a_workbook_with_two_sheets() {
        let summary = ExportSummary {
            about: vec![("batch".into(), "b1".into())],
            per_decision: vec![("clear".into(), 1)],
            per_status: vec![("approved".into(), 1)],
        };
        let bytes = write_xlsx(&[row("+cmd|' /C calc'!A0")], &summary).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert!(xlsx_text(&"x".repeat(40_000)).chars().count() <= XLSX_CELL_MAX);
    }
}
