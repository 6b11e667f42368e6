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
    assert_eq!(file["layout"]["header_row"], 4);
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
