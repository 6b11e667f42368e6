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
        // red-team 2026-11: look-alikes that were review or prohibited before catalogue 2026.11.1
        "Handcuff key",
        "Gas cartridge for camping stove",
        "Cartouche de gaz pour réchaud",
        "Filterpatrone für Wasser",
        "Füllerpatronen blau, 100 Stück",
        "Cartouche filtrante pour osmoseur",
        "Cartouche pour mitigeur",
        "Sensor cartridge for gas detector",
        "Jus de grenade 1 L",
        "Obus de valve pour pneus",
        "Pistola de impacto 1/2\"",
        "Pistola para pintura HVLP",
        "Pistola de ar comprimido para limpeza",
        "Waschpistole für Hochdruckreiniger",
        "Spray pistol for garden hose",
        "Ubiquiti Rocket M5",
        "Ubiquiti Bullet AC IP67",
        "Night vision baby monitor",
        "Gun drill bit",
        "Mag mount antenna VHF",
        "Mag-Lite torch 3D cell",
        "12 gauge extension cord 25 ft",
        "Sheet steel 12 ga",
        "Riffle splitter for soil samples",
        "Joint de culasse Hilux",
        "Culasse pour moteur Toyota 1HZ",
        "Crosse de hockey",
        "Chargeur 4 baies pour batteries de radio",
        "Balles de tennis",
        "Magazin Abo",
        "Cable 7.62 m",
        "MacBook Pro M4 14\"",
        "Peugeot 308 SW",
        "Steyr tractor 4115 Multi",
        "Remington hair clipper",
        "Magnum Elite Spider 8.0 boots",
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
        // red-team 2026-11: weapons that were clear or review before catalogue 2026.11.1
        "A.K.-47",
        "SMG 9mm",
        "Sig P320 9mm",
        "Beretta APX 9mm",
        "CZ P-10 C",
        "Smith & Wesson M&P9",
        "Taurus G2C 9mm",
        "FN Five-seveN",
        "Sigsauer P226",
        "Berreta 92",
        "Benelli M1 Super 90",
        "Remington 700 .308",
        "Mosin Nagant",
        "AR-10",
        "glok 17",
        "fire arms",
        "hand gun",
        "shot gun",
        "Sten gun",
        "riffle 7.62",
        "Suppressor 5.56 1/2x28",
        "Supresor 9mm",
        "Spare mags 9mm (x100)",
        "Barrel 16\" 5.56 chrome lined",
        "Buttstock M4 collapsible",
        "Handguard M-LOK 15\"",
        "Culasse pour AK",
        "Culata plegable AK",
        "Coronha retrátil M4",
        "Verschluss für MG3",
        "40mm less lethal rounds",
        "Tear gas canisters, launchable, 37 mm",
        "Chevrotines calibre 12",
        "Balles 9 mm",
        "9 mm x 19",
        "TNT blocks 200 g",
        "Pentolite booster 400 g",
        "Mèche lente",
        "Spreng- und Zündmittel",
        "IED simulators",
        "Igla-S",
        "Kornet-E ATGM",
        "Pistola de ar comprimido 4,5 mm",
        "Air gun .177 pellets",
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
        "cal. 12",
        "12 ga",
        "Kaliber 12",
        "5.56",
        "7.62 mm",
        "supressor",
        "SKS",
        "Bipod Harris 9-13\"",
        "munitons",
        "assault rifels",
        "granade",
        "Brass knuckles",
    ] {
        assert_ne!(decision(d), Clear, "{d}");
    }
}

#[test]
fn tariff_codes_in_chapter_93_are_weapons_however_written() {
    let with_hs = |hs: &str| {
        common::classifier()
            .classify(&ItemText {
                description: "Item 7 as per annex",
                hs_code: Some(hs),
                control_code: None,
                ..ItemText::default()
            })
            .decision
    };
    for hs in [
        "9301 10",
        "9301.10.00",
        "93011000",
        " 9306.30 ",
        // Every code of a cell that lists several.
        "8471.30 / 9301.90",
        "8471.30, 9301.90",
        "847130 930190",
        "8471300000/9301900000",
        "6307.90 / 9306.90",
        "8471.30 + 9301.90",
        // The chapter alone, or a heading it does not have.
        "93",
        "Chapter 93",
        "Ch. 93",
        "9308",
    ] {
        assert_eq!(with_hs(hs), Prohibited, "{hs}");
    }
    // One eight-digit code or two headings: a reviewer reads it.
    for hs in ["8471 9306", "8708 9310"] {
        assert_eq!(with_hs(hs), Review, "{hs}");
    }
    for hs in ["8471 30 00", "8471 93 00", "8471.30.0000"] {
        assert_eq!(with_hs(hs), Clear, "{hs}");
    }
}

/// Control-list and tariff codes a buyer typed in a text, as buyers type them (`ML 3`, `ML-1`, `Ml1`, `ML1a`,
/// `0A 501`, `tariff 9305.10`, `Zolltarifnummer 9301 90 00`), are read; millilitres, car models, printer models
/// and amperages that look like them are not.
#[test]
fn codes_typed_in_a_text_are_read() {
    for d in [
        "Items rated ML 1 a",
        "Kit (ML1a)",
        "ML3a",
        "Cat. ML 1",
        "EU ML 4 spare parts",
        "0A 501",
        "Spare parts, tariff 9305.10",
        "Zolltarifnummer 9301 90 00",
        "Tarif code 9302",
    ] {
        let got = common::classifier().classify_description(d);
        assert_eq!(got.decision, Prohibited, "{d}: {}", got.summary());
    }
    // A chapter 93 number grouped as a tariff code without a label, or after "Tarif", which is also a price (French)
    // or a pay scale (German): a reviewer decides.
    for d in ["Parts 9305 10 00", "Tarif 9302"] {
        assert_eq!(decision(d), Review, "{d}");
    }
    // `ML 3`, `ML-1`, `Ml1` without a label: in French "ML" is also the linear metre ("Tuyau PVC 110 mm ML 6"), so
    // such a code asks rather than decides.
    for d in [
        "Spare parts, ML 3",
        "ML-1",
        "Ml1",
        "ML 4",
        "ML 8.a",
        "Tuyau PVC Ø 110 mm ML 6",
        "Garde-corps métallique ML 8",
    ] {
        assert_eq!(decision(d), Review, "{d}");
    }
    for d in [
        "500 ml bottle",
        "Bottle 500 ML 2 pcs",
        "Syringe 10 Ml1",
        "ML 350 GT",
        "Mercedes ML 63 AMG",
        "Ml 100",
        "Samsung ML-1640 printer toner",
        "Cartridge fuse 5A 250 V",
        "Charger 2A 100 pcs",
        "HTML 5 course",
        "Part 9305 10",
        "Print head 3D100A",
    ] {
        let got = common::classifier().classify_description(d);
        assert_eq!(got.decision, Clear, "{d}: {}", got.summary());
    }
}

/// A Military List code in the control-code column reads as the list writes it: `ML-1`, `ML01`, `EU ML1`, `CML1`
/// are `ML1`, `Cat. ML3` is `ML3`.
#[test]
fn declared_military_codes_read_as_the_list_writes_them() {
    let declared = |code: &str| {
        let got = common::classifier().classify(&ItemText {
            description: "Item 7 as per annex",
            control_code: Some(code),
            ..ItemText::default()
        });
        (
            got.decision,
            got.findings.iter().map(|f| f.entry.clone()).collect::<Vec<_>>(),
        )
    };
    for (written, as_listed) in [
        ("ML-1", "ML1"),
        ("ML01", "ML1"),
        ("EU ML1", "ML1"),
        ("CML1", "ML1"),
        ("Cat. ML3", "ML3"),
    ] {
        assert_eq!(declared(written), declared(as_listed), "{written}");
    }
}

#[test]
fn settled_questions_are_not_asked() {
    let scope = common::classifier().classify(&ItemText {
        description: "Rifle scope 3-9x40",
        hs_code: Some("901310"),
        control_code: None,
        ..ItemText::default()
    });
    assert_eq!(scope.decision, Prohibited);
    assert!(scope.questions.is_empty(), "{:?}", scope.questions);
    let armoured = common::classifier().classify_description("Toyota Land Cruiser armoured B6");
    assert_eq!(armoured.decision, Review);
    assert!(armoured.questions[0].contains("4,500 kg"), "{:?}", armoured.questions);
}

#[test]
fn controlled_goods_get_their_list_decision() {
    let failures: Vec<String> = [
        ("Ballistic plates level III SAPI", Military),
        ("Ballistic plate level IV", Military),
        ("Plaque balistique niveau IV", Military),
        ("Ballistic plate level IIIA", DualUse),
        ("Ballistic plate level III A", DualUse),
        ("Bulletproof vest NIJ IIIA", DualUse),
        ("FLIR T540 thermal camera 30 Hz", DualUse),
        ("Thermal camera 9 Hz", Clear),
        ("Caméra thermique 8,7 Hz", Clear),
        ("Night vision goggles Gen 3 white phosphor", DualUse),
        ("Digital night vision monocular", Clear),
        ("Agricultural drone 40 L tank", DualUse),
        ("Pepper spray 50 ml", Controlled),
        ("Pfefferspray 40 ml", Controlled),
        ("Spit hood", Controlled),
    ]
    .iter()
    .filter(|(d, want)| decision(d) != *want)
    .map(|(d, want)| {
        format!(
            "{d} (want {want:?}): {}",
            common::classifier().classify_description(d).summary()
        )
    })
    .collect();
    assert!(failures.is_empty(), "wrong decision:\n{}", failures.join("\n"));
}

/// Blades: fighting knives are weapons under the no-weapons rule (policy `edged_weapons`), field kit is not, and a
/// machete is for a reviewer.
#[test]
fn fighting_knives_are_weapons_and_field_knives_are_not() {
    use Decision::*;
    let failures: Vec<String> = [
        ("Combat knife, black blade, with sheath", Prohibited),
        ("Kampfmesser mit Scheide", Prohibited),
        ("Poignard de combat", Prohibited),
        ("Butterfly knife", Prohibited),
        ("Cuchillo de combate", Prohibited),
        ("Machete 18 inch for clearing vegetation", Review),
        ("Utility knife with snap-off blades", Clear),
        ("Multitool with knife and pliers", Clear),
        ("Survival knife, fixed blade", Clear),
        ("Dagger board for sailing dinghy", Clear),
    ]
    .iter()
    .filter(|(d, want)| decision(d) != *want)
    .map(|(d, want)| {
        format!(
            "{d} (want {want:?}): {}",
            common::classifier().classify_description(d).summary()
        )
    })
    .collect();
    assert!(failures.is_empty(), "wrong decision:\n{}", failures.join("\n"));
}

/// Issue 11: agent words governed by a protection, detection or decontamination phrase name what the item
/// protects against: they point to the protective entry (1A004, or ML7.f/ML7.g when military), never to a
/// prohibited agent. Five languages.
#[test]
fn protection_against_agents_is_not_an_agent() {
    let failures: Vec<String> = [
        "Masques de protection contre les agents de guerre chimique",
        "Protection contre les agents de guerre chimique, lot de 50 tenues",
        "Kit de détection des agents de guerre chimique (sarin, VX)",
        "Détecteur d'agents de guerre chimique portable",
        "Décontamination des agents de guerre chimique, kit individuel",
        "Gas masks for protection against chemical warfare agents and sarin",
        "Suits for defence against chemical warfare agents",
        "Nerve agent detection paper, booklet of 25",
        "Sarin detector, handheld",
        "Explosives trace detector for detection of explosives (TNT, RDX)",
        "Schutzanzug zum Schutz gegen chemische Kampfstoffe",
        "Filter zum Schutz vor chemischen Kampfstoffen und Sarin",
        "Traje de protección contra agentes de guerra química",
        "Kit de detección de agentes de guerra química",
        "Equipamento de proteção contra agentes de guerra química",
        "Kit de descontaminação de agentes de guerra química",
    ]
    .iter()
    .filter_map(|d| {
        let c = common::classifier().classify_description(d);
        let protective = c.findings.iter().any(|f| {
            ["1A004", "ML7.f", "ML7.g"]
                .iter()
                .any(|p| f.entry == *p || f.entry.starts_with(&format!("{p}.")))
        });
        (c.decision == Prohibited || c.decision == Clear || !protective).then(|| format!("{d}: {}", c.summary()))
    })
    .collect();
    assert!(
        failures.is_empty(),
        "protection taken for an agent:\n{}",
        failures.join("\n")
    );
}

/// A protection phrase never hides a real agent: one bought (a quantity beside it), one in another sentence, one
/// before the phrase.
#[test]
fn real_agents_stay_prohibited_beside_protection_words() {
    let failures: Vec<String> = [
        "Sarin",
        "VX nerve agent 10 kg",
        "Gaz sarin 5 kg",
        "Protection contre le sarin, 5 kg de sarin",
        "Protection contre les agents de guerre chimique; sarin 10 kg",
        "Masques à gaz. Agents de guerre chimique, 20 l",
        "Sarin and protection suits against it",
        "Chemische Kampfstoffe 3 kg zum Schutz gegen Schädlinge",
        "Agentes de guerra química 2 kg",
    ]
    .iter()
    .filter(|d| decision(d) != Prohibited)
    .map(|d| format!("{d}: {}", common::classifier().classify_description(d).summary()))
    .collect();
    assert!(failures.is_empty(), "agent not prohibited:\n{}", failures.join("\n"));
}

/// Every protection phrase of the catalogue, in front of an agent, points to the protective entry; the same agent
/// with a quantity in the next sentence is prohibited again (a property over the data, not a sample).
#[test]
fn every_protection_phrase_governs_the_agent_after_it_and_no_further() {
    let classifier = common::classifier();
    let rule = classifier
        .catalog()
        .protection
        .as_ref()
        .expect("negatives.toml has [protection]");
    let mut failures = Vec::new();
    for phrase in &rule.before {
        let governed = classifier.classify_description(&format!("{phrase} sarin"));
        if governed.decision == Prohibited || governed.ignored.is_empty() {
            failures.push(format!("{phrase} sarin: {}", governed.summary()));
        }
        let bought = format!("{phrase} sarin; sarin 10 kg");
        if classifier.classify_description(&bought).decision != Prohibited {
            failures.push(format!("{bought}: not prohibited"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A cancelled match is explained once: "magazine" in "magazine rack" is two uses of one word in one entry, and
/// the report listed the same ignored match twice.
#[test]
fn a_cancelled_match_is_listed_once() {
    for description in ["Magazine rack, wall mounted", "Nail gun, pneumatic", "Pistolet à colle"] {
        let classification = common::classifier().classify_description(description);
        let ignored = &classification.ignored;
        assert!(!ignored.is_empty(), "{description}: the cancelled match is explained");
        for (i, a) in ignored.iter().enumerate() {
            let twice = ignored[i + 1..]
                .iter()
                .any(|b| (&a.span, &a.entry, &a.negative) == (&b.span, &b.entry, &b.negative));
            assert!(!twice, "{description}: {a:?} listed twice in {ignored:?}");
        }
    }
}

/// A negation never clears a weapon, and reaches only the words right after it (over articles): every negation of
/// the catalogue, in front of a weapon, leaves the line for a reviewer at least; with a word between ("excl VAT
/// rifles", "sans emballage fusils") the weapon counts in full. Found by a red team: "Prices excl VAT 9mm pistols
/// Glock 17" and "Model no AK-47" came out clear. A property over the catalogue's negations, not a sample.
#[test]
fn a_negation_never_clears_a_weapon_and_reaches_only_the_words_after_it() {
    let classifier = common::classifier();
    let catalog = classifier.catalog();
    let weapons = [
        "assault rifles",
        "fusils d'assaut",
        "Sturmgewehre",
        "pistolas",
        "munição 9mm",
        "AK-47",
    ];
    let mut failures = Vec::new();
    for negation in catalog.negations.iter().chain(&catalog.negation_prefixes) {
        for weapon in weapons {
            let negated = format!("{negation} {weapon}");
            if classifier.classify_description(&negated).decision == Clear {
                failures.push(format!("{negated}: clear"));
            }
            let beside = format!("{negation} packaging {weapon}");
            let got = classifier.classify_description(&beside).decision;
            if got != Prohibited {
                failures.push(format!("{beside}: {got}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Over articles it still negates what is not a weapon.
    for (d, want) in [
        ("Navires autres que les navires de guerre", Clear),
        ("Vessels, other than the warships", Clear),
        ("Model no AK-47", Review),
        ("Batterie Ni-MH et fusils d'assaut", Review),
        ("Vest without armour plates or ammunition pouches", Clear),
        ("Vest without armour plates or ammunition pockets", Review),
        ("Prices excl VAT night vision goggles", decision("night vision goggles")),
    ] {
        assert_eq!(decision(d), want, "{d}");
    }
}

/// The HS cell is read as buyers write it: a scheme label before the code ("HS 9305", "HTS 9301.90.0000",
/// "CN 9301 90 00"), fullwidth digits, a remark in brackets. A cell with digits that cannot be read ("93O1") goes
/// to a reviewer, and a cell of words ("AK-47", "fusil") is screened as text. Nothing typed there is skipped.
#[test]
fn the_hs_cell_is_read_as_buyers_write_it_and_never_skipped() {
    let classifier = common::classifier();
    let with_hs = |hs: &str| {
        classifier.classify(&ItemText {
            description: "Metal tubes",
            hs_code: Some(hs),
            ..ItemText::default()
        })
    };
    for hs in [
        "HS 9305",
        "HS9301",
        "HTS 9301.90.0000",
        "CN 9301 90 00",
        "９３０１",
        "Code SH : 9301.90",
        "ex 9306",
        "9301.90 (rifles)",
        "'9301",
        "9301,90",
        "9301 ?",
        "6306 or 9302",
        "AK-47",
        "fusil",
    ] {
        let got = with_hs(hs);
        assert_eq!(got.decision, Prohibited, "{hs}: {}", got.summary());
    }
    for hs in ["93O1", "X9301", "9A01"] {
        let got = with_hs(hs);
        assert_eq!(got.decision, Review, "{hs}: {}", got.summary());
        assert!(got.findings.iter().any(|f| f.entry == "HS-UNREADABLE"), "{hs}");
    }
    for hs in [
        "n/a",
        "-",
        "see note 3",
        "HS 6306.22",
        "8471.30 (laptop)",
        "8471.30 - laptops",
        "6306 or 6307",
        "9403.xx",
        "Chapter 94",
        "9403.30; 9403.60",
    ] {
        assert_eq!(with_hs(hs).decision, Clear, "{hs}");
    }
}

/// An HS code written with its label in the description is screened like the HS cell ("HS 9301", "CN 9301 90
/// 00"); a bare number is not (a part number looks the same).
#[test]
fn an_hs_code_with_its_label_in_the_description_is_screened() {
    for d in [
        "Metal tubes, HS 9301",
        "Spare parts (HS code: 9306.30)",
        "Tubes CN 9301 90 00",
        "Pièces code SH 9305.10",
        "Goods, HTS 9301.90.0000",
    ] {
        let got = common::classifier().classify_description(d);
        assert_eq!(got.decision, Prohibited, "{d}: {}", got.summary());
    }
    for d in ["Part 93063000 steel tube", "Tent HS 6306.22", "Cable HS2000 model"] {
        assert_eq!(decision(d), Clear, "{d}");
    }
}

/// A negative phrase cancels a catalogue pattern's match it covers, as it cancels a phrase's, and the cancelled
/// match is reported: "50 cal ammo can" is a storage box, while ".50 cal ammo" alone is still asked about.
#[test]
fn a_negative_cancels_a_pattern_it_covers_and_says_so() {
    let got = common::classifier().classify_description("50 cal ammo can, steel");
    assert_eq!(got.decision, Clear, "{}", got.summary());
    assert!(
        got.ignored
            .iter()
            .any(|i| i.entry == "ML3.a" && i.text == "50 cal ammo" && i.negative.contains("ammo can")),
        "{:?}",
        got.ignored
    );
    assert_ne!(decision(".50 cal ammo"), Clear);
}
