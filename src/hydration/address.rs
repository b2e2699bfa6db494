//! The page's address and origin as the browser has them now: the deferred
//! parts compare the address at their turn with the one they were rendered
//! for, the scroll keeper keys positions by it, and links are made absolute
//! with the origin where no site URL is configured.

/// The page's own origin (`https://news.example`), empty if unknown.
pub fn page_origin() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

/// The page's address without its fragment (`/article/1201?x=1`): an
/// in-page link such as the skip link changes only the fragment.
pub fn current_address() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(location.pathname().ok()? + &location.search().ok()?)
}
