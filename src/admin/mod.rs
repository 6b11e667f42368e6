//! Administration: accounts (create, role and projects, disable, password reset) and projects, with the rules
//! that keep an installation usable (at least one enabled administrator) and every change audited in the same
//! transaction. Synchronous and free of HTTP: the pages in `web::admin` and the API call these functions.

pub mod projects;
pub mod users;

use crate::db::DbError;

/// Why an administrative change was not made. Each variant is a rule the pages explain in the user's language
/// (`AdminError::message_key`).
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("no account is named {0:?}")]
    NoSuchUser(String),
    #[error("an account named {0:?} exists already")]
    NameTaken(String),
    #[error("the account name must be 1-100 characters without spaces at either end")]
    InvalidName,
    #[error("project {0:?}: use 1-64 letters, digits, '-', '_' or '.'")]
    InvalidProject(String),
    #[error("the password must be at least {min} characters long", min = users::MIN_PASSWORD_CHARS)]
    ShortPassword,
    #[error("the project name must be 1-200 characters")]
    InvalidProjectName,
    #[error("administrators cannot disable their own account")]
    DisableSelf,
    #[error("this would leave no enabled administrator: make another account administrator first")]
    LastAdmin,
    #[error("the password could not be stored: {0}")]
    Hashing(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl AdminError {
    /// The Fluent message (in `admin.ftl`) that explains the refusal; `None` for storage failures.
    pub fn message_key(&self) -> Option<&'static str> {
        Some(match self {
            AdminError::NoSuchUser(_) => "admin-error-no-such-user",
            AdminError::NameTaken(_) => "admin-error-name-taken",
            AdminError::InvalidName => "admin-error-invalid-name",
            AdminError::InvalidProject(_) => "admin-error-invalid-project",
            AdminError::ShortPassword => "admin-error-short-password",
            AdminError::InvalidProjectName => "admin-error-invalid-project-name",
            AdminError::DisableSelf => "admin-error-disable-self",
            AdminError::LastAdmin => "admin-error-last-admin",
            AdminError::Hashing(_) | AdminError::Db(_) => return None,
        })
    }

    /// Whether a rule refused the change (the refusal is audited) rather than bad input or storage.
    fn is_rule(&self) -> bool {
        matches!(self, AdminError::DisableSelf | AdminError::LastAdmin)
    }
}

impl From<diesel::result::Error> for AdminError {
    fn from(e: diesel::result::Error) -> AdminError {
        AdminError::Db(DbError::Query(e))
    }
}
