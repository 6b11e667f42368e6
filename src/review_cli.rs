//! `equipcheck audit verify`, `equipcheck rescreen`, `equipcheck export`: the compliance-review commands.

use equipcheck::audit::{self, Anchor};
use equipcheck::classify::Classifier;
use equipcheck::review::{self, ExportFormat};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Database URL flag shared by the commands (same setting as the server).
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

#[derive(clap::Subcommand)]
pub enum AuditCommand {
    /// Walk the audit chain and name the first record that was altered, removed or inserted. Exit 0 intact,
    /// 1 broken, 2 the database could not be read.
    Verify {
        /// The head printed by an earlier run (SEQ:HASH): also detects records cut from the end.
        #[arg(long)]
        anchor: Option<Anchor>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DatabaseArg,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormatArg {
    Xlsx,
    Csv,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// Batch id.
    batch: String,
    #[arg(long, value_enum, default_value = "xlsx")]
    format: ExportFormatArg,
    /// File to write (default: decisions-<batch>.<format> in the current folder; `-` for standard output).
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    db: DatabaseArg,
}

const EXIT_BROKEN: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(code)
}

fn connect(db: &DatabaseArg) -> Result<equipcheck::db::PooledConn, String> {
    let pool = equipcheck::db::connect(&db.database_url, 1).map_err(|e| e.to_string())?;
    pool.get().map_err(|e| e.to_string())
}

pub fn audit(command: AuditCommand) -> ExitCode {
    let AuditCommand::Verify { anchor, json, db } = command;
    let mut conn = match connect(&db) {
        Ok(c) => c,
        Err(e) => return fail(EXIT_UNREADABLE, e),
    };
    let result = match audit::verify(&mut conn, anchor.as_ref()) {
        Ok(r) => r,
        Err(e) => return fail(EXIT_UNREADABLE, e),
    };
    let mut out = std::io::stdout().lock();
    if json {
        let _ = writeln!(out, "{}", serde_json::to_string(&result).unwrap_or_default());
    } else {
        match (&result.first_break, &result.head) {
            (None, Some(head)) => {
                let _ = writeln!(
                    out,
                    "audit trail intact: {} records; head {}:{} (keep it and check later with --anchor {}:{})",
                    result.records, head.seq, head.hash, head.seq, head.hash
                );
            }
            (None, None) => {
                let _ = writeln!(out, "audit trail intact: no records yet");
            }
            (Some(broken), _) => {
                let _ = writeln!(out, "audit trail BROKEN: {broken}");
            }
        }
    }
    if result.is_intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BROKEN)
    }
}

pub fn rescreen(classifier: &Classifier, db: DatabaseArg) -> ExitCode {
    let mut conn = match connect(&db) {
        Ok(c) => c,
        Err(e) => return fail(EXIT_UNREADABLE, e),
    };
    let who = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    let actor = audit::Actor::new(format!("cli:{who}"), "system", "cli");
    match review::rescreen(&mut conn, classifier, &actor, equipcheck::db::now()) {
        Ok(report) => {
            println!(
                "rescreened {} items with catalogue {} (before: {}); {} changed decision and are back in the queue",
                report.examined,
                report.to_version,
                report.from_version.as_deref().unwrap_or("not recorded"),
                report.changed
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(EXIT_UNREADABLE, e),
    }
}

pub fn export(args: ExportArgs, catalog_version: &str) -> ExitCode {
    let format = match args.format {
        ExportFormatArg::Xlsx => ExportFormat::Xlsx,
        ExportFormatArg::Csv => ExportFormat::Csv,
    };
    let mut conn = match connect(&args.db) {
        Ok(c) => c,
        Err(e) => return fail(EXIT_UNREADABLE, e),
    };
    let export = match review::export_batch(&mut conn, None, &args.batch, format, catalog_version) {
        Ok(e) => e,
        Err(review::ReviewError::NotFound) => return fail(EXIT_BROKEN, format!("no batch {:?}", args.batch)),
        Err(e) => return fail(EXIT_UNREADABLE, e),
    };
    let path = args.output.unwrap_or_else(|| PathBuf::from(&export.file_name));
    if path.as_os_str() == "-" {
        if format == ExportFormat::Xlsx && std::io::stdout().is_terminal() {
            return fail(EXIT_BROKEN, "a workbook is not for the terminal: use --output FILE");
        }
        return match std::io::stdout().lock().write_all(&export.bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(EXIT_UNREADABLE, e),
        };
    }
    match std::fs::write(&path, &export.bytes) {
        Ok(()) => {
            eprintln!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(EXIT_UNREADABLE, format!("cannot write {}: {e}", path.display())),
    }
}
