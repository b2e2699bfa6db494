//! The document a prerendered page carries
//! (`<script type="application/json" id="gazette-data" data-path="…">`), so
//! the app's first view of that page needs no request. It is taken out of
//! the page before the app replaces the static content, and used once.

use std::cell::RefCell;

/// Id of the element holding the document.
pub const ELEMENT_ID: &str = "gazette-data";

thread_local! {
    static EMBEDDED: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Keeps the page's embedded document (path and text), if any, and removes
/// the element. Call before mounting the app.
pub fn capture() {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(ELEMENT_ID))
        else {
            return;
        };
        if let (Some(path), Some(text)) = (el.get_attribute("data-path"), el.text_content()) {
            keep(path, text);
        }
        el.remove();
    }
}

#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
fn keep(path: String, text: String) {
    EMBEDDED.with_borrow_mut(|e| *e = Some((path, text)));
}

/// The embedded document for `path`, once.
pub fn take(path: &str) -> Option<String> {
    EMBEDDED.with_borrow_mut(|e| {
        if e.as_ref().is_some_and(|(p, _)| p == path) {
            e.take().map(|(_, text)| text)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_document_is_used_once_and_only_for_its_path() {
        keep("articles/1201.json".into(), "{}".into());
        assert_eq!(take("articles/1202.json"), None);
        assert_eq!(take("articles/1201.json").as_deref(), Some("{}"));
        assert_eq!(take("articles/1201.json"), None);
    }
}
