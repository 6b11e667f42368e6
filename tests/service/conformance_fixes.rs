//! Regressions found by Schemathesis against the OpenAPI document: answers that were 500 or broke the contract.

use crate::helpers::*;
use crate::monitoring::{serials, setup, PROJECT};
use serde_json::{json, Value};

/// A delivery naming a certificate that does not exist was a foreign-key error (500): now 422 on the field.
#[tokio::test]
async fn a_delivery_naming_an_unknown_certificate_is_invalid_not_a_server_error() {
    for db in backends() {
        let s = setup(db).await;
        // The tent needs no certificate, so nothing checked the id before the insert.
        let tent = json!({"item_id": s.items["Tent"], "quantity": 1, "delivered_on": "2026-03-02",
            "receiving_unit": "Groupement mobile", "location": "Niamey", "certificate_id": "no-such-certificate"});
        approve_item(&s.app, s.items["Tent"]).await;
        let response = s.app.post_json("/api/v1/deliveries", &s.monitor, &tent).await;
        let body = problem(response, 422).await;
        assert_eq!(body["errors"][0]["field"], "certificate_id", "{body} on {db:?}");
    }
}

/// A loss on a disposed serial flipped it to lost, and a second disposal then hit the unique constraint (500).
#[tokio::test]
async fn a_disposed_serial_cannot_be_lost_or_disposed_of_again() {
    for db in backends() {
        let s = setup(db).await;
        let (status, _) = s.deliver("Night", 1, "2026-03-02", serials("NV", 1..=1)).await;
        assert_eq!(status, 201);
        let disposal = json!({"project": PROJECT, "serial_number": "NV-001", "disposed_on": "2026-04-10",
            "method": "destruction", "witness": "Capt. Abdou", "certificate_ref": "DC-1"});
        let first = s.app.post_json("/api/v1/disposals", &s.monitor, &disposal).await;
        assert_eq!(first.status(), 201);
        let loss = json!({"project": PROJECT, "serial_number": "NV-001", "kind": "loss",
            "discovered_on": "2026-04-11", "description": "Reported missing after the disposal"});
        let body = problem(s.app.post_json("/api/v1/incidents", &s.monitor, &loss).await, 409).await;
        assert_eq!(body["code"], "serial_gone", "{body} on {db:?}");
        let body = problem(s.app.post_json("/api/v1/disposals", &s.monitor, &disposal).await, 409).await;
        assert_eq!(body["code"], "serial_gone", "{body} on {db:?}");
        let serials = s
            .app
            .get_json(&format!("/api/v1/serials?project={PROJECT}"), &s.monitor)
            .await;
        assert_eq!(serials["items"][0]["status"], "disposed");
    }
}

fn is_rfc3339_utc(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok_and(|t| t.offset().local_minus_utc() == 0) && text.ends_with('Z')
}

/// Every timestamp the API sends is RFC 3339 in UTC with its offset (`Z`), as batches always were.
#[tokio::test]
async fn every_timestamp_carries_its_utc_offset() {
    let s = setup(Db::Sqlite).await;
    let (_, delivery) = s.deliver("Night", 1, "2026-03-02", serials("NV", 1..=1)).await;
    let certificate = s
        .app
        .get_json(&format!("/api/v1/certificates/{}", s.certificate), &s.monitor)
        .await;
    let projects = s.app.get_json("/api/v1/projects", &token("admin", &[])).await;
    let serials = s.app.get_json("/api/v1/serials", &s.monitor).await;
    let batches = s.app.get_json("/api/v1/batches", &s.monitor).await;
    let samples: Vec<(&str, &Value)> = vec![
        ("delivery", &delivery["created_at"]),
        ("certificate", &certificate["created_at"]),
        ("project", &projects[0]["created_at"]),
        ("serial", &serials["items"][0]["updated_at"]),
        ("batch", &batches["items"][0]["created_at"]),
    ];
    for (what, value) in samples {
        let text = value.as_str().unwrap_or("");
        assert!(is_rfc3339_utc(text), "{what}: {value}");
    }
}

/// Parse errors speak JSON, not Rust: no struct, enum or integer type names.
#[tokio::test]
async fn error_details_name_no_internal_types() {
    let app = spawn_app(Db::Sqlite).await;
    let erp = token("erp", &["p"]);
    let leaked = regex::Regex::new(r"struct|enum |\b[iuf](8|16|32|64|size)\b|Vec<|Option<|Naive").unwrap();
    let mut details = Vec::new();
    for body in [
        json!([[1, 2]]),
        json!({"description": 5}),
        json!("text"),
        json!([{"description": ["a"]}]),
    ] {
        details.push(problem(app.post_json("/api/v1/classify", &erp, &body).await, 422).await);
    }
    let order = app
        .client
        .post(app.url("/api/v1/purchase-orders?project=p&reference=R"))
        .bearer_auth(&erp)
        .header("Content-Type", "application/x-ndjson")
        .body("[1, 2, 3]\n{\"description\": 1}")
        .send()
        .await
        .unwrap();
    details.push(problem(order, 422).await);
    details.push(problem(app.get("/api/v1/items/not-a-number", &erp).await, 422).await);
    details.push(problem(app.get("/api/v1/batches?limit=x", &erp).await, 422).await);
    for detail in details {
        assert!(!leaked.is_match(&detail.to_string()), "{detail}");
    }
}

/// Schema-valid requests that the server refused (Schemathesis `positive_data_acceptance`): a repeated certificate
/// reference was 422 (a conflict with what is stored: now 409), an incident with an empty `serial_number` beside
/// its `delivery_id` was refused, and whole numbers written `2.0` were refused for integer fields.
#[tokio::test]
async fn schema_valid_requests_are_accepted_or_answered_as_conflicts() {
    for db in backends() {
        let s = setup(db).await;
        let certificate = json!({"project": PROJECT, "reference": "EUC-2026-01", "issuer": "Ministry",
            "end_user": "Police", "consignee": "Stores", "final_destination": "Niger", "end_use": "Patrol",
            "no_reexport": true, "onsite_checks": false, "issued_on": "2026-01-05"});
        let again = s.app.post_json("/api/v1/certificates", &s.monitor, &certificate).await;
        let body = problem(again, 409).await;
        assert_eq!(body["code"], "duplicate", "{body} on {db:?}");

        let (status, delivery) = s.deliver("Night", 1, "2026-03-02", serials("NV", 1..=1)).await;
        assert_eq!(status, 201, "{delivery}");
        let incident = json!({"delivery_id": delivery["id"], "kind": "damage", "discovered_on": "2026-03-05",
            "description": "Cracked housing", "serial_number": ""});
        let response = s.app.post_json("/api/v1/incidents", &s.monitor, &incident).await;
        assert_eq!(response.status(), 201, "{db:?}: {}", response.text().await.unwrap());

        approve_item(&s.app, s.items["Tent"]).await;
        let tent = json!({"item_id": (s.items["Tent"] as f64), "quantity": 1.0, "delivered_on": "2026-03-02",
            "receiving_unit": "Groupement mobile", "location": "Niamey"});
        let text = serde_json::to_string(&tent).unwrap();
        assert!(text.contains(".0"), "{text}");
        let response = s.app.post_json("/api/v1/deliveries", &s.monitor, &tent).await;
        assert_eq!(response.status(), 201, "{db:?}: {}", response.text().await.unwrap());
    }
}

/// The document states exactly what the server checks by name: project ids, versions, cursors, enums.
#[tokio::test]
async fn the_document_states_the_rules_the_server_checks() {
    let app = spawn_app(Db::Sqlite).await;
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let param = |path: &str, method: &str, name: &str| -> Value {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{method} {path} has no {name}"))
    };
    let project = param("/api/v1/projects/{project}/webhooks", "get", "project");
    assert_eq!(project["schema"]["pattern"], "^[A-Za-z0-9._-]{1,64}$");
    assert_eq!(
        param("/api/v1/audit", "get", "outcome")["schema"]["enum"],
        json!(["done", "refused"])
    );
    assert_eq!(
        param("/api/v1/events", "get", "after")["schema"]["pattern"],
        "^[0-9]{1,18}$"
    );
    let free = param("/api/v1/batches", "get", "project");
    assert!(
        free["schema"]["pattern"].as_str().unwrap().contains("\\u0000"),
        "{free}"
    );
    assert_eq!(
        doc["components"]["schemas"]["PackingListForm"]["additionalProperties"],
        false
    );
}

/// A certificate could create a project whose id no `{project}` path accepts (found by the stateful run: the
/// project list then fed an id the webhook routes refused).
#[tokio::test]
async fn a_certificate_cannot_create_a_project_with_a_malformed_id() {
    for db in backends() {
        let app = spawn_app(db).await;
        let admin = token("admin", &[]);
        let certificate = json!({"project": "yÄȺ", "reference": "EUC-1", "issuer": "Ministry", "end_user": "Police",
            "consignee": "Stores", "final_destination": "Niger", "end_use": "Patrol", "no_reexport": true,
            "onsite_checks": false, "issued_on": "2026-01-05"});
        let body = problem(app.post_json("/api/v1/certificates", &admin, &certificate).await, 422).await;
        assert_eq!(body["errors"][0]["field"], "project", "{body} on {db:?}");
        let projects = app.get_json("/api/v1/projects", &admin).await;
        assert!(!projects.to_string().contains("yÄ"), "{projects} on {db:?}");
    }
}
