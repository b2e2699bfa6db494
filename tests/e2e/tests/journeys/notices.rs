//! Journeys of the notices issue.

use e2e::runner::Spec;

pub fn journeys() -> Vec<Spec> {
    vec![]
}
