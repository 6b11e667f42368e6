//! One length cap per item field, the same on every route that writes it (purchase-order lines, item edits),
//! in characters. `OrderLine`'s validator attributes repeat these numbers; a test keeps them equal.

pub const DESCRIPTION: usize = 4000;
pub const LINE_REF: usize = 100;
pub const UNIT: usize = 50;
pub const CURRENCY: usize = 3;
pub const HS_CODE: usize = 32;
pub const CONTROL_CODE: usize = 100;
pub const SUPPLIER: usize = 500;
pub const ORIGIN: usize = 100;
pub const END_USER: usize = 500;
pub const DESTINATION: usize = 500;
/// Why an item's data changed (kept in the audit trail).
pub const REASON: usize = 2000;

/// The cap of an item field by name.
pub fn cap(field: &str) -> Option<usize> {
    Some(match field {
        "description" => DESCRIPTION,
        "line_ref" => LINE_REF,
        "unit" => UNIT,
        "currency" => CURRENCY,
        "hs_code" => HS_CODE,
        "control_code" => CONTROL_CODE,
        "supplier" => SUPPLIER,
        "origin" => ORIGIN,
        "end_user" => END_USER,
        "destination" => DESTINATION,
        "reason" => REASON,
        _ => return None,
    })
}

/// (field, message) for every given field longer than its cap.
pub fn over_caps<'a>(fields: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Vec<(String, String)> {
    fields
        .into_iter()
        .filter_map(|(name, value)| {
            let (cap, value) = (cap(name)?, value?);
            (value.chars().count() > cap).then(|| (name.to_string(), format!("is longer than {cap} characters")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::orders::OrderLine;
    use validator::Validate;

    #[test]
    fn order_lines_use_the_same_caps() {
        let line = |field: &str, len: usize| {
            let mut value = serde_json::json!({"description": "x"});
            value[field] = serde_json::Value::String("x".repeat(len));
            serde_json::from_value::<OrderLine>(value).unwrap()
        };
        for field in [
            "description",
            "line_ref",
            "unit",
            "hs_code",
            "control_code",
            "supplier",
            "origin",
            "end_user",
            "destination",
        ] {
            let cap = cap(field).unwrap();
            assert!(line(field, cap).validate().is_ok(), "{field} at its cap");
            assert!(line(field, cap + 1).validate().is_err(), "{field} above its cap");
        }
        assert_eq!(over_caps([("supplier", Some("x".repeat(501).as_str()))]).len(), 1);
        assert!(over_caps([("hs_code", Some("8525.89"))]).is_empty());
    }
}
