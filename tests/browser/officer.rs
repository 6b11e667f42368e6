//! A procurement officer signs in, uploads a messy sheet, sees the weapon blocked with its evidence, follows it
//! to the item and the catalogue, and signs out.

use crate::driver::{add_user, app, browser, sample};
use crate::helpers::backends;

#[tokio::test]
async fn officer_uploads_a_messy_sheet_and_sees_the_weapon_blocked_with_its_evidence() {
    for db in backends() {
        let Some(b) = browser().await else { return };
        let app = app(db).await;
        add_user(&app, "amina", "officer", &["niger-police"]);

        // A page behind sign-in sends the browser to the sign-in page and back.
        b.client.goto(&app.url("/upload")).await.unwrap();
        assert!(
            b.path().await.starts_with("/login?next=%2Fupload"),
            "{}",
            b.path().await
        );
        b.screenshot("sign-in").await;
        b.sign_in(&app, "amina").await;
        assert_eq!(b.path().await, "/home", "an officer starts at her home");
        b.client.goto(&app.url("/upload")).await.unwrap();
        assert_eq!(b.path().await, "/upload");
        assert!(b.text("#project").await.contains("niger-police"));
        b.screenshot("upload").await;

        // The French workbook: title rows, comma decimals, a totals row; among its lines a submachine gun.
        let file = sample("niger-police-mobility-fr.xlsx");
        b.css("#file")
            .await
            .send_keys(&file.display().to_string())
            .await
            .unwrap();
        b.css("#upload-button").await.click().await.unwrap();
        let batch_path = b.wait_for_path("/batches/").await;
        assert!(b.text("h1").await.contains("niger-police-mobility-fr.xlsx"));

        // The summary counts each decision in words, not colour alone.
        let counts = b.text("ul.counts").await;
        assert!(counts.contains("Prohibited 3"), "{counts}");
        assert!(counts.contains("Clear 11"), "{counts}");
        assert_eq!(
            b.all("svg.bar rect").await.len(),
            4,
            "one bar segment per decision present"
        );

        // The Uzi is blocked, with the matched words highlighted inside its description and its entry linked.
        let mut blocked = None;
        for row in b.all("table.items tbody tr").await {
            let text = row.text().await.unwrap();
            if text.contains("Uzi") {
                blocked = Some(row);
            }
        }
        let row = blocked.expect("the Uzi row");
        let badge = row.find(fantoccini::Locator::Css(".badge")).await.unwrap();
        assert_eq!(badge.text().await.unwrap(), "Prohibited");
        let mut marked = Vec::new();
        for mark in row.find_all(fantoccini::Locator::Css("td.desc mark")).await.unwrap() {
            marked.push(mark.text().await.unwrap());
        }
        assert!(marked.iter().any(|m| m.contains("Pistolet mitrailleur")), "{marked:?}");
        assert!(marked.iter().any(|m| m == "Uzi"), "{marked:?}");
        let entries = row.find(fantoccini::Locator::Css("a.entry")).await.unwrap();
        assert_eq!(entries.text().await.unwrap(), "ML1.a");
        b.screenshot("batch").await;
        // On a tablet held upright the page still reads (the table scrolls sideways inside its frame).
        b.client.set_window_size(800, 1100).await.unwrap();
        b.screenshot("batch-tablet").await;
        b.client.set_window_size(1280, 1000).await.unwrap();

        // Filter by decision: only the three prohibited lines remain.
        b.css("#f-decision option[value=prohibited]")
            .await
            .click()
            .await
            .unwrap();
        b.css("form.filters button").await.click().await.unwrap();
        b.wait_for_path(&format!("{batch_path}?decision=prohibited")).await;
        assert_eq!(b.all("table.items tbody tr").await.len(), 3);
        assert_eq!(b.all("table.items tbody .badge-prohibited").await.len(), 3);
        // Search inside the descriptions.
        b.client.goto(&app.url(&format!("{batch_path}?q=glock"))).await.unwrap();
        assert_eq!(b.all("table.items tbody tr").await.len(), 1);

        // The item page shows each finding with its evidence and legal act.
        b.css("table.items tbody td.num a").await.click().await.unwrap();
        b.wait_for_path("/items/").await;
        let findings = b.text("main").await;
        assert!(
            findings.contains("ML1.d") && findings.contains("Glock 17"),
            "{findings}"
        );
        assert!(findings.contains("Common Military List"), "{findings}");
        b.screenshot("item").await;

        // The catalogue entry it links to, with its legal source and words.
        b.css("article.finding h3 a").await.click().await.unwrap();
        b.wait_for_path("/catalog/").await;
        let entry = b.text("main").await;
        assert!(
            entry.contains("Legal source") && entry.contains("Strong words"),
            "{entry}"
        );
        b.screenshot("catalog-entry").await;
        b.client.goto(&app.url("/catalog?q=night+vision")).await.unwrap();
        assert!(!b.all("main table tbody tr").await.is_empty());
        b.screenshot("catalog-search").await;

        // After signing out, the pages need a sign-in again.
        b.sign_out().await;
        b.client.goto(&app.url(&batch_path)).await.unwrap();
        assert!(b.path().await.starts_with("/login"), "{}", b.path().await);
        b.close().await;
    }
}
