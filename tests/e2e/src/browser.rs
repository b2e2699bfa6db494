//! WebDriver sessions in a real browser, with client-side time limits on
//! every step so a stuck browser fails the journey instead of hanging.

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Time limit for one wait in a journey.
pub const WAIT: Duration = Duration::from_secs(15);
/// Time limit for creating a session.
const NEW_SESSION: Duration = Duration::from_secs(60);

/// Viewports the journeys run at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewport {
    Desktop,
    Phone,
}

impl Viewport {
    pub fn label(self) -> &'static str {
        match self {
            Viewport::Desktop => "desktop-1280x800",
            Viewport::Phone => "phone-390x844",
        }
    }
}

/// A running WebDriver server; stopped (with its browsers) on drop.
pub struct Driver {
    child: Child,
    pub url: String,
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl Driver {
    /// Starts chromedriver (`$CHROMEDRIVER`, default `/usr/bin/chromedriver`).
    pub fn chromium() -> Result<Self, String> {
        let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = free_port().map_err(|e| e.to_string())?;
        let child = Command::new(&bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {bin}: {e}"))?;
        let driver = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("{bin} did not listen on port {port}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }

    /// A new browser session (fresh profile) at the given viewport.
    pub async fn session(&self, viewport: Viewport, extra_args: &[&str]) -> Result<Page, String> {
        let mut args = vec![
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--lang=ko-KR",
        ];
        args.extend_from_slice(extra_args);
        let mut options = json!({});
        match viewport {
            Viewport::Desktop => args.push("--window-size=1280,800"),
            Viewport::Phone => {
                options["mobileEmulation"] = json!({
                    "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3, "touch": true, "mobile": true}
                });
            }
        }
        options["args"] = json!(args);
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let client = tokio::time::timeout(NEW_SESSION, builder.connect(&self.url))
            .await
            .map_err(|_| "new session timed out".to_owned())?
            .map_err(|e| format!("new session failed: {e}"))?;
        Ok(Page { client })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver command fantoccini has no method for (e.g. Chromium's CDP
/// bridge, or the W3C permissions extension).
#[derive(Debug)]
struct RawCommand {
    path: String,
    body: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for RawCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or(""),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// WebDriver key codes.
pub const ESCAPE: &str = "\u{E00C}";
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";

/// One browser session and the helpers the journeys use.
pub struct Page {
    pub client: Client,
}

impl Page {
    pub async fn goto(&self, url: &str) -> Result<(), String> {
        tokio::time::timeout(WAIT, self.client.goto(url))
            .await
            .map_err(|_| format!("loading {url} timed out"))?
            .map_err(|e| format!("goto {url}: {e}"))
    }

    /// Waits for an element matching `css`.
    pub async fn find(&self, css: &str) -> Result<Element, String> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("no element {css:?} within {WAIT:?}: {e}"))
    }

    pub async fn find_all(&self, css: &str) -> Result<Vec<Element>, String> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map_err(|e| format!("find_all {css:?}: {e}"))
    }

    /// Text of the first element matching `css`, once it has any.
    pub async fn text(&self, css: &str) -> Result<String, String> {
        let deadline = Instant::now() + WAIT;
        loop {
            let el = self.find(css).await?;
            let text = el.text().await.map_err(|e| e.to_string())?;
            if !text.trim().is_empty() || Instant::now() > deadline {
                return Ok(text);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn click(&self, css: &str) -> Result<(), String> {
        self.find(css)
            .await?
            .click()
            .await
            .map_err(|e| format!("click {css:?}: {e}"))
    }

    /// Runs `script` (a function body; arguments in `arguments`).
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        tokio::time::timeout(WAIT, self.client.execute(script, args))
            .await
            .map_err(|_| "script timed out".to_owned())?
            .map_err(|e| format!("script failed: {e}"))
    }

    /// Runs `script` (a function body) without arguments.
    pub async fn eval(&self, script: &str) -> Result<Value, String> {
        self.js(script, vec![]).await
    }

    /// Polls a JavaScript expression until it is truthy.
    pub async fn wait_until(&self, expr: &str, what: &str) -> Result<(), String> {
        let deadline = Instant::now() + WAIT;
        let script = format!("return !!({expr});");
        loop {
            if self.eval(&script).await? == Value::Bool(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {what} ({expr})"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn title(&self) -> Result<String, String> {
        self.client.title().await.map_err(|e| e.to_string())
    }

    pub async fn refresh(&self) -> Result<(), String> {
        tokio::time::timeout(WAIT, self.client.refresh())
            .await
            .map_err(|_| "reload timed out".to_owned())?
            .map_err(|e| e.to_string())
    }

    pub async fn screenshot(&self, path: &std::path::Path) -> Result<(), String> {
        let png = self.client.screenshot().await.map_err(|e| e.to_string())?;
        std::fs::write(path, png).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Fails if the app's panic notice is showing.
    pub async fn assert_no_crash(&self) -> Result<(), String> {
        let crashed = self
            .js(
                "const c = document.getElementById('crash'); return !!c && !c.hidden;",
                vec![],
            )
            .await?;
        if crashed == Value::Bool(true) {
            return Err("the app panicked (crash notice is visible)".into());
        }
        Ok(())
    }

    /// Types `keys` (e.g. [`ESCAPE`]) into the focused element.
    pub async fn press(&self, keys: &str) -> Result<(), String> {
        self.client
            .active_element()
            .await
            .map_err(|e| e.to_string())?
            .send_keys(keys)
            .await
            .map_err(|e| format!("pressing {keys:?}: {e}"))
    }

    /// Sends a WebDriver extension command: `POST /session/{id}/{path}`.
    pub async fn command(&self, path: &str, body: Value) -> Result<Value, String> {
        let cmd = RawCommand {
            path: path.into(),
            body,
        };
        tokio::time::timeout(WAIT, self.client.issue_cmd(cmd))
            .await
            .map_err(|_| format!("{path} timed out"))?
            .map_err(|e| format!("{path}: {e}"))
    }

    /// Chromium only: a Chrome DevTools Protocol command.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        self.command(
            "goog/cdp/execute",
            serde_json::json!({ "cmd": cmd, "params": params }),
        )
        .await
    }

    /// Emulates CSS media (`print`, `screen`) and features such as
    /// `prefers-color-scheme` (Chromium).
    pub async fn emulate_media(
        &self,
        media: &str,
        features: &[(&str, &str)],
    ) -> Result<(), String> {
        let features: Vec<Value> = features
            .iter()
            .map(|(name, value)| serde_json::json!({ "name": name, "value": value }))
            .collect();
        self.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "media": media, "features": features }),
        )
        .await
        .map(drop)
    }

    pub async fn close(self) {
        let _ = tokio::time::timeout(WAIT, self.client.close()).await;
    }
}
