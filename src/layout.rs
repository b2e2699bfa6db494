//! The reader's layout choice: follow the screen, or always the phone
//! layout. Stored in `localStorage`, applied to `<html>` before the app's
//! first paint and again whenever the footer's switch changes it.

use crate::storage::{self, keys};

/// Layout the reader asked for: follow the screen, or always the phone one
/// (`data-layout` on `<html>`, outside the app's own markup).
pub fn apply(mobile: bool) {
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

pub fn parse(raw: Option<&str>) -> bool {
    raw == Some("mobile")
}

pub fn value(mobile: bool) -> &'static str {
    if mobile {
        "mobile"
    } else {
        "auto"
    }
}

/// Whether the reader chose the phone layout (kept across visits).
pub fn stored_mobile() -> bool {
    parse(storage::get(keys::LAYOUT).as_deref())
}
