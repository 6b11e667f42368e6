//! Reviewers in the browser: approve a dual-use item with a justification, propose and confirm a prohibited
//! false positive with two reviewers, and be refused on their own upload.

use crate::driver::{add_user, app, browser, Browser};
use crate::helpers::{backends, claims, sign_hs, TestApp};

const PROJECT: &str = "niger-police";

/// Uploads a sheet as `uploader` (an officer token, as an ERP or script would) and answers the batch id.
async fn upload_as(app: &TestApp, uploader: &str, name: &str, bytes: Vec<u8>) -> String {
    let token = sign_hs(&claims(uploader, "officer", &[PROJECT]));
    let response = app.upload_bytes(&token, PROJECT, name, bytes).await;
    assert_eq!(response.status(), 201);
    let batch: serde_json::Value = response.json().await.unwrap();
    batch["id"].as_str().unwrap().to_string()
}

/// Opens the queue filtered by `q` and follows the first item's link; answers the item's path.
async fn open_from_queue(b: &Browser, app: &TestApp, q: &str) -> String {
    b.client.goto(&app.url(&format!("/review?q={q}"))).await.unwrap();
    b.css("table.items tbody td.num a").await.click().await.unwrap();
    b.wait_for_path("/items/").await
}

async fn history(b: &Browser) -> String {
    b.text("ol.history").await
}

#[tokio::test]
async fn a_reviewer_approves_a_dual_use_item_with_a_justification() {
    for db in backends() {
        let Some(b) = browser().await else { return };
        let app = app(db).await;
        add_user(&app, "rita", "reviewer", &[PROJECT]);
        let sheet = std::fs::read(crate::driver::sample("polizei-ausstattung-de.xls")).unwrap();
        upload_as(&app, "amina", "polizei-ausstattung-de.xls", sheet).await;
        b.sign_in(&app, "rita").await;
        assert_eq!(b.path().await, "/review", "a reviewer starts at the queue");
        assert!(b.text("ul.counts").await.contains("Waiting for a reviewer"));
        b.screenshot("review-queue").await;

        let item = open_from_queue(&b, &app, "Nachtsicht").await;
        assert!(b.text("main").await.contains("6A002"));
        // Keyboard: `a` goes to the approval's justification.
        b.css("body").await.send_keys("a").await.unwrap();
        let focused = b.client.active_element().await.unwrap();
        assert_eq!(focused.attr("id").await.unwrap().as_deref(), Some("j-approve"));
        b.css("#j-approve")
            .await
            .send_keys("Export licence DE-2026-0142 covers it; end user is the border police unit, EUM planned.")
            .await
            .unwrap();
        b.screenshot("review-item").await;
        b.css("form.step button[data-key=a]").await.click().await.unwrap();
        b.wait_for_path(&format!("{item}?done=approve")).await;
        assert!(b.text("aside.panel").await.contains("Approved"));
        let trail = history(&b).await;
        assert!(
            trail.contains("Approved by rita") && trail.contains("DE-2026-0142"),
            "{trail}"
        );
        b.screenshot("review-approved").await;
        b.close().await;
    }
}

#[tokio::test]
async fn a_second_reviewer_confirms_a_false_positive_weapon() {
    for db in backends() {
        let Some(b) = browser().await else { return };
        let app = app(db).await;
        add_user(&app, "rita", "reviewer", &[PROJECT]);
        add_user(&app, "omar", "reviewer", &[PROJECT]);
        let sheet = b"Description,Quantity\n\"Holster for pistol, leather\",40\n".to_vec();
        upload_as(&app, "amina", "holsters.csv", sheet).await;

        b.sign_in(&app, "rita").await;
        let item = open_from_queue(&b, &app, "holster").await;
        assert_eq!(b.text("p.decision-line .badge").await, "Prohibited");
        // A prohibited item is never approved: no approve button, and the way out is explained.
        assert!(b.all("form.step input[value=approve]").await.is_empty());
        assert!(b.text("aside.panel").await.contains("never approved"));
        b.css("#c-decision option[value=clear]").await.click().await.unwrap();
        b.css("#j-reclassify")
            .await
            .send_keys("A leather holster is not a weapon, a weapon part or an accessory under ML1.")
            .await
            .unwrap();
        b.css("form.step button[data-key=c]").await.click().await.unwrap();
        b.wait_for_path(&format!("{item}?done=reclassify")).await;
        assert!(b.text("aside.panel").await.contains("Proposed reclassification"));
        // The proposer is not offered to confirm it: another reviewer must.
        assert!(b.all("#j-confirm").await.is_empty());
        assert!(b.text("aside.panel").await.contains("another reviewer confirms"));
        b.sign_out().await;

        b.sign_in(&app, "omar").await;
        b.client.goto(&app.url(&item)).await.unwrap();
        b.screenshot("review-proposed").await;
        b.css("#j-confirm")
            .await
            .send_keys("Checked the supplier's data sheet: a belt holster, no weapon part. Confirmed clear.")
            .await
            .unwrap();
        b.css("form.step button[data-key=a]").await.click().await.unwrap();
        b.wait_for_path(&format!("{item}?done=confirm_reclassification")).await;
        assert_eq!(b.text("p.decision-line .badge").await, "Clear");
        let trail = history(&b).await;
        assert!(trail.contains("Reclassification confirmed by omar"), "{trail}");
        b.screenshot("review-confirmed").await;
        b.close().await;
    }
}

#[tokio::test]
async fn a_reviewer_is_refused_on_their_own_upload() {
    for db in backends() {
        let Some(b) = browser().await else { return };
        let app = app(db).await;
        add_user(&app, "rita", "reviewer", &[PROJECT]);
        let sheet = b"Description\nNight vision goggles Gen 3\n".to_vec();
        upload_as(&app, "rita", "own.csv", sheet).await;
        b.sign_in(&app, "rita").await;
        let item = open_from_queue(&b, &app, "night").await;
        // The page does not offer the step and says why...
        assert!(b.all("form.step").await.is_empty());
        assert!(b.text("aside.panel").await.contains("four eyes"));
        // ... and the server refuses it even from a doctored page.
        let csrf = b
            .css("form.signout input[name=csrf]")
            .await
            .attr("value")
            .await
            .unwrap()
            .unwrap();
        let version = b.css("aside.panel").await.attr("data-version").await.unwrap().unwrap();
        let script = format!(
            "const f = document.createElement('form'); f.method = 'post'; f.action = '{item}/decide'; \
             for (const [k, v] of [['csrf', '{csrf}'], ['version', '{version}'], ['action', 'approve'], \
             ['justification', 'I uploaded it and I approve it myself.']]) {{ \
             const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i); }} \
             document.body.appendChild(f); f.submit();"
        );
        b.client.execute(&script, vec![]).await.unwrap();
        let refused = b.text(".error-detail").await;
        assert!(refused.to_lowercase().contains("four eyes"), "{refused}");
        assert!(history(&b).await.contains("refused"));
        b.screenshot("review-own-upload-refused").await;
        b.close().await;
    }
}
