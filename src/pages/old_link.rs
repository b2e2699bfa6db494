//! The old CMS's article addresses (`/news/articleView.html?idxno=N`,
//! `/bbs/board.php?bo_table=…&wr_id=N`): the address is replaced, without a
//! history entry, by the article's own; one without a valid id is not found.

use super::not_found::NotFound;
use gazette_core::links::legacy_redirect;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

#[component]
pub fn OldLink() -> impl IntoView {
    let location = use_location();
    let target = legacy_redirect(
        &location.pathname.get_untracked(),
        &location.search.get_untracked(),
    );
    match target {
        Some(to) => {
            let navigate = use_navigate();
            Effect::new(move |_| {
                navigate(
                    &to,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                )
            });
            ().into_any()
        }
        None => view! { <NotFound /> }.into_any(),
    }
}
