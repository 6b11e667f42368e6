//! Password login for a self-contained installation: a short-lived token.

use super::error::{ApiError, Problem};
use super::items::validation_error;
use super::{blocking, body, AppState};
use crate::auth::jwt::JwtKeys;
use crate::auth::Role;
use crate::service::accounts::{self, SignIn};
use crate::service::{shared_limits, ServiceError};
use actix_web::{web, HttpRequest};
use serde::{Deserialize, Serialize};
use validator::Validate;

#[derive(Debug, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[validate(length(min = 1, max = 1024))]
    #[schema(min_length = 1, max_length = 1024)]
    pub password: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: u64,
    pub role: Role,
    pub projects: Vec<String>,
}

/// A sign-in with name and password (the API's and the web page's): the throttles (counted in the database, shared
/// by every instance) and the account read first, on the blocking pool (its connection returned at once); the password checked on the password pool, so a flood of
/// sign-ins neither holds database connections nor queues ahead of other requests' database work.
pub async fn sign_in(
    state: &web::Data<AppState>,
    client: &str,
    name: String,
    password: String,
) -> Result<SignIn, ApiError> {
    let pool_state = state.clone();
    let (lookup_name, lookup_client) = (name.clone(), client.to_string());
    let checked = blocking(move || {
        let mut conn = pool_state.pool.get()?;
        let throttles = accounts::Throttles {
            limits: &pool_state.shared_limits,
        };
        let now = shared_limits::unix_now();
        if let Some(retry_after) = throttles.refuse(&mut conn, &lookup_name, &lookup_client, now)? {
            return Ok::<_, ServiceError>(Err(retry_after));
        }
        Ok(Ok(accounts::lookup(&mut conn, &lookup_name)?))
    })
    .await?;
    let user = match checked {
        Ok(user) => user,
        Err(retry_after) => return Ok(SignIn::Throttled { retry_after }),
    };
    let identity = state
        .password_pool
        .run(move || accounts::check(user, &password))
        .await
        .map_err(|e| match e {
            crate::auth::hashing::HashingError::Busy => ApiError::TooBusy { retry_after: 2 },
            other => ApiError::Internal(other.to_string()),
        })??;
    let (record_state, client, accepted) = (state.clone(), client.to_string(), identity.is_some());
    blocking(move || {
        let mut conn = record_state.pool.get()?;
        let throttles = accounts::Throttles {
            limits: &record_state.shared_limits,
        };
        throttles.record(&mut conn, &name, &client, accepted, shared_limits::unix_now())
    })
    .await?;
    Ok(match identity {
        Some(who) => SignIn::Accepted(who),
        None => SignIn::Refused,
    })
}

#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = Problem), (status = 422, body = Problem),
        (status = 429, description = "Too many failed sign-ins for this account; see Retry-After", body = Problem)))]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    keys: web::Data<JwtKeys>,
    payload: web::Payload,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let bytes = body::read_body(&req, payload, 16 * 1024).await?;
    let request: LoginRequest = body::parse_json(&bytes, 4)?;
    request.validate().map_err(|e| validation_error(&e))?;
    let refused = || ApiError::Unauthorized("wrong name or password".into());
    let client = super::client::client_ip(&req, &state.trusted_proxies);
    let outcome = sign_in(&state, &client, request.name, request.password).await?;
    let who = match outcome {
        SignIn::Accepted(who) => who,
        SignIn::Refused => return Err(refused()),
        SignIn::Throttled { retry_after } => return Err(ApiError::TooManyAttempts { retry_after }),
    };
    let (role, projects) = (who.role, who.projects);
    let ttl = keys.login_ttl;
    let token = keys
        .issue_after_password(&who.sub, role, &projects, ttl)
        .map_err(|e| ApiError::Unavailable(e.to_string()))?;
    Ok(web::Json(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: ttl.as_secs(),
        role,
        projects,
    }))
}
