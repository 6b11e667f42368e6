//! The compliance review workflow (no HTTP here: the API and the web UI call the same functions).
//!
//! Every item that is not settled waits for a human: reviewers approve, reject or reclassify it with a written
//! justification, or put a question to the uploader. Four eyes: nobody decides on items of a batch they uploaded
//! or submitted. A `prohibited` item is never approved; lowering its decision takes a proposal and a second,
//! different reviewer's confirmation. Every step raises the item's version and is applied only to the version the
//! reviewer saw (a stale one answers [`ReviewError::Conflict`]). Every change and every refused attempt is in the
//! audit trail.

mod batch_state;
mod decide;
mod edit;
mod export;
pub mod history;
pub mod justification;
pub mod officer;
mod parties;
mod queue;
mod rescreen;
mod rules;
#[cfg(test)]
mod tests;

pub use batch_state::{refresh_batch_state, BatchState};
pub use decide::{approve_clear, decide, BulkOutcome, ItemState};
pub use edit::{edit, ItemEdit};
pub use export::{export_batch, file_name, Export, ExportFormat};
pub use justification::problem as justification_problem;
pub use parties::{load_settlements, settle_party, PartySettlement};
pub use queue::{queue, Queue, QueueEntry};
pub use rescreen::{rescreen, stored_version, RescreenReport, CATALOG_VERSION_SETTING};
pub use rules::{Proposal, Question};

use crate::audit::Actor;
use crate::auth::{Identity, Role};
use crate::db::DbError;
use crate::decision::Decision;

/// Where an item stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waits for a reviewer.
    Pending,
    /// A question to the uploader is open.
    OnHold,
    /// A prohibited item's reclassification waits for a second reviewer.
    Proposed,
    /// May be delivered (never a prohibited item).
    Approved,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Pending,
        Status::OnHold,
        Status::Proposed,
        Status::Approved,
        Status::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::OnHold => "on_hold",
            Status::Proposed => "proposed",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// One review step on one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The item may be delivered. Never for a prohibited item.
    Approve { justification: String },
    /// The item will not be procured.
    Reject { justification: String },
    /// Another decision and/or catalogue entry. On a prohibited item this only proposes; see [`Action::Confirm`].
    Reclassify {
        decision: Decision,
        entry: Option<String>,
        justification: String,
    },
    /// A second, different reviewer confirms a prohibited item's proposed reclassification (a proposal from an
    /// edit, a re-submission or a rescreen takes two confirmations).
    Confirm { justification: String },
    /// Turns a proposed reclassification down; the item stays prohibited.
    Decline { justification: String },
    /// Puts a question to the uploader; the item is on hold until answered.
    Ask { question: String },
    /// The uploader answers the open question; the item goes back to the queue.
    Answer { answer: String },
}

impl Action {
    /// The audit trail's verb.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Approve { .. } => "approve",
            Action::Reject { .. } => "reject",
            Action::Reclassify { .. } => "reclassify",
            Action::Confirm { .. } => "confirm_reclassification",
            Action::Decline { .. } => "decline_reclassification",
            Action::Ask { .. } => "ask",
            Action::Answer { .. } => "answer",
        }
    }

    /// The only status the action applies to.
    fn required_status(&self) -> Status {
        match self {
            Action::Confirm { .. } | Action::Decline { .. } => Status::Proposed,
            Action::Answer { .. } => Status::OnHold,
            _ => Status::Pending,
        }
    }

    /// The written reason the audit record carries.
    fn reason(&self) -> &str {
        match self {
            Action::Approve { justification }
            | Action::Reject { justification }
            | Action::Reclassify { justification, .. }
            | Action::Confirm { justification }
            | Action::Decline { justification } => justification,
            Action::Ask { question } => question,
            Action::Answer { answer } => answer,
        }
    }
}

/// Who acts, with what they may see, and the request that carried it (for the audit trail).
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub role: Role,
    /// Projects the caller may see; `None`: every project (admins).
    pub projects: Option<Vec<String>>,
    pub request_id: Option<String>,
    pub idempotency_key: Option<String>,
}

impl Caller {
    pub fn new(identity: &Identity, request_id: Option<String>, idempotency_key: Option<String>) -> Caller {
        Caller {
            actor: identity.actor(),
            role: identity.role,
            projects: identity.scope().map(<[String]>::to_vec),
            request_id,
            idempotency_key,
        }
    }

    pub fn can_see(&self, project: &str) -> bool {
        self.projects
            .as_ref()
            .is_none_or(|projects| projects.iter().any(|p| p == project))
    }
}

/// Why an attempt was refused outright (these are audited).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Only reviewers and admins decide.
    Role,
    /// The caller uploaded or submitted the batch.
    FourEyes,
    /// A prohibited item is never approved.
    Prohibited,
    /// The proposer of a reclassification cannot confirm it, nor can one reviewer confirm twice.
    SameReviewer,
    /// The caller edited or re-submitted the item's data: someone else decides on it.
    Party,
    /// An item ever prohibited is approved only after two distinct reviewers confirmed lowering its decision.
    TwoReviewers,
    /// Only the uploader answers a question about their batch.
    NotUploader,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Role => "forbidden",
            Refusal::FourEyes => "four_eyes",
            Refusal::Prohibited => "prohibited_item",
            Refusal::SameReviewer => "second_reviewer_required",
            Refusal::Party => "four_eyes_party",
            Refusal::TwoReviewers => "two_reviewers_required",
            Refusal::NotUploader => "not_uploader",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Refusal::Role => "your role may not take this step on items",
            Refusal::FourEyes => "four eyes: nobody decides on items of a batch they uploaded or submitted",
            Refusal::Prohibited => {
                "a prohibited item can never be approved; propose a reclassification if it is a false positive"
            }
            Refusal::SameReviewer => "a second, different reviewer must confirm this reclassification",
            Refusal::Party => {
                "four eyes: you uploaded, submitted or edited this item's data, so someone else decides on it"
            }
            Refusal::TwoReviewers => {
                "this item was screened prohibited: it is approved only after two distinct reviewers confirmed \
                 lowering its decision"
            }
            Refusal::NotUploader => "only the uploader of the batch answers its questions",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("not found")]
    NotFound,
    #[error("{}", .0.message())]
    Refused(Refusal),
    #[error("the item changed since you read it: it is now at version {current}")]
    Conflict { current: i64 },
    #[error("cannot {action} an item that is {status}")]
    InvalidState { status: String, action: &'static str },
    /// Invalid fields: (field, message).
    #[error("invalid request")]
    Invalid(Vec<(String, String)>),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<diesel::result::Error> for ReviewError {
    fn from(e: diesel::result::Error) -> ReviewError {
        ReviewError::Db(DbError::Query(e))
    }
}

impl From<diesel::r2d2::PoolError> for ReviewError {
    fn from(e: diesel::r2d2::PoolError) -> ReviewError {
        ReviewError::Db(DbError::Pool(e))
    }
}
