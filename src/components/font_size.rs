//! 기본 / 크게 / 더크게: the article text size, remembered across reloads.

use crate::reading::FontSize;
use crate::storage::{self, keys};
use leptos::prelude::*;

/// The stored choice as a signal; changes are saved.
pub fn use_font_size() -> RwSignal<FontSize> {
    let size = RwSignal::new(FontSize::parse(storage::get(keys::FONT_SIZE).as_deref()));
    Effect::new(move |previous: Option<FontSize>| {
        let now = size.get();
        if previous.is_some_and(|p| p != now) {
            storage::set(keys::FONT_SIZE, now.value());
        }
        now
    });
    size
}

#[component]
pub fn FontSizeSwitch(size: RwSignal<FontSize>) -> impl IntoView {
    view! {
        <div class="font-size" role="group" aria-label="글자 크기">
            {FontSize::ALL
                .into_iter()
                .map(|s| view! {
                    <button
                        type="button"
                        class=format!("tool-button font-size__{}", s.value())
                        aria-pressed=move || (size.get() == s).to_string()
                        on:click=move |_| size.set(s)
                    >
                        {s.label()}
                    </button>
                })
                .collect_view()}
        </div>
    }
}
