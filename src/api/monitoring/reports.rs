//! Obligations with their state and summary, waivers, reconciliation, the iCalendar feed.

use super::{change, read};
use crate::api::error::{ApiError, Problem};
use crate::api::AppState;
use crate::auth::Identity;
use crate::db::monitoring::Obligation;
use crate::monitoring::ObligationState;
use crate::service::monitoring::events::{self as service, WaiveRequest};
use crate::service::monitoring::reports::{self, ObligationQuery, ObligationReport, ProjectReconciliation};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ObligationParams {
    /// upcoming, due_soon, overdue, fulfilled or waived; several separated by commas.
    pub state: Option<String>,
    /// Only those due before this day.
    pub due_before: Option<NaiveDate>,
    pub project: Option<String>,
    /// Partner country of the delivery.
    pub country: Option<String>,
    /// none, routine or enhanced.
    pub profile: Option<String>,
    /// delivery_confirmation, initial_inventory, periodic_inventory, incident_report or transfer_answer.
    pub kind: Option<String>,
    pub delivery: Option<String>,
    /// The day states are computed for (default: today).
    pub as_of: Option<NaiveDate>,
}

#[utoipa::path(get, path = "/api/v1/obligations", tag = "monitoring", security(("bearer" = [])),
    params(ObligationParams), responses((status = 200, description = "Obligations with their state on `as_of`, and \
        counts by state and by country", body = ObligationReport), (status = 422, body = Problem)))]
pub async fn list(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<ObligationParams>,
) -> Result<web::Json<ObligationReport>, ApiError> {
    let params = query.into_inner();
    let mut states = Vec::new();
    for name in params
        .state
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        states.push(
            ObligationState::parse(name).ok_or_else(|| {
                ApiError::invalid("state", "must be upcoming, due_soon, overdue, fulfilled or waived")
            })?,
        );
    }
    let query = ObligationQuery {
        project: params.project,
        states,
        due_before: params.due_before,
        country: params.country,
        profile: params.profile,
        kind: params.kind,
        delivery: params.delivery,
    };
    let as_of = params.as_of;
    read(who, state, move |c, w, p| {
        reports::obligations(c, w, p, &query, as_of.unwrap_or(w.today))
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/obligations/{obligation}/waiver", tag = "monitoring", security(("bearer" = [])),
    params(("obligation" = String, Path)), request_body = WaiveRequest,
    responses((status = 200, body = Obligation), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn waive(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    change(req, payload, who, state, StatusCode::OK, move |c, w, _, r| {
        service::waive(c, w, &id, r)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/projects/{project}/reconciliation", tag = "monitoring", security(("bearer" = [])),
    params(("project" = String, Path)), responses((status = 200, description = "Serials delivered against serials \
        sighted at the last inventory, per delivery and in total", body = ProjectReconciliation),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn reconciliation(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<ProjectReconciliation>, ApiError> {
    let project = path.into_inner();
    crate::api::projects::project_id(&project)?;
    read(who, state, move |c, w, _| {
        reports::project_reconciliation(c, w, &project)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/projects/{project}/inspections.ics", tag = "monitoring", security(("bearer" = [])),
    params(("project" = String, Path)), responses((status = 200, description = "iCalendar (RFC 5545) of \
        planned inspections and inventories due", content_type = "text/calendar"), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn calendar(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let project = path.into_inner();
    crate::api::projects::project_id(&project)?;
    let text = read(who, state, move |c, w, _| reports::calendar(c, w, &project))
        .await?
        .into_inner();
    Ok(calendar_response(text))
}

/// An iCalendar answer; calendar apps poll it, so it says not to keep stale copies.
pub fn calendar_response(text: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(text)
}
