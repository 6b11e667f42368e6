-- The language a person chose with the pages' switcher (en, fr, de, es, pt); NULL: follow the browser.
ALTER TABLE users ADD COLUMN language TEXT;
