//! The Content-Security-Policy for the built site, strict in the sense of
//! CSP Level 3: the inline loader and import map by hash (never
//! `'unsafe-inline'`), every other script only when a trusted script adds
//! it (`'strict-dynamic'`), wasm compilation allowed, no plugins, no
//! `<base>`, no form submissions, no framing, and Trusted Types required
//! for every DOM sink that can run script, with the one policy the loader
//! makes (`default`, see `loader.rs`). Browsers without `'strict-dynamic'`
//! fall back to `'self'` and the configured outside hosts.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The CSP source expression allowing exactly `script`.
pub fn hash_source(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The origin (`https://cms.example`) of an absolute `http(s)` URL.
fn origin_of(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    if !url.starts_with("https://") && !url.starts_with("http://") {
        return None;
    }
    let end = url[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| scheme_end + i);
    (end > scheme_end).then(|| &url[..end])
}

/// Where the policy goes: an HTTP header can say everything; a `<meta>`
/// cannot carry `frame-ancestors` (browsers ignore it there).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Header,
    Meta,
}

/// The policy for a page whose inline scripts are `scripts` and whose
/// backend is `api_base` (a path on this origin, or an absolute URL).
/// `kakao`: whether KakaoTalk sharing is configured (`kakao-app-key`); only
/// then may the page load Kakao's SDK and talk to Kakao.
pub fn policy(scripts: &[String], api_base: &str, kakao: bool, delivery: Delivery) -> String {
    let hashes: Vec<String> = scripts.iter().map(|s| hash_source(s)).collect();
    let mut connect = vec!["'self'".to_owned()];
    if let Some(origin) = origin_of(api_base) {
        connect.push(origin.to_owned());
    }
    let mut script = format!(
        "script-src 'self' 'wasm-unsafe-eval' 'strict-dynamic' {}",
        hashes.join(" ")
    );
    if kakao {
        // The SDK loads on the first click (with its integrity hash) and
        // talks to Kakao. (`'strict-dynamic'` ignores the host; browsers
        // that do not know it need it.)
        script.push_str(" https://t1.kakaocdn.net");
        connect.push("https://*.kakao.com".into());
    }
    let mut directives = vec![
        "default-src 'self'".to_owned(),
        script,
        "style-src 'self'".into(),
        // Article images may live on the newspaper's image host.
        "img-src 'self' https:".into(),
        format!("connect-src {}", connect.join(" ")),
        "font-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        // The page has no form that submits anywhere (`method="dialog"`
        // only closes its dialog).
        "form-action 'none'".into(),
        "require-trusted-types-for 'script'".into(),
        "trusted-types default gazette-loader".into(),
    ];
    if delivery == Delivery::Header {
        directives.push("frame-ancestors 'none'".into());
    }
    directives.join("; ")
}

/// Where the browser reports what the policy blocks, from
/// `<meta name="csp-report-uri">`: an `https` URL, or a path on this site.
/// Anything else (and no value, the default) means no reports.
pub fn report_endpoint(configured: Option<&str>) -> Option<String> {
    let url = gazette_core::ids::SafeUrl::parse(configured?)?;
    let lower = url.as_str().to_ascii_lowercase();
    (url.is_same_origin_path() || lower.starts_with("https://")).then(|| url.as_str().to_owned())
}

/// `policy` sending its violation reports to `endpoint`: `report-uri` for
/// browsers that know only that, `report-to` (with the
/// `Reporting-Endpoints` header of [`headers_file`]) for the others.
pub fn with_reports(policy: &str, endpoint: Option<&str>) -> String {
    match endpoint {
        Some(url) => format!("{policy}; report-uri {url}; report-to csp"),
        None => policy.to_owned(),
    }
}

/// The response headers every page should carry, as a `_headers` file
/// (Netlify and Cloudflare Pages read it; README shows nginx).
/// `Strict-Transport-Security` tells browsers to use HTTPS only for a
/// year; they ignore it on plain-HTTP answers, so it is harmless on a
/// local host and takes effect on the HTTPS one.
pub fn headers_file(policy: &str, report_endpoint: Option<&str>) -> String {
    let reporting = report_endpoint
        .map(|url| format!("  Reporting-Endpoints: csp=\"{url}\"\n"))
        .unwrap_or_default();
    format!(
        "/*\n  Content-Security-Policy: {policy}\n{reporting}  Strict-Transport-Security: max-age=31536000\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Permissions-Policy: camera=(), microphone=(), geolocation=()\n  Cross-Origin-Opener-Policy: same-origin-allow-popups\n"
    )
}

/// The headers of a `_headers` file (as [`headers_file`] writes it) as
/// nginx `add_header` directives, for `deploy/nginx.conf` to include.
pub fn nginx_headers(headers: &str) -> Result<String, String> {
    let mut out =
        String::from("# Written by the build: the headers of _headers, for deploy/nginx.conf.\n");
    for line in headers.lines().filter(|l| l.starts_with("  ")) {
        let (name, value) = line
            .trim()
            .split_once(": ")
            .ok_or_else(|| format!("not a header line: {line:?}"))?;
        let quote = if value.contains('"') { '\'' } else { '"' };
        if value.contains([quote, '\\', '$', '\n']) {
            return Err(format!(
                "cannot quote the value of {name} for nginx: {value:?}"
            ));
        }
        out += &format!("add_header {name} {quote}{value}{quote} always;\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><script type="module">
import init from '/app.js';
</script><script src="/x.js"></script>
<script type="application/ld+json">{"a":1}</script></head></html>"#;

    #[test]
    fn only_executable_inline_scripts_are_hashed() {
        let scripts = crate::rewrite::inline_scripts(PAGE);
        assert_eq!(scripts, vec!["\nimport init from '/app.js';\n"]);
    }

    #[test]
    fn the_hash_is_the_sha256_of_the_exact_script_text() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash_source("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn the_policy_is_strict() {
        let p = policy(&["x".into()], "/api", false, Delivery::Header);
        assert!(p.starts_with(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'strict-dynamic' 'sha256-"
        ));
        assert!(!p.contains("unsafe-inline"));
        assert!(!p.contains("unsafe-eval'") || p.contains("'wasm-unsafe-eval'"));
        for d in [
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types default gazette-loader;",
        ] {
            assert!(p.contains(d), "{d} missing from {p}");
        }
        let meta = policy(
            &["x".into()],
            "https://cms.example/api/v1",
            false,
            Delivery::Meta,
        );
        assert!(!meta.contains("frame-ancestors"));
        assert!(meta.contains("connect-src 'self' https://cms.example;"));
    }

    #[test]
    fn kakao_hosts_are_allowed_only_with_a_key() {
        let without = policy(&["x".into()], "/api", false, Delivery::Header);
        assert!(!without.contains("kakao"), "{without}");
        let with = policy(&["x".into()], "/api", true, Delivery::Header);
        assert!(with.contains(" https://t1.kakaocdn.net;"), "{with}");
        assert!(
            with.contains("connect-src 'self' https://*.kakao.com;"),
            "{with}"
        );
    }

    #[test]
    fn reports_go_where_the_operator_says_and_nowhere_by_default() {
        assert_eq!(report_endpoint(None), None);
        assert_eq!(report_endpoint(Some("")), None);
        for bad in [
            "http://reports.example/csp",
            "//evil.example",
            "javascript:x",
            "a b",
        ] {
            assert_eq!(report_endpoint(Some(bad)), None, "{bad}");
        }
        let url = report_endpoint(Some(" https://reports.example/csp ")).unwrap();
        assert_eq!(url, "https://reports.example/csp");
        assert_eq!(
            report_endpoint(Some("/csp-report")).as_deref(),
            Some("/csp-report")
        );
        let p = with_reports("default-src 'self'", Some(&url));
        assert_eq!(
            p,
            "default-src 'self'; report-uri https://reports.example/csp; report-to csp"
        );
        assert_eq!(
            with_reports("default-src 'self'", None),
            "default-src 'self'"
        );
        let file = headers_file(&p, Some(&url));
        assert!(file.contains("\n  Reporting-Endpoints: csp=\"https://reports.example/csp\"\n"));
        let plain = headers_file("default-src 'self'", None);
        assert!(!plain.contains("Reporting-Endpoints") && !plain.contains("report-"));
        assert!(plain.contains("\n  Strict-Transport-Security: max-age=31536000\n"));
    }

    #[test]
    fn nginx_gets_the_same_headers() {
        let url = "https://reports.example/csp";
        let file = headers_file(&with_reports("default-src 'self'", Some(url)), Some(url));
        let conf = nginx_headers(&file).unwrap();
        assert!(conf.contains(
            "\nadd_header Content-Security-Policy \"default-src 'self'; report-uri https://reports.example/csp; report-to csp\" always;\n"
        ), "{conf}");
        assert!(
            conf.contains(
                "\nadd_header Reporting-Endpoints 'csp=\"https://reports.example/csp\"' always;\n"
            ),
            "{conf}"
        );
        assert!(
            conf.contains("\nadd_header Strict-Transport-Security \"max-age=31536000\" always;\n")
        );
        assert_eq!(
            conf.matches("add_header ").count(),
            file.lines().count() - 1
        );
        assert!(nginx_headers("/*\n  X-A: a$b\n").is_err());
        assert!(nginx_headers("/*\n  X-A: 'a' \"b\"\n").is_err());
    }

    #[test]
    fn the_meta_tag_goes_first_in_head_and_is_escaped() {
        let html = crate::rewrite::with_policy_meta(
            "<html><head><title>t</title></head></html>",
            "a 'b' \"c\"",
        )
        .unwrap();
        assert!(html.starts_with(
            "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"a &#39;b&#39; &quot;c&quot;\"><title>"
        ));
    }

    #[test]
    fn origins_are_taken_from_absolute_urls_only() {
        assert_eq!(
            origin_of("https://a.example/api"),
            Some("https://a.example")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:9000"),
            Some("http://127.0.0.1:9000")
        );
        assert_eq!(origin_of("/api"), None);
        assert_eq!(origin_of("javascript://x"), None);
    }
}
