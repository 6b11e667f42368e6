//! The pages a problem's `type` URI (`/problems/<code>`) resolves to: what the code means and how to fix the
//! request. Every code the service sends has an entry (a unit test scans the sources for them).

use super::error::ApiError;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

/// One problem type.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemType {
    pub code: &'static str,
    /// The HTTP status it comes with.
    pub status: u16,
    pub title: &'static str,
    /// What causes it and what to do.
    pub description: &'static str,
}

const fn t(code: &'static str, status: u16, title: &'static str, description: &'static str) -> ProblemType {
    ProblemType {
        code,
        status,
        title,
        description,
    }
}

pub const PROBLEM_TYPES: &[ProblemType] = &[
    t(
        "too_many_webhooks",
        409,
        "Too many webhooks",
        "The project already has the most webhook subscriptions it may have. Delete one it no longer needs \
         (DELETE /api/v1/projects/{project}/webhooks/{webhook}), or send every event to one receiver.",
    ),
    t(
        "unauthorized",
        401,
        "Authentication required",
        "Send `Authorization: Bearer <token>` with a token this service accepts (right issuer, audience, key, not \
         expired). Get one from POST /auth/login or your identity provider.",
    ),
    t(
        "forbidden",
        403,
        "Forbidden",
        "The token's role may not do this, or its projects do not include this one. Ask an admin for the role or \
         project.",
    ),
    t(
        "not_found",
        404,
        "Not found",
        "No such resource, or it belongs to a project the token does not grant (both answer the same, so that \
         other projects' ids are not revealed).",
    ),
    t(
        "bad_request",
        400,
        "Bad request",
        "The request could not be read (a broken multipart form or body stream). Resend it whole.",
    ),
    t(
        "validation_failed",
        422,
        "Invalid request",
        "A parameter or body field is invalid; `errors` lists each one with its path (`lines[3].description`, and \
         `line_ref` when the line has one) and what is wrong. Fix those fields and resend.",
    ),
    t(
        "payload_too_large",
        413,
        "Payload too large",
        "The body exceeds this instance's limit (EQUIPCHECK_MAX_UPLOAD_MIB for files, EQUIPCHECK_MAX_JSON_KIB for \
         JSON). Split the order or the file.",
    ),
    t(
        "method_not_allowed",
        405,
        "Method not allowed",
        "The path exists but not with this method; `Allow` lists the methods it answers.",
    ),
    t(
        "unsupported_media_type",
        415,
        "Unsupported media type",
        "Send the body with a content type the operation lists.",
    ),
    t(
        "unreadable_file",
        422,
        "Unreadable file",
        "The spreadsheet could not be read (wrong format, no header row, broken file). The detail says why; save it \
         again as XLSX or CSV.",
    ),
    t(
        "file_refused",
        422,
        "File refused",
        "The file is encrypted or looks hostile (decompression bomb, absurd sizes) and was not opened.",
    ),
    t(
        "idempotency_key_reused",
        422,
        "Idempotency key reused",
        "This Idempotency-Key was used with a different request. Use a new key for a new request.",
    ),
    t(
        "idempotency_in_progress",
        409,
        "Request in progress",
        "A request with this Idempotency-Key is still being processed. Retry after `Retry-After` seconds to get \
         its answer.",
    ),
    t(
        "too_busy",
        429,
        "Too busy",
        "Too many uploads or orders are being processed by this instance. Retry after `Retry-After` seconds.",
    ),
    t(
        "too_many_attempts",
        429,
        "Too many attempts",
        "Too many failed sign-ins for this account; it is locked until `Retry-After` seconds have passed.",
    ),
    t(
        "unavailable",
        503,
        "Service unavailable",
        "The database cannot be reached. Retry after `Retry-After` seconds.",
    ),
    t(
        "internal",
        500,
        "Internal error",
        "An unexpected fault; it is logged with the request id. Report the X-Request-Id.",
    ),
    t(
        "precondition_required",
        428,
        "Precondition required",
        "Send the version you last read (If-Match: \"<version>\" or `version`) so that concurrent changes cannot \
         overwrite each other.",
    ),
    t(
        "version_conflict",
        409,
        "Version conflict",
        "Someone changed the item since you read it. Read it again, check the change, and resend with the new version.",
    ),
    t(
        "duplicate",
        409,
        "Duplicate",
        "A record with the same natural key already exists (the detail names the field): use the stored one, or \
         send a different reference.",
    ),
    t(
        "invalid_state",
        409,
        "Invalid state",
        "The resource is in a state where this step does not apply (the detail says which).",
    ),
    t(
        "four_eyes",
        403,
        "Four eyes",
        "Nobody decides on items of a batch they uploaded or submitted; another reviewer must.",
    ),
    t(
        "prohibited_item",
        422,
        "Prohibited item",
        "A prohibited item is never approved or delivered. If it is a false positive, propose a reclassification; a \
         second reviewer confirms it.",
    ),
    t(
        "second_reviewer_required",
        403,
        "Second reviewer required",
        "The proposer of a reclassification cannot confirm it; a different reviewer must.",
    ),
    t(
        "not_uploader",
        403,
        "Not the uploader",
        "Only the uploader of the batch answers its questions.",
    ),
    t(
        "not_approved",
        409,
        "Item not approved",
        "Only approved items can be delivered; finish the review first.",
    ),
    t(
        "quantity_exceeds_order",
        409,
        "More than ordered",
        "The deliveries would exceed the quantity ordered.",
    ),
    t(
        "certificate_required",
        409,
        "End-user certificate required",
        "This item's monitoring profile needs an end-user certificate of the project; record it and name it in \
         `certificate_id`.",
    ),
    t(
        "certificate_not_valid",
        409,
        "Certificate not valid",
        "The certificate is not valid on the delivery date.",
    ),
    t(
        "serials_required",
        409,
        "Serial numbers required",
        "Enhanced monitoring captures every unit's serial number before shipment; send one per unit.",
    ),
    t(
        "serial_gone",
        409,
        "Serial no longer held",
        "The serial was disposed of, destroyed or transferred; it cannot be disposed of, lost or stolen again.",
    ),
    t(
        "serial_not_inspectable",
        409,
        "Serial not inspectable",
        "A serial that left service for good cannot be inspected.",
    ),
    t(
        "inventory_incomplete",
        409,
        "Inventory incomplete",
        "A full inventory accounts for every serial still in service; add the missing ones (the detail names them).",
    ),
    t(
        "inventory_sample_too_small",
        409,
        "Sample too small",
        "A sample inventory accounts for at least the policy's percentage and minimum of the serials in service.",
    ),
    t(
        "already_confirmed",
        409,
        "Already confirmed",
        "The delivery's receipt is already confirmed.",
    ),
    t(
        "already_decided",
        409,
        "Already decided",
        "The transfer consent request is already answered.",
    ),
    t(
        "already_reported",
        409,
        "Already reported",
        "The incident is already reported.",
    ),
    t(
        "already_exists",
        409,
        "Already exists",
        "The record already exists (a storage constraint refused a second one).",
    ),
    t(
        "unknown_reference",
        422,
        "Unknown reference",
        "The request names a record (an id) that does not exist; check the ids sent.",
    ),
    t(
        "obligation_closed",
        409,
        "Obligation closed",
        "The obligation is already fulfilled or waived.",
    ),
];

/// The entry for `code`.
pub fn find(code: &str) -> Option<&'static ProblemType> {
    PROBLEM_TYPES.iter().find(|p| p.code == code)
}

#[utoipa::path(get, path = "/problems/{code}", tag = "operations",
    params(("code" = String, Path, description = "A problem's `code`", max_length = 64, pattern = "^[a-z_]+$")),
    responses((status = 200, description = "What the code means and how to fix the request", 
        content((ProblemType = "application/json"), (String = "text/html"))),
        (status = 404, description = "No such problem code")))]
pub async fn page(req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let entry = find(&path.into_inner()).ok_or(ApiError::NotFound("problem type"))?;
    let wants_json = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("json") && !a.contains("text/html"));
    if wants_json {
        return Ok(HttpResponse::Ok().json(entry));
    }
    let html = maud::html! {
        (maud::DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "Problem: " (entry.code) } }
            body {
                h1 { (entry.title) }
                p { "Code " code { (entry.code) } ", HTTP status " (entry.status) "." }
                p { (entry.description) }
                p { a href="/docs" { "API reference" } }
            }
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html.into_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Codes named in the sources: `refuse(event, "code", ...)` and `code: "code"`.
    fn codes_in_sources() -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut stack = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
        let quoted = regex::Regex::new(r#""([a-z][a-z_]{2,63})""#).expect("regex");
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                // This file names the patterns themselves.
                if path.ends_with("problem_types.rs") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                for (i, _) in text.match_indices("refuse(") {
                    let window: String = text[i..].chars().take(160).collect();
                    if let Some(c) = quoted.captures(&window) {
                        out.insert(c[1].to_string());
                    }
                }
                for (i, _) in text.match_indices("code: \"") {
                    let window: String = text[i..].chars().take(80).collect();
                    if let Some(c) = quoted.captures(&window) {
                        out.insert(c[1].to_string());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_code_the_service_sends_has_a_page() {
        for code in codes_in_sources() {
            assert!(
                find(&code).is_some(),
                "problem code {code} has no entry in PROBLEM_TYPES"
            );
        }
        for refusal in [
            crate::review::Refusal::Role,
            crate::review::Refusal::FourEyes,
            crate::review::Refusal::Prohibited,
            crate::review::Refusal::SameReviewer,
            crate::review::Refusal::NotUploader,
        ] {
            assert!(find(refusal.code()).is_some(), "{}", refusal.code());
        }
        let errors = [
            ApiError::Unauthorized(String::new()),
            ApiError::Forbidden,
            ApiError::NotFound("x"),
            ApiError::BadRequest(String::new()),
            ApiError::Validation(Vec::new()),
            ApiError::PayloadTooLarge { limit: 1 },
            ApiError::UnsupportedMediaType(String::new()),
            ApiError::UnreadableFile(String::new()),
            ApiError::FileRefused(String::new()),
            ApiError::IdempotencyMismatch,
            ApiError::IdempotencyInProgress { retry_after: 1 },
            ApiError::TooBusy { retry_after: 1 },
            ApiError::TooManyAttempts { retry_after: 1 },
            ApiError::Unavailable(String::new()),
            ApiError::Internal(String::new()),
            ApiError::PreconditionRequired(String::new()),
            ApiError::MethodNotAllowed { allow: String::new() },
        ];
        for e in errors {
            let entry = find(e.code()).unwrap_or_else(|| panic!("{} has no page", e.code()));
            assert_eq!(
                entry.status,
                actix_web::ResponseError::status_code(&e).as_u16(),
                "{}",
                e.code()
            );
        }
        let codes: BTreeSet<&str> = PROBLEM_TYPES.iter().map(|p| p.code).collect();
        assert_eq!(codes.len(), PROBLEM_TYPES.len(), "duplicate problem codes");
    }
}
