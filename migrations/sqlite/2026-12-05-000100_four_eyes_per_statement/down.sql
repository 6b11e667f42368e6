-- SQLite has no statement-level triggers: its four-eyes trigger stays per row (items_four_eyes_update). This
-- migration exists so both databases carry the same migration names.
SELECT 1;
