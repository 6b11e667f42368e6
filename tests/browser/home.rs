//! An officer's home and a reviewer's paged queue in the browser, in French and in English: the switcher changes
//! the language of every page and the choice stays.

use crate::driver::{add_user, app, browser};
use crate::helpers::{backends, claims, sign_hs, TestApp};

const PROJECT: &str = "senegal-gendarmerie";

async fn upload_as(app: &TestApp, uploader: &str, name: &str, csv: String) -> Vec<i64> {
    let token = sign_hs(&claims(uploader, "officer", &[PROJECT]));
    let response = app.upload_bytes(&token, PROJECT, name, csv.into_bytes()).await;
    assert_eq!(response.status(), 201);
    let batch: serde_json::Value = response.json().await.unwrap();
    let items = app
        .get_json(
            &format!("/api/v1/batches/{}/items?limit=500", batch["id"].as_str().unwrap()),
            &token,
        )
        .await;
    items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn an_officer_finds_the_question_and_the_blocked_line_on_the_home_page_in_french_and_english() {
    for db in backends() {
        let Some(b) = browser().await else { return };
        let app = app(db).await;
        add_user(&app, "awa", "officer", &[PROJECT]);
        let csv =
            "Désignation,Quantité\nTente 8 places,4\nFusil d'assaut AK-47,2\nJumelles de vision nocturne Gen 3,6\n";
        let ids = upload_as(&app, "awa", "commande.csv", csv.to_string()).await;
        // A reviewer asks the officer about the goggles.
        let reviewer = sign_hs(&claims("rita", "reviewer", &[PROJECT]));
        let item = app.get_json(&format!("/api/v1/items/{}", ids[2]), &reviewer).await;
        let asked = crate::helpers::decide(
            &app,
            &reviewer,
            ids[2],
            serde_json::json!({"action": "ask",
            "question": "Quel service les utilisera, et avec quelle licence ?", "version": item["version"]}),
        )
        .await;
        assert!(asked.status().is_success(), "{}", asked.status());

        b.sign_in(&app, "awa").await;
        assert_eq!(b.path().await, "/home", "an officer starts at their home");
        assert!(b.text("h1").await.contains("My work"));
        // The switcher: French, for this page and the next ones.
        b.css("form.languages button[value=fr]").await.click().await.unwrap();
        b.wait_for_lang("fr").await;
        assert!(b.text("h1").await.contains("Mon travail"));
        let lang = b.css("html").await.attr("lang").await.unwrap();
        assert_eq!(lang.as_deref(), Some("fr"));
        let questions = b.text("#questions-h").await;
        assert!(questions.contains("Une question attend votre réponse"), "{questions}");
        assert!(b.text("main").await.contains("Quel service les utilisera"));
        let blocked = b.text("#blocked-h").await;
        assert!(blocked.contains("Une ligne est bloquée"), "{blocked}");
        assert!(b.text("main").await.contains("Fusil d'assaut AK-47"));
        b.screenshot("officer-home-fr").await;
        // The batch opens with its verdict, in French too.
        b.css("main table a[href^='/batches/']").await.click().await.unwrap();
        b.wait_for_path("/batches/").await;
        let verdict = b.text("section.verdict").await;
        assert!(verdict.contains("Bloqué"), "{verdict}");
        assert!(verdict.contains("Une ligne est interdite"), "{verdict}");
        b.screenshot("batch-verdict-fr").await;
        // The answer link leads to the answer field.
        b.client.goto(&app.url("/home")).await.unwrap();
        b.css("a.button[href$='#j-answer']").await.click().await.unwrap();
        b.wait_for_path("/items/").await;
        assert!(b.css("#j-answer").await.is_displayed().await.unwrap());
        // Back to English.
        b.css("form.languages button[value=en]").await.click().await.unwrap();
        b.wait_for_lang("en").await;
        assert!(b.text("aside.panel").await.contains("Your answer"));
        b.client.goto(&app.url("/home")).await.unwrap();
        assert!(b
            .text("#questions-h")
            .await
            .contains("One question waits for your answer"));
        b.screenshot("officer-home-en").await;
        b.close().await;
    }
}

#[tokio::test]
async fn a_reviewer_pages_through_a_long_queue_with_clear_items_apart() {
    for db in backends() {
        let Some(b) = browser().await else { return };
        let app = app(db).await;
        add_user(&app, "rita", "reviewer", &[PROJECT]);
        let mut csv = String::from("Description,Quantity\n");
        for n in 0..60 {
            csv.push_str(&format!("Night vision goggles Gen 3 model NV-{n:03},1\n"));
        }
        for n in 0..7 {
            csv.push_str(&format!("Camping tent for {} persons,1\n", n + 2));
        }
        upload_as(&app, "amina", "long.csv", csv).await;

        b.sign_in(&app, "rita").await;
        assert_eq!(b.path().await, "/review");
        let pager = b.text(".pager").await;
        assert!(
            pager.contains("Page 1 of 2") && pager.contains("items 1–50 of 60"),
            "{pager}"
        );
        assert_eq!(b.all("table.items tbody tr").await.len(), 50);
        let tabs = b.text("ul.tabs").await;
        assert!(
            tabs.contains("Substantive reviews (60)") && tabs.contains("Clear items (7)"),
            "{tabs}"
        );
        b.screenshot("review-queue-paged").await;
        b.css(".pager a[rel=next]").await.click().await.unwrap();
        b.wait_for_path("/review?").await;
        assert!(b.path().await.contains("page=2"), "{}", b.path().await);
        assert!(b.text(".pager").await.contains("items 51–60 of 60"));
        assert_eq!(b.all("table.items tbody tr").await.len(), 10);
        // Clear items apart, with the bulk approval's count on their batch.
        b.css("ul.tabs li:nth-child(2) a").await.click().await.unwrap();
        b.wait_for_path("/review?").await;
        assert_eq!(b.all("table.items tbody .badge-clear").await.len(), 7);
        b.css("table.items tbody td.nowrap a[href^='/batches/']")
            .await
            .click()
            .await
            .unwrap();
        b.wait_for_path("/batches/").await;
        assert!(b.text("main details summary").await.contains("Approve 7 clear items"));
        // The same queue in French.
        b.css("form.languages button[value=fr]").await.click().await.unwrap();
        b.wait_for_lang("fr").await;
        b.client.goto(&app.url("/review")).await.unwrap();
        let pager = b.text(".pager").await;
        assert!(pager.contains("Page 1 sur 2"), "{pager}");
        b.screenshot("review-queue-paged-fr").await;
        b.close().await;
    }
}
