//! Resource limits applied to every import, before and while the file is read.

/// Limits that keep a hostile or absurd upload from exhausting memory or time.
///
/// Every limit is checked before the spreadsheet library sees the bytes where
/// the danger comes from declared sizes, and again while cells are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportLimits {
    /// Largest accepted input file, in bytes. Default 50 MiB: procurement
    /// sheets are a few hundred kilobytes; 50 MiB leaves room for embedded images.
    pub max_input_bytes: u64,
    /// Largest total size of all zip entries once inflated (XLSX, XLSM, XLSB,
    /// ODS), counted by really inflating them. Default 512 MiB.
    pub max_decompressed_bytes: u64,
    /// Largest number of entries in a zip-based workbook. Default 10 000.
    pub max_zip_entries: u64,
    /// Largest row number read from a sheet. Default 1 048 576 (Excel's own maximum).
    pub max_rows: u32,
    /// Largest column count accepted from declared sizes and cell positions.
    /// Default 16 384 (Excel's own maximum, column XFD).
    pub max_columns: u32,
    /// Number of leading columns actually read; cells further right are ignored.
    /// Default 256 (column IV): no procurement sheet has more item columns.
    pub read_columns: u32,
    /// Largest number of cells read from a file (all sheets together), and the
    /// largest cell grid the spreadsheet library may be asked to allocate.
    /// Default 20 000 000.
    pub max_cells: u64,
    /// Longest accepted cell text, in characters. Default 32 767 (Excel's own
    /// maximum); longer cells are truncated and reported as a problem.
    pub max_cell_chars: usize,
    /// Largest total of cell text in a zip-based workbook's XML (shared strings, inline strings, ODS cells),
    /// counted while inflating, in bytes. Default 32 MiB: a list of 20 000 items with long descriptions is
    /// a few megabytes; calamine keeps every shared string in memory at once.
    pub max_text_bytes: u64,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_input_bytes: 50 * 1024 * 1024,
            max_decompressed_bytes: 512 * 1024 * 1024,
            max_zip_entries: 10_000,
            max_rows: 1_048_576,
            max_columns: 16_384,
            read_columns: 256,
            max_cells: 20_000_000,
            max_cell_chars: 32_767,
            max_text_bytes: 32 * 1024 * 1024,
        }
    }
}
