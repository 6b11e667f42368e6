//! Format-independent part: rows of cells in, header detection, items and
//! problems out.

use super::header::{match_row, HeaderMatch};
use super::values::{parse_number_text, ConventionVote, DecimalSep, NumText};
use super::{column_letter, Field, ImportError, ImportLimits};

/// Rows scanned for the header.
pub(crate) const HEADER_SCAN_ROWS: usize = 30;
/// Data rows looked at before any item is emitted, to learn the decimal convention.
const LOOKAHEAD_ROWS: usize = 500;

/// A cell value independent of the file format.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellValue {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// Date or time, already as ISO text.
    Date(String),
    /// Cell error such as "#REF!".
    Error(String),
}

impl CellValue {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            // A first byte that is ASCII and not a space or control character
            // is not whitespace: no need to trim.
            CellValue::Text(s) => {
                !s.as_bytes().first().is_some_and(|b| (0x21..0x80).contains(b)) && s.trim().is_empty()
            }
            _ => false,
        }
    }

    /// Text shown to a person.
    pub(crate) fn display(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(s) | CellValue::Date(s) | CellValue::Error(s) => s.clone(),
            CellValue::Number(v) => super::values::number_to_text(*v),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }
}

/// One row of a sheet: its 1-based row number and its cells from column A.
///
/// A row can be refilled with [`RawRow::clear`] and the `set` methods: text
/// cells keep their buffers (a cleared text cell is `Text("")`, which every
/// reader treats exactly like `Empty`), so streaming a sheet through one row
/// does not allocate per cell.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawRow {
    pub row: u32,
    pub cells: Vec<CellValue>,
    /// Columns whose text was cut to `max_cell_chars`, with the original length.
    pub truncated: Vec<(u32, usize)>,
    /// CSV columns whose quoted text runs over lines that read as rows of the file: a closing quote is likely
    /// missing, and those rows were read into this one cell.
    pub swallowed: Vec<u32>,
}

impl RawRow {
    /// Empties the row for reuse as row `row`, keeping the text buffers.
    pub(crate) fn clear(&mut self, row: u32) {
        self.row = row;
        self.truncated.clear();
        self.swallowed.clear();
        for cell in &mut self.cells {
            match cell {
                CellValue::Text(s) => s.clear(),
                CellValue::Empty => {}
                other => *other = CellValue::Empty,
            }
        }
    }

    pub(crate) fn get(&self, col: u32) -> &CellValue {
        self.cells.get(col as usize).unwrap_or(&CellValue::Empty)
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(CellValue::is_empty)
    }

    /// The slot for `col`, growing the row when needed.
    fn slot(&mut self, col: u32) -> Option<&mut CellValue> {
        let idx = col as usize;
        if self.cells.len() <= idx {
            self.cells.resize(idx + 1, CellValue::Empty);
        }
        self.cells.get_mut(idx)
    }

    /// Sets a cell, applying the cell-length limit; columns past `read_columns` are ignored.
    pub(crate) fn set(&mut self, col: u32, value: CellValue, limits: &ImportLimits) {
        if col >= limits.read_columns || value.is_empty() {
            return;
        }
        let value = match value {
            CellValue::Text(s) => {
                let (s, original) = truncate_chars(s, limits.max_cell_chars);
                if let Some(len) = original {
                    self.truncated.push((col, len));
                }
                CellValue::Text(s)
            }
            other => other,
        };
        if let Some(slot) = self.slot(col) {
            *slot = value;
        }
    }

    /// Same as `set(col, CellValue::Text(text.to_string()), limits)`, reusing
    /// the cell's text buffer.
    pub(crate) fn set_text(&mut self, col: u32, text: &str, limits: &ImportLimits) {
        if col >= limits.read_columns || text.trim().is_empty() {
            return;
        }
        let (kept, original) = truncated_prefix(text, limits.max_cell_chars);
        if let Some(len) = original {
            self.truncated.push((col, len));
        }
        if let Some(slot) = self.slot(col) {
            match slot {
                CellValue::Text(buf) => {
                    buf.clear();
                    buf.push_str(kept);
                }
                other => *other = CellValue::Text(kept.to_string()),
            }
        }
    }
}

/// The first `max` characters of `s`, and the original length in characters when cut.
fn truncated_prefix(s: &str, max: usize) -> (&str, Option<usize>) {
    if s.len() <= max {
        return (s, None);
    }
    match s.char_indices().nth(max) {
        Some((byte, _)) => (s.get(..byte).unwrap_or(s), Some(s.chars().count())),
        None => (s, None),
    }
}

/// Cuts `s` to `max` characters; returns the original length when cut.
pub(crate) fn truncate_chars(mut s: String, max: usize) -> (String, Option<usize>) {
    let (kept, original) = truncated_prefix(&s, max);
    let keep = kept.len();
    s.truncate(keep);
    (s, original)
}

/// A source of rows in sheet order.
pub(crate) trait RowSource {
    /// Refills `row` with the next non-blank row; `false` at the end (`row`
    /// is then unspecified).
    fn next_row_into(&mut self, row: &mut RawRow) -> Result<bool, ImportError>;

    /// Next non-blank row, or `None` at the end.
    fn next_row(&mut self) -> Result<Option<RawRow>, ImportError> {
        let mut row = RawRow::default();
        Ok(self.next_row_into(&mut row)?.then_some(row))
    }
}

/// What the header scan saw in the first rows of a sheet.
pub(crate) struct Scan {
    pub header: Option<HeaderMatch>,
    /// Rows read so far (header and everything before it are included).
    pub rows: Vec<RawRow>,
    /// Non-empty texts of the scanned rows, for the "no header" error.
    pub found: Vec<String>,
    /// Whether the sheet had any non-empty cell in the scanned rows.
    pub any_data: bool,
}

/// Reads up to [`HEADER_SCAN_ROWS`] non-blank rows and finds the best header row.
pub(crate) fn scan_header(src: &mut dyn RowSource) -> Result<Scan, ImportError> {
    let mut rows = Vec::new();
    let mut best: Option<HeaderMatch> = None;
    let mut found = Vec::new();
    while rows.len() < HEADER_SCAN_ROWS {
        let Some(row) = src.next_row()? else { break };
        if row.is_blank() {
            continue;
        }
        let texts: Vec<(u32, String)> = row
            .cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                CellValue::Text(s) if !s.trim().is_empty() => Some((i as u32, s.clone())),
                _ => None,
            })
            .collect();
        for c in row.cells.iter().filter(|c| !c.is_empty()) {
            if found.len() < 60 {
                let shown: String = c.display().chars().take(60).collect();
                found.push(shown);
            }
        }
        if let Some(m) = match_row(row.row, &texts) {
            if best.as_ref().is_none_or(|b| m.score > b.score) {
                best = Some(m);
            }
        }
        rows.push(row);
    }
    let any_data = !rows.is_empty();
    Ok(Scan {
        header: best,
        rows,
        found,
        any_data,
    })
}

/// Where the records of a sheet go and what they are called.
pub(crate) struct SheetCtx<'a> {
    pub sheet: Option<String>,
    pub limits: &'a ImportLimits,
}

/// "C (Quantité)".
pub(crate) fn column_label(header: &HeaderMatch, col: u32) -> String {
    let text = header
        .columns
        .iter()
        .find(|(c, _, _)| *c == col)
        .map(|(_, t, _)| t.as_str())
        .unwrap_or("");
    if text.is_empty() {
        column_letter(col)
    } else {
        format!("{} ({})", column_letter(col), text)
    }
}

/// Learns the decimal convention from the numbers in the quantity and price columns.
pub(crate) fn learn_convention(header: &HeaderMatch, rows: &[RawRow]) -> DecimalSep {
    let mut vote = ConventionVote::default();
    for field in [Field::Quantity, Field::UnitPrice] {
        if let Some(col) = header.column_of(field) {
            for row in rows {
                if let CellValue::Text(s) = row.get(col) {
                    vote.observe(&parse_number_text(s));
                }
            }
        }
    }
    vote.convention(header.lang_decimal.unwrap_or(DecimalSep::Point))
}

pub(crate) fn num_text(s: &str) -> NumText {
    parse_number_text(s)
}

pub(crate) const LOOKAHEAD: usize = LOOKAHEAD_ROWS;
