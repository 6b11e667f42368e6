use crate::helpers::*;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

const PROBE: &str = "/api/v1/projects";

fn b64(value: &serde_json::Value) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
}

async fn status_with(app: &TestApp, authorization: Option<&str>) -> u16 {
    let mut request = app.client.get(app.url(PROBE));
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn bad_tokens_are_401_with_problem_json() {
    for db in backends() {
        let app = spawn_app(db).await;
        assert_eq!(
            status_with(&app, Some(&format!("Bearer {}", token("officer", &["p1"])))).await,
            200
        );

        let response = app.client.get(app.url(PROBE)).send().await.unwrap();
        assert_eq!(response.headers().get("www-authenticate").unwrap(), "Bearer");
        assert_eq!(problem(response, 401).await["code"], "unauthorized");

        let mut cases: Vec<(&str, String)> = vec![
            ("garbage", "Bearer not.a.token".into()),
            ("basic scheme", "Basic dXNlcjpwYXNz".into()),
            ("empty bearer", "Bearer ".into()),
        ];
        let base = claims("tester", "officer", &["p1"]);
        let mut with = |name: &'static str, edit: &dyn Fn(&mut serde_json::Value)| {
            let mut c = base.clone();
            edit(&mut c);
            cases.push((name, format!("Bearer {}", sign_hs(&c))));
        };
        with("expired", &|c| c["exp"] = json!(now() - 3600));
        with("exp as a string", &|c| c["exp"] = json!((now() + 600).to_string()));
        with("no exp", &|c| {
            c.as_object_mut().unwrap().remove("exp");
        });
        with("wrong audience", &|c| c["aud"] = json!("someone-else"));
        with("no audience", &|c| {
            c.as_object_mut().unwrap().remove("aud");
        });
        with("wrong issuer", &|c| c["iss"] = json!("evil"));
        with("no issuer", &|c| {
            c.as_object_mut().unwrap().remove("iss");
        });
        with("no subject", &|c| {
            c.as_object_mut().unwrap().remove("sub");
        });
        with("unknown role", &|c| c["role"] = json!("superuser"));
        with("not yet valid", &|c| c["nbf"] = json!(now() + 3600));
        // alg none, with and without a signature part.
        let none = format!("{}.{}", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&base));
        cases.push(("alg none", format!("Bearer {none}.")));
        cases.push(("alg none unsigned", format!("Bearer {none}")));
        // Forged: signed with another secret.
        let forged = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &base,
            &EncodingKey::from_secret(b"another-secret-another-secret-another"),
        )
        .unwrap();
        cases.push(("forged signature", format!("Bearer {forged}")));
        // Valid signature, payload swapped afterwards.
        let good = token("officer", &["p1"]);
        let parts: Vec<&str> = good.split('.').collect();
        let tampered = format!("{}.{}.{}", parts[0], b64(&claims("tester", "admin", &[])), parts[2]);
        cases.push(("tampered payload", format!("Bearer {tampered}")));
        // Right secret, other algorithm (HS512) than the pinned one.
        let hs512 = jsonwebtoken::encode(
            &Header::new(Algorithm::HS512),
            &base,
            &EncodingKey::from_secret(SECRET.as_bytes()),
        )
        .unwrap();
        cases.push(("HS512 instead of HS256", format!("Bearer {hs512}")));
        for (name, value) in cases {
            assert_eq!(status_with(&app, Some(&value)).await, 401, "{name} on {db:?}");
        }
    }
}

#[tokio::test]
async fn rs256_server_refuses_hs256_tokens_signed_with_its_public_key() {
    let public = fixture("jwt/rsa_public.pem");
    let app = spawn_app_with(
        Db::Sqlite,
        &[
            "--jwt-algorithm",
            "RS256",
            "--jwt-public-key-file",
            public.to_str().unwrap(),
        ],
    )
    .await;
    let claims = claims("erp-client", "erp", &["p1"]);
    let private = std::fs::read(fixture("jwt/rsa_private.pem")).unwrap();
    let rs = jsonwebtoken::encode(
        &Header::new(Algorithm::RS256),
        &claims,
        &EncodingKey::from_rsa_pem(&private).unwrap(),
    )
    .unwrap();
    assert_eq!(status_with(&app, Some(&format!("Bearer {rs}"))).await, 200);
    let public_pem = std::fs::read(&public).unwrap();
    let confused = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(&public_pem),
    )
    .unwrap();
    assert_eq!(status_with(&app, Some(&format!("Bearer {confused}"))).await, 401);
    // The server's old HS256 secret means nothing here either.
    assert_eq!(
        status_with(&app, Some(&format!("Bearer {}", sign_hs(&claims)))).await,
        401
    );
    // A token signed with another algorithm and key is refused.
    let other = std::fs::read(fixture("jwt/ed25519_private.pem")).unwrap();
    let eddsa = jsonwebtoken::encode(
        &Header::new(Algorithm::EdDSA),
        &claims,
        &EncodingKey::from_ed_pem(&other).unwrap(),
    )
    .unwrap();
    assert_eq!(status_with(&app, Some(&format!("Bearer {eddsa}"))).await, 401);
}

#[tokio::test]
async fn eddsa_server_accepts_its_key_only() {
    let public = fixture("jwt/ed25519_public.pem");
    let app = spawn_app_with(
        Db::Sqlite,
        &[
            "--jwt-algorithm",
            "EdDSA",
            "--jwt-public-key-file",
            public.to_str().unwrap(),
        ],
    )
    .await;
    let claims = claims("erp-client", "erp", &["p1"]);
    let private = std::fs::read(fixture("jwt/ed25519_private.pem")).unwrap();
    let ed = jsonwebtoken::encode(
        &Header::new(Algorithm::EdDSA),
        &claims,
        &EncodingKey::from_ed_pem(&private).unwrap(),
    )
    .unwrap();
    assert_eq!(status_with(&app, Some(&format!("Bearer {ed}"))).await, 200);
    assert_eq!(
        status_with(&app, Some(&format!("Bearer {}", sign_hs(&claims)))).await,
        401
    );
}

#[tokio::test]
async fn login_issues_short_lived_tokens_for_stored_users() {
    for db in backends() {
        let app = spawn_app(db).await;
        let pool = equipcheck::db::connect(&app.database_url, 1).unwrap();
        let hash = equipcheck::auth::password::hash("correct horse battery").unwrap();
        equipcheck::db::users::upsert(
            &mut pool.get().unwrap(),
            "amina",
            &hash,
            "officer",
            &["niger-police".into()],
        )
        .unwrap();

        let response = app
            .client
            .post(app.url("/auth/login"))
            .json(&json!({"name": "amina", "password": "correct horse battery"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 900);
        let token = body["access_token"].as_str().unwrap();
        let projects = app.get_json("/api/v1/projects", token).await;
        assert_eq!(projects[0]["id"], "niger-police");

        for (name, password) in [("amina", "wrong password!"), ("nobody", "correct horse battery")] {
            let response = app
                .client
                .post(app.url("/auth/login"))
                .json(&json!({"name": name, "password": password}))
                .send()
                .await
                .unwrap();
            problem(response, 401).await;
        }
        let response = app
            .client
            .post(app.url("/auth/login"))
            .json(&json!({"name": "", "password": ""}))
            .send()
            .await
            .unwrap();
        let body = problem(response, 422).await;
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["name", "password"]);
    }
}

#[tokio::test]
async fn jwks_keys_are_chosen_by_kid_with_the_algorithm_pinned() {
    let jwks = fixture("jwt/jwks.json");
    let app = spawn_app_with(
        Db::Sqlite,
        &["--jwt-algorithm", "RS256", "--jwt-jwks-file", jwks.to_str().unwrap()],
    )
    .await;
    let claims = claims("idp-user", "monitor", &["p1"]);
    let private = EncodingKey::from_rsa_pem(&std::fs::read(fixture("jwt/rsa_private.pem")).unwrap()).unwrap();
    let sign = |kid: Option<&str>| {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = kid.map(String::from);
        jsonwebtoken::encode(&header, &claims, &private).unwrap()
    };
    assert_eq!(
        status_with(&app, Some(&format!("Bearer {}", sign(Some("test-rsa"))))).await,
        200
    );
    assert_eq!(
        status_with(&app, Some(&format!("Bearer {}", sign(Some("other"))))).await,
        401
    );
    assert_eq!(status_with(&app, Some(&format!("Bearer {}", sign(None)))).await, 401);
}

/// Online guessing: after ten wrong passwords for an account, even the right one is refused with 429 and
/// Retry-After (the password is not checked at all); other accounts are not affected.
#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_for_a_while() {
    let app = spawn_app(Db::Sqlite).await;
    let pool = equipcheck::db::connect(&app.database_url, 1).unwrap();
    let hash = equipcheck::auth::password::hash("correct horse battery").unwrap();
    for name in ["amina", "rita"] {
        equipcheck::db::users::upsert(
            &mut pool.get().unwrap(),
            name,
            &hash,
            "officer",
            &["niger-police".into()],
        )
        .unwrap();
    }
    let login = |name: &'static str, password: &'static str| {
        app.client
            .post(app.url("/auth/login"))
            .json(&json!({"name": name, "password": password}))
            .send()
    };
    for _ in 0..10 {
        problem(login("amina", "wrong password!").await.unwrap(), 401).await;
    }
    let response = login("Amina", "correct horse battery").await.unwrap();
    let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry_after > 0 && retry_after <= 900, "{retry_after}");
    let body = problem(response, 429).await;
    assert_eq!(body["code"], "too_many_attempts");
    assert_eq!(login("rita", "correct horse battery").await.unwrap().status(), 200);
}
