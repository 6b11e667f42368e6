//! Recall and false alarms of the catalogue on public texts nobody on the project wrote (issue 11).
//! `benches/evaluate.sh [CATALOG_DIR]` runs it; see `benches/data/README.md` for the corpora and their sources.
//!
//! - Recall: every Common Military List heading's own title (`benches/data/cml-titles.tsv`, English and French
//!   legal text), every Annex I heading's own English legal title (`catalog/sources/annex-i-2025.txt`) and the
//!   security-relevant Annex I headings in French, German, Spanish and Portuguese (`annex-i-titles.tsv`, the
//!   project's rendering: the official texts in those languages were not obtainable) and every Annex I heading
//!   in French (`annex-i-headings-fr.tsv`, the project's rendering too) must not come out `clear`,
//!   and should come out with their own entry (the entry, one of its sub-entries, or its parent when the
//!   catalogue keeps the control at that level).
//! - False alarms: the Common Procurement Vocabulary (`benches/data/cpv-2008-*.tsv`). Codes whose goods are
//!   controlled (weapons, military vehicles, warships, military aircraft and electronics, explosives; listed in
//!   `cpv-expected.tsv`) are left out; every other description that comes out `prohibited` is a false block,
//!   and one that comes out `review` a needless review. Both are split by the list of the finding responsible.
//!
//! Prints the figures and writes every failure to `target/evaluate/*.tsv` for inspection.

use equipcheck::catalog::{source, Catalog};
use equipcheck::classify::{Classification, Classifier};
use equipcheck::Decision;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let catalog_dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("catalog"));
    let data = root.join("benches/data");
    let out = root.join("target/evaluate");
    std::fs::create_dir_all(&out)?;
    let catalog = Arc::new(Catalog::load(&catalog_dir)?);
    let classifier = Classifier::new(catalog.clone())?;
    println!("catalogue {} ({})", catalog.version, catalog_dir.display());
    let mut titles = Vec::new();
    for row in rows(&data.join("cml-titles.tsv"))? {
        titles.push(Title::from_row(row, "legal"));
    }
    let annex = root.join("catalog/sources/annex-i-2025.txt");
    let list = source::parse_list("annex-i-2025.txt", &std::fs::read_to_string(&annex)?)?;
    for (code, title) in list.heading_titles() {
        titles.push(Title::from_row(vec![code.into(), "en".into(), title], "legal"));
    }
    for row in rows(&data.join("annex-i-titles.tsv"))? {
        titles.push(Title::from_row(row, "rendered"));
    }
    for row in rows(&data.join("annex-i-headings-fr.tsv"))? {
        titles.push(Title::from_row(row, "headings"));
    }
    recall(
        &classifier,
        titles.into_iter().flatten(),
        &out.join("recall-failures.tsv"),
    )?;
    false_alarms(&classifier, &data, &out.join("false-alarms.tsv"))?;
    Ok(())
}

/// Rows of a tab-separated file with a header line; blank lines and `#` comments skipped.
fn rows(path: &Path) -> Result<Vec<Vec<String>>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

/// Whether a finding's entry stands for `code`: the entry itself, one of its sub-entries, or an ancestor.
fn own_entry(found: &str, code: &str) -> bool {
    let (found, code) = (found.to_ascii_uppercase(), code.to_ascii_uppercase());
    found == code || found.starts_with(&format!("{code}.")) || code.starts_with(&format!("{found}."))
}

/// A title to classify: its entry, language, and whether it is the legal text or the project's rendering.
struct Title {
    code: String,
    lang: String,
    kind: &'static str,
    text: String,
}

impl Title {
    fn from_row(row: Vec<String>, kind: &'static str) -> Option<Title> {
        let [code, lang, text, ..] = row.as_slice() else {
            return None;
        };
        Some(Title {
            code: code.clone(),
            lang: lang.clone(),
            kind,
            text: text.clone(),
        })
    }
}

fn recall(
    classifier: &Classifier,
    titles: impl Iterator<Item = Title>,
    failures: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    // (list, language, kind) -> (titles, not clear, with own entry)
    let mut counts: BTreeMap<(&str, String, &str), (usize, usize, usize)> = BTreeMap::new();
    let mut report = String::from("code\tlang\tdecision\tentries\ttitle\n");
    for Title { code, lang, kind, text } in titles {
        let list = if code.starts_with("ML") { "EU-CML" } else { "EU-DU" };
        let c = classifier.classify_description(&text);
        let own = c
            .findings
            .iter()
            .any(|f| own_entry(&f.entry, &code) && f.decision != Decision::Clear);
        let counted = counts.entry((list, lang.clone(), kind)).or_default();
        counted.0 += 1;
        counted.1 += usize::from(c.decision != Decision::Clear);
        counted.2 += usize::from(own);
        if c.decision == Decision::Clear || !own {
            let _ = writeln!(report, "{code}\t{lang}\t{}\t{}\t{text}", c.decision, entries(&c));
        }
    }
    println!("\nrecall: sub-entry titles that do not come out clear / that come out with their own entry");
    for ((list, lang, kind), (n, not_clear, own)) in &counts {
        println!(
            "  {list:<7} {lang} {kind:<8} {n:>4} titles  not clear {not_clear:>4} ({:>5.1}%)  own entry {own:>4} ({:>5.1}%)",
            pct(*not_clear, *n),
            pct(*own, *n)
        );
    }
    std::fs::write(failures, report)?;
    println!("  failures: {}", failures.display());
    Ok(())
}

fn false_alarms(classifier: &Classifier, data: &Path, failures: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let expected: Vec<String> = rows(&data.join("cpv-expected.tsv"))?
        .into_iter()
        .filter_map(|r| r.first().cloned())
        .collect();
    let mut corpora: Vec<PathBuf> = std::fs::read_dir(data)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("cpv-2008-") && n.ends_with(".tsv"))
        })
        .collect();
    corpora.sort();
    let mut report = String::from("code\tlang\tdecision\tentries\tdescription\n");
    println!("\nfalse alarms: CPV 2008 descriptions outside the controlled codes (cpv-expected.tsv)");
    let mut expected_seen = (0usize, 0usize);
    for corpus in corpora {
        let (mut n, mut blocked, mut review) = (0usize, 0usize, 0usize);
        let mut by_list: BTreeMap<(&'static str, String), usize> = BTreeMap::new();
        let mut lang_name = String::new();
        for row in rows(&corpus)? {
            let [code, lang, description, ..] = row.as_slice() else {
                continue;
            };
            lang_name = lang.clone();
            let c = classifier.classify_description(description);
            if expected.iter().any(|prefix| code.starts_with(prefix.as_str())) {
                expected_seen.0 += 1;
                expected_seen.1 += usize::from(c.decision != Decision::Clear);
                continue;
            }
            n += 1;
            if !matches!(c.decision, Decision::Prohibited | Decision::Review) {
                continue;
            }
            if c.decision == Decision::Prohibited {
                blocked += 1;
            } else {
                review += 1;
            }
            for f in c.findings.iter().filter(|f| f.decision == c.decision) {
                *by_list.entry((c.decision.as_str(), f.list.clone())).or_default() += 1;
            }
            let _ = writeln!(report, "{code}\t{lang}\t{}\t{}\t{description}", c.decision, entries(&c));
        }
        println!(
            "  {lang_name}  {n:>5} descriptions  blocked {blocked:>3} ({:.3}%)  needless review {review:>3} ({:.2}%)",
            pct(blocked, n),
            pct(review, n)
        );
        for ((decision, list), count) in by_list {
            println!("      {decision:<10} from {list:<12} {count:>4}");
        }
    }
    println!(
        "  controlled codes (left out above): {} descriptions, {} not clear",
        expected_seen.0, expected_seen.1
    );
    std::fs::write(failures, report)?;
    println!("  failures: {}", failures.display());
    Ok(())
}

fn entries(c: &Classification) -> String {
    let parts: Vec<String> = c
        .findings
        .iter()
        .map(|f| {
            let words: Vec<&str> = f.evidence.iter().map(|e| e.text.as_str()).collect();
            format!("{}={} [{}]", f.entry, f.decision, words.join("|"))
        })
        .collect();
    parts.join("; ")
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}
