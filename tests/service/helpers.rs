//! `spawn_app`: a server on 127.0.0.1:0 over a fresh SQLite file or PostgreSQL database, and token helpers.

use diesel::{Connection, RunQueryDsl};
use equipcheck::classify::Classifier;
use equipcheck::config::Settings;
use equipcheck::startup::{self, Application};
use jsonwebtoken::{EncodingKey, Header};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

pub const SECRET: &str = "test-secret-test-secret-test-secret-0123456789";
pub const ISSUER: &str = "equipcheck";
pub const AUDIENCE: &str = "equipcheck-api";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// SQLite always; PostgreSQL as well when EQUIPCHECK_TEST_POSTGRES_URL is set.
pub fn backends() -> Vec<Db> {
    let mut out = vec![Db::Sqlite];
    if std::env::var("EQUIPCHECK_TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
        out.push(Db::Postgres);
    }
    out
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The catalogue for service tests: a small fixed one (the tests check the service, not the data), or
/// EQUIPCHECK_TEST_CATALOG.
pub fn classifier() -> Arc<Classifier> {
    static CLASSIFIER: OnceLock<Arc<Classifier>> = OnceLock::new();
    CLASSIFIER
        .get_or_init(|| {
            let dir = std::env::var_os("EQUIPCHECK_TEST_CATALOG")
                .map(PathBuf::from)
                .unwrap_or_else(|| fixture("service-catalog"));
            startup::load_classifier(&dir).expect("test catalogue")
        })
        .clone()
}

/// A database that disappears with the test.
pub enum DbGuard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        if let DbGuard::Postgres { admin_url, name } = self {
            if let Ok(mut conn) = diesel::PgConnection::establish(admin_url) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn);
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub database_url: String,
    _guard: Arc<DbGuard>,
}

pub fn fresh_database(db: Db) -> (String, DbGuard) {
    match db {
        Db::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, DbGuard::Sqlite(dir))
        }
        Db::Postgres => {
            let admin_url = std::env::var("EQUIPCHECK_TEST_POSTGRES_URL").expect("EQUIPCHECK_TEST_POSTGRES_URL");
            let name = format!("equipcheck_t_{}", uuid::Uuid::new_v4().simple());
            let mut conn = diesel::PgConnection::establish(&admin_url).expect("connect to the test PostgreSQL");
            let mut tries = 0;
            // Concurrent CREATE DATABASE from the same template can collide; retry briefly.
            while let Err(e) = diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn) {
                tries += 1;
                assert!(tries < 20, "cannot create test database: {e}");
                std::thread::sleep(std::time::Duration::from_millis(100 * tries));
            }
            let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
            let url = format!("{base}/{name}");
            (url, DbGuard::Postgres { admin_url, name })
        }
    }
}

pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with(db, &[]).await
}

/// Starts a server; `extra` flags are added to the defaults (they win).
pub async fn spawn_app_with(db: Db, extra: &[&str]) -> TestApp {
    spawn_app_using(db, extra, classifier()).await
}

/// Same with another classifier (the browser tests use the real catalogue).
pub async fn spawn_app_using(db: Db, extra: &[&str], classifier: Arc<Classifier>) -> TestApp {
    let (database_url, guard) = fresh_database(db);
    let address = start_server(&database_url, classifier, extra);
    TestApp {
        address,
        client: reqwest::Client::new(),
        database_url,
        _guard: Arc::new(guard),
    }
}

/// Another server on the same database with another catalogue (as after an upgrade); answers its address.
pub fn restart_with(app: &TestApp, classifier: Arc<Classifier>) -> String {
    start_server(&app.database_url, classifier, &[])
}

/// Another instance on the app's database (as behind a load balancer), with `extra` flags; answers its address.
pub fn another_instance(app: &TestApp, extra: &[&str]) -> String {
    start_server(&app.database_url, classifier(), extra)
}

/// A local account (officer of p1) whose password is "a long passphrase here".
pub fn add_user(app: &TestApp, name: &str) {
    let hash = equipcheck::auth::password::hash("a long passphrase here").expect("hash");
    let pool = equipcheck::db::connect(&app.database_url, 1).expect("database");
    let mut conn = pool.get().expect("connection");
    equipcheck::db::users::upsert(&mut conn, name, &hash, "officer", &["p1".to_string()]).expect("user");
}

fn start_server(database_url: &str, classifier: Arc<Classifier>, extra: &[&str]) -> String {
    let mut flags: Vec<String> = [
        "--database-url",
        database_url,
        "--bind",
        "127.0.0.1:0",
        "--workers",
        "2",
        "--db-pool-size",
        "6",
        "--jwt-algorithm",
        "HS256",
        "--jwt-secret",
        SECRET,
        "--jwt-issuer",
        ISSUER,
        "--jwt-audience",
        AUDIENCE,
        // Tests send bursts from one address; the rate limit has its own test (hardening_limits).
        "--rate-limit",
        "0",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    flags.extend(extra.iter().map(|s| s.to_string()));
    let settings = Settings::from_flags(&flags).expect("test settings");
    let app = Application::build_with(&settings, classifier).expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    address
}

/// Waits, when the clock is within `margin` seconds of the end of a window of `window` seconds, for the next one:
/// a test counting hits in one window of a shared limit (aligned to the clock) must not straddle two.
pub async fn early_in_window(window: u64, margin: u64) {
    let into = now() % window;
    if into + margin >= window {
        tokio::time::sleep(std::time::Duration::from_secs(window - into)).await;
    }
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// A valid HS256 token for the test server.
pub fn token(role: &str, projects: &[&str]) -> String {
    sign_hs(&claims("tester", role, projects))
}

pub fn claims(sub: &str, role: &str, projects: &[&str]) -> Value {
    json!({"sub": sub, "role": role, "projects": projects, "exp": now() + 600, "iat": now(),
           "iss": ISSUER, "aud": AUDIENCE})
}

pub fn sign_hs(claims: &Value) -> String {
    jsonwebtoken::encode(
        &Header::new(jsonwebtoken::Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .expect("sign")
}

impl TestApp {
    /// The instance at `address` on `app`'s database (see [`another_instance`]).
    pub fn at(app: &TestApp, address: String) -> TestApp {
        TestApp {
            address,
            client: app.client.clone(),
            database_url: app.database_url.clone(),
            _guard: app._guard.clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    pub async fn get_json(&self, path: &str, token: &str) -> Value {
        let response = self.get(path, token).await;
        let status = response.status();
        let body: Value = response.json().await.expect("json");
        assert!(status.is_success(), "{path}: {status} {body}");
        body
    }

    pub async fn upload_bytes(&self, token: &str, project: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
        let form = reqwest::multipart::Form::new()
            .text("project", project.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            );
        self.client
            .post(self.url("/api/v1/batches"))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .expect("upload")
    }

    pub async fn upload_fixture(&self, token: &str, project: &str, name: &str) -> reqwest::Response {
        let bytes = std::fs::read(fixture("import").join(name)).expect("fixture");
        self.upload_bytes(token, project, name, bytes).await
    }

    pub async fn post_json(&self, path: &str, token: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }
}

/// Checks the RFC 9457 shape and answers the `code`.
pub async fn problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status().as_u16(), status, "unexpected status");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("problem json");
    assert_eq!(body["status"], status);
    for field in ["type", "title", "detail", "code"] {
        assert!(body[field].is_string(), "problem without {field}: {body}");
    }
    let text = body.to_string();
    assert!(
        !text.contains("panicked") && !text.contains("src/"),
        "leaks internals: {text}"
    );
    body
}

/// A token for a named subject (four-eyes tests need the uploader and the reviewers to differ).
pub fn token_as(sub: &str, role: &str, projects: &[&str]) -> String {
    sign_hs(&claims(sub, role, projects))
}

/// Uploads a one-column CSV (a `Description` header, then `lines`) as `uploader` (an officer of `project`) and
/// answers the batch id and its items in order.
pub async fn upload_lines(app: &TestApp, uploader: &str, project: &str, lines: &[&str]) -> (String, Vec<Value>) {
    let mut csv = String::from("Description\n");
    for line in lines {
        csv.push_str(line);
        csv.push('\n');
    }
    // A last line that makes every upload unique (a byte-identical upload answers the existing batch).
    csv.push_str(&format!("Tent {}\n", uuid::Uuid::new_v4().simple()));
    let response = app
        .upload_bytes(
            &token_as(uploader, "officer", &[project]),
            project,
            "sheet.csv",
            csv.into_bytes(),
        )
        .await;
    assert_eq!(response.status(), 201, "upload");
    let batch: Value = response.json().await.expect("batch json");
    let id = batch["id"].as_str().expect("batch id").to_string();
    let items = app
        .get_json(&format!("/api/v1/batches/{id}/items?limit=500"), &token("admin", &[]))
        .await;
    let mut items = items["items"].as_array().expect("items").clone();
    items.truncate(lines.len());
    (id, items)
}

/// An item as an admin reads it.
pub async fn item(app: &TestApp, id: i64) -> Value {
    app.get_json(&format!("/api/v1/items/{id}"), &token("admin", &[])).await
}

/// Posts a review step for `item` with its current version (unless `body` names one).
pub async fn decide(app: &TestApp, token: &str, item_id: i64, body: Value) -> reqwest::Response {
    let mut body = body;
    if body.get("version").is_none() {
        body["version"] = item(app, item_id).await["version"].clone();
    }
    app.post_json(&format!("/api/v1/items/{item_id}/decisions"), token, &body)
        .await
}

/// Gets an item to `approved` the way a reviewer would: a reviewer who did not upload it approves it with a
/// justification. Panics for a prohibited item (it can never be approved) or an item not pending.
pub async fn approve_item(app: &TestApp, item_id: i64) -> Value {
    let reviewer = token_as("helper-approver", "admin", &[]);
    let response = decide(
        app,
        &reviewer,
        item_id,
        json!({"action": "approve", "justification": "Approved for the test: licence and end user checked"}),
    )
    .await;
    let status = response.status();
    let body: Value = response.json().await.expect("decision json");
    assert_eq!(status, 200, "approve_item({item_id}): {body}");
    assert_eq!(body["review"]["status"], "approved");
    body
}

/// A copy of the test catalogue at `version`, changed by `change` (as after a catalogue upgrade).
pub fn catalogue_variant(version: &str, change: impl FnOnce(&std::path::Path)) -> (tempfile::TempDir, Arc<Classifier>) {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(fixture("service-catalog")).expect("test catalogue") {
        let entry = entry.expect("catalogue file");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    let manifest = std::fs::read_to_string(dir.path().join("manifest.toml")).expect("manifest");
    let manifest = manifest.replace("version = \"service-test-1\"", &format!("version = \"{version}\""));
    std::fs::write(dir.path().join("manifest.toml"), manifest).expect("manifest");
    change(dir.path());
    let classifier = startup::load_classifier(dir.path()).expect("changed catalogue");
    (dir, classifier)
}

/// GET a JSON document from another server on the same database (see [`restart_with`]), as an admin.
pub async fn get_json_at(app: &TestApp, address: &str, path: &str) -> Value {
    app.client
        .get(format!("{address}{path}"))
        .bearer_auth(token("admin", &[]))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json")
}

/// A client that does not follow redirects (to read a sign-in's cookies and Location).
pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The cookie `name` (as `name=value`) that a response sets, if it does.
pub fn cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap_or("").to_string())
}

/// The CSRF token of a page's form.
pub fn csrf_in(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[at..].split('"').next().unwrap().to_string()
}

/// Signs in through the page with an identity provider's token for `sub` in `role` with `projects`, sending
/// `next`; answers the response.
pub async fn sign_in_as(app: &TestApp, sub: &str, role: &str, projects: &[&str], next: &str) -> reqwest::Response {
    let client = no_redirects();
    let form = client.get(app.url("/login")).send().await.unwrap();
    let nonce = cookie(&form, "equipcheck_signin").expect("sign-in cookie");
    let csrf = csrf_in(&form.text().await.unwrap());
    client
        .post(app.url("/login/token"))
        .header("cookie", nonce)
        .form(&[
            ("csrf", csrf.as_str()),
            ("token", token_as(sub, role, projects).as_str()),
            ("next", next),
        ])
        .send()
        .await
        .unwrap()
}

/// [`sign_in_as`] in project `p1`.
pub async fn sign_in_with_token(app: &TestApp, sub: &str, role: &str, next: &str) -> reqwest::Response {
    sign_in_as(app, sub, role, &["p1"], next).await
}

/// The session cookie (`name=value`) of a sign-in response.
pub fn session_cookie(response: &reqwest::Response) -> String {
    cookie(response, "equipcheck_session").expect("session cookie")
}
