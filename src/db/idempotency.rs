//! Idempotency records of ERP requests: the key is scoped to the token's subject.

use super::schema::idempotency;
use super::{DbConnection, DbError};
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// First use of the key: the caller does the work, then `complete` (or `abandon`).
    Started,
    /// Same key, same request, already answered: replay this.
    Replay { status: u16, body: String },
    /// Same key, same request, still being processed by another request.
    InProgress,
    /// Same key, different request.
    Mismatch,
}

pub fn begin(conn: &mut DbConnection, subject: &str, key: &str, request_hash: &str) -> Result<Begin, DbError> {
    // Look first: on SQLite a reader is never blocked by the writer storing the first request, so a concurrent
    // duplicate is told 409 at once instead of waiting for the write lock.
    if let Some(found) = existing(conn, subject, key, request_hash)? {
        return Ok(found);
    }
    let inserted = diesel::insert_into(idempotency::table)
        .values((
            idempotency::subject.eq(subject),
            idempotency::idempotency_key.eq(key),
            idempotency::request_hash.eq(request_hash),
            idempotency::created_at.eq(super::now()),
        ))
        .execute(conn)
        .map_err(DbError::from);
    match inserted {
        Ok(_) => Ok(Begin::Started),
        // Another request inserted it between our read and our insert.
        Err(e) if e.is_unique_violation() => {
            Ok(existing(conn, subject, key, request_hash)?.unwrap_or(Begin::InProgress))
        }
        Err(e) => Err(e),
    }
}

fn existing(conn: &mut DbConnection, subject: &str, key: &str, request_hash: &str) -> Result<Option<Begin>, DbError> {
    let row = idempotency::table
        .find((subject, key))
        .select((
            idempotency::request_hash,
            idempotency::response_status,
            idempotency::response_body,
        ))
        .first::<(String, Option<i32>, Option<String>)>(conn)
        .optional()?;
    Ok(row.map(|row| match row {
        (hash, _, _) if hash != request_hash => Begin::Mismatch,
        (_, Some(status), Some(body)) => Begin::Replay {
            status: u16::try_from(status).unwrap_or(200),
            body,
        },
        _ => Begin::InProgress,
    }))
}

pub fn complete(conn: &mut DbConnection, subject: &str, key: &str, status: u16, body: &str) -> Result<(), DbError> {
    diesel::update(idempotency::table.find((subject, key)))
        .set((
            idempotency::response_status.eq(i32::from(status)),
            idempotency::response_body.eq(body),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets a key whose request failed, so that the client may retry it.
pub fn abandon(conn: &mut DbConnection, subject: &str, key: &str) -> Result<(), DbError> {
    diesel::delete(idempotency::table.find((subject, key))).execute(conn)?;
    Ok(())
}
