//! A story: its header (section, headline, subtitle, byline, age note),
//! tools (font size, print, share), body and tags, and what its page says
//! about it in `<head>` (title, description, canonical link, Open Graph and
//! X cards, `NewsArticle` JSON-LD).

use super::article_list::Time;
use super::site_head::PageTitle;
use super::story_tools::StoryTools;
use crate::config::config;
use crate::hydration::clock::use_minute_clock;
use crate::hydration::deferred::deferred_route;
use crate::hydration::rendered::use_site_base;
use crate::scroll;
use crate::storage::{self, keys};
use gazette_core::contract::{Article, Block};
use gazette_core::head::StoryMeta;
use gazette_core::reading::{self, FontSize};
use gazette_core::share::ShareTarget;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script};

#[component]
pub fn Story(mut article: Article) -> impl IntoView {
    let base = use_site_base();
    let site = config();
    let meta = Memo::new({
        let article = article.clone();
        move |_| {
            StoryMeta::new(
                &article,
                &base.get(),
                &site.site_name,
                site.preview_image.as_deref(),
            )
        }
    });
    let target = Signal::derive(move || {
        meta.with(|m| ShareTarget {
            title: m.title.clone(),
            description: m.description.clone(),
            image: m.image.as_ref().map(|i| i.url.clone()),
            url: m.url.clone(),
        })
    });
    let font = storage::use_stored(
        keys::FONT_SIZE,
        FontSize::Normal,
        FontSize::parse,
        FontSize::value,
    );
    // Back/forward: the story is on screen now, so the reader's place exists.
    Effect::new(move |_| scroll::content_ready());
    // The paragraphs are moved out (the header needs none of them) and
    // hydrated in a task of their own: a long story would make the
    // route's task long.
    let body = std::mem::take(&mut article.body);
    let Article { title, tags, .. } = &article;
    let tags = (!tags.is_empty()).then(|| {
        let tags = tags.clone();
        view! {
            <ul class="story__tags" aria-label="태그">
                {tags.into_iter().map(|t| view! { <li>{format!("#{t}")}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <PageTitle text=title.clone() />
        {move || view! { <StoryHead meta=meta.get() /> }}
        <article class="story" aria-labelledby="story-title" data-font=move || font.get().value()>
            <StoryHeader article=article.clone() />
            <StoryTools size=font target />
            <p class="story__print-url">{move || format!("기사 주소: {}", meta.with(|m| m.url.clone()))}</p>
            {deferred_route(move || view! { <div class="story__body">{story_body(body)}</div> })}
            {tags}
        </article>
    }
}

/// Section, headline, subtitle, byline with the 입력 and 수정 times, and
/// the note on an old story's age.
#[component]
fn StoryHeader(article: Article) -> impl IntoView {
    let now = use_minute_clock();
    let a = article;
    let published = a.published_at;
    let updated = a.updated_at.filter(|u| *u > published);
    let author = a.author.map(|author| {
        view! {
            <span class="story__author">
                {format!("{} 기자", author.name)}
                {author.email.map(|e| view! { <span class="story__email">{e}</span> })}
            </span>
        }
    });
    view! {
        <header class="story__header">
            {a.section.map(|s| view! { <p class="story__section">{s}</p> })}
            <h1 id="story-title" class="story__title">{a.title}</h1>
            {a.subtitle.map(|s| view! { <p class="story__subtitle">{s}</p> })}
            <div class="story__byline">
                {author}
                <span class="story__time">"입력 " <Time at=published /></span>
                {updated.map(|u| view! { <span class="story__time">"수정 " <Time at=u /></span> })}
            </div>
            {move || {
                reading::age_note(published, now.get())
                    .map(|note| view! { <p class="story__age" role="note">{note}</p> })
            }}
        </header>
    }
}

/// The blocks in order: the first picture loads at once, the rest lazily;
/// a picture without both dimensions gets a 16:9 box (`unsized`) so nothing
/// moves when it arrives.
fn story_body(blocks: Vec<Block>) -> impl IntoView {
    let mut first_image = true;
    blocks
        .into_iter()
        .map(|block| match block {
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
                let eager = std::mem::take(&mut first_image);
                let caption = (caption.is_some() || credit.is_some()).then(|| {
                    view! {
                        <figcaption>
                            {caption}
                            {credit.map(|c| view! { <span class="story__credit">{c}</span> })}
                        </figcaption>
                    }
                });
                view! {
                    <figure class="story__figure">
                        <img
                            src=src.as_str().to_owned()
                            alt=alt
                            width=width.map(|w| w.to_string())
                            height=height.map(|h| h.to_string())
                            class:unsized=width.is_none() || height.is_none()
                            loading=if eager { "eager" } else { "lazy" }
                            fetchpriority=eager.then_some("high")
                            decoding="async"
                        />
                        {caption}
                    </figure>
                }
                .into_any()
            }
        })
        .collect_view()
}

/// The story's tags in `<head>`; they leave with the story.
#[component]
fn StoryHead(meta: StoryMeta) -> impl IntoView {
    let image = meta.image.clone().map(|img| {
        view! {
            <Meta property="og:image" content=img.url />
            {(!img.alt.is_empty()).then(|| view! { <Meta property="og:image:alt" content=img.alt /> })}
            {img.size.map(|(w, h)| view! {
                <Meta property="og:image:width" content=w.to_string() />
                <Meta property="og:image:height" content=h.to_string() />
            })}
        }
    });
    let card = meta.twitter_card();
    let twitter_image = meta.image.as_ref().map(|img| img.url.clone());
    view! {
        <Meta name="description" content=meta.description.clone() />
        <Link rel="canonical" href=meta.url.clone() />
        <Meta property="og:type" content="article" />
        <Meta property="og:title" content=meta.title.clone() />
        <Meta property="og:description" content=meta.description />
        <Meta property="og:url" content=meta.url />
        <Meta property="og:site_name" content=meta.site_name />
        <Meta property="og:locale" content="ko_KR" />
        {image}
        <Meta property="article:published_time" content=meta.published />
        <Meta property="article:modified_time" content=meta.modified />
        {meta.section.map(|s| view! { <Meta property="article:section" content=s /> })}
        {meta.tags.into_iter().map(|t| view! { <Meta property="article:tag" content=t /> }).collect_view()}
        <Meta name="twitter:card" content=card />
        {twitter_image.map(|url| view! { <Meta name="twitter:image" content=url /> })}
        <Script type_="application/ld+json">{meta.json_ld}</Script>
    }
}
