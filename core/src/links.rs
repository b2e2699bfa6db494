//! Links from the old CMS that must keep working: they map to the app's
//! own article route.

use crate::ids::ArticleId;

/// The article id an old CMS URL points to:
/// `/news/articleView.html?idxno=<id>` and
/// `/bbs/board.php?bo_table=<any>&wr_id=<id>`. `query` is the part after `?`
/// (with or without it).
pub fn legacy_article_id(path: &str, query: &str) -> Option<ArticleId> {
    let param = match path.trim_end_matches('/') {
        "/news/articleView.html" => "idxno",
        "/bbs/board.php" => "wr_id",
        _ => return None,
    };
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix(param)?.strip_prefix('='))
        .and_then(|id| ArticleId::parse(id.trim()))
}

/// The app path an old CMS URL should be replaced with.
pub fn legacy_redirect(path: &str, query: &str) -> Option<String> {
    legacy_article_id(path, query).map(|id| id.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_cms_article_links_map_to_the_article_route() {
        assert_eq!(
            legacy_redirect("/news/articleView.html", "?idxno=1201"),
            Some("/article/1201".into())
        );
        assert_eq!(
            legacy_redirect("/bbs/board.php", "bo_table=news&wr_id=1024"),
            Some("/article/1024".into())
        );
        assert_eq!(
            legacy_redirect("/bbs/board.php", "?wr_id=77&bo_table=photo&page=2"),
            Some("/article/77".into())
        );
    }

    #[test]
    fn unusable_old_links_map_to_nothing() {
        for (path, query) in [
            ("/news/articleView.html", ""),
            ("/news/articleView.html", "?idxno="),
            ("/news/articleView.html", "?idxno=../../etc"),
            ("/news/articleView.html", "?xidxno=5"),
            ("/news/articleView.html", "?idxno=%3Cscript%3E"),
            ("/bbs/board.php", "?bo_table=news"),
            ("/bbs/board.php", "?bo_table=news&wr_id=1%202"),
            ("/other.php", "?wr_id=1"),
        ] {
            assert_eq!(legacy_redirect(path, query), None, "{path}{query}");
        }
    }
}
