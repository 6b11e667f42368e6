//! What happens to decisions when the data or the catalogue changes, and the decision reports.

use crate::helpers::*;
use serde_json::{json, Value};
use std::sync::Arc;

const P: &str = "p1";

#[tokio::test]
async fn editing_a_decided_item_sends_it_back_to_classification_and_review() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (batch, items) = upload_lines(&app, "olga", P, &["Tent 4 x 4"]).await;
        let id = items[0]["id"].as_i64().unwrap();
        approve_item(&app, id).await;
        let officer = token_as("olga", "officer", &[P]);
        let stale = app
            .client
            .patch(app.url(&format!("/api/v1/items/{id}")))
            .bearer_auth(&officer)
            .json(&json!({"description": "Assault rifle", "version": 1}))
            .send()
            .await
            .unwrap();
        assert_eq!(problem(stale, 409).await["code"], "version_conflict");
        let current = item(&app, id).await["version"].as_i64().unwrap();
        let edited = app
            .client
            .patch(app.url(&format!("/api/v1/items/{id}")))
            .bearer_auth(&officer)
            .header("If-Match", format!("\"{current}\""))
            .json(&json!({"description": "Assault rifle", "reason": "The supplier corrected the line"}))
            .send()
            .await
            .unwrap();
        let edited: Value = edited.json().await.unwrap();
        assert_eq!(edited["decision"], "prohibited", "{edited}");
        assert_eq!(edited["review"]["status"], "pending");
        assert!(edited["review"]["by"].is_null());
        assert_eq!(edited["batch_state"], "blocked");
        // A reviewer may not edit data (refused and audited); nor may anyone of another project.
        let reviewer = decide_patch(&app, &token_as("rita", "reviewer", &[P]), id).await;
        assert_eq!(problem(reviewer, 403).await["code"], "forbidden");
        let other = decide_patch(&app, &token_as("olga", "officer", &["p2"]), id).await;
        problem(other, 404).await;
        let history = app
            .get_json(&format!("/api/v1/items/{id}/history"), &token("admin", &[]))
            .await;
        let actions: Vec<&str> = history["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["edit", "edit", "approve"], "{db:?}");
        assert_eq!(history["items"][1]["before"]["data"]["description"], "Tent 4 x 4");
        assert_eq!(history["items"][1]["after"]["decision"], "prohibited");
        let batch = app
            .get_json(&format!("/api/v1/batches/{batch}"), &token("admin", &[]))
            .await;
        assert_eq!(batch["review_state"], "blocked");
    }
}

async fn decide_patch(app: &TestApp, token: &str, id: i64) -> reqwest::Response {
    let version = item(app, id).await["version"].clone();
    app.client
        .patch(app.url(&format!("/api/v1/items/{id}")))
        .bearer_auth(token)
        .json(&json!({"description": "Tent", "version": version}))
        .send()
        .await
        .unwrap()
}

/// The test catalogue with military helmets added and a new version.
fn upgraded_catalogue() -> (tempfile::TempDir, Arc<equipcheck::classify::Classifier>) {
    catalogue_variant("service-test-2", |dir| {
        let mut entries = std::fs::read_to_string(dir.join("entries.toml")).unwrap();
        entries.push_str(
            "\n[[entry]]\ncode = \"ML13.c\"\nlist = \"EU-CML\"\nparent = \"ML13\"\ntitle = \"Military helmets\"\n\
             decision = \"military\"\n[entry.terms]\nen = [\"combat helmet\"]\n",
        );
        std::fs::write(dir.join("entries.toml"), entries).unwrap();
    })
}

#[tokio::test]
async fn a_catalogue_change_rescreens_items_at_start_up() {
    let (catalogue, upgraded) = upgraded_catalogue();
    for db in backends() {
        let app = spawn_app(db).await;
        let (batch, items) = upload_lines(&app, "olga", P, &["Combat helmet", "Tent", "Combat helmet model B"]).await;
        let helmet = items[0]["id"].as_i64().unwrap();
        let delivered = items[2]["id"].as_i64().unwrap();
        assert_eq!(items[0]["decision"], "clear");
        for it in &items {
            approve_item(&app, it["id"].as_i64().unwrap()).await;
        }
        // A delivered item's decision is history: the rescreen leaves it alone.
        let delivery = app
            .post_json(
                "/api/v1/deliveries",
                &token("monitor", &[P]),
                &json!({"item_id": delivered, "quantity": 2,
                "delivered_on": "2026-11-01", "receiving_unit": "Groupement mobile", "location": "Niamey"}),
            )
            .await;
        assert_eq!(delivery.status(), 201, "{}", delivery.text().await.unwrap());
        let before = app
            .get_json(&format!("/api/v1/batches/{batch}"), &token("admin", &[]))
            .await;
        assert_eq!(before["review_state"], "open", "the unique tent line still waits");
        // The upgraded server rescreens before it answers.
        let address = restart_with(&app, upgraded.clone());
        let read = get_json_at(&app, &address, &format!("/api/v1/items/{helmet}")).await;
        assert_eq!(read["decision"], "military", "{read}");
        assert_eq!(read["review"]["status"], "pending");
        assert_eq!(read["review"]["rescreen"]["from"], "clear");
        assert_eq!(read["review"]["rescreen"]["to"], "military");
        assert_eq!(read["review"]["rescreen"]["catalog_version"], "service-test-2");
        assert!(read["review"]["rescreen"]["why"].as_str().unwrap().contains("ML13.c"));
        assert_eq!(
            item(&app, items[1]["id"].as_i64().unwrap()).await["review"]["status"],
            "approved"
        );
        let edit = app
            .client
            .patch(app.url(&format!("/api/v1/items/{delivered}")))
            .bearer_auth(token_as("olga", "officer", &[P]))
            .json(&json!({"description": "Tent", "version": item(&app, delivered).await["version"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            problem(edit, 409).await["code"],
            "invalid_state",
            "a delivered item is not edited"
        );
        let kept = item(&app, delivered).await;
        assert_eq!(
            (kept["decision"].as_str(), kept["review"]["status"].as_str()),
            (Some("clear"), Some("approved"))
        );
        let history = app
            .get_json(&format!("/api/v1/items/{helmet}/history"), &token("admin", &[]))
            .await;
        assert_eq!(history["items"][0]["action"], "rescreen");
        assert_eq!(history["items"][0]["actor"], "system:rescreen");
        assert_eq!(history["items"][0]["catalog_version"], "service-test-2");
        // The command line does the same; nothing is left to change.
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_equipcheck"))
            .args([
                "--catalog",
                catalogue.path().to_str().unwrap(),
                "rescreen",
                "--database-url",
                &app.database_url,
            ])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{stdout} {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(stdout.contains("0 changed"), "{stdout}");
    }
}

#[tokio::test]
async fn decision_reports_neutralise_formulas_in_csv_xlsx_and_the_command_line() {
    for db in backends() {
        let app = spawn_app(db).await;
        let lines = ["=HYPERLINK(http://evil) tent", "  +SUM(1) tent", "@cmd tent", "-1+tent"];
        let (batch, items) = upload_lines(&app, "olga", P, &lines).await;
        // As stored (the importer may trim cells).
        let stored: Vec<String> = items
            .iter()
            .map(|i| i["description"].as_str().unwrap().to_string())
            .collect();
        let hostile: Vec<&str> = stored.iter().map(String::as_str).collect();
        let id = items[0]["id"].as_i64().unwrap();
        decide(
            &app,
            &token_as("rita", "reviewer", &[P]),
            id,
            json!({"action": "reject", "justification": "=cmd|' /C calc'!A0 is not a tent"}),
        )
        .await;
        let csv = app
            .get(
                &format!("/api/v1/batches/{batch}/decisions.csv"),
                &token("monitor", &[P]),
            )
            .await;
        assert_eq!(csv.status(), 200);
        let text = csv.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert_eq!(rows.len(), 5);
        for (row, line) in rows.iter().zip(&hostile) {
            assert_eq!(&row[col("description")], format!("'{line}"));
        }
        assert_eq!(&rows[0][col("justification")], "'=cmd|' /C calc'!A0 is not a tent");
        assert_eq!(&rows[0][col("reviewer")], "rita");
        assert_eq!(&rows[0][col("review_status")], "rejected");
        assert!(!rows[0][col("reviewed_at")].is_empty());
        // The workbook: every cell a string, neutralised; a summary sheet with counts and the catalogue version.
        let xlsx = app
            .get(
                &format!("/api/v1/batches/{batch}/decisions.xlsx"),
                &token("monitor", &[P]),
            )
            .await;
        assert_eq!(xlsx.status(), 200);
        let stored = app
            .get_json(&format!("/api/v1/batches/{batch}"), &token("monitor", &[P]))
            .await;
        let uploaded = &stored["created_at"].as_str().expect("created_at")[..10];
        assert_eq!(
            xlsx.headers()["content-disposition"],
            format!("attachment; filename=\"equipcheck-{P}-{uploaded}-decisions.xlsx\"").as_str()
        );
        let bytes = xlsx.bytes().await.unwrap().to_vec();
        check_workbook(&bytes, &hostile);
        // Headers in the language the client asks for; the CSV keeps its machine names.
        let french = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/batches/{batch}/decisions.xlsx")))
            .bearer_auth(token("monitor", &[P]))
            .header("Accept-Language", "fr-CH, fr;q=0.9")
            .send()
            .await
            .unwrap();
        check_french_headers(&french.bytes().await.unwrap());
        let hidden = app
            .get(
                &format!("/api/v1/batches/{batch}/decisions.xlsx"),
                &token("monitor", &["p2"]),
            )
            .await;
        problem(hidden, 404).await;
        // The command line writes the same workbook.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("d.xlsx");
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_equipcheck"))
            .args([
                "--catalog",
                fixture("service-catalog").to_str().unwrap(),
                "export",
                &batch,
            ])
            .args(["--database-url", &app.database_url, "--output", out.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(status.success());
        check_workbook(&std::fs::read(&out).unwrap(), &hostile);
    }
}

fn check_french_headers(bytes: &[u8]) {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(workbook.sheet_names(), ["Décisions", "Synthèse"]);
    let sheet = workbook.worksheet_range("Décisions").unwrap();
    assert_eq!(sheet.get((0, 5)), Some(&Data::String("Quantité".into())));
    assert_eq!(sheet.get((1, 11)), Some(&Data::String("Sans objection".into())));
}

fn check_workbook(bytes: &[u8], hostile: &[&str]) {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(workbook.sheet_names(), ["Decisions", "Summary"]);
    let formulas = workbook.worksheet_formula("Decisions").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formulas");
    let sheet = workbook.worksheet_range("Decisions").unwrap();
    assert_eq!(sheet.get((0, 4)), Some(&Data::String("Description".into())));
    assert_eq!(sheet.get((0, 20)), Some(&Data::String("Reviewed at (UTC)".into())));
    for (r, line) in hostile.iter().enumerate() {
        assert_eq!(sheet.get((r + 1, 4)), Some(&Data::String(format!("'{line}"))));
        // The item id and the sheet's row are numbers; the decision is in words.
        assert!(
            matches!(sheet.get((r + 1, 0)), Some(Data::Float(_))),
            "{:?}",
            sheet.get((r + 1, 0))
        );
        assert!(matches!(sheet.get((r + 1, 2)), Some(Data::Float(_))));
        assert_eq!(sheet.get((r + 1, 11)), Some(&Data::String("Clear".into())));
    }
    // The rejected line's review time is a date cell.
    assert!(
        sheet.rows().skip(1).any(|row| matches!(row[20], Data::DateTime(_))),
        "a reviewed_at date"
    );
    let summary = workbook.worksheet_range("Summary").unwrap();
    let text: Vec<String> = summary
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("="))
        .collect();
    assert!(text.contains(&"Clear=5".to_string()), "{text:?}");
    assert!(
        text.contains(&"Catalogue version now=service-test-1".to_string()),
        "{text:?}"
    );
    assert!(text.contains(&"Rejected=1".to_string()), "{text:?}");
}
