//! The jobs table: queue, claim with a lease, finish. The rules (backoff, handlers, the worker loop) are
//! `crate::jobs`; this file only speaks SQL.

use super::schema::{job_inputs, jobs};
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub const QUEUED: &str = "queued";
pub const RUNNING: &str = "running";
pub const SUCCEEDED: &str = "succeeded";
pub const FAILED: &str = "failed";

/// Attempts of a webhook delivery before it is given up (about a day of exponential backoff).
pub const DELIVERY_ATTEMPTS: i64 = 12;

/// One job, as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: String,
    pub kind: String,
    pub payload: String,
    pub state: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub run_after: NaiveDateTime,
    pub lease_until: Option<NaiveDateTime>,
    pub worker: Option<String>,
    pub progress: i64,
    pub result: Option<String>,
    pub last_error: Option<String>,
    pub project_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A job to queue.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub payload: serde_json::Value,
    pub run_after: NaiveDateTime,
    pub max_attempts: i64,
    /// The project whose members may read the job (`GET /api/v1/jobs/{id}`); `None`: internal work.
    pub project_id: Option<String>,
    pub created_by: Option<String>,
}

/// Queues a job; its id.
pub fn insert(conn: &mut DbConnection, job: &NewJob, now: NaiveDateTime) -> Result<String, DbError> {
    let id = uuid::Uuid::new_v4().to_string();
    insert_row(conn, &id, job, now, false)?;
    Ok(id)
}

/// Queues a job under a chosen id unless one with that id exists (another instance queued it); whether it was
/// queued. Periodic work names each run by its period, so that it is queued once however many instances ask.
pub fn insert_once(conn: &mut DbConnection, id: &str, job: &NewJob, now: NaiveDateTime) -> Result<bool, DbError> {
    insert_row(conn, id, job, now, true)
}

fn insert_row(
    conn: &mut DbConnection,
    id: &str,
    job: &NewJob,
    now: NaiveDateTime,
    skip_existing: bool,
) -> Result<bool, DbError> {
    let row = (
        jobs::id.eq(id),
        jobs::kind.eq(job.kind),
        jobs::payload.eq(job.payload.to_string()),
        jobs::state.eq(QUEUED),
        jobs::attempts.eq(0i64),
        jobs::max_attempts.eq(job.max_attempts.max(1)),
        jobs::run_after.eq(job.run_after),
        jobs::progress.eq(0i64),
        jobs::project_id.eq(&job.project_id),
        jobs::created_by.eq(&job.created_by),
        jobs::created_at.eq(now),
        jobs::updated_at.eq(now),
    );
    // The multi-backend connection has no ON CONFLICT: each backend runs its own (both support it).
    let inserted = match conn {
        DbConnection::Pg(c) if skip_existing => diesel::insert_into(jobs::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)?,
        DbConnection::Sqlite(c) if skip_existing => diesel::insert_into(jobs::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)?,
        other => diesel::insert_into(jobs::table).values(row).execute(other)?,
    };
    Ok(inserted == 1)
}

/// Removes finished jobs of `kind` last changed before `before` (periodic work's past runs); how many.
pub fn delete_finished(conn: &mut DbConnection, kind: &str, before: NaiveDateTime) -> Result<usize, DbError> {
    Ok(diesel::delete(
        jobs::table
            .filter(jobs::kind.eq(kind))
            .filter(jobs::state.eq_any([SUCCEEDED, FAILED]))
            .filter(jobs::updated_at.lt(before)),
    )
    .execute(conn)?)
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<Option<JobRow>, DbError> {
    Ok(jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(conn)
        .optional()?)
}

/// Whether any job is due, read without a lock: an idle worker's poll then takes no write lock (SQLite has one).
pub fn any_due(conn: &mut DbConnection, now: NaiveDateTime) -> Result<bool, DbError> {
    let due = jobs::state
        .eq(QUEUED)
        .and(jobs::run_after.le(now))
        .or(jobs::state.eq(RUNNING).and(jobs::lease_until.lt(now)));
    Ok(diesel::select(diesel::dsl::exists(jobs::table.filter(due))).get_result(conn)?)
}

/// The id of the next due job: queued and due, or running with an expired lease (its worker stopped). PostgreSQL
/// skips rows another transaction holds (`FOR UPDATE SKIP LOCKED`), so instances never take the same job; SQLite
/// has one writer at a time (the caller's `BEGIN IMMEDIATE`). Call inside a write transaction.
pub fn next_due(conn: &mut DbConnection, now: NaiveDateTime) -> Result<Option<String>, DbError> {
    let due = jobs::state
        .eq(QUEUED)
        .and(jobs::run_after.le(now))
        .or(jobs::state.eq(RUNNING).and(jobs::lease_until.lt(now)));
    let query = jobs::table
        .filter(due)
        .order(jobs::run_after.asc())
        .select(jobs::id)
        .limit(1);
    Ok(match conn {
        DbConnection::Pg(c) => query.for_update().skip_locked().first::<String>(c).optional()?,
        DbConnection::Sqlite(c) => query.first::<String>(c).optional()?,
    })
}

/// Marks `id` running for `worker` until `lease_until`, counting an attempt.
pub fn take(
    conn: &mut DbConnection,
    id: &str,
    worker: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(jobs::table.find(id))
        .set((
            jobs::state.eq(RUNNING),
            jobs::attempts.eq(jobs::attempts + 1i64),
            jobs::lease_until.eq(Some(lease_until)),
            jobs::worker.eq(Some(worker)),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Finish {
    Succeeded {
        result: Option<String>,
    },
    /// Run again from `at`.
    Retry {
        error: String,
        at: NaiveDateTime,
    },
    Failed {
        error: String,
        result: Option<String>,
    },
}

/// Records how `worker`'s run of `id` ended; false (nothing written) when the job is no longer this worker's (its
/// lease expired and another worker took it).
pub fn finish(
    conn: &mut DbConnection,
    id: &str,
    worker: &str,
    how: &Finish,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let mine = jobs::table
        .filter(jobs::id.eq(id))
        .filter(jobs::worker.eq(worker))
        .filter(jobs::state.eq(RUNNING));
    let none: Option<NaiveDateTime> = None;
    let changed = match how {
        Finish::Succeeded { result } => diesel::update(mine)
            .set((
                jobs::state.eq(SUCCEEDED),
                jobs::progress.eq(100i64),
                jobs::result.eq(result),
                jobs::lease_until.eq(none),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?,
        Finish::Retry { error, at } => diesel::update(mine)
            .set((
                jobs::state.eq(QUEUED),
                jobs::run_after.eq(*at),
                jobs::last_error.eq(Some(error)),
                jobs::lease_until.eq(none),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?,
        Finish::Failed { error, result } => diesel::update(mine)
            .set((
                jobs::state.eq(FAILED),
                jobs::last_error.eq(Some(error)),
                jobs::result.eq(result),
                jobs::lease_until.eq(none),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?,
    };
    if changed == 1 && !matches!(how, Finish::Retry { .. }) {
        diesel::delete(job_inputs::table.find(id)).execute(conn)?;
    }
    Ok(changed == 1)
}

/// Keeps the file a job works on (in the caller's transaction, with the job); removed when the job ends.
pub fn insert_input(conn: &mut DbConnection, job_id: &str, file_name: &str, bytes: &[u8]) -> Result<(), DbError> {
    diesel::insert_into(job_inputs::table)
        .values((
            job_inputs::job_id.eq(job_id),
            job_inputs::file_name.eq(file_name),
            job_inputs::bytes.eq(bytes),
        ))
        .execute(conn)?;
    Ok(())
}

/// The file a job works on: its name and bytes.
pub fn input(conn: &mut DbConnection, job_id: &str) -> Result<Option<(String, Vec<u8>)>, DbError> {
    Ok(job_inputs::table
        .find(job_id)
        .select((job_inputs::file_name, job_inputs::bytes))
        .first(conn)
        .optional()?)
}

/// Records progress (0-100) of a running job and extends its lease.
pub fn progress(
    conn: &mut DbConnection,
    id: &str,
    worker: &str,
    percent: i64,
    lease_until: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(jobs::table.filter(jobs::id.eq(id)).filter(jobs::worker.eq(worker)))
        .set((
            jobs::progress.eq(percent.clamp(0, 100)),
            jobs::lease_until.eq(Some(lease_until)),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
