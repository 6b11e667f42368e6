//! Idempotency records of ERP requests: the key is scoped to the token's subject.
//!
//! The key is claimed (a row without a response) before the work, outside the work's transaction, so that a
//! concurrent duplicate is told 409 at once. A claim is a lease: its `created_at` says when it was taken, and a
//! claim older than the timeout (its request crashed or was killed) is taken over by the next retry. The work
//! then stores its response only while it still holds the lease it took (same `created_at`), in the
//! transaction that stores the work, so a request that outlives its lease rolls back instead of doubling it.

use super::schema::idempotency;
use super::{DbConnection, DbError};
use chrono::{NaiveDateTime, SubsecRound};
use diesel::prelude::*;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// The caller holds the key (first use, or a stale claim taken over): do the work, then `complete` with
    /// this lease (or `abandon`).
    Started { lease: NaiveDateTime },
    /// Same key, same request, already answered: replay this.
    Replay { status: u16, body: String },
    /// Same key, same request, still being processed by another request (retry after `retry_after` seconds).
    InProgress { retry_after: u64 },
    /// Same key, different request.
    Mismatch,
}

/// The claim is no longer this request's (taken over after its lease ran out): nothing may be stored.
#[derive(Debug, thiserror::Error)]
#[error("the idempotency key's lease ran out and another request took it over")]
pub struct LeaseLost;

struct Row {
    hash: String,
    status: Option<i32>,
    body: Option<String>,
    created_at: NaiveDateTime,
}

pub fn begin(
    conn: &mut DbConnection,
    subject: &str,
    key: &str,
    request_hash: &str,
    timeout: Duration,
    now: NaiveDateTime,
) -> Result<Begin, DbError> {
    // PostgreSQL keeps microseconds: the lease must compare equal after the round trip.
    let now = now.trunc_subsecs(6);
    // Look first: on SQLite a reader is never blocked by the writer storing the first request, so a concurrent
    // duplicate is told 409 at once instead of waiting for the write lock.
    if let Some(row) = existing(conn, subject, key)? {
        return decide(conn, subject, key, request_hash, row, timeout, now);
    }
    let inserted = diesel::insert_into(idempotency::table)
        .values((
            idempotency::subject.eq(subject),
            idempotency::idempotency_key.eq(key),
            idempotency::request_hash.eq(request_hash),
            idempotency::created_at.eq(now),
        ))
        .execute(conn)
        .map_err(DbError::from);
    match inserted {
        Ok(_) => Ok(Begin::Started { lease: now }),
        // Another request inserted it between our read and our insert.
        Err(e) if e.is_unique_violation() => match existing(conn, subject, key)? {
            Some(row) => decide(conn, subject, key, request_hash, row, timeout, now),
            None => Ok(Begin::InProgress { retry_after: 1 }),
        },
        Err(e) => Err(e),
    }
}

fn decide(
    conn: &mut DbConnection,
    subject: &str,
    key: &str,
    request_hash: &str,
    row: Row,
    timeout: Duration,
    now: NaiveDateTime,
) -> Result<Begin, DbError> {
    if row.hash != request_hash {
        return Ok(Begin::Mismatch);
    }
    if let (Some(status), Some(body)) = (row.status, row.body) {
        return Ok(Begin::Replay {
            status: u16::try_from(status).unwrap_or(200),
            body,
        });
    }
    let timeout = chrono::Duration::from_std(timeout).unwrap_or(chrono::Duration::MAX);
    let expires = row.created_at.checked_add_signed(timeout).unwrap_or(NaiveDateTime::MAX);
    if expires > now {
        let left = (expires - now).num_seconds().max(1);
        return Ok(Begin::InProgress {
            retry_after: u64::try_from(left).unwrap_or(1),
        });
    }
    // A stale claim: take it over, unless another retry just did (compare and set on the old lease).
    let taken = diesel::update(
        idempotency::table
            .find((subject, key))
            .filter(idempotency::created_at.eq(row.created_at))
            .filter(idempotency::response_status.is_null()),
    )
    .set(idempotency::created_at.eq(now))
    .execute(conn)?;
    Ok(if taken == 1 {
        tracing::warn!(
            subject,
            "an idempotency key left in progress was taken over after its lease ran out"
        );
        Begin::Started { lease: now }
    } else {
        Begin::InProgress { retry_after: 1 }
    })
}

fn existing(conn: &mut DbConnection, subject: &str, key: &str) -> Result<Option<Row>, DbError> {
    let row = idempotency::table
        .find((subject, key))
        .select((
            idempotency::request_hash,
            idempotency::response_status,
            idempotency::response_body,
            idempotency::created_at,
        ))
        .first::<(String, Option<i32>, Option<String>, NaiveDateTime)>(conn)
        .optional()?;
    Ok(row.map(|(hash, status, body, created_at)| Row {
        hash,
        status,
        body,
        created_at,
    }))
}

/// Stores the response, if this request still holds its lease (run it in the transaction that stores the work).
pub fn complete(
    conn: &mut DbConnection,
    subject: &str,
    key: &str,
    lease: NaiveDateTime,
    status: u16,
    body: &str,
) -> Result<Result<(), LeaseLost>, DbError> {
    let updated = diesel::update(
        idempotency::table
            .find((subject, key))
            .filter(idempotency::created_at.eq(lease))
            .filter(idempotency::response_status.is_null()),
    )
    .set((
        idempotency::response_status.eq(i32::from(status)),
        idempotency::response_body.eq(body),
    ))
    .execute(conn)?;
    Ok(if updated == 1 { Ok(()) } else { Err(LeaseLost) })
}

/// Forgets a key whose request failed, so that the client may retry it (only while this request holds it).
pub fn abandon(conn: &mut DbConnection, subject: &str, key: &str, lease: NaiveDateTime) -> Result<(), DbError> {
    diesel::delete(
        idempotency::table
            .find((subject, key))
            .filter(idempotency::created_at.eq(lease))
            .filter(idempotency::response_status.is_null()),
    )
    .execute(conn)?;
    Ok(())
}
