//! The real sample sheets.

use super::*;

pub(crate) fn run(
    path: &std::path::Path,
    options: &ImportOptions,
) -> (ImportLayout, Vec<ImportedItem>, Vec<ImportProblem>) {
    let mut items = Vec::new();
    let mut problems = Vec::new();
    let layout = import_path(path, options, &mut |r| match r {
        Record::Item(i) => items.push(i),
        Record::Problem(p) => problems.push(p),
    })
    .unwrap();
    (layout, items, problems)
}

#[test]
fn niger_police_mobility_fr_xlsx() {
    let (layout, items, problems) = run(&fixture("niger-police-mobility-fr.xlsx"), &ImportOptions::default());
    assert_eq!(layout.format, Format::Xlsx);
    assert_eq!(layout.sheets[0].sheet.as_deref(), Some("Lot 1 - Mobilité"));
    assert_eq!(layout.sheets[0].header_row, 4);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(items.len(), 20);
    let first = &items[0];
    assert_eq!(first.source.row, 5);
    assert_eq!(first.source.sheet.as_deref(), Some("Lot 1 - Mobilité"));
    assert_eq!(
        first.fields.description,
        "Véhicule tout-terrain Toyota Land Cruiser 76 station wagon"
    );
    assert_eq!(first.fields.quantity, Some(6.0));
    assert_eq!(first.fields.unit_price, Some(48500.0));
    assert_eq!(first.fields.hs_code.as_deref(), Some("8703.33"));
    assert_eq!(first.fields.currency.as_deref(), Some("EUR"));
    assert_eq!(first.fields.line_ref.as_deref(), Some("1"));
    assert_eq!(items[2].fields.unit_price, Some(1280.0));
    assert_eq!(items[6].fields.unit_price, Some(85.0));
    assert!(items.iter().all(|i| i.source.row < 25));
    assert_eq!(items.last().unwrap().source.row, 24);
    assert!(layout.sheets[0]
        .columns
        .iter()
        .any(|c| c.field == Some(Field::Description) && c.column == "B"));
}

#[test]
fn polizei_ausstattung_de_xls() {
    let (layout, items, problems) = run(&fixture("polizei-ausstattung-de.xls"), &ImportOptions::default());
    assert_eq!(layout.format, Format::Xls);
    assert_eq!(layout.sheets[0].header_row, 3);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(items.len(), 17);
    let rows: Vec<u32> = items.iter().map(|i| i.source.row).collect();
    assert_eq!(rows, (4..=20).collect::<Vec<_>>());
    let seventh = &items[6];
    assert_eq!(seventh.fields.description, "Pistolenmunition 9x19, 1.000 Schuss");
    assert_eq!(seventh.fields.hs_code.as_deref(), Some("93063010"));
}

#[test]
fn border_management_en_csv() {
    let (layout, items, problems) = run(&fixture("border-management-en.csv"), &ImportOptions::default());
    assert_eq!(layout.format, Format::Csv);
    assert_eq!(layout.sheets[0].header_row, 1);
    assert_eq!(layout.delimiter, Some(','));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(items.len(), 20);
    let rows: Vec<u32> = items.iter().map(|i| i.source.row).collect();
    assert_eq!(rows, (2..=21).collect::<Vec<_>>());
    let first = &items[0].fields;
    assert_eq!(
        first.description,
        "Thermal surveillance camera, long range, cooled MWIR, 30 Hz"
    );
    assert_eq!(first.quantity, Some(4.0));
    assert_eq!(first.unit_price, Some(85000.0));
    assert_eq!(first.currency.as_deref(), Some("EUR"));
    assert_eq!(first.hs_code.as_deref(), Some("852589"));
    assert_eq!(first.supplier.as_deref(), Some("Levant Security Supply"));
    assert_eq!(first.origin.as_deref(), Some("DE"));
    assert_eq!(first.end_user.as_deref(), Some("Border Guard Directorate"));
    assert_eq!(first.destination.as_deref(), Some("JO"));
    assert_eq!(first.unit.as_deref(), Some("ea"));
    assert_eq!(first.line_ref.as_deref(), Some("1"));
}
