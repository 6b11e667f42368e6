//! Domain operations of the service, independent of HTTP: store an upload, submit a purchase order with an
//! idempotency key, check a local account's password. Everything here is synchronous and runs on the blocking pool.

pub mod accounts;
pub mod background;
pub mod json_error;
pub mod monitoring;
pub mod orders;
mod resubmission;
pub mod shared_limits;
mod store;
pub mod upload;

pub use store::BatchMeta;

use crate::db::DbError;
use crate::import::ImportError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Import(#[from] ImportError),
    /// Invalid fields: (field path, message).
    #[error("invalid request")]
    Invalid(Vec<(String, String)>),
    #[error("idempotency key reused with a different request")]
    IdempotencyMismatch,
    #[error("request with this idempotency key in progress")]
    IdempotencyInProgress { retry_after: u64 },
    /// The request conflicts with what is stored (`code` names the rule).
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("{0}")]
    Internal(String),
}

impl From<diesel::result::Error> for ServiceError {
    fn from(e: diesel::result::Error) -> ServiceError {
        ServiceError::Db(DbError::Query(e))
    }
}

impl From<diesel::r2d2::PoolError> for ServiceError {
    fn from(e: diesel::r2d2::PoolError) -> ServiceError {
        ServiceError::Db(DbError::Pool(e))
    }
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex::encode(hasher.finalize())
}
