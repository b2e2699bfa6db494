//! `gazette-sync gnuboard`: Gnuboard5 posts and popups into article and
//! notice documents.

use super::Failure;

pub fn run(_args: &[String]) -> Result<(), Failure> {
    Err(Failure::Run("not implemented yet".into()))
}
