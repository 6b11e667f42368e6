//! Projects: listed within the token's scope; created and described by admins.

use super::error::{ApiError, Problem};
use super::items::validation_error;
use super::{blocking, body, AppState};
use crate::admin::AdminError;
use crate::auth::{Identity, Role};
use crate::db::projects::{self, Project, ProjectData};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use validator::Validate;

#[utoipa::path(get, path = "/api/v1/projects", tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = Vec<Project>), (status = 401, body = Problem)))]
pub async fn list(who: Identity, state: web::Data<AppState>) -> Result<web::Json<Vec<Project>>, ApiError> {
    let scope = who.scope().map(<[String]>::to_vec);
    let rows = blocking(move || {
        let mut conn = state.pool.get()?;
        projects::list(&mut conn, scope.as_deref())
    })
    .await?;
    Ok(web::Json(rows))
}

#[derive(Debug, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub partner_country: Option<String>,
    /// Recipient force or agency.
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub recipient: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub funding_line: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/projects/{project}", tag = "projects", security(("bearer" = [])),
    params(("project" = String, Path, description = "Project id (letters, digits, - _ .)")), request_body = ProjectRequest,
    responses((status = 201, body = Project), (status = 200, body = Project), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn put(
    req: HttpRequest,
    who: Identity,
    meta: super::request_meta::RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    who.require(&[Role::Admin])?;
    let id = path.into_inner();
    project_id(&id)?;
    let bytes = body::read_body(&req, payload, state.limits.max_json_bytes()).await?;
    let request: ProjectRequest = body::parse_json(&bytes, state.limits.max_json_depth)?;
    request.validate().map_err(|e| validation_error(&e))?;
    let (created, project) = blocking(move || {
        let mut conn = state.pool.get().map_err(crate::db::DbError::from)?;
        let data = ProjectData {
            name: &request.name,
            partner_country: request.partner_country.as_deref(),
            recipient: request.recipient.as_deref(),
            funding_line: request.funding_line.as_deref(),
        };
        let created = crate::admin::projects::save(
            &mut conn,
            &who.actor(),
            &id,
            &data,
            meta.request_id.as_deref(),
            crate::db::now(),
        )
        .map_err(admin_error)?;
        let project = projects::get(&mut conn, &id)?;
        Ok::<_, ApiError>((created, project))
    })
    .await?;
    let project = project.ok_or(ApiError::NotFound("project"))?;
    let mut response = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(response.json(project))
}

/// 422 unless `project` is a well-formed project id (the document's pattern for every `{project}` in a path).
pub(crate) fn project_id(project: &str) -> Result<(), ApiError> {
    if crate::auth::valid_project_id(project) {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "project",
            "must be 1-64 letters, digits, '-', '_' or '.'",
        ))
    }
}

fn admin_error(e: AdminError) -> ApiError {
    match e {
        AdminError::Db(e) => e.into(),
        AdminError::InvalidProject(_) => ApiError::invalid("project", "must be 1-64 letters, digits, '-', '_' or '.'"),
        other => ApiError::invalid("name", other.to_string()),
    }
}
