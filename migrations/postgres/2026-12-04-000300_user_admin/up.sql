-- Administration pages (issue 14): an administrator disables an account instead of deleting it (its audit records
-- keep naming it); a disabled account cannot sign in. Keep in step with the other backend.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;
