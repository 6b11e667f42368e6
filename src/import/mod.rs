//! Spreadsheet import: turns the sheets procurement officers really make
//! (XLSX, XLSM, XLSB, XLS, ODS, CSV) into items with the sheet name and the row
//! number a person sees. Broken rows become [`ImportProblem`]s; hostile files
//! are refused with an [`ImportError`] before the spreadsheet library sees them.

mod cell_words;
mod columns;
mod csv_reader;
mod csv_stream;
mod encoding;
mod error;
mod header;
mod items;
pub mod limits;
mod ods_guard;
mod ole;
mod pipeline;
mod sheet_rows;
mod synonyms;
mod values;
mod workbook;
mod xls_guard;
mod xml_text_guard;
mod zip_guard;

#[cfg(test)]
mod tests_csv;
#[cfg(test)]
mod tests_hostile;
#[cfg(test)]
mod tests_layout;
#[cfg(test)]
mod tests_long_text;
#[cfg(test)]
mod tests_samples;
#[cfg(test)]
mod tests_unscreened;
#[cfg(test)]
mod tests_workbook;

pub use error::ImportError;
/// For the pages' own wording of import errors (`web::messages`).
pub(crate) use error::SUPPORTED as SUPPORTED_FORMATS;
pub(crate) use header::DESCRIPTION_EXAMPLES;
pub use limits::ImportLimits;

/// Which sheet and row a person sees: row numbers are 1-based as in the
/// spreadsheet application (the CSV header line is row 1 too).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceRow {
    /// Sheet name; `None` for CSV.
    pub sheet: Option<String>,
    /// 1-based row number.
    pub row: u32,
}

/// The fields read from one line of the sheet.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ItemFields {
    /// The sheet's own line/position number column (N°, Pos, Line, Item no).
    pub line_ref: Option<String>,
    /// Description of the goods; always present on an item.
    pub description: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub unit_price: Option<f64>,
    /// From a currency column, else from the price header ("Unit price EUR").
    pub currency: Option<String>,
    /// Tariff code as written (dots/spaces kept); the classifier normalises.
    pub hs_code: Option<String>,
    /// Declared control-list code (ML13.d, 6A003.b.4, ECCN 5A992.c).
    pub control_code: Option<String>,
    pub supplier: Option<String>,
    pub origin: Option<String>,
    pub end_user: Option<String>,
    pub destination: Option<String>,
}

/// One line of the sheet that has a description.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImportedItem {
    pub source: SourceRow,
    pub fields: ItemFields,
    /// The line's other text cells (unmapped columns, a cell beyond the header, text in a number column),
    /// screened like the description.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<crate::classify::ExtraText>,
}

/// Something wrong with one row or cell; never fatal.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImportProblem {
    pub sheet: Option<String>,
    pub row: u32,
    /// Column letter and header text, e.g. "C (Quantité)".
    pub column: Option<String>,
    /// The offending value, truncated to about 200 characters.
    pub value: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// The field a column was mapped to, for reporting ("found columns ...").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    LineRef,
    Description,
    Quantity,
    Unit,
    UnitPrice,
    Currency,
    HsCode,
    ControlCode,
    Supplier,
    Origin,
    EndUser,
    Destination,
}

/// What was done with one column of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnAction {
    /// Screened as text: the description and every other text column.
    ScreenedText,
    /// Screened as a code: the HS code and declared control codes.
    ScreenedCode,
    /// Compared with the known arms makers (supplier or manufacturer).
    ScreenedSupplier,
    /// Read as the item's value (quantity, price, unit, currency, line number, origin, end user, destination);
    /// text found in a number column is screened too.
    Read,
    /// Nothing to screen: the column holds only numbers or dates, or is empty; the note says which.
    NotScreened,
}

/// How a column was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// Its header names a field.
    Field,
    /// Its header is not recognised, or it has none, and its values look like control-list codes.
    DetectedControlCode,
    /// Its header is not a field (remarks, notes, model ...).
    Other,
    /// It has no header: a cell beyond the last header column, or under an empty header cell.
    NoHeader,
}

/// One column of a sheet: its letter, header, role and what was done with it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ColumnMapping {
    /// Column letter, e.g. "B".
    pub column: String,
    /// Header text as written ("" when it has none).
    pub header: String,
    pub role: ColumnRole,
    /// The field it was mapped to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    pub action: ColumnAction,
    /// Non-empty cells under the header.
    pub cells: u64,
    /// Cells screened as text (for a number column: the cells that held text instead).
    pub screened_cells: u64,
    /// In words, what was done and why.
    pub note: String,
}

/// The layout of one sheet that was imported.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SheetLayout {
    /// Sheet name; `None` for CSV.
    pub sheet: Option<String>,
    /// Hidden in the workbook (its items are screened all the same).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// 1-based header row.
    pub header_row: u32,
    /// Every column with a header or with data, left to right.
    pub columns: Vec<ColumnMapping>,
    /// Currency found in a header such as "Unit price (EUR)".
    pub header_currency: Option<String>,
    /// Items read from the sheet.
    pub items: u64,
    /// Rows read as totals, not items (1-based): a totals word and amounts, nothing that names goods, a code or
    /// a party.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub totals_rows: Vec<u32>,
}

/// A sheet of the workbook that holds no items, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SkippedSheet {
    pub sheet: String,
    pub reason: String,
}

/// The layout of a whole file: every sheet imported, every sheet skipped.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportLayout {
    pub format: Format,
    pub sheets: Vec<SheetLayout>,
    pub skipped_sheets: Vec<SkippedSheet>,
    /// CSV only: the delimiter that was used (`None` for a file of one column).
    pub delimiter: Option<char>,
    /// CSV only: the text encoding that was used.
    pub encoding: Option<String>,
}

/// File formats that can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    /// Format from a file name's extension.
    pub fn from_file_name(file_name: &str) -> Option<Format> {
        let ext = std::path::Path::new(file_name)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" | "tsv" | "txt" => Format::Csv,
            "xlsx" => Format::Xlsx,
            "xlsm" => Format::Xlsm,
            "xlsb" => Format::Xlsb,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            _ => return None,
        })
    }

    /// Human name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Xlsx => "XLSX",
            Format::Xlsm => "XLSM",
            Format::Xlsb => "XLSB",
            Format::Xls => "XLS",
            Format::Ods => "ODS",
        }
    }
}

/// One record streamed to the sink, in sheet order.
#[derive(Debug, Clone, PartialEq)]
// Items are nearly every record: boxing them would cost an allocation per line on the hot path.
#[allow(clippy::large_enum_variant)]
pub enum Record {
    Item(ImportedItem),
    Problem(ImportProblem),
}

/// Options: limits, optional forced sheet name, optional declared CSV
/// encoding label (e.g. "windows-1252"), optional forced delimiter.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub limits: ImportLimits,
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
}

/// Streams records to `sink` in sheet order; returns the layout that was
/// detected. Fatal problems are `Err`.
pub fn import_path(
    path: &std::path::Path,
    options: &ImportOptions,
    sink: &mut dyn FnMut(Record),
) -> Result<ImportLayout, ImportError> {
    use std::io::Read;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let io_err = ImportError::io(&file_name);
    let file = std::fs::File::open(path).map_err(io_err)?;
    let limit = options.limits.max_input_bytes;
    let meta = file.metadata().ok();
    // Only a regular file can be read again from its start (a named pipe gives its bytes once).
    let rereadable = meta.as_ref().is_some_and(std::fs::Metadata::is_file);
    if let Some(meta) = meta {
        if meta.len() > limit {
            return Err(ImportError::TooLarge {
                file: file_name.clone(),
                size: meta.len(),
                limit,
            });
        }
    }
    let mut reader = (&file).take(limit.saturating_add(1));
    let mut bytes = vec![0; ZIP_MAGIC.len().max(OLE_MAGIC.len())];
    let head = encoding::read_full(&mut reader, &mut bytes).map_err(io_err)?;
    bytes.truncate(head);
    // A CSV file is read as a stream, so its size does not weigh on memory; one that turns out to be a workbook
    // goes the way of bytes in memory, which names what it really is, and so does anything but a regular file.
    let workbook_inside = bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC);
    if Format::from_file_name(&file_name) == Some(Format::Csv) && !workbook_inside && rereadable {
        let input = csv_stream::CsvInput::File { file: &file, limit };
        return csv_reader::import_csv(&file_name, input, options, sink);
    }
    reader.read_to_end(&mut bytes).map_err(io_err)?;
    import_bytes(&file_name, &bytes, options, sink)
}

/// Same from bytes already in memory (HTTP uploads); `file_name` gives the
/// format (by extension, confirmed by magic bytes) and names the file in errors.
pub fn import_bytes(
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    sink: &mut dyn FnMut(Record),
) -> Result<ImportLayout, ImportError> {
    let format = checked_format(file_name, bytes, options)?;
    match format {
        Format::Csv => csv_reader::import_csv(file_name, csv_stream::CsvInput::Bytes(bytes), options, sink),
        _ => workbook::import_workbook(file_name, bytes, format, options, sink),
    }
}

/// Everything checked before a reader runs: size, extension, content, magic bytes and the container guards.
fn checked_format(file_name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Format, ImportError> {
    let file = file_name.to_string();
    let size = bytes.len() as u64;
    if size > options.limits.max_input_bytes {
        return Err(ImportError::TooLarge {
            file,
            size,
            limit: options.limits.max_input_bytes,
        });
    }
    let Some(format) = Format::from_file_name(file_name) else {
        return Err(ImportError::UnsupportedFormat {
            file,
            detail: "the file name has no supported extension".into(),
        });
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty { file, sheet: None });
    }
    confirm_magic(&file, format, bytes)?;
    match format {
        Format::Csv => {}
        Format::Xlsx | Format::Xlsm | Format::Xlsb | Format::Ods => {
            zip_guard::check_zip(&file, bytes, format, &options.limits)?
        }
        Format::Xls => xls_guard::check_xls(&file, bytes, &options.limits)?,
    }
    Ok(format)
}

/// One non-blank row as text, for tables that are not item lists (serial-number packing lists).
#[derive(Debug, Clone, PartialEq)]
pub struct PlainRow {
    /// Sheet name; `None` for CSV.
    pub sheet: Option<String>,
    /// 1-based row number, as the spreadsheet application shows it.
    pub row: u32,
    /// Cells from column A, as text (dates in ISO form, numbers without a trailing `.0`).
    pub cells: Vec<String>,
}

/// Hands every non-blank row of a file to `visit`: each worksheet in order (or only `options.sheet`), or the
/// CSV's one table, with the same limits, guards and errors as [`import_bytes`]. `visit` answers `false` to skip
/// the rest of the sheet.
pub fn read_rows(
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    visit: &mut dyn FnMut(PlainRow) -> bool,
) -> Result<Format, ImportError> {
    let format = checked_format(file_name, bytes, options)?;
    let mut each = |sheet: Option<&str>, src: &mut dyn pipeline::RowSource| -> Result<(), ImportError> {
        let mut row = pipeline::RawRow::default();
        while src.next_row_into(&mut row)? {
            if row.is_blank() {
                continue;
            }
            let plain = PlainRow {
                sheet: sheet.map(str::to_string),
                row: row.row,
                cells: row.cells.iter().map(|c| c.display().trim().to_string()).collect(),
            };
            if !visit(plain) {
                break;
            }
        }
        Ok(())
    };
    match format {
        Format::Csv => {
            let input = csv_stream::CsvInput::Bytes(bytes);
            csv_reader::with_csv_rows(file_name, input, options, &mut |src, _, _| each(None, src))?
        }
        _ => workbook::with_each_sheet(file_name, bytes, format, options, &mut |name, src| {
            each(Some(name), src)
        })?,
    }
    Ok(format)
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Confirms that the content matches the extension.
fn confirm_magic(file: &str, format: Format, bytes: &[u8]) -> Result<(), ImportError> {
    let is_zip = bytes.starts_with(ZIP_MAGIC);
    let is_ole = bytes.starts_with(OLE_MAGIC);
    let mismatch = |what: &str| ImportError::UnsupportedFormat {
        file: file.to_string(),
        detail: format!("the name says {} but the content is {what}", format.name()),
    };
    if is_ole && ole::is_encrypted_ooxml(bytes) {
        return Err(ImportError::Encrypted { file: file.to_string() });
    }
    match format {
        Format::Xlsx | Format::Xlsm | Format::Xlsb | Format::Ods => {
            if is_zip {
                Ok(())
            } else if is_ole {
                Err(mismatch(
                    "an Excel 97-2003 workbook (rename it to .xls, or open it and save it as .xlsx)",
                ))
            } else if bytes.starts_with(b"PK") {
                Err(ImportError::Corrupt {
                    file: file.to_string(),
                    sheet: None,
                    detail: "the zip container is empty or damaged".into(),
                })
            } else {
                Err(mismatch("not a zip-based workbook (it may be a text or HTML file)"))
            }
        }
        Format::Xls => {
            if is_ole {
                Ok(())
            } else if is_zip {
                Err(mismatch(
                    "an XLSX/ODS (zip) workbook (rename it to .xlsx, or save it again as .xls)",
                ))
            } else {
                Err(mismatch(
                    "not an Excel 97-2003 workbook (it may be a text or HTML file exported with an .xls name)",
                ))
            }
        }
        Format::Csv => {
            if is_zip || is_ole {
                Err(mismatch(
                    "a binary spreadsheet workbook (give it its real extension such as .xlsx or .xls)",
                ))
            } else {
                Ok(())
            }
        }
    }
}

/// Column letter(s) for a 0-based column index: 0 → "A", 26 → "AA".
pub(crate) fn column_letter(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// Path of a test fixture: `tests/fixtures/import/NAME` in this crate, or in
/// the main crate when built from a scratch crate next to it.
#[cfg(test)]
pub(crate) fn fixture(name: &str) -> std::path::PathBuf {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let first = here.join("tests/fixtures/import").join(name);
    if first.exists() {
        return first;
    }
    here.join("../main/tests/fixtures/import").join(name)
}
