//! Test helpers: a copy of the bundled catalogue in a temporary folder, edited before it loads.

use super::Catalog;
use std::path::Path;

/// Copies the bundled catalogue, applies `edit` to the copy and loads it.
pub(crate) fn catalog_with(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, Result<Catalog, super::CatalogError>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&src, dir.path());
    edit(dir.path());
    let catalog = Catalog::load(dir.path());
    (dir, catalog)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Replaces the first `from` in `file` of the catalogue in `dir` (which must contain it).
pub(crate) fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}
