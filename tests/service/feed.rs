//! The change feed: ordered, stable cursors, project scoping, and no event for a change that did not happen.

use crate::helpers::*;
use serde_json::{json, Value};

/// Every event the token sees, page by page (`limit` each), and the cursor after the last.
pub async fn read_feed(app: &TestApp, token: &str, query: &str, limit: i64) -> (Vec<Value>, String) {
    let mut events = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/events?limit={limit}{query}");
        if let Some(cursor) = &after {
            path.push_str(&format!("&after={cursor}"));
        }
        let response = app.get(&path, token).await;
        assert_eq!(response.status(), 200, "{path}");
        let link = response
            .headers()
            .get("link")
            .expect("Link")
            .to_str()
            .unwrap()
            .to_string();
        let page: Value = response.json().await.unwrap();
        let cursor = page["next_cursor"].as_str().unwrap().to_string();
        assert!(
            link.contains(&format!("after={cursor}")) && link.ends_with("rel=\"next\""),
            "{link}"
        );
        let items = page["items"].as_array().unwrap().clone();
        let done = items.is_empty();
        events.extend(items);
        after = Some(cursor);
        if done {
            return (events, after.unwrap_or_default());
        }
    }
}

#[tokio::test]
async fn the_feed_is_ordered_stable_and_scoped_to_the_token_s_projects() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (batch1, items1) = upload_lines(&app, "olga", "p1", &["Tent, 8 persons"]).await;
        let (batch2, _) = upload_lines(&app, "olga", "p2", &["Thermal camera"]).await;
        approve_item(&app, items1[0]["id"].as_i64().unwrap()).await;

        let admin = token("admin", &[]);
        let (all, end) = read_feed(&app, &admin, "", 2).await;
        let kinds: Vec<(&str, &str)> = all
            .iter()
            .map(|e| (e["type"].as_str().unwrap(), e["project"].as_str().unwrap()))
            .collect();
        assert_eq!(kinds[0], ("batch.created", "p1"), "{kinds:?}");
        assert!(kinds.contains(&("batch.created", "p2")), "{kinds:?}");
        assert!(kinds.contains(&("item.review_step", "p1")), "{kinds:?}");
        assert_eq!(all[0]["entity_id"], batch1.as_str());
        assert_eq!(all[0]["data"]["action"], "upload");
        let step = all.iter().find(|e| e["type"] == "item.review_step").unwrap();
        assert_eq!(step["data"]["after"]["review_status"], "approved", "{step}");
        // The review step comes after both uploads: the feed is in the order the changes were made.
        let position = |t: &str, p: &str| kinds.iter().position(|k| *k == (t, p)).unwrap();
        assert!(position("batch.created", "p2") < position("item.review_step", "p1"));
        let cursors: Vec<&str> = all.iter().map(|e| e["cursor"].as_str().unwrap()).collect();
        let mut unique = cursors.clone();
        unique.dedup();
        assert_eq!(unique.len(), cursors.len());

        // The same cursor always answers the same events; nothing new after the end.
        let again = app
            .get_json(&format!("/api/v1/events?after={}&limit=100", cursors[0]), &admin)
            .await;
        assert_eq!(again["items"].as_array().unwrap().as_slice(), &all[1..]);
        let tail = app.get_json(&format!("/api/v1/events?after={end}"), &admin).await;
        assert_eq!(tail["items"], json!([]));
        assert_eq!(tail["next_cursor"], end.as_str());
        // A later change appears after the old end.
        upload_lines(&app, "olga", "p1", &["Radio handset"]).await;
        let tail = app.get_json(&format!("/api/v1/events?after={end}"), &admin).await;
        assert_eq!(tail["items"][0]["type"], "batch.created");

        // An officer of p1 sees p1 only; asking for p2 looks like an empty feed.
        let officer = token("officer", &["p1"]);
        let (mine, _) = read_feed(&app, &officer, "", 100).await;
        assert!(!mine.is_empty());
        assert!(mine.iter().all(|e| e["project"] == "p1"), "{mine:?}");
        assert!(!mine.iter().any(|e| e["entity_id"] == batch2.as_str()));
        let (other, _) = read_feed(&app, &officer, "&project=p2", 100).await;
        assert!(other.is_empty());
        let (only_p2, _) = read_feed(&app, &admin, "&project=p2", 1).await;
        assert!(!only_p2.is_empty() && only_p2.iter().all(|e| e["project"] == "p2"));

        problem(app.get("/api/v1/events?after=not-a-cursor", &admin).await, 422).await;
        problem(app.get("/api/v1/events?after=-1", &admin).await, 422).await;
        // Cursors are plain digits: any sequence number is a cursor (the feed after it may be empty).
        assert_eq!(app.get("/api/v1/events?after=12", &admin).await.status(), 200);
        problem(app.get("/api/v1/events?limit=0", &admin).await, 422).await;
        problem(app.get("/api/v1/events", "not-a-token").await, 401).await;
    }
}

#[tokio::test]
async fn a_refused_change_writes_no_event() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (_, items) = upload_lines(&app, "olga", "p1", &["Assault rifle AK-47, 7.62x39"]).await;
        let rifle = items[0]["id"].as_i64().unwrap();
        assert_eq!(items[0]["decision"], "prohibited");
        let admin = token("admin", &[]);
        let (before, end) = read_feed(&app, &admin, "", 100).await;
        let response = decide(
            &app,
            &token_as("rita", "reviewer", &["p1"]),
            rifle,
            json!({"action": "approve", "justification": "Trying to approve a weapon for the test"}),
        )
        .await;
        assert!(response.status().is_client_error(), "{}", response.status());
        // The refusal is audited, but nothing changed: no event.
        let audit = app.get_json("/api/v1/audit?outcome=refused", &admin).await;
        assert!(audit["total"].as_i64().unwrap() >= 1, "{audit}");
        let tail = app.get_json(&format!("/api/v1/events?after={end}"), &admin).await;
        assert_eq!(tail["items"], json!([]), "{before:?}");
    }
}

#[tokio::test]
async fn a_bulk_approval_writes_one_event_per_item_in_the_order_of_the_audit_chain() {
    for db in backends() {
        let app = spawn_app(db).await;
        // More items than one page of the bulk approval and one chunk of the events' insert.
        let lines: Vec<String> = (0..1_234).map(|n| format!("Tent, 8 persons, lot {n}")).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (batch, _) = upload_lines(&app, "olga", "p1", &lines).await;
        let admin = token("admin", &[]);
        let (before, _) = read_feed(&app, &admin, "", 500).await;
        let response = app
            .post_json(
                &format!("/api/v1/batches/{batch}/approve-clear"),
                &token_as("rita", "reviewer", &["p1"]),
                &json!({"justification": "Tents are civilian shelter equipment"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let bulk: Value = response.json().await.unwrap();
        let approved: Vec<String> = bulk["approved"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_i64().unwrap().to_string())
            .collect();
        assert_eq!(approved.len(), lines.len() + 1, "{}", bulk["count"]);

        let (all, _) = read_feed(&app, &admin, "", 500).await;
        let steps: Vec<&Value> = all[before.len()..]
            .iter()
            .filter(|e| e["type"] == "item.review_step")
            .collect();
        let ids: Vec<&str> = steps.iter().map(|e| e["entity_id"].as_str().unwrap()).collect();
        assert_eq!(ids, approved, "one event per approved item, in sheet order");
        // Each event names its own audit record, and the records follow one another in the chain.
        let seqs: Vec<i64> = steps.iter().map(|e| e["data"]["audit_seq"].as_i64().unwrap()).collect();
        assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1), "{:?}", &seqs[..3]);
        assert!(steps.iter().all(|e| e["data"]["after"]["review_status"] == "approved"));
        let last = approved.last().unwrap();
        let record = app
            .get_json(&format!("/api/v1/audit?entity_type=item&entity_id={last}"), &admin)
            .await;
        assert_eq!(record["items"][0]["seq"].as_i64(), seqs.last().copied(), "{record}");
    }
}
