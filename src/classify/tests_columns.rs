//! Other text columns, codes written in a text and arms makers named as supplier, against the real catalogue.

use super::*;
use crate::catalog::Catalog;

fn classifier() -> Classifier {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
    Classifier::new(Arc::new(Catalog::load(&dir).unwrap())).unwrap()
}

fn extra(column: &str, text: &str) -> ExtraText {
    ExtraText {
        column: column.into(),
        text: text.into(),
    }
}

#[test]
fn a_weapon_in_the_remarks_decides_and_names_its_column() {
    let c = classifier();
    let remarks = [extra("D (Remarks)", "incl. 2 000 rounds 7.62x39 and 4 AK-47")];
    let result = c.classify(&ItemText {
        description: "Training kit",
        extra: &remarks,
        ..ItemText::default()
    });
    assert_eq!(result.decision, Decision::Prohibited);
    let evidence: Vec<&Evidence> = result.findings.iter().flat_map(|f| &f.evidence).collect();
    let ak = evidence.iter().find(|e| e.text == "AK-47").expect("AK-47 evidence");
    assert_eq!(ak.field, Field::Extra);
    assert_eq!(ak.column.as_deref(), Some("D (Remarks)"));
    // The span is in the remarks cell.
    let chars: Vec<char> = remarks[0].text.chars().collect();
    let spanned: String = chars[ak.span[0]..ak.span[1]].iter().collect();
    assert_eq!(spanned, "AK-47");
    assert!(result.summary().contains("D (Remarks)"), "{}", result.summary());
}

#[test]
fn the_most_severe_of_description_and_other_columns_wins() {
    let c = classifier();
    let other = [extra("E (Notes)", "delivered with a carrying bag")];
    let result = c.classify(&ItemText {
        description: "Sniper rifle .338",
        extra: &other,
        ..ItemText::default()
    });
    assert_eq!(result.decision, Decision::Prohibited);
    let plain = c.classify(&ItemText {
        description: "Office chair",
        extra: &[extra("E (Notes)", "Night vision goggles Gen 3 included")],
        ..ItemText::default()
    });
    assert_ne!(plain.decision, Decision::Clear);
    // An empty or harmless other column changes nothing.
    let harmless = c.classify(&ItemText {
        description: "Office chair",
        extra: &[extra("E (Notes)", "blue fabric"), extra("F", "  ")],
        ..ItemText::default()
    });
    assert_eq!(harmless.decision, Decision::Clear);
}

#[test]
fn a_code_written_in_the_description_counts_as_declared() {
    let c = classifier();
    let text = "Item 12 (ML1.a)";
    let result = c.classify_description(text);
    assert_eq!(result.decision, Decision::Prohibited);
    let e = result
        .findings
        .iter()
        .flat_map(|f| &f.evidence)
        .find(|e| e.kind == EvidenceKind::DeclaredCode)
        .unwrap();
    assert_eq!(
        (e.field, e.span, e.text.as_str()),
        (Field::Description, [9, 14], "ML1.a")
    );
    assert_eq!(
        c.classify_description("Thermal camera per 6A003.b.4").decision,
        Decision::DualUse
    );
    // Something shaped like a code that no list knows is not a finding in a text.
    assert_eq!(
        c.classify_description("Printer cartridge 2B999X").decision,
        Decision::Clear
    );
    assert_eq!(c.classify_description("Tent, EAR99").decision, Decision::Clear);
}

#[test]
fn a_code_only_cell_in_another_column_is_declared_there() {
    let c = classifier();
    let result = c.classify(&ItemText {
        description: "Item 4",
        extra: &[extra("G", "ML1.a")],
        ..ItemText::default()
    });
    assert_eq!(result.decision, Decision::Prohibited);
    let e = &result.findings[0].evidence[0];
    assert_eq!((e.field, e.column.as_deref()), (Field::Extra, Some("G")));
}

#[test]
fn an_arms_maker_as_supplier_is_a_reason_to_ask() {
    let c = classifier();
    let result = c.classify(&ItemText {
        description: "Cleaning kit",
        supplier: Some("Glock GmbH, Deutsch-Wagram"),
        ..ItemText::default()
    });
    assert_eq!(result.decision, Decision::Review);
    assert_eq!(result.findings[0].entry, "ARMS-MAKER");
    assert_eq!(result.findings[0].evidence[0].field, Field::Supplier);
    assert_eq!(result.findings[0].evidence[0].text, "Glock");
    assert_eq!(result.questions.len(), 1);
    // Whole words only, and the description still decides when it is more severe.
    let bell = c.classify(&ItemText {
        description: "Cleaning kit",
        supplier: Some("Glockenspiel Musik AG"),
        ..ItemText::default()
    });
    assert_eq!(bell.decision, Decision::Clear);
    let pistol = c.classify(&ItemText {
        description: "Pistol 9x19",
        supplier: Some("Heckler & Koch"),
        ..ItemText::default()
    });
    assert_eq!(pistol.decision, Decision::Prohibited);
}

#[test]
fn a_remembered_cell_text_gives_the_same_findings_under_each_column_even_after_the_memo_fills() {
    let c = classifier();
    let classify_with = |column: &str, text: &str| {
        let remarks = [extra(column, text)];
        c.classify(&ItemText {
            description: "Training kit",
            extra: &remarks,
            ..ItemText::default()
        })
    };
    let weapon = "incl. 4 AK-47";
    let first = classify_with("D (Remarks)", weapon);
    assert_eq!(first.decision, Decision::Prohibited);
    let again = classify_with("D (Remarks)", weapon);
    assert_eq!(serde_json::to_value(&again).ok(), serde_json::to_value(&first).ok());
    // The same text under another column names that column.
    let other = classify_with("F (Notes)", weapon);
    let columns: Vec<Option<&str>> = other
        .findings
        .iter()
        .flat_map(|f| &f.evidence)
        .map(|e| e.column.as_deref())
        .collect();
    assert!(columns.iter().all(|c| *c == Some("F (Notes)")), "{columns:?}");
    // Every text twice: remembered from its second sighting, so the memo fills and is emptied.
    for i in 0..(crate::memo::MEMO_KEYS + 10) {
        for _ in 0..2 {
            assert_eq!(
                classify_with("D (Remarks)", &format!("box {i}")).decision,
                Decision::Clear
            );
        }
    }
    let after = classify_with("D (Remarks)", weapon);
    assert_eq!(serde_json::to_value(&after).ok(), serde_json::to_value(&first).ok());
}
