//! The page header's first row: masthead, Korea-time date line and the
//! notice-centre button. The weather ticker below it is a part of its own.

use super::{date_line::DateLine, notices::NoticeCentreButton};
use crate::config::config;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Masthead() -> impl IntoView {
    view! {
        <div class="masthead">
            <A href="/" attr:class="masthead__name">
                {config().site_name.clone()}
            </A>
            <DateLine />
            <NoticeCentreButton />
        </div>
    }
}
