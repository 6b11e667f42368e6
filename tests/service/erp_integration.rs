//! What ERP integrators rely on beyond the basics: line references, the natural key of an order, JSON orders,
//! Location, conditional reads and page links.

use crate::helpers::*;
use serde_json::{json, Value};

async fn post_order(app: &TestApp, query: &str, content_type: &str, body: String) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/purchase-orders?{query}")))
        .bearer_auth(token("erp", &["p"]))
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["field"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn classify_echoes_line_refs_and_refuses_duplicates() {
    let app = spawn_app(Db::Sqlite).await;
    let erp = token("erp", &["p"]);
    let many = json!([
        {"line_ref": "A-7", "description": "Tent, 8 persons"},
        {"description": "Body armour", "control_code": "ML13.d"},
        {"line_ref": "A-9", "description": "Assault rifle AK-47"},
    ]);
    let results: Vec<Value> = app
        .post_json("/api/v1/classify", &erp, &many)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(results[0]["line_ref"], "A-7");
    assert!(results[1].get("line_ref").is_none());
    assert_eq!(results[2]["line_ref"], "A-9");
    assert_eq!(results[2]["decision"], "prohibited");
    let one: Value = app
        .post_json(
            "/api/v1/classify",
            &erp,
            &json!({"line_ref": "X", "description": "Tent"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["line_ref"], "X");
    let duplicate = json!([{"line_ref": "A", "description": "Tent"}, {"line_ref": "A", "description": "Helmet"}]);
    let body = problem(app.post_json("/api/v1/classify", &erp, &duplicate).await, 422).await;
    assert_eq!(fields(&body), ["[1].line_ref"]);
}

#[tokio::test]
async fn orders_name_lines_by_line_ref_refuse_duplicates_and_accept_json() {
    for db in backends() {
        let app = spawn_app(db).await;
        let lines = [
            json!({"line_ref": "10", "description": "Tent"}).to_string(),
            json!({"line_ref": "20", "description": ""}).to_string(),
            json!({"line_ref": "10", "description": "Helmet"}).to_string(),
        ]
        .join("\n");
        let body = problem(
            post_order(&app, "project=p&reference=R-1", "application/x-ndjson", lines).await,
            422,
        )
        .await;
        assert_eq!(
            fields(&body),
            ["lines[?line_ref=='20'].description", "lines[3].line_ref"],
            "{body}"
        );

        // The same order as one JSON document: stored, 201 with Location, lines in order with their refs.
        let order = json!({"lines": [
            {"line_ref": "10", "description": "Tent, 8 persons", "quantity": 2.0},
            {"line_ref": "20", "description": "Pistol Glock 17", "quantity": 1.0},
        ]});
        let created = post_order(&app, "project=p&reference=PO-9", "application/json", order.to_string()).await;
        assert_eq!(created.status(), 201, "{db:?}");
        let location = created.headers()["location"].to_str().unwrap().to_string();
        let batch: Value = created.json().await.unwrap();
        assert_eq!(location, format!("/api/v1/batches/{}", batch["id"].as_str().unwrap()));
        let items = app.get_json(&format!("{location}/items"), &token("erp", &["p"])).await;
        let refs: Vec<&str> = items["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["line_ref"].as_str().unwrap())
            .collect();
        assert_eq!(refs, ["10", "20"]);

        // Found again by its reference.
        let found = app
            .get_json(
                "/api/v1/purchase-orders?project=p&reference=PO-9",
                &token("erp", &["p"]),
            )
            .await;
        assert_eq!(found["id"], batch["id"]);
        let missing = app
            .get(
                "/api/v1/purchase-orders?project=p&reference=PO-404",
                &token("erp", &["p"]),
            )
            .await;
        assert_eq!(missing.status(), 404);
        let other = app
            .get(
                "/api/v1/purchase-orders?project=p&reference=PO-9",
                &token("erp", &["q"]),
            )
            .await;
        assert!([403, 404].contains(&other.status().as_u16()));

        // Idempotent on the natural key: the same order (here as JSON lines, a new key) is the stored one ...
        let same = order["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        let replay = app
            .client
            .post(app.url("/api/v1/purchase-orders?project=p&reference=PO-9"))
            .bearer_auth(token("erp", &["p"]))
            .header("Idempotency-Key", "a-new-key")
            .body(same)
            .send()
            .await
            .unwrap();
        assert_eq!(replay.status(), 200, "{db:?}");
        assert_eq!(replay.headers()["idempotent-replayed"], "true");
        let replayed: Value = replay.json().await.unwrap();
        assert_eq!(replayed["id"], batch["id"]);
        // ... and a different order under the same reference is a re-submission: a new batch linked to the old.
        let changed = json!({"lines": [{"line_ref": "10", "description": "Tent, 4 persons"}]}).to_string();
        let resubmitted = post_order(&app, "project=p&reference=PO-9", "application/json", changed).await;
        assert_eq!(resubmitted.status(), 201, "{db:?}");
        let list = app.get_json("/api/v1/batches?source=erp", &token("erp", &["p"])).await;
        assert_eq!(list["total"], 2, "{db:?}");
    }
}

#[tokio::test]
async fn reads_are_conditional_and_pages_carry_links() {
    for db in backends() {
        let app = spawn_app(db).await;
        let erp = token("erp", &["p"]);
        for n in 0..3 {
            let body = json!({"description": format!("Tent {n}")}).to_string();
            let response = post_order(
                &app,
                &format!("project=p&reference=PO-{n}"),
                "application/x-ndjson",
                body,
            )
            .await;
            assert_eq!(response.status(), 201);
        }
        // Pages link to first, next and last with the same filters.
        let page = app.get("/api/v1/batches?source=erp&limit=2", &erp).await;
        let link = page.headers()["link"].to_str().unwrap().to_string();
        assert!(
            link.contains("</api/v1/batches?source=erp&limit=2&offset=2>; rel=\"next\""),
            "{link}"
        );
        assert!(link.contains("rel=\"first\"") && link.contains("rel=\"last\"") && !link.contains("rel=\"prev\""));
        // A list, a batch and an item answer 304 to their own ETag, and 200 again once something changed.
        let etag = page.headers()["etag"].to_str().unwrap().to_string();
        let batches: Value = page.json().await.unwrap();
        let again = app
            .client
            .get(app.url("/api/v1/batches?source=erp&limit=2"))
            .bearer_auth(&erp)
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{db:?}");
        let batch_id = batches["items"][0]["id"].as_str().unwrap().to_string();
        let batch = app.get(&format!("/api/v1/batches/{batch_id}"), &erp).await;
        let batch_etag = batch.headers()["etag"].to_str().unwrap().to_string();
        let items = app.get_json(&format!("/api/v1/batches/{batch_id}/items"), &erp).await;
        let item_id = items["items"][0]["id"].as_i64().unwrap();
        let item = app.get(&format!("/api/v1/items/{item_id}"), &erp).await;
        let item_etag = item.headers()["etag"].to_str().unwrap().to_string();
        for (path, tag) in [
            (format!("/api/v1/batches/{batch_id}"), &batch_etag),
            (format!("/api/v1/items/{item_id}"), &item_etag),
        ] {
            let response = app
                .client
                .get(app.url(&path))
                .bearer_auth(&erp)
                .header("If-None-Match", tag.as_str())
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 304, "{path} on {db:?}");
        }
        approve_item(&app, item_id).await;
        let changed = app
            .client
            .get(app.url(&format!("/api/v1/items/{item_id}")))
            .bearer_auth(&erp)
            .header("If-None-Match", item_etag.as_str())
            .send()
            .await
            .unwrap();
        assert_eq!(changed.status(), 200, "the item changed on {db:?}");
    }
}
