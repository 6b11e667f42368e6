//! Identity and access: JWT validation with a pinned algorithm, roles, project scoping, passwords.

mod error;
pub mod extract;
pub mod hashing;
pub mod jwt;
pub mod password;

pub use error::AuthError;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Uploads and reads their projects.
    Officer,
    /// Reads and reviews their projects.
    Reviewer,
    /// End-use monitoring of their projects (reads).
    Monitor,
    /// Projects, users, everything, in every project.
    Admin,
    /// Service accounts: classify, submit purchase orders, read.
    Erp,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Officer, Role::Reviewer, Role::Monitor, Role::Admin, Role::Erp];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Reviewer => "reviewer",
            Role::Monitor => "monitor",
            Role::Admin => "admin",
            Role::Erp => "erp",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown role {s:?}; roles are officer, reviewer, monitor, admin, erp"))
    }
}

/// The claims of every token; all of `sub`, `exp`, `iss`, `aud` are required.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    #[serde(default)]
    pub projects: Vec<String>,
    pub exp: u64,
    #[serde(default)]
    pub iat: u64,
    pub iss: String,
    pub aud: String,
    /// Authentication methods (RFC 8176): `["pwd"]` on tokens issued by `/auth/login`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amr: Vec<String>,
}

/// Who is calling, from a verified token.
#[derive(Debug, Clone)]
pub struct Identity {
    pub sub: String,
    pub role: Role,
    pub projects: Vec<String>,
    /// How the caller authenticated, for the audit trail: `password` (a token from `/auth/login`) or
    /// `jwt:<ALG>` (a token minted elsewhere and verified with the configured key).
    pub auth_method: String,
}

impl Identity {
    /// The caller as the audit trail records them.
    pub fn actor(&self) -> crate::audit::Actor {
        crate::audit::Actor::new(self.sub.clone(), self.role.as_str(), self.auth_method.clone())
    }

    /// Whether the token grants this project (admins see every project).
    pub fn can_see(&self, project: &str) -> bool {
        self.role == Role::Admin || self.projects.iter().any(|p| p == project)
    }

    /// The projects to restrict listings to; `None` for admins (every project).
    pub fn scope(&self) -> Option<&[String]> {
        (self.role != Role::Admin).then_some(self.projects.as_slice())
    }

    pub fn has_role(&self, roles: &[Role]) -> bool {
        roles.contains(&self.role)
    }
}

/// A project id as used in tokens and URLs: 1 to 64 letters, digits, `-`, `_` or `.`.
pub fn valid_project_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}
