//! `equipcheck serve`: the HTTP service (settings from flags and `EQUIPCHECK_*`, see `equipcheck::config`).

use super::fail;
use equipcheck::config::Settings;
use equipcheck::startup::Application;
use std::path::Path;
use std::process::ExitCode;

/// Exit code when the server cannot start or stops on an error.
const EXIT_FAILED: u8 = 1;

pub fn serve(settings: Settings, catalog_dir: &Path) -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
    let runtime = actix_web::rt::System::new();
    runtime.block_on(async move {
        let app = match Application::build(&settings, catalog_dir) {
            Ok(app) => app,
            Err(e) => return fail(EXIT_FAILED, e),
        };
        let backend = equipcheck::db::Backend::from_url(&settings.database_url)
            .map(|b| b.name())
            .unwrap_or("?");
        let host = settings.bind.rsplit_once(':').map(|(h, _)| h).unwrap_or("127.0.0.1");
        tracing::info!("equipcheck listening on http://{host}:{} ({backend})", app.port());
        match app.run_until_stopped().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(EXIT_FAILED, e),
        }
    })
}
