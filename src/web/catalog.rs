//! The catalogue: search the entries, read one with its legal source and the words that recognise it.

use super::layout::{badge, page, query, Nav};
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
    let body = html! {
        p.meta { "Catalogue version " (catalog.version) @if let Some(p) = &catalog.published { ", published " (p) } "." }
        form.filters method="get" action="/catalog" role="search" {
            div.grow { label for="c-q" { "Code, title or word" } input #c-q type="search" name="q" value=(q) maxlength="200"; }
            div { label for="c-list" { "List" }
                select #c-list name="list" {
                    option value="" { "all lists" }
                    @for act in &catalog.acts { option value=(act.id) selected[list == act.id] { (act.id) " · " (act.title) } }
                } }
            button type="submit" { "Search" }
        }
        p.muted role="status" { (found.len()) " entries" @if found.len() == 300 { " (first 300)" } "." }
        div.table-wrap { table {
            thead { tr { th scope="col" { "Code" } th scope="col" { "Title" } th scope="col" { "List" } th scope="col" { "Decision" } } }
            tbody { @for e in &found { tr {
                td { a href={ "/catalog/" (e.code) } { (e.code) } }
                td { (e.title) } td { (e.list) } td { (badge(e.decision().as_str())) }
            } } }
        } }
    };
    Ok(html(page("Catalogue", Some(&session), Nav::Catalog, body)))
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
    let catalog = state.classifier.catalog();
    let entry = catalog.entry(&path).ok_or(ApiError::NotFound("catalogue entry"))?;
    let act = catalog.act(&entry.list);
    let body = html! {
        section.card {
            p.decision-line { (badge(entry.decision().as_str()))
                @if let Some(policy) = &entry.policy { " " span.muted { "set by the policy " code { (policy) } } } }
            h2 { (entry.title) }
            dl.fields {
                dt { "Code" } dd { (entry.code) }
                @if !entry.aliases.is_empty() { dt { "Also written" } dd { (entry.aliases.join(", ")) } }
                @if let Some(parent) = &entry.parent { dt { "Part of" } dd { a href={ "/catalog/" (parent) } { (parent) } } }
                dt { "Legal source" }
                dd { @match act {
                    Some(a) => {
                        (a.title) ", " (a.reference) " (version " (a.version) ")"
                        @if let Some(src) = &a.source { @if src.starts_with("https://") { " · " a href=(src) rel="noopener noreferrer" { "official text" } } }
                    },
                    None => (entry.list),
                } }
                @if !entry.hs.is_empty() { dt { "HS headings" } dd { (entry.hs.join(", ")) } }
                @if let Some(note) = &entry.note { dt { "Note" } dd { (note) } }
            }
            @if let Some(q) = &entry.question { p.question { (q) } }
            @if let Some(t) = &entry.threshold { p.question { "Threshold: " (t.question) } }
        }
        h2 { "Words that recognise it" }
        (words("Strong words (decide the entry)", &entry.terms))
        (words("Ambiguous words (send to review alone)", &entry.weak))
        (words("Confirming words (only beside another match)", &entry.context))
        (list_of("Models", &entry.models))
        (list_of("Calibres", &entry.calibres))
        (list_of("Civilian look-alikes that do not count", &entry.negative))
        p { a href={ "/catalog" (query(&[("list", entry.list.as_str())])) } { "← All entries of " (entry.list) } }
    };
    Ok(html(page(
        &format!("Catalogue entry {}", entry.code),
        Some(&session),
        Nav::Catalog,
        body,
    )))
}
