//! ERP pre-check: classify one item or an array of items, storing nothing.

use super::error::{ApiError, Problem};
use super::items::validation_error;
use super::{body, AppState};
use crate::auth::Identity;
use crate::classify::{Classification, ItemText};
use crate::screening::Place;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use validator::Validate;

#[derive(Debug, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassifyItem {
    /// The caller's own reference for the line, echoed in the result (unique within one request).
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub line_ref: Option<String>,
    #[validate(length(min = 1, max = 4000))]
    #[schema(min_length = 1, max_length = 4000)]
    pub description: String,
    #[validate(length(max = 32))]
    #[schema(max_length = 32)]
    pub hs_code: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub control_code: Option<String>,
    /// Where the item goes (country name in five languages or ISO code): screened against restrictive measures.
    #[validate(length(max = 500))]
    pub destination: Option<String>,
    /// The end user's country, when the destination is not given.
    #[validate(length(max = 500))]
    pub end_user_country: Option<String>,
    /// Supplier or manufacturer: screened against the loaded sanctions lists.
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub supplier: Option<String>,
    /// End user or consignee: screened against the loaded sanctions lists.
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub end_user: Option<String>,
}

/// One item, or an array of items (answered with an array in the same order).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum ClassifyRequest {
    One(ClassifyItem),
    Many(Vec<ClassifyItem>),
}

/// The classification of one item, with the caller's `line_ref` when it sent one.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ClassifyResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_ref: Option<String>,
    #[serde(flatten)]
    pub classification: Classification,
}

/// A result, or an array of results in the order of the request.
#[allow(dead_code)]
#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum ClassifyResponse {
    One(ClassifyResult),
    Many(Vec<ClassifyResult>),
}

impl ClassifyItem {
    fn text(&self) -> ItemText<'_> {
        ItemText {
            description: &self.description,
            hs_code: self.hs_code.as_deref(),
            control_code: self.control_code.as_deref(),
            supplier: self.supplier.as_deref(),
            end_user: self.end_user.as_deref(),
            ..ItemText::default()
        }
    }

    fn place(&self) -> Place<'_> {
        Place {
            destination: self.destination.as_deref(),
            end_user_country: self.end_user_country.as_deref(),
            partner_country: None,
        }
    }
}

fn result(classifier: &crate::classify::Classifier, item: ClassifyItem) -> ClassifyResult {
    ClassifyResult {
        classification: classifier.classify_at(&item.text(), item.place()),
        line_ref: item.line_ref,
    }
}

/// Items above which the work moves to the blocking pool.
const INLINE_ITEMS: usize = 16;

#[utoipa::path(post, path = "/api/v1/classify", tag = "erp", security(("bearer" = [])),
    request_body = ClassifyRequest,
    responses((status = 200, description = "A classification (decision, catalog_version, findings with evidence, \
        questions), or an array of them in the order of the request, each with its line_ref",
        body = ClassifyResponse),
        (status = 401, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem)))]
pub async fn classify(
    req: HttpRequest,
    _who: Identity,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let request: ClassifyRequest = body::parse_json(&bytes, state.limits.max_json_depth)?;
    match request {
        ClassifyRequest::One(item) => {
            item.validate().map_err(|e| validation_error(&e))?;
            Ok(HttpResponse::Ok().json(result(&state.classifier, item)))
        }
        ClassifyRequest::Many(items) => {
            let max = state.limits.max_classify_items;
            if items.is_empty() || items.len() > max {
                return Err(ApiError::invalid("body", format!("must hold 1 to {max} items")));
            }
            let mut errors = Vec::new();
            let mut seen = std::collections::HashMap::new();
            for (i, item) in items.iter().enumerate() {
                if let Some(line_ref) = &item.line_ref {
                    if let Some(first) = seen.insert(line_ref.as_str(), i) {
                        errors.push(super::error::FieldError {
                            field: format!("[{i}].line_ref"),
                            message: format!("duplicates the line_ref of item [{first}]; each line needs its own"),
                        });
                    }
                }
                if let Err(e) = item.validate() {
                    errors.extend(
                        crate::service::orders::field_errors(&format!("[{i}]."), &e)
                            .into_iter()
                            .map(|(field, message)| super::error::FieldError { field, message }),
                    );
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            let results: Vec<ClassifyResult> = if items.len() <= INLINE_ITEMS {
                items.into_iter().map(|i| result(&state.classifier, i)).collect()
            } else {
                let classifier = state.classifier.clone();
                web::block(move || items.into_iter().map(|i| result(&classifier, i)).collect()).await?
            };
            Ok(HttpResponse::Ok().json(results))
        }
    }
}
