//! Runs journeys one after another, each in its own browser session, and
//! reports like a test runner: one line each, then a summary per engine.

use crate::browser::{unsupported, Driver, Emulation, Engine, Page, Viewport, UNSUPPORTED};
use crate::server::{Canned, StaticServer, CSP_REPORT_PATH};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::{Duration, Instant};

/// Everything a journey can use.
pub struct Ctx {
    pub server: StaticServer,
    pub page: Page,
    pub viewport: Viewport,
    pub engine: Engine,
    /// Folder for screenshots people review (one per engine).
    pub shots: PathBuf,
}

pub type Outcome = Result<(), String>;
/// The steps of a journey, borrowed from its context.
pub type Steps<'a> = Pin<Box<dyn Future<Output = Outcome> + 'a>>;
pub type Journey = for<'a> fn(&'a Ctx) -> Steps<'a>;

/// One journey: its name, the viewports it runs at, what the browser should
/// emulate, the engines it can run in, and the steps.
pub struct Spec {
    pub name: &'static str,
    pub viewports: &'static [Viewport],
    pub emulate: &'static [Emulation],
    /// Engines that cannot run it, and why (reported in the summary).
    pub not_in: &'static [(Engine, &'static str)],
    /// Whether the sample backend's popup notices are served. Off by default
    /// so the modal layer does not cover pages that journeys test; notice
    /// journeys switch it on or serve their own `notices.json`.
    pub with_notices: bool,
    pub run: Journey,
}

impl Spec {
    pub fn new(name: &'static str, viewports: &'static [Viewport], run: Journey) -> Self {
        Self {
            name,
            viewports,
            emulate: &[],
            not_in: &[],
            with_notices: false,
            run,
        }
    }

    pub fn emulate(self, emulate: &'static [Emulation]) -> Self {
        Self { emulate, ..self }
    }

    /// Marks engines the journey cannot run in, with the reason.
    pub fn not_in(self, not_in: &'static [(Engine, &'static str)]) -> Self {
        Self { not_in, ..self }
    }

    pub fn notices(self) -> Self {
        Self {
            with_notices: true,
            ..self
        }
    }

    /// Why this journey cannot run in `engine` at `viewport`, if it cannot.
    fn unsupported_in(&self, engine: Engine, viewport: Viewport) -> Option<&'static str> {
        self.not_in
            .iter()
            .find(|(e, _)| *e == engine)
            .map(|(_, why)| *why)
            .or_else(|| {
                self.emulate
                    .iter()
                    .find_map(|&m| unsupported(engine, viewport, m))
            })
    }
}

/// Reason used by journeys that need the Chrome DevTools protocol.
pub const NEEDS_CDP: &str = "needs the Chrome DevTools protocol (print media, device metrics)";

/// The body served as `notices.json` for journeys without notices.
pub const NO_NOTICES: &str = r#"{"notices":[]}"#;

/// Longest a single journey may take before it counts as failed.
const JOURNEY_LIMIT: Duration = Duration::from_secs(120);

/// Fails the journey with a message unless `cond` holds.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// What happened in one engine.
#[derive(Default)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    /// `journey at viewport: reason` for each run the engine cannot do.
    pub unsupported: Vec<String>,
}

impl Summary {
    pub fn line(&self, engine: Engine) -> String {
        let mut line = format!(
            "e2e {}: {} passed, {} failed",
            engine.label(),
            self.passed,
            self.failed
        );
        if !self.unsupported.is_empty() {
            line.push_str(&format!(", {} not supported", self.unsupported.len()));
        }
        line
    }
}

/// Runs one journey in `page`; gives the page back if it may be reused.
async fn run_one(
    spec: &Spec,
    page: Page,
    viewport: Viewport,
    dist: &Path,
    shots: &Path,
) -> (Outcome, Option<Page>) {
    let server = match StaticServer::start(dist) {
        Ok(s) => s,
        Err(e) => return (Err(format!("static server: {e}")), Some(page)),
    };
    if !spec.with_notices {
        server.set_override("/api/notices.json", Canned::json(200, NO_NOTICES));
    }
    let ctx = Ctx {
        server,
        engine: page.engine,
        page,
        viewport,
        shots: shots.to_path_buf(),
    };
    let result = match tokio::time::timeout(JOURNEY_LIMIT, (spec.run)(&ctx)).await {
        Ok(r) => r,
        Err(_) => Err(format!("journey took longer than {JOURNEY_LIMIT:?}")),
    };
    let result = match result {
        Ok(()) => ctx.page.assert_no_crash().await,
        err => err,
    };
    // Every page of every journey ran under the site's CSP.
    let result = result.and_then(|()| {
        let reports: Vec<String> = ctx
            .server
            .requested()
            .into_iter()
            .filter(|r| r.starts_with(CSP_REPORT_PATH))
            .collect();
        if reports.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} Content-Security-Policy violation report(s), first: {}",
                reports.len(),
                reports[0].chars().take(600).collect::<String>()
            ))
        }
    });
    // A session is reused only after a clean journey, and only where
    // starting one is slow (Firefox). Each journey's server has its own
    // port, hence its own origin: storage and permissions start empty.
    let reuse = result.is_ok() && ctx.engine == Engine::Firefox;
    let page = ctx.page;
    if reuse && page.goto("about:blank").await.is_ok() {
        return (result, Some(page));
    }
    page.close().await;
    (result, None)
}

/// Runs every journey at every viewport in `engine`. `E2E_ONLY=a,b` runs
/// only journeys whose name contains `a` or `b`.
pub async fn run_engine(engine: Engine, dist: &Path, shots: &Path, journeys: &[Spec]) -> Summary {
    let mut summary = Summary::default();
    let only = std::env::var("E2E_ONLY").unwrap_or_default();
    let selected: Vec<&Spec> = journeys
        .iter()
        .filter(|s| only.split(',').any(|o| s.name.contains(o)))
        .collect();
    for viewport in [Viewport::Desktop, Viewport::Phone] {
        let here: Vec<&&Spec> = selected
            .iter()
            .filter(|s| s.viewports.contains(&viewport))
            .collect();
        let mut runnable = Vec::new();
        for spec in here {
            match spec.unsupported_in(engine, viewport) {
                Some(why) => {
                    println!(
                        "test {} {} {} ... not supported: {why}",
                        engine.label(),
                        viewport.label(),
                        spec.name
                    );
                    summary.unsupported.push(format!(
                        "{} at {}: {why}",
                        spec.name,
                        viewport.label()
                    ));
                }
                None => runnable.push(*spec),
            }
        }
        if runnable.is_empty() {
            continue;
        }
        // Started on demand, and again after a failed journey: a browser
        // that hung (WebKit) would keep its driver's one session slot busy.
        let mut driver: Option<Driver> = None;
        // Open sessions kept for reuse, by what they emulate.
        let mut pool: Vec<(&[Emulation], Page)> = Vec::new();
        for spec in runnable {
            let label = format!("{} {} {}", engine.label(), viewport.label(), spec.name);
            let started = Instant::now();
            let reused = pool
                .iter()
                .position(|(e, _)| *e == spec.emulate)
                .map(|i| pool.swap_remove(i).1);
            let page = match reused {
                Some(page) => page.reset(viewport).await.map(|()| page),
                None => {
                    // geckodriver runs one session at a time.
                    for (_, open) in pool.drain(..) {
                        open.close().await;
                    }
                    if driver.is_none() {
                        match Driver::start(engine, viewport) {
                            Ok(d) => driver = Some(d),
                            Err(e) => {
                                println!("    {e}");
                            }
                        }
                    }
                    match &driver {
                        Some(d) => d.session(spec.emulate).await,
                        None => Err(format!("the {} driver did not start", engine.label())),
                    }
                }
            };
            let outcome = match page {
                Ok(page) => {
                    let (outcome, back) = run_one(spec, page, viewport, dist, shots).await;
                    if let Some(page) = back {
                        pool.push((spec.emulate, page));
                    }
                    outcome
                }
                Err(e) => Err(e),
            };
            let ms = started.elapsed().as_millis();
            match outcome {
                Ok(()) => {
                    summary.passed += 1;
                    println!("test {label} ... ok ({ms} ms)");
                }
                Err(e) if e.contains(UNSUPPORTED) => {
                    let why = e.split(UNSUPPORTED).nth(1).unwrap_or_default().to_owned();
                    println!("test {label} ... not supported: {why}");
                    summary.unsupported.push(format!(
                        "{} at {}: {why}",
                        spec.name,
                        viewport.label()
                    ));
                }
                Err(e) => {
                    summary.failed += 1;
                    println!("test {label} ... FAILED ({ms} ms)\n    {e}");
                    if engine == Engine::WebKit {
                        // Stops its browser and Xvfb; the next journey gets a fresh one.
                        driver = None;
                    }
                }
            }
        }
        for (_, page) in pool {
            page.close().await;
        }
        // Dropping the driver stops its browsers, pass or fail.
        drop(driver);
    }
    summary
}
