//! `gazette-sync gnuboard`: Gnuboard5 posts and popups into the contract's
//! documents (`articles.json` and its pages, `articles/<id>.json`,
//! `notices.json`) in `--out`.
//!
//! A run reads everything first and stages what changed in a folder inside
//! `--out`; only when the whole read succeeded are the staged documents
//! renamed into place, the lists written, and the documents of posts that
//! are gone (deleted, made secret, moved to a members-only board) removed.
//! A run that fails leaves every published document as it was. A post that
//! cannot be published (zero date, bytes that are not UTF-8, a body larger
//! than an article may be) is skipped with a line naming its row.

use super::Failure;
use crate::db::{is_name, Db, Dsn};
use crate::flags::Flags;
use crate::gnuboard::{self, BoardRow};
use crate::out;
use gazette_core::api::MAX_ARTICLE_BYTES;
use gazette_core::contract::{ArticleList, ArticleSummary};
use gazette_core::encode;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Entries per list page (`articles.json`, `articles-2.json`, …).
const PAGE: usize = 30;
/// A progress line on stderr every this many posts.
const PROGRESS: usize = 5_000;
/// The staging folder inside `--out`.
const STAGING: &str = ".gazette-sync.staging";

const OPTIONS: [&str; 6] = ["dsn", "boards", "out", "prefix", "site-url", "files-url"];

/// What a run did, for its summary line and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub articles: usize,
    pub notices: usize,
    /// Documents written because they were new or changed.
    pub written: usize,
    /// Documents removed because their post is no longer published.
    pub removed: usize,
    /// Posts and popups skipped, one line each.
    pub skipped: Vec<String>,
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let flags = Flags::parse(args, &OPTIONS).map_err(Failure::Usage)?;
    let dsn = Dsn::parse(flags.required("dsn").map_err(Failure::Usage)?).map_err(Failure::Usage)?;
    let boards = boards(flags.required("boards").map_err(Failure::Usage)?)?;
    let out = PathBuf::from(flags.required("out").map_err(Failure::Usage)?);
    let prefix = flags.get("prefix").unwrap_or("g5_");
    let files_url = flags
        .get("files-url")
        .or(flags.get("site-url"))
        .map(|u| u.trim_end_matches('/').to_owned())
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .ok_or_else(|| {
            Failure::Usage(
                "--site-url (or --files-url) must be an http(s) address: pictures are served from its data/ folder"
                    .into(),
            )
        })?;
    let password = std::env::var("GAZETTE_DB_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    let mut db = Db::connect(&dsn, password, prefix)?;
    let report = sync(&mut db, &boards, &files_url, &out, now())?;
    for line in &report.skipped {
        eprintln!("gazette-sync gnuboard: skipped {line}");
    }
    println!(
        "gazette-sync gnuboard: {} articles from {} board(s), {} notices; {} documents written, {} removed, {} skipped -> {}",
        report.articles,
        boards.len(),
        report.notices,
        report.written,
        report.removed,
        report.skipped.len(),
        out.display()
    );
    Ok(())
}

/// `--boards news,photo`: Gnuboard board names, each once.
fn boards(raw: &str) -> Result<Vec<String>, Failure> {
    let mut seen = HashSet::new();
    let boards: Vec<String> = raw
        .split(',')
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .filter(|b| seen.insert(b.to_string()))
        .map(str::to_owned)
        .collect();
    if boards.is_empty() {
        return Err(Failure::Usage("--boards names no board".into()));
    }
    if let Some(bad) = boards.iter().find(|b| !is_name(b) || b.len() > 20) {
        return Err(Failure::Usage(format!(
            "--boards: {bad:?} is not a Gnuboard board name (A-Z, a-z, 0-9, _; at most 20)"
        )));
    }
    Ok(boards)
}

/// Now, or `SOURCE_DATE_EPOCH` (for reproducible runs and tests).
fn now() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}

/// Stages `text` as `path` when it differs from what `out` holds.
struct Stage<'a> {
    out: &'a Path,
    dir: PathBuf,
    staged: Vec<String>,
}

impl Stage<'_> {
    fn put(&mut self, path: &str, text: &str) -> Result<(), String> {
        if std::fs::read(self.out.join(path)).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(());
        }
        out::write(&self.dir, path, text.as_bytes())?;
        self.staged.push(path.to_owned());
        Ok(())
    }
}

/// Reads `boards` and the popups from `db` and publishes their documents
/// in `out` (see the module's comment for the order of things).
pub fn sync(
    db: &mut Db,
    boards: &[String],
    files_url: &str,
    out: &Path,
    now: i64,
) -> Result<Report, String> {
    let staging = out.join(STAGING);
    let _ = std::fs::remove_dir_all(&staging);
    let mut stage = Stage {
        out,
        dir: staging.clone(),
        staged: Vec::new(),
    };
    let result = read(db, boards, files_url, &mut stage, now);
    let publish = result.and_then(|(report, listed)| {
        let removed = publish(out, &stage, &listed)?;
        Ok(Report {
            written: stage.staged.len(),
            removed,
            ..report
        })
    });
    let _ = std::fs::remove_dir_all(&staging);
    publish
}

/// Everything read and staged: the report so far and the ids of the
/// published articles.
fn read(
    db: &mut Db,
    boards: &[String],
    files_url: &str,
    stage: &mut Stage,
    now: i64,
) -> Result<(Report, HashSet<String>), String> {
    let mut report = Report::default();
    let several = boards.len() > 1;
    let mut listed: Vec<ArticleSummary> = Vec::new();
    for board in db.boards(boards)? {
        if !gnuboard::readable(&board) {
            report.skipped.push(format!(
                "board {}: guests cannot read it (bo_read_level {})",
                board.bo_table, board.bo_read_level
            ));
            continue;
        }
        read_board(
            db,
            &board,
            several,
            files_url,
            stage,
            &mut report,
            &mut listed,
        )?;
    }
    if several {
        // Each board is in Gnuboard's order; together, newest first.
        listed.sort_by_key(|s| std::cmp::Reverse(s.published_at));
    }
    report.articles = listed.len();
    let ids = listed.iter().map(|s| s.id.as_str().to_owned()).collect();
    let pages: Vec<&[ArticleSummary]> = listed.chunks(PAGE).collect();
    let count = pages.len().max(1);
    for n in 0..count {
        let list = ArticleList {
            articles: pages.get(n).map(|p| p.to_vec()).unwrap_or_default(),
            next_page: (n + 1 < count).then(|| page_path(n + 2)),
        };
        stage.put(&page_path(n + 1), &encode::article_list(&list))?;
    }
    let mut notices = Vec::new();
    for popup in db.popups()? {
        match popup.and_then(|p| gnuboard::notice(&p, now, files_url)) {
            Ok(Some(n)) => notices.push(n),
            Ok(None) => {}
            Err(e) => report.skipped.push(e),
        }
    }
    report.notices = notices.len();
    stage.put("notices.json", &encode::notices(&notices))?;
    Ok((report, ids))
}

fn read_board(
    db: &mut Db,
    board: &BoardRow,
    several: bool,
    files_url: &str,
    stage: &mut Stage,
    report: &mut Report,
    listed: &mut Vec<ArticleSummary>,
) -> Result<(), String> {
    let files = db.files(&board.bo_table)?;
    let mut read = 0usize;
    db.posts(&board.bo_table, |post| {
        read += 1;
        // Progress on long runs (the first sync of a large archive).
        if read.is_multiple_of(PROGRESS) {
            eprintln!("gazette-sync gnuboard: {}: {read} posts read", board.bo_table);
        }
        let post = match post {
            Ok(post) => post,
            Err(e) => {
                report.skipped.push(e);
                return Ok(());
            }
        };
        if !gnuboard::listable(&post) {
            return Ok(());
        }
        if post.wr_content.len() > MAX_ARTICLE_BYTES as usize {
            report.skipped.push(format!(
                "post {}/{}: wr_content is {} bytes, more than the {MAX_ARTICLE_BYTES} an article may have",
                post.bo_table,
                post.wr_id,
                post.wr_content.len()
            ));
            return Ok(());
        }
        match gnuboard::article(&post, board, &files, several, files_url) {
            Ok((article, summary)) => {
                let text = encode::article(&article);
                if text.len() > MAX_ARTICLE_BYTES as usize {
                    report.skipped.push(format!(
                        "post {}/{}: its document would be {} bytes, more than the {MAX_ARTICLE_BYTES} an article may have",
                        post.bo_table,
                        post.wr_id,
                        text.len()
                    ));
                    return Ok(());
                }
                stage.put(&gazette_core::api::article_path(&article.id), &text)?;
                listed.push(summary);
            }
            Err(e) => report.skipped.push(e),
        }
        Ok(())
    })
}

/// `articles.json`, `articles-2.json`, …
fn page_path(n: usize) -> String {
    if n == 1 {
        "articles.json".to_owned()
    } else {
        format!("articles-{n}.json")
    }
}

/// Moves the staged documents into `out` (articles first, then the lists
/// that link to them), then removes the documents of articles no longer
/// listed and list pages past the last. Returns how many were removed.
fn publish(out: &Path, stage: &Stage, listed: &HashSet<String>) -> Result<usize, String> {
    let (lists, documents): (Vec<&String>, Vec<&String>) = stage
        .staged
        .iter()
        .partition(|p| !p.starts_with("articles/"));
    for path in documents.into_iter().chain(lists) {
        let target = out.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        }
        std::fs::rename(stage.dir.join(path), &target)
            .map_err(|e| format!("{}: {e}", target.display()))?;
    }
    let mut removed = 0;
    let gone = |name: &str| -> bool {
        name.strip_suffix(".json")
            .is_some_and(|id| !listed.contains(id))
    };
    if let Ok(entries) = std::fs::read_dir(out.join("articles")) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if gone(&name) && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    let pages = listed.len().div_ceil(PAGE).max(1);
    if let Ok(entries) = std::fs::read_dir(out) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = name
                .strip_prefix("articles-")
                .and_then(|n| n.strip_suffix(".json"))
                .and_then(|n| n.parse::<usize>().ok())
                .is_some_and(|n| n > pages);
            if stale && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    Ok(removed)
}
