//! `equipcheck lists import/show` and `check --lists`: each official format installed, a broken file refused with
//! the current list kept, and the parties of a sheet's lines screened (table, JSON, CSV).

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn equipcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_equipcheck"))
        .args(args)
        .env("EQUIPCHECK_CATALOG", concat!(env!("CARGO_MANIFEST_DIR"), "/catalog"))
        .env_remove("EQUIPCHECK_LISTS_DIR")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn each_format_is_imported_and_a_broken_file_leaves_the_list_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let lists = dir.path().join("lists");
    for (file, source) in [
        ("un-consolidated.xml", "un"),
        ("sdn.csv", "ofac"),
        ("eu-fsf.csv", "eu"),
        ("ConList.csv", "uk"),
    ] {
        let fixture = common::fixture(&format!("lists/{file}"));
        let out = equipcheck(&[
            "lists",
            "import",
            path(&fixture),
            "--source",
            source,
            "--lists-dir",
            path(&lists),
        ]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains("new, 0 changed"), "{}", text(&out.stdout));
    }
    // The wrong source, then a malformed file: refused, naming the file; the installed list is unchanged.
    let sdn = common::fixture("lists/sdn.csv");
    let out = equipcheck(&[
        "lists",
        "import",
        path(&sdn),
        "--source",
        "un",
        "--lists-dir",
        path(&lists),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("US-OFAC-SDN list, not UN-SC"),
        "{}",
        text(&out.stderr)
    );
    let broken = dir.path().join("sdn.csv");
    std::fs::write(&broken, "1,\"A\",x\n").unwrap();
    let before = std::fs::read(lists.join("sdn.csv")).unwrap();
    let out = equipcheck(&["lists", "import", path(&broken), "--lists-dir", path(&lists)]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("sdn.csv") && stderr.contains("current list stays in place"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(lists.join("sdn.csv")).unwrap(), before);

    let out = equipcheck(&["lists", "show", "--lists-dir", path(&lists)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    for expected in [
        "UN-SC",
        "2026-11-28T10:00:04.61Z",
        "EU-FSF",
        "US-OFAC-SDN",
        "sha256:",
        "UK-OFSI",
        "27/11/2026",
    ] {
        assert!(shown.contains(expected), "{expected} in {shown}");
    }
}

#[test]
fn check_screens_the_parties_of_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "Description,Supplier,End user\nHandheld radio,Rosoboroneksport JSC,Police nationale\n\
         Diesel generator 20 kVA,Acme Power Ltd,Wagner Group\nTent 6 x 6 m,Emma Daniels,Gendarmerie\n",
    )
    .unwrap();
    let lists = common::fixture("lists");
    let out = equipcheck(&["check", "--format", "json", "--lists", path(&lists), path(&sheet)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let items = report["files"][0]["items"].as_array().unwrap();
    let decisions: Vec<&str> = items.iter().map(|i| i["decision"].as_str().unwrap()).collect();
    assert_eq!(decisions, ["review", "review", "clear"], "{report}");
    let finding = items[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["entry"] == "US-OFAC-SDN:36050")
        .expect("OFAC finding");
    assert!(finding["reason"].as_str().unwrap().contains("RUSSIA-EO14024"));
    assert_eq!(finding["evidence"][0]["field"], "supplier");
    assert_eq!(items[1]["findings"][0]["evidence"][0]["field"], "end_user");
    assert_eq!(items[0]["party_lists"].as_array().unwrap().len(), 4);

    let out = equipcheck(&["check", "--lists", path(&lists), path(&sheet)]);
    let table = text(&out.stdout);
    assert!(
        table.contains("US-OFAC-SDN:36050") && table.contains("end user 'Wagner Group'"),
        "{table}"
    );
    let out = equipcheck(&["check", "--format", "csv", "--lists", path(&lists), path(&sheet)]);
    assert!(text(&out.stdout).contains("US-OFAC-SDN:36050"), "{}", text(&out.stdout));

    // A higher threshold is a setting; a broken lists folder stops the command rather than passing parties.
    let out = equipcheck(&["check", "--lists", path(&sheet), path(&sheet)]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("sanctions lists"), "{}", text(&out.stderr));
    let out = equipcheck(&["check", "--party-threshold", "1.5", path(&sheet)]);
    assert_eq!(out.status.code(), Some(64));
}
