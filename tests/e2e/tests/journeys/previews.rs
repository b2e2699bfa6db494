//! Link previews and feeds: the prerendered article page as a link-preview
//! service or search engine receives it (plain HTTP, no JavaScript), the
//! same page taken over by the app without showing the story twice or
//! moving it, and the sitemap, RSS feed and robots.txt.

use super::sample;
use e2e::browser::Viewport;
use e2e::ensure;
use e2e::runner::{Ctx, Spec, Steps};
use e2e::server::Canned;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;

const DESKTOP: &[Viewport] = &[Viewport::Desktop];
const BOTH: &[Viewport] = &[Viewport::Desktop, Viewport::Phone];

pub fn journeys() -> Vec<Spec> {
    vec![
        Spec::new(
            "shared_link_previews_without_javascript",
            DESKTOP,
            shared_link_previews_without_javascript,
        ),
        Spec::new(
            "prerendered_story_is_taken_over_in_place",
            BOTH,
            prerendered_story_is_taken_over_in_place,
        ),
        Spec::new(
            "sitemap_rss_and_robots_are_served",
            DESKTOP,
            sitemap_rss_and_robots_are_served,
        ),
        Spec::new(
            "the_story_is_hydrated_not_replaced",
            BOTH,
            the_story_is_hydrated_not_replaced,
        ),
        Spec::new(
            "a_route_left_before_its_turn_loads_the_new_page",
            DESKTOP,
            a_route_left_before_its_turn_loads_the_new_page,
        ),
        Spec::new(
            "an_address_changed_before_hydration_is_rendered_afresh",
            DESKTOP,
            an_address_changed_before_hydration_is_rendered_afresh,
        ),
        Spec::new(
            "the_title_stays_while_the_page_starts",
            BOTH,
            the_title_stays_while_the_page_starts,
        ),
    ]
}

/// From the first byte of `/article/1201` until the app has hydrated every
/// part, the document title is the story's, never empty or missing: read
/// by the page's parent (a frame of the same origin) every 5 ms and every
/// frame, as a reader's tab, an analytics beacon or a screen reader could.
fn the_title_stays_while_the_page_starts(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let page = Canned::frameable_page(&super::dist(), "article/1201/index.html")
            .map_err(|e| format!("article/1201/index.html: {e}"))?;
        ctx.server.set_override("/article/1201", page);
        super::open_blank_page(ctx).await?;
        p.eval(
            "window.__titles = []; window.__mounted = 0;
             const frame = document.createElement('iframe');
             frame.style.cssText = 'width: 100vw; height: 100vh; border: 0';
             document.body.append(frame);
             const sample = () => {
               let d;
               try { d = frame.contentDocument; } catch (e) { return; }
               // Before the first byte the frame holds about:blank.
               if (!d || d.location.pathname !== '/article/1201') return;
               if (!window.__titles.length && !d.querySelector('title')) return;
               window.__titles.push(d.querySelector('title') ? d.title : null);
               if (d.documentElement.dataset.app === 'mounted') window.__mounted++;
             };
             window.__timer = setInterval(sample, 5);
             const everyFrame = () => { sample(); if (window.__mounted < 40) requestAnimationFrame(everyFrame); };
             requestAnimationFrame(everyFrame);
             frame.src = '/article/1201';",
        )
        .await?;
        // Every part hydrated, then a while longer.
        p.wait_until("window.__mounted >= 40", "the framed page to be hydrated")
            .await?;
        let titles = p
            .eval("clearInterval(window.__timer); return window.__titles")
            .await?;
        let titles = titles.as_array().cloned().unwrap_or_default();
        let first = titles.first().and_then(Value::as_str).unwrap_or_default();
        ensure!(
            first.starts_with(&sample_title("1201")),
            "the first title read is {first:?}"
        );
        let other: Vec<&Value> = titles
            .iter()
            .filter(|t| t.as_str() != Some(first))
            .collect();
        ensure!(
            titles.len() >= 20 && other.is_empty(),
            "of {} readings of the title, {} were not {first:?}: {:?}",
            titles.len(),
            other.len(),
            other.iter().take(5).collect::<Vec<_>>()
        );
        println!(
            "    title read {} times while the page started",
            titles.len()
        );
        ctx.server.clear_override("/article/1201");
        Ok(())
    })
}

/// `GET path` over a bare TCP connection, as a preview crawler would send
/// it: (status line, headers, body).
fn plain_get(origin: &str, path: &str) -> Result<(String, String, String), String> {
    let host = origin.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).map_err(|e| format!("connect {host}: {e}"))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: facebookexternalhit/1.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let raw = String::from_utf8(raw).map_err(|e| format!("{path}: not UTF-8: {e}"))?;
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("{path}: no header end"))?;
    let (status, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    Ok((
        status.to_owned(),
        headers.to_ascii_lowercase(),
        body.to_owned(),
    ))
}

fn sample_title(id: &str) -> String {
    sample(&format!("articles/{id}.json"))["title"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn shared_link_previews_without_javascript(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let article = sample("articles/1201.json");
        let title = sample_title("1201");
        let (status, headers, html) = plain_get(&ctx.server.origin, "/article/1201")?;
        ensure!(status.contains(" 200 "), "status {status:?}");
        ensure!(
            headers.contains("content-type: text/html"),
            "headers {headers:?}"
        );
        ensure!(
            html.contains(&format!("class=\"story__title\">{title}")),
            "the headline is not in the HTML"
        );
        // Read it with the browser's parser, which runs no scripts.
        p.blank().await?;
        let found = p
            .js(
                "const doc = new DOMParser().parseFromString(arguments[0], 'text/html');
                 const meta = p => [...doc.querySelectorAll(`meta[property='${p}']`)].map(m => m.content);
                 const ld = [...doc.querySelectorAll('script[type=\"application/ld+json\"]')]
                   .map(s => JSON.parse(s.textContent));
                 const data = doc.querySelector('script[data-gazette-doc=\"articles/1201.json\"]');
                 return {
                   title: doc.title,
                   description: [...doc.querySelectorAll('meta[name=description]')].map(m => m.content),
                   canonical: [...doc.querySelectorAll('link[rel=canonical]')].map(l => l.getAttribute('href')),
                   ogType: meta('og:type'), ogTitle: meta('og:title'), ogUrl: meta('og:url'),
                   ogImage: meta('og:image'), ogImageWidth: meta('og:image:width'),
                   ogLocale: meta('og:locale'), published: meta('article:published_time'),
                   card: [...doc.querySelectorAll('meta[name=\"twitter:card\"]')].map(m => m.content),
                   ld,
                   h1: [...doc.querySelectorAll('h1.story__title')].map(h => h.textContent),
                   paragraphs: doc.querySelectorAll('.story__body > p').length,
                   caption: (doc.querySelector('.story__figure figcaption') || {}).textContent,
                   times: [...doc.querySelectorAll('.story__time')].map(t => t.textContent),
                   data: data && [data.dataset.gazetteDoc, JSON.parse(data.textContent)],
                 };",
                vec![json!(html)],
            )
            .await?;
        let url = found["canonical"][0]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        ensure!(
            found["canonical"].as_array().map_or(0, Vec::len) == 1
                && url.starts_with("http")
                && url.ends_with("/article/1201"),
            "canonical: {}",
            found["canonical"]
        );
        ensure!(found["ogUrl"] == json!([url]), "og:url: {found}");
        ensure!(found["ogType"] == json!(["article"]), "og:type: {found}");
        ensure!(found["ogTitle"] == json!([title]), "og:title: {found}");
        ensure!(found["ogLocale"] == json!(["ko_KR"]), "og:locale: {found}");
        ensure!(
            found["description"] == json!([article["subtitle"]]),
            "description: {}",
            found["description"]
        );
        // The story's picture is an SVG, which no previewer shows: the
        // site's preview image stands in, without the SVG's size (a story
        // whose picture is a JPEG is previewed with it: below).
        let image = article["body"][0]["src"].as_str().unwrap_or_default();
        ensure!(
            image.ends_with(".svg"),
            "the sample 1201's picture is no longer an SVG: {image}"
        );
        ensure!(
            found["ogImage"].as_array().map_or(0, Vec::len) == 1
                && found["ogImage"][0]
                    .as_str()
                    .is_some_and(|i| i.starts_with("http") && i.ends_with("/images/preview.png")),
            "og:image of a story with an SVG picture: {}",
            found["ogImage"]
        );
        ensure!(
            found["ogImageWidth"] == json!([]),
            "og:image:width: {found}"
        );
        ensure!(
            found["published"] == json!([article["published_at"]]),
            "article:published_time: {found}"
        );
        ensure!(
            found["card"] == json!(["summary_large_image"]),
            "twitter:card: {found}"
        );
        ensure!(
            found["title"]
                .as_str()
                .is_some_and(|t| t.starts_with(&format!("{title} | "))),
            "title: {}",
            found["title"]
        );
        let ld = &found["ld"][0];
        ensure!(
            found["ld"].as_array().map_or(0, Vec::len) == 1 && ld["@type"] == "NewsArticle",
            "JSON-LD: {}",
            found["ld"]
        );
        ensure!(ld["headline"] == json!(title), "JSON-LD headline: {ld}");
        ensure!(
            ld["author"]["name"] == article["author"]["name"],
            "JSON-LD author: {ld}"
        );
        ensure!(
            ld["mainEntityOfPage"]["@id"] == json!(url),
            "JSON-LD mainEntityOfPage: {ld}"
        );
        ensure!(
            ld["publisher"]["logo"]["url"]
                .as_str()
                .is_some_and(|l| l.ends_with("/favicon.svg")),
            "JSON-LD publisher: {ld}"
        );
        // The story itself, readable as it is.
        ensure!(found["h1"] == json!([title]), "h1: {}", found["h1"]);
        let paragraphs = article["body"]
            .as_array()
            .map_or(0, |b| b.iter().filter(|b| b["type"] == "paragraph").count());
        ensure!(
            found["paragraphs"] == json!(paragraphs),
            "{} paragraphs, want {paragraphs}",
            found["paragraphs"]
        );
        ensure!(
            found["caption"]
                .as_str()
                .is_some_and(|c| c.contains("군청 담당자")),
            "caption: {}",
            found["caption"]
        );
        ensure!(
            found["times"] == json!(["입력 2025.12.08 14:30", "수정 2025.12.08 16:05"]),
            "byline times: {}",
            found["times"]
        );
        // The document the app takes instead of fetching it.
        ensure!(
            found["data"] == json!(["articles/1201.json", article]),
            "embedded document: {}",
            found["data"]
        );
        // A story with no picture of its own is shared with the site's
        // default preview image, a real 1200×630 picture.
        ensure!(
            !sample("articles/1202.json")
                .to_string()
                .contains("\"image\""),
            "the sample 1202 has a picture now: pick another story"
        );
        let (_, _, bare) = plain_get(&ctx.server.origin, "/article/1202")?;
        let images = p
            .js(
                "const doc = new DOMParser().parseFromString(arguments[0], 'text/html');
                 const meta = q => [...doc.querySelectorAll(q)].map(m => m.content);
                 const ld = JSON.parse(doc.querySelector('script[type=\"application/ld+json\"]').textContent);
                 return [meta('meta[property=\"og:image\"]'), meta('meta[name=\"twitter:image\"]'), ld.image,
                         meta('meta[name=\"twitter:card\"]')];",
                vec![json!(bare)],
            )
            .await?;
        let default = images[0][0].as_str().unwrap_or_default().to_owned();
        ensure!(
            default.starts_with("http") && default.ends_with("/images/preview.png"),
            "og:image of a story without a picture: {images}"
        );
        ensure!(
            images == json!([[default], [default], [default], ["summary_large_image"]]),
            "og:image, twitter:image, JSON-LD image, twitter:card: {images}"
        );
        // A story whose picture is a JPEG is shared with that picture.
        let jpeg = sample("articles/1207.json");
        let picture = jpeg["body"][0]["src"].as_str().unwrap_or_default();
        ensure!(
            picture.ends_with(".jpg"),
            "the sample 1207's picture is no longer a JPEG: {picture}"
        );
        let (_, _, with_jpeg) = plain_get(&ctx.server.origin, "/article/1207")?;
        let shown = p
            .js(
                "const doc = new DOMParser().parseFromString(arguments[0], 'text/html');
                 const meta = q => [...doc.querySelectorAll(q)].map(m => m.content);
                 return [meta('meta[property=\"og:image\"]'), meta('meta[name=\"twitter:image\"]'),
                         meta('meta[property=\"og:image:width\"]')];",
                vec![json!(with_jpeg)],
            )
            .await?;
        let url = shown[0][0].as_str().unwrap_or_default().to_owned();
        ensure!(
            url.starts_with("http") && url.ends_with(picture),
            "og:image of a story with a JPEG picture: {shown}"
        );
        ensure!(
            shown == json!([[url], [url], [jpeg["body"][0]["width"].to_string()]]),
            "og:image, twitter:image, og:image:width: {shown}"
        );
        // The absolute URL names the build's site URL; the file is the same
        // on this host.
        p.goto(&ctx.server.url("/")).await?;
        p.js(
            "window.__preview = new Image(); window.__preview.src = new URL(arguments[0]).pathname;",
            vec![json!(default)],
        )
        .await?;
        p.wait_until(
            "window.__preview.complete && window.__preview.naturalWidth === 1200 && window.__preview.naturalHeight === 630",
            "the default preview image to load at 1200×630",
        )
        .await?;
        Ok(())
    })
}

/// Where the parts of a page are on screen (page coordinates; `null` for a
/// part the page does not have).
const LAYOUT: &str = "return Object.fromEntries([
    '.site-header', '.ticker', 'main', '.story__section', 'h1.story__title', '.story__subtitle',
    '.story__byline', '.story__age', '.story__tools', '.story__body', '.story__figure img',
    '.story__figure figcaption', '.story__body > :last-child', '.story__tags',
    '.article-layout__side', '.home .section-heading', '.home .card:first-child',
    '.home .card:nth-child(3)', '.home .card:last-child',
  ].map(css => {
    const el = document.querySelector(css);
    const r = el && el.getBoundingClientRect();
    return [css, r && [r.left + scrollX, r.top + scrollY, r.width, r.height].map(Math.round)];
  }));";

/// Opens `path` twice: without the app's code (the page as it paints
/// first), then with it, once the app has taken over (`ready` shows). Fails
/// if any part of the page moved or resized in between.
async fn taken_over_in_place(ctx: &Ctx, path: &str, ready: &str) -> Result<(), String> {
    let p = &ctx.page;
    let wasm = wasm_path()?;
    ctx.server.set_override(&wasm, Canned::json(404, "{}"));
    // Not `Page::goto`, which waits for the app.
    p.client
        .goto(&ctx.server.url(path))
        .await
        .map_err(|e| format!("goto {path}: {e}"))?;
    let alone = p.eval(LAYOUT).await?;
    ctx.server.clear_override(&wasm);
    p.refresh().await?;
    p.wait_until(
        &format!(
            "!document.querySelector('script[data-gazette-doc]') &&
             document.querySelector('.ticker__toggle:not([disabled])') &&
             document.querySelector({})",
            json!(ready)
        ),
        &format!("the app taking over {path}"),
    )
    .await?;
    let mounted = p.eval(LAYOUT).await?;
    // The layout-shift API cannot judge this (every element is new after
    // the take-over), so the boxes are compared directly.
    let moved: Vec<String> = alone
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(css, rect)| mounted[css.as_str()] != **rect)
        .map(|(css, rect)| format!("{css}: {rect} -> {}", mounted[css.as_str()]))
        .collect();
    ensure!(
        moved.is_empty(),
        "{path} moved when the app took over:\n    {}",
        moved.join("\n    ")
    );
    Ok(())
}

fn prerendered_story_is_taken_over_in_place(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        // The latest list, and a story old enough to carry its age note.
        // (The app fetches the side column's list again: compare once it is back.)
        taken_over_in_place(ctx, "/", ".home .card").await?;
        taken_over_in_place(ctx, "/article/1024", ".article-layout__side .card").await?;
        ctx.server.forget_requests();
        taken_over_in_place(ctx, "/article/1201", ".article-layout__side .card").await?;
        let title = sample_title("1201");
        let seen = p
            .eval(
                "return {
                   stories: document.querySelectorAll('article.story').length,
                   h1: [...document.querySelectorAll('h1.story__title')].map(h => h.textContent),
                   paragraphs: document.querySelectorAll('.story__body > p').length,
                 };",
            )
            .await?;
        ensure!(seen["stories"] == json!(1), "stories on the page: {seen}");
        ensure!(seen["h1"] == json!([title]), "headlines: {seen}");
        ensure!(seen["paragraphs"] == json!(5), "paragraphs: {seen}");
        p.wait_until(
            &format!(
                "document.title.startsWith({})",
                json!(format!("{title} | "))
            ),
            "the article's document title",
        )
        .await?;
        let refetched = ctx
            .server
            .requested()
            .iter()
            .any(|r| r.starts_with("/api/articles/1201.json"));
        ensure!(
            !refetched,
            "the app fetched the story the page already carried"
        );
        Ok(())
    })
}

/// What the document's head says about the page on screen.
const HEAD: &str = "return {
    title: document.title,
    h1: [...document.querySelectorAll('h1.story__title')].map(h => h.textContent),
    ogTitle: [...document.querySelectorAll('meta[property=\"og:title\"]')].map(m => m.content),
    ogUrl: [...document.querySelectorAll('meta[property=\"og:url\"]')].map(m => m.content),
    card: [...document.querySelectorAll('meta[name=\"twitter:card\"]')].map(m => m.content),
    canonical: [...document.querySelectorAll('link[rel=canonical]')].map(l => l.getAttribute('href')),
    ld: [...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => JSON.parse(s.textContent)),
    head: document.head.innerHTML,
  };";

/// The prerendered story is hydrated: with the wasm held back, the page's
/// own `<h1>` is marked; once the app runs, that same node is the
/// headline, the share control works, and the head describes the story.
/// An in-app link to another story then replaces every tag of the first.
fn the_story_is_hydrated_not_replaced(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let wasm = open_with_the_wasm_held_back(ctx, "/article/1201").await?;
        let before = p
            .eval(
                "const h = document.querySelector('h1.story__title');
                 h.dataset.marked = 'prerendered';
                 window.__prerenderedHeadline = h;
                 return document.documentElement.dataset.app || 'waiting';",
            )
            .await?;
        ensure!(
            before == json!("waiting"),
            "the app ran before its wasm arrived: {before}"
        );
        p.wait_for_app().await?;
        ctx.server.clear_override(&wasm);
        let kept = p
            .eval(
                "const h = document.querySelector('h1.story__title');
                 return { same: h === window.__prerenderedHeadline, marked: h.dataset.marked || null,
                          headlines: document.querySelectorAll('h1').length };",
            )
            .await?;
        ensure!(
            kept == json!({ "same": true, "marked": "prerendered", "headlines": 1 }),
            "the prerendered headline was replaced, not hydrated: {kept}"
        );
        let title = sample_title("1201");
        let head = p.eval(HEAD).await?;
        ensure!(
            head["ogTitle"] == json!([title]),
            "og:title: {}",
            head["ogTitle"]
        );
        ensure!(
            head["card"] == json!(["summary_large_image"]),
            "twitter:card: {}",
            head["card"]
        );
        ensure!(
            head["ld"].as_array().map_or(0, Vec::len) == 1
                && head["ld"][0]["@type"] == "NewsArticle"
                && head["ld"][0]["headline"] == json!(title),
            "JSON-LD: {}",
            head["ld"]
        );
        // The hydrated share control works (no Web Share API here: the
        // panel opens).
        p.click(".share__toggle").await?;
        p.wait_until(
            "!document.getElementById('share-panel').hidden &&
             document.querySelector('.share__url').value.endsWith('/article/1201')",
            "the share panel of the hydrated story",
        )
        .await?;
        p.click(".share__close").await?;
        // Another story, in the app: its tags replace every one of the first.
        let href = p
            .eval("return document.querySelector('.article-layout__side .card__title a').getAttribute('href')")
            .await?;
        let href = href.as_str().unwrap_or_default().to_owned();
        let next_id = href.trim_start_matches("/article/").to_owned();
        let next = sample_title(&next_id);
        p.click(".article-layout__side .card__title a").await?;
        p.wait_until(
            &format!(
                "location.pathname === {} &&
                 document.querySelector('h1.story__title').textContent === {} &&
                 document.title.startsWith({})",
                json!(href),
                json!(next),
                json!(format!("{next} | "))
            ),
            "the second story",
        )
        .await?;
        let head = p.eval(HEAD).await?;
        ensure!(
            head["ogTitle"] == json!([next]),
            "og:title: {}",
            head["ogTitle"]
        );
        ensure!(
            head["ld"].as_array().map_or(0, Vec::len) == 1
                && head["ld"][0]["headline"] == json!(next),
            "JSON-LD: {}",
            head["ld"]
        );
        ensure!(
            head["canonical"].as_array().map_or(0, Vec::len) == 1
                && head["canonical"][0]
                    .as_str()
                    .is_some_and(|c| c.ends_with(&href)),
            "canonical: {}",
            head["canonical"]
        );
        ensure!(
            head["ogUrl"].as_array().map_or(0, Vec::len) == 1,
            "og:url: {}",
            head["ogUrl"]
        );
        ensure!(
            !head["head"].as_str().unwrap_or_default().contains(&title),
            "the first story's tags remain in the head"
        );
        Ok(())
    })
}

/// `<main>` is hydrated in a task after the rest of the page
/// (src/hydration/deferred.rs). When the address changes between the two (the
/// reader followed a link or pressed back in that moment), `<main>` is
/// not hydrated against the old story's HTML: the new address is loaded as
/// a page of its own. The change is made at the first zero-delay timer the
/// app sets once its router listens for link clicks (the first hydration),
/// which is the wait before the first deferred part.
fn a_route_left_before_its_turn_loads_the_new_page(ctx: &Ctx) -> Steps<'_> {
    Box::pin(address_moved_at_a_zero_delay_timer(
        ctx,
        "window.__routerLive",
        Arrival::NewDocument,
    ))
}

/// The app's start-up task ends before the first hydration, which waits
/// for a task of its own. When the address changes in between, the page
/// is not hydrated against the old story's HTML: the app renders the new
/// address afresh in the same document. The change is made at the first
/// zero-delay timer the app sets, which is that wait.
fn an_address_changed_before_hydration_is_rendered_afresh(ctx: &Ctx) -> Steps<'_> {
    Box::pin(address_moved_at_a_zero_delay_timer(
        ctx,
        "true",
        Arrival::SameDocument,
    ))
}

/// How the story of a changed address must reach the screen.
#[derive(Clone, Copy)]
enum Arrival {
    /// Loaded as a page of its own (the first document goes).
    NewDocument,
    /// Rendered by the app in the document it started in.
    SameDocument,
}

/// Opens `/article/1201` with the wasm held back and makes the first
/// zero-delay timer the app sets once `armed` (a script expression) holds
/// move the address to the first story of the side column, as a reader's
/// link or back button would; then the new story must arrive as `arrival`
/// says, mounted and alone on the page.
async fn address_moved_at_a_zero_delay_timer(
    ctx: &Ctx,
    armed: &str,
    arrival: Arrival,
) -> Result<(), String> {
    let p = &ctx.page;
    let wasm = open_with_the_wasm_held_back(ctx, "/article/1201").await?;
    let href = p
        .eval(&format!(
            "window.__firstDocument = true;
             const href = document.querySelector('.article-layout__side .card__title a').getAttribute('href');
             const listen = window.addEventListener;
             window.addEventListener = function (type, ...rest) {{
               if (type === 'click') window.__routerLive = true;
               return listen.call(window, type, ...rest);
             }};
             const timer = window.setTimeout;
             window.setTimeout = function (callback, ms, ...rest) {{
               if (ms === 0 && ({armed}) && !window.__moved && typeof callback === 'function') {{
                 window.__moved = true;
                 const inner = callback;
                 callback = () => {{ history.pushState(null, '', href); inner(); }};
               }}
               return timer.call(window, callback, ms, ...rest);
             }};
             return document.documentElement.dataset.app ? 'started' : href;"
        ))
        .await?;
    let href = href.as_str().unwrap_or_default().to_owned();
    ensure!(
        href.starts_with("/article/") && href != "/article/1201",
        "the app ran before its wasm arrived, or no other story is linked: {href}"
    );
    let next = sample_title(href.trim_start_matches("/article/"));
    let (document, what) = match arrival {
        Arrival::NewDocument => (
            "!window.__firstDocument",
            "the new address loaded as a page of its own",
        ),
        Arrival::SameDocument => (
            "window.__firstDocument",
            "the new address rendered in the same document",
        ),
    };
    p.wait_until(
        &format!(
            "{document} && location.pathname === {} &&
             document.documentElement.dataset.app === 'mounted' &&
             document.querySelector('h1.story__title')?.textContent === {}",
            json!(href),
            json!(next)
        ),
        what,
    )
    .await?;
    ctx.server.clear_override(&wasm);
    // The new story alone: one headline, its og:title, no crash notice.
    let page = p
        .eval(
            "return { headlines: [...document.querySelectorAll('h1')].map(h => h.textContent),
                      crash: !document.getElementById('crash').hidden,
                      ogTitle: [...document.querySelectorAll('meta[property=\"og:title\"]')].map(m => m.content) };",
        )
        .await?;
    ensure!(
        page == json!({ "headlines": [next], "crash": false, "ogTitle": [next] }),
        "after the address changed: {page}"
    );
    Ok(())
}

/// Opens `path` with the wasm answered 2.5 s late, so the page's script
/// can act before the app starts; returns the wasm's path (clear its
/// override once done).
async fn open_with_the_wasm_held_back(ctx: &Ctx, path: &str) -> Result<String, String> {
    let wasm = wasm_path()?;
    let module = std::fs::read(super::dist().join(wasm.trim_start_matches('/')))
        .map_err(|e| format!("{wasm}: {e}"))?;
    ctx.server.set_override(
        &wasm,
        Canned {
            content_type: "application/wasm".into(),
            delay: std::time::Duration::from_millis(2500),
            ..Canned::json(200, module)
        },
    );
    ctx.page
        .client
        .goto(&ctx.server.url(path))
        .await
        .map_err(|e| format!("goto {path}: {e}"))?;
    Ok(wasm)
}

/// The path of the build's wasm module.
fn wasm_path() -> Result<String, String> {
    super::built_file(|n| n.ends_with("_bg.wasm"))
}

/// Every article the sample backend lists.
fn sample_ids() -> Vec<String> {
    ["articles.json", "articles-2.json"]
        .iter()
        .flat_map(|page| {
            sample(page)["articles"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|a| a["id"].as_str().map(str::to_owned))
        .collect()
}

/// The sitemap, the RSS feed and robots.txt as fetched (`[{status, type,
/// text}]`), read into the shape the journey checks.
fn read_feeds(fetched: &Value) -> Result<Value, String> {
    let text = |n: usize| fetched[n]["text"].as_str().unwrap_or_default();
    let (sitemap, rss) = (text(0), text(1));
    let sitemap = roxmltree::Document::parse(sitemap).map_err(|e| format!("sitemap: {e}"))?;
    let rss = roxmltree::Document::parse(rss).map_err(|e| format!("rss: {e}"))?;
    let named = |doc: &'_ roxmltree::Document<'_>, name: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name(name))
            .map(|n| n.text().unwrap_or_default().to_owned())
            .collect()
    };
    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_owned()
    };
    let channel = rss.descendants().find(|n| n.has_tag_name("channel"));
    Ok(json!({
        "status": [fetched[0]["status"], fetched[1]["status"], fetched[2]["status"]],
        "types": [fetched[0]["type"], fetched[1]["type"], fetched[2]["type"]],
        "locs": named(&sitemap, "loc"),
        "lastmods": named(&sitemap, "lastmod").len(),
        "rssVersion": rss.root_element().attribute("version"),
        "language": channel.map(|c| child(c, "language")),
        "items": rss.descendants().filter(|n| n.has_tag_name("item")).map(|i| json!({
            "title": child(i, "title"),
            "link": child(i, "link"),
            "guid": child(i, "guid"),
            "pubDate": child(i, "pubDate"),
        })).collect::<Vec<_>>(),
        "robots": text(2),
    }))
}

fn sitemap_rss_and_robots_are_served(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/")).await?;
        // Fetched by the site's page, read here: the site's Trusted Types
        // policy (rightly) refuses to parse markup it does not know.
        let fetched = p
            .client
            .execute_async(
                "const done = arguments[0];
                 const get = path => fetch(path).then(r => r.text().then(text =>
                   ({status: r.status, type: r.headers.get('content-type'), text})));
                 Promise.all(['/sitemap.xml', '/rss.xml', '/robots.txt'].map(get)).then(done, e => done({error: String(e)}));",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        let done = read_feeds(&fetched)?;
        ensure!(done["status"] == json!([200, 200, 200]), "statuses: {done}");
        ensure!(
            done["types"][0].as_str().is_some_and(|t| t.contains("xml"))
                && done["types"][1].as_str().is_some_and(|t| t.contains("xml"))
                && done["types"][2]
                    .as_str()
                    .is_some_and(|t| t.starts_with("text/plain")),
            "content types: {}",
            done["types"]
        );
        let ids = sample_ids();
        let locs: Vec<String> = done["locs"]
            .as_array()
            .map(|l| {
                l.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        ensure!(
            locs.len() == ids.len() + 1 && locs[0].ends_with('/'),
            "sitemap lists {locs:?} for {ids:?}"
        );
        let site = locs[0].trim_end_matches('/').to_owned();
        for id in &ids {
            let url = format!("{site}/article/{id}");
            ensure!(locs.contains(&url), "{url} missing from the sitemap");
        }
        ensure!(
            done["lastmods"] == json!(locs.len()),
            "lastmod missing: {done}"
        );
        ensure!(
            done["rssVersion"] == json!("2.0") && done["language"] == json!("ko"),
            "RSS channel: {done}"
        );
        let items = done["items"].as_array().cloned().unwrap_or_default();
        ensure!(
            items.len() == ids.len().min(50),
            "{} RSS items",
            items.len()
        );
        let newest: &Value = &items[0];
        ensure!(
            newest["title"] == json!(sample_title("1207"))
                && newest["link"] == json!(format!("{site}/article/1207"))
                && newest["guid"] == newest["link"]
                && newest["pubDate"] == json!("Wed, 24 Dec 2025 10:00:00 +0900"),
            "newest RSS item: {newest}"
        );
        ensure!(
            done["robots"]
                .as_str()
                .is_some_and(|r| r.contains(&format!("Sitemap: {site}/sitemap.xml"))
                    && r.contains("User-agent: *")),
            "robots.txt: {}",
            done["robots"]
        );
        Ok(())
    })
}
