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
    /// Pages (path and query) axe-core has checked in this browser, so each is checked once.
    checked: std::sync::Mutex<std::collections::HashSet<String>>,
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
                    checked: Default::default(),
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
    /// The element `selector` names once the page shows it; the page is checked for accessibility the first time
    /// (every test reads a page through here, so every page a test visits is checked).
    /// Waits until the page shown is in `lang` (after the language switcher's form navigated). Waiting for the
    /// element `html[lang=...]` rather than reading the attribute of the page shown: that element can go stale
    /// between being found and being read while the new page loads.
    pub async fn wait_for_lang(&self, lang: &str) {
        self.client
            .wait()
            .for_element(Locator::Css(&format!("html[lang='{lang}']")))
            .await
            .unwrap_or_else(|e| panic!("the page never turned {lang}: {e}"));
    }

    pub async fn css(&self, selector: &str) -> fantoccini::elements::Element {
        let element = self
            .client
            .wait()
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("no element {selector}: {e}"));
        self.check_a11y().await;
        element
    }

    /// Runs axe-core (WCAG 2.2 A and AA and best practices, `vendor/axe.min.js`) on the page shown, unless this
    /// page was checked already, and fails the test on any violation, naming the rule and the elements.
    pub async fn check_a11y(&self) {
        let url = self.client.current_url().await.expect("url");
        let page = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        if !self.checked.lock().expect("checked pages").insert(page.clone()) {
            return;
        }
        let Ok(violations) = axe_violations(&self.client).await else {
            // The page went away while axe ran (a click had started a navigation): check it next time.
            self.checked.lock().expect("checked pages").remove(&page);
            return;
        };
        assert!(
            violations.is_empty(),
            "axe-core found accessibility violations on {page}:\n{}",
            violations.join("\n")
        );
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

    /// The axe-core violations of the page shown (the check above, without failing).
    pub async fn a11y_violations(&self) -> Vec<String> {
        axe_violations(&self.client).await.expect("run axe-core")
    }

    /// Screenshots of the page at laptop (1366x768) and tablet (768x1024) widths: NAME-laptop.png and
    /// NAME-tablet.png; the window goes back to its usual size afterwards.
    pub async fn screenshots_at_widths(&self, name: &str) {
        for (width, height, suffix) in [(1366, 768, "laptop"), (768, 1024, "tablet")] {
            self.client.set_window_size(width, height).await.expect("window size");
            self.screenshot(&format!("{name}-{suffix}")).await;
        }
        self.client.set_window_size(1280, 1000).await.expect("window size");
    }

    /// Saves a screenshot to target/screenshots/NAME.png (kept as a CI artifact).
    pub async fn screenshot(&self, name: &str) {
        self.check_a11y().await;
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

const AXE: &str = include_str!("vendor/axe.min.js");

/// The page's axe-core violations, one line per rule with the elements that break it.
async fn axe_violations(client: &Client) -> Result<Vec<String>, fantoccini::error::CmdError> {
    let loaded = client.execute("return typeof window.axe === 'object';", vec![]).await?;
    if loaded != serde_json::Value::Bool(true) {
        // Run as a script body, axe defines `window.axe`.
        client.execute(AXE, vec![]).await?;
    }
    let result = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, { resultTypes: ['violations'] })
                 .then(r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.help}\n` +
                   v.nodes.map(n => `    ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\n/g, ' ')}`)
                     .join('\n'))))
                 .catch(e => done([`axe-core did not run: ${e}`]));"#,
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(result).expect("axe-core violations"))
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
