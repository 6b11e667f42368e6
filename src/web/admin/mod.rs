//! Administration pages (admin role only): accounts, projects and the audit trail. The handlers check the role,
//! call `crate::admin` (accounts, projects) or the audit store, and render in the session's language.

mod audit;
mod projects;
mod users;

use super::error::WebError;
use super::layout::{page, Nav};
use super::session::Session;
use crate::admin::AdminError;
use crate::api::error::ApiError;
use crate::auth::Role;
use crate::i18n::Lang;
use actix_web::web;
use maud::{html, Markup};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but unreserved URL characters (RFC 3986) is percent-encoded in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(users::start))
        .route("/admin/users", web::get().to(users::list))
        .route("/admin/users", web::post().to(users::create))
        .route("/admin/users/{name}", web::get().to(users::show))
        .route("/admin/users/{name}/{change}", web::post().to(users::change))
        .route("/admin/projects", web::get().to(projects::list))
        .route("/admin/projects", web::post().to(projects::create))
        .route("/admin/projects/{project}", web::get().to(projects::show))
        .route("/admin/projects/{project}", web::post().to(projects::update))
        .route("/admin/audit", web::get().to(audit::browse));
}

/// Administration is for administrators only: anyone else gets 403.
fn admin_only(session: &Session) -> Result<(), WebError> {
    if session.who.role == Role::Admin {
        Ok(())
    } else {
        Err(WebError::Api(ApiError::Forbidden))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Users,
    Projects,
    Audit,
}

/// An administration page: the shell, then the section links.
fn admin_page(session: &Session, title: &str, section: Section, body: Markup) -> Markup {
    let lang = session.lang;
    let links = [
        (Section::Users, "/admin/users", "admin-nav-users"),
        (Section::Projects, "/admin/projects", "admin-nav-projects"),
        (Section::Audit, "/admin/audit", "admin-nav-audit"),
    ];
    page(
        title,
        Some(session),
        Nav::Admin,
        html! {
            nav.subnav aria-label=(lang.tr("admin-nav-label")) {
                ul { @for (s, href, key) in links {
                    li { a href=(href) aria-current=[(s == section).then_some("page")] { (lang.tr(key)) } }
                } }
            }
            (body)
        },
    )
}

/// A path segment for a name or id typed by people (account names may hold any character).
fn segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// A refused change in words, or the storage failure as a page of its own.
fn refusal(lang: Lang, error: AdminError) -> Result<String, WebError> {
    let Some(key) = error.message_key() else {
        return Err(match error {
            AdminError::Db(e) => e.into(),
            other => WebError::Api(ApiError::Internal(other.to_string())),
        });
    };
    let detail = match &error {
        AdminError::NoSuchUser(v) | AdminError::NameTaken(v) | AdminError::InvalidProject(v) => v.clone(),
        _ => String::new(),
    };
    Ok(lang.tr_args(
        key,
        &[
            ("value", detail.into()),
            ("min", crate::admin::users::MIN_PASSWORD_CHARS.into()),
        ],
    ))
}

fn error_notice(message: Option<&str>) -> Markup {
    html! { @if let Some(m) = message { p.error-detail role="alert" { (m) } } }
}

/// A notice after a saved change (the key comes from a fixed list, never from the query itself).
fn saved_notice(lang: Lang, done: Option<&str>) -> Markup {
    let key = match done {
        Some("created") => "admin-done-created",
        Some("access") => "admin-done-access",
        Some("disable") => "admin-done-disabled",
        Some("enable") => "admin-done-enabled",
        Some("password") => "admin-done-password",
        Some("project") => "admin-done-project",
        _ => return html! {},
    };
    html! { p.notice role="status" { (lang.tr(key)) } }
}
