//! One item with its evidence (review steps are in `review.rs`).

use super::error::{ApiError, Problem};
use super::views::ItemView;
use super::{blocking, AppState};
use crate::auth::Identity;
use crate::db::items;
use actix_web::{web, HttpResponse};

pub(super) async fn visible_item(
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
    responses((status = 200, description = "The item with its classification, evidence and review; the ETag is \
        its version (send it back as If-Match with a review step)", body = ItemView),
        (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(who: Identity, state: web::Data<AppState>, path: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let item = visible_item(&who, &state, path.into_inner()).await?;
    Ok(with_etag(ItemView::new(item, true)))
}

/// The item as JSON with its version as a strong ETag.
pub(super) fn with_etag(view: ItemView) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((actix_web::http::header::ETAG, format!("\"{}\"", view.version)))
        .json(view)
}

pub fn validation_error(e: &validator::ValidationErrors) -> ApiError {
    ApiError::Validation(
        crate::service::orders::field_errors("", e)
            .into_iter()
            .map(|(field, message)| super::error::FieldError { field, message })
            .collect(),
    )
}
