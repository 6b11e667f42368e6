//! Secret calendar-feed tokens: one per project, stored as their SHA-256.

use crate::db::schema::calendar_feeds;
use crate::db::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Sets the project's feed token (replacing any earlier one); true when one was replaced.
pub fn replace(
    conn: &mut DbConnection,
    project: &str,
    token_sha256: &str,
    created_by: &str,
    at: NaiveDateTime,
) -> Result<bool, DbError> {
    let replaced = revoke(conn, project)?;
    diesel::insert_into(calendar_feeds::table)
        .values((
            calendar_feeds::project_id.eq(project),
            calendar_feeds::token_sha256.eq(token_sha256),
            calendar_feeds::created_by.eq(created_by),
            calendar_feeds::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(replaced)
}

/// Removes the project's feed token; true when there was one.
pub fn revoke(conn: &mut DbConnection, project: &str) -> Result<bool, DbError> {
    let deleted = diesel::delete(calendar_feeds::table.find(project)).execute(conn)?;
    Ok(deleted > 0)
}

/// The project whose feed token has this hash.
pub fn project_of(conn: &mut DbConnection, token_sha256: &str) -> Result<Option<String>, DbError> {
    Ok(calendar_feeds::table
        .filter(calendar_feeds::token_sha256.eq(token_sha256))
        .select(calendar_feeds::project_id)
        .first(conn)
        .optional()?)
}
