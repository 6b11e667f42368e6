-- A reviewer's decision that a party name is not a listed entity: one per (name, entity), kept with the entity
-- record's digest so that a changed listing raises the match again.
CREATE TABLE party_settlements (
    name_key TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_digest TEXT NOT NULL,
    party_name TEXT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES items(id),
    settled_by TEXT NOT NULL,
    justification TEXT NOT NULL,
    settled_at TIMESTAMP NOT NULL,
    PRIMARY KEY (name_key, entity)
);
