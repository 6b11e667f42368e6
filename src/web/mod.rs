//! The web interface: server-rendered pages (maud) for officers, reviewers and monitoring staff, served by
//! `equipcheck serve` beside the API. Pages use the API's authorisation (`auth::Identity`, roles, project scoping)
//! and call the same storage and domain functions as its handlers, never the HTTP API itself. One file per
//! page group; the session is a signed cookie ([`session`]); assets are compiled in ([`assets`]).

mod admin;
pub mod assets;
mod batch_file;
mod batches;
mod catalog;
pub mod error;
pub mod form;
pub mod headers;
mod highlight;
mod home;
mod items;
pub mod lang;
pub mod layout;
mod login;
pub(crate) mod messages;
mod monitoring;
mod panel;
mod parties;
mod reasons;
mod record;
mod record_parts;
mod review;
pub mod session;
mod upload;

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use error::WebError;
use maud::Markup;

pub type WebResult = Result<HttpResponse, WebError>;

/// 303 See Other: after a form post, and to send a browser elsewhere.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_string()))
        .finish()
}

pub fn html(markup: Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

/// Registers the pages; call before `api::configure` (whose fallback answers every other path).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::FormConfig::default().limit(64 * 1024))
        .route("/", web::get().to(login::home))
        .route("/static/{name}", web::get().to(assets::serve))
        .route("/login", web::get().to(login::form))
        .route("/login", web::post().to(login::password))
        .route("/login/token", web::post().to(login::token))
        .route("/logout", web::post().to(login::logout))
        .route("/language", web::post().to(lang::switch))
        .route("/home", web::get().to(home::page_handler))
        .route("/upload", web::get().to(upload::form))
        .route("/upload", web::post().to(upload::submit))
        .route("/batches", web::get().to(batches::list))
        .route("/batches/{batch}", web::get().to(batches::show))
        .route("/batches/{batch}/record", web::get().to(record::batch))
        .route("/batches/{batch}/export.csv", web::get().to(batches::export_csv))
        .route(
            "/batches/{batch}/decisions.{format}",
            web::get().to(batches::decisions_report),
        )
        .route("/batches/{batch}/approve-clear", web::post().to(batches::approve_clear))
        .route("/items/{item}", web::get().to(items::show))
        .route("/items/{item}/record", web::get().to(record::item))
        .route("/items/{item}/decide", web::post().to(review::decide))
        .route("/items/{item}/settle-party", web::post().to(parties::settle))
        .route("/review", web::get().to(review::queue))
        .configure(monitoring_routes)
        .route("/catalog", web::get().to(catalog::search))
        .route("/catalog/{code}", web::get().to(catalog::entry))
        .configure(admin::configure);
}

/// The monitoring back office (`monitoring`): lists, the delivery page and its forms.
fn monitoring_routes(cfg: &mut web::ServiceConfig) {
    use monitoring::*;
    cfg.route("/monitoring", web::get().to(dashboard::dashboard))
        .route("/monitoring/deliveries", web::get().to(deliveries::list))
        .route("/monitoring/deliveries", web::post().to(deliveries::create))
        .route("/monitoring/certificates", web::get().to(certificates::list))
        .route("/monitoring/certificates", web::post().to(certificates::create))
        .route("/monitoring/serials", web::get().to(serials::list))
        .route("/monitoring/incidents", web::get().to(incidents::list))
        .route("/monitoring/feed", web::get().to(feeds::show))
        .route("/monitoring/feed", web::post().to(feeds::make))
        .route("/deliveries/{delivery}", web::get().to(delivery::show))
        .route("/deliveries/{delivery}/confirmation", web::post().to(records::confirm))
        .route(
            "/deliveries/{delivery}/serials/import",
            web::post().to(records::import_serials),
        )
        .route("/deliveries/{delivery}/inspections", web::post().to(inspection::record))
        .route(
            "/deliveries/{delivery}/inspections/planned",
            web::post().to(records::plan),
        )
        .route("/deliveries/{delivery}/incidents", web::post().to(incidents::record))
        .route(
            "/deliveries/{delivery}/incidents/{incident}/report",
            web::post().to(incidents::report),
        )
        .route("/deliveries/{delivery}/disposals", web::post().to(records::dispose))
        .route("/deliveries/{delivery}/transfers", web::post().to(transfers::request))
        .route(
            "/deliveries/{delivery}/transfers/{consent}/answer",
            web::post().to(transfers::answer),
        )
        .route("/obligations/{obligation}/waiver", web::post().to(records::waive));
}
