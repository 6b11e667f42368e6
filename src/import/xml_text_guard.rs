//! Refuses over-long cell text in a workbook's XML parts while they are inflated, before calamine (or
//! quick-xml, which buffers a whole text node) holds the text in memory.
//!
//! A 400 KB XLSX can carry one 400 MiB shared string: calamine reads every shared string into a `String`
//! when the workbook is opened. The guard is a `Read` adapter over the inflating reader: it walks the bytes
//! once, without keeping them, and fails as soon as one cell's text passes Excel's own limit of 32 767
//! characters (`max_cell_chars`), or one tag (attributes, comment, CDATA) passes `MAX_TAG_BYTES`. The
//! failure is sticky, so whoever reads on (a quick-xml scan that swallows errors, a drain) sees it too.

use super::ImportLimits;
use std::cell::Cell;
use std::fmt;
use std::io::{self, Read};
use std::rc::Rc;

/// Longest tag accepted, in bytes. A tag holds attributes (an ODS `office:string-value` repeats a cell's
/// text, at most 32 767 characters of up to 4 bytes); nothing a spreadsheet application writes comes near.
pub(crate) const MAX_TAG_BYTES: u64 = 1 << 20;

/// Deepest element nesting accepted. quick-xml keeps every open element's name to check end tags, so 20
/// million nested `<r>` cost calamine 440 MiB; spreadsheet parts nest a dozen levels at most.
pub(crate) const MAX_DEPTH: u64 = 1_000;

/// Which elements make one cell in a part, and which of their descendants hold its text.
#[derive(Clone, Copy)]
pub(crate) enum PartKind {
    /// Any other XML part calamine reads (workbook, styles, relationships): only tags and nesting are checked.
    Other,
    /// `xl/sharedStrings.xml`: one `<si>` per shared string, text in `<t>` (runs and phonetic hints).
    SharedStrings,
    /// `xl/worksheets/*.xml`: one `<c r="B7">` per cell, text in `<v>` or inline `<is><t>`.
    Worksheet,
    /// ODS `content.xml`: one `<table:table-cell>` per cell, all its text (`<text:p>`, spans) counts.
    OdsContent,
}

/// Where the over-long text was found and how long it got before the read stopped.
#[derive(Debug, Clone)]
pub(crate) struct TextTooLong {
    pub(crate) place: String,
    pub(crate) limit: u64,
    pub(crate) tag: bool,
    /// The whole file's cell text passed `max_text_bytes` (the limit is then in bytes).
    pub(crate) total: bool,
}

impl fmt::Display for TextTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.tag {
            write!(
                f,
                "{}: a tag is longer than {} bytes or elements nest deeper than {MAX_DEPTH} levels",
                self.place, self.limit
            )
        } else if self.total {
            write!(
                f,
                "at {} the cells' text passes {} bytes in all; upload the item list without other text",
                self.place, self.limit
            )
        } else {
            write!(
                f,
                "{} holds more than {} characters (Excel's own limit for one cell); shorten that text or \
                 split it over several cells",
                self.place, self.limit
            )
        }
    }
}

impl std::error::Error for TextTooLong {}

/// The `TextTooLong` inside an I/O error raised by the guard, if it is one.
pub(crate) fn too_long(e: &io::Error) -> Option<&TextTooLong> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<TextTooLong>())
}

/// Bytes of a tag kept to read its name and the few attributes a message needs.
const TAG_HEAD: usize = 512;

pub(crate) struct TextGuard<R> {
    inner: R,
    part: String,
    kind: PartKind,
    limit: u64,
    in_tag: bool,
    quote: Option<u8>,
    in_entity: bool,
    tag_len: u64,
    head: Vec<u8>,
    /// Depth inside elements whose text counts (always 1 inside an ODS cell).
    counting: u32,
    in_cell: bool,
    cell_chars: u64,
    /// Cells seen (shared string index), or the current cell reference / ODS position.
    cells: u64,
    /// The `r` attribute of the current worksheet cell as written, in a buffer reused from cell to cell.
    cell_ref: Vec<u8>,
    sheet: String,
    row: u64,
    col: u64,
    next_row: u64,
    next_col: u64,
    failed: Option<TextTooLong>,
    depth: u64,
    /// Cell text bytes of the whole file, shared by the guards of its parts.
    total: Rc<Cell<u64>>,
    max_total: u64,
}

impl<R: Read> TextGuard<R> {
    /// `total` counts the cell text bytes of all parts of one file against `limits.max_text_bytes`.
    pub(crate) fn new(inner: R, part: &str, kind: PartKind, limits: &ImportLimits, total: Rc<Cell<u64>>) -> Self {
        TextGuard {
            inner,
            part: part.to_string(),
            kind,
            limit: limits.max_cell_chars as u64,
            in_tag: false,
            quote: None,
            in_entity: false,
            tag_len: 0,
            head: Vec::with_capacity(TAG_HEAD),
            counting: 0,
            in_cell: false,
            cell_chars: 0,
            cells: 0,
            cell_ref: Vec::new(),
            sheet: String::new(),
            row: 0,
            col: 0,
            next_row: 1,
            next_col: 1,
            failed: None,
            depth: 0,
            total,
            max_total: limits.max_text_bytes,
        }
    }

    fn fail(&mut self, tag: bool, total: bool) -> io::Error {
        let place = if tag {
            self.part.clone()
        } else {
            match self.kind {
                PartKind::SharedStrings => format!("{}: shared string number {}", self.part, self.cells),
                PartKind::Worksheet if !self.cell_ref.is_empty() => {
                    let cell: String = String::from_utf8_lossy(&self.cell_ref).chars().take(64).collect();
                    format!("{}: cell {cell}", self.part)
                }
                PartKind::Worksheet => format!("{}: a cell", self.part),
                PartKind::Other => self.part.clone(),
                PartKind::OdsContent => format!(
                    "{}: sheet \"{}\", row {}, column {}",
                    self.part, self.sheet, self.row, self.col
                ),
            }
        };
        let err = TextTooLong {
            place,
            limit: if tag {
                MAX_TAG_BYTES
            } else if total {
                self.max_total
            } else {
                self.limit
            },
            tag,
            total,
        };
        self.failed = Some(err.clone());
        io::Error::other(err)
    }

    /// Updates the cell state at the end of a tag.
    /// Updates the cell state at the end of a tag kept in `self.head` (a tag that spanned two reads).
    fn end_kept_tag(&mut self) {
        let head = std::mem::take(&mut self.head);
        self.end_tag(&head);
        self.head = head;
        self.head.clear();
    }

    /// Updates the cell state at the end of a tag whose first [`TAG_HEAD`] bytes (after `<`) are `head`.
    fn end_tag(&mut self, head: &[u8]) {
        let (closing, body) = match head.first() {
            Some(b'/') => (true, &head[1..]),
            Some(b'?') | Some(b'!') | None => return,
            _ => (false, head),
        };
        let self_closing = head.last() == Some(&b'/');
        if closing {
            self.depth = self.depth.saturating_sub(1);
        } else if !self_closing {
            self.depth += 1;
        }
        let name_end = body
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(body.len());
        let full = &body[..name_end];
        let local = full.rsplit(|b| *b == b':').next().unwrap_or(full);
        let (is_cell, counts) = match self.kind {
            PartKind::SharedStrings => (local == b"si", local == b"t"),
            PartKind::Worksheet => (local == b"c", local == b"v" || local == b"t"),
            PartKind::OdsContent => (
                full == b"table:table-cell" || full == b"table:covered-table-cell",
                false,
            ),
            PartKind::Other => (false, false),
        };
        if is_cell {
            if closing {
                self.in_cell = false;
                self.counting = 0;
            } else {
                self.in_cell = !self_closing;
                self.cell_chars = 0;
                self.cells += 1;
                match self.kind {
                    PartKind::Worksheet => {
                        self.cell_ref.clear();
                        if let Some(value) = attr_value(body, b"r") {
                            // 64 characters take at most 256 bytes, even when invalid bytes are replaced.
                            self.cell_ref.extend_from_slice(value.get(..256).unwrap_or(value));
                        }
                    }
                    PartKind::OdsContent => {
                        let repeats = attr(body, b"table:number-columns-repeated")
                            .and_then(|v| v.parse::<u64>().ok())
                            .unwrap_or(1);
                        self.col = self.next_col;
                        self.next_col = self.next_col.saturating_add(repeats);
                        if self.in_cell {
                            self.counting = 1;
                        }
                    }
                    PartKind::SharedStrings | PartKind::Other => {}
                }
            }
        } else if counts && self.in_cell && !self_closing {
            if closing {
                self.counting = self.counting.saturating_sub(1);
            } else {
                self.counting += 1;
            }
        } else if matches!(self.kind, PartKind::OdsContent) && !closing {
            if full == b"table:table" {
                self.sheet = attr(body, b"table:name").unwrap_or_default();
                self.next_row = 1;
            } else if full == b"table:table-row" {
                let repeats = attr(body, b"table:number-rows-repeated")
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(1);
                self.row = self.next_row;
                self.next_row = self.next_row.saturating_add(repeats);
                self.next_col = 1;
            }
        }
    }

    /// Walks `bytes`, jumping with `memchr` over what cannot change the state: the inside of a tag up to its next
    /// quote or `>`, and text that does not count up to the next `<`. Counted text (a cell's value) is walked
    /// byte by byte; it is a small share of a part.
    fn scan(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut at = 0;
        while at < bytes.len() {
            let rest = &bytes[at..];
            if self.in_tag {
                // Runs inside a tag are a few bytes long (`r="B7"`): a plain loop beats memchr's set-up here.
                let stop = match self.quote {
                    Some(q) => rest.iter().position(|&b| b == q),
                    None => rest.iter().position(|&b| matches!(b, b'"' | b'\'' | b'>')),
                };
                let run = stop.unwrap_or(rest.len());
                self.tag_len += run as u64;
                if self.tag_len > MAX_TAG_BYTES {
                    return Err(self.fail(true, false));
                }
                self.keep_in_head(&rest[..run]);
                at += run;
                let Some(&b) = bytes.get(at) else { break };
                at += 1;
                self.tag_len += 1;
                if self.tag_len > MAX_TAG_BYTES {
                    return Err(self.fail(true, false));
                }
                match self.quote {
                    Some(_) => self.quote = None,
                    None if b == b'>' => {
                        self.in_tag = false;
                        self.end_kept_tag();
                        if self.depth > MAX_DEPTH {
                            return Err(self.fail(true, false));
                        }
                        continue;
                    }
                    None => self.quote = Some(b),
                }
                self.keep_in_head(&[b]);
                continue;
            }
            if self.counting == 0 && !self.in_entity {
                match memchr::memchr(b'<', rest) {
                    Some(pos) => at += pos,
                    None => break,
                }
            }
            let b = bytes[at];
            at += 1;
            if b != b'<' {
                self.count_text_byte(b)?;
                continue;
            }
            self.in_entity = false;
            // Most tags end within the same read: their bytes are read where they are, without being kept.
            match tag_end(&bytes[at..]) {
                Some(len) if len < MAX_TAG_BYTES as usize => {
                    self.end_tag(&bytes[at..at + len.min(TAG_HEAD)]);
                    if self.depth > MAX_DEPTH {
                        return Err(self.fail(true, false));
                    }
                    at += len + 1;
                }
                _ => {
                    self.in_tag = true;
                    self.tag_len = 0;
                    self.head.clear();
                }
            }
        }
        Ok(())
    }

    fn keep_in_head(&mut self, bytes: &[u8]) {
        let room = TAG_HEAD.saturating_sub(self.head.len());
        self.head.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    /// One byte of text outside tags. One character per UTF-8 lead byte; an entity (`&amp;`) is one character.
    fn count_text_byte(&mut self, b: u8) -> io::Result<()> {
        if self.in_entity {
            if b == b';' {
                self.in_entity = false;
            }
            return Ok(());
        }
        if self.counting == 0 {
            return Ok(());
        }
        let total = self.total.get() + 1;
        self.total.set(total);
        if total > self.max_total {
            return Err(self.fail(false, true));
        }
        if b == b'&' {
            self.in_entity = true;
        } else if b & 0xC0 == 0x80 {
            return Ok(());
        }
        self.cell_chars += 1;
        if self.cell_chars > self.limit {
            return Err(self.fail(false, false));
        }
        Ok(())
    }
}

/// Where the tag that `rest` starts (after its `<`) ends: the position of its `>` outside quotes, if in `rest`.
fn tag_end(rest: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in rest.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return Some(i),
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's head (`name="value"`), if it is there whole.
fn attr(body: &[u8], name: &[u8]) -> Option<String> {
    attr_value(body, name).map(|v| String::from_utf8_lossy(v).chars().take(64).collect())
}

/// The raw bytes of attribute `name`'s value in a tag's head.
fn attr_value<'b>(body: &'b [u8], name: &[u8]) -> Option<&'b [u8]> {
    let first = *name.first()?;
    let mut at = 0;
    while let Some(pos) = memchr::memchr(first, body.get(at..)?) {
        let start = at + pos;
        if body.get(start..start + name.len()) != Some(name) {
            at = start + 1;
            continue;
        }
        let before_ok = start > 0 && body.get(start - 1).is_some_and(u8::is_ascii_whitespace);
        let rest = body.get(start + name.len()..)?;
        if before_ok && rest.first() == Some(&b'=') {
            let quote = *rest.get(1)?;
            let value = rest.get(2..)?;
            let end = value.iter().position(|b| *b == quote)?;
            return value.get(..end);
        }
        at = start + 1;
    }
    None
}

impl<R: Read> Read for TextGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(err) = &self.failed {
            return Err(io::Error::other(err.clone()));
        }
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n])?;
        Ok(n)
    }
}

#[cfg(test)]
#[path = "xml_text_guard_tests.rs"]
mod tests;
