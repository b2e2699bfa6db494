//! The release build serving a newsroom synced from Gnuboard5: documents
//! written by `gazette-sync gnuboard` from the seeded MariaDB
//! (`sync/tests/gnuboard/seed.sql`) and pages published by `xtask
//! publish`, with `gnuboard-boards` set to `news,photo`. Run by
//! `scripts/mariadb-check.sh --journeys` (`E2E_SYNCED=1`), which makes that
//! site; the sample-data journeys do not run against it.

use super::BOTH;
use e2e::browser::{Viewport, ESCAPE};
use e2e::ensure;
use e2e::runner::{Ctx, Spec, Steps};
use serde_json::json;

const LAYER_OPEN: &str = "document.querySelector('dialog.notice-layer')?.open === true";
const LAYER_CLOSED: &str = "document.querySelector('dialog.notice-layer')?.open === false";
const SNOOZES: &str = "gazette.notice-snoozes";

pub fn journeys() -> Vec<Spec> {
    vec![Spec::new(
        "a_newsroom_synced_from_gnuboard",
        BOTH,
        a_newsroom_synced_from_gnuboard,
    )
    .notices()]
}

async fn layer_title(ctx: &Ctx) -> Result<String, String> {
    ctx.page.text("#notice-layer-title").await
}

/// Waits until the page is the article `id` with headline `title`.
async fn lands_on(ctx: &Ctx, id: &str, title: &str) -> Result<(), String> {
    let p = &ctx.page;
    p.wait_until(
        &format!("location.pathname === '/article/{id}'"),
        &format!("the old link leads to /article/{id}"),
    )
    .await?;
    p.wait_until(
        &format!(
            "document.querySelector('h1')?.textContent === {}",
            json!(title)
        ),
        "the synced story is shown",
    )
    .await
}

fn a_newsroom_synced_from_gnuboard(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        // 2025-12-24 12:00:00 KST, when the seeded popups are judged.
        ctx.server.set_meta("clock", "2025-12-24T12:00:00+09:00");
        p.goto(&ctx.server.url("/")).await?;
        p.wait_until(LAYER_OPEN, "the popups open on load").await?;
        // Gnuboard's popups for this layout only, the one ending this very
        // second included; the expired, shop-only and endless ones not.
        let mut titles = vec![layer_title(ctx).await?];
        while p
            .eval("return document.querySelector('.notice-layer__page[data-step=next]').getAttribute('aria-disabled') === 'false';")
            .await?
            == json!(true)
        {
            p.click(".notice-layer__page[data-step=next]").await?;
            titles.push(layer_title(ctx).await?);
        }
        let only_here = match ctx.viewport {
            Viewport::Desktop => "PC 화면 전용 안내",
            Viewport::Phone => "모바일 전용 안내",
        };
        ensure!(
            titles == ["연말연시 휴간 안내", only_here, "지금 끝나는 안내"],
            "popups shown: {titles:?}"
        );
        // nw_disable_hours: "24시간 동안 보지 않기" hides it for 24 hours.
        while layer_title(ctx).await? != "연말연시 휴간 안내" {
            p.click(".notice-layer__page[data-step=previous]").await?;
        }
        let button = p.text(".notice-layer__snooze").await?;
        ensure!(
            button == "24시간 동안 보지 않기",
            "snooze button reads {button:?}"
        );
        p.click(".notice-layer__snooze").await?;
        let until = p
            .js(
                "return JSON.parse(localStorage.getItem(arguments[0])).snoozes[0].until;",
                vec![json!(SNOOZES)],
            )
            .await?;
        // The page's clock started at noon and has run a few seconds since.
        let hidden_for = until.as_i64().unwrap_or_default() - 1_766_545_200;
        ensure!(
            (24 * 3600..24 * 3600 + 60).contains(&hidden_for),
            "snoozed until {until}: {hidden_for} s"
        );
        p.press(ESCAPE).await?;
        p.wait_until(LAYER_CLOSED, "Esc closes the layer").await?;
        // The home page lists the database's posts, newest first.
        let first = p.text(".card__title a").await?;
        ensure!(
            first == "편집기 HTML이 위험한 기사",
            "first card: {first:?}"
        );
        // Old links of both boards reach the synced stories.
        p.goto(&ctx.server.url("/bbs/board.php?bo_table=news&wr_id=1"))
            .await?;
        lands_on(
            ctx,
            "news-1",
            "영광군, 사회적경제기업 제품 구매 설명회 개최",
        )
        .await?;
        let credit = p.text(".story").await?;
        ensure!(
            credit.contains("전시 부스를 둘러보는 참석자들"),
            "the attachment's caption is shown"
        );
        ensure!(
            !credit.contains(".jpg"),
            "a file name shown as a caption: {credit}"
        );
        p.goto(&ctx.server.url("/photo/1")).await?;
        lands_on(ctx, "photo-1", "[포토] 소금밭의 겨울").await?;
        p.screenshot(&ctx.shots.join(format!(
            "{}-synced-article.png",
            match ctx.viewport {
                Viewport::Desktop => "desktop",
                Viewport::Phone => "phone",
            }
        )))
        .await?;
        Ok(())
    })
}
