//! Incidents and their reports, transfer-consent requests and answers, disposals, custodian changes, waivers.

use super::deliveries::visible_delivery;
use super::inspections::{open_incident, IncidentDraft};
use super::{audit, invalid, json, open_obligation, run, validate, MonitoringError, Outcome, Who};
use crate::db::monitoring::obligations as obligation_store;
use crate::db::monitoring::records;
use crate::db::monitoring::{
    events as store, new_id, Delivery, Disposal, Incident, Obligation, Serial, TransferConsent,
};
use crate::db::{self, DbConnection};
use crate::monitoring::obligations::on_transfer_request;
use crate::monitoring::{IncidentKind, MonitoringPolicy, Named, ObligationKind, Profile, SerialStatus};
use chrono::NaiveDate;
use serde::Deserialize;
use validator::Validate;

/// A serial of a project the caller may see, by number, or 404.
fn visible_serial(conn: &mut DbConnection, who: &Who, project: &str, number: &str) -> Outcome<Serial> {
    who.check(project, "serial")?;
    records::serial_by_number(conn, project, number.trim())?.ok_or(MonitoringError::NotFound("serial"))
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentRequest {
    /// The delivery concerned; or give `project` and `serial_number`.
    pub delivery_id: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub project: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub serial_number: Option<String>,
    pub kind: IncidentKind,
    pub discovered_on: NaiveDate,
    #[validate(length(min = 1, max = 8000))]
    #[schema(min_length = 1, max_length = 8000)]
    pub description: String,
}

pub fn record_incident(
    conn: &mut DbConnection,
    who: &Who,
    policy: &MonitoringPolicy,
    request: IncidentRequest,
) -> Outcome<Incident> {
    validate(&request)?;
    let serial_number = request
        .serial_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let (delivery, serial) = match (serial_number, &request.project, &request.delivery_id) {
        (Some(number), Some(project), _) => {
            let serial = visible_serial(conn, who, project, number)?;
            (visible_delivery(conn, who, &serial.delivery_id)?, Some(serial))
        }
        // The delivery page names the delivery and a serial of it (the project is the delivery's).
        (Some(number), None, Some(delivery_id)) => {
            let delivery = visible_delivery(conn, who, delivery_id)?;
            match records::serial_by_number(conn, &delivery.project_id, number.trim())? {
                Some(serial) if serial.delivery_id == delivery.id => (delivery, Some(serial)),
                _ => {
                    return invalid(
                        "serial_number",
                        format!("serial number {} is not in this delivery", number.trim()),
                    )
                }
            }
        }
        (None, _, Some(delivery_id)) => (visible_delivery(conn, who, delivery_id)?, None),
        _ => return invalid("delivery_id", "give delivery_id, or project and serial_number"),
    };
    run(conn, |conn| {
        if let Some(serial) = &serial {
            let gone = !SerialStatus::from_name(&serial.status).is_some_and(SerialStatus::inspectable);
            if gone && matches!(request.kind, IncidentKind::Loss | IncidentKind::Theft) {
                // A disposed, destroyed or transferred serial is no longer held: it cannot be lost or stolen.
                let event = who.event("record_incident", "serial", &serial.id, &serial.project_id);
                return who.refuse(
                    event,
                    "serial_gone",
                    format!(
                        "serial {} is {}: it is no longer held and cannot be lost or stolen",
                        serial.serial_number, serial.status
                    ),
                );
            }
            let status = match request.kind {
                IncidentKind::Loss => Some(SerialStatus::Lost),
                IncidentKind::Theft => Some(SerialStatus::Stolen),
                _ => None,
            };
            if let Some(status) = status {
                let mut updated = serial.clone();
                updated.status = status.name();
                updated.updated_at = db::now();
                records::update_serial(conn, &updated)?;
            }
        }
        open_incident(
            conn,
            who,
            policy,
            &delivery,
            IncidentDraft {
                serial_id: serial.as_ref().map(|s| s.id.clone()),
                inspection_id: None,
                kind: request.kind,
                discovered_on: request.discovered_on,
                description: request.description.clone(),
            },
        )
    })
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// Default: today.
    pub reported_on: Option<NaiveDate>,
    /// The authority informed (licensing authority, donor, ministry).
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub reported_to: String,
}

pub fn report_incident(conn: &mut DbConnection, who: &Who, id: &str, request: ReportRequest) -> Outcome<Incident> {
    validate(&request)?;
    let incident = store::incident(conn, id)?.ok_or(MonitoringError::NotFound("incident"))?;
    who.check(&incident.project_id, "incident")?;
    let on = request.reported_on.unwrap_or(who.today);
    run(conn, |conn| {
        let event = who.event("report_incident", "incident", &incident.id, &incident.project_id);
        if incident.reported_on.is_some() {
            return who.refuse(event, "already_reported", "the incident is already reported");
        }
        store::report_incident(conn, &incident.id, on, &request.reported_to)?;
        for obligation in obligation_store::open_of_source(conn, &incident.id)? {
            obligation_store::fulfil(conn, &obligation.id, on, "report")?;
        }
        audit(
            conn,
            event.after(serde_json::json!({"reported_on": on, "reported_to": request.reported_to})),
        )?;
        store::incident(conn, &incident.id)?.ok_or(MonitoringError::NotFound("incident"))
    })
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    pub delivery_id: String,
    #[validate(length(min = 1, max = 10_000))]
    #[schema(min_items = 1, max_items = 10_000)]
    pub serial_numbers: Vec<String>,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub transferee: String,
    #[validate(length(min = 1, max = 4000))]
    #[schema(min_length = 1, max_length = 4000)]
    pub reason: String,
    pub requested_on: NaiveDate,
}

pub fn request_transfer(
    conn: &mut DbConnection,
    who: &Who,
    policy: &MonitoringPolicy,
    request: TransferRequest,
) -> Outcome<TransferConsent> {
    validate(&request)?;
    let delivery = visible_delivery(conn, who, &request.delivery_id)?;
    let serials = records::serials_of_delivery(conn, &delivery.id)?;
    if let Some(missing) = request
        .serial_numbers
        .iter()
        .find(|n| !serials.iter().any(|s| s.serial_number == n.trim()))
    {
        return invalid(
            "serial_numbers",
            format!("serial number {missing} is not in this delivery"),
        );
    }
    let row = TransferConsent {
        id: new_id(),
        project_id: delivery.project_id.clone(),
        delivery_id: delivery.id.clone(),
        serial_numbers: serde_json::to_string(&request.serial_numbers).unwrap_or_else(|_| "[]".into()),
        transferee: request.transferee,
        reason: request.reason,
        requested_on: request.requested_on,
        decision: "pending".into(),
        decided_on: None,
        decided_by: None,
        decision_note: None,
        created_by: who.actor.subject.clone(),
        created_at: db::now(),
    };
    run(conn, |conn| {
        store::insert_consent(conn, &row)?;
        let profile = Profile::from_name(&delivery.profile)
            .unwrap_or(Profile::None)
            .max(Profile::Routine);
        if let Some(rules) = policy.rules(profile) {
            open_obligation(
                conn,
                &delivery,
                on_transfer_request(rules, row.requested_on),
                None,
                Some(&row.id),
                row.requested_on,
            )?;
        }
        audit(
            conn,
            who.event("request_transfer", "transfer_consent", &row.id, &row.project_id)
                .after(json(&row)),
        )?;
        Ok(row.clone())
    })
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[schema(as = TransferDecision)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub granted: bool,
    /// Default: today.
    pub decided_on: Option<NaiveDate>,
    #[validate(length(min = 1, max = 4000))]
    #[schema(min_length = 1, max_length = 4000)]
    pub note: String,
}

/// Answers a consent request; a granted transfer marks its serials `transferred` (their inventories stop).
pub fn decide_transfer(
    conn: &mut DbConnection,
    who: &Who,
    id: &str,
    request: DecisionRequest,
) -> Outcome<TransferConsent> {
    validate(&request)?;
    let mut consent = store::consent(conn, id)?.ok_or(MonitoringError::NotFound("transfer consent"))?;
    who.check(&consent.project_id, "transfer consent")?;
    let delivery = visible_delivery(conn, who, &consent.delivery_id)?;
    let on = request.decided_on.unwrap_or(who.today);
    run(conn, |conn| {
        let event = who.event("decide_transfer", "transfer_consent", &consent.id, &consent.project_id);
        if consent.decision != "pending" {
            return who.refuse(
                event,
                "already_decided",
                format!("the request was already {}", consent.decision),
            );
        }
        consent.decision = if request.granted { "granted" } else { "refused" }.into();
        consent.decided_on = Some(on);
        consent.decided_by = Some(who.actor.subject.clone());
        consent.decision_note = Some(request.note.clone());
        store::decide_consent(conn, &consent)?;
        for obligation in obligation_store::open_of_source(conn, &consent.id)? {
            obligation_store::fulfil(conn, &obligation.id, on, "decision")?;
        }
        if request.granted {
            let numbers: Vec<String> = serde_json::from_str(&consent.serial_numbers).unwrap_or_default();
            for number in numbers {
                if let Some(mut serial) = records::serial_by_number(conn, &consent.project_id, number.trim())? {
                    serial.status = SerialStatus::Transferred.name();
                    serial.custodian = Some(consent.transferee.clone());
                    serial.updated_at = db::now();
                    records::update_serial(conn, &serial)?;
                }
            }
            close_if_nothing_held(conn, who, &delivery, on, "every serial was transferred with consent")?;
        }
        audit(conn, event.after(json(&consent)))?;
        Ok(consent.clone())
    })
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisposalRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub project: String,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub serial_number: String,
    pub disposed_on: NaiveDate,
    /// destruction, demilitarisation, return to supplier...
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub method: String,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub witness: String,
    /// Reference of the destruction certificate.
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub certificate_ref: String,
}

/// Records a disposal; the serial's inventories end (the delivery's, when it was the last one held).
pub fn record_disposal(conn: &mut DbConnection, who: &Who, request: DisposalRequest) -> Outcome<Disposal> {
    validate(&request)?;
    let serial = visible_serial(conn, who, &request.project, &request.serial_number)?;
    let delivery = visible_delivery(conn, who, &serial.delivery_id)?;
    let row = Disposal {
        id: new_id(),
        project_id: serial.project_id.clone(),
        serial_id: serial.id.clone(),
        disposed_on: request.disposed_on,
        method: request.method,
        witness: request.witness,
        certificate_ref: request.certificate_ref,
        created_by: who.actor.subject.clone(),
        created_at: db::now(),
    };
    run(conn, |conn| {
        let event = who.event("record_disposal", "serial", &serial.id, &serial.project_id);
        let status = SerialStatus::from_name(&serial.status).unwrap_or(SerialStatus::InService);
        if !status.inspectable() {
            return who.refuse(
                event,
                "serial_gone",
                format!("serial {} is already {}", serial.serial_number, serial.status),
            );
        }
        if store::disposal_of_serial(conn, &serial.id)?.is_some() {
            return who.refuse(
                event,
                "serial_gone",
                format!("serial {} was already disposed of", serial.serial_number),
            );
        }
        store::insert_disposal(conn, &row)?;
        let mut updated = serial.clone();
        updated.status = SerialStatus::Disposed.name();
        updated.updated_at = db::now();
        records::update_serial(conn, &updated)?;
        close_if_nothing_held(
            conn,
            who,
            &delivery,
            row.disposed_on,
            "no serial left in service (disposed)",
        )?;
        audit(conn, event.after(json(&row)))?;
        Ok(row.clone())
    })
}

/// Waives the delivery's open inventory obligations when the recipient holds none of its serials any more.
fn close_if_nothing_held(
    conn: &mut DbConnection,
    who: &Who,
    delivery: &Delivery,
    on: NaiveDate,
    why: &str,
) -> Outcome<()> {
    let serials = records::serials_of_delivery(conn, &delivery.id)?;
    let held = serials.iter().any(|s| s.status == SerialStatus::InService.name());
    if held || (serials.len() as i64) < delivery.quantity {
        return Ok(());
    }
    let kinds = [
        ObligationKind::InitialInventory.name(),
        ObligationKind::PeriodicInventory.name(),
    ];
    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
    for obligation in obligation_store::open_of_delivery(conn, &delivery.id, &kinds)? {
        obligation_store::waive(conn, &obligation.id, on, &who.actor.subject, why)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WaiveRequest {
    /// Why the obligation no longer applies (kept in the audit trail).
    #[validate(length(min = 10, max = 4000))]
    #[schema(min_length = 10, max_length = 4000)]
    pub justification: String,
}

pub fn waive(conn: &mut DbConnection, who: &Who, id: &str, request: WaiveRequest) -> Outcome<Obligation> {
    validate(&request)?;
    let obligation = obligation_store::get(conn, id)?.ok_or(MonitoringError::NotFound("obligation"))?;
    who.check(&obligation.project_id, "obligation")?;
    run(conn, |conn| {
        let event = who.event("waive_obligation", "obligation", &obligation.id, &obligation.project_id);
        if obligation.fulfilled_on.is_some() || obligation.waived_on.is_some() {
            return who.refuse(
                event,
                "obligation_closed",
                "the obligation is already fulfilled or waived",
            );
        }
        obligation_store::waive(
            conn,
            &obligation.id,
            who.today,
            &who.actor.subject,
            &request.justification,
        )?;
        let after = obligation_store::get(conn, &obligation.id)?.ok_or(MonitoringError::NotFound("obligation"))?;
        audit(
            conn,
            event
                .before(json(&obligation))
                .after(json(&after))
                .reason(request.justification.clone()),
        )?;
        Ok(after)
    })
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SerialUpdate {
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub custodian: Option<String>,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub location: Option<String>,
}

/// Changes a serial's custodian or location (a handover inside the recipient force).
pub fn update_serial(conn: &mut DbConnection, who: &Who, id: &str, request: SerialUpdate) -> Outcome<Serial> {
    validate(&request)?;
    let serial = records::serial(conn, id)?.ok_or(MonitoringError::NotFound("serial"))?;
    who.check(&serial.project_id, "serial")?;
    run(conn, |conn| {
        let mut updated = serial.clone();
        updated.custodian = request.custodian.clone().or(updated.custodian);
        updated.location = request.location.clone().or(updated.location);
        updated.updated_at = db::now();
        records::update_serial(conn, &updated)?;
        audit(
            conn,
            who.event("update_serial", "serial", &serial.id, &serial.project_id)
                .before(json(&serial))
                .after(json(&updated)),
        )?;
        Ok(updated)
    })
}
