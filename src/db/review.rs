//! SQL of the review workflow: conditional (versioned) updates of an item's review, the queue, batch states.
//! The rules are `crate::review`; this file only speaks SQL.

use super::batches::Batch;
use super::items::Item;
use super::schema::{batches, deliveries, item_screenings, items};
use super::screenings::PARTY_CAUSES;
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Review statuses of items that still wait for a human.
pub const AWAITING: [&str; 3] = ["pending", "on_hold", "proposed"];

/// Everything a review step may change on an item. `None` clears the column.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = items, treat_none_as_null = true)]
pub struct ReviewChange {
    pub decision: String,
    pub review_status: String,
    pub review_note: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub review_entry: Option<String>,
    pub proposal: Option<String>,
    pub question: Option<String>,
    pub rescreen: Option<String>,
    pub ever_prohibited: bool,
    pub lowered_by: Option<String>,
    pub lowering_confirmed_by: Option<String>,
}

impl ReviewChange {
    /// The item's current review columns, to be modified.
    pub fn from_item(item: &Item) -> ReviewChange {
        ReviewChange {
            decision: item.decision.clone(),
            review_status: item.review_status.clone(),
            review_note: item.review_note.clone(),
            reviewed_by: item.reviewed_by.clone(),
            reviewed_at: item.reviewed_at,
            review_entry: item.review_entry.clone(),
            proposal: item.proposal.clone(),
            question: item.question.clone(),
            rescreen: item.rescreen.clone(),
            ever_prohibited: item.ever_prohibited,
            lowered_by: item.lowered_by.clone(),
            lowering_confirmed_by: item.lowering_confirmed_by.clone(),
        }
    }
}

/// An item with its batch.
pub fn item_with_batch(conn: &mut DbConnection, id: i64) -> Result<Option<(Item, Batch)>, DbError> {
    let Some(item) = items::table.find(id).first::<Item>(conn).optional()? else {
        return Ok(None);
    };
    let batch = batches::table.find(&item.batch_id).first::<Batch>(conn)?;
    Ok(Some((item, batch)))
}

/// Applies `change` only if the item still has `expected_version`; raises the version. False when another
/// writer got there first (the caller answers 409).
pub fn update_if_version(
    conn: &mut DbConnection,
    id: i64,
    expected_version: i64,
    change: &ReviewChange,
) -> Result<bool, DbError> {
    let updated = diesel::update(items::table.find(id).filter(items::version.eq(expected_version)))
        .set((change, items::version.eq(items::version + 1)))
        .execute(conn)?;
    Ok(updated == 1)
}

/// An item's data and machine classification, as an edit or a rescreen sets them. `None` clears the column.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = items, treat_none_as_null = true)]
pub struct ItemData {
    pub description: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub unit_price: Option<f64>,
    pub currency: Option<String>,
    pub hs_code: Option<String>,
    pub control_code: Option<String>,
    pub supplier: Option<String>,
    pub origin: Option<String>,
    pub end_user: Option<String>,
    pub destination: Option<String>,
    pub classification: String,
}

impl ItemData {
    pub fn from_item(item: &Item) -> ItemData {
        ItemData {
            description: item.description.clone(),
            quantity: item.quantity,
            unit: item.unit.clone(),
            unit_price: item.unit_price,
            currency: item.currency.clone(),
            hs_code: item.hs_code.clone(),
            control_code: item.control_code.clone(),
            supplier: item.supplier.clone(),
            origin: item.origin.clone(),
            end_user: item.end_user.clone(),
            destination: item.destination.clone(),
            classification: item.classification.clone(),
        }
    }
}

/// Applies new data and review columns only if the item still has `expected_version`; raises the version.
pub fn update_data_if_version(
    conn: &mut DbConnection,
    id: i64,
    expected_version: i64,
    data: &ItemData,
    change: &ReviewChange,
) -> Result<bool, DbError> {
    let updated = diesel::update(items::table.find(id).filter(items::version.eq(expected_version)))
        .set((data, change, items::version.eq(items::version + 1)))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Batches in creation order, `limit` after `after` (keyset paging for rescreening).
pub fn batch_ids_after(conn: &mut DbConnection, after: Option<&str>, limit: i64) -> Result<Vec<String>, DbError> {
    let mut query = batches::table
        .select(batches::id)
        .order(batches::id)
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(batches::id.gt(after.to_string()));
    }
    Ok(query.load::<String>(conn)?)
}

/// Items of a batch that a rescreen may send back to the queue, `limit` after position `after`: every item not
/// yet delivered (a delivered item's decision is history; monitoring follows it).
pub fn rescreen_candidates(
    conn: &mut DbConnection,
    batch_id: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<Item>, DbError> {
    Ok(items::table
        .filter(items::batch_id.eq(batch_id))
        .filter(items::position.gt(after))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            deliveries::table.filter(deliveries::item_id.eq(items::id)),
        )))
        .order(items::position)
        .limit(limit)
        .load::<Item>(conn)?)
}

/// Whether the item has been delivered (monitoring recorded a delivery of it).
pub fn is_delivered(conn: &mut DbConnection, item_id: i64) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(
        deliveries::table.filter(deliveries::item_id.eq(item_id)),
    ))
    .get_result(conn)?)
}

/// Pending `clear` items of a batch (or only those of `ids`) that `by` may approve in bulk, after position
/// `after`, at most `limit`, in order: never one ever prohibited, nor one `by` uploaded, submitted or edited.
pub fn pending_clear(
    conn: &mut DbConnection,
    batch_id: &str,
    ids: Option<&[i64]>,
    by: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<Item>, DbError> {
    let mut query = items::table
        .filter(items::batch_id.eq(batch_id))
        .filter(items::review_status.eq("pending"))
        .filter(items::decision.eq("clear"))
        .filter(items::ever_prohibited.eq(false))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            item_screenings::table
                .filter(item_screenings::item_id.eq(items::id))
                .filter(item_screenings::screened_by.eq(by.to_string()))
                .filter(item_screenings::cause.eq_any(PARTY_CAUSES)),
        )))
        .filter(items::position.gt(after))
        .into_boxed();
    if let Some(ids) = ids {
        query = query.filter(items::id.eq_any(ids.to_vec()));
    }
    Ok(query.order(items::position).limit(limit).load::<Item>(conn)?)
}

/// Pending `clear` items of a batch (or of `ids`) that a bulk approval by `by` leaves alone, in order, with
/// whether each was ever prohibited (else `by` is a party to it).
pub fn held_from_bulk(
    conn: &mut DbConnection,
    batch_id: &str,
    ids: Option<&[i64]>,
    by: &str,
) -> Result<Vec<(Item, bool)>, DbError> {
    let mut query = items::table
        .filter(items::batch_id.eq(batch_id))
        .filter(items::review_status.eq("pending"))
        .filter(items::decision.eq("clear"))
        .filter(
            items::ever_prohibited.eq(true).or(diesel::dsl::exists(
                item_screenings::table
                    .filter(item_screenings::item_id.eq(items::id))
                    .filter(item_screenings::screened_by.eq(by.to_string()))
                    .filter(item_screenings::cause.eq_any(PARTY_CAUSES)),
            )),
        )
        .into_boxed();
    if let Some(ids) = ids {
        query = query.filter(items::id.eq_any(ids.to_vec()));
    }
    let rows = query.order(items::position).load::<Item>(conn)?;
    Ok(rows
        .into_iter()
        .map(|i| {
            let ever = i.ever_prohibited;
            (i, ever)
        })
        .collect())
}

/// Approves these items if they are still pending, clear and never prohibited, in one statement; answers how
/// many changed.
pub fn approve_pending_clear(
    conn: &mut DbConnection,
    ids: &[i64],
    note: &str,
    by: &str,
    at: NaiveDateTime,
) -> Result<usize, DbError> {
    Ok(diesel::update(
        items::table
            .filter(items::id.eq_any(ids.to_vec()))
            .filter(items::review_status.eq("pending"))
            .filter(items::decision.eq("clear"))
            .filter(items::ever_prohibited.eq(false)),
    )
    .set((
        items::review_status.eq("approved"),
        items::review_note.eq(note),
        items::reviewed_by.eq(by),
        items::reviewed_at.eq(at),
        items::version.eq(items::version + 1),
    ))
    .execute(conn)?)
}

/// What a batch's state follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchCounts {
    pub items: i64,
    pub prohibited: i64,
    pub awaiting: i64,
    pub approved: i64,
}

pub fn batch_counts(conn: &mut DbConnection, batch_id: &str) -> Result<BatchCounts, DbError> {
    // One pass over the batch's items, grouped, instead of a count per figure: every review step asks.
    let groups: Vec<(String, String, i64)> = items::table
        .filter(items::batch_id.eq(batch_id))
        .group_by((items::decision, items::review_status))
        .select((items::decision, items::review_status, diesel::dsl::count_star()))
        .load(conn)?;
    let mut counts = BatchCounts::default();
    for (decision, status, n) in groups {
        counts.items += n;
        if decision == "prohibited" {
            counts.prohibited += n;
        }
        if AWAITING.contains(&status.as_str()) {
            counts.awaiting += n;
        }
        if status == "approved" {
            counts.approved += n;
        }
    }
    Ok(counts)
}

pub fn set_batch_state(conn: &mut DbConnection, batch_id: &str, state: &str) -> Result<(), DbError> {
    diesel::update(batches::table.find(batch_id))
        .set(batches::review_state.eq(state))
        .execute(conn)?;
    Ok(())
}

pub use super::queue::{queue, QueueFilter, QueueOrder, QueuePage, QueueRow};

/// Every item not yet delivered, as the impact report of a catalogue change reads it, `page` items per query.
pub fn stored_for_impact(conn: &mut DbConnection, page: i64) -> Result<Vec<crate::catalog::diff::StoredItem>, DbError> {
    let mut out = Vec::new();
    let mut after = 0;
    loop {
        let items = undelivered_after(conn, after, page.max(1))?;
        let Some(last) = items.last() else { break };
        after = last.id;
        out.extend(items.into_iter().map(crate::catalog::diff::StoredItem::from));
    }
    Ok(out)
}

/// Items not yet delivered, in id order, `limit` after id `after` (keyset paging over every batch; for the
/// impact report of a catalogue change, which reads and never writes).
pub fn undelivered_after(conn: &mut DbConnection, after: i64, limit: i64) -> Result<Vec<Item>, DbError> {
    Ok(items::table
        .filter(items::id.gt(after))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            deliveries::table.filter(deliveries::item_id.eq(items::id)),
        )))
        .order(items::id)
        .limit(limit)
        .load::<Item>(conn)?)
}
