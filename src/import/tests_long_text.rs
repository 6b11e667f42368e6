//! Cell text beyond Excel's limit of 32 767 characters is refused while the workbook is inflated (issue 16,
//! finding 4: a 400 KB XLSX with one 400 MiB shared string took the server to 1.3 GiB before).

use super::tests_csv::collect;
use super::tests_hostile::{hostile, sheet, xlsx};
use super::tests_workbook::{ods_with_table, s, zip_of};
use super::*;

const LIMIT: usize = 32_767;

fn sst(items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">{items}</sst>"#
    )
}

const SHARED_ROWS: &str =
    r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>"#;

fn import(name: &str, bytes: &[u8]) -> Result<(ImportLayout, Vec<ImportedItem>, Vec<ImportProblem>), ImportError> {
    collect(name, bytes, &ImportOptions::default())
}

#[test]
fn a_shared_string_over_the_limit_is_refused_naming_it() {
    let long = "x".repeat(LIMIT + 1);
    let items = format!("<si><t>Description</t></si><si><t>{long}</t></si>");
    let bytes = xlsx(&sheet("A1:A2", SHARED_ROWS), Some(&sst(&items)));
    let msg = hostile(import("long.xlsx", &bytes), "max_cell_chars");
    assert!(msg.contains("long.xlsx"), "{msg}");
    assert!(msg.contains("sharedstrings.xml: shared string number 2"), "{msg}");
    assert!(msg.contains("32767 characters"), "{msg}");
    assert!(msg.contains("shorten that text"), "{msg}");
}

#[test]
fn a_shared_string_of_rich_runs_is_summed() {
    let run = "y".repeat(LIMIT / 2 + 1);
    let items = format!("<si><t>Description</t></si><si><r><t>{run}</t></r><r><rPr><b/></rPr><t>{run}</t></r></si>");
    let bytes = xlsx(&sheet("A1:A2", SHARED_ROWS), Some(&sst(&items)));
    hostile(import("runs.xlsx", &bytes), "max_cell_chars");
}

#[test]
fn a_shared_string_at_the_limit_is_read_and_entities_count_once() {
    // 32 767 characters, written as entities and multi-byte characters: 5 and 2 bytes each.
    let text = format!("{}{}", "&amp;".repeat(LIMIT - 100), "é".repeat(100));
    let items = format!("<si><t>Description</t></si><si><t>{text}</t></si>");
    let bytes = xlsx(&sheet("A1:A2", SHARED_ROWS), Some(&sst(&items)));
    let (_, items, _) = import("limit.xlsx", &bytes).unwrap();
    assert_eq!(items[0].fields.description.chars().count(), LIMIT);
}

#[test]
fn an_inline_string_over_the_limit_is_refused_naming_its_cell() {
    let long = "z".repeat(LIMIT + 1);
    let rows = format!(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Description</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>{long}</t></is></c></row>"#
    );
    let msg = hostile(
        import("inline.xlsx", &xlsx(&sheet("A1:A2", &rows), None)),
        "max_cell_chars",
    );
    assert!(msg.contains("xl/worksheets/sheet1.xml: cell A2"), "{msg}");
    // A formula's text is not the cell's text: a long formula with a short value passes.
    let formula = format!("\"{}\"", "f".repeat(LIMIT - 10));
    let rows = format!(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Description</t></is></c></row><row r="2"><c r="A2" t="str"><f>{formula}</f><v>Helmet</v></c></row>"#
    );
    let (_, items, _) = import("formula.xlsx", &xlsx(&sheet("A1:A2", &rows), None)).unwrap();
    assert_eq!(items[0].fields.description, "Helmet");
}

#[test]
fn an_ods_cell_over_the_limit_is_refused_naming_sheet_row_and_column() {
    let long = "w".repeat(LIMIT + 1);
    let rows = format!(
        r#"<table:table-row table:number-rows-repeated="2">{}</table:table-row><table:table-row><table:table-cell table:number-columns-repeated="2"/>{}</table:table-row>"#,
        s("Description"),
        s(&long)
    );
    let msg = hostile(import("long.ods", &ods_with_table(&rows)), "max_cell_chars");
    assert!(msg.contains("content.xml: sheet \"Liste\", row 3, column 3"), "{msg}");
}

#[test]
fn a_tag_over_a_mebibyte_is_refused() {
    let attr = "a".repeat((1 << 20) + 10);
    let rows = format!(r#"<row r="1" x="{attr}"><c r="A1" t="inlineStr"><is><t>Description</t></is></c></row>"#);
    hostile(import("tag.xlsx", &xlsx(&sheet("A1:A1", &rows), None)), "max_tag_bytes");
}

fn xlsb_record(typ: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![typ];
    let mut len = body.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(body);
    out
}

#[test]
fn xlsb_string_records_over_the_limit_and_huge_records_are_refused() {
    // BrtSSTItem: a flags byte, then cch (u32) and UTF-16 text; only the declared count is needed.
    let mut body = vec![0u8];
    body.extend_from_slice(&(LIMIT as u32 + 1).to_le_bytes());
    let part = xlsb_record(19, &body);
    let msg = hostile(
        import("s.xlsb", &zip_of(&[("xl/sharedStrings.bin", &part)])),
        "max_cell_chars",
    );
    assert!(
        msg.contains("a shared string (record number 1) declares 32768 characters"),
        "{msg}"
    );
    // BrtCellSt: an 8-byte cell header, then cch.
    let mut body = vec![0u8; 8];
    body.extend_from_slice(&u32::MAX.to_le_bytes());
    let part = xlsb_record(6, &body);
    let msg = hostile(
        import("c.xlsb", &zip_of(&[("xl/worksheets/sheet1.bin", &part)])),
        "max_cell_chars",
    );
    assert!(msg.contains("xl/worksheets/sheet1.bin: a text cell"), "{msg}");
    // Any record over 8 MiB, even one that fits its part.
    let part = xlsb_record(0x10, &vec![0u8; (8 << 20) + 1]);
    hostile(
        import("r.xlsb", &zip_of(&[("xl/worksheets/sheet1.bin", &part)])),
        "max_xlsb_record_bytes",
    );
}

#[test]
fn many_strings_under_the_cell_limit_are_refused_past_the_total() {
    let item = format!("<si><t>{}</t></si>", "m".repeat(30_000));
    let items = format!("<si><t>Description</t></si>{}", item.repeat(40));
    let bytes = xlsx(&sheet("A1:A2", SHARED_ROWS), Some(&sst(&items)));
    let mut options = ImportOptions::default();
    options.limits.max_text_bytes = 1 << 20;
    let msg = hostile(collect("many.xlsx", &bytes, &options), "max_text_bytes");
    assert!(msg.contains("shared string number 36"), "{msg}");
}

#[test]
fn deep_nesting_is_refused_in_any_xml_part() {
    let nested = format!("{}{}", "<r>".repeat(2_000), "</r>".repeat(2_000));
    let items = format!("<si><t>Description</t></si><si>{nested}</si>");
    let bytes = xlsx(&sheet("A1:A2", SHARED_ROWS), Some(&sst(&items)));
    let msg = hostile(import("deep.xlsx", &bytes), "max_tag_bytes");
    assert!(msg.contains("nest deeper than 1000 levels"), "{msg}");
    let styles = format!("<styleSheet>{nested}</styleSheet>");
    let mut files = vec![("xl/styles.xml", styles.as_bytes())];
    let sheet_xml = sheet("A1:A1", "");
    files.push(("xl/worksheets/sheet1.xml", sheet_xml.as_bytes()));
    hostile(import("deep-styles.xlsx", &zip_of(&files)), "max_tag_bytes");
}
