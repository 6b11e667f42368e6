-- Compliance review (PostgreSQL). Keep in step with migrations/sqlite.
-- review_status: pending, on_hold (a question to the uploader), proposed (a prohibited item's reclassification
-- waiting for a second reviewer), approved (may be delivered; never a prohibited item), rejected.
ALTER TABLE items ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE items ADD COLUMN review_entry TEXT;
ALTER TABLE items ADD COLUMN proposal TEXT;
ALTER TABLE items ADD COLUMN question TEXT;
ALTER TABLE items ADD COLUMN rescreen TEXT;
UPDATE items SET review_status = 'pending' WHERE review_status NOT IN ('pending', 'approved', 'rejected');
UPDATE items SET review_status = 'pending' WHERE review_status = 'approved' AND decision = 'prohibited';
CREATE INDEX items_review_queue ON items(review_status, batch_id, position);

-- open, blocked, cleared, partially_cleared: follows the items (src/review/state.rs).
ALTER TABLE batches ADD COLUMN review_state TEXT NOT NULL DEFAULT 'open';
UPDATE batches SET review_state = CASE
    WHEN EXISTS (SELECT 1 FROM items i WHERE i.batch_id = batches.id AND i.decision = 'prohibited') THEN 'blocked'
    WHEN EXISTS (SELECT 1 FROM items i WHERE i.batch_id = batches.id
                 AND i.review_status IN ('pending', 'on_hold', 'proposed')) THEN 'open'
    WHEN NOT EXISTS (SELECT 1 FROM items i WHERE i.batch_id = batches.id AND i.review_status <> 'approved')
        THEN 'cleared'
    ELSE 'partially_cleared' END;

-- The no-weapons rule, enforced by the database too: whatever the application does, a prohibited item is never
-- approved.
ALTER TABLE items ADD CONSTRAINT items_prohibited_never_approved
    CHECK (NOT (decision = 'prohibited' AND review_status = 'approved'));
