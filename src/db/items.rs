//! Items and import problems of a batch. Inserts go in chunks, matched per backend (multi-row `INSERT` does not
//! compile through the `MultiConnection` enum).

use super::schema::{batches, import_problems, items};
use super::{DbConnection, DbError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Items classified and stored at a time by an upload.
pub const CHUNK: usize = 500;

/// pending, on_hold (a question to the uploader), proposed (a prohibited item's reclassification waiting for a
/// second reviewer), approved (may be delivered), rejected. See `crate::review`.
pub const REVIEW_STATUSES: [&str; 5] = ["pending", "on_hold", "proposed", "approved", "rejected"];

#[derive(Debug, Clone, Queryable)]
pub struct Item {
    pub id: i64,
    pub batch_id: String,
    pub position: i64,
    pub sheet: Option<String>,
    pub row_number: i64,
    pub line_ref: Option<String>,
    pub description: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub unit_price: Option<f64>,
    pub currency: Option<String>,
    pub hs_code: Option<String>,
    pub control_code: Option<String>,
    pub supplier: Option<String>,
    pub origin: Option<String>,
    pub end_user: Option<String>,
    pub destination: Option<String>,
    pub decision: String,
    /// JSON: the classification with findings and evidence.
    pub classification: String,
    pub review_status: String,
    pub review_note: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
    /// Raised by every change; conditional updates on it keep concurrent reviewers from losing updates.
    pub version: i64,
    /// The catalogue entry a reviewer set when reclassifying.
    pub review_entry: Option<String>,
    /// JSON: a prohibited item's reclassification waiting for a second reviewer.
    pub proposal: Option<String>,
    /// JSON: the question put to the uploader, and its answer.
    pub question: Option<String>,
    /// JSON: why a rescreen after a catalogue change sent the item back to the queue.
    pub rescreen: Option<String>,
    /// Screened (or decided) prohibited at some point; never goes back (the database refuses).
    pub ever_prohibited: bool,
    /// The two distinct reviewers who confirmed lowering a prohibited decision (see `crate::review`).
    pub lowered_by: Option<String>,
    pub lowering_confirmed_by: Option<String>,
    /// The item an ERP re-submission of the same purchase-order line replaces.
    pub supersedes: Option<i64>,
}

impl Item {
    /// The line's other text cells, kept in its classification (`other_text`) so an edit or a rescreen
    /// screens them again; none when there are none or the JSON is unreadable.
    pub fn extra_texts(&self) -> Vec<crate::classify::ExtraText> {
        #[derive(serde::Deserialize)]
        struct OtherText {
            #[serde(default)]
            other_text: Vec<crate::classify::ExtraText>,
        }
        serde_json::from_str::<OtherText>(&self.classification)
            .map(|o| o.other_text)
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = items, treat_none_as_default_value = false)]
pub struct NewItem {
    pub batch_id: String,
    pub position: i64,
    pub sheet: Option<String>,
    pub row_number: i64,
    pub line_ref: Option<String>,
    pub description: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub unit_price: Option<f64>,
    pub currency: Option<String>,
    pub hs_code: Option<String>,
    pub control_code: Option<String>,
    pub supplier: Option<String>,
    pub origin: Option<String>,
    pub end_user: Option<String>,
    pub destination: Option<String>,
    pub decision: String,
    pub classification: String,
    pub review_status: String,
    pub ever_prohibited: bool,
    pub supersedes: Option<i64>,
    /// JSON: a held re-submission's proposal (see `crate::review::history`).
    pub proposal: Option<String>,
}

#[derive(Debug, Clone, Queryable)]
pub struct Problem {
    pub id: i64,
    pub batch_id: String,
    pub position: i64,
    pub sheet: Option<String>,
    pub row_number: i64,
    pub column_ref: Option<String>,
    pub value: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = import_problems, treat_none_as_default_value = false)]
pub struct NewProblem {
    pub batch_id: String,
    pub position: i64,
    pub sheet: Option<String>,
    pub row_number: i64,
    pub column_ref: Option<String>,
    pub value: Option<String>,
    pub message: String,
}

/// PostgreSQL: one binary `COPY` (several times faster than `INSERT`s); SQLite: see [`insert_rows!`].
pub fn insert_items(conn: &mut DbConnection, rows: &[NewItem]) -> Result<(), DbError> {
    insert_rows!(conn, items::table, rows, copy_from = 1);
    Ok(())
}

pub fn insert_problems(conn: &mut DbConnection, rows: &[NewProblem]) -> Result<(), DbError> {
    insert_rows!(conn, import_problems::table, rows, copy_from = super::COPY_FROM_ROWS);
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    pub decision: Option<String>,
    pub review_status: Option<String>,
    /// Text search in the description, case-insensitive.
    pub q: Option<String>,
    /// Most severe decision first (then sheet order); false: sheet order.
    pub by_severity: bool,
}

/// The items' decisions ranked most severe first, as an SQL expression both databases read.
pub const SEVERITY_RANK_SQL: &str = "CASE items.decision WHEN 'prohibited' THEN 0 WHEN 'military' THEN 1 \
    WHEN 'dual_use' THEN 2 WHEN 'controlled' THEN 3 WHEN 'review' THEN 4 ELSE 5 END";

/// The severity rank as something to order by.
pub fn severity_rank() -> diesel::expression::SqlLiteral<diesel::sql_types::Integer> {
    diesel::dsl::sql::<diesel::sql_types::Integer>(SEVERITY_RANK_SQL)
}

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// `%text%` with the LIKE wildcards of the user's text escaped.
pub(crate) fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

pub fn list(
    conn: &mut DbConnection,
    batch_id: &str,
    filter: &ItemFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Item>, i64), DbError> {
    let build = || {
        let mut query = items::table
            .filter(items::batch_id.eq(batch_id.to_string()))
            .into_boxed();
        if let Some(decision) = &filter.decision {
            query = query.filter(items::decision.eq(decision.clone()));
        }
        if let Some(status) = &filter.review_status {
            query = query.filter(items::review_status.eq(status.clone()));
        }
        if let Some(q) = &filter.q {
            query = query.filter(lower(items::description).like(like_pattern(q)).escape('\\'));
        }
        query
    };
    let total = build().count().get_result::<i64>(conn)?;
    let ordered = if filter.by_severity {
        build().order((severity_rank().asc(), items::position.asc()))
    } else {
        build().order(items::position.asc())
    };
    let rows = ordered.limit(limit).offset(offset).load::<Item>(conn)?;
    Ok((rows, total))
}

/// One item with the project of its batch.
pub fn get(conn: &mut DbConnection, id: i64) -> Result<Option<(Item, String)>, DbError> {
    let item = items::table.find(id).first::<Item>(conn).optional()?;
    let Some(item) = item else { return Ok(None) };
    let project = batches::table
        .find(&item.batch_id)
        .select(batches::project_id)
        .first::<String>(conn)?;
    Ok(Some((item, project)))
}

/// The classifications of a batch's lines that name a destination under measures or a listed party (at most
/// `limit`, enough to name every measure and party of one batch).
pub fn classifications_with_notices(
    conn: &mut DbConnection,
    batch_id: &str,
    limit: i64,
) -> Result<Vec<String>, DbError> {
    Ok(items::table
        .filter(items::batch_id.eq(batch_id))
        .filter(
            items::classification
                .like("%\"kind\":\"destination\"%")
                .or(items::classification.like("%\"kind\":\"listed_party\"%")),
        )
        .order(items::position)
        .select(items::classification)
        .limit(limit)
        .load(conn)?)
}

pub fn list_problems(
    conn: &mut DbConnection,
    batch_id: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Problem>, i64), DbError> {
    let total = import_problems::table
        .filter(import_problems::batch_id.eq(batch_id))
        .count()
        .get_result::<i64>(conn)?;
    let rows = import_problems::table
        .filter(import_problems::batch_id.eq(batch_id))
        .order(import_problems::position)
        .limit(limit)
        .offset(offset)
        .load::<Problem>(conn)?;
    Ok((rows, total))
}

/// Every item of a batch in order, `chunk` rows per query (keyset paging, so large batches stay linear).
pub fn for_each_in_batch(
    conn: &mut DbConnection,
    batch_id: &str,
    chunk: i64,
    mut f: impl FnMut(Item) -> Result<(), DbError>,
) -> Result<(), DbError> {
    let mut after = i64::MIN;
    loop {
        let rows = items::table
            .filter(items::batch_id.eq(batch_id))
            .filter(items::position.gt(after))
            .order(items::position)
            .limit(chunk)
            .load::<Item>(conn)?;
        let done = (rows.len() as i64) < chunk;
        for row in rows {
            after = row.position;
            f(row)?;
        }
        if done {
            return Ok(());
        }
    }
}
