//! The five languages of the pages and the reports (English, French, German, Spanish, Portuguese).
//!
//! Messages are Fluent files under `src/i18n/locales/<lang>/`, compiled into the binary by `fluent-templates`
//! (Project Fluent's own format, so translators get plurals, gender and arguments without code changes). One
//! `.ftl` file per page group keeps merges apart; `core.ftl` holds the labels every page shares. A key missing in
//! a language falls back to English, and a test below makes sure no language misses one.
//! The API keeps its machine codes (`dual_use`, `on_hold`): only people-facing text goes through here.

use crate::decision::Decision;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments would end up in HTML attributes and spreadsheet cells.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
    Es,
    Pt,
}

static IDENTIFIERS: LazyLock<[LanguageIdentifier; 5]> =
    LazyLock::new(|| Lang::ALL.map(|lang| lang.code().parse().unwrap_or_else(|_| LanguageIdentifier::default())));

/// Arguments of a message: `("count", 3.into())`, `("name", "Amina".into())`.
pub type Args<'a> = [(&'static str, FluentValue<'a>)];

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Fr, Lang::De, Lang::Es, Lang::Pt];

    /// The BCP 47 code, as in `<html lang>` and the `lang` cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Pt => "pt",
        }
    }

    /// The language's name in itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::Es => "Español",
            Lang::Pt => "Português",
        }
    }

    /// A language code or tag (`fr`, `fr-CH`, `PT_br`); None for a language the pages are not written in.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    /// The best of the five for an `Accept-Language` header (RFC 9110: highest q first, then header order);
    /// English when the header names none of them.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for range in accept_language.split(',') {
            let mut parts = range.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else {
                continue;
            };
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, lang)| lang).unwrap_or_default()
    }

    fn identifier(self) -> &'static LanguageIdentifier {
        let index = Lang::ALL.iter().position(|l| *l == self).unwrap_or(0);
        &IDENTIFIERS[index]
    }

    /// The message `key` in this language (English when this language lacks it, the key itself when every
    /// language does, so a missing message shows up on the page instead of an empty label).
    pub fn tr(self, key: &str) -> String {
        LOCALES
            .try_lookup(self.identifier(), key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The message `key` if some language has it (to fall back on other wording when none does).
    pub fn try_tr(self, key: &str) -> Option<String> {
        LOCALES.try_lookup(self.identifier(), key)
    }

    /// The message `key` with its arguments filled in.
    pub fn tr_args(self, key: &str, args: &Args<'_>) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.identifier(), key, &map)
            .unwrap_or_else(|| key.to_string())
    }

    /// A whole number with the language's digit grouping ("1,292", "1 292", "1.292").
    pub fn number(self, n: i64) -> String {
        let separator = match self {
            Lang::En => ',',
            Lang::Fr => '\u{202f}',
            Lang::De | Lang::Es => '.',
            Lang::Pt => '\u{a0}',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        if n < 0 {
            out.insert(0, '-');
        }
        out
    }

    /// A decision in words (`dual_use` → "Dual-use", "Double usage" ...).
    pub fn decision(self, decision: Decision) -> String {
        self.tr(&format!("decision-{}", decision.as_str()))
    }

    /// A review status (`pending`, `on_hold`, `proposed`, `approved`, `rejected`) in words.
    pub fn review_status(self, status: &str) -> String {
        self.tr(&format!("review-status-{status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn keys(lang: Lang) -> BTreeSet<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/i18n/locales")
            .join(lang.code());
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).expect("locale directory") {
            let path = entry.expect("locale file").path();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).expect("ftl file");
            for line in text.lines() {
                if let Some((key, _)) = line.split_once(" =") {
                    if !key.starts_with([' ', '#', '.']) && !key.is_empty() {
                        keys.insert((file.clone(), key.trim().to_string()));
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn every_language_has_every_message_in_the_same_file() {
        let english = keys(Lang::En);
        assert!(!english.is_empty());
        for lang in Lang::ALL {
            let theirs = keys(lang);
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            assert!(extra.is_empty(), "{} has keys English lacks: {extra:?}", lang.code());
        }
    }

    #[test]
    fn every_decision_reads_as_words_in_every_language() {
        for lang in Lang::ALL {
            for decision in Decision::ALL {
                let label = lang.decision(decision);
                assert!(!label.starts_with("decision-"), "{lang:?} {decision:?}");
                assert!(!label.contains('_'), "{label}");
            }
        }
        assert_eq!(Lang::Fr.decision(Decision::DualUse), "Double usage");
        assert_eq!(
            Lang::De.review_status("on_hold"),
            "Zurückgestellt: Rückfrage an den Einreicher"
        );
    }

    #[test]
    fn accept_language_picks_the_preferred_of_the_five() {
        assert_eq!(Lang::negotiate("fr-CH, fr;q=0.9, en;q=0.8"), Lang::Fr);
        assert_eq!(Lang::negotiate("ar, pt-BR;q=0.7, en;q=0.5"), Lang::Pt);
        assert_eq!(Lang::negotiate("en;q=0.2, de;q=0.9"), Lang::De);
        assert_eq!(Lang::negotiate("ru, ar"), Lang::En);
        assert_eq!(Lang::negotiate("es;q=0, en"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
        assert_eq!(Lang::parse("PT_br"), Some(Lang::Pt));
        assert_eq!(Lang::parse("xx"), None);
    }

    #[test]
    fn a_missing_message_shows_its_key_and_arguments_are_filled_in() {
        assert_eq!(Lang::Fr.tr("no-such-message"), "no-such-message");
        assert_eq!(Lang::Fr.tr("shell-sign-out"), "Se déconnecter");
        assert_eq!(
            Lang::En.tr_args(
                "review-bulk-approve",
                &[("count", 1292.into()), ("n", Lang::En.number(1292).into())]
            ),
            "Approve 1,292 clear items"
        );
    }

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        assert_eq!(Lang::En.number(1_292), "1,292");
        assert_eq!(Lang::En.number(999), "999");
        assert_eq!(Lang::De.number(1_234_567), "1.234.567");
        assert_eq!(Lang::Fr.number(2_060), "2\u{202f}060");
        assert_eq!(Lang::Pt.number(-1_000), "-1\u{a0}000");
        assert_eq!(Lang::Es.number(0), "0");
    }
}
