//! The document head while the app runs: the title of the page on screen
//! and an article's link-preview tags (description, canonical link, Open
//! Graph), which leave with the article.

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;

/// The document title for a page titled `page` on `site`; a page without
/// its own title (home) carries the site's name alone.
pub fn document_title(page: &str, site: &str) -> String {
    if page.is_empty() {
        site.to_owned()
    } else {
        format!("{page} | {site}")
    }
}

/// One head tag: `<meta name|property=… content=…>` or `<link rel=… href=…>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tag {
    Name(&'static str, String),
    Property(&'static str, String),
    Link(&'static str, String),
}

impl Tag {
    /// Element name and its two attributes.
    pub fn parts(&self) -> (&'static str, [(&'static str, &str); 2]) {
        match self {
            Tag::Name(n, v) => ("meta", [("name", n), ("content", v)]),
            Tag::Property(p, v) => ("meta", [("property", p), ("content", v)]),
            Tag::Link(r, v) => ("link", [("rel", r), ("href", v)]),
        }
    }
}

/// Sets the document title for a page titled `page` (see [`document_title`]).
pub fn set_title(page: &str) {
    let title = document_title(page, &crate::config::config().site_name);
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(&title);
    }
}

/// Adds `tags` to the head until the calling view is dropped; a view
/// that replaces it adds its own before these leave, so each view
/// removes exactly the elements it added.
pub fn tags_while_mounted(tags: &[Tag]) {
    let Some((doc, head)) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| Some((d.clone(), d.head()?)))
    else {
        return;
    };
    let mut added = Vec::with_capacity(tags.len());
    for tag in tags {
        let (name, attrs) = tag.parts();
        let Ok(el) = doc.create_element(name) else {
            continue;
        };
        for (k, v) in attrs {
            let _ = el.set_attribute(k, v);
        }
        if head.append_child(&el).is_ok() {
            added.push(el);
        }
    }
    let added = SendWrapper::new(added);
    on_cleanup(move || {
        for el in added.take() {
            el.remove();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_carry_the_site_name() {
        assert_eq!(document_title("", "영광신문"), "영광신문");
        assert_eq!(
            document_title("군청 소식", "영광신문"),
            "군청 소식 | 영광신문"
        );
    }

    #[test]
    fn tags_name_their_element_and_attributes() {
        assert_eq!(
            Tag::Property("og:url", "https://x/article/1".into()).parts(),
            (
                "meta",
                [("property", "og:url"), ("content", "https://x/article/1")]
            )
        );
        assert_eq!(
            Tag::Link("canonical", "https://x/".into()).parts(),
            ("link", [("rel", "canonical"), ("href", "https://x/")])
        );
        assert_eq!(Tag::Name("description", "d".into()).parts().0, "meta");
    }
}
