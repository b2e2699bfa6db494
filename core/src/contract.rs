//! The JSON contract between the app and its backend, decoded and validated.
//!
//! Documents are read with `serde` into lenient raw types
//! ([`super::lenient`]) and then validated field by field, so one bad list
//! entry is dropped on its own instead of failing the whole document,
//! unknown fields and block types are ignored (forward compatible), and
//! everything a view receives already satisfies the invariants in
//! [`super::sanitize`] and [`super::ids`]. See README.md for the contract
//! itself.

use super::codec;
use super::ids::{is_valid_id, ArticleId, SafeUrl};
use super::lenient::{object, List, Num, Obj, Str, StrOrNum};
use super::sanitize::{clean_text, safe_relative_path};
use crate::kst::parse_rfc3339;
use serde::de::DeserializeOwned;
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
    /// Longest a notice's "N시간 동안 보지 않기" may hide it: a year.
    pub const SNOOZE_HOURS: u32 = 8_760;
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
    pub src: SafeUrl,
    pub alt: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArticleSummary {
    pub id: ArticleId,
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
        src: SafeUrl,
        alt: String,
        caption: Option<String>,
        credit: Option<String>,
        width: Option<u32>,
        height: Option<u32>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub id: ArticleId,
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

/// Which layouts a notice is shown in (`devices`; absent means both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Devices {
    pub pc: bool,
    /// The phone layout (chosen, or the screen's own on a narrow one).
    pub mobile: bool,
}

impl Devices {
    pub const BOTH: Devices = Devices {
        pc: true,
        mobile: true,
    };

    /// Whether a reader who sees the phone layout (`phone`) or the desktop
    /// one is meant to see the notice.
    pub fn includes(self, phone: bool) -> bool {
        if phone {
            self.mobile
        } else {
            self.pc
        }
    }
}

impl Default for Devices {
    fn default() -> Self {
        Self::BOTH
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: String,
    pub version: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub image: Option<Image>,
    pub link: Option<SafeUrl>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub devices: Devices,
    /// How long "N시간 동안 보지 않기" hides it; `None`: until the next
    /// 00:00 Korea time ("오늘 하루 보지 않기").
    pub snooze_hours: Option<u32>,
}

// What the documents hold before validation: every field optional and of
// any JSON kind (see `super::lenient`).

object! {
    struct RawImage {
        src: Str = "src",
        alt: Str = "alt",
    }
}

object! {
    struct RawSummary {
        id: Str = "id",
        title: Str = "title",
        summary: Str = "summary",
        section: Str = "section",
        published_at: Str = "published_at",
        thumbnail: Obj<RawImage> = "thumbnail",
    }
}

object! {
    struct RawList {
        articles: List<Obj<RawSummary>, { limits::LIST }> = "articles",
        next_page: Str = "next_page",
    }
}

object! {
    struct RawAuthor {
        name: Str = "name",
        email: Str = "email",
    }
}

object! {
    struct RawBlock {
        kind: Str = "type",
        text: Str = "text",
        cite: Str = "cite",
        src: Str = "src",
        alt: Str = "alt",
        caption: Str = "caption",
        credit: Str = "credit",
        width: Num = "width",
        height: Num = "height",
    }
}

object! {
    struct RawArticle {
        id: Str = "id",
        title: Str = "title",
        subtitle: Str = "subtitle",
        section: Str = "section",
        author: Obj<RawAuthor> = "author",
        published_at: Str = "published_at",
        updated_at: Str = "updated_at",
        body: List<Obj<RawBlock>, { limits::BLOCKS }> = "body",
        tags: List<Str, 1000> = "tags",
    }
}

object! {
    struct RawStation {
        id: Str = "id",
        name: Str = "name",
        condition: Str = "condition",
        temperature_c: Num = "temperature_c",
    }
}

object! {
    struct RawWeather {
        provider: Str = "provider",
        observed_at: Str = "observed_at",
        stations: List<Obj<RawStation>, { limits::STATIONS }> = "stations",
    }
}

object! {
    struct RawNotice {
        id: Str = "id",
        version: StrOrNum = "version",
        title: Str = "title",
        body: Str = "body",
        image: Obj<RawImage> = "image",
        link: Str = "link",
        starts_at: Str = "starts_at",
        ends_at: Str = "ends_at",
        devices: List<Str, 8> = "devices",
        snooze_hours: Num = "snooze_hours",
    }
}

object! {
    struct RawNotices {
        notices: List<Obj<RawNotice>, { limits::NOTICES }> = "notices",
    }
}

/// Reads `doc` as an object of raw type `R`.
fn parse_object<R>(doc: &str) -> Result<R, DecodeError>
where
    Obj<R>: DeserializeOwned,
{
    match codec::from_str::<Obj<R>>(doc) {
        Ok(Obj(Some(raw))) => Ok(raw),
        Ok(Obj(None)) => Err(DecodeError::Shape("the document is not a JSON object")),
        Err(e) => Err(DecodeError::Syntax(e)),
    }
}

fn text(field: Str, max: usize) -> Option<String> {
    field.0.and_then(|s| clean_text(&s, max, false))
}

fn long_text(field: Str, max: usize) -> Option<String> {
    field.0.and_then(|s| clean_text(&s, max, true))
}

fn time(field: &Str) -> Option<i64> {
    field.0.as_deref().and_then(parse_rfc3339)
}

fn url(field: &Str) -> Option<SafeUrl> {
    field.0.as_deref().and_then(SafeUrl::parse)
}

/// A picture's URL: as [`url`], with `http://` upgraded to `https://`.
fn image_url(field: &Str) -> Option<SafeUrl> {
    field.0.as_deref().and_then(SafeUrl::parse_image)
}

fn image(raw: Obj<RawImage>) -> Option<Image> {
    let raw = raw.0?;
    Some(Image {
        src: image_url(&raw.src)?,
        alt: text(raw.alt, limits::ALT).unwrap_or_default(),
    })
}

fn dimension(n: Num) -> Option<u32> {
    let n = n.integer()?;
    (1..=i64::from(limits::IMAGE_DIMENSION))
        .contains(&n)
        .then_some(n as u32)
}

/// The entries of a list that validate, in order.
fn entries<R, T>(list: Option<Vec<Obj<R>>>, validate: impl Fn(R) -> Option<T>) -> Vec<T> {
    list.unwrap_or_default()
        .into_iter()
        .filter_map(|raw| raw.0.and_then(&validate))
        .collect()
}

/// Keeps the first entry for each id.
fn dedup_by_id<T>(items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut seen = HashSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(key(item).to_owned()))
        .collect()
}

fn summary(raw: RawSummary) -> Option<ArticleSummary> {
    Some(ArticleSummary {
        id: raw.id.0.as_deref().and_then(ArticleId::parse)?,
        published_at: time(&raw.published_at)?,
        title: text(raw.title, limits::TITLE)?,
        summary: text(raw.summary, limits::SUMMARY),
        section: text(raw.section, limits::SECTION),
        thumbnail: image(raw.thumbnail),
    })
}

/// `{base}/articles.json` and its `next_page` documents.
pub fn decode_article_list(doc: &str) -> Result<ArticleList, DecodeError> {
    let raw: RawList = parse_object(doc)?;
    if raw.articles.0.is_none() {
        return Err(DecodeError::Shape("`articles` must be a list"));
    }
    Ok(ArticleList {
        articles: dedup_by_id(entries(raw.articles.0, summary), |a| a.id.as_str()),
        next_page: raw.next_page.0.as_deref().and_then(safe_relative_path),
    })
}

fn block(raw: RawBlock) -> Option<Block> {
    match raw.kind.0.as_deref()? {
        "paragraph" => Some(Block::Paragraph {
            text: long_text(raw.text, limits::PARAGRAPH)?,
        }),
        "heading" => Some(Block::Heading {
            text: text(raw.text, limits::TITLE)?,
        }),
        "quote" => Some(Block::Quote {
            text: long_text(raw.text, limits::PARAGRAPH)?,
            cite: text(raw.cite, limits::NAME),
        }),
        "image" => Some(Block::Image {
            src: image_url(&raw.src)?,
            alt: text(raw.alt, limits::ALT).unwrap_or_default(),
            caption: long_text(raw.caption, limits::CAPTION),
            credit: text(raw.credit, limits::NAME),
            width: dimension(raw.width),
            height: dimension(raw.height),
        }),
        _ => None,
    }
}

/// `{base}/articles/{id}.json`.
pub fn decode_article(doc: &str) -> Result<Article, DecodeError> {
    let raw: RawArticle = parse_object(doc)?;
    let author = raw.author.0.and_then(|a| {
        Some(Author {
            name: text(a.name, limits::NAME)?,
            email: text(a.email, limits::EMAIL).filter(|e| is_plausible_email(e)),
        })
    });
    let Some(body) = raw.body.0 else {
        return Err(DecodeError::Shape("`body` must be a list of blocks"));
    };
    let mut seen = HashSet::new();
    let tags = raw
        .tags
        .0
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| text(t, limits::TAG))
        .filter(|t| seen.insert(t.clone()))
        .take(limits::TAGS)
        .collect();
    Ok(Article {
        id: raw
            .id
            .0
            .as_deref()
            .and_then(ArticleId::parse)
            .ok_or(DecodeError::Shape("`id` is missing or invalid"))?,
        title: text(raw.title, limits::TITLE)
            .ok_or(DecodeError::Shape("`title` is missing or empty"))?,
        published_at: time(&raw.published_at).ok_or(DecodeError::Shape(
            "`published_at` is missing or not RFC 3339",
        ))?,
        subtitle: text(raw.subtitle, limits::SUMMARY),
        section: text(raw.section, limits::SECTION),
        author,
        updated_at: time(&raw.updated_at),
        body: entries(Some(body), block),
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

fn station(raw: RawStation) -> Option<Station> {
    let temperature_c = raw.temperature_c.0?;
    if !temperature_c.is_finite() || !TEMPERATURE_RANGE.contains(&temperature_c) {
        return None;
    }
    Some(Station {
        id: raw.id.0.filter(|s| is_valid_id(s)),
        name: text(raw.name, limits::NAME)?,
        condition: text(raw.condition, limits::CONDITION).unwrap_or_default(),
        temperature_c,
    })
}

/// `{base}/weather.json`.
pub fn decode_weather(doc: &str) -> Result<Weather, DecodeError> {
    let raw: RawWeather = parse_object(doc)?;
    if raw.stations.0.is_none() {
        return Err(DecodeError::Shape("`stations` must be a list"));
    }
    Ok(Weather {
        observed_at: time(&raw.observed_at),
        provider: text(raw.provider, limits::NAME).unwrap_or_else(|| "기상청".into()),
        stations: entries(raw.stations.0, station),
    })
}

/// A notice's `version`: a string, or a whole number written out.
fn version(raw: StrOrNum) -> Option<String> {
    match raw {
        StrOrNum::Str(s) => clean_text(&s, limits::VERSION, false),
        StrOrNum::Num(n) => Num(Some(n)).integer().map(|n| n.to_string()),
        StrOrNum::Neither => None,
    }
}

fn notice(raw: RawNotice) -> Option<Notice> {
    Some(Notice {
        id: raw.id.0.filter(|id| is_valid_id(id))?,
        title: text(raw.title, limits::TITLE)?,
        version: version(raw.version),
        body: long_text(raw.body, limits::NOTICE_BODY),
        image: image(raw.image),
        link: url(&raw.link),
        starts_at: time(&raw.starts_at),
        ends_at: time(&raw.ends_at),
        devices: devices(raw.devices.0),
        snooze_hours: raw
            .snooze_hours
            .integer()
            .filter(|h| (1..=i64::from(limits::SNOOZE_HOURS)).contains(h))
            .map(|h| h as u32),
    })
}

/// A notice's `devices`: the layouts it names among `pc` and `mobile`; a
/// list naming neither (or no list) means both, so a value this version
/// does not know never hides a notice everywhere.
fn devices(list: Option<Vec<Str>>) -> Devices {
    let names: Vec<String> = list
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| s.0)
        .map(|s| s.trim().to_ascii_lowercase())
        .collect();
    let named = Devices {
        pc: names.iter().any(|n| n == "pc"),
        mobile: names.iter().any(|n| n == "mobile"),
    };
    if named.pc || named.mobile {
        named
    } else {
        Devices::BOTH
    }
}

/// `{base}/notices.json`.
pub fn decode_notices(doc: &str) -> Result<Vec<Notice>, DecodeError> {
    let raw: RawNotices = parse_object(doc)?;
    if raw.notices.0.is_none() {
        return Err(DecodeError::Shape("`notices` must be a list"));
    }
    Ok(dedup_by_id(entries(raw.notices.0, notice), |n| &n.id))
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
    fn notices_name_their_devices_and_snooze_hours() {
        let n = decode_notices(
            r#"{"notices":[
                {"id":"a","title":"t","devices":["pc"],"snooze_hours":24},
                {"id":"b","title":"t","devices":["Mobile","tablet"],"snooze_hours":0},
                {"id":"c","title":"t","devices":["tablet"],"snooze_hours":8761},
                {"id":"d","title":"t","devices":"pc","snooze_hours":"24"}
            ]}"#,
        )
        .unwrap();
        let got: Vec<_> = n.iter().map(|n| (n.devices, n.snooze_hours)).collect();
        assert_eq!(
            got,
            [
                (
                    Devices {
                        pc: true,
                        mobile: false
                    },
                    Some(24)
                ),
                (
                    Devices {
                        pc: false,
                        mobile: true
                    },
                    None
                ),
                (Devices::BOTH, None),
                (Devices::BOTH, None),
            ]
        );
    }

    #[test]
    fn valid_article_decodes_with_blocks_in_order() {
        let a = decode_article(ARTICLE).unwrap();
        assert_eq!(a.id.as_str(), "yg-1");
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
            matches!(&a.body[0], Block::Image { src, width: None, height: None, alt, .. } if src.as_str() == "/ok.svg" && alt.is_empty())
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
        assert_eq!(
            n[1].link.as_ref().map(SafeUrl::as_str),
            Some("/article/yg-1")
        );
        assert_eq!(n[1].image.as_ref().unwrap().alt, "안내");
    }

    #[test]
    fn a_long_numeric_version_is_no_version() {
        // A very long version would make every stored snooze fail its
        // length check; whole numbers beyond 16 digits are no version. (Past
        // the range of `f64`, 309 digits and more, `serde_json` refuses the
        // document and the browser's `JSON.parse` reads Infinity, which is
        // no version either: tests/browser.rs.)
        let doc = format!(
            r#"{{"notices":[{{"id":"n1","title":"공지","version":{}}},
                {{"id":"n2","title":"공지","version":"{}"}},
                {{"id":"n3","title":"공지","version":1234567890123456}}]}}"#,
            "9".repeat(300),
            "9".repeat(20_000)
        );
        let n = decode_notices(&doc).unwrap();
        assert_eq!(n[0].version, None);
        assert_eq!(
            n[1].version.as_deref().map(|v| v.chars().count()),
            Some(limits::VERSION)
        );
        assert_eq!(n[2].version.as_deref(), Some("1234567890123456"));
    }

    #[test]
    fn plain_http_images_are_upgraded_and_links_kept() {
        let n = decode_notices(
            r#"{"notices":[{"id":"n1","title":"공지","link":"http://city.example/a",
                "image":{"src":"http://cdn.example/n.jpg","alt":"안내"}}]}"#,
        )
        .unwrap();
        assert_eq!(
            n[0].image.as_ref().unwrap().src.as_str(),
            "https://cdn.example/n.jpg"
        );
        assert_eq!(
            n[0].link.as_ref().unwrap().as_str(),
            "http://city.example/a"
        );
        let a = decode_article(
            r#"{"id":"x","title":"t","published_at":"2025-12-08T10:00:00Z",
                "body":[{"type":"image","src":"HTTP://cdn.example/b.jpg"}]}"#,
        )
        .unwrap();
        assert!(
            matches!(&a.body[0], Block::Image { src, .. } if src.as_str() == "https://cdn.example/b.jpg")
        );
        let list = decode_article_list(
            r#"{"articles":[{"id":"a","title":"t","published_at":"2025-12-08T10:00:00Z",
                "thumbnail":{"src":"http://cdn.example/t.jpg"}}]}"#,
        )
        .unwrap();
        assert_eq!(
            list.articles[0].thumbnail.as_ref().unwrap().src.as_str(),
            "https://cdn.example/t.jpg"
        );
    }

    #[test]
    fn a_title_of_invisible_fillers_is_empty() {
        // U+3164 HANGUL FILLER shows nothing: a title made of it alone is
        // as empty as "".
        for title in ["\u{3164}", "\u{3164}\u{3164} \u{FFA0}", "\u{115F}\u{1160}"] {
            let doc = format!(
                r#"{{"id":"x","title":"{title}","published_at":"2025-12-08T10:00:00Z","body":[]}}"#
            );
            match decode_article(&doc) {
                Err(DecodeError::Shape(msg)) => assert!(msg.contains("`title`"), "{msg}"),
                other => panic!("{title:?}: {other:?}"),
            }
            let list = decode_article_list(&format!(
                r#"{{"articles":[{{"id":"a","title":"{title}","published_at":"2025-12-08T10:00:00Z"}}]}}"#
            ))
            .unwrap();
            assert!(list.articles.is_empty(), "{title:?}");
        }
        let padded = decode_article(
            r#"{"id":"x","title":"\u3164제목\u3164","published_at":"2025-12-08T10:00:00Z","body":[]}"#,
        )
        .unwrap();
        assert_eq!(padded.title, "제목");
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
