//! Checks the whole catalogue at load (and for `equipcheck catalog validate`): unique codes, known lists,
//! decisions and policy settings, regular expressions that compile, thresholds that make sense, and no
//! phrase that is both positive and negative. Compiles the regular expressions on the way.

use super::{codes, decision_names, Catalog, CatalogProblem, Entry};
use crate::text::normalize;
use regex::Regex;
use std::collections::{HashMap, HashSet};

const LANGUAGES: [&str; 6] = ["en", "fr", "de", "es", "pt", "any"];

pub(super) fn check_and_compile(catalog: &mut Catalog) -> Vec<CatalogProblem> {
    let mut problems = Vec::new();
    let mut report = |file: &str, code: Option<&str>, message: String| {
        problems.push(CatalogProblem {
            file: file.to_string(),
            code: code.map(str::to_string),
            message,
        })
    };

    if catalog.version.trim().is_empty() {
        report("manifest.toml", None, "version is empty".into());
    }
    let acts: HashSet<&str> = catalog.acts.iter().map(|a| a.id.as_str()).collect();
    if acts.len() != catalog.acts.len() {
        report("manifest.toml", None, "two acts share an id".into());
    }

    for (name, setting) in &catalog.policy {
        if !setting.allowed.contains(&setting.decision) {
            report(
                "policy.toml",
                None,
                format!(
                    "setting '{name}' chooses '{}' but allows only {:?}",
                    setting.decision, setting.allowed
                ),
            );
        }
        if !setting.allowed.contains(&setting.default) {
            report(
                "policy.toml",
                None,
                format!("setting '{name}': default '{}' is not allowed", setting.default),
            );
        }
    }

    let global_negatives: HashSet<String> = catalog.negatives.iter().map(|p| phrase_key(p)).collect();
    for phrase in &catalog.negatives {
        if phrase_key(phrase).is_empty() {
            report(
                "negatives.toml",
                None,
                format!("negative phrase '{phrase}' has no letters or digits"),
            );
        }
    }

    let cues = catalog
        .negations
        .iter()
        .chain(&catalog.negation_prefixes)
        .chain(&catalog.negation_reaches_over)
        .chain(&catalog.negation_joins);
    let collision_words = catalog
        .collisions
        .iter()
        .flat_map(|c| c.words.iter().chain(&c.civilian));
    for phrase in cues.chain(collision_words) {
        if phrase_key(phrase).is_empty() {
            report(
                "negatives.toml",
                None,
                format!("negation or collision phrase '{phrase}' has no letters or digits"),
            );
        }
    }
    for (i, collision) in catalog.collisions.iter().enumerate() {
        if collision.words.is_empty() || collision.civilian.is_empty() {
            report(
                "negatives.toml",
                None,
                format!("collision {} needs both `words` and `civilian` phrases", i + 1),
            );
        }
    }

    let mut seen_codes: HashMap<String, String> = HashMap::new();
    for entry in &mut catalog.entries {
        let file = entry.file.clone();
        let code = entry.code.clone();
        let mut problem = |message: String| report(&file, Some(&code), message);

        for key in std::iter::once(&entry.code).chain(&entry.aliases) {
            if let Some(first) = seen_codes.insert(codes::key(key), code.clone()) {
                problem(format!("code or alias '{key}' is already used by entry {first}"));
            }
        }
        if !acts.contains(entry.list.as_str()) {
            problem(format!("list '{}' is not an act in manifest.toml", entry.list));
        }
        match (entry.declared_decision, &entry.policy) {
            (Some(decision), None) => entry.resolved = decision,
            (None, Some(name)) => match catalog.policy.get(name) {
                Some(setting) => entry.resolved = setting.decision,
                None => problem(format!("policy '{name}' is not a setting in policy.toml")),
            },
            (Some(_), Some(_)) => problem("has both a decision and a policy: keep one".into()),
            (None, None) => problem(format!("needs a decision ({}) or a policy", decision_names())),
        }
        if entry.title.trim().is_empty() {
            problem("title is empty".into());
        }
        for hs in &entry.hs {
            if hs.is_empty() || !hs.bytes().all(|b| b.is_ascii_digit()) || hs.len() > 10 {
                problem(format!("HS prefix '{hs}' must be 1 to 10 digits"));
            }
        }
        check_phrases(entry, &global_negatives, &mut problem);
        for pattern in &entry.patterns {
            if uses_unicode_word_class(&pattern.regex) {
                problem(format!(
                    "pattern '{}' uses \\w or \\W: a Unicode word class makes the set of all patterns thousands of \
                     states large and screening several times slower; the normalised text is lower-case words \
                     separated by single spaces, so write [^ ] for a character of a word, or [a-z0-9]",
                    pattern.regex
                ));
            }
            // Syntax only: the classifier compiles all patterns as one set, and each one at its first use.
            if let Err(e) = regex_syntax::Parser::new().parse(&pattern.regex) {
                problem(format!("regular expression '{}' does not compile: {e}", pattern.regex));
            }
        }
        if let Some(threshold) = &mut entry.threshold {
            let comparisons = [threshold.above, threshold.at_least, threshold.below, threshold.at_most];
            if comparisons.iter().all(Option::is_none) && !threshold.measures.is_empty() {
                problem("threshold has measures but no comparison (above, at_least, below, at_most)".into());
            }
            if threshold.question.trim().is_empty() {
                problem("threshold question is empty".into());
            }
            for measure in &mut threshold.measures {
                measure.compiled = compile(&measure.regex, &mut problem);
                if let Some(re) = &measure.compiled {
                    if re.captures_len() < 2 {
                        problem(format!(
                            "measure regex '{}' needs a capture group for the number",
                            measure.regex
                        ));
                    }
                }
                if !(measure.scale.is_finite() && measure.scale > 0.0) {
                    problem(format!("measure scale {} must be a positive number", measure.scale));
                }
            }
        }
    }

    let codes_known: HashSet<String> = catalog.entries.iter().map(|e| codes::key(&e.code)).collect();
    for entry in &catalog.entries {
        if let Some(parent) = &entry.parent {
            if !codes_known.contains(&codes::key(parent)) {
                report(
                    &entry.file,
                    Some(&entry.code),
                    format!("parent '{parent}' is not an entry"),
                );
            }
        }
    }

    if let Some(protection) = &catalog.protection {
        let mut problem = |message: String| report("negatives.toml", None, message);
        if !codes_known.contains(&codes::key(&protection.entry)) {
            problem(format!("[protection] entry '{}' is not an entry", protection.entry));
        }
        for code in &protection.governs {
            if !codes_known.contains(&codes::key(code.trim_end_matches(".*"))) {
                problem(format!("[protection] governs '{code}', which is not an entry"));
            }
        }
        for phrase in protection.before.iter().chain(&protection.after) {
            if phrase_key(phrase).is_empty() {
                problem(format!("[protection] phrase '{phrase}' has no letters or digits"));
            }
        }
    }

    for rule in &mut catalog.code_rules {
        let id = rule.id.clone();
        let mut problem = |message: String| report("declared_codes.toml", Some(&id), message);
        if !acts.contains(rule.list.as_str()) {
            problem(format!("list '{}' is not an act in manifest.toml", rule.list));
        }
        rule.compiled = compile(&rule.regex, &mut problem);
    }
    problems
}

fn check_phrases(entry: &Entry, global_negatives: &HashSet<String>, problem: &mut impl FnMut(String)) {
    for (table, map) in [
        ("terms", &entry.terms),
        ("weak", &entry.weak),
        ("context", &entry.context),
    ] {
        for language in map.keys() {
            if !LANGUAGES.contains(&language.as_str()) {
                problem(format!(
                    "unknown language '{language}' in [entry.{table}]: use one of {}. (In TOML a key written after \
                     the [entry.{table}] header belongs to it: put models, calibres and negative before it.)",
                    LANGUAGES.join(", ")
                ));
            }
        }
    }
    let own_negatives: HashSet<String> = entry.negative.iter().map(|p| phrase_key(p)).collect();
    for (phrase, _) in entry.phrases() {
        let key = phrase_key(phrase);
        if key.is_empty() {
            problem(format!("phrase '{phrase}' has no letters or digits"));
        } else if own_negatives.contains(&key) || global_negatives.contains(&key) {
            problem(format!(
                "phrase '{phrase}' is both a positive phrase and a negative one"
            ));
        }
    }
    for phrase in &entry.negative {
        if phrase_key(phrase).is_empty() {
            problem(format!("negative phrase '{phrase}' has no letters or digits"));
        }
    }
    if let Some(threshold) = &entry.threshold {
        for phrase in threshold.met.iter().chain(&threshold.not_met) {
            if phrase_key(phrase).is_empty() {
                problem(format!("threshold phrase '{phrase}' has no letters or digits"));
            }
        }
    }
}

/// A phrase as the matcher sees it: normalised, without the compound marker.
pub(crate) fn phrase_key(phrase: &str) -> String {
    normalize(phrase.trim().trim_start_matches('*'))
}

/// Whether a regular expression writes `\w` or `\W` (not an escaped backslash followed by a `w`).
fn uses_unicode_word_class(source: &str) -> bool {
    let mut escaped = false;
    for c in source.chars() {
        if escaped && (c == 'w' || c == 'W') {
            return true;
        }
        escaped = !escaped && c == '\\';
    }
    false
}

fn compile(source: &str, problem: &mut impl FnMut(String)) -> Option<Regex> {
    match Regex::new(source) {
        Ok(re) => Some(re),
        Err(e) => {
            problem(format!("regular expression '{source}' does not compile: {e}"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{catalog_with, replace};
    use super::uses_unicode_word_class;

    #[test]
    fn a_word_class_is_told_from_an_escaped_backslash() {
        assert!(uses_unicode_word_class(r"\bscopes? (?:\w+ ){0,3}"));
        assert!(uses_unicode_word_class(r"\W"));
        assert!(uses_unicode_word_class(r"a\\\w"));
        assert!(!uses_unicode_word_class(r"\bscopes? (?:[^ ]+ ){0,3}"));
        assert!(!uses_unicode_word_class(r"a\\w"));
        assert!(!uses_unicode_word_class("w\\bw"));
    }

    /// A pattern with a Unicode word class made the whole set fall back to its slowest engine: `check` took five
    /// times as long on a 100,000-row sheet, and the server's upload twice as long.
    #[test]
    fn a_pattern_with_a_unicode_word_class_is_refused() {
        let (_dir, catalog) = catalog_with(|dir| {
            replace(
                dir,
                "military.toml",
                "regex = '\\bgas blocks? (?:[^ ]+ )?",
                "regex = '\\bgas blocks? (?:\\w+ )?",
            );
        });
        let message = catalog.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("uses \\w or \\W"), "{message}");
    }
}
