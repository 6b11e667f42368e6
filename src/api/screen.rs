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
