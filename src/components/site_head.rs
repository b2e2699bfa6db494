//! The site's part of `<head>`: every page's title ([`PageTitle`]), and, on
//! the pages that are not a story, the description, Open Graph and X cards
//! and (for the home page only) the canonical link.

use crate::config::config;
use crate::hydration::rendered::use_site_base;
use gazette_core::head::document_title;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// [`document_title`] as `leptos_meta`'s `<Title>` formatter writes it: its
/// server rendering puts the text into `<title>` as it is, so there the
/// text is escaped (`&`, `<`, `>`); in the browser it becomes
/// `document.title`, which takes plain text.
pub fn title_text(page: &str, site: &str) -> String {
    let title = document_title(page, site);
    if cfg!(feature = "ssr") {
        title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        title
    }
}

/// The page's `<title>`: `text` with the site's name ([`title_text`]).
/// Each page's title carries the formatter itself, and the app has no
/// `<Title>` of its own: `leptos_meta` empties `document.title` when the
/// first `<Title>` it meets has no text yet, and an app-wide formatter
/// alone, hydrated before the page's part, left the tab untitled until the
/// page's turn. Here the text comes in the same call, so the title the
/// page was rendered with stays until it is written again.
#[component]
pub fn PageTitle(#[prop(into)] text: leptos::text_prop::TextProp) -> impl IntoView {
    let site = config().site_name.clone();
    view! { <Title text formatter=move |page: String| title_text(&page, &site) /> }
}

#[component]
pub fn SiteHead(
    /// Whether this is the home page itself (other addresses must not
    /// claim to be it).
    canonical: bool,
) -> impl IntoView {
    let base = use_site_base();
    move || view! { <SiteTags base=base.get() canonical /> }
}

#[component]
fn SiteTags(base: String, canonical: bool) -> impl IntoView {
    let site = config();
    let home = format!("{}/", base.trim_end_matches('/'));
    let image = site
        .preview_image
        .as_deref()
        .map(|src| gazette_core::urls::absolute_url(&base, src));
    let description = (!site.site_description.is_empty()).then(|| site.site_description.clone());
    view! {
        {description.clone().map(|d| view! { <Meta name="description" content=d /> })}
        {canonical.then(|| view! { <Link rel="canonical" href=home.clone() /> })}
        <Meta property="og:type" content="website" />
        <Meta property="og:title" content=site.site_name.clone() />
        {description.map(|d| view! { <Meta property="og:description" content=d /> })}
        <Meta property="og:url" content=home />
        <Meta property="og:site_name" content=site.site_name.clone() />
        <Meta property="og:locale" content="ko_KR" />
        {image.map(|url| view! { <Meta property="og:image" content=url /> })}
        <Meta name="twitter:card" content="summary" />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_markup_when_rendered_and_text_in_the_browser() {
        assert_eq!(
            title_text("</title><b>&amp;", "신문"),
            if cfg!(feature = "ssr") {
                "&lt;/title&gt;&lt;b&gt;&amp;amp; | 신문"
            } else {
                "</title><b>&amp; | 신문"
            }
        );
    }
}
