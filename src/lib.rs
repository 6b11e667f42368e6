//! equipcheck: compliance checking of equipment procurement against control lists.
//!
//! Data flows one way: file -> [`import`] -> [`classify`] (with the [`catalog`]) -> [`check`] -> [`report`].
//! The service (issue 3) sits on top: [`db`] stores, [`service`] holds the domain operations, [`auth`] checks
//! tokens, [`api`] speaks HTTP, [`web`] serves the pages for people, [`startup`] builds the server.

pub mod catalog;
pub mod check;
pub mod classify;
pub mod decision;
pub mod field_limits;
pub mod i18n;
pub mod import;
pub mod input_text;
pub mod memo;
pub mod report;
pub mod review;
pub mod screening;
pub mod text;

pub mod admin;
pub mod api;
pub mod audit;
pub mod auth;
pub mod config;
pub mod db;
pub mod events;
pub mod jobs;
pub mod service;
pub mod startup;
pub mod web;
pub mod webhooks;

pub use decision::Decision;
pub mod monitoring;
