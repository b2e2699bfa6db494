//! A static host for the built app, as a production host would serve it:
//! files from `dist/` with their content types, `index.html` for app routes
//! (deep links), and a real 404 for missing files such as `/api/x.json`.
//! Tests may override single paths to play a misbehaving backend.
//!
//! With `E2E_NGINX=<host:port>` (set by `scripts/nginx-check.sh`) every
//! path without an override is answered by that nginx instead, running the
//! shipped `deploy/nginx.conf`: its status, headers and body are passed on
//! as they are, except that the policy gains this server's `report-uri`
//! and configured `<meta>` tags are added to pages.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// A canned answer for one path.
#[derive(Clone, Debug)]
pub struct Canned {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    pub delay: Duration,
    /// Whether `Content-Length` is sent; without it the body ends when the
    /// connection closes, so its size is known only once it is read.
    pub announce_length: bool,
    /// Whether a page of the same origin may frame the answer: the site's
    /// framing protection (`frame-ancestors`, `X-Frame-Options`) is left
    /// out, so a journey can watch a page load from its parent.
    pub frameable: bool,
}

impl Canned {
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            content_type: "application/json; charset=utf-8".into(),
            body: body.into(),
            delay: Duration::ZERO,
            announce_length: true,
            frameable: false,
        }
    }

    /// The build's file at `path` under `root` as it is, as HTML that a
    /// page of the same origin may frame.
    pub fn frameable_page(root: &Path, path: &str) -> std::io::Result<Self> {
        Ok(Self {
            content_type: "text/html; charset=utf-8".into(),
            frameable: true,
            ..Self::json(200, std::fs::read(root.join(path))?)
        })
    }

    /// The same answer without `Content-Length`.
    pub fn unannounced(self) -> Self {
        Self {
            announce_length: false,
            ..self
        }
    }
}

pub struct StaticServer {
    pub origin: String,
    overrides: Arc<Mutex<HashMap<String, Canned>>>,
    requests: Arc<Mutex<Vec<String>>>,
    metas: Arc<Mutex<Vec<(String, String)>>>,
}

impl StaticServer {
    /// Serves `root` on a free loopback port until the process ends.
    pub fn start(root: &Path) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let origin = format!("http://{}", listener.local_addr()?);
        let root = root.canonicalize()?;
        let headers = Arc::new(site_headers(&root));
        let upstream: Arc<Option<String>> =
            Arc::new(std::env::var("E2E_NGINX").ok().filter(|u| !u.is_empty()));
        let overrides: Arc<Mutex<HashMap<String, Canned>>> = Arc::default();
        let requests: Arc<Mutex<Vec<String>>> = Arc::default();
        let metas: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
        let (o, r, m) = (overrides.clone(), requests.clone(), metas.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, o, r, m) = (root.clone(), o.clone(), r.clone(), m.clone());
                let (headers, upstream) = (headers.clone(), upstream.clone());
                thread::spawn(move || {
                    let _ = handle(stream, &root, &o, &r, &m, &headers, upstream.as_deref());
                });
            }
        });
        Ok(Self {
            origin,
            overrides,
            requests,
            metas,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.origin, path)
    }

    /// Answers `path` with `canned` instead of the file.
    pub fn set_override(&self, path: &str, canned: Canned) {
        self.overrides.lock().unwrap().insert(path.into(), canned);
    }

    /// Serves the real file at `path` again.
    pub fn clear_override(&self, path: &str) {
        self.overrides.lock().unwrap().remove(path);
    }

    pub fn clear_overrides(&self) {
        self.overrides.lock().unwrap().clear();
        self.metas.lock().unwrap().clear();
    }

    /// Serves the app's `index.html` with `<meta name=.. content=..>` ahead of
    /// its own tags, as an operator would configure it (e.g. `clock`).
    pub fn set_meta(&self, name: &str, content: &str) {
        let mut metas = self.metas.lock().unwrap();
        metas.retain(|(n, _)| n != name);
        metas.push((name.into(), content.into()));
    }

    /// Starts the request log afresh.
    pub fn forget_requests(&self) {
        self.requests.lock().unwrap().clear();
    }

    /// Paths requested so far (for asserting that no request was made).
    pub fn requested(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// Where browsers report Content-Security-Policy violations.
pub const CSP_REPORT_PATH: &str = "/csp-report";

/// The headers the build's `_headers` file asks for on every path, as a
/// production host would send them; the policy also reports violations to
/// [`CSP_REPORT_PATH`] so journeys can assert there were none.
fn site_headers(root: &Path) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(root.join("_headers")) else {
        return Vec::new();
    };
    text.lines()
        .skip_while(|l| l.trim() != "/*")
        .skip(1)
        .take_while(|l| l.starts_with(' ') || l.starts_with('\t'))
        .filter_map(|l| l.trim().split_once(": "))
        .map(|(n, v)| {
            let v = if n.eq_ignore_ascii_case("content-security-policy") {
                format!("{v}; report-uri {CSP_REPORT_PATH}")
            } else {
                v.to_owned()
            };
            (n.to_owned(), v)
        })
        .collect()
}

/// Old CMS addresses served by the app (see README, "Deployment").
const LEGACY_PATHS: [&str; 2] = ["/news/articleView.html", "/bbs/board.php"];

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a URL path to a file under `root`, refusing any escape.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut out = root.to_path_buf();
    for c in Path::new(url_path.trim_start_matches('/')).components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

fn handle(
    stream: TcpStream,
    root: &Path,
    overrides: &Mutex<HashMap<String, Canned>>,
    requests: &Mutex<Vec<String>>,
    metas: &Mutex<Vec<(String, String)>>,
    site_headers: &[(String, String)],
    upstream: Option<&str>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut header = String::new();
    let mut body_len = 0usize;
    let mut accept_encoding = String::new();
    while reader.read_line(&mut header)? > 2 {
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                body_len = value.trim().parse().unwrap_or(0);
            }
            if name.eq_ignore_ascii_case("accept-encoding") {
                accept_encoding = value.trim().to_owned();
            }
        }
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    if path == CSP_REPORT_PATH && body_len > 0 {
        // Keep what the browser reported, for the failure message.
        let mut body = vec![0; body_len.min(64 * 1024)];
        reader.read_exact(&mut body)?;
        let report = String::from_utf8_lossy(&body).into_owned();
        requests.lock().unwrap().push(format!("{target} {report}"));
    } else {
        requests.lock().unwrap().push(target.clone());
    }

    let canned = overrides.lock().unwrap().get(&path).cloned();
    if let (None, Some(upstream)) = (&canned, upstream) {
        if path != CSP_REPORT_PATH {
            let metas = metas.lock().unwrap().clone();
            return relay(stream, upstream, &target, &accept_encoding, &metas);
        }
    }
    let app_shell = root.join("index.html");
    let mut announce_length = true;
    let mut frameable = false;
    let (status, ctype, mut body) = if let Some(c) = canned {
        thread::sleep(c.delay);
        announce_length = c.announce_length;
        frameable = c.frameable;
        (c.status, c.content_type, c.body)
    } else if let Some(file) = resolve(root, &path) {
        let mut body = Vec::new();
        std::fs::File::open(&file)?.read_to_end(&mut body)?;
        (200, content_type(&file).to_owned(), body)
    } else if Path::new(&path).extension().is_none() || LEGACY_PATHS.contains(&path.as_str()) {
        // An app route: the single-page app handles it (deep links, and the
        // old CMS addresses the README's rewrite rules send to the app).
        let body = std::fs::read(&app_shell)?;
        (200, "text/html; charset=utf-8".to_owned(), body)
    } else {
        (
            404,
            "text/plain; charset=utf-8".to_owned(),
            b"not found".to_vec(),
        )
    };
    // Every page is the app's shell (prerendered pages included).
    let is_shell = ctype.starts_with("text/html") && status == 200;
    let metas = metas.lock().unwrap().clone();
    if is_shell && !metas.is_empty() {
        let tags: String = metas
            .iter()
            .map(|(n, c)| format!("<meta name=\"{n}\" content=\"{c}\">"))
            .collect();
        let html = String::from_utf8_lossy(&body).replacen("<head>", &format!("<head>{tags}"), 1);
        body = html.into_bytes();
    }
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    let extra: String = site_headers
        .iter()
        .filter(|(n, _)| !(frameable && n.eq_ignore_ascii_case("x-frame-options")))
        .map(|(n, v)| {
            let v = if frameable && n.eq_ignore_ascii_case("content-security-policy") {
                v.split(';')
                    .filter(|d| !d.trim().starts_with("frame-ancestors"))
                    .collect::<Vec<_>>()
                    .join(";")
            } else {
                v.clone()
            };
            format!("{n}: {v}\r\n")
        })
        .collect();
    let mut out = stream;
    let length = if announce_length {
        format!("Content-Length: {}\r\n", body.len())
    } else {
        String::new()
    };
    write!(
        out,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\n{length}Cache-Control: no-store\r\n{extra}Connection: close\r\n\r\n",
    )?;
    // In pieces, so a reader that stops early stops the download.
    for piece in body.chunks(64 * 1024) {
        out.write_all(piece)?;
    }
    out.flush()
}

/// Answers with what `upstream` (nginx) answers for `target`. The request
/// is HTTP/1.0, so the answer is never chunked and ends when nginx closes.
fn relay(
    stream: TcpStream,
    upstream: &str,
    target: &str,
    accept_encoding: &str,
    metas: &[(String, String)],
) -> std::io::Result<()> {
    // Pages get `<meta>` tags added below, so they are asked for plain.
    let encoding = if metas.is_empty() {
        accept_encoding
    } else {
        "identity"
    };
    let mut up = TcpStream::connect(upstream)?;
    up.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        up,
        "GET {target} HTTP/1.0\r\nHost: {upstream}\r\nAccept-Encoding: {encoding}\r\n\r\n"
    )?;
    let mut answer = Vec::new();
    up.read_to_end(&mut answer)?;
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no header end in nginx's answer"))?;
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut body = answer[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status_line = lines
        .next()
        .unwrap_or("HTTP/1.1 502 Bad Gateway")
        .replacen("HTTP/1.0", "HTTP/1.1", 1);
    let mut headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .filter(|(n, _)| {
            !n.eq_ignore_ascii_case("connection") && !n.eq_ignore_ascii_case("content-length")
        })
        .collect();
    for (name, value) in headers.iter_mut() {
        if name.eq_ignore_ascii_case("content-security-policy") {
            *value = format!("{value}; report-uri {CSP_REPORT_PATH}");
        }
    }
    let is_page = status_line.contains(" 200 ")
        && headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("content-type") && v.starts_with("text/html"));
    if is_page && !metas.is_empty() {
        let tags: String = metas
            .iter()
            .map(|(n, c)| format!("<meta name=\"{n}\" content=\"{c}\">"))
            .collect();
        body = String::from_utf8_lossy(&body)
            .replacen("<head>", &format!("<head>{tags}"), 1)
            .into_bytes();
    }
    headers.push(("Content-Length".into(), body.len().to_string()));
    headers.push(("Connection".into(), "close".into()));
    let head: String = headers
        .iter()
        .map(|(n, v)| format!("{n}: {v}\r\n"))
        .collect();
    let mut out = stream;
    write!(out, "{status_line}\r\n{head}\r\n")?;
    out.write_all(&body)?;
    out.flush()
}
