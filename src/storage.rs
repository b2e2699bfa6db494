//! The reader's preferences in `localStorage`. Every read tolerates a
//! missing, corrupt or foreign value (it falls back to the default), and
//! every write tolerates a full or disabled storage: preferences are a
//! convenience, never a reason for the page to fail.

pub use gazette_core::prefs::*;

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    // `localStorage` throws in some privacy modes: treat that as absent.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored string for `key`, if storage is available and holds one.
pub fn get(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        local_storage()?.get_item(key).ok().flatten()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Stores `value` under `key`; failures (quota, disabled storage) are logged
/// and otherwise ignored.
pub fn set(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = local_storage() {
        if storage.set_item(key, value).is_err() {
            web_sys::console::warn_1(&format!("localStorage: could not save {key}").into());
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}

/// Stores `value` under `key`; false when storage is missing or full.
pub fn try_set(key: &str, value: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        local_storage().is_some_and(|s| s.set_item(key, value).is_ok())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (key, value);
        false
    }
}

/// Deletes `key`, if storage is available.
pub fn remove(key: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = key;
}

/// Every key in storage; none when storage is missing.
pub fn keys() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(storage) = local_storage() else {
            return Vec::new();
        };
        let count = storage.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Vec::new()
    }
}

/// A preference kept in `localStorage` under `key`, as a signal: it starts
/// at `default` (what the page was rendered with, so hydration matches),
/// takes the stored value once the page runs, and saves every change the
/// reader makes.
pub fn use_stored<T>(
    key: &'static str,
    default: T,
    parse: fn(Option<&str>) -> T,
    value: fn(T) -> &'static str,
) -> leptos::prelude::RwSignal<T>
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    use leptos::prelude::*;
    let signal = RwSignal::new(default);
    Effect::new(move |previous: Option<T>| {
        let now = signal.get();
        match previous {
            None => {
                let stored = parse(get(key).as_deref());
                if stored != now {
                    signal.set(stored);
                }
                stored
            }
            Some(before) => {
                if before != now {
                    set(key, value(now));
                }
                now
            }
        }
    });
    signal
}
