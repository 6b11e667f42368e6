//! Curated entries over generated ones: an entry of a list's own file whose code is also in a generated file
//! refines it (its title, decision, question, threshold and phrases win; the legal text and fingerprint stay),
//! and records which legal text it was checked against. A curated entry whose heading the generated list no
//! longer has is an error; one whose legal text changed since it was checked is flagged.

use super::{codes, CatalogProblem, Entry};
use std::collections::{BTreeMap, HashMap, HashSet};

pub(super) struct Merged {
    pub entries: Vec<Entry>,
    pub problems: Vec<CatalogProblem>,
    /// Entries to look at again (their legal text changed since their terms were checked).
    pub flags: Vec<CatalogProblem>,
}

pub(super) fn merge(entries: Vec<Entry>) -> Merged {
    let mut problems = Vec::new();
    let mut flags = Vec::new();
    let (generated, curated): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|e| e.generated);
    let mut merged = generated;
    let index: HashMap<String, usize> = merged
        .iter()
        .enumerate()
        .map(|(i, e)| (codes::key(&e.code), i))
        .collect();
    let generated_lists: HashSet<String> = merged.iter().map(|e| e.list.clone()).collect();
    let generated_files: BTreeMap<String, String> = merged.iter().map(|e| (e.list.clone(), e.file.clone())).collect();
    let mut rest = Vec::new();
    let mut refined = HashSet::new();
    for entry in curated {
        if let Some(&at) = index.get(&codes::key(&entry.code)) {
            let first = refined.insert(at);
            let curated_file = entry.file.clone();
            let base = &mut merged[at];
            if base.list != entry.list {
                problems.push(problem(
                    &entry,
                    format!("refines {} of list {}, not {}", base.code, base.list, entry.list),
                ));
            }
            refine(base, entry, first);
            if base.checked_against != base.legal_hash {
                flags.push(CatalogProblem {
                    file: curated_file,
                    code: Some(base.code.clone()),
                    message: format!(
                        "{}: check the terms, threshold and question against the legal text, then set \
                         checked_against = \"{}\"",
                        match &base.checked_against {
                            Some(old) => format!("the legal text changed since the curated terms were checked ({old})"),
                            None => "the curated terms were never checked against this legal text".to_string(),
                        },
                        base.legal_hash.as_deref().unwrap_or_default()
                    ),
                });
            }
        } else {
            if generated_lists.contains(&entry.list) {
                let heading = codes::segments(&entry.code).into_iter().next().unwrap_or_default();
                if !index.contains_key(&heading) {
                    problems.push(problem(
                        &entry,
                        format!(
                            "{heading} is not an entry of the list generated in {}: removed or renumbered in the \
                             current act; move or delete this entry",
                            generated_files.get(&entry.list).map(String::as_str).unwrap_or_default()
                        ),
                    ));
                }
            }
            rest.push(entry);
        }
    }
    merged.extend(rest);
    Merged {
        entries: merged,
        problems,
        flags,
    }
}

fn problem(entry: &Entry, message: String) -> CatalogProblem {
    CatalogProblem {
        file: entry.file.clone(),
        code: Some(entry.code.clone()),
        message,
    }
}

/// Applies a curated entry over the generated one of the same code. The entry is then shown as coming from the
/// curated file, unless another curated file refined it first and this one only adds phrases (no title).
fn refine(base: &mut Entry, curated: Entry, first: bool) {
    let takes_file = first || !curated.title.trim().is_empty();
    // A curated file that only adds terms (annex_i_terms.toml) leaves the title out.
    if !curated.title.trim().is_empty() {
        base.title = curated.title;
    }
    if curated.declared_decision.is_some() || curated.policy.is_some() {
        base.declared_decision = curated.declared_decision;
        base.policy = curated.policy;
    }
    if curated.parent.is_some() {
        base.parent = curated.parent;
    }
    for alias in curated.aliases {
        if !base.aliases.contains(&alias) {
            base.aliases.push(alias);
        }
    }
    for hs in curated.hs {
        if !base.hs.contains(&hs) {
            base.hs.push(hs);
        }
    }
    base.question = curated.question.or(base.question.take());
    base.note = curated.note.or(base.note.take());
    // A phrase the curator wrote decides its own strength: the generated copy of it goes.
    let curated_keys: HashSet<String> = curated
        .terms
        .values()
        .chain(curated.weak.values())
        .chain(curated.context.values())
        .flatten()
        .chain(&curated.models)
        .chain(&curated.calibres)
        .chain(&curated.negative)
        .map(|p| super::validate_phrase_key(p))
        .collect();
    for map in [&mut base.terms, &mut base.weak, &mut base.context] {
        for phrases in map.values_mut() {
            phrases.retain(|p| !curated_keys.contains(&super::validate_phrase_key(p)));
        }
        map.retain(|_, phrases| !phrases.is_empty());
    }
    for (target, source) in [
        (&mut base.terms, curated.terms),
        (&mut base.weak, curated.weak),
        (&mut base.context, curated.context),
    ] {
        for (language, phrases) in source {
            target.entry(language).or_default().extend(phrases);
        }
    }
    base.models.extend(curated.models);
    base.calibres.extend(curated.calibres);
    base.negative.extend(curated.negative);
    base.patterns.extend(curated.patterns);
    if curated.threshold.is_some() {
        base.threshold = curated.threshold;
    }
    base.defer_to_policy |= curated.defer_to_policy;
    base.checked_against = curated.checked_against;
    if takes_file {
        base.file = curated.file;
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{catalog_with, replace};
    use super::super::{generate, CatalogError};

    #[test]
    fn a_changed_legal_text_flags_the_curated_entry() {
        let (_dir, catalog) = catalog_with(|dir| {
            replace(
                dir,
                "sources/annex-i-2025.txt",
                "Optical sensors or equipment and components",
                "Optical sensors, optical equipment and components",
            );
            generate::generate_all(dir, true).unwrap();
        });
        let catalog = catalog.unwrap();
        let flagged: Vec<_> = catalog
            .warnings
            .iter()
            .map(|w| (w.code.as_deref().unwrap_or_default(), w.file.as_str()))
            .collect();
        // Each curated file that refines the entry is flagged: both sets of terms are to be checked.
        assert_eq!(
            flagged,
            [("6A002", "dual_use.toml"), ("6A002", "annex_i_terms.toml")],
            "{:?}",
            catalog.warnings
        );
        assert!(catalog.warnings[0]
            .message
            .contains("changed since the curated terms were checked"));
        // The curated terms still apply while they are checked.
        assert!(catalog.entry("6A002").unwrap().terms.contains_key("fr"));
    }

    #[test]
    fn a_terms_only_refinement_keeps_the_title_and_the_first_curated_file() {
        let (_dir, catalog) = catalog_with(|_| {});
        let catalog = catalog.unwrap();
        let reactor = catalog.entry("0A001").unwrap();
        assert!(reactor.title.starts_with("Nuclear reactors"), "{}", reactor.title);
        assert_eq!(reactor.file, "annex_i_terms.toml");
        assert!(reactor.weak["fr"].iter().any(|p| p == "réacteur nucléaire"));
        // 9A012 is refined by dual_use.toml first: its strong terms are shown as coming from there.
        let uav = catalog.entry("9A012").unwrap();
        assert_eq!(uav.file, "dual_use.toml");
        assert!(uav.terms.contains_key("fr"));
    }

    #[test]
    fn the_shipped_curated_entries_are_all_checked() {
        let (_dir, catalog) = catalog_with(|_| {});
        assert!(catalog.unwrap().warnings.is_empty());
    }

    #[test]
    fn a_curated_entry_whose_heading_left_the_list_is_an_error() {
        let (_dir, catalog) = catalog_with(|dir| {
            replace(dir, "dual_use.toml", "code = \"9A350\"", "code = \"9A399\"");
        });
        match catalog {
            Err(CatalogError::Invalid(problems)) => {
                assert!(
                    problems
                        .iter()
                        .any(|p| p.code.as_deref() == Some("9A399") && p.message.contains("removed or renumbered")),
                    "{problems:?}"
                );
            }
            other => panic!("expected an invalid catalogue, got {other:?}"),
        }
    }
}
