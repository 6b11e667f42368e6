//! Issue 16, finding 3: a flood of sign-ins neither holds database connections nor starves other requests
//! (passwords are checked on a bounded pool of their own), and failures are also throttled per client.

use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn reads_are_served_while_a_flood_of_wrong_sign_ins_is_checked() {
    for db in backends() {
        let app = spawn_app_with(
            db,
            &[
                "--db-pool-size",
                "2",
                "--db-pool-timeout",
                "1s",
                "--password-threads",
                "1",
                "--max-failed-logins-per-client",
                "1000",
            ],
        )
        .await;
        add_user(&app, "amina");
        let flood: Vec<_> = (0..24)
            .map(|i| {
                let client = app.client.clone();
                let url = app.url("/auth/login");
                tokio::spawn(async move {
                    client
                        .post(url)
                        .json(&json!({"name": format!("user{i}"), "password": "wrong guess"}))
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16()
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let admin = token("admin", &[]);
        for _ in 0..5 {
            let read = app.get("/api/v1/batches", &admin).await;
            assert_eq!(read.status(), 200, "{db:?}: a read during the flood");
        }
        for handle in flood {
            let status = handle.await.unwrap();
            assert!(status == 401 || status == 429, "{db:?}: a sign-in answered {status}");
        }
    }
}

#[tokio::test]
async fn failed_sign_ins_are_also_counted_per_client() {
    early_in_window(15 * 60, 60).await;
    let app = spawn_app_with(Db::Sqlite, &["--max-failed-logins-per-client", "3"]).await;
    add_user(&app, "amina");
    for name in ["a", "b", "c"] {
        let response = app
            .post_json("/auth/login", "", &json!({"name": name, "password": "wrong guess"}))
            .await;
        assert_eq!(response.status(), 401);
    }
    // A fourth account from the same client: refused without checking, even with the right password.
    let response = app
        .post_json(
            "/auth/login",
            "",
            &json!({"name": "amina", "password": "a long passphrase here"}),
        )
        .await;
    assert!(response.headers().contains_key("retry-after"));
    assert_eq!(problem(response, 429).await["code"], "too_many_attempts");
}
