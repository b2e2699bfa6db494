//! The site's public addresses: a story's canonical URL, absolute URLs for
//! link previews, and the percent-encoding every URL parameter gets.

/// The public URL of an article: the configured site URL, or the page's own
/// origin when none is configured.
pub fn canonical_url(site_url: &str, origin: &str, id: &str) -> String {
    let base = if site_url.is_empty() {
        origin
    } else {
        site_url
    };
    format!("{}/article/{}", base.trim_end_matches('/'), encode(id))
}

/// Makes a contract URL absolute for link previews: same-site paths
/// (`/images/a.svg`) get `base`, absolute `http(s)` URLs stay as they are.
pub fn absolute_url(base: &str, src: &str) -> String {
    if src.starts_with('/') {
        format!("{}{src}", base.trim_end_matches('/'))
    } else {
        src.to_owned()
    }
}

/// Percent-encodes everything except RFC 3986 unreserved characters, so
/// the result is safe in any query parameter (like `encodeURIComponent`,
/// but also encoding `!'()*`).
pub fn encode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether link previewers show the picture at `url`: KakaoTalk,
/// Facebook, X and Band show PNG and JPEG but not SVG, so only those (by
/// the path's extension, any case) are offered as a preview image.
pub fn is_preview_format(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let ext = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    ["png", "jpg", "jpeg"]
        .iter()
        .any(|known| ext.eq_ignore_ascii_case(known))
}

/// Decodes `%XX` escapes back to text (test helper).
#[cfg(test)]
pub(crate) fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_url_prefers_the_configured_site() {
        assert_eq!(
            canonical_url("https://news.example", "http://127.0.0.1:8080", "1201"),
            "https://news.example/article/1201"
        );
        assert_eq!(
            canonical_url("", "http://127.0.0.1:8080", "1201"),
            "http://127.0.0.1:8080/article/1201"
        );
        assert_eq!(
            canonical_url("https://a.example/", "", "x y"),
            "https://a.example/article/x%20y"
        );
    }

    #[test]
    fn preview_urls_are_absolute() {
        assert_eq!(
            absolute_url("https://a.example/", "/i.svg"),
            "https://a.example/i.svg"
        );
        assert_eq!(
            absolute_url("https://a.example", "https://img.example/x.jpg"),
            "https://img.example/x.jpg"
        );
    }

    #[test]
    fn encoding_leaves_only_unreserved_characters() {
        let hostile = "군청 \"발표\" & <b>100%</b> ?a=1#x +/'()*!";
        let e = encode(hostile);
        assert!(e
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        assert_eq!(decode(&e), hostile);
        assert_eq!(encode("a b&c"), "a%20b%26c");
        assert_eq!(encode("한"), "%ED%95%9C");
    }

    #[test]
    fn only_png_and_jpeg_pictures_are_previewed() {
        for shown in [
            "/i/a.png",
            "/a.JPG",
            "https://img.example/x.jpeg?w=1200#f",
            "/a.b.Jpeg",
        ] {
            assert!(is_preview_format(shown), "{shown}");
        }
        for hidden in [
            "/i/a.svg",
            "/a.svg?x=.png",
            "/a.webp",
            "/png",
            "/a.png/",
            "/a",
            "",
            "/a.svg#.jpg",
        ] {
            assert!(!is_preview_format(hidden), "{hidden}");
        }
    }
}
