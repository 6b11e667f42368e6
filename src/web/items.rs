//! One item: its description with the matched words, every finding with its evidence and legal source, the
//! questions a reviewer must answer, and its review status.

use super::highlight;
use super::layout::{badge, page, Nav};
use super::session::Session;
use super::{html, WebResult};
use crate::api::items::visible_item;
use crate::api::AppState;
use crate::classify::{Classification, Finding};
use crate::db::items::Item;
use actix_web::web;
use maud::{html, Markup};

fn fields(item: &Item) -> Markup {
    let number = |v: Option<f64>| v.map(|n| n.to_string());
    let rows: [(&str, Option<String>); 12] = [
        ("Sheet", item.sheet.clone()),
        ("Line reference", item.line_ref.clone()),
        (
            "Quantity",
            number(item.quantity).map(|q| format!("{q} {}", item.unit.as_deref().unwrap_or(""))),
        ),
        (
            "Unit price",
            number(item.unit_price).map(|p| format!("{p} {}", item.currency.as_deref().unwrap_or(""))),
        ),
        ("HS code", item.hs_code.clone()),
        ("Declared control code", item.control_code.clone()),
        ("Supplier", item.supplier.clone()),
        ("Origin", item.origin.clone()),
        ("End user", item.end_user.clone()),
        ("Destination", item.destination.clone()),
        ("Review", Some(item.review_status.clone())),
        ("Review note", item.review_note.clone()),
    ];
    html! {
        dl.fields {
            @for (label, value) in rows {
                @if let Some(value) = value { dt { (label) } dd { (value.trim()) } }
            }
        }
    }
}

pub fn findings(c: &Classification) -> Markup {
    let mut ordered: Vec<&Finding> = c.findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.decision.severity()));
    html! {
        @if !c.questions.is_empty() {
            div.card.questions {
                h3 { "Questions for the reviewer" }
                ul { @for q in &c.questions { li { (q) } } }
            }
        }
        @for f in ordered {
            article.card.finding {
                h3 { (badge(f.decision.as_str())) " " a href={ "/catalog/" (f.entry) } { (f.entry) } " " (f.title) }
                p { (f.reason) }
                p.muted { (f.act) }
                @if let Some(q) = &f.question { p.question { (q) } }
                @if !f.evidence.is_empty() {
                    table.evidence {
                        caption { "Evidence" }
                        thead { tr { th scope="col" { "Where" } th scope="col" { "Kind" } th scope="col" { "Text" }
                            th scope="col" { "Matched" } th scope="col" { "Strength" } } }
                        tbody { @for e in &f.evidence { tr {
                            td { (format!("{:?}", e.field).to_lowercase()) }
                            td { (format!("{:?}", e.kind).to_lowercase()) }
                            td { mark { (e.text) } }
                            td { (e.matched) @if e.fuzzy { " (after correcting a typing error)" } }
                            td { (e.strength.map(|s| format!("{s:?}").to_lowercase()).unwrap_or_default()) }
                        } } }
                    }
                }
            }
        }
        @for i in &c.ignored {
            p.muted { "Not counted: \u{201c}" (i.text) "\u{201d} for " (i.entry) ", inside \u{201c}" (i.negative) "\u{201d}." }
        }
    }
}

/// "Row 18: Chargeur pour pistolet Glock 17", shortened for the tab and the heading.
fn title(item: &Item) -> String {
    let mut words: String = item.description.chars().take(70).collect();
    if item.description.chars().count() > 70 {
        words.push('…');
    }
    format!("Row {}: {}", item.row_number, words.trim())
}

pub async fn show(session: Session, state: web::Data<AppState>, path: web::Path<i64>) -> WebResult {
    let item = visible_item(&session.who, &state, path.into_inner()).await?;
    let c = serde_json::from_str::<Classification>(&item.classification).ok();
    let body = html! {
        p.meta { a href={ "/batches/" (item.batch_id) } { "← Back to the batch" } " · row " (item.row_number) }
        section.card {
            p.decision-line { (badge(&item.decision)) }
            p.description { (highlight::description(&item.description, c.as_ref())) }
            (fields(&item))
        }
        h2 { "Why" }
        @match &c {
            Some(c) => (findings(c)),
            None => p.error-detail { "The stored classification of this item cannot be read." },
        }
    };
    Ok(html(page(&title(&item), Some(&session), Nav::Batches, body)))
}
