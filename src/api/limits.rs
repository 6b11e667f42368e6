//! Per-user caps on heavy requests in flight (uploads and purchase orders still being received or processed),
//! counted across every instance on the database: one user's stalled or slow clients cannot take the capacity
//! from the others. The slots are `service::shared_limits::UploadSlots`.

use super::error::ApiError;
use crate::db::{rate_counters, Pool};
use crate::service::shared_limits::{unix_now, UploadSlots};

/// Heavy requests in flight per user.
#[derive(Debug, Clone)]
pub struct UserUploads {
    slots: UploadSlots,
}

/// One heavy request in flight; its slot is released when it is dropped.
#[derive(Debug)]
pub struct UserUpload {
    id: String,
    pool: Pool,
}

impl UserUploads {
    pub fn new(slots: UploadSlots) -> UserUploads {
        UserUploads { slots }
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
            Some(id) => Ok(UserUpload { id, pool: pool.clone() }),
            None => Err(ApiError::TooBusy { retry_after: 10 }),
        }
    }
}

impl Drop for UserUpload {
    fn drop(&mut self) {
        let (id, pool) = (std::mem::take(&mut self.id), self.pool.clone());
        let release = move || {
            let released = pool
                .get()
                .map_err(crate::db::DbError::from)
                .and_then(|mut conn| rate_counters::release_slot(&mut conn, &id));
            if let Err(e) = released {
                // The slot stops counting when its lease ends.
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
