//! Build steps that run after Trunk (`[[hooks]]` in `Trunk.toml`), on the
//! freshly built site:
//!
//! `cargo run -p xtask -- postbuild [DIR]` replaces Trunk's loader with one
//! that starts the app after the page has painted, writes the
//! Content-Security-Policy into every page and a `_headers` file with the
//! response headers, then renders the app's own components natively
//! (Leptos's server rendering) for every page link previews and search
//! engines read without running the app, and which the app hydrates:
//! `article/<id>/index.html` for every article, the home page and
//! `404.html`; then `sitemap.xml`, `rss.xml` and `robots.txt`.
//! Release builds (and runs outside Trunk) also get short wasm import
//! names and minified JS glue and styles (`shrink.rs`), and pre-compressed
//! `.br` and `.gz` copies of every text, wasm and SVG file (`compress.rs`).
//! `DIR` defaults to Trunk's staging directory (`TRUNK_STAGING_DIR`), else
//! `dist`.
//!
//! Environment:
//! - `SITE_URL`: the public address for absolute links (else the shell's
//!   `<meta name="site-url">`; a release build without either fails, a
//!   debug build uses `http://127.0.0.1:8080`);
//! - `API_DIR`: a directory laid out like the JSON contract to prerender
//!   from, or `API_URL`: a live backend's base URL (read with curl); else
//!   the sample backend in the build, at the shell's `api-base`;
//! - `SOURCE_DATE_EPOCH`: the build time (Unix seconds) for the date line
//!   and age notes, for reproducible builds.

// Leptos's view types nest as deep as the page; rendering them needs room.
#![recursion_limit = "512"]

mod compress;
mod csp;
mod escape;
mod feeds;
mod inert;
mod loader;
mod pages;
mod publish;
mod render;
mod rewrite;
mod shrink;
mod site;
mod source;
#[cfg(test)]
mod testdata;
#[cfg(test)]
mod testserver;
mod wasm;
mod wasm_size;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("postbuild") => {
            let dist = args
                .get(1)
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
                .unwrap_or_else(|| PathBuf::from("dist"));
            postbuild(&dist)
        }
        Some("publish") => match args.get(1) {
            Some(site) => publish_site(Path::new(site), args.get(2).map(Path::new)),
            None => Err("usage: xtask publish SITE [API_DIR]".to_owned()),
        },
        Some("wasm-crates") => match (args.get(1), args.get(2).map(String::as_str), args.get(3)) {
            (Some(file), None, None) => wasm_crates(Path::new(file), 0),
            (Some(file), Some("--top"), Some(n)) => match n.parse() {
                Ok(n) => wasm_crates(Path::new(file), n),
                Err(_) => Err(format!("--top wants a number of functions, not {n:?}")),
            },
            _ => Err("usage: xtask wasm-crates FILE.wasm [--top N]".to_owned()),
        },
        _ => Err(
            "usage: xtask postbuild [DIR] | xtask publish SITE [API_DIR] | xtask wasm-crates FILE.wasm [--top N]"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints what each crate's functions take of a wasm module's code, and
/// its `top` largest functions.
fn wasm_crates(file: &Path, top: usize) -> Result<(), String> {
    let data = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let (crates, total) = wasm_size::by_crate(&data)?;
    println!("{:>9}  {:>5}  crate", "bytes", "share");
    for (krate, bytes) in crates.iter().filter(|(_, b)| b * 1000 >= total) {
        println!(
            "{bytes:>9}  {:>4.1}%  {krate}",
            *bytes as f64 * 100.0 / total as f64
        );
    }
    println!("{total:>9}  100.0%  all code ({} crates)", crates.len());
    // Hydration is code inside tachys and the app's views: the functions
    // named after it (`hydrate`, `hydrate_from`, `Hydrate…`).
    let hydration: usize = wasm::functions(&data)?
        .iter()
        .filter(|(_, n)| {
            n.as_deref()
                .is_some_and(|n| n.contains("hydrate") || n.contains("Hydrat"))
        })
        .map(|(size, _)| size)
        .sum();
    println!(
        "{hydration:>9}  {:>4.1}%  of which hydration (functions named hydrate*)",
        hydration as f64 * 100.0 / total as f64
    );
    let graph = wasm::call_graph(&data)?;
    let (own, only, crates) = wasm_size::async_hydration(&graph);
    println!(
        "\n{:>9}  {:>4.1}%  the asynchronous hydration path: hydrate_async itself {own}, what only it reaches {only}",
        own + only,
        (own + only) as f64 * 100.0 / total as f64
    );
    for (krate, bytes) in crates.iter().take(8) {
        println!(
            "{bytes:>9}  {:>4.1}%    {krate}",
            *bytes as f64 * 100.0 / total as f64
        );
    }
    println!("\ncode bytes per part of the app (its own functions and the framework code instantiated for it):");
    for (part, bytes) in wasm_size::by_app_part(&graph) {
        println!(
            "{bytes:>9}  {:>4.1}%  {part}",
            bytes as f64 * 100.0 / total as f64
        );
    }
    if top > 0 {
        println!("\nthe {top} largest functions:");
        for (bytes, name) in wasm_size::largest(&graph, top) {
            println!("{bytes:>9}  {name}");
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, content).map_err(|e| format!("{}: {e}", path.display()))
}

fn postbuild(dist: &Path) -> Result<(), String> {
    let started = Instant::now();
    let index_path = dist.join("index.html");
    let shell = read(&index_path)?;
    if shell.contains("http-equiv=\"Content-Security-Policy\"") {
        return Err(format!("{} was already processed", index_path.display()));
    }
    // Release builds: short wasm import names, minified glue and styles
    // (`shrink.rs`), before the loader step copies the wasm's new hash.
    let release = std::env::var("TRUNK_PROFILE").as_deref() != Ok("debug");
    let shell = if release {
        let (shell, report) = shrink::release(dist, &shell)?;
        println!(
            "xtask: {} wasm import names shortened{}: {} bytes to {}",
            report.renamed,
            if report.minified {
                ", JS glue and styles minified"
            } else {
                " (no esbuild: JS glue and styles left unminified)"
            },
            report.before,
            report.after
        );
        shell
    } else {
        shell
    };
    // The app's own reading of its configuration (`src/config.rs`).
    let config = gazette_core::config::Config::from_lookup(|name| rewrite::meta(&shell, name));
    let kakao = config.kakao_app_key.is_some();
    // The app loads after the page has painted (`loader.rs`), through a
    // start module; the policy below hashes this loader.
    // The HTML of the app's static view parts, for the closed Trusted
    // Types policy (`inert.rs`).
    let wasm_path = dist.join(rewrite::trunk_loader(&shell)?.wasm.trim_start_matches('/'));
    let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    let inert_html = inert::fragments(wasm::data_segments(&wasm)?);
    let loader = loader::after_paint(&shell, gazette_core::share::KAKAO_SDK, &inert_html)?;
    write(&dist.join(&loader.file), &loader.module)?;
    let shell = loader.html;
    let scripts = rewrite::inline_scripts(&shell);
    // Reports only in the header: a policy in `<meta>` cannot send them.
    let reports = csp::report_endpoint(rewrite::meta(&shell, "csp-report-uri").as_deref());
    let header = csp::with_reports(
        &csp::policy(&scripts, &config.api_base, kakao, csp::Delivery::Header),
        reports.as_deref(),
    );
    let meta = csp::policy(&scripts, &config.api_base, kakao, csp::Delivery::Meta);
    let shell = rewrite::with_policy_meta(&shell, &meta)?;
    let headers = csp::headers_file(&header, reports.as_deref());
    write(&dist.join("_headers"), &headers)?;
    // The same headers for nginx (deploy/nginx.conf includes this file).
    write(
        &dist.join("security-headers.conf"),
        &csp::nginx_headers(&headers)?,
    )?;
    println!(
        "xtask: Content-Security-Policy for {} inline script(s)",
        scripts.len()
    );

    let site = site::Site {
        url: site_url(
            std::env::var("SITE_URL").ok().as_deref(),
            &config.site_url,
            release,
        )?,
        name: config.site_name.clone(),
        description: config.site_description.clone(),
    };
    let api_base = config.api_base.clone();
    let limits = source::Limits::from_env(config.max_article_bytes)?;
    // The pages are rendered with the configuration they are written with.
    gazette::config::init(config);
    let build = publish::Frozen {
        shell,
        site_url: site.url.clone(),
        site_name: site.name.clone(),
        site_description: site.description.clone(),
    };
    build.save(dist)?;
    let report = publish_backend(dist, &build, &api_base, limits, false)?;
    println!(
        "xtask: rendered {} article page(s), home and 404, sitemap, RSS and robots.txt for {} in {} ms",
        report.articles,
        site.url,
        started.elapsed().as_millis()
    );
    // `trunk serve` rebuilds on every change: its debug builds go without.
    if release {
        let started = Instant::now();
        let (count, raw, packed) = compress::site(dist)?;
        println!(
            "xtask: .br and .gz copies of {count} file(s), {raw} bytes to {packed} (brotli), in {} ms",
            started.elapsed().as_millis()
        );
    }
    Ok(())
}

/// `SITE_URL` (`env`), else the shell's configured site URL; a debug build
/// falls back to the local address, a release build must be told: its
/// canonical links, previews, sitemap and robots.txt name the address.
fn site_url(env: Option<&str>, configured: &str, release: bool) -> Result<String, String> {
    match env {
        Some(url) if !url.trim().is_empty() => site::parse_url(url),
        _ if !configured.is_empty() => site::parse_url(configured),
        _ if release => Err(format!(
            "a release build needs the site's public address, for canonical links, \
             link previews, the sitemap and robots.txt: set SITE_URL=https://news.example \
             (or <meta name=\"site-url\"> in index.html); for a build served on this \
             machine, SITE_URL={}",
            site::DEFAULT_URL
        )),
        _ => Ok(site::DEFAULT_URL.to_owned()),
    }
}

/// Publishes into `dist` from the backend's documents: `API_DIR` (which
/// must be readable), else `API_URL`, else the sample backend copied into
/// the build when the app reads its data from this site (`api-base` is a
/// path); without any, only the site-wide pages, with a warning.
fn publish_backend(
    dist: &Path,
    build: &publish::Frozen,
    api_base: &str,
    limits: source::Limits,
    compressed: bool,
) -> Result<publish::Report, String> {
    let now = build_time();
    let run = |from: Option<source::Location>| {
        publish::publish(dist, build, from, limits, now, compressed)
    };
    let report = if let Some(dir) = std::env::var_os("API_DIR").filter(|d| !d.is_empty()) {
        run(Some(source::Location::Dir(Path::new(&dir)))).map_err(|e| format!("API_DIR: {e}"))?
    } else if let Some(url) = std::env::var("API_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        let url = site::parse_url(&url).map_err(|e| format!("API_URL: {e}"))?;
        run(Some(source::Location::Url(&url))).map_err(|e| format!("API_URL: {e}"))?
    } else {
        let missing = |why: String| -> Result<publish::Report, String> {
            let mut report = run(None)?;
            report.warnings.insert(
                0,
                format!("{why}; only the site-wide pages are prerendered"),
            );
            Ok(report)
        };
        match api_base.strip_prefix('/') {
            Some(path) => match run(Some(source::Location::Dir(&dist.join(path)))) {
                Ok(report) => report,
                Err(e) => missing(e)?,
            },
            None => missing(format!(
                "the backend is at {api_base}: set API_URL={api_base} (or API_DIR to a copy of its documents)"
            ))?,
        }
    };
    for warning in &report.warnings {
        eprintln!("xtask: warning: {warning}");
    }
    Ok(report)
}

/// `xtask publish SITE [API_DIR]`: publishes the documents in `API_DIR`
/// (default `SITE/api`) into the served site `SITE`, writing only what
/// changed.
fn publish_site(site_dir: &Path, api_dir: Option<&Path>) -> Result<(), String> {
    let started = Instant::now();
    let _lock = publish::Lock::take(site_dir)?;
    let build = publish::Frozen::load(site_dir)?;
    let config =
        gazette_core::config::Config::from_lookup(|name| rewrite::meta(&build.shell, name));
    let limits = source::Limits::archive(config.max_article_bytes)?;
    gazette::config::init(config);
    let api = api_dir.map_or_else(|| site_dir.join("api"), Path::to_path_buf);
    let compressed = site_dir.join("index.html.br").exists();
    let report = publish::publish(
        site_dir,
        &build,
        Some(source::Location::Dir(&api)),
        limits,
        build_time(),
        compressed,
    )?;
    for warning in &report.warnings {
        eprintln!("xtask publish: warning: {warning}");
    }
    println!(
        "xtask publish: {} articles; {} file(s) written, {} removed, in {} ms",
        report.articles,
        report.written.len(),
        report.removed.len(),
        started.elapsed().as_millis()
    );
    if report.written.len() + report.removed.len() <= 20 {
        for path in &report.written {
            println!("  wrote {path}");
        }
        for path in &report.removed {
            println!("  removed {path}");
        }
    }
    Ok(())
}

/// Now, or `SOURCE_DATE_EPOCH` for a reproducible build.
fn build_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_build_must_be_told_the_site_address() {
        let refused = site_url(None, "", true).unwrap_err();
        assert!(
            refused.contains("SITE_URL=https://news.example"),
            "{refused}"
        );
        assert!(site_url(Some(" "), "", true).is_err());
        assert_eq!(
            site_url(Some("https://a.example/"), "", true).unwrap(),
            "https://a.example"
        );
        assert_eq!(
            site_url(None, "https://b.example", true).unwrap(),
            "https://b.example"
        );
        assert_eq!(site_url(None, "", false).unwrap(), "http://127.0.0.1:8080");
    }

    #[test]
    fn without_a_readable_backend_only_site_wide_pages_are_made() {
        let dir = source::tests::backend_dir("no-api", &[]);
        let build = publish::tests::build();
        let r = publish_backend(&dir, &build, "/api", source::Limits::default(), false).unwrap();
        assert_eq!(r.articles, 0);
        assert!(
            r.warnings[0].contains("only the site-wide pages"),
            "{:?}",
            r.warnings
        );
        for file in [
            "index.html",
            "404.html",
            "sitemap.xml",
            "rss.xml",
            "robots.txt",
        ] {
            assert!(dir.join(file).exists(), "{file}");
        }
        let remote = publish_backend(
            &dir,
            &build,
            "https://cms.example/api",
            source::Limits::default(),
            false,
        )
        .unwrap();
        assert!(
            remote.warnings[0].contains("set API_URL"),
            "{:?}",
            remote.warnings
        );
    }
}
