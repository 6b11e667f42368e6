//! `equipcheck check` (screen whole sheets, streaming) and `equipcheck classify` (one description).

use super::exit;
use equipcheck::check::{check_file, FileResult, ReportSink, Summary};
use equipcheck::classify::{Classifier, ItemText};
use equipcheck::import::{ImportLimits, ImportOptions};
use equipcheck::report::{CsvReport, JsonReport, ReportFormat, TableReport};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Bytes of report written per system call: with the default 8 KiB a 100,000-row JSON report (70 MB) took 9,000
/// writes, a tenth of `check`'s system time.
const REPORT_BUFFER: usize = 256 * 1024;

#[derive(clap::Args)]
pub struct CheckArgs {
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
    #[command(flatten)]
    pub parties: equipcheck::config::PartySettings,
}

#[derive(clap::Args)]
pub struct ClassifyArgs {
    description: String,
    /// HS or tariff code.
    #[arg(long)]
    hs: Option<String>,
    /// Declared control-list code (ML13.d, 6A003.b.4, 5A992.c).
    #[arg(long)]
    control_code: Option<String>,
    /// Where the item goes (country name in five languages or ISO code): screened against restrictive measures.
    #[arg(long)]
    destination: Option<String>,
    /// Supplier or manufacturer, screened against the sanctions lists.
    #[arg(long)]
    supplier: Option<String>,
    /// End user or consignee, screened against the sanctions lists.
    #[arg(long)]
    end_user: Option<String>,
    #[command(flatten)]
    pub parties: equipcheck::config::PartySettings,
}

/// Prints one classification as JSON; exit 0 when clear, 1 otherwise.
pub fn classify(classifier: &Classifier, args: ClassifyArgs) -> ExitCode {
    let result = classifier.classify_at(
        &ItemText {
            description: &args.description,
            hs_code: args.hs.as_deref(),
            control_code: args.control_code.as_deref(),
            supplier: args.supplier.as_deref(),
            end_user: args.end_user.as_deref(),
            ..ItemText::default()
        },
        equipcheck::screening::Place {
            destination: args.destination.as_deref(),
            ..Default::default()
        },
    );
    match serde_json::to_string_pretty(&result) {
        Ok(json) => out!("{json}"),
        Err(e) => eprintln!("error: {e}"),
    }
    ExitCode::from(if result.decision == equipcheck::Decision::Clear {
        exit::CLEAR
    } else {
        exit::ATTENTION
    })
}

pub fn check(classifier: &Classifier, args: CheckArgs) -> ExitCode {
    let delimiter = match args.delimiter.as_deref() {
        None => None,
        Some("tab" | "\\t" | "\t") => Some(b'\t'),
        Some(d) if d.len() == 1 => d.bytes().next(),
        Some(d) => {
            eprintln!("error: --delimiter takes one character or 'tab', not '{d}'");
            return ExitCode::from(exit::USAGE);
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
            Ok(file) => Box::new(std::io::BufWriter::with_capacity(REPORT_BUFFER, file)),
            Err(e) => {
                eprintln!("error: cannot create {}: {e}", path.display());
                return ExitCode::from(exit::CATALOG_OR_OUTPUT);
            }
        },
        None => Box::new(std::io::BufWriter::with_capacity(
            REPORT_BUFFER,
            std::io::stdout().lock(),
        )),
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
        exit::UNREADABLE
    } else if total.needs_attention() {
        exit::ATTENTION
    } else {
        exit::CLEAR
    };
    ExitCode::from(code)
}

/// The CSV format has no place for problems: they go to standard error.
fn report_problems_to_stderr(result: &FileResult) {
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
        return ExitCode::from(exit::CLEAR);
    }
    eprintln!("error: cannot write the report: {e}");
    ExitCode::from(exit::CATALOG_OR_OUTPUT)
}
