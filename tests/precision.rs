//! Precision and completeness of issue 11: ordinary words are never typo-corrected into control terms,
//! negations govern their clause, ambiguous words beside their ordinary-goods sense need corroboration, and the
//! Common Military List is there to its sub-entries (headings written as the lists write them, declared codes).

mod common;

use equipcheck::classify::{Classification, ItemText};
use equipcheck::Decision::{self, *};
use proptest::prelude::*;
use std::sync::OnceLock;

fn classify(description: &str) -> Classification {
    common::classifier().classify_description(description)
}

fn entries(c: &Classification) -> Vec<String> {
    c.findings
        .iter()
        .map(|f| format!("{}={}", f.entry, f.decision))
        .collect()
}

#[test]
fn ordinary_words_are_not_typing_errors_of_control_terms() {
    // Each of these is one edit away from a weapon word ("crosse", "sarin", "Flinte", "Waffe", "roquettes",
    // "bullets", "projectile" ...) and is an ordinary word of one of the five languages.
    for d in [
        "Cross-section drawing of the building",
        "Cross-country ski footwear",
        "Sardines in olive oil, 125 g",
        "Flint lighter stones",
        "Belgian waffles, frozen",
        "Waffle irons",
        "Potato croquettes",
        "Bulletin boards or accessories",
        "Television projection equipment",
        "Cyanide, cyanide oxide, fulminates, cyanates",
        "Waffeln mit Puderzucker",
        "Sardinas en aceite",
    ] {
        let c = classify(d);
        assert_eq!(c.decision, Clear, "{d}: {:?}", entries(&c));
    }
}

#[test]
fn misspelt_weapon_words_are_still_caught() {
    for d in ["asault rifel", "pistoll 9 mm", "granade", "Sturmgewehr", "kalashnikof"] {
        assert_ne!(classify(d).decision, Clear, "{d}");
    }
}

#[test]
fn negations_govern_the_words_after_them_to_the_end_of_the_clause() {
    let cases: [(&str, Decision); 12] = [
        (
            "Cruise ships, excursion boats and similar vessels, other than warships",
            Clear,
        ),
        ("Vessels, other than warships", Clear),
        ("Navires autres que les navires de guerre", Clear),
        ("Schiffe, ausgenommen Kriegsschiffe", Clear),
        ("Embarcaciones, salvo buques de guerra", Clear),
        ("Embarcações, exceto navios de guerra", Clear),
        ("Parts of vehicles, excluding armoured fighting vehicles", Clear),
        ("Non-military vehicles, 4x4", Clear),
        // What comes before the negation, or after the end of its clause, still counts.
        ("Assault rifle, except scope", Prohibited),
        ("Spare parts other than rifles, pistols 9 mm", Prohibited),
        ("Warship; other than that: spare parts", Military),
        // "note" is not "not" with an ending.
        ("Notes rifle 5.56", Prohibited),
    ];
    for (d, want) in cases {
        let c = classify(d);
        assert_eq!(c.decision, want, "{d}: {:?}", entries(&c));
    }
    let c = classify("Vessels, other than warships");
    assert!(
        c.ignored
            .iter()
            .any(|i| i.text == "warships" && i.negative == "other than"),
        "the cancelled match is reported with its negation: {:?}",
        c.ignored
    );
}

#[test]
fn fire_extinguishing_grenades_are_not_blocked() {
    for d in [
        "Preparations and charges for fire-extinguishers; charged fire-extinguishing grenades",
        "Charged fire-extinguishing grenades",
        "Grenades extinctrices",
        "Granadas extintoras",
    ] {
        let c = classify(d);
        assert_ne!(c.decision, Prohibited, "{d}: {:?}", entries(&c));
    }
}

#[test]
fn ambiguous_words_beside_their_ordinary_sense_need_corroboration() {
    let cases: [(&str, Decision); 10] = [
        ("Newspapers, journals, periodicals and magazines", Clear),
        ("Silencers and exhaust pipes", Clear),
        ("Additives for cements, mortars or concretes", Clear),
        ("Armoured or reinforced doors", Clear),
        ("Spacecraft launchers", Clear),
        ("Submarine cable", Clear),
        ("Police patrol boats", Clear),
        ("Ink cartridges for printers, black", Clear),
        // Corroborated, the ambiguous word counts again; alone, it still asks.
        ("Magazine, 30 rounds, 5.56 mm, for the exhaust workshop", Prohibited),
        ("Silencer", Review),
    ];
    for (d, want) in cases {
        let c = classify(d);
        assert_eq!(c.decision, want, "{d}: {:?}", entries(&c));
    }
}

#[test]
fn headings_written_as_the_lists_write_them_are_found() {
    let cases: [(&str, Decision, &str); 6] = [
        ("Chemical, biological agents", Prohibited, "ML7"),
        ("'Vessels' of war", Military, "ML9"),
        (
            "\u{2018}Vessels\u{2019} of war (surface or underwater)",
            Military,
            "ML9",
        ),
        (
            "Thermal imaging equipment specially designed for military use",
            Military,
            "ML15.d",
        ),
        (
            "Infrared or thermal imaging equipment, specially designed for military use",
            Military,
            "ML15.d",
        ),
        (
            "Matériel d'imagerie thermique spécialement conçu pour l'usage militaire",
            Military,
            "ML15.d",
        ),
    ];
    for (d, want, entry) in cases {
        let c = classify(d);
        assert_eq!(c.decision, want, "{d}: {:?}", entries(&c));
        assert!(
            c.findings.iter().any(|f| f.entry.starts_with(entry)),
            "{d}: {:?}",
            entries(&c)
        );
    }
}

#[test]
fn explosive_articles_are_weapons_material_with_or_without_their_hs_code() {
    for d in [
        "Safety fuses, 100 m",
        "Percussion caps",
        "Detonating caps No. 8",
        "Mèches de sûreté",
        "Zündhütchen",
        "Cápsulas fulminantes",
        "Rastilho",
    ] {
        let c = classify(d);
        assert_eq!(c.decision, Prohibited, "{d}: {:?}", entries(&c));
    }
    // "Igniters" alone could be a gas appliance part: a reviewer asks; HS 3603 settles it.
    assert_eq!(classify("Igniters").decision, Review);
    let with_hs = common::classifier().classify(&ItemText {
        description: "Igniters",
        hs_code: Some("3603.00"),
        control_code: None,
        ..Default::default()
    });
    assert_eq!(with_hs.decision, Prohibited, "{:?}", entries(&with_hs));
    assert!(with_hs
        .findings
        .iter()
        .any(|f| f.entry == "ML8" && f.decision == Prohibited));
    assert_eq!(classify("Igniter for gas boiler").decision, Clear);
}

#[test]
fn every_military_list_code_is_recognised_when_declared() {
    let classifier = common::classifier();
    let catalog = classifier.catalog();
    let codes: Vec<&equipcheck::catalog::Entry> = catalog.entries.iter().filter(|e| e.list == "EU-CML").collect();
    assert!(
        codes.len() >= 110,
        "the CML is there to its sub-entries: {} entries",
        codes.len()
    );
    for entry in codes {
        let c = classifier.classify(&ItemText {
            description: "Spare parts",
            hs_code: None,
            control_code: Some(&entry.code),
            ..Default::default()
        });
        assert!(
            c.findings
                .iter()
                .any(|f| f.entry == entry.code && f.decision == entry.decision()),
            "{}: {:?}",
            entry.code,
            entries(&c)
        );
        assert_ne!(c.decision, Clear, "{}", entry.code);
    }
    // A sub-item the catalogue does not list is recognised through its entry.
    let c = classifier.classify(&ItemText {
        description: "Parts",
        hs_code: None,
        control_code: Some("ML8.a.1"),
        ..Default::default()
    });
    assert!(c.findings.iter().any(|f| f.entry == "ML8.a"), "{:?}", entries(&c));
}

/// A sample of the ordinary words shipped in catalog/words, without the catalogue's own vocabulary.
fn ordinary_words() -> &'static Vec<String> {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let classifier = common::classifier();
        let mut words: Vec<String> = classifier
            .catalog()
            .ordinary_words
            .iter()
            .map(|(w, _)| w.to_string())
            .filter(|w| w.len() >= 5)
            .collect();
        words.sort();
        assert!(words.len() > 10_000, "the word lists are loaded: {}", words.len());
        words
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// No ordinary word of the five languages becomes a control term through typo tolerance, alone or
    /// inside a description.
    #[test]
    fn no_ordinary_word_is_typo_corrected(index in any::<prop::sample::Index>(), before in "(Lot of|Supply of|)") {
        let words = ordinary_words();
        let word = &words[index.index(words.len())];
        let description = format!("{before} {word}");
        let c = classify(&description);
        let fuzzy: Vec<&str> = c
            .findings
            .iter()
            .flat_map(|f| &f.evidence)
            .filter(|e| e.fuzzy)
            .map(|e| e.matched.as_str())
            .collect();
        prop_assert!(fuzzy.is_empty(), "{description}: corrected into {fuzzy:?}");
    }
}
