//! The one place where errors become HTTP answers: `application/problem+json` (RFC 9457) with a stable `code`.
//! Internal details are logged, never sent.

use crate::auth::AuthError;
use crate::review::{Refusal, ReviewError};
use crate::service::ServiceError;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

/// An invalid field of a request.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// Path of the field, e.g. `lines[3].description`.
    pub field: String,
    pub message: String,
}

/// RFC 9457 problem details.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// URI reference naming the problem type (`/problems/<code>`).
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code.
    pub code: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Unauthorized(String),
    #[error("your role may not do this")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    BadRequest(String),
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("the request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge { limit: u64 },
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    UnreadableFile(String),
    #[error("{0}")]
    FileRefused(String),
    #[error("this Idempotency-Key was already used with a different request")]
    IdempotencyMismatch,
    #[error("a request with this Idempotency-Key is still being processed; retry in {retry_after} seconds")]
    IdempotencyInProgress { retry_after: u64 },
    #[error("the request body stalled: nothing arrived for {idle_secs} seconds")]
    BodyTimeout { idle_secs: u64 },
    #[error("too many requests from this client; retry in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    #[error("too many uploads are being processed; retry in {retry_after} seconds")]
    TooBusy { retry_after: u32 },
    #[error("too many failed sign-ins for this account; retry in {retry_after} seconds")]
    TooManyAttempts { retry_after: u64 },
    #[error("the service is temporarily unavailable: {0}")]
    Unavailable(String),
    /// The database's condition (unreachable, busy, full, read-only): 503 with its reason code and Retry-After.
    #[error("{}; retry in {} seconds", .0.message(), .0.retry_after())]
    DatabaseFault(crate::db::fault::Fault),
    #[error("internal error")]
    Internal(String),
    /// A rule refused the attempt (four eyes, the no-weapons rule...); `code` names the rule.
    #[error("{detail}")]
    Refused {
        code: &'static str,
        status: u16,
        detail: String,
    },
    /// The resource changed since the caller read it, or is in a state where this cannot be done.
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("{0}")]
    PreconditionRequired(String),
    #[error("this path does not answer this method; it answers {allow}")]
    MethodNotAllowed { allow: String },
}

impl ApiError {
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden => "forbidden",
            ApiError::NotFound(_) => "not_found",
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Validation(_) => "validation_failed",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::UnreadableFile(_) => "unreadable_file",
            ApiError::FileRefused(_) => "file_refused",
            ApiError::IdempotencyMismatch => "idempotency_key_reused",
            ApiError::IdempotencyInProgress { .. } => "idempotency_in_progress",
            ApiError::BodyTimeout { .. } => "body_timeout",
            ApiError::TooBusy { .. } => "too_busy",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::TooManyAttempts { .. } => "too_many_attempts",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::DatabaseFault(fault) => fault.code(),
            ApiError::Internal(_) => "internal",
            ApiError::Refused { code, .. } | ApiError::Conflict { code, .. } => code,
            ApiError::PreconditionRequired(_) => "precondition_required",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::Unauthorized(_) => "Authentication required",
            ApiError::Forbidden => "Forbidden",
            ApiError::NotFound(_) => "Not found",
            ApiError::BadRequest(_) => "Bad request",
            ApiError::Validation(_) => "Invalid request",
            ApiError::PayloadTooLarge { .. } => "Payload too large",
            ApiError::UnsupportedMediaType(_) => "Unsupported media type",
            ApiError::UnreadableFile(_) => "Unreadable file",
            ApiError::FileRefused(_) => "File refused",
            ApiError::IdempotencyMismatch => "Idempotency key reused",
            ApiError::IdempotencyInProgress { .. } => "Request in progress",
            ApiError::BodyTimeout { .. } => "Request timeout",
            ApiError::TooBusy { .. } => "Too busy",
            ApiError::RateLimited { .. } => "Too many requests",
            ApiError::TooManyAttempts { .. } => "Too many attempts",
            ApiError::Unavailable(_) | ApiError::DatabaseFault(_) => "Service unavailable",
            ApiError::Internal(_) => "Internal error",
            ApiError::Refused { .. } => "Refused",
            ApiError::Conflict { .. } => "Conflict",
            ApiError::PreconditionRequired(_) => "Precondition required",
            ApiError::MethodNotAllowed { .. } => "Method not allowed",
        }
    }

    pub fn problem(&self) -> Problem {
        let code = self.code();
        Problem {
            problem_type: format!("/problems/{code}"),
            title: self.title().to_string(),
            status: self.status_code().as_u16(),
            detail: self.to_string(),
            code: code.to_string(),
            errors: match self {
                ApiError::Validation(errors) => errors.clone(),
                _ => Vec::new(),
            },
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::Validation(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_)
            | ApiError::UnreadableFile(_)
            | ApiError::FileRefused(_)
            | ApiError::IdempotencyMismatch => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::IdempotencyInProgress { .. } => StatusCode::CONFLICT,
            ApiError::TooBusy { .. } | ApiError::TooManyAttempts { .. } | ApiError::RateLimited { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            ApiError::Unavailable(_) | ApiError::DatabaseFault(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Refused { status, .. } => StatusCode::from_u16(*status).unwrap_or(StatusCode::FORBIDDEN),
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(detail) | ApiError::Unavailable(detail) = self {
            tracing::error!(code = self.code(), %detail, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        match self {
            ApiError::TooBusy { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
                response.insert_header(("RateLimit", format!("\"heavy-requests\";r=0;t={retry_after}")));
            }
            ApiError::TooManyAttempts { retry_after } | ApiError::RateLimited { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
                response.insert_header(("RateLimit", format!("\"sign-in\";r=0;t={retry_after}")));
            }
            ApiError::Unavailable(_) => {
                response.insert_header((header::RETRY_AFTER, "5"));
            }
            ApiError::DatabaseFault(fault) => {
                response.insert_header((header::RETRY_AFTER, fault.retry_after().to_string()));
            }
            ApiError::IdempotencyInProgress { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            ApiError::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::MethodNotAllowed { allow } => {
                response.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
        }
        let body = serde_json::to_string(&self.problem()).unwrap_or_else(|_| "{}".into());
        response.body(body)
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> ApiError {
        match e {
            AuthError::KeysNotConfigured => ApiError::Internal(e.to_string()),
            AuthError::MissingHeader | AuthError::InvalidHeader | AuthError::NotBearer | AuthError::InvalidToken => {
                ApiError::Unauthorized(e.to_string())
            }
            AuthError::RoleNotAllowed => ApiError::Forbidden,
            AuthError::NotGranted(what) => ApiError::NotFound(what),
        }
    }
}

/// The `Identity` extractor's refusals answer exactly as the same refusal from a handler.
impl ResponseError for AuthError {
    fn status_code(&self) -> StatusCode {
        ApiError::from(self.clone()).status_code()
    }

    fn error_response(&self) -> HttpResponse {
        ApiError::from(self.clone()).error_response()
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> ApiError {
        use crate::import::ImportError;
        match e {
            ServiceError::Db(db) => {
                use diesel::result::{DatabaseErrorKind, Error as Diesel};
                if let Some(fault) = db.fault() {
                    tracing::warn!(code = fault.code(), error = %db, "database fault");
                    return ApiError::DatabaseFault(fault);
                }
                match db {
                    crate::db::DbError::Pool(p) => ApiError::Unavailable(p.to_string()),
                    // A rule the service did not check first still never answers 500: the constraint speaks.
                    crate::db::DbError::Query(Diesel::DatabaseError(DatabaseErrorKind::UniqueViolation, info)) => {
                        tracing::warn!(detail = info.message(), "unique constraint refused a write");
                        ApiError::Conflict {
                            code: "already_exists",
                            detail: "this record already exists".into(),
                        }
                    }
                    crate::db::DbError::Query(Diesel::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, info)) => {
                        tracing::warn!(detail = info.message(), "foreign key refused a write");
                        ApiError::Refused {
                            code: "unknown_reference",
                            status: 422,
                            detail: "the request names a record that does not exist".into(),
                        }
                    }
                    other => ApiError::Internal(other.to_string()),
                }
            }
            ServiceError::Import(import) => match import {
                ImportError::TooLarge { limit, .. } => ApiError::PayloadTooLarge { limit },
                e @ (ImportError::Hostile { .. } | ImportError::Encrypted { .. }) => {
                    ApiError::FileRefused(e.to_string())
                }
                ImportError::Io { .. } => ApiError::Internal(import.to_string()),
                e => ApiError::UnreadableFile(e.to_string()),
            },
            ServiceError::Invalid(errors) => ApiError::Validation(
                errors
                    .into_iter()
                    .map(|(field, message)| FieldError { field, message })
                    .collect(),
            ),
            ServiceError::IdempotencyMismatch => ApiError::IdempotencyMismatch,
            ServiceError::IdempotencyInProgress { retry_after } => ApiError::IdempotencyInProgress { retry_after },
            ServiceError::Conflict { code, detail } => ApiError::Conflict { code, detail },
            ServiceError::Internal(detail) => ApiError::Internal(detail),
        }
    }
}

impl From<ReviewError> for ApiError {
    fn from(e: ReviewError) -> ApiError {
        match e {
            ReviewError::NotFound => ApiError::NotFound("item"),
            ReviewError::Refused(refusal) => ApiError::Refused {
                code: refusal.code(),
                // The no-weapons rule is about the item, not the caller's rights.
                status: if matches!(refusal, Refusal::Prohibited | Refusal::TwoReviewers) {
                    422
                } else {
                    403
                },
                detail: refusal.message().to_string(),
            },
            e @ ReviewError::Conflict { .. } => ApiError::Conflict {
                code: "version_conflict",
                detail: e.to_string(),
            },
            e @ ReviewError::InvalidState { .. } => ApiError::Conflict {
                code: "invalid_state",
                detail: e.to_string(),
            },
            ReviewError::Invalid(errors) => ApiError::from(ServiceError::Invalid(errors)),
            ReviewError::Db(e) => ApiError::from(e),
        }
    }
}

impl From<crate::service::monitoring::MonitoringError> for ApiError {
    fn from(e: crate::service::monitoring::MonitoringError) -> ApiError {
        use crate::service::monitoring::MonitoringError;
        match e {
            MonitoringError::Db(db) => ApiError::from(ServiceError::Db(db)),
            MonitoringError::Import(import) => ApiError::from(ServiceError::Import(import)),
            MonitoringError::NotFound(what) => ApiError::NotFound(what),
            // A state the rules forbid (unapproved item, disposed serial...): 409 with the rule's code.
            MonitoringError::Refused(refusal) => ApiError::Conflict {
                code: refusal.code,
                detail: refusal.detail,
            },
            MonitoringError::Invalid(errors) => ApiError::from(ServiceError::Invalid(errors)),
            MonitoringError::Duplicate(field, message) => ApiError::Conflict {
                code: "duplicate",
                detail: format!("{field}: {message}"),
            },
        }
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(e: crate::db::DbError) -> ApiError {
        ApiError::from(ServiceError::Db(e))
    }
}

impl From<crate::webhooks::WebhookError> for ApiError {
    fn from(e: crate::webhooks::WebhookError) -> ApiError {
        use crate::webhooks::WebhookError;
        match e {
            WebhookError::Db(e) => ApiError::from(e),
            WebhookError::Url(e) => ApiError::invalid("url", e.to_string()),
            WebhookError::TooMany => ApiError::Conflict {
                code: "too_many_webhooks",
                detail: e.to_string(),
            },
            WebhookError::NoWebhook => ApiError::NotFound("webhook"),
            WebhookError::NoDelivery => ApiError::NotFound("delivery"),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> ApiError {
        ApiError::Internal(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The auth layer's refusals keep the answers they had when the extractor built `ApiError` itself.
    #[test]
    fn auth_refusals_map_to_their_http_answers() {
        let cases = [
            (
                AuthError::MissingHeader,
                401,
                "unauthorized",
                "send Authorization: Bearer <token>",
            ),
            (
                AuthError::InvalidHeader,
                401,
                "unauthorized",
                "the Authorization header is not valid",
            ),
            (
                AuthError::NotBearer,
                401,
                "unauthorized",
                "the Authorization header must be Bearer <token>",
            ),
            (
                AuthError::InvalidToken,
                401,
                "unauthorized",
                "the token is missing, expired or not valid for this service",
            ),
            (AuthError::RoleNotAllowed, 403, "forbidden", "your role may not do this"),
            (AuthError::NotGranted("batch"), 404, "not_found", "batch not found"),
            (AuthError::KeysNotConfigured, 500, "internal", "internal error"),
        ];
        for (error, status, code, detail) in cases {
            assert_eq!(error.status_code().as_u16(), status, "{error:?}");
            let problem = ApiError::from(error.clone()).problem();
            assert_eq!(
                (problem.status, problem.code.as_str(), problem.detail.as_str()),
                (status, code, detail)
            );
            let response = error.error_response();
            assert_eq!(response.status().as_u16(), status);
            assert_eq!(
                response.headers().get(header::CONTENT_TYPE).unwrap(),
                "application/problem+json"
            );
            assert_eq!(response.headers().contains_key(header::WWW_AUTHENTICATE), status == 401);
        }
    }
}
