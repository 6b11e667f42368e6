//! `equipcheck catalog diff OLD NEW`: which entries a catalogue change adds, removes or changes, and which
//! stored items it would reclassify (each item classified with both catalogues, before any rescreen runs).
//! The storage side only supplies the items ([`StoredItem`]); nothing here knows the database.

use super::{codes, Catalog, Entry};
use crate::classify::{Classification, Classifier, ExtraText, ItemText};
use crate::decision::Decision;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One entry that differs between the two catalogues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryChange {
    pub code: String,
    pub list: String,
    pub title: String,
    pub change: Change,
    /// For `changed`: the fields that differ (`legal_text`, `terms`, `decision`, `threshold` ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_decision: Option<Decision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_decision: Option<Decision>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogDiff {
    pub old_version: String,
    pub new_version: String,
    pub changes: Vec<EntryChange>,
    /// Changes outside the entries (policy settings, global negatives, declared-code rules, acts).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
}

impl CatalogDiff {
    pub fn count(&self, change: Change) -> usize {
        self.changes.iter().filter(|c| c.change == change).count()
    }

    fn touches(&self, code: &str) -> bool {
        let key = codes::key(code);
        self.changes.iter().any(|c| codes::key(&c.code) == key)
    }
}

/// Compares every entry by code, field by field as the catalogue states it.
pub fn diff(old: &Catalog, new: &Catalog) -> CatalogDiff {
    let old_entries = by_key(&old.entries);
    let new_entries = by_key(&new.entries);
    let mut changes = Vec::new();
    for (key, entry) in &old_entries {
        match new_entries.get(key) {
            None => changes.push(EntryChange {
                code: entry.code.clone(),
                list: entry.list.clone(),
                title: entry.title.clone(),
                change: Change::Removed,
                fields: Vec::new(),
                old_decision: Some(entry.decision()),
                new_decision: None,
            }),
            Some(now) => {
                let fields = changed_fields(entry, now);
                if !fields.is_empty() {
                    changes.push(EntryChange {
                        code: now.code.clone(),
                        list: now.list.clone(),
                        title: now.title.clone(),
                        change: Change::Changed,
                        fields,
                        old_decision: Some(entry.decision()),
                        new_decision: Some(now.decision()),
                    });
                }
            }
        }
    }
    for (key, entry) in &new_entries {
        if !old_entries.contains_key(key) {
            changes.push(EntryChange {
                code: entry.code.clone(),
                list: entry.list.clone(),
                title: entry.title.clone(),
                change: Change::Added,
                fields: Vec::new(),
                old_decision: None,
                new_decision: Some(entry.decision()),
            });
        }
    }
    changes.sort_by_key(|a| codes::key(&a.code));
    let mut other = Vec::new();
    for (name, a, b) in [
        ("policy settings", json(&old.policy), json(&new.policy)),
        ("global negative phrases", json(&old.negatives), json(&new.negatives)),
        ("known words", json(&old.known_words), json(&new.known_words)),
        ("declared-code rules", json(&old.code_rules), json(&new.code_rules)),
        ("legal acts", json(&old.acts), json(&new.acts)),
    ] {
        if a != b {
            other.push(name.to_string());
        }
    }
    CatalogDiff {
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        changes,
        other,
    }
}

fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn by_key(entries: &[Entry]) -> BTreeMap<String, &Entry> {
    entries.iter().map(|e| (codes::key(&e.code), e)).collect()
}

/// Where an entry sits in the files is not a change of the list.
const NOT_CONTENT: [&str; 2] = ["file", "generated"];

fn changed_fields(old: &Entry, new: &Entry) -> Vec<String> {
    let (serde_json::Value::Object(a), serde_json::Value::Object(b)) = (
        serde_json::to_value(old).unwrap_or_default(),
        serde_json::to_value(new).unwrap_or_default(),
    ) else {
        return Vec::new();
    };
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| !NOT_CONTENT.contains(&k.as_str()) && a.get(*k) != b.get(*k))
        .map(|k| k.to_string())
        .collect()
}

/// A stored item as the impact report needs it.
#[derive(Debug, Clone)]
pub struct StoredItem {
    pub id: i64,
    pub batch_id: String,
    pub sheet: Option<String>,
    pub row: i64,
    pub description: String,
    pub hs_code: Option<String>,
    pub control_code: Option<String>,
    /// The line's other text cells and its supplier, screened as a rescreen would.
    pub extra: Vec<ExtraText>,
    pub supplier: Option<String>,
    /// The decision stored for it (what the last screening or a reviewer left).
    pub stored_decision: String,
}

impl From<crate::db::items::Item> for StoredItem {
    fn from(item: crate::db::items::Item) -> StoredItem {
        StoredItem {
            extra: item.extra_texts(),
            supplier: item.supplier.clone(),
            id: item.id,
            batch_id: item.batch_id,
            sheet: item.sheet,
            row: item.row_number,
            description: item.description,
            hs_code: item.hs_code,
            control_code: item.control_code,
            stored_decision: item.decision,
        }
    }
}

/// An item whose classification the change alters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reclassified {
    pub item_id: i64,
    pub batch_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub row: i64,
    pub description: String,
    pub stored: String,
    pub before: Decision,
    pub after: Decision,
    pub entries_before: Vec<String>,
    pub entries_after: Vec<String>,
    /// The changed entries involved (`other changes` when only policy or negatives explain it).
    pub because_of: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Impact {
    pub examined: u64,
    /// Items whose decision changes.
    pub reclassified: Vec<Reclassified>,
    /// Items that keep their decision but are matched by other entries.
    pub entries_changed: Vec<Reclassified>,
    /// Changed entry code -> ids of the items it reclassifies.
    pub by_entry: BTreeMap<String, Vec<i64>>,
}

/// Classifies every item with both catalogues and keeps those whose decision or entries differ.
pub fn impact(
    old: &Classifier,
    new: &Classifier,
    diff: &CatalogDiff,
    items: impl IntoIterator<Item = StoredItem>,
) -> Impact {
    let mut out = Impact::default();
    for item in items {
        out.examined += 1;
        let text = ItemText {
            description: &item.description,
            hs_code: item.hs_code.as_deref(),
            control_code: item.control_code.as_deref(),
            extra: &item.extra,
            supplier: item.supplier.as_deref(),
            end_user: None,
        };
        let before = old.classify(&text);
        let after = new.classify(&text);
        let entries_before = entry_codes(&before);
        let entries_after = entry_codes(&after);
        if before.decision == after.decision && entries_before == entries_after {
            continue;
        }
        let mut because_of: Vec<String> = entries_before
            .iter()
            .chain(&entries_after)
            .filter(|code| diff.touches(code))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if because_of.is_empty() {
            because_of.push("other changes".to_string());
        }
        let decision_changed = before.decision != after.decision;
        if decision_changed {
            for code in &because_of {
                out.by_entry.entry(code.clone()).or_default().push(item.id);
            }
        }
        let row = Reclassified {
            item_id: item.id,
            batch_id: item.batch_id,
            sheet: item.sheet,
            row: item.row,
            description: item.description,
            stored: item.stored_decision,
            before: before.decision,
            after: after.decision,
            entries_before,
            entries_after,
            because_of,
        };
        if decision_changed {
            out.reclassified.push(row);
        } else {
            out.entries_changed.push(row);
        }
    }
    out
}

fn entry_codes(classification: &Classification) -> Vec<String> {
    let set: BTreeSet<String> = classification.findings.iter().map(|f| f.entry.clone()).collect();
    set.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    use super::super::test_support::replace;

    fn catalog_with(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, Catalog) {
        let (dir, catalog) = super::super::test_support::catalog_with(edit);
        (dir, catalog.unwrap())
    }

    fn item(id: i64, description: &str) -> StoredItem {
        StoredItem {
            id,
            batch_id: "b1".into(),
            sheet: None,
            row: id + 1,
            description: description.into(),
            hs_code: None,
            control_code: None,
            extra: Vec::new(),
            supplier: None,
            stored_decision: "clear".into(),
        }
    }

    #[test]
    fn lists_added_removed_and_changed_entries() {
        let (_a, old) = catalog_with(|_| {});
        let (_b, new) = catalog_with(|dir| {
            // 9A350 leaves the list, 9A012 changes its decision, a new entry appears.
            replace(
                dir,
                "dual_use.toml",
                "[[entry]]\ncode = \"9A350\"",
                "[[entry]]\ncode = \"9A350.x\"\nparent = \"9A350\"",
            );
            replace(dir, "military.toml", "title = \"", "title = \"Changed: ");
        });
        let d = diff(&old, &new);
        assert!(
            d.changes
                .iter()
                .any(|c| c.code == "9A350.x" && c.change == Change::Added),
            "{d:?}"
        );
        let changed = d
            .changes
            .iter()
            .find(|c| c.change == Change::Changed)
            .expect("a changed entry");
        assert!(changed.fields.contains(&"title".to_string()), "{changed:?}");
        let same = diff(&old, &old);
        assert!(same.changes.is_empty() && same.other.is_empty(), "{same:?}");
    }

    #[test]
    fn impact_names_the_items_a_change_reclassifies() {
        let (_a, old) = catalog_with(|_| {});
        let (_b, new) = catalog_with(|dir| {
            // Ricin leaves 1C351.d: the legal text no longer names it.
            replace(
                dir,
                "sources/annex-i-2025.txt",
                "Conotoxins; Ricin; Saxitoxin",
                "Conotoxins; Saxitoxin",
            );
            super::super::generate::generate_all(dir, true).unwrap();
        });
        let d = diff(&old, &new);
        let changed: Vec<_> = d.changes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(changed, ["1C351.d"], "{d:?}");
        assert!(d.changes[0].fields.contains(&"legal_text".to_string()));
        let old_c = Classifier::new(Arc::new(old)).unwrap();
        let new_c = Classifier::new(Arc::new(new)).unwrap();
        let items = vec![item(1, "Ricin, 1 mg reference standard"), item(2, "Office chairs")];
        let report = impact(&old_c, &new_c, &d, items);
        assert_eq!(report.examined, 2);
        assert_eq!(report.reclassified.len(), 1, "{report:?}");
        let r = &report.reclassified[0];
        assert_eq!((r.item_id, r.before, r.after), (1, Decision::DualUse, Decision::Clear));
        assert_eq!(r.because_of, ["1C351.d"]);
        assert_eq!(report.by_entry["1C351.d"], [1]);
    }
}
