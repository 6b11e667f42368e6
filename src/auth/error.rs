//! Why a caller was not let through. The auth layer names the reason; the API layer (`src/api/error.rs`)
//! decides what it becomes over HTTP (401, 403, 404 or 500).

/// A refusal of the auth layer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// The server was started without token keys (a wiring fault, not the caller's).
    #[error("token keys are not configured")]
    KeysNotConfigured,
    #[error("send Authorization: Bearer <token>")]
    MissingHeader,
    #[error("the Authorization header is not valid")]
    InvalidHeader,
    #[error("the Authorization header must be Bearer <token>")]
    NotBearer,
    /// Signature, algorithm, expiry, issuer or audience refused (the detail is logged, not sent).
    #[error("the token is missing, expired or not valid for this service")]
    InvalidToken,
    /// The caller's role may not do this.
    #[error("your role may not do this")]
    RoleNotAllowed,
    /// The token does not grant the project of `what`: answered as if `what` did not exist.
    #[error("{0} not found")]
    NotGranted(&'static str),
}
