//! The date line and ticker over time: midnight roll-over, failed refreshes,
//! stale data, and a layout that does not move when the weather arrives.

use e2e::browser::Viewport;
use e2e::ensure;
use e2e::runner::{Ctx, Spec, Steps};
use e2e::server::Canned;
use serde_json::json;
use std::time::Duration;

const DESKTOP: &[Viewport] = &[Viewport::Desktop];
const BOTH: &[Viewport] = &[Viewport::Desktop, Viewport::Phone];

pub fn journeys() -> Vec<Spec> {
    vec![
        Spec::new(
            "date_line_rolls_over_at_korean_midnight",
            DESKTOP,
            date_line_rolls_over_at_korean_midnight,
        ),
        Spec::new(
            "failed_refresh_keeps_the_last_good_data",
            DESKTOP,
            failed_refresh_keeps_the_last_good_data,
        ),
        Spec::new(
            "a_good_refresh_shows_the_new_figures",
            DESKTOP,
            a_good_refresh_shows_the_new_figures,
        ),
        Spec::new(
            "old_observations_are_marked_stale",
            DESKTOP,
            old_observations_are_marked_stale,
        ),
        Spec::new(
            "late_weather_moves_nothing",
            BOTH,
            late_weather_moves_nothing,
        ),
        Spec::new("weather_icons_are_painted", BOTH, weather_icons_are_painted),
    ]
}

/// The pictogram before each station is really drawn (the sprite is
/// found, allowed by the policy and placed): in a screenshot of the paused
/// ticker, the first station's icon box holds pixels of more than one
/// colour. (The review screenshots are taken as soon as the ticker has
/// items; WebKit's can show the icons not yet painted.)
fn weather_icons_are_painted(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        p.goto(&ctx.server.url("/")).await?;
        p.wait_until(
            "document.querySelector('.ticker__belt[data-rolling]')",
            "the belt to roll",
        )
        .await?;
        p.eval("document.querySelector('.ticker__toggle').click();")
            .await?;
        p.wait_until(
            "getComputedStyle(document.querySelector('.ticker__belt')).animationPlayState === 'paused'",
            "the ticker to pause",
        )
        .await?;
        // The icon's box in screenshot pixels: the first icon wholly inside
        // the ticker's window.
        let rect = p
            .eval(
                "const v = document.querySelector('.ticker__viewport').getBoundingClientRect();
                 const r = [...document.querySelectorAll('.ticker__item .wx-icon')].map(i => i.getBoundingClientRect())
                   .find(r => r.left >= v.left && r.right <= v.right && r.width > 0);
                 const k = devicePixelRatio;
                 return r && [Math.ceil(r.left * k), Math.ceil(r.top * k), Math.floor(r.width * k), Math.floor(r.height * k)];",
            )
            .await?;
        ensure!(
            rect.is_array(),
            "no weather icon inside the ticker's window"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = p.client.screenshot().await.map_err(|e| e.to_string())?;
        // Decoded by the page itself (from bytes, so the policy's img-src
        // does not apply): how many of the box's pixels differ clearly from
        // its most common colour, the background.
        let painted = p
            .client
            .execute_async(
                "const [bytes, [x, y, w, h], done] = arguments;
                 createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' })).then((bitmap) => {
                   const canvas = document.createElement('canvas');
                   canvas.width = bitmap.width; canvas.height = bitmap.height;
                   const g = canvas.getContext('2d');
                   g.drawImage(bitmap, 0, 0);
                   const d = g.getImageData(x, y, w, h).data;
                   const count = new Map();
                   for (let i = 0; i < d.length; i += 4) {
                     const c = d[i] << 16 | d[i + 1] << 8 | d[i + 2];
                     count.set(c, (count.get(c) || 0) + 1);
                   }
                   const bg = [...count].sort((a, b) => b[1] - a[1])[0][0];
                   let differ = 0;
                   for (let i = 0; i < d.length; i += 4) {
                     const diff = Math.abs(d[i] - (bg >> 16)) + Math.abs(d[i + 1] - (bg >> 8 & 255)) + Math.abs(d[i + 2] - (bg & 255));
                     if (diff > 60) differ++;
                   }
                   done(differ / (w * h));
                 }, (e) => done(String(e)));",
                vec![json!(png), rect.clone()],
            )
            .await
            .map_err(|e| e.to_string())?;
        let share = painted
            .as_f64()
            .ok_or(format!("decoding the screenshot: {painted}"))?;
        ensure!(
            share > 0.1,
            "the weather icon at {rect} is blank ({:.1}% of its pixels drawn)",
            share * 100.0
        );
        Ok(())
    })
}

fn date_line_rolls_over_at_korean_midnight(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        // 14:59:57 UTC: still the 24th in Korea, five seconds from the 25th.
        ctx.server.set_meta("clock", "2025-12-24T14:59:55Z");
        p.goto(&ctx.server.url("/")).await?;
        let before = p.text(".date-line time").await?;
        ensure!(
            before == "2025.12.24 (수)",
            "before midnight the date is {before:?}"
        );
        p.wait_until(
            "document.querySelector('.date-line time').textContent === '2025.12.25 (목)'
             && document.querySelector('.date-line time').getAttribute('datetime') === '2025-12-25'",
            "the date to roll over at 00:00 KST",
        )
        .await?;
        Ok(())
    })
}

/// The home page with the weather refreshed every 1.5 s, once the whole
/// list is on the belt.
async fn home_refreshing_often(ctx: &Ctx) -> Result<(), String> {
    ctx.server.set_meta("weather-refresh-ms", "1500");
    ctx.server.set_meta("clock", "2025-12-24T15:20:00+09:00");
    ctx.page.goto(&ctx.server.url("/")).await?;
    ctx.page
        .wait_until(
            "document.querySelector('.ticker__belt[data-rolling]')",
            "the whole list on the belt",
        )
        .await
}

fn failed_refresh_keeps_the_last_good_data(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        home_refreshing_often(ctx).await?;
        let count = "document.querySelectorAll('.ticker__track:not(.ticker__track--copy) .ticker__item').length";
        let before = p.eval(&format!("return {count}")).await?;
        ensure!(
            p.find_all(".ticker__flag").await?.is_empty(),
            "fresh data carries a warning flag"
        );
        // The backend starts failing; the next refreshes fail.
        ctx.server
            .set_override("/api/weather.json", Canned::json(503, "{}"));
        p.wait_until(
            "[...document.querySelectorAll('.ticker__flag')].some(f => f.textContent === '갱신 실패')",
            "the 갱신 실패 note",
        )
        .await?;
        let after = p.eval(&format!("return {count}")).await?;
        ensure!(
            after == before,
            "stations changed from {before} to {after} on a failed refresh"
        );
        ensure!(
            p.text(".ticker__observed").await? == "15:00 관측",
            "the observation time of the last good data is gone"
        );
        // The backend recovers: the notes go away on the next refresh.
        ctx.server.clear_override("/api/weather.json");
        p.wait_until(
            "![...document.querySelectorAll('.ticker__flag')].some(f => f.textContent === '갱신 실패')
             && !document.querySelector('.ticker__offline')",
            "the note to clear after a good refresh",
        )
        .await?;
        Ok(())
    })
}

/// A refresh with the same stations and new figures shows the new figures,
/// on the belt and in the open all-stations table (a list keyed by the
/// station alone would keep the old ones).
fn a_good_refresh_shows_the_new_figures(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        home_refreshing_often(ctx).await?;
        p.click(".ticker__all").await?;
        p.wait_until(
            "document.querySelectorAll('dialog.station-table[open] tbody tr').length > 0",
            "the open table's rows",
        )
        .await?;
        let weather = std::fs::read(super::dist().join("api/weather.json"))
            .map_err(|e| format!("weather.json: {e}"))?;
        let mut weather: serde_json::Value =
            serde_json::from_slice(&weather).map_err(|e| format!("weather.json: {e}"))?;
        let first = weather["stations"][0]["name"].clone();
        for station in weather["stations"]
            .as_array_mut()
            .ok_or("weather.json: no stations")?
        {
            station["temperature_c"] = json!(-12.3);
            station["condition"] = json!("눈");
        }
        ctx.server
            .set_override("/api/weather.json", Canned::json(200, weather.to_string()));
        let belt = format!(
            "[...document.querySelectorAll('.ticker__track:not(.ticker__track--copy) .ticker__item')]
             .find(i => i.querySelector('.ticker__station').textContent === {first})"
        );
        p.wait_until(
            &format!(
                "(() => {{ const i = {belt}; return !!i && i.querySelector('.ticker__temp').textContent === '\u{2212}12.3℃'
                   && i.querySelector('.ticker__condition').textContent === '눈'; }})()"
            ),
            "the belt to show the refreshed figures",
        )
        .await?;
        p.wait_until(
            &format!(
                "[...document.querySelectorAll('dialog.station-table[open] tbody tr')]
                 .some(r => r.querySelector('th').textContent === {first}
                            && r.querySelector('td.num').textContent === '\u{2212}12.3℃')"
            ),
            "the open table to show the refreshed figures",
        )
        .await?;
        Ok(())
    })
}

fn old_observations_are_marked_stale(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let stale = "[...document.querySelectorAll('.ticker__flag')].some(f => f.textContent === '지난 정보')";
        // Observed 15:00: fresh at 17:59, stale after 18:00.
        ctx.server.set_meta("clock", "2025-12-24T17:59:00+09:00");
        p.goto(&ctx.server.url("/")).await?;
        p.find(".ticker__item").await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        ensure!(
            p.eval(&format!("return {stale}")).await? == json!(false),
            "data 2h59m old is marked stale"
        );
        ctx.server.set_meta("clock", "2025-12-24T18:00:01+09:00");
        p.refresh().await?;
        p.find(".ticker__item").await?;
        p.wait_until(stale, "the 지난 정보 flag on 3-hour-old data")
            .await?;
        Ok(())
    })
}

fn late_weather_moves_nothing(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        // The weather arrives well after the articles.
        let weather = std::fs::read(super::dist().join("api/weather.json"))
            .map_err(|e| format!("weather.json: {e}"))?;
        let mut late = Canned::json(200, weather);
        late.delay = Duration::from_millis(1500);
        ctx.server.set_override("/api/weather.json", late);
        p.goto(&ctx.server.url("/")).await?;
        p.eval(
            "window.__shifts = [];
             new PerformanceObserver(l => l.getEntries().forEach(e => window.__shifts.push(
               [e.value, e.startTime, ...e.sources.map(s => [s.node && (s.node.className || s.node.nodeName),
                 JSON.stringify(s.previousRect), JSON.stringify(s.currentRect)])])))
               .observe({type: 'layout-shift', buffered: true});",
        )
        .await?;
        p.find(".card").await?;
        let top = "document.querySelector('.home').getBoundingClientRect().top";
        let before = p.eval(&format!("return {top}")).await?;
        p.find(".ticker__item").await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let after = p.eval(&format!("return {top}")).await?;
        ensure!(
            before == after,
            "the article list moved from {before} to {after}px"
        );
        let shifts = p.eval("return window.__shifts").await?;
        let total: f64 = shifts
            .as_array()
            .map(|a| a.iter().filter_map(|v| v[0].as_f64()).sum())
            .unwrap_or(0.0);
        ensure!(total == 0.0, "cumulative layout shift {total} ({shifts})");
        Ok(())
    })
}
