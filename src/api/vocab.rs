//! The closed vocabularies the API sends and accepts as strings, described as enums in the OpenAPI document so
//! that generated clients get real enum types. They only describe; the domain owns the values, and the tests
//! below keep both in step.

use utoipa::ToSchema;

/// Where an item stands in review.
#[allow(dead_code)]
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Waits for a reviewer.
    Pending,
    /// A question to the uploader is open.
    OnHold,
    /// A prohibited item's reclassification waits for a second reviewer.
    Proposed,
    /// May be delivered (never a prohibited item).
    Approved,
    Rejected,
}

/// A batch's review state, which follows its items.
#[allow(dead_code)]
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum BatchReviewState {
    /// Something still waits for a reviewer (and nothing is prohibited).
    Open,
    /// Something in it is prohibited.
    Blocked,
    /// Every item is approved.
    Cleared,
    /// Every item is decided, some were rejected.
    PartiallyCleared,
}

/// How a batch arrived: a spreadsheet upload or an ERP purchase order.
#[allow(dead_code)]
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum BatchSource {
    Upload,
    Erp,
}

/// Where a background job stands.
#[allow(dead_code)]
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// A batch is stored in one transaction, so a visible batch is always complete.
#[allow(dead_code)]
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum BatchStatus {
    Complete,
}

/// One review step on an item.
#[allow(dead_code)]
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum ReviewAction {
    /// May be delivered (never a prohibited item); needs `justification`.
    Approve,
    /// Needs `justification`.
    Reject,
    /// A new `decision` (and optionally `entry`) with a `justification`; on a prohibited item a proposal that a
    /// second reviewer confirms or declines.
    Reclassify,
    ConfirmReclassification,
    DeclineReclassification,
    /// A `question` to the uploader; the item is on hold until answered.
    Ask,
    /// The uploader's `answer`.
    Answer,
}

/// Items of a batch per decision, with the number of items and import problems.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct BatchSummary {
    pub items: i64,
    pub problems: i64,
    pub prohibited: i64,
    pub military: i64,
    pub dual_use: i64,
    pub controlled: i64,
    pub review: i64,
    pub clear: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::PartialSchema;

    fn values<T: PartialSchema>() -> Vec<String> {
        let schema = serde_json::to_value(T::schema()).unwrap_or_default();
        schema["enum"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_documented_vocabularies_are_the_domain_ones() {
        assert_eq!(values::<ReviewStatus>(), crate::db::items::REVIEW_STATUSES);
        let states: Vec<&str> = [
            crate::review::BatchState::Open,
            crate::review::BatchState::Blocked,
            crate::review::BatchState::Cleared,
            crate::review::BatchState::PartiallyCleared,
        ]
        .iter()
        .map(|s| s.as_str())
        .collect();
        assert_eq!(values::<BatchReviewState>(), states);
        assert_eq!(
            values::<BatchSource>(),
            [crate::db::batches::SOURCE_UPLOAD, crate::db::batches::SOURCE_ERP]
        );
        let jobs = [
            crate::db::jobs::QUEUED,
            crate::db::jobs::RUNNING,
            crate::db::jobs::SUCCEEDED,
            crate::db::jobs::FAILED,
        ];
        assert_eq!(values::<JobState>(), jobs);
        let decisions: Vec<&str> = crate::Decision::ALL.iter().map(|d| d.as_str()).collect();
        assert_eq!(values::<crate::Decision>(), decisions);
    }
}
