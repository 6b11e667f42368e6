//! The actix extractor: `Identity` from `Authorization: Bearer <JWT>`, or 401.

use super::jwt::JwtKeys;
use super::{Identity, Role};
use crate::api::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{http::header, web, FromRequest, HttpRequest};
use std::future::{ready, Ready};

impl FromRequest for Identity {
    type Error = ApiError;
    type Future = Ready<Result<Identity, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(identify(req))
    }
}

fn identify(req: &HttpRequest) -> Result<Identity, ApiError> {
    let keys = req
        .app_data::<web::Data<JwtKeys>>()
        .ok_or_else(|| ApiError::Internal("token keys are not configured".into()))?;
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized("send Authorization: Bearer <token>".into()))?;
    let value = value
        .to_str()
        .map_err(|_| ApiError::Unauthorized("the Authorization header is not valid".into()))?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::Unauthorized("the Authorization header must be Bearer <token>".into()))?;
    keys.verify(token).map_err(|e| {
        tracing::debug!(error = %e, "token refused");
        ApiError::Unauthorized("the token is missing, expired or not valid for this service".into())
    })
}

impl Identity {
    /// 403 unless the caller has one of these roles.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if self.has_role(roles) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// 404 (as if it did not exist) unless the token grants the project.
    pub fn require_project(&self, project: &str, what: &'static str) -> Result<(), ApiError> {
        if self.can_see(project) {
            Ok(())
        } else {
            Err(ApiError::NotFound(what))
        }
    }
}
