//! The `equipcheck` binary as a user runs it: formats, exit codes, errors that name the file.

mod common;

use std::process::{Command, Output};

fn equipcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_equipcheck"))
        .args(args)
        .env("EQUIPCHECK_CATALOG", concat!(env!("CARGO_MANIFEST_DIR"), "/catalog"))
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn json_report_carries_location_decision_and_evidence() {
    let sample = common::fixture("import/niger-police-mobility-fr.xlsx");
    let out = equipcheck(&["check", "--format", "json", sample.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "something is prohibited: {}",
        text(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let file = &report["files"][0];
    assert_eq!(file["items"].as_array().unwrap().len(), 20);
    assert_eq!(report["summary"]["items"], 20);
    let uzi = file["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["row"] == 16)
        .expect("row 16");
    assert_eq!(uzi["sheet"], "Lot 1 - Mobilité");
    assert_eq!(uzi["decision"], "prohibited");
    assert_eq!(uzi["description"], "Pistolet mitrailleur Uzi 9 mm");
    let evidence = &uzi["findings"][0]["evidence"][0];
    assert!(
        evidence["text"].is_string() && evidence["span"].is_array(),
        "{evidence}"
    );
    assert_eq!(uzi["catalog_version"], report["catalog_version"]);
    assert_eq!(file["layout"]["sheets"][0]["header_row"], 4);
}

#[test]
fn csv_report_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("order.csv");
    std::fs::write(
        &input,
        "Description;Qty\n=HYPERLINK(\"http://x\";\"click\");2\n@SUM(1+1) office chair;1\n",
    )
    .unwrap();
    let output = dir.path().join("report.csv");
    let out = equipcheck(&[
        "check",
        "--format",
        "csv",
        "-o",
        output.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        text(&out.stderr)
    );
    let report = std::fs::read_to_string(&output).unwrap();
    let mut reader = csv::Reader::from_reader(report.as_bytes());
    let descriptions: Vec<String> = reader.records().map(|r| r.unwrap()[4].to_string()).collect();
    assert_eq!(descriptions.len(), 2);
    assert!(descriptions.iter().all(|d| d.starts_with('\'')), "{descriptions:?}");
}

#[test]
fn a_clear_sheet_exits_zero_and_a_weapon_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let clear = dir.path().join("clear.csv");
    std::fs::write(&clear, "Description,Quantity\nOffice chair,4\nTent 6 x 6 m,2\n").unwrap();
    assert_eq!(equipcheck(&["check", clear.to_str().unwrap()]).status.code(), Some(0));
    let weapon = dir.path().join("weapon.csv");
    std::fs::write(&weapon, "Description,Quantity\nOffice chair,4\nnail gun and pistol,2\n").unwrap();
    let out = equipcheck(&["check", weapon.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("prohibited"), "{}", text(&out.stdout));
}

#[test]
fn an_unreadable_file_is_named_and_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("budget.xlsx");
    std::fs::write(&fake, "this is not a workbook").unwrap();
    let out = equipcheck(&["check", fake.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("budget.xlsx") && shown.contains("cannot read"),
        "{shown}"
    );
    let headerless = dir.path().join("numbers.csv");
    std::fs::write(&headerless, "1,2,3\n4,5,6\n").unwrap();
    let out = equipcheck(&["check", headerless.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stdout).to_lowercase().contains("header"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn catalog_commands() {
    let out = equipcheck(&["catalog", "validate"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("valid"));
    let out = equipcheck(&["catalog", "show", "ml1.a"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["entry"]["code"], "ML1.a");
    assert_eq!(shown["entry"]["decision"], "prohibited");
    assert_eq!(equipcheck(&["catalog", "show", "ML99.z"]).status.code(), Some(64));
}

#[test]
fn usage_errors_exit_64_and_an_invalid_catalogue_exits_3() {
    assert_eq!(equipcheck(&["check"]).status.code(), Some(64));
    assert_eq!(
        equipcheck(&["check", "--format", "pdf", "x.csv"]).status.code(),
        Some(64)
    );
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_equipcheck"))
        .args(["--catalog", empty.path().to_str().unwrap(), "catalog", "validate"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("manifest.toml"), "{}", text(&out.stderr));
}

#[test]
fn classify_prints_one_explained_decision() {
    let out = equipcheck(&["classify", "Thermal camera, handheld", "--hs", "8525.89"]);
    assert_eq!(out.status.code(), Some(1));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["decision"], "review");
    assert!(result["questions"][0].as_str().unwrap().contains("9 Hz"), "{result}");
}

/// An XLSX whose shared-strings part declares two billion strings: calamine would try to reserve them all
/// and abort the process. The guard refuses the file first, with the file named, and the process lives.
#[test]
fn a_workbook_declaring_absurd_sizes_is_refused_not_obeyed() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let honest = dir.path().join("honest.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Description").unwrap();
    sheet.write_string(1, 0, "Office chair").unwrap();
    workbook.save(&honest).unwrap();

    let mut archive = zip::ZipArchive::new(std::fs::File::open(&honest).unwrap()).unwrap();
    let hostile = dir.path().join("hostile.xlsx");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&hostile).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = String::new();
        entry.read_to_string(&mut content).unwrap();
        if name == "xl/sharedStrings.xml" {
            let start = content.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = start + content[start..].find('"').unwrap();
            content.replace_range(start..end, "2000000000");
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap();

    assert_eq!(equipcheck(&["check", honest.to_str().unwrap()]).status.code(), Some(0));
    let out = equipcheck(&["check", hostile.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("hostile.xlsx") && shown.contains("2000000000"),
        "{shown}"
    );
}

/// A workbook of two lots and a notes sheet, written for the test.
fn lots_workbook(path: &std::path::Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, line, remarks) in [
        ("Lot 1", "Training kit", "incl. 2 000 rounds 7.62x39 and 4 AK-47"),
        ("Lot 2", "Sniper rifle .338", ""),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (c, h) in ["Description", "Qty", "Remarks"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, line).unwrap();
        ws.write_number(1, 1, 1.0).unwrap();
        if !remarks.is_empty() {
            ws.write_string(1, 2, remarks).unwrap();
        }
        ws.write_string(2, 0, "Office chair").unwrap();
        ws.write_number(2, 1, 4.0).unwrap();
    }
    wb.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "Read me")
        .unwrap();
    wb.save(path).unwrap();
}

#[test]
fn check_reads_every_sheet_and_every_column_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lots.xlsx");
    lots_workbook(&input);
    let out = equipcheck(&["check", "--format", "json", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let file = &report["files"][0];
    let items = file["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    let kit = items.iter().find(|i| i["description"] == "Training kit").unwrap();
    assert_eq!(
        (kit["sheet"].as_str(), kit["decision"].as_str()),
        (Some("Lot 1"), Some("prohibited"))
    );
    assert_eq!(kit["extra"][0]["column"], "C (Remarks)");
    let sniper = items.iter().find(|i| i["description"] == "Sniper rifle .338").unwrap();
    assert_eq!(
        (sniper["sheet"].as_str(), sniper["decision"].as_str()),
        (Some("Lot 2"), Some("prohibited"))
    );
    let layout = &file["layout"];
    assert_eq!(layout["sheets"].as_array().unwrap().len(), 2);
    let remarks = &layout["sheets"][0]["columns"][2];
    assert_eq!(
        (remarks["header"].as_str(), remarks["action"].as_str()),
        (Some("Remarks"), Some("screened_text"))
    );
    assert_eq!(layout["skipped_sheets"][0]["sheet"], "Notes");

    // The table shows where each item is, every column and the skipped sheet.
    let out = equipcheck(&["check", input.to_str().unwrap()]);
    let table = text(&out.stdout);
    assert!(table.contains("-- sheet 'Lot 2'\n     2  prohibited"), "{table}");
    assert!(table.contains("in C (Remarks)"), "{table}");
    assert!(
        table.contains("Remarks: header not a field: 1 cell(s) screened as text"),
        "{table}"
    );
    assert!(table.contains("sheet 'Notes' not read: no header row"), "{table}");

    // --sheet still restricts.
    let out = equipcheck(&["check", "--format", "json", "--sheet", "Lot 2", input.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(report["files"][0]["items"].as_array().unwrap().len(), 2);

    // CSV output carries the other columns' text.
    let out = equipcheck(&["check", "--format", "csv", input.to_str().unwrap()]);
    let csv = text(&out.stdout);
    assert!(csv.lines().next().unwrap().ends_with(",other_text"), "{csv}");
    assert!(csv.contains("C (Remarks): incl. 2 000 rounds"), "{csv}");
}

#[test]
fn check_keeps_a_one_column_csv_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("one.csv");
    std::fs::write(&input, "Description\nSpare parts; rifle barrels 5.56 mm\nTent; green\n").unwrap();
    let out = equipcheck(&["check", "--format", "json", input.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let items = report["files"][0]["items"].as_array().unwrap();
    assert_eq!(items[0]["description"], "Spare parts; rifle barrels 5.56 mm");
    assert_eq!(items[1]["description"], "Tent; green");
    assert_eq!(report["files"][0]["layout"]["delimiter"], serde_json::Value::Null);
}
