//! Where files come from: the working tree's content folder, the snapshots
//! (frozen folders and git tags, through `git.rs`), and the theme
//! (`theme.rs`). Every source yields the same values (a path to show, a
//! path under the content folder, the bytes), confined to the project, so
//! the stages after it never touch the disk.

use crate::diag::Diagnostic;
use crate::lints;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One file under the content folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the content folder, `/`-separated.
    pub rel: String,
    /// Path as shown in diagnostics: relative to the project root.
    pub display: String,
    /// Shared: `serve` keeps the working tree's between builds (see
    /// [`KeptFiles`]).
    pub bytes: std::sync::Arc<Vec<u8>>,
}

#[cfg(test)]
impl SourceFile {
    /// `text` at `rel` under the default content folder: how the unit
    /// tests of every stage write their roadmaps.
    pub fn in_content(rel: &str, text: &str) -> SourceFile {
        SourceFile {
            rel: rel.into(),
            display: format!("content/{rel}"),
            bytes: text.as_bytes().to_vec().into(),
        }
    }
}

/// The working tree's files as the last build read them, for `serve`: a
/// file whose stamp (length, modification and change times, device and
/// inode) is as it was is taken from here instead of being opened and
/// read again (at 10,000 initiatives, reading them all was a sixth of an
/// edit's rebuild).
#[derive(Default)]
pub struct KeptFiles(std::collections::HashMap<PathBuf, (FileStamp, std::sync::Arc<Vec<u8>>)>);

/// What tells a file's versions apart without reading it: length,
/// modification and change times, device and inode (the change time and
/// inode catch a same-length rewrite within one tick of the clock, and a
/// file replaced by another, as editors save).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    modified: SystemTime,
    changed: Option<SystemTime>,
    len: u64,
    file: (u64, u64),
}

/// How old a file's times must be for its stamp to be trusted: a write in
/// the same tick of a coarse clock (2 s on FAT, 1 s on HFS+, a few ms on
/// Linux) as an earlier read leaves them as they were, so a file written
/// that recently is read again next time (git's "racy clean" files).
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

impl FileStamp {
    pub fn of(m: &std::fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        let (changed, file) = {
            use std::os::unix::fs::MetadataExt;
            let changed = u64::try_from(m.ctime()).ok().map(|secs| {
                SystemTime::UNIX_EPOCH
                    + std::time::Duration::new(secs, u32::try_from(m.ctime_nsec()).unwrap_or(0))
            });
            (changed, (m.dev(), m.ino()))
        };
        #[cfg(not(unix))]
        let (changed, file) = (None, (0, 0));
        FileStamp {
            modified: m.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            changed,
            len: m.len(),
            file,
        }
    }

    /// The stamp, or `None` when a time is missing or too recent at `now`
    /// to be trusted.
    fn settled(m: &std::fs::Metadata, now: SystemTime) -> Option<FileStamp> {
        let stamp = FileStamp::of(m);
        let settled = |t: SystemTime| now.duration_since(t).is_ok_and(|age| age >= SETTLED);
        (m.modified().is_ok() && settled(stamp.modified) && stamp.changed.is_none_or(settled))
            .then_some(stamp)
    }
}

/// Every file under `content_dir`, sorted by path so everything downstream is
/// deterministic, and what could not be read. Hidden files and folders are
/// skipped. `Err` only when there is no content folder at all. With
/// `kept`, unchanged files are taken from it, and it is left holding
/// what this read found.
#[allow(clippy::type_complexity)]
pub fn read_tree(
    root: &Path,
    content_dir: &str,
    kept: Option<&mut KeptFiles>,
) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), Vec<Diagnostic>> {
    read_tree_at(root, content_dir, kept, SystemTime::now())
}

/// [`read_tree`], trusting the stamps of files settled at `started`.
#[allow(clippy::type_complexity)]
fn read_tree_at(
    root: &Path,
    content_dir: &str,
    kept: Option<&mut KeptFiles>,
    started: SystemTime,
) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let base = root.join(content_dir);
    if !base.is_dir() {
        let msg = format!("content folder `{content_dir}` does not exist");
        let mut d = lints::READ.at(crate::config::FILE, None, msg);
        d.help = Some("create it, or set `[build] content-dir` in book.toml".into());
        return Err(vec![d]);
    }
    let (found, mut diags) = walk(
        &Confinement::new(root),
        &base,
        is_source,
        misnamed_source,
        |p| rel_display(root, p),
    );
    // Each file looked at on every core, then gathered in order: one after
    // another, the stamps and the paths were most of the source stage of a
    // `serve` rebuild at 10,000 initiatives, on one core.
    use rayon::prelude::*;
    let was = kept.as_deref().map(|k| &k.0);
    let looked: Vec<Looked> = found
        .into_par_iter()
        .map(|(rel, path)| {
            let display = rel_display(root, &path);
            let meta = std::fs::metadata(&path).ok();
            if let Some(d) = meta
                .as_ref()
                .and_then(|m| too_large(&rel, m.len(), &display))
            {
                return Looked::Unread(d);
            }
            let stamp = meta.and_then(|m| FileStamp::settled(&m, started));
            let unchanged = was.and_then(|k| match k.get(&path) {
                Some((was, bytes)) if Some(*was) == stamp => Some(std::sync::Arc::clone(bytes)),
                _ => None,
            });
            let bytes = match unchanged {
                Some(bytes) => Ok(bytes),
                None => std::fs::read(&path).map(std::sync::Arc::new),
            };
            match bytes {
                Ok(bytes) => Looked::Read(
                    SourceFile {
                        rel,
                        display,
                        bytes,
                    },
                    stamp.map(|stamp| (path, stamp)),
                ),
                Err(err) => {
                    Looked::Unread(lints::READ.at(&display, None, format!("cannot read: {err}")))
                }
            }
        })
        .collect();
    let mut files = Vec::with_capacity(looked.len());
    let mut now_kept = std::collections::HashMap::new();
    for one in looked {
        match one {
            Looked::Read(file, stamp) => {
                if let (Some((path, stamp)), true) = (stamp, kept.is_some()) {
                    now_kept.insert(path, (stamp, std::sync::Arc::clone(&file.bytes)));
                }
                files.push(file);
            }
            Looked::Unread(d) => diags.push(d),
        }
    }
    if let Some(k) = kept {
        k.0 = now_kept;
    }
    Ok((files, diags))
}

/// A file of the tree as [`read_tree_at`] found it: read (with its stamp
/// and path, when settled, for [`KeptFiles`]), or why not.
enum Looked {
    Read(SourceFile, Option<(PathBuf, FileStamp)>),
    Unread(Diagnostic),
}

/// The largest document roadmap reads: far beyond any real one (a 5,000
/// initiative roadmap's largest file is a few kilobytes), small enough that
/// memory stays bounded. Markdown made of many small parts costs the
/// parser about 150 bytes per byte (8 MB of code spans took 1.2 GB to
/// check): at 64 MiB a single file could take 10 GB.
pub const MAX_DOCUMENT_BYTES: u64 = 4 << 20;
/// The largest data file: 100,000 rows of `date,value,target` fit in a few
/// megabytes.
pub const MAX_DATA_BYTES: u64 = 16 << 20;

/// A file's size as a reader checks it against a limit: bytes near it (4
/// MiB and 15 bytes is not "5 MiB"), mebibytes, rounded up, far beyond.
fn size(len: u64) -> String {
    if len < 64 << 20 {
        format!("{} bytes", crate::words::thousands(len))
    } else {
        format!("{} MiB", len.div_ceil(1 << 20))
    }
}

/// The finding for a file over its size limit, told before reading it.
pub fn too_large(rel: &str, len: u64, display: &str) -> Option<Diagnostic> {
    let (limit, what, fix) = if rel.ends_with(".csv") {
        (
            MAX_DATA_BYTES,
            "a data file",
            "aggregate the data (a KPI needs one value per period), or split it",
        )
    } else {
        (
            MAX_DOCUMENT_BYTES,
            "a document",
            "split the document, or move bulky material out of `content/`",
        )
    };
    (len > limit).then(|| {
        let mut d = lints::TOO_LARGE.at(
            display,
            None,
            format!(
                "{} is over the limit of {} MiB for {what}",
                size(len),
                limit >> 20
            ),
        );
        d.help = Some(fix.into());
        d
    })
}

/// Only documents and data are roadmap sources; anything else in the
/// content folder (images, office files) is not read.
pub(crate) fn is_source(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".csv")
}

/// The name a file roadbook skips was meant to have, when it looks like a
/// document or data file (`finops.MD`, `plan.markdown`, `nps.CSV`): without
/// a word it would vanish from the roadmap.
pub(crate) fn misnamed_source(name: &str) -> Option<String> {
    // Hidden, as `.outcome.md`: not an editor's lock (`.#x.md`) or macOS's
    // resource fork beside a copied file (`._x.md`).
    if let Some(shown) = name.strip_prefix('.') {
        let junk = shown.starts_with('#') || shown.starts_with('_') || shown.starts_with('.');
        return (!junk && is_source(shown)).then(|| shown.to_string());
    }
    let (stem, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    let meant = match ext.as_str() {
        "md" | "markdown" | "mdown" | "mkd" | "mkdn" => "md",
        "csv" => "csv",
        _ => return None,
    };
    // A repository's own notes (README.MD) are not meant as roadmap pages.
    let notes = ["readme", "license", "licence", "changelog", "contributing"]
        .contains(&stem.to_ascii_lowercase().as_str());
    (!stem.is_empty() && !notes && !is_source(name)).then(|| format!("{stem}.{meant}"))
}

/// The project root, resolved once: roadbook reads nothing outside it, and a
/// symbolic link that leads out of it is refused rather than followed.
pub struct Confinement {
    root: std::path::PathBuf,
}

impl Confinement {
    pub fn new(root: &Path) -> Confinement {
        Confinement {
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Where `path` really leads, when that is inside the project.
    pub fn resolve(&self, path: &Path) -> Result<std::path::PathBuf, String> {
        let real = path
            .canonicalize()
            .map_err(|e| format!("cannot resolve: {e}"))?;
        if real.starts_with(&self.root) {
            Ok(real)
        } else {
            Err(format!(
                "leads through a symbolic link to `{}`, outside the project; roadbook reads nothing outside the project root",
                real.display()
            ))
        }
    }
}

/// Files under `base` whose name `wanted` accepts, as (path relative to
/// `base`, path), sorted. Hidden entries are skipped; symbolic links are
/// followed while they stay inside the project; loops and links leading
/// out are reported (with `display` naming the path) and skipped.
/// `misnamed`: for a file not `wanted`, the name it was likely meant to
/// have; it is then named in a warning instead of skipped without a word.
pub fn walk(
    confinement: &Confinement,
    base: &Path,
    wanted: impl Fn(&str) -> bool,
    misnamed: impl Fn(&str) -> Option<String>,
    display: impl Fn(&Path) -> String,
) -> (Vec<(String, std::path::PathBuf)>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    // The folder itself, or one of its parents, may be a link out of the
    // project: its entries would not look like links at all.
    if base.exists() {
        if let Err(why) = confinement.resolve(base) {
            let shown = display(base);
            let mut d = lints::READ.at(&shown, None, format!("`{shown}` {why}"));
            d.help = Some("keep the folder inside the project instead of linking to it".into());
            return (found, vec![d]);
        }
    }
    let mut it = walkdir::WalkDir::new(base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().map(&display).unwrap_or_default();
                let name = err
                    .path()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                // Hidden entries are skipped, broken or not (an editor's
                // lock file is a dangling hidden link).
                if err.depth() > 0 && name.starts_with('.') {
                    continue;
                }
                if let Some(ancestor) = err.loop_ancestor() {
                    // A link to a folder above the project is a loop to
                    // walkdir, but what the user must hear is where it
                    // leads: outside the project.
                    let outside = err.path().is_some_and(|p| confinement.resolve(p).is_err());
                    let (message, help) = if outside {
                        (
                            format!(
                                "`{path}` leads outside the project (to `{}`, a folder that holds it)",
                                display(ancestor)
                            ),
                            "keep the files inside the project instead of linking to them",
                        )
                    } else {
                        // The project folder itself displays as nothing.
                        let to = match display(ancestor) {
                            d if d.is_empty() => "the project folder, which holds it".to_string(),
                            d => format!("`{d}`, a folder that holds it"),
                        };
                        (
                            format!("symbolic link loop: `{path}` leads back to {to}"),
                            "remove the link, or point it somewhere else",
                        )
                    };
                    let mut d = lints::READ.at(&path, None, message);
                    d.help = Some(help.into());
                    diags.push(d);
                } else if wanted(&name) || err.path().is_some_and(Path::is_dir) {
                    // A document, or a folder that cannot be listed: the
                    // roadmap would silently lose what is in it.
                    diags.push(lints::READ.at(&path, None, format!("cannot read: {err}")));
                }
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
            if is_dir {
                it.skip_current_dir();
            } else if let Some(meant) = misnamed(&entry.file_name().to_string_lossy()) {
                let shown = display(entry.path());
                let mut d = lints::UNREAD_FILE.at(
                    &shown,
                    None,
                    format!("`{shown}` is not read: a name starting with a dot is hidden"),
                );
                d.help = Some(if entry.path().with_file_name(&meant).exists() {
                    format!("`{meant}` is beside it: delete the hidden copy, or move what it holds into `{meant}`")
                } else {
                    format!("rename it to `{meant}`")
                });
                diags.push(d);
            }
            continue;
        }
        if !is_dir && !wanted(&entry.file_name().to_string_lossy()) {
            if let Some(meant) = misnamed(&entry.file_name().to_string_lossy()) {
                let shown = display(entry.path());
                let mut d = lints::UNREAD_FILE.at(
                    &shown,
                    None,
                    format!("`{shown}` is not read: only names ending in `.md` (documents) and `.csv` (data) are"),
                );
                d.help = Some(format!("rename it to `{meant}`"));
                diags.push(d);
            }
            continue;
        }
        if entry.path_is_symlink() {
            if let Err(why) = confinement.resolve(entry.path()) {
                let mut d = lints::READ.at(
                    &display(entry.path()),
                    None,
                    format!("`{}` {why}", display(entry.path())),
                );
                d.help = Some("copy the file into the project instead of linking to it".into());
                diags.push(d);
                if is_dir {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if is_dir {
            continue;
        }
        // A FIFO, socket or device named `*.md` would block the open (or
        // never end): only regular files are read.
        if !entry.file_type().is_file() {
            let shown = display(entry.path());
            let mut d = lints::READ.at(
                &shown,
                None,
                format!("`{shown}` is not a regular file (a FIFO, socket or device)"),
            );
            d.help = Some("roadbook reads only regular files: remove it or rename it".into());
            diags.push(d);
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(base)
            .map(crate::base::slashed)
            .unwrap_or_default();
        found.push((rel, entry.into_path()));
    }
    (found, diags)
}

fn rel_display(root: &Path, path: &Path) -> String {
    crate::base::slashed(path.strip_prefix(root).unwrap_or(path))
}

pub mod git;
pub mod theme;

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
    /// Where its `.md` and `.csv` files are: read when the version is
    /// loaded and dropped after, so only the versions being loaded hold
    /// their bytes (at 10,000 initiatives a snapshot is 45 MB).
    pub files: ArchivedFiles,
    /// A date to order by when `book.toml` sets no `today` (a tag's date).
    pub date_hint: Option<String>,
    /// When a tag was made (Unix time): of two versions judged the same
    /// day, the one made first is the older. A folder has none.
    pub made_at: Option<i64>,
    /// The commit a tag archives. A folder has none.
    pub commit: Option<String>,
    /// When a tag was made, as git writes it (see [`git::Tag::made`]).
    pub made: Option<String>,
    /// Prefix for paths in diagnostics: `roadmap/2026-Q2:` or
    /// `snapshots/2026-Q2/`.
    pub display_prefix: String,
}

/// Frozen folders under `root/dir`, each holding a `book.toml`, and what
/// could not be read in them.
pub fn frozen(root: &Path, dir: &str) -> (Vec<Archived>, Vec<Diagnostic>) {
    let base = root.join(dir);
    let Ok(entries) = std::fs::read_dir(&base) else {
        return (Vec::new(), Vec::new());
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().join(crate::config::FILE).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let confinement = Confinement::new(root);
    // Folders are read in parallel: at 10,000 initiatives, each is 45 MB.
    use rayon::prelude::*;
    let read: Vec<(Option<Archived>, Vec<Diagnostic>)> = names
        .into_par_iter()
        .map(|name| {
            let folder = base.join(&name);
            let display = |p: &Path| rel_display(root, p);
            if let Err(why) = confinement.resolve(&folder) {
                let d = lints::READ.at(
                    &display(&folder),
                    None,
                    format!("`{}` {why}", display(&folder)),
                );
                return (None, vec![d]);
            }
            let (found, mut diags) = walk(
                &confinement,
                &folder,
                |n| is_source(n) || n == crate::config::FILE,
                |_| None,
                display,
            );
            let mut files = Vec::new();
            let mut config_text = None;
            for (rel, path) in found {
                if let Some(d) = std::fs::metadata(&path)
                    .ok()
                    .and_then(|m| too_large(&rel, m.len(), &display(&path)))
                {
                    diags.push(d);
                    continue;
                }
                if rel == crate::config::FILE {
                    match std::fs::read(&path) {
                        Ok(bytes) => {
                            config_text = Some(String::from_utf8_lossy(&bytes).into_owned())
                        }
                        Err(err) => diags.push(lints::READ.at(
                            &display(&path),
                            None,
                            format!("cannot read: {err}"),
                        )),
                    }
                } else if is_source(&rel) {
                    files.push(FolderFile::new(&folder, rel, path));
                }
            }
            files.shrink_to_fit();
            let archived = Archived {
                config_text,
                origin: Origin::Folder(format!("{dir}/{name}")),
                display_prefix: format!("{dir}/{name}/"),
                name,
                files: ArchivedFiles::Folder {
                    root: root.to_path_buf(),
                    folder,
                    files,
                },
                date_hint: None,
                made_at: None,
                commit: None,
                made: None,
            };
            (Some(archived), diags)
        })
        .collect();
    let mut archived = Vec::new();
    let mut diags = Vec::new();
    for (a, d) in read {
        archived.extend(a);
        diags.extend(d);
    }
    (archived, diags)
}

/// book.toml's text, for showing the lines of a config that did not load
/// (one that is not UTF-8 included, its stray bytes shown as `�`).
pub fn read_config_text(root: &Path) -> Option<String> {
    let bytes = std::fs::read(root.join(crate::config::FILE)).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// (path → [`FileStamp`]) of book.toml and every file under `dirs`: cheap
/// enough to poll, and it changes whenever an editor saves.
pub type Fingerprint = BTreeMap<PathBuf, FileStamp>;

pub fn fingerprint(root: &Path, dirs: &[&str]) -> Fingerprint {
    let mut out = BTreeMap::new();
    if let Ok(m) = std::fs::metadata(root.join(crate::config::FILE)) {
        out.insert(root.join(crate::config::FILE), FileStamp::of(&m));
    }
    for dir in dirs {
        // Links followed, as the sources are read (see `walk`).
        let files = walkdir::WalkDir::new(root.join(dir)).follow_links(true);
        for e in files.into_iter().flatten() {
            if e.file_type().is_file() {
                if let Ok(m) = e.metadata() {
                    out.insert(e.path().to_path_buf(), FileStamp::of(&m));
                }
            }
        }
    }
    out
}

/// Git tags matching `pattern`, each read from its tree. The version name
/// is the tag name without the pattern's fixed prefix (`roadmap/2026-Q2` →
/// `2026-Q2`). `content_dir_of` reads a tag's `book.toml` text to find its
/// content folder. A tag whose tree cannot be read (a tag of a blob) is
/// returned apart with the reason, and the others are read all the same.
pub fn tagged(
    root: &Path,
    pattern: &str,
    content_dir_of: impl Fn(&str) -> String,
) -> (Vec<Archived>, Vec<(String, String)>) {
    let mut unreadable = Vec::new();
    if !git::is_repo(root) {
        return (Vec::new(), unreadable);
    }
    // The project may live in a sub-folder of the repository.
    let prefix = git::prefix(root);
    let fixed = crate::config::tag_prefix(pattern);
    let mut out = Vec::new();
    for tag in git::tags(root, pattern) {
        let name = tag
            .name
            .strip_prefix(fixed)
            .unwrap_or(&tag.name)
            .replace('/', "-");
        let book = format!("{prefix}{}", crate::config::FILE);
        let first = match git::read_tree(root, &tag.name, &[book.as_str()], &[]) {
            Ok(first) => first,
            Err(e) => {
                unreadable.push((tag.name.clone(), e));
                continue;
            }
        };
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
        out.push(Archived {
            display_prefix: format!("{}:", tag.name),
            origin: Origin::Tag(tag.name.clone()),
            name,
            config_text,
            files: ArchivedFiles::Tag {
                root: root.to_path_buf(),
                tag: tag.name.clone(),
                content,
                prefix: prefix.clone(),
            },
            date_hint: Some(tag.date),
            made_at: tag.time,
            commit: Some(tag.commit),
            made: Some(tag.made).filter(|m| !m.is_empty()),
        });
    }
    (out, unreadable)
}

/// Where an archived version's files are.
#[derive(Debug, Clone)]
pub enum ArchivedFiles {
    /// A frozen folder's files, by path relative to it.
    Folder {
        root: PathBuf,
        folder: PathBuf,
        files: Vec<FolderFile>,
    },
    /// A tag's content folder (`content`, under the project's `prefix` in
    /// the repository).
    Tag {
        root: PathBuf,
        tag: String,
        content: String,
        prefix: String,
    },
}

/// Files as read: (path, bytes).
pub type ReadFiles = Vec<(String, Vec<u8>)>;

/// One file of a frozen folder, kept for the whole build to be read again
/// when its version renders: its path relative to the folder, and the
/// file's own path only when joining the two would not give it back (a
/// name that is not UTF-8). Keeping every file's full path beside it was
/// 10 MB at 10,000 initiatives with 8 snapshots, alive while the working
/// tree rendered.
#[derive(Debug, Clone)]
pub struct FolderFile {
    rel: Box<str>,
    odd_path: Option<Box<Path>>,
}

impl FolderFile {
    fn new(folder: &Path, rel: String, path: PathBuf) -> FolderFile {
        let odd_path = (folder.join(&rel) != path).then(|| path.into_boxed_path());
        FolderFile {
            rel: rel.into_boxed_str(),
            odd_path,
        }
    }

    fn path(&self, folder: &Path) -> std::borrow::Cow<'_, Path> {
        match &self.odd_path {
            Some(p) => std::borrow::Cow::Borrowed(p),
            None => std::borrow::Cow::Owned(folder.join(&*self.rel)),
        }
    }
}

impl Archived {
    /// Every `.md` and `.csv` file, paths relative to the snapshot's
    /// project root (`content/...`), read now; and what could not be read.
    /// A tag whose tree cannot be read is `Err`: the version is left out.
    pub fn read_files(&self) -> Result<(ReadFiles, Vec<Diagnostic>), String> {
        match &self.files {
            ArchivedFiles::Folder {
                root,
                folder,
                files,
            } => {
                use rayon::prelude::*;
                let read: Vec<(&FolderFile, std::io::Result<Vec<u8>>)> = files
                    .par_iter()
                    .map(|f| (f, std::fs::read(f.path(folder))))
                    .collect();
                let (mut ok, mut failed) = (Vec::new(), Vec::new());
                for (f, r) in read {
                    match r {
                        Ok(bytes) => ok.push((f.rel.to_string(), bytes)),
                        Err(err) => failed.push(lints::READ.at(
                            &rel_display(root, &f.path(folder)),
                            None,
                            format!("cannot read: {err}"),
                        )),
                    }
                }
                Ok((ok, failed))
            }
            ArchivedFiles::Tag {
                root,
                tag,
                content,
                prefix,
            } => {
                // What the working tree reads, no more: a hidden file or
                // folder (`.draft.md`) is skipped there, so a snapshot of
                // it must skip it too, or the version would not build.
                let visible = |p: &str| {
                    let inside = p.strip_prefix(content.as_str()).unwrap_or(p);
                    !inside.split('/').any(|part| part.starts_with('.'))
                };
                let files = git::read_tree(root, tag, &[], &[content.as_str()])?
                    .into_iter()
                    .filter(|(p, _)| is_source(p) && visible(p))
                    .map(|(p, b)| (p.strip_prefix(prefix).unwrap_or(&p).to_string(), b))
                    .collect();
                Ok((files, Vec::new()))
            }
        }
    }
}

/// The content files of an archived roadmap (as read by
/// [`Archived::read_files`]) as [`SourceFile`]s, given its content folder.
pub fn content_of(archived: &Archived, files: ReadFiles, content_dir: &str) -> Vec<SourceFile> {
    let dir = format!("{}/", content_dir.trim_end_matches('/'));
    let mut files: Vec<SourceFile> = files
        .into_iter()
        .filter_map(|(path, bytes)| {
            let rel = path.strip_prefix(&dir)?.to_string();
            Some(SourceFile {
                rel,
                display: format!("{}{path}", archived.display_prefix),
                bytes: bytes.into(),
            })
        })
        .collect();
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_named_like_a_source_is_named_and_notes_are_not() {
        assert_eq!(misnamed_source("finops.MD").as_deref(), Some("finops.md"));
        assert_eq!(misnamed_source("plan.markdown").as_deref(), Some("plan.md"));
        assert_eq!(misnamed_source("nps.CSV").as_deref(), Some("nps.csv"));
        // Hidden: named, unless an editor's lock or a resource fork.
        assert_eq!(misnamed_source(".erp.md").as_deref(), Some("erp.md"));
        assert_eq!(misnamed_source(".nps.csv").as_deref(), Some("nps.csv"));
        for name in [
            "README.MD",
            "plan.md",
            "x.md.bak",
            "photo.png",
            ".MD",
            ".#erp.md",
            "._erp.md",
            ".DS_Store",
            ".gitkeep",
        ] {
            assert_eq!(misnamed_source(name), None, "{name}");
        }
    }

    #[test]
    fn a_frozen_folders_file_is_found_again_from_its_relative_path() {
        use super::FolderFile;
        use std::path::{Path, PathBuf};
        let folder = Path::new("/p/snapshots/2026-Q1");
        let plain = FolderFile::new(
            folder,
            "content/initiatives/a.md".into(),
            folder.join("content/initiatives/a.md"),
        );
        assert!(plain.odd_path.is_none());
        assert_eq!(plain.path(folder), folder.join("content/initiatives/a.md"));
        // A name that is not UTF-8 reads as its lossy form: only the
        // path kept beside it opens the file.
        use std::os::unix::ffi::OsStrExt;
        let odd: PathBuf = folder.join(std::ffi::OsStr::from_bytes(b"content/b\xff.md"));
        let lossy = odd
            .strip_prefix(folder)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let file = FolderFile::new(folder, lossy, odd.clone());
        assert_eq!(file.path(folder), odd);
    }

    use super::*;

    #[test]
    fn kept_files_are_read_again_only_when_their_stamp_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let content = root.join("content");
        std::fs::create_dir_all(&content).unwrap();
        let (a, b) = (content.join("a.md"), content.join("b.md"));
        std::fs::write(&a, "aaaa").unwrap();
        std::fs::write(&b, "bbbb").unwrap();
        let mut kept = KeptFiles::default();
        let read_at = |kept: &mut KeptFiles, now: SystemTime| -> Vec<(String, String)> {
            let (files, diags) = read_tree_at(root, "content", Some(kept), now).unwrap();
            assert!(diags.is_empty(), "{diags:?}");
            files
                .into_iter()
                .map(|f| (f.rel, String::from_utf8(f.bytes.to_vec()).unwrap()))
                .collect()
        };
        // Just written: read, but not kept (a write later in the same
        // tick would leave the stamp as it is).
        let pair = |rel: &str, text: &str| (rel.to_string(), text.to_string());
        let both = [pair("a.md", "aaaa"), pair("b.md", "bbbb")];
        assert_eq!(read_at(&mut kept, SystemTime::now()), both);
        assert!(kept.0.is_empty());
        // Settled: kept, and what is kept is what the next read gives
        // while the stamp holds (the file is not opened).
        let later = |s: u64| SystemTime::now() + std::time::Duration::from_secs(s);
        assert_eq!(read_at(&mut kept, later(10)), both);
        assert_eq!(kept.0.len(), 2);
        kept.0.get_mut(&a).unwrap().1 = b"kept".to_vec().into();
        assert_eq!(read_at(&mut kept, later(10))[0], pair("a.md", "kept"));
        // Written again in place, same length, the modification time put
        // back: its change time tells (on Unix; elsewhere the time does).
        let when = std::fs::metadata(&a).unwrap().modified().unwrap();
        let f = std::fs::OpenOptions::new().write(true).open(&a).unwrap();
        std::io::Write::write_all(&mut &f, b"AAAA").unwrap();
        if cfg!(unix) {
            f.set_modified(when).unwrap();
        }
        drop(f);
        assert_eq!(read_at(&mut kept, later(20))[0], pair("a.md", "AAAA"));
        // Gone: neither read nor kept.
        std::fs::remove_file(&b).unwrap();
        assert_eq!(read_at(&mut kept, later(30)).len(), 1);
        assert_eq!(kept.0.len(), 1);
    }
}
