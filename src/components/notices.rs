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
use crate::config::config;
use crate::js::{closest, find, focus};
use crate::load::Load;
use crate::markup;
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
        focus(self.part(TITLE));
    }

    /// The element of the layer `selector` finds.
    fn part(self, selector: &str) -> Option<web_sys::Element> {
        let layer = self.layer.get_untracked()?;
        find(&layer, selector)
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
        focus(previous.filter(|el| el.is_connected()));
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

/// The layer's fixed parts; [`NoticeLayer`] fills in the notice on screen
/// and the pager, and one click handler tells the buttons apart.
const LAYER: &str = concat!(
    "<div class=\"notice-layer__scroll\"><p class=\"notice-layer__kicker\">팝업레이어 알림</p>",
    "<h2 id=\"notice-layer-title\" class=\"notice-layer__title\" tabindex=\"-1\"></h2>",
    "<div class=\"notice-layer__content\"></div></div>",
    "<div class=\"notice-layer__pager\" hidden>",
    "<button type=\"button\" class=\"notice-layer__page\" data-step=\"previous\" aria-disabled=\"true\"><span aria-hidden=\"true\">‹ </span>이전</button>",
    "<p class=\"notice-layer__position\" aria-live=\"polite\"><span class=\"notice-layer__count\" aria-hidden=\"true\"></span><span class=\"visually-hidden\"></span></p>",
    "<button type=\"button\" class=\"notice-layer__page\" data-step=\"next\" aria-disabled=\"true\">다음<span aria-hidden=\"true\"> ›</span></button></div>",
    "<div class=\"notice-layer__actions\"><button type=\"button\" class=\"notice-layer__snooze\">오늘 하루 보지 않기</button>",
    "<button type=\"button\" class=\"button notice-layer__close\">닫기</button></div>",
);
const TITLE: &str = ".notice-layer__title";
const CLOSE: &str = ".notice-layer__close";

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
            inner_html=move || notice::button_content(count.get())
        ></button>
        <NoticeCentre ctx dialog=centre active />
    })
}

/// The list of active notices, each of which opens in the layer again.
#[component]
fn NoticeCentre(
    ctx: Notices,
    dialog: NodeRef<html::Dialog>,
    active: Memo<Vec<Notice>>,
) -> impl IntoView {
    // Loading, failed (with 다시 시도), empty, or the list
    // (`notice::centre_items`), as markup.
    let body = move || match ctx.loaded() {
        None => markup::loading("팝업레이어 알림을 불러오는 중입니다"),
        Some(Err(e)) => format!(
            concat!(
                "<p class=\"notice-centre__failed\">팝업레이어 알림을 불러오지 못했습니다.</p>",
                "<div class=\"region-error\" role=\"alert\">{}</div>"
            ),
            markup::region_error(e.message())
        ),
        Some(Ok(_)) if active.with(Vec::is_empty) => {
            "<p class=\"notice-centre__empty\">팝업레이어 알림이 없습니다</p>".to_owned()
        }
        Some(Ok(_)) => {
            let now = now_secs();
            let items = active.with(|list| {
                ctx.snoozes
                    .with(|s| notice::centre_items(list, |n| s.is_snoozed(n, now)))
            });
            format!("<ul class=\"notice-centre__list\">{items}</ul>")
        }
    };
    // One handler for the body's buttons: a list item opens the notice at
    // its place in the layer; 다시 시도 loads the feed again.
    let on_click = move |ev: ev::MouseEvent| {
        if closest(&ev, ".region-error button").is_some() {
            ctx.feed.refetch();
            return;
        }
        let Some(index) = closest(&ev, notice::CENTRE_ITEM)
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
    view! {
        <dialog class="notice-centre" node_ref=dialog aria-labelledby="notice-centre-title">
            <DialogHead block="notice-centre" title_id="notice-centre-title" title="팝업레이어 알림" />
            <div class="notice-centre__body" inner_html=body on:click=on_click></div>
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

    // The notice on screen and the pager, written into the fixed parts.
    let page_origin = window().location().origin().unwrap_or_default();
    Effect::new(move || {
        let Some(dialog) = ctx.layer.get() else {
            return;
        };
        let set = |selector: &str, write: &dyn Fn(&web_sys::Element)| {
            if let Some(el) = find(&dialog, selector) {
                write(&el);
            }
        };
        let flag = |on: bool| if on { "true" } else { "false" };
        pager.with(|p| {
            let current = p.current();
            set(TITLE, &|el| {
                el.set_text_content(current.map(|n| n.title.as_str()))
            });
            // The notice's picture, text and link (`notice::layer_content`).
            let content = current.map_or_else(String::new, |n| {
                let link = n
                    .link
                    .as_deref()
                    .and_then(|l| notice::link_target(l, &[&page_origin, &config().site_url]));
                notice::layer_content(n, link.as_ref())
            });
            set(".notice-layer__content", &|el| el.set_inner_html(&content));
            set(".notice-layer__pager", &|el| {
                let _ = if p.len() < 2 {
                    el.set_attribute("hidden", "")
                } else {
                    el.remove_attribute("hidden")
                };
            });
            set("[data-step=previous]", &|el| {
                let _ = el.set_attribute("aria-disabled", flag(!p.has_previous()));
            });
            set("[data-step=next]", &|el| {
                let _ = el.set_attribute("aria-disabled", flag(!p.has_next()));
            });
            set(".notice-layer__count", &|el| {
                el.set_text_content(Some(&p.position()))
            });
            set(".notice-layer__position .visually-hidden", &|el| {
                el.set_text_content(Some(&p.spoken_position()))
            });
        });
    });

    let keep_focus_inside = move |ev: ev::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let (Some(dialog), Some(last)) = (ctx.layer.get_untracked(), ctx.part(CLOSE)) else {
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
            let on_title = ctx.part(TITLE).is_some_and(|t| is(&t));
            (is(&first) || is(&dialog) || on_title).then_some(&last)
        } else {
            is(&last).then_some(&first)
        };
        if let Some(el) = target.and_then(|el| el.dyn_ref::<web_sys::HtmlElement>()) {
            ev.prevent_default();
            let _ = el.focus();
        }
    };

    let location = crate::router::use_location();
    let on_click = move |ev: ev::MouseEvent| {
        // A plain click on a same-site link closes the layer and navigates
        // in the app; other sites' links open in a new tab by themselves.
        if let Some(link) = closest(&ev, notice::IN_APP_LINK) {
            let plain = ev.button() == 0
                && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
            let Some(path) = link.get_attribute("href").filter(|_| plain) else {
                return;
            };
            ctx.close();
            // The app's link handler may already have taken the click.
            if !ev.default_prevented() {
                ev.prevent_default();
                location.navigate(&path, false);
            }
            return;
        }
        let Some(button) = closest(&ev, "button") else {
            return;
        };
        let is = |selector: &str| button.matches(selector).unwrap_or(false);
        if is("[data-step=previous]") {
            pager.update(Pager::previous);
        } else if is("[data-step=next]") {
            pager.update(Pager::next);
        } else if is(".notice-layer__snooze") {
            ctx.snooze_current();
            // The next notice takes this one's place: keep focus here
            // (browsers that do not focus clicked buttons would otherwise
            // leave it nowhere).
            if !pager.with_untracked(Pager::is_empty) {
                focus(Some(button));
            }
        } else if is(CLOSE) {
            ctx.close();
        }
    };

    Some(view! {
        <dialog
            class="notice-layer"
            node_ref=ctx.layer
            aria-labelledby="notice-layer-title"
            on:close=move |_| ctx.closed()
            on:keydown=keep_focus_inside
            on:click=on_click
            inner_html=LAYER
        ></dialog>
    })
}
