use crate::helpers::root;

fn names(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join(dir))
        .expect("migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        // The diesel CLI's `.diesel_lock` (and other hidden files) are not migrations.
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn sqlite_and_postgres_migrations_have_the_same_names() {
    let sqlite = names("migrations/sqlite");
    let postgres = names("migrations/postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
    for name in &sqlite {
        for backend in ["sqlite", "postgres"] {
            for file in ["up.sql", "down.sql"] {
                let path = root().join("migrations").join(backend).join(name).join(file);
                assert!(path.exists(), "{} is missing", path.display());
            }
        }
    }
}

#[derive(diesel::QueryableByName)]
struct Pragma {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

/// Every pooled SQLite connection runs in WAL mode with synchronous=FULL, foreign keys and a busy timeout.
#[test]
fn sqlite_connections_get_their_pragmas() {
    use diesel::RunQueryDsl;
    let dir = tempfile::tempdir().unwrap();
    let pool = equipcheck::db::connect(&format!("sqlite://{}", dir.path().join("p.db").display()), 3).unwrap();
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = pool.get().unwrap();
        let mut ask = |pragma: &str| {
            let column = if pragma == "busy_timeout" { "timeout" } else { pragma };
            diesel::sql_query(format!("SELECT CAST({column} AS TEXT) AS value FROM pragma_{pragma}"))
                .get_result::<Pragma>(&mut *conn)
                .unwrap()
                .value
        };
        assert_eq!(ask("journal_mode"), "wal");
        assert_eq!(ask("synchronous"), "2", "FULL");
        assert_eq!(ask("foreign_keys"), "1");
        assert_eq!(ask("busy_timeout"), "10000");
        held.push(conn);
    }
}

/// After a bulk load the planner's statistics of the review columns are refreshed on PostgreSQL (a no-op on SQLite).
#[tokio::test]
async fn item_statistics_are_refreshed_on_postgres() {
    use diesel::RunQueryDsl;
    for db in crate::helpers::backends() {
        let app = crate::helpers::spawn_app(db).await;
        crate::helpers::upload_lines(&app, "olga", "p-stats", &["Tent", "Folding table", "Assault rifle"]).await;
        let pool = equipcheck::db::connect(&app.database_url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        equipcheck::db::refresh_item_statistics(&mut conn).expect("refresh");
        if db == crate::helpers::Db::Postgres {
            let analysed = diesel::sql_query(
                "SELECT string_agg(attname::text, ',' ORDER BY attname) AS value FROM pg_stats \
                 WHERE tablename = 'items' AND attname IN ('review_status', 'decision', 'batch_id')",
            )
            .get_result::<Pragma>(&mut *conn)
            .unwrap()
            .value;
            assert_eq!(analysed, "batch_id,decision,review_status");
        }
    }
}
