//! The review state machine, without storage: who may do what to an item in which state, and what changes.

use super::history::{self, History, Origin, Signoff};
use super::{justification, Action, Caller, Refusal, ReviewError, Status};
use crate::auth::Role;
use crate::db::batches::Batch;
use crate::db::items::Item;
use crate::db::review::ReviewChange;
use crate::decision::Decision;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A prohibited item's lower decision, waiting for its reviewers: a reviewer's reclassification waits for a
/// second reviewer; an edit, a re-submission or a rescreen for two (see [`history`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub decision: Decision,
    pub entry: Option<String>,
    pub justification: String,
    pub by: String,
    pub at: NaiveDateTime,
    /// What proposed it (stored proposals from before default to `reclassify`).
    #[serde(default)]
    pub origin: Origin,
    /// Confirmations given so far of one that needs two.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirmations: Vec<Signoff>,
}

/// A question put to the uploader, and its answer once given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub question: String,
    pub asked_by: String,
    pub asked_at: NaiveDateTime,
    pub answer: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
}

pub(super) fn proposal_of(item: &Item) -> Option<Proposal> {
    item.proposal.as_deref().and_then(|p| serde_json::from_str(p).ok())
}

fn question_of(item: &Item) -> Option<Question> {
    item.question.as_deref().and_then(|q| serde_json::from_str(q).ok())
}

/// Whether the caller's role may take this step at all (answering is the uploader's, whatever their role).
/// Checked before the item's project, as for every route: a role that may not call it gets 403.
pub(super) fn role_refusal(caller: &Caller, action: &Action) -> Option<Refusal> {
    let answers = matches!(action, Action::Answer { .. });
    (!answers && !matches!(caller.role, Role::Reviewer | Role::Admin)).then_some(Refusal::Role)
}

/// Whether the caller may attempt `action` on this item (refusals are audited). Checked before the version and
/// the state, so that a forbidden attempt is recorded whatever else is wrong with it.
pub(super) fn refusal(
    item: &Item,
    batch: &Batch,
    history: &History,
    caller: &Caller,
    action: &Action,
) -> Option<Refusal> {
    let uploader = caller.actor.subject == batch.created_by;
    if let Action::Answer { .. } = action {
        return (!uploader).then_some(Refusal::NotUploader);
    }
    if let Some(refusal) = role_refusal(caller, action) {
        return Some(refusal);
    }
    if uploader {
        return Some(Refusal::FourEyes);
    }
    if history.is_party(&caller.actor.subject) {
        return Some(Refusal::Party);
    }
    let decision = item.decision.parse::<Decision>().unwrap_or(Decision::Prohibited);
    let me = caller.actor.subject.as_str();
    match action {
        Action::Approve { .. } if decision == Decision::Prohibited => Some(Refusal::Prohibited),
        Action::Approve { .. } if item.ever_prohibited && !history::lowering_confirmed(item) => {
            Some(Refusal::TwoReviewers)
        }
        Action::Confirm { .. }
            if proposal_of(item).is_some_and(|p| p.by == me || p.confirmations.iter().any(|c| c.by == me)) =>
        {
            Some(Refusal::SameReviewer)
        }
        _ => None,
    }
}

fn text(field: &str, value: &str) -> Result<String, ReviewError> {
    match justification::problem(value) {
        Some(message) => Err(ReviewError::Invalid(vec![(field.to_string(), message)])),
        None => Ok(value.trim().to_string()),
    }
}

fn json<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// The change `action` makes to the item, or why it cannot be made in the item's state.
pub(super) fn transition(
    item: &Item,
    caller: &Caller,
    action: &Action,
    valid_entry: impl Fn(&str) -> Option<String>,
    now: NaiveDateTime,
) -> Result<ReviewChange, ReviewError> {
    let status = Status::parse(&item.review_status);
    let required = action.required_status();
    if status != Some(required) {
        return Err(ReviewError::InvalidState {
            status: item.review_status.clone(),
            action: action.name(),
        });
    }
    let by = caller.actor.subject.clone();
    let mut change = ReviewChange::from_item(item);
    let decided = |change: &mut ReviewChange, status: Status, reason: String| {
        change.review_status = status.as_str().to_string();
        change.review_note = Some(reason);
        change.reviewed_by = Some(by.clone());
        change.reviewed_at = Some(now);
    };
    match action {
        Action::Approve { justification } => {
            decided(&mut change, Status::Approved, text("justification", justification)?)
        }
        Action::Reject { justification } => {
            decided(&mut change, Status::Rejected, text("justification", justification)?)
        }
        Action::Reclassify {
            decision,
            entry,
            justification,
        } => {
            let reason = text("justification", justification)?;
            let entry = match entry.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
                Some(code) => Some(valid_entry(code).ok_or_else(|| {
                    ReviewError::Invalid(vec![("entry".into(), format!("{code:?} is not a catalogue entry"))])
                })?),
                None => None,
            };
            let current = item.decision.parse::<Decision>().unwrap_or(Decision::Prohibited);
            if *decision == current && entry.is_none() {
                return Err(ReviewError::Invalid(vec![(
                    "decision".into(),
                    format!("the item is already {current}; name another decision or a catalogue entry"),
                )]));
            }
            if current == Decision::Prohibited && *decision != Decision::Prohibited {
                // The no-weapons rule: only a second reviewer's confirmation lowers a prohibited decision.
                let proposal = Proposal {
                    decision: *decision,
                    entry,
                    justification: reason.clone(),
                    by: by.clone(),
                    at: now,
                    origin: Origin::Reclassify,
                    confirmations: Vec::new(),
                };
                change.proposal = json(&proposal);
                change.review_status = Status::Proposed.as_str().to_string();
            } else {
                if *decision == Decision::Prohibited {
                    // Raised to prohibited: lowering it again takes two reviewers.
                    change.ever_prohibited = true;
                    change.lowered_by = None;
                    change.lowering_confirmed_by = None;
                }
                change.decision = decision.as_str().to_string();
                change.review_entry = entry;
                decided(&mut change, Status::Pending, reason);
            }
        }
        Action::Confirm { justification } => {
            let reason = text("justification", justification)?;
            let mut proposal = proposal_of(item).ok_or_else(|| ReviewError::InvalidState {
                status: item.review_status.clone(),
                action: action.name(),
            })?;
            if proposal.confirmations.len() + 1 < proposal.origin.confirmations_required() {
                // The first of two confirmations: the item stays prohibited and proposed.
                proposal.confirmations.push(Signoff {
                    by: by.clone(),
                    at: now,
                    justification: reason,
                });
                change.proposal = json(&proposal);
                return Ok(change);
            }
            let first = match proposal.origin {
                Origin::Reclassify => proposal.by.clone(),
                _ => proposal
                    .confirmations
                    .first()
                    .map_or(proposal.by.clone(), |c| c.by.clone()),
            };
            change.lowered_by = Some(first);
            change.lowering_confirmed_by = Some(by.clone());
            change.decision = proposal.decision.as_str().to_string();
            change.review_entry = proposal.entry;
            change.proposal = None;
            decided(&mut change, Status::Pending, reason);
        }
        Action::Decline { justification } => {
            let reason = text("justification", justification)?;
            change.proposal = None;
            decided(&mut change, Status::Pending, reason);
        }
        Action::Ask { question } => {
            let question = Question {
                question: text("question", question)?,
                asked_by: by.clone(),
                asked_at: now,
                answer: None,
                answered_by: None,
                answered_at: None,
            };
            change.question = json(&question);
            change.review_status = Status::OnHold.as_str().to_string();
        }
        Action::Answer { answer } => {
            let answer = text("answer", answer)?;
            let mut question = question_of(item).unwrap_or(Question {
                question: String::new(),
                asked_by: String::new(),
                asked_at: now,
                answer: None,
                answered_by: None,
                answered_at: None,
            });
            question.answer = Some(answer);
            question.answered_by = Some(by.clone());
            question.answered_at = Some(now);
            change.question = json(&question);
            change.review_status = Status::Pending.as_str().to_string();
        }
    }
    Ok(change)
}
