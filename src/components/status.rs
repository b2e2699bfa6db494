//! Loading, error and empty states shared by every region of the page.

use crate::api::{cache, ApiError};
use crate::hydration::clock::use_minute_clock;
use leptos::prelude::*;

/// A region's error: the reader's message and a 다시 시도 button.
#[component]
pub fn RegionError(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="region-error" role="alert">
            <p>{error.message()}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "다시 시도"
            </button>
        </div>
    }
}

/// Placeholder shown while a region loads.
#[component]
pub fn Loading(label: &'static str) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            {label}
        </p>
    }
}

/// "오프라인 — 마지막 업데이트 HH:MM" above a region showing its kept copy.
#[component]
pub fn OfflineNote(saved_at: Option<i64>) -> impl IntoView {
    let now = use_minute_clock();
    saved_at.map(|saved| {
        view! {
            <p class="offline-note" role="status">
                {move || cache::offline_note(saved, now.get())}
            </p>
        }
    })
}
