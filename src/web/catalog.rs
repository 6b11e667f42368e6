//! The catalogue: search the entries, read one with its legal source and the words that recognise it.

use super::layout::{decision_badge, page, query, Nav};
use super::session::Session;
use super::{html, WebResult};
use crate::api::error::ApiError;
use crate::api::AppState;
use crate::catalog::Entry;
use actix_web::web;
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    list: Option<String>,
}

fn matches(entry: &Entry, q: &str) -> bool {
    let q = q.to_lowercase();
    entry.code.to_lowercase().contains(&q)
        || entry.title.to_lowercase().contains(&q)
        || entry.aliases.iter().any(|a| a.to_lowercase().contains(&q))
        || entry.phrases().any(|(p, _)| p.to_lowercase().contains(&q))
}

pub async fn search(session: Session, state: web::Data<AppState>, params: web::Query<SearchQuery>) -> WebResult {
    let catalog = state.classifier.catalog();
    let q: String = params.q.as_deref().unwrap_or("").trim().chars().take(200).collect();
    let list = params.list.clone().unwrap_or_default();
    let found: Vec<&Entry> = catalog
        .entries
        .iter()
        .filter(|e| list.is_empty() || e.list == list)
        .filter(|e| q.is_empty() || matches(e, &q))
        .take(300)
        .collect();
    let lang = session.lang;
    let body = html! {
        p.meta { (lang.tr_args("catalog-version", &[("version", catalog.version.clone().into())]))
            @if let Some(p) = &catalog.published { " " (lang.tr_args("catalog-published", &[("date", p.clone().into())])) } }
        form.filters method="get" action="/catalog" role="search" {
            div.grow { label for="c-q" { (lang.tr("catalog-search-label")) } input #c-q type="search" name="q" value=(q) maxlength="200"; }
            div { label for="c-list" { (lang.tr("catalog-list")) }
                select #c-list name="list" {
                    option value="" { (lang.tr("catalog-all-lists")) }
                    @for act in &catalog.acts { option value=(act.id) selected[list == act.id] { (act.id) " · " (act.title) } }
                } }
            button type="submit" { (lang.tr("catalog-search")) }
        }
        p.muted role="status" { (lang.tr_args(if found.len() == 300 { "catalog-entries-first" } else { "catalog-entries" }, &[("count", found.len().into())])) }
        div.table-wrap { table {
            thead { tr { th scope="col" { (lang.tr("catalog-code")) } th scope="col" { (lang.tr("catalog-title")) }
                th scope="col" { (lang.tr("catalog-list")) } th scope="col" { (lang.tr("items-col-decision")) } } }
            tbody { @for e in &found { tr {
                td { a href={ "/catalog/" (e.code) } { (e.code) } }
                td { (e.title) } td { (e.list) } td { (decision_badge(lang, e.decision().as_str())) }
            } } }
        } }
    };
    Ok(html(page(
        &lang.tr("catalog-page-title"),
        Some(&session),
        Nav::Catalog,
        body,
    )))
}

fn words(title: &str, by_language: &BTreeMap<String, Vec<String>>) -> Markup {
    html! {
        @if !by_language.is_empty() {
            h3 { (title) }
            dl.fields { @for (lang, list) in by_language { dt { (lang) } dd { (list.join(", ")) } } }
        }
    }
}

fn list_of(title: &str, list: &[String]) -> Markup {
    html! { @if !list.is_empty() { h3 { (title) } p { (list.join(", ")) } } }
}

pub async fn entry(session: Session, state: web::Data<AppState>, path: web::Path<String>) -> WebResult {
    let lang = session.lang;
    let catalog = state.classifier.catalog();
    let entry = catalog.entry(&path).ok_or(ApiError::NotFound("catalogue entry"))?;
    let act = catalog.act(&entry.list);
    let body = html! {
        section.card {
            p.decision-line { (decision_badge(lang, entry.decision().as_str()))
                @if let Some(policy) = &entry.policy { " " span.muted { (lang.tr("catalog-set-by-policy")) " " code { (policy) } } } }
            h2 { (entry.title) }
            dl.fields {
                dt { (lang.tr("catalog-code")) } dd { (entry.code) }
                @if !entry.aliases.is_empty() { dt { (lang.tr("catalog-also-written")) } dd { (entry.aliases.join(", ")) } }
                @if let Some(parent) = &entry.parent { dt { (lang.tr("catalog-part-of")) } dd { a href={ "/catalog/" (parent) } { (parent) } } }
                dt { (lang.tr("catalog-legal-source")) }
                dd { @match act {
                    Some(a) => {
                        (a.title) ", " (a.reference) " (" (lang.tr_args("catalog-act-version", &[("version", a.version.clone().into())])) ")"
                        @if let Some(src) = &a.source { @if src.starts_with("https://") { " · " a href=(src) rel="noopener noreferrer" { (lang.tr("catalog-official-text")) } } }
                    },
                    None => (entry.list),
                } }
                @if !entry.hs.is_empty() { dt { (lang.tr("catalog-hs")) } dd { (entry.hs.join(", ")) } }
                @if let Some(note) = &entry.note { dt { (lang.tr("catalog-note")) } dd { (note) } }
            }
            @if let Some(q) = &entry.question { p.question { (q) } }
            @if let Some(t) = &entry.threshold { p.question { (lang.tr("catalog-threshold")) " " (t.question) } }
        }
        h2 { (lang.tr("catalog-words")) }
        (words(&lang.tr("catalog-strong"), &entry.terms))
        (words(&lang.tr("catalog-weak"), &entry.weak))
        (words(&lang.tr("catalog-context"), &entry.context))
        (list_of(&lang.tr("catalog-models"), &entry.models))
        (list_of(&lang.tr("catalog-calibres"), &entry.calibres))
        (list_of(&lang.tr("catalog-negative"), &entry.negative))
        p { a href={ "/catalog" (query(&[("list", entry.list.as_str())])) } { (lang.tr_args("catalog-all-of", &[("list", entry.list.clone().into())])) } }
    };
    Ok(html(page(
        &lang.tr_args("catalog-entry-title", &[("code", entry.code.clone().into())]),
        Some(&session),
        Nav::Catalog,
        body,
    )))
}
