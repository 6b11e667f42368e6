use crate::helpers::*;

#[tokio::test]
async fn health_and_ready_answer_without_a_token() {
    for db in backends() {
        let app = spawn_app(db).await;
        let health: serde_json::Value = app
            .client
            .get(app.url("/health"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(health["status"], "ok");
        let response = app.client.get(app.url("/ready")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let ready: serde_json::Value = response.json().await.unwrap();
        assert_eq!(ready["status"], "ready");
        assert_eq!(ready["migrations"], "applied");
        assert_eq!(ready["catalog_version"], "service-test-1");
        assert_eq!(ready["database"], if db == Db::Sqlite { "sqlite" } else { "postgres" });
    }
}

#[tokio::test]
async fn unknown_routes_and_bad_queries_are_problem_json() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = token("admin", &[]);
        let body = problem(app.get("/api/v1/nothing-here", &token).await, 404).await;
        assert_eq!(body["code"], "not_found");
        let body = problem(app.get("/api/v1/batches?limit=100000", &token).await, 422).await;
        assert_eq!(body["code"], "validation_failed");
        assert_eq!(body["errors"][0]["field"], "limit");
        let body = problem(app.get("/api/v1/batches?limit=abc", &token).await, 422).await;
        assert_eq!(body["code"], "validation_failed");
        let body = problem(app.get("/api/v1/items/not-a-number", &token).await, 422).await;
        assert_eq!(body["code"], "validation_failed");
    }
}
