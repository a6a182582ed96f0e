//! `roadbook init`: a small but complete roadmap that builds with zero
//! findings. Dates are written relative to the day it is run (`{Q+1}`,
//! `{D-10}`, `{M-3}` in the embedded files), so a fresh scaffold never starts
//! with overdue milestones or a lapsed review cadence.

use crate::base::date::{iso, Quarter};
use jiff::civil::Date as Day;
use jiff::ToSpan;
use std::path::Path;

macro_rules! scaffold_files {
    ($($path:literal),* $(,)?) => {
        const FILES: &[(&str, &str)] = &[ $( ($path, include_str!(concat!("scaffold/", $path))) ),* ];
    };
}

scaffold_files![
    "book.toml",
    "content/charter.md",
    "content/outcomes/faster-order-to-cash.md",
    "content/outcomes/fewer-outages.md",
    "content/initiatives/erp-upgrade.md",
    "content/initiatives/network-refresh.md",
    "content/kpis/order-cycle-time.md",
    "content/kpis/major-incidents.md",
    "content/teams/erp.md",
    "content/teams/infrastructure.md",
    "content/capabilities/integration.md",
    "content/changes/erp-scope.md",
    "content/reviews/strategic-review.md",
    "content/reviews/operational-review.md",
    "content/risks/cutover-window.md",
];

/// What `init` did: files written, and files that were there already and
/// were left as they are.
#[derive(Debug, Default)]
pub struct Scaffolded {
    pub written: usize,
    pub kept: Vec<String>,
}

/// Keeps the build output out of git: `roadbook snapshot` tags what is
/// committed, and a built site does not belong there; nor do the folders
/// beside it a build works in, or a previous site it could not remove
/// (`.site.roadbook-old-1`), which `git add -A` would commit.
const GITIGNORE: &str =
    "# Built by `roadbook build`, and its work in progress beside it\n/site/\n/.site.roadbook-*/\n";

/// Write the scaffold into `dir`. Refuses a folder that has files unless
/// `force`, and even then never overwrites a file: those already there are
/// kept and listed.
pub fn scaffold(dir: &Path, force: bool, today: Day) -> Result<Scaffolded, String> {
    if dir.exists() {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        // A repository just made with `git init` (the docs' first step) is
        // as empty as a roadmap folder gets: its `.git` is no file of ours
        // to overwrite.
        let mut theirs = entries.flatten().filter(|e| e.file_name() != ".git");
        if theirs.next().is_some() && !force {
            // A roadmap there already is the likelier mistake than a stray
            // file (from a trial: "is not empty" of a project).
            let what = if dir.join(crate::config::FILE).is_file() {
                "holds a roadmap already (its book.toml)"
            } else {
                "is not empty"
            };
            return Err(format!(
                "{} {what}; use --force to add the example's files beside yours (none of yours is overwritten)",
                dir.display()
            ));
        }
    }
    let mut done = Scaffolded::default();
    let files = FILES
        .iter()
        .map(|(path, text)| (*path, expand(text, today)))
        .chain([(".gitignore", GITIGNORE.to_string())]);
    for (path, text) in files {
        if write_new(&dir.join(path), &text)? {
            done.written += 1;
        } else {
            done.kept.push(path.to_string());
        }
    }
    Ok(done)
}

/// The built-in theme written out under `dir/themes/default/` to be
/// changed (`init --theme`): every template, the stylesheet, the script and
/// the archetypes `new` writes from. A file already there is kept. Built
/// from a crates.io install, the theme was nowhere on disk to copy (from a
/// trial: the docs said "copy it from this repository").
pub fn theme(dir: &Path) -> Result<Scaffolded, String> {
    let mut done = Scaffolded::default();
    let theme = dir.join("themes").join("default");
    let files = crate::source::theme::DEFAULT
        .iter()
        .chain(crate::source::theme::ARCHETYPES);
    for (path, text) in files {
        if write_new(&theme.join(path), text)? {
            done.written += 1;
        } else {
            done.kept.push(format!("themes/default/{path}"));
        }
    }
    Ok(done)
}

/// The hosts `init --ci` writes a publishing pipeline for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    Github,
    Gitlab,
}

impl Ci {
    /// Where the pipeline goes, and what it says.
    pub fn file(self) -> (&'static str, &'static str) {
        match self {
            Ci::Github => (
                ".github/workflows/roadbook.yml",
                include_str!("scaffold/ci/github.yml"),
            ),
            Ci::Gitlab => (".gitlab-ci.yml", include_str!("scaffold/ci/gitlab.yml")),
        }
    }
}

/// `[snapshots] tags` as a GitHub filter pattern, where `?` means "the
/// character before, or not": our `?` (any one character) becomes `*`,
/// which matches it and more (the build picks its own tags), and the
/// characters GitHub reads as operators are escaped. (`[` is refused in
/// `[snapshots] tags`.) Written in single quotes in the workflow, where a
/// backslash is itself and a quote is doubled.
fn github_filter(glob: &str) -> String {
    glob.chars()
        .flat_map(|c| match c {
            '?' => vec!['*'],
            '+' | '!' | '\\' => vec!['\\', c],
            '\'' => vec!['\'', '\''],
            c => vec![c],
        })
        .collect()
}

/// `[snapshots] tags` as the start of a regular expression (GitLab's
/// `=~ /^…/`): `*` any text, `?` any one character, everything else as
/// itself; a final `*` adds nothing to a match of the start.
fn gitlab_regex(glob: &str) -> String {
    glob.trim_end_matches('*')
        .chars()
        .flat_map(|c| match c {
            '*' => vec!['.', '*'],
            '?' => vec!['.'],
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') => vec![c],
            c => vec!['\\', c],
        })
        .collect()
}

/// Write the publishing pipeline for `ci` into the project `dir`; an
/// existing file is never replaced. Returns the path written and when the
/// pipeline runs.
pub fn pipeline(dir: &Path, ci: Ci) -> Result<(&'static str, String), String> {
    let (path, text) = ci.file();
    // The binary cache is keyed by, and the install pinned to, the version
    // that wrote the pipeline: an upgrade is a change of both.
    let text = text.replace("ROADBOOK_VERSION", env!("CARGO_PKG_VERSION"));
    // The project's own snapshot tags, and (GitHub has no "default branch"
    // trigger) the branch it is on.
    // Read as the build reads it: a mistake elsewhere in book.toml does
    // not change which tags are snapshots; one the file cannot be read
    // past is said, not replaced by the default pattern.
    let tags = if dir.join(crate::config::FILE).is_file() {
        let env = crate::config::Environment::default();
        match crate::config::Config::load_all(dir, &env) {
            Ok((config, _, _)) => config.snapshots.tags,
            Err(found) => {
                let said: Vec<String> = found.iter().map(|d| d.render()).collect();
                return Err(format!(
                    "book.toml cannot be read, so the pipeline would not know which tags are snapshots:\n{}",
                    said.join("\n")
                ));
            }
        }
    } else {
        "roadmap/*".into()
    };
    let branch = crate::source::git::current_branch(dir).unwrap_or_else(|| "main".into());
    let text = text
        .replace("TAG_PATTERN", &github_filter(&tags))
        .replace("TAG_PREFIX_REGEX", &gitlab_regex(&tags))
        .replace("PUBLISH_BRANCH", &branch);
    let when = match ci {
        Ci::Github => format!("on every push to `{branch}` and every tag matching `{tags}`"),
        Ci::Gitlab => {
            format!("on every push to the default branch and every tag matching `{tags}`")
        }
    };
    if write_new(&dir.join(path), &text)? {
        Ok((path, when))
    } else {
        Err(format!(
            "{path} already exists and is left as it is; remove it to have roadbook write its own"
        ))
    }
}

/// Write `text` to a new file at `target` (its folders made as needed);
/// `false` when a file (or a link) is there already, which is never
/// replaced.
fn write_new(target: &Path, text: &str) -> Result<bool, String> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
    {
        Ok(mut f) => {
            use std::io::Write;
            f.write_all(text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(format!("cannot write {}: {e}", target.display())),
    }
}

/// Replace `{Q±n}` (fiscal quarter, fiscal year starting in January),
/// `{M±n}` (month) and `{D±n}` (day) with dates relative to `today`.
pub fn expand(text: &str, today: Day) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let token = after.find('}').map(|end| &after[..end]);
        match token.and_then(|t| expand_token(t, today)) {
            Some(value) => {
                out.push_str(&value);
                rest = &after[token.map(str::len).unwrap_or(0) + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn expand_token(token: &str, today: Day) -> Option<String> {
    let unit = token.chars().next()?;
    let n: i32 = token.get(1..)?.replace('+', "").parse().ok()?;
    match unit {
        'D' => Some(iso(today.checked_add(n.days()).ok()?)),
        'M' => {
            let d = today.first_of_month().checked_add(n.months()).ok()?;
            Some(format!("{:04}-{:02}", d.year(), d.month()))
        }
        'Q' => {
            let mut q = Quarter::of(today, 1);
            let steps = n.rem_euclid(4) + 4 * n.div_euclid(4);
            let years = steps.div_euclid(4);
            q.year += years as i16;
            for _ in 0..steps.rem_euclid(4) {
                q = q.next();
            }
            Some(q.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Each host's pattern matches the tags roadbook reads: GitHub's `?`
    /// is not "any one character", GitLab's is a regular expression.
    #[test]
    fn tag_patterns_as_each_host_writes_them() {
        assert_eq!(github_filter("roadmap/*"), "roadmap/*");
        assert_eq!(github_filter("q?-*"), "q*-*");
        assert_eq!(github_filter("v+*"), "v\\+*");
        assert_eq!(github_filter("it's/*"), "it''s/*");
        // Valid YAML, read back as the filter GitHub gets.
        let (_, text) = Ci::Github.file();
        let text = text.replace("TAG_PATTERN", &github_filter("it's+v/*"));
        let flow: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(flow["on"]["push"]["tags"][0].as_str(), Some("it's\\+v/*"));
        assert_eq!(gitlab_regex("roadmap/*"), "roadmap\\/");
        assert_eq!(gitlab_regex("plan.v/*"), "plan\\.v\\/");
        assert_eq!(gitlab_regex("q?-*"), "q.-");
        assert_eq!(gitlab_regex("r*/q?"), "r.*\\/q.");
    }

    #[test]
    fn tokens_expand_relative_to_today() {
        let today = date(2026, 11, 25);
        assert_eq!(
            expand("{Q+1} {Q-2} {Q+0} {Q+4}", today),
            "2027-Q1 2026-Q2 2026-Q4 2027-Q4"
        );
        assert_eq!(expand("{M-11} {M-0}", today), "2025-12 2026-11");
        assert_eq!(expand("{D-10}", today), "2026-11-15");
        assert_eq!(
            expand("targets: { {Q-2}: 38 }", today),
            "targets: { 2026-Q2: 38 }"
        );
    }
}
