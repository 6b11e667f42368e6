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

pub(crate) type NextCell<'a> = Box<dyn FnMut() -> Result<Option<(u32, u32, CellValue)>, String> + 'a>;

/// Rows from a streaming cell reader; cells arrive in row order.
pub(crate) struct StreamRows<'a> {
    pub(crate) file: &'a str,
    pub(crate) sheet: &'a str,
    pub(crate) next: NextCell<'a>,
    pub(crate) pending: Option<(u32, u32, CellValue)>,
    pub(crate) limits: &'a ImportLimits,
    pub(crate) cells: u64,
    pub(crate) done: bool,
}

impl StreamRows<'_> {
    fn pull(&mut self) -> Result<Option<(u32, u32, CellValue)>, ImportError> {
        if self.done {
            return Ok(None);
        }
        let cell = (self.next)().map_err(|e| ImportError::corrupt(self.file, Some(self.sheet), e))?;
        let Some((row, col, value)) = cell else {
            self.done = true;
            return Ok(None);
        };
        check_position(self.file, self.sheet, self.limits, row, col)?;
        self.cells += 1;
        if self.cells > self.limits.max_cells {
            return Err(ImportError::hostile(
                self.file,
                Some(self.sheet),
                "max_cells",
                self.limits.max_cells,
                "the sheet has too many cells",
            ));
        }
        Ok(Some((row, col, value)))
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
    fn next_row(&mut self) -> Result<Option<RawRow>, ImportError> {
        loop {
            let first = match self.pending.take() {
                Some(c) => c,
                None => match self.pull()? {
                    Some(c) => c,
                    None => return Ok(None),
                },
            };
            let mut row = RawRow::new(first.0.saturating_add(1));
            row.set(first.1, first.2, self.limits);
            loop {
                match self.pull()? {
                    Some(c) if c.0 == first.0 => row.set(c.1, c.2, self.limits),
                    Some(c) => {
                        self.pending = Some(c);
                        break;
                    }
                    None => break,
                }
            }
            if !row.is_blank() || !row.truncated.is_empty() {
                return Ok(Some(row));
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
    fn next_row(&mut self) -> Result<Option<RawRow>, ImportError> {
        let (start_row, start_col) = self.range.start().unwrap_or((0, 0));
        let width = self.range.width();
        loop {
            let height = self.range.height();
            if self.next_index >= height || width == 0 {
                return Ok(None);
            }
            let i = self.next_index;
            self.next_index += 1;
            let abs_row = start_row.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
            let mut row = RawRow::new(abs_row.saturating_add(1));
            for j in 0..width.min(self.limits.read_columns as usize) {
                let Some(v) = self.range.get((i, j)) else {
                    continue;
                };
                if matches!(v, Data::Empty) {
                    continue;
                }
                let col = start_col.saturating_add(u32::try_from(j).unwrap_or(u32::MAX));
                check_position(self.file, self.sheet, self.limits, abs_row, col)?;
                row.set(col, from_data(v), self.limits);
            }
            if !row.is_blank() || !row.truncated.is_empty() {
                return Ok(Some(row));
            }
        }
    }
}
