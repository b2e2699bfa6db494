//! `gazette-sync kma`: KMA surface observations into `weather.json`.

use super::Failure;

pub fn run(_args: &[String]) -> Result<(), Failure> {
    Err(Failure::Run("not implemented yet".into()))
}
