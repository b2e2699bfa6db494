//! The page header: masthead, Korea-time date line and weather ticker.

use super::{date_line::DateLine, notices::NoticeCentreButton, ticker::Ticker};
use crate::config::config;
use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="masthead">
                <a href="/" class="masthead__name">
                    {config().site_name.as_str()}
                </a>
                <DateLine />
                <NoticeCentreButton />
            </div>
            <Ticker />
        </header>
    }
}
