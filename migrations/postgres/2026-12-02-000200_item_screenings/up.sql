-- Screening history and the two-reviewer rule for anything ever prohibited (PostgreSQL). Keep in step with
-- migrations/sqlite. See src/review/history.rs.

-- ever_prohibited: the item was screened (or decided) prohibited at some point; it never goes back to false.
-- lowered_by, lowering_confirmed_by: the two distinct reviewers who confirmed lowering that decision.
-- supersedes: the item an ERP re-submission of the same purchase-order line replaces.
ALTER TABLE items ADD COLUMN ever_prohibited BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE items ADD COLUMN lowered_by TEXT;
ALTER TABLE items ADD COLUMN lowering_confirmed_by TEXT;
ALTER TABLE items ADD COLUMN supersedes BIGINT REFERENCES items(id);

-- Every screening of an item: the first (upload or ERP submission), then each edit, re-submission and rescreen
-- that changed it. A re-submitted line starts with the history of the line it replaces (from_item_id).
CREATE TABLE item_screenings (
    id BIGSERIAL PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES items(id),
    decision TEXT NOT NULL,
    catalog_version TEXT NOT NULL,
    evidence TEXT NOT NULL,
    cause TEXT NOT NULL CHECK (cause IN ('upload', 'submission', 'edit', 'resubmission', 'rescreen')),
    screened_by TEXT NOT NULL,
    screened_at TIMESTAMP NOT NULL,
    from_item_id BIGINT
);
CREATE INDEX item_screenings_item ON item_screenings(item_id, id);
CREATE INDEX item_screenings_by ON item_screenings(screened_by, item_id);

-- Items stored before this migration: their screening as it stands becomes their first.
INSERT INTO item_screenings (item_id, decision, catalog_version, evidence, cause, screened_by, screened_at)
SELECT i.id, COALESCE(i.classification::jsonb ->> 'decision', i.decision), b.catalog_version, '',
       CASE WHEN b.source = 'erp' THEN 'submission' ELSE 'upload' END, b.created_by, b.created_at
FROM items i JOIN batches b ON b.id = i.batch_id ORDER BY i.id;
UPDATE items SET ever_prohibited = TRUE WHERE decision = 'prohibited'
    OR EXISTS (SELECT 1 FROM item_screenings s WHERE s.item_id = items.id AND s.decision = 'prohibited');

-- The history is append-only.
CREATE FUNCTION item_screenings_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'item_screenings is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER item_screenings_append_only BEFORE UPDATE OR DELETE ON item_screenings
    FOR EACH ROW EXECUTE FUNCTION item_screenings_append_only();
CREATE TRIGGER item_screenings_no_truncate BEFORE TRUNCATE ON item_screenings
    FOR EACH STATEMENT EXECUTE FUNCTION item_screenings_append_only();

-- Once prohibited, always marked so.
CREATE FUNCTION items_ever_prohibited_stays() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an item once prohibited stays marked ever_prohibited';
END $$;
CREATE TRIGGER items_ever_prohibited_stays BEFORE UPDATE ON items
    FOR EACH ROW WHEN (OLD.ever_prohibited AND NOT NEW.ever_prohibited)
    EXECUTE FUNCTION items_ever_prohibited_stays();
ALTER TABLE items ADD CONSTRAINT items_prohibited_marked CHECK (decision <> 'prohibited' OR ever_prohibited);

-- No single person lowers a prohibited decision: an item ever prohibited is approved only after two distinct
-- reviewers confirmed the lowering (NOT VALID: rows approved before this migration are history), and nobody who
-- uploaded, submitted or edited the item approves or confirms it.
ALTER TABLE items ADD CONSTRAINT items_two_reviewers CHECK (
    NOT (review_status = 'approved' AND ever_prohibited)
    OR (lowered_by IS NOT NULL AND lowering_confirmed_by IS NOT NULL AND lowered_by <> lowering_confirmed_by)
) NOT VALID;
CREATE FUNCTION items_four_eyes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM item_screenings s WHERE s.item_id = NEW.id
               AND s.cause IN ('upload', 'submission', 'edit', 'resubmission')
               AND s.screened_by IN (NEW.reviewed_by, NEW.lowered_by, NEW.lowering_confirmed_by)) THEN
        RAISE EXCEPTION 'four eyes: whoever uploaded, submitted or edited an item neither approves it nor confirms lowering its decision';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER items_four_eyes BEFORE UPDATE ON items
    FOR EACH ROW WHEN (NEW.review_status = 'approved') EXECUTE FUNCTION items_four_eyes();
