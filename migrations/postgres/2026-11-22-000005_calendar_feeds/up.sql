-- Secret calendar-feed URLs, one per project (calendar apps cannot send a bearer token). Only the SHA-256 of the
-- token is stored; rotating replaces the row, revoking deletes it. Keep in step with the other backend.
CREATE TABLE calendar_feeds (
    project_id TEXT PRIMARY KEY NOT NULL REFERENCES projects(id),
    token_sha256 TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
