//! Rescreening after a catalogue change: every item is classified again with the new catalogue; an item whose
//! decision changes goes back to the queue, marked with the old and new decision and why.

use super::batch_state::refresh_batch_state;
use super::decide::snapshot;
use super::edit::back_to_review;
use super::history::{apply_hold, hold, screening, Cause, Origin};
use super::ReviewError;
use crate::audit::{self, Actor, AuditEvent};
use crate::classify::{Classification, Classifier, ItemText};
use crate::db::review::{self as store, ItemData};
use crate::db::screenings;
use crate::db::{self, settings, DbConnection, DbError};
use crate::decision::Decision;
use crate::screening::Place;
use chrono::NaiveDateTime;
use serde::Deserialize;
use serde_json::json;

/// The settings row holding the catalogue version the stored decisions were made with.
pub const CATALOG_VERSION_SETTING: &str = "catalog_version";

const PAGE: i64 = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescreenReport {
    /// The catalogue version the items were screened with before (`None`: never recorded).
    pub from_version: Option<String>,
    pub to_version: String,
    pub examined: u64,
    /// Items whose decision changed (they are back in the queue).
    pub changed: u64,
}

/// The catalogue version the stored decisions were made with, and whether it differs from the classifier's.
pub fn stored_version(conn: &mut DbConnection, classifier: &Classifier) -> Result<(Option<String>, bool), DbError> {
    let stored = settings::get(conn, CATALOG_VERSION_SETTING)?;
    let differs = stored.as_deref() != Some(&**classifier.catalog_version());
    Ok((stored, differs))
}

#[derive(Deserialize)]
struct StoredDecision {
    decision: Decision,
    #[serde(default)]
    catalog_version: String,
}

/// Classifies every item again with `classifier` (one transaction per batch) and records its version.
pub fn rescreen(
    conn: &mut DbConnection,
    classifier: &Classifier,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<RescreenReport, ReviewError> {
    let (from_version, _) = stored_version(conn, classifier)?;
    let to_version = classifier.catalog_version().to_string();
    let mut report = RescreenReport {
        from_version,
        to_version: to_version.clone(),
        examined: 0,
        changed: 0,
    };
    let mut after_batch: Option<String> = None;
    loop {
        let ids = store::batch_ids_after(conn, after_batch.as_deref(), 100)?;
        let Some(last) = ids.last() else { break };
        after_batch = Some(last.clone());
        for batch_id in ids {
            let (examined, changed) = db::write(conn, |c| {
                db::audit::lock_chain(c)?;
                rescreen_batch(c, classifier, actor, &batch_id, now)
            })?;
            report.examined += examined;
            report.changed += changed;
        }
    }
    db::write(conn, |c| settings::set(c, CATALOG_VERSION_SETTING, &to_version))?;
    tracing::info!(from = ?report.from_version, to = %report.to_version, examined = report.examined,
        changed = report.changed, "rescreened after a catalogue change");
    Ok(report)
}

fn rescreen_batch(
    conn: &mut DbConnection,
    classifier: &Classifier,
    actor: &Actor,
    batch_id: &str,
    now: NaiveDateTime,
) -> Result<(u64, u64), ReviewError> {
    let to_version = classifier.catalog_version().to_string();
    let base = AuditEvent::new(actor, "rescreen", "batch", batch_id).catalog_version(to_version.clone());
    let (mut examined, mut changed) = (0u64, 0u64);
    let partner = partner_country(conn, batch_id)?;
    let mut after = i64::MIN;
    loop {
        let items = store::rescreen_candidates(conn, batch_id, after, PAGE)?;
        let Some(last) = items.last() else { break };
        after = last.position;
        for item in items {
            examined += 1;
            let old: Option<StoredDecision> = serde_json::from_str(&item.classification).ok();
            let extra = item.extra_texts();
            let new: Classification = classifier.classify_at(
                &ItemText {
                    description: &item.description,
                    hs_code: item.hs_code.as_deref(),
                    control_code: item.control_code.as_deref(),
                    extra: &extra,
                    supplier: item.supplier.as_deref(),
                    end_user: item.end_user.as_deref(),
                },
                Place {
                    destination: item.destination.as_deref(),
                    end_user_country: None,
                    partner_country: partner.as_deref(),
                },
            );
            if old.as_ref().is_some_and(|o| o.decision == new.decision) {
                continue;
            }
            let mut data = ItemData::from_item(&item);
            data.classification = serde_json::to_string(&new).map_err(|e| DbError::Corrupt(e.to_string()))?;
            let mut change = back_to_review(&item, new.decision.as_str());
            let why = json!({"from": item.decision, "to": new.decision, "why": new.summary(),
                "catalog_version_before": old.map(|o| o.catalog_version), "catalog_version": to_version,
                "party_lists": new.party_lists});
            change.rescreen = Some(why.to_string());
            let reason = format!(
                "catalogue {to_version}: {} -> {}: {}",
                item.decision,
                new.decision,
                new.summary()
            );
            if item.decision == Decision::Prohibited.as_str() {
                // A catalogue change does not lower a prohibited decision by itself: two reviewers confirm it.
                if let Some(proposal) = hold(
                    true,
                    new.decision,
                    Origin::Rescreen,
                    &actor.subject,
                    reason.clone(),
                    now,
                ) {
                    apply_hold(&mut change, &proposal);
                }
            } else if new.decision != Decision::Prohibited {
                // The data did not change: a lowering two reviewers confirmed still stands.
                change.lowered_by = item.lowered_by.clone();
                change.lowering_confirmed_by = item.lowering_confirmed_by.clone();
            }
            if !store::update_data_if_version(conn, item.id, item.version, &data, &change)? {
                continue;
            }
            screenings::insert(conn, &[screening(item.id, &new, Cause::Rescreen, &actor.subject, now)])?;
            let (stored, batch) = store::item_with_batch(conn, item.id)?.ok_or(ReviewError::NotFound)?;
            let record = AuditEvent::new(actor, "rescreen", "item", item.id.to_string())
                .project(batch.project_id)
                .before(snapshot(&item))
                .after(snapshot(&stored))
                .reason(reason)
                .catalog_version(to_version.clone());
            audit::append(conn, &record, now)?;
            changed += 1;
        }
    }
    if changed > 0 {
        refresh_batch_state(conn, batch_id, &base, now)?;
    }
    Ok((examined, changed))
}

/// The partner country of the batch's project: where its lines go when they name no destination.
pub(super) fn partner_country(conn: &mut DbConnection, batch_id: &str) -> Result<Option<String>, DbError> {
    let Some(batch) = db::batches::get(conn, batch_id)? else {
        return Ok(None);
    };
    Ok(db::projects::get(conn, &batch.project_id)?.and_then(|p| p.partner_country))
}
