//! The audit trail over HTTP: records of the caller's projects with filters, and one item's history.

use super::error::{ApiError, Problem};
use super::items::visible_item;
use super::{blocking, AppState, PageQuery};
use crate::auth::Identity;
use crate::db::audit::{self as store, AuditFilter, AuditRow};
use actix_web::web;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One audit record as stored (states are JSON).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditRecord {
    pub seq: i64,
    pub recorded_at: DateTime<Utc>,
    /// Who: the token's subject, role, and how they authenticated (`password`, `jwt:HS256`, `system`).
    pub actor: String,
    pub actor_role: String,
    pub auth_method: String,
    /// approve, reject, reclassify, confirm_reclassification, decline_reclassification, ask, answer,
    /// approve_clear, batch_state, upload, submit_order, rescreen...
    pub action: String,
    /// done or refused.
    pub outcome: String,
    pub entity_type: String,
    pub entity_id: String,
    pub project: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    /// The justification, or why the attempt was refused.
    pub reason: Option<String>,
    pub request_id: Option<String>,
    pub idempotency_key: Option<String>,
    pub catalog_version: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl From<AuditRow> for AuditRecord {
    fn from(r: AuditRow) -> AuditRecord {
        let json = |t: Option<String>| t.and_then(|t| serde_json::from_str(&t).ok());
        AuditRecord {
            seq: r.seq,
            recorded_at: r.recorded_at.and_utc(),
            actor: r.actor,
            actor_role: r.actor_role,
            auth_method: r.auth_method,
            action: r.action,
            outcome: r.outcome,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            project: r.project_id,
            before: json(r.before_state),
            after: json(r.after_state),
            reason: r.reason,
            request_id: r.request_id,
            idempotency_key: r.idempotency_key,
            catalog_version: r.catalog_version,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditRecord>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// One project of the token (default: all of them).
    pub project: Option<String>,
    /// item, batch...
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    /// The actor's subject.
    pub actor: Option<String>,
    pub action: Option<String>,
    /// done or refused.
    pub outcome: Option<String>,
    /// From this instant (RFC 3339), inclusive.
    pub from: Option<DateTime<Utc>>,
    /// Until this instant (RFC 3339), exclusive.
    pub until: Option<DateTime<Utc>>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

async fn page(
    state: web::Data<AppState>,
    scope: Option<Vec<String>>,
    filter: AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<AuditPage, ApiError> {
    let (rows, total) = blocking(move || {
        let mut conn = state.pool.get()?;
        store::list(&mut conn, scope.as_deref(), &filter, limit, offset)
    })
    .await?;
    Ok(AuditPage {
        items: rows.into_iter().map(AuditRecord::from).collect(),
        total,
        limit,
        offset,
    })
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, description = "Audit records of the token's projects, newest first (admins: all, \
        including records without a project)", body = AuditPage),
        (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<AuditPage>, ApiError> {
    let query = query.into_inner();
    let (limit, offset) = PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .bounds(state.limits.max_page_size)?;
    if let Some(outcome) = &query.outcome {
        if !matches!(outcome.as_str(), "done" | "refused") {
            return Err(ApiError::invalid("outcome", "must be done or refused"));
        }
    }
    let scope = match (&query.project, who.scope()) {
        // Another project's records look like none at all.
        (Some(p), Some(mine)) if !mine.contains(p) => Some(Vec::new()),
        (Some(p), _) => Some(vec![p.clone()]),
        (None, mine) => mine.map(<[String]>::to_vec),
    };
    let filter = AuditFilter {
        entity_type: query.entity_type,
        entity_id: query.entity_id,
        actor: query.actor,
        action: query.action,
        outcome: query.outcome,
        from: query.from.map(|t| t.naive_utc()),
        until: query.until.map(|t| t.naive_utc()),
    };
    Ok(web::Json(page(state, scope, filter, limit, offset).await?))
}

#[utoipa::path(get, path = "/api/v1/items/{item}/history", tag = "audit", security(("bearer" = [])),
    params(("item" = i64, Path, description = "Item id"), PageQuery),
    responses((status = 200, description = "The item's audit records, newest first: every review step and \
        refused attempt", body = AuditPage), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn item_history(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<AuditPage>, ApiError> {
    let id = path.into_inner();
    let (limit, offset) = query.bounds(state.limits.max_page_size)?;
    visible_item(&who, &state, id).await?;
    let filter = AuditFilter {
        entity_type: Some("item".into()),
        entity_id: Some(id.to_string()),
        ..AuditFilter::default()
    };
    Ok(web::Json(page(state, None, filter, limit, offset).await?))
}
