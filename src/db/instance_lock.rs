//! Work that must run once when several instances share one PostgreSQL database (the start-up rescreen):
//! a session-level advisory lock serialises it; the next instance waits, then finds nothing left to do. A
//! killed instance's connection closes and PostgreSQL releases its lock. SQLite serves one instance.

use super::{DbConnection, DbError};
use diesel::RunQueryDsl;

/// Advisory lock keys, one per kind of once-only work.
pub const RESCREEN_LOCK: i64 = 0x6571_6368_6b01; // "eqchk" + 1

/// Runs `f` while holding the advisory lock `key` on PostgreSQL (waiting for another instance to release it).
pub fn run_exclusively<T, E: From<DbError>>(
    conn: &mut DbConnection,
    key: i64,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E> {
    let DbConnection::Pg(pg) = conn else {
        return f(conn);
    };
    diesel::sql_query(format!("SELECT pg_advisory_lock({key})"))
        .execute(pg)
        .map_err(DbError::from)?;
    let result = f(conn);
    if let DbConnection::Pg(pg) = conn {
        // On failure the lock stays with this connection until it closes; r2d2 may reuse it, so say so.
        if let Err(e) = diesel::sql_query(format!("SELECT pg_advisory_unlock({key})")).execute(pg) {
            tracing::warn!(error = %e, key, "could not release an advisory lock");
        }
    }
    result
}
