//! Background jobs over HTTP: a large upload or purchase order answers `202 Accepted` with a job to follow
//! (`GET /api/v1/jobs/{job}`), which ends in the batch or in the problem a synchronous upload would have answered.

use super::error::{ApiError, Problem};
use super::{blocking, AppState};
use crate::auth::Identity;
use crate::classify::Classifier;
use crate::db::jobs::{self as store, JobRow};
use crate::import::ImportOptions;
use crate::jobs::{Handler, JobFailure};
use crate::service::background;
use actix_web::web;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::Arc;

/// A background job as its owner sees it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JobView {
    pub id: String,
    /// `import.upload` or `import.order`.
    pub kind: String,
    #[schema(value_type = super::vocab::JobState)]
    pub state: String,
    /// 0 to 100.
    #[schema(minimum = 0, maximum = 100)]
    pub progress: i64,
    /// Runs started so far (a run cut short by a stopped worker is taken again).
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// On success: the batch's path (`/api/v1/batches/{batch}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch: Option<String>,
    /// On success: false when a byte-identical file had already been uploaded to the project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<bool>,
    /// On failure: the problem a synchronous upload would have answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Problem>)]
    pub problem: Option<serde_json::Value>,
}

/// What a succeeded upload job keeps as its result.
#[derive(Debug, Serialize, serde::Deserialize)]
struct UploadResult {
    batch: String,
    created: bool,
}

impl From<JobRow> for JobView {
    fn from(row: JobRow) -> JobView {
        let result = row.result.as_deref();
        let (batch, created, problem) = match row.state.as_str() {
            store::SUCCEEDED => match result.and_then(|r| serde_json::from_str::<UploadResult>(r).ok()) {
                Some(r) => (Some(format!("/api/v1/batches/{}", r.batch)), Some(r.created), None),
                None => (None, None, None),
            },
            store::FAILED => {
                let problem = result
                    .and_then(|r| serde_json::from_str(r).ok())
                    .unwrap_or_else(|| internal_problem(row.last_error.as_deref()));
                (None, None, Some(problem))
            }
            _ => (None, None, None),
        };
        JobView {
            id: row.id,
            kind: row.kind,
            state: row.state,
            progress: row.progress,
            attempts: row.attempts,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            batch,
            created,
            problem,
        }
    }
}

/// A job that failed without a problem of its own (its worker stopped on every attempt): said as a 503.
fn internal_problem(error: Option<&str>) -> serde_json::Value {
    let why = error.unwrap_or("the job could not be completed");
    serde_json::to_value(ApiError::Unavailable(why.to_string()).problem()).unwrap_or_default()
}

/// The worker's handler for background uploads.
pub fn upload_handler(classifier: Arc<Classifier>, options: ImportOptions) -> Handler {
    Arc::new(move |run| {
        let (classifier, options) = (classifier.clone(), options.clone());
        Box::pin(async move {
            let outcome =
                tokio::task::spawn_blocking(move || background::run_upload(&run.pool, &classifier, &options, &run.job))
                    .await
                    .map_err(|e| JobFailure::Retry(format!("the import stopped: {e}")))?;
            finish(outcome.map(|stored| UploadResult {
                batch: stored.batch.id,
                created: stored.created,
            }))
        })
    })
}

/// The worker's handler for background purchase orders. The batch is rendered as the synchronous answer is,
/// so that a later request with the same `Idempotency-Key` replays the same body.
pub fn order_handler(classifier: Arc<Classifier>) -> Handler {
    Arc::new(move |run| {
        let classifier = classifier.clone();
        Box::pin(async move {
            let outcome = tokio::task::spawn_blocking(move || {
                background::run_order(&run.pool, &classifier, &run.job, super::orders::render_created)
            })
            .await
            .map_err(|e| JobFailure::Retry(format!("the order stopped: {e}")))?;
            finish(outcome.and_then(|outcome| {
                let batch = super::orders::batch_id(&outcome.body)
                    .ok_or_else(|| crate::service::ServiceError::Internal("the stored order names no batch".into()))?;
                Ok(UploadResult {
                    batch,
                    created: outcome.status == 201 && !outcome.replayed,
                })
            }))
        })
    })
}

/// A job's end: its result, a problem the client must fix (kept as the job's result), or a fault to retry.
fn finish(outcome: Result<UploadResult, crate::service::ServiceError>) -> Result<Option<String>, JobFailure> {
    match outcome {
        Ok(result) => Ok(serde_json::to_string(&result).ok()),
        Err(e) => {
            let error = ApiError::from(e);
            if actix_web::ResponseError::status_code(&error).is_server_error() {
                Err(JobFailure::Retry(error.to_string()))
            } else {
                let result = serde_json::to_string(&error.problem()).ok();
                Err(JobFailure::Permanent {
                    error: error.to_string(),
                    result,
                })
            }
        }
    }
}

#[utoipa::path(get, path = "/api/v1/jobs/{job}", tag = "jobs", security(("bearer" = [])),
    params(("job" = String, Path, description = "The job's id, from the `Location` of a `202 Accepted`")),
    responses(
        (status = 200, description = "The job: queued, running, succeeded (with its batch) or failed (with its problem)",
            body = JobView),
        (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<JobView>, ApiError> {
    let id = path.into_inner();
    let row = blocking(move || {
        let mut conn = state.pool.get()?;
        store::get(&mut conn, &id)
    })
    .await?;
    // Internal jobs (webhook deliveries) and other projects' jobs are not the caller's to see.
    let row = row
        .filter(|job| job.project_id.as_deref().is_some_and(|p| who.can_see(p)))
        .ok_or(ApiError::NotFound("job"))?;
    Ok(web::Json(JobView::from(row)))
}
