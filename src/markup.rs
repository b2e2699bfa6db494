//! Markup the app writes as text for the browser to parse (where building
//! the same nodes one DOM call at a time would cost too much), and the
//! escaping that keeps data from the backend inert in it. The prerender
//! step (`xtask`) escapes with the same function.

/// `text` for an HTML text node or a quoted attribute value: `&`, `<`,
/// `>`, `"` and `'` as character references, nothing else changed.
pub fn escape(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_special_characters_become_references() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')">&amp;"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;amp;"
        );
        assert_eq!(escape("서울 −3.2℃"), "서울 −3.2℃");
    }
}
