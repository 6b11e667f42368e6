//! Obligations: stored with their due dates; their state is computed for a day (`crate::monitoring::state`).

use super::records::{scoped, Scope};
use super::Obligation;
use crate::db::schema::obligations;
use crate::db::{DbConnection, DbError};
use chrono::NaiveDate;
use diesel::prelude::*;

/// Narrowing in SQL; the state filter needs the day and is applied by the caller.
#[derive(Debug, Clone, Default)]
pub struct ObligationFilter {
    pub scope: Scope,
    pub delivery: Option<String>,
    pub country: Option<String>,
    pub profile: Option<String>,
    pub kind: Option<String>,
    pub due_before: Option<NaiveDate>,
    /// Only those neither fulfilled nor waived on or before this day.
    pub open_on: Option<NaiveDate>,
}

pub fn insert(conn: &mut DbConnection, row: &Obligation) -> Result<(), DbError> {
    diesel::insert_into(obligations::table).values(row).execute(conn)?;
    crate::events::record_obligation(conn, "created", row, crate::db::now())
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<Option<Obligation>, DbError> {
    Ok(obligations::table.find(id).first(conn).optional()?)
}

pub fn list(conn: &mut DbConnection, filter: &ObligationFilter) -> Result<Vec<Obligation>, DbError> {
    let mut query = scoped!(obligations::table.into_boxed(), obligations::project_id, filter.scope);
    if let Some(delivery) = &filter.delivery {
        query = query.filter(obligations::delivery_id.eq(delivery.clone()));
    }
    if let Some(country) = &filter.country {
        query = query.filter(obligations::country.eq(country.clone()));
    }
    if let Some(profile) = &filter.profile {
        query = query.filter(obligations::profile.eq(profile.clone()));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(obligations::kind.eq(kind.clone()));
    }
    if let Some(before) = filter.due_before {
        query = query.filter(obligations::due_on.lt(before));
    }
    if let Some(day) = filter.open_on {
        query = query
            .filter(
                obligations::fulfilled_on
                    .is_null()
                    .or(obligations::fulfilled_on.gt(day)),
            )
            .filter(obligations::waived_on.is_null().or(obligations::waived_on.gt(day)));
    }
    Ok(query
        .order((obligations::due_on, obligations::kind, obligations::id))
        .load(conn)?)
}

/// Open obligations (neither fulfilled nor waived) of a delivery, of the given kinds, earliest due first.
pub fn open_of_delivery(
    conn: &mut DbConnection,
    delivery_id: &str,
    kinds: &[&str],
) -> Result<Vec<Obligation>, DbError> {
    Ok(obligations::table
        .filter(obligations::delivery_id.eq(delivery_id))
        .filter(obligations::kind.eq_any(kinds))
        .filter(obligations::fulfilled_on.is_null())
        .filter(obligations::waived_on.is_null())
        .order((obligations::due_on, obligations::id))
        .load(conn)?)
}

/// The open obligation opened by an incident or a consent request.
pub fn open_of_source(conn: &mut DbConnection, source_id: &str) -> Result<Vec<Obligation>, DbError> {
    Ok(obligations::table
        .filter(obligations::source_id.eq(source_id))
        .filter(obligations::fulfilled_on.is_null())
        .filter(obligations::waived_on.is_null())
        .load(conn)?)
}

pub fn fulfil(conn: &mut DbConnection, id: &str, on: NaiveDate, by: &str) -> Result<(), DbError> {
    diesel::update(obligations::table.find(id))
        .set((obligations::fulfilled_on.eq(on), obligations::fulfilled_by.eq(by)))
        .execute(conn)?;
    stored_change(conn, id, "fulfilled")
}

pub fn waive(conn: &mut DbConnection, id: &str, on: NaiveDate, by: &str, justification: &str) -> Result<(), DbError> {
    diesel::update(obligations::table.find(id))
        .set((
            obligations::waived_on.eq(on),
            obligations::waived_by.eq(by),
            obligations::waiver_justification.eq(justification),
        ))
        .execute(conn)?;
    stored_change(conn, id, "waived")
}

/// The change feed hears of every obligation change, in its transaction.
fn stored_change(conn: &mut DbConnection, id: &str, what: &str) -> Result<(), DbError> {
    match get(conn, id)? {
        Some(row) => crate::events::record_obligation(conn, what, &row, crate::db::now()),
        None => Ok(()),
    }
}
