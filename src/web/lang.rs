//! Which of the five languages a page is written in: the `lang` cookie the switcher sets (and sign-in sets from the
//! user's remembered choice), else the browser's `Accept-Language`, else English. The switcher itself, and the
//! error pages rendered again in the request's language.

use super::error::WebError;
use super::{see_other, session, WebResult};
use crate::api::{blocking, AppState};
use crate::i18n::Lang;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{http::header, web, HttpRequest};
use serde::Deserialize;

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

/// The cookie that keeps a language for a year (not a secret: readable settings only).
pub fn lang_cookie(lang: Lang) -> Cookie<'static> {
    Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(time::Duration::days(365))
        .finish()
}

#[derive(Debug, Deserialize)]
pub struct SwitchForm {
    lang: String,
    next: Option<String>,
    csrf: Option<String>,
}

/// Where the switcher goes back to: the form's `next`, else the page it was used on (same-origin `Referer`).
fn back_to(req: &HttpRequest, next: Option<&str>) -> String {
    if let Some(next) = next {
        return super::login::local_path(Some(next));
    }
    let referer = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| url::Url::parse(v).ok());
    let host = req.connection_info().host().to_string();
    match referer {
        Some(url)
            if url.host_str().map(|h| match url.port() {
                Some(port) => format!("{h}:{port}"),
                None => h.to_string(),
            }) == Some(host) =>
        {
            let mut path = url.path().to_string();
            if let Some(q) = url.query() {
                path.push('?');
                path.push_str(q);
            }
            super::login::local_path(Some(&path))
        }
        _ => "/".to_string(),
    }
}

/// `POST /language`: sets the language cookie and, for a signed-in person, remembers the choice on their account
/// (so the next sign-in, on any browser, opens in it).
pub async fn switch(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: super::form::TextForm<SwitchForm>,
) -> WebResult {
    let form = form.into_inner();
    let lang = Lang::parse(&form.lang)
        .ok_or_else(|| crate::api::error::ApiError::invalid("lang", "must be one of en, fr, de, es, pt"))?;
    if let Some(session) = session::current(&req).await? {
        session.check_form(&req, form.csrf.as_deref().unwrap_or(""))?;
        let name = session.who.sub.clone();
        blocking(move || {
            let mut conn = state.pool.get()?;
            crate::db::users::set_language(&mut conn, &name, lang.code())
        })
        .await?;
    } else {
        session::same_origin(&req)?;
    }
    let mut response = see_other(&back_to(&req, form.next.as_deref()));
    let _ = response.add_cookie(&lang_cookie(lang));
    Ok(response)
}

/// Renders a page's error again in the request's language (`ResponseError` has no request to read it from).
pub async fn localise_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = request_lang(req.request());
    let response = next.call(req).await?.map_into_boxed_body();
    if lang == Lang::En {
        return Ok(response);
    }
    let localised = response
        .response()
        .error()
        .and_then(|e| e.as_error::<WebError>())
        .map(|e| e.page_in(lang));
    Ok(match localised {
        Some(page) => {
            let (request, _) = response.into_parts();
            ServiceResponse::new(request, page)
        }
        None => response,
    })
}
