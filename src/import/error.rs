//! Fatal import errors. Each message says what is wrong and how to fix it.

use super::header::DESCRIPTION_EXAMPLES;

/// Supported formats, listed in messages.
pub(crate) const SUPPORTED: &str = ".xlsx, .xlsm, .xlsb, .xls, .ods, .csv (also .tsv/.txt)";

fn sheet_part(sheet: &Option<String>) -> String {
    match sheet {
        Some(s) => format!(", sheet \"{s}\""),
        None => String::new(),
    }
}

/// A file that cannot be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: could not read the file ({source}); check that it exists and that you may read it")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{file}: the file is {size} bytes, above the limit of {limit} bytes; split it or remove embedded pictures and try again")]
    TooLarge { file: String, size: u64, limit: u64 },

    #[error("{file}: unsupported file: {detail}; supported formats are {}", SUPPORTED)]
    UnsupportedFormat { file: String, detail: String },

    #[error("{file}: the workbook is password-protected (encrypted); open it, remove the password and save it again, then upload it")]
    Encrypted { file: String },

    #[error("{file}{}: the file is damaged and cannot be read ({detail}); open it in your spreadsheet application and save it again", sheet_part(.sheet))]
    Corrupt {
        file: String,
        sheet: Option<String>,
        detail: String,
    },

    #[error("{file}{}: file refused for safety: {detail} (limit {limit_name} = {limit_value}); save only the item list in a fresh file and upload that", sheet_part(.sheet))]
    Hostile {
        file: String,
        sheet: Option<String>,
        limit_name: &'static str,
        limit_value: u64,
        detail: String,
    },

    #[error("{file}: no header row with a description column found in the first {scanned_rows} rows of {}; expected one of: {}; found: {}", sheets_text(.sheets), DESCRIPTION_EXAMPLES, found_text(.found))]
    NoHeader {
        file: String,
        sheets: Vec<String>,
        scanned_rows: u32,
        /// The non-empty cells of the first rows, so the user sees what we saw.
        found: Vec<String>,
    },

    #[error("{file}: there is no sheet named \"{sheet}\"; the sheets are: {}", .available.join(", "))]
    SheetNotFound {
        file: String,
        sheet: String,
        available: Vec<String>,
    },

    #[error("{file}{}: the file contains no data; check that you uploaded the right file", sheet_part(.sheet))]
    Empty { file: String, sheet: Option<String> },
}

fn sheets_text(sheets: &[String]) -> String {
    if sheets.is_empty() {
        "the file".to_string()
    } else {
        format!("sheet(s) {}", sheets.join(", "))
    }
}

fn found_text(found: &[String]) -> String {
    if found.is_empty() {
        "no text cells".to_string()
    } else {
        found.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
    }
}

impl ImportError {
    /// A stable machine code for the kind of failure (the pages word each kind in the reader's language).
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Io { .. } => "io",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::UnsupportedFormat { .. } => "unsupported_format",
            ImportError::Encrypted { .. } => "encrypted",
            ImportError::Corrupt { .. } => "corrupt",
            ImportError::Hostile { .. } => "hostile",
            ImportError::NoHeader { .. } => "no_header",
            ImportError::SheetNotFound { .. } => "sheet_not_found",
            ImportError::Empty { .. } => "empty",
        }
    }

    /// The file name the error is about.
    pub fn file(&self) -> &str {
        match self {
            ImportError::Io { file, .. }
            | ImportError::TooLarge { file, .. }
            | ImportError::UnsupportedFormat { file, .. }
            | ImportError::Encrypted { file }
            | ImportError::Corrupt { file, .. }
            | ImportError::Hostile { file, .. }
            | ImportError::NoHeader { file, .. }
            | ImportError::SheetNotFound { file, .. }
            | ImportError::Empty { file, .. } => file,
        }
    }

    pub(crate) fn corrupt(file: &str, sheet: Option<&str>, detail: impl std::fmt::Display) -> Self {
        ImportError::Corrupt {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            detail: detail.to_string(),
        }
    }

    /// Wraps a read failure of `file` (for `map_err`).
    pub(crate) fn io(file: &str) -> impl Fn(std::io::Error) -> ImportError + Copy + '_ {
        move |source| ImportError::Io {
            file: file.to_string(),
            source,
        }
    }

    pub(crate) fn hostile(
        file: &str,
        sheet: Option<&str>,
        limit_name: &'static str,
        limit_value: u64,
        detail: impl std::fmt::Display,
    ) -> Self {
        ImportError::Hostile {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            limit_name,
            limit_value,
            detail: detail.to_string(),
        }
    }
}
