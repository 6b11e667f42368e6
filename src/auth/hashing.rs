//! Password checks on a bounded pool of their own. An argon2 check costs tens of milliseconds of CPU on purpose;
//! run on the shared blocking pool, a flood of sign-ins would queue ahead of every database read. Here at most
//! `threads` checks run at once, the rest wait (asynchronously, holding no thread and no database connection) up
//! to `max_wait`, and beyond that the sign-in is answered "busy" instead of piling up.

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

#[derive(Debug)]
pub struct PasswordPool {
    permits: Arc<Semaphore>,
    max_wait: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum HashingError {
    #[error("too many sign-ins are being checked")]
    Busy,
    #[error("the password check stopped: {0}")]
    Stopped(String),
}

impl PasswordPool {
    pub fn new(threads: usize, max_wait: Duration) -> PasswordPool {
        PasswordPool {
            permits: Arc::new(Semaphore::new(threads.max(1))),
            max_wait,
        }
    }

    /// Runs `check` (a password verification) once a permit is free, on a blocking thread.
    pub async fn run<T: Send + 'static>(&self, check: impl FnOnce() -> T + Send + 'static) -> Result<T, HashingError> {
        let permit = tokio::time::timeout(self.max_wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| HashingError::Busy)?
            .map_err(|e| HashingError::Stopped(e.to_string()))?;
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            check()
        })
        .await;
        result.map_err(|e| HashingError::Stopped(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn checks_beyond_the_pool_wait_then_are_refused_as_busy() {
        let pool = Arc::new(PasswordPool::new(1, Duration::from_millis(50)));
        let slow = {
            let pool = pool.clone();
            tokio::spawn(async move { pool.run(|| std::thread::sleep(Duration::from_millis(400))).await })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(matches!(pool.run(|| 1).await, Err(HashingError::Busy)));
        assert!(slow.await.unwrap().is_ok());
        assert_eq!(pool.run(|| 2).await.unwrap(), 2);
    }
}
