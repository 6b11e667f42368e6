//! End-use monitoring operations: each change runs in one write transaction with its audit record; a refused
//! attempt is audited in a transaction of its own. Rules come from `crate::monitoring`, storage from
//! `crate::db::monitoring`. No HTTP here.

pub mod context;
pub mod deliveries;
pub mod events;
pub mod feeds;
pub mod inspections;
pub mod reports;
pub mod serial_import;

use crate::audit::{self, Actor, AuditEvent};
use crate::db::{self, DbConnection, DbError};
use crate::import::ImportError;
use chrono::NaiveDate;

#[derive(Debug, thiserror::Error)]
pub enum MonitoringError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The request is well formed but the rules forbid it; audited as refused.
    #[error("{}", .0.detail)]
    Refused(Box<Refusal>),
    /// Invalid fields: (field path, message).
    #[error("invalid request")]
    Invalid(Vec<(String, String)>),
    /// A record with the same natural key exists already (409): (field, message).
    #[error("{1}")]
    Duplicate(String, String),
}

#[derive(Debug)]
pub struct Refusal {
    /// Stable problem code: not_approved, prohibited_item, certificate_required...
    pub code: &'static str,
    pub detail: String,
    pub event: AuditEvent,
}

impl From<diesel::result::Error> for MonitoringError {
    fn from(e: diesel::result::Error) -> MonitoringError {
        MonitoringError::Db(DbError::Query(e))
    }
}

pub type Outcome<T> = Result<T, MonitoringError>;

/// Who acts, what they may see, and the day the service takes for "today".
#[derive(Debug, Clone)]
pub struct Who {
    pub actor: Actor,
    /// The projects the caller may see; `None`: every project (admins).
    pub projects: Option<Vec<String>>,
    pub today: NaiveDate,
    /// The request that acts, for the audit trail.
    pub request_id: Option<String>,
}

impl Who {
    pub fn sees(&self, project: &str) -> bool {
        self.projects.as_ref().is_none_or(|p| p.iter().any(|x| x == project))
    }

    /// 404 unless the caller may see the project (as if the thing did not exist).
    pub fn check(&self, project: &str, what: &'static str) -> Outcome<()> {
        if self.sees(project) {
            Ok(())
        } else {
            Err(MonitoringError::NotFound(what))
        }
    }

    pub fn event(&self, action: &str, entity_type: &str, entity_id: &str, project: &str) -> AuditEvent {
        AuditEvent::new(&self.actor, action, entity_type, entity_id)
            .project(project)
            .request_id(self.request_id.as_deref())
    }

    /// A refusal to return from inside a transaction; [`run`] records it.
    pub fn refuse<T>(&self, event: AuditEvent, code: &'static str, detail: impl Into<String>) -> Outcome<T> {
        let detail = detail.into();
        Err(MonitoringError::Refused(Box::new(Refusal {
            code,
            event: event.refused(detail.clone()),
            detail,
        })))
    }
}

/// Runs a change in one write transaction (its audit records inside it). A refusal rolls the change back and is
/// then audited in a transaction of its own.
pub fn run<T>(conn: &mut DbConnection, f: impl FnOnce(&mut DbConnection) -> Outcome<T>) -> Outcome<T> {
    let result = db::write(conn, f);
    if let Err(MonitoringError::Refused(refusal)) = &result {
        db::write(conn, |c| audit::append(c, &refusal.event, db::now()).map(|_| ()))?;
    }
    result
}

/// Appends a record of a change (inside the change's transaction).
pub fn audit(conn: &mut DbConnection, event: AuditEvent) -> Outcome<()> {
    audit::append(conn, &event, db::now())?;
    Ok(())
}

/// JSON of a row for the audit record.
pub fn json<T: serde::Serialize>(row: &T) -> serde_json::Value {
    serde_json::to_value(row).unwrap_or(serde_json::Value::Null)
}

pub fn invalid<T>(field: &str, message: impl Into<String>) -> Outcome<T> {
    Err(MonitoringError::Invalid(vec![(field.to_string(), message.into())]))
}

/// Checks a request's `validator` rules.
pub fn validate(request: &impl validator::Validate) -> Outcome<()> {
    request
        .validate()
        .map_err(|e| MonitoringError::Invalid(crate::service::orders::field_errors("", &e)))
}

/// Stores a new obligation of a delivery.
pub fn open_obligation(
    conn: &mut DbConnection,
    delivery: &crate::db::monitoring::Delivery,
    planned: crate::monitoring::Planned,
    serial_id: Option<&str>,
    source_id: Option<&str>,
    opened_on: NaiveDate,
) -> Outcome<crate::db::monitoring::Obligation> {
    let row = crate::db::monitoring::Obligation {
        id: crate::db::monitoring::new_id(),
        project_id: delivery.project_id.clone(),
        delivery_id: delivery.id.clone(),
        serial_id: serial_id.map(str::to_string),
        source_id: source_id.map(str::to_string),
        kind: crate::monitoring::Named::name(planned.kind),
        profile: delivery.profile.clone(),
        country: delivery.country.clone(),
        opened_on,
        due_on: planned.due_on,
        fulfilled_on: None,
        fulfilled_by: None,
        waived_on: None,
        waived_by: None,
        waiver_justification: None,
        created_at: db::now(),
    };
    crate::db::monitoring::obligations::insert(conn, &row)?;
    Ok(row)
}

/// A unique-key violation as a field error.
pub fn duplicate(e: DbError, field: &str, message: &str) -> MonitoringError {
    if e.is_unique_violation() {
        MonitoringError::Duplicate(field.to_string(), message.to_string())
    } else {
        MonitoringError::Db(e)
    }
}
