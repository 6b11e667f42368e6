//! A batch's decisions as CSV or XLSX: every item with its evidence and its review, and (XLSX) a summary sheet.
//! CSV is for programs: machine column names and codes, every text cell neutralised against formula injection.
//! XLSX is for people: headers, decisions and statuses in words of the reader's language, quantities and prices
//! as numbers and times as dates; text cells are neutralised and written as strings, never formulas.

use super::neutralize_formula;
use crate::i18n::Lang;
use chrono::NaiveDateTime;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use std::io::Write;

/// Columns of the item table, in order (the CSV header; the XLSX header is `report-column-<name>` in words).
pub const COLUMNS: [&str; 26] = [
    "item_id",
    "sheet",
    "row",
    "line_ref",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "currency",
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

/// One cell of the report, typed so that each format writes it its own way.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    /// A UTC time: RFC 3339 in CSV, a date cell in XLSX.
    Time(NaiveDateTime),
    /// A decision code (`dual_use`): the code in CSV, words in XLSX.
    Decision(String),
    /// A review status code (`on_hold`): the code in CSV, words in XLSX.
    Status(String),
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        let value = value.into();
        if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    }

    pub fn number(value: Option<f64>) -> Cell {
        value.filter(|v| v.is_finite()).map(Cell::Number).unwrap_or_default()
    }

    /// The cell as the CSV writes it (before neutralisation).
    fn as_csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Decision(s) | Cell::Status(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Time(t) => t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

/// One item as exported, in [`COLUMNS`] order.
pub type DecisionRow = [Cell; 26];

/// What the summary sheet shows.
#[derive(Debug, Clone, Default)]
pub struct ExportSummary {
    /// (message key in `reports.ftl`, value) lines about the batch: id, project, file, uploaded by and when,
    /// review state, catalogue versions.
    pub about: Vec<(&'static str, Cell)>,
    /// Items per decision code, in the order of severity.
    pub per_decision: Vec<(String, i64)>,
    /// Items per review status code.
    pub per_status: Vec<(String, i64)>,
}

/// Largest text an XLSX cell holds.
const XLSX_CELL_MAX: usize = 32_767;
/// How XLSX shows times (a number format, the same in every language; UTC).
const DATE_FORMAT: &str = "yyyy-mm-dd hh:mm";

fn safe(cell: &str) -> String {
    neutralize_formula(cell).into_owned()
}

/// The item table as CSV (a header row, then one row per item).
pub fn write_csv<W: Write>(out: W, rows: &[DecisionRow]) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| safe(&cell.as_csv())))?;
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

/// The column headers in words.
pub fn headers(lang: Lang) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| lang.tr(&format!("report-column-{}", c.replace('_', "-"))))
        .collect()
}

struct Formats {
    bold: Format,
    date: Format,
}

fn write_cell(
    sheet: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    col: u16,
    cell: &Cell,
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            sheet.write_string(r, col, xlsx_text(s))?;
        }
        Cell::Number(n) => {
            sheet.write_number(r, col, *n)?;
        }
        Cell::Time(t) => {
            let when = ExcelDateTime::from_timestamp(t.and_utc().timestamp())?;
            sheet.write_datetime_with_format(r, col, &when, &formats.date)?;
        }
        Cell::Decision(code) => {
            let words = code.parse().map(|d| lang.decision(d)).unwrap_or_else(|_| code.clone());
            sheet.write_string(r, col, xlsx_text(&words))?;
        }
        Cell::Status(code) => {
            sheet.write_string(r, col, xlsx_text(&lang.review_status(code)))?;
        }
    }
    Ok(())
}

/// The workbook: a sheet with the item table and a summary sheet, in `lang`.
pub fn write_xlsx(rows: &[DecisionRow], summary: &ExportSummary, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let formats = Formats {
        bold: Format::new().set_bold().set_text_wrap(),
        date: Format::new().set_num_format(DATE_FORMAT),
    };
    let sheet = workbook.add_worksheet().set_name(lang.tr("report-sheet-decisions"))?;
    for (col, name) in headers(lang).iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, name, &formats.bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in row.iter().enumerate() {
            write_cell(sheet, r, col as u16, cell, lang, &formats)?;
        }
    }
    for (col, width) in [(4u16, 48.0), (14, 40.0), (19, 36.0), (20, 17.0)] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let summary_sheet = workbook.add_worksheet().set_name(lang.tr("report-sheet-summary"))?;
    summary_sheet.set_column_width(0, 36.0)?;
    summary_sheet.set_column_width(1, 24.0)?;
    let mut r = 0u32;
    for (key, value) in &summary.about {
        summary_sheet.write_string(r, 0, xlsx_text(&lang.tr(key)))?;
        write_cell(summary_sheet, r, 1, value, lang, &formats)?;
        r += 1;
    }
    let mut table = |title: &str, lines: Vec<(String, i64)>| -> Result<(), XlsxError> {
        r += 1;
        summary_sheet.write_string_with_format(r, 0, title, &formats.bold)?;
        summary_sheet.write_string_with_format(r, 1, lang.tr("report-summary-items"), &formats.bold)?;
        for (label, n) in lines {
            r += 1;
            summary_sheet.write_string(r, 0, xlsx_text(&label))?;
            summary_sheet.write_number(r, 1, n as f64)?;
        }
        r += 1;
        Ok(())
    };
    let decisions = summary
        .per_decision
        .iter()
        .map(|(code, n)| {
            (
                code.parse().map(|d| lang.decision(d)).unwrap_or_else(|_| code.clone()),
                *n,
            )
        })
        .collect();
    table(&lang.tr("report-summary-decision"), decisions)?;
    let statuses = summary
        .per_status
        .iter()
        .map(|(code, n)| (lang.review_status(code), *n))
        .collect();
    table(&lang.tr("report-summary-review-status"), statuses)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(description: &str) -> DecisionRow {
        let mut row: DecisionRow = Default::default();
        row[0] = Cell::Number(1.0);
        row[4] = Cell::text(description);
        row[5] = Cell::Number(12.5);
        row[11] = Cell::Decision("dual_use".into());
        row[20] = Cell::Time(chrono::DateTime::from_timestamp(1_764_700_000, 0).unwrap().naive_utc());
        row
    }

    #[test]
    fn csv_cells_are_neutralised_and_keep_codes() {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &[row("=HYPERLINK(\"http://x\")"), row("  @SUM(A1)"), row("Tent")],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert!(text.contains("'  @SUM(A1)"), "{text}");
        assert!(text.contains(",Tent,12.5,"), "{text}");
        assert!(text.contains(",dual_use,"), "{text}");
        assert!(text.contains(",2025-12-02T18:26:40Z,"), "{text}");
    }

    #[test]
    fn xlsx_has_numbers_dates_and_words() {
        use calamine::{Data, Reader, Xlsx};
        let summary = ExportSummary {
            about: vec![("report-summary-batch", Cell::text("b1"))],
            per_decision: vec![("clear".into(), 1)],
            per_status: vec![("approved".into(), 1)],
        };
        let bytes = write_xlsx(&[row("+cmd|' /C calc'!A0")], &summary, Lang::Fr).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range(&Lang::Fr.tr("report-sheet-decisions")).unwrap();
        assert_eq!(
            sheet.get((0, 5)),
            Some(&Data::String(Lang::Fr.tr("report-column-quantity")))
        );
        assert_eq!(sheet.get((1, 4)), Some(&Data::String("'+cmd|' /C calc'!A0".into())));
        assert_eq!(sheet.get((1, 5)), Some(&Data::Float(12.5)));
        assert_eq!(sheet.get((1, 11)), Some(&Data::String("Double usage".into())));
        assert!(
            matches!(sheet.get((1, 20)), Some(Data::DateTime(_))),
            "{:?}",
            sheet.get((1, 20))
        );
        assert!(xlsx_text(&"x".repeat(40_000)).chars().count() <= XLSX_CELL_MAX);
    }

    #[test]
    fn every_column_has_a_header_in_words_in_every_language() {
        for lang in Lang::ALL {
            for header in headers(lang) {
                assert!(!header.starts_with("report-"), "{lang:?}: {header}");
            }
        }
    }
}
