//! A monitor's whole week in the browser, once in French and once in English: an end-user certificate, a
//! delivery of an approved item, its serials from a packing list, the recipient's confirmation, an inspection
//! (nothing preset: scanned serials and "all other serials sighted"), a theft and its report, a transfer request
//! and its answer, a disposal, and a waiver; the dashboard names each obligation. Screenshots of every page at
//! laptop and tablet widths.

use crate::driver::{add_user, app_with, browser, Browser};
use crate::helpers::{approve_item, token_as, upload_lines, TestApp};
use equipcheck::i18n::Lang;
use serde_json::{json, Value};

const PROJECT: &str = "niger-police";

/// Screenshots of the page at laptop and tablet widths.
async fn shots(b: &Browser, name: &str, lang: Lang) {
    for (width, height, label) in [(1280, 1000, "laptop"), (820, 1180, "tablet")] {
        b.client.set_window_size(width, height).await.expect("window size");
        b.screenshot(&format!("monitor-{name}-{label}-{}", lang.code())).await;
    }
    b.client.set_window_size(1280, 1000).await.expect("window size");
}

async fn open(b: &Browser, details: &str) {
    let open = b.css(details).await.attr("open").await.expect("open attribute");
    if open.is_none() {
        b.css(&format!("{details} > summary"))
            .await
            .click()
            .await
            .expect("open");
    }
}

async fn fill(b: &Browser, selector: &str, text: &str) {
    b.css(selector).await.send_keys(text).await.expect("type");
}

/// Date inputs are typed in the browser's locale; set their value directly.
async fn date(b: &Browser, id: &str, day: &str) {
    b.client
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![json!(id), json!(day)],
        )
        .await
        .expect("set date");
}

async fn choose(b: &Browser, select: &str, value: &str) {
    b.css(select).await.select_by_value(value).await.expect("choose");
}

async fn submit(b: &Browser, form: &str) {
    b.css(&format!("{form} button[type=submit]"))
        .await
        .click()
        .await
        .expect("submit");
}

/// Waits for the confirmation of `form` and checks it is in the page's language.
async fn saved(b: &Browser, lang: Lang, form: &str) {
    for _ in 0..300 {
        if b.path().await.contains(&format!("done={form}")) {
            assert_eq!(b.text("#saved").await, lang.tr(&format!("mon-done-{form}")), "{form}");
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let reasons: Vec<String> = futures_util::future::join_all(
        b.all(".error-detail")
            .await
            .into_iter()
            .map(|e| async move { e.text().await.unwrap_or_default() }),
    )
    .await;
    panic!("{form} was not saved (at {}): {reasons:?}", b.path().await);
}

/// Two approved items (night-vision goggles: enhanced monitoring, delivered already with their serials; radios:
/// routine) and an open initial inventory to waive.
async fn prepare(app: &TestApp) -> (i64, String) {
    let (_, items) = upload_lines(
        app,
        "amina",
        PROJECT,
        &["Night vision goggles Gen 3", "Frequency hopping radio"],
    )
    .await;
    let (goggles, radio) = (items[0]["id"].as_i64().unwrap(), items[1]["id"].as_i64().unwrap());
    approve_item(app, goggles).await;
    approve_item(app, radio).await;
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
    let delivery: Value = app
        .post_json(
            "/api/v1/deliveries",
            &monitor,
            &json!({"item_id": goggles, "quantity": 3, "delivered_on": "2026-05-01",
                "receiving_unit": "Groupement mobile", "location": "Niamey, base 3",
                "certificate_id": certificate["id"], "serials": serials}),
        )
        .await
        .json()
        .await
        .unwrap();
    (radio, delivery["id"].as_str().unwrap().to_string())
}

async fn week(lang: Lang) {
    for db in crate::helpers::backends() {
        let Some(b) = browser().await else { return };
        let app = app_with(db, &["--today", "2026-11-22"]).await;
        add_user(&app, "moussa", "monitor", &[PROJECT]);
        let (radio, goggles_delivery) = prepare(&app).await;
        b.sign_in(&app, "moussa").await;
        // The language as the switcher remembers it (a cookie; WebDriver's add_cookie refuses an IP address).
        b.client
            .execute(
                "document.cookie = 'equipcheck_lang=' + arguments[0] + '; path=/';",
                vec![json!(lang.code())],
            )
            .await
            .expect("language cookie");
        b.client.goto(&app.url("/monitoring")).await.unwrap();
        assert_eq!(
            b.css("html").await.attr("lang").await.unwrap().as_deref(),
            Some(lang.code())
        );
        let obligations = b.text("#open-obligations").await;
        assert!(
            obligations.contains("Night vision goggles Gen 3") && !obligations.contains("delivery_confirmation"),
            "obligations are named by what they are: {obligations}"
        );
        shots(&b, "dashboard", lang).await;

        // Monday: the end-user certificate of the radios, with the signed copy's hash.
        b.client.goto(&app.url("/monitoring/certificates")).await.unwrap();
        open(&b, "#certificate-details").await;
        choose(&b, "#certificate-project", PROJECT).await;
        for (field, text) in [
            ("reference", "EUC-2026-07"),
            ("issuer", "Ministère de la Défense"),
            ("end_user", "Garde nationale"),
            ("consignee", "Direction du matériel"),
            ("final_destination", "Niger"),
        ] {
            fill(&b, &format!("#certificate-{field}"), text).await;
        }
        fill(&b, "#certificate-end_use", "Radio links of border posts").await;
        date(&b, "certificate-issued_on", "2026-07-01").await;
        fill(&b, "#certificate-document_sha256", &"ab".repeat(32)).await;
        submit(&b, "#record-certificate").await;
        saved(&b, lang, "certificate").await;
        assert!(b.text("#certificate-list").await.contains("EUC-2026-07"));
        shots(&b, "certificates", lang).await;

        // The delivery of three radios under it.
        b.client
            .goto(&app.url(&format!("/monitoring/deliveries?item={radio}")))
            .await
            .unwrap();
        choose(&b, "#delivery-item_id", &radio.to_string()).await;
        fill(&b, "#delivery-quantity", "3").await;
        fill(&b, "#delivery-receiving_unit", "Garde nationale, 2e compagnie").await;
        fill(&b, "#delivery-location", "Agadez").await;
        let certificate = b
            .css("#delivery-certificate_id option:nth-child(2)")
            .await
            .attr("value")
            .await
            .unwrap()
            .unwrap();
        choose(&b, "#delivery-certificate_id", &certificate).await;
        shots(&b, "deliveries", lang).await;
        submit(&b, "#record-delivery").await;
        saved(&b, lang, "delivery").await;
        let delivery_path = b.path().await.split('?').next().unwrap().to_string();
        assert!(b.text("#delivered").await.contains("Frequency hopping radio"));
        assert!(b.text("#delivered").await.contains("EUC-2026-07"));

        // Tuesday: the serials from the supplier's packing list, and the recipient's confirmation.
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("packing-list.csv");
        std::fs::write(
            &list,
            "Packing list;;\nSerial number;Model\nFH-001;PRC-117\nFH-002;PRC-117\nFH-003;PRC-117\n",
        )
        .unwrap();
        open(&b, "#serials-details").await;
        fill(&b, "#serials-file", list.to_str().unwrap()).await;
        submit(&b, "#import-serials").await;
        saved(&b, lang, "serials").await;
        assert_eq!(b.all("#serials tbody tr").await.len(), 3);
        open(&b, "#confirm-details").await;
        fill(&b, "#confirm-confirmed_by", "Capitaine Issoufou").await;
        submit(&b, "#confirm-delivery").await;
        saved(&b, lang, "confirm").await;

        // Wednesday: the inspection; nothing is preset, two serials scanned and "all others sighted".
        open(&b, "#inspection-details").await;
        choose(&b, "#inspection-kind", "spot").await;
        fill(&b, "#inspection-inspector", "EUM team Agadez").await;
        fill(&b, "#inspection-sighted", "FH-001\nFH-002\n").await;
        b.css("input[name=all_sighted]").await.click().await.unwrap();
        shots(&b, "inspection", lang).await;
        submit(&b, "#record-inspection").await;
        saved(&b, lang, "inspection").await;
        assert!(b.text("#inspections").await.contains("2026-11-22"));

        // Thursday: a radio is stolen; the incident is recorded and reported.
        open(&b, "#incident-details").await;
        choose(&b, "#incident-kind", "theft").await;
        fill(&b, "#incident-serial_number", "FH-003").await;
        fill(&b, "#incident-description", "Taken from a patrol vehicle in Agadez.").await;
        submit(&b, "#record-incident").await;
        saved(&b, lang, "incident").await;
        assert!(b.text("#incidents").await.contains("FH-003"));
        open(&b, "#incidents details.report").await;
        fill(&b, "#incidents input[name=reported_to]", "Ministère de l'Intérieur").await;
        submit(&b, "#incidents details.report form").await;
        saved(&b, lang, "report").await;

        // Friday: a transfer request and its answer, a disposal.
        open(&b, "#transfer-details").await;
        fill(&b, "#transfer-serial_numbers", "FH-002").await;
        fill(&b, "#transfer-transferee", "Police nationale, Zinder").await;
        fill(&b, "#transfer-reason", "Redeployment of the border unit").await;
        submit(&b, "#request-transfer").await;
        saved(&b, lang, "transfer").await;
        open(&b, "#transfers details.answer").await;
        choose(&b, "#transfers select[name=granted]", "yes").await;
        fill(
            &b,
            "#transfers textarea[name=note]",
            "Granted on condition of a new end-user statement.",
        )
        .await;
        submit(&b, "#transfers details.answer form").await;
        saved(&b, lang, "answer").await;
        open(&b, "#disposal-details").await;
        choose(&b, "#disposal-serial_number", "FH-001").await;
        fill(&b, "#disposal-method", "destruction").await;
        fill(&b, "#disposal-witness", "Lt. Abdou").await;
        fill(&b, "#disposal-certificate_ref", "DEST-2026-11").await;
        submit(&b, "#record-disposal").await;
        saved(&b, lang, "disposal").await;
        let serials = b.text("#serials").await;
        for status in ["stolen", "transferred", "disposed"] {
            assert!(
                serials.contains(&lang.tr(&format!("mon-serial-status-{status}"))),
                "{status}: {serials}"
            );
        }
        shots(&b, "delivery", lang).await;
        assert_eq!(b.path().await.split('?').next().unwrap(), delivery_path);

        // The goggles' initial inventory no longer applies: waived with a justification.
        b.client
            .goto(&app.url(&format!("/deliveries/{goggles_delivery}")))
            .await
            .unwrap();
        let owed = b.all("#owes > li").await.len();
        open(&b, "#owes details.waiver").await;
        fill(
            &b,
            "#owes textarea[name=justification]",
            "Goggles returned to the supplier under warranty.",
        )
        .await;
        submit(&b, "#owes details.waiver form").await;
        saved(&b, lang, "waiver").await;
        assert_eq!(b.all("#owes > li").await.len(), owed - 1);

        for (path, name) in [
            ("/monitoring/serials", "serials"),
            ("/monitoring/incidents", "incidents"),
            ("/monitoring/feed", "feed"),
        ] {
            b.client.goto(&app.url(path)).await.unwrap();
            shots(&b, name, lang).await;
        }
        assert!(b.text("main").await.contains(&lang.tr("mon-feed-make")));
        b.client.goto(&app.url("/monitoring/incidents")).await.unwrap();
        assert!(b.text("#incident-list").await.contains("Taken from a patrol vehicle"));
        b.close().await;
    }
}

#[tokio::test]
async fn a_monitors_week_in_french() {
    week(Lang::Fr).await;
}

#[tokio::test]
async fn a_monitors_week_in_english() {
    week(Lang::En).await;
}
