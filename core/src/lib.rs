//! The rules of the 한빛일보 reader that need no Leptos: the JSON contract
//! and its decoders, ids and safe URLs, text cleaning, Korea time, notice
//! and snooze rules, the ticker's rules, share links and canonical URLs,
//! old-link mapping, configuration parsing and head-tag text.
//!
//! The app (`gazette`), its build step (`xtask`) and the property tests use
//! these; nothing here knows of components, HTML or the browser's DOM, and
//! the compiler keeps it so (this crate depends on no Leptos crate). The
//! only browser code is JSON's way in and out (`codec`), through the
//! engine's own parser.

pub mod api;
pub mod cache;
pub mod codec;
pub mod config;
pub mod contract;
pub mod encode;
pub mod head;
pub mod ids;
pub mod kst;
pub mod layout;
pub mod lenient;
pub mod links;
pub mod notice;
pub mod prefs;
pub mod reading;
pub mod sanitize;
pub mod share;
pub mod urls;
pub mod weather;
