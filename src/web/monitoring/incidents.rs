//! Incidents: recording one (with or without a serial of the delivery), reporting it to the authority, the
//! delivery's incidents, and the list of every incident in the viewer's projects.

use super::delivery::{finish, open, options};
use super::fields::{Fields, Filled, FormView};
use super::{offset_of, pager, read, state_badge, subnav, PAGE};
use crate::api::request_meta::RequestMeta;
use crate::api::AppState;
use crate::db::monitoring::events as store;
use crate::db::monitoring::records::Paging;
use crate::monitoring::{IncidentKind, Named};
use crate::service::monitoring::context::DeliveredWhat;
use crate::service::monitoring::events::{self as events, IncidentRequest, ReportRequest};
use crate::service::monitoring::reports::{self, DeliveryPage};
use crate::web::form::TextForm;
use crate::web::layout::{csrf_field, page, Nav};
use crate::web::session::Session;
use crate::web::{html, WebResult};
use actix_web::{web, HttpRequest};
use maud::{html, Markup};
use serde::Deserialize;

const KINDS: [IncidentKind; 4] = [
    IncidentKind::Loss,
    IncidentKind::Theft,
    IncidentKind::Misuse,
    IncidentKind::Damage,
];

const NAMES: [&str; 4] = ["kind", "serial_number", "discovered_on", "description"];

pub fn record_form(session: &Session, p: &DeliveryPage, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let view = FormView::new(lang, "incident", filled, &NAMES);
    let today = p.as_of.to_string();
    html! {
        details #incident-details open[open(&view)] {
            summary { (lang.tr("mon-record-incident")) }
            form.card #record-incident method="post" action={ "/deliveries/" (p.delivery.id) "/incidents" } {
                (view.summary())
                (csrf_field(session))
                (view.select("kind", "mon-what-happened", &options(lang, "mon-incident-kind", &KINDS), "loss"))
                (view.input("serial_number", "mon-serial-if-one", "text", false, "", None))
                (view.input("discovered_on", "mon-discovered-on", "date", true, &today, Some(&today)))
                (view.textarea("description", "mon-description", true, 3))
                button.danger type="submit" { (lang.tr("mon-record-incident")) }
            }
        }
    }
}

/// The delivery's incidents, each with its report form until it is reported.
pub fn delivery_section(session: &Session, p: &DeliveryPage, what: &DeliveredWhat, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let serial = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| p.serials.iter().find(|s| &s.id == id))
            .map(|s| s.serial_number.clone())
    };
    html! {
        h2 { (lang.tr("mon-incidents")) }
        @if what.incidents.is_empty() { p.muted { (lang.tr("mon-none-yet")) } }
        ul #incidents { @for i in &what.incidents { li {
            (state_badge(lang, "mon-incident-kind", &i.kind)) " " (i.discovered_on)
            @if let Some(n) = serial(&i.serial_id) { " · " code { (n) } }
            " · " (i.description)
            " · " @match (&i.reported_on, &i.reported_to) {
                (Some(on), to) => { (lang.tr_args("mon-reported-to", &[("date", on.to_string().into()),
                    ("to", to.clone().unwrap_or_default().into())])) },
                _ => { strong { (lang.tr("mon-not-reported")) }
                    @if super::may_record(session) { (report_form(session, &p.delivery.id, &i.id, &p.as_of.to_string(), filled)) } },
            }
        } } }
    }
}

fn report_form(session: &Session, delivery: &str, incident: &str, today: &str, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let names = ["reported_on", "reported_to"];
    let view = FormView::new(lang, "report", filled, &names).for_target(incident);
    html! {
        details.report open[open(&view)] {
            summary { (lang.tr("mon-report-incident")) }
            form.card method="post" action={ "/deliveries/" (delivery) "/incidents/" (incident) "/report" } {
                (view.summary())
                (csrf_field(session))
                input type="hidden" name="target" value=(incident);
                (view.input("reported_to", "mon-reported-to-label", "text", true, "", None))
                (view.input("reported_on", "mon-reported-on", "date", true, today, Some(today)))
                button.primary type="submit" { (lang.tr("mon-report-incident")) }
            }
        }
    }
}

pub async fn record(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: TextForm<Vec<(String, String)>>,
) -> WebResult {
    let id = path.into_inner();
    let mut f = Fields::new(form.into_inner(), session.lang);
    session.check_form(&req, &f.csrf())?;
    let kind = IncidentKind::from_name(&f.text("kind"));
    if kind.is_none() {
        let message = session.lang.tr("mon-error-choose");
        f.fail("kind", message);
    }
    let discovered_on = f.date("discovered_on");
    let description = f.text("description");
    let request = kind.zip(discovered_on).map(|(kind, discovered_on)| IncidentRequest {
        delivery_id: Some(id.clone()),
        project: None,
        serial_number: f.get("serial_number"),
        kind,
        discovered_on,
        description,
    });
    finish(
        &session,
        &state,
        meta.request_id,
        id,
        "incident",
        f,
        move |c, w, p| match request {
            Some(request) => events::record_incident(c, w, p, request),
            None => crate::service::monitoring::invalid("kind", "is required"),
        },
    )
    .await
}

pub async fn report(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: TextForm<Vec<(String, String)>>,
) -> WebResult {
    let (delivery, incident) = path.into_inner();
    let mut f = Fields::new(form.into_inner(), session.lang);
    session.check_form(&req, &f.csrf())?;
    let request = ReportRequest {
        reported_on: f.date("reported_on"),
        reported_to: f.text("reported_to"),
    };
    finish(
        &session,
        &state,
        meta.request_id,
        delivery,
        "report",
        f,
        move |c, w, _| events::report_incident(c, w, &incident, request),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    project: Option<String>,
    kind: Option<String>,
    /// `open` (not reported) or `reported`.
    state: Option<String>,
    offset: Option<i64>,
}

pub async fn list(session: Session, state: web::Data<AppState>, params: web::Query<ListQuery>) -> WebResult {
    let lang = session.lang;
    let params = params.into_inner();
    let project = params.project.clone().filter(|p| !p.is_empty());
    let kind = params.kind.clone().filter(|k| IncidentKind::from_name(k).is_some());
    let reported = match params.state.as_deref() {
        Some("open") => Some(false),
        Some("reported") => Some(true),
        _ => None,
    };
    let offset = offset_of(params.offset);
    let (project2, kind2) = (project.clone(), kind.clone());
    let (rows, total) = read(&session, &state, move |conn, who, _| {
        let paging = Paging {
            q: None,
            limit: PAGE,
            offset,
            newest_first: true,
        };
        Ok(store::incidents_page(
            conn,
            &reports::scope(who, project2),
            kind2.as_deref(),
            reported,
            &paging,
        )?)
    })
    .await?;
    let projects = crate::web::upload::visible_projects(&state, &session.who).await?;
    let (project, kind, st) = (
        project.unwrap_or_default(),
        kind.unwrap_or_default(),
        params.state.unwrap_or_default(),
    );
    let all_kinds = [
        IncidentKind::Loss,
        IncidentKind::Theft,
        IncidentKind::Misuse,
        IncidentKind::Unsighted,
        IncidentKind::Damage,
    ];
    let body = html! {
        (subnav(lang, "/monitoring/incidents"))
        form.filters method="get" action="/monitoring/incidents" {
            (super::project_select(lang, "f-project", &projects, &project))
            div { label for="f-kind" { (lang.tr("mon-kind")) } select #f-kind name="kind" { option value="" { (lang.tr("mon-all")) }
                @for (value, words) in options(lang, "mon-incident-kind", &all_kinds) { option value=(value) selected[kind == value] { (words) } } } }
            div { label for="f-state" { (lang.tr("mon-report-state")) } select #f-state name="state" {
                option value="" { (lang.tr("mon-all")) }
                option value="open" selected[st == "open"] { (lang.tr("mon-not-reported")) }
                option value="reported" selected[st == "reported"] { (lang.tr("mon-reported")) } } }
            button type="submit" { (lang.tr("mon-show")) }
        }
        p.muted role="status" { (lang.tr_args("mon-count-found", &[("count", total.into())])) }
        @if !rows.is_empty() {
            div.table-wrap { table #incident-list {
                thead { tr { th scope="col" { (lang.tr("mon-discovered-on")) } th scope="col" { (lang.tr("mon-kind")) }
                    th scope="col" { (lang.tr("mon-description")) } th scope="col" { (lang.tr("mon-report-state")) } th scope="col" { (lang.tr("mon-project")) } } }
                tbody { @for i in &rows { tr {
                    td.nowrap { (i.discovered_on) }
                    td { (state_badge(lang, "mon-incident-kind", &i.kind)) }
                    td { a href={ "/deliveries/" (i.delivery_id) } { (i.description) } }
                    td { @if let Some(on) = i.reported_on { (lang.tr("mon-reported")) " " (on) } @else { strong { (lang.tr("mon-not-reported")) } } }
                    td { (i.project_id) }
                } } }
            } }
        }
        (pager(lang, "/monitoring/incidents", &[("project", &project), ("kind", &kind), ("state", &st)], offset, total))
    };
    Ok(html(page(
        &lang.tr("mon-incidents"),
        Some(&session),
        Nav::Monitoring,
        body,
    )))
}
