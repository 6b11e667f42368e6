DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
DROP TRIGGER IF EXISTS audit_log_no_update_delete ON audit_log;
DROP TABLE audit_log;
DROP FUNCTION IF EXISTS audit_log_refuse_change();
