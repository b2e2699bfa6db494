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
pub mod json;
pub mod kst;
pub mod links;
pub mod load;
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

/// "본문 바로가기", the first thing a keyboard reaches.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#main" on:click=skip_to_main>"본문 바로가기"</a> }
}

/// `<main>` with the page of the current address.
#[component]
pub fn PageMain() -> impl IntoView {
    let location = router::use_location();
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
        <main id="main" tabindex="-1">
            {move || match page.get() {
                Page::Home => view! { <HomePage /> }.into_any(),
                Page::Article => view! { <ArticlePage id /> }.into_any(),
                Page::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </main>
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

/// Entry point called by `main`: installs the panic hook and starts the
/// app in `#app` (see [`boot`]).
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice();
    }));
    #[cfg(target_arch = "wasm32")]
    boot::start();
}

/// The app takes over the page part by part, one part per task, so that
/// no single task blocks the main thread for long: building a part also
/// compiles the wasm functions it calls for the first time.
///
/// A prerendered page already shows every part as static HTML (skip link,
/// the header's masthead and ticker, `<main>`, footer); each is replaced
/// in place by the live part, so the page never loses what it shows. A
/// page without that frame (the fallback shell) gets an empty one first.
/// The notice layer comes last; `data-app="mounted"` on `<html>` marks the
/// end.
#[cfg(target_arch = "wasm32")]
mod boot {
    use super::*;
    use crate::components::{
        date_line::provide_minute_clock,
        footer::{self, SiteFooter},
        header::Masthead,
        notices::{provide_notices, NoticeLayer},
        ticker::Ticker,
    };
    use leptos::tachys::view::{Mountable, Render};
    use std::time::Duration;

    /// Where each part goes: its static counterpart, in page order.
    const SKIP_LINK: &str = ":scope > a.skip-link";
    const MASTHEAD: &str = ":scope > header.site-header > .masthead";
    const TICKER: &str = ":scope > header.site-header > section.ticker";
    const MAIN: &str = ":scope > main";
    const FOOTER: &str = ":scope > footer.site-footer";

    /// The frame with empty places, for a page that has none.
    const EMPTY_FRAME: &str = concat!(
        "<a class=\"skip-link\" href=\"#main\"></a>",
        "<header class=\"site-header\"><div class=\"masthead\"></div>",
        "<section class=\"ticker\"></section></header>",
        "<main id=\"main\" tabindex=\"-1\"></main>",
        "<footer class=\"site-footer\"></footer>",
    );

    struct Shell {
        /// Owns every part, and the state they share through context.
        owner: Owner,
        root: web_sys::Element,
    }

    impl Shell {
        /// Builds `part` and puts it in place of the element `selector`
        /// finds, or at the end of `#app`.
        fn mount<V: IntoView + 'static>(&self, selector: Option<&str>, part: impl FnOnce() -> V) {
            let old = selector.and_then(|sel| self.root.query_selector(sel).ok().flatten());
            let parent = old
                .as_ref()
                .and_then(|old| old.parent_element())
                .unwrap_or_else(|| self.root.clone());
            let state = self.owner.with(|| {
                let mut state = part().into_view().build();
                state.mount(&parent, old.as_ref().map(AsRef::as_ref));
                state
            });
            if let Some(old) = old {
                old.remove();
            }
            // The parts live as long as the page.
            std::mem::forget(state);
        }
    }

    type Step = fn(&Shell);

    /// In order, each in a task of its own.
    const STEPS: [Step; 7] = [
        // Shared state first: the location (and the router, after the
        // scroll keeper's listener) and the minute clock.
        |shell| {
            scroll::install();
            api::embedded::capture();
            remove_prerendered_head_tags();
            footer::apply_layout(footer::stored_mobile());
            shell.owner.with(|| {
                router::provide_location();
                provide_minute_clock();
            });
        },
        |shell| shell.owner.with(provide_notices),
        |shell| {
            shell.mount(Some(SKIP_LINK), SkipLink);
            shell.mount(Some(MASTHEAD), Masthead);
        },
        |shell| shell.mount(Some(TICKER), Ticker),
        |shell| shell.mount(Some(MAIN), PageMain),
        |shell| shell.mount(Some(FOOTER), SiteFooter),
        |shell| {
            // Appended: the layer has no static counterpart.
            shell.mount(None, NoticeLayer);
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("data-app", "mounted");
            }
        },
    ];

    /// Runs `STEPS[next]` in a new task, after the browser has had a turn,
    /// then the rest the same way.
    fn run(shell: Shell, next: usize) {
        let Some(&step) = STEPS.get(next) else {
            // Dropping the owner would dispose the state the parts share:
            // the app lives as long as the page.
            std::mem::forget(shell);
            return;
        };
        set_timeout(
            move || {
                step(&shell);
                run(shell, next + 1);
            },
            Duration::ZERO,
        );
    }

    /// Finds or makes the frame; the rest follows in later tasks.
    pub fn start() {
        // Drives the reactive system's effects and futures.
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let document = document();
        let Some(root) = document
            .get_element_by_id("app")
            .or_else(|| document.body().map(Into::into))
        else {
            return;
        };
        let framed = [SKIP_LINK, MASTHEAD, TICKER, MAIN, FOOTER]
            .iter()
            .all(|sel| root.query_selector(sel).ok().flatten().is_some());
        if !framed {
            root.set_inner_html(EMPTY_FRAME);
        }
        let shell = Shell {
            owner: Owner::new(),
            root,
        };
        run(shell, 0);
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
