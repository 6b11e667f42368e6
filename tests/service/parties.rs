//! Party screening over HTTP: `POST /api/v1/screen/parties`, and the supplier and end user of classified,
//! uploaded and ordered lines screened against the loaded lists (fixtures in tests/fixtures/lists/, one per
//! official format).

use crate::helpers::*;
use equipcheck::classify::Classifier;
use serde_json::{json, Value};
use std::sync::{Arc, OnceLock};

fn with_lists() -> Arc<Classifier> {
    static C: OnceLock<Arc<Classifier>> = OnceLock::new();
    C.get_or_init(|| {
        let settings = equipcheck::config::PartySettings {
            lists: Some(fixture("lists")),
            threshold: equipcheck::screening::parties::DEFAULT_THRESHOLD,
        };
        equipcheck::startup::load_classifier_with(&fixture("service-catalog"), &settings).expect("lists")
    })
    .clone()
}

fn party_entries(classification: &Value) -> Vec<String> {
    classification["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["evidence"][0]["kind"] == "listed_party")
        .map(|f| f["entry"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn screen_parties_explains_each_match_with_the_list_versions() {
    for db in backends() {
        let app = spawn_app_using(db, &[], with_lists()).await;
        let erp = token("erp", &["p"]);
        let body = json!({"parties": [
            {"name": "АО Рособоронэкспорт", "role": "supplier", "country": "RU"},
            {"name": "Emma Daniels", "role": "end_user"},
            {"name": "11420 Corp."},
            {"name": "Global Corp"},
        ]});
        let response = app.post_json("/api/v1/screen/parties", &erp, &body).await;
        assert_eq!(response.status(), 200);
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["lists"].as_array().unwrap().len(), 4, "{answer}");
        let results = answer["results"].as_array().unwrap();
        let first = &results[0]["matches"][0];
        assert!(first["list"] == "EU-FSF" || first["list"] == "US-OFAC-SDN", "{first}");
        assert!(first["why"].as_str().unwrap().contains("share the words"));
        assert!(!first["programmes"].as_array().unwrap().is_empty());
        assert_eq!(results[0]["country"], "RU");
        assert!(results[1]["matches"].as_array().unwrap().is_empty(), "{}", results[1]);
        assert_eq!(results[2]["matches"][0]["entity_id"], "40002");
        assert!(results[3]["matches"].as_array().unwrap().is_empty(), "{}", results[3]);

        let bad = app
            .post_json("/api/v1/screen/parties", &erp, &json!({"parties": []}))
            .await;
        problem(bad, 422).await;
        let unauthenticated = app
            .client
            .post(app.url("/api/v1/screen/parties"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(unauthenticated.status(), 401);
    }
}

#[tokio::test]
async fn without_lists_the_route_says_so() {
    let app = spawn_app(backends()[0]).await;
    let body = json!({"parties": [{"name": "Wagner Group"}]});
    let response = app
        .post_json("/api/v1/screen/parties", &token("erp", &["p"]), &body)
        .await;
    problem(response, 503).await;
}

#[tokio::test]
async fn classify_uploads_and_orders_screen_the_parties_of_each_line() {
    for db in backends() {
        let app = spawn_app_using(db, &[], with_lists()).await;
        let erp = token("erp", &["p"]);
        let items = json!([
            {"description": "Handheld radio", "supplier": "Rosoboroneksport JSC"},
            {"description": "Diesel generator 20 kVA", "end_user": "Wagner Group"},
            {"description": "Handheld radio", "supplier": "Emma Daniels", "end_user": "Police nationale"},
        ]);
        let response = app.post_json("/api/v1/classify", &erp, &items).await;
        assert_eq!(response.status(), 200);
        let results: Vec<Value> = response.json().await.unwrap();
        assert_eq!(results[0]["decision"], "review");
        assert!(party_entries(&results[0]).contains(&"US-OFAC-SDN:36050".to_string()));
        assert_eq!(results[1]["decision"], "review");
        assert!(party_entries(&results[1]).contains(&"UK-OFSI:14239".to_string()));
        assert!(party_entries(&results[2]).is_empty(), "{}", results[2]);
        assert_eq!(results[0]["party_lists"].as_array().unwrap().len(), 4);

        let sheet = "Description,Supplier,End user\nHandheld radio,PMC Wagner,Police nationale\nTent 6 x 6 m,Acme Tents Ltd,Police\n";
        let response = app
            .upload_bytes(
                &token_as("amina", "officer", &["p"]),
                "p",
                "sheet.csv",
                sheet.as_bytes().to_vec(),
            )
            .await;
        assert_eq!(response.status(), 201);
        let batch: Value = response.json().await.unwrap();
        let id = batch["id"].as_str().unwrap();
        let listed = app
            .get_json(&format!("/api/v1/batches/{id}/items"), &token("admin", &[]))
            .await;
        let listed = listed["items"].as_array().unwrap();
        assert_eq!(listed[0]["decision"], "review");
        let stored = item(&app, listed[0]["id"].as_i64().unwrap()).await.to_string();
        assert!(
            stored.contains("US-OFAC-SDN:38310") && stored.contains("party_lists"),
            "{stored}"
        );
        assert_eq!(listed[1]["decision"], "clear");
        // The decisions report names the list versions each line was screened against.
        let report = app
            .get(&format!("/api/v1/batches/{id}/decisions.csv"), &token("admin", &[]))
            .await;
        assert_eq!(report.status(), 200);
        let report = report.text().await.unwrap();
        assert!(report.lines().next().unwrap().ends_with("party_lists"), "{report}");
        assert!(report.contains("UK-OFSI 27/11/2026"), "{report}");
    }
}

/// A classifier of its own: settlements are kept in the screening, so tests that settle must not share one.
fn own_lists() -> Arc<Classifier> {
    let settings = equipcheck::config::PartySettings {
        lists: Some(fixture("lists")),
        threshold: equipcheck::screening::parties::DEFAULT_THRESHOLD,
    };
    equipcheck::startup::load_classifier_with(&fixture("service-catalog"), &settings).expect("lists")
}

/// The first line of an upload whose supplier is `supplier`, as an admin reads it.
async fn uploaded_line(app: &TestApp, supplier: &str) -> Value {
    uploaded_line_in(app, "p", supplier).await
}

async fn uploaded_line_in(app: &TestApp, project: &str, supplier: &str) -> Value {
    let sheet = format!(
        "Description,Supplier\nHandheld radio,{supplier}\nTent {},Acme Tents Ltd\n",
        uuid::Uuid::new_v4().simple()
    );
    let response = app
        .upload_bytes(
            &token_as("amina", "officer", &[project]),
            project,
            "sheet.csv",
            sheet.into_bytes(),
        )
        .await;
    assert_eq!(response.status(), 201);
    let batch: Value = response.json().await.unwrap();
    let listed = app
        .get_json(
            &format!("/api/v1/batches/{}/items", batch["id"].as_str().unwrap()),
            &token("admin", &[]),
        )
        .await;
    item(app, listed["items"][0]["id"].as_i64().unwrap()).await
}

#[tokio::test]
async fn a_reviewer_settles_a_party_match_once_and_it_is_remembered() {
    const WAGNER: &str = "US-OFAC-SDN:38310";
    for db in backends() {
        let app = spawn_app_using(db, &[], own_lists()).await;
        let line = uploaded_line(&app, "PMC Wagner").await;
        assert_eq!(line["decision"], "review", "{line}");
        assert!(line.to_string().contains(WAGNER), "{line}");
        let path = format!("/api/v1/items/{}/party-settlements", line["id"]);
        let settle =
            |justification: &str, name: &str| json!({"name": name, "entity": WAGNER, "justification": justification});
        let why = "Different registration: PMC Wagner here is a Polish removals firm, KRS 0000123456, Gdansk.";

        // The uploader may not settle (four eyes), an officer may not, a placeholder reason will not do, and only
        // the line's own party can be settled.
        let own = app
            .post_json(
                &path,
                &token_as("amina", "reviewer", &["p"]),
                &settle(why, "PMC Wagner"),
            )
            .await;
        assert_eq!(problem(own, 403).await["code"], "four_eyes");
        let officer = app
            .post_json(&path, &token_as("olga", "officer", &["p"]), &settle(why, "PMC Wagner"))
            .await;
        problem(officer, 403).await;
        let reviewer = token_as("rita", "reviewer", &["p"]);
        problem(app.post_json(&path, &reviewer, &settle("ok", "PMC Wagner")).await, 422).await;
        problem(
            app.post_json(&path, &reviewer, &settle(why, "Acme Tents Ltd")).await,
            422,
        )
        .await;

        // Another instance on the same database, running before the settlement is made.
        let running = restart_with(&app, own_lists());
        let settled = app.post_json(&path, &reviewer, &settle(why, "PMC Wagner")).await;
        assert_eq!(settled.status(), 200);
        let settled: Value = settled.json().await.unwrap();
        assert_eq!(settled["settled_by"], "rita");
        assert_eq!(settled["entity"], WAGNER);
        let audit = app.get_json("/api/v1/audit?limit=500", &token("admin", &[])).await;
        assert!(audit.to_string().contains("settle_party"), "the settlement is audited");
        // Every review record names the list versions the item was screened against.
        let records = audit["records"]
            .as_array()
            .or(audit["items"].as_array())
            .expect("audit records");
        let settle_record = records
            .iter()
            .find(|r| r["action"] == "settle_party")
            .expect("the record");
        let lists = &settle_record["before"]["screened_with"]["party_lists"];
        assert!(lists.to_string().contains("UK-OFSI 27/11/2026"), "{settle_record}");

        // The same name on a new line is no longer raised against that entity; the finding says who settled it.
        // Another listed entity it resembles (the UK list's Wagner Group) is still raised: a settlement is per entity.
        let again = uploaded_line(&app, "PMC  wagner").await;
        let findings = again["classification"]["findings"].as_array().unwrap();
        let finding = |entry: &str| findings.iter().find(|f| f["entry"] == entry).cloned();
        let settled_finding = finding(WAGNER).expect("the settled match is still shown");
        assert_eq!(settled_finding["decision"], "clear", "{again}");
        assert!(settled_finding["reason"]
            .as_str()
            .unwrap()
            .contains("settled as not the same entity by rita"));
        assert_eq!(
            finding("UK-OFSI:14239").expect("the other entity")["decision"],
            "review"
        );

        // A new instance on the same database knows the settlement (kept in the database, loaded at start).
        let restarted = restart_with(&app, own_lists());
        let answer: Value = app
            .client
            .post(format!("{restarted}/api/v1/screen/parties"))
            .bearer_auth(token("erp", &["p"]))
            .json(&json!({"parties": [{"name": "PMC Wagner"}]}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let matches = answer["results"][0]["matches"].as_array().unwrap();
        let wagner = matches
            .iter()
            .find(|m| m["entity_id"] == "38310")
            .expect("still matched");
        assert_eq!(wagner["settled"]["settled_by"], "rita", "{answer}");

        // The instance that was already running learns of it too (it reads the settlements every 15 s).
        let mut learned = false;
        for _ in 0..80 {
            let answer: Value = app
                .client
                .post(format!("{running}/api/v1/screen/parties"))
                .bearer_auth(token("erp", &["p"]))
                .json(&json!({"parties": [{"name": "PMC Wagner"}]}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let matches = answer["results"][0]["matches"].as_array().unwrap().clone();
            if matches
                .iter()
                .any(|m| m["entity_id"] == "38310" && m["settled"]["settled_by"] == "rita")
            {
                learned = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        assert!(learned, "{db:?}: the running instance did not learn of the settlement");
    }
}

#[tokio::test]
async fn the_item_page_lets_a_reviewer_not_party_to_the_batch_settle_a_party_match() {
    let no_redirects = || {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    };
    for db in backends() {
        let app = spawn_app_using(db, &[], own_lists()).await;
        let line = uploaded_line_in(&app, "p1", "PMC Wagner").await;
        let page_of = |cookie: String| {
            let url = app.url(&format!("/items/{}", line["id"]));
            let client = no_redirects();
            async move {
                client
                    .get(url)
                    .header("cookie", cookie)
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap()
            }
        };
        let uploader = session_cookie(&sign_in_with_token(&app, "amina", "reviewer", "/batches").await);
        assert!(
            !page_of(uploader).await.contains("settle-party"),
            "no form for the uploader (four eyes)"
        );

        let rita = session_cookie(&sign_in_with_token(&app, "rita", "reviewer", "/batches").await);
        let page = page_of(rita.clone()).await;
        assert!(
            page.contains("Settle as not the same entity"),
            "{db:?}: the form under the party finding"
        );
        let at = page.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
        let csrf = page[at..].split('"').next().unwrap().to_string();
        let response = no_redirects()
            .post(app.url(&format!("/items/{}/settle-party", line["id"])))
            .header("cookie", &rita)
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "PMC Wagner"),
                ("entity", "US-OFAC-SDN:38310"),
                (
                    "justification",
                    "Different registration: a removals firm in Gdansk, KRS 0000123456.",
                ),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "{db:?}");
        assert!(response.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("?done=settle_party"));
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let after = no_redirects()
            .get(app.url(&location))
            .header("cookie", &rita)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            after.contains("the party match is settled"),
            "{db:?}: the page confirms what was saved"
        );
    }
}
