//! `equipcheck serve`, `equipcheck user add`, `equipcheck token`: the service commands of the binary.

use equipcheck::auth::{password, Role};
use equipcheck::config::{JwtSettings, Settings};
use equipcheck::startup::{self, Application};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Subcommand)]
pub enum UserCommand {
    /// Create a user (or replace their password, role and projects). The password is read from standard input
    /// (first line) or --password-file.
    Add {
        name: String,
        /// officer, reviewer, monitor, admin or erp.
        #[arg(long)]
        role: Role,
        /// Project the user may see (repeat for several).
        #[arg(long = "project")]
        projects: Vec<String>,
        #[arg(long)]
        password_file: Option<PathBuf>,
        /// Database URL (sqlite://PATH or postgres://...).
        #[arg(
            long = "database-url",
            env = "EQUIPCHECK_DATABASE_URL",
            default_value = "sqlite://equipcheck.db",
            hide_env_values = true
        )]
        database_url: String,
    },
}

#[derive(clap::Args)]
pub struct TokenArgs {
    /// Subject: the client's name (e.g. erp-client).
    #[arg(long)]
    sub: String,
    #[arg(long)]
    role: Role,
    /// Project the token grants (repeat for several).
    #[arg(long = "project")]
    projects: Vec<String>,
    /// Lifetime, e.g. 1h, 30m, 7d.
    #[arg(long, default_value = "1h", value_parser = humantime::parse_duration)]
    ttl: Duration,
    #[arg(
        long = "database-url",
        env = "EQUIPCHECK_DATABASE_URL",
        default_value = "sqlite://equipcheck.db",
        hide_env_values = true
    )]
    database_url: String,
    #[command(flatten)]
    jwt: JwtSettings,
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

fn check_projects(projects: &[String]) -> Result<(), String> {
    match projects.iter().find(|p| !equipcheck::auth::valid_project_id(p)) {
        Some(p) => Err(format!("project {p:?}: use 1-64 letters, digits, '-', '_' or '.'")),
        None => Ok(()),
    }
}

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
            Err(e) => return fail(e),
        };
        let backend = equipcheck::db::Backend::from_url(&settings.database_url)
            .map(|b| b.name())
            .unwrap_or("?");
        let host = settings.bind.rsplit_once(':').map(|(h, _)| h).unwrap_or("127.0.0.1");
        tracing::info!("equipcheck listening on http://{host}:{} ({backend})", app.port());
        match app.run_until_stopped().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        }
    })
}

pub fn user(command: UserCommand) -> ExitCode {
    let UserCommand::Add {
        name,
        role,
        projects,
        password_file,
        database_url,
    } = command;
    if let Err(e) = check_projects(&projects) {
        return fail(e);
    }
    if name.trim().is_empty() || name.len() > 100 {
        return fail("the user name must be 1-100 characters");
    }
    let secret = match &password_file {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display())),
        None => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map(|_| line)
                .map_err(|e| format!("cannot read the password from standard input: {e}"))
        }
    };
    let secret = match secret {
        Ok(s) => s.lines().next().unwrap_or("").to_string(),
        Err(e) => return fail(e),
    };
    if secret.chars().count() < 12 {
        return fail("the password must be at least 12 characters long");
    }
    let hash = match password::hash(&secret) {
        Ok(h) => h,
        Err(e) => return fail(e),
    };
    let result = equipcheck::db::connect(&database_url, 1)
        .and_then(|pool| pool.get().map_err(Into::into))
        .and_then(|mut conn| equipcheck::db::users::upsert(&mut conn, &name, &hash, role.as_str(), &projects));
    match result {
        Ok(()) => {
            eprintln!("user {name} ({role}) saved with projects [{}]", projects.join(", "));
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

pub fn token(args: TokenArgs) -> ExitCode {
    if let Err(e) = check_projects(&args.projects) {
        return fail(e);
    }
    let keys = equipcheck::db::connect(&args.database_url, 1)
        .map_err(startup::StartupError::from)
        .and_then(|pool| startup::load_keys(&args.jwt, &pool));
    let keys = match keys {
        Ok(k) => k,
        Err(e) => return fail(e),
    };
    match keys.issue(&args.sub, args.role, &args.projects, args.ttl) {
        Ok(token) => {
            println!("{token}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
