//! Errors of the web pages: the API's errors (same status codes and messages) shown as an HTML page, and the
//! redirect to the sign-in page when there is no valid session.

use super::layout;
use crate::api::error::ApiError;
use crate::i18n::Lang;
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
    /// An uploaded file that cannot be imported, worded on the page by its kind (the API answers it as
    /// `unreadable_file`, `file_refused` or `payload_too_large`).
    #[error(transparent)]
    Import(crate::import::ImportError),
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
            WebError::Import(crate::import::ImportError::TooLarge { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Import(_) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn error_response(&self) -> HttpResponse {
        // English here; `lang::localise_errors` renders it again in the request's language.
        self.page_in(Lang::En)
    }
}

/// The service's sentences start in lower case (they follow a field name or "Not saved:"); a page's own does not.
fn capitalised(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

impl WebError {
    /// The error as a page in `lang`: the status in words and what went wrong (the API's own wording for the
    /// errors that name their details, so nothing the service said is lost).
    pub fn page_in(&self, lang: Lang) -> HttpResponse {
        let status = self.status_code();
        match self {
            WebError::SignIn { next } => {
                let query = serde_urlencoded::to_string([("next", next.as_str())]).unwrap_or_default();
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, format!("/login?{query}")))
                    .finish();
            }
            WebError::Api(ApiError::Internal(detail) | ApiError::Unavailable(detail)) if lang == Lang::En => {
                tracing::error!(%detail, "page failed");
            }
            _ => {}
        }
        let title = lang
            .try_tr(&format!("error-title-{}", status.as_u16()))
            .unwrap_or_else(|| lang.tr("error-title-other"));
        let detail = match self {
            WebError::Api(ApiError::Forbidden) => lang.tr("error-forbidden"),
            WebError::Forgery => lang.tr("error-forgery"),
            WebError::Api(ApiError::NotFound(what)) => lang
                .try_tr(&format!("error-not-found-{}", what.replace(' ', "-")))
                .unwrap_or_else(|| lang.tr("error-not-found")),
            WebError::Api(ApiError::Internal(_)) => lang.tr("error-internal"),
            WebError::Api(ApiError::Validation(fields)) => {
                let mut text = lang.tr("error-invalid-fields");
                for f in fields {
                    text.push_str(&format!(
                        " {}: {}",
                        f.field,
                        super::panel::field_message(lang, &f.message)
                    ));
                    if !text.ends_with('.') {
                        text.push('.');
                    }
                }
                text
            }
            WebError::Import(e) => super::messages::import_error_text(lang, e),
            WebError::Api(ApiError::Refused { code, detail, .. } | ApiError::Conflict { code, detail }) => {
                capitalised(super::messages::refusal_text(lang, code, detail))
            }
            other => capitalised(other.to_string()),
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
            .body(layout::error_page(lang, status.as_u16(), &title, &detail).into_string())
    }
}
