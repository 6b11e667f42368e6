//! Every cell accounted for: several sheets, other columns, cells beyond the header, code columns without a
//! header, and CSV files whose descriptions hold delimiters.

use super::tests_csv::collect;
use super::*;
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;

fn ok(name: &str, bytes: &[u8]) -> (ImportLayout, Vec<ImportedItem>, Vec<ImportProblem>) {
    collect(name, bytes, &ImportOptions::default()).unwrap()
}

fn lots_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Prices are indicative").unwrap();
    for (name, rows) in [
        (
            "Lot 1",
            [["1", "Tente modulaire 6 x 6 m", "4"], ["2", "Groupe électrogène", "2"]],
        ),
        (
            "Lot 2",
            [["1", "Sniper rifle .338 Lapua", "2"], ["2", "Spotting scope", "2"]],
        ),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        ws.write_string(0, 0, format!("Procurement {name}")).unwrap();
        for (c, h) in ["N°", "Désignation", "Quantité"].iter().enumerate() {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(3 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.add_worksheet().set_name("Empty").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn every_sheet_with_items_is_read_and_every_other_sheet_listed() {
    let (layout, items, problems) = ok("lots.xlsx", &lots_workbook());
    assert!(problems.is_empty(), "{problems:?}");
    let sheets: Vec<_> = layout.sheets.iter().map(|s| s.sheet.clone().unwrap()).collect();
    assert_eq!(sheets, vec!["Lot 1", "Lot 2"]);
    assert_eq!(layout.sheets[1].items, 2);
    let sniper = items
        .iter()
        .find(|i| i.fields.description.starts_with("Sniper"))
        .unwrap();
    assert_eq!((sniper.source.sheet.as_deref(), sniper.source.row), (Some("Lot 2"), 4));
    assert_eq!(items.len(), 4);
    let skipped: Vec<(&str, &str)> = layout
        .skipped_sheets
        .iter()
        .map(|s| (s.sheet.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, "Notes");
    assert!(skipped[0].1.starts_with("no header row"), "{}", skipped[0].1);
    assert!(skipped[0].1.contains("Prices are indicative"), "{}", skipped[0].1);
    assert_eq!(skipped[1], ("Empty", "empty"));
    // --sheet still restricts.
    let options = ImportOptions {
        sheet: Some("lot 2".into()),
        ..Default::default()
    };
    let (layout, items, _) = collect("lots.xlsx", &lots_workbook(), &options).unwrap();
    assert_eq!(layout.sheets.len(), 1);
    assert!(items.iter().all(|i| i.source.sheet.as_deref() == Some("Lot 2")));
}

#[test]
fn other_columns_are_screened_and_every_column_is_in_the_layout() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Items").unwrap();
    for (c, h) in ["Description", "Qty", "Remarks", "", "Weight kg"].iter().enumerate() {
        if !h.is_empty() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
    }
    ws.write_string(1, 0, "Training kit").unwrap();
    ws.write_number(1, 1, 1.0).unwrap();
    ws.write_string(1, 2, "incl. 2 000 rounds 7.62x39 and 4 AK-47").unwrap();
    ws.write_number(1, 4, 12.5).unwrap();
    ws.write_string(1, 6, "Pistol Glock 17").unwrap();
    ws.write_string(2, 0, "Office chair").unwrap();
    ws.write_string(2, 1, "2 boxes of ammunition").unwrap();
    let (layout, items, problems) = ok("kit.xlsx", &wb.save_to_buffer().unwrap());
    let kit = &items[0];
    let extra: Vec<(&str, &str)> = kit.extra.iter().map(|e| (e.column.as_str(), e.text.as_str())).collect();
    assert_eq!(
        extra,
        vec![
            ("C (Remarks)", "incl. 2 000 rounds 7.62x39 and 4 AK-47"),
            ("G", "Pistol Glock 17")
        ]
    );
    // The cell beyond the last header is a row problem naming sheet, row, column and value.
    let beyond = problems.iter().find(|p| p.column.as_deref() == Some("G")).unwrap();
    assert_eq!((beyond.sheet.as_deref(), beyond.row), (Some("Items"), 2));
    assert_eq!(beyond.value.as_deref(), Some("Pistol Glock 17"));
    assert!(beyond.message.contains("beyond the last header"), "{}", beyond.message);
    // Text in a number column is reported and screened.
    assert_eq!(items[1].extra[0].text, "2 boxes of ammunition");
    assert!(problems
        .iter()
        .any(|p| p.row == 3 && p.message.contains("not a number")));
    let columns: Vec<(&str, ColumnRole, ColumnAction)> = layout.sheets[0]
        .columns
        .iter()
        .map(|c| (c.column.as_str(), c.role, c.action))
        .collect();
    assert_eq!(
        columns,
        vec![
            ("A", ColumnRole::Field, ColumnAction::ScreenedText),
            ("B", ColumnRole::Field, ColumnAction::Read),
            ("C", ColumnRole::Other, ColumnAction::ScreenedText),
            ("E", ColumnRole::Other, ColumnAction::NotScreened),
            ("G", ColumnRole::NoHeader, ColumnAction::ScreenedText),
        ]
    );
    let weight = &layout.sheets[0].columns[3];
    assert!(weight.note.contains("only numbers"), "{}", weight.note);
}

#[test]
fn a_column_of_codes_without_a_header_is_the_control_code() {
    let text = "Description;Qty;\nItem 4;1;ML1.a\nTent;2;EAR99\nCamera;1;6A003.b.4\n";
    let (layout, items, problems) = ok("codes.csv", text.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(items[0].fields.control_code.as_deref(), Some("ML1.a"));
    assert!(items[0].extra.is_empty());
    let c = &layout.sheets[0].columns[2];
    assert_eq!(
        (c.role, c.field, c.action),
        (
            ColumnRole::DetectedControlCode,
            Some(Field::ControlCode),
            ColumnAction::ScreenedCode
        )
    );
    assert!(c.note.contains("look like control-list codes"), "{}", c.note);
    // Under a header that is not recognised, the same.
    let text = "Description,Klass.\nItem 4,ML1.a\nTent,\n";
    let (layout, items, _) = ok("codes.csv", text.as_bytes());
    assert_eq!(items[0].fields.control_code.as_deref(), Some("ML1.a"));
    assert_eq!(layout.sheets[0].columns[1].role, ColumnRole::DetectedControlCode);
}

#[test]
fn semicolons_in_a_one_column_file_never_cut_a_description() {
    let text = "Description\nSpare parts; rifle barrels 5.56 mm\nTent; 6 x 6 m; green\nBoots\n";
    let (layout, items, problems) = ok("one.csv", text.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(layout.delimiter, None);
    let descriptions: Vec<&str> = items.iter().map(|i| i.fields.description.as_str()).collect();
    assert_eq!(
        descriptions,
        vec!["Spare parts; rifle barrels 5.56 mm", "Tent; 6 x 6 m; green", "Boots"]
    );
}

#[test]
fn a_row_longer_than_the_header_is_reported_and_screened() {
    let text = "Description;Qty\nTraining kit;1;4 AK-47\nTent;2\n";
    let (layout, items, problems) = ok("long.csv", text.as_bytes());
    assert_eq!(layout.delimiter, Some(';'));
    assert_eq!(items[0].extra[0].text, "4 AK-47");
    assert_eq!(items[0].extra[0].column, "C");
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].row, problems[0].column.as_deref()), (2, Some("C")));
}

/// A field as spreadsheet programs write it: quoted when it holds the delimiter, a quote, a tab or a line
/// break, quotes doubled.
fn csv_field(text: &str, delimiter: char) -> String {
    if text.contains([delimiter, '"', '\n', '\r', '\t', ';', ',']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn descriptions_come_back_unchanged(
        descriptions in proptest::collection::vec("[A-Za-z][A-Za-z0-9 ;,\t\"'\n.()/-]{0,40}", 1..8),
        delimiter in proptest::sample::select(vec![',', ';', '\t']),
        columns in 1usize..3,
    ) {
        let header = ["Description", "Quantity"][..columns].join(&delimiter.to_string());
        let mut text = format!("{header}\r\n");
        for (i, d) in descriptions.iter().enumerate() {
            text.push_str(&csv_field(d, delimiter));
            if columns == 2 {
                text.push(delimiter);
                text.push_str(&(i + 1).to_string());
            }
            text.push_str("\r\n");
        }
        let (_, items, _) = ok("any.csv", text.as_bytes());
        // What the importer keeps of a cell: surrounding blanks trimmed, line breaks and runs of blanks as one space.
        let expected: Vec<String> = descriptions
            .iter()
            .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|d| !d.is_empty() && !super::items::is_totals_text(d))
            .collect();
        let got: Vec<String> = items.iter().map(|i| i.fields.description.clone()).collect();
        prop_assert_eq!(got, expected, "{}", text);
    }
}
