//! ERP purchase orders as JSON lines, honouring `Idempotency-Key`.

use super::error::{ApiError, Problem};
use super::views::BatchView;
use super::{body, AppState};
use crate::auth::{Identity, Role};
use crate::service::orders::{self, Order};
use crate::service::ServiceError;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct OrderQuery {
    /// Project id.
    pub project: String,
    /// The ERP's purchase order reference (stored as the batch's file name).
    pub reference: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/purchase-orders", tag = "erp", security(("bearer" = [])),
    params(OrderQuery,
        ("Idempotency-Key" = Option<String>, Header, description = "Same key and body: the first response is replayed; \
          same key, different body: 422; while the first is processed: 409")),
    request_body(content = orders::OrderLine, content_type = "application/x-ndjson",
        description = "One JSON object per line"),
    responses((status = 201, description = "Stored as a batch", body = BatchView),
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
    if !crate::auth::valid_project_id(&query.project) {
        return Err(ApiError::invalid(
            "project",
            "must be 1-64 letters, digits, '-', '_' or '.'",
        ));
    }
    who.require_project(&query.project, "project")?;
    if query.reference.as_ref().is_some_and(|r| r.chars().count() > 200) {
        return Err(ApiError::invalid("reference", "is longer than 200 characters"));
    }
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
    let _in_flight = state.user_uploads.enter(&who.sub)?;
    let body = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    // The processing slot only once the whole body is in: a stalled client holds nothing but its connection.
    let _slot = state.heavy_slot()?;
    let order = Order {
        project: query.project.clone(),
        reference: query.reference.clone(),
        body,
        actor: who.actor(),
        request_id: meta.request_id,
        idempotency_key: key,
        max_lines: state.limits.max_order_lines,
        idempotency_timeout: state.limits.idempotency_timeout,
    };
    let state2 = state.clone();
    let outcome = web::block(move || {
        orders::submit(&state2.pool, &state2.classifier, order, |batch| {
            let body = serde_json::to_string(&BatchView::from(batch.clone()))
                .map_err(|e| ServiceError::Internal(e.to_string()))?;
            Ok((201, body))
        })
    })
    .await??;
    let status = StatusCode::from_u16(outcome.status).unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
    response.content_type("application/json");
    if outcome.replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(response.body(outcome.body))
}
