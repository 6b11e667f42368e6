//! The traps listed in ../shared/reference/control-lists.md ("Words that mislead a keyword matcher"):
//! civilian look-alikes must come out clear, and weapons written every way people write them must not.

mod common;

use equipcheck::classify::ItemText;
use equipcheck::Decision::{self, *};

fn decision(description: &str) -> Decision {
    common::classifier().classify_description(description).decision
}

#[test]
fn civilian_look_alikes_are_clear() {
    let failures: Vec<String> = [
        "Nail gun, pneumatic",
        "Hot glue gun 60 W",
        "Paint spray gun HVLP",
        "Grease gun 500 cc",
        "Heat gun 2000 W",
        "Staple gun and staples",
        "Caulking gun, 310 ml",
        "Office chair, gunmetal grey",
        "Magazine rack, wall mounted",
        "Toner cartridge HP 410A",
        "Ink cartridges, black",
        "Exhaust silencer for generator",
        "Digital oscilloscope 100 MHz",
        "Oil barrel 200 l",
        "Bullet camera IP 4MP",
        "Round table, 8 seats",
        "Armoured cable 3 x 2.5 mm²",
        "Pistolet à colle",
        "Pistolet à peinture",
        "Klebepistole 11 mm",
        "Pistola de pintura",
        "Cartouches de toner HP 410A",
        "Tonerkartuschen für Laserdrucker",
        "Magazine pouch, double, MOLLE",
        "M4 screws, stainless, box of 100",
        "Water pistol (toy)",
        "Piston ring set",
    ]
    .iter()
    .filter(|d| decision(d) != Clear)
    .map(|d| format!("{d}: {}", common::classifier().classify_description(d).summary()))
    .collect();
    assert!(failures.is_empty(), "not clear:\n{}", failures.join("\n"));
}

#[test]
fn weapons_however_written_are_prohibited() {
    let failures: Vec<String> = [
        "Assault rifle",
        "assault rifles x 20",
        "5.56x45 NATO, 1000 rounds",
        "7,62 x 39 ball",
        "9x19 FMJ",
        ".50 cal ammunition",
        ".338 Lapua Magnum",
        "AK-47",
        "AKM with folding stock",
        "Glock 17",
        "HK416 A5",
        "G36 rifle",
        "MP5 sub-machine gun",
        "M4 carbine",
        "RPG-7 launcher",
        "Fusil d'assaut",
        "Pistolet semi-automatique",
        "Munitions 7.62 mm",
        "Cartouches 9 mm",
        "Chargeur pour pistolet",
        "Grenade à main",
        "Sturmgewehr",
        "Pistole P8",
        "Munition 9 mm",
        "Handgranate",
        "Fuzil de assalto",
        "Espingarda calibre 12",
        "Pistola 9 mm",
        "Munição 5.56",
        "Munición 9 mm",
        "Breech block",
        "pis\u{200B}tol",
        "\u{0410}\u{041A}-47",
        "ＡＫ－４７",
        "nail gun and pistol",
    ]
    .iter()
    .filter(|d| decision(d) != Prohibited)
    .map(|d| format!("{d}: {}", common::classifier().classify_description(d).summary()))
    .collect();
    assert!(failures.is_empty(), "not prohibited:\n{}", failures.join("\n"));
}

#[test]
fn misspelt_or_ambiguous_weapon_words_are_never_clear() {
    for d in [
        "asault rifel",
        "Cartridges, box of 50",
        "Magazine, 30 rounds",
        "Mortar 81 mm",
        "Silencer",
        "Barrel 16 inch",
    ] {
        assert_ne!(decision(d), Clear, "{d}");
    }
}

#[test]
fn tariff_codes_in_chapter_93_are_weapons_however_written() {
    for hs in ["9301 10", "9301.10.00", "93011000", " 9306.30 "] {
        let result = common::classifier().classify(&ItemText {
            description: "Item 7 as per annex",
            hs_code: Some(hs),
            control_code: None,
        });
        assert_eq!(result.decision, Prohibited, "{hs}");
    }
}

#[test]
fn settled_questions_are_not_asked() {
    let scope = common::classifier().classify(&ItemText {
        description: "Rifle scope 3-9x40",
        hs_code: Some("901310"),
        control_code: None,
    });
    assert_eq!(scope.decision, Prohibited);
    assert!(scope.questions.is_empty(), "{:?}", scope.questions);
    let armoured = common::classifier().classify_description("Toyota Land Cruiser armoured B6");
    assert_eq!(armoured.decision, Review);
    assert!(armoured.questions[0].contains("4,500 kg"), "{:?}", armoured.questions);
}
