-- Limits shared by every instance on one database (issue 16). Keep in step with the other backend.
-- Counters per fixed window: sign-in failures per account and per client, API requests per client. Upserted with
-- an increment; windows past expires_at (unix seconds) are pruned by a periodic job.
CREATE TABLE rate_counters (
    kind TEXT NOT NULL,
    counter_key TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (kind, counter_key, window_start)
);
CREATE INDEX rate_counters_expiry ON rate_counters(expires_at);

-- Uploads and purchase orders in flight per user: one row per request, removed when it ends; a row left by a
-- killed instance stops counting at expires_at (unix seconds).
CREATE TABLE upload_slots (
    id TEXT PRIMARY KEY NOT NULL,
    user_name TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX upload_slots_user ON upload_slots(user_name, expires_at);
