//! The backend's documents, read from a directory laid out like the JSON
//! contract (`articles.json`, its `next_page` documents, `articles/<id>.json`)
//! and validated by the app's own decoders, so a page is prerendered from
//! exactly what the app would show. Bad data is skipped with a warning.

use gazette_core::contract::{
    decode_article, decode_article_list, Article, ArticleList, ArticleSummary,
};
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// List pages followed at most by default (a backend paging forever must
/// not hang the build).
pub const MAX_PAGES: usize = 100;
/// Redirects a live backend may answer with before a document.
pub const MAX_REDIRECTS: u32 = 3;
/// Longest wait for one document from a live backend.
const DOCUMENT_SECONDS: u64 = 30;

/// How much one read of the backend may take, so that the build's time and
/// memory are bounded by these and not by what the backend sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest document: the app's own `api-max-article-bytes`, so the
    /// build refuses what the app would refuse.
    pub document_bytes: u64,
    /// Articles read at most (`API_MAX_ARTICLES`, default 5,000); later
    /// ones get no prerendered page but are still shown by the app.
    pub articles: usize,
    /// Bytes read in all (`API_MAX_TOTAL_BYTES`, default 256 MiB).
    pub total_bytes: u64,
    /// Time spent reading in all (`API_MAX_SECONDS`, default 600).
    pub wall: Duration,
    /// List pages followed (`API_MAX_PAGES`, default [`MAX_PAGES`]).
    pub pages: usize,
}

impl Limits {
    pub const DEFAULT_ARTICLES: usize = 5_000;
    pub const DEFAULT_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
    pub const DEFAULT_SECONDS: u64 = 600;

    /// The defaults, overridden by the environment; a value that is not a
    /// positive whole number is an error naming the variable.
    pub fn from_env(document_bytes: u32) -> Result<Self, String> {
        Self::from_env_over(Limits {
            document_bytes: u64::from(document_bytes),
            ..Limits::default()
        })
    }

    /// For the site's own documents in a folder (`xtask publish`, after the
    /// sync program): an archive of any size, within an hour; the
    /// environment still decides.
    pub fn archive(document_bytes: u32) -> Result<Self, String> {
        Self::from_env_over(Limits {
            document_bytes: u64::from(document_bytes),
            articles: 10_000_000,
            total_bytes: u64::MAX,
            wall: Duration::from_secs(3_600),
            pages: 1_000_000,
        })
    }

    /// `defaults`, each overridden by its environment variable.
    fn from_env_over(defaults: Limits) -> Result<Self, String> {
        let var = |name: &str, default: u64| -> Result<u64, String> {
            match std::env::var(name) {
                Ok(v) if !v.trim().is_empty() => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("{name}={v:?} is not a positive whole number")),
                _ => Ok(default),
            }
        };
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Ok(Limits {
            document_bytes: defaults.document_bytes,
            articles: size(var("API_MAX_ARTICLES", defaults.articles as u64)?),
            total_bytes: var("API_MAX_TOTAL_BYTES", defaults.total_bytes)?,
            wall: Duration::from_secs(var("API_MAX_SECONDS", defaults.wall.as_secs())?),
            pages: size(var("API_MAX_PAGES", defaults.pages as u64)?),
        })
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            document_bytes: u64::from(gazette_core::api::MAX_ARTICLE_BYTES),
            articles: Self::DEFAULT_ARTICLES,
            total_bytes: Self::DEFAULT_TOTAL_BYTES,
            wall: Duration::from_secs(Self::DEFAULT_SECONDS),
            pages: MAX_PAGES,
        }
    }
}

/// One article, decoded. Pages embed it written back from these types
/// (`gazette_core::encode`): fields the contract does not define are never
/// published.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    pub article: Article,
    /// Its entry in the list (summary and thumbnail).
    pub listed: ArticleSummary,
}

// (Publishing reads with [`Source`]; the tests read a whole backend.)
#[cfg(test)]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Backend {
    /// `articles.json`, decoded; `None` when the backend could not be read.
    pub first_page: Option<ArticleList>,
    /// Every listed article that decoded, in list order.
    pub stories: Vec<Story>,
    /// What was skipped and why.
    pub warnings: Vec<String>,
}

/// Where the backend's documents are.
#[derive(Clone, Copy, Debug)]
pub enum Location<'a> {
    /// A directory laid out like the contract (the sample, or a mirror).
    Dir(&'a Path),
    /// A live backend's base URL (`https://cms.example/api`), read with curl.
    Url(&'a str),
}

/// Why a read stopped: one document is bad, or a limit of the whole read
/// was reached (nothing more is read after that).
#[derive(Debug)]
enum Failure {
    Document(String),
    Budget(String),
}

impl Failure {
    fn message(self) -> String {
        match self {
            Failure::Document(m) | Failure::Budget(m) => m,
        }
    }
}

/// One read of the backend: where, within which limits, and what it has
/// used of them so far.
struct Reader<'a> {
    from: Location<'a>,
    limits: Limits,
    started: Instant,
    bytes: u64,
}

impl Reader<'_> {
    fn remaining(&self) -> Result<Duration, Failure> {
        self.limits
            .wall
            .checked_sub(self.started.elapsed())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| {
                Failure::Budget(format!(
                    "reading the backend took longer than {} s (API_MAX_SECONDS); stopped",
                    self.limits.wall.as_secs()
                ))
            })
    }

    /// Most bytes the next document may have: the document limit, or what
    /// is left of the total.
    fn cap(&self) -> Result<u64, Failure> {
        let left = self.limits.total_bytes.saturating_sub(self.bytes);
        if left == 0 {
            return Err(Failure::Budget(format!(
                "read {} bytes, the total limit (API_MAX_TOTAL_BYTES); stopped",
                self.bytes
            )));
        }
        Ok(left.min(self.limits.document_bytes))
    }

    /// A document's text, read with a running byte count that stops at the
    /// limit whatever the backend announces.
    fn read(&mut self, path: &str) -> Result<String, Failure> {
        let time = self.remaining()?;
        let cap = self.cap()?;
        let (name, bytes) = match self.from {
            Location::Dir(dir) => {
                let file = dir.join(path);
                let name = file.display().to_string();
                let opened = std::fs::File::open(&file)
                    .map_err(|e| Failure::Document(format!("{name}: {e}")))?;
                (name, read_capped(opened, cap))
            }
            Location::Url(base) => {
                let url = format!("{}/{path}", base.trim_end_matches('/'));
                let bytes = fetch_capped(&url, cap, time);
                (url, bytes)
            }
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            // Stopped by the whole read's time, not by this document.
            Err(e) if self.started.elapsed() + Duration::from_millis(50) >= self.limits.wall => {
                return Err(Failure::Budget(format!(
                    "{name}: {e}; reading the backend took longer than {} s (API_MAX_SECONDS); stopped",
                    self.limits.wall.as_secs()
                )))
            }
            Err(e) => return Err(Failure::Document(format!("{name}: {e}"))),
        };
        let Some(bytes) = bytes else {
            if cap < self.limits.document_bytes {
                self.bytes = self.limits.total_bytes;
                return Err(Failure::Budget(format!(
                    "{name}: more than the {} bytes left of the total limit (API_MAX_TOTAL_BYTES); stopped",
                    cap
                )));
            }
            self.bytes += cap;
            return Err(Failure::Document(format!(
                "{name}: larger than {cap} bytes (api-max-article-bytes), refused as the app would"
            )));
        };
        self.bytes += bytes.len() as u64;
        String::from_utf8(bytes).map_err(|_| Failure::Document(format!("{name}: not UTF-8")))
    }
}

/// The bytes of `input`, or `None` when it holds more than `cap` (found by
/// reading one byte more, never the rest).
fn read_capped(input: impl Read, cap: u64) -> Result<Option<Vec<u8>>, String> {
    let mut bytes = Vec::new();
    input
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

/// GETs `url` with curl (HTTP(S) only, at most [`MAX_REDIRECTS`] redirects,
/// failing on HTTP errors, within `time`), reading at most `cap + 1` bytes
/// of its answer: curl is stopped there, whether or not the answer said
/// how long it was (`None`: larger than `cap`).
fn fetch_capped(url: &str, cap: u64, time: Duration) -> Result<Option<Vec<u8>>, String> {
    let seconds = time.as_secs_f64().min(DOCUMENT_SECONDS as f64);
    let mut curl = Command::new("curl")
        .args([
            "-fsSL",
            "--proto",
            "=http,https",
            "--proto-redir",
            "=http,https",
        ])
        .args(["--max-redirs", &MAX_REDIRECTS.to_string()])
        .args(["--max-time", &format!("{seconds:.3}")])
        .args(["--max-filesize", &cap.to_string()])
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("curl: {e}"))?;
    let read = match curl.stdout.take() {
        Some(out) => read_capped(out, cap),
        None => Ok(Some(Vec::new())),
    };
    if matches!(read, Ok(None)) {
        let _ = curl.kill();
    }
    let mut stderr = String::new();
    if let Some(err) = curl.stderr.take() {
        let _ = err.take(4096).read_to_string(&mut stderr);
    }
    let status = curl.wait().map_err(|e| format!("curl: {e}"))?;
    match read? {
        None => Ok(None),
        Some(bytes) if status.success() => Ok(Some(bytes)),
        // curl's exit code 63: the answer announced more than --max-filesize.
        Some(_) if status.code() == Some(63) => Ok(None),
        Some(_) => Err(stderr.trim().to_owned()),
    }
}

/// The list pages as read: the first page, every entry that decoded (in
/// list order, each id once, at most `API_MAX_ARTICLES`), the pages' text
/// (to tell whether they changed) and what was skipped.
#[derive(Debug, Default)]
pub struct Lists {
    pub first_page: Option<ArticleList>,
    pub listed: Vec<ArticleSummary>,
    pub text: String,
    pub warnings: Vec<String>,
}

/// One read of the backend, within its limits: the lists first, then the
/// articles one by one.
pub struct Source<'a> {
    reader: Reader<'a>,
    /// A limit of the whole read was reached: nothing more is read.
    spent: bool,
}

impl<'a> Source<'a> {
    pub fn new(from: Location<'a>, limits: Limits) -> Self {
        Source {
            reader: Reader {
                from,
                limits,
                started: Instant::now(),
                bytes: 0,
            },
            spent: false,
        }
    }

    /// Reads `articles.json` and its `next_page` documents. Fails only when
    /// the first page cannot be read or decoded.
    pub fn lists(&mut self) -> Result<Lists, String> {
        let limits = self.reader.limits;
        let mut lists = Lists::default();
        let mut seen_ids = HashSet::new();
        let mut seen_pages = HashSet::new();
        let mut next = Some("articles.json".to_owned());
        while let Some(path) = next.take() {
            if !seen_pages.insert(path.clone()) {
                lists
                    .warnings
                    .push(format!("{path}: list pages link in a loop; stopped"));
                break;
            }
            if seen_pages.len() > limits.pages {
                lists.warnings.push(format!(
                    "more than {} list pages (API_MAX_PAGES); stopped before {path}",
                    limits.pages
                ));
                break;
            }
            if lists.listed.len() >= limits.articles {
                lists.warnings.push(format!(
                    "{} articles listed, the limit (API_MAX_ARTICLES); stopped before {path}",
                    lists.listed.len()
                ));
                break;
            }
            let first = lists.first_page.is_none();
            let page = self.reader.read(&path).and_then(|text| {
                let list = decode_article_list(&text)
                    .map_err(|e| Failure::Document(format!("{path}: {e}")))?;
                Ok((list, text))
            });
            let (list, text) = match page {
                Ok(page) => page,
                Err(e) if first => return Err(e.message()),
                Err(Failure::Budget(e)) => {
                    self.spent = true;
                    lists.warnings.push(e);
                    break;
                }
                Err(Failure::Document(e)) => {
                    lists.warnings.push(format!("{e}; later pages skipped"));
                    break;
                }
            };
            lists.text.push_str(&text);
            next = list.next_page.clone();
            lists.listed.extend(
                list.articles
                    .iter()
                    .filter(|a| seen_ids.insert(a.id.clone()))
                    .cloned(),
            );
            if first {
                lists.first_page = Some(list);
            }
        }
        if lists.listed.len() > limits.articles {
            lists.warnings.push(format!(
                "{} articles listed; only the first {} (API_MAX_ARTICLES) are prerendered",
                lists.listed.len(),
                limits.articles
            ));
            lists.listed.truncate(limits.articles);
        }
        Ok(lists)
    }

    /// The text of the article `summary` lists: `Ok(None)` once a limit of
    /// the whole read is reached (with the warning saying so), `Err` for
    /// this document alone.
    pub fn article_text(
        &mut self,
        summary: &ArticleSummary,
        warnings: &mut Vec<String>,
    ) -> Result<Option<String>, String> {
        if self.spent {
            return Ok(None);
        }
        let path = gazette_core::api::article_path(&summary.id);
        match self.reader.read(&path) {
            Ok(text) => Ok(Some(text)),
            Err(Failure::Budget(e)) => {
                self.spent = true;
                warnings.push(format!("{e}; later articles get no prerendered page"));
                Ok(None)
            }
            Err(Failure::Document(e)) => Err(e),
        }
    }
}

/// The article `summary` lists, decoded from `text` by the app's decoder.
pub fn story(text: &str, summary: &ArticleSummary) -> Result<Story, String> {
    let path = gazette_core::api::article_path(&summary.id);
    let article = decode_article(text).map_err(|e| format!("{path}: {e}"))?;
    if article.id != summary.id {
        return Err(format!("{path}: its id is {:?}", article.id.as_str()));
    }
    Ok(Story {
        article,
        listed: summary.clone(),
    })
}

/// Reads the backend at `from` within `limits`. Fails only when the first
/// list page cannot be read or decoded; later pages and articles that fail
/// are skipped, and a reached limit stops the read with a warning (the
/// build goes on with what was read).
#[cfg(test)]
pub fn load(from: Location, limits: Limits) -> Result<Backend, String> {
    let mut source = Source::new(from, limits);
    let lists = source.lists()?;
    let mut backend = Backend {
        first_page: lists.first_page,
        stories: Vec::new(),
        warnings: lists.warnings,
    };
    for summary in &lists.listed {
        match source.article_text(summary, &mut backend.warnings) {
            Ok(None) => break,
            Ok(Some(text)) => match story(&text, summary) {
                Ok(story) => backend.stories.push(story),
                Err(e) => backend.warnings.push(format!("{e}; article skipped")),
            },
            Err(e) => backend.warnings.push(format!("{e}; article skipped")),
        }
    }
    Ok(backend)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::testserver::{respond, respond_chunked, serve_with};
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    /// A fresh directory under the system temp dir holding `files`.
    pub fn backend_dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let file = dir.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        dir
    }

    pub fn entry(id: &str) -> String {
        format!(
            r#"{{"id":"{id}","title":"제목 {id}","summary":"요약 {id}","published_at":"2025-12-0{}T10:00:00+09:00"}}"#,
            id.len() % 9 + 1
        )
    }

    pub fn article(id: &str) -> String {
        format!(
            r#"{{"id":"{id}","title":"제목 {id}","published_at":"2025-12-08T10:00:00+09:00","body":[{{"type":"paragraph","text":"본문"}}]}}"#
        )
    }

    #[test]
    fn pages_are_followed_and_every_listed_article_is_read() {
        let dir = backend_dir(
            "pages",
            &[
                (
                    "articles.json",
                    &format!(
                        r#"{{"articles":[{},{}],"next_page":"lists/2.json"}}"#,
                        entry("a"),
                        entry("b")
                    ),
                ),
                (
                    "lists/2.json",
                    &format!(r#"{{"articles":[{},{}]}}"#, entry("b"), entry("c")),
                ),
                ("articles/a.json", &article("a")),
                ("articles/b.json", &article("b")),
                ("articles/c.json", &article("c")),
            ],
        );
        let b = load(Location::Dir(&dir), Limits::default()).unwrap();
        let ids: Vec<_> = b.stories.iter().map(|s| s.article.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"], "b is listed twice but read once");
        let first = b.first_page.unwrap();
        assert_eq!(first.articles.len(), 2);
        assert_eq!(first.next_page.as_deref(), Some("lists/2.json"));
        assert_eq!(b.stories[2].article.title, "제목 c");
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    }

    #[test]
    fn bad_articles_are_skipped_with_a_warning() {
        let dir = backend_dir(
            "bad",
            &[
                (
                    "articles.json",
                    &format!(
                        r#"{{"articles":[{},{},{},{},{{"id":"../x","title":"t","published_at":"2025-12-08T10:00:00Z"}}]}}"#,
                        entry("ok"),
                        entry("broken"),
                        entry("missing"),
                        entry("other")
                    ),
                ),
                ("articles/ok.json", &article("ok")),
                (
                    "articles/broken.json",
                    r#"{"id":"broken","title":5,"body":[]}"#,
                ),
                ("articles/other.json", &article("ok")),
            ],
        );
        let b = load(Location::Dir(&dir), Limits::default()).unwrap();
        let ids: Vec<_> = b.stories.iter().map(|s| s.article.id.as_str()).collect();
        assert_eq!(ids, ["ok"]);
        assert_eq!(b.warnings.len(), 3, "{:?}", b.warnings);
        assert!(b.warnings[0].contains("broken.json"));
        assert!(b.warnings[1].contains("missing.json"));
        assert!(b.warnings[2].contains("other.json: its id is \"ok\""));
    }

    #[test]
    fn a_page_loop_stops() {
        let dir = backend_dir(
            "loop",
            &[
                (
                    "articles.json",
                    &format!(r#"{{"articles":[{}],"next_page":"p2.json"}}"#, entry("a")),
                ),
                ("p2.json", r#"{"articles":[],"next_page":"articles.json"}"#),
                ("articles/a.json", &article("a")),
            ],
        );
        let b = load(Location::Dir(&dir), Limits::default()).unwrap();
        assert_eq!(b.stories.len(), 1);
        assert!(b.warnings[0].contains("loop"), "{:?}", b.warnings);
    }

    #[test]
    fn endless_paging_stops_at_the_limit() {
        let pages: Vec<(String, String)> = (0..MAX_PAGES + 5)
            .map(|n| {
                let path = if n == 0 {
                    "articles.json".to_owned()
                } else {
                    format!("p{n}.json")
                };
                (
                    path,
                    format!(r#"{{"articles":[],"next_page":"p{}.json"}}"#, n + 1),
                )
            })
            .collect();
        let files: Vec<(&str, &str)> = pages
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let b = load(
            Location::Dir(&backend_dir("endless", &files)),
            Limits::default(),
        )
        .unwrap();
        assert_eq!(b.warnings.len(), 1);
        assert!(b.warnings[0].contains("more than 100 list pages"));
    }

    #[test]
    fn a_broken_later_page_keeps_what_was_read() {
        let dir = backend_dir(
            "later",
            &[
                (
                    "articles.json",
                    &format!(r#"{{"articles":[{}],"next_page":"p2.json"}}"#, entry("a")),
                ),
                ("p2.json", "<html>not json"),
                ("articles/a.json", &article("a")),
            ],
        );
        let b = load(Location::Dir(&dir), Limits::default()).unwrap();
        assert_eq!(b.stories.len(), 1);
        assert!(b.warnings[0].contains("p2.json"));
    }

    #[test]
    fn an_unreadable_first_page_is_an_error() {
        assert!(load(Location::Dir(&backend_dir("empty", &[])), Limits::default()).is_err());
        let dir = backend_dir("shape", &[("articles.json", r#"{"articles":5}"#)]);
        assert!(load(Location::Dir(&dir), Limits::default())
            .unwrap_err()
            .contains("articles"));
    }

    /// Serves `dir` over HTTP on a free port (404 for missing files).
    fn serve(dir: PathBuf) -> String {
        serve_with(move |path, out| match std::fs::read(dir.join(path)) {
            Ok(body) => respond(out, "200 OK", "", &body),
            Err(_) => respond(out, "404 Not Found", "", b"missing"),
        })
    }

    /// A backend listing `ids`, whose article `huge` is `size` bytes sent
    /// chunked and `announced` announces that size.
    fn hostile_backend(ids: &'static [&'static str], size: usize) -> String {
        serve_with(move |path, out| {
            let list = ids.iter().map(|id| entry(id)).collect::<Vec<_>>().join(",");
            match path {
                "articles.json" => respond(
                    out,
                    "200 OK",
                    "",
                    format!(r#"{{"articles":[{list}]}}"#).as_bytes(),
                ),
                "articles/huge.json" => respond_chunked(out, size),
                "articles/announced.json" => {
                    let _ = std::io::Write::write_all(
                        out,
                        format!("HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n").as_bytes(),
                    );
                }
                "articles/loop.json" => respond(
                    out,
                    "302 Found",
                    "Location: /api/articles/loop.json\r\n",
                    b"",
                ),
                "articles/hop.json" => {
                    respond(out, "302 Found", "Location: /api/articles/ok.json\r\n", b"")
                }
                "articles/slow.json" => {
                    std::thread::sleep(Duration::from_millis(2500));
                    respond(out, "200 OK", "", article("slow").as_bytes());
                }
                other => {
                    let id = other
                        .trim_start_matches("articles/")
                        .trim_end_matches(".json");
                    respond(out, "200 OK", "", article(id).as_bytes())
                }
            }
        })
    }

    #[test]
    fn a_document_larger_than_the_app_reads_is_refused_while_it_streams() {
        const MIB: usize = 1024 * 1024;
        let base = hostile_backend(&["huge", "announced", "ok"], 40 * MIB);
        let started = Instant::now();
        let b = load(Location::Url(&base), Limits::default()).unwrap();
        let ids: Vec<_> = b.stories.iter().map(|s| s.article.id.as_str()).collect();
        assert_eq!(ids, ["ok"], "{:?}", b.warnings);
        for (doc, warning) in ["huge", "announced"].iter().zip(&b.warnings) {
            assert!(
                warning.contains(&format!("articles/{doc}.json: larger than 2097152 bytes")),
                "{warning}"
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the read stopped at the limit"
        );
        // A directory is read with the same count.
        let dir = backend_dir(
            "big-file",
            &[
                (
                    "articles.json",
                    &format!(r#"{{"articles":[{}]}}"#, entry("big")),
                ),
                ("articles/big.json", &" ".repeat(3 * MIB)),
            ],
        );
        let b = load(Location::Dir(&dir), Limits::default()).unwrap();
        assert!(b.stories.is_empty());
        assert!(
            b.warnings[0].contains("larger than 2097152 bytes"),
            "{:?}",
            b.warnings
        );
    }

    #[test]
    fn redirects_are_followed_a_few_times_only() {
        let base = hostile_backend(&["hop", "loop"], 0);
        let b = load(Location::Url(&base), Limits::default()).unwrap();
        assert_eq!(
            b.stories.len(),
            0,
            "hop.json leads to ok.json, whose id is not hop"
        );
        assert!(
            b.warnings[0].contains("its id is \"ok\""),
            "{:?}",
            b.warnings
        );
        assert!(
            b.warnings[1].contains("articles/loop.json"),
            "{:?}",
            b.warnings
        );
        assert!(
            b.warnings[1].to_lowercase().contains("redirect"),
            "{:?}",
            b.warnings
        );
    }

    #[test]
    fn the_whole_read_stops_at_its_limits_with_a_message() {
        let base = hostile_backend(&["a", "b", "c", "d"], 0);
        let few = Limits {
            articles: 2,
            ..Limits::default()
        };
        let b = load(Location::Url(&base), few).unwrap();
        assert_eq!(b.stories.len(), 2);
        assert!(
            b.warnings[0].contains("4 articles listed; only the first 2 (API_MAX_ARTICLES)"),
            "{:?}",
            b.warnings
        );

        let list_len = format!(
            r#"{{"articles":[{},{},{},{}]}}"#,
            entry("a"),
            entry("b"),
            entry("c"),
            entry("d")
        )
        .len();
        let small = Limits {
            total_bytes: (list_len + 2 * article("a").len() + 10) as u64,
            ..Limits::default()
        };
        let b = load(Location::Url(&base), small).unwrap();
        assert_eq!(b.stories.len(), 2, "{:?}", b.warnings);
        assert_eq!(b.warnings.len(), 1, "{:?}", b.warnings);
        assert!(
            b.warnings[0].contains("API_MAX_TOTAL_BYTES"),
            "{:?}",
            b.warnings
        );

        let base = hostile_backend(&["a", "slow", "b"], 0);
        let short = Limits {
            wall: Duration::from_secs(2),
            ..Limits::default()
        };
        let b = load(Location::Url(&base), short).unwrap();
        assert_eq!(b.stories.len(), 1, "{:?}", b.warnings);
        assert!(
            b.warnings.iter().any(|w| w.contains("API_MAX_SECONDS")),
            "{:?}",
            b.warnings
        );
    }

    #[test]
    fn limits_come_from_the_environment_or_say_which_value_is_wrong() {
        let limits = Limits::from_env(1234).unwrap();
        assert_eq!(limits.document_bytes, 1234);
        std::env::set_var("API_MAX_ARTICLES", "many");
        let refused = Limits::from_env(1234).unwrap_err();
        std::env::remove_var("API_MAX_ARTICLES");
        assert!(refused.contains("API_MAX_ARTICLES=\"many\""), "{refused}");
    }

    #[test]
    fn a_live_backend_is_read_over_http() {
        let dir = backend_dir(
            "http",
            &[
                (
                    "articles.json",
                    &format!(r#"{{"articles":[{},{}]}}"#, entry("a"), entry("gone")),
                ),
                ("articles/a.json", &article("a")),
            ],
        );
        let base = serve(dir);
        let b = load(Location::Url(&base), Limits::default()).unwrap();
        assert_eq!(b.stories.len(), 1);
        assert_eq!(b.stories[0].article.id.as_str(), "a");
        assert!(
            b.warnings.iter().any(|w| w.contains("articles/gone.json")),
            "{:?}",
            b.warnings
        );
        // A backend that is down is an error, not an empty site.
        assert!(load(Location::Url("http://127.0.0.1:9/api"), Limits::default()).is_err());
    }
}
