//! The parts of a batch's page about its file: how it was read (every sheet and column), the cells that could
//! not be read, and where the lines go and to whom (restrictive measures, listed parties).

use super::layout::decision_badge;
use crate::db::items;
use crate::i18n::Lang;
use maud::{html, Markup};

/// The destinations under restrictive measures and the possible listed parties of the batch, each once.
pub fn notices_card(lang: Lang, notices: &crate::screening::notices::BatchNotices, more: bool) -> Markup {
    let lines = |n: usize| {
        let count = lang.tr_args("batch-lines", &[("count", n.into())]);
        if more {
            lang.tr_args("batch-lines-at-least", &[("lines", count.into())])
        } else {
            count
        }
    };
    html! {
        section.card.notice aria-labelledby="notices-h" {
            h2 #notices-h { (lang.tr("batch-notices-title")) }
            @if !notices.measures.is_empty() {
                p { (lang.tr("batch-notices-measures")) }
                ul { @for n in &notices.measures {
                    li { (decision_badge(lang, n.decision.as_str())) " " a href={ "/catalog/" (n.entry) } { (n.entry) } " " (n.title)
                        " (" (n.act) "): " (lines(n.lines)) }
                } }
            }
            @if !notices.parties.is_empty() {
                p { (lang.tr("batch-notices-parties")) }
                ul { @for n in &notices.parties {
                    li { (decision_badge(lang, n.decision.as_str())) " " (n.title) " (" (n.entry) ", " (n.act) "): " (lines(n.lines)) }
                } }
            }
        }
    }
}

/// How the file was read: every sheet with every column and what was done with it, every sheet skipped.
pub fn layout_section(lang: Lang, layout: Option<&str>) -> Markup {
    let Some(layout) = layout.and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok()) else {
        return html! {};
    };
    let text = |v: &serde_json::Value, key: &str| v.get(key).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let number = |v: &serde_json::Value, key: &str| v.get(key).and_then(|x| x.as_u64()).unwrap_or(0);
    let empty = Vec::new();
    let sheets = layout.get("sheets").and_then(|s| s.as_array()).unwrap_or(&empty);
    let skipped = layout
        .get("skipped_sheets")
        .and_then(|s| s.as_array())
        .unwrap_or(&empty);
    html! {
        section #layout aria-labelledby="layout-h" {
            h2 #layout-h { (lang.tr("layout-title")) }
            p.muted { (lang.tr("layout-intro")) }
            @for sheet in sheets {
                @let name = sheet.get("sheet").and_then(|s| s.as_str());
                @let args = [
                    ("header", number(sheet, "header_row").into()),
                    ("count", number(sheet, "items").into()),
                ];
                h3 { @match name {
                        Some(name) => (lang.tr_args("layout-sheet", &[("sheet", name.into())])),
                        None => (lang.tr("layout-the-file")),
                    }
                    ": " (lang.tr_args("layout-sheet-summary", &args))
                    @if sheet.get("hidden").and_then(|h| h.as_bool()).unwrap_or(false) { " " (lang.tr("layout-hidden")) } }
                div.table-wrap { table.layout {
                    thead { tr { th scope="col" { (lang.tr("layout-col-column")) } th scope="col" { (lang.tr("layout-col-header")) }
                        th scope="col" { (lang.tr("layout-col-read-as")) } th scope="col" { (lang.tr("layout-col-done")) }
                        th scope="col" { (lang.tr("layout-col-cells")) } } }
                    tbody { @for c in sheet.get("columns").and_then(|c| c.as_array()).unwrap_or(&empty) { tr {
                        td { (text(c, "column")) } td { (text(c, "header")) }
                        td { @let field = text(c, "field"); @if field.is_empty() { (text(c, "role").replace('_', " ")) } @else { (field.replace('_', " ")) } }
                        td { (text(c, "note")) }
                        td.num { (number(c, "cells")) }
                    } } }
                } }
            }
            @if !skipped.is_empty() {
                h3 { (lang.tr("layout-skipped")) }
                ul { @for s in skipped { li { strong { (text(s, "sheet")) } ": " (text(s, "reason")) } } }
            }
        }
    }
}

pub fn problem_section(lang: Lang, problems: &[items::Problem], total: i64) -> Markup {
    html! {
        @if total > 0 {
            section #problems aria-labelledby="problems-h" {
                h2 #problems-h { (lang.tr_args("problems-title", &[("count", total.into())])) }
                p.muted { (lang.tr("problems-intro")) }
                div.table-wrap { table {
                    thead { tr { th scope="col" { (lang.tr("items-col-sheet")) } th scope="col" { (lang.tr("items-col-row")) }
                        th scope="col" { (lang.tr("layout-col-column")) } th scope="col" { (lang.tr("problems-col-value")) }
                        th scope="col" { (lang.tr("problems-col-problem")) } } }
                    tbody { @for p in problems { tr {
                        td { (p.sheet.as_deref().unwrap_or("")) } td.num { (p.row_number) }
                        td { (p.column_ref.as_deref().unwrap_or("")) } td { code { (p.value.as_deref().unwrap_or("")) } }
                        td { (super::messages::problem_text(lang, p)) }
                    } } }
                } }
            }
        }
    }
}
