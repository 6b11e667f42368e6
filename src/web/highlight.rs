//! The matched words inside a description, from the evidence spans stored with the item's classification.

use crate::classify::{Classification, Evidence, EvidenceKind, Field};
use crate::i18n::Lang;
use maud::{html, Markup};

/// A piece of the description, marked when evidence covers it (with what it matched).
#[derive(Debug, PartialEq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub note: Option<String>,
}

/// Cuts `text` at the evidence spans (character offsets, end exclusive); overlapping spans are merged and spans
/// outside the text are ignored, so stored data never breaks the page.
pub fn segments<'a>(text: &'a str, spans: &[(usize, usize, String)]) -> Vec<Segment<'a>> {
    let chars = text.chars().count();
    let mut spans: Vec<(usize, usize, String)> = spans
        .iter()
        .filter(|(start, end, _)| start < end && *end <= chars)
        .cloned()
        .collect();
    spans.sort_by_key(|(start, end, _)| (*start, *end));
    let mut merged: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (start, end, note) in spans {
        match merged.last_mut() {
            Some(last) if start < last.1 => {
                last.1 = last.1.max(end);
                if !last.2.contains(&note) {
                    last.2.push(note);
                }
            }
            _ => merged.push((start, end, vec![note])),
        }
    }
    let byte_at = |char_index: usize| {
        text.char_indices()
            .nth(char_index)
            .map(|(b, _)| b)
            .unwrap_or(text.len())
    };
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, notes) in merged {
        let (start, end) = (byte_at(start), byte_at(end));
        if start > at {
            out.push(Segment {
                text: &text[at..start],
                note: None,
            });
        }
        out.push(Segment {
            text: &text[start..end],
            note: Some(notes.join("; ")),
        });
        at = end;
    }
    if at < text.len() {
        out.push(Segment {
            text: &text[at..],
            note: None,
        });
    }
    out
}

/// The text matched in other columns of the line, by column, in reading order ("D (Remarks)", "AK-47").
pub fn other_columns(classification: &Classification) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for e in classification.findings.iter().flat_map(|f| &f.evidence) {
        if let (Field::Extra, Some(column)) = (e.field, &e.column) {
            let pair = (column.clone(), e.text.clone());
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}

/// A serialised enum's name (`hs_code`, `listed_party`), for message keys.
pub fn snake<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What a piece of evidence matched, in words: the catalogue phrase, or what kind of pattern recognised the
/// text (never the regular expression itself).
pub fn matched_words(lang: Lang, e: &Evidence) -> String {
    match e.kind {
        EvidenceKind::Pattern => lang.tr("evidence-matched-pattern"),
        EvidenceKind::Measurement => lang.tr("evidence-matched-measurement"),
        _ => format!("\u{201c}{}\u{201d}", e.matched),
    }
}

/// The description with its matched words in `<mark>`, each titled with the entry and what it matched.
pub fn description(text: &str, classification: Option<&Classification>) -> Markup {
    description_in(Lang::En, text, classification)
}

/// The same in `lang`.
pub fn description_in(lang: Lang, text: &str, classification: Option<&Classification>) -> Markup {
    let spans: Vec<(usize, usize, String)> = classification
        .map(|c| {
            c.findings
                .iter()
                .flat_map(|f| {
                    f.evidence
                        .iter()
                        .filter(|e| e.field == Field::Description)
                        .map(move |e| {
                            (
                                e.span[0],
                                e.span[1],
                                format!(
                                    "{} ({}): {}",
                                    f.entry,
                                    lang.decision(f.decision),
                                    matched_words(lang, e)
                                ),
                            )
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        @for segment in segments(text, &spans) {
            @match segment.note {
                Some(note) => mark title=(note) { (segment.text) },
                None => (segment.text),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, spans: &[(usize, usize)]) -> String {
        let spans: Vec<_> = spans.iter().map(|&(s, e)| (s, e, "n".to_string())).collect();
        segments(text, &spans)
            .into_iter()
            .map(|s| match s.note {
                Some(_) => format!("[{}]", s.text),
                None => s.text.to_string(),
            })
            .collect()
    }

    #[test]
    fn spans_are_characters_not_bytes_and_overlaps_merge() {
        assert_eq!(
            marked("Fusil d'assaut AK-47", &[(0, 5), (15, 20)]),
            "[Fusil] d'assaut [AK-47]"
        );
        assert_eq!(marked("Sécurité: pistolet", &[(10, 18)]), "Sécurité: [pistolet]");
        assert_eq!(marked("assault rifle", &[(0, 7), (0, 13), (8, 13)]), "[assault rifle]");
    }

    #[test]
    fn broken_spans_are_ignored() {
        assert_eq!(marked("tent", &[(2, 9), (3, 1)]), "tent");
        assert_eq!(marked("", &[(0, 1)]), "");
    }

    #[test]
    fn user_text_is_escaped_inside_and_outside_marks() {
        let c: Classification = serde_json::from_value(serde_json::json!({
            "decision": "prohibited", "catalog_version": "t", "findings": [{"entry": "ML1", "title": "t",
            "list": "EU-CML", "act": "a", "decision": "prohibited", "reason": "r", "evidence": [{"field":
            "description", "kind": "phrase", "text": "<gun>", "span": [8, 13], "matched": "gun"}]}]}))
        .unwrap();
        let html = description("<script>x<gun></script>", Some(&c)).into_string();
        assert_eq!(
            html,
            "&lt;script&gt;<mark title=\"ML1 (Prohibited): \u{201c}gun\u{201d}\">x&lt;gun</mark>&gt;&lt;/script&gt;"
        );
    }

    #[test]
    fn a_pattern_is_named_in_words_never_shown_as_a_regular_expression() {
        let c: Classification = serde_json::from_value(serde_json::json!({
            "decision": "prohibited", "catalog_version": "t", "findings": [{"entry": "ML1", "title": "t",
            "list": "EU-CML", "act": "a", "decision": "prohibited", "reason": "r", "evidence": [{"field":
            "description", "kind": "pattern", "text": "AK-47", "span": [0, 5], "matched": "\\bak-?\\d+\\b"}]}]}))
        .unwrap();
        let html = description_in(Lang::Fr, "AK-47", Some(&c)).into_string();
        assert!(!html.contains("\\b"), "{html}");
        assert!(html.contains("ML1 (Interdit)"), "{html}");
    }
}
