//! The review queue: items awaiting a human, oldest first, with the count per review status.

use super::{ReviewError, Status};
use crate::db::items::Item;
use crate::db::review::{self as store, QueueFilter};
use crate::db::screenings::{self, PARTY_CAUSES};
use crate::db::DbConnection;
use crate::decision::Decision;
use chrono::NaiveDateTime;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct QueueEntry {
    pub item: Item,
    pub project: String,
    pub batch_created_at: NaiveDateTime,
    /// Who uploaded or submitted the batch: they may not decide on it (four eyes).
    pub uploaded_by: String,
    /// Everyone who uploaded, submitted, edited or re-submitted the item: none of them decides on it.
    pub parties: Vec<String>,
}

impl QueueEntry {
    pub fn is_party(&self, subject: &str) -> bool {
        self.uploaded_by == subject || self.parties.iter().any(|p| p == subject)
    }
}

#[derive(Debug, Clone)]
pub struct Queue {
    pub entries: Vec<QueueEntry>,
    /// Items matching the filters (all pages).
    pub total: i64,
    /// Items per review status under the same filters, whatever `status` asked for; every status is present.
    pub counts: BTreeMap<&'static str, i64>,
}

/// The queue of the projects in `scope` (`None`: every project). `filter.status` picks one review status;
/// without it the queue holds everything that awaits a human (pending, on_hold, proposed).
pub fn queue(
    conn: &mut DbConnection,
    scope: Option<&[String]>,
    filter: &QueueFilter,
    limit: i64,
    offset: i64,
) -> Result<Queue, ReviewError> {
    let mut errors = Vec::new();
    if let Some(status) = &filter.status {
        if Status::parse(status).is_none() {
            errors.push((
                "status".to_string(),
                "must be pending, on_hold, proposed, approved or rejected".to_string(),
            ));
        }
    }
    if let Some(decision) = &filter.decision {
        if decision.parse::<Decision>().is_err() {
            errors.push((
                "decision".to_string(),
                "must be prohibited, military, dual_use, controlled, review or clear".to_string(),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ReviewError::Invalid(errors));
    }
    if let (Some(scope), Some(project)) = (scope, &filter.project) {
        if !scope.contains(project) {
            // Another project's queue looks empty, as if it did not exist.
            return Ok(Queue {
                entries: Vec::new(),
                total: 0,
                counts: Status::ALL.iter().map(|s| (s.as_str(), 0)).collect(),
            });
        }
    }
    let (rows, total, by_status) = store::queue(conn, scope, filter, limit, offset)?;
    let mut counts: BTreeMap<&'static str, i64> = Status::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    for (status, n) in by_status {
        if let Some(s) = Status::parse(&status) {
            counts.insert(s.as_str(), n);
        }
    }
    let ids: Vec<i64> = rows.iter().map(|(item, ..)| item.id).collect();
    let mut parties: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for s in screenings::for_items(conn, &ids)? {
        if PARTY_CAUSES.contains(&s.cause.as_str()) {
            parties.entry(s.item_id).or_default().push(s.screened_by);
        }
    }
    Ok(Queue {
        entries: rows
            .into_iter()
            .map(|(item, project, batch_created_at, uploaded_by)| QueueEntry {
                parties: parties.remove(&item.id).unwrap_or_default(),
                item,
                project,
                batch_created_at,
                uploaded_by,
            })
            .collect(),
        total,
        counts,
    })
}
