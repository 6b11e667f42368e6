//! `equipcheck catalog validate|show|list|generate|diff`: the control-list catalogue as the classifier sees it
//! (generate and diff: [`super::catalog_files`]).

use super::{build_classifier, exit};
use equipcheck::catalog::Catalog;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Subcommand)]
pub enum CatalogCommand {
    /// Check the whole catalogue: codes, decisions, lists, patterns, thresholds, phrases.
    Validate,
    /// Print one entry (any spelling of its code or alias).
    Show { code: String },
    /// List the entries, optionally only one list (EU-CML, EU-DU, EU-AT, HS).
    List {
        #[arg(long)]
        list: Option<String>,
    },
    /// Rebuild the generated entry files from the source texts (catalog/sources/, [[generate]] in manifest.toml).
    Generate {
        /// Only report whether the generated files are up to date (exit code 1 when not).
        #[arg(long)]
        check: bool,
    },
    /// Entries added, removed and changed between two catalogue folders, and with a database the stored items
    /// each change would reclassify (exit code 1 when anything differs).
    Diff(Box<super::catalog_files::DiffArgs>),
}

pub fn catalog(catalog: Arc<Catalog>, command: CatalogCommand) -> ExitCode {
    match command {
        CatalogCommand::Validate => validate(catalog),
        CatalogCommand::Show { code } => show(&catalog, &code),
        // Run on catalogue folders before any catalogue is loaded (see `super::run`).
        CatalogCommand::Generate { .. } | CatalogCommand::Diff(_) => ExitCode::from(exit::USAGE),
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
            ExitCode::from(exit::CLEAR)
        }
    }
}

fn validate(catalog: Arc<Catalog>) -> ExitCode {
    // Loading validated the data; compiling the matchers is the last check.
    if let Err(code) = build_classifier(catalog.clone()) {
        return ExitCode::from(code);
    }
    let mut per_list: std::collections::BTreeMap<&str, usize> = Default::default();
    for entry in &catalog.entries {
        *per_list.entry(entry.list.as_str()).or_default() += 1;
    }
    match equipcheck::catalog::generate::generate_all(&catalog.dir, false) {
        Ok(done) => {
            if let Some(stale) = done.iter().find(|g| g.changed) {
                eprintln!(
                    "error: {} is out of date with its source texts: run `equipcheck catalog generate`",
                    stale.output
                );
                return ExitCode::from(exit::CATALOG_OR_OUTPUT);
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(exit::CATALOG_OR_OUTPUT);
        }
    }
    out!("catalogue {} in {}: valid", catalog.version, catalog.dir.display());
    for warning in equipcheck::catalog::words::ordinary_word_warnings(&catalog) {
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
    if !catalog.warnings.is_empty() {
        out!("  {} curated entries to check again:", catalog.warnings.len());
        for warning in &catalog.warnings {
            out!("    - {warning}");
        }
    }
    ExitCode::from(exit::CLEAR)
}

fn show(catalog: &Catalog, code: &str) -> ExitCode {
    match catalog.entry(code) {
        Some(entry) => {
            let act = catalog.act(&entry.list);
            let shown = serde_json::json!({ "catalog_version": catalog.version, "act": act, "entry": entry });
            match serde_json::to_string_pretty(&shown) {
                Ok(json) => out!("{json}"),
                Err(e) => eprintln!("error: {e}"),
            }
            ExitCode::from(exit::CLEAR)
        }
        None => {
            eprintln!(
                "error: no entry {code} in catalogue {}; `equipcheck catalog list` shows the codes",
                catalog.version
            );
            ExitCode::from(exit::USAGE)
        }
    }
}
