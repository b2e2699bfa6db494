//! The page footer with the mobile/PC layout switch.

use crate::config::config;
use crate::layout::{self, Layout};
use crate::storage::{self, keys};
use leptos::prelude::*;

#[component]
pub fn SiteFooter() -> impl IntoView {
    let layout = storage::use_stored(keys::LAYOUT, Layout::Auto, Layout::parse, Layout::value);
    Effect::new(move || layout::apply(layout.get()));
    // The switch offers the other layout than the one seen now, which
    // depends on the screen's width as well: both labels are in the page
    // and the style sheet shows the one that applies (right at first paint,
    // and as the window changes).
    view! {
        <footer class="site-footer">
            <button
                type="button"
                class="link-button layout-switch"
                on:click=move |_| layout.update(|l| *l = layout::switched(*l))
            >
                <span class="layout-switch__to-pc">"PC 버전으로 보기"</span>
                <span class="layout-switch__to-mobile">"모바일 버전으로 보기"</span>
            </button>
            <p class="site-footer__name">{format!("© {}", config().site_name)}</p>
        </footer>
    }
}
