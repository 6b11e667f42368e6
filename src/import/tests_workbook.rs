//! Workbook cases built in the tests (rust_xlsxwriter, hand-made ODS).

use super::tests_csv::collect;
use super::*;
use rust_xlsxwriter::Workbook;
use std::io::Write;

fn xlsx_two_sheets() -> Vec<u8> {
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Read me first").unwrap();
    notes.write_string(1, 0, "Description of the project").unwrap();
    let items = wb.add_worksheet();
    items.set_name("Items").unwrap();
    items.write_string(0, 0, "Equipment list 2025").unwrap();
    for (c, h) in ["No", "Item description", "Quantity", "Unit price", "HS code", "ECCN"]
        .iter()
        .enumerate()
    {
        items.write_string(2, c as u16, *h).unwrap();
    }
    items.write_number(3, 0, 1.0).unwrap();
    items.write_string(3, 1, "Night vision goggles\nGen 3").unwrap();
    items.write_number(3, 2, 4.0).unwrap();
    items.write_number(3, 3, 9800.5).unwrap();
    items.write_number(3, 4, 87033290.0).unwrap();
    items.write_string(3, 5, "6A003.b.4").unwrap();
    items.write_number(4, 0, 2.0).unwrap();
    items.write_string(4, 1, "Pickup truck").unwrap();
    items.write_string(4, 2, "2").unwrap();
    items.write_string(4, 3, "31,000.00").unwrap();
    items.write_number(4, 4, 8703.33).unwrap();
    items.write_string(6, 1, "Grand total").unwrap();
    items.write_number(6, 3, 70202.0).unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_picks_the_sheet_with_the_items() {
    let (layout, items, problems) = collect("two.xlsx", &xlsx_two_sheets(), &ImportOptions::default()).unwrap();
    assert_eq!(layout.sheets[0].sheet.as_deref(), Some("Items"));
    assert_eq!(
        layout
            .skipped_sheets
            .iter()
            .map(|s| s.sheet.as_str())
            .collect::<Vec<_>>(),
        vec!["Notes"]
    );
    assert_eq!(layout.sheets[0].header_row, 3);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(items.len(), 2);
    let a = &items[0];
    assert_eq!((a.source.sheet.as_deref(), a.source.row), (Some("Items"), 4));
    assert_eq!(a.fields.description, "Night vision goggles Gen 3");
    assert_eq!(a.fields.hs_code.as_deref(), Some("87033290"));
    assert_eq!(a.fields.control_code.as_deref(), Some("6A003.b.4"));
    assert_eq!(a.fields.line_ref.as_deref(), Some("1"));
    assert_eq!(a.fields.unit_price, Some(9800.5));
    let b = &items[1];
    assert_eq!(b.fields.hs_code.as_deref(), Some("8703.33"));
    assert_eq!(b.fields.quantity, Some(2.0));
    assert_eq!(b.fields.unit_price, Some(31000.0));
}

#[test]
fn forced_and_missing_sheet() {
    let bytes = xlsx_two_sheets();
    let options = ImportOptions {
        sheet: Some("notes".into()),
        ..Default::default()
    };
    let err = collect("two.xlsx", &bytes, &options).unwrap_err();
    match &err {
        ImportError::NoHeader { sheets, found, .. } => {
            assert_eq!(sheets, &vec!["Notes".to_string()]);
            assert!(found.contains(&"Read me first".to_string()));
        }
        other => panic!("{other:?}"),
    }
    let options = ImportOptions {
        sheet: Some("Lot 9".into()),
        ..Default::default()
    };
    let err = collect("two.xlsx", &bytes, &options).unwrap_err();
    assert!(matches!(err, ImportError::SheetNotFound { .. }));
    assert!(err.to_string().contains("Notes, Items"), "{err}");
}

#[test]
fn sparse_sheet_with_far_cell_streams() {
    // rust_xlsxwriter writes <dimension ref="A1:XFD1048576"/> for this sheet.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Designation").unwrap();
    ws.write_string(1, 0, "Casque").unwrap();
    ws.write_string(1_048_575, 16_383, "far away").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let (_, items, _) = collect("sparse.xlsx", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(items.len(), 1);
}

#[test]
fn xlsx_dates_and_errors() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Description").unwrap();
    ws.write_string(0, 1, "Supplier").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 3, 15).unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(1, 0, "Radio").unwrap();
    ws.write_datetime_with_format(1, 1, &date, &fmt).unwrap();
    ws.write_formula(2, 0, rust_xlsxwriter::Formula::new("=#REF!").set_result("#REF!"))
        .unwrap();
    ws.write_string(2, 1, "ACME").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let (_, items, problems) = collect("d.xlsx", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(items[0].fields.supplier.as_deref(), Some("2024-03-15"));
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].row, 3);
}

pub(crate) fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in files {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

pub(crate) fn ods_with_table(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Liste">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

pub(crate) fn s(text: &str) -> String {
    format!(r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#)
}

#[test]
fn ods_with_libreoffice_repeats() {
    let empty = r#"<table:table-cell table:number-columns-repeated="1016"/>"#;
    let rows = format!(
        r#"<table:table-row>{}{empty}</table:table-row><table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row>{}{}{}{empty}</table:table-row><table:table-row>{}<table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell>{}{empty}</table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        s("Commande"),
        s("Désignation"),
        s("Qté"),
        s("Prix unitaire"),
        s("Casque balistique"),
        s("1 250,50"),
    );
    let (layout, items, problems) = collect("l.ods", &ods_with_table(&rows), &ImportOptions::default()).unwrap();
    assert_eq!(layout.format, Format::Ods);
    assert_eq!(layout.sheets[0].sheet.as_deref(), Some("Liste"));
    assert_eq!(layout.sheets[0].header_row, 4);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].source.row, 5);
    assert_eq!(items[0].fields.quantity, Some(12.0));
    assert_eq!(items[0].fields.unit_price, Some(1250.5));
}
