//! Settling a party match: a reviewer, never a party to the batch, records with a justification that a line's
//! supplier or end user is not the listed entity it resembles. The settlement is kept in the database (loaded at
//! start by every instance) and audited; the same name is not raised against the same entity again until the list
//! changes that entity's record (its digest). The line's other findings are untouched: settling a party never
//! lowers what the goods themselves are.

use super::decide::{event, run, snapshot, Failure};
use super::history::History;
use super::{Caller, Refusal, ReviewError};
use crate::audit;
use crate::auth::Role;
use crate::classify::Classifier;
use crate::db::review as store;
use crate::db::{party_settlements, DbConnection};
use crate::screening::parties::{entity_key, settlement_name, Settlement};
use chrono::NaiveDateTime;
use serde_json::json;

/// What the reviewer says: which of the line's names is not which listed entity, and why.
#[derive(Debug, Clone)]
pub struct PartySettlement {
    /// The supplier or end user as the line has it.
    pub name: String,
    /// `LIST:entity id` as the finding names it (`US-OFAC-SDN:36050`).
    pub entity: String,
    pub justification: String,
}

const ACTION: &str = "settle_party";

fn invalid(field: &str, message: impl Into<String>) -> ReviewError {
    ReviewError::Invalid(vec![(field.to_string(), message.into())])
}

/// Settles the match of `input.name` (the item's supplier or end user) with `input.entity`.
pub fn settle_party(
    conn: &mut DbConnection,
    classifier: &Classifier,
    caller: &Caller,
    item_id: i64,
    input: &PartySettlement,
    now: NaiveDateTime,
) -> Result<Settlement, ReviewError> {
    let parties = classifier
        .parties()
        .ok_or_else(|| invalid("entity", "no sanctions list is loaded: there is no match to settle"))?;
    if let Some(problem) = super::justification::problem(&input.justification) {
        return Err(invalid("justification", problem));
    }
    let version = classifier.catalog_version().to_string();
    let settlement = run(conn, caller, ACTION, &version, now, |c| {
        let (item, batch) = store::item_with_batch(c, item_id)?.ok_or(ReviewError::NotFound)?;
        let may_review = matches!(caller.role, Role::Reviewer | Role::Admin);
        if may_review && !caller.can_see(&batch.project_id) {
            return Err(ReviewError::NotFound.into());
        }
        let history = History::load(c, &item, &batch)?;
        let refusal = if !may_review {
            Some(Refusal::Role)
        } else if history.is_party(&caller.actor.subject) {
            Some(Refusal::FourEyes)
        } else {
            None
        };
        if let Some(refusal) = refusal {
            return Err(Failure::Refused {
                refusal,
                entity_type: "item",
                entity_id: item.id.to_string(),
                project: batch.project_id,
                before: audit::state(&snapshot(&item)),
            });
        }
        let name_key = settlement_name(&input.name);
        let on_line = [item.supplier.as_deref(), item.end_user.as_deref()]
            .into_iter()
            .flatten()
            .any(|party| settlement_name(party) == name_key);
        if name_key.is_empty() || !on_line {
            return Err(invalid("name", "is not this line's supplier or end user").into());
        }
        let found = parties
            .screen(&input.name)
            .into_iter()
            .find(|m| entity_key(m) == input.entity)
            .ok_or_else(|| invalid("entity", "the loaded lists do not match this name with this entity"))?;
        let settlement = Settlement {
            name_key,
            entity: input.entity.clone(),
            entity_digest: found.entity_digest.clone(),
            settled_by: caller.actor.subject.clone(),
            justification: input.justification.trim().to_string(),
            settled_at: party_settlements::stamp(now),
        };
        party_settlements::save(c, &settlement, input.name.trim(), item.id, now)?;
        let record = event(caller, ACTION, "item", item.id.to_string(), &version)
            .project(batch.project_id)
            .before(snapshot(&item))
            .after(json!({
                "party": input.name.trim(),
                "entity": settlement.entity,
                "entity_name": found.entity_name,
                "list": found.list,
                "entity_digest": settlement.entity_digest,
                "settled": "not the same entity",
            }))
            .reason(&settlement.justification);
        audit::append(c, &record, now)?;
        Ok(settlement)
    })?;
    parties.settle(settlement.clone());
    Ok(settlement)
}

/// Gives the screening every settlement kept in the database (at start).
pub fn load_settlements(conn: &mut DbConnection, classifier: &Classifier) -> Result<usize, ReviewError> {
    let Some(parties) = classifier.parties() else {
        return Ok(0);
    };
    let settlements = party_settlements::all(conn)?;
    let count = settlements.len();
    for settlement in settlements {
        parties.settle(settlement);
    }
    Ok(count)
}
