//! Review routes: a step on one item, the bulk approval of clear items, the queue. The rules are in
//! `crate::review`; these handlers parse, call it on the blocking pool and map the result.

use super::error::{ApiError, Problem};
use super::items::with_etag;
use super::request_meta::RequestMeta;
use super::views::ItemView;
use super::{blocking, body, AppState, PageQuery};
use crate::auth::Identity;
use crate::db::review::QueueFilter;
use crate::decision::Decision;
use crate::review::{self, Action, Caller};
use actix_web::{http::header, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One review step. `action` says which; the other fields it needs are required.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = ReviewStep)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// approve, reject, reclassify, confirm_reclassification, decline_reclassification, ask (a question to the
    /// uploader) or answer (the uploader's answer).
    #[schema(value_type = super::vocab::ReviewAction)]
    pub action: String,
    /// Why (every action but ask and answer): a real sentence, not a placeholder.
    pub justification: Option<String>,
    /// reclassify: the new decision (prohibited, military, dual_use, controlled, review, clear).
    #[schema(value_type = Option<crate::Decision>)]
    pub decision: Option<String>,
    /// reclassify: a catalogue entry code (optional).
    pub entry: Option<String>,
    /// ask: the question for the uploader.
    pub question: Option<String>,
    /// answer: the uploader's answer.
    pub answer: Option<String>,
    /// The item's version as last read (or send `If-Match: "<version>"`).
    pub version: Option<i64>,
}

fn required(field: &str, value: Option<String>) -> Result<String, ApiError> {
    value.ok_or_else(|| ApiError::invalid(field, "is required for this action"))
}

impl DecisionRequest {
    pub(crate) fn action(self) -> Result<Action, ApiError> {
        let justification = || required("justification", self.justification.clone());
        Ok(match self.action.as_str() {
            "approve" => Action::Approve {
                justification: justification()?,
            },
            "reject" => Action::Reject {
                justification: justification()?,
            },
            "reclassify" => Action::Reclassify {
                decision: required("decision", self.decision.clone())?
                    .parse::<Decision>()
                    .map_err(|_| {
                        ApiError::invalid(
                            "decision",
                            "must be prohibited, military, dual_use, controlled, review or clear",
                        )
                    })?,
                entry: self.entry.clone(),
                justification: justification()?,
            },
            "confirm_reclassification" => Action::Confirm {
                justification: justification()?,
            },
            "decline_reclassification" => Action::Decline {
                justification: justification()?,
            },
            "ask" => Action::Ask {
                question: required("question", self.question)?,
            },
            "answer" => Action::Answer {
                answer: required("answer", self.answer)?,
            },
            _ => {
                return Err(ApiError::invalid(
                    "action",
                    "must be approve, reject, reclassify, confirm_reclassification, decline_reclassification, \
                     ask or answer",
                ))
            }
        })
    }
}

/// The version the caller saw: `If-Match: "3"` (or `W/"3"`, or `3`) and/or `version`; they must agree.
pub(super) fn expected_version(req: &HttpRequest, body: Option<i64>) -> Result<i64, ApiError> {
    let header = match req.headers().get(header::IF_MATCH) {
        None => None,
        Some(value) => {
            let text = value.to_str().unwrap_or("").trim();
            let text = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
            Some(
                text.parse::<i64>()
                    .map_err(|_| ApiError::invalid("If-Match", "must be the item's version, e.g. \"3\""))?,
            )
        }
    };
    match (header, body) {
        (Some(h), Some(b)) if h != b => Err(ApiError::invalid("version", "differs from If-Match")),
        (Some(v), _) | (None, Some(v)) => Ok(v),
        (None, None) => Err(ApiError::PreconditionRequired(
            "send the item's version (If-Match or \"version\") so that concurrent decisions cannot overwrite \
             each other"
                .into(),
        )),
    }
}

#[utoipa::path(post, path = "/api/v1/items/{item}/decisions", tag = "review", security(("bearer" = [])),
    params(("item" = i64, Path, description = "Item id"),
        ("If-Match" = Option<String>, Header, description = "The item's version as last read, e.g. \"3\"")),
    request_body = DecisionRequest,
    responses((status = 200, description = "The item after the step, with the batch's review state", body = ItemView),
        (status = 401, body = Problem),
        (status = 403, description = "forbidden (role), four_eyes (own upload), four_eyes_party (you edited or \
            re-submitted the item), second_reviewer_required, not_uploader", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "version_conflict (someone else acted first) or invalid_state", body = Problem),
        (status = 422, description = "prohibited_item (a prohibited item is never approved), \
            two_reviewers_required (an item ever prohibited, not yet lowered by two reviewers) or invalid fields",
            body = Problem),
        (status = 428, description = "no version given", body = Problem)))]
pub async fn decide(
    req: HttpRequest,
    who: Identity,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let request: DecisionRequest = body::parse_json(&bytes, state.limits.max_json_depth)?;
    let version = expected_version(&req, request.version)?;
    let action = request.action()?;
    let caller = Caller::new(&who, meta.request_id, meta.idempotency_key);
    let state2 = state.clone();
    let outcome = blocking(move || {
        let mut conn = state.pool.get()?;
        review::decide(
            &mut conn,
            &state.classifier,
            &caller,
            id,
            version,
            &action,
            crate::db::now(),
        )
    })
    .await?;
    let mut view = super::items::with_history(&state2, outcome.item).await?;
    view.batch_state = Some(outcome.batch_state.as_str().to_string());
    Ok(with_etag(view))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveClearRequest {
    /// Why these items may be delivered.
    pub justification: String,
    /// Only these items (ids); default: every pending clear item of the batch.
    pub items: Option<Vec<i64>>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApproveClearResponse {
    /// Ids of the items approved (each has its own audit record).
    pub approved: Vec<i64>,
    pub count: usize,
    /// Pending clear items left out, with why: `two_reviewers_required` (ever screened prohibited: approve it
    /// on its own once two reviewers lowered it) or `four_eyes_party` (you edited or re-submitted it).
    pub skipped: Vec<SkippedItem>,
    /// The batch's review state afterwards.
    #[schema(value_type = super::vocab::BatchReviewState)]
    pub batch_state: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SkippedItem {
    pub id: i64,
    pub code: String,
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/batches/{batch}/approve-clear", tag = "review", security(("bearer" = [])),
    params(("batch" = String, Path, description = "Batch id")), request_body = ApproveClearRequest,
    responses((status = 200, description = "Every pending clear item approved; other items are left alone",
        body = ApproveClearResponse), (status = 401, body = Problem),
        (status = 403, description = "forbidden (role) or four_eyes (own upload)", body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn approve_clear(
    req: HttpRequest,
    who: Identity,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<web::Json<ApproveClearResponse>, ApiError> {
    let batch = path.into_inner();
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let request: ApproveClearRequest = body::parse_json(&bytes, state.limits.max_json_depth)?;
    let caller = Caller::new(&who, meta.request_id, meta.idempotency_key);
    let outcome = blocking(move || {
        let mut conn = state.pool.get()?;
        review::approve_clear(
            &mut conn,
            &state.classifier,
            &caller,
            &batch,
            request.items.as_deref(),
            &request.justification,
            crate::db::now(),
        )
    })
    .await
    .map_err(|e| match e {
        ApiError::NotFound(_) => ApiError::NotFound("batch"),
        e => e,
    })?;
    Ok(web::Json(ApproveClearResponse {
        count: outcome.approved.len(),
        approved: outcome.approved,
        skipped: outcome
            .skipped
            .into_iter()
            .map(|(id, refusal)| SkippedItem {
                id,
                code: refusal.code().to_string(),
                reason: refusal.message().to_string(),
            })
            .collect(),
        batch_state: outcome.batch_state.as_str().to_string(),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// One project (default: every project of the token).
    pub project: Option<String>,
    pub batch: Option<String>,
    /// prohibited, military, dual_use, controlled, review or clear.
    #[param(value_type = Option<crate::Decision>)]
    pub decision: Option<String>,
    /// A catalogue entry code (ML1.a, 6A003).
    pub entry: Option<String>,
    /// Text search in the description.
    pub q: Option<String>,
    /// One review status; default: everything awaiting a human (pending, on_hold, proposed).
    #[param(value_type = Option<super::vocab::ReviewStatus>)]
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    pub project: String,
    pub batch_created_at: chrono::DateTime<chrono::Utc>,
    /// Who uploaded or submitted the batch (four eyes: they never decide on it).
    pub uploaded_by: String,
    /// Whether the caller may take a review step on it (a reviewer or admin who did not upload it).
    pub may_decide: bool,
    #[serde(flatten)]
    pub item: ItemView,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub total: i64,
    /// Items per review status under the same filters (status aside).
    pub counts: BTreeMap<String, i64>,
    pub limit: i64,
    pub offset: i64,
}

#[utoipa::path(get, path = "/api/v1/review/queue", tag = "review", security(("bearer" = [])),
    params(QueueQuery),
    responses((status = 200, description = "Items awaiting a decision, oldest batch first", body = QueuePage),
        (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn queue(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<QueueQuery>,
) -> Result<web::Json<QueuePage>, ApiError> {
    let query = query.into_inner();
    let (limit, offset) = PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .bounds(state.limits.max_page_size)?;
    let filter = QueueFilter {
        project: query.project,
        batch: query.batch,
        decision: query.decision,
        entry: query.entry,
        q: query.q,
        status: query.status,
        ..QueueFilter::default()
    };
    let scope = who.scope().map(<[String]>::to_vec);
    let may_review = who.has_role(&[crate::auth::Role::Reviewer, crate::auth::Role::Admin]);
    let queue = blocking(move || {
        let mut conn = state.pool.get()?;
        review::queue(&mut conn, scope.as_deref(), &filter, limit, offset)
    })
    .await?;
    Ok(web::Json(QueuePage {
        items: queue
            .entries
            .into_iter()
            .map(|e| QueueItem {
                may_decide: may_review && !e.is_party(&who.sub),
                uploaded_by: e.uploaded_by,
                project: e.project,
                batch_created_at: e.batch_created_at.and_utc(),
                item: ItemView::new(e.item, false),
            })
            .collect(),
        total: queue.total,
        counts: queue.counts.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        limit,
        offset,
    }))
}
