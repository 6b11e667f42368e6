-- End-use monitoring (PostgreSQL). Keep in step with migrations/sqlite (same migration name).
CREATE TABLE end_user_certificates (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    reference TEXT NOT NULL,
    issuer TEXT NOT NULL,
    end_user TEXT NOT NULL,
    consignee TEXT NOT NULL,
    final_destination TEXT NOT NULL,
    end_use TEXT NOT NULL,
    no_reexport BOOLEAN NOT NULL,
    onsite_checks BOOLEAN NOT NULL,
    issued_on DATE NOT NULL,
    valid_until DATE,
    document_sha256 TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, reference)
);

CREATE TABLE deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    item_id BIGINT NOT NULL REFERENCES items(id),
    certificate_id TEXT REFERENCES end_user_certificates(id),
    description TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    delivered_on DATE NOT NULL,
    receiving_unit TEXT NOT NULL,
    location TEXT NOT NULL,
    country TEXT,
    profile TEXT NOT NULL,
    confirmed_on DATE,
    confirmed_by TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX deliveries_project ON deliveries(project_id, delivered_on);
CREATE INDEX deliveries_item ON deliveries(item_id);

CREATE TABLE serials (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    delivery_id TEXT NOT NULL REFERENCES deliveries(id),
    serial_number TEXT NOT NULL,
    model TEXT,
    custodian TEXT,
    location TEXT,
    status TEXT NOT NULL,
    last_seen_on DATE,
    last_seen_location TEXT,
    last_seen_by TEXT,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, serial_number)
);
CREATE INDEX serials_delivery ON serials(delivery_id);

CREATE TABLE inspections (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    delivery_id TEXT NOT NULL REFERENCES deliveries(id),
    kind TEXT NOT NULL,
    method TEXT NOT NULL,
    planned_on DATE,
    done_on DATE,
    inspector TEXT,
    findings TEXT,
    evidence TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX inspections_delivery ON inspections(delivery_id);

CREATE TABLE inspection_results (
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    serial_id TEXT NOT NULL REFERENCES serials(id),
    result TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (inspection_id, serial_id)
);

CREATE TABLE incidents (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    delivery_id TEXT NOT NULL REFERENCES deliveries(id),
    serial_id TEXT REFERENCES serials(id),
    inspection_id TEXT REFERENCES inspections(id),
    kind TEXT NOT NULL,
    discovered_on DATE NOT NULL,
    description TEXT NOT NULL,
    reported_on DATE,
    reported_to TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE transfer_consents (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    delivery_id TEXT NOT NULL REFERENCES deliveries(id),
    serial_numbers TEXT NOT NULL,
    transferee TEXT NOT NULL,
    reason TEXT NOT NULL,
    requested_on DATE NOT NULL,
    decision TEXT NOT NULL,
    decided_on DATE,
    decided_by TEXT,
    decision_note TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE disposals (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    serial_id TEXT NOT NULL UNIQUE REFERENCES serials(id),
    disposed_on DATE NOT NULL,
    method TEXT NOT NULL,
    witness TEXT NOT NULL,
    certificate_ref TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE obligations (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    delivery_id TEXT NOT NULL REFERENCES deliveries(id),
    serial_id TEXT REFERENCES serials(id),
    source_id TEXT,
    kind TEXT NOT NULL,
    profile TEXT NOT NULL,
    country TEXT,
    opened_on DATE NOT NULL,
    due_on DATE NOT NULL,
    fulfilled_on DATE,
    fulfilled_by TEXT,
    waived_on DATE,
    waived_by TEXT,
    waiver_justification TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX obligations_project_due ON obligations(project_id, due_on);
CREATE INDEX obligations_delivery ON obligations(delivery_id);
