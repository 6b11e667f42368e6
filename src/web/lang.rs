//! Which of the five languages a page is written in: the `lang` cookie the switcher sets (and sign-in sets from the
//! user's remembered choice), else the browser's `Accept-Language`, else English.

use crate::i18n::Lang;
use actix_web::{http::header, HttpRequest};

pub const LANG_COOKIE: &str = "equipcheck_lang";

pub fn request_lang(req: &HttpRequest) -> Lang {
    if let Some(lang) = req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())) {
        return lang;
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(Lang::negotiate)
        .unwrap_or_default()
}
