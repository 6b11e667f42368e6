//! Transfer consents: a request to pass serials of the delivery to another holder, and the answer to it.

use super::delivery::{finish, open};
use super::fields::{Fields, Filled, FormView};
use super::state_badge;
use crate::api::request_meta::RequestMeta;
use crate::api::AppState;
use crate::monitoring::{Named, SerialStatus};
use crate::service::monitoring::context::DeliveredWhat;
use crate::service::monitoring::events::{self as events, DecisionRequest, TransferRequest};
use crate::service::monitoring::reports::DeliveryPage;
use crate::web::form::TextForm;
use crate::web::layout::csrf_field;
use crate::web::session::Session;
use crate::web::WebResult;
use actix_web::{web, HttpRequest};
use maud::{html, Markup};

pub fn transfer_form(session: &Session, p: &DeliveryPage, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let names = ["serial_numbers", "transferee", "reason", "requested_on"];
    let view = FormView::new(lang, "transfer", filled, &names);
    let today = p.as_of.to_string();
    let held: Vec<&str> = p
        .serials
        .iter()
        .filter(|s| SerialStatus::from_name(&s.status).is_some_and(SerialStatus::held))
        .map(|s| s.serial_number.as_str())
        .collect();
    html! {
        @if !held.is_empty() {
            details #transfer-details open[open(&view)] {
                summary { (lang.tr("mon-request-transfer")) }
                form.card #request-transfer method="post" action={ "/deliveries/" (p.delivery.id) "/transfers" } {
                    (view.summary())
                    (csrf_field(session))
                    (view.textarea("serial_numbers", "mon-transfer-serials", true, 2))
                    p.hint { (lang.tr("mon-held-serials")) " " @for n in held.iter().take(20) { code { (n) } " " } }
                    (view.input("transferee", "mon-transferee", "text", true, "", None))
                    (view.textarea("reason", "mon-reason", true, 2))
                    (view.input("requested_on", "mon-requested-on", "date", true, &today, Some(&today)))
                    button.primary type="submit" { (lang.tr("mon-request-transfer")) }
                }
            }
        }
    }
}

/// The delivery's transfer requests, each pending one with the form that records the answer.
pub fn consents_section(session: &Session, p: &DeliveryPage, what: &DeliveredWhat, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    html! {
        @if !what.consents.is_empty() {
            h2 { (lang.tr("mon-transfers")) }
            ul #transfers { @for c in &what.consents {
                @let serials: Vec<String> = serde_json::from_str(&c.serial_numbers).unwrap_or_default();
                li {
                    (state_badge(lang, "mon-consent", &c.decision)) " " (c.requested_on) " · "
                    (lang.tr_args("mon-transfer-to", &[("to", c.transferee.clone().into()), ("count", serials.len().into())]))
                    " · " (serials.join(", ")) " · " (c.reason)
                    @if let Some(note) = &c.decision_note { " · " em { (note) } }
                    @if c.decision == "pending" && super::may_record(session) {
                        (answer_form(session, &p.delivery.id, &c.id, &p.as_of.to_string(), filled))
                    }
                }
            } }
        }
    }
}

fn answer_form(session: &Session, delivery: &str, consent: &str, today: &str, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let names = ["granted", "decided_on", "note"];
    let view = FormView::new(lang, "answer", filled, &names).for_target(consent);
    let answers = [
        ("yes".to_string(), lang.tr("mon-consent-granted")),
        ("no".to_string(), lang.tr("mon-consent-refused")),
    ];
    html! {
        details.answer open[open(&view)] {
            summary { (lang.tr("mon-record-answer")) }
            form.card method="post" action={ "/deliveries/" (delivery) "/transfers/" (consent) "/answer" } {
                (view.summary())
                (csrf_field(session))
                input type="hidden" name="target" value=(consent);
                (view.select("granted", "mon-answer", &answers, "no"))
                (view.input("decided_on", "mon-decided-on", "date", true, today, Some(today)))
                (view.textarea("note", "mon-answer-note", true, 2))
                button.primary type="submit" { (lang.tr("mon-record-answer")) }
            }
        }
    }
}

pub async fn request(
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
    let serial_numbers: Vec<String> = f
        .text("serial_numbers")
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let (transferee, reason) = (f.text("transferee"), f.text("reason"));
    let requested_on = f.date("requested_on");
    let delivery = id.clone();
    finish(&session, &state, meta.request_id, id, "transfer", f, move |c, w, p| {
        let Some(requested_on) = requested_on else {
            return crate::service::monitoring::invalid("requested_on", "is required");
        };
        let request = TransferRequest {
            delivery_id: delivery,
            serial_numbers,
            transferee,
            reason,
            requested_on,
        };
        events::request_transfer(c, w, p, request)
    })
    .await
}

pub async fn answer(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: TextForm<Vec<(String, String)>>,
) -> WebResult {
    let (delivery, consent) = path.into_inner();
    let mut f = Fields::new(form.into_inner(), session.lang);
    session.check_form(&req, &f.csrf())?;
    let granted = match f.text("granted").as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    if granted.is_none() {
        let message = session.lang.tr("mon-error-choose");
        f.fail("granted", message);
    }
    let request = DecisionRequest {
        granted: granted.unwrap_or(false),
        decided_on: f.date("decided_on"),
        note: f.text("note"),
    };
    finish(
        &session,
        &state,
        meta.request_id,
        delivery,
        "answer",
        f,
        move |c, w, _| events::decide_transfer(c, w, &consent, request),
    )
    .await
}
