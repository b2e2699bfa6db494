//! Smaller release files, after Trunk and before the loader step:
//!
//! - **Short import names.** wasm-bindgen names each of the wasm's imports
//!   after its function plus a 16-digit hash (`__wbg_focus_4a1b…`), in the
//!   wasm and again in the JS glue; the hashes do not compress. Each import
//!   gets a short name (`a`, `b`, … `ba`, …) in both files, and their module
//!   (`./gazette_bg.js`) the name `w`.
//! - **Minified JS glue and style sheets**, with esbuild (Trunk's own JS
//!   minifier fails on the glue, and its HTML minifier on the page; see
//!   `Trunk.toml`). Without esbuild on `PATH` this part is skipped, saying
//!   so; `scripts/bootstrap.sh` installs it.
//! - The page's Subresource Integrity hashes of the changed files are
//!   updated to match.
//!
//! Any shape of the glue or wasm other than the one expected fails the
//! build, naming what differs, rather than leaving files that do not match.

use base64::Engine;
use sha2::{Digest, Sha384};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// `sha384-…` of `data`, as in an `integrity` attribute.
pub fn integrity(data: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(data))
    )
}

/// The `href` of every `<link>` in `html` whose `rel` is `rel`.
fn links(html: &str, rel: &str) -> Vec<String> {
    crate::rewrite::links(html, rel)
        .into_iter()
        .map(|l| l.href)
        .collect()
}

/// The file a root-relative `href` names in `dist`.
fn file(dist: &Path, href: &str) -> Result<std::path::PathBuf, String> {
    let rel = href.trim_start_matches('/');
    if rel.is_empty() || rel.contains("..") {
        return Err(format!("unexpected asset address {href:?}"));
    }
    Ok(dist.join(rel))
}

/// Replaces the file at `href` (`path` in `dist`) with `new`, and its
/// integrity hash in `html`.
fn replace(html: &mut String, href: &str, path: &Path, new: &[u8]) -> Result<(), String> {
    *html = crate::rewrite::set_integrity(html, href, &integrity(new))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, new).map_err(|e| format!("{}: {e}", path.display()))
}

/// What [`release`] did, for the build log.
pub struct Report {
    pub renamed: usize,
    pub before: usize,
    pub after: usize,
    pub minified: bool,
}

/// Shrinks the wasm, JS glue and style sheets `html` (Trunk's page) loads,
/// and returns the page with their new integrity hashes.
pub fn release(dist: &Path, html: &str) -> Result<(String, Report), String> {
    let mut html = html.to_owned();
    let js_href = links(&html, "modulepreload")
        .into_iter()
        .find(|h| h.ends_with(".js"))
        .ok_or("Trunk's JS glue preload link is missing")?;
    let wasm_href = links(&html, "preload")
        .into_iter()
        .find(|h| h.ends_with(".wasm"))
        .ok_or("Trunk's wasm preload link is missing")?;
    let (js_path, wasm_path) = (file(dist, &js_href)?, file(dist, &wasm_href)?);
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let (js, wasm) = (read(&js_path)?, read(&wasm_path)?);
    let glue = String::from_utf8(js.clone()).map_err(|_| "the JS glue is not UTF-8")?;

    let (short_wasm, renames) = rename_imports(&wasm)?;
    let mut short_js = rename_in_glue(&glue, &renames)?;
    let esbuild = which_esbuild();
    if let Some(esbuild) = &esbuild {
        short_js = minify(esbuild, "js", &short_js)?;
    }
    let mut report = Report {
        renamed: renames.len(),
        before: js.len() + wasm.len(),
        after: short_js.len() + short_wasm.len(),
        minified: esbuild.is_some(),
    };
    replace(&mut html, &wasm_href, &wasm_path, &short_wasm)?;
    replace(&mut html, &js_href, &js_path, short_js.as_bytes())?;
    if let Some(esbuild) = &esbuild {
        for href in links(&html, "stylesheet") {
            let path = file(dist, &href)?;
            let css = read(&path)?;
            let text = String::from_utf8(css.clone())
                .map_err(|_| format!("{}: not UTF-8", path.display()))?;
            let small = minify(esbuild, "css", &text)?;
            report.before += css.len();
            report.after += small.len();
            replace(&mut html, &href, &path, small.as_bytes())?;
        }
    }
    Ok((html, report))
}

/// esbuild, when it can be run.
fn which_esbuild() -> Option<String> {
    let name = std::env::var("ESBUILD").unwrap_or_else(|_| "esbuild".to_owned());
    Command::new(&name)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()
        .filter(|s| s.success())
        .map(|_| name)
}

/// `source` minified by esbuild as `loader` (`js`, an ES module, or `css`).
/// Non-ASCII text stays as it is (esbuild's default escapes it, larger).
fn minify(esbuild: &str, loader: &str, source: &str) -> Result<String, String> {
    let mut child = Command::new(esbuild)
        .args([
            "--minify",
            &format!("--loader={loader}"),
            "--charset=utf8",
            "--log-level=warning",
        ])
        .args((loader == "js").then_some("--format=esm"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("esbuild: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("esbuild: no stdin")?
        .write_all(source.as_bytes())
        .map_err(|e| format!("esbuild: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("esbuild: {e}"))?;
    if !out.status.success() {
        return Err(format!("esbuild failed on the {loader} ({})", out.status));
    }
    String::from_utf8(out.stdout).map_err(|_| "esbuild wrote non-UTF-8".to_owned())
}

/// The module name the glue's imports get.
const MODULE: &str = "w";

/// The `n`th short name: `a`…`z`, `A`…`Z`, `ba`, `bb`, … (never a keyword
/// the glue could mean otherwise: they are object keys and wasm names).
fn short_name(mut n: usize) -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = Vec::new();
    loop {
        out.push(CHARS[n % CHARS.len()]);
        n /= CHARS.len();
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Old and new names of the imports.
type Renames = Vec<(String, String)>;

/// `wasm` with every import of the glue's module (`./…_bg.js`) renamed, and
/// the renames (old name to new).
fn rename_imports(wasm: &[u8]) -> Result<(Vec<u8>, Renames), String> {
    let mut names: HashMap<String, String> = HashMap::new();
    let out = crate::wasm::rename_imports(wasm, |module, field| {
        (module.starts_with("./") && module.ends_with("_bg.js")).then(|| {
            let next = names.len();
            let short = names
                .entry(field.to_owned())
                .or_insert_with(|| short_name(next));
            (MODULE.to_owned(), short.clone())
        })
    })?;
    if names.is_empty() {
        return Err("wasm: no imports of the JS glue found".to_owned());
    }
    Ok((out, names.into_iter().collect()))
}

/// The glue with its import object's keys renamed: each old name must be a
/// key (`name: function`) exactly once, and the module key once.
fn rename_in_glue(glue: &str, renames: &[(String, String)]) -> Result<String, String> {
    let module_key = glue
        .match_indices("\"./")
        .filter_map(|(i, _)| {
            let rest = &glue[i + 1..];
            let len = rest.find('"')?;
            let name = &rest[..len];
            (name.ends_with("_bg.js") && rest[len..].starts_with("\": import0"))
                .then(|| format!("\"{name}\": import0"))
        })
        .collect::<Vec<_>>();
    let [module_key] = module_key.as_slice() else {
        return Err(format!(
            "the JS glue names its import module {} times, not once",
            module_key.len()
        ));
    };
    let mut out = glue.replacen(module_key.as_str(), &format!("{MODULE}: import0"), 1);
    for (old, new) in renames {
        let key = format!(" {old}: function");
        if out.matches(&key).count() != 1 {
            return Err(format!("the JS glue does not define import {old} once"));
        }
        out = out.replacen(&key, &format!(" {new}: function"), 1);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions from the glue and one from `env`,
    /// with a function type section before and a custom section after.
    fn module() -> Vec<u8> {
        use wasm_encoder::{CustomSection, EntityType, ImportSection, Module, TypeSection};
        let mut wasm = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        wasm.section(&types);
        let mut imports = ImportSection::new();
        for (module, field) in [
            ("./gazette_bg.js", "__wbg_focus_0123456789abcdef"),
            ("env", "memory_grow"),
            ("./gazette_bg.js", "__wbindgen_throw_fedcba9876543210"),
        ] {
            imports.import(module, field, EntityType::Function(0));
        }
        wasm.section(&imports);
        wasm.section(&CustomSection {
            name: "x".into(),
            data: [7, 7].as_slice().into(),
        });
        wasm.finish()
    }

    const GLUE: &str = "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n        __wbg_focus_0123456789abcdef: function(arg0) {\n            arg0.focus();\n        },\n        __wbindgen_throw_fedcba9876543210: function(arg0, arg1) {\n            throw new Error(getStringFromWasm0(arg0, arg1));\n        },\n    };\n    return {\n        __proto__: null,\n        \"./gazette_bg.js\": import0,\n    };\n}\n";

    #[test]
    fn imports_get_short_names_in_the_wasm_and_the_glue() {
        let wasm = module();
        let (short, renames) = rename_imports(&wasm).unwrap();
        let mut renames = renames;
        renames.sort();
        assert_eq!(
            renames,
            [
                ("__wbg_focus_0123456789abcdef".to_owned(), "a".to_owned()),
                (
                    "__wbindgen_throw_fedcba9876543210".to_owned(),
                    "b".to_owned()
                ),
            ]
        );
        // Read back: the same imports in the same order, glue ones renamed,
        // and every other section byte for byte.
        use crate::wasm::tests::{imports, other_sections};
        let names = |wasm: &[u8]| -> Vec<(String, String)> {
            imports(wasm).into_iter().map(|(m, f, _)| (m, f)).collect()
        };
        assert_eq!(
            names(&short),
            [("w", "a"), ("env", "memory_grow"), ("w", "b")]
                .map(|(m, f)| (m.to_owned(), f.to_owned()))
        );
        assert_eq!(other_sections(&short), other_sections(&wasm));
        assert!(short.len() < wasm.len());

        let glue = rename_in_glue(GLUE, &renames).unwrap();
        assert!(glue.contains("        a: function(arg0) {\n            arg0.focus();"));
        assert!(glue.contains("        b: function(arg0, arg1) {\n            throw"));
        assert!(glue.contains("        w: import0,"));
        assert!(!glue.contains("__wbg_focus") && !glue.contains("gazette_bg.js"));
    }

    #[test]
    fn a_glue_of_another_shape_fails_the_build() {
        let renames = [("__wbg_missing_0000000000000000".to_owned(), "a".to_owned())];
        assert!(rename_in_glue(GLUE, &renames)
            .unwrap_err()
            .contains("__wbg_missing"));
        let twice = GLUE.replace(
            "    };\n}",
            "    };\n}\nconst x = { \"./gazette_bg.js\": import0 };",
        );
        assert!(rename_in_glue(&twice, &[]).unwrap_err().contains("2 times"));
        assert!(rename_imports(b"\0asm\x02\0\0\0").is_err());
        let mut cut = module();
        cut.truncate(20);
        assert!(rename_imports(&cut).is_err());
        // A module without imports of the glue.
        let plain =
            crate::wasm::rename_imports(&module(), |_, f| Some(("env".to_owned(), f.to_owned())))
                .unwrap();
        assert!(rename_imports(&plain).unwrap_err().contains("no imports"));
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<_> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(51), "Z");
        assert_eq!(short_name(52), "ba");
    }

    #[test]
    fn links_and_integrity() {
        let html = r#"<link rel="stylesheet" href="/a.css" integrity="x"><link rel="modulepreload" href="/g.js">"#;
        assert_eq!(links(html, "stylesheet"), ["/a.css"]);
        assert_eq!(links(html, "modulepreload"), ["/g.js"]);
        // printf 'alert(1)' | openssl dgst -sha384 -binary | base64
        assert_eq!(
            integrity(b"alert(1)"),
            "sha384-HT2E9NfWiuQ/w1PRai+hTyqW16NIoCGA/m8VQDUopfAtcz6YQjtsMmQd5uRbVDpW"
        );
        assert!(file(Path::new("d"), "/../x").is_err());
    }
}
