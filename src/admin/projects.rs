//! Projects: created and described by administrators (the API's `PUT /api/v1/projects/{id}` and the pages), each
//! change audited with the project before and after.

use super::AdminError;
use crate::audit::{self, Actor, AuditEvent};
use crate::db::projects::{self, Project, ProjectData};
use crate::db::{self, DbConnection};
use chrono::NaiveDateTime;

/// Creates or describes project `id`; answers whether it was created.
pub fn save(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    data: &ProjectData<'_>,
    request_id: Option<&str>,
    now: NaiveDateTime,
) -> Result<bool, AdminError> {
    if !crate::auth::valid_project_id(id) {
        return Err(AdminError::InvalidProject(id.to_string()));
    }
    if data.name.trim().is_empty() || data.name.chars().count() > 200 {
        return Err(AdminError::InvalidProjectName);
    }
    Ok(db::write(conn, |c| {
        let before = projects::get(c, id)?;
        let created = projects::upsert(c, id, data)?;
        let after = projects::get(c, id)?;
        let state = |p: Option<Project>| serde_json::to_value(p).unwrap_or_default();
        let event = AuditEvent::new(
            actor,
            if created { "create_project" } else { "describe_project" },
            "project",
            id,
        )
        .project(id)
        .before(state(before))
        .after(state(after))
        .request_id(request_id);
        audit::append(c, &event, now)?;
        Ok::<_, db::DbError>(created)
    })?)
}
