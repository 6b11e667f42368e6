//! One item with its evidence (review steps are in `review.rs`).

use super::error::{ApiError, Problem};
use super::request_meta::RequestMeta;
use super::views::ItemView;
use super::{blocking, body, AppState};
use crate::auth::Identity;
use crate::db::items;
use crate::review::{self, Caller, ItemEdit};
use actix_web::{web, HttpRequest, HttpResponse};

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
    responses((status = 200, description = "The item with its classification, evidence and review; the ETag is \
        its version (send it back as If-Match with a review step)", body = ItemView),
        (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(who: Identity, state: web::Data<AppState>, path: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let item = visible_item(&who, &state, path.into_inner()).await?;
    let view = with_history(&state, item).await?;
    Ok(with_etag(view))
}

/// The item's view with its screening history (single-item answers).
pub(super) async fn with_history(state: &web::Data<AppState>, item: items::Item) -> Result<ItemView, ApiError> {
    let state = state.clone();
    let id = item.id;
    let history = blocking(move || {
        let mut conn = state.pool.get()?;
        crate::db::screenings::for_item(&mut conn, id)
    })
    .await?;
    Ok(ItemView::new(item, true).with_history(&history))
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

#[utoipa::path(patch, path = "/api/v1/items/{item}", tag = "items", security(("bearer" = [])),
    params(("item" = i64, Path, description = "Item id"),
        ("If-Match" = Option<String>, Header, description = "The item's version as last read")),
    request_body = ItemEdit,
    responses((status = 200, description = "The item classified again and back in the review queue", body = ItemView),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
pub async fn edit(
    req: HttpRequest,
    who: Identity,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let changes: ItemEdit = body::parse_json(&bytes, state.limits.max_json_depth)?;
    let too_long = crate::field_limits::over_caps([
        ("description", changes.description.as_deref()),
        ("unit", changes.unit.as_deref()),
        ("currency", changes.currency.as_deref()),
        ("hs_code", changes.hs_code.as_deref()),
        ("control_code", changes.control_code.as_deref()),
        ("supplier", changes.supplier.as_deref()),
        ("origin", changes.origin.as_deref()),
        ("end_user", changes.end_user.as_deref()),
        ("destination", changes.destination.as_deref()),
        ("reason", changes.reason.as_deref()),
    ]);
    if !too_long.is_empty() {
        return Err(crate::service::ServiceError::Invalid(too_long).into());
    }
    let version = super::review::expected_version(&req, changes.version)?;
    let caller = Caller::new(&who, meta.request_id, meta.idempotency_key);
    let state2 = state.clone();
    let outcome = blocking(move || {
        let mut conn = state.pool.get()?;
        let now = crate::db::now();
        review::edit(&mut conn, &state.classifier, &caller, id, version, &changes, now)
    })
    .await?;
    let mut view = with_history(&state2, outcome.item).await?;
    view.batch_state = Some(outcome.batch_state.as_str().to_string());
    Ok(with_etag(view))
}
