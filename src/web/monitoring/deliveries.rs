//! Deliveries: the list (filters, pages) and recording a delivery of an approved item (only approved items that
//! are not prohibited are offered), with its certificate and, when known, its serial numbers.

use super::fields::{Fields, Filled, FormView};
use super::{change, offset_of, pager, read, refused_page, subnav, PAGE};
use crate::api::error::ApiError;
use crate::api::request_meta::RequestMeta;
use crate::api::AppState;
use crate::db::monitoring::records::{self as store, Paging};
use crate::service::monitoring::context;
use crate::service::monitoring::deliveries::{self, DeliveryRequest, SerialInput};
use crate::service::monitoring::reports;
use crate::web::form::TextForm;
use crate::web::layout::{csrf_field, page, Nav};
use crate::web::session::Session;
use crate::web::{html, see_other, WebResult};
use actix_web::{web, HttpRequest};
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    project: Option<String>,
    q: Option<String>,
    /// `yes` or `no`.
    confirmed: Option<String>,
    offset: Option<i64>,
    /// The item to preselect in the form.
    item: Option<i64>,
}

const NAMES: [&str; 8] = [
    "item_id",
    "quantity",
    "delivered_on",
    "receiving_unit",
    "location",
    "country",
    "certificate_id",
    "serials",
];

async fn list_page(
    session: &Session,
    state: &web::Data<AppState>,
    params: ListQuery,
    filled: Option<&Filled>,
) -> Result<Markup, ApiError> {
    let lang = session.lang;
    let project = params.project.clone().filter(|p| !p.is_empty());
    let q = params.q.clone().filter(|q| !q.trim().is_empty());
    let confirmed = match params.confirmed.as_deref() {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    };
    let offset = offset_of(params.offset);
    let recorder = super::may_record(session);
    let (project2, q2) = (project.clone(), q.clone());
    let ((rows, total), items, certificates, today) = read(session, state, move |conn, who, _| {
        let scope = reports::scope(who, project2.clone());
        let paging = Paging {
            q: q2,
            limit: PAGE,
            offset,
            newest_first: true,
        };
        let page = store::deliveries_page(conn, &scope, confirmed, &paging)?;
        let (items, certificates) = if recorder {
            (
                context::deliverable_items(conn, who, project2)?,
                store::certificates(conn, &scope)?,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        Ok((page, items, certificates, who.today))
    })
    .await?;
    let projects = crate::web::upload::visible_projects(state, &session.who).await?;
    let (project, q, conf) = (
        project.unwrap_or_default(),
        q.unwrap_or_default(),
        params.confirmed.unwrap_or_default(),
    );
    let view = FormView::new(lang, "delivery", filled, &NAMES);
    let item_options: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            let decision = i
                .decision
                .parse::<crate::Decision>()
                .map(|d| lang.decision(d))
                .unwrap_or_default();
            let ordered = i.quantity.map(|q| format!(" · {q}")).unwrap_or_default();
            (
                i.id.to_string(),
                format!(
                    "{} — {decision}{ordered} · {} · {}",
                    i.description, i.project_id, i.file_name
                ),
            )
        })
        .collect();
    let mut certificate_options = vec![(String::new(), lang.tr("mon-no-certificate"))];
    certificate_options.extend(certificates.iter().map(|c| {
        (
            c.id.clone(),
            format!("{} · {} ({})", c.reference, c.end_user, c.project_id),
        )
    }));
    let preselected = params.item.map(|i| i.to_string()).unwrap_or_default();
    let today = today.to_string();
    Ok(page(
        &lang.tr("mon-deliveries"),
        Some(session),
        Nav::Monitoring,
        html! {
            (subnav(lang, "/monitoring/deliveries"))
            form.filters method="get" action="/monitoring/deliveries" {
                (super::project_select(lang, "d-project", &projects, &project))
                div { label for="d-confirmed" { (lang.tr("mon-confirmed")) } select #d-confirmed name="confirmed" {
                    option value="" { (lang.tr("mon-all")) }
                    option value="yes" selected[conf == "yes"] { (lang.tr("mon-confirmed")) }
                    option value="no" selected[conf == "no"] { (lang.tr("mon-not-confirmed")) } } }
                div.grow { label for="d-q" { (lang.tr("mon-search-items")) } input #d-q type="search" name="q" value=(q); }
                button type="submit" { (lang.tr("mon-show")) }
            }
            p.muted role="status" { (lang.tr_args("mon-count-found", &[("count", total.into())])) }
            @if !rows.is_empty() {
                div.table-wrap { table #delivery-list {
                    thead { tr { th scope="col" { (lang.tr("mon-delivered-on")) } th scope="col" { (lang.tr("mon-item")) }
                        th scope="col" { (lang.tr("mon-quantity")) } th scope="col" { (lang.tr("mon-receiving-unit")) }
                        th scope="col" { (lang.tr("mon-confirmed")) } th scope="col" { (lang.tr("mon-project")) } } }
                    tbody { @for d in &rows { tr {
                        td.nowrap { (d.delivered_on) }
                        td { a href={ "/deliveries/" (d.id) } { (d.description) } }
                        td.num { (d.quantity) }
                        td { (d.receiving_unit) ", " (d.location) }
                        td { @if let Some(on) = d.confirmed_on { (on) } @else { strong { (lang.tr("mon-not-yet")) } } }
                        td { (d.project_id) }
                    } } }
                } }
            }
            (pager(lang, "/monitoring/deliveries", &[("project", &project), ("q", &q), ("confirmed", &conf)], offset, total))
            @if recorder {
                details #delivery-details open[view.refused() || !preselected.is_empty()] {
                    summary { (lang.tr("mon-record-delivery")) }
                    @if item_options.is_empty() { p.notice { (lang.tr("mon-no-deliverable-items")) } } @else {
                        form.card #record-delivery method="post" action="/monitoring/deliveries" {
                            (view.summary())
                            (csrf_field(session))
                            (view.select("item_id", "mon-approved-item", &item_options, &preselected))
                            (view.input("quantity", "mon-quantity", "number", true, "", None))
                            (view.input("delivered_on", "mon-delivered-on", "date", true, &today, Some(&today)))
                            (view.input("receiving_unit", "mon-receiving-unit", "text", true, "", None))
                            (view.input("location", "mon-location", "text", true, "", None))
                            (view.input("country", "mon-country-optional", "text", false, "", None))
                            (view.select("certificate_id", "mon-certificate", &certificate_options, ""))
                            (view.textarea("serials", "mon-serials-now", false, 3))
                            p.hint { (lang.tr("mon-serials-now-hint")) }
                            button.primary type="submit" { (lang.tr("mon-record-delivery")) }
                        }
                    }
                }
            }
        },
    ))
}

pub async fn list(session: Session, state: web::Data<AppState>, params: web::Query<ListQuery>) -> WebResult {
    Ok(html(list_page(&session, &state, params.into_inner(), None).await?))
}

pub async fn create(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    form: TextForm<Vec<(String, String)>>,
) -> WebResult {
    let mut f = Fields::new(form.into_inner(), session.lang);
    session.check_form(&req, &f.csrf())?;
    let item_id = f.text("item_id").parse::<i64>().ok();
    if item_id.is_none() {
        let message = session.lang.tr("mon-error-choose");
        f.fail("item_id", message);
    }
    let quantity = f.count("quantity");
    let delivered_on = f.date("delivered_on");
    let (receiving_unit, location) = (f.text("receiving_unit"), f.text("location"));
    let serials: Vec<SerialInput> = f
        .get("serials")
        .unwrap_or_default()
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| SerialInput {
            serial_number: s.to_string(),
            model: None,
            custodian: None,
        })
        .collect();
    let request = match (item_id, quantity, delivered_on) {
        (Some(item_id), Some(quantity), Some(delivered_on)) if f.ok() => Some(DeliveryRequest {
            item_id,
            quantity,
            delivered_on,
            receiving_unit,
            location,
            country: f.get("country"),
            certificate_id: f.get("certificate_id"),
            serials,
        }),
        _ => None,
    };
    let filled = match request {
        Some(request) => match change(&session, &state, meta.request_id, "delivery", &f, move |c, w, p| {
            deliveries::record_delivery(c, w, p, request)
        })
        .await?
        {
            Ok(delivery) => return Ok(see_other(&format!("/deliveries/{}?done=delivery#saved", delivery.id))),
            Err(filled) => filled,
        },
        None => Filled::invalid("delivery", &f),
    };
    let markup = list_page(&session, &state, ListQuery::default(), Some(&filled)).await?;
    refused_page(&filled, markup)
}
