//! `/article/:id`: the story, then the latest articles.

use crate::api::{self, article_path, cache::Fetched, ApiError};
use crate::components::{
    article_list::ArticleList as ArticleListView,
    site_head::PageTitle,
    status::{Loading, OfflineNote, RegionError},
    story::Story,
};
use crate::config::config;
use crate::hydration::{deferred::deferred_route, preload};
use crate::pages::not_found::NotFound;
use gazette_core::contract::{decode_article, decode_article_list, Article, ArticleList};
use gazette_core::ids::ArticleId;
use leptos::prelude::*;
use leptos::Params;
use leptos_router::{hooks::use_params, params::Params};

/// Articles in the side column.
pub const SIDE_LIST: usize = 10;

/// The route's parameter: anything but an article id is not found, with no
/// request.
#[derive(Params, Clone, Debug, PartialEq)]
struct StoryParams {
    id: Option<ArticleId>,
}

type Answer<T> = Result<Fetched<T>, ApiError>;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params::<StoryParams>();
    let id = Memo::new(move |_| params.with(|p| p.as_ref().ok().and_then(|p| p.id.clone())));
    let valid = Memo::new(move |_| id.with(Option::is_some));
    move || {
        if valid.get() {
            view! { <StoryLayout id /> }.into_any()
        } else {
            view! { <NotFound /> }.into_any()
        }
    }
}

/// The story `id` names (a new id loads the new story, the old one staying
/// until it arrives) and the side column.
#[component]
fn StoryLayout(id: Memo<Option<ArticleId>>) -> impl IntoView {
    let retry = RwSignal::new(0u32);
    let initial = id.get_untracked().and_then(|id| {
        preload::take(
            &article_path(&id),
            config().max_article_bytes,
            decode_article,
        )
        .map(|a| api::article_for(&id, a))
    });
    let article: AsyncDerived<Answer<Article>, LocalStorage> =
        preload::async_value(initial, move || {
            retry.track();
            let id = id.get();
            async move {
                match id {
                    Some(id) => api::fetch_article(id).await,
                    None => std::future::pending().await,
                }
            }
        });
    let story = move || match article.get() {
        None => view! {
            <PageTitle text="기사를 불러오는 중" />
            <Loading label="기사를 불러오는 중입니다" />
        }
        .into_any(),
        Some(Err(e)) if e.is_not_found() => view! { <NotFound /> }.into_any(),
        Some(Err(e)) => view! {
            <PageTitle text="기사를 불러오지 못했습니다" />
            <RegionError error=e on_retry=move || retry.update(|n| *n += 1) />
        }
        .into_any(),
        Some(Ok(a)) => view! {
            <OfflineNote saved_at=a.offline_since />
            <Story article=a.value />
        }
        .into_any(),
    };
    view! {
        <div class="article-layout">
            {deferred_route(move || view! { <div class="article-layout__main">{story}</div> })}
            {deferred_route(move || {
                view! {
                    <aside class="article-layout__side" aria-labelledby="side-latest">
                        <h2 id="side-latest" class="section-heading">
                            "최신 기사"
                        </h2>
                        <Latest exclude=id />
                    </aside>
                }
            })}
        </div>
    }
}

/// The latest list without the current story.
#[component]
fn Latest(exclude: Memo<Option<ArticleId>>) -> impl IntoView {
    let retry = RwSignal::new(0u32);
    let initial = preload::take(
        "articles.json",
        config().max_article_bytes,
        decode_article_list,
    )
    .map(Ok);
    let list: AsyncDerived<Answer<ArticleList>, LocalStorage> =
        preload::async_value(initial, move || {
            retry.track();
            api::fetch_article_list(None)
        });
    move || match list.get() {
        None => view! { <Loading label="최신 기사를 불러오는 중입니다" /> }.into_any(),
        Some(Err(e)) => {
            view! { <RegionError error=e on_retry=move || retry.update(|n| *n += 1) /> }.into_any()
        }
        Some(Ok(l)) => {
            let current = exclude.get();
            let items: Vec<_> = l
                .value
                .articles
                .into_iter()
                .filter(|a| Some(&a.id) != current.as_ref())
                .take(SIDE_LIST)
                .collect();
            view! { <ArticleListView articles=items full=false /> }.into_any()
        }
    }
}
