-- Change feed, job queue and webhooks (issue 13). Keep in step with the other backend.
-- events.seq is taken under the audit chain's lock, in the transaction of the change: numbers follow commit
-- order, so a reader's cursor never skips an event committed later with a smaller number.
CREATE TABLE events (
    seq BIGINT PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    project_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX events_project ON events(project_id, seq);

-- Work for any instance: claimed with a lease; a job whose lease expired (its worker died) is claimed again.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    max_attempts BIGINT NOT NULL,
    run_after TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    worker TEXT,
    progress BIGINT NOT NULL,
    result TEXT,
    last_error TEXT,
    project_id TEXT,
    created_by TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX jobs_ready ON jobs(state, run_after);

CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX webhooks_project ON webhooks(project_id);

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_seq BIGINT NOT NULL REFERENCES events(seq),
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    last_status BIGINT,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id, created_at);
