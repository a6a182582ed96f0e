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

pub mod git;

/// Where an archived roadmap comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A frozen folder `snapshots/<name>/`.
    Folder(String),
    /// A git tag, by full name.
    Tag(String),
}

impl Origin {
    pub fn label(&self) -> String {
        match self {
            Origin::Folder(dir) => format!("folder {dir}/"),
            Origin::Tag(tag) => format!("git tag {tag}"),
        }
    }
}

/// An archived roadmap's files, before anything is parsed.
#[derive(Debug, Clone)]
pub struct Archived {
    /// Version name, used in `v/<name>/`.
    pub name: String,
    pub origin: Origin,
    /// `book.toml`, if the snapshot has one.
    pub config_text: Option<String>,
    /// Every `.md` and `.csv` under the snapshot, paths relative to the
    /// snapshot's project root (`content/...`).
    pub files: Vec<(String, Vec<u8>)>,
    /// A date to order by when `book.toml` sets no `today` (a tag's date).
    pub date_hint: Option<String>,
    /// Prefix for paths in diagnostics: `roadmap/2026-Q2:` or
    /// `snapshots/2026-Q2/`.
    pub display_prefix: String,
}

/// Frozen folders under `root/dir`, each holding a `book.toml`.
pub fn frozen(root: &Path, dir: &str) -> Vec<Archived> {
    let base = root.join(dir);
    let Ok(entries) = std::fs::read_dir(&base) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().join(crate::config::FILE).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let folder = base.join(&name);
            let mut files = Vec::new();
            let walker = walkdir::WalkDir::new(&folder)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker.flatten() {
                let file_name = entry.file_name().to_string_lossy();
                if !entry.file_type().is_file()
                    || !(file_name.ends_with(".md") || file_name.ends_with(".csv"))
                {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(&folder)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                if let Ok(bytes) = std::fs::read(entry.path()) {
                    files.push((rel, bytes));
                }
            }
            Archived {
                config_text: std::fs::read_to_string(folder.join(crate::config::FILE)).ok(),
                origin: Origin::Folder(format!("{dir}/{name}")),
                display_prefix: format!("{dir}/{name}/"),
                name,
                files,
                date_hint: None,
            }
        })
        .collect()
}

/// Git tags matching `pattern`, each read from its tree. The version name
/// is the tag name without the pattern's fixed prefix (`roadmap/2026-Q2` →
/// `2026-Q2`). `content_dir_of` reads a tag's `book.toml` text to find its
/// content folder.
pub fn tagged(
    root: &Path,
    pattern: &str,
    content_dir_of: impl Fn(&str) -> String,
) -> Result<Vec<Archived>, String> {
    if !git::is_repo(root) {
        return Ok(Vec::new());
    }
    // The project may live in a sub-folder of the repository.
    let prefix = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--show-prefix"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let fixed = pattern.split('*').next().unwrap_or("");
    let mut out = Vec::new();
    for tag in git::tags(root, pattern) {
        let name = tag
            .name
            .strip_prefix(fixed)
            .unwrap_or(&tag.name)
            .replace('/', "-");
        let book = format!("{prefix}{}", crate::config::FILE);
        let first = git::read_tree(root, &tag.name, &[book.as_str()], &[])?;
        let config_text = first
            .into_iter()
            .next()
            .map(|(_, b)| String::from_utf8_lossy(&b).into_owned());
        let content = format!(
            "{prefix}{}",
            config_text
                .as_deref()
                .map(&content_dir_of)
                .unwrap_or_else(|| "content".into())
        );
        let files = git::read_tree(root, &tag.name, &[], &[content.as_str()])?
            .into_iter()
            .filter(|(p, _)| p.ends_with(".md") || p.ends_with(".csv"))
            .map(|(p, b)| (p.strip_prefix(&prefix).unwrap_or(&p).to_string(), b))
            .collect();
        out.push(Archived {
            display_prefix: format!("{}:", tag.name),
            origin: Origin::Tag(tag.name.clone()),
            name,
            config_text,
            files,
            date_hint: Some(tag.date),
        });
    }
    Ok(out)
}

/// The content files of an archived roadmap as [`SourceFile`]s, given its
/// content folder.
pub fn content_of(archived: &Archived, content_dir: &str) -> Vec<SourceFile> {
    let dir = format!("{}/", content_dir.trim_end_matches('/'));
    let mut files: Vec<SourceFile> = archived
        .files
        .iter()
        .filter_map(|(path, bytes)| {
            let rel = path.strip_prefix(&dir)?;
            Some(SourceFile {
                rel: rel.to_string(),
                display: format!("{}{path}", archived.display_prefix),
                bytes: bytes.clone(),
            })
        })
        .collect();
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files
}
