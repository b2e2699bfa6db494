//! What a page says about itself in `<head>`: its document title, and for a
//! story the link-preview tags (KakaoTalk, Band, X, Facebook) and the
//! schema.org `NewsArticle` that search engines read. Plain rules here; the
//! app's pages write them with `leptos_meta`, so the
//! prerendered page and the live one carry the same tags.

use crate::codec;
use crate::contract::{Article, Block};
use crate::kst;
use serde::Serialize;

/// `"{page} | {site}"`, or the site's name alone for the home page.
pub fn document_title(page: &str, site: &str) -> String {
    if page.is_empty() {
        site.to_owned()
    } else {
        format!("{page} | {site}")
    }
}

/// The picture a shared link shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewImage {
    /// Absolute URL.
    pub url: String,
    pub alt: String,
    pub size: Option<(u32, u32)>,
}

/// Everything a story's head says about it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryMeta {
    pub title: String,
    pub description: String,
    /// The canonical (and shared) URL.
    pub url: String,
    pub site_name: String,
    /// The story's first picture, else the site's default preview image.
    pub image: Option<PreviewImage>,
    pub published: String,
    pub modified: String,
    pub section: Option<String>,
    pub tags: Vec<String>,
    /// `NewsArticle` JSON-LD, safe inside `<script>`.
    pub json_ld: String,
}

impl StoryMeta {
    /// `base` is the site's public URL (the configured one, else the page's
    /// origin); `default_image` the configured preview image, if any.
    pub fn new(a: &Article, base: &str, site_name: &str, default_image: Option<&str>) -> Self {
        let base = base.trim_end_matches('/');
        let url = crate::urls::canonical_url(base, "", a.id.as_str());
        // The story's first picture that previewers show (an SVG one is
        // not shown by any of them), else the site's preview image.
        let picture = a.body.iter().find_map(|b| match b {
            Block::Image {
                src,
                alt,
                width,
                height,
                ..
            } if crate::urls::is_preview_format(src.as_str()) => Some(PreviewImage {
                url: src.absolute(base),
                alt: alt.clone(),
                size: width.zip(*height),
            }),
            _ => None,
        });
        let image = picture.or_else(|| {
            default_image.map(|src| PreviewImage {
                url: crate::urls::absolute_url(base, src),
                alt: site_name.to_owned(),
                size: None,
            })
        });
        let published = kst::iso_kst(a.published_at);
        let modified = kst::iso_kst(a.updated_at.unwrap_or(a.published_at));
        let mut images: Vec<String> = a
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Image { src, .. } => Some(src.absolute(base)),
                _ => None,
            })
            .collect();
        if images.is_empty() {
            images.extend(image.as_ref().map(|i| i.url.clone()));
        }
        let home = format!("{base}/");
        let ld = NewsArticle {
            context: "https://schema.org",
            kind: "NewsArticle",
            headline: &a.title,
            description: &a.description(),
            date_published: &published,
            date_modified: &modified,
            in_language: "ko",
            url: &url,
            main_entity_of_page: WebPage {
                kind: "WebPage",
                id: &url,
            },
            publisher: Organization {
                kind: "Organization",
                name: site_name,
                url: &home,
                logo: ImageObject {
                    kind: "ImageObject",
                    url: &format!("{base}/favicon.svg"),
                },
            },
            author: a.author.as_ref().map(|author| Person {
                kind: "Person",
                name: &author.name,
            }),
            image: images,
            article_section: a.section.as_deref(),
            keywords: &a.tags,
        };
        let json_ld = script_safe(&codec::to_string(&ld));
        Self {
            title: a.title.clone(),
            description: a.description(),
            url,
            site_name: site_name.to_owned(),
            image,
            published,
            modified,
            section: a.section.clone(),
            tags: a.tags.clone(),
            json_ld,
        }
    }

    /// The X card: a large one only with a picture.
    pub fn twitter_card(&self) -> &'static str {
        if self.image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        }
    }
}

/// JSON whose text cannot end a `<script>` element or open a comment in it:
/// `<`, `>` and `&` (only ever inside strings) as `\u` escapes.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    #[serde(rename = "dateModified")]
    date_modified: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'static str,
    url: &'a str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: WebPage<'a>,
    publisher: Organization<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Person<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<String>,
    #[serde(rename = "articleSection", skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
    logo: ImageObject<'a>,
}

#[derive(Serialize)]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::decode_article;

    #[test]
    fn titles_carry_the_site_name() {
        assert_eq!(document_title("", "영광신문"), "영광신문");
        assert_eq!(
            document_title("군청 소식", "영광신문"),
            "군청 소식 | 영광신문"
        );
    }

    const WITH_PICTURE: &str = r#"{"id":"7","title":"</script><!-- 제목 & \"인용\"","published_at":"2025-12-24T10:00:00+09:00",
        "author":{"name":"홍길동"},"section":"사회","tags":["a","b"],
        "body":[{"type":"paragraph","text":"첫 문단"},{"type":"image","src":"/images/a.svg","alt":"그림"},{"type":"image","src":"/images/a.jpg","alt":"사진","width":1200,"height":675}]}"#;

    #[test]
    fn a_story_with_a_picture_previews_it_and_describes_itself_in_json_ld() {
        let a = decode_article(WITH_PICTURE).unwrap();
        let m = StoryMeta::new(&a, "https://news.example/", "한빛일보", Some("/og.png"));
        assert_eq!(m.url, "https://news.example/article/7");
        assert_eq!(m.description, "첫 문단");
        let image = m.image.as_ref().unwrap();
        // The first picture previewers show: the SVG before it is skipped.
        assert_eq!(image.url, "https://news.example/images/a.jpg");
        assert_eq!(
            (image.alt.as_str(), image.size),
            ("사진", Some((1200, 675)))
        );
        assert_eq!(m.twitter_card(), "summary_large_image");
        assert!(!m.json_ld.contains('<') && !m.json_ld.contains('&'));
        let ld: serde_json::Value = serde_json::from_str(&m.json_ld).unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], a.title);
        assert_eq!(ld["author"]["name"], "홍길동");
        assert_eq!(ld["mainEntityOfPage"]["@id"], m.url);
        assert_eq!(
            ld["image"],
            serde_json::json!(["https://news.example/images/a.svg", image.url])
        );
        assert_eq!(ld["keywords"][1], "b");
        assert_eq!(ld["datePublished"], "2025-12-24T10:00:00+09:00");
        assert_eq!(
            ld["publisher"]["logo"]["url"],
            "https://news.example/favicon.svg"
        );
    }

    #[test]
    fn a_story_without_a_picture_shows_the_sites_default_image() {
        let a = decode_article(
            r#"{"id":"8","title":"t","published_at":"2025-12-24T10:00:00Z","body":[]}"#,
        )
        .unwrap();
        let m = StoryMeta::new(
            &a,
            "https://news.example",
            "한빛일보",
            Some("/images/og.png"),
        );
        let image = m.image.as_ref().unwrap();
        assert_eq!(image.url, "https://news.example/images/og.png");
        assert_eq!(image.alt, "한빛일보");
        let ld: serde_json::Value = serde_json::from_str(&m.json_ld).unwrap();
        assert_eq!(
            ld["image"],
            serde_json::json!(["https://news.example/images/og.png"])
        );
        assert!(ld.get("author").is_none() && ld.get("keywords").is_none());
        let svg_only = decode_article(
            r#"{"id":"9","title":"t","published_at":"2025-12-24T10:00:00Z",
                "body":[{"type":"image","src":"/images/a.svg","alt":"그림"}]}"#,
        )
        .unwrap();
        let m = StoryMeta::new(
            &svg_only,
            "https://news.example",
            "한빛일보",
            Some("/og.png"),
        );
        assert_eq!(m.image.unwrap().url, "https://news.example/og.png");
        let bare = StoryMeta::new(&a, "https://news.example", "한빛일보", None);
        assert_eq!((bare.twitter_card(), bare.image), ("summary", None));
    }
}
