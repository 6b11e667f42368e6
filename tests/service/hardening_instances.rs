//! Issue 16, several instances on one PostgreSQL database: the start-up rescreen runs once however many instances
//! start together (an advisory lock; the others wait and then find the catalogue version current); the sign-in
//! throttle, the API rate limit and the per-user upload cap count across instances (also two instances on one
//! SQLite file: the same code path); periodic work is queued once. Sign-out on one instance ending the session on
//! the others is in `hardening_sessions`.

use crate::hardening_uploads::stalled_upload;
use crate::helpers::*;
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
use equipcheck::db::instance_lock::RESCREEN_LOCK;
use serde_json::json;
use std::sync::{Arc, Barrier};
use std::time::Duration;

#[tokio::test]
async fn instances_starting_together_rescreen_once() {
    if !backends().contains(&Db::Postgres) {
        return;
    }
    let app = spawn_app(Db::Postgres).await;
    let lines: Vec<String> = (0..30).map(|i| format!("Helmet model {i}")).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    upload_lines(&app, "amina", "p1", &lines).await;
    let (_dir, upgraded) = catalogue_variant("service-test-2", |_| {});
    // Hold the lock as a third instance busy with its rescreen would.
    let holder = equipcheck::db::connect(&app.database_url, 1).expect("database");
    let mut held = holder.get().expect("connection");
    let equipcheck::db::DbConnection::Pg(pg) = &mut *held else {
        panic!("a PostgreSQL connection")
    };
    diesel::sql_query(format!("SELECT pg_advisory_lock({RESCREEN_LOCK})"))
        .execute(pg)
        .expect("lock");
    let ready = Arc::new(Barrier::new(3));
    let starts: Vec<_> = (0..2)
        .map(|_| {
            let (url, classifier, ready) = (app.database_url.clone(), upgraded.clone(), ready.clone());
            std::thread::spawn(move || {
                let pool = equipcheck::db::connect(&url, 2).expect("database");
                ready.wait();
                equipcheck::startup::rescreen_if_catalog_changed(&pool, &classifier).expect("rescreen")
            })
        })
        .collect();
    ready.wait();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        starts.iter().all(|s| !s.is_finished()),
        "no instance rescreens while another holds the lock"
    );
    diesel::sql_query(format!("SELECT pg_advisory_unlock({RESCREEN_LOCK})"))
        .execute(pg)
        .expect("unlock");
    let reports: Vec<_> = starts.into_iter().map(|s| s.join().expect("thread")).collect();
    let ran: Vec<_> = reports.iter().flatten().collect();
    assert_eq!(ran.len(), 1, "exactly one instance rescreened: {reports:?}");
    assert!(ran[0].examined >= 30, "{reports:?}");
    assert_eq!(ran[0].to_version, "service-test-2");
}

async fn sign_in_status(client: &reqwest::Client, address: &str, name: &str, password: &str) -> u16 {
    client
        .post(format!("{address}/auth/login"))
        .json(&json!({"name": name, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn instances_share_the_sign_in_throttle() {
    for db in backends() {
        // Before the servers start: a wait would leave the client's pooled connections idle past keep-alive.
        early_in_window(15 * 60, 60).await;
        let app = spawn_app(db).await;
        let other = another_instance(&app, &[]);
        add_user(&app, "amina");
        // Ten failures for the account, spread over both instances (each saw only five).
        for i in 0..10 {
            let at = if i % 2 == 0 { &app.address } else { &other };
            let status = sign_in_status(&app.client, at, "amina", "wrong guess").await;
            assert_eq!(status, 401, "{db:?}: failure {i}");
        }
        for at in [&app.address, &other] {
            let status = sign_in_status(&app.client, at, "Amina", "a long passphrase here").await;
            assert_eq!(status, 429, "{db:?}: the account is throttled on {at}");
        }
        add_user(&app, "boris");
        let status = sign_in_status(&app.client, &other, "boris", "a long passphrase here").await;
        assert_eq!(status, 200, "{db:?}: other accounts sign in");
    }
}

#[tokio::test]
async fn instances_share_the_rate_limit() {
    for db in backends() {
        early_in_window(60, 20).await;
        let app = spawn_app_with(db, &["--rate-limit", "4"]).await;
        let other = another_instance(&app, &["--rate-limit", "4"]);
        let admin = token("admin", &[]);
        let mut statuses = Vec::new();
        for at in [&app.address, &other, &app.address, &other, &other, &app.address] {
            let response = get_json_status(&app.client, at, &admin).await;
            statuses.push(response);
        }
        assert_eq!(statuses, [200, 200, 200, 200, 429, 429], "{db:?}");
    }
}

async fn get_json_status(client: &reqwest::Client, address: &str, token: &str) -> u16 {
    client
        .get(format!("{address}/api/v1/batches"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn instances_share_the_upload_cap() {
    for db in backends() {
        let flags = ["--max-uploads-per-user", "1", "--body-idle-timeout", "2s"];
        let app = spawn_app_with(db, &flags).await;
        let other = TestApp::at(&app, another_instance(&app, &flags));
        let slow = token_as("slow", "officer", &["p1"]);
        let stalled = stalled_upload(&app, &slow, "/api/v1/batches").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let csv = |n: u32| format!("Description\nTent {n} x 4\n").into_bytes();
        let refused = other.upload_bytes(&slow, "p1", "b.csv", csv(1)).await;
        assert_eq!(
            problem(refused, 429).await["code"],
            "too_busy",
            "{db:?}: one in flight on the first instance"
        );
        let olga = token_as("olga", "officer", &["p1"]);
        assert_eq!(
            other.upload_bytes(&olga, "p1", "o.csv", csv(2)).await.status(),
            201,
            "{db:?}"
        );
        drop(stalled);
        // The slot is released once the first instance sees the connection close.
        let mut status = 0;
        for _ in 0..50 {
            status = other.upload_bytes(&slow, "p1", "c.csv", csv(3)).await.status().as_u16();
            if status == 201 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(status, 201, "{db:?}");
    }
}

#[tokio::test]
async fn periodic_work_is_queued_once_and_prunes_expired_windows() {
    use equipcheck::db::rate_counters;
    use equipcheck::jobs::periodic::{self, PRUNE_JOB};
    for db in backends() {
        let app = spawn_app(db).await;
        let _second = another_instance(&app, &[]);
        let _third = another_instance(&app, &[]);
        let pool = equipcheck::db::connect(&app.database_url, 1).expect("database");
        let mut conn = pool.get().expect("connection");
        let queued = |conn: &mut equipcheck::db::DbConnection| -> i64 {
            use equipcheck::db::schema::jobs;
            jobs::table
                .filter(jobs::kind.eq(PRUNE_JOB))
                .filter(jobs::state.eq("queued"))
                .count()
                .get_result(conn)
                .expect("count")
        };
        let first = queued(&mut conn);
        assert!(
            first == 1 || first == 2,
            "{db:?}: three instances queued {first} prunes"
        );
        let now = i64::try_from(now()).unwrap();
        rate_counters::add(&mut conn, "test", "gone", now - 600, now - 1, 3).expect("expired");
        rate_counters::add(&mut conn, "test", "kept", now, now + 600, 3).expect("live");
        assert_eq!(periodic::prune(&mut conn, now).expect("prune"), 1, "{db:?}");
        assert_eq!(rate_counters::hits(&mut conn, "test", "gone", now - 600).unwrap(), 0);
        assert_eq!(rate_counters::hits(&mut conn, "test", "kept", now).unwrap(), 3);
        assert!(
            !periodic::schedule_prune(&mut conn, now).expect("schedule"),
            "{db:?}: the period's run exists"
        );
    }
}
