//! Run-time configuration, read once at start-up from `<meta>` tags in
//! `index.html`, so one build can be pointed at any backend and site.

use crate::links::LegacyBoards;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// `<meta name="api-base">`: where the JSON contract is served.
    pub api_base: String,
    /// `<meta name="site-name">`: the newspaper's name.
    pub site_name: String,
    /// One line about the newspaper, for the home page's description and
    /// previews.
    pub site_description: String,
    /// `<meta name="site-url">`: public origin for canonical and share links;
    /// empty means the page's own origin.
    pub site_url: String,
    /// `<meta name="kakao-app-key">`: enables KakaoTalk sharing when set.
    pub kakao_app_key: Option<String>,
    /// `<meta name="api-timeout-ms">`: per-request time limit.
    pub timeout_ms: u32,
    /// `<meta name="api-max-article-bytes">`: largest article list or
    /// article document read.
    pub max_article_bytes: u32,
    /// `<meta name="api-max-update-bytes">`: largest weather or notices
    /// document read.
    pub max_update_bytes: u32,
    /// `<meta name="clock">`: an RFC 3339 instant the page's clock starts
    /// from instead of the device time (tests and demos; unset in production).
    pub clock_start: Option<i64>,
    /// `<meta name="weather-refresh-ms">`: how often the ticker refetches.
    pub weather_refresh_ms: u32,
    /// The picture a shared story without one of its own shows: a path on
    /// this site or an `http(s)` URL.
    pub preview_image: Option<String>,
    /// `<meta name="gnuboard-boards">`: the Gnuboard5 boards the articles
    /// were synced from (`news` or `news,photo`), which decide where old
    /// board links lead; empty: any board's `wr_id` is the article id.
    pub gnuboard_boards: LegacyBoards,
}

pub const DEFAULT_SITE_NAME: &str = "한빛일보";

impl Config {
    /// Builds the configuration from a meta-tag lookup; missing or unusable
    /// values fall back to defaults.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        Self::read(get).0
    }

    /// [`Config::from_lookup`], with a message for the console about each
    /// setting that was refused in a way the operator should hear of.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> (Self, Vec<String>) {
        let get = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut warnings = Vec::new();
        let config = Self {
            api_base: get("api-base").map_or_else(
                || crate::api::DEFAULT_BASE.to_owned(),
                |b| {
                    api_base(&b).unwrap_or_else(|warning| {
                        warnings.push(warning);
                        crate::api::DEFAULT_BASE.to_owned()
                    })
                },
            ),
            site_name: get("site-name").unwrap_or_else(|| DEFAULT_SITE_NAME.to_owned()),
            site_description: get("site-description").unwrap_or_default(),
            site_url: get("site-url")
                .map(|u| u.trim_end_matches('/').to_owned())
                .filter(|u| {
                    let host = u
                        .strip_prefix("https://")
                        .or_else(|| u.strip_prefix("http://"))
                        .and_then(|rest| rest.split('/').next());
                    host.is_some_and(|h| !h.is_empty() && !h.contains([' ', '\\', '?', '#', '@']))
                })
                .unwrap_or_default(),
            kakao_app_key: get("kakao-app-key")
                .filter(|k| k.len() <= 64 && k.bytes().all(|b| b.is_ascii_alphanumeric())),
            timeout_ms: get("api-timeout-ms")
                .and_then(|t| t.parse().ok())
                .filter(|t| (100..=120_000).contains(t))
                .unwrap_or(crate::api::TIMEOUT_MS),
            max_article_bytes: byte_limit(get("api-max-article-bytes"))
                .unwrap_or(crate::api::MAX_ARTICLE_BYTES),
            max_update_bytes: byte_limit(get("api-max-update-bytes"))
                .unwrap_or(crate::api::MAX_UPDATE_BYTES),
            clock_start: get("clock").and_then(|c| crate::kst::parse_rfc3339(&c)),
            weather_refresh_ms: get("weather-refresh-ms")
                .and_then(|t| t.parse().ok())
                .filter(|t| (1_000..=86_400_000).contains(t))
                .unwrap_or(crate::weather::REFRESH_MS),
            preview_image: get("preview-image")
                .and_then(|u| crate::ids::SafeUrl::parse_image(&u))
                .map(|u| u.as_str().to_owned()),
            gnuboard_boards: get("gnuboard-boards").map_or_else(LegacyBoards::default, |raw| {
                let invalid = LegacyBoards::invalid_entries(&raw);
                if !invalid.is_empty() {
                    warnings.push(format!(
                        "<meta name=\"gnuboard-boards\" content={raw:?}>: {invalid:?} not \
                         board tables ([A-Za-z0-9_], 1 to 20 characters); ignored"
                    ));
                }
                LegacyBoards::parse(&raw)
            }),
        };
        (config, warnings)
    }
}

/// A document size limit: 1 KiB to 64 MiB.
fn byte_limit(raw: Option<String>) -> Option<u32> {
    raw?.parse()
        .ok()
        .filter(|n| (1024..=64 * 1024 * 1024).contains(n))
}

/// The API base from `<meta name="api-base">`: a path on this origin
/// (`/api`) or an `http(s)` URL. Anything else (`//host`, `/\\host`,
/// `javascript:`) would send every request somewhere the operator did not
/// mean: the error names it for the console, and the default is used.
fn api_base(raw: &str) -> Result<String, String> {
    match crate::ids::SafeUrl::parse(raw) {
        Some(url) if !url.as_str().contains(['?', '#']) => Ok(url.as_str().to_owned()),
        _ => Err(format!(
            "<meta name=\"api-base\" content={raw:?}>: not a path on this site or an \
             http(s) URL; using {}",
            crate::api::DEFAULT_BASE
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_when_nothing_is_configured() {
        let c = Config::from_lookup(|_| None);
        assert_eq!(c.api_base, "/api");
        assert_eq!(c.site_name, DEFAULT_SITE_NAME);
        assert_eq!(c.site_url, "");
        assert_eq!(c.kakao_app_key, None);
        assert_eq!(c.timeout_ms, 10_000);
        assert_eq!(c.max_article_bytes, 2_097_152);
        assert_eq!(c.max_update_bytes, 524_288);
        assert_eq!(c.clock_start, None);
        assert_eq!(c.weather_refresh_ms, 600_000);
        assert_eq!(c.preview_image, None);
        assert_eq!(c.gnuboard_boards, LegacyBoards::default());
    }

    #[test]
    fn configured_values_are_used_and_bad_ones_ignored() {
        let c = Config::from_lookup(|name| {
            Some(String::from(match name {
                "api-base" => "https://cms.example/api",
                "site-url" => "https://news.example/",
                "kakao-app-key" => "abc123",
                "api-timeout-ms" => "1500",
                "clock" => "2025-12-24T23:59:50+09:00",
                "weather-refresh-ms" => "2000",
                "preview-image" => "/images/og-default.png",
                "api-max-article-bytes" => "4000000",
                "api-max-update-bytes" => "65536",
                "gnuboard-boards" => " news, photo ",
                _ => " ",
            }))
        });
        assert_eq!(c.api_base, "https://cms.example/api");
        assert_eq!(c.site_url, "https://news.example");
        assert_eq!(c.kakao_app_key.as_deref(), Some("abc123"));
        assert_eq!(c.timeout_ms, 1500);
        assert_eq!(c.site_name, DEFAULT_SITE_NAME);
        assert_eq!(c.clock_start, Some(1_766_588_390));
        assert_eq!(c.weather_refresh_ms, 2000);
        assert_eq!(c.preview_image.as_deref(), Some("/images/og-default.png"));
        assert_eq!(
            (c.max_article_bytes, c.max_update_bytes),
            (4_000_000, 65_536)
        );
        assert_eq!(c.gnuboard_boards.tables(), ["news", "photo"]);

        let hostile = Config::from_lookup(|name| {
            Some(String::from(match name {
                "api-base" => "javascript:alert(1)",
                "kakao-app-key" => "\"><script>",
                "api-timeout-ms" => "-5",
                "clock" => "yesterday",
                "weather-refresh-ms" => "5",
                "preview-image" => "javascript:alert(1)",
                "api-max-article-bytes" => "0",
                "api-max-update-bytes" => "1e9",
                "gnuboard-boards" => "../x,<script>",
                _ => "",
            }))
        });
        assert_eq!(hostile.api_base, "/api");
        assert_eq!(hostile.kakao_app_key, None);
        assert_eq!(hostile.timeout_ms, 10_000);
        for bad_site in ["https://", "http:///", "https:///x", "ftp://a.example"] {
            let c = Config::from_lookup(|n| (n == "site-url").then(|| bad_site.to_owned()));
            assert_eq!(c.site_url, "", "{bad_site}");
        }
        assert_eq!(hostile.clock_start, None);
        assert_eq!(hostile.weather_refresh_ms, 600_000);
        assert_eq!(hostile.preview_image, None);
        assert_eq!(hostile.max_article_bytes, 2_097_152);
        assert_eq!(hostile.max_update_bytes, 524_288);
        assert_eq!(hostile.gnuboard_boards, LegacyBoards::default());
    }

    #[test]
    fn gnuboard_boards_keep_valid_tables_and_name_the_rest() {
        let read = |raw: &str| Config::read(|n| (n == "gnuboard-boards").then(|| raw.to_owned()));
        let (c, warnings) = read("news");
        assert_eq!(c.gnuboard_boards.tables(), ["news"]);
        assert!(warnings.is_empty());
        let (c, warnings) = read("news,photo,news,");
        assert_eq!(c.gnuboard_boards.tables(), ["news", "photo"]);
        assert!(warnings.is_empty());
        let (c, warnings) = read("news, ../x ,photo");
        assert_eq!(c.gnuboard_boards.tables(), ["news", "photo"]);
        assert!(
            warnings.len() == 1
                && warnings[0].contains("gnuboard-boards")
                && warnings[0].contains("../x"),
            "{warnings:?}"
        );
        let (c, warnings) = read("news photo");
        assert_eq!(c.gnuboard_boards, LegacyBoards::default());
        assert_eq!(warnings.len(), 1);
        let (c, warnings) = read(" , ");
        assert_eq!(c.gnuboard_boards, LegacyBoards::default());
        assert!(warnings.is_empty());
    }

    #[test]
    fn the_api_base_is_a_path_here_or_an_http_url() {
        let base =
            |raw: &str| Config::from_lookup(|n| (n == "api-base").then(|| raw.to_owned())).api_base;
        for good in [
            "/api",
            "/news/api/",
            "https://cms.example/api",
            "http://localhost:8080",
        ] {
            assert_eq!(base(good), good, "{good}");
        }
        for bad in [
            "//evil.example/api",
            "/\\evil.example/api",
            "\\\\evil.example",
            "javascript:alert(1)",
            "api",
            "https://user@evil.example/api",
            "/api?x=1",
            "/api#x",
            "/a\u{202E}pi",
        ] {
            assert_eq!(base(bad), "/api", "{bad:?}");
            let (_, warnings) = Config::read(|n| (n == "api-base").then(|| bad.to_owned()));
            assert!(
                warnings.len() == 1 && warnings[0].contains("api-base"),
                "{bad:?}"
            );
        }
        assert!(
            Config::read(|n| (n == "api-base").then(|| "/api".to_owned()))
                .1
                .is_empty()
        );
    }
}
