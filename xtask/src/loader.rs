//! The app starts after the prerendered page has painted.
//!
//! Trunk's loader preloads the wasm from `<head>` and starts the app as soon
//! as it arrives. Every page the build writes is already readable without
//! the app (the prerendered story or list), so the reader is better served
//! when the page paints first, with the network and main thread to itself,
//! and the app loads afterwards and takes over in place. This step replaces
//! Trunk's loader with one that waits for the `load` event, the next frame
//! and (where the engine reports it) the first largest-contentful-paint
//! entry, at most 3 s, and then fetches the wasm with the integrity hash
//! Trunk gave its preload link (the preload link is removed). It compiles
//! the wasm, then lets a task boundary pass before instantiating and
//! running it, so compiling and starting are two shorter main-thread tasks
//! instead of one long one.
//!
//! The release wasm is built with panics that trap at once (see
//! `scripts/bootstrap.sh`), so the app's panic hook never runs there. A trap
//! reaches JavaScript as a `WebAssembly.RuntimeError`, uncaught in an event
//! handler or rejected in a promise; the loader listens for both (by the
//! error's name, which holds across realms) and reveals
//! the page's "please reload" notice (`#crash`), as the hook does in other
//! builds.

/// The loader that replaces Trunk's, for the JS glue at `js` and the wasm at
/// `wasm` with Subresource Integrity `integrity`.
pub fn script(js: &str, wasm: &str, integrity: &str) -> String {
    format!(
        "
// Leptos's hydration reads these (filled only by a server that streams).
window.__RESOLVED_RESOURCES = []; window.__SERIALIZED_ERRORS = []; window.__INCOMPLETE_CHUNKS = [];
const crash = () => document.getElementById('crash')?.removeAttribute('hidden');
const crashed = (event) => {{
  if ((event.error ?? event.reason)?.name === 'RuntimeError') crash();
}};
addEventListener('error', crashed);
addEventListener('unhandledrejection', crashed);
const start = async () => {{
  // The import map before this script gives the glue's integrity hash: a
  // changed glue fails this import, and the catch below shows the notice.
  const [bindings, response] = await Promise.all([
    import('{js}'),
    fetch('{wasm}', {{ integrity: '{integrity}' }}),
  ]);
  const module = response.headers.get('Content-Type')?.startsWith('application/wasm')
    ? await WebAssembly.compileStreaming(response)
    : await WebAssembly.compile(await response.arrayBuffer());
  await new Promise((next) => setTimeout(next));
  const wasm = await bindings.default({{ module_or_path: module }});
  window.wasmBindings = bindings;
  // The app's memory, for reading its size from the page (tests, support).
  window.wasmMemory = wasm.memory;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));
}};
new Promise((ready) => {{
  let painted = !PerformanceObserver.supportedEntryTypes?.includes('largest-contentful-paint');
  let loaded = false;
  const check = () => painted && loaded && ready();
  if (!painted) new PerformanceObserver(() => {{ painted = true; check(); }}).observe({{ type: 'largest-contentful-paint', buffered: true }});
  const afterLoad = () => requestAnimationFrame(() => setTimeout(() => {{ loaded = true; check(); }}));
  if (document.readyState === 'complete') afterLoad(); else addEventListener('load', afterLoad, {{ once: true }});
  setTimeout(ready, 3000);
}}).then(start).catch((error) => {{
  // A glue or wasm that fails its integrity check, or cannot be fetched:
  // the page stays as rendered and asks for a reload.
  console.error('the app could not start:', error);
  crash();
}});
"
    )
}

/// `html` (Trunk's output) with its wasm preload link removed and its
/// loader replaced by [`script`]. Fails, naming what is missing, when
/// Trunk's output does not have the expected shape.
pub fn after_paint(html: &str) -> Result<String, String> {
    let trunk = crate::rewrite::trunk_loader(html)?;
    let loader = script(&trunk.js, &trunk.wasm, &trunk.integrity);
    crate::rewrite::replace_loader(html, &trunk, &loader)
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

    #[test]
    fn the_wasm_is_fetched_after_paint_with_its_integrity_hash() {
        let out = after_paint(TRUNK).unwrap();
        assert!(!out.contains("rel=\"preload\""), "{out}");
        assert!(!out.contains("const wasm = await init({ module_or_path: '/gazette"));
        assert!(out.contains("fetch('/gazette-ab12_bg.wasm', { integrity: 'sha384-wasm+/=' })"));
        // Compiled first, run after a task boundary.
        let compiled = out.find("WebAssembly.compileStreaming(response)").unwrap();
        let yielded = out.find("setTimeout(next)").unwrap();
        let run = out
            .find("bindings.default({ module_or_path: module })")
            .unwrap();
        assert!(compiled < yielded && yielded < run);
        // The glue is imported under an import map that gives its
        // integrity hash, and a failure shows the notice.
        assert!(!out.contains("import init"), "{out}");
        let map = out
            .find(r#"<script type="importmap">{"integrity":{"/gazette-ab12.js":"sha384-js+/="}}</script>"#)
            .unwrap();
        let import = out.find("import('/gazette-ab12.js')").unwrap();
        assert!(map < out.find("<script type=\"module\">").unwrap());
        assert!(import > out.find("const start").unwrap());
        assert!(out.contains(".then(start).catch("));
        assert!(out.contains("addEventListener('load'"));
        assert!(out.contains("setTimeout(ready, 3000)"));
        // A trap in the wasm (uncaught or rejected) reveals the crash notice.
        assert!(out.contains("(event.error ?? event.reason)?.name === 'RuntimeError'"));
        assert!(out.contains("addEventListener('error', crashed)"));
        assert!(out.contains("addEventListener('unhandledrejection', crashed)"));
        assert!(out.contains("getElementById('crash')?.removeAttribute('hidden')"));
        // The JS glue keeps its own preload and integrity; the rest is untouched.
        assert!(out.contains(r#"<link rel="modulepreload" href="/gazette-ab12.js" crossorigin="anonymous" integrity="sha384-js+/=">"#));
        assert!(out.starts_with(
            "<html><head><link rel=\"stylesheet\" href=\"/main-1.css\">\n<script type=\"importmap\">"
        ));
        assert!(out.ends_with("</head><body><div id=\"app\"></div></body></html>"));
        // The policy hashes the loader and the import map.
        assert_eq!(crate::rewrite::inline_scripts(&out).len(), 2);
    }

    #[test]
    fn an_unexpected_shape_fails_the_build() {
        let no_link = TRUNK.replace("rel=\"preload\"", "rel=\"prefetch\"");
        assert!(after_paint(&no_link).unwrap_err().contains("preload"));
        let no_script = TRUNK.replace("type=\"module\"", "type=\"text/javascript\"");
        assert!(after_paint(&no_script).unwrap_err().contains("loader"));
        let other = TRUNK.replace(
            "module_or_path: '/gazette-ab12_bg.wasm'",
            "module_or_path: '/x_bg.wasm'",
        );
        assert!(after_paint(&other).unwrap_err().contains("/x_bg.wasm"));
        let no_sri = TRUNK.replace(" integrity=\"sha384-wasm+/=\"", "");
        assert!(after_paint(&no_sri).unwrap_err().contains("integrity"));
        let hostile = TRUNK.replace("sha384-wasm+/=", "x');alert(1);('");
        assert!(after_paint(&hostile).unwrap_err().contains("unexpected"));
    }
}
