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
