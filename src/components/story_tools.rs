//! The story's tools row: font size (기본 / 크게 / 더크게), print, and share.

use super::share::SharePanel;
use crate::hydration::deferred::use_hydrated;
use gazette_core::reading::FontSize;
use gazette_core::share::ShareTarget;
use leptos::prelude::*;

#[component]
pub fn StoryTools(
    size: RwSignal<FontSize>,
    #[prop(into)] target: Signal<ShareTarget>,
) -> impl IntoView {
    view! {
        <div class="story__tools">
            <FontSizeButtons size />
            <PrintButton />
            <SharePanel target />
        </div>
    }
}

/// 기본 / 크게 / 더크게: the one pressed is the story's text size.
#[component]
fn FontSizeButtons(size: RwSignal<FontSize>) -> impl IntoView {
    let live = use_hydrated();
    let off = move || !live.get();
    let size_button = move |s: FontSize| {
        view! {
            <button
                type="button"
                class=format!("tool-button font-size__{}", s.value())
                data-size=s.value()
                aria-pressed=move || (size.get() == s).to_string()
                disabled=off
                on:click=move |_| size.set(s)
            >
                {s.label()}
            </button>
        }
    };
    view! {
        <div class="font-size" role="group" aria-label="글자 크기">
            {FontSize::ALL.map(size_button)}
        </div>
    }
}

/// 인쇄: the browser's print dialog (the print style sheet lays the story
/// out on paper).
#[component]
fn PrintButton() -> impl IntoView {
    let live = use_hydrated();
    view! {
        <button
            type="button"
            class="tool-button print-button"
            disabled=move || !live.get()
            on:click=|_| {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }
        >
            <svg class="tool-button__icon" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M7 3h10v4H7zM5 8h14a2 2 0 0 1 2 2v6h-4v4H7v-4H3v-6a2 2 0 0 1 2-2zm4 7v3h6v-3z"></path>
            </svg>
            "인쇄"
        </button>
    }
}
