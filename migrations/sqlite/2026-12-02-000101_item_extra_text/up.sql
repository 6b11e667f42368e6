-- The line's other text cells (unmapped columns, a cell beyond the header), as JSON
-- [{"column": "D (Remarks)", "text": "..."}]: screened with the description, shown with the item and screened
-- again on a rescreen or an edit.
ALTER TABLE items ADD COLUMN extra_text TEXT;
