-- equipcheck service schema (PostgreSQL). Keep in step with migrations/postgres (same migration names).
CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    partner_country TEXT,
    recipient TEXT,
    funding_line TEXT,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    name TEXT PRIMARY KEY NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    projects TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE batches (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    catalog_version TEXT NOT NULL,
    status TEXT NOT NULL,
    item_count BIGINT NOT NULL,
    problem_count BIGINT NOT NULL,
    summary TEXT NOT NULL,
    layout TEXT
);
CREATE UNIQUE INDEX batches_upload_sha256 ON batches(project_id, sha256) WHERE source = 'upload';
CREATE INDEX batches_project ON batches(project_id, created_at);

CREATE TABLE items (
    id BIGSERIAL PRIMARY KEY,
    batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    sheet TEXT,
    row_number BIGINT NOT NULL,
    line_ref TEXT,
    description TEXT NOT NULL,
    quantity DOUBLE PRECISION,
    unit TEXT,
    unit_price DOUBLE PRECISION,
    currency TEXT,
    hs_code TEXT,
    control_code TEXT,
    supplier TEXT,
    origin TEXT,
    end_user TEXT,
    destination TEXT,
    decision TEXT NOT NULL,
    classification TEXT NOT NULL,
    review_status TEXT NOT NULL,
    review_note TEXT,
    reviewed_by TEXT,
    reviewed_at TIMESTAMP
);
CREATE INDEX items_batch ON items(batch_id, position);

CREATE TABLE import_problems (
    id BIGSERIAL PRIMARY KEY,
    batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    sheet TEXT,
    row_number BIGINT NOT NULL,
    column_ref TEXT,
    value TEXT,
    message TEXT NOT NULL
);
CREATE INDEX import_problems_batch ON import_problems(batch_id, position);

CREATE TABLE idempotency (
    subject TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status INTEGER,
    response_body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (subject, idempotency_key)
);

CREATE TABLE settings (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
