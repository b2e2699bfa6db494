//! Markup the app writes as text for the browser to parse (where building
//! the same nodes one DOM call at a time would cost too much), and the
//! escaping that keeps data from the backend inert in it. The prerender
//! step (`xtask`) writes its pages with the same functions, so the static
//! page and the app's first view are the same markup.

use crate::api::contract::{Article, ArticleSummary, Block};
use crate::kst;
use crate::reading::FontSize;

/// `text` for an HTML text node or a quoted attribute value: `&`, `<`,
/// `>`, `"` and `'` as character references, nothing else changed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The class of an article list: full cards (home) or titles only (side
/// column).
pub fn list_class(full: bool) -> &'static str {
    if full {
        "article-list"
    } else {
        "article-list article-list--compact"
    }
}

/// The cards of an article list (the `<li>` items of `<ul class=…>`):
/// thumbnail, title link, summary, section and time; `full: false` keeps the
/// title, section and time.
pub fn cards<'a>(articles: impl IntoIterator<Item = &'a ArticleSummary>, full: bool) -> String {
    let mut out = String::new();
    for a in articles {
        out.push_str("<li class=\"card\">");
        if let (Some(t), true) = (&a.thumbnail, full) {
            out += &format!(
                "<img class=\"card__thumb\" src=\"{}\" alt=\"{}\" width=\"160\" height=\"90\" loading=\"lazy\" decoding=\"async\">",
                escape(&t.src),
                escape(&t.alt)
            );
        }
        out += &format!(
            "<div class=\"card__text\"><h3 class=\"card__title\"><a href=\"/article/{}\">{}</a></h3>",
            escape(&a.id),
            escape(&a.title)
        );
        if let (Some(s), true) = (&a.summary, full) {
            out += &format!("<p class=\"card__summary\">{}</p>", escape(s));
        }
        out.push_str("<p class=\"card__meta\">");
        if let Some(s) = &a.section {
            out += &format!("<span class=\"card__section\">{}</span>", escape(s));
        }
        out += &time(a.published_at);
        out.push_str("</p></div></li>");
    }
    out
}

/// A story's header (the content of `<header class="story__header">`):
/// section, headline, subtitle, byline with the 입력 and 수정 times, and the
/// note on an old story's age as of `now`.
pub fn story_header(a: &Article, now: i64) -> String {
    let mut out = String::new();
    if let Some(s) = &a.section {
        out += &format!("<p class=\"story__section\">{}</p>", escape(s));
    }
    out += &format!(
        "<h1 id=\"story-title\" class=\"story__title\">{}</h1>",
        escape(&a.title)
    );
    if let Some(s) = &a.subtitle {
        out += &format!("<p class=\"story__subtitle\">{}</p>", escape(s));
    }
    out.push_str("<div class=\"story__byline\">");
    if let Some(author) = &a.author {
        out += &format!(
            "<span class=\"story__author\">{} 기자",
            escape(&author.name)
        );
        if let Some(e) = &author.email {
            out += &format!("<span class=\"story__email\">{}</span>", escape(e));
        }
        out.push_str("</span>");
    }
    out += &format!(
        "<span class=\"story__time\">입력 {}</span>",
        time(a.published_at)
    );
    if let Some(updated) = a.updated_at.filter(|u| *u > a.published_at) {
        out += &format!("<span class=\"story__time\">수정 {}</span>", time(updated));
    }
    out.push_str("</div>");
    if let Some(note) = crate::reading::age_note(a.published_at, now) {
        out += &format!(
            "<p class=\"story__age\" role=\"note\">{}</p>",
            escape(&note)
        );
    }
    out
}

/// A whole article list: `<ul>` of [`list_class`] holding [`cards`].
pub fn card_list<'a>(articles: impl IntoIterator<Item = &'a ArticleSummary>, full: bool) -> String {
    format!(
        "<ul class=\"{}\">{}</ul>",
        list_class(full),
        cards(articles, full)
    )
}

/// `<time>` as bylines and cards print it.
pub fn time(at: i64) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        kst::iso_kst(at),
        kst::date_time(at)
    )
}

/// A region's loading placeholder (`label` is plain text).
pub fn loading(label: &str) -> String {
    format!("<p class=\"loading\" role=\"status\">{}</p>", escape(label))
}

/// The inside of a region's error box (`<div class="region-error">`): the
/// reader's `message` and a 다시 시도 button.
pub fn region_error(message: &str) -> String {
    format!(
        "<p>{}</p><button type=\"button\" class=\"button\">다시 시도</button>",
        escape(message)
    )
}

/// The live tools' state, for [`story_tools`].
pub struct LiveTools<'a> {
    pub size: FontSize,
    /// The article's canonical URL, in the share panel's copy field.
    pub url: &'a str,
    /// The share panel's list items (`crate::share::service_items`).
    pub services: &'a str,
}

/// The story's tools (font size, print, share): with `live`, as the app
/// runs them (its one click handler tells the buttons apart, see
/// `components::share`), with the share panel, closed; without, disabled:
/// what a prerendered story shows until the app makes them work. Both hold
/// the same row the story text starts below.
pub fn story_tools(live: Option<&LiveTools>) -> String {
    let off = if live.is_some() { "" } else { " disabled" };
    let size = live.map_or(FontSize::Normal, |l| l.size);
    let mut out = String::from("<div class=\"font-size\" role=\"group\" aria-label=\"글자 크기\">");
    for s in FontSize::ALL {
        out += &format!(
            "<button type=\"button\" class=\"tool-button font-size__{v}\" data-size=\"{v}\" aria-pressed=\"{p}\"{off}>{l}</button>",
            v = s.value(),
            p = s == size,
            l = s.label()
        );
    }
    out += "</div>";
    out += &format!("<button type=\"button\" class=\"tool-button print-button\"{off}>");
    out += "<svg class=\"tool-button__icon\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><path d=\"M7 3h10v4H7zM5 8h14a2 2 0 0 1 2 2v6h-4v4H7v-4H3v-6a2 2 0 0 1 2-2zm4 7v3h6v-3z\"></path></svg>인쇄</button>";
    out += "<div class=\"share\"><button type=\"button\" class=\"tool-button share__toggle\" aria-label=\"해당된 기사를 공유합니다\" aria-expanded=\"false\"";
    out += if live.is_some() {
        " aria-controls=\"share-panel\">"
    } else {
        " disabled>"
    };
    out += "<svg class=\"tool-button__icon\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><path d=\"M18 8a3 3 0 1 0-2.8-4L8.9 7.6a3 3 0 1 0 0 4.8l6.3 3.6A3 3 0 1 0 16 14.3L9.7 10.8a3 3 0 0 0 0-1.6L16 5.7A3 3 0 0 0 18 8z\"></path></svg>공유</button>";
    if let Some(live) = live {
        out += &format!(
            concat!(
                "<div id=\"share-panel\" class=\"share__panel\" role=\"group\" aria-label=\"기사 공유\" hidden>",
                "<div class=\"share__copy-row\"><label class=\"visually-hidden\" for=\"share-url\">기사 주소</label>",
                "<input id=\"share-url\" class=\"share__url\" type=\"url\" readonly value=\"{url}\">",
                "<button type=\"button\" class=\"button share__copy\">링크 복사</button></div>",
                "<p class=\"share__status\" role=\"status\"></p>",
                "<ul class=\"share__services\">{services}</ul>",
                "<button type=\"button\" class=\"link-button share__close\">닫기</button></div>"
            ),
            url = escape(live.url),
            services = live.services
        );
    }
    out += "</div>";
    out
}

/// A story's body (the content of `<div class="story__body">`): the first
/// picture loads at once, the rest lazily; a picture without both
/// dimensions gets a 16:9 box (`unsized`) so nothing moves when it arrives.
pub fn story_body(blocks: &[Block]) -> String {
    let mut first_image = true;
    blocks
        .iter()
        .map(|block| block_html(block, &mut first_image))
        .collect()
}

fn block_html(block: &Block, first_image: &mut bool) -> String {
    match block {
        Block::Paragraph { text } => format!("<p>{}</p>", escape(text)),
        Block::Heading { text } => format!("<h2 class=\"story__subhead\">{}</h2>", escape(text)),
        Block::Quote { text, cite } => format!(
            "<blockquote class=\"story__quote\"><p>{}</p>{}</blockquote>",
            escape(text),
            cite.as_ref()
                .map(|c| format!("<footer>— {}</footer>", escape(c)))
                .unwrap_or_default()
        ),
        Block::Image {
            src,
            alt,
            caption,
            credit,
            width,
            height,
        } => {
            let eager = std::mem::take(first_image);
            let mut img = format!("<img src=\"{}\" alt=\"{}\"", escape(src), escape(alt));
            if let Some(w) = width {
                img += &format!(" width=\"{w}\"");
            }
            if let Some(h) = height {
                img += &format!(" height=\"{h}\"");
            }
            if width.is_none() || height.is_none() {
                img += " class=\"unsized\"";
            }
            img += if eager {
                " loading=\"eager\" fetchpriority=\"high\""
            } else {
                " loading=\"lazy\""
            };
            img += " decoding=\"async\">";
            let mut figcaption = String::new();
            if caption.is_some() || credit.is_some() {
                figcaption = format!(
                    "<figcaption>{}{}</figcaption>",
                    caption.as_deref().map(escape).unwrap_or_default(),
                    credit
                        .as_ref()
                        .map(|c| format!("<span class=\"story__credit\">{}</span>", escape(c)))
                        .unwrap_or_default()
                );
            }
            format!("<figure class=\"story__figure\">{img}{figcaption}</figure>")
        }
    }
}

/// A story's tags (the items of `<ul class="story__tags">`).
pub fn tag_items(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("<li>#{}</li>", escape(t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_markup_is_escaped_text() {
        assert_eq!(
            loading("<불러오는 중>"),
            "<p class=\"loading\" role=\"status\">&lt;불러오는 중&gt;</p>"
        );
        assert_eq!(
            region_error("a & b"),
            "<p>a &amp; b</p><button type=\"button\" class=\"button\">다시 시도</button>"
        );
    }

    #[test]
    fn story_tools_are_disabled_until_live() {
        let off = story_tools(None);
        // Three sizes, print and share.
        assert_eq!(off.matches("<button").count(), 5);
        assert_eq!(off.matches(" disabled>").count(), 5);
        assert!(off.contains(
            r#"font-size__normal" data-size="normal" aria-pressed="true" disabled>기본"#
        ));
        assert!(!off.contains("share-panel"));

        let live = story_tools(Some(&LiveTools {
            size: FontSize::Larger,
            url: "https://news.example/article/1?a=1&b=\"2\"",
            services: "<li>X</li>",
        }));
        assert!(!live.contains("disabled"));
        assert!(
            live.contains(r#"font-size__larger" data-size="larger" aria-pressed="true">더크게"#)
        );
        assert!(live.contains(r#"font-size__normal" data-size="normal" aria-pressed="false">기본"#));
        assert!(live.contains(r#"aria-expanded="false" aria-controls="share-panel">"#));
        assert!(live.contains(r#"<div id="share-panel" class="share__panel" role="group" aria-label="기사 공유" hidden>"#));
        assert!(live.contains(r#"value="https://news.example/article/1?a=1&amp;b=&quot;2&quot;">"#));
        assert!(live.contains(r#"<ul class="share__services"><li>X</li></ul>"#));
        assert!(live.ends_with("닫기</button></div></div>"));
    }

    #[test]
    fn the_five_special_characters_become_references() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')">&amp;"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;amp;"
        );
        assert_eq!(escape("서울 −3.2℃"), "서울 −3.2℃");
    }

    #[test]
    fn the_story_header_escapes_and_shows_only_what_the_article_has() {
        use crate::api::contract::Author;
        use crate::kst::parse_rfc3339;
        let published = parse_rfc3339("2025-12-24T09:00:00+09:00").unwrap();
        let mut a = Article {
            id: "1".into(),
            title: "<script>x</script> 제목".into(),
            subtitle: Some("부제 & 요약".into()),
            section: Some("사회".into()),
            author: Some(Author {
                name: "홍길동".into(),
                email: Some("hong@example.kr".into()),
            }),
            published_at: published,
            updated_at: Some(published + 3600),
            body: Vec::new(),
            tags: Vec::new(),
        };
        let html = story_header(&a, published + 60);
        assert_eq!(
            html,
            format!(
                "<p class=\"story__section\">사회</p><h1 id=\"story-title\" class=\"story__title\">&lt;script&gt;x&lt;/script&gt; 제목</h1><p class=\"story__subtitle\">부제 &amp; 요약</p><div class=\"story__byline\"><span class=\"story__author\">홍길동 기자<span class=\"story__email\">hong@example.kr</span></span><span class=\"story__time\">입력 {}</span><span class=\"story__time\">수정 {}</span></div>",
                time(published),
                time(published + 3600)
            )
        );
        // An update not later than publication is not shown; an old story
        // says how old it is; missing parts leave no empty elements.
        a.updated_at = Some(published);
        a.section = None;
        a.subtitle = None;
        a.author = None;
        let html = story_header(&a, published + 2 * 366 * 86_400);
        assert!(
            !html.contains("수정") && !html.contains("story__section"),
            "{html}"
        );
        assert!(!html.contains("story__subtitle") && !html.contains("story__author"));
        assert!(
            html.ends_with("</div><p class=\"story__age\" role=\"note\">2년 전 기사입니다</p>"),
            "{html}"
        );
    }

    fn summary(id: &str, title: &str) -> ArticleSummary {
        ArticleSummary {
            id: id.into(),
            title: title.into(),
            summary: Some("요약".into()),
            section: None,
            published_at: 0,
            thumbnail: Some(crate::api::contract::Image {
                src: "/t.jpg".into(),
                alt: "사진".into(),
            }),
        }
    }

    #[test]
    fn cards_link_each_story_and_keep_text_inert() {
        let list = [summary("1", "<b>군청</b>"), summary("2", "두 번째")];
        let full = cards(&list, true);
        assert_eq!(full.matches("<li class=\"card\">").count(), 2);
        assert!(full.contains("<a href=\"/article/1\">&lt;b&gt;군청&lt;/b&gt;</a>"));
        assert!(full.contains("card__thumb") && full.contains("card__summary"));
        assert!(full.contains("<time datetime=\"1970-01-01T09:00:00+09:00\">"));
        let compact = cards(&list, false);
        assert!(!compact.contains("card__thumb") && !compact.contains("card__summary"));
        assert_eq!(list_class(false), "article-list article-list--compact");
    }

    #[test]
    fn only_the_first_picture_loads_at_once() {
        let image = |w: Option<u32>| Block::Image {
            src: "/a.jpg\"x".into(),
            alt: "사진".into(),
            caption: None,
            credit: Some("기자".into()),
            width: w,
            height: w,
        };
        let body = story_body(&[
            Block::Paragraph {
                text: "a & b".into(),
            },
            image(Some(640)),
            image(None),
        ]);
        assert!(body.starts_with("<p>a &amp; b</p>"));
        assert_eq!(
            body.matches("loading=\"eager\" fetchpriority=\"high\"")
                .count(),
            1
        );
        assert_eq!(body.matches("loading=\"lazy\"").count(), 1);
        assert!(body.find("eager") < body.find("lazy"));
        assert_eq!(body.matches("class=\"unsized\"").count(), 1);
        assert!(body.contains("src=\"/a.jpg&quot;x\""));
        assert!(body.contains("<figcaption><span class=\"story__credit\">기자</span></figcaption>"));
        assert_eq!(tag_items(&["지역".into()]), "<li>#지역</li>");
    }
}
