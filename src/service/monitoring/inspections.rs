//! Inspections: planned, then done with a result per serial. An inventory (initial or periodic inspection)
//! fulfils the delivery's open inventory obligation and opens the next; an unsighted serial opens an incident
//! with its reporting deadline.

use super::deliveries::visible_delivery;
use super::{audit, invalid, json, open_obligation, run, validate, MonitoringError, Outcome, Who};
use crate::db::monitoring::events as store;
use crate::db::monitoring::obligations as obligation_store;
use crate::db::monitoring::records;
use crate::db::monitoring::{new_id, Delivery, Incident, Inspection, InspectionResult};
use crate::db::{self, DbConnection};
use crate::monitoring::obligations::{after_inventory, on_incident};
use crate::monitoring::{
    IncidentKind, InventoryMethod, MonitoringPolicy, Named, ObligationKind, Profile, SerialStatus, SightingResult,
};
use chrono::NaiveDate;
use serde::Deserialize;
use validator::Validate;

pub const INSPECTION_KINDS: [&str; 4] = ["initial", "periodic", "post_shipment", "spot"];

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    pub delivery_id: String,
    /// initial, periodic, post_shipment or spot; initial and periodic ones are inventories.
    pub kind: String,
    pub method: Option<InventoryMethod>,
    pub planned_on: NaiveDate,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub inspector: Option<String>,
}

pub fn plan(
    conn: &mut DbConnection,
    who: &Who,
    policy: &MonitoringPolicy,
    request: PlanRequest,
) -> Outcome<Inspection> {
    validate(&request)?;
    check_kind(&request.kind)?;
    let delivery = visible_delivery(conn, who, &request.delivery_id)?;
    let row = Inspection {
        id: new_id(),
        project_id: delivery.project_id.clone(),
        delivery_id: delivery.id.clone(),
        kind: request.kind,
        method: request
            .method
            .unwrap_or_else(|| policy_method(policy, &delivery))
            .name(),
        planned_on: Some(request.planned_on),
        done_on: None,
        inspector: request.inspector,
        findings: None,
        evidence: "[]".into(),
        created_by: who.actor.subject.clone(),
        created_at: db::now(),
    };
    run(conn, |conn| {
        store::insert_inspection(conn, &row)?;
        audit(
            conn,
            who.event("plan_inspection", "inspection", &row.id, &row.project_id)
                .after(json(&row)),
        )?;
        Ok(row.clone())
    })
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SightingInput {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub serial_number: String,
    pub result: SightingResult,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordRequest {
    /// Omit when completing a planned inspection (`POST /inspections/{id}/results`).
    pub delivery_id: Option<String>,
    /// Omit when completing a planned inspection.
    pub kind: Option<String>,
    pub method: Option<InventoryMethod>,
    pub done_on: NaiveDate,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub inspector: String,
    #[validate(length(max = 8000))]
    #[schema(max_length = 8000)]
    pub findings: Option<String>,
    /// References of photos, reports, signed sheets.
    #[serde(default)]
    pub evidence: Vec<String>,
    #[validate(nested)]
    pub results: Vec<SightingInput>,
}

/// Records an inspection done: a new one (`planned` is `None`) or a planned one being completed.
pub fn record(
    conn: &mut DbConnection,
    who: &Who,
    policy: &MonitoringPolicy,
    planned: Option<&str>,
    request: RecordRequest,
) -> Outcome<Inspection> {
    validate(&request)?;
    if request.evidence.len() > 100 || request.evidence.iter().any(|e| e.len() > 500) {
        return invalid("evidence", "at most 100 references of at most 500 characters");
    }
    let (mut row, delivery) = match planned {
        Some(id) => {
            let existing = store::inspection(conn, id)?.ok_or(MonitoringError::NotFound("inspection"))?;
            who.check(&existing.project_id, "inspection")?;
            if existing.done_on.is_some() {
                return invalid("inspection", "was already recorded as done");
            }
            let delivery = visible_delivery(conn, who, &existing.delivery_id)?;
            (existing, delivery)
        }
        None => {
            let Some(delivery_id) = &request.delivery_id else {
                return invalid("delivery_id", "is required");
            };
            let kind = request.kind.clone().unwrap_or_else(|| "periodic".into());
            check_kind(&kind)?;
            let delivery = visible_delivery(conn, who, delivery_id)?;
            let row = Inspection {
                id: new_id(),
                project_id: delivery.project_id.clone(),
                delivery_id: delivery.id.clone(),
                kind,
                method: policy_method(policy, &delivery).name(),
                planned_on: None,
                done_on: None,
                inspector: None,
                findings: None,
                evidence: "[]".into(),
                created_by: who.actor.subject.clone(),
                created_at: db::now(),
            };
            (row, delivery)
        }
    };
    if request.done_on < delivery.delivered_on {
        return invalid("done_on", "is before the delivery");
    }
    // An inspection is recorded once done; one still to come is planned instead (its serials were not seen yet).
    if request.done_on > who.today {
        return invalid(
            "done_on",
            format!("is in the future (today is {}): plan the inspection instead", who.today),
        );
    }
    if let Some(method) = request.method {
        row.method = method.name();
    }
    row.done_on = Some(request.done_on);
    row.inspector = Some(request.inspector.clone());
    row.findings = request.findings.clone();
    row.evidence = serde_json::to_string(&request.evidence).unwrap_or_else(|_| "[]".into());
    run(conn, |conn| {
        let event = who.event("record_inspection", "inspection", &row.id, &row.project_id);
        let serials = records::serials_of_delivery(conn, &delivery.id)?;
        let mut incidents = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut checked = Vec::new();
        for input in &request.results {
            let number = input.serial_number.trim();
            let Some(serial) = serials.iter().find(|s| s.serial_number == number) else {
                return invalid("results", format!("serial number {number} is not in this delivery"));
            };
            if !seen.insert(serial.id.clone()) {
                return invalid("results", format!("serial number {number} appears twice"));
            }
            let status = SerialStatus::from_name(&serial.status).unwrap_or(SerialStatus::InService);
            if !status.inspectable() {
                return who.refuse(
                    event,
                    "serial_not_inspectable",
                    format!("serial {number} is {} and can no longer be inspected", serial.status),
                );
            }
            checked.push((serial.clone(), status, input));
        }
        if row.method == InventoryMethod::Full.name() {
            let unaccounted = unaccounted_for(&serials, &seen);
            if let Some(first) = unaccounted.first() {
                return who.refuse(
                    event,
                    "inventory_incomplete",
                    format!(
                        "a full inventory accounts for every serial in service; missing {} (record each as \
                         sighted, not_sighted, damaged or not_in_service): {}",
                        unaccounted.len(),
                        if unaccounted.len() > 20 {
                            format!("{first} and others")
                        } else {
                            unaccounted.join(", ")
                        }
                    ),
                );
            }
        } else if let Some(rules) = policy_rules(policy, &delivery) {
            let in_service = serials
                .iter()
                .filter(|s| s.status == SerialStatus::InService.name())
                .count();
            let accounted = checked
                .iter()
                .filter(|(_, status, _)| *status == SerialStatus::InService)
                .count();
            let required = rules.required_count(InventoryMethod::Sample, in_service);
            if accounted < required {
                return who.refuse(
                    event,
                    "inventory_sample_too_small",
                    format!(
                        "a sample inventory accounts for at least {required} of the {in_service} serials in service \
                         ({}%, at least {}); this one accounts for {accounted}",
                        rules.sample_percent, rules.sample_minimum
                    ),
                );
            }
        }
        if planned.is_some() {
            store::complete_inspection(conn, &row)?;
        } else {
            store::insert_inspection(conn, &row)?;
        }
        for (serial, status, input) in checked {
            store::insert_result(
                conn,
                &InspectionResult {
                    inspection_id: row.id.clone(),
                    serial_id: serial.id.clone(),
                    result: input.result.name(),
                    note: input.note.clone(),
                },
            )?;
            let mut updated = serial.clone();
            updated.status = input.result.status_after(status).name();
            if input.result.seen() {
                updated.last_seen_on = Some(request.done_on);
                updated.last_seen_location = Some(delivery.location.clone());
                updated.last_seen_by = Some(row.id.clone());
            }
            updated.updated_at = db::now();
            records::update_serial(conn, &updated)?;
            // A serial already missing (lost, stolen) or with an incident not yet reported is covered by that
            // incident: another one would only add a second reporting obligation for the same serial.
            let already_missing = matches!(status, SerialStatus::Lost | SerialStatus::Stolen)
                || store::unreported_incident_of_serial(conn, &serial.id)?.is_some();
            if input.result == SightingResult::NotSighted && !already_missing {
                incidents.push(open_incident(
                    conn,
                    who,
                    policy,
                    &delivery,
                    IncidentDraft {
                        serial_id: Some(serial.id.clone()),
                        inspection_id: Some(row.id.clone()),
                        kind: IncidentKind::Unsighted,
                        discovered_on: request.done_on,
                        description: format!("serial {} not sighted at inspection {}", serial.serial_number, row.id),
                    },
                )?);
            }
        }
        let next = if matches!(row.kind.as_str(), "initial" | "periodic") {
            close_inventory(conn, policy, &delivery, &row)?
        } else {
            None
        };
        audit(
            conn,
            event.after(serde_json::json!({
                "inspection": json(&row), "results": request.results.len(),
                "incidents": incidents.iter().map(|i| &i.id).collect::<Vec<_>>(), "next_inventory_due": next,
            })),
        )?;
        Ok(row.clone())
    })
}

/// Fulfils the delivery's earliest open inventory obligation and opens the next periodic one; the next due day.
fn close_inventory(
    conn: &mut DbConnection,
    policy: &MonitoringPolicy,
    delivery: &Delivery,
    inspection: &Inspection,
) -> Outcome<Option<NaiveDate>> {
    let Some(done_on) = inspection.done_on else {
        return Ok(None);
    };
    let kinds = [
        ObligationKind::InitialInventory.name(),
        ObligationKind::PeriodicInventory.name(),
    ];
    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
    let open = obligation_store::open_of_delivery(conn, &delivery.id, &kinds)?;
    for obligation in &open {
        obligation_store::fulfil(conn, &obligation.id, done_on, &inspection.id)?;
    }
    let profile = Profile::from_name(&delivery.profile).unwrap_or(Profile::None);
    let Some(rules) = policy.rules(profile) else {
        return Ok(None);
    };
    let held = records::serials_of_delivery(conn, &delivery.id)?
        .iter()
        .filter(|s| s.status == SerialStatus::InService.name())
        .count();
    match after_inventory(rules, delivery.delivered_on, done_on, held) {
        Some(planned) => {
            open_obligation(conn, delivery, planned, None, None, done_on)?;
            Ok(Some(planned.due_on))
        }
        None => Ok(None),
    }
}

pub struct IncidentDraft {
    pub serial_id: Option<String>,
    pub inspection_id: Option<String>,
    pub kind: IncidentKind,
    pub discovered_on: NaiveDate,
    pub description: String,
}

/// Stores an incident with its reporting obligation (the delivery's profile, routine rules at least: every
/// incident is reported) and its audit record.
pub fn open_incident(
    conn: &mut DbConnection,
    who: &Who,
    policy: &MonitoringPolicy,
    delivery: &Delivery,
    draft: IncidentDraft,
) -> Outcome<Incident> {
    let row = Incident {
        id: new_id(),
        project_id: delivery.project_id.clone(),
        delivery_id: delivery.id.clone(),
        serial_id: draft.serial_id,
        inspection_id: draft.inspection_id,
        kind: draft.kind.name(),
        discovered_on: draft.discovered_on,
        description: draft.description,
        reported_on: None,
        reported_to: None,
        created_by: who.actor.subject.clone(),
        created_at: db::now(),
    };
    store::insert_incident(conn, &row)?;
    let profile = Profile::from_name(&delivery.profile)
        .unwrap_or(Profile::None)
        .max(Profile::Routine);
    if let Some(rules) = policy.rules(profile) {
        let planned = on_incident(rules, row.discovered_on);
        open_obligation(
            conn,
            delivery,
            planned,
            row.serial_id.as_deref(),
            Some(&row.id),
            row.discovered_on,
        )?;
    }
    audit(
        conn,
        who.event("record_incident", "incident", &row.id, &row.project_id)
            .after(json(&row)),
    )?;
    Ok(row)
}

/// Serial numbers in service that a full inventory left out.
fn unaccounted_for(serials: &[crate::db::monitoring::Serial], seen: &std::collections::HashSet<String>) -> Vec<String> {
    serials
        .iter()
        .filter(|s| s.status == SerialStatus::InService.name() && !seen.contains(&s.id))
        .map(|s| s.serial_number.clone())
        .collect()
}

/// The rules of the delivery's profile (`None` for profile `none`).
fn policy_rules<'a>(policy: &'a MonitoringPolicy, delivery: &Delivery) -> Option<&'a crate::monitoring::ProfileRules> {
    Profile::from_name(&delivery.profile).and_then(|p| policy.rules(p))
}

/// The inventory method the delivery's profile asks for (full when it has no rules).
fn policy_method(policy: &MonitoringPolicy, delivery: &Delivery) -> InventoryMethod {
    policy_rules(policy, delivery).map_or(InventoryMethod::Full, |r| r.inventory_method)
}

fn check_kind(kind: &str) -> Outcome<()> {
    if INSPECTION_KINDS.contains(&kind) {
        Ok(())
    } else {
        invalid("kind", format!("must be one of {}", INSPECTION_KINDS.join(", ")))
    }
}
