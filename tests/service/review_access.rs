//! Who may take which review step: every role on every review route, four eyes for whoever uploaded or submitted
//! a batch (whatever role they hold when they try), and the no-weapons rule for every role and route. Every
//! refusal leaves an audit record.

use crate::helpers::*;
use serde_json::{json, Value};

const P: &str = "p1";
const ROLES: [&str; 5] = ["officer", "reviewer", "monitor", "admin", "erp"];

/// Every review step with a valid body (the state may still make it fail; the rules are checked first).
fn steps() -> Vec<Value> {
    let why = "Checked against the licence and the end-user certificate";
    vec![
        json!({"action": "approve", "justification": why}),
        json!({"action": "reject", "justification": why}),
        json!({"action": "reclassify", "decision": "military", "justification": why}),
        json!({"action": "confirm_reclassification", "justification": why}),
        json!({"action": "decline_reclassification", "justification": why}),
        json!({"action": "ask", "question": "Which frame rate does it deliver?"}),
    ]
}

async fn refused_records(app: &TestApp, actor: &str) -> Vec<Value> {
    let records = app
        .get_json(
            &format!("/api/v1/audit?actor={actor}&outcome=refused&limit=500"),
            &token("admin", &[]),
        )
        .await;
    records["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn only_reviewers_and_admins_take_review_steps() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (batch, items) = upload_lines(&app, "olga", P, &["Night vision goggles"]).await;
        let id = items[0]["id"].as_i64().unwrap();
        for role in ["officer", "monitor", "erp"] {
            let sub = format!("someone-{role}");
            for step in steps() {
                let response = decide(&app, &token_as(&sub, role, &[P]), id, step.clone()).await;
                assert_eq!(
                    problem(response, 403).await["code"],
                    "forbidden",
                    "{role} {step} on {db:?}"
                );
                // Also for another project's item: the role decides first, as on every route.
                let response = decide(&app, &token_as(&sub, role, &["p2"]), id, step.clone()).await;
                assert_eq!(
                    problem(response, 403).await["code"],
                    "forbidden",
                    "{role} {step} on {db:?}"
                );
            }
            let bulk = app
                .post_json(
                    &format!("/api/v1/batches/{batch}/approve-clear"),
                    &token_as(&sub, role, &[P]),
                    &json!({"justification": "Civilian equipment only, nothing to control"}),
                )
                .await;
            assert_eq!(problem(bulk, 403).await["code"], "forbidden");
            assert_eq!(refused_records(&app, &sub).await.len(), 13, "{role} on {db:?}");
        }
        // A reviewer of another project does not see the item at all.
        let response = decide(&app, &token_as("x", "reviewer", &["p2"]), id, steps()[0].clone()).await;
        problem(response, 404).await;
        // Nothing changed.
        let after = item(&app, id).await;
        assert_eq!(after["review"]["status"], "pending");
        assert_eq!(after["version"], items[0]["version"]);
    }
}

#[tokio::test]
async fn nobody_decides_on_a_batch_they_uploaded_or_submitted() {
    for db in backends() {
        let app = spawn_app(db).await;
        // An officer's upload, an admin's upload, an ERP client's purchase order.
        let (officer_batch, officer_items) = upload_lines(&app, "olga", P, &["Night vision goggles"]).await;
        let admin_upload = app
            .upload_bytes(
                &token_as("ada", "admin", &[]),
                P,
                "a.csv",
                b"Description\nNight vision goggles\nTent\n".to_vec(),
            )
            .await;
        assert_eq!(admin_upload.status(), 201);
        let admin_batch = admin_upload.json::<Value>().await.unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let order = app
            .client
            .post(app.url(&format!("/api/v1/purchase-orders?project={P}&reference=PO-1")))
            .bearer_auth(token_as("erp-client", "erp", &[P]))
            .body("{\"description\": \"Night vision goggles\"}\n{\"description\": \"Tent\"}\n")
            .send()
            .await
            .unwrap();
        assert_eq!(order.status(), 201);
        let order_batch = order.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
        let first_item = |batch: String| {
            let app = &app;
            async move {
                let items = app
                    .get_json(&format!("/api/v1/batches/{batch}/items"), &token("admin", &[]))
                    .await;
                items["items"][0]["id"].as_i64().unwrap()
            }
        };
        let cases = [
            ("olga", officer_batch.clone(), officer_items[0]["id"].as_i64().unwrap()),
            ("ada", admin_batch.clone(), first_item(admin_batch).await),
            ("erp-client", order_batch.clone(), first_item(order_batch).await),
        ];
        for (uploader, batch, id) in cases {
            // Whatever role the uploader holds when they try, through every route.
            for role in ["reviewer", "admin"] {
                let who = token_as(uploader, role, &[P]);
                for step in steps() {
                    let response = decide(&app, &who, id, step.clone()).await;
                    assert_eq!(
                        problem(response, 403).await["code"],
                        "four_eyes",
                        "{uploader} as {role}: {step} on {db:?}"
                    );
                }
                let bulk = app
                    .post_json(
                        &format!("/api/v1/batches/{batch}/approve-clear"),
                        &who,
                        &json!({"justification": "Civilian equipment only, nothing to control"}),
                    )
                    .await;
                assert_eq!(problem(bulk, 403).await["code"], "four_eyes");
            }
            let refusals = refused_records(&app, uploader).await;
            assert_eq!(refusals.len(), 14, "{uploader} on {db:?}");
            assert!(refusals
                .iter()
                .all(|r| r["reason"].as_str().unwrap().starts_with("four_eyes")));
            let after = item(&app, id).await;
            assert_eq!(after["review"]["status"], "pending");
            // Another reviewer may.
            approve_item(&app, id).await;
        }
    }
}

#[tokio::test]
async fn a_prohibited_item_is_never_approved_by_any_role_or_route() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (batch, items) = upload_lines(&app, "olga", P, &["Assault rifle", "Night vision goggles"]).await;
        let rifle = items[0]["id"].as_i64().unwrap();
        let goggles = items[1]["id"].as_i64().unwrap();
        for role in ROLES {
            let who = token_as(&format!("r-{role}"), role, &[P]);
            let response = decide(
                &app,
                &who,
                rifle,
                json!({"action": "approve",
                "justification": "Looks harmless enough to me"}),
            )
            .await;
            let expected = if matches!(role, "reviewer" | "admin") {
                (422, "prohibited_item")
            } else {
                (403, "forbidden")
            };
            assert_eq!(
                problem(response, expected.0).await["code"],
                expected.1,
                "{role} on {db:?}"
            );
            // Bulk approval naming the rifle leaves it alone.
            let bulk = app
                .post_json(
                    &format!("/api/v1/batches/{batch}/approve-clear"),
                    &who,
                    &json!({"justification": "Approving everything in this batch", "items": [rifle]}),
                )
                .await;
            if matches!(role, "reviewer" | "admin") {
                assert_eq!(bulk.json::<Value>().await.unwrap()["count"], 0);
            }
        }
        // Raising an item to prohibited takes effect at once; it is then blocked too.
        let raised = decide(
            &app,
            &token_as("rita", "reviewer", &[P]),
            goggles,
            json!({"action": "reclassify",
            "decision": "prohibited", "entry": "ML1", "justification": "A weapon sight, not goggles: see the photo"}),
        )
        .await;
        assert_eq!(raised.json::<Value>().await.unwrap()["decision"], "prohibited");
        let response = decide(
            &app,
            &token_as("rene", "admin", &[]),
            goggles,
            json!({"action": "approve",
            "justification": "Needed urgently by the partner"}),
        )
        .await;
        assert_eq!(problem(response, 422).await["code"], "prohibited_item");
        // The database refuses it too, whatever the application does.
        let mut conn = equipcheck::db::connect(&app.database_url, 1).unwrap().get().unwrap();
        let sql = format!("UPDATE items SET review_status = 'approved' WHERE id = {rifle}");
        assert!(diesel::RunQueryDsl::execute(diesel::sql_query(sql), &mut *conn).is_err());
        for id in [rifle, goggles] {
            assert_ne!(item(&app, id).await["review"]["status"], "approved");
        }
        let batch = app
            .get_json(&format!("/api/v1/batches/{batch}"), &token("admin", &[]))
            .await;
        assert_eq!(batch["review_state"], "blocked");
        let refused = app
            .get_json(
                "/api/v1/audit?action=approve&outcome=refused&limit=100",
                &token("admin", &[]),
            )
            .await;
        assert_eq!(refused["total"], 6, "five roles on the rifle, one admin on the goggles");
    }
}
