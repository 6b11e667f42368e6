//! Issue 16, finding 10: database faults (a write lock held by another process, a read-only database, killed
//! connections) answer 503 with Retry-After and a reason code, never a generic 500; `/ready` checks that the
//! database is reachable and writable.

use crate::helpers::*;
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl};

async fn submit_order(app: &TestApp) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/purchase-orders?project=p1"))
        .bearer_auth(token_as("erp-client", "erp", &["p1"]))
        .header("content-type", "application/x-ndjson")
        .body(format!("{{\"description\": \"Tent {}\"}}\n", uuid::Uuid::new_v4()))
        .send()
        .await
        .unwrap()
}

async fn fault(response: reqwest::Response) -> String {
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    assert!(retry_after.is_some_and(|s| s > 0), "503 without Retry-After");
    problem(response, 503).await["code"].as_str().unwrap().to_string()
}

/// A write lock held by another process: SQLite's write lock, or PostgreSQL table locks.
enum Holder {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

fn hold_write_lock(app: &TestApp, db: Db) -> Holder {
    match db {
        Db::Sqlite => {
            let path = app.database_url.trim_start_matches("sqlite://");
            let mut conn = diesel::SqliteConnection::establish(path).unwrap();
            conn.batch_execute("BEGIN IMMEDIATE").unwrap();
            Holder::Sqlite(conn)
        }
        Db::Postgres => {
            let mut conn = diesel::PgConnection::establish(&app.database_url).unwrap();
            conn.batch_execute("BEGIN; LOCK TABLE batches, settings IN ACCESS EXCLUSIVE MODE")
                .unwrap();
            Holder::Pg(conn)
        }
    }
}

fn release(holder: Holder) {
    match holder {
        Holder::Sqlite(mut c) => c.batch_execute("ROLLBACK").unwrap(),
        Holder::Pg(mut c) => c.batch_execute("ROLLBACK").unwrap(),
    }
}

#[tokio::test]
async fn a_lock_held_elsewhere_answers_503_database_busy_and_ready_says_so() {
    for db in backends() {
        let app = spawn_app_with(db, &["--db-lock-timeout", "1s"]).await;
        assert_eq!(submit_order(&app).await.status(), 201);
        let holder = hold_write_lock(&app, db);
        assert_eq!(fault(submit_order(&app).await).await, "database_busy", "{db:?}");
        let ready = app.client.get(app.url("/ready")).send().await.unwrap();
        assert_eq!(fault(ready).await, "database_busy", "{db:?}: /ready must check a write");
        release(holder);
        assert_eq!(submit_order(&app).await.status(), 201, "{db:?}");
        assert_eq!(app.client.get(app.url("/ready")).send().await.unwrap().status(), 200);
    }
}

#[tokio::test]
async fn a_read_only_database_and_killed_connections_answer_503_with_the_reason() {
    if !backends().contains(&Db::Postgres) {
        return;
    }
    let app = spawn_app(Db::Postgres).await;
    assert_eq!(submit_order(&app).await.status(), 201);
    let name = app.database_url.rsplit('/').next().unwrap().to_string();
    let admin_url = std::env::var("EQUIPCHECK_TEST_POSTGRES_URL").unwrap();
    let mut admin = diesel::PgConnection::establish(&admin_url).unwrap();
    let kill = format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    );
    // Every connection of the pool is killed (as by a failover), and the database has become read-only.
    diesel::sql_query(format!("ALTER DATABASE {name} SET default_transaction_read_only = on"))
        .execute(&mut admin)
        .unwrap();
    diesel::sql_query(&kill).execute(&mut admin).unwrap();
    let ready = app.client.get(app.url("/ready")).send().await.unwrap();
    assert_eq!(fault(ready).await, "database_read_only");
    assert_eq!(fault(submit_order(&app).await).await, "database_read_only");
    // Reads still work.
    let batches = app.get("/api/v1/batches", &token("admin", &[])).await;
    assert_eq!(batches.status(), 200);
    diesel::sql_query(format!("ALTER DATABASE {name} SET default_transaction_read_only = off"))
        .execute(&mut admin)
        .unwrap();
    diesel::sql_query(&kill).execute(&mut admin).unwrap();
    assert_eq!(submit_order(&app).await.status(), 201);
    assert_eq!(app.client.get(app.url("/ready")).send().await.unwrap().status(), 200);
}
