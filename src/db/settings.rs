//! Installation settings kept in the database so every instance shares them (the generated token secret).

use super::schema::settings;
use super::{DbConnection, DbError};
use diesel::prelude::*;

pub fn get(conn: &mut DbConnection, name: &str) -> Result<Option<String>, DbError> {
    Ok(settings::table
        .find(name)
        .select(settings::value)
        .first::<String>(conn)
        .optional()?)
}

/// The stored value, or `make()` stored now; the first instance to store wins.
pub fn get_or_insert(conn: &mut DbConnection, name: &str, make: impl FnOnce() -> String) -> Result<String, DbError> {
    if let Some(value) = get(conn, name)? {
        return Ok(value);
    }
    let inserted = diesel::insert_into(settings::table)
        .values((settings::name.eq(name), settings::value.eq(make())))
        .execute(conn);
    match inserted.map_err(DbError::from) {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => {}
        Err(e) => return Err(e),
    }
    get(conn, name)?.ok_or_else(|| DbError::Corrupt(format!("setting {name} vanished")))
}

/// Stores `value` under `name`, replacing what was there.
pub fn set(conn: &mut DbConnection, name: &str, value: &str) -> Result<(), DbError> {
    let updated = diesel::update(settings::table.find(name))
        .set(settings::value.eq(value))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(settings::table)
            .values((settings::name.eq(name), settings::value.eq(value)))
            .execute(conn)?;
    }
    Ok(())
}
