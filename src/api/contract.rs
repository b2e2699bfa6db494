//! The JSON contract between the app and its backend, decoded and validated.
//!
//! Documents are parsed to a [`json::Value`] and then read field by field,
//! so one bad list entry is dropped on its own instead of failing the whole
//! document, unknown fields and block types are ignored (forward compatible),
//! and everything a view receives already satisfies the invariants in
//! [`super::sanitize`]. See README.md for the contract itself.

use super::sanitize::{clean_text, is_valid_id, safe_relative_path, safe_url};
use crate::json::{self, Map, Value};
use crate::kst::parse_rfc3339;
use std::collections::HashSet;

/// Length limits, in characters, for the text fields.
pub mod limits {
    pub const TITLE: usize = 300;
    pub const SUMMARY: usize = 600;
    pub const SECTION: usize = 40;
    pub const NAME: usize = 60;
    pub const PARAGRAPH: usize = 20_000;
    pub const CAPTION: usize = 1_000;
    pub const ALT: usize = 500;
    pub const TAG: usize = 40;
    pub const TAGS: usize = 30;
    pub const BLOCKS: usize = 2_000;
    pub const LIST: usize = 500;
    pub const STATIONS: usize = 400;
    pub const NOTICES: usize = 50;
    pub const CONDITION: usize = 20;
    pub const EMAIL: usize = 254;
    pub const NOTICE_BODY: usize = 5_000;
    pub const VERSION: usize = 64;
    pub const IMAGE_DIMENSION: u32 = 20_000;
}

/// Why a whole document was refused. Entries inside lists never cause this:
/// they are dropped one by one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON at all.
    Syntax(String),
    /// JSON, but not the expected shape (e.g. `articles` is not a list).
    Shape(&'static str),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Syntax(e) => write!(f, "malformed JSON: {e}"),
            DecodeError::Shape(what) => write!(f, "unexpected document shape: {what}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub src: String,
    pub alt: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub section: Option<String>,
    /// Unix seconds.
    pub published_at: i64,
    pub thumbnail: Option<Image>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArticleList {
    pub articles: Vec<ArticleSummary>,
    /// Path relative to the API base, already checked.
    pub next_page: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Author {
    pub name: String,
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
        cite: Option<String>,
    },
    Image {
        src: String,
        alt: String,
        caption: Option<String>,
        credit: Option<String>,
        width: Option<u32>,
        height: Option<u32>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub section: Option<String>,
    pub author: Option<Author>,
    pub published_at: i64,
    pub updated_at: Option<i64>,
    pub body: Vec<Block>,
    pub tags: Vec<String>,
}

impl Article {
    /// A one-line description for meta tags and previews: the subtitle, or
    /// the start of the first paragraph.
    pub fn description(&self) -> String {
        let source = self.subtitle.as_deref().or_else(|| {
            self.body.iter().find_map(|b| match b {
                Block::Paragraph { text } => Some(text.as_str()),
                _ => None,
            })
        });
        source
            .and_then(|s| clean_text(s, 160, false))
            .unwrap_or_else(|| self.title.clone())
    }

    /// The first image block, used for previews.
    pub fn lead_image(&self) -> Option<&Block> {
        self.body.iter().find(|b| matches!(b, Block::Image { .. }))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Station {
    pub id: Option<String>,
    pub name: String,
    pub condition: String,
    pub temperature_c: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Weather {
    pub provider: String,
    pub observed_at: Option<i64>,
    pub stations: Vec<Station>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: String,
    pub version: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub image: Option<Image>,
    pub link: Option<String>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
}

fn parse_object(doc: &str) -> Result<Map, DecodeError> {
    match json::parse(doc) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(DecodeError::Shape("the document is not a JSON object")),
        Err(e) => Err(DecodeError::Syntax(e.to_string())),
    }
}

fn list<'a>(obj: &'a Map, key: &str, missing: &'static str) -> Result<&'a [Value], DecodeError> {
    match obj.get(key) {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(DecodeError::Shape(missing)),
    }
}

fn text(obj: &Map, key: &str, max: usize) -> Option<String> {
    obj.get(key)?
        .as_str()
        .and_then(|s| clean_text(s, max, false))
}

fn long_text(obj: &Map, key: &str, max: usize) -> Option<String> {
    obj.get(key)?
        .as_str()
        .and_then(|s| clean_text(s, max, true))
}

fn id(obj: &Map) -> Option<String> {
    let raw = obj.get("id")?.as_str()?;
    is_valid_id(raw).then(|| raw.to_owned())
}

fn time(obj: &Map, key: &str) -> Option<i64> {
    obj.get(key)?.as_str().and_then(parse_rfc3339)
}

fn url(obj: &Map, key: &str) -> Option<String> {
    obj.get(key)?.as_str().and_then(safe_url)
}

fn image(value: Option<&Value>) -> Option<Image> {
    let obj = value?.as_object()?;
    Some(Image {
        src: url(obj, "src")?,
        alt: text(obj, "alt", limits::ALT).unwrap_or_default(),
    })
}

fn dimension(obj: &Map, key: &str) -> Option<u32> {
    let n = obj.get(key)?.as_u64()?;
    (1..=u64::from(limits::IMAGE_DIMENSION))
        .contains(&n)
        .then_some(n as u32)
}

/// Keeps the first entry for each id.
fn dedup_by_id<T>(items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut seen = HashSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(key(item).to_owned()))
        .collect()
}

fn summary(value: &Value) -> Option<ArticleSummary> {
    let obj = value.as_object()?;
    Some(ArticleSummary {
        id: id(obj)?,
        title: text(obj, "title", limits::TITLE)?,
        summary: text(obj, "summary", limits::SUMMARY),
        section: text(obj, "section", limits::SECTION),
        published_at: time(obj, "published_at")?,
        thumbnail: image(obj.get("thumbnail")),
    })
}

/// `{base}/articles.json` and its `next_page` documents.
pub fn decode_article_list(doc: &str) -> Result<ArticleList, DecodeError> {
    let obj = parse_object(doc)?;
    let items = list(&obj, "articles", "`articles` must be a list")?;
    let articles = items
        .iter()
        .take(limits::LIST)
        .filter_map(summary)
        .collect();
    Ok(ArticleList {
        articles: dedup_by_id(articles, |a| &a.id),
        next_page: obj
            .get("next_page")
            .and_then(Value::as_str)
            .and_then(safe_relative_path),
    })
}

fn block(value: &Value) -> Option<Block> {
    let obj = value.as_object()?;
    match obj.get("type")?.as_str()? {
        "paragraph" => Some(Block::Paragraph {
            text: long_text(obj, "text", limits::PARAGRAPH)?,
        }),
        "heading" => Some(Block::Heading {
            text: text(obj, "text", limits::TITLE)?,
        }),
        "quote" => Some(Block::Quote {
            text: long_text(obj, "text", limits::PARAGRAPH)?,
            cite: text(obj, "cite", limits::NAME),
        }),
        "image" => Some(Block::Image {
            src: url(obj, "src")?,
            alt: text(obj, "alt", limits::ALT).unwrap_or_default(),
            caption: long_text(obj, "caption", limits::CAPTION),
            credit: text(obj, "credit", limits::NAME),
            width: dimension(obj, "width"),
            height: dimension(obj, "height"),
        }),
        _ => None,
    }
}

/// `{base}/articles/{id}.json`.
pub fn decode_article(doc: &str) -> Result<Article, DecodeError> {
    let obj = parse_object(doc)?;
    let author = obj.get("author").and_then(Value::as_object).and_then(|a| {
        Some(Author {
            name: text(a, "name", limits::NAME)?,
            email: text(a, "email", limits::EMAIL).filter(|e| is_plausible_email(e)),
        })
    });
    let body = list(&obj, "body", "`body` must be a list of blocks")?
        .iter()
        .take(limits::BLOCKS)
        .filter_map(block)
        .collect();
    let tags = match obj.get("tags") {
        Some(Value::Array(tags)) => {
            let tags: Vec<String> = tags
                .iter()
                .filter_map(|t| t.as_str().and_then(|s| clean_text(s, limits::TAG, false)))
                .collect();
            let mut seen = HashSet::new();
            tags.into_iter()
                .filter(|t| seen.insert(t.clone()))
                .take(limits::TAGS)
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(Article {
        id: id(&obj).ok_or(DecodeError::Shape("`id` is missing or invalid"))?,
        title: text(&obj, "title", limits::TITLE)
            .ok_or(DecodeError::Shape("`title` is missing or empty"))?,
        subtitle: text(&obj, "subtitle", limits::SUMMARY),
        section: text(&obj, "section", limits::SECTION),
        author,
        published_at: time(&obj, "published_at").ok_or(DecodeError::Shape(
            "`published_at` is missing or not RFC 3339",
        ))?,
        updated_at: time(&obj, "updated_at"),
        body,
        tags,
    })
}

fn is_plausible_email(e: &str) -> bool {
    let mut parts = e.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(user), Some(host), None) if !user.is_empty() && host.contains('.')
            && !e.contains([' ', '<', '>', '"', '\'', '?', '&', '#'])
    )
}

/// Plausible surface air temperatures; anything outside is a data error.
const TEMPERATURE_RANGE: std::ops::RangeInclusive<f64> = -90.0..=60.0;

fn station(value: &Value) -> Option<Station> {
    let obj = value.as_object()?;
    let temperature_c = obj.get("temperature_c")?.as_f64()?;
    if !temperature_c.is_finite() || !TEMPERATURE_RANGE.contains(&temperature_c) {
        return None;
    }
    Some(Station {
        id: obj
            .get("id")
            .and_then(Value::as_str)
            .filter(|s| is_valid_id(s))
            .map(str::to_owned),
        name: text(obj, "name", limits::NAME)?,
        condition: text(obj, "condition", limits::CONDITION).unwrap_or_default(),
        temperature_c,
    })
}

/// `{base}/weather.json`.
pub fn decode_weather(doc: &str) -> Result<Weather, DecodeError> {
    let obj = parse_object(doc)?;
    let stations = list(&obj, "stations", "`stations` must be a list")?
        .iter()
        .take(limits::STATIONS)
        .filter_map(station)
        .collect();
    Ok(Weather {
        provider: text(&obj, "provider", limits::NAME).unwrap_or_else(|| "기상청".into()),
        observed_at: time(&obj, "observed_at"),
        stations,
    })
}

fn notice(value: &Value) -> Option<Notice> {
    let obj = value.as_object()?;
    Some(Notice {
        id: id(obj)?,
        version: obj.get("version").and_then(|v| match v {
            Value::String(s) => clean_text(s, limits::VERSION, false),
            Value::Number(n) => Some(n.text()),
            _ => None,
        }),
        title: text(obj, "title", limits::TITLE)?,
        body: long_text(obj, "body", limits::NOTICE_BODY),
        image: image(obj.get("image")),
        link: url(obj, "link"),
        starts_at: time(obj, "starts_at"),
        ends_at: time(obj, "ends_at"),
    })
}

/// `{base}/notices.json`.
pub fn decode_notices(doc: &str) -> Result<Vec<Notice>, DecodeError> {
    let obj = parse_object(doc)?;
    let notices = list(&obj, "notices", "`notices` must be a list")?
        .iter()
        .take(limits::NOTICES)
        .filter_map(notice)
        .collect();
    Ok(dedup_by_id(notices, |n| &n.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"{
        "id": "yg-1",
        "title": "영광군, 공공구매 설명회 개최",
        "subtitle": "담당자 29명 대상",
        "section": "행정",
        "author": {"name": "김기자", "email": "kim@example.com"},
        "published_at": "2025-12-08T10:00:00+09:00",
        "updated_at": "2025-12-08T11:30:00+09:00",
        "body": [
            {"type": "image", "src": "/images/a.svg", "alt": "설명회", "caption": "설명회 모습", "width": 1200, "height": 675},
            {"type": "paragraph", "text": "영광군은 지난 7일 설명회를 개최했다."},
            {"type": "video", "src": "/v.mp4"},
            {"type": "quote", "text": "기대한다", "cite": "군청 관계자"},
            {"type": "heading", "text": "한편"}
        ],
        "tags": ["영광군", "공공구매", "영광군"],
        "future_field": {"ignored": true}
    }"#;

    #[test]
    fn valid_article_decodes_with_blocks_in_order() {
        let a = decode_article(ARTICLE).unwrap();
        assert_eq!(a.id, "yg-1");
        assert_eq!(
            a.author.as_ref().unwrap().email.as_deref(),
            Some("kim@example.com")
        );
        assert_eq!(a.body.len(), 4, "the unknown `video` block is skipped");
        assert!(matches!(
            a.body[0],
            Block::Image {
                width: Some(1200),
                height: Some(675),
                ..
            }
        ));
        assert!(matches!(a.body[1], Block::Paragraph { .. }));
        assert!(matches!(&a.body[2], Block::Quote { cite: Some(c), .. } if c == "군청 관계자"));
        assert!(matches!(a.body[3], Block::Heading { .. }));
        assert_eq!(a.tags, vec!["영광군", "공공구매"]);
        assert_eq!(a.description(), "담당자 29명 대상");
        assert_eq!(a.updated_at.unwrap() - a.published_at, 5400);
    }

    #[test]
    fn optional_article_fields_may_be_missing() {
        let a = decode_article(
            r#"{"id":"x","title":"제목","published_at":"2025-12-08T10:00:00Z","body":[]}"#,
        )
        .unwrap();
        assert_eq!(a.subtitle, None);
        assert_eq!(a.author, None);
        assert_eq!(a.updated_at, None);
        assert!(a.tags.is_empty());
        assert_eq!(a.description(), "제목");
    }

    #[test]
    fn article_with_wrong_types_is_refused_with_a_reason() {
        let cases = [
            (
                r#"{"id":5,"title":"t","published_at":"2025-12-08T10:00:00Z","body":[]}"#,
                "`id`",
            ),
            (
                r#"{"id":"x","title":["t"],"published_at":"2025-12-08T10:00:00Z","body":[]}"#,
                "`title`",
            ),
            (
                r#"{"id":"x","title":"t","published_at":1733600000,"body":[]}"#,
                "`published_at`",
            ),
            (
                r#"{"id":"x","title":"t","published_at":"2025-12-08T10:00:00Z","body":"text"}"#,
                "`body`",
            ),
            (r#"["not", "an", "object"]"#, "object"),
        ];
        for (doc, reason) in cases {
            match decode_article(doc) {
                Err(DecodeError::Shape(msg)) => assert!(msg.contains(reason), "{doc}: {msg}"),
                other => panic!("{doc}: {other:?}"),
            }
        }
        assert!(matches!(
            decode_article("{not json"),
            Err(DecodeError::Syntax(_))
        ));
        assert!(matches!(
            decode_article("<!doctype html>"),
            Err(DecodeError::Syntax(_))
        ));
    }

    #[test]
    fn bad_blocks_are_dropped_one_by_one() {
        let a = decode_article(
            r#"{"id":"x","title":"t","published_at":"2025-12-08T10:00:00Z","body":[
                {"type":"paragraph"},
                {"type":"paragraph","text":42},
                {"type":"image","src":"javascript:alert(1)","alt":"x"},
                {"type":"image","src":"/ok.svg","width":-3,"height":1e9},
                "string block",
                {"type":"paragraph","text":"남는 문단"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(a.body.len(), 2);
        assert!(
            matches!(&a.body[0], Block::Image { src, width: None, height: None, alt, .. } if src == "/ok.svg" && alt.is_empty())
        );
        assert!(matches!(&a.body[1], Block::Paragraph { text } if text == "남는 문단"));
    }

    #[test]
    fn article_list_skips_bad_entries_and_duplicates() {
        let list = decode_article_list(
            r#"{"articles":[
                {"id":"a","title":"첫 기사","published_at":"2025-12-08T10:00:00+09:00",
                 "thumbnail":{"src":"/t.svg","alt":"썸네일"}},
                {"id":"bad id","title":"잘못된 id","published_at":"2025-12-08T10:00:00+09:00"},
                {"id":"b","title":"","published_at":"2025-12-08T10:00:00+09:00"},
                {"id":"c","title":"시간 없음"},
                {"id":"a","title":"중복","published_at":"2025-12-08T10:00:00+09:00"},
                {"id":"d","title":"둘째 기사","published_at":"2025-12-07T10:00:00+09:00",
                 "thumbnail":{"src":"data:image/png;base64,xx"}}
            ],"next_page":"articles-2.json"}"#,
        )
        .unwrap();
        let ids: Vec<_> = list.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
        assert_eq!(list.articles[0].thumbnail.as_ref().unwrap().alt, "썸네일");
        assert_eq!(list.articles[1].thumbnail, None);
        assert_eq!(list.next_page.as_deref(), Some("articles-2.json"));
    }

    #[test]
    fn hostile_next_page_is_dropped() {
        let list =
            decode_article_list(r#"{"articles":[],"next_page":"https://evil.example/x.json"}"#)
                .unwrap();
        assert_eq!(list.next_page, None);
        assert!(decode_article_list(r#"{"articles":{}}"#).is_err());
    }

    #[test]
    fn weather_skips_nameless_and_non_numeric_stations() {
        let w = decode_weather(
            r#"{"provider":"기상청","observed_at":"2025-12-24T15:00:00+09:00","stations":[
                {"name":"서울","condition":"구름많음","temperature_c":3.4},
                {"name":"","condition":"흐림","temperature_c":1.5},
                {"condition":"비","temperature_c":7.9},
                {"name":"부산","condition":"비","temperature_c":"9.7"},
                {"name":"대관령","condition":"맑음","temperature_c":-12.5},
                {"name":"화성","condition":"맑음","temperature_c":1e300},
                {"name":"속초","temperature_c":7}
            ]}"#,
        )
        .unwrap();
        let names: Vec<_> = w.stations.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["서울", "대관령", "속초"]);
        assert_eq!(w.stations[1].temperature_c, -12.5);
        assert_eq!(w.stations[2].condition, "");
        assert!(w.observed_at.is_some());
    }

    #[test]
    fn weather_without_station_list_is_refused() {
        assert!(matches!(
            decode_weather(r#"{"provider":"기상청"}"#),
            Err(DecodeError::Shape(_))
        ));
        let empty = decode_weather(r#"{"stations":[]}"#).unwrap();
        assert!(empty.stations.is_empty());
        assert_eq!(empty.provider, "기상청");
    }

    #[test]
    fn notices_keep_valid_entries_and_safe_links() {
        let n = decode_notices(
            r#"{"notices":[
                {"id":"n1","version":3,"title":"공지","link":"javascript:alert(1)",
                 "starts_at":"2025-12-01T00:00:00+09:00","ends_at":"not a time"},
                {"id":"n2","title":"두번째","link":"/article/yg-1","image":{"src":"/n.svg","alt":"안내"}},
                {"id":"n3"},
                {"id":"n1","title":"중복"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(n.len(), 2);
        assert_eq!(n[0].version.as_deref(), Some("3"));
        assert_eq!(n[0].link, None);
        assert!(n[0].starts_at.is_some());
        assert_eq!(n[0].ends_at, None);
        assert_eq!(n[1].link.as_deref(), Some("/article/yg-1"));
        assert_eq!(n[1].image.as_ref().unwrap().alt, "안내");
    }

    #[test]
    fn huge_title_is_shortened() {
        let doc = format!(
            r#"{{"id":"x","title":"{}","published_at":"2025-12-08T10:00:00Z","body":[]}}"#,
            "가".repeat(10_000)
        );
        let a = decode_article(&doc).unwrap();
        assert_eq!(a.title.chars().count(), limits::TITLE);
    }
}
