//! The monitoring side of the command line: the policy checked by `catalog validate`.

use std::process::Command;

fn copy_catalog(to: &std::path::Path) {
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog"), to);
}

/// The catalogue has folders (sources, measures, words): copy the whole tree.
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
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
