//! The pieces of a printable decision record: the batch's facts, one item in full (where it sits in the sheet,
//! its decision, the evidence in words with the catalogue version, its screenings and review history), the clear
//! items as one compact table. Times are UTC and say so in each value, so no label repeats it.

use super::layout::{decision_badge, status_label, when};
use super::session::Session;
use crate::classify::{Classification, Finding};
use crate::db::audit::AuditRow;
use crate::db::batches::Batch;
use crate::db::items::Item;
use crate::db::screenings::Screening;
use crate::i18n::Lang;
use maud::{html, Markup};

/// An item with its screenings and the audit records of its review steps (oldest first).
pub struct RecordedItem {
    pub item: Item,
    pub screenings: Vec<Screening>,
    pub steps: Vec<AuditRow>,
}

/// What the record is about: the batch's project, file, upload, catalogue version (and state for a batch), and
/// who made the record when.
pub fn batch_facts(lang: Lang, session: &Session, batch: &Batch, state: Option<&str>) -> Markup {
    html! {
        section.card aria-labelledby="record-batch-h" {
            h2 #record-batch-h { (lang.tr("record-batch-heading")) }
            dl.fields {
                dt { (lang.tr("record-project")) } dd { (batch.project_id) }
                dt { (lang.tr("record-file")) } dd { a href={ "/batches/" (batch.id) } { (batch.file_name) } }
                dt { (lang.tr("record-uploaded")) } dd { (lang.tr_args("record-uploaded-by", &[("when", when(batch.created_at).into()),
                    ("name", batch.created_by.clone().into())])) }
                dt { (lang.tr("record-catalogue")) } dd { (batch.catalog_version) }
                @if let Some(state) = state { dt { (lang.tr("home-col-state")) } dd { (super::home::state_label(lang, state)) } }
                dt { (lang.tr("record-made-label")) } dd { (lang.tr_args("record-uploaded-by", &[("when", when(crate::db::now()).into()),
                    ("name", session.who.sub.clone().into())])) }
            }
        }
    }
}

/// The description's column in the item's sheet ("C (Désignation)"), from the layout stored with the batch.
fn description_column(batch: &Batch, sheet: Option<&str>) -> Option<String> {
    let layout: serde_json::Value = serde_json::from_str(batch.layout.as_deref()?).ok()?;
    let sheets = layout.get("sheets")?.as_array()?;
    let found = sheets
        .iter()
        .find(|s| s.get("sheet").and_then(|n| n.as_str()) == sheet)
        .or_else(|| sheets.first().filter(|_| sheets.len() == 1))?;
    let column = found
        .get("columns")?
        .as_array()?
        .iter()
        .find(|c| c.get("field").and_then(|f| f.as_str()) == Some("description"))?;
    let letter = column.get("column")?.as_str()?;
    Some(
        match column.get("header").and_then(|h| h.as_str()).filter(|h| !h.is_empty()) {
            Some(header) => format!("{letter} ({header})"),
            None => letter.to_string(),
        },
    )
}

/// One finding: its decision and entry, the evidence as sentences, the act.
fn finding(lang: Lang, f: &Finding) -> Markup {
    html! {
        li.finding {
            (decision_badge(lang, f.decision.as_str())) " " strong { (f.entry) } " " (f.title)
            (super::reasons::reason(lang, f, true))
            p.muted { (f.act) }
        }
    }
}

fn evidence(lang: Lang, item: &Item) -> Markup {
    let Ok(c) = serde_json::from_str::<Classification>(&item.classification) else {
        return html! { p.error-detail { (lang.tr("item-unreadable")) } };
    };
    let mut findings: Vec<&Finding> = c.findings.iter().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.decision.severity()));
    html! {
        p { strong { (lang.tr("record-evidence")) } " " (lang.tr_args("record-screened-with", &[("version", c.catalog_version.to_string().into())])) }
        @if findings.is_empty() { p { (lang.tr("record-no-findings")) } }
        @else { ul.record-findings { @for f in findings { (finding(lang, f)) } } }
        @if !c.questions.is_empty() {
            p { strong { (lang.tr("item-questions")) } }
            ul { @for q in &c.questions { li { (q) } } }
        }
    }
}

fn screenings(lang: Lang, rows: &[Screening]) -> Markup {
    html! {
        div.table-wrap { table.record {
            caption { (lang.tr("screenings-title")) }
            thead { tr { th scope="col" { (lang.tr("record-col-when")) } th scope="col" { (lang.tr("screenings-cause")) }
                th scope="col" { (lang.tr("items-col-decision")) } th scope="col" { (lang.tr("batches-col-by")) }
                th scope="col" { (lang.tr("screenings-catalogue")) } } }
            tbody { @for s in rows { tr {
                td { (when(s.screened_at)) }
                td { (lang.try_tr(&format!("screening-cause-{}", s.cause)).unwrap_or_else(|| s.cause.clone())) }
                td { (decision_badge(lang, &s.decision)) }
                td { (s.screened_by) }
                td { (s.catalog_version) }
            } } }
        } }
    }
}

/// The audit records as a table: when, who in which role, which step, the decision it left, the justification.
pub fn history_table(lang: Lang, rows: &[AuditRow], caption: &str) -> Markup {
    let after = |r: &AuditRow, key: &str| -> Option<String> {
        let state: serde_json::Value = serde_json::from_str(r.after_state.as_deref()?).ok()?;
        state.get(key)?.as_str().map(str::to_string)
    };
    html! {
        @if rows.is_empty() { p.muted { (lang.tr("history-none")) } } @else {
            div.table-wrap { table.record {
                caption { (lang.tr(caption)) }
                thead { tr { th scope="col" { (lang.tr("record-col-when")) } th scope="col" { (lang.tr("record-col-who")) }
                    th scope="col" { (lang.tr("record-col-step")) } th scope="col" { (lang.tr("items-col-decision")) }
                    th scope="col" { (lang.tr("record-col-justification")) } } }
                tbody { @for r in rows { tr {
                    td { (when(r.recorded_at)) }
                    td { (r.actor) " (" (lang.try_tr(&format!("role-{}", r.actor_role)).unwrap_or_else(|| r.actor_role.clone())) ")" }
                    td { (lang.try_tr(&format!("action-{}", r.action)).unwrap_or_else(|| r.action.replace('_', " ")))
                        @if r.outcome == "refused" { " " span.badge.badge-unknown { (lang.tr("history-refused")) } } }
                    td { @if let Some(d) = after(r, "decision") { (decision_badge(lang, &d)) }
                        @if let Some(s) = after(r, "review_status") { " " (status_label(lang, &s)) } }
                    td { @if let Some(reason) = &r.reason { "\u{201c}" (reason) "\u{201d}" } }
                } } }
            } }
        }
    }
}

/// One item in full; `level` is its heading's level (2 on an item's record, 3 inside a batch's).
pub fn full_item(lang: Lang, batch: &Batch, record: &RecordedItem, level: u8) -> Markup {
    let item = &record.item;
    let heading = html! {
        (super::items::title(lang, item)) " " (decision_badge(lang, &item.decision))
    };
    html! {
        article.card.record-item {
            @if level <= 2 { h2 { (heading) } } @else { h3 { (heading) } }
            dl.fields {
                dt { (lang.tr("items-col-sheet")) } dd { (item.sheet.as_deref().unwrap_or("—")) }
                dt { (lang.tr("items-col-row")) } dd { (item.row_number) }
                @if let Some(column) = description_column(batch, item.sheet.as_deref()) {
                    dt { (lang.tr("record-description-column")) } dd { (column) }
                }
                dt { (lang.tr("items-col-description")) } dd { (item.description) }
                dt { (lang.tr("items-col-decision")) } dd { (decision_badge(lang, &item.decision))
                    @if let Some(entry) = &item.review_entry { " " (entry) } }
                @if let (Some(by), Some(at)) = (&item.reviewed_by, item.reviewed_at) {
                    dt { (lang.tr("record-reviewed")) } dd { (lang.tr_args("record-uploaded-by", &[("when", when(at).into()), ("name", by.clone().into())])) }
                }
            }
            (super::items::fields(lang, item))
            (evidence(lang, item))
            @if !record.screenings.is_empty() { (screenings(lang, &record.screenings)) }
            (history_table(lang, &record.steps, "record-review-caption"))
        }
    }
}

/// The clear items, one line each: where, what, and how far their review went.
pub fn clear_table(lang: Lang, rows: &[Item]) -> Markup {
    html! {
        div.table-wrap { table.record.compact {
            caption { (lang.tr("record-clear-caption")) }
            thead { tr { th scope="col" { (lang.tr("items-col-sheet")) } th scope="col" { (lang.tr("items-col-row")) }
                th scope="col" { (lang.tr("items-col-description")) } th scope="col" { (lang.tr("items-col-review")) }
                th scope="col" { (lang.tr("record-reviewed")) } } }
            tbody { @for i in rows { tr {
                td { (i.sheet.as_deref().unwrap_or("")) } td.num { (i.row_number) } td { (i.description) }
                td { (status_label(lang, &i.review_status)) }
                td { @if let (Some(by), Some(at)) = (&i.reviewed_by, i.reviewed_at) {
                    (lang.tr_args("record-uploaded-by", &[("when", when(at).into()), ("name", by.clone().into())])) } }
            } } }
        } }
    }
}
