//! `sitemap.xml`, `rss.xml` (RSS 2.0) and `robots.txt`.

use crate::escape::{attr, xml};
use crate::site::Site;
use crate::source::Story;
use gazette_core::kst::{self, KstDateTime};

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

/// Every article and the home page, with the time each last changed.
pub fn sitemap(site: &Site, stories: &[Story]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let home_changed = stories.iter().map(last_change).max();
    out += &format!("  <url><loc>{}</loc>", xml(&site.home()));
    if let Some(t) = home_changed {
        out += &format!("<lastmod>{}</lastmod>", kst::iso_kst(t));
    }
    out += "</url>\n";
    for story in stories {
        out += &format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml(&site.article(story.article.id.as_str())),
            kst::iso_kst(last_change(story))
        );
    }
    out += "</urlset>\n";
    out
}

/// The latest [`RSS_ITEMS`] articles by publication time.
pub fn rss(site: &Site, stories: &[Story]) -> String {
    let mut latest: Vec<&Story> = stories.iter().collect();
    latest.sort_by_key(|s| std::cmp::Reverse(s.article.published_at));
    latest.truncate(RSS_ITEMS);
    let mut out = format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
            "  <title>{title}</title>\n  <link>{home}</link>\n",
            "  <description>{description}</description>\n  <language>ko</language>\n",
            "  <atom:link href=\"{feed}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        ),
        title = xml(&site.name),
        home = xml(&site.home()),
        // Feed readers take `<description>` as entity-encoded HTML: the text
        // is escaped for HTML, then that for XML, so it reads back as text.
        description = xml(&attr(&site.description)),
        feed = xml(&site.link("/rss.xml")),
    );
    if let Some(newest) = latest.first() {
        out += &format!(
            "  <lastBuildDate>{}</lastBuildDate>\n",
            rfc822_kst(newest.article.published_at)
        );
    }
    for story in latest {
        let a = &story.article;
        let link = xml(&site.article(a.id.as_str()));
        let description = story
            .listed
            .summary
            .clone()
            .unwrap_or_else(|| a.description());
        out += &format!(
            "  <item>\n    <title>{}</title>\n    <link>{link}</link>\n    <guid isPermaLink=\"true\">{link}</guid>\n    <pubDate>{}</pubDate>\n    <description>{}</description>\n",
            xml(&a.title),
            rfc822_kst(a.published_at),
            xml(&attr(&description))
        );
        if let Some(section) = &a.section {
            out += &format!("    <category>{}</category>\n", xml(section));
        }
        out += "  </item>\n";
    }
    out += "</channel>\n</rss>\n";
    out
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
            .filter(|&c| (c as u32) >= 0x20 || "\t\n\r".contains(c))
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
        let text = sitemap(&site(), &stories());
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
        let text = rss(&site(), &stories());
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
    fn rss_keeps_the_latest_fifty() {
        let many: Vec<Story> = (0..60)
            .map(|n| {
                let mut s = hostile_story();
                s.article.id = gazette_core::ids::ArticleId::parse(&format!("n{n}")).unwrap();
                s.article.published_at += n * 60;
                s
            })
            .collect();
        let text = rss(&site(), &many);
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
        let doc = sitemap(&site(), &[]);
        assert!(roxmltree::Document::parse(&doc).is_ok());
        assert!(!doc.contains("lastmod"));
        assert!(roxmltree::Document::parse(&rss(&site(), &[])).is_ok());
    }

    #[test]
    fn robots_points_to_the_sitemap() {
        assert_eq!(
            robots(&site()),
            "User-agent: *\nAllow: /\n\nSitemap: https://news.example/sitemap.xml\n"
        );
    }
}
