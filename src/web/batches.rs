//! Batches: the list, and one batch's result: its verdict (state, what is blocked, needs a licence, awaits review,
//! is clear), its items most severe first (or in sheet order), import problems and downloads.

use super::batch_file::{layout_section, notices_card, problem_section};
use super::highlight;
use super::home::state_label;
use super::layout::{csrf_field, decision_badge, page, query, status_label, summary_bar, when, Nav};
use super::session::Session;
use super::{html, WebResult};
use crate::api::batches::visible_batch;
use crate::api::error::ApiError;
use crate::api::{blocking, AppState};
use crate::auth::Role;
use crate::classify::Classification;
use crate::db::{batches, items};
use crate::decision::Decision;
use crate::i18n::Lang;
use crate::review::officer::{self, Verdict};
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

pub fn batch_table(lang: Lang, rows: &[batches::Batch]) -> Markup {
    html! {
        div.table-wrap {
            table {
                thead { tr { th scope="col" { (lang.tr("home-col-file")) } th scope="col" { (lang.tr("home-col-project")) }
                    th scope="col" { (lang.tr("home-col-uploaded")) } th scope="col" { (lang.tr("batches-col-by")) }
                    th scope="col" { (lang.tr("home-col-state")) } th scope="col" { (lang.tr("home-col-items")) }
                    th scope="col" { (lang.tr("batches-col-attention")) } } }
                tbody {
                    @for b in rows {
                        @let counts = decision_counts(b);
                        tr {
                            td { a href={ "/batches/" (b.id) } { (b.file_name) } }
                            td { (b.project_id) }
                            td { (when(b.created_at)) }
                            td { (b.created_by) }
                            td { (state_label(lang, &b.review_state)) }
                            td.num { (lang.number(b.item_count)) }
                            td {
                                @for (d, n) in &counts {
                                    @if *n > 0 && *d != Decision::Clear { (decision_badge(lang, d.as_str())) " " (lang.number(*n)) " " }
                                }
                                @if b.problem_count > 0 { span.muted { (lang.tr_args("problems-title", &[("count", b.problem_count.into())])) } }
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
    let lang = session.lang;
    let body = html! {
        @if rows.is_empty() {
            p { (lang.tr("batches-none")) }
        } @else {
            (batch_table(lang, &rows))
            (pager(lang, "/batches", &[], offset, total))
        }
    };
    Ok(html(page(
        &lang.tr("batches-title"),
        Some(&session),
        Nav::Batches,
        body,
    )))
}

fn pager(lang: Lang, path: &str, keep: &[(&str, &str)], offset: i64, total: i64) -> Markup {
    let link = |to: i64| {
        let to = to.to_string();
        let mut pairs = keep.to_vec();
        pairs.push(("offset", to.as_str()));
        format!("{path}{}", query(&pairs))
    };
    let range = [
        ("first", lang.number(offset + 1).into()),
        ("last", lang.number((offset + PAGE).min(total)).into()),
        ("total", lang.number(total).into()),
    ];
    html! {
        @if total > PAGE {
            nav.pager aria-label=(lang.tr("pager-label")) {
                @if offset > 0 { a href=(link((offset - PAGE).max(0))) { (lang.tr("pager-previous")) } }
                span { (lang.tr_args("pager-range", &range)) }
                @if offset + PAGE < total { a href=(link(offset + PAGE)) { (lang.tr("pager-next")) } }
            }
        }
    }
}

/// Lines read for the batch's notices: enough to name every measure and party of a batch.
const NOTICE_LINES: i64 = 5_000;

#[derive(Debug, Deserialize)]
pub struct ItemsQuery {
    decision: Option<String>,
    q: Option<String>,
    review_status: Option<String>,
    offset: Option<i64>,
    /// `row`: sheet order; anything else: most severe first.
    sort: Option<String>,
    /// Clear items just approved in bulk (after the redirect).
    approved: Option<usize>,
    /// Clear items the bulk approval left out (ever prohibited, or edited by the reviewer).
    skipped: Option<usize>,
    /// The upload just made was a file already uploaded to the project (after the redirect).
    existing: Option<u8>,
}

/// The verdict at the top of a batch's page: its state in words and what stands where.
fn verdict_card(lang: Lang, batch: &batches::Batch, v: &Verdict, base: &str) -> Markup {
    let state = v.state.map(|s| s.as_str()).unwrap_or("open");
    let count = |n: i64| -> [(&'static str, fluent_templates::fluent_bundle::FluentValue<'static>); 2] {
        [("count", n.into()), ("n", lang.number(n).into())]
    };
    let link = |pairs: &[(&str, &str)]| format!("{base}{}", query(pairs));
    html! {
        section.card.verdict class={ "verdict-" (state) } aria-labelledby="verdict-h" {
            h2 #verdict-h { (lang.tr(&format!("verdict-{state}"))) }
            @if batch.item_count == 0 {
                p { (lang.tr("verdict-empty")) }
            } @else {
                ul {
                    @if v.blocked > 0 {
                        li { a href=(link(&[("decision", "prohibited")])) { strong { (lang.tr_args("verdict-count-blocked", &count(v.blocked))) } }
                            ". " (lang.tr("verdict-blocked-what")) }
                    }
                    @if v.licence > 0 {
                        li { (lang.tr_args("verdict-count-licence", &count(v.licence))) }
                    }
                    @if v.awaiting > 0 {
                        li { (lang.tr_args("verdict-count-awaiting", &count(v.awaiting))) }
                    }
                    @if v.questions > 0 {
                        li { a href=(link(&[("review_status", "on_hold")])) { strong { (lang.tr_args("verdict-count-questions", &count(v.questions))) } } }
                    }
                    li { (lang.tr_args("verdict-count-clear", &count(v.clear))) }
                }
            }
        }
    }
}

pub async fn show(
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    params: web::Query<ItemsQuery>,
) -> WebResult {
    let batch = visible_batch(&session.who, &state, path.into_inner()).await?;
    let lang = session.lang;
    let decision = params.decision.clone().filter(|d| d.parse::<Decision>().is_ok());
    let status = params
        .review_status
        .clone()
        .filter(|s| items::REVIEW_STATUSES.contains(&s.as_str()));
    let q: String = params.q.as_deref().unwrap_or("").trim().chars().take(200).collect();
    let offset = params.offset.unwrap_or(0).max(0);
    let by_row = params.sort.as_deref() == Some("row");
    let filter = items::ItemFilter {
        decision: decision.clone(),
        review_status: status.clone(),
        q: Some(q.clone()).filter(|q| !q.is_empty()),
        by_severity: !by_row,
    };
    let may_bulk = matches!(session.who.role, Role::Reviewer | Role::Admin) && session.who.sub != batch.created_by;
    let reviewer = session.who.sub.clone();
    let state2 = state.clone();
    let batch2 = batch.clone();
    let ((rows, total), (problems, problem_total), noticed, verdict, approvable) = blocking(move || {
        let mut conn = state2.pool.get()?;
        let rows = items::list(&mut conn, &batch2.id, &filter, PAGE, offset)?;
        let problems = items::list_problems(&mut conn, &batch2.id, 500, 0)?;
        let noticed = items::classifications_with_notices(&mut conn, &batch2.id, NOTICE_LINES)?;
        let verdict = officer::verdict(&mut conn, &batch2)?;
        let approvable = if may_bulk && verdict.clear_pending > 0 {
            officer::bulk_approvable(&mut conn, &batch2, verdict.clear_pending, &reviewer)?
        } else {
            0
        };
        Ok::<_, crate::db::DbError>((rows, problems, noticed, verdict, approvable))
    })
    .await?;
    let more = noticed.len() as i64 >= NOTICE_LINES;
    let noticed: Vec<Classification> = noticed.iter().filter_map(|c| serde_json::from_str(c).ok()).collect();
    let notices = crate::screening::notices::batch_notices(&noticed);
    let counts = decision_counts(&batch);
    let decision = decision.unwrap_or_default();
    let status = status.unwrap_or_default();
    let sort = if by_row { "row" } else { "" };
    let base = format!("/batches/{}", batch.id);
    let uploaded = [
        ("project", batch.project_id.clone().into()),
        ("name", batch.created_by.clone().into()),
        ("when", when(batch.created_at).into()),
        ("catalogue", batch.catalog_version.clone().into()),
    ];
    let body = html! {
        p.meta { (lang.tr_args("batch-meta", &uploaded)) }
        @if params.existing.is_some() {
            p.notice role="status" { (lang.tr_args("batch-already-uploaded", &[("when", when(batch.created_at).into()),
                ("file", batch.file_name.clone().into()), ("name", batch.created_by.clone().into())])) }
        }
        (verdict_card(lang, &batch, &verdict, &base))
        @if !notices.is_empty() { (notices_card(lang, &notices, more)) }
        section.card aria-labelledby="summary-h" {
            h2 #summary-h { (lang.tr_args("batch-by-decision", &[("count", batch.item_count.into()), ("n", lang.number(batch.item_count).into())])) }
            ul.counts {
                @for (d, n) in &counts {
                    li { a href={ (base) (query(&[("decision", d.as_str())])) } { (decision_badge(lang, d.as_str())) " " strong.count { (lang.number(*n)) } } }
                }
                @if batch.problem_count > 0 {
                    li { a href="#problems" { span.badge.badge-problem { (lang.tr("batch-import-problems")) } " " strong.count { (batch.problem_count) } } }
                }
            }
            (summary_bar(lang, &counts))
            p.downloads { (lang.tr("batch-download")) " " a href={ (base) "/decisions.xlsx" } download { (lang.tr("batch-download-xlsx")) } " · "
                a href={ (base) "/decisions.csv" } download { (lang.tr("batch-download-csv")) } " · "
                a href={ (base) "/export.csv" } download { (lang.tr("batch-download-screening")) } " · "
                a href={ (base) "/record" } { (lang.tr("record-link-batch")) } }
        }
        @if let Some(n) = params.approved { p.notice role="status" { (lang.tr_args("batch-approved", &[("count", n.into())])) } }
        @if let Some(n) = params.skipped { p.notice role="status" { (lang.tr_args("batch-skipped", &[("count", n.into())])) } }
        @if approvable > 0 {
            details.card {
                summary { (lang.tr_args("review-bulk-approve", &[("count", approvable.into()), ("n", lang.number(approvable).into())])) }
                form method="post" action={ (base) "/approve-clear" } {
                    (csrf_field(&session))
                    label for="bulk-j" { (lang.tr("review-bulk-why")) }
                    textarea #bulk-j name="justification" rows="2" required minlength="10" maxlength="2000" {}
                    button.primary type="submit" { (lang.tr_args("review-bulk-approve", &[("count", approvable.into()), ("n", lang.number(approvable).into())])) }
                }
            }
        }
        form.filters method="get" action=(base) role="search" {
            div { label for="f-decision" { (lang.tr("filter-decision")) }
                select #f-decision name="decision" {
                    option value="" { (lang.tr("filter-all")) }
                    @for d in Decision::ALL { option value=(d.as_str()) selected[decision == d.as_str()] { (lang.decision(d)) } }
                } }
            div { label for="f-status" { (lang.tr("filter-review")) }
                select #f-status name="review_status" {
                    option value="" { (lang.tr("filter-any")) }
                    @for s in items::REVIEW_STATUSES { option value=(s) selected[status == s] { (lang.review_status(s)) } }
                } }
            div { label for="f-sort" { (lang.tr("filter-sort")) }
                select #f-sort name="sort" {
                    option value="" selected[!by_row] { (lang.tr("sort-severity")) }
                    option value="row" selected[by_row] { (lang.tr("sort-row")) }
                } }
            div.grow { label for="f-q" { (lang.tr("filter-search")) }
                input #f-q type="search" name="q" value=(q) maxlength="200"; }
            button type="submit" { (lang.tr("filter-submit")) }
            @if !decision.is_empty() || !q.is_empty() || !status.is_empty() { a href=(base) { (lang.tr("filter-show-all")) } }
        }
        p.muted role="status" { (lang.tr_args("batch-items-shown", &[("count", total.into()), ("n", lang.number(total).into())])) }
        (item_table(lang, &rows))
        (pager(lang, &base, &[("decision", &decision), ("review_status", &status), ("q", &q), ("sort", sort)], offset, total))
        (problem_section(lang, &problems, problem_total))
        (layout_section(lang, batch.layout.as_deref()))
    };
    Ok(html(page(&batch.file_name, Some(&session), Nav::Batches, body)))
}

pub fn item_table(lang: Lang, rows: &[items::Item]) -> Markup {
    html! {
        div.table-wrap {
            table.items {
                thead { tr {
                    th scope="col" { (lang.tr("items-col-sheet")) } th scope="col" { (lang.tr("items-col-row")) }
                    th scope="col" { (lang.tr("items-col-decision")) } th scope="col" { (lang.tr("items-col-description")) }
                    th scope="col" { (lang.tr("items-col-entries")) } th scope="col" { (lang.tr("items-col-review")) }
                } }
                tbody {
                    @for item in rows {
                        @let c = serde_json::from_str::<Classification>(&item.classification).ok();
                        tr {
                            td { (item.sheet.as_deref().unwrap_or("")) }
                            td.num { a href={ "/items/" (item.id) } aria-label=(lang.tr_args("items-row-link", &[("row", item.row_number.into())])) { (item.row_number) } }
                            td { (decision_badge(lang, &item.decision)) }
                            td.desc {
                                (highlight::description(&item.description, c.as_ref()))
                                @if let Some(c) = &c { @for (column, text) in highlight::other_columns(c) {
                                    p.other { (lang.tr_args("items-column", &[("column", column.into())])) ": " mark { (text) } }
                                } }
                                @if let Some(c) = &c { @for question in &c.questions { p.question { (question) } } }
                            }
                            td { @if let Some(c) = &c { @for code in c.entry_codes() {
                                a.entry href={ "/catalog/" (code) } { (code) } " "
                            } } }
                            td { (status_label(lang, &item.review_status)) }
                        }
                    }
                }
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
