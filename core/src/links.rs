//! Links from the old CMS that must keep working: they map to the app's
//! own article route.
//!
//! Gnuboard5 numbers posts per board (`wr_id`), so the article id of an old
//! board link depends on the boards the site was synced from
//! ([`LegacyBoards`], `<meta name="gnuboard-boards">`), as the sync program
//! makes them: the bare `wr_id` for one board, `{bo_table}-{wr_id}` for
//! several.

use crate::ids::ArticleId;

/// The longest board table name Gnuboard5 accepts.
pub const MAX_BOARD_LEN: usize = 20;

/// Whether `raw` is a Gnuboard5 board table name (`bo_table`):
/// `[A-Za-z0-9_]{1,20}`.
pub fn is_board_table(raw: &str) -> bool {
    (1..=MAX_BOARD_LEN).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The Gnuboard5 boards the site's articles were synced from, in the
/// order configured, without repeats. They decide what an old board link
/// points to:
///
/// - none: article `wr_id`, whatever the link's `bo_table` (the site was
///   synced from one board and the operator did not say which); short
///   links `/<board>/<wr_id>` are not recognised.
/// - one board: article `wr_id`, only for that `bo_table`.
/// - several: article `{bo_table}-{wr_id}`, only for the listed ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LegacyBoards(Vec<String>);

impl LegacyBoards {
    /// The boards of a comma-separated list (`news` or `news,photo`):
    /// entries are trimmed, empty ones skipped, repeats kept once, and
    /// entries that are not board table names ([`is_board_table`]) dropped
    /// ([`LegacyBoards::invalid_entries`] names those).
    pub fn parse(raw: &str) -> Self {
        let mut boards: Vec<String> = Vec::new();
        for entry in raw.split(',').map(str::trim) {
            if is_board_table(entry) && !boards.iter().any(|b| b == entry) {
                boards.push(entry.to_owned());
            }
        }
        Self(boards)
    }

    /// The non-empty entries of a list [`LegacyBoards::parse`] drops.
    pub fn invalid_entries(raw: &str) -> Vec<&str> {
        raw.split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty() && !is_board_table(e))
            .collect()
    }

    /// The board tables, as configured.
    pub fn tables(&self) -> &[String] {
        &self.0
    }

    /// The article a post of `bo_table` (`None`: the link names no board)
    /// with number `wr_id` became.
    fn article_id(&self, bo_table: Option<&str>, wr_id: u32) -> Option<ArticleId> {
        let raw = match self.0.as_slice() {
            [] => wr_id.to_string(),
            [only] if bo_table == Some(only.as_str()) => wr_id.to_string(),
            [_] => return None,
            several => {
                let board = several.iter().find(|b| Some(b.as_str()) == bo_table)?;
                format!("{board}-{wr_id}")
            }
        };
        ArticleId::parse(&raw)
    }
}

/// The article id an old CMS URL points to, `query` being the part after
/// `?` (with or without it):
///
/// - `/news/articleView.html?idxno=<id>`: article `<id>`;
/// - `/bbs/board.php?bo_table=<board>&wr_id=<n>`: the article post `<n>`
///   of `<board>` became, by `boards` ([`LegacyBoards`]);
/// - Gnuboard5's short links (`cf_bbs_rewrite` 1), `/<board>/<n>`: the
///   same, only when `boards` are configured and lists `<board>`
///   (`/<board>/<n>/`, with a slash, was a category's list there).
///
/// Query parameters may come in any order among others and are
/// percent-decoded (`+` is a space), as PHP reads them; one given twice
/// with different values, or badly encoded, is refused. `wr_id` is a post
/// number as Gnuboard stores it: digits, 1 to 2147483647 (leading zeros
/// dropped).
pub fn legacy_article_id(path: &str, query: &str, boards: &LegacyBoards) -> Option<ArticleId> {
    match path.trim_end_matches('/') {
        "/news/articleView.html" => ArticleId::parse(query_param(query, "idxno")?.trim()),
        "/bbs/board.php" => {
            let wr_id = post_number(query_param(query, "wr_id")?.trim())?;
            if boards.tables().is_empty() {
                return boards.article_id(None, wr_id);
            }
            let bo_table = query_param(query, "bo_table")?;
            boards.article_id(Some(bo_table.trim()), wr_id)
        }
        _ if boards.tables().is_empty() => None,
        _ => {
            let (board, wr_id) = path.strip_prefix('/')?.split_once('/')?;
            let (board, wr_id) = (percent_decode(board)?, percent_decode(wr_id)?);
            if wr_id.contains('/') || !is_board_table(&board) {
                return None;
            }
            boards.article_id(Some(&board), post_number(&wr_id)?)
        }
    }
}

/// The app path an old CMS URL should be replaced with
/// ([`legacy_article_id`]).
pub fn legacy_redirect(path: &str, query: &str, boards: &LegacyBoards) -> Option<String> {
    legacy_article_id(path, query, boards).map(|id| id.path())
}

/// A Gnuboard5 post number (`wr_id`, a signed 32-bit column counting
/// from 1): ASCII digits only.
fn post_number(raw: &str) -> Option<u32> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse::<u32>()
        .ok()
        .filter(|n| (1..=i32::MAX.unsigned_abs()).contains(n))
}

/// The percent-decoded value of query parameter `name`; `None` when it is
/// absent, badly encoded, or given twice with different values.
fn query_param(query: &str, name: &str) -> Option<String> {
    let mut found: Option<String> = None;
    for pair in query.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if percent_decode(&key.replace('+', " ")).as_deref() != Some(name) {
            continue;
        }
        let value = percent_decode(&value.replace('+', " "))?;
        match &found {
            Some(earlier) if *earlier != value => return None,
            _ => found = Some(value),
        }
    }
    found
}

/// `%XX` escapes back to text; `None` for a broken escape or bytes that
/// are not UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boards(raw: &str) -> LegacyBoards {
        LegacyBoards::parse(raw)
    }

    fn to(path: &str, query: &str, list: &str) -> Option<String> {
        legacy_redirect(path, query, &boards(list))
    }

    #[test]
    fn old_cms_article_links_map_to_the_article_route() {
        assert_eq!(
            to("/news/articleView.html", "?idxno=1201", ""),
            Some("/article/1201".into())
        );
        assert_eq!(
            to("/bbs/board.php", "bo_table=news&wr_id=1024", ""),
            Some("/article/1024".into())
        );
        assert_eq!(
            to("/bbs/board.php", "?wr_id=77&bo_table=photo&page=2", ""),
            Some("/article/77".into())
        );
    }

    #[test]
    fn board_lists_keep_valid_tables_once() {
        assert_eq!(boards(""), LegacyBoards::default());
        assert_eq!(boards(" , ,"), LegacyBoards::default());
        assert_eq!(boards(" news ").tables(), ["news"]);
        assert_eq!(
            boards("news,photo_2, news,,Photo").tables(),
            ["news", "photo_2", "Photo"]
        );
        assert_eq!(
            boards("news,../x,a b,photo,abcdefghijklmnopqrstu,뉴스").tables(),
            ["news", "photo"]
        );
        assert_eq!(
            LegacyBoards::invalid_entries("news,../x, ,a b,abcdefghijklmnopqrstu"),
            ["../x", "a b", "abcdefghijklmnopqrstu"]
        );
        assert!(LegacyBoards::invalid_entries("news, photo,").is_empty());
        assert!(is_board_table("abcdefghijklmnopqrst"));
        assert!(!is_board_table("abcdefghijklmnopqrstu"));
        assert!(!is_board_table(""));
        assert!(!is_board_table("news-1"));
    }

    #[test]
    fn without_boards_any_bo_table_gives_the_bare_wr_id() {
        for query in [
            "bo_table=news&wr_id=12",
            "wr_id=12&bo_table=photo",
            "wr_id=12",
            "bo_table=../x&wr_id=12",
            "page=3&wr_id=0012&sfl=wr_subject&stx=%EB%89%B4%EC%8A%A4",
            "bo_table=news&wr_id=%31%32",
            "bo_table=news&wr%5Fid=12",
            "bo_table=news&wr_id=12+",
            "bo_table=news&wr_id=12&wr_id=12",
        ] {
            assert_eq!(
                to("/bbs/board.php", query, ""),
                Some("/article/12".into()),
                "{query}"
            );
        }
        assert_eq!(
            to("/bbs/board.php/", "?bo_table=news&wr_id=12", ""),
            Some("/article/12".into())
        );
    }

    #[test]
    fn one_board_gives_the_bare_wr_id_of_that_board_only() {
        for query in [
            "bo_table=news&wr_id=12",
            "?wr_id=12&page=2&bo_table=news",
            "bo_table=%6Eews&wr_id=12",
            "bo_table=news+&wr_id=12",
        ] {
            assert_eq!(
                to("/bbs/board.php", query, "news"),
                Some("/article/12".into()),
                "{query}"
            );
        }
        for query in [
            "bo_table=photo&wr_id=12",
            "bo_table=NEWS&wr_id=12",
            "wr_id=12",
            "bo_table=&wr_id=12",
            "bo_table=../news&wr_id=12",
            "bo_table=news/..&wr_id=12",
            "bo_table[]=news&wr_id=12",
            "bo_table=news&bo_table=photo&wr_id=12",
        ] {
            assert_eq!(to("/bbs/board.php", query, "news"), None, "{query}");
        }
    }

    #[test]
    fn several_boards_give_board_and_wr_id() {
        let list = "news,photo";
        assert_eq!(
            to("/bbs/board.php", "bo_table=news&wr_id=12", list),
            Some("/article/news-12".into())
        );
        assert_eq!(
            to("/bbs/board.php", "?page=2&wr_id=12&bo_table=photo", list),
            Some("/article/photo-12".into())
        );
        assert_eq!(
            to(
                "/bbs/board.php",
                "bo_table=photo&wr_id=2147483647&bo_table=photo",
                list
            ),
            Some("/article/photo-2147483647".into())
        );
        for query in [
            "bo_table=free&wr_id=12",
            "wr_id=12",
            "bo_table=../x&wr_id=12",
            "bo_table=..%2Fnews&wr_id=12",
            "bo_table=news%00&wr_id=12",
            "bo_table=news&bo_table=photo&wr_id=12",
            "bo_table=news&wr_id=12&wr_id=13",
        ] {
            assert_eq!(to("/bbs/board.php", query, list), None, "{query}");
        }
    }

    #[test]
    fn short_links_map_only_for_configured_boards() {
        assert_eq!(to("/news/12", "", "news"), Some("/article/12".into()));
        assert_eq!(
            to("/news/12", "?page=3", "news,photo"),
            Some("/article/news-12".into())
        );
        assert_eq!(
            to("/photo/0012", "", "news,photo"),
            Some("/article/photo-12".into())
        );
        assert_eq!(
            to("/%70hoto/12", "", "news,photo"),
            Some("/article/photo-12".into())
        );
        for (path, list) in [
            ("/news/12", ""),
            ("/photo/12", "news"),
            ("/free/12", "news,photo"),
            ("/news/12/", "news"),
            ("/news/12/3", "news"),
            ("//news/12", "news"),
            ("/news//12", "news"),
            ("/news", "news"),
            ("news/12", "news"),
            ("/news/abc", "news"),
            ("/news/12a", "news"),
            ("/news/-12", "news"),
            ("/news/+12", "news"),
            ("/news/0", "news"),
            ("/news/%2012", "news"),
            ("/news/12%2F3", "news"),
            ("/news%2F12/1", "news"),
            ("/../news/12", "news"),
            ("/news/articleView.html", "news"),
            ("/bbs/board.php", "bbs"),
            ("/article/news-12", "article"),
        ] {
            assert_eq!(to(path, "", list), None, "{path} with {list:?}");
        }
    }

    #[test]
    fn hostile_post_numbers_map_to_nothing() {
        for list in ["", "news", "news,photo"] {
            for wr_id in [
                "",
                "0",
                "-1",
                "%2B12",
                "12abc",
                "abc",
                "0x1F",
                "1e3",
                "1%202",
                "1.5",
                "%EF%BC%91%EF%BC%92",
                "2147483648",
                "4294967296",
                "99999999999999999999999999999999999999999999",
                "%",
                "%zz",
                "%FF",
                "<script>",
            ] {
                let query = format!("bo_table=news&wr_id={wr_id}");
                assert_eq!(to("/bbs/board.php", &query, list), None, "{query}");
                if !list.is_empty() {
                    let path = format!("/news/{wr_id}");
                    assert_eq!(to(&path, "", list), None, "{path}");
                }
            }
        }
    }

    #[test]
    fn unusable_old_links_map_to_nothing() {
        for (path, query) in [
            ("/news/articleView.html", ""),
            ("/news/articleView.html", "?idxno="),
            ("/news/articleView.html", "?idxno=../../etc"),
            ("/news/articleView.html", "?xidxno=5"),
            ("/news/articleView.html", "?idxno=%3Cscript%3E"),
            ("/news/articleView.html", "?idxno=5&idxno=6"),
            ("/news/articleView.html", "?idxno=%E0%A4"),
            ("/bbs/board.php", "?bo_table=news"),
            ("/bbs/board.php", "?bo_table=news&wr_id=1%202"),
            ("/other.php", "?wr_id=1"),
            ("/news/12", ""),
        ] {
            assert_eq!(to(path, query, ""), None, "{path}{query}");
        }
        assert_eq!(
            to("/news/articleView.html", "?idxno=%31%32&idxno=12", ""),
            Some("/article/12".into())
        );
    }
}
