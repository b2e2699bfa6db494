//! What every prerendered file says about the site as a whole: its public
//! URL (for absolute links), name and description.

/// Used when neither `SITE_URL` nor the shell's `<meta name="site-url">`
/// names the public address (the address `trunk serve` listens on).
pub const DEFAULT_URL: &str = "http://127.0.0.1:8080";

#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// `https://news.example` (or with a path prefix), no trailing slash.
    pub url: String,
    pub name: String,
    /// The shell's own `<meta name="description">`.
    pub description: String,
}

impl Site {
    /// The absolute URL of a path on this site (`/favicon.svg`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// The home page's URL.
    pub fn home(&self) -> String {
        self.link("/")
    }

    /// An article's public URL, as the app's share control builds it.
    pub fn article(&self, id: &str) -> String {
        gazette_core::urls::canonical_url(&self.url, "", id)
    }
}

/// Checks a configured site URL: `http(s)://host[:port][/path]`, nothing a
/// link, a robots.txt line or an XML element could be broken by (no white
/// space, quotes, angle brackets, user-info, query or fragment). Returns it
/// without the trailing slash.
pub fn parse_url(raw: &str) -> Result<String, String> {
    let url = raw.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("SITE_URL must start with http:// or https://, got {raw:?}"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~/:%!$()*+,;=".contains(c);
    if host.is_empty() || !url.chars().all(allowed) || url.len() > 512 {
        return Err(format!(
            "SITE_URL must be a plain http(s) address such as https://news.example, got {raw:?}"
        ));
    }
    Ok(url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_url_loses_its_trailing_slash() {
        assert_eq!(
            parse_url(" https://news.example/ ").unwrap(),
            "https://news.example"
        );
        assert_eq!(
            parse_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            parse_url("https://cdn.example/news/").unwrap(),
            "https://cdn.example/news"
        );
    }

    #[test]
    fn site_url_must_be_plain_http() {
        for bad in [
            "",
            "news.example",
            "ftp://news.example",
            "javascript:alert(1)",
            "https://",
            "https:///path",
            "https://news.example/a b",
            "https://news.example/\"><script>",
            "https://user@news.example",
            "https://news.example/?q=1",
            "https://news.example/#top",
            "https://news.example\nDisallow: /",
        ] {
            assert!(parse_url(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn links_are_absolute() {
        let site = Site {
            url: "https://news.example".into(),
            name: "한빛일보".into(),
            description: String::new(),
        };
        assert_eq!(site.home(), "https://news.example/");
        assert_eq!(site.article("1201"), "https://news.example/article/1201");
    }
}
