//! Completes the generated document into the contract integrators build from: names and words per operation
//! (from [`super::operations`]), every error answer the server really gives as `application/problem+json`, the
//! response headers, the instance's limits as schema constraints, and links between operations. Rules that hold
//! for every route live here once instead of in sixty annotations.

use super::operations;
use crate::config::Limits;
use serde_json::{json, Map, Value};

/// Operations anyone may call (no bearer token).
const PUBLIC: &[&str] = &[
    "/health",
    "/ready",
    "/auth/login",
    "/docs",
    "/api/v1/openapi.json",
    "/api/v1/feeds/{token}/inspections.ics",
    "/problems/{code}",
];

/// Operations that never touch the database (no 503).
const NO_DATABASE: &[&str] = &["/health", "/docs", "/api/v1/openapi.json", "/problems/{code}"];

/// Operations an instance may refuse with 429 (a bounded number of heavy requests at once, the sign-in throttle).
const RATE_LIMITED: &[(&str, &str)] = &[
    ("post", "/auth/login"),
    ("post", "/api/v1/batches"),
    ("post", "/api/v1/purchase-orders"),
];

/// Operations whose 201 names the new resource in `Location` (those with a read-one route).
pub const LOCATED: &[&str] = &[
    "/api/v1/batches",
    "/api/v1/purchase-orders",
    "/api/v1/certificates",
    "/api/v1/deliveries",
    "/api/v1/inspections",
    "/api/v1/inspections/planned",
    "/api/v1/projects/{project}/webhooks",
];

/// What each error status means on this API, for answers the annotations leave undescribed.
fn error_description(status: &str) -> &'static str {
    match status {
        "400" => "The request could not be read (broken multipart form or body stream)",
        "401" => "No bearer token, or it is expired, not yet valid, or not signed by a key this service accepts",
        "403" => "The token's role may not do this, or its projects do not include this one",
        "404" => "No such resource in the token's projects",
        "409" => "Conflict with the resource's current state",
        "413" => "The body exceeds the configured size limit",
        "415" => "Unsupported content type",
        "422" => "Invalid parameters or body; `errors` names each field and what is wrong",
        "428" => "The version last read is required (If-Match or `version`)",
        "429" => "Too many requests at once; retry after `Retry-After` seconds",
        "503" => "The database is unavailable; retry after `Retry-After` seconds",
        _ => "Error",
    }
}

fn success_description(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "204" => "Done; no content",
        "304" => "Not modified since the ETag sent in If-None-Match",
        _ => "Answer",
    }
}

fn header(description: &str, schema: Value) -> Value {
    json!({"description": description, "schema": schema})
}

fn problem_content() -> Value {
    json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}})
}

/// Applies every rule to the document generated from the annotations.
pub fn apply(doc: &mut Value, limits: &Limits) {
    doc["openapi"] = json!("3.1.0");
    doc["info"]["version"] = json!(env!("CARGO_PKG_VERSION"));
    doc["info"]["license"] = json!({"name": "Apache-2.0", "identifier": "Apache-2.0"});
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, operation) in item.iter_mut() {
            if let Some(operation) = operation.as_object_mut() {
                complete_operation(method, path, operation, limits);
            }
        }
    }
    if let Some(variants) = doc
        .pointer_mut("/components/schemas/ClassifyRequest/oneOf")
        .and_then(Value::as_array_mut)
    {
        for variant in variants.iter_mut().filter(|v| v["type"] == "array") {
            variant["minItems"] = json!(1);
            variant["maxItems"] = json!(limits.max_classify_items);
        }
    }
    links(doc);
}

fn complete_operation(method: &str, path: &str, op: &mut Map<String, Value>, limits: &Limits) {
    if let Some(known) = operations::find(method, path) {
        op.insert("operationId".into(), json!(known.id));
        op.insert("summary".into(), json!(known.summary));
        op.insert("description".into(), json!(known.description));
    }
    let public = PUBLIC.contains(&path);
    if public {
        op.insert("security".into(), json!([]));
    } else {
        op.insert("security".into(), json!([{"bearer": []}]));
    }
    let has_path_params = path.contains('{');
    let has_body = op.contains_key("requestBody");
    let has_params = op
        .get("parameters")
        .and_then(Value::as_array)
        .is_some_and(|p| !p.is_empty());
    if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
        for p in params.iter_mut() {
            constrain_parameter(p, limits);
        }
    }
    let mut wanted: Vec<&str> = Vec::new();
    if !public {
        wanted.extend(["401", "403"]);
    }
    if has_path_params && path != "/problems/{code}" {
        wanted.push("404");
    }
    if has_params || has_body {
        wanted.push("422");
    }
    if has_body {
        wanted.extend(["400", "413"]);
    }
    if RATE_LIMITED.contains(&(method, path)) {
        wanted.push("429");
    }
    if !NO_DATABASE.contains(&path) {
        wanted.push("503");
    }
    let Some(responses) = op.entry("responses").or_insert_with(|| json!({})).as_object_mut() else {
        return;
    };
    for status in wanted {
        responses.entry(status).or_insert_with(|| json!({}));
    }
    for (status, response) in responses.iter_mut() {
        complete_response(method, path, status, response);
    }
}

fn constrain_parameter(p: &mut Value, limits: &Limits) {
    let name = p["name"].as_str().unwrap_or("").to_string();
    let location = p["in"].as_str().unwrap_or("").to_string();
    match (location.as_str(), name.as_str()) {
        ("query", "limit") => {
            p["schema"] = json!({"type": "integer", "format": "int64", "minimum": 1,
                "maximum": limits.max_page_size, "default": 100.min(limits.max_page_size)});
        }
        ("query", "offset") => {
            p["schema"] = json!({"type": "integer", "format": "int64", "minimum": 0, "default": 0});
        }
        ("header", "Idempotency-Key") => {
            p["schema"] = json!({"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"});
        }
        ("header", "If-Match") | ("header", "If-None-Match") => {
            p["schema"] = json!({"type": "string", "maxLength": 200});
        }
        _ => {}
    }
}

fn complete_response(method: &str, path: &str, status: &str, response: &mut Value) {
    let is_error = status.starts_with('4') || status.starts_with('5');
    let has_description = response["description"].as_str().is_some_and(|d| !d.is_empty());
    if !has_description {
        response["description"] = json!(if is_error {
            error_description(status)
        } else {
            success_description(status)
        });
    }
    let mut headers = response["headers"].as_object().cloned().unwrap_or_default();
    if is_error {
        response["content"] = problem_content();
    }
    match status {
        "202" if path == "/api/v1/batches" => {
            headers.insert(
                "Location".into(),
                header(
                    "The background job to follow (`/api/v1/jobs/{job}`)",
                    json!({"type": "string"}),
                ),
            );
        }
        "201" if LOCATED.contains(&path) => {
            headers.insert(
                "Location".into(),
                header("The new resource's path", json!({"type": "string"})),
            );
        }
        "401" => {
            headers.insert(
                "WWW-Authenticate".into(),
                header("`Bearer` (RFC 6750)", json!({"type": "string"})),
            );
        }
        "429" => {
            headers.insert(
                "Retry-After".into(),
                header(
                    "Seconds to wait before retrying",
                    json!({"type": "integer", "minimum": 0}),
                ),
            );
            headers.insert(
                "RateLimit".into(),
                header(
                    "Remaining quota and seconds until it resets (draft-ietf-httpapi-ratelimit-headers), e.g. \
                     `\"heavy-requests\";r=0;t=10`",
                    json!({"type": "string"}),
                ),
            );
        }
        "503" => {
            headers.insert(
                "Retry-After".into(),
                header(
                    "Seconds to wait before retrying",
                    json!({"type": "integer", "minimum": 0}),
                ),
            );
        }
        "409" if path == "/api/v1/purchase-orders" => {
            headers.insert(
                "Retry-After".into(),
                header(
                    "Only while a request with the same Idempotency-Key is still processed",
                    json!({"type": "integer", "minimum": 0}),
                ),
            );
        }
        _ => {}
    }
    if method == "get" && (status == "200" || status == "304") && !is_download(path) {
        headers.insert(
            "ETag".into(),
            header(
                "Version of this answer: send it as If-None-Match to get 304 when nothing changed",
                json!({"type": "string"}),
            ),
        );
    }
    if method == "get" && status == "200" && is_paged(response) {
        headers.insert(
            "Link".into(),
            header(
                "RFC 8288 links to the `first`, `prev`, `next` and `last` pages",
                json!({"type": "string"}),
            ),
        );
    }
    if path == "/api/v1/purchase-orders" && method == "post" && (status == "200" || status == "201") {
        headers.insert(
            "Idempotent-Replayed".into(),
            header(
                "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
                json!({"type": "string", "enum": ["true"]}),
            ),
        );
    }
    if !headers.is_empty() {
        response["headers"] = Value::Object(headers);
    }
}

/// File downloads and calendars carry no ETag (they are generated on each request).
fn is_download(path: &str) -> bool {
    path.ends_with(".csv")
        || path.ends_with(".xlsx")
        || path.ends_with(".ics")
        || path == "/docs"
        || path == "/problems/{code}"
        || path == "/health"
        || path == "/ready"
}

/// A JSON answer that is one page of a list (`items`, `total`, `limit`, `offset`).
fn is_paged(response: &Value) -> bool {
    let schema = &response["content"]["application/json"]["schema"];
    let name = schema["$ref"].as_str().unwrap_or("");
    name.ends_with("Page") || name.contains("Page_") || name.ends_with("/AuditPage") || name.ends_with("/QueuePage")
}

/// OpenAPI links where one answer feeds the next operation (generators and Schemathesis follow them).
fn links(doc: &mut Value) {
    let batch_links = json!({
        "GetBatch": {"operationId": "getBatch", "parameters": {"batch": "$response.body#/id"},
            "description": "The stored batch"},
        "ListBatchItems": {"operationId": "listBatchItems", "parameters": {"batch": "$response.body#/id"},
            "description": "Its items with their decisions"},
        "ListBatchProblems": {"operationId": "listBatchProblems", "parameters": {"batch": "$response.body#/id"},
            "description": "What could not be read"},
    });
    let item_links = json!({
        "DecideItem": {"operationId": "decideItem",
            "parameters": {"item": "$response.body#/id", "If-Match": "$response.header.ETag"},
            "description": "A review step on this version of the item"},
        "GetItemHistory": {"operationId": "getItemHistory", "parameters": {"item": "$response.body#/id"},
            "description": "The item's audit trail"},
    });
    let table: &[(&str, &str, &[&str], Value)] = &[
        ("/api/v1/batches", "post", &["200", "201"], batch_links.clone()),
        ("/api/v1/purchase-orders", "post", &["200", "201"], batch_links.clone()),
        ("/api/v1/purchase-orders", "get", &["200"], batch_links),
        ("/api/v1/items/{item}", "get", &["200"], item_links),
        (
            "/api/v1/certificates",
            "post",
            &["201"],
            json!({"GetCertificate": {"operationId": "getCertificate",
                "parameters": {"certificate": "$response.body#/id"}}}),
        ),
        (
            "/api/v1/deliveries",
            "post",
            &["201"],
            json!({"GetDelivery": {"operationId": "getDelivery", "parameters": {"delivery": "$response.body#/id"}},
                "ConfirmDelivery": {"operationId": "confirmDelivery",
                    "parameters": {"delivery": "$response.body#/id"}}}),
        ),
        (
            "/api/v1/inspections/planned",
            "post",
            &["201"],
            json!({"GetInspection": {"operationId": "getInspection",
                "parameters": {"inspection": "$response.body#/id"}}}),
        ),
        (
            "/api/v1/incidents",
            "post",
            &["201"],
            json!({"ReportIncident": {"operationId": "reportIncident",
                "parameters": {"incident": "$response.body#/id"}}}),
        ),
        (
            "/api/v1/transfer-consents",
            "post",
            &["201"],
            json!({"DecideTransferConsent": {"operationId": "decideTransferConsent",
                "parameters": {"consent": "$response.body#/id"}}}),
        ),
    ];
    for (path, method, statuses, links) in table {
        for status in *statuses {
            let pointer = format!(
                "/paths/{}/{method}/responses/{status}",
                path.replace('~', "~0").replace('/', "~1")
            );
            if let Some(response) = doc.pointer_mut(&pointer).filter(|r| r.is_object()) {
                response["links"] = links.clone();
            }
        }
    }
}
