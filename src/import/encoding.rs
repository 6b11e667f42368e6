//! Text encodings of CSV files: UTF-8 with or without BOM, UTF-16 LE/BE with
//! BOM, a declared label, otherwise Windows-1252 when the bytes are not UTF-8.
//! Files are read as streams: the encoding is chosen in one pass over the bytes, and the text is decoded as it is
//! read, so a large CSV is never held in memory.

use super::ImportError;
use encoding_rs::{CoderResult, Decoder, Encoding};
use std::io::{self, Read};

/// Bytes looked at to tell text from binary content.
const BINARY_SAMPLE: usize = 8192;
const CHUNK: usize = 64 * 1024;

/// How a CSV file's bytes become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextEncoding {
    encoding: &'static Encoding,
    /// Bytes of a byte order mark at the start.
    bom_len: usize,
    /// The bytes already are valid UTF-8 without a BOM: they are read as they are.
    verbatim: bool,
    /// UTF-8 with a few bytes that are not (a word typed in another program's Windows-1252): those bytes are
    /// read as Windows-1252, one by one, and the rest as UTF-8. Reading the whole file as Windows-1252 would turn
    /// every accented word into "MuniÃ§Ãµes", which no word list matches.
    mixed: bool,
}

impl TextEncoding {
    pub(crate) fn name(&self) -> &'static str {
        if self.mixed {
            return "UTF-8 (with stray windows-1252 bytes)";
        }
        self.encoding.name()
    }

    /// The text of `raw` (the file from its first byte) as UTF-8. Malformed sequences become U+FFFD, as they
    /// would when the whole file was decoded at once.
    pub(crate) fn text_of<'a>(&self, raw: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
        if self.verbatim {
            return raw;
        }
        if self.mixed {
            return Box::new(MixedReader::new(raw));
        }
        Box::new(DecodingReader::new(
            raw,
            self.encoding.new_decoder_without_bom_handling(),
            self.bom_len,
        ))
    }
}

/// Chooses the encoding of a CSV file read from `input`. `declared` is an encoding label such as "windows-1252".
/// A file of nothing but blank space is refused as empty, a binary one as not text.
pub(crate) fn detect(file: &str, input: &mut dyn Read, declared: Option<&str>) -> Result<TextEncoding, ImportError> {
    let io_err = ImportError::io(file);
    let mut head = vec![0; BINARY_SAMPLE];
    let head_len = read_full(input, &mut head).map_err(io_err)?;
    head.truncate(head_len);
    // A byte order mark always wins: it cannot be a coincidence.
    if let Some((encoding, bom_len)) = Encoding::for_bom(&head) {
        return Ok(TextEncoding {
            encoding,
            bom_len,
            verbatim: false,
            mixed: false,
        });
    }
    let survey = survey(&head, input).map_err(io_err)?;
    if survey.blank {
        return Err(ImportError::Empty {
            file: file.to_string(),
            sheet: None,
        });
    }
    if let Some(label) = declared {
        let Some(encoding) = Encoding::for_label(label.trim().as_bytes()) else {
            return Err(ImportError::UnsupportedFormat {
                file: file.to_string(),
                detail: format!(
                    "the declared text encoding \"{label}\" is unknown (use e.g. utf-8, windows-1252, iso-8859-15, utf-16le)"
                ),
            });
        };
        return Ok(TextEncoding {
            encoding,
            bom_len: 0,
            verbatim: false,
            mixed: false,
        });
    }
    if looks_binary(&head) {
        return Err(ImportError::UnsupportedFormat {
            file: file.to_string(),
            detail: "the content is binary, not text (a CSV file must be text; export the sheet as CSV again)".into(),
        });
    }
    let encoding = if survey.utf8 {
        encoding_rs::UTF_8
    } else {
        encoding_rs::WINDOWS_1252
    };
    let mixed = !survey.utf8 && survey.utf8_sequences > 0 && survey.utf8_sequences >= survey.invalid_bytes;
    Ok(TextEncoding {
        encoding,
        bom_len: 0,
        verbatim: survey.utf8,
        mixed,
    })
}

/// What one pass over the bytes tells: nothing but ASCII blank space, and valid UTF-8; when it is not, how many
/// valid multi-byte UTF-8 sequences and how many bytes that are not UTF-8 the text holds.
struct Survey {
    blank: bool,
    utf8: bool,
    utf8_sequences: u64,
    invalid_bytes: u64,
}

/// Reads the rest of the file after `head`, a chunk at a time (a UTF-8 sequence cut by a chunk's end is carried
/// into the next).
fn survey(head: &[u8], input: &mut dyn Read) -> io::Result<Survey> {
    let mut survey = Survey {
        blank: true,
        utf8: true,
        utf8_sequences: 0,
        invalid_bytes: 0,
    };
    let mut buffer = vec![0; CHUNK + 4];
    let mut carried = head.len().min(buffer.len());
    buffer[..carried].copy_from_slice(&head[..carried]);
    loop {
        let read = read_full(input, &mut buffer[carried..])?;
        let end = carried + read;
        let last = read == 0;
        let chunk = &buffer[..end];
        survey.blank = survey.blank && chunk.iter().all(u8::is_ascii_whitespace);
        carried = 0;
        let mut rest = chunk;
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    survey.utf8_sequences += multi_byte_sequences(valid);
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    survey.utf8_sequences += multi_byte_sequences(std::str::from_utf8(valid).unwrap_or_default());
                    match e.error_len() {
                        // Cut by the chunk's end: the sequence's first bytes go before the next chunk.
                        None if !last => {
                            carried = after.len();
                            break;
                        }
                        None => {
                            survey.utf8 = false;
                            survey.invalid_bytes += after.len() as u64;
                            break;
                        }
                        Some(n) => {
                            survey.utf8 = false;
                            survey.invalid_bytes += n as u64;
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
        // Nothing later can make the text blank or UTF-8 again, nor turn a file without a UTF-8 sequence into
        // mostly UTF-8.
        if last || !(survey.blank || survey.utf8 || survey.utf8_sequences > 0) {
            return Ok(survey);
        }
        buffer.copy_within(end - carried..end, 0);
        // The carried bytes were already counted for blank space; they are not blank (they start a sequence).
    }
}

/// Characters of `text` written with more than one byte.
fn multi_byte_sequences(text: &str) -> u64 {
    if text.is_ascii() {
        return 0;
    }
    text.bytes().filter(|b| *b >= 0xC0).count() as u64
}

/// Reads UTF-8 and turns each byte that is not part of a valid sequence into its Windows-1252 character.
struct MixedReader<R> {
    inner: R,
    /// Bytes read and not yet decoded (an incomplete sequence at the end of the last read).
    pending: Vec<u8>,
    output: Vec<u8>,
    output_start: usize,
    done: bool,
}

impl<R: Read> MixedReader<R> {
    fn new(inner: R) -> Self {
        MixedReader {
            inner,
            pending: Vec::with_capacity(CHUNK + 4),
            output: Vec::with_capacity(2 * CHUNK),
            output_start: 0,
            done: false,
        }
    }

    /// Decodes what is pending into `output`; at the end of input an incomplete sequence is decoded too.
    fn decode_pending(&mut self) {
        self.output.clear();
        self.output_start = 0;
        let mut rest: &[u8] = &self.pending;
        let mut kept = 0;
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    self.output.extend_from_slice(valid.as_bytes());
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    self.output.extend_from_slice(valid);
                    let bad = match e.error_len() {
                        None if !self.done => {
                            kept = after.len();
                            break;
                        }
                        None => after.len(),
                        Some(n) => n,
                    };
                    for &b in &after[..bad] {
                        let byte = [b];
                        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
                        self.output.extend_from_slice(text.as_bytes());
                    }
                    rest = &after[bad..];
                }
            }
        }
        let start = self.pending.len() - kept;
        self.pending.copy_within(start.., 0);
        self.pending.truncate(kept);
    }
}

impl<R: Read> Read for MixedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.output_start < self.output.len() {
                let pending = &self.output[self.output_start..];
                let n = pending.len().min(buf.len());
                buf[..n].copy_from_slice(&pending[..n]);
                self.output_start += n;
                return Ok(n);
            }
            if self.done && self.pending.is_empty() {
                return Ok(0);
            }
            let start = self.pending.len();
            self.pending.resize(start + CHUNK, 0);
            let read = read_full(&mut self.inner, &mut self.pending[start..])?;
            self.pending.truncate(start + read);
            self.done = read == 0;
            self.decode_pending();
        }
    }
}

/// Reads until `buffer` is full or the input ends; returns the bytes read.
pub(crate) fn read_full(input: &mut dyn Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match input.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// NUL bytes or many control characters: not a text file.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..BINARY_SAMPLE).unwrap_or(bytes);
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 10 > sample.len().max(1)
}

/// Decodes a byte stream to UTF-8 as it is read.
struct DecodingReader<R> {
    inner: R,
    decoder: Decoder,
    /// Leading bytes still to drop (a byte order mark).
    skip: usize,
    input: Box<[u8]>,
    input_start: usize,
    input_end: usize,
    input_done: bool,
    /// Decoded text in `output[output_start..output_end]`.
    output: Box<[u8]>,
    output_start: usize,
    output_end: usize,
    finished: bool,
}

impl<R: Read> DecodingReader<R> {
    fn new(inner: R, decoder: Decoder, skip: usize) -> Self {
        DecodingReader {
            inner,
            decoder,
            skip,
            input: vec![0; CHUNK].into_boxed_slice(),
            input_start: 0,
            input_end: 0,
            input_done: false,
            output: vec![0; 3 * CHUNK + 16].into_boxed_slice(),
            output_start: 0,
            output_end: 0,
            finished: false,
        }
    }

    fn refill_input(&mut self) -> io::Result<()> {
        loop {
            let read = match self.inner.read(&mut self.input) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let dropped = self.skip.min(read);
            self.skip -= dropped;
            (self.input_start, self.input_end) = (dropped, read);
            self.input_done = read == 0;
            if read == 0 || dropped < read {
                return Ok(());
            }
        }
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.output_start < self.output_end {
                let pending = &self.output[self.output_start..self.output_end];
                let n = pending.len().min(buf.len());
                buf[..n].copy_from_slice(&pending[..n]);
                self.output_start += n;
                return Ok(n);
            }
            if self.finished {
                return Ok(0);
            }
            if self.input_start == self.input_end && !self.input_done {
                self.refill_input()?;
            }
            self.output_start = 0;
            let last = self.input_done;
            let (result, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[self.input_start..self.input_end], &mut self.output, last);
            self.input_start += read;
            self.output_end = written;
            if last && result == CoderResult::InputEmpty {
                self.finished = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text and encoding name of `bytes` read through detection and decoding.
    fn decode(bytes: &[u8], declared: Option<&str>) -> Result<(String, &'static str), ImportError> {
        let encoding = detect("f", &mut &bytes[..], declared)?;
        let mut text = String::new();
        encoding
            .text_of(Box::new(bytes))
            .read_to_string(&mut text)
            .map_err(ImportError::io("f"))?;
        Ok((text, encoding.name()))
    }

    #[test]
    fn boms_and_fallbacks() {
        assert_eq!(decode(b"\xEF\xBB\xBFa;b", None).unwrap().0, "a;b");
        assert_eq!(decode(b"\xFF\xFEa\0;\0", None).unwrap().0, "a;");
        assert_eq!(decode(b"\xFE\xFF\0a\0;", None).unwrap().0, "a;");
        assert_eq!(decode(b"Qt\xE9", None).unwrap(), ("Qté".into(), "windows-1252"));
        assert_eq!(decode(b"Qt\xE9", Some("iso-8859-1")).unwrap().0, "Qté");
        assert!(decode(b"abc", Some("klingon")).is_err());
        assert!(decode(b"a\0b", None).is_err());
        assert!(matches!(decode(b" \r\n\t ", None), Err(ImportError::Empty { .. })));
    }

    #[test]
    fn stray_windows_1252_bytes_in_utf8_text_do_not_garble_the_rest() {
        let mut bytes = "Munições 9mm;2\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"caf\xE9;3\n");
        bytes.extend_from_slice("Mörser 81 mm;4\n".as_bytes());
        let bytes = &bytes[..];
        let (text, name) = decode(bytes, None).unwrap();
        assert!(
            text.contains("Munições 9mm") && text.contains("café") && text.contains("Mörser"),
            "{text}"
        );
        assert!(name.starts_with("UTF-8"), "{name}");
        // Cut at every point, the streamed reading gives the same text.
        let mut streamed = String::new();
        MixedReader::new(OneByteAtATime(bytes))
            .read_to_string(&mut streamed)
            .unwrap();
        assert_eq!(streamed, text);
        // A Windows-1252 file without any UTF-8 sequence stays Windows-1252.
        assert_eq!(
            decode(b"caf\xE9;Qt\xE9", None).unwrap(),
            ("café;Qté".into(), "windows-1252")
        );
    }

    #[test]
    fn a_utf8_sequence_cut_by_a_chunk_stays_utf8() {
        // "é" (two bytes) straddles the boundary between the head and the first chunk, then between two chunks.
        // The first chunk (the head and the first read) ends at CHUNK + 4, the next one CHUNK + 4 later, less
        // what was carried: put two- and three-byte characters across both ends.
        for at in [CHUNK + 3, CHUNK + 2, 2 * CHUNK + 6, 2 * CHUNK + 7] {
            for character in ["é", "€"] {
                let mut bytes = vec![b'a'; at];
                bytes.extend_from_slice(format!("{character};b\n").as_bytes());
                let (text, name) = decode(&bytes, None).unwrap();
                assert_eq!(name, "UTF-8", "{character} at {at}");
                assert!(text.ends_with(&format!("{character};b\n")));
            }
        }
        let mut bytes = vec![b'a'; BINARY_SAMPLE + CHUNK + 10];
        bytes.push(0xE9);
        assert_eq!(decode(&bytes, None).unwrap().1, "windows-1252");
    }

    proptest::proptest! {
        /// Decoding a stream, however its reads are cut, gives what decoding the whole at once gives.
        #[test]
        fn streamed_decoding_matches_whole_decoding(
            text in "[a-zé€;\"\n]{0,300}",
            utf16 in proptest::bool::ANY,
        ) {
            let (encoding, bytes): (&'static Encoding, Vec<u8>) = if utf16 {
                let mut bytes = vec![0xFF, 0xFE];
                bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                (encoding_rs::UTF_16LE, bytes)
            } else {
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
                (encoding_rs::WINDOWS_1252, bytes.into_owned())
            };
            let (whole, _) = encoding.decode_with_bom_removal(&bytes);
            let bom_len = Encoding::for_bom(&bytes).map_or(0, |(_, len)| len);
            let mut reader = DecodingReader::new(OneByteAtATime(&bytes), encoding.new_decoder_without_bom_handling(), bom_len);
            let mut streamed = String::new();
            reader.read_to_string(&mut streamed).unwrap();
            proptest::prop_assert_eq!(streamed, whole.into_owned());
        }
    }

    /// A reader that hands out one byte per read, to cut every sequence.
    struct OneByteAtATime<'a>(&'a [u8]);

    impl Read for OneByteAtATime<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&b, rest)), Some(slot)) => {
                    *slot = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }
}
