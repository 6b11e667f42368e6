//! Serial numbers from a supplier's packing list (CSV, XLSX, XLS, ODS...) through the import's readers: the
//! header row is found by its column names, every problem names file, sheet, row and column, and the serials
//! are added in one transaction or not at all.

use super::deliveries::{add_serials, SerialInput};
use super::{MonitoringError, Outcome, Who};
use crate::db::DbConnection;
use crate::import::{self, ImportOptions, PlainRow};
use crate::text::normalize;

/// Header names, normalised (lowercase, no accents or punctuation).
const SERIAL: &[&str] = &[
    "serial number",
    "serial no",
    "serial nr",
    "serial",
    "s n",
    "sn",
    "serial numbers",
    "numero de serie",
    "n de serie",
    "no de serie",
    "n serie",
    "seriennummer",
    "serien nr",
    "seriennr",
    "fabriknummer",
    "numero serie",
    "num serie",
    "nro de serie",
];
const MODEL: &[&str] = &[
    "model",
    "model number",
    "modele",
    "modell",
    "modelo",
    "type",
    "typ",
    "part number",
];
const ITEM: &[&str] = &[
    "item",
    "description",
    "designation",
    "bezeichnung",
    "artikel",
    "descripcion",
    "descricao",
    "article",
];
const CUSTODIAN: &[&str] = &[
    "custodian",
    "holder",
    "detenteur",
    "unite",
    "unit",
    "einheit",
    "besitzer",
    "unidad",
];

/// Rows searched for the header in each sheet.
const HEADER_ROWS: u32 = 30;

struct Columns {
    sheet: Option<String>,
    serial: usize,
    model: Option<usize>,
    item: Option<usize>,
    custodian: Option<usize>,
    header: Vec<String>,
}

fn find(cells: &[String], names: &[&str]) -> Option<usize> {
    cells.iter().position(|c| names.contains(&normalize(c).as_str()))
}

/// Reads the serials of a packing list: the first sheet with a serial-number column.
pub fn read_serials(file_name: &str, bytes: &[u8], options: &ImportOptions) -> Outcome<Vec<SerialInput>> {
    let mut columns: Option<Columns> = None;
    let mut serials: Vec<SerialInput> = Vec::new();
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let mut visit = |row: PlainRow| -> bool {
        let where_ = |col: usize, header: &[String]| {
            let sheet = row
                .sheet
                .as_deref()
                .map(|s| format!(", sheet {s:?}"))
                .unwrap_or_default();
            let name = header.get(col).map(|h| format!(" ({h})")).unwrap_or_default();
            format!(
                "{file_name}{sheet}, row {}, column {}{name}",
                row.row,
                import::column_letter(col as u32)
            )
        };
        let Some(cols) = &columns else {
            if row.row > HEADER_ROWS {
                return false;
            }
            if let Some(serial) = find(&row.cells, SERIAL) {
                columns = Some(Columns {
                    sheet: row.sheet.clone(),
                    serial,
                    model: find(&row.cells, MODEL),
                    item: find(&row.cells, ITEM),
                    custodian: find(&row.cells, CUSTODIAN),
                    header: row.cells.clone(),
                });
            }
            return true;
        };
        if cols.sheet != row.sheet {
            return false;
        }
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).filter(|c| !c.is_empty()).cloned();
        let Some(number) = cell(Some(cols.serial)) else {
            problems.push((where_(cols.serial, &cols.header), "no serial number on this row".into()));
            return true;
        };
        if number.chars().count() > 100 {
            problems.push((
                where_(cols.serial, &cols.header),
                "a serial number has at most 100 characters".into(),
            ));
        } else if let Some(first) = seen.insert(number.clone(), row.row) {
            problems.push((
                where_(cols.serial, &cols.header),
                format!("serial number {number} is also on row {first}"),
            ));
        } else {
            let model = cell(cols.model).or_else(|| cell(cols.item));
            serials.push(SerialInput {
                serial_number: number,
                model,
                custodian: cell(cols.custodian),
            });
        }
        true
    };
    import::read_rows(file_name, bytes, options, &mut visit)?;
    if columns.is_none() {
        return Err(MonitoringError::Invalid(vec![(
            "file".into(),
            format!(
                "{file_name}: no column named like 'Serial number', 'N° de série', 'Seriennummer' or \
                     'Número de serie' in the first {HEADER_ROWS} rows of any sheet"
            ),
        )]));
    }
    if !problems.is_empty() {
        return Err(MonitoringError::Invalid(problems));
    }
    if serials.is_empty() {
        return Err(MonitoringError::Invalid(vec![(
            "file".into(),
            format!("{file_name}: the list has no serial numbers"),
        )]));
    }
    Ok(serials)
}

/// Reads a packing list and adds its serials to a delivery (all or nothing); how many were added.
pub fn import_serials(
    conn: &mut DbConnection,
    who: &Who,
    delivery_id: &str,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Outcome<usize> {
    super::deliveries::visible_delivery(conn, who, delivery_id)?;
    let serials = read_serials(file_name, bytes, options)?;
    add_serials(conn, who, delivery_id, serials)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_french_packing_list_under_a_title() {
        let csv = "Liste de colisage;;\n;;\nN° de série;Modèle;Unité\nNV-001;PVS-14;1er bataillon\nNV-002;PVS-14;\n";
        let serials = read_serials("colisage.csv", csv.as_bytes(), &ImportOptions::default()).unwrap();
        assert_eq!(serials.len(), 2);
        assert_eq!(serials[0].serial_number, "NV-001");
        assert_eq!(serials[0].model.as_deref(), Some("PVS-14"));
        assert_eq!(serials[0].custodian.as_deref(), Some("1er bataillon"));
        assert_eq!(serials[1].custodian, None);
    }

    #[test]
    fn problems_name_file_row_and_column() {
        let csv = "Item,Serial number\nRadio,R-1\nRadio,\nRadio,R-1\n";
        let Err(MonitoringError::Invalid(problems)) =
            read_serials("list.csv", csv.as_bytes(), &ImportOptions::default())
        else {
            panic!("expected problems");
        };
        assert_eq!(problems[0].0, "list.csv, row 3, column B (Serial number)");
        assert!(problems[1].1.contains("also on row 2"), "{problems:?}");
        let none = read_serials("x.csv", b"Description,Qty\nRadio,2\n", &ImportOptions::default());
        assert!(matches!(none, Err(MonitoringError::Invalid(p)) if p[0].1.contains("Serial number")));
        assert!(matches!(
            read_serials("x.pdf", b"%PDF", &ImportOptions::default()),
            Err(MonitoringError::Import(_))
        ));
    }
}
