//! The monitoring back office's fixes, spoken to over HTTP: an incident with a serial number recorded from the
//! delivery page, a refused form that keeps what was typed and says what is wrong next to the field, an
//! inspection dated in the future refused, and no second incident-report obligation for a serial already missing.

use crate::helpers::*;
use crate::monitoring::{serials, setup, Setup, PROJECT};
use serde_json::{json, Value};

/// A monitor of the project signed in through the page; the session cookie.
async fn monitor_session(app: &TestApp) -> String {
    session_cookie(&sign_in_as(app, "moussa", "monitor", &[PROJECT], "/monitoring").await)
}

struct Page {
    status: u16,
    location: String,
    body: String,
}

/// Posts a delivery-page form with the page's anti-forgery token.
async fn post_form(app: &TestApp, session: &str, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
    let html = no_redirects()
        .get(app.url(page))
        .header("cookie", session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_in(&html);
    let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let response = no_redirects()
        .post(app.url(action))
        .header("cookie", session)
        .form(&form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    Page {
        status,
        location,
        body: response.text().await.unwrap(),
    }
}

async fn night_vision_delivery(s: &Setup) -> String {
    let (status, delivery) = s.deliver("Night", 3, "2026-03-02", serials("NV", 1..=3)).await;
    assert_eq!(status, 201, "{delivery}");
    delivery["id"].as_str().unwrap().to_string()
}

async fn incident_reports(s: &Setup, delivery: &str) -> Vec<Value> {
    let owed = s
        .app
        .get_json(
            &format!("/api/v1/obligations?kind=incident_report&delivery={delivery}"),
            &s.monitor,
        )
        .await;
    owed["obligations"].as_array().unwrap().clone()
}

#[tokio::test]
async fn an_incident_with_a_serial_number_is_recorded_from_the_delivery_page() {
    for db in backends() {
        let s = setup(db).await;
        let delivery = night_vision_delivery(&s).await;
        let session = monitor_session(&s.app).await;
        let page = format!("/deliveries/{delivery}");
        let action = format!("{page}/incidents");
        let theft = [
            ("kind", "theft"),
            ("serial_number", "NV-002"),
            ("discovered_on", "2026-11-20"),
            ("description", "Stolen from the vehicle at the checkpoint."),
        ];
        let done = post_form(&s.app, &session, &page, &action, &theft).await;
        assert_eq!(done.status, 303, "{db:?}: {}", done.body);
        assert!(done.location.contains("done=incident"), "{}", done.location);
        let serial = s
            .app
            .get_json(&format!("/api/v1/serials?project={PROJECT}&status=stolen"), &s.monitor)
            .await;
        assert_eq!(serial["items"][0]["serial_number"], "NV-002", "{serial}");
        assert_eq!(incident_reports(&s, &delivery).await.len(), 1);

        // A serial of no delivery: refused next to the field, the description kept.
        let wrong = [
            ("kind", "loss"),
            ("serial_number", "NV-999"),
            ("discovered_on", "2026-11-21"),
            ("description", "Missing after the exercise."),
        ];
        let refused = post_form(&s.app, &session, &page, &action, &wrong).await;
        assert_eq!(refused.status, 422, "{db:?}");
        assert!(
            refused.body.contains("Missing after the exercise."),
            "what was typed is kept"
        );
        assert!(refused.body.contains("value=\"NV-999\""));
        assert!(
            refused.body.contains("id=\"incident-serial_number-error\"")
                && refused.body.contains("serial number NV-999 is not in this delivery"),
            "the reason is next to the serial field"
        );
        assert_eq!(incident_reports(&s, &delivery).await.len(), 1, "nothing saved");
    }
}

#[tokio::test]
async fn an_inspection_dated_after_today_is_refused_next_to_the_date() {
    for db in backends() {
        let s = setup(db).await;
        let delivery = night_vision_delivery(&s).await;
        let session = monitor_session(&s.app).await;
        let page = format!("/deliveries/{delivery}");
        let action = format!("{page}/inspections");
        let future = [
            ("kind", "initial"),
            ("done_on", "2026-12-12"),
            ("inspector", "EUM team Niamey"),
            ("all_sighted", "yes"),
        ];
        let refused = post_form(&s.app, &session, &page, &action, &future).await;
        assert_eq!(refused.status, 422, "{db:?}");
        assert!(
            refused.body.contains("id=\"inspection-done_on-error\""),
            "{}",
            refused.body
        );
        assert!(refused.body.contains("2026-12-12 is after today (2026-11-22)"));
        assert!(
            refused.body.contains("value=\"EUM team Niamey\""),
            "what was typed is kept"
        );
        // The API refuses it too, and no serial was "last seen" on a day to come.
        let api = json!({"delivery_id": delivery, "kind": "initial", "done_on": "2026-12-12", "inspector": "EUM",
            "results": serials("NV", 1..=3).iter().map(|s| json!({"serial_number": s["serial_number"], "result": "sighted"})).collect::<Vec<_>>()});
        let response = s.app.post_json("/api/v1/inspections", &s.monitor, &api).await;
        let body = problem(response, 422).await;
        assert!(body.to_string().contains("done_on"), "{body}");
        let page = s
            .app
            .get_json(&format!("/api/v1/deliveries/{delivery}"), &s.monitor)
            .await;
        assert!(page["serials"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["last_seen_on"] == "2026-03-02"));

        // Today, with every serial sighted explicitly: saved, and the page says so.
        let today = [
            ("kind", "initial"),
            ("done_on", "2026-11-22"),
            ("inspector", "EUM team Niamey"),
            ("all_sighted", "yes"),
        ];
        let done = post_form(&s.app, &session, &page_path(&delivery), &action, &today).await;
        assert_eq!(done.status, 303, "{db:?}: {}", done.body);
        let shown = no_redirects()
            .get(s.app.url(&done.location))
            .header("cookie", &session)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(shown.contains("The inspection was saved"), "a confirmation");
    }
}

fn page_path(delivery: &str) -> String {
    format!("/deliveries/{delivery}")
}

#[tokio::test]
async fn a_serial_already_missing_does_not_owe_a_second_incident_report() {
    for db in backends() {
        let s = setup(db).await;
        let delivery = night_vision_delivery(&s).await;
        s.post(
            "/api/v1/incidents",
            json!({"project": PROJECT, "serial_number": "NV-003", "kind": "theft", "discovered_on": "2026-04-01",
                "description": "Stolen from the armoury"}),
        )
        .await;
        assert_eq!(incident_reports(&s, &delivery).await.len(), 1);
        // Two inventories later, NV-003 is (still) not sighted and NV-002 goes missing.
        for (day, missing) in [("2026-05-01", "NV-003"), ("2026-06-01", "NV-002")] {
            let mut results = vec![json!({"serial_number": "NV-001", "result": "sighted"})];
            results.push(json!({"serial_number": "NV-003", "result": "not_sighted"}));
            if missing == "NV-002" {
                results.push(json!({"serial_number": "NV-002", "result": "not_sighted"}));
            } else {
                results.push(json!({"serial_number": "NV-002", "result": "sighted"}));
            }
            s.post(
                "/api/v1/inspections",
                json!({"delivery_id": delivery, "kind": "periodic", "done_on": day, "inspector": "EUM", "results": results}),
            )
            .await;
        }
        let reports = incident_reports(&s, &delivery).await;
        assert_eq!(
            reports.len(),
            2,
            "{db:?}: one for the theft of NV-003, one for NV-002 unsighted: {reports:?}"
        );
        assert_ne!(reports[0]["serial_id"], reports[1]["serial_id"], "one per serial");
    }
}

/// A 150-serial delivery: the page has no drop-down per serial, and one scan list plus "all other serials
/// sighted" records the whole inventory.
#[tokio::test]
async fn a_delivery_of_150_serials_is_inspected_from_one_short_form() {
    for db in backends() {
        let s = setup(db).await;
        let sheet = "Description,Quantity\nFrequency hopping radio handset,150\n";
        let response = s
            .app
            .upload_bytes(
                &token("officer", &[PROJECT]),
                PROJECT,
                "radios.csv",
                sheet.as_bytes().to_vec(),
            )
            .await;
        let batch: Value = response.json().await.unwrap();
        let items = s
            .app
            .get_json(
                &format!("/api/v1/batches/{}/items", batch["id"].as_str().unwrap()),
                &s.monitor,
            )
            .await;
        let item = items["items"][0]["id"].as_i64().unwrap();
        approve_item(&s.app, item).await;
        let body = json!({"item_id": item, "quantity": 150, "delivered_on": "2026-09-01",
            "receiving_unit": "Garde nationale", "location": "Agadez", "certificate_id": s.certificate,
            "serials": serials("FH", 1..=150)});
        let delivery: Value = s.post("/api/v1/deliveries", body).await;
        let delivery = delivery["id"].as_str().unwrap().to_string();
        let session = monitor_session(&s.app).await;
        let page = page_path(&delivery);
        let html = no_redirects()
            .get(s.app.url(&page))
            .header("cookie", &session)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let selects = html.matches("<select").count();
        eprintln!("150-serial delivery page: {} bytes, {selects} drop-downs", html.len());
        assert!(selects < 10, "{selects} drop-downs: none per serial");
        assert!(
            !html.contains("<details id=\"serials-table\" open"),
            "the long serial table starts folded"
        );
        let form = [
            ("kind", "spot"),
            ("done_on", "2026-11-22"),
            ("inspector", "EUM team Agadez"),
            ("not_sighted", "FH-150"),
            ("all_sighted", "yes"),
        ];
        let done = post_form(&s.app, &session, &page, &format!("{page}/inspections"), &form).await;
        assert_eq!(done.status, 303, "{db:?}: {}", done.body);
        let after = s
            .app
            .get_json(&format!("/api/v1/deliveries/{delivery}"), &s.monitor)
            .await;
        let seen_today = after["serials"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["last_seen_on"] == "2026-11-22")
            .count();
        assert_eq!(seen_today, 149, "all but the one not sighted");
        assert_eq!(incident_reports(&s, &delivery).await.len(), 1, "FH-150 is an incident");
    }
}
