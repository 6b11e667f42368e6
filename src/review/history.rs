//! The history of an item's screened decisions, who is a party to the item, and the two-reviewer rule for
//! anything ever prohibited.
//!
//! Every screening is kept (upload or ERP submission first, then each edit, re-submission of the same order line
//! and rescreen that changed the decision). Whoever uploaded, submitted or edited the item's data is a party to
//! it: parties take no review step on it (four eyes). Once an item was prohibited, no route lowers its decision
//! directly: an edit, a re-submission or a rescreen that screens it lower keeps it `prohibited` and stores a
//! [`Proposal`] that two distinct reviewers, neither a party, must confirm (a reviewer's own reclassification
//! counts as the first of the two). The database refuses an approved item that was ever prohibited unless two
//! distinct reviewers are recorded (migrations `2026-12-02-000200_item_screenings`).

use super::rules::Proposal;
use super::Status;
use crate::classify::Classification;
use crate::db::batches::Batch;
use crate::db::items::Item;
use crate::db::review::ReviewChange;
use crate::db::screenings::{self, NewScreening, Screening, PARTY_CAUSES};
use crate::db::{DbConnection, DbError};
use crate::decision::Decision;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Why an item was screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    Upload,
    /// An ERP purchase order's first submission of the line.
    Submission,
    Edit,
    /// An ERP purchase order sent again with the same reference and line.
    Resubmission,
    /// A catalogue change.
    Rescreen,
}

impl Cause {
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::Upload => "upload",
            Cause::Submission => "submission",
            Cause::Edit => "edit",
            Cause::Resubmission => "resubmission",
            Cause::Rescreen => "rescreen",
        }
    }
}

/// Where a proposal to lower a prohibited decision came from; all but a reviewer's reclassification need two
/// confirmations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A reviewer proposed it: that reviewer is the first of the two.
    #[default]
    Reclassify,
    Edit,
    Resubmission,
    Rescreen,
}

impl Origin {
    /// Confirmations needed besides the proposer.
    pub fn confirmations_required(self) -> usize {
        match self {
            Origin::Reclassify => 1,
            Origin::Edit | Origin::Resubmission | Origin::Rescreen => 2,
        }
    }
}

/// One reviewer's confirmation of a proposal that needs two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signoff {
    pub by: String,
    pub at: NaiveDateTime,
    pub justification: String,
}

/// An item's screenings and its uploader.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub screenings: Vec<Screening>,
    pub uploader: String,
}

impl History {
    pub fn load(conn: &mut DbConnection, item: &Item, batch: &Batch) -> Result<History, DbError> {
        Ok(History {
            screenings: screenings::for_item(conn, item.id)?,
            uploader: batch.created_by.clone(),
        })
    }

    /// Uploaded, submitted or edited the item's data.
    pub fn is_party(&self, subject: &str) -> bool {
        self.uploader == subject
            || self
                .screenings
                .iter()
                .any(|s| s.screened_by == subject && PARTY_CAUSES.contains(&s.cause.as_str()))
    }

    /// "screened prohibited on upload", whatever happened since.
    pub fn prohibited_note(&self) -> Option<String> {
        prohibited_note(&self.screenings)
    }
}

/// "screened prohibited on upload" (the first prohibited screening's cause), if any screening was prohibited.
pub fn prohibited_note(history: &[Screening]) -> Option<String> {
    history
        .iter()
        .find(|s| s.decision == Decision::Prohibited.as_str())
        .map(|s| format!("screened prohibited on {}", s.cause))
}

/// One line per item for reports: "screened prohibited on upload (catalogue V, by olga); screened clear on edit
/// (catalogue V, by olga)".
pub fn summary_line(history: &[Screening]) -> String {
    history
        .iter()
        .map(|s| {
            format!(
                "screened {} on {} (catalogue {}, by {}, {})",
                s.decision,
                s.cause,
                s.catalog_version,
                s.screened_by,
                s.screened_at.format("%Y-%m-%d %H:%M UTC")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A screening of `item_id` with `classification`.
pub fn screening(
    item_id: i64,
    classification: &Classification,
    cause: Cause,
    by: &str,
    at: NaiveDateTime,
) -> NewScreening {
    NewScreening {
        item_id,
        decision: classification.decision.as_str().to_string(),
        catalog_version: classification.catalog_version.to_string(),
        evidence: classification.summary(),
        cause: cause.as_str().to_string(),
        screened_by: by.to_string(),
        screened_at: at,
        from_item_id: None,
    }
}

/// The proposal a new screening must wait as, or `None` when it may stand: a screening below `prohibited` of an
/// item that `was_prohibited` is held.
pub fn hold(
    was_prohibited: bool,
    screened: Decision,
    origin: Origin,
    by: &str,
    justification: String,
    now: NaiveDateTime,
) -> Option<Proposal> {
    (was_prohibited && screened != Decision::Prohibited).then(|| Proposal {
        decision: screened,
        entry: None,
        justification,
        by: by.to_string(),
        at: now,
        origin,
        confirmations: Vec::new(),
    })
}

/// Keeps the item `prohibited` with `proposal` waiting for its reviewers.
pub fn apply_hold(change: &mut ReviewChange, proposal: &Proposal) {
    change.decision = Decision::Prohibited.as_str().to_string();
    change.review_status = Status::Proposed.as_str().to_string();
    change.proposal = serde_json::to_string(proposal).ok();
    change.ever_prohibited = true;
    change.lowered_by = None;
    change.lowering_confirmed_by = None;
}

/// Whether two distinct reviewers confirmed lowering the item's prohibited decision.
pub fn lowering_confirmed(item: &Item) -> bool {
    matches!((&item.lowered_by, &item.lowering_confirmed_by), (Some(a), Some(b)) if a != b)
}
