DROP TABLE settings;
DROP TABLE idempotency;
DROP TABLE import_problems;
DROP TABLE items;
DROP TABLE batches;
DROP TABLE users;
DROP TABLE projects;
