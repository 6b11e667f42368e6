//! The OpenAPI document is the contract ERP teams integrate from: its structural rules are checked here so that
//! a regression fails in plain `cargo test` (CI also runs openapi-spec-validator and Schemathesis on it).

use crate::helpers::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn operations(spec: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if METHODS.contains(&method.as_str()) {
                out.push((method.clone(), path.clone(), op));
            }
        }
    }
    out
}

/// Every `$ref` in the document points at something that exists.
fn dangling_refs(spec: &Value, node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                let pointer = target.trim_start_matches('#');
                if spec.pointer(pointer).is_none() {
                    out.push(target.clone());
                }
            }
            map.values().for_each(|v| dangling_refs(spec, v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| dangling_refs(spec, v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_document_is_public_and_follows_the_contract_rules() {
    let app = spawn_app_with(Db::Sqlite, &["--max-page-size", "250", "--max-classify-items", "40"]).await;
    let response = app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap();
    assert_eq!(response.status(), 200, "the document needs no token");
    let spec: Value = response.json().await.unwrap();
    assert_eq!(spec["openapi"], "3.1.0");

    let mut ids = BTreeMap::new();
    let mut problems = Vec::new();
    for (method, path, op) in operations(&spec) {
        let at = format!("{} {path}", method.to_uppercase());
        let id = op["operationId"].as_str().unwrap_or("");
        let camel = !id.is_empty()
            && id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && id.chars().all(|c| c.is_ascii_alphanumeric());
        if !camel {
            problems.push(format!("{at}: operationId {id:?} is not camelCase resource+action"));
        }
        if let Some(earlier) = ids.insert(id.to_string(), at.clone()) {
            problems.push(format!("{at}: operationId {id} is also {earlier}"));
        }
        for field in ["summary", "description"] {
            if op[field].as_str().is_none_or(|s| s.trim().is_empty()) {
                problems.push(format!("{at}: no {field}"));
            }
        }
        // Parameters are where they are sent: path parameters are the template's, and all of them.
        let template: BTreeSet<String> = path
            .split('{')
            .skip(1)
            .filter_map(|s| s.split('}').next())
            .map(String::from)
            .collect();
        let mut declared = BTreeSet::new();
        for p in op["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap_or("").to_string();
            match p["in"].as_str() {
                Some("path") => {
                    if !template.contains(&name) {
                        problems.push(format!("{at}: path parameter {name} is not in the path"));
                    }
                    if p["required"] != true {
                        problems.push(format!("{at}: path parameter {name} is not required"));
                    }
                    declared.insert(name);
                }
                Some("query") | Some("header") => {}
                other => problems.push(format!("{at}: parameter {name} in {other:?}")),
            }
        }
        if declared != template {
            problems.push(format!("{at}: path parameters {declared:?}, template {template:?}"));
        }
        let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
        let responses = op["responses"].as_object().expect("responses");
        if secured && !responses.contains_key("401") {
            problems.push(format!("{at}: secured but 401 is not documented"));
        }
        for (status, response) in responses {
            if response["description"].as_str().is_none_or(|d| d.is_empty()) {
                problems.push(format!("{at} {status}: no description"));
            }
            if status.starts_with('4') || status.starts_with('5') {
                let types: Vec<&String> = response["content"]
                    .as_object()
                    .map(|c| c.keys().collect())
                    .unwrap_or_default();
                if types != ["application/problem+json"] {
                    problems.push(format!(
                        "{at} {status}: errors are application/problem+json, not {types:?}"
                    ));
                }
            }
            let located = [
                "/api/v1/batches",
                "/api/v1/purchase-orders",
                "/api/v1/certificates",
                "/api/v1/deliveries",
                "/api/v1/inspections",
                "/api/v1/inspections/planned",
            ];
            if status == "201" && located.contains(&path.as_str()) && response["headers"]["Location"].is_null() {
                problems.push(format!("{at} 201: no Location header"));
            }
            if (status == "429" || status == "503") && response["headers"]["Retry-After"].is_null() {
                problems.push(format!("{at} {status}: no Retry-After header"));
            }
            for (name, link) in response["links"].as_object().into_iter().flatten() {
                let target = link["operationId"].as_str().unwrap_or("");
                if !operations(&spec).iter().any(|(_, _, o)| o["operationId"] == target) {
                    problems.push(format!("{at} {status}: link {name} names unknown operation {target}"));
                }
            }
        }
    }
    let mut dangling = Vec::new();
    dangling_refs(&spec, &spec, &mut dangling);
    problems.extend(dangling.into_iter().map(|r| format!("dangling $ref {r}")));
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Closed vocabularies are enums; limits are this instance's.
    let schemas = &spec["components"]["schemas"];
    assert_eq!(schemas["Decision"]["enum"].as_array().map(Vec::len), Some(6));
    assert_eq!(
        schemas["ItemView"]["properties"]["decision"]["$ref"],
        "#/components/schemas/Decision"
    );
    assert!(schemas["ReviewStatus"]["enum"].to_string().contains("on_hold"));
    assert!(schemas["ReviewStep"]["properties"]["action"]
        .to_string()
        .contains("ReviewAction"));
    assert!(
        !schemas.as_object().unwrap().contains_key("DecisionRequest"),
        "ambiguous request schema name"
    );
    let decide_body = &spec["paths"]["/api/v1/items/{item}/decisions"]["post"]["requestBody"];
    assert!(decide_body.to_string().contains("ReviewStep"), "{decide_body}");
    let list = &spec["paths"]["/api/v1/batches"]["get"];
    let limit = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert_eq!(limit["in"], "query");
    assert_eq!(limit["schema"]["maximum"], 250);
    assert!(list["responses"]["200"]["headers"]["Link"].is_object());
    let classify = schemas["ClassifyRequest"].to_string();
    assert!(classify.contains("\"maxItems\":40"), "{classify}");
    // The purchase order can be sent as JSON too, so that generated clients handle it.
    let order = &spec["paths"]["/api/v1/purchase-orders"]["post"]["requestBody"]["content"];
    assert!(
        order["application/x-ndjson"].is_object() && order["application/json"].is_object(),
        "{order}"
    );
}

#[tokio::test]
async fn problem_types_resolve_and_unserved_methods_answer_405() {
    let app = spawn_app(Db::Sqlite).await;
    // A real error's `type` resolves to a page describing its code.
    let response = app
        .client
        .get(app.url("/api/v1/batches?limit=0"))
        .bearer_auth(token("officer", &["p"]))
        .send()
        .await
        .unwrap();
    let body = problem(response, 422).await;
    let page = app
        .client
        .get(app.url(body["type"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("validation_failed"));
    let json: Value = app
        .client
        .get(app.url("/problems/version_conflict"))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(json["status"], 409);
    let unknown = app.client.get(app.url("/problems/no_such_code")).send().await.unwrap();
    assert_eq!(unknown.status(), 404);

    let response = app
        .client
        .delete(app.url("/api/v1/batches"))
        .bearer_auth(token("admin", &[]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let allow = response.headers()["allow"].to_str().unwrap().to_string();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
}
