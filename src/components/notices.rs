//! The popup notice layer ("팝업레이어") and the notice centre in the header.
//!
//! The feed is fetched once per page view and shared through context. Active
//! notices that are not snoozed open in one modal `<dialog>` once the page
//! has painted, one at a time; the header button lists every active notice,
//! snoozed ones too, and opens any of them again. The rules (schedule,
//! snoozes, paging, links) are plain Rust in [`crate::notice`].

use crate::api::{self, contract::Notice, ApiError};
use crate::clock::now_secs;
use crate::components::date_line::use_minute_clock;
use crate::components::dialog_head::DialogHead;
use crate::components::status::{Loading, RegionError};
use crate::config::config;
use crate::load::Load;
use crate::notice::{self, Pager, Snoozes};
use crate::storage::{self, keys};
use leptos::{ev, html, prelude::*};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// State shared by the header button, the centre and the layer.
#[derive(Clone, Copy)]
struct Notices {
    feed: Load<Result<Vec<Notice>, ApiError>>,
    snoozes: RwSignal<Snoozes>,
    /// The notices in the layer and the one on screen.
    pager: RwSignal<Pager>,
    layer: NodeRef<html::Dialog>,
    title: NodeRef<html::H2>,
    /// Where focus was before the layer opened, to give it back on close.
    return_focus: StoredValue<Option<web_sys::Element>, LocalStorage>,
}

impl Notices {
    /// The feed's notices once loaded; a site without a notice feed (404)
    /// simply has none.
    fn loaded(self) -> Option<Result<Vec<Notice>, ApiError>> {
        self.feed.get().map(|result| match result {
            Err(e) if e.is_not_found() => Ok(Vec::new()),
            other => other,
        })
    }

    fn open(self, notices: Vec<Notice>, index: usize) {
        let Some(dialog) = self.layer.get_untracked() else {
            return;
        };
        self.pager.set(Pager::new(notices, index));
        if !dialog.open() {
            self.return_focus.set_value(document().active_element());
            if dialog.show_modal().is_err() {
                return;
            }
        }
        // The title first, so the notice is read from its start.
        if let Some(title) = self.title.get_untracked() {
            let _ = title.focus();
        }
    }

    fn close(self) {
        if let Some(dialog) = self.layer.get_untracked() {
            dialog.close();
        }
    }

    /// After any way of closing (닫기, Esc, a followed link): the layer stays
    /// closed for this page view and focus goes back where it was.
    fn closed(self) {
        self.pager.set(Pager::default());
        let previous = self.return_focus.try_update_value(Option::take).flatten();
        if let Some(el) = previous.filter(|el| el.is_connected()) {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    /// "오늘 하루 보지 않기" for the notice on screen; the next one, if any,
    /// takes its place.
    fn snooze_current(self) {
        let Some(current) = self.pager.with_untracked(|p| p.current().cloned()) else {
            return;
        };
        let now = now_secs();
        self.snoozes.update(|s| {
            s.prune(now);
            s.snooze(&current, now);
        });
        storage::set(
            keys::NOTICE_SNOOZES,
            &self.snoozes.with_untracked(Snoozes::to_storage),
        );
        self.pager.update(Pager::remove_current);
        if self.pager.with_untracked(Pager::is_empty) {
            self.close();
        }
    }
}

/// Loads the notices once per page view and shares them with the header
/// button and the layer. Stored snoozes that are corrupt, of an old format or
/// expired are dropped and the cleaned value written back.
pub fn provide_notices() {
    let now = now_secs();
    let stored = storage::get(keys::NOTICE_SNOOZES);
    let snoozes = stored
        .as_deref()
        .map(|raw| Snoozes::parse(raw, now))
        .unwrap_or_default();
    if let Some(raw) = stored {
        let clean = snoozes.to_storage();
        if raw != clean {
            storage::set(keys::NOTICE_SNOOZES, &clean);
        }
    }
    provide_context(Notices {
        feed: Load::new(api::fetch_notices),
        snoozes: RwSignal::new(snoozes),
        pager: RwSignal::new(Pager::default()),
        layer: NodeRef::new(),
        title: NodeRef::new(),
        return_focus: StoredValue::new_local(None),
    });
}

/// The header button "팝업레이어 알림" with its count badge, and the notice
/// centre it opens.
#[component]
pub fn NoticeCentreButton() -> impl IntoView {
    let ctx = use_context::<Notices>()?;
    // Notices start and end while the page stays open.
    let now = use_minute_clock();
    let active = Memo::new(move |_| match ctx.loaded() {
        Some(Ok(list)) => notice::active(&list, now.get()),
        _ => Vec::new(),
    });
    let count = Memo::new(move |_| active.with(Vec::len));
    let centre = NodeRef::<html::Dialog>::new();
    Some(view! {
        <button
            type="button"
            class="notice-button"
            aria-haspopup="dialog"
            on:click=move |_| {
                if let Some(d) = centre.get_untracked() {
                    let _ = d.show_modal();
                }
            }
        >
            <svg class="notice-button__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24">
                <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16h15.4L18 12.6V9a6 6 0 0 0-6-6zM9.5 18a2.5 2.5 0 0 0 5 0" />
            </svg>
            <span class="notice-button__label">"팝업레이어 알림"</span>
            {move || {
                let n = count.get();
                (n > 0).then(|| view! {
                    <span class="notice-button__badge" aria-hidden="true">{n}</span>
                    <span class="visually-hidden">{format!(" {n}건")}</span>
                })
            }}
        </button>
        <NoticeCentre ctx dialog=centre active />
    })
}

/// What the centre shows.
#[derive(Clone, Debug, PartialEq)]
enum CentreState {
    Loading,
    Failed(ApiError),
    Empty,
    Ready,
}

/// The list of active notices, each of which opens in the layer again.
#[component]
fn NoticeCentre(
    ctx: Notices,
    dialog: NodeRef<html::Dialog>,
    active: Memo<Vec<Notice>>,
) -> impl IntoView {
    let state = Memo::new(move |_| match ctx.loaded() {
        None => CentreState::Loading,
        Some(Err(e)) => CentreState::Failed(e),
        Some(Ok(_)) if active.with(Vec::is_empty) => CentreState::Empty,
        Some(Ok(_)) => CentreState::Ready,
    });
    // One handler for the list's buttons (their markup is
    // `notice::centre_items`): the notice at the button's place opens in the
    // layer.
    let reopen = move |ev: ev::MouseEvent| {
        let Some(index) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(notice::CENTRE_ITEM).ok().flatten())
            .and_then(|el| el.get_attribute("data-index"))
            .and_then(|i| i.parse::<usize>().ok())
            .filter(|&i| i < active.with_untracked(Vec::len))
        else {
            return;
        };
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
        ctx.open(active.get_untracked(), index);
    };
    let items = move || {
        let now = now_secs();
        active.with(|list| {
            ctx.snoozes
                .with(|s| notice::centre_items(list, |n| s.is_snoozed(n, now)))
        })
    };
    view! {
        <dialog class="notice-centre" node_ref=dialog aria-labelledby="notice-centre-title">
            <DialogHead block="notice-centre" title_id="notice-centre-title" title="팝업레이어 알림" />
            <div class="notice-centre__body">
                {move || match state.get() {
                    CentreState::Loading => {
                        view! { <Loading label="팝업레이어 알림을 불러오는 중입니다" /> }.into_any()
                    }
                    CentreState::Failed(e) => view! {
                        <p class="notice-centre__failed">"팝업레이어 알림을 불러오지 못했습니다."</p>
                        <RegionError error=e on_retry=move || ctx.feed.refetch() />
                    }
                    .into_any(),
                    CentreState::Empty => {
                        view! { <p class="notice-centre__empty">"팝업레이어 알림이 없습니다"</p> }
                            .into_any()
                    }
                    CentreState::Ready => view! {
                        <ul class="notice-centre__list" inner_html=items on:click=reopen></ul>
                    }
                    .into_any(),
                }}
            </div>
        </dialog>
    }
}

/// The modal layer showing active, unsnoozed notices one at a time.
#[component]
pub fn NoticeLayer() -> impl IntoView {
    let ctx = use_context::<Notices>()?;
    let pager = ctx.pager;

    // Decided once, on the first answer: a later 다시 시도 from the centre
    // must not stack the layer over it.
    let decided = StoredValue::new(false);
    Effect::new(move || {
        let Some(result) = ctx.loaded() else {
            return;
        };
        if decided.get_value() {
            return;
        }
        decided.set_value(true);
        let Ok(list) = result else {
            return;
        };
        let due = ctx
            .snoozes
            .with_untracked(|s| notice::due(&list, s, now_secs()));
        if due.is_empty() {
            return;
        }
        // After the next frame has painted, so the page shows first.
        request_animation_frame(move || set_timeout(move || ctx.open(due, 0), Duration::ZERO));
    });

    let current = Memo::new(move |_| pager.with(|p| p.current().cloned()));
    let close_button = NodeRef::<html::Button>::new();
    let keep_focus_inside = move |ev: ev::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let (Some(dialog), Some(last)) = (ctx.layer.get_untracked(), close_button.get_untracked())
        else {
            return;
        };
        let Some(first) = dialog
            .query_selector("a[href], button:not([disabled])")
            .ok()
            .flatten()
        else {
            return;
        };
        let Some(active) = document().active_element() else {
            return;
        };
        let is = |el: &web_sys::Element| active.is_same_node(Some(el));
        let target: Option<&web_sys::Element> = if ev.shift_key() {
            let on_title = ctx.title.get_untracked().is_some_and(|t| is(&t));
            (is(&first) || is(&dialog) || on_title).then_some(&last)
        } else {
            is(&last).then_some(&first)
        };
        if let Some(el) = target.and_then(|el| el.dyn_ref::<web_sys::HtmlElement>()) {
            ev.prevent_default();
            let _ = el.focus();
        }
    };

    // The notice's picture, text and link (`notice::layer_content`).
    let page_origin = window().location().origin().unwrap_or_default();
    let content = move || {
        current.with(|n| {
            n.as_ref().map_or_else(String::new, |n| {
                let link = n
                    .link
                    .as_deref()
                    .and_then(|l| notice::link_target(l, &[&page_origin, &config().site_url]));
                notice::layer_content(n, link.as_ref())
            })
        })
    };
    // A plain click on a same-site link closes the layer and navigates in
    // the app; other sites' links open in a new tab by themselves.
    let location = crate::router::use_location();
    let follow = move |ev: ev::MouseEvent| {
        let plain =
            ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
        let Some(path) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(notice::IN_APP_LINK).ok().flatten())
            .and_then(|a| a.get_attribute("href"))
            .filter(|_| plain)
        else {
            return;
        };
        ctx.close();
        // The app's link handler may already have taken the click.
        if !ev.default_prevented() {
            ev.prevent_default();
            location.navigate(&path, false);
        }
    };

    Some(view! {
        <dialog
            class="notice-layer"
            node_ref=ctx.layer
            aria-labelledby="notice-layer-title"
            on:close=move |_| ctx.closed()
            on:keydown=keep_focus_inside
        >
            <div class="notice-layer__scroll">
                <p class="notice-layer__kicker">"팝업레이어 알림"</p>
                <h2 id="notice-layer-title" class="notice-layer__title" tabindex="-1" node_ref=ctx.title>
                    {move || current.with(|n| n.as_ref().map(|n| n.title.clone()))}
                </h2>
                <div class="notice-layer__content" inner_html=content on:click=follow></div>
            </div>
            <div class="notice-layer__pager" hidden=move || pager.with(|p| p.len() < 2)>
                <button
                    type="button"
                    class="notice-layer__page"
                    aria-disabled=move || (!pager.with(Pager::has_previous)).to_string()
                    on:click=move |_| pager.update(Pager::previous)
                >
                    <span aria-hidden="true">"‹ "</span>
                    "이전"
                </button>
                <p class="notice-layer__position" aria-live="polite">
                    <span class="notice-layer__count" aria-hidden="true">
                        {move || pager.with(Pager::position)}
                    </span>
                    <span class="visually-hidden">{move || pager.with(Pager::spoken_position)}</span>
                </p>
                <button
                    type="button"
                    class="notice-layer__page"
                    aria-disabled=move || (!pager.with(Pager::has_next)).to_string()
                    on:click=move |_| pager.update(Pager::next)
                >
                    "다음"
                    <span aria-hidden="true">" ›"</span>
                </button>
            </div>
            <div class="notice-layer__actions">
                <button
                    type="button"
                    class="notice-layer__snooze"
                    on:click=move |ev| {
                        ctx.snooze_current();
                        // The next notice takes this one's place: keep focus
                        // here (browsers that do not focus clicked buttons
                        // would otherwise leave it nowhere).
                        if !ctx.pager.with_untracked(Pager::is_empty) {
                            if let Some(button) = ev
                                .current_target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                let _ = button.focus();
                            }
                        }
                    }
                >
                    "오늘 하루 보지 않기"
                </button>
                <button
                    type="button"
                    class="button notice-layer__close"
                    node_ref=close_button
                    on:click=move |_| ctx.close()
                >
                    "닫기"
                </button>
            </div>
        </dialog>
    })
}
