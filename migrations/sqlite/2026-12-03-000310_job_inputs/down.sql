DROP TABLE job_inputs;
