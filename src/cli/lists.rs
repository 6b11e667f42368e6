//! `equipcheck lists import FILE [--source un|eu|ofac|uk]` (check an official sanctions list file and put it in
//! the lists folder, replacing that list's previous file only once the new one reads whole) and `equipcheck lists
//! show` (the lists loaded, with their dates and sizes).

use super::exit;
use equipcheck::config::PartySettings;
use equipcheck::screening::parties::{self, ListSource, PartyList};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum ListsCommand {
    /// Check an official list file (UN XML, EU FSF CSV, OFAC sdn.csv, UK ConList.csv) and install it in the
    /// lists folder; a malformed or hostile file is refused and the current list stays in place.
    Import {
        file: PathBuf,
        /// The list the file must be (detected from its content when not given).
        #[arg(long, value_enum)]
        source: Option<SourceArg>,
        #[command(flatten)]
        parties: PartySettings,
    },
    /// The lists loaded from the lists folder: list, version (date or content hash), entities, names.
    Show {
        #[command(flatten)]
        parties: PartySettings,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceArg {
    Un,
    Eu,
    Ofac,
    Uk,
}

impl SourceArg {
    fn source(self) -> ListSource {
        match self {
            SourceArg::Un => ListSource::UnSc,
            SourceArg::Eu => ListSource::EuFsf,
            SourceArg::Ofac => ListSource::OfacSdn,
            SourceArg::Uk => ListSource::UkOfsi,
        }
    }
}

/// The file name a list is installed under.
fn installed_name(source: ListSource) -> &'static str {
    match source {
        ListSource::UnSc => "un-consolidated.xml",
        ListSource::EuFsf => "eu-fsf.csv",
        ListSource::OfacSdn => "sdn.csv",
        ListSource::UkOfsi => "ConList.csv",
    }
}

pub fn lists(catalog_dir: &Path, command: ListsCommand) -> ExitCode {
    match command {
        ListsCommand::Import { file, source, parties } => {
            let dir = parties.lists.clone().unwrap_or_else(|| catalog_dir.join("lists"));
            import(&file, source.map(SourceArg::source), &dir)
        }
        ListsCommand::Show { parties } => show(catalog_dir, &parties),
    }
}

fn import(file: &Path, expected: Option<ListSource>, dir: &Path) -> ExitCode {
    let fail = |message: String| super::fail(exit::UNREADABLE, message);
    let list = match parties::read_list(file) {
        Ok(list) => list,
        Err(e) => return fail(format!("{e}")),
    };
    if let Some(expected) = expected.filter(|s| *s != list.source) {
        return fail(format!(
            "{}: the file is the {} list, not {}; the current list stays in place",
            file.display(),
            list.source.id(),
            expected.id()
        ));
    }
    let target = dir.join(installed_name(list.source));
    let previous: Option<PartyList> = parties::read_list(&target).ok();
    if let Err(e) = install(file, &target) {
        return super::fail(
            exit::CATALOG_OR_OUTPUT,
            format!(
                "cannot install {} as {}: {e}; the current list stays in place",
                file.display(),
                target.display()
            ),
        );
    }
    let bytes = std::fs::read(file).unwrap_or_default();
    out!(
        "{} version {} installed as {} ({} entities; content sha256 {})",
        list.source.id(),
        list.version,
        target.display(),
        list.entities.len(),
        parties::content_hash(&bytes)
    );
    let (added, changed, removed) = compare(previous.as_ref(), &list);
    out!("entities: {added} new, {changed} changed, {removed} removed since the previous version");
    out!("the server rescreens the stored items' parties at its next start (or run `equipcheck rescreen`)");
    ExitCode::SUCCESS
}

/// Copies to a temporary file beside the target, then renames: the old file is replaced whole or not at all.
fn install(file: &Path, target: &Path) -> std::io::Result<()> {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = target.with_extension("importing");
    std::fs::copy(file, &temp)?;
    std::fs::rename(&temp, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// New, changed (other digest) and removed entities between two versions of a list.
fn compare(previous: Option<&PartyList>, list: &PartyList) -> (usize, usize, usize) {
    let old: BTreeMap<&str, String> = previous
        .map(|p| p.entities.iter().map(|e| (e.id.as_str(), e.digest())).collect())
        .unwrap_or_default();
    let mut seen = 0;
    let (mut added, mut changed) = (0, 0);
    for entity in &list.entities {
        match old.get(entity.id.as_str()) {
            None => added += 1,
            Some(digest) => {
                seen += 1;
                if *digest != entity.digest() {
                    changed += 1;
                }
            }
        }
    }
    (added, changed, old.len().saturating_sub(seen))
}

fn show(catalog_dir: &Path, settings: &PartySettings) -> ExitCode {
    let Some(path) = settings.path(catalog_dir) else {
        out!(
            "no sanctions list is loaded (no {} folder; see --lists-dir)",
            catalog_dir.join("lists").display()
        );
        return ExitCode::SUCCESS;
    };
    match settings.load(catalog_dir) {
        Ok(Some(screening)) => {
            out!("{}: threshold {}", path.display(), screening.threshold());
            for list in screening.versions() {
                out!("{:<12} {:<40} {:>7} entities", list.list, list.version, list.entities);
            }
            out!("{} names and aliases indexed", screening.names());
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => super::fail(exit::UNREADABLE, e),
    }
}
