//! Batches: spreadsheet upload (multipart), list, read with summary, items, import problems.

use super::body::content_length;
use super::error::{ApiError, Problem};
use super::views::{BatchPage, BatchView, ItemPage, ItemView, ProblemPage, ProblemView};
use super::{blocking, AppState, PageQuery};
use crate::auth::{Identity, Role};
use crate::db::{batches, items};
use crate::import::{ImportLimits, ImportOptions};
use crate::service::upload::{self, Upload};
use actix_multipart::Multipart;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use serde::Deserialize;

/// Room for the multipart envelope and the project field around the file.
const FORM_OVERHEAD: u64 = 64 * 1024;

/// Upload form (`multipart/form-data`).
#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
pub struct UploadForm {
    /// Project id the batch belongs to (may also be given as `?project=`).
    project: String,
    /// The spreadsheet (XLSX, XLSM, XLSB, XLS, ODS, CSV). Its name is kept as metadata only.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    file: Vec<u8>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// Project id (alternative to the form field).
    pub project: Option<String>,
}

/// The file name as metadata: the last path component, control characters removed, at most 255 characters.
pub fn clean_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(255).collect();
    cleaned.trim().to_string()
}

/// The next item of a request body stream, or 408 when the client sends nothing for `idle`.
pub(crate) async fn next_before<S: futures_util::Stream + Unpin>(
    stream: &mut S,
    idle: std::time::Duration,
) -> Result<Option<S::Item>, ApiError> {
    tokio::time::timeout(idle, stream.next())
        .await
        .map_err(|_| ApiError::BodyTimeout {
            idle_secs: idle.as_secs().max(1),
        })
}

pub(crate) async fn read_field(
    field: &mut actix_multipart::Field,
    limit: u64,
    idle: std::time::Duration,
) -> Result<Vec<u8>, ApiError> {
    let mut out = Vec::new();
    while let Some(chunk) = next_before(field, idle).await? {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(format!("cannot read the upload: {e}")))?;
        if (out.len() + chunk.len()) as u64 > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

#[utoipa::path(post, path = "/api/v1/batches", tag = "batches", security(("bearer" = [])),
    params(UploadQuery),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored: every item classified", body = BatchView),
        (status = 200, description = "The same file was already uploaded to this project", body = BatchView),
        (status = 202, description = "A large file: accepted for import in the background; follow the job",
            body = super::jobs::JobView),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 422, body = Problem), (status = 429, body = Problem)))]
pub async fn upload(
    req: HttpRequest,
    who: Identity,
    meta: super::request_meta::RequestMeta,
    state: web::Data<AppState>,
    query: web::Query<UploadQuery>,
    mut form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let project = query.into_inner().project;
    let received = receive_upload(&req, &who, meta.request_id, &state, project, &mut form, &[]).await?;
    if is_large(&received.upload, state.integration.async_threshold_bytes) {
        let job = queue_upload(&state, received.upload).await;
        drop(received.slot);
        received.in_flight.release().await;
        let job = job?;
        return Ok(HttpResponse::Accepted()
            .insert_header(("Location", format!("/api/v1/jobs/{}", job.id)))
            .json(job));
    }
    let stored = store_upload(&state, received.upload).await;
    drop(received.slot);
    received.in_flight.release().await;
    let stored = stored?;
    let mut response = if stored.created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(response
        .insert_header(("Location", format!("/api/v1/batches/{}", stored.batch.id)))
        .json(BatchView::from(stored.batch)))
}

/// An upload form read and checked, with the extra text fields the caller asked for.
pub(crate) struct ReceivedUpload {
    pub upload: SpooledUpload,
    pub fields: Vec<(String, String)>,
    /// The processing slot, taken once the whole body was in and held until the upload is stored.
    pub slot: tokio::sync::OwnedSemaphorePermit,
    /// Counts against the uploader's cap of uploads in flight until released.
    pub in_flight: super::limits::UserUpload,
}

/// An upload whose file waits in a temporary file (deleted when dropped), not in memory.
pub(crate) struct SpooledUpload {
    pub project: String,
    pub file_name: String,
    pub spool: std::fs::File,
    pub actor: crate::audit::Actor,
    pub request_id: Option<String>,
}

/// Writes one chunk of the file to the spool; the size limit is checked as it grows.
fn spool_chunk(spool: &mut std::fs::File, written: &mut u64, chunk: &[u8], limit: u64) -> Result<(), ApiError> {
    use std::io::Write;
    *written += chunk.len() as u64;
    if *written > limit {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    spool
        .write_all(chunk)
        .map_err(|e| ApiError::Internal(format!("cannot spool the upload: {e}")))
}

/// Reads an upload form (`project`, `file`, and the text fields named in `extra`), checking the role, the size
/// limits and that the caller's token grants the project. The API and the web page share it.
pub(crate) async fn receive_upload(
    req: &HttpRequest,
    who: &Identity,
    request_id: Option<String>,
    state: &AppState,
    project: Option<String>,
    form: &mut Multipart,
    extra: &[&str],
) -> Result<ReceivedUpload, ApiError> {
    who.require(&[Role::Officer, Role::Admin])?;
    let limit = state.limits.max_upload_bytes();
    if content_length(req).is_some_and(|n| n > limit.saturating_add(FORM_OVERHEAD)) {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    if let Some(project) = &project {
        who.require_project(project, "project")?;
    }
    let in_flight = state.user_uploads.enter(&state.pool, &who.sub).await?;
    match read_form(who, request_id, state, project, form, extra).await {
        Ok((upload, fields, slot)) => Ok(ReceivedUpload {
            upload,
            fields,
            slot,
            in_flight,
        }),
        Err(e) => {
            // Freed before the refusal is answered, so the user's next upload finds the slot free.
            in_flight.release().await;
            Err(e)
        }
    }
}

/// The form of [`receive_upload`], its file spooled, and a processing slot once the whole body is in.
async fn read_form(
    who: &Identity,
    request_id: Option<String>,
    state: &AppState,
    mut project: Option<String>,
    form: &mut Multipart,
    extra: &[&str],
) -> Result<(SpooledUpload, Vec<(String, String)>, tokio::sync::OwnedSemaphorePermit), ApiError> {
    let limit = state.limits.max_upload_bytes();
    let idle = state.limits.body_idle_timeout;
    let mut file: Option<(String, std::fs::File)> = None;
    let mut fields = Vec::new();
    while let Some(field) = next_before(form, idle).await? {
        let mut field = field.map_err(|e| ApiError::BadRequest(format!("cannot read the multipart form: {e}")))?;
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "project" => {
                let bytes = read_field(&mut field, 256, idle)
                    .await
                    .map_err(|_| ApiError::invalid("project", "is too long"))?;
                let value = String::from_utf8(bytes).map_err(|_| ApiError::invalid("project", "is not text"))?;
                who.require_project(value.trim(), "project")?;
                project = Some(value.trim().to_string());
            }
            "file" => {
                let name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .map(clean_file_name)
                    .unwrap_or_default();
                let mut spool = tempfile::tempfile()
                    .map_err(|e| ApiError::Internal(format!("cannot create a temporary file: {e}")))?;
                let mut written = 0u64;
                while let Some(chunk) = next_before(&mut field, idle).await? {
                    let chunk = chunk.map_err(|e| ApiError::BadRequest(format!("cannot read the upload: {e}")))?;
                    spool_chunk(&mut spool, &mut written, &chunk, limit)?;
                }
                file = Some((name, spool));
            }
            other if extra.contains(&other) => {
                let bytes = read_field(&mut field, 1024, idle)
                    .await
                    .map_err(|_| ApiError::invalid(other.to_string(), "is too long"))?;
                let value =
                    String::from_utf8(bytes).map_err(|_| ApiError::invalid(other.to_string(), "is not text"))?;
                fields.push((name, value));
            }
            other => {
                return Err(ApiError::invalid(
                    other.to_string(),
                    "unexpected form field; send project and file",
                ))
            }
        }
    }
    let project = project.ok_or_else(|| ApiError::invalid("project", "is required"))?;
    if !crate::auth::valid_project_id(&project) {
        return Err(ApiError::invalid(
            "project",
            "must be 1-64 letters, digits, '-', '_' or '.'",
        ));
    }
    who.require_project(&project, "project")?;
    let (file_name, spool) = file.ok_or_else(|| ApiError::invalid("file", "is required"))?;
    if file_name.is_empty() {
        return Err(ApiError::invalid(
            "file",
            "needs a file name with its extension (e.g. items.xlsx)",
        ));
    }
    // Only now, with the whole body in, does the upload compete for a processing slot: a slow or stalled
    // client holds nothing but its own connection and its temporary file.
    let slot = state.heavy_slot()?;
    let upload = SpooledUpload {
        project,
        file_name,
        spool,
        actor: who.actor(),
        request_id,
    };
    Ok((upload, fields, slot))
}

/// Imports, classifies and stores a received upload on the blocking pool.
/// Whether an upload is above the size answered synchronously (0: none is).
fn is_large(upload: &SpooledUpload, threshold: u64) -> bool {
    threshold > 0 && upload.spool.metadata().is_ok_and(|m| m.len() > threshold)
}

/// Keeps a large upload with a background job; the job as the caller will follow it.
async fn queue_upload(state: &web::Data<AppState>, input: SpooledUpload) -> Result<super::jobs::JobView, ApiError> {
    let state = state.clone();
    blocking(move || {
        let upload = read_spool(input)?;
        let id = crate::service::background::queue_upload(&state.pool, &upload)?;
        let mut conn = state.pool.get().map_err(crate::db::DbError::from)?;
        let job =
            crate::db::jobs::get(&mut conn, &id)?.ok_or_else(|| ApiError::Internal(format!("job {id} vanished")))?;
        Ok::<_, ApiError>(super::jobs::JobView::from(job))
    })
    .await
}

/// The spooled file read back into an upload.
fn read_spool(input: SpooledUpload) -> Result<Upload, ApiError> {
    use std::io::{Read, Seek};
    let SpooledUpload {
        project,
        file_name,
        mut spool,
        actor,
        request_id,
    } = input;
    let mut bytes = Vec::new();
    spool
        .rewind()
        .and_then(|()| spool.read_to_end(&mut bytes))
        .map_err(|e| ApiError::Internal(format!("cannot read the spooled upload: {e}")))?;
    Ok(Upload {
        project,
        file_name,
        bytes,
        actor,
        request_id,
    })
}

pub(crate) async fn store_upload(
    state: &web::Data<AppState>,
    input: SpooledUpload,
) -> Result<upload::Stored, ApiError> {
    store_upload_as_service(state, input).await?.map_err(ApiError::from)
}

/// As [`store_upload`], keeping the service's own error (the pages word an import error by its kind).
pub(crate) async fn store_upload_as_service(
    state: &web::Data<AppState>,
    input: SpooledUpload,
) -> Result<Result<upload::Stored, crate::service::ServiceError>, ApiError> {
    let options = ImportOptions {
        limits: ImportLimits {
            max_input_bytes: state.limits.max_upload_bytes(),
            ..ImportLimits::default()
        },
        ..ImportOptions::default()
    };
    let state = state.clone();
    blocking(move || {
        let input = read_spool(input)?;
        Ok::<_, ApiError>(upload::upload(&state.pool, &state.classifier, &options, input))
    })
    .await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchListQuery {
    /// Only this project.
    pub project: Option<String>,
    /// `upload` or `erp`.
    #[param(value_type = Option<super::vocab::BatchSource>)]
    pub source: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/batches", tag = "batches", security(("bearer" = [])), params(BatchListQuery),
    responses((status = 200, body = BatchPage), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<BatchListQuery>,
) -> Result<web::Json<BatchPage>, ApiError> {
    let (limit, offset) = PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .bounds(state.limits.max_page_size)?;
    if let Some(source) = &query.source {
        if source != batches::SOURCE_UPLOAD && source != batches::SOURCE_ERP {
            return Err(ApiError::invalid("source", "must be upload or erp"));
        }
    }
    let filter = batches::BatchFilter {
        project: query.project.clone(),
        source: query.source.clone(),
    };
    let scope = who.scope().map(<[String]>::to_vec);
    let (rows, total) = blocking(move || {
        let mut conn = state.pool.get()?;
        batches::list(&mut conn, scope.as_deref(), &filter, limit, offset)
    })
    .await?;
    Ok(web::Json(BatchPage {
        items: rows.into_iter().map(BatchView::from).collect(),
        total,
        limit,
        offset,
    }))
}

/// The batch if it exists and the caller's token grants its project; 404 otherwise.
pub(crate) async fn visible_batch(
    who: &Identity,
    state: &web::Data<AppState>,
    id: String,
) -> Result<batches::Batch, ApiError> {
    let state = state.clone();
    let batch = blocking(move || {
        let mut conn = state.pool.get()?;
        batches::get(&mut conn, &id)
    })
    .await?
    .ok_or(ApiError::NotFound("batch"))?;
    who.require_project(&batch.project_id, "batch")?;
    Ok(batch)
}

#[utoipa::path(get, path = "/api/v1/batches/{batch}", tag = "batches", security(("bearer" = [])),
    params(("batch" = String, Path, description = "Batch id")),
    responses((status = 200, body = BatchView), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<BatchView>, ApiError> {
    let batch = visible_batch(&who, &state, path.into_inner()).await?;
    Ok(web::Json(BatchView::from(batch)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemListQuery {
    /// prohibited, military, dual_use, controlled, review or clear.
    #[param(value_type = Option<crate::Decision>)]
    pub decision: Option<String>,
    /// pending, on_hold, proposed, approved or rejected.
    #[param(value_type = Option<super::vocab::ReviewStatus>)]
    pub review_status: Option<String>,
    /// Text search in the description (case-insensitive).
    #[param(max_length = 200)]
    pub q: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/batches/{batch}/items", tag = "batches", security(("bearer" = [])),
    params(("batch" = String, Path, description = "Batch id"), ItemListQuery),
    responses((status = 200, body = ItemPage), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn items(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<ItemListQuery>,
) -> Result<web::Json<ItemPage>, ApiError> {
    let (limit, offset) = PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .bounds(state.limits.max_page_size)?;
    let mut errors = Vec::new();
    if let Some(d) = &query.decision {
        if d.parse::<crate::Decision>().is_err() {
            errors.push(super::error::FieldError {
                field: "decision".into(),
                message: "must be one of prohibited, military, dual_use, controlled, review, clear".into(),
            });
        }
    }
    if let Some(s) = &query.review_status {
        if !items::REVIEW_STATUSES.contains(&s.as_str()) {
            errors.push(super::error::FieldError {
                field: "review_status".into(),
                message: "must be one of pending, on_hold, proposed, approved, rejected".into(),
            });
        }
    }
    if query.q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        errors.push(super::error::FieldError {
            field: "q".into(),
            message: "is longer than 200 characters".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let batch = visible_batch(&who, &state, path.into_inner()).await?;
    let filter = items::ItemFilter {
        decision: query.decision.clone(),
        review_status: query.review_status.clone(),
        q: query.q.clone().filter(|q| !q.trim().is_empty()),
        by_severity: false,
    };
    let (rows, total) = blocking(move || {
        let mut conn = state.pool.get()?;
        items::list(&mut conn, &batch.id, &filter, limit, offset)
    })
    .await?;
    Ok(web::Json(ItemPage {
        items: rows.into_iter().map(|i| ItemView::new(i, false)).collect(),
        total,
        limit,
        offset,
    }))
}

#[utoipa::path(get, path = "/api/v1/batches/{batch}/problems", tag = "batches", security(("bearer" = [])),
    params(("batch" = String, Path, description = "Batch id"), PageQuery),
    responses((status = 200, body = ProblemPage), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn problems(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<ProblemPage>, ApiError> {
    let (limit, offset) = query.bounds(state.limits.max_page_size)?;
    let batch = visible_batch(&who, &state, path.into_inner()).await?;
    let (rows, total) = blocking(move || {
        let mut conn = state.pool.get()?;
        items::list_problems(&mut conn, &batch.id, limit, offset)
    })
    .await?;
    Ok(web::Json(ProblemPage {
        items: rows.into_iter().map(ProblemView::from).collect(),
        total,
        limit,
        offset,
    }))
}
