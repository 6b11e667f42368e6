-- Browser sessions that can end before their cookie expires (issue 16): sign-out revokes one, a password, role or
-- project change revokes all of a user's. The cookie names the session; only the SHA-256 of its id is stored, and
-- every instance checks the row, so a revocation holds everywhere at once. Keep in step with the other backend.
CREATE TABLE web_sessions (
    id_sha256 TEXT PRIMARY KEY NOT NULL,
    subject TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX web_sessions_subject ON web_sessions (subject);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);
