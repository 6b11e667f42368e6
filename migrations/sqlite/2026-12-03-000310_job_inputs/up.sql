-- The file of a background import, kept in the database (not on one instance's disk) so that any instance's
-- worker can run the job, also after the instance that accepted the upload stopped; removed when the job ends.
CREATE TABLE job_inputs (
    job_id TEXT PRIMARY KEY NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    bytes BLOB NOT NULL
);
