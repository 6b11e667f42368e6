DROP TRIGGER items_four_eyes ON items;
DROP FUNCTION items_four_eyes_per_statement();
CREATE TRIGGER items_four_eyes BEFORE UPDATE ON items
    FOR EACH ROW WHEN (NEW.review_status = 'approved') EXECUTE FUNCTION items_four_eyes();
