//! Uploads and purchase orders imported in the background: a file above the size for a synchronous answer is kept in the database
//! with a job (one transaction), and whichever instance's worker claims the job imports it exactly as a
//! synchronous upload would. Re-running a job after a crash is harmless: a byte-identical upload to the same
//! project answers with the batch already stored.

use super::orders::{self, Order, OrderFormat, OrderOutcome};
use super::upload::{self, Stored, Upload};
use super::ServiceError;
use crate::classify::Classifier;
use crate::db::jobs::{self as store, JobRow, NewJob};
use crate::db::{self, Pool};
use crate::import::ImportOptions;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The job kind of a background upload.
pub const UPLOAD_JOB: &str = "import.upload";

/// Attempts of a background upload: an import either works or fails the same way again, so retries only cover a
/// worker that stopped or a database that was briefly away.
const UPLOAD_ATTEMPTS: i64 = 3;

/// What the worker needs besides the file: who uploaded it to which project.
#[derive(Debug, Serialize, Deserialize)]
struct UploadPayload {
    project: String,
    subject: String,
    role: String,
    auth_method: String,
    request_id: Option<String>,
}

/// Queues `input` for import; the job's id.
pub fn queue_upload(pool: &Pool, input: &Upload) -> Result<String, ServiceError> {
    let payload = UploadPayload {
        project: input.project.clone(),
        subject: input.actor.subject.clone(),
        role: input.actor.role.clone(),
        auth_method: input.actor.auth_method.clone(),
        request_id: input.request_id.clone(),
    };
    let payload = serde_json::to_value(&payload).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let mut conn = pool.get()?;
    let job = NewJob {
        kind: UPLOAD_JOB,
        payload,
        run_after: db::now(),
        max_attempts: UPLOAD_ATTEMPTS,
        project_id: Some(input.project.clone()),
        created_by: Some(input.actor.subject.clone()),
    };
    db::write(&mut conn, |c| {
        let id = crate::jobs::enqueue_for(c, &job)?;
        store::insert_input(c, &id, &input.file_name, &input.bytes)?;
        Ok::<_, ServiceError>(id)
    })
}

/// Imports the file of a queued upload job, as a synchronous upload would have.
pub fn run_upload(
    pool: &Pool,
    classifier: &Classifier,
    options: &ImportOptions,
    job: &JobRow,
) -> Result<Stored, ServiceError> {
    let payload: UploadPayload = serde_json::from_str(&job.payload)
        .map_err(|e| ServiceError::Internal(format!("job {} has an unreadable payload: {e}", job.id)))?;
    let (file_name, bytes) = {
        let mut conn = pool.get()?;
        store::input(&mut conn, &job.id)?
            .ok_or_else(|| ServiceError::Internal(format!("the file of job {} is no longer stored", job.id)))?
    };
    let input = Upload {
        project: payload.project,
        file_name,
        bytes,
        actor: crate::audit::Actor::new(payload.subject, payload.role, payload.auth_method),
        request_id: payload.request_id,
    };
    upload::upload(pool, classifier, options, input)
}

/// The job kind of a background purchase order.
pub const ORDER_JOB: &str = "import.order";

/// What the worker needs besides the order's body: everything a synchronous submission was given.
#[derive(Debug, Serialize, Deserialize)]
struct OrderPayload {
    project: String,
    reference: Option<String>,
    subject: String,
    role: String,
    auth_method: String,
    request_id: Option<String>,
    idempotency_key: Option<String>,
    max_lines: usize,
    /// `json` or `json_lines`.
    format: String,
    idempotency_timeout_secs: u64,
}

/// Queues a purchase order for storage; the job's id. Its lines are checked first, so a malformed order is
/// refused at once, as a synchronous one would be, and only storing and screening run in the background.
pub fn queue_order(pool: &Pool, order: &Order) -> Result<String, ServiceError> {
    orders::parse_order(&order.body, order.format, order.max_lines)?;
    let payload = OrderPayload {
        project: order.project.clone(),
        reference: order.reference.clone(),
        subject: order.actor.subject.clone(),
        role: order.actor.role.clone(),
        auth_method: order.actor.auth_method.clone(),
        request_id: order.request_id.clone(),
        idempotency_key: order.idempotency_key.clone(),
        max_lines: order.max_lines,
        format: match order.format {
            OrderFormat::Json => "json",
            OrderFormat::JsonLines => "json_lines",
        }
        .into(),
        idempotency_timeout_secs: order.idempotency_timeout.as_secs(),
    };
    let payload = serde_json::to_value(&payload).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let file_name = match order.format {
        OrderFormat::Json => "order.json",
        OrderFormat::JsonLines => "order.jsonl",
    };
    let mut conn = pool.get()?;
    let job = NewJob {
        kind: ORDER_JOB,
        payload,
        run_after: db::now(),
        max_attempts: UPLOAD_ATTEMPTS,
        project_id: Some(order.project.clone()),
        created_by: Some(order.actor.subject.clone()),
    };
    db::write(&mut conn, |c| {
        let id = crate::jobs::enqueue_for(c, &job)?;
        store::insert_input(c, &id, file_name, &order.body)?;
        Ok::<_, ServiceError>(id)
    })
}

/// Stores the order of a queued order job, as a synchronous submission would have (same idempotency rules:
/// a retried job, or the same key sent again, replays the batch stored first).
pub fn run_order(
    pool: &Pool,
    classifier: &Classifier,
    job: &JobRow,
    render: impl FnOnce(&crate::db::batches::Batch) -> Result<(u16, String), ServiceError>,
) -> Result<OrderOutcome, ServiceError> {
    let payload: OrderPayload = serde_json::from_str(&job.payload)
        .map_err(|e| ServiceError::Internal(format!("job {} has an unreadable payload: {e}", job.id)))?;
    let (_, body) = {
        let mut conn = pool.get()?;
        store::input(&mut conn, &job.id)?
            .ok_or_else(|| ServiceError::Internal(format!("the order of job {} is no longer stored", job.id)))?
    };
    let order = Order {
        project: payload.project,
        reference: payload.reference,
        body,
        actor: crate::audit::Actor::new(payload.subject, payload.role, payload.auth_method),
        request_id: payload.request_id,
        idempotency_key: payload.idempotency_key,
        max_lines: payload.max_lines,
        format: if payload.format == "json" {
            OrderFormat::Json
        } else {
            OrderFormat::JsonLines
        },
        idempotency_timeout: Duration::from_secs(payload.idempotency_timeout_secs),
    };
    orders::submit(pool, classifier, order, render)
}
