//! The actix extractor: `Identity` from `Authorization: Bearer <JWT>`, or an [`AuthError`] (the API layer maps
//! it to 401).

use super::jwt::JwtKeys;
use super::{AuthError, Identity, Role};
use actix_web::dev::Payload;
use actix_web::{http::header, web, FromRequest, HttpRequest};
use std::future::{ready, Ready};

impl FromRequest for Identity {
    type Error = AuthError;
    type Future = Ready<Result<Identity, AuthError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(identify(req))
    }
}

fn identify(req: &HttpRequest) -> Result<Identity, AuthError> {
    let keys = req
        .app_data::<web::Data<JwtKeys>>()
        .ok_or(AuthError::KeysNotConfigured)?;
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(AuthError::MissingHeader)?;
    let value = value.to_str().map_err(|_| AuthError::InvalidHeader)?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(AuthError::NotBearer)?;
    keys.verify(token).map_err(|e| {
        tracing::debug!(error = %e, "token refused");
        AuthError::InvalidToken
    })
}

impl Identity {
    /// Refused (403 over HTTP) unless the caller has one of these roles.
    pub fn require(&self, roles: &[Role]) -> Result<(), AuthError> {
        if self.has_role(roles) {
            Ok(())
        } else {
            Err(AuthError::RoleNotAllowed)
        }
    }

    /// Not found (404, as if it did not exist) unless the token grants the project.
    pub fn require_project(&self, project: &str, what: &'static str) -> Result<(), AuthError> {
        if self.can_see(project) {
            Ok(())
        } else {
            Err(AuthError::NotGranted(what))
        }
    }
}
