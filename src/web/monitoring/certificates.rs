//! End-user certificates: the list (search, pages) and the form that records one. The signed copy's SHA-256 is
//! computed from the uploaded scan (the scan itself is not kept) or pasted.

use super::fields::{Fields, Filled, FormView};
use super::{change, offset_of, pager, read, refused_page, subnav, PAGE};
use crate::api::error::ApiError;
use crate::api::request_meta::RequestMeta;
use crate::api::{batches, AppState};
use crate::db::monitoring::records::{self as store, Paging};
use crate::service::monitoring::deliveries::{self, CertificateRequest};
use crate::service::monitoring::reports;
use crate::web::layout::{csrf_field, page, Nav};
use crate::web::session::Session;
use crate::web::{html, see_other, WebResult};
use actix_multipart::Multipart;
use actix_web::{web, HttpRequest};
use futures_util::StreamExt;
use maud::{html, Markup};
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    project: Option<String>,
    q: Option<String>,
    offset: Option<i64>,
    done: Option<String>,
}

const NAMES: [&str; 12] = [
    "project",
    "reference",
    "issuer",
    "end_user",
    "consignee",
    "final_destination",
    "end_use",
    "issued_on",
    "valid_until",
    "document_sha256",
    "no_reexport",
    "onsite_checks",
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
    let offset = offset_of(params.offset);
    let (project2, q2) = (project.clone(), q.clone());
    let (rows, total) = read(session, state, move |conn, who, _| {
        let paging = Paging {
            q: q2,
            limit: PAGE,
            offset,
            newest_first: true,
        };
        Ok(store::certificates_page(conn, &reports::scope(who, project2), &paging)?)
    })
    .await?;
    let projects = crate::web::upload::visible_projects(state, &session.who).await?;
    let (project, q) = (project.unwrap_or_default(), q.unwrap_or_default());
    let view = FormView::new(lang, "certificate", filled, &NAMES);
    let project_options: Vec<(String, String)> = projects.clone();
    Ok(page(
        &lang.tr("mon-certificates"),
        Some(session),
        Nav::Monitoring,
        html! {
            (subnav(lang, "/monitoring/certificates"))
            @if params.done.as_deref() == Some("certificate") { p.notice #saved role="status" { (lang.tr("mon-done-certificate")) } }
            form.filters method="get" action="/monitoring/certificates" {
                (super::project_select(lang, "c-project", &projects, &project))
                div.grow { label for="c-q" { (lang.tr("mon-search-certificates")) } input #c-q type="search" name="q" value=(q); }
                button type="submit" { (lang.tr("mon-show")) }
            }
            p.muted role="status" { (lang.tr_args("mon-count-found", &[("count", total.into())])) }
            @if !rows.is_empty() {
                div.table-wrap { table #certificate-list {
                    thead { tr { th scope="col" { (lang.tr("mon-reference")) } th scope="col" { (lang.tr("mon-end-user")) }
                        th scope="col" { (lang.tr("mon-issued-on-label")) } th scope="col" { (lang.tr("mon-valid-until")) }
                        th scope="col" { "SHA-256" } th scope="col" { (lang.tr("mon-project")) } } }
                    tbody { @for c in &rows { tr {
                        td { (c.reference) } td { (c.end_user) } td.nowrap { (c.issued_on) }
                        td.nowrap { @if let Some(u) = c.valid_until { (u) } @else { "—" } }
                        td { @if let Some(h) = &c.document_sha256 { code title=(h) { (h.get(..12).unwrap_or(h)) "…" } } @else { "—" } }
                        td { (c.project_id) }
                    } } }
                } }
            }
            (pager(lang, "/monitoring/certificates", &[("project", &project), ("q", &q)], offset, total))
            @if super::may_record(session) {
                details #certificate-details open[view.refused()] {
                    summary { (lang.tr("mon-record-certificate")) }
                    form.card #record-certificate method="post" action="/monitoring/certificates" enctype="multipart/form-data" {
                        (view.summary())
                        (csrf_field(session))
                        (view.select("project", "mon-project", &project_options, ""))
                        (view.input("reference", "mon-reference", "text", true, "", None))
                        (view.input("issuer", "mon-issuer", "text", true, "", None))
                        (view.input("end_user", "mon-end-user", "text", true, "", None))
                        (view.input("consignee", "mon-consignee", "text", true, "", None))
                        (view.input("final_destination", "mon-final-destination", "text", true, "", None))
                        (view.textarea("end_use", "mon-end-use", true, 2))
                        (view.input("issued_on", "mon-issued-on-label", "date", true, "", None))
                        (view.input("valid_until", "mon-valid-until", "date", false, "", None))
                        label { input type="checkbox" name="no_reexport" value="yes" checked[!view.refused() || view.checked("no_reexport", "yes")]; " " (lang.tr("mon-no-reexport")) }
                        label { input type="checkbox" name="onsite_checks" value="yes" checked[!view.refused() || view.checked("onsite_checks", "yes")]; " " (lang.tr("mon-onsite-checks")) }
                        fieldset { legend { (lang.tr("mon-signed-copy")) }
                            label for="certificate-scan" { (lang.tr("mon-scan")) }
                            input #certificate-scan type="file" name="scan" accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff";
                            (view.input("document_sha256", "mon-paste-hash", "text", false, "", None))
                            p.hint { (lang.tr("mon-hash-hint")) }
                        }
                        button.primary type="submit" { (lang.tr("mon-record-certificate")) }
                    }
                }
            }
        },
    ))
}

pub async fn list(session: Session, state: web::Data<AppState>, params: web::Query<ListQuery>) -> WebResult {
    Ok(html(list_page(&session, &state, params.into_inner(), None).await?))
}

/// A multipart form's text fields, and the SHA-256 of its file field `file_field` when one was sent.
pub async fn read_multipart(
    state: &AppState,
    form: &mut Multipart,
    file_field: &str,
) -> Result<(Vec<(String, String)>, Option<String>), ApiError> {
    let limit = state.limits.max_upload_bytes();
    let (mut pairs, mut hash) = (Vec::new(), None);
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| ApiError::BadRequest(format!("cannot read the form: {e}")))?;
        let name = field.name().unwrap_or("").to_string();
        let bytes = batches::read_field(&mut field, limit, state.limits.body_idle_timeout).await?;
        if name == file_field {
            if !bytes.is_empty() {
                hash = Some(hex::encode(Sha256::digest(&bytes)));
            }
        } else {
            pairs.push((name, String::from_utf8_lossy(&bytes).to_string()));
        }
    }
    if let Some((name, c)) = crate::web::form::control_in_fields(&pairs) {
        return Err(ApiError::invalid(name, crate::input_text::message(c)));
    }
    Ok((pairs, hash))
}

pub async fn create(
    req: HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    mut form: Multipart,
) -> WebResult {
    let (pairs, scan_hash) = read_multipart(&state, &mut form, "scan").await?;
    let mut f = Fields::new(pairs, session.lang);
    session.check_form(&req, &f.csrf())?;
    let pasted = f.get("document_sha256").map(|h| h.to_ascii_lowercase());
    if let Some(h) = &pasted {
        if h.len() != 64 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
            let message = session.lang.tr("mon-error-hash");
            f.fail("document_sha256", message);
        }
        if scan_hash.as_ref().is_some_and(|s| s != h) {
            let message = session.lang.tr("mon-error-hash-differs");
            f.fail("document_sha256", message);
        }
    }
    let texts = [
        "project",
        "reference",
        "issuer",
        "end_user",
        "consignee",
        "final_destination",
        "end_use",
    ];
    let [project, reference, issuer, end_user, consignee, final_destination, end_use] = texts.map(|name| f.text(name));
    let issued_on = f.date("issued_on");
    let valid_until = f.opt_date("valid_until");
    let request = issued_on.map(|issued_on| CertificateRequest {
        project,
        reference,
        issuer,
        end_user,
        consignee,
        final_destination,
        end_use,
        no_reexport: f.get("no_reexport").is_some(),
        onsite_checks: f.get("onsite_checks").is_some(),
        issued_on,
        valid_until,
        document_sha256: scan_hash.or(pasted),
    });
    let filled = match request.filter(|_| f.ok()) {
        Some(request) => match change(&session, &state, meta.request_id, "certificate", &f, move |c, w, _| {
            deliveries::record_certificate(c, w, request)
        })
        .await?
        {
            Ok(_) => return Ok(see_other("/monitoring/certificates?done=certificate#saved")),
            Err(filled) => filled,
        },
        None => Filled::invalid("certificate", &f),
    };
    let params = ListQuery {
        project: None,
        q: None,
        offset: None,
        done: None,
    };
    let markup = list_page(&session, &state, params, Some(&filled)).await?;
    refused_page(&filled, markup)
}
