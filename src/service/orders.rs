//! ERP purchase orders: JSON lines, validated, classified and stored as a batch; idempotent per key.

use super::json_error::public_message;
use super::resubmission;
use super::store::{self, Writer};
use super::{sha256_hex, BatchMeta, ServiceError};
use crate::classify::Classifier;
use crate::db::{self, batches, idempotency, Pool};
use crate::import::{ImportedItem, ItemFields, Record, SourceRow};
use serde::Deserialize;
use validator::Validate;

/// A purchase order as one JSON document (the alternative to JSON lines).
#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
pub struct PurchaseOrder {
    /// The order's lines; `line_ref` values must be unique.
    pub lines: Vec<OrderLine>,
}

/// One line of a purchase order.
#[derive(Debug, Clone, Deserialize, serde::Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderLine {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub line_ref: Option<String>,
    #[validate(length(min = 1, max = 4000))]
    #[schema(min_length = 1, max_length = 4000)]
    pub description: String,
    #[validate(range(min = 0.0, max = 1e12))]
    #[schema(minimum = 0.0, maximum = 1e12)]
    pub quantity: Option<f64>,
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub unit: Option<String>,
    #[validate(range(min = 0.0, max = 1e15))]
    #[schema(minimum = 0.0, maximum = 1e15)]
    pub unit_price: Option<f64>,
    #[validate(length(min = 3, max = 3))]
    #[schema(min_length = 3, max_length = 3)]
    pub currency: Option<String>,
    #[validate(length(max = 32))]
    #[schema(max_length = 32)]
    pub hs_code: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub control_code: Option<String>,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub supplier: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub origin: Option<String>,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub end_user: Option<String>,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub destination: Option<String>,
}

/// Field-level messages of a `validator` failure, prefixed with the line.
pub fn field_errors(prefix: &str, errors: &validator::ValidationErrors) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = errors
        .field_errors()
        .into_iter()
        .flat_map(|(field, errs)| {
            errs.iter().map(move |e| {
                let message = e
                    .message
                    .as_ref()
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| match e.code.as_ref() {
                        "length" => "has a length outside the allowed range".to_string(),
                        "range" => "is outside the allowed range".to_string(),
                        other => format!("is invalid ({other})"),
                    });
                (format!("{prefix}{field}"), message)
            })
        })
        .collect();
    out.sort();
    out
}

/// How the order's lines are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderFormat {
    /// One JSON object per line (`application/x-ndjson`); errors name `lines[<line number>]`.
    JsonLines,
    /// `{"lines": [...]}` (`application/json`); errors name `lines[<index>]` (from 0).
    Json,
}

/// Where a line's error is reported: its position, or `lines[?line_ref=='A-7']` (an RFC 9535 filter) when the
/// line carries the ERP's own reference, so the ERP finds it in its terms.
fn line_path(position: usize, line_ref: Option<&str>) -> String {
    match line_ref {
        Some(r) => format!("lines[?line_ref=='{}']", r.replace('\\', "\\\\").replace('\'', "\\'")),
        None => format!("lines[{position}]"),
    }
}

/// Checks one parsed line; its errors are added to `errors`.
fn check_line(position: usize, line: OrderLine, lines: &mut Vec<OrderLine>, errors: &mut Vec<(String, String)>) {
    match line.validate() {
        Ok(()) => lines.push(line),
        Err(e) => {
            let prefix = format!("{}.", line_path(position, line.line_ref.as_deref()));
            errors.extend(
                field_errors(&prefix, &e)
                    .into_iter()
                    .map(|(field, message)| (field, format!("{message} (line {position})"))),
            );
        }
    }
}

/// Parses an order's lines in `format`; every bad line is named, duplicate `line_ref` values are refused.
pub fn parse_order(body: &[u8], format: OrderFormat, max_lines: usize) -> Result<Vec<OrderLine>, ServiceError> {
    let too_many = || {
        ServiceError::Invalid(vec![(
            "body".into(),
            format!("has more than {max_lines} lines; split the order"),
        )])
    };
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut positions = Vec::new();
    match format {
        OrderFormat::JsonLines => {
            let text = std::str::from_utf8(body)
                .map_err(|_| ServiceError::Invalid(vec![("body".into(), "is not UTF-8 text".into())]))?;
            for (n, raw) in text.lines().enumerate() {
                if raw.trim().is_empty() {
                    continue;
                }
                if lines.len() >= max_lines {
                    return Err(too_many());
                }
                if let Some((field, c)) = control_character(raw) {
                    errors.push((format!("lines[{}].{field}", n + 1), crate::input_text::message(c)));
                    continue;
                }
                let before = lines.len();
                match serde_json::from_str::<OrderLine>(raw) {
                    Ok(line) => check_line(n + 1, line, &mut lines, &mut errors),
                    Err(e) => errors.push((
                        format!("lines[{}]", n + 1),
                        format!("is not a valid order line: {}", public_message(&e.to_string())),
                    )),
                }
                if lines.len() > before {
                    positions.push(n + 1);
                }
                if errors.len() >= 100 {
                    break;
                }
            }
        }
        OrderFormat::Json => {
            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Envelope {
                lines: Vec<serde_json::Value>,
            }
            let envelope: Envelope = serde_json::from_slice(body).map_err(|e| {
                ServiceError::Invalid(vec![(
                    "body".into(),
                    format!(
                        "must be {{\"lines\": [order lines]}}: {}",
                        public_message(&e.to_string())
                    ),
                )])
            })?;
            if envelope.lines.len() > max_lines {
                return Err(too_many());
            }
            for (i, raw) in envelope.lines.into_iter().enumerate() {
                if let Some((field, c)) = crate::input_text::find_in_json(&raw) {
                    errors.push((format!("lines[{i}].{field}"), crate::input_text::message(c)));
                    continue;
                }
                let before = lines.len();
                match serde_json::from_value::<OrderLine>(raw) {
                    Ok(line) => check_line(i, line, &mut lines, &mut errors),
                    Err(e) => errors.push((
                        format!("lines[{i}]"),
                        format!("is not a valid order line: {}", public_message(&e.to_string())),
                    )),
                }
                if lines.len() > before {
                    positions.push(i);
                }
                if errors.len() >= 100 {
                    break;
                }
            }
        }
    }
    let mut seen = std::collections::HashMap::new();
    for (line, position) in lines.iter().zip(&positions) {
        if let Some(r) = &line.line_ref {
            if let Some(first) = seen.insert(r.as_str(), *position) {
                errors.push((
                    format!("lines[{position}].line_ref"),
                    format!("duplicates the line_ref of line {first}; each line needs its own"),
                ));
            }
        }
    }
    if lines.is_empty() && errors.is_empty() {
        errors.push(("body".into(), "has no order lines".into()));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    Ok(lines)
}

/// Parses JSON lines (blank lines skipped); every bad line is named.
pub fn parse_lines(body: &[u8], max_lines: usize) -> Result<Vec<OrderLine>, ServiceError> {
    parse_order(body, OrderFormat::JsonLines, max_lines)
}

/// The field of one JSON line that holds a control character (PostgreSQL cannot store NUL; no field needs one).
fn control_character(raw: &str) -> Option<(String, char)> {
    if !crate::input_text::json_may_hold_control(raw.as_bytes()) {
        return None;
    }
    let value = serde_json::from_str::<serde_json::Value>(raw).ok()?;
    crate::input_text::find_in_json(&value)
}

#[derive(Debug)]
pub struct Order {
    pub project: String,
    pub reference: Option<String>,
    pub body: Vec<u8>,
    pub actor: crate::audit::Actor,
    pub request_id: Option<String>,
    pub idempotency_key: Option<String>,
    pub max_lines: usize,
    pub format: OrderFormat,
    /// How long a claimed key stays "in progress" before a retry may take it over (its request crashed).
    pub idempotency_timeout: std::time::Duration,
}

/// What to answer: a fresh response or the first one replayed.
#[derive(Debug)]
pub struct OrderOutcome {
    pub status: u16,
    pub body: String,
    pub replayed: bool,
}

/// Submits a purchase order. `render` turns the stored batch into the response (status, body) that is stored
/// with the idempotency key and replayed to a retry with the same key and body.
pub fn submit(
    pool: &Pool,
    classifier: &Classifier,
    order: Order,
    render: impl FnOnce(&batches::Batch) -> Result<(u16, String), ServiceError>,
) -> Result<OrderOutcome, ServiceError> {
    let lines = parse_order(&order.body, order.format, order.max_lines)?;
    let request_hash = sha256_hex(&[
        order.project.as_bytes(),
        order.reference.as_deref().unwrap_or("").as_bytes(),
        &order.body,
    ]);
    // The order's content whatever its format (JSON lines or JSON): what the natural key is compared on.
    let canonical = serde_json::to_vec(&lines).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let content_hash = sha256_hex(&[
        order.project.as_bytes(),
        order.reference.as_deref().unwrap_or("").as_bytes(),
        &canonical,
    ]);
    let mut conn = pool.get()?;
    let mut claim = None;
    if let Some(key) = &order.idempotency_key {
        match idempotency::begin(
            &mut conn,
            &order.actor.subject,
            key,
            &request_hash,
            order.idempotency_timeout,
            db::now(),
        )? {
            idempotency::Begin::Started { lease } => claim = Some((key.clone(), lease)),
            idempotency::Begin::Replay { status, body } => {
                return Ok(OrderOutcome {
                    status,
                    body,
                    replayed: true,
                })
            }
            idempotency::Begin::InProgress { retry_after } => {
                return Err(ServiceError::IdempotencyInProgress { retry_after })
            }
            idempotency::Begin::Mismatch => return Err(ServiceError::IdempotencyMismatch),
        }
    }
    let meta = BatchMeta {
        id: uuid::Uuid::new_v4().to_string(),
        project: order.project.clone(),
        file_name: order.reference.clone().unwrap_or_else(|| "purchase-order".into()),
        sha256: content_hash.clone(),
        source: batches::SOURCE_ERP,
        user: order.actor.subject.clone(),
        actor: order.actor.clone(),
        request_id: order.request_id.clone(),
        idempotency_key: order.idempotency_key.clone(),
    };
    // Classify before taking the write lock (SQLite has one writer): the transaction only inserts.
    let partner = crate::db::projects::get(&mut conn, &meta.project)?.and_then(|p| p.partner_country);
    let first = store::FirstScreening::of(&meta, classifier.catalog_version());
    let mut writer = Writer::new(classifier, &meta.id, first).with_partner_country(partner);
    for (i, line) in lines.into_iter().enumerate() {
        let item = ImportedItem {
            extra: Vec::new(),
            source: SourceRow {
                sheet: None,
                row: u32::try_from(i + 1).unwrap_or(u32::MAX),
            },
            fields: ItemFields {
                line_ref: line.line_ref,
                description: line.description,
                quantity: line.quantity,
                unit: line.unit,
                unit_price: line.unit_price,
                currency: line.currency,
                hs_code: line.hs_code,
                control_code: line.control_code,
                supplier: line.supplier,
                origin: line.origin,
                end_user: line.end_user,
                destination: line.destination,
            },
        };
        if let Err(e) = writer.add(Record::Item(item)) {
            if let Some((key, lease)) = &claim {
                let _ = idempotency::abandon(&mut conn, &order.actor.subject, key, *lease);
            }
            return Err(e);
        }
    }
    let result = db::write(&mut conn, |conn| {
        if let Some(reference) = &order.reference {
            // Idempotent on the natural key too: the same order under the same reference is the stored one.
            batches::lock_order_reference(conn, &order.project, reference)?;
            // The same lines again replay the newest order under the reference; changed lines are a
            // re-submission, stored as a new batch linked to the old one (below).
            if let Some(existing) =
                batches::find_order(conn, &order.project, reference)?.filter(|existing| existing.sha256 == content_hash)
            {
                let (_, body) = render(&existing)?;
                if let Some((key, lease)) = &claim {
                    idempotency::complete(conn, &order.actor.subject, key, *lease, 200, &body)?
                        .map_err(|_| ServiceError::IdempotencyInProgress { retry_after: 1 })?;
                }
                return Ok(OrderOutcome {
                    status: 200,
                    body,
                    replayed: true,
                });
            }
        }
        store::begin(conn, &meta, classifier.catalog_version())?;
        let linked = match &order.reference {
            Some(reference) => resubmission::link(conn, &mut writer, &meta, reference)?,
            None => Vec::new(),
        };
        let summary = writer.finish(conn, None)?;
        store::record(conn, &meta, &summary, classifier.catalog_version())?;
        resubmission::audit(conn, &meta, &linked, classifier.catalog_version())?;
        let batch = batches::get(conn, &meta.id)?
            .ok_or_else(|| ServiceError::Internal("the stored batch is missing".into()))?;
        let (status, body) = render(&batch)?;
        if let Some((key, lease)) = &claim {
            // Taken over meanwhile (this request outlived its lease): roll back rather than store it twice.
            idempotency::complete(conn, &order.actor.subject, key, *lease, status, &body)?
                .map_err(|_| ServiceError::IdempotencyInProgress { retry_after: 1 })?;
        }
        Ok::<_, ServiceError>(OrderOutcome {
            status,
            body,
            replayed: false,
        })
    });
    if result.is_err() {
        if let Some((key, lease)) = &claim {
            // Let the client retry a request that failed.
            let _ = idempotency::abandon(&mut conn, &order.actor.subject, key, *lease);
        }
    }
    result
}
