//! An ERP purchase order sent again with the same reference: each line with the same `line_ref` (or, without
//! one, the same line number) as a line of an earlier submission re-submits that line. The new item keeps the
//! old line's screening history and its parties; if the old line was ever prohibited and the new text screens
//! lower, the new item stays `prohibited` with a proposal that two reviewers must confirm (`crate::review`).

use super::store::{BatchMeta, Writer};
use super::ServiceError;
use crate::audit::{self, AuditEvent};
use crate::db::items::Item;
use crate::db::screenings;
use crate::db::DbConnection;
use crate::decision::Decision;
use crate::review::history::{hold, Origin};
use serde_json::json;

/// A re-submitted line: its position in the new batch, the item it replaces, and whether it is held.
pub(super) struct Resubmitted {
    position: i64,
    previous: Item,
    held: bool,
}

/// Links the buffered lines of `writer` to the lines they re-submit (before they are inserted).
pub(super) fn link(
    conn: &mut DbConnection,
    writer: &mut Writer<'_>,
    meta: &BatchMeta,
    reference: &str,
) -> Result<Vec<Resubmitted>, ServiceError> {
    let mut linked = Vec::new();
    if !screenings::order_submitted_before(conn, &meta.project, reference, &meta.id)? {
        return Ok(linked);
    }
    let now = crate::db::now();
    for row in writer.items.iter_mut() {
        let Some(previous) = screenings::previous_order_line(
            conn,
            &meta.project,
            reference,
            &meta.id,
            row.line_ref.as_deref(),
            row.row_number,
        )?
        else {
            continue;
        };
        writer.replaced.insert(row.position, previous.id);
        row.supersedes = Some(previous.id);
        let was_prohibited = previous.ever_prohibited || previous.decision == Decision::Prohibited.as_str();
        row.ever_prohibited |= was_prohibited;
        let screened = row.decision.parse::<Decision>().unwrap_or(Decision::Prohibited);
        let line = row.line_ref.clone().unwrap_or_else(|| row.row_number.to_string());
        let why = format!(
            "re-submission of {reference} line {line} (item {}) by {}: screens {screened}",
            previous.id, meta.user
        );
        let proposal = hold(was_prohibited, screened, Origin::Resubmission, &meta.user, why, now);
        if let Some(proposal) = &proposal {
            writer.summary.replace(screened, Decision::Prohibited);
            row.decision = Decision::Prohibited.as_str().to_string();
            row.review_status = "proposed".to_string();
            row.proposal = Some(serde_json::to_string(proposal).map_err(|e| ServiceError::Internal(e.to_string()))?);
        }
        linked.push(Resubmitted {
            position: row.position,
            previous,
            held: proposal.is_some(),
        });
    }
    Ok(linked)
}

/// One audit record per re-submitted line, after the items are stored.
pub(super) fn audit(
    conn: &mut DbConnection,
    meta: &BatchMeta,
    linked: &[Resubmitted],
    catalog_version: &str,
) -> Result<(), ServiceError> {
    let (Some(lo), Some(hi)) = (linked.first(), linked.last()) else {
        return Ok(());
    };
    let ids: std::collections::HashMap<i64, i64> =
        screenings::ids_by_position(conn, &meta.id, lo.position, hi.position)?
            .into_iter()
            .collect();
    let now = crate::db::now();
    let mut events = Vec::with_capacity(linked.len());
    for r in linked {
        let Some(id) = ids.get(&r.position) else { continue };
        let reason = if r.held {
            "re-submitted line of an item screened prohibited: held as prohibited until two reviewers confirm"
        } else {
            "re-submitted line: replaces the earlier submission's item"
        };
        events.push(
            AuditEvent::new(&meta.actor, "resubmit", "item", id.to_string())
                .project(meta.project.clone())
                .before(json!({"item": r.previous.id, "batch": r.previous.batch_id,
                    "description": r.previous.description, "decision": r.previous.decision,
                    "ever_prohibited": r.previous.ever_prohibited}))
                .after(json!({"item": id, "batch": meta.id, "supersedes": r.previous.id, "held": r.held}))
                .reason(reason)
                .request_id(meta.request_id.as_deref())
                .idempotency_key(meta.idempotency_key.as_deref())
                .catalog_version(catalog_version),
        );
    }
    audit::append_all(conn, &events, now)?;
    Ok(())
}
