//! What the API answers: response documents built from stored rows.

use crate::classify::Classification;
use crate::db::screenings::Screening;
use crate::db::{batches::Batch, items::Item, items::Problem};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

fn json(text: Option<&str>) -> Option<serde_json::Value> {
    text.and_then(|t| serde_json::from_str(t).ok())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchView {
    pub id: String,
    pub project: String,
    /// The uploaded file's name (metadata only) or the purchase order reference.
    pub file_name: String,
    pub sha256: String,
    /// `upload` or `erp`.
    #[schema(value_type = super::vocab::BatchSource)]
    pub source: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub catalog_version: String,
    /// `complete` (an incomplete batch is never visible: uploads are one transaction).
    #[schema(value_type = super::vocab::BatchStatus)]
    pub status: String,
    /// open (items await review), blocked (something is prohibited), cleared (every item approved) or
    /// partially_cleared (every item decided, some rejected).
    #[schema(value_type = super::vocab::BatchReviewState)]
    pub review_state: String,
    pub item_count: i64,
    pub problem_count: i64,
    /// Items per decision (`prohibited` ... `clear`), `items` and `problems`.
    #[schema(value_type = super::vocab::BatchSummary)]
    pub summary: serde_json::Value,
    /// Sheet layout that was detected (uploads).
    #[schema(value_type = Option<Object>)]
    pub layout: Option<serde_json::Value>,
    pub items_url: String,
    pub problems_url: String,
}

impl From<Batch> for BatchView {
    fn from(b: Batch) -> BatchView {
        BatchView {
            items_url: format!("/api/v1/batches/{}/items", b.id),
            problems_url: format!("/api/v1/batches/{}/problems", b.id),
            summary: serde_json::from_str(&b.summary).unwrap_or(serde_json::Value::Null),
            layout: b.layout.as_deref().and_then(|l| serde_json::from_str(l).ok()),
            id: b.id,
            project: b.project_id,
            file_name: b.file_name,
            sha256: b.sha256,
            source: b.source,
            created_by: b.created_by,
            created_at: utc(b.created_at),
            catalog_version: b.catalog_version,
            status: b.status,
            review_state: b.review_state,
            item_count: b.item_count,
            problem_count: b.problem_count,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewView {
    /// pending, on_hold (a question to the uploader is open), proposed (a prohibited item's reclassification
    /// waits for a second reviewer), approved (may be delivered) or rejected.
    #[schema(value_type = super::vocab::ReviewStatus)]
    pub status: String,
    /// The last reviewer's written justification.
    pub note: Option<String>,
    pub by: Option<String>,
    pub at: Option<DateTime<Utc>>,
    /// The catalogue entry a reviewer set when reclassifying.
    pub entry: Option<String>,
    /// The proposed reclassification of a prohibited item: decision, entry, justification, by, at.
    #[schema(value_type = Option<Object>)]
    pub proposal: Option<serde_json::Value>,
    /// The question put to the uploader and its answer: question, asked_by, asked_at, answer, answered_by,
    /// answered_at.
    #[schema(value_type = Option<Object>)]
    pub question: Option<serde_json::Value>,
    /// Why a rescreen after a catalogue change sent the item back: from, to, why, catalog_version.
    #[schema(value_type = Option<Object>)]
    pub rescreen: Option<serde_json::Value>,
    /// The two distinct reviewers who confirmed lowering a prohibited decision.
    pub lowered_by: Option<String>,
    pub lowering_confirmed_by: Option<String>,
}

/// One screening in an item's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScreeningView {
    pub decision: String,
    pub catalog_version: String,
    /// The findings that made the decision (empty when clear).
    pub evidence: String,
    /// upload, submission (ERP), edit, resubmission (ERP, same order line) or rescreen (catalogue change).
    pub cause: String,
    pub by: String,
    pub at: DateTime<Utc>,
    /// Set when the screening belongs to the line this item re-submits.
    pub item: Option<i64>,
}

impl From<&Screening> for ScreeningView {
    fn from(s: &Screening) -> ScreeningView {
        ScreeningView {
            decision: s.decision.clone(),
            catalog_version: s.catalog_version.clone(),
            evidence: s.evidence.clone(),
            cause: s.cause.clone(),
            by: s.screened_by.clone(),
            at: utc(s.screened_at),
            item: s.from_item_id,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemView {
    pub id: i64,
    pub batch_id: String,
    /// Order in the batch (items and problems share it).
    pub position: i64,
    pub sheet: Option<String>,
    /// Row number as the spreadsheet application shows it (line number for purchase orders).
    pub row: i64,
    pub line_ref: Option<String>,
    pub description: String,
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
    /// The line's other text cells (unmapped columns, a cell beyond the header), screened with the description.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub other_text: Vec<crate::classify::ExtraText>,
    /// prohibited, military, dual_use, controlled, review or clear.
    #[schema(value_type = crate::Decision)]
    pub decision: String,
    /// Catalogue entries that raised the decision, most severe first.
    pub entries: Vec<String>,
    /// One-line explanation.
    pub explanation: String,
    pub review: ReviewView,
    /// Send it back with a review step (`version` or `If-Match`): a stale version answers 409.
    pub version: i64,
    /// The batch's review state after a review step (review answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<super::vocab::BatchReviewState>)]
    pub batch_state: Option<String>,
    /// The full classification with findings and evidence (single-item reads).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<crate::classify::Classification>)]
    pub classification: Option<serde_json::Value>,
    /// Screened (or decided) prohibited at some point: lowering it takes two reviewers, never a bulk approval.
    pub ever_prohibited: bool,
    /// The item an ERP re-submission of the same order line replaces.
    pub supersedes: Option<i64>,
    /// "screened prohibited on upload" (or on submission, edit, resubmission, rescreen), kept after any
    /// correction (single-item reads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub screened_prohibited: Option<String>,
    /// Every screening of the item, oldest first (single-item reads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub screenings: Option<Vec<ScreeningView>>,
}

impl ItemView {
    pub fn new(i: Item, with_evidence: bool) -> ItemView {
        let parsed: Option<Classification> = serde_json::from_str(&i.classification).ok();
        let (entries, explanation) = match &parsed {
            Some(c) => (c.entry_codes().into_iter().map(String::from).collect(), c.summary()),
            None => (Vec::new(), String::new()),
        };
        let classification = if with_evidence {
            serde_json::from_str(&i.classification).ok()
        } else {
            None
        };
        let other_text = i.extra_texts();
        ItemView {
            other_text,
            id: i.id,
            batch_id: i.batch_id,
            position: i.position,
            sheet: i.sheet,
            row: i.row_number,
            line_ref: i.line_ref,
            description: i.description,
            quantity: i.quantity,
            unit: i.unit,
            unit_price: i.unit_price,
            currency: i.currency,
            hs_code: i.hs_code,
            control_code: i.control_code,
            supplier: i.supplier,
            origin: i.origin,
            end_user: i.end_user,
            destination: i.destination,
            decision: i.decision,
            entries,
            explanation,
            review: ReviewView {
                status: i.review_status,
                note: i.review_note,
                by: i.reviewed_by,
                at: i.reviewed_at.map(utc),
                entry: i.review_entry,
                proposal: json(i.proposal.as_deref()),
                question: json(i.question.as_deref()),
                rescreen: json(i.rescreen.as_deref()),
                lowered_by: i.lowered_by,
                lowering_confirmed_by: i.lowering_confirmed_by,
            },
            version: i.version,
            batch_state: None,
            classification,
            ever_prohibited: i.ever_prohibited,
            supersedes: i.supersedes,
            screened_prohibited: None,
            screenings: None,
        }
    }

    /// With the item's screening history.
    pub fn with_history(mut self, history: &[Screening]) -> ItemView {
        self.screened_prohibited = crate::review::history::prohibited_note(history);
        self.screenings = Some(history.iter().map(ScreeningView::from).collect());
        self
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemView {
    pub position: i64,
    pub sheet: Option<String>,
    pub row: i64,
    /// Column letter and header text.
    pub column: Option<String>,
    pub value: Option<String>,
    pub message: String,
}

impl From<Problem> for ProblemView {
    fn from(p: Problem) -> ProblemView {
        ProblemView {
            position: p.position,
            sheet: p.sheet,
            row: p.row_number,
            column: p.column_ref,
            value: p.value,
            message: p.message,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchPage {
    pub items: Vec<BatchView>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemPage {
    pub items: Vec<ItemView>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemPage {
    pub items: Vec<ProblemView>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}
