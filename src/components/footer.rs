//! The page footer with the mobile/PC layout switch.

use crate::config::config;
use crate::layout;
use crate::storage::{self, keys};
use leptos::prelude::*;

#[component]
pub fn SiteFooter() -> impl IntoView {
    let mobile = storage::use_stored(keys::LAYOUT, false, layout::parse, layout::value);
    Effect::new(move || layout::apply(mobile.get()));
    view! {
        <footer class="site-footer">
            <button
                type="button"
                class="link-button layout-switch"
                on:click=move |_| mobile.update(|m| *m = !*m)
            >
                {move || if mobile.get() { "PC 버전으로 보기" } else { "모바일 버전으로 보기" }}
            </button>
            <p class="site-footer__name">{format!("© {}", config().site_name)}</p>
        </footer>
    }
}
