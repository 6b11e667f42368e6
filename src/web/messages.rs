//! The service's own sentences (import problems, import errors, review refusals) in the reader's language.
//!
//! The API keeps its machine codes and English `detail`; the pages word each kind through a Fluent key named by
//! its code (`problem-description_empty`, `import-error-encrypted`, `refusal-four_eyes`). A row problem is stored
//! with its English message only, so its kind is recognised from the message's fixed wording; a message of no
//! known kind is shown as the service wrote it rather than lost.

use crate::db::items::Problem;
use crate::i18n::Lang;
use crate::import::ImportError;
use fluent_templates::fluent_bundle::FluentValue;

/// The kinds of problem the import records on a row or cell (src/import/items.rs, src/service/store.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    CellTruncated,
    DescriptionError,
    DescriptionEmpty,
    CellError,
    QuantityNotNumber,
    QuantityNotNumberScreened,
    UnitPriceNotNumber,
    UnitPriceNotNumberScreened,
    QuantityNegative,
    NoHeaderBeyond,
    NoHeaderEmpty,
    ControlCharacterRemoved,
}

impl ProblemKind {
    #[cfg(test)]
    pub const ALL: [ProblemKind; 12] = [
        ProblemKind::CellTruncated,
        ProblemKind::DescriptionError,
        ProblemKind::DescriptionEmpty,
        ProblemKind::CellError,
        ProblemKind::QuantityNotNumber,
        ProblemKind::QuantityNotNumberScreened,
        ProblemKind::UnitPriceNotNumber,
        ProblemKind::UnitPriceNotNumberScreened,
        ProblemKind::QuantityNegative,
        ProblemKind::NoHeaderBeyond,
        ProblemKind::NoHeaderEmpty,
        ProblemKind::ControlCharacterRemoved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::CellTruncated => "cell_truncated",
            ProblemKind::DescriptionError => "description_error",
            ProblemKind::DescriptionEmpty => "description_empty",
            ProblemKind::CellError => "cell_error",
            ProblemKind::QuantityNotNumber => "quantity_not_number",
            ProblemKind::QuantityNotNumberScreened => "quantity_not_number_screened",
            ProblemKind::UnitPriceNotNumber => "unit_price_not_number",
            ProblemKind::UnitPriceNotNumberScreened => "unit_price_not_number_screened",
            ProblemKind::QuantityNegative => "quantity_negative",
            ProblemKind::NoHeaderBeyond => "no_header_beyond",
            ProblemKind::NoHeaderEmpty => "no_header_empty",
            ProblemKind::ControlCharacterRemoved => "control_character_removed",
        }
    }

    /// The kind of a stored English problem message, by the fixed words each kind starts with.
    pub fn of(message: &str) -> Option<ProblemKind> {
        let screened = message.contains("(its text was screened)");
        let kind = if message.starts_with("the cell has ") && message.contains("more than the limit of") {
            ProblemKind::CellTruncated
        } else if message.starts_with("the description cell shows the error ") {
            ProblemKind::DescriptionError
        } else if message.starts_with("description is empty") {
            ProblemKind::DescriptionEmpty
        } else if message.starts_with("the cell shows the error ") {
            ProblemKind::CellError
        } else if message.starts_with("the quantity is not a number") {
            if screened {
                ProblemKind::QuantityNotNumberScreened
            } else {
                ProblemKind::QuantityNotNumber
            }
        } else if message.starts_with("the unit price is not a number") {
            if screened {
                ProblemKind::UnitPriceNotNumberScreened
            } else {
                ProblemKind::UnitPriceNotNumber
            }
        } else if message.starts_with("the quantity is negative") {
            ProblemKind::QuantityNegative
        } else if message.starts_with("a value beyond the last header column has no column header") {
            ProblemKind::NoHeaderBeyond
        } else if message.starts_with("a value under an empty header cell has no column header") {
            ProblemKind::NoHeaderEmpty
        } else if message.starts_with("the control character U+") {
            ProblemKind::ControlCharacterRemoved
        } else {
            return None;
        };
        Some(kind)
    }
}

/// The first run of digits after `after` in `message` ("the cell has 40000 characters" → 40000).
fn number_after(message: &str, after: &str) -> i64 {
    message
        .split_once(after)
        .map(|(_, rest)| rest.trim_start())
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(0)
}

/// The word after `after` up to the next `;` ("the cell shows the error #DIV/0!; fix" → "#DIV/0!").
fn word_after(message: &str, after: &str) -> String {
    message
        .split_once(after)
        .map(|(_, rest)| rest.split(';').next().unwrap_or("").trim().to_string())
        .unwrap_or_default()
}

/// A row problem in the reader's language (the stored wording when its kind is not known).
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    problem_message(lang, &problem.message, problem.value.as_deref())
}

pub fn problem_message(lang: Lang, message: &str, value: Option<&str>) -> String {
    let Some(kind) = ProblemKind::of(message) else {
        return message.to_string();
    };
    let key = format!("problem-{}", kind.code());
    match kind {
        ProblemKind::CellTruncated => lang.tr_args(
            &key,
            &[
                ("chars", lang.number(number_after(message, "the cell has")).into()),
                ("limit", lang.number(number_after(message, "the limit of")).into()),
            ],
        ),
        ProblemKind::DescriptionError | ProblemKind::CellError => {
            let error = value
                .map(str::to_string)
                .unwrap_or_else(|| word_after(message, "shows the error"));
            lang.tr_args(&key, &[("error", error.into())])
        }
        ProblemKind::ControlCharacterRemoved => {
            let character = word_after(message, "the control character")
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            lang.tr_args(&key, &[("character", character.into())])
        }
        _ => lang.tr(&key),
    }
}

/// Where an import error is: the file, and its sheet when it names one.
fn file_and_sheet(lang: Lang, file: &str, sheet: Option<&str>) -> String {
    match sheet {
        Some(sheet) => lang.tr_args(
            "import-error-where-sheet",
            &[("file", file.to_string().into()), ("sheet", sheet.to_string().into())],
        ),
        None => file.to_string(),
    }
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\u{201c}{v}\u{201d}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A file that could not be imported at all, in the reader's language.
pub fn import_error_text(lang: Lang, error: &ImportError) -> String {
    let key = format!("import-error-{}", error.code());
    let text = |s: &str| FluentValue::from(s.to_string());
    let args: Vec<(&'static str, FluentValue<'_>)> = match error {
        ImportError::Io { file, source } => vec![("where", text(file)), ("detail", source.to_string().into())],
        ImportError::TooLarge { file, size, limit } => vec![
            ("where", text(file)),
            ("size", lang.number(i64::try_from(*size).unwrap_or(i64::MAX)).into()),
            ("limit", lang.number(i64::try_from(*limit).unwrap_or(i64::MAX)).into()),
        ],
        ImportError::UnsupportedFormat { file, detail } => vec![
            ("where", text(file)),
            ("detail", text(detail)),
            ("formats", text(crate::import::SUPPORTED_FORMATS)),
        ],
        ImportError::Encrypted { file } => vec![("where", text(file))],
        ImportError::Corrupt { file, sheet, detail } => vec![
            ("where", file_and_sheet(lang, file, sheet.as_deref()).into()),
            ("detail", text(detail)),
        ],
        ImportError::Hostile {
            file,
            sheet,
            limit_name,
            limit_value,
            detail,
        } => vec![
            ("where", file_and_sheet(lang, file, sheet.as_deref()).into()),
            ("detail", text(detail)),
            ("limit", format!("{limit_name} = {limit_value}").into()),
        ],
        ImportError::NoHeader {
            file,
            sheets,
            scanned_rows,
            found,
        } => vec![
            ("where", text(file)),
            ("rows", (*scanned_rows).into()),
            ("sheets", sheets.join(", ").into()),
            ("found", quoted(found).into()),
            ("expected", text(crate::import::DESCRIPTION_EXAMPLES)),
        ],
        ImportError::SheetNotFound { file, sheet, available } => vec![
            ("where", text(file)),
            ("sheet", text(sheet)),
            ("available", available.join(", ").into()),
        ],
        ImportError::Empty { file, sheet } => vec![("where", file_and_sheet(lang, file, sheet.as_deref()).into())],
    };
    lang.tr_args(&key, &args)
}

/// A review refusal or conflict by its machine code; the service's English when the code has no message.
pub fn refusal_text(lang: Lang, code: &str, english: &str) -> String {
    lang.try_tr(&format!("refusal-{code}"))
        .unwrap_or_else(|| english.to_string())
}

/// A refusal whose English detail names the case (which serial, how many units): the rule in the reader's
/// language with that detail kept and marked as English; in English the service's own sentence.
pub fn refusal_with_detail(lang: Lang, code: &str, detail: &str) -> String {
    match lang.try_tr(&format!("refusal-{code}")) {
        Some(rule) if lang != Lang::En => format!(
            "{rule} {}",
            lang.tr_args("refusal-detail", &[("detail", detail.to_string().into())])
        ),
        _ => detail.to_string(),
    }
}

#[cfg(test)]
#[path = "messages_tests.rs"]
mod tests;
