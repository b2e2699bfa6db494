//! Journeys of the notices issue: the popup layer on load, closing it,
//! "오늘 하루 보지 않기" across reloads and Korean midnight, paging, the
//! notice centre, and a page that survives bad notices and bad stored values.

use super::{sample, BOTH, DESKTOP, PHONE};
use e2e::browser::{Emulation, Page, Viewport, ESCAPE as ESC, SHIFT_TAB, TAB};
use e2e::ensure;
use e2e::runner::{Ctx, Spec, Steps};
use e2e::server::Canned;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

/// The localStorage key of the snooze records.
const SNOOZES: &str = "gazette.notice-snoozes";
const LAYER_OPEN: &str = "document.querySelector('dialog.notice-layer')?.open === true";
const LAYER_CLOSED: &str = "document.querySelector('dialog.notice-layer')?.open === false";
const CENTRE_OPEN: &str = "document.querySelector('dialog.notice-centre')?.open === true";
const FOCUS_IN_LAYER: &str =
    "document.querySelector('dialog.notice-layer').contains(document.activeElement)";

pub fn journeys() -> Vec<Spec> {
    let journey = Spec::new;
    vec![
        journey("notice_appears_on_load", BOTH, notice_appears_on_load).notices(),
        journey("notice_in_dark_mode", BOTH, notice_in_dark_mode)
            .emulate(&[Emulation::DarkScheme])
            .notices(),
        journey(
            "esc_closes_notice_and_focus_returns",
            DESKTOP,
            esc_closes_notice_and_focus_returns,
        )
        .notices(),
        journey("tab_stays_inside_notice", DESKTOP, tab_stays_inside_notice).notices(),
        journey(
            "snooze_survives_reload_until_korean_midnight",
            DESKTOP,
            snooze_survives_reload_until_korean_midnight,
        )
        .notices(),
        journey(
            "three_notices_page_one_at_a_time",
            BOTH,
            three_notices_page_one_at_a_time,
        )
        .notices(),
        journey(
            "long_notice_scrolls_inside_the_sheet",
            PHONE,
            long_notice_scrolls_inside_the_sheet,
        )
        .notices(),
        journey(
            "no_notices_centre_says_so",
            DESKTOP,
            no_notices_centre_says_so,
        )
        .notices(),
        journey(
            "notice_links_open_in_app_or_new_tab",
            DESKTOP,
            notice_links_open_in_app_or_new_tab,
        )
        .notices(),
        journey(
            "corrupt_snooze_value_is_harmless",
            DESKTOP,
            corrupt_snooze_value_is_harmless,
        )
        .notices(),
        journey(
            "notices_for_one_layout_and_their_own_snooze_hours",
            BOTH,
            notices_for_one_layout_and_their_own_snooze_hours,
        )
        .notices(),
        journey(
            "failed_notice_feed_leaves_page_working",
            DESKTOP,
            failed_notice_feed_leaves_page_working,
        )
        .notices(),
    ]
}

/// The sample backend's notice that is active from December 2025 on.
fn sample_notice() -> Value {
    sample("notices.json")["notices"][0].clone()
}

fn notice(id: &str, title: &str) -> Value {
    json!({
        "id": id,
        "version": "1",
        "title": title,
        "body": format!("{title}에 관한 안내입니다."),
        "starts_at": "2025-12-01T00:00:00+09:00"
    })
}

fn serve_notices(ctx: &Ctx, notices: Vec<Value>) {
    let doc = json!({ "notices": notices }).to_string();
    ctx.server
        .set_override("/api/notices.json", Canned::json(200, doc));
}

/// Where a screenshot for review goes: `desktop-notice.png`, `phone-notice.png`…
fn shot(ctx: &Ctx, what: &str) -> PathBuf {
    let device = match ctx.viewport {
        Viewport::Desktop => "desktop",
        Viewport::Phone => "phone",
    };
    ctx.shots.join(format!("{device}-{what}.png"))
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// Articles and ticker on screen: the rest of the page works.
async fn page_works(p: &Page) -> Result<(), String> {
    p.find(".card__title a").await?;
    p.find(".ticker__item").await?;
    p.assert_no_crash().await
}

async fn layer_title(p: &Page) -> Result<String, String> {
    Ok(str_of(
        &p.eval("return document.querySelector('#notice-layer-title').textContent;")
            .await?,
    )
    .to_owned())
}

async fn position(p: &Page) -> Result<String, String> {
    Ok(str_of(
        &p.eval("return document.querySelector('.notice-layer__count').textContent;")
            .await?,
    )
    .to_owned())
}

/// Loads the home page at noon on 2025-12-24 in Korea, when the sample
/// notice is active, and waits for the layer to open.
async fn open_at_noon(ctx: &Ctx) -> Result<(), String> {
    ctx.server.set_meta("clock", "2025-12-24T12:00:00+09:00");
    ctx.page.goto(&ctx.server.url("/")).await?;
    ctx.page
        .wait_until(LAYER_OPEN, "the notice layer opens on load")
        .await
}

/// Waits until the notice feed has been requested and answered, then a
/// little longer, so "no layer" is not just "not yet".
async fn feed_settled(ctx: &Ctx) -> Result<(), String> {
    ctx.page
        .wait_until(
            "performance.getEntriesByType('resource').some(e => e.name.endsWith('/api/notices.json') && e.responseEnd > 0)",
            "the notice feed answered",
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    Ok(())
}

fn notice_appears_on_load(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let expected = sample_notice();
        open_at_noon(ctx).await?;
        p.wait_until(FOCUS_IN_LAYER, "focus inside the layer")
            .await?;
        let title = layer_title(p).await?;
        ensure!(title == str_of(&expected["title"]), "layer shows {title:?}");
        let labelled = p
            .eval(
                "const d = document.querySelector('dialog.notice-layer');
                 return document.getElementById(d.getAttribute('aria-labelledby')).textContent;",
            )
            .await?;
        ensure!(
            labelled == expected["title"],
            "dialog labelled by {labelled}"
        );
        let alt = p
            .eval("return document.querySelector('.notice-layer__image').getAttribute('alt');")
            .await?;
        ensure!(alt == expected["image"]["alt"], "image alt is {alt}");
        let pager_hidden = p
            .eval("return document.querySelector('.notice-layer__pager').hidden;")
            .await?;
        ensure!(pager_hidden == json!(true), "a single notice shows a pager");
        // The page behind painted first and is still there, inert.
        page_works(p).await?;
        let inert = p
            .eval("const a = document.querySelector('.card__title a'); a.focus(); return document.activeElement !== a;")
            .await?;
        ensure!(inert == json!(true), "the page behind the layer took focus");
        // The header button counts the notice, in its accessible name too.
        let badge = p.text(".notice-button__badge").await?;
        ensure!(badge == "1", "badge shows {badge:?}");
        let name = p
            .eval("return document.querySelector('.notice-button').textContent.replace(/\\s+/g, ' ').trim();")
            .await?;
        ensure!(
            str_of(&name).contains("팝업레이어 알림") && str_of(&name).ends_with("1건"),
            "button text {name}"
        );
        let geometry = p
            .eval(
                "const r = document.querySelector('dialog.notice-layer').getBoundingClientRect();
                 const small = [...document.querySelectorAll('dialog.notice-layer button, dialog.notice-layer a')]
                   .filter(b => b.offsetParent && b.getBoundingClientRect().height < 44).length;
                 return [r.left, r.right, r.top, r.bottom,
                   document.documentElement.clientWidth, innerHeight, small];",
            )
            .await?;
        let g: Vec<f64> = geometry
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        ensure!(g.len() == 7, "geometry {geometry}");
        let (left, right, top, bottom, width, height) = (g[0], g[1], g[2], g[3], g[4], g[5]);
        ensure!(g[6] == 0.0, "{} tap targets shorter than 44px", g[6]);
        match ctx.viewport {
            Viewport::Desktop => {
                ensure!(
                    right - left <= 481.0,
                    "desktop dialog {}px wide",
                    right - left
                );
                ensure!(
                    ((left + right) / 2.0 - width / 2.0).abs() < 2.0,
                    "desktop dialog not centred"
                );
            }
            Viewport::Phone => {
                ensure!(
                    left.abs() < 1.0 && (right - width).abs() < 1.0,
                    "sheet not full width"
                );
                ensure!((bottom - height).abs() < 1.0, "sheet not at the bottom");
                ensure!(top >= height * 0.14, "sheet taller than 85% of the screen");
            }
        }
        // Let the image decode before the picture is taken.
        p.wait_until(
            "document.querySelector('.notice-layer__image').complete",
            "notice image loaded",
        )
        .await?;
        p.screenshot(&shot(ctx, "notice")).await?;
        p.click(".notice-layer__close").await?;
        p.wait_until(LAYER_CLOSED, "닫기 closes the layer").await?;
        p.click(".notice-button").await?;
        p.wait_until(CENTRE_OPEN, "the notice centre opens").await?;
        p.screenshot(&shot(ctx, "notice-centre")).await?;
        Ok(())
    })
}

fn notice_in_dark_mode(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        open_at_noon(ctx).await?;
        let colours = p
            .eval(
                "const d = getComputedStyle(document.querySelector('dialog.notice-layer'));
                 return [matchMedia('(prefers-color-scheme: dark)').matches, d.backgroundColor, d.color];",
            )
            .await?;
        // main.css's dark --bg and --fg.
        ensure!(
            colours == json!([true, "rgb(20, 23, 27)", "rgb(231, 234, 238)"]),
            "dark mode colours {colours}"
        );
        p.wait_until(
            "document.querySelector('.notice-layer__image').complete",
            "notice image loaded",
        )
        .await?;
        p.screenshot(&shot(ctx, "notice-dark")).await
    })
}

fn esc_closes_notice_and_focus_returns(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        // A slow feed, so the reader is somewhere on the page when it opens.
        let doc = json!({ "notices": [sample_notice()] }).to_string();
        ctx.server.set_override(
            "/api/notices.json",
            Canned {
                delay: Duration::from_millis(2500),
                ..Canned::json(200, doc)
            },
        );
        p.goto(&ctx.server.url("/")).await?;
        // The pause button is usable once there are stations to pause.
        p.find(".ticker__item").await?;
        p.eval("document.querySelector('.ticker__toggle').focus();")
            .await?;
        let before = "document.activeElement === document.querySelector('.ticker__toggle')";
        p.wait_until(before, "focus on the pause button").await?;
        let card_top = "document.querySelector('.home .card').getBoundingClientRect().top";
        p.find(".home .card").await?;
        let top_before = p.eval(&format!("return {card_top};")).await?;
        p.wait_until(LAYER_OPEN, "the layer opens").await?;
        let top_after = p.eval(&format!("return {card_top};")).await?;
        ensure!(
            top_before == top_after,
            "the page moved under the layer: {top_before} → {top_after}"
        );
        p.wait_until(FOCUS_IN_LAYER, "focus moved into the layer")
            .await?;
        p.press(ESC).await?;
        p.wait_until(LAYER_CLOSED, "Esc closes the layer").await?;
        p.wait_until(before, "focus back on the pause button")
            .await?;
        tokio::time::sleep(Duration::from_millis(1000)).await;
        ensure!(
            p.eval(&format!("return {LAYER_CLOSED};")).await? == json!(true),
            "the layer opened again after Esc"
        );
        // Esc and 닫기 hide it for this page view only.
        p.refresh().await?;
        p.wait_until(LAYER_OPEN, "the layer is back on the next page view")
            .await?;
        p.click(".notice-layer__close").await?;
        p.wait_until(LAYER_CLOSED, "닫기 closes the layer").await?;
        let stored = p
            .js(
                "const raw = localStorage.getItem(arguments[0]);
                 return raw === null ? 0 : JSON.parse(raw).snoozes.length;",
                vec![json!(SNOOZES)],
            )
            .await?;
        ensure!(stored == json!(0), "닫기 stored a snooze: {stored}");
        page_works(p).await
    })
}

fn tab_stays_inside_notice(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/")).await?;
        p.wait_until(LAYER_OPEN, "the layer opens").await?;
        p.wait_until(FOCUS_IN_LAYER, "focus inside the layer")
            .await?;
        let mut seen = Vec::new();
        for (keys, label) in [(TAB, "Tab"), (SHIFT_TAB, "Shift+Tab")] {
            for n in 1..=8 {
                p.press(keys).await?;
                let inside = p.eval(&format!("return {FOCUS_IN_LAYER};")).await?;
                ensure!(inside == json!(true), "{label} #{n} left the layer");
                let name = p.eval("return document.activeElement.className;").await?;
                seen.push(str_of(&name).to_owned());
            }
        }
        for control in [
            "notice-layer__link",
            "notice-layer__snooze",
            "notice-layer__close",
        ] {
            ensure!(
                seen.iter().any(|c| c.contains(control)),
                "Tab never reached {control}: {seen:?}"
            );
        }
        Ok(())
    })
}

fn snooze_survives_reload_until_korean_midnight(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let title = str_of(&sample_notice()["title"]).to_owned();
        ctx.server.set_meta("clock", "2025-12-24T23:59:50+09:00");
        p.goto(&ctx.server.url("/")).await?;
        p.wait_until(LAYER_OPEN, "the layer opens").await?;
        p.click(".notice-layer__snooze").await?;
        p.wait_until(LAYER_CLOSED, "오늘 하루 보지 않기 closes the layer")
            .await?;
        let until = p
            .js(
                "return JSON.parse(localStorage.getItem(arguments[0])).snoozes[0].until;",
                vec![json!(SNOOZES)],
            )
            .await?;
        // 2025-12-25T00:00:00+09:00: the next Korean midnight, not 24 hours.
        ensure!(until == json!(1_766_588_400), "snoozed until {until}");

        p.refresh().await?;
        page_works(p).await?;
        feed_settled(ctx).await?;
        ensure!(
            p.eval(&format!("return {LAYER_CLOSED};")).await? == json!(true),
            "a snoozed notice opened after reload"
        );
        // Still listed in the centre, marked, and it opens again from there.
        p.click(".notice-button").await?;
        p.wait_until(CENTRE_OPEN, "the notice centre opens").await?;
        let item = p.text(".notice-centre__item").await?;
        ensure!(
            item.contains(&title) && item.contains("오늘 하루 숨김"),
            "centre lists {item:?}"
        );
        p.click(".notice-centre__item").await?;
        p.wait_until(LAYER_OPEN, "the snoozed notice opens from the centre")
            .await?;
        ensure!(
            layer_title(p).await? == title,
            "centre opened another notice"
        );
        p.press(ESC).await?;
        p.wait_until(LAYER_CLOSED, "Esc closes it").await?;
        p.wait_until(
            "document.activeElement === document.querySelector('.notice-button')",
            "focus back on the header button",
        )
        .await?;

        // Past 00:00 in Korea the notice is back and the record cleaned up.
        ctx.server.set_meta("clock", "2025-12-25T00:00:10+09:00");
        p.refresh().await?;
        p.wait_until(LAYER_OPEN, "the notice is back after midnight")
            .await?;
        let left = p
            .js(
                "return JSON.parse(localStorage.getItem(arguments[0])).snoozes.length;",
                vec![json!(SNOOZES)],
            )
            .await?;
        ensure!(left == json!(0), "{left} expired records kept");
        Ok(())
    })
}

fn three_notices_page_one_at_a_time(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let titles = ["첫째 공지", "둘째 공지", "셋째 공지"];
        serve_notices(
            ctx,
            vec![
                notice("one", titles[0]),
                notice("two", titles[1]),
                notice("three", titles[2]),
            ],
        );
        p.goto(&ctx.server.url("/")).await?;
        p.wait_until(LAYER_OPEN, "the layer opens").await?;
        let one_at_a_time = "document.querySelectorAll('dialog[open]').length === 1
            && document.querySelectorAll('.notice-layer__title').length === 1";
        ensure!(
            p.eval(&format!("return {one_at_a_time};")).await? == json!(true),
            "more than one notice on screen"
        );
        ensure!(
            position(p).await? == "1/3",
            "position {}",
            position(p).await?
        );
        ensure!(layer_title(p).await? == titles[0], "first notice first");
        let prev_disabled = p
            .eval("return document.querySelectorAll('.notice-layer__page')[0].getAttribute('aria-disabled');")
            .await?;
        ensure!(prev_disabled == json!("true"), "이전 enabled on the first");
        ensure!(
            p.text(".notice-button__badge").await? == "3",
            "badge is not 3"
        );

        p.click(".notice-layer__page:last-of-type").await?;
        p.wait_until(
            "document.querySelector('.notice-layer__count').textContent === '2/3'",
            "다음 shows 2/3",
        )
        .await?;
        ensure!(layer_title(p).await? == titles[1], "다음 shows the second");
        p.screenshot(&shot(ctx, "notice-pager")).await?;
        p.click(".notice-layer__page:last-of-type").await?;
        ensure!(position(p).await? == "3/3", "then 3/3");
        p.click(".notice-layer__page:first-of-type").await?;
        ensure!(position(p).await? == "2/3", "이전 goes back to 2/3");

        // Snoozing the second leaves the other two, the layer still open.
        p.click(".notice-layer__snooze").await?;
        p.wait_until(
            "document.querySelector('.notice-layer__count').textContent === '2/2'",
            "snoozed notice leaves the list",
        )
        .await?;
        ensure!(layer_title(p).await? == titles[2], "third takes its place");
        ensure!(
            p.eval(&format!("return {LAYER_OPEN};")).await? == json!(true),
            "layer closed with notices left"
        );
        p.wait_until(
            "document.activeElement.classList.contains('notice-layer__snooze')",
            "focus stays on the button",
        )
        .await?;
        p.click(".notice-layer__close").await?;
        p.wait_until(LAYER_CLOSED, "닫기 closes the layer").await?;
        page_works(p).await
    })
}

fn long_notice_scrolls_inside_the_sheet(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let mut long = notice("long", "아주 긴 공지");
        long["body"] = json!(
            "읽을거리가 많은 공지입니다. 화면보다 길어도 시트 안에서 스크롤됩니다.\n".repeat(40)
        );
        long["image"] = sample_notice()["image"].clone();
        serve_notices(ctx, vec![long]);
        p.goto(&ctx.server.url("/")).await?;
        p.wait_until(LAYER_OPEN, "the layer opens").await?;
        let layout = p
            .eval(
                "const d = document.querySelector('dialog.notice-layer').getBoundingClientRect();
                 const s = document.querySelector('.notice-layer__scroll');
                 const a = document.querySelector('.notice-layer__actions').getBoundingClientRect();
                 return [d.top >= innerHeight * 0.14, Math.abs(d.bottom - innerHeight) < 1,
                         s.scrollHeight > s.clientHeight, a.bottom <= innerHeight + 0.5,
                         document.documentElement.scrollWidth <= innerWidth];",
            )
            .await?;
        ensure!(
            layout == json!([true, true, true, true, true]),
            "sheet layout [within 85%, at bottom, body scrolls, buttons visible, no sideways scroll]: {layout}"
        );
        p.screenshot(&shot(ctx, "notice-long")).await?;
        Ok(())
    })
}

fn no_notices_centre_says_so(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let expired = json!({
            "id": "expired", "title": "지난 공지",
            "starts_at": "2025-01-01T00:00:00+09:00", "ends_at": "2025-02-01T00:00:00+09:00"
        });
        let future = json!({
            "id": "future", "title": "다가올 공지", "starts_at": "2030-01-01T00:00:00+09:00"
        });
        ctx.server.set_meta("clock", "2025-12-24T12:00:00+09:00");
        for (label, notices) in [
            ("empty list", vec![]),
            ("none active", vec![expired, future]),
        ] {
            serve_notices(ctx, notices);
            p.goto(&ctx.server.url("/")).await?;
            page_works(p).await?;
            feed_settled(ctx).await?;
            ensure!(
                p.eval("return !!document.querySelector('dialog[open]');")
                    .await?
                    == json!(false),
                "{label}: a dialog opened"
            );
            ensure!(
                p.find_all(".notice-button__badge").await?.is_empty(),
                "{label}: badge shown"
            );
            p.click(".notice-button").await?;
            p.wait_until(CENTRE_OPEN, "the notice centre opens").await?;
            let text = p.text(".notice-centre__empty").await?;
            ensure!(
                text == "팝업레이어 알림이 없습니다",
                "{label}: centre says {text:?}"
            );
            p.press(ESC).await?;
            p.wait_until(
                "document.activeElement === document.querySelector('.notice-button')",
                "focus back on the header button",
            )
            .await?;
        }
        Ok(())
    })
}

fn notice_links_open_in_app_or_new_tab(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let href = str_of(&sample_notice()["link"]).to_owned();
        let article = sample(&format!(
            "articles/{}.json",
            href.trim_start_matches("/article/")
        ));
        p.goto(&ctx.server.url("/")).await?;
        p.wait_until(LAYER_OPEN, "the layer opens").await?;
        let attrs = p
            .eval("const a = document.querySelector('.notice-layer__link'); return [a.getAttribute('href'), a.target];")
            .await?;
        ensure!(attrs == json!([href, ""]), "same-site link {attrs}");
        // A marker that a full page load would wipe.
        p.eval("window.__samePage = true;").await?;
        p.click(".notice-layer__link").await?;
        p.wait_until(
            &format!("location.pathname === {}", json!(href)),
            "navigation to the linked article",
        )
        .await?;
        p.wait_until(LAYER_CLOSED, "the layer closes").await?;
        let h1 = p.text("h1.story__title").await?;
        ensure!(h1 == str_of(&article["title"]), "article shows {h1:?}");
        ensure!(
            p.eval("return window.__samePage === true;").await? == json!(true),
            "the link reloaded the page instead of navigating in the app"
        );

        let mut external = notice("external", "다른 사이트 공지");
        external["link"] = json!("https://example.org/notice?id=1");
        let mut hostile = notice("hostile", "스크립트 링크");
        hostile["link"] = json!("javascript:alert(1)");
        serve_notices(ctx, vec![external, hostile]);
        p.goto(&ctx.server.url("/")).await?;
        p.wait_until(LAYER_OPEN, "the layer opens").await?;
        let attrs = p
            .eval("const a = document.querySelector('.notice-layer__link'); return [a.href, a.target, a.rel];")
            .await?;
        ensure!(
            attrs == json!(["https://example.org/notice?id=1", "_blank", "noopener"]),
            "other-site link {attrs}"
        );
        p.click(".notice-layer__page:last-of-type").await?;
        ensure!(
            p.find_all(".notice-layer__link").await?.is_empty(),
            "a javascript: link was rendered"
        );
        Ok(())
    })
}

fn corrupt_snooze_value_is_harmless(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        open_at_noon(ctx).await?;
        let huge = "가".repeat(200_000);
        for value in [
            "{",
            "null",
            "[1,2]",
            "\"text\"",
            huge.as_str(),
            r#"{"v":1,"snoozes":[{"id":"holiday-2025","version":"1","until":"tomorrow"}]}"#,
            r#"{"v":1,"snoozes":[{"id":"holiday-2025","version":"1","until":99999999999}]}"#,
            r#"{"holiday-2025":1766588400}"#,
        ] {
            let shown = value.get(..40).unwrap_or("(long)");
            p.js(
                "localStorage.setItem(arguments[0], arguments[1]);",
                vec![json!(SNOOZES), json!(value)],
            )
            .await?;
            p.refresh().await?;
            p.wait_until(LAYER_OPEN, &format!("the notice still shows with {shown}"))
                .await?;
            page_works(p).await?;
            let cleaned = p
                .js(
                    "const s = JSON.parse(localStorage.getItem(arguments[0]));
                     return s.v === 1 && s.snoozes.length === 0;",
                    vec![json!(SNOOZES)],
                )
                .await?;
            ensure!(
                cleaned == json!(true),
                "{shown}: stored value not cleaned up"
            );
        }
        Ok(())
    })
}

fn failed_notice_feed_leaves_page_working(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        ctx.server.set_override(
            "/api/notices.json",
            Canned::json(500, r#"{"error":"down"}"#),
        );
        p.goto(&ctx.server.url("/")).await?;
        page_works(p).await?;
        p.click(".notice-button").await?;
        p.wait_until(CENTRE_OPEN, "the notice centre opens").await?;
        let failed = p.text(".notice-centre__failed").await?;
        ensure!(
            failed.contains("불러오지 못했습니다"),
            "centre says {failed:?}"
        );
        serve_notices(ctx, vec![sample_notice()]);
        p.click(".notice-centre .region-error button").await?;
        let item = p.text(".notice-centre__item").await?;
        ensure!(
            item.contains(str_of(&sample_notice()["title"])),
            "after 다시 시도 the centre lists {item:?}"
        );
        ensure!(
            p.eval(&format!("return {LAYER_CLOSED};")).await? == json!(true),
            "the layer opened over the centre"
        );
        ensure!(
            p.text(".notice-button__badge").await? == "1",
            "badge missing"
        );
        page_works(p).await
    })
}

/// A notice for the desktop layout only and one for the phone layout only
/// (`devices`), next to one for both that hides for its own 168 hours
/// (`snooze_hours`), as the sync program writes Gnuboard's popups.
fn notices_for_one_layout_and_their_own_snooze_hours(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let mut weekly = notice("weekly", "주간 안내");
        weekly["snooze_hours"] = json!(168);
        let mut pc = notice("pc-only", "PC 전용 안내");
        pc["devices"] = json!(["pc"]);
        let mut mobile = notice("mobile-only", "모바일 전용 안내");
        mobile["devices"] = json!(["mobile"]);
        serve_notices(ctx, vec![weekly, pc, mobile]);
        let (mine, other) = match ctx.viewport {
            Viewport::Desktop => ("PC 전용 안내", "모바일 전용 안내"),
            Viewport::Phone => ("모바일 전용 안내", "PC 전용 안내"),
        };
        open_at_noon(ctx).await?;
        ensure!(
            position(p).await? == "1/2",
            "{} notices in the layer",
            position(p).await?
        );
        ensure!(
            layer_title(p).await? == "주간 안내",
            "first: {}",
            layer_title(p).await?
        );
        let button = p.text(".notice-layer__snooze").await?;
        ensure!(
            button == "168시간 동안 보지 않기",
            "snooze button reads {button:?}"
        );
        p.click(".notice-layer__page[data-step=next]").await?;
        ensure!(
            layer_title(p).await? == mine,
            "second: {}",
            layer_title(p).await?
        );
        let button = p.text(".notice-layer__snooze").await?;
        ensure!(
            button == "오늘 하루 보지 않기",
            "snooze button reads {button:?}"
        );
        p.click(".notice-layer__page[data-step=previous]").await?;
        p.click(".notice-layer__snooze").await?;
        ensure!(
            layer_title(p).await? == mine,
            "after snoozing: {}",
            layer_title(p).await?
        );
        let until = p
            .js(
                "return JSON.parse(localStorage.getItem(arguments[0])).snoozes[0].until;",
                vec![json!(SNOOZES)],
            )
            .await?;
        // 2025-12-24T12:00:00+09:00 plus 168 hours.
        ensure!(
            until == json!(1_766_545_200 + 168 * 3600),
            "snoozed until {until}"
        );
        p.press(ESC).await?;
        p.wait_until(LAYER_CLOSED, "Esc closes the layer").await?;
        // The centre lists the notices of this layout only.
        p.click(".notice-button").await?;
        p.wait_until(CENTRE_OPEN, "the notice centre opens").await?;
        let items = p
            .eval("return [...document.querySelectorAll('.notice-centre__item')].map(b => b.textContent);")
            .await?;
        let items: Vec<String> = serde_json::from_value(items).map_err(|e| e.to_string())?;
        ensure!(
            items.len() == 2
                && items[0].contains("주간 안내")
                && items[0].contains("168시간 숨김")
                && items[1].contains(mine)
                && !items.iter().any(|i| i.contains(other)),
            "centre lists {items:?}"
        );
        p.press(ESC).await?;
        // Four days later it is still hidden; after its 168 hours it is back.
        ctx.server.set_meta("clock", "2025-12-28T12:00:00+09:00");
        p.refresh().await?;
        p.wait_until(LAYER_OPEN, "the layer opens").await?;
        ensure!(
            position(p).await? == "1/1" && layer_title(p).await? == mine,
            "day 4: {}",
            layer_title(p).await?
        );
        ctx.server.set_meta("clock", "2025-12-31T12:00:01+09:00");
        p.refresh().await?;
        p.wait_until(LAYER_OPEN, "the layer opens").await?;
        ensure!(
            layer_title(p).await? == "주간 안내",
            "after 168 hours: {}",
            layer_title(p).await?
        );
        p.screenshot(&shot(ctx, "notice-own-hours")).await?;
        Ok(())
    })
}
