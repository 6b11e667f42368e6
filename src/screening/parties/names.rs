//! Name normalisation for party matching: case, accents, Cyrillic and Greek transliteration, legal forms,
//! punctuation and word order, then a spelling key per word so that transliteration variants meet
//! ("Rosoboroneksport" and "Rosoboronexport", "Mohammed" and "Muhammad").

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Legal forms and filler words that say nothing about who a party is: never matched on their own.
const LEGAL_FORMS: &[&str] = &[
    "llc",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "ug",
    "ohg",
    "sarl",
    "sa",
    "sas",
    "sasu",
    "eurl",
    "snc",
    "sl",
    "slu",
    "srl",
    "spa",
    "bv",
    "nv",
    "oy",
    "ab",
    "as",
    "aps",
    "ooo",
    "oao",
    "zao",
    "pao",
    "ao",
    "ojsc",
    "cjsc",
    "jsc",
    "pjsc",
    "ip",
    "tov",
    "pat",
    "fzco",
    "fze",
    "fz",
    "llp",
    "lp",
    "pte",
    "pty",
    "bhd",
    "sdn",
    "tbk",
    "kft",
    "sro",
    "doo",
    "ltda",
    "eireli",
    "cia",
    "cie",
    "und",
    "and",
    "et",
    "y",
    "e",
    "the",
    "of",
    "de",
    "du",
    "des",
    "la",
    "le",
    "der",
    "die",
    "das",
    "del",
    "da",
    "do",
    "dos",
    "group",
    "holding",
    "holdings",
    "trading",
    "international",
    "intl",
    "enterprise",
    "enterprises",
];

/// The words of a name, normalised, legal forms dropped (unless nothing else is left), each as its spelling key.
pub fn name_keys(name: &str) -> Vec<String> {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let meaningful: Vec<&str> = words.iter().copied().filter(|w| !LEGAL_FORMS.contains(w)).collect();
    let kept = if meaningful.is_empty() { words } else { meaningful };
    let mut keys: Vec<String> = kept.into_iter().map(spelling_key).collect();
    keys.dedup();
    keys
}

/// Lower case, no accents, Cyrillic and Greek in Latin letters, anything else than letters and digits a space.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    };
    for c in name.chars() {
        // ASCII has no transliteration and no decomposition: the Unicode tables cost a tenth of loading the lists.
        if c.is_ascii() {
            push(c, &mut out);
            continue;
        }
        if let Some(latin) = transliterate(c) {
            latin.chars().for_each(|l| push(l, &mut out));
            continue;
        }
        let mut any = false;
        decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                any = true;
                match transliterate(d) {
                    Some(latin) => latin.chars().for_each(|l| push(l, &mut out)),
                    None => push(d, &mut out),
                }
            }
        });
        if !any {
            push(' ', &mut out);
        }
    }
    out.trim().to_string()
}

/// A spelling key: transliteration variants folded (ks/x, kh/h, ph/f, w/v, j/y/i, ou/u, doubled letters), and
/// vowels after the first letter dropped for words of four letters or more ("mohammed", "muhammad" -> "mhmd").
fn spelling_key(word: &str) -> String {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    // The digraphs in this order, each on what the one before left; most words hold none of them, so nothing is
    // copied for those.
    let mut w = std::borrow::Cow::Borrowed(word);
    for (digraph, letter) in [("ks", "x"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("ou", "u")] {
        if w.contains(digraph) {
            w = std::borrow::Cow::Owned(w.replace(digraph, letter));
        }
    }
    let mut key = String::with_capacity(w.len());
    let long = w.chars().count() >= 4;
    for (i, c) in w.chars().enumerate() {
        // Single letters last, as the digraphs cannot make or take them: w/v, j/y, q/k, i/y.
        let c = match c {
            'w' => 'v',
            'j' | 'i' => 'y',
            'q' => 'k',
            c => c,
        };
        if long && i > 0 && matches!(c, 'a' | 'e' | 'o' | 'u' | 'y') {
            continue;
        }
        if key.ends_with(c) {
            continue;
        }
        key.push(c);
    }
    key
}

fn transliterate(c: char) -> Option<&'static str> {
    Some(match c.to_lowercase().next().unwrap_or(c) {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'ў' => "u",
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `spelling_key` as first written: every replacement over the whole word, one after the other.
    fn spelling_key_by_replacing(word: &str) -> String {
        if word.bytes().all(|b| b.is_ascii_digit()) {
            return word.to_string();
        }
        let w = word
            .replace("ks", "x")
            .replace("kh", "h")
            .replace("ph", "f")
            .replace("ck", "k")
            .replace("ou", "u")
            .replace('w', "v")
            .replace('j', "y")
            .replace('q', "k");
        let mut key = String::new();
        let long = w.chars().count() >= 4;
        for (i, c) in w.chars().enumerate() {
            let c = if c == 'i' { 'y' } else { c };
            if long && i > 0 && matches!(c, 'a' | 'e' | 'o' | 'u' | 'y') {
                continue;
            }
            if key.ends_with(c) {
                continue;
            }
            key.push(c);
        }
        key
    }

    proptest! {
        #[test]
        fn spelling_keys_are_what_replacing_gave(word in "[a-z0-9khpscouwjqiéø]{0,12}") {
            prop_assert_eq!(spelling_key(&word), spelling_key_by_replacing(&word));
        }

        #[test]
        fn folding_ascii_directly_changes_nothing(name in "[ -~]{0,40}") {
            let through_tables: String = {
                let mut out = String::new();
                for c in name.chars() {
                    let mut any = false;
                    decompose_compatible(c, |d| {
                        if !is_combining_mark(d) {
                            any = true;
                            let d = transliterate(d).and_then(|l| l.chars().next()).unwrap_or(d);
                            if d.is_alphanumeric() {
                                out.extend(d.to_lowercase());
                            } else if !out.ends_with(' ') {
                                out.push(' ');
                            }
                        }
                    });
                    if !any && !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                out.trim().to_string()
            };
            prop_assert_eq!(fold(&name), through_tables);
        }
    }

    #[test]
    fn transliterations_meet() {
        assert_eq!(name_keys("Рособоронэкспорт"), name_keys("Rosoboronexport"));
        assert_eq!(name_keys("ROSOBORONEKSPORT OAO"), name_keys("Rosoboronexport JSC"));
        assert_eq!(name_keys("Mohammed"), name_keys("Muhammad"));
        assert_eq!(name_keys("Müller GmbH"), name_keys("MULLER"));
    }

    #[test]
    fn legal_forms_alone_are_kept_so_the_name_is_not_empty() {
        assert_eq!(name_keys("11420 Corp."), vec!["11420".to_string()]);
        assert_eq!(name_keys("LLC"), vec!["lc".to_string()]);
        assert!(name_keys("Emma LLC").len() == 1);
    }
}
