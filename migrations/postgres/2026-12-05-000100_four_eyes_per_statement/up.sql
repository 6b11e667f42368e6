-- The four-eyes rule, checked once per statement over the rows it approved (a transition table) instead of by a
-- function call per row: a bulk approval of 20,000 items made 20,000 calls. Same rule, same message; an AFTER
-- trigger that raises still undoes the whole statement.
DROP TRIGGER items_four_eyes ON items;
DROP FUNCTION items_four_eyes();
CREATE FUNCTION items_four_eyes_per_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_items n JOIN item_screenings s ON s.item_id = n.id
               WHERE n.review_status = 'approved'
               AND s.cause IN ('upload', 'submission', 'edit', 'resubmission')
               AND s.screened_by IN (n.reviewed_by, n.lowered_by, n.lowering_confirmed_by)) THEN
        RAISE EXCEPTION 'four eyes: whoever uploaded, submitted or edited an item neither approves it nor confirms lowering its decision';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER items_four_eyes AFTER UPDATE ON items REFERENCING NEW TABLE AS changed_items
    FOR EACH STATEMENT EXECUTE FUNCTION items_four_eyes_per_statement();
