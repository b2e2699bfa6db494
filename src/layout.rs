//! The reader's layout choice on the page: stored in `localStorage`,
//! applied to `<html>` (`data-layout`) and to `<meta name="viewport">`
//! before the app's first paint and whenever the footer's switch changes
//! it. Its rules are `gazette_core::layout`'s.

use crate::storage::{self, keys};
pub use gazette_core::layout::*;

/// Applies `layout` to the page.
pub fn apply(layout: Layout) {
    #[cfg(target_arch = "wasm32")]
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = document.document_element() {
            let _ = match layout.attribute() {
                Some(value) => root.set_attribute("data-layout", value),
                None => root.remove_attribute("data-layout"),
            };
        }
        if let Ok(Some(meta)) = document.query_selector("meta[name=viewport]") {
            if meta.get_attribute("content").as_deref() != Some(layout.viewport()) {
                let _ = meta.set_attribute("content", layout.viewport());
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = layout;
}

/// The reader's stored choice (kept across visits).
pub fn stored() -> Layout {
    Layout::parse(storage::get(keys::LAYOUT).as_deref())
}

/// Whether the viewport matches [`PHONE_QUERY`] now.
fn narrow_viewport() -> bool {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()
        .and_then(|w| w.match_media(PHONE_QUERY).ok().flatten())
        .is_some_and(|m| m.matches());
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Whether the reader sees the phone layout now (their choice, or a
/// phone-wide viewport under "auto"): what a notice's `devices` calls
/// `mobile`.
pub fn shows_phone() -> bool {
    stored().shows_phone(narrow_viewport())
}

/// Where pressing the switch leads from `layout`, read off the page now.
pub fn switched(layout: Layout) -> Layout {
    #[cfg(target_arch = "wasm32")]
    let narrow_screen = web_sys::window()
        .and_then(|w| w.screen().ok())
        .and_then(|s| s.width().ok())
        .is_some_and(|w| w <= PHONE_MAX_WIDTH);
    #[cfg(not(target_arch = "wasm32"))]
    let narrow_screen = false;
    layout.switched(narrow_viewport(), narrow_screen)
}
