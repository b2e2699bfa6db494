//! `sitemap.xml`, `rss.xml` (RSS 2.0), written with `quick-xml`, and
//! `robots.txt`.

use crate::escape::{attr, xml_chars};
use crate::site::Site;
use crate::source::Story;
use gazette_core::kst::{self, KstDateTime};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io;

/// Items in the RSS feed.
pub const RSS_ITEMS: usize = 50;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// RFC 822 date in Korea time, as RSS wants it:
/// `Wed, 24 Dec 2025 10:00:00 +0900`.
pub fn rfc822_kst(secs: i64) -> String {
    let t = KstDateTime::from_unix(secs);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0900",
        WEEKDAYS[t.weekday as usize % 7],
        t.day,
        MONTHS[(t.month as usize + 11) % 12],
        t.year,
        t.hour,
        t.minute,
        t.second
    )
}

fn last_change(story: &Story) -> i64 {
    let a = &story.article;
    a.updated_at.unwrap_or(a.published_at).max(a.published_at)
}

/// Where the feeds are written: a [`Writer`] without indentation of its
/// own, the line breaks and indentation written as text (the sitemap keeps
/// each `<url>` on one line).
type Xml = Writer<Vec<u8>>;

/// An XML document: the declaration, what `body` writes, a line break.
fn document(body: impl FnOnce(&mut Xml) -> io::Result<()>) -> Result<String, String> {
    let mut out = Writer::new(Vec::new());
    out.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| line_break(&mut out, 0))
        .and_then(|()| body(&mut out))
        .and_then(|()| line_break(&mut out, 0))
        .map_err(|e| format!("writing XML: {e}"))?;
    String::from_utf8(out.into_inner()).map_err(|_| "writing XML: not UTF-8".to_owned())
}

/// A line break, then `depth` levels of indentation.
fn line_break(out: &mut Xml, depth: usize) -> io::Result<()> {
    let text = format!("\n{}", "  ".repeat(depth));
    out.write_event(Event::Text(BytesText::from_escaped(text)))
}

/// `<name>text</name>`, `text` without the characters XML cannot carry and
/// escaped.
fn text_element(out: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    out.create_element(name)
        .write_text_content(BytesText::new(&xml_chars(text)))?;
    Ok(())
}

/// [`text_element`] on a line of its own at `depth`.
fn text_line(out: &mut Xml, depth: usize, name: &str, text: &str) -> io::Result<()> {
    line_break(out, depth)?;
    text_element(out, name, text)
}

/// A sitemap's `<url>` on a line of its own, with the time it last changed.
fn url(out: &mut Xml, loc: &str, changed: Option<i64>) -> io::Result<()> {
    line_break(out, 1)?;
    out.create_element("url").write_inner_content(|out| {
        text_element(out, "loc", loc)?;
        match changed {
            Some(t) => text_element(out, "lastmod", &kst::iso_kst(t)),
            None => Ok(()),
        }
    })?;
    Ok(())
}

/// Most URLs in one sitemap file (the protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;

/// A `<urlset>` of the home page (when `home` says when it last changed)
/// and `entries` (article id, last change), in that order.
fn urlset(
    site: &Site,
    home: Option<Option<i64>>,
    entries: &[(String, i64)],
) -> Result<String, String> {
    document(|out| {
        out.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|out| {
                if let Some(changed) = home {
                    url(out, &site.home(), changed)?;
                }
                for (id, changed) in entries {
                    url(out, &site.article(id), Some(*changed))?;
                }
                line_break(out, 0)
            })?;
        Ok(())
    })
}

/// The sitemap files for the home page and `entries` (article id, last
/// change; newest first, as the lists give them): `sitemap.xml` alone while
/// they fit in one file; beyond [`SITEMAP_URLS`], `sitemap.xml` is an index
/// of `sitemap-1.xml`, `sitemap-2.xml`, … holding the articles oldest
/// first, so a new article changes only the last part (where the home page
/// is) and the index.
pub fn sitemaps(site: &Site, entries: &[(String, i64)]) -> Result<Vec<(String, String)>, String> {
    let home_changed = entries.iter().map(|(_, t)| *t).max();
    if entries.len() < SITEMAP_URLS {
        return Ok(vec![(
            "sitemap.xml".to_owned(),
            urlset(site, Some(home_changed), entries)?,
        )]);
    }
    let oldest_first: Vec<(String, i64)> = entries.iter().rev().cloned().collect();
    let parts: Vec<&[(String, i64)]> = oldest_first.chunks(SITEMAP_URLS - 1).collect();
    let mut files = Vec::new();
    for (n, part) in parts.iter().enumerate() {
        let home = (n + 1 == parts.len()).then_some(home_changed);
        files.push((format!("sitemap-{}.xml", n + 1), urlset(site, home, part)?));
    }
    let index = document(|out| {
        out.create_element("sitemapindex")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|out| {
                for (n, part) in parts.iter().enumerate() {
                    line_break(out, 1)?;
                    out.create_element("sitemap").write_inner_content(|out| {
                        text_element(out, "loc", &site.link(&format!("/sitemap-{}.xml", n + 1)))?;
                        match part.iter().map(|(_, t)| *t).max() {
                            Some(t) => text_element(out, "lastmod", &kst::iso_kst(t)),
                            None => Ok(()),
                        }
                    })?;
                }
                line_break(out, 0)
            })?;
        Ok(())
    })?;
    files.insert(0, ("sitemap.xml".to_owned(), index));
    Ok(files)
}

/// When an article last changed (its update, else its publication).
pub fn last_changed(story: &Story) -> i64 {
    last_change(story)
}

// (The build writes sitemaps with [`sitemaps`]; this one-file form is
// what the tests read back.)
#[cfg(test)]
/// Every article and the home page, with the time each last changed.
pub fn sitemap(site: &Site, stories: &[Story]) -> Result<String, String> {
    let entries: Vec<(String, i64)> = stories
        .iter()
        .map(|s| (s.article.id.as_str().to_owned(), last_change(s)))
        .collect();
    urlset(site, Some(entries.iter().map(|(_, t)| *t).max()), &entries)
}

/// An RSS `<item>`, its lines indented below it.
fn item(out: &mut Xml, site: &Site, story: &Story) -> io::Result<()> {
    let a = &story.article;
    let link = site.article(a.id.as_str());
    let description = story
        .listed
        .summary
        .clone()
        .unwrap_or_else(|| a.description());
    line_break(out, 1)?;
    out.create_element("item").write_inner_content(|out| {
        text_line(out, 2, "title", &a.title)?;
        text_line(out, 2, "link", &link)?;
        line_break(out, 2)?;
        out.create_element("guid")
            .with_attribute(("isPermaLink", "true"))
            .write_text_content(BytesText::new(&xml_chars(&link)))?;
        text_line(out, 2, "pubDate", &rfc822_kst(a.published_at))?;
        text_line(out, 2, "description", &attr(&description))?;
        if let Some(section) = &a.section {
            text_line(out, 2, "category", section)?;
        }
        line_break(out, 1)
    })?;
    Ok(())
}

/// The latest [`RSS_ITEMS`] articles by publication time.
pub fn rss(site: &Site, stories: &[Story]) -> Result<String, String> {
    let mut latest: Vec<&Story> = stories.iter().collect();
    latest.sort_by_key(|s| std::cmp::Reverse(s.article.published_at));
    latest.truncate(RSS_ITEMS);
    document(|out| {
        out.create_element("rss")
            .with_attribute(("version", "2.0"))
            .with_attribute(("xmlns:atom", "http://www.w3.org/2005/Atom"))
            .write_inner_content(|out| {
                line_break(out, 0)?;
                out.create_element("channel").write_inner_content(|out| {
                    text_line(out, 1, "title", &site.name)?;
                    text_line(out, 1, "link", &site.home())?;
                    // Feed readers take `<description>` as entity-encoded
                    // HTML: the text is escaped for HTML, then that for XML,
                    // so it reads back as text.
                    text_line(out, 1, "description", &attr(&site.description))?;
                    text_line(out, 1, "language", "ko")?;
                    line_break(out, 1)?;
                    out.create_element("atom:link")
                        .with_attribute(("href", xml_chars(&site.link("/rss.xml")).as_str()))
                        .with_attribute(("rel", "self"))
                        .with_attribute(("type", "application/rss+xml"))
                        .write_empty()?;
                    if let Some(newest) = latest.first() {
                        let date = rfc822_kst(newest.article.published_at);
                        text_line(out, 1, "lastBuildDate", &date)?;
                    }
                    for story in &latest {
                        item(out, site, story)?;
                    }
                    line_break(out, 0)
                })?;
                line_break(out, 0)
            })?;
        Ok(())
    })
}

/// Everything may be crawled; the sitemap says what there is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.link("/sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{hostile_story, site};

    /// What an XML reader gets back from `HOSTILE`: the characters XML
    /// cannot carry are gone, the rest is exact.
    fn xml_safe(s: &str) -> String {
        s.chars()
            .filter(|&c| {
                (((c as u32) >= 0x20 || "\t\n\r".contains(c)) && c < '\u{FFFE}') || c > '\u{FFFF}'
            })
            .collect()
    }

    /// What a feed reader shows of a `<description>` it has read from the
    /// XML: the text parsed as HTML by a real HTML tokenizer. Returns the
    /// number of elements and comments the HTML had, and its text with the
    /// character references resolved.
    fn read_as_html(description: &str) -> (usize, String) {
        use lol_html::{doc_comments, doc_text, element, RewriteStrSettings};
        use std::cell::RefCell;
        let markup = RefCell::new(0usize);
        let shown = RefCell::new(String::new());
        lol_html::rewrite_str(
            description,
            RewriteStrSettings {
                element_content_handlers: vec![element!("*", |_| {
                    *markup.borrow_mut() += 1;
                    Ok(())
                })],
                document_content_handlers: vec![
                    doc_comments!(|_| {
                        *markup.borrow_mut() += 1;
                        Ok(())
                    }),
                    doc_text!(|t| {
                        shown.borrow_mut().push_str(t.as_str());
                        Ok(())
                    }),
                ],
                ..RewriteStrSettings::default()
            },
        )
        .unwrap();
        let text = shown
            .into_inner()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        (markup.into_inner(), text)
    }

    fn stories() -> Vec<Story> {
        let mut older = hostile_story();
        older.article.id = gazette_core::ids::ArticleId::parse("old-1").unwrap();
        older.article.published_at -= 86_400;
        older.article.updated_at = None;
        older.listed.summary = None;
        vec![older, hostile_story()]
    }

    fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
        node.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("no <{name}>"))
    }

    #[test]
    fn rss_dates_are_rfc_822_in_korea_time() {
        // 2025-12-24T10:00:00+09:00
        assert_eq!(rfc822_kst(1_766_538_000), "Wed, 24 Dec 2025 10:00:00 +0900");
        // 2026-01-01T08:05:09+09:00 is still 2025 in UTC.
        assert_eq!(rfc822_kst(1_767_222_309), "Thu, 01 Jan 2026 08:05:09 +0900");
    }

    #[test]
    fn sitemap_parses_and_lists_every_article() {
        let text = sitemap(&site(), &stories()).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.sitemaps.org/schemas/sitemap/0.9")
        );
        let urls: Vec<(String, String)> = root
            .children()
            .filter(|n| n.has_tag_name("url"))
            .map(|u| {
                (
                    child_text(u, "loc").to_owned(),
                    child_text(u, "lastmod").to_owned(),
                )
            })
            .collect();
        assert_eq!(
            urls,
            [
                (
                    "https://news.example/".to_owned(),
                    "2025-12-24T11:00:00+09:00".to_owned()
                ),
                (
                    "https://news.example/article/old-1".to_owned(),
                    "2025-12-23T10:00:00+09:00".to_owned()
                ),
                (
                    "https://news.example/article/x-1".to_owned(),
                    "2025-12-24T11:00:00+09:00".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn rss_parses_and_hostile_values_round_trip() {
        let text = rss(&site(), &stories()).unwrap();
        assert!(!text.contains("<script") && !text.contains("]]>"));
        let doc = roxmltree::Document::parse(&text).unwrap();
        let rss = doc.root_element();
        assert_eq!(rss.attribute("version"), Some("2.0"));
        let channel = rss.children().find(|n| n.has_tag_name("channel")).unwrap();
        assert_eq!(child_text(channel, "title"), xml_safe(&site().name));
        assert_eq!(
            read_as_html(child_text(channel, "description")),
            (0, xml_safe(&site().description))
        );
        assert_eq!(child_text(channel, "link"), "https://news.example/");
        assert_eq!(child_text(channel, "language"), "ko");
        let items: Vec<_> = channel
            .children()
            .filter(|n| n.has_tag_name("item"))
            .collect();
        assert_eq!(items.len(), 2);
        let newest = items[0];
        assert_eq!(
            child_text(newest, "title"),
            xml_safe(&hostile_story().article.title)
        );
        assert_eq!(
            child_text(newest, "link"),
            "https://news.example/article/x-1"
        );
        let guid = newest.children().find(|n| n.has_tag_name("guid")).unwrap();
        assert_eq!(guid.attribute("isPermaLink"), Some("true"));
        assert_eq!(guid.text(), Some("https://news.example/article/x-1"));
        assert_eq!(
            child_text(newest, "pubDate"),
            "Wed, 24 Dec 2025 10:00:00 +0900"
        );
        let story = hostile_story();
        let summary = story.listed.summary.as_deref().unwrap();
        assert!(summary.contains("<script>"), "the sample must carry markup");
        assert_eq!(
            read_as_html(child_text(newest, "description")),
            (0, xml_safe(summary))
        );
        assert_eq!(
            child_text(newest, "category"),
            xml_safe(story.article.section.as_deref().unwrap())
        );
        // Without a list summary the article's own description is used.
        assert_eq!(
            read_as_html(child_text(items[1], "description")),
            (0, xml_safe(&stories()[0].article.description()))
        );
    }

    #[test]
    fn hostile_text_round_trips_through_an_xml_parser() {
        // Markup, a CDATA end, both quotes, references, characters XML
        // cannot carry (dropped) and line breaks it can (kept, `\r` too).
        let text = "<b>a & b</b> ]]> \"q\" 'a' &amp; \u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{FFFE} \t\r\n\r 끝";
        let mut site = site();
        site.name = text.to_owned();
        site.description = text.to_owned();
        let mut story = hostile_story();
        story.article.title = text.to_owned();
        story.article.section = Some(text.to_owned());
        story.listed.summary = Some(text.to_owned());
        let feed = rss(&site, &[story]).unwrap();
        assert!(!feed.contains("]]>") && !feed.contains('\u{1}') && !feed.contains('\r'));
        let doc = roxmltree::Document::parse(&feed).unwrap();
        let channel = doc.root_element().first_element_child().unwrap();
        let item = channel.children().find(|n| n.has_tag_name("item")).unwrap();
        let safe = xml_safe(text);
        assert_eq!(safe.chars().count(), text.chars().count() - 7);
        assert_eq!(child_text(channel, "title"), safe);
        assert_eq!(child_text(item, "title"), safe);
        assert_eq!(child_text(item, "category"), safe);
        // The descriptions read back as the HTML-escaped text.
        assert_eq!(child_text(channel, "description"), attr(&safe));
        assert_eq!(child_text(item, "description"), attr(&safe));
    }

    #[test]
    fn rss_keeps_the_latest_fifty() {
        let many: Vec<Story> = (0..60)
            .map(|n| {
                let mut s = hostile_story();
                s.article.id = gazette_core::ids::ArticleId::parse(&format!("n{n}")).unwrap();
                s.article.published_at += n * 60;
                s
            })
            .collect();
        let text = rss(&site(), &many).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let links: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("item"))
            .map(|i| child_text(i, "link").to_owned())
            .collect();
        assert_eq!(links.len(), RSS_ITEMS);
        assert_eq!(links[0], "https://news.example/article/n59");
        assert_eq!(links[49], "https://news.example/article/n10");
    }

    #[test]
    fn an_empty_site_still_has_valid_feeds() {
        let doc = sitemap(&site(), &[]).unwrap();
        assert!(roxmltree::Document::parse(&doc).is_ok());
        assert!(!doc.contains("lastmod"));
        assert!(roxmltree::Document::parse(&rss(&site(), &[]).unwrap()).is_ok());
    }

    #[test]
    fn robots_points_to_the_sitemap() {
        assert_eq!(
            robots(&site()),
            "User-agent: *\nAllow: /\n\nSitemap: https://news.example/sitemap.xml\n"
        );
    }

    #[test]
    fn past_fifty_thousand_urls_the_sitemap_is_an_index_of_parts() {
        let site = site();
        let entries: Vec<(String, i64)> = (0..SITEMAP_URLS + 5)
            .rev()
            .map(|n| (format!("a{n}"), 1_700_000_000 + n as i64))
            .collect();
        let files = sitemaps(&site, &entries).unwrap();
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        let index = roxmltree::Document::parse(&files[0].1).unwrap();
        assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
        let locs: Vec<&str> = index
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            locs,
            [site.link("/sitemap-1.xml"), site.link("/sitemap-2.xml")]
        );
        let urls = |xml: &str| {
            roxmltree::Document::parse(xml)
                .unwrap()
                .descendants()
                .filter(|n| n.has_tag_name("url"))
                .count()
        };
        assert_eq!(
            urls(&files[1].1),
            SITEMAP_URLS - 1,
            "each part within the limit"
        );
        assert_eq!(
            urls(&files[1].1) + urls(&files[2].1),
            entries.len() + 1,
            "every article and the home page"
        );
        assert!(files[1].1.contains("/article/a0<"), "oldest first");
        // A new article changes the last part and the index only.
        let mut more = vec![("new".to_owned(), 1_800_000_000)];
        more.extend(entries);
        let after = sitemaps(&site, &more).unwrap();
        assert_eq!(after[1], files[1]);
        assert_ne!(after[2], files[2]);
        assert_ne!(after[0], files[0]);
    }
}
