//! SQL of an officer's view: a batch's items counted by decision and review status, and the officer's own
//! batches, blocked lines, open questions and recent changes. The meaning is `crate::review::officer`'s.

use super::batches::Batch;
use super::items::Item;
use super::schema::{batches, item_screenings, items};
use super::screenings::Screening;
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// (decision, review status, items) of one batch.
pub fn tally(conn: &mut DbConnection, batch_id: &str) -> Result<Vec<(String, String, i64)>, DbError> {
    Ok(items::table
        .filter(items::batch_id.eq(batch_id))
        .group_by((items::decision, items::review_status))
        .select((items::decision, items::review_status, diesel::dsl::count_star()))
        .load::<(String, String, i64)>(conn)?)
}

/// The batches `user` uploaded in the projects of `scope` (None: all), newest first.
pub fn own_batches(
    conn: &mut DbConnection,
    user: &str,
    scope: Option<&[String]>,
    limit: i64,
) -> Result<Vec<Batch>, DbError> {
    let mut query = batches::table
        .filter(batches::created_by.eq(user.to_string()))
        .into_boxed();
    if let Some(ids) = scope {
        query = query.filter(batches::project_id.eq_any(ids.to_vec()));
    }
    Ok(query
        .order((batches::created_at.desc(), batches::id))
        .limit(limit)
        .load::<Batch>(conn)?)
}

/// Which of an officer's items to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnItems {
    /// Prohibited lines, whatever their review (the order must lose them).
    Prohibited,
    /// Lines with a reviewer's question waiting for the uploader.
    OnHold,
}

/// Items of the batches `user` uploaded (in `scope`), newest batch first then sheet order, with their batch's
/// file name; and how many there are in all.
pub fn own_items(
    conn: &mut DbConnection,
    user: &str,
    scope: Option<&[String]>,
    which: OwnItems,
    limit: i64,
) -> Result<(Vec<(Item, String)>, i64), DbError> {
    let build = || {
        let mut query = items::table
            .inner_join(batches::table)
            .filter(batches::created_by.eq(user.to_string()))
            .into_boxed();
        if let Some(ids) = scope {
            query = query.filter(batches::project_id.eq_any(ids.to_vec()));
        }
        match which {
            OwnItems::Prohibited => query.filter(items::decision.eq("prohibited")),
            OwnItems::OnHold => query.filter(items::review_status.eq("on_hold")),
        }
    };
    let total = build().count().get_result::<i64>(conn)?;
    let rows = build()
        .order((batches::created_at.desc(), items::batch_id, items::position))
        .limit(limit)
        .select((items::all_columns, batches::file_name))
        .load::<(Item, String)>(conn)?;
    Ok((rows, total))
}

/// Re-screenings (a catalogue or list change) since `since` of items of the batches `user` uploaded, newest
/// first, each with its item.
pub fn rescreened_since(
    conn: &mut DbConnection,
    user: &str,
    scope: Option<&[String]>,
    since: NaiveDateTime,
    limit: i64,
) -> Result<Vec<(Screening, Item)>, DbError> {
    let mut query = item_screenings::table
        .inner_join(items::table.inner_join(batches::table))
        .filter(batches::created_by.eq(user.to_string()))
        .filter(item_screenings::cause.eq("rescreen"))
        .filter(item_screenings::screened_at.ge(since))
        .into_boxed();
    if let Some(ids) = scope {
        query = query.filter(batches::project_id.eq_any(ids.to_vec()));
    }
    Ok(query
        .order((item_screenings::screened_at.desc(), item_screenings::id.desc()))
        .limit(limit)
        .select((item_screenings::all_columns, items::all_columns))
        .load::<(Screening, Item)>(conn)?)
}

/// Items of the batches `user` uploaded that a reviewer decided on since `since`, newest first.
pub fn reviewed_since(
    conn: &mut DbConnection,
    user: &str,
    scope: Option<&[String]>,
    since: NaiveDateTime,
    limit: i64,
) -> Result<Vec<Item>, DbError> {
    let mut query = items::table
        .inner_join(batches::table)
        .filter(batches::created_by.eq(user.to_string()))
        .filter(items::reviewed_at.ge(since))
        .into_boxed();
    if let Some(ids) = scope {
        query = query.filter(batches::project_id.eq_any(ids.to_vec()));
    }
    Ok(query
        .order((items::reviewed_at.desc(), items::id.desc()))
        .limit(limit)
        .select(items::all_columns)
        .load::<Item>(conn)?)
}
