//! Inspections (planned and done), incidents, transfer-consent requests, disposals.

use super::{change, list, paged, read, Page, ProjectQuery};
use crate::api::error::{ApiError, Problem};
use crate::api::AppState;
use crate::auth::Identity;
use crate::db::monitoring::events as store;
use crate::db::monitoring::{Disposal, Incident, Inspection, InspectionResult, TransferConsent};
use crate::service::monitoring::events::{
    self as service, DecisionRequest, DisposalRequest, IncidentRequest, ReportRequest, TransferRequest,
};
use crate::service::monitoring::inspections::{self, PlanRequest, RecordRequest};
use crate::service::monitoring::reports::scope;
use crate::service::monitoring::MonitoringError;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

#[utoipa::path(post, path = "/api/v1/inspections", tag = "monitoring", security(("bearer" = [])),
    request_body = RecordRequest, responses((status = 201, description = "An inspection done, with a result per serial; \
        an inventory fulfils the delivery's inventory obligation and opens the next", body = Inspection),
        (status = 404, body = Problem), (status = 409, description = "A serial is disposed, transferred or destroyed",
        body = Problem), (status = 422, body = Problem)))]
pub async fn record_inspection(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    change(req, payload, who, state, StatusCode::CREATED, |c, w, p, r| {
        inspections::record(c, w, p, None, r)
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/inspections/planned", tag = "monitoring", security(("bearer" = [])),
    request_body = PlanRequest, responses((status = 201, body = Inspection), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn plan_inspection(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    change(req, payload, who, state, StatusCode::CREATED, inspections::plan).await
}

#[utoipa::path(post, path = "/api/v1/inspections/{inspection}/results", tag = "monitoring", security(("bearer" = [])),
    params(("inspection" = String, Path)), request_body = RecordRequest,
    responses((status = 200, description = "The planned inspection, now done", body = Inspection),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn complete_inspection(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    change(req, payload, who, state, StatusCode::OK, move |c, w, p, r| {
        inspections::record(c, w, p, Some(&id), r)
    })
    .await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InspectionQuery {
    pub project: Option<String>,
    pub delivery: Option<String>,
    /// Page size (default 100, at most EQUIPCHECK_MAX_PAGE_SIZE).
    pub limit: Option<i64>,
    /// Rows to skip.
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/inspections", tag = "monitoring", security(("bearer" = [])),
    params(InspectionQuery), responses((status = 200, body = Page<Inspection>), (status = 422, body = Problem)))]
pub async fn list_inspections(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<InspectionQuery>,
) -> Result<web::Json<Page<Inspection>>, ApiError> {
    let InspectionQuery {
        project,
        delivery,
        limit,
        offset,
    } = query.into_inner();
    list(who, state, (limit, offset), move |c, w| {
        Ok(store::inspections(c, &scope(w, project), delivery.as_deref())?)
    })
    .await
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InspectionPage {
    pub inspection: Inspection,
    pub results: Vec<InspectionResult>,
}

#[utoipa::path(get, path = "/api/v1/inspections/{inspection}", tag = "monitoring", security(("bearer" = [])),
    params(("inspection" = String, Path)), responses((status = 200, body = InspectionPage), (status = 404, body = Problem)))]
pub async fn get_inspection(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<InspectionPage>, ApiError> {
    let id = path.into_inner();
    read(who, state, move |c, w, _| {
        let inspection = store::inspection(c, &id)?.ok_or(MonitoringError::NotFound("inspection"))?;
        w.check(&inspection.project_id, "inspection")?;
        let results = store::results_of(c, &id)?;
        Ok(InspectionPage { inspection, results })
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/incidents", tag = "monitoring", security(("bearer" = [])),
    request_body = IncidentRequest, responses((status = 201, description = "The incident, with its reporting obligation",
        body = Incident), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn record_incident(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    change(req, payload, who, state, StatusCode::CREATED, service::record_incident).await
}

#[utoipa::path(get, path = "/api/v1/incidents", tag = "monitoring", security(("bearer" = [])),
    params(ProjectQuery), responses((status = 200, body = Page<Incident>), (status = 422, body = Problem)))]
pub async fn list_incidents(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<ProjectQuery>,
) -> Result<web::Json<Page<Incident>>, ApiError> {
    let ProjectQuery { project, limit, offset } = query.into_inner();
    paged(who, state, (limit, offset), move |c, w, paging| {
        Ok(store::incidents_page(c, &scope(w, project), None, None, &paging)?)
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/incidents/{incident}/report", tag = "monitoring", security(("bearer" = [])),
    params(("incident" = String, Path)), request_body = ReportRequest,
    responses((status = 200, body = Incident), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn report_incident(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    change(req, payload, who, state, StatusCode::OK, move |c, w, _, r| {
        service::report_incident(c, w, &id, r)
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/transfer-consents", tag = "monitoring", security(("bearer" = [])),
    request_body = TransferRequest, responses((status = 201, body = TransferConsent), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn request_transfer(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    change(req, payload, who, state, StatusCode::CREATED, service::request_transfer).await
}

#[utoipa::path(get, path = "/api/v1/transfer-consents", tag = "monitoring", security(("bearer" = [])),
    params(ProjectQuery), responses((status = 200, body = Page<TransferConsent>), (status = 422, body = Problem)))]
pub async fn list_transfers(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<ProjectQuery>,
) -> Result<web::Json<Page<TransferConsent>>, ApiError> {
    let ProjectQuery { project, limit, offset } = query.into_inner();
    list(who, state, (limit, offset), move |c, w| {
        Ok(store::consents(c, &scope(w, project))?)
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/transfer-consents/{consent}/decision", tag = "monitoring", security(("bearer" = [])),
    params(("consent" = String, Path)), request_body = DecisionRequest,
    responses((status = 200, body = TransferConsent), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn decide_transfer(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    change(req, payload, who, state, StatusCode::OK, move |c, w, _, r| {
        service::decide_transfer(c, w, &id, r)
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/disposals", tag = "monitoring", security(("bearer" = [])),
    request_body = DisposalRequest, responses((status = 201, body = Disposal), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn record_disposal(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    change(req, payload, who, state, StatusCode::CREATED, |c, w, _, r| {
        service::record_disposal(c, w, r)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/disposals", tag = "monitoring", security(("bearer" = [])),
    params(ProjectQuery), responses((status = 200, body = Page<Disposal>), (status = 422, body = Problem)))]
pub async fn list_disposals(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<ProjectQuery>,
) -> Result<web::Json<Page<Disposal>>, ApiError> {
    let ProjectQuery { project, limit, offset } = query.into_inner();
    list(who, state, (limit, offset), move |c, w| {
        Ok(store::disposals(c, &scope(w, project))?)
    })
    .await
}
