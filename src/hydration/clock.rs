//! The clock's hand-over: the instant a prerendered page was rendered at,
//! and the one minute clock the views share, which shows the rendered
//! instant until every part of the page is hydrated and then moves to the
//! present ([`crate::time`]).

use gazette_core::kst;
use leptos::prelude::*;
use std::time::Duration;

/// The instant the page was rendered at ([`super::rendered::Rendered`])
/// when there is one, else now: text that depends on "now" reads the same
/// when the browser hydrates a page as when it was rendered; effects then
/// move it on.
pub fn rendered_at() -> i64 {
    super::rendered::use_rendered().map_or_else(crate::time::now_secs, |r| r.at)
}

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
/// ([`rendered_at`], so that a hydrated page reads as it was
/// rendered), and moves to the present once every part of the page is
/// hydrated.
fn start_clock() -> RwSignal<i64> {
    let now = RwSignal::new(rendered_at());
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
    let t = crate::time::now_ms();
    if now.try_set((t / 1000.0).floor() as i64).is_some() {
        return; // the owner is gone
    }
    let delay = Duration::from_millis(u64::from(kst::ms_until_next_tick(t)));
    if let Ok(h) = set_timeout(move || tick(now, pending), delay) {
        pending.try_set_value(Some(h));
    }
}
