//! Errors of the web pages: the API's errors (same status codes and messages) shown as an HTML page, and the
//! redirect to the sign-in page when there is no valid session.

use super::layout;
use crate::api::error::ApiError;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// No valid session: go to the sign-in page and come back to `next` afterwards.
    #[error("sign in first")]
    SignIn { next: String },
    /// The form's anti-forgery token is missing, stale, or the request came from another site.
    #[error("this form is out of date or was not sent from this site; reload the page and try again")]
    Forgery,
    #[error(transparent)]
    Api(#[from] ApiError),
}

impl From<crate::auth::AuthError> for WebError {
    fn from(e: crate::auth::AuthError) -> WebError {
        WebError::Api(e.into())
    }
}

impl From<crate::db::DbError> for WebError {
    fn from(e: crate::db::DbError) -> WebError {
        WebError::Api(e.into())
    }
}

impl From<actix_web::error::BlockingError> for WebError {
    fn from(e: actix_web::error::BlockingError) -> WebError {
        WebError::Api(e.into())
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::SignIn { .. } => StatusCode::SEE_OTHER,
            WebError::Forgery => StatusCode::FORBIDDEN,
            WebError::Api(e) => e.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        match self {
            WebError::SignIn { next } => {
                let query = serde_urlencoded::to_string([("next", next.as_str())]).unwrap_or_default();
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, format!("/login?{query}")))
                    .finish();
            }
            WebError::Api(ApiError::Internal(detail) | ApiError::Unavailable(detail)) => {
                tracing::error!(%detail, "page failed");
            }
            _ => {}
        }
        let title = status.canonical_reason().unwrap_or("Error");
        let detail = match self {
            WebError::Api(ApiError::Forbidden) => "Your role may not do this.".to_string(),
            other => {
                let text = other.to_string();
                let mut chars = text.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => text,
                }
            }
        };
        let mut response = HttpResponse::build(status);
        match self {
            WebError::Api(ApiError::TooBusy { retry_after }) => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            WebError::Api(ApiError::TooManyAttempts { retry_after }) => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            WebError::Api(ApiError::DatabaseFault(fault)) => {
                response.insert_header((header::RETRY_AFTER, fault.retry_after().to_string()));
            }
            _ => {}
        }
        response
            .content_type("text/html; charset=utf-8")
            .body(layout::error_page(status.as_u16(), title, &detail).into_string())
    }
}
