//! Uploads imported in the background: a file above the size for a synchronous answer is kept in the database
//! with a job (one transaction), and whichever instance's worker claims the job imports it exactly as a
//! synchronous upload would. Re-running a job after a crash is harmless: a byte-identical upload to the same
//! project answers with the batch already stored.

use super::upload::{self, Stored, Upload};
use super::ServiceError;
use crate::classify::Classifier;
use crate::db::jobs::{self as store, JobRow, NewJob};
use crate::db::{self, Pool};
use crate::import::ImportOptions;
use serde::{Deserialize, Serialize};

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
