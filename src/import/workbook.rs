//! Workbooks through calamine: XLSX/XLSM and XLSB with the streaming cell
//! readers (a sparse sheet never becomes a full grid), XLS and ODS through
//! `worksheet_range` after the guards in `ole` and `ods_guard`.
//!
//! Every call into calamine runs under `catch_unwind`: a few of its parsers
//! index slices with offsets read from the file (XLSB records, XLS sheet
//! offsets), and a panic there must become a `Corrupt` error, not a crash.

use super::header::{candidates, normalize};
use super::items::run_sheet;
use super::pipeline::{scan_header, RawRow, RowSource, Scan, SheetCtx, HEADER_SCAN_ROWS};
use super::sheet_rows::{NextCell, RangeRows, StreamRows};
use super::{
    Field, Format, ImportError, ImportLayout, ImportLimits, ImportOptions, ImportProblem, Record, SheetLayout,
    SkippedSheet,
};
use calamine::{Cell, DataRef, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

type Rs<'b> = Cursor<&'b [u8]>;

enum Book<'b> {
    Xlsx(Xlsx<Rs<'b>>),
    Xlsb(Xlsb<Rs<'b>>),
    Xls(Xls<Rs<'b>>),
    Ods(Ods<Rs<'b>>),
}

/// Runs a calamine call, turning a panic into an error message.
fn guarded<T, E: std::fmt::Display>(f: impl FnOnce() -> Result<T, E>) -> Result<T, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the spreadsheet library could not parse the file".to_string()),
    }
}

/// Hands a streamed cell to the row reader's visitor.
fn visit_cell(c: &Cell<DataRef<'_>>, visit: &mut dyn FnMut(u32, u32, &DataRef<'_>)) {
    let (r, col) = c.get_position();
    visit(r, col, c.get_value());
}

fn open_error(file: &str, msg: String) -> ImportError {
    let lower = msg.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        ImportError::Encrypted { file: file.to_string() }
    } else {
        ImportError::corrupt(file, None, msg)
    }
}

impl<'b> Book<'b> {
    fn open(file: &str, bytes: &'b [u8], format: Format) -> Result<Self, ImportError> {
        let rs = || Cursor::new(bytes);
        let book = match format {
            Format::Xlsx | Format::Xlsm => guarded(|| Xlsx::new(rs())).map(Book::Xlsx),
            Format::Xlsb => guarded(|| Xlsb::new(rs())).map(Book::Xlsb),
            Format::Xls => guarded(|| Xls::new(rs())).map(Book::Xls),
            Format::Ods => guarded(|| Ods::new(rs())).map(Book::Ods),
            Format::Csv => Err("not a workbook".to_string()),
        };
        book.map_err(|e| open_error(file, e))
    }

    /// Worksheets (name, hidden), in workbook order.
    fn sheets(&self) -> Vec<(String, bool)> {
        let meta = match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xlsb(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
        };
        meta.iter()
            .filter(|s| matches!(s.typ, SheetType::WorkSheet))
            .map(|s| (s.name.clone(), !matches!(s.visible, SheetVisible::Visible)))
            .collect()
    }

    /// Runs `f` on a row source for `sheet`.
    fn with_rows<T>(
        &mut self,
        file: &str,
        sheet: &str,
        limits: &ImportLimits,
        f: &mut dyn FnMut(&mut dyn RowSource) -> Result<T, ImportError>,
    ) -> Result<T, ImportError> {
        let corrupt = |e: String| ImportError::corrupt(file, Some(sheet), e);
        match self {
            Book::Xlsx(b) => {
                let mut reader = guarded(|| b.worksheet_cells_reader(sheet)).map_err(corrupt)?;
                let next: NextCell<'_> = Box::new(move |visit| {
                    let cell = guarded(|| reader.next_cell())?;
                    Ok(cell.map(|c| visit_cell(&c, visit)).is_some())
                });
                f(&mut StreamRows::new(file, sheet, next, limits))
            }
            Book::Xlsb(b) => {
                let mut reader = guarded(|| b.worksheet_cells_reader(sheet)).map_err(corrupt)?;
                let next: NextCell<'_> = Box::new(move |visit| {
                    let cell = guarded(|| reader.next_cell())?;
                    Ok(cell.map(|c| visit_cell(&c, visit)).is_some())
                });
                f(&mut StreamRows::new(file, sheet, next, limits))
            }
            Book::Xls(b) => {
                let range = guarded(|| b.worksheet_range(sheet)).map_err(corrupt)?;
                f(&mut RangeRows {
                    file,
                    sheet,
                    range,
                    next_index: 0,
                    limits,
                })
            }
            Book::Ods(b) => {
                let range = guarded(|| b.worksheet_range(sheet)).map_err(corrupt)?;
                f(&mut RangeRows {
                    file,
                    sheet,
                    range,
                    next_index: 0,
                    limits,
                })
            }
        }
    }
}

/// Hands each worksheet (or only `options.sheet`) to `f` with its name, in workbook order (the reader of
/// [`super::read_rows`]).
pub(crate) fn with_each_sheet(
    file: &str,
    bytes: &[u8],
    format: Format,
    options: &ImportOptions,
    f: &mut dyn FnMut(&str, &mut dyn RowSource) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut book = Book::open(file, bytes, format)?;
    let names: Vec<String> = book.sheets().into_iter().map(|(n, _)| n).collect();
    let chosen: Vec<String> = match &options.sheet {
        Some(wanted) => match names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted.trim())) {
            Some(n) => vec![n.clone()],
            None => {
                return Err(ImportError::SheetNotFound {
                    file: file.to_string(),
                    sheet: wanted.clone(),
                    available: names,
                })
            }
        },
        None => names,
    };
    for name in chosen {
        book.with_rows(file, &name, &options.limits, &mut |src| f(&name, src))?;
    }
    Ok(())
}

/// Imports every sheet of a workbook that has a header row (or only the forced one), in workbook order, hidden
/// sheets included; every other sheet is listed with the reason it holds no items. Only when no sheet can be
/// mapped is the file refused, with what was found.
pub(crate) fn import_workbook(
    file: &str,
    bytes: &[u8],
    format: Format,
    options: &ImportOptions,
    sink: &mut dyn FnMut(Record),
) -> Result<ImportLayout, ImportError> {
    let limits = &options.limits;
    let mut book = Book::open(file, bytes, format)?;
    let sheets = book.sheets();
    let names: Vec<String> = sheets.iter().map(|(n, _)| n.clone()).collect();
    let candidates: Vec<(String, bool)> = match &options.sheet {
        Some(wanted) => {
            let found = sheets.iter().find(|(n, _)| n == wanted).or_else(|| {
                sheets
                    .iter()
                    .find(|(n, _)| n.trim().eq_ignore_ascii_case(wanted.trim()))
            });
            match found {
                Some(s) => vec![s.clone()],
                None => {
                    return Err(ImportError::SheetNotFound {
                        file: file.to_string(),
                        sheet: wanted.clone(),
                        available: names,
                    })
                }
            }
        }
        None => sheets.clone(),
    };
    // A first pass finds the header of every sheet; the items are read in a second, sheet by sheet.
    let mut with_header: Vec<(String, bool)> = Vec::new();
    let mut skipped: Vec<SkippedSheet> = Vec::new();
    let mut unread: Vec<(String, String)> = Vec::new();
    let mut found = Vec::new();
    let mut any_data = false;
    let mut first_error = None;
    for (name, hidden) in &candidates {
        let scan: Result<Scan, ImportError> = book.with_rows(file, name, limits, &mut |src| scan_header(src));
        let scan = match scan {
            Ok(s) => s,
            Err(e @ ImportError::Hostile { .. }) => return Err(e),
            Err(e) => {
                let reason = format!("could not be read: {e}");
                unread.push((name.clone(), reason.clone()));
                skipped.push(SkippedSheet {
                    sheet: name.clone(),
                    reason,
                });
                first_error.get_or_insert(e);
                continue;
            }
        };
        any_data |= scan.any_data;
        for text in scan.found.iter().take(40) {
            if found.len() < 80 {
                found.push(if candidates.len() > 1 {
                    format!("{name}: {text}")
                } else {
                    text.clone()
                });
            }
        }
        if scan.header.is_some() {
            with_header.push((name.clone(), *hidden));
        } else {
            let reason = skip_reason(&scan);
            if looks_like_an_item_list(&scan) {
                unread.push((name.clone(), reason.clone()));
            }
            skipped.push(SkippedSheet {
                sheet: name.clone(),
                reason,
            });
        }
    }
    // A sheet that holds something but was not read is a problem of the file, not only a line of the layout: its
    // lines were not screened, and the exit code and the summary must say so.
    if !with_header.is_empty() {
        for (sheet, reason) in unread {
            sink(Record::Problem(ImportProblem {
                sheet: Some(sheet),
                row: 1,
                column: None,
                value: None,
                message: format!(
                    "this sheet was not screened: {reason}; if it lists goods, give it a header row with a \
                     description column (or check it with --sheet)"
                ),
            }));
        }
    }
    // With --sheet the other sheets are listed too, so that the report shows what was left out.
    if options.sheet.is_some() {
        for (name, _) in sheets.iter().filter(|(n, _)| !candidates.iter().any(|(c, _)| c == n)) {
            skipped.push(SkippedSheet {
                sheet: name.clone(),
                reason: "not read: another sheet was chosen (--sheet)".to_string(),
            });
        }
    }
    if with_header.is_empty() {
        if let Some(e) = first_error {
            return Err(e);
        }
        if !any_data {
            return Err(ImportError::Empty {
                file: file.to_string(),
                sheet: options.sheet.clone(),
            });
        }
        return Err(ImportError::NoHeader {
            file: file.to_string(),
            sheets: candidates.iter().map(|(n, _)| n.clone()).collect(),
            scanned_rows: HEADER_SCAN_ROWS as u32,
            found,
        });
    }
    let mut layouts = Vec::with_capacity(with_header.len());
    for (sheet_name, hidden) in with_header {
        let ctx = SheetCtx {
            sheet: Some(sheet_name.clone()),
            limits,
        };
        let outcome = book.with_rows(file, &sheet_name, limits, &mut |src| {
            let scan = scan_header(src)?;
            let Some(header) = scan.header else {
                return Err(ImportError::corrupt(
                    file,
                    Some(&sheet_name),
                    "the sheet changed while it was read",
                ));
            };
            let after: Vec<RawRow> = scan.rows.into_iter().filter(|r| r.row > header.row).collect();
            run_sheet(&ctx, &header, after, src, sink)
        })?;
        layouts.push(SheetLayout {
            sheet: Some(sheet_name.clone()),
            hidden,
            header_row: outcome.header.row,
            columns: outcome.columns,
            header_currency: outcome.header.currency.clone(),
            items: outcome.items,
            totals_rows: outcome.totals_rows,
        });
    }
    // Listed in workbook order.
    skipped.sort_by_key(|s| names.iter().position(|n| *n == s.sheet));
    Ok(ImportLayout {
        format,
        sheets: layouts,
        skipped_sheets: skipped,
        delimiter: None,
        encoding: None,
    })
}

/// Why a sheet without a header row holds no items, with what it does hold.
/// A sheet that was not read but looks like a list of goods: two rows or more of two filled cells or more, and a
/// header word for a quantity, a price or a code among its cells ("Qty", "Prix unitaire", "Tariff", "ECCN"). An
/// instructions, signatures or drop-down lists sheet is listed with the skipped sheets only.
fn looks_like_an_item_list(scan: &Scan) -> bool {
    let table_rows = scan
        .rows
        .iter()
        .filter(|r| r.cells.iter().filter(|c| !c.is_empty()).count() >= 2)
        .count();
    table_rows >= 2
        && scan.found.iter().any(|text| {
            let (candidates, _) = candidates(&normalize(text));
            candidates.iter().any(|c| {
                c.quality == 2
                    && matches!(
                        c.field,
                        Field::Quantity | Field::UnitPrice | Field::HsCode | Field::ControlCode
                    )
            })
        })
}

fn skip_reason(scan: &Scan) -> String {
    if !scan.any_data {
        return "empty".to_string();
    }
    let shown: Vec<String> = scan.found.iter().take(4).map(|t| format!("'{t}'")).collect();
    format!(
        "no header row with a description column in its first {HEADER_SCAN_ROWS} rows (it holds {}{})",
        shown.join(", "),
        if scan.found.len() > 4 { " ..." } else { "" }
    )
}
