//! Reviewers' settlements of party matches ("not the same entity"), kept so that every instance and every restart
//! knows them. The rules are `crate::review::parties`; this file only speaks SQL.

use super::schema::party_settlements as ps;
use super::{DbConnection, DbError};
use crate::screening::parties::Settlement;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Records a settlement for `item_id`, replacing an earlier one of the same name and entity (its entity record
/// changed since, or a reviewer settled it again).
pub fn save(
    conn: &mut DbConnection,
    settlement: &Settlement,
    party_name: &str,
    item_id: i64,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::delete(ps::table.find((&settlement.name_key, &settlement.entity))).execute(conn)?;
    diesel::insert_into(ps::table)
        .values((
            ps::name_key.eq(&settlement.name_key),
            ps::entity.eq(&settlement.entity),
            ps::entity_digest.eq(&settlement.entity_digest),
            ps::party_name.eq(party_name),
            ps::item_id.eq(item_id),
            ps::settled_by.eq(&settlement.settled_by),
            ps::justification.eq(&settlement.justification),
            ps::settled_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every settlement, as the screening holds them.
pub fn all(conn: &mut DbConnection) -> Result<Vec<Settlement>, DbError> {
    let rows: Vec<(String, String, String, String, String, NaiveDateTime)> = ps::table
        .select((
            ps::name_key,
            ps::entity,
            ps::entity_digest,
            ps::settled_by,
            ps::justification,
            ps::settled_at,
        ))
        .order((ps::name_key, ps::entity))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(name_key, entity, entity_digest, settled_by, justification, at)| Settlement {
                name_key,
                entity,
                entity_digest,
                settled_by,
                justification,
                settled_at: stamp(at),
            },
        )
        .collect())
}

/// How a settlement's time is shown: RFC 3339 UTC, as every other time the service sends.
pub fn stamp(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
