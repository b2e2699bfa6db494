//! The backend: how to fetch from it (time limit, abort, content type, size
//! cap, retry), the last good copy of each document, and the documents the
//! page embeds. Its rules (limits, errors, URLs) and the contract's decoders
//! are `gazette_core`'s; views never build URLs or parse JSON themselves:
//! they call the `fetch_*` functions here and get validated data or an
//! [`ApiError`].

pub mod cache;

pub use gazette_core::api::*;

mod fetch;
pub use fetch::*;
