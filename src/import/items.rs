//! Rows after the header become items and problems.

use super::cell_words::{has_word, is_amount_text, is_plain_unit_or_currency};
use super::columns::{has_letters, reads_as_tariff_code, ColumnPlan};
use super::header::{normalize, HeaderMatch};
use super::pipeline::{column_label, learn_convention, num_text, CellValue, RawRow, RowSource, SheetCtx, LOOKAHEAD};
use super::values::{number_to_text, DecimalSep, NumText};
use super::{ColumnMapping, Field, ImportError, ImportProblem, ImportedItem, ItemFields, Record, SourceRow};
use crate::classify::ExtraText;

const TOTAL_WORDS: &[&str] = &[
    "total",
    "totaux",
    "totales",
    "total general",
    "sous total",
    "subtotal",
    "sub total",
    "grand total",
    "total amount",
    "montant total",
    "total montant",
    "gesamt",
    "gesamtsumme",
    "gesamtbetrag",
    "summe",
    "zwischensumme",
    "endsumme",
    "suma",
    "suma total",
    "importe total",
    "total geral",
    "valor total",
    "total a pagar",
    "totals",
    "sum",
];

const TOTAL_SUFFIXES: &[&str] = &[
    "ht",
    "ttc",
    "net",
    "netto",
    "brutto",
    "eur",
    "usd",
    "chf",
    "xof",
    "gbp",
    "hors taxes",
];

/// First words of the normalised [`TOTAL_WORDS`].
const TOTAL_FIRST_WORDS: &[&str] = &[
    "total",
    "totaux",
    "totales",
    "sous",
    "subtotal",
    "sub",
    "grand",
    "montant",
    "gesamt",
    "gesamtsumme",
    "gesamtbetrag",
    "summe",
    "zwischensumme",
    "endsumme",
    "suma",
    "importe",
    "valor",
    "totals",
    "sum",
];

/// Whether [`normalize`] could turn `text` into a totals text; a cheap,
/// allocation-free pre-check. `false` is certain; `true` means "look closer".
///
/// In `normalize`, ASCII characters other than letters and digits become
/// spaces (leading ones vanish) and ASCII letters and digits are lowercased
/// one for one, so a first word made only of ASCII letters and digits, ended
/// by ASCII punctuation or space or by the end of the text, is the first word
/// of the normalised text. Anything else (a non-ASCII character, which may
/// fold to letters or vanish) is left to the full check.
fn may_be_totals_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len());
    if start >= 200 {
        // `normalize` reads only the first 200 characters: let it decide.
        return true;
    }
    let rest = bytes.get(start..).unwrap_or_default();
    let len = rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    if rest.get(len).is_some_and(|b| !b.is_ascii()) {
        return true;
    }
    let word = rest.get(..len).unwrap_or_default();
    if word.is_empty() {
        // Nothing before the end: the text normalises to "" (or starts with
        // a non-ASCII character, handled above).
        return rest.first().is_some_and(|b| !b.is_ascii());
    }
    if start + len > 200 {
        return true;
    }
    // Every first word starts with one of these letters and has at most 13.
    let first = word.first().map(u8::to_ascii_lowercase);
    if word.len() > 13 || !matches!(first, Some(b't' | b's' | b'g' | b'm' | b'z' | b'e' | b'i' | b'v')) {
        return false;
    }
    TOTAL_FIRST_WORDS
        .iter()
        .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// The cell holds only a totals word ("TOTAL GÉNÉRAL", "Summe:", "Total HT (EUR)").
pub(crate) fn is_totals_text(text: &str) -> bool {
    may_be_totals_text(text) && is_totals_text_full(text)
}

fn is_totals_text_full(text: &str) -> bool {
    let mut norm = normalize(text);
    loop {
        let before = norm.len();
        for suffix in TOTAL_SUFFIXES {
            if let Some(rest) = norm.strip_suffix(suffix) {
                if rest.ends_with(' ') {
                    norm = rest.trim_end().to_string();
                }
            }
        }
        if norm.len() == before {
            break;
        }
    }
    TOTAL_WORDS.contains(&norm.as_str())
}

/// `is_totals_text` of the text the cell shows.
fn shows_totals_text(cell: &CellValue) -> bool {
    match cell {
        CellValue::Empty => false,
        CellValue::Text(s) | CellValue::Date(s) | CellValue::Error(s) => is_totals_text(s),
        // Digits, '-' and '.' only.
        CellValue::Number(_) => false,
        CellValue::Bool(b) => is_totals_text(if *b { "TRUE" } else { "FALSE" }),
    }
}

/// A row that is only a total: a totals word in the description or the first filled cell, and nothing else that
/// names goods, a code or a party. "Total | Pistol Glock 17 | 4" and "3 | Total | 930190" are items.
fn totals_row(header: &HeaderMatch, row: &RawRow) -> bool {
    let desc_totals = header
        .column_of(Field::Description)
        .is_some_and(|c| shows_totals_text(row.get(c)));
    let first_totals = || {
        row.cells
            .iter()
            .find(|c| !c.is_empty())
            .is_some_and(|c| matches!(c, CellValue::Text(s) if is_totals_text(s)))
    };
    (desc_totals || first_totals()) && !names_more_than_a_total(header, row)
}

/// Whether a row with a totals word holds something besides amounts: text other than totals words and amounts
/// anywhere, or anything at all in a code, party or destination column.
fn names_more_than_a_total(header: &HeaderMatch, row: &RawRow) -> bool {
    row.cells.iter().enumerate().any(|(i, cell)| {
        let field = header
            .columns
            .iter()
            .find(|(c, _, _)| *c as usize == i)
            .map(|(_, _, f)| *f);
        let names = matches!(
            field,
            Some(Field::HsCode | Field::ControlCode | Field::Supplier | Field::EndUser | Field::Destination)
        );
        match cell {
            CellValue::Empty => false,
            _ if names => true,
            CellValue::Text(s) => !is_totals_text(s) && !is_amount_text(s),
            CellValue::Number(_) | CellValue::Date(_) | CellValue::Bool(_) | CellValue::Error(_) => false,
        }
    })
}

/// What one sheet gave: its header (with a detected code column added), its columns and how many items.
pub(crate) struct SheetOutcome {
    pub header: HeaderMatch,
    pub columns: Vec<ColumnMapping>,
    pub items: u64,
    /// Rows skipped as totals (1-based), so that the report shows every row not read as an item.
    pub totals_rows: Vec<u32>,
}

/// Emits the items and problems of the rows after the header.
/// `rows` are the rows already read after the header; `src` gives the rest.
pub(crate) fn run_sheet(
    ctx: &SheetCtx<'_>,
    header: &HeaderMatch,
    mut rows: Vec<RawRow>,
    src: &mut dyn RowSource,
    sink: &mut dyn FnMut(Record),
) -> Result<SheetOutcome, ImportError> {
    while rows.len() < LOOKAHEAD {
        match src.next_row()? {
            Some(r) => rows.push(r),
            None => break,
        }
    }
    let mut header = header.clone();
    let mut plan = ColumnPlan::new(&mut header, &rows);
    let header = header;
    let conv = learn_convention(&header, &rows);
    let mut items = 0u64;
    let mut totals_rows = Vec::new();
    // A totals row with a quantity waits here: it is an item unless it is the last row.
    let mut pending = RawRow::default();
    let mut has_pending = false;
    // Swaps its row into `pending` when that row must wait.
    let mut handle = |row: &mut RawRow, sink: &mut dyn FnMut(Record)| {
        if row.is_blank() {
            return;
        }
        if has_pending {
            has_pending = false;
            items += u64::from(process_row(ctx, &header, &mut plan, conv, &pending, sink));
        }
        if totals_row(&header, row) {
            let has_qty = header
                .column_of(Field::Quantity)
                .is_some_and(|c| !row.get(c).is_empty());
            if has_qty {
                std::mem::swap(&mut pending, row);
                has_pending = true;
            } else {
                totals_rows.push(row.row);
            }
            return;
        }
        items += u64::from(process_row(ctx, &header, &mut plan, conv, row, sink));
    };
    let mut row = RawRow::default();
    for mut looked_ahead in rows {
        handle(&mut looked_ahead, sink);
    }
    // From here on one row buffer (and `pending`) is refilled for every row.
    while src.next_row_into(&mut row)? {
        handle(&mut row, sink);
    }
    // A pending totals row that turned out to be the last row is no item.
    if has_pending {
        totals_rows.push(pending.row);
    }
    Ok(SheetOutcome {
        header,
        columns: plan.into_layout(),
        items,
        totals_rows,
    })
}

fn problem(ctx: &SheetCtx<'_>, row: u32, column: Option<String>, value: Option<String>, message: String) -> Record {
    Record::Problem(ImportProblem {
        sheet: ctx.sheet.clone(),
        row,
        column,
        value: value.map(|v| v.chars().take(200).collect()),
        message,
    })
}

/// Whitespace (line breaks included) collapsed to single spaces.
fn one_line(s: &str) -> String {
    if !needs_collapse(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `one_line` changes `s`: leading or trailing whitespace, a run of
/// spaces, or whitespace other than a plain space (`char::is_whitespace`).
fn needs_collapse(s: &str) -> bool {
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if first == b' ' || last == b' ' {
        return true;
    }
    // Branch-free scans first: most texts have no control character, no
    // possible non-ASCII whitespace and no double space.
    let suspect = bytes.iter().fold(false, |acc, &b| {
        acc | (b < 0x20) | (b == 0xC2) | (0xE1..=0xE3).contains(&b)
    });
    let double_space = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |acc, (&a, &b)| acc | ((a == b' ') & (b == b' ')));
    if !suspect && !double_space {
        return false;
    }
    let mut after_space = true;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' => {
                if after_space {
                    return true;
                }
                after_space = true;
            }
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return true,
            // Lead bytes of the non-ASCII whitespace characters (U+0085,
            // U+00A0, U+1680, U+2000 to U+205F, U+3000).
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                if s.get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_whitespace)
                {
                    return true;
                }
                after_space = false;
            }
            _ => after_space = false,
        }
    }
    after_space && !bytes.is_empty()
}

/// `one_line` of the text the cell shows.
fn one_line_cell(cell: &CellValue) -> String {
    match cell {
        CellValue::Text(s) | CellValue::Date(s) | CellValue::Error(s) => one_line(s),
        // Number and boolean texts never hold whitespace.
        other => other.display(),
    }
}

/// Emits the row's item (answers `true`) or its problems.
fn process_row(
    ctx: &SheetCtx<'_>,
    header: &HeaderMatch,
    plan: &mut ColumnPlan,
    conv: DecimalSep,
    row: &RawRow,
    sink: &mut dyn FnMut(Record),
) -> bool {
    let mut problems = Vec::new();
    let r = row.row;
    for col in &row.swallowed {
        problems.push(problem(
            ctx,
            r,
            Some(column_label(header, *col)),
            None,
            "the cell's quoted text runs over several lines that read as rows of the file: a closing quote is \
             probably missing, so those rows were read into this cell (their words were screened as text, but \
             not their quantities or codes); close the quote or double the quote inside the text (\"\")"
                .into(),
        ));
    }
    for (col, len) in &row.truncated {
        problems.push(problem(
            ctx,
            r,
            Some(column_label(header, *col)),
            None,
            format!(
                "the cell has {len} characters, more than the limit of {}; it was cut; shorten the text",
                ctx.limits.max_cell_chars
            ),
        ));
    }
    let Some(desc_col) = header.column_of(Field::Description) else {
        return false;
    };
    let description = match row.get(desc_col) {
        CellValue::Error(e) => {
            problems.push(problem(
                ctx,
                r,
                Some(column_label(header, desc_col)),
                Some(e.clone()),
                format!("the description cell shows the error {e}; fix the formula or type the description so the line can be screened"),
            ));
            None
        }
        v if v.is_empty() => {
            // Pre-numbered template lines (only the line number filled) are not data.
            let line_col = header.column_of(Field::LineRef);
            let only_line_ref = row
                .cells
                .iter()
                .enumerate()
                .all(|(i, c)| c.is_empty() || Some(i as u32) == line_col);
            if only_line_ref && row.truncated.is_empty() {
                return false;
            }
            // What the line says elsewhere, so the person fixing it sees what was not screened.
            let elsewhere: Vec<String> = row
                .cells
                .iter()
                .enumerate()
                .filter(|(i, c)| !c.is_empty() && Some(*i as u32) != line_col)
                .map(|(_, c)| one_line_cell(c))
                .collect();
            problems.push(problem(
                ctx,
                r,
                Some(column_label(header, desc_col)),
                Some(elsewhere.join(" | ")).filter(|v| !v.is_empty()),
                "description is empty, so the line was not screened; every line needs a description (the value \
                 shows the line's other cells)"
                    .into(),
            ));
            None
        }
        v => Some(one_line_cell(v)),
    };
    let Some(description) = description else {
        for p in problems {
            sink(p);
        }
        return false;
    };
    let mut extra: Vec<ExtraText> = Vec::new();
    let mut fields = ItemFields {
        description,
        ..ItemFields::default()
    };
    let mut price_currency = None;
    for (col, _, field) in &header.columns {
        let cell = row.get(*col);
        if cell.is_empty() {
            continue;
        }
        let label = || Some(column_label(header, *col));
        if let CellValue::Error(e) = cell {
            if *field != Field::Description {
                problems.push(problem(
                    ctx,
                    r,
                    label(),
                    Some(e.clone()),
                    format!("the cell shows the error {e}; fix the formula or type the value"),
                ));
            }
            continue;
        }
        match field {
            Field::Description => {}
            Field::Quantity | Field::UnitPrice => {
                let example = if *field == Field::Quantity { "12" } else { "1 250,50" };
                let what = if *field == Field::Quantity {
                    "quantity"
                } else {
                    "unit price"
                };
                let value = match cell {
                    CellValue::Number(v) if v.is_finite() => Some(*v),
                    CellValue::Text(s) => {
                        let parsed = num_text(s);
                        if let NumText::Invalid = parsed {
                        } else if *field == Field::UnitPrice {
                            price_currency = parsed.currency().map(str::to_string);
                        }
                        parsed.resolve(conv)
                    }
                    _ => None,
                };
                // The value as written, for a problem.
                let shown = || match cell {
                    CellValue::Number(v) if v.is_finite() => number_to_text(*v),
                    other => other.display(),
                };
                match value {
                    None => {
                        let text = shown();
                        let screened = has_letters(&text);
                        problems.push(problem(
                            ctx,
                            r,
                            label(),
                            Some(text.clone()),
                            format!(
                                "the {what} is not a number{}; write a number such as {example}",
                                if screened { " (its text was screened)" } else { "" }
                            ),
                        ));
                        if screened {
                            let column = plan.column(*col);
                            column.screened += 1;
                            extra.push(ExtraText {
                                column: column.label.clone(),
                                text: one_line(&text),
                            });
                        }
                    }
                    Some(v) if v < 0.0 && *field == Field::Quantity => problems.push(problem(
                        ctx,
                        r,
                        label(),
                        Some(shown()),
                        "the quantity is negative; write the number of units ordered, such as 12".into(),
                    )),
                    Some(v) => {
                        if *field == Field::Quantity {
                            fields.quantity = Some(v);
                        } else {
                            fields.unit_price = Some(v);
                        }
                    }
                }
            }
            Field::HsCode => fields.hs_code = Some(one_line_cell(cell)),
            other => {
                let text = one_line_cell(cell);
                // A model name in the line-number column ("HK416", "AK47") and goods written as a unit,
                // currency or origin ("box of 9mm rounds") are screened as text too.
                let screen = match other {
                    Field::LineRef => has_letters(&text),
                    Field::Unit | Field::Currency => has_word(&text) && !is_plain_unit_or_currency(&text),
                    Field::Origin => has_word(&text),
                    _ => false,
                };
                if screen {
                    let column = plan.column(*col);
                    column.screened += 1;
                    extra.push(ExtraText {
                        column: column.label.clone(),
                        text: text.clone(),
                    });
                }
                *text_slot(&mut fields, *other) = Some(text);
            }
        }
    }
    if fields.currency.is_none() {
        fields.currency = header.currency.clone().or(price_currency);
    }
    // Every other cell: counted for the layout; text in a column that is not a field is screened, and so is a
    // number there that reads as a tariff code (screened with the HS code).
    let mut tariff_codes: Vec<String> = Vec::new();
    for (i, cell) in row.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let column = plan.column(i as u32);
        column.cells += 1;
        if !column.is_extra() {
            continue;
        }
        let text = match cell {
            CellValue::Text(s) if has_letters(s) => one_line(s),
            CellValue::Text(s) if reads_as_tariff_code(s, column.tariff_header) => {
                column.tariff_cells += 1;
                column.screened += 1;
                tariff_codes.push(s.trim().to_string());
                continue;
            }
            // A number cell is a tariff code only under a tariff header: elsewhere it is an amount or a count.
            CellValue::Number(v) if v.is_finite() && v.fract() == 0.0 && column.tariff_header => {
                let digits = number_to_text(*v);
                if reads_as_tariff_code(&digits, true) {
                    column.tariff_cells += 1;
                    column.screened += 1;
                    tariff_codes.push(digits);
                }
                continue;
            }
            _ => continue,
        };
        column.screened += 1;
        if let Some(field) = column.second_of {
            let slot = text_slot(&mut fields, field);
            *slot = Some(match slot.take() {
                Some(first) => format!("{first}; {text}"),
                None => text.clone(),
            });
        }
        if column.role == super::ColumnRole::NoHeader {
            let beyond = plan.last_header.is_none_or(|last| i as u32 > last);
            let column = plan.column(i as u32);
            problems.push(problem(
                ctx,
                r,
                Some(column.label.clone()),
                Some(text.clone()),
                format!(
                    "a value {} has no column header; it was screened as text, but give the column a header so \
                     it is read as what it is",
                    if beyond {
                        "beyond the last header column"
                    } else {
                        "under an empty header cell"
                    }
                ),
            ));
        }
        let column = plan.column(i as u32);
        extra.push(ExtraText {
            column: column.label.clone(),
            text,
        });
    }
    if !tariff_codes.is_empty() {
        let mut codes = fields.hs_code.take().into_iter().collect::<Vec<_>>();
        codes.append(&mut tariff_codes);
        fields.hs_code = Some(codes.join("; "));
    }
    sink(Record::Item(ImportedItem {
        source: SourceRow {
            sheet: ctx.sheet.clone(),
            row: r,
        },
        fields,
        extra,
    }));
    for p in problems {
        sink(p);
    }
    true
}

/// The item's text field that a column of `field` fills (the description, quantity, price and HS code are read
/// on their own).
fn text_slot(fields: &mut ItemFields, field: Field) -> &mut Option<String> {
    match field {
        Field::LineRef => &mut fields.line_ref,
        Field::Unit => &mut fields.unit,
        Field::Currency => &mut fields.currency,
        Field::ControlCode => &mut fields.control_code,
        Field::Supplier => &mut fields.supplier,
        Field::Origin => &mut fields.origin,
        Field::EndUser => &mut fields.end_user,
        _ => &mut fields.destination,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_words() {
        assert!(is_totals_text("TOTAL GÉNÉRAL"));
        assert!(is_totals_text("Total:"));
        assert!(is_totals_text("Sous-total"));
        assert!(is_totals_text("Gesamtsumme"));
        assert!(is_totals_text("Total HT (EUR)"));
        assert!(!is_totals_text("Total station (surveying instrument)"));
        assert!(!is_totals_text("Totalisator"));
        assert!(is_totals_text("  ...Total...  "));
        assert!(is_totals_text("ÉNDSUMME"));
        assert!(is_totals_text("Totalº"));
        assert!(is_totals_text("SUMME netto EUR"));
        assert!(!is_totals_text("Summer tent"));
        assert!(!is_totals_text("12"));
    }

    #[test]
    fn pre_check_agrees_with_the_full_check() {
        let long = format!("{}total", "-".repeat(198));
        let longer = format!("{}total", "-".repeat(200));
        for text in [
            "",
            "   ",
            "Total",
            "TOTAL GÉNÉRAL",
            "Sous-total",
            "Écran",
            "º total",
            "İmporte total",
            "Ｔotal",
            "total\u{a0}ht",
            "Gesamt ß",
            "Sum of parts",
            "sub total",
            "Grand total USD",
            long.as_str(),
            longer.as_str(),
        ] {
            assert_eq!(is_totals_text(text), is_totals_text_full(text), "{text:?}");
        }
    }

    #[test]
    fn one_line_collapses_only_whitespace() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\r\nb",
            "a\u{a0}b",
            "a\u{2003}b",
            "Mörser 81 mm",
            "a\u{85}b",
            "a\u{3000}b",
            "a\u{1}b",
            "é è",
            "\u{2009}",
        ] {
            assert_eq!(
                one_line(text),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn pre_check_never_misses_a_totals_text(
            text in "[ .:(\\-ºÉéİ]{0,3}(total|Total|TOTAL|sous|Sub|grand|SUMME|summe|gesamt|suma|importe|valor|sum|Summer|x)[ .:ºé]{0,2}(total|ht|EUR|general|général|a pagar|netto|x)?[ ):]{0,2}"
        ) {
            proptest::prop_assert_eq!(is_totals_text(&text), is_totals_text_full(&text));
        }

        #[test]
        fn pre_check_agrees_on_any_text(text in "\\PC{0,24}") {
            proptest::prop_assert_eq!(is_totals_text(&text), is_totals_text_full(&text));
        }

        #[test]
        fn one_line_as_split_and_join(text in "[a é\t\r\n\u{a0}\u{2003}\u{85}\u{1}]{0,16}") {
            proptest::prop_assert_eq!(one_line(&text), text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}
