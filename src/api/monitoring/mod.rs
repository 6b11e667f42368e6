//! End-use monitoring over HTTP: thin handlers around `crate::service::monitoring`. `monitor` and `admin` write;
//! every role reads its projects; another project's records answer 404.

pub mod events;
pub mod feeds;
pub mod records;
pub mod reports;

use super::error::ApiError;
use super::request_meta::RequestMeta;
use super::{blocking, body, AppState};
use crate::auth::{Identity, Role};
use crate::db::{DbConnection, DbError};
use crate::monitoring::MonitoringPolicy;
use crate::service::monitoring::{Outcome, Who};
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The caller as the monitoring service sees them, with the instance's "today" and the request id.
pub fn who(identity: &Identity, state: &AppState, request_id: Option<String>) -> Who {
    Who {
        actor: identity.actor(),
        projects: identity.scope().map(<[String]>::to_vec),
        today: state.clock.today(),
        request_id,
    }
}

/// Parses the JSON body and runs a change on the blocking pool; `monitor` and `admin` only.
pub async fn change<R, T>(
    req: HttpRequest,
    payload: web::Payload,
    identity: Identity,
    state: web::Data<AppState>,
    status: StatusCode,
    op: impl FnOnce(&mut DbConnection, &Who, &MonitoringPolicy, R) -> Outcome<T> + Send + 'static,
) -> Result<HttpResponse, ApiError>
where
    R: DeserializeOwned + Send + 'static,
    T: Serialize + Send + 'static,
{
    identity.require(&[Role::Monitor, Role::Admin])?;
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let request: R = body::parse_json(&bytes, state.limits.max_json_depth)?;
    let meta = RequestMeta::extract(&req).await?;
    let who = who(&identity, &state, meta.request_id);
    let result = blocking(move || {
        let mut conn = state.pool.get().map_err(DbError::from)?;
        op(&mut conn, &who, &state.classifier.catalog().monitoring, request)
    })
    .await?;
    let mut response = HttpResponse::build(status);
    if status == StatusCode::CREATED {
        let id = serde_json::to_value(&result)
            .ok()
            .and_then(|v| v.get("id").and_then(|id| id.as_str().map(str::to_string)));
        if let Some(location) = id.and_then(|id| location(req.path(), &id)) {
            response.insert_header((actix_web::http::header::LOCATION, location));
        }
    }
    Ok(response.json(result))
}

/// Where a created record can be read (the collections that have a read-one route).
pub fn location(collection: &str, id: &str) -> Option<String> {
    let base = match collection {
        "/api/v1/certificates" | "/api/v1/deliveries" | "/api/v1/inspections" => collection,
        "/api/v1/inspections/planned" => "/api/v1/inspections",
        _ => return None,
    };
    Some(format!("{base}/{id}"))
}

/// Runs a read on the blocking pool; every role, scoped to its projects.
pub async fn read<T>(
    identity: Identity,
    state: web::Data<AppState>,
    op: impl FnOnce(&mut DbConnection, &Who, &MonitoringPolicy) -> Outcome<T> + Send + 'static,
) -> Result<web::Json<T>, ApiError>
where
    T: Serialize + Send + 'static,
{
    let who = who(&identity, &state, None);
    let result = blocking(move || {
        let mut conn = state.pool.get().map_err(DbError::from)?;
        op(&mut conn, &who, &state.classifier.catalog().monitoring)
    })
    .await?;
    Ok(web::Json(result))
}

/// `?project=&limit=&offset=`: narrows a listing to one of the caller's projects, one page of it.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectQuery {
    pub project: Option<String>,
    /// Page size (default 100, at most EQUIPCHECK_MAX_PAGE_SIZE).
    pub limit: Option<i64>,
    /// Rows to skip.
    pub offset: Option<i64>,
}

/// One page of a listing, with the number of rows the filters select in all.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// Runs a listing on the blocking pool and answers one page of it (bounds checked first: 422 when out of range).
/// The rows are selected in SQL by project; the page is cut from them here (short listings; see [`paged`]).
pub async fn list<T>(
    identity: Identity,
    state: web::Data<AppState>,
    (limit, offset): (Option<i64>, Option<i64>),
    op: impl FnOnce(&mut DbConnection, &Who) -> Outcome<Vec<T>> + Send + 'static,
) -> Result<web::Json<Page<T>>, ApiError>
where
    T: Serialize + Send + 'static,
{
    let (limit, offset) = crate::api::PageQuery { limit, offset }.bounds(state.limits.max_page_size)?;
    read(identity, state, move |c, w, _| {
        let rows = op(c, w)?;
        let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        let start = usize::try_from(offset).unwrap_or(usize::MAX);
        let size = usize::try_from(limit).unwrap_or(0);
        let items = rows.into_iter().skip(start).take(size).collect();
        Ok(Page {
            items,
            total,
            limit,
            offset,
        })
    })
    .await
}

/// Answers one page of a listing paged in SQL (`op` gets the bounds, checked first: 422 when out of range, and
/// answers the rows with the number the filters select in all).
pub async fn paged<T>(
    identity: Identity,
    state: web::Data<AppState>,
    (limit, offset): (Option<i64>, Option<i64>),
    op: impl FnOnce(&mut DbConnection, &Who, crate::db::monitoring::records::Paging) -> Outcome<(Vec<T>, i64)>
        + Send
        + 'static,
) -> Result<web::Json<Page<T>>, ApiError>
where
    T: Serialize + Send + 'static,
{
    let (limit, offset) = crate::api::PageQuery { limit, offset }.bounds(state.limits.max_page_size)?;
    read(identity, state, move |c, w, _| {
        let paging = crate::db::monitoring::records::Paging {
            q: None,
            limit,
            offset,
            newest_first: false,
        };
        let (items, total) = op(c, w, paging)?;
        Ok(Page {
            items,
            total,
            limit,
            offset,
        })
    })
    .await
}

/// `?as_of=YYYY-MM-DD`: the day states are computed for (default: today).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    pub as_of: Option<NaiveDate>,
}
