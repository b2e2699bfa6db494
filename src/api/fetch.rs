//! Browser side of the API client: GET with a time limit, abort when the
//! requesting view goes away, status and content-type checks, and retries
//! with backoff for transient failures.

use super::cache::{self, Fetched};
use super::contract::{self, Article, ArticleList, DecodeError, Notice, Weather};
use super::{article_url, backoff_ms, endpoint, is_json_content_type, ApiError, MAX_ATTEMPTS};
use crate::config::config;
use leptos::prelude::Owner;
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// One attempt: the body text of a 2xx JSON answer.
async fn attempt(url: &str, controller: &web_sys::AbortController) -> Result<String, ApiError> {
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        let on_timeout = Closure::once_into_js(move || {
            timed_out.set(true);
            controller.abort();
        });
        web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.unchecked_ref(),
                config().timeout_ms as i32,
            )
            .ok()
        })
    };
    let result = async {
        let network = |e: JsValue| {
            ApiError::Network(e.dyn_ref::<js_sys::Error>().map_or_else(
                || "fetch failed".to_owned(),
                |e| String::from(e.to_string()),
            ))
        };
        let window = web_sys::window().ok_or_else(|| ApiError::Network("no window".into()))?;
        let init = web_sys::RequestInit::new();
        init.set_method("GET");
        init.set_signal(Some(&controller.signal()));
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(url, &init))
                .await
                .map_err(network)?
                .unchecked_into();
        if !response.ok() {
            return Err(ApiError::Status(response.status()));
        }
        let content_type = response
            .headers()
            .get("content-type")
            .ok()
            .flatten()
            .unwrap_or_default();
        if !is_json_content_type(&content_type) {
            return Err(ApiError::NotJson(content_type));
        }
        let text = JsFuture::from(response.text().map_err(network)?)
            .await
            .map_err(network)?;
        Ok(text.as_string().unwrap_or_default())
    }
    .await;
    if let (Some(w), Some(id)) = (web_sys::window(), timer) {
        w.clear_timeout_with_handle(id);
    }
    match result {
        Err(_) if timed_out.get() => Err(ApiError::Timeout),
        other => other,
    }
}

/// GETs `url` and decodes it, retrying transient failures. Must be called
/// inside a reactive owner (e.g. a [`crate::load::Load`]) so that the request is
/// aborted when that owner is cleaned up.
pub async fn get<T>(
    url: String,
    decode: fn(&str) -> Result<T, DecodeError>,
) -> Result<T, ApiError> {
    decode(&get_text(&url).await?).map_err(ApiError::Decode)
}

/// Saves `text` as the last good copy of `path`, in a task of its own
/// after the current one: the page renders first.
fn keep(path: String, text: String) {
    leptos::prelude::set_timeout(
        move || cache::save(&path, &text, crate::clock::now_secs()),
        std::time::Duration::ZERO,
    );
}

/// Like [`get`], and keeps the last good answer of `path` in the cache:
/// when the backend fails for any reason but "not found", the kept copy is
/// returned, marked with the time it was saved.
async fn get_kept<T>(
    path: String,
    url: String,
    decode: fn(&str) -> Result<T, DecodeError>,
) -> Result<Fetched<T>, ApiError> {
    // A prerendered page carries its document: no request, no loading state.
    if let Some((text, value)) =
        super::embedded::take(&path).and_then(|text| decode(&text).ok().map(|value| (text, value)))
    {
        keep(path.clone(), text);
        return Ok(Fetched {
            value,
            offline_since: None,
        });
    }
    let error = match get_text(&url).await {
        Ok(text) => match decode(&text) {
            Ok(value) => {
                keep(path.clone(), text);
                return Ok(Fetched {
                    value,
                    offline_since: None,
                });
            }
            Err(e) => ApiError::Decode(e),
        },
        Err(e) => e,
    };
    if error.is_not_found() {
        return Err(error);
    }
    cache::load(&path)
        .and_then(|(text, saved_at)| {
            Some(Fetched {
                value: decode(&text).ok()?,
                offline_since: Some(saved_at),
            })
        })
        .ok_or(error)
}

/// The body text of a 2xx JSON answer from `url`, with retries.
async fn get_text(url: &str) -> Result<String, ApiError> {
    let url = url.to_owned();
    let view_gone = Rc::new(Cell::new(false));
    let current: Rc<Cell<Option<web_sys::AbortController>>> = Rc::new(Cell::new(None));
    {
        let view_gone = SendWrapper::new(view_gone.clone());
        let current = SendWrapper::new(current.clone());
        Owner::on_cleanup(move || {
            view_gone.set(true);
            if let Some(c) = (*current).take() {
                c.abort();
            }
        });
    }
    let mut last = ApiError::Network("no attempt made".into());
    for n in 1..=MAX_ATTEMPTS {
        let delay = backoff_ms(n);
        if delay > 0 {
            sleep(delay).await;
        }
        if view_gone.get() {
            break;
        }
        let controller = web_sys::AbortController::new()
            .map_err(|_| ApiError::Network("AbortController unavailable".into()))?;
        current.set(Some(controller.clone()));
        let outcome = attempt(&url, &controller).await;
        current.set(None);
        match outcome {
            Ok(text) => return Ok(text),
            Err(e) => {
                web_sys::console::warn_1(&format!("GET {url} (attempt {n}): {e}").into());
                let retry = e.is_transient();
                last = e;
                if !retry {
                    break;
                }
            }
        }
    }
    Err(last)
}

pub async fn fetch_article_list(page: Option<String>) -> Result<Fetched<ArticleList>, ApiError> {
    let path = page.unwrap_or_else(|| "articles.json".to_owned());
    let url = endpoint(&config().api_base, &path);
    get_kept(path, url, contract::decode_article_list).await
}

pub async fn fetch_article(id: String) -> Result<Fetched<Article>, ApiError> {
    let url = article_url(&config().api_base, &id).ok_or(ApiError::InvalidId)?;
    get_kept(format!("articles/{id}.json"), url, contract::decode_article).await
}

pub async fn fetch_weather() -> Result<Fetched<Weather>, ApiError> {
    let path = "weather.json".to_owned();
    let url = endpoint(&config().api_base, &path);
    get_kept(path, url, contract::decode_weather).await
}

pub async fn fetch_notices() -> Result<Vec<Notice>, ApiError> {
    get(
        endpoint(&config().api_base, "notices.json"),
        contract::decode_notices,
    )
    .await
}
