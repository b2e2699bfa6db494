//! Gnuboard's `wr_content` to contract blocks.
//!
//! The content is raw editor HTML (Gnuboard sanitises it only when it
//! shows a page), so it is read as hostile: only text and pictures come
//! out, as plain text and checked URLs. No tag, attribute, event handler or
//! `javascript:` URL can reach a block, because blocks are built from text
//! chunks and from the `src`/`alt`/`width`/`height` of pictures alone.
//! Text is entity-decoded once: `&lt;script&gt;` typed by a reporter stays
//! visible text, which is what the app shows (it renders text, not HTML).

use gazette_core::contract::{limits, Block};
use gazette_core::ids::SafeUrl;
use gazette_core::sanitize::clean_text;
use lol_html::html_content::{Element, TextType};
use lol_html::{doc_text, element, HtmlRewriter, Settings};
use std::cell::RefCell;
use std::rc::Rc;

/// How Gnuboard reads `wr_content`, from the `wr_option` set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// No `html` option: the text as typed, shown escaped by Gnuboard.
    Plain,
    /// `html1`: HTML as written.
    Html,
    /// `html2`: HTML whose line breaks also count (Gnuboard applies
    /// `nl2br` before showing it).
    HtmlWithBreaks,
}

impl Format {
    /// Reads the comma-separated `wr_option` set; `html1` wins when a
    /// broken row has both.
    pub fn from_option(wr_option: &str) -> Self {
        if has_option(wr_option, "html1") {
            Format::Html
        } else if has_option(wr_option, "html2") {
            Format::HtmlWithBreaks
        } else {
            Format::Plain
        }
    }
}

/// Whether Gnuboard's `set` column `wr_option` holds `name`.
pub fn has_option(wr_option: &str, name: &str) -> bool {
    wr_option.split(',').any(|o| o.trim() == name)
}

/// Elements whose whole content is dropped: code, embedded documents and
/// foreign content. Raw-text elements (`<title>`, `<textarea>`, `<xmp>`…)
/// are also caught by their text type, whatever their name.
const DROPPED: [&str; 9] = [
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
];

/// Elements that begin and end a paragraph of their own.
const BLOCK_ELEMENTS: [&str; 33] = [
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "address",
    "center",
    "pre",
    "form",
    "fieldset",
    "details",
    "summary",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "hr",
];

/// The blocks of one post's content. `files_url` is the site's public
/// address (`https://news.example`), against which `/data/editor/...`
/// pictures are made absolute. Fails only when the HTML reader itself
/// fails (it has no size limit of its own here; the database column has).
pub fn blocks(content: &str, wr_option: &str, files_url: &str) -> Result<Vec<Block>, String> {
    let mut blocks = match Format::from_option(wr_option) {
        Format::Plain => paragraphs(content),
        format => html_blocks(content, format, files_url)?,
    };
    blocks.truncate(limits::BLOCKS);
    Ok(blocks)
}

/// Plain text: paragraphs are separated by blank lines.
fn paragraphs(text: &str) -> Vec<Block> {
    parts(text)
        .into_iter()
        .filter_map(|p| clean_text(&p, limits::PARAGRAPH, true))
        .map(|text| Block::Paragraph { text })
        .collect()
}

/// The runs of non-blank lines of `text`, each joined with line breaks.
fn parts(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut parts = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                parts.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        parts.push(current.join("\n"));
    }
    parts
}

/// What the HTML reader has seen so far.
struct Reader {
    format: Format,
    files_url: String,
    blocks: Vec<Block>,
    /// Raw text of the block being read (character references not yet
    /// decoded, so a reference split between chunks still decodes).
    text: String,
    headings: usize,
    quotes: usize,
    dropped: usize,
}

impl Reader {
    /// Ends the current text run as blocks of the kind it sits in.
    fn flush(&mut self) {
        let raw = std::mem::take(&mut self.text);
        let decoded = html_escape::decode_html_entities(&raw);
        let parts = parts(&decoded);
        if self.headings > 0 {
            if let Some(text) = clean_text(&parts.join(" "), limits::TITLE, false) {
                self.blocks.push(Block::Heading { text });
            }
        } else if self.quotes > 0 {
            if let Some(text) = clean_text(&parts.join("\n"), limits::PARAGRAPH, true) {
                self.blocks.push(Block::Quote { text, cite: None });
            }
        } else {
            self.blocks.extend(
                parts
                    .iter()
                    .filter_map(|p| clean_text(p, limits::PARAGRAPH, true))
                    .map(|text| Block::Paragraph { text }),
            );
        }
    }

    /// A block element's edge: a new paragraph, except inside a heading or
    /// a quote, which stay one block with a line break.
    fn boundary(&mut self) {
        if self.headings > 0 || self.quotes > 0 {
            self.text.push_str("\n\n");
        } else {
            self.flush();
        }
    }

    fn text(&mut self, chunk: &str, text_type: TextType) {
        // Raw text and RCDATA (script, style, title, textarea, xmp…) and
        // CDATA hold markup or code, never article text.
        if self.dropped > 0 || text_type != TextType::Data {
            return;
        }
        match self.format {
            Format::HtmlWithBreaks => self.text.push_str(chunk),
            _ => self.text.extend(chunk.chars().map(|c| match c {
                '\n' | '\r' => ' ',
                c => c,
            })),
        }
    }
}

type Shared = Rc<RefCell<Reader>>;

fn html_blocks(content: &str, format: Format, files_url: &str) -> Result<Vec<Block>, String> {
    let reader = Rc::new(RefCell::new(Reader {
        format,
        files_url: files_url.trim_end_matches('/').to_owned(),
        blocks: Vec::new(),
        text: String::new(),
        headings: 0,
        quotes: 0,
        dropped: 0,
    }));
    let on_element = reader.clone();
    let on_text = reader.clone();
    let mut rewriter = HtmlRewriter::new(
        Settings {
            element_content_handlers: vec![element!("*", move |el| {
                start_tag(&on_element, el);
                Ok(())
            })],
            document_content_handlers: vec![doc_text!(move |t| {
                on_text.borrow_mut().text(t.as_str(), t.text_type());
                Ok(())
            })],
            ..Settings::default()
        },
        |_: &[u8]| {},
    );
    rewriter
        .write(content.as_bytes())
        .and_then(|()| rewriter.end())
        .map_err(|e| format!("HTML could not be read: {e}"))?;
    let mut reader = reader.borrow_mut();
    reader.flush();
    Ok(std::mem::take(&mut reader.blocks))
}

/// Runs `on_end` when the element's end tag comes; elements that cannot
/// have one (void or self-closing) run nothing.
fn at_end_tag(el: &mut Element, reader: &Shared, on_end: fn(&mut Reader)) -> bool {
    let Some(handlers) = el.end_tag_handlers() else {
        return false;
    };
    let reader = reader.clone();
    handlers.push(Box::new(move |_| {
        on_end(&mut reader.borrow_mut());
        Ok(())
    }));
    true
}

fn start_tag(reader: &Shared, el: &mut Element) {
    let name = el.tag_name().to_ascii_lowercase();
    let name = name.as_str();
    if DROPPED.contains(&name) {
        if at_end_tag(el, reader, |r| r.dropped -= 1) {
            reader.borrow_mut().dropped += 1;
        }
        return;
    }
    if reader.borrow().dropped > 0 {
        return;
    }
    match name {
        "br" => reader.borrow_mut().text.push('\n'),
        "img" => {
            let mut r = reader.borrow_mut();
            r.flush();
            if let Some(image) = image(el, &r.files_url) {
                r.blocks.push(image);
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            reader.borrow_mut().flush();
            if at_end_tag(el, reader, |r| {
                r.flush();
                r.headings -= 1;
            }) {
                reader.borrow_mut().headings += 1;
            }
        }
        "blockquote" => {
            reader.borrow_mut().flush();
            if at_end_tag(el, reader, |r| {
                r.flush();
                r.quotes -= 1;
            }) {
                reader.borrow_mut().quotes += 1;
            }
        }
        _ if BLOCK_ELEMENTS.contains(&name) => {
            reader.borrow_mut().boundary();
            at_end_tag(el, reader, Reader::boundary);
        }
        _ => {}
    }
}

/// An `<img>` as an image block, or nothing when its `src` is not a
/// picture a page may load.
fn image(el: &Element, files_url: &str) -> Option<Block> {
    let attr = |name: &str| {
        el.get_attribute(name)
            .map(|v| html_escape::decode_html_entities(&v).into_owned())
    };
    let src = absolute_src(&attr("src")?, files_url)?;
    Some(Block::Image {
        src,
        alt: attr("alt")
            .and_then(|a| clean_text(&a, limits::ALT, false))
            .unwrap_or_default(),
        caption: None,
        credit: None,
        width: attr("width").as_deref().and_then(dimension),
        height: attr("height").as_deref().and_then(dimension),
    })
}

/// A width or height written as a plain whole number within the contract's
/// range (`100%`, `auto` and `300px` are no size).
pub fn dimension(raw: &str) -> Option<u32> {
    let raw = raw.trim();
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse::<u32>()
        .ok()
        .filter(|n| (1..=limits::IMAGE_DIMENSION).contains(n))
}

/// A picture's address as an absolute `https` URL: site paths
/// (`/data/editor/2512/x.jpg`, `../data/editor/...`) get `files_url`;
/// anything that is neither that nor `http(s)` is refused.
pub fn absolute_src(raw: &str, files_url: &str) -> Option<SafeUrl> {
    let raw = raw.trim();
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    let url = if lower.starts_with("http://") || lower.starts_with("https://") {
        raw.to_owned()
    } else if raw.is_empty()
        || raw.starts_with("//")
        || raw.split('/').next().is_some_and(|s| s.contains(':'))
    {
        // Protocol-relative, or a scheme (`data:`, `javascript:`): not a path.
        return None;
    } else {
        let path = raw.trim_start_matches("./");
        let mut path = path;
        while let Some(rest) = path.strip_prefix("../") {
            path = rest;
        }
        let path = path.trim_start_matches('/').replace(' ', "%20");
        format!("{}/{path}", files_url.trim_end_matches('/'))
    };
    SafeUrl::parse_image(&url).filter(|u| !u.is_same_origin_path())
}

/// A one-line summary: the first paragraph, cut at a word boundary to at
/// most `limits::SUMMARY` characters with an ellipsis when cut.
pub fn summary(blocks: &[Block]) -> Option<String> {
    let first = blocks.iter().find_map(|b| match b {
        Block::Paragraph { text } => Some(text.as_str()),
        _ => None,
    })?;
    // Paragraphs are at most `limits::PARAGRAPH` long already; the limit
    // only keeps `clean_text`'s buffer estimate small.
    let line = clean_text(first, limits::PARAGRAPH, false)?;
    if line.chars().count() <= limits::SUMMARY {
        return Some(line);
    }
    let head: String = line.chars().take(limits::SUMMARY - 1).collect();
    let cut = match head.rfind(' ') {
        Some(space) if space > 0 => &head[..space],
        _ => head.as_str(),
    };
    Some(format!("{}…", cut.trim_end()))
}

/// The first link target of an HTML text that a page may use (`http(s)` or
/// a path on the site); unsafe ones are passed over. Popups carry their
/// link this way.
pub fn first_link(html: &str) -> Option<SafeUrl> {
    let found: Rc<RefCell<Option<SafeUrl>>> = Rc::new(RefCell::new(None));
    let seen = found.clone();
    let mut rewriter = HtmlRewriter::new(
        Settings {
            element_content_handlers: vec![element!("a[href]", move |el| {
                let mut seen = seen.borrow_mut();
                if seen.is_none() {
                    *seen = el
                        .get_attribute("href")
                        .map(|h| html_escape::decode_html_entities(&h).into_owned())
                        .and_then(|h| SafeUrl::parse(&h));
                }
                Ok(())
            })],
            ..Settings::default()
        },
        |_: &[u8]| {},
    );
    rewriter.write(html.as_bytes()).ok()?;
    rewriter.end().ok()?;
    found.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://news.example";

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { text } => format!("p:{text}"),
                Block::Heading { text } => format!("h:{text}"),
                Block::Quote { text, .. } => format!("q:{text}"),
                Block::Image { src, alt, .. } => format!("img:{src}|{alt}"),
            })
            .collect()
    }

    fn html1(content: &str) -> Vec<String> {
        texts(&blocks(content, "html1", SITE).unwrap())
    }

    #[test]
    fn html1_paragraphs_headings_and_quotes() {
        let got = html1(
            "<h2>한편</h2><p>첫 문단\n이어짐</p>사이 글<div>둘째 <b>문단</b></div>\
             <blockquote><p>기대한다</p><p>노력하겠다</p></blockquote>",
        );
        assert_eq!(
            got,
            [
                "h:한편",
                "p:첫 문단 이어짐",
                "p:사이 글",
                "p:둘째 문단",
                "q:기대한다\n노력하겠다"
            ]
        );
    }

    #[test]
    fn html2_line_breaks_count_and_double_breaks_split() {
        let got = texts(&blocks("첫 줄\n둘째 줄<br><br>새 문단<br />끝", "html2", SITE).unwrap());
        assert_eq!(got, ["p:첫 줄\n둘째 줄", "p:새 문단\n끝"]);
    }

    #[test]
    fn plain_text_splits_on_blank_lines_and_stays_literal() {
        let got =
            texts(&blocks("첫 문단\r\n이어짐\r\n\r\n  \r\n<b>둘째</b> &amp;", "", SITE).unwrap());
        assert_eq!(got, ["p:첫 문단\n이어짐", "p:<b>둘째</b> &amp;"]);
        assert_eq!(Format::from_option("secret,mail"), Format::Plain);
        assert_eq!(Format::from_option("html2,secret"), Format::HtmlWithBreaks);
    }

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(
            html1("<p>&lt;script&gt; &amp;lt; &quot;인용&quot; A&nbsp;B</p>"),
            ["p:<script> &lt; \"인용\" A B"]
        );
    }

    #[test]
    fn hostile_html_leaves_only_text() {
        let got = html1(
            "<script>alert(1)</script><style>p{}</style><p onclick=\"x()\">안녕 \
             <a href=\"javascript:alert(1)\">링크</a></p>\
             <iframe src=\"https://evil.example\"><p>틀 안</p></iframe>\
             <img src=\"x\" onerror=\"alert(1)\"><img src=\"javascript:alert(1)\">\
             <object><p>숨김</p></object><noscript>비활성</noscript>\
             <template><p>틀</p></template><title>제목</title><textarea><img src=x></textarea>\
             <svg><script>alert(2)</script><text>그림</text></svg><p>끝</p>",
        );
        assert_eq!(got, ["p:안녕 링크", "img:https://news.example/x|", "p:끝"]);
    }

    #[test]
    fn an_unclosed_script_drops_the_rest() {
        assert_eq!(html1("<p>앞</p><script>alert(1)<p>뒤</p>"), ["p:앞"]);
    }

    #[test]
    fn nested_tables_read_cell_by_cell() {
        let got = html1(
            "<table><tr><td>가</td><td><table><tr><td>나</td><td>다</td></tr></table></td></tr>\
             <tr><th>라</th></tr></table><ul><li>하나</li><li>둘</li></ul>",
        );
        assert_eq!(got, ["p:가", "p:나", "p:다", "p:라", "p:하나", "p:둘"]);
    }

    #[test]
    fn editor_pictures_become_absolute_https_images() {
        let b = blocks(
            "<p>앞<img src=\"/data/editor/2512/x.jpg\" alt=\"설명회 &amp; 모습\" width=\"800\" height=\"50%\">뒤</p>\
             <img src=\"../data/editor/2512/y.png\"><img src=\"http://cdn.example/z.gif\">\
             <img src=\"//evil.example/a.jpg\"><img src=\"data:image/png;base64,xx\">",
            "html1",
            "https://news.example/",
        )
        .unwrap();
        assert_eq!(
            texts(&b),
            [
                "p:앞",
                "img:https://news.example/data/editor/2512/x.jpg|설명회 & 모습",
                "p:뒤",
                "img:https://news.example/data/editor/2512/y.png|",
                "img:https://cdn.example/z.gif|",
            ]
        );
        assert!(matches!(
            b[1],
            Block::Image {
                width: Some(800),
                height: None,
                ..
            }
        ));
    }

    #[test]
    fn blocks_are_cut_to_the_contract_limits() {
        let long = format!("<p>{}</p>", "가".repeat(limits::PARAGRAPH + 10));
        let b = blocks(&long, "html1", SITE).unwrap();
        assert!(
            matches!(&b[0], Block::Paragraph { text } if text.chars().count() == limits::PARAGRAPH)
        );
        let many = "<p>a</p>".repeat(limits::BLOCKS + 5);
        assert_eq!(blocks(&many, "html1", SITE).unwrap().len(), limits::BLOCKS);
        let heading = format!("<h1>{}</h1>", "나".repeat(500));
        assert!(matches!(&blocks(&heading, "html1", SITE).unwrap()[0],
            Block::Heading { text } if text.chars().count() == limits::TITLE));
    }

    #[test]
    fn summary_is_the_first_paragraph_cut_at_a_word() {
        let short = [
            Block::Heading {
                text: "제목".into(),
            },
            Block::Paragraph {
                text: "첫 줄\n둘째 줄".into(),
            },
        ];
        assert_eq!(summary(&short).as_deref(), Some("첫 줄 둘째 줄"));
        let words = "낱말 ".repeat(300);
        let long = [Block::Paragraph { text: words }];
        let s = summary(&long).unwrap();
        assert!(s.chars().count() <= limits::SUMMARY);
        assert!(s.ends_with("낱말…"), "{s}");
        assert_eq!(summary(&[]), None);
    }

    #[test]
    fn first_link_is_a_safe_one() {
        assert_eq!(
            first_link("<a href=\"javascript:alert(1)\">x</a><a>y</a>"),
            None
        );
        assert_eq!(
            first_link("<a href=\"javascript:alert(1)\">x</a><a href=\"/bbs/board.php?bo_table=news&amp;wr_id=3\">y</a><a href=\"https://a.example\">z</a>")
                .map(|u| u.as_str().to_owned())
                .as_deref(),
            Some("/bbs/board.php?bo_table=news&wr_id=3")
        );
    }

    mod properties {
        use super::*;
        use gazette_core::contract::{decode_article, Article};
        use gazette_core::encode;
        use gazette_core::ids::ArticleId;
        use proptest::prelude::*;

        /// Pieces of editor HTML, hostile ones included. No escaped `<`
        /// (`&lt;`): markup typed as text is meant to stay visible text.
        const PIECES: [&str; 34] = [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "<br/>",
            "<h2>",
            "</h2>",
            "<blockquote>",
            "</blockquote>",
            "<table><tr><td>",
            "</td></tr></table>",
            "<li>",
            "<script>alert(1)</script>",
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"/data/editor/2512/x.jpg\" alt=\"a\">",
            "<img src=javascript:alert(1)>",
            "<svg onload=alert(1)>",
            "</svg>",
            "<iframe src=//evil>",
            "</iframe>",
            "<a href=\"javascript:alert(1)\">",
            "</a>",
            "<style>",
            "<title>",
            "<textarea>",
            "<!--",
            "-->",
            "&amp;",
            "&nbsp;",
            "\n\n",
            "<![CDATA[",
        ];

        fn html_ish() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                proptest::sample::select(&PIECES[..]).prop_map(str::to_owned),
                "[가-힣a-z <>/=\"' \n\t\u{0}\u{200B}]{0,12}",
            ];
            proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
        }

        fn article(body: Vec<Block>) -> Article {
            Article {
                id: ArticleId::parse("x").unwrap(),
                title: "제목".into(),
                subtitle: None,
                section: None,
                author: None,
                published_at: 1_765_155_600,
                updated_at: None,
                body,
                tags: Vec::new(),
            }
        }

        /// Whether `text` holds a dangerous tag with attributes.
        fn leaks_markup(text: &str) -> bool {
            let lower = text.to_lowercase();
            ["script", "iframe", "img", "svg"].iter().any(|tag| {
                lower.match_indices(&format!("<{tag}")).any(|(at, m)| {
                    lower[at + m.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_whitespace() || c == '/')
                })
            })
        }

        fn block_texts(b: &Block) -> Vec<&str> {
            match b {
                Block::Paragraph { text } | Block::Heading { text } => vec![text],
                Block::Quote { text, .. } => vec![text],
                Block::Image { alt, src, .. } => vec![alt, src.as_str()],
            }
        }

        #[test]
        fn the_leak_check_sees_tags_with_attributes() {
            assert!(leaks_markup("a <IMG src=x onerror=y>"));
            assert!(leaks_markup("<svg/onload=x>"));
            assert!(!leaks_markup("<script> 1 < 2 <imgs"));
        }

        proptest! {
            #[test]
            fn blocks_survive_the_contract_and_leak_no_markup(
                content in html_ish(),
                option in proptest::sample::select(vec!["html1", "html2", "", "secret"]),
            ) {
                let body = blocks(&content, option, SITE).unwrap();
                let a = article(body);
                let back = decode_article(&encode::article(&a)).unwrap();
                prop_assert_eq!(&back.body, &a.body);
                if Format::from_option(option) != Format::Plain {
                    for text in a.body.iter().flat_map(block_texts) {
                        prop_assert!(!leaks_markup(text), "{:?} from {:?}", text, content);
                    }
                }
                if let Some(s) = summary(&a.body) {
                    prop_assert!(s.chars().count() <= limits::SUMMARY);
                }
            }
        }
    }
}
