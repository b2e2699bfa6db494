//! The documents a page was rendered from. The build step renders each page
//! with the documents it read from the backend and embeds them in the page
//! (`<script type="application/json" data-gazette-doc="articles/1201.json">`);
//! the browser reads them back before it hydrates, so both renders see the
//! same data and the first view needs no request. Each document is used
//! once: a later visit to the same page in the app fetches it fresh.

use gazette_core::cache::Fetched;
use gazette_core::contract::DecodeError;
use leptos::prelude::{provide_context, use_context, AsyncDerived, LocalStorage};
use std::sync::{Arc, Mutex};

/// The attribute that marks an embedded document and names its path.
pub const DOC_ATTR: &str = "data-gazette-doc";
/// Marks a document that is only part of the backend's (an article page's
/// side list): used, but not kept as the last good copy.
pub const PARTIAL_ATTR: &str = "data-partial";

/// One embedded document.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub text: String,
    pub partial: bool,
}

/// Documents by their path under the API base (`articles.json`): the
/// two or three a page embeds, so a list (a map's code would cost the
/// module more than it saves).
#[derive(Clone, Debug, Default)]
pub struct Preloaded(Arc<Mutex<Vec<(String, Doc)>>>);

impl Preloaded {
    pub fn new(docs: impl IntoIterator<Item = (String, Doc)>) -> Self {
        Self(Arc::new(Mutex::new(docs.into_iter().collect())))
    }

    /// The document at `path`, once.
    pub fn take(&self, path: &str) -> Option<Doc> {
        // The last one embedded for a path counts (as a map's would).
        let mut docs = self.0.lock().ok()?;
        let at = docs.iter().rposition(|(p, _)| p == path)?;
        let doc = docs.swap_remove(at).1;
        docs.retain(|(p, _)| p != path);
        Some(doc)
    }

    /// The document at `path`, once, if it is at most `max_bytes` long
    /// (UTF-8), the limit a fetched document of its kind has: a larger one
    /// is dropped unread, and the view fetches it (and is refused it).
    pub fn take_within(&self, path: &str, max_bytes: u32) -> Option<Doc> {
        self.take(path)
            .filter(|doc| doc.text.len() <= max_bytes as usize)
    }

    /// Makes these the documents the views below start from.
    pub fn provide(self) {
        provide_context(self);
    }

    /// The documents of the page the app starts on, taken out of the page.
    #[cfg(target_arch = "wasm32")]
    pub fn from_page(document: &web_sys::Document) -> Self {
        let mut docs = Vec::new();
        if let Ok(list) = document.query_selector_all(&format!("script[{DOC_ATTR}]")) {
            for i in 0..list.length() {
                let Some(el) = list
                    .item(i)
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                else {
                    continue;
                };
                if let (Some(path), Some(text)) = (el.get_attribute(DOC_ATTR), el.text_content()) {
                    let partial = el.has_attribute(PARTIAL_ATTR);
                    docs.push((path, Doc { text, partial }));
                }
                el.remove();
            }
        }
        Self::new(docs)
    }
}

/// The document at `path` the page was rendered from, decoded, once, if it
/// is within `max_bytes` (the limit of a fetched one); the browser also
/// keeps it as the last good copy.
pub fn take<T>(
    path: &str,
    max_bytes: u32,
    decode: fn(&str) -> Result<T, DecodeError>,
) -> Option<Fetched<T>> {
    let doc = use_context::<Preloaded>()?.take_within(path, max_bytes)?;
    let value = decode(&doc.text).ok()?;
    #[cfg(target_arch = "wasm32")]
    if !doc.partial {
        crate::api::keep(path.to_owned(), doc.text);
    }
    Some(Fetched::fresh(value))
}

/// An asynchronous value (Leptos's `AsyncDerived`) that starts from the
/// document the page carried, when there is one: its first run is ready at
/// once (in the first render, so a hydrated page reads as it was rendered,
/// and no request is made); every later run (`fetch` read a signal that
/// changed, or 다시 시도) fetches. `fetch` runs every time, so the signals
/// it reads are tracked; the future it returns does nothing unless awaited.
pub fn async_value<T, Fut>(
    first: Option<T>,
    fetch: impl Fn() -> Fut + 'static,
) -> AsyncDerived<T, LocalStorage>
where
    T: 'static,
    Fut: std::future::Future<Output = T> + 'static,
{
    let first = std::cell::Cell::new(first);
    AsyncDerived::new_unsync(move || {
        let fetched = fetch();
        let ready = first.take();
        async move {
            match ready {
                Some(value) => value,
                None => fetched.await,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        Doc {
            text: text.into(),
            partial: false,
        }
    }

    #[test]
    fn a_document_is_used_once_and_only_for_its_path() {
        let docs = Preloaded::new([("articles/1201.json".to_owned(), doc("{}"))]);
        assert_eq!(docs.take("articles/1202.json"), None);
        assert_eq!(docs.take("articles/1201.json"), Some(doc("{}")));
        assert_eq!(docs.take("articles/1201.json"), None);
    }

    #[test]
    fn of_two_documents_for_one_path_the_last_counts_once() {
        let docs = Preloaded::new([
            ("a.json".to_owned(), doc("[1]")),
            ("b.json".to_owned(), doc("[2]")),
            ("a.json".to_owned(), doc("[3]")),
        ]);
        assert_eq!(docs.take("a.json"), Some(doc("[3]")));
        assert_eq!(docs.take("a.json"), None);
        assert_eq!(docs.take("b.json"), Some(doc("[2]")));
    }

    /// An embedded document has the size limit of a fetched one.
    #[test]
    fn a_document_over_the_limit_is_not_used() {
        let docs = Preloaded::new([
            ("a.json".to_owned(), doc("{\"t\":\"한\"}")),
            ("b.json".to_owned(), doc("{\"t\":\"한\"}")),
        ]);
        // 11 bytes: the Hangul syllable is three.
        assert_eq!(docs.take_within("a.json", 10), None);
        assert_eq!(docs.take("a.json"), None, "dropped, not kept for later");
        assert_eq!(docs.take_within("b.json", 11), Some(doc("{\"t\":\"한\"}")));
    }
}
