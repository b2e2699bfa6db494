//! The backend's rules: the size and time limits, what can go wrong talking
//! to it (with the reader's message for each), and how a document's URL is
//! built. The transport that applies them lives in the app (`src/api`).

use crate::cache;
use crate::contract::{self, DecodeError};
use crate::ids::ArticleId;

/// Default API base when `index.html` names none.
pub const DEFAULT_BASE: &str = "/api";
/// Per-attempt time limit.
pub const TIMEOUT_MS: u32 = 10_000;
/// Attempts for transient failures (network error, 5xx, timeout).
pub const MAX_ATTEMPTS: u32 = 3;
/// Largest article list or article document read (2 MiB), unless
/// `<meta name="api-max-article-bytes">` says otherwise.
pub const MAX_ARTICLE_BYTES: u32 = 2 * 1024 * 1024;
/// Largest weather or notices document read (512 KiB), unless
/// `<meta name="api-max-update-bytes">` says otherwise.
pub const MAX_UPDATE_BYTES: u32 = 512 * 1024;

/// Everything that can go wrong talking to the backend, with a Korean
/// message for readers and the technical cause for the console.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The id is not of the contract's form; no request was made.
    InvalidId,
    /// The request never got an answer (offline, DNS, CORS, reset).
    Network(String),
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// An HTTP status other than 2xx.
    Status(u16),
    /// A 2xx answer that is not JSON (e.g. a host's HTML fallback page).
    NotJson(String),
    /// JSON that does not follow the contract.
    Decode(DecodeError),
    /// A body larger than the limit for its kind of document (in bytes):
    /// refused by its `Content-Length`, or while it was read.
    TooLarge(u32),
    /// The article document asked for describes another article (its own
    /// `id` differs): shown under this address it would get this address's
    /// canonical URL and share links, so it counts as not found.
    OtherArticle(ArticleId),
}

impl ApiError {
    /// What the reader is told.
    pub fn message(&self) -> &'static str {
        match self {
            ApiError::InvalidId | ApiError::Status(404) | ApiError::OtherArticle(_) => {
                "요청하신 내용을 찾을 수 없습니다."
            }
            ApiError::Network(_) => "네트워크에 연결할 수 없습니다. 연결을 확인해 주세요.",
            ApiError::Timeout => "서버 응답이 너무 늦습니다. 잠시 후 다시 시도해 주세요.",
            ApiError::Status(_) => "서버에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.",
            ApiError::NotJson(_) | ApiError::Decode(_) => {
                "받은 데이터를 읽을 수 없습니다. 잠시 후 다시 시도해 주세요."
            }
            ApiError::TooLarge(_) => {
                "받은 데이터가 너무 커서 표시할 수 없습니다. 잠시 후 다시 시도해 주세요."
            }
        }
    }

    /// Whether the content does not exist (as opposed to a failure).
    pub fn is_not_found(&self) -> bool {
        matches!(
            self,
            ApiError::InvalidId | ApiError::Status(404 | 410) | ApiError::OtherArticle(_)
        )
    }

    /// Whether another attempt may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout => true,
            ApiError::Status(code) => *code >= 500 || *code == 429,
            _ => false,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::InvalidId => write!(f, "invalid id (no request made)"),
            ApiError::Network(e) => write!(f, "network error: {e}"),
            ApiError::Timeout => write!(f, "timed out after {TIMEOUT_MS} ms"),
            ApiError::Status(code) => write!(f, "HTTP status {code}"),
            // Quoted as it is: a header value holds no control characters.
            ApiError::NotJson(ct) => write!(f, "expected JSON, got content type \"{ct}\""),
            ApiError::Decode(e) => write!(f, "{e}"),
            ApiError::TooLarge(limit) => write!(f, "the document is larger than {limit} bytes"),
            ApiError::OtherArticle(id) => write!(f, "the document describes article {id}"),
        }
    }
}

/// Delay before attempt `n` (1-based; the first attempt has none).
pub fn backoff_ms(attempt: u32) -> u32 {
    match attempt {
        0 | 1 => 0,
        n => 400 * 3u32.saturating_pow(n - 2),
    }
}

/// Whether a `Content-Type` header announces JSON.
pub fn is_json_content_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// Whether a `Content-Length` value announces more than `limit` bytes (a
/// value that is not a number announces nothing: the body is then counted
/// while it is read).
pub fn announced_too_large(content_length: &str, limit: u32) -> bool {
    let digits = content_length.trim();
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        // Too many digits for a `u64` is too large too.
        && digits.parse::<u64>().map_or(true, |n| n > u64::from(limit))
}

/// Joins the base (`/api`, `https://cms.example/api/`) and a path.
pub fn endpoint(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// The path of an article's document under the API base.
pub fn article_path(id: &ArticleId) -> String {
    format!("articles/{id}.json")
}

/// `article`, fetched or embedded as the document of `id`, when it is that
/// article (the build step leaves out such a document too).
pub fn article_for(
    id: &ArticleId,
    article: cache::Fetched<contract::Article>,
) -> Result<cache::Fetched<contract::Article>, ApiError> {
    if article.value.id == *id {
        Ok(article)
    } else {
        Err(ApiError::OtherArticle(article.value.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_content_types_are_decoded() {
        assert!(is_json_content_type("application/json"));
        assert!(is_json_content_type("Application/JSON; charset=utf-8"));
        assert!(is_json_content_type("application/ld+json"));
        assert!(!is_json_content_type("text/html; charset=utf-8"));
        assert!(!is_json_content_type(""));
    }

    #[test]
    fn transient_failures_are_retried_client_errors_are_not() {
        assert!(ApiError::Timeout.is_transient());
        assert!(ApiError::Network("reset".into()).is_transient());
        assert!(ApiError::Status(503).is_transient());
        assert!(!ApiError::Status(404).is_transient());
        assert!(!ApiError::NotJson("text/html".into()).is_transient());
        assert_eq!([1, 2, 3].map(backoff_ms), [0, 400, 1200]);
    }

    #[test]
    fn a_large_document_is_refused_by_its_announced_length() {
        assert!(announced_too_large("2097153", MAX_ARTICLE_BYTES));
        assert!(!announced_too_large("2097152", MAX_ARTICLE_BYTES));
        assert!(announced_too_large(" 67108864 ", MAX_UPDATE_BYTES));
        assert!(announced_too_large(
            "99999999999999999999",
            MAX_UPDATE_BYTES
        ));
        for unknown in ["", "-1", "abc", "1e9"] {
            assert!(!announced_too_large(unknown, 1), "{unknown:?}");
        }
        let e = ApiError::TooLarge(MAX_UPDATE_BYTES);
        assert!(e.message().contains("너무 커서"));
        assert!(e.to_string().contains("524288"));
        assert!(!e.is_transient() && !e.is_not_found());
    }

    #[test]
    fn urls_are_built_from_the_base() {
        assert_eq!(endpoint("/api", "weather.json"), "/api/weather.json");
        assert_eq!(
            endpoint("https://cms.example/api/", "/notices.json"),
            "https://cms.example/api/notices.json"
        );
        let id = ArticleId::parse("yg-1").unwrap();
        assert_eq!(
            endpoint("/api", &article_path(&id)),
            "/api/articles/yg-1.json"
        );
    }

    #[test]
    fn errors_read_in_korean_and_log_in_english() {
        let e = ApiError::NotJson("text/html".into());
        assert!(e.message().contains("데이터"));
        assert!(e.to_string().contains("text/html"));
        assert!(ApiError::Status(404).is_not_found());
        assert!(ApiError::InvalidId.is_not_found());
        assert!(!ApiError::Status(500).is_not_found());
    }

    #[test]
    fn a_document_of_another_article_is_not_found() {
        let doc = |id: &str| {
            contract::decode_article(&format!(
                r#"{{"id":"{id}","title":"t","published_at":"2025-12-08T10:00:00Z","body":[]}}"#
            ))
            .unwrap()
        };
        let asked = ArticleId::parse("yg-1").unwrap();
        let same = article_for(&asked, cache::Fetched::fresh(doc("yg-1"))).unwrap();
        assert_eq!(same.value.id, asked);
        let other = article_for(&asked, cache::Fetched::fresh(doc("yg-2"))).unwrap_err();
        assert!(other.is_not_found());
        assert_eq!(other.message(), "요청하신 내용을 찾을 수 없습니다.");
        assert!(other.to_string().contains("yg-2"));
    }
}
