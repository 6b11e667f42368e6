//! Integration tests of the service: the real server on a random port against a fresh database, spoken to over
//! HTTP. Every test runs on SQLite, and on PostgreSQL too when EQUIPCHECK_TEST_POSTGRES_URL is set.

mod helpers;

mod access;
mod audit_chain;
mod auth;
mod batches;
mod destinations;
mod erp;
mod health;
mod migrations;
mod monitoring;
mod monitoring_disposal;
mod monitoring_feeds;
mod monitoring_inventory;
mod monitoring_rules;
mod openapi;
mod review;
mod review_access;
mod review_data;
mod review_integrity;
mod review_race;
mod schema_drift;
