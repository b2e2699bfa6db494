//! The commands of `gazette-sync`, one file each.

pub mod gnuboard;
pub mod kma;

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong (exit status 2).
    Usage(String),
    /// The run failed; nothing already published was changed (status 1).
    Run(String),
}

impl From<String> for Failure {
    fn from(e: String) -> Self {
        Failure::Run(e)
    }
}
