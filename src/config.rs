//! This page's run-time configuration: read once from the `<meta>` tags of
//! `index.html` with `gazette_core::config`'s rules, or set by the build
//! step for the page it renders.

pub use gazette_core::config::*;
use std::sync::OnceLock;

static CONFIG: OnceLock<Config> = OnceLock::new();

/// Sets the configuration before anything reads it: the build step renders
/// pages with the configuration of the page they are written into. Returns
/// `false` when it was already set.
pub fn init(config: Config) -> bool {
    CONFIG.set(config).is_ok()
}

/// The configuration of this page.
pub fn config() -> &'static Config {
    CONFIG.get_or_init(|| {
        let (config, warnings) = Config::read(read_meta);
        for warning in warnings {
            leptos::logging::warn!("{warning}");
        }
        config
    })
}

#[cfg(target_arch = "wasm32")]
fn read_meta(name: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let doc = web_sys::window()?.document()?;
    let el = doc
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    Some(el.dyn_into::<web_sys::HtmlMetaElement>().ok()?.content())
}

#[cfg(not(target_arch = "wasm32"))]
fn read_meta(_name: &str) -> Option<String> {
    None
}
