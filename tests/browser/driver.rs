//! Headless Chromium driven over WebDriver (chromedriver on a free port, a fresh profile per browser), and the
//! app under test with the real catalogue and local accounts.

use crate::helpers::{root, spawn_app_using, Db, TestApp};
use equipcheck::classify::Classifier;
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// One browser at a time: the machines have two cores and Chromium is heavy.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn program(env: &str, default: &str) -> PathBuf {
    std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default))
}

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ending chromedriver ends the browser it started.
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A headless Chromium, or `None` (with a loud message) when it is not installed outside CI. In CI
/// (`CI=true`) a missing browser fails the test.
pub async fn browser() -> Option<Browser> {
    let chromium = program("EQUIPCHECK_TEST_CHROMIUM", "/usr/bin/chromium");
    let chromedriver = program("EQUIPCHECK_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
    if !chromium.exists() || !chromedriver.exists() {
        let message = format!(
            "browser tests need {} and {} (Debian packages chromium and chromium-driver; `.ci/run` installs them)",
            chromium.display(),
            chromedriver.display()
        );
        if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
            panic!("{message}");
        }
        eprintln!("\n!!!!! SKIPPED: {message} !!!!!\n");
        return None;
    }
    // reqwest and fantoccini enable two TLS back-ends; pick one (only plain HTTP to localhost is used).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let turn = ONE_AT_A_TIME.lock().await;
    let port = free_port();
    let driver = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let profile = tempfile::tempdir().expect("profile dir");
    let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,1000",
                     format!("--user-data-dir={}", profile.path().display())],
        }
    }))
    .expect("capabilities");
    let url = format!("http://127.0.0.1:{port}");
    let mut last_error = String::new();
    // chromedriver needs a moment to listen; a readiness wait, not a timing assertion.
    for _ in 0..100 {
        match ClientBuilder::rustls()
            .expect("rustls")
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                return Some(Browser {
                    client,
                    driver,
                    _profile: profile,
                    _turn: turn,
                })
            }
            Err(e) => last_error = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not start a browser: {last_error}");
}

/// The real catalogue, so that the pages show what users see.
pub fn real_classifier() -> Arc<Classifier> {
    static CLASSIFIER: OnceLock<Arc<Classifier>> = OnceLock::new();
    CLASSIFIER
        .get_or_init(|| equipcheck::startup::load_classifier(&root().join("catalog")).expect("catalogue"))
        .clone()
}

pub async fn app(db: Db) -> TestApp {
    app_with(db, &[]).await
}

pub async fn app_with(db: Db, extra: &[&str]) -> TestApp {
    spawn_app_using(db, extra, real_classifier()).await
}

pub const PASSWORD: &str = "a long passphrase here";

/// A local account on the app's database.
pub fn add_user(app: &TestApp, name: &str, role: &str, projects: &[&str]) {
    let hash = equipcheck::auth::password::hash(PASSWORD).expect("hash");
    let pool = equipcheck::db::connect(&app.database_url, 1).expect("database");
    let mut conn = pool.get().expect("connection");
    let projects: Vec<String> = projects.iter().map(|p| p.to_string()).collect();
    equipcheck::db::users::upsert(&mut conn, name, &hash, role, &projects).expect("user");
}

impl Browser {
    pub async fn css(&self, selector: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("no element {selector}: {e}"))
    }

    pub async fn all(&self, selector: &str) -> Vec<fantoccini::elements::Element> {
        self.client.find_all(Locator::Css(selector)).await.expect("find_all")
    }

    pub async fn text(&self, selector: &str) -> String {
        self.css(selector).await.text().await.expect("text")
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Waits until the browser shows a page whose path starts with `prefix`.
    pub async fn wait_for_path(&self, prefix: &str) -> String {
        for _ in 0..300 {
            let path = self.path().await;
            if path.starts_with(prefix) {
                return path;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the browser never reached {prefix} (at {})", self.path().await);
    }

    pub async fn sign_in(&self, app: &TestApp, name: &str) {
        self.client.goto(&app.url("/login")).await.expect("goto");
        self.css("#name").await.send_keys(name).await.expect("name");
        self.css("#password").await.send_keys(PASSWORD).await.expect("password");
        self.css("form[action='/login'] button[type=submit]")
            .await
            .click()
            .await
            .expect("submit");
        // The click returns before the next page has loaded (password hashing takes a moment): wait for it.
        for _ in 0..300 {
            if !self.path().await.starts_with("/login") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{name} could not sign in (at {})", self.path().await);
    }

    pub async fn sign_out(&self) {
        self.css("form.signout button").await.click().await.expect("sign out");
        self.wait_for_path("/login").await;
    }

    /// Saves a screenshot to target/screenshots/NAME.png (kept as a CI artifact).
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = screenshots();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    pub async fn close(self) {
        let client = self.client.clone();
        let _ = client.close().await;
    }
}

pub fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    target.join("screenshots")
}

pub fn sample(name: &str) -> PathBuf {
    let path = root().join("tests/fixtures/import").join(name);
    assert!(Path::new(&path).exists(), "{}", path.display());
    path
}
