//! What monitoring staff read: obligations with their state on a day and a summary by state and country, a
//! delivery with what it still owes and where its serials were last seen, reconciliation, the calendar feed.

use super::deliveries::visible_delivery;
use super::{Outcome, Who};
use crate::db::monitoring::obligations::{self as obligation_store, ObligationFilter};
use crate::db::monitoring::records::{self, Scope};
use crate::db::monitoring::{events, Delivery, Inspection, Obligation, Serial};
use crate::db::{items, DbConnection};
use crate::monitoring::ical::{self, CalendarEvent};
use crate::monitoring::obligations::retain_until;
use crate::monitoring::{
    reconcile, MonitoringPolicy, Named, ObligationState, Reconciliation, SerialStatus, SightingResult,
};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// An obligation with its state on the report's day.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ObligationView {
    #[serde(flatten)]
    pub obligation: Obligation,
    pub state: ObligationState,
    /// Days past the due date (overdue ones), else 0.
    pub days_overdue: i64,
}

impl ObligationView {
    pub fn new(obligation: Obligation, as_of: NaiveDate, policy: &MonitoringPolicy) -> ObligationView {
        let state = crate::monitoring::state(
            obligation.due_on,
            obligation.fulfilled_on,
            obligation.waived_on,
            as_of,
            policy.due_soon_days,
        );
        let days_overdue = if state == ObligationState::Overdue {
            (as_of - obligation.due_on).num_days()
        } else {
            0
        };
        ObligationView {
            obligation,
            state,
            days_overdue,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ObligationQuery {
    pub project: Option<String>,
    pub states: Vec<ObligationState>,
    pub due_before: Option<NaiveDate>,
    pub country: Option<String>,
    pub profile: Option<String>,
    pub kind: Option<String>,
    pub delivery: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ObligationReport {
    pub as_of: NaiveDate,
    /// Counts by state, over every obligation the other filters select.
    pub by_state: BTreeMap<String, usize>,
    /// Counts by partner country and state (`unknown` when the delivery has none).
    pub by_country: BTreeMap<String, BTreeMap<String, usize>>,
    pub obligations: Vec<ObligationView>,
}

/// Obligations on `as_of` (those opened by then), filtered; the summary ignores the state filter.
pub fn obligations(
    conn: &mut DbConnection,
    who: &Who,
    policy: &MonitoringPolicy,
    query: &ObligationQuery,
    as_of: NaiveDate,
) -> Outcome<ObligationReport> {
    let filter = ObligationFilter {
        scope: Scope {
            projects: who.projects.clone(),
            project: query.project.clone(),
        },
        delivery: query.delivery.clone(),
        country: query.country.clone(),
        profile: query.profile.clone(),
        kind: query.kind.clone(),
        due_before: query.due_before,
        open_on: None,
    };
    let mut report = ObligationReport {
        as_of,
        by_state: BTreeMap::new(),
        by_country: BTreeMap::new(),
        obligations: Vec::new(),
    };
    for state in ObligationState::ALL {
        report.by_state.insert(state.as_str().to_string(), 0);
    }
    for row in obligation_store::list(conn, &filter)?
        .into_iter()
        .filter(|o| o.opened_on <= as_of)
    {
        let view = ObligationView::new(row, as_of, policy);
        let state = view.state.as_str().to_string();
        *report.by_state.entry(state.clone()).or_default() += 1;
        let country = view.obligation.country.clone().unwrap_or_else(|| "unknown".into());
        *report.by_country.entry(country).or_default().entry(state).or_default() += 1;
        if query.states.is_empty() || query.states.contains(&view.state) {
            report.obligations.push(view);
        }
    }
    Ok(report)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeliveryPage {
    pub as_of: NaiveDate,
    pub delivery: Delivery,
    /// Units of the item ordered (if the sheet said), delivered by every delivery so far, and still to come.
    pub ordered: Option<f64>,
    pub delivered_total: i64,
    pub remaining: Option<f64>,
    pub serials: Vec<Serial>,
    /// Open obligations on `as_of`: what the delivery still owes.
    pub owes: Vec<ObligationView>,
    pub obligations: Vec<ObligationView>,
    pub inspections: Vec<Inspection>,
    pub reconciliation: Reconciliation,
    /// Keep the records at least until this day (policy `retention_years` after the last obligation ends).
    pub retain_until: NaiveDate,
}

pub fn delivery_page(
    conn: &mut DbConnection,
    who: &Who,
    policy: &MonitoringPolicy,
    id: &str,
    as_of: NaiveDate,
) -> Outcome<DeliveryPage> {
    let delivery = visible_delivery(conn, who, id)?;
    let ordered = items::get(conn, delivery.item_id)?.and_then(|(item, _)| item.quantity);
    let delivered_total = records::delivered_quantity(conn, delivery.item_id)?;
    let serials = records::serials_of_delivery(conn, &delivery.id)?;
    let filter = ObligationFilter {
        delivery: Some(delivery.id.clone()),
        ..ObligationFilter::default()
    };
    let obligations: Vec<ObligationView> = obligation_store::list(conn, &filter)?
        .into_iter()
        .map(|o| ObligationView::new(o, as_of, policy))
        .collect();
    let owes = obligations.iter().filter(|o| o.state.is_open()).cloned().collect();
    let last_end = obligations
        .iter()
        .map(|o| {
            o.obligation
                .fulfilled_on
                .or(o.obligation.waived_on)
                .unwrap_or(o.obligation.due_on)
        })
        .max()
        .unwrap_or(delivery.delivered_on);
    let reconciliation = reconcile_delivery(conn, &delivery, &serials)?;
    let inspections = events::inspections(conn, &Scope::default(), Some(&delivery.id))?;
    Ok(DeliveryPage {
        as_of,
        ordered,
        delivered_total,
        remaining: ordered.map(|o| o - delivered_total as f64),
        serials,
        owes,
        obligations,
        inspections,
        reconciliation,
        retain_until: retain_until(last_end, policy.retention_years),
        delivery,
    })
}

fn reconcile_delivery(conn: &mut DbConnection, delivery: &Delivery, serials: &[Serial]) -> Outcome<Reconciliation> {
    let by_id: HashMap<&str, &str> = serials
        .iter()
        .map(|s| (s.id.as_str(), s.serial_number.as_str()))
        .collect();
    let pairs: Vec<(String, SerialStatus)> = serials
        .iter()
        .map(|s| {
            (
                s.serial_number.clone(),
                SerialStatus::from_name(&s.status).unwrap_or(SerialStatus::InService),
            )
        })
        .collect();
    let last = events::last_done(conn, &delivery.id)?;
    let mut results = HashMap::new();
    if let Some(inspection) = &last {
        for row in events::results_of(conn, &inspection.id)? {
            if let (Some(number), Some(result)) = (
                by_id.get(row.serial_id.as_str()),
                SightingResult::from_name(&row.result),
            ) {
                results.insert(number.to_string(), result);
            }
        }
    }
    let last = last.as_ref().and_then(|i| i.done_on).map(|day| (day, &results));
    Ok(reconcile(delivery.quantity, &pairs, last))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeliveryReconciliation {
    pub delivery_id: String,
    pub description: String,
    pub delivered_on: NaiveDate,
    pub reconciliation: Reconciliation,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectReconciliation {
    pub project: String,
    pub total: Reconciliation,
    pub deliveries: Vec<DeliveryReconciliation>,
}

pub fn project_reconciliation(conn: &mut DbConnection, who: &Who, project: &str) -> Outcome<ProjectReconciliation> {
    who.check(project, "project")?;
    let scope = Scope {
        projects: None,
        project: Some(project.to_string()),
    };
    let mut out = ProjectReconciliation {
        project: project.to_string(),
        total: Reconciliation::default(),
        deliveries: Vec::new(),
    };
    for delivery in records::deliveries(conn, &scope)? {
        let serials = records::serials_of_delivery(conn, &delivery.id)?;
        let reconciliation = reconcile_delivery(conn, &delivery, &serials)?;
        out.total.add(&reconciliation);
        out.deliveries.push(DeliveryReconciliation {
            delivery_id: delivery.id,
            description: delivery.description,
            delivered_on: delivery.delivered_on,
            reconciliation,
        });
    }
    Ok(out)
}

/// iCalendar of a project's planned inspections not yet done and its open inventory obligations.
pub fn calendar(conn: &mut DbConnection, who: &Who, project: &str) -> Outcome<String> {
    who.check(project, "project")?;
    project_calendar(conn, project)
}

/// The feed of one project, for a caller already known to see it (or holding its secret feed URL).
pub fn project_calendar(conn: &mut DbConnection, project: &str) -> Outcome<String> {
    let scope = Scope {
        projects: None,
        project: Some(project.to_string()),
    };
    let deliveries: HashMap<String, Delivery> = records::deliveries(conn, &scope)?
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let mut events = Vec::new();
    for inspection in events::inspections(conn, &scope, None)? {
        let (Some(day), None) = (inspection.planned_on, inspection.done_on) else {
            continue;
        };
        let delivery = deliveries.get(&inspection.delivery_id);
        events.push(CalendarEvent {
            uid: format!("inspection-{}@equipcheck", inspection.id),
            day,
            summary: format!(
                "{} inspection: {}",
                inspection.kind,
                delivery.map(|d| d.description.as_str()).unwrap_or("")
            ),
            description: format!(
                "Project {project}, delivery {}, method {}, inspector {}",
                inspection.delivery_id,
                inspection.method,
                inspection.inspector.as_deref().unwrap_or("not named")
            ),
            location: delivery.map(|d| d.location.clone()),
        });
    }
    let filter = ObligationFilter {
        scope,
        open_on: Some(NaiveDate::MAX),
        ..ObligationFilter::default()
    };
    for obligation in obligation_store::list(conn, &filter)? {
        let kind = crate::monitoring::ObligationKind::from_name(&obligation.kind);
        if !kind.is_some_and(|k| k.is_inventory()) {
            continue;
        }
        let delivery = deliveries.get(&obligation.delivery_id);
        events.push(CalendarEvent {
            uid: format!("obligation-{}@equipcheck", obligation.id),
            day: obligation.due_on,
            summary: format!(
                "Inventory due ({}): {}",
                obligation.kind.replace('_', " "),
                delivery.map(|d| d.description.as_str()).unwrap_or("")
            ),
            description: format!(
                "Project {project}, delivery {}, profile {}",
                obligation.delivery_id, obligation.profile
            ),
            location: delivery.map(|d| d.location.clone()),
        });
    }
    events.sort_by(|a, b| (a.day, &a.uid).cmp(&(b.day, &b.uid)));
    Ok(ical::calendar(
        &format!("equipcheck inspections: {project}"),
        &events,
        crate::db::now(),
    ))
}

/// A project's serials with their status and where each was last seen.
pub fn serials(
    conn: &mut DbConnection,
    who: &Who,
    project: Option<String>,
    status: Option<&str>,
) -> Outcome<Vec<Serial>> {
    let scope = Scope {
        projects: who.projects.clone(),
        project,
    };
    Ok(records::serials(conn, &scope, status)?)
}

/// The scope of a listing: the caller's projects, narrowed to one.
pub fn scope(who: &Who, project: Option<String>) -> Scope {
    Scope {
        projects: who.projects.clone(),
        project,
    }
}
