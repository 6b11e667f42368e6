DROP TRIGGER items_four_eyes ON items;
DROP FUNCTION items_four_eyes_per_statement();
-- The per-row check of 2026-12-02-000200_item_screenings, as it was.
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
