DROP TABLE webhook_deliveries;
DROP TABLE webhooks;
DROP TABLE jobs;
DROP TABLE events;
