//! Batches: one uploaded file or one ERP purchase order.

use super::schema::batches;
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub const SOURCE_UPLOAD: &str = "upload";
pub const SOURCE_ERP: &str = "erp";
pub const STATUS_COMPLETE: &str = "complete";
pub const STATUS_IMPORTING: &str = "importing";

#[derive(Debug, Clone, Queryable)]
pub struct Batch {
    pub id: String,
    pub project_id: String,
    pub file_name: String,
    pub sha256: String,
    pub source: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub catalog_version: String,
    pub status: String,
    pub item_count: i64,
    pub problem_count: i64,
    /// JSON: items per decision and problems.
    pub summary: String,
    /// JSON: the detected sheet layout (uploads).
    pub layout: Option<String>,
    /// open, blocked, cleared or partially_cleared (`crate::review::BatchState`).
    pub review_state: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = batches, treat_none_as_default_value = false)]
pub struct NewBatch<'a> {
    pub id: &'a str,
    pub project_id: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub source: &'a str,
    pub created_by: &'a str,
    pub created_at: NaiveDateTime,
    pub catalog_version: &'a str,
    pub status: &'a str,
    pub item_count: i64,
    pub problem_count: i64,
    pub summary: &'a str,
    pub layout: Option<&'a str>,
}

#[derive(Debug, Clone, Default)]
pub struct BatchFilter {
    pub project: Option<String>,
    pub source: Option<String>,
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<Option<Batch>, DbError> {
    Ok(batches::table.find(id).first::<Batch>(conn).optional()?)
}

/// The upload of this exact file (same SHA-256) to this project, if any.
pub fn find_upload(conn: &mut DbConnection, project: &str, sha256: &str) -> Result<Option<Batch>, DbError> {
    Ok(batches::table
        .filter(batches::project_id.eq(project))
        .filter(batches::sha256.eq(sha256))
        .filter(batches::source.eq(SOURCE_UPLOAD))
        .first::<Batch>(conn)
        .optional()?)
}

/// The ERP order stored under this project and reference (the natural key), if any.
pub fn find_order(conn: &mut DbConnection, project: &str, reference: &str) -> Result<Option<Batch>, DbError> {
    Ok(batches::table
        .filter(batches::project_id.eq(project))
        .filter(batches::file_name.eq(reference))
        .filter(batches::source.eq(SOURCE_ERP))
        .filter(batches::status.eq(STATUS_COMPLETE))
        .order((batches::created_at.desc(), batches::id.desc()))
        .first::<Batch>(conn)
        .optional()?)
}

/// Serialises writers of the same order reference until the transaction ends. SQLite has one writer at a time
/// already; PostgreSQL takes a transaction-scoped advisory lock on the key's hash.
pub fn lock_order_reference(conn: &mut DbConnection, project: &str, reference: &str) -> Result<(), DbError> {
    if let DbConnection::Pg(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 13))")
            .bind::<diesel::sql_types::Text, _>(format!("order\u{1f}{project}\u{1f}{reference}"))
            .execute(c)?;
    }
    Ok(())
}

/// Newest first; `only` restricts to these projects (`None`: every project).
pub fn list(
    conn: &mut DbConnection,
    only: Option<&[String]>,
    filter: &BatchFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Batch>, i64), DbError> {
    let build = || {
        let mut query = batches::table.into_boxed();
        if let Some(ids) = only {
            query = query.filter(batches::project_id.eq_any(ids.to_vec()));
        }
        if let Some(project) = &filter.project {
            query = query.filter(batches::project_id.eq(project.clone()));
        }
        if let Some(source) = &filter.source {
            query = query.filter(batches::source.eq(source.clone()));
        }
        query
    };
    let total = build().count().get_result::<i64>(conn)?;
    let rows = build()
        .order((batches::created_at.desc(), batches::id))
        .limit(limit)
        .offset(offset)
        .load::<Batch>(conn)?;
    Ok((rows, total))
}

pub fn insert(conn: &mut DbConnection, batch: &NewBatch<'_>) -> Result<(), DbError> {
    diesel::insert_into(batches::table).values(batch).execute(conn)?;
    Ok(())
}

/// Records the outcome of a batch once all its items are in (same transaction).
pub fn finish(
    conn: &mut DbConnection,
    id: &str,
    item_count: i64,
    problem_count: i64,
    summary: &str,
    layout: Option<&str>,
) -> Result<(), DbError> {
    diesel::update(batches::table.find(id))
        .set((
            batches::status.eq(STATUS_COMPLETE),
            batches::item_count.eq(item_count),
            batches::problem_count.eq(problem_count),
            batches::summary.eq(summary),
            batches::layout.eq(layout),
        ))
        .execute(conn)?;
    Ok(())
}
