//! What readers do, end to end: the release build (`dist/`, made by
//! `trunk build --release`) served over HTTP and driven in a real browser
//! over W3C WebDriver.

use e2e::browser::{Driver, Viewport};
use e2e::ensure;
use e2e::runner::{run_all, Ctx, Journey, Outcome};
use serde_json::{json, Value};
use std::path::PathBuf;

const DESKTOP: &[Viewport] = &[Viewport::Desktop];
const BOTH: &[Viewport] = &[Viewport::Desktop, Viewport::Phone];

fn dist() -> PathBuf {
    std::env::var_os("DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist"))
}

/// Reads a sample-backend document from the build output, so expectations
/// come from the data the app is served rather than from copies of it.
fn sample(path: &str) -> Value {
    let text = std::fs::read_to_string(dist().join("api").join(path))
        .unwrap_or_else(|e| panic!("sample data {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("sample data {path}: {e}"))
}

fn home_links_to_an_article(
    ctx: &Ctx,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + '_>> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/")).await?;
        let link = p.find(".card__title a").await?;
        let headline = link.text().await.map_err(|e| e.to_string())?;
        let href = link
            .attr("href")
            .await
            .map_err(|e| e.to_string())?
            .unwrap_or_default();
        ensure!(href.starts_with("/article/"), "card links to {href:?}");
        link.click().await.map_err(|e| e.to_string())?;
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

fn deep_link_survives_reload(
    ctx: &Ctx,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + '_>> {
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

fn unknown_route_shows_not_found(
    ctx: &Ctx,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + '_>> {
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

fn more_button_appends(
    ctx: &Ctx,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + '_>> {
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

fn ticker_shows_stations_and_pauses(
    ctx: &Ctx,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + '_>> {
    Box::pin(async move {
        let p = &ctx.page;
        let stations = sample("weather.json")["stations"]
            .as_array()
            .map_or(0, Vec::len);
        p.goto(&ctx.server.url("/")).await?;
        p.find(".ticker__item").await?;
        let shown = p
            .find_all(".ticker__track:not(.ticker__track--copy) .ticker__item")
            .await?
            .len();
        ensure!(
            shown == stations,
            "ticker lists {shown} stations, sample has {stations}"
        );
        let copy_hidden = p
            .js("return document.querySelector('.ticker__track--copy').getAttribute('aria-hidden');", vec![])
            .await?;
        ensure!(
            copy_hidden == json!("true"),
            "duplicate track must be aria-hidden"
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

fn screenshots(ctx: &Ctx) -> std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + '_>> {
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
    let shots =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots/chromium");
    if let Err(e) = std::fs::create_dir_all(&shots) {
        eprintln!("cannot create {}: {e}", shots.display());
        std::process::exit(2);
    }
    let journeys: &[(&str, &[Viewport], Journey)] = &[
        ("home_links_to_an_article", BOTH, home_links_to_an_article),
        ("deep_link_survives_reload", BOTH, deep_link_survives_reload),
        (
            "unknown_route_shows_not_found",
            DESKTOP,
            unknown_route_shows_not_found,
        ),
        ("more_button_appends", DESKTOP, more_button_appends),
        (
            "ticker_shows_stations_and_pauses",
            DESKTOP,
            ticker_shows_stations_and_pauses,
        ),
        ("screenshots", BOTH, screenshots),
    ];
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let driver = match Driver::chromium() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            println!("0 passed, 1 failed");
            std::process::exit(1);
        }
    };
    let (passed, failed) = runtime.block_on(run_all("chromium", &driver, &dist, &shots, journeys));
    drop(driver);
    println!(
        "screenshots: {}",
        shots.canonicalize().unwrap_or(shots).display()
    );
    println!("e2e chromium: {passed} passed, {failed} failed");
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
