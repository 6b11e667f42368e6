//! Storage: one binary over SQLite (default) and PostgreSQL. The URL scheme picks the backend; migrations are
//! embedded per backend and applied at start-up; every call runs on the blocking pool (`web::block`).

/// Inserts many rows the cheapest way each backend has (matched per backend: neither form compiles through the
/// `MultiConnection` enum):
/// - PostgreSQL: one binary `COPY` from `copy_from` rows on (usually [`COPY_FROM_ROWS`]) (a `COPY` costs a round trip more, which only pays for
///   many rows; parsing and binding a multi-row `INSERT` costs the database more than the rows themselves),
///   else multi-row `INSERT`s of 500;
/// - SQLite: multi-row `INSERT`s of [`SQLITE_ROWS_PER_INSERT`] rows, as a fixed-size array so that diesel keeps
///   the prepared statement in the connection's cache (the rest, fewer rows, in one more statement). A slice's
///   `INSERT` was parsed and planned anew for every chunk: a fifth of an upload's instructions went to SQLite's
///   parser and to writing the statement's text. One statement per row costs more still (each opens a statement
///   journal for the triggers that may abort it).
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr, copy_from = $copy_from:expr) => {{
        let rows = $rows;
        match $conn {
            $crate::db::DbConnection::Pg(c) if rows.len() >= $copy_from => {
                diesel::copy_from($table).from_insertable(rows).execute(c)?;
            }
            $crate::db::DbConnection::Pg(c) => {
                for chunk in rows.chunks(500) {
                    diesel::insert_into($table).values(chunk).execute(c)?;
                }
            }
            $crate::db::DbConnection::Sqlite(c) => {
                let (full, rest) = rows.as_chunks::<{ $crate::db::SQLITE_ROWS_PER_INSERT }>();
                for chunk in full {
                    diesel::insert_into($table).values(chunk).execute(c)?;
                }
                if !rest.is_empty() {
                    diesel::insert_into($table).values(rest).execute(c)?;
                }
            }
        }
    }};
}

pub mod audit;
pub mod batches;
pub mod events;
pub mod fault;
pub mod idempotency;
pub mod instance_lock;
pub mod items;
pub mod jobs;
pub mod monitoring;
pub mod officer;
pub mod party_settlements;
pub mod projects;
pub mod queue;
pub mod rate_counters;
pub mod review;
pub mod schema;
pub mod screenings;
pub mod sessions;
pub mod settings;
pub mod users;
pub mod utc;
pub mod webhooks;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

/// Rows from which PostgreSQL gets a binary `COPY` rather than multi-row `INSERT`s (see [`insert_rows!`]).
pub const COPY_FROM_ROWS: usize = 100;

/// Rows per SQLite `INSERT` of [`insert_rows!`] (at most 32,766 bound values: 100 rows x 26 columns stay far below).
pub const SQLITE_ROWS_PER_INSERT: usize = 100;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database URL must start with sqlite:// or postgres:// (got {0:?})")]
    BadUrl(String),
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error("database unavailable: {0}")]
    Pool(#[from] r2d2::PoolError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migrations failed: {0}")]
    Migration(String),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
}

impl DbError {
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            DbError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    }
}

/// Which database a URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// Path of the SQLite file.
    Sqlite(String),
    Postgres(String),
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Backend, DbError> {
        if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            if path.is_empty() || path.contains(":memory:") {
                return Err(DbError::BadUrl(format!(
                    "{url} (use a file: each pooled :memory: connection is a separate database)"
                )));
            }
            Ok(Backend::Sqlite(path.to_string()))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres(url.to_string()))
        } else {
            // Only the scheme: the rest may hold a password, and this message is printed and logged.
            let scheme = url.split_once("://").map_or("(none)", |(scheme, _)| scheme);
            Err(DbError::BadUrl(format!("{scheme}://...")))
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }
}

/// Bytes of one statement's journal kept in memory before SQLite spills it to a temporary file.
const STATEMENT_JOURNAL_IN_MEMORY: i32 = 16 << 20;

/// Puts the embedded SQLite library in multi-thread mode, once per process, before its first connection: the
/// pool hands a connection to one thread at a time, so SQLite's own per-connection mutexes (taken on every bind,
/// step and column read) and its memory-statistics mutex only cost time: 13 % of the inserting thread's CPU in
/// an upload. A library already initialised (a connection opened before) refuses the call and stays serialized,
/// which is correct too.
///
/// A statement that may abort half-way (the items' guard triggers, foreign keys) keeps a statement journal of
/// the pages it changes; past 64 KiB SQLite spills it to a temporary file, which every multi-row insert of an
/// upload did. It now stays in memory up to [`STATEMENT_JOURNAL_IN_MEMORY`] bytes (one statement's pages).
fn sqlite_without_connection_mutexes() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config is documented for use before sqlite3_initialize and from one thread; `Once`
        // makes this the only call. Both options take the arguments given here (none; one int).
        let (mode, memstatus, spill) = unsafe {
            (
                libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MULTITHREAD),
                libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int),
                libsqlite3_sys::sqlite3_config(
                    libsqlite3_sys::SQLITE_CONFIG_STMTJRNL_SPILL,
                    STATEMENT_JOURNAL_IN_MEMORY as std::ffi::c_int,
                ),
            )
        };
        if [mode, memstatus, spill]
            .iter()
            .any(|rc| *rc != libsqlite3_sys::SQLITE_OK)
        {
            tracing::debug!(
                mode,
                memstatus,
                spill,
                "SQLite was initialised already: its defaults stay"
            );
        }
    });
}

/// r2d2 manager that picks the backend itself (the derive's `establish` hides the real error) and sets the SQLite
/// pragmas on every new connection.
#[derive(Debug, Clone)]
pub struct Manager {
    backend: Backend,
    /// How long a statement waits for a lock held by another writer (SQLite busy_timeout, PostgreSQL lock_timeout).
    lock_timeout: Duration,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.backend {
            Backend::Sqlite(path) => {
                sqlite_without_connection_mutexes();
                let mut conn = SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(
                    // busy_timeout first: switching to WAL takes a lock that other new connections wait for.
                    &format!(
                        "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; \
                         PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                        self.lock_timeout.as_millis()
                    ),
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
            Backend::Postgres(url) => {
                let mut conn = PgConnection::establish(url).map_err(r2d2::Error::ConnectionError)?;
                // lock_timeout: without it a statement waits forever behind a lock another session holds.
                // jit: the service's queries are short, and compiling one that the planner costs high took longer
                // than running it (a bulk approval's query of held items: 66 ms with JIT, 17 ms without).
                conn.batch_execute(&format!(
                    "SET lock_timeout = {}; SET jit = off",
                    self.lock_timeout.as_millis()
                ))
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Pg(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map(|_| ())
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// How long a request waits, by default, for a free connection before it is answered 503 (database_unavailable).
pub const DEFAULT_POOL_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a writer waits, by default, for a lock held elsewhere before it is answered 503 (database_busy).
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens the pool (checking that one connection works) and applies pending migrations.
pub fn connect(url: &str, max_size: u32) -> Result<Pool, DbError> {
    connect_with(url, max_size, DEFAULT_POOL_TIMEOUT, DEFAULT_LOCK_TIMEOUT)
}

/// Same, waiting at most `pool_timeout` for a free connection and `lock_timeout` for a lock.
pub fn connect_with(url: &str, max_size: u32, pool_timeout: Duration, lock_timeout: Duration) -> Result<Pool, DbError> {
    let backend = Backend::from_url(url)?;
    let manager = Manager {
        backend,
        lock_timeout: lock_timeout.max(Duration::from_millis(1)),
    };
    // SQLite: switch to WAL and migrate on one connection before the pool opens the others, so that they never
    // race for the lock these take (a fresh start used to log "database is locked").
    if matches!(manager.backend, Backend::Sqlite(_)) {
        let mut first = manager.connect().map_err(|e| DbError::Connect(e.to_string()))?;
        run_migrations(&mut first)?;
    }
    let pool = r2d2::Pool::builder()
        .max_size(max_size.max(1))
        .connection_timeout(pool_timeout.max(Duration::from_millis(100)))
        .build(manager)
        .map_err(|e| DbError::Connect(e.to_string()))?;
    let mut conn = pool.get()?;
    run_migrations(&mut conn)?;
    Ok(pool)
}

pub fn run_migrations(conn: &mut DbConnection) -> Result<(), DbError> {
    let result = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
        DbConnection::Pg(c) => c.run_pending_migrations(PG_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| DbError::Migration(e.to_string()))
}

/// For /ready: the database answers, no migration is pending, and it takes a write (a read-only file, a full
/// disk or a standby answer as faults). The probe waits at most two seconds for a lock; `lock_timeout` is the
/// pool's, restored afterwards.
pub fn check_ready(conn: &mut DbConnection, lock_timeout: Duration) -> Result<(), DbError> {
    diesel::sql_query("SELECT 1").execute(conn)?;
    let pending = match conn {
        DbConnection::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
        DbConnection::Pg(c) => c.has_pending_migration(PG_MIGRATIONS),
    }
    .map_err(|e| DbError::Migration(e.to_string()))?;
    if pending {
        return Err(DbError::Migration("migrations are pending".into()));
    }
    let probe_wait = lock_timeout.min(Duration::from_secs(2)).as_millis();
    let set_wait = |conn: &mut DbConnection, ms: u128| match conn {
        DbConnection::Sqlite(c) => c.batch_execute(&format!("PRAGMA busy_timeout = {ms}")),
        DbConnection::Pg(c) => c.batch_execute(&format!("SET lock_timeout = {ms}")),
    };
    set_wait(conn, probe_wait)?;
    let probe = write(conn, |c| {
        settings::set(c, "ready_probe", &now().and_utc().to_rfc3339())?;
        Ok::<_, DbError>(())
    });
    set_wait(conn, lock_timeout.as_millis())?;
    probe
}

/// Runs `f` in a write transaction: `BEGIN IMMEDIATE` on SQLite (a deferred transaction that reads then writes
/// gets SQLITE_BUSY whatever the timeout), an ordinary transaction on PostgreSQL. All or nothing: an error or a
/// panic rolls back.
pub fn write<T, E>(conn: &mut DbConnection, f: impl FnOnce(&mut DbConnection) -> Result<T, E>) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Pg(_) => conn.transaction(f),
        DbConnection::Sqlite(_) => {
            conn.batch_execute("BEGIN IMMEDIATE")?;
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut *conn)));
            match outcome {
                Ok(Ok(value)) => match conn.batch_execute("COMMIT") {
                    Ok(()) => Ok(value),
                    Err(e) => {
                        let _ = conn.batch_execute("ROLLBACK");
                        Err(e.into())
                    }
                },
                Ok(Err(e)) => {
                    let _ = conn.batch_execute("ROLLBACK");
                    Err(e)
                }
                Err(panic) => {
                    let _ = conn.batch_execute("ROLLBACK");
                    std::panic::resume_unwind(panic)
                }
            }
        }
    }
}

/// SQLite: stop this connection from checkpointing the WAL when it commits a large write (copying tens of MB into
/// the database file inside the request); [`checkpoint_in_background`] does it afterwards. No-op on PostgreSQL.
pub fn defer_checkpoint(conn: &mut DbConnection, defer: bool) -> Result<(), DbError> {
    if let DbConnection::Sqlite(c) = conn {
        c.batch_execute(if defer {
            "PRAGMA wal_autocheckpoint = 0"
        } else {
            "PRAGMA wal_autocheckpoint = 1000"
        })?;
    }
    Ok(())
}

/// Items in one upload from which PostgreSQL's planner statistics of `items` are refreshed at once.
pub const ANALYZE_AFTER_ITEMS: usize = 10_000;

/// PostgreSQL: refreshes the planner's statistics of the columns the review queries filter on, after a bulk
/// load (autovacuum gets to it only later). With statistics from before a 100,000-item upload, a bulk approval
/// right after it chose to scan every pending item once per page: 1.35 s of `UPDATE`s instead of 0.4 s. The
/// statistics are sampled (30,000 rows at most), so the cost does not grow with the table. No-op on SQLite.
pub fn refresh_item_statistics(conn: &mut DbConnection) -> Result<(), DbError> {
    if let DbConnection::Pg(c) = conn {
        c.batch_execute("ANALYZE items (id, batch_id, position, review_status, decision, ever_prohibited)")?;
    }
    Ok(())
}

/// SQLite: copies the WAL into the database file on another thread (committed data is already durable in the WAL).
pub fn checkpoint_in_background(pool: &Pool) {
    let pool = pool.clone();
    let spawned = std::thread::Builder::new()
        .name("wal-checkpoint".into())
        .spawn(move || {
            if let Ok(mut conn) = pool.get() {
                if let DbConnection::Sqlite(c) = &mut *conn {
                    if let Err(e) = c.batch_execute("PRAGMA wal_checkpoint(PASSIVE)") {
                        tracing::warn!(error = %e, "WAL checkpoint failed");
                    }
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "cannot start the WAL checkpoint");
    }
}

pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
