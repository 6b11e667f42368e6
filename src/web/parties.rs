//! Settling a party match from the item page: a reviewer who is not a party to the batch says, with a
//! justification, that the line's supplier or end user is not the listed entity (the rule is
//! `review::settle_party`; this page only parses, calls and shows).

use super::items::{render, Draft, Outcome};
use super::layout::csrf_field;
use super::session::Session;
use super::WebResult;
use crate::api::request_meta::RequestMeta;
use crate::api::{blocking, AppState};
use crate::auth::Role;
use crate::classify::{EvidenceKind, Finding};
use crate::db::batches::Batch;
use crate::db::items::Item;
use crate::decision::Decision;
use crate::review::history::History;
use crate::review::{Caller, PartySettlement};
use actix_web::web;
use maud::{html, Markup};
use serde::Deserialize;

/// The form under a party finding still to be settled, for a reviewer who may settle it.
pub fn settle_form(
    session: &Session,
    item: &Item,
    batch: &Batch,
    history: &History,
    f: &Finding,
    draft: Option<&Draft>,
) -> Option<Markup> {
    let lang = session.lang;
    let who = &session.who;
    let reviewer = matches!(who.role, Role::Reviewer | Role::Admin);
    if !reviewer || who.sub == batch.created_by || history.is_party(&who.sub) || f.decision != Decision::Review {
        return None;
    }
    let party = f.evidence.iter().find(|e| e.kind == EvidenceKind::ListedParty)?;
    let field_id = format!("settle-{}", f.entry.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    Some(html! {
        form.settle method="post" action={ "/items/" (item.id) "/settle-party" } {
            (csrf_field(session))
            input type="hidden" name="name" value=(party.text);
            input type="hidden" name="entity" value=(f.entry);
            label for=(field_id) { (lang.tr("settle-why")) }
            textarea id=(field_id) name="justification" rows="2" maxlength="4000" required {
                (draft.filter(|d| d.action == "settle_party").map(|d| d.text.as_str()).unwrap_or(""))
            }
            button type="submit" { (lang.tr("settle-submit")) }
        }
    })
}

#[derive(Debug, Deserialize)]
pub struct SettleForm {
    csrf: String,
    name: String,
    entity: String,
    justification: String,
}

pub async fn settle(
    req: actix_web::HttpRequest,
    session: Session,
    meta: RequestMeta,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: super::form::TextForm<SettleForm>,
) -> WebResult {
    session.check_form(&req, &form.csrf)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let draft = Draft {
        action: "settle_party".into(),
        text: form.justification.clone(),
    };
    let caller = Caller::new(&session.who, meta.request_id, None);
    let input = PartySettlement {
        name: form.name,
        entity: form.entity,
        justification: form.justification,
    };
    let state2 = state.clone();
    let outcome = blocking(move || {
        let mut conn = state2.pool.get()?;
        crate::review::settle_party(&mut conn, &state2.classifier, &caller, id, &input, crate::db::now())
    })
    .await;
    match outcome {
        Ok(_) => Ok(super::see_other(&format!("/items/{id}?done=settle_party"))),
        Err(e) => render(&session, &state, id, Outcome::NotSaved(e, draft)).await,
    }
}
