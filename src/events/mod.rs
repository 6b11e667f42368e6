//! The change feed: which stored changes an integrator hears about, and in what words. Events are derived from
//! the audit records of decisions, review steps and batch states (every such change is audited in its own
//! transaction, so the event commits or rolls back with it) and from obligations as they are stored (created,
//! fulfilled, waived; "overdue" is computed for a day and never stored, so it is no event).

use crate::db::audit::AuditRow;
use crate::db::events::{self as store, NewEvent};
use crate::db::monitoring::Obligation;
use crate::db::{DbConnection, DbError};
use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::value::RawValue;
#[cfg(test)]
use serde_json::Value;

/// Every event type, for the OpenAPI enum and the README.
pub const EVENT_TYPES: &[&str] = &[
    "batch.created",
    "batch.state_changed",
    "batch.rescreened",
    "item.screened",
    "item.review_step",
    "obligation.created",
    "obligation.fulfilled",
    "obligation.waived",
];

/// The event an audit record stands for: a change (not a refusal) of a batch or an item of a project.
pub fn from_audit(row: &AuditRow) -> Option<NewEvent> {
    if row.outcome != "done" {
        return None;
    }
    let project = row.project_id.clone()?;
    let event_type = match (row.entity_type.as_str(), row.action.as_str()) {
        ("batch", "upload" | "submit_order") => "batch.created",
        ("batch", "batch_state") => "batch.state_changed",
        ("batch", "rescreen") => "batch.rescreened",
        ("item", "rescreen" | "resubmit") => "item.screened",
        ("item", _) => "item.review_step",
        _ => return None,
    };
    // A stored state is checked to be JSON and copied as it is (a bulk step has thousands); else null.
    fn state(text: &Option<String>) -> Option<&RawValue> {
        text.as_deref().and_then(|t| serde_json::from_str(t).ok())
    }
    let data = EventData {
        action: &row.action,
        actor: &row.actor,
        actor_role: &row.actor_role,
        after: state(&row.after_state),
        audit_seq: row.seq,
        before: state(&row.before_state),
        catalog_version: row.catalog_version.as_deref(),
        reason: row.reason.as_deref(),
    };
    Some(NewEvent {
        project_id: project,
        event_type: event_type.to_string(),
        entity_type: row.entity_type.clone(),
        entity_id: row.entity_id.clone(),
        data: serde_json::to_string(&data).ok()?,
    })
}

/// An audit record's event data. Fields in alphabetical order, as the map this replaced wrote them.
#[derive(Serialize)]
struct EventData<'a> {
    action: &'a str,
    actor: &'a str,
    actor_role: &'a str,
    after: Option<&'a RawValue>,
    audit_seq: i64,
    before: Option<&'a RawValue>,
    catalog_version: Option<&'a str>,
    reason: Option<&'a str>,
}

/// Appends the events of freshly appended audit records (inside their transaction).
pub fn record_audited(conn: &mut DbConnection, rows: &[AuditRow]) -> Result<(), DbError> {
    let events: Vec<NewEvent> = rows.iter().filter_map(from_audit).collect();
    match rows.first() {
        Some(first) => store::append(conn, &events, first.recorded_at),
        None => Ok(()),
    }
}

/// Appends `obligation.<what>` for an obligation as just stored (inside the transaction that stored it).
pub fn record_obligation(
    conn: &mut DbConnection,
    what: &str,
    obligation: &Obligation,
    at: NaiveDateTime,
) -> Result<(), DbError> {
    let event = NewEvent {
        project_id: obligation.project_id.clone(),
        event_type: format!("obligation.{what}"),
        entity_type: "obligation".into(),
        entity_id: obligation.id.clone(),
        data: serde_json::to_string(obligation).unwrap_or_else(|_| "null".into()),
    };
    store::append(conn, &[event], at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(entity_type: &str, action: &str, outcome: &str, project: Option<&str>) -> AuditRow {
        AuditRow {
            seq: 7,
            recorded_at: crate::db::now(),
            actor: "ana".into(),
            actor_role: "reviewer".into(),
            auth_method: "password".into(),
            action: action.into(),
            outcome: outcome.into(),
            entity_type: entity_type.into(),
            entity_id: "42".into(),
            project_id: project.map(str::to_string),
            before_state: Some(r#"{"review_status":"pending"}"#.into()),
            after_state: Some("not json".into()),
            reason: Some("Civilian tents".into()),
            request_id: None,
            idempotency_key: None,
            catalog_version: None,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    #[test]
    fn changes_of_a_project_become_events_refusals_do_not() {
        let event = from_audit(&row("item", "approve", "done", Some("p1"))).unwrap();
        assert_eq!(event.event_type, "item.review_step");
        let data: Value = serde_json::from_str(&event.data).unwrap();
        assert_eq!(event.data, data.to_string(), "the text a map of the same fields gives");
        assert_eq!(data["before"]["review_status"], "pending");
        assert_eq!(data["after"], Value::Null);
        assert_eq!(data["audit_seq"], 7);
        assert!(from_audit(&row("item", "approve", "refused", Some("p1"))).is_none());
        assert!(from_audit(&row("item", "approve", "done", None)).is_none());
        assert!(from_audit(&row("project", "create_project", "done", Some("p1"))).is_none());
        let state = from_audit(&row("batch", "batch_state", "done", Some("p1"))).unwrap();
        assert_eq!(state.event_type, "batch.state_changed");
        for e in [state, event] {
            assert!(EVENT_TYPES.contains(&e.event_type.as_str()));
        }
    }
}
