//! Review: the queue, the decision panel on an item's page (approve, reject, reclassify, ask the uploader; confirm
//! or decline a prohibited item's reclassification; the uploader's answer), and the item's history from the
//! audit trail. The rules are `crate::review`'s: this file only shows them and passes the steps on.

use super::highlight;
use super::items::{render, Outcome};
use super::layout::{badge, csrf_field, page, query, when, Nav};
use super::session::Session;
use super::{html, WebResult};
use crate::api::error::ApiError;
use crate::api::request_meta::RequestMeta;
use crate::api::review::DecisionRequest;
use crate::api::{blocking, AppState};
use crate::auth::Role;
use crate::classify::Classification;
use crate::db::audit::AuditRow;
use crate::db::batches::Batch;
use crate::db::items::Item;
use crate::db::review::QueueFilter;
use crate::decision::Decision;
use crate::review::history::History;
use crate::review::{self, Caller, Proposal, Question};
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
    offset: Option<i64>,
}

fn keep(value: &Option<String>) -> String {
    value.as_deref().unwrap_or("").trim().chars().take(200).collect()
}

pub async fn queue(session: Session, state: web::Data<AppState>, params: web::Query<QueueQuery>) -> WebResult {
    let (project, decision, status, q) = (
        keep(&params.project),
        keep(&params.decision),
        keep(&params.status),
        keep(&params.q),
    );
    let offset = params.offset.unwrap_or(0).max(0);
    let filter = QueueFilter {
        project: Some(project.clone()).filter(|p| !p.is_empty()),
        decision: Some(decision.clone()).filter(|d| d.parse::<Decision>().is_ok()),
        status: Some(status.clone()).filter(|s| review::Status::parse(s).is_some()),
        q: Some(q.clone()).filter(|q| !q.is_empty()),
        ..QueueFilter::default()
    };
    let scope = session.who.scope().map(<[String]>::to_vec);
    let projects = super::upload::visible_projects(&state, &session.who).await?;
    let found = blocking(move || {
        let mut conn = state.pool.get().map_err(crate::db::DbError::from)?;
        review::queue(&mut conn, scope.as_deref(), &filter, PAGE, offset)
    })
    .await?;
    let keep_filters = |extra: (&str, &str)| {
        let mut pairs = vec![
            ("project", project.as_str()),
            ("decision", decision.as_str()),
            ("q", q.as_str()),
        ];
        pairs.push(extra);
        format!("/review{}", query(&pairs))
    };
    let body = html! {
        p.meta { "Items waiting for a decision, oldest batch first. Open one to see its evidence and decide. "
            "Shortcut: " kbd { "n" } " opens the first item." }
        ul.counts aria-label="Items by review status" {
            @for (s, n) in review::Status::ALL.iter().map(|s| (s.as_str(), found.counts.get(s.as_str()).copied().unwrap_or(0))) {
                li { a href=(keep_filters(("status", s))) aria-current=[(status == s).then_some("true")] {
                    span class={ "status status-" (s) } { (s.replace('_', " ")) } " " strong.count { (n) } } }
            }
        }
        form.filters method="get" action="/review" role="search" {
            div { label for="r-project" { "Project" }
                select #r-project name="project" { option value="" { "all" }
                    @for (id, name) in &projects { option value=(id) selected[project == *id] { (name) } } } }
            div { label for="r-decision" { "Decision" }
                select #r-decision name="decision" { option value="" { "all" }
                    @for d in Decision::ALL { option value=(d.as_str()) selected[decision == d.as_str()] { (d.as_str()) } } } }
            div { label for="r-status" { "Status" }
                select #r-status name="status" { option value="" { "waiting (pending, on hold, proposed)" }
                    @for s in review::Status::ALL { option value=(s.as_str()) selected[status == s.as_str()] { (s.as_str()) } } } }
            div.grow { label for="r-q" { "Search the descriptions" } input #r-q type="search" name="q" value=(q) maxlength="200"; }
            button type="submit" { "Filter" }
        }
        p.muted role="status" { (found.total) " items." }
        @if found.entries.is_empty() {
            p.notice { "Nothing waits for a decision here." }
        } @else {
            div.table-wrap data-shortcuts { table.items {
                thead { tr { th scope="col" { "Item" } th scope="col" { "Decision" } th scope="col" { "Description and evidence" }
                    th scope="col" { "Project" } th scope="col" { "Status" } } }
                tbody { @for (i, e) in found.entries.iter().enumerate() {
                    @let c = serde_json::from_str::<Classification>(&e.item.classification).ok();
                    tr {
                        td.num.nowrap { a href={ "/items/" (e.item.id) } data-key=[(i == 0).then_some("n")] { "Review #" (e.item.id) } }
                        td { (badge(&e.item.decision)) }
                        td.desc { (highlight::description(&e.item.description, c.as_ref()))
                            @if let Some(c) = &c { " " @for code in c.entry_codes() { a.entry href={ "/catalog/" (code) } { (code) } " " }
                                @for question in &c.questions { p.question { (question) } } } }
                        td.nowrap { (e.project) }
                        td { span class={ "status status-" (e.item.review_status) } { (e.item.review_status.replace('_', " ")) } }
                    }
                } }
            } }
        }
    };
    Ok(html(page("Review queue", Some(&session), Nav::Review, body)))
}

fn justification(id: &str, label: &str, draft: &str) -> Markup {
    html! {
        label for=(id) { (label) }
        textarea id=(id) name="justification" rows="3" required minlength="10" maxlength="2000" { (draft) }
    }
}

/// What a reviewer may do with the item as it stands (the service decides; this only offers the steps).
/// `history` says who is a party to the item (uploaded, submitted or edited it).
pub fn panel(session: &Session, item: &Item, batch: &Batch, history: &History, draft: &str) -> Markup {
    let who = &session.who;
    let reviewer = matches!(who.role, Role::Reviewer | Role::Admin);
    let uploader = who.sub == batch.created_by;
    let own = uploader || history.is_party(&who.sub);
    let needs_two = item.ever_prohibited && !crate::review::history::lowering_confirmed(item);
    let prohibited = item.decision == Decision::Prohibited.as_str();
    let proposal: Option<Proposal> = item.proposal.as_deref().and_then(|p| serde_json::from_str(p).ok());
    let question: Option<Question> = item.question.as_deref().and_then(|q| serde_json::from_str(q).ok());
    let form = |action: &str, inner: Markup| {
        html! {
            form.card.step method="post" action={ "/items/" (item.id) "/decide" } {
                (csrf_field(session))
                input type="hidden" name="version" value=(item.version);
                input type="hidden" name="action" value=(action);
                (inner)
            }
        }
    };
    html! {
        aside.panel aria-labelledby="decide-h" data-shortcuts data-version=(item.version) {
            h2 #decide-h { "Decision" }
            p { "Status: " span class={ "status status-" (item.review_status) } { (item.review_status.replace('_', " ")) }
                @if let Some(by) = &item.reviewed_by { " · by " (by) } }
            @if let Some(note) = &item.review_note { p.muted { "\u{201c}" (note) "\u{201d}" } }
            @if let Some(q) = &question {
                div.card.questions { h3 { "Question to the uploader" } p { (q.question) } p.muted { "asked by " (q.asked_by) }
                    @if let Some(a) = &q.answer { p { strong { "Answer: " } (a) } } }
            }
            @if let Some(p) = &proposal {
                div.card.questions { h3 { "Proposed reclassification" }
                    p { (badge(p.decision.as_str())) @if let Some(e) = &p.entry { " " a.entry href={ "/catalog/" (e) } { (e) } } }
                    p { "\u{201c}" (p.justification) "\u{201d}" } p.muted { "proposed by " (p.by) " on " (when(p.at)) }
                    @for c in &p.confirmations { p.muted { "confirmed by " (c.by) " on " (when(c.at)) ": \u{201c}" (c.justification) "\u{201d}" } }
                    @if p.origin.confirmations_required() > 1 {
                        p.notice { "This lowers a prohibited decision after an edit, a re-submission or a catalogue \
                            change: two different reviewers must confirm it (" (p.confirmations.len()) " of 2 so far)." }
                    } }
            }
            @if reviewer && !own {
                @match item.review_status.as_str() {
                    "pending" => {
                        @if prohibited {
                            p.notice { "A prohibited item is never approved. If this is a false positive, propose another \
                                decision below: a second reviewer must confirm it." }
                        } @else if needs_two {
                            p.notice { "This item was screened prohibited: it is approved only after two different \
                                reviewers confirmed lowering its decision." }
                        } @else {
                            (form("approve", html! { (justification("j-approve", "Why it may be delivered", draft))
                                button.primary type="submit" data-key="a" { "Approve" } " " kbd { "a" } }))
                        }
                        (form("reject", html! { (justification("j-reject", "Why it will not be procured", draft))
                            button.danger type="submit" data-key="r" { "Reject" } " " kbd { "r" } }))
                        (form("reclassify", html! {
                            label for="c-decision" { "New decision" }
                            select #c-decision name="decision" required { @for d in Decision::ALL { @if d.as_str() != item.decision {
                                option value=(d.as_str()) { (d.as_str()) } } } }
                            label for="c-entry" { "Catalogue entry (optional)" }
                            input #c-entry type="text" name="entry" maxlength="40";
                            (justification("j-reclassify", "Why", draft))
                            button type="submit" data-key="c" { @if prohibited { "Propose reclassification" } @else { "Reclassify" } } " " kbd { "c" } }))
                        (form("ask", html! { label for="j-ask" { "Question for the uploader" }
                            textarea #j-ask name="question" rows="2" required maxlength="2000" {}
                            button type="submit" data-key="q" { "Ask the uploader" } " " kbd { "q" } }))
                    }
                    "proposed" => {
                        (form("confirm_reclassification", html! { (justification("j-confirm", "Why you confirm it", draft))
                            button.primary type="submit" data-key="a" { "Confirm reclassification" } }))
                        (form("decline_reclassification", html! { (justification("j-decline", "Why it stays prohibited", draft))
                            button.danger type="submit" data-key="r" { "Decline" } }))
                    }
                    _ => {}
                }
            } @else if own && item.review_status == "on_hold" {
                (form("answer", html! { label for="j-answer" { "Your answer" }
                    textarea #j-answer name="answer" rows="3" required maxlength="2000" {}
                    button.primary type="submit" { "Send the answer" } }))
            } @else if reviewer && uploader {
                p.notice { "You uploaded this batch: another reviewer decides on its items (four eyes)." }
            } @else if reviewer && own {
                p.notice { "You edited or re-submitted this item's data: another reviewer decides on it (four eyes)." }
            }
        }
    }
}

pub fn history(rows: &[AuditRow]) -> Markup {
    html! {
        section aria-labelledby="history-h" {
            h2 #history-h { "History" }
            @if rows.is_empty() { p.muted { "No review step yet." } } @else {
                ol.history { @for r in rows { li class={ "outcome-" (r.outcome) } {
                    strong { (r.action.replace('_', " ")) } @if r.outcome == "refused" { " " span.badge.badge-unknown { "refused" } }
                    " by " (r.actor) " (" (r.actor_role) ") on " (when(r.recorded_at))
                    @if let Some(reason) = &r.reason { p { "\u{201c}" (reason) "\u{201d}" } }
                } } }
            }
        }
    }
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
    let draft = form.justification.clone().unwrap_or_default();
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
