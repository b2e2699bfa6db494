//! Client-side routing for the app's three pages.
//!
//! Which page a URL shows, and which URLs the app takes over from the
//! browser, are plain functions tested natively. The browser part keeps the
//! current location in one signal: in-app link clicks (one listener for the
//! whole document) push a history entry, back/forward (`popstate`) read the
//! entry, and old CMS links are replaced by the article's own URL before
//! any page sees them.

use crate::links::legacy_redirect;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// What a location shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Article(String),
    NotFound,
}

/// The page for `path` (the URL's path, without query or fragment). A
/// trailing slash is ignored, as static hosts serve `/article/<id>/`.
pub fn route(path: &str) -> Route {
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    if trimmed.is_empty() {
        return Route::Home;
    }
    match trimmed.strip_prefix("/article/") {
        Some(id) if !id.is_empty() && !id.contains('/') => Route::Article(id.to_owned()),
        _ => Route::NotFound,
    }
}

/// Splits `path?query#hash` into its path and the query (without `?`).
fn split(href: &str) -> (&str, &str) {
    let href = href.split('#').next().unwrap_or_default();
    href.split_once('?').unwrap_or((href, ""))
}

/// The path (with query) the app shows for `href`: old CMS article links
/// become the article's route, anything else stays as it is.
pub fn resolve(href: &str) -> String {
    let (path, query) = split(href);
    legacy_redirect(path, query).unwrap_or_else(|| href.to_owned())
}

/// The path of `href` (no query, no fragment).
pub fn path_of(href: &str) -> &str {
    split(href).0
}

/// The page part of `href` (path and query, no fragment): what the app's
/// location signal holds.
pub fn page_of(href: &str) -> &str {
    href.split('#').next().unwrap_or_default()
}

/// Whether the app shows `href` (a path with query) as one of its pages,
/// an old CMS link included. Other paths of the site (a feed, a file, a
/// mistyped address) are the host's to serve.
pub fn is_app_page(href: &str) -> bool {
    route(path_of(&resolve(href))) != Route::NotFound
}

/// For a link click: the in-app path `href` (an absolute URL, as the
/// browser resolves it) leads to, or `None` when the browser should follow
/// it itself (another origin, a path that is not one of the app's pages,
/// or only a jump within the current page).
pub fn in_app_target(href: &str, origin: &str, current: &str) -> Option<String> {
    let rest = href.strip_prefix(origin)?;
    if !rest.starts_with('/') || !is_app_page(rest) {
        return None;
    }
    if rest.contains('#') && page_of(rest) == current {
        return None;
    }
    Some(rest.to_owned())
}

/// The location the app shows: path and query.
#[derive(Clone, Copy)]
pub struct Location(RwSignal<String>);

/// The address bar's path and query.
pub fn current_href() -> String {
    let Some(l) = web_sys::window().map(|w| w.location()) else {
        return "/".to_owned();
    };
    let path = l.pathname().unwrap_or_else(|_| "/".to_owned());
    let search = l.search().unwrap_or_default();
    format!("{path}{search}")
}

fn history_entry(url: &str, replace: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let _ = if replace {
        history.replace_state_with_url(&JsValue::NULL, "", Some(url))
    } else {
        history.push_state_with_url(&JsValue::NULL, "", Some(url))
    };
}

/// Scrolls to the fragment's element, or to the top of the new page.
fn scroll_after_navigation(href: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let target = href
        .split_once('#')
        .map(|(_, id)| id)
        .filter(|id| !id.is_empty())
        .and_then(|id| window.document()?.get_element_by_id(id));
    match target {
        Some(el) => el.scroll_into_view(),
        None => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

impl Location {
    /// The current location (tracked).
    pub fn get(self) -> String {
        self.0.get()
    }

    /// Goes to `href` (a path of this site): a new history entry, or the
    /// current one replaced, and the new page from its top. A path that is
    /// not one of the app's pages is loaded by the browser.
    pub fn navigate(self, href: &str, replace: bool) {
        if !is_app_page(href) {
            if let Some(l) = web_sys::window().map(|w| w.location()) {
                let _ = if replace {
                    l.replace(href)
                } else {
                    l.assign(href)
                };
            }
            return;
        }
        let href = resolve(href);
        history_entry(&href, replace);
        self.0.set(page_of(&href).to_owned());
        scroll_after_navigation(&href);
    }
}

/// The page the address bar shows, an old CMS link there replaced (in
/// place, so it leaves no history entry) by the article's own address.
fn settle_address() -> String {
    let href = current_href();
    let resolved = resolve(&href);
    if resolved != href {
        history_entry(&resolved, true);
    }
    resolved
}

/// Creates the location from the address bar and starts following link
/// clicks and back/forward. Call once, after [`crate::scroll::install`]
/// so that its `popstate` listener runs first.
pub fn provide_location() -> Location {
    let location = Location(RwSignal::new(settle_address()));
    provide_context(location);
    let Some(window) = web_sys::window() else {
        return location;
    };
    let on_popstate = Closure::<dyn Fn()>::new(move || location.0.set(settle_address()));
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev| {
        follow_link(location, ev);
    });
    let _ =
        window.add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_popstate.forget();
    on_click.forget();
    location
}

/// A plain click on a link to a page of the app navigates within it.
fn follow_link(location: Location, ev: web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(anchor) = crate::js::closest(&ev, "a[href]")
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let external = anchor
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    if !anchor.target().is_empty() || anchor.has_attribute("download") || external {
        return;
    }
    let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
        return;
    };
    let current = location.0.get_untracked();
    if let Some(href) = in_app_target(&anchor.href(), &origin, &current) {
        ev.prevent_default();
        location.navigate(&href, false);
    }
}

/// The app's location (from context; a component mounted alone, as in
/// the in-browser tests, gets one of its own that follows nothing).
pub fn use_location() -> Location {
    use_context::<Location>().unwrap_or_else(|| Location(RwSignal::new(current_href())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_pages() {
        assert_eq!(route("/"), Route::Home);
        assert_eq!(route(""), Route::Home);
        assert_eq!(route("/article/1201"), Route::Article("1201".into()));
        assert_eq!(route("/article/1201/"), Route::Article("1201".into()));
        for other in [
            "/article",
            "/article/",
            "/article/1/2",
            "/articles/1",
            "/x",
            "//",
        ] {
            assert_eq!(route(other), Route::NotFound, "{other}");
        }
    }

    #[test]
    fn old_cms_links_resolve_to_the_article_and_others_stay() {
        assert_eq!(
            resolve("/news/articleView.html?idxno=1201"),
            "/article/1201"
        );
        assert_eq!(resolve("/bbs/board.php?wr_id=7&x=1#top"), "/article/7");
        assert_eq!(resolve("/article/5?from=kakao"), "/article/5?from=kakao");
        assert_eq!(
            resolve("/news/articleView.html?idxno=../x"),
            "/news/articleView.html?idxno=../x"
        );
    }

    #[test]
    fn app_pages_are_the_routes_and_old_article_links() {
        for page in [
            "/",
            "/?from=kakao",
            "/article/1201",
            "/bbs/board.php?wr_id=3",
        ] {
            assert!(is_app_page(page), "{page}");
        }
        for other in [
            "/rss.xml",
            "/sitemap.xml",
            "/news/articleView.html?idxno=",
            "/x#y",
        ] {
            assert!(!is_app_page(other), "{other}");
        }
    }

    #[test]
    fn only_same_origin_page_changes_stay_in_the_app() {
        let o = "https://news.example";
        assert_eq!(
            in_app_target("https://news.example/article/1", o, "/"),
            Some("/article/1".into())
        );
        assert_eq!(
            in_app_target("https://news.example/?page=2#top", o, "/"),
            Some("/?page=2#top".into())
        );
        // Another site, a look-alike host, a jump within the page, a file
        // or feed of the site; an old article link is the app's.
        assert_eq!(in_app_target("https://news.example/rss.xml", o, "/"), None);
        assert_eq!(
            in_app_target("https://news.example/files/a.pdf", o, "/"),
            None
        );
        assert_eq!(
            in_app_target("https://news.example/bbs/board.php?wr_id=7", o, "/"),
            Some("/bbs/board.php?wr_id=7".into())
        );
        assert_eq!(
            in_app_target("https://other.example/article/1", o, "/"),
            None
        );
        assert_eq!(in_app_target("https://news.example.evil/x", o, "/"), None);
        assert_eq!(in_app_target("https://news.example/#main", o, "/"), None);
        assert_eq!(
            in_app_target("https://news.example/article/1#c", o, "/article/1"),
            None
        );
    }
}
