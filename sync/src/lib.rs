//! gazette-sync: the newsroom's data turned into the app's contract
//! documents. Gnuboard5 rows (posts, boards, attachments, popups) and KMA
//! surface observations come in; contract types from `gazette-core` go
//! out, already checked by the same decoders a reader's browser uses.
//!
//! The conversion rules (`body`, `gnuboard`, `kma`) touch no database,
//! network or file; the commands (`cmd`) read MariaDB and the KMA service
//! and write the documents (`out`).

pub mod body;
pub mod cmd;
pub mod db;
pub mod flags;
pub mod gnuboard;
pub mod kma;
pub mod out;
