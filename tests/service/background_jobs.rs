//! Large uploads are imported in the background: `202 Accepted` with a job that ends in the batch (or in the
//! problem a synchronous upload would have answered), on SQLite and PostgreSQL.

use crate::helpers::*;
use serde_json::Value;
use std::time::Duration;

/// Every upload above 200 bytes goes to the background; the worker polls often.
const SMALL_THRESHOLD: &[&str] = &["--async-threshold-bytes", "200", "--job-poll-interval", "50ms"];

fn sheet(lines: usize) -> Vec<u8> {
    let mut csv = String::from("Description;Quantity\n");
    for i in 0..lines {
        csv.push_str(&format!("Field tent, 4-person, lot {i};2\n"));
    }
    csv.push_str("Assault rifle 5.56 mm;1\n");
    csv.into_bytes()
}

/// Polls the job until it ends; its last state.
async fn finished(app: &TestApp, location: &str, token: &str) -> Value {
    for _ in 0..400 {
        let job = app.get_json(location, token).await;
        if job["state"] == "succeeded" || job["state"] == "failed" {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the job at {location} did not end");
}

#[tokio::test]
async fn a_large_upload_is_accepted_and_its_job_ends_in_the_batch() {
    for db in backends() {
        let app = spawn_app_with(db, SMALL_THRESHOLD).await;
        let officer = token_as("olga", "officer", &["p1"]);
        let response = app.upload_bytes(&officer, "p1", "large.csv", sheet(50)).await;
        assert_eq!(
            response.status(),
            202,
            "{db:?}: a file above the threshold is accepted, not imported"
        );
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let accepted: Value = response.json().await.unwrap();
        assert_eq!(location, format!("/api/v1/jobs/{}", accepted["id"].as_str().unwrap()));
        assert!(["queued", "running", "succeeded"].contains(&accepted["state"].as_str().unwrap()));

        let job = finished(&app, &location, &officer).await;
        assert_eq!(job["state"], "succeeded", "{db:?}: {job}");
        assert_eq!(job["progress"], 100);
        assert_eq!(job["created"], true);
        let batch = app.get_json(job["batch"].as_str().unwrap(), &officer).await;
        assert_eq!(batch["item_count"], 51, "{db:?}: every line imported: {batch}");
        let items = app
            .get_json(&format!("{}/items?limit=100", job["batch"].as_str().unwrap()), &officer)
            .await;
        let rifle = items["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["description"].as_str().unwrap_or("").contains("rifle"))
            .cloned()
            .unwrap();
        assert_eq!(
            rifle["decision"], "prohibited",
            "{db:?}: screened as a synchronous upload is"
        );

        // The same file again: the job ends in the batch already stored, nothing is imported twice.
        let again = app.upload_bytes(&officer, "p1", "large.csv", sheet(50)).await;
        assert_eq!(again.status(), 202);
        let location = again.headers()["location"].to_str().unwrap().to_string();
        let job2 = finished(&app, &location, &officer).await;
        assert_eq!(job2["created"], false, "{db:?}: {job2}");
        assert_eq!(job2["batch"], job["batch"]);
    }
}

#[tokio::test]
async fn a_job_that_cannot_import_ends_in_the_problem_and_is_only_its_projects_to_see() {
    for db in backends() {
        let app = spawn_app_with(db, SMALL_THRESHOLD).await;
        let officer = token_as("olga", "officer", &["p1"]);
        // Looks like a workbook (zip signature) but is not one.
        let mut broken = b"PK\x03\x04".to_vec();
        broken.extend(std::iter::repeat_n(b'x', 400));
        let response = app.upload_bytes(&officer, "p1", "broken.xlsx", broken).await;
        assert_eq!(response.status(), 202);
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let job = finished(&app, &location, &officer).await;
        assert_eq!(job["state"], "failed", "{db:?}: {job}");
        assert_eq!(
            job["problem"]["status"], 422,
            "{db:?}: the synchronous answer's problem: {job}"
        );
        assert!(
            job["problem"]["detail"].as_str().unwrap_or("").contains("broken.xlsx"),
            "{job}"
        );
        assert!(job.get("batch").is_none());

        let stranger = token_as("sam", "officer", &["p2"]);
        let hidden = app.get(&location, &stranger).await;
        assert_eq!(hidden.status(), 404, "{db:?}: another project's job is not visible");
        let unknown = app.get("/api/v1/jobs/no-such-job", &officer).await;
        assert_eq!(unknown.status(), 404);
    }
}

#[tokio::test]
async fn small_uploads_stay_synchronous() {
    for db in backends() {
        let app = spawn_app_with(db, &["--async-threshold-bytes", "100000"]).await;
        let officer = token_as("olga", "officer", &["p1"]);
        let response = app.upload_bytes(&officer, "p1", "small.csv", sheet(3)).await;
        assert_eq!(response.status(), 201, "{db:?}");
    }
}

fn order_lines(lines: usize) -> String {
    let mut body = String::new();
    for i in 0..lines {
        body.push_str(&format!(
            "{{\"line_ref\": \"L{i}\", \"description\": \"Field tent, lot {i}\", \"quantity\": 2}}\n"
        ));
    }
    body.push_str("{\"line_ref\": \"RIFLE\", \"description\": \"Assault rifle 5.56 mm\", \"quantity\": 1}\n");
    body
}

async fn submit_order(
    app: &TestApp,
    token: &str,
    reference: &str,
    body: String,
    prefer_async: bool,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/purchase-orders?project=p1&reference={reference}")))
        .bearer_auth(token)
        .header("Content-Type", "application/x-ndjson")
        .header("Idempotency-Key", format!("key-{reference}"))
        .body(body);
    if prefer_async {
        request = request.header("Prefer", "respond-async");
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_large_purchase_order_is_accepted_and_its_job_ends_in_the_batch() {
    for db in backends() {
        let app = spawn_app_with(
            db,
            &["--async-order-threshold-bytes", "500", "--job-poll-interval", "50ms"],
        )
        .await;
        let erp = token_as("erp-1", "erp", &["p1"]);
        let response = submit_order(&app, &erp, "PO-LARGE", order_lines(20), false).await;
        assert_eq!(response.status(), 202, "{db:?}: an order above the threshold is queued");
        assert_eq!(response.headers()["preference-applied"], "respond-async");
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let job = finished(&app, &location, &erp).await;
        assert_eq!(job["state"], "succeeded", "{db:?}: {job}");
        assert_eq!(job["kind"], "import.order");
        assert_eq!(job["created"], true);
        let batch_path = job["batch"].as_str().unwrap().to_string();
        let items = app.get_json(&format!("{batch_path}/items?limit=100"), &erp).await;
        assert_eq!(items["total"], 21, "{db:?}: {items}");
        let rifle = items["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["line_ref"] == "RIFLE")
            .cloned()
            .unwrap();
        assert_eq!(
            rifle["decision"], "prohibited",
            "{db:?}: screened as a synchronous order is"
        );

        // The same key and body again, now answered from the stored order: the same batch, replayed.
        let again = submit_order(&app, &erp, "PO-LARGE", order_lines(20), false).await;
        assert_eq!(again.status(), 202);
        let location = again.headers()["location"].to_str().unwrap().to_string();
        let replay = finished(&app, &location, &erp).await;
        assert_eq!(replay["created"], false, "{db:?}: {replay}");
        assert_eq!(replay["batch"], batch_path);
        let found = app
            .get_json("/api/v1/purchase-orders?project=p1&reference=PO-LARGE", &erp)
            .await;
        assert_eq!(format!("/api/v1/batches/{}", found["id"].as_str().unwrap()), batch_path);
    }
}

#[tokio::test]
async fn a_small_order_can_ask_for_the_background_and_a_malformed_one_is_refused_at_once() {
    for db in backends() {
        let app = spawn_app_with(db, &["--job-poll-interval", "50ms"]).await;
        let erp = token_as("erp-1", "erp", &["p1"]);
        let small = submit_order(&app, &erp, "PO-SMALL", order_lines(1), false).await;
        assert_eq!(
            small.status(),
            201,
            "{db:?}: below the threshold an order stays synchronous"
        );

        let asked = submit_order(&app, &erp, "PO-ASYNC", order_lines(1), true).await;
        assert_eq!(asked.status(), 202, "{db:?}: Prefer: respond-async");
        let location = asked.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(finished(&app, &location, &erp).await["state"], "succeeded");

        // Lines are checked before anything is queued: the problem comes back in the answer, not in a job.
        let broken = submit_order(
            &app,
            &erp,
            "PO-BROKEN",
            "{\"line_ref\": \"A\"}\nnot json\n".into(),
            true,
        )
        .await;
        let problem = problem(broken, 422).await;
        assert!(problem.to_string().contains("lines["), "{db:?}: {problem}");
    }
}
