//! Serials of the viewer's projects: by number and status, where each was last seen, with pages.

use super::{offset_of, pager, read, state_badge, subnav, PAGE};
use crate::api::AppState;
use crate::db::monitoring::records::{self as store, Paging};
use crate::monitoring::{Named, SerialStatus};
use crate::service::monitoring::reports;
use crate::web::layout::{page, Nav};
use crate::web::session::Session;
use crate::web::{html, WebResult};
use actix_web::web;
use maud::html;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    project: Option<String>,
    status: Option<String>,
    q: Option<String>,
    offset: Option<i64>,
}

const STATUSES: [SerialStatus; 6] = [
    SerialStatus::InService,
    SerialStatus::Lost,
    SerialStatus::Stolen,
    SerialStatus::Transferred,
    SerialStatus::Destroyed,
    SerialStatus::Disposed,
];

pub async fn list(session: Session, state: web::Data<AppState>, params: web::Query<ListQuery>) -> WebResult {
    let lang = session.lang;
    let params = params.into_inner();
    let project = params.project.clone().filter(|p| !p.is_empty());
    let status = params.status.clone().filter(|s| SerialStatus::from_name(s).is_some());
    let q = params.q.clone().filter(|q| !q.trim().is_empty());
    let offset = offset_of(params.offset);
    let (project2, status2, q2) = (project.clone(), status.clone(), q.clone());
    let (rows, total) = read(&session, &state, move |conn, who, _| {
        let paging = Paging {
            q: q2,
            limit: PAGE,
            offset,
            newest_first: true,
        };
        Ok(store::serials_page(
            conn,
            &reports::scope(who, project2),
            status2.as_deref(),
            &paging,
        )?)
    })
    .await?;
    let projects = crate::web::upload::visible_projects(&state, &session.who).await?;
    let (project, status, q) = (
        project.unwrap_or_default(),
        status.unwrap_or_default(),
        q.unwrap_or_default(),
    );
    let body = html! {
        (subnav(lang, "/monitoring/serials"))
        form.filters method="get" action="/monitoring/serials" {
            (super::project_select(lang, "s-project", &projects, &project))
            div { label for="s-status" { (lang.tr("mon-status")) } select #s-status name="status" { option value="" { (lang.tr("mon-all")) }
                @for s in STATUSES { option value=(s.name()) selected[status == s.name()] { (lang.tr(&format!("mon-serial-status-{}", s.name()))) } } } }
            div.grow { label for="s-q" { (lang.tr("mon-search-serials")) } input #s-q type="search" name="q" value=(q); }
            button type="submit" { (lang.tr("mon-show")) }
        }
        p.muted role="status" { (lang.tr_args("mon-count-found", &[("count", total.into())])) }
        @if !rows.is_empty() {
            div.table-wrap { table #serial-list {
                thead { tr { th scope="col" { (lang.tr("mon-serial")) } th scope="col" { (lang.tr("mon-model")) }
                    th scope="col" { (lang.tr("mon-status")) } th scope="col" { (lang.tr("mon-custodian")) }
                    th scope="col" { (lang.tr("mon-last-seen")) } th scope="col" { (lang.tr("mon-project")) } } }
                tbody { @for s in &rows { tr {
                    td { a href={ "/deliveries/" (s.delivery_id) } { code { (s.serial_number) } } }
                    td { (s.model.as_deref().unwrap_or("")) }
                    td { (state_badge(lang, "mon-serial-status", &s.status)) }
                    td { (s.custodian.as_deref().unwrap_or("")) }
                    td.nowrap { @if let Some(on) = s.last_seen_on { (on) " " span.muted { (s.last_seen_location.as_deref().unwrap_or("")) } } @else { (lang.tr("mon-never")) } }
                    td { (s.project_id) }
                } } }
            } }
        }
        (pager(lang, "/monitoring/serials", &[("project", &project), ("status", &status), ("q", &q)], offset, total))
    };
    Ok(html(page(
        &lang.tr("mon-serials"),
        Some(&session),
        Nav::Monitoring,
        body,
    )))
}
