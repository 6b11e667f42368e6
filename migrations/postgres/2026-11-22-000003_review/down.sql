DROP INDEX IF EXISTS items_review_queue;
ALTER TABLE items DROP CONSTRAINT IF EXISTS items_prohibited_never_approved;
ALTER TABLE batches DROP COLUMN review_state;
ALTER TABLE items DROP COLUMN rescreen;
ALTER TABLE items DROP COLUMN question;
ALTER TABLE items DROP COLUMN proposal;
ALTER TABLE items DROP COLUMN review_entry;
ALTER TABLE items DROP COLUMN version;
