//! The HTTP layer: thin actix-web handlers (parse, authorise, call storage or the service on the blocking pool,
//! map the result), one file per resource. Every route is listed once in [`routes`], which builds the app and
//! lets a test compare the served routes with the OpenAPI document.

pub mod access_log;
pub mod audit;
pub mod batches;
pub mod body;
pub mod catalog;
pub mod classify;
pub mod client;
pub mod conditional;
mod docs_page;
pub mod error;
pub mod events;
pub mod export;
pub mod health;
pub mod items;
pub mod jobs;
pub mod limits;
pub mod login;
pub mod monitoring;
pub mod openapi;
pub mod orders;
pub mod problem_types;
pub mod projects;
pub mod rate_limit;
pub mod request_meta;
pub mod review;
pub mod screen;
pub mod url_guard;
pub mod views;
pub mod vocab;
pub mod webhooks;

use crate::classify::Classifier;
use crate::config::Limits;
use crate::db::{Backend, Pool};
use actix_web::http::Method;
use actix_web::{web, Route};
use error::ApiError;
use serde::Deserialize;
use std::sync::Arc;

/// Shared, read-only state of one instance (everything mutable is in the database).
pub struct AppState {
    pub pool: Pool,
    pub classifier: Arc<Classifier>,
    pub limits: Limits,
    pub backend: Backend,
    /// Heavy requests (uploads, purchase orders) processed at once by this instance.
    pub heavy_slots: Arc<tokio::sync::Semaphore>,
    /// "Today" for end-use monitoring: the system date, or the one fixed by `EQUIPCHECK_TODAY`.
    pub clock: crate::monitoring::Clock,
    /// Sign-in throttles and the API rate limit, counted in the database so that every instance shares them.
    pub shared_limits: Arc<crate::service::shared_limits::SharedLimits>,
    /// Password checks, on threads of their own (see `auth::hashing`).
    pub password_pool: crate::auth::hashing::PasswordPool,
    /// Proxies whose `X-Forwarded-For` names the client (the load balancer); others are the client themselves.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Uploads and purchase orders in flight per user (received or processed), across instances.
    pub user_uploads: limits::UserUploads,
    /// How long a write waits for a lock held elsewhere (the readiness probe restores it).
    pub lock_timeout: std::time::Duration,
    /// Job queue and webhook settings.
    pub integration: crate::config::IntegrationSettings,
}

impl AppState {
    /// A slot for a heavy request, or 429 with Retry-After.
    pub fn heavy_slot(&self) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        self.heavy_slots
            .clone()
            .try_acquire_owned()
            .map_err(|_| ApiError::TooBusy { retry_after: 10 })
    }
}

/// Every route the server answers: (method, path, handler).
pub fn routes() -> Vec<(Method, &'static str, Route)> {
    let r = |m: Method| web::route().method(m);
    let mut table = vec![
        (Method::GET, "/health", r(Method::GET).to(health::health)),
        (Method::GET, "/ready", r(Method::GET).to(health::ready)),
        (Method::POST, "/auth/login", r(Method::POST).to(login::login)),
        (Method::GET, "/docs", r(Method::GET).to(openapi::docs)),
        (Method::GET, "/api/v1/openapi.json", r(Method::GET).to(openapi::spec)),
        (Method::GET, "/problems/{code}", r(Method::GET).to(problem_types::page)),
        (Method::GET, "/api/v1/projects", r(Method::GET).to(projects::list)),
        (
            Method::PUT,
            "/api/v1/projects/{project}",
            r(Method::PUT).to(projects::put),
        ),
        (Method::POST, "/api/v1/batches", r(Method::POST).to(batches::upload)),
        (Method::GET, "/api/v1/batches", r(Method::GET).to(batches::list)),
        (Method::GET, "/api/v1/batches/{batch}", r(Method::GET).to(batches::get)),
        (
            Method::GET,
            "/api/v1/batches/{batch}/items",
            r(Method::GET).to(batches::items),
        ),
        (
            Method::GET,
            "/api/v1/batches/{batch}/problems",
            r(Method::GET).to(batches::problems),
        ),
        (
            Method::GET,
            "/api/v1/batches/{batch}/export.csv",
            r(Method::GET).to(export::csv),
        ),
        (
            Method::GET,
            "/api/v1/batches/{batch}/decisions.csv",
            r(Method::GET).to(export::decisions_csv),
        ),
        (
            Method::GET,
            "/api/v1/batches/{batch}/decisions.xlsx",
            r(Method::GET).to(export::decisions_xlsx),
        ),
        (Method::GET, "/api/v1/items/{item}", r(Method::GET).to(items::get)),
        (Method::PATCH, "/api/v1/items/{item}", r(Method::PATCH).to(items::edit)),
        (
            Method::POST,
            "/api/v1/items/{item}/decisions",
            r(Method::POST).to(review::decide),
        ),
        (
            Method::GET,
            "/api/v1/items/{item}/history",
            r(Method::GET).to(audit::item_history),
        ),
        (
            Method::POST,
            "/api/v1/batches/{batch}/approve-clear",
            r(Method::POST).to(review::approve_clear),
        ),
        (Method::GET, "/api/v1/review/queue", r(Method::GET).to(review::queue)),
        (Method::GET, "/api/v1/audit", r(Method::GET).to(audit::list)),
        (Method::POST, "/api/v1/classify", r(Method::POST).to(classify::classify)),
        (
            Method::POST,
            "/api/v1/screen/parties",
            r(Method::POST).to(screen::screen_parties),
        ),
        (
            Method::POST,
            "/api/v1/purchase-orders",
            r(Method::POST).to(orders::submit),
        ),
        (Method::GET, "/api/v1/purchase-orders", r(Method::GET).to(orders::find)),
        (Method::GET, "/api/v1/catalog", r(Method::GET).to(catalog::version)),
        (
            Method::GET,
            "/api/v1/catalog/entries",
            r(Method::GET).to(catalog::entries),
        ),
        (
            Method::GET,
            "/api/v1/catalog/entries/{code}",
            r(Method::GET).to(catalog::entry),
        ),
    ];
    table.extend(monitoring_routes());
    table.extend(integration_routes());
    table
}

/// The change feed and webhooks (issue 13).
fn integration_routes() -> Vec<(Method, &'static str, Route)> {
    let r = |m: Method| web::route().method(m);
    vec![
        (Method::GET, "/api/v1/events", r(Method::GET).to(events::list)),
        (
            Method::POST,
            "/api/v1/projects/{project}/webhooks",
            r(Method::POST).to(webhooks::create),
        ),
        (
            Method::GET,
            "/api/v1/projects/{project}/webhooks",
            r(Method::GET).to(webhooks::list),
        ),
        (
            Method::GET,
            "/api/v1/projects/{project}/webhooks/{webhook}",
            r(Method::GET).to(webhooks::get),
        ),
        (
            Method::DELETE,
            "/api/v1/projects/{project}/webhooks/{webhook}",
            r(Method::DELETE).to(webhooks::delete),
        ),
        (
            Method::GET,
            "/api/v1/projects/{project}/webhooks/{webhook}/deliveries",
            r(Method::GET).to(webhooks::deliveries),
        ),
        (
            Method::POST,
            "/api/v1/projects/{project}/webhooks/{webhook}/deliveries/{delivery}/replay",
            r(Method::POST).to(webhooks::replay),
        ),
        (Method::GET, "/api/v1/jobs/{job}", r(Method::GET).to(jobs::get)),
        (
            Method::POST,
            "/api/v1/items/{item}/party-settlements",
            r(Method::POST).to(screen::settle_party),
        ),
    ]
}

/// End-use monitoring (issue 5).
fn monitoring_routes() -> Vec<(Method, &'static str, Route)> {
    use monitoring::{events, feeds, records, reports};
    let get = || web::route().method(Method::GET);
    let post = || web::route().method(Method::POST);
    vec![
        (
            Method::POST,
            "/api/v1/certificates",
            post().to(records::create_certificate),
        ),
        (
            Method::GET,
            "/api/v1/certificates",
            get().to(records::list_certificates),
        ),
        (
            Method::GET,
            "/api/v1/certificates/{certificate}",
            get().to(records::get_certificate),
        ),
        (Method::POST, "/api/v1/deliveries", post().to(records::create_delivery)),
        (Method::GET, "/api/v1/deliveries", get().to(records::list_deliveries)),
        (
            Method::GET,
            "/api/v1/deliveries/{delivery}",
            get().to(records::get_delivery),
        ),
        (
            Method::POST,
            "/api/v1/deliveries/{delivery}/confirmation",
            post().to(records::confirm_delivery),
        ),
        (
            Method::POST,
            "/api/v1/deliveries/{delivery}/serials",
            post().to(records::add_serials),
        ),
        (
            Method::POST,
            "/api/v1/deliveries/{delivery}/serials/import",
            post().to(records::import_serials),
        ),
        (Method::GET, "/api/v1/serials", get().to(records::list_serials)),
        (
            Method::PUT,
            "/api/v1/serials/{serial}",
            web::route().method(Method::PUT).to(records::update_serial),
        ),
        (
            Method::POST,
            "/api/v1/inspections",
            post().to(events::record_inspection),
        ),
        (
            Method::POST,
            "/api/v1/inspections/planned",
            post().to(events::plan_inspection),
        ),
        (Method::GET, "/api/v1/inspections", get().to(events::list_inspections)),
        (
            Method::GET,
            "/api/v1/inspections/{inspection}",
            get().to(events::get_inspection),
        ),
        (
            Method::POST,
            "/api/v1/inspections/{inspection}/results",
            post().to(events::complete_inspection),
        ),
        (Method::POST, "/api/v1/incidents", post().to(events::record_incident)),
        (Method::GET, "/api/v1/incidents", get().to(events::list_incidents)),
        (
            Method::POST,
            "/api/v1/incidents/{incident}/report",
            post().to(events::report_incident),
        ),
        (
            Method::POST,
            "/api/v1/transfer-consents",
            post().to(events::request_transfer),
        ),
        (
            Method::GET,
            "/api/v1/transfer-consents",
            get().to(events::list_transfers),
        ),
        (
            Method::POST,
            "/api/v1/transfer-consents/{consent}/decision",
            post().to(events::decide_transfer),
        ),
        (Method::POST, "/api/v1/disposals", post().to(events::record_disposal)),
        (Method::GET, "/api/v1/disposals", get().to(events::list_disposals)),
        (Method::GET, "/api/v1/obligations", get().to(reports::list)),
        (
            Method::POST,
            "/api/v1/obligations/{obligation}/waiver",
            post().to(reports::waive),
        ),
        (
            Method::GET,
            "/api/v1/projects/{project}/reconciliation",
            get().to(reports::reconciliation),
        ),
        (
            Method::GET,
            "/api/v1/projects/{project}/inspections.ics",
            get().to(reports::calendar),
        ),
        (
            Method::POST,
            "/api/v1/projects/{project}/calendar-feed",
            post().to(feeds::create),
        ),
        (
            Method::DELETE,
            "/api/v1/projects/{project}/calendar-feed",
            web::route().method(Method::DELETE).to(feeds::revoke),
        ),
        (
            Method::GET,
            "/api/v1/feeds/{token}/inspections.ics",
            get().to(feeds::calendar),
        ),
    ]
}

/// (method, path) of every route, for the OpenAPI completeness test.
pub fn route_table() -> Vec<(Method, &'static str)> {
    routes().into_iter().map(|(m, p, _)| (m, p)).collect()
}

/// Registers every route, the extractor error handlers and the problem+json fallback.
pub fn configure(cfg: &mut web::ServiceConfig) {
    use crate::service::json_error::public_message;
    cfg.app_data(
        web::QueryConfig::default()
            .error_handler(|e, _| ApiError::invalid("query", public_message(&e.to_string())).into()),
    )
    .app_data(
        web::PathConfig::default()
            .error_handler(|e, _| ApiError::invalid("path", public_message(&e.to_string())).into()),
    );
    // One resource per path, so that a method the path does not serve answers 405 with `Allow`.
    let mut by_path: Vec<(&'static str, Vec<Method>, Vec<Route>)> = Vec::new();
    for (method, path, route) in routes() {
        match by_path.iter_mut().find(|(p, _, _)| *p == path) {
            Some((_, methods, routes)) => {
                methods.push(method);
                routes.push(route);
            }
            None => by_path.push((path, vec![method], vec![route])),
        }
    }
    for (path, methods, routes) in by_path {
        let allow = methods.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
        let mut resource = web::resource(path);
        for route in routes {
            resource = resource.route(route);
        }
        cfg.service(resource.default_service(web::to(move || {
            let allow = allow.clone();
            async move { Err::<actix_web::HttpResponse, _>(ApiError::MethodNotAllowed { allow }) }
        })));
    }
    cfg.default_service(web::to(not_found));
}

async fn not_found() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound("route"))
}

/// `?limit=&offset=` with the configured cap.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size (default 100, at most EQUIPCHECK_MAX_PAGE_SIZE).
    pub limit: Option<i64>,
    /// Items to skip.
    pub offset: Option<i64>,
}

impl PageQuery {
    pub fn bounds(&self, max: i64) -> Result<(i64, i64), ApiError> {
        let limit = self.limit.unwrap_or(100.min(max));
        if !(1..=max).contains(&limit) {
            return Err(ApiError::invalid("limit", format!("must be between 1 and {max}")));
        }
        let offset = self.offset.unwrap_or(0);
        if offset < 0 {
            return Err(ApiError::invalid("offset", "must not be negative"));
        }
        Ok((limit, offset))
    }
}

/// Runs storage or service code on the blocking pool.
pub async fn blocking<T, E>(f: impl FnOnce() -> Result<T, E> + Send + 'static) -> Result<T, ApiError>
where
    T: Send + 'static,
    E: Into<ApiError> + Send + 'static,
{
    web::block(f).await?.map_err(Into::into)
}
