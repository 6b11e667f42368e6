//! equipcheck: compliance checking of equipment procurement against control lists.
//!
//! Data flows one way: file -> [`import`] -> [`classify`] (with the [`catalog`]) -> [`check`] -> [`report`].

pub mod catalog;
pub mod check;
pub mod classify;
pub mod decision;
pub mod import;
pub mod report;
pub mod text;

pub use decision::Decision;
