//! The worker loop of one instance: claim a due job, run its kind's handler, record how it ended.

use super::{backoff, claim};
use crate::db::jobs::{self as store, Finish, JobRow};
use crate::db::{self, DbError, Pool};
use futures_util::future::BoxFuture;
use std::sync::Arc;
use std::time::Duration;

/// How a handler's run ended when it did not succeed.
#[derive(Debug, Clone, PartialEq)]
pub enum JobFailure {
    /// Worth trying again later (a receiver down, a busy database): retried with backoff while attempts remain.
    Retry(String),
    /// Trying again cannot help (bad input): failed now, with an optional result (a problem body).
    Permanent { error: String, result: Option<String> },
}

/// Runs one job; `Ok(result)` on success (a JSON text kept as the job's result).
pub type Handler = Arc<dyn Fn(JobRun) -> BoxFuture<'static, Result<Option<String>, JobFailure>> + Send + Sync>;

/// Handlers by job kind.
pub type Handlers = Vec<(&'static str, Handler)>;

/// What a handler gets: the job, the pool, and the means to report progress (which extends the lease).
#[derive(Clone)]
pub struct JobRun {
    pub job: JobRow,
    pub pool: Pool,
    pub worker: String,
    pub lease: Duration,
}

impl JobRun {
    /// Records progress (0-100) and extends the lease; called from blocking code.
    pub fn progress(&self, percent: i64) -> Result<(), DbError> {
        let mut conn = self.pool.get()?;
        let now = db::now();
        let until = now + chrono::Duration::from_std(self.lease).unwrap_or(chrono::Duration::minutes(5));
        store::progress(&mut conn, &self.job.id, &self.worker, percent, until, now)
    }
}

#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// Wait between polls when no job is due.
    pub poll_interval: Duration,
    /// How long a claimed job stays this worker's without progress reports.
    pub lease: Duration,
    /// First retry delay, doubled for each failed attempt (at most an hour).
    pub retry_base: Duration,
}

pub struct Worker {
    pool: Pool,
    settings: WorkerSettings,
    name: String,
    handlers: Handlers,
}

impl Worker {
    pub fn new(pool: Pool, settings: WorkerSettings, handlers: Handlers) -> Worker {
        Worker {
            pool,
            settings,
            name: format!("worker-{}", uuid::Uuid::new_v4().simple()),
            handlers,
        }
    }

    /// Runs jobs until the future is dropped (the server stopped); a job cut short is taken again after its lease.
    pub async fn run(self) {
        loop {
            match self.step().await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "job queue"),
            }
            tokio::time::sleep(self.settings.poll_interval).await;
        }
    }

    /// Claims and runs one due job; false when none is due.
    pub async fn step(&self) -> Result<bool, DbError> {
        let (pool, name, lease) = (self.pool.clone(), self.name.clone(), self.settings.lease);
        let claimed = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            claim(&mut conn, &name, db::now(), lease)
        })
        .await
        .map_err(|e| DbError::Corrupt(format!("job claim stopped: {e}")))??;
        let Some(job) = claimed else {
            return Ok(false);
        };
        let handler = self
            .handlers
            .iter()
            .find(|(kind, _)| *kind == job.kind)
            .map(|(_, h)| h.clone());
        let outcome = match handler {
            Some(handler) => {
                let run = JobRun {
                    job: job.clone(),
                    pool: self.pool.clone(),
                    worker: self.name.clone(),
                    lease,
                };
                handler(run).await
            }
            None => Err(JobFailure::Permanent {
                error: format!("no handler for jobs of kind {:?}", job.kind),
                result: None,
            }),
        };
        let now = db::now();
        let how = match outcome {
            Ok(result) => Finish::Succeeded { result },
            Err(JobFailure::Retry(error)) if job.attempts < job.max_attempts => {
                let wait = backoff(self.settings.retry_base, job.attempts);
                let at = now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
                Finish::Retry { error, at }
            }
            Err(JobFailure::Retry(error)) => Finish::Failed { error, result: None },
            Err(JobFailure::Permanent { error, result }) => Finish::Failed { error, result },
        };
        let (pool, name, id) = (self.pool.clone(), self.name.clone(), job.id.clone());
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            if !store::finish(&mut conn, &id, &name, &how, now)? {
                tracing::warn!(job = %id, "job finished after its lease was taken over; outcome dropped");
            }
            Ok::<_, DbError>(())
        })
        .await
        .map_err(|e| DbError::Corrupt(format!("job finish stopped: {e}")))??;
        Ok(true)
    }
}
