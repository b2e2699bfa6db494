//! Browser side of the API client, over `gloo-net`: GET with a time limit,
//! abort when the requesting view goes away, status and content-type
//! checks, a size limit per kind of document, retries with backoff for
//! transient failures, and the last good copy of each document for when
//! the backend fails.
//!
//! Natively (server rendering at build time) nothing is fetched: the build
//! step provides every document a page renders from (`crate::hydration::preload`), and
//! anything else stays in its loading state.

use super::cache::Fetched;
use super::ApiError;
use gazette_core::contract::{Article, ArticleList, Notice, Weather};
use gazette_core::ids::ArticleId;

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::super::cache::{self, Fetched};
    use super::super::{
        announced_too_large, backoff_ms, is_json_content_type, ApiError, MAX_ATTEMPTS,
    };
    use crate::config::config;
    use gazette_core::contract::DecodeError;
    use gloo_net::http::Request;
    use leptos::prelude::Owner;
    use send_wrapper::SendWrapper;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;

    fn network(e: gloo_net::Error) -> ApiError {
        ApiError::Network(match e {
            gloo_net::Error::JsError(e) => e.message,
            other => other.to_string(),
        })
    }

    fn stream_error(e: JsValue) -> ApiError {
        ApiError::Network(e.dyn_ref::<js_sys::Error>().map_or_else(
            || "the body could not be read".to_owned(),
            |e| e.message().into(),
        ))
    }

    /// The body of `response`, at most `limit` bytes of it: refused by its
    /// `Content-Length` before anything is read, and counted chunk by chunk
    /// while it is read (no length sent, or a wrong one). A body over the
    /// limit is never held whole, in the wasm heap or elsewhere: the
    /// download is cancelled at the first chunk past it.
    async fn body_within(
        response: &gloo_net::http::Response,
        limit: u32,
        controller: &web_sys::AbortController,
    ) -> Result<String, ApiError> {
        let length = response.headers().get("content-length").unwrap_or_default();
        if announced_too_large(&length, limit) {
            controller.abort();
            return Err(ApiError::TooLarge(limit));
        }
        let Some(stream) = response.body() else {
            return Ok(String::new());
        };
        let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let mut bytes: Vec<u8> = Vec::new();
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(stream_error)?;
            let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(stream_error)?;
            if done.is_truthy() {
                break;
            }
            let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(stream_error)?;
            let Some(value) = value.dyn_ref::<js_sys::Uint8Array>() else {
                return Err(stream_error(JsValue::NULL));
            };
            let start = bytes.len();
            let end = start + value.length() as usize;
            if end > limit as usize {
                let _ = reader.cancel();
                controller.abort();
                return Err(ApiError::TooLarge(limit));
            }
            bytes.resize(end, 0);
            value.copy_to(&mut bytes[start..]);
        }
        Ok(match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }

    /// One attempt: the body text of a 2xx JSON answer of at most `limit`
    /// bytes.
    async fn attempt(
        url: &str,
        limit: u32,
        controller: &web_sys::AbortController,
    ) -> Result<String, ApiError> {
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
            let response = Request::get(url)
                .abort_signal(Some(&controller.signal()))
                .send()
                .await
                .map_err(network)?;
            if !response.ok() {
                return Err(ApiError::Status(response.status()));
            }
            let content_type = response.headers().get("content-type").unwrap_or_default();
            if !is_json_content_type(&content_type) {
                return Err(ApiError::NotJson(content_type));
            }
            body_within(&response, limit, controller).await
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

    /// The body text of a 2xx JSON answer from `url`, with retries. Must be
    /// called inside a reactive owner (the async value that asked for it),
    /// so that the request is aborted when that owner is cleaned up.
    async fn get_text(url: &str, limit: u32) -> Result<String, ApiError> {
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
                gloo_timers::future::TimeoutFuture::new(delay).await;
            }
            if view_gone.get() {
                break;
            }
            let controller = web_sys::AbortController::new()
                .map_err(|_| ApiError::Network("AbortController unavailable".into()))?;
            current.set(Some(controller.clone()));
            let outcome = attempt(url, limit, &controller).await;
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

    /// GETs `url` (at most `limit` bytes) and decodes it, retrying
    /// transient failures.
    pub async fn get<T>(
        url: String,
        limit: u32,
        decode: fn(&str) -> Result<T, DecodeError>,
    ) -> Result<T, ApiError> {
        decode(&get_text(&url, limit).await?).map_err(ApiError::Decode)
    }

    /// Saves `text` as the last good copy of `path`, in a task of its own
    /// after the current one: the page renders first.
    pub fn keep(path: String, text: String) {
        let _ = leptos::prelude::set_timeout(
            move || cache::save(&path, &text, crate::time::now_secs()),
            std::time::Duration::ZERO,
        );
    }

    /// Like [`get`], and keeps the last good answer of `path` in the cache:
    /// when the backend fails for any reason but "not found", the kept copy
    /// is returned, marked with the time it was saved.
    pub async fn get_kept<T>(
        path: String,
        url: String,
        limit: u32,
        decode: fn(&str) -> Result<T, DecodeError>,
    ) -> Result<Fetched<T>, ApiError> {
        let error = match get_text(&url, limit).await {
            Ok(text) => match decode(&text) {
                Ok(value) => {
                    keep(path, text);
                    return Ok(Fetched::fresh(value));
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
}

#[cfg(target_arch = "wasm32")]
pub use browser::keep;

#[cfg(target_arch = "wasm32")]
mod endpoints {
    use super::super::{article_for, article_path, endpoint};
    use super::browser::{get, get_kept};
    use super::*;
    use crate::config::config;
    use gazette_core::contract;

    pub async fn fetch_article_list(
        page: Option<String>,
    ) -> Result<Fetched<ArticleList>, ApiError> {
        let path = page.unwrap_or_else(|| "articles.json".to_owned());
        let url = endpoint(&config().api_base, &path);
        get_kept(
            path,
            url,
            config().max_article_bytes,
            contract::decode_article_list,
        )
        .await
    }

    pub async fn fetch_article(id: ArticleId) -> Result<Fetched<Article>, ApiError> {
        let path = article_path(&id);
        let url = endpoint(&config().api_base, &path);
        let article = get_kept(
            path,
            url,
            config().max_article_bytes,
            contract::decode_article,
        );
        article_for(&id, article.await?)
    }

    pub async fn fetch_weather() -> Result<Fetched<Weather>, ApiError> {
        let path = "weather.json".to_owned();
        let url = endpoint(&config().api_base, &path);
        get_kept(
            path,
            url,
            config().max_update_bytes,
            contract::decode_weather,
        )
        .await
    }

    pub async fn fetch_notices() -> Result<Vec<Notice>, ApiError> {
        get(
            endpoint(&config().api_base, "notices.json"),
            config().max_update_bytes,
            contract::decode_notices,
        )
        .await
    }
}

/// Server rendering fetches nothing: these never finish.
#[cfg(not(target_arch = "wasm32"))]
mod endpoints {
    use super::*;
    use std::future::pending;

    pub async fn fetch_article_list(
        _page: Option<String>,
    ) -> Result<Fetched<ArticleList>, ApiError> {
        pending().await
    }

    pub async fn fetch_article(_id: ArticleId) -> Result<Fetched<Article>, ApiError> {
        pending().await
    }

    pub async fn fetch_weather() -> Result<Fetched<Weather>, ApiError> {
        pending().await
    }

    pub async fn fetch_notices() -> Result<Vec<Notice>, ApiError> {
        pending().await
    }
}

pub use endpoints::*;
