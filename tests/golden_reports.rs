//! The reports of `check` on the sample sheets must not change when the pipeline is made faster (issue 17):
//! each format's output is compared byte for byte with a file under `tests/fixtures/golden/`, written before
//! the performance work. A deliberate change of decisions or of a format (a new catalogue entry, a new field)
//! updates them: `EQUIPCHECK_UPDATE_GOLDEN=1 cargo test --test golden_reports`, then review the diff.

mod common;

use equipcheck::check::{check_file, ReportSink, Summary};
use equipcheck::import::ImportOptions;
use equipcheck::report::{CsvReport, JsonReport, TableReport};
use std::path::PathBuf;

const SAMPLES: [&str; 3] = [
    "border-management-en.csv",
    "niger-police-mobility-fr.xlsx",
    "polizei-ausstattung-de.xls",
];

/// The report of one sample in `format`, with the machine's path to the fixtures taken out.
fn report(sample: &str, format: &str) -> String {
    let mut out = Vec::new();
    {
        let mut sink: Box<dyn ReportSink + '_> = match format {
            "json" => Box::new(JsonReport::new(&mut out)),
            "csv" => Box::new(CsvReport::new(&mut out).expect("writing to memory")),
            _ => Box::new(TableReport::new(&mut out, false, false)),
        };
        let classifier = common::classifier();
        let path = common::fixture(&format!("import/{sample}"));
        let result = check_file(classifier, &path, &ImportOptions::default(), sink.as_mut(), &mut |_| {})
            .expect("writing to memory");
        let mut total = Summary::default();
        total.merge(&result.summary);
        sink.finish(&total, classifier.catalog_version())
            .expect("writing to memory");
    }
    let text = String::from_utf8(out).expect("reports are UTF-8");
    let root = common::fixture("import");
    let root = format!("{}/", root.parent().unwrap_or(&root).display());
    text.replace(&root, "")
}

fn golden(sample: &str, format: &str) -> PathBuf {
    common::fixture("golden").join(format!("{sample}.{format}"))
}

#[test]
fn reports_on_the_samples_are_unchanged() {
    let update = std::env::var_os("EQUIPCHECK_UPDATE_GOLDEN").is_some();
    let mut changed = Vec::new();
    for sample in SAMPLES {
        for format in ["json", "csv", "table"] {
            let actual = report(sample, format);
            let path = golden(sample, format);
            if update {
                std::fs::write(&path, &actual).expect("golden file written");
                continue;
            }
            let expected = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (EQUIPCHECK_UPDATE_GOLDEN=1 creates it)", path.display()));
            if actual != expected {
                changed.push(path.display().to_string());
            }
        }
    }
    assert!(
        changed.is_empty(),
        "reports differ from their golden files (EQUIPCHECK_UPDATE_GOLDEN=1 rewrites them):\n{}",
        changed.join("\n")
    );
}
