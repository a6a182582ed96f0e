//! Every git call roadbook makes, through the git command line. Archived
//! roadmaps are read straight from git objects (`for-each-ref`, `ls-tree`,
//! `cat-file --batch`): nothing touches the working tree or the index, and
//! no git library needs building. `snapshot` creates its tag here too.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Full tag name, e.g. `roadmap/2026-Q2`.
    pub name: String,
    /// Tagger date of an annotated tag, committer date of a lightweight
    /// one (YYYY-MM-DD).
    pub date: String,
    /// The same moment to the second (Unix time), which orders two tags of
    /// one day as they were made.
    pub time: Option<i64>,
    /// The commit it archives (an annotated tag's peeled to it).
    pub commit: String,
    /// When it was made as git writes it (`1798718400 -0500`): what
    /// `GIT_COMMITTER_DATE` takes to make it again at the same moment.
    pub made: String,
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Why git cannot read the repository `root` is in, when it is in one (a
/// `.git` there or in a folder above): git not installed, or refusing the
/// repository as owned by another user (as a CI container's checkout often
/// is). Without it every archived version is silently missing, so this is
/// said, never taken for "not a repository". Git's "not a git repository"
/// (a stray `.git` folder above, `GIT_CEILING_DIRECTORIES`) is that: no
/// repository.
pub fn unusable(root: &Path) -> Option<String> {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    if !root.ancestors().any(|dir| dir.join(".git").exists()) {
        return None;
    }
    let out = match Command::new("git")
        .arg("-C")
        .arg(&root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .stdin(Stdio::null())
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some("git is not installed (or not on PATH)".into())
        }
        Err(e) => return Some(format!("git cannot be run: {e}")),
    };
    if out.status.success() {
        return None;
    }
    let said = String::from_utf8_lossy(&out.stderr);
    let first = said
        .lines()
        .map(|l| l.trim().trim_start_matches("fatal:").trim())
        .find(|l| !l.is_empty())?;
    first
        .contains("dubious ownership")
        .then(|| format!("git refuses the repository: {first}"))
}

/// Whether `root` is inside a git work tree (and git is installed).
pub fn is_repo(root: &Path) -> bool {
    git(root, &["rev-parse", "--is-inside-work-tree"]).is_some_and(|s| s.trim() == "true")
}

/// Where the project lives inside its repository (`` at the top, else
/// `sub/folder/`).
pub fn prefix(root: &Path) -> String {
    git(root, &["rev-parse", "--show-prefix"])
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Create the annotated tag `name` on HEAD; git's own complaint on failure.
pub fn create_tag(root: &Path, name: &str, message: &str) -> Result<(), String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["tag", "-a", name, "-m", message])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git tag failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(())
}

/// Where git keeps the tags (of the main repository for a worktree),
/// absolute: the folder of loose tags, if there is one, and the file of
/// packed ones (`git gc`, `git pack-refs`), which may not exist yet. A tag
/// deleted after packing, or fetched into a packed repository, changes
/// the file alone. `None` outside a repository.
pub fn tag_stores(root: &Path) -> Option<TagStores> {
    let common = git(root, &["rev-parse", "--git-common-dir"])?;
    let common = root.join(common.trim()).canonicalize().ok()?;
    let loose = common.join("refs").join("tags");
    Some(TagStores {
        loose: loose.is_dir().then_some(loose),
        packed: common.join("packed-refs"),
    })
}

pub struct TagStores {
    pub loose: Option<std::path::PathBuf>,
    pub packed: std::path::PathBuf,
}

pub fn is_shallow(root: &Path) -> bool {
    git(root, &["rev-parse", "--is-shallow-repository"]).is_some_and(|s| s.trim() == "true")
}

pub fn has_any_tag(root: &Path) -> bool {
    !tag_names(root).is_empty()
}

/// The commit checked out at `root`, if it is a repository with one.
pub fn head(root: &Path) -> Option<String> {
    git(root, &["rev-parse", "--verify", "-q", "HEAD"])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The branch checked out at `root`, if it is a repository on one.
pub fn current_branch(root: &Path) -> Option<String> {
    git(root, &["symbolic-ref", "--short", "-q", "HEAD"])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Every tag's name, sorted by name (`git tag` follows the user's
/// `tag.sort` and `column.ui`).
pub fn tag_names(root: &Path) -> Vec<String> {
    git(
        root,
        &["for-each-ref", "--format=%(refname:strip=2)", "refs/tags"],
    )
    .map(|s| s.lines().map(str::to_string).collect())
    .unwrap_or_default()
}

/// The tags matching `pattern` whose commit HEAD does not reach: made
/// after the commit checked out (a branch forked before the quarter was
/// tagged, an older tag's pipeline run again), or moved off the line.
/// Empty when HEAD has no commit yet.
pub fn tags_beyond_head(root: &Path, pattern: &str) -> Vec<String> {
    if git(root, &["rev-parse", "--verify", "-q", "HEAD"]).is_none() {
        return Vec::new();
    }
    let refs = format!("refs/tags/{pattern}");
    git(
        root,
        &[
            "for-each-ref",
            "--format=%(refname:strip=2)",
            "--no-merged=HEAD",
            &refs,
        ],
    )
    .map(|s| s.lines().map(str::to_string).collect())
    .unwrap_or_default()
}

/// The tags matching `pattern` whose commit no branch (local or remote)
/// and not HEAD reaches: moved onto a rewritten commit, or made on a
/// branch since deleted unmerged. A tag on a branch not yet merged (a
/// pull request's preview) is reached by that branch and is not one.
///
/// Judged only where the main line is there to judge by (a `main`,
/// `master` or a remote's default branch), or in a repository with no
/// remote: a clone of one branch (a merge request's pipeline) does not
/// have the commits later quarters were tagged on, and they would all
/// look moved.
pub fn tags_off_history(root: &Path, pattern: &str) -> Vec<String> {
    let Some(refs) = git(
        root,
        &[
            "for-each-ref",
            "--format=%(refname) %(objectname)",
            "refs/heads",
            "refs/remotes",
        ],
    ) else {
        return Vec::new();
    };
    let main_line = refs.lines().any(|l| {
        let name = l.split(' ').next().unwrap_or_default();
        ["/main", "/master", "/HEAD"]
            .iter()
            .any(|end| name.ends_with(end))
    });
    // A repository with no remote is no clone: it holds all there is, and
    // a history squashed onto a branch of another name left every quarter
    // unread with no word (from a trial).
    if !main_line && has_remote(root) {
        return Vec::new();
    }
    let mut tips: Vec<String> = refs
        .lines()
        .filter_map(|l| l.split(' ').nth(1))
        .map(|t| format!("--no-merged={t}"))
        .collect();
    tips.sort();
    tips.dedup();
    if git(root, &["rev-parse", "--verify", "-q", "HEAD"]).is_some() {
        tips.push("--no-merged=HEAD".into());
    }
    if tips.is_empty() {
        return Vec::new();
    }
    let refs = format!("refs/tags/{pattern}");
    let mut args = vec!["for-each-ref", "--format=%(refname:strip=2)"];
    args.extend(tips.iter().map(String::as_str));
    args.push(&refs);
    git(root, &args)
        .map(|s| s.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Whether tag `older`'s commit is a strict ancestor of tag `newer`'s:
/// the commit `newer` was taken from came after the one `older` was.
pub fn tag_before_tag(root: &Path, older: &str, newer: &str) -> bool {
    let commit = |tag: &str| {
        git(
            root,
            &[
                "rev-parse",
                "-q",
                "--verify",
                &format!("refs/tags/{tag}^{{commit}}"),
            ],
        )
    };
    let (Some(a), Some(b)) = (commit(older), commit(newer)) else {
        return false;
    };
    let (a, b) = (a.trim(), b.trim());
    a != b && git(root, &["merge-base", "--is-ancestor", a, b]).is_some()
}

pub fn has_remote(root: &Path) -> bool {
    git(root, &["remote"]).is_some_and(|s| !s.trim().is_empty())
}

/// Uncommitted changes (tracked or untracked) to `pathspecs` under `root`.
pub fn dirty_paths(root: &Path, pathspecs: &[&str]) -> Option<Vec<String>> {
    let mut args = vec!["status", "--porcelain", "--untracked-files=normal", "--"];
    args.extend_from_slice(pathspecs);
    let out = git(root, &args)?;
    Some(
        out.lines()
            .map(|l| l.get(3..).unwrap_or(l).to_string())
            .collect(),
    )
}

/// Files under `pathspecs` that git ignores and does not track, as paths
/// from `root`.
pub fn ignored_paths(root: &Path, pathspecs: &[&str]) -> Option<Vec<String>> {
    // `-z`: as written, not quoted (`"caf\303\251.csv"`).
    let mut args = vec![
        "ls-files",
        "-z",
        "--others",
        "--ignored",
        "--exclude-standard",
        "--",
    ];
    args.extend_from_slice(pathspecs);
    let out = git(root, &args)?;
    Some(
        out.split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// Tags matching a glob such as `roadmap/*`, sorted by name.
pub fn tags(root: &Path, pattern: &str) -> Vec<Tag> {
    let refs = format!("refs/tags/{pattern}");
    let Some(out) = git(
        root,
        &[
            "for-each-ref",
            "--format=%(refname:strip=2)%00%(creatordate:short)%00%(creatordate:unix)%00%(objectname)%00%(*objectname)%00%(creatordate:raw)",
            &refs,
        ],
    ) else {
        return Vec::new();
    };
    let mut tags: Vec<Tag> = out
        .lines()
        .filter_map(|l| {
            let mut fields = l.split('\0');
            let name = fields.next()?;
            let date = fields.next()?;
            let time = fields.next().and_then(|t| t.trim().parse().ok());
            let object = fields.next().unwrap_or_default();
            let peeled = fields.next().unwrap_or_default().trim();
            let made = fields.next().unwrap_or_default().trim().to_string();
            Some(Tag {
                made,
                name: name.to_string(),
                date: date.to_string(),
                time,
                commit: if peeled.is_empty() { object } else { peeled }.to_string(),
            })
        })
        .collect();
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    tags
}

/// Path → bytes of every blob under `prefixes` (and the exact files in
/// `files`) in the tree of `rev`.
pub fn read_tree(
    root: &Path,
    rev: &str,
    files: &[&str],
    prefixes: &[&str],
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let listing = git(
        root,
        &[
            "ls-tree",
            "-r",
            "-l",
            "-z",
            "--full-tree",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .ok_or_else(|| format!("git cannot list the tree of `{rev}`"))?;
    let mut wanted: Vec<(String, String)> = Vec::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        // `-l` pads the size with spaces.
        let mut parts = meta.split(' ').filter(|p| !p.is_empty());
        let (_mode, kind, oid) = (parts.next(), parts.next(), parts.next());
        if kind != Some("blob") {
            continue;
        }
        let size: u64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        if let Some(d) = super::too_large(path, size, path) {
            // Never loaded: the version is left out, with the reason.
            return Err(format!("`{path}` in `{rev}`: {}", d.message));
        }
        // Under a prefix, only what the working tree would read: documents
        // and data (a large image in `content/` is never loaded).
        let keep = files.contains(&path)
            || (super::is_source(path)
                && prefixes
                    .iter()
                    .any(|p| path.starts_with(&format!("{}/", p.trim_end_matches('/')))));
        if keep {
            wanted.push((path.to_string(), oid.unwrap_or_default().to_string()));
        }
    }
    let blobs = cat_file(root, wanted.iter().map(|(_, oid)| oid.as_str()))?;
    Ok(wanted.into_iter().map(|(p, _)| p).zip(blobs).collect())
}

/// The trailer `roadbook snapshot` writes in a tag's message: the snapshot
/// taken before it, by tag and commit, and when that tag was made (as git
/// writes it; trailers written before it was kept give none).
pub const FOLLOWS: &str = "Roadbook-follows:";

/// What a tag's [`FOLLOWS`] trailer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follows {
    /// The tag whose message it is.
    pub tag: String,
    /// The tag of the snapshot taken before it.
    pub followed: String,
    /// The commit that tag archived then.
    pub commit: String,
    /// When that tag was made, as git writes it (`1798718400 -0500`).
    pub made: Option<String>,
}

/// What every tag matching `pattern` whose message says what it follows
/// says of it (see [`FOLLOWS`]).
pub fn tag_follows(root: &Path, pattern: &str) -> Vec<Follows> {
    let refs = format!("refs/tags/{pattern}");
    let Some(out) = git(
        root,
        &[
            "for-each-ref",
            "--format=%(refname:strip=2)%00%(contents)%01",
            &refs,
        ],
    ) else {
        return Vec::new();
    };
    out.split('\u{1}')
        .filter_map(|record| {
            let (tag, message) = record.trim_start_matches('\n').split_once('\0')?;
            let line = message
                .lines()
                .rev()
                .find_map(|l| l.trim().strip_prefix(FOLLOWS))?;
            let mut words = line.split_whitespace();
            let (followed, commit) = (words.next()?, words.next()?);
            // Seconds and zone, both as git writes them, or neither.
            let made = match (words.next(), words.next()) {
                (Some(secs), Some(zone))
                    if secs.bytes().all(|b| b.is_ascii_digit())
                        && zone.len() == 5
                        && zone.starts_with(['+', '-'])
                        && zone[1..].bytes().all(|b| b.is_ascii_digit()) =>
                {
                    Some(format!("{secs} {zone}"))
                }
                _ => None,
            };
            Some(Follows {
                tag: tag.to_string(),
                followed: followed.to_string(),
                commit: commit.to_string(),
                made,
            })
        })
        .collect()
}

/// Every tag with the commit it archives (an annotated tag's peeled to
/// it), sorted by name.
pub fn tag_commits(root: &Path) -> Vec<(String, String)> {
    let Some(out) = git(
        root,
        &[
            "for-each-ref",
            "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)",
            "refs/tags",
        ],
    ) else {
        return Vec::new();
    };
    let mut tags: Vec<(String, String)> = out
        .lines()
        .filter_map(|l| {
            let mut fields = l.split('\0');
            let name = fields.next()?.to_string();
            let object = fields.next().unwrap_or_default();
            let peeled = fields.next().unwrap_or_default().trim();
            let commit = if peeled.is_empty() { object } else { peeled };
            Some((name, commit.to_string()))
        })
        .collect();
    tags.sort();
    tags
}

/// The file `path` (from the repository's top) in each of `commits`:
/// for each, the index of its contents in the second list (`None` where
/// the commit has no such file). Looked up in one `git cat-file
/// --batch-check`, and each distinct file read once: a repository's
/// thousands of release tags share a handful of them.
pub fn file_at_commits(
    root: &Path,
    commits: &[&str],
    path: &str,
) -> (Vec<Option<usize>>, Vec<Vec<u8>>) {
    let none = || (vec![None; commits.len()], Vec::new());
    if commits.is_empty() {
        return none();
    }
    let input: String = commits.iter().map(|c| format!("{c}:{path}\n")).collect();
    let answer = || -> Option<String> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["cat-file", "--batch-check"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut stdin = child.stdin.take()?;
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let mut out = String::new();
        child.stdout.take()?.read_to_string(&mut out).ok()?;
        let _ = writer.join();
        let _ = child.wait();
        Some(out)
    };
    let Some(out) = answer() else {
        return none();
    };
    // Each answer: `OID TYPE SIZE`, or `NAME missing` (or `ambiguous`).
    let oids: Vec<Option<&str>> = out
        .lines()
        .map(|l| {
            let mut fields = l.split(' ');
            let (oid, kind) = (fields.next(), fields.next());
            oid.filter(|_| kind == Some("blob"))
        })
        .collect();
    if oids.len() != commits.len() {
        return none();
    }
    let mut distinct: Vec<&str> = oids.iter().flatten().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let Ok(contents) = cat_file(root, distinct.iter().copied()) else {
        return none();
    };
    let index = oids
        .iter()
        .map(|oid| oid.and_then(|o| distinct.binary_search(&o).ok()))
        .collect();
    (index, contents)
}

/// Contents of each object id, through one `git cat-file --batch`.
fn cat_file<'a>(root: &Path, oids: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, String> {
    let input: String = oids.map(|o| format!("{o}\n")).collect();
    if input.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    // Write from another thread: git answers while we are still asking.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = Vec::new();
    child
        .stdout
        .take()
        .ok_or("no stdout")?
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    let _ = writer.join();
    let _ = child.wait();
    let mut blobs = Vec::new();
    let mut at = 0;
    while at < out.len() {
        let nl = out[at..]
            .iter()
            .position(|b| *b == b'\n')
            .ok_or("truncated git output")?
            + at;
        let header = String::from_utf8_lossy(&out[at..nl]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("unexpected git output: {header}"))?;
        let start = nl + 1;
        let end = start + size;
        blobs.push(out.get(start..end).ok_or("truncated git output")?.to_vec());
        at = end + 1;
    }
    Ok(blobs)
}
