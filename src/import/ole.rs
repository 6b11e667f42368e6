//! OLE compound files: encrypted OOXML detection and XLS (BIFF) pre-checks.
//!
//! calamine 0.38 hazards guarded here (cfb.rs, xls.rs):
//! - `Cfb::new` follows the directory chain with no length bound
//!   (`get_chain(.., usize::MAX)`), and the mini-stream, mini-FAT and stream
//!   chains up to lengths read from the file (u64 on version 4): a FAT cycle
//!   makes the chain grow forever. `fats[sector_id]` panics on a sector id past
//!   the FAT. Guarded: every chain calamine follows must stay inside the FAT
//!   and never revisit a sector.
//! - `Xls::new` parses every sheet when the file is opened. A DIMENSIONS record
//!   makes it `reserve(rows * cols)` cells (rows are u32 in BIFF8: up to 2^32 x
//!   65 536 cells, the allocation aborts the process), and `Range::from_sparse`
//!   allocates the bounding box of the real cells (up to 65 536 x 65 536).
//!   Guarded: declared dimensions and the bounding boxes of cell and formula
//!   records of all sheets must stay within max_rows, max_columns, max_cells.
//! - `&stream[pos..]` with a BoundSheet offset past the stream panics: refused
//!   as corrupt here.

const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED: u32 = 0xFFFF_FFFA;

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s: [u8; 2] = b.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(u16::from_le_bytes(s))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(s))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let lo = u64::from(u32_at(b, at)?);
    let hi = u64::from(u32_at(b, at.checked_add(4)?)?);
    Some(lo | (hi << 32))
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// An OLE file holding an encrypted OOXML package ("EncryptionInfo" and
/// "EncryptedPackage" streams), as Office writes password-protected XLSX.
pub(crate) fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    if !bytes.starts_with(OLE_MAGIC) {
        return false;
    }
    let pkg = utf16le("EncryptedPackage");
    let info = utf16le("EncryptionInfo");
    bytes.windows(pkg.len()).any(|w| w == pkg.as_slice()) || bytes.windows(info.len()).any(|w| w == info.as_slice())
}

struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    maxid: u64,
}

/// What went wrong in the container.
pub(crate) enum CfbErr {
    Corrupt(String),
    Loop(String),
}

impl<'a> Cfb<'a> {
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector)?;
        let end = start.checked_add(self.sector)?.min(self.bytes.len());
        self.bytes.get(start..end)
    }

    /// Follows a chain as calamine does: stops at ENDOFCHAIN or when `len` bytes are read.
    fn chain(
        &self,
        start: u32,
        fat: &[u32],
        sector: usize,
        len: u64,
        data: &dyn Fn(u32) -> Option<&'a [u8]>,
        what: &str,
    ) -> Result<Vec<u8>, CfbErr> {
        let mut out = Vec::new();
        let mut seen = vec![false; fat.len().saturating_add(1)];
        let mut id = start;
        while id != ENDOFCHAIN {
            if u64::from(id) > self.maxid.saturating_mul(if sector == 64 { 8 } else { 1 }) {
                return Err(CfbErr::Corrupt(format!(
                    "{what}: sector {id} points past the end of the file"
                )));
            }
            let s = data(id).ok_or_else(|| CfbErr::Corrupt(format!("{what}: sector {id} is missing")))?;
            let remaining = len.saturating_sub(out.len() as u64);
            let take = (s.len() as u64).min(remaining) as usize;
            out.extend_from_slice(s.get(..take).unwrap_or(s));
            if out.len() as u64 >= len {
                break;
            }
            let idx = id as usize;
            match seen.get_mut(idx) {
                Some(flag) if !*flag => *flag = true,
                Some(_) => return Err(CfbErr::Loop(format!("{what}: sector chain loops back to sector {id}"))),
                None => {
                    return Err(CfbErr::Corrupt(format!(
                        "{what}: sector {id} is outside the allocation table"
                    )))
                }
            }
            id = *fat
                .get(idx)
                .ok_or_else(|| CfbErr::Corrupt(format!("{what}: sector {id} is outside the allocation table")))?;
        }
        Ok(out)
    }
}

/// Reads the Workbook stream of an XLS file the way calamine will, refusing loops.
pub(crate) fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, CfbErr> {
    let bad = |m: &str| CfbErr::Corrupt(m.to_string());
    let header = bytes.get(..512).ok_or_else(|| bad("the header is truncated"))?;
    let sector = match u16_at(header, 30) {
        Some(9) => 512usize,
        Some(12) => 4096usize,
        _ => return Err(bad("invalid sector size")),
    };
    let small = sector == 512;
    let maxid = (bytes.len() / sector) as u64;
    let mut cfb = Cfb {
        bytes,
        sector,
        fat: Vec::new(),
        maxid,
    };
    let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(header, 76 + 4 * i)).collect();
    let mut id = u32_at(header, 68).unwrap_or(ENDOFCHAIN);
    let mut steps = 0u64;
    while id < RESERVED {
        steps += 1;
        if steps > maxid + 1 {
            return Err(CfbErr::Loop("the DIFAT chain loops".into()));
        }
        let s = cfb
            .sector(id)
            .filter(|_| u64::from(id) <= maxid)
            .ok_or_else(|| bad("a DIFAT sector is missing"))?;
        difat.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
        id = difat.pop().ok_or_else(|| bad("empty DIFAT sector"))?;
    }
    let mut fat = Vec::new();
    for fid in difat.into_iter().filter(|id| *id < DIFSECT) {
        let s = cfb
            .sector(fid)
            .filter(|_| u64::from(fid) <= maxid)
            .ok_or_else(|| bad("a FAT sector is missing"))?;
        fat.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    cfb.fat = fat;
    let big = |id: u32| cfb.sector(id);
    let dirs = cfb.chain(
        u32_at(header, 48).unwrap_or(ENDOFCHAIN),
        &cfb.fat,
        sector,
        u64::MAX,
        &big,
        "directory",
    )?;
    let entries: Vec<(String, u32, u64)> = dirs
        .chunks_exact(128)
        .map(|d| {
            let units: Vec<u16> = (0..32)
                .filter_map(|i| u16_at(d, 2 * i))
                .take_while(|u| *u != 0)
                .collect();
            let name = String::from_utf16_lossy(&units);
            let start = u32_at(d, 116).unwrap_or(ENDOFCHAIN);
            let len = if small {
                u64::from(u32_at(d, 120).unwrap_or(0))
            } else {
                u64_at(d, 120).unwrap_or(0)
            };
            (name, start, len)
        })
        .collect();
    let root = entries.first().ok_or_else(|| bad("the root directory is empty"))?;
    let mini_fat_len = u64::from(u32_at(header, 64).unwrap_or(0));
    let (mini_fat, mini_stream) = if mini_fat_len > 0 {
        let ministream = cfb.chain(root.1, &cfb.fat, sector, root.2, &big, "mini stream")?;
        let mf = cfb.chain(
            u32_at(header, 60).unwrap_or(ENDOFCHAIN),
            &cfb.fat,
            sector,
            mini_fat_len.saturating_mul(sector as u64),
            &big,
            "mini FAT",
        )?;
        let mf: Vec<u32> = (0..mf.len() / 4).filter_map(|i| u32_at(&mf, 4 * i)).collect();
        (mf, ministream)
    } else {
        (Vec::new(), Vec::new())
    };
    let find = |n: &str| entries.iter().find(|e| e.0.eq_ignore_ascii_case(n));
    let entry = find("Workbook")
        .or_else(|| find("Book"))
        .ok_or_else(|| bad("there is no Workbook stream"))?;
    if entry.2 < 4096 {
        let mini = |id: u32| {
            let start = (id as usize).checked_mul(64)?;
            mini_stream.get(start..start.checked_add(64)?.min(mini_stream.len()))
        };
        cfb.chain(entry.1, &mini_fat, 64, entry.2, &mini, "Workbook stream")
    } else {
        cfb.chain(entry.1, &cfb.fat, sector, entry.2, &big, "Workbook stream")
    }
}
