-- Screening history and the two-reviewer rule for anything ever prohibited (SQLite). Keep in step with
-- migrations/postgres. See src/review/history.rs.

-- ever_prohibited: the item was screened (or decided) prohibited at some point; it never goes back to false.
-- lowered_by, lowering_confirmed_by: the two distinct reviewers who confirmed lowering that decision.
-- supersedes: the item an ERP re-submission of the same purchase-order line replaces.
ALTER TABLE items ADD COLUMN ever_prohibited BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN lowered_by TEXT;
ALTER TABLE items ADD COLUMN lowering_confirmed_by TEXT;
ALTER TABLE items ADD COLUMN supersedes BIGINT REFERENCES items(id);

-- Every screening of an item: the first (upload or ERP submission), then each edit, re-submission and rescreen
-- that changed it. A re-submitted line starts with the history of the line it replaces (from_item_id).
CREATE TABLE item_screenings (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
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
SELECT i.id,
       COALESCE(CASE WHEN json_valid(i.classification) THEN json_extract(i.classification, '$.decision') END,
                i.decision),
       b.catalog_version, '', CASE WHEN b.source = 'erp' THEN 'submission' ELSE 'upload' END,
       b.created_by, b.created_at
FROM items i JOIN batches b ON b.id = i.batch_id ORDER BY i.id;
UPDATE items SET ever_prohibited = 1 WHERE decision = 'prohibited'
    OR EXISTS (SELECT 1 FROM item_screenings s WHERE s.item_id = items.id AND s.decision = 'prohibited');

-- The history is append-only.
CREATE TRIGGER item_screenings_no_update BEFORE UPDATE ON item_screenings
BEGIN
    SELECT RAISE(ABORT, 'item_screenings is append-only: UPDATE refused');
END;
CREATE TRIGGER item_screenings_no_delete BEFORE DELETE ON item_screenings
BEGIN
    SELECT RAISE(ABORT, 'item_screenings is append-only: DELETE refused');
END;

-- Once prohibited, always marked so.
CREATE TRIGGER items_ever_prohibited_stays BEFORE UPDATE ON items
WHEN OLD.ever_prohibited AND NOT NEW.ever_prohibited
BEGIN
    SELECT RAISE(ABORT, 'an item once prohibited stays marked ever_prohibited');
END;
CREATE TRIGGER items_prohibited_marked_insert BEFORE INSERT ON items
WHEN NEW.decision = 'prohibited' AND NOT NEW.ever_prohibited
BEGIN
    SELECT RAISE(ABORT, 'a prohibited item must be marked ever_prohibited');
END;
CREATE TRIGGER items_prohibited_marked_update BEFORE UPDATE ON items
WHEN NEW.decision = 'prohibited' AND NOT NEW.ever_prohibited
BEGIN
    SELECT RAISE(ABORT, 'a prohibited item must be marked ever_prohibited');
END;

-- No single person lowers a prohibited decision: an item ever prohibited is approved only after two distinct
-- reviewers confirmed the lowering, and nobody who uploaded, submitted or edited the item approves or confirms it.
CREATE TRIGGER items_two_reviewers_insert BEFORE INSERT ON items
WHEN NEW.review_status = 'approved' AND NEW.ever_prohibited
    AND (NEW.lowered_by IS NULL OR NEW.lowering_confirmed_by IS NULL OR NEW.lowered_by = NEW.lowering_confirmed_by)
BEGIN
    SELECT RAISE(ABORT, 'an item ever prohibited is approved only after two distinct reviewers confirmed lowering its decision');
END;
CREATE TRIGGER items_two_reviewers_update BEFORE UPDATE ON items
WHEN NEW.review_status = 'approved' AND NEW.ever_prohibited
    AND (NEW.lowered_by IS NULL OR NEW.lowering_confirmed_by IS NULL OR NEW.lowered_by = NEW.lowering_confirmed_by)
BEGIN
    SELECT RAISE(ABORT, 'an item ever prohibited is approved only after two distinct reviewers confirmed lowering its decision');
END;
CREATE TRIGGER items_four_eyes_update BEFORE UPDATE ON items
WHEN NEW.review_status = 'approved' AND EXISTS (
    SELECT 1 FROM item_screenings s WHERE s.item_id = NEW.id
        AND s.cause IN ('upload', 'submission', 'edit', 'resubmission')
        AND s.screened_by IN (NEW.reviewed_by, NEW.lowered_by, NEW.lowering_confirmed_by))
BEGIN
    SELECT RAISE(ABORT, 'four eyes: whoever uploaded, submitted or edited an item neither approves it nor confirms lowering its decision');
END;
