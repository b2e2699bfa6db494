//! [`Load`]: a value fetched asynchronously, fetched again when what it
//! depends on changes or on [`Load::refetch`].
//!
//! It does what the app needs of Leptos' `LocalResource`, with a fraction of
//! its code in the wasm: no suspense or transition bookkeeping, no async
//! locks, one small instance per value type.
//! - A future that is ready at once (a prerendered page's embedded document)
//!   sets the value before `new` returns, so the first render shows it.
//! - Otherwise the value is `None` until the first answer; later runs keep
//!   the previous value on screen until theirs arrives.
//! - Runs follow each other: one asked for while another is under way
//!   starts when it ends (only the latest such request is kept), and every
//!   answer is shown. A slow run (a failing backend retried with backoff) is
//!   not cut short by the next periodic refresh, so it ends with its answer.
//! - Each run has its own reactive owner, cleaned up when the next starts
//!   or when the `Load`'s owner goes (which aborts its request, see
//!   [`crate::api`]).

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

pub struct Load<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    again: Trigger,
}

impl<T: Send + Sync + 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Load<T> {}

type Task<T> = Pin<Box<dyn Future<Output = T>>>;

/// The runs of one [`Load`].
struct Runs<T> {
    /// The owner of the `Load`: each run's owner is a child of it.
    parent: Option<Owner>,
    /// The current run's owner.
    owner: RefCell<Option<Owner>>,
    busy: Cell<bool>,
    /// The run to start when the current one ends.
    queued: RefCell<Option<Task<T>>>,
}

impl<T: Clone + Send + Sync + 'static> Load<T> {
    /// Runs `fetch` now, and again whenever a signal it reads changes.
    pub fn new<Fut: Future<Output = T> + 'static>(fetch: impl Fn() -> Fut + 'static) -> Self {
        let this = Self {
            value: RwSignal::new(None),
            again: Trigger::new(),
        };
        let runs = Rc::new(Runs {
            parent: Owner::current(),
            owner: RefCell::new(None),
            busy: Cell::new(false),
            queued: RefCell::new(None),
        });
        this.start(&runs, Box::pin(untrack(&fetch)));
        Effect::new(move |first: Option<()>| {
            this.again.track();
            let task = fetch();
            // The first pass only subscribes: `new` started that run.
            if first.is_some() {
                this.start(&runs, Box::pin(task));
            }
        });
        this
    }

    fn start(self, runs: &Rc<Runs<T>>, task: Task<T>) {
        if runs.busy.get() {
            *runs.queued.borrow_mut() = Some(task);
            return;
        }
        let mut task = runs.scoped(task);
        // Polled once here: a ready answer is on screen in the first render.
        if let Poll::Ready(value) = task.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            let _ = self.value.try_set(Some(value));
            return;
        }
        runs.busy.set(true);
        let runs = Rc::clone(runs);
        leptos::task::spawn_local(async move {
            loop {
                let value = task.await;
                if self.value.try_set(Some(value)).is_some() {
                    break; // the `Load` is gone
                }
                let Some(next) = runs.queued.borrow_mut().take() else {
                    break;
                };
                task = runs.scoped(next);
            }
            runs.busy.set(false);
        });
    }

    /// The latest answer (tracked), `None` before the first.
    pub fn get(self) -> Option<T> {
        self.value.get()
    }

    /// Fetches again; the current value stays until the new one arrives.
    pub fn refetch(self) {
        self.again.notify();
    }
}

impl<T: 'static> Runs<T> {
    /// `task` with an owner of its own, current whenever it is polled; the
    /// previous run's owner is cleaned up.
    fn scoped(&self, task: Task<T>) -> Task<T> {
        if let Some(previous) = self.owner.borrow_mut().take() {
            previous.cleanup();
        }
        let owner = match &self.parent {
            Some(parent) => parent.with(Owner::new),
            None => Owner::new(),
        };
        let task = owner.with(|| ScopedFuture::new_untracked(task));
        *self.owner.borrow_mut() = Some(owner);
        Box::pin(task)
    }
}
