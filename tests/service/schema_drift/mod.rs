//! The schema cannot drift: every migration of the checkout (`migrations/<backend>/`, read from disk, so a
//! migration just added counts) is applied to a fresh SQLite and a fresh PostgreSQL database, and the tables,
//! primary keys, columns, SQL types and nullability they create are compared with `src/db/schema.rs`. A fixture
//! migration (`tests/fixtures/schema-drift/`) proves the check fails, naming the column, on a real drift.

mod declared;
mod introspect;
mod model;

use crate::helpers::{backends, fixture, fresh_database, root, Db, DbGuard};
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{FileBasedMigrations, MigrationHarness};
use model::Schema;
use std::path::Path;

const HOW_TO_FIX: &str = "src/db/schema.rs must declare exactly what migrations/sqlite and migrations/postgres \
                          create: regenerate it with `diesel print-schema` (see the README, \"Adding a migration\") \
                          or correct the migration";

fn declared_schema() -> Schema {
    let path = root().join("src/db/schema.rs");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    declared::parse(&source).unwrap_or_else(|e| panic!("{e}"))
}

fn backend_name(db: Db) -> &'static str {
    match db {
        Db::Sqlite => "sqlite",
        Db::Postgres => "postgres",
    }
}

/// A fresh database with the checkout's migrations, then those of `extra` folders, applied; what it holds.
fn migrated_schema(db: Db, extra: &[&Path]) -> (Schema, DbGuard) {
    let (url, guard) = fresh_database(db);
    let mut folders = vec![root().join("migrations").join(backend_name(db))];
    folders.extend(extra.iter().map(|p| p.join(backend_name(db))));
    let schema = match db {
        Db::Sqlite => {
            let path = url.strip_prefix("sqlite://").unwrap_or(&url);
            let mut conn = SqliteConnection::establish(path).expect("open the SQLite file");
            for folder in &folders {
                apply(&mut conn, folder);
            }
            introspect::sqlite(&mut conn).expect("read the SQLite catalogue")
        }
        Db::Postgres => {
            let mut conn = PgConnection::establish(&url).expect("connect to the test database");
            for folder in &folders {
                apply(&mut conn, folder);
            }
            introspect::postgres(&mut conn).expect("read the PostgreSQL catalogue")
        }
    };
    (schema, guard)
}

fn apply<C: MigrationHarness<B>, B: diesel::backend::Backend>(conn: &mut C, folder: &Path)
where
    FileBasedMigrations: diesel::migration::MigrationSource<B>,
{
    let migrations =
        FileBasedMigrations::from_path(folder).unwrap_or_else(|e| panic!("migrations in {}: {e}", folder.display()));
    conn.run_pending_migrations(migrations)
        .unwrap_or_else(|e| panic!("a migration in {} failed: {e}", folder.display()));
}

#[test]
fn schema_rs_declares_exactly_what_the_migrations_create() {
    let declared = declared_schema();
    for db in backends() {
        let (actual, _guard) = migrated_schema(db, &[]);
        let differences = model::differences(&declared, &actual, backend_name(db));
        assert!(
            differences.is_empty(),
            "src/db/schema.rs has drifted from the migrations:\n  {}\n{HOW_TO_FIX}",
            differences.join("\n  ")
        );
    }
}

/// The check is not vacuous: a migration adding a column that schema.rs lacks is named.
#[test]
fn a_migration_adding_a_column_schema_rs_lacks_is_named() {
    let declared = declared_schema();
    let drift = fixture("schema-drift");
    for db in backends() {
        let (actual, _guard) = migrated_schema(db, &[&drift]);
        let backend = backend_name(db);
        assert_eq!(
            model::differences(&declared, &actual, backend),
            [format!(
                "{backend}: column projects.drift_probe (Nullable<Text>) is in the database but missing from \
                 src/db/schema.rs"
            )]
        );
    }
}

/// And the other direction: what schema.rs declares wrongly (a type, a nullability, a column or table no
/// migration creates, a primary key) is named too.
#[test]
fn what_schema_rs_declares_wrongly_is_named() {
    let source = std::fs::read_to_string(root().join("src/db/schema.rs")).expect("schema.rs");
    let doctored = source
        .replacen("partner_country -> Nullable<Text>,", "partner_country -> Text,", 1)
        .replacen(
            "funding_line -> Nullable<Text>,",
            "funding_line -> Nullable<BigInt>,\n        archived -> Bool,",
            1,
        )
        .replacen("users (name) {", "users (name, role) {", 1)
        + "\ndiesel::table! {\n    ghosts (id) {\n        id -> BigInt,\n    }\n}\n";
    for doctored_line in ["partner_country -> Text,", "archived -> Bool,", "users (name, role) {"] {
        assert!(
            doctored.contains(doctored_line),
            "schema.rs no longer has the line doctored into {doctored_line:?}"
        );
    }
    let declared = declared::parse(&doctored).expect("the doctored schema parses");
    for db in backends() {
        let (actual, _guard) = migrated_schema(db, &[]);
        let b = backend_name(db);
        let mut differences = model::differences(&declared, &actual, b);
        differences.sort();
        let mut expected = vec![
            format!(
                "{b}: column projects.partner_country is Text in src/db/schema.rs but Nullable<Text> in the database"
            ),
            format!(
                "{b}: column projects.funding_line is Nullable<BigInt> in src/db/schema.rs but Nullable<Text> in the \
                 database"
            ),
            format!("{b}: column projects.archived is in src/db/schema.rs but not in the database"),
            format!("{b}: table users: primary key is (name, role) in src/db/schema.rs but (name) in the database"),
            format!("{b}: table ghosts is in src/db/schema.rs but no migration creates it"),
        ];
        expected.sort();
        assert_eq!(differences, expected);
    }
}

#[test]
fn postgres_type_aliases_are_the_portable_types() {
    for (alias, portable) in [
        ("Int8", "BigInt"),
        ("Float8", "Double"),
        ("Int4", "Integer"),
        ("Varchar", "Text"),
    ] {
        assert_eq!(model::canonical_type(alias), portable);
    }
    assert_eq!(model::canonical_type("diesel::sql_types::Timestamptz"), "Timestamptz");
}
