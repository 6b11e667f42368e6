//! End-use monitoring rules: refused deliveries and inspections (audited as refused), scoping by project,
//! transfer consents, disposals, waivers, the iCalendar feed and serial import from a packing list.

use crate::helpers::*;
use crate::monitoring::{audit_actions, serials, setup, PROJECT};
use serde_json::json;

#[tokio::test]
async fn unapproved_prohibited_and_incomplete_deliveries_are_refused() {
    for db in backends() {
        let s = setup(db).await;
        let (status, body) = s.deliver("Tent", 1, "2026-03-02", vec![]).await;
        assert_eq!((status, body["code"].as_str()), (409, Some("not_approved")), "{body}");
        let (status, body) = s.deliver("Assault", 1, "2026-03-02", vec![]).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("prohibited_item")),
            "{body}"
        );
        let (status, body) = s.deliver("Night", 2, "2026-03-02", serials("NV", 1..=1)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("serials_required")),
            "{body}"
        );
        let (status, body) = s.deliver("Night", 11, "2026-03-02", serials("NV", 1..=11)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("quantity_exceeds_order")),
            "{body}"
        );
        let (status, body) = s.deliver("Armoured", 1, "2029-01-02", vec![]).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("certificate_not_valid")),
            "{body}"
        );
        let no_certificate = json!({"item_id": s.items["Armoured"], "quantity": 1, "delivered_on": "2026-03-02",
            "receiving_unit": "GMS", "location": "Niamey"});
        let response = s.app.post_json("/api/v1/deliveries", &s.monitor, &no_certificate).await;
        assert_eq!(problem(response, 409).await["code"], "certificate_required");
        let response = s
            .app
            .post_json(
                "/api/v1/deliveries",
                &s.monitor,
                &json!({"item_id": s.items["Armoured"]}),
            )
            .await;
        problem(response, 422).await;
        // Nothing was stored, and every refusal is in the audit trail.
        let deliveries = s.app.get_json("/api/v1/deliveries", &s.monitor).await;
        assert_eq!(deliveries["items"].as_array().unwrap().len(), 0);
        let refused = audit_actions(&s.app.database_url)
            .into_iter()
            .filter(|(a, o)| a == "record_delivery" && o == "refused")
            .count();
        assert_eq!(refused, 6);
    }
}

#[tokio::test]
async fn an_approved_clear_item_needs_no_monitoring_and_profiles_filter_obligations() {
    let s = setup(Db::Sqlite).await;
    crate::monitoring::approve(&s.app, s.items["Tent"]).await;
    let body = json!({"item_id": s.items["Tent"], "quantity": 3, "delivered_on": "2026-02-01",
        "receiving_unit": "GMS", "location": "Agadez"});
    let response = s.app.post_json("/api/v1/deliveries", &s.monitor, &body).await;
    assert_eq!(response.status(), 201, "no certificate needed for profile none");
    let tents: serde_json::Value = response.json().await.unwrap();
    assert_eq!(tents["profile"], "none");
    s.deliver("Night", 1, "2026-02-01", serials("NV", 1..=1)).await;
    s.deliver("Armoured", 1, "2026-02-01", vec![]).await;
    let all = s.app.get_json("/api/v1/obligations", &s.monitor).await;
    assert!(all["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["delivery_id"] != tents["id"]));
    let enhanced = s.app.get_json("/api/v1/obligations?profile=enhanced", &s.monitor).await;
    let kinds: Vec<&str> = enhanced["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["delivery_confirmation", "initial_inventory"]);
    let due = s
        .app
        .get_json("/api/v1/obligations?due_before=2026-03-04", &s.monitor)
        .await;
    assert_eq!(
        due["obligations"].as_array().unwrap().len(),
        2,
        "both confirmations fall due on 2026-03-03"
    );
}

#[tokio::test]
async fn a_disposed_serial_cannot_be_inspected_and_ends_its_inventories() {
    for db in backends() {
        let s = setup(db).await;
        let (_, nvd) = s.deliver("Night", 2, "2026-03-02", serials("NV", 1..=2)).await;
        let delivery = nvd["id"].as_str().unwrap().to_string();
        let disposal = json!({"project": PROJECT, "serial_number": "NV-002", "disposed_on": "2026-04-01",
            "method": "destruction", "witness": "Capt. Abdou", "certificate_ref": "DC-17"});
        s.post("/api/v1/disposals", disposal.clone()).await;
        let again = s.app.post_json("/api/v1/disposals", &s.monitor, &disposal).await;
        assert_eq!(problem(again, 409).await["code"], "serial_gone");
        let inspect = json!({"delivery_id": delivery, "kind": "initial", "done_on": "2026-05-01", "inspector": "EUM",
            "results": [{"serial_number": "NV-001", "result": "sighted"}, {"serial_number": "NV-002", "result": "sighted"}]});
        let response = s.app.post_json("/api/v1/inspections", &s.monitor, &inspect).await;
        assert_eq!(problem(response, 409).await["code"], "serial_not_inspectable");
        assert!(audit_actions(&s.app.database_url).contains(&("record_inspection".into(), "refused".into())));
        // Transfer of the last serial held, with consent: its inventories end (waived), the answer is fulfilled.
        let consent = s
            .post(
                "/api/v1/transfer-consents",
                json!({"delivery_id": delivery, "serial_numbers": ["NV-001"],
            "transferee": "Garde nationale", "reason": "redeployment", "requested_on": "2026-04-10"}),
            )
            .await;
        let owed = s
            .app
            .get_json("/api/v1/obligations?kind=transfer_answer&as_of=2026-04-10", &s.monitor)
            .await;
        assert_eq!(owed["obligations"][0]["due_on"], "2026-05-10");
        s.post(
            &format!("/api/v1/transfer-consents/{}/decision", consent["id"].as_str().unwrap()),
            json!({"granted": true, "decided_on": "2026-04-20", "note": "consent by letter 2026/44"}),
        )
        .await;
        let page = s
            .app
            .get_json(&format!("/api/v1/deliveries/{delivery}"), &s.monitor)
            .await;
        let states: Vec<(&str, &str)> = page["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (o["kind"].as_str().unwrap(), o["state"].as_str().unwrap()))
            .collect();
        assert!(states.contains(&("initial_inventory", "waived")), "{states:?}");
        assert!(states.contains(&("transfer_answer", "fulfilled")), "{states:?}");
        assert_eq!(page["reconciliation"]["gone"], 2);
        // An open obligation may be waived with a justification, once.
        let confirmation = page["owes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["kind"] == "delivery_confirmation")
            .unwrap();
        let path = format!("/api/v1/obligations/{}/waiver", confirmation["id"].as_str().unwrap());
        let waived = s
            .post(&path, json!({"justification": "confirmed orally at the handover"}))
            .await;
        assert_eq!(waived["waived_on"], crate::monitoring::TODAY);
        let again = s
            .app
            .post_json(
                &path,
                &s.monitor,
                &json!({"justification": "confirmed orally at the handover"}),
            )
            .await;
        assert_eq!(problem(again, 409).await["code"], "obligation_closed");
    }
}

#[tokio::test]
async fn monitoring_is_scoped_by_project_and_written_by_monitors() {
    for db in backends() {
        let s = setup(db).await;
        let (_, vehicles) = s.deliver("Armoured", 2, "2026-09-01", serials("VH", 1..=2)).await;
        let delivery = vehicles["id"].as_str().unwrap();
        let stranger = token("monitor", &["other-project"]);
        let response = s.app.get(&format!("/api/v1/deliveries/{delivery}"), &stranger).await;
        problem(response, 404).await;
        for path in ["/api/v1/deliveries", "/api/v1/serials", "/api/v1/certificates"] {
            let rows = s.app.get_json(path, &stranger).await;
            assert_eq!(rows["items"].as_array().unwrap().len(), 0, "{path}");
            assert_eq!(rows["total"], 0, "{path}");
        }
        let report = s.app.get_json("/api/v1/obligations", &stranger).await;
        assert_eq!(report["obligations"].as_array().unwrap().len(), 0);
        let response = s
            .app
            .get(&format!("/api/v1/projects/{PROJECT}/inspections.ics"), &stranger)
            .await;
        problem(response, 404).await;
        let confirm = json!({"confirmed_by": "x"});
        let response = s
            .app
            .post_json(
                &format!("/api/v1/deliveries/{delivery}/confirmation"),
                &stranger,
                &confirm,
            )
            .await;
        problem(response, 404).await;
        // Other roles of the project read, but only monitors and admins write.
        let officer = token("officer", &[PROJECT]);
        assert_eq!(
            s.app.get_json("/api/v1/deliveries", &officer).await["items"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        let response = s
            .app
            .post_json(
                &format!("/api/v1/deliveries/{delivery}/confirmation"),
                &officer,
                &confirm,
            )
            .await;
        problem(response, 403).await;
        let response = s
            .app
            .post_json(
                &format!("/api/v1/deliveries/{delivery}/confirmation"),
                &token("admin", &[]),
                &confirm,
            )
            .await;
        assert_eq!(response.status(), 200);
        let response = s.app.get("/api/v1/obligations?state=late", &officer).await;
        problem(response, 422).await;
    }
}

#[tokio::test]
async fn planned_inspections_are_an_icalendar_feed() {
    for db in backends() {
        let s = setup(db).await;
        let (_, nvd) = s.deliver("Night", 1, "2026-03-02", serials("NV", 1..=1)).await;
        let delivery = nvd["id"].as_str().unwrap();
        let planned = s
            .post(
                "/api/v1/inspections/planned",
                json!({"delivery_id": delivery, "kind": "periodic",
            "method": "sample", "planned_on": "2026-12-05", "inspector": "Équipe EUM; Niamey, Niger"}),
            )
            .await;
        let response = s
            .app
            .get(&format!("/api/v1/projects/{PROJECT}/inspections.ics"), &s.monitor)
            .await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"));
        let text = response.text().await.unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.split("\r\n").all(|line| line.len() <= 75));
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20261205\r\n"), "{unfolded}");
        assert!(unfolded.contains("Équipe EUM\\; Niamey\\, Niger"), "{unfolded}");
        assert!(unfolded.contains(&format!(
            "UID:inspection-{}@equipcheck",
            planned["id"].as_str().unwrap()
        )));
        assert!(
            unfolded.contains("DTSTART;VALUE=DATE:20260531\r\n"),
            "the initial inventory due: {unfolded}"
        );
        // Completing the planned inspection takes it out of the feed.
        s.post(&format!("/api/v1/inspections/{}/results", planned["id"].as_str().unwrap()),
            json!({"done_on": "2026-05-15", "inspector": "EUM", "results": [{"serial_number": "NV-001", "result": "sighted"}]})).await;
        let text = s
            .app
            .get(&format!("/api/v1/projects/{PROJECT}/inspections.ics"), &s.monitor)
            .await
            .text()
            .await
            .unwrap();
        assert!(
            // The planned date, not any "20261205": DTSTAMP is the real clock, which once read 2026-12-05.
            !text.contains("DTSTART;VALUE=DATE:20261205") && text.contains("DTSTART;VALUE=DATE:20270515"),
            "{text}"
        );
    }
}

async fn import(s: &crate::monitoring::Setup, delivery: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    s.app
        .client
        .post(s.app.url(&format!("/api/v1/deliveries/{delivery}/serials/import")))
        .bearer_auth(&s.monitor)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn serials_arrive_as_packing_lists() {
    for db in backends() {
        let s = setup(db).await;
        let (_, radios) = s.deliver("Frequency", 20, "2026-06-15", vec![]).await;
        let delivery = radios["id"].as_str().unwrap();
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("Packing list").unwrap();
        sheet.write(0, 0, "Liste de colisage").unwrap();
        for (col, header) in ["Désignation", "N° de série", "Modèle"].iter().enumerate() {
            sheet.write(2, col as u16, *header).unwrap();
        }
        for row in 0..3u32 {
            sheet.write(3 + row, 0, "Radio").unwrap();
            sheet.write(3 + row, 1, format!("RD-{row}")).unwrap();
            sheet.write(3 + row, 2, "PRC-152").unwrap();
        }
        sheet.write(6, 0, "Radio").unwrap();
        sheet.write(6, 1, "RD-1").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let response = import(&s, delivery, "colisage.xlsx", bytes).await;
        let body = problem(response, 422).await;
        assert_eq!(
            body["errors"][0]["field"],
            "colisage.xlsx, sheet \"Packing list\", row 7, column B (N° de série)"
        );
        assert_eq!(
            s.app.get_json("/api/v1/serials", &s.monitor).await["items"]
                .as_array()
                .unwrap()
                .len(),
            0,
            "all or nothing"
        );
        let csv = "Serial number;Model\nRD-1;PRC-152\nRD-2;PRC-152\nRD-3;PRC-152\n";
        let response = import(&s, delivery, "list.csv", csv.as_bytes().to_vec()).await;
        assert_eq!(response.status(), 201);
        let rows = s
            .app
            .get_json(
                &format!("/api/v1/serials?project={PROJECT}&status=in_service"),
                &s.monitor,
            )
            .await;
        assert_eq!(rows["items"].as_array().unwrap().len(), 3);
        assert_eq!(rows["items"][0]["model"], "PRC-152");
        // Paging: a page of two, then the rest; the total stays; out-of-range limits are refused.
        let page = s.app.get_json("/api/v1/serials?limit=2&offset=2", &s.monitor).await;
        assert_eq!(
            (page["total"].as_i64(), page["limit"].as_i64(), page["offset"].as_i64()),
            (Some(3), Some(2), Some(2))
        );
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
        assert_eq!(page["items"][0]["serial_number"], rows["items"][2]["serial_number"]);
        for bad in ["limit=0", "limit=100000", "offset=-1"] {
            problem(s.app.get(&format!("/api/v1/certificates?{bad}"), &s.monitor).await, 422).await;
        }
        let again = import(&s, delivery, "list.csv", csv.as_bytes().to_vec()).await;
        assert!(problem(again, 422).await["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("already recorded"));
        let response = import(&s, delivery, "notes.pdf", b"%PDF-1.4".to_vec()).await;
        problem(response, 422).await;
    }
}
