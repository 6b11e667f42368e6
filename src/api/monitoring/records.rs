//! Certificates, deliveries (with their page: what they owe, serials last seen), serials.

use super::{change, paged, read, AsOfQuery, Page, ProjectQuery};
use crate::api::error::{ApiError, Problem};
use crate::api::{batches, blocking, AppState};
use crate::auth::{Identity, Role};
use crate::db::monitoring::records as store;
use crate::db::monitoring::{Certificate, Delivery, Serial};
use crate::db::DbError;
use crate::import::{ImportLimits, ImportOptions};
use crate::service::monitoring::deliveries::{self, CertificateRequest, ConfirmRequest, DeliveryRequest, SerialInput};
use crate::service::monitoring::events::{self as service_events, SerialUpdate};
use crate::service::monitoring::reports::{self, DeliveryPage};
use crate::service::monitoring::{serial_import, MonitoringError};
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;

#[utoipa::path(post, path = "/api/v1/certificates", tag = "monitoring", security(("bearer" = [])),
    request_body = CertificateRequest, responses((status = 201, body = Certificate), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "The project already has a certificate with \
        this reference (`duplicate`)", body = Problem), (status = 422, body = Problem)))]
pub async fn create_certificate(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    change(req, payload, who, state, StatusCode::CREATED, |c, w, _, r| {
        deliveries::record_certificate(c, w, r)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/certificates", tag = "monitoring", security(("bearer" = [])),
    params(ProjectQuery), responses((status = 200, body = Page<Certificate>), (status = 401, body = Problem),
        (status = 422, body = Problem)))]
pub async fn list_certificates(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<ProjectQuery>,
) -> Result<web::Json<Page<Certificate>>, ApiError> {
    let ProjectQuery { project, limit, offset } = query.into_inner();
    paged(who, state, (limit, offset), move |c, w, paging| {
        Ok(store::certificates_page(c, &reports::scope(w, project), &paging)?)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/certificates/{certificate}", tag = "monitoring", security(("bearer" = [])),
    params(("certificate" = String, Path)), responses((status = 200, body = Certificate), (status = 404, body = Problem)))]
pub async fn get_certificate(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<Certificate>, ApiError> {
    let id = path.into_inner();
    read(who, state, move |c, w, _| {
        let row = store::certificate(c, &id)?.ok_or(MonitoringError::NotFound("certificate"))?;
        w.check(&row.project_id, "certificate")?;
        Ok(row)
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/deliveries", tag = "monitoring", security(("bearer" = [])),
    request_body = DeliveryRequest, responses((status = 201, body = Delivery), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "Refused: item not approved or prohibited, \
        certificate missing, serials missing, more than ordered", body = Problem), (status = 422, body = Problem)))]
pub async fn create_delivery(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    change(
        req,
        payload,
        who,
        state,
        StatusCode::CREATED,
        deliveries::record_delivery,
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/deliveries", tag = "monitoring", security(("bearer" = [])),
    params(ProjectQuery), responses((status = 200, body = Page<Delivery>), (status = 401, body = Problem),
        (status = 422, body = Problem)))]
pub async fn list_deliveries(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<ProjectQuery>,
) -> Result<web::Json<Page<Delivery>>, ApiError> {
    let ProjectQuery { project, limit, offset } = query.into_inner();
    paged(who, state, (limit, offset), move |c, w, paging| {
        Ok(store::deliveries_page(c, &reports::scope(w, project), None, &paging)?)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/deliveries/{delivery}", tag = "monitoring", security(("bearer" = [])),
    params(("delivery" = String, Path), AsOfQuery),
    responses((status = 200, description = "The delivery, what it still owes, its serials and where each was last \
        seen, reconciliation", body = DeliveryPage), (status = 404, body = Problem)))]
pub async fn get_delivery(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<AsOfQuery>,
) -> Result<web::Json<DeliveryPage>, ApiError> {
    let id = path.into_inner();
    let as_of = query.as_of;
    read(who, state, move |c, w, p| {
        reports::delivery_page(c, w, p, &id, as_of.unwrap_or(w.today))
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/deliveries/{delivery}/confirmation", tag = "monitoring", security(("bearer" = [])),
    params(("delivery" = String, Path)), request_body = ConfirmRequest,
    responses((status = 200, body = Delivery), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn confirm_delivery(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    change(req, payload, who, state, StatusCode::OK, move |c, w, _, r| {
        deliveries::confirm_delivery(c, w, &id, r)
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/deliveries/{delivery}/serials", tag = "monitoring", security(("bearer" = [])),
    params(("delivery" = String, Path)), request_body = Vec<SerialInput>,
    responses((status = 201, description = "How many serials were added", body = usize,
        content_type = "application/json"), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn add_serials(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    change(req, payload, who, state, StatusCode::CREATED, move |c, w, _, r| {
        deliveries::add_serials(c, w, &id, r)
    })
    .await
}

/// Packing-list upload (`multipart/form-data`).
#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
pub struct PackingListForm {
    /// CSV, XLSX, XLSM, XLSB, XLS or ODS with a serial-number column (and optionally model, item, custodian).
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    file: Vec<u8>,
}

#[utoipa::path(post, path = "/api/v1/deliveries/{delivery}/serials/import", tag = "monitoring", security(("bearer" = [])),
    params(("delivery" = String, Path)), request_body(content = PackingListForm, content_type = "multipart/form-data"),
    responses((status = 201, description = "How many serials were added", body = usize,
        content_type = "application/json"), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 422, description = "Problems by file, sheet, row and column", body = Problem)))]
pub async fn import_serials(
    who: Identity,
    meta: crate::api::request_meta::RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    mut form: Multipart,
) -> Result<HttpResponse, ApiError> {
    who.require(&[Role::Monitor, Role::Admin])?;
    let limit = state.limits.max_upload_bytes();
    let mut file = None;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| ApiError::BadRequest(format!("cannot read the multipart form: {e}")))?;
        if field.name() != Some("file") {
            return Err(ApiError::invalid(
                field.name().unwrap_or("").to_string(),
                "unexpected form field; send file",
            ));
        }
        let name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(batches::clean_file_name)
            .unwrap_or_default();
        file = Some((
            name,
            batches::read_field(&mut field, limit, state.limits.body_idle_timeout).await?,
        ));
    }
    let (name, bytes) = file.ok_or_else(|| ApiError::invalid("file", "is required"))?;
    let id = path.into_inner();
    let who = super::who(&who, &state, meta.request_id);
    let options = ImportOptions {
        limits: ImportLimits {
            max_input_bytes: limit,
            ..ImportLimits::default()
        },
        ..ImportOptions::default()
    };
    let added = blocking(move || {
        let mut conn = state.pool.get().map_err(DbError::from)?;
        serial_import::import_serials(&mut conn, &who, &id, &name, &bytes, &options)
    })
    .await?;
    Ok(HttpResponse::Created().json(added))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SerialQuery {
    pub project: Option<String>,
    /// in_service, lost, stolen, transferred, destroyed or disposed.
    pub status: Option<String>,
    /// Page size (default 100, at most EQUIPCHECK_MAX_PAGE_SIZE).
    pub limit: Option<i64>,
    /// Rows to skip.
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/serials", tag = "monitoring", security(("bearer" = [])), params(SerialQuery),
    responses((status = 200, description = "Serials with custodian, status and where each was last seen", body = Page<Serial>), (status = 422, body = Problem)))]
pub async fn list_serials(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<SerialQuery>,
) -> Result<web::Json<Page<Serial>>, ApiError> {
    let SerialQuery {
        project,
        status,
        limit,
        offset,
    } = query.into_inner();
    paged(who, state, (limit, offset), move |c, w, paging| {
        Ok(store::serials_page(
            c,
            &reports::scope(w, project),
            status.as_deref(),
            &paging,
        )?)
    })
    .await
}

#[utoipa::path(put, path = "/api/v1/serials/{serial}", tag = "monitoring", security(("bearer" = [])),
    params(("serial" = String, Path)), request_body = SerialUpdate,
    responses((status = 200, body = Serial), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update_serial(
    req: HttpRequest,
    payload: web::Payload,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    change(req, payload, who, state, StatusCode::OK, move |c, w, _, r| {
        service_events::update_serial(c, w, &id, r)
    })
    .await
}
