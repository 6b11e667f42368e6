//! SQL of the review queue: the items awaiting a human, filtered, in the order asked for, with the count per
//! review status. The rules are `crate::review::queue`'s.

use super::items::{like_pattern, Item};
use super::review::AWAITING;
use super::schema::{batches, items};
use super::{DbConnection, DbError};
use crate::decision::Decision;
use chrono::NaiveDateTime;
use diesel::prelude::*;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// Filters of the review queue. Every field narrows.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub project: Option<String>,
    pub batch: Option<String>,
    pub decision: Option<String>,
    /// A catalogue entry code, as stored in the classification or set by a reviewer.
    pub entry: Option<String>,
    /// Text search in the description, case-insensitive.
    pub q: Option<String>,
    /// One review status; `None`: every status that awaits a human (pending, on_hold, proposed).
    pub status: Option<String>,
    /// `Some(true)`: only clear items; `Some(false)`: every item but the clear ones (the substantive reviews).
    pub clear: Option<bool>,
    pub order: QueueOrder,
}

/// The queue's order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum QueueOrder {
    /// Oldest batch first, then sheet order (the API's).
    #[default]
    OldestBatchFirst,
    /// Most severe decision first, then newest batch first, then sheet order.
    SeverityNewestFirst,
    /// Most severe decision first, then oldest batch first, then sheet order.
    SeverityOldestFirst,
}

/// One queue row: the item, its project, when its batch arrived and who uploaded or submitted it.
pub type QueueRow = (Item, String, NaiveDateTime, String);

/// A page of the queue, the total, and (review status, count) pairs.
pub type QueuePage = (Vec<QueueRow>, i64, Vec<(String, i64)>);

/// The queue, oldest batch first, then in sheet order; and the count per review status under the same filters
/// (the status filter aside).
pub fn queue(
    conn: &mut DbConnection,
    only: Option<&[String]>,
    filter: &QueueFilter,
    limit: i64,
    offset: i64,
) -> Result<QueuePage, DbError> {
    let build = |with_status: bool| {
        let mut query = items::table.inner_join(batches::table).into_boxed();
        if let Some(ids) = only {
            query = query.filter(batches::project_id.eq_any(ids.to_vec()));
        }
        if let Some(v) = &filter.project {
            query = query.filter(batches::project_id.eq(v.clone()));
        }
        if let Some(v) = &filter.batch {
            query = query.filter(items::batch_id.eq(v.clone()));
        }
        if let Some(v) = &filter.decision {
            query = query.filter(items::decision.eq(v.clone()));
        }
        if let Some(code) = &filter.entry {
            // The classification JSON names each finding's entry as "entry":"CODE".
            let pattern = format!("%\"entry\":{}%", serde_json::Value::from(code.as_str()));
            query = query.filter(
                items::review_entry
                    .eq(code.clone())
                    .or(items::classification.like(pattern)),
            );
        }
        if let Some(q) = &filter.q {
            query = query.filter(lower(items::description).like(like_pattern(q)).escape('\\'));
        }
        match filter.clear {
            Some(true) => query = query.filter(items::decision.eq(Decision::Clear.as_str())),
            Some(false) => query = query.filter(items::decision.ne(Decision::Clear.as_str())),
            None => {}
        }
        if with_status {
            match &filter.status {
                Some(status) => query = query.filter(items::review_status.eq(status.clone())),
                None => query = query.filter(items::review_status.eq_any(AWAITING)),
            }
        }
        query
    };
    let total: i64 = build(true).count().get_result(conn)?;
    let ordered = match filter.order {
        QueueOrder::OldestBatchFirst => {
            build(true).order((batches::created_at.asc(), items::batch_id.asc(), items::position.asc()))
        }
        QueueOrder::SeverityNewestFirst => build(true).order((
            super::items::severity_rank().asc(),
            batches::created_at.desc(),
            items::batch_id.asc(),
            items::position.asc(),
        )),
        QueueOrder::SeverityOldestFirst => build(true).order((
            super::items::severity_rank().asc(),
            batches::created_at.asc(),
            items::batch_id.asc(),
            items::position.asc(),
        )),
    };
    let rows = ordered
        .limit(limit)
        .offset(offset)
        .select((
            items::all_columns,
            batches::project_id,
            batches::created_at,
            batches::created_by,
        ))
        .load::<QueueRow>(conn)?;
    let mut counts = Vec::new();
    for status in super::items::REVIEW_STATUSES {
        let n: i64 = build(false)
            .filter(items::review_status.eq(status))
            .count()
            .get_result(conn)?;
        counts.push((status.to_string(), n));
    }
    Ok((rows, total, counts))
}
