//! A batch's decisions for the record: the rows and summary that `report::decisions` writes as CSV or XLSX.

use super::{history, ReviewError};
use crate::classify::Classification;
use crate::db::items::{self, Item};
use crate::db::screenings::{self, Screening};
use crate::db::{batches, DbConnection, DbError};
use crate::decision::Decision;
use crate::report::decisions::{self, DecisionRow, ExportSummary};
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
    /// `decisions-<batch>.<ext>`.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

fn row(item: Item, history: &[Screening]) -> DecisionRow {
    let parsed: Option<Classification> = serde_json::from_str(&item.classification).ok();
    let text = |v: Option<String>| v.unwrap_or_default();
    let number = |v: Option<f64>| v.map(|n| n.to_string()).unwrap_or_default();
    let (screened, entries, evidence, questions, version, lists) = match &parsed {
        Some(c) => (
            c.decision.as_str().to_string(),
            c.entry_codes().join(" "),
            evidence_line(c),
            c.questions.join(" | "),
            c.catalog_version.to_string(),
            c.party_lists.join("; "),
        ),
        None => Default::default(),
    };
    [
        item.id.to_string(),
        text(item.sheet),
        item.row_number.to_string(),
        text(item.line_ref),
        item.description,
        number(item.quantity),
        text(item.unit),
        text(item.hs_code),
        text(item.control_code),
        item.decision,
        screened,
        entries,
        evidence,
        questions,
        item.review_status,
        text(item.review_entry),
        text(item.reviewed_by),
        text(item.review_note),
        item.reviewed_at
            .map(|t| t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default(),
        text(item.rescreen),
        version,
        history::prohibited_note(history).unwrap_or_default(),
        history::summary_line(history),
        lists,
    ]
}

/// The batch's decisions in `format`, if `scope` (`None`: every project) lets the caller see the batch.
pub fn export_batch(
    conn: &mut DbConnection,
    scope: Option<&[String]>,
    batch_id: &str,
    format: ExportFormat,
    current_catalog_version: &str,
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
                    ("batch".into(), batch.id.clone()),
                    ("project".into(), batch.project_id.clone()),
                    ("file or order".into(), batch.file_name.clone()),
                    ("source".into(), batch.source.clone()),
                    ("uploaded by".into(), batch.created_by.clone()),
                    ("uploaded at (UTC)".into(), batch.created_at.and_utc().to_rfc3339()),
                    ("review state".into(), batch.review_state.clone()),
                    ("items".into(), rows.len().to_string()),
                    ("catalogue version at upload".into(), batch.catalog_version.clone()),
                    ("catalogue version now".into(), current_catalog_version.to_string()),
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
            decisions::write_xlsx(&rows, &summary).map_err(|e| DbError::Corrupt(format!("XLSX export: {e}")))?
        }
    };
    Ok(Export {
        file_name: format!("decisions-{}.{}", batch.id, format.extension()),
        bytes,
    })
}
