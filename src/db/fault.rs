//! Database faults that are the database's condition, not the request's: unreachable, busy (a lock held
//! elsewhere), full, read-only, failing storage. The API answers them with 503, `Retry-After` and the reason code,
//! so clients retry instead of reporting a bug. Anything else stays an internal error.

use super::DbError;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// Why the database cannot serve the request now; `code()` is the problem code clients see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Not reachable, the connection was closed or killed, or no connection was free in time.
    Unavailable,
    /// A lock held by another writer or process did not come free in time; a deadlock or serialisation failure.
    Busy,
    /// The disk (or the database's quota) is full.
    Full,
    /// The file or the server is read-only (permissions, a standby, a read-only mount).
    ReadOnly,
    /// The storage failed (I/O error).
    Storage,
}

impl Fault {
    pub fn code(self) -> &'static str {
        match self {
            Fault::Unavailable => "database_unavailable",
            Fault::Busy => "database_busy",
            Fault::Full => "database_full",
            Fault::ReadOnly => "database_read_only",
            Fault::Storage => "database_storage_error",
        }
    }

    /// Seconds a client should wait before retrying.
    pub fn retry_after(self) -> u64 {
        match self {
            Fault::Busy => 2,
            Fault::Unavailable => 5,
            Fault::Full | Fault::ReadOnly | Fault::Storage => 30,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Fault::Unavailable => "the database cannot be reached just now",
            Fault::Busy => "the database is busy with another writer",
            Fault::Full => "the database's disk is full",
            Fault::ReadOnly => "the database is read-only just now",
            Fault::Storage => "the database's storage reported an error",
        }
    }
}

/// Messages of SQLite and PostgreSQL (and libpq) that name a fault, lower case.
const MESSAGES: &[(&str, Fault)] = &[
    ("database is locked", Fault::Busy),
    ("database table is locked", Fault::Busy),
    ("database schema is locked", Fault::Busy),
    ("lock timeout", Fault::Busy),
    ("deadlock detected", Fault::Busy),
    ("could not serialize access", Fault::Busy),
    ("database or disk is full", Fault::Full),
    ("no space left on device", Fault::Full),
    ("could not extend file", Fault::Full),
    ("disk quota exceeded", Fault::Full),
    ("attempt to write a readonly database", Fault::ReadOnly),
    ("read-only transaction", Fault::ReadOnly),
    ("read-only file system", Fault::ReadOnly),
    ("recovery is in progress", Fault::ReadOnly),
    ("disk i/o error", Fault::Storage),
    ("unable to open database file", Fault::Unavailable),
    ("server closed the connection", Fault::Unavailable),
    ("terminating connection", Fault::Unavailable),
    ("connection to server", Fault::Unavailable),
    ("could not connect", Fault::Unavailable),
    ("no connection to the server", Fault::Unavailable),
    ("the database system is shutting down", Fault::Unavailable),
    ("the database system is starting up", Fault::Unavailable),
    ("too many clients", Fault::Unavailable),
    ("ssl syscall error", Fault::Unavailable),
];

/// The fault named by a database message, if any.
pub fn from_message(message: &str) -> Option<Fault> {
    let message = message.to_lowercase();
    MESSAGES
        .iter()
        .find(|(needle, _)| message.contains(needle))
        .map(|(_, fault)| *fault)
}

fn from_diesel(e: &DieselError) -> Option<Fault> {
    match e {
        DieselError::DatabaseError(kind, info) => match kind {
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand => Some(Fault::Unavailable),
            DatabaseErrorKind::SerializationFailure => Some(Fault::Busy),
            DatabaseErrorKind::ReadOnlyTransaction => Some(Fault::ReadOnly),
            _ => from_message(info.message()),
        },
        DieselError::RollbackErrorOnCommit { commit_error, .. } => from_diesel(commit_error),
        DieselError::BrokenTransactionManager => Some(Fault::Unavailable),
        _ => None,
    }
}

impl DbError {
    /// The database condition behind this error, if it is one.
    pub fn fault(&self) -> Option<Fault> {
        match self {
            DbError::Pool(_) | DbError::Connect(_) => Some(Fault::Unavailable),
            DbError::Query(e) => from_diesel(e),
            DbError::Migration(m) => from_message(m),
            DbError::BadUrl(_) | DbError::Corrupt(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_of_both_databases_name_their_fault() {
        assert_eq!(from_message("database is locked"), Some(Fault::Busy));
        assert_eq!(
            from_message("attempt to write a readonly database"),
            Some(Fault::ReadOnly)
        );
        assert_eq!(from_message("database or disk is full"), Some(Fault::Full));
        assert_eq!(
            from_message("could not extend file \"base/16384/2619\": No space left on device"),
            Some(Fault::Full)
        );
        assert_eq!(
            from_message("cannot execute INSERT in a read-only transaction"),
            Some(Fault::ReadOnly)
        );
        assert_eq!(
            from_message("terminating connection due to administrator command"),
            Some(Fault::Unavailable)
        );
        assert_eq!(
            from_message("server closed the connection unexpectedly"),
            Some(Fault::Unavailable)
        );
        assert_eq!(from_message("UNIQUE constraint failed: items.id"), None);
        assert_eq!(Fault::Busy.code(), "database_busy");
    }
}
