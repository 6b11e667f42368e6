//! Text normalisation shared by the catalogue (phrases) and the classifier (descriptions), so both sides of a
//! match are folded the same way: Unicode compatibility forms, invisible characters, look-alike letters,
//! accents, case, punctuation and the way people write numbers and model names.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Normalised text and, for every byte of it, the index of the source character it came from, so a match in
/// the normalised text can be reported as a character span of what the user wrote.
#[derive(Debug, Default, Clone)]
pub struct Normalized {
    pub text: String,
    origin: Vec<u32>,
}

impl Normalized {
    pub fn new(source: &str) -> Self {
        let mut n = Normalized::default();
        n.reset(source);
        n
    }

    /// Normalises `source` into this buffer, reusing its allocations.
    pub fn reset(&mut self, source: &str) {
        // Both buffers are owned by the builder while it writes: pushes through a borrowed `Vec` reload its length
        // and capacity after every write to the other one.
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        bytes.clear();
        bytes.reserve(source.len() + 8);
        let mut origin = std::mem::take(&mut self.origin);
        origin.clear();
        origin.reserve(source.len() + 8);
        let mut out = Builder {
            bytes,
            origin,
            last: Kind::Start,
            pending_space: false,
            pending_decimal: false,
        };
        // ASCII runs a run at a time, other characters one by one: a French or German description is mostly
        // ASCII, and the per-character path costs several times as much.
        let mut rest = source;
        let mut index = 0u32;
        loop {
            let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
            out.push_ascii_text(&rest.as_bytes()[..ascii], index);
            index += ascii as u32;
            rest = rest.get(ascii..).unwrap_or_default();
            let Some(c) = rest.chars().next() else { break };
            out.push_unicode(c, index);
            index += 1;
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
        }
        self.origin = out.origin;
        // Only whole characters are ever written, so this cannot fail; empty text is the safe fallback.
        self.text = String::from_utf8(out.bytes).unwrap_or_default();
    }

    /// The source character span `[start, end)` of the normalised byte range `[from, to)`.
    pub fn source_span(&self, from: usize, to: usize) -> (usize, usize) {
        let start = self.origin.get(from).copied().unwrap_or(0) as usize;
        let end = to
            .checked_sub(1)
            .and_then(|last| self.origin.get(last))
            .map(|&c| c as usize + 1)
            .unwrap_or(start);
        (start, end.max(start))
    }
}

/// Normalises a string without keeping the offsets (catalogue phrases, vocabularies).
pub fn normalize(source: &str) -> String {
    Normalized::new(source).text
}

/// The byte ranges of the space-separated words of a normalised text.
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // A byte loop, not `str::split(' ')`: words are a few bytes long, and the generic searcher's set-up per word
    // cost more than the scan (a tenth of classifying a description). A space is one byte in UTF-8, so every
    // cut is on a character boundary.
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |n| start + n);
        let word = (start, text.get(start..end).unwrap_or_default());
        done = end == bytes.len();
        start = end + 1;
        Some(word)
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Start,
    Letter,
    Digit,
}

struct Builder {
    /// The normalised text being written (bytes are cheaper to push than chars).
    bytes: Vec<u8>,
    origin: Vec<u32>,
    last: Kind,
    pending_space: bool,
    /// A `.` or `,` directly after a digit: it becomes a decimal point if a digit follows at once.
    pending_decimal: bool,
}

impl Builder {
    fn push_unicode(&mut self, c: char, index: u32) {
        if is_invisible(c) {
            return;
        }
        if c.is_ascii() {
            self.push(c, index);
            return;
        }
        decompose_compatible(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            match fold_letter(d) {
                Folded::One(f) => self.push(f, index),
                Folded::Two(a, b) => {
                    self.push(a, index);
                    self.push(b, index);
                }
                Folded::Keep => {
                    for lower in d.to_lowercase() {
                        self.push(lower, index);
                    }
                }
            }
        });
    }

    fn push(&mut self, c: char, index: u32) {
        if let Ok(byte) = u8::try_from(c) {
            if byte.is_ascii() {
                self.push_ascii(byte, index);
                return;
            }
        }
        if !c.is_alphanumeric() {
            self.separator(false);
            return;
        }
        self.start_char(if c.is_numeric() { Kind::Digit } else { Kind::Letter }, index);
        for lower in c.to_lowercase() {
            self.emit(lower, index);
        }
    }

    /// Plain ASCII text, a run of letters or of digits at a time: within a run nothing but the characters is
    /// written (the same as [`Builder::push_ascii`] byte by byte, without its per-byte state).
    /// `first_index`: the source character index of `source[0]`.
    fn push_ascii_text(&mut self, source: &[u8], first_index: u32) {
        let mut at = 0;
        while let Some(&byte) = source.get(at) {
            if !byte.is_ascii_alphanumeric() {
                self.separator(byte == b'.' || byte == b',');
                at += 1;
                continue;
            }
            let digits = byte.is_ascii_digit();
            let run = source[at..]
                .iter()
                .position(|b| {
                    !(if digits {
                        b.is_ascii_digit()
                    } else {
                        b.is_ascii_alphabetic()
                    })
                })
                .unwrap_or(source.len() - at);
            let index = first_index + at as u32;
            self.start_char(if digits { Kind::Digit } else { Kind::Letter }, index);
            self.bytes
                .extend(source[at..at + run].iter().map(u8::to_ascii_lowercase));
            self.origin.extend(index..index + run as u32);
            at += run;
        }
    }

    /// The common case, kept free of Unicode tables: most descriptions are plain ASCII. Inlined into the ASCII
    /// loop of [`Normalized::reset`], where the builder's state stays in registers.
    #[inline(always)]
    fn push_ascii(&mut self, byte: u8, index: u32) {
        if !byte.is_ascii_alphanumeric() {
            self.separator(byte == b'.' || byte == b',');
            return;
        }
        self.start_char(
            if byte.is_ascii_digit() {
                Kind::Digit
            } else {
                Kind::Letter
            },
            index,
        );
        self.emit_ascii(byte.to_ascii_lowercase(), index);
    }

    #[inline]
    fn separator(&mut self, decimal_mark: bool) {
        self.pending_decimal = decimal_mark && self.last == Kind::Digit && !self.pending_space;
        self.pending_space = true;
    }

    /// Writes the separator a letter or digit of `kind` needs before it (a space, or a decimal point).
    #[inline(always)]
    fn start_char(&mut self, kind: Kind, index: u32) {
        if self.last != Kind::Start {
            if self.pending_decimal && kind == Kind::Digit {
                self.emit_ascii(b'.', index);
            } else if self.pending_space || kind != self.last {
                self.emit_ascii(b' ', index);
            }
        }
        self.pending_space = false;
        self.pending_decimal = false;
        self.last = kind;
    }

    #[inline(always)]
    fn emit_ascii(&mut self, byte: u8, index: u32) {
        self.bytes.push(byte);
        self.origin.push(index);
    }

    fn emit(&mut self, c: char, index: u32) {
        let mut buffer = [0u8; 4];
        for &byte in c.encode_utf8(&mut buffer).as_bytes() {
            self.bytes.push(byte);
            self.origin.push(index);
        }
    }
}

/// Characters that render as nothing and are used to split words invisibly.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
}

enum Folded {
    One(char),
    Two(char, char),
    Keep,
}

/// Letters that NFKD leaves alone but that a reader takes for Latin ones: Cyrillic and Greek look-alikes
/// (used to slip a word past a filter) and Latin letters without a decomposition.
fn fold_letter(c: char) -> Folded {
    let latin = match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'в' | 'В' | 'β' | 'Β' => 'b',
        'с' | 'С' | 'ϲ' | 'Ϲ' => 'c',
        'ԁ' | 'đ' | 'Đ' => 'd',
        'е' | 'Е' | 'ε' | 'Ε' | 'ё' | 'Ё' => 'e',
        'ɡ' => 'g',
        'һ' | 'Н' | 'Η' => 'h',
        'і' | 'І' | 'ι' | 'Ι' | 'ı' | 'ӏ' | 'Ӏ' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'ł' | 'Ł' => 'l',
        'м' | 'М' | 'Μ' => 'm',
        'ո' | 'Ν' => 'n',
        'о' | 'О' | 'ο' | 'Ο' | 'ø' | 'Ø' | 'σ' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'u',
        'ν' => 'v',
        'ԝ' => 'w',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' | 'γ' => 'y',
        'Ζ' => 'z',
        'ß' | 'ẞ' => return Folded::Two('s', 's'),
        'æ' | 'Æ' => return Folded::Two('a', 'e'),
        'œ' | 'Œ' => return Folded::Two('o', 'e'),
        'þ' | 'Þ' => return Folded::Two('t', 'h'),
        _ => return Folded::Keep,
    };
    Folded::One(latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(
            normalize("Véhicule  tout-terrain, Toyota!"),
            "vehicule tout terrain toyota"
        );
        assert_eq!(normalize("Größe MÄNNER"), "grosse manner");
        assert_eq!(normalize("  --Fusil d'assaut--  "), "fusil d assaut");
    }

    #[test]
    fn separates_digits_from_letters_and_keeps_decimals() {
        assert_eq!(normalize("HK416"), "hk 416");
        assert_eq!(normalize("AK-47"), "ak 47");
        assert_eq!(normalize("7,62 x 51"), "7.62 x 51");
        assert_eq!(normalize("7.62x39"), "7.62 x 39");
        assert_eq!(normalize("5.56mm"), "5.56 mm");
        assert_eq!(normalize(".50 cal"), "50 cal");
        assert_eq!(normalize("30Hz."), "30 hz");
        assert_eq!(normalize("9301 10"), "9301 10");
        assert_eq!(normalize("1, 2"), "1 2");
    }

    #[test]
    fn defeats_unicode_evasion() {
        assert_eq!(normalize("ｇｌｏｃｋ"), "glock");
        assert_eq!(normalize("gu\u{200B}n"), "gun");
        assert_eq!(normalize("\u{0440}ist\u{043E}l"), "pistol");
        assert_eq!(normalize("ΑΚ-47"), "ak 47");
        assert_eq!(normalize("ﬁle"), "file");
    }

    #[test]
    fn spans_point_back_to_source_characters() {
        let n = Normalized::new("Fusil d’assaut 7,62x39");
        let at = n.text.find("7.62").unwrap();
        let (s, e) = n.source_span(at, at + "7.62 x 39".len());
        let chars: String = "Fusil d’assaut 7,62x39".chars().skip(s).take(e - s).collect();
        assert_eq!(chars, "7,62x39");
    }

    #[test]
    fn tokens_report_offsets() {
        let t: Vec<_> = tokens("hk 416 rifle").collect();
        assert_eq!(t, vec![(0, "hk"), (3, "416"), (7, "rifle")]);
        let edges: Vec<_> = tokens(" a  b ").collect();
        assert_eq!(edges, vec![(0, ""), (1, "a"), (3, ""), (4, "b"), (6, "")]);
        assert_eq!(tokens("").collect::<Vec<_>>(), vec![(0, "")]);
    }

    /// The character-by-character path alone, as every non-ASCII text was normalised before ASCII runs were
    /// taken whole.
    fn per_character(source: &str) -> (String, Vec<u32>) {
        let mut out = Builder {
            bytes: Vec::new(),
            origin: Vec::new(),
            last: Kind::Start,
            pending_space: false,
            pending_decimal: false,
        };
        for (index, c) in source.chars().enumerate() {
            out.push_unicode(c, index as u32);
        }
        (String::from_utf8(out.bytes).unwrap(), out.origin)
    }

    proptest::proptest! {
        /// Mixed text normalised a run of ASCII at a time reads, and points back, as the per-character path.
        #[test]
        fn ascii_runs_normalise_as_characters_do(source in "[a-zA-Z0-9 .,\\-éÖßﬁ\u{200B}Ａ’]{0,32}") {
            let n = Normalized::new(&source);
            let (text, origin) = per_character(&source);
            proptest::prop_assert_eq!(&n.text, &text);
            proptest::prop_assert_eq!(&n.origin, &origin);
        }

        /// The byte loop cuts where `str::split(' ')` does, on any text.
        #[test]
        fn tokens_cut_where_split_does(text in "[a é1 ]{0,24}") {
            let mut offset = 0;
            let expected: Vec<(usize, &str)> = text
                .split(' ')
                .map(|w| {
                    let at = offset;
                    offset += w.len() + 1;
                    (at, w)
                })
                .collect();
            proptest::prop_assert_eq!(tokens(&text).collect::<Vec<_>>(), expected);
        }
    }
}
