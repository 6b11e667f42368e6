//! The review workflow end to end over HTTP: queue, questions, approvals, rejections, the two-reviewer
//! correction of a prohibited false positive, versions, batch states and the audit records of it all.

use crate::helpers::*;
use serde_json::{json, Value};

const P: &str = "p1";

fn rita() -> String {
    token_as("rita", "reviewer", &[P])
}

fn rene() -> String {
    token_as("rene", "reviewer", &[P])
}

async fn ok(response: reqwest::Response) -> Value {
    let status = response.status();
    let body: Value = response.json().await.expect("json");
    assert_eq!(status, 200, "{body}");
    body
}

async fn batch_state(app: &TestApp, batch: &str) -> String {
    let batch = app
        .get_json(&format!("/api/v1/batches/{batch}"), &token("admin", &[]))
        .await;
    batch["review_state"].as_str().expect("review_state").to_string()
}

#[tokio::test]
async fn a_reviewer_clears_a_batch_end_to_end() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (batch, items) = upload_lines(
            &app,
            "olga",
            P,
            &["Thermal camera 30 Hz", "Assault rifle", "Night vision goggles"],
        )
        .await;
        let (camera, rifle, goggles) = (
            items[0]["id"].as_i64().unwrap(),
            items[1]["id"].as_i64().unwrap(),
            items[2]["id"].as_i64().unwrap(),
        );
        assert_eq!(items[1]["decision"], "prohibited");
        assert_eq!(batch_state(&app, &batch).await, "blocked", "{db:?}");

        // The queue: every item waits, oldest first, with counts per status.
        let queue = app
            .get_json(&format!("/api/v1/review/queue?batch={batch}"), &rita())
            .await;
        assert_eq!(queue["total"], 4);
        assert_eq!(queue["counts"]["pending"], 4);
        assert_eq!(queue["items"][0]["id"], camera);
        assert_eq!(queue["items"][0]["uploaded_by"], "olga");
        assert_eq!(queue["items"][0]["may_decide"], true);
        let own = app
            .get_json(
                &format!("/api/v1/review/queue?batch={batch}"),
                &token_as("olga", "reviewer", &[P]),
            )
            .await;
        assert_eq!(own["items"][0]["may_decide"], false, "four eyes");
        let only = app
            .get_json(
                &format!("/api/v1/review/queue?batch={batch}&decision=prohibited"),
                &rita(),
            )
            .await;
        assert_eq!(only["total"], 1);
        let by_entry = app
            .get_json(&format!("/api/v1/review/queue?batch={batch}&entry=ML1"), &rita())
            .await;
        assert_eq!(by_entry["items"][0]["id"], rifle);
        let by_text = app
            .get_json(&format!("/api/v1/review/queue?batch={batch}&q=GOGGLES"), &rita())
            .await;
        assert_eq!(by_text["total"], 1);

        // Clear items in bulk: only the tent; each approval has its own record.
        let bulk = ok(app
            .post_json(
                &format!("/api/v1/batches/{batch}/approve-clear"),
                &rita(),
                &json!({"justification": "Tents are civilian shelter equipment"}),
            )
            .await)
        .await;
        assert_eq!(bulk["count"], 1, "{bulk}");
        let tent = bulk["approved"][0].as_i64().unwrap();
        let history = app.get_json(&format!("/api/v1/items/{tent}/history"), &rita()).await;
        assert_eq!(history["items"][0]["action"], "approve");
        assert_eq!(history["items"][0]["actor"], "rita");

        // A question puts the camera on hold until the uploader answers.
        let asked = ok(decide(
            &app,
            &rita(),
            camera,
            json!({"action": "ask",
            "question": "Which frame rate does the camera deliver?"}),
        )
        .await)
        .await;
        assert_eq!(asked["review"]["status"], "on_hold");
        let held = decide(
            &app,
            &rita(),
            camera,
            json!({"action": "approve",
            "justification": "Frame rate checked with the supplier"}),
        )
        .await;
        assert_eq!(problem(held, 409).await["code"], "invalid_state");
        let not_uploader = decide(
            &app,
            &rita(),
            camera,
            json!({"action": "answer", "answer": "It runs at 8 Hz only"}),
        )
        .await;
        assert_eq!(problem(not_uploader, 403).await["code"], "not_uploader");
        let answered = ok(decide(
            &app,
            &token_as("olga", "officer", &[P]),
            camera,
            json!({"action": "answer", "answer": "It runs at 8 Hz, see the datasheet"}),
        )
        .await)
        .await;
        assert_eq!(answered["review"]["status"], "pending");
        assert_eq!(
            answered["review"]["question"]["answer"],
            "It runs at 8 Hz, see the datasheet"
        );

        // Justifications must say something; versions must be current and given.
        for placeholder in ["", "ok", "n/a", "-", "test", "asdf", "fine"] {
            let response = decide(
                &app,
                &rita(),
                camera,
                json!({"action": "approve", "justification": placeholder}),
            )
            .await;
            assert_eq!(
                problem(response, 422).await["code"],
                "validation_failed",
                "{placeholder:?}"
            );
        }
        let version = item(&app, camera).await["version"].as_i64().unwrap();
        let stale = decide(
            &app,
            &rita(),
            camera,
            json!({"action": "approve", "version": version - 1,
            "justification": "Reclassified after the datasheet"}),
        )
        .await;
        assert_eq!(problem(stale, 409).await["code"], "version_conflict");
        let unversioned = app
            .post_json(
                &format!("/api/v1/items/{camera}/decisions"),
                &rita(),
                &json!({"action": "approve", "justification": "Datasheet says 8 Hz, below the threshold"}),
            )
            .await;
        assert_eq!(problem(unversioned, 428).await["code"], "precondition_required");
        // Reclassify with a catalogue entry, then approve with If-Match.
        let reclassified = ok(decide(
            &app,
            &rita(),
            camera,
            json!({"action": "reclassify", "decision": "clear",
            "entry": "6A003.b.4", "justification": "Datasheet says 8 Hz, below the 9 Hz threshold"}),
        )
        .await)
        .await;
        assert_eq!(reclassified["decision"], "clear");
        assert_eq!(reclassified["review"]["entry"], "6A003.b.4");
        assert_eq!(reclassified["review"]["status"], "pending");
        let etag = reclassified["version"].to_string();
        let approved = app
            .client
            .post(app.url(&format!("/api/v1/items/{camera}/decisions")))
            .bearer_auth(rene())
            .header("If-Match", format!("\"{etag}\""))
            .json(&json!({"action": "approve", "justification": "Datasheet checked, civilian camera"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            approved.headers()["etag"],
            format!("\"{}\"", reclassified["version"].as_i64().unwrap() + 1)
        );
        assert_eq!(ok(approved).await["review"]["status"], "approved");

        // The rifle: never approved; a false positive needs two different reviewers.
        let refused = decide(
            &app,
            &rita(),
            rifle,
            json!({"action": "approve",
            "justification": "Looks like a toy, approving it"}),
        )
        .await;
        assert_eq!(problem(refused, 422).await["code"], "prohibited_item");
        let proposed = ok(decide(
            &app,
            &rita(),
            rifle,
            json!({"action": "reclassify", "decision": "clear",
            "justification": "Airsoft replica for training, not a firearm"}),
        )
        .await)
        .await;
        assert_eq!(proposed["decision"], "prohibited");
        assert_eq!(proposed["review"]["status"], "proposed");
        assert_eq!(proposed["review"]["proposal"]["by"], "rita");
        let self_confirm = decide(
            &app,
            &rita(),
            rifle,
            json!({"action": "confirm_reclassification",
            "justification": "I confirm my own proposal"}),
        )
        .await;
        assert_eq!(problem(self_confirm, 403).await["code"], "second_reviewer_required");
        assert_eq!(batch_state(&app, &batch).await, "blocked");
        let confirmed = ok(decide(
            &app,
            &rene(),
            rifle,
            json!({"action": "confirm_reclassification",
            "justification": "Checked the supplier's catalogue: airsoft replica"}),
        )
        .await)
        .await;
        assert_eq!(confirmed["decision"], "clear");
        assert_eq!(confirmed["review"]["status"], "pending");
        assert_eq!(confirmed["batch_state"], "open");

        // Reject the goggles: every item decided, one rejected.
        ok(decide(
            &app,
            &rene(),
            rifle,
            json!({"action": "approve",
            "justification": "Replica confirmed by two reviewers"}),
        )
        .await)
        .await;
        let rejected = ok(decide(
            &app,
            &rene(),
            goggles,
            json!({"action": "reject",
            "justification": "No export licence for night vision in this project"}),
        )
        .await)
        .await;
        assert_eq!(rejected["batch_state"], "partially_cleared");
        assert_eq!(batch_state(&app, &batch).await, "partially_cleared");
        let queue = app
            .get_json(&format!("/api/v1/review/queue?batch={batch}"), &rita())
            .await;
        assert_eq!(queue["total"], 0);
        assert_eq!(queue["counts"]["approved"], 3);
        assert_eq!(queue["counts"]["rejected"], 1);

        // The audit trail has every step, both reviewers of the correction, and the refusals.
        let history = app.get_json(&format!("/api/v1/items/{rifle}/history"), &rita()).await;
        let actions: Vec<(&str, &str, &str)> = history["items"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .map(|r| {
                (
                    r["action"].as_str().unwrap(),
                    r["outcome"].as_str().unwrap(),
                    r["actor"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            actions,
            [
                ("approve", "refused", "rita"),
                ("reclassify", "done", "rita"),
                ("confirm_reclassification", "refused", "rita"),
                ("confirm_reclassification", "done", "rene"),
                ("approve", "done", "rene"),
            ]
        );
        let confirm = &history["items"][1];
        assert_eq!(confirm["reason"], "Checked the supplier's catalogue: airsoft replica");
        assert_eq!(confirm["before"]["decision"], "prohibited");
        assert_eq!(confirm["after"]["decision"], "clear");
        assert_eq!(confirm["auth_method"], "jwt:HS256");
        assert_eq!(confirm["actor_role"], "reviewer");
        assert!(confirm["request_id"].as_str().is_some_and(|r| !r.is_empty()));
        assert!(confirm["catalog_version"].is_string());
        let states = app
            .get_json(&format!("/api/v1/audit?entity_type=batch&entity_id={batch}"), &rita())
            .await;
        let actions: Vec<&str> = states["items"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .map(|r| r["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            ["upload", "batch_state", "batch_state", "batch_state"],
            "{db:?}"
        );
    }
}

#[tokio::test]
async fn a_declined_proposal_leaves_the_item_prohibited() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (_, items) = upload_lines(&app, "olga", P, &["Pistol"]).await;
        let pistol = items[0]["id"].as_i64().unwrap();
        ok(decide(
            &app,
            &rita(),
            pistol,
            json!({"action": "reclassify", "decision": "controlled",
            "justification": "A signal pistol for flares, not a firearm"}),
        )
        .await)
        .await;
        // Only a proposal can be confirmed or declined; anything else waits.
        let reject = decide(
            &app,
            &rene(),
            pistol,
            json!({"action": "reject", "justification": "Not needed at all"}),
        )
        .await;
        assert_eq!(problem(reject, 409).await["code"], "invalid_state");
        let declined = ok(decide(
            &app,
            &rita(),
            pistol,
            json!({"action": "decline_reclassification",
            "justification": "On second thoughts it fires 9 mm rounds"}),
        )
        .await)
        .await;
        assert_eq!(declined["decision"], "prohibited");
        assert_eq!(declined["review"]["status"], "pending");
        assert!(declined["review"]["proposal"].is_null());
        let confirm = decide(
            &app,
            &rene(),
            pistol,
            json!({"action": "confirm_reclassification",
            "justification": "Confirming the earlier proposal"}),
        )
        .await;
        assert_eq!(problem(confirm, 409).await["code"], "invalid_state");
        let rejected = ok(decide(
            &app,
            &rene(),
            pistol,
            json!({"action": "reject",
            "justification": "A firearm: never procured"}),
        )
        .await)
        .await;
        assert_eq!(rejected["review"]["status"], "rejected");
        assert_eq!(rejected["batch_state"], "blocked");
    }
}
