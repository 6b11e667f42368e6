//! Applying review steps: one transaction per step holding the change, its audit record and the batch's new
//! state; refused attempts are audited in a transaction of their own.

use super::batch_state::{refresh_batch_state, BatchState};
use super::history::History;
use super::{rules, Action, Caller, Refusal, ReviewError};
use crate::audit::{self, AuditEvent};
use crate::auth::Role;
use crate::classify::Classifier;
use crate::db::items::Item;
use crate::db::review as store;
use crate::db::{self, batches, DbConnection, DbError};
use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

/// An item after a review step, with its project and its batch's state.
#[derive(Debug, Clone)]
pub struct ItemState {
    pub item: Item,
    pub project: String,
    pub batch_state: BatchState,
}

/// What a bulk approval did.
#[derive(Debug, Clone)]
pub struct BulkOutcome {
    /// Ids of the items approved, in sheet order.
    pub approved: Vec<i64>,
    /// Pending clear items left alone, in sheet order, and why (each refusal is audited).
    pub skipped: Vec<(i64, Refusal)>,
    pub batch_state: BatchState,
}

/// Failures inside the transaction; a refusal carries what its audit record needs.
/// Items per page of a bulk approval.
const BULK_PAGE: i64 = 1_000;

/// Most item ids a bulk approval may name.
pub const MAX_BULK_IDS: usize = 10_000;

pub(super) enum Failure {
    Review(ReviewError),
    Refused {
        refusal: Refusal,
        entity_type: &'static str,
        entity_id: String,
        project: String,
        before: Option<Box<RawValue>>,
    },
}

impl From<ReviewError> for Failure {
    fn from(e: ReviewError) -> Failure {
        Failure::Review(e)
    }
}

impl From<DbError> for Failure {
    fn from(e: DbError) -> Failure {
        Failure::Review(ReviewError::Db(e))
    }
}

impl From<diesel::result::Error> for Failure {
    fn from(e: diesel::result::Error) -> Failure {
        Failure::Review(e.into())
    }
}

/// The audit record of a step by `caller`, before its entity, states and reason are set.
pub(super) fn event(
    caller: &Caller,
    action: &str,
    entity_type: &str,
    entity_id: String,
    catalog_version: &str,
) -> AuditEvent {
    AuditEvent::new(&caller.actor, action, entity_type, entity_id)
        .request_id(caller.request_id.as_deref())
        .idempotency_key(caller.idempotency_key.as_deref())
        .catalog_version(catalog_version)
}

/// What an item was screened with, read from its stored classification (only these two fields are parsed).
#[derive(serde::Deserialize, Serialize, Default, Clone)]
struct ScreenedWith {
    #[serde(default)]
    catalog_version: String,
    /// The sanctions lists and their versions.
    #[serde(default)]
    party_lists: Vec<String>,
}

/// What the audit trail keeps of an item's review. The fields are in alphabetical order, so the text is the one
/// a `serde_json::Value` map of them wrote before this type existed.
#[derive(Serialize, Clone)]
pub(super) struct Snapshot<'a> {
    /// The line's data, for a step that changes it (an edit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    decision: &'a str,
    entry: Option<&'a str>,
    ever_prohibited: bool,
    lowered_by: Option<&'a str>,
    lowering_confirmed_by: Option<&'a str>,
    proposal: Option<Value>,
    question: Option<Value>,
    review_status: &'a str,
    screened_with: ScreenedWith,
    version: i64,
}

pub(super) fn snapshot(item: &Item) -> Snapshot<'_> {
    let stored = |text: Option<&str>| text.and_then(|t| serde_json::from_str::<Value>(t).ok());
    Snapshot {
        data: None,
        decision: &item.decision,
        entry: item.review_entry.as_deref(),
        ever_prohibited: item.ever_prohibited,
        lowered_by: item.lowered_by.as_deref(),
        lowering_confirmed_by: item.lowering_confirmed_by.as_deref(),
        proposal: stored(item.proposal.as_deref()),
        question: stored(item.question.as_deref()),
        review_status: &item.review_status,
        screened_with: serde_json::from_str(&item.classification).unwrap_or_default(),
        version: item.version,
    }
}

/// Runs `attempt` in a write transaction; a refusal is then audited in its own transaction.
pub(super) fn run<T>(
    conn: &mut DbConnection,
    caller: &Caller,
    action: &str,
    catalog_version: &str,
    now: NaiveDateTime,
    attempt: impl FnOnce(&mut DbConnection) -> Result<T, Failure>,
) -> Result<T, ReviewError> {
    match db::write(conn, |c| {
        // Review steps take the audit chain's lock first, so that on PostgreSQL they queue here instead of
        // deadlocking between item rows and the chain.
        crate::db::audit::lock_chain(c)?;
        attempt(c)
    }) {
        Ok(value) => Ok(value),
        Err(Failure::Review(e)) => Err(e),
        Err(Failure::Refused {
            refusal,
            entity_type,
            entity_id,
            project,
            before,
        }) => {
            let mut record = event(caller, action, entity_type, entity_id, catalog_version).project(project);
            record.before = before;
            let record = record.refused(format!("{}: {}", refusal.code(), refusal.message()));
            db::write(conn, |c| audit::append(c, &record, now))?;
            Err(ReviewError::Refused(refusal))
        }
    }
}

/// Applies one review step to an item the caller saw at `expected_version`.
pub fn decide(
    conn: &mut DbConnection,
    classifier: &Classifier,
    caller: &Caller,
    item_id: i64,
    expected_version: i64,
    action: &Action,
    now: NaiveDateTime,
) -> Result<ItemState, ReviewError> {
    let version = classifier.catalog_version().to_string();
    let catalog = classifier.catalog();
    run(conn, caller, action.name(), &version, now, |c| {
        let (item, batch) = store::item_with_batch(c, item_id)?.ok_or(ReviewError::NotFound)?;
        let role_refusal = rules::role_refusal(caller, action);
        if role_refusal.is_none() && !caller.can_see(&batch.project_id) {
            return Err(ReviewError::NotFound.into());
        }
        let history = History::load(c, &item, &batch)?;
        if let Some(refusal) = role_refusal.or_else(|| rules::refusal(&item, &batch, &history, caller, action)) {
            return Err(Failure::Refused {
                refusal,
                entity_type: "item",
                entity_id: item.id.to_string(),
                project: batch.project_id,
                before: audit::state(&snapshot(&item)),
            });
        }
        if item.version != expected_version {
            return Err(ReviewError::Conflict { current: item.version }.into());
        }
        let valid_entry = |code: &str| catalog.entry(code).map(|e| e.code.clone());
        let change = rules::transition(&item, caller, action, valid_entry, now)?;
        if !store::update_if_version(c, item_id, expected_version, &change)? {
            let current = store::item_with_batch(c, item_id)?.map_or(expected_version, |(i, _)| i.version);
            return Err(ReviewError::Conflict { current }.into());
        }
        let (after, _) = store::item_with_batch(c, item_id)?.ok_or(ReviewError::NotFound)?;
        let record = event(caller, action.name(), "item", item.id.to_string(), &version)
            .project(batch.project_id.clone())
            .before(snapshot(&item))
            .after(snapshot(&after))
            .reason(action.reason().trim());
        audit::append(c, &record, now)?;
        let batch_state = refresh_batch_state(c, &batch.id, &record, now)?;
        Ok(ItemState {
            item: after,
            project: batch.project_id,
            batch_state,
        })
    })
}

/// Approves every pending `clear` item of a batch (or only those of `only`), each with its own audit record.
/// Items that are not pending and clear are left alone.
pub fn approve_clear(
    conn: &mut DbConnection,
    classifier: &Classifier,
    caller: &Caller,
    batch_id: &str,
    only: Option<&[i64]>,
    justification: &str,
    now: NaiveDateTime,
) -> Result<BulkOutcome, ReviewError> {
    let version = classifier.catalog_version().to_string();
    run(conn, caller, "approve_clear", &version, now, |c| {
        let batch = batches::get(c, batch_id)?.ok_or(ReviewError::NotFound)?;
        let wrong_role = !matches!(caller.role, Role::Reviewer | Role::Admin);
        if !wrong_role && !caller.can_see(&batch.project_id) {
            return Err(ReviewError::NotFound.into());
        }
        let refusal = if wrong_role {
            Some(Refusal::Role)
        } else if caller.actor.subject == batch.created_by {
            Some(Refusal::FourEyes)
        } else {
            None
        };
        if let Some(refusal) = refusal {
            return Err(Failure::Refused {
                refusal,
                entity_type: "batch",
                entity_id: batch.id.clone(),
                project: batch.project_id,
                before: audit::state(&json!({"review_state": batch.review_state})),
            });
        }
        if let Some(message) = super::justification::problem(justification) {
            return Err(ReviewError::Invalid(vec![("justification".into(), message)]).into());
        }
        if only.is_some_and(|ids| ids.len() > MAX_BULK_IDS) {
            return Err(ReviewError::Invalid(vec![(
                "items".into(),
                format!("names more than {MAX_BULK_IDS} items; send several requests or none (all clear items)"),
            )])
            .into());
        }
        let reason = justification.trim();
        let note = format!("bulk approval of clear items: {reason}");
        let mut approved = Vec::new();
        let mut last = event(caller, "approve", "item", String::new(), &version);
        // A page at a time: one UPDATE and one batched append per page. Every review write holds the chain's
        // lock, so the page read is what gets updated.
        let mut after = i64::MIN;
        loop {
            let page = store::pending_clear(c, &batch.id, only, &caller.actor.subject, after, BULK_PAGE)?;
            let Some(tail) = page.last() else { break };
            after = tail.position;
            let ids: Vec<i64> = page.iter().map(|i| i.id).collect();
            let updated = store::approve_pending_clear(c, &ids, reason, &caller.actor.subject, now)?;
            if updated != ids.len() {
                // Only a writer that bypasses the chain's lock could get here; retrying is safe.
                return Err(ReviewError::InvalidState {
                    status: "being changed by another request".into(),
                    action: "approve_clear",
                }
                .into());
            }
            let events: Vec<AuditEvent> = page
                .iter()
                .map(|item| {
                    let before = snapshot(item);
                    let after = Snapshot {
                        review_status: "approved",
                        version: item.version + 1,
                        ..before.clone()
                    };
                    event(caller, "approve", "item", item.id.to_string(), &version)
                        .project(batch.project_id.clone())
                        .before(before)
                        .after(after)
                        .reason(note.clone())
                })
                .collect();
            audit::append_all(c, &events, now)?;
            if let Some(e) = events.into_iter().last() {
                last = e;
            }
            approved.extend(ids);
        }
        // Never in bulk: an item ever prohibited (approved alone, after two reviewers lowered it), or one the
        // caller edited or re-submitted (four eyes). Each is reported and its refusal audited.
        let mut skipped = Vec::new();
        let mut refusals = Vec::new();
        for (item, ever_prohibited) in store::held_from_bulk(c, &batch.id, only, &caller.actor.subject)? {
            let refusal = if ever_prohibited {
                Refusal::TwoReviewers
            } else {
                Refusal::Party
            };
            refusals.push(
                event(caller, "approve", "item", item.id.to_string(), &version)
                    .project(batch.project_id.clone())
                    .before(snapshot(&item))
                    .refused(format!(
                        "{}: {} (left out of the bulk approval)",
                        refusal.code(),
                        refusal.message()
                    )),
            );
            skipped.push((item.id, refusal));
        }
        audit::append_all(c, &refusals, now)?;
        let batch_state = refresh_batch_state(c, &batch.id, &last, now)?;
        Ok(BulkOutcome {
            approved,
            skipped,
            batch_state,
        })
    })
}
