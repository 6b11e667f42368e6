//! Issue 16, finding 12: a per-client rate limit on the API, and one length cap per field on every route that
//! writes it (an item edit takes no more than a purchase-order line).

use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn each_client_has_a_rate_limit_on_the_api() {
    early_in_window(60, 20).await;
    let app = spawn_app_with(Db::Sqlite, &["--rate-limit", "5", "--trusted-proxies", "127.0.0.1"]).await;
    let admin = token("admin", &[]);
    let get = |client: &'static str| {
        app.client
            .get(app.url("/api/v1/batches"))
            .bearer_auth(&admin)
            .header("x-forwarded-for", client)
            .send()
    };
    for _ in 0..5 {
        assert_eq!(get("203.0.113.1").await.unwrap().status(), 200);
    }
    let limited = get("203.0.113.1").await.unwrap();
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(problem(limited, 429).await["code"], "rate_limited");
    // Another client (behind the same trusted proxy) is not affected; pages and probes are not limited.
    assert_eq!(get("203.0.113.2").await.unwrap().status(), 200);
    assert_eq!(app.client.get(app.url("/health")).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn an_item_edit_has_the_same_field_caps_as_a_purchase_order_line() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (_, items) = upload_lines(&app, "olga", "p1", &["Tent 4 x 4"]).await;
        let id = items[0]["id"].as_i64().unwrap();
        let officer = token_as("olga", "officer", &["p1"]);
        for (field, value) in [
            ("supplier", "s".repeat(501)),
            ("hs_code", "9".repeat(33)),
            ("description", "d".repeat(4001)),
        ] {
            let version = item(&app, id).await["version"].clone();
            let response = app
                .client
                .patch(app.url(&format!("/api/v1/items/{id}")))
                .bearer_auth(&officer)
                .json(&json!({field: value, "version": version, "reason": "corrected"}))
                .send()
                .await
                .unwrap();
            assert_eq!(problem(response, 422).await["errors"][0]["field"], field, "{db:?}");
        }
        let version = item(&app, id).await["version"].clone();
        let response = app
            .client
            .patch(app.url(&format!("/api/v1/items/{id}")))
            .bearer_auth(&officer)
            .json(&json!({"supplier": "s".repeat(500), "version": version, "reason": "corrected"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{db:?}: at the cap");
    }
}
