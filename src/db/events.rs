//! The events table (the change feed) and its outbox: each event is stored, and a delivery queued for every
//! webhook of its project, in the transaction of the change it reports.

use super::schema::{events, webhook_deliveries, webhooks};
use super::{audit, jobs, DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// One stored event.
#[derive(Debug, Clone, PartialEq, Queryable, Insertable)]
#[diesel(table_name = events, treat_none_as_default_value = false)]
pub struct EventRow {
    pub seq: i64,
    pub occurred_at: NaiveDateTime,
    pub project_id: String,
    pub event_type: String,
    pub entity_type: String,
    pub entity_id: String,
    pub data: String,
}

/// An event to append: the sequence number is given by [`append`].
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub project_id: String,
    pub event_type: String,
    pub entity_type: String,
    pub entity_id: String,
    /// The event's data as compact JSON.
    pub data: String,
}

/// The job kind of a webhook delivery (payload: `{"delivery": id}`).
pub const DELIVERY_JOB: &str = "webhook_delivery";

/// Appends `events` in order and queues their webhook deliveries. Call it inside the change's write transaction.
/// Numbers are taken under the audit chain's lock (held to the end of the transaction), so they follow commit
/// order on PostgreSQL too.
pub fn append(conn: &mut DbConnection, new: &[NewEvent], at: NaiveDateTime) -> Result<(), DbError> {
    if new.is_empty() {
        return Ok(());
    }
    audit::lock_chain(conn)?;
    let head: Option<i64> = events::table.select(diesel::dsl::max(events::seq)).first(conn)?;
    let first = head.unwrap_or(0) + 1;
    let rows: Vec<EventRow> = (first..)
        .zip(new)
        .map(|(seq, event)| EventRow {
            seq,
            occurred_at: at,
            project_id: event.project_id.clone(),
            event_type: event.event_type.clone(),
            entity_type: event.entity_type.clone(),
            entity_id: event.entity_id.clone(),
            data: event.data.clone(),
        })
        .collect();
    // Thousands come at once from a bulk review step.
    insert_rows!(conn, events::table, &rows[..], copy_from = super::COPY_FROM_ROWS);
    // Webhooks are looked up once per project of the events (a bulk review step has one).
    let mut hooks: Vec<(&str, Vec<String>)> = Vec::new();
    for row in &rows {
        let subscribed = match hooks.iter().position(|(p, _)| *p == row.project_id) {
            Some(found) => found,
            None => {
                let ids: Vec<String> = webhooks::table
                    .filter(webhooks::project_id.eq(&row.project_id))
                    .select(webhooks::id)
                    .load(conn)?;
                hooks.push((row.project_id.as_str(), ids));
                hooks.len() - 1
            }
        };
        for webhook in &hooks[subscribed].1 {
            queue_delivery(conn, webhook, row.seq, at)?;
        }
    }
    Ok(())
}

/// Records a pending delivery of event `seq` to `webhook` and queues the job that sends it; the delivery's id.
pub fn queue_delivery(conn: &mut DbConnection, webhook: &str, seq: i64, at: NaiveDateTime) -> Result<String, DbError> {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(webhook_deliveries::table)
        .values((
            webhook_deliveries::id.eq(&id),
            webhook_deliveries::webhook_id.eq(webhook),
            webhook_deliveries::event_seq.eq(seq),
            webhook_deliveries::state.eq("pending"),
            webhook_deliveries::attempts.eq(0i64),
            webhook_deliveries::created_at.eq(at),
            webhook_deliveries::updated_at.eq(at),
        ))
        .execute(conn)?;
    jobs::insert(
        conn,
        &jobs::NewJob {
            kind: DELIVERY_JOB,
            payload: serde_json::json!({ "delivery": id }),
            run_after: at,
            max_attempts: jobs::DELIVERY_ATTEMPTS,
            project_id: None,
            created_by: None,
        },
        at,
    )?;
    Ok(id)
}

/// Events after `after` in order, at most `limit`; `only`: restrict to these projects (`None`: every project).
pub fn page(
    conn: &mut DbConnection,
    only: Option<&[String]>,
    after: i64,
    limit: i64,
) -> Result<Vec<EventRow>, DbError> {
    let mut query = events::table.filter(events::seq.gt(after)).into_boxed();
    if let Some(projects) = only {
        query = query.filter(events::project_id.eq_any(projects.to_vec()));
    }
    Ok(query.order(events::seq.asc()).limit(limit).load(conn)?)
}

pub fn get(conn: &mut DbConnection, seq: i64) -> Result<Option<EventRow>, DbError> {
    Ok(events::table.find(seq).first(conn).optional()?)
}
