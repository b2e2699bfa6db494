//! Home: the latest articles, with 더 보기 appending the next page.

use crate::api::{self, contract::ArticleSummary};
use crate::components::{
    article_list::ArticleList,
    status::{Loading, OfflineNote, RegionError},
};
use crate::load::Load;
use crate::{head, markup, scroll};
use leptos::{html, prelude::*};

/// Pages appended with 더 보기 in this visit, kept so that coming back to
/// home with the back button shows the list the reader left (and their
/// place in it), not just the first page.
#[derive(Clone, Default)]
struct Appended {
    pages: Vec<Vec<ArticleSummary>>,
    next: Option<String>,
}

thread_local! {
    static APPENDED: std::cell::RefCell<Option<Appended>> = const { std::cell::RefCell::new(None) };
}

#[component]
pub fn HomePage() -> impl IntoView {
    let first = Load::new(|| api::fetch_article_list(None));
    head::set_title("");
    view! {
        <h1 class="visually-hidden">"최신 기사"</h1>
        <section class="home" aria-labelledby="latest-heading">
            <h2 id="latest-heading" class="section-heading">"최신 기사"</h2>
            {move || match first.get() {
                None => view! { <Loading label="기사를 불러오는 중입니다" /> }.into_any(),
                Some(Err(e)) => view! { <RegionError error=e on_retry=move || first.refetch() /> }.into_any(),
                Some(Ok(list)) if list.value.articles.is_empty() => {
                    view! { <p class="empty">"아직 기사가 없습니다."</p> }.into_any()
                }
                Some(Ok(list)) => view! {
                    <OfflineNote saved_at=list.offline_since />
                    <LatestList first=list.value.articles next=list.value.next_page />
                }
                .into_any(),
            }}
        </section>
    }
}

/// The list and its 더 보기 button. Later pages are appended as their own
/// blocks, so the rows already on screen (and the scroll position) stay.
#[component]
fn LatestList(first: Vec<ArticleSummary>, next: Option<String>) -> impl IntoView {
    let kept = scroll::restoring()
        .then(|| APPENDED.with_borrow(Clone::clone))
        .flatten()
        .unwrap_or(Appended {
            pages: Vec::new(),
            next,
        });
    let pages = RwSignal::new(kept.pages);
    let next = RwSignal::new(kept.next);
    Effect::new(move || {
        let pages = pages.get();
        let next = next.get();
        APPENDED.with_borrow_mut(|a| *a = Some(Appended { pages, next }));
    });
    Effect::new(scroll::content_ready);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<api::ApiError>);
    let seen = StoredValue::new(
        first
            .iter()
            .chain(pages.with_untracked(|p| p.concat()).iter())
            .map(|a| a.id.clone())
            .collect::<std::collections::HashSet<_>>(),
    );
    // Pages appended by 더 보기 (and, coming back, those appended before).
    let more = NodeRef::<html::Div>::new();
    let appended = pages.with_untracked(|p| {
        p.iter()
            .map(|page| markup::card_list(page, true))
            .collect::<String>()
    });
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
                    // Added after the pages already on screen, which stay
                    // as they are (and the reader's place with them).
                    if let Some(more) = more.get_untracked() {
                        let _ = more
                            .insert_adjacent_html("beforeend", &markup::card_list(&fresh, true));
                    }
                    pages.update(|p| p.push(fresh));
                    next.set(list.next_page);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    view! {
        <ArticleList articles=first />
        <div class="home__more" node_ref=more inner_html=appended></div>
        {move || error.get().map(|e| view! { <RegionError error=e on_retry=move || load_more() /> })}
        {move || (next.with(Option::is_some) && error.with(Option::is_none)).then(|| view! {
            <button
                type="button"
                class="button more-button"
                disabled=move || loading.get()
                on:click=move |_| load_more()
            >
                {move || if loading.get() { "불러오는 중…" } else { "더 보기" }}
            </button>
        })}
    }
}
