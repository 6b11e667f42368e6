-- Tamper-evident audit trail (SQLite). Keep in step with migrations/postgres.
-- Each record carries a sequence number and the SHA-256 of (previous hash, own canonical content); see src/audit/.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    auth_method TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    project_id TEXT,
    before_state TEXT,
    after_state TEXT,
    reason TEXT,
    request_id TEXT,
    idempotency_key TEXT,
    catalog_version TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id, seq);
CREATE INDEX audit_log_project ON audit_log(project_id, seq);

-- Append-only: the application never changes or removes a record. SQLite has no TRUNCATE (DELETE covers it).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
