//! The page shell (skip link, navigation by role, sign-out) and the pieces every page shares: decision badges,
//! the summary bar, anti-forgery fields. maud escapes every `(value)`; nothing here writes raw user text.

use super::assets;
use super::session::Session;
use crate::auth::Role;
use crate::decision::Decision;
use crate::i18n::Lang;
use maud::{html, Markup, DOCTYPE};

/// Where a page sits in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Home,
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
    if role == Role::Officer {
        links.push((Nav::Home, "/home", "shell-nav-home"));
    }
    if matches!(role, Role::Officer | Role::Admin) {
        links.push((Nav::Upload, "/upload", "shell-nav-upload"));
    }
    links.push((Nav::Batches, "/batches", "shell-nav-batches"));
    if matches!(role, Role::Reviewer | Role::Admin) {
        links.push((Nav::Review, "/review", "shell-nav-review"));
    }
    if matches!(role, Role::Monitor | Role::Admin) {
        links.push((Nav::Monitoring, "/monitoring", "shell-nav-monitoring"));
    }
    links.push((Nav::Catalog, "/catalog", "shell-nav-catalog"));
    if role == Role::Admin {
        links.push((Nav::Admin, "/admin", "shell-nav-admin"));
    }
    links
}

/// A whole page in the session's language. `session` is None on the sign-in and error pages.
pub fn page(title: &str, session: Option<&Session>, active: Nav, body: Markup) -> Markup {
    page_in(
        session.map(|s| s.lang).unwrap_or_default(),
        title,
        session,
        active,
        body,
        None,
    )
}

/// A whole page in `lang`; `here` is where the language switcher comes back to (None: the page it was used on,
/// from the same-origin `Referer`).
pub fn page_in(
    lang: Lang,
    title: &str,
    session: Option<&Session>,
    active: Nav,
    body: Markup,
    here: Option<&str>,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · equipcheck" }
                link rel="stylesheet" href=(assets::url("app.css"));
                script src=(assets::url("app.js")) defer {}
            }
            body {
                a.skip href="#main" { (lang.tr("shell-skip-to-content")) }
                header.top {
                    a.brand href="/" { "equipcheck" }
                    @if let Some(s) = session {
                        nav aria-label=(lang.tr("shell-nav-label")) {
                            ul {
                                @for (nav, href, key) in nav_links(s.who.role) {
                                    li { a href=(href) aria-current=[(nav == active).then_some("page")] { (lang.tr(key)) } }
                                }
                            }
                        }
                        form.signout method="post" action="/logout" {
                            (csrf_field(s))
                            span.who { (s.who.sub) " · " (lang.tr(&format!("role-{}", s.who.role))) }
                            button type="submit" { (lang.tr("shell-sign-out")) }
                        }
                    }
                    (language_switcher(lang, session, here))
                }
                main #main tabindex="-1" {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// One button per language (works without JavaScript); the current one is marked for screen readers too.
fn language_switcher(lang: Lang, session: Option<&Session>, here: Option<&str>) -> Markup {
    html! {
        form.languages method="post" action="/language" aria-label=(lang.tr("shell-change-language")) {
            @if let Some(s) = session { (csrf_field(s)) }
            @if let Some(here) = here { input type="hidden" name="next" value=(here); }
            span.muted { (lang.tr("shell-language")) ": " }
            @for other in Lang::ALL {
                button.link type="submit" name="lang" value=(other.code()) lang=(other.code())
                    aria-pressed=(if other == lang { "true" } else { "false" }) { (other.native_name()) }
                " "
            }
        }
    }
}

pub fn error_page(lang: Lang, status: u16, title: &str, detail: &str) -> Markup {
    page_in(
        lang,
        title,
        None,
        Nav::None,
        html! {
            p.error-detail role="alert" { (detail) }
            p.muted { (lang.tr_args("error-status", &[("status", status.into())])) " " a href="/" { (lang.tr("error-back-to-start")) } }
        },
        None,
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

/// A decision as a badge in words ("Dual-use", "Double usage"), coloured by class.
pub fn decision_badge(lang: Lang, decision: &str) -> Markup {
    match decision.parse::<Decision>() {
        Ok(d) => html! { span class={ "badge badge-" (d.as_str()) } data-decision=(d.as_str()) { (lang.decision(d)) } },
        Err(_) => badge(decision),
    }
}

/// A review status in words, styled by status.
pub fn status_label(lang: Lang, status: &str) -> Markup {
    html! { span class={ "status status-" (status) } data-status=(status) { (lang.review_status(status)) } }
}

/// The share of each decision as one horizontal bar (SVG, so no inline styles are needed) with a text legend.
pub fn summary_bar(lang: Lang, counts: &[(Decision, i64)]) -> Markup {
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
                aria-label=(lang.tr("summary-bar-label")) {
                @for (decision, start, n) in segments {
                    rect class={ "fill-" (decision.as_str()) } x=(start) y="0" width=(n) height="1" {
                        title { (lang.decision(decision)) ": " (n) }
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
