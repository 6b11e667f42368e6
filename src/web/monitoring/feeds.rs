//! The calendar-feed link of a project: planned inspections and inventories due, for calendar apps that cannot
//! send a token. Creating it again replaces the old link; the link is shown once, when it is made.

use super::fields::Fields;
use super::{change, subnav};
use crate::api::request_meta::RequestMeta;
use crate::api::AppState;
use crate::service::monitoring::feeds::{self, CalendarFeed};
use crate::web::form::TextForm;
use crate::web::layout::{csrf_field, page, Nav};
use crate::web::session::Session;
use crate::web::{html, WebResult};
use actix_web::{web, HttpRequest};
use maud::{html, Markup};

async fn feed_page(
    session: &Session,
    state: &web::Data<AppState>,
    made: Option<(CalendarFeed, String)>,
    problem: Option<String>,
) -> WebResult {
    let lang = session.lang;
    let projects = crate::web::upload::visible_projects(state, &session.who).await?;
    let body: Markup = html! {
        (subnav(lang, "/monitoring/feed"))
        p { (lang.tr("mon-feed-intro")) }
        @if let Some(problem) = problem { p.error-detail role="alert" { (problem) } }
        @if let Some((feed, url)) = made {
            div.notice #feed-made role="status" {
                p { (lang.tr_args(if feed.rotated { "mon-feed-rotated" } else { "mon-feed-created" }, &[("project", feed.project.clone().into())])) }
                p { label for="feed-url" { (lang.tr("mon-feed-url")) } input #feed-url type="text" readonly value=(url); }
                p.hint { (lang.tr("mon-feed-secret")) }
            }
        }
        @if super::may_record(session) {
            form.card #make-feed method="post" action="/monitoring/feed" {
                (csrf_field(session))
                label for="feed-project" { (lang.tr("mon-project")) }
                select #feed-project name="project" required { @for (id, name) in &projects { option value=(id) { (name) } } }
                button.primary type="submit" { (lang.tr("mon-feed-make")) }
                p.hint { (lang.tr("mon-feed-replaces")) }
            }
        }
    };
    Ok(html(page(
        &lang.tr("mon-nav-feed"),
        Some(session),
        Nav::Monitoring,
        body,
    )))
}

pub async fn show(session: Session, state: web::Data<AppState>) -> WebResult {
    feed_page(&session, &state, None, None).await
}

pub async fn make(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    form: TextForm<Vec<(String, String)>>,
) -> WebResult {
    let mut f = Fields::new(form.into_inner(), session.lang);
    session.check_form(&req, &f.csrf())?;
    let project = f.text("project");
    let outcome = change(&session, &state, meta.request_id, "feed", &f, move |c, w, _| {
        feeds::create(c, w, &project)
    })
    .await?;
    match outcome {
        Ok(feed) => {
            let url = {
                let info = req.connection_info();
                format!("{}://{}{}", info.scheme(), info.host(), feed.path)
            };
            feed_page(&session, &state, Some((feed, url)), None).await
        }
        Err(filled) => {
            let problem = filled
                .general
                .iter()
                .chain(filled.errors.iter().map(|(_, m)| m))
                .cloned()
                .collect::<Vec<_>>()
                .join("; ");
            feed_page(&session, &state, None, Some(problem)).await
        }
    }
}
