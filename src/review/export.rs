//! A batch's decisions for the record: the rows and summary that `report::decisions` writes as CSV or XLSX.

use super::{history, ReviewError};
use crate::classify::Classification;
use crate::db::items::{self, Item};
use crate::db::screenings::{self, Screening};
use crate::db::{batches, DbConnection, DbError};
use crate::decision::Decision;
use crate::i18n::Lang;
use crate::report::decisions::{self, Cell, DecisionRow, ExportSummary};
use crate::report::evidence_line;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// An export ready to be sent or saved.
#[derive(Debug, Clone)]
pub struct Export {
    /// `equipcheck-<project>-<upload date>-decisions.<ext>` ([`file_name`]).
    pub file_name: String,
    pub bytes: Vec<u8>,
}

fn row(item: Item, history: &[Screening]) -> DecisionRow {
    let parsed: Option<Classification> = serde_json::from_str(&item.classification).ok();
    let text = |v: Option<String>| Cell::text(v.unwrap_or_default());
    let (screened, entries, evidence, questions, version, lists) = match &parsed {
        Some(c) => (
            Cell::Decision(c.decision.as_str().to_string()),
            Cell::text(c.entry_codes().join(" ")),
            Cell::text(evidence_line(c)),
            Cell::text(c.questions.join(" | ")),
            Cell::text(c.catalog_version.to_string()),
            Cell::text(c.party_lists.join("; ")),
        ),
        None => Default::default(),
    };
    [
        Cell::Number(item.id as f64),
        text(item.sheet),
        Cell::Number(item.row_number as f64),
        text(item.line_ref),
        Cell::text(item.description),
        Cell::number(item.quantity),
        text(item.unit),
        Cell::number(item.unit_price),
        text(item.currency),
        text(item.hs_code),
        text(item.control_code),
        Cell::Decision(item.decision),
        screened,
        entries,
        evidence,
        questions,
        Cell::Status(item.review_status),
        text(item.review_entry),
        text(item.reviewed_by),
        text(item.review_note),
        item.reviewed_at.map(Cell::Time).unwrap_or_default(),
        text(item.rescreen),
        version,
        Cell::text(history::prohibited_note(history).unwrap_or_default()),
        Cell::text(history::summary_line(history)),
        lists,
    ]
}

/// A download's file name: `equipcheck-PROJECT-YYYY-MM-DD-KIND.EXT` with the batch's upload date, every
/// character but letters, digits, `.`, `_` and `-` replaced by `-` (file systems and `Content-Disposition`).
pub fn file_name(project: &str, uploaded: chrono::NaiveDateTime, kind: &str, extension: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    };
    format!(
        "equipcheck-{}-{}-{}.{}",
        clean(project),
        uploaded.format("%Y-%m-%d"),
        clean(kind),
        clean(extension)
    )
}

/// The batch's decisions in `format`, if `scope` (`None`: every project) lets the caller see the batch.
pub fn export_batch(
    conn: &mut DbConnection,
    scope: Option<&[String]>,
    batch_id: &str,
    format: ExportFormat,
    current_catalog_version: &str,
    lang: Lang,
) -> Result<Export, ReviewError> {
    let batch = batches::get(conn, batch_id)?.ok_or(ReviewError::NotFound)?;
    if scope.is_some_and(|projects| !projects.contains(&batch.project_id)) {
        return Err(ReviewError::NotFound);
    }
    let mut rows = Vec::with_capacity(usize::try_from(batch.item_count).unwrap_or(0));
    let mut per_decision: BTreeMap<String, i64> = BTreeMap::new();
    let mut per_status: BTreeMap<String, i64> = BTreeMap::new();
    let mut histories: BTreeMap<i64, Vec<Screening>> = BTreeMap::new();
    for s in screenings::for_batch(conn, &batch.id)? {
        histories.entry(s.item_id).or_default().push(s);
    }
    items::for_each_in_batch(conn, &batch.id, 2_000, |item| {
        *per_decision.entry(item.decision.clone()).or_default() += 1;
        *per_status.entry(item.review_status.clone()).or_default() += 1;
        let history = histories.remove(&item.id).unwrap_or_default();
        rows.push(row(item, &history));
        Ok(())
    })?;
    let bytes = match format {
        ExportFormat::Csv => {
            let mut out = Vec::new();
            decisions::write_csv(&mut out, &rows).map_err(|e| DbError::Corrupt(format!("CSV export: {e}")))?;
            out
        }
        ExportFormat::Xlsx => {
            let summary = ExportSummary {
                about: vec![
                    ("report-summary-batch", Cell::text(batch.id.clone())),
                    ("report-summary-project", Cell::text(batch.project_id.clone())),
                    ("report-summary-file", Cell::text(batch.file_name.clone())),
                    ("report-summary-source", Cell::text(batch.source.clone())),
                    ("report-summary-uploaded-by", Cell::text(batch.created_by.clone())),
                    ("report-summary-uploaded-at", Cell::Time(batch.created_at)),
                    ("report-summary-review-state", Cell::text(batch.review_state.clone())),
                    ("report-summary-items", Cell::Number(rows.len() as f64)),
                    (
                        "report-summary-catalog-at-upload",
                        Cell::text(batch.catalog_version.clone()),
                    ),
                    ("report-summary-catalog-now", Cell::text(current_catalog_version)),
                ],
                per_decision: Decision::ALL
                    .iter()
                    .map(|d| {
                        (
                            d.as_str().to_string(),
                            per_decision.get(d.as_str()).copied().unwrap_or(0),
                        )
                    })
                    .collect(),
                per_status: super::Status::ALL
                    .iter()
                    .map(|s| (s.as_str().to_string(), per_status.get(s.as_str()).copied().unwrap_or(0)))
                    .collect(),
            };
            decisions::write_xlsx(&rows, &summary, lang).map_err(|e| DbError::Corrupt(format!("XLSX export: {e}")))?
        }
    };
    Ok(Export {
        file_name: file_name(&batch.project_id, batch.created_at, "decisions", format.extension()),
        bytes,
    })
}
