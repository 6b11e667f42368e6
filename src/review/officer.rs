//! What an officer needs to act on: a batch's verdict (its state and what is blocked, needs a licence, awaits a
//! reviewer or is clear) and the officer's home (their batches, blocked lines, questions waiting for them, and
//! decisions that changed lately). Reads only; the SQL is `db::officer`.

use super::{BatchState, Question};
use crate::classify::Classification;
use crate::db::batches::Batch;
use crate::db::items::Item;
use crate::db::officer::{self as store, OwnItems};
use crate::db::{DbConnection, DbError};
use crate::decision::Decision;
use chrono::NaiveDateTime;

/// A batch's verdict, from its items as they stand now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    pub state: Option<BatchState>,
    pub items: i64,
    /// Prohibited: the order must lose these lines.
    pub blocked: i64,
    /// Military, dual-use or controlled: deliverable only under an export or transfer licence.
    pub licence: i64,
    /// Pending, on hold or proposed: a reviewer (or the uploader's answer) is awaited.
    pub awaiting: i64,
    /// Questions to the uploader not yet answered.
    pub questions: i64,
    pub clear: i64,
    /// Clear items still pending (what a bulk approval may approve).
    pub clear_pending: i64,
}

pub fn verdict(conn: &mut DbConnection, batch: &Batch) -> Result<Verdict, DbError> {
    let mut v = Verdict {
        state: BatchState::parse(&batch.review_state),
        ..Verdict::default()
    };
    for (decision, status, n) in store::tally(conn, &batch.id)? {
        v.items += n;
        match decision.parse::<Decision>() {
            Ok(Decision::Prohibited) => v.blocked += n,
            Ok(Decision::Military | Decision::DualUse | Decision::Controlled) => v.licence += n,
            Ok(Decision::Clear) => {
                v.clear += n;
                if status == "pending" {
                    v.clear_pending += n;
                }
            }
            _ => {}
        }
        if matches!(status.as_str(), "pending" | "on_hold" | "proposed") {
            v.awaiting += n;
        }
        if status == "on_hold" {
            v.questions += n;
        }
    }
    Ok(v)
}

/// How many pending clear items a bulk approval by `by` approves (it leaves out items ever prohibited and items
/// `by` is a party to).
pub fn bulk_approvable(conn: &mut DbConnection, batch: &Batch, clear_pending: i64, by: &str) -> Result<i64, DbError> {
    let held = crate::db::review::held_from_bulk(conn, &batch.id, None, by)?.len() as i64;
    Ok((clear_pending - held).max(0))
}

/// A decision that changed on one of the officer's lines.
#[derive(Debug, Clone)]
pub struct Change {
    pub item: Item,
    pub at: NaiveDateTime,
    pub kind: ChangeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// Screened again after a catalogue or sanctions-list change; `decision` is what it gave.
    Rescreened { decision: String, catalog_version: String },
    /// A reviewer set another decision than the screening's.
    Reclassified { from: String, by: String },
    /// A reviewer approved or rejected the line.
    Decided { status: String, by: String },
}

/// The officer's home page, read in one go.
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub batches: Vec<Batch>,
    pub blocked: Vec<(Item, String)>,
    pub blocked_total: i64,
    /// Items on hold with the reviewer's question.
    pub questions: Vec<(Item, String, Option<Question>)>,
    pub questions_total: i64,
    pub changes: Vec<Change>,
}

/// Lines shown per section of the home page.
pub const HOME_LINES: i64 = 25;

pub fn home(
    conn: &mut DbConnection,
    user: &str,
    scope: Option<&[String]>,
    since: NaiveDateTime,
) -> Result<Home, DbError> {
    let batches = store::own_batches(conn, user, scope, HOME_LINES)?;
    let (blocked, blocked_total) = store::own_items(conn, user, scope, OwnItems::Prohibited, HOME_LINES)?;
    let (held, questions_total) = store::own_items(conn, user, scope, OwnItems::OnHold, HOME_LINES)?;
    let questions = held
        .into_iter()
        .map(|(item, file)| {
            let question = item.question.as_deref().and_then(|q| serde_json::from_str(q).ok());
            (item, file, question)
        })
        .collect();
    let mut changes: Vec<Change> = store::rescreened_since(conn, user, scope, since, HOME_LINES)?
        .into_iter()
        .map(|(s, item)| Change {
            at: s.screened_at,
            kind: ChangeKind::Rescreened {
                decision: s.decision,
                catalog_version: s.catalog_version,
            },
            item,
        })
        .collect();
    for item in store::reviewed_since(conn, user, scope, since, HOME_LINES)? {
        let screened = serde_json::from_str::<Classification>(&item.classification)
            .ok()
            .map(|c| c.decision.as_str().to_string());
        let by = item.reviewed_by.clone().unwrap_or_default();
        let kind = match screened {
            Some(from) if from != item.decision => ChangeKind::Reclassified { from, by },
            _ if matches!(item.review_status.as_str(), "approved" | "rejected") => ChangeKind::Decided {
                status: item.review_status.clone(),
                by,
            },
            _ => continue,
        };
        let Some(at) = item.reviewed_at else { continue };
        changes.push(Change { item, at, kind });
    }
    changes.sort_by_key(|c| std::cmp::Reverse(c.at));
    changes.truncate(HOME_LINES as usize);
    Ok(Home {
        batches,
        blocked,
        blocked_total,
        questions,
        questions_total,
        changes,
    })
}
