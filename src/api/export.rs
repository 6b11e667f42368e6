//! A batch's items as CSV, in the same format as `equipcheck check --format csv` (formula-safe cells); its
//! decisions with their review as CSV or XLSX.

use super::batches::visible_batch;
use super::error::{ApiError, Problem};
use super::{blocking, AppState};
use crate::auth::Identity;
use crate::check::{CheckedItem, ReportSink, Summary};
use crate::classify::Classification;
use crate::db::{batches, items, DbError};
use crate::i18n::Lang;
use crate::import::{ImportedItem, ItemFields, SourceRow};
use crate::report::CsvReport;
use crate::review::{self, ExportFormat};
use actix_web::{web, HttpRequest, HttpResponse};

fn checked(item: items::Item) -> Result<CheckedItem, DbError> {
    let classification: Classification = serde_json::from_str(&item.classification)
        .map_err(|e| DbError::Corrupt(format!("item {}: classification: {e}", item.id)))?;
    let extra = item.extra_texts();
    Ok(CheckedItem {
        item: ImportedItem {
            extra,
            source: SourceRow {
                sheet: item.sheet,
                row: u32::try_from(item.row_number).unwrap_or(0),
            },
            fields: ItemFields {
                line_ref: item.line_ref,
                description: item.description,
                quantity: item.quantity,
                unit: item.unit,
                unit_price: item.unit_price,
                currency: item.currency,
                hs_code: item.hs_code,
                control_code: item.control_code,
                supplier: item.supplier,
                origin: item.origin,
                end_user: item.end_user,
                destination: item.destination,
            },
        },
        classification,
    })
}

#[utoipa::path(get, path = "/api/v1/batches/{batch}/export.csv", tag = "batches", security(("bearer" = [])),
    params(("batch" = String, Path, description = "Batch id")),
    responses((status = 200, description = "One CSV row per item with decision, entries, evidence and questions",
        content_type = "text/csv"), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn csv(who: Identity, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let batch = visible_batch(&who, &state, path.into_inner()).await?;
    csv_response(&state, batch).await
}

/// The CSV report of a batch the caller may see (the web page's download uses it too).
pub(crate) async fn csv_response(state: &web::Data<AppState>, batch: batches::Batch) -> Result<HttpResponse, ApiError> {
    let state = state.clone();
    let file = batch.file_name.clone();
    let id = batch.id.clone();
    let version = batch.catalog_version.clone();
    let file_name = review::file_name(&batch.project_id, batch.created_at, "items", "csv");
    let body = blocking(move || {
        let mut out = Vec::new();
        let io = |e: std::io::Error| DbError::Corrupt(format!("CSV export: {e}"));
        {
            let mut report = CsvReport::new(&mut out).map_err(io)?;
            report.begin_file(&file).map_err(io)?;
            let mut conn = state.pool.get()?;
            items::for_each_in_batch(&mut conn, &id, 2000, |item| report.item(&checked(item)?).map_err(io))?;
            report.finish(&Summary::default(), &version).map_err(io)?;
        }
        Ok::<_, DbError>(out)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{file_name}\"")))
        .body(body))
}

/// The decisions report; `lang` names the XLSX headers and labels (the CSV keeps machine names).
pub(crate) async fn decisions(
    who: Identity,
    state: web::Data<AppState>,
    batch: String,
    format: ExportFormat,
    lang: Lang,
) -> Result<HttpResponse, ApiError> {
    let scope = who.scope().map(<[String]>::to_vec);
    let export = blocking(move || {
        let mut conn = state.pool.get()?;
        let version = state.classifier.catalog_version().to_string();
        review::export_batch(&mut conn, scope.as_deref(), &batch, format, &version, lang)
    })
    .await
    .map_err(|e| match e {
        ApiError::NotFound(_) => ApiError::NotFound("batch"),
        e => e,
    })?;
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}\"", export.file_name),
        ))
        .body(export.bytes))
}

#[utoipa::path(get, path = "/api/v1/batches/{batch}/decisions.csv", tag = "review", security(("bearer" = [])),
    params(("batch" = String, Path, description = "Batch id")),
    responses((status = 200, description = "One row per item: row, description, decision, entries, evidence, review \
        status, reviewer, justification, date (formula-safe cells)", content_type = "text/csv"),
        (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn decisions_csv(
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    decisions(who, state, path.into_inner(), ExportFormat::Csv, Lang::En).await
}

#[utoipa::path(get, path = "/api/v1/batches/{batch}/decisions.xlsx", tag = "review", security(("bearer" = [])),
    params(("batch" = String, Path, description = "Batch id")),
    responses((status = 200, description = "Workbook for people: a sheet with the items (headers, decisions and \
        statuses in words of the Accept-Language, English by default; quantities and prices as numbers, times as \
        dates) and a summary sheet with counts per decision and status and the catalogue versions",
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn decisions_xlsx(
    req: HttpRequest,
    who: Identity,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    // English unless the client asks for another of the five languages.
    let lang = req
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::negotiate)
        .unwrap_or_default();
    decisions(who, state, path.into_inner(), ExportFormat::Xlsx, lang).await
}
