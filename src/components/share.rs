//! The article's share control: the OS share sheet where the Web Share API
//! exists, otherwise a panel with copy link, Band, Naver, Facebook, X, email
//! and (when a key is configured) KakaoTalk.

use crate::config::config;
use crate::js;
use crate::share;
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

#[component]
pub fn ShareControl(target: ShareTarget) -> impl IntoView {
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let toggle = NodeRef::<html::Button>::new();
    let field = NodeRef::<html::Input>::new();
    let target = StoredValue::new(target);

    let close = move || {
        open.set(false);
        if let Some(b) = toggle.get_untracked() {
            let _ = b.focus();
        }
    };
    let on_toggle = move |_| {
        if open.get_untracked() {
            close();
            return;
        }
        let (title, url) = target.with_value(|t| (t.title.clone(), t.url.clone()));
        spawn_local(async move {
            // The OS sheet when there is one; the panel when there is none or
            // it fails for any reason other than the reader cancelling it.
            match js::web_share(&title, &url).await {
                js::ShareOutcome::Shared | js::ShareOutcome::Cancelled => {}
                js::ShareOutcome::Unavailable => {
                    status.set(String::new());
                    open.set(true);
                    if let Some(f) = field.get_untracked() {
                        let _ = f.focus();
                    }
                }
            }
        });
    };
    let copy = move |_| {
        let url = target.with_value(|t| t.url.clone());
        spawn_local(async move {
            let copied = js::copy_text(&url).await
                || field.get_untracked().is_some_and(|f| {
                    f.select();
                    js::exec_copy()
                });
            status.set(if copied {
                "링크가 복사되었습니다".into()
            } else {
                if let Some(f) = field.get_untracked() {
                    f.select();
                }
                "주소를 선택했습니다. 길게 누르거나 Ctrl+C로 복사해 주세요".into()
            });
        });
    };
    let kakao_key = config().kakao_app_key.as_deref();
    // The services are plain links (markup); the KakaoTalk button, when a
    // key is configured, calls the SDK.
    let services =
        target.with_value(|t| share::service_items(&t.title, &t.url, kakao_key.is_some()));
    let on_services_click = move |ev: leptos::ev::MouseEvent| {
        let Some(key) = kakao_key else { return };
        let on_kakao = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(share::KAKAO_BUTTON).ok().flatten())
            .is_some();
        if !on_kakao {
            return;
        }
        let t = target.get_value();
        spawn_local(async move {
            if let Err(e) = js::kakao_share(key, &t).await {
                web_sys::console::warn_1(&format!("Kakao share: {e}").into());
                status.set("카카오톡 공유를 불러오지 못했습니다".into());
            }
        });
    };

    view! {
        <div class="share" on:keydown=move |ev| {
            if ev.key() == "Escape" && open.get_untracked() {
                ev.prevent_default();
                close();
            }
        }>
            <button
                type="button"
                class="tool-button share__toggle"
                aria-label="해당된 기사를 공유합니다"
                aria-expanded=move || open.get().to_string()
                aria-controls="share-panel"
                node_ref=toggle
                on:click=on_toggle
            >
                <svg class="tool-button__icon" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M18 8a3 3 0 1 0-2.8-4L8.9 7.6a3 3 0 1 0 0 4.8l6.3 3.6A3 3 0 1 0 16 14.3L9.7 10.8a3 3 0 0 0 0-1.6L16 5.7A3 3 0 0 0 18 8z" />
                </svg>
                "공유"
            </button>
            <div id="share-panel" class="share__panel" role="group" aria-label="기사 공유" hidden=move || !open.get()>
                <div class="share__copy-row">
                    <label class="visually-hidden" for="share-url">"기사 주소"</label>
                    <input
                        id="share-url"
                        class="share__url"
                        type="url"
                        readonly
                        prop:value=move || target.with_value(|t| t.url.clone())
                        node_ref=field
                    />
                    <button type="button" class="button share__copy" on:click=copy>"링크 복사"</button>
                </div>
                <p class="share__status" role="status">{move || status.get()}</p>
                <ul class="share__services" inner_html=services on:click=on_services_click></ul>
                <button type="button" class="link-button share__close" on:click=move |_| close()>
                    "닫기"
                </button>
            </div>
        </div>
    }
}
