//! The story's tools row: font size (기본 / 크게 / 더크게), print, and share:
//! the OS share sheet where the Web Share API exists, otherwise a panel
//! with copy link, Band, Naver, Facebook, X, email and (when a key is
//! configured) KakaoTalk.
//!
//! The row is markup (`markup::story_tools`, the same the prerendered story
//! shows disabled) with one click and one key handler; what changes (the
//! pressed size, the panel, the status line) is set on its elements.

use crate::config::config;
use crate::js::{self, find, focus};
use crate::markup::{self, LiveTools};
use crate::reading::FontSize;
use crate::share;
use leptos::ev::{KeyboardEvent, MouseEvent};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// What to share.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareTarget {
    pub title: String,
    pub description: String,
    /// Absolute URL of the article's first image, for KakaoTalk cards.
    pub image: Option<String>,
    /// The article's canonical URL.
    pub url: String,
}

fn is_open(row: &web_sys::Element) -> bool {
    find(row, ".share__panel").is_some_and(|p| !p.has_attribute("hidden"))
}

/// Opens or closes the share panel (and says so on its button).
fn set_open(row: &web_sys::Element, open: bool) {
    if let Some(panel) = find(row, ".share__panel") {
        let _ = if open {
            panel.remove_attribute("hidden")
        } else {
            panel.set_attribute("hidden", "")
        };
    }
    if let Some(toggle) = find(row, ".share__toggle") {
        let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
    }
}

/// Closes the panel; focus goes back to its button.
fn close(row: &web_sys::Element) {
    set_open(row, false);
    focus(find(row, ".share__toggle"));
}

fn say(row: &web_sys::Element, status: &str) {
    if let Some(p) = find(row, ".share__status") {
        p.set_text_content(Some(status));
    }
}

/// The copy field, its text selected.
fn select_field(row: &web_sys::Element) -> bool {
    find(row, ".share__url")
        .and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|f| f.select())
        .is_some()
}

#[component]
pub fn StoryTools(size: RwSignal<FontSize>, target: ShareTarget) -> impl IntoView {
    let kakao_key = config().kakao_app_key.as_deref();
    let services = share::service_items(&target.title, &target.url, kakao_key.is_some());
    let markup = markup::story_tools(Some(&LiveTools {
        size: size.get_untracked(),
        url: &target.url,
        services: &services,
    }));
    let row = NodeRef::<html::Div>::new();
    let target = StoredValue::new(target);

    // The pressed size follows the reader's choice.
    Effect::new(move || {
        let now = size.get();
        let Some(row) = row.get() else { return };
        for s in FontSize::ALL {
            if let Some(b) = find(&row, &format!(".font-size__{}", s.value())) {
                let _ = b.set_attribute("aria-pressed", if s == now { "true" } else { "false" });
            }
        }
    });

    let on_click = move |ev: MouseEvent| {
        let (Some(row), Some(button)) = (row.get_untracked(), js::closest(&ev, "button")) else {
            return;
        };
        let row: web_sys::Element = row.into();
        let is = |selector: &str| button.matches(selector).unwrap_or(false);
        if let Some(value) = button.get_attribute("data-size") {
            size.set(FontSize::parse(Some(&value)));
        } else if is(".print-button") {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        } else if is(".share__toggle") {
            if is_open(&row) {
                close(&row);
                return;
            }
            let (title, url) = target.with_value(|t| (t.title.clone(), t.url.clone()));
            spawn_local(async move {
                // The OS sheet when there is one; the panel when there is
                // none or it fails for any reason other than the reader
                // cancelling it.
                if matches!(
                    js::web_share(&title, &url).await,
                    js::ShareOutcome::Unavailable
                ) {
                    say(&row, "");
                    set_open(&row, true);
                    focus(find(&row, ".share__url"));
                }
            });
        } else if is(".share__copy") {
            let url = target.with_value(|t| t.url.clone());
            spawn_local(async move {
                let copied = js::copy_text(&url).await || (select_field(&row) && js::exec_copy());
                if copied {
                    say(&row, "링크가 복사되었습니다");
                } else {
                    select_field(&row);
                    say(
                        &row,
                        "주소를 선택했습니다. 길게 누르거나 Ctrl+C로 복사해 주세요",
                    );
                }
            });
        } else if is(".share__close") {
            close(&row);
        } else if is(share::KAKAO_BUTTON) {
            let Some(key) = kakao_key else { return };
            let t = target.get_value();
            spawn_local(async move {
                if let Err(e) = js::kakao_share(key, &t).await {
                    web_sys::console::warn_1(&format!("Kakao share: {e}").into());
                    say(&row, "카카오톡 공유를 불러오지 못했습니다");
                }
            });
        }
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let Some(row) = row.get_untracked() else {
            return;
        };
        if ev.key() == "Escape" && is_open(&row) {
            ev.prevent_default();
            close(&row);
        }
    };

    view! {
        <div class="story__tools" node_ref=row inner_html=markup on:click=on_click on:keydown=on_keydown></div>
    }
}
