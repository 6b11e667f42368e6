//! The upload page: pick a project, drop a spreadsheet (or choose it), watch the progress, land on the result.
//! Without JavaScript the form posts normally; with it, app.js sends the same form and shows the progress.

use super::error::WebError;
use super::layout::{csrf_field, page, Nav};
use super::session::Session;
use super::{html, see_other, WebResult};
use crate::api::batches::{receive_upload, store_upload_as_service};
use crate::api::error::ApiError;
use crate::api::request_meta::RequestMeta;
use crate::api::{blocking, AppState};
use crate::auth::{Identity, Role};
use crate::db::{batches, projects};
use actix_multipart::Multipart;
use actix_web::{web, HttpRequest};
use maud::html;

/// The projects a person may upload to, with their names: (id, name).
pub async fn visible_projects(state: &web::Data<AppState>, who: &Identity) -> Result<Vec<(String, String)>, ApiError> {
    let state = state.clone();
    let scope = who.scope().map(<[String]>::to_vec);
    let known = blocking(move || {
        let mut conn = state.pool.get()?;
        projects::list(&mut conn, scope.as_deref())
    })
    .await?;
    let mut out: Vec<(String, String)> = known.into_iter().map(|p| (p.id, p.name)).collect();
    // A token may grant a project the database has not seen yet (it is created on the first upload).
    for id in &who.projects {
        if !out.iter().any(|(known, _)| known == id) {
            out.push((id.clone(), id.clone()));
        }
    }
    out.sort();
    Ok(out)
}

pub async fn form(session: Session, state: web::Data<AppState>) -> WebResult {
    session.who.require(&[Role::Officer, Role::Admin])?;
    let projects = visible_projects(&state, &session.who).await?;
    let scope = session.who.scope().map(<[String]>::to_vec);
    let state2 = state.clone();
    let (recent, _) = blocking(move || {
        let mut conn = state2.pool.get()?;
        batches::list(&mut conn, scope.as_deref(), &batches::BatchFilter::default(), 8, 0)
    })
    .await?;
    let max_mib = state.limits.max_upload_mib;
    let lang = session.lang;
    let body = html! {
        @if projects.is_empty() {
            p.error-detail role="alert" { (lang.tr("upload-no-project")) }
        } @else {
            form #upload-form .card method="post" action="/upload" enctype="multipart/form-data"
                data-msg-ready=(lang.tr("upload-js-ready")) data-msg-uploading=(lang.tr("upload-js-uploading"))
                data-msg-checking=(lang.tr("upload-js-checking")) data-msg-not-stored=(lang.tr("upload-js-not-stored"))
                data-msg-unreachable=(lang.tr("upload-js-unreachable")) {
                (csrf_field(&session))
                label for="project" { (lang.tr("upload-project")) }
                select #project name="project" required {
                    @for (id, name) in &projects {
                        option value=(id) { (name) @if name != id { " (" (id) ")" } }
                    }
                }
                label for="file" { (lang.tr("upload-file")) }
                div #drop-zone .drop-zone {
                    p { (lang.tr("upload-drop")) }
                    input #file type="file" name="file" required
                        accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv" aria-describedby="file-hint";
                    p #file-hint .hint { (lang.tr_args("upload-hint", &[("mib", max_mib.into())])) }
                }
                progress #upload-progress max="100" value="0" hidden {}
                p #upload-status .status role="status" aria-live="polite" {}
                button.primary #upload-button type="submit" { (lang.tr("upload-submit")) }
            }
        }
        @if !recent.is_empty() {
            h2 { (lang.tr("upload-recent")) }
            (super::batches::batch_table(lang, &recent))
        }
    };
    Ok(html(page(&lang.tr("upload-title"), Some(&session), Nav::Upload, body)))
}

pub async fn submit(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    mut form: Multipart,
) -> WebResult {
    let received = receive_upload(&req, &session.who, meta.request_id, &state, None, &mut form, &["csrf"]).await?;
    let token = received
        .fields
        .iter()
        .find(|(name, _)| name == "csrf")
        .map(|(_, value)| value.as_str())
        .unwrap_or("");
    if let Err(e) = session.check_form(&req, token) {
        received.in_flight.release().await;
        return Err(e);
    }
    let stored = store_upload_as_service(&state, received.upload).await;
    drop(received.slot);
    received.in_flight.release().await;
    let stored = match stored? {
        Ok(stored) => stored,
        // A file that cannot be read is worded by its kind; the server failing to read its own spool stays internal.
        Err(crate::service::ServiceError::Import(e)) if !matches!(e, crate::import::ImportError::Io { .. }) => {
            return Err(WebError::Import(e))
        }
        Err(other) => return Err(ApiError::from(other).into()),
    };
    tracing::info!(batch = %stored.batch.id, user = %session.who.sub, "uploaded from the web interface");
    // A file already uploaded to the project gives back its batch: say so on the batch's page.
    let again = if stored.created { "" } else { "?existing=1" };
    Ok(see_other(&format!("/batches/{}{again}", stored.batch.id)))
}
