//! ODS content.xml pre-scan.
//!
//! calamine 0.38 reads every table of an ODS file into memory when the file is
//! opened (`read_table`/`read_row`/`get_range` in ods.rs):
//! - a non-empty cell with `table:number-columns-repeated="N"` is cloned N
//!   times (capped at 16 384 columns per row), value and formula text included;
//! - empty cells are materialised when any later cell follows them in the row;
//!   only a trailing run of empty cells is dropped, so LibreOffice's legitimate
//!   `number-columns-repeated="1016"` on the last empty cell costs nothing;
//! - a row with `table:number-rows-repeated="N"` is cloned N times when the
//!   grid is built (rows capped at 1 048 576 in total), and empty rows between
//!   non-empty rows are filled with empty cells;
//! - calamine's own ceiling is 100 000 000 cells, far too much memory.
//!
//! So a 100-byte row can become 16 384 cells, and a few kilobytes can ask for
//! gigabytes. This scan replays those rules without allocating and refuses the
//! file when the raw cells, the final grid, or the cloned text would exceed the
//! limits. A cell is counted as non-empty when it carries a value or formula
//! attribute or has child content (conservative).

use super::{ImportError, ImportLimits};
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

fn attr_u64(e: &BytesStart<'_>, name: &str) -> Option<u64> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| {
        let v = a.value.trim().to_string();
        v.parse::<u64>().unwrap_or(if v.chars().all(|c| c.is_ascii_digit()) {
            u64::MAX
        } else {
            1
        })
    })
}

fn has_value(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().any(|a| {
        matches!(
            a.key.as_ref(),
            "office:value"
                | "office:string-value"
                | "office:date-value"
                | "office:time-value"
                | "office:boolean-value"
                | "table:formula"
        )
    })
}

#[derive(Default)]
struct Table {
    total_rows: u64,
    /// Rows (with repeats) since the first non-empty row, up to the current row.
    span_running: u64,
    /// Rows (with repeats) from the first to the last non-empty row.
    span: u64,
    started: bool,
    col_min: u64,
    col_max: u64,
}

#[derive(Default)]
struct Row {
    repeats: u64,
    pos: u64,
    empty_pending: u64,
    first: Option<u64>,
    last: u64,
    bytes: u64,
}

/// Replays calamine's ODS expansion rules on content.xml.
pub(crate) fn check_content<R: BufRead>(file: &str, reader: R, limits: &ImportLimits) -> Result<(), ImportError> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut skip = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    let (mut raw_cells, mut grid_cells, mut cloned_bytes) = (0u64, 0u64, 0u64);
    let hostile = |what: &str, name: &'static str, value: u64| {
        ImportError::hostile(file, None, name, value, format!("content.xml: {what}"))
    };
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(ev) => ev,
            // Malformed XML is calamine's to report; the scan only stops.
            Err(_) => return Ok(()),
        };
        match event {
            Event::Eof => return Ok(()),
            Event::Start(e) if e.name().as_ref() == "table:table" => table = Some(Table::default()),
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take() {
                    if t.started {
                        let width = t.col_max.saturating_add(1).saturating_sub(t.col_min);
                        grid_cells = grid_cells.saturating_add(t.span.saturating_mul(width));
                    }
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let t = table.get_or_insert_with(Table::default);
                let asked = attr_u64(&e, "table:number-rows-repeated").unwrap_or(1);
                let repeats = asked.min(ODS_MAX_ROWS.saturating_sub(t.total_rows));
                t.total_rows = t.total_rows.saturating_add(repeats);
                row = Some(Row {
                    repeats,
                    ..Row::default()
                });
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let (Some(r), Some(t)) = (row.take(), table.as_mut()) {
                    raw_cells = raw_cells.saturating_add(r.pos);
                    if t.started {
                        t.span_running = t.span_running.saturating_add(r.repeats);
                    }
                    if let Some(first) = r.first {
                        if !t.started {
                            t.started = true;
                            t.col_min = first;
                            t.span_running = r.repeats;
                        }
                        t.col_min = t.col_min.min(first);
                        t.col_max = t.col_max.max(r.last);
                        t.span = t.span_running;
                    }
                    cloned_bytes = cloned_bytes.saturating_add(r.bytes.saturating_mul(r.repeats));
                }
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
            {
                let is_start = matches!(event, Event::Start(_));
                let mut size = e.len() as u64;
                let non_empty = has_value(e) || is_start;
                let repeats = attr_u64(e, "table:number-columns-repeated").unwrap_or(1);
                if is_start {
                    let before = xml.buffer_position();
                    let name = e.name().as_ref().to_string();
                    skip.clear();
                    if xml
                        .read_to_end_into(quick_xml::name::QName(name.as_str()), &mut skip)
                        .is_err()
                    {
                        return Ok(());
                    }
                    size = size.saturating_add(xml.buffer_position().saturating_sub(before));
                }
                if let Some(r) = row.as_mut() {
                    let room = ODS_MAX_COLUMNS.saturating_sub(r.pos);
                    r.pos += r.empty_pending.min(room);
                    r.empty_pending = 0;
                    let room = ODS_MAX_COLUMNS.saturating_sub(r.pos);
                    let capped = repeats.min(room);
                    if non_empty {
                        if capped > 0 {
                            r.first.get_or_insert(r.pos);
                            r.last = r.pos + capped - 1;
                        }
                        r.pos += capped;
                        r.bytes = r.bytes.saturating_add(size.saturating_mul(capped));
                    } else {
                        r.empty_pending = capped;
                    }
                }
            }
            _ => {}
        }
        if raw_cells > limits.max_cells || grid_cells > limits.max_cells {
            return Err(hostile(
                "repeated rows/columns expand to more cells than allowed",
                "max_cells",
                limits.max_cells,
            ));
        }
        if cloned_bytes > limits.max_decompressed_bytes {
            return Err(hostile(
                "repeated cells expand to more text than allowed",
                "max_decompressed_bytes",
                limits.max_decompressed_bytes,
            ));
        }
    }
}
