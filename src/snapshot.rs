//! `roadbook snapshot` and `roadbook diff`: archiving the roadmap as it
//! stands, and comparing any two versions.

use crate::config::Environment;
use crate::diag::Diagnostic;
use crate::history::{self, Diff, Point};
use crate::site::{self, Loaded, Site};
use crate::source::git;
use crate::words::count;
use std::path::Path;

/// Why a snapshot was not taken: every reason found, so that one attempt
/// says all there is to fix (from a trial: a pinned `today`, then an
/// uncommitted file, then an ignored export, told over three runs).
pub struct Refusal {
    pub messages: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

fn refuse(message: impl Into<String>) -> Refusal {
    Refusal {
        messages: vec![message.into()],
        diagnostics: Vec::new(),
    }
}

/// A one-paragraph summary of the roadmap, for the tag message.
fn summary(l: &Loaded) -> String {
    let f = &l.facts;
    // The money and the RAID log as the quarter closed them: `git tag -n`
    // is where a finance or risk reader looks back.
    let b = &f.budget.roadmap;
    let money = |v: f64| crate::words::money(v, &l.config.budget.currency);
    // The plan is drawn from the budgets approved: a total that holds an
    // increase nobody approved says so, or the two figures read on two
    // bases (from a trial).
    let unapproved = if b.unapproved > 0.0 {
        format!(" ({} of it unapproved)", money(b.unapproved))
    } else {
        String::new()
    };
    let budget = (b.initiatives > 0).then(|| {
        format!(
            "; budget {}{unapproved}, {} planned {}, {} spent",
            money(b.total),
            money(b.planned_to_date),
            crate::words::planned_to(f.budget.books_to),
            money(b.actual_to_date + b.unplanned_actual)
        )
    });
    let open_raid: usize = f.risks.open_by_type.values().sum();
    let raid = (!l.roadmap.risks.is_empty()).then(|| {
        format!(
            "; {} open ({} of high exposure)",
            count(open_raid, "RAID item", "RAID items"),
            f.risks.high.len()
        )
    });
    format!(
        "{}, {} ({} live, {} backlog), {} ({} done, {} overdue, {} due within three months){}{}; {}.",
        count(l.roadmap.outcomes.len(), "outcome", "outcomes"),
        count(l.roadmap.initiatives.len(), "initiative", "initiatives"),
        f.live_initiatives,
        f.backlog.len(),
        count(f.milestones_total, "milestone", "milestones"),
        f.done,
        f.overdue.len(),
        f.due_90.len(),
        budget.unwrap_or_default(),
        raid.unwrap_or_default(),
        count(
            l.diagnostics.iter().filter(|d| !of_the_theme(d)).count(),
            "finding",
            "findings"
        )
    )
}

/// The theme is not archived: every version is drawn with the theme of the
/// build that publishes it, so its findings are not the snapshot's.
fn of_the_theme(d: &Diagnostic) -> bool {
    d.code == crate::lints::THEME.code
}

/// Check the roadmap, then create the tag `<prefix>NAME` (or, with `dir`,
/// the folder `snapshots/NAME/`). Returns what was made. Refused, it says
/// every reason at once: a new user's trial met them one run at a time
/// (the roadmap's errors, then the day, then an uncommitted file).
pub fn create(
    root: &Path,
    env: &Environment,
    name: &str,
    dir: bool,
    any_name: bool,
) -> Result<String, Refusal> {
    let unnamed = name_refusal(root, env, name, dir);
    let mut refused: Vec<String> = unnamed.iter().cloned().collect();
    // A frozen folder is written from the files as they were read.
    let options = site::Options {
        keep_sources: dir,
        ..site::Options::default()
    };
    let loaded = match Site::new(root, env.clone(), options).load() {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            refused.push("the roadmap cannot be read".into());
            return Err(Refusal {
                messages: refused,
                diagnostics,
            });
        }
    };
    // A template error is the build's to report, not a reason to refuse
    // the roadmap's snapshot.
    let errors: Vec<Diagnostic> = loaded
        .error_list()
        .into_iter()
        .filter(|d| !of_the_theme(d))
        .collect();
    if !errors.is_empty() {
        refused.push(format!(
            "the roadmap has {}: fix {} before archiving it",
            count(errors.len(), "error", "errors"),
            if errors.len() == 1 { "it" } else { "them" }
        ));
    }
    let config = &loaded.config;
    // A name that cannot be one is not checked against the versions, the
    // calendar or the tag pattern: those would only repeat it. The
    // roadmap's errors and git's state are said beside it.
    if unnamed.is_none() {
        refused.extend(taken_refusal(root, &loaded, name));
        if !any_name {
            refused.extend(period_refusal(&loaded, name));
        }
        refused.extend(dating_refusal(env, &loaded, name));
    }
    let target = root.join(&config.snapshots.dir).join(name);
    if dir && unnamed.is_none() && target.exists() {
        refused.push(format!("{} already exists", target.display()));
    }
    let tag = format!("{}{name}", config.snapshots.tag_prefix());
    if !dir {
        refused.extend(git_refusals(root, &loaded));
        // A pattern with a wildcard before its last fixed part (`q?-*`)
        // does not take every name after its prefix: a tag it does not
        // match would never be read as a snapshot.
        if unnamed.is_none() && !config.snapshots.tag_matches(&tag) {
            refused.push(format!(
                "the tag `{tag}` would not match `[snapshots] tags = \"{}\"`, so no build would read it as a snapshot: choose a name it matches, or a pattern that ends in `*` after a fixed prefix (`roadmap/*`)",
                config.snapshots.tags
            ));
        }
    }
    if !refused.is_empty() {
        return Err(Refusal {
            messages: refused,
            diagnostics: errors,
        });
    }
    if dir {
        let book = std::fs::read_to_string(root.join(crate::config::FILE))
            .map_err(|e| refuse(e.to_string()))?;
        // A frozen copy must say which day it stood at, or it could not be
        // ordered among the others.
        let book = if config.today_source == "book.toml" {
            book
        } else {
            with_today(&book, &config.today.iso())
        };
        let write = |rel: &str, bytes: &[u8]| -> Result<(), Refusal> {
            let p = target.join(rel);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| refuse(format!("cannot create {}: {e}", parent.display())))?;
            }
            std::fs::write(&p, bytes)
                .map_err(|e| refuse(format!("cannot write {}: {e}", p.display())))
        };
        write(crate::config::FILE, book.as_bytes())?;
        for f in &loaded.files {
            write(&format!("{}/{}", config.build.content_dir, f.rel), &f.bytes)?;
        }
        let keep = if git::is_repo(root) {
            " Commit it to keep it."
        } else {
            ""
        };
        return Ok(format!(
            "Archived the roadmap as of {} in {}/{name}/ ({} files).{keep}",
            config.today.iso(),
            config.snapshots.dir,
            loaded.files.len() + 1
        ));
    }
    // The snapshot before it, by tag and commit: a quarter whose tag is
    // deleted or moved later is told from git alone, with no build folder
    // keeping a record (from a trial: `git tag -d` and a clean build
    // took a quarter's slips off the site with nothing said).
    let follows = loaded
        .versions()
        .last()
        .and_then(|v| match (&v.origin, v.commit()) {
            // With the moment that tag was made: one deleted is then put
            // back as it was, with no date to find.
            (crate::source::Origin::Tag(t), Some(commit)) => {
                let made = v.made().map(|m| format!(" {m}")).unwrap_or_default();
                Some(format!("\n{} {t} {commit}{made}\n", git::FOLLOWS))
            }
            _ => None,
        })
        .unwrap_or_default();
    let message = format!(
        "Roadmap snapshot {name} as of {}\n\n{}\n{follows}",
        config.today.iso(),
        summary(&loaded)
    );
    git::create_tag(root, &tag, &message).map_err(refuse)?;
    Ok(format!(
        "Created the annotated tag {tag}: {}\nPush it with `git push origin {tag}`.",
        summary(&loaded)
    ))
}

/// Why `name` cannot name a version whatever the roadmap says.
fn name_refusal(root: &Path, env: &Environment, name: &str, dir: bool) -> Option<String> {
    if let Some(why) = name_trouble(name) {
        return Some(format!("`{name}` cannot name a version: {why}"));
    }
    if !crate::base::id::valid_id(name) {
        return Some(format!(
            "`{name}` cannot name a version: use letters, digits, `-`, `_` and `.`{}",
            name_hint(root, env, name, dir)
        ));
    }
    crate::history::names_the_working_tree(name).then(|| format!(
        "`{name}` names the working tree (`roadbook diff Q3 current`): a snapshot under that name would hide it; name it after its quarter (`YYYY-Qn`)"
    ))
}

/// A version or tag of that name already, or of a name that differs only
/// in case: the two would be one folder of the site (and one file on a
/// case-insensitive disk), and the build would leave one out.
fn taken_refusal(root: &Path, loaded: &Loaded, name: &str) -> Option<String> {
    let prefix = loaded.config.snapshots.tag_prefix();
    let tagged = git::tag_names(root);
    let taken: Vec<&str> = loaded
        .versions()
        .iter()
        .map(|v| v.name.as_str())
        .chain(
            tagged
                .iter()
                .filter_map(|t| t.strip_prefix(prefix).filter(|_| !prefix.is_empty())),
        )
        .collect();
    let other = taken
        .iter()
        .find(|&&other| other == name)
        .or_else(|| taken.iter().find(|other| other.eq_ignore_ascii_case(name)))?;
    Some(if *other == name {
        format!("a version named `{name}` already exists")
    } else {
        format!(
            "a version named `{other}` already exists, and `{name}` differs from it only in case: the two would be one folder of the site, and one would be left out; if `{other}` is wrong, delete it first"
        )
    })
}

/// A name that begins with no period, where every version so far does: a
/// typo (`roadbook snapshot x`, `2026-Q`) made a tag for good, one no
/// quarter's checks can judge. `2026-Q4-steering` is a period's.
fn period_refusal(loaded: &Loaded, name: &str) -> Option<String> {
    let (config, versions) = (&loaded.config, loaded.versions());
    let fy = config.roadmap.fiscal_year_start;
    let a_period = |v: &str| crate::base::date::leading_period(v, fy).is_some();
    if a_period(name) || versions.is_empty() || !versions.iter().all(|v| a_period(&v.name)) {
        return None;
    }
    let named: Vec<&str> = versions
        .iter()
        .rev()
        .take(2)
        .map(|v| v.name.as_str())
        .collect();
    // Today's quarter, or a second snapshot of it under a name not
    // taken (a later quarter's name is refused before it begins).
    let taken = |n: &str| versions.iter().any(|v| v.name == n);
    let free = |q: String| {
        std::iter::once(q.clone())
            .chain((2..).map(|n| format!("{q}-{n}")))
            .find(|n| !taken(n))
            .unwrap_or(q)
    };
    // A name taken already is said as such, with the free one for a
    // second snapshot of it (it suggested `2027-Q4`, which existed: from
    // a trial).
    let suggestion = match crate::base::date::suggest(name) {
        Some(q) if taken(&q) => {
            let second = free(q.clone());
            format!("`{q}`? A version of that name exists already; a second snapshot of it would be `{second}`.")
        }
        Some(q) => format!("`{q}`?"),
        None => format!(
            "`{}`?",
            free(crate::base::date::Quarter::of(config.today.day, fy).to_string())
        ),
    };
    Some(format!(
        "`{name}` does not begin with a quarter, a month or a day, and every version so far does ({}): did you mean {suggestion} A snapshot is kept for good; to name it `{name}` all the same, pass --any-name",
        named.join(", ")
    ))
}

/// Why the day the snapshot would be dated is wrong for it, if it is: the
/// first reason only, as every one of them is mended by the same line of
/// book.toml.
fn dating_refusal(env: &Environment, loaded: &Loaded, name: &str) -> Option<String> {
    let (config, versions) = (&loaded.config, loaded.versions());
    // A `today` pinned in book.toml and not moved on since the last
    // quarter would date the next quarter's snapshot in the one before,
    // for good: a tag is not edited. Stale only once the quarter has
    // begun: before it, a snapshot named for it is taken early on purpose,
    // as it is without a pinned `today`.
    // (The day of another version is fine: a wrong snapshot is corrected
    // by taking another.)
    let fy = config.roadmap.fiscal_year_start;
    let quarter_begins = crate::base::date::parse(name, crate::base::date::Edge::Start, fy)
        .ok()
        .filter(|_| name.contains(['Q', 'q']));
    // The period a name begins with, for a `today` pinned before it while
    // the calendar is past its start (from a trial: `2026-Q4-steering`,
    // `2026-12` archived September where `2026-Q4` was refused). Only the
    // name that is a quarter and nothing more is held to the quarter
    // before's day below: `2026-Q4-plan` taken with the quarter before's
    // snapshot is a plan for the quarter.
    let period_begins = crate::base::date::leading_period(name, fy);
    let real_today = env.real_today();
    // What mends the day: the setting, where `today` is one; else the name
    // or the day it is taken on (from a trial: "remove it" said of a
    // `today` book.toml did not set).
    let pinned = config.today_source == "book.toml";
    let set_today = "set `today` in book.toml to the day the snapshot stands for, or remove it to use the real date, and commit";
    let ahead = |v: &crate::site::Version| {
        if pinned {
            set_today.to_string()
        } else {
            format!(
                "today is {} ({}), and snapshot {} was dated ahead of it: take this one once {} has passed, or tag {} again on the commit of its own day",
                config.today.iso(),
                config.today_source,
                v.name,
                v.config.today.iso(),
                v.name
            )
        }
    };
    let pinned_before = |start: &crate::base::date::Date| {
        config.today_source == "book.toml" && config.today.day < start.day
    };
    if let (Some(epoch), None) = (&env.source_date_epoch, real_today) {
        if period_begins.as_ref().is_some_and(pinned_before) {
            return Some(format!(
                "SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds: it cannot say whether {name} has begun"
            ));
        }
    }
    if let Some(start) = period_begins
        .as_ref()
        .filter(|start| pinned_before(start) && real_today.is_some_and(|real| real >= start.day))
    {
        return Some(format!(
            "the snapshot would be dated {} (`today` in book.toml), before {} began on {}: set `today` in book.toml to the day the snapshot stands for, or remove it to use the real date, and commit",
            config.today.iso(),
            start.written,
            start.day
        ));
    }
    // A quarter's snapshot dated before an earlier quarter's: versions go
    // by their days, so it would be read before the quarter it follows,
    // and every period between them the wrong way round (a `today` left
    // pinned while the quarters are taken ahead of the calendar).
    if let Some(start) = &quarter_begins {
        let quarter = |v: &str| {
            crate::base::date::parse(v, crate::base::date::Edge::Start, fy)
                .ok()
                .filter(|_| v.contains(['Q', 'q']))
        };
        if let Some(v) = versions.iter().find(|v| {
            quarter(&v.name).is_some_and(|q| q.day < start.day)
                && config.today.day < v.config.today.day
        }) {
            return Some(format!(
                "the snapshot would be dated {}, before snapshot {} ({}): versions are read in the order of their days, so {name} would come before the quarter it follows; {}",
                config.today.iso(),
                v.name,
                v.config.today.iso(),
                ahead(v)
            ));
        }
        // Dated before its quarter began, on an earlier quarter's own day:
        // that quarter's roadmap recorded again under this one's name (a
        // `today` left pinned), which `snapshot-misdated` says.
        if let Some(v) = versions.iter().find(|v| {
            quarter(&v.name).is_some_and(|q| q.day < start.day)
                && config.today.day < start.day
                && config.today.day == v.config.today.day
        }) {
            let mend = if pinned {
                set_today.to_string()
            } else {
                format!(
                    "today is {} ({}): take {name}'s snapshot once {name} has begun",
                    config.today.iso(),
                    config.today_source
                )
            };
            return Some(format!(
                "the snapshot would be dated {}, the day of snapshot {}, before {name} began ({}): it would record the roadmap of {} again as {name}'s; {mend}",
                config.today.iso(),
                v.name,
                start.day,
                v.name
            ));
        }
    }
    // Any snapshot dated before the newest one: it records the roadmap as
    // it stands now under an earlier day, so the history reads it before a
    // quarter recorded earlier, and a slip made since is compared the wrong
    // way round (a move out read as one pulled in, with nothing to decide).
    // A day short is a time zone, and a commit's time (SOURCE_DATE_EPOCH)
    // comes before the tag made on it, as `today-before-snapshot` allows.
    let dated_back = |v: &&crate::site::Version| {
        crate::analysis::days_between(config.today.day, v.config.today.day) > 1
    };
    let v = versions
        .iter()
        .filter(|_| config.today_source != "SOURCE_DATE_EPOCH")
        .filter(dated_back)
        .max_by_key(|v| v.config.today.day)?;
    let mend = if pinned {
        format!(
            "set `today` in book.toml to the day the snapshot stands for (on or after {}), or remove it to use the real date, and commit",
            v.config.today.iso()
        )
    } else {
        ahead(v)
    };
    Some(format!(
        "the snapshot would be dated {}, before snapshot {} ({}), which was taken already: it would record the roadmap as it stands now as the roadmap of an earlier day; {mend}; to record an earlier quarter after the fact, tag the commit of its day (a lightweight `git tag TAG COMMIT` is dated by the commit)",
        config.today.iso(),
        v.name,
        v.config.today.iso(),
    ))
}

/// What keeps git from archiving the roadmap as the site shows it.
fn git_refusals(root: &Path, loaded: &Loaded) -> Vec<String> {
    let config = &loaded.config;
    if let Some(why) = git::unusable(root) {
        return vec![format!("{why}: the tag cannot be made")];
    }
    if !git::is_repo(root) {
        return vec!["this project is not in a git repository: use `roadbook snapshot NAME --dir` to archive it as a folder".into()];
    }
    let mut refused = Vec::new();
    // What the tag archives (book.toml and the content) must be committed;
    // the rest of the tree (the built site, notes) is none of its business.
    match git::dirty_paths(root, &[crate::config::FILE, &config.build.content_dir]) {
        Some(paths) if !paths.is_empty() => {
            let shown: Vec<String> = paths.iter().take(5).cloned().collect();
            refused.push(format!(
                "the roadmap has uncommitted changes ({}{}): commit them first, so the tag archives what the site shows",
                shown.join(", "),
                if paths.len() > 5 { ", ..." } else { "" }
            ));
        }
        None => refused.push("cannot read the git status".into()),
        _ => {}
    }
    // A file the build reads that git ignores (`*.csv` in .gitignore) is
    // not in the tag: the quarter would be archived without it, and a
    // clone could not build it.
    let read: Vec<String> = std::iter::once(crate::config::FILE.to_string())
        .chain(loaded.files.iter().map(|f| f.display.clone()))
        .collect();
    let ignored = git::ignored_paths(root, &[crate::config::FILE, &config.build.content_dir])
        .unwrap_or_default();
    let left_out: Vec<&String> = read.iter().filter(|p| ignored.contains(p)).collect();
    if !left_out.is_empty() {
        let shown: Vec<&str> = left_out.iter().take(5).map(|p| p.as_str()).collect();
        refused.push(format!(
            "git ignores {} the roadmap is built from ({}{}): the tag would archive the quarter without {}; unignore {} (`git check-ignore -v PATH` names the rule) and commit, then take the snapshot",
            count(left_out.len(), "file", "files"),
            shown.join(", "),
            if left_out.len() > 5 { ", ..." } else { "" },
            if left_out.len() == 1 { "it" } else { "them" },
            if left_out.len() == 1 { "it" } else { "them" },
        ));
    }
    refused
}

/// Why a name of the allowed characters still cannot name a version: too
/// long, or refused by git as part of a tag (`..`, a trailing `.lock` or
/// `.`), for a folder too, so that a version can move between the two.
fn name_trouble(name: &str) -> Option<String> {
    // Other characters are said with what to write instead.
    if !crate::base::id::of_safe_alphabet(name) {
        return None;
    }
    if let Some(why) = crate::base::id::other_trouble(name) {
        return Some(
            why.replace("an id", "a name")
                .replace("choose another id", "choose another name"),
        );
    }
    let git_refuses = name.contains("..") || name.ends_with(".lock") || name.ends_with('.');
    git_refuses.then(|| {
        "git does not allow `..` in a tag, or one ending in `.lock` or `.`: name it after its quarter, e.g. 2026-Q4".to_string()
    })
}

/// What to write instead of a `name` that cannot name a version: the tag
/// as git lists it (`roadmap/2026-Q4`) without the prefix `snapshot` adds,
/// else the name with its spaces, slashes and colons made dashes
/// (`2026 Q4`, `team/2026-Q4`), else an example.
fn name_hint(root: &Path, env: &Environment, name: &str, dir: bool) -> String {
    let prefix = crate::config::Config::load_all(root, env)
        .map(|(config, _, _)| config.snapshots.tag_prefix().to_string())
        .unwrap_or_default();
    if let Some(rest) = name.strip_prefix(prefix.as_str()) {
        if !prefix.is_empty() && crate::base::id::valid_id(rest) {
            let why = if dir {
                ""
            } else {
                " (the tag's prefix is added for you)"
            };
            return format!("; did you mean `{rest}`?{why}");
        }
    }
    let dashed: String = name
        .trim()
        .chars()
        .map(|c| if matches!(c, ' ' | '/' | ':') { '-' } else { c })
        .collect();
    if crate::base::id::valid_id(&dashed) {
        format!("; did you mean `{dashed}`?")
    } else {
        ", e.g. 2026-Q4".to_string()
    }
}

/// `today = "..."` set in the `[roadmap]` table of a book.toml text.
fn with_today(book: &str, today: &str) -> String {
    let line = format!("today = \"{today}\"");
    if let Some(i) = book.find("[roadmap]") {
        let end = book[i..]
            .find('\n')
            .map(|n| i + n + 1)
            .unwrap_or(book.len());
        format!("{}{line}\n{}", &book[..end], &book[end..])
    } else {
        format!("{}\n\n[roadmap]\n{line}\n", book.trim_end())
    }
}

/// What `diff` says with no snapshot to compare with; a folder snapshot
/// needs no git.
pub const NO_SNAPSHOT: &str = "there is no snapshot to compare with: create one with `roadbook snapshot NAME` (a git tag), or `roadbook snapshot NAME --dir` (a folder, without git)";

/// The diff between two versions by name (`current` is the working tree).
pub fn diff(loaded: &Loaded, from: Option<&str>, to: Option<&str>) -> Result<Diff, String> {
    let versions = loaded.versions();
    let names: Vec<&str> = versions
        .iter()
        .map(|v| v.name.as_str())
        .chain([history::CURRENT])
        .collect();
    // A tag may be named as git knows it (`roadmap/2026-Q3`).
    let fixed = loaded.config.snapshots.tag_prefix();
    let point = |name: &str| -> Result<Point, String> {
        let name = match name.strip_prefix(fixed) {
            Some(rest) if !fixed.is_empty() && !versions.iter().any(|v| v.name == name) => rest,
            _ => name,
        };
        let tag_name = name.replace('/', "-");
        let name = tag_name.as_str();
        if name == history::CURRENT {
            return Ok(Point {
                name: history::CURRENT,
                today: loaded.config.today.day,
                roadmap: &loaded.roadmap,
            });
        }
        versions
            .iter()
            .find(|v| v.name == name)
            .map(|v| Point {
                name: &v.name,
                today: v.config.today.day,
                roadmap: &v.roadmap,
            })
            .ok_or_else(|| format!("no version named `{name}`; there are: {}", names.join(", ")))
    };
    let tolerance = loaded.config.governance.slip_tolerance_days;
    if versions.is_empty() && from.is_none() {
        return Err(NO_SNAPSHOT.into());
    }
    // No names: the period the dashboard shows, the latest with content.
    if from.is_none() && to.is_none() {
        return loaded
            .history
            .period()
            .cloned()
            .ok_or_else(|| "nothing to compare".to_string());
    }
    let to = to.unwrap_or(history::CURRENT);
    let from = match from {
        Some(f) => f,
        None => versions
            .last()
            .map(|v| v.name.as_str())
            .ok_or(NO_SNAPSHOT)?,
    };
    let pair = [point(from)?, point(to)?];
    // `diff current` (or a version against itself): no period, nothing to
    // say but "no changes", which reads as if nothing moved since the
    // last quarter.
    if pair[0].name == pair[1].name {
        if versions.is_empty() {
            return Err(NO_SNAPSHOT.into());
        }
        let hint = match versions.last() {
            Some(v) if pair[0].name == history::CURRENT => format!(
                ": `roadbook diff {}` compares the newest snapshot with the working tree",
                v.name
            ),
            _ => ": name two different versions (`roadbook diff` alone shows the latest period)"
                .into(),
        };
        return Err(format!(
            "`{}` compared with itself has nothing to show{hint}",
            pair[0].name
        ));
    }
    // Newer first: every move read backwards, dates "moved" by minus a
    // quarter, figures "taken out", forty alarming lines from one slip
    // of the arguments (from a trial).
    let at = |name: &str| names.iter().position(|n| *n == name);
    if at(pair[0].name) > at(pair[1].name) {
        return Err(format!(
            "`{}` is newer than `{}`: a diff reads from the older version to the newer; run `roadbook diff {} {}`",
            pair[0].name, pair[1].name, pair[1].name, pair[0].name
        ));
    }
    // Two neighbours in the history: the very diff the site shows, each
    // move matched to its own decision across the whole history.
    if let Some(d) = loaded
        .history
        .diffs
        .iter()
        .find(|d| d.from == pair[0].name && d.to == pair[1].name)
    {
        return Ok(d.clone());
    }
    let h = history::analyse(&pair, tolerance, None);
    let mut d = h
        .diffs
        .into_iter()
        .next()
        .ok_or_else(|| "nothing to compare".to_string())?;
    // Further apart: what changed is read from the two alone, whether each
    // change had its decision from the steps between them.
    if let Some(steps) = history::steps(&loaded.history.diffs, pair[0].name, pair[1].name) {
        history::judge_by_steps(&mut d, &steps, tolerance);
    }
    loaded.history.mark_approved_later(&mut d);
    d.approves_earlier = loaded.history.approves_earlier(&d);
    if let (Some(a), Some(b)) = (
        loaded.outlook_of(pair[0].name),
        loaded.outlook_of(pair[1].name),
    ) {
        let renames = history::renames(pair[0].roadmap, pair[1].roadmap);
        d.forecasts = crate::forecast::moves(&a, &b, &renames);
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_goes_into_the_roadmap_table() {
        assert_eq!(
            with_today(
                "[book]\ntitle = \"T\"\n[roadmap]\nfiscal-year-start = 4\n",
                "2026-11-25"
            ),
            "[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-11-25\"\nfiscal-year-start = 4\n"
        );
        assert_eq!(
            with_today("[book]\ntitle = \"T\"\n", "2026-11-25"),
            "[book]\ntitle = \"T\"\n\n[roadmap]\ntoday = \"2026-11-25\"\n"
        );
    }

    /// Names of the allowed characters that still cannot name a version
    /// say why in their own terms, not "use letters, digits…".
    #[test]
    fn a_name_git_or_the_site_refuses_says_why() {
        for (name, why) in [
            ("x..y", "git does not allow `..`"),
            ("2026-Q4.lock", "ending in `.lock`"),
            ("2026.", "ending in `.lock` or `.`"),
            (
                "index",
                "`index` is taken by every list page: choose another name",
            ),
        ] {
            let said = super::name_trouble(name).unwrap_or_default();
            assert!(said.contains(why), "{name}: {said}");
        }
        let long = "q".repeat(300);
        assert_eq!(
            super::name_trouble(&long).as_deref(),
            Some("a name has at most 200 characters, this one 300: shorten it")
        );
        for fine in ["2026-Q4", "fy26.q1", "release_7"] {
            assert_eq!(super::name_trouble(fine), None, "{fine}");
        }
    }
}
