//! CSV/TSV: encoding, delimiter sniffing, physical line numbers.

use super::csv_stream::{CsvInput, LineEnds, TooManyLines};
use super::encoding::read_full;
use super::header::match_row;
use super::items::run_sheet;
use super::pipeline::{scan_header, RawRow, RowSource, SheetCtx};
use super::{Format, ImportError, ImportLayout, ImportLimits, ImportOptions, Record, SheetLayout};

const CANDIDATES: &[u8] = b",;\t|";
const SNIFF_RECORDS: usize = 20;
const SNIFF_BYTES: usize = 64 * 1024;

/// Chooses the delimiter that cannot cut text: the one under which a header row is found (the best mapped
/// header wins) and the most records after it have exactly the header's field count. A header of one field
/// therefore stays one column however many `;` or `,` the descriptions hold (a delimiter absent from the
/// header never splits the rows). Quotes are respected. Without any header, the most consistent field count
/// over the first records decides, as before.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = text.get(..end).unwrap_or("");
    // (header score, records that fit, header fields) per candidate, and the fallback by field-count mode.
    let mut best_header: Option<((u32, usize, usize), u8)> = None;
    let mut best_mode: (usize, usize, u8) = (0, 0, b',');
    for &delim in CANDIDATES {
        let records = sniff_records(sample, delim);
        if let Some(fit) = header_fit(&records) {
            if best_header.is_none_or(|(b, _)| fit > b) {
                best_header = Some((fit, delim));
            }
        }
        let counts: Vec<usize> = records.iter().map(Vec::len).collect();
        let mut freq: Vec<(usize, usize)> = Vec::new();
        for c in &counts {
            match freq.iter_mut().find(|(n, _)| n == c) {
                Some(e) => e.1 += 1,
                None => freq.push((*c, 1)),
            }
        }
        let Some(&(mode, f)) = freq.iter().filter(|(n, _)| *n >= 2).max_by_key(|(n, f)| (*f, *n)) else {
            continue;
        };
        if (f, mode) > (best_mode.0, best_mode.1) {
            best_mode = (f, mode, delim);
        }
    }
    match best_header {
        Some((_, delim)) => delim,
        None => best_mode.2,
    }
}

/// The first non-empty records of `sample` split by `delim` (a record cut by the end of the sample is dropped).
fn sniff_records(sample: &str, delim: u8) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(sample.as_bytes());
    let mut records = Vec::new();
    for rec in rdr.records().take(SNIFF_RECORDS) {
        let Ok(rec) = rec else { break };
        if rec.iter().any(|f| !f.trim().is_empty()) {
            records.push(rec.iter().map(str::to_string).collect());
        }
    }
    records
}

/// For records split one way: the best header row's score, how many records after it have exactly its field
/// count (a one-field header also fits rows whose extra fields are empty), and its field count; ties go to the
/// fewer fields, which never cuts text.
fn header_fit(records: &[Vec<String>]) -> Option<(u32, usize, usize)> {
    let mut best: Option<(u32, usize)> = None;
    for (i, record) in records.iter().enumerate().take(super::pipeline::HEADER_SCAN_ROWS) {
        let cells: Vec<(u32, String)> = record
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(c, t)| (c as u32, t.clone()))
            .collect();
        if let Some(m) = match_row(i as u32 + 1, &cells) {
            if best.is_none_or(|(score, _)| m.score > score) {
                best = Some((m.score, i));
            }
        }
    }
    let (score, at) = best?;
    let width = records.get(at)?.len();
    let fits = records
        .iter()
        .skip(at + 1)
        .filter(|r| r.len() == width || r.iter().skip(width).all(|f| f.trim().is_empty()))
        .count();
    Some((score, fits, usize::MAX - width))
}

struct CsvRows<'a> {
    file: &'a str,
    /// The csv crate's own line counter is wrong with CRLF line ends: `LineEnds` counts physical lines.
    reader: csv::Reader<LineEnds<Box<dyn std::io::Read + 'a>>>,
    record: csv::StringRecord,
    limits: &'a ImportLimits,
    cells: u64,
    delimiter: u8,
}

/// Whether a field's text runs over lines of which one holds two delimiters or more: rows of the file read into
/// one cell because a quote was not closed (`"Monitor 24"", wide,1,852852` then `Spare parts kit,4,930190`).
fn swallows_rows(field: &str, delimiter: u8) -> bool {
    let Some((_, after)) = field.split_once('\n') else {
        return false;
    };
    after
        .lines()
        .any(|line| line.bytes().filter(|b| *b == delimiter).count() >= 2)
}

impl RowSource for CsvRows<'_> {
    fn next_row_into(&mut self, row: &mut RawRow) -> Result<bool, ImportError> {
        loop {
            let more = self
                .reader
                .read_record(&mut self.record)
                .map_err(|e| read_error(self.file, e, self.limits))?;
            if !more {
                return Ok(false);
            }
            let byte = self.record.position().map_or(0, |p| p.byte());
            let line = self.reader.get_mut().line_at(byte);
            let limits = self.limits;
            if line > u64::from(limits.max_rows) {
                return Err(too_many_lines(self.file, limits));
            }
            if self.record.len() as u64 > u64::from(limits.max_columns) {
                return Err(ImportError::hostile(
                    self.file,
                    None,
                    "max_columns",
                    u64::from(limits.max_columns),
                    format!("line {line} has {} fields", self.record.len()),
                ));
            }
            self.cells = self.cells.saturating_add(self.record.len() as u64);
            if self.cells > limits.max_cells {
                return Err(ImportError::hostile(
                    self.file,
                    None,
                    "max_cells",
                    limits.max_cells,
                    "the file has too many cells",
                ));
            }
            row.clear(u32::try_from(line).unwrap_or(u32::MAX));
            for (i, field) in self.record.iter().enumerate() {
                let col = u32::try_from(i).unwrap_or(u32::MAX);
                if col >= limits.read_columns {
                    break;
                }
                row.set_text(col, field.trim(), limits);
                if swallows_rows(field, self.delimiter) {
                    row.swallowed.push(col);
                }
            }
            if !row.is_blank() || !row.truncated.is_empty() {
                return Ok(true);
            }
        }
    }
}

/// A failure to read the file is an I/O error, a record spanning more lines than the import reads is refused like
/// any file of too many lines, anything else the CSV reader refuses is a damaged file.
fn read_error(file: &str, e: csv::Error, limits: &ImportLimits) -> ImportError {
    if !matches!(e.kind(), csv::ErrorKind::Io(_)) {
        return ImportError::corrupt(file, None, e);
    }
    let source = match e.into_kind() {
        csv::ErrorKind::Io(source) => source,
        other => std::io::Error::other(format!("{other:?}")),
    };
    if source.get_ref().is_some_and(|e| e.is::<TooManyLines>()) {
        return too_many_lines(file, limits);
    }
    ImportError::io(file)(source)
}

fn too_many_lines(file: &str, limits: &ImportLimits) -> ImportError {
    ImportError::hostile(
        file,
        None,
        "max_rows",
        u64::from(limits.max_rows),
        format!("the file has more than {} lines", limits.max_rows),
    )
}

/// What [`with_csv_rows`] hands the rows to: the source, the delimiter and the encoding used.
pub(crate) type CsvVisitor<'f, T> = dyn FnMut(&mut dyn RowSource, u8, &'static str) -> Result<T, ImportError> + 'f;

/// Decodes a CSV file and hands its rows to `f` with the delimiter and encoding used. The text is read as a
/// stream, three times: to choose the encoding, for the delimiter and the long-field guard, and for the rows.
pub(crate) fn with_csv_rows<T>(
    file: &str,
    input: CsvInput<'_>,
    options: &ImportOptions,
    f: &mut CsvVisitor<'_, T>,
) -> Result<T, ImportError> {
    let encoding = input.encoding(file, options.encoding.as_deref())?;
    let delimiter = guard_and_sniff(file, &mut input.text(file, &encoding)?, options)?;
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(READ_CHUNK)
        .from_reader(LineEnds::new(input.text(file, &encoding)?, options.limits.max_rows));
    let mut src = CsvRows {
        file,
        reader,
        record: csv::StringRecord::new(),
        limits: &options.limits,
        cells: 0,
        delimiter,
    };
    f(&mut src, delimiter, encoding.name())
}

const READ_CHUNK: usize = 64 * 1024;

/// One pass over the text: the delimiter (given, or sniffed from its start) and the long-field guard.
fn guard_and_sniff(file: &str, text: &mut dyn std::io::Read, options: &ImportOptions) -> Result<u8, ImportError> {
    let io_err = ImportError::io(file);
    let mut chunk = vec![0; READ_CHUNK.max(SNIFF_BYTES)];
    let mut read = read_full(text, &mut chunk).map_err(io_err)?;
    let delimiter = match options.delimiter {
        Some(delimiter) => delimiter,
        None => {
            let head = &chunk[..read.min(SNIFF_BYTES)];
            // The decoded text is UTF-8; only a character cut by the sample's end is left out.
            let valid = std::str::from_utf8(head).map_or_else(|e| e.valid_up_to(), |_| head.len());
            sniff_delimiter(std::str::from_utf8(&head[..valid]).unwrap_or(""))
        }
    };
    let mut guard = LongFieldGuard::new(delimiter, options.limits.max_cell_chars);
    while read > 0 {
        if let Some((column, line)) = guard.feed(&chunk[..read]) {
            return Err(long_field(file, column, line, &options.limits));
        }
        read = read_full(text, &mut chunk).map_err(io_err)?;
    }
    Ok(delimiter)
}

/// Refuses a field longer than `max_cell_chars` before the CSV reader copies it (a 48 MiB field would be held
/// three times over); quotes are read as the CSV reader reads them (they open a field only at its start, `""`
/// inside is one quote), so a quoted line break does not end a field and `12" monitor` opens nothing.
fn long_field(file: &str, column: u64, line: u64, limits: &ImportLimits) -> ImportError {
    ImportError::hostile(
        file,
        None,
        "max_cell_chars",
        limits.max_cell_chars as u64,
        format!(
            "the field in column {column} starting on line {line} holds more than {} characters (Excel's own \
             limit for one cell); shorten that text or check the file's quotes",
            limits.max_cell_chars
        ),
    )
}

/// Where a scan of CSV fields stands: inside quotes or not, the current field's length in characters, and its
/// line and column. Quotes are read as the CSV reader reads them.
struct FieldScan {
    delimiter: u8,
    quoted: bool,
    just_closed: bool,
    chars: usize,
    line: u64,
    column: u64,
}

impl FieldScan {
    fn new(delimiter: u8) -> FieldScan {
        FieldScan {
            delimiter,
            quoted: false,
            just_closed: false,
            chars: 0,
            line: 1,
            column: 1,
        }
    }

    /// Whether `b` can change more than the field's length: a quote, a line break or the delimiter.
    fn table(delimiter: u8) -> [bool; 256] {
        let mut special = [false; 256];
        for b in [b'"', b'\n', delimiter] {
            special[usize::from(b)] = true;
        }
        special
    }

    /// `count` characters of neither kind.
    fn ordinary(&mut self, count: usize) {
        self.just_closed = false;
        self.chars += count;
    }

    /// A quote, a line break or the delimiter.
    fn special(&mut self, b: u8) {
        let closed = std::mem::take(&mut self.just_closed);
        match b {
            b'"' if self.quoted => (self.quoted, self.just_closed) = (false, true),
            b'"' if self.chars == 0 || closed => self.quoted = true,
            b'\n' if !self.quoted => {
                (self.line, self.column, self.chars) = (self.line + 1, 1, 0);
                return;
            }
            b if b == self.delimiter && !self.quoted => {
                (self.column, self.chars) = (self.column + 1, 0);
                return;
            }
            _ => {}
        }
        self.chars += 1;
    }

    fn too_long(&self, max_chars: usize) -> Option<(u64, u64)> {
        (self.chars > max_chars).then_some((self.column, self.line))
    }
}

/// The column and line of the first field holding more than `max_chars` characters, fed the text a chunk at a
/// time. Runs of ordinary bytes are counted in a tight loop over a table of the special ones (this scan reads
/// every byte of the file before the CSV reader does; fields are too short for `memchr`'s set-up to pay).
struct LongFieldGuard {
    special: [bool; 256],
    scan: FieldScan,
    max_chars: usize,
}

impl LongFieldGuard {
    fn new(delimiter: u8, max_chars: usize) -> Self {
        LongFieldGuard {
            special: FieldScan::table(delimiter),
            scan: FieldScan::new(delimiter),
            max_chars,
        }
    }

    fn feed(&mut self, bytes: &[u8]) -> Option<(u64, u64)> {
        let special = &self.special;
        let scan = &mut self.scan;
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            if special[usize::from(b)] {
                scan.special(b);
                at += 1;
            } else {
                let mut count = 0;
                while let Some(&b) = bytes.get(at).filter(|&&b| !special[usize::from(b)]) {
                    // UTF-8 continuation bytes are no characters of their own.
                    count += usize::from(b & 0xC0 != 0x80);
                    at += 1;
                }
                scan.ordinary(count);
            }
            if let Some(found) = scan.too_long(self.max_chars) {
                return Some(found);
            }
        }
        None
    }
}

/// Imports a CSV file.
pub(crate) fn import_csv(
    file: &str,
    input: CsvInput<'_>,
    options: &ImportOptions,
    sink: &mut dyn FnMut(Record),
) -> Result<ImportLayout, ImportError> {
    with_csv_rows(file, input, options, &mut |src, delimiter, encoding| {
        import_rows(file, options, src, delimiter, encoding, sink)
    })
}

fn import_rows(
    file: &str,
    options: &ImportOptions,
    src: &mut dyn RowSource,
    delimiter: u8,
    encoding: &'static str,
    sink: &mut dyn FnMut(Record),
) -> Result<ImportLayout, ImportError> {
    let scan = scan_header(src)?;
    if !scan.any_data {
        return Err(ImportError::Empty {
            file: file.to_string(),
            sheet: None,
        });
    }
    let Some(header) = scan.header else {
        return Err(ImportError::NoHeader {
            file: file.to_string(),
            sheets: Vec::new(),
            scanned_rows: super::pipeline::HEADER_SCAN_ROWS as u32,
            found: scan.found,
        });
    };
    let after: Vec<RawRow> = scan.rows.into_iter().filter(|r| r.row > header.row).collect();
    let ctx = SheetCtx {
        sheet: None,
        limits: &options.limits,
    };
    let outcome = run_sheet(&ctx, &header, after, src, sink)?;
    let one_column = outcome.header.cells.iter().map(|(c, _)| *c).max().unwrap_or(0) == 0 && outcome.columns.len() <= 1;
    Ok(ImportLayout {
        format: Format::Csv,
        sheets: vec![SheetLayout {
            sheet: None,
            hidden: false,
            header_row: outcome.header.row,
            columns: outcome.columns,
            header_currency: outcome.header.currency.clone(),
            items: outcome.items,
            totals_rows: outcome.totals_rows,
        }],
        skipped_sheets: Vec::new(),
        delimiter: (!one_column).then_some(char::from(delimiter)),
        encoding: Some(encoding.to_string()),
    })
}

#[cfg(test)]
#[path = "csv_long_field_tests.rs"]
mod long_field_tests;
