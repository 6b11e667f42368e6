//! A monitor sees what is overdue, opens a delivery with its serials, records an inspection, and the overdue
//! count goes down.

use crate::driver::{add_user, app_with, browser};
use crate::helpers::{approve_item, token_as, upload_lines};
use serde_json::{json, Value};

const PROJECT: &str = "niger-police";

#[tokio::test]
async fn a_monitor_records_an_inspection_and_the_overdue_count_changes() {
    for db in crate::helpers::backends() {
        let Some(b) = browser().await else { return };
        let app = app_with(db, &["--today", "2026-11-22"]).await;
        add_user(&app, "moussa", "monitor", &[PROJECT]);
        // An approved night-vision order, delivered in May with an end-user certificate and three serials.
        let (_, items) = upload_lines(&app, "amina", PROJECT, &["Night vision goggles Gen 3"]).await;
        let item = items[0]["id"].as_i64().unwrap();
        approve_item(&app, item).await;
        let monitor = token_as("moussa", "monitor", &[PROJECT]);
        let certificate: Value = app
            .post_json(
                "/api/v1/certificates",
                &monitor,
                &json!({"project": PROJECT, "reference": "EUC-2026-01", "issuer": "Ministère de l'Intérieur",
                    "end_user": "Police nationale", "consignee": "Direction du matériel", "final_destination": "Niger",
                    "end_use": "Border patrol", "no_reexport": true, "onsite_checks": true,
                    "issued_on": "2026-01-05", "valid_until": "2028-12-31"}),
            )
            .await
            .json()
            .await
            .unwrap();
        let serials: Vec<Value> = (1..=3)
            .map(|n| json!({"serial_number": format!("NV-{n:03}"), "model": "PVS-14"}))
            .collect();
        let delivery = app
            .post_json(
                "/api/v1/deliveries",
                &monitor,
                &json!({"item_id": item, "quantity": 3, "delivered_on": "2026-05-01",
                    "receiving_unit": "Groupement mobile", "location": "Niamey, base 3",
                    "certificate_id": certificate["id"], "serials": serials}),
            )
            .await;
        assert_eq!(delivery.status(), 201);

        b.sign_in(&app, "moussa").await;
        assert_eq!(b.path().await, "/monitoring", "a monitor starts at the obligations");
        let overdue = || async { b.text("strong[data-state=overdue]").await.parse::<i64>().unwrap() };
        let before = overdue().await;
        assert!(before >= 1, "the initial inventory is late");
        assert!(!b.all("figure.chart svg rect").await.is_empty());
        b.screenshot("monitoring").await;

        b.css("#open-obligations tbody a").await.click().await.unwrap();
        let delivery_path = b.wait_for_path("/deliveries/").await;
        assert_eq!(b.all("#serials tbody tr").await.len(), 3);
        assert!(b.text("#serials").await.contains("NV-002"));
        b.css("#i-kind option[value=initial]").await.click().await.unwrap();
        b.css("#i-inspector").await.send_keys("EUM team Niamey").await.unwrap();
        b.css("#i-findings")
            .await
            .send_keys("All three devices seen in the armoury.")
            .await
            .unwrap();
        b.screenshot("delivery").await;
        b.css("#record-inspection button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
        b.wait_for_path(&format!("{delivery_path}?done=inspection")).await;
        assert!(b.text("#serials").await.contains("2026-11-22"), "last seen today");

        b.client.goto(&app.url("/monitoring")).await.unwrap();
        let after = overdue().await;
        assert_eq!(after, before - 1, "the initial inventory is done");
        b.close().await;
    }
}
