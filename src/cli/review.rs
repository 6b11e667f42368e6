//! `equipcheck rescreen` and `equipcheck export`: the compliance-review commands. Exit 1 for a batch that does
//! not exist or a workbook refused to a terminal, 2 when the database or the output cannot be used.

use super::{fail, DatabaseArg};
use equipcheck::audit;
use equipcheck::classify::Classifier;
use equipcheck::review::{self, ExportFormat};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_REFUSED: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

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
    /// File to write (default: equipcheck-<project>-<upload date>-decisions.<format> in the current folder; `-` for
    /// standard output).
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    db: DatabaseArg,
}

pub fn rescreen(classifier: &Classifier, db: DatabaseArg) -> ExitCode {
    let mut conn = match db.connect() {
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
    let mut conn = match args.db.connect() {
        Ok(c) => c,
        Err(e) => return fail(EXIT_UNREADABLE, e),
    };
    let export = match review::export_batch(
        &mut conn,
        None,
        &args.batch,
        format,
        catalog_version,
        equipcheck::i18n::Lang::En,
    ) {
        Ok(e) => e,
        Err(review::ReviewError::NotFound) => return fail(EXIT_REFUSED, format!("no batch {:?}", args.batch)),
        Err(e) => return fail(EXIT_UNREADABLE, e),
    };
    let path = args.output.unwrap_or_else(|| PathBuf::from(&export.file_name));
    if path.as_os_str() == "-" {
        if format == ExportFormat::Xlsx && std::io::stdout().is_terminal() {
            return fail(EXIT_REFUSED, "a workbook is not for the terminal: use --output FILE");
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
