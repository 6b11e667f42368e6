//! The pages over plain HTTP (no browser): security headers, sessions, anti-forgery tokens, escaping, scoping.

use crate::driver::{add_user, app, PASSWORD};
use crate::helpers::{backends, claims, now, sign_hs, token, Db, TestApp};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{redirect, Client, Response};

pub(crate) fn client() -> Client {
    Client::builder().redirect(redirect::Policy::none()).build().unwrap()
}

pub(crate) fn cookie_named(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

/// The value of the first hidden `csrf` field of a page.
pub(crate) fn csrf_in(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[at..].split('"').next().unwrap().to_string()
}

/// Gets a page with a cookie (may be empty), without following redirects.
pub(crate) async fn get_page(app: &TestApp, path: &str, cookie: &str) -> Response {
    client().get(app.url(path)).header(COOKIE, cookie).send().await.unwrap()
}

/// Posts a form with a cookie, without following the redirect.
pub(crate) async fn post_form(app: &TestApp, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Response {
    client()
        .post(app.url(path))
        .header(COOKIE, cookie)
        .form(fields)
        .send()
        .await
        .unwrap()
}

pub(crate) fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

/// Signs in through the form; answers the session cookie (`name=value`) and the page's anti-forgery token.
pub(crate) async fn sign_in(app: &TestApp, name: &str) -> (String, String) {
    sign_in_with(app, name, PASSWORD)
        .await
        .unwrap_or_else(|| panic!("{name} could not sign in"))
}

/// Signs in with a password; None when the sign-in is refused.
pub(crate) async fn sign_in_with(app: &TestApp, name: &str, password: &str) -> Option<(String, String)> {
    let c = client();
    let form = c.get(app.url("/login")).send().await.unwrap();
    let nonce = pair(&cookie_named(&form, "equipcheck_signin").expect("sign-in cookie"));
    let token = csrf_in(&form.text().await.unwrap());
    let response = c
        .post(app.url("/login"))
        .header(COOKIE, &nonce)
        .form(&[
            ("csrf", token.as_str()),
            ("name", name),
            ("password", password),
            ("next", "/batches"),
        ])
        .send()
        .await
        .unwrap();
    if response.status() == 401 {
        return None;
    }
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()[LOCATION], "/batches");
    let session = cookie_named(&response, "equipcheck_session").expect("session cookie");
    let lower = session.to_lowercase();
    assert!(
        lower.contains("httponly") && lower.contains("samesite=strict"),
        "{session}"
    );
    let session = pair(&session);
    let page = c
        .get(app.url("/batches"))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let csrf = csrf_in(&page.text().await.unwrap());
    Some((session, csrf))
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = app(Db::Sqlite).await;
    for path in [
        "/login",
        "/static/app.css",
        "/static/app.js",
        "/health",
        "/batches",
        "/no-such-page",
        "/docs",
    ] {
        let response = client().get(app.url(path)).send().await.unwrap();
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.starts_with("default-src 'none'"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
    }
    let page = get_page(&app, "/login", "").await.text().await.unwrap();
    assert!(
        !page.contains("<script>") && !page.contains("style="),
        "no inline script or style"
    );
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing from another site"
    );
}

#[tokio::test]
async fn forms_without_the_anti_forgery_token_change_nothing() {
    for db in backends() {
        let app = app(db).await;
        add_user(&app, "amina", "officer", &["p1"]);
        // Sign-in without the nonce cookie, or with another token: refused.
        let c = client();
        let refused = c
            .post(app.url("/login"))
            .form(&[("csrf", "x"), ("name", "amina"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 403);
        let (session, csrf) = sign_in(&app, "amina").await;
        // An upload with a wrong token is refused and stores nothing.
        let form = |token: &str| {
            reqwest::multipart::Form::new()
                .text("csrf", token.to_string())
                .text("project", "p1")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(b"Description\nTent\n".to_vec()).file_name("a.csv"),
                )
        };
        let forged = c
            .post(app.url("/upload"))
            .header(COOKIE, &session)
            .multipart(form("forged"))
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 403);
        let cross_site = c
            .post(app.url("/upload"))
            .header(COOKIE, &session)
            .header("Origin", "https://evil.example")
            .multipart(form(&csrf))
            .send()
            .await
            .unwrap();
        assert_eq!(cross_site.status(), 403);
        let list = app.get_json("/api/v1/batches", &token("officer", &["p1"])).await;
        assert_eq!(list["total"], 0, "{db:?}");
        let stored = c
            .post(app.url("/upload"))
            .header(COOKIE, &session)
            .multipart(form(&csrf))
            .send()
            .await
            .unwrap();
        assert_eq!(stored.status(), 303);
        assert!(stored.headers()[LOCATION].to_str().unwrap().starts_with("/batches/"));
        // Sign-out needs the token too.
        let forged = post_form(&app, "/logout", &session, &[("csrf", "forged")]).await;
        assert_eq!(forged.status(), 403);
    }
}

#[tokio::test]
async fn sessions_are_signed_scoped_and_secure_over_tls() {
    let app = app(Db::Sqlite).await;
    add_user(&app, "amina", "officer", &["p1"]);
    let (session, _) = sign_in(&app, "amina").await;
    // A tampered cookie is no session.
    let tampered = session.replacen('.', ".x", 1);
    let response = client()
        .get(app.url("/batches"))
        .header(COOKIE, tampered)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert!(response.headers()[LOCATION]
        .to_str()
        .unwrap()
        .starts_with("/login?next=%2Fbatches"));
    // Behind a TLS proxy the cookie is Secure.
    let form = client()
        .get(app.url("/login"))
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .unwrap();
    assert!(cookie_named(&form, "equipcheck_signin")
        .unwrap()
        .to_lowercase()
        .contains("secure"));
    // Another project's batch is not found, as in the API.
    let other = app
        .upload_fixture(&token("officer", &["p2"]), "p2", "border-management-en.csv")
        .await;
    let other: serde_json::Value = other.json().await.unwrap();
    let page = client()
        .get(app.url(&format!("/batches/{}", other["id"].as_str().unwrap())))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
    assert!(page.text().await.unwrap().contains("Batch not found"));
}

#[tokio::test]
async fn a_token_from_the_identity_provider_opens_a_session_until_it_expires() {
    let app = app(Db::Sqlite).await;
    let c = client();
    let form = c.get(app.url("/login")).send().await.unwrap();
    let nonce = pair(&cookie_named(&form, "equipcheck_signin").unwrap());
    let csrf = csrf_in(&form.text().await.unwrap());
    let mut expired = claims("idp-user", "monitor", &["p1"]);
    expired["exp"] = serde_json::json!(now() - 3600);
    let refused = post_form(
        &app,
        "/login/token",
        &nonce,
        &[("csrf", &csrf), ("token", &sign_hs(&expired))],
    )
    .await;
    assert_eq!(refused.status(), 401);
    let idp_token = token("monitor", &["p1"]);
    let accepted = post_form(&app, "/login/token", &nonce, &[("csrf", &csrf), ("token", &idp_token)]).await;
    assert_eq!(accepted.status(), 303);
    let session = cookie_named(&accepted, "equipcheck_session").unwrap();
    let max_age: u64 = session
        .split(';')
        .find_map(|p| p.trim().strip_prefix("Max-Age="))
        .and_then(|v| v.parse().ok())
        .unwrap();
    assert!(max_age <= 600, "the session ends with the token ({max_age} s)");
    let page = c
        .get(app.url("/batches"))
        .header(COOKIE, pair(&session))
        .send()
        .await
        .unwrap();
    assert!(page.text().await.unwrap().contains("tester · monitoring"));
}

#[tokio::test]
async fn user_text_is_escaped_everywhere() {
    let app = app(Db::Sqlite).await;
    add_user(&app, "amina", "officer", &["p1"]);
    let sheet = "Description,Quantity\n\"<script>alert(1)</script> assault rifle <img src=x onerror=alert(2)>\",abc\n";
    let response = app
        .upload_bytes(
            &token("officer", &["p1"]),
            "p1",
            "<i>evil.csv",
            sheet.as_bytes().to_vec(),
        )
        .await;
    let batch: serde_json::Value = response.json().await.unwrap();
    let (session, _) = sign_in(&app, "amina").await;
    let path = format!("/batches/{}", batch["id"].as_str().unwrap());
    let page = get_page(&app, &path, &session).await.text().await.unwrap();
    assert!(!page.contains("<script>alert") && !page.contains("<img src=x") && !page.contains("<i>evil"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;i&gt;evil.csv"));
    // The broken quantity is listed with its row and column.
    assert!(page.contains("One import problem"), "{page}");
    assert!(page.contains("<mark"), "the rifle is highlighted");
}

#[tokio::test]
async fn a_decision_on_a_stale_page_is_shown_as_a_conflict() {
    for db in backends() {
        let app = app(db).await;
        add_user(&app, "rita", "reviewer", &["p1"]);
        let officer = sign_hs(&claims("amina", "officer", &["p1"]));
        let response = app
            .upload_bytes(
                &officer,
                "p1",
                "a.csv",
                b"Description\nNight vision goggles Gen 3\n".to_vec(),
            )
            .await;
        let batch: serde_json::Value = response.json().await.unwrap();
        let items = app
            .get_json(
                &format!("/api/v1/batches/{}/items", batch["id"].as_str().unwrap()),
                &officer,
            )
            .await;
        let id = items["items"][0]["id"].as_i64().unwrap();
        let (session, csrf) = sign_in(&app, "rita").await;
        let page = get_page(&app, &format!("/items/{id}"), &session)
            .await
            .text()
            .await
            .unwrap();
        let at = page.find("data-version=\"").unwrap() + 14;
        let version = page[at..].split('"').next().unwrap().to_string();
        // Another reviewer decides first, through the API.
        let omar = sign_hs(&claims("omar", "reviewer", &["p1"]));
        let first = app
            .post_json(
                &format!("/api/v1/items/{id}/decisions"),
                &omar,
                &serde_json::json!({"action": "reject", "justification": "No licence can be obtained for it.",
                    "version": version.parse::<i64>().unwrap()}),
            )
            .await;
        assert_eq!(first.status(), 200);
        let justification = "Licensed under DE-2026-0142 for the border police.";
        let fields = [
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("action", "approve"),
            ("justification", justification),
        ];
        let stale = post_form(&app, &format!("/items/{id}/decide"), &session, &fields).await;
        assert_eq!(stale.status(), 409, "{db:?}");
        let page = stale.text().await.unwrap();
        assert!(page.contains("someone else decided on this item"), "{page}");
        assert!(page.contains("rejected"), "the page shows the item as it stands now");
    }
}

#[tokio::test]
async fn a_reviewer_approves_the_clear_items_at_once_and_downloads_the_decisions() {
    let app = app(Db::Sqlite).await;
    add_user(&app, "rita", "reviewer", &["p1"]);
    let officer = sign_hs(&claims("amina", "officer", &["p1"]));
    let sheet = b"Description\nTent, 8 persons\nAssault rifle AK-47\n".to_vec();
    let batch: serde_json::Value = app
        .upload_bytes(&officer, "p1", "b.csv", sheet)
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/batches/{}", batch["id"].as_str().unwrap());
    let (session, csrf) = sign_in(&app, "rita").await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("justification", "Ordinary camp equipment, no control applies."),
    ];
    let approved = post_form(&app, &format!("{path}/approve-clear"), &session, &fields).await;
    assert_eq!(approved.status(), 303);
    assert_eq!(approved.headers()[LOCATION], format!("{path}?approved=1").as_str());
    let items = app.get_json(&format!("/api/v1{path}/items"), &officer).await;
    let statuses: Vec<&str> = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["review"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["approved", "pending"], "the rifle is left alone");
    let xlsx = get_page(&app, &format!("{path}/decisions.xlsx"), &session).await;
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "a workbook");
    // The uploader cannot approve their own batch in bulk either.
    let (own, own_csrf) = {
        add_user(&app, "amina", "admin", &[]);
        sign_in(&app, "amina").await
    };
    let fields = [
        ("csrf", own_csrf.as_str()),
        ("justification", "My own batch, approving it myself."),
    ];
    let refused = post_form(&app, &format!("{path}/approve-clear"), &own, &fields).await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn the_batch_page_shows_every_sheet_and_column_and_the_other_columns_text() {
    for db in backends() {
        let app = app(db).await;
        add_user(&app, "amina", "officer", &["p1"]);
        let mut wb = rust_xlsxwriter::Workbook::new();
        for (name, line, remarks) in [
            ("Lot 1", "Training kit", "incl. 4 AK-47"),
            ("Lot 2", "Sniper rifle", ""),
        ] {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            ws.write_string(0, 0, "Description").unwrap();
            ws.write_string(0, 1, "<b>Remarks</b>").unwrap();
            ws.write_string(1, 0, line).unwrap();
            if !remarks.is_empty() {
                ws.write_string(1, 1, remarks).unwrap();
            }
        }
        wb.add_worksheet()
            .set_name("Notes")
            .unwrap()
            .write_string(0, 0, "Read me")
            .unwrap();
        let response = app
            .upload_bytes(
                &token("officer", &["p1"]),
                "p1",
                "lots.xlsx",
                wb.save_to_buffer().unwrap(),
            )
            .await;
        assert_eq!(response.status(), 201);
        let batch: serde_json::Value = response.json().await.unwrap();
        let (session, _) = sign_in(&app, "amina").await;
        let page = get_page(&app, &format!("/batches/{}", batch["id"].as_str().unwrap()), &session)
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("How the file was read"), "{page}");
        assert!(page.contains("Sheet Lot 2: header on row 1, one item"), "{page}");
        assert!(page.contains("<td>Lot 2</td>"), "the item's sheet is shown: {page}");
        assert!(page.contains("Notes</strong>: no header row"), "{page}");
        assert!(
            page.contains("&lt;b&gt;Remarks&lt;/b&gt;") && !page.contains("<b>Remarks"),
            "{page}"
        );
        assert!(
            page.contains("Column B (&lt;b&gt;Remarks&lt;/b&gt;): <mark>AK-47</mark>"),
            "{page}"
        );
    }
}
