//! `equipcheck user add` and `equipcheck token`: who may use the service (exit 1 on any failure).

use super::{fail, DatabaseArg};
use equipcheck::auth::{password, Role};
use equipcheck::config::JwtSettings;
use equipcheck::startup;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

const EXIT_FAILED: u8 = 1;

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
        #[command(flatten)]
        db: DatabaseArg,
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
    #[command(flatten)]
    db: DatabaseArg,
    #[command(flatten)]
    jwt: JwtSettings,
}

fn check_projects(projects: &[String]) -> Result<(), String> {
    match projects.iter().find(|p| !equipcheck::auth::valid_project_id(p)) {
        Some(p) => Err(format!("project {p:?}: use 1-64 letters, digits, '-', '_' or '.'")),
        None => Ok(()),
    }
}

pub fn user(command: UserCommand) -> ExitCode {
    let UserCommand::Add {
        name,
        role,
        projects,
        password_file,
        db,
    } = command;
    if let Err(e) = check_projects(&projects) {
        return fail(EXIT_FAILED, e);
    }
    if name.trim().is_empty() || name.len() > 100 {
        return fail(EXIT_FAILED, "the user name must be 1-100 characters");
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
        Err(e) => return fail(EXIT_FAILED, e),
    };
    if secret.chars().count() < 12 {
        return fail(EXIT_FAILED, "the password must be at least 12 characters long");
    }
    let hash = match password::hash(&secret) {
        Ok(h) => h,
        Err(e) => return fail(EXIT_FAILED, e),
    };
    let result = db
        .connect()
        .and_then(|mut conn| equipcheck::db::users::upsert(&mut conn, &name, &hash, role.as_str(), &projects));
    match result {
        Ok(()) => {
            eprintln!("user {name} ({role}) saved with projects [{}]", projects.join(", "));
            ExitCode::SUCCESS
        }
        Err(e) => fail(EXIT_FAILED, e),
    }
}

pub fn token(args: TokenArgs) -> ExitCode {
    if let Err(e) = check_projects(&args.projects) {
        return fail(EXIT_FAILED, e);
    }
    let keys = equipcheck::db::connect(&args.db.database_url, 1)
        .map_err(startup::StartupError::from)
        .and_then(|pool| startup::load_keys(&args.jwt, &pool));
    let keys = match keys {
        Ok(k) => k,
        Err(e) => return fail(EXIT_FAILED, e),
    };
    match keys.issue(&args.sub, args.role, &args.projects, args.ttl) {
        Ok(token) => {
            println!("{token}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(EXIT_FAILED, e),
    }
}
