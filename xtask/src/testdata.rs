//! A story whose every field is hostile text, for the tests of the pages
//! and feeds the build writes.

use crate::source::{Backend, Story};
use gazette_core::contract::{decode_article, decode_article_list};
use serde_json::{json, Value};

/// Quotes, markup, `</script>`, `&`, a CDATA end and control characters.
pub const HOSTILE: &str =
    "\"'><script>alert('&')</script><!-- ]]> \u{1}\u{0B}\u{7F} &amp; \u{2028}끝";

pub fn site() -> crate::site::Site {
    crate::site::Site {
        url: "https://news.example".into(),
        name: format!("한빛 {HOSTILE}"),
        description: format!("설명 {HOSTILE}"),
    }
}

/// The document of the hostile story, as a backend would send it.
pub fn hostile_document() -> Value {
    json!({
        "id": "x-1",
        "title": format!("제목 {HOSTILE}"),
        "subtitle": format!("부제 {HOSTILE}"),
        "section": HOSTILE,
        "author": { "name": HOSTILE, "email": "a@b.example" },
        "published_at": "2025-12-24T10:00:00+09:00",
        "updated_at": "2025-12-24T11:00:00+09:00",
        "body": [
            { "type": "image", "src": "/images/a.jpg?x=\"1\"&y=<2>", "alt": HOSTILE,
              "caption": HOSTILE, "credit": HOSTILE, "width": 1200, "height": 675 },
            { "type": "paragraph", "text": HOSTILE },
            { "type": "heading", "text": HOSTILE },
            { "type": "quote", "text": HOSTILE, "cite": HOSTILE },
            { "type": "image", "src": "https://img.example/b.jpg" },
        ],
        "tags": [HOSTILE, "태그"],
    })
}

pub fn hostile_story() -> Story {
    let document = hostile_document();
    let article = decode_article(&document.to_string()).expect("the hostile story decodes");
    let list = json!({ "articles": [{
        "id": "x-1",
        "title": document["title"],
        "summary": format!("요약 {HOSTILE}"),
        "section": HOSTILE,
        "published_at": "2025-12-24T10:00:00+09:00",
    }]});
    let listed = decode_article_list(&list.to_string())
        .expect("the list decodes")
        .articles[0]
        .clone();
    Story { article, listed }
}

/// A backend holding only the hostile story.
pub fn backend() -> Backend {
    let story = hostile_story();
    let first_page = json!({ "articles": [{
        "id": "x-1",
        "title": story.article.title,
        "published_at": "2025-12-24T10:00:00+09:00",
    }], "next_page": "articles-2.json" });
    Backend {
        first_page: Some(decode_article_list(&first_page.to_string()).unwrap()),
        stories: vec![story],
        warnings: Vec::new(),
    }
}
