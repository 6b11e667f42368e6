//! What the migrations really created, read from the database's own catalogue, with the SQL types named as
//! `diesel print-schema` names them (SQLite: diesel_cli's affinity rules with `sqlite_integer_primary_key_is_bigint
//! = true`, as in diesel.toml; PostgreSQL: the column's type name).

use super::model::{Column, Schema, Table};
use diesel::sql_types::{BigInt, Bool, Nullable, Text};
use diesel::{PgConnection, QueryableByName, RunQueryDsl, SqliteConnection};

/// Diesel's own bookkeeping, not part of the application's schema.
const MIGRATIONS_TABLE: &str = "__diesel_schema_migrations";

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    type_: String,
    #[diesel(sql_type = Bool)]
    notnull: bool,
    #[diesel(sql_type = BigInt)]
    pk: i64,
}

#[derive(QueryableByName)]
struct SqliteForeignKey {
    #[diesel(sql_type = Text)]
    table: String,
    #[diesel(sql_type = Text)]
    from: String,
    #[diesel(sql_type = Nullable<Text>)]
    to: Option<String>,
}

fn quote(identifier: &str) -> String {
    format!("'{}'", identifier.replace('\'', "''"))
}

pub fn sqlite(conn: &mut SqliteConnection) -> Result<Schema, diesel::result::Error> {
    let names: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .load(conn)?;
    let mut schema = Schema::default();
    for Name { name } in names.into_iter().filter(|n| n.name != MIGRATIONS_TABLE) {
        let columns: Vec<SqliteColumn> = diesel::sql_query(format!(
            "SELECT name, type AS type_, \"notnull\", pk FROM pragma_table_info({}) ORDER BY cid",
            quote(&name)
        ))
        .load(conn)?;
        let mut keyed: Vec<&SqliteColumn> = columns.iter().filter(|c| c.pk > 0).collect();
        keyed.sort_by_key(|c| c.pk);
        let primary_key: Vec<String> = keyed.iter().map(|c| c.name.clone()).collect();
        let foreign_keys: Vec<SqliteForeignKey> = diesel::sql_query(format!(
            "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list({})",
            quote(&name)
        ))
        .load(conn)?;
        let mut table = Table {
            primary_key: primary_key.clone(),
            ..Table::default()
        };
        for column in &columns {
            let type_name = column.type_.to_lowercase();
            let is_rowid = is_rowid_alias(conn, &name, &primary_key, &column.name, &type_name)?;
            let references_rowid = match foreign_keys.iter().find(|fk| fk.from == column.name) {
                Some(fk) => references_rowid(conn, fk)?,
                None => false,
            };
            let sql_type = sqlite_type(&type_name, is_rowid || references_rowid)
                .unwrap_or_else(|| format!("unsupported SQLite type {:?}", column.type_));
            table
                .columns
                .insert(column.name.clone(), Column::new(&sql_type, !column.notnull));
        }
        schema.tables.insert(name, table);
    }
    Ok(schema)
}

/// diesel_cli's SQLite rules, in its order; `rowid` says the column is (or references) an `INTEGER PRIMARY
/// KEY`, which diesel.toml's `sqlite_integer_primary_key_is_bigint` prints as `BigInt`.
fn sqlite_type(type_name: &str, rowid: bool) -> Option<String> {
    let has = |part: &str| type_name.contains(part);
    let name = if matches!(type_name, "boolean" | "bool") || (has("tiny") && has("int")) {
        "Bool"
    } else if type_name == "int2" || (has("small") && has("int")) {
        "SmallInt"
    } else if type_name == "int8" || (has("big") && has("int")) {
        "BigInt"
    } else if has("int") {
        if rowid {
            "BigInt"
        } else {
            "Integer"
        }
    } else if has("char") || has("clob") || has("text") {
        "Text"
    } else if has("blob") || has("binary") || type_name.is_empty() {
        "Binary"
    } else if has("float") || has("real") {
        "Float"
    } else if has("double") || has("num") || has("dec") {
        "Double"
    } else if matches!(type_name, "datetime" | "timestamp") {
        "Timestamp"
    } else if type_name == "date" {
        "Date"
    } else if type_name == "time" {
        "Time"
    } else {
        return None;
    };
    Some(name.to_string())
}

fn is_rowid_alias(
    conn: &mut SqliteConnection,
    table: &str,
    primary_key: &[String],
    column: &str,
    type_name: &str,
) -> Result<bool, diesel::result::Error> {
    if type_name != "integer" || primary_key != [column] {
        return Ok(false);
    }
    #[derive(QueryableByName)]
    struct WithoutRowid {
        #[diesel(sql_type = Bool)]
        wr: bool,
    }
    let listed: Vec<WithoutRowid> = diesel::sql_query(format!(
        "SELECT wr FROM pragma_table_list({}) WHERE schema = 'main'",
        quote(table)
    ))
    .load(conn)?;
    Ok(listed.first().is_some_and(|t| !t.wr))
}

fn references_rowid(conn: &mut SqliteConnection, fk: &SqliteForeignKey) -> Result<bool, diesel::result::Error> {
    let columns: Vec<SqliteColumn> = diesel::sql_query(format!(
        "SELECT name, type AS type_, \"notnull\", pk FROM pragma_table_info({}) ORDER BY cid",
        quote(&fk.table)
    ))
    .load(conn)?;
    let keys: Vec<String> = columns.iter().filter(|c| c.pk > 0).map(|c| c.name.clone()).collect();
    let [key] = keys.as_slice() else {
        return Ok(false);
    };
    if fk.to.as_ref().is_some_and(|to| to != key) {
        return Ok(false);
    }
    let type_name = columns
        .iter()
        .find(|c| &c.name == key)
        .map(|c| c.type_.to_lowercase())
        .unwrap_or_default();
    is_rowid_alias(conn, &fk.table, &keys, key, &type_name)
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    udt_name: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
}

#[derive(QueryableByName)]
struct PgKey {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

pub fn postgres(conn: &mut PgConnection) -> Result<Schema, diesel::result::Error> {
    let columns: Vec<PgColumn> = diesel::sql_query(
        "SELECT c.table_name::text AS table_name, c.column_name::text AS column_name, c.udt_name::text AS udt_name, \
                c.is_nullable = 'YES' AS nullable \
         FROM information_schema.columns c \
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
         ORDER BY c.table_name, c.ordinal_position",
    )
    .load(conn)?;
    let keys: Vec<PgKey> = diesel::sql_query(
        "SELECT k.table_name::text AS table_name, k.column_name::text AS column_name \
         FROM information_schema.table_constraints tc \
         JOIN information_schema.key_column_usage k \
           ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name \
          AND k.table_name = tc.table_name \
         WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY' \
         ORDER BY k.table_name, k.ordinal_position",
    )
    .load(conn)?;
    let mut schema = Schema::default();
    for column in columns.into_iter().filter(|c| c.table_name != MIGRATIONS_TABLE) {
        let sql_type = postgres_type(&column.udt_name)
            .unwrap_or_else(|| format!("unsupported PostgreSQL type {:?}", column.udt_name));
        schema
            .tables
            .entry(column.table_name)
            .or_default()
            .columns
            .insert(column.column_name, Column::new(&sql_type, column.nullable));
    }
    for key in keys {
        if let Some(table) = schema.tables.get_mut(&key.table_name) {
            table.primary_key.push(key.column_name);
        }
    }
    Ok(schema)
}

/// The diesel SQL type of a PostgreSQL column type (`udt_name`), as `diesel print-schema` prints it.
fn postgres_type(udt_name: &str) -> Option<String> {
    let name = match udt_name {
        "int8" => "Int8",
        "int4" => "Int4",
        "int2" => "Int2",
        "float8" => "Float8",
        "float4" => "Float4",
        "text" => "Text",
        "varchar" => "Varchar",
        "bpchar" => "Bpchar",
        "bool" => "Bool",
        "timestamp" => "Timestamp",
        "timestamptz" => "Timestamptz",
        "date" => "Date",
        "time" => "Time",
        "bytea" => "Bytea",
        "numeric" => "Numeric",
        "uuid" => "Uuid",
        "json" => "Json",
        "jsonb" => "Jsonb",
        "interval" => "Interval",
        _ => return None,
    };
    Some(name.to_string())
}
