//! A list of article summaries: thumbnail, title, summary, section, time.

use gazette_core::contract::ArticleSummary;
use gazette_core::kst;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ArticleList(
    articles: Vec<ArticleSummary>,
    /// Show summaries and thumbnails (home) or titles only (side column).
    #[prop(default = true)]
    full: bool,
) -> impl IntoView {
    let class = if full {
        "article-list"
    } else {
        "article-list article-list--compact"
    };
    // The list is given once and never changes: plain views, without a
    // keyed list's diffing (and its code).
    let cards = articles
        .into_iter()
        .map(|article| view! { <Card article full /> })
        .collect_view();
    view! { <ul class=class>{cards}</ul> }
}

/// One card: a link to the story, and what the list shows of it.
#[component]
fn Card(article: ArticleSummary, full: bool) -> impl IntoView {
    let a = article;
    let thumbnail = a.thumbnail.filter(|_| full).map(|t| {
        view! {
            <img
                class="card__thumb"
                src=t.src.as_str().to_owned()
                alt=t.alt
                width="160"
                height="90"
                loading="lazy"
                decoding="async"
            />
        }
    });
    let summary = a
        .summary
        .filter(|_| full)
        .map(|s| view! { <p class="card__summary">{s}</p> });
    let section = a
        .section
        .map(|s| view! { <span class="card__section">{s}</span> });
    view! {
        <li class="card">
            {thumbnail}
            <div class="card__text">
                <h3 class="card__title">
                    <A href=a.id.path()>{a.title}</A>
                </h3>
                {summary}
                <p class="card__meta">{section}<Time at=a.published_at /></p>
            </div>
        </li>
    }
}

/// `<time>` as bylines and cards print it.
#[component]
pub fn Time(at: i64) -> impl IntoView {
    view! { <time datetime=kst::iso_kst(at)>{kst::date_time(at)}</time> }
}
