//! One CSV row per item, every text cell neutralised against formula injection. Problems are written to
//! standard error by the caller; the CSV holds items only, so it loads as one table.

use super::{evidence_line, neutralize_formula};
use crate::check::{CheckedItem, FileResult, ReportSink, Summary};
use crate::import::ImportProblem;
use std::io::Write;

const HEADER: [&str; 21] = [
    "file",
    "sheet",
    "row",
    "line_ref",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "currency",
    "hs_code",
    "control_code",
    "supplier",
    "origin",
    "end_user",
    "destination",
    "decision",
    "entries",
    "evidence",
    "questions",
    "catalog_version",
    "other_text",
];

pub struct CsvReport<W: Write> {
    out: csv::Writer<W>,
    file: String,
}

impl<W: Write> CsvReport<W> {
    pub fn new(out: W) -> std::io::Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(HEADER)?;
        Ok(CsvReport {
            out,
            file: String::new(),
        })
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

impl<W: Write> ReportSink for CsvReport<W> {
    fn begin_file(&mut self, file: &str) -> std::io::Result<()> {
        self.file = file.to_string();
        Ok(())
    }

    fn item(&mut self, item: &CheckedItem) -> std::io::Result<()> {
        let f = &item.item.fields;
        let c = &item.classification;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let cells: [String; 21] = [
            self.file.clone(),
            text(&item.item.source.sheet),
            item.item.source.row.to_string(),
            text(&f.line_ref),
            f.description.clone(),
            number(f.quantity),
            text(&f.unit),
            number(f.unit_price),
            text(&f.currency),
            text(&f.hs_code),
            text(&f.control_code),
            text(&f.supplier),
            text(&f.origin),
            text(&f.end_user),
            text(&f.destination),
            c.decision.to_string(),
            c.entry_codes().join(" "),
            evidence_line(c),
            c.questions.join(" | "),
            c.catalog_version.to_string(),
            item.item
                .extra
                .iter()
                .map(|e| format!("{}: {}", e.column, e.text))
                .collect::<Vec<_>>()
                .join(" | "),
        ];
        self.out
            .write_record(cells.iter().map(|cell| neutralize_formula(cell).into_owned()))?;
        Ok(())
    }

    fn problem(&mut self, _problem: &ImportProblem) -> std::io::Result<()> {
        Ok(())
    }

    fn end_file(&mut self, _result: &FileResult) -> std::io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _total: &Summary, _catalog_version: &str) -> std::io::Result<()> {
        self.out.flush()
    }
}
