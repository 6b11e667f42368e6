//! Checks on zip-based workbooks (XLSX, XLSM, XLSB, ODS) run before calamine
//! sees the bytes.
//!
//! What calamine 0.38 does with declared sizes, and what is guarded here:
//! - Xlsx::new -> read_shared_strings: `strings.reserve(uniqueCount)` with the
//!   `uniqueCount` attribute of `<sst>`, unchecked. uniqueCount="2000000000"
//!   asks for ~48 GB and aborts the process. Guarded: uniqueCount must be at
//!   most (inflated size of the part / 7) (an `<si><t/></si>` item takes at
//!   least 7 bytes... 13 really) and at most `max_cells`.
//! - Worksheet `<dimension ref>`: XlsxCellReader only stores it; the streaming
//!   `next_cell` path used here never allocates from it (only
//!   `worksheet_range`/`worksheet_formula` reserve, and only below 100 000
//!   cells, and `Range::from_sparse` would allocate the bounding box of the real
//!   cells, which is why the range API is not used for XLSX). So a dimension of
//!   A1:XFD1048576 is harmless here and is NOT refused; real cell positions are
//!   checked against max_rows/max_columns while reading instead.
//! - XLSB: BrtBeginSst cstUnique is not used to pre-allocate (strings are
//!   pushed one record at a time), but `RecordIter::fill_buffer` resizes its
//!   buffer to each record's declared length (up to 2^28 bytes) before reading
//!   it. Guarded: every record of the parts calamine reads must fit in its part.
//! - ODS: see `ods_guard`.
//! - Compressed sizes in zip headers can lie: every entry is really inflated
//!   through a counting reader that stops at `max_decompressed_bytes`.

use super::xml_text_guard::{self, PartKind, TextGuard};
use super::{ods_guard, Format, ImportError, ImportLimits};
use quick_xml::events::Event;
use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

/// Counts inflated bytes across all entries and fails past the limit.
pub(crate) struct Counting<R> {
    inner: R,
    total: Rc<Cell<u64>>,
    limit: u64,
    pub(crate) entry: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.entry += n as u64;
        let t = self.total.get().saturating_add(n as u64);
        self.total.set(t);
        if t > self.limit {
            return Err(io::Error::other("decompressed size limit reached"));
        }
        Ok(n)
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    let s: [u8; 2] = b.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(u64::from(u16::from_le_bytes(s)))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// Number of entries the end-of-central-directory records declare.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    let tail_start = bytes.len().saturating_sub(65_557);
    let tail = bytes.get(tail_start..)?;
    let pos = tail.windows(4).rposition(|w| w == b"PK\x05\x06")? + tail_start;
    let mut count = u16_at(bytes, pos + 10)?;
    if count == 0xFFFF && pos >= 20 {
        let loc = pos - 20;
        if bytes.get(loc..loc + 4) == Some(b"PK\x06\x07") {
            if let Some(off) = u64_at(bytes, loc + 8).and_then(|o| usize::try_from(o).ok()) {
                if bytes.get(off..off.saturating_add(4)) == Some(b"PK\x06\x06") {
                    if let Some(n) = u64_at(bytes, off + 32) {
                        count = count.max(n);
                    }
                }
            }
        }
    }
    Some(count)
}

/// Runs all checks on a zip-based workbook.
pub(crate) fn check_zip(file: &str, bytes: &[u8], format: Format, limits: &ImportLimits) -> Result<(), ImportError> {
    let too_many = |n: u64| {
        ImportError::hostile(
            file,
            None,
            "max_zip_entries",
            limits.max_zip_entries,
            format!("the archive declares {n} entries"),
        )
    };
    if let Some(n) = declared_entries(bytes) {
        if n > limits.max_zip_entries {
            return Err(too_many(n));
        }
    }
    let mut archive = zip::ZipArchive::new(io::Cursor::new(bytes))
        .map_err(|e| ImportError::corrupt(file, None, format!("invalid zip container: {e}")))?;
    if archive.len() as u64 > limits.max_zip_entries {
        return Err(too_many(archive.len() as u64));
    }
    let total = Rc::new(Cell::new(0u64));
    let text = Rc::new(Cell::new(0u64));
    let over = |total: u64| {
        ImportError::hostile(
            file,
            None,
            "max_decompressed_bytes",
            limits.max_decompressed_bytes,
            format!(
                "the archive inflates to more than {} bytes (at least {total})",
                limits.max_decompressed_bytes
            ),
        )
    };
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| {
            let msg = e.to_string();
            if msg.to_ascii_lowercase().contains("password") {
                ImportError::Encrypted { file: file.to_string() }
            } else {
                ImportError::corrupt(file, None, format!("zip entry {i}: {msg}"))
            }
        })?;
        let name = entry.name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        let mut counting = Counting {
            inner: entry,
            total: Rc::clone(&total),
            limit: limits.max_decompressed_bytes,
            entry: 0,
        };
        let result = check_entry(file, &name, format, &mut counting, limits, &text);
        if total.get() > limits.max_decompressed_bytes {
            return Err(over(total.get()));
        }
        result?;
    }
    Ok(())
}

fn drain<R: Read>(r: &mut R) -> io::Result<u64> {
    io::copy(r, &mut io::sink())
}

fn check_entry<R: Read>(
    file: &str,
    name: &str,
    format: Format,
    reader: &mut Counting<R>,
    limits: &ImportLimits,
    text: &Rc<Cell<u64>>,
) -> Result<(), ImportError> {
    let io_error = |e: io::Error| match xml_text_guard::too_long(&e) {
        Some(t) => ImportError::hostile(
            file,
            None,
            if t.tag {
                "max_tag_bytes"
            } else if t.total {
                "max_text_bytes"
            } else {
                "max_cell_chars"
            },
            t.limit,
            t,
        ),
        None => ImportError::corrupt(file, None, format!("{name}: {e}")),
    };
    match format {
        Format::Xlsx | Format::Xlsm if name.ends_with("sharedstrings.xml") => {
            let unique = {
                let mut buffered = BufReader::new(TextGuard::new(
                    &mut *reader,
                    name,
                    PartKind::SharedStrings,
                    limits,
                    Rc::clone(text),
                ));
                let declared = root_attr(&mut buffered, "sst", "uniqueCount");
                drain(&mut buffered).map_err(io_error)?;
                declared
            };
            if let Some(unique) = unique {
                let part = reader.entry;
                let cap = (part / 7).min(limits.max_cells);
                if unique > cap {
                    return Err(ImportError::hostile(file, None, "max_cells", limits.max_cells, format!("{name} declares uniqueCount=\"{unique}\" shared strings but its {part} bytes can hold at most {cap}")));
                }
            }
            Ok(())
        }
        Format::Xlsx | Format::Xlsm if name.starts_with("xl/worksheets/") && name.ends_with(".xml") => drain(
            &mut TextGuard::new(reader, name, PartKind::Worksheet, limits, Rc::clone(text)),
        )
        .map(|_| ())
        .map_err(io_error),
        Format::Xlsb if is_xlsb_record_part(name) => walk_xlsb_records(file, name, reader, limits),
        Format::Ods if name == "content.xml" => {
            let mut buffered = BufReader::new(TextGuard::new(
                reader,
                name,
                PartKind::OdsContent,
                limits,
                Rc::clone(text),
            ));
            let res = ods_guard::check_content(file, &mut buffered, limits);
            drain(&mut buffered).map_err(io_error)?;
            res
        }
        _ if name.ends_with(".xml") || name.ends_with(".rels") => drain(&mut TextGuard::new(
            reader,
            name,
            PartKind::Other,
            limits,
            Rc::clone(text),
        ))
        .map(|_| ())
        .map_err(io_error),
        _ => drain(reader).map(|_| ()).map_err(io_error),
    }
}

/// The value of `attr` on the root element if it is `root`; stops at the root start tag.
fn root_attr<R: BufRead>(reader: R, root: &str, attr: &str) -> Option<u64> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if e.local_name().as_ref() != root {
                    return None;
                }
                for a in e.attributes().flatten() {
                    if a.key.local_name().as_ref() == attr {
                        let v = a.value.trim().to_string();
                        return v
                            .parse::<u64>()
                            .ok()
                            .or(Some(u64::MAX).filter(|_| v.chars().all(|c| c.is_ascii_digit()) && !v.is_empty()));
                    }
                }
                return None;
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
        if buf.len() > 1 << 20 {
            return None;
        }
    }
}

fn is_xlsb_record_part(name: &str) -> bool {
    name.ends_with(".bin")
        && (name.starts_with("xl/worksheets/")
            || name == "xl/workbook.bin"
            || name == "xl/styles.bin"
            || name == "xl/sharedstrings.bin")
}

/// Largest BIFF12 record accepted: calamine allocates a record's declared length before reading it. The
/// longest records a spreadsheet application writes (a rich shared string of 32 767 characters with its
/// runs) stay under 300 KB.
const MAX_XLSB_RECORD_BYTES: u64 = 8 << 20;

/// BIFF12 records whose text is a cell's: (record type, offset of the character count `cch`).
const XLSB_STRING_RECORDS: [(u64, usize, &str); 3] = [
    (19, 1, "shared string"),        // BrtSSTItem: flags, then the string
    (6, 8, "text cell"),             // BrtCellSt: cell header, then the string
    (8, 8, "formula's text result"), // BrtFmlaString
];

/// Every BIFF12 record must fit in its part and stay under `MAX_XLSB_RECORD_BYTES`, and no string record
/// may declare more characters than `max_cell_chars`: calamine resizes a buffer to the declared record
/// length before reading it.
fn walk_xlsb_records<R: Read>(
    file: &str,
    name: &str,
    reader: &mut Counting<R>,
    limits: &ImportLimits,
) -> Result<(), ImportError> {
    let mut r = BufReader::new(&mut *reader);
    let mut byte = [0u8; 1];
    let mut read_byte = |r: &mut BufReader<&mut Counting<R>>| -> io::Result<Option<u8>> {
        match r.read(&mut byte)? {
            0 => Ok(None),
            _ => Ok(Some(byte[0])),
        }
    };
    let corrupt = |e: io::Error| ImportError::corrupt(file, None, format!("{name}: {e}"));
    let mut index = 0u64;
    loop {
        let Some(b) = read_byte(&mut r).map_err(corrupt)? else {
            return Ok(());
        };
        let mut typ = u64::from(b & 0x7F);
        if b & 0x80 != 0 {
            let Some(b2) = read_byte(&mut r).map_err(corrupt)? else {
                return Ok(());
            };
            typ |= u64::from(b2 & 0x7F) << 7;
        }
        let mut len: u64 = 0;
        for i in 0..4 {
            let Some(b) = read_byte(&mut r).map_err(corrupt)? else {
                return Ok(());
            };
            len += u64::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                break;
            }
        }
        index += 1;
        if len > MAX_XLSB_RECORD_BYTES {
            return Err(ImportError::hostile(
                file,
                None,
                "max_xlsb_record_bytes",
                MAX_XLSB_RECORD_BYTES,
                format!("{name}: record number {index} declares {len} bytes"),
            ));
        }
        let mut head = [0u8; 12];
        let mut got = 0;
        if let Some(&(_, at, what)) = XLSB_STRING_RECORDS.iter().find(|(t, _, _)| *t == typ) {
            got = (&mut r).take(len.min(12)).read(&mut head).map_err(corrupt)?;
            let cch = head
                .get(at..at + 4)
                .and_then(|s| <[u8; 4]>::try_from(s).ok())
                .map(u32::from_le_bytes);
            if let Some(cch) = cch.filter(|c| u64::from(*c) > limits.max_cell_chars as u64) {
                return Err(ImportError::hostile(
                    file,
                    None,
                    "max_cell_chars",
                    limits.max_cell_chars as u64,
                    format!(
                        "{name}: a {what} (record number {index}) declares {cch} characters, more than Excel's own \
                         limit for one cell; shorten that text or split it over several cells"
                    ),
                ));
            }
        }
        let rest = len - got as u64;
        let copied = io::copy(&mut (&mut r).take(rest), &mut io::sink()).map_err(corrupt)?;
        if copied < rest {
            return Err(ImportError::hostile(
                file,
                None,
                "bytes left in the part",
                copied,
                format!(
                    "{name}: a record declares {len} bytes but the part ends after {}",
                    copied + got as u64
                ),
            ));
        }
    }
}
