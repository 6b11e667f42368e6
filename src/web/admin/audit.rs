//! The audit-trail browser: the chain's verification status first, then the records (newest first) with filters
//! (actor, action, entity, outcome, date range), paging, and each record's state before and after.

use super::{admin_only, admin_page, Section};
use crate::api::{blocking, AppState};
use crate::audit::{self, ChainBreak, Verification};
use crate::db::audit::{self as store, AuditFilter, AuditRow};
use crate::i18n::Lang;
use crate::web::layout::{query, when};
use crate::web::session::Session;
use crate::web::{html, WebResult};
use actix_web::web;
use chrono::NaiveDate;
use maud::{html, Markup};
use serde::Deserialize;

const PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    entity_type: String,
    #[serde(default)]
    entity_id: String,
    #[serde(default)]
    outcome: String,
    /// First day shown (YYYY-MM-DD, UTC).
    #[serde(default)]
    from: String,
    /// Last day shown, inclusive.
    #[serde(default)]
    until: String,
    offset: Option<i64>,
}

fn some(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

fn day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

impl AuditQuery {
    fn filter(&self) -> AuditFilter {
        AuditFilter {
            entity_type: some(&self.entity_type),
            entity_id: some(&self.entity_id),
            actor: some(&self.actor),
            action: some(&self.action),
            outcome: some(&self.outcome),
            from: day(&self.from).and_then(|d| d.and_hms_opt(0, 0, 0)),
            until: day(&self.until)
                .and_then(|d| d.succ_opt())
                .and_then(|d| d.and_hms_opt(0, 0, 0)),
        }
    }

    fn pairs(&self) -> Vec<(&str, &str)> {
        vec![
            ("actor", self.actor.as_str()),
            ("action", self.action.as_str()),
            ("entity_type", self.entity_type.as_str()),
            ("entity_id", self.entity_id.as_str()),
            ("outcome", self.outcome.as_str()),
            ("from", self.from.as_str()),
            ("until", self.until.as_str()),
        ]
    }
}

pub async fn browse(session: Session, state: web::Data<AppState>, params: web::Query<AuditQuery>) -> WebResult {
    admin_only(&session)?;
    let params = params.into_inner();
    let offset = params.offset.unwrap_or(0).max(0);
    let filter = params.filter();
    let (verification, (rows, total)) = blocking(move || {
        let mut conn = state.pool.get()?;
        let verification = audit::verify(&mut conn, None)?;
        let page = store::list(&mut conn, None, &filter, PAGE, offset)?;
        Ok::<_, crate::db::DbError>((verification, page))
    })
    .await?;
    let lang = session.lang;
    let body = html! {
        (chain_status(lang, &verification))
        (filters(lang, &params))
        p.muted role="status" { (lang.tr_args("admin-audit-count", &[("count", total.into())])) }
        @if !rows.is_empty() {
            div.table-wrap { table.audit {
                caption.visually-hidden { (lang.tr("admin-audit-title")) }
                thead { tr {
                    th scope="col" { "#" }
                    th scope="col" { (lang.tr("admin-audit-when")) }
                    th scope="col" { (lang.tr("admin-audit-actor")) }
                    th scope="col" { (lang.tr("admin-audit-action")) }
                    th scope="col" { (lang.tr("admin-audit-entity")) }
                    th scope="col" { (lang.tr("admin-audit-details")) }
                } }
                tbody { @for row in &rows { (record(lang, row)) } }
            } }
        }
        (pager(lang, &params, offset, total))
    };
    Ok(html(admin_page(
        &session,
        &lang.tr("admin-audit-title"),
        Section::Audit,
        body,
    )))
}

fn chain_status(lang: Lang, verification: &Verification) -> Markup {
    match &verification.first_break {
        None => html! {
            section.card.chain-ok aria-labelledby="chain-h" {
                h2 #chain-h { (lang.tr("admin-audit-chain-intact")) }
                p { (lang.tr_args("admin-audit-chain-records", &[("count", (verification.records as i64).into())])) }
                @if let Some(head) = &verification.head {
                    p.hint { (lang.tr("admin-audit-chain-head")) " " code.hash { (head.seq) ":" (head.hash) } }
                }
            }
        },
        Some(broken) => html! {
            section.card.chain-broken role="alert" aria-labelledby="chain-h" {
                h2 #chain-h { (lang.tr("admin-audit-chain-broken")) }
                p { (chain_break(lang, broken)) }
            }
        },
    }
}

fn chain_break(lang: Lang, broken: &ChainBreak) -> String {
    let n = |v: i64| -> fluent_templates::fluent_bundle::FluentValue<'static> { v.into() };
    match *broken {
        ChainBreak::Altered { seq } => lang.tr_args("admin-audit-break-altered", &[("seq", n(seq))]),
        ChainBreak::Removed { from, to } => {
            lang.tr_args("admin-audit-break-removed", &[("from", n(from)), ("to", n(to))])
        }
        ChainBreak::Relinked { seq, previous } => lang.tr_args(
            "admin-audit-break-relinked",
            &[("seq", n(seq)), ("previous", n(previous))],
        ),
        ChainBreak::OutOfOrder { seq, expected } => lang.tr_args(
            "admin-audit-break-out-of-order",
            &[("seq", n(seq)), ("expected", n(expected))],
        ),
        ChainBreak::AnchorMismatch { seq } => lang.tr_args("admin-audit-break-anchor", &[("seq", n(seq))]),
    }
}

fn filters(lang: Lang, params: &AuditQuery) -> Markup {
    let text = |id: &'static str, key: &str, value: &str| {
        html! {
            div {
                label for=(id) { (lang.tr(key)) }
                input id=(id) type="text" name=(id) maxlength="200" value=(value);
            }
        }
    };
    html! {
        form.filters method="get" action="/admin/audit" role="search" aria-label=(lang.tr("admin-audit-filters")) {
            (text("actor", "admin-audit-actor", &params.actor))
            (text("action", "admin-audit-action", &params.action))
            (text("entity_type", "admin-audit-entity-type", &params.entity_type))
            (text("entity_id", "admin-audit-entity-id", &params.entity_id))
            div {
                label for="outcome" { (lang.tr("admin-audit-outcome")) }
                select #outcome name="outcome" {
                    option value="" { (lang.tr("admin-audit-outcome-any")) }
                    option value="done" selected[params.outcome == "done"] { (lang.tr("admin-audit-outcome-done")) }
                    option value="refused" selected[params.outcome == "refused"] { (lang.tr("admin-audit-outcome-refused")) }
                }
            }
            div {
                label for="from" { (lang.tr("admin-audit-from")) }
                input #from type="date" name="from" value=(params.from);
            }
            div {
                label for="until" { (lang.tr("admin-audit-until")) }
                input #until type="date" name="until" value=(params.until);
            }
            button type="submit" { (lang.tr("admin-audit-apply")) }
        }
    }
}

/// A stored state as indented JSON (stored compact).
fn pretty(state: &Option<String>) -> Option<String> {
    let text = state.as_deref()?;
    Some(
        serde_json::from_str::<serde_json::Value>(text)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|_| text.to_string()),
    )
}

fn record(lang: Lang, row: &AuditRow) -> Markup {
    let before = pretty(&row.before_state);
    let after = pretty(&row.after_state);
    html! {
        tr class={ "outcome-" (row.outcome) } {
            td.num { (row.seq) }
            td.nowrap { (when(row.recorded_at)) }
            td { (row.actor) br; span.muted { (row.actor_role) " · " (row.auth_method) } }
            td {
                code { (row.action) }
                @if row.outcome == "refused" { " " span.status.status-refused { (lang.tr("admin-audit-outcome-refused")) } }
            }
            td { (row.entity_type) " " (row.entity_id)
                @if let Some(p) = &row.project_id { br; span.muted { (lang.tr("admin-project-id")) " " (p) } } }
            td {
                @if let Some(reason) = &row.reason { p.reason { (reason) } }
                @if before.is_some() || after.is_some() {
                    details {
                        summary { (lang.tr("admin-audit-states")) }
                        @if let Some(b) = &before { h3 { (lang.tr("admin-audit-before")) } pre { (b) } }
                        @if let Some(a) = &after { h3 { (lang.tr("admin-audit-after")) } pre { (a) } }
                    }
                }
            }
        }
    }
}

fn pager(lang: Lang, params: &AuditQuery, offset: i64, total: i64) -> Markup {
    let link = |to: i64| {
        let to = to.to_string();
        let mut pairs = params.pairs();
        pairs.push(("offset", to.as_str()));
        format!("/admin/audit{}", query(&pairs))
    };
    html! {
        @if total > PAGE {
            nav.pager aria-label=(lang.tr("admin-pages")) {
                @if offset > 0 { a href=(link((offset - PAGE).max(0))) { (lang.tr("admin-previous")) } }
                span { (lang.tr_args("admin-page-range", &[("first", (offset + 1).into()),
                    ("last", (offset + PAGE).min(total).into()), ("total", total.into())])) }
                @if offset + PAGE < total { a href=(link(offset + PAGE)) { (lang.tr("admin-next")) } }
            }
        }
    }
}
