//! The backend's documents, read from a directory laid out like the JSON
//! contract (`articles.json`, its `next_page` documents, `articles/<id>.json`)
//! and validated by the app's own decoders, so a page is prerendered from
//! exactly what the app would show. Bad data is skipped with a warning.

use gazette_core::contract::{decode_article, decode_article_list, Article, ArticleSummary};
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

/// List pages followed at most (a backend paging forever must not hang the build).
pub const MAX_PAGES: usize = 100;
/// Largest document read; anything bigger is not a news article.
const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// One article, decoded, with the document it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    pub article: Article,
    /// Its entry in the list (summary and thumbnail).
    pub listed: ArticleSummary,
    /// The document as the backend sent it, embedded for the app.
    pub document: Value,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Backend {
    /// `articles.json` as sent, embedded in the home page; `None` when the
    /// backend could not be read.
    pub first_page: Option<Value>,
    /// The first page's entries, in the backend's order.
    pub latest: Vec<ArticleSummary>,
    /// Whether the first page links to a next one (the app's 더 보기).
    pub more: bool,
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

/// A document's text and its JSON value.
fn read_document(from: Location, path: &str) -> Result<(String, Value), String> {
    let dir = match from {
        Location::Dir(dir) => dir,
        Location::Url(base) => return fetch_document(base, path),
    };
    let file = dir.join(path);
    let size = std::fs::metadata(&file)
        .map_err(|e| format!("{}: {e}", file.display()))?
        .len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(format!("{}: {size} bytes is too large", file.display()));
    }
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok((text, value))
}

/// GETs `{base}/{path}` with curl (time-limited, size-limited, failing on
/// HTTP errors).
fn fetch_document(base: &str, path: &str) -> Result<(String, Value), String> {
    let url = format!("{}/{path}", base.trim_end_matches('/'));
    let out = std::process::Command::new("curl")
        .args(["-fsSL", "--max-time", "30", "--proto", "=http,https"])
        .args(["--max-filesize", &MAX_DOCUMENT_BYTES.to_string()])
        .arg(&url)
        .output()
        .map_err(|e| format!("curl {url}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{url}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8(out.stdout).map_err(|_| format!("{url}: not UTF-8"))?;
    let value = serde_json::from_str(&text).map_err(|e| format!("{url}: {e}"))?;
    Ok((text, value))
}

/// Reads the backend at `from`. Fails only when the first list page cannot
/// be read or decoded; later pages and articles that fail are skipped.
pub fn load(from: Location) -> Result<Backend, String> {
    let mut backend = Backend::default();
    let mut listed = Vec::new();
    let mut seen_ids = HashSet::new();
    let mut seen_pages = HashSet::new();
    let mut next = Some("articles.json".to_owned());
    while let Some(path) = next.take() {
        if !seen_pages.insert(path.clone()) {
            backend
                .warnings
                .push(format!("{path}: list pages link in a loop; stopped"));
            break;
        }
        if seen_pages.len() > MAX_PAGES {
            backend.warnings.push(format!(
                "more than {MAX_PAGES} list pages; stopped before {path}"
            ));
            break;
        }
        let first = backend.first_page.is_none();
        let page = read_document(from, &path).and_then(|(text, value)| {
            let list = decode_article_list(&text).map_err(|e| format!("{path}: {e}"))?;
            Ok((list, value))
        });
        let (list, value) = match page {
            Ok(page) => page,
            Err(e) if first => return Err(e),
            Err(e) => {
                backend.warnings.push(format!("{e}; later pages skipped"));
                break;
            }
        };
        if first {
            backend.first_page = Some(value);
            backend.latest = list.articles.clone();
            backend.more = list.next_page.is_some();
        }
        listed.extend(
            list.articles
                .into_iter()
                .filter(|a| seen_ids.insert(a.id.clone())),
        );
        next = list.next_page;
    }
    for summary in listed {
        let path = format!("articles/{}.json", summary.id);
        let story = read_document(from, &path).and_then(|(text, document)| {
            let article = decode_article(&text).map_err(|e| format!("{path}: {e}"))?;
            if article.id != summary.id {
                return Err(format!("{path}: its id is {:?}", article.id.as_str()));
            }
            Ok(Story {
                article,
                listed: summary,
                document,
            })
        });
        match story {
            Ok(story) => backend.stories.push(story),
            Err(e) => backend.warnings.push(format!("{e}; article skipped")),
        }
    }
    Ok(backend)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use std::path::PathBuf;

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
        let b = load(Location::Dir(&dir)).unwrap();
        let ids: Vec<_> = b.stories.iter().map(|s| s.article.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"], "b is listed twice but read once");
        assert_eq!(b.latest.len(), 2);
        assert!(b.more);
        assert_eq!(b.first_page.unwrap()["next_page"], "lists/2.json");
        assert_eq!(b.stories[2].document["title"], "제목 c");
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
        let b = load(Location::Dir(&dir)).unwrap();
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
        let b = load(Location::Dir(&dir)).unwrap();
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
        let b = load(Location::Dir(&backend_dir("endless", &files))).unwrap();
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
        let b = load(Location::Dir(&dir)).unwrap();
        assert_eq!(b.stories.len(), 1);
        assert!(b.warnings[0].contains("p2.json"));
    }

    #[test]
    fn an_unreadable_first_page_is_an_error() {
        assert!(load(Location::Dir(&backend_dir("empty", &[]))).is_err());
        let dir = backend_dir("shape", &[("articles.json", r#"{"articles":5}"#)]);
        assert!(load(Location::Dir(&dir)).unwrap_err().contains("articles"));
    }

    /// Serves `dir` over HTTP on a free port (404 for missing files).
    fn serve(dir: PathBuf) -> String {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/api", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                reader.read_line(&mut line).unwrap();
                let mut header = String::new();
                while reader.read_line(&mut header).unwrap_or(0) > 2 {
                    header.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/");
                let file = dir.join(path.trim_start_matches("/api/"));
                let (status, body) = match std::fs::read(&file) {
                    Ok(body) => ("200 OK", body),
                    Err(_) => ("404 Not Found", b"missing".to_vec()),
                };
                let mut out = stream;
                let _ = write!(
                    out,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = out.write_all(&body);
            }
        });
        base
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
        let b = load(Location::Url(&base)).unwrap();
        assert_eq!(b.stories.len(), 1);
        assert_eq!(b.stories[0].article.id.as_str(), "a");
        assert!(
            b.warnings.iter().any(|w| w.contains("articles/gone.json")),
            "{:?}",
            b.warnings
        );
        // A backend that is down is an error, not an empty site.
        assert!(load(Location::Url("http://127.0.0.1:9/api")).is_err());
    }
}
