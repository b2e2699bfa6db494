//! The app's own components rendered to HTML natively, with Leptos's
//! server rendering (`gazette`'s `ssr` feature): for one route, with the
//! documents the page embeds, at one instant. The browser hydrates exactly
//! this HTML (`src/lib.rs`, `start`), so it must be kept as rendered: its
//! `<!>` markers and lack of white space between nodes are part of it.

use crate::rewrite::{self, Embedded};
use futures::executor::block_on;
use futures::stream::{self, StreamExt};
use gazette::hydration::preload::{Doc, Preloaded};
use gazette::hydration::rendered::Rendered;
use gazette::App;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::sync::Arc;

/// Where `leptos_meta` writes a page's head tags: the shell must carry it
/// in `<head>` (index.html), and the browser finds the tags after it when
/// it hydrates.
pub const HEAD_MARKER: &str = "<!--HEAD-->";

/// One page to render.
pub struct Page {
    pub rendered: Rendered,
    /// The documents the page is rendered from, embedded for the app.
    pub docs: Vec<Embedded>,
}

/// `shell` (Trunk's page, processed) with the app rendered for `page`: its
/// head tags after [`HEAD_MARKER`], its HTML in `<div id="app">`.
pub fn page(shell: &str, page: &Page) -> Result<String, String> {
    if !shell.contains(HEAD_MARKER) {
        return Err(format!("index.html has no {HEAD_MARKER} in <head>"));
    }
    // Leptos's head tags wait for a tick of the async executor.
    let _ = any_spawner::Executor::init_futures_executor();
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let (meta, tags) = ServerMetaContext::new();
    let app_html = owner.with(|| {
        provide_context(RequestUrl::new(&page.rendered.route));
        provide_context(meta);
        page.rendered.clone().provide();
        Preloaded::new(page.docs.iter().map(|d| {
            let doc = Doc {
                text: d.text.clone(),
                partial: d.partial,
            };
            (d.path.clone(), doc)
        }))
        .provide();
        view! { <App /> }.to_html()
    });
    let with_tags: String = block_on(async {
        tags.inject_meta_context(stream::once(async { shell.to_owned() }).boxed())
            .await
            .collect::<Vec<_>>()
            .await
            .concat()
    });
    drop(owner);
    rewrite::page(
        &with_tags,
        &app_html,
        &page
            .rendered
            .attributes()
            .iter()
            .map(|(n, v)| (*n, v.clone()))
            .collect::<Vec<_>>(),
        &page.docs,
    )
}
