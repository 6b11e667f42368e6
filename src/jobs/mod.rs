//! A job queue on the database: work queued in the transaction of the change that needs it, run by a worker in
//! every instance, each job by one worker at a time. A worker claims a job with a lease; a job whose worker dies
//! (lease expired) is claimed again; a failed run is retried with exponential backoff until `max_attempts`.
//! PostgreSQL claims with `FOR UPDATE SKIP LOCKED`, so several instances on one database never take the same job;
//! SQLite has a single writer (`BEGIN IMMEDIATE`).

pub mod periodic;
mod worker;

pub use worker::{Handler, Handlers, JobFailure, JobRun, Worker, WorkerSettings};

use crate::db::jobs::{self as store, JobRow, NewJob};
use crate::db::{self, DbConnection, DbError};
use chrono::NaiveDateTime;
use std::time::Duration;

/// Default attempts of a job queued by [`enqueue`].
pub const DEFAULT_ATTEMPTS: i64 = 5;

/// Queues a job of `kind` to run from `run_after` (inside the caller's transaction, if any); its id.
pub fn enqueue(
    conn: &mut DbConnection,
    kind: &str,
    payload: serde_json::Value,
    run_after: NaiveDateTime,
) -> Result<String, DbError> {
    let job = NewJob {
        kind,
        payload,
        run_after,
        max_attempts: DEFAULT_ATTEMPTS,
        project_id: None,
        created_by: None,
    };
    store::insert(conn, &job, db::now())
}

/// Queues a job the caller may follow over HTTP (`GET /api/v1/jobs/{id}`): owned by `project`.
pub fn enqueue_for(conn: &mut DbConnection, job: &NewJob) -> Result<String, DbError> {
    store::insert(conn, job, db::now())
}

/// Claims the next due job for `worker` until `now + lease`, in a transaction of its own. A job already tried
/// `max_attempts` times (its last worker died) is marked failed instead of being run again.
pub fn claim(
    conn: &mut DbConnection,
    worker: &str,
    now: NaiveDateTime,
    lease: Duration,
) -> Result<Option<JobRow>, DbError> {
    let lease_until = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(5));
    if !store::any_due(conn, now)? {
        return Ok(None);
    }
    loop {
        let claimed = db::write(conn, |c| {
            let Some(id) = store::next_due(c, now)? else {
                return Ok::<_, DbError>(None);
            };
            let job = store::get(c, &id)?.ok_or_else(|| DbError::Corrupt(format!("job {id} vanished")))?;
            if job.attempts >= job.max_attempts {
                // Marked as this worker's so that `finish` applies to it.
                store::take(c, &id, worker, now, now)?;
                let error = "the worker stopped during the last attempt (lease expired)".to_string();
                let how = store::Finish::Failed { error, result: None };
                store::finish(c, &id, worker, &how, now)?;
                return Ok(Some(None));
            }
            store::take(c, &id, worker, now, lease_until)?;
            Ok(Some(store::get(c, &id)?))
        })?;
        match claimed {
            None => return Ok(None),
            Some(None) => continue,
            Some(Some(job)) => return Ok(Some(job)),
        }
    }
}

/// Wait before attempt `attempt + 1` after `attempt` failed: `base`, doubled each time, at most an hour.
pub fn backoff(base: Duration, attempt: i64) -> Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    base.saturating_mul(2u32.saturating_pow(doublings))
        .min(Duration::from_secs(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let base = Duration::from_secs(10);
        assert_eq!(backoff(base, 1), Duration::from_secs(10));
        assert_eq!(backoff(base, 2), Duration::from_secs(20));
        assert_eq!(backoff(base, 4), Duration::from_secs(80));
        assert_eq!(backoff(base, 11), Duration::from_secs(3600));
        assert_eq!(backoff(base, 1000), Duration::from_secs(3600));
    }
}
