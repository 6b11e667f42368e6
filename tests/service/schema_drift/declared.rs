//! Reads `src/db/schema.rs` as diesel's `table!` syntax: `[schema.]name (pk, ...) { [#[sql_name = "x"]] column
//! -> Type, ... }`. Anything it cannot read is an error naming the line, never skipped.

use super::model::{Column, Schema, Table};

pub fn parse(source: &str) -> Result<Schema, String> {
    let mut schema = Schema::default();
    let mut lines = source.lines().enumerate().map(|(i, line)| (i + 1, line.trim()));
    while let Some((number, line)) = lines.next() {
        if !(line.starts_with("diesel::table!") || line.starts_with("table!")) {
            continue;
        }
        let (name, table) = parse_table(&mut lines).map_err(|e| format!("schema.rs, table! at line {number}: {e}"))?;
        if schema.tables.insert(name.clone(), table).is_some() {
            return Err(format!("schema.rs line {number}: table {name} is declared twice"));
        }
    }
    if schema.tables.is_empty() {
        return Err("schema.rs declares no table! at all".into());
    }
    Ok(schema)
}

fn parse_table<'a>(lines: &mut impl Iterator<Item = (usize, &'a str)>) -> Result<(String, Table), String> {
    let mut table = Table::default();
    let mut name = None;
    let mut sql_name: Option<String> = None;
    // Rust name -> SQL name of renamed columns: the primary key is written with the Rust names.
    let mut renamed = std::collections::HashMap::new();
    for (number, line) in lines {
        if line.is_empty() || line.starts_with("//") || line.starts_with("use ") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("#[sql_name") {
            sql_name = Some(quoted(rest).ok_or_else(|| format!("line {number}: unreadable {line:?}"))?);
            continue;
        }
        if line.starts_with("#[") {
            continue;
        }
        match &name {
            None => {
                // `name (pk, ...) {`, possibly `schema.name`.
                let (head, keys) = line
                    .strip_suffix('{')
                    .and_then(|l| l.trim().strip_suffix(')'))
                    .and_then(|l| l.split_once('('))
                    .ok_or_else(|| format!("line {number}: expected `name (primary key) {{`, found {line:?}"))?;
                let head = head.trim();
                let head = head.rsplit('.').next().unwrap_or(head);
                name = Some(sql_name.take().unwrap_or_else(|| head.to_string()));
                table.primary_key = keys.split(',').map(|k| k.trim().to_string()).collect();
            }
            Some(table_name) => {
                if line == "}" {
                    // The end of the columns; the next `}` closes the macro.
                    for key in &mut table.primary_key {
                        if let Some(sql) = renamed.get(key) {
                            *key = String::clone(sql);
                        }
                    }
                    return Ok((table_name.clone(), table));
                }
                let (column, sql_type) = line
                    .trim_end_matches(',')
                    .split_once("->")
                    .ok_or_else(|| format!("line {number}: expected `column -> Type,`, found {line:?}"))?;
                let column = match sql_name.take() {
                    Some(sql) => {
                        renamed.insert(column.trim().to_string(), sql.clone());
                        sql
                    }
                    None => column.trim().to_string(),
                };
                let sql_type = sql_type.trim();
                let declared = match sql_type.strip_prefix("Nullable<").and_then(|t| t.strip_suffix('>')) {
                    Some(inner) => Column::new(inner, true),
                    None => Column::new(sql_type, false),
                };
                table.columns.insert(column, declared);
            }
        }
    }
    Err("the file ends inside the table".into())
}

fn quoted(text: &str) -> Option<String> {
    let start = text.find('"')? + 1;
    let end = start + text[start..].find('"')?;
    Some(text[start..end].to_string())
}
