//! Back/forward restore the reader's place on the previous page.
//!
//! Pages render their content only after their data arrives, so the
//! browser's own restoration (which runs at once) would land at the top.
//! Instead the app remembers the scroll position of each history entry and
//! puts it back when the page reports that its content is on screen.

#[cfg(target_arch = "wasm32")]
mod imp {
    use crate::hydration::address::current_address as key;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;

    #[derive(Default)]
    struct State {
        /// By history entry (a list: a map's code would cost the module
        /// more than lookups among a session's entries take).
        positions: Vec<(String, f64)>,
        /// Where to go once the page arriving by back/forward is ready.
        pending: Option<f64>,
    }

    thread_local! {
        static STATE: RefCell<State> = RefCell::default();
    }

    pub fn install() {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Ok(history) = window.history() {
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        let on_scroll = Closure::<dyn Fn()>::new(|| {
            let (Some(k), Some(y)) = (key(), web_sys::window().and_then(|w| w.scroll_y().ok()))
            else {
                return;
            };
            STATE.with_borrow_mut(|s| {
                // While a restore is pending the page is still short, and the
                // clamped position must not overwrite the remembered one.
                if s.pending.is_none() {
                    match s.positions.iter_mut().find(|(p, _)| *p == k) {
                        Some((_, at)) => *at = y,
                        None => s.positions.push((k, y)),
                    }
                }
            });
        });
        // Registered before the router's listener, so this runs first and
        // sees the entry's remembered position before anything re-renders.
        let on_popstate = Closure::<dyn Fn()>::new(|| {
            let Some(k) = key() else { return };
            STATE.with_borrow_mut(|s| {
                let at = s
                    .positions
                    .iter()
                    .find(|(p, _)| *p == k)
                    .map_or(0.0, |(_, y)| *y);
                s.pending = Some(at);
            });
            // A page that never becomes ready (an error, a dead backend) must
            // not stop positions from being remembered.
            let _ = leptos::prelude::set_timeout(
                || STATE.with_borrow_mut(|s| s.pending = None),
                std::time::Duration::from_secs(5),
            );
        });
        let opts = web_sys::AddEventListenerOptions::new();
        opts.set_passive(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "scroll",
            on_scroll.as_ref().unchecked_ref(),
            &opts,
        );
        let _ = window
            .add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
        on_scroll.forget();
        on_popstate.forget();
    }

    pub fn restoring() -> bool {
        STATE.with_borrow(|s| s.pending.is_some())
    }

    pub fn content_ready() {
        let Some(y) = STATE.with_borrow_mut(|s| s.pending.take()) else {
            return;
        };
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, y);
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use imp::{content_ready, install, restoring};

/// Starts remembering scroll positions (call once, before the router).
#[cfg(not(target_arch = "wasm32"))]
pub fn install() {}

/// Called by a page once its content is on screen: finishes a pending
/// back/forward restore.
#[cfg(not(target_arch = "wasm32"))]
pub fn content_ready() {}

/// Whether the page being shown came by back/forward and waits to restore
/// the reader's place (pages then rebuild what the reader had open).
#[cfg(not(target_arch = "wasm32"))]
pub fn restoring() -> bool {
    false
}
