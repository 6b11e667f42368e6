//! Local accounts: who a name and password belong to.

use super::shared_limits::SharedLimits;
use super::ServiceError;
use crate::auth::{password, Identity, Role};
use crate::db::{users, DbConnection};

/// The stored account of a name (a quick read; the password is checked elsewhere, without the connection).
pub fn lookup(conn: &mut DbConnection, name: &str) -> Result<Option<users::User>, ServiceError> {
    Ok(users::get(conn, name)?)
}

/// The identity of a local account if the password is right; `None` for a wrong name or password (the same
/// work is done either way, so timing does not tell whether the name exists). CPU only: run it on the password
/// pool ([`crate::auth::hashing`]).
pub fn check(user: Option<users::User>, secret: &str) -> Result<Option<Identity>, ServiceError> {
    let stored = user
        .as_ref()
        .map(|u| u.password_hash.as_str())
        .unwrap_or(password::dummy_hash());
    let ok = password::verify(secret, stored);
    // A disabled account is refused like a wrong password (after the same work).
    let Some(user) = user.filter(|u| ok && u.disabled_at.is_none()) else {
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
    /// Too many failures for this account or from this client lately: retry after this many seconds. The
    /// password was not checked.
    Throttled {
        retry_after: u64,
    },
}

/// The throttles a sign-in passes, shared by every instance on the database: failures per account and failures per
/// client address.
pub struct Throttles<'a> {
    pub limits: &'a SharedLimits,
}

impl Throttles<'_> {
    /// `Some(seconds)` when the account or the client has used up its failures.
    pub fn refuse(
        &self,
        conn: &mut DbConnection,
        name: &str,
        client: &str,
        now: i64,
    ) -> Result<Option<u64>, ServiceError> {
        let account = self.limits.account_failures.check(conn, name, now)?;
        let from = self.limits.client_failures.check(conn, client, now)?;
        if account.is_some() {
            tracing::warn!(account = %name, "sign-in refused: too many failed attempts for the account");
        } else if from.is_some() {
            tracing::warn!(%client, "sign-in refused: too many failed attempts from this client");
        }
        Ok(account.into_iter().chain(from).max())
    }

    /// Records the outcome of a checked sign-in.
    pub fn record(
        &self,
        conn: &mut DbConnection,
        name: &str,
        client: &str,
        accepted: bool,
        now: i64,
    ) -> Result<(), ServiceError> {
        if accepted {
            self.limits.account_failures.clear(conn, name)?;
        } else {
            self.limits.account_failures.record(conn, name, now)?;
            self.limits.client_failures.record(conn, client, now)?;
        }
        Ok(())
    }
}
