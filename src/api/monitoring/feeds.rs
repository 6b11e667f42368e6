//! Secret calendar-feed URLs of a project: created, rotated and revoked by monitors and admins; the feed itself is
//! served without a bearer token to whoever holds the URL.

use super::who;
use crate::api::error::{ApiError, Problem};
use crate::api::request_meta::RequestMeta;
use crate::api::{blocking, AppState};
use crate::auth::{Identity, Role};
use crate::db::{DbConnection, DbError};
use crate::service::monitoring::feeds::{self, CalendarFeed};
use crate::service::monitoring::{Outcome, Who};
use actix_web::{web, HttpResponse};

#[utoipa::path(post, path = "/api/v1/projects/{project}/calendar-feed", tag = "monitoring", security(("bearer" = [])),
    params(("project" = String, Path)), responses((status = 201, description = "The secret feed URL, shown once; \
        any earlier URL of the project stops working", body = CalendarFeed), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn create(
    identity: Identity,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let feed = manage(identity, meta, state, path, feeds::create).await?;
    Ok(HttpResponse::Created().json(feed))
}

#[utoipa::path(delete, path = "/api/v1/projects/{project}/calendar-feed", tag = "monitoring", security(("bearer" = [])),
    params(("project" = String, Path)), responses((status = 204, description = "Revoked: the URL answers 404"),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn revoke(
    identity: Identity,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    manage(identity, meta, state, path, feeds::revoke).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Runs a change of the project's feed on the blocking pool; monitors and admins only.
async fn manage<T: Send + 'static>(
    identity: Identity,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    op: fn(&mut DbConnection, &Who, &str) -> Outcome<T>,
) -> Result<T, ApiError> {
    identity.require(&[Role::Monitor, Role::Admin])?;
    let who = who(&identity, &state, meta.request_id);
    let project = path.into_inner();
    crate::api::projects::project_id(&project)?;
    blocking(move || {
        let mut conn = state.pool.get().map_err(DbError::from)?;
        op(&mut conn, &who, &project)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/feeds/{token}/inspections.ics", tag = "monitoring",
    params(("token" = String, Path, description = "The project's secret feed token")),
    responses((status = 200, description = "The same iCalendar feed as /api/v1/projects/{project}/inspections.ics",
        content_type = "text/calendar"), (status = 404, description = "Unknown or revoked token", body = Problem)))]
pub async fn calendar(state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let text = blocking(move || {
        let mut conn = state.pool.get().map_err(DbError::from)?;
        feeds::calendar_by_token(&mut conn, &token)
    })
    .await?;
    Ok(super::reports::calendar_response(text))
}
