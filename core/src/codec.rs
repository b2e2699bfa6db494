//! JSON text to `serde` types and back. In the browser the engine parses and
//! prints (`JSON.parse`, `JSON.stringify`) and `serde-wasm-bindgen` walks
//! its values, which keeps a JSON parser out of the wasm; natively (the build
//! step, tests) `serde_json` does both. The contract's decoders
//! (`super::contract`) are the same on both sides.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Deepest nesting of arrays and objects accepted, checked on the text
/// before any parser runs (in the browser before `JSON.parse`): skipping
/// unknown values walks them recursively (`serde_json` does not limit the
/// depth of what it skips), so a hostile document could otherwise exhaust
/// the stack while it is read.
pub const MAX_DEPTH: usize = 128;

/// Whether `text` nests arrays and objects deeper than [`MAX_DEPTH`]
/// (brackets inside strings do not count).
pub fn too_deep(text: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Reads `text` as a `T`; the error is a message for the console.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    if too_deep(text) {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    imp::from_str(text)
}

/// `value` as JSON text.
pub fn to_string<T: Serialize>(value: &T) -> String {
    imp::to_string(value)
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    pub fn to_string<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use wasm_bindgen::JsCast;

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        let value = js_sys::JSON::parse(text).map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map_or_else(|| "not JSON".to_owned(), |e| String::from(e.message()))
        })?;
        serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
    }

    pub fn to_string<T: Serialize>(value: &T) -> String {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        value
            .serialize(&serializer)
            .ok()
            .and_then(|v| js_sys::JSON::stringify(&v).ok())
            .map(String::from)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_limited_outside_strings_only() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(!too_deep(&deep(MAX_DEPTH)));
        assert!(too_deep(&deep(MAX_DEPTH + 1)));
        let quoted = format!("{{\"a\":\"{}\\\"{}\"}}", "[".repeat(500), "{".repeat(500));
        assert!(!too_deep(&quoted));
        assert!(from_str::<serde::de::IgnoredAny>(&deep(100_000)).is_err());
        assert!(from_str::<serde::de::IgnoredAny>(&quoted).is_ok());
    }
}
