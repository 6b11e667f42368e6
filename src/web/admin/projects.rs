//! Projects: the list with a form to create one, and one project's page to describe it (name, partner country,
//! recipient, funding line), as `PUT /api/v1/projects/{id}` allows.

use super::{admin_only, admin_page, error_notice, refusal, saved_notice, segment, Section};
use crate::admin::projects as admin_projects;
use crate::api::error::ApiError;
use crate::api::{blocking, AppState};
use crate::db::projects::{self, Project, ProjectData};
use crate::web::error::WebError;
use crate::web::form::TextForm;
use crate::web::layout::{csrf_field, when};
use crate::web::session::Session;
use crate::web::{html, see_other, WebResult};
use actix_web::{web, HttpRequest};
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// The project form as typed.
#[derive(Debug, Default, Deserialize)]
pub struct ProjectForm {
    csrf: String,
    #[serde(default)]
    id: String,
    name: String,
    #[serde(default)]
    partner_country: String,
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    funding_line: String,
}

fn filled(value: &str) -> Option<&str> {
    let value = value.trim();
    (!value.is_empty()).then_some(value)
}

async fn all(state: &web::Data<AppState>) -> Result<Vec<Project>, WebError> {
    let state = state.clone();
    Ok(blocking(move || {
        let mut conn = state.pool.get()?;
        projects::list(&mut conn, None)
    })
    .await?)
}

pub async fn list(session: Session, state: web::Data<AppState>, query: web::Query<DoneQuery>) -> WebResult {
    admin_only(&session)?;
    let rows = all(&state).await?;
    Ok(html(list_page(
        &session,
        &rows,
        &ProjectForm::default(),
        None,
        query.done.as_deref(),
    )))
}

fn list_page(
    session: &Session,
    rows: &[Project],
    draft: &ProjectForm,
    error: Option<&str>,
    done: Option<&str>,
) -> Markup {
    let lang = session.lang;
    let body = html! {
        (saved_notice(lang, done))
        @if rows.is_empty() {
            p { (lang.tr("admin-projects-none")) }
        } @else {
            div.table-wrap { table {
                caption.visually-hidden { (lang.tr("admin-projects-title")) }
                thead { tr {
                    th scope="col" { (lang.tr("admin-project-id")) }
                    th scope="col" { (lang.tr("admin-project-name")) }
                    th scope="col" { (lang.tr("admin-project-partner-country")) }
                    th scope="col" { (lang.tr("admin-project-recipient")) }
                    th scope="col" { (lang.tr("admin-project-funding-line")) }
                    th scope="col" { (lang.tr("admin-user-created")) }
                } }
                tbody { @for p in rows { tr {
                    td { a href={ "/admin/projects/" (segment(&p.id)) } { (p.id) } }
                    td { (p.name) }
                    td { (p.partner_country.as_deref().unwrap_or("")) }
                    td { (p.recipient.as_deref().unwrap_or("")) }
                    td { (p.funding_line.as_deref().unwrap_or("")) }
                    td.nowrap { (when(p.created_at)) }
                } } }
            } }
        }
        section.card aria-labelledby="create-h" {
            h2 #create-h { (lang.tr("admin-project-create")) }
            (error_notice(error))
            form.admin-form method="post" action="/admin/projects" {
                (csrf_field(session))
                label for="id" { (lang.tr("admin-project-id")) }
                input #id type="text" name="id" required maxlength="64"
                    aria-describedby="id-hint" value=(draft.id);
                p.hint #id-hint { (lang.tr("admin-project-id-hint")) }
                (fields(session, draft))
                button.primary type="submit" { (lang.tr("admin-project-create-submit")) }
            }
        }
    };
    admin_page(session, &lang.tr("admin-projects-title"), Section::Projects, body)
}

fn fields(session: &Session, form: &ProjectForm) -> Markup {
    let lang = session.lang;
    html! {
        label for="pname" { (lang.tr("admin-project-name")) }
        input #pname type="text" name="name" required maxlength="200" value=(form.name);
        label for="partner_country" { (lang.tr("admin-project-partner-country")) }
        input #partner_country type="text" name="partner_country" maxlength="100" value=(form.partner_country);
        label for="recipient" { (lang.tr("admin-project-recipient")) }
        input #recipient type="text" name="recipient" maxlength="200" value=(form.recipient);
        label for="funding_line" { (lang.tr("admin-project-funding-line")) }
        input #funding_line type="text" name="funding_line" maxlength="200" value=(form.funding_line);
    }
}

/// Saves the form as project `id` (`creating`: refused if it exists); the project's page, or the form again
/// with the refusal.
async fn save(
    req: &HttpRequest,
    session: &Session,
    state: &web::Data<AppState>,
    id: String,
    form: ProjectForm,
    creating: bool,
) -> WebResult {
    session.check_form(req, &form.csrf)?;
    let actor = session.who.actor();
    let state2 = state.clone();
    let target = id.clone();
    let (outcome, form) = blocking(move || {
        let mut conn = state2.pool.get()?;
        if creating && projects::get(&mut conn, &target)?.is_some() {
            return Ok::<_, crate::db::DbError>((Err(None), form));
        }
        let data = ProjectData {
            name: form.name.trim(),
            partner_country: filled(&form.partner_country),
            recipient: filled(&form.recipient),
            funding_line: filled(&form.funding_line),
        };
        let saved = admin_projects::save(&mut conn, &actor, &target, &data, None, crate::db::now());
        Ok((saved.map_err(Some), form))
    })
    .await?;
    let lang = session.lang;
    let message = match outcome {
        Ok(_) => return Ok(see_other(&format!("/admin/projects/{}?done=project", segment(&id)))),
        Err(None) => lang.tr_args("admin-error-project-exists", &[("value", id.clone().into())]),
        Err(Some(e)) => refusal(lang, e)?,
    };
    let markup = if creating {
        list_page(session, &all(state).await?, &form, Some(&message), None)
    } else {
        project_page(session, &id, &form, Some(&message), None)
    };
    let mut response = html(markup);
    *response.status_mut() = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

pub async fn create(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    form: TextForm<ProjectForm>,
) -> WebResult {
    admin_only(&session)?;
    let form = form.into_inner();
    let id = form.id.trim().to_string();
    save(&req, &session, &state, id, form, true).await
}

pub async fn update(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: TextForm<ProjectForm>,
) -> WebResult {
    admin_only(&session)?;
    save(&req, &session, &state, path.into_inner(), form.into_inner(), false).await
}

pub async fn show(
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> WebResult {
    admin_only(&session)?;
    let id = path.into_inner();
    let state = state.clone();
    let lookup = id.clone();
    let project = blocking(move || {
        let mut conn = state.pool.get()?;
        projects::get(&mut conn, &lookup)
    })
    .await?
    .ok_or(WebError::Api(ApiError::NotFound("project")))?;
    let form = ProjectForm {
        name: project.name.clone(),
        partner_country: project.partner_country.clone().unwrap_or_default(),
        recipient: project.recipient.clone().unwrap_or_default(),
        funding_line: project.funding_line.clone().unwrap_or_default(),
        ..ProjectForm::default()
    };
    Ok(html(project_page(&session, &id, &form, None, query.done.as_deref())))
}

fn project_page(session: &Session, id: &str, form: &ProjectForm, error: Option<&str>, done: Option<&str>) -> Markup {
    let lang = session.lang;
    let body = html! {
        (saved_notice(lang, done))
        (error_notice(error))
        p { a href={ "/admin/audit?entity_type=project&entity_id=" (segment(id)) } { (lang.tr("admin-project-history")) } }
        section.card aria-labelledby="describe-h" {
            h2 #describe-h { (lang.tr("admin-project-describe")) }
            form.admin-form method="post" action={ "/admin/projects/" (segment(id)) } {
                (csrf_field(session))
                (fields(session, form))
                button.primary type="submit" { (lang.tr("admin-project-save")) }
            }
        }
    };
    let title = lang.tr_args("admin-project-title", &[("id", id.to_string().into())]);
    admin_page(session, &title, Section::Projects, body)
}
