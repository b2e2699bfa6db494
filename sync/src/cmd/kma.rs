//! `gazette-sync kma`: KMA surface observations into `weather.json`.
//!
//! One GET of API허브's `kma_sfctm2.php` (all stations, latest hour) with
//! curl: HTTP(S) only, at most [`MAX_REDIRECTS`] redirects, [`MAX_SECONDS`]
//! in all, and at most [`MAX_ANSWER_BYTES`] read (a running count stops
//! curl there, whatever the answer announced). The answer goes through
//! [`kma::weather`]; only a document that reads back unchanged replaces
//! `DIR/weather.json`, so any failure leaves the published ticker as it was.
//!
//! The key comes from the environment and never from the command line. It
//! is handed to curl on its standard input (a `--config -` line), so it is
//! not in any process list either, and it is cut out of every message
//! (curl's error text and the service's own messages may echo the URL).

use super::Failure;
use crate::flags::Flags;
use crate::kma::{self, StationName};
use crate::out;
use gazette_core::contract::{decode_weather, limits, Weather};
use gazette_core::encode;
use gazette_core::kst::KstDateTime;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The variable holding the API허브 `authKey` unless `--auth-key-env` names another.
pub const DEFAULT_KEY_ENV: &str = "KMA_AUTH_KEY";
/// API허브 itself, unless `--base-url` names another (a mirror, a test server).
pub const DEFAULT_BASE_URL: &str = "https://apihub.kma.go.kr";
/// The service's path under the base URL: every station, the latest hour.
pub const PATH: &str = "/api/typ01/url/kma_sfctm2.php?stn=0&help=0&authKey=";
/// Largest answer read (a whole hour of every station is about 100 KB).
pub const MAX_ANSWER_BYTES: u64 = 4 * 1024 * 1024;
/// Longest the whole fetch may take, redirects included.
pub const MAX_SECONDS: u32 = 30;
/// Redirects followed at most.
pub const MAX_REDIRECTS: u32 = 3;
/// Starts the line curl writes the HTTP status on (on its stderr, after
/// the transfer), so the body on stdout is exactly the answer.
const STATUS_MARK: &str = "gazette-sync-http-status:";
/// The file written under `--out`.
const DOCUMENT: &str = "weather.json";

const OPTIONS: [&str; 5] = [
    "out",
    "auth-key-env",
    "base-url",
    "stations",
    "min-stations",
];

pub fn run(args: &[String]) -> Result<(), Failure> {
    let flags = Flags::parse(args, &OPTIONS).map_err(Failure::Usage)?;
    let out_dir = Path::new(flags.required("out").map_err(Failure::Usage)?);
    let key_env = flags.get("auth-key-env").unwrap_or(DEFAULT_KEY_ENV);
    if key_env.is_empty() || key_env.contains(['=', '\0']) {
        return Err(Failure::Usage(format!(
            "--auth-key-env {key_env:?} is not an environment variable name"
        )));
    }
    let base_url = base_url(flags.get("base-url").unwrap_or(DEFAULT_BASE_URL))?;
    let stations = stations(flags.get("stations"))?;
    let usable = stations.len().min(limits::STATIONS);
    let min_stations = flags
        .number("min-stations", stations.len().div_ceil(2) as u64)
        .map_err(Failure::Usage)?;
    if min_stations == 0 {
        return Err(Failure::Usage(
            "--min-stations must be at least 1 (an empty ticker is never published)".into(),
        ));
    }
    if min_stations > usable as u64 {
        return Err(Failure::Usage(format!(
            "--min-stations {min_stations} is more than the {usable} stations the ticker can show from the table"
        )));
    }
    let key = auth_key(key_env)?;
    let encoded = gazette_core::urls::encode(&key);
    let url = format!("{base_url}{PATH}{encoded}");
    let secret = spellings(&key);
    let weather = fetch(&url)
        .and_then(|answer| read_answer(answer, &stations, min_stations as usize))
        .map_err(|e| Failure::Run(redact(&e, &secret)))?;
    let text = encode::weather(&weather);
    match decode_weather(&text) {
        Ok(back) if back == weather => {}
        _ => {
            return Err(Failure::Run(
                "the weather document does not read back unchanged".into(),
            ))
        }
    }
    out::write(out_dir, DOCUMENT, text.as_bytes()).map_err(Failure::Run)?;
    let observed = weather
        .observed_at
        .map(|t| {
            let t = KstDateTime::from_unix(t);
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02} KST",
                t.year, t.month, t.day, t.hour, t.minute
            )
        })
        .unwrap_or_else(|| "at an unknown time".into());
    println!(
        "gazette-sync kma: {} stations, observed {observed} -> {}",
        weather.stations.len(),
        out_dir.join(DOCUMENT).display()
    );
    Ok(())
}

/// `--base-url`: HTTP(S), without spaces or control characters (it goes
/// into a quoted curl config line), and without a trailing slash.
fn base_url(raw: &str) -> Result<&str, Failure> {
    let lower = raw.to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !raw.chars().any(|c| c.is_whitespace() || c.is_control())
        && !raw.contains(['"', '\\', '?', '#']);
    if !ok {
        return Err(Failure::Usage(format!(
            "--base-url {raw:?} is not an http:// or https:// URL without a query"
        )));
    }
    Ok(raw.trim_end_matches('/'))
}

/// The checked-in table, or `--stations FILE` in the same format.
fn stations(file: Option<&str>) -> Result<Vec<StationName>, Failure> {
    let (name, stations) = match file {
        None => (
            "the checked-in station table",
            kma::parse_stations(kma::STATIONS_TSV),
        ),
        Some(file) => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| Failure::Run(format!("--stations {file}: {e}")))?;
            (file, kma::parse_stations(&text))
        }
    };
    let stations = stations.map_err(|e| Failure::Run(format!("{name}: {e}")))?;
    if stations.is_empty() {
        return Err(Failure::Run(format!("{name}: lists no stations")));
    }
    Ok(stations)
}

/// The key from the environment, trimmed.
fn auth_key(var: &str) -> Result<String, Failure> {
    let missing = || {
        Failure::Run(format!(
            "the environment variable {var} is not set or empty; it must hold the KMA API허브 authKey"
        ))
    };
    let value = std::env::var_os(var).ok_or_else(missing)?;
    let value = value.into_string().map_err(|_| {
        Failure::Run(format!(
            "the environment variable {var} is not valid UTF-8; it must hold the KMA API허브 authKey"
        ))
    })?;
    let key = value.trim();
    if key.is_empty() {
        return Err(missing());
    }
    Ok(key.to_owned())
}

/// The spellings of the key that a message may hold: as given,
/// percent-encoded, and percent-encoded with lowercase hex digits (a server
/// may echo `%2b` for `%2B`).
fn spellings(key: &str) -> Vec<String> {
    let encoded = gazette_core::urls::encode(key);
    let mut lower = String::with_capacity(encoded.len());
    let mut hex = 0;
    for c in encoded.chars() {
        match c {
            '%' => hex = 2,
            _ if hex > 0 => {
                hex -= 1;
                lower.push(c.to_ascii_lowercase());
                continue;
            }
            _ => {}
        }
        lower.push(c);
    }
    let mut all = vec![key.to_owned(), encoded, lower];
    all.retain(|s| !s.is_empty());
    // Longest first, so a longer spelling is cut whole.
    all.sort_by_key(|s| std::cmp::Reverse(s.len()));
    all.dedup();
    all
}

/// `message` on one line, with every spelling of the key replaced in one
/// pass (so the replacement itself is never searched again).
fn redact(message: &str, spellings: &[String]) -> String {
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(c) = rest.chars().next() {
        match spellings.iter().find(|s| rest.starts_with(s.as_str())) {
            Some(s) => {
                out.push_str("[authKey]");
                rest = &rest[s.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// What the service answered: the last HTTP status and the body.
#[derive(Debug)]
struct Answer {
    status: u16,
    body: Vec<u8>,
}

/// GETs `url` with curl (see the module's notes), reading at most
/// [`MAX_ANSWER_BYTES`] of the body.
fn fetch(url: &str) -> Result<Answer, String> {
    let mut curl = Command::new("curl")
        // -q first: no ~/.curlrc.
        .args(["-q", "-sS", "-L"])
        .args(["--proto", "=http,https", "--proto-redir", "=http,https"])
        .args(["--max-redirs", &MAX_REDIRECTS.to_string()])
        .args(["--max-time", &MAX_SECONDS.to_string()])
        .args(["--max-filesize", &MAX_ANSWER_BYTES.to_string()])
        .args([
            "--write-out",
            &format!("%{{stderr}}\n{STATUS_MARK}%{{http_code}}\n"),
        ])
        .args(["--config", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run curl to fetch KMA observations: {e}"))?;
    // The URL, with the key, only on curl's stdin. The config's quoted
    // strings know `\\` and `\"` escapes; the base URL has neither and the
    // key is percent-encoded, but escape them anyway.
    let config = format!(
        "url = \"{}\"\n",
        url.replace('\\', "\\\\").replace('"', "\\\"")
    );
    let sent = match curl.stdin.take() {
        Some(mut stdin) => stdin.write_all(config.as_bytes()),
        None => Err(std::io::Error::other("no stdin")),
    };
    if let Err(e) = sent {
        let _ = curl.kill();
        let _ = curl.wait();
        return Err(format!("could not hand the URL to curl: {e}"));
    }
    // stderr is read beside stdout, so neither pipe can fill and stall curl.
    let stderr = curl.stderr.take().map(|err| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = err.take(64 * 1024).read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    });
    let read = match curl.stdout.take() {
        Some(out) => read_capped(out, MAX_ANSWER_BYTES),
        None => Ok(Some(Vec::new())),
    };
    if !matches!(read, Ok(Some(_))) {
        let _ = curl.kill();
    }
    let status = curl.wait().map_err(|e| format!("curl: {e}"))?;
    let stderr = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    let too_large =
        || format!("the KMA answer is larger than {MAX_ANSWER_BYTES} bytes (4 MiB); refused");
    let body = match read {
        Ok(Some(body)) => body,
        Ok(None) => return Err(too_large()),
        Err(e) => return Err(format!("could not read curl's output: {e}")),
    };
    let (http, errors): (Vec<&str>, Vec<&str>) = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .partition(|l| l.starts_with(STATUS_MARK));
    if !status.success() {
        // curl's exit code 63: the answer announced more than --max-filesize.
        if status.code() == Some(63) {
            return Err(too_large());
        }
        let why = if errors.is_empty() {
            format!("curl {status}")
        } else {
            errors.join("; ")
        };
        return Err(format!("could not fetch KMA observations: {why}"));
    }
    let code = http
        .last()
        .and_then(|l| l[STATUS_MARK.len()..].trim().parse::<u16>().ok())
        .ok_or("could not fetch KMA observations: curl gave no HTTP status")?;
    Ok(Answer { status: code, body })
}

/// The bytes of `input`, or `None` when it holds more than `cap` (found by
/// reading one byte more, never the rest).
fn read_capped(input: impl Read, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    input.take(cap + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

/// The ticker from an answer. A non-2xx answer is never observations, but
/// a JSON body (API허브's 403 refusal) still says why.
fn read_answer(
    answer: Answer,
    stations: &[StationName],
    min_stations: usize,
) -> Result<Weather, String> {
    if (200..300).contains(&answer.status) {
        return kma::weather(&answer.body, stations, min_stations, None);
    }
    let json = answer.body.trim_ascii_start().starts_with(b"{");
    match kma::weather(&answer.body, stations, min_stations, None) {
        Err(e) if json => Err(e),
        _ => Err(format!(
            "KMA API허브 answered HTTP {} without a JSON reason",
            answer.status
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_percent_encoded_and_redacted_in_every_spelling() {
        assert_eq!(gazette_core::urls::encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(
            gazette_core::urls::encode("a+b/c=d&e f"),
            "a%2Bb%2Fc%3Dd%26e%20f"
        );
        assert_eq!(gazette_core::urls::encode("키"), "%ED%82%A4");
        let secrets = spellings("Ky+/");
        assert_eq!(secrets, ["Ky%2B%2F", "Ky%2b%2f", "Ky+/"]);
        assert_eq!(
            redact(
                "url ?authKey=Ky%2B%2F and Ky%2b%2f and Ky+/\nend ky+/",
                &secrets
            ),
            "url ?authKey=[authKey] and [authKey] and [authKey] end ky+/"
        );
        // A key that is part of the replacement is not cut out of it.
        assert_eq!(redact("a k b", &spellings("k")), "a [authKey] b");
        assert_eq!(redact("x", &spellings("")), "x");
    }

    #[test]
    fn base_urls_are_http_without_a_query() {
        assert!(
            base_url("https://apihub.kma.go.kr/").is_ok_and(|u| u == "https://apihub.kma.go.kr")
        );
        assert!(base_url("HTTP://127.0.0.1:8080").is_ok());
        for bad in [
            "ftp://x",
            "file:///etc",
            "https://x/\"",
            "https://x y",
            "https://x?a=1",
            "apihub.kma.go.kr",
        ] {
            assert!(matches!(base_url(bad), Err(Failure::Usage(_))), "{bad}");
        }
    }
}
