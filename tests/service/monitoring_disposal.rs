//! What a disposal closes: the serial leaves every later inventory, the delivery's inventories end when nothing is
//! held any more, but an incident report already owed stays owed.

use crate::helpers::*;
use crate::monitoring::{serials, setup, PROJECT};
use serde_json::{json, Value};

fn states(page: &Value) -> Vec<(String, String)> {
    page["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["kind"].as_str().unwrap().to_string(),
                o["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn disposing_of_every_serial_ends_the_inventories_but_not_an_open_incident_report() {
    for db in backends() {
        let s = setup(db).await;
        let (_, nvd) = s.deliver("Night", 2, "2026-03-02", serials("NV", 1..=2)).await;
        let delivery = nvd["id"].as_str().unwrap().to_string();
        s.post(
            "/api/v1/inspections",
            json!({"delivery_id": delivery, "kind": "initial", "done_on": "2026-04-01",
            "inspector": "EUM", "results": [{"serial_number": "NV-001", "result": "sighted"},
            {"serial_number": "NV-002", "result": "not_sighted"}]}),
        )
        .await;
        for number in ["NV-001", "NV-002"] {
            s.post(
                "/api/v1/disposals",
                json!({"project": PROJECT, "serial_number": number,
                "disposed_on": "2026-04-10", "method": "destruction", "witness": "Capt. Abdou",
                "certificate_ref": format!("DC-{number}")}),
            )
            .await;
        }
        let page = s
            .app
            .get_json(&format!("/api/v1/deliveries/{delivery}?as_of=2026-04-12"), &s.monitor)
            .await;
        let states = states(&page);
        let of = |kind: &str| -> Vec<&str> {
            states
                .iter()
                .filter(|(k, _)| k == kind)
                .map(|(_, s)| s.as_str())
                .collect()
        };
        assert_eq!(of("initial_inventory"), ["fulfilled"], "{states:?}");
        assert_eq!(
            of("periodic_inventory"),
            ["waived"],
            "nothing held, nothing to inspect: {states:?}"
        );
        // The unsighted serial's report was due within the reporting deadline; disposing of it later does not
        // discharge the duty to report that it went missing.
        assert_eq!(of("incident_report"), ["overdue"], "{states:?}");
        assert!(page["owes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["kind"] == "incident_report" && o["serial_id"].is_string()));
    }
}
