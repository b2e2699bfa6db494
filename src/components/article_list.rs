//! A list of article summaries: thumbnail, title, summary, section, time.
//! The cards are static markup (`crate::markup::cards`, the same the
//! prerendered pages carry); their links are followed by the app's router.

use crate::api::contract::ArticleSummary;
use crate::markup;
use leptos::prelude::*;

#[component]
pub fn ArticleList(
    articles: Vec<ArticleSummary>,
    /// Show summaries and thumbnails (home) or titles only (side column).
    #[prop(default = true)]
    full: bool,
) -> impl IntoView {
    view! { <ul class=markup::list_class(full) inner_html=markup::cards(&articles, full)></ul> }
}
