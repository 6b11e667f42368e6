use super::*;
use crate::import::{import_bytes, ImportOptions, Record};
use crate::review::Refusal;

/// The problems the import really records for a small CSV with broken cells.
fn imported_problems() -> Vec<String> {
    let csv = "Description,Quantity,Unit price\n\
               Rifle,abc,10\n\
               Rifle,-3,10\n\
               Tent,12,xyz\n\
               Tent,12,1..2..3\n\
               Tent,%%,10\n\
               ,5,3\n\
               Tent,1,2,spare barrel for rifle\n";
    let mut problems = Vec::new();
    import_bytes("list.csv", csv.as_bytes(), &ImportOptions::default(), &mut |r| {
        if let Record::Problem(p) = r {
            problems.push(p.message);
        }
    })
    .expect("the CSV imports");
    problems
}

/// Messages as the import and the store write them, for the kinds a small CSV does not produce.
const WRITTEN: [&str; 5] = [
    "the cell has 40000 characters, more than the limit of 32767; it was cut; shorten the text",
    "the description cell shows the error #REF!; fix the formula or type the description so the line can be screened",
    "the cell shows the error #DIV/0!; fix the formula or type the value",
    "a value under an empty header cell has no column header; it was screened as text, but give the column a header \
     so it is read as what it is",
    "the control character U+0007 was removed from this cell and the item screened without it; check the source \
     system's export",
];

#[test]
fn every_problem_the_import_records_is_recognised_by_its_kind() {
    let imported = imported_problems();
    assert!(imported.len() >= 6, "{imported:?}");
    let mut kinds = Vec::new();
    for message in imported.iter().map(String::as_str).chain(WRITTEN) {
        let kind = ProblemKind::of(message).unwrap_or_else(|| panic!("unrecognised problem: {message}"));
        kinds.push(kind);
    }
    for kind in ProblemKind::ALL {
        assert!(kinds.contains(&kind), "no message of kind {kind:?} checked: {kinds:?}");
    }
}

#[test]
fn every_problem_kind_has_a_message_in_every_language() {
    for lang in Lang::ALL {
        for message in imported_problems().iter().map(String::as_str).chain(WRITTEN) {
            let text = problem_message(lang, message, Some("#REF!"));
            assert!(!text.starts_with("problem-"), "{lang:?}: {text}");
            assert!(!text.contains("{ $") && !text.contains("{$"), "{lang:?}: {text}");
            if lang != Lang::En {
                assert_ne!(text, problem_message(Lang::En, message, Some("#REF!")), "{lang:?}");
            }
        }
    }
    assert_eq!(
        problem_message(Lang::Fr, WRITTEN[0], None),
        "La cellule compte 40\u{202f}000 caractères, plus que la limite de 32\u{202f}767 ; elle a été coupée. \
         Raccourcissez le texte."
    );
    assert!(problem_message(Lang::De, WRITTEN[4], None).contains("U+0007"));
    assert_eq!(problem_message(Lang::Es, "something new", None), "something new");
}

fn every_import_error() -> Vec<ImportError> {
    let file = || "list.xlsx".to_string();
    vec![
        ImportError::Io {
            file: file(),
            source: std::io::Error::other("gone"),
        },
        ImportError::TooLarge {
            file: file(),
            size: 30_000_000,
            limit: 25_000_000,
        },
        ImportError::UnsupportedFormat {
            file: file(),
            detail: "a PDF".into(),
        },
        ImportError::Encrypted { file: file() },
        ImportError::Corrupt {
            file: file(),
            sheet: Some("Feuil1".into()),
            detail: "bad zip".into(),
        },
        ImportError::Hostile {
            file: file(),
            sheet: None,
            limit_name: "max_cells",
            limit_value: 5,
            detail: "too many cells".into(),
        },
        ImportError::NoHeader {
            file: file(),
            sheets: vec!["Feuil1".into()],
            scanned_rows: 30,
            found: vec!["Total".into()],
        },
        ImportError::SheetNotFound {
            file: file(),
            sheet: "Items".into(),
            available: vec!["Feuil1".into()],
        },
        ImportError::Empty {
            file: file(),
            sheet: None,
        },
    ]
}

#[test]
fn every_import_error_has_a_message_in_every_language() {
    let errors = every_import_error();
    let codes: std::collections::BTreeSet<&str> = errors.iter().map(ImportError::code).collect();
    assert_eq!(codes.len(), errors.len(), "one example per kind");
    for lang in Lang::ALL {
        for e in &errors {
            let text = import_error_text(lang, e);
            assert!(!text.starts_with("import-error-"), "{lang:?}: {text}");
            assert!(text.starts_with("list.xlsx"), "{text}");
            if lang != Lang::En {
                assert_ne!(text, import_error_text(Lang::En, e), "{lang:?} {}", e.code());
            }
        }
    }
    assert!(import_error_text(Lang::Pt, &errors[4]).contains("folha «Feuil1»"));
    assert!(import_error_text(Lang::De, &errors[1]).contains("30.000.000"));
}

const REFUSALS: [Refusal; 7] = [
    Refusal::Role,
    Refusal::FourEyes,
    Refusal::Prohibited,
    Refusal::SameReviewer,
    Refusal::Party,
    Refusal::TwoReviewers,
    Refusal::NotUploader,
];

/// The codes of conflicts and of the monitoring rules' refusals (`who.refuse(event, CODE, ...)` with CODE a quoted machine code).
const OTHER_CODES: [&str; 19] = [
    "version_conflict",
    "invalid_state",
    "already_exists",
    "unknown_reference",
    "duplicate",
    "too_many_webhooks",
    "already_confirmed",
    "already_decided",
    "already_reported",
    "certificate_not_valid",
    "certificate_required",
    "inventory_incomplete",
    "inventory_sample_too_small",
    "not_approved",
    "obligation_closed",
    "quantity_exceeds_order",
    "serial_gone",
    "serial_not_inspectable",
    "serials_required",
];

#[test]
fn every_refusal_has_a_message_in_every_language() {
    let codes = REFUSALS.iter().map(|r| r.code()).chain(OTHER_CODES);
    for code in codes {
        let english = refusal_text(Lang::En, code, "the service's words");
        assert_ne!(english, "the service's words", "{code} has no message");
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            assert_ne!(refusal_text(lang, code, "x"), english, "{lang:?} {code}");
        }
    }
    assert_eq!(
        refusal_text(Lang::Fr, "no_such_rule", "as the service said"),
        "as the service said"
    );
}

#[test]
fn a_refusal_naming_its_case_keeps_the_case() {
    let detail = "serial SN-1 is stolen: it is no longer held and cannot be lost or stolen";
    assert_eq!(refusal_with_detail(Lang::En, "serial_gone", detail), detail);
    let fr = refusal_with_detail(Lang::Fr, "serial_gone", detail);
    assert!(fr.starts_with("Ce numéro de série n'est plus détenu."), "{fr}");
    assert!(fr.contains(detail), "{fr}");
}
