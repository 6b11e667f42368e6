//! Engine tests on a small catalogue written here, so they test the matching rules rather than the data.
//! Tests of the real catalogue's decisions live in `tests/`.

use super::*;
use crate::catalog::Catalog;
use std::sync::Arc;

const MANIFEST: &str = r#"
version = "test-1"
files = ["entries.toml"]
[[act]]
id = "EU-CML"
title = "Common Military List"
reference = "C/2024/1945"
version = "2024"
[[act]]
id = "EU-DU"
title = "Dual-use Annex I"
reference = "(EU) 2021/821"
version = "2024"
[[act]]
id = "EU-AT"
title = "Anti-torture"
reference = "(EU) 2019/125"
version = "2019"
[[act]]
id = "HS"
title = "Harmonized System"
reference = "HS 2022"
version = "2022"
[[act]]
id = "US-CCL"
title = "Commerce Control List"
reference = "15 CFR 774"
version = "2025"
"#;

const POLICY: &str = r#"
[setting.pepper_spray]
decision = "controlled"
allowed = ["controlled", "prohibited"]
default = "controlled"
why = "Annex III"
"#;

const RULES: &str = r#"
[[rule]]
id = "US-AT-only"
regex = '^[0-9][A-E]9[0-9]{2}'
list = "US-CCL"
decision = "clear"
listed = false
title = "US anti-terrorism-only ECCN"
[[rule]]
id = "EU-Annex-I"
regex = '^[0-9][A-E][0-9]{3}'
list = "EU-DU"
decision = "dual_use"
title = "EU Annex I entry not in the catalogue's selection"
"#;

const NEGATIVES: &str = r#"
negative = ["nail gun", "toner cartridge", "magazine pouch", "pistolet a silicone", "*silikonpistole", "rifle tub"]
known_words = ["piston"]
"#;

const ENTRIES: &str = r#"
[[entry]]
code = "ML1"
list = "EU-CML"
title = "Small arms"
decision = "prohibited"
models = ["AK-47", "Glock"]
[entry.terms]
en = ["gun", "pistol", "assault rifle", "rifle", "rifle tube"]
fr = ["pistolet", "fusil d'assaut"]
de = ["*gewehr", "*pistole"]
[entry.weak]
en = ["magazine"]

[[entry]]
code = "ML3"
list = "EU-CML"
title = "Ammunition"
decision = "prohibited"
calibres = ["7.62x39"]
[entry.terms]
de = ["*munition"]
[entry.weak]
en = ["cartridge"]
fr = ["cartouche"]
[entry.context]
any = ["9 mm"]

[[entry]]
code = "6A003.b.4"
list = "EU-DU"
title = "Thermal cameras"
decision = "dual_use"
hs = ["852589"]
[entry.terms]
en = ["thermal camera", "thermal & camera"]
[entry.threshold]
question = "Is the frame rate above 9 Hz?"
measures = [{ regex = '(\d+(?:\.\d+)?) hz\b', ignore_after = ["V"] }]
above = 9.0

[[entry]]
code = "ML13.d"
list = "EU-CML"
parent = "ML13"
title = "Body armour to military standards"
decision = "military"

[[entry]]
code = "ML13"
list = "EU-CML"
title = "Armoured or protective equipment"
decision = "military"

[[entry]]
code = "AT-III.3"
list = "EU-AT"
title = "Pepper spray"
policy = "pepper_spray"
[entry.terms]
en = ["pepper spray"]

[[entry]]
code = "HS9304"
list = "HS"
title = "Other arms"
decision = "prohibited"
hs = ["9304"]
defer_to_policy = true

[[entry]]
code = "HS9301"
list = "HS"
title = "Military weapons"
decision = "prohibited"
hs = ["9301"]
"#;

fn classifier() -> Classifier {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("manifest.toml", MANIFEST),
        ("policy.toml", POLICY),
        ("declared_codes.toml", RULES),
        ("negatives.toml", NEGATIVES),
        ("entries.toml", ENTRIES),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    Classifier::new(Arc::new(Catalog::load(dir.path()).unwrap())).unwrap()
}

fn decide(c: &Classifier, text: &str) -> Decision {
    c.classify_description(text).decision
}

#[test]
fn weapon_words_in_any_case_language_or_inflection_are_prohibited() {
    let c = classifier();
    for text in [
        "GUN",
        "Pistols x2",
        "Fusil d’assaut",
        "Sturmgewehr",
        "Pistolenmunition 9x19",
        "AK47",
        "glock 17",
    ] {
        assert_eq!(decide(&c, text), Decision::Prohibited, "{text}");
    }
}

#[test]
fn negative_phrases_cancel_only_what_they_cover() {
    let c = classifier();
    let nail = c.classify_description("Nail gun, 90 mm");
    assert_eq!(nail.decision, Decision::Clear);
    assert_eq!(nail.ignored.len(), 1);
    assert_eq!(nail.ignored[0].text, "gun");
    assert_eq!(decide(&c, "nail gun and pistol"), Decision::Prohibited);
    assert_eq!(decide(&c, "Pistolet à silicone professionnel"), Decision::Clear);
    assert_eq!(decide(&c, "Kartuschenpresse (Silikonpistole)"), Decision::Clear);
    assert_eq!(
        decide(&c, "Cartouches de toner HP 410A"),
        Decision::Review,
        "French toner is not in this test list"
    );
    assert_eq!(decide(&c, "Toner cartridges HP 410A"), Decision::Clear);
    assert_eq!(decide(&c, "Magazine pouch, double"), Decision::Clear);
    // Regression: the negative "rifle tub" + inflection "e" covered the longer positive "rifle tube".
    assert_eq!(decide(&c, "rifle tube"), Decision::Prohibited);
    assert_eq!(decide(&c, "rifle tub"), Decision::Clear);
}

#[test]
fn evidence_names_the_span_in_the_source_text() {
    let c = classifier();
    let result = c.classify_description("Véhicule + Fusil d’assaut");
    let finding = &result.findings[0];
    assert_eq!(finding.entry, "ML1");
    assert_eq!(finding.act, "Common Military List, C/2024/1945 (2024)");
    let evidence = &finding.evidence[0];
    assert_eq!(evidence.text, "Fusil d’assaut");
    assert_eq!(evidence.span, [11, 25]);
    assert_eq!(evidence.matched, "fusil d'assaut");
    assert_eq!(result.catalog_version.as_ref(), "test-1");
}

#[test]
fn weak_words_go_to_review_and_corroborated_ones_decide() {
    let c = classifier();
    let alone = c.classify_description("Cartridges, box of 50");
    assert_eq!(alone.decision, Decision::Review);
    assert!(!alone.questions.is_empty());
    assert_eq!(decide(&c, "Cartouches 9 mm (boîte de 50)"), Decision::Prohibited);
    assert_eq!(
        decide(&c, "Plywood 9 mm"),
        Decision::Clear,
        "context words alone say nothing"
    );
}

#[test]
fn thresholds_decide_when_stated_and_ask_when_not() {
    let c = classifier();
    assert_eq!(decide(&c, "Thermal camera 30 Hz"), Decision::DualUse);
    assert_eq!(
        decide(&c, "Camera, thermal imaging, 25 Hz"),
        Decision::DualUse,
        "all-words phrase, any order"
    );
    assert_eq!(
        decide(&c, "Thermal underwear"),
        Decision::Clear,
        "one word of an all-words phrase is nothing"
    );
    assert_eq!(decide(&c, "Thermal camera, 9 Hz"), Decision::Clear);
    assert_eq!(
        decide(&c, "Thermal camera, 230V 50Hz supply"),
        Decision::Review,
        "the mains is not a frame rate"
    );
    let unknown = c.classify_description("Thermal camera, handheld");
    assert_eq!(unknown.decision, Decision::Review);
    assert_eq!(unknown.questions, vec!["Is the frame rate above 9 Hz?".to_string()]);
}

#[test]
fn hs_chapter_93_is_a_weapon_and_other_headings_are_candidates() {
    let c = classifier();
    let hs = |code: &str, text: &str| {
        c.classify(&ItemText {
            description: text,
            hs_code: Some(code),
            control_code: None,
            ..ItemText::default()
        })
        .decision
    };
    assert_eq!(hs("9301 10", "Item 7"), Decision::Prohibited);
    assert_eq!(hs("9301.90.00", "Item 7"), Decision::Prohibited);
    assert_eq!(hs("852589", "Body-worn camera"), Decision::Review);
    assert_eq!(
        hs("9304.00", "Pepper spray 50 ml"),
        Decision::Controlled,
        "9304 defers to the policy entry"
    );
    assert_eq!(hs("9304.00", "Spring gun"), Decision::Prohibited);
    assert_eq!(hs("n/a", "Office chair"), Decision::Clear);
}

/// Every code of an HS cell is screened: `8471.30 / 9301.90` declares a rifle besides a computer. Where the cell
/// reads either way (`8471 9301`: one eight-digit code or two headings) chapter 93 asks rather than decides.
#[test]
fn every_code_of_an_hs_cell_is_screened() {
    let c = classifier();
    let hs = |code: &str| {
        c.classify(&ItemText {
            description: "Item 7",
            hs_code: Some(code),
            ..ItemText::default()
        })
        .decision
    };
    for code in [
        "8471.30 / 9301.90",
        "8471.30, 9301.90",
        "847130 930190",
        "8471300000/9301900000",
        "8471.30 + 9301.90",
        "HS 8471.30 / 9301.90",
        "9301.90.0000",
    ] {
        assert_eq!(hs(code), Decision::Prohibited, "{code}");
    }
    for code in ["8471 9301", "8471.30,9301.90", "8471-9301 10"] {
        assert_eq!(hs(code), Decision::Review, "{code}");
    }
    assert_eq!(hs("8471 30 00"), Decision::Clear, "one code written in groups");
    assert_eq!(hs("8471 93 00"), Decision::Clear, "a subheading 93 is not chapter 93");
}

/// A Military List code in the control-code column as people write it reads as the list writes it.
#[test]
fn declared_military_codes_read_however_written() {
    let c = classifier();
    let declared = |code: &str| {
        c.classify(&ItemText {
            description: "Item",
            control_code: Some(code),
            ..ItemText::default()
        })
    };
    let entries = |code: &str| {
        let got = declared(code);
        (
            got.decision,
            got.findings.iter().map(|f| f.entry.clone()).collect::<Vec<_>>(),
        )
    };
    for (written, as_listed) in [
        ("ML-1", "ML1"),
        ("ML01", "ML1"),
        ("Cat. ML3", "ML3"),
        ("EU ML1", "ML1"),
        ("CML1", "ML1"),
        ("ML 13 d", "ML13.d"),
    ] {
        assert_eq!(entries(written), entries(as_listed), "{written}");
    }
    assert_eq!(declared("ML 350").decision, Decision::Review);
}

#[test]
fn declared_codes_are_authoritative() {
    let c = classifier();
    let declared = |code: &str, text: &str| {
        c.classify(&ItemText {
            description: text,
            hs_code: None,
            control_code: Some(code),
            ..ItemText::default()
        })
    };
    assert_eq!(declared("6A003.b.4", "Camera").decision, Decision::DualUse);
    assert_eq!(declared("6a003b4", "Camera, 5 Hz").decision, Decision::DualUse);
    assert_eq!(declared("ML13.d.1", "Vest").decision, Decision::Military);
    assert_eq!(declared("ML13", "Vest").findings[0].entry, "ML13");
    assert_eq!(declared("3A001.a", "Chip").decision, Decision::DualUse);
    let not_listed = declared("5A992.c", "Radio");
    assert_eq!(not_listed.decision, Decision::Clear);
    assert_eq!(not_listed.findings[0].entry, "US-AT-only");
    assert_eq!(declared("5A992.c", "Assault rifle").decision, Decision::Prohibited);
    assert_eq!(declared("XYZ-1", "Radio").decision, Decision::Review);
}

#[test]
fn misspelt_weapon_words_are_not_clear() {
    let c = classifier();
    assert_eq!(decide(&c, "asault rifle"), Decision::Prohibited);
    let both = c.classify_description("asault rifel");
    assert_eq!(both.decision, Decision::Review);
    assert!(both.findings[0].evidence.iter().any(|e| e.fuzzy));
    assert_eq!(decide(&c, "pistoll"), Decision::Review);
    assert_eq!(
        decide(&c, "assault rifels"),
        Decision::Prohibited,
        "a misspelt plural is corrected too"
    );
    assert_eq!(
        decide(&c, "magazzine, 30 pcs"),
        Decision::Review,
        "a misspelt weak word stays weak"
    );
    assert_eq!(decide(&c, "piston ring"), Decision::Clear);
}

#[test]
fn spaced_split_and_digit_disguised_words_are_not_clear() {
    let c = classifier();
    assert_eq!(
        decide(&c, "a s s a u l t  r i f l e"),
        Decision::Prohibited,
        "half of the phrase intact"
    );
    assert_eq!(decide(&c, "P I S T O L"), Decision::Review);
    assert_eq!(decide(&c, "ri-fle, 20 pcs"), Decision::Review);
    assert_eq!(decide(&c, "Pist0l"), Decision::Review);
    assert_eq!(
        decide(&c, "Pist0l 9 mm"),
        Decision::Prohibited,
        "confirmed by the calibre"
    );
    assert_eq!(decide(&c, "a55ault rifle"), Decision::Prohibited);
    assert_eq!(
        decide(&c, "T-shirt size M, A 4 paper"),
        Decision::Clear,
        "letters and digits that spell nothing"
    );
    assert_eq!(
        decide(&c, "pi ston ring"),
        Decision::Clear,
        "a split that does not make a weapon word"
    );
}

#[test]
fn unicode_evasion_does_not_hide_a_weapon() {
    let c = classifier();
    for text in ["ｇｕｎ", "p\u{200B}istol", "\u{0440}istol", "GLОCK", "AK\u{2011}47"] {
        assert_eq!(decide(&c, text), Decision::Prohibited, "{text:?}");
    }
}
