//! Old CMS article links (`/news/articleView.html?idxno=…`,
//! `/bbs/board.php?…&wr_id=…`): replaced by the article's own URL, so the
//! old address does not stay in the history.

use crate::links::legacy_redirect;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location, NavigateOptions};

#[component]
pub fn LegacyLink() -> impl IntoView {
    let location = use_location();
    let target = legacy_redirect(
        &location.pathname.get_untracked(),
        &location.search.get_untracked(),
    );
    match target {
        Some(path) => view! {
            <Redirect
                path=path
                options=NavigateOptions { replace: true, ..Default::default() }
            />
        }
        .into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}
