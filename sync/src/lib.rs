//! gazette-sync: the newsroom's data turned into the app's contract
//! documents. Gnuboard5 rows (posts, boards, attachments, popups) and KMA
//! surface observations come in; contract types from `gazette-core` go
//! out, already checked by the same decoders a reader's browser uses.
//!
//! This crate holds the conversion rules only: no database, no network,
//! no files. Readers of MariaDB and of the KMA service, and the commands
//! that publish, sit on top of it.

pub mod body;
pub mod gnuboard;
pub mod kma;
