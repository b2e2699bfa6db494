//! Build steps that run after Trunk (`[[hooks]]` in `Trunk.toml`), on the
//! freshly built site:
//!
//! `cargo run -p xtask -- postbuild [DIR]` writes the Content-Security-Policy
//! into every page and a `_headers` file with the response headers.
//! `DIR` defaults to Trunk's staging directory (`TRUNK_STAGING_DIR`), else
//! `dist`.

mod csp;
mod escape;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
        _ => Err("usage: xtask postbuild [DIR]".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The `content` of `<meta name="{name}">` in `html`.
fn meta_content<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let start = html.find(&format!("<meta name=\"{name}\" content=\""))?;
    let rest = &html[start..];
    let value_start = rest.find("content=\"")? + 9;
    let value_end = rest[value_start..].find('"')?;
    Some(&rest[value_start..value_start + value_end])
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
    let index_path = dist.join("index.html");
    let shell = read(&index_path)?;
    if shell.contains("http-equiv=\"Content-Security-Policy\"") {
        return Err(format!("{} was already processed", index_path.display()));
    }
    let api_base = meta_content(&shell, "api-base").unwrap_or("/api");
    let scripts = csp::inline_scripts(&shell);
    let header = csp::policy(&scripts, api_base, csp::Delivery::Header);
    let meta = csp::policy(&scripts, api_base, csp::Delivery::Meta);
    let shell = csp::with_meta(&shell, &meta);
    write(&index_path, &shell)?;
    write(&dist.join("_headers"), &csp::headers_file(&header))?;
    println!(
        "xtask: Content-Security-Policy for {} inline script(s)",
        scripts.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_values_are_read_from_the_shell() {
        let html = r#"<meta name="api-base" content="https://cms.example/api"><meta name="site-name" content="">"#;
        assert_eq!(
            meta_content(html, "api-base"),
            Some("https://cms.example/api")
        );
        assert_eq!(meta_content(html, "site-name"), Some(""));
        assert_eq!(meta_content(html, "kakao-app-key"), None);
    }
}
