//! What each archived version was when the site first published it.
//!
//! A quarter's tag moved onto another commit, or a snapshot folder edited,
//! after leadership was sent the link, rewrites the quarter everyone was
//! shown, and every slip since is measured from the rewrite. Git keeps no
//! history of a tag, so the site keeps its own: a record at its top
//! (`.roadbook-published`), written by each build and carried from one to
//! the next (CI keeps the build folder), of each version as first
//! published. A version read otherwise since, or gone, is said on every
//! build until it is put back.

use super::Version;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::source::{Origin, SourceFile};
use std::path::Path;

/// The record's file, at the top of the built site.
pub(crate) const RECORD: &str = ".roadbook-published";

const HEADER: &str = "# What each archived version was when this site first published it (roadbook): name, published on, origin, where, commit, as of, content.\n";

/// One version as first published.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    name: String,
    /// The day the working tree stood at in the build that first wrote it.
    published: String,
    /// `tag` or `folder`.
    kind: String,
    /// The tag's full name, or the folder's path in the project.
    place: String,
    /// The commit a tag archived (`-` for a folder).
    commit: String,
    /// The day the version stood for.
    as_of: String,
    /// [`content_hash`] of its content, in hex.
    content: String,
}

impl Entry {
    fn of(v: &Version, published: &str) -> Entry {
        let (kind, place) = match &v.origin {
            Origin::Tag(tag) => ("tag", tag.clone()),
            Origin::Folder(dir) => ("folder", dir.clone()),
        };
        Entry {
            name: v.name.clone(),
            published: published.to_string(),
            kind: kind.to_string(),
            place,
            commit: v.commit().unwrap_or("-").to_string(),
            as_of: v.config.today.iso(),
            content: format!("{:016x}", v.content_hash),
        }
    }

    fn parse(line: &str) -> Option<Entry> {
        let mut f = line.split('\t');
        let mut next = || f.next().filter(|s| !s.is_empty()).map(str::to_string);
        Some(Entry {
            name: next()?,
            published: next()?,
            kind: next()?,
            place: next()?,
            commit: next()?,
            as_of: next()?,
            content: next()?,
        })
    }

    fn line(&self) -> String {
        [
            &self.name,
            &self.published,
            &self.kind,
            &self.place,
            &self.commit,
            &self.as_of,
            &self.content,
        ]
        .map(String::as_str)
        .join("\t")
    }

    fn same_quarter(&self, other: &Entry) -> bool {
        self.content == other.content && self.as_of == other.as_of
    }

    /// `git tag `roadmap/2026-Q2` on commit 1a2b3c4d5e6f` / `folder snapshots/2026-Q2/`.
    fn source(&self) -> String {
        match self.kind.as_str() {
            "tag" => format!("git tag `{}` on commit {}", self.place, short(&self.commit)),
            _ => format!("folder {}/", self.place),
        }
    }
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

fn entries(text: &str) -> Vec<Entry> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(Entry::parse)
        .collect()
}

/// A hash of a version's content files (paths and bytes, in path order)
/// that stays the same from one release of roadbook (and of Rust) to the
/// next, unlike std's: the record outlives the binary that wrote it. FNV-1a
/// over 8-byte words, so 45 MB of snapshot hash in milliseconds.
pub fn content_hash(files: &[SourceFile]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        h = (h ^ bytes.len() as u64).wrapping_mul(PRIME);
        let words = bytes.chunks_exact(8);
        let rest = words.remainder();
        for w in words {
            let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
            h = (h ^ w).wrapping_mul(PRIME);
        }
        for &b in rest {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
    };
    let mut order: Vec<&SourceFile> = files.iter().collect();
    order.sort_by(|a, b| a.rel.cmp(&b.rel));
    for f in order {
        eat(f.rel.as_bytes());
        eat(&f.bytes);
    }
    h
}

/// The record to write for a build of `versions`: every version the
/// previous record (`previous`, the text of the site being replaced) holds,
/// as it was first published, whether or not it is still there or still
/// reads the same, and each version new to it, published `today`. None
/// for a site that never had an archived version: it has nothing to record.
pub fn record(previous: Option<&str>, versions: &[Version], today: &str) -> Option<String> {
    let mut all = previous.map(entries).unwrap_or_default();
    for v in versions {
        if !all.iter().any(|e| e.name == v.name) {
            all.push(Entry::of(v, today));
        }
    }
    if all.is_empty() {
        return None;
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = String::from(HEADER);
    for e in all {
        out.push_str(&e.line());
        out.push('\n');
    }
    Some(out)
}

/// Each version the site in `site` published that reads otherwise now, or
/// is gone from the history (its tag deleted, its folder removed, with no
/// version of the same content under another name).
pub fn judge(site: &Path, current: &Config, versions: &[Version]) -> Vec<Diagnostic> {
    let Some(text) = crate::output::previous(site, RECORD) else {
        return Vec::new();
    };
    let was = entries(&text);
    if was.is_empty() {
        return Vec::new();
    }
    let now: Vec<Entry> = versions.iter().map(|v| Entry::of(v, "")).collect();
    let mut tags: Option<Vec<String>> = None;
    let mut out = Vec::new();
    for e in &was {
        match now.iter().find(|n| n.name == e.name) {
            Some(n) if !n.same_quarter(e) => out.push(rewritten(e, n)),
            Some(_) => {}
            None => {
                let gone = match e.kind.as_str() {
                    "tag" => !tags
                        .get_or_insert_with(|| crate::source::git::tag_names(&current.root))
                        .contains(&e.place),
                    _ => !current.root.join(&e.place).is_dir(),
                };
                // Renamed, not rewritten; or left out on purpose, which
                // `snapshot-ignored` says.
                let renamed = now.iter().any(|n| n.same_quarter(e));
                let ignored =
                    current.snapshots.ignores(&e.place) || current.snapshots.ignores(&e.name);
                if gone && !renamed && !ignored {
                    out.push(removed(e));
                }
            }
        }
    }
    out
}

fn rewritten(was: &Entry, now: &Entry) -> Diagnostic {
    let mut what = Vec::new();
    if was.content != now.content {
        what.push("its roadmap reads otherwise".to_string());
    }
    if was.as_of != now.as_of {
        what.push(format!("it stands for {}, not {}", now.as_of, was.as_of));
    }
    let read = if was.source() == now.source() {
        format!("(read from {}, as of {})", was.source(), was.as_of)
    } else {
        format!(
            "it was read from {}, as of {}, and is now read from {}",
            was.source(),
            was.as_of,
            now.source()
        )
    };
    let mut d = crate::lints::SNAPSHOT_REWRITTEN.at(
        crate::config::FILE,
        None,
        format!(
            "snapshot {} is not the quarter this site published on {}{}{read}: {}; the quarter leadership was shown is not the one its slips are measured from",
            was.name,
            was.published,
            if read.starts_with('(') { " " } else { ": " },
            what.join(", and ")
        ),
    );
    d.help = Some(format!(
        "{}; if it was published wrong and rewritten on purpose, record why in an approved change request and set `snapshot-rewritten = \"allow\"` in `[lints]`",
        put_back(was, true)
    ));
    d
}

fn removed(was: &Entry) -> Diagnostic {
    let mut d = crate::lints::SNAPSHOT_REWRITTEN.at(
        crate::config::FILE,
        None,
        format!(
            "snapshot {}, which this site published on {} (read from {}, as of {}), is gone from the history: {}, so what changed up to the next one is measured from the snapshot before it, as if it had never been recorded",
            was.name,
            was.published,
            was.source(),
            was.as_of,
            if was.kind == "tag" {
                "its tag was deleted or renamed"
            } else {
                "its folder was removed or renamed"
            }
        ),
    );
    d.help = Some(format!(
        "{}; if it was published by mistake, record why in an approved change request and set `snapshot-rewritten = \"allow\"` in `[lints]`",
        put_back(was, false)
    ));
    d
}

fn put_back(was: &Entry, exists: bool) -> String {
    if was.kind == "tag" {
        let force = if exists { " -f" } else { "" };
        format!(
            "put the tag back on the commit published: `git tag{force} -a {} {}`, then `git push{} origin {}`",
            was.place,
            was.commit,
            if exists { " --force" } else { "" },
            was.place
        )
    } else {
        format!(
            "put back the folder's files as published (`git log -- {}` finds the commit)",
            was.place
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile {
            rel: rel.to_string(),
            display: rel.to_string(),
            bytes: std::sync::Arc::new(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn the_content_hash_is_fixed_and_sees_every_byte_and_name() {
        let files = [file("a.md", "due: 2026-Q4\n"), file("b.md", "x")];
        // Fixed (worked out apart, in Python): a record written by one
        // release is read by the next.
        assert_eq!(content_hash(&files), 0xae7b_fba2_5916_5e7e);
        let moved = [file("a.md", "due: 2027-Q1\n"), file("b.md", "x")];
        assert_ne!(content_hash(&files), content_hash(&moved));
        let renamed = [file("a.md", "due: 2026-Q4\n"), file("c.md", "x")];
        assert_ne!(content_hash(&files), content_hash(&renamed));
        // Bytes moved from one file to the next are another content.
        let shifted = [file("a.md", "due: 2026-Q4\nx"), file("b.md", "")];
        assert_ne!(content_hash(&files), content_hash(&shifted));
        let reordered = [file("b.md", "x"), file("a.md", "due: 2026-Q4\n")];
        assert_eq!(content_hash(&files), content_hash(&reordered));
    }

    /// A tag made again on the same commit, another day: with no `today`
    /// pinned, the quarter now stands for the day it was re-made.
    #[test]
    fn a_quarter_re_dated_is_said_with_both_days() {
        let was = Entry::parse("2026-Q2\t2026-07-02\ttag\troadmap/2026-Q2\t0123456789abcdef\t2026-06-30\t00000000000000ff").unwrap();
        let now = Entry {
            as_of: "2026-10-05".into(),
            ..was.clone()
        };
        assert!(was.same_quarter(&was.clone()) && !was.same_quarter(&now));
        assert_eq!(
            rewritten(&was, &now).message,
            "snapshot 2026-Q2 is not the quarter this site published on 2026-07-02 (read from git tag `roadmap/2026-Q2` on commit 0123456789ab, as of 2026-06-30): it stands for 2026-10-05, not 2026-06-30; the quarter leadership was shown is not the one its slips are measured from"
        );
    }

    #[test]
    fn the_first_publication_is_kept_and_a_malformed_line_dropped() {
        let text = format!(
            "{HEADER}2026-Q2\t2026-07-02\ttag\troadmap/2026-Q2\tabc\t2026-06-30\t00000000000000ff\nnot a line\n"
        );
        assert_eq!(
            record(Some(&text), &[], "2026-11-25"),
            Some(format!("{HEADER}2026-Q2\t2026-07-02\ttag\troadmap/2026-Q2\tabc\t2026-06-30\t00000000000000ff\n"))
        );
        assert_eq!(record(None, &[], "2026-11-25"), None);
        assert_eq!(record(Some(HEADER), &[], "2026-11-25"), None);
        let e = &entries(&text)[0];
        assert_eq!(Entry::parse(&e.line()).as_ref(), Some(e));
    }
}
