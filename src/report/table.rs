//! The readable report: one line per item (row, decision, description, why), the question under each
//! item that needs review, the file's problems, and a summary. Decisions are words, coloured only as a
//! help on a terminal.

use super::evidence_line;
use crate::check::{CheckedItem, FileResult, ReportSink, Summary};
use crate::decision::Decision;
use crate::import::ImportProblem;
use std::io::Write;

const DESCRIPTION_WIDTH: usize = 46;

pub struct TableReport<W: Write> {
    out: W,
    colour: bool,
    /// Leave clear items out of the listing (the summary counts them either way).
    hide_clear: bool,
    problems: Vec<ImportProblem>,
    /// The sheet of the last item listed: a line names each new sheet.
    sheet: Option<String>,
}

impl<W: Write> TableReport<W> {
    pub fn new(out: W, colour: bool, hide_clear: bool) -> Self {
        TableReport {
            out,
            colour,
            hide_clear,
            problems: Vec::new(),
            sheet: None,
        }
    }

    fn decision(&self, decision: Decision) -> String {
        let word = format!("{:<10}", decision.as_str());
        if !self.colour {
            return word;
        }
        let code = match decision {
            Decision::Prohibited => "1;31",
            Decision::Military | Decision::DualUse => "1;33",
            Decision::Controlled => "1;35",
            Decision::Review => "1;36",
            Decision::Clear => "32",
        };
        format!("\x1b[{code}m{word}\x1b[0m")
    }
}

fn fit(text: &str, width: usize) -> String {
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if flat.chars().count() <= width {
        format!("{flat:<width$}")
    } else {
        let cut: String = flat.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}

fn location(sheet: &Option<String>, row: u32) -> String {
    match sheet {
        Some(sheet) => format!("{sheet}!{row}"),
        None => row.to_string(),
    }
}

impl<W: Write> ReportSink for TableReport<W> {
    fn begin_file(&mut self, file: &str) -> std::io::Result<()> {
        self.problems.clear();
        self.sheet = None;
        writeln!(self.out, "== {file}")?;
        writeln!(
            self.out,
            "{:>6}  {:<10}  {:<DESCRIPTION_WIDTH$}  WHY",
            "ROW", "DECISION", "DESCRIPTION"
        )
    }

    fn item(&mut self, item: &CheckedItem) -> std::io::Result<()> {
        let c = &item.classification;
        if c.decision == Decision::Clear && self.hide_clear {
            return Ok(());
        }
        if item.item.source.sheet.is_some() && item.item.source.sheet != self.sheet {
            self.sheet.clone_from(&item.item.source.sheet);
            writeln!(self.out, "-- sheet '{}'", self.sheet.as_deref().unwrap_or_default())?;
        }
        writeln!(
            self.out,
            "{:>6}  {}  {}  {}",
            item.item.source.row,
            self.decision(c.decision),
            fit(&item.item.fields.description, DESCRIPTION_WIDTH),
            evidence_line(c)
        )?;
        for question in &c.questions {
            writeln!(self.out, "{:>6}  {:<10}  ? {question}", "", "")?;
        }
        Ok(())
    }

    fn problem(&mut self, problem: &ImportProblem) -> std::io::Result<()> {
        self.problems.push(problem.clone());
        Ok(())
    }

    fn end_file(&mut self, result: &FileResult) -> std::io::Result<()> {
        if let Some(layout) = &result.layout {
            write_layout(&mut self.out, layout)?;
        }
        for p in &self.problems {
            let column = p.column.as_deref().map(|c| format!(", column {c}")).unwrap_or_default();
            let value = p
                .value
                .as_deref()
                .map(|v| format!(" (value: '{v}')"))
                .unwrap_or_default();
            writeln!(
                self.out,
                "   problem at {}{column}: {}{value}",
                location(&p.sheet, p.row),
                p.message
            )?;
        }
        if let Some(error) = &result.error {
            writeln!(self.out, "   cannot read this file: {error}")?;
        }
        writeln!(self.out, "   {}", summary_line(&result.summary))?;
        writeln!(self.out)
    }

    fn finish(&mut self, total: &Summary, catalog_version: &str) -> std::io::Result<()> {
        writeln!(self.out, "Total: {} (catalogue {catalog_version})", summary_line(total))?;
        if self.hide_clear && total.count(Decision::Clear) > 0 {
            writeln!(self.out, "Clear items are counted but not listed (--hide-clear).")?;
        }
        self.out.flush()
    }
}

fn summary_line(summary: &Summary) -> String {
    let counts: Vec<String> = Decision::ALL
        .iter()
        .map(|d| format!("{} {}", d.as_str(), summary.count(*d)))
        .collect();
    format!(
        "{} items: {}; {} problem(s)",
        summary.items(),
        counts.join(", "),
        summary.problems
    )
}

/// Each sheet read with its header row and every column with what was done with it; each sheet skipped with
/// its reason.
fn write_layout(out: &mut impl Write, layout: &crate::import::ImportLayout) -> std::io::Result<()> {
    let how = match (layout.delimiter, &layout.encoding) {
        (Some(d), Some(e)) => format!(" ({e}, delimiter {:?})", d),
        (None, Some(e)) => format!(" ({e}, one column)"),
        _ => String::new(),
    };
    writeln!(out, "   {}{how}", layout.format.name())?;
    for sheet in &layout.sheets {
        let name = sheet
            .sheet
            .as_deref()
            .map(|s| format!("sheet '{s}'{}, ", if sheet.hidden { " (hidden)" } else { "" }))
            .unwrap_or_default();
        writeln!(
            out,
            "   {name}header on row {}, {} item(s):",
            sheet.header_row, sheet.items
        )?;
        for c in &sheet.columns {
            let header = if c.header.is_empty() {
                "(no header)"
            } else {
                c.header.as_str()
            };
            writeln!(out, "     {:>3}  {}: {}", c.column, fit(header, 28).trim_end(), c.note)?;
        }
        if !sheet.totals_rows.is_empty() {
            let rows: Vec<String> = sheet.totals_rows.iter().take(20).map(u32::to_string).collect();
            let more = if sheet.totals_rows.len() > 20 { ", ..." } else { "" };
            writeln!(
                out,
                "     row(s) {}{more}: totals (a totals word and amounts only), not items",
                rows.join(", ")
            )?;
        }
    }
    for skipped in &layout.skipped_sheets {
        writeln!(out, "   sheet '{}' not read: {}", skipped.sheet, skipped.reason)?;
    }
    Ok(())
}
