//! The article's share control: the OS share sheet where the Web Share API
//! exists, otherwise a panel with copy link, Band, Naver, Facebook, X, email
//! and (when a key is configured) KakaoTalk.

use crate::config::config;
use crate::js;
use crate::share::Service;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

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
    let kakao = config().kakao_app_key.clone().map(|key| {
        let on_click = move |_| {
            let t = target.get_value();
            let key = key.clone();
            spawn_local(async move {
                if let Err(e) = js::kakao_share(&key, &t).await {
                    web_sys::console::warn_1(&format!("Kakao share: {e}").into());
                    status.set("카카오톡 공유를 불러오지 못했습니다".into());
                }
            });
        };
        view! {
            <li>
                <button type="button" class="share__service share__service--kakao" on:click=on_click>
                    "카카오톡"
                </button>
            </li>
        }
    });
    let services = Service::ALL
        .into_iter()
        .map(|s| {
            let href = target.with_value(|t| s.link(&t.title, &t.url));
            let new_tab = s.opens_new_tab();
            view! {
                <li>
                    <a
                        class=format!("share__service share__service--{}", s.slug())
                        href=href
                        target=new_tab.then_some("_blank")
                        rel=new_tab.then_some("noopener noreferrer")
                    >
                        {s.label()}
                        {new_tab.then(|| view! { <span class="visually-hidden">" (새 창)"</span> })}
                    </a>
                </li>
            }
        })
        .collect_view();

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
                <ul class="share__services">{services}{kakao}</ul>
                <button type="button" class="link-button share__close" on:click=move |_| close()>
                    "닫기"
                </button>
            </div>
        </div>
    }
}
