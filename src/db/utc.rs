//! Stored timestamps are UTC without an offset (`TIMESTAMP`); answers carry them as RFC 3339 with `Z`, like every
//! other time the API sends.

use chrono::NaiveDateTime;
use serde::{Serialize, Serializer};

pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    t.and_utc().serialize(s)
}

pub fn serialize_option<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    t.map(|t| t.and_utc()).serialize(s)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize)]
    struct Row {
        #[serde(serialize_with = "super::serialize")]
        at: chrono::NaiveDateTime,
    }

    #[test]
    fn timestamps_are_sent_with_their_utc_offset() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_milli_opt(9, 30, 5, 250))
            .unwrap_or_default();
        let text = serde_json::to_string(&Row { at }).unwrap_or_default();
        assert_eq!(text, r#"{"at":"2026-12-02T09:30:05.250Z"}"#);
    }
}
