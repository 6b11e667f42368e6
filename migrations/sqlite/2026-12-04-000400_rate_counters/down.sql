DROP TABLE upload_slots;
DROP TABLE rate_counters;
