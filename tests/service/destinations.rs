//! Destination screening over HTTP with the real catalogue: classify, uploads (destination column and the
//! project's partner country), and the findings stored with the items.

use crate::helpers::*;
use serde_json::{json, Value};
use std::sync::{Arc, OnceLock};

fn real_classifier() -> Arc<equipcheck::classify::Classifier> {
    static C: OnceLock<Arc<equipcheck::classify::Classifier>> = OnceLock::new();
    C.get_or_init(|| equipcheck::startup::load_classifier(&root().join("catalog")).expect("the real catalogue"))
        .clone()
}

fn measure_entries(classification: &Value) -> Vec<String> {
    classification["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["list"] == "MEASURES")
        .map(|f| f["entry"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn classify_screens_the_destination() {
    for db in backends() {
        let app = spawn_app_using(db, &[], real_classifier()).await;
        let erp = token("erp", &["p"]);
        let many = json!([
            {"description": "Armoured personnel carrier 4x4", "destination": "Libye"},
            {"description": "Thermal imaging camera 640x512, 30 Hz", "destination": "Russland"},
            {"description": "Night vision goggles Gen 3", "end_user_country": "Birmanie"},
            {"description": "Tente modulaire 6 x 6 m", "destination": "Venezuela"},
            {"description": "Tente modulaire 6 x 6 m", "destination": "Freedonia"},
            {"description": "Armoured personnel carrier 4x4", "destination": "Sénégal"},
        ]);
        let response = app.post_json("/api/v1/classify", &erp, &many).await;
        assert_eq!(response.status(), 200);
        let results: Vec<Value> = response.json().await.unwrap();
        let decisions: Vec<&str> = results.iter().map(|r| r["decision"].as_str().unwrap()).collect();
        assert_eq!(
            decisions,
            ["prohibited", "prohibited", "prohibited", "clear", "review", "military"]
        );
        assert!(measure_entries(&results[0]).contains(&"UN-LY.arms_embargo".to_string()));
        assert!(measure_entries(&results[1]).contains(&"EU-RU.dual_use_ban".to_string()));
        assert_eq!(measure_entries(&results[3]), ["EU-VE"]);
        assert_eq!(measure_entries(&results[4]), ["DESTINATION"]);
        assert!(measure_entries(&results[5]).is_empty());
        let act = results[0]["findings"][0]["act"].as_str().unwrap();
        assert!(act.contains("restrictive measures 20"), "{act}");
    }
}

#[tokio::test]
async fn uploads_screen_the_destination_column_then_the_partner_country() {
    for db in backends() {
        let app = spawn_app_using(db, &[], real_classifier()).await;
        let admin = token("admin", &[]);
        let response = app
            .client
            .put(app.url("/api/v1/projects/libya-support"))
            .bearer_auth(&admin)
            .json(&json!({"name": "Libya support", "partner_country": "Libya"}))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        let sheet = "Description,Destination\nRiot shields polycarbonate,Venezuela\n\
                     Armoured personnel carrier 4x4,\nArmoured personnel carrier 4x4,Sénégal\nTent 6 x 6 m,Congo\n";
        let response = app
            .upload_bytes(
                &token_as("amina", "officer", &["libya-support"]),
                "libya-support",
                "sheet.csv",
                sheet.as_bytes().to_vec(),
            )
            .await;
        assert_eq!(response.status(), 201);
        let batch: Value = response.json().await.unwrap();
        let id = batch["id"].as_str().unwrap();
        let items = app.get_json(&format!("/api/v1/batches/{id}/items"), &admin).await;
        let items = items["items"].as_array().unwrap();
        let decisions: Vec<&str> = items.iter().map(|i| i["decision"].as_str().unwrap()).collect();
        // Venezuela bans internal-repression gear; the line without a destination goes to the partner country
        // (Libya, full arms embargo); Senegal is under no measure; "Congo" names two countries.
        assert_eq!(decisions, ["prohibited", "prohibited", "military", "review"]);
        let second = item(&app, items[1]["id"].as_i64().unwrap()).await;
        let text = second.to_string();
        assert!(
            text.contains("UN-LY.arms_embargo") && text.contains("project partner country"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn the_batch_page_says_where_it_goes_is_under_measures_and_who_may_be_listed() {
    for db in backends() {
        let app = spawn_app_using(db, &[], real_classifier()).await;
        let sheet = "Description,Destination\nThermal imaging camera 640x512 30 Hz,Russland\nTent 6 x 6 m,Russland\n\
                     Tent 4 x 4 m,Norway\n";
        let officer = token_as("amina", "officer", &["p1"]);
        let response = app
            .upload_bytes(&officer, "p1", "sheet.csv", sheet.as_bytes().to_vec())
            .await;
        assert_eq!(response.status(), 201);
        let batch: Value = response.json().await.unwrap();
        let cookie = session_cookie(&sign_in_with_token(&app, "amina", "officer", "/batches").await);
        let page = app
            .client
            .get(app.url(&format!("/batches/{}", batch["id"].as_str().unwrap())))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("The destination is under restrictive measures"),
            "{db:?}: the batch says so"
        );
        let notices = &page[page.find("notices-h").unwrap()..page.find("summary-h").unwrap()];
        assert!(
            notices.contains("2 lines"),
            "{db:?}: both lines to Russia are counted once per measure: {notices}"
        );
        assert!(!notices.contains("Norway"), "{notices}");

        let clean = "Description,Destination\nTent 4 x 4 m,Norway\n";
        let response = app
            .upload_bytes(&officer, "p1", "clean.csv", clean.as_bytes().to_vec())
            .await;
        let clean_batch: Value = response.json().await.unwrap();
        let cookie = session_cookie(&sign_in_with_token(&app, "amina", "officer", "/batches").await);
        let page = app
            .client
            .get(app.url(&format!("/batches/{}", clean_batch["id"].as_str().unwrap())))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !page.contains("notices-h"),
            "{db:?}: no notice for a destination under no measure"
        );
    }
}
