//! Batches: the list, and one batch's result (summary by decision, items with their evidence, import problems,
//! downloads).

use super::highlight;
use super::layout::{badge, csrf_field, page, query, summary_bar, when, Nav};
use super::session::Session;
use super::{html, WebResult};
use crate::api::batches::visible_batch;
use crate::api::error::ApiError;
use crate::api::{blocking, AppState};
use crate::auth::Role;
use crate::classify::Classification;
use crate::db::{batches, items};
use crate::decision::Decision;
use crate::review::{self, ExportFormat};
use actix_web::web;
use maud::{html, Markup};
use serde::Deserialize;

const PAGE: i64 = 100;

/// Items per decision, from the batch's stored summary.
pub fn decision_counts(batch: &batches::Batch) -> Vec<(Decision, i64)> {
    let summary: serde_json::Value = serde_json::from_str(&batch.summary).unwrap_or_default();
    Decision::ALL
        .into_iter()
        .map(|d| (d, summary[d.as_str()].as_i64().unwrap_or(0)))
        .collect()
}

pub fn batch_table(rows: &[batches::Batch]) -> Markup {
    html! {
        div.table-wrap {
            table {
                thead { tr { th scope="col" { "File" } th scope="col" { "Project" } th scope="col" { "Uploaded" }
                    th scope="col" { "By" } th scope="col" { "Items" } th scope="col" { "Needs attention" } } }
                tbody {
                    @for b in rows {
                        @let counts = decision_counts(b);
                        tr {
                            td { a href={ "/batches/" (b.id) } { (b.file_name) } }
                            td { (b.project_id) }
                            td { (when(b.created_at)) }
                            td { (b.created_by) }
                            td.num { (b.item_count) }
                            td {
                                @for (d, n) in &counts {
                                    @if *n > 0 && *d != Decision::Clear { (badge(d.as_str())) " " (n) " " }
                                }
                                @if b.problem_count > 0 { span.muted { (b.problem_count) " import problems" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    offset: Option<i64>,
}

pub async fn list(session: Session, state: web::Data<AppState>, query: web::Query<ListQuery>) -> WebResult {
    let offset = query.offset.unwrap_or(0).max(0);
    let scope = session.who.scope().map(<[String]>::to_vec);
    let (rows, total) = blocking(move || {
        let mut conn = state.pool.get()?;
        batches::list(
            &mut conn,
            scope.as_deref(),
            &batches::BatchFilter::default(),
            PAGE,
            offset,
        )
    })
    .await?;
    let body = html! {
        @if rows.is_empty() {
            p { "No batches yet in your projects." }
        } @else {
            (batch_table(&rows))
            (pager("/batches", &[], offset, total))
        }
    };
    Ok(html(page("Batches", Some(&session), Nav::Batches, body)))
}

fn pager(path: &str, keep: &[(&str, &str)], offset: i64, total: i64) -> Markup {
    let link = |to: i64| {
        let to = to.to_string();
        let mut pairs = keep.to_vec();
        pairs.push(("offset", to.as_str()));
        format!("{path}{}", query(&pairs))
    };
    html! {
        @if total > PAGE {
            nav.pager aria-label="Pages" {
                @if offset > 0 { a href=(link((offset - PAGE).max(0))) { "← Previous" } }
                span { (offset + 1) "–" ((offset + PAGE).min(total)) " of " (total) }
                @if offset + PAGE < total { a href=(link(offset + PAGE)) { "Next →" } }
            }
        }
    }
}

/// Lines read for the batch's notices: enough to name every measure and party of a batch.
const NOTICE_LINES: i64 = 5_000;

/// The destinations under restrictive measures and the possible listed parties of the batch, each once.
fn notices_card(notices: &crate::screening::notices::BatchNotices, more: bool) -> Markup {
    let lines = |n: usize| {
        format!(
            "{n}{} line{}",
            if more { "+" } else { "" },
            if n == 1 { "" } else { "s" }
        )
    };
    html! {
        section.card.notice aria-labelledby="notices-h" {
            h2 #notices-h { "Where it goes and who gets it" }
            @if !notices.measures.is_empty() {
                p { "The destination is under restrictive measures:" }
                ul { @for n in &notices.measures {
                    li { (badge(n.decision.as_str())) " " a href={ "/catalog/" (n.entry) } { (n.entry) } " " (n.title)
                        " (" (n.act) "): " (lines(n.lines)) }
                } }
            }
            @if !notices.parties.is_empty() {
                p { "Lines name a party that may be on a sanctions list:" }
                ul { @for n in &notices.parties {
                    li { (badge(n.decision.as_str())) " " (n.title) " (" (n.entry) ", " (n.act) "): " (lines(n.lines)) }
                } }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ItemsQuery {
    decision: Option<String>,
    q: Option<String>,
    review_status: Option<String>,
    offset: Option<i64>,
    /// Clear items just approved in bulk (after the redirect).
    approved: Option<usize>,
    /// Clear items the bulk approval left out (ever prohibited, or edited by the reviewer).
    skipped: Option<usize>,
}

pub async fn show(
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    params: web::Query<ItemsQuery>,
) -> WebResult {
    let batch = visible_batch(&session.who, &state, path.into_inner()).await?;
    let decision = params.decision.clone().filter(|d| d.parse::<Decision>().is_ok());
    let status = params
        .review_status
        .clone()
        .filter(|s| items::REVIEW_STATUSES.contains(&s.as_str()));
    let q: String = params.q.as_deref().unwrap_or("").trim().chars().take(200).collect();
    let offset = params.offset.unwrap_or(0).max(0);
    let filter = items::ItemFilter {
        decision: decision.clone(),
        review_status: status.clone(),
        q: Some(q.clone()).filter(|q| !q.is_empty()),
    };
    let id = batch.id.clone();
    let state2 = state.clone();
    let ((rows, total), (problems, problem_total), noticed) = blocking(move || {
        let mut conn = state2.pool.get()?;
        let rows = items::list(&mut conn, &id, &filter, PAGE, offset)?;
        let problems = items::list_problems(&mut conn, &id, 500, 0)?;
        let noticed = items::classifications_with_notices(&mut conn, &id, NOTICE_LINES)?;
        Ok::<_, crate::db::DbError>((rows, problems, noticed))
    })
    .await?;
    let more = noticed.len() as i64 >= NOTICE_LINES;
    let noticed: Vec<crate::classify::Classification> =
        noticed.iter().filter_map(|c| serde_json::from_str(c).ok()).collect();
    let notices = crate::screening::notices::batch_notices(&noticed);
    let counts = decision_counts(&batch);
    let decision = decision.unwrap_or_default();
    let status = status.unwrap_or_default();
    let base = format!("/batches/{}", batch.id);
    let body = html! {
        p.meta {
            "Project " strong { (batch.project_id) } " · uploaded by " (batch.created_by) " on " (when(batch.created_at))
            " · catalogue " (batch.catalog_version)
        }
        @if !notices.is_empty() { (notices_card(&notices, more)) }
        section.card aria-labelledby="summary-h" {
            h2 #summary-h { (batch.item_count) " items by decision" }
            ul.counts {
                @for (d, n) in &counts {
                    li { a href={ (base) (query(&[("decision", d.as_str())])) } { (badge(d.as_str())) " " strong.count { (n) } } }
                }
                @if batch.problem_count > 0 {
                    li { a href="#problems" { span.badge.badge-problem { "import problems" } " " strong.count { (batch.problem_count) } } }
                }
            }
            (summary_bar(&counts))
            p.downloads { "Download: " a href={ (base) "/decisions.xlsx" } download { "decisions (XLSX)" } " · "
                a href={ (base) "/decisions.csv" } download { "decisions (CSV)" } " · "
                a href={ (base) "/export.csv" } download { "screening report (CSV)" } }
        }
        @if let Some(n) = params.approved { p.notice role="status" { "Approved " (n) " clear items." } }
        @if let Some(n) = params.skipped { p.notice role="status" { "Left out " (n)
            " clear items: each was screened prohibited before (approve it on its own once two reviewers lowered \
            it) or you edited it (another reviewer decides). The item history says which." } }
        @if matches!(session.who.role, Role::Reviewer | Role::Admin) && session.who.sub != batch.created_by
            && counts.iter().any(|(d, n)| *d == Decision::Clear && *n > 0) {
            details.card {
                summary { "Approve every pending clear item of this batch" }
                form method="post" action={ (base) "/approve-clear" } {
                    (csrf_field(&session))
                    label for="bulk-j" { "Why they may be delivered" }
                    textarea #bulk-j name="justification" rows="2" required minlength="10" maxlength="2000" {}
                    button.primary type="submit" { "Approve the clear items" }
                }
            }
        }
        form.filters method="get" action=(base) role="search" {
            div { label for="f-decision" { "Decision" }
                select #f-decision name="decision" {
                    option value="" { "all" }
                    @for d in Decision::ALL { option value=(d.as_str()) selected[decision == d.as_str()] { (d.as_str()) } }
                } }
            div { label for="f-status" { "Review" }
                select #f-status name="review_status" {
                    option value="" { "any" }
                    @for s in items::REVIEW_STATUSES { option value=(s) selected[status == s] { (s) } }
                } }
            div.grow { label for="f-q" { "Search the descriptions" }
                input #f-q type="search" name="q" value=(q) maxlength="200"; }
            button type="submit" { "Filter" }
            @if !decision.is_empty() || !q.is_empty() || !status.is_empty() { a href=(base) { "Show all" } }
        }
        p.muted role="status" { (total) " items shown" @if total > PAGE { " (" (PAGE) " per page)" } "." }
        (item_table(&rows))
        (pager(&base, &[("decision", &decision), ("review_status", &status), ("q", &q)], offset, total))
        (problem_section(&problems, problem_total))
        (layout_section(batch.layout.as_deref()))
    };
    Ok(html(page(&batch.file_name, Some(&session), Nav::Batches, body)))
}

pub fn item_table(rows: &[items::Item]) -> Markup {
    html! {
        div.table-wrap {
            table.items {
                thead { tr {
                    th scope="col" { "Sheet" } th scope="col" { "Row" } th scope="col" { "Decision" } th scope="col" { "Description" }
                    th scope="col" { "Entries" } th scope="col" { "Review" }
                } }
                tbody {
                    @for item in rows {
                        @let c = serde_json::from_str::<Classification>(&item.classification).ok();
                        tr {
                            td { (item.sheet.as_deref().unwrap_or("")) }
                            td.num { a href={ "/items/" (item.id) } aria-label={ "Item on row " (item.row_number) } { (item.row_number) } }
                            td { (badge(&item.decision)) }
                            td.desc {
                                (highlight::description(&item.description, c.as_ref()))
                                @if let Some(c) = &c { @for (column, text) in highlight::other_columns(c) {
                                    p.other { "Column " (column) ": " mark { (text) } }
                                } }
                                @if let Some(c) = &c { @for question in &c.questions { p.question { (question) } } }
                            }
                            td { @if let Some(c) = &c { @for code in c.entry_codes() {
                                a.entry href={ "/catalog/" (code) } { (code) } " "
                            } } }
                            td { span class={ "status status-" (item.review_status) } { (item.review_status) } }
                        }
                    }
                }
            }
        }
    }
}

/// How the file was read: every sheet with every column and what was done with it, every sheet skipped.
fn layout_section(layout: Option<&str>) -> Markup {
    let Some(layout) = layout.and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok()) else {
        return html! {};
    };
    let text = |v: &serde_json::Value, key: &str| v.get(key).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let empty = Vec::new();
    let sheets = layout.get("sheets").and_then(|s| s.as_array()).unwrap_or(&empty);
    let skipped = layout
        .get("skipped_sheets")
        .and_then(|s| s.as_array())
        .unwrap_or(&empty);
    html! {
        section #layout aria-labelledby="layout-h" {
            h2 #layout-h { "How the file was read" }
            p.muted { "Every column of every sheet: read as a field, screened as text, or not screened and why." }
            @for sheet in sheets {
                @let name = sheet.get("sheet").and_then(|s| s.as_str());
                h3 { @if let Some(name) = name { "Sheet " (name) } @else { "The file" }
                    ": header on row " (sheet.get("header_row").and_then(|r| r.as_u64()).unwrap_or(0))
                    ", " (sheet.get("items").and_then(|r| r.as_u64()).unwrap_or(0)) " items"
                    @if sheet.get("hidden").and_then(|h| h.as_bool()).unwrap_or(false) { " (hidden sheet)" } }
                div.table-wrap { table.layout {
                    thead { tr { th scope="col" { "Column" } th scope="col" { "Header" } th scope="col" { "Read as" }
                        th scope="col" { "Done" } th scope="col" { "Cells" } } }
                    tbody { @for c in sheet.get("columns").and_then(|c| c.as_array()).unwrap_or(&empty) { tr {
                        td { (text(c, "column")) } td { (text(c, "header")) }
                        td { @let field = text(c, "field"); @if field.is_empty() { (text(c, "role").replace('_', " ")) } @else { (field.replace('_', " ")) } }
                        td { (text(c, "note")) }
                        td.num { (c.get("cells").and_then(|n| n.as_u64()).unwrap_or(0)) }
                    } } }
                } }
            }
            @if !skipped.is_empty() {
                h3 { "Sheets not read" }
                ul { @for s in skipped { li { strong { (text(s, "sheet")) } ": " (text(s, "reason")) } } }
            }
        }
    }
}

fn problem_section(problems: &[items::Problem], total: i64) -> Markup {
    html! {
        @if total > 0 {
            section #problems aria-labelledby="problems-h" {
                h2 #problems-h { (total) " import problems" }
                p.muted { "The item is still screened; check these cells in the spreadsheet." }
                div.table-wrap { table {
                    thead { tr { th scope="col" { "Sheet" } th scope="col" { "Row" } th scope="col" { "Column" }
                        th scope="col" { "Value" } th scope="col" { "Problem" } } }
                    tbody { @for p in problems { tr {
                        td { (p.sheet.as_deref().unwrap_or("")) } td.num { (p.row_number) }
                        td { (p.column_ref.as_deref().unwrap_or("")) } td { code { (p.value.as_deref().unwrap_or("")) } }
                        td { (p.message) }
                    } } }
                } }
            }
        }
    }
}

/// The decisions report (every item with its review) as XLSX or CSV, as the API's `decisions.xlsx`.
pub async fn decisions_report(
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> WebResult {
    let (batch, format) = path.into_inner();
    let format = match format.as_str() {
        "xlsx" => ExportFormat::Xlsx,
        "csv" => ExportFormat::Csv,
        _ => return Err(ApiError::NotFound("report").into()),
    };
    Ok(crate::api::export::decisions(session.who.clone(), state, batch, format, session.lang).await?)
}

#[derive(Debug, Deserialize)]
pub struct ApproveClearForm {
    csrf: String,
    justification: String,
}

/// A reviewer approves every pending clear item of a batch at once (each gets its own audit record).
pub async fn approve_clear(
    req: actix_web::HttpRequest,
    session: Session,
    meta: crate::api::request_meta::RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: super::form::TextForm<ApproveClearForm>,
) -> WebResult {
    session.check_form(&req, &form.csrf)?;
    let batch = path.into_inner();
    let caller = review::Caller::new(&session.who, meta.request_id, None);
    let id = batch.clone();
    let outcome = blocking(move || {
        let mut conn = state.pool.get().map_err(crate::db::DbError::from)?;
        review::approve_clear(
            &mut conn,
            &state.classifier,
            &caller,
            &id,
            None,
            &form.justification,
            crate::db::now(),
        )
    })
    .await?;
    let skipped = match outcome.skipped.len() {
        0 => String::new(),
        n => format!("&skipped={n}"),
    };
    Ok(super::see_other(&format!(
        "/batches/{batch}?approved={}{skipped}",
        outcome.approved.len()
    )))
}

pub async fn export_csv(session: Session, state: web::Data<AppState>, path: web::Path<String>) -> WebResult {
    let batch = visible_batch(&session.who, &state, path.into_inner()).await?;
    Ok(crate::api::export::csv_response(&state, batch).await?)
}
