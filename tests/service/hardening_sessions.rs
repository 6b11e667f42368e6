//! Issue 16, finding 6: a browser session ends at sign-out and when the account's password, role or projects
//! change, on every instance sharing the database, even for a copy of the cookie kept from before.

use crate::helpers::*;

const PASSWORD: &str = "a long passphrase here";

/// The status of `/batches` at `address` with a session cookie (200 signed in, 303 to the sign-in page).
async fn batches_status(address: &str, cookie: &str) -> u16 {
    no_redirects()
        .get(format!("{address}/batches"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn add_user(app: &TestApp, name: &str, role: &str) {
    let hash = equipcheck::auth::password::hash(PASSWORD).expect("hash");
    let pool = equipcheck::db::connect(&app.database_url, 1).expect("database");
    let mut conn = pool.get().expect("connection");
    equipcheck::db::users::upsert(&mut conn, name, &hash, role, &["p1".to_string()]).expect("user");
}

async fn sign_in_with_password(app: &TestApp, name: &str) -> String {
    let client = no_redirects();
    let form = client.get(app.url("/login")).send().await.unwrap();
    let nonce = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("equipcheck_signin="))
        .map(|c| c.split(';').next().unwrap().to_string())
        .expect("sign-in cookie");
    let csrf = csrf_in(&form.text().await.unwrap());
    let response = client
        .post(app.url("/login"))
        .header("cookie", nonce)
        .form(&[("csrf", csrf.as_str()), ("name", name), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    session_cookie(&response)
}

#[tokio::test]
async fn sign_out_ends_the_session_on_every_instance() {
    for db in backends() {
        let app = spawn_app(db).await;
        let other = restart_with(&app, classifier());
        let signed_in = sign_in_with_token(&app, "amina", "officer", "/batches").await;
        let cookie = session_cookie(&signed_in);
        let kept = cookie.clone();
        assert_eq!(batches_status(&app.address, &cookie).await, 200);
        assert_eq!(batches_status(&other, &cookie).await, 200, "{db:?}: the other instance");
        let page = no_redirects()
            .get(app.url("/batches"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        let csrf = csrf_in(&page.text().await.unwrap());
        let out = no_redirects()
            .post(format!("{other}/logout"))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(out.status(), 303);
        assert_eq!(
            batches_status(&app.address, &kept).await,
            303,
            "{db:?}: kept cookie after sign-out"
        );
        assert_eq!(batches_status(&other, &kept).await, 303, "{db:?}");
        // A new sign-in works as before.
        let again = sign_in_with_token(&app, "amina", "officer", "/batches").await;
        assert_eq!(batches_status(&other, &session_cookie(&again)).await, 200);
    }
}

#[tokio::test]
async fn a_password_role_or_project_change_ends_the_users_sessions() {
    for db in backends() {
        let app = spawn_app(db).await;
        add_user(&app, "amina", "officer");
        add_user(&app, "rita", "reviewer");
        let amina = sign_in_with_password(&app, "amina").await;
        let rita = sign_in_with_password(&app, "rita").await;
        assert_eq!(batches_status(&app.address, &amina).await, 200);
        // Her role changes (as `equipcheck user add` does): her session ends, nobody else's.
        add_user(&app, "amina", "reviewer");
        assert_eq!(batches_status(&app.address, &amina).await, 303, "{db:?}");
        assert_eq!(batches_status(&app.address, &rita).await, 200, "{db:?}");
        let amina = sign_in_with_password(&app, "amina").await;
        assert_eq!(batches_status(&app.address, &amina).await, 200);
    }
}
