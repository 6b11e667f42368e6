//! Webhook subscriptions and their delivery log.

use super::schema::{webhook_deliveries, webhooks};
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";

#[derive(Debug, Clone, PartialEq, Queryable, Insertable)]
#[diesel(table_name = webhooks)]
pub struct WebhookRow {
    pub id: String,
    pub project_id: String,
    pub url: String,
    /// Kept as is: the server signs each delivery with it.
    pub secret: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct DeliveryRow {
    pub id: String,
    pub webhook_id: String,
    pub event_seq: i64,
    /// pending, delivered or failed (given up).
    pub state: String,
    pub attempts: i64,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &WebhookRow) -> Result<(), DbError> {
    diesel::insert_into(webhooks::table).values(row).execute(conn)?;
    Ok(())
}

pub fn list(conn: &mut DbConnection, project: &str) -> Result<Vec<WebhookRow>, DbError> {
    Ok(webhooks::table
        .filter(webhooks::project_id.eq(project))
        .order((webhooks::created_at.asc(), webhooks::id.asc()))
        .load(conn)?)
}

/// The project's webhook `id`, if it exists.
pub fn get(conn: &mut DbConnection, project: &str, id: &str) -> Result<Option<WebhookRow>, DbError> {
    Ok(webhooks::table
        .filter(webhooks::project_id.eq(project))
        .filter(webhooks::id.eq(id))
        .first(conn)
        .optional()?)
}

pub fn get_by_id(conn: &mut DbConnection, id: &str) -> Result<Option<WebhookRow>, DbError> {
    Ok(webhooks::table.find(id).first(conn).optional()?)
}

/// Removes the subscription and its delivery log; true if it existed.
pub fn delete(conn: &mut DbConnection, project: &str, id: &str) -> Result<bool, DbError> {
    diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::webhook_id.eq(id))).execute(conn)?;
    let n = diesel::delete(
        webhooks::table
            .filter(webhooks::project_id.eq(project))
            .filter(webhooks::id.eq(id)),
    )
    .execute(conn)?;
    Ok(n > 0)
}

/// The webhook's deliveries, newest first.
pub fn deliveries(
    conn: &mut DbConnection,
    webhook: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<DeliveryRow>, DbError> {
    Ok(webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook))
        .order((
            webhook_deliveries::created_at.desc(),
            webhook_deliveries::event_seq.desc(),
        ))
        .limit(limit)
        .offset(offset)
        .load(conn)?)
}

pub fn delivery(conn: &mut DbConnection, id: &str) -> Result<Option<DeliveryRow>, DbError> {
    Ok(webhook_deliveries::table.find(id).first(conn).optional()?)
}

/// Records one attempt's outcome.
pub fn record_attempt(
    conn: &mut DbConnection,
    id: &str,
    state: &str,
    status: Option<i64>,
    error: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(webhook_deliveries::table.find(id))
        .set((
            webhook_deliveries::state.eq(state),
            webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1i64),
            webhook_deliveries::last_status.eq(status),
            webhook_deliveries::last_error.eq(error),
            webhook_deliveries::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
