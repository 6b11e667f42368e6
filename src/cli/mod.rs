//! The `equipcheck` command line: the argument types and the dispatch to one module per command group. Exit
//! codes are documented in `--help` and the README.
//!
//! | module | commands |
//! |---|---|
//! | [`check`] | `check`, `classify` (screening, no database) |
//! | [`catalog`] | `catalog validate`, `catalog show`, `catalog list` |
//! | [`catalog_files`] | `catalog generate`, `catalog diff` (with the impact on stored items) |
//! | [`service`] | `serve` |
//! | [`accounts`] | `user add`, `token` |
//! | [`review`] | `rescreen`, `export` |
//! | [`audit`] | `audit verify` |
//! | [`monitoring`] | `obligations` |
//! | [`lists`] | `lists import`, `lists show` (sanctions lists) |
//!
//! A new command: its arguments and its function in the module of its group (or a new one), one variant in
//! [`Command`] and one arm in [`run`].

use clap::{Parser, Subcommand};
use equipcheck::catalog::Catalog;
use equipcheck::classify::Classifier;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Prints to standard output; a closed pipe (`| head`) is no reason to panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod accounts;
mod audit;
mod catalog;
mod catalog_files;
mod check;
mod lists;
mod monitoring;
mod review;
mod service;

/// Exit codes of the screening and catalogue commands, for schedulers and scripts (the database commands
/// document their own in their modules).
pub mod exit {
    pub const CLEAR: u8 = 0;
    pub const ATTENTION: u8 = 1;
    pub const UNREADABLE: u8 = 2;
    pub const CATALOG_OR_OUTPUT: u8 = 3;
    pub const USAGE: u8 = 64;
}

#[derive(Parser)]
#[command(
    name = "equipcheck",
    version,
    about = "Screens equipment procurement lists against control lists: prohibited, military, dual_use, controlled, review, clear.",
    after_help = "Exit codes: 0 every item clear; 1 something is prohibited, needs a licence or review, or a row \
                  had a problem; 2 an input file could not be read; 3 the catalogue is invalid or the report could \
                  not be written; 64 wrong usage."
)]
pub struct Cli {
    /// Catalogue folder (default: $EQUIPCHECK_CATALOG, ./catalog, or the source tree's catalog/).
    #[arg(long, global = true, env = "EQUIPCHECK_CATALOG")]
    catalog: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Classify every line of procurement sheets (CSV, XLSX, XLSM, XLSB, XLS, ODS).
    Check(check::CheckArgs),
    /// Classify one description given on the command line.
    Classify(check::ClassifyArgs),
    /// Inspect the control-list catalogue.
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
    /// Run the HTTP service (see the README's "Service" section).
    Serve(Box<equipcheck::config::Settings>),
    /// Manage the users of a self-contained installation.
    #[command(subcommand)]
    User(accounts::UserCommand),
    /// Mint a token (e.g. for an ERP client) with the server's signing key.
    Token(Box<accounts::TokenArgs>),
    /// The tamper-evident audit trail.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Classify every stored item again with the catalogue (the server does it at start-up when the catalogue's
    /// version changed); items whose decision changes go back to the review queue.
    Rescreen(DatabaseArg),
    /// Export a batch's decisions with their review (XLSX with a summary sheet, or CSV).
    Export(review::ExportArgs),
    /// End-use monitoring obligations that are open or overdue (exit code 1 when anything is overdue).
    Obligations(Box<monitoring::ObligationsArgs>),
    /// The sanctions lists parties are screened against: import an official file, show what is loaded.
    #[command(subcommand)]
    Lists(lists::ListsCommand),
}

/// Database URL flag shared by the commands that open the database (same setting as the server).
#[derive(clap::Args)]
pub struct DatabaseArg {
    /// Database URL (sqlite://PATH or postgres://...).
    #[arg(
        long = "database-url",
        env = "EQUIPCHECK_DATABASE_URL",
        default_value = "sqlite://equipcheck.db",
        hide_env_values = true
    )]
    database_url: String,
}

impl DatabaseArg {
    /// Opens the database (applying pending migrations, as the server does) and takes one connection.
    fn connect(&self) -> Result<equipcheck::db::PooledConn, equipcheck::db::DbError> {
        let pool = equipcheck::db::connect(&self.database_url, 1)?;
        Ok(pool.get()?)
    }
}

/// Says what went wrong on standard error and answers the exit code.
fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(code)
}

/// Parses the command line; on a usage error (or `--help`, `--version`) prints it and answers the exit code.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        let code = if e.use_stderr() { exit::USAGE } else { exit::CLEAR };
        let _ = e.print();
        ExitCode::from(code)
    })
}

/// Runs one command. The service and database-only commands read the catalogue themselves (or not at all);
/// the others get it loaded here, so a broken catalogue is reported the same way everywhere.
pub fn run(cli: Cli) -> ExitCode {
    let dir = cli.catalog.unwrap_or_else(Catalog::default_dir);
    let outcome = match cli.command {
        Command::Serve(settings) => Ok(service::serve(*settings, &dir)),
        Command::User(command) => Ok(accounts::user(command)),
        Command::Token(args) => Ok(accounts::token(*args)),
        Command::Audit(command) => Ok(audit::audit(command)),
        Command::Check(args) => load_screening(&dir, &args.parties).map(|classifier| check::check(&classifier, args)),
        Command::Classify(args) => {
            load_screening(&dir, &args.parties).map(|classifier| check::classify(&classifier, args))
        }
        // These work on catalogue folders themselves (a generated file may not exist yet).
        Command::Catalog(catalog::CatalogCommand::Generate { check }) => Ok(catalog_files::generate(&dir, check)),
        Command::Catalog(catalog::CatalogCommand::Diff(args)) => Ok(catalog_files::diff(*args)),
        Command::Catalog(command) => load_catalog(&dir).map(|catalog| catalog::catalog(catalog, command)),
        Command::Rescreen(db) => load_classifier(&dir).map(|classifier| review::rescreen(&classifier, db)),
        Command::Export(args) => load_catalog(&dir).map(|catalog| review::export(args, &catalog.version)),
        Command::Obligations(args) => load_catalog(&dir).map(|catalog| monitoring::obligations(&catalog, *args)),
        Command::Lists(command) => Ok(lists::lists(&dir, command)),
    };
    outcome.unwrap_or_else(ExitCode::from)
}

/// The catalogue, or the exit code after saying why it cannot be used.
fn load_catalog(dir: &Path) -> Result<Arc<Catalog>, u8> {
    Catalog::load(dir).map(Arc::new).map_err(|e| {
        eprintln!("error: catalogue {}: {e}", dir.display());
        exit::CATALOG_OR_OUTPUT
    })
}

/// The catalogue compiled into a classifier (compiling the matchers is the catalogue's last check).
fn load_classifier(dir: &Path) -> Result<Classifier, u8> {
    load_catalog(dir).and_then(build_classifier)
}

/// The classifier with the sanctions lists (given, or the catalogue's `lists/`); a list that cannot be read
/// stops the command, since screening without it would silently pass its parties.
fn load_screening(dir: &Path, parties: &equipcheck::config::PartySettings) -> Result<Classifier, u8> {
    crate::purging_freed_memory(|| {
        let classifier = load_classifier(dir)?;
        match parties.load(dir) {
            Ok(Some(screening)) => Ok(classifier.with_parties(Arc::new(screening))),
            Ok(None) => Ok(classifier),
            Err(e) => {
                eprintln!("error: sanctions lists: {e}");
                Err(exit::CATALOG_OR_OUTPUT)
            }
        }
    })
}

fn build_classifier(catalog: Arc<Catalog>) -> Result<Classifier, u8> {
    Classifier::new(catalog).map_err(|e| {
        eprintln!("error: {e}");
        exit::CATALOG_OR_OUTPUT
    })
}
