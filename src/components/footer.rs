//! The page footer with the mobile/PC layout switch.

use crate::config::config;
use crate::storage::{self, keys};
use leptos::prelude::*;

/// Layout the reader asked for: follow the screen, or always the phone one
/// (`data-layout` on `<html>`, outside the app's own markup).
pub fn apply_layout(mobile: bool) {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = if mobile {
            root.set_attribute("data-layout", "mobile")
        } else {
            root.remove_attribute("data-layout")
        };
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = mobile;
}

fn parse_layout(raw: Option<&str>) -> bool {
    raw == Some("mobile")
}

fn layout_value(mobile: bool) -> &'static str {
    if mobile {
        "mobile"
    } else {
        "auto"
    }
}

/// Whether the reader chose the phone layout (kept across visits).
pub fn stored_mobile() -> bool {
    parse_layout(storage::get(keys::LAYOUT).as_deref())
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let mobile = storage::use_stored(keys::LAYOUT, false, parse_layout, layout_value);
    Effect::new(move || apply_layout(mobile.get()));
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
