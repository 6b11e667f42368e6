//! No single person lowers a prohibited decision, by any route: an edit, an ERP re-submission of the same order
//! line or a rescreen that screens a once-prohibited item lower waits for two reviewers; whoever edited an item
//! takes no review step on it; bulk approval leaves such items out and says so; the item, its history and the
//! decisions report keep "screened prohibited on upload"; the database refuses a laundered approval.

use crate::helpers::*;
use serde_json::{json, Value};

const P: &str = "p-int";

fn reviewer(name: &str) -> String {
    token_as(name, "reviewer", &[P])
}

async fn body(response: reqwest::Response, status: u16) -> Value {
    let got = response.status();
    let body: Value = response.json().await.expect("json");
    assert_eq!(got, status, "{body}");
    body
}

async fn patch(app: &TestApp, token: &str, id: i64, description: &str) -> reqwest::Response {
    let version = item(app, id).await["version"].clone();
    app.client
        .patch(app.url(&format!("/api/v1/items/{id}")))
        .bearer_auth(token)
        .json(&json!({"description": description, "version": version, "reason": "corrected by the supplier"}))
        .send()
        .await
        .expect("patch")
}

async fn step(app: &TestApp, token: &str, id: i64, action: &str) -> reqwest::Response {
    decide(
        app,
        token,
        id,
        json!({"action": action, "justification": "Checked the supplier's datasheet and the order line"}),
    )
    .await
}

async fn approve_clear(app: &TestApp, token: &str, batch: &str) -> Value {
    let response = app
        .post_json(
            &format!("/api/v1/batches/{batch}/approve-clear"),
            token,
            &json!({"justification": "Civilian equipment, nothing to control"}),
        )
        .await;
    body(response, 200).await
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_i64().or_else(|| v["id"].as_i64()).expect("id"))
        .collect()
}

fn causes(item: &Value) -> Vec<String> {
    item["screenings"]
        .as_array()
        .expect("screenings")
        .iter()
        .map(|s| format!("{}:{}", s["cause"].as_str().unwrap(), s["decision"].as_str().unwrap()))
        .collect()
}

/// Two distinct reviewers confirm a held proposal; answers the item afterwards.
async fn two_reviewers_confirm(app: &TestApp, id: i64, first: &str, second: &str) -> Value {
    let once = body(step(app, &reviewer(first), id, "confirm_reclassification").await, 200).await;
    assert_eq!(once["decision"], "prohibited", "one confirmation is not enough: {once}");
    assert_eq!(once["review"]["status"], "proposed");
    assert_eq!(once["review"]["proposal"]["confirmations"][0]["by"], first);
    let again = step(app, &reviewer(first), id, "confirm_reclassification").await;
    assert_eq!(problem(again, 403).await["code"], "second_reviewer_required");
    body(step(app, &reviewer(second), id, "confirm_reclassification").await, 200).await
}

#[tokio::test]
async fn an_officers_edit_of_a_rifle_waits_for_two_reviewers_and_bulk_approval_leaves_it_out() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (batch, items) =
            upload_lines(&app, "amina", P, &["Kalashnikov AK-47 assault rifle", "Folding table"]).await;
        let rifle = items[0]["id"].as_i64().unwrap();
        assert_eq!(items[0]["decision"], "prohibited");
        let amina = token_as("amina", "officer", &[P]);

        let edited = body(patch(&app, &amina, rifle, "Field equipment kit").await, 200).await;
        assert_eq!(edited["decision"], "prohibited", "held: {edited}");
        assert_eq!(edited["review"]["status"], "proposed");
        assert_eq!(edited["review"]["proposal"]["decision"], "clear");
        assert_eq!(edited["review"]["proposal"]["origin"], "edit");
        assert_eq!(edited["review"]["proposal"]["by"], "amina");
        assert_eq!(edited["screened_prohibited"], "screened prohibited on upload");
        assert_eq!(edited["description"], "Field equipment kit");

        // A reviewer's bulk approval approves the clear lines, never the laundered one.
        let bulk = approve_clear(&app, &reviewer("rita"), &batch).await;
        assert!(!ids(&bulk["approved"]).contains(&rifle), "{bulk}");
        assert_eq!(bulk["count"], 2, "the table and the unique tent line: {bulk}");
        let read = item(&app, rifle).await;
        assert_eq!(read["decision"], "prohibited");
        assert_eq!(read["review"]["status"], "proposed");
        assert_eq!(causes(&read), ["upload:prohibited", "edit:clear"], "{db:?}");

        // Still held after two confirmations lower it: never in bulk, only on its own.
        let lowered = two_reviewers_confirm(&app, rifle, "rita", "rene").await;
        assert_eq!(lowered["decision"], "clear", "{lowered}");
        assert_eq!(lowered["review"]["lowered_by"], "rita");
        assert_eq!(lowered["review"]["lowering_confirmed_by"], "rene");
        let bulk = approve_clear(&app, &reviewer("rosa"), &batch).await;
        assert_eq!(bulk["count"], 0, "{bulk}");
        assert_eq!(bulk["skipped"][0]["id"], rifle);
        assert_eq!(bulk["skipped"][0]["code"], "two_reviewers_required");
        let approved = body(step(&app, &reviewer("rosa"), rifle, "approve").await, 200).await;
        assert_eq!(approved["review"]["status"], "approved");
        assert_eq!(approved["screened_prohibited"], "screened prohibited on upload");

        // The audit trail holds every step, the refused bulk approval included.
        let history = app
            .get_json(&format!("/api/v1/items/{rifle}/history"), &token("admin", &[]))
            .await;
        let steps: Vec<String> = history["items"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .map(|r| format!("{}:{}", r["action"].as_str().unwrap(), r["outcome"].as_str().unwrap()))
            .collect();
        assert_eq!(
            steps,
            [
                "edit:done",
                "confirm_reclassification:done",
                "confirm_reclassification:refused",
                "confirm_reclassification:done",
                "approve:refused",
                "approve:done"
            ],
            "{db:?}"
        );
    }
}

#[tokio::test]
async fn an_admin_who_edits_a_pistol_cannot_confirm_or_approve_it_himself() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (batch, items) = upload_lines(&app, "olga", P, &["Glock 17 pistol", "Camping tent"]).await;
        let (pistol, tent) = (items[0]["id"].as_i64().unwrap(), items[1]["id"].as_i64().unwrap());
        let adam = token_as("adam", "admin", &[]);

        let edited = body(patch(&app, &adam, pistol, "Stapler for office use").await, 200).await;
        assert_eq!(edited["decision"], "prohibited");
        assert_eq!(edited["review"]["status"], "proposed");
        for action in [
            "confirm_reclassification",
            "approve",
            "reject",
            "decline_reclassification",
        ] {
            let refused = step(&app, &adam, pistol, action).await;
            assert_eq!(problem(refused, 403).await["code"], "four_eyes_party", "{action}");
        }
        let lowered = two_reviewers_confirm(&app, pistol, "rita", "rene").await;
        assert_eq!(lowered["decision"], "clear");
        let refused = step(&app, &adam, pistol, "approve").await;
        assert_eq!(problem(refused, 403).await["code"], "four_eyes_party");

        // An edit of a clear item makes the editor a party too: his own bulk approval leaves it out.
        body(patch(&app, &adam, tent, "Camping tent 4 x 4").await, 200).await;
        let bulk = approve_clear(&app, &adam, &batch).await;
        let skipped: Vec<(i64, String)> = bulk["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["id"].as_i64().unwrap(), s["code"].as_str().unwrap().to_string()))
            .collect();
        assert!(
            skipped.contains(&(pistol, "two_reviewers_required".to_string())),
            "{bulk}"
        );
        assert!(skipped.contains(&(tent, "four_eyes_party".to_string())), "{bulk}");
        assert!(!ids(&bulk["approved"]).contains(&tent));

        // The legitimate path: a reviewer who is no party approves it.
        let approved = body(step(&app, &reviewer("rene"), pistol, "approve").await, 200).await;
        assert_eq!(approved["review"]["status"], "approved");

        // The decisions report keeps the first screening.
        let csv = app
            .get(&format!("/api/v1/batches/{batch}/decisions.csv"), &reviewer("rita"))
            .await
            .text()
            .await
            .unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header = reader.headers().unwrap().clone();
        let column = |name: &str| header.iter().position(|h| h == name).expect(name);
        let row = reader
            .records()
            .map(|r| r.unwrap())
            .find(|r| r[column("item_id")] == pistol.to_string())
            .expect("pistol row");
        assert_eq!(&row[column("screened_prohibited")], "screened prohibited on upload");
        assert!(
            row[column("screening_history")].contains("screened clear on edit"),
            "{row:?}"
        );
        assert_eq!(&row[column("description")], "Stapler for office use");
    }
}

async fn submit(app: &TestApp, lines: &[Value]) -> Value {
    let body_text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let response = app
        .client
        .post(app.url(&format!("/api/v1/purchase-orders?project={P}&reference=PO-2026-77")))
        .bearer_auth(token_as("erp-client", "erp", &[P]))
        .header("Content-Type", "application/x-ndjson")
        .body(body_text)
        .send()
        .await
        .unwrap();
    let batch = body(response, 201).await;
    let id = batch["id"].as_str().unwrap();
    app.get_json(&format!("/api/v1/batches/{id}/items"), &token("admin", &[]))
        .await
}

#[tokio::test]
async fn an_erp_resubmission_of_the_same_line_cannot_launder_a_rifle() {
    for db in backends() {
        let app = spawn_app(db).await;
        let first = submit(
            &app,
            &[
                json!({"line_ref": "10", "description": "Kalashnikov AK-47 assault rifle", "quantity": 4}),
                json!({"line_ref": "20", "description": "Folding table", "quantity": 2}),
            ],
        )
        .await;
        let old_rifle = first["items"][0]["id"].as_i64().unwrap();
        let old_table = first["items"][1]["id"].as_i64().unwrap();
        assert_eq!(first["items"][0]["decision"], "prohibited");

        let again = submit(
            &app,
            &[
                json!({"line_ref": "10", "description": "Field equipment kit", "quantity": 4}),
                json!({"line_ref": "20", "description": "Folding table, aluminium", "quantity": 2}),
                json!({"line_ref": "30", "description": "Camping tent", "quantity": 1}),
            ],
        )
        .await;
        let batch = again["items"][0]["batch_id"].as_str().unwrap().to_string();
        let rifle = again["items"][0]["id"].as_i64().unwrap();
        assert_eq!(again["items"][0]["decision"], "prohibited", "held: {again}");
        assert_eq!(again["items"][0]["review"]["status"], "proposed");
        assert_eq!(again["items"][0]["supersedes"], old_rifle);
        assert_eq!(again["items"][1]["supersedes"], old_table);
        assert_eq!(again["items"][1]["decision"], "clear", "a harmless line is not held");
        assert!(
            again["items"][2]["supersedes"].is_null(),
            "a new line re-submits nothing"
        );

        let read = item(&app, rifle).await;
        assert_eq!(read["review"]["proposal"]["origin"], "resubmission");
        assert_eq!(read["screened_prohibited"], "screened prohibited on submission");
        assert_eq!(causes(&read), ["submission:prohibited", "resubmission:clear"]);
        assert_eq!(read["screenings"][0]["item"], old_rifle);

        let bulk = approve_clear(&app, &reviewer("rita"), &batch).await;
        assert!(!ids(&bulk["approved"]).contains(&rifle), "{bulk}");
        assert_eq!(bulk["count"], 2);
        let lowered = two_reviewers_confirm(&app, rifle, "rita", "rene").await;
        assert_eq!(lowered["decision"], "clear");
        let history = app
            .get_json(&format!("/api/v1/items/{rifle}/history"), &token("admin", &[]))
            .await;
        let actions: Vec<&str> = history["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["action"].as_str().unwrap())
            .collect();
        assert!(actions.contains(&"resubmit"), "{actions:?}");
    }
}

/// The test catalogue at a new version where "starter pistol" is a civilian look-alike.
fn catalogue_with_starter_pistols() -> (tempfile::TempDir, std::sync::Arc<equipcheck::classify::Classifier>) {
    catalogue_variant("service-test-3", |dir| {
        let negatives = std::fs::read_to_string(dir.join("negatives.toml")).unwrap();
        assert!(negatives.contains("negative = ["));
        let negatives = negatives.replacen("negative = [", "negative = [\"starter pistol\", ", 1);
        std::fs::write(dir.join("negatives.toml"), negatives).unwrap();
    })
}

#[tokio::test]
async fn a_rescreen_that_lowers_a_prohibited_decision_waits_for_two_reviewers() {
    let (_catalogue, upgraded) = catalogue_with_starter_pistols();
    for db in backends() {
        let app = spawn_app(db).await;
        let (_, items) = upload_lines(&app, "olga", P, &["Starter pistol for athletics"]).await;
        let id = items[0]["id"].as_i64().unwrap();
        assert_eq!(items[0]["decision"], "prohibited");

        let address = restart_with(&app, upgraded.clone());
        let read = get_json_at(&app, &address, &format!("/api/v1/items/{id}")).await;
        assert_eq!(read["decision"], "prohibited", "held: {read}");
        assert_eq!(read["review"]["status"], "proposed");
        assert_eq!(read["review"]["proposal"]["origin"], "rescreen");
        assert_eq!(read["review"]["proposal"]["decision"], "clear");
        assert_eq!(causes(&read), ["upload:prohibited", "rescreen:clear"]);
        assert_eq!(read["screenings"][1]["catalog_version"], "service-test-3");

        // The same database: two reviewers lower it, whichever server they use.
        let lowered = two_reviewers_confirm(&app, id, "rita", "rene").await;
        assert_eq!(lowered["decision"], "clear");
        assert_eq!(lowered["screened_prohibited"], "screened prohibited on upload");
    }
}

#[tokio::test]
async fn the_database_refuses_a_laundered_approval() {
    use diesel::RunQueryDsl;
    for db in backends() {
        let app = spawn_app(db).await;
        let (_, items) = upload_lines(
            &app,
            "olga",
            P,
            &["Kalashnikov AK-47 assault rifle", "Folding table", "Tent"],
        )
        .await;
        let (rifle, table) = (items[0]["id"].as_i64().unwrap(), items[1]["id"].as_i64().unwrap());
        let tent = items[2]["id"].as_i64().unwrap();
        let pool = equipcheck::db::connect(&app.database_url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        let mut run = |sql: String| diesel::sql_query(sql).execute(&mut *conn);
        for sql in [
            format!("UPDATE items SET decision = 'clear', review_status = 'approved', reviewed_by = 'rita' WHERE id = {rifle}"),
            format!("UPDATE items SET decision = 'clear', ever_prohibited = FALSE WHERE id = {rifle}"),
            format!("UPDATE items SET decision = 'clear', review_status = 'approved', reviewed_by = 'rita', \
                     lowered_by = 'rita', lowering_confirmed_by = 'rita' WHERE id = {rifle}"),
            // Four eyes: the uploader approves her own line.
            format!("UPDATE items SET review_status = 'approved', reviewed_by = 'olga' WHERE id = {table}"),
            // ... also as one row among several in one statement (the rule is checked per statement on PostgreSQL).
            format!(
                "UPDATE items SET review_status = 'approved', \
                 reviewed_by = CASE WHEN id = {table} THEN 'olga' ELSE 'rosa' END WHERE id IN ({tent}, {table})"
            ),
            format!("UPDATE items SET review_status = 'approved', reviewed_by = 'rosa', lowered_by = 'olga' WHERE id = {tent}"),
            format!("DELETE FROM item_screenings WHERE item_id = {rifle}"),
            format!("UPDATE item_screenings SET decision = 'clear' WHERE item_id = {rifle}"),
        ] {
            assert!(run(sql.clone()).is_err(), "{db:?} accepted: {sql}");
        }
        // What the application does after two distinct reviewers confirmed is accepted.
        run(format!(
            "UPDATE items SET decision = 'clear', review_status = 'approved', reviewed_by = 'rosa', \
             lowered_by = 'rita', lowering_confirmed_by = 'rene' WHERE id = {rifle}"
        ))
        .expect("two distinct reviewers");
        drop(conn);
        assert_eq!(
            item(&app, tent).await["review"]["status"],
            "pending",
            "a refused statement changes no row"
        );
        let read = item(&app, rifle).await;
        assert_eq!(read["review"]["status"], "approved");
        assert_eq!(read["screened_prohibited"], "screened prohibited on upload");
    }
}
