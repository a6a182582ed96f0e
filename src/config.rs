//! `book.toml`: every key defaulted, unknown keys an error with their line
//! (mdBook's strictness), and every problem reported in one run.

use crate::base::date::{self, Date, Edge};
use crate::base::fields::{span_of, Fields};
use crate::base::node::{self, Node};
use crate::diag::{closest, Diagnostic, Severity, Span};
use crate::lints::{self, Level};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE: &str = "book.toml";

#[derive(Debug, Clone, Serialize)]
pub struct Config {
    #[serde(skip)]
    pub root: PathBuf,
    pub book: Book,
    pub build: Build,
    pub roadmap: RoadmapSettings,
    pub governance: Governance,
    pub budget: BudgetSettings,
    pub snapshots: Snapshots,
    pub lints: BTreeMap<String, Level>,
    /// The day the roadmap is judged at, and where it came from.
    pub today: Date,
    pub today_source: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Book {
    pub title: String,
    pub organization: String,
    pub language: String,
    pub description: String,
    /// The repository's address on its git host (`repo-url`), without a
    /// trailing slash; empty when not set.
    pub repo_url: String,
    /// Where a file of the repository is shown (`repo-file-url`), `{path}`
    /// standing for its path from the project root; empty for the default
    /// derived from `repo_url`.
    pub repo_file_url: String,
}

impl Book {
    /// The git host's address of the repository file at `path` (relative to
    /// the project root): `<repo-url>/blob/HEAD/<path>`, or `raw` instead of
    /// `blob` for an image, or `repo-file-url` with `{path}` replaced.
    /// `None` without `repo-url` or `repo-file-url`.
    pub fn repo_file(&self, path: &str, image: bool) -> Option<String> {
        if !self.repo_file_url.is_empty() {
            return Some(self.repo_file_url.replace("{path}", path));
        }
        if self.repo_url.is_empty() {
            return None;
        }
        let view = if image { "raw" } else { "blob" };
        Some(format!("{}/{view}/HEAD/{path}", self.repo_url))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Build {
    pub content_dir: String,
    pub build_dir: String,
    pub theme: String,
    pub base_url: String,
    pub allow_html: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoadmapSettings {
    pub fiscal_year_start: u8,
    /// Done milestones a group (team, layer, roadmap) needs before its
    /// history forecasts anything.
    pub forecast_min_samples: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Governance {
    pub strategic_review_days: i64,
    pub operational_review_days: i64,
    pub slip_tolerance_days: i64,
    /// How often an open RAID item is reviewed when it sets no `review_by`.
    pub risk_review_days: i64,
    /// Probability × impact from which a RAID item is high exposure.
    pub risk_high_exposure: u8,
}

/// `[budget]`: the currency amounts are in, and how far spend may run
/// ahead before it is a finding.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetSettings {
    pub currency: String,
    /// Percent of the plan to date that spend may exceed (`overspend`).
    pub overspend_tolerance: f64,
    /// Percentage points by which the share of budget spent may run ahead
    /// of the share of milestones done (`burn-ahead-of-progress`).
    pub burn_tolerance: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Snapshots {
    pub tags: String,
    pub dir: String,
    /// Tags (or folder names) left out on purpose: a published tag that
    /// cannot be read is not edited, and would warn on every build.
    pub ignore: Vec<String>,
    /// Rewrites of published snapshots approved (`NAME@READING CHANGE`:
    /// the commit its tag is on now, or its content hash, at least 7 hex
    /// digits of either, `deleted` for one taken out; and the change
    /// request that approved it): in the repository, where the record of
    /// what was published (kept with the site, added to from the live one
    /// in CI) cannot be edited.
    pub approved_rewrites: Vec<String>,
}

impl Snapshots {
    /// Whether a tag (by its full name) or a folder is left out. Entries
    /// are matched whole, with `*` and `?` as in the `tags` pattern, so a
    /// team can drop a series of drafts (`roadmap/draft-*`) in one line.
    pub fn ignores(&self, name: &str) -> bool {
        self.ignore.iter().any(|pattern| wildcard(pattern, name))
    }

    /// What every tag of the `tags` pattern begins with (`roadmap/` for
    /// `roadmap/*`): taken off a tag's name to name its version, and put
    /// before a name to make its tag.
    pub fn tag_prefix(&self) -> &str {
        tag_prefix(&self.tags)
    }

    /// Whether a tag (by its full name) is one of the snapshots.
    pub fn tag_matches(&self, tag: &str) -> bool {
        wildcard(&self.tags, tag)
    }

    /// The change request `approved-rewrites` names for snapshot `name` as
    /// it reads now, one of `readings` (its commit and content hash in
    /// hex, or `deleted`): that reading alone, so a later rewrite is still
    /// said.
    pub fn rewrite_approved(&self, name: &str, readings: &[&str]) -> Option<&str> {
        self.approved_rewrites.iter().find_map(|approved| {
            let (snapshot, change) = approved.split_once(' ')?;
            let (n, reading) = snapshot.split_once('@')?;
            let matches = n == name
                && if reading == "deleted" {
                    readings.contains(&"deleted")
                } else {
                    reading.len() >= 7 && readings.iter().any(|r| r.starts_with(reading))
                };
            matches.then_some(change.trim())
        })
    }
}

/// The part of a tag pattern before its first wildcard (see
/// [`Snapshots::tag_prefix`]).
pub fn tag_prefix(pattern: &str) -> &str {
    pattern
        .find(['*', '?'])
        .map_or(pattern, |wild| &pattern[..wild])
}

/// `*` matches any run of characters (`/` included, as `git tag -l` does),
/// `?` one character; everything else itself.
fn wildcard(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    // Where the last `*` was, and how much of the text it has taken: on a
    // mismatch it takes one character more, so the walk stays linear in
    // practice instead of branching on every star.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

const TABLES: &[&str] = &[
    "book",
    "build",
    "roadmap",
    "governance",
    "budget",
    "snapshots",
    "lints",
];
/// A BCP 47 language tag in its common shape: a 2–3 letter language, then
/// subtags of 1–8 letters or digits (`en`, `en-GB`, `zh-Hant-TW`).
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

const BOOK_KEYS: &[&str] = &[
    "title",
    "organization",
    "language",
    "description",
    "repo-url",
    "repo-file-url",
];
const BUILD_KEYS: &[&str] = &[
    "content-dir",
    "build-dir",
    "theme",
    "base-url",
    "allow-html",
];
const ROADMAP_KEYS: &[&str] = &["fiscal-year-start", "forecast-min-samples", "today"];
const BUDGET_KEYS: &[&str] = &["currency", "overspend-tolerance", "burn-tolerance"];

/// The thresholds of book.toml that hide findings when raised: one raised
/// since a snapshot needs a decision naming it (a change request's
/// `settings:`), as a rule turned off does. Each with its table and what
/// raising it stops finding; [`loosenable`] gives their values.
const THRESHOLDS: [(&str, &str, &str); 8] = [
    (
        "governance",
        "slip-tolerance-days",
        "slips within it need no decision (`unacknowledged-slip`, `unacknowledged-end-move`)",
    ),
    (
        "governance",
        "risk-high-exposure",
        "RAID items below it are not high exposure on the heat map, the dashboard and the brief",
    ),
    (
        "governance",
        "strategic-review-days",
        "a strategic review overdue by the old cadence is not (`review-cadence`)",
    ),
    (
        "governance",
        "operational-review-days",
        "an operational review overdue by the old cadence is not (`review-cadence`)",
    ),
    (
        "governance",
        "risk-review-days",
        "RAID items not reviewed by the old cadence are not stale (`stale-risk`)",
    ),
    (
        "budget",
        "overspend-tolerance",
        "spend over the plan within it is no overspend (`overspend`)",
    ),
    (
        "budget",
        "burn-tolerance",
        "burn ahead of progress within it is no finding (`burn-ahead-of-progress`)",
    ),
    (
        "roadmap",
        "forecast-min-samples",
        "work whose team, layer and roadmap have fewer finished milestones gets no forecast, and its dates none that say they will not hold (`forecast-late`, the milestones at risk on the dashboard and the brief)",
    ),
];

/// Each threshold of [`THRESHOLDS`] with its value in `c`: (table, key,
/// value, what raising it stops finding).
pub fn loosenable(c: &Config) -> [(&'static str, &'static str, f64, &'static str); 8] {
    let values = [
        c.governance.slip_tolerance_days as f64,
        f64::from(c.governance.risk_high_exposure),
        c.governance.strategic_review_days as f64,
        c.governance.operational_review_days as f64,
        c.governance.risk_review_days as f64,
        c.budget.overspend_tolerance,
        c.budget.burn_tolerance,
        c.roadmap.forecast_min_samples as f64,
    ];
    std::array::from_fn(|k| {
        let (table, key, hides) = THRESHOLDS[k];
        (table, key, values[k], hides)
    })
}

/// What a change request's `settings:` can name: a threshold of
/// [`loosenable`], or a rule [`guarded`] (turned off in `[lints]`, its
/// findings go from every list of them).
pub fn setting_names() -> impl Iterator<Item = &'static str> {
    THRESHOLDS.into_iter().map(|(_, key, _)| key).chain(
        lints::ALL
            .iter()
            .filter(|r| r.tunable && guarded(r))
            .map(|r| r.name),
    )
}

/// Whether `name` can be named in `settings:`; if not, the one meant when
/// one is near. The model and `roadbook new` judge it alike.
pub fn check_setting(name: &str) -> Result<(), Option<&'static str>> {
    if setting_names().any(|n| n == name) {
        Ok(())
    } else {
        Err(crate::diag::closest(name, setting_names()))
    }
}

/// Whether turning a rule off since a snapshot needs a decision: one that
/// says what needs a decision or puts delivery at risk (its thresholds
/// are guarded; turned off, the same findings went with no word, from a
/// trial), not one of the record's hygiene.
pub fn guarded(rule: &lints::Rule) -> bool {
    matches!(
        rule.weight,
        crate::diag::Weight::Decision | crate::diag::Weight::Risk
    )
}
const GOVERNANCE_KEYS: &[&str] = &[
    "strategic-review-days",
    "operational-review-days",
    "slip-tolerance-days",
    "risk-review-days",
    "risk-high-exposure",
];
const SNAPSHOT_KEYS: &[&str] = &["tags", "dir", "ignore", "approved-rewrites"];

/// How `today` is found when `book.toml` does not set it.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub source_date_epoch: Option<String>,
    /// The book.toml is an archived version's (a tag's or a frozen
    /// folder's), read as leniently as when it was made.
    pub(crate) archived: bool,
}

impl Environment {
    /// The day it is, as a build that does not pin `today` takes it:
    /// `SOURCE_DATE_EPOCH`, else the clock (`None`: an epoch that is not
    /// one, which the config reports).
    pub fn real_today(&self) -> Option<jiff::civil::Date> {
        match &self.source_date_epoch {
            Some(epoch) => epoch
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| jiff::Timestamp::from_second(s).ok())
                .map(|ts| ts.to_zoned(jiff::tz::TimeZone::UTC).date()),
            None => Some(jiff::Zoned::now().date()),
        }
    }

    pub fn from_process() -> Self {
        Environment {
            // Set but empty is unset, as reproducible-builds tools take it
            // (`SOURCE_DATE_EPOCH=` in a CI file that sets it on some runs).
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .filter(|s| !s.trim().is_empty()),
            archived: false,
        }
    }
}

impl Config {
    /// Read `root/book.toml`.
    pub fn load(root: &Path, env: &Environment) -> Result<(Config, String), Vec<Diagnostic>> {
        let text = Config::read_file(root)?;
        let config = Config::parse(root, &text, env)?;
        Ok((config, text))
    }

    /// Like [`Config::load`], but a book.toml with mistakes in some keys
    /// still gives a config (defaults for those keys) beside its
    /// diagnostics, so the content is checked in the same run. `Err` only
    /// when the file cannot be read or is not TOML at all.
    pub fn load_all(
        root: &Path,
        env: &Environment,
    ) -> Result<(Config, String, Vec<Diagnostic>), Vec<Diagnostic>> {
        let text = Config::read_file(root)?;
        match Config::read_text(root, &text, env)? {
            (Some(config), diags) => Ok((config, text, diags)),
            (None, diags) => Err(diags),
        }
    }

    /// book.toml's text; a byte that is not UTF-8 at its line and column.
    fn read_file(root: &Path) -> Result<String, Vec<Diagnostic>> {
        let path = root.join(FILE);
        // roadbook reads nothing outside the project, book.toml included:
        // a link to elsewhere would show that file's lines in a finding.
        if let (Ok(file), Ok(project)) = (path.canonicalize(), root.canonicalize()) {
            if !file.starts_with(&project) {
                let mut d = lints::CONFIG.at(
                    FILE,
                    None,
                    "book.toml is a link to a file outside the project, and roadbook reads nothing outside the project",
                );
                d.help = Some("put the file itself in the project folder instead of a link".into());
                return Err(vec![d]);
            }
        }
        let bytes = std::fs::read(&path).map_err(|e| {
            vec![lints::CONFIG.at(FILE, None, format!("cannot read {}: {e}", path.display()))]
        })?;
        String::from_utf8(bytes).map_err(|e| {
            let bytes = e.as_bytes();
            let (line, col) = node::not_utf8_at(bytes, e.utf8_error().valid_up_to());
            let mut d = lints::CONFIG.at(
                FILE,
                Some(Span::new(line, col, 1)),
                "book.toml is not UTF-8 text: this character is in another encoding",
            );
            d.help = Some(crate::base::node::save_as_utf8_help(bytes).into());
            vec![d]
        })
    }

    /// The config `text` describes, if any, and every problem in it.
    fn read_text(
        root: &Path,
        text: &str,
        env: &Environment,
    ) -> Result<(Option<Config>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let tree = node::parse_toml(text).map_err(|e| {
            let table = e.message.starts_with("the table");
            let mut d = lints::CONFIG.at(FILE, Some(Span::new(e.line, e.col, e.len)), e.message);
            d.help = e.first_line.map(|first| {
                if table {
                    format!("it is first on line {first}: move these keys under it")
                } else {
                    format!("it is first on line {first}: keep one of the two")
                }
            });
            vec![d]
        })?;
        let mut diags = Vec::new();
        let config = read(root, &tree, env, &mut diags);
        crate::diag::sort(&mut diags);
        Ok((config, diags))
    }

    pub fn parse(root: &Path, text: &str, env: &Environment) -> Result<Config, Vec<Diagnostic>> {
        let (config, diags) = Config::read_text(root, text, env)?;
        if diags.iter().any(|d| d.severity == Severity::Error) {
            return Err(diags);
        }
        config.ok_or(diags)
    }

    /// The level a rule runs at after `[lints]`.
    pub fn level(&self, rule: &lints::Rule) -> Level {
        if !rule.tunable {
            return rule.level;
        }
        let set = self.lints.get(rule.name).copied().unwrap_or(rule.level);
        // The rule that says a rule was turned off cannot be: allowed, it
        // would hide itself with the rules it names.
        if rule.name == lints::THRESHOLD_LOOSENED.name && set == Level::Allow {
            return Level::Warn;
        }
        set
    }

    /// Apply `[lints]` to diagnostics: drop allowed ones, set severities.
    pub fn apply_levels(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter_map(|mut d| {
                let rule = lints::by_name(d.rule)?;
                match self.level(rule) {
                    Level::Allow => None,
                    Level::Warn => {
                        d.severity = Severity::Warning;
                        Some(d)
                    }
                    Level::Deny => {
                        d.severity = Severity::Error;
                        Some(d)
                    }
                }
            })
            .collect()
    }

    pub fn content_path(&self) -> PathBuf {
        self.root.join(&self.build.content_dir)
    }

    /// A path under the content folder as findings show paths: from the
    /// project root.
    pub fn in_content(&self, rel: &str) -> String {
        // As the source stage shows paths: `./content` is `content`.
        let mut dir = self.build.content_dir.trim_end_matches('/');
        while let Some(rest) = dir.strip_prefix("./") {
            dir = rest.trim_start_matches('/');
        }
        format!("{dir}/{rel}")
    }

    /// A config for tests and `init`: all defaults, `today` fixed.
    pub fn with_defaults(root: &Path, today: &str) -> Config {
        let text = format!("[book]\ntitle = \"Roadmap\"\n[roadmap]\ntoday = \"{today}\"\n");
        Config::parse(root, &text, &Environment::default()).expect("defaults are valid")
    }
}

/// Why `url` cannot be where the site is published (it must be absolute:
/// it becomes each page's canonical and Open Graph address). Empty means
/// none.
pub fn base_url_problem(url: &str) -> Option<String> {
    if url.is_empty() {
        return None;
    }
    // A scheme is written in any case (`HTTPS://`).
    let scheme_end = url.find("://").map(|i| i + 3).unwrap_or(0);
    let rest = ["https://", "http://"]
        .iter()
        .any(|scheme| url[..scheme_end].eq_ignore_ascii_case(scheme))
        .then(|| &url[scheme_end..]);
    let authority = rest.map(|r| r.split('/').next().unwrap_or(r));
    // The address bar's copy of a page (`…/roadmap/index.html`): each
    // page's address is appended to it (`…/index.html/brief.html`, the
    // link a build printed for leadership: from a trial).
    let last = rest
        .filter(|r| r.contains('/'))
        .and_then(|r| r.trim_end_matches('/').rsplit('/').next())
        .filter(|_| !url.ends_with('/'));
    let page = last.filter(|l| {
        let l = l.to_ascii_lowercase();
        [".html", ".htm", ".php", ".aspx"]
            .iter()
            .any(|x| l.ends_with(x))
    });
    match rest {
        // It is on every page: a password pasted along with it would be too.
        Some(_) if authority.is_some_and(|a| a.contains('@')) => Some(format!(
            "`{url}` carries a user name or password, which every page would show"
        )),
        Some(_) if page.is_some() => Some(format!(
            "`{url}` is the address of a page, not of the folder the site is published in: page addresses are appended to it"
        )),
        // The address as typed, with a space: it is absolute, not one.
        Some(host) if host.contains(char::is_whitespace) => Some(format!(
            "`{url}` has a space: write it as `%20`, as a browser sends it"
        )),
        Some(host)
            if !host.is_empty()
                && !host.starts_with('/')
                && !host.contains(char::is_whitespace)
                && !host.contains(['?', '#', '"', '<', '>', '\\', '`']) =>
        {
            None
        }
        // Each page's address is appended to it: `…/?q=1/initiatives/x.html`.
        Some(_) if url.contains(['?', '#']) => Some(format!(
            "`{url}` has a query or a fragment: page addresses are appended to it"
        )),
        _ => Some(format!("`{url}` is not an absolute web address")),
    }
}

pub const BASE_URL_HELP: &str =
    "write the address the site is published at, starting with https:// (e.g. `https://pmo.example.com/roadmap/`)";

fn read(
    root: &Path,
    tree: &Node,
    env: &Environment,
    diags: &mut Vec<Diagnostic>,
) -> Option<Config> {
    // An archived version's book.toml is read as it was when it was
    // tagged: a published tag is not edited, and would drop out of the
    // site over a title written `title = 2026`.
    let quoted = !env.archived; // text in quotes, as TOML writes it
    let mut top = Fields::new(FILE, tree, "book.toml", diags)?;
    let book_node = top.take("book");
    let build_node = top.take("build");
    let roadmap_node = top.take("roadmap");
    let gov_node = top.take("governance");
    let budget_node = top.take("budget");
    let snap_node = top.take("snapshots");
    let lints_node = top.take("lints");
    top.finish(TABLES, &lints::CONFIG);

    let book = read_book(book_node, quoted, diags);

    let build = read_build(build_node, quoted, diags);

    let mut roadmap = RoadmapSettings {
        fiscal_year_start: 1,
        forecast_min_samples: 8,
    };
    let mut today_node = None;
    if let Some(mut f) = roadmap_node
        .and_then(|n| Fields::new(FILE, n, "[roadmap]", diags).map(|f| f.quoted_text(quoted)))
    {
        if let Some(v) = f.integer("fiscal-year-start", 1, 12) {
            roadmap.fiscal_year_start = v as u8;
        }
        if let Some(v) = f.integer("forecast-min-samples", 1, 10_000) {
            roadmap.forecast_min_samples = v as usize;
        }
        today_node = f.take("today");
        f.finish(ROADMAP_KEYS, &lints::CONFIG);
    }
    let (today, today_source) = resolve_today(today_node, env, roadmap.fiscal_year_start, diags);

    let governance = read_governance(gov_node, quoted, diags);

    let budget = read_budget(budget_node, quoted, diags);

    let snapshots = read_snapshots(snap_node, quoted, diags);

    let levels = read_lints(lints_node, diags);

    let today = today?;
    Some(Config {
        root: root.to_path_buf(),
        book,
        build,
        roadmap,
        governance,
        budget,
        snapshots,
        lints: levels,
        today,
        today_source,
    })
}

/// `[book]`: the site's title, language and where its sources live.
fn read_book(node: Option<&Node>, quoted: bool, diags: &mut Vec<Diagnostic>) -> Book {
    let mut book = Book {
        title: "Roadmap".into(),
        organization: String::new(),
        language: "en".into(),
        description: String::new(),
        repo_url: String::new(),
        repo_file_url: String::new(),
    };
    if let Some(mut f) =
        node.and_then(|n| Fields::new(FILE, n, "[book]", diags).map(|f| f.quoted_text(quoted)))
    {
        if let Some(v) = f.string("title") {
            book.title = v;
        }
        if let Some(v) = f.string("organization") {
            book.organization = v;
        }
        if let Some(v) = f.string_spanned("language") {
            if is_language_tag(&v.text) {
                book.language = v.text;
            } else {
                // It goes into every page's `lang`: screen readers and
                // spell checkers act on it.
                let mut d = lints::CONFIG.at(
                    FILE,
                    Some(v.span),
                    format!("`{}` is not a language tag", v.text),
                );
                d.help = Some("use a BCP 47 tag such as `en`, `en-GB`, `de` or `pt-BR`".into());
                f.diags.push(d);
            }
        }
        if let Some(v) = f.string("description") {
            book.description = v;
        }
        if let Some(v) = f.string_spanned("repo-url") {
            if let Some(why) = base_url_problem(&v.text).or_else(|| {
                v.text
                    .is_empty()
                    .then(|| "`repo-url` is empty: remove the line or write the address".into())
            }) {
                let mut d = lints::CONFIG.at(FILE, Some(v.span), why);
                d.help = Some(
                    "write the repository's address on its git host, e.g. `https://github.com/acme/roadmap`".into(),
                );
                f.diags.push(d);
            } else {
                book.repo_url = v.text.trim_end_matches('/').to_string();
            }
        }
        if let Some(v) = f.string_spanned("repo-file-url") {
            let problem = base_url_problem(&v.text).or_else(|| {
                (!v.text.contains("{path}")).then(|| {
                    format!(
                        "`repo-file-url` must contain `{{path}}`, found `{}`",
                        v.text
                    )
                })
            });
            if let Some(why) = problem {
                let mut d = lints::CONFIG.at(FILE, Some(v.span), why);
                d.help = Some(
                    "e.g. `https://gitlab.example.com/acme/roadmap/-/blob/main/{path}`; `{path}` is the file's path from the project root".into(),
                );
                f.diags.push(d);
            } else {
                book.repo_file_url = v.text;
            }
        }
        f.finish(BOOK_KEYS, &lints::CONFIG);
    }
    book
}

/// `[build]`: folders, theme, address and whether raw HTML is trusted.
fn read_build(node: Option<&Node>, quoted: bool, diags: &mut Vec<Diagnostic>) -> Build {
    let mut build = Build {
        content_dir: "content".into(),
        build_dir: "site".into(),
        theme: "default".into(),
        base_url: String::new(),
        allow_html: false,
    };
    if let Some(mut f) =
        node.and_then(|n| Fields::new(FILE, n, "[build]", diags).map(|f| f.quoted_text(quoted)))
    {
        if let Some(v) = f.string_spanned("content-dir") {
            let is_root = Path::new(&v.text)
                .components()
                .all(|c| c == std::path::Component::CurDir);
            if is_root && inside_root(&v.text) {
                // The project itself: its snapshots, site and notes would be
                // read as the roadmap.
                let mut d = lints::CONFIG.at(
                    FILE,
                    Some(v.span),
                    format!(
                        "`content-dir` must be a folder inside the project, not the project itself (`{}`)",
                        v.text
                    ),
                );
                d.help =
                    Some("keep the documents in a folder of their own, e.g. \"content\"".into());
                f.diags.push(d);
            } else if inside_root(&v.text) {
                build.content_dir = v.text;
            } else {
                let mut d = lints::CONFIG.at(
                    FILE,
                    Some(v.span),
                    format!(
                        "`content-dir` must be a folder inside the project, found `{}`",
                        v.text
                    ),
                );
                d.help = Some("use a relative path without `..`, e.g. \"content\"".into());
                f.diags.push(d);
            }
        }
        if let Some(v) = f.string("build-dir") {
            build.build_dir = v;
        }
        if let Some(v) = f.string_spanned("theme") {
            if crate::base::id::valid_id(&v.text) {
                build.theme = v.text;
            } else {
                let mut d = lints::CONFIG.at(
                    FILE,
                    Some(v.span),
                    format!(
                        "`theme` must be the name of a folder under themes/, found `{}`",
                        v.text
                    ),
                );
                d.help = Some(
                    "themes live in themes/<name>/ inside the project; write just the name".into(),
                );
                f.diags.push(d);
            }
        }
        if let Some(v) = f.string_spanned("base-url") {
            if let Some(why) = base_url_problem(&v.text) {
                let mut d = lints::CONFIG.at(FILE, Some(v.span), why);
                d.help = Some(BASE_URL_HELP.into());
                f.diags.push(d);
            } else {
                build.base_url = v.text;
            }
        }
        if let Some(v) = f.boolean("allow-html") {
            build.allow_html = v;
        }
        f.finish(BUILD_KEYS, &lints::CONFIG);
    }
    if build.build_dir.trim().is_empty() || build.build_dir.trim() == "." {
        diags.push(lints::CONFIG.at(
            FILE,
            None,
            "`build-dir` cannot be the project root".to_string(),
        ));
    }
    build
}

/// `[governance]`: review cadences, the slip tolerance and the RAID log's
/// review interval and exposure threshold.
fn read_governance(node: Option<&Node>, quoted: bool, diags: &mut Vec<Diagnostic>) -> Governance {
    let mut governance = Governance {
        strategic_review_days: 92,
        operational_review_days: 31,
        slip_tolerance_days: 0,
        risk_review_days: 31,
        risk_high_exposure: 15,
    };
    if let Some(mut f) = node
        .and_then(|n| Fields::new(FILE, n, "[governance]", diags).map(|f| f.quoted_text(quoted)))
    {
        if let Some(v) = f.integer("strategic-review-days", 1, 3650) {
            governance.strategic_review_days = v;
        }
        if let Some(v) = f.integer("operational-review-days", 1, 3650) {
            governance.operational_review_days = v;
        }
        if let Some(v) = f.integer("slip-tolerance-days", 0, 3650) {
            governance.slip_tolerance_days = v;
        }
        if let Some(v) = f.integer("risk-review-days", 1, 3650) {
            governance.risk_review_days = v;
        }
        if let Some(v) = f.integer("risk-high-exposure", 1, 25) {
            governance.risk_high_exposure = v as u8;
        }
        f.finish(GOVERNANCE_KEYS, &lints::CONFIG);
    }
    governance
}

/// `[budget]`: currency and tolerances.
fn read_budget(node: Option<&Node>, quoted: bool, diags: &mut Vec<Diagnostic>) -> BudgetSettings {
    let mut budget = BudgetSettings {
        currency: "EUR".into(),
        overspend_tolerance: 10.0,
        burn_tolerance: 20.0,
    };
    if let Some(mut f) =
        node.and_then(|n| Fields::new(FILE, n, "[budget]", diags).map(|f| f.quoted_text(quoted)))
    {
        if let Some(v) = f.string_spanned("currency") {
            let code = v.text.trim();
            if code.is_empty() || code.chars().count() > 8 {
                let mut d = lints::CONFIG.at(
                    FILE,
                    Some(v.span),
                    format!("`{code}` is not a currency code"),
                );
                d.help = Some(
                    "write a code or symbol of up to 8 characters: `EUR`, `USD`, `CHF`, `£`".into(),
                );
                f.diags.push(d);
            } else {
                budget.currency = code.to_string();
            }
        }
        for (key, slot) in [
            ("overspend-tolerance", &mut budget.overspend_tolerance),
            ("burn-tolerance", &mut budget.burn_tolerance),
        ] {
            if let Some(v) = tolerance(&mut f, key) {
                *slot = v;
            }
        }
        f.finish(BUDGET_KEYS, &lints::CONFIG);
    }
    budget
}

/// A tolerance in percent, 0 to 1000 (`7.5` is 7.5 %). A share under one
/// (`0.1`) is read as the fraction it was meant as and refused with the
/// percentage to write: taken as 0.1 %, every euro over plan would be an
/// overspend.
fn tolerance(f: &mut Fields, key: &str) -> Option<f64> {
    let node = f.take(key)?;
    let percent = |v: f64| crate::words::exact((v * 1000.0).round() / 10.0);
    match node.as_f64() {
        Some(v) if v > 0.0 && v < 1.0 => {
            f.report(
                &lints::INVALID_FIELD,
                node,
                format!(
                    "`{key}` is a percentage; `{}` would be {} %",
                    crate::words::exact(v),
                    crate::words::exact(v)
                ),
                Some(format!(
                    "write `{key} = {}` for {} %",
                    percent(v),
                    percent(v)
                )),
            );
            None
        }
        Some(v) if (0.0..=1000.0).contains(&v) => Some(v),
        Some(v) => {
            f.report(
                &lints::INVALID_FIELD,
                node,
                format!(
                    "`{key}` must be between 0 and 1000 (percent), found {}",
                    crate::words::exact(v)
                ),
                None,
            );
            None
        }
        None => {
            // `"10%"`: the number it says.
            let said = node
                .scalar_text()
                .and_then(|t| t.trim().strip_suffix('%').map(|n| n.trim().to_string()))
                .filter(|n| n.parse::<f64>().is_ok())
                .unwrap_or_else(|| "10".to_string());
            f.report(
                &lints::INVALID_FIELD,
                node,
                format!(
                    "`{key}` must be a number (a percentage), found {}",
                    node.kind_name()
                ),
                Some(format!("write `{key} = {said}` for {said} %")),
            );
            None
        }
    }
}

/// `[snapshots]`: which git tags and which folder hold the archived versions.
fn read_snapshots(node: Option<&Node>, quoted: bool, diags: &mut Vec<Diagnostic>) -> Snapshots {
    let mut snapshots = Snapshots {
        tags: "roadmap/*".into(),
        dir: "snapshots".into(),
        ignore: Vec::new(),
        approved_rewrites: Vec::new(),
    };
    if let Some(mut f) =
        node.and_then(|n| Fields::new(FILE, n, "[snapshots]", diags).map(|f| f.quoted_text(quoted)))
    {
        if let Some(v) = f.string_spanned("tags") {
            // An archived version's pattern reads nothing: the working
            // tree's does.
            match tags_problem(&v.text).filter(|_| quoted) {
                None => snapshots.tags = v.text,
                Some(why) => {
                    let mut d = lints::CONFIG.at(FILE, Some(v.span), why);
                    d.help = Some(
                        "write the tags' common start and `*`, e.g. `roadmap/*` for `roadmap/2026-Q3`"
                            .into(),
                    );
                    f.diags.push(d);
                }
            }
        }
        snapshots.ignore = f
            .string_list("ignore")
            .into_iter()
            .map(|s| s.text)
            .collect();
        for v in f.string_list("approved-rewrites") {
            let mut words = v.text.split_whitespace();
            let reading = words.next().and_then(|s| s.split_once('@')).map(|(_, r)| r);
            let change = words.next();
            let fine = words.next().is_none()
                && change.is_some()
                && reading.is_some_and(|r| {
                    r == "deleted" || (r.len() >= 7 && r.chars().all(|c| c.is_ascii_hexdigit()))
                });
            if fine {
                // One space between the two, whatever was written.
                snapshots
                    .approved_rewrites
                    .push(v.text.split_whitespace().collect::<Vec<_>>().join(" "));
            } else {
                let mut d = lints::CONFIG.at(
                    FILE,
                    Some(v.span),
                    format!(
                        "`approved-rewrites` names a snapshot, how it reads now and the change request that approved it, found `{}`",
                        v.text
                    ),
                );
                d.help = Some("write `NAME@COMMIT CHANGE`, as the `snapshot-rewritten` finding gives it: at least 7 hex digits of the commit its tag is on now (or of the content the finding names, or `deleted`), then the id of the approved change request".into());
                f.diags.push(d);
            }
        }
        if let Some(v) = f.string_spanned("dir") {
            if inside_root(&v.text) {
                snapshots.dir = v.text;
            } else {
                let msg = format!(
                    "`dir` must be a folder inside the project, found `{}`",
                    v.text
                );
                f.diags.push(lints::CONFIG.at(FILE, Some(v.span), msg));
            }
        }
        f.finish(SNAPSHOT_KEYS, &lints::CONFIG);
    }
    snapshots
}

/// Why `tags` is no pattern roadbook can use, if it is not: git would take
/// `[`…`]` as a set of characters (and an unclosed `[` as matching
/// nothing, silently), but a version's name is the tag's name after the
/// text before the first `*`, so only `*` and `?` are wildcards here; the
/// rest are characters no tag name holds.
fn tags_problem(pattern: &str) -> Option<String> {
    if pattern.trim().is_empty() {
        return Some("`tags` is empty: no tag would be read".into());
    }
    if let Some(c) = pattern.chars().find(|c| {
        matches!(c, '[' | ']' | '\\' | '~' | '^' | ':') || c.is_whitespace() || c.is_control()
    }) {
        return Some(format!(
            "`tags` may hold only `*` and `?` as wildcards; `{}` is neither, nor a character of a tag name",
            c.escape_debug()
        ));
    }
    if pattern.contains("..") || pattern.starts_with('/') || pattern.ends_with('/') {
        return Some(format!("`{pattern}` can match no tag name"));
    }
    // Tags are named without the ref's folder: `git tag` lists
    // `roadmap/2026-Q3`, and a snapshot would be tagged
    // `refs/tags/refs/tags/…`.
    if let Some(rest) = pattern.strip_prefix("refs/tags/") {
        return Some(format!(
            "`tags` names tags as `git tag` lists them, without `refs/tags/`: write `{rest}`"
        ));
    }
    None
}

/// `[lints]`: a level per rule name; unknown names and fixed rules are errors.
fn read_lints(node: Option<&Node>, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, Level> {
    let mut levels = BTreeMap::new();
    if let Some(entries) = node.and_then(|n| {
        let e = n.entries();
        if e.is_none() {
            diags.push(lints::CONFIG.at(
                FILE,
                Some(span_of(n)),
                "[lints] must be a table".to_string(),
            ));
        }
        e
    }) {
        for (k, v) in entries {
            let name = k.scalar_text().unwrap_or_default();
            let Some(rule) = lints::by_name(&name) else {
                let mut d =
                    lints::CONFIG.at(FILE, Some(span_of(k)), format!("unknown lint `{name}`"));
                // A rule is set by its name; its code (`RB0233`) is what a
                // finding shows first.
                let by_code = lints::ALL
                    .iter()
                    .find(|r| r.code.eq_ignore_ascii_case(&name))
                    .map(|r| {
                        format!(
                            "`{name}` is the code of `{}`: set the rule by its name",
                            r.name
                        )
                    });
                // A setting of another table written below `[lints]`: TOML
                // puts every key after a header in that table (from a
                // trial: `today` appended at the end of book.toml).
                let table_of = [
                    ("book", BOOK_KEYS),
                    ("build", BUILD_KEYS),
                    ("roadmap", ROADMAP_KEYS),
                    ("budget", BUDGET_KEYS),
                    ("governance", GOVERNANCE_KEYS),
                    ("snapshots", SNAPSHOT_KEYS),
                ]
                .into_iter()
                .find(|(_, keys)| keys.contains(&name.as_str()))
                .map(|(table, _)| {
                    format!("`{name}` is a setting of `[{table}]`: move the line under that header (every line after `[lints]` belongs to it)")
                });
                d.help = by_code.or(table_of).or_else(|| {
                    closest(&name, lints::ALL.iter().map(|r| r.name))
                        .map(|c| format!("did you mean `{c}`?"))
                });
                diags.push(d);
                continue;
            };
            let Some(level) = v.as_str().and_then(Level::parse) else {
                let mut d = lints::CONFIG.at(
                    FILE,
                    Some(span_of(v)),
                    format!("invalid level for `{name}`"),
                );
                d.help = Some("use \"allow\", \"warn\" or \"deny\"".into());
                diags.push(d);
                continue;
            };
            if !rule.tunable {
                let msg = format!("`{name}` is always an error and cannot be tuned");
                diags.push(lints::CONFIG.at(FILE, Some(span_of(k)), msg));
                continue;
            }
            levels.insert(name, level);
        }
    }
    levels
}

/// A relative path that cannot leave the project root.
fn inside_root(path: &str) -> bool {
    let p = Path::new(path);
    !path.trim().is_empty()
        && p.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
}

fn resolve_today(
    node: Option<&Node>,
    env: &Environment,
    fiscal_start: u8,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Date>, &'static str) {
    if let Some(node) = node {
        let text = node.scalar_text().unwrap_or_default();
        return match date::parse(&text, Edge::Start, fiscal_start) {
            Ok(d) if d.precision == date::Precision::Day => (Some(d), "book.toml"),
            other => {
                let message = match other {
                    Err(e) => format!("`today`: {e}"),
                    Ok(_) => format!("`today` must be a full date (YYYY-MM-DD), found `{text}`"),
                };
                let mut d = lints::CONFIG.at(FILE, Some(span_of(node)), message);
                d.help = Some("for example today = \"2026-11-25\"".into());
                diags.push(d);
                (None, "book.toml")
            }
        };
    }
    let source = if env.source_date_epoch.is_some() {
        "SOURCE_DATE_EPOCH"
    } else {
        "the clock"
    };
    match env.real_today() {
        Some(day) => (Some(Date::from_day(day)), source),
        None => {
            let epoch = env.source_date_epoch.as_deref().unwrap_or_default();
            let message = if epoch.trim().parse::<i64>().is_ok() {
                format!("SOURCE_DATE_EPOCH `{epoch}` is beyond the dates roadbook takes (up to the end of 9999)")
            } else {
                format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds")
            };
            diags.push(lints::CONFIG.at("", None, message));
            (None, source)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for ok in ["en", "en-GB", "de", "pt-BR", "zh-Hant-TW", "gsw"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "english", "en_GB", "e", "en-", "\"><script>", "en GB"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn a_base_url_is_an_absolute_web_address_without_credentials() {
        for good in [
            "https://pmo.example.com/roadmap/",
            "http://intranet/roadmap",
            "HTTPS://pmo.example.com/",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("pmo.example/roadmap", "is not an absolute web address"),
            ("https://", "is not an absolute web address"),
            ("ftp://x.example/", "is not an absolute web address"),
            ("https://x.example/\"><b>", "is not an absolute web address"),
            (
                "https://me:secret@x.example/",
                "carries a user name or password",
            ),
            ("https://x.example/?q=1", "has a query or a fragment"),
            (
                "https://x.example/roadmap/index.html",
                "is the address of a page",
            ),
            ("https://x.example/road map/", "has a space"),
        ] {
            let problem = base_url_problem(bad).unwrap_or_default();
            assert!(problem.contains(why), "{bad}: {problem}");
        }
    }

    #[test]
    fn a_tag_prefix_ends_at_the_first_wildcard() {
        for (pattern, prefix) in [
            ("roadmap/*", "roadmap/"),
            ("v*", "v"),
            ("q?-*", "q"),
            ("roadmap/2026-Q*", "roadmap/2026-Q"),
            ("*", ""),
            ("release", "release"),
        ] {
            assert_eq!(tag_prefix(pattern), prefix, "{pattern}");
        }
    }

    #[test]
    fn a_tags_pattern_holds_only_star_and_question_mark() {
        for good in ["roadmap/*", "v*", "q?-*", "roadmap/2026-Q*"] {
            assert_eq!(tags_problem(good), None, "{good}");
        }
        for bad in [
            "[", "v[0-9]*", "", " ", "a b*", "a..b*", "/x*", "x/", "x:*", "x\\*",
        ] {
            assert!(tags_problem(bad).is_some(), "{bad:?}");
        }
        assert_eq!(
            tags_problem("refs/tags/roadmap/*").as_deref(),
            Some("`tags` names tags as `git tag` lists them, without `refs/tags/`: write `roadmap/*`")
        );
        let errs = parse("[book]\ntitle = \"T\"\n[snapshots]\ntags = \"[\"\n").unwrap_err();
        assert_eq!(errs[0].span.map(|s| s.line), Some(4), "{errs:?}");
        assert!(errs[0].message.contains("`[` is neither"), "{errs:?}");
    }

    #[test]
    fn ignore_entries_match_whole_names_with_wildcards() {
        for (pattern, name) in [
            ("roadmap/broken", "roadmap/broken"),
            ("roadmap/draft-*", "roadmap/draft-2026-Q1"),
            ("roadmap/draft-*", "roadmap/draft-"),
            ("*", "anything/at/all"),
            ("roadmap/2026-Q?", "roadmap/2026-Q3"),
            ("*-Q*-old", "roadmap/2026-Q1-old"),
            ("é*", "été"),
        ] {
            assert!(wildcard(pattern, name), "{pattern} {name}");
        }
        for (pattern, name) in [
            ("2026-Q4", "roadmap/2026-Q4"),
            ("roadmap/draft-*", "roadmap/2026-Q1"),
            ("roadmap/2026-Q?", "roadmap/2026-Q10"),
            ("*-old", "roadmap/2026-Q1-older"),
            ("", "x"),
        ] {
            assert!(!wildcard(pattern, name), "{pattern} {name}");
        }
        // Many stars against a long near-miss stays quick and says no.
        assert!(!wildcard(&"*a".repeat(40), &"a".repeat(39)));
    }

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(Path::new("/x"), text, &Environment::default())
    }

    #[test]
    fn only_a_title_builds_with_defaults() {
        let c = parse("[book]\ntitle = \"T\"\n").unwrap();
        assert_eq!(c.build.build_dir, "site");
        assert_eq!(c.governance.strategic_review_days, 92);
        assert_eq!(c.roadmap.fiscal_year_start, 1);
        assert_eq!(c.roadmap.forecast_min_samples, 8);
        assert_eq!(c.today_source, "the clock");
        let c = parse("[roadmap]\nforecast-min-samples = 3\n").unwrap();
        assert_eq!(c.roadmap.forecast_min_samples, 3);
        assert!(parse("[roadmap]\nforecast-min-samples = 0\n").is_err());
    }

    #[test]
    fn every_typo_is_reported_with_its_line() {
        let errs = parse(
            "[book]\ntitel = \"T\"\n[build]\nbuild_dir = \"x\"\n[lints]\nuntraced = \"warn\"\n",
        )
        .unwrap_err();
        let lines: Vec<_> = errs.iter().map(|d| d.span.unwrap().line).collect();
        assert_eq!(lines, vec![2, 4, 6]);
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(errs[1].help.as_deref(), Some("did you mean `build-dir`?"));
        assert_eq!(
            errs[2].help.as_deref(),
            Some("did you mean `untraced-initiative`?")
        );
        // A rule's code, as findings show it: its name is what is set.
        let errs = parse("[book]\ntitle = \"T\"\n[lints]\nRB0233 = \"allow\"\n").unwrap_err();
        assert_eq!(
            errs[0].help.as_deref(),
            Some("`RB0233` is the code of `burn-ahead-of-progress`: set the rule by its name")
        );
        // Another table's setting appended below `[lints]` (from a trial:
        // "did you mean `today-before-snapshot`?").
        let errs =
            parse("[book]\ntitle = \"T\"\n[lints]\nuntraced-initiative = \"warn\"\ntoday = \"2027-06-30\"\n")
                .unwrap_err();
        assert_eq!(
            errs[0].help.as_deref(),
            Some("`today` is a setting of `[roadmap]`: move the line under that header (every line after `[lints]` belongs to it)")
        );
    }

    #[test]
    fn today_prefers_book_toml_then_source_date_epoch() {
        let env = Environment {
            source_date_epoch: Some("1767225600".into()),
            archived: false,
        };
        let c = Config::parse(Path::new("/x"), "[book]\ntitle=\"T\"\n", &env).unwrap();
        assert_eq!(c.today.iso(), "2026-01-01");
        assert_eq!(c.today_source, "SOURCE_DATE_EPOCH");
        let c =
            Config::parse(Path::new("/x"), "[roadmap]\ntoday = \"2026-11-25\"\n", &env).unwrap();
        assert_eq!(c.today.iso(), "2026-11-25");
        // A number of seconds beyond the dates taken is said so, not
        // "not a number".
        for (epoch, said) in [
            ("253402387200", "is beyond the dates roadbook takes"),
            ("soon", "is not a number of seconds"),
        ] {
            let env = Environment {
                source_date_epoch: Some(epoch.into()),
                archived: false,
            };
            let errs = Config::parse(Path::new("/x"), "[book]\ntitle=\"T\"\n", &env).unwrap_err();
            assert!(
                errs[0].message.contains(said),
                "{epoch}: {}",
                errs[0].message
            );
        }
    }

    /// The "written in quotes" hint is for text only: a number or a yes
    /// written in quotes is not text missing its quotes.
    #[test]
    fn only_text_is_told_to_be_quoted() {
        let errs = parse("[book]\ntitle = 2026\n").unwrap_err();
        assert_eq!(
            errs[0].help.as_deref(),
            Some("TOML text is written in quotes: `title = \"2026\"`")
        );
        // A list of text too.
        let errs = parse("[book]\ntitle = \"T\"\n[snapshots]\nignore = [2026]\n").unwrap_err();
        assert!(
            errs[0].help.as_deref().unwrap_or("").contains("in quotes"),
            "{errs:?}"
        );
        let errs = parse("[book]\ntitle = \"T\"\n[build]\nallow-html = \"yes\"\n[budget]\noverspend-tolerance = true\n")
            .unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        for e in &errs {
            assert!(
                !e.help.as_deref().unwrap_or("").contains("in quotes"),
                "{e:?}"
            );
        }
    }

    /// A tolerance written as a share is refused with the percentage to
    /// write; one with decimals is taken.
    #[test]
    fn a_tolerance_is_a_percentage() {
        let errs =
            parse("[book]\ntitle = \"T\"\n[budget]\noverspend-tolerance = 0.1\n").unwrap_err();
        assert_eq!(
            errs[0].message,
            "`overspend-tolerance` is a percentage; `0.1` would be 0.1 %"
        );
        assert_eq!(
            errs[0].help.as_deref(),
            Some("write `overspend-tolerance = 10` for 10 %")
        );
        let errs =
            parse("[book]\ntitle = \"T\"\n[budget]\nburn-tolerance = \"15%\"\n").unwrap_err();
        assert_eq!(
            errs[0].help.as_deref(),
            Some("write `burn-tolerance = 15` for 15 %")
        );
        let c = parse("[book]\ntitle = \"T\"\n[budget]\noverspend-tolerance = 7.5\n").unwrap();
        assert_eq!(c.budget.overspend_tolerance, 7.5);
    }

    #[test]
    fn lint_levels_apply() {
        let c = parse("[lints]\nuntraced-initiative = \"deny\"\n").unwrap();
        assert_eq!(c.level(&lints::UNTRACED_INITIATIVE), Level::Deny);
        assert!(parse("[lints]\nduplicate-id = \"allow\"\n").is_err());
    }
}
