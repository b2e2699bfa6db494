//! The page header's first row: masthead, Korea-time date line and the
//! notice-centre button. The weather ticker below it is a part of its own
//! (see `boot` in `src/lib.rs`).

use super::{date_line::DateLine, notices::NoticeCentreButton};
use crate::config::config;
use leptos::prelude::*;

#[component]
pub fn Masthead() -> impl IntoView {
    view! {
        <div class="masthead">
            <a href="/" class="masthead__name">
                {config().site_name.as_str()}
            </a>
            <DateLine />
            <NoticeCentreButton />
        </div>
    }
}
