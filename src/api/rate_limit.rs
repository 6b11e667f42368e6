//! Per-client rate limit on the API (`/api/...`): at most N requests per client address per minute across every
//! instance on the database (`EQUIPCHECK_RATE_LIMIT`, 0 = off), then 429 `rate_limited` with `Retry-After` until
//! the minute ends. The count is `service::shared_limits`; sign-ins have their own throttles there too.

use super::error::ApiError;
use super::AppState;
use crate::service::shared_limits::unix_now;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, ResponseError};

pub async fn limit(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if req.path().starts_with("/api/") {
        if let Some(state) = req.app_data::<web::Data<AppState>>() {
            let client = super::client::client_ip(req.request(), &state.trusted_proxies);
            if let Some(retry_after) = admit(state, client).await {
                let response = ApiError::RateLimited { retry_after }.error_response();
                return Ok(req.into_response(response).map_into_right_body());
            }
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// `Some(seconds)` when `client` is over the limit. Memory first; the shared count on the blocking pool. A database
/// fault lets the request through (it meets the same fault, answered 503, if it needs the database).
async fn admit(state: &web::Data<AppState>, client: String) -> Option<u64> {
    let counter = &state.shared_limits.api_requests;
    if let Some(answer) = counter.admit_locally(&client, unix_now()) {
        return answer;
    }
    let state = state.clone();
    let counted = web::block(move || {
        let mut conn = state.pool.get()?;
        state.shared_limits.api_requests.admit(&mut conn, &client, unix_now())
    })
    .await;
    match counted {
        Ok(Ok(answer)) => answer,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "rate limit: cannot count the request; let through");
            None
        }
        Err(e) => {
            tracing::warn!(error = %e, "rate limit: counting stopped; let through");
            None
        }
    }
}
