//! The audit_log table: append, read in chain order, filter. The chain itself (hashing, verification) is
//! `crate::audit`; this file only speaks SQL.

use super::schema::audit_log;
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// One stored audit record, exactly as in the database.
#[derive(Debug, Clone, PartialEq, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
pub struct AuditRow {
    pub seq: i64,
    pub recorded_at: NaiveDateTime,
    pub actor: String,
    pub actor_role: String,
    pub auth_method: String,
    pub action: String,
    pub outcome: String,
    pub entity_type: String,
    pub entity_id: String,
    pub project_id: Option<String>,
    pub before_state: Option<String>,
    pub after_state: Option<String>,
    pub reason: Option<String>,
    pub request_id: Option<String>,
    pub idempotency_key: Option<String>,
    pub catalog_version: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// Filters of `GET /api/v1/audit` and item histories. Every field narrows; `None` does not filter.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

/// Serialises appends on PostgreSQL for the rest of the transaction, so two writers never read the same chain
/// head. SQLite needs nothing: writes already run under `BEGIN IMMEDIATE`, one at a time. Either way the primary
/// key on `seq` makes a fork impossible: the second writer would fail, not branch.
pub fn lock_chain(conn: &mut DbConnection) -> Result<(), DbError> {
    if let DbConnection::Pg(_) = conn {
        // An arbitrary application-wide key for "the audit chain" (no digit separators: PostgreSQL < 16).
        diesel::sql_query("SELECT pg_advisory_xact_lock(7361204519)").execute(conn)?;
    }
    Ok(())
}

/// The last record's sequence number and hash, if any.
pub fn head(conn: &mut DbConnection) -> Result<Option<(i64, String)>, DbError> {
    Ok(audit_log::table
        .select((audit_log::seq, audit_log::hash))
        .order(audit_log::seq.desc())
        .first::<(i64, String)>(conn)
        .optional()?)
}

pub fn insert(conn: &mut DbConnection, row: &AuditRow) -> Result<(), DbError> {
    diesel::insert_into(audit_log::table).values(row).execute(conn)?;
    Ok(())
}

/// Several records at once (bulk review steps record thousands).
pub fn insert_many(conn: &mut DbConnection, rows: &[AuditRow]) -> Result<(), DbError> {
    insert_rows!(conn, audit_log::table, rows, copy_from = super::COPY_FROM_ROWS);
    Ok(())
}

/// Records after `after_seq` in chain order, at most `limit`: the verifier walks the whole table this way.
pub fn chain_page(conn: &mut DbConnection, after_seq: i64, limit: i64) -> Result<Vec<AuditRow>, DbError> {
    Ok(audit_log::table
        .filter(audit_log::seq.gt(after_seq))
        .order(audit_log::seq.asc())
        .limit(limit)
        .load::<AuditRow>(conn)?)
}

/// Matching records, newest first, and how many match. `only`: restrict to these projects (`None`: all records,
/// for admins; records without a project are then included).
pub fn list(
    conn: &mut DbConnection,
    only: Option<&[String]>,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<AuditRow>, i64), DbError> {
    let build = || {
        let mut query = audit_log::table.into_boxed();
        if let Some(projects) = only {
            query = query.filter(audit_log::project_id.eq_any(projects.to_vec()));
        }
        if let Some(v) = &filter.entity_type {
            query = query.filter(audit_log::entity_type.eq(v.clone()));
        }
        if let Some(v) = &filter.entity_id {
            query = query.filter(audit_log::entity_id.eq(v.clone()));
        }
        if let Some(v) = &filter.actor {
            query = query.filter(audit_log::actor.eq(v.clone()));
        }
        if let Some(v) = &filter.action {
            query = query.filter(audit_log::action.eq(v.clone()));
        }
        if let Some(v) = &filter.outcome {
            query = query.filter(audit_log::outcome.eq(v.clone()));
        }
        if let Some(v) = filter.from {
            query = query.filter(audit_log::recorded_at.ge(v));
        }
        if let Some(v) = filter.until {
            query = query.filter(audit_log::recorded_at.lt(v));
        }
        query
    };
    let total: i64 = build().count().get_result(conn)?;
    let rows = build()
        .order(audit_log::seq.desc())
        .limit(limit)
        .offset(offset)
        .load::<AuditRow>(conn)?;
    Ok((rows, total))
}
