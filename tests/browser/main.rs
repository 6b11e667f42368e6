//! End-to-end tests of the web interface in a real headless Chromium (Debian's chromium and chromium-driver)
//! against the real server on a random port. They fail when Chromium is missing on CI (`CI=true`) and skip
//! loudly elsewhere. Screenshots of the main pages go to target/screenshots/.

#[allow(dead_code)]
#[path = "../service/helpers.rs"]
mod helpers;

mod admin;
mod driver;
mod home;
mod languages;
mod monitor;
mod officer;
mod pages;
mod record;
mod reviewer;
