//! Webhooks: per-project subscriptions to the change feed. Each event is delivered to every subscription of its
//! project as a signed POST (`Equipcheck-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`),
//! from an outbox written in the transaction of the change (`db::events::append`), retried with exponential
//! backoff by the job queue, logged per attempt, and replayable.

mod deliver;
mod target;

pub use deliver::{handler, DeliverySettings};
pub use target::{check_url, is_private, UrlError};

use crate::audit::{self, Actor, AuditEvent};
use crate::db::events::{self as event_store, EventRow};
use crate::db::webhooks::{self as store, DeliveryRow, WebhookRow};
use crate::db::{self, DbConnection, DbError};
use diesel::r2d2;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "Equipcheck-Signature";
/// How many subscriptions a project may have.
pub const MAX_PER_PROJECT: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("{0}")]
    Url(#[from] UrlError),
    #[error("a project has at most {MAX_PER_PROJECT} webhooks")]
    TooMany,
    #[error("no such webhook")]
    NoWebhook,
    #[error("no such delivery")]
    NoDelivery,
}

impl From<r2d2::PoolError> for WebhookError {
    fn from(e: r2d2::PoolError) -> Self {
        WebhookError::Db(e.into())
    }
}

impl From<diesel::result::Error> for WebhookError {
    fn from(e: diesel::result::Error) -> Self {
        WebhookError::Db(e.into())
    }
}

/// `t=<unix>,v1=<hex>`: the signature of `body` sent at `timestamp`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", hex::encode(mac(secret, timestamp, body)))
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Vec<u8> {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return Vec::new(),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

/// What a receiver does: checks `header` against `body` in constant time, refusing timestamps further than
/// `tolerance_secs` from `now` (replayed captures).
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64, tolerance_secs: i64) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => signatures.extend(hex::decode(v).ok()),
            _ => {}
        }
    }
    let Some(t) = timestamp else { return false };
    if (now - t).abs() > tolerance_secs {
        return false;
    }
    let expected = mac(secret, t, body);
    signatures
        .iter()
        .any(|s| subtle::ConstantTimeEq::ct_eq(s.as_slice(), expected.as_slice()).into())
}

/// One event as the feed and webhook deliveries show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Event {
    /// Position in the feed: pass it as `after` to read what follows.
    pub cursor: String,
    /// batch.created, batch.state_changed, batch.rescreened, item.screened, item.review_step,
    /// obligation.created, obligation.fulfilled, obligation.waived.
    #[serde(rename = "type")]
    pub event_type: String,
    pub project: String,
    /// batch, item or obligation.
    pub entity_type: String,
    pub entity_id: String,
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    /// What changed: the audit record's action, actor, before and after states, reason and catalogue version;
    /// for obligations the obligation as stored.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

impl From<EventRow> for Event {
    fn from(row: EventRow) -> Event {
        Event {
            cursor: cursor_of(row.seq),
            event_type: row.event_type,
            project: row.project_id,
            entity_type: row.entity_type,
            entity_id: row.entity_id,
            occurred_at: row.occurred_at.and_utc(),
            data: serde_json::from_str(&row.data).unwrap_or(serde_json::Value::Null),
        }
    }
}

/// The cursor of event `seq` (stable: the same event always has the same cursor): its number in the feed, so
/// that the document can state exactly what a cursor looks like.
pub fn cursor_of(seq: i64) -> String {
    seq.to_string()
}

/// The event number a cursor names; `None` if it is not one of ours.
pub fn seq_of(cursor: &str) -> Option<i64> {
    use base64::Engine;
    if !cursor.is_empty() && cursor.len() <= 18 && cursor.bytes().all(|b| b.is_ascii_digit()) {
        return cursor.parse().ok();
    }
    // Cursors handed out before 2026-12 (`base64("ev1:<seq>")`) keep working.
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix("ev1:")?.parse::<i64>().ok().filter(|s| *s >= 0)
}

/// Subscribes `url` to the project's events; the stored row (its secret is shown once, by the caller).
pub fn create(
    conn: &mut DbConnection,
    project: &str,
    url: &str,
    actor: &Actor,
    allow_private: bool,
) -> Result<WebhookRow, WebhookError> {
    let url = check_url(url, allow_private)?;
    db::write(conn, |c| {
        if store::list(c, project)?.len() >= MAX_PER_PROJECT {
            return Err(WebhookError::TooMany);
        }
        let row = WebhookRow {
            id: uuid::Uuid::new_v4().to_string(),
            project_id: project.to_string(),
            url: url.clone(),
            secret: format!("whsec_{}", crate::auth::jwt::generate_secret()),
            created_by: actor.subject.clone(),
            created_at: db::now(),
        };
        store::insert(c, &row)?;
        let event = AuditEvent::new(actor, "create_webhook", "webhook", row.id.clone())
            .project(project)
            .after(serde_json::json!({ "url": row.url }));
        audit::append(c, &event, row.created_at)?;
        Ok(row)
    })
}

/// Removes a subscription and its delivery log (queued deliveries are dropped when their job runs).
pub fn delete(conn: &mut DbConnection, project: &str, webhook: &str, actor: &Actor) -> Result<(), WebhookError> {
    db::write(conn, |c| {
        let row = store::get(c, project, webhook)?.ok_or(WebhookError::NoWebhook)?;
        store::delete(c, project, webhook)?;
        let event = AuditEvent::new(actor, "delete_webhook", "webhook", webhook)
            .project(project)
            .before(serde_json::json!({ "url": row.url }));
        audit::append(c, &event, db::now())?;
        Ok(())
    })
}

/// Sends a delivery's event again, as a new delivery; the new delivery.
pub fn replay(
    conn: &mut DbConnection,
    project: &str,
    webhook: &str,
    delivery: &str,
    actor: &Actor,
) -> Result<DeliveryRow, WebhookError> {
    db::write(conn, |c| {
        store::get(c, project, webhook)?.ok_or(WebhookError::NoWebhook)?;
        let old = store::delivery(c, delivery)?
            .filter(|d| d.webhook_id == webhook)
            .ok_or(WebhookError::NoDelivery)?;
        let now = db::now();
        let id = event_store::queue_delivery(c, webhook, old.event_seq, now)?;
        let event = AuditEvent::new(actor, "replay_delivery", "webhook", webhook)
            .project(project)
            .after(serde_json::json!({ "replayed": delivery, "delivery": id, "event": cursor_of(old.event_seq) }));
        audit::append(c, &event, now)?;
        store::delivery(c, &id)?.ok_or(WebhookError::NoDelivery)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_and_a_changed_body_or_old_timestamp_does_not() {
        let header = signature("whsec_abc", 1_700_000_000, b"{\"a\":1}");
        assert!(header.starts_with("t=1700000000,v1="));
        assert!(verify("whsec_abc", &header, b"{\"a\":1}", 1_700_000_100, 300));
        assert!(!verify("whsec_abc", &header, b"{\"a\":2}", 1_700_000_100, 300));
        assert!(!verify("whsec_other", &header, b"{\"a\":1}", 1_700_000_100, 300));
        assert!(!verify("whsec_abc", &header, b"{\"a\":1}", 1_700_001_000, 300));
        assert!(!verify("whsec_abc", "v1=00", b"{\"a\":1}", 1_700_000_000, 300));
    }

    #[test]
    fn cursors_round_trip_and_foreign_ones_are_refused() {
        assert_eq!(seq_of(&cursor_of(0)), Some(0));
        assert_eq!(seq_of(&cursor_of(123_456)), Some(123_456));
        assert_eq!(seq_of("12"), Some(12));
        assert_eq!(
            seq_of("ZXYxOjc"),
            Some(7),
            "cursors of the earlier base64 form are still read"
        );
        assert_eq!(seq_of(""), None);
        assert_eq!(seq_of("not base64!"), None);
    }
}
