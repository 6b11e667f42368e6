//! XLS (BIFF) pre-checks on the Workbook stream: see the calamine hazards
//! listed in `ole.rs`.

use super::ole::{u16_at, u32_at, workbook_stream, CfbErr};
use super::{ImportError, ImportLimits};

/// Bounding box and count of cells.
#[derive(Default)]
struct BBox {
    any: bool,
    r0: u64,
    r1: u64,
    c0: u64,
    c1: u64,
}

impl BBox {
    fn add(&mut self, r: u64, c: u64) {
        if !self.any {
            *self = BBox {
                any: true,
                r0: r,
                r1: r,
                c0: c,
                c1: c,
            };
        } else {
            self.r0 = self.r0.min(r);
            self.r1 = self.r1.max(r);
            self.c0 = self.c0.min(c);
            self.c1 = self.c1.max(c);
        }
    }

    fn area(&self) -> u64 {
        if self.any {
            (self.r1 - self.r0 + 1).saturating_mul(self.c1 - self.c0 + 1)
        } else {
            0
        }
    }
}

/// Checks an XLS file before calamine opens it.
pub(crate) fn check_xls(file: &str, bytes: &[u8], limits: &ImportLimits) -> Result<(), ImportError> {
    let stream = match workbook_stream(bytes) {
        Ok(s) => s,
        Err(CfbErr::Corrupt(m)) => return Err(ImportError::corrupt(file, None, m)),
        Err(CfbErr::Loop(m)) => {
            return Err(ImportError::hostile(
                file,
                None,
                "max_input_bytes",
                limits.max_input_bytes,
                m,
            ))
        }
    };
    let hostile = |name: &'static str, value: u64, m: String| ImportError::hostile(file, None, name, value, m);
    // Globals: sheet offsets and encryption.
    let mut sheets = Vec::new();
    for (typ, data) in records(&stream, 0) {
        match typ {
            0x0085 => sheets.push(u32_at(data, 0).unwrap_or(u32::MAX) as usize),
            0x002F if u16_at(data, 0).unwrap_or(0) != 0 => {
                return Err(ImportError::Encrypted { file: file.to_string() })
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut total = 0u64;
    for pos in sheets {
        if pos > stream.len() {
            return Err(ImportError::corrupt(
                file,
                None,
                "a sheet starts past the end of the workbook stream",
            ));
        }
        let (mut cells, mut formulas) = (BBox::default(), BBox::default());
        let (mut seen_bof, mut depth) = (false, 0usize);
        for (typ, d) in records(&stream, pos) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let rc = || Some((u64::from(u16_at(d, 0)?), u64::from(u16_at(d, 2)?)));
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => {
                    let (rf, rl, cf, cl) = match d.len() {
                        10 => (
                            u64::from(u16_at(d, 0).unwrap_or(0)),
                            u64::from(u16_at(d, 2).unwrap_or(0)),
                            u64::from(u16_at(d, 4).unwrap_or(0)),
                            u64::from(u16_at(d, 6).unwrap_or(0)),
                        ),
                        14 | 16 => (
                            u64::from(u32_at(d, 0).unwrap_or(0)),
                            u64::from(u32_at(d, 4).unwrap_or(0)),
                            u64::from(u16_at(d, 8).unwrap_or(0)),
                            u64::from(u16_at(d, 10).unwrap_or(0)),
                        ),
                        _ => continue,
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    if rl >= 1 && cl >= 1 {
                        let rows = (rl - 1).saturating_sub(rf) + 1;
                        let cols = (cl - 1).saturating_sub(cf) + 1;
                        if rows > u64::from(limits.max_rows)
                            || cols > u64::from(limits.max_columns)
                            || rows.saturating_mul(cols) > limits.max_cells
                        {
                            return Err(hostile(
                                "max_cells",
                                limits.max_cells,
                                format!("a sheet declares dimensions of {rows} rows x {cols} columns"),
                            ));
                        }
                    }
                }
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                    if let Some((r, c)) = rc() {
                        cells.add(r, c);
                    }
                }
                0x0006 => {
                    if let Some((r, c)) = rc() {
                        cells.add(r, c);
                        formulas.add(r, c);
                    }
                }
                0x00BD => {
                    if let (Some((r, c)), Some(last)) = (rc(), u16_at(d, d.len().saturating_sub(2))) {
                        if u64::from(last) < c {
                            return Err(ImportError::corrupt(
                                file,
                                None,
                                "a MULRK record has its last column before its first",
                            ));
                        }
                        let n = (d.len().saturating_sub(6) / 6) as u64;
                        cells.add(r, c);
                        cells.add(r, c + n.saturating_sub(1));
                    }
                }
                _ => {}
            }
        }
        for b in [&cells, &formulas] {
            if b.any
                && (b.r1 - b.r0 + 1 > u64::from(limits.max_rows) || b.c1 - b.c0 + 1 > u64::from(limits.max_columns))
            {
                return Err(hostile(
                    "max_columns",
                    u64::from(limits.max_columns),
                    format!(
                        "cells spread over {} rows x {} columns",
                        b.r1 - b.r0 + 1,
                        b.c1 - b.c0 + 1
                    ),
                ));
            }
            total = total.saturating_add(b.area());
        }
        if total > limits.max_cells {
            return Err(hostile(
                "max_cells",
                limits.max_cells,
                format!("the sheets' cells span {total} grid cells"),
            ));
        }
    }
    Ok(())
}

/// BIFF records (type, data) from `pos`, stopping at the first malformed one.
fn records(stream: &[u8], pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = pos;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, at)?;
        let len = usize::from(u16_at(stream, at + 2)?);
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, data))
    })
}
