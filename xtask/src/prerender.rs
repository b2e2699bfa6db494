//! Static pages made from the shell: each article at `article/<id>/`, the
//! home page with the latest list, and the plain shell as `404.html`.
//!
//! The mount point holds what the app's first view renders, with the same
//! elements and classes (`src/lib.rs`, `src/pages/`, `src/components/`), so
//! the page is readable without JavaScript and does not move when the app
//! replaces it. Controls that need the app are there, disabled, to keep
//! their place. The document the view is made from is embedded for the app
//! (`src/api/embedded.rs`), which then shows it without a request.

use crate::escape::{attr, json_in_script, text};
use crate::site::Site;
use crate::source::{Backend, Story};
use crate::{head, shell};
use gazette::api::contract::ArticleSummary;
use gazette::kst;
use gazette::markup;
use serde_json::Value;
use std::path::Path;

/// Articles in the side column (as `src/pages/article.rs` shows).
const SIDE_LIST: usize = 10;

/// The pages to write: path under the build directory and content.
pub fn pages(
    shell_html: &str,
    site: &Site,
    backend: &Backend,
    now: i64,
) -> Result<Vec<(String, String)>, String> {
    let plain = shell::without_preview_tags(shell_html);
    let site_wide = |canonical_home: bool| {
        shell::with_head_tags(&plain, &head::site_tags(site, canonical_home))
    };
    let mut pages = vec![("404.html".to_owned(), site_wide(false))];
    let home = match &backend.first_page {
        Some(doc) => shell::with_app(
            &site_wide(true),
            &frame(site, now, &home_main(&backend.latest, backend.more)),
            &data_block("articles.json", doc),
        )?,
        None => site_wide(true),
    };
    pages.push(("index.html".to_owned(), home));
    for story in &backend.stories {
        let a = &story.article;
        let page = shell::with_title(
            &shell::without_description(&plain),
            &gazette::head::document_title(&a.title, &site.name),
        );
        let page = shell::with_head_tags(&page, &head::article_tags(site, story));
        let side: Vec<&ArticleSummary> = backend
            .latest
            .iter()
            .filter(|s| s.id != a.id)
            .take(SIDE_LIST)
            .collect();
        let page = shell::with_app(
            &page,
            &frame(site, now, &article_main(site, story, &side, now)),
            &data_block(&format!("articles/{}.json", a.id), &story.document),
        )?;
        pages.push((format!("article/{}/index.html", a.id), page));
    }
    Ok(pages)
}

/// Writes the pages into `dist`.
pub fn write(dist: &Path, pages: &[(String, String)]) -> Result<(), String> {
    for (path, html) in pages {
        crate::write(&dist.join(path), html)?;
    }
    Ok(())
}

/// The document a view is made from, for the app to pick up
/// (`type="application/json"`: data, never run, so the CSP is unchanged).
fn data_block(path: &str, document: &Value) -> String {
    format!(
        "<script type=\"application/json\" id=\"gazette-data\" data-path=\"{}\">{}</script>",
        attr(path),
        json_in_script(&document.to_string())
    )
}

/// Skip link, header (masthead and ticker), `<main>` holding `main`,
/// footer: the parts the app (`boot` in `src/lib.rs`) replaces one by one.
fn frame(site: &Site, now: i64, main: &str) -> String {
    let name = text(&site.name);
    let date = kst::date_line(now);
    let day = &kst::iso_kst(now)[..10];
    format!(
        concat!(
            "<a class=\"skip-link\" href=\"#main\">본문 바로가기</a>",
            "<header class=\"site-header\"><div class=\"masthead\">",
            "<a href=\"/\" class=\"masthead__name\">{name}</a>",
            "<p class=\"date-line\"><time datetime=\"{day}\">{date}</time></p>",
            "<button type=\"button\" class=\"notice-button\" aria-haspopup=\"dialog\" disabled>{bell}</button>",
            "</div>",
            "<section class=\"ticker\" aria-label=\"전국 날씨\" data-paused=\"false\">",
            "<div class=\"ticker__viewport ticker__viewport--empty\"></div>",
            "<p class=\"ticker__meta\"><span class=\"ticker__credit\">기상청 제공</span></p>",
            "<div class=\"ticker__controls\">",
            "<button type=\"button\" class=\"ticker__button ticker__toggle\" aria-pressed=\"false\" disabled>{toggle}</button>",
            "<button type=\"button\" class=\"ticker__button ticker__all\" aria-haspopup=\"dialog\" disabled>",
            "전체<span class=\"ticker__more\"> 보기</span></button>",
            "</div></section></header>",
            "<main id=\"main\" tabindex=\"-1\">{main}</main>",
            "<footer class=\"site-footer\">",
            "<button type=\"button\" class=\"link-button layout-switch\" disabled>모바일 버전으로 보기</button>",
            "<p class=\"site-footer__name\">© {name}</p></footer>",
        ),
        name = name,
        bell = gazette::notice::button_content(0),
        toggle = gazette::weather::toggle_content(false),
        day = day,
        date = date,
        main = main,
    )
}

/// `src/pages/home.rs` with its first page loaded.
fn home_main(latest: &[ArticleSummary], more: bool) -> String {
    let list = if latest.is_empty() {
        "<p class=\"empty\">아직 기사가 없습니다.</p>".to_owned()
    } else {
        let refs: Vec<&ArticleSummary> = latest.iter().collect();
        let more = if more {
            "<button type=\"button\" class=\"button more-button\" disabled>더 보기</button>"
        } else {
            ""
        };
        format!("{}{more}", card_list(&refs, true))
    };
    format!(
        "<h1 class=\"visually-hidden\">최신 기사</h1><section class=\"home\" aria-labelledby=\"latest-heading\"><h2 id=\"latest-heading\" class=\"section-heading\">최신 기사</h2>{list}</section>"
    )
}

/// `ArticleList` of `src/components/article_list.rs`.
fn card_list(articles: &[&ArticleSummary], full: bool) -> String {
    markup::card_list(articles.iter().copied(), full)
}

/// `src/pages/article.rs`: the story and the side column.
fn article_main(site: &Site, story: &Story, side: &[&ArticleSummary], now: i64) -> String {
    format!(
        "<div class=\"article-layout\"><div class=\"article-layout__main\">{}</div><aside class=\"article-layout__side\" aria-labelledby=\"side-latest\"><h2 id=\"side-latest\" class=\"section-heading\">최신 기사</h2>{}</aside></div>",
        story_html(site, story, now),
        card_list(side, false)
    )
}

/// The `Story` view.
pub fn story_html(site: &Site, story: &Story, now: i64) -> String {
    let a = &story.article;
    let mut out = format!(
        "<article class=\"story\" aria-labelledby=\"story-title\" data-font=\"normal\"><header class=\"story__header\">{}</header>",
        markup::story_header(a, now)
    );
    out += &format!(
        "<div class=\"story__tools\">{}</div>",
        markup::story_tools(None)
    );
    out += &format!(
        "<p class=\"story__print-url\">기사 주소: {}</p><div class=\"story__body\">",
        text(&site.article(&a.id))
    );
    out += &markup::story_body(&a.body);
    out += "</div>";
    if !a.tags.is_empty() {
        out += &format!(
            "<ul class=\"story__tags\" aria-label=\"태그\">{}</ul>",
            markup::tag_items(&a.tags)
        );
    }
    out += "</article>";
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::tests::{hostile_story, site, HOSTILE};

    const SHELL: &str = "<!doctype html>\n<html lang=\"ko\">\n<head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n  <title>한빛일보</title>\n  <meta name=\"description\" content=\"지역 소식\">\n<script type=\"module\">\nimport init from '/app.js';\n</script>\n</head>\n<body>\n  <div id=\"app\"><noscript><p class=\"noscript\">켜 주세요</p></noscript></div>\n</body>\n</html>";

    const NOW: i64 = 1_766_588_390; // 2025-12-24T23:59:50+09:00

    fn backend() -> Backend {
        let story = hostile_story();
        Backend {
            first_page: Some(serde_json::json!({ "articles": [story.document.clone()] })),
            latest: vec![story.listed.clone()],
            more: true,
            stories: vec![story],
            warnings: Vec::new(),
        }
    }

    fn page<'a>(pages: &'a [(String, String)], path: &str) -> &'a str {
        &pages.iter().find(|(p, _)| p == path).unwrap().1
    }

    #[test]
    fn every_page_runs_only_the_shells_scripts() {
        let pages = pages(SHELL, &site(), &backend(), NOW).unwrap();
        let paths: Vec<_> = pages.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["404.html", "index.html", "article/x-1/index.html"]);
        for (path, html) in &pages {
            assert_eq!(
                crate::csp::inline_scripts(html),
                crate::csp::inline_scripts(SHELL),
                "{path} gained an executable script"
            );
            assert!(
                html.contains("http-equiv=\"Content-Security-Policy\""),
                "{path}"
            );
            assert_eq!(html.matches("<title>").count(), 1, "{path}");
            assert_eq!(
                html.matches("<meta name=\"description\"").count(),
                1,
                "{path}"
            );
            assert_eq!(html.matches("property=\"og:title\"").count(), 1, "{path}");
            // Hostile text never opens an element: `<` only starts our tags.
            assert!(!html.contains("<script>alert"), "{path}");
            assert!(!html.contains("<!-- ]]>"), "{path}");
        }
    }

    #[test]
    fn article_page_has_the_story_its_tags_and_its_document() {
        let pages = pages(SHELL, &site(), &backend(), NOW).unwrap();
        let html = page(&pages, "article/x-1/index.html");
        let title = text(&format!("제목 {HOSTILE} | 한빛 {HOSTILE}"));
        assert!(html.contains(&format!("<title>{title}</title>")));
        assert!(
            !html.contains("지역 소식"),
            "the site description is replaced"
        );
        assert_eq!(html.matches("<h1 ").count(), 1);
        assert!(html.contains(&format!(
            "<h1 id=\"story-title\" class=\"story__title\">{}</h1>",
            text(&hostile_story().article.title)
        )));
        assert!(html.contains(
            "<span class=\"story__time\">입력 <time datetime=\"2025-12-24T10:00:00+09:00\">2025.12.24 10:00</time></span><span class=\"story__time\">수정 <time datetime=\"2025-12-24T11:00:00+09:00\">2025.12.24 11:00</time></span>"
        ));
        assert!(html.contains("<img src=\"/images/a.svg?x=&quot;1&quot;&amp;y=&lt;2&gt;\""));
        assert!(
            html.contains("width=\"1200\" height=\"675\" loading=\"eager\" fetchpriority=\"high\"")
        );
        assert!(html.contains("alt=\"\" class=\"unsized\" loading=\"lazy\""));
        assert!(!html.contains("noscript"));
        let open = "<script type=\"application/json\" id=\"gazette-data\" data-path=\"articles/x-1.json\">";
        let start = html.find(open).unwrap() + open.len();
        let json = &html[start..start + html[start..].find("</script>").unwrap()];
        let doc: Value = serde_json::from_str(json).unwrap();
        assert_eq!(doc, hostile_story().document);
    }

    #[test]
    fn home_lists_the_latest_and_the_fallback_shell_stays_empty() {
        let pages = pages(SHELL, &site(), &backend(), NOW).unwrap();
        let home = page(&pages, "index.html");
        assert!(home.contains("<section class=\"home\""));
        assert!(home.contains("<li class=\"card\"><div class=\"card__text\"><h3 class=\"card__title\"><a href=\"/article/x-1\">"));
        assert!(home.contains("data-path=\"articles.json\""));
        assert!(home.contains("</ul><button type=\"button\" class=\"button more-button\" disabled>더 보기</button></section>"));
        assert!(home.contains("<link rel=\"canonical\" href=\"https://news.example/\""));
        assert!(home.contains("<time datetime=\"2025-12-24\">2025.12.24 (수)</time>"));
        let fallback = page(&pages, "404.html");
        assert!(fallback.contains("<div id=\"app\"><noscript>"));
        assert!(!fallback.contains("gazette-data") && !fallback.contains("canonical"));
        assert!(fallback.contains("<meta property=\"og:type\" content=\"website\""));
        assert!(fallback.contains("<meta name=\"description\" content=\"지역 소식\">"));
    }

    #[test]
    fn old_stories_carry_the_age_note_and_the_side_list_skips_the_story() {
        let mut b = backend();
        let mut other = b.latest[0].clone();
        other.id = "y".into();
        b.latest.push(other);
        let html = article_main(&site(), &b.stories[0], &[&b.latest[1]], NOW + 400 * 86_400);
        assert!(html.contains("<p class=\"story__age\" role=\"note\">1년 전 기사입니다</p>"));
        assert!(html.contains("<ul class=\"article-list article-list--compact\"><li class=\"card\"><div class=\"card__text\"><h3 class=\"card__title\"><a href=\"/article/y\">"));
        assert!(!article_main(&site(), &b.stories[0], &[], NOW).contains("story__age"));
    }

    #[test]
    fn without_a_backend_only_the_site_wide_pages_are_written() {
        let pages = pages(SHELL, &site(), &Backend::default(), NOW).unwrap();
        assert_eq!(pages.len(), 2);
        assert!(page(&pages, "index.html").contains("<div id=\"app\"><noscript>"));
    }
}
