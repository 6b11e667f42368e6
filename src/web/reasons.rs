//! A finding's reason and evidence as sentences in the reader's language, built from the finding's structure
//! (decision, entry, evidence kind and text) instead of the classifier's English sentence.

use super::highlight;
use crate::classify::{Evidence, Finding};
use crate::i18n::Lang;
use maud::{html, Markup};

/// Where a piece of evidence was found: "description", "Column D (Remarks)".
pub fn place(lang: Lang, e: &Evidence) -> String {
    match &e.column {
        Some(column) => lang.tr_args("items-column", &[("column", column.clone().into())]),
        None => {
            let field = highlight::snake(&e.field);
            lang.try_tr(&format!("evidence-field-{field}"))
                .unwrap_or_else(|| field.replace('_', " "))
        }
    }
}

/// One piece of evidence as a sentence, keyed by its kind (`reason-evidence-phrase` ...).
pub fn evidence_sentence(lang: Lang, e: &Evidence) -> String {
    let kind = highlight::snake(&e.kind);
    let mut sentence = lang.tr_args(
        &format!("reason-evidence-{kind}"),
        &[
            ("text", e.text.clone().into()),
            ("where", place(lang, e).into()),
            ("matched", highlight::matched_words(lang, e).into()),
        ],
    );
    if e.fuzzy {
        sentence.push(' ');
        sentence.push_str(&lang.tr("evidence-fuzzy"));
    }
    sentence
}

/// What the finding contributes: "Prohibited under ML1 (Smooth-bore weapons ...)".
pub fn finding_sentence(lang: Lang, f: &Finding) -> String {
    lang.tr_args(
        "reason-finding",
        &[
            ("decision", lang.decision(f.decision).into()),
            ("entry", f.entry.clone().into()),
            ("title", f.title.clone().into()),
        ],
    )
}

/// The finding's reason in words (with a sentence per piece of evidence when `each_evidence`, for pages without
/// the evidence table), then the classifier's own sentence: as the reason itself in English, folded away and
/// marked as English in the other languages (it carries thresholds and measures word for word).
pub fn reason(lang: Lang, f: &Finding, each_evidence: bool) -> Markup {
    html! {
        p { (finding_sentence(lang, f)) }
        @if each_evidence && !f.evidence.is_empty() {
            ul.reasons { @for e in &f.evidence { li { (evidence_sentence(lang, e)) } } }
        }
        @if lang == Lang::En {
            p.muted { (f.reason) }
        } @else if !f.reason.is_empty() {
            details.original {
                summary { (lang.tr("reason-original")) }
                p lang="en" { (f.reason) }
            }
        }
    }
}
