//! One item: its description with the matched words, every finding with its evidence and legal source, the
//! questions a reviewer must answer, and its review status.

use super::highlight;
use super::layout::{badge, page, Nav};
use super::session::Session;
use super::WebResult;
use crate::api::error::ApiError;
use crate::api::items::visible_item;
use crate::api::{blocking, AppState};
use crate::classify::{Classification, Finding};
use crate::db::audit::AuditFilter;
use crate::db::items::Item;
use crate::db::screenings::Screening;
use crate::db::DbError;
use crate::review::history::History;
use actix_web::web;
use actix_web::HttpResponse;
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
    let extra = item.extra_texts();
    html! {
        dl.fields {
            @for (label, value) in rows {
                @if let Some(value) = value { dt { (label) } dd { (value.trim()) } }
            }
            // The line's other text cells, screened with the description.
            @for e in &extra { dt { "Column " (e.column) } dd { (e.text) } }
        }
    }
}

/// Every finding, most severe first; `settle` adds a form under a finding (a reviewer settling a party match).
pub fn findings(c: &Classification, settle: &dyn Fn(&Finding) -> Option<Markup>) -> Markup {
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
                @if let Some(form) = settle(f) { (form) }
                @if !f.evidence.is_empty() {
                    table.evidence {
                        caption { "Evidence" }
                        thead { tr { th scope="col" { "Where" } th scope="col" { "Kind" } th scope="col" { "Text" }
                            th scope="col" { "Matched" } th scope="col" { "Strength" } } }
                        tbody { @for e in &f.evidence { tr {
                            td { @match &e.column {
                                Some(column) => { "column " (column) },
                                None => { (format!("{:?}", e.field).to_lowercase()) },
                            } }
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
            p.muted { "Not counted: \u{201c}" (i.text) "\u{201d} for " (i.entry) ", inside \u{201c}" (i.negative) "\u{201d}"
                @if let Some(column) = &i.column { " (column " (column) ")" } "." }
        }
    }
}

/// Every screening of the item, oldest first: the first one stays whatever was corrected since.
fn screenings(rows: &[Screening]) -> Markup {
    html! {
        section aria-labelledby="screenings-h" {
            h2 #screenings-h { "Screenings" }
            table {
                thead { tr { th scope="col" { "When (UTC)" } th scope="col" { "Cause" } th scope="col" { "Decision" }
                    th scope="col" { "By" } th scope="col" { "Catalogue" } th scope="col" { "Evidence" } } }
                tbody { @for s in rows { tr {
                    td { (s.screened_at.format("%Y-%m-%d %H:%M")) }
                    td { (s.cause) @if let Some(from) = s.from_item_id { " (" a href={ "/items/" (from) } { "item " (from) } ")" } }
                    td { (badge(&s.decision)) }
                    td { (s.screened_by) }
                    td { (s.catalog_version) }
                    td { (s.evidence) }
                } } }
            }
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

#[derive(Debug, serde::Deserialize)]
pub struct ShowQuery {
    /// The review step just saved (after a redirect).
    done: Option<String>,
}

pub async fn show(
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    params: web::Query<ShowQuery>,
) -> WebResult {
    let done = params.into_inner().done;
    render(&session, &state, path.into_inner(), Outcome::Shown(done)).await
}

/// How the page comes about: a plain visit (maybe after a saved step) or a refused or conflicting step.
pub enum Outcome {
    Shown(Option<String>),
    /// The step was not saved: why, and what the reviewer had written (kept in the form).
    NotSaved(ApiError, String),
}

/// The item page with its evidence, the review panel and the history; answers the error's status when a step
/// was not saved, so that a conflict (409) or a refusal (403, 422) is plain to the browser and the person.
pub async fn render(session: &Session, state: &web::Data<AppState>, id: i64, outcome: Outcome) -> WebResult {
    visible_item(&session.who, state, id).await?;
    let state2 = state.clone();
    let (item, batch, trail, screened) = blocking(move || {
        let mut conn = state2.pool.get()?;
        let (item, batch) = crate::db::review::item_with_batch(&mut conn, id)?
            .ok_or_else(|| DbError::Corrupt(format!("item {id} vanished")))?;
        let screened = History::load(&mut conn, &item, &batch)?;
        let filter = AuditFilter {
            entity_type: Some("item".into()),
            entity_id: Some(id.to_string()),
            ..AuditFilter::default()
        };
        let (trail, _) = crate::db::audit::list(&mut conn, None, &filter, 100, 0)?;
        Ok::<_, DbError>((item, batch, trail, screened))
    })
    .await?;
    let next = super::review::next_in_queue(state, &session.who, id).await?;
    let c = serde_json::from_str::<Classification>(&item.classification).ok();
    let (status, banner, draft) = match &outcome {
        Outcome::Shown(done) => (
            actix_web::http::StatusCode::OK,
            done.as_deref()
                .map(saved_message)
                .map(|m| html! { p.notice role="status" { (m) } }),
            String::new(),
        ),
        Outcome::NotSaved(e, draft) => (
            actix_web::ResponseError::status_code(e),
            Some(html! { p.error-detail role="alert" { (not_saved_message(e)) } }),
            draft.clone(),
        ),
    };
    let body = html! {
        p.meta { a href={ "/batches/" (item.batch_id) } { "← Back to the batch" } " · " a href="/review" { "Review queue" }
            @if let Some(next) = next { " · " a href={ "/items/" (next) } data-key="n" { "Next item in the queue" } " " kbd { "n" } } }
        @if let Some(banner) = banner { (banner) }
        div.split {
            div.main-col {
                section.card {
                    p.decision-line { (badge(&item.decision))
                        @if let Some(note) = screened.prohibited_note() { " " strong.screened-prohibited { (note) } } }
                    @if let Some(old) = item.supersedes {
                        p.muted { "Re-submits the same purchase-order line as " a href={ "/items/" (old) } { "item " (old) } "." }
                    }
                    p.description { (highlight::description(&item.description, c.as_ref())) }
                    (fields(&item))
                }
                h2 { "Why" }
                @if let Some(c) = c.as_ref().filter(|c| c.decision.as_str() != item.decision) {
                    p.notice { "A reviewer changed the decision from " (badge(c.decision.as_str())) " to "
                        (badge(&item.decision)) "; below are the classifier's findings." }
                }
                @match &c {
                    Some(c) => (findings(c, &|f| super::parties::settle_form(session, &item, &batch, &screened, f))),
                    None => p.error-detail { "The stored classification of this item cannot be read." },
                }
            }
            (super::review::panel(session, &item, &batch, &screened, &draft))
        }
        (screenings(&screened.screenings))
        (super::review::history(&trail))
    };
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page(&title(&item), Some(session), Nav::Review, body).into_string()))
}

fn saved_message(action: &str) -> String {
    match action {
        "approve" => "Saved: the item is approved.".into(),
        "reject" => "Saved: the item is rejected.".into(),
        "reclassify" => {
            "Saved: the item is reclassified (a prohibited item's proposal waits for a second reviewer).".into()
        }
        "confirm_reclassification" => "Saved: the reclassification is confirmed.".into(),
        "decline_reclassification" => "Saved: the item stays prohibited.".into(),
        "ask" => "Saved: the question is with the uploader; the item is on hold.".into(),
        "answer" => "Saved: your answer is with the reviewers.".into(),
        "settle_party" => "Saved: the party match is settled as not the same entity; the item itself still needs \
                           its decision."
            .into(),
        _ => "Saved.".into(),
    }
}

fn not_saved_message(e: &ApiError) -> String {
    match e {
        ApiError::Conflict { code, detail } if *code == "version_conflict" => format!(
            "Not saved: someone else decided on this item while you were reading it ({detail}). \
             The page now shows the item as it stands; read it again and decide."
        ),
        other => format!("Not saved: {other}."),
    }
}
