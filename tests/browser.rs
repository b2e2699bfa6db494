//! Component tests in a real browser (wasm-bindgen-test, headless Chromium):
//! each mounts one component into the test page and checks the DOM it makes.
#![cfg(target_arch = "wasm32")]

use gazette::api::{
    contract::{ArticleSummary, Station},
    sleep, ApiError,
};
use gazette::components::{
    article_list::ArticleList, date_line::DateLine, status::RegionError, ticker::Ticker,
};
use gazette::load::Load;
use gazette::{clock::now_secs, kst, weather};
use leptos::prelude::*;
use std::{cell::Cell, rc::Rc, time::Duration};
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
fn html_at(root: &web_sys::HtmlElement, css: &str) -> web_sys::HtmlElement {
    root.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
}

async fn settle() {
    sleep(30).await;
}

/// Polls until `cond` holds or two seconds pass.
async fn eventually(mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..100 {
        if cond() {
            return true;
        }
        sleep(20).await;
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
async fn station_table_rows_parse_as_rows_with_inert_text() {
    let station = |name: &str, condition: &str, t: f64| Station {
        id: None,
        name: name.to_owned(),
        condition: condition.to_owned(),
        temperature_c: t,
    };
    let rows = weather::table_rows_markup(&[
        station("속초", "구름많음", 7.2),
        station("<img src=x onerror=alert(1)>", "우박", -0.5),
    ]);
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        view! { <table><tbody inner_html=rows.clone()></tbody></table> }
    });
    settle().await;
    assert_eq!(el.query_selector_all("tbody > tr").unwrap().length(), 2);
    assert!(el.query_selector("img").unwrap().is_none());
    let icons = el.query_selector_all("td > .wx-icon").unwrap();
    assert_eq!(icons.length(), 2);
    let icon = |i| {
        icons
            .item(i)
            .unwrap()
            .dyn_into::<web_sys::Element>()
            .unwrap()
    };
    assert_eq!(icon(0).class_name(), "wx-icon wx-mostly");
    assert_eq!(icon(1).class_name(), "wx-icon wx-unknown");
    assert_eq!(
        icon(0).get_attribute("aria-hidden").as_deref(),
        Some("true")
    );
    let names: Vec<String> = (0..2)
        .map(|i| {
            el.query_selector_all("th[scope=row]")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(names, ["속초", "<img src=x onerror=alert(1)>"]);
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
async fn article_list_links_each_story() {
    let el = host();
    let stories = vec![
        ArticleSummary {
            id: "a1".into(),
            title: "첫 기사 <b>굵게</b>".into(),
            summary: Some("요약".into()),
            section: Some("행정".into()),
            published_at: kst::parse_rfc3339("2025-12-24T14:30:00+09:00").unwrap(),
            thumbnail: None,
        },
        ArticleSummary {
            id: "a2".into(),
            title: "둘째 기사".into(),
            summary: None,
            section: None,
            published_at: 0,
            thumbnail: None,
        },
    ];
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        let stories = stories.clone();
        view! { <ArticleList articles=stories /> }
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
}

#[wasm_bindgen_test]
async fn ticker_without_a_backend_says_so_and_keeps_its_controls() {
    // The test runner serves no /api: the request fails with 404.
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), Ticker);
    assert!(
        eventually(|| el
            .query_selector(".ticker__empty")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .is_some_and(|t| t == "날씨 정보가 없습니다"))
        .await,
        "empty message not shown: {}",
        el.inner_html()
    );
    assert_eq!(
        el.query_selector(".ticker__credit")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("기상청 제공")
    );
    let toggle = html_at(&el, ".ticker__toggle");
    toggle.click();
    settle().await;
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let label = el.query_selector(".ticker__label").unwrap().unwrap();
    assert_eq!(label.text_content().as_deref(), Some("재생"));
    toggle.click();
    settle().await;
}

#[wasm_bindgen_test]
async fn a_load_shows_a_ready_answer_at_once_and_lets_slow_runs_finish() {
    let el = host();
    let runs = Rc::new(Cell::new(0u32));
    let counter = runs.clone();
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        let ready = Load::new(|| async { "ready" });
        // Each run takes 200 ms and is asked for again every 50 ms, as a
        // failing backend retried with backoff outlasts the ticker's refresh.
        let slow = Load::new(move || {
            let run = counter.get() + 1;
            counter.set(run);
            async move {
                sleep(200).await;
                run
            }
        });
        if let Ok(h) = set_interval_with_handle(move || slow.refetch(), Duration::from_millis(50)) {
            on_cleanup(move || h.clear());
        }
        view! {
            <p class="ready">{move || ready.get()}</p>
            <p class="slow">{move || slow.get().map(|n| n.to_string())}</p>
        }
    });
    let text = |css: &str| html_at(&el, css).text_content().unwrap_or_default();
    // Ready at once: in the first render, no loading state in between.
    assert_eq!(text(".ready"), "ready");
    assert_eq!(text(".slow"), "");
    // The first run is not cut short by the requests after it...
    assert!(
        eventually(|| text(".slow") == "1").await,
        "{}",
        el.inner_html()
    );
    // ...and the latest of those runs next (the ones in between are
    // dropped).
    assert!(
        eventually(|| text(".slow").parse::<u32>().is_ok_and(|n| n > 2)).await,
        "{}",
        el.inner_html()
    );
    assert!(runs.get() > 3);
}
