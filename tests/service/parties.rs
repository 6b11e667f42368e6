//! Party screening over HTTP: `POST /api/v1/screen/parties`, and the supplier and end user of classified,
//! uploaded and ordered lines screened against the loaded lists (fixtures in tests/fixtures/lists/, one per
//! official format).

use crate::helpers::*;
use equipcheck::classify::Classifier;
use serde_json::{json, Value};
use std::sync::{Arc, OnceLock};

fn with_lists() -> Arc<Classifier> {
    static C: OnceLock<Arc<Classifier>> = OnceLock::new();
    C.get_or_init(|| {
        let settings = equipcheck::config::PartySettings {
            lists: Some(fixture("lists")),
            threshold: equipcheck::screening::parties::DEFAULT_THRESHOLD,
        };
        equipcheck::startup::load_classifier_with(&fixture("service-catalog"), &settings).expect("lists")
    })
    .clone()
}

fn party_entries(classification: &Value) -> Vec<String> {
    classification["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["evidence"][0]["kind"] == "listed_party")
        .map(|f| f["entry"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn screen_parties_explains_each_match_with_the_list_versions() {
    for db in backends() {
        let app = spawn_app_using(db, &[], with_lists()).await;
        let erp = token("erp", &["p"]);
        let body = json!({"parties": [
            {"name": "АО Рособоронэкспорт", "role": "supplier", "country": "RU"},
            {"name": "Emma Daniels", "role": "end_user"},
            {"name": "11420 Corp."},
            {"name": "Global Corp"},
        ]});
        let response = app.post_json("/api/v1/screen/parties", &erp, &body).await;
        assert_eq!(response.status(), 200);
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["lists"].as_array().unwrap().len(), 4, "{answer}");
        let results = answer["results"].as_array().unwrap();
        let first = &results[0]["matches"][0];
        assert!(first["list"] == "EU-FSF" || first["list"] == "US-OFAC-SDN", "{first}");
        assert!(first["why"].as_str().unwrap().contains("share the words"));
        assert!(!first["programmes"].as_array().unwrap().is_empty());
        assert_eq!(results[0]["country"], "RU");
        assert!(results[1]["matches"].as_array().unwrap().is_empty(), "{}", results[1]);
        assert_eq!(results[2]["matches"][0]["entity_id"], "40002");
        assert!(results[3]["matches"].as_array().unwrap().is_empty(), "{}", results[3]);

        let bad = app
            .post_json("/api/v1/screen/parties", &erp, &json!({"parties": []}))
            .await;
        problem(bad, 422).await;
        let unauthenticated = app
            .client
            .post(app.url("/api/v1/screen/parties"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(unauthenticated.status(), 401);
    }
}

#[tokio::test]
async fn without_lists_the_route_says_so() {
    let app = spawn_app(backends()[0]).await;
    let body = json!({"parties": [{"name": "Wagner Group"}]});
    let response = app
        .post_json("/api/v1/screen/parties", &token("erp", &["p"]), &body)
        .await;
    problem(response, 503).await;
}

#[tokio::test]
async fn classify_uploads_and_orders_screen_the_parties_of_each_line() {
    for db in backends() {
        let app = spawn_app_using(db, &[], with_lists()).await;
        let erp = token("erp", &["p"]);
        let items = json!([
            {"description": "Handheld radio", "supplier": "Rosoboroneksport JSC"},
            {"description": "Diesel generator 20 kVA", "end_user": "Wagner Group"},
            {"description": "Handheld radio", "supplier": "Emma Daniels", "end_user": "Police nationale"},
        ]);
        let response = app.post_json("/api/v1/classify", &erp, &items).await;
        assert_eq!(response.status(), 200);
        let results: Vec<Value> = response.json().await.unwrap();
        assert_eq!(results[0]["decision"], "review");
        assert!(party_entries(&results[0]).contains(&"US-OFAC-SDN:36050".to_string()));
        assert_eq!(results[1]["decision"], "review");
        assert!(party_entries(&results[1]).contains(&"UK-OFSI:14239".to_string()));
        assert!(party_entries(&results[2]).is_empty(), "{}", results[2]);
        assert_eq!(results[0]["party_lists"].as_array().unwrap().len(), 4);

        let sheet = "Description,Supplier,End user\nHandheld radio,PMC Wagner,Police nationale\nTent 6 x 6 m,Acme Tents Ltd,Police\n";
        let response = app
            .upload_bytes(
                &token_as("amina", "officer", &["p"]),
                "p",
                "sheet.csv",
                sheet.as_bytes().to_vec(),
            )
            .await;
        assert_eq!(response.status(), 201);
        let batch: Value = response.json().await.unwrap();
        let id = batch["id"].as_str().unwrap();
        let listed = app
            .get_json(&format!("/api/v1/batches/{id}/items"), &token("admin", &[]))
            .await;
        let listed = listed["items"].as_array().unwrap();
        assert_eq!(listed[0]["decision"], "review");
        let stored = item(&app, listed[0]["id"].as_i64().unwrap()).await.to_string();
        assert!(
            stored.contains("US-OFAC-SDN:38310") && stored.contains("party_lists"),
            "{stored}"
        );
        assert_eq!(listed[1]["decision"], "clear");
        // The decisions report names the list versions each line was screened against.
        let report = app
            .get(&format!("/api/v1/batches/{id}/decisions.csv"), &token("admin", &[]))
            .await;
        assert_eq!(report.status(), 200);
        let report = report.text().await.unwrap();
        assert!(report.lines().next().unwrap().ends_with("party_lists"), "{report}");
        assert!(report.contains("UK-OFSI 27/11/2026"), "{report}");
    }
}
