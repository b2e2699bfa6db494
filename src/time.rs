//! The app's current instant: the device clock, moved by the configured
//! start instant (`<meta name="clock">`). Everything time-dependent (date
//! line, staleness, notice schedules and snoozes, the cache's ages) reads
//! the time here, so that setting moves the whole app's clock at once.

use std::sync::OnceLock;

fn device_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}

/// Milliseconds between the device clock and the configured start instant.
fn offset_ms() -> f64 {
    static OFFSET: OnceLock<f64> = OnceLock::new();
    *OFFSET.get_or_init(|| {
        crate::config::config()
            .clock_start
            .map_or(0.0, |start| start as f64 * 1000.0 - device_ms())
    })
}

/// The app's current time in milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    device_ms() + offset_ms()
}

/// The app's current time in Unix seconds.
pub fn now_secs() -> i64 {
    (now_ms() / 1000.0).floor() as i64
}
