//! Limits that hold across every instance on one database: failed sign-ins per account and per client, API
//! requests per client, uploads in flight per user. Counts live in the database (`db::rate_counters`), in fixed
//! windows aligned to the clock, so three instances behind a load balancer count as one. This instance's memory
//! only ever refuses sooner than the database would: it remembers keys found over the limit until their window
//! ends, and the API limit takes its requests from the shared count in small batches (credits unused when the
//! window ends were counted all the same). Times are unix seconds, passed in so that tests need no sleeping.

use crate::db::{rate_counters, DbConnection, DbError};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Counter kinds, as stored.
pub const ACCOUNT_FAILURES: &str = "signin_account";
pub const CLIENT_FAILURES: &str = "signin_client";
pub const API_REQUESTS: &str = "api_client";

/// Keys remembered at most per counter in memory; past it, other windows' entries go first, then all.
const MAX_TRACKED: usize = 100_000;
/// Longest key stored (names are capped at 100 characters, addresses are short).
const MAX_KEY_BYTES: usize = 200;
/// Windows are kept this long after they end before the prune job removes them.
const GRACE_SECS: i64 = 60;

/// The unix time now.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[derive(Debug, Default, Clone, Copy)]
struct Local {
    window_start: i64,
    /// Requests already counted in the database that this instance may still admit.
    credits: u32,
    /// Found at or over the limit in this window.
    blocked: bool,
}

/// One shared limit: at most `limit` hits per key in each window of `window_secs`.
#[derive(Debug)]
pub struct SharedCounter {
    kind: &'static str,
    limit: u32,
    window_secs: i64,
    batch: u32,
    local: Mutex<HashMap<String, Local>>,
}

impl SharedCounter {
    /// `limit` 0 turns the counter off; `batch` is how many requests [`SharedCounter::admit`] takes from the
    /// shared count at once (1: every request is counted in the database).
    pub fn new(kind: &'static str, limit: u32, window_secs: u64, batch: u32) -> SharedCounter {
        SharedCounter {
            kind,
            limit,
            window_secs: i64::try_from(window_secs.max(1)).unwrap_or(i64::MAX / 4),
            batch: batch.clamp(1, limit.max(1)),
            local: Mutex::new(HashMap::new()),
        }
    }

    /// Batch for an API limit of `per_window`: a fiftieth, so instances holding unused credits refuse at most a
    /// few percent early.
    pub fn api_batch(per_window: u32) -> u32 {
        (per_window / 50).max(1)
    }

    fn window(&self, now: i64) -> (i64, i64) {
        let start = now - now.rem_euclid(self.window_secs);
        (start, start + self.window_secs)
    }

    fn key(raw: &str) -> String {
        let key = raw.trim().to_lowercase();
        if key.len() <= MAX_KEY_BYTES {
            return key;
        }
        let mut end = MAX_KEY_BYTES;
        while !key.is_char_boundary(end) {
            end -= 1;
        }
        key[..end].to_string()
    }

    /// Runs `f` on this key's entry for the current window.
    fn with_local<T>(&self, key: &str, start: i64, f: impl FnOnce(&mut Local) -> T) -> T {
        let mut local = self.local.lock().unwrap_or_else(PoisonError::into_inner);
        if local.len() >= MAX_TRACKED && !local.contains_key(key) {
            local.retain(|_, l| l.window_start == start);
            if local.len() >= MAX_TRACKED {
                local.clear();
            }
        }
        let entry = local.entry(key.to_string()).or_default();
        if entry.window_start != start {
            *entry = Local {
                window_start: start,
                ..Local::default()
            };
        }
        f(entry)
    }

    /// `Some(seconds to wait)` when `key` has used up its hits in the current window (nothing is counted).
    pub fn check(&self, conn: &mut DbConnection, raw_key: &str, now: i64) -> Result<Option<u64>, DbError> {
        if self.limit == 0 {
            return Ok(None);
        }
        let key = Self::key(raw_key);
        let (start, end) = self.window(now);
        let retry = wait(end, now);
        if self.with_local(&key, start, |l| l.blocked) {
            return Ok(Some(retry));
        }
        let hits = rate_counters::hits(conn, self.kind, &key, start)?;
        if hits >= i64::from(self.limit) {
            self.with_local(&key, start, |l| l.blocked = true);
            return Ok(Some(retry));
        }
        Ok(None)
    }

    /// Counts one hit of `key` (a failed sign-in).
    pub fn record(&self, conn: &mut DbConnection, raw_key: &str, now: i64) -> Result<(), DbError> {
        if self.limit == 0 {
            return Ok(());
        }
        let key = Self::key(raw_key);
        let (start, end) = self.window(now);
        let hits = rate_counters::add(conn, self.kind, &key, start, end + GRACE_SECS, 1)?;
        if hits >= i64::from(self.limit) {
            self.with_local(&key, start, |l| l.blocked = true);
        }
        Ok(())
    }

    /// Forgets `key`'s hits (a successful sign-in).
    pub fn clear(&self, conn: &mut DbConnection, raw_key: &str) -> Result<(), DbError> {
        let key = Self::key(raw_key);
        rate_counters::clear(conn, self.kind, &key)?;
        let mut local = self.local.lock().unwrap_or_else(PoisonError::into_inner);
        local.remove(&key);
        Ok(())
    }

    /// The answer of [`SharedCounter::admit`] when this instance's memory has it (a credit left, or the key found
    /// over the limit in this window), without the database; a credit is spent.
    pub fn admit_locally(&self, raw_key: &str, now: i64) -> Option<Option<u64>> {
        if self.limit == 0 {
            return Some(None);
        }
        let (start, end) = self.window(now);
        self.with_local(&Self::key(raw_key), start, |l| {
            if l.credits > 0 {
                l.credits -= 1;
                Some(None)
            } else if l.blocked {
                Some(Some(wait(end, now)))
            } else {
                None
            }
        })
    }

    /// Counts a request of `key` and admits it, or `Some(seconds to wait)` when the window's requests are used up.
    pub fn admit(&self, conn: &mut DbConnection, raw_key: &str, now: i64) -> Result<Option<u64>, DbError> {
        if let Some(answer) = self.admit_locally(raw_key, now) {
            return Ok(answer);
        }
        let key = Self::key(raw_key);
        let (start, end) = self.window(now);
        let retry = wait(end, now);
        let counted = rate_counters::add(conn, self.kind, &key, start, end + GRACE_SECS, i64::from(self.batch))?;
        let granted = granted(i64::from(self.limit), counted, i64::from(self.batch));
        self.with_local(&key, start, |l| {
            if granted == 0 {
                l.blocked = true;
            } else {
                l.credits = l.credits.saturating_add(granted - 1);
            }
        });
        Ok((granted == 0).then_some(retry))
    }
}

/// Of a reservation of `batch` that brought the window to `counted`, how many fall under `limit`.
fn granted(limit: i64, counted: i64, batch: i64) -> u32 {
    let before = counted - batch;
    u32::try_from((limit - before).clamp(0, batch)).unwrap_or(0)
}

fn wait(end: i64, now: i64) -> u64 {
    u64::try_from(end - now).unwrap_or(0).max(1)
}

/// Every shared limit of an instance.
#[derive(Debug)]
pub struct SharedLimits {
    /// Failed sign-ins per account.
    pub account_failures: SharedCounter,
    /// Failed sign-ins per client address.
    pub client_failures: SharedCounter,
    /// API requests per client address.
    pub api_requests: SharedCounter,
    pub uploads: UploadSlots,
}

impl SharedLimits {
    pub fn new(limits: &crate::config::Limits) -> SharedLimits {
        const SIGN_IN_WINDOW: u64 = 15 * 60;
        SharedLimits {
            account_failures: SharedCounter::new(ACCOUNT_FAILURES, 10, SIGN_IN_WINDOW, 1),
            client_failures: SharedCounter::new(
                CLIENT_FAILURES,
                limits.max_failed_logins_per_client,
                SIGN_IN_WINDOW,
                1,
            ),
            api_requests: SharedCounter::new(
                API_REQUESTS,
                limits.rate_limit,
                60,
                SharedCounter::api_batch(limits.rate_limit),
            ),
            uploads: UploadSlots {
                cap: u32::try_from(limits.max_uploads_per_user).unwrap_or(u32::MAX),
                lease_secs: UPLOAD_LEASE_SECS,
            },
        }
    }
}

/// How long an upload slot counts without being renewed: the instance running the request renews it every 20 s
/// (`api::limits`), so only a killed instance's slots run out, within a minute.
pub const UPLOAD_LEASE_SECS: i64 = 60;

/// Uploads and purchase orders in flight per user, across instances: a slot row per request, released when it
/// ends; a slot left by a killed instance stops counting after `lease_secs` without renewal.
#[derive(Debug, Clone)]
pub struct UploadSlots {
    pub cap: u32,
    pub lease_secs: i64,
}

impl UploadSlots {
    /// A slot id for `user`, or `None` when they have `cap` in flight.
    pub fn take(&self, conn: &mut DbConnection, user: &str, now: i64) -> Result<Option<String>, DbError> {
        let id = uuid::Uuid::new_v4().to_string();
        let taken = rate_counters::take_slot(conn, &id, user, i64::from(self.cap.max(1)), now, now + self.lease_secs)?;
        Ok(taken.then_some(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reservation_grants_what_is_left_under_the_limit() {
        assert_eq!(granted(10, 4, 4), 4);
        assert_eq!(granted(10, 12, 4), 2);
        assert_eq!(granted(10, 14, 4), 0);
        assert_eq!(granted(10, 40, 4), 0);
        assert_eq!(granted(1, 1, 1), 1);
    }

    #[test]
    fn two_instances_share_one_api_limit() {
        let (_dir, pool) = crate::db::rate_counters::tests::database();
        let conn = &mut pool.get().unwrap();
        // Two instances' counters on one database, each taking batches of 3 from a limit of 10.
        let (first, second) = (
            SharedCounter::new(API_REQUESTS, 10, 60, 3),
            SharedCounter::new(API_REQUESTS, 10, 60, 3),
        );
        let mut admitted = 0;
        for i in 0..30 {
            let counter = if i % 2 == 0 { &first } else { &second };
            if counter.admit(conn, "203.0.113.9", 1000).unwrap().is_none() {
                admitted += 1;
            }
        }
        assert_eq!(admitted, 10);
        assert_eq!(first.admit(conn, "203.0.113.9", 1019).unwrap(), Some(1));
        assert_eq!(second.admit(conn, "203.0.113.9", 1020).unwrap(), None, "a new minute");
    }

    #[test]
    fn sign_in_failures_count_across_instances_until_cleared() {
        let (_dir, pool) = crate::db::rate_counters::tests::database();
        let conn = &mut pool.get().unwrap();
        let counter = || SharedCounter::new(ACCOUNT_FAILURES, 3, 900, 1);
        let (first, second) = (counter(), counter());
        for _ in 0..3 {
            assert_eq!(second.check(conn, "amina", 1000).unwrap(), None);
            first.record(conn, "Amina", 1000).unwrap();
        }
        assert_eq!(second.check(conn, "AMINA ", 1000).unwrap(), Some(800));
        assert_eq!(second.check(conn, "boris", 1000).unwrap(), None);
        first.clear(conn, "amina").unwrap();
        assert_eq!(counter().check(conn, "amina", 1000).unwrap(), None);
        assert_eq!(counter().check(conn, "amina", 1800).unwrap(), None);
    }

    #[test]
    fn windows_are_aligned_and_keys_bounded() {
        let counter = SharedCounter::new(API_REQUESTS, 10, 60, 1);
        assert_eq!(counter.window(125), (120, 180));
        assert_eq!(wait(180, 125), 55);
        assert_eq!(SharedCounter::key(" Amina "), "amina");
        assert!(SharedCounter::key(&"é".repeat(300)).len() <= MAX_KEY_BYTES);
        assert_eq!(SharedCounter::api_batch(1200), 24);
        assert_eq!(SharedCounter::api_batch(4), 1);
    }
}
