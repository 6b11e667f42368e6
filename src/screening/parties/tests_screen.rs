//! Screening a line's parties: findings that explain the match, never a lowered decision, settled matches that
//! hold until the listed entity changes, and the lists read from files and folders.

use super::*;
use crate::classify::{Classification, EvidenceKind, Field};
use crate::decision::Decision;
use std::path::Path;
use std::sync::Arc;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lists")
}

fn screening() -> PartyScreening {
    PartyScreening::new(read_lists(&fixtures()).expect("fixture lists"), DEFAULT_THRESHOLD)
}

fn clear() -> Classification {
    Classification {
        decision: Decision::Clear,
        catalog_version: Arc::from("test"),
        findings: Vec::new(),
        questions: Vec::new(),
        ignored: Vec::new(),
        other_text: Vec::new(),
        party_lists: Vec::new(),
    }
}

#[test]
fn a_folder_is_read_list_by_list_and_an_undated_list_gets_its_hash() {
    let s = screening();
    let lists: Vec<(&str, &str)> = s
        .versions()
        .iter()
        .map(|v| (v.list.as_str(), v.version.as_str()))
        .collect();
    assert_eq!(lists.len(), 4, "{lists:?}");
    assert!(lists.contains(&("UK-OFSI", "27/11/2026")));
    assert!(lists.contains(&("UN-SC", "2026-11-28T10:00:04.61Z")));
    let ofac = lists.iter().find(|l| l.0 == "US-OFAC-SDN").expect("OFAC");
    assert!(ofac.1.starts_with("sha256:") && ofac.1.len() == 39, "{ofac:?}");
}

#[test]
fn the_shipped_un_snapshot_is_read() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/lists");
    let lists = read_lists(&dir).expect("shipped lists");
    let un = lists.iter().find(|l| l.source == ListSource::UnSc).expect("UN list");
    assert_eq!(un.version, "2026-02-27T00:00:09.554Z");
    assert!(un.entities.len() > 900, "{}", un.entities.len());
    let s = PartyScreening::new(lists, DEFAULT_THRESHOLD);
    assert!(s
        .screen("Korea Mining Development Trading Corporation")
        .iter()
        .any(|m| m.list == "UN-SC"));
    assert!(s.screen("Motorola Solutions").is_empty());
}

#[test]
fn a_broken_file_names_the_file_and_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sdn.csv");
    std::fs::write(&file, "1,\"A\",x\n").expect("write");
    let message = read_lists(dir.path()).expect_err("malformed").to_string();
    assert!(
        message.contains("sdn.csv") && message.contains("malformed"),
        "{message}"
    );
}

#[test]
fn a_listed_supplier_sends_a_clear_item_to_review_with_the_explanation() {
    let s = screening();
    let mut c = clear();
    s.apply(&mut c, Some("Rosoboroneksport JSC"), Some("Ministry of Interior"));
    assert_eq!(c.decision, Decision::Review);
    assert_eq!(c.party_lists.len(), 4);
    let f = c
        .findings
        .iter()
        .find(|f| f.entry == "US-OFAC-SDN:36050")
        .expect("OFAC finding");
    assert_eq!(f.list, "US-OFAC-SDN");
    assert!(f.act.contains("sha256:"), "{}", f.act);
    assert!(
        f.reason.contains("RUSSIA-EO14024") && f.reason.contains("share the words"),
        "{}",
        f.reason
    );
    assert_eq!(f.evidence[0].field, Field::Supplier);
    assert_eq!(f.evidence[0].kind, EvidenceKind::ListedParty);
    assert!(!c.questions.is_empty());
}

#[test]
fn an_end_user_is_screened_and_a_decision_is_never_lowered() {
    let s = screening();
    let mut c = clear();
    c.decision = Decision::Prohibited;
    s.apply(&mut c, None, Some("ЧВК Вагнер"));
    assert_eq!(c.decision, Decision::Prohibited);
    assert!(c
        .findings
        .iter()
        .any(|f| f.evidence[0].field == Field::EndUser && f.entry == "US-OFAC-SDN:38310"));
}

#[test]
fn ordinary_parties_and_legal_forms_alone_raise_nothing() {
    let s = screening();
    for (supplier, end_user) in [
        ("Emma Daniels", "Police nationale"),
        ("ACME Corp.", "LLC"),
        ("Corp", "GmbH"),
        ("Rohde & Schwarz GmbH", "George Bush"),
    ] {
        let mut c = clear();
        s.apply(&mut c, Some(supplier), Some(end_user));
        assert_eq!(c.decision, Decision::Clear, "{supplier} / {end_user}: {:?}", c.findings);
        assert!(c.findings.is_empty());
    }
}

#[test]
fn a_settled_match_stays_settled_until_the_entity_changes() {
    let s = screening();
    let found = s
        .screen("Wagner Group")
        .into_iter()
        .find(|m| m.list == "US-OFAC-SDN")
        .expect("match");
    s.settle(Settlement {
        name_key: settlement_name("GROUP wagner"),
        entity: entity_key(&found),
        entity_digest: found.entity_digest.clone(),
        settled_by: "rita".into(),
        justification: "A catering firm in Bavaria, VAT DE123".into(),
        settled_at: "2026-12-02".into(),
    });
    let mut c = clear();
    s.apply(&mut c, Some("Wagner Group"), None);
    let f = c
        .findings
        .iter()
        .find(|f| f.entry == entity_key(&found))
        .expect("finding kept");
    assert_eq!(f.decision, Decision::Clear);
    assert!(
        f.reason.contains("rita") && f.reason.contains("Bavaria"),
        "{}",
        f.reason
    );
    // The UK list's own entry of the same group is another entity: still raised.
    assert_eq!(c.decision, Decision::Review);

    // The listed entity changed (a new digest): raised again.
    s.settle(Settlement {
        entity_digest: "older".into(),
        ..s.settlement("Wagner Group", &found).expect("settled")
    });
    let mut c = clear();
    s.apply(&mut c, Some("Wagner Group"), None);
    let f = c
        .findings
        .iter()
        .find(|f| f.entry == entity_key(&found))
        .expect("finding");
    assert_eq!(f.decision, Decision::Review);
}

#[test]
fn a_remembered_name_screens_as_it_did_the_first_time_even_after_the_memo_fills() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/lists");
    let s = PartyScreening::new(read_lists(&dir).expect("shipped lists"), DEFAULT_THRESHOLD);
    let listed = "Korea Mining Development Trading Corporation";
    let first = s.screen(listed);
    assert!(first.iter().any(|m| m.list == "UN-SC"), "{first:?}");
    assert_eq!(s.screen(listed), first);
    // More distinct names than the memo holds: it is emptied, and a listed name is still found afterwards.
    for i in 0..(crate::memo::MEMO_KEYS + 10) {
        assert!(s.screen(&format!("Stationery Supplier {i} Ltd")).is_empty());
    }
    assert_eq!(s.screen(listed), first);
    assert!(s.screen("Motorola Solutions").is_empty());
}

#[test]
fn a_listed_name_followed_by_an_address_an_acronym_or_c_o_is_found() {
    let s = screening();
    let whole = s.screen("Korea Mining Development Trading Corporation");
    let listed = &whole.first().expect("the listed name").entity_id;
    for cell in [
        "Korea Mining Development Trading Corp. (KOMID)",
        "Korea Mining Development Trading Corporation, Pyongyang, DPRK",
        "c/o Korea Mining Development Trading Corporation",
        "Attn: Korea Mining Development Trading Corporation",
        "Sahel Equipements SARL; Korea Mining Development Trading Corporation",
    ] {
        let found = s.screen(cell);
        assert!(found.iter().any(|f| &f.entity_id == listed), "{cell}: {found:?}");
    }
    assert!(s.screen("Motorola Solutions, Chicago (USA)").is_empty());
}
