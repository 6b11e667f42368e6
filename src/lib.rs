//! equipcheck: compliance checking of equipment procurement against control lists.
//!
//! Data flows one way: file or JSON -> [`import`] -> [`classify`] (with the [`catalog`]) -> reports.

pub mod catalog;
pub mod classify;
pub mod decision;
pub mod text;

pub use decision::Decision;
