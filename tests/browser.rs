//! Component tests in a real browser (wasm-bindgen-test, headless Chromium):
//! each mounts one component into the test page and checks the DOM it makes.
#![cfg(target_arch = "wasm32")]

use gazette::api::ApiError;
use gazette::components::{
    article_list::ArticleList, date_line::DateLine, status::RegionError, story::Story,
    ticker::Ticker,
};
use gazette::time::now_secs;
use gazette_core::contract::{decode_article, ArticleSummary};
use gazette_core::ids::ArticleId;
use gazette_core::kst;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount into.
fn host() -> web_sys::HtmlElement {
    let el = document()
        .create_element("div")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// The first element under `root` matching `css`, as an `HtmlElement`.
fn html_at(root: &web_sys::Element, css: &str) -> web_sys::HtmlElement {
    root.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
}

async fn settle() {
    TimeoutFuture::new(30).await;
}

/// Polls until `cond` holds or two seconds pass.
async fn eventually(mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..100 {
        if cond() {
            return true;
        }
        TimeoutFuture::new(20).await;
    }
    false
}

#[wasm_bindgen_test]
async fn date_line_shows_today_in_korea() {
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), DateLine);
    settle().await;
    let time = el.query_selector("time").unwrap().unwrap();
    assert_eq!(time.text_content().unwrap(), kst::date_line(now_secs()));
    assert_eq!(
        time.get_attribute("datetime").unwrap(),
        kst::iso_kst(now_secs())[..10]
    );
}

#[wasm_bindgen_test]
async fn region_error_offers_a_retry() {
    let el = host();
    let retries = RwSignal::new(0);
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        view! { <RegionError error=ApiError::Timeout on_retry=move || retries.update(|n| *n += 1) /> }
    });
    settle().await;
    let alert = el.query_selector("[role=alert]").unwrap().unwrap();
    assert!(alert
        .text_content()
        .unwrap()
        .contains("서버 응답이 너무 늦습니다"));
    let button = html_at(&el, "button");
    assert_eq!(button.text_content().unwrap(), "다시 시도");
    button.click();
    button.click();
    settle().await;
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn article_list_links_each_story_and_keeps_text_inert() {
    let el = host();
    let summary = |id: &str, title: &str, at: i64| ArticleSummary {
        id: ArticleId::parse(id).unwrap(),
        title: title.to_owned(),
        summary: Some("요약".into()),
        section: Some("행정".into()),
        published_at: at,
        thumbnail: None,
    };
    let stories = vec![
        summary(
            "a1",
            "첫 기사 <b>굵게</b>",
            kst::parse_rfc3339("2025-12-24T14:30:00+09:00").unwrap(),
        ),
        summary("a2", "둘째 기사", 0),
    ];
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        let stories = stories.clone();
        view! {
            <Router>
                <ArticleList articles=stories />
            </Router>
        }
    });
    settle().await;
    let links = el.query_selector_all(".card__title a").unwrap();
    assert_eq!(links.length(), 2);
    let first = links
        .item(0)
        .unwrap()
        .dyn_into::<web_sys::Element>()
        .unwrap();
    assert_eq!(first.get_attribute("href").as_deref(), Some("/article/a1"));
    // Text from the backend is never interpreted as HTML.
    assert_eq!(first.text_content().unwrap(), "첫 기사 <b>굵게</b>");
    assert!(el.query_selector(".card__title b").unwrap().is_none());
    let time = el.query_selector(".card time").unwrap().unwrap();
    assert_eq!(time.text_content().unwrap(), "2025.12.24 14:30");
    assert_eq!(el.query_selector_all(".card__section").unwrap().length(), 2);
}

#[wasm_bindgen_test]
async fn ticker_without_stations_says_only_that() {
    // The test runner serves no /api: the request fails with 404.
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), Ticker);
    let empty = || {
        el.query_selector(".ticker__empty")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
    };
    assert!(
        eventually(|| empty().is_some_and(|t| t.starts_with("날씨 정보가 없습니다 ("))).await,
        "empty message not shown: {}",
        el.inner_html()
    );
    // ... and when it was last tried, in Korea time.
    let checked = el.query_selector(".ticker__checked").unwrap().unwrap();
    let shown = checked.text_content().unwrap_or_default();
    let now = now_secs();
    assert!(
        [now, now - 60]
            .iter()
            .any(|&t| shown == format!("({} 확인)", kst::clock(t))),
        "{shown}"
    );
    // Nothing else: no credit, observation time or flag, and no control
    // for a belt that does not move.
    let meta = el.query_selector(".ticker__meta").unwrap().unwrap();
    assert_eq!(
        meta.text_content().as_deref(),
        Some(""),
        "{}",
        meta.inner_html()
    );
    for control in [".ticker__all", ".ticker__toggle"] {
        assert!(
            html_at(&el, control).has_attribute("disabled"),
            "{control} is enabled"
        );
    }
}

const STORY: &str = r#"{"id":"t-1","title":"시험 <기사> & 제목","subtitle":"부제",
    "published_at":"2025-12-24T10:00:00+09:00","author":{"name":"홍길동"},
    "body":[{"type":"paragraph","text":"첫 문단 <script>x()</script>"},
            {"type":"image","src":"/images/a.jpg","alt":"사진","width":1200,"height":675}],
    "tags":["지역"]}"#;

fn head_count(css: &str) -> u32 {
    document()
        .head()
        .unwrap()
        .query_selector_all(css)
        .unwrap()
        .length()
}

#[wasm_bindgen_test]
async fn a_story_writes_its_head_tags_and_takes_them_away() {
    let el = host();
    let article = decode_article(STORY).unwrap();
    let title = article.title.clone();
    let shown = RwSignal::new(true);
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        let article = article.clone();
        move || {
            shown
                .get()
                .then(|| view! { <Story article=article.clone() /> })
        }
    });
    settle().await;
    assert_eq!(
        html_at(&el, "h1.story__title").text_content().unwrap(),
        title
    );
    assert!(el.query_selector(".story__body script").unwrap().is_none());
    let og_title = document()
        .head()
        .unwrap()
        .query_selector("meta[property='og:title']")
        .unwrap()
        .unwrap();
    assert_eq!(
        og_title.get_attribute("content").as_deref(),
        Some(title.as_str())
    );
    assert_eq!(
        head_count("meta[name='twitter:card'][content='summary_large_image']"),
        1
    );
    let ld = document()
        .head()
        .unwrap()
        .query_selector("script[type='application/ld+json']")
        .unwrap()
        .unwrap();
    let ld = js_sys::JSON::parse(&ld.text_content().unwrap()).unwrap();
    let headline = js_sys::Reflect::get(&ld, &"headline".into()).unwrap();
    assert_eq!(headline.as_string().as_deref(), Some(title.as_str()));
    // The font size buttons change the story's size.
    html_at(&el, ".font-size__larger").click();
    settle().await;
    assert_eq!(
        html_at(&el, "article.story")
            .get_attribute("data-font")
            .as_deref(),
        Some("larger")
    );
    assert_eq!(
        html_at(&el, ".font-size__larger")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    html_at(&el, ".font-size__normal").click();
    // No Web Share API in headless Chromium: the share panel opens.
    let panel = html_at(&el, "#share-panel");
    assert!(panel.hidden());
    html_at(&el, ".share__toggle").click();
    assert!(
        eventually(|| !panel.hidden()).await,
        "the share panel did not open"
    );
    let url = html_at(&el, ".share__url")
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
        .value();
    assert!(url.ends_with("/article/t-1"), "{url}");
    // The story leaves and takes its tags with it.
    shown.set(false);
    settle().await;
    assert_eq!(head_count("meta[property='og:title']"), 0);
    assert_eq!(head_count("script[type='application/ld+json']"), 0);
    assert_eq!(head_count("link[rel=canonical]"), 0);
}

#[wasm_bindgen_test]
fn an_out_of_range_numeric_version_is_no_version() {
    // The engine's parser reads a 20,000-digit number as Infinity.
    let doc = format!(
        r#"{{"notices":[{{"id":"n1","title":"공지","version":{}}}]}}"#,
        "9".repeat(20_000)
    );
    let notices = gazette_core::contract::decode_notices(&doc).unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].version, None);
}

#[wasm_bindgen_test]
async fn deferred_parts_hydrate_in_later_tasks_and_keep_their_nodes() {
    use gazette::hydration::deferred::{deferred, hydrate_deferred, use_hydrated, Hydrated};
    // The page as the build step renders it (the HTML of the view in
    // `a_deferred_part_renders_in_place`): a paragraph, the deferred part,
    // another paragraph, and the empty comments Leptos leaves as markers.
    let el = host();
    for (tag, id) in [("p", "first"), ("section", "later"), ("p", "after")] {
        let node = document().create_element(tag).unwrap();
        node.set_id(id);
        node.set_attribute("data-n", "0").unwrap();
        el.append_child(&node).unwrap();
    }
    el.append_child(&document().create_comment("")).unwrap();
    let button = document().create_element("button").unwrap();
    button.set_attribute("data-n", "0").unwrap();
    let later = html_at(&el, "#later");
    later.append_child(&button).unwrap();
    later.append_child(&document().create_comment("")).unwrap();

    let after = RwSignal::new(0);
    let clicks = RwSignal::new(0);
    let hydrated = RwSignal::new(None::<Signal<bool>>);
    let signal = Hydrated::new();
    let _handle = leptos::mount::hydrate_from(el.clone(), move || {
        signal.provide();
        hydrated.set(Some(use_hydrated()));
        view! {
            <p id="first" data-n="0"></p>
            {deferred(move || view! {
                <section id="later" data-n="0">
                    <button data-n=move || clicks.get() on:click=move |_| clicks.update(|n| *n += 1)></button>
                </section>
            })}
            <p id="after" data-n=move || after.get()></p>
        }
    });
    let done = hydrated.get_untracked().unwrap();

    // The parts around it are live at once; the deferred one is not yet.
    after.set(5);
    settle().await;
    assert_eq!(
        html_at(&el, "#after").get_attribute("data-n").as_deref(),
        Some("5")
    );
    html_at(&el, "button").click();
    settle().await;
    assert_eq!(
        clicks.get_untracked(),
        0,
        "the deferred part was hydrated early"
    );
    assert!(!done.get_untracked());

    // Its turn: the same nodes become live.
    hydrate_deferred(signal).await;
    assert!(done.get_untracked());
    let live = html_at(&el, "button");
    assert!(
        live.is_same_node(Some(&button)),
        "the prerendered button was replaced"
    );
    live.click();
    settle().await;
    assert_eq!(clicks.get_untracked(), 1);
    assert_eq!(live.get_attribute("data-n").as_deref(), Some("1"));
    assert_eq!(el.child_element_count(), 3);
}
