//! Browser sessions: the identity (subject, role, projects), an anti-forgery token, an expiry and the session's
//! id, in a cookie signed with HMAC-SHA256 (HttpOnly, SameSite=Strict, Secure over TLS or when configured). The
//! id's row in the database (`db::sessions`) must be active on every request, so sign-out and account changes end
//! a session on every instance before its cookie expires.
//! Forms that change state carry the session's anti-forgery token (synchronizer token); the sign-in form, which
//! has no session yet, carries an HMAC of a nonce kept in a short-lived cookie (signed double submit).

use super::error::WebError;
use crate::api::{blocking, AppState};
use crate::auth::{Identity, Role};
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{http::header, web, FromRequest, HttpRequest};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use futures_util::future::LocalBoxFuture;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "equipcheck_session";
pub const SIGNIN_COOKIE: &str = "equipcheck_signin";
/// How long the sign-in form stays valid.
const SIGNIN_TTL: Duration = Duration::from_secs(3600);

/// The key that signs cookies and the session settings of this installation.
pub struct SessionKeys {
    key: Vec<u8>,
    ttl: Duration,
    always_secure: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionData {
    sub: String,
    role: Role,
    projects: Vec<String>,
    csrf: String,
    exp: u64,
    via: String,
    /// The session's id (its SHA-256 is the database row).
    sid: String,
}

/// A signed-in browser: who, how they signed in, and the token their forms must carry.
#[derive(Debug, Clone)]
pub struct Session {
    /// Its `auth_method` says how they signed in (`password`, or `jwt:RS256` for an identity provider's token).
    pub who: Identity,
    pub csrf: String,
    /// The session's id, to end it at sign-out.
    pub id: String,
    /// The language its pages are written in (`web::lang::request_lang`).
    pub lang: crate::i18n::Lang,
}

/// A session to record in the database before its cookie is sent.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub id: String,
    pub subject: String,
    pub expires_at: chrono::NaiveDateTime,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

fn random_token() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

impl SessionKeys {
    pub fn new(key: &[u8], ttl: Duration, always_secure: bool) -> SessionKeys {
        SessionKeys {
            key: key.to_vec(),
            ttl,
            always_secure,
        }
    }

    fn mac(&self, purpose: &str, bytes: &[u8]) -> Hmac<Sha256> {
        // HMAC accepts keys of any length; new_from_slice cannot fail for it.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!());
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(bytes);
        mac
    }

    fn seal(&self, payload: &SessionData) -> String {
        let json = serde_json::to_vec(payload).unwrap_or_default();
        let tag = self.mac("session", &json).finalize().into_bytes();
        format!("{}.{}", B64.encode(&json), B64.encode(tag))
    }

    fn open(&self, value: &str) -> Option<SessionData> {
        let (body, tag) = value.split_once('.')?;
        let json = B64.decode(body).ok()?;
        let tag = B64.decode(tag).ok()?;
        self.mac("session", &json).verify_slice(&tag).ok()?;
        let payload: SessionData = serde_json::from_slice(&json).ok()?;
        (payload.exp > now()).then_some(payload)
    }

    fn secure(&self, req: &HttpRequest) -> bool {
        self.always_secure || req.connection_info().scheme() == "https"
    }

    fn cookie<'c>(&self, req: &HttpRequest, name: &'c str, value: String, max_age: Duration) -> Cookie<'c> {
        Cookie::build(name, value)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(self.secure(req))
            .max_age(time::Duration::seconds(
                i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX),
            ))
            .finish()
    }

    /// The session cookie for a signed-in identity and the session row to record; it ends at `not_after` (a
    /// token's expiry) if that is sooner.
    pub fn session_cookie(
        &self,
        req: &HttpRequest,
        who: &Identity,
        not_after: Option<u64>,
    ) -> (Cookie<'static>, NewSession) {
        let mut exp = now().saturating_add(self.ttl.as_secs());
        if let Some(limit) = not_after {
            exp = exp.min(limit);
        }
        let sid = random_token();
        let session = NewSession {
            id: sid.clone(),
            subject: who.sub.clone(),
            expires_at: chrono::DateTime::from_timestamp(i64::try_from(exp).unwrap_or(i64::MAX), 0)
                .unwrap_or_default()
                .naive_utc(),
        };
        let payload = SessionData {
            sid,
            sub: who.sub.clone(),
            role: who.role,
            projects: who.projects.clone(),
            csrf: random_token(),
            exp,
            via: who.auth_method.clone(),
        };
        let max_age = Duration::from_secs(exp.saturating_sub(now()));
        (self.cookie(req, SESSION_COOKIE, self.seal(&payload), max_age), session)
    }

    /// A cookie that removes `name` from the browser.
    pub fn removal(&self, req: &HttpRequest, name: &'static str) -> Cookie<'static> {
        let mut cookie = self.cookie(req, name, String::new(), Duration::ZERO);
        cookie.make_removal();
        cookie
    }

    /// For the sign-in form: the nonce cookie and the token the form must send back with it.
    pub fn signin_pair(&self, req: &HttpRequest) -> (Cookie<'static>, String) {
        let nonce = random_token();
        let token = B64.encode(self.mac("signin", nonce.as_bytes()).finalize().into_bytes());
        (self.cookie(req, SIGNIN_COOKIE, nonce, SIGNIN_TTL), token)
    }

    /// Checks the sign-in form's token against the nonce cookie and the request's origin.
    pub fn check_signin(&self, req: &HttpRequest, token: &str) -> Result<(), WebError> {
        same_origin(req)?;
        let nonce = req.cookie(SIGNIN_COOKIE).ok_or(WebError::Forgery)?;
        let tag = B64.decode(token).map_err(|_| WebError::Forgery)?;
        self.mac("signin", nonce.value().as_bytes())
            .verify_slice(&tag)
            .map_err(|_| WebError::Forgery)
    }

    /// The session a request's cookie names, if the cookie is signed and unexpired (not yet checked against the
    /// database: see [`current`]).
    fn signed_session(&self, req: &HttpRequest) -> Option<Session> {
        let payload = self.open(req.cookie(SESSION_COOKIE)?.value())?;
        Some(Session {
            who: Identity {
                sub: payload.sub,
                role: payload.role,
                projects: payload.projects,
                auth_method: payload.via,
            },
            csrf: payload.csrf,
            id: payload.sid,
            lang: super::lang::request_lang(req),
        })
    }
}

/// The request's session if its cookie is valid and the session has not been ended (sign-out, account change).
pub async fn current(req: &HttpRequest) -> Result<Option<Session>, WebError> {
    let Some(session) = req
        .app_data::<web::Data<SessionKeys>>()
        .and_then(|keys| keys.signed_session(req))
    else {
        return Ok(None);
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(None);
    };
    let id = session.id.clone();
    let active = blocking(move || {
        let mut conn = state.pool.get()?;
        crate::db::sessions::is_active(&mut conn, &id, crate::db::now())
    })
    .await?;
    Ok(active.then_some(session))
}

/// Refuses a request whose Origin (sent by browsers on every POST) names another site.
pub(super) fn same_origin(req: &HttpRequest) -> Result<(), WebError> {
    let Some(origin) = req.headers().get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().map_err(|_| WebError::Forgery)?;
    let host = origin.split_once("://").map(|(_, h)| h).unwrap_or("");
    if host.eq_ignore_ascii_case(req.connection_info().host()) {
        Ok(())
    } else {
        Err(WebError::Forgery)
    }
}

impl Session {
    /// Checks a state-changing request: same origin and the session's anti-forgery token.
    pub fn check_form(&self, req: &HttpRequest, token: &str) -> Result<(), WebError> {
        same_origin(req)?;
        if bool::from(self.csrf.as_bytes().ct_eq(token.as_bytes())) {
            Ok(())
        } else {
            Err(WebError::Forgery)
        }
    }
}

impl FromRequest for Session {
    type Error = WebError;
    type Future = LocalBoxFuture<'static, Result<Session, WebError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let session = current(&req).await?;
            session.ok_or_else(|| sign_in_first(&req))
        })
    }
}

/// Where a request without a session goes: the sign-in page, coming back to the page asked for.
fn sign_in_first(req: &HttpRequest) -> WebError {
    WebError::SignIn {
        next: if req.method() == actix_web::http::Method::GET {
            req.uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/")
                .to_string()
        } else {
            "/".to_string()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> SessionKeys {
        SessionKeys::new(b"0123456789abcdef0123456789abcdef", Duration::from_secs(60), false)
    }

    fn payload(exp: u64) -> SessionData {
        SessionData {
            sub: "amina".into(),
            role: Role::Officer,
            projects: vec!["p1".into()],
            csrf: "t".into(),
            exp,
            via: "password".into(),
            sid: "s".into(),
        }
    }

    #[test]
    fn a_sealed_session_opens_only_unchanged_unexpired_and_with_the_same_key() {
        let keys = keys();
        let sealed = keys.seal(&payload(now() + 60));
        assert_eq!(keys.open(&sealed).map(|p| p.sub), Some("amina".to_string()));
        // Another role in the same signature: refused.
        let (body, tag) = sealed.split_once('.').unwrap();
        let json = String::from_utf8(B64.decode(body).unwrap())
            .unwrap()
            .replace("officer", "admin");
        assert!(keys.open(&format!("{}.{tag}", B64.encode(json))).is_none());
        assert!(keys.open(&keys.seal(&payload(now() - 1))).is_none());
        let other = SessionKeys::new(b"another key another key another key", Duration::from_secs(60), false);
        assert!(other.open(&sealed).is_none());
        assert!(keys.open("garbage").is_none());
    }
}
