//! A delivery's page: what was delivered (item, decision, batch, certificate), what it still owes, its serials,
//! inspections, incidents and transfer requests, and the forms that record what happens next. A refused form
//! comes back on this page with what was typed and the reasons next to the fields.

use super::fields::{Fields, Filled, FormView};
use super::{change, may_record, obligation_label, read, refused_page, state_badge, subnav};
use crate::api::AppState;
use crate::i18n::Lang;
use crate::monitoring::Named;
use crate::service::monitoring::context::{self, DeliveredWhat};
use crate::service::monitoring::reports::{self, DeliveryPage};
use crate::service::monitoring::{MonitoringError, Who};
use crate::web::layout::{badge, page, Nav};
use crate::web::session::Session;
use crate::web::{html, see_other, WebResult};
use actix_web::web;
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// Everything the page shows.
pub struct Loaded {
    pub page: DeliveryPage,
    pub what: DeliveredWhat,
}

async fn load(
    session: &Session,
    state: &web::Data<AppState>,
    id: String,
) -> Result<Loaded, crate::api::error::ApiError> {
    read(session, state, move |conn, who, policy| {
        let page = reports::delivery_page(conn, who, policy, &id, who.today)?;
        let what = context::delivered_what(conn, who, &id)?;
        Ok(Loaded { page, what })
    })
    .await
}

/// The whole page, with a refused form filled in again or the confirmation of what was just saved.
pub async fn delivery_page(
    session: &Session,
    state: &web::Data<AppState>,
    id: String,
    filled: Option<&Filled>,
    done: Option<&str>,
) -> Result<Markup, crate::api::error::ApiError> {
    let lang = session.lang;
    let loaded = load(session, state, id).await?;
    let p = &loaded.page;
    let d = &p.delivery;
    let what = &loaded.what;
    let body = html! {
        (subnav(lang, "/monitoring/deliveries"))
        p.meta { (d.project_id) " · " (lang.tr_args("mon-delivered-meta", &[
            ("date", d.delivered_on.to_string().into()), ("unit", d.receiving_unit.clone().into()),
            ("location", d.location.clone().into())])) " · " (lang.tr(&format!("mon-profile-{}", d.profile))) }
        @if let Some(done) = done {
            p.notice #saved role="status" { (lang.tr(&format!("mon-done-{done}"))) }
        }
        section.card #delivered aria-labelledby="delivered-h" {
            h2 #delivered-h { (lang.tr("mon-what-was-delivered")) }
            dl.fields {
                dt { (lang.tr("mon-item")) } dd { (what.item_description)
                    @if let Some(decision) = &what.decision { " " (badge_words(lang, decision)) } }
                dt { (lang.tr("mon-quantity")) } dd { (d.quantity) @if let Some(o) = p.ordered { " " (lang.tr_args("mon-of-ordered", &[("ordered", o.into())])) } }
                dt { (lang.tr("mon-batch")) } dd { @if let Some((batch, file)) = &what.batch { a href={ "/batches/" (batch) } { (file) } } @else { "—" } }
                dt { (lang.tr("mon-certificate")) } dd { @if let Some(c) = &what.certificate {
                        (c.reference) " · " (c.issuer) " · " (lang.tr_args("mon-issued-on", &[("date", c.issued_on.to_string().into())]))
                        @if let Some(hash) = &c.document_sha256 { br; span.muted { "SHA-256 " code { (hash) } } }
                    } @else { (lang.tr("mon-no-certificate")) } }
                dt { (lang.tr("mon-confirmed")) } dd { @match (&d.confirmed_on, &d.confirmed_by) {
                    (Some(on), by) => { (on) " · " (by.as_deref().unwrap_or("")) }, _ => { (lang.tr("mon-not-yet")) } } }
                dt { (lang.tr("mon-keep-until")) } dd { (p.retain_until) }
            }
        }
        (owes_section(session, p, filled))
        (serials_section(lang, p))
        (inspections_section(lang, p))
        (super::incidents::delivery_section(session, p, what, filled))
        (super::transfers::consents_section(session, p, what, filled))
        @if may_record(session) {
            h2 { (lang.tr("mon-record")) }
            (super::records::confirm_form(session, p, filled))
            (super::records::serial_import_form(session, p, filled))
            (super::inspection::record_form(session, p, filled))
            (super::records::plan_form(session, p, filled))
            (super::incidents::record_form(session, p, filled))
            (super::transfers::transfer_form(session, p, filled))
            (super::records::disposal_form(session, p, filled))
        }
    };
    Ok(page(
        &lang.tr("mon-delivery-title"),
        Some(session),
        Nav::Monitoring,
        body,
    ))
}

fn badge_words(lang: Lang, decision: &str) -> Markup {
    match decision.parse::<crate::Decision>() {
        Ok(d) => html! { span class={ "badge badge-" (d.as_str()) } { (lang.decision(d)) } },
        Err(_) => badge(decision),
    }
}

fn owes_section(session: &Session, p: &DeliveryPage, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let d = &p.delivery;
    let delivered_on = d.delivered_on.to_string();
    html! {
        h2 { (lang.tr("mon-what-it-owes")) }
        @if p.owes.is_empty() { p.notice { (lang.tr("mon-nothing-open")) } } @else {
            ul #owes { @for o in &p.owes { li {
                (state_badge(lang, "mon-state", o.state.as_str())) " "
                (obligation_label(lang, &o.obligation.kind, &d.description, &delivered_on)) " · "
                (lang.tr_args("mon-due-on", &[("date", o.obligation.due_on.to_string().into())]))
                @if may_record(session) { (super::records::waiver_form(session, &o.obligation.id, filled)) }
            } } }
        }
    }
}

/// Serial tables longer than this start folded.
const FOLD_SERIALS: usize = 20;

fn serials_section(lang: Lang, p: &DeliveryPage) -> Markup {
    html! {
        h2 { (lang.tr("mon-serials")) " (" (p.serials.len()) ")" }
        @if p.serials.is_empty() { p.muted { (lang.tr("mon-no-serials")) } } @else {
            // A long list is folded: the page stays short for deliveries of hundreds of serials.
            details #serials-table open[p.serials.len() <= FOLD_SERIALS] { summary { (lang.tr("mon-serial-table")) }
            div.table-wrap { table #serials {
                thead { tr { th scope="col" { (lang.tr("mon-serial")) } th scope="col" { (lang.tr("mon-model")) }
                    th scope="col" { (lang.tr("mon-status")) } th scope="col" { (lang.tr("mon-last-seen")) } th scope="col" { (lang.tr("mon-where")) } } }
                tbody { @for s in &p.serials { tr {
                    td { code { (s.serial_number) } } td { (s.model.as_deref().unwrap_or("")) }
                    td { (state_badge(lang, "mon-serial-status", &s.status)) }
                    td.nowrap { @if let Some(on) = s.last_seen_on { (on) } @else { (lang.tr("mon-never")) } }
                    td { (s.last_seen_location.as_deref().unwrap_or("")) }
                } } }
            } } }
        }
    }
}

fn inspections_section(lang: Lang, p: &DeliveryPage) -> Markup {
    html! {
        h2 { (lang.tr("mon-inspections")) }
        @if p.inspections.is_empty() { p.muted { (lang.tr("mon-none-yet")) } }
        ul #inspections { @for i in &p.inspections { li {
            (lang.tr(&format!("mon-inspection-kind-{}", i.kind))) " · "
            @if let Some(on) = i.done_on { (lang.tr_args("mon-done-on", &[("date", on.to_string().into())])) }
            @else if let Some(on) = i.planned_on { (lang.tr_args("mon-planned-on", &[("date", on.to_string().into())])) }
            @if let Some(by) = &i.inspector { " · " (by) }
        } } }
    }
}

pub async fn show(
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    done: web::Query<DoneQuery>,
) -> WebResult {
    // Only the known confirmations are shown (the word comes from the messages, never from the address).
    let done = done.into_inner().done.filter(|d| FORMS.contains(&d.as_str()));
    let markup = delivery_page(&session, &state, path.into_inner(), None, done.as_deref()).await?;
    Ok(html(markup))
}

/// The forms of the delivery page (each has a confirmation message `mon-done-<form>`).
pub const FORMS: [&str; 11] = [
    "delivery",
    "confirm",
    "serials",
    "inspection",
    "plan",
    "incident",
    "report",
    "transfer",
    "answer",
    "disposal",
    "waiver",
];

/// Finishes a delivery-page form: back to the page with a confirmation, or the page with the form refused.
pub async fn finish<T: Send + 'static>(
    session: &Session,
    state: &web::Data<AppState>,
    request_id: Option<String>,
    delivery: String,
    form: &'static str,
    fields: Fields,
    op: impl FnOnce(&mut crate::db::DbConnection, &Who, &crate::monitoring::MonitoringPolicy) -> Result<T, MonitoringError>
        + Send
        + 'static,
) -> WebResult {
    let filled = if fields.ok() {
        match change(session, state, request_id, form, &fields, op).await? {
            Ok(_) => return Ok(see_other(&format!("/deliveries/{delivery}?done={form}#saved"))),
            Err(filled) => filled,
        }
    } else {
        Filled::invalid(form, &fields)
    };
    let markup = delivery_page(session, state, delivery, Some(&filled), None).await?;
    refused_page(&filled, markup)
}

/// The `(value, words)` options of an enum's names.
pub fn options<T: Named>(lang: Lang, prefix: &str, values: &[T]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|v| (v.name(), lang.tr(&format!("{prefix}-{}", v.name()))))
        .collect()
}

/// Whether a form should open: it was refused.
pub fn open(view: &FormView) -> bool {
    view.refused()
}
