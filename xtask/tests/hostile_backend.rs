//! The build step (`xtask postbuild`, the real binary) against a hostile
//! backend: a 40 MiB answer streamed without a length, and documents full of
//! fields the contract does not define.

#[path = "../src/testserver.rs"]
mod testserver;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use testserver::{respond, respond_chunked, serve_with};

/// Trunk's index.html, reduced to what the build step needs.
const SHELL: &str = r#"<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="site-name" content="한빛일보">
<!--HEAD--><!--/HEAD-->
<script type="module">
import init, * as bindings from '/gazette-ab12.js';
const wasm = await init({ module_or_path: '/gazette-ab12_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>
<link rel="modulepreload" href="/gazette-ab12.js" crossorigin="anonymous" integrity="sha384-js+/="><link rel="preload" href="/gazette-ab12_bg.wasm" crossorigin="anonymous" integrity="sha384-wasm+/=" as="fetch" type="application/wasm"></head>
<body><div id="app"></div><div id="crash" hidden></div></body></html>"#;

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-it-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    ok: bool,
    stderr: String,
    /// Peak resident memory of the build, in bytes.
    peak: u64,
}

/// Runs `xtask postbuild` on a fresh build directory holding [`SHELL`].
#[allow(
    clippy::zombie_processes,
    reason = "reaped by wait4, which std's wait cannot replace"
)]
fn postbuild(dist: &Path, env: &[(&str, &str)]) -> Run {
    std::fs::write(dist.join("index.html"), SHELL).unwrap();
    // An empty module (no view parts to read).
    std::fs::write(dist.join("gazette-ab12_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let err = dist.with_extension("stderr");
    let child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("postbuild")
        .arg(dist)
        .env_remove("API_DIR")
        .env_remove("API_URL")
        .env("TRUNK_PROFILE", "debug")
        .env("SITE_URL", "https://news.example")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    // wait4 gives this child's own peak memory (ru_maxrss, in KiB).
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child it reaps.
    let mut usage = unsafe { std::mem::zeroed::<libc::rusage>() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    Run {
        ok: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        stderr: std::fs::read_to_string(err).unwrap(),
        peak: usage.ru_maxrss as u64 * 1024,
    }
}

fn article(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","title":"제목 {id}","published_at":"2025-12-08T10:00:00+09:00","body":[{{"type":"paragraph","text":"본문"}}]}}"#
    )
}

#[test]
fn a_40_mib_answer_without_a_length_is_refused_and_the_build_stays_small() {
    const SIZE: usize = 40 * 1024 * 1024;
    let base = serve_with(|path, out| match path {
        "articles.json" => respond(
            out,
            "200 OK",
            "",
            br#"{"articles":[{"id":"huge","title":"t","published_at":"2025-12-08T10:00:00+09:00"},
                {"id":"ok","title":"t","published_at":"2025-12-08T10:00:00+09:00"}]}"#,
        ),
        "articles/huge.json" => respond_chunked(out, SIZE),
        _ => respond(out, "200 OK", "", article("ok").as_bytes()),
    });
    let dist = fresh_dir("chunked");
    let run = postbuild(&dist, &[("API_URL", &base)]);
    println!(
        "peak memory of the build reading a {SIZE}-byte chunked answer: {:.1} MB",
        run.peak as f64 / 1e6
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("articles/huge.json: larger than 2097152 bytes"),
        "{}",
        run.stderr
    );
    assert!(dist.join("article/ok/index.html").exists());
    assert!(!dist.join("article/huge").exists());
    assert!(run.peak < 200_000_000, "peak {} bytes", run.peak);
}

/// Adds a field the contract does not define to every object in `value`.
fn add_unknown_fields(value: &mut Value, n: &mut usize) {
    match value {
        Value::Object(map) => {
            for v in map.values_mut() {
                add_unknown_fields(v, n);
            }
            *n += 1;
            map.insert(
                format!("x_unpublished_{n}"),
                Value::from(format!("SECRET-{n}")),
            );
        }
        Value::Array(items) => items.iter_mut().for_each(|v| add_unknown_fields(v, n)),
        _ => {}
    }
}

fn copy_with_unknown_fields(from: &Path, to: &Path, n: &mut usize) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if path.is_dir() {
            copy_with_unknown_fields(&path, &target, n);
        } else if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut doc: Value = serde_json::from_str(&text).unwrap();
            add_unknown_fields(&mut doc, n);
            std::fs::write(target, doc.to_string()).unwrap();
        }
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_page_publishes_a_field_the_contract_does_not_define() {
    let api = fresh_dir("extra-api");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api");
    let mut added = 0;
    copy_with_unknown_fields(&sample, &api, &mut added);
    assert!(added > 50, "{added} fields added");
    let dist = fresh_dir("extra-dist");
    let run = postbuild(&dist, &[("API_DIR", api.to_str().unwrap())]);
    assert!(run.ok, "{}", run.stderr);
    let mut written = Vec::new();
    files(&dist, &mut written);
    let pages = written.iter().filter(|p| p.ends_with("index.html")).count();
    assert!(pages > 5, "{pages} pages written");
    for file in written {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("x_unpublished") && !text.contains("SECRET-"),
            "{} publishes a field the contract does not define",
            file.display()
        );
    }
}
