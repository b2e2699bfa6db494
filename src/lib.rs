//! A news reader for Korean regional newspapers.
//!
//! Plain-Rust rules (decoding, validation, Korea time, ticker rules) live in
//! their own modules and are tested natively; `components` and `pages` are
//! Leptos views over them. The same [`App`] is rendered to HTML by the build
//! step (`ssr`, natively) and hydrated in the browser (`hydrate`, see
//! `src/main.rs`).

pub mod api;
pub mod clock;
pub mod config;
pub mod js;
pub mod kst;
pub mod links;
pub mod meta;
pub mod notice;
pub mod reading;
pub mod rendered;
pub mod scroll;
pub mod share;
pub mod storage;
pub mod weather;

pub mod components;
pub mod pages;

use components::{
    date_line::provide_minute_clock,
    deferred::{deferred, deferred_route, provide_hydrated},
    footer::SiteFooter,
    header::Masthead,
    notices::{provide_notices, NoticeLayer},
    ticker::Ticker,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};
use pages::{article::ArticlePage, home::HomePage, not_found::NotFound, old_link::OldLink};

/// The whole page inside `<div id="app">`: skip link, header (masthead and
/// weather ticker), the route's page in `<main>`, footer, notice layer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_hydrated();
    rendered::provide_site_base();
    provide_minute_clock();
    provide_notices();
    let site = config::config().site_name.clone();
    view! {
        <Title formatter=move |page: String| meta::title_text(&page, &site) />
        <Router>
            <SkipLink />
            <header class="site-header">
                {deferred(|| view! { <Masthead /> })}
                {deferred(|| view! { <Ticker /> })}
            </header>
            {deferred_route(|| {
                view! {
                    <main id="main" tabindex="-1">
                        <FlatRoutes fallback=NotFound>
                            <Route path=path!("/") view=HomePage />
                            <Route path=path!("/article/:id") view=ArticlePage />
                            <Route path=path!("/news/articleView.html") view=OldLink />
                            <Route path=path!("/bbs/board.php") view=OldLink />
                        </FlatRoutes>
                    </main>
                }
            })}
            {deferred(|| view! { <SiteFooter /> })}
            {deferred(|| view! { <NoticeLayer /> })}
        </Router>
    }
}

/// "본문 바로가기", the first thing a keyboard reaches.
#[component]
fn SkipLink() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            "본문 바로가기"
        </a>
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

/// Entry point in the browser: hydrates the page the build step rendered
/// for this address, or renders the app into `#app` when the page was made
/// for another one (a host's fallback page, `404.html`) or for none.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use api::preload::Preloaded;
    use rendered::Rendered;
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
    // Before the first paint the app makes: the stored phone layout, and
    // the scroll keeper's `popstate` listener ahead of the router's.
    components::footer::apply_layout(components::footer::stored_mobile());
    scroll::install();
    let preloaded = Preloaded::from_page(&document);
    // Hydration in a task of its own: the set-up above and the first
    // hydration (which also compiles most of the wasm it calls, on first
    // call) would otherwise make one long task.
    wasm_bindgen_futures::spawn_local(async move {
        api::sleep(0).await;
        // The address as it is now: should it have changed in between, the
        // page is rendered afresh for it.
        let path = window().location().pathname().unwrap_or_default();
        let rendered =
            Rendered::from_attributes(|name| app.get_attribute(name)).filter(|r| r.is_for(&path));
        match rendered {
            Some(rendered) => leptos::mount::hydrate_from(app, move || {
                rendered.provide();
                preloaded.provide();
                view! { <App /> }
            })
            .forget(),
            None => {
                // The page's own content and head tags were for another address.
                remove_rendered_head_tags(&document);
                app.replace_children_with_node_0();
                leptos::mount::mount_to(app, move || {
                    preloaded.provide();
                    view! { <App /> }
                })
                .forget()
            }
        }
        // The parts left for later tasks, then `data-app="mounted"`.
        components::deferred::hydrate_deferred().await;
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
