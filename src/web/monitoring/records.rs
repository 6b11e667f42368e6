//! The delivery page's record forms: the recipient's confirmation, serials from a packing list, a planned
//! inspection, a disposal, and an obligation's waiver with its justification.

use super::delivery::{delivery_page, finish, open};
use super::fields::{Fields, Filled, FormView};
use super::refused_page;
use crate::api::error::ApiError;
use crate::api::request_meta::RequestMeta;
use crate::api::{batches, AppState};
use crate::import::{ImportLimits, ImportOptions};
use crate::monitoring::{Named, SerialStatus};
use crate::service::monitoring::deliveries::{self, ConfirmRequest};
use crate::service::monitoring::events::{self as events, DisposalRequest, WaiveRequest};
use crate::service::monitoring::inspections::{self, PlanRequest, INSPECTION_KINDS};
use crate::service::monitoring::reports::DeliveryPage;
use crate::service::monitoring::serial_import;
use crate::web::form::TextForm;
use crate::web::layout::csrf_field;
use crate::web::session::Session;
use crate::web::WebResult;
use actix_multipart::Multipart;
use actix_web::{web, HttpRequest};
use futures_util::StreamExt;
use maud::{html, Markup};

pub fn confirm_form(session: &Session, p: &DeliveryPage, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let view = FormView::new(lang, "confirm", filled, &["confirmed_on", "confirmed_by"]);
    let today = p.as_of.to_string();
    html! {
        @if p.delivery.confirmed_on.is_none() {
            details #confirm-details open[open(&view)] {
                summary { (lang.tr("mon-confirm-delivery")) }
                form.card #confirm-delivery method="post" action={ "/deliveries/" (p.delivery.id) "/confirmation" } {
                    (view.summary())
                    (csrf_field(session))
                    (view.input("confirmed_by", "mon-confirmed-by", "text", true, "", None))
                    (view.input("confirmed_on", "mon-confirmed-on", "date", true, &today, Some(&today)))
                    button.primary type="submit" { (lang.tr("mon-confirm-delivery")) }
                }
            }
        }
    }
}

pub async fn confirm(
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
    let request = ConfirmRequest {
        confirmed_on: f.date("confirmed_on"),
        confirmed_by: f.text("confirmed_by"),
    };
    let delivery = id.clone();
    finish(&session, &state, meta.request_id, id, "confirm", f, move |c, w, _| {
        deliveries::confirm_delivery(c, w, &delivery, request)
    })
    .await
}

pub fn serial_import_form(session: &Session, p: &DeliveryPage, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let view = FormView::new(lang, "serials", filled, &[]);
    let missing = p.delivery.quantity - p.serials.len() as i64;
    html! {
        @if missing > 0 {
            details #serials-details open[open(&view)] {
                summary { (lang.tr("mon-import-serials")) }
                form.card #import-serials method="post" enctype="multipart/form-data"
                    action={ "/deliveries/" (p.delivery.id) "/serials/import" } {
                    (view.summary())
                    (csrf_field(session))
                    p.hint { (lang.tr_args("mon-import-hint", &[("missing", missing.into())])) }
                    label for="serials-file" { (lang.tr("mon-packing-list")) }
                    input #serials-file type="file" name="file" required
                        accept=".csv,.xlsx,.xls,.xlsm,.ods,.tsv,.txt";
                    button.primary type="submit" { (lang.tr("mon-import-serials")) }
                }
            }
        }
    }
}

/// A packing list uploaded from the delivery page: its serials are added all or none; problems name the file,
/// sheet, row and column.
pub async fn import_serials(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    mut form: Multipart,
) -> WebResult {
    let limit = state.limits.max_upload_bytes();
    let (mut csrf, mut file) = (String::new(), None);
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| ApiError::BadRequest(format!("cannot read the form: {e}")))?;
        let name = field.name().unwrap_or("").to_string();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(batches::clean_file_name)
            .unwrap_or_default();
        let bytes = batches::read_field(&mut field, limit, state.limits.body_idle_timeout).await?;
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).to_string(),
            "file" if !bytes.is_empty() => file = Some((file_name, bytes)),
            _ => {}
        }
    }
    session.check_form(&req, &csrf)?;
    let id = path.into_inner();
    let mut f = Fields::new(vec![("csrf".into(), csrf)], session.lang);
    let Some((name, bytes)) = file else {
        let message = session.lang.tr("mon-error-file");
        f.fail("file", message);
        let filled = Filled::invalid("serials", &f);
        let markup = delivery_page(&session, &state, id, Some(&filled), None).await?;
        return refused_page(&filled, markup);
    };
    let options = ImportOptions {
        limits: ImportLimits {
            max_input_bytes: limit,
            ..ImportLimits::default()
        },
        ..ImportOptions::default()
    };
    let delivery = id.clone();
    finish(&session, &state, meta.request_id, id, "serials", f, move |c, w, _| {
        serial_import::import_serials(c, w, &delivery, &name, &bytes, &options)
    })
    .await
}

pub fn plan_form(session: &Session, p: &DeliveryPage, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let view = FormView::new(lang, "plan", filled, &["kind", "planned_on", "inspector"]);
    let kinds: Vec<(String, String)> = INSPECTION_KINDS
        .iter()
        .map(|k| (k.to_string(), lang.tr(&format!("mon-inspection-kind-{k}"))))
        .collect();
    html! {
        details #plan-details open[open(&view)] {
            summary { (lang.tr("mon-plan-inspection")) }
            form.card #plan-inspection method="post" action={ "/deliveries/" (p.delivery.id) "/inspections/planned" } {
                (view.summary())
                (csrf_field(session))
                (view.select("kind", "mon-kind", &kinds, "periodic"))
                (view.input("planned_on", "mon-planned-on-label", "date", true, "", None))
                (view.input("inspector", "mon-inspector", "text", false, "", None))
                button.primary type="submit" { (lang.tr("mon-plan-inspection")) }
            }
        }
    }
}

pub async fn plan(
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
    let kind = f.text("kind");
    let planned_on = f.date("planned_on");
    let inspector = f.get("inspector");
    let delivery = id.clone();
    finish(&session, &state, meta.request_id, id, "plan", f, move |c, w, p| {
        let Some(planned_on) = planned_on else {
            return crate::service::monitoring::invalid("planned_on", "is required");
        };
        let request = PlanRequest {
            delivery_id: delivery,
            kind,
            method: None,
            planned_on,
            inspector,
        };
        inspections::plan(c, w, p, request)
    })
    .await
}

pub fn disposal_form(session: &Session, p: &DeliveryPage, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let names = ["serial_number", "disposed_on", "method", "witness", "certificate_ref"];
    let view = FormView::new(lang, "disposal", filled, &names);
    let held: Vec<(String, String)> = p
        .serials
        .iter()
        .filter(|s| SerialStatus::from_name(&s.status).is_some_and(SerialStatus::inspectable))
        .map(|s| (s.serial_number.clone(), s.serial_number.clone()))
        .collect();
    let today = p.as_of.to_string();
    html! {
        @if !held.is_empty() {
            details #disposal-details open[open(&view)] {
                summary { (lang.tr("mon-record-disposal")) }
                form.card #record-disposal method="post" action={ "/deliveries/" (p.delivery.id) "/disposals" } {
                    (view.summary())
                    (csrf_field(session))
                    (view.select("serial_number", "mon-serial", &held, ""))
                    (view.input("disposed_on", "mon-disposed-on", "date", true, &today, Some(&today)))
                    (view.input("method", "mon-disposal-method", "text", true, "", None))
                    (view.input("witness", "mon-witness", "text", true, "", None))
                    (view.input("certificate_ref", "mon-destruction-certificate", "text", true, "", None))
                    button.danger type="submit" { (lang.tr("mon-record-disposal")) }
                }
            }
        }
    }
}

pub async fn dispose(
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
    let serial_number = f.text("serial_number");
    let disposed_on = f.date("disposed_on");
    let (method, witness, certificate_ref) = (f.text("method"), f.text("witness"), f.text("certificate_ref"));
    let delivery = id.clone();
    finish(&session, &state, meta.request_id, id, "disposal", f, move |c, w, _| {
        let Some(disposed_on) = disposed_on else {
            return crate::service::monitoring::invalid("disposed_on", "is required");
        };
        let project = deliveries::visible_delivery(c, w, &delivery)?.project_id;
        let request = DisposalRequest {
            project,
            serial_number,
            disposed_on,
            method,
            witness,
            certificate_ref,
        };
        events::record_disposal(c, w, request)
    })
    .await
}

/// An obligation's waiver: why it no longer applies (at least 10 characters, kept in the audit trail).
pub fn waiver_form(session: &Session, obligation: &str, filled: Option<&Filled>) -> Markup {
    let lang = session.lang;
    let view = FormView::new(lang, "waiver", filled, &["justification"]).for_target(obligation);
    html! {
        details.waiver open[open(&view)] {
            summary { (lang.tr("mon-waive")) }
            form.card method="post" action={ "/obligations/" (obligation) "/waiver" } {
                (view.summary())
                (csrf_field(session))
                input type="hidden" name="target" value=(obligation);
                (view.textarea("justification", "mon-justification", true, 2))
                button type="submit" { (lang.tr("mon-waive")) }
            }
        }
    }
}

pub async fn waive(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: TextForm<Vec<(String, String)>>,
) -> WebResult {
    let obligation = path.into_inner();
    let mut f = Fields::new(form.into_inner(), session.lang);
    session.check_form(&req, &f.csrf())?;
    let justification = f.text("justification");
    if !justification.is_empty() && justification.chars().count() < 10 {
        let message = session.lang.tr("mon-error-justification");
        f.fail("justification", message);
    }
    // The obligation's delivery, to come back to its page.
    let target = obligation.clone();
    let delivery = super::read(&session, &state, move |c, w, _| {
        let row = crate::db::monitoring::obligations::get(c, &target)?
            .ok_or(crate::service::monitoring::MonitoringError::NotFound("obligation"))?;
        w.check(&row.project_id, "obligation")?;
        Ok(row.delivery_id)
    })
    .await?;
    finish(
        &session,
        &state,
        meta.request_id,
        delivery,
        "waiver",
        f,
        move |c, w, _| events::waive(c, w, &obligation, WaiveRequest { justification }),
    )
    .await
}
