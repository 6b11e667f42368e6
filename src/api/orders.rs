//! ERP purchase orders as JSON lines or JSON, idempotent on `Idempotency-Key` and on (project, reference); an
//! order found again by its reference.

use super::error::{ApiError, Problem};
use super::views::BatchView;
use super::{body, AppState};
use crate::auth::{Identity, Role};
use crate::service::orders::{self, Order, OrderFormat};
use crate::service::ServiceError;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    /// Project id.
    #[param(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9._-]+$")]
    pub project: String,
    /// The ERP's purchase order reference (stored as the batch's file name): with it, the order is idempotent on
    /// (project, reference) and can be found with GET.
    #[param(min_length = 1, max_length = 200)]
    pub reference: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderLookup {
    /// Project id.
    #[param(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9._-]+$")]
    pub project: String,
    /// The ERP's purchase order reference.
    #[param(min_length = 1, max_length = 200)]
    pub reference: String,
}

fn check_project(project: &str) -> Result<(), ApiError> {
    if crate::auth::valid_project_id(project) {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "project",
            "must be 1-64 letters, digits, '-', '_' or '.'",
        ))
    }
}

fn check_reference(reference: &str) -> Result<(), ApiError> {
    if reference.is_empty() || reference.chars().count() > 200 {
        return Err(ApiError::invalid("reference", "must be 1 to 200 characters"));
    }
    Ok(())
}

#[utoipa::path(get, path = "/api/v1/purchase-orders", tag = "erp", security(("bearer" = [])),
    params(OrderLookup),
    responses((status = 200, description = "The batch stored for this order", body = BatchView),
        (status = 404, description = "No order with this reference in the project", body = Problem)))]
pub async fn find(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<OrderLookup>,
) -> Result<HttpResponse, ApiError> {
    let OrderLookup { project, reference } = query.into_inner();
    check_project(&project)?;
    check_reference(&reference)?;
    who.require_project(&project, "purchase order")?;
    let batch = super::blocking(move || {
        let mut conn = state.pool.get()?;
        crate::db::batches::find_order(&mut conn, &project, &reference)
    })
    .await?
    .ok_or(ApiError::NotFound("purchase order"))?;
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Location", format!("/api/v1/batches/{}", batch.id)))
        .json(BatchView::from(batch)))
}

#[utoipa::path(post, path = "/api/v1/purchase-orders", tag = "erp", security(("bearer" = [])),
    params(OrderQuery,
        ("Idempotency-Key" = Option<String>, Header, description = "Same key and body: the first response is replayed; \
          same key, different body: 422; while the first is processed: 409")),
    request_body(description = "The order's lines: one JSON object per line (`application/x-ndjson`; errors name \
        `lines[<line number>]`), or `{\"lines\": [...]}` (`application/json`; errors name `lines[<index>]`). A line \
        with a `line_ref` is named `lines[?line_ref=='<ref>']` in errors.",
        content((orders::OrderLine = "application/x-ndjson"), (orders::PurchaseOrder = "application/json"))),
    responses((status = 201, description = "Stored as a batch", body = BatchView),
        (status = 200, description = "The same order was already stored under this Idempotency-Key or this \
            (project, reference): the stored batch (`Idempotent-Replayed: true`)", body = BatchView),
        (status = 202, description = "A large order (above `EQUIPCHECK_ASYNC_ORDER_THRESHOLD_BYTES`), or one sent \
            with `Prefer: respond-async`: its lines were checked and it is stored and screened in the background; \
            follow the job at `Location`, which ends in the batch", body = super::jobs::JobView,
            headers(("Location" = String, description = "The job: `/api/v1/jobs/{job}`"))),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem),
        (status = 429, body = Problem)))]
pub async fn submit(
    req: HttpRequest,
    who: Identity,
    meta: super::request_meta::RequestMeta,
    state: web::Data<AppState>,
    query: web::Query<OrderQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    who.require(&[Role::Erp, Role::Admin])?;
    check_project(&query.project)?;
    who.require_project(&query.project, "project")?;
    if let Some(reference) = &query.reference {
        check_reference(reference)?;
    }
    let format = match req.headers().get(actix_web::http::header::CONTENT_TYPE) {
        Some(v) if v.to_str().unwrap_or("").trim_start().starts_with("application/json") => OrderFormat::Json,
        _ => OrderFormat::JsonLines,
    };
    let key = match req.headers().get("Idempotency-Key") {
        None => None,
        Some(v) => {
            let key = v.to_str().map(str::trim).unwrap_or("");
            if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(ApiError::invalid(
                    "Idempotency-Key",
                    "must be 1-255 printable ASCII characters",
                ));
            }
            Some(key.to_string())
        }
    };
    let in_flight = state.user_uploads.enter(&state.pool, &who.sub).await?;
    // The processing slot only once the whole body is in: a stalled client holds nothing but its connection.
    let received = async {
        let body = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
        Ok::<_, ApiError>((body, state.heavy_slot()?))
    }
    .await;
    let (body, slot) = match received {
        Ok(received) => received,
        Err(e) => {
            // Freed before the refusal is answered, so the client's next order finds the slot free.
            in_flight.release().await;
            return Err(e);
        }
    };
    let order = Order {
        project: query.project.clone(),
        reference: query.reference.clone(),
        body,
        actor: who.actor(),
        request_id: meta.request_id,
        idempotency_key: key,
        max_lines: state.limits.max_order_lines,
        format,
        idempotency_timeout: state.limits.idempotency_timeout,
    };
    let state2 = state.clone();
    if wants_background(&req, order.body.len(), state.integration.async_order_threshold_bytes) {
        let job = super::blocking(move || {
            let id = crate::service::background::queue_order(&state2.pool, &order)?;
            let mut conn = state2.pool.get().map_err(crate::db::DbError::from)?;
            let job = crate::db::jobs::get(&mut conn, &id)?
                .ok_or_else(|| ApiError::Internal(format!("job {id} vanished")))?;
            Ok::<_, ApiError>(super::jobs::JobView::from(job))
        })
        .await;
        drop(slot);
        in_flight.release().await;
        let job = job?;
        return Ok(HttpResponse::Accepted()
            .insert_header(("Location", format!("/api/v1/jobs/{}", job.id)))
            .insert_header(("Preference-Applied", "respond-async"))
            .json(job));
    }
    let outcome = web::block(move || orders::submit(&state2.pool, &state2.classifier, order, render_created)).await;
    drop(slot);
    in_flight.release().await;
    let outcome = outcome??;
    let status = StatusCode::from_u16(outcome.status).unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
    response.content_type("application/json");
    if let Some(id) = batch_id(&outcome.body) {
        let header = if status == StatusCode::CREATED {
            "Location"
        } else {
            "Content-Location"
        };
        response.insert_header((header, format!("/api/v1/batches/{id}")));
    }
    if outcome.replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(response.body(outcome.body))
}

/// Whether an order goes to the background: above the size for a synchronous answer, or asked for with
/// `Prefer: respond-async` (RFC 7240).
fn wants_background(req: &HttpRequest, body_bytes: usize, threshold: u64) -> bool {
    let asked = req
        .headers()
        .get_all("Prefer")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| p.trim().eq_ignore_ascii_case("respond-async"));
    asked || (threshold > 0 && u64::try_from(body_bytes).unwrap_or(u64::MAX) > threshold)
}

/// The body of a stored order's `201`: the batch, as every answer about a batch shows it.
pub(crate) fn render_created(batch: &crate::db::batches::Batch) -> Result<(u16, String), ServiceError> {
    let body =
        serde_json::to_string(&BatchView::from(batch.clone())).map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok((201, body))
}

/// The batch id in a stored order's answer.
pub(crate) fn batch_id(body: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v["id"].as_str().map(str::to_string))
}
