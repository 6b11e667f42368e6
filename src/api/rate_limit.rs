//! Per-client rate limit on the API (`/api/...`): at most N requests per client address per minute on this
//! instance (`EQUIPCHECK_RATE_LIMIT`, 0 = off), then 429 `rate_limited` with `Retry-After` until the minute ends.
//! Sign-ins have their own throttles (`auth::throttle`).

use super::error::ApiError;
use super::AppState;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, ResponseError};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);
/// Clients tracked at most; past it, finished windows are forgotten first.
const MAX_TRACKED: usize = 100_000;

#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request of `client`; `Err(seconds)` when it is over the limit.
    pub fn admit(&self, client: &str, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        if windows.len() >= MAX_TRACKED {
            windows.retain(|_, (start, _)| now.saturating_duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(client.to_string()).or_insert((now, 0));
        if now.saturating_duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_minute {
            let left = WINDOW.saturating_sub(now.saturating_duration_since(entry.0));
            return Err(left.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

pub async fn limit(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if req.path().starts_with("/api/") {
        if let Some(state) = req.app_data::<web::Data<AppState>>() {
            let client = super::client::client_ip(req.request(), &state.trusted_proxies);
            if let Err(retry_after) = state.rate_limiter.admit(&client, Instant::now()) {
                let response = ApiError::RateLimited { retry_after }.error_response();
                return Ok(req.into_response(response).map_into_right_body());
            }
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_gets_its_own_minute() {
        let limiter = RateLimiter::new(2);
        let t0 = Instant::now();
        assert!(limiter.admit("a", t0).is_ok());
        assert!(limiter.admit("a", t0).is_ok());
        assert_eq!(limiter.admit("a", t0 + Duration::from_secs(20)), Err(40));
        assert!(limiter.admit("b", t0).is_ok());
        assert!(limiter.admit("a", t0 + WINDOW).is_ok());
        assert!(RateLimiter::new(0).admit("a", t0).is_ok());
    }
}
