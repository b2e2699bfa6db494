//! Harness for the end-to-end journeys: a static host for the release build
//! (`server`), WebDriver browser sessions (`browser`) and a small runner
//! that prints one line per journey and a closing `N passed, N failed` line.

pub mod browser;
pub mod runner;
pub mod server;
