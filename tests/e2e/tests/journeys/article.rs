//! Journeys of the article issue.

use e2e::runner::Spec;

pub fn journeys() -> Vec<Spec> {
    vec![]
}
