//! Recording an inspection: nothing is preset; serials are scanned or typed into lists by what was found, or
//! ticked in a compact table and given one result together, and "all other serials in service were sighted"
//! is an explicit choice. A lost or stolen serial is never counted as sighted unless it is listed. A date after
//! today is refused next to the field (plan the inspection instead).

use super::delivery::{finish, open, options};
use super::fields::{Fields, Filled, FormView};
use super::{read, state_badge};
use crate::api::request_meta::RequestMeta;
use crate::api::AppState;
use crate::db::monitoring::records as store;
use crate::monitoring::{Named, ObligationKind, SerialStatus, SightingResult};
use crate::service::monitoring::deliveries::visible_delivery;
use crate::service::monitoring::inspections::{self, RecordRequest, SightingInput, INSPECTION_KINDS};
use crate::service::monitoring::reports::DeliveryPage;
use crate::web::form::TextForm;
use crate::web::layout::csrf_field;
use crate::web::session::Session;
use crate::web::WebResult;
use actix_web::{web, HttpRequest};
use maud::{html, Markup};
use std::collections::HashMap;

/// The lists of serials by result, in the order they are read.
const LISTS: [(&str, SightingResult); 4] = [
    ("sighted", SightingResult::Sighted),
    ("not_sighted", SightingResult::NotSighted),
    ("damaged", SightingResult::Damaged),
    ("not_in_service", SightingResult::NotInService),
];

const NAMES: [&str; 11] = [
    "kind",
    "done_on",
    "inspector",
    "findings",
    "sighted",
    "not_sighted",
    "damaged",
    "not_in_service",
    "all_sighted",
    "pick",
    "picked_result",
];

pub fn record_form(session: &Session, p: &DeliveryPage, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let view = FormView::new(lang, "inspection", filled, &NAMES);
    let initial_open = p
        .owes
        .iter()
        .any(|o| o.obligation.kind == ObligationKind::InitialInventory.name());
    let kinds: Vec<(String, String)> = INSPECTION_KINDS
        .iter()
        .map(|k| (k.to_string(), lang.tr(&format!("mon-inspection-kind-{k}"))))
        .collect();
    let mut results = vec![(String::new(), lang.tr("mon-choose"))];
    results.extend(options(lang, "mon-result", &LISTS.map(|(_, r)| r)));
    let today = p.as_of.to_string();
    html! {
        details #inspection-details open[open(&view) || initial_open] {
            summary { (lang.tr("mon-record-inspection")) }
            form.card #record-inspection method="post" action={ "/deliveries/" (p.delivery.id) "/inspections" } {
                (view.summary())
                (csrf_field(session))
                (view.select("kind", "mon-kind", &kinds, if initial_open { "initial" } else { "periodic" }))
                (view.input("done_on", "mon-done-on-label", "date", true, &today, Some(&today)))
                p.hint { (lang.tr("mon-future-hint")) }
                (view.input("inspector", "mon-inspector", "text", true, "", None))
                (view.textarea("findings", "mon-findings", false, 2))
                @if !p.serials.is_empty() {
                    fieldset { legend { (lang.tr("mon-what-was-found")) }
                        p.hint { (lang.tr("mon-scan-hint")) }
                        (view.textarea("sighted", "mon-list-sighted", false, 4))
                        div.split {
                            div { (view.textarea("not_sighted", "mon-list-not_sighted", false, 2)) }
                            div { (view.textarea("damaged", "mon-list-damaged", false, 2)) }
                            div { (view.textarea("not_in_service", "mon-list-not_in_service", false, 2)) }
                        }
                        label { input type="checkbox" name="all_sighted" value="yes" checked[view.checked("all_sighted", "yes")];
                            " " (lang.tr("mon-all-sighted")) }
                    }
                    details #serial-picker {
                        summary { (lang.tr("mon-pick-serials")) }
                        div.table-wrap { table.compact #pick-serials {
                            thead { tr { th scope="col" { (lang.tr("mon-pick")) } th scope="col" { (lang.tr("mon-serial")) }
                                th scope="col" { (lang.tr("mon-status")) } th scope="col" { (lang.tr("mon-last-seen")) } } }
                            tbody { @for (n, s) in p.serials.iter().enumerate() { tr {
                                td { input type="checkbox" id={ "pick-" (n) } name="pick" value=(s.serial_number)
                                    checked[view.checked("pick", &s.serial_number)]; }
                                td { label for={ "pick-" (n) } { code { (s.serial_number) } } }
                                td { (state_badge(lang, "mon-serial-status", &s.status))
                                    @if matches!(SerialStatus::from_name(&s.status), Some(SerialStatus::Lost | SerialStatus::Stolen)) {
                                        " " span.muted { (lang.tr("mon-missing-hint")) } } }
                                td.nowrap { @if let Some(on) = s.last_seen_on { (on) } @else { (lang.tr("mon-never")) } }
                            } } }
                        } }
                        (view.select("picked_result", "mon-picked-result", &results, ""))
                    }
                }
                button.primary type="submit" { (lang.tr("mon-record-inspection")) }
            }
        }
    }
}

/// Serial numbers typed or scanned: one per line, or separated by commas, semicolons or spaces.
fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Each serial's result from the lists, the ticked serials and "all others sighted"; reasons go to the fields.
fn sightings(f: &mut Fields, serials: &[(String, String)]) -> Vec<SightingInput> {
    let mut found: HashMap<String, SightingResult> = HashMap::new();
    let mut order = Vec::new();
    let mut lists: Vec<(&str, SightingResult, Vec<String>)> = LISTS
        .iter()
        .map(|(name, result)| (*name, *result, numbers(&f.get(name).unwrap_or_default())))
        .collect();
    let picked = f.all("pick");
    if !picked.is_empty() {
        match f.get("picked_result").and_then(|r| SightingResult::from_name(&r)) {
            Some(result) => lists.push(("picked_result", result, picked)),
            None => {
                let message = f_msg(f, "mon-error-picked-result", "");
                f.fail("picked_result", message);
            }
        }
    }
    for (field, result, list) in lists {
        for number in list {
            if !serials.iter().any(|(n, _)| *n == number) {
                let message = f_msg(f, "mon-error-serial-unknown", &number);
                f.fail(field, message);
            } else if found.insert(number.clone(), result).is_some() {
                let message = f_msg(f, "mon-error-serial-twice", &number);
                f.fail(field, message);
            } else {
                order.push(number);
            }
        }
    }
    if f.get("all_sighted").is_some() {
        for (number, status) in serials {
            if status == &SerialStatus::InService.name() && !found.contains_key(number) {
                found.insert(number.clone(), SightingResult::Sighted);
                order.push(number.clone());
            }
        }
    }
    order
        .into_iter()
        .filter_map(|n| {
            found.get(&n).map(|r| SightingInput {
                serial_number: n.clone(),
                result: *r,
                note: None,
            })
        })
        .collect()
}

fn f_msg(f: &Fields, key: &str, serial: &str) -> String {
    f.lang().tr_args(key, &[("serial", serial.to_string().into())])
}

pub async fn record(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: TextForm<Vec<(String, String)>>,
) -> WebResult {
    let id = path.into_inner();
    let mut f = Fields::new(form.into_inner(), session.lang);
    session.check_form(&req, &f.csrf())?;
    let delivery = id.clone();
    let (serials, today) = read(&session, &state, move |conn, who, _| {
        visible_delivery(conn, who, &delivery)?;
        let serials = store::serials_of_delivery(conn, &delivery)?
            .into_iter()
            .map(|s| (s.serial_number, s.status))
            .collect::<Vec<_>>();
        Ok((serials, who.today))
    })
    .await?;
    let kind = f.text("kind");
    let done_on = f.date("done_on");
    if let Some(day) = done_on.filter(|d| *d > today) {
        let message = session.lang.tr_args(
            "mon-error-future-date",
            &[("date", day.to_string().into()), ("today", today.to_string().into())],
        );
        f.fail("done_on", message);
    }
    let inspector = f.text("inspector");
    let results = sightings(&mut f, &serials);
    let request = done_on.map(|done_on| RecordRequest {
        delivery_id: Some(id.clone()),
        kind: Some(kind),
        method: None,
        done_on,
        inspector,
        findings: f.get("findings"),
        evidence: Vec::new(),
        results,
    });
    finish(
        &session,
        &state,
        meta.request_id,
        id,
        "inspection",
        f,
        move |c, w, p| match request {
            Some(request) => inspections::record(c, w, p, None, request),
            None => crate::service::monitoring::invalid("done_on", "is required"),
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        Fields::new(
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            Lang::En,
        )
    }

    fn serials() -> Vec<(String, String)> {
        vec![
            ("NV-1".into(), "in_service".into()),
            ("NV-2".into(), "in_service".into()),
            ("NV-3".into(), "stolen".into()),
        ]
    }

    #[test]
    fn all_sighted_covers_serials_in_service_only_and_lists_win() {
        let mut f = form(&[("not_sighted", "NV-2"), ("all_sighted", "yes")]);
        let results = sightings(&mut f, &serials());
        assert!(f.ok(), "{:?}", f.errors);
        let of = |n: &str| results.iter().find(|r| r.serial_number == n).map(|r| r.result);
        assert_eq!(of("NV-1"), Some(SightingResult::Sighted));
        assert_eq!(of("NV-2"), Some(SightingResult::NotSighted));
        assert_eq!(of("NV-3"), None, "a stolen serial is never sighted silently");
    }

    #[test]
    fn nothing_is_preset_and_mistakes_name_their_field() {
        let mut f = form(&[]);
        assert!(sightings(&mut f, &serials()).is_empty());
        let mut f = form(&[("sighted", "NV-1\nNV-9, NV-1"), ("pick", "NV-2")]);
        sightings(&mut f, &serials());
        let fields: Vec<&str> = f.errors.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(fields, ["picked_result", "sighted", "sighted"], "{:?}", f.errors);
        assert!(f.errors[1].1.contains("NV-9"));
    }
}
