//! The page shell (skip link, navigation by role, sign-out) and the pieces every page shares: decision badges,
//! the summary bar, anti-forgery fields. maud escapes every `(value)`; nothing here writes raw user text.

use super::assets;
use super::session::Session;
use crate::auth::Role;
use crate::decision::Decision;
use maud::{html, Markup, DOCTYPE};

/// Where a page sits in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Upload,
    Batches,
    Review,
    Monitoring,
    Catalog,
    Admin,
    None,
}

fn nav_links(role: Role) -> Vec<(Nav, &'static str, &'static str)> {
    let mut links = Vec::new();
    if matches!(role, Role::Officer | Role::Admin) {
        links.push((Nav::Upload, "/upload", "Upload"));
    }
    links.push((Nav::Batches, "/batches", "Batches"));
    if matches!(role, Role::Reviewer | Role::Admin) {
        links.push((Nav::Review, "/review", "Review"));
    }
    if matches!(role, Role::Monitor | Role::Admin) {
        links.push((Nav::Monitoring, "/monitoring", "Monitoring"));
    }
    links.push((Nav::Catalog, "/catalog", "Catalogue"));
    if role == Role::Admin {
        links.push((Nav::Admin, "/admin", "Administration"));
    }
    links
}

/// A whole page. `session` is None on the sign-in and error pages.
pub fn page(title: &str, session: Option<&Session>, active: Nav, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(session.map(|s| s.lang).unwrap_or_default().code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · equipcheck" }
                link rel="stylesheet" href=(assets::url("app.css"));
                script src=(assets::url("app.js")) defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    a.brand href="/" { "equipcheck" }
                    @if let Some(s) = session {
                        nav aria-label="Main" {
                            ul {
                                @for (nav, href, label) in nav_links(s.who.role) {
                                    li { a href=(href) aria-current=[(nav == active).then_some("page")] { (label) } }
                                }
                            }
                        }
                        form.signout method="post" action="/logout" {
                            (csrf_field(s))
                            span.who { (s.who.sub) " · " (s.who.role) }
                            button type="submit" { "Sign out" }
                        }
                    }
                }
                main #main tabindex="-1" {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

pub fn error_page(status: u16, title: &str, detail: &str) -> Markup {
    page(
        title,
        None,
        Nav::None,
        html! {
            p.error-detail role="alert" { (detail) }
            p.muted { "Status " (status) ". " a href="/" { "Back to the start page" } }
        },
    )
}

pub fn csrf_field(session: &Session) -> Markup {
    html! { input type="hidden" name="csrf" value=(session.csrf); }
}

/// A decision as a badge: the word itself (never colour alone), coloured by class.
pub fn badge(decision: &str) -> Markup {
    let known = decision.parse::<Decision>().map(Decision::as_str).unwrap_or("unknown");
    html! { span class={ "badge badge-" (known) } { (decision) } }
}

/// The share of each decision as one horizontal bar (SVG, so no inline styles are needed) with a text legend.
pub fn summary_bar(counts: &[(Decision, i64)]) -> Markup {
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let mut x = 0i64;
    let segments: Vec<(Decision, i64, i64)> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(d, n)| {
            x += n;
            (d, x - n, n)
        })
        .collect();
    html! {
        @if total > 0 {
            svg.bar viewBox={ "0 0 " (total) " 1" } preserveAspectRatio="none" role="img"
                aria-label="Share of items by decision" {
                @for (decision, start, n) in segments {
                    rect class={ "fill-" (decision.as_str()) } x=(start) y="0" width=(n) height="1" {
                        title { (decision.as_str()) ": " (n) }
                    }
                }
            }
        }
    }
}

/// `?a=b&c=d` from pairs, leaving out empty values.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let kept: Vec<(&str, &str)> = pairs.iter().copied().filter(|(_, v)| !v.is_empty()).collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", serde_urlencoded::to_string(kept).unwrap_or_default())
    }
}

/// A date and time as the pages show it (UTC).
pub fn when(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}
