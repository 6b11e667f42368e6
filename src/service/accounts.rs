//! Local accounts: who a name and password belong to.

use super::ServiceError;
use crate::auth::{password, Identity, Role};
use crate::db::{users, DbConnection};

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
