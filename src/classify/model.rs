//! What the classifier takes and what it answers.

use crate::catalog::Strength;
use crate::decision::Decision;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The parts of an item that bear on its classification.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemText<'a> {
    pub description: &'a str,
    /// HS or national tariff code as written (`9301.90`, `9301 90 00`).
    pub hs_code: Option<&'a str>,
    /// Declared control-list code(s): `ML13.d`, `6A003.b.4`, `5A992.c`; several may be separated by `;` or `,`.
    pub control_code: Option<&'a str>,
    /// The line's other text cells (remarks, specifications, a cell beyond the header), each screened like
    /// the description; their evidence names the column.
    pub extra: &'a [ExtraText],
    /// Supplier or manufacturer named on the line: a known arms maker is a reason to ask (`catalog/arms_makers.toml`).
    pub supplier: Option<&'a str>,
    /// End user or consignee named on the line: screened with the supplier against the sanctions lists.
    pub end_user: Option<&'a str>,
}

/// One more text cell of an item, with the column it came from ("D (Remarks)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExtraText {
    pub column: String,
    pub text: String,
}

/// The field of the item a piece of evidence was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Description,
    HsCode,
    ControlCode,
    /// Another text column of the line; [`Evidence::column`] names it.
    Extra,
    Supplier,
    /// The end user or consignee, screened against the sanctions lists.
    EndUser,
    /// Where the line goes (destination, end-user or partner country), for restrictive measures.
    Destination,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A catalogue phrase (term, weak or context word).
    Phrase,
    Model,
    Calibre,
    Pattern,
    HsCode,
    DeclaredCode,
    /// A number the entry's threshold turns on (`30 Hz`).
    Measurement,
    /// A phrase that settles the entry's threshold (`cooled`, `mass market`).
    ThresholdPhrase,
    /// A known arms maker named as supplier or manufacturer.
    ArmsMaker,
    /// The destination as written, screened against restrictive measures (`matched`: which column).
    Destination,
    /// A supplier or end user resembling a listed (sanctioned) party (`matched`: the listed name).
    ListedParty,
}

/// One thing that was matched: where, what, and against which catalogue phrase, code or pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Evidence {
    pub field: Field,
    /// For [`Field::Extra`]: the column, with its letter and header ("D (Remarks)").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<String>,
    pub kind: EvidenceKind,
    /// The exact text of the item that matched.
    pub text: String,
    /// Character offsets `[start, end)` of `text` in the field (Unicode scalar values).
    #[schema(value_type = Vec<u64>, min_items = 2, max_items = 2)]
    pub span: [usize; 2],
    /// The catalogue phrase, HS prefix, code or pattern it matched.
    pub matched: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strength: Option<Strength>,
    /// Matched only after correcting a typing error.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub fuzzy: bool,
}

/// What one catalogue entry (or declared-code rule) says about the item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Finding {
    /// Catalogue entry code, or the id of a declared-code rule.
    pub entry: String,
    pub title: String,
    /// The act id (`EU-CML`, `EU-DU`, `EU-AT`, `HS`, `US-CCL`).
    pub list: String,
    /// The act's title, reference and version.
    pub act: String,
    /// What this finding contributes; the item's decision is the most severe one.
    pub decision: Decision,
    /// Why, in one sentence.
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    pub evidence: Vec<Evidence>,
}

/// A match that a negative phrase cancelled ("gun" inside "nail gun"), kept to explain a `clear`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Ignored {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<String>,
    pub text: String,
    #[schema(value_type = Vec<u64>, min_items = 2, max_items = 2)]
    pub span: [usize; 2],
    pub entry: String,
    pub negative: String,
}

/// The decision for one item with everything that explains it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Classification {
    pub decision: Decision,
    #[schema(value_type = String)]
    pub catalog_version: Arc<str>,
    pub findings: Vec<Finding>,
    /// For `review`: what a reviewer must answer.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub questions: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub ignored: Vec<Ignored>,
    /// The line's other text cells that were screened with the description (stored with the item, so an edit
    /// or a rescreen screens them again).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub other_text: Vec<ExtraText>,
    /// The sanctions lists the line's parties were screened against, with their versions
    /// (`UN-SC 2026-02-27T00:00:09.554Z`); empty when no list is loaded or the line names no party.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub party_lists: Vec<String>,
}

impl Classification {
    /// The codes of the findings that raised the decision, most severe first, for one-line summaries.
    pub fn entry_codes(&self) -> Vec<&str> {
        let mut findings: Vec<&Finding> = self.findings.iter().filter(|f| f.decision != Decision::Clear).collect();
        findings.sort_by_key(|f| std::cmp::Reverse(f.decision.severity()));
        findings.iter().map(|f| f.entry.as_str()).collect()
    }

    /// A one-line explanation: the first reason of each finding that raised the decision.
    pub fn summary(&self) -> String {
        let mut findings: Vec<&Finding> = self.findings.iter().filter(|f| f.decision != Decision::Clear).collect();
        findings.sort_by_key(|f| std::cmp::Reverse(f.decision.severity()));
        findings
            .iter()
            .map(|f| format!("{} ({}): {}", f.entry, f.decision, f.reason))
            .collect::<Vec<_>>()
            .join("; ")
    }
}
