//! Issue 16, several instances on one PostgreSQL database: the start-up rescreen runs once however many instances
//! start together (an advisory lock; the others wait and then find the catalogue version current). Sign-out on one
//! instance ending the session on the others is in `hardening_sessions`.

use crate::helpers::*;
use diesel::RunQueryDsl;
use equipcheck::db::instance_lock::RESCREEN_LOCK;
use std::sync::{Arc, Barrier};
use std::time::Duration;

#[tokio::test]
async fn instances_starting_together_rescreen_once() {
    if !backends().contains(&Db::Postgres) {
        return;
    }
    let app = spawn_app(Db::Postgres).await;
    let lines: Vec<String> = (0..30).map(|i| format!("Helmet model {i}")).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    upload_lines(&app, "amina", "p1", &lines).await;
    let (_dir, upgraded) = catalogue_variant("service-test-2", |_| {});
    // Hold the lock as a third instance busy with its rescreen would.
    let holder = equipcheck::db::connect(&app.database_url, 1).expect("database");
    let mut held = holder.get().expect("connection");
    let equipcheck::db::DbConnection::Pg(pg) = &mut *held else {
        panic!("a PostgreSQL connection")
    };
    diesel::sql_query(format!("SELECT pg_advisory_lock({RESCREEN_LOCK})"))
        .execute(pg)
        .expect("lock");
    let ready = Arc::new(Barrier::new(3));
    let starts: Vec<_> = (0..2)
        .map(|_| {
            let (url, classifier, ready) = (app.database_url.clone(), upgraded.clone(), ready.clone());
            std::thread::spawn(move || {
                let pool = equipcheck::db::connect(&url, 2).expect("database");
                ready.wait();
                equipcheck::startup::rescreen_if_catalog_changed(&pool, &classifier).expect("rescreen")
            })
        })
        .collect();
    ready.wait();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        starts.iter().all(|s| !s.is_finished()),
        "no instance rescreens while another holds the lock"
    );
    diesel::sql_query(format!("SELECT pg_advisory_unlock({RESCREEN_LOCK})"))
        .execute(pg)
        .expect("unlock");
    let reports: Vec<_> = starts.into_iter().map(|s| s.join().expect("thread")).collect();
    let ran: Vec<_> = reports.iter().flatten().collect();
    assert_eq!(ran.len(), 1, "exactly one instance rescreened: {reports:?}");
    assert!(ran[0].examined >= 30, "{reports:?}");
    assert_eq!(ran[0].to_version, "service-test-2");
}
