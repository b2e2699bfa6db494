//! The popup notice layer ("팝업레이어") and the notice centre in the header.
//!
//! The feed is fetched once per page view and shared through context. Active
//! notices that are not snoozed open in one modal `<dialog>` once the page
//! has painted, one at a time; the header button lists every active notice,
//! snoozed ones too, and opens any of them again. The rules (schedule,
//! snoozes, paging, links) are plain Rust in [`gazette_core::notice`].

use crate::api::{self, ApiError};
use crate::components::dialog_head::DialogHead;
use crate::components::status::{Loading, RegionError};
use crate::config::config;
use crate::hydration::clock::use_minute_clock;
use crate::hydration::deferred::use_hydrated;
use crate::storage::{self, keys};
use crate::time::now_secs;
use gazette_core::contract::Notice;
use gazette_core::notice::{self, NoticeLink, Pager, Snoozes};
use leptos::{ev, html, prelude::*};
use leptos_router::components::A;
use std::time::Duration;

/// State shared by the header button, the centre and the layer.
#[derive(Clone, Copy)]
struct Notices {
    feed: LocalResource<Result<Vec<Notice>, ApiError>>,
    /// Every part of the page is hydrated (see [`Notices::loaded`]).
    hydrated: Signal<bool>,
    snoozes: RwSignal<Snoozes>,
    /// The notices in the layer and the one on screen.
    pager: RwSignal<Pager>,
    layer: NodeRef<html::Dialog>,
    title: NodeRef<html::H2>,
    /// Where focus was before the layer opened, to give it back on close.
    return_focus: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Notices {
    /// The feed's notices once loaded; a site without a notice feed (404)
    /// simply has none. On a prerendered page they count as loading until
    /// every part is hydrated: the header is hydrated in a later task, and
    /// the feed could arrive before it, so the button must still show what
    /// its prerendered HTML shows when its turn comes.
    fn loaded(self) -> Option<Result<Vec<Notice>, ApiError>> {
        if !self.hydrated.get() {
            return None;
        }
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
            use wasm_bindgen::JsCast;
            let active = document()
                .active_element()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            self.return_focus.set_value(active);
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
            let _ = el.focus();
        }
    }

    /// "오늘 하루 보지 않기" (or the notice's own "N시간 동안 보지 않기") for the
    /// notice on screen; the next one, if any, takes its place.
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
/// button and the layer. Stored snoozes that are corrupt, of an old format
/// or expired are dropped and the cleaned value written back.
pub fn provide_notices() {
    let snoozes = RwSignal::new(Snoozes::default());
    Effect::new(move |_| {
        let Some(raw) = storage::get(keys::NOTICE_SNOOZES) else {
            return;
        };
        let read = Snoozes::parse(&raw, now_secs());
        let clean = read.to_storage();
        if raw != clean {
            storage::set(keys::NOTICE_SNOOZES, &clean);
        }
        snoozes.set(read);
    });
    provide_context(Notices {
        feed: LocalResource::new(api::fetch_notices),
        hydrated: crate::hydration::deferred::use_hydrated(),
        snoozes,
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
        Some(Ok(list)) => notice::active(&list, now.get(), crate::layout::shows_phone()),
        _ => Vec::new(),
    });
    let count = Memo::new(move |_| active.with(Vec::len));
    let centre = NodeRef::<html::Dialog>::new();
    // The centre's list is built when it opens, not at the page's start.
    let open = RwSignal::new(false);
    let live = use_hydrated();
    Some(view! {
        <button
            type="button"
            class="notice-button"
            aria-haspopup="dialog"
            disabled=move || !live.get()
            on:click=move |_| {
                if let Some(d) = centre.get_untracked() {
                    open.set(true);
                    let _ = d.show_modal();
                }
            }
        >
            <svg class="notice-button__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24">
                <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16h15.4L18 12.6V9a6 6 0 0 0-6-6zM9.5 18a2.5 2.5 0 0 0 5 0"></path>
            </svg>
            <span class="notice-button__label">"팝업레이어 알림"</span>
            {move || {
                let n = count.get();
                (n > 0)
                    .then(|| {
                        view! {
                            <span class="notice-button__badge" aria-hidden="true">{n.to_string()}</span>
                            <span class="visually-hidden">{format!(" {n}건")}</span>
                        }
                    })
            }}
        </button>
        <NoticeCentre ctx dialog=centre open active />
    })
}

/// The list of active notices, each of which opens in the layer again;
/// built while the centre is `open` only.
#[component]
fn NoticeCentre(
    ctx: Notices,
    dialog: NodeRef<html::Dialog>,
    open: RwSignal<bool>,
    active: Memo<Vec<Notice>>,
) -> impl IntoView {
    let open_at = move |index: usize| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
        ctx.open(active.get_untracked(), index);
    };
    let body = move || {
        if !open.get() {
            return ().into_any();
        }
        match ctx.loaded() {
        None => view! { <Loading label="팝업레이어 알림을 불러오는 중입니다" /> }.into_any(),
        Some(Err(e)) => view! {
            <p class="notice-centre__failed">"팝업레이어 알림을 불러오지 못했습니다."</p>
            <RegionError error=e on_retry=move || ctx.feed.refetch() />
        }
        .into_any(),
        Some(Ok(_)) if active.with(Vec::is_empty) => {
            view! { <p class="notice-centre__empty">"팝업레이어 알림이 없습니다"</p> }.into_any()
        }
        Some(Ok(_)) => view! {
            <ul class="notice-centre__list">
                <For
                    each=move || active.get().into_iter().enumerate()
                    key=|(n, notice)| (*n, notice.id.clone())
                    let((index, n))
                >
                    <li>
                        <button
                            type="button"
                            class="notice-centre__item"
                            aria-haspopup="dialog"
                            on:click=move |_| open_at(index)
                        >
                            <span class="notice-centre__title">{n.title.clone()}</span>
                            {move || {
                                let state = notice::snoozed_label(&n);
                                ctx.snoozes
                                    .with(|s| s.is_snoozed(&n, now_secs()))
                                    .then(|| view! { <span class="notice-centre__state">{state}</span> })
                            }}
                            <span class="notice-centre__more" aria-hidden="true">"보기 ›"</span>
                        </button>
                    </li>
                </For>
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <dialog
            class="notice-centre"
            node_ref=dialog
            aria-labelledby="notice-centre-title"
            on:close=move |_| open.set(false)
        >
            <DialogHead block="notice-centre" title_id="notice-centre-title" title="팝업레이어 알림" />
            <div class="notice-centre__body">{body}</div>
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
    Effect::new(move |_| {
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
            .with_untracked(|s| notice::due(&list, s, now_secs(), crate::layout::shows_phone()));
        if due.is_empty() {
            return;
        }
        // After the next frame has painted, so the page shows first.
        let _ = request_animation_frame(move || {
            let _ = set_timeout(move || ctx.open(due, 0), Duration::ZERO);
        });
    });

    let content_box = NodeRef::<html::Div>::new();
    let previous = NodeRef::<html::Button>::new();
    let snooze = NodeRef::<html::Button>::new();
    let close = NodeRef::<html::Button>::new();
    let paged = Memo::new(move |_| pager.with(|p| p.len() >= 2));

    // Tab and Shift+Tab stay inside the layer.
    let keep_focus_inside = move |ev: ev::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(last) = close.get_untracked() else {
            return;
        };
        // The notice's link, when it has one, comes first.
        let link = content_box
            .get_untracked()
            .and_then(|c| c.query_selector("a[href]").ok().flatten())
            .and_then(|a| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(a).ok());
        let first: Option<web_sys::HtmlElement> = match link {
            Some(a) => Some(a),
            None if paged.get_untracked() => previous.get_untracked().map(Into::into),
            None => snooze.get_untracked().map(Into::into),
        };
        let Some(first) = first else {
            return;
        };
        let Some(active) = document().active_element() else {
            return;
        };
        let is = |el: &web_sys::HtmlElement| active.is_same_node(Some(el));
        let on_title = ctx.title.get_untracked().is_some_and(|t| is(&t));
        let on_dialog = ctx.layer.get_untracked().is_some_and(|d| is(&d));
        let target = if ev.shift_key() {
            (is(&first) || on_title || on_dialog).then_some(last.into())
        } else {
            is(&last).then_some(first)
        };
        if let Some(el) = target {
            ev.prevent_default();
            let _ = el.focus();
        }
    };

    let page_origin = crate::hydration::address::page_origin();
    let content = move || {
        pager.with(|p| {
            let n = p.current()?.clone();
            let target = n
                .link
                .as_ref()
                .and_then(|l| notice::link_target(l.as_str(), &[&page_origin, &config().site_url]));
            let link_view = target.map(|t| match t {
                // Followed in the app (the router takes the click); the
                // layer closes first.
                NoticeLink::InApp(path) => view! {
                    <A href=path attr:class="button notice-layer__link" on:click=move |_| ctx.close()>
                        "공지 자세히 보기"
                    </A>
                }
                .into_any(),
                NoticeLink::External(url) => view! {
                    <a class="button notice-layer__link" href=url target="_blank" rel="noopener">
                        "공지 자세히 보기"
                        <span class="visually-hidden">" (새 창)"</span>
                    </a>
                }
                .into_any(),
            });
            Some(view! {
                {n.image.map(|img| view! {
                    <img class="notice-layer__image" src=img.src.as_str().to_owned() alt=img.alt />
                })}
                {n.body.map(|body| view! { <p class="notice-layer__body">{body}</p> })}
                {link_view}
            })
        })
    };

    let aria_disabled = |off: bool| if off { "true" } else { "false" };
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
                    {move || pager.with(|p| p.current().map(|n| n.title.clone()))}
                </h2>
                <div class="notice-layer__content" node_ref=content_box>{content}</div>
            </div>
            <div class="notice-layer__pager" hidden=move || !paged.get()>
                <button
                    type="button"
                    class="notice-layer__page"
                    data-step="previous"
                    aria-disabled=move || aria_disabled(!pager.with(Pager::has_previous))
                    node_ref=previous
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
                    data-step="next"
                    aria-disabled=move || aria_disabled(!pager.with(Pager::has_next))
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
                    node_ref=snooze
                    on:click=move |_| {
                        ctx.snooze_current();
                        // The next notice takes this one's place: keep focus
                        // here (browsers that do not focus clicked buttons
                        // would otherwise leave it nowhere).
                        if !pager.with_untracked(Pager::is_empty) {
                            if let Some(b) = snooze.get_untracked() {
                                let _ = b.focus();
                            }
                        }
                    }
                >
                    {move || {
                        pager.with(|p| {
                            p.current()
                                .map_or_else(|| "오늘 하루 보지 않기".to_owned(), notice::snooze_label)
                        })
                    }}
                </button>
                <button type="button" class="button notice-layer__close" node_ref=close on:click=move |_| ctx.close()>
                    "닫기"
                </button>
            </div>
        </dialog>
    })
}
