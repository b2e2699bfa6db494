//! The article view: sharing, font size, print, old CMS links, the layout
//! switch, back/forward, and per-article link-preview tags.

use super::sample;
use e2e::browser::{Emulation, Engine, Viewport, ESCAPE, UNSUPPORTED};
use e2e::ensure;
use e2e::runner::{Ctx, Spec, Steps, NEEDS_CDP};
use e2e::server::Canned;
use serde_json::{json, Value};

const DESKTOP: &[Viewport] = &[Viewport::Desktop];
const PHONE: &[Viewport] = &[Viewport::Phone];
const BOTH: &[Viewport] = &[Viewport::Desktop, Viewport::Phone];

pub fn journeys() -> Vec<Spec> {
    vec![
        Spec::new(
            "copy_link_gives_the_canonical_url",
            BOTH,
            copy_link_gives_the_canonical_url,
        ),
        Spec::new(
            "kakao_sdk_loads_only_on_click",
            DESKTOP,
            kakao_sdk_loads_only_on_click,
        ),
        Spec::new(
            "font_size_survives_reload",
            DESKTOP,
            font_size_survives_reload,
        ),
        Spec::new(
            "pressed_toggles_show_in_forced_colours",
            BOTH,
            pressed_toggles_show_in_forced_colours,
        )
        .not_in(&[(Engine::Firefox, NEEDS_CDP), (Engine::WebKit, NEEDS_CDP)]),
        Spec::new(
            "print_keeps_only_the_story",
            DESKTOP,
            print_keeps_only_the_story,
        )
        .not_in(&[(Engine::Firefox, NEEDS_CDP), (Engine::WebKit, NEEDS_CDP)]),
        Spec::new(
            "legacy_links_land_on_the_article",
            DESKTOP,
            legacy_links_land_on_the_article,
        ),
        Spec::new(
            "layout_switch_survives_reload",
            DESKTOP,
            layout_switch_survives_reload,
        ),
        Spec::new(
            "phone_layout_switch_offers_the_pc_version",
            PHONE,
            phone_layout_switch_offers_the_pc_version,
        )
        .not_in(&[
            (Engine::Firefox, PHONE_VIEWPORT),
            (Engine::WebKit, PHONE_VIEWPORT),
        ]),
        Spec::new(
            "back_restores_the_scroll_position",
            PHONE,
            back_restores_the_scroll_position,
        ),
        Spec::new(
            "preview_tags_follow_the_article",
            DESKTOP,
            preview_tags_follow_the_article,
        ),
        Spec::new("dark_mode_screenshots", BOTH, dark_mode_screenshots)
            .emulate(&[Emulation::DarkScheme]),
        Spec::new(
            "a_story_read_before_opens_offline",
            DESKTOP,
            a_story_read_before_opens_offline,
        ),
    ]
}

/// Decodes one `%XX`-encoded query parameter of `link`.
fn query_param(link: &str, name: &str) -> Option<String> {
    let query = link.split_once('?')?.1;
    let raw = query
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))?;
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            out.push(u8::from_str_radix(raw.get(i + 1..i + 3)?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn copy_link_gives_the_canonical_url(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let canonical = ctx.server.url("/article/1201");
        let title = sample("articles/1201.json")["title"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        p.goto(&canonical).await?;
        let toggle = p.find(".share__toggle").await?;
        let name = toggle.attr("aria-label").await.map_err(|e| e.to_string())?;
        ensure!(
            name.as_deref() == Some("해당된 기사를 공유합니다"),
            "share control is named {name:?}"
        );
        // Chromium on Linux has no Web Share API: the panel opens instead.
        p.click(".share__toggle").await?;
        p.wait_until(
            "!document.getElementById('share-panel').hidden",
            "the share panel",
        )
        .await?;
        let field = p
            .eval("return document.querySelector('.share__url').value")
            .await?;
        ensure!(
            field == json!(canonical),
            "the link field holds {field}, want {canonical}"
        );
        // Let the page write the clipboard, and read it back.
        let granted = p
            .command(
                "permissions",
                json!({"descriptor": {"name": "clipboard-write"}, "state": "granted"}),
            )
            .await
            .is_ok()
            && p.command(
                "permissions",
                json!({"descriptor": {"name": "clipboard-read"}, "state": "granted"}),
            )
            .await
            .is_ok();
        p.click(".share__copy").await?;
        p.wait_until(
            "document.querySelector('.share__status').textContent !== ''",
            "the polite announcement after copying",
        )
        .await?;
        let status = p.text(".share__status").await?;
        if status != "링크가 복사되었습니다" {
            // No clipboard for scripted clicks: the address is selected in
            // the field for the reader to copy, and they are told so.
            ensure!(
                p.scripted_input && status.contains("복사해 주세요"),
                "after copying the page says {status:?}"
            );
            let selected = p
                .eval(
                    "const f = document.querySelector('.share__url');
                     return f.selectionStart === 0 && f.selectionEnd === f.value.length;",
                )
                .await?;
            ensure!(
                selected == json!(true),
                "the fallback field is not selected"
            );
        }
        let live = p
            .eval("return document.querySelector('.share__status').getAttribute('role')")
            .await?;
        ensure!(
            live == json!("status"),
            "the announcement is not a status region: {live}"
        );
        if granted {
            let clip = p
                .client
                .execute_async(
                    "const done = arguments[0];
                     navigator.clipboard.readText().then(done, e => done('ERR ' + e));",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            ensure!(
                clip == json!(canonical),
                "the clipboard holds {clip}, want {canonical}"
            );
        }
        // Every service link carries the exact URL, and leaves safely.
        let links = p
            .eval(
                "return [...document.querySelectorAll('.share__services a')]
                   .map(a => [a.className, a.href, a.target, a.rel]);",
            )
            .await?;
        let links = links.as_array().cloned().unwrap_or_default();
        ensure!(
            links.len() == 5,
            "expected 5 service links, found {}",
            links.len()
        );
        for l in &links {
            let (class, href, target, rel) = (
                l[0].as_str().unwrap_or(""),
                l[1].as_str().unwrap_or(""),
                l[2].as_str().unwrap_or(""),
                l[3].as_str().unwrap_or(""),
            );
            let url_param = match class.rsplit("--").next() {
                Some("band") => "route",
                Some("facebook") => "u",
                Some("email") => "body",
                _ => "url",
            };
            let carried = query_param(href, url_param).unwrap_or_default();
            ensure!(
                carried.ends_with(&canonical),
                "{class}: {url_param}={carried:?} does not carry {canonical}"
            );
            if !href.starts_with("mailto:") {
                ensure!(
                    target == "_blank" && rel.split(' ').any(|r| r == "noopener"),
                    "{class} opens without rel=noopener: target={target:?} rel={rel:?}"
                );
            }
            if class.ends_with("--x") {
                let text = query_param(href, "text").unwrap_or_default();
                ensure!(text == title, "X text is {text:?}, want {title:?}");
            }
        }
        ensure!(
            p.eval("return [...document.querySelectorAll('.share__service--kakao')].filter(b => b.offsetParent !== null).length")
                .await?
                == json!(0),
            "KakaoTalk is offered without a configured key"
        );
        // Esc closes the panel and focus returns to the control.
        p.eval("document.querySelector('.share__copy').focus()")
            .await?;
        p.press(ESCAPE).await?;
        p.wait_until(
            "document.getElementById('share-panel').hidden
             && document.activeElement === document.querySelector('.share__toggle')",
            "Esc closing the panel with focus back on the control",
        )
        .await?;
        Ok(())
    })
}

fn kakao_sdk_loads_only_on_click(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        ctx.server.set_meta("kakao-app-key", "0123456789abcdef");
        p.goto(&ctx.server.url("/article/1201")).await?;
        p.click(".share__toggle").await?;
        p.find(".share__service--kakao").await?;
        let sdk = "!!document.querySelector('script[src*=\"kakao\"]')";
        ensure!(
            p.eval(&format!("return {sdk}")).await? == json!(false),
            "the Kakao SDK was loaded before anyone asked to share"
        );
        p.click(".share__service--kakao").await?;
        p.wait_until(sdk, "the Kakao SDK script after the click")
            .await?;
        // One pinned version, checked against its published hash.
        let script = p
            .eval(
                "const s = document.querySelector('script[src*=\"kakao\"]');
                 return [s.getAttribute('src'), s.getAttribute('integrity'), s.getAttribute('crossorigin')];",
            )
            .await?;
        ensure!(
            script
                == json!([
                    "https://t1.kakaocdn.net/kakao_js_sdk/2.7.4/kakao.min.js",
                    "sha384-DKYJZ8NLiK8MN4/C5P2dtSmLQ4KwPaoqAfyA/DfmEc1VDxu4yyC7wy6K1Hs90nka",
                    "anonymous"
                ]),
            "the Kakao SDK script is not pinned: {script}"
        );
        // This build has no key, so its policy does not allow Kakao's hosts
        // (and this machine is offline anyway): the SDK cannot load, and the
        // reader is told.
        p.wait_until(
            "document.querySelector('.share__status').textContent.includes('카카오톡')",
            "a message that KakaoTalk sharing could not load",
        )
        .await?;
        p.find(".story__title").await?;
        // The policy's refusal of the SDK is reported; that report is this
        // journey's to expect (the runner fails journeys on any other).
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let reports: Vec<String> = ctx
            .server
            .requested()
            .into_iter()
            .filter(|r| r.starts_with(e2e::server::CSP_REPORT_PATH))
            .collect();
        ensure!(
            reports.iter().all(|r| r.contains("kakaocdn")),
            "unexpected policy reports: {reports:?}"
        );
        ctx.server.forget_requests();
        Ok(())
    })
}

async fn body_font_px(ctx: &Ctx) -> Result<f64, String> {
    let v = ctx
        .page
        .eval("return parseFloat(getComputedStyle(document.querySelector('.story__body p')).fontSize)")
        .await?;
    v.as_f64().ok_or_else(|| format!("font size {v}"))
}

fn font_size_survives_reload(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/article/1201")).await?;
        p.find(".story__body p").await?;
        let normal = body_font_px(ctx).await?;
        p.click(".font-size__larger").await?;
        p.wait_until(
            "document.querySelector('.story').dataset.font === 'larger'",
            "the larger size applied",
        )
        .await?;
        let larger = body_font_px(ctx).await?;
        ensure!(
            larger > normal * 1.2,
            "더크게 gives {larger}px from {normal}px"
        );
        p.refresh().await?;
        p.find(".story__body p").await?;
        let after = body_font_px(ctx).await?;
        ensure!(
            after == larger,
            "after reload the text is {after}px, want {larger}px"
        );
        let pressed = p
            .eval(
                "return document.querySelector('.font-size__larger').getAttribute('aria-pressed')",
            )
            .await?;
        ensure!(
            pressed == json!("true"),
            "더크게 not pressed after reload: {pressed}"
        );
        // At 200% zoom (half the CSS width) nothing overflows sideways.
        p.click(".font-size__normal").await?;
        p.client
            .set_window_size(640, 800)
            .await
            .map_err(|e| e.to_string())?;
        p.wait_until(
            "document.documentElement.scrollWidth <= window.innerWidth",
            "no horizontal scrolling at a narrow window",
        )
        .await?;
        Ok(())
    })
}

fn print_keeps_only_the_story(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let url = ctx.server.url("/article/1201");
        p.goto(&url).await?;
        p.find(".print-button").await?;
        p.find(".ticker__item").await?;
        p.emulate_media("print", &[]).await?;
        let shown = p
            .eval(
                "const vis = s => { const e = document.querySelector(s);
                   return !!e && e.getClientRects().length > 0; };
                 return {
                   story: vis('.story__body'), title: vis('.story__title'),
                   url: vis('.story__print-url'),
                   ticker: vis('.ticker'), header: vis('.site-header'), footer: vis('.site-footer'),
                   tools: vis('.story__tools'), side: vis('.article-layout__side'),
                   urlText: document.querySelector('.story__print-url').textContent };",
            )
            .await?;
        for part in ["story", "title", "url"] {
            ensure!(
                shown[part] == json!(true),
                "print hides the {part}: {shown}"
            );
        }
        for part in ["ticker", "header", "footer", "tools", "side"] {
            ensure!(
                shown[part] == json!(false),
                "print shows the {part}: {shown}"
            );
        }
        let text = shown["urlText"].as_str().unwrap_or_default();
        ensure!(text.contains(&url), "printed URL line is {text:?}");
        p.emulate_media("", &[]).await?;
        Ok(())
    })
}

fn legacy_links_land_on_the_article(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        for (old, id) in [
            ("/news/articleView.html?idxno=1201", "1201"),
            ("/bbs/board.php?bo_table=news&wr_id=1024", "1024"),
        ] {
            let expected = sample(&format!("articles/{id}.json"))["title"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            p.goto(&ctx.server.url("/")).await?;
            p.find(".card").await?;
            p.goto(&ctx.server.url(old)).await?;
            p.wait_until(
                &format!("location.pathname === '/article/{id}'"),
                "the article's own address",
            )
            .await?;
            let h1 = p.text("h1.story__title").await?;
            ensure!(h1 == expected, "{old} shows {h1:?}, want {expected:?}");
            // Replaced, not pushed: back leaves the story and never returns
            // to the old address (which would redirect to the story again).
            p.back().await?;
            p.wait_until(
                &format!("location.pathname !== '/article/{id}'"),
                "back to leave the story",
            )
            .await?;
            tokio::time::sleep(std::time::Duration::from_millis(800)).await;
            let now = p.eval("return location.pathname").await?;
            ensure!(
                now.as_str().is_some_and(|n| !n.starts_with("/article/")
                    && !n.starts_with("/news/")
                    && !n.starts_with("/bbs/")),
                "{old}: back went to {now}"
            );
        }
        p.goto(&ctx.server.url("/news/articleView.html?idxno="))
            .await?;
        let h1 = p.text(".not-found h1").await?;
        ensure!(
            h1 == "페이지를 찾을 수 없습니다",
            "an old link without id shows {h1:?}"
        );
        Ok(())
    })
}

fn layout_switch_survives_reload(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/")).await?;
        let label = p.text(".layout-switch").await?;
        ensure!(label == "모바일 버전으로 보기", "switch reads {label:?}");
        p.click(".layout-switch").await?;
        p.wait_until(
            "document.documentElement.dataset.layout === 'mobile'",
            "the mobile layout",
        )
        .await?;
        let width = p
            .eval("return document.body.getBoundingClientRect().width")
            .await?;
        ensure!(
            width.as_f64().is_some_and(|w| w <= 431.0),
            "mobile layout on a 1280px window is {width}px wide"
        );
        p.refresh().await?;
        p.find(".card").await?;
        p.wait_until(
            "document.documentElement.dataset.layout === 'mobile'",
            "the mobile layout after reload",
        )
        .await?;
        let label = p.text(".layout-switch").await?;
        ensure!(
            label == "PC 버전으로 보기",
            "after reload the switch reads {label:?}"
        );
        p.click(".layout-switch").await?;
        p.refresh().await?;
        p.find(".card").await?;
        let layout = p
            .eval("return document.documentElement.dataset.layout || null")
            .await?;
        ensure!(layout == Value::Null, "PC layout not remembered: {layout}");
        Ok(())
    })
}

/// Why the phone layout switch runs in Chromium only: its phone emulation
/// is the one here that sizes the page by `<meta name="viewport">`.
const PHONE_VIEWPORT: &str =
    "the page's viewport follows <meta name=viewport> only under Chromium's phone emulation";

/// On a phone the switch offers the PC version, which gives the desktop
/// layout in a wide viewport until the reader switches back.
fn phone_layout_switch_offers_the_pc_version(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/article/1201")).await?;
        let label = p.text(".layout-switch").await?;
        ensure!(
            label == "PC 버전으로 보기",
            "on a phone the switch reads {label:?}"
        );
        let footer = |state: &str| {
            ctx.shots
                .join(format!("{}-footer-{state}.png", ctx.viewport.label()))
        };
        p.eval("document.querySelector('.site-footer').scrollIntoView({block: 'end'})")
            .await?;
        p.screenshot(&footer("phone-layout")).await?;
        p.wait_until(
            "document.documentElement.dataset.app === 'mounted'",
            "the app",
        )
        .await?;
        p.click(".layout-switch").await?;
        let wide = "document.documentElement.dataset.layout === 'pc'
             && document.querySelector('meta[name=viewport]').content === 'width=1024'
             && document.documentElement.clientWidth >= 1024
             && getComputedStyle(document.querySelector('.article-layout')).gridTemplateColumns.split(' ').length === 2";
        p.wait_until(wide, "the desktop layout in a wide viewport")
            .await?;
        let label = p.text(".layout-switch").await?;
        ensure!(
            label == "모바일 버전으로 보기",
            "in the PC version the switch reads {label:?}"
        );
        p.eval("document.querySelector('.site-footer').scrollIntoView({block: 'end'})")
            .await?;
        p.screenshot(&footer("pc-version")).await?;
        p.refresh().await?;
        p.find(".story__title").await?;
        p.wait_until(wide, "the desktop layout after reload")
            .await?;
        p.wait_until(
            "document.documentElement.dataset.app === 'mounted'",
            "the app",
        )
        .await?;
        p.click(".layout-switch").await?;
        p.wait_until(
            "!document.documentElement.dataset.layout
             && document.documentElement.clientWidth <= 600
             && localStorage.getItem('gazette.layout') === 'auto'",
            "the phone layout again",
        )
        .await?;
        let label = p.text(".layout-switch").await?;
        ensure!(
            label == "PC 버전으로 보기",
            "back on the phone layout the switch reads {label:?}"
        );
        Ok(())
    })
}

fn back_restores_the_scroll_position(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        if p.scripted_input {
            // WebKit's Back skips history entries made without a user
            // gesture, and scripted clicks carry none.
            return Err(format!(
                "{UNSUPPORTED}Back after a scripted click (WebKit skips history entries made without a user gesture)"
            ));
        }
        p.goto(&ctx.server.url("/")).await?;
        p.find(".card").await?;
        p.click(".more-button").await?;
        let total = sample("articles.json")["articles"]
            .as_array()
            .map_or(0, Vec::len)
            + sample("articles-2.json")["articles"]
                .as_array()
                .map_or(0, Vec::len);
        p.wait_until(
            &format!("document.querySelectorAll('.home .card').length === {total}"),
            "the second page",
        )
        .await?;
        // Scroll to a card far down and open it.
        let y = p
            .eval(
                "const cards = document.querySelectorAll('.home .card');
                 const card = cards[cards.length - 2];
                 card.scrollIntoView({block: 'center'});
                 return window.scrollY;",
            )
            .await?
            .as_f64()
            .unwrap_or(0.0);
        ensure!(
            y > 300.0,
            "the home page is too short to test scrolling (y = {y})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        p.eval(
            "const cards = document.querySelectorAll('.home .card');
             cards[cards.length - 2].querySelector('.card__title a').click();",
        )
        .await?;
        p.find("h1.story__title").await?;
        let top = p.eval("return window.scrollY").await?;
        ensure!(
            top == json!(0),
            "the article did not open at the top: {top}"
        );
        p.back().await?;
        if let Err(e) = p
            .wait_until(
                &format!(
                    "location.pathname === '/' && document.querySelectorAll('.home .card').length === {total}
                     && Math.abs(window.scrollY - {y}) < 2"
                ),
                "home with both pages at the reader's place",
            )
            .await
        {
            let now = p
                .eval("return [location.pathname, document.querySelectorAll('.home .card').length, scrollY, document.documentElement.scrollHeight, innerHeight]")
                .await?;
            return Err(format!("{e}: now {now}"));
        }
        Ok(())
    })
}

fn preview_tags_follow_the_article(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let tags = "return {
            canonical: [...document.querySelectorAll('link[rel=canonical]')].map(l => l.href),
            title: [...document.querySelectorAll('meta[property=\"og:title\"]')].map(m => m.content),
            url: [...document.querySelectorAll('meta[property=\"og:url\"]')].map(m => m.content),
            image: [...document.querySelectorAll('meta[property=\"og:image\"]')].map(m => m.content),
            h1: document.querySelector('h1.story__title').textContent };";
        p.goto(&ctx.server.url("/article/1201")).await?;
        p.find("h1.story__title").await?;
        let first = p.eval(tags).await?;
        let url = ctx.server.url("/article/1201");
        ensure!(first["canonical"] == json!([url]), "canonical: {first}");
        ensure!(first["url"] == json!([url]), "og:url: {first}");
        ensure!(first["title"] == json!([first["h1"]]), "og:title: {first}");
        ensure!(
            first["image"][0]
                .as_str()
                .is_some_and(|i| i.starts_with(&ctx.server.origin)),
            "og:image is not absolute: {first}"
        );
        // Move to another story in the app: the tags follow, without piling up.
        let href = p
            .eval("return document.querySelector('.article-layout__side .card__title a').getAttribute('href')")
            .await?;
        let href = href.as_str().unwrap_or_default().to_owned();
        p.click(".article-layout__side .card__title a").await?;
        p.wait_until(
            &format!("location.pathname === {}", json!(href)),
            "the second story",
        )
        .await?;
        p.wait_until(
            &format!(
                "document.querySelector('link[rel=canonical]') &&
                 document.querySelector('link[rel=canonical]').href === {}",
                json!(ctx.server.url(&href))
            ),
            "the canonical link of the second story",
        )
        .await?;
        let second = p.eval(tags).await?;
        ensure!(
            second["canonical"].as_array().map_or(0, Vec::len) == 1,
            "canonical links piled up: {second}"
        );
        ensure!(
            second["title"] == json!([second["h1"]]),
            "og:title: {second}"
        );
        Ok(())
    })
}

fn dark_mode_screenshots(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        for (name, path, ready) in [
            ("home", "/", ".card"),
            ("article", "/article/1201", ".story__title"),
        ] {
            p.goto(&ctx.server.url(path)).await?;
            p.find(ready).await?;
            p.find(".ticker__item").await?;
            let bg = p
                .eval("return getComputedStyle(document.body).backgroundColor")
                .await?;
            ensure!(
                bg != json!("rgb(255, 255, 255)"),
                "dark mode not applied: {bg}"
            );
            let file = ctx
                .shots
                .join(format!("{}-{name}-dark.png", ctx.viewport.label()));
            p.screenshot(&file).await?;
        }
        // The article with its share panel open, for review.
        p.click(".share__toggle").await?;
        p.find(".share__copy").await?;
        p.screenshot(
            &ctx.shots
                .join(format!("{}-article-share-dark.png", ctx.viewport.label())),
        )
        .await?;
        Ok(())
    })
}

/// In a high-contrast mode (`forced-colors: active`) the pressed font-size
/// button still looks unlike the others; the other toggles (pause, sort
/// order) show their state in their glyphs and labels.
fn pressed_toggles_show_in_forced_colours(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/article/1201")).await?;
        p.wait_until(
            "document.documentElement.dataset.app === 'mounted'",
            "the app",
        )
        .await?;
        p.emulate_media("", &[("forced-colors", "active")]).await?;
        ensure!(
            p.eval("return matchMedia('(forced-colors: active)').matches")
                .await?
                == json!(true),
            "forced colours not emulated"
        );
        p.click(".font-size__large").await?;
        let looks = "(() => {
               const look = el => { const s = getComputedStyle(el);
                 return [s.backgroundColor, s.color, s.borderTopWidth, s.textDecorationLine].join(' '); };
               const pressed = document.querySelector('.font-size [aria-pressed=true]');
               const others = [...document.querySelectorAll('.font-size [aria-pressed=false]')];
               return !!pressed && pressed.classList.contains('font-size__large') && others.length === 2
                 && others.every(o => look(o) === look(others[0]) && look(o) !== look(pressed));
             })()";
        p.wait_until(looks, "the pressed 크게 button to look unlike the others")
            .await?;
        p.eval("document.querySelector('.story__tools').scrollIntoView({block: 'center'})")
            .await?;
        p.screenshot(&ctx.shots.join(format!(
            "{}-story-tools-forced-colours.png",
            ctx.viewport.label()
        )))
        .await?;
        p.click(".font-size__normal").await?;
        p.emulate_media("", &[]).await?;
        Ok(())
    })
}

fn a_story_read_before_opens_offline(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        // Read a story by following a link from home (fetched by the app).
        p.goto(&ctx.server.url("/")).await?;
        p.click(".home .card__title a[href='/article/1202']")
            .await?;
        let title = p.text("h1.story__title").await?;
        p.find(".article-layout__side .card").await?;
        ensure!(
            p.find_all(".offline-note").await?.is_empty(),
            "a fresh story is marked offline"
        );
        // The backend goes down for everything.
        for path in [
            "/api/articles/1202.json",
            "/api/articles.json",
            "/api/weather.json",
        ] {
            ctx.server.set_override(path, Canned::json(503, "{}"));
        }
        // Home and the story again, in the app: both from the kept copies.
        p.click(".masthead__name").await?;
        let note = p.text(".home .offline-note").await?;
        ensure!(
            note.starts_with("오프라인 — 마지막 업데이트 "),
            "offline note on home reads {note:?}"
        );
        p.click(".home .card__title a[href='/article/1202']")
            .await?;
        p.wait_until("location.pathname === '/article/1202'", "the story")
            .await?;
        let again = p.text("h1.story__title").await?;
        ensure!(again == title, "offline the story shows {again:?}");
        let note = p.text(".article-layout__main .offline-note").await?;
        ensure!(
            note.starts_with("오프라인 — 마지막 업데이트 "),
            "offline note reads {note:?}"
        );
        p.find(".ticker__item").await?;
        // A story never opened cannot be kept: it says so, with a retry.
        ctx.server
            .set_override("/api/articles/1203.json", Canned::json(503, "{}"));
        p.click(".article-layout__side .card__title a[href='/article/1203']")
            .await?;
        p.find(".article-layout__main .region-error button").await?;
        Ok(())
    })
}
