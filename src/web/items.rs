//! One item: its description with the matched words, every finding with its evidence and legal source, the
//! questions a reviewer must answer, and its review status.

use super::highlight;
use super::layout::{decision_badge, page, Nav};
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
use crate::i18n::Lang;
use crate::review::history::History;
use actix_web::web;
use actix_web::HttpResponse;
use maud::{html, Markup};

pub(super) fn fields(lang: Lang, item: &Item) -> Markup {
    let number = |v: Option<f64>| v.map(|n| n.to_string());
    let rows: [(&str, Option<String>); 11] = [
        ("item-field-sheet", item.sheet.clone()),
        ("item-field-line-ref", item.line_ref.clone()),
        (
            "item-field-quantity",
            number(item.quantity).map(|q| format!("{q} {}", item.unit.as_deref().unwrap_or(""))),
        ),
        (
            "item-field-unit-price",
            number(item.unit_price).map(|p| format!("{p} {}", item.currency.as_deref().unwrap_or(""))),
        ),
        ("item-field-hs-code", item.hs_code.clone()),
        ("item-field-control-code", item.control_code.clone()),
        ("item-field-supplier", item.supplier.clone()),
        ("item-field-origin", item.origin.clone()),
        ("item-field-end-user", item.end_user.clone()),
        ("item-field-destination", item.destination.clone()),
        ("item-field-review-note", item.review_note.clone()),
    ];
    let extra = item.extra_texts();
    html! {
        dl.fields {
            @for (key, value) in rows {
                @if let Some(value) = value { dt { (lang.tr(key)) } dd { (value.trim()) } }
            }
            dt { (lang.tr("items-col-review")) } dd { (lang.review_status(&item.review_status)) }
            // The line's other text cells, screened with the description.
            @for e in &extra { dt { (lang.tr_args("items-column", &[("column", e.column.clone().into())])) } dd { (e.text) } }
        }
    }
}

/// Every finding, most severe first; `settle` adds a form under a finding (a reviewer settling a party match).
pub fn findings(lang: Lang, c: &Classification, settle: &dyn Fn(&Finding) -> Option<Markup>) -> Markup {
    let mut ordered: Vec<&Finding> = c.findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.decision.severity()));
    let words = |prefix: &str, name: String| {
        lang.try_tr(&format!("{prefix}-{name}"))
            .unwrap_or(name.replace('_', " "))
    };
    html! {
        @if !c.questions.is_empty() {
            div.card.questions {
                h3 { (lang.tr("item-questions")) }
                ul { @for q in &c.questions { li { (q) } } }
            }
        }
        @for f in ordered {
            article.card.finding {
                h3 { (decision_badge(lang, f.decision.as_str())) " " a href={ "/catalog/" (f.entry) } { (f.entry) } " " (f.title) }
                (super::reasons::reason(lang, f, false))
                p.muted { (f.act) }
                @if let Some(q) = &f.question { p.question { (q) } }
                @if let Some(form) = settle(f) { (form) }
                @if !f.evidence.is_empty() {
                    table.evidence {
                        caption { (lang.tr("evidence-title")) }
                        thead { tr { th scope="col" { (lang.tr("evidence-where")) } th scope="col" { (lang.tr("evidence-kind")) }
                            th scope="col" { (lang.tr("evidence-text")) } th scope="col" { (lang.tr("evidence-matched")) }
                            th scope="col" { (lang.tr("evidence-strength")) } } }
                        tbody { @for e in &f.evidence { tr {
                            td { @match &e.column {
                                Some(column) => (lang.tr_args("items-column", &[("column", column.clone().into())])),
                                None => (words("evidence-field", highlight::snake(&e.field))),
                            } }
                            td { (words("evidence-kind", highlight::snake(&e.kind))) }
                            td { mark { (e.text) } }
                            td { (highlight::matched_words(lang, e)) @if e.fuzzy { " " (lang.tr("evidence-fuzzy")) } }
                            td { @if let Some(s) = &e.strength { (words("evidence-strength", highlight::snake(s))) } }
                        } } }
                    }
                }
            }
        }
        @for i in &c.ignored {
            p.muted { (lang.tr_args("evidence-ignored", &[("text", i.text.clone().into()), ("entry", i.entry.clone().into()),
                ("negative", i.negative.clone().into())]))
                @if let Some(column) = &i.column { " (" (lang.tr_args("items-column", &[("column", column.clone().into())])) ")" } }
        }
    }
}

/// Every screening of the item, oldest first: the first one stays whatever was corrected since.
pub(super) fn screenings(lang: Lang, rows: &[Screening]) -> Markup {
    html! {
        section aria-labelledby="screenings-h" {
            h2 #screenings-h { (lang.tr("screenings-title")) }
            div.table-wrap { table {
                thead { tr { th scope="col" { (lang.tr("screenings-when")) } th scope="col" { (lang.tr("screenings-cause")) }
                    th scope="col" { (lang.tr("items-col-decision")) } th scope="col" { (lang.tr("batches-col-by")) }
                    th scope="col" { (lang.tr("screenings-catalogue")) } th scope="col" { (lang.tr("evidence-title")) } } }
                tbody { @for s in rows { tr {
                    td { (s.screened_at.format("%Y-%m-%d %H:%M")) }
                    td { (lang.try_tr(&format!("screening-cause-{}", s.cause)).unwrap_or_else(|| s.cause.clone()))
                        @if let Some(from) = s.from_item_id { " (" a href={ "/items/" (from) } { (lang.tr_args("screenings-item", &[("id", from.into())])) } ")" } }
                    td { (decision_badge(lang, &s.decision)) }
                    td { (s.screened_by) }
                    td { (s.catalog_version) }
                    td { (s.evidence) }
                } } }
            } }
        }
    }
}

/// "Row 18: Chargeur pour pistolet Glock 17", shortened for the tab and the heading.
pub(super) fn title(lang: Lang, item: &Item) -> String {
    let mut words: String = item.description.chars().take(70).collect();
    if item.description.chars().count() > 70 {
        words.push('…');
    }
    format!(
        "{}: {}",
        lang.tr_args("home-row", &[("row", item.row_number.into())]),
        words.trim()
    )
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

/// What the person had typed into a refused step's form, to give it back in the same field.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The form's action (`approve`, `reject`, `ask`, `settle_party` ...).
    pub action: String,
    pub text: String,
}

/// How the page comes about: a plain visit (maybe after a saved step) or a refused or conflicting step.
pub enum Outcome {
    Shown(Option<String>),
    /// The step was not saved: why, and what the reviewer had written (kept in its form).
    NotSaved(ApiError, Draft),
}

/// The first refusal of a text field (justification, question, answer), to show beside that field.
fn field_error(e: &ApiError) -> Option<&str> {
    match e {
        ApiError::Validation(fields) => fields
            .iter()
            .find(|f| matches!(f.field.as_str(), "justification" | "question" | "answer"))
            .map(|f| f.message.as_str()),
        _ => None,
    }
}

/// The item page with its evidence, the review panel and the history; answers the error's status when a step
/// was not saved, so that a conflict (409) or a refusal (403, 422) is plain to the browser and the person.
pub async fn render(session: &Session, state: &web::Data<AppState>, id: i64, outcome: Outcome) -> WebResult {
    let lang = session.lang;
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
    let (status, banner, draft, beside_field) = match &outcome {
        Outcome::Shown(done) => (
            actix_web::http::StatusCode::OK,
            done.as_deref()
                .map(|action| saved_message(lang, action))
                .map(|m| html! { p.notice role="status" { (m) } }),
            None,
            None,
        ),
        Outcome::NotSaved(e, draft) => (
            actix_web::ResponseError::status_code(e),
            Some(html! { p.error-detail role="alert" { (not_saved_message(lang, e)) } }),
            Some(draft),
            field_error(e),
        ),
    };
    let body = html! {
        p.meta { a href={ "/batches/" (item.batch_id) } { (lang.tr("item-back-to-batch")) } " · " a href="/review" { (lang.tr("queue-title")) }
            " · " a href={ "/items/" (item.id) "/record" } { (lang.tr("record-link-item")) }
            @if let Some(next) = next { " · " a href={ "/items/" (next) } data-key="n" { (lang.tr("item-next")) } " " kbd { "n" } } }
        @if let Some(banner) = banner { (banner) }
        div.split {
            div.main-col {
                section.card {
                    p.decision-line { (decision_badge(lang, &item.decision))
                        @if let Some(note) = screened.prohibited_note() { " " strong.screened-prohibited { (note) } } }
                    @if let Some(old) = item.supersedes {
                        p.muted { (lang.tr("item-resubmits")) " " a href={ "/items/" (old) } { (lang.tr_args("screenings-item", &[("id", old.into())])) } "." }
                    }
                    p.description { (highlight::description_in(lang, &item.description, c.as_ref())) }
                    (fields(lang, &item))
                }
                h2 { (lang.tr("item-why")) }
                @if let Some(c) = c.as_ref().filter(|c| c.decision.as_str() != item.decision) {
                    p.notice { (lang.tr("item-changed-from")) " " (decision_badge(lang, c.decision.as_str())) " → "
                        (decision_badge(lang, &item.decision)) ". " (lang.tr("item-classifier-findings")) }
                }
                @match &c {
                    Some(c) => (findings(lang, c, &|f| super::parties::settle_form(session, &item, &batch, &screened, f, draft))),
                    None => p.error-detail { (lang.tr("item-unreadable")) },
                }
            }
            (super::panel::panel(session, &item, &batch, &screened, draft, beside_field))
        }
        (screenings(lang, &screened.screenings))
        (super::panel::history(lang, &trail))
    };
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page(&title(lang, &item), Some(session), Nav::Review, body).into_string()))
}

fn saved_message(lang: Lang, action: &str) -> String {
    lang.try_tr(&format!("saved-{action}"))
        .unwrap_or_else(|| lang.tr("saved-other"))
}

fn not_saved_message(lang: Lang, e: &ApiError) -> String {
    match e {
        ApiError::Conflict { code, detail } if *code == "version_conflict" => {
            lang.tr_args("not-saved-conflict", &[("detail", detail.clone().into())])
        }
        ApiError::Validation(_) if field_error(e).is_some() => lang.tr("not-saved-field"),
        ApiError::Refused { code, detail, .. } | ApiError::Conflict { code, detail } => lang.tr_args(
            "not-saved",
            &[(
                "reason",
                super::messages::refusal_text(lang, code, detail)
                    .trim_end_matches('.')
                    .to_string()
                    .into(),
            )],
        ),
        ApiError::Validation(fields) => {
            let reasons: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.field, super::panel::field_message(lang, &f.message)))
                .collect();
            lang.tr_args("not-saved", &[("reason", reasons.join("; ").into())])
        }
        other => lang.tr_args("not-saved", &[("reason", other.to_string().into())]),
    }
}
