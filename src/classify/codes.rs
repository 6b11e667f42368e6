//! Evidence from codes: the HS or tariff code (chapter 93 is weapons by definition; other headings point
//! to candidates) and declared control-list codes (authoritative for the entry they name).

use super::decide::Collected;
use super::model::{Evidence, EvidenceKind, Field, Finding};
use super::Classifier;
use crate::catalog::codes::compact;
use crate::catalog::Catalog;
use crate::decision::Decision;
use rustc_hash::FxHashMap;

/// The HS chapter that is arms and ammunition by definition.
const WEAPONS_CHAPTER: &str = "93";

/// The catalogue's HS prefixes (digits), looked up by length rather than tried one by one: a line's code is
/// checked against a few lengths whatever the number of prefixes.
pub(super) struct HsPrefixes {
    /// Prefix -> entries, in catalogue order.
    by_prefix: FxHashMap<String, Vec<u32>>,
    /// The prefix lengths present, longest first.
    lengths: Vec<usize>,
}

impl HsPrefixes {
    pub(super) fn build(catalog: &Catalog) -> HsPrefixes {
        let mut by_prefix: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (i, entry) in catalog.entries.iter().enumerate() {
            for prefix in &entry.hs {
                by_prefix.entry(prefix.clone()).or_default().push(i as u32);
            }
        }
        let mut lengths: Vec<usize> = by_prefix.keys().map(String::len).collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths.dedup();
        HsPrefixes { by_prefix, lengths }
    }

    /// The (prefix, entry) pairs that `digits` starts with, longest prefix first, entries in catalogue order.
    fn matching<'a>(&'a self, digits: &'a str) -> impl Iterator<Item = (&'a str, u32)> + 'a {
        self.lengths
            .iter()
            .filter_map(move |&len| digits.get(..len))
            .filter_map(move |prefix| self.by_prefix.get_key_value(prefix))
            .flat_map(|(prefix, entries)| entries.iter().map(move |&e| (prefix.as_str(), e)))
    }
}

/// Words that may stand before a tariff code in its cell ("HS 9301", "HTS 9301.90.0000", "CN 9301 90 00",
/// "Code SH : 9301", "ex 9301"), lower case.
const CODE_LABELS: &[&str] = &[
    "hs",
    "hts",
    "htsus",
    "cn",
    "nc",
    "sh",
    "sa",
    "kn",
    "taric",
    "ncm",
    "tn",
    "ved",
    "code",
    "codes",
    "tariff",
    "heading",
    "subheading",
    "ex",
    "no",
    "nr",
    "n",
    "nº",
    "n°",
    "zolltarif",
    "zolltarifnummer",
    "warennummer",
    "position",
    "posição",
    "partida",
    "código",
    "codigo",
    "nomenclature",
    "arancel",
    "tarif",
    "hs-code",
    "chapter",
    "ch",
    "chapitre",
    "kapitel",
    "capítulo",
    "capitulo",
];

/// A tariff-code cell as read.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct HsCell {
    /// The codes in it, as digits: `9301.90`, `9301,90`, `'9301`, `HS 9301`, `CN 9301 90 00`, fullwidth digits,
    /// `9403.xx` (its known digits); `;`, `/`, `+`, `, ` or a word between two numbers starts another (`6306 or
    /// 6307`), and so does a number too long to extend the code before it (`847130 930190`).
    pub codes: Vec<String>,
    /// Codes the cell may hold, where a gap between two numbers reads either way: `8471 9306` is one CN code or
    /// two headings, `9301.90.0000` an HTS code or a code and a number. The first reading is in `codes`; these
    /// are the others, whose chapter 93 asks rather than decides.
    pub possible: Vec<String>,
    /// A letter inside a number (`93O1`, `X9301`): the code cannot be read.
    pub unreadable: bool,
    /// Words besides the codes and their labels (`8471.30 - laptops`, `AK-47`, `fusil`), to screen as text.
    pub words: bool,
}

/// The longest code: national tariff codes extend the six HS digits to eight or ten.
const LONGEST_CODE: usize = 10;

/// What stood between two groups of digits of a cell.
#[derive(Debug, Default, Clone, Copy)]
struct Between {
    /// `/`, `+`, `&` or `\`: a list of codes.
    list: bool,
    /// `,` or `-`, which list codes when a space goes with them (`8471.30, 9301.90`) and are a decimal mark or
    /// a joint inside one code without (`9301,90`, `9301-90`).
    comma_or_dash: bool,
    space: bool,
}

impl Between {
    fn add(&mut self, c: char) {
        match c {
            '/' | '+' | '&' | '\\' => self.list = true,
            ',' | '-' => self.comma_or_dash = true,
            c if c.is_whitespace() => self.space = true,
            _ => {}
        }
    }

    fn lists(self) -> bool {
        self.list || (self.comma_or_dash && self.space)
    }

    /// Whether a group of `group` digits after this may continue a code of `so_far` digits: groups of two
    /// (`8471 30 00`), three or four (`9301.90.0000`) continue one, up to ten digits; after a list separator
    /// only a short group does (`9301/90`).
    fn may_continue(self, so_far: usize, group: usize) -> bool {
        let longest_group = if self.lists() { 3 } else { 4 };
        so_far + group <= LONGEST_CODE && group <= longest_group
    }

    /// Whether a group of `group` digits after this may start a code: four digits make a heading, and after a
    /// list separator even a chapter (`8471/93`) may.
    fn may_start(self, group: usize) -> bool {
        group >= 4 || self.lists()
    }
}

/// Reads the digit groups of a cell into codes (see [`HsCell`]): every group either continues the codes being
/// read, starts a new one, or both when either reading may be meant.
#[derive(Debug, Default)]
struct CodeReader {
    /// Codes being read: digits, and whether the code certainly starts where it does.
    open: Vec<(String, bool)>,
    between: Between,
}

impl CodeReader {
    fn separator(&mut self, c: char) {
        if !self.open.is_empty() {
            self.between.add(c);
        }
    }

    fn group(&mut self, digits: &str, cell: &mut HsCell) {
        let between = std::mem::take(&mut self.between);
        let mut continued = false;
        let mut i = 0;
        while i < self.open.len() {
            if between.may_continue(self.open[i].0.len(), digits.len()) {
                self.open[i].0.push_str(digits);
                continued = true;
                i += 1;
            } else {
                let (code, certain) = self.open.remove(i);
                finish(code, certain, cell);
            }
        }
        if !continued || between.may_start(digits.len()) {
            // Certain when no code before it can take the group.
            self.open.push((digits.to_string(), !continued));
        }
    }

    /// A boundary no code crosses: `;`, a bracket, a word, the end of the cell.
    fn close(&mut self, cell: &mut HsCell) {
        for (code, certain) in self.open.drain(..) {
            finish(code, certain, cell);
        }
        self.between = Between::default();
    }
}

fn finish(code: String, certain: bool, cell: &mut HsCell) {
    if code.len() < 2 {
        return;
    }
    if certain {
        cell.codes.push(code);
    } else {
        cell.possible.push(code);
    }
}

/// Reads a tariff-code cell as buyers write it (see [`HsCell`]).
pub(super) fn read_hs(written: &str) -> HsCell {
    let mut cell = HsCell::default();
    let mut reader = CodeReader::default();
    // Most cells are digits and separators only, read without the general walk below.
    let plain = |b: u8| b.is_ascii_digit() || matches!(b, b' ' | b'.' | b',' | b'-' | b'/' | b'\'');
    if written.bytes().all(plain) {
        let mut rest = written;
        while !rest.is_empty() {
            let run = rest.bytes().take_while(u8::is_ascii_digit).count();
            if run == 0 {
                let separators = rest.bytes().take_while(|b| !b.is_ascii_digit()).count();
                rest[..separators].chars().for_each(|c| reader.separator(c));
                rest = &rest[separators..];
            } else {
                reader.group(&rest[..run], &mut cell);
                rest = &rest[run..];
            }
        }
        reader.close(&mut cell);
        return cell;
    }
    let text: std::borrow::Cow<str> = if written.is_ascii() {
        written.into()
    } else {
        written
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                _ => c,
            })
            .collect::<String>()
            .into()
    };
    let is_label = |w: &str| {
        if w.is_ascii() {
            CODE_LABELS.iter().any(|label| label.eq_ignore_ascii_case(w))
        } else {
            CODE_LABELS.contains(&w.to_lowercase().as_str())
        }
    };
    // After a remark's first word or a bracket, a word with digits is part of the remark ("(paper A4)").
    let mut in_remark = false;
    let mut rest: &str = &text;
    while !rest.is_empty() {
        let run = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '°' || c == 'º'))
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at(run);
        if word.is_empty() {
            let Some(separator) = after.chars().next() else { break };
            if matches!(separator, ';' | '|' | '\n' | '(' | ')') {
                reader.close(&mut cell);
                in_remark |= separator == '(';
            } else {
                reader.separator(separator);
            }
            rest = after.get(separator.len_utf8()..).unwrap_or_default();
            continue;
        }
        rest = after;
        let letters_end = word.find(|c: char| c.is_ascii_digit()).unwrap_or(word.len());
        let (letters, digits) = word.split_at(letters_end);
        let trailing_unknown = digits.trim_end_matches(['x', 'X']);
        if letters.is_empty() && trailing_unknown.chars().all(|c| c.is_ascii_digit()) {
            reader.group(trailing_unknown, &mut cell);
        } else if digits.is_empty() {
            reader.close(&mut cell);
            let label = is_label(letters);
            cell.words |= !label;
            in_remark |= !label;
        } else if is_label(letters) && digits.chars().all(|c| c.is_ascii_digit()) {
            reader.close(&mut cell);
            reader.group(digits, &mut cell);
        } else if in_remark
            || letters.is_empty()
                && !digits
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .contains(|c: char| c.is_ascii_digit())
        {
            // A number with a unit after it ("6kg", "2L"), or a word of a remark: not a code.
            reader.close(&mut cell);
            cell.words = true;
        } else {
            reader.close(&mut cell);
            cell.unreadable = true;
        }
    }
    reader.close(&mut cell);
    cell
}

/// Evidence from the line's HS code. A cell with a letter inside a number ("93O1") is a finding for review: a
/// code a buyer typed is never passed over in silence. (Words in the cell are screened as text besides; see
/// `Classifier::classify`.)
pub(super) fn collect_hs(
    classifier: &Classifier,
    hs_code: &str,
    collected: &mut Collected,
    findings: &mut Vec<Finding>,
) {
    let trimmed = hs_code.trim();
    let leading = hs_code.chars().take_while(|c| c.is_whitespace()).count();
    let cell = read_hs(trimmed);
    if cell.unreadable {
        findings.push(unreadable_hs(classifier, trimmed, leading));
    }
    let span = [leading, leading + trimmed.chars().count()];
    for digits in &cell.codes {
        hs_evidence(classifier, digits, true, (Field::HsCode, trimmed, span), collected);
    }
    for digits in &cell.possible {
        hs_evidence(classifier, digits, false, (Field::HsCode, trimmed, span), collected);
    }
}

/// An HS code with its label inside a text: `HS 9301`, `HS code: 9306.30`, `HTS 9301.90.0000`, `CN 9301 90 00`,
/// `code SH 9301`, `NC n° 9301`. At least a heading (four digits); the label tells it from a part number.
///
/// Read from the digits back to the label: one pattern over the whole text started a search at every "sh", "nc"
/// or "cn" inside a word, a seventh of classifying a description that holds any four-digit number.
pub(super) struct TextHs {
    /// The label and what may follow it, ending where the digits start.
    label: regex::Regex,
    /// The digits of the code, from where they start.
    digits: regex::Regex,
}

const TEXT_HS_LABEL: &str = r"(?i)\b(?:(?:hs|hts|htsus|cn|nc|sh|taric|ncm)(?:[ -]?code)?|code\s+(?:sh|hs|nc)|(?:zoll)?tarif(?:f|nummer)?(?:\s+(?:code|heading))?|warennummer)\s*(?:n[o°º]\.?\s*)?[:#]?\s*$";
const TEXT_HS_DIGITS: &str = r"^[0-9]{4}(?:[ .]?[0-9]{2}){0,3}\b";

impl TextHs {
    pub(super) fn new() -> Result<TextHs, regex::Error> {
        Ok(TextHs {
            label: regex::Regex::new(TEXT_HS_LABEL)?,
            digits: regex::Regex::new(TEXT_HS_DIGITS)?,
        })
    }

    /// The codes of `text`, left to right, without overlap: (whole match, its digits) as byte ranges, and whether
    /// a label stood before it (else it is an unlabelled chapter 93 code of [`unlabelled_chapter_93`]).
    fn find_all(&self, text: &str) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>, bool)> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        let mut at = 0;
        while let Some(next) = next_digit(bytes, at) {
            at = next;
            let run = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
            // A code starts a run of digits (a digit before it would belong to the same number).
            if run >= 4 && may_end_with_label(&text[..at]) {
                let label = self.label.find(&text[..at]).filter(|label| label.start() >= from);
                if let (Some(label), Some(digits)) = (label, self.digits.find(&text[at..])) {
                    let end = at + digits.end();
                    found.push((label.start()..end, at..end, true));
                    from = end;
                    at = end;
                    continue;
                }
            }
            if run == 4 {
                if let Some(len) = unlabelled_chapter_93(bytes, at) {
                    found.push((at..at + len, at..at + len, false));
                    from = at + len;
                    at += len;
                    continue;
                }
            }
            at += run;
        }
        found
    }
}

/// The length of a chapter 93 code written without a label at `at` in the shape of a full tariff code, a heading
/// and two or three groups of two digits (`9305 10 00`, `9301.90.00.00`): part and order numbers are not grouped
/// so. It only asks (`collect_hs_in_text`): the shape is a strong hint, not a declaration.
fn unlabelled_chapter_93(bytes: &[u8], at: usize) -> Option<usize> {
    let word_char = |b: &u8| b.is_ascii_alphanumeric();
    if !bytes[at..].starts_with(b"93") || at.checked_sub(1).and_then(|i| bytes.get(i)).is_some_and(word_char) {
        return None;
    }
    let mut len = 4;
    let mut groups = 0;
    while groups < 3 {
        match bytes.get(at + len..at + len + 3) {
            Some([b' ' | b'.', d, e]) if d.is_ascii_digit() && e.is_ascii_digit() => {
                len += 3;
                groups += 1;
            }
            _ => break,
        }
    }
    let ends_a_word = !bytes.get(at + len).is_some_and(word_char);
    (groups >= 2 && ends_a_word).then_some(len)
}

/// Whether `before` may end with a code label and what may follow it (`TEXT_HS_LABEL`): a necessary condition,
/// checked before the pattern runs, as most four-digit numbers are part, order or line numbers.
fn may_end_with_label(before: &str) -> bool {
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '#');
    // "n°", "no.", "Nº" between the label and the code.
    let mut chars = trimmed.char_indices().rev();
    let trimmed = match (chars.next(), chars.next(), chars.next()) {
        (Some((_, '.')), Some((_, 'o' | 'O' | '°' | 'º')), Some((n, 'n' | 'N')))
        | (Some((_, 'o' | 'O' | '°' | 'º')), Some((n, 'n' | 'N')), _) => trimmed[..n].trim_end(),
        _ => trimmed,
    };
    // The words `TEXT_HS_LABEL` can end with; the property test holds the two together.
    let end = trimmed.as_bytes();
    [
        "hs", "hts", "htsus", "cn", "nc", "sh", "taric", "ncm", "code", "heading", "tarif", "tariff", "nummer",
    ]
    .iter()
    .any(|label| end.len() >= label.len() && end[end.len() - label.len()..].eq_ignore_ascii_case(label.as_bytes()))
}

/// The first ASCII digit of `bytes` at or after `at`. Eight bytes at a time: most of a description is letters, and
/// this runs on every description.
fn next_digit(bytes: &[u8], mut at: usize) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Per byte, exactly (Bit Twiddling Hacks, "hasbetween"): bit 7 set where the byte is ASCII and 0x2F < b <
        // 0x3A. The seven low bits of each byte cannot carry or borrow into the next byte in these sums.
        let low = x & (ONES * 127);
        let digits = (ONES * (127 + 0x3A)).wrapping_sub(low) & !x & (low + ONES * (127 - 0x2F)) & (ONES * 128);
        if digits != 0 {
            return Some(at + (digits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes.get(at..)?.iter().position(u8::is_ascii_digit).map(|i| at + i)
}

/// HS codes written with their label inside a text ("HS 9301", "HS code: 9306.30", "CN 9301 90 00", "code SH
/// 9301", "Zolltarifnummer 9301 90 00"): screened as the HS cell is, with their place in the text. A bare number is
/// left alone, as a part or order number looks the same, except a chapter 93 code grouped as tariff codes are
/// (`9305 10 00`), which goes to a reviewer.
pub(super) fn collect_hs_in_text(classifier: &Classifier, text: &str, collected: &mut Collected) {
    for (whole, code, labelled) in classifier.text_hs.find_all(text) {
        let (Some(written), Some(label), Some(code)) = (
            text.get(whole.clone()),
            text.get(whole.start..code.start),
            text.get(code),
        ) else {
            continue;
        };
        let certain = labelled && !only_a_price_word(label);
        let digits: String = code.chars().filter(char::is_ascii_digit).collect();
        let start = text.get(..whole.start).map_or(0, |before| before.chars().count());
        let span = [start, start + written.chars().count()];
        hs_evidence(
            classifier,
            &digits,
            certain,
            (Field::Description, written, span),
            collected,
        );
    }
}

/// Whether a code's label is "Tarif" alone: French for a price and German for a pay scale as well as the tariff
/// (`Tarif 9350,00 EUR`), so a chapter 93 number after it asks rather than decides. "Zolltarif", "tariff",
/// "Tarif code" name the customs tariff.
fn only_a_price_word(label: &str) -> bool {
    let mut words = label.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("tarif")) && words.next().is_none()
}

/// The evidence of one code's digits: the catalogue entries its prefixes point to. Chapter 93 decides when the
/// code is `certain`; a reading the cell only may mean (see [`HsCell::possible`]) asks.
fn hs_evidence(
    classifier: &Classifier,
    digits: &str,
    certain: bool,
    (field, written, span): (Field, &str, [usize; 2]),
    collected: &mut Collected,
) {
    let entries = &classifier.catalog.entries;
    let mut heading_taken = false;
    for (prefix, entry) in classifier.hs_prefixes.matching(digits) {
        // Among the HS list's own headings only the most specific one counts (9301 rather than 93).
        let is_heading = entries[entry as usize].list == "HS";
        if is_heading && heading_taken {
            continue;
        }
        heading_taken |= is_heading;
        let strong = certain && prefix.starts_with(WEAPONS_CHAPTER);
        let evidence = Evidence {
            field,
            column: None,
            kind: EvidenceKind::HsCode,
            text: written.to_string(),
            span,
            matched: prefix.to_string(),
            strength: Some(if strong {
                crate::catalog::Strength::Strong
            } else {
                crate::catalog::Strength::Weak
            }),
            fuzzy: false,
        };
        collected.add_hs(entry, strong, evidence);
    }
}

fn unreadable_hs(classifier: &Classifier, trimmed: &str, leading: usize) -> Finding {
    Finding {
        entry: "HS-UNREADABLE".to_string(),
        title: "HS code that cannot be read".to_string(),
        list: "HS".to_string(),
        act: super::act_label(&classifier.catalog, "HS"),
        decision: Decision::Review,
        reason: format!("the HS code '{trimmed}' cannot be read as a tariff code: a reviewer must read it"),
        question: Some(format!(
            "The HS code '{trimmed}' cannot be read: which tariff heading is it?"
        )),
        evidence: vec![Evidence {
            field: Field::HsCode,
            column: None,
            kind: EvidenceKind::HsCode,
            text: trimmed.to_string(),
            span: [leading, leading + trimmed.chars().count()],
            matched: String::new(),
            strength: Some(crate::catalog::Strength::Weak),
            fuzzy: false,
        }],
    }
}

pub(super) fn collect_declared(
    classifier: &Classifier,
    field: &str,
    collected: &mut Collected,
    findings: &mut Vec<Finding>,
) {
    let mut offset = 0;
    for piece in field.split([';', ',', '|', '\n']) {
        let piece_start = offset;
        offset += piece.chars().count() + 1;
        let code = piece.trim();
        if code.is_empty() || matches!(code.to_ascii_lowercase().as_str(), "-" | "n/a" | "na" | "none") {
            continue;
        }
        let leading = piece.chars().take_while(|c| c.is_whitespace()).count();
        let start = piece_start + leading;
        declare(classifier, code, Field::ControlCode, start, true, collected, findings);
    }
}

/// Control-list codes written inside a text ("Item 12 (ML1.a)", "per 6A003.b.4"): each one that names a
/// catalogue entry or a declared-code rule counts as declared, with its span in the text as evidence. Codes
/// that match nothing are left alone here (a part number can look like a code); in a control-code column they
/// would go to review.
pub(super) fn collect_in_text(
    classifier: &Classifier,
    text: &str,
    collected: &mut Collected,
    findings: &mut Vec<Finding>,
) {
    if !may_hold_code(text) {
        return;
    }
    for found in classifier.text_codes.find_iter(text) {
        // "17801-0C010" is a part number (Toyota's), not dual-use 0C010: a code is never hyphened onto digits.
        let before = &text.as_bytes()[..found.start()];
        if let [.., digit, b'-'] = before {
            if digit.is_ascii_digit() {
                continue;
            }
        }
        if !plausible_in_text(classifier, found.as_str(), before) {
            continue;
        }
        let start = text.get(..found.start()).map_or(0, |before| before.chars().count());
        if military_as_a_unit_may_be(found.as_str(), before) {
            if let Some((entry, _)) = military_code(found.as_str())
                .as_deref()
                .and_then(|code| classifier.catalog.entry_for_declared(code))
            {
                let end = start + found.as_str().chars().count();
                let evidence = Evidence {
                    field: Field::Description,
                    column: None,
                    kind: EvidenceKind::DeclaredCode,
                    text: found.as_str().to_string(),
                    span: [start, end],
                    matched: classifier.catalog.entries[entry].code.clone(),
                    strength: Some(crate::catalog::Strength::Weak),
                    fuzzy: false,
                };
                collected.add_text(entry as u32, crate::catalog::Strength::Weak, (start, end), evidence);
                continue;
            }
        }
        declare(
            classifier,
            found.as_str(),
            Field::Description,
            start,
            false,
            collected,
            findings,
        );
    }
}

/// Words that, right before a Military List number, say it is one ("Cat. ML 3", "EU ML 1", "rated ML 1 a").
const MILITARY_LABELS: [&[u8]; 14] = [
    b"cat",
    b"cat.",
    b"category",
    b"categorie",
    b"kategorie",
    b"categoria",
    b"rated",
    b"classified",
    b"eu",
    b"cml",
    b"entry",
    b"rubrique",
    b"list",
    b"liste",
];

/// `ML 6`, `ML-8` or `Ml1` without a label before it: in French "ML" is also the linear metre ("Tuyau PVC 110 mm
/// ML 6", "Garde-corps ML 8"), so such a code asks (weak evidence, `review`) rather than decides. `ML6`, `ML1.a`
/// and a labelled `Cat. ML 3` are written as the list writes them and decide.
fn military_as_a_unit_may_be(found: &str, before: &[u8]) -> bool {
    let bytes = found.as_bytes();
    let as_the_list_writes = matches!(bytes, [b'M', b'L', digit, ..] if digit.is_ascii_digit());
    if !bytes.starts_with(b"M") || as_the_list_writes {
        return false;
    }
    let last_word = before
        .trim_ascii_end()
        .rsplit(|b| *b == b' ' || *b == b'(' || *b == b',')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    !MILITARY_LABELS.contains(&last_word.as_slice())
}

/// Whether a code the text pattern found is one in this text: a Military List number is 1 to 22 and, written
/// `ML 2`, `ML-2` or `Ml2`, not a volume after a number (`500 ML 2 pcs`); a dual-use code written with a space
/// (`0A 501`) names a catalogue entry, as `5A 250 V` is an amperage and a voltage.
fn plausible_in_text(classifier: &Classifier, found: &str, before: &[u8]) -> bool {
    let bytes = found.as_bytes();
    match bytes {
        [b'M', second, third, ..] => {
            let as_written_by_the_list = *second == b'L' && third.is_ascii_digit();
            let after_a_number = before.trim_ascii_end().last().is_some_and(u8::is_ascii_digit);
            military_code(found).is_some() && (as_written_by_the_list || !after_a_number)
        }
        [digit, _, b' ', ..] if digit.is_ascii_digit() => classifier.catalog.entry_for_declared(found).is_some(),
        _ => true,
    }
}

/// Cheap pre-check for [`collect_in_text`]: an `ML` or `Ml` followed by a digit, a space or a hyphen, a digit-letter
/// run of a dual-use code followed by a digit or a space and a digit, or `EAR99`.
fn may_hold_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Every shape has a capital followed by a digit (`L1`, `A0`, `R9`), an `M` followed by an `L` or `l`, or a digit
    // followed by a capital A to E (`0A 501`): one pass for that answers no for most texts. Sixteen pairs at a
    // time, with no early exit inside, which the compiler turns into vector code.
    let pairs = bytes.len().saturating_sub(1);
    let (firsts, seconds) = (&bytes[..pairs], bytes.get(1..).unwrap_or_default());
    let a_code_pair = firsts.chunks(16).zip(seconds.chunks(16)).any(|(a, b)| {
        a.iter().zip(b).fold(false, |found, (x, y)| {
            found
                | (x.is_ascii_uppercase() & y.is_ascii_digit())
                | ((*x == b'M') & ((y | 0x20) == b'l'))
                | (x.is_ascii_digit() & (y.wrapping_sub(b'A') < 5))
        })
    });
    if !a_code_pair {
        return false;
    }
    // Keyed on the middle byte, which is a capital A to E or an L in every shape: most bytes fail that one test.
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    (1..bytes.len().saturating_sub(1)).any(|i| match bytes[i] {
        b'L' => bytes[i - 1] == b'M' && matches!(bytes[i + 1], b'0'..=b'9' | b' ' | b'-'),
        b'l' => bytes[i - 1] == b'M' && digit_at(i + 1),
        b'A' if bytes[i - 1] == b'E' && bytes[i + 1] == b'R' => true,
        b'A'..=b'E' => digit_at(i - 1) && (digit_at(i + 1) || bytes[i + 1] == b' ' && digit_at(i + 2)),
        _ => false,
    })
}

/// Words written before a Military List code in a control-code cell (`Cat. ML3`, `EU ML1`, `EU CML 1`), lower
/// case, longest first where one begins another.
const MILITARY_PREFIXES: &[&str] = &[
    "category",
    "categoria",
    "categoría",
    "catégorie",
    "kategorie",
    "cat",
    "kat",
    "eu",
];

/// A Common Military List code as people write it, as the list writes it: `ML-1`, `ML 1`, `ML01`, `Ml1`,
/// `Cat. ML3`, `EU ML1`, `CML1` (Common Military List) give `ML1` and `ML3`, with what follows (`ML 1 a` gives
/// `ML1 a`). `None` for anything else, or a number outside 1 to 22.
fn military_code(written: &str) -> Option<String> {
    let mut rest = written.trim_start();
    while let Some(after) = strip_military_prefix(rest) {
        rest = after;
    }
    let after_ml = military_list_head(rest)?.trim_start_matches([' ', '-']);
    let digits = after_ml.bytes().take_while(u8::is_ascii_digit).count();
    let number: u8 = after_ml.get(..digits).filter(|d| d.len() <= 3)?.parse().ok()?;
    (1..=22)
        .contains(&number)
        .then(|| format!("ML{number}{}", &after_ml[digits..]))
}

/// `text` after one of [`MILITARY_PREFIXES`] and the separators after it; `None` when it does not start with one,
/// or with a word that only begins like one ("Catalogue", "Euro").
fn strip_military_prefix(text: &str) -> Option<&str> {
    let after = MILITARY_PREFIXES.iter().find_map(|prefix| {
        let head = text.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
    })?;
    let separated = after.trim_start_matches([' ', '.', ':', '-']);
    (separated.len() < after.len() || military_list_head(after).is_some()).then_some(separated)
}

/// What follows `ML` (any case) or `CML` at the start of `text`.
fn military_list_head(text: &str) -> Option<&str> {
    let is_ml = |at: usize| text.get(at..at + 2).is_some_and(|head| head.eq_ignore_ascii_case("ml"));
    if is_ml(0) {
        Some(&text[2..])
    } else if text.starts_with(['C', 'c']) && is_ml(1) {
        Some(&text[3..])
    } else {
        None
    }
}

/// One declared code, from the control-code column or from a text; `unknown_to_review`: a code that matches
/// no entry or rule becomes a `review` finding.
fn declare(
    classifier: &Classifier,
    code: &str,
    field: Field,
    start: usize,
    unknown_to_review: bool,
    collected: &mut Collected,
    findings: &mut Vec<Finding>,
) {
    let evidence = Evidence {
        field,
        column: None,
        kind: EvidenceKind::DeclaredCode,
        text: code.to_string(),
        span: [start, start + code.chars().count()],
        matched: code.to_string(),
        strength: Some(crate::catalog::Strength::Strong),
        fuzzy: false,
    };
    // `ML-1`, `ML01`, `Cat. ML3` are looked up as `ML1`, `ML3`; the evidence keeps what was written.
    let canonical = military_code(code);
    let lookup = canonical.as_deref().unwrap_or(code);
    if let Some((entry, exact)) = classifier.catalog.entry_for_declared(lookup) {
        let mut evidence = evidence;
        evidence.matched = classifier.catalog.entries[entry].code.clone();
        collected.add_declared(entry as u32, exact, evidence);
        return;
    }
    let compacted = compact(lookup);
    let rule = classifier
        .catalog
        .code_rules
        .iter()
        .find(|r| r.compiled.as_ref().is_some_and(|re| re.is_match(&compacted)));
    let finding = match rule {
        Some(rule) => {
            let (decision, reason) = if rule.listed {
                (rule.decision, format!("declared control code {code}: {}", rule.title))
            } else {
                (
                    Decision::Clear,
                    format!(
                        "declared as not listed ({code}: {}); this never lowers another finding",
                        rule.title
                    ),
                )
            };
            Finding {
                entry: rule.id.clone(),
                title: rule.title.clone(),
                list: rule.list.clone(),
                act: super::act_label(&classifier.catalog, &rule.list),
                decision,
                reason,
                question: None,
                evidence: vec![Evidence {
                    matched: rule.regex.clone(),
                    ..evidence
                }],
            }
        }
        None if unknown_to_review => Finding {
            entry: code.to_string(),
            title: "Unrecognised declared control code".to_string(),
            list: String::new(),
            act: String::new(),
            decision: Decision::Review,
            reason: format!("the declared control code '{code}' matches no catalogue entry or code rule"),
            question: Some(format!(
                "The declared control code '{code}' is not recognised: which control-list entry applies?"
            )),
            evidence: vec![evidence],
        },
        None => return,
    };
    findings.push(finding);
}

#[cfg(test)]
mod tests {
    use super::may_hold_code;
    use proptest::prelude::*;

    /// The pattern `TextHs` was before it was read from the digits back: one search over the whole text.
    const ONE_PATTERN: &str = r"(?i)\b(?:(?:hs|hts|htsus|cn|nc|sh|taric|ncm)(?:[ -]?code)?|code\s+(?:sh|hs|nc)|(?:zoll)?tarif(?:f|nummer)?(?:\s+(?:code|heading))?|warennummer)\s*(?:n[o°º]\.?\s*)?[:#]?\s*([0-9]{4}(?:[ .]?[0-9]{2}){0,3})\b";

    fn by_one_pattern(text: &str) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
        let Ok(one) = regex::Regex::new(ONE_PATTERN) else {
            return Vec::new();
        };
        one.captures_iter(text)
            .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.range())))
            .collect()
    }

    proptest! {
        #[test]
        fn next_digit_is_the_first_digit(bytes in proptest::collection::vec(any::<u8>(), 0..40), from in 0usize..44) {
            let naive = bytes.get(from..).and_then(|rest| rest.iter().position(u8::is_ascii_digit)).map(|i| from + i);
            prop_assert_eq!(super::next_digit(&bytes, from), naive);
        }

        /// Reading back from the digits finds exactly what one search over the text finds.
        #[test]
        fn text_hs_finds_what_one_pattern_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "HS", "hs", "Hs", "HTS", "htsus", "CN", "nc", "SH", "taric", "NCM", "code", "Code", "tariff", "heading",
                "Tarif", "Zoll", "zolltarifnummer", "Waren", "nummer", "tarifs",
                " ", "  ", "-", ":", "#", "n°", "No.", "nº", ".", ",", "(", ")", "9301", "9306", "93", "30", "00", "12345",
                "6306.22", "9301.90.0000", "9301 90 00", "x", "fish", "cash", "é", "\u{00a0}", "ex", "lot", "0",
            ]), 0..14)
        ) {
            let text: String = parts.concat();
            let Ok(text_hs) = super::TextHs::new() else { return Err(TestCaseError::fail("TextHs compiles")) };
            let labelled: Vec<_> = text_hs.find_all(&text).into_iter().filter(|f| f.2).map(|(w, c, _)| (w, c)).collect();
            prop_assert_eq!(labelled, by_one_pattern(&text), "{:?}", text);
        }
    }

    /// Every three-byte shape the pre-check stands for, as a plain window scan, in a text where a capital letter
    /// comes before a digit (as in every code the pattern finds).
    fn by_windows(text: &str) -> bool {
        let bytes = text.as_bytes();
        let a_code_pair = bytes.windows(2).any(|w| match w {
            [b'M', b'L' | b'l'] => true,
            [x, y] => x.is_ascii_uppercase() && y.is_ascii_digit() || x.is_ascii_digit() && (b'A'..=b'E').contains(y),
            _ => false,
        });
        let three = bytes.windows(3).any(|w| match w {
            [b'M', b'L', d] => d.is_ascii_digit() || matches!(d, b' ' | b'-'),
            [b'M', b'l', d] => d.is_ascii_digit(),
            [b'E', b'A', b'R'] => true,
            [d, b'A'..=b'E', e] => d.is_ascii_digit() && e.is_ascii_digit(),
            _ => false,
        });
        let spaced_dual_use = bytes.windows(4).any(|w| match w {
            [d, b'A'..=b'E', b' ', e] => d.is_ascii_digit() && e.is_ascii_digit(),
            _ => false,
        });
        a_code_pair && (three || spaced_dual_use)
    }

    #[test]
    fn the_pre_check_finds_every_code_shape() {
        for text in [
            "ML1",
            "per 6A003.b",
            "EAR99",
            "xEAR",
            "EAR 9",
            "EAR9",
            "9E9",
            "ML",
            "M L1",
            "6a003",
            "1F1",
            "",
            "ML 3",
            "ML-1",
            "Ml1",
            "ml1",
            "0A 501",
            "0A  501",
            "500 ml",
            "3D printer",
        ] {
            assert_eq!(may_hold_code(text), by_windows(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_pre_check_agrees_with_a_window_scan(text in "[MLlEAR0-9BCDFa -]{0,40}") {
            proptest::prop_assert_eq!(may_hold_code(&text), by_windows(&text));
        }

        /// A code written with a label, separators and quotes reads as its digits; a letter inside its number
        /// makes it unreadable, a word after it is a remark.
        #[test]
        fn a_written_code_reads_as_its_digits(
            first in "[0-9]{1,4}",
            more in proptest::collection::vec("[0-9]{1,2}", 0..4),
            separator in "[ .,'-]",
            label in proptest::sample::select(super::CODE_LABELS),
            letter in "[A-WYZa-wyz]",
        ) {
            let groups: Vec<String> = std::iter::once(first).chain(more).collect();
            let digits: String = groups.concat();
            let written = format!("{} {}", label.to_uppercase(), groups.join(&separator));
            let cell = super::read_hs(&written);
            let want: Vec<String> = if digits.len() >= 2 { vec![digits.clone()] } else { Vec::new() };
            proptest::prop_assert_eq!(&cell.codes, &want);
            proptest::prop_assert!(!cell.unreadable && !cell.words);
            if digits.len() >= 2 {
                let spoilt = format!("{}{letter}{}", &digits[..1], &digits[1..]);
                proptest::prop_assert!(super::read_hs(&spoilt).unreadable, "{}", spoilt);
            }
            let remarked = super::read_hs(&format!("{} - {letter}ifles", groups.join(&separator)));
            proptest::prop_assert_eq!(&remarked.codes, &want);
            proptest::prop_assert!(remarked.words && !remarked.unreadable);
        }

        /// Codes listed in one cell, with a list separator between them, each read as written.
        #[test]
        fn every_code_of_a_list_is_read(
            codes in proptest::collection::vec(
                ("[0-9]{4}", proptest::collection::vec("[0-9]{2}", 0..4), "[ .]"), 2..5),
            between in proptest::sample::select(vec![" / ", "/", ", ", " , ", " + ", "+", "; ", " & ", "\\", " - "]),
        ) {
            let written: Vec<String> =
                codes.iter().map(|(heading, groups, separator)| {
                    std::iter::once(heading.clone()).chain(groups.iter().cloned()).collect::<Vec<_>>().join(separator)
                }).collect();
            let want: Vec<String> = codes.iter().map(|(heading, groups, _)| format!("{heading}{}", groups.concat())).collect();
            let cell = super::read_hs(&written.join(between));
            proptest::prop_assert_eq!(&cell.codes, &want, "{}", written.join(between));
            proptest::prop_assert!(cell.possible.is_empty() && !cell.words && !cell.unreadable);
        }

        /// Numbers too long to continue the code before them are codes of their own (`847130 930190`).
        #[test]
        fn long_numbers_apart_are_codes_apart(codes in proptest::collection::vec("[0-9]{5,10}", 1..4)) {
            let cell = super::read_hs(&codes.join(" "));
            proptest::prop_assert_eq!(&cell.codes, &codes);
            proptest::prop_assert!(cell.possible.is_empty());
        }
    }

    /// Where a gap reads either way, the code before it goes on and the one after it is possible: `8471 9306` is
    /// one eight-digit code or two headings, `9301.90.0000` an HTS code (or a code and a number).
    #[test]
    fn a_gap_that_reads_either_way_is_read_both_ways() {
        let read = |written: &str| {
            let cell = super::read_hs(written);
            (cell.codes, cell.possible)
        };
        let strings = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("8471 30 00", &["84713000"], &[]),
            ("8471 9306", &["84719306"], &["9306"]),
            ("8471-9306", &["84719306"], &["9306"]),
            ("9301.90.0000", &["9301900000"], &["0000"]),
            ("8471.30,9301.90", &["8471309301"], &["930190"]),
            ("847130 930190", &["847130", "930190"], &[]),
            ("8471300000/9301900000", &["8471300000", "9301900000"], &[]),
            ("8471.30 / 9301.90", &["847130", "930190"], &[]),
            ("9301/90", &["930190"], &["90"]),
            ("8471/93", &["847193"], &["93"]),
            ("HS 8471.30 / HS 9301.90 (rifles)", &["847130", "930190"], &[]),
            ("8471.30 + 9301.90", &["847130", "930190"], &[]),
            ("93", &["93"], &[]),
            ("Chapter 93", &["93"], &[]),
            ("Ch. 93", &["93"], &[]),
        ];
        for (written, codes, possible) in cases {
            assert_eq!(read(written), (strings(codes), strings(possible)), "{written}");
        }
    }

    /// `ML-1`, `ML01`, `Cat. ML3`, `EU ML1`, `CML1` are the list's `ML1` and `ML3`; other words and numbers outside
    /// the list's 22 categories are not Military List codes.
    #[test]
    fn military_codes_are_read_as_the_list_writes_them() {
        for (written, want) in [
            ("ML1", Some("ML1")),
            ("ML-1", Some("ML1")),
            ("ML 1", Some("ML1")),
            ("ML01", Some("ML1")),
            ("Ml1", Some("ML1")),
            ("Cat. ML3", Some("ML3")),
            ("Category: ML 3", Some("ML3")),
            ("EU ML1", Some("ML1")),
            ("EU-CML 1", Some("ML1")),
            ("CML1", Some("ML1")),
            ("ML 1 a", Some("ML1 a")),
            ("ML8.a", Some("ML8.a")),
            ("ML22", Some("ML22")),
            ("ML23", None),
            ("ML 350", None),
            ("ML0", None),
            ("ML", None),
            ("Catalogue ML1", None),
            ("Euro", None),
            ("6A003.b.4", None),
            ("EAR99", None),
            ("", None),
        ] {
            assert_eq!(super::military_code(written).as_deref(), want, "{written}");
        }
    }

    /// An unlabelled chapter 93 number counts only grouped as tariff codes are, on word boundaries.
    #[test]
    fn an_unlabelled_chapter_93_code_is_grouped_as_tariff_codes_are() {
        for (text, want) in [
            ("Parts 9305 10 00", Some(10)),
            ("9301.90.00.00 rifle", Some(13)),
            ("Parts 9305 10", None),
            ("Parts 93051000", None),
            ("Part X9305 10 00", None),
            ("Parts 9305 10 00A", None),
            ("Parts 8471 30 00", None),
        ] {
            let at = text.find(|c: char| c.is_ascii_digit()).unwrap_or_default();
            assert_eq!(super::unlabelled_chapter_93(text.as_bytes(), at), want, "{text}");
        }
    }
}
