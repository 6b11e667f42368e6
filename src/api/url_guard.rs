//! Middleware: a request whose path or query holds a control character once percent-decoded (`%00`, `%0d%0a`,
//! `%09`) is refused with 422 before any handler sees it. No id, filter or page address has a use for one, and
//! PostgreSQL cannot store or compare NUL in text.

use super::error::ApiError;
use crate::input_text::{self, Layout};
use crate::web::error::WebError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::ResponseError;
use percent_encoding::percent_decode_str;

/// The part of the address (`path` or `query`) that holds a control character, and the character.
pub fn control_in_uri(path: &str, query: &str) -> Option<(&'static str, char)> {
    let decoded = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    if let Some(c) = input_text::find_control(&decoded(path), Layout::Refused) {
        return Some(("path", c));
    }
    input_text::find_control(&decoded(query), Layout::Refused).map(|c| ("query", c))
}

pub async fn refuse_control_characters(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if let Some((part, c)) = control_in_uri(req.path(), req.query_string()) {
        let error = ApiError::invalid(part, input_text::message(c));
        // Pages answer with an HTML error page, the API with problem+json; a response (not an error) so the
        // outer middleware still adds the security headers and the request id.
        let api = ["/api/", "/auth/", "/problems/"]
            .iter()
            .any(|p| req.path().starts_with(p));
        let response = if api {
            error.error_response()
        } else {
            WebError::Api(error).error_response()
        };
        return Ok(req.into_response(response).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::control_in_uri;

    #[test]
    fn encoded_controls_in_paths_and_queries_are_found() {
        assert_eq!(control_in_uri("/api/v1/items/1%00", ""), Some(("path", '\u{0}')));
        assert_eq!(control_in_uri("/login", "next=/%0d%0a/x"), Some(("query", '\r')));
        assert_eq!(control_in_uri("/login", "next=/%09/evil"), Some(("query", '\t')));
        assert_eq!(
            control_in_uri("/api/v1/batches/x/items", "q=%C2%85"),
            Some(("query", '\u{85}'))
        );
        assert_eq!(
            control_in_uri("/api/v1/batches/x/items", "q=caf%C3%A9+noir&limit=5"),
            None
        );
        assert_eq!(control_in_uri("/catalog/ML1", "q=%FF"), None);
    }
}
