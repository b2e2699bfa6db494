//! The pages the build writes, each rendered from the app's own components
//! (`render.rs`): the home page with the latest list, `article/<id>/` for
//! every article, and `404.html` (the not-found page, and the page static
//! hosts serve for every other address, where the app renders itself).
//! Each carries the documents it was rendered from, which the app reads
//! instead of fetching them.

use crate::render::{self, Page};
use crate::rewrite::Embedded;
use crate::source::Backend;
use gazette::api::contract::decode_article_list;
use gazette::pages::article::SIDE_LIST;
use gazette::rendered::Rendered;
use serde_json::Value;

/// The address the not-found page is rendered for (no route of the app).
pub const NOT_FOUND_ROUTE: &str = "/404.html";

/// The pages to write: path under the build directory and content.
pub fn pages(
    shell: &str,
    site_url: &str,
    backend: &Backend,
    now: i64,
) -> Result<Vec<(String, String)>, String> {
    let rendered = |route: &str| Rendered {
        route: route.to_owned(),
        at: now,
        base: site_url.to_owned(),
    };
    let first_page: Vec<Embedded> = backend
        .first_page
        .iter()
        .map(|doc| Embedded {
            path: "articles.json".into(),
            text: doc.to_string(),
            partial: false,
        })
        .collect();
    let side_list: Vec<Embedded> = backend
        .first_page
        .as_ref()
        .map(|doc| Embedded {
            path: "articles.json".into(),
            text: side_list(doc, SIDE_LIST + 1),
            partial: true,
        })
        .into_iter()
        .collect();
    let mut pages = vec![
        (
            "404.html".to_owned(),
            render::page(
                shell,
                &Page {
                    rendered: rendered(NOT_FOUND_ROUTE),
                    docs: Vec::new(),
                },
            )?,
        ),
        (
            "index.html".to_owned(),
            render::page(
                shell,
                &Page {
                    rendered: rendered("/"),
                    docs: first_page,
                },
            )?,
        ),
    ];
    for story in &backend.stories {
        let id = &story.article.id;
        let mut docs = vec![Embedded {
            path: gazette::api::article_path(id),
            text: story.document.to_string(),
            partial: false,
        }];
        docs.extend(side_list.iter().cloned());
        let html = render::page(
            shell,
            &Page {
                rendered: rendered(&id.path()),
                docs,
            },
        )?;
        pages.push((format!("article/{id}/index.html"), html));
    }
    Ok(pages)
}

/// The first list page cut to its first entries that hold `keep` valid
/// articles, without `next_page`: what an article page's side column shows,
/// without the weight of the whole list. (The app does not keep it as the
/// last good copy of the list; see `gazette::api::preload`.)
fn side_list(first_page: &Value, keep: usize) -> String {
    let entries = first_page["articles"].as_array().cloned().unwrap_or_default();
    let mut end = entries.len();
    for n in 1..=entries.len() {
        let doc = serde_json::json!({ "articles": &entries[..n] }).to_string();
        if decode_article_list(&doc).is_ok_and(|l| l.articles.len() >= keep) {
            end = n;
            break;
        }
    }
    serde_json::json!({ "articles": &entries[..end] }).to_string()
}

/// Writes the pages into `dist`.
pub fn write(dist: &std::path::Path, pages: &[(String, String)]) -> Result<(), String> {
    for (path, html) in pages {
        crate::write(&dist.join(path), html)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{backend, HOSTILE};

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

    #[test]
    fn an_article_page_has_the_story_its_tags_and_its_documents() {
        let pages = all();
        let html = page(&pages, "article/x-1/index.html");
        assert!(html.contains("<div id=\"app\" data-route=\"/article/x-1\" data-rendered-at=\"1766588390\" data-site-url=\"https://news.example\">"));
        assert_eq!(html.matches("<h1 ").count(), 1);
        assert_eq!(html.matches("class=\"story__title\"").count(), 1);
        assert!(html.contains("<link rel=\"canonical\" href=\"https://news.example/article/x-1\">"));
        assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
        assert!(html.contains("<meta property=\"og:image:width\" content=\"1200\">"));
        assert!(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
        let ld_start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
        let ld = &html[ld_start..ld_start + html[ld_start..].find("</script>").unwrap()];
        let ld: Value = serde_json::from_str(ld).unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert!(ld["headline"].as_str().unwrap().ends_with(HOSTILE));
        assert!(html.contains("<time datetime=\"2025-12-24T10:00:00+09:00\">2025.12.24 10:00</time>"));
        assert!(html.contains("loading=\"eager\""));
        let docs: Vec<&str> = html
            .match_indices("data-gazette-doc=\"")
            .map(|(i, _)| {
                let rest = &html[i + 18..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert_eq!(docs, ["articles/x-1.json", "articles.json"]);
    }

    #[test]
    fn the_home_page_lists_the_latest_and_the_not_found_page_says_so() {
        let pages = all();
        let home = page(&pages, "index.html");
        assert!(home.contains("<section class=\"home\""));
        assert!(home.contains("href=\"/article/x-1\""));
        assert!(home.contains("<link rel=\"canonical\" href=\"https://news.example/\">"));
        assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
        assert!(home.contains("<time datetime=\"2025-12-24\">2025.12.24 (수)</time>"));
        assert!(home.contains("data-gazette-doc=\"articles.json\""));
        let missing = page(&pages, "404.html");
        assert!(missing.contains("페이지를 찾을 수 없습니다"));
        assert!(!missing.contains("gazette-doc") && !missing.contains("canonical"));
    }

    #[test]
    fn the_side_list_keeps_just_enough_valid_entries() {
        let entry = |id: &str| serde_json::json!({"id": id, "title": "t", "published_at": "2025-12-08T10:00:00Z"});
        let bad = serde_json::json!({"id": "bad id"});
        let doc = serde_json::json!({
            "articles": [entry("a"), bad, entry("b"), entry("c"), entry("d")],
            "next_page": "p2.json",
        });
        let cut: Value = serde_json::from_str(&side_list(&doc, 2)).unwrap();
        assert_eq!(cut["articles"].as_array().unwrap().len(), 3);
        assert!(cut.get("next_page").is_none());
        let all: Value = serde_json::from_str(&side_list(&doc, 10)).unwrap();
        assert_eq!(all["articles"].as_array().unwrap().len(), 5);
    }
}
