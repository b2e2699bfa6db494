//! The last good answer of each document (weather, article list, every
//! opened article), kept in `localStorage` so a failing network shows what
//! the reader saw last instead of an error, and an article read before can
//! be read again offline. These are its rules (index, bounds, eviction);
//! the app's `api::cache` reads and writes `localStorage` with them.
//!
//! Each document is stored raw under its own key and decoded again, through
//! the same validating decoder, when it is used: a corrupt or tampered entry
//! is an ordinary decode failure. An index records what is kept, so the
//! store stays bounded (at most [`MAX_ARTICLES`] articles and
//! [`MAX_BYTES`] in all), the oldest evicted first.

use crate::codec;
use crate::lenient::{object, List, Num, Obj, Str};
use serde::Serialize;

/// Articles kept at most.
pub const MAX_ARTICLES: usize = 50;
/// Stored text at most, counted as localStorage counts it (UTF-16 units).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Prefix of every cache key in storage.
pub const PREFIX: &str = "gazette.cache:";
/// Storage key of the index.
pub const INDEX_KEY: &str = "gazette.cache-index";

/// One kept document, as the index records it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kept {
    /// The document's path under the API base (`articles/1201.json`).
    pub path: String,
    /// When it was saved, Unix seconds.
    pub saved_at: i64,
    /// Its size in UTF-16 code units.
    pub size: usize,
}

impl Kept {
    fn is_article(&self) -> bool {
        self.path.starts_with("articles/")
    }
}

/// Size of `text` as localStorage counts it.
pub fn storage_size(text: &str) -> usize {
    text.encode_utf16().count()
}

object! {
    struct RawKept {
        path: Str = "path",
        saved_at: Num = "saved_at",
        size: Num = "size",
    }
}

/// Whether the document at `path` may be kept: the one rule for what
/// [`admit`] takes into the index and for what [`parse_index`] reads back
/// from it, so that no copy is stored that the index would then forget
/// (and never evict).
///
/// It is every path the app may fetch: `articles.json`, `weather.json`,
/// `articles/{id}.json` and any `next_page` as `sanitize::safe_relative_path`
/// accepts it, query string included (`articles-2.json?p=2`). Such a path
/// only names a key in storage, and the store's bounds hold for it as for
/// any other; refusing it would only lose the offline copy of a backend
/// that pages by query string.
pub fn is_cacheable_path(path: &str) -> bool {
    crate::sanitize::safe_relative_path(path).as_deref() == Some(path)
}

/// Records read from a stored index at most.
const MAX_RECORDS: usize = 1_000;

/// Reads the index; anything corrupt is dropped entry by entry.
pub fn parse_index(raw: Option<&str>) -> Vec<Kept> {
    let Some(Ok(List::<Obj<RawKept>, MAX_RECORDS>(Some(items)))) = raw.map(codec::from_str) else {
        return Vec::new();
    };
    let mut kept: Vec<Kept> = items
        .into_iter()
        .filter_map(|item| {
            let item = item.0?;
            let path = item.path.0.filter(|p| is_cacheable_path(p))?;
            let size = item.size.integer().filter(|&s| s >= 0)?;
            Some(Kept {
                path,
                saved_at: item.saved_at.integer()?,
                size: usize::try_from(size).ok().filter(|&s| s <= MAX_BYTES)?,
            })
        })
        .collect();
    // One record per path: the newest.
    newest_first(&mut kept);
    let mut seen = std::collections::HashSet::new();
    kept.retain(|k| seen.insert(k.path.clone()));
    kept
}

/// Newest first, ties in their order: one sort for both places that
/// order the index (each closure of its own would be a second copy of the
/// sort's code in the wasm module).
fn newest_first(index: &mut [Kept]) {
    index.sort_by_key(|k| std::cmp::Reverse(k.saved_at));
}

pub fn index_value(index: &[Kept]) -> String {
    codec::to_string(&index)
}

/// Adds `entry` to `index` and returns the paths to delete so the store
/// stays within bounds. A document larger than the whole budget, or whose
/// path is not [cacheable](is_cacheable_path), is not kept: its path is
/// returned.
pub fn admit(index: &mut Vec<Kept>, entry: Kept) -> Vec<String> {
    index.retain(|k| k.path != entry.path);
    let mut evicted = Vec::new();
    if entry.size > MAX_BYTES || !is_cacheable_path(&entry.path) {
        evicted.push(entry.path);
    } else {
        index.push(entry);
    }
    // Newest first; evict from the end (also restoring the bounds of an
    // index that was already over them).
    newest_first(index);
    loop {
        let total = index.iter().fold(0usize, |t, k| t.saturating_add(k.size));
        let articles = index.iter().filter(|k| k.is_article()).count();
        let victim = if articles > MAX_ARTICLES {
            index.iter().rposition(Kept::is_article)
        } else if total > MAX_BYTES {
            Some(index.len() - 1)
        } else {
            None
        };
        match victim {
            Some(i) => evicted.push(index.remove(i).path),
            None => return evicted,
        }
    }
}

/// The cache keys among `keys` (every key in storage) that `index` does
/// not list, to be removed: copies that nothing would ever evict, such as
/// those an older version saved but its index could not read back, or one
/// whose save was cut off before the index was written. Keys without
/// [`PREFIX`], the index's own among them, are not the cache's.
pub fn orphaned_keys(keys: impl IntoIterator<Item = String>, index: &[Kept]) -> Vec<String> {
    let listed: std::collections::HashSet<&str> = index.iter().map(|k| k.path.as_str()).collect();
    keys.into_iter()
        .filter(|key| {
            key.strip_prefix(PREFIX)
                .is_some_and(|path| !listed.contains(path))
        })
        .collect()
}

/// "오프라인 — 마지막 업데이트 14:30" for data saved at `saved_at`; the
/// date is added when it is not today in Korea.
pub fn offline_note(saved_at: i64, now: i64) -> String {
    let when = if crate::kst::date_line(saved_at) == crate::kst::date_line(now) {
        crate::kst::clock(saved_at)
    } else {
        crate::kst::date_time(saved_at)
    };
    format!("오프라인 — 마지막 업데이트 {when}")
}

/// A document from the backend, or from the cache when the backend failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Fetched<T> {
    pub value: T,
    /// `Some(saved_at)` when this is the kept copy shown offline.
    pub offline_since: Option<i64>,
}

impl<T> Fetched<T> {
    /// An answer from the backend (or the page), not the kept copy.
    pub fn fresh(value: T) -> Self {
        Self {
            value,
            offline_since: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kst::parse_rfc3339;

    fn kept(path: &str, saved_at: i64, size: usize) -> Kept {
        Kept {
            path: path.into(),
            saved_at,
            size,
        }
    }

    #[test]
    fn index_round_trips_and_drops_junk() {
        let index = vec![kept("weather.json", 10, 5), kept("articles/1.json", 9, 7)];
        assert_eq!(parse_index(Some(&index_value(&index))), index);
        for junk in [
            "",
            "{",
            "null",
            "{\"a\":1}",
            "[1,2]",
            "[{\"path\":5}]",
            "[{\"path\":\"articles/0.json\",\"saved_at\":0,\"size\":18446744073709551615}]",
            "[{\"path\":\"articles/0.json\",\"saved_at\":0.5,\"size\":1}]",
        ] {
            assert!(parse_index(Some(junk)).is_empty(), "{junk}");
        }
        let mixed = r#"[{"path":"articles/1.json","saved_at":1,"size":2},
                        {"path":"../x.json","saved_at":1,"size":2},
                        {"path":"articles/2.json","saved_at":"x","size":2},
                        {"path":"articles/1.json","saved_at":5,"size":3}]"#;
        assert_eq!(
            parse_index(Some(mixed)),
            vec![kept("articles/1.json", 5, 3)]
        );
        assert!(parse_index(None).is_empty());
    }

    #[test]
    fn paths_with_a_query_are_kept_and_read_back() {
        // A backend paging by query string: its second page was saved in
        // storage, the index read back without it, and nothing evicted it.
        let mut index = Vec::new();
        assert!(admit(&mut index, kept("articles-2.json?p=2", 1, 10)).is_empty());
        assert!(admit(&mut index, kept("pages/3", 2, 10)).is_empty());
        assert_eq!(index.len(), 2);
        assert_eq!(parse_index(Some(&index_value(&index))), index);
    }

    #[test]
    fn one_rule_says_which_paths_are_kept_and_read_back() {
        for ok in [
            "articles.json",
            "weather.json",
            "articles/yg-1.json",
            "articles-2.json?p=2",
            "pages/2",
            "list?page=2&size=20",
        ] {
            assert!(is_cacheable_path(ok), "{ok}");
        }
        let too_long = format!("{}.json", "a".repeat(252));
        for bad in [
            "",
            " articles.json",
            "../x.json",
            "a/../../x.json",
            "/articles.json",
            "https://evil.example/x.json",
            "a b.json",
            &too_long,
        ] {
            assert!(!is_cacheable_path(bad), "{bad:?}");
            // Neither saved nor read back.
            let mut index = vec![kept("weather.json", 1, 5)];
            assert_eq!(admit(&mut index, kept(bad, 2, 5)), vec![bad.to_owned()]);
            assert_eq!(index, vec![kept("weather.json", 1, 5)]);
            assert!(parse_index(Some(&index_value(&[kept(bad, 2, 5)]))).is_empty());
        }
    }

    #[test]
    fn cache_keys_the_index_does_not_list_are_orphans() {
        let index = vec![
            kept("weather.json", 1, 5),
            kept("articles-2.json?p=2", 2, 5),
        ];
        let keys = [
            "gazette.cache:weather.json",
            "gazette.cache:articles-2.json?p=2",
            "gazette.cache:articles-3.json?p=3",
            "gazette.font-size",
            INDEX_KEY,
            "gazette.cache:articles/1.json",
            "other.gazette.cache:x",
            "gazette.cache:",
        ];
        assert_eq!(
            orphaned_keys(keys.map(String::from), &index),
            [
                "gazette.cache:articles-3.json?p=3",
                "gazette.cache:articles/1.json",
                "gazette.cache:",
            ]
        );
        assert_eq!(
            orphaned_keys(keys.map(String::from), &[]),
            [
                "gazette.cache:weather.json",
                "gazette.cache:articles-2.json?p=2",
                "gazette.cache:articles-3.json?p=3",
                "gazette.cache:articles/1.json",
                "gazette.cache:",
            ]
        );
        assert!(orphaned_keys(Vec::new(), &index).is_empty());
    }

    #[test]
    fn at_most_fifty_articles_are_kept_oldest_evicted_first() {
        let mut index = vec![kept("weather.json", 0, 10), kept("articles.json", 1, 10)];
        for n in 0..MAX_ARTICLES {
            assert!(admit(
                &mut index,
                kept(&format!("articles/{n}.json"), 10 + n as i64, 10)
            )
            .is_empty());
        }
        let evicted = admit(&mut index, kept("articles/new.json", 1000, 10));
        assert_eq!(evicted, vec!["articles/0.json".to_owned()]);
        assert_eq!(
            index.iter().filter(|k| k.is_article()).count(),
            MAX_ARTICLES
        );
        // The weather and the list are not articles: they stay.
        assert!(index.iter().any(|k| k.path == "weather.json"));
        assert!(index.iter().any(|k| k.path == "articles.json"));
    }

    #[test]
    fn the_byte_budget_evicts_the_oldest_documents() {
        let big = MAX_BYTES / 3 + 1;
        let mut index = Vec::new();
        assert!(admit(&mut index, kept("articles/1.json", 1, big)).is_empty());
        assert!(admit(&mut index, kept("articles/2.json", 2, big)).is_empty());
        assert_eq!(
            admit(&mut index, kept("articles/3.json", 3, big)),
            vec!["articles/1.json"]
        );
        assert!(index.iter().map(|k| k.size).sum::<usize>() <= MAX_BYTES);
        // Saving a document again replaces its record.
        assert!(admit(&mut index, kept("articles/2.json", 4, 10)).is_empty());
        assert_eq!(index.len(), 2);
        // Larger than the whole budget: not kept at all.
        assert_eq!(
            admit(&mut index, kept("articles/huge.json", 5, MAX_BYTES + 1)),
            vec!["articles/huge.json"]
        );
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn sizes_are_counted_as_storage_counts_them() {
        assert_eq!(storage_size("abc"), 3);
        assert_eq!(storage_size("날씨"), 2);
        assert_eq!(storage_size("😀"), 2);
    }

    #[test]
    fn offline_note_names_the_time_of_the_last_update() {
        let saved = parse_rfc3339("2025-12-24T14:30:00+09:00").unwrap();
        let later_today = parse_rfc3339("2025-12-24T18:00:00+09:00").unwrap();
        let next_day = parse_rfc3339("2025-12-25T09:00:00+09:00").unwrap();
        assert_eq!(
            offline_note(saved, later_today),
            "오프라인 — 마지막 업데이트 14:30"
        );
        assert_eq!(
            offline_note(saved, next_day),
            "오프라인 — 마지막 업데이트 2025.12.24 14:30"
        );
    }
}
