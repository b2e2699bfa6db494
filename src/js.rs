//! Thin, panic-free calls into browser APIs that may be missing or throw
//! (Web Share, Clipboard, `execCommand`, the Kakao SDK). Everything goes
//! through `Reflect`, so an absent API is a value, not an exception.

use gazette_core::share::{ShareTarget, KAKAO_SDK, KAKAO_SDK_INTEGRITY};
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `obj[name]` if it is a function.
fn method(obj: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(obj, &name.into())
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}

fn navigator() -> Option<JsValue> {
    Some(web_sys::window()?.navigator().into())
}

/// Calls `f.call(this, args…)` and awaits the promise it returns.
async fn call_async(this: &JsValue, f: &Function, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let array: js_sys::Array = args.iter().collect();
    let result = f.apply(this, &array)?;
    let promise = result.dyn_into::<Promise>()?;
    JsFuture::from(promise).await
}

pub enum ShareOutcome {
    Shared,
    Cancelled,
    /// No Web Share API here, or it refused: use the panel.
    Unavailable,
}

/// Opens the OS share sheet with `title` and `url`.
pub async fn web_share(title: &str, url: &str) -> ShareOutcome {
    let Some(nav) = navigator() else {
        return ShareOutcome::Unavailable;
    };
    let Some(share) = method(&nav, "share") else {
        return ShareOutcome::Unavailable;
    };
    let data = object(&[("title", title.into()), ("url", url.into())]);
    if let Some(can_share) = method(&nav, "canShare") {
        if !can_share.call1(&nav, &data).is_ok_and(|v| v.is_truthy()) {
            return ShareOutcome::Unavailable;
        }
    }
    match call_async(&nav, &share, &[data.into()]).await {
        Ok(_) => ShareOutcome::Shared,
        Err(e) => {
            let name = Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                ShareOutcome::Cancelled
            } else {
                ShareOutcome::Unavailable
            }
        }
    }
}

/// Writes `text` with the asynchronous Clipboard API; false when it is
/// missing or refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(clipboard) = navigator().and_then(|n| Reflect::get(&n, &"clipboard".into()).ok())
    else {
        return false;
    };
    let Some(write) = method(&clipboard, "writeText") else {
        return false;
    };
    call_async(&clipboard, &write, &[text.into()]).await.is_ok()
}

/// The legacy copy of the current selection (`document.execCommand`).
pub fn exec_copy() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let doc: JsValue = doc.into();
    method(&doc, "execCommand")
        .and_then(|f| f.call1(&doc, &"copy".into()).ok())
        .is_some_and(|v| v.is_truthy())
}

async fn load_script(src: &str, integrity: &str) -> Result<(), String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let script = doc
        .create_element("script")
        .map_err(|_| "cannot create script")?;
    let _ = script.set_attribute("integrity", integrity);
    let _ = script.set_attribute("crossorigin", "anonymous");
    // Refused where the page's Trusted Types policy does not name `src`.
    script
        .set_attribute("src", src)
        .map_err(|_| format!("{src} is not a script this page may load"))?;
    let loaded = Promise::new(&mut |resolve, reject| {
        let _ = Reflect::set(&script, &"onload".into(), &resolve);
        let _ = Reflect::set(&script, &"onerror".into(), &reject);
    });
    doc.head()
        .ok_or("no head")?
        .append_child(&script)
        .map_err(|_| "cannot add script")?;
    JsFuture::from(loaded)
        .await
        .map(|_| ())
        .map_err(|_| format!("{src} did not load"))
}

/// Shares `target` to KakaoTalk as a feed card.
pub async fn kakao_share(key: &str, target: &ShareTarget) -> Result<(), String> {
    let window: JsValue = web_sys::window().ok_or("no window")?.into();
    let mut kakao = Reflect::get(&window, &"Kakao".into()).unwrap_or(JsValue::UNDEFINED);
    if kakao.is_undefined() {
        load_script(KAKAO_SDK, KAKAO_SDK_INTEGRITY).await?;
        kakao = Reflect::get(&window, &"Kakao".into()).map_err(|_| "Kakao missing")?;
    }
    let initialized = method(&kakao, "isInitialized")
        .and_then(|f| f.call0(&kakao).ok())
        .is_some_and(|v| v.is_truthy());
    if !initialized {
        method(&kakao, "init")
            .ok_or("Kakao.init missing")?
            .call1(&kakao, &key.into())
            .map_err(|_| "Kakao.init failed")?;
    }
    let share = Reflect::get(&kakao, &"Share".into()).map_err(|_| "Kakao.Share missing")?;
    let link = || {
        object(&[
            ("mobileWebUrl", target.url.as_str().into()),
            ("webUrl", target.url.as_str().into()),
        ])
    };
    let mut content = vec![
        ("title", JsValue::from(target.title.as_str())),
        ("description", target.description.as_str().into()),
        ("link", link().into()),
    ];
    if let Some(image) = &target.image {
        content.push(("imageUrl", image.as_str().into()));
    }
    let button = object(&[("title", "기사 보기".into()), ("link", link().into())]);
    let card = object(&[
        ("objectType", "feed".into()),
        ("content", object(&content).into()),
        ("buttons", js_sys::Array::of1(&button).into()),
    ]);
    method(&share, "sendDefault")
        .ok_or("Kakao.Share.sendDefault missing")?
        .call1(&share, &card)
        .map(|_| ())
        .map_err(|_| "Kakao.Share.sendDefault failed".into())
}
