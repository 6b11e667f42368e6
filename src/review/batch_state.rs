//! A batch's review state follows its items; every change of it is audited.

use crate::audit::{self, AuditEvent};
use crate::db::review::{self as store, BatchCounts};
use crate::db::{batches, DbConnection, DbError};
use chrono::NaiveDateTime;
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchState {
    /// Something still waits for a reviewer (and nothing is prohibited).
    Open,
    /// Something in it is prohibited.
    Blocked,
    /// Every item is approved.
    Cleared,
    /// Every item is decided, some were rejected.
    PartiallyCleared,
}

impl BatchState {
    pub fn as_str(self) -> &'static str {
        match self {
            BatchState::Open => "open",
            BatchState::Blocked => "blocked",
            BatchState::Cleared => "cleared",
            BatchState::PartiallyCleared => "partially_cleared",
        }
    }

    pub fn parse(s: &str) -> Option<BatchState> {
        [
            BatchState::Open,
            BatchState::Blocked,
            BatchState::Cleared,
            BatchState::PartiallyCleared,
        ]
        .into_iter()
        .find(|state| state.as_str() == s)
    }

    /// A batch with a prohibited item is blocked whatever else is decided: the weapon must leave the order.
    pub fn from_counts(c: &BatchCounts) -> BatchState {
        if c.prohibited > 0 {
            BatchState::Blocked
        } else if c.awaiting > 0 {
            BatchState::Open
        } else if c.approved == c.items {
            BatchState::Cleared
        } else {
            BatchState::PartiallyCleared
        }
    }
}

/// Recomputes the batch's state inside the caller's transaction; a change is stored and audited (as done by
/// `base`'s actor for `base`'s request).
pub fn refresh_batch_state(
    conn: &mut DbConnection,
    batch_id: &str,
    base: &AuditEvent,
    now: NaiveDateTime,
) -> Result<BatchState, DbError> {
    let batch =
        batches::get(conn, batch_id)?.ok_or_else(|| DbError::Corrupt(format!("batch {batch_id} is missing")))?;
    let counts = store::batch_counts(conn, batch_id)?;
    let state = BatchState::from_counts(&counts);
    if state.as_str() != batch.review_state {
        store::set_batch_state(conn, batch_id, state.as_str())?;
        let mut event = base.clone();
        event.action = "batch_state".into();
        event.entity_type = "batch".into();
        event.entity_id = batch_id.to_string();
        event.project_id = Some(batch.project_id.clone());
        event.reason = None;
        event.before = audit::state(&json!({"review_state": batch.review_state}));
        event.after = audit::state(&json!({"review_state": state.as_str(), "items": counts.items,
            "prohibited": counts.prohibited, "awaiting": counts.awaiting, "approved": counts.approved}));
        audit::append(conn, &event, now)?;
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_follows_the_items() {
        let c = |items, prohibited, awaiting, approved| BatchCounts {
            items,
            prohibited,
            awaiting,
            approved,
        };
        assert_eq!(BatchState::from_counts(&c(3, 1, 0, 2)), BatchState::Blocked);
        assert_eq!(BatchState::from_counts(&c(3, 1, 3, 0)), BatchState::Blocked);
        assert_eq!(BatchState::from_counts(&c(3, 0, 1, 2)), BatchState::Open);
        assert_eq!(BatchState::from_counts(&c(3, 0, 0, 3)), BatchState::Cleared);
        assert_eq!(BatchState::from_counts(&c(3, 0, 0, 2)), BatchState::PartiallyCleared);
    }
}
