//! 기본 / 크게 / 더크게: the article text size, remembered across reloads
//! (its buttons are in the story's tools row, `components::share`).

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
