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
    Ok(HttpResponse::build(status).json(result))
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

/// `?project=`: narrows a listing to one of the caller's projects.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ProjectQuery {
    pub project: Option<String>,
}

/// `?as_of=YYYY-MM-DD`: the day states are computed for (default: today).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AsOfQuery {
    pub as_of: Option<NaiveDate>,
}
