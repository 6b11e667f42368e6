use crate::helpers::*;
use std::collections::BTreeSet;

/// Every route the server answers is in the OpenAPI document, and every documented operation is served.
#[tokio::test]
async fn every_served_route_is_documented() {
    let app = spawn_app(Db::Sqlite).await;
    let spec = app.get_json("/api/v1/openapi.json", &token("monitor", &[])).await;
    assert!(spec["openapi"].as_str().unwrap_or("").starts_with("3."));
    let mut documented = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let served: BTreeSet<(String, String)> = equipcheck::api::route_table()
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(served, documented);
    // The table is what the server really answers: no route of it falls through to the fallback.
    for (method, path) in &served {
        let concrete = path
            .replace("{batch}", "b")
            .replace("{item}", "1")
            .replace("{project}", "p")
            .replace("{code}", "c");
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = app
            .client
            .request(method.clone(), app.url(&concrete))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body: serde_json::Value = response.json().await.unwrap_or_default();
        assert!(
            !(status == 404 && body["detail"] == "route not found"),
            "{method} {path} is not served"
        );
    }
    // Protected operations declare the bearer scheme.
    assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
    // Monitoring lists are paged, and say so.
    for path in ["/api/v1/serials", "/api/v1/deliveries", "/api/v1/disposals"] {
        let params = spec["paths"][path]["get"]["parameters"].as_array().unwrap();
        for name in ["limit", "offset"] {
            assert!(params.iter().any(|p| p["name"] == name), "{path} documents {name}");
        }
        let schema = &spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(schema.to_string().contains("Page"), "{path}: {schema}");
    }
}

/// `/docs` is readable without a network: rendered on the server, no script, every operation listed.
#[tokio::test]
async fn the_docs_page_is_self_contained() {
    let app = spawn_app(Db::Sqlite).await;
    let response = app.client.get(app.url("/docs")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let html = response.text().await.unwrap();
    assert!(!html.contains("<script"), "the page loads a script");
    assert!(!html.contains("https://"), "the page refers to another site");
    for (method, path) in equipcheck::api::route_table() {
        let listed = format!("<code>{method} {path}</code>");
        assert!(html.contains(&listed), "{listed} missing from /docs");
    }
}
