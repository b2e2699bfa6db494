//! What a prerendered page was rendered for, so the browser can hydrate it
//! under the same conditions: the route, the instant ("now" for the date
//! line and a story's age) and the site's public URL (for canonical and
//! share links). The build step writes these as attributes of
//! `<div id="app">`; the browser reads them back before it hydrates.

use leptos::prelude::*;

pub const ROUTE_ATTR: &str = "data-route";
pub const AT_ATTR: &str = "data-rendered-at";
pub const BASE_ATTR: &str = "data-site-url";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The path the page shows (`/`, `/article/1201`).
    pub route: String,
    /// Unix seconds.
    pub at: i64,
    /// The public URL links were made absolute with.
    pub base: String,
}

impl Rendered {
    pub fn provide(self) {
        provide_context(self);
    }

    /// The attributes of `<div id="app">` that carry this.
    pub fn attributes(&self) -> [(&'static str, String); 3] {
        [
            (ROUTE_ATTR, self.route.clone()),
            (AT_ATTR, self.at.to_string()),
            (BASE_ATTR, self.base.clone()),
        ]
    }

    /// Reads the attributes back; `None` unless all three are there.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Option<Self> {
        Some(Self {
            route: get(ROUTE_ATTR)?,
            at: get(AT_ATTR)?.parse().ok()?,
            base: get(BASE_ATTR)?,
        })
    }

    /// Whether this page was rendered for the address `path`: a trailing
    /// slash, as static hosts serve directories, is the same address.
    pub fn is_for(&self, path: &str) -> bool {
        let trim = |p: &str| p.trim_end_matches('/').to_owned();
        trim(&self.route) == trim(path)
    }
}

pub fn use_rendered() -> Option<Rendered> {
    use_context::<Rendered>()
}

/// The site's public URL for absolute links (canonical, share, previews).
#[derive(Clone, Copy)]
struct SiteBase(RwSignal<String>);

/// The configured `site-url`, else the page's own origin. A hydrated page
/// starts with the URL it was rendered with, and takes the live one once
/// every part of it is hydrated (they differ only where no `site-url` is
/// configured).
pub fn provide_site_base() {
    let base = RwSignal::new(
        use_rendered()
            .map(|r| r.base)
            .unwrap_or_else(live_site_base),
    );
    // Once every part is hydrated: until then the page shows the rendered one.
    let hydrated = super::deferred::use_hydrated();
    Effect::new(move |_| {
        if !hydrated.get() {
            return;
        }
        let live = live_site_base();
        if base.with_untracked(|b| *b != live) {
            base.set(live);
        }
    });
    provide_context(SiteBase(base));
}

/// See [`provide_site_base`]; a part mounted alone gets the live value.
pub fn use_site_base() -> Signal<String> {
    match use_context::<SiteBase>() {
        Some(SiteBase(base)) => base.into(),
        None => Signal::stored(live_site_base()),
    }
}

fn live_site_base() -> String {
    let configured = &crate::config::config().site_url;
    if configured.is_empty() {
        super::address::page_origin()
    } else {
        configured.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_round_trip_and_the_route_ignores_a_trailing_slash() {
        let r = Rendered {
            route: "/article/1201".into(),
            at: 1_766_588_390,
            base: "https://news.example".into(),
        };
        let attrs = r.attributes();
        let back = Rendered::from_attributes(|name| {
            attrs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        });
        assert_eq!(back.as_ref(), Some(&r));
        assert!(r.is_for("/article/1201/") && r.is_for("/article/1201"));
        assert!(!r.is_for("/article/1202") && !r.is_for("/"));
        assert!(Rendered::from_attributes(|n| (n == ROUTE_ATTR).then(|| "/".into())).is_none());
    }
}
