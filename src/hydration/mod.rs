//! Taking over a prerendered page in the browser.
//!
//! The build step renders every page with the app's own components
//! (Leptos's server rendering) and writes into it what it was rendered
//! for: the route, the instant and the site's URL as attributes of
//! `<div id="app">` ([`rendered`]), and the documents it was rendered from
//! as `<script type="application/json">` elements ([`preload`]). In the
//! browser, [`start`] runs in these steps:
//!
//! 1. **The start task** only sets up: the crash notice for a panic, what
//!    the app asks for before its first paint (`crate::start`: the
//!    reader's stored phone layout, the scroll keeper's `popstate`
//!    listener ahead of the router's), and the embedded documents.
//! 2. **The first hydration**, in the next task: the address is read
//!    again; when the page was rendered for it, the app hydrates the
//!    page's HTML with the rendered route, instant and documents
//!    provided, so it renders exactly what the HTML shows and keeps its
//!    nodes. When the page was made for another address (a host's
//!    fallback page, `404.html`), its head tags and content are removed
//!    and the app renders afresh. Parts wrapped in [`deferred::deferred`]
//!    (masthead, ticker, `<main>`, a story's column and paragraphs,
//!    footer, notice layer) are stepped over by this walk.
//! 3. **The deferred parts**, one task each in page order
//!    ([`deferred::hydrate_deferred`]), so the browser gets a turn between
//!    them. A part that shows the route and finds the address changed
//!    before its turn loads the new address as a page of its own.
//! 4. **Hydrated**: the single [`deferred::Hydrated`] signal (context
//!    only) turns true. Shared state the app moves once it runs waits for
//!    it: the minute clock leaves the rendered instant for the present
//!    ([`clock`]), the site base becomes the live one ([`rendered`]),
//!    controls become usable, a notice feed that arrived early is shown.
//!    `<html data-app="mounted">` then tells tests and tools the app runs.
//!
//! Natively (the build step) the same components render with
//! `Hydrated` false, so the prerendered HTML is what the browser starts
//! from; a component mounted on its own (tests) sees it true.

pub mod address;
pub mod clock;
pub mod deferred;
pub mod preload;
pub mod rendered;

#[cfg(target_arch = "wasm32")]
use deferred::{hydrate_deferred, Hydrated};
#[cfg(target_arch = "wasm32")]
use preload::Preloaded;
#[cfg(target_arch = "wasm32")]
use rendered::Rendered;

/// Takes over the page: hydrates `view` over the HTML the build step
/// rendered for this address, or renders it into `#app` when the page was
/// made for another one (a host's fallback page, `404.html`) or for none.
/// `setup` runs in the start task, before the first paint the app makes.
#[cfg(target_arch = "wasm32")]
pub fn start<V: leptos::prelude::IntoView + 'static>(view: fn() -> V, setup: impl FnOnce()) {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice();
    }));
    let document = document();
    let Some(app) = document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    setup();
    let preloaded = Preloaded::from_page(&document);
    let hydrated = Hydrated::new();
    // Hydration in a task of its own: the set-up above and the first
    // hydration (which also compiles most of the wasm it calls, on first
    // call) would otherwise make one long task.
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        // The address as it is now: should it have changed in between, the
        // page is rendered afresh for it.
        let path = window().location().pathname().unwrap_or_default();
        let rendered =
            Rendered::from_attributes(|name| app.get_attribute(name)).filter(|r| r.is_for(&path));
        match rendered {
            Some(rendered) => leptos::mount::hydrate_from(app, move || {
                rendered.provide();
                preloaded.provide();
                hydrated.provide();
                view()
            })
            .forget(),
            None => {
                // The page's own content and head tags were for another address.
                remove_rendered_head_tags(&document);
                app.replace_children_with_node_0();
                leptos::mount::mount_to(app, move || {
                    preloaded.provide();
                    hydrated.provide();
                    view()
                })
                .forget()
            }
        }
        // The parts left for later tasks, then `data-app="mounted"`.
        hydrate_deferred(hydrated).await;
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("data-app", "mounted");
        }
    });
}

/// Removes what the build step wrote between `<!--HEAD-->` and
/// `<!--/HEAD-->` (a page's title, description, preview tags, JSON-LD),
/// before the app, rendering a page of its own, writes its own there.
#[cfg(target_arch = "wasm32")]
fn remove_rendered_head_tags(document: &web_sys::Document) {
    const COMMENT: u16 = 8;
    let Some(head) = document.head() else {
        return;
    };
    let mut inside = false;
    let mut node = head.first_child();
    while let Some(current) = node {
        node = current.next_sibling();
        let marker = (current.node_type() == COMMENT)
            .then(|| current.text_content())
            .flatten();
        match marker.as_deref() {
            Some("HEAD") => inside = true,
            Some("/HEAD") => break,
            _ if inside => {
                let _ = head.remove_child(&current);
            }
            _ => {}
        }
    }
}

/// A panic leaves the wasm instance unusable: reveal the static
/// "please reload" notice that `index.html` carries for this case.
#[cfg(target_arch = "wasm32")]
fn show_crash_notice() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("crash"))
    {
        let _ = el.remove_attribute("hidden");
    }
}
