//! Periodic work that must run once however many instances share the database: each run is a job whose id names
//! its period (`prune_limits:<unix time>`), queued with "insert unless it exists" by every instance at start-up
//! and by the run before it, and claimed by one worker. Today: pruning the shared limits' expired windows and
//! upload slots. (Refreshing the party settlements each instance screens with stays per instance by design.)

use super::{Handler, JobFailure, JobRun};
use crate::db::jobs::{self as store, NewJob};
use crate::db::{self, rate_counters, DbConnection, DbError};
use chrono::DateTime;
use std::sync::Arc;

pub const PRUNE_JOB: &str = "prune_limits";
/// Seconds between prunes.
pub const PRUNE_EVERY: i64 = 600;
/// Past prune runs kept this long (seconds), for `GET /api/v1/jobs` and debugging.
const KEEP_RUNS: i64 = 24 * 3600;
/// A prune that keeps failing is retried (with backoff, at most hourly) this many times before the chain stops
/// until the next instance starts.
const PRUNE_ATTEMPTS: i64 = 100;

/// The first period boundary after `now`.
fn next_boundary(now: i64) -> i64 {
    (now.div_euclid(PRUNE_EVERY) + 1) * PRUNE_EVERY
}

/// Queues the prune of the next period unless an instance already did; whether this call queued it.
pub fn schedule_prune(conn: &mut DbConnection, now: i64) -> Result<bool, DbError> {
    let at = next_boundary(now);
    let run_after = DateTime::from_timestamp(at, 0)
        .ok_or_else(|| DbError::Corrupt(format!("time {at} out of range")))?
        .naive_utc();
    let job = NewJob {
        kind: PRUNE_JOB,
        payload: serde_json::json!({}),
        run_after,
        max_attempts: PRUNE_ATTEMPTS,
        project_id: None,
        created_by: None,
    };
    store::insert_once(conn, &format!("{PRUNE_JOB}:{at}"), &job, db::now())
}

/// Removes expired windows and slots and past prune runs, then queues the next run.
pub fn prune(conn: &mut DbConnection, now: i64) -> Result<usize, DbError> {
    let removed = rate_counters::prune(conn, now)?;
    if let Some(before) = DateTime::from_timestamp(now - KEEP_RUNS, 0) {
        store::delete_finished(conn, PRUNE_JOB, before.naive_utc())?;
    }
    schedule_prune(conn, now)?;
    Ok(removed)
}

pub fn prune_handler() -> Handler {
    Arc::new(|run: JobRun| {
        Box::pin(async move {
            let pool = run.pool.clone();
            let done = tokio::task::spawn_blocking(move || {
                let mut conn = pool.get()?;
                prune(&mut conn, chrono::Utc::now().timestamp())
            })
            .await;
            match done {
                Ok(Ok(removed)) => Ok(Some(serde_json::json!({ "removed": removed }).to_string())),
                Ok(Err(e)) => Err(JobFailure::Retry(e.to_string())),
                Err(e) => Err(JobFailure::Retry(format!("prune stopped: {e}"))),
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_period_has_one_run() {
        assert_eq!(next_boundary(0), PRUNE_EVERY);
        assert_eq!(next_boundary(PRUNE_EVERY - 1), PRUNE_EVERY);
        assert_eq!(next_boundary(PRUNE_EVERY), 2 * PRUNE_EVERY);
    }
}
