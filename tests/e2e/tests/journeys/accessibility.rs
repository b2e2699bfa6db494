//! Accessibility: an axe-core audit of every page and open layer, and a
//! keyboard-only journey with a visible focus indicator at every step.

use e2e::browser::{Page, Viewport, ENTER, ESCAPE, SHIFT_TAB, TAB};
use e2e::ensure;
use e2e::runner::{Ctx, Spec, Steps};
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
    ]
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
        p.goto(&ctx.server.url("/")).await?;
        p.find(".home .card").await?;
        p.find(".ticker__item").await?;
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
        p.goto(&ctx.server.url("/")).await?;
        p.find(".home .card").await?;
        p.find(".ticker__item").await?;
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
