//! `/article/:id`: the story, then the latest articles.

use crate::api::{
    self,
    contract::{Article, Block},
};
use crate::components::{
    article_list::ArticleList,
    font_size::use_font_size,
    share::{ShareTarget, StoryTools},
    status::{Loading, OfflineNote, RegionError},
};
use crate::config::config;
use crate::head::{self, Tag};
use crate::load::Load;
use crate::pages::not_found::NotFound;
use crate::{clock::now_secs, js, kst, markup, scroll, share};
use leptos::prelude::*;

/// The story `id` names (the route's id: a new one loads the new story).
#[component]
pub fn ArticlePage(id: Memo<String>) -> impl IntoView {
    let article = Load::new(move || api::fetch_article(id.get()));
    let story = move || match article.get() {
        None => {
            head::set_title("기사를 불러오는 중");
            view! { <Loading label="기사를 불러오는 중입니다" /> }.into_any()
        }
        Some(Err(e)) if e.is_not_found() => view! { <NotFound /> }.into_any(),
        Some(Err(e)) => {
            head::set_title("기사를 불러오지 못했습니다");
            view! { <RegionError error=e on_retry=move || article.refetch() /> }.into_any()
        }
        Some(Ok(a)) => view! {
            <OfflineNote saved_at=a.offline_since />
            <Story article=a.value />
        }
        .into_any(),
    };
    view! {
        <div class="article-layout">
            <div class="article-layout__main">{story}</div>
            <aside class="article-layout__side" aria-labelledby="side-latest">
                <h2 id="side-latest" class="section-heading">"최신 기사"</h2>
                <Latest exclude=id />
            </aside>
        </div>
    }
}

/// The latest list without the current story.
#[component]
fn Latest(exclude: Memo<String>) -> impl IntoView {
    let list = Load::new(|| api::fetch_article_list(None));
    move || match list.get() {
        None => view! { <Loading label="최신 기사를 불러오는 중입니다" /> }.into_any(),
        Some(Err(e)) => {
            view! { <RegionError error=e on_retry=move || list.refetch() /> }.into_any()
        }
        Some(Ok(l)) => {
            let current = exclude.get();
            let items: Vec<_> = l
                .value
                .articles
                .into_iter()
                .filter(|a| a.id != current)
                .take(10)
                .collect();
            view! { <ArticleList articles=items full=false /> }.into_any()
        }
    }
}

#[component]
fn Story(article: Article) -> impl IntoView {
    let description = article.description();
    let site = config();
    let origin = js::page_origin();
    let base = if site.site_url.is_empty() {
        origin.as_str()
    } else {
        site.site_url.as_str()
    };
    let url = share::canonical_url(&site.site_url, &origin, &article.id);
    let image = article.body.iter().find_map(|b| match b {
        Block::Image { src, alt, .. } => Some((share::absolute_url(base, src), alt.clone())),
        _ => None,
    });
    let target = ShareTarget {
        title: article.title.clone(),
        description: description.clone(),
        image: image.as_ref().map(|(src, _)| src.clone()),
        url: url.clone(),
    };
    let font = use_font_size();
    // Back/forward: the story is on screen now, so the reader's place exists.
    Effect::new(scroll::content_ready);
    let published = kst::iso_kst(article.published_at);
    let modified = article
        .updated_at
        .map(kst::iso_kst)
        .unwrap_or_else(|| published.clone());
    let body = markup::story_body(&article.body);
    head::set_title(&article.title);
    let mut tags = vec![
        Tag::Name("description", description.clone()),
        Tag::Link("canonical", url.clone()),
        Tag::Property("og:type", "article".into()),
        Tag::Property("og:title", article.title.clone()),
        Tag::Property("og:description", description),
        Tag::Property("og:url", url.clone()),
        Tag::Property("og:site_name", site.site_name.clone()),
        Tag::Property("og:locale", "ko_KR".into()),
    ];
    if let Some((src, alt)) = image {
        tags.push(Tag::Property("og:image", src));
        tags.push(Tag::Property("og:image:alt", alt));
    }
    tags.push(Tag::Property("article:published_time", published));
    tags.push(Tag::Property("article:modified_time", modified));
    head::tags_while_mounted(&tags);
    let header = markup::story_header(&article, now_secs());
    view! {
        <article class="story" aria-labelledby="story-title" data-font=move || font.get().value()>
            <header class="story__header" inner_html=header></header>
            <StoryTools size=font target />
            <p class="story__print-url">{format!("기사 주소: {url}")}</p>
            <div class="story__body" inner_html=body></div>
            {(!article.tags.is_empty()).then(|| view! {
                <ul class="story__tags" aria-label="태그" inner_html=markup::tag_items(&article.tags)></ul>
            })}
        </article>
    }
}
