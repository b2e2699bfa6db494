//! The contract's types written back as documents: only the fields the
//! contract defines, in its shapes (times as RFC 3339 in Korea time; see `kst::rfc3339`), so
//! that what a decoder accepted can be published again without anything it
//! ignored. The build step embeds documents written here, and the sync
//! program writes its documents here. Decoding what this writes gives the
//! same value back (a property test checks it for every document kind).

use crate::codec;
use crate::contract::{
    Article, ArticleList, ArticleSummary, Author, Block, Devices, Image, Notice, Weather,
};
use crate::kst::rfc3339;
use serde::Serialize;

#[derive(Serialize)]
struct WireImage<'a> {
    src: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    alt: &'a str,
}

impl<'a> From<&'a Image> for WireImage<'a> {
    fn from(image: &'a Image) -> Self {
        WireImage {
            src: image.src.as_str(),
            alt: &image.alt,
        }
    }
}

#[derive(Serialize)]
struct WireSummary<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    published_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail: Option<WireImage<'a>>,
}

impl<'a> From<&'a ArticleSummary> for WireSummary<'a> {
    fn from(a: &'a ArticleSummary) -> Self {
        WireSummary {
            id: a.id.as_str(),
            title: &a.title,
            summary: a.summary.as_deref(),
            section: a.section.as_deref(),
            published_at: rfc3339(a.published_at),
            thumbnail: a.thumbnail.as_ref().map(WireImage::from),
        }
    }
}

#[derive(Serialize)]
struct WireList<'a> {
    articles: Vec<WireSummary<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_page: Option<&'a str>,
}

#[derive(Serialize)]
struct WireAuthor<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
}

impl<'a> From<&'a Author> for WireAuthor<'a> {
    fn from(a: &'a Author) -> Self {
        WireAuthor {
            name: &a.name,
            email: a.email.as_deref(),
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum WireBlock<'a> {
    Paragraph {
        text: &'a str,
    },
    Heading {
        text: &'a str,
    },
    Quote {
        text: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        cite: Option<&'a str>,
    },
    Image {
        src: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        alt: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        credit: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        width: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        height: Option<u32>,
    },
}

impl<'a> From<&'a Block> for WireBlock<'a> {
    fn from(b: &'a Block) -> Self {
        match b {
            Block::Paragraph { text } => WireBlock::Paragraph { text },
            Block::Heading { text } => WireBlock::Heading { text },
            Block::Quote { text, cite } => WireBlock::Quote {
                text,
                cite: cite.as_deref(),
            },
            Block::Image {
                src,
                alt,
                caption,
                credit,
                width,
                height,
            } => WireBlock::Image {
                src: src.as_str(),
                alt,
                caption: caption.as_deref(),
                credit: credit.as_deref(),
                width: *width,
                height: *height,
            },
        }
    }
}

#[derive(Serialize)]
struct WireArticle<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<WireAuthor<'a>>,
    published_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_at: Option<String>,
    body: Vec<WireBlock<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
}

#[derive(Serialize)]
struct WireStation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    name: &'a str,
    condition: &'a str,
    temperature_c: f64,
}

#[derive(Serialize)]
struct WireWeather<'a> {
    provider: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    observed_at: Option<String>,
    stations: Vec<WireStation<'a>>,
}

#[derive(Serialize)]
struct WireNotice<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<WireImage<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    starts_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ends_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    devices: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snooze_hours: Option<u32>,
}

#[derive(Serialize)]
struct WireNotices<'a> {
    notices: Vec<WireNotice<'a>>,
}

/// `articles.json` (or a `next_page` document).
pub fn article_list(list: &ArticleList) -> String {
    codec::to_string(&WireList {
        articles: list.articles.iter().map(WireSummary::from).collect(),
        next_page: list.next_page.as_deref(),
    })
}

/// `articles/<id>.json`.
pub fn article(a: &Article) -> String {
    codec::to_string(&WireArticle {
        id: a.id.as_str(),
        title: &a.title,
        subtitle: a.subtitle.as_deref(),
        section: a.section.as_deref(),
        author: a.author.as_ref().map(WireAuthor::from),
        published_at: rfc3339(a.published_at),
        updated_at: a.updated_at.and_then(rfc3339),
        body: a.body.iter().map(WireBlock::from).collect(),
        tags: &a.tags,
    })
}

/// `weather.json`.
pub fn weather(w: &Weather) -> String {
    codec::to_string(&WireWeather {
        provider: &w.provider,
        observed_at: w.observed_at.and_then(rfc3339),
        stations: w
            .stations
            .iter()
            .map(|s| WireStation {
                id: s.id.as_deref(),
                name: &s.name,
                condition: &s.condition,
                temperature_c: s.temperature_c,
            })
            .collect(),
    })
}

/// `notices.json`.
pub fn notices(notices: &[Notice]) -> String {
    codec::to_string(&WireNotices {
        notices: notices
            .iter()
            .map(|n| WireNotice {
                id: &n.id,
                version: n.version.as_deref(),
                title: &n.title,
                body: n.body.as_deref(),
                image: n.image.as_ref().map(WireImage::from),
                link: n.link.as_ref().map(|l| l.as_str()),
                starts_at: n.starts_at.and_then(rfc3339),
                ends_at: n.ends_at.and_then(rfc3339),
                devices: (n.devices != Devices::BOTH).then(|| {
                    [(n.devices.pc, "pc"), (n.devices.mobile, "mobile")]
                        .into_iter()
                        .filter_map(|(on, name)| on.then_some(name))
                        .collect()
                }),
                snooze_hours: n.snooze_hours,
            })
            .collect(),
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::contract::{decode_article, decode_article_list, decode_notices, decode_weather};

    #[test]
    fn what_is_written_decodes_to_the_same_value_without_unknown_fields() {
        let doc = r#"{"id":"a-1","title":"제목","subtitle":"부제","section":"행정",
            "author":{"name":"김기자","email":"kim@example.com","phone":"010"},
            "published_at":"2025-12-08T01:00:00Z","updated_at":"2025-12-08T11:30:00+09:00",
            "body":[{"type":"image","src":"http://cdn.example/a.jpg","width":1200,"height":675,"exif":"x"},
                    {"type":"paragraph","text":"첫 줄\n둘째 줄"},{"type":"quote","text":"인용"},
                    {"type":"video","src":"/v.mp4"},{"type":"heading","text":"소제목"}],
            "tags":["가","나"],"internal_editor_note":"DO NOT PUBLISH"}"#;
        let a = decode_article(doc).unwrap();
        let out = article(&a);
        assert_eq!(decode_article(&out).unwrap(), a);
        for unknown in ["internal_editor_note", "phone", "exif", "video"] {
            assert!(!out.contains(unknown), "{unknown} in {out}");
        }
        assert!(
            out.contains(r#""published_at":"2025-12-08T10:00:00+09:00""#),
            "{out}"
        );
        assert!(
            out.contains(r#""src":"https://cdn.example/a.jpg""#),
            "{out}"
        );

        let list = decode_article_list(
            r#"{"articles":[{"id":"a","title":"t","published_at":"2025-12-08T10:00:00+09:00","secret":1,
               "thumbnail":{"src":"/i.png","alt":"그림"}}],"next_page":"p2.json?x=1","total":9}"#,
        )
        .unwrap();
        let out = article_list(&list);
        assert_eq!(decode_article_list(&out).unwrap(), list);
        assert!(!out.contains("secret") && !out.contains("total"), "{out}");

        let w = decode_weather(
            r#"{"provider":"기상청","observed_at":"2025-12-08T10:00:00+09:00",
               "stations":[{"id":"108","name":"서울","condition":"맑음","temperature_c":-3.4,"wind":2}]}"#,
        )
        .unwrap();
        let out = weather(&w);
        assert_eq!(decode_weather(&out).unwrap(), w);
        assert!(!out.contains("wind"), "{out}");

        let n = decode_notices(
            r#"{"notices":[{"id":"n1","version":7,"title":"공지","body":"본문","link":"/article/1",
               "starts_at":"2025-12-01T00:00:00+09:00","ends_at":"2025-12-31T23:59:59+09:00","author_ip":"10.0.0.1"},
               {"id":"n2","title":"PC 공지","devices":["pc"],"snooze_hours":24}]}"#,
        )
        .unwrap();
        let out = notices(&n);
        assert_eq!(decode_notices(&out).unwrap(), n);
        assert!(!out.contains("author_ip"), "{out}");
        assert!(
            out.contains(r#""devices":["pc"],"snooze_hours":24"#),
            "{out}"
        );
    }
}
