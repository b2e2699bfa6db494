//! The HTML of the app's static view parts, read from its wasm, for the
//! page's closed Trusted Types policy (`loader.rs`).
//!
//! Leptos's `view!` macro turns a static part of a view (an element whose
//! attributes and children are all literal) into one string of HTML,
//! `InertElement::new("<p class=\"a\">…</p>")`, and tachys builds it in the
//! browser by giving that string to a `<template>`'s `innerHTML`, a sink
//! Trusted Types guard. These strings are constants of the app: the build
//! finds them in the wasm's data segments, and the policy lets exactly them
//! through. A string this scan misses is refused by the browser and
//! reported, which every journey treats as a failure.

use std::collections::BTreeSet;

/// Elements without an end tag.
const VOID: [&str; 13] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Longest fragment taken (the app's largest static part is far smaller).
const MAX_LEN: usize = 64 * 1024;
const MAX_DEPTH: usize = 64;

/// Every well-formed HTML fragment (one element with its content, written
/// as the macro writes it) in `segments`, sorted. Fragments that could run
/// script or navigate (see [`is_refused_attribute`], [`REFUSED_ELEMENTS`])
/// are left out, whatever their origin.
pub fn fragments<'a>(segments: impl IntoIterator<Item = &'a [u8]>) -> Vec<String> {
    let mut found = BTreeSet::new();
    for data in segments {
        for start in memchr_all(b'<', data) {
            if let Some(end) = element(data, start, 0) {
                if let Ok(html) = std::str::from_utf8(&data[start..end]) {
                    found.insert(html.to_owned());
                }
            }
        }
    }
    found.into_iter().collect()
}

fn memchr_all(byte: u8, data: &[u8]) -> impl Iterator<Item = usize> + '_ {
    data.iter()
        .enumerate()
        .filter(move |(_, &b)| b == byte)
        .map(|(i, _)| i)
}

/// Elements that load or run something, or change the page's address.
const REFUSED_ELEMENTS: [&str; 9] = [
    "script", "iframe", "frame", "object", "embed", "base", "meta", "link", "noscript",
];
/// Attributes that send the page somewhere or hold markup of their own.
const REFUSED_ATTRIBUTES: [&str; 4] = ["action", "formaction", "http-equiv", "srcdoc"];

/// Whether an attribute could run script or navigate: an event handler,
/// one of [`REFUSED_ATTRIBUTES`], or a value with a script URL or a
/// character reference (which could spell one).
fn is_refused_attribute(name: &[u8], value: &[u8]) -> bool {
    let name = name.to_ascii_lowercase();
    let value = value.to_ascii_lowercase();
    name.starts_with(b"on")
        || REFUSED_ATTRIBUTES.iter().any(|a| a.as_bytes() == name)
        || value.windows(7).any(|w| w == b"script:")
        || value.windows(2).any(|w| w == b"&#")
}

fn name_end(data: &[u8], at: usize, first: fn(u8) -> bool, rest: fn(u8) -> bool) -> Option<usize> {
    (at < data.len() && first(data[at])).then(|| {
        let mut end = at + 1;
        while end < data.len() && rest(data[end]) {
            end += 1;
        }
        end
    })
}

fn tag_name(data: &[u8], at: usize) -> Option<usize> {
    name_end(
        data,
        at,
        |b| b.is_ascii_lowercase(),
        |b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-',
    )
}

fn attribute_name(data: &[u8], at: usize) -> Option<usize> {
    name_end(
        data,
        at,
        |b| b.is_ascii_alphabetic(),
        |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'),
    )
}

/// Where the element starting at `start` (a `<`) ends, when it is well
/// formed up to its end tag.
fn element(data: &[u8], start: usize, depth: usize) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    let name_at = start + 1;
    let name_to = tag_name(data, name_at)?;
    let name = &data[name_at..name_to];
    if REFUSED_ELEMENTS.iter().any(|e| e.as_bytes() == name) {
        return None;
    }
    let mut at = name_to;
    // Attributes: ` name` or ` name="value"`.
    loop {
        match data.get(at)? {
            b' ' => {
                let name_at = at + 1;
                at = attribute_name(data, name_at)?;
                let attribute = &data[name_at..at];
                let mut value: &[u8] = &[];
                if data.get(at) == Some(&b'=') {
                    if data.get(at + 1) != Some(&b'"') {
                        return None;
                    }
                    let close = data[at + 2..].iter().position(|&b| b == b'"' || b == 0)?;
                    value = &data[at + 2..at + 2 + close];
                    if data[at + 2 + close] != b'"' {
                        return None;
                    }
                    at += 2 + close + 1;
                }
                if is_refused_attribute(attribute, value) {
                    return None;
                }
            }
            b'/' if data.get(at + 1) == Some(&b'>') => return Some(at + 2),
            b'>' => {
                at += 1;
                break;
            }
            _ => return None,
        }
    }
    if VOID.iter().any(|v| v.as_bytes() == name) {
        return Some(at);
    }
    // Content: text and elements up to `</name>`.
    loop {
        if at - start > MAX_LEN {
            return None;
        }
        match data.get(at)? {
            0 => return None,
            b'<' if data.get(at + 1) == Some(&b'/') => {
                let end = at + 2 + name.len();
                return (data.get(at + 2..end)? == name && data.get(end) == Some(&b'>'))
                    .then_some(end + 1);
            }
            b'<' => at = element(data, at, depth + 1)?,
            _ => at += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_view_parts_are_found_between_other_constants() {
        let data = "panicked at src/x.rs<h2 id=\"latest\" class=\"section-heading\">최신 기사</h2>\
            visually-hidden<svg class=\"i\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><path d=\"M1 2z\"></path></svg>\
            <p>a<br>b &lt;c&gt;</p><span>unclosed<div a=b></div>"
            .as_bytes();
        assert_eq!(
            fragments([data]),
            [
                "<br>",
                "<h2 id=\"latest\" class=\"section-heading\">최신 기사</h2>",
                "<p>a<br>b &lt;c&gt;</p>",
                "<path d=\"M1 2z\"></path>",
                "<svg class=\"i\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><path d=\"M1 2z\"></path></svg>",
            ]
        );
    }

    #[test]
    fn fragments_that_could_run_script_are_never_taken() {
        let data = "<img src=\"x\" onerror=\"alert(1)\"><a href=\"javascript:alert(1)\">x</a>\
            <div><script>alert(1)</script></div><form action=\"https://e.example\"></form>\
            <meta http-equiv=\"refresh\" content=\"1\"><p>ok</p>"
            .as_bytes();
        assert_eq!(fragments([data]), ["<p>ok</p>"]);
    }
}
