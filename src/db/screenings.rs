//! The history of an item's screened decisions (append-only: the database refuses UPDATE and DELETE), and the
//! look-ups the two-reviewer rule needs. The rules are `crate::review::history`; this file only speaks SQL.

use super::items::Item;
use super::schema::{batches, item_screenings, items};
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Causes whose author is a party to the item (uploaded, submitted or changed its data): four eyes.
pub const PARTY_CAUSES: [&str; 4] = ["upload", "submission", "edit", "resubmission"];

#[derive(Debug, Clone, Queryable)]
pub struct Screening {
    pub id: i64,
    pub item_id: i64,
    pub decision: String,
    pub catalog_version: String,
    /// The findings that made the decision, one line (empty for a clear screening).
    pub evidence: String,
    /// upload, submission, edit, resubmission or rescreen.
    pub cause: String,
    pub screened_by: String,
    pub screened_at: NaiveDateTime,
    /// Set when the row repeats the history of the line a re-submission replaces.
    pub from_item_id: Option<i64>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = item_screenings, treat_none_as_default_value = false)]
pub struct NewScreening {
    pub item_id: i64,
    pub decision: String,
    pub catalog_version: String,
    pub evidence: String,
    pub cause: String,
    pub screened_by: String,
    pub screened_at: NaiveDateTime,
    pub from_item_id: Option<i64>,
}

impl NewScreening {
    /// The same screening, repeated in the history of the item `to` that replaces its item.
    pub fn copied(s: &Screening, to: i64) -> NewScreening {
        NewScreening {
            item_id: to,
            decision: s.decision.clone(),
            catalog_version: s.catalog_version.clone(),
            evidence: s.evidence.clone(),
            cause: s.cause.clone(),
            screened_by: s.screened_by.clone(),
            screened_at: s.screened_at,
            from_item_id: Some(s.from_item_id.unwrap_or(s.item_id)),
        }
    }
}

/// PostgreSQL: one binary `COPY`; SQLite: a cached statement per row.
pub fn insert(conn: &mut DbConnection, rows: &[NewScreening]) -> Result<(), DbError> {
    insert_rows!(conn, item_screenings::table, rows, copy_from = 1);
    Ok(())
}

/// An item's history, oldest first.
pub fn for_item(conn: &mut DbConnection, item_id: i64) -> Result<Vec<Screening>, DbError> {
    Ok(item_screenings::table
        .filter(item_screenings::item_id.eq(item_id))
        .order(item_screenings::id)
        .load::<Screening>(conn)?)
}

/// The histories of these items, by item then oldest first.
pub fn for_items(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Screening>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(item_screenings::table
        .filter(item_screenings::item_id.eq_any(ids.to_vec()))
        .order((item_screenings::item_id, item_screenings::id))
        .load::<Screening>(conn)?)
}

/// The histories of every item of a batch, by item then oldest first.
pub fn for_batch(conn: &mut DbConnection, batch_id: &str) -> Result<Vec<Screening>, DbError> {
    Ok(item_screenings::table
        .inner_join(items::table)
        .filter(items::batch_id.eq(batch_id))
        .order((item_screenings::item_id, item_screenings::id))
        .select(item_screenings::all_columns)
        .load::<Screening>(conn)?)
}

/// (position, id) of a batch's items between two positions, inclusive.
pub fn ids_by_position(
    conn: &mut DbConnection,
    batch_id: &str,
    from: i64,
    to: i64,
) -> Result<Vec<(i64, i64)>, DbError> {
    Ok(items::table
        .filter(items::batch_id.eq(batch_id))
        .filter(items::position.between(from, to))
        .select((items::position, items::id))
        .load::<(i64, i64)>(conn)?)
}

/// The latest item of an earlier ERP purchase order of this project with the same reference that holds the same
/// line: the same `line_ref`, or (lines without one) the same line number.
pub fn previous_order_line(
    conn: &mut DbConnection,
    project: &str,
    reference: &str,
    exclude_batch: &str,
    line_ref: Option<&str>,
    line_number: i64,
) -> Result<Option<Item>, DbError> {
    let mut query = items::table
        .inner_join(batches::table)
        .filter(batches::project_id.eq(project))
        .filter(batches::source.eq(super::batches::SOURCE_ERP))
        .filter(batches::file_name.eq(reference))
        .filter(batches::id.ne(exclude_batch))
        .into_boxed();
    query = match line_ref {
        Some(r) => query.filter(items::line_ref.eq(r.to_string())),
        None => query
            .filter(items::line_ref.is_null())
            .filter(items::row_number.eq(line_number)),
    };
    Ok(query
        .order((batches::created_at.desc(), items::id.desc()))
        .select(items::all_columns)
        .first::<Item>(conn)
        .optional()?)
}

/// Whether this project has an earlier ERP purchase order with this reference.
pub fn order_submitted_before(
    conn: &mut DbConnection,
    project: &str,
    reference: &str,
    exclude_batch: &str,
) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(
        batches::table
            .filter(batches::project_id.eq(project))
            .filter(batches::source.eq(super::batches::SOURCE_ERP))
            .filter(batches::file_name.eq(reference))
            .filter(batches::id.ne(exclude_batch)),
    ))
    .get_result(conn)?)
}
