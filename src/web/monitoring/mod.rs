//! End-use monitoring for monitoring staff, one file per record kind: the obligations dashboard, a delivery's
//! page with the forms that record what happens to it (confirmation, serials, inspections, incidents, transfers,
//! disposals, waivers), lists of deliveries, certificates, serials and incidents, and the calendar-feed link.
//! The rules and transactions are `crate::service::monitoring`'s; pages call them as the API does, with the
//! same roles (`monitor`, `admin` write) and project scoping.

pub mod certificates;
pub mod dashboard;
pub mod deliveries;
pub mod delivery;
pub mod feeds;
mod fields;
pub mod incidents;
pub mod inspection;
pub mod records;
pub mod serials;
pub mod transfers;

use super::layout::query;
use super::session::Session;
use super::WebResult;
use crate::api::error::ApiError;
use crate::api::monitoring::who;
use crate::api::{blocking, AppState};
use crate::auth::Role;
use crate::db::{DbConnection, DbError};
use crate::i18n::Lang;
use crate::monitoring::MonitoringPolicy;
use crate::service::monitoring::{MonitoringError, Who};
use actix_web::web;
pub use fields::{Fields, Filled};
use maud::{html, Markup};

/// Rows per page of the lists.
pub const PAGE: i64 = 50;

/// A state, status or kind as a badge with its words (never colour alone).
pub fn state_badge(lang: Lang, prefix: &str, state: &str) -> Markup {
    html! { span class={ "status status-" (state) } { (lang.tr(&format!("{prefix}-{state}"))) } }
}

/// What an obligation is, in words: "Delivery confirmation for the delivery of 3 × Night vision goggles (2026-05-01)".
pub fn obligation_label(lang: Lang, kind: &str, description: &str, delivered_on: &str) -> String {
    lang.tr_args(
        &format!("mon-obligation-{kind}"),
        &[
            ("item", description.to_string().into()),
            ("date", delivered_on.to_string().into()),
        ],
    )
}

/// Whether the viewer may record (monitor, admin); everyone else reads.
pub fn may_record(session: &Session) -> bool {
    matches!(session.who.role, Role::Monitor | Role::Admin)
}

/// Runs a read of the monitoring service on the blocking pool, as the session's user.
pub async fn read<T: Send + 'static>(
    session: &Session,
    state: &web::Data<AppState>,
    op: impl FnOnce(&mut DbConnection, &Who, &MonitoringPolicy) -> Result<T, MonitoringError> + Send + 'static,
) -> Result<T, ApiError> {
    let who = who(&session.who, state, None);
    let state = state.clone();
    blocking(move || {
        let mut conn = state.pool.get().map_err(DbError::from)?;
        op(&mut conn, &who, &state.classifier.catalog().monitoring)
    })
    .await
}

/// Runs a change as the session's user (monitor or admin). A refusal or invalid fields come back as the form
/// filled in again with the reasons next to the fields; anything else is an error page.
pub async fn change<T: Send + 'static>(
    session: &Session,
    state: &web::Data<AppState>,
    request_id: Option<String>,
    form: &'static str,
    fields: &Fields,
    op: impl FnOnce(&mut DbConnection, &Who, &MonitoringPolicy) -> Result<T, MonitoringError> + Send + 'static,
) -> Result<Result<T, Filled>, ApiError> {
    session.who.require(&[Role::Monitor, Role::Admin])?;
    let who = who(&session.who, state, request_id);
    let state = state.clone();
    // `web::block` itself, not `blocking`: the service's error decides between the form again and an error page.
    let outcome = web::block(move || {
        let mut conn = state.pool.get().map_err(DbError::from)?;
        op(&mut conn, &who, &state.classifier.catalog().monitoring)
    })
    .await
    .map_err(ApiError::from)?;
    match outcome {
        Ok(value) => Ok(Ok(value)),
        Err(e) => Ok(Err(Filled::refused(form, fields, session.lang, e)?)),
    }
}

/// A refused form shown again: 422 (or the refusal's 409) with the page that holds the form.
pub fn refused_page(filled: &Filled, markup: Markup) -> WebResult {
    Ok(actix_web::HttpResponse::build(filled.status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string()))
}

/// "Previous · 1–50 of 230 · Next" links of a list, keeping its filters.
pub fn pager(lang: Lang, path: &str, keep: &[(&str, &str)], offset: i64, total: i64) -> Markup {
    let link = |to: i64| {
        let to = to.to_string();
        let mut pairs = keep.to_vec();
        pairs.push(("offset", to.as_str()));
        format!("{path}{}", query(&pairs))
    };
    let shown = lang.tr_args(
        "mon-page-shown",
        &[
            ("first", (offset + 1).into()),
            ("last", (offset + PAGE).min(total).into()),
            ("total", total.into()),
        ],
    );
    html! {
        @if total > PAGE {
            nav.pager aria-label=(lang.tr("mon-pages")) {
                @if offset > 0 { a href=(link((offset - PAGE).max(0))) { (lang.tr("mon-page-previous")) } }
                span { (shown) }
                @if offset + PAGE < total { a href=(link(offset + PAGE)) { (lang.tr("mon-page-next")) } }
            }
        }
    }
}

/// The project filter of a list: every project the viewer sees, or one.
pub fn project_select(lang: Lang, id: &str, projects: &[(String, String)], chosen: &str) -> Markup {
    html! {
        div { label for=(id) { (lang.tr("mon-project")) } select id=(id) name="project" { option value="" { (lang.tr("mon-all")) }
            @for (value, name) in projects { option value=(value) selected[chosen == value] { (name) } } } }
    }
}

/// The offset of a list's query, never negative.
pub fn offset_of(offset: Option<i64>) -> i64 {
    offset.unwrap_or(0).max(0)
}

/// The sub-navigation of the monitoring pages.
pub fn subnav(lang: Lang, here: &str) -> Markup {
    let links = [
        ("/monitoring", "mon-nav-obligations"),
        ("/monitoring/deliveries", "mon-nav-deliveries"),
        ("/monitoring/certificates", "mon-nav-certificates"),
        ("/monitoring/serials", "mon-nav-serials"),
        ("/monitoring/incidents", "mon-nav-incidents"),
        ("/monitoring/feed", "mon-nav-feed"),
    ];
    html! {
        nav.subnav aria-label=(lang.tr("mon-nav-label")) {
            ul.counts { @for (href, key) in links {
                li { a href=(href) aria-current=[(href == here).then_some("page")] { (lang.tr(key)) } }
            } }
        }
    }
}
