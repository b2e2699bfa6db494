//! What readers do, end to end: the release build (`dist/`, made by
//! `trunk build --release`) served over HTTP and driven in a real browser
//! over W3C WebDriver.

use e2e::browser::{Emulation, Engine, Viewport, ESCAPE};
use e2e::ensure;
use e2e::runner::{run_engine, Ctx, Spec, Steps};
use e2e::server::Canned;
use serde_json::{json, Value};
use std::path::PathBuf;

#[path = "journeys/accessibility.rs"]
mod accessibility;
#[path = "journeys/article.rs"]
mod article;
#[path = "journeys/hostile.rs"]
mod hostile;
#[path = "journeys/notices.rs"]
mod notices;
#[path = "journeys/previews.rs"]
mod previews;
#[path = "journeys/synced.rs"]
mod synced;
#[path = "journeys/ticker.rs"]
mod ticker;

const DESKTOP: &[Viewport] = &[Viewport::Desktop];
const PHONE: &[Viewport] = &[Viewport::Phone];
const BOTH: &[Viewport] = &[Viewport::Desktop, Viewport::Phone];

fn dist() -> PathBuf {
    std::env::var_os("DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist"))
}

/// The address (`/name`) of the file at the top of the build output whose
/// name `matches`: the hashed JS glue or wasm.
fn built_file(matches: impl Fn(&str) -> bool) -> Result<String, String> {
    let dist = dist();
    std::fs::read_dir(&dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| matches(n))
        .map(|n| format!("/{n}"))
        .ok_or_else(|| format!("no such file in {}", dist.display()))
}

/// Opens an empty page of the site's origin (no app runs in it): for
/// journeys that work on the origin's storage or watch a page from outside.
async fn open_blank_page(ctx: &Ctx) -> Result<(), String> {
    ctx.server.set_override(
        "/blank.html",
        Canned {
            content_type: "text/html; charset=utf-8".into(),
            ..Canned::json(200, "<!doctype html><title>-</title>")
        },
    );
    ctx.page.goto(&ctx.server.url("/blank.html")).await
}

/// Reads a sample-backend document from the build output, so expectations
/// come from the data the app is served rather than from copies of it.
fn sample(path: &str) -> Value {
    let text = std::fs::read_to_string(dist().join("api").join(path))
        .unwrap_or_else(|e| panic!("sample data {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("sample data {path}: {e}"))
}

fn home_links_to_an_article(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/")).await?;
        let link = p.find(".card__title a").await?;
        let headline = link.text().await.map_err(|e| e.to_string())?;
        let href = p
            .eval("return document.querySelector('.card__title a').getAttribute('href')")
            .await?;
        let href = href.as_str().unwrap_or_default().to_owned();
        ensure!(href.starts_with("/article/"), "card links to {href:?}");
        p.click(".card__title a").await?;
        p.wait_until(
            &format!("location.pathname === {}", json!(href)),
            "in-app navigation to the article",
        )
        .await?;
        let h1 = p.text("h1.story__title").await?;
        ensure!(
            h1 == headline,
            "article h1 {h1:?} != card title {headline:?}"
        );
        p.wait_until(
            &format!("document.title.startsWith({})", json!(headline)),
            "document title naming the article",
        )
        .await?;
        Ok(())
    })
}

fn deep_link_survives_reload(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let expected = sample("articles/1201.json")["title"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        p.goto(&ctx.server.url("/article/1201")).await?;
        let h1 = p.text("h1.story__title").await?;
        ensure!(
            h1 == expected,
            "cold deep link shows {h1:?}, want {expected:?}"
        );
        p.refresh().await?;
        let h1 = p.text("h1.story__title").await?;
        ensure!(h1 == expected, "after reload the page shows {h1:?}");
        let caption = p.text(".story__figure figcaption").await?;
        ensure!(
            caption.contains("군청 담당자"),
            "image caption missing: {caption:?}"
        );
        let paragraphs = p.find_all(".story__body > p").await?.len();
        ensure!(
            paragraphs == 5,
            "expected the 5 reference paragraphs, found {paragraphs}"
        );
        Ok(())
    })
}

fn unknown_route_shows_not_found(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        for path in [
            "/no/such/page",
            "/article/no-such-story",
            "/article/bad%20id!",
        ] {
            p.goto(&ctx.server.url(path)).await?;
            let h1 = p.text(".not-found h1").await?;
            ensure!(h1 == "페이지를 찾을 수 없습니다", "{path}: h1 is {h1:?}");
            let title = p.title().await?;
            ensure!(
                title.starts_with("페이지를 찾을 수 없습니다"),
                "{path}: title is {title:?}"
            );
            p.find(".not-found a[href='/']").await?;
        }
        let asked_for_bad_id = ctx
            .server
            .requested()
            .iter()
            .any(|r| r.starts_with("/api/articles/bad"));
        ensure!(
            !asked_for_bad_id,
            "an invalid id must not reach the backend"
        );
        Ok(())
    })
}

fn more_button_appends(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let first_page = sample("articles.json")["articles"]
            .as_array()
            .map_or(0, Vec::len);
        let second_page = sample("articles-2.json")["articles"]
            .as_array()
            .map_or(0, Vec::len);
        p.goto(&ctx.server.url("/")).await?;
        p.find(".more-button").await?;
        let before = p.find_all(".home .card").await?.len();
        ensure!(
            before == first_page,
            "first page shows {before} cards, want {first_page}"
        );
        let first_title = p.text(".home .card__title").await?;
        p.click(".more-button").await?;
        p.wait_until(
            &format!(
                "document.querySelectorAll('.home .card').length === {}",
                first_page + second_page
            ),
            "appended second page",
        )
        .await?;
        ensure!(
            p.text(".home .card__title").await? == first_title,
            "first card changed"
        );
        p.wait_until(
            "!document.querySelector('.more-button')",
            "더 보기 gone after the last page",
        )
        .await?;
        Ok(())
    })
}

fn ticker_shows_stations_and_pauses(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let stations = sample("weather.json")["stations"]
            .as_array()
            .map_or(0, Vec::len);
        p.goto(&ctx.server.url("/")).await?;
        p.find(".ticker__item").await?;
        // A long list is added a slice per task; the copy is added, and the
        // belt set rolling, in the frame after the whole list is rendered.
        p.wait_until(
            "document.querySelector('.ticker__belt[data-rolling]')",
            "the belt to roll",
        )
        .await?;
        let shown = p
            .find_all(".ticker__track:not(.ticker__track--copy) .ticker__item")
            .await?
            .len();
        ensure!(
            shown == stations,
            "ticker lists {shown} stations, sample has {stations}"
        );
        let copy_hidden = p
            .eval("return document.querySelector('.ticker__track--copy').getAttribute('aria-hidden');")
            .await?;
        ensure!(
            copy_hidden == json!("true"),
            "duplicate track must be aria-hidden"
        );
        // The loop is seamless: one loop moves the belt by exactly the
        // list's width, the copy starts right there with the first stations
        // and covers the visible width.
        let seam = p
            .eval(
                "const t = document.querySelector('.ticker__track:not(.ticker__track--copy)');
                 const c = document.querySelector('.ticker__track--copy');
                 const v = document.querySelector('.ticker__viewport');
                 const shift = parseFloat(document.querySelector('.ticker__belt').style.getPropertyValue('--ticker-shift'));
                 const left = (e) => e.getBoundingClientRect().left;
                 return {
                   gap: left(c.firstElementChild) - left(t.firstElementChild) - shift,
                   width: t.getBoundingClientRect().width - shift,
                   covers: c.getBoundingClientRect().width - v.clientWidth,
                   same: [...c.children].every((li, i) => li.outerHTML === t.children[i].outerHTML),
                   copied: c.children.length,
                 };",
            )
            .await?;
        ensure!(
            seam["gap"].as_f64().is_some_and(|g| g.abs() < 0.5)
                && seam["width"].as_f64().is_some_and(|w| w.abs() < 0.5)
                && seam["covers"].as_f64().is_some_and(|c| c >= 0.0)
                && seam["same"] == json!(true)
                && seam["copied"]
                    .as_u64()
                    .is_some_and(|n| n >= 1 && n < stations as u64),
            "the loop has a seam: {seam}"
        );
        ensure!(
            p.text(".ticker__credit").await? == "기상청 제공",
            "credit missing"
        );
        let state = "getComputedStyle(document.querySelector('.ticker__belt')).animationPlayState";
        // Clicks go through script so the WebDriver pointer never rests on
        // the ticker (hover alone also pauses it).
        let toggle = "document.querySelector('.ticker__toggle').click();";
        p.wait_until(&format!("{state} === 'running'"), "ticker running on load")
            .await?;
        p.js(toggle, vec![]).await?;
        p.wait_until(
            &format!("{state} === 'paused'"),
            "ticker paused by the button",
        )
        .await?;
        p.refresh().await?;
        p.find(".ticker__item").await?;
        p.wait_until(
            &format!("{state} === 'paused'"),
            "pause remembered across reload",
        )
        .await?;
        let pressed = p
            .find(".ticker__toggle")
            .await?
            .attr("aria-pressed")
            .await
            .map_err(|e| e.to_string())?;
        ensure!(
            pressed.as_deref() == Some("true"),
            "aria-pressed is {pressed:?}"
        );
        p.js(toggle, vec![]).await?;
        p.wait_until(&format!("{state} === 'running'"), "ticker playing again")
            .await?;
        Ok(())
    })
}

/// Temperatures of the sample stations, in feed order.
fn sample_temperatures() -> Vec<f64> {
    sample("weather.json")["stations"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s["temperature_c"].as_f64())
                .collect()
        })
        .unwrap_or_default()
}

fn all_stations_table_sorts(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let temps = sample_temperatures();
        p.goto(&ctx.server.url("/")).await?;
        p.find(".ticker__item").await?;
        p.click(".ticker__all").await?;
        p.wait_until(
            "document.querySelector('dialog.station-table').open",
            "table dialog open",
        )
        .await?;
        let rows = p.find_all("dialog.station-table tbody tr").await?.len();
        ensure!(
            rows == temps.len(),
            "table has {rows} rows, sample has {} stations",
            temps.len()
        );
        // Sort by temperature: the coldest station comes first.
        p.click("dialog.station-table th:nth-child(3) .sort-button")
            .await?;
        let sort = p
            .eval("return document.querySelector('dialog.station-table th:nth-child(3)').getAttribute('aria-sort');")
            .await?;
        ensure!(sort == json!("ascending"), "aria-sort is {sort}");
        let coldest = temps.iter().cloned().fold(f64::INFINITY, f64::min);
        let first = p.text("dialog.station-table tbody tr td.num").await?;
        let shown: f64 = first
            .trim_end_matches('℃')
            .replace('\u{2212}', "-")
            .parse()
            .map_err(|_| format!("unreadable temperature {first:?}"))?;
        ensure!(
            (shown - coldest).abs() < 0.05,
            "first row {shown}, coldest is {coldest}"
        );
        p.click("dialog.station-table th:nth-child(3) .sort-button")
            .await?;
        let sort = p
            .eval("return document.querySelector('dialog.station-table th:nth-child(3)').getAttribute('aria-sort');")
            .await?;
        ensure!(
            sort == json!("descending"),
            "second click gives aria-sort {sort}"
        );
        // Esc closes the dialog and focus returns to the button that opened it.
        p.press(ESCAPE).await?;
        p.wait_until(
            "!document.querySelector('dialog.station-table').open",
            "Esc closes the table",
        )
        .await?;
        p.wait_until(
            "document.activeElement && document.activeElement.classList.contains('ticker__all')",
            "focus back on 전체 보기",
        )
        .await?;
        Ok(())
    })
}

fn ticker_skips_bad_entries(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        ctx.server.set_override(
            "/api/weather.json",
            Canned::json(
                200,
                r#"{"provider":"기상청","observed_at":"2025-12-24T15:00:00+09:00","stations":[
                    {"name":"서울","condition":"구름많음","temperature_c":3.4},
                    {"name":"","condition":"흐림","temperature_c":1.5},
                    {"condition":"비","temperature_c":7.9},
                    {"name":"부산","condition":"비","temperature_c":"9.7"},
                    {"name":"<img src=x onerror=alert(1)>","condition":"우박","temperature_c":-3.25}
                ]}"#,
            ),
        );
        p.goto(&ctx.server.url("/")).await?;
        p.find(".ticker__item").await?;
        let names = p
            .eval("return [...document.querySelectorAll('.ticker__track:not(.ticker__track--copy) .ticker__station')].map(e => e.textContent);")
            .await?;
        ensure!(
            names == json!(["서울", "<img src=x onerror=alert(1)>"]),
            "stations shown: {names}"
        );
        ensure!(
            p.find_all(".ticker img").await?.is_empty(),
            "a station name was interpreted as HTML"
        );
        let temps = p
            .eval("return [...document.querySelectorAll('.ticker__track:not(.ticker__track--copy) .ticker__temp')].map(e => e.textContent);")
            .await?;
        ensure!(
            temps == json!(["3.4℃", "\u{2212}3.3℃"]),
            "temperatures shown: {temps}"
        );
        // Each icon shows its own part of the pictogram strip: 구름많음 is
        // the third of 14, the unknown word gets the last.
        let icons = p
            .eval(
                "return [...document.querySelectorAll('.ticker__track:not(.ticker__track--copy) .wx-icon')].map(e => {
                   const s = getComputedStyle(e);
                   const v = s.backgroundPositionX;
                   const n = parseFloat(v.replace(/^calc\\(/, ''));
                   const step = v.includes('%') ? n * 13 / 100 : -n / e.getBoundingClientRect().width;
                   return [e.className, Math.round(step * 100) / 100, s.backgroundImage.includes('weather-icons.svg')];
                 });",
            )
            .await?;
        ensure!(
            icons
                == json!([
                    ["wx-icon wx-mostly", 2, true],
                    ["wx-icon wx-unknown", 13, true]
                ]),
            "icons: {icons}"
        );

        ctx.server
            .set_override("/api/weather.json", Canned::json(200, r#"{"stations":[]}"#));
        p.refresh().await?;
        // The prerendered page says it is loading until the feed answers.
        p.wait_until(
            "document.querySelector('.ticker__empty:not([aria-busy])')",
            "the empty feed to be reported",
        )
        .await?;
        let empty = p.text(".ticker__empty").await?;
        // Only that, and when it was last tried.
        ensure!(
            empty.starts_with("날씨 정보가 없습니다 (") && empty.ends_with(" 확인)"),
            "empty ticker says {empty:?}"
        );
        let meta = p
            .eval("return document.querySelector('.ticker__meta').textContent")
            .await?;
        ensure!(meta == json!(""), "empty ticker's meta line: {meta}");
        // The rest of the page still works.
        p.find(".card__title a").await?;
        Ok(())
    })
}

fn reduced_motion_gives_a_static_list(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/")).await?;
        p.find(".ticker__item").await?;
        p.wait_until(
            "document.querySelector('.ticker__belt[data-rolling]')",
            "the belt to be set up",
        )
        .await?;
        let reduce = p
            .eval("return matchMedia('(prefers-reduced-motion: reduce)').matches;")
            .await?;
        ensure!(
            reduce == json!(true),
            "browser did not report reduced motion"
        );
        let style = p
            .eval(
                "const b = getComputedStyle(document.querySelector('.ticker__belt'));
                 const v = getComputedStyle(document.querySelector('.ticker__viewport'));
                 const c = getComputedStyle(document.querySelector('.ticker__track--copy'));
                 return [b.animationName, v.overflowX, c.display];",
            )
            .await?;
        ensure!(
            style == json!(["none", "auto", "none"]),
            "reduced-motion styles: {style}"
        );
        Ok(())
    })
}

fn phone_layout_fits_the_screen(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        // The emulated phone (390px), then the narrowest common one (320px).
        for (width, path) in [
            (390, "/"),
            (390, "/article/1203"),
            (320, "/"),
            (320, "/article/1203"),
        ] {
            if width == 320 && ctx.engine != Engine::Chromium {
                // Only Chromium can narrow its emulated phone further.
                continue;
            }
            if width == 320 {
                p.cdp(
                    "Emulation.setDeviceMetricsOverride",
                    json!({"width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": true}),
                )
                .await?;
            }
            let path = &format!("{path}?w={width}");
            p.goto(&ctx.server.url(path)).await?;
            p.find(".ticker__item").await?;
            p.find(".card, .story__title").await?;
            let fits = p
                .eval("return document.documentElement.scrollWidth <= window.innerWidth;")
                .await?;
            ensure!(
                fits == json!(true),
                "{path}: page scrolls sideways on a phone"
            );
            let toggle = p
                .eval(
                    "const r = document.querySelector('.ticker__toggle').getBoundingClientRect();
                     const v = document.querySelector('.ticker__viewport').getBoundingClientRect();
                     const item = document.querySelector('.ticker__item');
                     return [r.width >= 44 && r.height >= 44, r.right <= innerWidth, v.height,
                             parseFloat(getComputedStyle(item).fontSize)];",
                )
                .await?;
            ensure!(
                toggle[0] == json!(true),
                "{path}: pause button smaller than 44px"
            );
            ensure!(toggle[1] == json!(true), "{path}: pause button off screen");
            let line = toggle[2].as_f64().unwrap_or(0.0);
            ensure!(
                line > 0.0 && line < 60.0,
                "{path}: ticker is not one line ({line}px)"
            );
            let size = toggle[3].as_f64().unwrap_or(0.0);
            ensure!(
                size >= 13.0,
                "{path}: ticker text is {size}px, too small to read"
            );
        }
        Ok(())
    })
}

fn screenshots(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        for (name, path, ready) in [
            ("home", "/", ".card"),
            ("article", "/article/1201", ".story__title"),
        ] {
            p.goto(&ctx.server.url(path)).await?;
            p.find(ready).await?;
            p.find(".ticker__item").await?;
            let file = ctx
                .shots
                .join(format!("{}-{name}.png", ctx.viewport.label()));
            p.screenshot(&file).await?;
        }
        Ok(())
    })
}

fn main() {
    let dist = dist();
    if !dist.join("index.html").is_file() {
        eprintln!(
            "{} has no index.html: run `trunk build --release` first",
            dist.display()
        );
        std::process::exit(2);
    }
    let shots_root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    let journey = Spec::new;
    let mut journeys = vec![
        journey("home_links_to_an_article", BOTH, home_links_to_an_article),
        journey("deep_link_survives_reload", BOTH, deep_link_survives_reload),
        journey(
            "unknown_route_shows_not_found",
            DESKTOP,
            unknown_route_shows_not_found,
        ),
        journey("more_button_appends", DESKTOP, more_button_appends),
        journey(
            "ticker_shows_stations_and_pauses",
            DESKTOP,
            ticker_shows_stations_and_pauses,
        ),
        journey("all_stations_table_sorts", BOTH, all_stations_table_sorts),
        journey(
            "ticker_skips_bad_entries",
            DESKTOP,
            ticker_skips_bad_entries,
        ),
        journey(
            "reduced_motion_gives_a_static_list",
            DESKTOP,
            reduced_motion_gives_a_static_list,
        )
        .emulate(&[Emulation::ReducedMotion]),
        journey(
            "phone_layout_fits_the_screen",
            PHONE,
            phone_layout_fits_the_screen,
        ),
        journey("screenshots", BOTH, screenshots),
    ];
    journeys.extend(ticker::journeys());
    journeys.extend(article::journeys());
    journeys.extend(notices::journeys());
    journeys.extend(hostile::journeys());
    journeys.extend(accessibility::journeys());
    journeys.extend(previews::journeys());
    // A site synced from Gnuboard5 (scripts/mariadb-check.sh --journeys)
    // runs its own journeys instead of the sample data's.
    if std::env::var_os("E2E_SYNCED").is_some() {
        journeys = synced::journeys();
    }
    // `E2E_ENGINES=chromium,firefox` runs some engines only (default: all three).
    let engines: Vec<Engine> = match std::env::var("E2E_ENGINES") {
        Ok(list) => list.split(',').filter_map(Engine::from_label).collect(),
        Err(_) => Engine::ALL.to_vec(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let mut results = Vec::new();
    for engine in engines {
        let shots = shots_root.join(engine.label());
        if let Err(e) = std::fs::create_dir_all(&shots) {
            eprintln!("cannot create {}: {e}", shots.display());
            std::process::exit(2);
        }
        let summary = runtime.block_on(run_engine(engine, &dist, &shots, &journeys));
        results.push((engine, summary));
    }
    println!(
        "\nscreenshots: {}",
        shots_root.canonicalize().unwrap_or(shots_root).display()
    );
    let (mut passed, mut failed) = (0, 0);
    for (engine, summary) in &results {
        for why in &summary.unsupported {
            println!("not supported in {}: {why}", engine.label());
        }
    }
    for (engine, summary) in &results {
        println!("{}", summary.line(*engine));
        passed += summary.passed;
        failed += summary.failed;
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
