//! Home: the latest articles, with 더 보기 appending the next page.

use crate::api::{self, cache::Fetched, ApiError};
use crate::components::{
    article_list::ArticleList as ArticleListView,
    site_head::{PageTitle, SiteHead},
    status::{Loading, OfflineNote, RegionError},
};
use crate::config::config;
use crate::hydration::{deferred::use_hydrated, preload};
use crate::scroll;
use gazette_core::contract::{decode_article_list, ArticleList, ArticleSummary};
use gazette_core::ids::ArticleId;
use leptos::prelude::*;
use std::collections::HashSet;

/// Pages appended with 더 보기 in this visit, kept so that coming back to
/// home with the back button shows the list the reader left (and their
/// place in it), not just the first page.
#[derive(Clone, Default)]
struct Appended {
    pages: Vec<Vec<ArticleSummary>>,
    next: Option<String>,
}

/// Where the app keeps [`Appended`] for the whole visit: the home page's
/// views are dropped when the reader opens a story.
#[derive(Clone, Copy)]
struct AppendedPages(StoredValue<Option<Appended>>);

/// Keeps the pages appended on home across visits to other routes; call
/// once, at the root.
pub fn provide_appended_pages() {
    provide_context(AppendedPages(StoredValue::new(None)));
}

/// The app's [`AppendedPages`], or a place of the caller's own.
fn use_appended_pages() -> StoredValue<Option<Appended>> {
    use_context::<AppendedPages>().map_or_else(|| StoredValue::new(None), |AppendedPages(p)| p)
}

#[component]
pub fn HomePage() -> impl IntoView {
    let retry = RwSignal::new(0u32);
    let initial = preload::take(
        "articles.json",
        config().max_article_bytes,
        decode_article_list,
    )
    .map(Ok);
    let first: AsyncDerived<Result<Fetched<ArticleList>, ApiError>, LocalStorage> =
        preload::async_value(initial, move || {
            retry.track();
            api::fetch_article_list(None)
        });
    let list = move || match first.get() {
        None => view! { <Loading label="기사를 불러오는 중입니다" /> }.into_any(),
        Some(Err(e)) => {
            view! { <RegionError error=e on_retry=move || retry.update(|n| *n += 1) /> }.into_any()
        }
        Some(Ok(list)) if list.value.articles.is_empty() => {
            view! { <p class="empty">"아직 기사가 없습니다."</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <OfflineNote saved_at=list.offline_since />
            <LatestList first=list.value.articles next=list.value.next_page />
        }
        .into_any(),
    };
    view! {
        <PageTitle text="" />
        <SiteHead canonical=true />
        <h1 class="visually-hidden">"최신 기사"</h1>
        <section class="home" aria-labelledby="latest-heading">
            <h2 id="latest-heading" class="section-heading">
                "최신 기사"
            </h2>
            {list}
        </section>
    }
}

/// The list and its 더 보기 button. Later pages are appended as lists of
/// their own, so the rows already on screen (and the scroll position) stay.
#[component]
fn LatestList(first: Vec<ArticleSummary>, next: Option<String>) -> impl IntoView {
    let appended = use_appended_pages();
    let kept = scroll::restoring()
        .then(|| appended.get_value())
        .flatten()
        .unwrap_or(Appended {
            pages: Vec::new(),
            next,
        });
    let pages = RwSignal::new(kept.pages);
    let next = RwSignal::new(kept.next);
    Effect::new(move |_| {
        let pages = pages.get();
        let next = next.get();
        appended.set_value(Some(Appended { pages, next }));
    });
    Effect::new(move |_| scroll::content_ready());
    let live = use_hydrated();
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let seen = StoredValue::new(
        first
            .iter()
            .chain(pages.with_untracked(|p| p.concat()).iter())
            .map(|a| a.id.clone())
            .collect::<HashSet<ArticleId>>(),
    );
    let load_more = move || {
        let Some(path) = next.get_untracked() else {
            return;
        };
        loading.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::fetch_article_list(Some(path)).await {
                Ok(list) => {
                    let list = list.value;
                    let fresh: Vec<_> = list
                        .articles
                        .into_iter()
                        .filter(|a| {
                            seen.try_update_value(|s| s.insert(a.id.clone()))
                                .unwrap_or(false)
                        })
                        .collect();
                    pages.update(|p| p.push(fresh));
                    next.set(list.next_page);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    view! {
        <ArticleListView articles=first />
        <div class="home__more">
            <For
                each=move || pages.get().into_iter().enumerate()
                key=|(n, _)| *n
                let((_, page))
            >
                <ArticleListView articles=page />
            </For>
        </div>
        {move || {
            error.get().map(|e| view! { <RegionError error=e on_retry=move || load_more() /> })
        }}
        {move || {
            (next.with(Option::is_some) && error.with(Option::is_none))
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button more-button"
                            disabled=move || loading.get() || !live.get()
                            on:click=move |_| load_more()
                        >
                            {move || if loading.get() { "불러오는 중…" } else { "더 보기" }}
                        </button>
                    }
                })
        }}
    }
}
