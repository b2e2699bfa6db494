//! Hydrating parts of a prerendered page in later tasks.
//!
//! Hydration walks the whole page in one go, and on a phone that one task
//! blocks input for a few hundred milliseconds (V8 also compiles each wasm
//! function on its first call, inside it). A part wrapped in [`deferred`]
//! is stepped over by that walk and hydrated afterwards, one part per task,
//! by [`hydrate_deferred`]: the page shows the prerendered HTML all along,
//! and the browser gets a turn between the parts.
//!
//! Rules for a deferred part:
//! - it renders exactly one element (the walk steps over one node);
//! - it is made by a closure, run at its turn: its components' bodies,
//!   effects and state start with its hydration (an effect that ran
//!   before would change what it shows before it is hydrated);
//! - it must not be rebuilt before its turn: only parts in fixed places of
//!   the page are deferred (a part inside a route's view that goes before
//!   its turn is dropped unhydrated), and a part that shows the route is
//!   made with [`deferred_route`], which loads the new address instead when
//!   the reader navigated before its turn;
//! - what it shows must not change before its turn, or it would hydrate
//!   against HTML that shows something else. Shared state that the app
//!   changes once it runs (the clock moving from the rendered instant to
//!   the present, the site's base URL becoming the live one, controls
//!   becoming usable, a feed that can arrive before the part's turn)
//!   waits for [`use_hydrated`].
//!
//! Rendering to HTML and client-side rendering are unchanged: the part is
//! rendered in place.

use super::address::current_address;
use leptos::prelude::*;
use leptos::tachys::{
    html::attribute::{any_attribute::AnyAttribute, Attribute},
    hydration::Cursor,
    ssr::StreamBuilder,
    view::{
        add_attr::AddAnyAttr, Mountable, Position, PositionState, Render, RenderFlags, RenderHtml,
    },
};
use std::{cell::RefCell, collections::VecDeque, rc::Rc};

/// A part hydrated after the rest of the page; see the module docs.
pub struct Deferred<F> {
    make: F,
    /// Whether the part shows the current route (see [`deferred_route`]).
    route: bool,
}

/// The part `make` renders, hydrated in a later task. `make` runs at the
/// part's turn (its components' effects and state start with its
/// hydration, not before), or at once when rendering to HTML or mounting.
pub fn deferred<F, V>(make: F) -> Deferred<F>
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    Deferred { make, route: false }
}

/// [`deferred`] for a part that shows the route (`<main>`, a story's side
/// column). Should the reader follow a link or go back before its turn,
/// the HTML no longer matches what the part would show, and the new
/// address is loaded as a page of its own instead (its prerendered page).
pub fn deferred_route<F, V>(make: F) -> Deferred<F>
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    Deferred { make, route: true }
}

type Job = Box<dyn FnOnce()>;

thread_local! {
    /// The parts waiting for their turn, in page order.
    static QUEUE: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
}

/// The "every part is hydrated" signal. The page's start makes it and
/// provides it to the app it hydrates, then sets it once the last part is
/// hydrated ([`hydrate_deferred`]); it lives in context only.
#[derive(Clone, Copy)]
pub struct Hydrated(RwSignal<bool>);

impl Hydrated {
    /// Not hydrated yet.
    pub fn new() -> Self {
        Self(RwSignal::new(false))
    }

    /// Makes this the signal of the views below.
    pub fn provide(self) {
        provide_context(self);
    }
}

impl Default for Hydrated {
    fn default() -> Self {
        Self::new()
    }
}

/// Provides a "not hydrated yet" signal unless the page's start provided
/// one: the build step renders pages as they show before hydration.
pub fn provide_hydrated() {
    if use_context::<Hydrated>().is_none() {
        Hydrated::new().provide();
    }
}

/// `true` once every deferred part is hydrated (at once for a part mounted
/// on its own); effects that change what several parts show wait for it.
pub fn use_hydrated() -> Signal<bool> {
    use_context::<Hydrated>().map_or_else(|| Signal::stored(true), |Hydrated(h)| h.into())
}

/// Hydrates the deferred parts one task after another, in page order (a
/// part that defers parts of its own queues them behind the rest), then
/// sets `done` (what [`use_hydrated`] reads). Call after the page's
/// hydration (or mount).
#[cfg(target_arch = "wasm32")]
pub async fn hydrate_deferred(done: Hydrated) {
    loop {
        gloo_timers::future::TimeoutFuture::new(0).await;
        let Some(job) = QUEUE.with_borrow_mut(VecDeque::pop_front) else {
            break;
        };
        job();
    }
    done.0.set(true);
}

/// Where a deferred part stands: still the prerendered element, or
/// hydrated into the view's state.
pub struct DeferredState<S>(Rc<RefCell<Slot<S>>>);

enum Slot<S> {
    Waiting(leptos::tachys::renderer::types::Element),
    Ready(S),
}

impl<F, V> Render for Deferred<F>
where
    F: FnOnce() -> V,
    V: Render,
{
    type State = DeferredState<V::State>;

    fn build(self) -> Self::State {
        DeferredState(Rc::new(RefCell::new(Slot::Ready((self.make)().build()))))
    }

    fn rebuild(self, state: &mut Self::State) {
        // A part still waiting keeps the view it was rendered with.
        if let Slot::Ready(s) = &mut *state.0.borrow_mut() {
            (self.make)().rebuild(s);
        }
    }
}

impl<S: Mountable> Mountable for DeferredState<S> {
    fn unmount(&mut self) {
        match &mut *self.0.borrow_mut() {
            Slot::Ready(s) => s.unmount(),
            Slot::Waiting(el) => el.remove(),
        }
    }

    fn mount(
        &mut self,
        parent: &leptos::tachys::renderer::types::Element,
        marker: Option<&leptos::tachys::renderer::types::Node>,
    ) {
        match &mut *self.0.borrow_mut() {
            Slot::Ready(s) => s.mount(parent, marker),
            Slot::Waiting(el) => {
                let _ = parent.insert_before(el, marker);
            }
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        match &*self.0.borrow() {
            Slot::Ready(s) => s.insert_before_this(child),
            Slot::Waiting(el) => match el.parent_element() {
                Some(parent) => {
                    child.mount(&parent, Some(el.as_ref()));
                    true
                }
                None => false,
            },
        }
    }

    fn elements(&self) -> Vec<leptos::tachys::renderer::types::Element> {
        match &*self.0.borrow() {
            Slot::Ready(s) => s.elements(),
            Slot::Waiting(el) => vec![el.clone()],
        }
    }
}

impl<F, V> RenderHtml for Deferred<F>
where
    F: FnOnce() -> V + Send + 'static,
    V: RenderHtml + 'static,
{
    type AsyncOutput = V::AsyncOutput;
    type Owned = Self;

    const MIN_LENGTH: usize = V::MIN_LENGTH;
    const EXISTS: bool = V::EXISTS;

    async fn resolve(self) -> Self::AsyncOutput {
        (self.make)().resolve().await
    }

    /// Nothing to start ahead: the part is made when it is rendered.
    fn dry_resolve(&mut self) {}

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        flags: RenderFlags,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        (self.make)().to_html_with_buf(buf, position, flags, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        flags: RenderFlags,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        (self.make)().to_html_async_with_buf::<OUT_OF_ORDER>(buf, position, flags, extra_attrs);
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        use wasm_bindgen::JsCast;
        // Step onto the part's element as the element itself would, and
        // leave the cursor there for the parts after it.
        match position.get() {
            Position::FirstChild => cursor.child(),
            Position::Current => {}
            _ => cursor.sibling(),
        }
        let Ok(el) = cursor
            .current()
            .dyn_into::<leptos::tachys::renderer::types::Element>()
        else {
            // Not the page this was rendered for: hydrate here, and fail
            // here, as the walk would have.
            position.set(Position::Current);
            let state = (self.make)().hydrate::<FROM_SERVER>(cursor, position);
            return DeferredState(Rc::new(RefCell::new(Slot::Ready(state))));
        };
        position.set(Position::NextChild);
        let slot = Rc::new(RefCell::new(Slot::Waiting(el.clone())));
        let owner = Owner::current();
        let make = self.make;
        let address = if self.route { current_address() } else { None };
        let target = Rc::clone(&slot);
        QUEUE.with_borrow_mut(|q| {
            q.push_back(Box::new(move || {
                // Gone with its route before its turn.
                if !el.is_connected() {
                    return;
                }
                if address.is_some() && current_address() != address {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                    return;
                }
                let run = || {
                    make().hydrate::<FROM_SERVER>(
                        &Cursor::new(el),
                        &PositionState::new(Position::Current),
                    )
                };
                let state = match owner {
                    Some(owner) => owner.with(run),
                    None => run(),
                };
                *target.borrow_mut() = Slot::Ready(state);
            }))
        });
        DeferredState(slot)
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}

/// Attributes spread onto a deferred part make it an ordinary one.
impl<F, V> AddAnyAttr for Deferred<F>
where
    F: FnOnce() -> V + Send + 'static,
    V: RenderHtml + 'static,
{
    type Output<SomeNewAttr: Attribute> = V::Output<SomeNewAttr>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        (self.make)().add_any_attr(attr)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn part(n: RwSignal<i32>) -> impl IntoView {
        view! {
            <section id="later" data-n="0">
                <button data-n=move || n.get() on:click=move |_| n.update(|n| *n += 1)></button>
            </section>
        }
    }

    /// The build step renders a deferred part exactly as the part itself.
    #[test]
    fn a_deferred_part_renders_in_place() {
        Owner::new().with(|| {
            let n = RwSignal::new(3);
            let plain = view! {
                <p id="first"></p>
                {part(n)}
                <p id="after" data-n=move || n.get()></p>
            }
            .to_html();
            let wrapped = view! {
                <p id="first"></p>
                {deferred(move || part(n))}
                <p id="after" data-n=move || n.get()></p>
            }
            .to_html();
            assert!(plain.contains(r#"<button data-n="3"></button>"#), "{plain}");
            assert_eq!(wrapped, plain);
        });
    }

    /// This module steps over a part's nodes with tachys's hydration
    /// cursor, which semver does not cover: `Cargo.toml` pins the Leptos
    /// crates exactly, and this fails once the lock file holds others, so
    /// an upgrade is made on purpose (see the note in `Cargo.toml`).
    #[test]
    fn leptos_is_the_pinned_version() {
        const VERIFIED: [(&str, &str); 4] = [
            ("leptos", "0.9.0-rc1"),
            ("leptos_router", "0.9.0-rc1"),
            ("leptos_meta", "0.9.0-rc1"),
            ("tachys", "0.3.0-rc1"),
        ];
        let lock = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"));
        for (name, version) in VERIFIED {
            let entry = format!("name = \"{name}\"\nversion = \"");
            let locked: Vec<&str> = lock
                .match_indices(&entry)
                .filter_map(|(at, _)| lock[at + entry.len()..].split('"').next())
                .collect();
            assert_eq!(
                locked,
                [version],
                "{name}: deferred parts were verified with {version} only"
            );
        }
    }
}
