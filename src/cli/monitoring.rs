//! `equipcheck obligations`: what is due or overdue, for people and schedulers (exit code 1 when anything is
//! overdue).

use equipcheck::audit::Actor;
use equipcheck::catalog::Catalog;
use equipcheck::monitoring::ObligationState;
use equipcheck::service::monitoring::reports::{self, ObligationQuery};
use equipcheck::service::monitoring::Who;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ObligationsArgs {
    /// Only overdue obligations (default: every open one: upcoming, due soon, overdue).
    #[arg(long)]
    overdue: bool,
    /// The day to compute states for (YYYY-MM-DD; default: today, UTC).
    #[arg(long)]
    as_of: Option<chrono::NaiveDate>,
    /// Only this project.
    #[arg(long)]
    project: Option<String>,
    /// Only this partner country.
    #[arg(long)]
    country: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: ObligationFormat,
    /// Database URL (sqlite://PATH or postgres://...).
    #[arg(
        long = "database-url",
        visible_alias = "database",
        env = "EQUIPCHECK_DATABASE_URL",
        default_value = "sqlite://equipcheck.db",
        hide_env_values = true
    )]
    database_url: String,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ObligationFormat {
    Table,
    Json,
}

const EXIT_NOTHING_OVERDUE: u8 = 0;
const EXIT_OVERDUE: u8 = 1;
const EXIT_FAILED: u8 = 3;

pub fn obligations(catalog: &Catalog, args: ObligationsArgs) -> ExitCode {
    let as_of = args.as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let states = if args.overdue {
        vec![ObligationState::Overdue]
    } else {
        vec![
            ObligationState::Upcoming,
            ObligationState::DueSoon,
            ObligationState::Overdue,
        ]
    };
    let query = ObligationQuery {
        project: args.project,
        country: args.country,
        states,
        ..ObligationQuery::default()
    };
    let who = Who {
        actor: Actor::new("cli", "system", "cli"),
        projects: None,
        today: as_of,
        request_id: None,
    };
    let report = equipcheck::db::connect(&args.database_url, 1)
        .and_then(|pool| pool.get().map_err(Into::into))
        .map_err(|e| e.to_string())
        .and_then(|mut conn| {
            reports::obligations(&mut conn, &who, &catalog.monitoring, &query, as_of).map_err(|e| e.to_string())
        });
    let report = match report {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let overdue = report.by_state.get("overdue").copied().unwrap_or(0);
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        ObligationFormat::Json => serde_json::to_writer_pretty(&mut out, &report)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        ObligationFormat::Table => write_table(&mut out, &report),
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
            return ExitCode::from(EXIT_FAILED);
        }
    }
    ExitCode::from(if overdue > 0 {
        EXIT_OVERDUE
    } else {
        EXIT_NOTHING_OVERDUE
    })
}

fn write_table(out: &mut dyn Write, report: &reports::ObligationReport) -> std::io::Result<()> {
    writeln!(out, "obligations as of {}", report.as_of)?;
    writeln!(
        out,
        "{:<10} {:<9} {:>5}  {:<21} {:<20} {:<12} {:<8} delivery",
        "due", "state", "late", "kind", "project", "country", "profile"
    )?;
    for view in &report.obligations {
        let o = &view.obligation;
        writeln!(
            out,
            "{:<10} {:<9} {:>5}  {:<21} {:<20} {:<12} {:<8} {}",
            o.due_on,
            view.state.as_str(),
            view.days_overdue,
            o.kind,
            o.project_id,
            o.country.as_deref().unwrap_or("-"),
            o.profile,
            o.delivery_id
        )?;
    }
    let counts: Vec<String> = report
        .by_state
        .iter()
        .map(|(state, n)| format!("{state} {n}"))
        .collect();
    writeln!(out, "summary: {}", counts.join(", "))
}
