//! Inspections and their results, incidents, transfer-consent requests, disposals.

use super::records::{scoped, Paged, Paging, Scope};
use super::{Disposal, Incident, Inspection, InspectionResult, TransferConsent};
use crate::db::schema::{disposals, incidents, inspection_results as results, inspections, transfer_consents};
use crate::db::{DbConnection, DbError};
use chrono::NaiveDate;
use diesel::prelude::*;

pub fn insert_inspection(conn: &mut DbConnection, row: &Inspection) -> Result<(), DbError> {
    diesel::insert_into(inspections::table).values(row).execute(conn)?;
    Ok(())
}

pub fn inspection(conn: &mut DbConnection, id: &str) -> Result<Option<Inspection>, DbError> {
    Ok(inspections::table.find(id).first(conn).optional()?)
}

pub fn inspections(conn: &mut DbConnection, scope: &Scope, delivery: Option<&str>) -> Result<Vec<Inspection>, DbError> {
    let mut query = scoped!(inspections::table.into_boxed(), inspections::project_id, scope);
    if let Some(delivery) = delivery {
        query = query.filter(inspections::delivery_id.eq(delivery.to_string()));
    }
    Ok(query
        .order((inspections::done_on, inspections::planned_on, inspections::id))
        .load(conn)?)
}

/// Records that a planned inspection was done.
pub fn complete_inspection(conn: &mut DbConnection, row: &Inspection) -> Result<(), DbError> {
    diesel::update(inspections::table.find(&row.id))
        .set((
            inspections::done_on.eq(row.done_on),
            inspections::inspector.eq(&row.inspector),
            inspections::findings.eq(&row.findings),
            inspections::evidence.eq(&row.evidence),
            inspections::method.eq(&row.method),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn insert_result(conn: &mut DbConnection, row: &InspectionResult) -> Result<(), DbError> {
    diesel::insert_into(results::table).values(row).execute(conn)?;
    Ok(())
}

pub fn results_of(conn: &mut DbConnection, inspection_id: &str) -> Result<Vec<InspectionResult>, DbError> {
    Ok(results::table
        .filter(results::inspection_id.eq(inspection_id))
        .order(results::serial_id)
        .load(conn)?)
}

/// The last inspection done of a delivery, if any.
pub fn last_done(conn: &mut DbConnection, delivery_id: &str) -> Result<Option<Inspection>, DbError> {
    Ok(inspections::table
        .filter(inspections::delivery_id.eq(delivery_id))
        .filter(inspections::done_on.is_not_null())
        .order((inspections::done_on.desc(), inspections::created_at.desc()))
        .first(conn)
        .optional()?)
}

pub fn insert_incident(conn: &mut DbConnection, row: &Incident) -> Result<(), DbError> {
    diesel::insert_into(incidents::table).values(row).execute(conn)?;
    Ok(())
}

pub fn incident(conn: &mut DbConnection, id: &str) -> Result<Option<Incident>, DbError> {
    Ok(incidents::table.find(id).first(conn).optional()?)
}

/// An incident of the serial not yet reported to the authority, if any.
pub fn unreported_incident_of_serial(conn: &mut DbConnection, serial_id: &str) -> Result<Option<Incident>, DbError> {
    Ok(incidents::table
        .filter(incidents::serial_id.eq(serial_id))
        .filter(incidents::reported_on.is_null())
        .order((incidents::discovered_on, incidents::id))
        .first(conn)
        .optional()?)
}

pub fn incidents(conn: &mut DbConnection, scope: &Scope) -> Result<Vec<Incident>, DbError> {
    let query = scoped!(incidents::table.into_boxed(), incidents::project_id, scope);
    Ok(query.order((incidents::discovered_on, incidents::id)).load(conn)?)
}

/// Incidents of a kind, reported or not, by discovery day (`page.q` is not used).
pub fn incidents_page(
    conn: &mut DbConnection,
    scope: &Scope,
    kind: Option<&str>,
    reported: Option<bool>,
    page: &Paging,
) -> Result<Paged<Incident>, DbError> {
    let build = || {
        let mut query = scoped!(incidents::table.into_boxed(), incidents::project_id, scope);
        if let Some(kind) = kind {
            query = query.filter(incidents::kind.eq(kind.to_string()));
        }
        match reported {
            Some(true) => query = query.filter(incidents::reported_on.is_not_null()),
            Some(false) => query = query.filter(incidents::reported_on.is_null()),
            None => {}
        }
        query
    };
    let total = build().count().get_result::<i64>(conn)?;
    let ordered = if page.newest_first {
        build().order((incidents::discovered_on.desc(), incidents::id))
    } else {
        build().order((incidents::discovered_on, incidents::id))
    };
    let rows = ordered.limit(page.limit).offset(page.offset).load(conn)?;
    Ok((rows, total))
}

/// The incidents of a delivery, in the order they were discovered.
pub fn incidents_of_delivery(conn: &mut DbConnection, delivery_id: &str) -> Result<Vec<Incident>, DbError> {
    Ok(incidents::table
        .filter(incidents::delivery_id.eq(delivery_id))
        .order((incidents::discovered_on, incidents::id))
        .load(conn)?)
}

/// The transfer-consent requests of a delivery.
pub fn consents_of_delivery(conn: &mut DbConnection, delivery_id: &str) -> Result<Vec<TransferConsent>, DbError> {
    Ok(transfer_consents::table
        .filter(transfer_consents::delivery_id.eq(delivery_id))
        .order((transfer_consents::requested_on, transfer_consents::id))
        .load(conn)?)
}

pub fn report_incident(conn: &mut DbConnection, id: &str, on: NaiveDate, to: &str) -> Result<(), DbError> {
    diesel::update(incidents::table.find(id))
        .set((incidents::reported_on.eq(on), incidents::reported_to.eq(to)))
        .execute(conn)?;
    Ok(())
}

pub fn insert_consent(conn: &mut DbConnection, row: &TransferConsent) -> Result<(), DbError> {
    diesel::insert_into(transfer_consents::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn consent(conn: &mut DbConnection, id: &str) -> Result<Option<TransferConsent>, DbError> {
    Ok(transfer_consents::table.find(id).first(conn).optional()?)
}

pub fn consents(conn: &mut DbConnection, scope: &Scope) -> Result<Vec<TransferConsent>, DbError> {
    let query = scoped!(
        transfer_consents::table.into_boxed(),
        transfer_consents::project_id,
        scope
    );
    Ok(query
        .order((transfer_consents::requested_on, transfer_consents::id))
        .load(conn)?)
}

pub fn decide_consent(conn: &mut DbConnection, row: &TransferConsent) -> Result<(), DbError> {
    diesel::update(transfer_consents::table.find(&row.id))
        .set((
            transfer_consents::decision.eq(&row.decision),
            transfer_consents::decided_on.eq(row.decided_on),
            transfer_consents::decided_by.eq(&row.decided_by),
            transfer_consents::decision_note.eq(&row.decision_note),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn insert_disposal(conn: &mut DbConnection, row: &Disposal) -> Result<(), DbError> {
    diesel::insert_into(disposals::table).values(row).execute(conn)?;
    Ok(())
}

/// The disposal of a serial, if it was disposed of (at most one: `serial_id` is unique).
pub fn disposal_of_serial(conn: &mut DbConnection, serial_id: &str) -> Result<Option<Disposal>, DbError> {
    Ok(disposals::table
        .filter(disposals::serial_id.eq(serial_id))
        .first(conn)
        .optional()?)
}

pub fn disposals(conn: &mut DbConnection, scope: &Scope) -> Result<Vec<Disposal>, DbError> {
    let query = scoped!(disposals::table.into_boxed(), disposals::project_id, scope);
    Ok(query.order((disposals::disposed_on, disposals::id)).load(conn)?)
}
