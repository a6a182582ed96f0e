//! Where files come from. Today: the working tree. Snapshots (git tags,
//! frozen folders) will be further sources yielding the same values.

use crate::diag::Diagnostic;
use crate::lints;
use std::path::Path;

/// One file under the content folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the content folder, `/`-separated.
    pub rel: String,
    /// Path as shown in diagnostics: relative to the project root.
    pub display: String,
    pub bytes: Vec<u8>,
}

/// Every file under `content_dir`, sorted by path so everything downstream is
/// deterministic. Hidden files and folders are skipped.
pub fn read_tree(root: &Path, content_dir: &str) -> Result<Vec<SourceFile>, Vec<Diagnostic>> {
    let base = root.join(content_dir);
    if !base.is_dir() {
        let msg = format!("content folder `{content_dir}` does not exist");
        let mut d = lints::READ.at(crate::config::FILE, None, msg);
        d.help = Some("create it, or set `[build] content-dir` in book.toml".into());
        return Err(vec![d]);
    }
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let walker = walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().map(|p| rel_display(root, p)).unwrap_or_default();
                diags.push(lints::READ.at(&path, None, format!("cannot read: {err}")));
                continue;
            }
        };
        // Only documents and data are roadmap sources; anything else in the
        // folder (images, office files) is not read.
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || !(name.ends_with(".md") || name.ends_with(".csv")) {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&base)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let display = rel_display(root, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push(SourceFile {
                rel,
                display,
                bytes,
            }),
            Err(err) => diags.push(lints::READ.at(&display, None, format!("cannot read: {err}"))),
        }
    }
    if diags.is_empty() {
        Ok(files)
    } else {
        Err(diags)
    }
}

fn rel_display(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
