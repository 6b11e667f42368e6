//! An officer's home: their batches with their state, the lines blocked and what to do about them, the questions
//! waiting for them, and the decisions that changed on their lines lately.

use super::layout::{decision_badge, page, query, status_label, when, Nav};
use super::session::Session;
use super::{html, WebResult};
use crate::api::{blocking, AppState};
use crate::auth::Role;
use crate::i18n::Lang;
use crate::review::officer::{self, Change, ChangeKind};
use actix_web::web;
use maud::{html, Markup};
use serde::Deserialize;

/// How far back "changed lately" reaches by default, and at most.
const DEFAULT_DAYS: i64 = 14;
const MAX_DAYS: i64 = 365;

#[derive(Debug, Deserialize)]
pub struct HomeQuery {
    days: Option<i64>,
}

/// A batch's review state in words, with the class its colour comes from.
pub fn state_label(lang: Lang, state: &str) -> Markup {
    html! { span class={ "status status-batch-" (state) } data-state=(state) { (lang.tr(&format!("batch-state-{state}"))) } }
}

pub async fn page_handler(session: Session, state: web::Data<AppState>, params: web::Query<HomeQuery>) -> WebResult {
    session.who.require(&[Role::Officer, Role::Admin])?;
    let days = params.days.unwrap_or(DEFAULT_DAYS).clamp(1, MAX_DAYS);
    let since = crate::db::now() - chrono::Duration::days(days);
    let scope = session.who.scope().map(<[String]>::to_vec);
    let user = session.who.sub.clone();
    let home = blocking(move || {
        let mut conn = state.pool.get()?;
        officer::home(&mut conn, &user, scope.as_deref(), since)
    })
    .await?;
    let lang = session.lang;
    let body = html! {
        section aria-labelledby="questions-h" {
            h2 #questions-h { (lang.tr_args("home-questions", &[("count", home.questions_total.into())])) }
            @if home.questions.is_empty() {
                p.muted { (lang.tr("home-no-questions")) }
            } @else {
                ul.questions-list { @for (item, file, question) in &home.questions { li.card {
                    p { strong { (file) } " · " (lang.tr_args("home-row", &[("row", item.row_number.into())])) ": " (item.description) }
                    @if let Some(q) = question {
                        p.question { "\u{201c}" (q.question) "\u{201d} " span.muted { (lang.tr_args("home-asked-by", &[("name", q.asked_by.clone().into())])) } }
                    }
                    a.button href={ "/items/" (item.id) "#j-answer" } { (lang.tr("home-answer")) }
                } } }
            }
        }
        section aria-labelledby="blocked-h" {
            h2 #blocked-h { (lang.tr_args("home-blocked", &[("count", home.blocked_total.into())])) }
            @if home.blocked.is_empty() {
                p.muted { (lang.tr("home-no-blocked")) }
            } @else {
                p.notice { (lang.tr("home-blocked-what-to-do")) }
                div.table-wrap { table {
                    thead { tr { th scope="col" { (lang.tr("home-col-batch")) } th scope="col" { (lang.tr("home-col-row")) }
                        th scope="col" { (lang.tr("home-col-description")) } th scope="col" { (lang.tr("home-col-review")) } } }
                    tbody { @for (item, file) in &home.blocked { tr {
                        td { a href={ "/batches/" (item.batch_id) (query(&[("decision", "prohibited")])) } { (file) } }
                        td.num { a href={ "/items/" (item.id) } { (item.row_number) } }
                        td.desc { (item.description) }
                        td { (status_label(lang, &item.review_status)) }
                    } } }
                } }
            }
        }
        section aria-labelledby="batches-h" {
            h2 #batches-h { (lang.tr("home-my-batches")) }
            @if home.batches.is_empty() {
                p { (lang.tr("home-no-batches")) " " a href="/upload" { (lang.tr("home-upload")) } }
            } @else {
                div.table-wrap { table {
                    thead { tr { th scope="col" { (lang.tr("home-col-file")) } th scope="col" { (lang.tr("home-col-project")) }
                        th scope="col" { (lang.tr("home-col-uploaded")) } th scope="col" { (lang.tr("home-col-state")) }
                        th scope="col" { (lang.tr("home-col-items")) } } }
                    tbody { @for b in &home.batches { tr {
                        td { a href={ "/batches/" (b.id) } { (b.file_name) } }
                        td { (b.project_id) }
                        td { (when(b.created_at)) }
                        td { (state_label(lang, &b.review_state)) }
                        td.num { (b.item_count) }
                    } } }
                } }
            }
        }
        section aria-labelledby="changes-h" {
            h2 #changes-h { (lang.tr_args("home-changes", &[("days", days.into())])) }
            @if home.changes.is_empty() {
                p.muted { (lang.tr("home-no-changes")) }
            } @else {
                ul.changes { @for change in &home.changes { li { (change_line(lang, change)) } } }
            }
        }
    };
    Ok(html(page(&lang.tr("home-title"), Some(&session), Nav::Home, body)))
}

fn change_line(lang: Lang, change: &Change) -> Markup {
    let item = &change.item;
    html! {
        (when(change.at)) " · "
        a href={ "/items/" (item.id) } { (lang.tr_args("home-row", &[("row", item.row_number.into())])) } ": "
        @match &change.kind {
            ChangeKind::Rescreened { decision, catalog_version } => {
                (lang.tr_args("home-change-rescreened", &[("version", catalog_version.clone().into())])) " "
                (decision_badge(lang, decision))
            }
            ChangeKind::Reclassified { from, by } => {
                (lang.tr_args("home-change-reclassified", &[("name", by.clone().into())])) " "
                (decision_badge(lang, from)) " → " (decision_badge(lang, &item.decision))
            }
            ChangeKind::Decided { status, by } => {
                (lang.tr_args("home-change-decided", &[("name", by.clone().into())])) " " (status_label(lang, status))
            }
        }
        " " span.muted { (item.description) }
    }
}
