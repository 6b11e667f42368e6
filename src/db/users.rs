//! Users of a self-contained installation (argon2 password hashes).

use super::schema::users;
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable)]
pub struct User {
    pub name: String,
    pub password_hash: String,
    pub role: String,
    /// JSON array of project ids.
    pub projects: String,
    pub created_at: NaiveDateTime,
    /// The language chosen with the pages' switcher (`en`, `fr` ...); None: the browser's.
    pub language: Option<String>,
    /// When an administrator disabled the account; a disabled account cannot sign in.
    pub disabled_at: Option<NaiveDateTime>,
}

impl User {
    pub fn project_list(&self) -> Result<Vec<String>, DbError> {
        serde_json::from_str(&self.projects).map_err(|e| DbError::Corrupt(format!("user {}: {e}", self.name)))
    }
}

/// Remembers the language a person chose on the pages (no row for a person known only by a token: nothing to do).
pub fn set_language(conn: &mut DbConnection, name: &str, language: &str) -> Result<(), DbError> {
    diesel::update(users::table.find(name))
        .set(users::language.eq(Some(language)))
        .execute(conn)?;
    Ok(())
}

/// Every account, by name (installations have tens to a few hundred).
pub fn list(conn: &mut DbConnection) -> Result<Vec<User>, DbError> {
    Ok(users::table.order(users::name).load::<User>(conn)?)
}

/// How many enabled admin accounts there are (an installation keeps at least one).
pub fn active_admins(conn: &mut DbConnection) -> Result<i64, DbError> {
    Ok(users::table
        .filter(users::role.eq("admin"))
        .filter(users::disabled_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Creates an account; answers false (and changes nothing) when the name is taken.
pub fn create(
    conn: &mut DbConnection,
    name: &str,
    password_hash: &str,
    role: &str,
    projects: &[String],
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    if get(conn, name)?.is_some() {
        return Ok(false);
    }
    for project in projects {
        super::projects::ensure(conn, project)?;
    }
    diesel::insert_into(users::table)
        .values((
            users::name.eq(name),
            users::password_hash.eq(password_hash),
            users::role.eq(role),
            users::projects.eq(projects_json(projects)?),
            users::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Gives an account another role and project list. Call inside a write transaction; the caller ends the
/// account's sessions.
pub fn set_access(conn: &mut DbConnection, name: &str, role: &str, projects: &[String]) -> Result<(), DbError> {
    for project in projects {
        super::projects::ensure(conn, project)?;
    }
    diesel::update(users::table.find(name))
        .set((users::role.eq(role), users::projects.eq(projects_json(projects)?)))
        .execute(conn)?;
    Ok(())
}

/// Disables (`Some(when)`) or enables (`None`) an account.
pub fn set_disabled(conn: &mut DbConnection, name: &str, disabled_at: Option<NaiveDateTime>) -> Result<(), DbError> {
    diesel::update(users::table.find(name))
        .set(users::disabled_at.eq(disabled_at))
        .execute(conn)?;
    Ok(())
}

pub fn set_password(conn: &mut DbConnection, name: &str, password_hash: &str) -> Result<(), DbError> {
    diesel::update(users::table.find(name))
        .set(users::password_hash.eq(password_hash))
        .execute(conn)?;
    Ok(())
}

fn projects_json(projects: &[String]) -> Result<String, DbError> {
    serde_json::to_string(projects).map_err(|e| DbError::Corrupt(e.to_string()))
}

pub fn get(conn: &mut DbConnection, name: &str) -> Result<Option<User>, DbError> {
    Ok(users::table.find(name).first::<User>(conn).optional()?)
}

/// Creates the user or replaces their password, role and projects (ending their browser sessions).
pub fn upsert(
    conn: &mut DbConnection,
    name: &str,
    password_hash: &str,
    role: &str,
    projects: &[String],
) -> Result<(), DbError> {
    let projects_json = projects_json(projects)?;
    super::write(conn, |conn| {
        for project in projects {
            super::projects::ensure(conn, project)?;
        }
        let updated = diesel::update(users::table.find(name))
            .set((
                users::password_hash.eq(password_hash),
                users::role.eq(role),
                users::projects.eq(&projects_json),
            ))
            .execute(conn)?;
        if updated > 0 {
            // A new password, role or project list ends the sessions signed in under the old ones.
            super::sessions::revoke_subject(conn, name, super::now())?;
        }
        if updated == 0 {
            diesel::insert_into(users::table)
                .values((
                    users::name.eq(name),
                    users::password_hash.eq(password_hash),
                    users::role.eq(role),
                    users::projects.eq(&projects_json),
                    users::created_at.eq(super::now()),
                ))
                .execute(conn)?;
        }
        Ok::<_, DbError>(())
    })
}
