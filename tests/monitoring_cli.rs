//! The monitoring side of the command line: the policy checked by `catalog validate`.

use std::process::Command;

mod common;
use common::copy_dir;

fn copy_catalog(to: &std::path::Path) {
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog"), to);
}

#[test]
fn catalog_validate_checks_the_monitoring_policy() {
    let dir = tempfile::tempdir().unwrap();
    copy_catalog(dir.path());
    let validate = || {
        Command::new(env!("CARGO_BIN_EXE_equipcheck"))
            .args(["--catalog", dir.path().to_str().unwrap(), "catalog", "validate"])
            .output()
            .unwrap()
    };
    let out = validate();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("monitoring: 5 entries"));
    let policy = std::fs::read_to_string(dir.path().join("monitoring.toml")).unwrap();
    let broken = policy
        .replace("\"9A012\" = \"enhanced\"", "\"9Z999\" = \"enhanced\"")
        .replace("prohibited = \"none\"", "prohibited = \"routine\"");
    std::fs::write(dir.path().join("monitoring.toml"), broken).unwrap();
    let out = validate();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("monitoring.toml: entry 9Z999"), "{stderr}");
    assert!(stderr.contains("must be 'none'"), "{stderr}");
    std::fs::write(dir.path().join("monitoring.toml"), "[decisions]\nclear = \"often\"\n").unwrap();
    let out = validate();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("monitoring.toml"));
}
