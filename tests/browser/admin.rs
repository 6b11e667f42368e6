//! Administration: accounts, projects and the audit trail, over plain HTTP (access, sessions ended, lock-out,
//! audit records) and in the browser in French and English (with axe-core on every page and screenshots).

use crate::driver::{add_user, app, browser};
use crate::helpers::{backends, claims, sign_hs, Db, TestApp};
use crate::pages::{get_page, post_form, sign_in, sign_in_with};
use equipcheck::i18n::Lang;
use fantoccini::Locator;
use reqwest::header::LOCATION;

const NEW_PASSWORD: &str = "a brand new passphrase";

async fn page_text(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let response = get_page(app, path, cookie).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn administration_is_refused_to_other_roles_and_to_strangers() {
    let app = app(Db::Sqlite).await;
    add_user(&app, "rita", "reviewer", &["p1"]);
    let (rita, csrf) = sign_in(&app, "rita").await;
    for path in [
        "/admin",
        "/admin/users",
        "/admin/users/rita",
        "/admin/projects",
        "/admin/audit",
    ] {
        assert_eq!(get_page(&app, path, &rita).await.status(), 403, "{path}");
        let stranger = get_page(&app, path, "").await;
        assert_eq!(stranger.status(), 303, "{path}");
        assert!(stranger.headers()[LOCATION].to_str().unwrap().starts_with("/login"));
    }
    let fields = [("csrf", csrf.as_str()), ("role", "admin"), ("project", "p1")];
    let refused = post_form(&app, "/admin/users/rita/access", &rita, &fields).await;
    assert_eq!(refused.status(), 403);
    let still = sign_in(&app, "rita").await;
    assert_eq!(
        get_page(&app, "/review", &still.0).await.status(),
        200,
        "still a reviewer"
    );
}

#[tokio::test]
async fn account_changes_end_sessions_are_audited_and_keep_an_administrator() {
    for db in backends() {
        let app = app(db).await;
        add_user(&app, "ada", "admin", &[]);
        add_user(&app, "rita", "reviewer", &["p1"]);
        let (rita, _) = sign_in(&app, "rita").await;
        let (ada, csrf) = sign_in(&app, "ada").await;
        assert_eq!(get_page(&app, "/review", &rita).await.status(), 200);

        // A new role ends the reviewer's session at once.
        let access = [
            ("csrf", csrf.as_str()),
            ("role", "officer"),
            ("project", "p1"),
            ("new_projects", "p2"),
        ];
        let saved = post_form(&app, "/admin/users/rita/access", &ada, &access).await;
        assert_eq!(saved.status(), 303);
        assert_eq!(saved.headers()[LOCATION], "/admin/users/rita?done=access");
        assert_eq!(get_page(&app, "/review", &rita).await.status(), 303, "session ended");
        let (status, page) = page_text(&app, "/admin/users/rita", &ada).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("Procurement officer") && page.contains("p1, p2"),
            "{page}"
        );

        // A password reset: the new one works, the old session and the old password do not.
        let (rita, _) = sign_in(&app, "rita").await;
        let reset = [("csrf", csrf.as_str()), ("password", NEW_PASSWORD)];
        assert_eq!(
            post_form(&app, "/admin/users/rita/password", &ada, &reset)
                .await
                .status(),
            303
        );
        assert_eq!(get_page(&app, "/batches", &rita).await.status(), 303);
        assert!(sign_in_with(&app, "rita", crate::driver::PASSWORD).await.is_none());
        let (rita, _) = sign_in_with(&app, "rita", NEW_PASSWORD).await.expect("new password");

        // Disabled: the session ends and signing in is refused.
        let form = [("csrf", csrf.as_str())];
        assert_eq!(
            post_form(&app, "/admin/users/rita/disable", &ada, &form).await.status(),
            303
        );
        assert_eq!(get_page(&app, "/batches", &rita).await.status(), 303);
        assert!(sign_in_with(&app, "rita", NEW_PASSWORD).await.is_none());
        let api_login = reqwest::Client::new()
            .post(app.url("/auth/login"))
            .json(&serde_json::json!({"name": "rita", "password": NEW_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(api_login.status(), 401, "the API refuses a disabled account too");
        assert_eq!(
            post_form(&app, "/admin/users/rita/enable", &ada, &form).await.status(),
            303
        );
        assert!(sign_in_with(&app, "rita", NEW_PASSWORD).await.is_some());

        // The last administrator can neither disable nor demote themselves; both refusals are audited.
        let own = post_form(&app, "/admin/users/ada/disable", &ada, &form).await;
        assert_eq!(own.status(), 422);
        assert!(own.text().await.unwrap().contains("cannot disable your own account"));
        let demote = [("csrf", csrf.as_str()), ("role", "officer")];
        let last = post_form(&app, "/admin/users/ada/access", &ada, &demote).await;
        assert_eq!(last.status(), 422);
        assert!(last.text().await.unwrap().contains("no active administrator"));
        assert_eq!(
            get_page(&app, "/admin/users", &ada).await.status(),
            200,
            "still signed in"
        );

        // A created account with a generated password, shown once, that signs in.
        let create = [
            ("csrf", csrf.as_str()),
            ("name", "mona"),
            ("role", "monitor"),
            ("new_projects", "p1"),
        ];
        let created = post_form(&app, "/admin/users", &ada, &create).await;
        assert_eq!(created.status(), 200);
        let page = created.text().await.unwrap();
        let at = page.find("class=\"secret\">").expect("the generated password") + 15;
        let generated = page[at..].split('<').next().unwrap().to_string();
        assert_eq!(generated.len(), 23, "{generated}");
        assert!(sign_in_with(&app, "mona", &generated).await.is_some());
        let taken = post_form(&app, "/admin/users", &ada, &create).await;
        assert_eq!(taken.status(), 422);
        assert!(taken.text().await.unwrap().contains("exists already"));

        // The audit trail: the chain is intact; filters find the records, refusals included.
        let (status, page) = page_text(&app, "/admin/audit?entity_type=user&entity_id=rita", &ada).await;
        assert_eq!(status, 200);
        assert!(page.contains("The audit chain is intact"), "{page}");
        for action in ["change_user_access", "reset_password", "disable_user", "enable_user"] {
            assert!(page.contains(action), "{action}: {page}");
        }
        assert!(page.contains("&quot;sessions_ended&quot;: 1"), "{page}");
        let (_, refused) = page_text(&app, "/admin/audit?actor=ada&outcome=refused", &ada).await;
        assert!(refused.contains("2 records match"), "{refused}");
        let (_, dated) = page_text(&app, "/admin/audit?until=2000-01-01", &ada).await;
        assert!(dated.contains("No record matches"), "{dated}");
    }
}

#[tokio::test]
async fn projects_are_created_and_described_with_an_audit_record() {
    let app = app(Db::Sqlite).await;
    add_user(&app, "ada", "admin", &[]);
    let (ada, csrf) = sign_in(&app, "ada").await;
    let create = [
        ("csrf", csrf.as_str()),
        ("id", "sahel-2027"),
        ("name", "Border police equipment"),
        ("partner_country", "Niger"),
    ];
    let saved = post_form(&app, "/admin/projects", &ada, &create).await;
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()[LOCATION], "/admin/projects/sahel-2027?done=project");
    let again = post_form(&app, "/admin/projects", &ada, &create).await;
    assert_eq!(again.status(), 422, "creating an existing id is refused");
    let bad = [("csrf", csrf.as_str()), ("id", "no spaces"), ("name", "x")];
    assert_eq!(post_form(&app, "/admin/projects", &ada, &bad).await.status(), 422);
    let describe = [
        ("csrf", csrf.as_str()),
        ("name", "Border police kit"),
        ("recipient", "Police nationale"),
    ];
    let described = post_form(&app, "/admin/projects/sahel-2027", &ada, &describe).await;
    assert_eq!(described.status(), 303);
    let (_, page) = page_text(&app, "/admin/projects", &ada).await;
    assert!(
        page.contains("Border police kit") && page.contains("Police nationale"),
        "{page}"
    );
    assert!(!page.contains("Niger"), "an emptied field is cleared");
    let (_, audit) = page_text(&app, "/admin/audit?entity_type=project", &ada).await;
    assert!(
        audit.contains("create_project") && audit.contains("describe_project"),
        "{audit}"
    );
    // The API's projects endpoint keeps answering through the same domain function.
    let api = reqwest::Client::new()
        .put(app.url("/api/v1/projects/sahel-2027"))
        .bearer_auth(sign_hs(&claims("root", "admin", &[])))
        .json(&serde_json::json!({"name": "Renamed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 200);
}

#[tokio::test]
async fn an_administrator_works_through_the_pages_in_french_and_in_english() {
    for lang in [Lang::Fr, Lang::En] {
        let Some(b) = browser().await else { return };
        let app = app(Db::Sqlite).await;
        add_user(&app, "ada", "admin", &[]);
        let code = lang.code();
        // The language the browser asks for (as a French-speaking administrator's browser would).
        b.client.goto(&app.url("/login")).await.unwrap();
        b.client
            .execute(&format!("document.cookie = 'equipcheck_lang={code}; path=/';"), vec![])
            .await
            .unwrap();
        b.sign_in(&app, "ada").await;
        b.client.goto(&app.url("/admin/users")).await.unwrap();
        assert_eq!(b.text("h1").await, lang.tr("admin-users-title"));
        b.screenshots_at_widths(&format!("admin-users-{code}")).await;

        // Create an account with a generated password.
        b.css("#name").await.send_keys("rita").await.unwrap();
        b.css("#role").await.select_by_value("reviewer").await.unwrap();
        b.css("#new_projects").await.send_keys("p1").await.unwrap();
        b.css("form[action='/admin/users'] button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
        b.wait_for_path("/admin/users").await;
        let secret = b.text("code.secret").await;
        assert_eq!(secret.len(), 23, "{secret}");
        b.screenshots_at_widths(&format!("admin-user-{code}")).await;

        // Change the role.
        b.client.goto(&app.url("/admin/users/rita")).await.unwrap();
        b.css("#role").await.select_by_value("officer").await.unwrap();
        b.css("form[action$='/access'] button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
        b.wait_for_path("/admin/users/rita?done=access").await;
        assert_eq!(b.text("p.notice").await, lang.tr("admin-done-access"));
        assert!(b.text("dl.fields").await.contains(&lang.tr("admin-role-officer")));

        // Reset the password to one typed here.
        b.css("form[action$='/password'] #password")
            .await
            .send_keys(NEW_PASSWORD)
            .await
            .unwrap();
        b.css("form[action$='/password'] button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
        b.wait_for_path("/admin/users/rita?done=password").await;
        assert_eq!(b.text("p.notice").await, lang.tr("admin-done-password"));

        // Disable the account.
        b.css("form[action$='/disable'] button").await.click().await.unwrap();
        b.wait_for_path("/admin/users/rita?done=disable").await;
        assert_eq!(b.text("p.notice").await, lang.tr("admin-done-disabled"));
        assert!(b
            .css("form[action$='/enable'] button")
            .await
            .is_displayed()
            .await
            .unwrap());

        // A project.
        b.client.goto(&app.url("/admin/projects")).await.unwrap();
        b.css("#id").await.send_keys("sahel-2027").await.unwrap();
        b.css("#pname")
            .await
            .send_keys("Border police equipment")
            .await
            .unwrap();
        b.css("#partner_country").await.send_keys("Niger").await.unwrap();
        b.css("form[action='/admin/projects'] button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
        b.wait_for_path("/admin/projects/sahel-2027").await;
        b.screenshots_at_widths(&format!("admin-project-{code}")).await;
        b.client.goto(&app.url("/admin/projects")).await.unwrap();
        b.css("table").await;
        b.screenshots_at_widths(&format!("admin-projects-{code}")).await;

        // The audit trail, filtered by action.
        b.client.goto(&app.url("/admin/audit")).await.unwrap();
        assert_eq!(b.text("#chain-h").await, lang.tr("admin-audit-chain-intact"));
        b.css("#action").await.send_keys("disable_user").await.unwrap();
        b.css("form.filters button[type=submit]").await.click().await.unwrap();
        b.wait_for_path("/admin/audit?").await;
        let rows = b.all("table.audit tbody tr").await;
        assert_eq!(rows.len(), 1);
        assert!(rows[0].text().await.unwrap().contains("rita"));
        b.client
            .find(Locator::Css("table.audit details summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        b.screenshots_at_widths(&format!("admin-audit-{code}")).await;

        // The API reference is checked too.
        b.client.goto(&app.url("/docs")).await.unwrap();
        b.css("main h1").await;
        b.close().await;
    }
}

#[tokio::test]
async fn the_accessibility_check_reports_what_breaks_the_rules() {
    let Some(b) = browser().await else { return };
    // An image without a text alternative and a field without a label: the check must name both.
    let bad = "data:text/html,<!doctype html><html lang=en><head><title>t</title></head><body><main>\
               <h1>t</h1><img src='x.png'><input type=text></main></body></html>";
    b.client.goto(bad).await.unwrap();
    let violations = b.a11y_violations().await.join("\n");
    assert!(violations.contains("image-alt"), "{violations}");
    assert!(violations.contains("label"), "{violations}");
    b.close().await;
}
