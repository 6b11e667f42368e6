//! Integration tests of the service: the real server on a random port against a fresh database, spoken to over
//! HTTP. Every test runs on SQLite, and on PostgreSQL too when EQUIPCHECK_TEST_POSTGRES_URL is set.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod access;
mod audit_chain;
mod auth;
mod background_jobs;
mod batches;
mod catalog_impact;
mod conformance_fixes;
mod contract;
mod destinations;
mod erp;
mod erp_integration;
mod feed;
mod hardening_faults;
mod hardening_input;
mod hardening_instances;
mod hardening_limits;
mod hardening_logins;
mod hardening_orders;
mod hardening_sessions;
mod hardening_uploads;
mod health;
mod import_layout;
mod migrations;
mod monitoring;
mod monitoring_disposal;
mod monitoring_feeds;
mod monitoring_inventory;
mod monitoring_rules;
mod monitoring_web;
mod openapi;
mod parties;
mod record_pages;
mod response_schemas;
mod review;
mod review_access;
mod review_data;
mod review_integrity;
mod review_race;
mod schema_drift;
mod webhooks;
