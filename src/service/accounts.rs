//! Local accounts: who a name and password belong to.

use super::ServiceError;
use crate::auth::throttle::LoginThrottle;
use crate::auth::{password, Identity, Role};
use crate::db::{users, DbConnection};
use std::time::Instant;

/// The identity of a local account if the password is right; `None` for a wrong name or password (the same
/// work is done either way, so timing does not tell whether the name exists).
pub fn authenticate(conn: &mut DbConnection, name: &str, secret: &str) -> Result<Option<Identity>, ServiceError> {
    let user = users::get(conn, name)?;
    let stored = user
        .as_ref()
        .map(|u| u.password_hash.as_str())
        .unwrap_or(password::dummy_hash());
    let ok = password::verify(secret, stored);
    let Some(user) = user.filter(|_| ok) else {
        return Ok(None);
    };
    let Ok(role) = user.role.parse::<Role>() else {
        return Ok(None);
    };
    Ok(Some(Identity {
        projects: user.project_list()?,
        sub: user.name,
        role,
        auth_method: "password".to_string(),
    }))
}

/// The outcome of a sign-in attempt with a name and password.
#[derive(Debug)]
pub enum SignIn {
    Accepted(Identity),
    /// Wrong name or password (which of the two is not said).
    Refused,
    /// Too many failures for this account lately: retry after this many seconds. The password was not checked.
    Throttled {
        retry_after: u64,
    },
}

/// [`authenticate`] behind the per-account throttle: the API's `/auth/login` and the web sign-in share it.
pub fn sign_in(
    conn: &mut DbConnection,
    throttle: &LoginThrottle,
    name: &str,
    secret: &str,
    now: Instant,
) -> Result<SignIn, ServiceError> {
    if let Err(retry_after) = throttle.check(name, now) {
        tracing::warn!(account = %name, "sign-in refused: too many failed attempts");
        return Ok(SignIn::Throttled { retry_after });
    }
    Ok(match authenticate(conn, name, secret)? {
        Some(identity) => {
            throttle.record_success(name);
            SignIn::Accepted(identity)
        }
        None => {
            throttle.record_failure(name, now);
            SignIn::Refused
        }
    })
}
