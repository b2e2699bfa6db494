//! Share links for an article: its canonical URL and one link per service,
//! every parameter percent-encoded.

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

/// A service an article can be shared to with a plain link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Band,
    Naver,
    Facebook,
    X,
    Email,
}

impl Service {
    pub const ALL: [Service; 5] = [
        Service::Band,
        Service::Naver,
        Service::Facebook,
        Service::X,
        Service::Email,
    ];

    /// The name readers know it by.
    pub fn label(self) -> &'static str {
        match self {
            Service::Band => "밴드",
            Service::Naver => "네이버",
            Service::Facebook => "페이스북",
            Service::X => "X",
            Service::Email => "이메일",
        }
    }

    /// A short class-friendly name.
    pub fn slug(self) -> &'static str {
        match self {
            Service::Band => "band",
            Service::Naver => "naver",
            Service::Facebook => "facebook",
            Service::X => "x",
            Service::Email => "email",
        }
    }

    /// The link that shares `url` titled `title` on this service.
    pub fn link(self, title: &str, url: &str) -> String {
        let (t, u) = (encode(title), encode(url));
        match self {
            Service::Band => {
                format!("https://band.us/plugin/share?body={t}%0A{u}&route={u}")
            }
            Service::Naver => format!("https://share.naver.com/web/shareView?url={u}&title={t}"),
            Service::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
            Service::X => format!("https://x.com/intent/post?text={t}&url={u}"),
            Service::Email => format!("mailto:?subject={t}&body={t}%0A{u}"),
        }
    }

    /// Whether the link leaves the site (opened in a new tab).
    pub fn opens_new_tab(self) -> bool {
        self != Service::Email
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `%XX` escapes back to text (test helper).
    fn decode(s: &str) -> String {
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

    fn param<'a>(link: &'a str, name: &str) -> &'a str {
        let query = link.split_once('?').unwrap().1;
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} in {link}"))
    }

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
    fn every_service_carries_the_exact_url_and_title() {
        let title = "폭설 & 한파 \"주의\" #속보";
        let url = "https://news.example/article/1201?utm=a&b=c";
        for s in Service::ALL {
            let link = s.link(title, url);
            assert!(
                !link.contains(' ') && !link.contains('"') && !link.contains('#'),
                "{link}"
            );
            match s {
                Service::Band => {
                    assert!(link.starts_with("https://band.us/plugin/share?"));
                    assert_eq!(decode(param(&link, "route")), url);
                    assert_eq!(decode(param(&link, "body")), format!("{title}\n{url}"));
                }
                Service::Naver => {
                    assert!(link.starts_with("https://share.naver.com/web/shareView?"));
                    assert_eq!(decode(param(&link, "url")), url);
                    assert_eq!(decode(param(&link, "title")), title);
                }
                Service::Facebook => {
                    assert!(link.starts_with("https://www.facebook.com/sharer/sharer.php?"));
                    assert_eq!(decode(param(&link, "u")), url);
                }
                Service::X => {
                    assert!(link.starts_with("https://x.com/intent/post?"));
                    assert_eq!(decode(param(&link, "url")), url);
                    assert_eq!(decode(param(&link, "text")), title);
                }
                Service::Email => {
                    assert!(link.starts_with("mailto:?"));
                    assert_eq!(decode(param(&link, "subject")), title);
                    assert_eq!(decode(param(&link, "body")), format!("{title}\n{url}"));
                }
            }
        }
        assert!(!Service::Email.opens_new_tab());
        assert!(Service::X.opens_new_tab());
    }
}
