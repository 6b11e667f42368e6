//! The audit trail of a real service, tampered with directly in the database as an attacker would (after
//! disabling the triggers), and checked with `equipcheck audit verify`. Also: how an actor authenticated.

use crate::helpers::*;
use diesel::connection::SimpleConnection;
use diesel::RunQueryDsl;
use equipcheck::db::{self, DbConnection};
use serde_json::{json, Value};

/// Drops the guard triggers (SQLite) or disables them (PostgreSQL), then runs `sql`.
fn tamper(conn: &mut DbConnection, sql: &str) {
    let disable = match conn {
        DbConnection::Sqlite(_) => {
            "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;"
        }
        DbConnection::Pg(_) => "ALTER TABLE audit_log DISABLE TRIGGER USER;",
    };
    conn.batch_execute(&format!("{disable} {sql}")).expect("tamper");
}

fn connect(app: &TestApp) -> db::PooledConn {
    db::connect(&app.database_url, 1).unwrap().get().unwrap()
}

/// `equipcheck audit verify` on the app's database: (exit code, standard output).
fn verify(app: &TestApp, anchor: Option<&str>) -> (i32, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_equipcheck"));
    command.args(["audit", "verify", "--database-url", &app.database_url]);
    if let Some(anchor) = anchor {
        command.args(["--anchor", anchor]);
    }
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// A service with a few review steps recorded (upload, batch state, two approvals, a refusal): five records.
async fn busy_app(db: Db) -> TestApp {
    let app = spawn_app(db).await;
    let (_, items) = upload_lines(&app, "olga", "p1", &["Assault rifle", "Night vision goggles", "Tent"]).await;
    for it in &items[1..] {
        approve_item(&app, it["id"].as_i64().unwrap()).await;
    }
    let refused = decide(
        &app,
        &token_as("rita", "reviewer", &["p1"]),
        items[0]["id"].as_i64().unwrap(),
        json!({"action": "approve", "justification": "Approve the rifle regardless of the rule"}),
    )
    .await;
    assert_eq!(refused.status(), 422);
    app
}

#[tokio::test]
async fn the_database_refuses_changes_to_the_trail() {
    for db in backends() {
        let app = busy_app(db).await;
        let mut conn = connect(&app);
        for sql in [
            "UPDATE audit_log SET reason = 'x' WHERE seq = 2",
            "DELETE FROM audit_log WHERE seq = 2",
        ] {
            assert!(diesel::sql_query(sql).execute(&mut *conn).is_err(), "{sql} on {db:?}");
        }
        if db == Db::Postgres {
            assert!(diesel::sql_query("TRUNCATE audit_log").execute(&mut *conn).is_err());
        }
        let (code, out) = verify(&app, None);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("intact"), "{out}");
    }
}

#[tokio::test]
async fn verify_names_the_first_record_altered_removed_inserted_or_cut() {
    for db in backends() {
        // Altered: a justification rewritten.
        let app = busy_app(db).await;
        let (code, out) = verify(&app, None);
        assert_eq!(code, 0, "{out}");
        tamper(
            &mut connect(&app),
            "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3",
        );
        let (code, out) = verify(&app, None);
        assert_eq!(
            (code, out.trim()),
            (
                1,
                "audit trail BROKEN: record 3 was altered: its content does not match its hash"
            ),
            "{db:?}"
        );

        // Removed: a refusal deleted from the middle.
        let app = busy_app(db).await;
        tamper(&mut connect(&app), "DELETE FROM audit_log WHERE seq = 4");
        let (code, out) = verify(&app, None);
        assert_eq!(code, 1);
        assert!(out.contains("record 4 was removed"), "{out} on {db:?}");

        // Inserted: a forged record with a correct hash of its own, appended without the real head's hash.
        let app = busy_app(db).await;
        let mut conn = connect(&app);
        let rows = equipcheck::db::audit::chain_page(&mut conn, 0, 1000).unwrap();
        let n = rows.len() as i64;
        let mut forged = rows[1].clone();
        forged.seq = n + 1;
        forged.reason = Some("approved by the director".into());
        forged.hash = equipcheck::audit::record_hash(&forged);
        equipcheck::db::audit::insert(&mut conn, &forged).unwrap();
        let (code, out) = verify(&app, None);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!("record {} does not follow record {n}", n + 1)),
            "{out} on {db:?}"
        );

        // Cut: the newest records removed leave a valid shorter chain, which only the anchor reveals.
        let app = busy_app(db).await;
        let (_, out) = verify(&app, None);
        let head = out
            .split("head ")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        let seq: i64 = head.split(':').next().unwrap().parse().unwrap();
        tamper(
            &mut connect(&app),
            &format!("DELETE FROM audit_log WHERE seq >= {}", seq - 1),
        );
        assert_eq!(verify(&app, None).0, 0, "a cut end alone looks intact");
        let (code, out) = verify(&app, Some(&head));
        assert_eq!(code, 1);
        assert!(
            out.contains(&format!("record {seq} no longer has the hash")),
            "{out} on {db:?}"
        );
    }
}

#[tokio::test]
async fn records_say_how_the_actor_authenticated() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (_, items) = upload_lines(&app, "olga", "p1", &["Tent"]).await;
        let hash = equipcheck::auth::password::hash("a long passphrase here").unwrap();
        equipcheck::db::users::upsert(&mut connect(&app), "rita", &hash, "reviewer", &["p1".to_string()]).unwrap();
        let login: Value = app
            .post_json(
                "/auth/login",
                "",
                &json!({"name": "rita", "password": "a long passphrase here"}),
            )
            .await
            .json()
            .await
            .unwrap();
        let session = login["access_token"].as_str().unwrap();
        let id = items[0]["id"].as_i64().unwrap();
        let response = decide(
            &app,
            session,
            id,
            json!({"action": "approve",
            "justification": "Civilian tent, nothing to control"}),
        )
        .await;
        assert_eq!(response.status(), 200);
        let records = app
            .get_json(&format!("/api/v1/items/{id}/history"), &token("admin", &[]))
            .await;
        assert_eq!(records["items"][0]["actor"], "rita");
        assert_eq!(records["items"][0]["auth_method"], "password");
        let upload = app.get_json("/api/v1/audit?action=upload", &token("admin", &[])).await;
        assert_eq!(upload["items"][0]["actor"], "olga");
        assert_eq!(upload["items"][0]["auth_method"], "jwt:HS256");
        // Describing a project is recorded too (admins only, so the record has a project and is listed).
        let put = app
            .client
            .put(app.url("/api/v1/projects/p1"))
            .bearer_auth(token_as("ada", "admin", &[]))
            .json(&json!({"name": "Police mobility"}))
            .send()
            .await
            .unwrap();
        assert_eq!(put.status(), 200, "the upload created the project");
        let described = app
            .get_json("/api/v1/audit?entity_type=project", &token("admin", &[]))
            .await;
        assert_eq!(described["items"][0]["action"], "describe_project");
        assert_eq!(described["items"][0]["after"]["name"], "Police mobility");
    }
}

#[tokio::test]
async fn request_ids_and_idempotency_keys_reach_the_audit_trail() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (_, items) = upload_lines(&app, "olga", "p1", &["Tent"]).await;
        let id = items[0]["id"].as_i64().unwrap();
        let version = items[0]["version"].as_i64().unwrap();
        let response = app
            .client
            .post(app.url(&format!("/api/v1/items/{id}/decisions")))
            .bearer_auth(token_as("rita", "reviewer", &["p1"]))
            .header("X-Request-Id", "req-review-42")
            .header("Idempotency-Key", "decision-7")
            .json(&json!({"action": "approve", "version": version, "justification": "Civilian tent, no control"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["x-request-id"], "req-review-42");
        assert_eq!(response.status(), 200);
        let generated = app
            .get("/api/v1/projects", &token_as("rita", "reviewer", &["p1"]))
            .await;
        assert_eq!(generated.headers()["x-request-id"].len(), 36, "a UUID is generated");
        let records = app
            .get_json("/api/v1/audit?action=approve", &token_as("rita", "reviewer", &["p1"]))
            .await;
        assert_eq!(records["items"][0]["request_id"], "req-review-42");
        assert_eq!(records["items"][0]["idempotency_key"], "decision-7");
        // Another project's records are invisible.
        let other = app
            .get_json("/api/v1/audit", &token_as("rita", "reviewer", &["p2"]))
            .await;
        assert_eq!(other["total"], 0);
        let other = app
            .get_json("/api/v1/audit?project=p1", &token_as("rita", "reviewer", &["p2"]))
            .await;
        assert_eq!(other["total"], 0);
    }
}
