//! Accounts: the list with a form to create one, and one account's page (role and projects, disable or enable,
//! password reset). A generated password is shown once, on the answer to the form that made it.

use super::{admin_only, admin_page, error_notice, refusal, saved_notice, segment, Section};
use crate::admin::users::{self as accounts, Access, UserChange};
use crate::admin::AdminError;
use crate::api::error::ApiError;
use crate::api::{blocking, AppState};
use crate::auth::Role;
use crate::db::{projects, users};
use crate::i18n::Lang;
use crate::web::error::WebError;
use crate::web::form::TextForm;
use crate::web::layout::{csrf_field, when};
use crate::web::session::Session;
use crate::web::{html, see_other, WebResult};
use actix_web::{web, HttpRequest};
use maud::{html, Markup};
use serde::Deserialize;

/// The roles people sign in with (service accounts, `erp`, get tokens instead).
const ROLES: [Role; 4] = [Role::Officer, Role::Reviewer, Role::Monitor, Role::Admin];

fn role_name(lang: Lang, role: &str) -> String {
    lang.tr(&format!("admin-role-{role}"))
}

pub async fn start(session: Session) -> WebResult {
    admin_only(&session)?;
    Ok(see_other("/admin/users"))
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// What the create form had, to show it again when it was refused.
#[derive(Debug, Default)]
struct Draft {
    name: String,
    role: Option<Role>,
    projects: Vec<String>,
}

async fn load_all(state: &web::Data<AppState>) -> Result<(Vec<users::User>, Vec<projects::Project>), WebError> {
    let state = state.clone();
    Ok(blocking(move || {
        let mut conn = state.pool.get()?;
        Ok::<_, crate::db::DbError>((users::list(&mut conn)?, projects::list(&mut conn, None)?))
    })
    .await?)
}

pub async fn list(session: Session, state: web::Data<AppState>, query: web::Query<DoneQuery>) -> WebResult {
    admin_only(&session)?;
    let (accounts, projects) = load_all(&state).await?;
    Ok(html(list_page(
        &session,
        &accounts,
        &projects,
        &Draft::default(),
        None,
        query.done.as_deref(),
    )))
}

fn list_page(
    session: &Session,
    accounts: &[users::User],
    projects: &[projects::Project],
    draft: &Draft,
    error: Option<&str>,
    done: Option<&str>,
) -> Markup {
    let lang = session.lang;
    let body = html! {
        (saved_notice(lang, done))
        div.table-wrap {
            table {
                caption.visually-hidden { (lang.tr("admin-users-title")) }
                thead { tr {
                    th scope="col" { (lang.tr("admin-user-name")) }
                    th scope="col" { (lang.tr("admin-user-role")) }
                    th scope="col" { (lang.tr("admin-user-projects")) }
                    th scope="col" { (lang.tr("admin-user-status")) }
                    th scope="col" { (lang.tr("admin-user-created")) }
                } }
                tbody { @for u in accounts {
                    tr {
                        td { a href={ "/admin/users/" (segment(&u.name)) } { (u.name) } }
                        td { (role_name(lang, &u.role)) }
                        td { (u.project_list().unwrap_or_default().join(", ")) }
                        td { (status(lang, u)) }
                        td.nowrap { (when(u.created_at)) }
                    }
                } }
            }
        }
        section.card aria-labelledby="create-h" {
            h2 #create-h { (lang.tr("admin-user-create")) }
            (error_notice(error))
            form.admin-form method="post" action="/admin/users" {
                (csrf_field(session))
                label for="name" { (lang.tr("admin-user-name")) }
                input #name type="text" name="name" required maxlength="100" autocomplete="off" value=(draft.name);
                (role_select(lang, draft.role.unwrap_or(Role::Officer)))
                (project_choice(lang, projects, &draft.projects))
                (password_field(lang))
                button.primary type="submit" { (lang.tr("admin-user-create-submit")) }
            }
        }
    };
    admin_page(session, &lang.tr("admin-users-title"), Section::Users, body)
}

fn status(lang: Lang, user: &users::User) -> String {
    match user.disabled_at {
        Some(at) => lang.tr_args("admin-status-disabled-since", &[("when", when(at).into())]),
        None => lang.tr("admin-status-active"),
    }
}

fn role_select(lang: Lang, current: Role) -> Markup {
    html! {
        label for="role" { (lang.tr("admin-user-role")) }
        select #role name="role" {
            @for role in ROLES {
                option value=(role.as_str()) selected[role == current] { (role_name(lang, role.as_str())) }
            }
        }
    }
}

/// Known projects as check boxes, and a field for projects not created yet.
fn project_choice(lang: Lang, projects: &[projects::Project], chosen: &[String]) -> Markup {
    let unknown: Vec<&str> = chosen
        .iter()
        .filter(|c| !projects.iter().any(|p| &p.id == *c))
        .map(String::as_str)
        .collect();
    html! {
        fieldset {
            legend { (lang.tr("admin-user-projects")) }
            @if projects.is_empty() { p.hint { (lang.tr("admin-user-no-projects")) } }
            @for p in projects {
                label.check {
                    input type="checkbox" name="project" value=(p.id) checked[chosen.contains(&p.id)];
                    " " (p.id) @if p.name != p.id { " · " (p.name) }
                }
            }
            label for="new_projects" { (lang.tr("admin-user-new-projects")) }
            input #new_projects type="text" name="new_projects" maxlength="1000" value=(unknown.join(", "))
                aria-describedby="new-projects-hint";
            p.hint #new-projects-hint { (lang.tr("admin-user-new-projects-hint")) }
        }
    }
}

fn password_field(lang: Lang) -> Markup {
    html! {
        label for="password" { (lang.tr("admin-user-password")) }
        input #password type="password" name="password" maxlength="1024" autocomplete="new-password"
            aria-describedby="password-hint";
        p.hint #password-hint { (lang.tr_args("admin-user-password-hint",
            &[("min", accounts::MIN_PASSWORD_CHARS.into())])) }
    }
}

/// The form's fields as pairs: check boxes repeat `project`, which a struct cannot take.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    fn one(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    fn projects(&self) -> Vec<String> {
        let ticked = self.0.iter().filter(|(k, _)| k == "project").map(|(_, v)| v.clone());
        let typed = self
            .one("new_projects")
            .split([',', ' ', ';'])
            .map(str::to_string)
            .collect::<Vec<_>>();
        ticked.chain(typed).collect()
    }

    fn role(&self) -> Result<Role, WebError> {
        self.one("role")
            .parse::<Role>()
            .ok()
            .filter(|r| ROLES.contains(r))
            .ok_or_else(|| WebError::Api(ApiError::invalid("role", "choose one of the roles offered")))
    }
}

/// The password typed, or a generated one to show once; hashed off the async threads.
async fn new_password(typed: &str) -> Result<(Result<String, AdminError>, Option<String>), WebError> {
    let (password, generated) = if typed.is_empty() {
        let p = accounts::generate_password();
        (p.clone(), Some(p))
    } else {
        (typed.to_string(), None)
    };
    let hash = web::block(move || accounts::hash_password(&password)).await?;
    Ok((hash, generated))
}

pub async fn create(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    form: TextForm<Fields>,
) -> WebResult {
    admin_only(&session)?;
    let fields = form.into_inner();
    session.check_form(&req, fields.one("csrf"))?;
    let lang = session.lang;
    let role = fields.role()?;
    let name = fields.one("name").to_string();
    let draft = Draft {
        name: name.clone(),
        role: Some(role),
        projects: fields.projects(),
    };
    let (hash, generated) = new_password(fields.one("password")).await?;
    let actor = session.who.actor();
    let state2 = state.clone();
    let outcome = blocking(move || {
        let mut conn = state2.pool.get()?;
        let result = Access::new(role, draft.projects.clone())
            .and_then(|access| Ok((access, hash?)))
            .and_then(|(access, hash)| accounts::create(&mut conn, &actor, &name, &access, &hash, crate::db::now()));
        Ok::<_, crate::db::DbError>((result, draft))
    })
    .await?;
    match outcome {
        (Ok(()), draft) => match generated {
            Some(password) => show_page(&session, &state, &draft.name, Some(Shown::Password(password)), None).await,
            None => Ok(see_other(&format!(
                "/admin/users/{}?done=created",
                segment(&draft.name)
            ))),
        },
        (Err(e), draft) => {
            let message = refusal(lang, e)?;
            let (accounts, projects) = load_all(&state).await?;
            let mut response = html(list_page(&session, &accounts, &projects, &draft, Some(&message), None));
            *response.status_mut() = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
    }
}

pub async fn show(
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> WebResult {
    admin_only(&session)?;
    let shown = query.done.clone().map(Shown::Done);
    show_page(&session, &state, &path.into_inner(), shown, None).await
}

/// What the account page says above its forms.
enum Shown {
    Done(String),
    /// A generated password, shown this once.
    Password(String),
}

async fn show_page(
    session: &Session,
    state: &web::Data<AppState>,
    name: &str,
    shown: Option<Shown>,
    error: Option<&str>,
) -> WebResult {
    let lang = session.lang;
    let (accounts, projects) = load_all(state).await?;
    let user = accounts
        .into_iter()
        .find(|u| u.name == name)
        .ok_or(WebError::Api(ApiError::NotFound("user")))?;
    let base = format!("/admin/users/{}", segment(&user.name));
    let chosen = user.project_list().unwrap_or_default();
    let current = user.role.parse::<Role>().unwrap_or(Role::Officer);
    let body = html! {
        @match &shown {
            Some(Shown::Done(done)) => (saved_notice(lang, Some(done))),
            Some(Shown::Password(password)) => div.notice role="status" {
                p { (lang.tr("admin-password-generated")) }
                p { code.secret { (password) } }
                p.hint { (lang.tr("admin-password-generated-hint")) }
            },
            None => {}
        }
        (error_notice(error))
        dl.fields {
            dt { (lang.tr("admin-user-role")) } dd { (role_name(lang, &user.role)) }
            dt { (lang.tr("admin-user-projects")) } dd { (chosen.join(", ")) }
            dt { (lang.tr("admin-user-status")) } dd { (status(lang, &user)) }
            dt { (lang.tr("admin-user-created")) } dd { (when(user.created_at)) }
        }
        p { a href={ "/admin/audit?entity_type=user&entity_id=" (segment(&user.name)) } { (lang.tr("admin-user-history")) } }
        section.card aria-labelledby="access-h" {
            h2 #access-h { (lang.tr("admin-user-access")) }
            form.admin-form method="post" action={ (base) "/access" } {
                (csrf_field(session))
                (role_select(lang, current))
                (project_choice(lang, &projects, &chosen))
                p.hint { (lang.tr("admin-sessions-end-hint")) }
                button.primary type="submit" { (lang.tr("admin-user-access-submit")) }
            }
        }
        section.card aria-labelledby="password-h" {
            h2 #password-h { (lang.tr("admin-user-reset-password")) }
            form.admin-form method="post" action={ (base) "/password" } {
                (csrf_field(session))
                (password_field(lang))
                button type="submit" { (lang.tr("admin-user-reset-password-submit")) }
            }
        }
        section.card aria-labelledby="status-h" {
            h2 #status-h { (lang.tr("admin-user-status")) }
            @if user.disabled_at.is_some() {
                form method="post" action={ (base) "/enable" } {
                    (csrf_field(session))
                    button type="submit" { (lang.tr("admin-user-enable")) }
                }
            } @else {
                form method="post" action={ (base) "/disable" } {
                    (csrf_field(session))
                    p.hint { (lang.tr("admin-user-disable-hint")) }
                    button.danger type="submit" { (lang.tr("admin-user-disable")) }
                }
            }
        }
    };
    let title = lang.tr_args("admin-user-title", &[("name", user.name.clone().into())]);
    Ok(html(admin_page(session, &title, Section::Users, body)))
}

pub async fn change(
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: TextForm<Fields>,
) -> WebResult {
    admin_only(&session)?;
    let (name, which) = path.into_inner();
    let fields = form.into_inner();
    session.check_form(&req, fields.one("csrf"))?;
    let mut generated = None;
    let change = match which.as_str() {
        "access" => Access::new(fields.role()?, fields.projects()).map(UserChange::Access),
        "disable" => Ok(UserChange::Disable),
        "enable" => Ok(UserChange::Enable),
        "password" => {
            let (hash, shown) = new_password(fields.one("password")).await?;
            generated = shown;
            hash.map(|hash| UserChange::Password { hash })
        }
        _ => return Err(WebError::Api(ApiError::NotFound("page"))),
    };
    let actor = session.who.actor();
    let target = name.clone();
    let state2 = state.clone();
    let outcome = blocking(move || {
        let mut conn = state2.pool.get()?;
        Ok::<_, crate::db::DbError>(
            change.and_then(|change| accounts::change(&mut conn, &actor, &target, &change, crate::db::now())),
        )
    })
    .await?;
    match outcome {
        Ok(()) => match generated {
            Some(password) => show_page(&session, &state, &name, Some(Shown::Password(password)), None).await,
            // Administrators who change their own account end their own session too: sign in again.
            None if name == session.who.sub => Ok(see_other("/login")),
            None => Ok(see_other(&format!("/admin/users/{}?done={which}", segment(&name)))),
        },
        Err(e) => {
            let message = refusal(session.lang, e)?;
            let mut response = show_page(&session, &state, &name, None, Some(&message)).await?;
            *response.status_mut() = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
    }
}
