//! Prints the story (the print stylesheet leaves only the article and its URL).

use leptos::prelude::*;

#[component]
pub fn PrintButton() -> impl IntoView {
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <button type="button" class="tool-button print-button" on:click=print>
            <svg class="tool-button__icon" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M7 3h10v4H7zM5 8h14a2 2 0 0 1 2 2v6h-4v4H7v-4H3v-6a2 2 0 0 1 2-2zm4 7v3h6v-3z" />
            </svg>
            "인쇄"
        </button>
    }
}
