//! The obligations dashboard: due and overdue by project and country, a chart over time, and the open
//! obligations named by what they are and which delivery they belong to.

use super::{obligation_label, read, state_badge, subnav};
use crate::api::AppState;
use crate::db::monitoring::records::{self as store, Scope};
use crate::i18n::Lang;
use crate::monitoring::ObligationState;
use crate::service::monitoring::reports::{self, ObligationQuery, ObligationView};
use crate::web::layout::{page, query, Nav};
use crate::web::session::Session;
use crate::web::{html, WebResult};
use actix_web::web;
use chrono::{Datelike, Months, NaiveDate};
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
pub struct DashboardQuery {
    project: Option<String>,
    country: Option<String>,
}

const KINDS: [&str; 4] = ["overdue", "due_soon", "upcoming", "fulfilled"];

/// Obligations due per month, six months back and six ahead, split by state (server-rendered SVG).
fn chart(lang: Lang, views: &[ObligationView], today: NaiveDate) -> Markup {
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today) - Months::new(6);
    let months: Vec<NaiveDate> = (0..13).map(|m| first + Months::new(m)).collect();
    let counts: Vec<[usize; 4]> = months
        .iter()
        .map(|start| {
            let end = *start + Months::new(1);
            let mut c = [0; 4];
            for v in views
                .iter()
                .filter(|v| v.obligation.due_on >= *start && v.obligation.due_on < end)
            {
                if let Some(i) = KINDS.iter().position(|k| *k == v.state.as_str()) {
                    c[i] += 1;
                }
            }
            c
        })
        .collect();
    let max = counts.iter().map(|c| c.iter().sum::<usize>()).max().unwrap_or(0).max(1);
    let (width, height, bar) = (13 * 40, 160usize, 28);
    // (x, y, height, state, count, month) of every segment, stacked from the bottom.
    let mut rects = Vec::new();
    for (i, (month, c)) in months.iter().zip(&counts).enumerate() {
        let mut top = height;
        for (k, n) in KINDS.iter().zip(c).filter(|(_, n)| **n > 0) {
            let h = (n * height / max).max(1);
            top = top.saturating_sub(h);
            rects.push((i * 40 + 6, top, h, *k, *n, month.format("%Y-%m").to_string()));
        }
    }
    let state = |k: &str| lang.tr(&format!("mon-state-{k}"));
    html! {
        figure.chart {
            svg viewBox={ "0 0 " (width) " " (height + 30) } role="img" aria-label=(lang.tr("mon-chart-label")) {
                @for (x, y, h, k, n, label) in &rects {
                    rect class={ "fill-" (k) } x=(x) y=(y) width=(bar) height=(h) {
                        title { (label) ": " (n) " " (state(k)) }
                    }
                }
                @for (i, month) in months.iter().enumerate() {
                    text x=(i * 40 + 6 + bar / 2) y=(height + 18) text-anchor="middle"
                        class=[(*month == months[6]).then_some("now")] { (month.format("%m/%y")) }
                }
            }
            figcaption { (lang.tr("mon-chart-caption")) " " @for k in KINDS { span class={ "key fill-" (k) } {} " " (state(k)) " " } }
        }
    }
}

pub async fn dashboard(session: Session, state: web::Data<AppState>, params: web::Query<DashboardQuery>) -> WebResult {
    let lang = session.lang;
    let params = params.into_inner();
    let filter = ObligationQuery {
        project: params.project.clone().filter(|p| !p.is_empty()),
        country: params.country.clone().filter(|c| !c.is_empty()),
        ..ObligationQuery::default()
    };
    let (report, deliveries) = read(&session, &state, move |conn, who, policy| {
        let report = reports::obligations(conn, who, policy, &filter, who.today)?;
        let scope = Scope {
            projects: who.projects.clone(),
            project: filter.project.clone(),
        };
        // What each obligation's delivery was, to name it.
        let deliveries: HashMap<String, (String, String)> = store::deliveries(conn, &scope)?
            .into_iter()
            .map(|d| (d.id, (d.description, d.delivered_on.to_string())))
            .collect();
        Ok((report, deliveries))
    })
    .await?;
    let projects = crate::web::upload::visible_projects(&state, &session.who).await?;
    let (project, country) = (params.project.unwrap_or_default(), params.country.unwrap_or_default());
    let open: Vec<&ObligationView> = report.obligations.iter().filter(|o| o.state.is_open()).collect();
    let all = lang.tr("mon-all");
    let body = html! {
        (subnav(lang, "/monitoring"))
        p.meta { (lang.tr_args("mon-as-of", &[("date", report.as_of.to_string().into())])) }
        ul.counts #obligation-counts aria-label=(lang.tr("mon-counts-label")) {
            @for s in ObligationState::ALL {
                li { (state_badge(lang, "mon-state", s.as_str())) " " strong.count data-state=(s.as_str()) { (report.by_state.get(s.as_str()).copied().unwrap_or(0)) } }
            }
        }
        form.filters method="get" action="/monitoring" {
            (super::project_select(lang, "m-project", &projects, &project))
            div { label for="m-country" { (lang.tr("mon-country")) } select #m-country name="country" { option value="" { (all) }
                @for c in report.by_country.keys() { option value=(c) selected[country == *c] { (c) } } } }
            button type="submit" { (lang.tr("mon-show")) }
        }
        (chart(lang, &report.obligations, report.as_of))
        h2 { (lang.tr("mon-by-country")) }
        div.table-wrap { table {
            thead { tr { th scope="col" { (lang.tr("mon-country")) } @for s in ObligationState::ALL { th scope="col" { (lang.tr(&format!("mon-state-{}", s.as_str()))) } } } }
            tbody { @for (c, by) in &report.by_country { tr { td { a href={ "/monitoring" (query(&[("country", c)])) } { (c) } }
                @for s in ObligationState::ALL { td.num { (by.get(s.as_str()).copied().unwrap_or(0)) } } } } }
        } }
        h2 { (lang.tr("mon-open-obligations")) }
        @if open.is_empty() { p.notice { (lang.tr("mon-nothing-due")) } } @else {
            div.table-wrap { table #open-obligations {
                thead { tr { th scope="col" { (lang.tr("mon-due")) } th scope="col" { (lang.tr("mon-state")) } th scope="col" { (lang.tr("mon-what")) }
                    th scope="col" { (lang.tr("mon-country")) } } }
                tbody { @for o in open {
                    @let (description, delivered_on) = deliveries.get(&o.obligation.delivery_id).cloned().unwrap_or_default();
                    tr {
                        td.nowrap { (o.obligation.due_on) @if o.days_overdue > 0 { br; span.muted { (lang.tr_args("mon-days-late", &[("days", o.days_overdue.into())])) } } }
                        td { (state_badge(lang, "mon-state", o.state.as_str())) }
                        td { a href={ "/deliveries/" (o.obligation.delivery_id) } {
                            (obligation_label(lang, &o.obligation.kind, &description, &delivered_on)) } }
                        td { (o.obligation.country.as_deref().unwrap_or("")) }
                    }
                } }
            } }
        }
    };
    Ok(html(page(&lang.tr("mon-title"), Some(&session), Nav::Monitoring, body)))
}
