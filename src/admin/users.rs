//! Accounts: create, change role and projects, disable and enable, reset the password. Every change ends the
//! account's browser sessions on every instance (`db::sessions`) and is audited with the state before and after.

use super::AdminError;
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::{valid_project_id, Role};
use crate::db::{self, sessions, users, DbConnection};
use chrono::NaiveDateTime;
use serde_json::json;

pub const MIN_PASSWORD_CHARS: usize = 12;

/// A checked account name, role and project list.
#[derive(Debug, Clone)]
pub struct Access {
    pub role: Role,
    pub projects: Vec<String>,
}

impl Access {
    /// Checks project ids and drops duplicates and blanks (a form may send the same project twice).
    pub fn new(role: Role, projects: impl IntoIterator<Item = String>) -> Result<Access, AdminError> {
        let mut kept: Vec<String> = Vec::new();
        for project in projects {
            let project = project.trim().to_string();
            if project.is_empty() || kept.contains(&project) {
                continue;
            }
            if !valid_project_id(&project) {
                return Err(AdminError::InvalidProject(project));
            }
            kept.push(project);
        }
        kept.sort();
        Ok(Access { role, projects: kept })
    }
}

/// What an administrator changes on an existing account.
#[derive(Debug, Clone)]
pub enum UserChange {
    Access(Access),
    Disable,
    Enable,
    /// A new password, already hashed ([`hash_password`]).
    Password {
        hash: String,
    },
}

impl UserChange {
    fn action(&self) -> &'static str {
        match self {
            UserChange::Access(_) => "change_user_access",
            UserChange::Disable => "disable_user",
            UserChange::Enable => "enable_user",
            UserChange::Password { .. } => "reset_password",
        }
    }
}

/// An account name as typed: 1-100 characters, no spaces at either end.
pub fn check_name(name: &str) -> Result<(), AdminError> {
    if name.is_empty() || name.chars().count() > 100 || name.trim() != name {
        return Err(AdminError::InvalidName);
    }
    Ok(())
}

/// Hashes a password an administrator typed (argon2: tens of milliseconds of CPU, run it off the async threads).
pub fn hash_password(password: &str) -> Result<String, AdminError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AdminError::ShortPassword);
    }
    crate::auth::password::hash(password).map_err(|e| AdminError::Hashing(e.to_string()))
}

/// A password to hand over once: 20 random letters and digits in groups of five, easy to read out.
pub fn generate_password() -> String {
    let raw = format!("{}", uuid::Uuid::new_v4().simple());
    let chars: Vec<char> = raw.chars().take(20).collect();
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The audited state of an account (never the password hash).
fn state(user: &users::User) -> serde_json::Value {
    json!({
        "name": user.name,
        "role": user.role,
        "projects": user.project_list().unwrap_or_default(),
        "disabled": user.disabled_at.is_some(),
    })
}

fn is_active_admin(user: &users::User) -> bool {
    user.role == Role::Admin.as_str() && user.disabled_at.is_none()
}

/// Creates an account with a password hash; refused if the name is taken.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    name: &str,
    access: &Access,
    password_hash: &str,
    now: NaiveDateTime,
) -> Result<(), AdminError> {
    check_name(name)?;
    db::write(conn, |c| {
        let created = users::create(c, name, password_hash, access.role.as_str(), &access.projects, now)?;
        if !created {
            return Err(AdminError::NameTaken(name.to_string()));
        }
        let after = users::get(c, name)?.map(|u| state(&u));
        let event = AuditEvent::new(actor, "create_user", "user", name).after(after.unwrap_or_default());
        audit::append(c, &event, now)?;
        Ok(())
    })
}

/// Applies `change` to the account `name`, ends its sessions and audits it; a change that would leave no enabled
/// administrator, or an administrator disabling themselves, is refused and the refusal audited.
pub fn change(
    conn: &mut DbConnection,
    actor: &Actor,
    name: &str,
    change: &UserChange,
    now: NaiveDateTime,
) -> Result<(), AdminError> {
    let outcome = db::write(conn, |c| {
        // Serialises administrative changes with every audited write, so two administrators demoting each
        // other at once cannot both pass the last-administrator check.
        db::audit::lock_chain(c)?;
        let before = users::get(c, name)?.ok_or_else(|| AdminError::NoSuchUser(name.to_string()))?;
        check_rules(c, actor, &before, change)?;
        match change {
            UserChange::Access(access) => users::set_access(c, name, access.role.as_str(), &access.projects)?,
            UserChange::Disable => users::set_disabled(c, name, Some(now))?,
            UserChange::Enable => users::set_disabled(c, name, None)?,
            UserChange::Password { hash } => users::set_password(c, name, hash)?,
        }
        let ended = sessions::revoke_subject(c, name, now)?;
        let after = users::get(c, name)?.ok_or_else(|| AdminError::NoSuchUser(name.to_string()))?;
        let mut after_state = state(&after);
        after_state["sessions_ended"] = json!(ended);
        let event = AuditEvent::new(actor, change.action(), "user", name)
            .before(state(&before))
            .after(after_state);
        audit::append(c, &event, now)?;
        Ok::<_, AdminError>(())
    });
    if let Err(refusal) = &outcome {
        if refusal.is_rule() {
            let event = AuditEvent::new(actor, change.action(), "user", name).refused(refusal.to_string());
            db::write(conn, |c| audit::append(c, &event, now).map(|_| ()))?;
        }
    }
    outcome
}

fn check_rules(
    conn: &mut DbConnection,
    actor: &Actor,
    before: &users::User,
    change: &UserChange,
) -> Result<(), AdminError> {
    if matches!(change, UserChange::Disable) && before.name == actor.subject {
        return Err(AdminError::DisableSelf);
    }
    let loses_admin = match change {
        UserChange::Access(access) => access.role != Role::Admin,
        UserChange::Disable => true,
        UserChange::Enable | UserChange::Password { .. } => false,
    };
    if loses_admin && is_active_admin(before) && users::active_admins(conn)? <= 1 {
        return Err(AdminError::LastAdmin);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_drops_blanks_and_duplicates_and_refuses_bad_project_ids() {
        let access = Access::new(Role::Officer, ["p2", " p1", "", "p2"].map(String::from)).unwrap();
        assert_eq!(access.projects, vec!["p1".to_string(), "p2".to_string()]);
        assert!(matches!(
            Access::new(Role::Officer, ["a b".to_string()]),
            Err(AdminError::InvalidProject(p)) if p == "a b"
        ));
    }

    #[test]
    fn names_and_passwords_are_checked() {
        assert!(check_name("amina").is_ok());
        assert!(check_name(" amina").is_err());
        assert!(check_name("").is_err());
        assert!(check_name(&"x".repeat(101)).is_err());
        assert!(matches!(hash_password("short"), Err(AdminError::ShortPassword)));
    }

    #[test]
    fn a_generated_password_is_long_random_and_readable() {
        let one = generate_password();
        assert_eq!(one.len(), 23);
        assert!(one.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        assert_ne!(one, generate_password());
    }
}
