//! Printable decision records: one item's (`/items/{id}/record`) and one batch's (`/batches/{id}/record`).
//! Each says what was decided, on which evidence under which catalogue version, and who reviewed it when with
//! which justification; the print stylesheet leaves out the menu and every form. Same access as the item and
//! batch pages (project scoping through `visible_item` / `visible_batch`).

use super::layout::{decision_badge, page, Nav};
use super::record_parts::{batch_facts, clear_table, full_item, history_table, RecordedItem};
use super::session::Session;
use super::{html, WebResult};
use crate::api::batches::visible_batch;
use crate::api::items::visible_item;
use crate::api::{blocking, AppState};
use crate::db::audit::{AuditFilter, AuditRow};
use crate::db::items::{self, Item, ItemFilter};
use crate::db::{DbConnection, DbError};
use crate::decision::Decision;
use crate::review::history::History;
use actix_web::web;
use maud::html;

/// Review steps read per item: far more than any item's history.
const HISTORY_LIMIT: i64 = 500;
/// Items read per query while gathering a batch.
const ITEMS_PAGE: i64 = 1_000;

/// Every audit record about one entity (an item, a batch), oldest first.
fn trail(conn: &mut DbConnection, entity_type: &str, id: &str) -> Result<Vec<AuditRow>, DbError> {
    let filter = AuditFilter {
        entity_type: Some(entity_type.to_string()),
        entity_id: Some(id.to_string()),
        ..AuditFilter::default()
    };
    let (mut rows, _) = crate::db::audit::list(conn, None, &filter, HISTORY_LIMIT, 0)?;
    rows.sort_by_key(|r| r.seq);
    Ok(rows)
}

/// An item with what its record shows: its screenings and its review history.
fn recorded(conn: &mut DbConnection, item: Item, batch: &crate::db::batches::Batch) -> Result<RecordedItem, DbError> {
    let history = History::load(conn, &item, batch)?;
    let steps = trail(conn, "item", &item.id.to_string())?;
    Ok(RecordedItem {
        item,
        screenings: history.screenings,
        steps,
    })
}

pub async fn item(session: Session, state: web::Data<AppState>, path: web::Path<i64>) -> WebResult {
    let id = path.into_inner();
    visible_item(&session.who, &state, id).await?;
    let (record, batch) = blocking(move || {
        let mut conn = state.pool.get()?;
        let (item, batch) = crate::db::review::item_with_batch(&mut conn, id)?
            .ok_or_else(|| DbError::Corrupt(format!("item {id} vanished")))?;
        let record = recorded(&mut conn, item, &batch)?;
        Ok::<_, DbError>((record, batch))
    })
    .await?;
    let lang = session.lang;
    let title = lang.tr_args(
        "record-item-title",
        &[("item", super::items::title(lang, &record.item).into())],
    );
    let body = html! {
        p.meta.screen-only { a href={ "/items/" (record.item.id) } { (lang.tr("record-back-to-item")) } " · " (lang.tr("record-print-hint")) }
        (batch_facts(lang, &session, &batch, None))
        (full_item(lang, &batch, &record, 2))
    };
    Ok(html(page(&title, Some(&session), Nav::Batches, body)))
}

pub async fn batch(session: Session, state: web::Data<AppState>, path: web::Path<String>) -> WebResult {
    let batch = visible_batch(&session.who, &state, path.into_inner()).await?;
    let batch2 = batch.clone();
    let (full, clear, steps, verdict) = blocking(move || {
        let mut conn = state.pool.get()?;
        let filter = ItemFilter {
            by_severity: true,
            ..ItemFilter::default()
        };
        let mut all: Vec<Item> = Vec::new();
        loop {
            let (rows, total) = items::list(&mut conn, &batch2.id, &filter, ITEMS_PAGE, all.len() as i64)?;
            let done = rows.is_empty();
            all.extend(rows);
            if done || all.len() as i64 >= total {
                break;
            }
        }
        let (clear, others): (Vec<Item>, Vec<Item>) =
            all.into_iter().partition(|i| i.decision == Decision::Clear.as_str());
        let mut full = Vec::with_capacity(others.len());
        for item in others {
            full.push(recorded(&mut conn, item, &batch2)?);
        }
        let steps = trail(&mut conn, "batch", &batch2.id)?;
        let verdict = crate::review::officer::verdict(&mut conn, &batch2)?;
        Ok::<_, DbError>((full, clear, steps, verdict))
    })
    .await?;
    let lang = session.lang;
    let title = lang.tr_args("record-batch-title", &[("file", batch.file_name.clone().into())]);
    let counts = super::batches::decision_counts(&batch);
    let state = verdict.state.map(|s| s.as_str()).unwrap_or("open");
    let body = html! {
        p.meta.screen-only { a href={ "/batches/" (batch.id) } { (lang.tr("record-back-to-batch")) } " · " (lang.tr("record-print-hint")) }
        (batch_facts(lang, &session, &batch, Some(state)))
        section.card aria-labelledby="record-counts-h" {
            h2 #record-counts-h { (lang.tr_args("batch-by-decision", &[("count", batch.item_count.into()), ("n", lang.number(batch.item_count).into())])) }
            ul.counts { @for (d, n) in &counts { li { (decision_badge(lang, d.as_str())) " " strong.count { (lang.number(*n)) } } } }
        }
        section aria-labelledby="record-full-h" {
            h2 #record-full-h { (lang.tr_args("record-not-clear", &[("count", full.len().into())])) }
            @if full.is_empty() { p { (lang.tr("record-none-not-clear")) } }
            @for record in &full { (full_item(lang, &batch, record, 3)) }
        }
        section aria-labelledby="record-clear-h" {
            h2 #record-clear-h { (lang.tr_args("record-clear", &[("count", clear.len().into())])) }
            @if !clear.is_empty() { (clear_table(lang, &clear)) }
        }
        section aria-labelledby="record-batch-steps-h" {
            h2 #record-batch-steps-h { (lang.tr("record-batch-steps")) }
            (history_table(lang, &steps, "record-batch-steps-caption"))
        }
    };
    Ok(html(page(&title, Some(&session), Nav::Batches, body)))
}
