//! Issue 16, findings 1 and 5: the sign-in redirect stays on this site, and control characters in any text a
//! request brings are refused with 422 at the boundary, the same on SQLite and PostgreSQL (which cannot store NUL).

use crate::helpers::*;
use serde_json::{json, Value};

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

/// What a browser makes of a Location header: it drops tabs and line breaks; `//` starts another host.
fn stays_on_this_site(location: &str) -> bool {
    let seen: String = location.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let seen = seen.replace('\\', "/");
    seen.starts_with('/') && !seen.starts_with("//")
}

#[tokio::test]
async fn the_sign_in_redirect_never_leaves_the_site() {
    let app = spawn_app(Db::Sqlite).await;
    let hostile = [
        "/\t/evil.example/phish",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\u{b}/evil.example",
        "//evil.example/",
        "/\\evil.example",
        "https://evil.example/",
        "/./..//evil.example",
    ];
    for next in hostile {
        let response = sign_in_with_token(&app, "amina", "officer", next).await;
        if response.status() == 422 {
            // A control character other than a tab or a line break: the form itself is refused.
            assert!(next.contains('\u{b}'), "{next:?}");
            continue;
        }
        assert_eq!(response.status(), 303, "{next:?}");
        let to = location(&response);
        assert!(stays_on_this_site(&to), "{next:?} -> {to:?}");
        assert_eq!(to, "/", "{next:?}");
    }
    let response = sign_in_with_token(&app, "amina", "officer", "/batches?decision=clear").await;
    assert_eq!(location(&response), "/batches?decision=clear");
    // Signed in, the sign-in page sends the browser on at once: the same rule, and never a 500.
    let session = session_cookie(&response);
    for query in [
        "next=/%09/evil.example/phish",
        "next=%0d%0a/x",
        "next=/%0b",
        "next=//evil.example",
    ] {
        let response = no_redirects()
            .get(app.url(&format!("/login?{query}")))
            .header("cookie", &session)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        assert!(status == 303 || status == 422, "{query}: {status}");
        if status == 303 {
            assert_eq!(location(&response), "/", "{query}");
        }
    }
}

#[tokio::test]
async fn control_characters_are_refused_with_422_on_every_route_that_takes_text() {
    for db in backends() {
        let app = spawn_app(db).await;
        let admin = token("admin", &[]);
        let officer = token_as("olga", "officer", &["p1"]);
        let erp = token_as("erp-client", "erp", &["p1"]);
        let (batch, items) = upload_lines(&app, "olga", "p1", &["Tent 4 x 4"]).await;
        let id = items[0]["id"].as_i64().unwrap();
        let reviewer = token_as("rita", "reviewer", &["p1"]);

        // Paths and queries (percent-encoded NUL, CR LF, C1).
        for path in [
            "/api/v1/items/1%00".to_string(),
            format!("/api/v1/batches/{batch}%00"),
            "/api/v1/batches?project=p1%00".to_string(),
            format!("/api/v1/batches/{batch}/items?q=rifle%00"),
            format!("/api/v1/batches/{batch}/items?decision=clear%0d%0a"),
            "/api/v1/review/queue?project=p1%C2%85".to_string(),
            "/api/v1/catalog/entries/ML1%00".to_string(),
            "/api/v1/obligations?project=p1%00".to_string(),
        ] {
            let body = problem(app.get(&path, &admin).await, 422).await;
            assert_eq!(body["code"], "validation_failed", "{path}");
        }
        let page = app.client.get(app.url("/batches/x%00")).send().await.unwrap();
        assert_eq!(page.status(), 422, "a page address");

        // JSON bodies name the field.
        let login = app
            .post_json("/auth/login", "", &json!({"name": "amina\u{0}", "password": "x"}))
            .await;
        assert_eq!(problem(login, 422).await["errors"][0]["field"], "name");
        let put = app
            .client
            .put(app.url("/api/v1/projects/p9"))
            .bearer_auth(&admin)
            .json(&json!({"name": "Niger\u{0} police"}))
            .send()
            .await
            .unwrap();
        assert_eq!(problem(put, 422).await["errors"][0]["field"], "name");
        let version = item(&app, id).await["version"].clone();
        let patch = app
            .client
            .patch(app.url(&format!("/api/v1/items/{id}")))
            .bearer_auth(&officer)
            .json(&json!({"supplier": "ACME\u{0}", "version": version, "reason": "corrected"}))
            .send()
            .await
            .unwrap();
        assert_eq!(problem(patch, 422).await["errors"][0]["field"], "supplier");
        let decision = decide(
            &app,
            &reviewer,
            id,
            json!({"action": "approve", "justification": "Licence\u{0} checked and fine"}),
        )
        .await;
        assert_eq!(problem(decision, 422).await["errors"][0]["field"], "justification");
        let classify = app
            .post_json(
                "/api/v1/classify",
                &erp,
                &json!([{"description": "ok"}, {"description": "x\u{1b}[31m"}]),
            )
            .await;
        assert_eq!(problem(classify, 422).await["errors"][0]["field"], "[1].description");

        // Purchase orders: a line, and the reference in the query.
        let order = |reference: &str, line: Value| {
            app.client
                .post(app.url(&format!("/api/v1/purchase-orders?project=p1&reference={reference}")))
                .bearer_auth(&erp)
                .header("content-type", "application/x-ndjson")
                .body(format!("{}\n{line}\n", json!({"description": "Tent"})))
                .send()
        };
        let body = problem(
            order("PO-1", json!({"description": "Tent", "supplier": "A\u{0}B"}))
                .await
                .unwrap(),
            422,
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "lines[2].supplier");
        problem(order("PO%00", json!({"description": "Tent"})).await.unwrap(), 422).await;

        // Nothing of it was stored; free text keeps its line breaks.
        let ok = decide(
            &app,
            &reviewer,
            id,
            json!({"action": "approve", "justification": "Licence checked.\r\nEnd user confirmed.\tOK"}),
        )
        .await;
        assert_eq!(ok.status(), 200, "{db:?}");
        let batches = app.get_json("/api/v1/batches?limit=50", &admin).await;
        assert_eq!(batches["items"].as_array().unwrap().len(), 1, "{db:?}");
    }
}

#[tokio::test]
async fn a_nul_in_a_spreadsheet_cell_is_removed_reported_and_the_item_still_screened() {
    for db in backends() {
        let app = spawn_app(db).await;
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "Description").unwrap();
        sheet.write_string(0, 1, "Supplier").unwrap();
        sheet.write_string(1, 0, "Glo\u{0}ck pistol").unwrap();
        sheet.write_string(1, 1, "ACME\u{1}").unwrap();
        sheet.write_string(2, 0, "Tent 4 x 4").unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        let officer = token_as("olga", "officer", &["p1"]);
        let response = app.upload_bytes(&officer, "p1", "nul.xlsx", bytes).await;
        let status = response.status();
        let batch: Value = response.json().await.unwrap();
        assert_eq!(status, 201, "{db:?}: {batch}");
        let id = batch["id"].as_str().unwrap();
        let items = app
            .get_json(&format!("/api/v1/batches/{id}/items"), &token("admin", &[]))
            .await;
        let first = &items["items"][0];
        assert_eq!(first["description"], "Glock pistol", "{db:?}");
        assert_eq!(first["decision"], "prohibited");
        let problems = app
            .get_json(&format!("/api/v1/batches/{id}/problems"), &token("admin", &[]))
            .await;
        let text = problems.to_string();
        assert!(text.contains("U+0000") && text.contains("U+0001"), "{db:?}: {text}");
        assert_eq!(problems["items"][0]["row"], 2, "{text}");
    }
}
