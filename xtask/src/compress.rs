//! Pre-compressed copies of the release files, for hosts that serve them
//! as they are (nginx `gzip_static on;` and `brotli_static on;`, Caddy
//! `precompressed`, Apache with rewrite rules): `file.br` (brotli, quality
//! 11) and `file.gz` (gzip, level 9) next to every text, wasm and SVG file
//! of at least 1 kB. Compressing once at build time lets a host send the
//! smallest encoding without spending CPU on every answer.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Extensions worth compressing (images other than SVG already are).
const COMPRESSIBLE: [&str; 9] = [
    "html", "js", "wasm", "css", "svg", "json", "xml", "txt", "map",
];
/// Below this a compressed answer saves less than its headers cost.
const MIN_BYTES: u64 = 1024;

/// Whether `path` gets compressed copies.
pub fn wanted(path: &Path, size: u64) -> bool {
    size >= MIN_BYTES
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

pub fn brotli(data: &[u8]) -> Vec<u8> {
    brotli_at(data, 11)
}

/// Brotli at `quality` (0–11): publishing many pages at once uses a lower
/// one (see `publish.rs`).
pub fn brotli_at(data: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        // Writing into a Vec cannot fail.
        let _ = writer.write_all(data);
    }
    out
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::best(),
    );
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// Every file under `dir`, depth first, in a stable order.
pub fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Writes `.br` and `.gz` beside each compressible file of `dist`, replacing
/// older copies; returns how many files were compressed and their total
/// size before and after brotli.
pub fn site(dist: &Path) -> Result<(usize, u64, u64), String> {
    let mut all = Vec::new();
    files(dist, &mut all)?;
    let (mut count, mut raw, mut packed) = (0, 0, 0);
    for path in all {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        // What publishing keeps for itself is not served to readers.
        if !wanted(&path, size) || path.starts_with(dist.join(crate::publish::STATE)) {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let br = brotli(&data);
        for (ext, bytes) in [("br", &br), ("gz", &gzip(&data))] {
            let mut name = path.clone().into_os_string();
            name.push(".");
            name.push(ext);
            std::fs::write(&name, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        count += 1;
        raw += size;
        packed += br.len() as u64;
    }
    Ok((count, raw, packed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn text_wasm_and_svg_get_both_copies_and_they_decode_to_the_original() {
        let dir = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("article/1")).unwrap();
        let page = "<!doctype html><p>영광군 소식</p>\n".repeat(100);
        std::fs::write(dir.join("article/1/index.html"), &page).unwrap();
        std::fs::write(dir.join("app_bg.wasm"), vec![7u8; 4096]).unwrap();
        std::fs::write(dir.join("small.css"), "p{}").unwrap();
        std::fs::write(dir.join("photo.png"), vec![1u8; 4096]).unwrap();
        let (count, raw, packed) = site(&dir).unwrap();
        assert_eq!(count, 2);
        assert_eq!(raw, page.len() as u64 + 4096);
        assert!(packed < raw / 10, "{packed} of {raw}");

        let mut unbr = Vec::new();
        brotli::Decompressor::new(
            std::fs::File::open(dir.join("article/1/index.html.br")).unwrap(),
            4096,
        )
        .read_to_end(&mut unbr)
        .unwrap();
        assert_eq!(unbr, page.as_bytes());
        let mut ungz = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(dir.join("app_bg.wasm.gz")).unwrap())
            .read_to_end(&mut ungz)
            .unwrap();
        assert_eq!(ungz, vec![7u8; 4096]);
        for skipped in ["small.css.br", "photo.png.br", "photo.png.gz"] {
            assert!(!dir.join(skipped).exists(), "{skipped}");
        }
        // A second run replaces the copies and never compresses a copy.
        assert_eq!(site(&dir).unwrap().0, 2);
        assert!(!dir.join("app_bg.wasm.gz.gz").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
