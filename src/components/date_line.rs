//! Today's date in Korea time, `2025.12.24 (수)`, rolling over at 00:00 KST
//! while the page stays open.

use crate::{clock, kst};
use leptos::prelude::*;
use std::time::Duration;

/// The clock [`provide_minute_clock`] shares.
#[derive(Clone, Copy)]
struct MinuteClock(RwSignal<i64>);

/// Starts one clock for everything below (the date line, the ticker's
/// staleness, the notices' schedule, a story's age), instead of a timer
/// each.
pub fn provide_minute_clock() {
    provide_context(MinuteClock(start_clock()));
}

/// A signal holding the app clock in Unix seconds, updated once a minute and
/// right after each 00:00 KST (so a date shown from it rolls over on time):
/// the shared one when there is one, else a clock of the caller's own.
pub fn use_minute_clock() -> RwSignal<i64> {
    use_context::<MinuteClock>().map_or_else(start_clock, |MinuteClock(now)| now)
}

/// The clock starts at the instant the page was rendered at
/// ([`clock::RenderedAt`], so that a hydrated page reads as it was
/// rendered), and moves to the present once every part of the page is
/// hydrated.
fn start_clock() -> RwSignal<i64> {
    let now = RwSignal::new(clock::rendered_at());
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let hydrated = super::deferred::use_hydrated();
    Effect::new(move |_| {
        if hydrated.get() {
            tick(now, pending);
        }
    });
    on_cleanup(move || {
        if let Some(Some(h)) = pending.try_get_value() {
            h.clear();
        }
    });
    now
}

fn tick(now: RwSignal<i64>, pending: StoredValue<Option<TimeoutHandle>, LocalStorage>) {
    let t = clock::now_ms();
    if now.try_set((t / 1000.0).floor() as i64).is_some() {
        return; // the owner is gone
    }
    let delay = Duration::from_millis(u64::from(kst::ms_until_next_tick(t)));
    if let Ok(h) = set_timeout_with_handle(move || tick(now, pending), delay) {
        pending.try_set_value(Some(h));
    }
}

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
