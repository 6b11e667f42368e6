use crate::helpers::*;
use serde_json::{json, Value};

#[tokio::test]
async fn classify_one_and_many_without_storing() {
    for db in backends() {
        let app = spawn_app(db).await;
        let erp = token("erp", &["p"]);
        let response = app
            .post_json(
                "/api/v1/classify",
                &erp,
                &json!({"description": "Assault rifle AK-47, 7.62x39"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let one: Value = response.json().await.unwrap();
        assert_eq!(one["decision"], "prohibited");
        assert_eq!(one["catalog_version"], "service-test-1");
        assert!(!one["findings"][0]["evidence"].as_array().unwrap().is_empty());

        let many = json!([
            {"description": "Tent, 8 persons"},
            {"description": "Thermal camera", "hs_code": "8525.89"},
            {"description": "Body armour", "control_code": "ML13.d"},
        ]);
        let response = app.post_json("/api/v1/classify", &erp, &many).await;
        let results: Vec<Value> = response.json().await.unwrap();
        let decisions: Vec<&str> = results.iter().map(|r| r["decision"].as_str().unwrap()).collect();
        assert_eq!(decisions, ["clear", "review", "military"]);

        let bad = json!([{"description": ""}, {"description": "ok", "hs_code": "9".repeat(40)}]);
        let body = problem(app.post_json("/api/v1/classify", &erp, &bad).await, 422).await;
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["[0].description", "[1].hs_code"]);
        let body = problem(
            app.post_json("/api/v1/classify", &erp, &json!({"description": "x", "colour": "red"}))
                .await,
            422,
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "body");
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        let response = app
            .client
            .post(app.url("/api/v1/classify"))
            .bearer_auth(&erp)
            .body(deep)
            .send()
            .await
            .unwrap();
        let body = problem(response, 422).await;
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("deeper"));

        // Nothing was stored.
        let batches = app.get_json("/api/v1/batches", &erp).await;
        assert_eq!(batches["total"], 0);
    }
}

#[tokio::test]
async fn classify_limits_items_and_body_size() {
    let app = spawn_app_with(Db::Sqlite, &["--max-classify-items", "2", "--max-json-kib", "1"]).await;
    let erp = token("erp", &[]);
    let three = json!([{"description": "a"}, {"description": "b"}, {"description": "c"}]);
    problem(app.post_json("/api/v1/classify", &erp, &three).await, 422).await;
    let huge = json!({"description": "x".repeat(4000)});
    let body = problem(app.post_json("/api/v1/classify", &erp, &huge).await, 413).await;
    assert_eq!(body["code"], "payload_too_large");
}

fn order(lines: usize, tag: &str) -> String {
    (1..=lines)
        .map(|i| {
            let description = match i % 3 {
                0 => format!("Pistol Glock 17 {tag}"),
                1 => format!("Tent, 8 persons {tag}"),
                _ => format!("Night vision goggles {tag}"),
            };
            json!({"line_ref": i.to_string(), "description": description, "quantity": 2.0, "currency": "EUR"})
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn submit(app: &TestApp, token: &str, key: Option<&str>, body: String) -> reqwest::Response {
    submit_order(app, token, key, "PO-1", body).await
}

async fn submit_order(
    app: &TestApp,
    token: &str,
    key: Option<&str>,
    reference: &str,
    body: String,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(&format!("/api/v1/purchase-orders?project=p&reference={reference}")))
        .bearer_auth(token)
        .header("Content-Type", "application/x-ndjson")
        .body(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn purchase_orders_are_idempotent_per_key() {
    for db in backends() {
        let app = spawn_app(db).await;
        let erp = token("erp", &["p"]);
        let first = submit(&app, &erp, Some("po-1"), order(6, "a")).await;
        assert_eq!(first.status(), 201);
        assert!(first.headers().get("idempotent-replayed").is_none());
        let first_body = first.text().await.unwrap();
        let batch: Value = serde_json::from_str(&first_body).unwrap();
        assert_eq!(batch["source"], "erp");
        assert_eq!(batch["file_name"], "PO-1");
        assert_eq!(batch["summary"]["prohibited"], 2);
        assert_eq!(batch["summary"]["dual_use"], 2);

        let replay = submit(&app, &erp, Some("po-1"), order(6, "a")).await;
        assert_eq!(replay.status(), 201);
        assert_eq!(replay.headers().get("idempotent-replayed").unwrap(), "true");
        assert_eq!(replay.text().await.unwrap(), first_body);

        let body = problem(submit(&app, &erp, Some("po-1"), order(6, "b")).await, 422).await;
        assert_eq!(body["code"], "idempotency_key_reused");

        // Without a key or a reference, each submission is a new batch.
        for _ in 0..2 {
            let response = app
                .client
                .post(app.url("/api/v1/purchase-orders?project=p"))
                .bearer_auth(&erp)
                .body(order(2, "c"))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 201);
        }
        let list = app.get_json("/api/v1/batches?source=erp", &erp).await;
        assert_eq!(list["total"], 3);

        // Items of the order read back with their line numbers.
        let items = app
            .get_json(
                &format!(
                    "/api/v1/batches/{}/items?decision=prohibited",
                    batch["id"].as_str().unwrap()
                ),
                &erp,
            )
            .await;
        assert_eq!(items["items"][0]["row"], 3);
        assert_eq!(items["items"][0]["line_ref"], "3");
    }
}

#[tokio::test]
async fn purchase_order_lines_are_validated_by_field() {
    for db in backends() {
        let app = spawn_app(db).await;
        let erp = token("erp", &["p"]);
        let body = [
            json!({"description": "Tent"}).to_string(),
            json!({"description": "", "quantity": -1.0}).to_string(),
            "{not json".to_string(),
            json!({"description": "Helmet", "currency": "EURO"}).to_string(),
        ]
        .join("\n");
        let problem_body = problem(submit(&app, &erp, Some("bad"), body).await, 422).await;
        let fields: Vec<&str> = problem_body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            [
                "lines[2].description",
                "lines[2].quantity",
                "lines[3]",
                "lines[4].currency"
            ]
        );
        // A failed request does not burn its key.
        assert_eq!(submit(&app, &erp, Some("bad"), order(1, "ok")).await.status(), 201);
        let body = problem(
            submit(&app, &erp, Some("bad key with spaces"), order(1, "x")).await,
            422,
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "Idempotency-Key");
    }
}

#[tokio::test]
async fn concurrent_duplicates_get_409_and_store_once() {
    for db in backends() {
        let app = spawn_app_with(db, &["--max-concurrent-uploads", "16", "--max-uploads-per-user", "16"]).await;
        let erp = token("erp", &["p"]);
        let body = order(3000, "same");
        // Six copies at once: each answer is the one stored order (201, or its replay) or 409 while the first is in
        // progress. Whether one overlaps another depends on the machine (a fast one may finish the first before the
        // others arrive), so the round is repeated with a new key until a 409 is seen; every round stores once.
        let mut rounds = 0;
        let mut conflicts = 0;
        while conflicts == 0 && rounds < 8 {
            rounds += 1;
            let (key, reference) = (format!("dup-{rounds}"), format!("PO-{rounds}"));
            let requests = (0..6).map(|_| submit_order(&app, &erp, Some(key.as_str()), &reference, body.clone()));
            let responses = futures_util::future::join_all(requests).await;
            let mut created = Vec::new();
            for response in responses {
                match response.status().as_u16() {
                    201 => created.push(response.text().await.unwrap()),
                    409 => {
                        let body = problem(response, 409).await;
                        assert_eq!(body["code"], "idempotency_in_progress");
                        conflicts += 1;
                    }
                    other => panic!("unexpected {other} on {db:?}"),
                }
            }
            assert!(
                !created.is_empty(),
                "round {rounds}: the order was stored by one request on {db:?}"
            );
            assert!(
                created.iter().all(|b| b == &created[0]),
                "round {rounds}: one stored order on {db:?}"
            );
            let list = app.get_json("/api/v1/batches?source=erp", &erp).await;
            assert_eq!(list["total"], rounds, "each key stored once on {db:?}");
        }
        assert!(
            conflicts >= 1,
            "no concurrent duplicate was detected in {rounds} rounds on {db:?}"
        );
        // Once done, a retry replays.
        let retry = submit_order(
            &app,
            &erp,
            Some(format!("dup-{rounds}").as_str()),
            &format!("PO-{rounds}"),
            body,
        )
        .await;
        assert_eq!(retry.status(), 201);
        assert_eq!(retry.headers().get("idempotent-replayed").unwrap(), "true");
    }
}
