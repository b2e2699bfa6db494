//! What the reader's preferences are stored as in `localStorage`: the keys
//! and the value formats. Every read tolerates a missing, corrupt or foreign
//! value (it falls back to the default). The app's `storage` reads and
//! writes them.

/// Keys used in `localStorage`, all under one prefix.
pub mod keys {
    pub const TICKER_PAUSED: &str = "gazette.ticker-paused";
    pub const FONT_SIZE: &str = "gazette.font-size";
    pub const LAYOUT: &str = "gazette.layout";
    pub const NOTICE_SNOOZES: &str = "gazette.notice-snoozes";
}

/// Parses a stored on/off flag; anything unexpected reads as off.
pub fn parse_flag(raw: Option<&str>) -> bool {
    matches!(raw.map(str::trim), Some("1" | "true"))
}

pub fn flag_value(on: bool) -> &'static str {
    if on {
        "1"
    } else {
        "0"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_flags_read_as_off() {
        assert!(parse_flag(Some("1")));
        assert!(parse_flag(Some(" true ")));
        for raw in [None, Some(""), Some("0"), Some("{\"x\":1}"), Some("\u{0}")] {
            assert!(!parse_flag(raw), "{raw:?}");
        }
        assert!(parse_flag(Some(flag_value(true))));
        assert!(!parse_flag(Some(flag_value(false))));
    }
}
