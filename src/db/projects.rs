//! Projects: the unit of access. Tokens grant project ids.

use super::schema::projects;
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, serde::Serialize, utoipa::ToSchema)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub partner_country: Option<String>,
    /// Recipient force or agency.
    pub recipient: Option<String>,
    pub funding_line: Option<String>,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = projects, treat_none_as_default_value = false, treat_none_as_null = true)]
pub struct ProjectData<'a> {
    pub name: &'a str,
    pub partner_country: Option<&'a str>,
    pub recipient: Option<&'a str>,
    pub funding_line: Option<&'a str>,
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<Option<Project>, DbError> {
    Ok(projects::table.find(id).first::<Project>(conn).optional()?)
}

/// All projects (`None`) or only those named.
pub fn list(conn: &mut DbConnection, only: Option<&[String]>) -> Result<Vec<Project>, DbError> {
    let mut query = projects::table.order(projects::id).into_boxed();
    if let Some(ids) = only {
        query = query.filter(projects::id.eq_any(ids));
    }
    Ok(query.load::<Project>(conn)?)
}

/// Creates the project row if a token names a project the database has not seen yet (named after its id).
/// Concurrent first uploads to the same new project all succeed: the insert does nothing if another request
/// created the row first (`ON CONFLICT DO NOTHING` waits for that request's transaction on PostgreSQL).
pub fn ensure(conn: &mut DbConnection, id: &str) -> Result<(), DbError> {
    let exists = projects::table
        .find(id)
        .select(projects::id)
        .first::<String>(conn)
        .optional()?
        .is_some();
    if !exists {
        let row = (
            projects::id.eq(id),
            projects::name.eq(id),
            projects::created_at.eq(super::now()),
        );
        // The multi-backend connection has no ON CONFLICT: each backend runs its own (both support it).
        match conn {
            DbConnection::Pg(c) => diesel::insert_into(projects::table)
                .values(row)
                .on_conflict_do_nothing()
                .execute(c)?,
            DbConnection::Sqlite(c) => diesel::insert_into(projects::table)
                .values(row)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
    }
    Ok(())
}

/// Creates or updates a project; answers whether it was created.
pub fn upsert(conn: &mut DbConnection, id: &str, data: &ProjectData<'_>) -> Result<bool, DbError> {
    let updated = diesel::update(projects::table.find(id)).set(data).execute(conn)?;
    if updated > 0 {
        return Ok(false);
    }
    let row = (projects::id.eq(id), data, projects::created_at.eq(super::now()));
    let inserted = match conn {
        DbConnection::Pg(c) => diesel::insert_into(projects::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)?,
        DbConnection::Sqlite(c) => diesel::insert_into(projects::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)?,
    };
    if inserted == 0 {
        // Another request created it meanwhile: describe it as asked.
        diesel::update(projects::table.find(id)).set(data).execute(conn)?;
        return Ok(false);
    }
    Ok(true)
}
