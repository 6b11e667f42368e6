//! Where a CSV file's text comes from, read as a stream (a file on disk or bytes already in memory), and where
//! its physical lines end: the CSV reader sees the text through [`LineEnds`], which notes every line break so a
//! record's line number is known without keeping the text.

use super::encoding::{detect, TextEncoding};
use super::ImportError;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::path::Path;

/// A CSV file that can be read from its start more than once (the encoding, the delimiter and the long-field
/// guard each take a pass before the rows are read).
#[derive(Clone, Copy)]
pub(crate) enum CsvInput<'a> {
    Bytes(&'a [u8]),
    /// A file on disk, read up to `limit` bytes (its size was checked before; this bounds a file that grows).
    File {
        path: &'a Path,
        limit: u64,
    },
}

impl<'a> CsvInput<'a> {
    /// The raw bytes from the first.
    pub(crate) fn open(&self, file: &str) -> Result<Box<dyn Read + 'a>, ImportError> {
        match *self {
            CsvInput::Bytes(bytes) => Ok(Box::new(bytes)),
            CsvInput::File { path, limit } => std::fs::File::open(path)
                .map(|file| Box::new(AtMost { file, left: limit }) as Box<dyn Read + 'a>)
                .map_err(|source| ImportError::Io {
                    file: file.to_string(),
                    source,
                }),
        }
    }

    /// The encoding of the text (one pass over the bytes).
    pub(crate) fn encoding(&self, file: &str, declared: Option<&str>) -> Result<TextEncoding, ImportError> {
        detect(file, &mut self.open(file)?, declared)
    }

    /// The text, decoded as it is read.
    pub(crate) fn text(&self, file: &str, encoding: &TextEncoding) -> Result<Box<dyn Read + 'a>, ImportError> {
        Ok(encoding.text_of(self.open(file)?))
    }
}

/// A file read to at most `left` more bytes: one that grew past its checked size since is refused, not cut.
struct AtMost {
    file: std::fs::File,
    left: u64,
}

impl Read for AtMost {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.file.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            io::Error::other("the file grew past the size limit while it was being read; check it once it is complete")
        })?;
        Ok(n)
    }
}

/// One line break in the text: its first byte and the byte after it (CRLF is one break of two bytes).
type Break = (u64, u64);

/// Passes the text through and notes where its lines end: LF, CRLF and a lone CR each end one line, as in
/// spreadsheet applications. Breaks are dropped once a record after them has been numbered, so only those in
/// the CSV reader's buffer are held.
pub(crate) struct LineEnds<R> {
    inner: R,
    /// Bytes passed through so far.
    offset: u64,
    breaks: VecDeque<Break>,
    /// A CR at the end of the last read: whether an LF follows is known only at the next.
    pending_cr: Option<u64>,
    /// Line breaks before the last numbered record's first byte.
    lines_passed: u64,
}

impl<R: Read> LineEnds<R> {
    pub(crate) fn new(inner: R) -> Self {
        LineEnds {
            inner,
            offset: 0,
            breaks: VecDeque::new(),
            pending_cr: None,
            lines_passed: 0,
        }
    }

    /// The 1-based physical line of a record that the CSV reader placed at `byte`. The reader reports the end
    /// of the previous record, so the breaks of blank lines right after it are passed over too. Records must be
    /// asked for in order.
    pub(crate) fn line_at(&mut self, byte: u64) -> u64 {
        let mut at = byte;
        while let Some(&(start, end)) = self.breaks.front() {
            if start > at {
                break;
            }
            self.lines_passed += 1;
            at = at.max(end);
            self.breaks.pop_front();
        }
        self.lines_passed + 1
    }

    fn note_breaks(&mut self, text: &[u8]) {
        let base = self.offset;
        let mut from = 0;
        if let Some(cr) = self.pending_cr.take() {
            match text.first() {
                Some(b'\n') => {
                    self.breaks.push_back((cr, cr + 2));
                    from = 1;
                }
                Some(_) => self.breaks.push_back((cr, cr + 1)),
                None => self.pending_cr = Some(cr),
            }
        }
        let mut rest = text.get(from..).unwrap_or_default();
        let mut at = base + from as u64;
        while let Some(i) = memchr::memchr2(b'\n', b'\r', rest) {
            let pos = at + i as u64;
            match (rest[i], rest.get(i + 1)) {
                (b'\n', _) => self.breaks.push_back((pos, pos + 1)),
                (_, Some(b'\n')) => {
                    self.breaks.push_back((pos, pos + 2));
                    rest = &rest[i + 2..];
                    at = pos + 2;
                    continue;
                }
                (_, Some(_)) => self.breaks.push_back((pos, pos + 1)),
                (_, None) => self.pending_cr = Some(pos),
            }
            rest = &rest[i + 1..];
            at = pos + 1;
        }
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if let Some(cr) = self.pending_cr.take() {
                self.breaks.push_back((cr, cr + 1));
            }
        } else {
            self.note_breaks(&buf[..n]);
            self.offset += n as u64;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old way: count the breaks in the whole text before `byte`, then those of blank lines right after it.
    fn line_in_text(text: &[u8], byte: usize) -> u64 {
        let mut start = byte;
        while matches!(text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let passed = &text[..start.min(text.len())];
        let lf = passed.iter().filter(|&&b| b == b'\n').count();
        let lone_cr = (0..passed.len())
            .filter(|&i| text[i] == b'\r' && text.get(i + 1) != Some(&b'\n'))
            .count();
        (lf + lone_cr) as u64 + 1
    }

    /// Lines of every record the csv crate finds in `text`, read through `LineEnds` in reads of `cut` bytes.
    fn streamed_lines(text: &[u8], cut: usize) -> Vec<u64> {
        let reader = LineEnds::new(Chunked(text, cut));
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(16)
            .from_reader(reader);
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while csv.read_byte_record(&mut record).unwrap() {
            let byte = record.position().map_or(0, |p| p.byte());
            lines.push(csv.get_mut().line_at(byte));
        }
        lines
    }

    fn whole_lines(text: &[u8]) -> Vec<u64> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while csv.read_byte_record(&mut record).unwrap() {
            let byte = record.position().map_or(0, |p| p.byte());
            lines.push(line_in_text(text, byte as usize));
        }
        lines
    }

    #[test]
    fn blank_lines_crlf_and_quoted_breaks_are_counted() {
        let text = b"a,b\r\n\r\nc,\"d\ne\"\rf\n\n\ng\r";
        assert_eq!(streamed_lines(text, 1), vec![1, 3, 5, 8]);
        assert_eq!(streamed_lines(text, 1), whole_lines(text));
    }

    proptest::proptest! {
        /// However the reads are cut, every record gets the line that counting in the whole text gives.
        #[test]
        fn streamed_lines_match_lines_in_the_whole_text(text in "[ab,\"\r\n]{0,60}", cut in 1usize..9) {
            proptest::prop_assert_eq!(streamed_lines(text.as_bytes(), cut), whole_lines(text.as_bytes()));
        }
    }

    /// A reader that hands out at most `cut` bytes per read.
    struct Chunked<'a>(&'a [u8], usize);

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
}
