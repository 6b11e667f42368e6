//! `POST /api/v1/screen/parties`: names screened against the loaded sanctions lists, storing nothing. Thin: parse,
//! validate, ask [`crate::screening::parties::PartyScreening`], answer.

use super::error::{ApiError, Problem};
use super::items::validation_error;
use super::{body, AppState};
use crate::auth::Identity;
use crate::screening::parties::{ListVersion, PartyMatch, Settlement};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// Most names in one request.
pub const MAX_PARTIES: usize = 1000;

/// The role a party plays; says which line field a match would concern (not used for scoring).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    Supplier,
    Manufacturer,
    EndUser,
    Consignee,
}

#[derive(Debug, Deserialize, Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyQuery {
    /// The party's name as written (company or person; any script).
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub name: String,
    pub role: Option<PartyRole>,
    /// The party's country as written; echoed, not used for matching.
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub country: Option<String>,
}

#[derive(Debug, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenPartiesRequest {
    #[validate(length(min = 1, max = 1000), nested)]
    #[schema(min_items = 1, max_items = 1000)]
    pub parties: Vec<PartyQuery>,
}

/// A possible match, with the reviewer's settlement when one still holds for this name and entity.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ScreenedMatch {
    #[serde(flatten)]
    pub found: PartyMatch,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settled: Option<Settlement>,
}

/// One name of the request (echoed) with its matches.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ScreenedParty {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<PartyRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Best first; empty when no listed entity scores at the threshold.
    pub matches: Vec<ScreenedMatch>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ScreenPartiesResponse {
    /// The lists screened against, with their versions.
    pub lists: Vec<ListVersion>,
    /// The lowest score reported.
    pub threshold: f64,
    /// In the order of the request.
    pub results: Vec<ScreenedParty>,
}

#[utoipa::path(post, path = "/api/v1/screen/parties", tag = "erp", security(("bearer" = [])),
    request_body = ScreenPartiesRequest,
    responses((status = 200, description = "Per name, the listed entities it may be (list and version, entity id and \
        kind, the name that matched, programmes, score and why), and the list versions used",
        body = ScreenPartiesResponse),
        (status = 401, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem),
        (status = 503, description = "No sanctions list is loaded: nothing can be screened", body = Problem)))]
pub async fn screen_parties(
    req: HttpRequest,
    _who: Identity,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let request: ScreenPartiesRequest = body::parse_json(&bytes, state.limits.max_json_depth)?;
    request.validate().map_err(|e| validation_error(&e))?;
    let Some(screening) = state.classifier.parties().cloned() else {
        return Err(ApiError::Unavailable(
            "no sanctions list is loaded (see --lists-dir): parties cannot be screened".into(),
        ));
    };
    let answer = web::block(move || {
        let results = request
            .parties
            .into_iter()
            .map(|party| {
                let matches = screening
                    .screen(&party.name)
                    .into_iter()
                    .map(|found| ScreenedMatch {
                        settled: screening.settlement(&party.name, &found),
                        found,
                    })
                    .collect();
                ScreenedParty {
                    name: party.name,
                    role: party.role,
                    country: party.country,
                    matches,
                }
            })
            .collect();
        ScreenPartiesResponse {
            lists: screening.versions().to_vec(),
            threshold: screening.threshold(),
            results,
        }
    })
    .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// A reviewer's settlement: the line's supplier or end user `name` is not the listed `entity`.
#[derive(Debug, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettlePartyRequest {
    /// The supplier or end user exactly as the line has it (case, accents, legal form and word order aside).
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub name: String,
    /// The finding's `entry`: `LIST:entity id` (`US-OFAC-SDN:36050`).
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub entity: String,
    /// Why it is not the same entity (identifiers, address, registration compared).
    #[validate(length(min = 1, max = 4000))]
    #[schema(min_length = 1, max_length = 4000)]
    pub justification: String,
}

#[utoipa::path(post, path = "/api/v1/items/{item}/party-settlements", tag = "review", security(("bearer" = [])),
    params(("item" = i64, Path, description = "The item whose supplier or end user resembles a listed entity")),
    request_body = SettlePartyRequest,
    responses((status = 200, description = "Settled: the name is not raised against this entity again until the \
        list changes the entity's record; the item's own decision is untouched (approve or reject it as usual)",
        body = Settlement),
        (status = 401, body = Problem),
        (status = 403, description = "forbidden (role) or four_eyes (you uploaded, submitted or edited the line)",
            body = Problem),
        (status = 404, body = Problem), (status = 413, body = Problem),
        (status = 422, description = "invalid fields: the name is not the line's party, the lists do not match it \
            with this entity, or the justification will not do", body = Problem)))]
pub async fn settle_party(
    req: HttpRequest,
    who: Identity,
    meta: super::request_meta::RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let item = path.into_inner();
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let request: SettlePartyRequest = body::parse_json(&bytes, state.limits.max_json_depth)?;
    request.validate().map_err(|e| validation_error(&e))?;
    let caller = crate::review::Caller::new(&who, meta.request_id, meta.idempotency_key);
    let input = crate::review::PartySettlement {
        name: request.name,
        entity: request.entity,
        justification: request.justification,
    };
    let settlement = super::blocking(move || {
        let mut conn = state.pool.get()?;
        crate::review::settle_party(&mut conn, &state.classifier, &caller, item, &input, crate::db::now())
    })
    .await?;
    Ok(HttpResponse::Ok().json(settlement))
}
