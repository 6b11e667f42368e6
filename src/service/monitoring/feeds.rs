//! Secret calendar-feed URLs: calendar apps cannot send a bearer token, so a project's feed of inspections is
//! also served at an unguessable URL. Only the token's SHA-256 is stored; creating a feed again rotates it (the
//! old URL stops working), revoking removes it. Every change is audited, never with the token itself.

use super::{audit, reports, run, MonitoringError, Outcome, Who};
use crate::db::monitoring::feeds as store;
use crate::db::{self, projects, DbConnection};
use chrono::NaiveDateTime;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// A new feed token, shown once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CalendarFeed {
    pub project: String,
    /// The secret; keep it like a password. Only its hash is stored.
    pub token: String,
    /// Path of the feed (no bearer token needed): `/api/v1/feeds/{token}/inspections.ics`.
    pub path: String,
    /// True when an earlier token was replaced (its URL no longer works).
    pub rotated: bool,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: NaiveDateTime,
}

/// Creates the project's feed token, or rotates it when there is one.
pub fn create(conn: &mut DbConnection, who: &Who, project: &str) -> Outcome<CalendarFeed> {
    who.check(project, "project")?;
    projects::get(conn, project)?.ok_or(MonitoringError::NotFound("project"))?;
    let token = new_token();
    let created_at = db::now();
    run(conn, |conn| {
        let rotated = store::replace(conn, project, &hash(&token), &who.actor.subject, created_at)?;
        let action = if rotated {
            "rotate_calendar_feed"
        } else {
            "create_calendar_feed"
        };
        let after = serde_json::json!({"created_by": who.actor.subject, "rotated": rotated});
        audit(conn, who.event(action, "calendar_feed", project, project).after(after))?;
        Ok(CalendarFeed {
            project: project.to_string(),
            path: format!("/api/v1/feeds/{token}/inspections.ics"),
            token: token.clone(),
            rotated,
            created_at,
        })
    })
}

/// Revokes the project's feed token: its URL answers 404 from now on.
pub fn revoke(conn: &mut DbConnection, who: &Who, project: &str) -> Outcome<()> {
    who.check(project, "project")?;
    run(conn, |conn| {
        if !store::revoke(conn, project)? {
            return Err(MonitoringError::NotFound("calendar feed"));
        }
        audit(
            conn,
            who.event("revoke_calendar_feed", "calendar_feed", project, project),
        )
    })
}

/// The feed of the project this token belongs to; unknown and revoked tokens are "not found".
pub fn calendar_by_token(conn: &mut DbConnection, token: &str) -> Outcome<String> {
    let project = store::project_of(conn, &hash(token))?.ok_or(MonitoringError::NotFound("calendar feed"))?;
    reports::project_calendar(conn, &project)
}

/// 256 bits from the operating system's generator (two v4 UUIDs carry 244 random bits), as 64 hex characters.
fn new_token() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_stored_only_as_hashes() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), a);
        assert_eq!(hash(&a), hash(&a));
    }
}
