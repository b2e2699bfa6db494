//! What the pages that are not a story say about the site in `<head>`:
//! description, Open Graph and X cards, and (for the home page only) the
//! canonical link.

use crate::config::config;
use crate::rendered::use_site_base;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};

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
        .map(|src| crate::share::absolute_url(&base, src));
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
