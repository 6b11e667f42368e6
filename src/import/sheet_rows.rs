//! Rows from calamine's cell readers and ranges, with the row, column, cell
//! and cell-length limits enforced while reading.

use super::pipeline::{CellValue, RawRow, RowSource};
use super::{column_letter, ImportError, ImportLimits};
use calamine::{Data, DataRef, ExcelDateTime, Range};

pub(crate) fn excel_date(d: &ExcelDateTime) -> CellValue {
    let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
    if d.is_duration() {
        return CellValue::Text(format!("{h:02}:{min:02}:{s:02}"));
    }
    if h == 0 && min == 0 && s == 0 {
        CellValue::Date(format!("{y:04}-{m:02}-{day:02}"))
    } else {
        CellValue::Date(format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}"))
    }
}

pub(crate) fn from_ref(v: DataRef<'_>) -> CellValue {
    match v {
        DataRef::Int(i) => CellValue::Number(i as f64),
        DataRef::Float(f) => CellValue::Number(f),
        DataRef::String(s) => CellValue::Text(s),
        DataRef::SharedString(s) => CellValue::Text(s.to_string()),
        DataRef::Bool(b) => CellValue::Bool(b),
        DataRef::DateTime(d) => excel_date(&d),
        DataRef::DateTimeIso(s) => CellValue::Date(s),
        DataRef::DurationIso(s) => CellValue::Text(s),
        DataRef::Error(e) => CellValue::Error(e.to_string()),
        DataRef::Empty => CellValue::Empty,
    }
}

pub(crate) fn from_data(v: &Data) -> CellValue {
    match v {
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(d) => excel_date(d),
        Data::DateTimeIso(s) => CellValue::Date(s.clone()),
        Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}

/// Sets a cell read by a streaming reader; text is copied into the row's buffer.
pub(crate) fn set_ref(row: &mut RawRow, col: u32, v: &DataRef<'_>, limits: &ImportLimits) {
    match v {
        DataRef::String(s) | DataRef::DurationIso(s) => row.set_text(col, s, limits),
        DataRef::SharedString(s) => row.set_text(col, s, limits),
        DataRef::Empty => {}
        other => {
            if col < limits.read_columns {
                row.set(col, from_ref(other.clone()), limits);
            }
        }
    }
}

/// Reads the next cell of a streaming reader and hands its row, column and
/// value to the visitor; `Ok(false)` at the end.
pub(crate) type NextCell<'a> = Box<dyn FnMut(&mut dyn FnMut(u32, u32, &DataRef<'_>)) -> Result<bool, String> + 'a>;

/// Rows from a streaming cell reader; cells arrive in row order.
pub(crate) struct StreamRows<'a> {
    file: &'a str,
    sheet: &'a str,
    next: NextCell<'a>,
    /// 0-based row of the cell already read into `spare`: the first cell of the next row.
    pending: Option<u32>,
    spare: RawRow,
    limits: &'a ImportLimits,
    cells: u64,
    done: bool,
}

impl<'a> StreamRows<'a> {
    pub(crate) fn new(file: &'a str, sheet: &'a str, next: NextCell<'a>, limits: &'a ImportLimits) -> Self {
        StreamRows {
            file,
            sheet,
            next,
            pending: None,
            spare: RawRow::default(),
            limits,
            cells: 0,
            done: false,
        }
    }

    /// Reads the cells of one sheet row into `row`; `false` when the sheet had no more cells.
    fn fill(&mut self, row: &mut RawRow) -> Result<bool, ImportError> {
        // The 0-based row being filled.
        let mut current = None;
        if let Some(r) = self.pending.take() {
            std::mem::swap(row, &mut self.spare);
            current = Some(r);
        }
        let (file, sheet, limits) = (self.file, self.sheet, self.limits);
        while !self.done {
            let mut error = None;
            let mut next_row = None;
            let cells = &mut self.cells;
            let spare = &mut self.spare;
            let more = (self.next)(&mut |r, col, value| {
                if let Err(e) = check_position(file, sheet, limits, r, col) {
                    error = Some(e);
                    return;
                }
                *cells += 1;
                if *cells > limits.max_cells {
                    error = Some(ImportError::hostile(
                        file,
                        Some(sheet),
                        "max_cells",
                        limits.max_cells,
                        "the sheet has too many cells",
                    ));
                    return;
                }
                match current {
                    Some(cur) if cur == r => set_ref(row, col, value, limits),
                    Some(_) => {
                        // The first cell of the next row waits in the spare row.
                        spare.clear(r.saturating_add(1));
                        set_ref(spare, col, value, limits);
                        next_row = Some(r);
                    }
                    None => {
                        current = Some(r);
                        row.clear(r.saturating_add(1));
                        set_ref(row, col, value, limits);
                    }
                }
            })
            .map_err(|e| ImportError::corrupt(file, Some(sheet), e))?;
            if let Some(e) = error {
                return Err(e);
            }
            if !more {
                self.done = true;
            } else if next_row.is_some() {
                self.pending = next_row;
                return Ok(true);
            }
        }
        Ok(current.is_some())
    }
}

pub(crate) fn check_position(
    file: &str,
    sheet: &str,
    limits: &ImportLimits,
    row: u32,
    col: u32,
) -> Result<(), ImportError> {
    if u64::from(row) >= u64::from(limits.max_rows) {
        return Err(ImportError::hostile(
            file,
            Some(sheet),
            "max_rows",
            u64::from(limits.max_rows),
            format!("a cell sits on row {}", u64::from(row) + 1),
        ));
    }
    if u64::from(col) >= u64::from(limits.max_columns) {
        return Err(ImportError::hostile(
            file,
            Some(sheet),
            "max_columns",
            u64::from(limits.max_columns),
            format!("a cell sits in column {}", column_letter(col)),
        ));
    }
    Ok(())
}

impl RowSource for StreamRows<'_> {
    fn next_row_into(&mut self, row: &mut RawRow) -> Result<bool, ImportError> {
        loop {
            if !self.fill(row)? {
                return Ok(false);
            }
            if !row.is_blank() || !row.truncated.is_empty() {
                return Ok(true);
            }
        }
    }
}

/// Rows from an in-memory range (XLS, ODS).
pub(crate) struct RangeRows<'a> {
    pub(crate) file: &'a str,
    pub(crate) sheet: &'a str,
    pub(crate) range: Range<Data>,
    pub(crate) next_index: usize,
    pub(crate) limits: &'a ImportLimits,
}

impl RowSource for RangeRows<'_> {
    fn next_row_into(&mut self, row: &mut RawRow) -> Result<bool, ImportError> {
        let (start_row, start_col) = self.range.start().unwrap_or((0, 0));
        let width = self.range.width();
        loop {
            let height = self.range.height();
            if self.next_index >= height || width == 0 {
                return Ok(false);
            }
            let i = self.next_index;
            self.next_index += 1;
            let abs_row = start_row.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
            row.clear(abs_row.saturating_add(1));
            for j in 0..width.min(self.limits.read_columns as usize) {
                let Some(v) = self.range.get((i, j)) else {
                    continue;
                };
                if matches!(v, Data::Empty) {
                    continue;
                }
                let col = start_col.saturating_add(u32::try_from(j).unwrap_or(u32::MAX));
                check_position(self.file, self.sheet, self.limits, abs_row, col)?;
                match v {
                    Data::String(s) | Data::DurationIso(s) => row.set_text(col, s, self.limits),
                    other => row.set(col, from_data(other), self.limits),
                }
            }
            if !row.is_blank() || !row.truncated.is_empty() {
                return Ok(true);
            }
        }
    }
}
