//! Escaping for each context the build step writes a value into itself
//! (the pages' own markup is written by the app's components, which escape
//! for themselves). Every string from the backend passes through one of
//! these before it reaches a file.

/// Text between HTML tags, and a double-quoted HTML attribute value: `&`,
/// `<`, `>`, `"` and `'` as character references, nothing else changed.
pub fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON placed inside a `<script>` element: `</script>`, `<!--` and the
/// JavaScript line separators cannot end or confuse the element.
pub fn json_in_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// XML text or attribute content (sitemap, RSS), before `quick-xml`
/// escapes it: the characters XML 1.0 does not allow are dropped.
pub fn xml_chars(raw: &str) -> String {
    raw.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || ((c as u32) >= 0x20 && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "\"'><script>alert('&')</script><!-- \u{2028}";

    #[test]
    fn html_text_and_attributes_are_inert() {
        let t = attr(HOSTILE);
        assert!(!t.contains('<') && !t.contains('>'));
        assert_eq!(attr("a & b"), "a &amp; b");
        let a = attr(HOSTILE);
        assert!(!a.contains('"') && !a.contains('\'') && !a.contains('<'));
    }

    #[test]
    fn json_cannot_close_its_script_element() {
        let json = serde_json::to_string(&serde_json::json!({ "t": HOSTILE })).unwrap();
        let safe = json_in_script(&json);
        assert!(!safe.contains("</script") && !safe.contains("<!--") && !safe.contains('\u{2028}'));
        // It is still the same JSON.
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], HOSTILE);
    }

    #[test]
    fn xml_is_stripped_of_forbidden_characters() {
        assert_eq!(
            xml_chars("a<b>&\"'\u{0}\u{1F}\u{FFFE}c\t\n\r\u{7F}"),
            "a<b>&\"'c\t\n\r\u{7F}"
        );
    }
}
