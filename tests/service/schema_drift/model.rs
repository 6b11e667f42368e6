//! A database schema reduced to what diesel's `table!` declares (tables, primary keys, columns with their SQL
//! type and nullability), and the differences between two of them, named.

use std::collections::BTreeMap;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Schema {
    pub tables: BTreeMap<String, Table>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Table {
    pub primary_key: Vec<String>,
    pub columns: BTreeMap<String, Column>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The canonical diesel SQL type name (`BigInt`, never its alias `Int8`); see [`canonical_type`].
    pub sql_type: String,
    pub nullable: bool,
}

impl Column {
    pub fn new(sql_type: &str, nullable: bool) -> Column {
        Column {
            sql_type: canonical_type(sql_type),
            nullable,
        }
    }

    /// As `table!` writes it: `Nullable<Text>`.
    pub fn declared(&self) -> String {
        if self.nullable {
            format!("Nullable<{}>", self.sql_type)
        } else {
            self.sql_type.clone()
        }
    }
}

/// One name per diesel SQL type: the PostgreSQL aliases (`Int8`, `Float8`, `Varchar` ...) are the same types as
/// the portable names `schema.rs` uses.
pub fn canonical_type(name: &str) -> String {
    let name = name.rsplit("::").next().unwrap_or(name).trim();
    match name {
        "Int8" | "Bigint" | "BigSerial" => "BigInt",
        "Int4" | "Serial" => "Integer",
        "Int2" | "Smallint" | "SmallSerial" => "SmallInt",
        "Float8" => "Double",
        "Float4" => "Float",
        "Varchar" | "VarChar" | "Bpchar" => "Text",
        "Bytea" | "Blob" => "Binary",
        "Timestamp" | "Datetime" => "Timestamp",
        "Decimal" => "Numeric",
        other => other,
    }
    .to_string()
}

/// What differs between `declared` (src/db/schema.rs) and `actual` (a database after every migration), one
/// sentence per difference; empty when they agree.
pub fn differences(declared: &Schema, actual: &Schema, backend: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (name, table) in &actual.tables {
        if !declared.tables.contains_key(name) {
            out.push(format!(
                "{backend}: table {name} ({} columns) is created by the migrations but missing from src/db/schema.rs",
                table.columns.len()
            ));
        }
    }
    for (name, declared_table) in &declared.tables {
        let Some(actual_table) = actual.tables.get(name) else {
            out.push(format!(
                "{backend}: table {name} is in src/db/schema.rs but no migration creates it"
            ));
            continue;
        };
        if declared_table.primary_key != actual_table.primary_key {
            out.push(format!(
                "{backend}: table {name}: primary key is ({}) in src/db/schema.rs but ({}) in the database",
                declared_table.primary_key.join(", "),
                actual_table.primary_key.join(", ")
            ));
        }
        for (column, actual_column) in &actual_table.columns {
            match declared_table.columns.get(column) {
                None => out.push(format!(
                    "{backend}: column {name}.{column} ({}) is in the database but missing from src/db/schema.rs",
                    actual_column.declared()
                )),
                Some(declared_column) if declared_column != actual_column => out.push(format!(
                    "{backend}: column {name}.{column} is {} in src/db/schema.rs but {} in the database",
                    declared_column.declared(),
                    actual_column.declared()
                )),
                Some(_) => {}
            }
        }
        for column in declared_table.columns.keys() {
            if !actual_table.columns.contains_key(column) {
                out.push(format!(
                    "{backend}: column {name}.{column} is in src/db/schema.rs but not in the database"
                ));
            }
        }
    }
    out
}
