//! Webhooks delivered to a receiver the test starts on loopback: signatures, retries with backoff, the delivery
//! log, replay, unsubscribing; and the job queue's leases.

use crate::helpers::*;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    at: Instant,
    signature: String,
    delivery: String,
    body: Vec<u8>,
}

/// An HTTP receiver on 127.0.0.1 that answers the statuses in `plan` in turn (then 200) and keeps every request.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Received>>>,
}

async fn receiver(plan: Vec<u16>) -> Receiver {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let got = Arc::new(Mutex::new(Vec::new()));
    let plan = Arc::new(Mutex::new(plan.into_iter()));
    let log = got.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (log, plan) = (log.clone(), plan.clone());
            tokio::spawn(async move {
                let mut data = Vec::new();
                let mut buf = [0u8; 4096];
                let (head_end, length) = loop {
                    let n = stream.read(&mut buf).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    data.extend_from_slice(&buf[..n]);
                    if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&data[..end]).to_lowercase();
                        let length = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        break (end + 4, length);
                    }
                };
                while data.len() < head_end + length {
                    let n = stream.read(&mut buf).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    data.extend_from_slice(&buf[..n]);
                }
                let head = String::from_utf8_lossy(&data[..head_end]).to_string();
                let header = |name: &str| {
                    head.lines()
                        .find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
                        })
                        .unwrap_or_default()
                };
                log.lock().unwrap().push(Received {
                    at: Instant::now(),
                    signature: header("Equipcheck-Signature"),
                    delivery: header("Equipcheck-Delivery"),
                    body: data[head_end..].to_vec(),
                });
                let status = plan.lock().unwrap().next().unwrap_or(200);
                let answer = format!("HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                let _ = stream.write_all(answer.as_bytes()).await;
            });
        }
    });
    Receiver { url, got }
}

impl Receiver {
    fn got(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits (bounded) until `n` requests arrived.
    async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..300 {
            if self.got().len() >= n {
                return self.got();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the receiver got {} requests, expected {n}", self.got().len());
    }
}

/// What a receiver does to check a delivery, written independently of the server's code.
fn signed_by(secret: &str, received: &Received) -> bool {
    let mut t = "";
    let mut v1 = "";
    for part in received.signature.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => t = value,
            Some(("v1", value)) => v1 = value,
            _ => {}
        }
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.").as_bytes());
    mac.update(&received.body);
    let age = now() as i64 - t.parse::<i64>().unwrap_or(0);
    hex::encode(mac.finalize().into_bytes()) == v1 && age.abs() < 300
}

const FAST_JOBS: &[&str] = &[
    "--webhook-allow-private",
    "--job-poll-interval",
    "50ms",
    "--webhook-retry-base",
    "200ms",
];

async fn subscribe(app: &TestApp, token: &str, url: &str) -> Value {
    let response = app
        .post_json("/api/v1/projects/p1/webhooks", token, &json!({ "url": url }))
        .await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let hook: Value = response.json().await.unwrap();
    assert_eq!(
        location,
        format!("/api/v1/projects/p1/webhooks/{}", hook["id"].as_str().unwrap())
    );
    hook
}

#[tokio::test]
async fn deliveries_are_signed_retried_with_backoff_logged_and_replayable() {
    for db in backends() {
        let app = spawn_app_with(db, FAST_JOBS).await;
        // Two failures before the receiver accepts.
        let receiver = receiver(vec![500, 503]).await;
        let erp = token("erp", &["p1"]);
        let hook = subscribe(&app, &erp, &receiver.url).await;
        let secret = hook["secret"].as_str().unwrap().to_string();
        assert!(secret.starts_with("whsec_") && secret.len() > 40);
        let id = hook["id"].as_str().unwrap().to_string();
        let listed = app.get_json("/api/v1/projects/p1/webhooks", &erp).await;
        assert_eq!(listed["items"][0]["id"], id.as_str());
        assert!(listed["items"][0].get("secret").is_none(), "the secret is shown once");

        let (batch, _) = upload_lines(&app, "olga", "p1", &["Tent, 8 persons"]).await;
        // batch.created fails twice, then arrives (a batch that starts `open` has no state change yet).
        let got = receiver.wait_for(3).await;
        let first: Value = serde_json::from_slice(&got[0].body).unwrap();
        assert_eq!(first["type"], "batch.created");
        assert_eq!(first["entity_id"], batch.as_str());
        assert!(got.iter().all(|r| signed_by(&secret, r)), "every delivery verifies");
        assert!(!signed_by("whsec_wrong", &got[0]));
        // The same delivery, tried three times, with a growing wait (at least the configured base, doubled).
        let tries: Vec<&Received> = got.iter().filter(|r| r.delivery == got[0].delivery).collect();
        assert_eq!(tries.len(), 3, "{got:?}");
        assert!(tries[1].at - tries[0].at >= Duration::from_millis(200));
        assert!(tries[2].at - tries[1].at >= Duration::from_millis(400));

        let log_path = format!("/api/v1/projects/p1/webhooks/{id}/deliveries");
        let mut log = app.get_json(&log_path, &erp).await;
        for _ in 0..100 {
            if log["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d["state"] == "delivered")
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            log = app.get_json(&log_path, &erp).await;
        }
        let created = log["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == got[0].delivery.as_str())
            .unwrap()
            .clone();
        assert_eq!(created["state"], "delivered", "{log}");
        assert_eq!(created["attempts"], 3);
        assert_eq!(created["last_status"], 200);
        assert_eq!(created["event"], first["cursor"]);

        // Replay: the same event again, as a new delivery.
        let delivered = got.len();
        let replay = app
            .post_json(
                &format!("{log_path}/{}/replay", created["id"].as_str().unwrap()),
                &erp,
                &json!({}),
            )
            .await;
        assert_eq!(replay.status(), 202);
        let replayed: Value = replay.json().await.unwrap();
        assert_ne!(replayed["id"], created["id"]);
        let got = receiver.wait_for(delivered + 1).await;
        let last = got.last().unwrap();
        assert_eq!(last.delivery, replayed["id"].as_str().unwrap());
        assert_eq!(serde_json::from_slice::<Value>(&last.body).unwrap(), first);
        assert!(signed_by(&secret, last));
        problem(
            app.post_json(&format!("{log_path}/nope/replay"), &erp, &json!({}))
                .await,
            404,
        )
        .await;

        // Other projects and roles do not reach the subscription.
        problem(app.get(&log_path, &token("erp", &["p2"])).await, 404).await;
        problem(app.get(&log_path, &token("officer", &["p1"])).await, 403).await;

        // Unsubscribed: later changes are not delivered.
        let response = app
            .client
            .delete(app.url(&format!("/api/v1/projects/p1/webhooks/{id}")))
            .bearer_auth(&erp)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
        let count = receiver.got().len();
        upload_lines(&app, "olga", "p1", &["Radio handset"]).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(receiver.got().len(), count);
        problem(app.get(&log_path, &erp).await, 404).await;
    }
}

#[tokio::test]
async fn delivery_urls_are_checked() {
    let app = spawn_app(Db::Sqlite).await;
    let admin = token("admin", &[]);
    for url in [
        "ftp://erp.example.org/hook",
        "https://user:pass@erp.example.org/hook",
        "http://127.0.0.1:9/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost/hook",
        "not a url",
    ] {
        let body = problem(
            app.post_json("/api/v1/projects/p1/webhooks", &admin, &json!({ "url": url }))
                .await,
            422,
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "url", "{url}: {body}");
    }
    let response = app
        .post_json(
            "/api/v1/projects/p1/webhooks",
            &admin,
            &json!({"url": "https://erp.example.org/hook"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    problem(
        app.post_json(
            "/api/v1/projects/p1/webhooks",
            &token("reviewer", &["p1"]),
            &json!({"url": "https://erp.example.org/hook"}),
        )
        .await,
        403,
    )
    .await;
}

#[tokio::test]
async fn a_job_whose_worker_stopped_is_taken_again_after_its_lease_and_each_job_goes_to_one_worker() {
    use equipcheck::db::jobs;
    for db in backends() {
        let (url, _guard) = fresh_database(db);
        let pool = equipcheck::db::connect(&url, 4).unwrap();
        let mut conn = pool.get().unwrap();
        let t0 = equipcheck::db::now();
        let first = equipcheck::jobs::enqueue(&mut conn, "test", json!({"n": 1}), t0).unwrap();
        let second = equipcheck::jobs::enqueue(&mut conn, "test", json!({"n": 2}), t0).unwrap();
        let later = t0 + chrono::Duration::hours(1);
        equipcheck::jobs::enqueue(&mut conn, "test", json!({"n": 3}), later).unwrap();

        let lease = Duration::from_secs(60);
        let a = equipcheck::jobs::claim(&mut conn, "a", t0, lease).unwrap().unwrap();
        let b = equipcheck::jobs::claim(&mut conn, "b", t0, lease).unwrap().unwrap();
        assert_ne!(a.id, b.id, "each job goes to one worker");
        assert_eq!(
            [a.id.clone(), b.id.clone()]
                .iter()
                .filter(|i| **i == first || **i == second)
                .count(),
            2
        );
        // Nothing else is due (the third runs in an hour).
        assert!(equipcheck::jobs::claim(&mut conn, "c", t0, lease).unwrap().is_none());

        // Worker a stops; after its lease its job is c's, on the second attempt, and a's late result is dropped.
        let after_lease = t0 + chrono::Duration::seconds(61);
        let c = equipcheck::jobs::claim(&mut conn, "c", after_lease, lease)
            .unwrap()
            .unwrap();
        assert!(c.id == a.id || c.id == b.id);
        assert_eq!(c.attempts, 2);
        let stale = if c.id == a.id { "a" } else { "b" };
        let done = jobs::Finish::Succeeded { result: None };
        assert!(!jobs::finish(&mut conn, &c.id, stale, &done, after_lease).unwrap());
        assert!(jobs::finish(&mut conn, &c.id, "c", &done, after_lease).unwrap());
        assert_eq!(jobs::get(&mut conn, &c.id).unwrap().unwrap().state, "succeeded");
    }
}
