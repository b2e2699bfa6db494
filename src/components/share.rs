//! Sharing a story: the OS share sheet where the Web Share API exists,
//! otherwise a panel with copy link, Band, Naver, Facebook, X, email and
//! (when a key is configured) KakaoTalk.

use crate::config::config;
use crate::hydration::deferred::use_hydrated;
use crate::js;
use gazette_core::share::Service;
use gazette_core::share::ShareTarget;
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The 공유 button and the panel it opens.
#[component]
pub fn SharePanel(#[prop(into)] target: Signal<ShareTarget>) -> impl IntoView {
    let live = use_hydrated();
    let off = move || !live.get();
    let open = RwSignal::new(false);
    let status = RwSignal::new("");
    let toggle = NodeRef::<html::Button>::new();
    let field = NodeRef::<html::Input>::new();
    let kakao_key = config().kakao_app_key.as_deref();

    let close = move || {
        open.set(false);
        if let Some(t) = toggle.get_untracked() {
            let _ = t.focus();
        }
    };
    let on_toggle = move |_| {
        if open.get_untracked() {
            close();
            return;
        }
        let (title, url) = target.with_untracked(|t| (t.title.clone(), t.url.clone()));
        spawn_local(async move {
            // The OS sheet when there is one; the panel when there is none
            // or it fails for any reason other than the reader cancelling.
            if matches!(
                js::web_share(&title, &url).await,
                js::ShareOutcome::Unavailable
            ) {
                status.set("");
                open.set(true);
                if let Some(f) = field.get_untracked() {
                    let _ = f.focus();
                }
            }
        });
    };
    let select_field = move || field.get_untracked().map(|f| f.select()).is_some();
    let on_copy = move |_| {
        let url = target.with_untracked(|t| t.url.clone());
        spawn_local(async move {
            if js::copy_text(&url).await || (select_field() && js::exec_copy()) {
                status.set("링크가 복사되었습니다");
            } else {
                select_field();
                status.set("주소를 선택했습니다. 길게 누르거나 Ctrl+C로 복사해 주세요");
            }
        });
    };
    let on_kakao = move |_| {
        let Some(key) = kakao_key else { return };
        let t = target.get_untracked();
        spawn_local(async move {
            if let Err(e) = js::kakao_share(key, &t).await {
                web_sys::console::warn_1(&format!("Kakao share: {e}").into());
                status.set("카카오톡 공유를 불러오지 못했습니다");
            }
        });
    };
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            close();
        }
    };
    let services = move || {
        target.with(|t| {
            Service::ALL
                .into_iter()
                .map(|s| {
                    let class = format!("share__service share__service--{}", s.slug());
                    let href = s.link(&t.title, &t.url);
                    if s.opens_new_tab() {
                        view! {
                            <li>
                                <a class=class href=href target="_blank" rel="noopener noreferrer">
                                    {s.label()}
                                    <span class="visually-hidden">" (새 창)"</span>
                                </a>
                            </li>
                        }
                        .into_any()
                    } else {
                        view! {
                            <li>
                                <a class=class href=href>
                                    {s.label()}
                                </a>
                            </li>
                        }
                        .into_any()
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="share" on:keydown=on_keydown>
            <button
                type="button"
                class="tool-button share__toggle"
                aria-label="해당된 기사를 공유합니다"
                aria-expanded=move || open.get().to_string()
                aria-controls="share-panel"
                disabled=off
                node_ref=toggle
                on:click=on_toggle
            >
                <svg class="tool-button__icon" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M18 8a3 3 0 1 0-2.8-4L8.9 7.6a3 3 0 1 0 0 4.8l6.3 3.6A3 3 0 1 0 16 14.3L9.7 10.8a3 3 0 0 0 0-1.6L16 5.7A3 3 0 0 0 18 8z"></path>
                </svg>
                "공유"
            </button>
            <div
                id="share-panel"
                class="share__panel"
                role="group"
                aria-label="기사 공유"
                hidden=move || !open.get()
            >
                <div class="share__copy-row">
                    <label class="visually-hidden" for="share-url">
                        "기사 주소"
                    </label>
                    <input
                        id="share-url"
                        class="share__url"
                        type="url"
                        readonly=true
                        value=move || target.with(|t| t.url.clone())
                        node_ref=field
                    />
                    <button type="button" class="button share__copy" on:click=on_copy>
                        "링크 복사"
                    </button>
                </div>
                <p class="share__status" role="status">
                    {move || status.get()}
                </p>
                <ul class="share__services">
                    {services}
                    // Always in the markup, shown once the app runs with a
                    // key: a key configured after the page was rendered
                    // must not change what hydration finds.
                    <li hidden=move || !(live.get() && kakao_key.is_some())>
                        <button type="button" class="share__service share__service--kakao" on:click=on_kakao>
                            "카카오톡"
                        </button>
                    </li>
                </ul>
                <button type="button" class="link-button share__close" on:click=move |_| close()>
                    "닫기"
                </button>
            </div>
        </div>
    }
}
