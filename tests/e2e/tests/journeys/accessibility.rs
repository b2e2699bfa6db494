//! Accessibility: an axe-core audit of every page and open layer, a
//! keyboard-only journey with a visible focus indicator at every step, and
//! the home page at 200% text size and at 400% zoom.

use e2e::browser::{Engine, Page, Viewport, ENTER, ESCAPE, SHIFT_TAB, TAB};
use e2e::ensure;
use e2e::runner::{Ctx, Spec, Steps, NEEDS_CDP};
use serde_json::{json, Value};
use std::path::PathBuf;

const BOTH: &[Viewport] = &[Viewport::Desktop, Viewport::Phone];
const DESKTOP: &[Viewport] = &[Viewport::Desktop];

pub fn journeys() -> Vec<Spec> {
    vec![
        Spec::new(
            "axe_finds_no_serious_violations",
            BOTH,
            axe_finds_no_serious_violations,
        )
        .notices(),
        Spec::new("keyboard_only_reader", DESKTOP, keyboard_only_reader),
        Spec::new(
            "home_reads_at_200_percent_text_size",
            DESKTOP,
            home_reads_at_200_percent_text_size,
        ),
        Spec::new(
            "home_reflows_at_400_percent_zoom",
            DESKTOP,
            home_reflows_at_400_percent_zoom,
        )
        .not_in(&[(Engine::Firefox, NEEDS_CDP), (Engine::WebKit, NEEDS_CDP)]),
    ]
}

/// The home page with its list and the weather in.
async fn open_home(ctx: &Ctx) -> Result<(), String> {
    ctx.page.goto(&ctx.server.url("/")).await?;
    ctx.page.find(".home .card").await?;
    ctx.page.find(".ticker__item").await.map(drop)
}

/// WCAG 1.4.12's text spacing, applied over the page's own styles (a
/// constructed style sheet, which the page's Content-Security-Policy lets a
/// reader's tool add).
const TEXT_SPACING: &str = "const sheet = new CSSStyleSheet();
    sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                          word-spacing: 0.16em !important; }
                       p { margin-bottom: 2em !important; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];";

/// The page scrolls only vertically, and no text is cut off by a box
/// that hides its overflow (the rolling ticker's window, visually hidden
/// labels and the list's summaries, clamped to two whole lines with an
/// ellipsis, excepted).
async fn reads_without_loss(p: &Page, what: &str) -> Result<(), String> {
    let found = p
        .eval(
            "const root = document.documentElement;
             const clipped = [...document.querySelectorAll('body *')].filter(el => {
               if (el.closest('.ticker__viewport, dialog:not([open]), [hidden]')) return false;
               const s = getComputedStyle(el);
               const hides = v => v === 'hidden' || v === 'clip';
               if (!hides(s.overflowX) && !hides(s.overflowY)) return false;
               if (s.display === 'none' || el.clientWidth <= 1 || !el.textContent.trim()) return false;
               // A teaser clamped to whole lines, ending in an ellipsis, by
               // design (the story has the full text).
               if (s.webkitLineClamp && s.webkitLineClamp !== 'none') return false;
               return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
             }).map(el => el.className || el.tagName);
             return {overflow: root.scrollWidth - root.clientWidth, width: root.clientWidth, clipped};",
        )
        .await?;
    ensure!(
        found["overflow"].as_f64().is_some_and(|o| o <= 1.0),
        "{what}: the page scrolls sideways: {found}"
    );
    ensure!(
        found["clipped"] == json!([]),
        "{what}: text cut off: {found}"
    );
    Ok(())
}

/// Text resized to 200% (WCAG 1.4.4) with 1.4.12's spacing: nothing is
/// lost and axe finds nothing serious.
fn home_reads_at_200_percent_text_size(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let axe = axe_source()?;
        open_home(ctx).await?;
        p.eval(&format!(
            "document.documentElement.style.fontSize = '200%'; {TEXT_SPACING}"
        ))
        .await?;
        reads_without_loss(p, "/ at 200% text size").await?;
        audit(p, &axe, "/ at 200% text size").await?;
        Ok(())
    })
}

/// 400% zoom of a 1280 px window: 320 CSS px (WCAG 1.4.10 reflow), with
/// 1.4.12's spacing.
fn home_reflows_at_400_percent_zoom(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let axe = axe_source()?;
        p.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 320, "height": 200, "deviceScaleFactor": 4, "mobile": false}),
        )
        .await?;
        open_home(ctx).await?;
        ensure!(
            p.eval("return window.innerWidth").await? == json!(320),
            "not 320 CSS px wide: {}",
            p.eval("return [window.innerWidth, document.documentElement.clientWidth]")
                .await?
        );
        p.eval(TEXT_SPACING).await?;
        let result = async {
            reads_without_loss(p, "/ at 400% zoom").await?;
            audit(p, &axe, "/ at 400% zoom").await
        }
        .await;
        p.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
            .await?;
        result
    })
}

/// axe-core's browser build: `$AXE_JS`, else the copy the bootstrap installs.
fn axe_source() -> Result<String, String> {
    let path = std::env::var_os("AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default();
            std::env::var_os("GAZETTE_TOOLS")
                .map(PathBuf::from)
                .unwrap_or_else(|| home.join(".cache/gazette-tools"))
                .join("node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).map_err(|e| format!("axe-core at {}: {e}", path.display()))
}

/// Runs axe on the page as it is now; fails on serious or critical
/// violations, listing every violation found.
async fn audit(p: &Page, axe: &str, what: &str) -> Result<(), String> {
    let loaded = p.eval("return typeof window.axe === 'object'").await?;
    if loaded != json!(true) {
        p.eval(axe).await?;
    }
    let violations = p
        .client
        .execute_async(
            "const done = arguments[0];
             axe.run(document, {
               runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
               resultTypes: ['violations'],
             }).then(r => done(r.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
             }))), e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
            vec![],
        )
        .await
        .map_err(|e| format!("axe on {what}: {e}"))?;
    let list = violations.as_array().cloned().unwrap_or_default();
    for v in &list {
        println!(
            "    axe {what}: {} ({}) {} {}",
            v["id"].as_str().unwrap_or(""),
            v["impact"].as_str().unwrap_or(""),
            v["help"].as_str().unwrap_or(""),
            v["nodes"]
        );
    }
    let serious: Vec<&Value> = list
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .collect();
    ensure!(
        serious.is_empty(),
        "{what}: {} serious or critical violation(s): {}",
        serious.len(),
        serious
            .iter()
            .map(|v| v["id"].as_str().unwrap_or("?"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}

fn axe_finds_no_serious_violations(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        let axe = axe_source()?;
        // Home, with the notice dialog open over it.
        open_home(ctx).await?;
        p.wait_until(
            "document.querySelector('dialog.notice-layer[open]')",
            "the notice dialog",
        )
        .await?;
        audit(p, &axe, "the notice dialog").await?;
        p.press(ESCAPE).await?;
        p.wait_until(
            "!document.querySelector('dialog[open]')",
            "the dialog to close",
        )
        .await?;
        audit(p, &axe, "/").await?;
        // The all-stations table.
        p.click(".ticker__all").await?;
        p.wait_until(
            "document.querySelector('dialog.station-table[open]')",
            "the stations table",
        )
        .await?;
        audit(p, &axe, "the all-stations table").await?;
        p.press(ESCAPE).await?;
        // An article, then with its share panel open.
        p.eval("document.querySelector('dialog[open]')?.close()")
            .await?;
        p.goto(&ctx.server.url("/article/1201")).await?;
        p.find(".story__title").await?;
        // The notice opens again on this page view (Esc only closed it for
        // the last one): wait for it, then close it.
        p.wait_until(
            "document.querySelector('dialog.notice-layer[open]')",
            "the notice on the article",
        )
        .await?;
        p.press(ESCAPE).await?;
        p.wait_until(
            "!document.querySelector('dialog[open]')",
            "the notice to close",
        )
        .await?;
        audit(p, &axe, "/article/1201").await?;
        p.click(".share__toggle").await?;
        p.wait_until(
            "!document.getElementById('share-panel').hidden",
            "the share panel",
        )
        .await?;
        audit(p, &axe, "the share panel").await?;
        Ok(())
    })
}

/// Where focus is, and whether a reader can see it.
async fn focus_state(p: &Page) -> Result<Value, String> {
    p.eval(
        "const el = document.activeElement;
         if (!el || el === document.body) return {name: 'body', visible: false, ring: false};
         const cs = getComputedStyle(el);
         const r = el.getBoundingClientRect();
         const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2)
           || (cs.boxShadow && cs.boxShadow !== 'none');
         return {
           name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
             + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(' ').filter(Boolean).join('.') : '')
             + '@' + [...document.querySelectorAll('*')].indexOf(el),
           visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
             && r.right > 0 && r.left < innerWidth,
           ring: !!ring,
         };",
    )
    .await
}

/// Presses `key` and checks that focus moved to a visible, ringed element.
async fn step(p: &Page, key: &str, what: &str) -> Result<String, String> {
    let before = focus_state(p).await?;
    p.press(key).await?;
    let after = focus_state(p).await?;
    ensure!(
        after["name"] != before["name"],
        "{what}: focus did not move from {before}"
    );
    ensure!(
        after["visible"] == json!(true),
        "{what}: the focused element is off screen: {after}"
    );
    ensure!(
        after["ring"] == json!(true),
        "{what}: no visible focus indicator on {after}"
    );
    Ok(after["name"].as_str().unwrap_or("").to_owned())
}

/// Tabs forward until the focused element matches `css` (at most `limit`).
async fn tab_to(p: &Page, css: &str, limit: usize) -> Result<(), String> {
    for _ in 0..limit {
        step(p, TAB, &format!("tabbing to {css}")).await?;
        let here = p
            .js(
                "return document.activeElement.matches(arguments[0])",
                vec![json!(css)],
            )
            .await?;
        if here == json!(true) {
            return Ok(());
        }
    }
    Err(format!("{css} not reached in {limit} Tab presses"))
}

fn keyboard_only_reader(ctx: &Ctx) -> Steps<'_> {
    Box::pin(async move {
        let p = &ctx.page;
        open_home(ctx).await?;
        // The first Tab reaches the skip link, shown when focused.
        let first = step(p, TAB, "first Tab").await?;
        ensure!(
            first.starts_with("a.skip-link"),
            "first Tab lands on {first}, not the skip link"
        );
        p.press(ENTER).await?;
        p.wait_until(
            "document.activeElement.id === 'main'",
            "the skip link to move focus to the content",
        )
        .await?;
        // Back at the top: pause the ticker with the keyboard.
        p.eval("document.activeElement.blur(); window.scrollTo(0, 0)")
            .await?;
        p.goto(&ctx.server.url("/")).await?;
        p.find(".ticker__item").await?;
        tab_to(p, ".ticker__toggle", 6).await?;
        p.press(ENTER).await?;
        p.wait_until(
            "document.querySelector('.ticker__toggle').getAttribute('aria-pressed') === 'true'",
            "Enter to pause the ticker",
        )
        .await?;
        // The notice centre opens from its header button; Esc closes it and
        // focus comes back to the button.
        step(p, SHIFT_TAB, "Shift+Tab to the notice centre button").await?;
        let on_button = p
            .eval("return document.activeElement.classList.contains('notice-button')")
            .await?;
        ensure!(
            on_button == json!(true),
            "Shift+Tab from the ticker did not reach the notice centre button"
        );
        let opener = p.eval("return document.activeElement.className").await?;
        p.press(ENTER).await?;
        p.wait_until(
            "document.querySelector('dialog.notice-centre[open]')",
            "the notice centre",
        )
        .await?;
        let inside = focus_state(p).await?;
        ensure!(
            inside["visible"] == json!(true),
            "focus not visible in the centre: {inside}"
        );
        p.press(ESCAPE).await?;
        p.wait_until(
            "!document.querySelector('dialog.notice-centre[open]')",
            "Esc to close the centre",
        )
        .await?;
        let back = p.eval("return document.activeElement.className").await?;
        ensure!(back == opener, "focus went to {back}, not back to {opener}");
        // On a story: reach the share control and copy the link.
        p.goto(&ctx.server.url("/article/1201")).await?;
        p.find(".story__title").await?;
        tab_to(p, ".share__toggle", 30).await?;
        p.press(ENTER).await?;
        p.wait_until(
            "!document.getElementById('share-panel').hidden",
            "the share panel",
        )
        .await?;
        tab_to(p, ".share__copy", 3).await?;
        p.press(ENTER).await?;
        p.wait_until(
            "document.querySelector('.share__status').textContent.includes('복사')",
            "the copy announcement",
        )
        .await?;
        let status = p.text(".share__status").await?;
        println!("    keyboard copy in {}: {status}", ctx.engine.label());
        Ok(())
    })
}
