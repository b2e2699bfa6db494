//! A news reader for Korean regional newspapers: the Leptos app.
//!
//! The rules that need no Leptos (the JSON contract, Korea time, ticker,
//! notice and share rules) are the `gazette_core` crate; here are the
//! views over them (`components`, `pages`), their browser-side state
//! (`api` fetching and caching, `storage`, `layout`, `scroll`, `time`) and
//! the hand-over from a prerendered page (`hydration`). The same [`App`] is
//! rendered to HTML by the build step (`ssr`, natively) and hydrated in the
//! browser (`hydrate`, [`start`]).

pub mod api;
pub mod config;
pub mod hydration;
pub mod js;
pub mod layout;
pub mod scroll;
pub mod storage;
pub mod time;

pub mod components;
pub mod pages;

use components::{
    footer::SiteFooter,
    header::Masthead,
    notices::{provide_notices, NoticeLayer},
    ticker::Ticker,
};
use hydration::{
    clock::provide_minute_clock,
    deferred::{deferred, deferred_route, provide_hydrated},
};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};
use pages::{
    article::ArticlePage,
    home::{provide_appended_pages, HomePage},
    old_link::OldLink,
};

/// The whole page inside `<div id="app">`: skip link, header (masthead and
/// weather ticker), the route's page in `<main>`, footer, notice layer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_hydrated();
    hydration::rendered::provide_site_base();
    provide_minute_clock();
    provide_notices();
    provide_appended_pages();
    view! {
        <Router>
            <SkipLink />
            <header class="site-header">
                {deferred(|| view! { <Masthead /> })}
                {deferred(|| view! { <Ticker /> })}
            </header>
            {deferred_route(|| {
                view! {
                    <main id="main" tabindex="-1">
                        // Old links of the CMS: its two scripts, and for any other
                        // address Gnuboard5's short links (`/<board>/<wr_id>`),
                        // which OldLink answers as not found when it is none.
                        <FlatRoutes fallback=OldLink>
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

/// Entry point in the browser: the app takes over the prerendered page
/// ([`hydration`]). Before its first paint: the reader's stored phone
/// layout, and the scroll keeper's `popstate` listener ahead of the
/// router's.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    hydration::start(
        || view! { <App /> },
        || {
            layout::apply(layout::stored());
            scroll::install();
        },
    );
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
