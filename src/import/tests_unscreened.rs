//! Nothing a buyer typed is dropped: rows with a totals word that name goods, numbers that read as tariff codes
//! in columns that are not a field, model names in the line-number column, words in unit, currency and origin
//! cells, sheets that were not read, and the sheets `--sheet` leaves out.

use super::tests_csv::collect;
use super::*;
use rust_xlsxwriter::Workbook;

fn workbook(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if let Ok(n) = v.parse::<f64>() {
                    ws.write_number(r as u32, c as u16, n).unwrap();
                } else if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn read(bytes: &[u8], options: &ImportOptions) -> (ImportLayout, Vec<ImportedItem>, Vec<ImportProblem>) {
    collect("items.xlsx", bytes, options).unwrap()
}

fn texts(item: &ImportedItem) -> Vec<&str> {
    item.extra.iter().map(|e| e.text.as_str()).collect()
}

#[test]
fn a_row_with_a_totals_word_that_names_goods_or_a_code_is_an_item() {
    let bytes = workbook(&[(
        "Items",
        &[
            &["Item", "Description", "Qty", "Unit price", "HS code"],
            &["1", "Office chair", "4", "120", "940130"],
            &["Total", "Pistol Glock 17", "4", "400", ""],
            &["3", "Total", "500", "", "930190"],
            &["TOTAL HT", "", "", "4 800,00 EUR", ""],
        ],
    )]);
    let (layout, items, problems) = read(&bytes, &ImportOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    let rows: Vec<u32> = items.iter().map(|i| i.source.row).collect();
    assert_eq!(rows, vec![2, 3, 4], "{items:?}");
    assert_eq!(items[1].fields.description, "Pistol Glock 17");
    assert_eq!(items[2].fields.hs_code.as_deref(), Some("930190"));
    // The real totals row is no item, and the layout says which row it was.
    assert_eq!(layout.sheets[0].totals_rows, vec![5]);
}

#[test]
fn numbers_that_read_as_tariff_codes_are_screened_as_codes_in_any_column() {
    let bytes = workbook(&[(
        "Items",
        &[
            &[
                "Description",
                "Qty",
                "HS code",
                "Remarks",
                "Montant",
                "Customs value",
                "Tél.",
                "NC8",
            ],
            &["Spare parts kit", "2", "", "", "1250", "", "", "9305.10.20"],
            &[
                "Office chair",
                "4",
                "940130",
                "9301.90.00",
                "930000",
                "9301",
                "93 12 34 56",
                "",
            ],
            &["Tent", "1", "", "930190", "4800", "", "+227 93 12 34 56", ""],
        ],
    )]);
    let (layout, items, _) = read(&bytes, &ImportOptions::default());
    // Under a header that names a tariff code, any code.
    assert_eq!(items[0].fields.hs_code.as_deref(), Some("9305.10.20"));
    // Elsewhere only a chapter 93 code written as tariff codes are: not an amount, a customs value, a phone number
    // or a bare number.
    assert_eq!(items[1].fields.hs_code.as_deref(), Some("940130; 9301.90.00"));
    assert_eq!(items[2].fields.hs_code, None);
    let remarks = layout.sheets[0].columns.iter().find(|c| c.header == "Remarks").unwrap();
    assert_eq!(remarks.action, ColumnAction::ScreenedCode, "{remarks:?}");
}

#[test]
fn model_names_in_the_line_number_column_and_words_in_unit_and_origin_are_screened() {
    let bytes = workbook(&[(
        "Items",
        &[
            &["Item", "Description", "Qty", "Unit", "Origin"],
            &["HK416", "Standard issue, with sling", "4", "pcs", "DE"],
            &["2", "Spare parts", "1", "box of 9mm rounds", "Made by Glock"],
            &["A.1", "Tent", "1", "u", "FR"],
            &["4", "Toner HP 85A", "2", "cartouche", "JP"],
        ],
    )]);
    let (_, items, _) = read(&bytes, &ImportOptions::default());
    assert_eq!(texts(&items[0]), vec!["HK416"]);
    assert_eq!(texts(&items[1]), vec!["box of 9mm rounds", "Made by Glock"]);
    assert_eq!(texts(&items[2]), vec!["A.1"]);
    // A container that is also a weapon word is a plain unit.
    assert!(texts(&items[3]).is_empty());
}

#[test]
fn a_sheet_that_looks_like_an_item_list_and_was_not_read_is_a_problem_and_other_sheets_are_not() {
    let bytes = workbook(&[
        ("Lot 1", &[&["Description", "Qty"], &["Tent", "1"]]),
        ("Notes", &[&["Prices are indicative"]]),
        (
            "Instructions",
            &[
                &["Step", "What to do"],
                &["1", "Fill in one line per item"],
                &["2", "Sign the last sheet"],
            ],
        ),
        ("Lists", &[&["Units", "Countries"], &["pcs", "Niger"], &["set", "Mali"]]),
        (
            "Lot 2",
            &[
                &["No", "Desc.", "Qty", "Tariff"],
                &["1", "Pistol Glock 17", "4", "930200"],
            ],
        ),
    ]);
    let (layout, items, problems) = read(&bytes, &ImportOptions::default());
    assert_eq!(items.len(), 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].sheet.as_deref(), Some("Lot 2"));
    assert!(problems[0].message.contains("not screened"), "{}", problems[0].message);
    assert_eq!(layout.skipped_sheets.len(), 4);
}

#[test]
fn the_sheets_that_sheet_leaves_out_are_listed() {
    let bytes = workbook(&[
        ("Items", &[&["Description", "Qty"], &["Tent", "1"]]),
        ("Lot 2", &[&["Description", "Qty"], &["Assault rifle AK-47", "1"]]),
    ]);
    let options = ImportOptions {
        sheet: Some("Items".into()),
        ..ImportOptions::default()
    };
    let (layout, items, _) = read(&bytes, &options);
    assert_eq!(items.len(), 1);
    let skipped: Vec<&str> = layout.skipped_sheets.iter().map(|s| s.sheet.as_str()).collect();
    assert_eq!(skipped, vec!["Lot 2"]);
    assert!(layout.skipped_sheets[0].reason.contains("--sheet"));
}

#[test]
fn a_second_party_or_destination_column_is_screened_as_that_field_too() {
    let bytes = workbook(&[(
        "Items",
        &[
            &[
                "Description",
                "Supplier",
                "Manufacturer",
                "End user",
                "Final consignee",
                "Destination",
                "Ship to",
            ],
            &[
                "Office chair",
                "Acme Ltd",
                "Ryonbong Corp",
                "Police",
                "KOMID",
                "Jordan",
                "Damascus",
            ],
        ],
    )]);
    let (_, items, _) = read(&bytes, &ImportOptions::default());
    let fields = &items[0].fields;
    assert_eq!(fields.supplier.as_deref(), Some("Acme Ltd; Ryonbong Corp"));
    assert_eq!(fields.end_user.as_deref(), Some("Police; KOMID"));
    assert_eq!(fields.destination.as_deref(), Some("Jordan; Damascus"));
}

#[test]
fn rows_swallowed_by_an_unclosed_quote_are_a_problem() {
    let csv = "Description,Qty,HS code\n\"Monitor 24\"\", wide,1,852852\nSpare parts kit,4,930190\nTent,1,630622\n";
    let (_, items, problems) = collect("items.csv", csv.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("closing quote"), "{}", problems[0].message);
    // A quoted line break in a description is no problem.
    let csv = "Description,Qty\n\"Tent, 6 x 6 m\nwith floor\",2\nChair,4\n";
    let (_, items, problems) = collect("items.csv", csv.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!((items.len(), problems.len()), (2, 0), "{problems:?}");
}
