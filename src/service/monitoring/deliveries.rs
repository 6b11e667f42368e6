//! End-user certificates, deliveries of approved items (with their serials), delivery confirmations.

use super::{audit, invalid, json, open_obligation, run, validate, MonitoringError, Outcome, Who};
use crate::db::monitoring::obligations as obligation_store;
use crate::db::monitoring::records as store;
use crate::db::monitoring::{new_id, Certificate, Delivery, Serial};
use crate::db::{self, items, projects, DbConnection};
use crate::monitoring::obligations::on_delivery;
use crate::monitoring::{MonitoringPolicy, Named, ObligationKind, Profile, SerialStatus};
use crate::Decision;
use chrono::NaiveDate;
use serde::Deserialize;
use validator::Validate;

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateRequest {
    /// The project id (a certificate is the first record a project may get, so it must be a well-formed id).
    #[validate(custom(function = "well_formed_project"))]
    #[schema(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9._-]{1,64}$")]
    pub project: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub reference: String,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub issuer: String,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub end_user: String,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub consignee: String,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub final_destination: String,
    #[validate(length(min = 1, max = 4000))]
    #[schema(min_length = 1, max_length = 4000)]
    pub end_use: String,
    pub no_reexport: bool,
    pub onsite_checks: bool,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    /// Hex SHA-256 of the signed copy.
    #[validate(length(equal = 64))]
    #[schema(min_length = 64, max_length = 64)]
    pub document_sha256: Option<String>,
}

pub fn record_certificate(conn: &mut DbConnection, who: &Who, request: CertificateRequest) -> Outcome<Certificate> {
    validate(&request)?;
    who.check(&request.project, "project")?;
    if request.valid_until.is_some_and(|until| until < request.issued_on) {
        return invalid("valid_until", "is before issued_on");
    }
    let row = Certificate {
        id: new_id(),
        project_id: request.project,
        reference: request.reference,
        issuer: request.issuer,
        end_user: request.end_user,
        consignee: request.consignee,
        final_destination: request.final_destination,
        end_use: request.end_use,
        no_reexport: request.no_reexport,
        onsite_checks: request.onsite_checks,
        issued_on: request.issued_on,
        valid_until: request.valid_until,
        document_sha256: request.document_sha256.map(|h| h.to_ascii_lowercase()),
        created_by: who.actor.subject.clone(),
        created_at: db::now(),
    };
    run(conn, |conn| {
        projects::ensure(conn, &row.project_id)?;
        store::insert_certificate(conn, &row).map_err(|e| {
            super::duplicate(
                e,
                "reference",
                "a certificate of the project already has this reference",
            )
        })?;
        audit(
            conn,
            who.event("record_certificate", "certificate", &row.id, &row.project_id)
                .after(json(&row)),
        )?;
        Ok(row.clone())
    })
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SerialInput {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub serial_number: String,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub model: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub custodian: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryRequest {
    /// The approved item (from a batch or purchase order).
    pub item_id: i64,
    #[validate(range(min = 1, max = 10_000_000))]
    #[schema(minimum = 1.0, maximum = 10_000_000.0)]
    pub quantity: i64,
    pub delivered_on: NaiveDate,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub receiving_unit: String,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub location: String,
    /// Default: the project's partner country.
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub country: Option<String>,
    pub certificate_id: Option<String>,
    #[serde(default)]
    #[validate(nested)]
    pub serials: Vec<SerialInput>,
}

pub fn record_delivery(
    conn: &mut DbConnection,
    who: &Who,
    policy: &MonitoringPolicy,
    request: DeliveryRequest,
) -> Outcome<Delivery> {
    validate(&request)?;
    if request.serials.len() as i64 > request.quantity {
        return invalid("serials", "more serial numbers than units delivered");
    }
    let (item, project) = items::get(conn, request.item_id)?.ok_or(MonitoringError::NotFound("item"))?;
    who.check(&project, "item")?;
    // A certificate named must be one of the item's project, whatever the profile requires.
    if let Some(certificate_id) = &request.certificate_id {
        if store::certificate(conn, certificate_id)?.is_none_or(|c| c.project_id != project) {
            return invalid(
                "certificate_id",
                format!("no end-user certificate {certificate_id} in project {project}; record it first"),
            );
        }
    }
    let id = new_id();
    run(conn, |conn| {
        let event = who.event("record_delivery", "delivery", &id, &project);
        let decision = item.decision.parse::<Decision>().unwrap_or(Decision::Review);
        if decision == Decision::Prohibited {
            return who.refuse(
                event,
                "prohibited_item",
                format!("item {} is prohibited and can never be delivered", item.id),
            );
        }
        if item.review_status != "approved" {
            return who.refuse(
                event,
                "not_approved",
                format!(
                    "item {} is not approved (review status {}): only approved items can be delivered",
                    item.id, item.review_status
                ),
            );
        }
        let delivered = store::delivered_quantity(conn, item.id)?;
        if let Some(ordered) = item.quantity {
            if (delivered + request.quantity) as f64 > ordered {
                return who.refuse(
                    event,
                    "quantity_exceeds_order",
                    format!(
                        "{ordered} units were ordered and {delivered} delivered already; {} more is too many",
                        request.quantity
                    ),
                );
            }
        }
        let profile = profile_of(policy, decision, &item.classification);
        if let Some(rules) = policy.rules(profile) {
            if rules.certificate_required {
                let certificate = match &request.certificate_id {
                    Some(id) => store::certificate(conn, id)?.filter(|c| c.project_id == project),
                    None => None,
                };
                let Some(certificate) = certificate else {
                    return who.refuse(
                        event,
                        "certificate_required",
                        format!(
                            "a {} item needs an end-user certificate of project {project}",
                            profile.as_str()
                        ),
                    );
                };
                if certificate.issued_on > request.delivered_on
                    || certificate
                        .valid_until
                        .is_some_and(|until| until < request.delivered_on)
                {
                    return who.refuse(
                        event,
                        "certificate_not_valid",
                        format!(
                            "certificate {} is not valid on {}",
                            certificate.reference, request.delivered_on
                        ),
                    );
                }
            }
            if rules.serials_before_shipment && request.serials.len() as i64 != request.quantity {
                return who.refuse(
                    event,
                    "serials_required",
                    format!(
                        "{} monitoring: every unit's serial number is captured before shipment ({} units, {} serials)",
                        profile.as_str(),
                        request.quantity,
                        request.serials.len()
                    ),
                );
            }
        }
        let country = match request.country.clone() {
            Some(c) => Some(c),
            None => projects::get(conn, &project)?.and_then(|p| p.partner_country),
        };
        let row = Delivery {
            id: id.clone(),
            project_id: project.clone(),
            item_id: item.id,
            certificate_id: request.certificate_id.clone(),
            description: item.description.clone(),
            quantity: request.quantity,
            delivered_on: request.delivered_on,
            receiving_unit: request.receiving_unit.clone(),
            location: request.location.clone(),
            country,
            profile: profile.name(),
            confirmed_on: None,
            confirmed_by: None,
            created_by: who.actor.subject.clone(),
            created_at: db::now(),
        };
        store::insert_delivery(conn, &row)?;
        insert_serials(conn, &row, &request.serials)?;
        if let Some(rules) = policy.rules(profile) {
            for planned in on_delivery(rules, row.delivered_on) {
                open_obligation(conn, &row, planned, None, None, row.delivered_on)?;
            }
        }
        let after = serde_json::json!({"delivery": json(&row), "serials": request.serials.len(), "delivered_before": delivered});
        audit(conn, event.after(after))?;
        Ok(row)
    })
}

/// The profile of an item: its decision's, raised by the entries it matched (from the stored classification).
pub fn profile_of(policy: &MonitoringPolicy, decision: Decision, classification: &str) -> Profile {
    let value: serde_json::Value = serde_json::from_str(classification).unwrap_or_default();
    let codes: Vec<&str> = value["findings"]
        .as_array()
        .map(|findings| {
            findings
                .iter()
                .filter(|f| f["decision"].as_str() != Some("clear"))
                .filter_map(|f| f["entry"].as_str())
                .collect()
        })
        .unwrap_or_default();
    policy.profile_for(decision, &codes)
}

/// Adds serials to a delivery (never more than its units; numbers unique in the project).
pub fn insert_serials(conn: &mut DbConnection, delivery: &Delivery, serials: &[SerialInput]) -> Outcome<usize> {
    let existing = store::serials_of_delivery(conn, &delivery.id)?.len() as i64;
    if existing + serials.len() as i64 > delivery.quantity {
        return invalid(
            "serials",
            format!(
                "the delivery has {} units and {existing} serials already; {} more is too many",
                delivery.quantity,
                serials.len()
            ),
        );
    }
    for input in serials {
        let number = input.serial_number.trim();
        if store::serial_by_number(conn, &delivery.project_id, number)?.is_some() {
            return invalid(
                "serials",
                format!(
                    "serial number {number} is already recorded in project {}",
                    delivery.project_id
                ),
            );
        }
        let row = Serial {
            id: new_id(),
            project_id: delivery.project_id.clone(),
            delivery_id: delivery.id.clone(),
            serial_number: number.to_string(),
            model: input.model.clone(),
            custodian: input
                .custodian
                .clone()
                .or_else(|| Some(delivery.receiving_unit.clone())),
            location: Some(delivery.location.clone()),
            status: SerialStatus::InService.name(),
            last_seen_on: Some(delivery.delivered_on),
            last_seen_location: Some(delivery.location.clone()),
            last_seen_by: Some("delivery".into()),
            updated_at: db::now(),
        };
        store::insert_serial(conn, &row)?;
    }
    Ok(serials.len())
}

/// Adds serial numbers to a delivery recorded without all of them (routine items, packing lists that come later).
pub fn add_serials(conn: &mut DbConnection, who: &Who, delivery_id: &str, serials: Vec<SerialInput>) -> Outcome<usize> {
    for (i, s) in serials.iter().enumerate() {
        if let Err(e) = s.validate() {
            let errors = crate::service::orders::field_errors(&format!("serials[{i}]."), &e);
            return Err(MonitoringError::Invalid(errors));
        }
    }
    let delivery = visible_delivery(conn, who, delivery_id)?;
    run(conn, |conn| {
        let added = insert_serials(conn, &delivery, &serials)?;
        let numbers: Vec<&str> = serials.iter().map(|s| s.serial_number.as_str()).collect();
        audit(
            conn,
            who.event("add_serials", "delivery", &delivery.id, &delivery.project_id)
                .after(serde_json::json!({"serial_numbers": numbers})),
        )?;
        Ok(added)
    })
}

#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmRequest {
    /// Day the recipient confirmed receipt (default: today).
    pub confirmed_on: Option<NaiveDate>,
    /// Who confirmed, on the recipient's side.
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub confirmed_by: String,
}

pub fn confirm_delivery(
    conn: &mut DbConnection,
    who: &Who,
    delivery_id: &str,
    request: ConfirmRequest,
) -> Outcome<Delivery> {
    validate(&request)?;
    let delivery = visible_delivery(conn, who, delivery_id)?;
    let on = request.confirmed_on.unwrap_or(who.today);
    if on < delivery.delivered_on {
        return invalid("confirmed_on", "is before the delivery");
    }
    run(conn, |conn| {
        let event = who.event("confirm_delivery", "delivery", &delivery.id, &delivery.project_id);
        if delivery.confirmed_on.is_some() {
            return who.refuse(event, "already_confirmed", "the delivery is already confirmed");
        }
        store::confirm_delivery(conn, &delivery.id, on, &request.confirmed_by)?;
        let kind = ObligationKind::DeliveryConfirmation.name();
        for obligation in obligation_store::open_of_delivery(conn, &delivery.id, &[kind.as_str()])? {
            obligation_store::fulfil(conn, &obligation.id, on, "confirmation")?;
        }
        audit(
            conn,
            event.after(serde_json::json!({"confirmed_on": on, "confirmed_by": request.confirmed_by})),
        )?;
        store::delivery(conn, &delivery.id)?.ok_or(MonitoringError::NotFound("delivery"))
    })
}

/// A delivery the caller may see, or 404.
pub fn visible_delivery(conn: &mut DbConnection, who: &Who, id: &str) -> Outcome<Delivery> {
    let delivery = store::delivery(conn, id)?.ok_or(MonitoringError::NotFound("delivery"))?;
    who.check(&delivery.project_id, "delivery")?;
    Ok(delivery)
}

fn well_formed_project(project: &str) -> Result<(), validator::ValidationError> {
    if crate::auth::valid_project_id(project) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("project_id")
            .with_message("must be 1-64 letters, digits, '-', '_' or '.'".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_comes_from_the_decision_and_the_matched_entries() {
        let mut policy = MonitoringPolicy::default();
        policy.entries.insert("6A002".into(), Profile::Enhanced);
        let stored =
            r#"{"findings": [{"entry": "6A002.a.2", "decision": "dual_use"}, {"entry": "ML1", "decision": "clear"}]}"#;
        assert_eq!(profile_of(&policy, Decision::DualUse, stored), Profile::Enhanced);
        assert_eq!(profile_of(&policy, Decision::Military, "{}"), Profile::Routine);
        assert_eq!(profile_of(&policy, Decision::Clear, "not json"), Profile::None);
    }
}
