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
use crate::render::GoneVersion;
use crate::source::{git, Origin, SourceFile};
use std::path::Path;

/// The record's file, at the top of the built site.
pub(crate) const RECORD: &str = ".roadbook-published";

const HEADER: &str = "# What each archived version was when this site first published it (roadbook): name, the day the publishing build judged the roadmap on, origin, where, commit, as of, content, tag made.\n";

/// One version as first published.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    name: String,
    /// The day the working tree stood at in the build that first wrote it.
    recorded: String,
    /// `tag` or `folder`.
    kind: String,
    /// The tag's full name, or the folder's path in the project.
    place: String,
    /// The commit a tag archived, or the one a folder was committed in
    /// (`-`: none known).
    commit: String,
    /// The day the version stood for; `-` where it had none of its own (a
    /// folder without `today` reads as of the working tree's day).
    as_of: String,
    /// [`content_hash`] of it, in hex.
    content: String,
    /// When its tag was made, as git writes it (`-` for a folder): of two
    /// snapshots of one day, the one made first is the older.
    made: String,
    /// The name it was renamed to (`-`: none): its line stays so that its
    /// address goes on saying where the quarter went, and says nothing
    /// else (the new name's line holds it to its record).
    renamed_to: String,
}

impl Entry {
    fn of(v: &Version, recorded: &str, head: Option<&str>) -> Entry {
        let (kind, place, commit) = match &v.origin {
            Origin::Tag(tag) => ("tag", tag.clone(), v.commit()),
            Origin::Folder(dir) => ("folder", dir.clone(), head),
        };
        Entry {
            name: v.name.clone(),
            recorded: recorded.to_string(),
            kind: kind.to_string(),
            place,
            commit: commit.unwrap_or("-").to_string(),
            as_of: v.own_day().map_or_else(|| "-".to_string(), |d| d.iso()),
            content: hex(&v.content_hash),
            made: v.made().unwrap_or("-").to_string(),
            renamed_to: "-".to_string(),
        }
    }

    fn parse(line: &str) -> Option<Entry> {
        let mut f = line.split('\t');
        let mut next = || f.next().filter(|s| !s.is_empty()).map(str::to_string);
        Some(Entry {
            name: next()?,
            recorded: next()?,
            kind: next()?,
            place: next()?,
            commit: next()?,
            as_of: next()?,
            content: next()?,
            made: next().unwrap_or_else(|| "-".into()),
            renamed_to: next().unwrap_or_else(|| "-".into()),
        })
    }

    fn line(&self) -> String {
        let mut fields = vec![
            &self.name,
            &self.recorded,
            &self.kind,
            &self.place,
            &self.commit,
            &self.as_of,
            &self.content,
            &self.made,
        ];
        // Written only when set: every other line reads as before.
        if self.renamed_to != "-" {
            fields.push(&self.renamed_to);
        }
        fields
            .into_iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\t")
    }

    /// A day taken from the working tree (`-`) is no part of what was
    /// published, but a day of its own taken out is.
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

    /// The first words of the page left at its address once it is gone.
    fn held_here(&self) -> String {
        format!(
            "This address held snapshot {}, as this site first published it ({})",
            self.name,
            self.first_published().replace('`', "")
        )
    }

    /// How it reads, as `approved-rewrites` names it: the commit its tag
    /// is on, else its content hash; 12 hex digits of either.
    fn reading(&self) -> &str {
        match self.kind.as_str() {
            "tag" if self.commit != "-" => short(&self.commit),
            _ => short(&self.content),
        }
    }

    /// `read from git tag … on commit …, as of 2026-06-30, in its build of
    /// 2026-07-02`: the quarter as first published.
    fn first_published(&self) -> String {
        let as_of = if self.as_of == "-" {
            String::new()
        } else {
            format!(", as of {}", self.as_of)
        };
        format!(
            "read from {}{as_of}, in its build of {}",
            self.source(),
            self.recorded
        )
    }
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The entries of a record, and its lines that are none (kept as they are:
/// the record is only ever added to). A line twice is one: CI adds the
/// live site's record to the one its cache kept, which may be older (a
/// tag's run caches for that tag alone) or newer (a deploy that failed).
/// Two entries of one name that differ are both kept, and both judged:
/// one recorded after a rewrite does not clear the one before it.
fn entries(text: &str) -> (Vec<Entry>, Vec<&str>) {
    let mut seen = std::collections::HashSet::new();
    let mut others = Vec::new();
    let entries = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty() && seen.insert(*l))
        .filter_map(|l| {
            let e = Entry::parse(l);
            if e.is_none() {
                others.push(l);
            }
            e
        })
        .collect();
    (entries, others)
}

/// A 128-bit SipHash-1-3 (keys 0) of a version's `book.toml` (its `today`
/// line left out: `roadbook snapshot --dir` writes one that a tag of the
/// same quarter does not have) and its content files, paths and bytes in
/// path order. Specified byte for byte, so it stays the same from one
/// release of roadbook (and of Rust) to the next, unlike std's hashers:
/// the record outlives the binary that wrote it. Each file is hashed on
/// its own, in parallel.
pub fn content_hash(book: Option<&str>, files: &[SourceFile]) -> [u8; 16] {
    use rayon::prelude::*;
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let digest = |parts: &[&[u8]]| {
        let mut h = SipHasher13::new_with_keys(0, 0);
        for part in parts {
            h.write(&(part.len() as u64).to_le_bytes());
            h.write(part);
        }
        h.finish128().as_bytes()
    };
    let book: String = book
        .unwrap_or_default()
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            !(l.starts_with("today") && l["today".len()..].trim_start().starts_with('='))
        })
        .flat_map(|l| [l, "\n"])
        .collect();
    let mut order: Vec<&SourceFile> = files.iter().collect();
    order.sort_by(|a, b| a.rel.cmp(&b.rel));
    let each: Vec<[u8; 16]> = order
        .par_iter()
        .map(|f| digest(&[f.rel.as_bytes(), &f.bytes]))
        .collect();
    let mut all: Vec<&[u8]> = vec![book.as_bytes()];
    all.extend(each.iter().map(|d| d.as_slice()));
    digest(&all)
}

/// The record to write for a build of `versions`: every entry and line the
/// previous record (`previous`, the text of the site being replaced) holds,
/// as first published, whether or not the version is still there or still
/// reads the same, and each version new to it, recorded as of `today`. A
/// folder with changes not committed (`uncommitted`) is a draft, not yet
/// published: fixing a typo in it before committing is no rewrite. `head`:
/// the commit checked out, the one the folders were committed in. None for
/// a site that never had an archived version: it has nothing to record.
pub fn record(
    previous: Option<&str>,
    versions: &[Version],
    today: &str,
    head: Option<&str>,
    uncommitted: impl Fn(&Version) -> bool,
) -> Option<String> {
    let (mut all, others) = previous.map(entries).unwrap_or_default();
    for v in versions {
        if all.iter().any(|e| e.name == v.name) || uncommitted(v) {
            continue;
        }
        let now = Entry::of(v, today, head);
        // Renamed: the quarter keeps the day it was first published, under
        // its new name; the old name's line stays, marked, so its address
        // goes on saying where the quarter went.
        let mut first = None;
        for e in all
            .iter_mut()
            .filter(|e| e.same_quarter(&now) && !versions.iter().any(|v| v.name == e.name))
        {
            first.get_or_insert_with(|| e.recorded.clone());
            e.renamed_to = now.name.clone();
        }
        all.push(match first {
            Some(recorded) => Entry { recorded, ..now },
            None => now,
        });
    }
    if all.is_empty() && others.is_empty() {
        return None;
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = String::from(HEADER);
    for e in all {
        out.push_str(&e.line());
        out.push('\n');
    }
    for l in others {
        out.push_str(l);
        out.push('\n');
    }
    Some(out)
}

/// Whether a snapshot folder has changes git has not committed: a draft.
/// Outside a repository a folder is all there is, and counts as it stands.
pub fn uncommitted(root: &Path) -> impl Fn(&Version) -> bool + '_ {
    let repo = git::is_repo(root);
    move |v: &Version| match &v.origin {
        Origin::Folder(dir) if repo => {
            git::dirty_paths(root, &[dir.as_str()]).is_none_or(|d| !d.is_empty())
        }
        _ => false,
    }
}

/// Each version the site in `site` published that reads otherwise now, or
/// is gone from the history: its tag deleted or no longer matching `[snapshots]
/// tags`, its folder removed or out of `[snapshots] dir`, with no version
/// of the same content under another name. A clone that fetched no tags,
/// or a shallow one, or a repository git cannot read, judges no tag gone:
/// `missing-history` and `git-unusable` say why they are missing.
///
/// None when the build folder holds no record to judge by (a fresh folder,
/// or a CI cache dropped): the caller says so, as nothing is held to it.
pub fn judge(
    site: &Path,
    current: &Config,
    versions: &[Version],
    approved_change: &dyn Fn(&str) -> bool,
) -> Option<Judged> {
    let text = crate::output::previous(site, RECORD)?;
    let (was, _) = entries(&text);
    if was.is_empty() {
        return None;
    }
    let now: Vec<Entry> = versions.iter().map(|v| Entry::of(v, "", None)).collect();
    let mut tags: Option<Option<Vec<String>>> = None;
    let mut out = Vec::new();
    let mut rewritten_now = Vec::new();
    let mut changed = Vec::new();
    let mut approved_now = Vec::new();
    let mut gone_now: Vec<GoneVersion> = Vec::new();
    // An approval in book.toml counts when the change request it names
    // is an approved one: the decision is on record, not only the line.
    let approval = |name: &str, readings: &[&str]| {
        current
            .snapshots
            .rewrite_approved(name, readings)
            .filter(|change| approved_change(change))
            .map(str::to_string)
    };
    // Of two snapshots of one day the one made first is the older: a tag of
    // such a day made again at another moment may read in another order.
    let shares_day = |e: &Entry| {
        e.as_of != "-"
            && was
                .iter()
                .filter(|o| o.as_of == e.as_of && now.iter().any(|n| n.name == o.name))
                .count()
                > 1
    };
    for e in &was {
        let is_rewritten =
            |n: &&Entry| !n.same_quarter(e) || (e.made != "-" && n.made != e.made && shares_day(e));
        let approved = |n: &Entry| approval(&e.name, &[n.commit.as_str(), n.content.as_str()]);
        match now.iter().find(|n| n.name == e.name) {
            Some(n) if is_rewritten(&n) && approved(n).is_none() => {
                rewritten_now.push((e.name.clone(), for_readers(e, n)));
                changed.push((e.as_of.clone(), format!("{} (changed)", e.name)));
                // By the fiscal year the version itself sets, as
                // `snapshot-misdated` reads it.
                let fiscal_start = versions
                    .iter()
                    .find(|v| v.name == e.name)
                    .map_or(current.roadmap.fiscal_year_start, |v| {
                        v.config.roadmap.fiscal_year_start
                    });
                let began = super::versions::quarter_began(&e.name, fiscal_start);
                out.push(rewritten(e, n, began));
            }
            // Approved, and still said where the quarter is read: an
            // approval is no reason for the change to leave no trace.
            Some(n) if is_rewritten(&n) => {
                let text = format!(
                    "{}; the change was approved in change request {}",
                    for_readers(e, n),
                    approved(n).unwrap_or_default()
                );
                approved_now.push((e.name.clone(), text));
            }
            Some(_) => {}
            // Renamed in an earlier build: its page says where the quarter
            // went, when it is still read; the new name's line says the
            // rest.
            None if e.renamed_to != "-" => {
                let to = now
                    .iter()
                    .find(|n| n.same_quarter(e))
                    .or_else(|| now.iter().find(|n| n.name == e.renamed_to));
                if let Some(n) = to.filter(|_| !gone_now.iter().any(|g| g.name == e.name)) {
                    gone_now.push(GoneVersion {
                        name: e.name.clone(),
                        said: format!("{}; it is the same quarter, renamed", e.held_here()),
                        approved_by: None,
                        now_as: Some(n.name.clone()),
                    });
                }
            }
            None => {
                let gone = match e.kind.as_str() {
                    "tag" => {
                        let root = &current.root;
                        let tags = tags.get_or_insert_with(|| {
                            // None read at all: said as such, not as each
                            // quarter deleted.
                            let missing = git::unusable(root).is_some()
                                || git::is_shallow(root)
                                || (!git::has_any_tag(root) && git::has_remote(root));
                            (!missing).then(|| git::tag_names(root))
                        });
                        match tags {
                            None => None,
                            Some(tags) if !tags.contains(&e.place) => Some(Gone::Deleted),
                            Some(_) if !current.snapshots.tag_matches(&e.place) => {
                                Some(Gone::Unmatched)
                            }
                            Some(_) => Some(Gone::LeftOut),
                        }
                    }
                    _ => {
                        let dir = current.snapshots.dir.trim_end_matches('/');
                        let there = e.place == format!("{dir}/{}", e.name)
                            && current.root.join(&e.place).is_dir();
                        Some(if there { Gone::LeftOut } else { Gone::Folder })
                    }
                };
                // Renamed, not rewritten. Left out whatever the reason (in
                // `[snapshots] ignore`, off the history, unreadable now),
                // a quarter published is gone from it all the same, and
                // the rule that says why may be allowed: only an approval
                // of the deletion in book.toml, reviewed in the
                // repository, clears it.
                let renamed = now.iter().find(|n| n.same_quarter(e));
                let approved = approval(&e.name, &["deleted"]);
                let was_published = e.held_here();
                let mut left = |said: String, approved_by: Option<&str>, now_as: Option<&Entry>| {
                    if !gone_now.iter().any(|g| g.name == e.name) {
                        gone_now.push(GoneVersion {
                            name: e.name.clone(),
                            said,
                            approved_by: approved_by.map(str::to_string),
                            now_as: now_as.map(|n| n.name.clone()),
                        });
                    }
                };
                match (gone, renamed) {
                    (_, Some(n)) => left(
                        format!("{was_published}; it is the same quarter, renamed"),
                        None,
                        Some(n),
                    ),
                    (Some(why), None) if approved.is_none() => {
                        changed.push((e.as_of.clone(), format!("{} (gone)", e.name)));
                        out.push(removed(e, why));
                        left(
                            format!("{was_published}; {}", why.for_readers()),
                            None,
                            None,
                        );
                    }
                    (Some(why), None) => {
                        approved_now.push((
                            e.name.clone(),
                            format!(
                                "Taken out of the history since this site first published it ({}); the deletion was approved in change request {}",
                                e.first_published().replace('`', ""),
                                approved.as_deref().unwrap_or_default()
                            ),
                        ));
                        left(
                            format!("{was_published}; {}", why.for_readers()),
                            approved.as_deref(),
                            None,
                        );
                    }
                    (None, None) => {}
                }
            }
        }
    }
    // A quarter put in before one already published (a tag made later on
    // an old commit, `today` set back): every quarter after it is judged
    // from it, the slips it already holds no longer slips.
    for n in &now {
        let known = was.iter().any(|e| e.name == n.name || e.same_quarter(n));
        if known || n.as_of == "-" {
            continue;
        }
        let later = was
            .iter()
            .filter(|e| e.as_of != "-" && e.as_of > n.as_of)
            .filter(|e| now.iter().any(|m| m.name == e.name))
            .min_by(|a, b| a.as_of.cmp(&b.as_of));
        let Some(later) = later else { continue };
        if let Some(change) = approval(&n.name, &[n.commit.as_str(), n.content.as_str()]) {
            approved_now.push((
                n.name.clone(),
                format!(
                    "Put in the history after this site published snapshot {} (as of {}); approved in change request {change}",
                    later.name, later.as_of
                ),
            ));
        } else {
            changed.push((n.as_of.clone(), format!("{} (added since)", n.name)));
            out.push(inserted(n, later));
        }
    }
    out.extend(approving_nothing(current, approved_change));
    Some(Judged {
        findings: out,
        rewritten: rewritten_now,
        changed,
        approved: approved_now,
        gone: gone_now,
    })
}

/// The lines of `approved-rewrites` naming a request that approved
/// nothing: they approve nothing, and are said, else the finding each was
/// written for would stand unexplained. Said with a record of what was
/// published or without one (`snapshot-gone` is judged from git alone,
/// and a line naming no request silenced it; from a review).
pub fn approving_nothing(
    current: &Config,
    approved_change: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    current
        .snapshots
        .approved_rewrites
        .iter()
        .filter_map(|line| {
            let change = line.split_once(' ').map_or("", |(_, c)| c);
            (!approved_change(change)).then(|| {
                crate::lints::SNAPSHOT_REWRITTEN.at(
                    crate::config::FILE,
                    None,
                    format!(
                        "`approved-rewrites` approves `{line}` by change request `{change}`, which is no approved change request: it approves nothing"
                    ),
                )
            })
        })
        .collect()
}

/// What [`judge`] found.
pub struct Judged {
    pub findings: Vec<Diagnostic>,
    /// Each version still read that stands rewritten, by name, with what
    /// its own pages say of it.
    pub rewritten: Vec<(String, String)>,
    /// Each quarter rewritten, gone or put in since the site published a
    /// later one, by the day it stands for: every version after it is
    /// judged from the history as it reads now, and its pages say so.
    pub changed: Vec<(String, String)>,
    /// Each change to a published quarter approved in book.toml
    /// (`approved-rewrites`), by name, in words for readers: the versions
    /// page lists them, and the quarter's own pages say it.
    pub approved: Vec<(String, String)>,
    /// Each published quarter no longer among the versions, for the page
    /// left at its address.
    pub gone: Vec<GoneVersion>,
}

impl Judged {
    /// What the pages of the version of `day` say: its own rewrite, and
    /// the quarters before it changed since they were published.
    pub fn said_of(&self, name: &str, day: &str) -> Option<String> {
        let own = self
            .rewritten
            .iter()
            .chain(&self.approved)
            .find(|(n, _)| n == name)
            .map(|(_, text)| text.clone());
        let before: Vec<&str> = self
            .changed
            .iter()
            .filter(|(as_of, _)| as_of != "-" && as_of.as_str() < day)
            .map(|(_, label)| label.as_str())
            .collect();
        let earlier = (!before.is_empty()).then(|| {
            format!(
                "It is judged against the quarters before it as they read now, and {} changed since this site published {}: {}",
                if before.len() == 1 { "one" } else { "some" },
                if before.len() == 1 { "it" } else { "them" },
                before.join(", ")
            )
        });
        match (own, earlier) {
            (Some(own), Some(earlier)) => Some(format!("{own}. {earlier}")),
            (own, earlier) => own.or(earlier),
        }
    }
}

/// A quarter put in before `later`, which the site published already.
fn inserted(now: &Entry, later: &Entry) -> Diagnostic {
    let mut d = crate::lints::SNAPSHOT_REWRITTEN.at(
        crate::config::FILE,
        None,
        format!(
            "snapshot {} (as of {}, read from {}) was added to the history after this site published snapshot {} (as of {}): a quarter put in before one already published changes how that one and every later one are judged, the slips measured from it",
            now.name,
            now.as_of,
            now.source(),
            later.name,
            later.as_of
        ),
    );
    d.help = Some(format!(
        "if that quarter was not recorded at its time, take it out (`git tag -d` the tag, or remove the folder); if it was, and is put in late on purpose, record why in an approved change request, then approve it in book.toml, naming that request: `[snapshots] approved-rewrites = [\"{}@{} CHANGE\"]`",
        now.name,
        now.reading()
    ));
    d
}

/// What changed in a version since it was first published, in words.
fn changes(was: &Entry, now: &Entry) -> Vec<String> {
    let mut what = Vec::new();
    if was.content != now.content {
        what.push("its roadmap reads otherwise".to_string());
    }
    if was.as_of != now.as_of {
        let day = |d: &str| {
            if d == "-" {
                "no day of its own (it reads as of the working tree's)".to_string()
            } else {
                d.to_string()
            }
        };
        what.push(format!(
            "it stands for {}, not {}",
            day(&now.as_of),
            day(&was.as_of)
        ));
    }
    if what.is_empty() {
        what.push(format!(
            "its tag was made again ({}, first {}), and of two snapshots of one day the one made first reads as the older",
            moment(&now.made),
            moment(&was.made)
        ));
    }
    what
}

/// What the version's own pages say of it, to a reader who followed the
/// link sent with the quarter: when it was published, and what changed.
fn for_readers(was: &Entry, now: &Entry) -> String {
    let moved = match (was.kind.as_str(), was.commit != now.commit) {
        ("tag", true) => format!(
            " (first read from commit {}, now from commit {})",
            short(&was.commit),
            short(&now.commit)
        ),
        _ => String::new(),
    };
    format!(
        "Changed since this site first published it, in its build of {}: {}{moved}",
        was.recorded,
        changes(was, now).join(", and ")
    )
}

/// `began`: the day the quarter its name names began.
fn rewritten(was: &Entry, now: &Entry, began: Option<jiff::civil::Date>) -> Diagnostic {
    let what = changes(was, now);
    let now_read = if was.source() == now.source() {
        String::new()
    } else {
        format!(", and is now read from {}", now.source())
    };
    let mut d = crate::lints::SNAPSHOT_REWRITTEN.at(
        crate::config::FILE,
        None,
        format!(
            "snapshot {} has changed since this site first published it ({}){now_read}: {}; the quarter leadership was shown is not the one its slips are measured from",
            was.name,
            was.first_published(),
            what.join(", and ")
        ),
    );
    let approve = format!(
        "record why in an approved change request, then approve the quarter as it reads now in book.toml, naming that request: `[snapshots] approved-rewrites = [\"{}@{} CHANGE\"]` (that reading alone: a later rewrite is still said)",
        was.name,
        now.reading()
    );
    // Published dated before its own quarter began: the tag was on the
    // wrong commit, and putting it back would put the mistake back.
    let published_misdated = began.filter(|began| {
        jiff::civil::Date::strptime("%Y-%m-%d", &was.as_of).is_ok_and(|as_of| as_of < *began)
    });
    d.help = Some(match published_misdated {
        Some(began) => format!(
            "the quarter as published was dated {}, before {} began ({began}): its tag was on the wrong commit, and the move is the fix; {approve}",
            was.as_of, was.name
        ),
        None => format!(
            "{}; if it was rewritten on purpose, {approve}",
            put_back(was, true)
        ),
    });
    d
}

/// Why a version published is no longer read.
#[derive(Clone, Copy)]
enum Gone {
    /// Its tag is deleted (or renamed, its content changed too).
    Deleted,
    /// Its tag is there, and `[snapshots] tags` no longer matches it.
    Unmatched,
    /// Its folder is removed, renamed, or out of `[snapshots] dir`.
    Folder,
    /// Its tag or folder is there, but the quarter is left out of the
    /// history: in `[snapshots] ignore`, its tag off the history, or
    /// unreadable now.
    LeftOut,
}

impl Gone {
    /// Why, in words for the page left at its address.
    fn for_readers(self) -> &'static str {
        match self {
            Gone::Deleted => "its tag was deleted or renamed since",
            Gone::Unmatched => {
                "its tag no longer matches the tags the roadmap's snapshots are read from"
            }
            Gone::Folder => "its snapshot folder was removed or renamed since",
            Gone::LeftOut => "it is left out of the roadmap's history since",
        }
    }
}

fn removed(was: &Entry, why: Gone) -> Diagnostic {
    let mut d = crate::lints::SNAPSHOT_REWRITTEN.at(
        crate::config::FILE,
        None,
        format!(
            "snapshot {}, which this site first published ({}), is gone from the history: {}, so the history reads as if that quarter had never been recorded",
            was.name,
            was.first_published(),
            match why {
                Gone::Deleted => "its tag was deleted or renamed",
                Gone::Unmatched => "its tag no longer matches `[snapshots] tags`",
                Gone::Folder => "its folder was removed, renamed or is no longer under `[snapshots] dir`",
                Gone::LeftOut => "it is there but left out of the history (in `[snapshots] ignore`, its tag off the history, or unreadable now: the finding on it says which)",
            }
        ),
    );
    let back = match why {
        Gone::Unmatched => format!(
            "put back the `[snapshots] tags` pattern that matched `{}`, or tag its commit again under a name the new one matches",
            was.place
        ),
        Gone::LeftOut => format!(
            "{}, and take it out of `[snapshots] ignore` if it is there",
            put_back(was, true)
        ),
        _ => put_back(was, false),
    };
    d.help = Some(format!(
        "{back}; if it was published by mistake, record why in an approved change request, then approve its deletion in book.toml, naming that request: `[snapshots] approved-rewrites = [\"{}@deleted CHANGE\"]`",
        was.name
    ));
    d
}

/// When a tag was made, from git's `1798718400 -0500`, in UTC.
fn moment(made: &str) -> String {
    made.split_whitespace()
        .next()
        .and_then(|secs| secs.parse().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map_or_else(|| made.to_string(), |t| t.to_string())
}

fn put_back(was: &Entry, exists: bool) -> String {
    if was.kind == "tag" {
        // Made again now, a tag without `today` in its book.toml would
        // stand for today, and one of a day with two would move among
        // them: made at the moment it was.
        let dated = if was.made != "-" {
            format!("GIT_COMMITTER_DATE=\"{}\" ", was.made)
        } else if was.as_of != "-" {
            format!("GIT_COMMITTER_DATE={}T12:00:00 ", was.as_of)
        } else {
            String::new()
        };
        let force = if exists { " -f" } else { "" };
        format!(
            "put the tag back on the commit published: `{dated}git tag{force} -a {} {} -m \"Roadmap snapshot {}\"`, then `git push{} origin {}`",
            was.place,
            was.commit,
            was.name,
            if exists { " --force" } else { "" },
            was.place
        )
    } else if was.commit != "-" {
        format!(
            "put back the folder's files as published: `rm -r {0} && git checkout {1} -- {0}`",
            was.place, was.commit
        )
    } else {
        format!("put back the files of {}/ as published", was.place)
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
        let book = Some("[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-06-30\"\n");
        let files = [file("a.md", "due: 2026-Q4\n"), file("b.md", "x")];
        let hash = |book: Option<&str>, files: &[SourceFile]| hex(&content_hash(book, files));
        // Pinned: a record written by one release is read by the next, so
        // a change to what is hashed, or how, fails here first.
        assert_eq!(hash(book, &files), "6dd7b2e6fc005e6aeef694d8c0121f57");
        let moved = [file("a.md", "due: 2027-Q1\n"), file("b.md", "x")];
        assert_ne!(hash(book, &files), hash(book, &moved));
        let renamed = [file("a.md", "due: 2026-Q4\n"), file("c.md", "x")];
        assert_ne!(hash(book, &files), hash(book, &renamed));
        // Bytes moved from one file to the next are another content.
        let shifted = [file("a.md", "due: 2026-Q4\nx"), file("b.md", "")];
        assert_ne!(hash(book, &files), hash(book, &shifted));
        let reordered = [file("b.md", "x"), file("a.md", "due: 2026-Q4\n")];
        assert_eq!(hash(book, &files), hash(book, &reordered));
        // What book.toml sets is the quarter's too, but for its `today`,
        // which a folder has and a tag of the same quarter may not.
        let looser = Some("[book]\ntitle = \"T\"\n[governance]\nslip-tolerance-days = 90\n");
        assert_ne!(hash(book, &files), hash(looser, &files));
        let undated = Some("[book]\ntitle = \"T\"\n[roadmap]\n");
        assert_eq!(hash(book, &files), hash(undated, &files));
        // Differences high in two words of one file (a word-wise FNV lost
        // them): `2026-09-31` and `5026-10-15` against the dates.
        let a = [file("m.md", "due: 2026-09-30 done: 2026-10-15")];
        let b = [file("m.md", "due: 2026-09-31 done: 5026-10-15")];
        assert_ne!(hash(book, &a), hash(book, &b));
    }

    /// A tag made again on the same commit, another day: with no `today`
    /// pinned, the quarter now stands for the day it was re-made, and the
    /// command that puts it back dates it as it was.
    #[test]
    fn a_quarter_re_dated_is_said_with_both_days() {
        let was = Entry::parse(
            "2026-Q2\t2026-07-02\ttag\troadmap/2026-Q2\t0123456789abcdef\t2026-06-30\tff",
        )
        .unwrap();
        let now = Entry {
            as_of: "2026-10-05".into(),
            ..was.clone()
        };
        assert!(was.same_quarter(&was.clone()) && !was.same_quarter(&now));
        let d = rewritten(&was, &now, None);
        assert_eq!(
            d.message,
            "snapshot 2026-Q2 has changed since this site first published it (read from git tag `roadmap/2026-Q2` on commit 0123456789ab, as of 2026-06-30, in its build of 2026-07-02): it stands for 2026-10-05, not 2026-06-30; the quarter leadership was shown is not the one its slips are measured from"
        );
        assert!(
            d.help.as_deref().unwrap().starts_with("put the tag back on the commit published: `GIT_COMMITTER_DATE=2026-06-30T12:00:00 git tag -f -a roadmap/2026-Q2 0123456789abcdef -m \"Roadmap snapshot 2026-Q2\"`"),
            "{:?}",
            d.help
        );
        // A folder read as of the working tree's day has no day of its own
        // to hold (`-` whatever the clock says); its `today` taken out
        // moves the quarter to the working tree's day.
        let folder = Entry {
            kind: "folder".into(),
            made: "-".into(),
            ..was.clone()
        };
        let undated = Entry {
            as_of: "-".into(),
            ..folder.clone()
        };
        assert!(undated.same_quarter(&undated.clone()) && !folder.same_quarter(&undated));
        assert!(rewritten(&folder, &undated, None).message.contains(
            "it stands for no day of its own (it reads as of the working tree's), not 2026-06-30"
        ));
    }

    #[test]
    fn the_first_publication_is_kept_and_a_line_it_cannot_read_too() {
        let text = format!(
            "{HEADER}2026-Q2\t2026-07-02\ttag\troadmap/2026-Q2\tabc\t2026-06-30\tff\t1782820800 +0000\nnot a line\n"
        );
        assert_eq!(
            record(Some(&text), &[], "2026-11-25", None, |_| false),
            Some(text.clone())
        );
        assert_eq!(record(None, &[], "2026-11-25", None, |_| false), None);
        assert_eq!(
            record(Some(HEADER), &[], "2026-11-25", None, |_| false),
            None
        );
        let (e, others) = entries(&text);
        assert_eq!(Entry::parse(&e[0].line()).as_ref(), Some(&e[0]));
        assert_eq!(others, ["not a line"]);
    }

    /// CI adds the live site's record to its cache's: the lines both hold
    /// are one, and two readings of one quarter are both kept.
    #[test]
    fn records_added_together_keep_each_reading_once() {
        let first = "2026-Q2\t2026-07-02\ttag\troadmap/2026-Q2\tabc\t2026-06-30\tff\t-";
        let after_a_move = "2026-Q2\t2026-10-09\ttag\troadmap/2026-Q2\tdef\t2026-06-30\tee\t-";
        let cached = format!("{HEADER}{after_a_move}\nnot a line\n");
        let live = format!("{first}\nnot a line\n");
        let added = format!("{cached}{live}");
        let (e, others) = entries(&added);
        assert_eq!(
            e.iter().map(Entry::line).collect::<Vec<_>>(),
            [after_a_move, first]
        );
        assert_eq!(others, ["not a line"]);
        let both = record(Some(&added), &[], "2026-11-25", None, |_| false).unwrap();
        assert_eq!(both.matches("roadmap/2026-Q2").count(), 2, "{both}");
    }
}
