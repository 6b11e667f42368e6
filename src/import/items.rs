//! Rows after the header become items and problems.

use super::header::{normalize, HeaderMatch};
use super::pipeline::{column_label, learn_convention, num_text, CellValue, RawRow, RowSource, SheetCtx, LOOKAHEAD};
use super::values::{number_to_text, DecimalSep, NumText};
use super::{Field, ImportError, ImportProblem, ImportedItem, ItemFields, Record, SourceRow};

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

/// The cell holds only a totals word ("TOTAL GÉNÉRAL", "Summe:", "Total HT (EUR)").
pub(crate) fn is_totals_text(text: &str) -> bool {
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

fn totals_row(header: &HeaderMatch, row: &RawRow) -> bool {
    let desc = header
        .column_of(Field::Description)
        .map(|c| row.get(c).display())
        .unwrap_or_default();
    if is_totals_text(&desc) {
        return true;
    }
    row.cells
        .iter()
        .find(|c| !c.is_empty())
        .is_some_and(|c| matches!(c, CellValue::Text(s) if is_totals_text(s)))
}

/// Emits the items and problems of the rows after the header.
/// `rows` are the rows already read after the header; `src` gives the rest.
pub(crate) fn run_sheet(
    ctx: &SheetCtx<'_>,
    header: &HeaderMatch,
    mut rows: Vec<RawRow>,
    src: &mut dyn RowSource,
    sink: &mut dyn FnMut(Record),
) -> Result<(), ImportError> {
    while rows.len() < LOOKAHEAD {
        match src.next_row()? {
            Some(r) => rows.push(r),
            None => break,
        }
    }
    let conv = learn_convention(header, &rows);
    let mut pending: Option<RawRow> = None;
    let mut handle = |row: RawRow, sink: &mut dyn FnMut(Record)| {
        if row.is_blank() {
            return;
        }
        if let Some(p) = pending.take() {
            process_row(ctx, header, conv, &p, sink);
        }
        if totals_row(header, &row) {
            let has_qty = header
                .column_of(Field::Quantity)
                .is_some_and(|c| !row.get(c).is_empty());
            if has_qty {
                pending = Some(row);
            }
            return;
        }
        process_row(ctx, header, conv, &row, sink);
    };
    for row in rows {
        handle(row, sink);
    }
    while let Some(row) = src.next_row()? {
        handle(row, sink);
    }
    // A pending totals row that turned out to be the last row is dropped.
    Ok(())
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
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn process_row(ctx: &SheetCtx<'_>, header: &HeaderMatch, conv: DecimalSep, row: &RawRow, sink: &mut dyn FnMut(Record)) {
    let mut problems = Vec::new();
    let r = row.row;
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
        return;
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
                return;
            }
            problems.push(problem(
                ctx,
                r,
                Some(column_label(header, desc_col)),
                None,
                "description is empty; every line needs a description so it can be screened".into(),
            ));
            None
        }
        v => Some(one_line(&v.display())),
    };
    let Some(description) = description else {
        for p in problems {
            sink(p);
        }
        return;
    };
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
                let (value, shown) = match cell {
                    CellValue::Number(v) if v.is_finite() => (Some(*v), number_to_text(*v)),
                    CellValue::Text(s) => {
                        let parsed = num_text(s);
                        if let NumText::Invalid = parsed {
                        } else if *field == Field::UnitPrice {
                            price_currency = parsed.currency().map(str::to_string);
                        }
                        (parsed.resolve(conv), s.clone())
                    }
                    other => (None, other.display()),
                };
                match value {
                    None => problems.push(problem(
                        ctx,
                        r,
                        label(),
                        Some(shown),
                        format!("the {what} is not a number; write a number such as {example}"),
                    )),
                    Some(v) if v < 0.0 && *field == Field::Quantity => problems.push(problem(
                        ctx,
                        r,
                        label(),
                        Some(shown),
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
            Field::HsCode => fields.hs_code = Some(one_line(&cell.display())),
            other => {
                let text = one_line(&cell.display());
                let slot = match other {
                    Field::LineRef => &mut fields.line_ref,
                    Field::Unit => &mut fields.unit,
                    Field::Currency => &mut fields.currency,
                    Field::ControlCode => &mut fields.control_code,
                    Field::Supplier => &mut fields.supplier,
                    Field::Origin => &mut fields.origin,
                    Field::EndUser => &mut fields.end_user,
                    _ => &mut fields.destination,
                };
                *slot = Some(text);
            }
        }
    }
    if fields.currency.is_none() {
        fields.currency = header.currency.clone().or(price_currency);
    }
    sink(Record::Item(ImportedItem {
        source: SourceRow {
            sheet: ctx.sheet.clone(),
            row: r,
        },
        fields,
    }));
    for p in problems {
        sink(p);
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
    }
}
