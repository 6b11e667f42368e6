//! Undoing what typing errors and deliberate evasion do to words before phrases are matched: a misspelt word
//! ("rifel"), letters spaced out ("a s s a u l t  r i f l e"), a word cut in two ("ri-fle"), digits for
//! letters ("pist0l"). Only corrections that produce catalogue words are made, and every corrected word is
//! reported as such (its match is weaker unless a longer phrase was mostly intact).

use super::Classifier;
use crate::text::tokens;
use smallvec::SmallVec;

/// Text with words replaced, and where each replaced or kept word came from.
pub(super) struct Corrected {
    pub text: String,
    /// (start in corrected, end in corrected, start in normalised, end in normalised, was corrected)
    words: Vec<(usize, usize, usize, usize, bool)>,
}

impl Corrected {
    /// A corrected-text range in normalised coordinates, with the number of corrected words it touches.
    pub fn locate(&self, start: usize, end: usize) -> (usize, usize, usize) {
        let mut from = start;
        let mut to = end;
        let mut corrected = 0;
        for &(cs, ce, ns, ne, was_corrected) in &self.words {
            if cs <= start && start <= ce {
                from = if was_corrected { ns } else { ns + (start - cs) };
            }
            if cs < end && end <= ce {
                to = if was_corrected { ne } else { ns + (end - cs) };
            }
            if was_corrected && cs < end && start < ce {
                corrected += 1;
            }
        }
        (from, to, corrected)
    }
}

/// Digits people put for look-alike letters.
fn leet_letter(digit: u8) -> Option<char> {
    Some(match digit {
        b'0' => 'o',
        b'1' => 'l',
        b'3' => 'e',
        b'4' => 'a',
        b'5' => 's',
        b'7' => 't',
        _ => return None,
    })
}

fn is_letters(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// A replacement of the words `[first, last)` by `text`.
struct Replacement {
    first: usize,
    last: usize,
    text: String,
}

/// Letters spaced out: three or more one-letter words that, joined, spell a weapon phrase.
fn spaced_letters(classifier: &Classifier, words: &[(usize, &str)], i: usize) -> Option<Replacement> {
    let run = words[i..]
        .iter()
        .take_while(|(_, w)| w.len() == 1 && is_letters(w))
        .count();
    if run < 3 {
        return None;
    }
    // The longest prefix of the run that spells a phrase (the run may go on into other letters).
    (3..=run).rev().find_map(|n| {
        let joined: String = words[i..i + n].iter().map(|(_, w)| *w).collect();
        let phrase = classifier.fuzzy.spelled_phrase(&joined)?;
        Some(Replacement {
            first: i,
            last: i + n,
            text: phrase.to_string(),
        })
    })
}

/// Digits for letters: "pist 0 l" (from "pist0l"), "a 55 ault" (from "a55ault").
fn digits_for_letters(classifier: &Classifier, words: &[(usize, &str)], i: usize) -> Option<Replacement> {
    // Cheap shape check first: this runs for every word of every description.
    let is_leet = |w: &str| w.len() <= 2 && w.bytes().all(|b| leet_letter(b).is_some());
    match words.get(i..i + 3) {
        Some([(_, a), (_, d), (_, b)]) if is_letters(a) && is_leet(d) && is_letters(b) => {}
        _ => return None,
    }
    let mut joined = String::new();
    let mut last = i;
    for (k, (_, word)) in words.iter().enumerate().skip(i).take(5) {
        let letters_expected = (k - i).is_multiple_of(2);
        if letters_expected && is_letters(word) {
            joined.push_str(word);
            last = k + 1;
        } else if !letters_expected && word.len() <= 2 {
            let Some(mapped) = word.bytes().map(leet_letter).collect::<Option<String>>() else {
                break;
            };
            joined.push_str(&mapped);
            last = k + 1;
        } else {
            break;
        }
    }
    // Digits inside a word only: letters, digits, letters (a number after a word is a model: "Panzerfaust 3").
    let mut taken = last - i;
    if taken < 3 {
        return None;
    }
    if taken.is_multiple_of(2) {
        taken -= 1;
        let trailing = words[i + taken].1.len();
        joined.truncate(joined.len().saturating_sub(trailing));
    }
    let last = i + taken;
    if joined.len() < 5 || !classifier.fuzzy.is_weapon_word(&joined) {
        return None;
    }
    Some(Replacement {
        first: i,
        last,
        text: joined,
    })
}

/// A weapon word cut in two ("ri-fle", "pis tol"): two unknown pieces, one of them short.
fn split_word(classifier: &Classifier, words: &[(usize, &str)], i: usize) -> Option<Replacement> {
    let (&(_, a), &(_, b)) = (words.get(i)?, words.get(i + 1)?);
    let plausible = a.len().min(b.len()) <= 4 && a.len() + b.len() >= 5 && is_letters(a) && is_letters(b);
    if !plausible || !classifier.fuzzy.may_start_weapon_word(a, b) {
        return None;
    }
    if classifier.fuzzy.is_known(a) || classifier.fuzzy.is_known(b) {
        return None;
    }
    let joined = format!("{a}{b}");
    classifier.fuzzy.is_weapon_word(&joined).then(|| Replacement {
        first: i,
        last: i + 2,
        text: joined,
    })
}

/// Replaces what looks like a disguised or misspelt catalogue word; None when nothing was changed (the usual
/// case, which costs one pass over the words and no allocation).
pub(super) fn correct(classifier: &Classifier, text: &str) -> Option<Corrected> {
    // Descriptions are short: keep the word list on the stack.
    let words: SmallVec<[(usize, &str); 32]> = tokens(text).collect();
    let mut replacements: Vec<Replacement> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = spaced_letters(classifier, &words, i)
            .or_else(|| digits_for_letters(classifier, &words, i))
            .or_else(|| split_word(classifier, &words, i))
            .or_else(|| {
                let target = classifier.fuzzy.correct(words[i].1)?;
                Some(Replacement {
                    first: i,
                    last: i + 1,
                    text: target.to_string(),
                })
            });
        match found {
            Some(r) => {
                i = r.last;
                replacements.push(r);
            }
            None => i += 1,
        }
    }
    if replacements.is_empty() {
        return None;
    }
    let mut corrected = Corrected {
        text: String::with_capacity(text.len() + 8),
        words: Vec::new(),
    };
    let mut next = 0;
    let push = |corrected: &mut Corrected, piece: &str, from: usize, to: usize, was_corrected: bool| {
        if !corrected.text.is_empty() {
            corrected.text.push(' ');
        }
        let at = corrected.text.len();
        corrected.text.push_str(piece);
        corrected
            .words
            .push((at, corrected.text.len(), from, to, was_corrected));
    };
    for r in &replacements {
        for &(start, word) in &words[next..r.first] {
            push(&mut corrected, word, start, start + word.len(), false);
        }
        let (from, _) = words[r.first];
        let (last_start, last_word) = words[r.last - 1];
        push(&mut corrected, &r.text, from, last_start + last_word.len(), true);
        next = r.last;
    }
    for &(start, word) in &words[next..] {
        push(&mut corrected, word, start, start + word.len(), false);
    }
    Some(corrected)
}
