//! The rolling KMA weather ticker: a CSS `transform` animation (no script per
//! frame) over the station list and a copy of its start, with a visible
//! pause button, the "기상청 제공" credit, the observation time and an
//! all-stations table.

use crate::api::{self, cache, ApiError};
use crate::components::dialog_head::DialogHead;
use crate::config::config;
use crate::hydration::clock::use_minute_clock;
use crate::hydration::deferred::use_hydrated;
use crate::storage::{self, keys};
use gazette_core::contract::{Station, Weather};
use gazette_core::weather::{self, SortKey};
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

/// What the ticker knows of the weather feed, kept in one signal that one
/// effect sets from the resource's answers.
#[derive(Clone, Default)]
struct Feed {
    /// The last good data: it stays on screen when a refresh fails.
    last_good: Option<Weather>,
    /// The last answer's error, until a good one.
    error: Option<ApiError>,
    /// When the backend fails, when the copy kept from an earlier visit
    /// was saved.
    offline: Option<i64>,
    /// When the backend last answered or failed: said when there is
    /// nothing to show.
    checked: Option<i64>,
}

impl Feed {
    fn has_data(&self) -> bool {
        self.last_good
            .as_ref()
            .is_some_and(|w| !w.stations.is_empty())
    }
}

#[component]
pub fn Ticker() -> impl IntoView {
    let resource = LocalResource::new(api::fetch_weather);
    let feed = RwSignal::new(Feed::default());
    Effect::new(move |_| {
        let Some(answer) = resource.get() else {
            return;
        };
        let now = crate::time::now_secs();
        feed.update(|f| {
            match answer {
                Ok(w) => {
                    f.last_good = Some(w.value);
                    f.offline = w.offline_since;
                    f.error = None;
                }
                Err(e) => f.error = Some(e),
            }
            f.checked = Some(now);
        });
    });
    Effect::new(move |_| {
        if let Ok(handle) = set_interval(
            move || resource.refetch(),
            Duration::from_millis(u64::from(config().weather_refresh_ms)),
        ) {
            on_cleanup(move || handle.clear());
        }
    });

    let paused = storage::use_stored(
        keys::TICKER_PAUSED,
        false,
        storage::parse_flag,
        storage::flag_value,
    );
    let live = use_hydrated();
    let stations = Memo::new(move |_| {
        feed.with(|f| {
            f.last_good
                .as_ref()
                .map(|w| w.stations.clone())
                .unwrap_or_default()
        })
    });
    let dialog = NodeRef::<html::Dialog>::new();
    // The table's rows exist only while it is open: a hundred rows nobody
    // asked for would cost the first render.
    let table_open = RwSignal::new(false);

    view! {
        <section class="ticker" aria-label="전국 날씨" data-paused=move || paused.get().to_string()>
            <TickerBelt stations feed on_retry=move || resource.refetch() />
            <TickerMeta feed />
            <div class="ticker__controls">
                <button
                    type="button"
                    class="ticker__button ticker__toggle"
                    aria-pressed=move || paused.get().to_string()
                    disabled=move || stations.with(Vec::is_empty) || !live.get()
                    on:click=move |_| paused.update(|p| *p = !*p)
                >
                    <span class="ticker__glyph" aria-hidden="true">
                        {move || if paused.get() { "▶" } else { "❚❚" }}
                    </span>
                    <span class="ticker__label">
                        {move || if paused.get() { "재생" } else { "일시정지" }}
                    </span>
                    <span class="visually-hidden">" 날씨 자동 넘김"</span>
                </button>
                <button
                    type="button"
                    class="ticker__button ticker__all"
                    aria-haspopup="dialog"
                    disabled=move || stations.with(Vec::is_empty) || !live.get()
                    on:click=move |_| {
                        if let Some(d) = dialog.get() {
                            table_open.set(true);
                            let _ = d.show_modal();
                        }
                    }
                >
                    "전체"
                    <span class="ticker__more">" 보기"</span>
                </button>
            </div>
            <StationTable stations dialog open=table_open />
        </section>
    }
}

/// "기상청 제공", the observation time, and the flags the reader needs to
/// judge the figures: old data, a refresh that failed while older data
/// stays on screen, a copy kept from an earlier visit. Nothing while there
/// are no stations to show (the belt says so).
#[component]
fn TickerMeta(feed: RwSignal<Feed>) -> impl IntoView {
    // Staleness is re-checked as time passes, not only when data arrives.
    let now = use_minute_clock();
    let observed = Memo::new(move |_| {
        feed.with(|f| {
            f.last_good
                .as_ref()
                .and_then(|w| w.observed_at)
                .filter(|_| f.has_data())
        })
    });
    let has_data = Memo::new(move |_| feed.with(Feed::has_data));
    let stale = Memo::new(move |_| has_data.get() && weather::is_stale(observed.get(), now.get()));
    let failed = Memo::new(move |_| {
        feed.with(|f| f.has_data() && (f.error.is_some() || f.offline.is_some()))
    });
    let offline = Memo::new(move |_| feed.with(|f| f.offline.filter(|_| f.has_data())));
    view! {
        <p class="ticker__meta">
            {move || has_data.get().then(|| view! { <span class="ticker__credit">"기상청 제공"</span> })}
            {move || {
                observed.get().map(|t| view! {
                    <time class="ticker__observed" datetime=gazette_core::kst::iso_kst(t)>
                        {format!("{} 관측", gazette_core::kst::clock(t))}
                    </time>
                })
            }}
            {move || stale.get().then(|| view! { <span class="ticker__flag">"지난 정보"</span> })}
            {move || {
                failed.get().then(|| view! {
                    <span class="ticker__flag" title="최근 갱신에 실패했습니다">"갱신 실패"</span>
                })
            }}
            {move || {
                offline.get().map(|saved| view! {
                    <span class="ticker__flag ticker__offline">
                        {move || cache::offline_note(saved, now.get())}
                    </span>
                })
            }}
        </p>
    }
}

/// One station as the belt shows it.
#[component]
fn BeltItem(station: Station) -> impl IntoView {
    let icon = weather::icon_for(&station.condition).class();
    view! {
        <li class="ticker__item">
            <span class=format!("wx-icon {icon}") aria-hidden="true"></span>
            <span class="ticker__condition">{station.condition}</span>
            <span class="ticker__station">{station.name}</span>
            <span class="ticker__temp">{weather::format_temperature(station.temperature_c)}</span>
        </li>
    }
}

/// Where the belt's loop turns, once the list has been measured.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Roll {
    /// Stations in the copy that follows the list.
    copy: usize,
    /// The list's width in px: how far one loop moves.
    shift: f64,
    /// Seconds per loop, for a constant speed.
    secs: f64,
}

/// The moving part: the list, and a copy of its first stations (hidden from
/// assistive technology) that makes the loop seamless, translated by the
/// list's width in a loop; without stations, a message (and 다시 시도 after
/// a failure).
#[component]
fn TickerBelt(
    stations: Memo<Vec<Station>>,
    feed: RwSignal<Feed>,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let track = NodeRef::<html::Ul>::new();
    let roll = RwSignal::new(None::<Roll>);
    // How many stations the belt shows: a long list arrives a slice per
    // task (weather::next_shown), so the first answer, which comes during
    // the page's start, is not built in one long task.
    let shown = RwSignal::new(0usize);
    let advance = move || {
        let next = weather::next_shown(shown.get_untracked(), stations.with_untracked(Vec::len));
        if next != shown.get_untracked() {
            shown.set(next);
        }
    };
    // New data: the first slice at once, the rest a task each.
    Effect::new(move |_| {
        stations.track();
        advance();
    });
    Effect::new(move |_| {
        if shown.get() < stations.with_untracked(Vec::len) {
            let _ = set_timeout(advance, Duration::ZERO);
        }
    });
    // Measured once the whole list is shown, once per data change (not per
    // frame), in a task after the next frame: that frame lays the list out
    // anyway, so reading sizes then costs no layout of its own.
    Effect::new(move |_| {
        if roll.with_untracked(Option::is_some) {
            roll.set(None);
        }
        if shown.get() < stations.with(Vec::len) {
            return;
        }
        let _ = request_animation_frame(move || {
            let _ = set_timeout(
                move || {
                    if let Some(track) = track.get_untracked() {
                        roll.set(measure(&track));
                    }
                },
                Duration::ZERO,
            );
        });
    });
    let empty = Memo::new(move |_| stations.with(Vec::is_empty));
    let message = move || {
        let (failed, loading, too_large, checked) = feed.with(|f| {
            let none = f.last_good.is_none();
            (
                none && f.error.as_ref().is_some_and(|e| !e.is_not_found()),
                none && f.error.is_none(),
                matches!(f.error, Some(ApiError::TooLarge(_))),
                f.checked,
            )
        });
        let message = if loading {
            "날씨 정보를 불러오는 중입니다"
        } else if failed && too_large {
            "날씨 정보가 너무 커서 표시할 수 없습니다"
        } else if failed {
            "날씨 정보를 불러오지 못했습니다"
        } else {
            "날씨 정보가 없습니다"
        };
        // When it was last tried, once it was.
        let when = checked.filter(|_| !loading).map(|t| {
            view! {
                " "
                <time class="ticker__checked" datetime=gazette_core::kst::iso_kst(t)>
                    {format!("({} 확인)", gazette_core::kst::clock(t))}
                </time>
            }
        });
        view! {
            <p class="ticker__empty" role="status" aria-busy=loading.then_some("true")>{message}{when}</p>
            {failed.then(|| view! {
                <button type="button" class="ticker__retry link-button" on:click=move |_| on_retry.run(())>
                    "다시 시도"
                </button>
            })}
        }
    };
    let belt = move || {
        let copy = move || {
            let n = roll.get().map_or(0, |r| r.copy);
            stations.with(|s| s.iter().take(n).cloned().collect::<Vec<_>>())
        };
        view! {
            <div
                class="ticker__belt"
                data-rolling=move || roll.with(Option::is_some).then_some("")
                style:--ticker-shift=move || roll.get().map(|r| format!("{}px", r.shift))
                style:--ticker-duration=move || roll.get().map(|r| format!("{}s", r.secs))
            >
                <ul class="ticker__track" node_ref=track>
                    <For
                        each=move || {
                            let n = shown.get();
                            stations.with(|s| s.iter().take(n).cloned().enumerate().collect::<Vec<_>>())
                        }
                        // Rebuilt when a refresh changes what it shows.
                        key=|(n, s)| weather::row_key(*n, s)
                        let((_, s))
                    >
                        <BeltItem station=s />
                    </For>
                </ul>
                <ul class="ticker__track ticker__track--copy" aria-hidden="true">
                    <For each=move || copy().into_iter().enumerate() key=|(n, s)| weather::row_key(*n, s) let((_, s))>
                        <BeltItem station=s />
                    </For>
                </ul>
            </div>
        }
    };
    view! {
        <div class="ticker__viewport" class:ticker__viewport--empty=move || empty.get()>
            {move || if empty.get() { message().into_any() } else { belt().into_any() }}
        </div>
    }
}

/// Where the loop of `track`'s stations turns: the copy holds as many of
/// the first stations as fill the widest the ticker can become once
/// ([`weather::copy_len`]), so when the last station has rolled by the
/// copy shows exactly what the start of the list will show.
fn measure(track: &web_sys::HtmlUListElement) -> Option<Roll> {
    use wasm_bindgen::JsCast;
    let list = track.get_bounding_client_rect();
    let (start, width) = (list.left(), list.width());
    // The widest the ticker can become without new data: the screen's
    // longer side (a phone turned, a window maximised).
    let screen = web_sys::window()
        .and_then(|w| w.screen().ok())
        .map_or(0, |s| s.width().unwrap_or(0).max(s.height().unwrap_or(0)));
    let visible = track
        .parent_element()
        .and_then(|belt| belt.parent_element())
        .map_or(0, |viewport| viewport.client_width())
        .max(screen);
    let items = track.children();
    let lefts: Vec<f64> = (0..items.length())
        .filter_map(|i| items.item(i))
        .filter_map(|item| item.dyn_into::<web_sys::Element>().ok())
        .map(|item| item.get_bounding_client_rect().left() - start)
        .collect();
    Some(Roll {
        copy: weather::copy_len(&lefts, f64::from(visible)),
        shift: width,
        secs: weather::loop_duration_secs(width),
    })
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
        if !open.get() {
            return Vec::new();
        }
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
                    on:click=move |_| {
                        sort.update(|(k, asc)| {
                            if *k == key {
                                *asc = !*asc
                            } else {
                                *k = key;
                                *asc = true
                            }
                        })
                    }
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
                    <tbody>
                        <For each=move || rows.get().into_iter().enumerate() key=|(n, s)| weather::row_key(*n, s) let((_, s))>
                            <tr>
                                <th scope="row">{s.name}</th>
                                <td>
                                    <span
                                        class=format!("wx-icon {}", weather::icon_for(&s.condition).class())
                                        aria-hidden="true"
                                    ></span>
                                    {s.condition}
                                </td>
                                <td class="num">{weather::format_temperature(s.temperature_c)}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <p class="station-table__credit">"기상청 제공"</p>
        </dialog>
    }
}
