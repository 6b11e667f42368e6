//! Service settings, from flags and `EQUIPCHECK_*` environment variables (documented in the README).

use std::path::PathBuf;
use std::time::Duration;

/// Token algorithm accepted by the server; pinned, never read from the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum JwtAlgorithm {
    #[value(name = "HS256")]
    Hs256,
    #[value(name = "RS256")]
    Rs256,
    #[value(name = "EdDSA")]
    EdDsa,
}

#[derive(Debug, Clone, clap::Args)]
pub struct JwtSettings {
    /// Accepted token algorithm: HS256 (shared secret), RS256 or EdDSA (public key or JWKS file).
    #[arg(long = "jwt-algorithm", env = "EQUIPCHECK_JWT_ALGORITHM", default_value = "HS256")]
    pub algorithm: JwtAlgorithm,
    /// HS256 shared secret (at least 32 bytes). Default: a random secret generated once and kept in the database.
    #[arg(long = "jwt-secret", env = "EQUIPCHECK_JWT_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
    /// File holding the HS256 shared secret.
    #[arg(long = "jwt-secret-file", env = "EQUIPCHECK_JWT_SECRET_FILE")]
    pub secret_file: Option<PathBuf>,
    /// RS256/EdDSA: PEM public key that verifies tokens.
    #[arg(long = "jwt-public-key-file", env = "EQUIPCHECK_JWT_PUBLIC_KEY_FILE")]
    pub public_key_file: Option<PathBuf>,
    /// RS256/EdDSA: JWKS file of the identity provider (keys chosen by `kid`, algorithm still pinned).
    #[arg(long = "jwt-jwks-file", env = "EQUIPCHECK_JWT_JWKS_FILE")]
    pub jwks_file: Option<PathBuf>,
    /// RS256/EdDSA: PEM private key, only to let `login` and `equipcheck token` issue tokens.
    #[arg(long = "jwt-private-key-file", env = "EQUIPCHECK_JWT_PRIVATE_KEY_FILE")]
    pub private_key_file: Option<PathBuf>,
    /// Required `iss` claim.
    #[arg(long = "jwt-issuer", env = "EQUIPCHECK_JWT_ISSUER", default_value = "equipcheck")]
    pub issuer: String,
    /// Required `aud` claim.
    #[arg(
        long = "jwt-audience",
        env = "EQUIPCHECK_JWT_AUDIENCE",
        default_value = "equipcheck-api"
    )]
    pub audience: String,
    /// Lifetime of tokens issued by the login endpoint (e.g. 15m, 1h).
    #[arg(long = "login-token-ttl", env = "EQUIPCHECK_LOGIN_TOKEN_TTL", default_value = "15m", value_parser = humantime::parse_duration)]
    pub login_ttl: Duration,
    /// Clock skew tolerated on `exp`, in seconds.
    #[arg(long = "jwt-leeway-secs", env = "EQUIPCHECK_JWT_LEEWAY_SECS", default_value_t = 30)]
    pub leeway_secs: u64,
}

#[derive(Debug, Clone, clap::Args)]
pub struct Limits {
    /// Largest uploaded spreadsheet, in MiB (413 above it).
    #[arg(long = "max-upload-mib", env = "EQUIPCHECK_MAX_UPLOAD_MIB", default_value_t = 50)]
    pub max_upload_mib: u64,
    /// Largest JSON or JSON-lines request body, in KiB (413 above it).
    #[arg(long = "max-json-kib", env = "EQUIPCHECK_MAX_JSON_KIB", default_value_t = 8192)]
    pub max_json_kib: u64,
    /// Deepest nesting of arrays and objects accepted in a JSON body.
    #[arg(long = "max-json-depth", env = "EQUIPCHECK_MAX_JSON_DEPTH", default_value_t = 16)]
    pub max_json_depth: usize,
    /// Most items in one `POST /api/v1/classify` request.
    #[arg(
        long = "max-classify-items",
        env = "EQUIPCHECK_MAX_CLASSIFY_ITEMS",
        default_value_t = 1000
    )]
    pub max_classify_items: usize,
    /// Most lines in one purchase order.
    #[arg(
        long = "max-order-lines",
        env = "EQUIPCHECK_MAX_ORDER_LINES",
        default_value_t = 100_000
    )]
    pub max_order_lines: usize,
    /// Largest page size of list endpoints.
    #[arg(long = "max-page-size", env = "EQUIPCHECK_MAX_PAGE_SIZE", default_value_t = 500)]
    pub max_page_size: i64,
    /// Uploads and purchase orders processed at once by one instance; more get 429 with Retry-After.
    #[arg(
        long = "max-concurrent-uploads",
        env = "EQUIPCHECK_MAX_CONCURRENT_UPLOADS",
        default_value_t = 2
    )]
    pub max_concurrent_uploads: usize,
    /// How long an Idempotency-Key stays "in progress" (409) before a retry may take it over: its request
    /// crashed or was killed. Longer than the slowest purchase order takes to store.
    #[arg(long = "idempotency-timeout", env = "EQUIPCHECK_IDEMPOTENCY_TIMEOUT", default_value = "2m",
          value_parser = humantime::parse_duration)]
    pub idempotency_timeout: Duration,
    /// A request body (upload, purchase order, JSON) that sends nothing for this long is answered 408.
    #[arg(long = "body-idle-timeout", env = "EQUIPCHECK_BODY_IDLE_TIMEOUT", default_value = "15s",
          value_parser = humantime::parse_duration)]
    pub body_idle_timeout: Duration,
    /// Uploads and purchase orders one user may have in flight (being received or processed), across instances.
    #[arg(
        long = "max-uploads-per-user",
        env = "EQUIPCHECK_MAX_UPLOADS_PER_USER",
        default_value_t = 2
    )]
    pub max_uploads_per_user: usize,
    /// Password checks (argon2) run at once; more wait up to 5 s, then the sign-in answers 429.
    #[arg(long = "password-threads", env = "EQUIPCHECK_PASSWORD_THREADS", default_value_t = 2)]
    pub password_threads: usize,
    /// Failed sign-ins from one client address in 15 minutes (across instances) before its sign-ins are refused
    /// (429).
    #[arg(
        long = "max-failed-logins-per-client",
        env = "EQUIPCHECK_MAX_FAILED_LOGINS_PER_CLIENT",
        default_value_t = 50
    )]
    pub max_failed_logins_per_client: u32,
    /// API requests one client address may make per minute, across instances (429 beyond); 0 turns it off.
    #[arg(long = "rate-limit", env = "EQUIPCHECK_RATE_LIMIT", default_value_t = 1200)]
    pub rate_limit: u32,
}

impl Limits {
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mib.saturating_mul(1024 * 1024)
    }
    pub fn max_json_bytes(&self) -> usize {
        usize::try_from(self.max_json_kib.saturating_mul(1024)).unwrap_or(usize::MAX)
    }
}

/// Everything `equipcheck serve` needs.
#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// Database URL: sqlite://PATH (default, a file in the working directory) or postgres://USER@HOST/DB.
    #[arg(
        long = "database-url",
        env = "EQUIPCHECK_DATABASE_URL",
        default_value = "sqlite://equipcheck.db",
        hide_env_values = true
    )]
    pub database_url: String,
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, env = "EQUIPCHECK_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "EQUIPCHECK_WORKERS")]
    pub workers: Option<usize>,
    /// Database connections per instance.
    #[arg(long = "db-pool-size", env = "EQUIPCHECK_DB_POOL_SIZE", default_value_t = 8)]
    pub pool_size: u32,
    /// How long a request waits for a free database connection before it is answered 503.
    #[arg(long = "db-pool-timeout", env = "EQUIPCHECK_DB_POOL_TIMEOUT", default_value = "3s",
          value_parser = humantime::parse_duration)]
    pub pool_timeout: Duration,
    /// How long a write waits for a lock another writer or process holds before it is answered 503.
    #[arg(long = "db-lock-timeout", env = "EQUIPCHECK_DB_LOCK_TIMEOUT", default_value = "10s",
          value_parser = humantime::parse_duration)]
    pub lock_timeout: Duration,
    /// Addresses of the load balancers in front (comma-separated): only their `X-Forwarded-For` names the client
    /// that throttles and rate limits count.
    #[arg(long = "trusted-proxies", env = "EQUIPCHECK_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The day the service takes for "today" in end-use monitoring (YYYY-MM-DD); default: the system date (UTC).
    /// For tests, training and replaying a past day; reads also take `?as_of=`.
    #[arg(long, env = "EQUIPCHECK_TODAY")]
    pub today: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub jwt: JwtSettings,
    #[command(flatten)]
    pub limits: Limits,
    #[command(flatten)]
    pub web: WebSettings,
    #[command(flatten)]
    pub integration: IntegrationSettings,
    #[command(flatten)]
    pub parties: PartySettings,
}

/// The job queue and webhook deliveries (issue 13).
#[derive(Debug, Clone, clap::Args)]
pub struct IntegrationSettings {
    /// How often an idle worker looks for due jobs (webhook deliveries, large imports).
    #[arg(long = "job-poll-interval", env = "EQUIPCHECK_JOB_POLL_INTERVAL", default_value = "1s",
          value_parser = humantime::parse_duration)]
    pub job_poll_interval: Duration,
    /// How long a claimed job stays one worker's without a progress report; after that (the worker stopped)
    /// another instance takes it.
    #[arg(long = "job-lease", env = "EQUIPCHECK_JOB_LEASE", default_value = "5m",
          value_parser = humantime::parse_duration)]
    pub job_lease: Duration,
    /// Wait before the first retry of a failed webhook delivery, doubled for each further attempt (at most 1h).
    #[arg(long = "webhook-retry-base", env = "EQUIPCHECK_WEBHOOK_RETRY_BASE", default_value = "10s",
          value_parser = humantime::parse_duration)]
    pub webhook_retry_base: Duration,
    /// How long a webhook receiver has to answer.
    #[arg(long = "webhook-timeout", env = "EQUIPCHECK_WEBHOOK_TIMEOUT", default_value = "10s",
          value_parser = humantime::parse_duration)]
    pub webhook_timeout: Duration,
    /// Allow webhook URLs on loopback, private and internal addresses (refused by default so that a subscription
    /// cannot reach into the server's own network).
    #[arg(
        long = "webhook-allow-private",
        env = "EQUIPCHECK_WEBHOOK_ALLOW_PRIVATE",
        default_value_t = false
    )]
    pub webhook_allow_private: bool,
    /// Uploads larger than this many bytes are imported in the background: the answer is `202 Accepted` with a
    /// job to follow (`GET /api/v1/jobs/{job}`) instead of a request held open; 0 keeps every upload synchronous.
    #[arg(long = "async-threshold-bytes", env = "EQUIPCHECK_ASYNC_THRESHOLD_BYTES", default_value_t = 16 * 1024 * 1024)]
    pub async_threshold_bytes: u64,
    /// Purchase orders whose body is larger than this many bytes are stored in the background (`202 Accepted`
    /// and a job); `Prefer: respond-async` asks for it at any size; 0 keeps every order synchronous unless asked.
    #[arg(long = "async-order-threshold-bytes", env = "EQUIPCHECK_ASYNC_ORDER_THRESHOLD_BYTES",
          default_value_t = 1024 * 1024)]
    pub async_order_threshold_bytes: u64,
}

/// The sanctions lists every line's parties are screened against, and how close a name must be to be raised.
#[derive(Debug, Clone, clap::Args)]
pub struct PartySettings {
    /// Sanctions list file or folder (UN consolidated XML, EU FSF CSV, OFAC sdn.csv, UK OFSI ConList.csv);
    /// default: the catalogue's `lists/` folder when it exists.
    #[arg(long = "lists-dir", visible_alias = "lists", env = "EQUIPCHECK_LISTS_DIR")]
    pub lists: Option<PathBuf>,
    /// Lowest score (above 0, at most 1) at which a party is raised as a possible listed entity.
    #[arg(long = "party-threshold", env = "EQUIPCHECK_PARTY_THRESHOLD",
          default_value_t = crate::screening::parties::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
}

impl PartySettings {
    /// The lists to load: the one given, else `<catalogue>/lists` when present, else none.
    pub fn path(&self, catalog_dir: &std::path::Path) -> Option<PathBuf> {
        self.lists
            .clone()
            .or_else(|| Some(catalog_dir.join("lists")).filter(|d| d.is_dir()))
    }

    /// Reads the lists and builds their index; `None` when there is nothing to load.
    pub fn load(
        &self,
        catalog_dir: &std::path::Path,
    ) -> Result<Option<crate::screening::parties::PartyScreening>, crate::screening::parties::LoadError> {
        let Some(path) = self.path(catalog_dir) else {
            return Ok(None);
        };
        let lists = crate::screening::parties::read_lists(&path)?;
        Ok(Some(crate::screening::parties::PartyScreening::new(
            lists,
            self.threshold,
        )))
    }
}

fn parse_threshold(value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(t) if t > 0.0 && t <= 1.0 => Ok(t),
        _ => Err(format!(
            "'{value}' is not a score above 0 and at most 1 (default {})",
            crate::screening::parties::DEFAULT_THRESHOLD
        )),
    }
}

/// The web interface's sessions (signed cookies, see `web::session`).
#[derive(Debug, Clone, clap::Args)]
pub struct WebSettings {
    /// How long a browser session lasts after sign-in.
    #[arg(long = "session-ttl", env = "EQUIPCHECK_SESSION_TTL", default_value = "8h", value_parser = humantime::parse_duration)]
    pub session_ttl: Duration,
    /// Mark the session cookie Secure even when the request did not arrive over TLS (behind a proxy that does
    /// not send X-Forwarded-Proto).
    #[arg(long = "secure-cookies", env = "EQUIPCHECK_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,
    /// Key that signs session cookies (at least 32 bytes); generated once and kept in the database if unset.
    #[arg(long = "session-secret", env = "EQUIPCHECK_SESSION_SECRET", hide_env_values = true)]
    pub session_secret: Option<String>,
}

/// Lets tests and tools build settings from flags alone.
#[derive(Debug, clap::Parser)]
#[command(name = "equipcheck-settings", args_override_self = true)]
pub struct SettingsParser {
    #[command(flatten)]
    pub settings: Settings,
}

impl Settings {
    /// Settings from flags (and the environment), e.g. `Settings::from_flags(["--database-url", "sqlite://x.db"])`.
    pub fn from_flags<I, T>(flags: I) -> Result<Settings, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::Parser;
        let args = std::iter::once(std::ffi::OsString::from("equipcheck")).chain(flags.into_iter().map(Into::into));
        SettingsParser::try_parse_from(args).map(|p| p.settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_nothing_set_up() {
        let s = Settings::from_flags(["--database-url", "sqlite://equipcheck.db", "--bind", "127.0.0.1:8080"]).unwrap();
        assert_eq!(s.database_url, "sqlite://equipcheck.db");
        assert_eq!(s.jwt.algorithm, JwtAlgorithm::Hs256);
        assert_eq!(s.limits.max_upload_bytes(), 50 * 1024 * 1024);
        assert_eq!(s.jwt.login_ttl, Duration::from_secs(900));
        let fixed = Settings::from_flags(["--today", "2028-02-29"]).unwrap();
        assert_eq!(fixed.today, chrono::NaiveDate::from_ymd_opt(2028, 2, 29));
        assert!(Settings::from_flags(["--today", "2027-02-29"]).is_err());
    }

    #[test]
    fn later_flags_win_and_bad_values_are_refused() {
        let s = Settings::from_flags(["--jwt-algorithm", "RS256", "--jwt-algorithm", "EdDSA"]).unwrap();
        assert_eq!(s.jwt.algorithm, JwtAlgorithm::EdDsa);
        assert!(Settings::from_flags(["--jwt-algorithm", "none"]).is_err());
        assert!(Settings::from_flags(["--login-token-ttl", "soon"]).is_err());
    }

    #[test]
    fn the_url_scheme_picks_the_database() {
        use crate::db::Backend;
        assert_eq!(
            Backend::from_url("sqlite://x.db").unwrap(),
            Backend::Sqlite("x.db".into())
        );
        assert_eq!(
            Backend::from_url("sqlite:///tmp/x.db").unwrap(),
            Backend::Sqlite("/tmp/x.db".into())
        );
        assert!(matches!(
            Backend::from_url("postgres://u@h/db").unwrap(),
            Backend::Postgres(_)
        ));
        assert!(matches!(
            Backend::from_url("postgresql://u@h/db").unwrap(),
            Backend::Postgres(_)
        ));
        assert!(Backend::from_url("sqlite::memory:").is_err());
        assert!(Backend::from_url("mysql://u@h/db").is_err());
    }
}
