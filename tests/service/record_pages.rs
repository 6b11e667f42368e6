//! The printable decision records (`/items/{id}/record`, `/batches/{id}/record`) follow the item and batch pages'
//! access rules: a person of the project reads them with the review history; anyone else gets "not found", as
//! for the pages themselves, and nobody reads them without signing in. And a file the import refuses is worded on
//! the upload's answer in the reader's language.

use crate::helpers::*;
use serde_json::json;

const P: &str = "rec1";
const WHY: &str = "Rejected: an assault rifle is never delivered under this project";

/// A session cookie for `sub` in `role` with `projects`, signed in through the page with a token.
async fn session(app: &TestApp, sub: &str, role: &str, projects: &[&str]) -> String {
    session_cookie(&sign_in_as(app, sub, role, projects, "/batches").await)
}

async fn page(app: &TestApp, session: Option<&str>, path: &str) -> (u16, String) {
    let mut request = no_redirects().get(app.url(path));
    if let Some(session) = session {
        request = request.header("cookie", session);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn records_show_the_decision_and_its_review_to_the_project_only() {
    for db in backends() {
        let app = spawn_app(db).await;
        let (batch, items) = upload_lines(&app, "olga", P, &["Assault rifle AK-47", "Folding camp table"]).await;
        let rifle = items[0]["id"].as_i64().unwrap();
        assert_eq!(items[0]["decision"], "prohibited", "{db:?}");
        let response = decide(
            &app,
            &token_as("rita", "reviewer", &[P]),
            rifle,
            json!({"action": "reject", "justification": WHY}),
        )
        .await;
        assert_eq!(response.status(), 200, "{db:?}");

        let reviewer = session(&app, "rita", "reviewer", &[P]).await;
        let (status, html) = page(&app, Some(&reviewer), &format!("/items/{rifle}/record")).await;
        assert_eq!(status, 200, "{db:?}: {html}");
        for expected in [WHY, "rita", "olga", P, "AK-47", "Review history", "sheet.csv"] {
            assert!(html.contains(expected), "{db:?}: item record lacks {expected}");
        }
        assert!(!html.contains("<textarea"), "a record has no forms");

        let (status, html) = page(&app, Some(&reviewer), &format!("/batches/{batch}/record")).await;
        assert_eq!(status, 200, "{db:?}: {html}");
        for expected in [WHY, "Folding camp table", "The item that is not clear"] {
            assert!(html.contains(expected), "{db:?}: batch record lacks {expected}");
        }

        // The item and batch pages link to their records.
        let (_, item_page) = page(&app, Some(&reviewer), &format!("/items/{rifle}")).await;
        assert!(item_page.contains(&format!("/items/{rifle}/record")));
        let (_, batch_page) = page(&app, Some(&reviewer), &format!("/batches/{batch}")).await;
        assert!(batch_page.contains(&format!("/batches/{batch}/record")));

        // Another project's people get what they get for the pages: not found.
        let outsider = session(&app, "otto", "officer", &["rec-other"]).await;
        for path in [format!("/items/{rifle}/record"), format!("/batches/{batch}/record")] {
            let (status, html) = page(&app, Some(&outsider), &path).await;
            assert_eq!(status, 404, "{db:?} {path}");
            assert!(!html.contains(WHY), "{db:?} {path} leaks the justification");
            let (status, _) = page(&app, None, &path).await;
            assert_eq!(status, 303, "{db:?} {path} without a session");
        }
        let (status, _) = page(&app, Some(&reviewer), "/items/999999999/record").await;
        assert_eq!(status, 404, "{db:?}");
    }
}

#[tokio::test]
async fn an_unreadable_upload_is_worded_in_the_readers_language() {
    for db in backends() {
        let app = spawn_app(db).await;
        let officer = session(&app, "olga", "officer", &[P]).await;
        let (_, form) = page(&app, Some(&officer), "/upload").await;
        let csrf = csrf_in(&form);
        let upload = reqwest::multipart::Form::new()
            .text("csrf", csrf)
            .text("project", P)
            .part(
                "file",
                reqwest::multipart::Part::bytes(b"this is not a workbook".to_vec()).file_name("liste.xlsx"),
            );
        let response = no_redirects()
            .post(app.url("/upload"))
            .header("cookie", &officer)
            .header("accept-language", "fr")
            .multipart(upload)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "{db:?}");
        let html = response.text().await.unwrap();
        assert!(html.contains("liste.xlsx"), "{db:?}: {html}");
        assert!(html.contains("ne peut pas être lu"), "{db:?}: {html}");
    }
}
