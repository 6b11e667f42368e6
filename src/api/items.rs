//! One item with its evidence; a reviewer's decision on it.

use super::error::{ApiError, Problem};
use super::views::ItemView;
use super::{blocking, body, AppState};
use crate::auth::{Identity, Role};
use crate::db::items;
use actix_web::{web, HttpRequest};
use serde::Deserialize;
use validator::Validate;

pub(crate) async fn visible_item(
    who: &Identity,
    state: &web::Data<AppState>,
    id: i64,
) -> Result<items::Item, ApiError> {
    let state = state.clone();
    let (item, project) = blocking(move || {
        let mut conn = state.pool.get()?;
        items::get(&mut conn, id)
    })
    .await?
    .ok_or(ApiError::NotFound("item"))?;
    who.require_project(&project, "item")?;
    Ok(item)
}

#[utoipa::path(get, path = "/api/v1/items/{item}", tag = "items", security(("bearer" = [])),
    params(("item" = i64, Path, description = "Item id")),
    responses((status = 200, description = "The item with its classification and evidence", body = ItemView),
        (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> Result<web::Json<ItemView>, ApiError> {
    let item = visible_item(&who, &state, path.into_inner()).await?;
    Ok(web::Json(ItemView::new(item, true)))
}

#[derive(Debug, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// pending, approved, rejected or escalated.
    #[validate(custom(function = "review_status"))]
    pub status: String,
    #[validate(length(max = 2000))]
    pub note: Option<String>,
}

fn review_status(status: &str) -> Result<(), validator::ValidationError> {
    if items::REVIEW_STATUSES.contains(&status) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("review_status")
            .with_message("must be one of pending, approved, rejected, escalated".into()))
    }
}

pub fn validation_error(e: &validator::ValidationErrors) -> ApiError {
    ApiError::Validation(
        crate::service::orders::field_errors("", e)
            .into_iter()
            .map(|(field, message)| super::error::FieldError { field, message })
            .collect(),
    )
}

#[utoipa::path(put, path = "/api/v1/items/{item}/review", tag = "items", security(("bearer" = [])),
    params(("item" = i64, Path, description = "Item id")), request_body = ReviewRequest,
    responses((status = 200, body = ItemView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn review(
    req: HttpRequest,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<web::Json<ItemView>, ApiError> {
    who.require(&[Role::Reviewer, Role::Admin])?;
    let id = path.into_inner();
    visible_item(&who, &state, id).await?;
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let request: ReviewRequest = body::parse_json(&bytes, state.limits.max_json_depth)?;
    request.validate().map_err(|e| validation_error(&e))?;
    let by = who.sub.clone();
    let item = blocking(move || {
        let mut conn = state.pool.get()?;
        items::set_review(&mut conn, id, &request.status, request.note.as_deref(), &by)?;
        items::get(&mut conn, id)
    })
    .await?
    .ok_or(ApiError::NotFound("item"))?;
    Ok(web::Json(ItemView::new(item.0, true)))
}
