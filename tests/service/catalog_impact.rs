//! `equipcheck catalog diff` with a database: the stored items a list change would reclassify, read from SQLite
//! and PostgreSQL, before any rescreen runs.

use crate::helpers::*;
use equipcheck::catalog::diff::{self, StoredItem};
use equipcheck::catalog::{generate, Catalog};
use equipcheck::classify::Classifier;
use equipcheck::decision::Decision;
use std::path::Path;
use std::sync::Arc;

/// The bundled catalogue in a temporary folder, its Annex I source text edited and regenerated.
fn bundled(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, Classifier) {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&root().join("catalog"), dir.path());
    edit(dir.path());
    generate::generate_all(dir.path(), true).unwrap();
    let catalog = Catalog::load(dir.path()).unwrap();
    (dir, Classifier::new(Arc::new(catalog)).unwrap())
}

fn stored(url: &str) -> Vec<StoredItem> {
    let pool = equipcheck::db::connect(url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    // A page of two makes the keyset paging turn over.
    equipcheck::db::review::stored_for_impact(&mut conn, 2).unwrap()
}

#[tokio::test]
async fn the_impact_report_names_the_stored_items_a_list_change_reclassifies() {
    for db in backends() {
        let app = spawn_app(db).await;
        let lines = ["Ricin, 1 mg reference standard", "Office chairs", "Saxitoxin 10 µg"];
        let (batch, items) = upload_lines(&app, "olga", "p1", &lines).await;
        let ricin = items[0]["id"].as_i64().unwrap();
        let (_old_dir, old) = bundled(|_| {});
        // The next edition no longer lists ricin in 1C351.d.
        let (_new_dir, new) = bundled(|dir| {
            let path = dir.join("sources/annex-i-2025.txt");
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(
                &path,
                text.replace("Conotoxins; Ricin; Saxitoxin", "Conotoxins; Saxitoxin"),
            )
            .unwrap();
        });
        let changes = diff::diff(old.catalog(), new.catalog());
        assert_eq!(changes.changes.len(), 1, "{changes:?}");
        let items = stored(&app.database_url);
        assert_eq!(items.len(), lines.len() + 1, "every stored item is read, page by page");
        let report = diff::impact(&old, &new, &changes, items);
        assert_eq!(report.reclassified.len(), 1, "{report:?}");
        let r = &report.reclassified[0];
        assert_eq!((r.item_id, r.batch_id.as_str()), (ricin, batch.as_str()));
        assert_eq!((r.before, r.after), (Decision::DualUse, Decision::Clear));
        assert_eq!(r.because_of, ["1C351.d"]);
        assert_eq!(report.by_entry["1C351.d"], [ricin]);
    }
}
