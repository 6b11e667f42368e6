//! The decision panel on an item's page: only the steps the viewer may take (four eyes: nobody decides on their
//! own upload or edit, the proposer of a reclassification does not confirm it), nothing dangerous preselected, a
//! refused step explained next to its own field with what was typed kept there; and the item's review history.

use super::items::Draft;
use super::layout::{csrf_field, decision_badge, status_label, when};
use super::session::Session;
use crate::auth::Role;
use crate::db::audit::AuditRow;
use crate::db::batches::Batch;
use crate::db::items::Item;
use crate::decision::Decision;
use crate::i18n::Lang;
use crate::review::history::History;
use crate::review::{Proposal, Question};
use maud::{html, Markup};

/// The refused step's text and message, for the one form it belongs to.
struct Refused<'a> {
    draft: Option<&'a Draft>,
    message: Option<&'a str>,
}

impl Refused<'_> {
    fn text(&self, action: &str) -> &str {
        self.draft
            .filter(|d| d.action == action)
            .map(|d| d.text.as_str())
            .unwrap_or("")
    }

    fn message(&self, action: &str) -> Option<&str> {
        self.draft.filter(|d| d.action == action).and(self.message)
    }
}

/// A field's refusal in the reader's language (the service's wording when it is not one of the known ones).
pub fn field_message(lang: Lang, message: &str) -> String {
    let known = [
        ("is required", "review-field-required"),
        ("is longer than", "review-field-too-long"),
        ("is too short", "review-field-too-short"),
        ("does not read as a reason", "review-field-not-a-reason"),
    ];
    if message.contains("is a placeholder") {
        return lang.tr("review-field-placeholder");
    }
    known
        .iter()
        .find(|(start, _)| message.starts_with(start))
        .map(|(_, key)| lang.tr(key))
        .unwrap_or_else(|| message.to_string())
}

/// A text area with its label, the refusal next to it (linked for screen readers) and what was typed.
fn text_field(lang: Lang, id: &str, name: &str, label: &str, action: &str, refused: &Refused<'_>) -> Markup {
    let message = refused.message(action);
    let error_id = format!("{id}-error");
    html! {
        label for=(id) { (label) }
        @if let Some(message) = message {
            p.field-error id=(error_id) { (field_message(lang, message)) }
        }
        textarea id=(id) name=(name) rows="3" required minlength=[(name == "justification").then_some("10")] maxlength="2000"
            aria-invalid=[message.is_some().then_some("true")] aria-describedby=[message.is_some().then_some(error_id.as_str())] {
            (refused.text(action))
        }
    }
}

/// What a reviewer may do with the item as it stands (the service decides; this only offers the steps).
/// `history` says who is a party to the item (uploaded, submitted or edited it).
pub fn panel(
    session: &Session,
    item: &Item,
    batch: &Batch,
    history: &History,
    draft: Option<&Draft>,
    field_error: Option<&str>,
) -> Markup {
    let lang = session.lang;
    let who = &session.who;
    let reviewer = matches!(who.role, Role::Reviewer | Role::Admin);
    let uploader = who.sub == batch.created_by;
    let own = uploader || history.is_party(&who.sub);
    let needs_two = item.ever_prohibited && !crate::review::history::lowering_confirmed(item);
    let prohibited = item.decision == Decision::Prohibited.as_str();
    let proposal: Option<Proposal> = item.proposal.as_deref().and_then(|p| serde_json::from_str(p).ok());
    let question: Option<Question> = item.question.as_deref().and_then(|q| serde_json::from_str(q).ok());
    // The proposer, and whoever already confirmed, may not confirm it again: another reviewer must.
    let signed_proposal = proposal
        .as_ref()
        .is_some_and(|p| p.by == who.sub || p.confirmations.iter().any(|c| c.by == who.sub));
    let refused = Refused {
        draft,
        message: field_error,
    };
    let field =
        |id: &str, name: &str, key: &str, action: &str| text_field(lang, id, name, &lang.tr(key), action, &refused);
    let form = |action: &str, inner: Markup| {
        html! {
            form.card.step method="post" action={ "/items/" (item.id) "/decide" } {
                (csrf_field(session))
                input type="hidden" name="version" value=(item.version);
                input type="hidden" name="action" value=(action);
                (inner)
            }
        }
    };
    html! {
        aside.panel aria-labelledby="decide-h" data-shortcuts data-version=(item.version) {
            h2 #decide-h { (lang.tr("panel-title")) }
            p { (lang.tr("panel-status")) " " (status_label(lang, &item.review_status))
                @if let Some(by) = &item.reviewed_by { " · " (lang.tr_args("panel-by", &[("name", by.clone().into())])) } }
            @if let Some(note) = &item.review_note { p.muted { "\u{201c}" (note) "\u{201d}" } }
            @if let Some(q) = &question {
                div.card.questions { h3 { (lang.tr("panel-question")) } p { (q.question) }
                    p.muted { (lang.tr_args("panel-asked-by", &[("name", q.asked_by.clone().into())])) }
                    @if let Some(a) = &q.answer { p { strong { (lang.tr("panel-answer")) " " } (a) } } }
            }
            @if let Some(p) = &proposal {
                div.card.questions { h3 { (lang.tr("panel-proposal")) }
                    p { (decision_badge(lang, p.decision.as_str())) @if let Some(e) = &p.entry { " " a.entry href={ "/catalog/" (e) } { (e) } } }
                    p { "\u{201c}" (p.justification) "\u{201d}" }
                    p.muted { (lang.tr_args("panel-proposed-by", &[("name", p.by.clone().into()), ("when", when(p.at).into())])) }
                    @for c in &p.confirmations { p.muted { (lang.tr_args("panel-confirmed-by", &[("name", c.by.clone().into()), ("when", when(c.at).into())]))
                        ": \u{201c}" (c.justification) "\u{201d}" } }
                    @if p.origin.confirmations_required() > 1 {
                        p.notice { (lang.tr_args("panel-two-confirmations", &[("count", p.confirmations.len().into())])) }
                    } }
            }
            @if reviewer && !own {
                @match item.review_status.as_str() {
                    "pending" => {
                        @if prohibited {
                            p.notice { (lang.tr("panel-prohibited-never-approved")) }
                        } @else if needs_two {
                            p.notice { (lang.tr("panel-needs-two")) }
                        } @else {
                            (form("approve", html! { (field("j-approve", "justification", "panel-why-approve", "approve"))
                                button.primary type="submit" data-key="a" { (lang.tr("panel-approve")) } " " kbd { "a" } }))
                        }
                        (form("reject", html! { (field("j-reject", "justification", "panel-why-reject", "reject"))
                            button.danger type="submit" data-key="r" { (lang.tr("panel-reject")) } " " kbd { "r" } }))
                        (form("reclassify", html! {
                            label for="c-decision" { (lang.tr("panel-new-decision")) }
                            // No decision is preselected: the reviewer must choose one.
                            select #c-decision name="decision" required {
                                option value="" selected disabled { (lang.tr("panel-choose")) }
                                @for d in Decision::ALL { @if d.as_str() != item.decision {
                                    option value=(d.as_str()) { (lang.decision(d)) } } } }
                            label for="c-entry" { (lang.tr("panel-entry")) }
                            input #c-entry type="text" name="entry" maxlength="40";
                            (field("j-reclassify", "justification", "panel-why-reclassify", "reclassify"))
                            button type="submit" data-key="c" { @if prohibited { (lang.tr("panel-propose")) } @else { (lang.tr("panel-reclassify")) } } " " kbd { "c" } }))
                        (form("ask", html! { (field("j-ask", "question", "panel-ask-label", "ask"))
                            button type="submit" data-key="q" { (lang.tr("panel-ask")) } " " kbd { "q" } }))
                    }
                    "proposed" => {
                        @if signed_proposal {
                            p.notice { (lang.tr("panel-own-proposal")) }
                        } @else {
                            (form("confirm_reclassification", html! { (field("j-confirm", "justification", "panel-why-confirm", "confirm_reclassification"))
                                button.primary type="submit" data-key="a" { (lang.tr("panel-confirm")) } }))
                            (form("decline_reclassification", html! { (field("j-decline", "justification", "panel-why-decline", "decline_reclassification"))
                                button.danger type="submit" data-key="r" { (lang.tr("panel-decline")) } }))
                        }
                    }
                    _ => {}
                }
            } @else if own && item.review_status == "on_hold" {
                (form("answer", html! { (field("j-answer", "answer", "panel-your-answer", "answer"))
                    button.primary type="submit" { (lang.tr("panel-send-answer")) } }))
            } @else if reviewer && uploader {
                p.notice { (lang.tr("panel-own-upload")) }
            } @else if reviewer && own {
                p.notice { (lang.tr("panel-own-edit")) }
            }
        }
    }
}

pub fn history(lang: Lang, rows: &[AuditRow]) -> Markup {
    html! {
        section aria-labelledby="history-h" {
            h2 #history-h { (lang.tr("history-title")) }
            @if rows.is_empty() { p.muted { (lang.tr("history-none")) } } @else {
                ol.history { @for r in rows { li class={ "outcome-" (r.outcome) } {
                    strong { (lang.try_tr(&format!("action-{}", r.action)).unwrap_or_else(|| r.action.replace('_', " "))) } @if r.outcome == "refused" { " " span.badge.badge-unknown { (lang.tr("history-refused")) } }
                    " " (lang.tr_args("history-by", &[("name", r.actor.clone().into()), ("role", lang.try_tr(&format!("role-{}", r.actor_role)).unwrap_or_else(|| r.actor_role.clone()).into()),
                        ("when", when(r.recorded_at).into())]))
                    @if let Some(reason) = &r.reason { p { "\u{201c}" (reason) "\u{201d}" } }
                } } }
            }
        }
    }
}
