//! Destination screening against the real catalogue: per regime kind and decision, country names in five
//! languages, regions, unknown and ambiguous names.

use super::*;
use crate::catalog::Catalog;
use crate::classify::{Classification, Classifier, ItemText};
use crate::decision::Decision;
use std::sync::{Arc, OnceLock};

fn classifier() -> &'static Classifier {
    static C: OnceLock<Classifier> = OnceLock::new();
    C.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        let catalog = Catalog::load(&dir).unwrap_or_else(|e| panic!("catalogue: {e}"));
        Classifier::new(Arc::new(catalog)).expect("classifier")
    })
}

fn to(description: &str, destination: &str) -> Classification {
    classifier().classify_at(
        &ItemText {
            description,
            ..ItemText::default()
        },
        Place {
            destination: Some(destination),
            ..Place::default()
        },
    )
}

fn measure_entries(c: &Classification) -> Vec<&str> {
    c.findings
        .iter()
        .filter(|f| f.list == destination::MEASURES_LIST)
        .map(|f| f.entry.as_str())
        .collect()
}

fn code(written: &str) -> String {
    match classifier().catalog().measures.countries.resolve(written) {
        Resolved::Country { code, .. } => code,
        other => format!("{other:?}"),
    }
}

#[test]
fn the_measures_load_and_cover_the_embargoed_destinations() {
    let measures = &classifier().catalog().measures;
    assert!(measures.is_loaded());
    assert!(measures.countries.len() >= 249);
    for code in [
        "AF", "BY", "CF", "CN", "CD", "HT", "IR", "IQ", "LB", "LY", "MM", "KP", "RU", "SO", "SS", "SD", "SY", "VE",
        "YE", "ZW",
    ] {
        assert!(!measures.regimes_for(code, None).is_empty(), "{code} has no regime");
    }
    for code in ["SN", "FR", "NE", "ML", "UA", "GN"] {
        assert!(
            measures.regimes_for(code, None).is_empty(),
            "{code} should be under no goods measure"
        );
    }
}

#[test]
fn country_names_in_five_languages_and_codes() {
    for (written, expected) in [
        ("Russia", "RU"),
        ("Russie", "RU"),
        ("Russland", "RU"),
        ("Rusia", "RU"),
        ("Rússia", "RU"),
        ("Russian Federation", "RU"),
        ("Fédération de Russie", "RU"),
        ("RUS", "RU"),
        ("ru", "RU"),
        ("Myanmar", "MM"),
        ("Birmanie", "MM"),
        ("Birma", "MM"),
        ("Burma", "MM"),
        ("Corée du Nord", "KP"),
        ("Nordkorea", "KP"),
        ("Coreia do Norte", "KP"),
        ("Libye", "LY"),
        ("Libia", "LY"),
        ("Líbia", "LY"),
        ("Sénégal", "SN"),
        ("Senegal", "SN"),
        ("Côte d'Ivoire", "CI"),
        ("COTE D IVOIRE", "CI"),
        ("République centrafricaine", "CF"),
        ("Zentralafrikanische Republik", "CF"),
        ("Bamako, Mali", "ML"),
        ("Kyiv (Ukraine)", "UA"),
        ("Niamey - Niger", "NE"),
        ("Nigeria", "NG"),
        ("RDC", "CD"),
        ("Soudan du Sud", "SS"),
        ("Sudan", "SD"),
        // An address that names only the city of a country under measures.
        ("Ministry of Interior, Damascus", "SY"),
        ("Téhéran", "IR"),
        ("Pyongyang", "KP"),
        ("Tripoli, Libya", "LY"),
        ("Tripoli (Liban)", "LB"),
    ] {
        assert_eq!(code(written), expected, "{written}");
    }
}

#[test]
fn ambiguous_and_unknown_names_are_not_guessed() {
    let countries = &classifier().catalog().measures.countries;
    assert!(matches!(countries.resolve("Congo"), Resolved::Ambiguous(c) if c.len() == 2));
    assert!(matches!(countries.resolve("Korea"), Resolved::Ambiguous(_)));
    assert!(matches!(countries.resolve("Freedonia"), Resolved::Unknown));
    // A person or a street named after a country beside a city of another is not that country.
    assert!(matches!(
        countries.resolve("Attn. Chad Miller, Ministry of Interior, Damascus"),
        Resolved::Ambiguous(_)
    ));
    assert!(matches!(
        countries.resolve("Jordan St., Tehran"),
        Resolved::Ambiguous(_)
    ));
    assert!(matches!(countries.resolve("Tripoli"), Resolved::Ambiguous(c) if c.len() == 2));
    assert!(matches!(
        countries.resolve("Paris, France, Germany"),
        Resolved::Ambiguous(_)
    ));

    let c = to("Tente modulaire 6 x 6 m", "Freedonia");
    assert_eq!(c.decision, Decision::Review);
    assert_eq!(measure_entries(&c), ["DESTINATION"]);
    assert!(c.questions.iter().any(|q| q.contains("Freedonia")));
    let c = to("Tente modulaire 6 x 6 m", "Congo");
    assert_eq!(c.decision, Decision::Review);
    assert!(c.findings[0].reason.contains("CD") && c.findings[0].reason.contains("CG"));
}

#[test]
fn full_arms_embargo_prohibits_military_items() {
    let c = to("Armoured personnel carrier 4x4", "Libya");
    assert_eq!(c.decision, Decision::Prohibited, "{c:#?}");
    assert!(measure_entries(&c).contains(&"UN-LY.arms_embargo"));
    let finding = c.findings.iter().find(|f| f.entry == "UN-LY.arms_embargo").unwrap();
    assert!(
        finding.act.contains("1970 (2011)") && finding.act.contains("restrictive measures"),
        "{}",
        finding.act
    );
    // The same vehicle to a country under no measure stays military.
    assert_eq!(
        to("Armoured personnel carrier 4x4", "Senegal").decision,
        Decision::Military
    );
}

#[test]
fn dual_use_ban_prohibits_dual_use_items() {
    let c = to("Thermal imaging camera 640x512, 30 Hz", "Russia");
    assert_eq!(c.decision, Decision::Prohibited, "{c:#?}");
    assert!(measure_entries(&c).contains(&"EU-RU.dual_use_ban"));
    assert_eq!(
        to("Thermal imaging camera 640x512, 30 Hz", "Sénégal").decision,
        Decision::DualUse
    );
}

#[test]
fn government_exempt_embargo_asks_who_the_end_user_is() {
    let c = to("Armoured personnel carrier 4x4", "Somalia");
    assert_eq!(c.decision, Decision::Military);
    assert!(measure_entries(&c).contains(&"UN-SO.government_exempt"));
    assert!(
        c.questions.iter().any(|q| q.contains("Federal Government of Somalia")),
        "{:?}",
        c.questions
    );
    let c = to("Armoured personnel carrier 4x4", "République centrafricaine");
    assert!(measure_entries(&c).contains(&"UN-CF.government_exempt"));
}

#[test]
fn non_state_actor_embargo_asks_about_diversion() {
    let c = to("Assault rifle 5.56x45", "Yemen");
    assert_eq!(c.decision, Decision::Prohibited);
    assert!(measure_entries(&c).contains(&"UN-YE.non_state_actors"));
    assert!(c.questions.iter().any(|q| q.contains("Houthis")));
}

#[test]
fn internal_repression_equipment_is_blocked_where_the_act_bans_it() {
    let c = to("Riot shields polycarbonate", "Venezuela");
    assert_eq!(c.decision, Decision::Prohibited, "{c:#?}");
    assert!(measure_entries(&c).contains(&"EU-VE.internal_repression"));
    let c = to("Boucliers anti-émeute", "Sénégal");
    assert_eq!(c.decision, Decision::Clear, "{c:#?}");
    let c = to("Night vision goggles Gen 3", "Birmanie");
    assert_eq!(c.decision, Decision::Prohibited);
}

#[test]
fn other_listed_items_to_an_embargoed_destination_get_the_catch_all_question() {
    // Pepper spray is controlled (anti-torture Annex III), not military or dual-use: Article 4 applies.
    let c = to("Pepper spray 50 ml OC", "Haiti");
    assert!(measure_entries(&c).contains(&"UN-HT.article_4"), "{c:#?}");
    assert!(c.questions.iter().any(|q| q.contains("Article 4")));
}

#[test]
fn clear_goods_stay_clear_and_say_the_destination_is_under_measures() {
    let c = to("Tente modulaire 6 x 6 m", "Venezuela");
    assert_eq!(c.decision, Decision::Clear, "{c:#?}");
    assert_eq!(measure_entries(&c), ["EU-VE"]);
    assert!(c.findings[0].reason.contains("under restrictive measures"));
    // Russia's sectoral annexes reach ordinary goods: a reviewer checks them.
    let c = to("Generator 5 kVA diesel", "Russland");
    assert_eq!(c.decision, Decision::Review);
    assert!(measure_entries(&c).contains(&"EU-RU.sectoral"));
}

#[test]
fn regions_under_their_own_regime() {
    let c = to("Thermal imaging camera 640x512, 30 Hz", "Sevastopol, Ukraine");
    assert_eq!(c.decision, Decision::Prohibited, "{c:#?}");
    assert!(measure_entries(&c).contains(&"EU-UA-TERR.arms_embargo"));
    assert_eq!(
        to("Thermal imaging camera 640x512, 30 Hz", "Kyiv, Ukraine").decision,
        Decision::DualUse
    );
}

#[test]
fn sectoral_bans_by_hs_code() {
    let c = classifier().classify_at(
        &ItemText {
            description: "Diesel generator 20 kVA",
            hs_code: Some("8502.11"),
            ..ItemText::default()
        },
        Place {
            destination: Some("DPRK"),
            ..Place::default()
        },
    );
    assert_eq!(c.decision, Decision::Prohibited);
    // The banned heading as the second code of the cell counts as well.
    let c = classifier().classify_at(
        &ItemText {
            description: "Office supplies and a diesel generator 20 kVA",
            hs_code: Some("4820.10 / 8502.11"),
            ..ItemText::default()
        },
        Place {
            destination: Some("DPRK"),
            ..Place::default()
        },
    );
    assert_eq!(c.decision, Decision::Prohibited);
}

#[test]
fn the_end_user_country_then_the_partner_country_stand_in_for_a_missing_destination() {
    let item = ItemText {
        description: "Armoured personnel carrier 4x4",
        ..ItemText::default()
    };
    let c = classifier().classify_at(
        &item,
        Place {
            destination: Some("  "),
            end_user_country: None,
            partner_country: Some("Libya"),
        },
    );
    assert_eq!(c.decision, Decision::Prohibited);
    assert!(c.findings.iter().any(|f| f.reason.contains("Libya")));
    assert_eq!(
        classifier().classify_at(&item, Place::default()).decision,
        Decision::Military
    );
}

#[test]
fn cyber_surveillance_asks_the_article_5_question_anywhere() {
    let c = classifier().classify_at(
        &ItemText {
            description: "Facial recognition system for city CCTV",
            ..ItemText::default()
        },
        Place::default(),
    );
    assert_eq!(c.decision, Decision::Review);
    assert!(c.questions.iter().any(|q| q.contains("Article 5")));
    // Listed as dual-use too: the Article 5 question still shows.
    let c = to("IMSI catcher", "Sénégal");
    assert_eq!(c.decision, Decision::DualUse, "{c:#?}");
    assert!(c.questions.iter().any(|q| q.contains("Article 5")), "{:?}", c.questions);
    // And a destination banning monitoring equipment blocks it.
    assert_eq!(to("Lawful interception system", "Iran").decision, Decision::Prohibited);
}

#[test]
fn a_remembered_destination_resolves_as_it_did_the_first_time_even_after_the_memo_fills() {
    let countries = &classifier().catalog().measures.countries;
    let first = [
        countries.resolve("Niamey - Niger"),
        countries.resolve("Congo"),
        countries.resolve("Freedonia"),
    ];
    for i in 0..1_100 {
        assert!(matches!(countries.resolve(&format!("Nowhere {i}")), Resolved::Unknown));
    }
    let again = [
        countries.resolve("Niamey - Niger"),
        countries.resolve("Congo"),
        countries.resolve("Freedonia"),
    ];
    assert_eq!(first, again);
    assert!(matches!(&again[0], Resolved::Country { code, .. } if code == "NE"));
}
