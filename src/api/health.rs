//! Probes for orchestrators: `/health` (the process answers) and `/ready` (database reachable and writable,
//! migrations, catalogue).

use super::error::{ApiError, Problem};
use super::AppState;
use actix_web::web;
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Ready {
    pub status: String,
    /// sqlite or postgres.
    pub database: String,
    pub migrations: String,
    pub catalog_version: String,
}

#[utoipa::path(get, path = "/health", tag = "operations", responses((status = 200, body = Health)))]
pub async fn health() -> web::Json<Health> {
    web::Json(Health { status: "ok".into() })
}

#[utoipa::path(get, path = "/ready", tag = "operations",
    responses((status = 200, body = Ready), (status = 503, body = Problem)))]
pub async fn ready(state: web::Data<AppState>) -> Result<web::Json<Ready>, ApiError> {
    let database = state.backend.name().to_string();
    let catalog_version = state.classifier.catalog_version().to_string();
    let state2 = state.clone();
    web::block(move || {
        let mut conn = state2.pool.get()?;
        crate::db::check_ready(&mut conn, state2.lock_timeout)
    })
    .await?
    .map_err(|e| match e.fault() {
        // Unreachable, busy, full, read-only: the reason code tells the operator which.
        Some(fault) => {
            tracing::warn!(code = fault.code(), error = %e, "not ready");
            ApiError::DatabaseFault(fault)
        }
        None => ApiError::Unavailable(e.to_string()),
    })?;
    Ok(web::Json(Ready {
        status: "ready".into(),
        database,
        migrations: "applied".into(),
        catalog_version,
    }))
}
