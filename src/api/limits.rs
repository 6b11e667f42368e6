//! Per-user caps on heavy requests in flight (uploads and purchase orders still being received or processed):
//! one user's stalled or slow clients cannot take the whole instance's capacity from the others.

use super::error::ApiError;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Heavy requests in flight per user on this instance.
#[derive(Debug)]
pub struct UserUploads {
    cap: usize,
    counts: Arc<Mutex<HashMap<String, usize>>>,
}

/// One heavy request in flight; the count goes down when it is dropped.
#[derive(Debug)]
pub struct UserUpload {
    user: String,
    counts: Arc<Mutex<HashMap<String, usize>>>,
}

impl UserUploads {
    pub fn new(cap: usize) -> UserUploads {
        UserUploads {
            cap: cap.max(1),
            counts: Arc::default(),
        }
    }

    /// Counts one more heavy request of `user`, or 429 when they already have `cap` in flight.
    pub fn enter(&self, user: &str) -> Result<UserUpload, ApiError> {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        let count = counts.entry(user.to_string()).or_insert(0);
        if *count >= self.cap {
            return Err(ApiError::TooBusy { retry_after: 10 });
        }
        *count += 1;
        Ok(UserUpload {
            user: user.to_string(),
            counts: self.counts.clone(),
        })
    }
}

impl Drop for UserUpload {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = counts.get_mut(&self.user) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&self.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UserUploads;

    #[test]
    fn each_user_has_their_own_cap() {
        let uploads = UserUploads::new(2);
        let a1 = uploads.enter("amina").unwrap();
        let _a2 = uploads.enter("amina").unwrap();
        assert!(uploads.enter("amina").is_err());
        let _b = uploads.enter("boris").unwrap();
        drop(a1);
        assert!(uploads.enter("amina").is_ok());
    }
}
