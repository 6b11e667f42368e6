//! Bounded request bodies: size (413, from Content-Length first, then while streaming) and JSON depth.

use super::error::ApiError;
use crate::input_text;
use actix_web::{http::header, web, HttpRequest};
use serde::de::DeserializeOwned;

/// The declared Content-Length, if any.
pub fn content_length(req: &HttpRequest) -> Option<u64> {
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

/// Reads the whole body, refusing it with 413 as soon as it is known to exceed `limit` bytes, and with 408 when
/// the client stops sending for the configured idle time.
pub async fn read_body(req: &HttpRequest, mut payload: web::Payload, limit: usize) -> Result<Vec<u8>, ApiError> {
    let idle = req
        .app_data::<web::Data<super::AppState>>()
        .map_or(std::time::Duration::from_secs(15), |state| {
            state.limits.body_idle_timeout
        });
    let too_large = || ApiError::PayloadTooLarge { limit: limit as u64 };
    if content_length(req).is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = super::batches::next_before(&mut payload, idle).await? {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(format!("cannot read the request body: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Nesting depth of arrays and objects in JSON text (strings skipped), stopping early above `max`.
pub fn json_depth_exceeds(bytes: &[u8], max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Parses a JSON body after checking its depth; a parse error names the place.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8], max_depth: usize) -> Result<T, ApiError> {
    if json_depth_exceeds(bytes, max_depth) {
        return Err(ApiError::invalid(
            "body",
            format!("nests deeper than {max_depth} levels"),
        ));
    }
    refuse_control_characters(bytes)?;
    serde_json::from_slice(bytes)
        .or_else(|e| {
            // JSON Schema counts 2.0 as an integer, and so do generated clients: retry with whole floats as
            // integers before refusing.
            if !e.to_string().contains("floating point") {
                return Err(e);
            }
            let mut value: serde_json::Value = serde_json::from_slice(bytes)?;
            whole_floats_as_integers(&mut value);
            serde_json::from_value(value)
        })
        .map_err(|e| {
            ApiError::invalid(
                "body",
                format!(
                    "is not valid JSON for this endpoint: {}",
                    crate::service::json_error::public_message(&e.to_string())
                ),
            )
        })
}

/// Numbers like `2.0` or `-3e2` become integers (when they fit), everywhere in `value`.
fn whole_floats_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15) {
                // Exact: |f| < 2^53, so the cast neither rounds nor saturates.
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_floats_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(whole_floats_as_integers),
        _ => {}
    }
}

/// 422 naming the field when a string of the JSON body holds a control character (tab and line breaks aside).
pub fn refuse_control_characters(bytes: &[u8]) -> Result<(), ApiError> {
    if !input_text::json_may_hold_control(bytes) {
        return Ok(());
    }
    // Not valid JSON: the typed parse that follows names the error.
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return Ok(());
    };
    match input_text::find_in_json(&value) {
        Some((field, c)) => Err(ApiError::invalid(field, input_text::message(c))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::json_depth_exceeds;

    #[test]
    fn depth_counts_nesting_outside_strings() {
        assert!(!json_depth_exceeds(br#"{"a":[{"b":"[[[[["}]}"#, 3));
        assert!(json_depth_exceeds(b"[[[[1]]]]", 3));
        assert!(!json_depth_exceeds(br#"{"a":"\"{{{{"}"#, 1));
    }

    #[derive(Debug, serde::Deserialize)]
    struct Counted {
        id: i64,
        sizes: Vec<u32>,
    }

    #[test]
    fn whole_floats_are_read_as_integers_and_fractions_are_still_refused() {
        let counted: Counted = super::parse_json(br#"{"id": -37797934.0, "sizes": [2.0, 3e2]}"#, 8).unwrap();
        assert_eq!((counted.id, counted.sizes), (-37797934, vec![2, 300]));
        assert!(super::parse_json::<Counted>(br#"{"id": 1.5, "sizes": []}"#, 8).is_err());
        assert!(super::parse_json::<Counted>(br#"{"id": 1e300, "sizes": []}"#, 8).is_err());
    }
}

#[cfg(test)]
mod file_name_tests {
    use crate::api::batches::clean_file_name;

    #[test]
    fn file_names_are_metadata_only() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\Users\\a\\Liste.xlsx"), "Liste.xlsx");
        assert_eq!(clean_file_name("a\u{0}b\n.csv"), "ab.csv");
        assert_eq!(clean_file_name(&"x".repeat(1000)).len(), 255);
    }
}
