//! Issue 16, findings 8 and 9: an Idempotency-Key left "in progress" by a crash becomes retryable after its
//! lease, without ever storing the order twice; concurrent first uploads and orders to a new project all succeed.

use crate::helpers::*;
use equipcheck::db::idempotency::{self, Begin};
use serde_json::{json, Value};
use std::time::Duration;

const BODY: &str = "{\"description\": \"Tent 6 x 6\", \"quantity\": 4}\n";

async fn submit(app: &TestApp, erp: &str, key: &str, project: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/purchase-orders?project={project}&reference=PO-7")))
        .bearer_auth(erp)
        .header("content-type", "application/x-ndjson")
        .header("Idempotency-Key", key)
        .body(BODY)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_key_left_in_progress_by_a_crash_is_retryable_after_its_lease() {
    for db in backends() {
        let app = spawn_app_with(db, &["--idempotency-timeout", "2s"]).await;
        let erp = token_as("erp-client", "erp", &["p1"]);
        // What kill -9 during the first request leaves behind: the key claimed, nothing stored.
        let hash = equipcheck::service::sha256_hex(&[b"p1", b"PO-7", BODY.as_bytes()]);
        let pool = equipcheck::db::connect(&app.database_url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        let now = equipcheck::db::now();
        let claim = idempotency::begin(&mut conn, "erp-client", "PO-7-v1", &hash, Duration::from_secs(2), now);
        assert!(matches!(claim, Ok(Begin::Started { .. })), "{claim:?}");

        let busy = submit(&app, &erp, "PO-7-v1", "p1").await;
        assert!(busy.headers().contains_key("retry-after"));
        assert_eq!(problem(busy, 409).await["code"], "idempotency_in_progress");
        tokio::time::sleep(Duration::from_millis(2300)).await;
        let retried = submit(&app, &erp, "PO-7-v1", "p1").await;
        assert_eq!(retried.status(), 201, "{db:?}");
        let first: Value = retried.json().await.unwrap();
        let replay = submit(&app, &erp, "PO-7-v1", "p1").await;
        assert_eq!(replay.status(), 201);
        assert_eq!(replay.headers()["idempotent-replayed"], "true");
        let replayed: Value = replay.json().await.unwrap();
        assert_eq!(first["id"], replayed["id"]);
        let batches = app.get_json("/api/v1/batches?source=erp", &token("admin", &[])).await;
        assert_eq!(batches["items"].as_array().unwrap().len(), 1, "{db:?}: stored once");
    }
}

#[tokio::test]
async fn a_request_that_outlived_its_lease_cannot_store_its_response() {
    for db in backends() {
        let app = spawn_app(db).await;
        let pool = equipcheck::db::connect(&app.database_url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        let t0 = equipcheck::db::now();
        let Ok(Begin::Started { lease: first }) =
            idempotency::begin(&mut conn, "erp", "k", "h", Duration::from_secs(60), t0)
        else {
            panic!("first claim")
        };
        let later = t0 + chrono::Duration::seconds(61);
        let Ok(Begin::Started { lease: second }) =
            idempotency::begin(&mut conn, "erp", "k", "h", Duration::from_secs(60), later)
        else {
            panic!("the stale claim is taken over")
        };
        assert!(idempotency::complete(&mut conn, "erp", "k", first, 201, "{}")
            .unwrap()
            .is_err());
        assert!(idempotency::complete(&mut conn, "erp", "k", second, 201, "{}")
            .unwrap()
            .is_ok());
        let again = idempotency::begin(&mut conn, "erp", "k", "h", Duration::from_secs(60), later);
        assert!(
            matches!(again, Ok(Begin::Replay { status: 201, .. })),
            "{db:?}: {again:?}"
        );
    }
}

#[tokio::test]
async fn concurrent_first_uploads_and_orders_to_a_new_project_all_succeed() {
    for db in backends() {
        let app = spawn_app_with(
            db,
            &[
                "--max-concurrent-uploads",
                "16",
                "--max-uploads-per-user",
                "16",
                "--db-pool-size",
                "12",
            ],
        )
        .await;
        let officer = token_as("olga", "officer", &["fresh"]);
        let names: Vec<String> = (0..8).map(|i| format!("s{i}.csv")).collect();
        let uploads = names.iter().map(|name| {
            let csv = format!("Description\nTent {name} {}\n", uuid::Uuid::new_v4());
            app.upload_bytes(&officer, "fresh", name, csv.into_bytes())
        });
        let statuses: Vec<u16> = futures_util::future::join_all(uploads)
            .await
            .into_iter()
            .map(|r| r.status().as_u16())
            .collect();
        assert_eq!(statuses, vec![201; 8], "{db:?}: uploads");
        let erp = token_as("erp-client", "erp", &["fresh2"]);
        let orders = (0..8).map(|i| {
            app.client
                .post(app.url("/api/v1/purchase-orders?project=fresh2"))
                .bearer_auth(&erp)
                .header("Idempotency-Key", format!("k{i}"))
                .header("content-type", "application/x-ndjson")
                .body(format!("{}\n", json!({"description": format!("Tent {i}")})))
                .send()
        });
        let statuses: Vec<u16> = futures_util::future::join_all(orders)
            .await
            .into_iter()
            .map(|r| r.unwrap().status().as_u16())
            .collect();
        assert_eq!(statuses, vec![201; 8], "{db:?}: orders");
        let projects = app.get_json("/api/v1/projects", &token("admin", &[])).await;
        let ids: Vec<&str> = projects
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["fresh", "fresh2"]);
    }
}
