//! A JSON document, streamed: `{"catalog_version", "files": [{"file", "items": [...], "problems": [...],
//! "layout", "error", "summary"}], "summary"}`. Problems are held until the file's items are written.

use crate::check::{CheckedItem, FileResult, ReportSink, Summary};
use crate::import::ImportProblem;
use std::io::Write;

pub struct JsonReport<W: Write> {
    out: W,
    files_written: usize,
    items_in_file: usize,
    problems: Vec<ImportProblem>,
    /// One item's JSON, written to `out` in one call: serde_json writes a document in many small pieces, and
    /// `out` is often a `Box<dyn Write>`.
    item_json: Vec<u8>,
}

impl<W: Write> JsonReport<W> {
    pub fn new(out: W) -> Self {
        JsonReport {
            out,
            files_written: 0,
            items_in_file: 0,
            problems: Vec::new(),
            item_json: Vec::with_capacity(4096),
        }
    }
}

impl<W: Write> ReportSink for JsonReport<W> {
    fn begin_file(&mut self, file: &str) -> std::io::Result<()> {
        let lead = if self.files_written == 0 { "{\"files\":[" } else { "," };
        write!(
            self.out,
            "{lead}{{\"file\":{},\"items\":[",
            serde_json::to_string(file)?
        )?;
        self.items_in_file = 0;
        self.problems.clear();
        Ok(())
    }

    fn item(&mut self, item: &CheckedItem) -> std::io::Result<()> {
        self.item_json.clear();
        if self.items_in_file > 0 {
            self.item_json.push(b',');
        }
        self.items_in_file += 1;
        super::json_item::write_item(&mut self.item_json, item);
        self.out.write_all(&self.item_json)
    }

    fn problem(&mut self, problem: &ImportProblem) -> std::io::Result<()> {
        self.problems.push(problem.clone());
        Ok(())
    }

    fn end_file(&mut self, result: &FileResult) -> std::io::Result<()> {
        write!(self.out, "],\"problems\":{}", serde_json::to_string(&self.problems)?)?;
        if let Some(layout) = &result.layout {
            write!(self.out, ",\"layout\":{}", serde_json::to_string(layout)?)?;
        }
        if let Some(error) = &result.error {
            write!(self.out, ",\"error\":{}", serde_json::to_string(error)?)?;
        }
        write!(self.out, ",\"summary\":{}}}", serde_json::to_string(&result.summary)?)?;
        self.files_written += 1;
        Ok(())
    }

    fn finish(&mut self, total: &Summary, catalog_version: &str) -> std::io::Result<()> {
        if self.files_written == 0 {
            self.out.write_all(b"{\"files\":[")?;
        }
        writeln!(
            self.out,
            "],\"catalog_version\":{},\"summary\":{}}}",
            serde_json::to_string(catalog_version)?,
            serde_json::to_string(total)?
        )?;
        self.out.flush()
    }
}

/// One item as the JSON report shows it: where it is, what it says, its decision and why. The report is written
/// by `json_item::write_item`; this derived form is the definition the tests hold that writer to.
#[cfg(test)]
#[derive(serde::Serialize)]
pub(super) struct JsonItem<'a> {
    sheet: &'a Option<String>,
    row: u32,
    decision: crate::decision::Decision,
    #[serde(flatten)]
    fields: &'a crate::import::ItemFields,
    /// The line's other text cells, screened with the description.
    #[serde(skip_serializing_if = "<[crate::classify::ExtraText]>::is_empty")]
    extra: &'a [crate::classify::ExtraText],
    findings: &'a [crate::classify::Finding],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    questions: &'a [String],
    #[serde(skip_serializing_if = "<[crate::classify::Ignored]>::is_empty")]
    ignored: &'a [crate::classify::Ignored],
    catalog_version: &'a str,
    /// The sanctions lists the line's parties were screened against.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    party_lists: &'a [String],
}

#[cfg(test)]
impl<'a> From<&'a CheckedItem> for JsonItem<'a> {
    fn from(c: &'a CheckedItem) -> Self {
        JsonItem {
            sheet: &c.item.source.sheet,
            row: c.item.source.row,
            decision: c.classification.decision,
            fields: &c.item.fields,
            extra: &c.item.extra,
            findings: &c.classification.findings,
            questions: &c.classification.questions,
            ignored: &c.classification.ignored,
            catalog_version: &c.classification.catalog_version,
            party_lists: &c.classification.party_lists,
        }
    }
}
