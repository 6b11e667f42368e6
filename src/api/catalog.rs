//! The control-list catalogue loaded by this instance (read-only).

use super::error::{ApiError, Problem};
use super::AppState;
use crate::auth::Identity;
use crate::catalog::Entry;
use actix_web::web;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CatalogInfo {
    pub version: String,
    pub published: Option<String>,
    pub entries: usize,
    /// Acts (control lists) with their references and versions.
    #[schema(value_type = Vec<Object>)]
    pub acts: serde_json::Value,
}

#[utoipa::path(get, path = "/api/v1/catalog", tag = "catalog", security(("bearer" = [])),
    responses((status = 200, body = CatalogInfo), (status = 401, body = Problem)))]
pub async fn version(_who: Identity, state: web::Data<AppState>) -> Result<web::Json<CatalogInfo>, ApiError> {
    let catalog = state.classifier.catalog();
    Ok(web::Json(CatalogInfo {
        version: catalog.version.clone(),
        published: catalog.published.clone(),
        entries: catalog.entries.len(),
        acts: serde_json::to_value(&catalog.acts).map_err(|e| ApiError::Internal(e.to_string()))?,
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntryQuery {
    /// Search in codes, aliases and titles (case-insensitive).
    pub q: Option<String>,
    /// Only this list: EU-CML, EU-DU, EU-AT, HS.
    pub list: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EntryPage {
    pub catalog_version: String,
    /// Catalogue entries as in the catalogue files.
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<serde_json::Value>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

fn matches(entry: &Entry, q: &str) -> bool {
    let q = q.to_lowercase();
    entry.code.to_lowercase().contains(&q)
        || entry.title.to_lowercase().contains(&q)
        || entry.aliases.iter().any(|a| a.to_lowercase().contains(&q))
}

#[utoipa::path(get, path = "/api/v1/catalog/entries", tag = "catalog", security(("bearer" = [])), params(EntryQuery),
    responses((status = 200, body = EntryPage), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn entries(
    _who: Identity,
    state: web::Data<AppState>,
    query: web::Query<EntryQuery>,
) -> Result<web::Json<EntryPage>, ApiError> {
    let (limit, offset) = super::PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .bounds(state.limits.max_page_size)?;
    if query.q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(ApiError::invalid("q", "is longer than 200 characters"));
    }
    let catalog = state.classifier.catalog();
    let selected: Vec<&Entry> = catalog
        .entries
        .iter()
        .filter(|e| query.list.as_deref().is_none_or(|l| e.list == l))
        .filter(|e| query.q.as_deref().is_none_or(|q| matches(e, q)))
        .collect();
    let total = selected.len() as i64;
    let items = selected
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(0))
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(web::Json(EntryPage {
        catalog_version: catalog.version.clone(),
        items,
        total,
        limit,
        offset,
    }))
}

#[utoipa::path(get, path = "/api/v1/catalog/entries/{code}", tag = "catalog", security(("bearer" = [])),
    params(("code" = String, Path, description = "Entry code or alias (ML13.d, 6A003.b.4)")),
    responses((status = 200, description = "The entry with its act", body = Object), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
pub async fn entry(
    _who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<serde_json::Value>, ApiError> {
    let catalog = state.classifier.catalog();
    let entry = catalog.entry(&path).ok_or(ApiError::NotFound("catalogue entry"))?;
    Ok(web::Json(serde_json::json!({
        "catalog_version": catalog.version,
        "act": catalog.act(&entry.list),
        "entry": entry,
    })))
}
