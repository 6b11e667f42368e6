//! Caching and paging headers for every JSON read of the API, in one middleware rather than in each handler:
//! an `ETag` (the handler's own, such as an item's version, or a hash of the answer), `304 Not Modified` when
//! `If-None-Match` names it, and RFC 8288 `Link` headers (first, prev, next, last) on pages.

use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};
use sha2::{Digest, Sha256};

/// Adds ETag/304 and Link to `GET /api/...` answers that are `200` JSON.
pub async fn conditional_get(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let applies = req.method() == Method::GET && req.path().starts_with("/api/");
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let path = req.path().to_string();
    let query = req.query_string().to_string();
    let response = next.call(req).await?;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("application/json"));
    if !applies || response.status() != StatusCode::OK || !is_json {
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (mut head, payload) = response.into_parts();
    let bytes = body::to_bytes(payload)
        .await
        .map_err(|_| actix_web::error::ErrorInternalServerError("cannot read the answer"))?;
    let etag = match head.headers().get(header::ETAG).and_then(|v| v.to_str().ok()) {
        Some(tag) => tag.to_string(),
        None => {
            let digest = Sha256::digest(&bytes);
            format!("W/\"{}\"", hex::encode(&digest[..12]))
        }
    };
    if let Ok(value) = HeaderValue::from_str(&etag) {
        head.headers_mut().insert(header::ETAG, value);
    }
    if if_none_match
        .as_deref()
        .is_some_and(|candidates| matches_any(candidates, &etag))
    {
        let not_modified = HttpResponse::NotModified().insert_header((header::ETAG, etag)).finish();
        return Ok(ServiceResponse::new(request, not_modified));
    }
    if let Some(link) = page_links(&path, &query, &bytes) {
        if let Ok(value) = HeaderValue::from_str(&link) {
            head.headers_mut().insert(header::LINK, value);
        }
    }
    Ok(ServiceResponse::new(request, head.set_body(BoxBody::new(bytes))))
}

/// Opaque part of an entity tag (weak comparison, RFC 9110 13.1.2).
fn opaque(tag: &str) -> &str {
    tag.trim().trim_start_matches("W/").trim_matches('"')
}

/// Whether an If-None-Match list (`*` or `"a", W/"b"`) names `etag`.
pub fn matches_any(candidates: &str, etag: &str) -> bool {
    candidates
        .split(',')
        .any(|c| c.trim() == "*" || opaque(c) == opaque(etag))
}

/// `Link` for a page answer `{items, total, limit, offset}`: first, prev, next, last with the same filters.
pub fn page_links(path: &str, query: &str, body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let total = value.get("total")?.as_i64()?;
    let limit = value.get("limit")?.as_i64()?;
    let offset = value.get("offset")?.as_i64()?;
    if limit <= 0 || !value.get("items").is_some_and(serde_json::Value::is_array) {
        return None;
    }
    let filters: Vec<(String, String)> = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k != "limit" && k != "offset")
        .collect();
    let url = |at: i64| {
        let mut pairs = filters.clone();
        pairs.push(("limit".into(), limit.to_string()));
        pairs.push(("offset".into(), at.to_string()));
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        format!("{path}?{query}")
    };
    let last = if total == 0 { 0 } else { (total - 1) / limit * limit };
    let mut links = vec![format!("<{}>; rel=\"first\"", url(0))];
    if offset > 0 {
        links.push(format!(
            "<{}>; rel=\"prev\"",
            url(offset.saturating_sub(limit).clamp(0, last))
        ));
    }
    if offset.saturating_add(limit) < total {
        links.push(format!("<{}>; rel=\"next\"", url(offset.saturating_add(limit))));
    }
    links.push(format!("<{}>; rel=\"last\"", url(last)));
    Some(links.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_uses_weak_comparison() {
        assert!(matches_any("\"3\"", "\"3\""));
        assert!(matches_any("W/\"abc\"", "W/\"abc\""));
        assert!(matches_any("\"x\", W/\"abc\"", "W/\"abc\""));
        assert!(matches_any("*", "\"3\""));
        assert!(!matches_any("\"4\"", "\"3\""));
    }

    #[test]
    fn page_links_keep_the_filters() {
        let body = br#"{"items": [], "total": 250, "limit": 100, "offset": 100}"#;
        let link = page_links("/api/v1/batches", "project=p&limit=100&offset=100", body).unwrap_or_default();
        assert!(
            link.contains("</api/v1/batches?project=p&limit=100&offset=0>; rel=\"first\""),
            "{link}"
        );
        assert!(link.contains("offset=0>; rel=\"prev\""), "{link}");
        assert!(link.contains("offset=200>; rel=\"next\""), "{link}");
        assert!(link.contains("offset=200>; rel=\"last\""), "{link}");
        let last = page_links("/x", "", br#"{"items": [], "total": 200, "limit": 100, "offset": 100}"#);
        assert!(!last.unwrap_or_default().contains("next"));
        assert!(page_links("/x", "", br#"{"id": 1}"#).is_none());
        // Found by Schemathesis: an offset near i64::MAX overflowed (a panic in debug builds).
        let far = format!(
            r#"{{"items": [], "total": 5, "limit": 100, "offset": {}}}"#,
            i64::MAX - 1
        );
        let link = page_links("/x", "", far.as_bytes()).unwrap_or_default();
        assert!(
            link.contains("offset=0>; rel=\"prev\"") && !link.contains("next"),
            "{link}"
        );
    }
}
