//! The job that sends one delivery: load it, sign the event, POST it, log the attempt. A receiver that does not
//! answer 2xx is tried again with backoff (the job queue's); the last failed attempt marks the delivery failed.

use super::{is_private, signature, Event, SIGNATURE_HEADER};
use crate::db::events::{self as event_store, EventRow};
use crate::db::webhooks::{self as store, DeliveryRow, WebhookRow, DELIVERED, FAILED, PENDING};
use crate::db::{self, DbError, Pool};
use crate::jobs::{Handler, JobFailure, JobRun};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// How long a receiver has to answer.
    pub timeout: Duration,
    /// Deliver to loopback and private addresses too (tests, closed networks).
    pub allow_private: bool,
}

/// The job handler for `db::events::DELIVERY_JOB`.
pub fn handler(settings: DeliverySettings) -> Handler {
    Arc::new(move |run: JobRun| {
        let settings = settings.clone();
        Box::pin(async move { deliver(run, settings).await })
    })
}

type Loaded = (DeliveryRow, WebhookRow, EventRow);

fn load(pool: &Pool, id: &str) -> Result<Option<Loaded>, DbError> {
    let mut conn = pool.get()?;
    let Some(delivery) = store::delivery(&mut conn, id)? else {
        return Ok(None);
    };
    let Some(webhook) = store::get_by_id(&mut conn, &delivery.webhook_id)? else {
        return Ok(None);
    };
    let event = event_store::get(&mut conn, delivery.event_seq)?
        .ok_or_else(|| DbError::Corrupt(format!("event {} of delivery {id} is missing", delivery.event_seq)))?;
    Ok(Some((delivery, webhook, event)))
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, DbError> + Send + 'static) -> Result<T, JobFailure> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(JobFailure::Retry(e.to_string())),
        Err(e) => Err(JobFailure::Retry(e.to_string())),
    }
}

async fn deliver(run: JobRun, settings: DeliverySettings) -> Result<Option<String>, JobFailure> {
    let payload: serde_json::Value = serde_json::from_str(&run.job.payload).unwrap_or_default();
    let Some(id) = payload["delivery"].as_str().map(str::to_string) else {
        return Err(JobFailure::Permanent {
            error: "the job names no delivery".into(),
            result: None,
        });
    };
    let pool = run.pool.clone();
    let loaded = {
        let id = id.clone();
        blocking(move || load(&pool, &id)).await?
    };
    // The subscription was deleted meanwhile: nothing to send.
    let Some((delivery, webhook, event)) = loaded else {
        return Ok(None);
    };
    let last_attempt = run.job.attempts >= run.job.max_attempts;
    let sent = send(&webhook, &delivery, Event::from(event), &settings).await;
    let (state, status, error) = match &sent {
        Ok(status) => (DELIVERED, Some(i64::from(*status)), None),
        Err(Failure { status, error, .. }) => {
            let state = if last_attempt || sent.as_ref().is_err_and(|f| f.permanent) {
                FAILED
            } else {
                PENDING
            };
            (state, status.map(i64::from), Some(error.clone()))
        }
    };
    let pool = run.pool.clone();
    let logged_error = error.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        store::record_attempt(&mut conn, &id, state, status, logged_error.as_deref(), db::now())
    })
    .await?;
    match sent {
        Ok(status) => Ok(Some(serde_json::json!({ "status": status }).to_string())),
        Err(f) if f.permanent => Err(JobFailure::Permanent {
            error: f.error,
            result: None,
        }),
        Err(f) => Err(JobFailure::Retry(f.error)),
    }
}

struct Failure {
    status: Option<u16>,
    error: String,
    /// Trying again cannot help (the address is refused).
    permanent: bool,
}

impl Failure {
    fn retry(status: Option<u16>, error: impl Into<String>) -> Failure {
        Failure {
            status,
            error: error.into(),
            permanent: false,
        }
    }
}

/// POSTs the signed event; the receiver's status when it is 2xx.
async fn send(
    webhook: &WebhookRow,
    delivery: &DeliveryRow,
    event: Event,
    settings: &DeliverySettings,
) -> Result<u16, Failure> {
    let url = url::Url::parse(&webhook.url).map_err(|e| Failure::retry(None, format!("stored URL: {e}")))?;
    let host = url.host_str().unwrap_or_default().to_string();
    let port = url.port_or_known_default().unwrap_or(443);
    let bare_host = host.trim_start_matches('[').trim_end_matches(']').to_string();
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((bare_host.as_str(), port))
        .await
        .map_err(|e| Failure::retry(None, format!("cannot resolve {host}: {e}")))?
        .collect();
    if addrs.is_empty() {
        return Err(Failure::retry(None, format!("{host} resolves to no address")));
    }
    if !settings.allow_private && addrs.iter().any(|a| is_private(a.ip())) {
        return Err(Failure {
            status: None,
            error: format!("{host} resolves to a private or internal address; not delivered"),
            permanent: true,
        });
    }
    let body = serde_json::to_vec(&event).map_err(|e| Failure::retry(None, e.to_string()))?;
    let timestamp = chrono::Utc::now().timestamp();
    let mut builder = reqwest::Client::builder()
        .timeout(settings.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("equipcheck-webhooks/", env!("CARGO_PKG_VERSION")));
    if url.domain().is_some() {
        // Connect to the addresses just checked, not to whatever the name resolves to a moment later.
        builder = builder.resolve_to_addrs(&host, &addrs);
    }
    let client = builder.build().map_err(|e| Failure::retry(None, e.to_string()))?;
    let response = client
        .post(url)
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, signature(&webhook.secret, timestamp, &body))
        .header("Equipcheck-Event", event.event_type.as_str())
        .header("Equipcheck-Delivery", delivery.id.as_str())
        .body(body)
        .send()
        .await
        .map_err(|e| Failure::retry(None, format!("not delivered: {e}")))?;
    let status = response.status().as_u16();
    if response.status().is_success() {
        Ok(status)
    } else {
        Err(Failure::retry(Some(status), format!("the receiver answered {status}")))
    }
}
