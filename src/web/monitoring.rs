//! End-use monitoring for monitoring staff: obligations due and overdue by project and country with a chart over
//! time, a delivery's page (serials and where each was last seen, what it owes, inspections), and the forms that
//! record an inspection and an incident. The rules and transactions are `crate::service::monitoring`'s.

use super::layout::{csrf_field, page, query, Nav};
use super::session::Session;
use super::{html, see_other, WebResult};
use crate::api::error::ApiError;
use crate::api::monitoring::who;
use crate::api::request_meta::RequestMeta;
use crate::api::{blocking, AppState};
use crate::auth::Role;
use crate::db::DbError;
use crate::monitoring::{IncidentKind, Named, ObligationState, SightingResult};
use crate::service::monitoring::events::{self as events, IncidentRequest};
use crate::service::monitoring::inspections::{self, RecordRequest, SightingInput, INSPECTION_KINDS};
use crate::service::monitoring::reports::{self, ObligationQuery, ObligationView};
use crate::service::monitoring::{MonitoringError, Who};
use actix_web::{web, HttpRequest};
use chrono::{Datelike, Months, NaiveDate};
use maud::{html, Markup};
use serde::Deserialize;

fn state_badge(state: &str) -> Markup {
    html! { span class={ "status status-" (state) } { (state.replace('_', " ")) } }
}

#[derive(Debug, Deserialize)]
pub struct DashboardQuery {
    project: Option<String>,
    country: Option<String>,
}

/// Obligations due per month, six months back and six ahead, split by state (server-rendered SVG).
fn chart(views: &[ObligationView], today: NaiveDate) -> Markup {
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today) - Months::new(6);
    let months: Vec<NaiveDate> = (0..13).map(|m| first + Months::new(m)).collect();
    let kinds = ["overdue", "due_soon", "upcoming", "fulfilled"];
    let counts: Vec<[usize; 4]> = months
        .iter()
        .map(|start| {
            let end = *start + Months::new(1);
            let mut c = [0; 4];
            for v in views
                .iter()
                .filter(|v| v.obligation.due_on >= *start && v.obligation.due_on < end)
            {
                if let Some(i) = kinds.iter().position(|k| *k == v.state.as_str()) {
                    c[i] += 1;
                }
            }
            c
        })
        .collect();
    let max = counts.iter().map(|c| c.iter().sum::<usize>()).max().unwrap_or(0).max(1);
    let (width, height, bar) = (13 * 40, 160usize, 28);
    // (x, y, height, state, count, month) of every segment, stacked from the bottom.
    let mut rects = Vec::new();
    for (i, (month, c)) in months.iter().zip(&counts).enumerate() {
        let mut top = height;
        for (k, n) in kinds.iter().zip(c).filter(|(_, n)| **n > 0) {
            let h = (n * height / max).max(1);
            top = top.saturating_sub(h);
            rects.push((i * 40 + 6, top, h, *k, *n, month.format("%b %Y").to_string()));
        }
    }
    html! {
        figure.chart {
            svg viewBox={ "0 0 " (width) " " (height + 30) } role="img"
                aria-label="Obligations due per month, by state, six months back and six ahead" {
                @for (x, y, h, k, n, label) in &rects {
                    rect class={ "fill-" (k) } x=(x) y=(y) width=(bar) height=(h) {
                        title { (label) ": " (n) " " (k.replace('_', " ")) }
                    }
                }
                @for (i, month) in months.iter().enumerate() {
                    text x=(i * 40 + 6 + bar / 2) y=(height + 18) text-anchor="middle"
                        class=[(*month == months[6]).then_some("now")] { (month.format("%b")) }
                }
            }
            figcaption { "Due per month: " @for k in kinds { span class={ "key fill-" (k) } {} " " (k.replace('_', " ")) " " } }
        }
    }
}

pub async fn dashboard(session: Session, state: web::Data<AppState>, params: web::Query<DashboardQuery>) -> WebResult {
    let params = params.into_inner();
    let filter = ObligationQuery {
        project: params.project.clone().filter(|p| !p.is_empty()),
        country: params.country.clone().filter(|c| !c.is_empty()),
        ..ObligationQuery::default()
    };
    let who = who(&session.who, &state, None);
    let today = who.today;
    let state2 = state.clone();
    let report = blocking(move || {
        let mut conn = state2.pool.get().map_err(DbError::from)?;
        reports::obligations(&mut conn, &who, &state2.classifier.catalog().monitoring, &filter, today)
    })
    .await?;
    let projects = super::upload::visible_projects(&state, &session.who).await?;
    let (project, country) = (params.project.unwrap_or_default(), params.country.unwrap_or_default());
    let open: Vec<&ObligationView> = report.obligations.iter().filter(|o| o.state.is_open()).collect();
    let body = html! {
        p.meta { "As of " (report.as_of) "." }
        ul.counts #obligation-counts aria-label="Obligations by state" {
            @for s in ObligationState::ALL {
                li { (state_badge(s.as_str())) " " strong.count data-state=(s.as_str()) { (report.by_state.get(s.as_str()).copied().unwrap_or(0)) } }
            }
        }
        form.filters method="get" action="/monitoring" {
            div { label for="m-project" { "Project" } select #m-project name="project" { option value="" { "all" }
                @for (id, name) in &projects { option value=(id) selected[project == *id] { (name) } } } }
            div { label for="m-country" { "Country" } select #m-country name="country" { option value="" { "all" }
                @for c in report.by_country.keys() { option value=(c) selected[country == *c] { (c) } } } }
            button type="submit" { "Show" }
        }
        (chart(&report.obligations, report.as_of))
        h2 { "By country" }
        div.table-wrap { table {
            thead { tr { th scope="col" { "Country" } @for s in ObligationState::ALL { th scope="col" { (s.as_str().replace('_', " ")) } } } }
            tbody { @for (c, by) in &report.by_country { tr { td { a href={ "/monitoring" (query(&[("country", c)])) } { (c) } }
                @for s in ObligationState::ALL { td.num { (by.get(s.as_str()).copied().unwrap_or(0)) } } } } }
        } }
        h2 { "Open obligations" }
        @if open.is_empty() { p.notice { "Nothing is due." } } @else {
            div.table-wrap { table #open-obligations {
                thead { tr { th scope="col" { "Due" } th scope="col" { "State" } th scope="col" { "What" }
                    th scope="col" { "Country" } th scope="col" { "Delivery" } } }
                tbody { @for o in open { tr {
                    td.nowrap { (o.obligation.due_on) @if o.days_overdue > 0 { br; span.muted { (o.days_overdue) " days late" } } }
                    td { (state_badge(o.state.as_str())) }
                    td { (o.obligation.kind.replace('_', " ")) }
                    td { (o.obligation.country.as_deref().unwrap_or("")) }
                    td { a href={ "/deliveries/" (o.obligation.delivery_id) } { "Delivery" } }
                } } }
            } }
        }
    };
    Ok(html(page("Monitoring", Some(&session), Nav::Monitoring, body)))
}

async fn delivery_markup(
    session: &Session,
    state: &web::Data<AppState>,
    id: String,
    notice: Option<Markup>,
) -> Result<Markup, ApiError> {
    let who = who(&session.who, state, None);
    let today = who.today;
    let state2 = state.clone();
    let p = blocking(move || {
        let mut conn = state2.pool.get().map_err(DbError::from)?;
        reports::delivery_page(&mut conn, &who, &state2.classifier.catalog().monitoring, &id, today)
    })
    .await?;
    let d = &p.delivery;
    let may_record = matches!(session.who.role, Role::Monitor | Role::Admin);
    let results = [
        SightingResult::Sighted,
        SightingResult::NotSighted,
        SightingResult::Damaged,
        SightingResult::NotInService,
    ];
    let incidents = [
        IncidentKind::Loss,
        IncidentKind::Theft,
        IncidentKind::Misuse,
        IncidentKind::Damage,
    ];
    Ok(html! {
        p.meta { a href="/monitoring" { "← Monitoring" } " · " (d.project_id) " · delivered " (d.delivered_on) " to " (d.receiving_unit)
            ", " (d.location) " · profile " (d.profile) }
        @if let Some(n) = notice { (n) }
        section.card {
            dl.fields {
                dt { "Quantity" } dd { (d.quantity) @if let Some(o) = p.ordered { " of " (o) " ordered" } }
                dt { "Confirmed" } dd { @match (&d.confirmed_on, &d.confirmed_by) { (Some(on), by) => { (on) " " (by.as_deref().unwrap_or("")) }, _ => "not yet" } }
                dt { "Keep records until" } dd { (p.retain_until) }
            }
        }
        h2 { "What it owes" }
        @if p.owes.is_empty() { p.notice { "Nothing is open." } } @else {
            ul { @for o in &p.owes { li { (state_badge(o.state.as_str())) " " (o.obligation.kind.replace('_', " ")) ", due " (o.obligation.due_on) } } }
        }
        h2 { "Serial numbers" }
        div.table-wrap { table #serials {
            thead { tr { th scope="col" { "Serial" } th scope="col" { "Model" } th scope="col" { "Status" } th scope="col" { "Last seen" } th scope="col" { "Where" } } }
            tbody { @for s in &p.serials { tr {
                td { code { (s.serial_number) } } td { (s.model.as_deref().unwrap_or("")) } td { (state_badge(&s.status)) }
                td.nowrap { @if let Some(on) = s.last_seen_on { (on) } @else { "never" } }
                td { (s.last_seen_location.as_deref().unwrap_or("")) }
            } } }
        } }
        h2 { "Inspections" }
        @if p.inspections.is_empty() { p.muted { "None yet." } }
        ul { @for i in &p.inspections { li { (i.kind) " · " @if let Some(on) = i.done_on { "done " (on) } @else { "planned" } } } }
        @if may_record {
            div.split {
                form.card #record-inspection method="post" action={ "/deliveries/" (d.id) "/inspections" } {
                    h2 { "Record an inspection" }
                    (csrf_field(session))
                    label for="i-kind" { "Kind" }
                    select #i-kind name="kind" { @for k in INSPECTION_KINDS { option value=(k) { (k.replace('_', " ")) } } }
                    label for="i-done" { "Done on" } input #i-done type="date" name="done_on" value=(p.as_of) required;
                    label for="i-inspector" { "Inspector" } input #i-inspector type="text" name="inspector" required maxlength="300";
                    label for="i-findings" { "Findings" } textarea #i-findings name="findings" rows="2" maxlength="8000" {}
                    @if !p.serials.is_empty() {
                        fieldset { legend { "What was found for each serial" }
                            @for (n, s) in p.serials.iter().enumerate() {
                                label for={ "i-s" (n) } { code { (s.serial_number) } }
                                input type="hidden" name={ "serial_" (n) } value=(s.serial_number);
                                select id={ "i-s" (n) } name={ "result_" (n) } {
                                    @for r in results { option value=(r.name()) { (r.name().replace('_', " ")) } } }
                            }
                        }
                    }
                    button.primary type="submit" { "Record the inspection" }
                }
                form.card #record-incident method="post" action={ "/deliveries/" (d.id) "/incidents" } {
                    h2 { "Record an incident" }
                    (csrf_field(session))
                    label for="n-kind" { "What happened" }
                    select #n-kind name="kind" { @for k in incidents { option value=(k.name()) { (k.name()) } } }
                    label for="n-serial" { "Serial number (if one)" } input #n-serial type="text" name="serial_number" maxlength="100";
                    label for="n-on" { "Discovered on" } input #n-on type="date" name="discovered_on" value=(p.as_of) required;
                    label for="n-desc" { "Description" } textarea #n-desc name="description" rows="3" required maxlength="8000" {}
                    button.danger type="submit" { "Record the incident" }
                }
            }
        }
    })
}

pub async fn delivery(session: Session, state: web::Data<AppState>, path: web::Path<String>) -> WebResult {
    let body = delivery_markup(&session, &state, path.into_inner(), None).await?;
    Ok(html(page(
        "Delivery and its serials",
        Some(&session),
        Nav::Monitoring,
        body,
    )))
}

/// Runs a recording step; on failure shows the delivery page again with the reason and the error's status.
async fn record_step(
    session: &Session,
    state: &web::Data<AppState>,
    id: String,
    request_id: Option<String>,
    op: impl FnOnce(&mut crate::db::DbConnection, &Who, &crate::monitoring::MonitoringPolicy) -> Result<(), MonitoringError>
        + Send
        + 'static,
    done: &str,
) -> WebResult {
    session.who.require(&[Role::Monitor, Role::Admin])?;
    let who = who(&session.who, state, request_id);
    let state2 = state.clone();
    let outcome = blocking(move || {
        let mut conn = state2.pool.get().map_err(DbError::from)?;
        op(&mut conn, &who, &state2.classifier.catalog().monitoring)
    })
    .await;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/deliveries/{id}?done={done}"))),
        Err(e) => {
            let status = actix_web::ResponseError::status_code(&e);
            let notice = html! { p.error-detail role="alert" { "Not saved: " (e) "." } };
            let body = delivery_markup(session, state, id, Some(notice)).await?;
            Ok(actix_web::HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .body(page("Delivery", Some(session), Nav::Monitoring, body).into_string()))
        }
    }
}

pub async fn record_inspection(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: super::form::TextForm<Vec<(String, String)>>,
) -> WebResult {
    let fields = form.into_inner();
    let get = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    session.check_form(&req, &get("csrf").unwrap_or_default())?;
    let id = path.into_inner();
    let done_on = get("done_on")
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .ok_or_else(|| ApiError::invalid("done_on", "must be a date"))?;
    let mut results = Vec::new();
    for n in 0.. {
        let (Some(serial), Some(result)) = (get(&format!("serial_{n}")), get(&format!("result_{n}"))) else {
            break;
        };
        let result = SightingResult::from_name(&result).ok_or_else(|| ApiError::invalid("result", "unknown result"))?;
        results.push(SightingInput {
            serial_number: serial,
            result,
            note: None,
        });
    }
    let request = RecordRequest {
        delivery_id: Some(id.clone()),
        kind: get("kind"),
        method: None,
        done_on,
        inspector: get("inspector").unwrap_or_default(),
        findings: get("findings").filter(|f| !f.trim().is_empty()),
        evidence: Vec::new(),
        results,
    };
    record_step(
        &session,
        &state,
        id,
        meta.request_id,
        move |c, w, p| inspections::record(c, w, p, None, request).map(|_| ()),
        "inspection",
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct IncidentForm {
    csrf: String,
    kind: String,
    serial_number: Option<String>,
    discovered_on: NaiveDate,
    description: String,
}

pub async fn record_incident(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: super::form::TextForm<IncidentForm>,
) -> WebResult {
    session.check_form(&req, &form.csrf)?;
    let form = form.into_inner();
    let id = path.into_inner();
    let kind = IncidentKind::from_name(&form.kind).ok_or_else(|| ApiError::invalid("kind", "unknown incident kind"))?;
    let request = IncidentRequest {
        delivery_id: Some(id.clone()),
        project: None,
        serial_number: form.serial_number.filter(|s| !s.trim().is_empty()),
        kind,
        discovered_on: form.discovered_on,
        description: form.description,
    };
    record_step(
        &session,
        &state,
        id,
        meta.request_id,
        move |c, w, p| events::record_incident(c, w, p, request).map(|_| ()),
        "incident",
    )
    .await
}
