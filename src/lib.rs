//! A news reader for Korean regional newspapers.
//!
//! Plain-Rust rules (decoding, validation, Korea time, ticker rules) live in
//! their own modules and are tested natively; `components` and `pages` are
//! thin Leptos views over them.

pub mod api;
pub mod clock;
pub mod config;
pub mod head;
pub mod js;
pub mod kst;
pub mod links;
pub mod markup;
pub mod notice;
pub mod reading;
pub mod router;
pub mod scroll;
pub mod share;
pub mod storage;
pub mod weather;

pub mod components;
pub mod pages;

use components::{
    footer::SiteFooter,
    header::SiteHeader,
    notices::{provide_notices, NoticeLayer},
};
use leptos::prelude::*;
use pages::{article::ArticlePage, home::HomePage, not_found::NotFound};
use router::Route;

/// The kind of page on screen: a new article id keeps the article page
/// (which loads the new story); anything else swaps the page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Page {
    Home,
    Article,
    NotFound,
}

/// The whole app: shell and routes.
#[component]
pub fn App() -> impl IntoView {
    let location = router::provide_location();
    components::date_line::provide_minute_clock();
    provide_notices();
    let route = Memo::new(move |_| router::route(router::path_of(&location.get())));
    let page = Memo::new(move |_| match route.get() {
        Route::Home => Page::Home,
        Route::Article(_) => Page::Article,
        Route::NotFound => Page::NotFound,
    });
    let id = Memo::new(move |_| match route.get() {
        Route::Article(id) => id,
        _ => String::new(),
    });
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>"본문 바로가기"</a>
        <SiteHeader />
        <main id="main" tabindex="-1">
            {move || match page.get() {
                Page::Home => view! { <HomePage /> }.into_any(),
                Page::Article => view! { <ArticlePage id /> }.into_any(),
                Page::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </main>
        <SiteFooter />
        <NoticeLayer />
    }
}

/// A prerendered page's link-preview tags (`data-prerendered`) describe the
/// page it was built for; from now on the app keeps the head current.
#[cfg(target_arch = "wasm32")]
fn remove_prerendered_head_tags() {
    if let Some(list) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("head [data-prerendered]").ok())
    {
        for i in 0..list.length() {
            if let Some(node) = list.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
}

/// Moves keyboard focus to the main content (not every engine moves focus
/// on an in-page link).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        if let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
            main.scroll_into_view();
        }
    }
}

/// Entry point called by `main`: installs the panic hook and mounts the app
/// into `#app`, replacing whatever static content that element holds.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice();
    }));
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        scroll::install();
        api::embedded::capture();
        remove_prerendered_head_tags();
        match root {
            Some(root) => {
                root.set_inner_html("");
                leptos::mount::mount_to(root, App).forget();
            }
            None => leptos::mount::mount_to_body(App),
        }
        // The static (prerendered) content is gone and the app is live.
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("data-app", "mounted");
        }
    }
}

/// A panic leaves the wasm instance unusable: reveal the static
/// "please reload" notice that `index.html` carries for this case.
fn show_crash_notice() {
    #[cfg(target_arch = "wasm32")]
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("crash"))
    {
        let _ = el.remove_attribute("hidden");
    }
}
