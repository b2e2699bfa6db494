//! What link previews (KakaoTalk, Band, X, Facebook) and search engines read
//! without running the app: meta description, canonical link, Open Graph and
//! Twitter tags, and schema.org `NewsArticle` JSON-LD.

use crate::escape;
use crate::shell::MARK;
use crate::site::Site;
use crate::source::Story;
use gazette::api::contract::Block;
use gazette::kst;
use serde_json::{json, Value};

/// The image a preview shows: the story's first picture, else its list
/// thumbnail.
pub struct PreviewImage {
    pub url: String,
    pub alt: String,
    pub size: Option<(u32, u32)>,
}

pub fn preview_image(site: &Site, story: &Story) -> Option<PreviewImage> {
    match story.article.lead_image() {
        Some(Block::Image {
            src,
            alt,
            width,
            height,
            ..
        }) => Some(PreviewImage {
            url: site.absolute(src),
            alt: alt.clone(),
            size: width.zip(*height),
        }),
        _ => story.listed.thumbnail.as_ref().map(|t| PreviewImage {
            url: site.absolute(&t.src),
            alt: t.alt.clone(),
            size: None,
        }),
    }
}

fn meta_property(property: &str, content: &str) -> String {
    format!(
        "<meta property=\"{property}\" content=\"{}\" {MARK}>",
        escape::attr(content)
    )
}

fn meta_name(name: &str, content: &str) -> String {
    format!(
        "<meta name=\"{name}\" content=\"{}\" {MARK}>",
        escape::attr(content)
    )
}

fn canonical(url: &str) -> String {
    format!(
        "<link rel=\"canonical\" href=\"{}\" {MARK}>",
        escape::attr(url)
    )
}

/// A JSON-LD block; its text cannot end the element early.
fn json_ld(value: &Value) -> String {
    format!(
        "<script type=\"application/ld+json\" {MARK}>{}</script>",
        escape::json_in_script(&value.to_string())
    )
}

/// Site-wide defaults for the home page and every route without its own.
/// `canonical` only for the home page itself: the fallback shell is served
/// for many addresses.
pub fn site_tags(site: &Site, canonical_home: bool) -> String {
    let mut tags = Vec::new();
    if canonical_home {
        tags.push(canonical(&site.home()));
    }
    tags.extend([
        meta_property("og:type", "website"),
        meta_property("og:title", &site.name),
        meta_property("og:description", &site.description),
        meta_property("og:url", &site.home()),
        meta_property("og:site_name", &site.name),
        meta_property("og:locale", "ko_KR"),
        meta_name("twitter:card", "summary"),
    ]);
    tags.join("\n  ")
}

/// The tags of one article's page.
pub fn article_tags(site: &Site, story: &Story) -> String {
    let a = &story.article;
    let url = site.article(&a.id);
    let description = a.description();
    let published = kst::iso_kst(a.published_at);
    let modified = kst::iso_kst(a.updated_at.unwrap_or(a.published_at));
    let image = preview_image(site, story);
    let mut tags = vec![
        meta_name("description", &description),
        canonical(&url),
        meta_property("og:type", "article"),
        meta_property("og:title", &a.title),
        meta_property("og:description", &description),
        meta_property("og:url", &url),
        meta_property("og:site_name", &site.name),
        meta_property("og:locale", "ko_KR"),
    ];
    if let Some(img) = &image {
        tags.push(meta_property("og:image", &img.url));
        if !img.alt.is_empty() {
            tags.push(meta_property("og:image:alt", &img.alt));
        }
        if let Some((w, h)) = img.size {
            tags.push(meta_property("og:image:width", &w.to_string()));
            tags.push(meta_property("og:image:height", &h.to_string()));
        }
    }
    tags.push(meta_property("article:published_time", &published));
    tags.push(meta_property("article:modified_time", &modified));
    if let Some(section) = &a.section {
        tags.push(meta_property("article:section", section));
    }
    for tag in &a.tags {
        tags.push(meta_property("article:tag", tag));
    }
    // A large card only makes sense with a picture.
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    tags.push(meta_name("twitter:card", card));
    tags.push(json_ld(&news_article(site, story)));
    tags.join("\n  ")
}

/// schema.org `NewsArticle` for one story.
pub fn news_article(site: &Site, story: &Story) -> Value {
    let a = &story.article;
    let url = site.article(&a.id);
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "description": a.description(),
        "datePublished": kst::iso_kst(a.published_at),
        "dateModified": kst::iso_kst(a.updated_at.unwrap_or(a.published_at)),
        "inLanguage": "ko",
        "url": url,
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "publisher": {
            "@type": "Organization",
            "name": site.name,
            "url": site.home(),
            "logo": { "@type": "ImageObject", "url": site.link("/favicon.svg") },
        },
    });
    if let Some(author) = &a.author {
        ld["author"] = json!({ "@type": "Person", "name": author.name });
    }
    let images: Vec<String> = a
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Image { src, .. } => Some(site.absolute(src)),
            _ => None,
        })
        .collect();
    if !images.is_empty() {
        ld["image"] = json!(images);
    } else if let Some(img) = preview_image(site, story) {
        ld["image"] = json!([img.url]);
    }
    if let Some(section) = &a.section {
        ld["articleSection"] = json!(section);
    }
    if !a.tags.is_empty() {
        ld["keywords"] = json!(a.tags);
    }
    ld
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use gazette::api::contract::{Article, ArticleSummary, Author, Image};

    /// Quotes, markup, `</script>`, `&`, a CDATA end and control characters.
    pub const HOSTILE: &str =
        "\"'><script>alert('&')</script><!-- ]]> \u{1}\u{0B}\u{7F} &amp; \u{2028}끝";

    pub fn site() -> Site {
        Site {
            url: "https://news.example".into(),
            name: format!("한빛 {HOSTILE}"),
            description: format!("설명 {HOSTILE}"),
        }
    }

    pub fn hostile_story() -> Story {
        let article = Article {
            id: "x-1".into(),
            title: format!("제목 {HOSTILE}"),
            subtitle: Some(format!("부제 {HOSTILE}")),
            section: Some(HOSTILE.into()),
            author: Some(Author {
                name: HOSTILE.into(),
                email: Some("a@b.example".into()),
            }),
            published_at: 1_766_538_000,
            updated_at: Some(1_766_541_600),
            body: vec![
                Block::Image {
                    src: "/images/a.svg?x=\"1\"&y=<2>".into(),
                    alt: HOSTILE.into(),
                    caption: Some(HOSTILE.into()),
                    credit: Some(HOSTILE.into()),
                    width: Some(1200),
                    height: Some(675),
                },
                Block::Paragraph {
                    text: HOSTILE.into(),
                },
                Block::Heading {
                    text: HOSTILE.into(),
                },
                Block::Quote {
                    text: HOSTILE.into(),
                    cite: Some(HOSTILE.into()),
                },
                Block::Image {
                    src: "https://img.example/b.jpg".into(),
                    alt: String::new(),
                    caption: None,
                    credit: None,
                    width: None,
                    height: None,
                },
            ],
            tags: vec![HOSTILE.into(), "태그".into()],
        };
        Story {
            listed: ArticleSummary {
                id: article.id.clone(),
                title: article.title.clone(),
                summary: Some(format!("요약 {HOSTILE}")),
                section: article.section.clone(),
                published_at: article.published_at,
                thumbnail: None,
            },
            document: json!({ "id": "x-1", "title": article.title }),
            article,
        }
    }

    /// The `content` of every `<meta property="{property}">`, decoded.
    fn contents(tags: &str, property: &str) -> Vec<String> {
        let html = format!("<head>{tags}</head>");
        let needle = format!("<meta property=\"{property}\" content=\"");
        html.match_indices(&needle)
            .map(|(i, _)| {
                let value = &html[i + needle.len()..];
                let value = &value[..value.find('"').unwrap()];
                value
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&")
            })
            .collect()
    }

    #[test]
    fn article_tags_carry_the_story_and_stay_inert() {
        let story = hostile_story();
        let tags = article_tags(&site(), &story);
        // Markup only where we put it: every tag is ours, every value escaped.
        let head = tags
            .split("<script type=\"application/ld+json\"")
            .next()
            .unwrap();
        assert!(!head.contains("<script>") && !head.contains("<!--"));
        for line in head.lines().map(str::trim).filter(|l| !l.is_empty()) {
            assert!(
                line.starts_with("<meta ") || line.starts_with("<link "),
                "{line}"
            );
            assert_eq!(line.matches('<').count(), 1, "{line}");
            assert_eq!(line.matches('>').count(), 1, "{line}");
            assert!(line.ends_with(&format!(" {MARK}>")), "{line}");
        }
        assert_eq!(contents(&tags, "og:title"), [story.article.title.as_str()]);
        assert_eq!(contents(&tags, "og:type"), ["article"]);
        assert_eq!(
            contents(&tags, "og:url"),
            ["https://news.example/article/x-1"]
        );
        assert_eq!(
            contents(&tags, "og:image"),
            ["https://news.example/images/a.svg?x=\"1\"&y=<2>"]
        );
        assert_eq!(contents(&tags, "og:image:width"), ["1200"]);
        assert_eq!(contents(&tags, "og:image:height"), ["675"]);
        assert_eq!(contents(&tags, "og:image:alt"), [HOSTILE]);
        assert_eq!(contents(&tags, "og:locale"), ["ko_KR"]);
        assert_eq!(
            contents(&tags, "article:published_time"),
            ["2025-12-24T10:00:00+09:00"]
        );
        assert_eq!(
            contents(&tags, "article:modified_time"),
            ["2025-12-24T11:00:00+09:00"]
        );
        assert!(tags.contains(
            "<link rel=\"canonical\" href=\"https://news.example/article/x-1\" data-prerendered>"
        ));
        assert!(tags.contains(
            "<meta name=\"twitter:card\" content=\"summary_large_image\" data-prerendered>"
        ));
    }

    #[test]
    fn json_ld_cannot_end_its_script_and_parses_back() {
        let story = hostile_story();
        let tags = article_tags(&site(), &story);
        let open = "<script type=\"application/ld+json\" data-prerendered>";
        let start = tags.find(open).unwrap() + open.len();
        let body = &tags[start..];
        let end = body.find("</script>").unwrap();
        assert_eq!(
            end + "</script>".len(),
            body.len(),
            "one script, at the end"
        );
        let text = &body[..end];
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('\u{2028}'));
        let ld: Value = serde_json::from_str(text).unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], story.article.title);
        assert_eq!(ld["datePublished"], "2025-12-24T10:00:00+09:00");
        assert_eq!(ld["dateModified"], "2025-12-24T11:00:00+09:00");
        assert_eq!(ld["author"]["@type"], "Person");
        assert_eq!(ld["author"]["name"], HOSTILE);
        assert_eq!(
            ld["image"],
            json!([
                "https://news.example/images/a.svg?x=\"1\"&y=<2>",
                "https://img.example/b.jpg"
            ])
        );
        assert_eq!(ld["publisher"]["@type"], "Organization");
        assert_eq!(ld["publisher"]["name"], site().name);
        assert_eq!(
            ld["publisher"]["logo"]["url"],
            "https://news.example/favicon.svg"
        );
        assert_eq!(
            ld["mainEntityOfPage"]["@id"],
            "https://news.example/article/x-1"
        );
        assert_eq!(ld["keywords"][0], HOSTILE);
    }

    #[test]
    fn a_story_without_pictures_previews_its_thumbnail_or_nothing() {
        let mut story = hostile_story();
        story
            .article
            .body
            .retain(|b| !matches!(b, Block::Image { .. }));
        story.article.author = None;
        let tags = article_tags(&site(), &story);
        assert!(contents(&tags, "og:image").is_empty());
        assert!(tags.contains("<meta name=\"twitter:card\" content=\"summary\""));
        assert!(news_article(&site(), &story).get("author").is_none());
        story.listed.thumbnail = Some(Image {
            src: "/images/t.svg".into(),
            alt: "썸네일".into(),
        });
        let tags = article_tags(&site(), &story);
        assert_eq!(
            contents(&tags, "og:image"),
            ["https://news.example/images/t.svg"]
        );
        assert!(contents(&tags, "og:image:width").is_empty());
        assert_eq!(
            news_article(&site(), &story)["image"],
            json!(["https://news.example/images/t.svg"])
        );
    }

    #[test]
    fn site_tags_describe_the_site() {
        let tags = site_tags(&site(), true);
        assert_eq!(contents(&tags, "og:type"), ["website"]);
        assert_eq!(contents(&tags, "og:title"), [site().name]);
        assert_eq!(contents(&tags, "og:description"), [site().description]);
        assert_eq!(contents(&tags, "og:url"), ["https://news.example/"]);
        assert!(tags.contains("rel=\"canonical\" href=\"https://news.example/\""));
        assert!(!tags.contains("<script"));
        assert!(!site_tags(&site(), false).contains("canonical"));
    }
}
