//! Today's date in Korea time, `2025.12.24 (수)`, rolling over at 00:00 KST
//! while the page stays open.

use crate::hydration::clock::use_minute_clock;
use gazette_core::kst;
use leptos::prelude::*;

#[component]
pub fn DateLine() -> impl IntoView {
    let now = use_minute_clock();
    let date = Memo::new(move |_| kst::date_line(now.get()));
    let iso = Memo::new(move |_| kst::iso_kst(now.get())[..10].to_owned());
    view! {
        <p class="date-line">
            <time datetime=iso>{date}</time>
        </p>
    }
}
