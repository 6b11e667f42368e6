//! The tamper-evident audit trail. Every change of state (and every refused attempt) is appended here in the same
//! transaction as the change. Records form a hash chain: each carries a sequence number and
//! `SHA-256(previous hash, own canonical content)`, so editing, removing or inserting a record behind the
//! application's back breaks the chain at that point, and [`verify`] names it. The database refuses UPDATE and
//! DELETE on the table (triggers in the migrations); the chain catches whoever disables the triggers first.

#[cfg(test)]
mod tests;
mod verify;

pub use verify::{verify, Anchor, ChainBreak, Verification};

use crate::db::audit::{self as store, AuditRow};
use crate::db::{DbConnection, DbError};
use chrono::{NaiveDateTime, Timelike};
use serde::Serialize;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

/// `prev_hash` of the first record.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who acted, and how they proved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub subject: String,
    /// officer, reviewer, monitor, admin, erp, or `system`.
    pub role: String,
    /// How the subject authenticated: `jwt:HS256`, `password`, `session`, `cli`, `system`...
    pub auth_method: String,
}

impl Actor {
    pub fn new(subject: impl Into<String>, role: impl Into<String>, auth_method: impl Into<String>) -> Actor {
        Actor {
            subject: subject.into(),
            role: role.into(),
            auth_method: auth_method.into(),
        }
    }

    /// The application itself (rescreening at start-up, for example), named by what it was doing.
    pub fn system(task: &str) -> Actor {
        Actor::new(format!("system:{task}"), "system", "system")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The change was made.
    Done,
    /// The attempt was refused (forbidden approval, four-eyes violation...); nothing changed.
    Refused,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Refused => "refused",
        }
    }
}

/// What to record. Build with [`AuditEvent::new`] and the setters, then [`append`].
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub actor: Actor,
    /// A verb in snake_case: `approve`, `reject`, `reclassify`, `upload`, `record_delivery`...
    pub action: String,
    pub outcome: Outcome,
    /// `item`, `batch`, `delivery`, `serial`...
    pub entity_type: String,
    pub entity_id: String,
    pub project_id: Option<String>,
    /// The states as compact JSON, serialised once when set (see [`state`]).
    pub before: Option<Box<RawValue>>,
    pub after: Option<Box<RawValue>>,
    /// The written justification, or why an attempt was refused.
    pub reason: Option<String>,
    pub request_id: Option<String>,
    pub idempotency_key: Option<String>,
    pub catalog_version: Option<String>,
}

impl AuditEvent {
    pub fn new(actor: &Actor, action: &str, entity_type: &str, entity_id: impl Into<String>) -> AuditEvent {
        AuditEvent {
            actor: actor.clone(),
            action: action.to_string(),
            outcome: Outcome::Done,
            entity_type: entity_type.to_string(),
            entity_id: entity_id.into(),
            project_id: None,
            before: None,
            after: None,
            reason: None,
            request_id: None,
            idempotency_key: None,
            catalog_version: None,
        }
    }

    pub fn refused(mut self, why: impl Into<String>) -> AuditEvent {
        self.outcome = Outcome::Refused;
        self.reason = Some(why.into());
        self
    }

    pub fn project(mut self, project: impl Into<String>) -> AuditEvent {
        self.project_id = Some(project.into());
        self
    }

    pub fn before(mut self, state: impl Serialize) -> AuditEvent {
        self.before = self::state(&state);
        self
    }

    pub fn after(mut self, state: impl Serialize) -> AuditEvent {
        self.after = self::state(&state);
        self
    }

    pub fn reason(mut self, why: impl Into<String>) -> AuditEvent {
        self.reason = Some(why.into());
        self
    }

    pub fn request_id(mut self, id: Option<&str>) -> AuditEvent {
        self.request_id = id.map(str::to_string);
        self
    }

    pub fn idempotency_key(mut self, key: Option<&str>) -> AuditEvent {
        self.idempotency_key = key.map(str::to_string);
        self
    }

    pub fn catalog_version(mut self, version: impl Into<String>) -> AuditEvent {
        self.catalog_version = Some(version.into());
        self
    }
}

/// A state as the record keeps it: compact JSON. A `serde_json::Value` and a struct whose fields are in
/// alphabetical order give the same text, so typed snapshots read like the older map-built ones. Only a map
/// with non-string keys could fail to serialise; none is audited.
pub fn state(value: &impl Serialize) -> Option<Box<RawValue>> {
    serde_json::value::to_raw_value(value).ok()
}

/// Appends `event` at time `at` and returns the stored record. Call it inside the write transaction that makes the
/// change (`db::write`), so the record and the change commit or roll back together; for a refused attempt, in a
/// transaction of its own.
pub fn append(conn: &mut DbConnection, event: &AuditEvent, at: NaiveDateTime) -> Result<AuditRow, DbError> {
    store::lock_chain(conn)?;
    let (seq, prev_hash) = match store::head(conn)? {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    let row = chained(event, seq, prev_hash, at, &timestamp_text(at));
    store::insert(conn, &row)?;
    crate::events::record_audited(conn, std::slice::from_ref(&row))?;
    Ok(row)
}

/// Appends `events` in order, as [`append`] would one by one, with one read of the chain's head and batched
/// inserts (bulk review steps record thousands). Same transaction rules as [`append`].
pub fn append_all(conn: &mut DbConnection, events: &[AuditEvent], at: NaiveDateTime) -> Result<(), DbError> {
    if events.is_empty() {
        return Ok(());
    }
    store::lock_chain(conn)?;
    let (mut seq, mut prev_hash) = match store::head(conn)? {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    let mut rows = Vec::with_capacity(events.len());
    let recorded_at = timestamp_text(at);
    for event in events {
        let row = chained(event, seq, prev_hash, at, &recorded_at);
        seq += 1;
        prev_hash = row.hash.clone();
        rows.push(row);
    }
    store::insert_many(conn, &rows)?;
    crate::events::record_audited(conn, &rows)
}

/// The stored form of `event` as record `seq` after the record whose hash is `prev_hash`; `recorded_at` is
/// [`timestamp_text`] of `at`, formatted once for a batch of records.
fn chained(event: &AuditEvent, seq: i64, prev_hash: String, at: NaiveDateTime, recorded_at: &str) -> AuditRow {
    let json = |v: &Option<Box<RawValue>>| v.as_ref().map(|raw| raw.get().to_string());
    let mut row = AuditRow {
        seq,
        // Both databases keep microseconds; hashing more precision than is stored would break verification.
        recorded_at: truncate_to_micros(at),
        actor: event.actor.subject.clone(),
        actor_role: event.actor.role.clone(),
        auth_method: event.actor.auth_method.clone(),
        action: event.action.clone(),
        outcome: event.outcome.as_str().to_string(),
        entity_type: event.entity_type.clone(),
        entity_id: event.entity_id.clone(),
        project_id: event.project_id.clone(),
        before_state: json(&event.before),
        after_state: json(&event.after),
        reason: event.reason.clone(),
        request_id: event.request_id.clone(),
        idempotency_key: event.idempotency_key.clone(),
        catalog_version: event.catalog_version.clone(),
        prev_hash,
        hash: String::new(),
    };
    row.hash = hash_with_time(&row, recorded_at);
    row
}

fn truncate_to_micros(at: NaiveDateTime) -> NaiveDateTime {
    let micros = at.nanosecond() / 1_000 * 1_000;
    at.with_nanosecond(micros).unwrap_or(at)
}

/// The content a record's hash covers: every column but `hash`, in a fixed order, as compact JSON.
#[derive(Serialize)]
struct Canonical<'a> {
    seq: i64,
    recorded_at: &'a str,
    actor: &'a str,
    actor_role: &'a str,
    auth_method: &'a str,
    action: &'a str,
    outcome: &'a str,
    entity_type: &'a str,
    entity_id: &'a str,
    project_id: Option<&'a str>,
    before_state: Option<&'a str>,
    after_state: Option<&'a str>,
    reason: Option<&'a str>,
    request_id: Option<&'a str>,
    idempotency_key: Option<&'a str>,
    catalog_version: Option<&'a str>,
}

/// How the canonical content writes a record's time (microseconds, UTC).
fn timestamp_text(at: NaiveDateTime) -> String {
    truncate_to_micros(at).format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

pub fn canonical_content(row: &AuditRow) -> String {
    canonical_with_time(row, &timestamp_text(row.recorded_at))
}

fn canonical_with_time(row: &AuditRow, recorded_at: &str) -> String {
    let canonical = Canonical {
        seq: row.seq,
        recorded_at,
        actor: &row.actor,
        actor_role: &row.actor_role,
        auth_method: &row.auth_method,
        action: &row.action,
        outcome: &row.outcome,
        entity_type: &row.entity_type,
        entity_id: &row.entity_id,
        project_id: row.project_id.as_deref(),
        before_state: row.before_state.as_deref(),
        after_state: row.after_state.as_deref(),
        reason: row.reason.as_deref(),
        request_id: row.request_id.as_deref(),
        idempotency_key: row.idempotency_key.as_deref(),
        catalog_version: row.catalog_version.as_deref(),
    };
    // Serialising borrowed strings and integers cannot fail.
    serde_json::to_string(&canonical).unwrap_or_default()
}

/// `hex(SHA-256(prev_hash "\n" canonical_content))`.
pub fn record_hash(row: &AuditRow) -> String {
    hash_with_time(row, &timestamp_text(row.recorded_at))
}

fn hash_with_time(row: &AuditRow, recorded_at: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(row.prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical_with_time(row, recorded_at).as_bytes());
    hex::encode(hasher.finalize())
}
