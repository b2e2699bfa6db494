//! Reading and editing the app's `index.html` (the shell every page is made
//! from): its `<meta>` values, `<title>`, the link-preview tags in `<head>`
//! and the content of the mount point `<div id="app">`.

use crate::escape;

/// Marks every tag this step puts in `<head>`, so the app can drop them when
/// it mounts and adds its own (`src/head.rs` appends, it does not edit).
pub const MARK: &str = "data-prerendered";

/// A start tag (`<meta …>`) found in the document: where it is and its
/// attributes, values decoded.
struct Tag {
    start: usize,
    end: usize,
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of the `<head>`, in order.
fn head_tags(html: &str) -> Vec<Tag> {
    let head_end = html.find("</head>").unwrap_or(html.len());
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..head_end].find('<') {
        let start = at + offset;
        if html[start..].starts_with("<!--") {
            at = html[start..]
                .find("-->")
                .map_or(head_end, |i| start + i + 3);
            continue;
        }
        let Some(tag) = parse_tag(html, start) else {
            at = start + 1;
            continue;
        };
        at = tag.end;
        // Skip the text of elements whose content is not markup.
        if let Some(close) = matches!(tag.name.as_str(), "script" | "style" | "title")
            .then(|| html[at..].find(&format!("</{}", tag.name)))
            .flatten()
        {
            at += close;
        }
        tags.push(tag);
    }
    tags
}

/// Parses the start tag at `start` (`<name attr="v" …>`), honouring quotes.
fn parse_tag(html: &str, start: usize) -> Option<Tag> {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    let name_end = i + html[i..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(html.len() - i);
    if name_end == i {
        return None;
    }
    let name = html[i..name_end].to_ascii_lowercase();
    i = name_end;
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if *bytes.get(i)? == b'>' {
            break;
        }
        let key_end = i + html[i..]
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(html.len() - i);
        let key = html[i..key_end].to_ascii_lowercase();
        i = key_end;
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i)? {
                q @ (b'"' | b'\'') => {
                    let close = i + 1 + html[i + 1..].find(char::from(*q))?;
                    value = decode_entities(&html[i + 1..close]);
                    i = close + 1;
                }
                _ => {
                    let end = i + html[i..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(html.len() - i);
                    value = decode_entities(&html[i..end]);
                    i = end;
                }
            }
        }
        if key.is_empty() {
            i += 1;
        } else {
            attrs.push((key, value));
        }
    }
    Some(Tag {
        start,
        end: i + 1,
        name,
        attrs,
    })
}

/// Decodes the character references an attribute value may hold.
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `content` of `<meta name="{name}">` in the shell's `<head>`, decoded.
pub fn meta(html: &str, name: &str) -> Option<String> {
    head_tags(html)
        .into_iter()
        .find(|t| t.name == "meta" && t.attr("name") == Some(name))
        .and_then(|t| t.attr("content").map(str::to_owned))
}

/// Whether a head tag is a link preview's or search engine's: canonical
/// link, Open Graph, Twitter, JSON-LD.
fn is_preview_tag(t: &Tag) -> bool {
    let property = t.attr("property").unwrap_or_default();
    let name = t.attr("name").unwrap_or_default();
    match t.name.as_str() {
        "meta" => {
            property.starts_with("og:")
                || property.starts_with("article:")
                || name.starts_with("twitter:")
        }
        "link" => t
            .attr("rel")
            .is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "canonical")),
        "script" => t.attr("type") == Some("application/ld+json"),
        _ => false,
    }
}

/// The shell without its link-preview tags (a JSON-LD block goes with its
/// text), so a page can state its own.
pub fn without_preview_tags(html: &str) -> String {
    without(html, is_preview_tag)
}

/// The shell without its site-wide `<meta name="description">`.
pub fn without_description(html: &str) -> String {
    without(html, |t| {
        t.name == "meta" && t.attr("name") == Some("description")
    })
}

/// `html` without the head tags `drop` picks.
fn without(html: &str, drop: impl Fn(&Tag) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for tag in head_tags(html).iter().filter(|t| drop(t)) {
        if tag.start < copied {
            continue;
        }
        out.push_str(html[copied..tag.start].trim_end_matches([' ', '\t']));
        copied = tag.end;
        if tag.name == "script" {
            if let Some(close) = html[copied..].find("</script>") {
                copied += close + "</script>".len();
            }
        }
        // Drop the line the tag stood on when nothing else was on it.
        if html[copied..].starts_with('\n') && out.ends_with('\n') {
            copied += 1;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Sets the document title (inserting `<title>` if the shell has none).
pub fn with_title(html: &str, title: &str) -> String {
    let element = format!("<title>{}</title>", escape::text(title));
    let head = &html[..html.find("</head>").unwrap_or(html.len())];
    match (head.find("<title>"), head.find("</title>")) {
        (Some(open), Some(close)) if open < close => {
            format!("{}{element}{}", &html[..open], &html[close + 8..])
        }
        _ => with_head_tags(html, &element),
    }
}

/// Adds `tags` at the end of `<head>`.
pub fn with_head_tags(html: &str, tags: &str) -> String {
    match html.find("</head>") {
        Some(i) => {
            let before = html[..i].trim_end_matches([' ', '\t']);
            let indent = if before.ends_with('\n') { "  " } else { "\n  " };
            format!("{before}{indent}{tags}\n{}", &html[i..])
        }
        None => html.to_owned(),
    }
}

/// Byte range of the content of `<div id="app">` (nested `<div>`s counted).
fn app_content(html: &str) -> Option<std::ops::Range<usize>> {
    const OPEN: &str = "<div id=\"app\">";
    let start = html.find(OPEN)? + OPEN.len();
    let mut depth = 1;
    let mut at = start;
    loop {
        let next_open = html[at..].find("<div").map(|i| at + i);
        let next_close = at + html[at..].find("</div>")?;
        match next_open {
            Some(open) if open < next_close => {
                depth += 1;
                at = open + 4;
            }
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(start..next_close);
                }
                at = next_close + 6;
            }
        }
    }
}

/// Puts `content` in the mount point, and `after` right behind it.
pub fn with_app(html: &str, content: &str, after: &str) -> Result<String, String> {
    let range = app_content(html).ok_or("index.html has no <div id=\"app\"> to prerender into")?;
    let close = range.end + "</div>".len();
    Ok(format!(
        "{}{content}</div>{after}{}",
        &html[..range.start],
        &html[close..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html>\n<html lang=\"ko\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>한빛일보</title>\n  <meta name=\"description\" content=\"A &amp; B\">\n  <meta property=\"og:title\" content=\"old\">\n  <!-- <meta name=\"api-base\" content=\"/commented\"> -->\n  <meta name=\"api-base\" content='/api'>\n  <link rel=\"canonical\" href=\"https://old.example/\">\n  <script type=\"application/ld+json\">{\"a\":\"<meta name=x>\"}</script>\n  <meta name=\"site-name\" content=\"&#54620;&#xBE5B; &quot;일보&quot;\">\n</head>\n<body>\n  <div id=\"app\"><noscript><div>켜 주세요</div></noscript></div>\n  <div id=\"crash\" hidden></div>\n</body>\n</html>";

    #[test]
    fn meta_values_are_read_and_decoded() {
        assert_eq!(meta(SHELL, "description").as_deref(), Some("A & B"));
        assert_eq!(meta(SHELL, "api-base").as_deref(), Some("/api"));
        assert_eq!(meta(SHELL, "site-name").as_deref(), Some("한빛 \"일보\""));
        assert_eq!(meta(SHELL, "x"), None, "text inside a script is not a tag");
        assert_eq!(meta(SHELL, "kakao-app-key"), None);
    }

    #[test]
    fn preview_tags_are_removed_and_nothing_else() {
        let html = without_preview_tags(SHELL);
        for gone in ["og:title", "canonical", "ld+json"] {
            assert!(!html.contains(gone), "{gone} left in {html}");
        }
        assert!(html.contains("<meta name=\"description\""));
        let html = without_description(&html);
        assert!(!html.contains("description"));
        assert!(
            html.contains("<meta name=\"api-base\" content='/api'>\n  <meta name=\"site-name\"")
        );
        assert!(html.contains("<title>한빛일보</title>\n  <!-- <meta"));
        assert!(html.ends_with("</html>"));
    }

    #[test]
    fn title_is_replaced_as_text() {
        let html = with_title(SHELL, "</title><script>alert(1)</script> & co");
        assert!(html.contains(
            "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>"
        ));
        assert_eq!(html.matches("<title>").count(), 1);
        let untitled = with_title("<head></head>", "x");
        assert_eq!(untitled, "<head>\n  <title>x</title>\n</head>");
    }

    #[test]
    fn app_content_is_replaced_whole_with_nested_divs() {
        let html = with_app(
            SHELL,
            "<p>기사</p>",
            "<script type=\"application/json\">{}</script>",
        )
        .unwrap();
        assert!(html.contains(
            "<div id=\"app\"><p>기사</p></div><script type=\"application/json\">{}</script>\n  <div id=\"crash\" hidden></div>"
        ));
        assert!(!html.contains("켜 주세요"));
        assert!(with_app("<body></body>", "x", "").is_err());
    }
}
