//! `TextForm<T>`: a URL-encoded form whose every value is checked for control characters (422 naming the field)
//! before it is deserialised into `T`, as the API does for JSON bodies. Tab and line breaks stay allowed
//! (justifications are typed in text areas).

use super::error::WebError;
use crate::api::error::ApiError;
use crate::input_text::{self, Layout};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

pub struct TextForm<T>(pub T);

impl<T> TextForm<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for TextForm<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The first field whose name or value holds a refused control character.
pub fn control_in_fields(fields: &[(String, String)]) -> Option<(String, char)> {
    fields.iter().find_map(|(name, value)| {
        input_text::find_control(name, Layout::Refused)
            .or_else(|| input_text::find_control(value, Layout::Allowed))
            .map(|c| (input_text::visible(name), c))
    })
}

impl<T: DeserializeOwned + 'static> FromRequest for TextForm<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let fields = web::Form::<Vec<(String, String)>>::from_request(req, payload);
        Box::pin(async move {
            let fields = fields.await?.into_inner();
            if let Some((name, c)) = control_in_fields(&fields) {
                return Err(WebError::Api(ApiError::invalid(name, input_text::message(c))).into());
            }
            // Re-encoding pairs that were just decoded cannot fail; the typed parse names a missing field.
            let encoded = serde_urlencoded::to_string(&fields).unwrap_or_default();
            serde_urlencoded::from_str::<T>(&encoded)
                .map(TextForm)
                .map_err(|e| WebError::Api(ApiError::BadRequest(format!("the form is incomplete: {e}"))).into())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::control_in_fields;

    #[test]
    fn a_control_character_in_any_field_is_found() {
        let ok = vec![("justification".to_string(), "line one\r\nline two\tend".to_string())];
        assert_eq!(control_in_fields(&ok), None);
        let bad = vec![
            ("csrf".to_string(), "t".to_string()),
            ("name".to_string(), "amina\u{0}".to_string()),
        ];
        assert_eq!(control_in_fields(&bad), Some(("name".to_string(), '\u{0}')));
    }
}
