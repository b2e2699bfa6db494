//! Values that can only be made through their checks: an article id of the
//! contract's form, and a URL a page may link to or load. Nothing below the
//! route checks an id again, and no unchecked string reaches an `href` or a
//! `src`.

use std::fmt;
use std::str::FromStr;

/// Longest accepted id, and its alphabet: `[A-Za-z0-9_-]{1,64}`.
pub const MAX_ID_LEN: usize = 64;

/// Whether `id` is a valid article or notice id. Anything else is "not
/// found" without a request.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// An article's id: `[A-Za-z0-9_-]{1,64}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(String);

impl ArticleId {
    pub fn parse(raw: &str) -> Option<Self> {
        is_valid_id(raw).then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The app's address of the article, `/article/<id>`.
    pub fn path(&self) -> String {
        format!("/article/{}", self.0)
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a route parameter is not an article id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidId;

impl fmt::Display for InvalidId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an article id")
    }
}

impl std::error::Error for InvalidId {}

impl FromStr for ArticleId {
    type Err = InvalidId;

    fn from_str(s: &str) -> Result<Self, InvalidId> {
        Self::parse(s).ok_or(InvalidId)
    }
}

/// Longest URL accepted from the backend.
pub const MAX_URL_LEN: usize = 2048;

/// A URL from the backend that a page may use: `http(s)://host/…` or a
/// same-origin path starting with a single `/`. Everything else —
/// `javascript:`, `data:`, protocol-relative `//evil`, back-slash tricks,
/// user-info, white space, control or invisible characters — is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeUrl(String);

impl SafeUrl {
    pub fn parse(raw: &str) -> Option<Self> {
        let url = raw.trim();
        if url.is_empty() || url.len() > MAX_URL_LEN {
            return None;
        }
        if url.chars().any(|c| {
            c.is_control()
                || c.is_whitespace()
                || c == '\\'
                || super::sanitize::is_invisible_format(c)
        }) {
            return None;
        }
        if let Some(rest) = url.strip_prefix('/') {
            return (!rest.starts_with('/')).then(|| Self(url.to_owned()));
        }
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let after_scheme = if lower.starts_with("https://") {
            &url[8..]
        } else if lower.starts_with("http://") {
            &url[7..]
        } else {
            return None;
        };
        let host_end = after_scheme
            .find(['/', '?', '#'])
            .unwrap_or(after_scheme.len());
        let authority = &after_scheme[..host_end];
        // A host is required, and user-info (`http://user@evil`) is refused.
        if authority.is_empty() || authority.contains('@') {
            return None;
        }
        Some(Self(url.to_owned()))
    }

    /// Like [`SafeUrl::parse`], for a picture: `http://` becomes `https://`.
    /// The page's policy (`img-src 'self' https:`) would block a plain-http
    /// image, and browsers upgrade such mixed content on HTTPS pages anyway.
    pub fn parse_image(raw: &str) -> Option<Self> {
        let url = Self::parse(raw)?;
        match url.0.get(..7) {
            Some(scheme) if scheme.eq_ignore_ascii_case("http://") => {
                Some(Self(format!("https://{}", &url.0[7..])))
            }
            _ => Some(url),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a path on the page's own origin.
    pub fn is_same_origin_path(&self) -> bool {
        self.0.starts_with('/')
    }

    /// Absolute, for link previews: a same-origin path gets `base` (the
    /// site's public URL), an `http(s)` URL stays as it is.
    pub fn absolute(&self, base: &str) -> String {
        if self.is_same_origin_path() {
            format!("{}{}", base.trim_end_matches('/'), self.0)
        } else {
            self.0.clone()
        }
    }
}

impl fmt::Display for SafeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_contract_alphabet() {
        assert!(is_valid_id("yg-2025-1224_01"));
        assert!(is_valid_id(&"a".repeat(64)));
        for bad in [
            "",
            "a b",
            "../etc",
            "기사",
            "a/b",
            "a.json",
            &"a".repeat(65),
        ] {
            assert!(!is_valid_id(bad), "{bad:?}");
            assert!(bad.parse::<ArticleId>().is_err(), "{bad:?}");
        }
        let id: ArticleId = "1201".parse().unwrap();
        assert_eq!(id.path(), "/article/1201");
    }

    #[test]
    fn urls_are_limited_to_http_and_same_origin() {
        for good in [
            "/images/a.svg",
            "https://example.com/a.jpg",
            "HTTP://example.com",
            "http://example.com?x=1",
        ] {
            assert!(SafeUrl::parse(good).is_some(), "{good:?}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>",
            "//evil.example/x",
            "/\\evil.example",
            "https://",
            "https://user@evil.example/",
            "https://a.example/ b",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "images/relative.svg",
            "/a\u{202E}b",
            "",
        ] {
            assert!(SafeUrl::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn plain_http_pictures_are_upgraded() {
        let image = |raw: &str| SafeUrl::parse_image(raw).map(|u| u.as_str().to_owned());
        assert_eq!(
            image("http://cdn.example/a.jpg").as_deref(),
            Some("https://cdn.example/a.jpg")
        );
        assert_eq!(
            image("HTTP://cdn.example/a.jpg").as_deref(),
            Some("https://cdn.example/a.jpg")
        );
        assert_eq!(
            image("https://cdn.example/a.jpg").as_deref(),
            Some("https://cdn.example/a.jpg")
        );
        assert_eq!(image("/images/a.svg").as_deref(), Some("/images/a.svg"));
        assert_eq!(image("http://"), None);
        assert_eq!(image("javascript:alert(1)"), None);
    }

    #[test]
    fn preview_urls_are_made_absolute() {
        let path = SafeUrl::parse("/images/a.svg").unwrap();
        assert_eq!(
            path.absolute("https://news.example/"),
            "https://news.example/images/a.svg"
        );
        let full = SafeUrl::parse("https://cdn.example/a.jpg").unwrap();
        assert_eq!(
            full.absolute("https://news.example"),
            "https://cdn.example/a.jpg"
        );
    }
}
