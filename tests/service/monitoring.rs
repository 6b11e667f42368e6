//! End-use monitoring, the "done when" scenario: a project delivers night-vision devices (enhanced), radios and
//! vehicles (routine); the service shows what each delivery still owes, what is overdue today (an injected day),
//! where every serial was last seen; the command line alerts; everything is in the audit trail.

use crate::helpers::*;
use serde_json::{json, Value};
use std::collections::HashMap;

pub const PROJECT: &str = "niger-police";
pub const TODAY: &str = "2026-11-22";

pub struct Setup {
    pub app: TestApp,
    pub monitor: String,
    /// Item id by the first word of its description.
    pub items: HashMap<String, i64>,
    pub certificate: String,
}

/// Approves an item through the review workflow (an admin other than the uploader, with a justification).
pub async fn approve(app: &TestApp, item: i64) {
    approve_item(app, item).await;
}

pub async fn setup(db: Db) -> Setup {
    let app = spawn_app_with(db, &["--today", TODAY]).await;
    let admin = token("admin", &[]);
    let response = app
        .client
        .put(app.url(&format!("/api/v1/projects/{PROJECT}")))
        .bearer_auth(&admin)
        .json(&json!({"name": "Niger police mobility", "partner_country": "Niger"}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let sheet = "Description,Quantity\nNight vision goggles,10\nFrequency hopping radio,20\n\
                 Armoured personnel carrier,4\nAssault rifle,5\nTent,3\n";
    let response = app
        .upload_bytes(
            &token("officer", &[PROJECT]),
            PROJECT,
            "order.csv",
            sheet.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(response.status(), 201);
    let batch: Value = response.json().await.unwrap();
    let monitor = token("monitor", &[PROJECT]);
    let page = app
        .get_json(
            &format!("/api/v1/batches/{}/items", batch["id"].as_str().unwrap()),
            &monitor,
        )
        .await;
    let mut items = HashMap::new();
    for item in page["items"].as_array().unwrap() {
        let word = item["description"]
            .as_str()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        items.insert(word, item["id"].as_i64().unwrap());
    }
    for word in ["Night", "Frequency", "Armoured"] {
        approve(&app, items[word]).await;
    }
    let certificate = app
        .post_json(
            "/api/v1/certificates",
            &monitor,
            &json!({"project": PROJECT, "reference": "EUC-2026-01", "issuer": "Ministère de l'Intérieur",
                    "end_user": "Police nationale", "consignee": "Direction du matériel", "final_destination": "Niger",
                    "end_use": "Border patrol", "no_reexport": true, "onsite_checks": true,
                    "issued_on": "2026-01-05", "valid_until": "2028-12-31"}),
        )
        .await;
    assert_eq!(certificate.status(), 201);
    let certificate: Value = certificate.json().await.unwrap();
    Setup {
        app,
        monitor,
        items,
        certificate: certificate["id"].as_str().unwrap().to_string(),
    }
}

pub fn serials(prefix: &str, range: std::ops::RangeInclusive<u32>) -> Vec<Value> {
    range
        .map(|n| json!({"serial_number": format!("{prefix}-{n:03}"), "model": "PVS-14"}))
        .collect()
}

impl Setup {
    /// Records a delivery; the answer's status and body.
    pub async fn deliver(&self, item: &str, quantity: i64, on: &str, serials: Vec<Value>) -> (u16, Value) {
        let body = json!({"item_id": self.items[item], "quantity": quantity, "delivered_on": on,
            "receiving_unit": "Groupement mobile", "location": "Niamey, base 3",
            "certificate_id": self.certificate, "serials": serials});
        let response = self.app.post_json("/api/v1/deliveries", &self.monitor, &body).await;
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        let response = self.app.post_json(path, &self.monitor, &body).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {body}");
        body
    }
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_project_sees_what_each_delivery_owes_what_is_overdue_and_where_serials_were_last_seen() {
    for db in backends() {
        let s = setup(db).await;
        let (status, nvd1) = s.deliver("Night", 6, "2026-03-02", serials("NV", 1..=6)).await;
        assert_eq!(status, 201, "{nvd1}");
        assert_eq!(nvd1["profile"], "enhanced");
        assert_eq!(nvd1["country"], "Niger");
        let (status, nvd2) = s.deliver("Night", 4, "2026-10-01", serials("NV", 7..=10)).await;
        assert_eq!(status, 201, "partial deliveries add up: {nvd2}");
        let (status, radios) = s.deliver("Frequency", 20, "2026-06-15", vec![]).await;
        assert_eq!(status, 201, "{radios}");
        assert_eq!(radios["profile"], "routine");
        let (status, vehicles) = s.deliver("Armoured", 4, "2026-09-01", serials("VH", 1..=4)).await;
        assert_eq!(status, 201, "{vehicles}");
        s.post(
            &format!("/api/v1/deliveries/{}/confirmation", id(&nvd1)),
            json!({"confirmed_on": "2026-03-10", "confirmed_by": "Cdt. Issoufou"}),
        )
        .await;
        s.post(
            &format!("/api/v1/deliveries/{}/confirmation", id(&radios)),
            json!({"confirmed_on": "2026-06-20", "confirmed_by": "Lt. Moussa"}),
        )
        .await;
        let mut results: Vec<Value> = (1..=5)
            .map(|n| json!({"serial_number": format!("NV-{n:03}"), "result": "sighted"}))
            .collect();
        results.push(json!({"serial_number": "NV-006", "result": "not_sighted", "note": "unit on patrol"}));
        let inspection = s
            .post(
                "/api/v1/inspections",
                json!({"delivery_id": id(&nvd1), "kind": "initial", "done_on": "2026-05-20",
                "inspector": "EUM team", "evidence": ["photo-0520.zip"], "results": results}),
            )
            .await;

        assert_eq!(inspection["method"], "sample", "the policy's method for enhanced items");

        // Overdue today: two delivery confirmations and the report of the unsighted serial.
        let overdue = s.app.get_json("/api/v1/obligations?state=overdue", &s.monitor).await;
        assert_eq!(overdue["as_of"], TODAY);
        let kinds: Vec<(&str, &str)> = overdue["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (o["kind"].as_str().unwrap(), o["due_on"].as_str().unwrap()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("incident_report", "2026-05-21"),
                ("delivery_confirmation", "2026-10-01"),
                ("delivery_confirmation", "2026-10-31")
            ]
        );
        assert_eq!(overdue["by_state"]["overdue"], 3);
        assert_eq!(overdue["by_country"]["Niger"]["overdue"], 3);
        assert_eq!(overdue["obligations"][1]["days_overdue"], 52);
        // The same question on an earlier day: nothing was late yet, the initial inventory was due soon.
        let earlier = s.app.get_json("/api/v1/obligations?as_of=2026-05-01", &s.monitor).await;
        assert_eq!(earlier["by_state"]["overdue"], 0);
        assert_eq!(earlier["by_state"]["due_soon"], 1, "{earlier}");
        let none = s.app.get_json("/api/v1/obligations?country=Mali", &s.monitor).await;
        assert_eq!(none["obligations"].as_array().unwrap().len(), 0);

        // What the first night-vision delivery still owes, and where its serials were last seen.
        let page = s
            .app
            .get_json(&format!("/api/v1/deliveries/{}", id(&nvd1)), &s.monitor)
            .await;
        let owes: Vec<(&str, &str, &str)> = page["owes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                (
                    o["kind"].as_str().unwrap(),
                    o["due_on"].as_str().unwrap(),
                    o["state"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            owes,
            vec![
                ("incident_report", "2026-05-21", "overdue"),
                ("periodic_inventory", "2027-05-20", "upcoming")
            ]
        );
        assert_eq!(
            (
                page["ordered"].as_f64(),
                page["delivered_total"].as_i64(),
                page["remaining"].as_f64()
            ),
            (Some(10.0), Some(10), Some(0.0))
        );
        let serial_rows = page["serials"].as_array().unwrap();
        let nv1 = serial_rows.iter().find(|x| x["serial_number"] == "NV-001").unwrap();
        assert_eq!(
            (nv1["last_seen_on"].as_str(), nv1["last_seen_by"].as_str()),
            (Some("2026-05-20"), inspection["id"].as_str())
        );
        let nv6 = serial_rows.iter().find(|x| x["serial_number"] == "NV-006").unwrap();
        assert_eq!(
            (nv6["last_seen_on"].as_str(), nv6["last_seen_by"].as_str()),
            (Some("2026-03-02"), Some("delivery"))
        );
        assert_eq!(page["reconciliation"]["sighted"], 5);
        assert_eq!(page["reconciliation"]["not_sighted"], json!(["NV-006"]));
        assert_eq!(page["retain_until"], "2032-05-20");

        // Every serial of the project with where it was last seen.
        let all = s
            .app
            .get_json(&format!("/api/v1/serials?project={PROJECT}"), &s.monitor)
            .await;
        assert_eq!(all["total"], 14);
        let all = all["items"].as_array().unwrap();
        assert_eq!(all.len(), 14);
        assert!(all
            .iter()
            .all(|x| x["last_seen_on"].is_string() && x["last_seen_location"].is_string()));

        // Reconciliation of the project: delivered against sighted.
        let rec = s
            .app
            .get_json(&format!("/api/v1/projects/{PROJECT}/reconciliation"), &s.monitor)
            .await;
        assert_eq!(rec["total"]["quantity"], 34);
        assert_eq!(
            rec["total"]["serials_missing"], 20,
            "the radios' serials are not recorded yet"
        );
        assert_eq!(rec["deliveries"].as_array().unwrap().len(), 4);

        // Reporting the incident and confirming the deliveries clears what was overdue.
        let incidents = s.app.get_json("/api/v1/incidents", &s.monitor).await["items"].clone();
        assert_eq!(incidents[0]["kind"], "unsighted");
        s.post(
            &format!("/api/v1/incidents/{}/report", id(&incidents[0])),
            json!({"reported_on": TODAY, "reported_to": "BAFA"}),
        )
        .await;
        for delivery in [&vehicles, &nvd2] {
            s.post(
                &format!("/api/v1/deliveries/{}/confirmation", id(delivery)),
                json!({"confirmed_by": "Cdt. Issoufou"}),
            )
            .await;
        }
        let after = s
            .app
            .get_json("/api/v1/obligations?state=overdue,due_soon", &s.monitor)
            .await;
        assert_eq!(after["by_state"]["overdue"], 0, "{after}");

        // Everything is in the audit trail.
        let actions = audit_actions(&s.app.database_url);
        for action in [
            "record_certificate",
            "record_delivery",
            "confirm_delivery",
            "record_inspection",
            "record_incident",
            "report_incident",
        ] {
            assert!(
                actions.iter().any(|(a, o)| a == action && o == "done"),
                "{action} not audited: {actions:?}"
            );
        }
        assert_eq!(actions.iter().filter(|(a, _)| a == "record_delivery").count(), 4);
        let deliveries: Vec<_> = audit_records(&s.app.database_url)
            .into_iter()
            .filter(|r| r.0 == "record_delivery")
            .collect();
        assert!(
            deliveries.iter().all(|r| r.2.is_some()),
            "each record names its request: {deliveries:?}"
        );
    }
}

/// (action, outcome) of every audit record, in order.
pub fn audit_actions(database_url: &str) -> Vec<(String, String)> {
    audit_records(database_url)
        .into_iter()
        .map(|(a, o, _)| (a, o))
        .collect()
}

/// (action, outcome, request id) of every audit record, in order.
pub fn audit_records(database_url: &str) -> Vec<(String, String, Option<String>)> {
    use diesel::prelude::*;
    use equipcheck::db::schema::audit_log;
    let pool = equipcheck::db::connect(database_url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    audit_log::table
        .order(audit_log::seq)
        .select((audit_log::action, audit_log::outcome, audit_log::request_id))
        .load(&mut conn)
        .unwrap()
}

#[tokio::test]
async fn a_scheduler_alerts_from_the_command_line() {
    let s = setup(Db::Sqlite).await;
    let (status, _) = s.deliver("Armoured", 4, "2026-09-01", serials("VH", 1..=4)).await;
    assert_eq!(status, 201);
    let run = |as_of: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_equipcheck"))
            .args([
                "obligations",
                "--overdue",
                "--as-of",
                as_of,
                "--format",
                "json",
                "--database-url",
                &s.app.database_url,
            ])
            .env("EQUIPCHECK_CATALOG", fixture("service-catalog"))
            .output()
            .unwrap()
    };
    let late = run(TODAY);
    assert_eq!(late.status.code(), Some(1), "{}", String::from_utf8_lossy(&late.stderr));
    let report: Value = serde_json::from_slice(&late.stdout).unwrap();
    assert_eq!(report["obligations"][0]["kind"], "delivery_confirmation");
    assert_eq!(report["obligations"][0]["state"], "overdue");
    let in_time = run("2026-09-15");
    assert_eq!(in_time.status.code(), Some(0));
    let table = std::process::Command::new(env!("CARGO_BIN_EXE_equipcheck"))
        .args([
            "obligations",
            "--as-of",
            "2026-09-15",
            "--database",
            &s.app.database_url,
        ])
        .env("EQUIPCHECK_CATALOG", fixture("service-catalog"))
        .output()
        .unwrap();
    assert_eq!(table.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&table.stdout).contains("2026-10-01 due_soon"));
}
