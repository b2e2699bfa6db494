//! `gazette-sync kma` run as a program against a local HTTP server that
//! answers like API허브's `kma_sfctm2.php` (EUC-KR text, or a JSON refusal).

mod common;

use common::{respond, respond_chunked, serve, serve_with};
use gazette_core::contract::decode_weather;
use gazette_sync::kma::{parse_stations, STATIONS_TSV};
use std::path::{Path, PathBuf};
use std::process::Command;

const TM: &str = "202512241500";
const SERVICE: &str = "/api/typ01/url/kma_sfctm2.php?stn=0&help=0&authKey=";
const OLD: &[u8] = b"{\"provider\":\"old\",\"stations\":[]}";

/// A data line with the ticker's columns set and the rest missing.
fn line(tm: &str, stn: u32, ta: &str, ww: &str, ca: &str) -> String {
    let mut cols = vec!["-9".to_owned(); 46];
    cols[0] = tm.into();
    cols[1] = stn.to_string();
    cols[11] = ta.into();
    cols[24] = ww.into();
    cols[25] = ca.into();
    cols.join(" ")
}

/// An answer in the service's format, EUC-KR, with or without its end mark.
fn answer_with(lines: &[String], end: bool) -> Vec<u8> {
    let text = format!(
        "#START7777\n#--------------------------------\n# 지상관측자료 (시간자료)\n\
         # YYMMDDHHMI STN  WD   WS ...\n{}\n{}",
        lines.join("\n"),
        if end { "#7777END\n" } else { "" }
    );
    let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn answer(lines: &[String]) -> Vec<u8> {
    answer_with(lines, true)
}

/// Table order is not station-number order, to see which one is followed.
const TABLE: &str = "# test table\n101\t춘천\n90\t속초\n95\t철원\n98\t동두천\n99\t파주\n";

/// A fresh folder holding the test table and an old `out/weather.json`.
fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kma-cmd-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::fs::write(dir.join("stations.tsv"), TABLE).unwrap();
    std::fs::write(dir.join("out/weather.json"), OLD).unwrap();
    dir
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `gazette-sync kma ARGS` with only the given variables of the
/// key's kind and no proxy.
fn kma(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette-sync"));
    cmd.arg("kma").args(args);
    for var in [
        "KMA_AUTH_KEY",
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The usual run: the test table, the server's base URL, a key.
fn kma_at(dir: &Path, base: &str, extra: &[&str]) -> Run {
    let out = dir.join("out");
    let table = dir.join("stations.tsv");
    let mut args = vec![
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        base,
        "--stations",
        table.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    kma(&args, &[("KMA_AUTH_KEY", "test-key")])
}

/// A failed run: status 1, one line on stderr, nothing on stdout, and the
/// old document still there byte for byte.
fn assert_refused(run: &Run, dir: &Path, message: &str) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stderr, format!("gazette-sync kma: {message}\n"));
    assert_eq!(run.stdout, "");
    assert_eq!(std::fs::read(dir.join("out/weather.json")).unwrap(), OLD);
    assert_only_the_document(dir);
}

fn assert_only_the_document(dir: &Path) {
    let names: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["weather.json"]);
}

#[test]
fn a_good_answer_writes_the_weather_document_in_table_order() {
    let dir = workspace("good");
    let server = serve(
        "200 OK",
        "text/plain",
        answer(&[
            line(TM, 99, "2.9", "-", "3"),
            line(TM, 95, "-1.2", "40", "9"),
            line(TM, 90, "-99.0", "-", "7"),
            line(TM, 101, "0.4", "05", "10"),
            line("202512241400", 98, "2.5", "-", "7"),
            line(TM, 400, "1.0", "-", "0"),
        ]),
    );
    let out = dir.join("out");
    let table = dir.join("stations.tsv");
    let run = kma(
        &[
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            &format!("{}/", server.base),
            "--stations",
            table.to_str().unwrap(),
            "--auth-key-env",
            "MY_KMA_KEY",
        ],
        &[("MY_KMA_KEY", " a+b/c==키 ")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "gazette-sync kma: 4 stations, observed 2025-12-24 15:00 KST -> {}\n",
            out.join("weather.json").display()
        )
    );
    assert_eq!(run.stderr, "");
    // The key, trimmed and percent-encoded, in the documented URL.
    assert_eq!(
        server.paths(),
        [format!("{SERVICE}a%2Bb%2Fc%3D%3D%ED%82%A4")]
    );
    let text = std::fs::read_to_string(out.join("weather.json")).unwrap();
    let w = decode_weather(&text).unwrap();
    assert_eq!(w.provider, "기상청");
    assert_eq!(
        w.observed_at,
        gazette_core::kst::parse_rfc3339("2025-12-24T15:00:00+09:00")
    );
    let got: Vec<_> = w
        .stations
        .iter()
        .map(|s| {
            (
                s.id.as_deref().unwrap(),
                s.name.as_str(),
                s.condition.as_str(),
                s.temperature_c,
            )
        })
        .collect();
    // 속초 (90) has no temperature (-99.0) and is left out; 철원's WW 40 is
    // not a documented code, so its cloud amount (9) gives 흐림.
    assert_eq!(
        got,
        [
            ("101", "춘천", "눈", 0.4),
            ("95", "철원", "흐림", -1.2),
            ("98", "동두천", "구름많음", 2.5),
            ("99", "파주", "맑음", 2.9),
        ]
    );
    assert_only_the_document(&dir);
}

#[test]
fn the_checked_in_table_needs_half_its_stations_by_default() {
    let stations = parse_stations(STATIONS_TSV).unwrap();
    assert_eq!(stations.len(), 97);
    let lines = |n: usize| -> Vec<String> {
        stations
            .iter()
            .take(n)
            .map(|s| line(TM, s.number, "3.0", "-", "0"))
            .collect()
    };
    let dir = workspace("default-table");
    let out = dir.join("out");
    let few = serve("200 OK", "text/plain", answer(&lines(48)));
    let run = kma(
        &["--out", out.to_str().unwrap(), "--base-url", &few.base],
        &[("KMA_AUTH_KEY", "test-key")],
    );
    assert_refused(
        &run,
        &dir,
        "KMA answer has 48 usable stations of the table's 97, fewer than the 49 required",
    );
    let enough = serve("200 OK", "text/plain", answer(&lines(49)));
    let run = kma(
        &["--out", out.to_str().unwrap(), "--base-url", &enough.base],
        &[("KMA_AUTH_KEY", "test-key")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run
        .stdout
        .starts_with("gazette-sync kma: 49 stations, observed 2025-12-24 15:00 KST -> "));
    let w = decode_weather(&std::fs::read_to_string(out.join("weather.json")).unwrap()).unwrap();
    assert_eq!(w.stations[0].name, "속초");
    assert_eq!(w.stations.len(), 49);
}

#[test]
fn a_refused_key_says_to_apply_for_the_service_and_keeps_the_old_document() {
    let dir = workspace("403");
    let body = r#"{"result":{"status":403,"message":"활용신청이 필요한 API 입니다.\n(apihub)"}}"#;
    let server = serve(
        "403 Forbidden",
        "application/json",
        body.as_bytes().to_vec(),
    );
    let run = kma_at(&dir, &server.base, &[]);
    assert_refused(
        &run,
        &dir,
        "KMA API허브 refused the key (403): apply for the service kma_sfctm2 (활용신청) on apihub.kma.go.kr first (활용신청이 필요한 API 입니다. (apihub))",
    );
}

#[test]
fn an_error_status_without_json_is_refused() {
    let dir = workspace("500");
    let server = serve(
        "500 Internal Server Error",
        "text/html",
        answer(&[line(TM, 101, "1.0", "-", "0")]),
    );
    let run = kma_at(&dir, &server.base, &["--min-stations", "1"]);
    assert_refused(
        &run,
        &dir,
        "KMA API허브 answered HTTP 500 without a JSON reason",
    );
}

#[test]
fn an_empty_answer_is_refused() {
    let dir = workspace("empty");
    let server = serve("200 OK", "text/plain", Vec::new());
    let run = kma_at(&dir, &server.base, &[]);
    assert_refused(&run, &dir, "KMA answer is empty");
}

#[test]
fn a_truncated_answer_is_refused() {
    let dir = workspace("truncated");
    let lines: Vec<_> = [101, 90, 95, 98, 99]
        .iter()
        .map(|n| line(TM, *n, "1.0", "-", "0"))
        .collect();
    let server = serve("200 OK", "text/plain", answer_with(&lines, false));
    let run = kma_at(&dir, &server.base, &[]);
    assert_refused(
        &run,
        &dir,
        "KMA answer is truncated: #START7777 or #7777END is missing",
    );
}

#[test]
fn fewer_stations_than_required_are_refused() {
    let dir = workspace("few");
    let server = serve(
        "200 OK",
        "text/plain",
        answer(&[
            line(TM, 101, "1.0", "-", "0"),
            line(TM, 90, "2.0", "-", "0"),
            line(TM, 95, "-99.0", "-", "0"),
            line(TM, 98, "4.0", "-", "0"),
        ]),
    );
    let run = kma_at(&dir, &server.base, &["--min-stations", "4"]);
    assert_refused(
        &run,
        &dir,
        "KMA answer has 3 usable stations of the table's 5, fewer than the 4 required",
    );
    // The default is half the table, rounded up: 3 of 5.
    let run = kma_at(&dir, &server.base, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn a_missing_key_variable_is_named_and_nothing_is_fetched() {
    let dir = workspace("no-key");
    let server = serve("200 OK", "text/plain", Vec::new());
    let out = dir.join("out");
    let table = dir.join("stations.tsv");
    let base = [
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        &server.base,
        "--stations",
        table.to_str().unwrap(),
    ];
    let unset = kma(&base, &[]);
    let message = "the environment variable KMA_AUTH_KEY is not set or empty; it must hold the KMA API허브 authKey";
    assert_refused(&unset, &dir, message);
    let blank = kma(&base, &[("KMA_AUTH_KEY", " \t")]);
    assert_refused(&blank, &dir, message);
    let mut other = base.to_vec();
    other.extend(["--auth-key-env", "NEWSROOM_KMA_KEY"]);
    let named = kma(&other, &[("KMA_AUTH_KEY", "not-this-one")]);
    assert_refused(
        &named,
        &dir,
        "the environment variable NEWSROOM_KMA_KEY is not set or empty; it must hold the KMA API허브 authKey",
    );
    assert!(server.paths().is_empty());
}

#[test]
fn the_key_is_never_printed() {
    const KEY: &str = "Top+Secret/Key9";
    const ENCODED: &str = "Top%2BSecret%2FKey9";
    let dir = workspace("secret");
    let out = dir.join("out");
    let table = dir.join("stations.tsv");
    let check = |base: &str, expect: Option<i32>| -> Run {
        let run = kma(
            &[
                "--out",
                out.to_str().unwrap(),
                "--base-url",
                base,
                "--stations",
                table.to_str().unwrap(),
            ],
            &[("KMA_AUTH_KEY", KEY)],
        );
        assert_eq!(run.code, expect, "{}", run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        for secret in [KEY, ENCODED, "Top%2bSecret%2fKey9", "Top+Secret", "Secret"] {
            assert!(!all.contains(secret), "{secret} printed: {all}");
        }
        run
    };
    // A refusal echoing the URL asked for, in both spellings.
    let echo = serve_with(|path, out| {
        let body = format!(
            r#"{{"result":{{"status":403,"message":"no service for {path} ({})"}}}}"#,
            path.replace("%2B", "%2b").replace("%2F", "%2f")
        );
        respond(
            out,
            "403 Forbidden",
            "application/json",
            "",
            body.as_bytes(),
        );
    });
    let run = check(&echo.base, Some(1));
    assert_eq!(
        run.stderr,
        format!(
            "gazette-sync kma: KMA API허브 refused the key (403): apply for the service kma_sfctm2 (활용신청) on apihub.kma.go.kr first (no service for {SERVICE}[authKey] ({SERVICE}[authKey]))\n"
        )
    );
    // Nothing listening.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let run = check(&closed, Some(1));
    assert!(
        run.stderr
            .starts_with("gazette-sync kma: could not fetch KMA observations: curl: (7) "),
        "{}",
        run.stderr
    );
    // Redirects without end (curl names the limit).
    let looping = serve_with(|path, out| {
        let extra = format!("Location: {path}&again=1\r\n");
        respond(out, "302 Found", "text/plain", &extra, b"");
    });
    let run = check(&looping.base, Some(1));
    assert_eq!(
        run.stderr,
        "gazette-sync kma: could not fetch KMA observations: curl: (47) Maximum (3) redirects followed\n"
    );
    assert_eq!(looping.paths().len(), 4);
    // And a good run.
    let good = serve(
        "200 OK",
        "text/plain",
        answer(&[
            line(TM, 101, "1.0", "-", "0"),
            line(TM, 90, "2.0", "-", "0"),
            line(TM, 95, "3.0", "-", "0"),
        ]),
    );
    check(&good.base, Some(0));
    assert_eq!(good.paths(), [format!("{SERVICE}{ENCODED}")]);
}

#[test]
fn redirects_are_followed() {
    let dir = workspace("redirect");
    let body = answer(&[
        line(TM, 101, "1.0", "-", "0"),
        line(TM, 90, "2.0", "-", "0"),
        line(TM, 95, "3.0", "-", "0"),
    ]);
    let server = serve_with(move |path, out| match path.strip_prefix("/old") {
        Some(rest) => respond(
            out,
            "301 Moved Permanently",
            "text/plain",
            &format!("Location: {rest}\r\n"),
            b"",
        ),
        None => respond(out, "200 OK", "text/plain", "", &body),
    });
    let run = kma_at(&dir, &format!("{}/old", server.base), &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(server.paths().len(), 2);
    assert!(run.stdout.starts_with("gazette-sync kma: 3 stations, "));
}

#[test]
fn an_answer_over_four_mib_is_refused() {
    // A good answer after 5 MiB of header lines: it would be read if the
    // size were not capped.
    let mut big = b"#START7777\n".to_vec();
    while big.len() < 5 * 1024 * 1024 {
        big.extend_from_slice(b"# padding padding padding padding padding padding padding\n");
    }
    big.extend(answer(&[
        line(TM, 101, "1.0", "-", "0"),
        line(TM, 90, "2.0", "-", "0"),
        line(TM, 95, "3.0", "-", "0"),
    ]));
    let message = "the KMA answer is larger than 4194304 bytes (4 MiB); refused";
    // With its length announced.
    let dir = workspace("big");
    let server = serve("200 OK", "text/plain", big);
    let run = kma_at(&dir, &server.base, &[]);
    assert_refused(&run, &dir, message);
    // Chunked, without a length: stopped by the running count.
    let chunked = serve_with(|_, out| respond_chunked(out, 5 * 1024 * 1024, b'#'));
    let run = kma_at(&dir, &chunked.base, &[]);
    assert_refused(&run, &dir, message);
}

#[test]
fn usage_errors_exit_with_status_2() {
    let dir = workspace("usage");
    let out = dir.join("out");
    let out = out.to_str().unwrap();
    for (args, message) in [
        (vec!["--base-url", "http://x"], "--out is required"),
        (vec!["--out", out, "--key", "x"], "unknown option --key"),
        (
            vec!["--out", out, "--min-stations", "0"],
            "--min-stations must be at least 1 (an empty ticker is never published)",
        ),
        (
            vec!["--out", out, "--min-stations", "98"],
            "--min-stations 98 is more than the 97 stations the ticker can show from the table",
        ),
        (
            vec!["--out", out, "--min-stations", "many"],
            "--min-stations \"many\" is not a whole number",
        ),
        (
            vec!["--out", out, "--base-url", "ftp://apihub.kma.go.kr"],
            "--base-url \"ftp://apihub.kma.go.kr\" is not an http:// or https:// URL without a query",
        ),
        (
            vec!["--out", out, "--auth-key-env", ""],
            "--auth-key-env \"\" is not an environment variable name",
        ),
    ] {
        let run = kma(&args, &[("KMA_AUTH_KEY", "test-key")]);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .starts_with(&format!("gazette-sync kma: {message}\n\nusage: gazette-sync")),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(std::fs::read(dir.join("out/weather.json")).unwrap(), OLD);
}

#[test]
fn a_bad_station_table_is_refused() {
    let dir = workspace("table");
    let server = serve("200 OK", "text/plain", Vec::new());
    let missing = dir.join("nowhere.tsv");
    let out = dir.join("out");
    let run = kma(
        &[
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            &server.base,
            "--stations",
            missing.to_str().unwrap(),
        ],
        &[("KMA_AUTH_KEY", "test-key")],
    );
    assert_refused(
        &run,
        &dir,
        &format!(
            "--stations {}: No such file or directory (os error 2)",
            missing.display()
        ),
    );
    std::fs::write(dir.join("stations.tsv"), "# nothing\n").unwrap();
    let run = kma_at(&dir, &server.base, &[]);
    assert_refused(
        &run,
        &dir,
        &format!("{}: lists no stations", dir.join("stations.tsv").display()),
    );
    assert!(server.paths().is_empty());
}
