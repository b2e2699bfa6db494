//! Writing documents into a served directory without a moment where one is
//! missing or half-written: each file is written beside its place under a
//! temporary name, flushed, and renamed over the old one (a rename within a
//! directory is atomic on POSIX file systems). A failed run leaves every
//! file as it was, and no temporary file behind.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `content` to `dir/path` atomically (creating folders).
pub fn write(dir: &Path, path: &str, content: &[u8]) -> Result<(), String> {
    let target = dir.join(path);
    let folder = target
        .parent()
        .ok_or_else(|| format!("{}: no parent folder", target.display()))?;
    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp: PathBuf = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        f.write_all(content)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temp, &target)) {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("{}: {e}", target.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_replaces_the_old_one_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("sync-out-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        write(&dir, "articles/a.json", b"{\"old\":1}").unwrap();
        write(&dir, "articles/a.json", b"{\"new\":1}").unwrap();
        assert_eq!(
            std::fs::read(dir.join("articles/a.json")).unwrap(),
            b"{\"new\":1}"
        );
        let names: Vec<_> = std::fs::read_dir(dir.join("articles"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.json"]);
        // A place that cannot be written fails with its name, and the old
        // file stays.
        std::fs::create_dir_all(dir.join("articles/b.json")).unwrap();
        let e = write(&dir, "articles/b.json", b"{}").unwrap_err();
        assert!(e.contains("articles/b.json"), "{e}");
        assert_eq!(
            std::fs::read(dir.join("articles/a.json")).unwrap(),
            b"{\"new\":1}"
        );
    }
}
