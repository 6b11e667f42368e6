//! `equipcheck catalog generate` and `equipcheck catalog diff`: parsing and output only; the logic is in
//! `equipcheck::catalog::{generate, diff}` and the items come from `equipcheck::db`.

use equipcheck::catalog::diff::{self, CatalogDiff, Change, Impact, StoredItem};
use equipcheck::catalog::{generate, Catalog};
use equipcheck::classify::Classifier;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::exit;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
}

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The catalogue folder in force now.
    pub old: PathBuf,
    /// The catalogue folder that would replace it.
    pub new: PathBuf,
    /// Database whose stored items are classified with both catalogues (sqlite://PATH or postgres://...).
    /// Without it only the entries are compared.
    #[arg(
        long = "database-url",
        alias = "database",
        env = "EQUIPCHECK_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DiffFormat,
}

/// Regenerates the generated entry files (`--check`: only report whether they are up to date).
pub fn generate(dir: &Path, check: bool) -> ExitCode {
    match generate::generate_all(dir, !check) {
        Ok(done) => {
            let mut stale = false;
            for g in &done {
                let state = match (g.changed, check) {
                    (false, _) => "up to date",
                    (true, true) => "OUT OF DATE: run `equipcheck catalog generate`",
                    (true, false) => "written",
                };
                stale |= g.changed && check;
                println!("{}: {} entries, {state}", g.output, g.entries);
            }
            if done.is_empty() {
                println!("manifest.toml declares no [[generate]] file");
            }
            ExitCode::from(if stale { exit::ATTENTION } else { exit::CLEAR })
        }
        Err(e) => {
            eprintln!("error: catalogue {}: {e}", dir.display());
            ExitCode::from(exit::CATALOG_OR_OUTPUT)
        }
    }
}

pub fn diff(args: DiffArgs) -> ExitCode {
    let load = |dir: &Path| {
        Catalog::load(dir)
            .map_err(|e| format!("catalogue {}: {e}", dir.display()))
            .and_then(|c| Classifier::new(Arc::new(c)).map_err(|e| e.to_string()))
    };
    let (old, new) = match (load(&args.old), load(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(exit::CATALOG_OR_OUTPUT);
        }
    };
    let changes = diff::diff(old.catalog(), new.catalog());
    let impact = match &args.database_url {
        Some(url) => match stored_items(url) {
            Ok(items) => Some(diff::impact(&old, &new, &changes, items)),
            Err(e) => {
                eprintln!("error: database: {e}");
                return ExitCode::from(exit::UNREADABLE);
            }
        },
        None => None,
    };
    match args.format {
        DiffFormat::Json => {
            let doc = serde_json::json!({ "diff": changes, "impact": impact });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        DiffFormat::Table => print_table(&changes, impact.as_ref()),
    }
    let any = !changes.changes.is_empty() || !changes.other.is_empty();
    ExitCode::from(if any { exit::ATTENTION } else { exit::CLEAR })
}

/// Every stored item not yet delivered (the ones a rescreen would look at), read page by page.
fn stored_items(url: &str) -> Result<Vec<StoredItem>, String> {
    let pool = equipcheck::db::connect(url, 1).map_err(|e| e.to_string())?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    equipcheck::db::review::stored_for_impact(&mut conn, 1_000).map_err(|e| e.to_string())
}

fn print_table(d: &CatalogDiff, impact: Option<&Impact>) {
    println!(
        "catalogue {} -> {}: {} added, {} removed, {} changed",
        d.old_version,
        d.new_version,
        d.count(Change::Added),
        d.count(Change::Removed),
        d.count(Change::Changed)
    );
    for c in &d.changes {
        let change = match c.change {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        };
        let decisions = match (c.old_decision, c.new_decision) {
            (Some(a), Some(b)) if a != b => format!(" decision {a} -> {b}"),
            _ => String::new(),
        };
        let fields = if c.fields.is_empty() {
            String::new()
        } else {
            format!(" [{}]", c.fields.join(", "))
        };
        println!(
            "  {change:<8} {:<14} {:<7} {}{decisions}{fields}",
            c.code, c.list, c.title
        );
    }
    for other in &d.other {
        println!("  changed  {other}");
    }
    let Some(impact) = impact else {
        println!("(no database given: pass --database-url to see which stored items each change reclassifies)");
        return;
    };
    println!(
        "impact on {} stored items (not yet delivered): {} would change decision, {} keep it with other entries",
        impact.examined,
        impact.reclassified.len(),
        impact.entries_changed.len()
    );
    for (code, ids) in &impact.by_entry {
        println!("  {code}: {} item(s)", ids.len());
    }
    for r in &impact.reclassified {
        println!(
            "  item {} (batch {}, {}row {}): {} -> {} (stored: {}) because of {}: {}",
            r.item_id,
            r.batch_id,
            r.sheet.as_deref().map(|s| format!("sheet {s}, ")).unwrap_or_default(),
            r.row,
            r.before,
            r.after,
            r.stored,
            r.because_of.join(", "),
            r.description
        );
    }
}
