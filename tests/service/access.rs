//! The role x route matrix: 401 without a token (elsewhere), 403 where the role may not, 404 for another
//! project's resources, success otherwise.

use crate::helpers::*;
use serde_json::{json, Value};

#[derive(Clone)]
enum Body {
    None,
    Json(Value),
    Upload(&'static str),
    Order,
}

async fn call(app: &TestApp, method: &str, path: &str, token: &str, body: &Body) -> u16 {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let request = app.client.request(method, app.url(path)).bearer_auth(token);
    let request = match body {
        Body::None => request,
        Body::Json(v) => request.json(v),
        Body::Upload(project) => request.multipart(
            reqwest::multipart::Form::new()
                .text("project", project.to_string())
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(
                        format!("Description\nTent {}\n", uuid::Uuid::new_v4()).into_bytes(),
                    )
                    .file_name("tents.csv"),
                ),
        ),
        Body::Order => request.body(json!({"description": "Tent"}).to_string()),
    };
    request.send().await.unwrap().status().as_u16()
}

const ROLES: [&str; 5] = ["officer", "reviewer", "monitor", "admin", "erp"];

#[tokio::test]
async fn every_route_is_authorised_by_role_and_scoped_by_project() {
    for db in backends() {
        let app = spawn_app(db).await;
        // One batch with one item in project p1.
        let response = app
            .upload_bytes(
                &token_as("uploader", "officer", &["p1"]),
                "p1",
                "seed.csv",
                b"Description\nPistol\nTent\n".to_vec(),
            )
            .await;
        assert_eq!(response.status(), 201);
        let batch: Value = response.json().await.unwrap();
        let b = batch["id"].as_str().unwrap().to_string();
        let items = app
            .get_json(&format!("/api/v1/batches/{b}/items"), &token("monitor", &["p1"]))
            .await;
        let i = items["items"][0]["id"].as_i64().unwrap();

        let all: &[&str] = &ROLES;
        // (method, path, body, roles allowed, scoped to p1)
        let routes: Vec<(&str, String, Body, &[&str], bool)> = vec![
            ("GET", "/api/v1/projects".into(), Body::None, all, false),
            (
                "PUT",
                "/api/v1/projects/p1".into(),
                Body::Json(json!({"name": "Police mobility"})),
                &["admin"],
                false,
            ),
            (
                "POST",
                "/api/v1/batches".into(),
                Body::Upload("p1"),
                &["officer", "admin"],
                true,
            ),
            ("GET", "/api/v1/batches".into(), Body::None, all, false),
            ("GET", format!("/api/v1/batches/{b}"), Body::None, all, true),
            ("GET", format!("/api/v1/batches/{b}/items"), Body::None, all, true),
            ("GET", format!("/api/v1/batches/{b}/problems"), Body::None, all, true),
            ("GET", format!("/api/v1/batches/{b}/export.csv"), Body::None, all, true),
            ("GET", format!("/api/v1/items/{i}"), Body::None, all, true),
            ("GET", format!("/api/v1/items/{i}/history"), Body::None, all, true),
            // Review steps change state, so each role's step is tested in review_access.rs; bulk approval of
            // clear items can be repeated (the second time approves nothing).
            (
                "POST",
                format!("/api/v1/batches/{b}/approve-clear"),
                Body::Json(json!({"justification": "Tents are civilian equipment, nothing to control"})),
                &["reviewer", "admin"],
                true,
            ),
            ("GET", "/api/v1/review/queue".into(), Body::None, all, false),
            ("GET", "/api/v1/review/queue?project=p1".into(), Body::None, all, false),
            ("GET", "/api/v1/audit".into(), Body::None, all, false),
            (
                "POST",
                "/api/v1/classify".into(),
                Body::Json(json!({"description": "Tent"})),
                all,
                false,
            ),
            (
                "POST",
                "/api/v1/purchase-orders?project=p1".into(),
                Body::Order,
                &["erp", "admin"],
                true,
            ),
            ("GET", "/api/v1/catalog".into(), Body::None, all, false),
            ("GET", "/api/v1/catalog/entries?q=rifle".into(), Body::None, all, false),
            ("GET", "/api/v1/catalog/entries/ML1".into(), Body::None, all, false),
        ];
        for (method, path, body, allowed, scoped) in &routes {
            for role in ROLES {
                let own = call(&app, method, path, &token(role, &["p1"]), body).await;
                let other = call(&app, method, path, &token(role, &["p2"]), body).await;
                let none = app
                    .client
                    .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), app.url(path))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16();
                assert_eq!(none, 401, "{method} {path} without a token on {db:?}");
                if allowed.contains(&role) {
                    assert!((200..300).contains(&own), "{role} {method} {path}: {own} on {db:?}");
                    let expected_other = if *scoped && role != "admin" { 404 } else { own };
                    assert!(
                        other == expected_other
                            || ((200..300).contains(&other) && (200..300).contains(&expected_other)),
                        "{role} of another project {method} {path}: {other} on {db:?}"
                    );
                } else {
                    assert_eq!(own, 403, "{role} {method} {path} on {db:?}");
                    assert_eq!(other, 403, "{role} of another project {method} {path} on {db:?}");
                }
            }
        }
        // Listings only show the token's projects; admins see everything.
        let other = app.get_json("/api/v1/batches", &token("monitor", &["p2"])).await;
        assert_eq!(other["total"], 0);
        let mine = app.get_json("/api/v1/batches", &token("monitor", &["p1"])).await;
        let admin = app.get_json("/api/v1/batches", &token("admin", &[])).await;
        assert_eq!(mine["total"], admin["total"]);
        assert!(mine["total"].as_i64().unwrap() >= 3);
        let projects = app.get_json("/api/v1/projects", &token("officer", &["p2"])).await;
        assert_eq!(projects.as_array().unwrap().len(), 0);
        let projects = app.get_json("/api/v1/projects", &token("officer", &["p1"])).await;
        assert_eq!(projects[0]["name"], "Police mobility");
        // The bulk approval was recorded on the clear item; the pistol still waits.
        let items = app
            .get_json(&format!("/api/v1/batches/{b}/items"), &token("monitor", &["p1"]))
            .await;
        assert_eq!(items["items"][0]["review"]["status"], "pending");
        assert_eq!(items["items"][1]["review"]["status"], "approved");
        // A batch that does not exist and one of another project answer the same.
        let missing = app
            .get(
                "/api/v1/batches/00000000-0000-0000-0000-000000000000",
                &token("monitor", &["p2"]),
            )
            .await;
        let hidden = app
            .get(&format!("/api/v1/batches/{b}"), &token("monitor", &["p2"]))
            .await;
        let missing = problem(missing, 404).await;
        let hidden = problem(hidden, 404).await;
        assert_eq!(missing, hidden);
    }
}
