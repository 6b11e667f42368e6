//! Builds the application once, for `equipcheck serve` and for the tests (which bind port 0).

use crate::api::{self, AppState};
use crate::auth::jwt::{self, JwtKeys};
use crate::catalog::Catalog;
use crate::classify::Classifier;
use crate::config::{JwtAlgorithm, JwtSettings, Settings, WebSettings};
use crate::db::{self, Backend, DbError};
use crate::monitoring::Clock;
use crate::web as ui;
use crate::web::session::SessionKeys;
use actix_web::dev::Server;
use actix_web::{middleware, web, App, HttpServer};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("catalogue {dir}: {message}")]
    Catalog { dir: String, message: String },
    #[error("sanctions lists: {0}")]
    Lists(#[from] crate::screening::parties::LoadError),
    #[error("rescreening after the catalogue change: {0}")]
    Rescreen(#[from] crate::review::ReviewError),
    #[error("token keys: {0}")]
    Keys(#[from] jwt::KeyError),
    #[error("cannot listen on {bind}: {source}")]
    Bind {
        bind: String,
        #[source]
        source: std::io::Error,
    },
}

pub struct Application {
    port: u16,
    server: Server,
    worker: crate::jobs::Worker,
    settlements: SettlementRefresh,
    /// Renews the leases of this instance's upload slots.
    slot_leases: (api::limits::UserUploads, db::Pool),
}

/// How often an instance reads the party settlements other instances recorded on the shared database.
const SETTLEMENT_REFRESH: std::time::Duration = std::time::Duration::from_secs(15);

/// Keeps this instance's party screening up to date with settlements made on other instances.
struct SettlementRefresh {
    pool: db::Pool,
    classifier: Arc<Classifier>,
}

impl SettlementRefresh {
    async fn run(self) {
        loop {
            tokio::time::sleep(SETTLEMENT_REFRESH).await;
            let (pool, classifier) = (self.pool.clone(), self.classifier.clone());
            let loaded = tokio::task::spawn_blocking(move || {
                let mut conn = pool.get().map_err(DbError::from)?;
                crate::review::load_settlements(&mut conn, &classifier)
            })
            .await;
            if let Ok(Err(e)) = loaded {
                tracing::warn!(error = %e, "cannot read the party settlements");
            }
        }
    }
}

/// Loads the catalogue and compiles the classifier.
pub fn load_classifier(catalog_dir: &Path) -> Result<Arc<Classifier>, StartupError> {
    let err = |message: String| StartupError::Catalog {
        dir: catalog_dir.display().to_string(),
        message,
    };
    let catalog = Catalog::load(catalog_dir).map_err(|e| err(e.to_string()))?;
    let classifier = Classifier::new(Arc::new(catalog)).map_err(|e| err(e.to_string()))?;
    Ok(Arc::new(classifier))
}

/// Loads the catalogue and the sanctions lists, and compiles the classifier.
pub fn load_classifier_with(
    catalog_dir: &Path,
    parties: &crate::config::PartySettings,
) -> Result<Arc<Classifier>, StartupError> {
    let err = |message: String| StartupError::Catalog {
        dir: catalog_dir.display().to_string(),
        message,
    };
    let catalog = Catalog::load(catalog_dir).map_err(|e| err(e.to_string()))?;
    let mut classifier = Classifier::new(Arc::new(catalog)).map_err(|e| err(e.to_string()))?;
    if let Some(screening) = parties.load(catalog_dir)? {
        for list in screening.versions() {
            tracing::info!(list = %list.list, version = %list.version, entities = list.entities, "sanctions list loaded");
        }
        classifier = classifier.with_parties(Arc::new(screening));
    }
    Ok(Arc::new(classifier))
}

/// Token keys; an HS256 installation without a configured secret uses the one generated once in the database.
pub fn load_keys(settings: &JwtSettings, pool: &db::Pool) -> Result<JwtKeys, StartupError> {
    let needs_stored =
        settings.algorithm == JwtAlgorithm::Hs256 && settings.secret.is_none() && settings.secret_file.is_none();
    let stored = if needs_stored {
        let mut conn = pool.get().map_err(DbError::from)?;
        Some(db::settings::get_or_insert(
            &mut conn,
            "jwt_hs256_secret",
            jwt::generate_secret,
        )?)
    } else {
        None
    };
    Ok(JwtKeys::from_settings(settings, stored.as_deref())?)
}

/// The key that signs browser sessions: the configured one, or one generated once and kept in the database so
/// that every instance accepts the others' cookies.
pub fn load_session_keys(settings: &WebSettings, pool: &db::Pool) -> Result<SessionKeys, StartupError> {
    let secret = match &settings.session_secret {
        Some(secret) if secret.len() >= 32 => secret.clone(),
        Some(_) => {
            return Err(StartupError::Keys(jwt::KeyError::Config(
                "EQUIPCHECK_SESSION_SECRET must be at least 32 bytes long".into(),
            )))
        }
        None => {
            let mut conn = pool.get().map_err(DbError::from)?;
            db::settings::get_or_insert(&mut conn, "web_session_secret", jwt::generate_secret)?
        }
    };
    Ok(SessionKeys::new(
        secret.as_bytes(),
        settings.session_ttl,
        settings.secure_cookies,
    ))
}

/// The setting that keeps the sanctions lists the stored items were screened against.
pub const PARTY_LISTS_SETTING: &str = "party_lists";

/// `UN-SC 2026-02-27...; US-OFAC-SDN sha256:...`, empty when no list is loaded.
pub fn party_lists_label(classifier: &Classifier) -> String {
    classifier.parties().map_or_else(String::new, |p| {
        p.versions().iter().map(|v| v.label()).collect::<Vec<_>>().join("; ")
    })
}

/// Classifies the stored items again when the catalogue's version or the sanctions lists differ from those they
/// were screened with (only items whose decision changes go back to review; the rescreen is audited); answers what
/// was done, or `None` when both are current. Several instances starting at once on one PostgreSQL database
/// rescreen once: the others wait for the advisory lock and then find the versions current.
pub fn rescreen_if_catalog_changed(
    pool: &db::Pool,
    classifier: &Classifier,
) -> Result<Option<crate::review::RescreenReport>, StartupError> {
    let mut conn = pool.get().map_err(DbError::from)?;
    db::instance_lock::run_exclusively(&mut conn, db::instance_lock::RESCREEN_LOCK, |conn| {
        let (stored, differs) = crate::review::stored_version(conn, classifier)?;
        // The sanctions lists loaded, as one label: a new list version rescreens the stored items' parties too.
        let lists = party_lists_label(classifier);
        let stored_lists = db::settings::get(conn, PARTY_LISTS_SETTING)?.unwrap_or_default();
        if !differs && stored_lists == lists {
            return Ok(None);
        }
        tracing::info!(from = ?stored, to = %classifier.catalog_version(), from_lists = %stored_lists,
            to_lists = %lists, "catalogue or sanctions lists changed: rescreening");
        let actor = crate::audit::Actor::system("rescreen");
        let report = crate::review::rescreen(conn, classifier, &actor, db::now())?;
        db::write(conn, |c| db::settings::set(c, PARTY_LISTS_SETTING, &lists))?;
        Ok(Some(report))
    })
}

/// The job worker with a handler per job kind.
fn job_worker(settings: &Settings, pool: &db::Pool, classifier: &Arc<Classifier>) -> crate::jobs::Worker {
    let delivery = crate::webhooks::DeliverySettings {
        timeout: settings.integration.webhook_timeout,
        allow_private: settings.integration.webhook_allow_private,
    };
    let import = crate::import::ImportOptions {
        limits: crate::import::ImportLimits {
            max_input_bytes: settings.limits.max_upload_bytes(),
            ..crate::import::ImportLimits::default()
        },
        ..crate::import::ImportOptions::default()
    };
    let handlers: crate::jobs::Handlers = vec![
        (db::events::DELIVERY_JOB, crate::webhooks::handler(delivery)),
        (crate::jobs::periodic::PRUNE_JOB, crate::jobs::periodic::prune_handler()),
        (
            crate::service::background::UPLOAD_JOB,
            crate::api::jobs::upload_handler(classifier.clone(), import),
        ),
        (
            crate::service::background::ORDER_JOB,
            crate::api::jobs::order_handler(classifier.clone()),
        ),
    ];
    let settings = &settings.integration;
    crate::jobs::Worker::new(
        pool.clone(),
        crate::jobs::WorkerSettings {
            poll_interval: settings.job_poll_interval,
            lease: settings.job_lease,
            retry_base: settings.webhook_retry_base,
        },
        handlers,
    )
}

impl Application {
    pub fn build(settings: &Settings, catalog_dir: &Path) -> Result<Application, StartupError> {
        let classifier = load_classifier_with(catalog_dir, &settings.parties)?;
        Application::build_with(settings, classifier)
    }

    /// Same with a classifier already built (tests share one).
    pub fn build_with(settings: &Settings, classifier: Arc<Classifier>) -> Result<Application, StartupError> {
        let backend = Backend::from_url(&settings.database_url)?;
        let pool = db::connect_with(
            &settings.database_url,
            settings.pool_size,
            settings.pool_timeout,
            settings.lock_timeout,
        )?;
        // Reviewers' settlements of party matches first, so that a rescreen honours them.
        let mut conn = pool.get().map_err(DbError::from)?;
        crate::review::load_settlements(&mut conn, &classifier)?;
        // Periodic work goes through the job queue: queued once per period whichever instances start.
        crate::jobs::periodic::schedule_prune(&mut conn, chrono::Utc::now().timestamp())?;
        drop(conn);
        rescreen_if_catalog_changed(&pool, &classifier)?;
        let keys = web::Data::new(load_keys(&settings.jwt, &pool)?);
        let sessions = web::Data::new(load_session_keys(&settings.web, &pool)?);
        let worker = job_worker(settings, &pool, &classifier);
        let settlements = SettlementRefresh {
            pool: pool.clone(),
            classifier: classifier.clone(),
        };
        let shared_limits = Arc::new(crate::service::shared_limits::SharedLimits::new(&settings.limits));
        let user_uploads = api::limits::UserUploads::new(shared_limits.uploads.clone());
        let slot_leases = (user_uploads.clone(), pool.clone());
        let state = web::Data::new(AppState {
            pool,
            classifier,
            limits: settings.limits.clone(),
            backend,
            heavy_slots: Arc::new(tokio::sync::Semaphore::new(
                settings.limits.max_concurrent_uploads.max(1),
            )),
            clock: settings.today.map_or(Clock::System, Clock::Fixed),
            user_uploads,
            shared_limits,
            password_pool: crate::auth::hashing::PasswordPool::new(
                settings.limits.password_threads,
                std::time::Duration::from_secs(5),
            ),
            trusted_proxies: settings.trusted_proxies.clone(),
            lock_timeout: settings.lock_timeout,
            integration: settings.integration.clone(),
        });
        let bind_err = |source| StartupError::Bind {
            bind: settings.bind.clone(),
            source,
        };
        let listener = TcpListener::bind(&settings.bind).map_err(bind_err)?;
        let port = listener.local_addr().map_err(bind_err)?.port();
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(middleware::from_fn(api::rate_limit::limit))
                .wrap(middleware::from_fn(api::url_guard::refuse_control_characters))
                .wrap(middleware::from_fn(ui::lang::localise_errors))
                .wrap(middleware::from_fn(ui::headers::security_headers))
                .wrap(middleware::from_fn(api::request_meta::request_id))
                .wrap(middleware::from_fn(api::conditional::conditional_get))
                .wrap(api::access_log::logger())
                .app_data(state.clone())
                .app_data(keys.clone())
                .app_data(sessions.clone())
                .configure(ui::configure)
                .configure(api::configure)
        })
        .listen(listener)
        .map_err(bind_err)?;
        if let Some(workers) = settings.workers {
            server = server.workers(workers.max(1));
        }
        Ok(Application {
            port,
            server: server.run(),
            worker,
            settlements,
            slot_leases,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves, and runs this instance's job worker beside the server until it stops (a job cut short is taken
    /// again by a worker after its lease).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        tokio::select! {
            result = self.server => result,
            () = self.worker.run() => Ok(()),
            () = self.settlements.run() => Ok(()),
            () = self.slot_leases.0.keep_alive(self.slot_leases.1) => Ok(()),
        }
    }
}
