//! Writes the records of one batch (items classified on the way, and import problems) in chunks.

use super::ServiceError;
use crate::audit::{self, Actor, AuditEvent};
use crate::check::{CheckedItem, Summary};
use crate::classify::Classification;
use crate::classify::Classifier;
use crate::db::items::{self, NewItem, NewProblem, CHUNK};
use crate::db::screenings::{self, NewScreening};
use crate::db::{batches, projects, DbConnection};
use crate::import::Record;
use crate::input_text::{self, Layout};
use crate::review::history::Cause;
use chrono::NaiveDateTime;
use std::collections::HashMap;

/// Removes control characters (PostgreSQL cannot store NUL; none has a meaning in a cell) from an imported
/// item's text, before it is classified, so `Glo\u{0}ck` is screened as `Glock`. Answers the fields cleaned and
/// the first character removed from each, to be reported as import problems: nothing is changed silently.
fn remove_control_characters(item: &mut crate::import::ImportedItem) -> Vec<(&'static str, char)> {
    let mut removed = Vec::new();
    if let Some(sheet) = &mut item.source.sheet {
        *sheet = input_text::visible(sheet);
    }
    let f = &mut item.fields;
    let mut clean = |name: &'static str, text: &mut String| {
        if let (cleaned, Some(c)) = input_text::strip_controls(text, Layout::Allowed) {
            *text = cleaned;
            removed.push((name, c));
        }
    };
    clean("description", &mut f.description);
    for (name, field) in [
        ("line_ref", &mut f.line_ref),
        ("unit", &mut f.unit),
        ("currency", &mut f.currency),
        ("hs_code", &mut f.hs_code),
        ("control_code", &mut f.control_code),
        ("supplier", &mut f.supplier),
        ("origin", &mut f.origin),
        ("end_user", &mut f.end_user),
        ("destination", &mut f.destination),
    ] {
        if let Some(text) = field {
            clean(name, text);
        }
    }
    removed
}

/// What describes a batch before its items are known.
#[derive(Debug, Clone)]
pub struct BatchMeta {
    pub id: String,
    pub project: String,
    pub file_name: String,
    pub sha256: String,
    pub source: &'static str,
    pub user: String,
    /// Who, for the audit trail.
    pub actor: Actor,
    pub request_id: Option<String>,
    pub idempotency_key: Option<String>,
}

/// The audit record of a stored batch and the batch's first review state, in the transaction that stored it.
pub(super) fn record(
    conn: &mut DbConnection,
    meta: &BatchMeta,
    summary: &Summary,
    catalog_version: &str,
) -> Result<(), ServiceError> {
    let now = crate::db::now();
    let action = if meta.source == batches::SOURCE_ERP {
        "submit_order"
    } else {
        "upload"
    };
    let event = AuditEvent::new(&meta.actor, action, "batch", meta.id.clone())
        .project(meta.project.clone())
        .after(
            serde_json::json!({"file_name": meta.file_name, "sha256": meta.sha256, "source": meta.source,
            "summary": summary}),
        )
        .request_id(meta.request_id.as_deref())
        .idempotency_key(meta.idempotency_key.as_deref())
        .catalog_version(catalog_version);
    audit::append(conn, &event, now)?;
    crate::review::refresh_batch_state(conn, &meta.id, &event, now)?;
    Ok(())
}

/// Inserts the batch row (status `importing`), creating the project row if the token's project is new.
pub(super) fn begin(conn: &mut DbConnection, meta: &BatchMeta, catalog_version: &str) -> Result<(), ServiceError> {
    projects::ensure(conn, &meta.project)?;
    batches::insert(
        conn,
        &batches::NewBatch {
            id: &meta.id,
            project_id: &meta.project,
            file_name: &meta.file_name,
            sha256: &meta.sha256,
            source: meta.source,
            created_by: &meta.user,
            created_at: crate::db::now(),
            catalog_version,
            status: batches::STATUS_IMPORTING,
            item_count: 0,
            problem_count: 0,
            summary: "{}",
            layout: None,
        },
    )?;
    Ok(())
}

/// The first screening of a batch's items: why, by whom, when, with which catalogue.
#[derive(Debug, Clone)]
pub(super) struct FirstScreening {
    pub cause: Cause,
    pub by: String,
    pub at: NaiveDateTime,
    pub catalog_version: String,
}

impl FirstScreening {
    pub fn of(meta: &BatchMeta, catalog_version: &str) -> FirstScreening {
        FirstScreening {
            cause: if meta.source == batches::SOURCE_ERP {
                Cause::Submission
            } else {
                Cause::Upload
            },
            by: meta.user.clone(),
            at: crate::db::now(),
            catalog_version: catalog_version.to_string(),
        }
    }
}

/// Inserts items (in position order) and the first row of each one's screening history; an item in `replaced`
/// (position -> the item it re-submits) starts with that item's history and is screened as a re-submission.
pub(super) fn insert_screened(
    conn: &mut DbConnection,
    batch_id: &str,
    rows: &[NewItem],
    first: &FirstScreening,
    replaced: &HashMap<i64, i64>,
) -> Result<(), ServiceError> {
    items::insert_items(conn, rows)?;
    let (Some(lo), Some(hi)) = (rows.first(), rows.last()) else {
        return Ok(());
    };
    let ids: HashMap<i64, i64> = screenings::ids_by_position(conn, batch_id, lo.position, hi.position)?
        .into_iter()
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id = *ids
            .get(&row.position)
            .ok_or_else(|| ServiceError::Internal(format!("item at position {} was not stored", row.position)))?;
        let mut cause = first.cause;
        if let Some(&old) = replaced.get(&row.position) {
            out.extend(
                screenings::for_item(conn, old)?
                    .iter()
                    .map(|s| NewScreening::copied(s, id)),
            );
            cause = Cause::Resubmission;
        }
        // Only a clear item skips reading its classification back (most items; an upload stays fast).
        let (decision, evidence) = if row.decision == "clear" && row.proposal.is_none() {
            ("clear".to_string(), String::new())
        } else {
            let c: Classification =
                serde_json::from_str(&row.classification).map_err(|e| ServiceError::Internal(e.to_string()))?;
            (c.decision.as_str().to_string(), c.summary())
        };
        out.push(NewScreening {
            item_id: id,
            decision,
            catalog_version: first.catalog_version.clone(),
            evidence,
            cause: cause.as_str().to_string(),
            screened_by: first.by.clone(),
            screened_at: first.at,
            from_item_id: None,
        });
    }
    screenings::insert(conn, &out)?;
    Ok(())
}

/// Classifies items as they come and inserts them and the problems in chunks.
pub(super) struct Writer<'a> {
    classifier: &'a Classifier,
    batch_id: String,
    pub(super) items: Vec<NewItem>,
    problems: Vec<NewProblem>,
    position: i64,
    pub summary: Summary,
    partner_country: Option<String>,
    first: FirstScreening,
    /// Re-submitted lines: position -> the item they replace.
    pub(super) replaced: HashMap<i64, i64>,
}

impl<'a> Writer<'a> {
    pub fn new(classifier: &'a Classifier, batch_id: &str, first: FirstScreening) -> Writer<'a> {
        Writer {
            classifier,
            batch_id: batch_id.to_string(),
            items: Vec::with_capacity(CHUNK),
            problems: Vec::new(),
            position: 0,
            summary: Summary::default(),
            partner_country: None,
            first,
            replaced: HashMap::new(),
        }
    }

    /// Where lines that name no destination go: the project's partner country.
    pub fn with_partner_country(mut self, partner_country: Option<String>) -> Writer<'a> {
        self.partner_country = partner_country;
        self
    }

    /// The rows buffered so far, to be inserted elsewhere (the upload inserts on another thread).
    pub fn take_rows(&mut self) -> (Vec<NewItem>, Vec<NewProblem>) {
        (
            std::mem::replace(&mut self.items, Vec::with_capacity(CHUNK)),
            std::mem::take(&mut self.problems),
        )
    }

    /// Classifies and buffers one record without touching the database (`finish` inserts everything).
    pub fn add(&mut self, record: Record) -> Result<(), ServiceError> {
        self.position += 1;
        match record {
            Record::Item(mut item) => {
                let removed = remove_control_characters(&mut item);
                let at = (item.source.sheet.clone(), i64::from(item.source.row));
                let checked = CheckedItem::classify_for(self.classifier, item, self.partner_country.as_deref());
                self.summary.add(checked.classification.decision);
                let classification = serde_json::to_string(&checked.classification)
                    .map_err(|e| ServiceError::Internal(e.to_string()))?;
                let source = checked.item.source;
                let f = checked.item.fields;
                self.items.push(NewItem {
                    batch_id: self.batch_id.clone(),
                    position: self.position,
                    sheet: source.sheet,
                    row_number: i64::from(source.row),
                    line_ref: f.line_ref,
                    description: f.description,
                    quantity: f.quantity.filter(|q| q.is_finite()),
                    unit: f.unit,
                    unit_price: f.unit_price.filter(|p| p.is_finite()),
                    currency: f.currency,
                    hs_code: f.hs_code,
                    control_code: f.control_code,
                    supplier: f.supplier,
                    origin: f.origin,
                    end_user: f.end_user,
                    destination: f.destination,
                    decision: checked.classification.decision.as_str().to_string(),
                    classification,
                    review_status: "pending".to_string(),
                    ever_prohibited: checked.classification.decision == crate::decision::Decision::Prohibited,
                    supersedes: None,
                    proposal: None,
                });
                for (field, c) in removed {
                    self.position += 1;
                    self.summary.problems += 1;
                    self.problems.push(NewProblem {
                        batch_id: self.batch_id.clone(),
                        position: self.position,
                        sheet: at.0.clone(),
                        row_number: at.1,
                        column_ref: Some(field.to_string()),
                        value: None,
                        message: format!(
                            "the control character U+{:04X} was removed from this cell and the item screened \
                             without it; check the source system's export",
                            u32::from(c)
                        ),
                    });
                }
            }
            Record::Problem(problem) => {
                self.summary.problems += 1;
                // A problem quotes what the file held: control characters are shown, not stored.
                let shown = |text: String| input_text::visible(&text);
                self.problems.push(NewProblem {
                    batch_id: self.batch_id.clone(),
                    position: self.position,
                    sheet: problem.sheet.map(shown),
                    row_number: i64::from(problem.row),
                    column_ref: problem.column.map(shown),
                    value: problem.value.map(shown),
                    message: shown(problem.message),
                });
            }
        }
        Ok(())
    }

    /// Flushes what is left and records the summary on the batch row.
    pub fn finish(&mut self, conn: &mut DbConnection, layout: Option<&str>) -> Result<Summary, ServiceError> {
        insert_screened(conn, &self.batch_id, &self.items, &self.first, &self.replaced)?;
        items::insert_problems(conn, &self.problems)?;
        self.items.clear();
        self.problems.clear();
        let summary_json = serde_json::to_string(&self.summary).map_err(|e| ServiceError::Internal(e.to_string()))?;
        batches::finish(
            conn,
            &self.batch_id,
            self.summary.items() as i64,
            self.summary.problems as i64,
            &summary_json,
            layout,
        )?;
        Ok(self.summary)
    }
}
