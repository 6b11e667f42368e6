//! Per-user caps on heavy requests in flight (uploads and purchase orders still being received or processed),
//! counted across every instance on the database: one user's stalled or slow clients cannot take the capacity
//! from the others. The slots are `service::shared_limits::UploadSlots`: short leases this instance renews while
//! its requests run, so the slots of a killed instance free themselves within a lease.

use super::error::ApiError;
use crate::db::{rate_counters, Pool};
use crate::service::shared_limits::{unix_now, UploadSlots};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How often this instance renews the leases of its slots (a third of the lease).
const RENEW_EVERY: Duration = Duration::from_secs(20);

/// Heavy requests in flight per user.
#[derive(Debug, Clone)]
pub struct UserUploads {
    slots: UploadSlots,
    /// This instance's slots in use, whose leases it renews.
    live: Arc<Mutex<HashSet<String>>>,
}

/// One heavy request in flight; its slot is released when it is dropped.
#[derive(Debug)]
pub struct UserUpload {
    id: String,
    pool: Pool,
    live: Arc<Mutex<HashSet<String>>>,
}

impl UserUploads {
    pub fn new(slots: UploadSlots) -> UserUploads {
        UserUploads {
            slots,
            live: Arc::default(),
        }
    }

    /// Renews the leases of this instance's slots in use, every [`RENEW_EVERY`], until the server stops.
    pub async fn keep_alive(self, pool: Pool) {
        loop {
            tokio::time::sleep(RENEW_EVERY).await;
            let ids: Vec<String> = self
                .live
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .iter()
                .cloned()
                .collect();
            if ids.is_empty() {
                continue;
            }
            let (pool, until) = (pool.clone(), unix_now() + self.slots.lease_secs);
            let renewed = tokio::task::spawn_blocking(move || {
                let mut conn = pool.get()?;
                rate_counters::renew_slots(&mut conn, &ids, until)
            })
            .await;
            if let Ok(Err(e)) = renewed {
                tracing::warn!(error = %e, "cannot renew the upload slots");
            }
        }
    }

    /// Takes a slot for one more heavy request of `user`, or 429 when they already have the cap in flight.
    pub async fn enter(&self, pool: &Pool, user: &str) -> Result<UserUpload, ApiError> {
        let (slots, taker, user) = (self.slots.clone(), pool.clone(), user.to_string());
        let taken = super::blocking(move || {
            let mut conn = taker.get()?;
            slots.take(&mut conn, &user, unix_now())
        })
        .await?;
        match taken {
            Some(id) => {
                self.live
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(id.clone());
                Ok(UserUpload {
                    id,
                    pool: pool.clone(),
                    live: self.live.clone(),
                })
            }
            None => Err(ApiError::TooBusy { retry_after: 10 }),
        }
    }
}

impl UserUpload {
    /// Releases the slot before the answer goes out (so the user's next request finds it free); dropping the
    /// guard instead, on an error path, releases it in the background.
    pub async fn release(mut self) {
        let (id, pool) = (std::mem::take(&mut self.id), self.pool.clone());
        self.live.lock().unwrap_or_else(PoisonError::into_inner).remove(&id);
        let released = super::blocking(move || {
            let mut conn = pool.get()?;
            rate_counters::release_slot(&mut conn, &id)
        })
        .await;
        if let Err(e) = released {
            tracing::warn!(error = %e, "cannot release an upload slot");
        }
    }
}

impl Drop for UserUpload {
    fn drop(&mut self) {
        if self.id.is_empty() {
            return; // released already
        }
        let (id, pool) = (std::mem::take(&mut self.id), self.pool.clone());
        self.live.lock().unwrap_or_else(PoisonError::into_inner).remove(&id);
        let release = move || {
            let released = pool
                .get()
                .map_err(crate::db::DbError::from)
                .and_then(|mut conn| rate_counters::release_slot(&mut conn, &id));
            if let Err(e) = released {
                // The slot stops counting when its lease ends (no longer renewed).
                tracing::warn!(error = %e, "cannot release an upload slot");
            }
        };
        // Dropped on the server's runtime: release off it; elsewhere (tests, shutdown) at once.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn_blocking(release)),
            Err(_) => release(),
        }
    }
}
