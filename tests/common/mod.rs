//! Shared helpers for integration tests: the real catalogue and the bundled sample sheets.

#![allow(dead_code)]

use equipcheck::catalog::Catalog;
use equipcheck::check::CheckedItem;
use equipcheck::classify::Classifier;
use equipcheck::import::{import_path, ImportOptions, Record};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

pub fn classifier() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("catalog");
        let catalog = Catalog::load(&dir).unwrap_or_else(|e| panic!("the bundled catalogue must load: {e}"));
        Classifier::new(Arc::new(catalog)).expect("the bundled catalogue compiles")
    })
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Imports and classifies a fixture: (row, description, checked item).
pub fn check_fixture(name: &str) -> Vec<CheckedItem> {
    let mut items = Vec::new();
    import_path(&fixture(name), &ImportOptions::default(), &mut |record| {
        if let Record::Item(item) = record {
            items.push(CheckedItem::classify(classifier(), item));
        }
    })
    .unwrap_or_else(|e| panic!("{name} must import: {e}"));
    items
}

/// Copies a folder tree (the catalogue has folders: sources, measures, words, lists).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
