//! `gazette-sync gnuboard` (the real binary) against a real MariaDB holding
//! Gnuboard5's tables and the seeded newsroom (`tests/gnuboard/*.sql`).
//! Run by `scripts/mariadb-check.sh`, which starts the server and sets
//! `GAZETTE_TEST_DSN`, `GAZETTE_DB_PASSWORD` and `GAZETTE_TEST_SQL`; built
//! only with the `mariadb-tests` feature.

use gazette_core::contract::{decode_article, decode_article_list, decode_notices};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// 2025-12-24 12:00:00 KST, when the seeded popups are judged.
const NOW: &str = "1766545200";
const SITE: &str = "https://news.example";

fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: run scripts/mariadb-check.sh"))
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sync-db-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `gazette-sync gnuboard` for `dsn` and `boards` into `out`, with `extra`
/// options, the password of the environment (`None`: none at all).
fn sync_with(
    dsn: &str,
    out: &Path,
    boards: &str,
    extra: &[&str],
    password: Option<&str>,
) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gazette-sync"));
    c.args([
        "gnuboard",
        "--dsn",
        dsn,
        "--boards",
        boards,
        "--site-url",
        SITE,
        "--out",
    ])
    .arg(out)
    .args(extra)
    .env("SOURCE_DATE_EPOCH", NOW);
    match password {
        Some(p) => c.env("GAZETTE_DB_PASSWORD", p),
        None => c.env_remove("GAZETTE_DB_PASSWORD"),
    };
    c.output().unwrap()
}

/// As [`sync_with`], with the test's password.
fn sync(dsn: &str, out: &Path, boards: &str, extra: &[&str]) -> Output {
    sync_with(dsn, out, boards, extra, Some(&env("GAZETTE_DB_PASSWORD")))
}

/// Runs SQL as the database's administrator.
fn sql(statement: &str) {
    let command = env("GAZETTE_TEST_SQL");
    let mut parts = command.split_whitespace();
    let status = Command::new(parts.next().unwrap())
        .args(parts)
        .args(["-e", statement])
        .status()
        .unwrap();
    assert!(status.success(), "{statement}");
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

/// Every file under `dir`, as (path relative to `dir`, content).
fn files(dir: &Path) -> Vec<(String, String)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gnuboard/golden")
}

/// The seeded newsroom gives exactly the checked-in documents (written
/// again with `UPDATE_GOLDEN=1` after a deliberate change, then reviewed),
/// every skipped row is named, and every document passes the app's
/// decoders.
#[test]
fn the_seeded_newsroom_gives_the_golden_documents() {
    let out = fresh_dir("golden");
    let run = sync(&env("GAZETTE_TEST_DSN"), &out, "news,photo,members", &[]);
    let (stdout, stderr) = (text(&run.stdout), text(&run.stderr));
    assert!(run.status.success(), "{stderr}");
    for skipped in [
        "skipped board members: guests cannot read it (bo_read_level 2)",
        "skipped post news/8: wr_datetime:",
        "skipped g5_write_news wr_id 9: wr_subject is not UTF-8 (byte 0xff at 7)",
        "skipped post photo/2: wr_content is 6600000 bytes, more than the 2097152 an article may have",
        "skipped popup 7: nw_end_time:",
    ] {
        assert!(stderr.contains(skipped), "{skipped:?} not in:\n{stderr}");
    }
    assert!(
        stdout.contains("6 articles from 3 board(s), 4 notices;"),
        "{stdout}"
    );
    let written = files(&out);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(golden_dir());
        for (path, content) in &written {
            let target = golden_dir().join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, content).unwrap();
        }
    }
    let golden = files(&golden_dir());
    let names = |f: &[(String, String)]| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&written), names(&golden));
    for ((path, got), (_, want)) in written.iter().zip(&golden) {
        assert_eq!(got, want, "{path} differs from the golden copy");
        let decoded = if path.starts_with("articles/") {
            decode_article(got).map(drop)
        } else if path == "notices.json" {
            decode_notices(got).map(drop)
        } else {
            decode_article_list(got).map(drop)
        };
        assert!(decoded.is_ok(), "{path}: {decoded:?}");
        for private in [
            "private@example.com",
            "10.0.0.99",
            "SECRET-HASH",
            "reporter",
            "비밀",
        ] {
            assert!(!got.contains(private), "{path} publishes {private:?}");
        }
    }
    // The editor's hostile HTML leaves only its text; markup a reporter
    // typed in a plain-text post stays text, as Gnuboard showed it.
    let file = |name: &str| &written.iter().find(|(p, _)| p == name).unwrap().1;
    let hostile = file("articles/news-4.json");
    for markup in [
        "<",
        "javascript",
        "onerror",
        "onclick",
        "evil.example",
        "document.cookie",
        "display:none",
    ] {
        assert!(
            !hostile.contains(markup),
            "news-4 keeps {markup:?}: {hostile}"
        );
    }
    let typed = file("articles/news-3.json");
    assert!(
        typed.contains("<script>alert(1)</script> 라고 쓰면"),
        "{typed}"
    );
}

/// A second run writes nothing; a new post writes its own document and the
/// list; a post made secret is taken down; a failed run changes nothing.
#[test]
fn runs_write_only_what_changed_and_take_down_what_is_gone() {
    let dsn = env("GAZETTE_TEST_DSN");
    let out = fresh_dir("incremental");
    // Its own board, so the other test's reading of the seed is not moved.
    sql("CREATE TABLE g5_write_desk LIKE g5_write_news;
         INSERT INTO g5_board (bo_table, gr_id, bo_subject, bo_read_level) VALUES ('desk', 'community', '데스크', 1);
         INSERT INTO g5_write_desk SELECT * FROM g5_write_news WHERE wr_id IN (1, 2, 3, 7);");
    let first = sync(&dsn, &out, "desk", &[]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("4 articles from 1 board(s)"),
        "{}",
        text(&first.stdout)
    );
    let again = sync(&dsn, &out, "desk", &[]);
    assert!(
        text(&again.stdout).contains("0 documents written, 0 removed"),
        "{}",
        text(&again.stdout)
    );

    sql("INSERT INTO g5_write_desk (wr_id, wr_num, wr_reply, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10)
         VALUES (20, -20, '', '', '', 'html1', '새로 올라온 기사', '<p>방금 쓴 기사.</p>', '', '', '', '', '새기자', '', '', '2025-12-24 11:00:00', '', '', '', '', '', '', '', '', '', '', '', '', '', '');");
    let added = sync(&dsn, &out, "desk", &[]);
    assert!(
        text(&added.stdout)
            .contains("5 articles from 1 board(s), 4 notices; 2 documents written, 0 removed"),
        "the new article and the list page: {}",
        text(&added.stdout)
    );
    let list =
        decode_article_list(&std::fs::read_to_string(out.join("articles.json")).unwrap()).unwrap();
    assert_eq!(list.articles[0].id.as_str(), "20", "newest first");

    sql("UPDATE g5_write_desk SET wr_option = 'html1,secret' WHERE wr_id = 2;");
    let hidden = sync(&dsn, &out, "desk", &[]);
    assert!(
        text(&hidden.stdout).contains("1 removed"),
        "{}",
        text(&hidden.stdout)
    );
    assert!(
        !out.join("articles/2.json").exists(),
        "a secret post stays published"
    );

    // A run that fails (a board that is not there) changes nothing.
    let before = files(&out);
    let failed = sync(&dsn, &out, "desk,gone", &[]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        text(&failed.stderr).contains("board \"gone\" is not in g5_board"),
        "{}",
        text(&failed.stderr)
    );
    assert_eq!(files(&out), before);
}

/// Each way the database can be wrong is one line naming what to check,
/// exit status 1, nothing written, and the password never printed.
#[test]
fn database_errors_are_one_clear_line() {
    let dsn = env("GAZETTE_TEST_DSN");
    let password = env("GAZETTE_DB_PASSWORD");
    let out = fresh_dir("errors");
    std::fs::write(out.join("articles.json"), "published before").unwrap();
    sql("CREATE TABLE g5_write_broken (wr_id int(11) NOT NULL AUTO_INCREMENT, wr_subject varchar(255) NOT NULL, PRIMARY KEY (wr_id)) ENGINE=MyISAM DEFAULT CHARSET=utf8;
         INSERT INTO g5_board (bo_table, gr_id, bo_subject, bo_read_level) VALUES ('broken', 'community', '깨진 게시판', 1);");
    let run = |dsn: &str, boards: &str, extra: &[&str], password: Option<&str>| {
        sync_with(dsn, &out, boards, extra, password)
    };
    let cases: Vec<(Output, String)> = vec![
        (
            run(&dsn, "news", &[], Some("wrong-password")),
            "access denied for gazette@127.0.0.1".into(),
        ),
        (run(&dsn, "news", &[], None), "access denied".into()),
        (
            run(
                "mysql://gazette@127.0.0.1:9/g5test",
                "news",
                &[],
                Some(&password),
            ),
            "cannot reach the database at gazette@127.0.0.1:9".into(),
        ),
        (
            run(
                &dsn.replace("/g5test", "/nothere"),
                "news",
                &[],
                Some(&password),
            ),
            "database \"nothere\" on gazette@127.0.0.1".into(),
        ),
        (
            run(&dsn, "news", &["--prefix", "x5_"], Some(&password)),
            "table x5_board does not exist in g5test (is --prefix \"x5_\" right?)".into(),
        ),
        (
            run(&dsn, "broken", &[], Some(&password)),
            "g5_write_broken: Unknown column".into(),
        ),
    ];
    for (output, expected) in cases {
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(&expected), "{expected:?} not in {stderr:?}");
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
        assert!(!stderr.contains(&password) && !text(&output.stdout).contains(&password));
    }
    assert_eq!(
        std::fs::read_to_string(out.join("articles.json")).unwrap(),
        "published before"
    );
    // A password in the DSN is refused before anything is tried.
    let inline = run("mysql://gazette:pw@127.0.0.1/g5test", "news", &[], None);
    assert_eq!(inline.status.code(), Some(2));
    assert!(text(&inline.stderr).contains("GAZETTE_DB_PASSWORD"));
}
