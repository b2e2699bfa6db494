//! The last good copy of each document in `localStorage`, kept and read
//! with `gazette_core::cache`'s rules (index, bounds, eviction).

pub use gazette_core::cache::*;

#[cfg(target_arch = "wasm32")]
mod store {
    use super::*;
    use crate::storage;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Whether this page view has swept the store yet.
    static SWEPT: AtomicBool = AtomicBool::new(false);

    /// The stored index. Its first read in a page view also removes the
    /// kept copies it does not list, which nothing would evict otherwise.
    fn read_index() -> Vec<Kept> {
        let index = parse_index(storage::get(INDEX_KEY).as_deref());
        if !SWEPT.swap(true, Ordering::Relaxed) {
            // All keys first: removing shifts the positions of the others.
            for key in orphaned_keys(storage::keys(), &index) {
                storage::remove(&key);
            }
        }
        index
    }

    /// The kept text of `path` and when it was saved.
    pub fn load(path: &str) -> Option<(String, i64)> {
        let saved_at = read_index().into_iter().find(|k| k.path == path)?.saved_at;
        Some((storage::get(&format!("{PREFIX}{path}"))?, saved_at))
    }

    /// Keeps `text` as the last good copy of `path`.
    pub fn save(path: &str, text: &str, now: i64) {
        let mut index = read_index();
        let evicted = admit(
            &mut index,
            Kept {
                path: path.to_owned(),
                saved_at: now,
                size: storage_size(text),
            },
        );
        for p in &evicted {
            storage::remove(&format!("{PREFIX}{p}"));
        }
        if evicted.iter().any(|p| p == path) {
            return;
        }
        // A full storage makes room by dropping the oldest copies.
        while !storage::try_set(&format!("{PREFIX}{path}"), text) {
            match index.iter().rposition(|k| k.path != path) {
                Some(i) => storage::remove(&format!("{PREFIX}{}", index.remove(i).path)),
                None => {
                    index.retain(|k| k.path != path);
                    break;
                }
            }
        }
        storage::set(INDEX_KEY, &index_value(&index));
    }
}

#[cfg(target_arch = "wasm32")]
pub use store::{load, save};

/// Native builds have no storage: nothing is kept.
#[cfg(not(target_arch = "wasm32"))]
pub fn load(_path: &str) -> Option<(String, i64)> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
pub fn save(_path: &str, _text: &str, _now: i64) {}
