//! Two reviewers acting on the same item at the same moment: one succeeds, the other gets 409, never a lost
//! update. Many rounds, on each database.

use crate::helpers::*;
use serde_json::{json, Value};

const ROUNDS: usize = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_decisions_on_one_item_give_one_success_and_one_conflict() {
    for db in backends() {
        let app = spawn_app(db).await;
        let lines: Vec<String> = (0..ROUNDS).map(|i| format!("Night vision goggles model {i}")).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (_, items) = upload_lines(&app, "olga", "p1", &lines).await;
        for (round, it) in items.iter().enumerate() {
            let id = it["id"].as_i64().unwrap();
            let version = it["version"].as_i64().unwrap();
            // One approves, the other rejects: a lost update would be visible as the wrong final state.
            let send = |who: &'static str, action: &'static str| {
                let client = app.client.clone();
                let url = app.url(&format!("/api/v1/items/{id}/decisions"));
                async move {
                    let response = client
                        .post(url)
                        .bearer_auth(token_as(who, "reviewer", &["p1"]))
                        .json(&json!({"action": action, "version": version,
                            "justification": "Decided in the concurrency test round"}))
                        .send()
                        .await
                        .unwrap();
                    let status = response.status().as_u16();
                    let body: Value = response.json().await.unwrap();
                    (status, body)
                }
            };
            let (a, b) = tokio::join!(
                tokio::spawn(send("rita", "approve")),
                tokio::spawn(send("rene", "reject"))
            );
            let (a, b) = (a.unwrap(), b.unwrap());
            let mut statuses = [a.0, b.0];
            statuses.sort_unstable();
            assert_eq!(statuses, [200, 409], "round {round} on {db:?}: {} / {}", a.1, b.1);
            let (winner, loser) = if a.0 == 200 { (a, b) } else { (b, a) };
            assert_eq!(loser.1["code"], "version_conflict", "round {round}: {}", loser.1);
            let stored = item(&app, id).await;
            assert_eq!(
                stored["review"]["status"], winner.1["review"]["status"],
                "round {round} on {db:?}"
            );
            assert_eq!(stored["version"], version + 1);
            let history = app
                .get_json(&format!("/api/v1/items/{id}/history"), &token("admin", &[]))
                .await;
            assert_eq!(history["total"], 1, "exactly one audit record, the winner's");
        }
    }
}
