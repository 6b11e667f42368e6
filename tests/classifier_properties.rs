//! Properties of the classifier on the real catalogue: weapon words stay prohibited whatever Unicode and
//! case tricks are played on them, and words that mean nothing to the catalogue never change a decision.

use equipcheck::catalog::{Catalog, Strength};
use equipcheck::classify::Classifier;
use equipcheck::Decision;
use proptest::prelude::*;
use std::sync::{Arc, OnceLock};

fn classifier() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        Classifier::new(Arc::new(Catalog::load(&dir).expect("catalogue loads"))).expect("catalogue compiles")
    })
}

/// Every strong phrase of a prohibited entry without a threshold: each alone must be prohibited.
fn weapon_phrases() -> &'static Vec<String> {
    static PHRASES: OnceLock<Vec<String>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let catalog = classifier().catalog();
        let mut phrases: Vec<String> = catalog
            .entries
            .iter()
            .filter(|e| e.decision() == Decision::Prohibited && e.threshold.is_none())
            .flat_map(|e| {
                e.phrases()
                    .filter(|(_, s)| *s == Strength::Strong)
                    .map(|(p, _)| p.trim_start_matches('*').to_string())
            })
            .collect();
        phrases.sort();
        phrases.dedup();
        phrases
    })
}

#[test]
fn the_catalogue_has_weapon_words_to_test() {
    assert!(
        weapon_phrases().len() > 100,
        "only {} weapon phrases",
        weapon_phrases().len()
    );
}

#[test]
fn every_weapon_phrase_alone_is_prohibited() {
    let failures: Vec<String> = weapon_phrases()
        .iter()
        .filter(|p| classifier().classify_description(p).decision != Decision::Prohibited)
        .cloned()
        .collect();
    assert!(failures.is_empty(), "not prohibited: {failures:?}");
}

/// Disguises a phrase the way real sheets and evasion do.
fn disguise(phrase: &str, choices: &[u8]) -> String {
    let mut out = String::new();
    for (i, c) in phrase.chars().enumerate() {
        let choice = choices[i % choices.len()];
        let c = if choice & 1 == 1 { c.to_ascii_uppercase() } else { c };
        let disguised = match choice % 6 {
            // Full-width form of an ASCII letter or digit.
            2 if c.is_ascii_alphanumeric() => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
            // Cyrillic look-alikes.
            3 => match c {
                'a' => 'а',
                'e' => 'е',
                'o' => 'о',
                'p' => 'р',
                'c' => 'с',
                'x' => 'х',
                'A' => 'А',
                'E' => 'Е',
                'O' => 'О',
                'P' => 'Р',
                'C' => 'С',
                _ => c,
            },
            _ => c,
        };
        out.push(disguised);
        if choice % 7 == 4 && c.is_alphanumeric() {
            out.push('\u{200B}'); // zero-width space inside the word
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn weapon_phrases_survive_unicode_and_case_tricks(
        index in any::<prop::sample::Index>(),
        choices in prop::collection::vec(any::<u8>(), 1..16),
        prefix in "[ (\"'«]{0,2}",
        suffix in "[ ).,;:!\"'»]{0,2}",
    ) {
        let phrase = index.get(weapon_phrases());
        let text = format!("{prefix}{}{suffix}", disguise(phrase, &choices));
        let result = classifier().classify_description(&text);
        prop_assert_eq!(result.decision, Decision::Prohibited, "{:?} from {:?}", text, phrase);
    }

    #[test]
    fn words_unknown_to_the_catalogue_never_change_a_decision(
        base in prop::sample::select(vec![
            "Toyota Land Cruiser 76 station wagon", "Assault rifle 5.56x45", "Thermal camera 30 Hz",
            "Thermal camera, handheld", "Nail gun, 90 mm", "Cartridges, box of 50", "Pepper spray 50 ml",
            "Menottes chromées à charnière", "Office furniture set", "Night vision goggles Gen 3",
            "Pistolet à silicone professionnel", "Drone quadrirotor", "Glock 17 magazine",
        ]),
        before in prop::collection::vec("[a-z]{3,9}", 0..3),
        after in prop::collection::vec("[a-z]{3,9}", 0..3),
    ) {
        let c = classifier();
        let fillers: Vec<&String> = before.iter().chain(&after).collect();
        prop_assume!(fillers.iter().all(|w| !c.knows_word(w)));
        let padded = format!("{} {base} {}", before.join(" "), after.join(" "));
        prop_assert_eq!(c.classify_description(&padded).decision, c.classify_description(base).decision, "{}", padded);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// Whatever a sheet or an API client sends, classification answers, and every span it reports lies
    /// inside the field it names.
    #[test]
    fn any_input_gets_an_answer_with_spans_inside_its_field(
        description in "\\PC{0,80}",
        hs_code in prop::option::of("[0-9 .\\PC]{0,14}"),
        control_code in prop::option::of("[0-9A-Za-z .;,\\-\\PC]{0,20}"),
    ) {
        use equipcheck::classify::{ExtraText, Field, ItemText};
        // The same text as another column and as the supplier: spans there index into that cell.
        let extra = [ExtraText { column: "C (Remarks)".into(), text: description.clone() }];
        let item = ItemText { description: &description, hs_code: hs_code.as_deref(), control_code: control_code.as_deref(), extra: &extra, supplier: Some(&description), end_user: None };
        let result = classifier().classify(&item);
        for finding in &result.findings {
            for evidence in &finding.evidence {
                let field = match evidence.field {
                    Field::Description => description.as_str(),
                    Field::HsCode => hs_code.as_deref().unwrap_or_default(),
                    Field::ControlCode => control_code.as_deref().unwrap_or_default(),
                    Field::Extra | Field::Supplier => description.as_str(),
                    // `classify` takes no destination: nothing may claim to be found in one.
                    Field::Destination | Field::EndUser => "",
                };
                let [start, end] = evidence.span;
                prop_assert!(start <= end && end <= field.chars().count(), "{:?} in {:?}", evidence, field);
            }
        }
        if result.decision == Decision::Review {
            prop_assert!(!result.questions.is_empty());
        }
    }
}

/// A second classifier of the same catalogue, for comparing one that has seen a text with one that has not.
fn other_classifier() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        Classifier::new(Arc::new(Catalog::load(&dir).expect("catalogue loads"))).expect("catalogue compiles")
    })
}

/// Descriptions of every kind: weapon phrases, look-alikes, negations, thresholds, codes written in the text.
const MIXED: &[&str] = &[
    "Thermal camera, cooled MWIR, 30 Hz",
    "Thermal camera, uncooled, 9 Hz",
    "Night vision goggles Gen 3",
    "Nail gun, pneumatic, 90 mm",
    "Magazine pouch, double, MOLLE",
    "Not a rifle: rifle scope cleaning kit",
    "Body armour vest NIJ IIIA, soft",
    "Pepper spray 50 ml",
    "Handcuffs, hinged, steel",
    "Drone quadcopter, 45 min endurance",
    "Spare parts ML1.a for the range",
    "Encryption module 5A002.a",
    "Cartouches 9 mm Parabellum (boîte de 50)",
    "Toyota Land Cruiser 79 pick-up, double cab",
    "Explosives trace detector, desktop",
    "a s s a u l t  r i f l e",
    "",
];
const HS_CODES: &[Option<&str>] = &[
    None,
    Some(""),
    Some("9301.90"),
    Some("8710.00"),
    Some("8525.89"),
    Some("9306 21 00"),
    Some("8703.23"),
    Some("6211.33"),
];
const CONTROL_CODES: &[Option<&str>] = &[
    None,
    Some("ML1.a"),
    Some("6A003.b.4"),
    Some("EAR99"),
    Some("ML10; 9A012"),
    Some("nonsense"),
];

proptest! {
    /// A line's description is remembered with the evidence of its words, and its HS and declared codes are
    /// screened every time: a description seen before on lines with other codes classifies exactly as a new one.
    #[test]
    fn a_remembered_description_classifies_as_a_new_one(
        text in prop::sample::select(MIXED),
        weapon in prop::sample::select(weapon_phrases().clone()),
        use_weapon in any::<bool>(),
        hs in prop::sample::select(HS_CODES),
        other_hs in prop::sample::select(HS_CODES),
        declared in prop::sample::select(CONTROL_CODES),
        other_declared in prop::sample::select(CONTROL_CODES),
        case in any::<u64>(),
    ) {
        use equipcheck::classify::ItemText;
        // A text neither classifier has seen: the first classifies it new, the second after two lines with other
        // codes (a text is remembered from its second sighting).
        let description = format!("{} (case {case})", if use_weapon { weapon.as_str() } else { text });
        let item = |hs_code, control_code| ItemText { description: &description, hs_code, control_code, ..ItemText::default() };
        let new = classifier().classify(&item(hs, declared));
        for _ in 0..2 {
            other_classifier().classify(&item(other_hs, other_declared));
        }
        let remembered = other_classifier().classify(&item(hs, declared));
        let json = |c: &equipcheck::classify::Classification| serde_json::to_string(c).unwrap_or_default();
        prop_assert_eq!(json(&new), json(&remembered));
    }
}
