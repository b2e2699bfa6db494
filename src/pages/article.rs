//! `/article/:id`: the story, then the latest articles.

use crate::api::{
    self,
    contract::{Article, Block},
};
use crate::components::{
    article_list::ArticleList,
    font_size::{use_font_size, FontSizeSwitch},
    print_button::PrintButton,
    share::{ShareControl, ShareTarget},
    status::{Loading, OfflineNote, RegionError},
};
use crate::config::config;
use crate::pages::not_found::NotFound;
use crate::{clock::now_secs, js, kst, reading, scroll, share};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let article = LocalResource::new(move || api::fetch_article(id.get()));
    let story = move || match article.get() {
        None => view! {
            <Title text="기사를 불러오는 중" />
            <Loading label="기사를 불러오는 중입니다" />
        }
        .into_any(),
        Some(Err(e)) if e.is_not_found() => view! { <NotFound /> }.into_any(),
        Some(Err(e)) => view! {
            <Title text="기사를 불러오지 못했습니다" />
            <RegionError error=e on_retry=move || article.refetch() />
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
    let list = LocalResource::new(|| api::fetch_article_list(None));
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
    let age = reading::age_note(article.published_at, now_secs());
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
    let mut first_image = true;
    let body = article
        .body
        .into_iter()
        .map(|block| {
            let eager = matches!(block, Block::Image { .. }) && std::mem::take(&mut first_image);
            view! { <BodyBlock block eager /> }
        })
        .collect_view();
    view! {
        <Title text=article.title.clone() />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=url.clone() />
        <Meta property="og:type" content="article" />
        <Meta property="og:title" content=article.title.clone() />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=url.clone() />
        <Meta property="og:site_name" content=site.site_name.clone() />
        <Meta property="og:locale" content="ko_KR" />
        {image.map(|(src, alt)| view! {
            <Meta property="og:image" content=src />
            <Meta property="og:image:alt" content=alt />
        })}
        <Meta property="article:published_time" content=published />
        <Meta property="article:modified_time" content=modified />
        <article class="story" aria-labelledby="story-title" data-font=move || font.get().value()>
            <header class="story__header">
                {article.section.map(|s| view! { <p class="story__section">{s}</p> })}
                <h1 id="story-title" class="story__title">{article.title}</h1>
                {article.subtitle.map(|s| view! { <p class="story__subtitle">{s}</p> })}
                <div class="story__byline">
                    {article.author.map(|a| view! {
                        <span class="story__author">
                            {format!("{} 기자", a.name)}
                            {a.email.map(|e| view! { <span class="story__email">{e}</span> })}
                        </span>
                    })}
                    <span class="story__time">
                        "입력 "
                        <time datetime=kst::iso_kst(article.published_at)>
                            {kst::date_time(article.published_at)}
                        </time>
                    </span>
                    {article.updated_at.filter(|u| *u > article.published_at).map(|u| view! {
                        <span class="story__time">
                            "수정 "
                            <time datetime=kst::iso_kst(u)>{kst::date_time(u)}</time>
                        </span>
                    })}
                </div>
                {age.map(|note| view! { <p class="story__age" role="note">{note}</p> })}
                <div class="story__tools">
                    <FontSizeSwitch size=font />
                    <PrintButton />
                    <ShareControl target />
                </div>
                <p class="story__print-url">{format!("기사 주소: {url}")}</p>
            </header>
            <div class="story__body">{body}</div>
            {(!article.tags.is_empty()).then(|| view! {
                <ul class="story__tags" aria-label="태그">
                    {article.tags.into_iter().map(|t| view! { <li>{format!("#{t}")}</li> }).collect_view()}
                </ul>
            })}
        </article>
    }
}

#[component]
fn BodyBlock(block: Block, eager: bool) -> impl IntoView {
    match block {
        Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
        Block::Heading { text } => view! { <h2 class="story__subhead">{text}</h2> }.into_any(),
        Block::Quote { text, cite } => view! {
            <blockquote class="story__quote">
                <p>{text}</p>
                {cite.map(|c| view! { <footer>{format!("— {c}")}</footer> })}
            </blockquote>
        }
        .into_any(),
        Block::Image {
            src,
            alt,
            caption,
            credit,
            width,
            height,
        } => {
            // Without both dimensions the CSS falls back to a 16:9 box so
            // nothing below moves when the image arrives.
            let sized = width.is_some() && height.is_some();
            view! {
                <figure class="story__figure">
                    <img
                        src=src
                        alt=alt
                        width=width
                        height=height
                        class:unsized=!sized
                        loading=if eager { "eager" } else { "lazy" }
                        fetchpriority=eager.then_some("high")
                        decoding="async"
                    />
                    {(caption.is_some() || credit.is_some()).then(|| view! {
                        <figcaption>
                            {caption}
                            {credit.map(|c| view! { <span class="story__credit">{c}</span> })}
                        </figcaption>
                    })}
                </figure>
            }
            .into_any()
        }
    }
}
