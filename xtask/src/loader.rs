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

/// One `<tag …>` in `html` starting at byte `start`: its end (exclusive).
fn tag_end(html: &str, start: usize) -> Option<usize> {
    html[start..].find('>').map(|i| start + i + 1)
}

/// The value of attribute `name` in the single tag `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(&tag[from..from + len])
}

/// The text between `before` and the next `'` after it.
fn quoted_after<'a>(text: &'a str, before: &str) -> Option<&'a str> {
    let from = text.find(before)? + before.len();
    let len = text[from..].find('\'')?;
    Some(&text[from..from + len])
}

/// URLs and hashes Trunk writes are plain; anything else is refused rather
/// than copied into a script.
fn plain(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=".contains(c))
}

/// The loader that replaces Trunk's, for the JS glue at `js` and the wasm at
/// `wasm` with Subresource Integrity `integrity`.
pub fn script(js: &str, wasm: &str, integrity: &str) -> String {
    format!(
        "
import init, * as bindings from '{js}';
const crashed = (event) => {{
  if ((event.error ?? event.reason)?.name === 'RuntimeError') document.getElementById('crash')?.removeAttribute('hidden');
}};
addEventListener('error', crashed);
addEventListener('unhandledrejection', crashed);
const start = async () => {{
  const response = await fetch('{wasm}', {{ integrity: '{integrity}' }});
  const module = response.headers.get('Content-Type')?.startsWith('application/wasm')
    ? await WebAssembly.compileStreaming(response)
    : await WebAssembly.compile(await response.arrayBuffer());
  await new Promise((next) => setTimeout(next));
  const wasm = await init({{ module_or_path: module }});
  window.wasmBindings = bindings;
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
}}).then(start);
"
    )
}

/// `html` (Trunk's output) with its wasm preload link removed and its
/// loader replaced by [`script`]. Fails, naming what is missing, when Trunk's
/// output does not have the expected shape, so a Trunk upgrade cannot
/// silently leave the old loader in place.
pub fn after_paint(html: &str) -> Result<String, String> {
    let link_start = html
        .match_indices("<link rel=\"preload\"")
        .map(|(i, _)| i)
        .find(|&i| {
            tag_end(html, i)
                .and_then(|end| attr(&html[i..end], "href"))
                .is_some_and(|h| h.ends_with(".wasm"))
        })
        .ok_or("Trunk's wasm preload link is missing")?;
    let link_end = tag_end(html, link_start).ok_or("unterminated preload link")?;
    let link = &html[link_start..link_end];
    let wasm = attr(link, "href").ok_or("preload link without href")?;
    let integrity = attr(link, "integrity").ok_or("wasm preload link without integrity")?;

    let open = "<script type=\"module\">";
    let script_start = html.find(open).ok_or("Trunk's loader script is missing")?;
    let body_start = script_start + open.len();
    let body_len = html[body_start..]
        .find("</script>")
        .ok_or("unterminated loader script")?;
    let body = &html[body_start..body_start + body_len];
    let js = quoted_after(body, "from '").ok_or("loader without its JS import")?;
    let loaded = quoted_after(body, "module_or_path: '").ok_or("loader without module_or_path")?;
    if loaded != wasm {
        return Err(format!("the loader loads {loaded} but {wasm} is preloaded"));
    }
    for value in [js, wasm, integrity] {
        if !plain(value) {
            return Err(format!("unexpected characters in {value:?}"));
        }
    }
    let replaced = script(js, wasm, integrity);
    let mut out = String::with_capacity(html.len() + replaced.len());
    // The link comes after the script in Trunk's output; handle either order.
    let script_end = body_start + body_len;
    let mut cuts = [
        (
            script_start..script_end + "</script>".len(),
            format!("{open}{replaced}</script>"),
        ),
        (link_start..link_end, String::new()),
    ];
    cuts.sort_by_key(|(range, _)| range.start);
    let mut at = 0;
    for (range, with) in cuts {
        out.push_str(&html[at..range.start]);
        out.push_str(&with);
        at = range.end;
    }
    out.push_str(&html[at..]);
    Ok(out)
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
        let run = out.find("init({ module_or_path: module })").unwrap();
        assert!(compiled < yielded && yielded < run);
        assert!(out.contains("import init, * as bindings from '/gazette-ab12.js';"));
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
            "<html><head><link rel=\"stylesheet\" href=\"/main-1.css\">\n<script type=\"module\">"
        ));
        assert!(out.ends_with("</head><body><div id=\"app\"></div></body></html>"));
        assert_eq!(crate::csp::inline_scripts(&out).len(), 1);
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
