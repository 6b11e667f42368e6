//! Header detection: normalised header text matched against synonyms in
//! English, French, German, Spanish and Portuguese.

use super::values::DecimalSep;
use super::Field;

/// Shown in the "no header" error.
pub(crate) const DESCRIPTION_EXAMPLES: &str = "Description, Item description, Désignation, Libellé, Bezeichnung, Beschreibung, Artikel, Descripción, Denominación, Descrição, Designação, Produto";

/// Language of a synonym, used to guess the decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Any,
    En,
    Fr,
    De,
    Es,
    Pt,
}

impl Lang {
    pub(crate) fn decimal(self) -> Option<DecimalSep> {
        match self {
            Lang::En => Some(DecimalSep::Point),
            Lang::Fr | Lang::De | Lang::Es | Lang::Pt => Some(DecimalSep::Comma),
            Lang::Any => None,
        }
    }
}

use super::synonyms::{CURRENCIES, STRONG_WORDS, SYNONYMS};

/// Lowercase, accents stripped, punctuation turned into spaces, spaces collapsed.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(256));
    let mut space = true;
    for ch in text.chars().take(200).flat_map(char::to_lowercase) {
        let folded: &str = match ch {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            'œ' => "oe",
            'æ' => "ae",
            'ł' => "l",
            'ř' => "r",
            'š' | 'ś' => "s",
            'ž' | 'ź' | 'ż' => "z",
            'º' | 'ª' | '°' => "",
            c if c.is_alphanumeric() => {
                out.push(c);
                space = false;
                continue;
            }
            _ => " ",
        };
        if folded == " " {
            if !space {
                out.push(' ');
                space = true;
            }
        } else if !folded.is_empty() {
            out.push_str(folded);
            space = false;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// How a header cell matched a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub field: Field,
    /// 2 = exact, 1 = contained.
    pub quality: u8,
    pub lang: Lang,
}

/// Fields a normalised header text may stand for, and a currency code found in it.
pub(crate) fn candidates(norm: &str) -> (Vec<Candidate>, Option<String>) {
    let mut words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let mut currency = None;
    if words.len() > 1 {
        let strip = |w: &str| CURRENCIES.contains(&w) || w == "ht" || w == "ttc";
        if let Some(last) = words.last().copied() {
            if strip(last) {
                if CURRENCIES.contains(&last) {
                    currency = Some(last.to_ascii_uppercase());
                }
                words.pop();
                if matches!(words.last(), Some(&("in" | "en" | "em" | "ht" | "eur"))) && words.len() > 1 {
                    words.pop();
                }
            }
        }
        if currency.is_none() && words.len() > 1 {
            if let Some(first) = words.first().copied() {
                if CURRENCIES.contains(&first) {
                    currency = Some(first.to_ascii_uppercase());
                    words.remove(0);
                }
            }
        }
    }
    let text = words.join(" ");
    let mut out: Vec<Candidate> = Vec::new();
    let mut push = |c: Candidate| {
        if let Some(existing) = out.iter_mut().find(|e| e.field == c.field) {
            if c.quality > existing.quality {
                *existing = c;
            } else if c.quality == existing.quality && c.lang != existing.lang {
                // The word exists in several languages: it says nothing about decimals.
                existing.lang = Lang::Any;
            }
        } else {
            out.push(c);
        }
    };
    for (field, lang, list) in SYNONYMS {
        for syn in list.iter() {
            if text == *syn {
                push(Candidate {
                    field: *field,
                    quality: 2,
                    lang: *lang,
                });
            } else if syn.contains(' ') && contains_words(&text, syn) {
                push(Candidate {
                    field: *field,
                    quality: 1,
                    lang: *lang,
                });
            }
        }
    }
    for (field, word) in STRONG_WORDS {
        if words.len() > 1 && words.contains(word) {
            push(Candidate {
                field: *field,
                quality: 1,
                lang: Lang::Any,
            });
        }
    }
    if currency.is_some() && !out.iter().any(|c| c.field == Field::UnitPrice) {
        // "EUR" alone next to other words is not a price header: keep the code
        // only for price columns.
        currency = None;
    }
    (out, currency)
}

/// `hay` contains the words of `needle` in sequence.
fn contains_words(hay: &str, needle: &str) -> bool {
    // Same as `" {hay} "` containing `" {needle} "`, without building either.
    let bytes = hay.as_bytes();
    hay.match_indices(' ')
        .map(|(i, _)| i + 1)
        .chain(std::iter::once(0))
        .any(|start| {
            hay.get(start..).is_some_and(|rest| rest.starts_with(needle))
                && matches!(bytes.get(start + needle.len()), None | Some(b' '))
        })
}

/// A header row with its mapped columns.
#[derive(Debug, Clone)]
pub(crate) struct HeaderMatch {
    /// 1-based row.
    pub row: u32,
    /// (0-based column, header text, field)
    pub columns: Vec<(u32, String, Field)>,
    /// Every non-empty text cell of the header row (mapped or not).
    pub cells: Vec<(u32, String)>,
    pub currency: Option<String>,
    pub lang_decimal: Option<DecimalSep>,
    pub score: u32,
}

impl HeaderMatch {
    pub(crate) fn column_of(&self, field: Field) -> Option<u32> {
        self.columns.iter().find(|(_, _, f)| *f == field).map(|(c, _, _)| *c)
    }
}

/// Maps one row of header cells `(column, text)`; `None` without a description column.
pub(crate) fn match_row(row: u32, cells: &[(u32, String)]) -> Option<HeaderMatch> {
    let mut options: Vec<(u32, &str, Vec<Candidate>, Option<String>)> = Vec::new();
    for (col, text) in cells {
        let norm = normalize(text);
        if norm.is_empty() || norm.len() > 80 || norm.split(' ').count() > 6 {
            continue;
        }
        let (cands, currency) = candidates(&norm);
        if !cands.is_empty() {
            options.push((*col, text.as_str(), cands, currency));
        }
    }
    // Exact matches first, then cells with fewer alternatives, then left to right.
    let mut order: Vec<(u8, usize, u32, usize, Candidate)> = Vec::new();
    for (i, (col, _, cands, _)) in options.iter().enumerate() {
        for c in cands {
            order.push((2 - c.quality, cands.len(), *col, i, *c));
        }
    }
    order.sort_by_key(|(q, n, col, _, _)| (*q, *n, *col));
    let mut taken_fields: Vec<Field> = Vec::new();
    let mut taken_cells: Vec<usize> = Vec::new();
    let mut columns = Vec::new();
    let mut currency = None;
    let mut votes: (u32, u32) = (0, 0);
    let mut score = 0u32;
    for (_, _, col, idx, cand) in order {
        if taken_fields.contains(&cand.field) || taken_cells.contains(&idx) {
            continue;
        }
        taken_fields.push(cand.field);
        taken_cells.push(idx);
        score += u32::from(cand.quality);
        if let Some((_, text, _, cur)) = options.get(idx) {
            columns.push((col, text.trim().to_string(), cand.field));
            if cand.field == Field::UnitPrice && cur.is_some() {
                currency.clone_from(cur);
            }
        }
        match cand.lang.decimal() {
            Some(DecimalSep::Comma) => votes.0 += 1,
            Some(DecimalSep::Point) => votes.1 += 1,
            None => {}
        }
    }
    if !taken_fields.contains(&Field::Description) {
        return None;
    }
    // A lone loosely matched cell is more likely a title ("Description of the
    // project") than a header.
    if columns.len() == 1 && score < 2 {
        return None;
    }
    columns.sort_by_key(|(c, _, _)| *c);
    let lang_decimal = match votes.0.cmp(&votes.1) {
        std::cmp::Ordering::Greater => Some(DecimalSep::Comma),
        std::cmp::Ordering::Less => Some(DecimalSep::Point),
        std::cmp::Ordering::Equal => None,
    };
    Some(HeaderMatch {
        row,
        columns,
        cells: cells.to_vec(),
        currency,
        lang_decimal,
        score,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fields(cells: &[&str]) -> Vec<Field> {
        let cells: Vec<(u32, String)> = cells
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u32, s.to_string()))
            .collect();
        match_row(1, &cells)
            .map(|m| m.columns.into_iter().map(|(_, _, f)| f).collect())
            .unwrap_or_default()
    }

    #[test]
    fn normalises() {
        assert_eq!(normalize("  Prix unitaire (EUR) "), "prix unitaire eur");
        assert_eq!(normalize("N°"), "n");
        assert_eq!(normalize("Pays d'origine"), "pays d origine");
        assert_eq!(normalize("Stückzahl"), "stuckzahl");
        assert_eq!(normalize("Descrição"), "descricao");
    }

    #[test]
    fn french_header() {
        let f = fields(&[
            "N°",
            "Désignation",
            "Quantité",
            "Unité",
            "Prix unitaire (EUR)",
            "Code SH",
            "Fournisseur",
            "Pays d'origine",
            "Bénéficiaire",
            "Pays de destination",
        ]);
        assert_eq!(
            f,
            vec![
                Field::LineRef,
                Field::Description,
                Field::Quantity,
                Field::Unit,
                Field::UnitPrice,
                Field::HsCode,
                Field::Supplier,
                Field::Origin,
                Field::EndUser,
                Field::Destination
            ]
        );
        let cells = vec![(0, "Prix unitaire (EUR)".to_string()), (1, "Désignation".to_string())];
        let m = match_row(4, &cells).unwrap();
        assert_eq!(m.currency.as_deref(), Some("EUR"));
        assert_eq!(m.lang_decimal, Some(DecimalSep::Comma));
    }

    #[test]
    fn item_goes_to_line_ref_when_description_exists() {
        let f = fields(&["Item", "Item description", "Total price"]);
        assert_eq!(f, vec![Field::LineRef, Field::Description]);
        let f = fields(&["Item", "Qty"]);
        assert_eq!(f, vec![Field::Description, Field::Quantity]);
    }

    #[test]
    fn no_description_no_header() {
        assert!(fields(&["Qty", "Price"]).is_empty());
    }

    #[test]
    fn control_code_headers_in_five_languages() {
        for header in [
            "Export control classification",
            "Export Control Classification Number (ECCN)",
            "ECCN",
            "Control list entry",
            "ML category",
            "Classement contrôle",
            "Classement de contrôle",
            "Code de contrôle",
            "Classification de contrôle",
            "Ausfuhrliste Nr.",
            "AL-Nr.",
            "Güterlistennummer",
            "Gueterlistennummer",
            "Ausfuhrlistennummer",
            "Exportkontrollnummer",
            "Clasificación de control",
            "Código de control",
            "Código de doble uso",
            "Clasificación de exportación",
            "Classificação de controlo",
            "Classificação de controle",
            "Código de controlo",
            "Controlo de exportação",
        ] {
            assert_eq!(
                fields(&["Description", header]),
                vec![Field::Description, Field::ControlCode],
                "{header}"
            );
        }
        // Words that merely mention control stay what they are.
        assert_eq!(fields(&["Description", "Quality control"]), vec![Field::Description]);
    }

    fn contains_words_reference(hay: &str, needle: &str) -> bool {
        format!(" {hay} ").contains(&format!(" {needle} "))
    }

    #[test]
    fn contains_words_cases() {
        for (hay, needle) in [
            ("unit price", "unit price"),
            ("net unit price eur", "unit price"),
            ("unitprice", "unit price"),
            ("the unit prices", "unit price"),
            ("a  unit price ", "unit price"),
            ("x unit price", "unit price"),
            ("", "unit price"),
            ("unit", "unit price"),
        ] {
            assert_eq!(
                contains_words(hay, needle),
                contains_words_reference(hay, needle),
                "{hay:?} {needle:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn contains_words_as_padded_search(hay in "[ab ]{0,12}", needle in "[ab ]{1,5}") {
            prop_assert_eq!(contains_words(&hay, &needle), contains_words_reference(&hay, &needle));
        }

        #[test]
        fn control_code_headers_survive_case_accents_and_punctuation(
            header in proptest::sample::select(vec!["Classement contrôle", "Ausfuhrliste Nr.", "Clasificación de control", "Classificação de controlo", "Export control classification"]),
            upper in proptest::bool::ANY,
            decoration in proptest::sample::select(vec!["", ":", " *", " (1)"]),
        ) {
            let written = if upper { header.to_uppercase() } else { header.to_string() };
            let written = format!("{written}{decoration}");
            let written = written.replace(" (1)", "");
            prop_assert_eq!(fields(&["Designation", &written]), vec![Field::Description, Field::ControlCode]);
        }

        #[test]
        fn normalisation_never_panics(s in "\\PC*") {
            let n = normalize(&s);
            let _ = candidates(&n);
        }
    }
}
