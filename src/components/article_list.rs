//! A list of article summaries: thumbnail, title, summary, section, time.

use crate::api::contract::ArticleSummary;
use crate::kst;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ArticleList(
    articles: Vec<ArticleSummary>,
    /// Show summaries and thumbnails (home) or titles only (side column).
    #[prop(default = true)]
    full: bool,
) -> impl IntoView {
    view! {
        <ul class=if full { "article-list" } else { "article-list article-list--compact" }>
            {articles
                .into_iter()
                .map(|a| view! { <ArticleCard article=a full /> })
                .collect_view()}
        </ul>
    }
}

#[component]
fn ArticleCard(article: ArticleSummary, full: bool) -> impl IntoView {
    let href = format!("/article/{}", article.id);
    let thumb = article.thumbnail.filter(|_| full).map(|t| {
        view! {
            <img class="card__thumb" src=t.src alt=t.alt width="160" height="90" loading="lazy" decoding="async" />
        }
    });
    view! {
        <li class="card">
            {thumb}
            <div class="card__text">
                <h3 class="card__title">
                    <A href=href>{article.title}</A>
                </h3>
                {article.summary.filter(|_| full).map(|s| view! { <p class="card__summary">{s}</p> })}
                <p class="card__meta">
                    {article.section.map(|s| view! { <span class="card__section">{s}</span> })}
                    <time datetime=kst::iso_kst(article.published_at)>
                        {kst::date_time(article.published_at)}
                    </time>
                </p>
            </div>
        </li>
    }
}
