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
const NEW_SESSION: Duration = Duration::from_secs(40);

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

/// The three browser engines readers use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Chrome, Samsung Internet, Edge: Chromium + chromedriver.
    Chromium,
    /// Firefox ESR + geckodriver.
    Firefox,
    /// Safari's engine: WebKitGTK's MiniBrowser + WebKitWebDriver under Xvfb.
    WebKit,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

    pub fn label(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.label() == label.trim())
    }
}

/// What a journey may ask the browser to pretend about the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emulation {
    /// `prefers-reduced-motion: reduce`.
    ReducedMotion,
    /// `prefers-color-scheme: dark`.
    DarkScheme,
}

/// Why a journey cannot run in an engine (reported, never silently skipped).
pub fn unsupported(
    engine: Engine,
    viewport: Viewport,
    emulation: Emulation,
) -> Option<&'static str> {
    match (engine, viewport, emulation) {
        (Engine::WebKit, _, Emulation::ReducedMotion) => {
            Some("WebKitGTK has no setting to emulate prefers-reduced-motion")
        }
        (Engine::WebKit, Viewport::Phone, Emulation::DarkScheme) => {
            Some("the GTK4 MiniBrowser has no dark mode switch")
        }
        _ => None,
    }
}

/// Prefix of errors meaning "this engine cannot do that"; the runner
/// reports such journeys as not supported rather than failed.
pub const UNSUPPORTED: &str = "unsupported in this engine: ";

/// WebKitWebDriver answers "unsupported operation" to clicks and keys in
/// the GTK4 MiniBrowser, the only one that can be as narrow as a phone.
const WEBKIT_PHONE_INPUT: &str =
    "WebKitWebDriver cannot send keys or pointer input to the GTK4 MiniBrowser (the only WebKitGTK browser as narrow as a phone)";

/// A running WebDriver server; stopped (with its browsers) on drop.
pub struct Driver {
    child: Child,
    pub url: String,
    pub engine: Engine,
    /// The viewport this driver's browser windows are made for (WebKit needs
    /// a display scale per viewport; the others ignore it).
    pub viewport: Viewport,
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.into())
}

/// The GTK4 MiniBrowser, which (unlike the GTK3 one) can be as narrow as a phone.
pub const WEBKIT_MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkitgtk-6.0/MiniBrowser";

impl Driver {
    /// Starts the WebDriver server for `engine`, for sessions at `viewport`.
    /// Binaries: `$CHROMEDRIVER`, `$GECKODRIVER`, `$WEBKITDRIVER`.
    pub fn start(engine: Engine, viewport: Viewport) -> Result<Self, String> {
        let port = free_port().map_err(|e| e.to_string())?;
        let mut cmd = match engine {
            Engine::Chromium => {
                let mut c = Command::new(env_or("CHROMEDRIVER", "/usr/bin/chromedriver"));
                c.arg(format!("--port={port}"));
                c
            }
            Engine::Firefox => {
                let mut c = Command::new(env_or("GECKODRIVER", "geckodriver"));
                let ws = free_port().map_err(|e| e.to_string())?;
                c.args(["--host", "127.0.0.1", "--port", &port.to_string()])
                    .args(["--websocket-port", &ws.to_string()]);
                c
            }
            Engine::WebKit => {
                // No headless mode: a virtual display, large enough for a
                // 1280x800 window, or a 390x844 one drawn at scale 3.
                let (screen, scale) = match viewport {
                    Viewport::Desktop => ("1600x1000x24", "1"),
                    Viewport::Phone => ("1400x2800x24", "3"),
                };
                let mut c = Command::new("xvfb-run");
                c.args(["-a", "-s", &format!("-screen 0 {screen}")])
                    .arg(env_or("WEBKITDRIVER", "WebKitWebDriver"))
                    .args([&format!("--port={port}"), "--host=127.0.0.1"])
                    .env("GDK_SCALE", scale)
                    .env("GDK_DPI_SCALE", "1");
                c
            }
        };
        // Its own process group, so dropping the driver stops everything it
        // started (xvfb-run's Xvfb, the browsers) even after a failure.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the {} driver: {e}", engine.label()))?;
        let driver = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
            engine,
            viewport,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!(
                    "the {} driver did not listen on port {port}",
                    engine.label()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }

    fn capabilities(&self, emulate: &[Emulation]) -> serde_json::Map<String, Value> {
        let mut caps = serde_json::Map::new();
        match self.engine {
            Engine::Chromium => {
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
                for e in emulate {
                    args.push(match e {
                        Emulation::ReducedMotion => "--force-prefers-reduced-motion",
                        Emulation::DarkScheme => "--force-dark-mode",
                    });
                }
                let mut options = json!({});
                match self.viewport {
                    Viewport::Desktop => args.push("--window-size=1280,800"),
                    Viewport::Phone => {
                        options["mobileEmulation"] = json!({
                            "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3, "touch": true, "mobile": true}
                        });
                    }
                }
                options["args"] = json!(args);
                caps.insert("goog:chromeOptions".into(), options);
            }
            Engine::Firefox => {
                let mut prefs = json!({
                    "intl.accept_languages": "ko-KR, ko",
                    "browser.shell.checkDefaultBrowser": false,
                    "app.update.enabled": false,
                    "network.captive-portal-service.enabled": false,
                    "network.connectivity-service.enabled": false,
                    "browser.safebrowsing.update.enabled": false,
                    "toolkit.telemetry.enabled": false,
                    "datareporting.policy.dataSubmissionEnabled": false,
                    "dom.events.asyncClipboard.clipboardItem": true,
                });
                for e in emulate {
                    match e {
                        Emulation::ReducedMotion => prefs["ui.prefersReducedMotion"] = json!(1),
                        Emulation::DarkScheme => {
                            prefs["ui.systemUsesDarkTheme"] = json!(1);
                            prefs["layout.css.prefers-color-scheme.content-override"] = json!(0);
                        }
                    }
                }
                // WebDriver BiDi, for the phone viewport (headless Firefox
                // windows are at least 500 px wide).
                caps.insert("webSocketUrl".into(), json!(true));
                caps.insert(
                    "moz:firefoxOptions".into(),
                    json!({
                        "binary": env_or("FIREFOX", "/usr/bin/firefox-esr"),
                        "args": ["-headless"],
                        "prefs": prefs,
                    }),
                );
            }
            Engine::WebKit => {
                // Desktop: the default (GTK3) MiniBrowser, which takes
                // WebDriver input; phone: the GTK4 one, which can be 390 px.
                let mut options = json!({ "args": ["--automation"] });
                match self.viewport {
                    Viewport::Desktop => {
                        if emulate.contains(&Emulation::DarkScheme) {
                            options["args"] = json!(["--automation", "--dark-mode"]);
                        }
                    }
                    Viewport::Phone => {
                        options["binary"] = json!(env_or("WEBKIT_MINIBROWSER", WEBKIT_MINIBROWSER));
                    }
                }
                caps.insert("webkitgtk:browserOptions".into(), options);
            }
        }
        caps
    }

    /// A new browser session (fresh profile) at this driver's viewport.
    pub async fn session(&self, emulate: &[Emulation]) -> Result<Page, String> {
        // WebKit sometimes hangs starting a browser: one more try.
        let mut attempt = 0;
        let client = loop {
            attempt += 1;
            let mut builder = ClientBuilder::new(HttpConnector::new());
            builder.capabilities(self.capabilities(emulate));
            match tokio::time::timeout(NEW_SESSION, builder.connect(&self.url)).await {
                Ok(Ok(client)) => break client,
                Ok(Err(e)) if attempt >= 2 => {
                    return Err(format!("new {} session failed: {e}", self.engine.label()))
                }
                Err(_) if attempt >= 2 => {
                    return Err(format!("new {} session timed out", self.engine.label()))
                }
                _ => continue,
            }
        };
        let bidi = match (self.engine, self.viewport) {
            (Engine::Firefox, Viewport::Phone) => Some(firefox_phone_viewport(&client).await?),
            _ => None,
        };
        let page = Page {
            client,
            engine: self.engine,
            scripted_input: self.engine == Engine::WebKit && self.viewport == Viewport::Phone,
            _bidi: bidi,
        };
        let size = match (self.engine, self.viewport) {
            (Engine::Chromium, _) | (Engine::Firefox, Viewport::Phone) => None,
            (_, Viewport::Desktop) => Some((1280, 800)),
            (Engine::WebKit, Viewport::Phone) => Some((390, 844)),
        };
        if let Some((w, h)) = size {
            page.fit_viewport(w, h, self.viewport).await?;
        }
        Ok(page)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Stop the whole process group (driver, browsers, Xvfb).
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        std::thread::sleep(Duration::from_millis(200));
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

type BidiSocket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Sends one WebDriver BiDi command and waits for its answer.
async fn bidi(ws: &mut BidiSocket, id: u64, method: &str, params: Value) -> Result<Value, String> {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let cmd = json!({ "id": id, "method": method, "params": params });
    ws.send(Message::text(cmd.to_string()))
        .await
        .map_err(|e| format!("BiDi {method}: {e}"))?;
    loop {
        let msg = tokio::time::timeout(WAIT, ws.next())
            .await
            .map_err(|_| format!("BiDi {method} timed out"))?
            .ok_or_else(|| format!("BiDi closed during {method}"))?
            .map_err(|e| format!("BiDi {method}: {e}"))?;
        let Ok(text) = msg.to_text() else { continue };
        let answer: Value = serde_json::from_str(text).unwrap_or_default();
        if answer["id"] == json!(id) {
            return match answer["type"].as_str() {
                Some("success") => Ok(answer["result"].clone()),
                _ => Err(format!("BiDi {method}: {answer}")),
            };
        }
    }
}

/// Gives a Firefox session a 390x844 phone viewport at 3x over WebDriver
/// BiDi; the socket is kept open for the session's life.
async fn firefox_phone_viewport(client: &Client) -> Result<BidiSocket, String> {
    let url = client
        .capabilities()
        .and_then(|c| c.get("webSocketUrl"))
        .and_then(Value::as_str)
        .ok_or("Firefox offered no WebDriver BiDi socket")?
        .to_owned();
    // Firefox's BiDi server can refuse the very first handshake while it is
    // still starting ("Handshake not finished"): connecting is retried, the
    // session's commands are not.
    let mut attempt = 1;
    let mut ws = loop {
        let result =
            tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(url.as_str())).await;
        match result {
            Ok(Ok((ws, _))) => break ws,
            Ok(Err(e)) if attempt < 3 => {
                eprintln!("BiDi connect {url} (attempt {attempt}): {e}; retrying");
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
            Ok(Err(e)) => return Err(format!("BiDi connect {url}: {e}")),
            Err(_) => return Err("BiDi connect timed out".to_owned()),
        }
    };
    let tree = bidi(&mut ws, 1, "browsingContext.getTree", json!({})).await?;
    let context = tree["contexts"][0]["context"]
        .as_str()
        .ok_or("no browsing context")?
        .to_owned();
    bidi(
        &mut ws,
        2,
        "browsingContext.setViewport",
        json!({
            "context": context,
            "viewport": {"width": 390, "height": 844},
            "devicePixelRatio": 3,
        }),
    )
    .await?;
    Ok(ws)
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
pub const SHIFT_TAB: &str = "\u{E008}\u{E004}";
pub const ENTER: &str = "\u{E007}";

/// One browser session and the helpers the journeys use.
pub struct Page {
    pub client: Client,
    pub engine: Engine,
    /// Clicks are scripted (`element.click()`) because the browser takes
    /// no WebDriver input (WebKit at phone size); keys are unsupported.
    pub scripted_input: bool,
    /// The WebDriver BiDi connection holding an emulated viewport, if any.
    _bidi: Option<BidiSocket>,
}

impl Page {
    pub async fn goto(&self, url: &str) -> Result<(), String> {
        tokio::time::timeout(WAIT, self.client.goto(url))
            .await
            .map_err(|_| format!("loading {url} timed out"))?
            .map_err(|e| format!("goto {url}: {e}"))?;
        self.wait_for_app().await
    }

    /// An empty page with no policy (`about:blank`), for reading a document
    /// with the browser's parser: the site's Trusted Types policy rightly
    /// refuses to parse HTML that holds scripts.
    pub async fn blank(&self) -> Result<(), String> {
        tokio::time::timeout(WAIT, self.client.goto("about:blank"))
            .await
            .map_err(|_| "loading about:blank timed out".to_owned())?
            .map_err(|e| format!("goto about:blank: {e}"))
    }

    /// The browser's Back button (WebDriver Back, not a script: WebKit
    /// hangs on scripts that navigate).
    pub async fn back(&self) -> Result<(), String> {
        tokio::time::timeout(WAIT, self.client.back())
            .await
            .map_err(|_| "going back timed out".to_owned())?
            .map_err(|e| format!("back: {e}"))
    }

    /// On an app page, waits until the app has replaced the static
    /// (prerendered) content, so journeys act on the live page.
    pub async fn wait_for_app(&self) -> Result<(), String> {
        self.wait_until(
            "!document.getElementById('app') || document.documentElement.dataset.app === 'mounted'",
            "the app to mount",
        )
        .await
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

    /// Text of the first element matching `css`, once it has any (read by
    /// selector each time, so a re-render in between does no harm).
    pub async fn text(&self, css: &str) -> Result<String, String> {
        let deadline = Instant::now() + WAIT;
        self.find(css).await?;
        loop {
            let text = self
                .js(
                    "const el = document.querySelector(arguments[0]);
                     return el ? el.innerText : '';",
                    vec![json!(css)],
                )
                .await?;
            let text = text.as_str().unwrap_or_default().to_owned();
            if !text.trim().is_empty() || Instant::now() > deadline {
                return Ok(text);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn click(&self, css: &str) -> Result<(), String> {
        let el = self.find(css).await?;
        if self.scripted_input {
            // By selector, not by element reference: the app may have
            // re-rendered the element since it was found.
            return self
                .js(
                    "const el = document.querySelector(arguments[0]);
                     el.scrollIntoView({block: 'center'}); el.click();",
                    vec![json!(css)],
                )
                .await
                .map(drop);
        }
        if el.click().await.is_ok() {
            return Ok(());
        }
        // Something was still moving or covering it (an animation, a
        // closing dialog): bring it to the middle of the screen, once more.
        self.js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![json!(css)],
        )
        .await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
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
            .map_err(|e| e.to_string())?;
        self.wait_for_app().await
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
        if self.scripted_input {
            return Err(format!("{UNSUPPORTED}{WEBKIT_PHONE_INPUT}"));
        }
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

    /// Makes a reused session like a new one: the window back to the
    /// viewport's size (journeys may resize it).
    pub async fn reset(&self, viewport: Viewport) -> Result<(), String> {
        match (self.engine, viewport) {
            (Engine::Firefox, Viewport::Phone) | (Engine::Chromium, _) => Ok(()),
            (_, Viewport::Desktop) => self.fit_viewport(1280, 800, viewport).await,
            (_, Viewport::Phone) => self.fit_viewport(390, 844, viewport).await,
        }
    }

    /// Sizes the window so the page's CSS viewport is the wanted one (window
    /// chrome and scrollbars differ by engine), then checks it.
    async fn fit_viewport(&self, w: u32, h: u32, viewport: Viewport) -> Result<(), String> {
        let (want_w, want_h) = match viewport {
            Viewport::Desktop => (1280.0, 800.0),
            Viewport::Phone => (390.0, 844.0),
        };
        let (mut ww, mut wh) = (w, h);
        for _ in 0..3 {
            self.client
                .set_window_size(ww, wh)
                .await
                .map_err(|e| format!("set window size: {e}"))?;
            let inner = self
                .eval("return [document.documentElement.clientWidth || innerWidth, innerHeight];")
                .await?;
            let (iw, ih) = (
                inner[0].as_f64().unwrap_or(0.0),
                inner[1].as_f64().unwrap_or(0.0),
            );
            if (iw - want_w).abs() <= 20.0 && (ih - want_h).abs() <= 60.0 {
                return Ok(());
            }
            // Grow the window by what the chrome took.
            ww = (f64::from(ww) + (want_w - iw).max(0.0)) as u32;
            wh = (f64::from(wh) + (want_h - ih).max(0.0)) as u32;
        }
        let inner = self.eval("return [innerWidth, innerHeight];").await?;
        Err(format!(
            "{} could not make a {want_w}x{want_h} viewport (got {inner})",
            self.engine.label()
        ))
    }

    /// Chromium only: a Chrome DevTools Protocol command.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        if self.engine != Engine::Chromium {
            return Err(format!("{cmd} needs Chromium's DevTools protocol"));
        }
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
