//! The OpenAPI 3.1 document: generated from the handlers' annotations, then completed by [`contract`] with the
//! rules that hold for every route and this instance's limits.

pub mod contract;
pub mod operations;
mod text_rules;

use super::AppState;
use crate::config::Limits;
use actix_web::{web, HttpResponse};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "equipcheck", description = "Compliance checking of equipment procurement: every item gets one \
        decision (prohibited, military, dual_use, controlled, review, clear) with its evidence."),
    paths(
        super::health::health, super::health::ready, super::login::login, spec, docs, super::problem_types::page,
        super::projects::list, super::projects::put,
        super::batches::upload, super::batches::list, super::batches::get, super::batches::items,
        super::batches::problems, super::export::csv, super::export::decisions_csv, super::export::decisions_xlsx, super::items::get, super::items::edit,
        super::review::decide, super::review::approve_clear, super::review::queue,
        super::audit::list, super::audit::item_history,
        super::classify::classify, super::screen::screen_parties, super::orders::submit, super::orders::find,
        super::catalog::version, super::catalog::entries, super::catalog::entry,
        super::monitoring::records::create_certificate, super::monitoring::records::list_certificates,
        super::monitoring::records::get_certificate, super::monitoring::records::create_delivery,
        super::monitoring::records::list_deliveries, super::monitoring::records::get_delivery,
        super::monitoring::records::confirm_delivery, super::monitoring::records::add_serials,
        super::monitoring::records::import_serials, super::monitoring::records::list_serials,
        super::monitoring::records::update_serial,
        super::monitoring::events::record_inspection, super::monitoring::events::plan_inspection,
        super::monitoring::events::list_inspections, super::monitoring::events::get_inspection,
        super::monitoring::events::complete_inspection, super::monitoring::events::record_incident,
        super::monitoring::events::list_incidents, super::monitoring::events::report_incident,
        super::monitoring::events::request_transfer, super::monitoring::events::list_transfers,
        super::monitoring::events::decide_transfer, super::monitoring::events::record_disposal,
        super::monitoring::events::list_disposals,
        super::monitoring::reports::list, super::monitoring::reports::waive,
        super::monitoring::reports::reconciliation, super::monitoring::reports::calendar,
        super::monitoring::feeds::create, super::monitoring::feeds::revoke, super::monitoring::feeds::calendar,
        super::events::list, super::webhooks::create, super::webhooks::list, super::webhooks::get,
        super::webhooks::delete, super::webhooks::deliveries, super::webhooks::replay, super::jobs::get, super::screen::settle_party,
    ),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The document as served: generated, then completed with the contract rules and `limits`.
pub fn document(limits: &Limits) -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    contract::apply(&mut doc, limits);
    text_rules::apply(&mut doc);
    doc
}

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "operations",
    responses((status = 200, description = "This document", body = Object)))]
pub async fn spec(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(document(&state.limits))
}

#[utoipa::path(get, path = "/docs", tag = "operations",
    responses((status = 200, description = "A readable reference of this API, rendered on the server (no script, \
        nothing loaded from elsewhere)", content_type = "text/html")))]
pub async fn docs(state: web::Data<AppState>) -> HttpResponse {
    let spec = document(&state.limits);
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Content-Security-Policy", super::docs_page::content_security_policy()))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(super::docs_page::render(&spec))
}
