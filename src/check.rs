//! The screening pipeline (no command line here: that is `src/cli/check.rs`): import each file, classify every
//! item as it arrives, and stream the results to a report sink; the `check` command and the API's screening
//! export share it. Reading runs on its own thread so parsing and classifying overlap on a multi-core machine.

use crate::classify::{Classification, Classifier, ItemText};
use crate::decision::Decision;
use crate::import::{self, ImportLayout, ImportOptions, ImportProblem, ImportedItem, Record};
use crate::screening::Place;
use serde::Serialize;
use std::path::Path;
use std::sync::mpsc;

/// Records travel from the reading thread in chunks, to keep channel overhead off the per-item cost.
const CHUNK: usize = 512;
/// Chunks waiting between two stages: enough to keep both busy, few enough that the items in flight stay a few
/// MiB (16 held about 16,000 items, a fifth of the peak memory of a large sheet).
const CHUNKS_IN_FLIGHT: usize = 2;

/// An imported item with its decision.
#[derive(Debug, Clone, Serialize)]
pub struct CheckedItem {
    #[serde(flatten)]
    pub item: ImportedItem,
    pub classification: Classification,
}

impl CheckedItem {
    /// Classifies the item and screens its destination (`partner_country` stands in when the line names none).
    pub fn classify(classifier: &Classifier, item: ImportedItem) -> CheckedItem {
        CheckedItem::classify_for(classifier, item, None)
    }

    pub fn classify_for(classifier: &Classifier, item: ImportedItem, partner_country: Option<&str>) -> CheckedItem {
        let fields = &item.fields;
        let classification = classifier.classify_at(
            &ItemText {
                description: &fields.description,
                hs_code: fields.hs_code.as_deref(),
                control_code: fields.control_code.as_deref(),
                extra: &item.extra,
                supplier: fields.supplier.as_deref(),
                end_user: fields.end_user.as_deref(),
            },
            Place {
                destination: fields.destination.as_deref(),
                end_user_country: None,
                partner_country,
            },
        );
        CheckedItem { item, classification }
    }
}

/// A record after classification, on its way to the report.
enum Checked {
    Item(Box<CheckedItem>),
    Problem(ImportProblem),
}

/// Items per decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    counts: [usize; 6],
    pub problems: usize,
}

impl Summary {
    pub fn add(&mut self, decision: Decision) {
        self.counts[index_of(decision)] += 1;
    }

    /// Counts an item under `to` instead of `from` (a held re-submission stays prohibited).
    pub fn replace(&mut self, from: Decision, to: Decision) {
        let i = index_of(from);
        if self.counts[i] > 0 {
            self.counts[i] -= 1;
            self.counts[index_of(to)] += 1;
        }
    }

    pub fn count(&self, decision: Decision) -> usize {
        self.counts[index_of(decision)]
    }

    pub fn items(&self) -> usize {
        self.counts.iter().sum()
    }

    pub fn merge(&mut self, other: &Summary) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
        self.problems += other.problems;
    }

    /// Anything that a person must look at: not clear, or a row that could not be read cleanly.
    pub fn needs_attention(&self) -> bool {
        self.problems > 0 || self.items() > self.count(Decision::Clear)
    }
}

fn index_of(decision: Decision) -> usize {
    Decision::ALL.iter().position(|d| *d == decision).unwrap_or(0)
}

impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("items", &self.items())?;
        for decision in Decision::ALL {
            map.serialize_entry(decision.as_str(), &self.count(decision))?;
        }
        map.serialize_entry("problems", &self.problems)?;
        map.end()
    }
}

/// How one file went.
#[derive(Debug, Serialize)]
pub struct FileResult {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<ImportLayout>,
    /// Why the file could not be read at all, and how to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub summary: Summary,
}

/// Where results go as they are produced (table, JSON, CSV writers).
pub trait ReportSink {
    fn begin_file(&mut self, file: &str) -> std::io::Result<()>;
    fn item(&mut self, item: &CheckedItem) -> std::io::Result<()>;
    fn problem(&mut self, problem: &ImportProblem) -> std::io::Result<()>;
    fn end_file(&mut self, result: &FileResult) -> std::io::Result<()>;
    fn finish(&mut self, total: &Summary, catalog_version: &str) -> std::io::Result<()>;
}

/// Imports `path`, classifies its items and streams them to `sink`; `progress` is told the rows done.
/// An unreadable file is reported in the result (and to the sink), not as an error: only a failure to
/// write the report is.
pub fn check_file(
    classifier: &Classifier,
    path: &Path,
    options: &ImportOptions,
    sink: &mut dyn ReportSink,
    progress: &mut dyn FnMut(u64),
) -> std::io::Result<FileResult> {
    let file = path.display().to_string();
    sink.begin_file(&file)?;
    let mut summary = Summary::default();
    let mut write_error: Option<std::io::Error> = None;
    let mut done: u64 = 0;
    // Three stages on their own threads: read, classify, write. On two cores the slowest stage sets the pace
    // (reading for workbooks; classifying and writing for CSV), instead of the sum of all three.
    let (raw_sender, raw_receiver) = mpsc::sync_channel::<Vec<Record>>(CHUNKS_IN_FLIGHT);
    let (checked_sender, checked_receiver) = mpsc::sync_channel::<Vec<Checked>>(CHUNKS_IN_FLIGHT);
    let outcome = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            let result = import::import_path(path, options, &mut |record| {
                chunk.push(record);
                if chunk.len() >= CHUNK {
                    // The receiver only goes away if writing failed; keep reading to report the file.
                    let _ = raw_sender.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)));
                }
            });
            let _ = raw_sender.send(chunk);
            result
        });
        scope.spawn(move || {
            for chunk in raw_receiver {
                let checked = chunk
                    .into_iter()
                    .map(|record| match record {
                        Record::Item(item) => Checked::Item(Box::new(CheckedItem::classify(classifier, item))),
                        Record::Problem(problem) => Checked::Problem(problem),
                    })
                    .collect();
                if checked_sender.send(checked).is_err() {
                    break;
                }
            }
        });
        for chunk in checked_receiver {
            for record in chunk {
                if write_error.is_some() {
                    continue;
                }
                let written = match record {
                    Checked::Item(checked) => {
                        summary.add(checked.classification.decision);
                        sink.item(&checked)
                    }
                    Checked::Problem(problem) => {
                        summary.problems += 1;
                        sink.problem(&problem)
                    }
                };
                if let Err(e) = written {
                    write_error = Some(e);
                }
                done += 1;
            }
            progress(done);
        }
        reader.join()
    });
    if let Some(e) = write_error {
        return Err(e);
    }
    let result = match outcome {
        Ok(Ok(layout)) => FileResult {
            file,
            layout: Some(layout),
            error: None,
            summary,
        },
        Ok(Err(e)) => FileResult {
            file,
            layout: None,
            error: Some(e.to_string()),
            summary,
        },
        Err(_) => FileResult {
            file,
            layout: None,
            error: Some("the reader stopped unexpectedly while reading this file; please report it".into()),
            summary,
        },
    };
    sink.end_file(&result)?;
    Ok(result)
}
