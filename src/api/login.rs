//! Password login for a self-contained installation: a short-lived token.

use super::error::{ApiError, Problem};
use super::items::validation_error;
use super::{body, AppState};
use crate::auth::jwt::JwtKeys;
use crate::auth::{password, Role};
use crate::db::users;
use actix_web::{web, HttpRequest};
use serde::{Deserialize, Serialize};
use validator::Validate;

#[derive(Debug, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 100))]
    pub name: String,
    #[validate(length(min = 1, max = 1024))]
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

#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = Problem), (status = 422, body = Problem)))]
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
    let user = web::block(move || {
        let mut conn = state.pool.get()?;
        let user = users::get(&mut conn, &request.name)?;
        // Verify against a dummy hash when the user does not exist, so timing does not tell.
        let stored = user
            .as_ref()
            .map(|u| u.password_hash.as_str())
            .unwrap_or(password::dummy_hash());
        let ok = password::verify(&request.password, stored);
        Ok::<_, crate::db::DbError>(user.filter(|_| ok))
    })
    .await??
    .ok_or_else(refused)?;
    let role: Role = user.role.parse().map_err(|_| refused())?;
    let projects = user.project_list()?;
    let ttl = keys.login_ttl;
    let token = keys
        .issue_after_password(&user.name, role, &projects, ttl)
        .map_err(|e| ApiError::Unavailable(e.to_string()))?;
    Ok(web::Json(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: ttl.as_secs(),
        role,
        projects,
    }))
}
