//! Browser sessions that can be ended: the cookie names a session id, the database keeps its SHA-256, its
//! subject, its expiry and when it was revoked. Every instance reads the same rows, so a sign-out or an account
//! change ends the session everywhere.

use super::schema::web_sessions;
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

fn digest(id: &str) -> String {
    hex::encode(Sha256::digest(id.as_bytes()))
}

/// Records a new session (and forgets sessions that ended more than a day ago).
pub fn create(
    conn: &mut DbConnection,
    id: &str,
    subject: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::delete(web_sessions::table.filter(web_sessions::expires_at.lt(now - chrono::Duration::days(1))))
        .execute(conn)?;
    diesel::insert_into(web_sessions::table)
        .values((
            web_sessions::id_sha256.eq(digest(id)),
            web_sessions::subject.eq(subject),
            web_sessions::created_at.eq(now),
            web_sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whether the session exists, is not revoked and has not expired.
pub fn is_active(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> Result<bool, DbError> {
    let found = web_sessions::table
        .find(digest(id))
        .filter(web_sessions::revoked_at.is_null())
        .filter(web_sessions::expires_at.gt(now))
        .select(web_sessions::subject)
        .first::<String>(conn)
        .optional()?;
    Ok(found.is_some())
}

/// Ends one session (sign-out).
pub fn revoke(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> Result<(), DbError> {
    diesel::update(
        web_sessions::table
            .find(digest(id))
            .filter(web_sessions::revoked_at.is_null()),
    )
    .set(web_sessions::revoked_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// Ends every session of a user (password, role or projects changed); answers how many were open.
pub fn revoke_subject(conn: &mut DbConnection, subject: &str, now: NaiveDateTime) -> Result<usize, DbError> {
    Ok(diesel::update(
        web_sessions::table
            .filter(web_sessions::subject.eq(subject))
            .filter(web_sessions::revoked_at.is_null()),
    )
    .set(web_sessions::revoked_at.eq(now))
    .execute(conn)?)
}
