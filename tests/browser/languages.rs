//! The pages' five languages over plain HTTP: chosen from Accept-Language, switched and remembered on the account
//! across sign-ins; and the batch page and decision panel saying plainly what happened.

use crate::driver::{add_user, app, PASSWORD};
use crate::helpers::{backends, claims, sign_hs, TestApp};
use crate::pages::{client, cookie_named, csrf_in, get_page, pair, post_form, sign_in};
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION};

/// The `lang` attribute of a page's `<html>`.
fn html_lang(page: &str) -> String {
    let at = page.find("<html lang=\"").expect("html lang") + 12;
    page[at..].split('"').next().unwrap().to_string()
}

async fn login_page(app: &TestApp, accept: &str, cookie: &str) -> String {
    client()
        .get(app.url("/login"))
        .header(ACCEPT_LANGUAGE, accept)
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_sign_in_page_follows_accept_language_and_then_the_chosen_language() {
    let app = app(crate::helpers::Db::Sqlite).await;
    let page = login_page(&app, "fr-SN, fr;q=0.9, en;q=0.5", "").await;
    assert_eq!(html_lang(&page), "fr");
    assert!(page.contains("Mot de passe") && page.contains("Se connecter"), "{page}");
    let page = login_page(&app, "pt-MZ, pt;q=0.8", "").await;
    assert_eq!(html_lang(&page), "pt");
    assert!(page.contains("Palavra-passe"), "{page}");
    // A language the pages are not written in: English.
    let page = login_page(&app, "ar, ru;q=0.5", "").await;
    assert_eq!(html_lang(&page), "en");
    assert!(page.contains("Password"), "{page}");
    // The switcher's choice wins over the browser's.
    let switched = post_form(&app, "/language", "", &[("lang", "de"), ("next", "/login")]).await;
    assert_eq!(switched.status(), 303);
    assert_eq!(switched.headers()[LOCATION], "/login");
    let cookie = pair(&cookie_named(&switched, "equipcheck_lang").expect("language cookie"));
    let page = login_page(&app, "es", &cookie).await;
    assert_eq!(html_lang(&page), "de");
    assert!(page.contains("Passwort"), "{page}");
    // Somewhere else than this site is never where the switcher goes back to.
    let away = post_form(&app, "/language", "", &[("lang", "es"), ("next", "//evil.example/")]).await;
    assert_eq!(away.headers()[LOCATION], "/");
    // A language that does not exist is refused, not guessed.
    let unknown = post_form(&app, "/language", "", &[("lang", "xx")]).await;
    assert_eq!(unknown.status(), 422);
}

/// Signs in through the form with no language cookie; answers the response's language cookie, if any.
async fn sign_in_fresh(app: &TestApp, name: &str) -> Option<String> {
    let c = client();
    let form = c.get(app.url("/login")).send().await.unwrap();
    let nonce = pair(&cookie_named(&form, "equipcheck_signin").expect("sign-in cookie"));
    let token = csrf_in(&form.text().await.unwrap());
    let response = c
        .post(app.url("/login"))
        .header(COOKIE, &nonce)
        .form(&[("csrf", token.as_str()), ("name", name), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    cookie_named(&response, "equipcheck_lang").map(|c| pair(&c))
}

#[tokio::test]
async fn the_language_chosen_is_remembered_on_the_account_for_the_next_sign_in() {
    for db in backends() {
        let app = app(db).await;
        add_user(&app, "amina", "officer", &["p1"]);
        // Nothing chosen yet: no language cookie at sign-in (the browser's language applies).
        assert_eq!(sign_in_fresh(&app, "amina").await, None);
        let (session, csrf) = sign_in(&app, "amina").await;
        // Without the form's token the choice is refused (it changes the account).
        let forged = post_form(&app, "/language", &session, &[("lang", "fr"), ("csrf", "forged")]).await;
        assert_eq!(forged.status(), 403);
        let chosen = post_form(
            &app,
            "/language",
            &session,
            &[("lang", "fr"), ("csrf", &csrf), ("next", "/home")],
        )
        .await;
        assert_eq!(chosen.status(), 303, "{db:?}");
        let cookie = pair(&cookie_named(&chosen, "equipcheck_lang").expect("language cookie"));
        let home = get_page(&app, "/home", &format!("{session}; {cookie}"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(html_lang(&home), "fr");
        assert!(home.contains("Mon travail"), "{home}");
        // Another browser, no cookie: signing in brings the choice back.
        assert_eq!(
            sign_in_fresh(&app, "amina").await.as_deref(),
            Some("equipcheck_lang=fr"),
            "{db:?}"
        );
    }
}

/// Uploads lines as `amina` through the API; answers the batch id and the item ids.
async fn upload(app: &TestApp, name: &str, csv: &str) -> (String, Vec<i64>) {
    let officer = sign_hs(&claims("amina", "officer", &["p1"]));
    let response = app.upload_bytes(&officer, "p1", name, csv.as_bytes().to_vec()).await;
    let batch: serde_json::Value = response.json().await.unwrap();
    let id = batch["id"].as_str().unwrap().to_string();
    let items = app.get_json(&format!("/api/v1/batches/{id}/items"), &officer).await;
    let ids = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    (id, ids)
}

/// The text of the textarea with this id.
fn textarea(page: &str, id: &str) -> String {
    let at = page
        .find(&format!("<textarea id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let open = at + page[at..].find('>').unwrap() + 1;
    let close = open + page[open..].find("</textarea>").unwrap();
    page[open..close].to_string()
}

#[tokio::test]
async fn a_refused_justification_is_explained_beside_its_field_and_kept_in_that_field() {
    for db in backends() {
        let app = app(db).await;
        add_user(&app, "rita", "reviewer", &["p1"]);
        let (_, ids) = upload(&app, "goggles.csv", "Description\nNight vision goggles Gen 3\n").await;
        let id = ids[0];
        let (session, csrf) = sign_in(&app, "rita").await;
        let page = get_page(&app, &format!("/items/{id}"), &session)
            .await
            .text()
            .await
            .unwrap();
        // Nothing dangerous is preselected: the new decision must be chosen.
        assert!(page.contains("<option value=\"\" selected disabled>"), "{page}");
        let at = page.find("data-version=\"").unwrap() + 14;
        let version = page[at..].split('"').next().unwrap().to_string();
        let fields = [
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("action", "reject"),
            ("justification", "tbd"),
        ];
        let refused = post_form(&app, &format!("/items/{id}/decide"), &session, &fields).await;
        assert_eq!(refused.status(), 422, "{db:?}");
        let page = refused.text().await.unwrap();
        assert_eq!(textarea(&page, "j-reject"), "tbd", "kept where it was typed");
        assert_eq!(textarea(&page, "j-approve"), "", "not copied into the other form");
        assert!(page.contains("id=\"j-reject-error\""), "{page}");
        assert!(page.contains("aria-describedby=\"j-reject-error\""), "{page}");
        assert!(page.contains("A placeholder is not a reason"), "{page}");
        assert!(!page.contains("id=\"j-approve-error\""), "{page}");
    }
}

#[tokio::test]
async fn the_batch_page_opens_with_its_verdict_and_says_a_reupload_or_an_empty_sheet_plainly() {
    for db in backends() {
        let app = app(db).await;
        add_user(&app, "amina", "officer", &["p1"]);
        let (session, csrf) = sign_in(&app, "amina").await;
        let sheet = "Description,Quantity\nTent for 8 persons,4\nAK-47 assault rifle,2\nThermal imaging camera,1\n";
        let send = |bytes: &'static str, name: &'static str| {
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf.clone())
                .text("project", "p1")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(bytes.as_bytes().to_vec()).file_name(name),
                );
            client()
                .post(app.url("/upload"))
                .header(COOKIE, &session)
                .multipart(form)
                .send()
        };
        let first = send(sheet, "order.csv").await.unwrap();
        let location = first.headers()[LOCATION].to_str().unwrap().to_string();
        assert!(!location.contains("existing"), "{location}");
        let page = get_page(&app, &location, &session).await.text().await.unwrap();
        assert!(page.contains("Blocked: the order contains prohibited lines"), "{page}");
        assert!(page.contains("One line is prohibited"), "{page}");
        // Most severe first: the rifle's row (3) comes before the tent's (2).
        let rifle = page.find("AK-47").unwrap();
        let tent = page.find("Tent for 8").unwrap();
        assert!(rifle < tent, "severity order");
        let by_row = get_page(&app, &format!("{location}?sort=row"), &session)
            .await
            .text()
            .await
            .unwrap();
        assert!(
            by_row.find("Tent for 8").unwrap() < by_row.find("AK-47").unwrap(),
            "sheet order"
        );
        // The same file again: the page says so.
        let again = send(sheet, "order-copy.csv").await.unwrap();
        let again = again.headers()[LOCATION].to_str().unwrap().to_string();
        assert!(again.ends_with("?existing=1"), "{again}");
        let page = get_page(&app, &again, &session).await.text().await.unwrap();
        assert!(page.contains("This file was already uploaded on"), "{page}");
        // A header and no lines.
        let empty = send("Description,Quantity\n", "empty.csv").await.unwrap();
        let empty = empty.headers()[LOCATION].to_str().unwrap().to_string();
        let page = get_page(&app, &empty, &session).await.text().await.unwrap();
        assert!(page.contains("The sheet had a header but no lines"), "{page}");
    }
}
