//! One file per route.

pub mod article;
pub mod home;
pub mod legacy_link;
pub mod not_found;
