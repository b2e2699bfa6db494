//! The pages the build writes, each rendered from the app's own components
//! (`render.rs`): the home page with the latest list, `article/<id>/` for
//! every article, and `404.html` (the not-found page, and the page static
//! hosts serve for every other address, where the app renders itself).
//! Each carries the documents it was rendered from, which the app reads
//! instead of fetching them.

use crate::render::{self, Page};
use crate::rewrite::Embedded;
#[cfg(test)]
use crate::source::Backend;
use crate::source::Story;
use gazette::hydration::rendered::Rendered;
use gazette::pages::article::SIDE_LIST;
use gazette_core::contract::ArticleList;
use gazette_core::encode;

/// The address the not-found page is rendered for (no route of the app).
pub const NOT_FOUND_ROUTE: &str = "/404.html";

/// What every page is rendered with: the processed shell, the site's
/// public address and the instant of rendering.
#[derive(Clone, Copy)]
pub struct Frame<'a> {
    pub shell: &'a str,
    pub site_url: &'a str,
    pub now: i64,
}

impl Frame<'_> {
    fn render(&self, route: &str, docs: Vec<Embedded>) -> Result<String, String> {
        render::page(
            self.shell,
            &Page {
                rendered: Rendered {
                    route: route.to_owned(),
                    at: self.now,
                    base: self.site_url.to_owned(),
                },
                docs,
            },
        )
    }
}

/// `404.html`: the not-found page, and what static hosts serve for every
/// other address.
pub fn not_found(frame: Frame) -> Result<String, String> {
    frame.render(NOT_FOUND_ROUTE, Vec::new())
}

/// `index.html`, embedding the first list page. Documents are embedded as
/// written back from the decoded contract types: only the fields the app
/// reads, never what else the backend sent.
pub fn home(frame: Frame, first_page: Option<&ArticleList>) -> Result<String, String> {
    let docs = first_page
        .map(|list| Embedded {
            path: "articles.json".into(),
            text: encode::article_list(list),
            partial: false,
        })
        .into_iter()
        .collect();
    frame.render("/", docs)
}

/// The side column's list, embedded in every article page.
pub fn side_docs(first_page: Option<&ArticleList>) -> Vec<Embedded> {
    first_page
        .map(|list| Embedded {
            path: "articles.json".into(),
            text: side_list(list, SIDE_LIST + 1),
            partial: true,
        })
        .into_iter()
        .collect()
}

/// Where an article's page goes under the site.
pub fn article_path(id: &str) -> String {
    format!("article/{id}/index.html")
}

/// An article's page, embedding its document and `side` ([`side_docs`]).
pub fn article(frame: Frame, story: &Story, side: &[Embedded]) -> Result<String, String> {
    let id = &story.article.id;
    let mut docs = vec![Embedded {
        path: gazette_core::api::article_path(id),
        text: encode::article(&story.article),
        partial: false,
    }];
    docs.extend(side.iter().cloned());
    frame.render(&id.path(), docs)
}

// (The build renders page by page in `publish.rs`; the tests take every
// page at once.)
#[cfg(test)]
/// Every page for `backend`: path under the build directory and content
/// (articles whose id cannot be a portable file name are left out, with a
/// warning).
pub fn pages(
    shell: &str,
    site_url: &str,
    backend: &Backend,
    now: i64,
) -> Result<Vec<(String, String)>, String> {
    let frame = Frame {
        shell,
        site_url,
        now,
    };
    let first_page = backend.first_page.as_ref();
    let mut pages = vec![
        ("404.html".to_owned(), not_found(frame)?),
        ("index.html".to_owned(), home(frame, first_page)?),
    ];
    let side = side_docs(first_page);
    let unsafe_ids = unportable_ids(backend.stories.iter().map(|s| s.article.id.as_str()));
    for (id, why) in &unsafe_ids {
        eprintln!("xtask: warning: no prerendered page for article {id:?}: {why} (the app still shows it at /article/{id})");
    }
    for story in &backend.stories {
        let id = story.article.id.as_str();
        if unsafe_ids.iter().any(|(skipped, _)| skipped == id) {
            continue;
        }
        pages.push((article_path(id), article(frame, story, &side)?));
    }
    Ok(pages)
}

/// The first list page cut to its first `keep` entries, without
/// `next_page`: what an article page's side column shows, without the weight
/// of the whole list. (The app does not keep it as the last good copy of
/// the list; see `gazette::hydration::preload`.)
fn side_list(first_page: &ArticleList, keep: usize) -> String {
    encode::article_list(&ArticleList {
        articles: first_page.articles.iter().take(keep).cloned().collect(),
        next_page: None,
    })
}

/// The article ids whose page `article/<id>/index.html` could not be
/// written safely on every build host, with the reason: ids that differ
/// only by case (`Abc`, `abc`) would overwrite each other's page on a
/// case-insensitive file system (macOS, Windows), so a preview could show
/// the wrong story; Windows refuses device names (`CON`, `aux`, `nul`,
/// `COM1`, …) as folder names. Such pages are skipped, not guessed at.
pub fn unportable_ids<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> Vec<(String, String)> {
    const DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];
    let mut by_folded = std::collections::HashMap::<String, usize>::new();
    for id in ids.clone() {
        *by_folded.entry(id.to_lowercase()).or_default() += 1;
    }
    ids.filter_map(|id| {
        let folded = id.to_lowercase();
        let device = DEVICES.contains(&folded.as_str())
            || ["com", "lpt"].iter().any(|p| {
                folded
                    .strip_prefix(p)
                    .is_some_and(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()))
            });
        let why = if device {
            "a device name on Windows"
        } else if by_folded[&folded] > 1 {
            "another article's id differs from it only by case"
        } else {
            return None;
        };
        Some((id.to_owned(), why.to_owned()))
    })
    .collect()
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::rewrite::select;
    use crate::testdata::{backend, hostile_story};
    use html_escape::decode_html_entities;
    use serde_json::Value;

    /// A shell as Trunk writes it, reduced: the head marker, one loader.
    pub const SHELL: &str = "<!doctype html>\n<html lang=\"ko\">\n<head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n  <meta name=\"site-name\" content=\"한빛일보\">\n  <!--HEAD--><!--/HEAD-->\n<script type=\"module\">\nimport init from '/app.js';\n</script>\n</head>\n<body>\n  <div id=\"app\"><noscript><p class=\"noscript\">켜 주세요</p></noscript></div>\n  <div id=\"crash\" hidden></div>\n</body>\n</html>";

    const NOW: i64 = 1_766_588_390; // 2025-12-24T23:59:50+09:00

    fn page<'a>(pages: &'a [(String, String)], path: &str) -> &'a str {
        &pages.iter().find(|(p, _)| p == path).unwrap().1
    }

    fn all() -> Vec<(String, String)> {
        pages(SHELL, "https://news.example", &backend(), NOW).unwrap()
    }

    #[test]
    fn every_page_runs_only_the_shells_scripts_and_states_its_head_once() {
        let pages = all();
        let paths: Vec<_> = pages.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["404.html", "index.html", "article/x-1/index.html"]);
        for (path, html) in &pages {
            assert_eq!(
                crate::rewrite::inline_scripts(html),
                crate::rewrite::inline_scripts(SHELL),
                "{path} gained an executable script"
            );
            assert_eq!(html.matches("<title>").count(), 1, "{path}");
            assert_eq!(html.matches("property=\"og:title\"").count(), 1, "{path}");
            assert_eq!(html.matches("name=\"twitter:card\"").count(), 1, "{path}");
            // Hostile text never opens an element: `<` only starts ours.
            assert!(!html.contains("<script>alert"), "{path}");
            assert!(!html.contains("<!-- ]]>"), "{path}");
            // The head's tags sit between the markers, where the app finds them.
            let head = &html[html.find("<!--HEAD-->").unwrap()..html.find("<!--/HEAD-->").unwrap()];
            assert!(head.contains("<title>"), "{path}");
            assert!(!html.contains("noscript"), "{path}");
        }
    }

    fn content(html: &str, selector: &str) -> Vec<String> {
        select(html, selector)
            .into_iter()
            .filter_map(|f| f.attr("content").map(str::to_owned))
            .collect()
    }

    #[test]
    fn an_article_page_has_the_story_its_tags_and_its_documents() {
        let pages = all();
        let html = page(&pages, "article/x-1/index.html");
        let story = hostile_story();
        let app = &select(html, "div#app")[0];
        assert_eq!(app.attr("data-route"), Some("/article/x-1"));
        assert_eq!(app.attr("data-rendered-at"), Some("1766588390"));
        assert_eq!(app.attr("data-site-url"), Some("https://news.example"));
        let h1 = select(html, "h1");
        assert_eq!(h1.len(), 1);
        assert_eq!(h1[0].attr("class"), Some("story__title"));
        assert_eq!(decode_html_entities(&h1[0].text), story.article.title);
        let title = select(html, "title");
        assert_eq!(
            decode_html_entities(&title[0].text),
            format!("{} | 한빛일보", story.article.title)
        );
        let canonical = select(html, "link[rel=canonical]");
        assert_eq!(canonical.len(), 1);
        assert_eq!(
            canonical[0].attr("href"),
            Some("https://news.example/article/x-1")
        );
        assert_eq!(content(html, "meta[property='og:type']"), ["article"]);
        assert_eq!(
            content(html, "meta[property='og:title']"),
            [story.article.title.as_str()]
        );
        assert_eq!(content(html, "meta[property='og:image:width']"), ["1200"]);
        assert_eq!(
            content(html, "meta[name='twitter:card']"),
            ["summary_large_image"]
        );
        let ld = select(html, "script[type='application/ld+json']");
        assert_eq!(ld.len(), 1);
        let ld: Value = serde_json::from_str(&ld[0].text).unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"].as_str(), Some(story.article.title.as_str()));
        let times = select(html, ".story__time time");
        assert_eq!(times[0].attr("datetime"), Some("2025-12-24T10:00:00+09:00"));
        assert_eq!(times[0].text, "2025.12.24 10:00");
        let images = select(html, ".story__figure img");
        assert_eq!(images[0].attr("loading"), Some("eager"));
        assert_eq!(images[0].attr("src"), Some("/images/a.jpg?x=\"1\"&y=<2>"));
        assert_eq!(images[1].attr("loading"), Some("lazy"));
        assert!(
            images[1].attrs.contains_key("class"),
            "a picture without size keeps its box"
        );
        let docs: Vec<_> = select(html, "script[data-gazette-doc]")
            .into_iter()
            .map(|d| {
                (
                    d.attr("data-gazette-doc").unwrap().to_owned(),
                    d.attrs.contains_key("data-partial"),
                )
            })
            .collect();
        assert_eq!(
            docs,
            [
                ("articles/x-1.json".to_owned(), false),
                ("articles.json".to_owned(), true)
            ]
        );
        let doc = &select(html, "script[data-gazette-doc='articles/x-1.json']")[0].text;
        assert_eq!(
            gazette_core::contract::decode_article(doc).unwrap(),
            story.article
        );
    }

    #[test]
    fn the_home_page_lists_the_latest_and_the_not_found_page_says_so() {
        let pages = all();
        let home = page(&pages, "index.html");
        assert_eq!(select(home, "section.home").len(), 1);
        assert_eq!(
            select(home, ".home .card__title a")[0].attr("href"),
            Some("/article/x-1")
        );
        assert_eq!(
            select(home, "link[rel=canonical]")[0].attr("href"),
            Some("https://news.example/")
        );
        assert_eq!(content(home, "meta[property='og:type']"), ["website"]);
        let date = &select(home, ".date-line time")[0];
        assert_eq!(
            (date.attr("datetime"), date.text.as_str()),
            (Some("2025-12-24"), "2025.12.24 (수)")
        );
        assert_eq!(
            select(home, "script[data-gazette-doc='articles.json']").len(),
            1
        );
        assert_eq!(
            select(home, ".more-button").len(),
            1,
            "the first page links to a second"
        );
        let missing = page(&pages, "404.html");
        assert_eq!(
            select(missing, ".not-found h1")[0].text,
            "페이지를 찾을 수 없습니다"
        );
        assert!(select(missing, "script[data-gazette-doc]").is_empty());
        assert!(select(missing, "link[rel=canonical]").is_empty());
    }

    #[test]
    fn ids_that_collide_by_case_or_name_a_device_get_no_page() {
        let ids = [
            "Abc", "abc", "ABC2", "x-1", "CON", "aux", "nul", "com1", "LPT9", "com10", "console",
        ];
        let skipped: Vec<String> = unportable_ids(ids.iter().copied())
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(skipped, ["Abc", "abc", "CON", "aux", "nul", "com1", "LPT9"]);
        // The rest of the build goes on: the other stories get their pages.
        let mut site = backend();
        let mut twin = site.stories[0].clone();
        let id = site.stories[0].article.id.as_str().to_uppercase();
        twin.article.id = gazette_core::ids::ArticleId::parse(&id).unwrap();
        site.stories.push(twin);
        let paths: Vec<String> = pages(SHELL, "https://news.example", &site, NOW)
            .unwrap()
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        assert!(
            !paths
                .iter()
                .any(|p| p.to_lowercase() == format!("article/{}/index.html", id.to_lowercase())),
            "{paths:?}"
        );
        assert_eq!(paths.len(), 2 + site.stories.len() - 2, "{paths:?}");
    }

    #[test]
    fn the_side_list_keeps_the_first_entries_without_the_next_page() {
        let list = |ids: &[&str]| {
            let entries: Vec<Value> = ids
                .iter()
                .map(|id| serde_json::json!({"id": id, "title": "t", "published_at": "2025-12-08T10:00:00Z"}))
                .collect();
            gazette_core::contract::decode_article_list(
                &serde_json::json!({"articles": entries, "next_page": "p2.json"}).to_string(),
            )
            .unwrap()
        };
        let cut: Value = serde_json::from_str(&side_list(&list(&["a", "b", "c", "d"]), 2)).unwrap();
        assert_eq!(cut["articles"].as_array().unwrap().len(), 2);
        assert!(cut.get("next_page").is_none());
        let all: Value = serde_json::from_str(&side_list(&list(&["a", "b"]), 10)).unwrap();
        assert_eq!(all["articles"].as_array().unwrap().len(), 2);
    }
}
