//! Publishing the backend's documents into a site: the prerendered pages,
//! the sitemap and the feed, written in place while the site is served.
//!
//! `postbuild` publishes everything into a fresh build; `xtask publish
//! SITE` publishes again into the served copy after the documents changed
//! (the sync program's run, a CMS hook), and writes only what changed: the
//! pages of new or changed articles (a hash of each document is kept in
//! `_gazette/manifest.json`), the home page, sitemap part and feed when the
//! lists changed, and removes the pages of articles no longer listed. Every
//! file is written under a temporary name and renamed over the old one, so
//! a reader never meets a missing or half-written page; pre-compressed
//! copies (`.br`, `.gz`) follow their page. Pages of unchanged articles
//! keep the side column's list they were rendered with (the app fetches
//! the current one once it has started).
//!
//! What `publish` needs from the build is kept in `_gazette/`: the
//! processed shell every page is rendered into, and the site's address,
//! name and description.

use crate::compress;
use crate::feeds;
use crate::pages::{self, Frame};
use crate::site::Site;
use crate::source::{self, Limits, Location, Source, Story};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Brotli quality of the pages publishing writes (the build uses 11 for
/// its few files; a large archive's pages are many).
const BROTLI_QUALITY: u32 = 9;

/// The folder of the site that holds what publishing needs.
pub const STATE: &str = "_gazette";

/// The build's part of every page: written by `postbuild`, read by
/// `publish`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Frozen {
    pub shell: String,
    pub site_url: String,
    pub site_name: String,
    pub site_description: String,
}

impl Frozen {
    pub fn site(&self) -> Site {
        Site {
            url: self.site_url.clone(),
            name: self.site_name.clone(),
            description: self.site_description.clone(),
        }
    }

    fn hash(&self) -> String {
        hash(serde_json::to_string(self).unwrap_or_default().as_bytes())
    }

    pub fn save(&self, site_dir: &Path) -> Result<(), String> {
        let text = serde_json::to_string(self).map_err(|e| e.to_string())?;
        put(
            site_dir,
            &format!("{STATE}/build.json"),
            text.as_bytes(),
            false,
        )
        .map(drop)
    }

    pub fn load(site_dir: &Path) -> Result<Self, String> {
        let path = site_dir.join(STATE).join("build.json");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "{}: {e} (publish into a site made by `xtask postbuild`)",
                path.display()
            )
        })?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// What the site's pages were rendered from.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// [`Frozen::hash`] of the build the pages were rendered with.
    build: String,
    /// The list pages' text hash (the home page, sitemap and feed follow).
    lists: String,
    /// Each article with a page: its document's hash and last change.
    articles: BTreeMap<String, Entry>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    hash: String,
    changed: i64,
}

fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Articles with a page.
    pub articles: usize,
    /// Files written (new or changed), pre-compressed copies not counted.
    pub written: Vec<String>,
    /// Files removed.
    pub removed: Vec<String>,
    pub warnings: Vec<String>,
}

/// Writes `bytes` to `site_dir/path` unless it holds them already, under a
/// temporary name renamed into place, with `.br`/`.gz` copies when
/// `compressed`. Returns whether it wrote.
fn put(site_dir: &Path, path: &str, bytes: &[u8], compressed: bool) -> Result<bool, String> {
    let target = site_dir.join(path);
    if std::fs::read(&target).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let mut files = vec![(target.clone(), bytes.to_vec())];
    if compressed && compress::wanted(&target, bytes.len() as u64) {
        // Brotli at a lower quality than the build's: a page a few per
        // cent larger, written many times faster (see BROTLI_QUALITY).
        for (ext, packed) in [
            ("br", compress::brotli_at(bytes, BROTLI_QUALITY)),
            ("gz", compress::gzip(bytes)),
        ] {
            let mut name = target.clone().into_os_string();
            name.push(format!(".{ext}"));
            files.push((name.into(), packed));
        }
    }
    // The copies first, the page last: a host choosing by the plain file
    // never finds copies older than it.
    for (file, data) in files.iter().rev() {
        let folder = file.parent().unwrap_or(site_dir);
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = std::fs::write(&temp, data).and_then(|()| std::fs::rename(&temp, file));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(format!("{}: {e}", file.display()));
        }
    }
    Ok(true)
}

/// Removes `site_dir/path` and its pre-compressed copies.
fn remove(site_dir: &Path, path: &str) -> bool {
    let target = site_dir.join(path);
    for ext in ["br", "gz"] {
        let _ = std::fs::remove_file(format!("{}.{ext}", target.display()));
    }
    std::fs::remove_file(&target).is_ok()
}

/// Publishes the documents at `from` (none: only the site-wide pages) into
/// `site_dir`, rendered into `build` at `now`; `compressed` writes `.br`
/// and `.gz` copies beside what changed. Fails, leaving the site as it
/// was, only when the first list page cannot be read.
pub fn publish(
    site_dir: &Path,
    build: &Frozen,
    from: Option<Location>,
    limits: Limits,
    now: i64,
    compressed: bool,
) -> Result<Report, String> {
    let manifest_path = site_dir.join(STATE).join("manifest.json");
    let old: Manifest = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let full = old.build != build.hash();
    let mut report = Report::default();
    let mut source = from.map(|from| Source::new(from, limits));
    let lists = match source.as_mut() {
        Some(source) => source.lists()?,
        None => source::Lists::default(),
    };
    report.warnings.extend(lists.warnings.iter().cloned());
    let frame = Frame {
        shell: &build.shell,
        site_url: &build.site_url,
        now,
    };
    let wrote = |path: &str, bytes: &[u8], report: &mut Report| -> Result<(), String> {
        if put(site_dir, path, bytes, compressed)? {
            report.written.push(path.to_owned());
        }
        Ok(())
    };

    // The articles: rendered when new, changed, or the build changed.
    let unsafe_ids = pages::unportable_ids(lists.listed.iter().map(|s| s.id.as_str()));
    for (id, why) in &unsafe_ids {
        report.warnings.push(format!(
            "no prerendered page for article {id:?}: {why} (the app still shows it at /article/{id})"
        ));
    }
    let side = pages::side_docs(lists.first_page.as_ref());
    let mut articles = BTreeMap::new();
    let mut latest: Vec<Story> = Vec::new();
    for summary in &lists.listed {
        let id = summary.id.as_str();
        if unsafe_ids.iter().any(|(skipped, _)| skipped == id) {
            continue;
        }
        let Some(source) = source.as_mut() else { break };
        let text = match source.article_text(summary, &mut report.warnings) {
            Ok(Some(text)) => text,
            Ok(None) => break,
            Err(e) => {
                report.warnings.push(format!("{e}; article skipped"));
                continue;
            }
        };
        let doc_hash = hash(text.as_bytes());
        let page = pages::article_path(id);
        let kept = old
            .articles
            .get(id)
            .filter(|e| !full && e.hash == doc_hash && site_dir.join(&page).exists());
        if let Some(entry) = kept {
            articles.insert(id.to_owned(), entry.clone());
            if latest.len() < feeds::RSS_ITEMS {
                if let Ok(story) = source::story(&text, summary) {
                    latest.push(story);
                }
            }
            continue;
        }
        let story = match source::story(&text, summary) {
            Ok(story) => story,
            Err(e) => {
                report.warnings.push(format!("{e}; article skipped"));
                continue;
            }
        };
        wrote(
            &page,
            pages::article(frame, &story, &side)?.as_bytes(),
            &mut report,
        )?;
        // Progress on long runs (the first publish of a large archive).
        if !report.written.is_empty() && report.written.len().is_multiple_of(1_000) {
            eprintln!("xtask: {} article pages written", report.written.len());
        }
        articles.insert(
            id.to_owned(),
            Entry {
                hash: doc_hash,
                changed: feeds::last_changed(&story),
            },
        );
        if latest.len() < feeds::RSS_ITEMS {
            latest.push(story);
        }
    }
    report.articles = articles.len();

    // Pages of articles no longer listed.
    let listed: HashSet<&str> = articles.keys().map(String::as_str).collect();
    for id in old
        .articles
        .keys()
        .filter(|id| !listed.contains(id.as_str()))
    {
        let page = pages::article_path(id);
        if remove(site_dir, &page) {
            let _ = std::fs::remove_dir(site_dir.join(format!("article/{id}")));
            report.removed.push(page);
        }
    }

    // The site-wide files, when what they show changed.
    let lists_hash = hash(lists.text.as_bytes());
    let site = build.site();
    if full || lists_hash != old.lists || !report.removed.is_empty() {
        wrote(
            "index.html",
            pages::home(frame, lists.first_page.as_ref())?.as_bytes(),
            &mut report,
        )?;
        let entries: Vec<(String, i64)> = lists
            .listed
            .iter()
            .filter_map(|s| {
                articles
                    .get(s.id.as_str())
                    .map(|e| (s.id.as_str().to_owned(), e.changed))
            })
            .collect();
        let files = feeds::sitemaps(&site, &entries)?;
        let parts: HashSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
        for (path, xml) in files {
            wrote(&path, xml.as_bytes(), &mut report)?;
        }
        // Parts of a longer sitemap that are no longer needed.
        for n in 1.. {
            let path = format!("sitemap-{n}.xml");
            if parts.contains(&path) {
                continue;
            }
            if !remove(site_dir, &path) {
                break;
            }
            report.removed.push(path);
        }
        latest.sort_by_key(|s| std::cmp::Reverse(s.article.published_at));
        wrote(
            "rss.xml",
            feeds::rss(&site, &latest)?.as_bytes(),
            &mut report,
        )?;
    }
    if full {
        wrote("404.html", pages::not_found(frame)?.as_bytes(), &mut report)?;
        wrote("robots.txt", feeds::robots(&site).as_bytes(), &mut report)?;
    }
    let manifest = Manifest {
        build: build.hash(),
        lists: lists_hash,
        articles,
    };
    let text = serde_json::to_string(&manifest).map_err(|e| e.to_string())?;
    put(
        site_dir,
        &format!("{STATE}/manifest.json"),
        text.as_bytes(),
        false,
    )?;
    Ok(report)
}

/// Holds `_gazette/lock` while a run publishes, so two runs (a timer and a
/// hook, say) never write the same site at once. A lock left by a run that
/// died (its process is gone) is taken over.
pub struct Lock(std::path::PathBuf);

impl Lock {
    pub fn take(site_dir: &Path) -> Result<Self, String> {
        let dir = site_dir.join(STATE);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = dir.join("lock");
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    use std::io::Write;
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(Lock(path));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    let alive = holder
                        .trim()
                        .parse::<u32>()
                        .is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
                    if alive {
                        return Err(format!(
                            "another run (process {}) is publishing into {}; try again when it ends",
                            holder.trim(),
                            site_dir.display()
                        ));
                    }
                    let _ = std::fs::remove_file(&path);
                }
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
        Err(format!("{}: could not take the lock", path.display()))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::source::tests::{article, backend_dir, entry};
    use std::io::Read;

    pub fn build() -> Frozen {
        Frozen {
            shell: crate::pages::tests::SHELL.to_owned(),
            site_url: "https://news.example".into(),
            site_name: "한빛일보".into(),
            site_description: "설명".into(),
        }
    }

    fn list(ids: &[&str]) -> String {
        let entries: Vec<String> = ids.iter().map(|id| entry(id)).collect();
        format!(r#"{{"articles":[{}]}}"#, entries.join(","))
    }

    fn run(site: &Path, api: &Path, compressed: bool) -> Report {
        publish(
            site,
            &build(),
            Some(Location::Dir(api)),
            Limits::default(),
            1_766_545_200,
            compressed,
        )
        .unwrap()
    }

    #[test]
    fn a_second_run_writes_only_what_changed() {
        let api = backend_dir(
            "publish-api",
            &[
                ("articles.json", &list(&["a", "b"])),
                ("articles/a.json", &article("a")),
                ("articles/b.json", &article("b")),
            ],
        );
        let site = backend_dir("publish-site", &[]);
        let first = run(&site, &api, true);
        assert_eq!(first.articles, 2);
        for file in [
            "article/a/index.html",
            "article/b/index.html",
            "index.html",
            "404.html",
            "sitemap.xml",
            "rss.xml",
            "robots.txt",
        ] {
            assert!(
                first.written.iter().any(|w| w == file),
                "{file} not in {:?}",
                first.written
            );
        }
        let page = std::fs::read(site.join("article/a/index.html")).unwrap();
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(
            &std::fs::read(site.join("article/a/index.html.gz")).unwrap()[..],
        )
        .read_to_end(&mut unpacked)
        .unwrap();
        assert_eq!(unpacked, page, "the copy follows its page");

        let again = run(&site, &api, true);
        assert!(
            again.written.is_empty() && again.removed.is_empty(),
            "{again:?}"
        );

        // A new article: its page, the home page, the sitemap and the feed.
        std::fs::write(api.join("articles.json"), list(&["c", "a", "b"])).unwrap();
        std::fs::write(api.join("articles/c.json"), article("c")).unwrap();
        let added = run(&site, &api, true);
        assert_eq!(
            added.written,
            [
                "article/c/index.html",
                "index.html",
                "sitemap.xml",
                "rss.xml"
            ],
            "{added:?}"
        );
        // An edited article: its page only (the list is the same).
        std::fs::write(
            api.join("articles/b.json"),
            article("b").replace("본문", "고친 본문"),
        )
        .unwrap();
        let edited = run(&site, &api, true);
        assert_eq!(edited.written, ["article/b/index.html"]);
        // An article taken down: its page and copies go.
        std::fs::write(api.join("articles.json"), list(&["c", "b"])).unwrap();
        let removed = run(&site, &api, true);
        assert_eq!(removed.removed, ["article/a/index.html"]);
        assert!(!site.join("article/a").exists());
        let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
        assert!(
            !sitemap.contains("/article/a<") && sitemap.contains("/article/c<"),
            "{sitemap}"
        );
        // No temporary file is left behind.
        let mut names = Vec::new();
        crate::compress::files(&site, &mut names).unwrap();
        assert!(
            !names.iter().any(|n| n.to_string_lossy().ends_with(".tmp")),
            "{names:?}"
        );
    }

    #[test]
    fn a_new_build_renders_every_page_again() {
        let api = backend_dir(
            "publish-build-api",
            &[
                ("articles.json", &list(&["a"])),
                ("articles/a.json", &article("a")),
            ],
        );
        let site = backend_dir("publish-build-site", &[]);
        run(&site, &api, false);
        let other = Frozen {
            site_name: "새 이름".into(),
            ..build()
        };
        let r = publish(
            &site,
            &other,
            Some(Location::Dir(&api)),
            Limits::default(),
            1,
            false,
        )
        .unwrap();
        assert!(
            r.written.iter().any(|w| w == "article/a/index.html"),
            "{r:?}"
        );
        assert!(r.written.iter().any(|w| w == "404.html"), "{r:?}");
    }

    #[test]
    fn one_run_at_a_time() {
        let site = backend_dir("publish-lock", &[]);
        let held = Lock::take(&site).unwrap();
        let refused = Lock::take(&site).err().unwrap();
        assert!(refused.contains("another run"), "{refused}");
        drop(held);
        // A lock left by a process that is gone is taken over.
        std::fs::write(site.join(STATE).join("lock"), "4294967").unwrap();
        assert!(Lock::take(&site).is_ok());
    }
}
