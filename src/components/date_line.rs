//! Today's date in Korea time, `2025.12.24 (수)`, rolling over at 00:00 KST
//! while the page stays open.

use crate::{clock::now_secs, kst};
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn DateLine() -> impl IntoView {
    let now = RwSignal::new(now_secs());
    // Checking once a minute keeps the roll-over within a minute of midnight
    // even after the device sleeps, at no measurable cost.
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(now_secs()), Duration::from_secs(60))
    {
        on_cleanup(move || handle.clear());
    }
    let date = Memo::new(move |_| kst::date_line(now.get()));
    let iso = Memo::new(move |_| kst::iso_kst(now.get())[..10].to_owned());
    view! {
        <p class="date-line">
            <time datetime=iso>{date}</time>
        </p>
    }
}
