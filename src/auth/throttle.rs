//! Failed sign-ins per account: after too many in a window, further attempts on that account are refused until the
//! window ends, so a password cannot be guessed online. Kept in this instance's memory (each instance counts its
//! own attempts); the clock is passed in so tests need no sleeping.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Accounts tracked at most; beyond this, expired entries are dropped, and if none has expired the oldest go.
const MAX_TRACKED: usize = 10_000;

#[derive(Debug)]
pub struct LoginThrottle {
    max_failures: u32,
    window: Duration,
    failures: Mutex<HashMap<String, Failures>>,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    first: Instant,
}

impl LoginThrottle {
    pub fn new(max_failures: u32, window: Duration) -> LoginThrottle {
        LoginThrottle {
            max_failures: max_failures.max(1),
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn key(account: &str) -> String {
        account.trim().to_lowercase()
    }

    /// `Err(seconds to wait)` when the account has used up its failures in the current window.
    pub fn check(&self, account: &str, now: Instant) -> Result<(), u64> {
        let failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match failures.get(&Self::key(account)) {
            Some(f) if f.count >= self.max_failures => {
                let elapsed = now.saturating_duration_since(f.first);
                if elapsed >= self.window {
                    Ok(())
                } else {
                    Err((self.window - elapsed).as_secs().max(1))
                }
            }
            _ => Ok(()),
        }
    }

    pub fn record_failure(&self, account: &str, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if failures.len() >= MAX_TRACKED {
            let window = self.window;
            failures.retain(|_, f| now.saturating_duration_since(f.first) < window);
            if failures.len() >= MAX_TRACKED {
                if let Some(oldest) = failures.iter().min_by_key(|(_, f)| f.first).map(|(k, _)| k.clone()) {
                    failures.remove(&oldest);
                }
            }
        }
        let entry = failures
            .entry(Self::key(account))
            .or_insert(Failures { count: 0, first: now });
        if now.saturating_duration_since(entry.first) >= self.window {
            *entry = Failures { count: 0, first: now };
        }
        entry.count = entry.count.saturating_add(1);
    }

    pub fn record_success(&self, account: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.remove(&Self::key(account));
    }
}

impl Default for LoginThrottle {
    /// 10 failures per account in 15 minutes.
    fn default() -> LoginThrottle {
        LoginThrottle::new(10, Duration::from_secs(15 * 60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_the_limit_until_the_window_ends() {
        let throttle = LoginThrottle::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(throttle.check("Amina", t0), Ok(()));
            throttle.record_failure("amina", t0);
        }
        assert_eq!(throttle.check("AMINA ", t0 + Duration::from_secs(10)), Err(50));
        assert_eq!(throttle.check("rita", t0), Ok(()), "other accounts are not affected");
        assert_eq!(throttle.check("amina", t0 + Duration::from_secs(60)), Ok(()));
        throttle.record_failure("amina", t0 + Duration::from_secs(61));
        assert_eq!(
            throttle.check("amina", t0 + Duration::from_secs(61)),
            Ok(()),
            "a new window starts"
        );
    }

    #[test]
    fn a_success_forgets_the_failures() {
        let throttle = LoginThrottle::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        throttle.record_failure("amina", t0);
        throttle.record_success("amina");
        throttle.record_failure("amina", t0);
        assert_eq!(throttle.check("amina", t0), Ok(()));
    }

    #[test]
    fn memory_stays_bounded() {
        let throttle = LoginThrottle::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        for i in 0..(MAX_TRACKED + 50) {
            throttle.record_failure(&format!("user{i}"), t0);
        }
        let tracked = throttle.failures.lock().map(|f| f.len()).unwrap_or(0);
        assert!(tracked <= MAX_TRACKED, "{tracked}");
    }
}
