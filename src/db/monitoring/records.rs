//! Certificates, deliveries and serial items.

use super::{Certificate, Delivery, Serial};
use crate::db::items::like_pattern;
use crate::db::schema::{deliveries, end_user_certificates as certs, serials};
use crate::db::{DbConnection, DbError};
use chrono::NaiveDate;
use diesel::prelude::*;

/// Which projects a listing covers: the caller's scope (`None`: every project) narrowed to one project.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub projects: Option<Vec<String>>,
    pub project: Option<String>,
}

macro_rules! scoped {
    ($query:expr, $column:expr, $scope:expr) => {{
        let mut query = $query;
        if let Some(ids) = &$scope.projects {
            query = query.filter($column.eq_any(ids.clone()));
        }
        if let Some(project) = &$scope.project {
            query = query.filter($column.eq(project.clone()));
        }
        query
    }};
}
pub(crate) use scoped;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// What a paged listing shows: text to search for, one page (`limit` rows after `offset`).
#[derive(Debug, Clone, Default)]
pub struct Paging {
    pub q: Option<String>,
    pub limit: i64,
    pub offset: i64,
    /// Latest first (the pages) rather than oldest first (the API's order).
    pub newest_first: bool,
}

/// One page of rows and how many the filters select in all.
pub type Paged<T> = (Vec<T>, i64);

/// Certificates by reference or end user, newest issued first.
pub fn certificates_page(conn: &mut DbConnection, scope: &Scope, page: &Paging) -> Result<Paged<Certificate>, DbError> {
    let build = || {
        let mut query = scoped!(certs::table.into_boxed(), certs::project_id, scope);
        if let Some(q) = &page.q {
            let pattern = like_pattern(q);
            query = query.filter(
                lower(certs::reference)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(certs::end_user).like(pattern).escape('\\')),
            );
        }
        query
    };
    let total = build().count().get_result::<i64>(conn)?;
    let rows = build()
        .order((certs::issued_on.desc(), certs::id))
        .limit(page.limit)
        .offset(page.offset)
        .load(conn)?;
    Ok((rows, total))
}

/// Deliveries by description, confirmed or not, by delivery day.
pub fn deliveries_page(
    conn: &mut DbConnection,
    scope: &Scope,
    confirmed: Option<bool>,
    page: &Paging,
) -> Result<Paged<Delivery>, DbError> {
    let build = || {
        let mut query = scoped!(deliveries::table.into_boxed(), deliveries::project_id, scope);
        match confirmed {
            Some(true) => query = query.filter(deliveries::confirmed_on.is_not_null()),
            Some(false) => query = query.filter(deliveries::confirmed_on.is_null()),
            None => {}
        }
        if let Some(q) = &page.q {
            query = query.filter(lower(deliveries::description).like(like_pattern(q)).escape('\\'));
        }
        query
    };
    let total = build().count().get_result::<i64>(conn)?;
    let ordered = if page.newest_first {
        build().order((
            deliveries::delivered_on.desc(),
            deliveries::created_at.desc(),
            deliveries::id,
        ))
    } else {
        build().order((deliveries::delivered_on, deliveries::created_at, deliveries::id))
    };
    let rows = ordered.limit(page.limit).offset(page.offset).load(conn)?;
    Ok((rows, total))
}

/// Serials by number and status, in number order.
pub fn serials_page(
    conn: &mut DbConnection,
    scope: &Scope,
    status: Option<&str>,
    page: &Paging,
) -> Result<Paged<Serial>, DbError> {
    let build = || {
        let mut query = scoped!(serials::table.into_boxed(), serials::project_id, scope);
        if let Some(status) = status {
            query = query.filter(serials::status.eq(status.to_string()));
        }
        if let Some(q) = &page.q {
            query = query.filter(lower(serials::serial_number).like(like_pattern(q)).escape('\\'));
        }
        query
    };
    let total = build().count().get_result::<i64>(conn)?;
    let rows = build()
        .order((serials::project_id, serials::serial_number))
        .limit(page.limit)
        .offset(page.offset)
        .load(conn)?;
    Ok((rows, total))
}

pub fn insert_certificate(conn: &mut DbConnection, row: &Certificate) -> Result<(), DbError> {
    diesel::insert_into(certs::table).values(row).execute(conn)?;
    Ok(())
}

pub fn certificate(conn: &mut DbConnection, id: &str) -> Result<Option<Certificate>, DbError> {
    Ok(certs::table.find(id).first(conn).optional()?)
}

pub fn certificates(conn: &mut DbConnection, scope: &Scope) -> Result<Vec<Certificate>, DbError> {
    let query = scoped!(certs::table.into_boxed(), certs::project_id, scope);
    Ok(query.order((certs::issued_on.desc(), certs::id)).load(conn)?)
}

pub fn insert_delivery(conn: &mut DbConnection, row: &Delivery) -> Result<(), DbError> {
    diesel::insert_into(deliveries::table).values(row).execute(conn)?;
    Ok(())
}

pub fn delivery(conn: &mut DbConnection, id: &str) -> Result<Option<Delivery>, DbError> {
    Ok(deliveries::table.find(id).first(conn).optional()?)
}

pub fn deliveries(conn: &mut DbConnection, scope: &Scope) -> Result<Vec<Delivery>, DbError> {
    let query = scoped!(deliveries::table.into_boxed(), deliveries::project_id, scope);
    Ok(query
        .order((deliveries::delivered_on, deliveries::created_at, deliveries::id))
        .load(conn)?)
}

/// Units of an item delivered so far.
pub fn delivered_quantity(conn: &mut DbConnection, item_id: i64) -> Result<i64, DbError> {
    let quantities: Vec<i64> = deliveries::table
        .filter(deliveries::item_id.eq(item_id))
        .select(deliveries::quantity)
        .load(conn)?;
    Ok(quantities.iter().sum())
}

pub fn confirm_delivery(conn: &mut DbConnection, id: &str, on: NaiveDate, by: &str) -> Result<(), DbError> {
    diesel::update(deliveries::table.find(id))
        .set((deliveries::confirmed_on.eq(on), deliveries::confirmed_by.eq(by)))
        .execute(conn)?;
    Ok(())
}

pub fn insert_serial(conn: &mut DbConnection, row: &Serial) -> Result<(), DbError> {
    diesel::insert_into(serials::table).values(row).execute(conn)?;
    Ok(())
}

pub fn serial(conn: &mut DbConnection, id: &str) -> Result<Option<Serial>, DbError> {
    Ok(serials::table.find(id).first(conn).optional()?)
}

pub fn serial_by_number(conn: &mut DbConnection, project: &str, number: &str) -> Result<Option<Serial>, DbError> {
    Ok(serials::table
        .filter(serials::project_id.eq(project))
        .filter(serials::serial_number.eq(number))
        .first(conn)
        .optional()?)
}

pub fn serials_of_delivery(conn: &mut DbConnection, delivery_id: &str) -> Result<Vec<Serial>, DbError> {
    Ok(serials::table
        .filter(serials::delivery_id.eq(delivery_id))
        .order(serials::serial_number)
        .load(conn)?)
}

pub fn serials(conn: &mut DbConnection, scope: &Scope, status: Option<&str>) -> Result<Vec<Serial>, DbError> {
    let mut query = scoped!(serials::table.into_boxed(), serials::project_id, scope);
    if let Some(status) = status {
        query = query.filter(serials::status.eq(status.to_string()));
    }
    Ok(query.order((serials::project_id, serials::serial_number)).load(conn)?)
}

/// Writes a serial's changed fields back (status, custodian, location, last seen).
pub fn update_serial(conn: &mut DbConnection, row: &Serial) -> Result<(), DbError> {
    diesel::update(serials::table.find(&row.id))
        .set((
            serials::status.eq(&row.status),
            serials::custodian.eq(&row.custodian),
            serials::location.eq(&row.location),
            serials::last_seen_on.eq(row.last_seen_on),
            serials::last_seen_location.eq(&row.last_seen_location),
            serials::last_seen_by.eq(&row.last_seen_by),
            serials::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// An approved item that may be delivered, with its batch.
#[derive(Debug, Clone, Queryable)]
pub struct DeliverableItem {
    pub id: i64,
    pub description: String,
    pub decision: String,
    pub quantity: Option<f64>,
    pub batch_id: String,
    pub project_id: String,
    pub file_name: String,
}

/// Approved items that are not prohibited, newest batch first (at most `limit`).
pub fn deliverable_items(conn: &mut DbConnection, scope: &Scope, limit: i64) -> Result<Vec<DeliverableItem>, DbError> {
    use crate::db::schema::{batches, items};
    let query = scoped!(
        items::table.inner_join(batches::table).into_boxed(),
        batches::project_id,
        scope
    );
    Ok(query
        .filter(items::review_status.eq("approved"))
        .filter(items::decision.ne("prohibited"))
        .order((batches::created_at.desc(), items::position))
        .select((
            items::id,
            items::description,
            items::decision,
            items::quantity,
            batches::id,
            batches::project_id,
            batches::file_name,
        ))
        .limit(limit)
        .load(conn)?)
}
