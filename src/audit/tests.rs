//! The chain on a real SQLite database: appends, verification, and tampering done behind the application's back.

use super::*;
use crate::db::{self, DbConnection};
use diesel::connection::SimpleConnection;

fn database() -> (tempfile::TempDir, db::Pool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("audit.db").display());
    let pool = db::connect(&url, 2).expect("database");
    (dir, pool)
}

fn append_n(conn: &mut DbConnection, n: usize) {
    let actor = Actor::new("rita", "reviewer", "jwt:HS256");
    for i in 0..n {
        let event = AuditEvent::new(&actor, "approve", "item", format!("{i}"))
            .project("p1")
            .before(serde_json::json!({"review_status": "pending"}))
            .after(serde_json::json!({"review_status": "approved"}))
            .reason("Licence DE-123 checked")
            .catalog_version("2026.11.2");
        db::write(conn, |c| append(c, &event, db::now())).expect("append");
    }
}

fn tamper(conn: &mut DbConnection, sql: &str) {
    conn.batch_execute(&format!(
        "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; {sql}"
    ))
    .expect("tamper");
}

#[test]
fn an_untouched_chain_verifies_and_reports_its_head() {
    let (_dir, pool) = database();
    let mut conn = pool.get().expect("conn");
    let empty = verify(&mut conn, None).expect("verify");
    assert!(empty.is_intact());
    assert_eq!(empty.head, None);
    append_n(&mut conn, 5);
    let result = verify(&mut conn, None).expect("verify");
    assert!(result.is_intact(), "{result:?}");
    assert_eq!(result.records, 5);
    let head = result.head.expect("head");
    assert_eq!(head.seq, 5);
    assert!(verify(&mut conn, Some(&head)).expect("verify").is_intact());
}

#[test]
fn the_database_refuses_update_and_delete() {
    let (_dir, pool) = database();
    let mut conn = pool.get().expect("conn");
    append_n(&mut conn, 2);
    let update = conn.batch_execute("UPDATE audit_log SET reason = 'x' WHERE seq = 1");
    assert!(update.is_err_and(|e| e.to_string().contains("append-only")));
    let delete = conn.batch_execute("DELETE FROM audit_log WHERE seq = 2");
    assert!(delete.is_err_and(|e| e.to_string().contains("append-only")));
    assert!(verify(&mut conn, None).expect("verify").is_intact());
}

#[test]
fn an_edited_record_is_named() {
    let (_dir, pool) = database();
    let mut conn = pool.get().expect("conn");
    append_n(&mut conn, 5);
    tamper(
        &mut conn,
        "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3",
    );
    let result = verify(&mut conn, None).expect("verify");
    assert_eq!(result.first_break, Some(ChainBreak::Altered { seq: 3 }));
}

#[test]
fn an_edited_and_rehashed_record_breaks_the_next_link() {
    let (_dir, pool) = database();
    let mut conn = pool.get().expect("conn");
    append_n(&mut conn, 5);
    let mut row = crate::db::audit::chain_page(&mut conn, 2, 1).expect("read").remove(0);
    row.actor = "mallory".into();
    let forged = record_hash(&row);
    tamper(
        &mut conn,
        &format!("UPDATE audit_log SET actor = 'mallory', hash = '{forged}' WHERE seq = 3"),
    );
    let result = verify(&mut conn, None).expect("verify");
    assert_eq!(result.first_break, Some(ChainBreak::Relinked { seq: 4, previous: 3 }));
}

#[test]
fn removed_records_are_named() {
    let (_dir, pool) = database();
    let mut conn = pool.get().expect("conn");
    append_n(&mut conn, 6);
    tamper(&mut conn, "DELETE FROM audit_log WHERE seq IN (3, 4)");
    let result = verify(&mut conn, None).expect("verify");
    assert_eq!(result.first_break, Some(ChainBreak::Removed { from: 3, to: 4 }));
}

#[test]
fn an_inserted_record_is_named() {
    let (_dir, pool) = database();
    let mut conn = pool.get().expect("conn");
    append_n(&mut conn, 3);
    // Shift record 3 to 4 and slip a self-consistent forgery in as 3, linked to record 2.
    let mut rows = crate::db::audit::chain_page(&mut conn, 0, 10).expect("read");
    let mut forged = rows.remove(2);
    forged.actor = "mallory".into();
    forged.prev_hash = rows[1].hash.clone();
    forged.hash = record_hash(&forged);
    tamper(
        &mut conn,
        &format!(
            "UPDATE audit_log SET seq = 4 WHERE seq = 3; INSERT INTO audit_log SELECT 3, recorded_at, 'mallory', \
             actor_role, auth_method, action, outcome, entity_type, entity_id, project_id, before_state, \
             after_state, reason, request_id, idempotency_key, catalog_version, prev_hash, '{}' FROM audit_log \
             WHERE seq = 4",
            forged.hash
        ),
    );
    let result = verify(&mut conn, None).expect("verify");
    // The moved original no longer matches its hash (the sequence number is part of the content).
    assert_eq!(result.first_break, Some(ChainBreak::Altered { seq: 4 }));
}

#[test]
fn a_cut_end_is_caught_by_the_anchor() {
    let (_dir, pool) = database();
    let mut conn = pool.get().expect("conn");
    append_n(&mut conn, 4);
    let head = verify(&mut conn, None).expect("verify").head.expect("head");
    tamper(&mut conn, "DELETE FROM audit_log WHERE seq = 4");
    assert!(verify(&mut conn, None).expect("verify").is_intact());
    let result = verify(&mut conn, Some(&head)).expect("verify");
    assert_eq!(result.first_break, Some(ChainBreak::AnchorMismatch { seq: 4 }));
}

#[test]
fn anchors_parse_and_reject_garbage() {
    let hash = "a".repeat(64);
    let anchor: Anchor = format!("12:{hash}").parse().expect("anchor");
    assert_eq!(anchor, Anchor { seq: 12, hash });
    assert!("12".parse::<Anchor>().is_err());
    assert!("x:abc".parse::<Anchor>().is_err());
    assert!(format!("1:{}", "g".repeat(64)).parse::<Anchor>().is_err());
}

#[test]
fn appending_in_bulk_chains_like_appending_one_by_one() {
    let (_dir, pool) = database();
    let mut conn = pool.get().expect("conn");
    append_n(&mut conn, 2);
    let actor = Actor::new("rita", "reviewer", "jwt:HS256");
    let events: Vec<AuditEvent> = (0..1_234)
        .map(|i| AuditEvent::new(&actor, "approve", "item", format!("{i}")).reason("Civilian tents"))
        .collect();
    db::write(&mut conn, |c| append_all(c, &events, db::now())).expect("append_all");
    db::write(&mut conn, |c| append_all(c, &[], db::now())).expect("nothing to append");
    append_n(&mut conn, 1);
    let result = verify(&mut conn, None).expect("verify");
    assert!(result.is_intact(), "{result:?}");
    assert_eq!(result.records, 1_237);
}
