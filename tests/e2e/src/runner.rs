//! Runs journeys one after another, each in its own browser session, and
//! reports like a test runner: one line each, then `N passed, N failed`.

use crate::browser::{Driver, Page, Viewport};
use crate::server::{Canned, StaticServer, CSP_REPORT_PATH};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::{Duration, Instant};

/// Everything a journey can use.
pub struct Ctx {
    pub server: StaticServer,
    pub page: Page,
    pub viewport: Viewport,
    /// Folder for screenshots people review.
    pub shots: PathBuf,
}

pub type Outcome = Result<(), String>;
/// The steps of a journey, borrowed from its context.
pub type Steps<'a> = Pin<Box<dyn Future<Output = Outcome> + 'a>>;
pub type Journey = for<'a> fn(&'a Ctx) -> Steps<'a>;

/// One journey: its name, the viewports it runs at, extra browser flags
/// (e.g. `--force-prefers-reduced-motion`) and the steps.
pub struct Spec {
    pub name: &'static str,
    pub viewports: &'static [Viewport],
    pub browser_args: &'static [&'static str],
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
            browser_args: &[],
            with_notices: false,
            run,
        }
    }

    pub fn args(self, browser_args: &'static [&'static str]) -> Self {
        Self {
            browser_args,
            ..self
        }
    }

    pub fn notices(self) -> Self {
        Self {
            with_notices: true,
            ..self
        }
    }
}

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

/// Runs every journey at every viewport; returns (passed, failed).
pub async fn run_all(
    engine: &str,
    driver: &Driver,
    dist: &std::path::Path,
    shots: &std::path::Path,
    journeys: &[Spec],
) -> (usize, usize) {
    let (mut passed, mut failed) = (0, 0);
    // `E2E_ONLY=name` runs only journeys whose name contains `name`.
    let only = std::env::var("E2E_ONLY").unwrap_or_default();
    for spec in journeys.iter().filter(|s| s.name.contains(only.as_str())) {
        let name = spec.name;
        for &viewport in spec.viewports {
            let started = Instant::now();
            let label = format!("{engine} {} {name}", viewport.label());
            let outcome = async {
                let server =
                    StaticServer::start(dist).map_err(|e| format!("static server: {e}"))?;
                if !spec.with_notices {
                    server.set_override("/api/notices.json", Canned::json(200, NO_NOTICES));
                }
                let page = driver.session(viewport, spec.browser_args).await?;
                let ctx = Ctx {
                    server,
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
                    let reports = ctx
                        .server
                        .requested()
                        .iter()
                        .filter(|r| r.starts_with(CSP_REPORT_PATH))
                        .count();
                    if reports == 0 {
                        Ok(())
                    } else {
                        Err(format!(
                            "{reports} Content-Security-Policy violation report(s)"
                        ))
                    }
                });
                ctx.page.close().await;
                result
            }
            .await;
            let ms = started.elapsed().as_millis();
            match outcome {
                Ok(()) => {
                    passed += 1;
                    println!("test {label} ... ok ({ms} ms)");
                }
                Err(e) => {
                    failed += 1;
                    println!("test {label} ... FAILED ({ms} ms)\n    {e}");
                }
            }
        }
    }
    (passed, failed)
}
