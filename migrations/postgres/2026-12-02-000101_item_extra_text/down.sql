ALTER TABLE items DROP COLUMN extra_text;
