//! Reading each official format, and matching with transliterations, legal forms, word order and the known
//! false positives of open-source screeners.

use super::*;

pub(crate) const UN_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" dateGenerated="2026-11-28T10:00:04.61Z">
 <INDIVIDUALS>
  <INDIVIDUAL><DATAID>6908555</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>GEORGE</FIRST_NAME><SECOND_NAME>HABBASH</SECOND_NAME>
   <UN_LIST_TYPE>Example</UN_LIST_TYPE><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>
   <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Al-Hakim</ALIAS_NAME></INDIVIDUAL_ALIAS></INDIVIDUAL>
 </INDIVIDUALS>
 <ENTITIES>
  <ENTITY><DATAID>110402</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>KOREA MINING DEVELOPMENT TRADING CORPORATION</FIRST_NAME>
   <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER>
   <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>KOMID</ALIAS_NAME></ENTITY_ALIAS></ENTITY>
 </ENTITIES>
</CONSOLIDATED_LIST>"#;

pub(crate) const SDN_CSV: &str = "36050,\"JOINT STOCK COMPANY ROSOBORONEXPORT\",-0- ,\"UKRAINE-EO13662] [RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'ROSOBORONEKSPORT OAO'; a.k.a. 'RUSSIAN DEFENSE EXPORT ROSOBORONEXPORT'.\"\n\
38310,\"PMC WAGNER\",-0- ,\"RUSSIA-EO14024] [CAATSA - RUSSIA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'WAGNER GROUP'; a.k.a. 'CHVK WAGNER'; a.k.a. 'ЧВК ВАГНЕР'.\"\n\
40001,\"EMMA LLC\",-0- ,\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n\
40002,\"11420 CORP.\",-0- ,\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n\
40003,\"AL-RASHID, Mohammed Abdallah\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n\
\u{1a}\n";

const EU_CSV: &str =
    "fileGenerationDate;Entity_LogicalId;Entity_SubjectType;Entity_Regulation_Programme;NameAlias_WholeName\n\
28/11/2026;13;E;RUS;Rosoboronexport\n\
28/11/2026;13;E;RUS;АО Рособоронэкспорт\n\
28/11/2026;77;P;BLR;Viktor Sheiman\n";

const UK_CSV: &str = "Last Updated,27/11/2026\n\
Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Group Type,Regime,Group ID\n\
WAGNER GROUP,,,,,,,Entity,Russia,14239\n\
PMC WAGNER,,,,,,,Entity,Russia,14239\n";

fn index() -> PartyIndex {
    let lists = [
        ("un.xml", UN_XML),
        ("sdn.csv", SDN_CSV),
        ("eu.csv", EU_CSV),
        ("ConList.csv", UK_CSV),
    ]
    .iter()
    .map(|(f, t)| formats::parse(f, t.as_bytes()).unwrap_or_else(|e| panic!("{f}: {e}")))
    .collect();
    PartyIndex::build(lists)
}

fn best(name: &str) -> Option<PartyMatch> {
    index().screen(name, DEFAULT_THRESHOLD).into_iter().next()
}

#[test]
fn each_official_format_is_read_with_its_date() {
    let un = formats::parse("un.xml", UN_XML.as_bytes()).unwrap();
    assert_eq!(un.source, ListSource::UnSc);
    assert_eq!(un.version, "2026-11-28T10:00:04.61Z");
    assert_eq!(
        un.entities[1].names,
        ["KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"]
    );
    let sdn = formats::parse("sdn.csv", SDN_CSV.as_bytes()).unwrap();
    assert_eq!(sdn.entities.len(), 5);
    assert_eq!(sdn.entities[0].programmes, ["UKRAINE-EO13662", "RUSSIA-EO14024"]);
    assert!(sdn.entities[1].names.contains(&"ЧВК ВАГНЕР".to_string()));
    assert_eq!(sdn.entities[4].kind, "person");
    let eu = formats::parse("eu.csv", EU_CSV.as_bytes()).unwrap();
    assert_eq!((eu.version.as_str(), eu.entities.len()), ("28/11/2026", 2));
    let uk = formats::parse("ConList.csv", UK_CSV.as_bytes()).unwrap();
    assert_eq!((uk.version.as_str(), uk.entities[0].names.len()), ("27/11/2026", 2));
}

#[test]
fn malformed_and_hostile_files_are_refused() {
    let doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><CONSOLIDATED_LIST dateGenerated=\"x\"/>";
    assert!(matches!(
        formats::parse("un.xml", doctype.as_bytes()),
        Err(ListError::Hostile(_))
    ));
    assert!(matches!(
        formats::parse("un.xml", b"<CONSOLIDATED_LIST><INDIVIDUAL>"),
        Err(ListError::Malformed(_))
    ));
    assert!(matches!(
        formats::parse("sdn.csv", b"1,\"A\",x\n"),
        Err(ListError::Malformed(_))
    ));
    assert!(matches!(
        formats::parse("x.csv", b"hello,world\n"),
        Err(ListError::UnknownFormat(_))
    ));
    assert!(matches!(
        formats::parse("un.xml", b"<OTHER/>"),
        Err(ListError::Malformed(_))
    ));
    assert!(matches!(
        formats::parse("x", &[0xff, 0xfe, 0x00]),
        Err(ListError::Malformed(_))
    ));
}

#[test]
fn transliterations_legal_forms_and_word_order_match() {
    for (party, entity) in [
        ("Rosoboronexport", "36050"),
        ("ROSOBORONEKSPORT JSC", "36050"),
        ("АО «Рособоронэкспорт»", "36050"),
        ("Wagner Group", "38310"),
        ("ЧВК Вагнер", "38310"),
        ("Muhammad Abdullah Al Rashid", "40003"),
        ("Abdallah AL-RASHID Mohammed", "40003"),
        ("KOMID", "110402"),
        ("Korea Mining Development Trading Corp.", "110402"),
    ] {
        let m = best(party).unwrap_or_else(|| panic!("{party}: no match"));
        assert!(
            m.entity_id == entity || m.entity_id == "13" || m.entity_id == "14239",
            "{party} -> {m:?}"
        );
        assert!(!m.why.is_empty() && !m.programmes.is_empty());
    }
}

#[test]
fn the_famous_false_positives_stay_below_the_threshold() {
    // watchman #115: a common first name shared with a listed person.
    assert_eq!(best("George Bush"), None);
    // watchman #338: a person whose first name is a listed company's name.
    assert_eq!(best("Emma Daniels"), None);
    // watchman #483: a short legal form scoring as a match.
    assert_eq!(best("ACME Corp."), None);
    assert_eq!(best("Corp"), None);
    // Ordinary suppliers.
    for party in [
        "Rohde & Schwarz GmbH",
        "Thales SA",
        "Toyota Motor Corporation",
        "Export Trading LLC",
    ] {
        assert_eq!(best(party), None, "{party}");
    }
    // Yet the listed names themselves match.
    assert_eq!(best("EMMA LLC").map(|m| m.entity_id), Some("40001".into()));
    assert_eq!(best("11420 Corporation").map(|m| m.entity_id), Some("40002".into()));
}

#[test]
fn the_digest_changes_with_the_entity() {
    let sdn = formats::parse("sdn.csv", SDN_CSV.as_bytes()).unwrap();
    let mut changed = sdn.entities[0].clone();
    assert_eq!(changed.digest(), sdn.entities[0].digest());
    changed.names.push("NEW ALIAS".into());
    assert_ne!(changed.digest(), sdn.entities[0].digest());
}
