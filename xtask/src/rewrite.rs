//! Reading and editing the HTML Trunk writes (`dist/index.html`, the shell
//! every page is made from) with an HTML rewriter (`lol_html`): its
//! `<meta>` values, links and inline scripts, the loader, the policy tag,
//! and each rendered page's content, attributes and embedded documents.

use crate::escape::{attr, json_in_script};
use html_escape::decode_html_entities;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use std::cell::RefCell;

/// Runs `handlers` over `html`.
fn rewrite<'h>(
    html: &str,
    handlers: Vec<(
        std::borrow::Cow<'static, lol_html::Selector>,
        lol_html::ElementContentHandlers<'h>,
    )>,
) -> Result<String, String> {
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: handlers,
            ..RewriteStrSettings::default()
        },
    )
    .map_err(|e| format!("rewriting index.html: {e}"))
}

/// The `content` of `<meta name="{name}">` in the shell's `<head>`, decoded.
pub fn meta(html: &str, name: &str) -> Option<String> {
    let found = RefCell::new(None);
    let _ = rewrite(
        html,
        vec![element!("head meta[name][content]", |el| {
            if el.get_attribute("name").as_deref() == Some(name) && found.borrow().is_none() {
                *found.borrow_mut() = el
                    .get_attribute("content")
                    .map(|c| decode_html_entities(&c).into_owned());
            }
            Ok(())
        })],
    );
    found.into_inner()
}

/// A `<link>` of the shell: its `href` and `integrity`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub integrity: Option<String>,
}

/// The links whose `rel` is `rel`, in order.
pub fn links(html: &str, rel: &str) -> Vec<Link> {
    let found = RefCell::new(Vec::new());
    let _ = rewrite(
        html,
        vec![element!("link[rel][href]", |el| {
            let rels = el.get_attribute("rel").unwrap_or_default();
            if rels.split_ascii_whitespace().any(|r| r == rel) {
                found.borrow_mut().push(Link {
                    href: decode_html_entities(&el.get_attribute("href").unwrap_or_default())
                        .into_owned(),
                    integrity: el.get_attribute("integrity"),
                });
            }
            Ok(())
        })],
    );
    found.into_inner()
}

/// `html` with the `integrity` of every link to `href` set to `integrity`.
pub fn set_integrity(html: &str, href: &str, integrity: &str) -> Result<String, String> {
    let changed = RefCell::new(0);
    let out = rewrite(
        html,
        vec![element!("link[href][integrity]", |el| {
            if decode_html_entities(&el.get_attribute("href").unwrap_or_default()).into_owned()
                == href
            {
                el.set_attribute("integrity", integrity)?;
                *changed.borrow_mut() += 1;
            }
            Ok(())
        })],
    )?;
    if changed.into_inner() == 0 {
        return Err(format!("index.html has no link with integrity to {href}"));
    }
    Ok(out)
}

/// Whether a `<script>` with this `type` runs (a data block such as
/// JSON-LD or the embedded documents does not).
fn runs(kind: Option<&str>) -> bool {
    match kind.map(|k| k.trim().to_ascii_lowercase()) {
        None => true,
        // An import map is not run, but policies treat it as inline script.
        Some(k) => k.is_empty() || k == "module" || k == "importmap" || k.ends_with("javascript"),
    }
}

/// Every `<script>` matching `selector` without `src`: its `type` and text.
fn scripts(html: &str, selector: &str) -> Vec<(Option<String>, String)> {
    let found = RefCell::new(Vec::new());
    let _ = rewrite(
        html,
        vec![
            element!(selector, |el| {
                if el.get_attribute("src").is_none() {
                    found
                        .borrow_mut()
                        .push((el.get_attribute("type"), String::new(), true));
                } else {
                    found.borrow_mut().push((None, String::new(), false));
                }
                Ok(())
            }),
            text!(selector, |t| {
                if let Some((_, body, _)) = found.borrow_mut().last_mut() {
                    body.push_str(t.as_str());
                }
                Ok(())
            }),
        ],
    );
    found
        .into_inner()
        .into_iter()
        .filter(|(_, _, inline)| *inline)
        .map(|(kind, body, _)| (kind, body))
        .collect()
}

/// The text of every executable inline `<script>` (no `src`), in order.
pub fn inline_scripts(html: &str) -> Vec<String> {
    scripts(html, "script")
        .into_iter()
        .filter(|(kind, _)| runs(kind.as_deref()))
        .map(|(_, body)| body)
        .collect()
}

/// Trunk's loader: the JS glue it imports, the wasm it loads and the
/// wasm's integrity hash (from the wasm's preload link).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrunkLoader {
    pub js: String,
    /// The glue's integrity hash (from its modulepreload link).
    pub js_integrity: String,
    pub wasm: String,
    pub integrity: String,
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

/// Reads Trunk's loader. Fails, naming what is missing, when Trunk's output
/// does not have the expected shape, so a Trunk upgrade cannot silently
/// leave the old loader in place.
pub fn trunk_loader(html: &str) -> Result<TrunkLoader, String> {
    let wasm_link = links(html, "preload")
        .into_iter()
        .find(|l| l.href.ends_with(".wasm"))
        .ok_or("Trunk's wasm preload link is missing")?;
    let integrity = wasm_link
        .integrity
        .ok_or("wasm preload link without integrity")?;
    let modules = scripts(html, "script[type=module]");
    let (_, body) = modules
        .into_iter()
        .find(|(_, b)| b.contains("module_or_path"))
        .ok_or("Trunk's loader script is missing")?;
    let js = quoted_after(&body, "from '").ok_or("loader without its JS import")?;
    let loaded = quoted_after(&body, "module_or_path: '").ok_or("loader without module_or_path")?;
    if loaded != wasm_link.href {
        return Err(format!(
            "the loader loads {loaded} but {} is preloaded",
            wasm_link.href
        ));
    }
    let js_integrity = links(html, "modulepreload")
        .into_iter()
        .find(|l| l.href == js)
        .and_then(|l| l.integrity)
        .ok_or_else(|| format!("no modulepreload link with integrity for {js}"))?;
    for value in [js, &wasm_link.href, &integrity, &js_integrity] {
        if !plain(value) {
            return Err(format!("unexpected characters in {value:?}"));
        }
    }
    Ok(TrunkLoader {
        js: js.to_owned(),
        js_integrity,
        wasm: wasm_link.href,
        integrity,
    })
}

/// `html` with Trunk's loader script replaced by `script`, preceded by an
/// import map that gives the glue's integrity hash, and Trunk's preload
/// links for the wasm and the glue removed. (The modulepreload link's own
/// `integrity` does not protect the import: a browser that finds the
/// preloaded copy refused fetches the module again, unchecked, for the
/// `import` itself; the import map's `integrity` applies to every import of
/// the glue. And under the policy's `'strict-dynamic'` the browser refuses
/// a preload the parser starts, and reports it.)
pub fn replace_loader(html: &str, loader: &TrunkLoader, script: &str) -> Result<String, String> {
    let replaced = RefCell::new(false);
    let mut integrity = serde_json::Map::new();
    integrity.insert(loader.js.clone(), loader.js_integrity.clone().into());
    let map = serde_json::json!({ "integrity": integrity }).to_string();
    let import_map = format!(
        "<script type=\"importmap\">{}</script>",
        json_in_script(&map)
    );
    let out = rewrite(
        html,
        vec![
            element!(
                "link[rel=preload][href], link[rel=modulepreload][href]",
                |el| {
                    let href = decode_html_entities(&el.get_attribute("href").unwrap_or_default())
                        .into_owned();
                    if href == loader.wasm || href == loader.js {
                        el.remove();
                    }
                    Ok(())
                }
            ),
            element!("script[type=module]:not([src])", |el| {
                if !*replaced.borrow() {
                    el.before(&import_map, ContentType::Html);
                    el.set_inner_content(script, ContentType::Html);
                    *replaced.borrow_mut() = true;
                }
                Ok(())
            }),
        ],
    )?;
    if !replaced.into_inner() {
        return Err("Trunk's loader script is missing".into());
    }
    Ok(out)
}

/// Puts the policy in a `<meta http-equiv>` first in `<head>`, for hosts
/// that cannot set headers.
pub fn with_policy_meta(html: &str, policy: &str) -> Result<String, String> {
    let tag = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        attr(policy)
    );
    rewrite(
        html,
        vec![element!("head", |el| {
            el.prepend(&tag, ContentType::Html);
            Ok(())
        })],
    )
}

/// A document embedded in a page for the app (see `gazette::hydration::preload`).
#[derive(Clone, Debug, PartialEq)]
pub struct Embedded {
    /// Its path under the API base.
    pub path: String,
    /// The JSON text.
    pub text: String,
    /// Only part of the backend's document (the app does not keep it as
    /// the last good copy).
    pub partial: bool,
}

/// A rendered page: `shell` (with its head tags already in place) with the
/// app's HTML as the content of `<div id="app">`, that element's
/// `attributes`, and the documents the app was rendered from right after it
/// (`type="application/json"`: data, never run, so the policy is
/// unchanged).
pub fn page(
    shell: &str,
    app_html: &str,
    attributes: &[(&str, String)],
    docs: &[Embedded],
) -> Result<String, String> {
    let found = RefCell::new(false);
    let scripts: String = docs
        .iter()
        .map(|d| {
            format!(
                "<script type=\"application/json\" {}=\"{}\"{}>{}</script>",
                gazette::hydration::preload::DOC_ATTR,
                attr(&d.path),
                if d.partial {
                    format!(" {}", gazette::hydration::preload::PARTIAL_ATTR)
                } else {
                    String::new()
                },
                json_in_script(&d.text)
            )
        })
        .collect();
    let out = rewrite(
        shell,
        vec![element!("div#app", |el| {
            *found.borrow_mut() = true;
            el.set_inner_content(app_html, ContentType::Html);
            for (name, value) in attributes {
                el.set_attribute(name, value)?;
            }
            el.after(&scripts, ContentType::Html);
            Ok(())
        })],
    )?;
    if !found.into_inner() {
        return Err("index.html has no <div id=\"app\"> to render into".into());
    }
    Ok(out)
}

/// One element as [`select`] finds it.
#[cfg(test)]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub attrs: std::collections::BTreeMap<String, String>,
    /// Its text, as written (character references not decoded).
    pub text: String,
}

#[cfg(test)]
impl Found {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

/// The elements of `html` matching `selector`, in order, with the text
/// inside each (for tests).
#[cfg(test)]
pub fn select(html: &str, selector: &str) -> Vec<Found> {
    let found = RefCell::new(Vec::<Found>::new());
    let _ = rewrite(
        html,
        vec![
            element!(selector, |el| {
                let attrs = el
                    .attributes()
                    .iter()
                    .map(|a| (a.name(), decode_html_entities(&a.value()).into_owned()))
                    .collect();
                found.borrow_mut().push(Found {
                    attrs,
                    text: String::new(),
                });
                Ok(())
            }),
            text!(selector, |t| {
                if let Some(last) = found.borrow_mut().last_mut() {
                    last.text.push_str(t.as_str());
                }
                Ok(())
            }),
        ],
    );
    found.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html>\n<html lang=\"ko\">\n<head>\n  <meta charset=\"utf-8\">\n  <!-- <meta name=\"api-base\" content=\"/commented\"> -->\n  <meta name=\"api-base\" content='/api'>\n  <script type=\"application/ld+json\">{\"a\":\"<meta name=x>\"}</script>\n  <meta name=\"site-name\" content=\"&#54620;&#xBE5B; &quot;일보&quot; &amp; co\">\n</head>\n<body>\n  <div id=\"app\"><noscript><div>켜 주세요</div></noscript></div>\n  <div id=\"crash\" hidden></div>\n</body>\n</html>";

    #[test]
    fn meta_values_are_read_and_decoded() {
        assert_eq!(meta(SHELL, "api-base").as_deref(), Some("/api"));
        assert_eq!(
            meta(SHELL, "site-name").as_deref(),
            Some("한빛 \"일보\" & co")
        );
        assert_eq!(meta(SHELL, "x"), None, "text inside a script is not a tag");
        // Every named character reference HTML has, not only XML's five.
        let named =
            "<head><meta name=\"d\" content=\"a&nbsp;b&hellip; &copy; &amp;c &#65;&#x42;\"></head>";
        assert_eq!(meta(named, "d").as_deref(), Some("a\u{a0}b… © &c AB"));
        assert_eq!(meta(SHELL, "kakao-app-key"), None);
    }

    #[test]
    fn the_app_content_is_replaced_whole_and_documents_follow_it() {
        let html = page(
            SHELL,
            "<main>기사</main>",
            &[("data-route", "/article/1".into())],
            &[Embedded {
                path: "articles/1.json".into(),
                text: "{\"t\":\"</script><!--\"}".into(),
                partial: false,
            }],
        )
        .unwrap();
        assert!(html.contains(
            "<div id=\"app\" data-route=\"/article/1\"><main>기사</main></div><script type=\"application/json\" data-gazette-doc=\"articles/1.json\">{\"t\":\"\\u003c/script\\u003e\\u003c!--\"}</script>\n  <div id=\"crash\" hidden></div>"
        ), "{html}");
        assert!(!html.contains("켜 주세요"));
        assert!(page("<body></body>", "x", &[], &[]).is_err());
    }

    #[test]
    fn only_scripts_that_run_are_inline_scripts() {
        let html = "<head><script type=\"module\">a()</script><script src=\"/x.js\"></script><script type=\"application/json\">{}</script><script>b()</script></head>";
        assert_eq!(inline_scripts(html), ["a()", "b()"]);
    }

    #[test]
    fn integrity_is_updated_on_the_link_to_the_file() {
        let html = r#"<link rel="stylesheet" href="/a.css" integrity="x"><link rel="modulepreload" href="/g.js" integrity="y">"#;
        assert_eq!(
            links(html, "modulepreload"),
            [Link {
                href: "/g.js".into(),
                integrity: Some("y".into())
            }]
        );
        let out = set_integrity(html, "/a.css", "sha384-new").unwrap();
        assert!(out.contains(r#"href="/a.css" integrity="sha384-new""#));
        assert!(out.contains(r#"integrity="y""#));
        assert!(set_integrity(html, "/b.css", "z").is_err());
    }
}
