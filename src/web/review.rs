//! Review: the queue, the decision panel on an item's page (approve, reject, reclassify, ask the uploader; confirm
//! or decline a prohibited item's reclassification; the uploader's answer), and the item's history from the
//! audit trail. The rules are `crate::review`'s: this file only shows them and passes the steps on.

use super::highlight;
use super::items::{render, Draft, Outcome};
use super::layout::{decision_badge, page, query, status_label, when, Nav};
use super::session::Session;
use super::{html, WebResult};
use crate::api::error::ApiError;
use crate::api::request_meta::RequestMeta;
use crate::api::review::DecisionRequest;
use crate::api::{blocking, AppState};
use crate::auth::Role;
use crate::classify::Classification;
use crate::db::review::{QueueFilter, QueueOrder};
use crate::decision::Decision;
use crate::i18n::Lang;
use crate::review::{self, Caller};
use actix_web::web;
use maud::{html, Markup};
use serde::Deserialize;

const PAGE: i64 = 50;

#[derive(Debug, Deserialize)]
pub struct QueueQuery {
    project: Option<String>,
    decision: Option<String>,
    status: Option<String>,
    q: Option<String>,
    /// 1-based.
    page: Option<i64>,
    /// `oldest`: oldest batch first; otherwise newest batch first (after severity).
    order: Option<String>,
    /// `clear`: the clear items (bulk approval); otherwise the substantive reviews.
    tab: Option<String>,
}

fn keep(value: &Option<String>) -> String {
    value.as_deref().unwrap_or("").trim().chars().take(200).collect()
}

/// The page numbers to link: the first, the last, and two either side of the current one (0: a gap).
fn page_numbers(current: i64, pages: i64) -> Vec<i64> {
    let mut out = Vec::new();
    for n in 1..=pages {
        if n == 1 || n == pages || (n - current).abs() <= 2 {
            out.push(n);
        } else if out.last() != Some(&0) {
            out.push(0);
        }
    }
    out
}

fn queue_pager(lang: Lang, link: &dyn Fn(i64) -> String, current: i64, total: i64) -> Markup {
    let pages = ((total + PAGE - 1) / PAGE).max(1);
    let first = (current - 1) * PAGE + 1;
    let range = [
        ("page", lang.number(current).into()),
        ("pages", lang.number(pages).into()),
        ("first", lang.number(first.min(total)).into()),
        ("last", lang.number((current * PAGE).min(total)).into()),
        ("total", lang.number(total).into()),
    ];
    html! {
        // Drawn above and below the list: a plain block, since two navigation landmarks may not share one name.
        div.pager {
            span { (lang.tr_args("queue-page-range", &range)) }
            @if pages > 1 {
                " "
                @if current > 1 { a href=(link(current - 1)) rel="prev" { (lang.tr("pager-previous")) } " " }
                @for n in page_numbers(current, pages) {
                    @if n == 0 { span.muted { "…" } " " }
                    @else if n == current { strong aria-current="page" { (lang.number(n)) } " " }
                    @else { a href=(link(n)) aria-label=(lang.tr_args("queue-page-n", &[("page", n.into())])) { (lang.number(n)) } " " }
                }
                @if current < pages { a href=(link(current + 1)) rel="next" { (lang.tr("pager-next")) } }
            }
        }
    }
}

pub async fn queue(session: Session, state: web::Data<AppState>, params: web::Query<QueueQuery>) -> WebResult {
    let lang = session.lang;
    let (project, decision, status, q) = (
        keep(&params.project),
        keep(&params.decision),
        keep(&params.status),
        keep(&params.q),
    );
    let oldest = params.order.as_deref() == Some("oldest");
    let clear_tab = params.tab.as_deref() == Some("clear");
    let current = params.page.unwrap_or(1).clamp(1, i64::MAX / PAGE);
    let filter = QueueFilter {
        project: Some(project.clone()).filter(|p| !p.is_empty()),
        decision: Some(decision.clone()).filter(|d| d.parse::<Decision>().is_ok()),
        status: Some(status.clone()).filter(|s| review::Status::parse(s).is_some()),
        q: Some(q.clone()).filter(|q| !q.is_empty()),
        clear: Some(clear_tab),
        order: if oldest {
            QueueOrder::SeverityOldestFirst
        } else {
            QueueOrder::SeverityNewestFirst
        },
        ..QueueFilter::default()
    };
    let other_tab = QueueFilter {
        clear: Some(!clear_tab),
        ..filter.clone()
    };
    let scope = session.who.scope().map(<[String]>::to_vec);
    let projects = super::upload::visible_projects(&state, &session.who).await?;
    let (found, other) = blocking(move || {
        let mut conn = state.pool.get().map_err(crate::db::DbError::from)?;
        let found = review::queue(&mut conn, scope.as_deref(), &filter, PAGE, (current - 1) * PAGE)?;
        let other = review::queue(&mut conn, scope.as_deref(), &other_tab, 0, 0)?;
        Ok::<_, review::ReviewError>((found, other.total))
    })
    .await?;
    let (substantive, clear) = if clear_tab {
        (other, found.total)
    } else {
        (found.total, other)
    };
    let order = if oldest { "oldest" } else { "" };
    let tab = if clear_tab { "clear" } else { "" };
    let link_with = |extra: &[(&str, &str)]| {
        let mut pairs = vec![
            ("project", project.as_str()),
            ("decision", decision.as_str()),
            ("q", q.as_str()),
        ];
        pairs.extend_from_slice(extra);
        format!("/review{}", query(&pairs))
    };
    let page_link = |n: i64| {
        let n = n.to_string();
        link_with(&[("status", &status), ("order", order), ("tab", tab), ("page", &n)])
    };
    let body = html! {
        p.meta { (lang.tr("queue-intro")) " " kbd { "n" } " " (lang.tr("queue-shortcut")) }
        ul.tabs {
            li { a href=(link_with(&[("status", &status), ("order", order)])) aria-current=[(!clear_tab).then_some("page")] {
                (lang.tr_args("queue-tab-review", &[("n", lang.number(substantive).into())])) } }
            li { a href=(link_with(&[("status", &status), ("order", order), ("tab", "clear")])) aria-current=[clear_tab.then_some("page")] {
                (lang.tr_args("queue-tab-clear", &[("n", lang.number(clear).into())])) } }
        }
        ul.counts aria-label=(lang.tr("queue-by-status")) {
            @for (s, n) in review::Status::ALL.iter().map(|s| (s.as_str(), found.counts.get(s.as_str()).copied().unwrap_or(0))) {
                li { a href=(link_with(&[("status", s), ("order", order), ("tab", tab)])) aria-current=[(status == s).then_some("true")] {
                    (status_label(lang, s)) " " strong.count { (lang.number(n)) } } }
            }
        }
        form.filters method="get" action="/review" role="search" {
            @if clear_tab { input type="hidden" name="tab" value="clear"; }
            div { label for="r-project" { (lang.tr("queue-project")) }
                select #r-project name="project" { option value="" { (lang.tr("filter-all")) }
                    @for (id, name) in &projects { option value=(id) selected[project == *id] { (name) } } } }
            @if !clear_tab {
                div { label for="r-decision" { (lang.tr("filter-decision")) }
                    select #r-decision name="decision" { option value="" { (lang.tr("filter-all")) }
                        @for d in Decision::ALL { @if d != Decision::Clear {
                            option value=(d.as_str()) selected[decision == d.as_str()] { (lang.decision(d)) } } } } }
            }
            div { label for="r-status" { (lang.tr("queue-status")) }
                select #r-status name="status" { option value="" { (lang.tr("queue-status-waiting")) }
                    @for s in review::Status::ALL { option value=(s.as_str()) selected[status == s.as_str()] { (lang.review_status(s.as_str())) } } } }
            div { label for="r-order" { (lang.tr("filter-sort")) }
                select #r-order name="order" {
                    option value="" selected[!oldest] { (lang.tr("queue-order-newest")) }
                    option value="oldest" selected[oldest] { (lang.tr("queue-order-oldest")) } } }
            div.grow { label for="r-q" { (lang.tr("filter-search")) } input #r-q type="search" name="q" value=(q) maxlength="200"; }
            button type="submit" { (lang.tr("filter-submit")) }
        }
        @if clear_tab && !found.entries.is_empty() {
            p.notice { (lang.tr("queue-clear-bulk")) }
        }
        @if found.entries.is_empty() {
            p.notice { (lang.tr("queue-empty")) }
        } @else {
            (queue_pager(lang, &page_link, current, found.total))
            div.table-wrap data-shortcuts { table.items {
                thead { tr { th scope="col" { (lang.tr("queue-col-item")) } th scope="col" { (lang.tr("items-col-decision")) }
                    th scope="col" { (lang.tr("queue-col-evidence")) } th scope="col" { (lang.tr("queue-project")) }
                    th scope="col" { (lang.tr("queue-col-batch")) } th scope="col" { (lang.tr("queue-status")) } } }
                tbody { @for (i, e) in found.entries.iter().enumerate() {
                    @let c = serde_json::from_str::<Classification>(&e.item.classification).ok();
                    tr {
                        td.num.nowrap { a href={ "/items/" (e.item.id) } data-key=[(i == 0).then_some("n")] {
                            (lang.tr_args("queue-review-item", &[("id", e.item.id.into())])) } }
                        td { (decision_badge(lang, &e.item.decision)) }
                        td.desc { (highlight::description_in(lang, &e.item.description, c.as_ref()))
                            @if let Some(c) = &c { " " @for code in c.entry_codes() { a.entry href={ "/catalog/" (code) } { (code) } " " }
                                @for question in &c.questions { p.question { (question) } } } }
                        td.nowrap { (e.project) }
                        td.nowrap { a href={ "/batches/" (e.item.batch_id) } { (when(e.batch_created_at)) } }
                        td { (status_label(lang, &e.item.review_status)) }
                    }
                } }
            } }
            (queue_pager(lang, &page_link, current, found.total))
        }
    };
    Ok(html(page(&lang.tr("queue-title"), Some(&session), Nav::Review, body)))
}

#[derive(Debug, Deserialize)]
pub struct DecideForm {
    csrf: String,
    version: i64,
    action: String,
    justification: Option<String>,
    decision: Option<String>,
    entry: Option<String>,
    question: Option<String>,
    answer: Option<String>,
}

fn filled(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

pub async fn decide(
    req: actix_web::HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: super::form::TextForm<DecideForm>,
) -> WebResult {
    session.check_form(&req, &form.csrf)?;
    let id = path.into_inner();
    let form = form.into_inner();
    // What was typed goes back into the same field of the same form when the step is refused.
    let draft = Draft {
        action: form.action.clone(),
        text: [&form.justification, &form.question, &form.answer]
            .into_iter()
            .find_map(|v| v.clone().filter(|v| !v.is_empty()))
            .unwrap_or_default(),
    };
    let request = DecisionRequest {
        action: form.action.clone(),
        justification: filled(form.justification),
        decision: filled(form.decision),
        entry: filled(form.entry),
        question: filled(form.question),
        answer: filled(form.answer),
        version: Some(form.version),
    };
    let action = match request.action() {
        Ok(action) => action,
        Err(e) => return render(&session, &state, id, Outcome::NotSaved(e, draft)).await,
    };
    let caller = Caller::new(&session.who, meta.request_id, None);
    let state2 = state.clone();
    let outcome = blocking(move || {
        let mut conn = state2.pool.get()?;
        review::decide(
            &mut conn,
            &state2.classifier,
            &caller,
            id,
            form.version,
            &action,
            crate::db::now(),
        )
    })
    .await;
    match outcome {
        Ok(_) => Ok(super::see_other(&format!("/items/{id}?done={}", form.action))),
        Err(e) => render(&session, &state, id, Outcome::NotSaved(e, draft)).await,
    }
}

/// The first item waiting in the caller's queue other than `current`, for "Next item".
pub async fn next_in_queue(
    state: &web::Data<AppState>,
    who: &crate::auth::Identity,
    current: i64,
) -> Result<Option<i64>, ApiError> {
    if !matches!(who.role, Role::Reviewer | Role::Admin) {
        return Ok(None);
    }
    let scope = who.scope().map(<[String]>::to_vec);
    let filter = QueueFilter {
        status: Some("pending".into()),
        ..QueueFilter::default()
    };
    let state = state.clone();
    let found = blocking(move || {
        let mut conn = state.pool.get().map_err(crate::db::DbError::from)?;
        review::queue(&mut conn, scope.as_deref(), &filter, 2, 0)
    })
    .await?;
    Ok(found.entries.iter().map(|e| e.item.id).find(|id| *id != current))
}
