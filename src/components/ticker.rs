//! The rolling KMA weather ticker: a CSS `transform` animation (no script per
//! frame) over two copies of the station list, with a visible pause button,
//! the "기상청 제공" credit, the observation time and an all-stations table.

use crate::api::{self, cache, contract::Station, contract::Weather, ApiError};
use crate::components::date_line::use_minute_clock;
use crate::components::dialog_head::DialogHead;
use crate::config::config;
use crate::js;
use crate::load::Load;
use crate::storage::{self, keys};
use crate::weather::{self, SortKey};
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn Ticker() -> impl IntoView {
    let resource = Load::new(api::fetch_weather);
    // The last good data stays on screen when a refresh fails.
    let last_good = RwSignal::new(None::<Weather>);
    let error = RwSignal::new(None::<ApiError>);
    // When the backend fails, the copy kept from an earlier visit.
    let offline = RwSignal::new(None::<i64>);
    Effect::new(move || match resource.get() {
        Some(Ok(w)) => {
            last_good.set(Some(w.value));
            offline.set(w.offline_since);
            error.set(None);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    if let Ok(handle) = set_interval_with_handle(
        move || resource.refetch(),
        Duration::from_millis(u64::from(config().weather_refresh_ms)),
    ) {
        on_cleanup(move || handle.clear());
    }

    let paused = RwSignal::new(storage::parse_flag(
        storage::get(keys::TICKER_PAUSED).as_deref(),
    ));
    let toggle = move |_| {
        let next = !paused.get_untracked();
        paused.set(next);
        storage::set(keys::TICKER_PAUSED, storage::flag_value(next));
    };

    let stations = Memo::new(move |_| {
        last_good.with(|w| w.as_ref().map(|w| w.stations.clone()).unwrap_or_default())
    });
    let observed = Memo::new(move |_| last_good.with(|w| w.as_ref().and_then(|w| w.observed_at)));
    let table = NodeRef::<html::Dialog>::new();
    // The table's rows exist only while it is open: a hundred rows nobody
    // asked for would cost the first render.
    let table_open = RwSignal::new(false);
    // Staleness is re-checked as time passes, not only when data arrives.
    let now = use_minute_clock();

    // A memo: the line is written again only when it reads differently, not
    // on every tick of the minute clock.
    let meta = Memo::new(move |_| {
        let now = now.get();
        let has_data = last_good.with(Option::is_some);
        let observed = observed.get();
        let offline = offline.get();
        weather::meta_markup(
            observed,
            has_data && weather::is_stale(observed, now),
            has_data && (error.with(Option::is_some) || offline.is_some()),
            offline
                .map(|saved| cache::offline_note(saved, now))
                .as_deref(),
        )
    });

    view! {
        <section class="ticker" aria-label="전국 날씨" data-paused=move || paused.get().to_string()>
            <TickerBelt stations last_good error on_retry=move || resource.refetch() />
            <p class="ticker__meta" inner_html=move || meta.get()></p>
            <div class="ticker__controls">
                <button
                    type="button"
                    class="ticker__button ticker__toggle"
                    aria-pressed=move || paused.get().to_string()
                    on:click=toggle
                    inner_html=move || weather::toggle_content(paused.get())
                ></button>
                <button
                    type="button"
                    class="ticker__button ticker__all"
                    aria-haspopup="dialog"
                    disabled=move || stations.with(Vec::is_empty)
                    on:click=move |_| {
                        if let Some(d) = table.get() {
                            table_open.set(true);
                            let _ = d.show_modal();
                        }
                    }
                >
                    "전체"
                    <span class="ticker__more">" 보기"</span>
                </button>
            </div>
            <StationTable stations dialog=table open=table_open />
        </section>
    }
}

/// The moving part: two identical lists side by side, the second hidden
/// from assistive technology, translated by half their width in a loop;
/// without stations, a message (and 다시 시도 after a failure).
#[component]
fn TickerBelt(
    stations: Memo<Vec<Station>>,
    last_good: RwSignal<Option<Weather>>,
    error: RwSignal<Option<ApiError>>,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let viewport = NodeRef::<html::Div>::new();
    Effect::new(move || {
        stations.track();
        let Some(viewport) = viewport.get() else {
            return;
        };
        // Measured once per data change (not per frame), in a task after
        // the next frame: that frame lays the list out anyway, so reading
        // sizes then costs no layout of its own (in the frame's
        // `requestAnimationFrame` callback it would force that layout early,
        // adding it to the callback's task).
        request_animation_frame(move || {
            set_timeout(
                move || {
                    if let (Some(belt), Some(track)) = (
                        js::find(&viewport, ".ticker__belt"),
                        js::find(&viewport, ".ticker__track"),
                    ) {
                        roll(&belt, &track);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    });
    // Only the stations are read while there are any: a failed refresh
    // leaves the rolling belt alone.
    let content = move || {
        stations.with(|list| {
            if !list.is_empty() {
                // The copy hidden from assistive technology is appended by
                // `roll`.
                return format!(
                    "<div class=\"ticker__belt\"><ul class=\"ticker__track\">{}</ul></div>",
                    weather::belt_markup(list)
                );
            }
            let failed = last_good.with(Option::is_none)
                && error.with(|e| e.as_ref().is_some_and(|e| !e.is_not_found()));
            let message = match (last_good.with(Option::is_some), error.with(Option::is_some)) {
                (false, false) => "날씨 정보를 불러오는 중입니다",
                _ if failed => "날씨 정보를 불러오지 못했습니다",
                _ => "날씨 정보가 없습니다",
            };
            weather::empty_markup(message, failed)
        })
    };
    let retry = move |ev: leptos::ev::MouseEvent| {
        if js::closest(&ev, ".ticker__retry").is_some() {
            on_retry.run(());
        }
    };
    view! {
        <div
            class="ticker__viewport"
            class:ticker__viewport--empty=move || stations.with(Vec::is_empty)
            node_ref=viewport
            inner_html=content
            on:click=retry
        ></div>
    }
}

/// Sets the belt rolling: appends the copy that makes the loop seamless and
/// sets the distance and duration of one loop for a constant speed.
///
/// The copy holds only the first stations, as many as fill the visible
/// width once (see [`weather::copy_len`]): when the last station has rolled
/// by, the copy shows exactly what the start of the list will show, and
/// the loop restarts unnoticed. Its items are native deep clones, not
/// rendered again.
fn roll(belt: &web_sys::Element, track: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    // Each data change writes a new belt; one that rolls already (two
    // changes within a frame) keeps its single copy.
    if belt.has_attribute("data-rolling") {
        return;
    }
    let Some(document) = belt.owner_document() else {
        return;
    };
    let list = track.get_bounding_client_rect();
    let (start, width) = (list.left(), list.width());
    // The widest the ticker can become without new data: the screen's
    // longer side (a phone turned, a window maximised).
    let screen = web_sys::window()
        .and_then(|w| w.screen().ok())
        .map_or(0, |s| s.width().unwrap_or(0).max(s.height().unwrap_or(0)));
    let visible = belt
        .parent_element()
        .map_or(0, |viewport| viewport.client_width())
        .max(screen);
    let visible = f64::from(visible);
    let nodes = track.child_nodes();
    let items: Vec<web_sys::Element> = (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into().ok())
        .collect();
    let lefts: Vec<f64> = items
        .iter()
        .map(|item| item.get_bounding_client_rect().left() - start)
        .collect();
    let Ok(copy) = document.create_element("ul") else {
        return;
    };
    let _ = copy.set_attribute("class", "ticker__track ticker__track--copy");
    let _ = copy.set_attribute("aria-hidden", "true");
    for item in &items[..weather::copy_len(&lefts, visible)] {
        if let Ok(clone) = item.clone_node_with_deep(true) {
            let _ = copy.append_child(&clone);
        }
    }
    let _ = belt.append_child(&copy);
    let Some(style) = belt.dyn_ref::<web_sys::HtmlElement>().map(|b| b.style()) else {
        return;
    };
    // Numbers are printed by the engine (exact, and no float formatting
    // code in the wasm).
    let number = |n: f64| {
        String::from(
            js_sys::Number::from(n)
                .to_string_with_radix(10)
                .unwrap_or_default(),
        )
    };
    let _ = style.set_property("--ticker-shift", &(number(width) + "px"));
    let secs = weather::loop_duration_secs(width);
    let _ = style.set_property("--ticker-duration", &(number(secs) + "s"));
    let _ = belt.set_attribute("data-rolling", "");
}

/// "전체 보기": every station in a table sortable by name and temperature.
#[component]
fn StationTable(
    stations: Memo<Vec<Station>>,
    dialog: NodeRef<html::Dialog>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let sort = RwSignal::new((SortKey::Name, true));
    let rows = Memo::new(move |_| {
        let (key, asc) = sort.get();
        stations.with(|s| weather::sorted(s, key, asc))
    });
    let header = move |key: SortKey, label: &'static str| {
        let aria_sort = move || match sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button
                    type="button"
                    class="sort-button"
                    on:click=move |_| sort.update(|(k, asc)| {
                        if *k == key { *asc = !*asc } else { *k = key; *asc = true }
                    })
                >
                    {label}
                    <span aria-hidden="true" class="sort-button__arrow">
                        {move || match sort.get() {
                            (k, true) if k == key => "▲",
                            (k, false) if k == key => "▼",
                            _ => "↕",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    view! {
        <dialog
            class="station-table"
            node_ref=dialog
            aria-labelledby="station-table-title"
            on:close=move |_| open.set(false)
        >
            <DialogHead block="station-table" title_id="station-table-title" title="전국 날씨" />
            <div class="station-table__scroll">
                <table>
                    <caption class="visually-hidden">
                        "관측 지점별 날씨. 열 제목 버튼으로 정렬할 수 있습니다."
                    </caption>
                    <thead>
                        <tr>
                            {header(SortKey::Name, "지점")}
                            <th scope="col">"날씨"</th>
                            {header(SortKey::Temperature, "기온")}
                        </tr>
                    </thead>
                    <tbody inner_html=move || {
                        if open.get() { rows.with(|r| weather::table_rows_markup(r)) } else { String::new() }
                    }></tbody>
                </table>
            </div>
            <p class="station-table__credit">"기상청 제공"</p>
        </dialog>
    }
}
