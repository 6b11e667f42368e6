//! Hostile files, each built in the test: they must be refused with a useful
//! message and never abort the process.

use super::tests_csv::collect;
use super::tests_workbook::{ods_with_table, s, zip_of};
use super::*;
use std::io::Write;

const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WB: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WB_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

pub(crate) fn sheet(dimension: &str, rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
    )
}

const ROWS: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Description</t></is></c><c r="B1" t="inlineStr"><is><t>Qty</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Helmet</t></is></c><c r="B2"><v>3</v></c></row>"#;

pub(crate) fn xlsx(sheet_xml: &str, shared: Option<&str>) -> Vec<u8> {
    let mut files: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CT.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WB.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WB_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet_xml.as_bytes()),
    ];
    if let Some(sst) = shared {
        files.push(("xl/sharedStrings.xml", sst.as_bytes()));
    }
    zip_of(&files)
}

pub(crate) fn hostile(
    result: Result<(ImportLayout, Vec<ImportedItem>, Vec<ImportProblem>), ImportError>,
    limit: &str,
) -> String {
    match result {
        Err(e @ ImportError::Hostile { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains(limit), "{msg}");
            assert!(msg.contains("refused"), "{msg}");
            msg
        }
        other => panic!("expected Hostile({limit}), got {:?}", other.map(|r| r.1.len())),
    }
}

#[test]
fn minimal_xlsx_is_fine() {
    let (_, items, _) = collect("m.xlsx", &xlsx(&sheet("A1:B2", ROWS), None), &ImportOptions::default()).unwrap();
    assert_eq!(items[0].fields.quantity, Some(3.0));
}

#[test]
fn shared_strings_unique_count_absurd() {
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2000000000" uniqueCount="2000000000"><si><t>x</t></si></sst>"#;
    let msg = hostile(
        collect(
            "s.xlsx",
            &xlsx(&sheet("A1:B2", ROWS), Some(sst)),
            &ImportOptions::default(),
        ),
        "max_cells",
    );
    assert!(msg.contains("uniqueCount=\"2000000000\""), "{msg}");
}

#[test]
fn huge_dimension_is_harmless_for_the_streaming_reader() {
    // calamine's streaming reader only stores <dimension>; see zip_guard.rs.
    let (_, items, _) = collect(
        "d.xlsx",
        &xlsx(&sheet("A1:XFD1048576", ROWS), None),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(items.len(), 1);
}

#[test]
fn cell_positions_beyond_limits() {
    let far = format!(r#"{ROWS}<row r="5000"><c r="A5000" t="inlineStr"><is><t>x</t></is></c></row>"#);
    let mut options = ImportOptions::default();
    options.limits.max_rows = 1000;
    hostile(
        collect("r.xlsx", &xlsx(&sheet("A1:B2", &far), None), &options),
        "max_rows",
    );
    let wide = format!(r#"{ROWS}<row r="3"><c r="ZZ3" t="inlineStr"><is><t>x</t></is></c></row>"#);
    let mut options = ImportOptions::default();
    options.limits.max_columns = 100;
    hostile(
        collect("c.xlsx", &xlsx(&sheet("A1:B2", &wide), None), &options),
        "max_columns",
    );
    let mut options = ImportOptions::default();
    options.limits.max_cells = 3;
    hostile(
        collect("n.xlsx", &xlsx(&sheet("A1:B2", ROWS), None), &options),
        "max_cells",
    );
}

#[test]
fn zip_bomb_is_stopped_while_inflating() {
    // One entry of 4 MiB of zeros (~4 KiB compressed), copied raw 16 times:
    // 64 MiB once inflated, refused at an 8 MiB limit.
    let one = zip_of(&[("xl/media/zeros.bin", &vec![0u8; 4 << 20])]);
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(one)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in [
        ("[Content_Types].xml", CT),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WB),
        ("xl/_rels/workbook.xml.rels", WB_RELS),
    ] {
        w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(data.as_bytes()).unwrap();
    }
    for i in 0..16 {
        let entry = src.by_index(0).unwrap();
        w.raw_copy_file_rename(entry, format!("xl/media/zeros{i}.bin")).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    assert!(bytes.len() < 200_000);
    let mut options = ImportOptions::default();
    options.limits.max_decompressed_bytes = 8 << 20;
    hostile(collect("bomb.xlsx", &bytes, &options), "max_decompressed_bytes");
    // A single entry over the limit is stopped too.
    let single = zip_of(&[("content.xml", &vec![b' '; 3 << 20])]);
    options.limits.max_decompressed_bytes = 1 << 20;
    hostile(collect("bomb.ods", &single, &options), "max_decompressed_bytes");
}

#[test]
fn too_many_zip_entries() {
    let names: Vec<String> = (0..50).map(|i| format!("xl/media/f{i}.txt")).collect();
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), b"x".as_slice())).collect();
    let mut options = ImportOptions::default();
    options.limits.max_zip_entries = 10;
    let msg = hostile(collect("many.xlsx", &zip_of(&files), &options), "max_zip_entries");
    assert!(msg.contains("50 entries"), "{msg}");
}

#[test]
fn xlsb_record_longer_than_its_part() {
    // Record type 0x0083 (BrtBeginBook) declaring 1000 bytes in a 4-byte part.
    let bytes = zip_of(&[("xl/workbook.bin", &[0x83, 0x01, 0xE8, 0x07])]);
    let msg = hostile(
        collect("b.xlsb", &bytes, &ImportOptions::default()),
        "bytes left in the part",
    );
    assert!(msg.contains("declares 1000 bytes"), "{msg}");
}

#[test]
fn ods_repeat_bombs() {
    let wide_row = r#"<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#.to_string();
    let mut options = ImportOptions::default();
    options.limits.max_cells = 100_000;
    hostile(
        collect("w.ods", &ods_with_table(&wide_row.repeat(10)), &options),
        "max_cells",
    );
    let tall = format!(
        r#"<table:table-row>{}{}</table:table-row><table:table-row table:number-rows-repeated="1000000">{}{}</table:table-row><table:table-row>{}{}</table:table-row>"#,
        s("Description"),
        s("Qty"),
        s("x"),
        s("1"),
        s("y"),
        s("2")
    );
    hostile(collect("t.ods", &ods_with_table(&tall), &options), "max_cells");
    let fat = format!(
        r#"<table:table-row>{}<table:table-cell office:value-type="string" office:string-value="{}" table:number-columns-repeated="2000"/></table:table-row>"#,
        s("Description"),
        "A".repeat(30_000)
    );
    options.limits.max_decompressed_bytes = 16 << 20;
    hostile(
        collect("f.ods", &ods_with_table(&fat), &options),
        "max_decompressed_bytes",
    );
}

fn sample_xls() -> Vec<u8> {
    std::fs::read(fixture("polizei-ausstattung-de.xls")).unwrap()
}

#[test]
fn xls_absurd_dimensions() {
    let mut bytes = sample_xls();
    let pat = [0x00, 0x02, 0x0E, 0x00];
    let positions: Vec<usize> = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == pat)
        .map(|(i, _)| i)
        .collect();
    assert!(!positions.is_empty());
    for p in positions {
        // rwMac = 0xFFFFFFFF, colMac = 0xFFFF: calamine would reserve ~2^48 cells.
        bytes[p + 8..p + 12].copy_from_slice(&[0xFF; 4]);
        bytes[p + 14..p + 16].copy_from_slice(&[0xFF; 2]);
    }
    hostile(collect("dim.xls", &bytes, &ImportOptions::default()), "max_cells");
}

#[test]
fn xls_fat_loop() {
    let mut bytes = sample_xls();
    let dir_start = u32::from_le_bytes(bytes[48..52].try_into().unwrap()) as usize;
    let fat0 = u32::from_le_bytes(bytes[76..80].try_into().unwrap()) as usize;
    let at = (fat0 + 1) * 512 + 4 * dir_start;
    bytes[at..at + 4].copy_from_slice(&(dir_start as u32).to_le_bytes());
    let msg = hostile(
        collect("loop.xls", &bytes, &ImportOptions::default()),
        "max_input_bytes",
    );
    assert!(msg.contains("loops"), "{msg}");
}

#[test]
fn disguised_truncated_and_encrypted_files() {
    let o = ImportOptions::default();
    let err = collect("text.xlsx", b"Description,Qty\nx,1\n", &o).unwrap_err();
    assert!(matches!(err, ImportError::UnsupportedFormat { .. }), "{err}");
    assert!(err.to_string().contains(".xlsx, .xlsm"), "{err}");
    let err = collect("old.xlsx", &sample_xls(), &o).unwrap_err();
    assert!(err.to_string().contains("rename it to .xls"), "{err}");
    let xlsx_bytes = std::fs::read(fixture("niger-police-mobility-fr.xlsx")).unwrap();
    let err = collect("cut.xlsx", &xlsx_bytes[..xlsx_bytes.len() / 2], &o).unwrap_err();
    assert!(matches!(err, ImportError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("save it again"), "{err}");
    let err = collect("cut.xls", &sample_xls()[..3000], &o).unwrap_err();
    assert!(matches!(err, ImportError::Corrupt { .. }), "{err}");
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(1536, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.resize(4096, 0);
    let err = collect("secret.xlsx", &ole, &o).unwrap_err();
    assert!(matches!(err, ImportError::Encrypted { .. }), "{err}");
    assert!(err.to_string().contains("remove the password"), "{err}");
    assert!(matches!(collect("e.xlsx", b"", &o), Err(ImportError::Empty { .. })));
    assert!(matches!(
        collect("x.pdf", b"%PDF", &o),
        Err(ImportError::UnsupportedFormat { .. })
    ));
}

#[test]
fn mutated_workbooks_never_crash() {
    let mut options = ImportOptions::default();
    options.limits.max_decompressed_bytes = 4 << 20;
    options.limits.max_cells = 200_000;
    for (name, base) in [
        ("m.xls", sample_xls()),
        (
            "m.xlsx",
            std::fs::read(fixture("niger-police-mobility-fr.xlsx")).unwrap(),
        ),
    ] {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..150 {
            let mut bytes = base.clone();
            for _ in 0..4 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed as usize) % bytes.len();
                bytes[at] = (seed >> 32) as u8;
            }
            let _ = collect(name, &bytes, &options);
        }
    }
}
