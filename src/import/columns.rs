//! Every column of a sheet accounted for: mapped to a field, screened as extra text, or reported as not
//! screened with the reason. The plan is made from the header and the look-ahead rows, then counts every cell.

use super::header::HeaderMatch;
use super::pipeline::{CellValue, RawRow};
use super::{column_letter, ColumnAction, ColumnMapping, ColumnRole, Field};

/// Share of a column's look-ahead values that must look like control-list codes for the column to be taken
/// as the declared control code.
const CODE_SHARE: f64 = 0.8;

/// One column as planned, with its counts.
#[derive(Debug, Clone)]
pub(crate) struct PlanColumn {
    pub col: u32,
    pub header: String,
    /// "D (Remarks)", or "F" without a header: how evidence and problems name the column.
    pub label: String,
    pub role: ColumnRole,
    pub field: Option<Field>,
    pub cells: u64,
    pub screened: u64,
    /// The header names a tariff code in words the header matcher does not map ("NC8", "HTSUS", "Nomenclature",
    /// "Klassifizierung"): its numbers are read as tariff codes.
    pub tariff_header: bool,
    /// Cells without letters read as tariff codes.
    pub tariff_cells: u64,
    /// A second column of a party or destination field ("Manufacturer" beside "Supplier", "Final destination"
    /// beside "Destination"): its cells are screened as that field too, beside the mapped column's.
    pub second_of: Option<Field>,
}

/// The columns of one sheet.
#[derive(Debug, Clone)]
pub(crate) struct ColumnPlan {
    /// Indexed by column, from A to the last column seen so far.
    columns: Vec<Option<PlanColumn>>,
    /// The last column with a header text.
    pub last_header: Option<u32>,
}

impl ColumnPlan {
    /// Plans the columns of `header` (a column of code-like values without a recognised header becomes the
    /// control-code column when there is none) and of the look-ahead `rows`.
    pub(crate) fn new(header: &mut HeaderMatch, rows: &[RawRow]) -> ColumnPlan {
        let last_header = header.cells.iter().map(|(c, _)| *c).max();
        let widest = rows.iter().map(|r| r.cells.len() as u32).max().unwrap_or(0);
        let width = widest.max(last_header.map_or(0, |c| c + 1));
        let mut plan = ColumnPlan {
            columns: vec![None; width as usize],
            last_header,
        };
        let has_code_column = header.column_of(Field::ControlCode).is_some();
        for col in 0..width {
            let text = header
                .cells
                .iter()
                .find(|(c, _)| *c == col)
                .map(|(_, t)| t.trim().to_string())
                .unwrap_or_default();
            let mapped = header.columns.iter().find(|(c, _, _)| *c == col).map(|(_, _, f)| *f);
            let (role, field) = match mapped {
                Some(field) => (ColumnRole::Field, Some(field)),
                None if !has_code_column && codes_column(rows, col) => {
                    header.columns.push((col, text.clone(), Field::ControlCode));
                    header.columns.sort_by_key(|(c, _, _)| *c);
                    (ColumnRole::DetectedControlCode, Some(Field::ControlCode))
                }
                None if text.is_empty() => (ColumnRole::NoHeader, None),
                None => (ColumnRole::Other, None),
            };
            let has_data = rows.iter().any(|r| !r.get(col).is_empty());
            if role == ColumnRole::NoHeader && !has_data {
                continue;
            }
            let second_of = (role == ColumnRole::Other)
                .then(|| second_party_or_destination(header, &text))
                .flatten();
            if let Some(slot) = plan.columns.get_mut(col as usize) {
                let mut column = PlanColumn::new(col, text, role, field);
                column.second_of = second_of;
                *slot = Some(column);
            }
        }
        plan
    }

    /// The column `col`, planned on first sight when it lies beyond the planned ones.
    pub(crate) fn column(&mut self, col: u32) -> &mut PlanColumn {
        let idx = col as usize;
        if self.columns.len() <= idx {
            self.columns.resize(idx + 1, None);
        }
        let slot = &mut self.columns[idx];
        slot.get_or_insert_with(|| PlanColumn::new(col, String::new(), ColumnRole::NoHeader, None))
    }

    /// The layout of every column seen, left to right.
    pub(crate) fn into_layout(self) -> Vec<ColumnMapping> {
        self.columns
            .into_iter()
            .flatten()
            .map(PlanColumn::into_mapping)
            .collect()
    }
}

impl PlanColumn {
    fn new(col: u32, header: String, role: ColumnRole, field: Option<Field>) -> PlanColumn {
        let tariff_header = names_tariff_code(&header);
        let letter = column_letter(col);
        let label = if header.is_empty() {
            letter
        } else {
            format!("{letter} ({header})")
        };
        PlanColumn {
            col,
            header,
            label,
            role,
            field,
            cells: 0,
            screened: 0,
            tariff_header,
            tariff_cells: 0,
            second_of: None,
        }
    }

    /// Whether its cells are screened as extra text.
    pub(crate) fn is_extra(&self) -> bool {
        self.field.is_none()
    }

    fn into_mapping(self) -> ColumnMapping {
        let (action, note) = describe(&self);
        ColumnMapping {
            column: column_letter(self.col),
            header: self.header,
            role: self.role,
            field: self.field,
            action,
            cells: self.cells,
            screened_cells: self.screened,
            note,
        }
    }
}

fn describe(c: &PlanColumn) -> (ColumnAction, String) {
    use ColumnAction::*;
    let text_in_numbers = |what: &str| {
        if c.screened > 0 {
            format!(
                "read as the {what}; {} cell(s) held text instead: reported as problems and screened as text",
                c.screened
            )
        } else {
            format!("read as the {what}")
        }
    };
    match (c.role, c.field) {
        (ColumnRole::DetectedControlCode, _) => (
            ScreenedCode,
            "no recognised header, but its values look like control-list codes (ML1.a, 6A003.b.4, EAR99): taken \
             as the declared control code"
                .into(),
        ),
        (_, Some(Field::Description)) => (ScreenedText, "the item's description: screened as text".into()),
        (_, Some(Field::HsCode)) => (ScreenedCode, "HS code: screened as a code (chapter 93 is weapons)".into()),
        (_, Some(Field::ControlCode)) => (ScreenedCode, "declared control code: screened as a code".into()),
        (_, Some(Field::Supplier)) => (
            ScreenedSupplier,
            "supplier or manufacturer: compared with the known arms makers".into(),
        ),
        (_, Some(Field::Quantity)) => (Read, text_in_numbers("quantity")),
        (_, Some(Field::UnitPrice)) => (Read, text_in_numbers("unit price")),
        (_, Some(Field::LineRef)) => (
            Read,
            if c.screened > 0 {
                format!("line reference; {} cell(s) holding words were screened as text", c.screened)
            } else {
                "line reference".into()
            },
        ),
        (_, Some(field @ (Field::Unit | Field::Currency | Field::Origin))) if c.screened > 0 => (
            Read,
            format!(
                "{}; {} cell(s) holding words were screened as text",
                match field {
                    Field::Unit => "unit of measure",
                    Field::Currency => "currency",
                    _ => "origin",
                },
                c.screened
            ),
        ),
        (_, Some(Field::Unit)) => (Read, "unit of measure: no cell held a word to screen".into()),
        (_, Some(Field::Currency)) => (Read, "currency: no cell held a word to screen".into()),
        (_, Some(field @ (Field::Origin | Field::EndUser | Field::Destination))) => (
            Read,
            format!(
                "{}: a country or party, kept with the item for the destination and party checks; not screened as goods",
                match field {
                    Field::Origin => "origin",
                    Field::EndUser => "end user",
                    _ => "destination",
                }
            ),
        ),
        (_, None) if c.tariff_cells > 0 => (
            ScreenedCode,
            format!(
                "header not a field: {} cell(s) read as tariff codes{}",
                c.tariff_cells,
                if c.screened > c.tariff_cells {
                    format!(", {} cell(s) screened as text", c.screened - c.tariff_cells)
                } else {
                    String::new()
                }
            ),
        ),
        (role, None) => {
            let unnamed = role == ColumnRole::NoHeader;
            if c.screened > 0 {
                let values = c.cells - c.screened;
                let numbers = if values > 0 {
                    format!(" ({values} cell(s) without letters had nothing to screen)")
                } else {
                    String::new()
                };
                if unnamed {
                    (
                        ScreenedText,
                        format!(
                            "no header: {} cell(s) screened as text and reported as row problems{numbers}; give the \
                             column a header",
                            c.screened
                        ),
                    )
                } else if let Some(field) = c.second_of {
                    (
                        ScreenedText,
                        format!(
                            "a second {} column: {} cell(s) screened as text and as the {}{numbers}",
                            field_words(field),
                            c.screened,
                            field_words(field)
                        ),
                    )
                } else {
                    (
                        ScreenedText,
                        format!("header not a field: {} cell(s) screened as text{numbers}", c.screened),
                    )
                }
            } else if c.cells > 0 {
                (
                    NotScreened,
                    format!("holds only numbers or dates ({} cell(s)): no words to screen", c.cells),
                )
            } else {
                (NotScreened, "empty in every row: nothing to screen".into())
            }
        }
    }
}

/// Whether the look-ahead values of `col` look like control-list codes: at least one, and [`CODE_SHARE`] of
/// them ("-", "n/a" and the like are not counted).
fn codes_column(rows: &[RawRow], col: u32) -> bool {
    let (mut codes, mut others) = (0u32, 0u32);
    for row in rows {
        let text = match row.get(col) {
            CellValue::Text(s) => s.trim(),
            CellValue::Empty => continue,
            _ => {
                others += 1;
                continue;
            }
        };
        if text.is_empty() || matches!(text.to_ascii_lowercase().as_str(), "-" | "n/a" | "na" | "none" | "/") {
            continue;
        }
        if looks_like_control_codes(text) {
            codes += 1;
        } else {
            others += 1;
        }
    }
    codes > 0 && f64::from(codes) >= CODE_SHARE * f64::from(codes + others)
}

/// One or more control-list codes separated by `;`, `,`, `/` or spaces: EU Military List (`ML1.a`), dual-use
/// and US ECCN shapes (`6A003.b.4`, `0A501`), `EAR99`.
pub(crate) fn looks_like_control_codes(text: &str) -> bool {
    let mut any = false;
    for piece in text.split([';', ',', '/', '|', ' ']).filter(|p| !p.is_empty()) {
        if !looks_like_control_code(piece) {
            return false;
        }
        any = true;
    }
    any
}

fn looks_like_control_code(piece: &str) -> bool {
    let upper = piece.trim_end_matches('.').to_ascii_uppercase();
    let bytes = upper.as_bytes();
    if upper == "EAR99" {
        return true;
    }
    let head = if let Some(rest) = upper.strip_prefix("ML") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            return false;
        }
        2 + digits
    } else if bytes.len() >= 5
        && bytes[0].is_ascii_digit()
        && (b'A'..=b'E').contains(&bytes[1])
        && bytes[2..5].iter().all(u8::is_ascii_digit)
    {
        5
    } else {
        return false;
    };
    let rest = &bytes[head..];
    // Sub-items: ".a", ".b.4", "a1" ... letters, digits and dots only, and not a longer number.
    !rest.first().is_some_and(u8::is_ascii_digit) && rest.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'.')
}

fn field_words(field: Field) -> &'static str {
    match field {
        Field::Supplier => "supplier",
        Field::EndUser => "end user",
        _ => "destination",
    }
}

/// The party or destination field an unmapped header names when another column already holds that field.
fn second_party_or_destination(header: &HeaderMatch, text: &str) -> Option<Field> {
    let (candidates, _) = super::header::candidates(&super::header::normalize(text));
    candidates
        .iter()
        .map(|c| c.field)
        .find(|f| matches!(f, Field::Supplier | Field::EndUser | Field::Destination) && header.column_of(*f).is_some())
}

/// Header words that name a tariff code without being mapped to the HS column ("NC8", "HTSUS", "H.S. heading",
/// "Nomenclature", "Klassifizierung"). Words that also name prices or values ("Tarif" is a price in French
/// and German, "Customs value", "Zollwert") are not among them, and a header that names a value never counts.
fn names_tariff_code(header: &str) -> bool {
    let lower = header.to_lowercase();
    const VALUE_WORDS: [&str; 12] = [
        "value", "valeur", "wert", "valor", "price", "prix", "preis", "precio", "amount", "montant", "betrag", "cost",
    ];
    if VALUE_WORDS.iter().any(|w| lower.contains(w)) {
        return false;
    }
    const PARTS: [&str; 2] = ["nomenclat", "klassifiz"];
    const WORDS: [&str; 11] = [
        "hs", "sh", "nc", "nc8", "hts", "htsus", "cn", "cn8", "ncm", "taric", "tariff",
    ];
    PARTS.iter().any(|p| lower.contains(p))
        || lower
            .replace('.', "")
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| WORDS.contains(&w))
}

/// Whether a cell without letters in a column that is not a field reads as a tariff code. Under a header that
/// names a tariff code: the digits of a heading or subheading (4 to 10, with dots, spaces or hyphens between
/// groups). Under any other header only a chapter 93 (arms and ammunition) subheading written the way tariff codes
/// are and amounts, phone and part numbers are not: `9301.90`, `9301.90.00`, `9301.90.0000` as text.
pub(crate) fn reads_as_tariff_code(text: &str, tariff_header: bool) -> bool {
    let text = text.trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ' ' | '-')) {
        return false;
    }
    if tariff_header {
        let digits = text.chars().filter(char::is_ascii_digit).count();
        return (4..=10).contains(&digits) && text.starts_with(|c: char| c.is_ascii_digit());
    }
    let mut groups = text.split('.');
    let heading = groups.next().unwrap_or_default();
    let rest: Vec<&str> = groups.collect();
    heading.len() == 4
        && heading.starts_with("93")
        && heading.bytes().all(|b| b.is_ascii_digit())
        && matches!(rest.as_slice(), [sub] | [sub, _] if sub.len() == 2)
        && rest
            .iter()
            .all(|g| matches!(g.len(), 2 | 4) && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a text has words to screen (a letter); numbers, dates and codes of digits alone have none.
pub(crate) fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_code_shapes() {
        for yes in [
            "ML1.a",
            "ml13.d.1",
            "6A003.b.4",
            "0A501",
            "EAR99",
            "ML1.a; ML3",
            "5A992.c",
            "ML22",
            "1A005",
        ] {
            assert!(looks_like_control_codes(yes), "{yes}");
        }
        for no in [
            "",
            "Rifle",
            "ML",
            "ML123",
            "12345",
            "6A0031",
            "7.62x39",
            "A1",
            "ML1.a rifle",
            "9301.90",
            "N/A",
        ] {
            assert!(!looks_like_control_codes(no), "{no}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,20}") {
            let _ = looks_like_control_codes(&text);
        }
    }
}
