//! Counters and slots shared by every instance on one database (sign-in throttles, the API rate limit, uploads in
//! flight per user). The policy is `crate::service::shared_limits`; this file only speaks SQL. Times are unix
//! seconds.

use super::schema::{rate_counters, upload_slots};
use super::{DbConnection, DbError};
use diesel::prelude::*;

/// Hits counted in the window of `kind`/`key` starting at `window_start` (0 when none).
pub fn hits(conn: &mut DbConnection, kind: &str, key: &str, window_start: i64) -> Result<i64, DbError> {
    Ok(rate_counters::table
        .find((kind, key, window_start))
        .select(rate_counters::hits)
        .first::<i64>(conn)
        .optional()?
        .unwrap_or(0))
}

/// Adds `by` hits to the window (creating it) in one statement, atomic across instances; the hits counted after.
pub fn add(
    conn: &mut DbConnection,
    kind: &str,
    key: &str,
    window_start: i64,
    expires_at: i64,
    by: i64,
) -> Result<i64, DbError> {
    let row = (
        rate_counters::kind.eq(kind),
        rate_counters::counter_key.eq(key),
        rate_counters::window_start.eq(window_start),
        rate_counters::hits.eq(by),
        rate_counters::expires_at.eq(expires_at),
    );
    let increment = rate_counters::hits.eq(rate_counters::hits + by);
    // The multi-backend connection has no ON CONFLICT: each backend runs its own (both support it).
    let hits = match conn {
        DbConnection::Pg(c) => diesel::insert_into(rate_counters::table)
            .values(row)
            .on_conflict((
                rate_counters::kind,
                rate_counters::counter_key,
                rate_counters::window_start,
            ))
            .do_update()
            .set(increment)
            .returning(rate_counters::hits)
            .get_result::<i64>(c)?,
        DbConnection::Sqlite(c) => diesel::insert_into(rate_counters::table)
            .values(row)
            .on_conflict((
                rate_counters::kind,
                rate_counters::counter_key,
                rate_counters::window_start,
            ))
            .do_update()
            .set(increment)
            .returning(rate_counters::hits)
            .get_result::<i64>(c)?,
    };
    Ok(hits)
}

/// Forgets every window of `kind`/`key` (a successful sign-in clears the account's failures).
pub fn clear(conn: &mut DbConnection, kind: &str, key: &str) -> Result<(), DbError> {
    diesel::delete(
        rate_counters::table
            .filter(rate_counters::kind.eq(kind))
            .filter(rate_counters::counter_key.eq(key)),
    )
    .execute(conn)?;
    Ok(())
}

/// Removes expired windows and upload slots; how many rows went.
pub fn prune(conn: &mut DbConnection, now: i64) -> Result<usize, DbError> {
    let windows = diesel::delete(rate_counters::table.filter(rate_counters::expires_at.le(now))).execute(conn)?;
    let slots = diesel::delete(upload_slots::table.filter(upload_slots::expires_at.le(now))).execute(conn)?;
    Ok(windows + slots)
}

/// Takes an upload slot `id` for `user` unless they hold `cap` live ones already; whether it was taken. Serialised
/// per user: a transaction-scoped advisory lock on PostgreSQL, `BEGIN IMMEDIATE` on SQLite.
pub fn take_slot(
    conn: &mut DbConnection,
    id: &str,
    user: &str,
    cap: i64,
    now: i64,
    expires_at: i64,
) -> Result<bool, DbError> {
    super::write(conn, |c| {
        if let DbConnection::Pg(pg) = c {
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('upload_slots:' || $1))")
                .bind::<diesel::sql_types::Text, _>(user)
                .execute(pg)?;
        }
        let live: i64 = upload_slots::table
            .filter(upload_slots::user_name.eq(user))
            .filter(upload_slots::expires_at.gt(now))
            .count()
            .get_result(c)?;
        if live >= cap {
            return Ok(false);
        }
        diesel::insert_into(upload_slots::table)
            .values((
                upload_slots::id.eq(id),
                upload_slots::user_name.eq(user),
                upload_slots::expires_at.eq(expires_at),
            ))
            .execute(c)?;
        Ok(true)
    })
}

pub fn release_slot(conn: &mut DbConnection, id: &str) -> Result<(), DbError> {
    diesel::delete(upload_slots::table.find(id)).execute(conn)?;
    Ok(())
}

/// Extends the leases of the slots `ids` (still in use) to `expires_at`.
pub fn renew_slots(conn: &mut DbConnection, ids: &[String], expires_at: i64) -> Result<(), DbError> {
    diesel::update(upload_slots::table.filter(upload_slots::id.eq_any(ids)))
        .set(upload_slots::expires_at.eq(expires_at))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fresh SQLite database (the same statements run on PostgreSQL in the service tests).
    pub(crate) fn database() -> (tempfile::TempDir, crate::db::Pool) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("limits.db").display());
        (dir, crate::db::connect(&url, 1).expect("database"))
    }

    #[test]
    fn hits_add_up_per_window_until_pruned() {
        let (_dir, pool) = database();
        let conn = &mut pool.get().unwrap();
        assert_eq!(add(conn, "k", "amina", 60, 180, 1).unwrap(), 1);
        assert_eq!(add(conn, "k", "amina", 60, 180, 3).unwrap(), 4);
        assert_eq!(add(conn, "k", "amina", 120, 240, 1).unwrap(), 1, "another window");
        assert_eq!(hits(conn, "k", "amina", 60).unwrap(), 4);
        assert_eq!(prune(conn, 200).unwrap(), 1);
        assert_eq!(hits(conn, "k", "amina", 60).unwrap(), 0);
        clear(conn, "k", "amina").unwrap();
        assert_eq!(hits(conn, "k", "amina", 120).unwrap(), 0);
    }

    #[test]
    fn slots_are_capped_per_user_and_lapse_unless_renewed() {
        let (_dir, pool) = database();
        let conn = &mut pool.get().unwrap();
        assert!(take_slot(conn, "a", "amina", 2, 100, 160).unwrap());
        assert!(take_slot(conn, "b", "amina", 2, 100, 160).unwrap());
        assert!(!take_slot(conn, "c", "amina", 2, 100, 160).unwrap());
        assert!(take_slot(conn, "d", "boris", 2, 100, 160).unwrap());
        renew_slots(conn, &["a".to_string()], 300).unwrap();
        assert!(take_slot(conn, "e", "amina", 2, 200, 260).unwrap(), "b lapsed");
        assert!(!take_slot(conn, "f", "amina", 2, 200, 260).unwrap(), "a was renewed");
        release_slot(conn, "a").unwrap();
        assert!(take_slot(conn, "f", "amina", 2, 200, 260).unwrap());
    }
}
