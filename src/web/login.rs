//! Sign-in (local account, or a token from the organisation's identity provider), sign-out, the start page.

use super::layout::{page_in, Nav};
use super::session::{self, Session, SessionKeys, SESSION_COOKIE, SIGNIN_COOKIE};
use super::{see_other, WebResult};
use crate::api::error::ApiError;
use crate::api::{blocking, AppState};
use crate::auth::jwt::JwtKeys;
use crate::auth::Role;
use crate::db;
use crate::service::accounts::SignIn;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::html;
use serde::Deserialize;

/// A same-origin path to return to after sign-in; anything else becomes `/`.
///
/// `next` is resolved as a URL against a placeholder origin, as a browser would resolve a `Location` header, and
/// kept only when it stays on that origin. Browsers drop tabs and line breaks inside URLs and read `\` as `/`, so
/// `/\t/evil.example` means `//evil.example`: any control character or backslash refuses the value outright. The
/// answer is re-serialised (percent-encoded ASCII), so it is always a valid header value.
pub(super) fn local_path(next: Option<&str>) -> String {
    const ORIGIN: &str = "http://equipcheck.invalid/";
    let fallback = || "/".to_string();
    let Some(raw) = next else {
        return fallback();
    };
    if raw.len() > 2048 || !raw.starts_with('/') || raw.chars().any(|c| c.is_control() || c == '\\') {
        return fallback();
    }
    let Ok(base) = url::Url::parse(ORIGIN) else {
        return fallback();
    };
    match base.join(raw) {
        // A path that resolves to `//...` would be read as another host.
        Ok(resolved) if resolved.origin() == base.origin() && !resolved.path().starts_with("//") => {
            let mut path = resolved.path().to_string();
            if let Some(query) = resolved.query() {
                path.push('?');
                path.push_str(query);
            }
            path
        }
        _ => fallback(),
    }
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// The start page: where each role begins its day.
pub async fn home(req: HttpRequest) -> WebResult {
    Ok(match session::current(&req).await? {
        Some(session) => see_other(default_start(session.who.role)),
        None => see_other("/login"),
    })
}

/// Why the sign-in page is shown again.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    WrongPassword,
    BadToken,
}

fn signin_page(req: &HttpRequest, keys: &SessionKeys, next: &str, error: Option<Refusal>) -> HttpResponse {
    let lang = super::lang::request_lang(req);
    let (cookie, token) = keys.signin_pair(req);
    let body = html! {
        @if let Some(refusal) = error {
            p.error-detail role="alert" { (lang.tr(match refusal {
                Refusal::WrongPassword => "login-wrong-password",
                Refusal::BadToken => "login-bad-token",
            })) }
        }
        form.card.narrow method="post" action="/login" {
            input type="hidden" name="csrf" value=(token);
            input type="hidden" name="next" value=(next);
            label for="name" { (lang.tr("login-name")) }
            input #name type="text" name="name" autocomplete="username" required maxlength="100" autofocus;
            label for="password" { (lang.tr("login-password")) }
            input #password type="password" name="password" autocomplete="current-password" required maxlength="1024";
            button.primary type="submit" { (lang.tr("login-submit")) }
        }
        details.card.narrow {
            summary { (lang.tr("login-token-summary")) }
            form method="post" action="/login/token" {
                input type="hidden" name="csrf" value=(token);
                input type="hidden" name="next" value=(next);
                label for="token" { (lang.tr("login-token-label")) }
                textarea #token name="token" rows="4" required maxlength="16384" autocomplete="off" spellcheck="false" {}
                p.hint { (lang.tr("login-token-hint")) }
                button type="submit" { (lang.tr("login-token-submit")) }
            }
        }
    };
    let status = if error.is_some() {
        actix_web::http::StatusCode::UNAUTHORIZED
    } else {
        actix_web::http::StatusCode::OK
    };
    let here = format!("/login{}", super::layout::query(&[("next", next)]));
    HttpResponse::build(status)
        .cookie(cookie)
        .content_type("text/html; charset=utf-8")
        .body(page_in(lang, &lang.tr("login-title"), None, Nav::None, body, Some(&here)).into_string())
}

pub async fn form(req: HttpRequest, keys: web::Data<SessionKeys>, query: web::Query<NextQuery>) -> WebResult {
    let next = local_path(query.next.as_deref());
    if session::current(&req).await?.is_some() {
        return Ok(see_other(&next));
    }
    Ok(signin_page(&req, &keys, &next, None))
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    csrf: String,
    next: Option<String>,
    name: String,
    password: String,
}

/// Records the new session, then sends its cookie and the browser on to `next`.
async fn signed_in(
    req: &HttpRequest,
    state: web::Data<AppState>,
    keys: &SessionKeys,
    who: &crate::auth::Identity,
    not_after: Option<u64>,
    next: &str,
) -> WebResult {
    let (cookie, session) = keys.session_cookie(req, who, not_after);
    let remembered = blocking(move || {
        let mut conn = state.pool.get()?;
        db::sessions::create(&mut conn, &session.id, &session.subject, db::now(), session.expires_at)?;
        // The language chosen earlier, on this browser or another.
        Ok::<_, db::DbError>(db::users::get(&mut conn, &session.subject)?.and_then(|u| u.language))
    })
    .await?;
    let mut response = see_other(next);
    // Adding cookies to a fresh response cannot fail for well-formed cookies.
    let _ = response.add_cookie(&cookie);
    if let Some(lang) = remembered.as_deref().and_then(crate::i18n::Lang::parse) {
        let _ = response.add_cookie(&super::lang::lang_cookie(lang));
    }
    let _ = response.add_removal_cookie(&keys.removal(req, SIGNIN_COOKIE));
    Ok(response)
}

pub async fn password(
    req: HttpRequest,
    state: web::Data<AppState>,
    keys: web::Data<SessionKeys>,
    form: super::form::TextForm<PasswordForm>,
) -> WebResult {
    keys.check_signin(&req, &form.csrf)?;
    let form = form.into_inner();
    let next = local_path(form.next.as_deref());
    if form.name.is_empty() || form.name.len() > 100 || form.password.len() > 1024 {
        return Ok(signin_page(&req, &keys, &next, Some(Refusal::WrongPassword)));
    }
    let client = crate::api::client::client_ip(&req, &state.trusted_proxies);
    let outcome = crate::api::login::sign_in(&state, &client, form.name, form.password).await?;
    match outcome {
        SignIn::Throttled { retry_after } => Err(ApiError::TooManyAttempts { retry_after }.into()),
        SignIn::Accepted(who) => {
            tracing::info!(user = %who.sub, role = %who.role, "signed in to the web interface");
            signed_in(&req, state, &keys, &who, None, &next).await
        }
        SignIn::Refused => Ok(signin_page(&req, &keys, &next, Some(Refusal::WrongPassword))),
    }
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    csrf: String,
    next: Option<String>,
    token: String,
}

pub async fn token(
    req: HttpRequest,
    state: web::Data<AppState>,
    keys: web::Data<SessionKeys>,
    jwt: web::Data<JwtKeys>,
    form: super::form::TextForm<TokenForm>,
) -> WebResult {
    keys.check_signin(&req, &form.csrf)?;
    let next = local_path(form.next.as_deref());
    match jwt.verify_until(form.token.trim()) {
        Ok((who, expires)) => {
            tracing::info!(user = %who.sub, role = %who.role, "signed in to the web interface with a token");
            signed_in(&req, state, &keys, &who, Some(expires), &next).await
        }
        Err(e) => {
            tracing::debug!(error = %e, "web sign-in token refused");
            Ok(signin_page(&req, &keys, &next, Some(Refusal::BadToken)))
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    csrf: String,
}

pub async fn logout(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    keys: web::Data<SessionKeys>,
    form: super::form::TextForm<CsrfOnly>,
) -> WebResult {
    session.check_form(&req, &form.csrf)?;
    // Ended in the database, so a copy of the cookie kept elsewhere opens nothing either.
    let id = session.id.clone();
    blocking(move || {
        let mut conn = state.pool.get()?;
        db::sessions::revoke(&mut conn, &id, db::now())
    })
    .await?;
    let mut response = see_other("/login");
    let _ = response.add_removal_cookie(&keys.removal(&req, SESSION_COOKIE));
    Ok(response)
}

/// Where a role starts (used after sign-in without a `next`).
pub fn default_start(role: Role) -> &'static str {
    match role {
        Role::Officer => "/home",
        Role::Admin => "/upload",
        Role::Reviewer => "/review",
        Role::Monitor => "/monitoring",
        _ => "/batches",
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            local_path(Some("/batches/x?decision=clear")),
            "/batches/x?decision=clear"
        );
        for hostile in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
            "javascript:alert(1)",
            // Browsers strip tabs and line breaks: these mean //evil.example.
            "/\t/evil.example/phish",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\u{b}/evil.example",
            "/\u{0}x",
            " //evil.example",
            "",
        ] {
            assert_eq!(local_path(Some(hostile)), "/", "{hostile:?}");
        }
        // Kept on this site, and always a valid header value.
        assert_eq!(local_path(Some("/batches/a b")), "/batches/a%20b");
        assert_eq!(local_path(Some("/review?q=é")), "/review?q=%C3%A9");
        // Dot segments that collapse into `//host` are not followed either.
        assert_eq!(local_path(Some("/./..//evil.example")), "/");
        assert_eq!(local_path(Some("/a/../b")), "/b");
        assert_eq!(local_path(None), "/");
    }
}
