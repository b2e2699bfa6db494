//! Share links for an article: what is shared and one link per service,
//! every parameter percent-encoded.

use crate::urls::encode;

/// The Kakao JavaScript SDK, loaded on first use only: one pinned version,
/// with the integrity hash Kakao publishes for it, so a changed file on
/// their CDN is refused by the browser instead of run. (The build's
/// Trusted Types policy names this URL as one the page may load.)
pub const KAKAO_SDK: &str = "https://t1.kakaocdn.net/kakao_js_sdk/2.7.4/kakao.min.js";
pub const KAKAO_SDK_INTEGRITY: &str =
    "sha384-DKYJZ8NLiK8MN4/C5P2dtSmLQ4KwPaoqAfyA/DfmEc1VDxu4yyC7wy6K1Hs90nka";

/// What to share.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareTarget {
    pub title: String,
    pub description: String,
    /// Absolute URL of the story's preview picture, for KakaoTalk cards.
    pub image: Option<String>,
    /// The story's canonical URL.
    pub url: String,
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
    use crate::urls::decode;

    fn param<'a>(link: &'a str, name: &str) -> &'a str {
        let query = link.split_once('?').unwrap().1;
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} in {link}"))
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
