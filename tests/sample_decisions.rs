//! The decisions the bundled sample sheets deserve, from ../shared/reference/control-lists.md: weapons and
//! their parts blocked, dual-use items recognised with their thresholds, anti-torture goods controlled or
//! banned, and the civilian look-alikes (caulking gun, toner cartridges, magazine pouch) clear.

mod common;

use equipcheck::Decision::{self, *};

fn assert_decisions(file: &str, expected: &[(u32, &[Decision])]) {
    let items = common::check_fixture(file);
    let mut failures = Vec::new();
    for (row, allowed) in expected {
        let Some(item) = items.iter().find(|i| i.item.source.row == *row) else {
            failures.push(format!("row {row}: missing"));
            continue;
        };
        let c = &item.classification;
        if !allowed.contains(&c.decision) {
            failures.push(format!(
                "row {row} '{}': got {} ({}), expected one of {allowed:?}",
                item.item.fields.description,
                c.decision,
                c.summary()
            ));
        }
    }
    assert!(failures.is_empty(), "{file}:\n{}", failures.join("\n"));
}

#[test]
fn border_management_csv() {
    assert_decisions(
        "import/border-management-en.csv",
        &[
            (2, &[DualUse]),          // thermal camera, cooled, 30 Hz
            (3, &[DualUse]),          // explosives trace detector (1A004)
            (4, &[Clear, Review]),    // under-vehicle inspection system: its HS code correlates with 6A003/6A203
            (5, &[Clear]),            // metal detector wands
            (6, &[Clear]),            // biometric kit
            (7, &[Clear]),            // Toyota Hilux
            (8, &[Prohibited]),       // Beretta ARX160 assault rifle, HS 930190
            (9, &[Prohibited]),       // rifle scope: a weapon sight
            (10, &[Clear]),           // caulking gun
            (11, &[DualUse, Review]), // gas mask filter cartridges (1A004), never ammunition
            (12, &[DualUse, Review]), // encrypted satellite PTT (5A002, mass-market question)
            (13, &[Clear, Review]),   // body-worn camera: its HS code correlates with 6A003/6A203
            (14, &[DualUse]),         // night vision binoculars Gen 3 (6A002)
            (15, &[Clear]),           // X-ray baggage scanner
            (16, &[Clear]),           // walk-through metal detector
            (17, &[Clear]),           // office furniture
            (18, &[DualUse]),         // UAV 90 min endurance, beyond line of sight (9A012)
            (19, &[Controlled]),      // pepper spray, HS 9304: policy default controlled
            (20, &[Clear]),           // staple gun
            (21, &[Clear]),           // magazine pouch
        ],
    );
}

#[test]
fn niger_police_xlsx_in_french() {
    assert_decisions(
        "import/niger-police-mobility-fr.xlsx",
        &[
            (5, &[Clear]),               // Land Cruiser
            (6, &[Clear]),               // motorbike
            (7, &[Review, DualUse]),     // encrypted VHF radio (5A002 mass-market question)
            (9, &[Clear]),               // tent
            (10, &[Clear]),              // generator "insonorisé"
            (11, &[Clear]),              // first aid kit
            (12, &[Review, Controlled]), // hinged handcuffs: ordinary handcuffs?
            (14, &[Clear]),              // riot shield: not covered
            (15, &[DualUse]),            // soft vest NIJ IIIA (1A005)
            (16, &[Prohibited]),         // Uzi sub-machine gun
            (17, &[Prohibited]),         // 9 mm Parabellum cartridges
            (18, &[Prohibited]),         // Glock magazine
            (19, &[Clear]),              // silicone gun
            (20, &[Clear]),              // laser printer
            (21, &[Clear]),              // toner cartridges
            (23, &[DualUse]),            // thermal camera 50 Hz
            (24, &[Review, DualUse]),    // DJI Mavic 3T: endurance threshold not stated
        ],
    );
}

#[test]
fn polizei_xls_in_german() {
    assert_decisions(
        "import/polizei-ausstattung-de.xls",
        &[
            (4, &[Clear]),                     // patrol car
            (5, &[Review, DualUse]),           // TETRA with end-to-end encryption
            (6, &[DualUse]),                   // night vision device Gen 3
            (7, &[Review, Military, DualUse]), // ballistic helmet VPAM 3: standard not stated
            (8, &[Clear]),                     // boots
            (9, &[Prohibited]),                // Sturmgewehr HK G95
            (10, &[Prohibited]),               // pistol ammunition 9x19
            (11, &[Clear]),                    // caulking gun (Silikonpistole)
            (12, &[Clear]),                    // toner cartridges
            (13, &[Clear]),                    // fire extinguisher
            (14, &[Clear]),                    // laptop
            (15, &[Review, Controlled]),       // hinged handcuffs
            (16, &[DualUse]),                  // thermal camera 60 Hz
            (17, &[Clear]),                    // tent
            (18, &[DualUse]),                  // explosives detector
            (19, &[Prohibited]),               // thumb-cuffs (anti-torture Annex II)
            (20, &[Controlled]),               // pepper spray, HS 9304
        ],
    );
}

#[test]
fn every_finding_names_its_act_and_catalogue_version() {
    for file in [
        "import/border-management-en.csv",
        "import/niger-police-mobility-fr.xlsx",
        "import/polizei-ausstattung-de.xls",
    ] {
        for item in common::check_fixture(file) {
            let c = &item.classification;
            assert_eq!(
                c.catalog_version.as_ref(),
                common::classifier().catalog_version().as_ref()
            );
            for finding in &c.findings {
                assert!(!finding.act.is_empty() && !finding.reason.is_empty(), "{finding:?}");
                assert!(!finding.evidence.is_empty(), "a finding without evidence: {finding:?}");
            }
            if c.decision == Decision::Review {
                assert!(
                    !c.questions.is_empty(),
                    "review without a question: {}",
                    item.item.fields.description
                );
            }
        }
    }
}
