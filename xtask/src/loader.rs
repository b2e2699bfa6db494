//! The app starts after the prerendered page has painted.
//!
//! Trunk's loader preloads the wasm from `<head>` and starts the app as soon
//! as it arrives. Every page the build writes is already readable without
//! the app (the prerendered story or list), so the reader is better served
//! when the page paints first, with the network and main thread to itself,
//! and the app loads afterwards and takes over in place. This step replaces
//! Trunk's loader with one that waits for the `load` event, the next frame
//! and (where the engine reports it) the first largest-contentful-paint
//! entry, at most 3 s, and then adds the start module (a small file this
//! step writes, `start-<hash>.js`, loaded with its integrity hash). The
//! start module imports the JS glue (the page's import map gives its
//! integrity hash) and fetches the wasm with the integrity hash Trunk gave
//! its preload link, both at once (Trunk's preload links are removed).
//! Nothing of the app is fetched before that moment, not even the small
//! glue: a request that starts before the page's largest paint is counted
//! by Lighthouse's simulation as something that paint waited for (with an
//! early glue preload, 3 of 7 runs put the article's LCP 100–230 ms later;
//! without it none did, docs/benchmarks.md), and the glue arrives long
//! before the wasm it is fetched next to. The start module compiles the
//! wasm, then lets a task boundary pass before instantiating and running
//! it, so compiling and starting are two shorter main-thread tasks instead
//! of one long one.
//!
//! Why a module file and not an `import()` from the inline loader: the
//! policy (`csp.rs`) trusts scripts through `'strict-dynamic'`, which lets
//! a trusted script add scripts with `createElement` but refuses every
//! fetch the parser started, and an inline module's `import()` counts as
//! one. Trusted Types policies are closed lists of exact values: the
//! loader makes `gazette-loader`, which lets through the start module's URL
//! only, and the start module makes `default` before it imports the app:
//! exactly the HTML of the app's static view parts (read from the wasm,
//! `inert.rs`; tachys builds them through `<template>` elements), script
//! text only when it is JSON (the JSON-LD head tag, which Firefox and WebKit
//! check when it is inserted; JSON run as script does nothing) and Kakao's
//! SDK when the page has a `kakao-app-key` (which is what makes the app
//! offer KakaoTalk sharing). Anything else is refused, and the browser
//! reports it as a violation.
//!
//! The release wasm is built with panics that trap at once (see
//! `scripts/bootstrap.sh`), so the app's panic hook never runs there. A trap
//! reaches JavaScript as a `WebAssembly.RuntimeError`, uncaught in an event
//! handler or rejected in a promise; the loader listens for both (by the
//! error's name, which holds across realms) and reveals
//! the page's "please reload" notice (`#crash`), as the hook does in other
//! builds.

/// The start module (`loader_start.js`) for the JS glue at `js` and the
/// wasm at `wasm` with Subresource Integrity `integrity` (values Trunk's
/// loader was checked to hold: no quotes, backslashes or markup), making
/// the page's `default` Trusted Types policy, which lets through exactly
/// `html` (the app's static view parts, `inert.rs`) and `kakao_sdk`.
pub fn start_module(
    js: &str,
    wasm: &str,
    integrity: &str,
    html: &[String],
    kakao_sdk: &str,
) -> String {
    include_str!("loader_start.js")
        .replace("__GLUE__", js)
        .replace("__WASM__", wasm)
        .replace("__WASM_INTEGRITY__", integrity)
        .replace("__KAKAO_SDK__", kakao_sdk)
        .replace(
            "__INERT_HTML__",
            &serde_json::to_string(html).unwrap_or_else(|_| "[]".into()),
        )
}

/// The inline loader (`loader.js`, its text as the page's script element
/// holds it: from a line break on): adds the start module at `start`
/// (integrity `start_integrity`) once the page has painted, through its own
/// Trusted Types policy that lets through that URL only.
pub fn script(start: &str, start_integrity: &str) -> String {
    include_str!("loader.js")
        .replace("__START__", start)
        .replace("__START_INTEGRITY__", start_integrity)
}

/// The page with its new loader, and the start module it loads.
pub struct Loader {
    pub html: String,
    /// The start module's file name (next to the JS glue in the build).
    pub file: String,
    pub module: String,
}

/// `html` (Trunk's output) with its preload links removed and its loader
/// replaced by [`script`], for the start module, whose Trusted Types
/// policy lets through the static view parts `inert_html` and Kakao's SDK
/// at `kakao_sdk`. Fails, naming what is missing, when Trunk's output does
/// not have the expected shape.
pub fn after_paint(html: &str, kakao_sdk: &str, inert_html: &[String]) -> Result<Loader, String> {
    use sha2::{Digest, Sha256};
    let trunk = crate::rewrite::trunk_loader(html)?;
    if kakao_sdk.contains(['\'', '\\', '\n', '<']) {
        return Err(format!("unexpected characters in script URL {kakao_sdk:?}"));
    }
    let module = start_module(
        &trunk.js,
        &trunk.wasm,
        &trunk.integrity,
        inert_html,
        kakao_sdk,
    );
    let hash: String = Sha256::digest(module.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let file = format!("start-{hash}.js");
    let dir = trunk.js.rsplit_once('/').map_or("", |(dir, _)| dir);
    let url = format!("{dir}/{file}");
    let loader = script(&url, &crate::shrink::integrity(module.as_bytes()));
    let html = crate::rewrite::replace_loader(html, &trunk, &loader)?;
    Ok(Loader { html, file, module })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk 0.21's output, as it appears in `dist/index.html`.
    const TRUNK: &str = r#"<html><head><link rel="stylesheet" href="/main-1.css">
<script type="module">
import init, * as bindings from '/gazette-ab12.js';
const wasm = await init({ module_or_path: '/gazette-ab12_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script>
<link rel="modulepreload" href="/gazette-ab12.js" crossorigin="anonymous" integrity="sha384-js+/="><link rel="preload" href="/gazette-ab12_bg.wasm" crossorigin="anonymous" integrity="sha384-wasm+/=" as="fetch" type="application/wasm"></head><body><div id="app"></div></body></html>"#;

    const KAKAO: &str = "https://t1.kakaocdn.net/sdk.js";

    #[test]
    fn the_start_module_is_added_after_paint_with_its_integrity_hash() {
        let Loader { html, file, module } = after_paint(TRUNK, KAKAO, &[]).unwrap();
        // Its name changes with its text.
        assert!(file.starts_with("start-") && file.len() == "start-0123456789abcdef.js".len());
        let integrity = crate::shrink::integrity(module.as_bytes());
        assert!(html.contains(&format!("module.integrity = '{integrity}';")));
        assert!(html.contains(&format!(
            "module.src = policy ? policy.createScriptURL('/{file}') : '/{file}';"
        )));
        assert!(html.contains("document.head.append(module)"));
        // Nothing of the app is fetched before the page has painted: the
        // loader names neither the glue nor the wasm.
        let loader = &html[html.find("<script type=\"module\">").unwrap()..];
        assert!(!loader.contains("/gazette-ab12"), "{loader}");
        // Only after the page has painted; a start module that is refused
        // shows the notice.
        assert!(html.contains("addEventListener('load'"));
        assert!(html.contains("setTimeout(ready, 3000)"));
        assert!(html.contains("}).then(start);"));
        assert!(html.contains("module.onerror = () => {"));
        // Trunk's preload links are gone: the policy's 'strict-dynamic'
        // refuses what the parser fetches; the glue and the wasm keep their
        // integrity hashes in the import map and the start module.
        assert!(!html.contains("rel=\"preload\""), "{html}");
        assert!(!html.contains("rel=\"modulepreload\""), "{html}");
        assert!(!html.contains("import init"), "{html}");
        let map = html
            .find(r#"<script type="importmap">{"integrity":{"/gazette-ab12.js":"sha384-js+/="}}</script>"#)
            .unwrap();
        assert!(map < html.find("<script type=\"module\">").unwrap());
        assert!(html.starts_with(
            "<html><head><link rel=\"stylesheet\" href=\"/main-1.css\">\n<script type=\"importmap\">"
        ));
        assert!(html.ends_with("</head><body><div id=\"app\"></div></body></html>"));
        // The policy hashes the loader and the import map.
        assert_eq!(crate::rewrite::inline_scripts(&html).len(), 2);
        // A trap in the wasm (uncaught or rejected) reveals the crash notice.
        assert!(html.contains("(event.error ?? event.reason)?.name === 'RuntimeError'"));
        assert!(html.contains("addEventListener('error', crashed)"));
        assert!(html.contains("addEventListener('unhandledrejection', crashed)"));
        assert!(html.contains("getElementById('crash')?.removeAttribute('hidden')"));
        // Trusted Types: the loader's own policy lets through the start
        // module's URL and nothing else; the page's default policy is the
        // start module's.
        assert!(html.contains(&format!(
            "createScriptURL: (url) => url === '/{file}' ? url : null"
        )));
        assert!(html.contains("trustedTypes?.createPolicy('gazette-loader'"));
        assert!(!html.contains("createPolicy('default'"));
    }

    #[test]
    fn the_default_policy_lets_through_exactly_the_static_view_parts() {
        let parts = [
            "<p class=\"a\">기사 '본문'</p>".to_owned(),
            "<br>".to_owned(),
        ];
        let module = after_paint(TRUNK, KAKAO, &parts).unwrap().module;
        assert!(
            module.contains(r#"const html = new Set(["<p class=\"a\">기사 '본문'</p>","<br>"]);"#),
            "{module}"
        );
        assert!(module.contains("createHTML: (text) => html.has(text) ? text : null"));
        assert!(module.contains(&format!("content.trim() ? ['{KAKAO}'] : []")));
        assert!(module.contains("createScriptURL: (url) => scripts.includes(url) ? url : null"));
        // Script text only as JSON (which cannot run).
        assert!(module.contains(
            "createScript: (text) => { try { JSON.parse(text); return text; } catch { return null; } }"
        ));
        // The policy exists before the app's code is imported.
        assert!(module.find("createPolicy('default'").unwrap() < module.find("import('").unwrap());
    }

    #[test]
    fn the_start_module_imports_the_glue_and_fetches_the_wasm_with_integrity() {
        let module = after_paint(TRUNK, KAKAO, &[]).unwrap().module;
        assert!(module.contains("import('/gazette-ab12.js')"));
        assert!(module.contains("fetch('/gazette-ab12_bg.wasm', { integrity: 'sha384-wasm+/=' })"));
        // Compiled first, run after a task boundary.
        let compiled = module
            .find("WebAssembly.compileStreaming(response)")
            .unwrap();
        let yielded = module.find("setTimeout(next)").unwrap();
        let run = module
            .find("bindings.default({ module_or_path: module })")
            .unwrap();
        assert!(compiled < yielded && yielded < run);
        // Any failure shows the notice.
        assert!(module.contains("} catch (error) {"));
        assert!(module.contains("getElementById('crash')?.removeAttribute('hidden')"));
        assert!(module.contains("window.wasmMemory = wasm.memory"));
    }

    #[test]
    fn an_unexpected_shape_fails_the_build() {
        let no_link = TRUNK.replace("rel=\"preload\"", "rel=\"prefetch\"");
        assert!(after_paint(&no_link, KAKAO, &[])
            .err()
            .unwrap()
            .contains("preload"));
        let no_script = TRUNK.replace("type=\"module\"", "type=\"text/javascript\"");
        assert!(after_paint(&no_script, KAKAO, &[])
            .err()
            .unwrap()
            .contains("loader"));
        let other = TRUNK.replace(
            "module_or_path: '/gazette-ab12_bg.wasm'",
            "module_or_path: '/x_bg.wasm'",
        );
        assert!(after_paint(&other, KAKAO, &[])
            .err()
            .unwrap()
            .contains("/x_bg.wasm"));
        let no_sri = TRUNK.replace(" integrity=\"sha384-wasm+/=\"", "");
        assert!(after_paint(&no_sri, KAKAO, &[])
            .err()
            .unwrap()
            .contains("integrity"));
        let hostile = TRUNK.replace("sha384-wasm+/=", "x');alert(1);('");
        assert!(after_paint(&hostile, KAKAO, &[])
            .err()
            .unwrap()
            .contains("unexpected"));
        assert!(
            after_paint(TRUNK, "https://x.example/a.js');alert(1);('", &[])
                .err()
                .unwrap()
                .contains("unexpected")
        );
    }
}
