//! Where a CSV file's text comes from, read as a stream (a file on disk or bytes already in memory), and where
//! its physical lines end: the CSV reader sees the text through [`LineEnds`], which notes every line break so a
//! record's line number is known without keeping the text.

use super::encoding::{detect, TextEncoding};
use super::ImportError;
use std::collections::VecDeque;
use std::io::{self, Read, Seek, SeekFrom};

/// A CSV file that can be read from its start more than once (the encoding, the delimiter and the long-field
/// guard each take a pass before the rows are read).
#[derive(Clone, Copy)]
pub(crate) enum CsvInput<'a> {
    Bytes(&'a [u8]),
    /// A regular file, opened once (every pass reads the same file, even if the path is replaced meanwhile) and
    /// read up to `limit` bytes (its size was checked before; this bounds a file that grows).
    File {
        file: &'a std::fs::File,
        limit: u64,
    },
}

impl<'a> CsvInput<'a> {
    /// The raw bytes from the first.
    pub(crate) fn open(&self, name: &str) -> Result<Box<dyn Read + 'a>, ImportError> {
        let io_err = ImportError::io(name);
        match *self {
            CsvInput::Bytes(bytes) => Ok(Box::new(bytes)),
            CsvInput::File { file, limit } => {
                let mut file = file.try_clone().map_err(io_err)?;
                file.seek(SeekFrom::Start(0)).map_err(io_err)?;
                Ok(Box::new(AtMost { file, left: limit }))
            }
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

/// A run of adjacent line breaks in the text: its first byte, the byte after it, and how many breaks it holds
/// (CRLF is one break of two bytes; blank lines make one run).
#[derive(Clone, Copy)]
struct Run {
    start: u64,
    end: u64,
    breaks: u64,
}

/// Passes the text through and notes where its lines end: LF, CRLF and a lone CR each end one line, as in
/// spreadsheet applications. Runs are dropped once a record after them has been numbered, so only those in the
/// CSV reader's buffer and in the record being read are held; a record spanning more than `max_lines` lines
/// stops the read (the file has more lines than the import reads anyway).
pub(crate) struct LineEnds<R> {
    inner: R,
    /// Bytes passed through so far.
    offset: u64,
    runs: VecDeque<Run>,
    max_lines: usize,
    /// A CR at the end of the last read: whether an LF follows is known only at the next.
    pending_cr: Option<u64>,
    /// Line breaks before the last numbered record's first byte.
    lines_passed: u64,
}

impl<R: Read> LineEnds<R> {
    pub(crate) fn new(inner: R, max_lines: u32) -> Self {
        LineEnds {
            inner,
            offset: 0,
            runs: VecDeque::new(),
            max_lines: usize::try_from(max_lines).unwrap_or(usize::MAX),
            pending_cr: None,
            lines_passed: 0,
        }
    }

    /// The 1-based physical line of a record that the CSV reader placed at `byte`. The reader reports the end
    /// of the previous record, so the breaks of blank lines right after it are passed over too. Records must be
    /// asked for in order.
    pub(crate) fn line_at(&mut self, byte: u64) -> u64 {
        let mut at = byte;
        while let Some(&run) = self.runs.front() {
            if run.start > at {
                break;
            }
            self.lines_passed += run.breaks;
            at = at.max(run.end);
            self.runs.pop_front();
        }
        self.lines_passed + 1
    }

    fn push_break(&mut self, start: u64, end: u64) {
        match self.runs.back_mut() {
            Some(run) if run.end == start => {
                run.end = end;
                run.breaks += 1;
            }
            _ => self.runs.push_back(Run { start, end, breaks: 1 }),
        }
    }

    fn note_breaks(&mut self, text: &[u8]) {
        let base = self.offset;
        let mut from = 0;
        if let Some(cr) = self.pending_cr.take() {
            match text.first() {
                Some(b'\n') => {
                    self.push_break(cr, cr + 2);
                    from = 1;
                }
                Some(_) => self.push_break(cr, cr + 1),
                None => self.pending_cr = Some(cr),
            }
        }
        let mut rest = text.get(from..).unwrap_or_default();
        let mut at = base + from as u64;
        while let Some(i) = memchr::memchr2(b'\n', b'\r', rest) {
            let pos = at + i as u64;
            match (rest[i], rest.get(i + 1)) {
                (b'\n', _) => self.push_break(pos, pos + 1),
                (_, Some(b'\n')) => {
                    self.push_break(pos, pos + 2);
                    rest = &rest[i + 2..];
                    at = pos + 2;
                    continue;
                }
                (_, Some(_)) => self.push_break(pos, pos + 1),
                (_, None) => self.pending_cr = Some(pos),
            }
            rest = &rest[i + 1..];
            at = pos + 1;
        }
    }
}

/// The error [`LineEnds`] stops a read with when a record spans more lines than the import reads.
#[derive(Debug, thiserror::Error)]
#[error("the file has more lines than the import reads")]
pub(crate) struct TooManyLines;

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if let Some(cr) = self.pending_cr.take() {
                self.push_break(cr, cr + 1);
            }
        } else {
            self.note_breaks(&buf[..n]);
            self.offset += n as u64;
            if self.runs.len() > self.max_lines {
                return Err(io::Error::other(TooManyLines));
            }
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
        let reader = LineEnds::new(Chunked(text, cut), u32::MAX);
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

    /// Blank lines are one run however many there are; a record spanning more lines than the import reads stops
    /// the read instead of holding a note of every line.
    #[test]
    fn notes_of_line_breaks_stay_bounded() {
        let mut text = b"Description\nRadio\n".to_vec();
        text.extend(std::iter::repeat_n(b'\n', 100_000));
        text.extend_from_slice(b"Rifle\n");
        let mut reader = LineEnds::new(&text[..], 10);
        let mut sink = Vec::new();
        reader.read_to_end(&mut sink).unwrap();
        assert_eq!(reader.runs.len(), 3);
        assert_eq!(reader.line_at(0), 1);
        assert_eq!(reader.line_at(12), 2);
        assert_eq!(reader.line_at(18), 100_003);

        let quoted = format!("Description\n\"{}\"\n", "a\n".repeat(50));
        let mut reader = LineEnds::new(quoted.as_bytes(), 10);
        let error = reader.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(error.get_ref().is_some_and(|e| e.is::<TooManyLines>()), "{error}");
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
