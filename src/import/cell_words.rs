//! What the words of a cell that is not a description say: an amount on a totals row, a plain unit or
//! currency, or a word worth screening.

use super::header::normalize;
use super::synonyms::CURRENCIES;

/// Words an amount on a totals row carries besides its digits: currencies and tax notes.
const AMOUNT_WORDS: &[&str] = &[
    "eur", "usd", "gbp", "chf", "xof", "xaf", "cfa", "fcfa", "ht", "ttc", "tva", "vat", "net", "brut", "netto",
    "brutto", "mwst", "ust", "iva", "incl", "excl", "inkl", "exkl",
];

/// Text that is an amount ("1 234,56 €", "EUR 4,800.00", "12 %", "4 800 FCFA HT"): digits with punctuation, a
/// currency or a tax note, and no other word.
pub(crate) fn is_amount_text(text: &str) -> bool {
    let mut digits = false;
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if word.chars().all(|c| c.is_ascii_digit()) {
            digits = true;
        } else if !AMOUNT_WORDS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
            return false;
        }
    }
    digits
}

/// Units and currencies as sheets write them: nothing to screen ("pcs", "Stück", "EUR", "francs CFA").
#[rustfmt::skip]
const PLAIN_UNITS: &[&str] = &[
    // Containers whose names are also weapon words are among them: an ink "cartouche", a "barrel" of fuel.
    "pc", "pcs", "piece", "pieces", "each", "ea", "unit", "units", "unite", "unites", "set", "sets", "lot", "lots",
    "kit", "kits", "box", "boxes", "boite", "boites", "pair", "pairs", "paire", "paires", "stuck", "stk", "satz",
    "paar", "einheit", "einheiten", "unidad", "unidades", "juego", "juegos", "par", "pares", "caja", "cajas",
    "peca", "pecas", "unidade", "conjunto", "conjuntos", "caixa", "caixas", "kg", "litre", "litres", "liter",
    "meter", "metre", "metres", "roll", "rolls", "rouleau", "rouleaux", "pack", "packs", "paquet", "paquets",
    "carton", "cartons", "forfait", "pauschal", "hour", "hours", "heure", "heures", "day", "days", "jour", "jours",
    "month", "months", "mois", "ens", "ensemble", "ensembles", "nos", "number", "nombre", "dozen", "douzaine",
    "ream", "rame", "bottle", "bottles", "flacon", "flacons", "euro", "euros", "dollar", "dollars", "us dollar",
    "us dollars", "franc cfa", "francs cfa", "fcfa", "cfa", "system", "systems", "pkg", "pck", "packung",
    "packungen", "karton", "kartons", "rolle", "rollen", "flasche", "flaschen", "dose", "dosen", "sack", "bag",
    "bags", "sac", "sacs", "bolsa", "saco", "pieza", "piezas", "licence", "licences", "license", "licenses",
    "lizenz", "lizenzen", "user", "users", "seat", "seats", "service", "person", "personne", "tonne", "tonnes",
    "cartouche", "cartouches", "cartucho", "cartuchos", "patrone", "patronen", "barrel",
    "barrels", "baril", "barils", "fut", "futs", "bidon", "bidons", "sachet", "sachets", "tube", "tubes",
    "canister", "canisters",
];

/// A unit or currency cell that only names a unit or a currency.
pub(crate) fn is_plain_unit_or_currency(text: &str) -> bool {
    let norm = normalize(text);
    PLAIN_UNITS.contains(&norm.as_str()) || CURRENCIES.contains(&norm.as_str())
}

/// A cell that holds a word of three letters or more ("box of 9mm rounds" as a unit) rather than an
/// abbreviation or a code ("u", "FR", "A.1.2").
pub(crate) fn has_word(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if c.is_alphabetic() {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_tax_notes_keep_a_row_a_total() {
        assert!(is_amount_text("4 800,00 EUR"));
        assert!(is_amount_text("EUR 4,800.00 HT"));
        assert!(is_amount_text("12 %"));
        assert!(!is_amount_text("9mm pistols"));
        assert!(!is_amount_text("EUR"));
    }

    #[test]
    fn plain_units_and_currencies_are_not_screened() {
        for plain in ["pcs", "Stück", "cartouche", "Barrel", "EUR", "francs CFA"] {
            assert!(is_plain_unit_or_currency(plain), "{plain}");
        }
        assert!(!is_plain_unit_or_currency("box of 9mm rounds"));
    }
}
