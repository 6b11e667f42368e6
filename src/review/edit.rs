//! Editing an item's data: it is classified again and goes back to review, whatever was decided before.

use super::batch_state::refresh_batch_state;
use super::decide::{event, run, snapshot, Failure, ItemState};
use super::history::{apply_hold, hold, screening, Cause, Origin};
use super::{Caller, Refusal, ReviewError, Status};
use crate::audit;
use crate::auth::Role;
use crate::classify::{Classification, Classifier, ItemText};
use crate::db::items::Item;
use crate::db::review::{self as store, ItemData, ReviewChange};
use crate::db::screenings;
use crate::db::DbConnection;
use crate::decision::Decision;
use chrono::NaiveDateTime;
use serde_json::{json, Value};

/// New values for an item's data: `None` leaves a field as it is; an empty text clears it. (Also the body of
/// `PATCH /api/v1/items/{item}`.)
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemEdit {
    pub description: Option<String>,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub unit_price: Option<f64>,
    pub currency: Option<String>,
    pub hs_code: Option<String>,
    pub control_code: Option<String>,
    pub supplier: Option<String>,
    pub origin: Option<String>,
    pub end_user: Option<String>,
    pub destination: Option<String>,
    /// Why the data changed (kept in the audit trail).
    pub reason: Option<String>,
    /// The item's version as last read (or `If-Match`); [`edit`] takes it as `expected_version`.
    pub version: Option<i64>,
}

fn text(new: &Option<String>, old: &Option<String>) -> Option<String> {
    match new {
        Some(v) if v.trim().is_empty() => None,
        Some(v) => Some(v.trim().to_string()),
        None => old.clone(),
    }
}

fn data_of(item: &Item) -> Value {
    json!({
        "description": item.description, "quantity": item.quantity, "unit": item.unit,
        "unit_price": item.unit_price, "currency": item.currency, "hs_code": item.hs_code,
        "control_code": item.control_code, "supplier": item.supplier, "origin": item.origin,
        "end_user": item.end_user, "destination": item.destination,
    })
}

/// The item's data after `edit`, classified again.
pub(super) fn apply(
    classifier: &Classifier,
    item: &Item,
    edit: &ItemEdit,
    partner_country: Option<&str>,
) -> Result<(ItemData, Classification), ReviewError> {
    let mut data = ItemData::from_item(item);
    if let Some(description) = &edit.description {
        let description = description.trim();
        if description.is_empty() || description.chars().count() > 4000 {
            return Err(ReviewError::Invalid(vec![(
                "description".into(),
                "must be 1 to 4000 characters".into(),
            )]));
        }
        data.description = description.to_string();
    }
    for (name, value) in [("quantity", edit.quantity), ("unit_price", edit.unit_price)] {
        if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
            return Err(ReviewError::Invalid(vec![(
                name.into(),
                "must be a positive number".into(),
            )]));
        }
    }
    data.quantity = edit.quantity.or(item.quantity);
    data.unit_price = edit.unit_price.or(item.unit_price);
    data.unit = text(&edit.unit, &item.unit);
    data.currency = text(&edit.currency, &item.currency);
    data.hs_code = text(&edit.hs_code, &item.hs_code);
    data.control_code = text(&edit.control_code, &item.control_code);
    data.supplier = text(&edit.supplier, &item.supplier);
    data.origin = text(&edit.origin, &item.origin);
    data.end_user = text(&edit.end_user, &item.end_user);
    data.destination = text(&edit.destination, &item.destination);
    let extra = item.extra_texts();
    let classification = classifier.classify_at(
        &ItemText {
            description: &data.description,
            hs_code: data.hs_code.as_deref(),
            control_code: data.control_code.as_deref(),
            extra: &extra,
            supplier: data.supplier.as_deref(),
            end_user: data.end_user.as_deref(),
        },
        crate::screening::Place {
            destination: data.destination.as_deref(),
            end_user_country: None,
            partner_country,
        },
    );
    data.classification = serde_json::to_string(&classification)
        .map_err(|e| ReviewError::Db(crate::db::DbError::Corrupt(e.to_string())))?;
    Ok((data, classification))
}

/// The review columns of an item sent back to the queue with a new machine decision.
pub(super) fn back_to_review(item: &Item, decision: &str) -> ReviewChange {
    let mut change = ReviewChange::from_item(item);
    change.decision = decision.to_string();
    change.review_status = Status::Pending.as_str().to_string();
    change.review_note = None;
    change.reviewed_by = None;
    change.reviewed_at = None;
    change.review_entry = None;
    change.proposal = None;
    change.question = None;
    change.rescreen = None;
    // Whatever two reviewers confirmed was about the item as it was.
    change.lowered_by = None;
    change.lowering_confirmed_by = None;
    if decision == Decision::Prohibited.as_str() {
        change.ever_prohibited = true;
    }
    change
}

/// Changes an item's data (officers, ERP clients and admins of its project). The item is classified again and
/// waits for review, whatever was decided before; the editor becomes a party to it (four eyes). An item ever
/// prohibited that now screens lower stays prohibited with a proposal for two reviewers. A delivered item cannot
/// be edited.
pub fn edit(
    conn: &mut DbConnection,
    classifier: &Classifier,
    caller: &Caller,
    item_id: i64,
    expected_version: i64,
    edit: &ItemEdit,
    now: NaiveDateTime,
) -> Result<ItemState, ReviewError> {
    let version = classifier.catalog_version().to_string();
    run(conn, caller, "edit", &version, now, |c| {
        let (item, batch) = store::item_with_batch(c, item_id)?.ok_or(ReviewError::NotFound)?;
        let wrong_role = !matches!(caller.role, Role::Officer | Role::Erp | Role::Admin);
        if !wrong_role && !caller.can_see(&batch.project_id) {
            return Err(ReviewError::NotFound.into());
        }
        if wrong_role {
            return Err(Failure::Refused {
                refusal: Refusal::Role,
                entity_type: "item",
                entity_id: item.id.to_string(),
                project: batch.project_id,
                before: audit::state(&snapshot(&item)),
            });
        }
        if item.version != expected_version {
            return Err(ReviewError::Conflict { current: item.version }.into());
        }
        if store::is_delivered(c, item.id)? {
            // What was delivered is history; a correction is a new line, not an edit.
            return Err(ReviewError::InvalidState {
                status: "delivered".into(),
                action: "edit",
            }
            .into());
        }
        let partner = super::rescreen::partner_country(c, &item.batch_id)?;
        let (data, classification) = apply(classifier, &item, edit, partner.as_deref())?;
        let mut change = back_to_review(&item, classification.decision.as_str());
        let reason = edit.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        let was_prohibited = item.ever_prohibited || item.decision == Decision::Prohibited.as_str();
        let justification = format!(
            "edited by {}: screens {}{}",
            caller.actor.subject,
            classification.decision,
            reason.map(|r| format!(": {r}")).unwrap_or_default()
        );
        let by = &caller.actor.subject;
        if let Some(proposal) = hold(
            was_prohibited,
            classification.decision,
            Origin::Edit,
            by,
            justification,
            now,
        ) {
            apply_hold(&mut change, &proposal);
        }
        if !store::update_data_if_version(c, item_id, expected_version, &data, &change)? {
            return Err(ReviewError::Conflict {
                current: item.version + 1,
            }
            .into());
        }
        screenings::insert(c, &[screening(item.id, &classification, Cause::Edit, by, now)])?;
        let (after, _) = store::item_with_batch(c, item_id)?.ok_or(ReviewError::NotFound)?;
        let mut before_state = snapshot(&item);
        before_state.data = Some(data_of(&item));
        let mut after_state = snapshot(&after);
        after_state.data = Some(data_of(&after));
        let mut record = event(caller, "edit", "item", item.id.to_string(), &version)
            .project(batch.project_id.clone())
            .before(before_state)
            .after(after_state);
        if let Some(reason) = reason {
            record = record.reason(reason);
        }
        audit::append(c, &record, now)?;
        let batch_state = refresh_batch_state(c, &batch.id, &record, now)?;
        Ok(ItemState {
            item: after,
            project: batch.project_id,
            batch_state,
        })
    })
}
