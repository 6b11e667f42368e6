//! Webhook subscriptions of a project, their delivery log and replay; admins and ERP accounts of the project.

use super::error::{ApiError, Problem};
use super::{blocking, body, AppState, PageQuery};
use crate::auth::{Identity, Role};
use crate::db::webhooks::{self as store, DeliveryRow, WebhookRow};
use crate::webhooks::{self, cursor_of};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookRequest {
    /// Where to POST events: http or https, no user name or password, a public address unless the installation
    /// allows private ones (EQUIPCHECK_WEBHOOK_ALLOW_PRIVATE).
    #[schema(min_length = 1, max_length = 2000, format = "uri")]
    pub url: String,
}

/// A subscription as listed (its secret is shown only when it is created).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Webhook {
    pub id: String,
    pub project: String,
    pub url: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

impl From<WebhookRow> for Webhook {
    fn from(row: WebhookRow) -> Webhook {
        Webhook {
            id: row.id,
            project: row.project_id,
            url: row.url,
            created_by: row.created_by,
            created_at: row.created_at.and_utc(),
        }
    }
}

/// A new subscription with the secret that signs its deliveries, shown this once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: Webhook,
    /// HMAC-SHA256 key of `Equipcheck-Signature: t=<unix>,v1=<hex HMAC(secret, "<t>.<body>")>`.
    pub secret: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WebhookList {
    pub items: Vec<Webhook>,
}

#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Queued or waiting for a retry.
    Pending,
    Delivered,
    /// Given up after the last attempt, or refused (private address).
    Failed,
}

/// One delivery of an event to a subscription.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = WebhookDelivery)]
pub struct Delivery {
    pub id: String,
    pub webhook: String,
    /// The feed cursor of the event delivered.
    pub event: String,
    pub state: DeliveryState,
    pub attempts: i64,
    /// The receiver's last HTTP status, if it answered.
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<DeliveryRow> for Delivery {
    fn from(row: DeliveryRow) -> Delivery {
        let state = match row.state.as_str() {
            store::DELIVERED => DeliveryState::Delivered,
            store::FAILED => DeliveryState::Failed,
            _ => DeliveryState::Pending,
        };
        Delivery {
            id: row.id,
            webhook: row.webhook_id,
            event: cursor_of(row.event_seq),
            state,
            attempts: row.attempts,
            last_status: row.last_status,
            last_error: row.last_error,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeliveryList {
    pub items: Vec<Delivery>,
    pub limit: i64,
    pub offset: i64,
}

/// Admins, and ERP accounts whose token grants the project.
fn allowed(who: &Identity, project: &str) -> Result<(), ApiError> {
    who.require(&[Role::Admin, Role::Erp])?;
    if !crate::auth::valid_project_id(project) {
        return Err(ApiError::invalid(
            "project",
            "must be 1-64 letters, digits, '-', '_' or '.'",
        ));
    }
    who.require_project(project, "project")?;
    Ok(())
}

fn location(project: &str, id: &str) -> String {
    format!("/api/v1/projects/{project}/webhooks/{id}")
}

#[utoipa::path(post, path = "/api/v1/projects/{project}/webhooks", tag = "webhooks", security(("bearer" = [])),
    params(("project" = String, Path)), request_body = WebhookRequest,
    responses((status = 201, description = "Subscribed; the secret is shown this once", body = CreatedWebhook),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    req: HttpRequest,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let project = path.into_inner();
    allowed(&who, &project)?;
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let request: WebhookRequest = body::parse_json(&bytes, state.limits.max_json_depth)?;
    let allow_private = state.integration.webhook_allow_private;
    let actor = who.actor();
    let row = blocking(move || {
        let mut conn = state.pool.get()?;
        webhooks::create(&mut conn, &project, &request.url, &actor, allow_private)
    })
    .await?;
    let secret = row.secret.clone();
    let at = location(&row.project_id, &row.id);
    Ok(HttpResponse::Created()
        .insert_header(("Location", at))
        .json(CreatedWebhook {
            webhook: Webhook::from(row),
            secret,
        }))
}

#[utoipa::path(get, path = "/api/v1/projects/{project}/webhooks", tag = "webhooks", security(("bearer" = [])),
    params(("project" = String, Path)),
    responses((status = 200, description = "The project's subscriptions, oldest first", body = WebhookList),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<WebhookList>, ApiError> {
    let project = path.into_inner();
    allowed(&who, &project)?;
    let rows = blocking(move || {
        let mut conn = state.pool.get()?;
        store::list(&mut conn, &project)
    })
    .await?;
    Ok(web::Json(WebhookList {
        items: rows.into_iter().map(Webhook::from).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/projects/{project}/webhooks/{webhook}", tag = "webhooks",
    security(("bearer" = [])), params(("project" = String, Path), ("webhook" = String, Path)),
    responses((status = 200, description = "The subscription (without its secret)", body = Webhook),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<web::Json<Webhook>, ApiError> {
    let (project, id) = path.into_inner();
    allowed(&who, &project)?;
    let row = blocking(move || {
        let mut conn = state.pool.get()?;
        store::get(&mut conn, &project, &id)
    })
    .await?
    .ok_or(ApiError::NotFound("webhook"))?;
    Ok(web::Json(Webhook::from(row)))
}

#[utoipa::path(delete, path = "/api/v1/projects/{project}/webhooks/{webhook}", tag = "webhooks",
    security(("bearer" = [])), params(("project" = String, Path), ("webhook" = String, Path)),
    responses((status = 204, description = "Unsubscribed; its delivery log is removed and queued deliveries \
        are dropped"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (project, id) = path.into_inner();
    allowed(&who, &project)?;
    let actor = who.actor();
    blocking(move || {
        let mut conn = state.pool.get()?;
        webhooks::delete(&mut conn, &project, &id, &actor)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/v1/projects/{project}/webhooks/{webhook}/deliveries", tag = "webhooks",
    security(("bearer" = [])), params(("project" = String, Path), ("webhook" = String, Path), PageQuery),
    responses((status = 200, description = "The subscription's deliveries, newest first", body = DeliveryList),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn deliveries(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<DeliveryList>, ApiError> {
    let (project, id) = path.into_inner();
    allowed(&who, &project)?;
    let (limit, offset) = query.bounds(state.limits.max_page_size)?;
    let rows = blocking(move || {
        let mut conn = state.pool.get()?;
        if store::get(&mut conn, &project, &id)?.is_none() {
            return Err(webhooks::WebhookError::NoWebhook);
        }
        Ok(store::deliveries(&mut conn, &id, limit, offset)?)
    })
    .await?;
    Ok(web::Json(DeliveryList {
        items: rows.into_iter().map(Delivery::from).collect(),
        limit,
        offset,
    }))
}

#[utoipa::path(post, path = "/api/v1/projects/{project}/webhooks/{webhook}/deliveries/{delivery}/replay",
    tag = "webhooks", security(("bearer" = [])),
    params(("project" = String, Path), ("webhook" = String, Path), ("delivery" = String, Path)),
    responses((status = 202, description = "The event is queued again as a new delivery", body = Delivery),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn replay(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (project, id, delivery) = path.into_inner();
    allowed(&who, &project)?;
    let actor = who.actor();
    let row = blocking(move || {
        let mut conn = state.pool.get()?;
        webhooks::replay(&mut conn, &project, &id, &delivery, &actor)
    })
    .await?;
    Ok(HttpResponse::Accepted().json(Delivery::from(row)))
}
