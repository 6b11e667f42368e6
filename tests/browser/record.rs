//! Printable decision records in the browser, in English and in French: a batch's record (items that are not
//! clear in full, clear ones compactly) and an item's (evidence in words, the reviewer's justification), both
//! reached from their pages; and the batch's import problems worded in French.

use crate::driver::{add_user, app, browser, Browser};
use crate::helpers::{backends, claims, decide, sign_hs};
use serde_json::json;

const PROJECT: &str = "mali-gendarmerie";
const WHY: &str = "Rejected: assault rifles are outside this project's equipment list";

async fn switch_to(b: &Browser, lang: &str) {
    b.css(&format!("form.languages button[value={lang}]"))
        .await
        .click()
        .await
        .unwrap();
    b.wait_for_lang(lang).await;
}

#[tokio::test]
async fn records_of_a_batch_and_an_item_print_in_english_and_french() {
    for db in backends() {
        let Some(b) = browser().await else { return };
        let app = app(db).await;
        add_user(&app, "rita", "reviewer", &[PROJECT]);
        let sheet =
            b"Description,Quantity\nAssault rifle AK-47,2\nNight vision goggles Gen 3,4\nFolding camp table,10\n,5\n";
        let token = sign_hs(&claims("amina", "officer", &[PROJECT]));
        let response = app
            .upload_bytes(&token, PROJECT, "gendarmerie.csv", sheet.to_vec())
            .await;
        assert_eq!(response.status(), 201);
        let batch: serde_json::Value = response.json().await.unwrap();
        let batch = batch["id"].as_str().unwrap().to_string();
        let items = app
            .get_json(
                &format!("/api/v1/batches/{batch}/items?limit=10"),
                &sign_hs(&claims("admin", "admin", &[])),
            )
            .await;
        let rifle = items["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["description"].as_str().unwrap_or("").contains("AK-47"))
            .and_then(|i| i["id"].as_i64())
            .expect("the rifle");
        let reviewer = sign_hs(&claims("rita", "reviewer", &[PROJECT]));
        let rejected = decide(
            &app,
            &reviewer,
            rifle,
            json!({"action": "reject", "justification": WHY}),
        )
        .await;
        assert_eq!(rejected.status(), 200);

        b.sign_in(&app, "rita").await;
        b.client.goto(&app.url(&format!("/batches/{batch}"))).await.unwrap();
        b.css(&format!("a[href='/batches/{batch}/record']"))
            .await
            .click()
            .await
            .unwrap();
        b.wait_for_path(&format!("/batches/{batch}/record")).await;
        let main = b.text("main").await;
        assert!(main.contains("Decision record of the batch gendarmerie.csv"), "{main}");
        assert!(main.contains(WHY), "{main}");
        assert!(
            main.contains("The 1 clear items") || main.contains("The clear item"),
            "{main}"
        );
        assert!(
            main.contains("matches the catalogue phrase") || main.contains("names the model"),
            "{main}"
        );
        b.screenshots_at_widths("record-batch-en").await;

        switch_to(&b, "fr").await;
        let main = b.text("main").await;
        assert!(main.contains("Fiche de décision du lot gendarmerie.csv"), "{main}");
        assert!(main.contains("Historique de la revue"), "{main}");
        assert!(main.contains(WHY), "the justification is kept as written");
        b.screenshots_at_widths("record-batch-fr").await;

        // The batch page words its import problem in French.
        b.client.goto(&app.url(&format!("/batches/{batch}"))).await.unwrap();
        let problems = b.text("#problems").await;
        assert!(problems.contains("La désignation est vide"), "{problems}");

        // The item's record, from the item's page.
        b.client.goto(&app.url(&format!("/items/{rifle}"))).await.unwrap();
        b.css(&format!("a[href='/items/{rifle}/record']"))
            .await
            .click()
            .await
            .unwrap();
        b.wait_for_path(&format!("/items/{rifle}/record")).await;
        let main = b.text("main").await;
        assert!(main.contains("Fiche de décision"), "{main}");
        assert!(main.contains("Interdit"), "{main}");
        assert!(main.contains("rita") && main.contains(WHY), "{main}");
        assert!(main.contains("Colonne de la désignation"), "{main}");
        b.screenshots_at_widths("record-item-fr").await;

        switch_to(&b, "en").await;
        let main = b.text("main").await;
        assert!(main.contains("Decision record: Row"), "{main}");
        assert!(main.contains("Review history") && main.contains("Rejected"), "{main}");
        // A time shows UTC once, in the value; no label repeats it.
        assert!(!b.text("table.record thead").await.contains("UTC"));
        b.screenshots_at_widths("record-item-en").await;
        b.close().await;
    }
}
