//! Secret calendar-feed URLs: calendar apps fetch a project's inspections without a bearer token.

use crate::helpers::*;
use crate::monitoring::{audit_actions, serials, setup, PROJECT};
use serde_json::{json, Value};

async fn create_feed(app: &TestApp, token: &str, project: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/projects/{project}/calendar-feed")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn feed(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).send().await.unwrap()
}

#[tokio::test]
async fn a_secret_feed_url_serves_the_calendar_until_rotated_or_revoked() {
    for db in backends() {
        let s = setup(db).await;
        let (_, nvd) = s.deliver("Night", 1, "2026-03-02", serials("NV", 1..=1)).await;
        assert!(nvd["id"].is_string());
        // Officers read but do not hand out feed URLs.
        problem(create_feed(&s.app, &token("officer", &[PROJECT]), PROJECT).await, 403).await;
        let response = create_feed(&s.app, &s.monitor, PROJECT).await;
        assert_eq!(response.status(), 201);
        let first: Value = response.json().await.unwrap();
        assert_eq!(first["rotated"], false);
        let first_path = first["path"].as_str().unwrap().to_string();
        assert_eq!(first["token"].as_str().unwrap().len(), 64);

        let response = feed(&s.app, &first_path).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"));
        let by_url = response.text().await.unwrap();
        assert!(by_url.contains("DTSTART;VALUE=DATE:20260531"), "{by_url}");
        let by_bearer = s
            .app
            .get(&format!("/api/v1/projects/{PROJECT}/inspections.ics"), &s.monitor)
            .await
            .text()
            .await
            .unwrap();
        let events = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.starts_with("DTSTAMP"))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(events(&by_url), events(&by_bearer), "the same feed either way");
        problem(feed(&s.app, "/api/v1/feeds/not-a-token/inspections.ics").await, 404).await;

        // Rotation: the new URL works, the old one no longer does.
        let second: Value = create_feed(&s.app, &token("admin", &[]), PROJECT)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(second["rotated"], true);
        let second_path = second["path"].as_str().unwrap().to_string();
        assert_ne!(first_path, second_path);
        problem(feed(&s.app, &first_path).await, 404).await;
        assert_eq!(feed(&s.app, &second_path).await.status(), 200);

        // Revoked: 404, and revoking again is 404 too.
        let revoke = |t: String| {
            let url = s.app.url(&format!("/api/v1/projects/{PROJECT}/calendar-feed"));
            let client = s.app.client.clone();
            async move { client.delete(url).bearer_auth(t).send().await.unwrap() }
        };
        problem(revoke(token("officer", &[PROJECT])).await, 403).await;
        assert_eq!(revoke(s.monitor.clone()).await.status(), 204);
        problem(feed(&s.app, &second_path).await, 404).await;
        problem(revoke(s.monitor.clone()).await, 404).await;

        let actions: Vec<String> = audit_actions(&s.app.database_url).into_iter().map(|(a, _)| a).collect();
        for action in ["create_calendar_feed", "rotate_calendar_feed", "revoke_calendar_feed"] {
            assert!(actions.iter().any(|a| a == action), "{action} audited: {actions:?}");
        }
    }
}

#[tokio::test]
async fn a_feed_url_shows_only_its_own_project() {
    for db in backends() {
        let s = setup(db).await;
        let (_, nvd) = s.deliver("Night", 1, "2026-03-02", serials("NV", 1..=1)).await;
        assert!(nvd["id"].is_string());
        let admin = token("admin", &[]);
        let response = s
            .app
            .client
            .put(s.app.url("/api/v1/projects/other-project"))
            .bearer_auth(&admin)
            .json(&json!({"name": "Other", "partner_country": "Chad"}))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        // A monitor of another project cannot make a feed of this one.
        let stranger = token("monitor", &["other-project"]);
        problem(create_feed(&s.app, &stranger, PROJECT).await, 404).await;
        let other: Value = create_feed(&s.app, &stranger, "other-project")
            .await
            .json()
            .await
            .unwrap();
        let text = feed(&s.app, other["path"].as_str().unwrap())
            .await
            .text()
            .await
            .unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
        assert!(!text.contains("VEVENT") && !text.contains(PROJECT), "{text}");
        let ours: Value = create_feed(&s.app, &s.monitor, PROJECT).await.json().await.unwrap();
        let text = feed(&s.app, ours["path"].as_str().unwrap()).await.text().await.unwrap();
        assert!(text.contains("VEVENT") && text.contains(PROJECT), "{text}");
    }
}
