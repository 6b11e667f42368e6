//! The `equipcheck` command line. Exit codes are documented in `--help` and the README.

use clap::{Parser, Subcommand};
use equipcheck::catalog::{Catalog, CatalogError};
use equipcheck::check::{check_file, ReportSink, Summary};
use equipcheck::classify::{Classifier, ItemText};
use equipcheck::import::{ImportLimits, ImportOptions};
use equipcheck::report::{CsvReport, JsonReport, ReportFormat, TableReport};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

mod monitoring_cli;
mod review_cli;
mod service_cli;

/// Items are allocated on the reading thread and freed on the writing one; mimalloc handles that pattern far
/// better than the system allocator (about a fifth of `check`'s time went to malloc and free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Prints to standard output; a closed pipe (`| head`) is no reason to panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Exit codes, for schedulers and scripts.
const EXIT_CLEAR: u8 = 0;
const EXIT_ATTENTION: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;
const EXIT_CATALOG_OR_OUTPUT: u8 = 3;
const EXIT_USAGE: u8 = 64;

#[derive(Parser)]
#[command(
    name = "equipcheck",
    version,
    about = "Screens equipment procurement lists against control lists: prohibited, military, dual_use, controlled, review, clear.",
    after_help = "Exit codes: 0 every item clear; 1 something is prohibited, needs a licence or review, or a row \
                  had a problem; 2 an input file could not be read; 3 the catalogue is invalid or the report could \
                  not be written; 64 wrong usage."
)]
struct Cli {
    /// Catalogue folder (default: $EQUIPCHECK_CATALOG, ./catalog, or the source tree's catalog/).
    #[arg(long, global = true, env = "EQUIPCHECK_CATALOG")]
    catalog: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Classify every line of procurement sheets (CSV, XLSX, XLSM, XLSB, XLS, ODS).
    Check(CheckArgs),
    /// Classify one description given on the command line.
    Classify {
        description: String,
        /// HS or tariff code.
        #[arg(long)]
        hs: Option<String>,
        /// Declared control-list code (ML13.d, 6A003.b.4, 5A992.c).
        #[arg(long)]
        control_code: Option<String>,
    },
    /// Inspect the control-list catalogue.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Run the HTTP service (see the README's "Service" section).
    Serve(Box<equipcheck::config::Settings>),
    /// Manage the users of a self-contained installation.
    #[command(subcommand)]
    User(service_cli::UserCommand),
    /// Mint a token (e.g. for an ERP client) with the server's signing key.
    Token(Box<service_cli::TokenArgs>),
    /// The tamper-evident audit trail.
    #[command(subcommand)]
    Audit(review_cli::AuditCommand),
    /// Classify every stored item again with the catalogue (the server does it at start-up when the catalogue's
    /// version changed); items whose decision changes go back to the review queue.
    Rescreen(review_cli::DatabaseArg),
    /// Export a batch's decisions with their review (XLSX with a summary sheet, or CSV).
    Export(review_cli::ExportArgs),
    /// End-use monitoring obligations that are open or overdue (exit code 1 when anything is overdue).
    Obligations(Box<monitoring_cli::ObligationsArgs>),
}

#[derive(clap::Args)]
struct CheckArgs {
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Read this sheet instead of the one that looks like the item list.
    #[arg(long)]
    sheet: Option<String>,
    /// Text encoding of CSV files when it is not detected (e.g. windows-1252).
    #[arg(long)]
    encoding: Option<String>,
    /// CSV delimiter when it is not detected: , ; or tab.
    #[arg(long)]
    delimiter: Option<String>,
    /// Table format: do not list clear items (they are still counted).
    #[arg(long)]
    hide_clear: bool,
    /// Largest input file accepted, in MiB.
    #[arg(long, env = "EQUIPCHECK_MAX_UPLOAD_MIB")]
    max_file_mib: Option<u64>,
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Check the whole catalogue: codes, decisions, lists, patterns, thresholds, phrases.
    Validate,
    /// Print one entry (any spelling of its code or alias).
    Show { code: String },
    /// List the entries, optionally only one list (EU-CML, EU-DU, EU-AT, HS).
    List {
        #[arg(long)]
        list: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_CLEAR };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let dir = cli.catalog.clone().unwrap_or_else(Catalog::default_dir);
    let command = match cli.command {
        Command::Serve(settings) => return service_cli::serve(*settings, &dir),
        Command::User(command) => return service_cli::user(command),
        Command::Token(args) => return service_cli::token(*args),
        Command::Audit(command) => return review_cli::audit(command),
        other => other,
    };
    let catalog = match Catalog::load(&dir) {
        Ok(catalog) => Arc::new(catalog),
        Err(e) => return fail_catalog(&dir, e),
    };
    match command {
        Command::Serve(_) | Command::User(_) | Command::Token(_) | Command::Audit(_) => ExitCode::from(EXIT_USAGE),
        Command::Export(args) => review_cli::export(args, &catalog.version),
        Command::Obligations(args) => monitoring_cli::obligations(&catalog, *args),
        Command::Rescreen(db) => match build_classifier(catalog) {
            Some(classifier) => review_cli::rescreen(&classifier, db),
            None => ExitCode::from(EXIT_CATALOG_OR_OUTPUT),
        },
        Command::Catalog(command) => catalog_command(catalog, command),
        Command::Classify {
            description,
            hs,
            control_code,
        } => {
            let Some(classifier) = build_classifier(catalog) else {
                return ExitCode::from(EXIT_CATALOG_OR_OUTPUT);
            };
            let result = classifier.classify(&ItemText {
                description: &description,
                hs_code: hs.as_deref(),
                control_code: control_code.as_deref(),
            });
            match serde_json::to_string_pretty(&result) {
                Ok(json) => out!("{json}"),
                Err(e) => eprintln!("error: {e}"),
            }
            ExitCode::from(if result.decision == equipcheck::Decision::Clear {
                EXIT_CLEAR
            } else {
                EXIT_ATTENTION
            })
        }
        Command::Check(args) => match build_classifier(catalog) {
            Some(classifier) => run_check(&classifier, args),
            None => ExitCode::from(EXIT_CATALOG_OR_OUTPUT),
        },
    }
}

fn build_classifier(catalog: Arc<Catalog>) -> Option<Classifier> {
    Classifier::new(catalog).map_err(|e| eprintln!("error: {e}")).ok()
}

fn fail_catalog(dir: &std::path::Path, e: CatalogError) -> ExitCode {
    eprintln!("error: catalogue {}: {e}", dir.display());
    ExitCode::from(EXIT_CATALOG_OR_OUTPUT)
}

fn catalog_command(catalog: Arc<Catalog>, command: CatalogCommand) -> ExitCode {
    match command {
        CatalogCommand::Validate => {
            // Loading validated the data; compiling the matchers is the last check.
            if build_classifier(catalog.clone()).is_none() {
                return ExitCode::from(EXIT_CATALOG_OR_OUTPUT);
            }
            let mut per_list: std::collections::BTreeMap<&str, usize> = Default::default();
            for entry in &catalog.entries {
                *per_list.entry(entry.list.as_str()).or_default() += 1;
            }
            out!("catalogue {} in {}: valid", catalog.version, catalog.dir.display());
            let warnings = equipcheck::catalog::words::ordinary_word_warnings(&catalog);
            for warning in &warnings {
                out!("  warning: {warning}");
            }
            for (list, count) in per_list {
                let act = catalog
                    .act(list)
                    .map(|a| format!("{} ({})", a.reference, a.version))
                    .unwrap_or_default();
                out!("  {list:<8} {count:>4} entries  {act}");
            }
            out!(
                "  {} policy settings, {} declared-code rules, {} global negative phrases",
                catalog.policy.len(),
                catalog.code_rules.len(),
                catalog.negatives.len()
            );
            out!(
                "  monitoring: {} entries with their own profile, due soon {} days before, records kept {} years",
                catalog.monitoring.entries.len(),
                catalog.monitoring.due_soon_days,
                catalog.monitoring.retention_years
            );
            ExitCode::from(EXIT_CLEAR)
        }
        CatalogCommand::Show { code } => match catalog.entry(&code) {
            Some(entry) => {
                let act = catalog.act(&entry.list);
                let shown = serde_json::json!({ "catalog_version": catalog.version, "act": act, "entry": entry });
                match serde_json::to_string_pretty(&shown) {
                    Ok(json) => out!("{json}"),
                    Err(e) => eprintln!("error: {e}"),
                }
                ExitCode::from(EXIT_CLEAR)
            }
            None => {
                eprintln!(
                    "error: no entry {code} in catalogue {}; `equipcheck catalog list` shows the codes",
                    catalog.version
                );
                ExitCode::from(EXIT_USAGE)
            }
        },
        CatalogCommand::List { list } => {
            for entry in catalog
                .entries
                .iter()
                .filter(|e| list.as_deref().is_none_or(|l| e.list == l))
            {
                out!(
                    "{:<14} {:<10} {:<8} {}",
                    entry.code,
                    entry.decision(),
                    entry.list,
                    entry.title
                );
            }
            ExitCode::from(EXIT_CLEAR)
        }
    }
}

fn run_check(classifier: &Classifier, args: CheckArgs) -> ExitCode {
    let delimiter = match args.delimiter.as_deref() {
        None => None,
        Some("tab" | "\\t" | "\t") => Some(b'\t'),
        Some(d) if d.len() == 1 => d.bytes().next(),
        Some(d) => {
            eprintln!("error: --delimiter takes one character or 'tab', not '{d}'");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut limits = ImportLimits::default();
    if let Some(mib) = args.max_file_mib {
        limits.max_input_bytes = mib.saturating_mul(1024 * 1024);
    }
    let options = ImportOptions {
        limits,
        sheet: args.sheet.clone(),
        encoding: args.encoding.clone(),
        delimiter,
    };
    let out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(e) => {
                eprintln!("error: cannot create {}: {e}", path.display());
                return ExitCode::from(EXIT_CATALOG_OR_OUTPUT);
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let mut sink: Box<dyn ReportSink> = match args.format {
        ReportFormat::Table => Box::new(TableReport::new(out, to_terminal, args.hide_clear)),
        ReportFormat::Json => Box::new(JsonReport::new(out)),
        ReportFormat::Csv => match CsvReport::new(out) {
            Ok(sink) => Box::new(sink),
            Err(e) => return fail_output(e),
        },
    };
    let progress = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    progress.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} rows ({per_sec})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let mut total = Summary::default();
    let mut unreadable = false;
    for path in &args.files {
        progress.set_message(path.display().to_string());
        let mut tick = |rows: u64| {
            // A bar only helps on large files; small ones finish before it would draw.
            if rows > 2_000 {
                progress.set_position(rows);
            }
        };
        match check_file(classifier, path, &options, sink.as_mut(), &mut tick) {
            Ok(result) => {
                unreadable |= result.error.is_some();
                if args.format == ReportFormat::Csv {
                    report_problems_to_stderr(&result);
                }
                total.merge(&result.summary);
            }
            Err(e) => return fail_output(e),
        }
    }
    progress.finish_and_clear();
    if let Err(e) = sink.finish(&total, classifier.catalog_version()) {
        return fail_output(e);
    }
    let code = if unreadable {
        EXIT_UNREADABLE
    } else if total.needs_attention() {
        EXIT_ATTENTION
    } else {
        EXIT_CLEAR
    };
    ExitCode::from(code)
}

fn report_problems_to_stderr(result: &equipcheck::check::FileResult) {
    if let Some(error) = &result.error {
        eprintln!("{}: cannot read: {error}", result.file);
    } else if result.summary.problems > 0 {
        eprintln!(
            "{}: {} row problem(s); the table or JSON format lists them",
            result.file, result.summary.problems
        );
    }
}

fn fail_output(e: std::io::Error) -> ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return ExitCode::from(EXIT_CLEAR);
    }
    eprintln!("error: cannot write the report: {e}");
    ExitCode::from(EXIT_CATALOG_OR_OUTPUT)
}
