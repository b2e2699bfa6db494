//! The old CMS's article addresses (`/news/articleView.html?idxno=N`,
//! `/bbs/board.php?bo_table=…&wr_id=N`, Gnuboard5's short `/<board>/N` for
//! the boards of `<meta name="gnuboard-boards">`): the address is replaced,
//! without a history entry, by the article's own; any other address is not
//! found. It is also the router's fallback, since short links have no fixed
//! path.

use super::not_found::NotFound;
use crate::config::config;
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
        &config().gnuboard_boards,
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
