//! One item of the JSON report, written straight into a byte buffer. The derived serde path cost about 10,000
//! instructions an item, a quarter of `check` on a large CSV: serde_json escapes every key, byte by byte, and
//! `#[serde(flatten)]` sends the line's fields through a map. The layout is the derived `JsonItem`'s in
//! `json_out.rs` (kept for the tests, which hold this writer byte-identical to it).

use crate::catalog::Strength;
use crate::check::CheckedItem;
use crate::classify::{Evidence, EvidenceKind, ExtraText, Field, Finding, Ignored};

/// Appends the item's JSON object to `out`.
pub(super) fn write_item(out: &mut Vec<u8>, checked: &CheckedItem) {
    let (item, classification) = (&checked.item, &checked.classification);
    let fields = &item.fields;
    out.extend_from_slice(b"{\"sheet\":");
    optional_string(out, item.source.sheet.as_deref());
    out.extend_from_slice(b",\"row\":");
    integer(out, item.source.row as u64);
    out.extend_from_slice(b",\"decision\":\"");
    out.extend_from_slice(classification.decision.as_str().as_bytes());
    out.extend_from_slice(b"\",\"line_ref\":");
    optional_string(out, fields.line_ref.as_deref());
    out.extend_from_slice(b",\"description\":");
    string(out, &fields.description);
    out.extend_from_slice(b",\"quantity\":");
    optional_number(out, fields.quantity);
    out.extend_from_slice(b",\"unit\":");
    optional_string(out, fields.unit.as_deref());
    out.extend_from_slice(b",\"unit_price\":");
    optional_number(out, fields.unit_price);
    for (key, value) in [
        (&b",\"currency\":"[..], &fields.currency),
        (b",\"hs_code\":", &fields.hs_code),
        (b",\"control_code\":", &fields.control_code),
        (b",\"supplier\":", &fields.supplier),
        (b",\"origin\":", &fields.origin),
        (b",\"end_user\":", &fields.end_user),
        (b",\"destination\":", &fields.destination),
    ] {
        out.extend_from_slice(key);
        optional_string(out, value.as_deref());
    }
    if !item.extra.is_empty() {
        out.extend_from_slice(b",\"extra\":");
        array(out, &item.extra, extra_text);
    }
    out.extend_from_slice(b",\"findings\":");
    array(out, &classification.findings, finding);
    if !classification.questions.is_empty() {
        out.extend_from_slice(b",\"questions\":");
        array(out, &classification.questions, |out, q| string(out, q));
    }
    if !classification.ignored.is_empty() {
        out.extend_from_slice(b",\"ignored\":");
        array(out, &classification.ignored, ignored);
    }
    out.extend_from_slice(b",\"catalog_version\":");
    string(out, &classification.catalog_version);
    if !classification.party_lists.is_empty() {
        out.extend_from_slice(b",\"party_lists\":");
        array(out, &classification.party_lists, |out, l| string(out, l));
    }
    out.push(b'}');
}

fn extra_text(out: &mut Vec<u8>, extra: &ExtraText) {
    out.extend_from_slice(b"{\"column\":");
    string(out, &extra.column);
    out.extend_from_slice(b",\"text\":");
    string(out, &extra.text);
    out.push(b'}');
}

fn finding(out: &mut Vec<u8>, finding: &Finding) {
    out.extend_from_slice(b"{\"entry\":");
    string(out, &finding.entry);
    out.extend_from_slice(b",\"title\":");
    string(out, &finding.title);
    out.extend_from_slice(b",\"list\":");
    string(out, &finding.list);
    out.extend_from_slice(b",\"act\":");
    string(out, &finding.act);
    out.extend_from_slice(b",\"decision\":\"");
    out.extend_from_slice(finding.decision.as_str().as_bytes());
    out.extend_from_slice(b"\",\"reason\":");
    string(out, &finding.reason);
    if let Some(question) = &finding.question {
        out.extend_from_slice(b",\"question\":");
        string(out, question);
    }
    out.extend_from_slice(b",\"evidence\":");
    array(out, &finding.evidence, evidence);
    out.push(b'}');
}

fn evidence(out: &mut Vec<u8>, evidence: &Evidence) {
    out.extend_from_slice(b"{\"field\":\"");
    out.extend_from_slice(field_name(evidence.field).as_bytes());
    out.push(b'"');
    if let Some(column) = &evidence.column {
        out.extend_from_slice(b",\"column\":");
        string(out, column);
    }
    out.extend_from_slice(b",\"kind\":\"");
    out.extend_from_slice(kind_name(evidence.kind).as_bytes());
    out.extend_from_slice(b"\",\"text\":");
    string(out, &evidence.text);
    out.extend_from_slice(b",\"span\":");
    span(out, evidence.span);
    out.extend_from_slice(b",\"matched\":");
    string(out, &evidence.matched);
    if let Some(strength) = evidence.strength {
        out.extend_from_slice(b",\"strength\":\"");
        out.extend_from_slice(strength_name(strength).as_bytes());
        out.push(b'"');
    }
    if evidence.fuzzy {
        out.extend_from_slice(b",\"fuzzy\":true");
    }
    out.push(b'}');
}

fn ignored(out: &mut Vec<u8>, ignored: &Ignored) {
    out.push(b'{');
    if let Some(column) = &ignored.column {
        out.extend_from_slice(b"\"column\":");
        string(out, column);
        out.push(b',');
    }
    out.extend_from_slice(b"\"text\":");
    string(out, &ignored.text);
    out.extend_from_slice(b",\"span\":");
    span(out, ignored.span);
    out.extend_from_slice(b",\"entry\":");
    string(out, &ignored.entry);
    out.extend_from_slice(b",\"negative\":");
    string(out, &ignored.negative);
    out.push(b'}');
}

// The serde names of the enums (`rename_all = "snake_case"`); the tests compare every variant with serde's.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Description => "description",
        Field::HsCode => "hs_code",
        Field::ControlCode => "control_code",
        Field::Extra => "extra",
        Field::Supplier => "supplier",
        Field::EndUser => "end_user",
        Field::Destination => "destination",
    }
}

fn kind_name(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Phrase => "phrase",
        EvidenceKind::Model => "model",
        EvidenceKind::Calibre => "calibre",
        EvidenceKind::Pattern => "pattern",
        EvidenceKind::HsCode => "hs_code",
        EvidenceKind::DeclaredCode => "declared_code",
        EvidenceKind::Measurement => "measurement",
        EvidenceKind::ThresholdPhrase => "threshold_phrase",
        EvidenceKind::ArmsMaker => "arms_maker",
        EvidenceKind::Destination => "destination",
        EvidenceKind::ListedParty => "listed_party",
    }
}

fn strength_name(strength: Strength) -> &'static str {
    match strength {
        Strength::Context => "context",
        Strength::Weak => "weak",
        Strength::Strong => "strong",
    }
}

fn array<T>(out: &mut Vec<u8>, values: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (n, value) in values.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        write(out, value);
    }
    out.push(b']');
}

fn span(out: &mut Vec<u8>, [start, end]: [usize; 2]) {
    out.push(b'[');
    integer(out, start as u64);
    out.push(b',');
    integer(out, end as u64);
    out.push(b']');
}

fn integer(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Numbers go through serde_json itself (two a line): its float text is its own (`1e+83`), not ryu's.
fn optional_number(out: &mut Vec<u8>, value: Option<f64>) {
    match value {
        Some(v) => {
            if serde_json::to_writer(&mut *out, &v).is_err() {
                out.extend_from_slice(b"null");
            }
        }
        None => out.extend_from_slice(b"null"),
    }
}

fn optional_string(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(text) => string(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms `\b \f \n \r \t`, `\u00xx` for the other
/// control characters; everything else as it is.
pub(super) fn string(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    let mut rest = text.as_bytes();
    loop {
        let clean = clean_prefix(rest);
        out.extend_from_slice(&rest[..clean]);
        let Some((&byte, tail)) = rest[clean..].split_first() else {
            break;
        };
        let short: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            _ => b"",
        };
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            out.extend_from_slice(short);
        }
        rest = tail;
    }
    out.push(b'"');
}

/// How many leading bytes need no escape: eight at a time while none does (most text never does), then one by one.
fn clean_prefix(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(word) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        if needs_escape(u64::from_le_bytes(*word)) {
            break;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .unwrap_or(rest.len())
}

/// Whether any byte of `word` is a control character, `"` or `\`. Exact when it says no (the bit tricks have no
/// false negatives); a rare false yes only sends the bytes through the byte loop.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    below_space || has_zero(word ^ (ONES * u64::from(b'"'))) || has_zero(word ^ (ONES * u64::from(b'\\')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        for byte in 0u8..=0x7f {
            let text = format!("ab{}cdefghijklmnop{}", byte as char, byte as char);
            assert_eq!(escaped(&text), serde_json::to_string(&text).unwrap(), "byte {byte:#x}");
        }
        for text in [
            "",
            "é",
            "\u{7f}\u{80}\u{2028}",
            "\"\\\"\\",
            "12345678\"",
            "1234567\u{1}",
        ] {
            assert_eq!(escaped(text), serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn the_enum_names_are_serdes() {
        use Field::*;
        for f in [Description, HsCode, ControlCode, Extra, Supplier, EndUser, Destination] {
            assert_eq!(serde_json::to_value(f).unwrap(), field_name(f));
        }
        use EvidenceKind as K;
        for k in [
            K::Phrase,
            K::Model,
            K::Calibre,
            K::Pattern,
            K::HsCode,
            K::DeclaredCode,
            K::Measurement,
            K::ThresholdPhrase,
            K::ArmsMaker,
            K::Destination,
            K::ListedParty,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), kind_name(k));
        }
        for s in [Strength::Context, Strength::Weak, Strength::Strong] {
            assert_eq!(serde_json::to_value(s).unwrap(), strength_name(s));
        }
    }

    fn classifier() -> &'static crate::classify::Classifier {
        static C: std::sync::OnceLock<crate::classify::Classifier> = std::sync::OnceLock::new();
        C.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
            let catalog = crate::catalog::Catalog::load(&dir).unwrap_or_else(|e| panic!("catalogue: {e}"));
            crate::classify::Classifier::new(std::sync::Arc::new(catalog)).expect("classifier")
        })
    }

    /// Both writers' text of `item`.
    fn both(item: &CheckedItem) -> (String, String) {
        let mut fast = Vec::new();
        write_item(&mut fast, item);
        let derived = serde_json::to_string(&super::super::json_out::JsonItem::from(item)).unwrap();
        (String::from_utf8(fast).unwrap(), derived)
    }

    fn items_of(path: &std::path::Path) -> Vec<CheckedItem> {
        let mut items = Vec::new();
        crate::import::import_path(path, &crate::import::ImportOptions::default(), &mut |record| {
            if let crate::import::Record::Item(item) = record {
                items.push(CheckedItem::classify_for(classifier(), item, Some("Niger")));
            }
        })
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        items
    }

    #[test]
    fn real_items_are_written_as_the_derived_form_writes_them() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let mut items = Vec::new();
        for name in [
            "border-management-en.csv",
            "niger-police-mobility-fr.xlsx",
            "polizei-ausstattung-de.xls",
        ] {
            items.extend(items_of(&fixtures.join(name)));
        }
        // Lines that reach every kind of evidence the catalogue gives, with text that needs escapes.
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("kinds.csv");
        std::fs::write(
            &sheet,
            "Description,Quantity,Unit,Unit price,Currency,HS code,Control code,Supplier,Origin,End user,Destination,Remarks\n\
             Assault rifle AK-47 7.62x39mm,10,u,800,EUR,9301.90,ML1.a,Kalashnikov Concern,RU,Army,North Korea,for grenades\n\
             Asault rilfe with scope,2,u,1,EUR,,,,,,,\n\
             \"Thermal camera, cooled, 30 Hz \"\"Lot\\1\"\"\",1,,,,,,,,Police,Niger,\"tab\there\"\n\
             Nail gun pneumatic,3,,,,,,Bosch,DE,,,\n\
             Body armour vest NIJ IIIA,40,,1.5e3,,,,,,,Syria,\n\
             Night vision goggles Gen 3,5,,,,,6A003.b.4,,,,Mali,Remarque: équipement\u{1}\n\
             Handcuffs with chain,12,,,,,,,,,,\n\
             Tente modulaire 6 x 6 m,4,,,,,,,,,,\n",
        )
        .unwrap();
        items.extend(items_of(&sheet));
        assert!(items.len() > 20, "{} items", items.len());
        let mut kinds = std::collections::BTreeSet::new();
        for item in &items {
            for finding in &item.classification.findings {
                kinds.extend(finding.evidence.iter().map(|e| kind_name(e.kind)));
            }
            let (fast, derived) = both(item);
            assert_eq!(fast, derived);
        }
        for kind in ["phrase", "model", "calibre", "hs_code", "declared_code", "destination"] {
            assert!(kinds.contains(kind), "no {kind} evidence among {kinds:?}");
        }
    }

    #[test]
    fn an_item_with_every_optional_part_is_written_as_the_derived_form_writes_it() {
        let mut item = items_of(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/border-management-en.csv"),
        )
        .into_iter()
        .find(|i| !i.classification.findings.is_empty())
        .expect("an item with findings");
        item.item.source.sheet = Some("Feuille \"1\"\u{7}".into());
        item.item.fields.quantity = Some(f64::NAN);
        item.item.fields.unit_price = Some(f64::INFINITY);
        item.item.extra = vec![ExtraText {
            column: "K (Lot)".into(),
            text: "a\\b\r\n".into(),
        }];
        item.classification.questions = vec!["Is it \"military\"?".into()];
        item.classification.party_lists = vec!["UN-SC 2026".into(), "EU-FSF".into()];
        item.classification.ignored = vec![
            Ignored {
                column: None,
                text: "gun".into(),
                span: [5, 8],
                entry: "ML1".into(),
                negative: "nail gun".into(),
            },
            Ignored {
                column: Some("D (Remarks)".into()),
                text: "x".into(),
                span: [0, 1],
                entry: "ML2".into(),
                negative: "y".into(),
            },
        ];
        let finding = &mut item.classification.findings[0];
        finding.question = Some("Which calibre?".into());
        finding.evidence.push(Evidence {
            field: Field::Extra,
            column: Some("D (Remarks)".into()),
            kind: EvidenceKind::ListedParty,
            text: "t".into(),
            span: [usize::MAX - 1, usize::MAX],
            matched: "m".into(),
            strength: None,
            fuzzy: true,
        });
        let (fast, derived) = both(&item);
        assert_eq!(fast, derived);
        // And with every optional part empty.
        item.item.source.sheet = None;
        item.item.fields = Default::default();
        item.item.extra.clear();
        item.classification.questions.clear();
        item.classification.party_lists.clear();
        item.classification.ignored.clear();
        item.classification.findings.clear();
        let (fast, derived) = both(&item);
        assert_eq!(fast, derived);
    }

    proptest! {
        #[test]
        fn any_text_is_escaped_as_serde_json_escapes_it(text in "(\\PC|[\\x00-\\x1f\"\\\\\u{7f}])*") {
            prop_assert_eq!(escaped(&text), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn any_number_is_written_as_serde_json_writes_it(value in proptest::num::f64::ANY) {
            let mut out = Vec::new();
            optional_number(&mut out, Some(value));
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&value).unwrap());
        }
    }
}
