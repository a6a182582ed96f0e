//! The orchestrator: runs the stages in order for one build and times them.
//! It holds no logic of its own beyond sequencing.

use crate::analysis::{self, Facts};
use crate::check;
use crate::config::{Config, Environment};
use crate::diag::{self, Diagnostic, Severity};
use crate::model::{build, Roadmap};
use crate::output::{self, WriteStats};
use crate::render::{self, BuildInfo, Renderer, SiteFiles};
use crate::source::{self, SourceFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A loaded and checked roadmap: everything up to rendering.
pub struct Loaded {
    pub config: Config,
    pub files: Vec<SourceFile>,
    pub roadmap: Roadmap,
    pub facts: Facts,
    /// Every finding, `[lints]` applied, sorted, with source lines attached.
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// The error-level findings, for a command that refuses on them.
    pub fn error_list(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// The nearest folder at or above `start` holding `book.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|p| p.join(crate::config::FILE).is_file())
        .map(Path::to_path_buf)
}

/// Config, sources, model, analysis and checks. `Err` only when the config
/// or the content folder cannot be read at all.
pub fn load(root: &Path, env: &Environment) -> Result<Loaded, Vec<Diagnostic>> {
    let mut timings = Vec::new();
    let t = Instant::now();
    // A mistake in book.toml does not hide the content's own problems.
    let (config, config_text, config_diags) = Config::load_all(root, env).map_err(|mut d| {
        let text = std::fs::read_to_string(root.join(crate::config::FILE)).ok();
        diag::attach_source_lines(&mut d, |_| text.clone());
        d
    })?;
    timings.push(("config", t.elapsed()));

    let t = Instant::now();
    let (files, unreadable) = source::read_tree(root, &config.build.content_dir)?;
    timings.push(("source", t.elapsed()));

    let t = Instant::now();
    let (roadmap, mut diags) = build::build(&files, &config);
    diags.extend(unreadable);
    diags.extend(config_diags);
    timings.push(("parse + model", t.elapsed()));

    let t = Instant::now();
    let facts = analysis::analyse(&roadmap, &config);
    timings.push(("analysis", t.elapsed()));

    let t = Instant::now();
    diags.extend(check::run(&roadmap, &facts, &config));
    let mut diagnostics = config.apply_levels(diags);
    diag::sort(&mut diagnostics);
    let by_path: HashMap<&str, &SourceFile> =
        files.iter().map(|f| (f.display.as_str(), f)).collect();
    diag::attach_source_lines(&mut diagnostics, |path| {
        if path == crate::config::FILE {
            return Some(config_text.clone());
        }
        by_path
            .get(path)
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
    });
    timings.push(("check", t.elapsed()));
    Ok(Loaded {
        config,
        files,
        roadmap,
        facts,
        diagnostics,
        timings,
    })
}

pub struct Built {
    pub pages: usize,
    pub stats: WriteStats,
    pub dest: PathBuf,
}

fn build_info(findings: &[Diagnostic], files: usize) -> BuildInfo {
    let mut info = BuildInfo {
        findings: findings.to_vec(),
        files,
        errors: findings.iter().filter(|d| d.is_error()).count(),
        warnings: findings.iter().filter(|d| !d.is_error()).count(),
        ..Default::default()
    };
    for d in findings {
        *info.findings_by_rule.entry(d.rule.to_string()).or_default() += 1;
    }
    info
}

/// The entries of the version switcher: the working tree, then the
/// snapshots newest first.
pub fn version_entries(loaded: &Loaded, versions: &[Version]) -> Vec<render::VersionEntry> {
    let mut all: Vec<render::VersionEntry> = Vec::new();
    if !versions.is_empty() {
        all.push(render::VersionEntry {
            name: crate::history::CURRENT.into(),
            prefix: String::new(),
            today: loaded.config.today.iso(),
            pages: render::page_paths(&loaded.roadmap),
        });
        for v in versions.iter().rev() {
            all.push(render::VersionEntry {
                name: v.name.clone(),
                prefix: format!("v/{}/", v.name),
                today: v.config.today.iso(),
                pages: render::page_paths(&v.roadmap),
            });
        }
    }
    all
}

/// The archived versions' pages, under `v/<name>/`, in parallel.
pub fn render_archived(renderer: &Renderer, versions: &[&Version]) -> Result<SiteFiles, String> {
    let parts = std::sync::Mutex::new(SiteFiles::new());
    render_archived_each(renderer, versions, |_, files| {
        if let Ok(mut p) = parts.lock() {
            p.extend(files);
        }
        Ok(())
    })?;
    parts.into_inner().map_err(|e| e.to_string())
}

/// Render each archived version in parallel and hand its files to `sink`
/// as soon as they are ready, so they need not all be in memory at once.
fn render_archived_each(
    renderer: &Renderer,
    versions: &[&Version],
    sink: impl Fn(&Version, SiteFiles) -> Result<(), String> + Sync,
) -> Result<(), String> {
    use rayon::prelude::*;
    versions.par_iter().try_for_each(|v| {
        let ctx = render::VersionCtx::archived(&v.name);
        let info = build_info(v.findings(), v.files);
        let files = render::render_site(
            renderer,
            &v.roadmap,
            v.facts(),
            &v.config,
            &info,
            &ctx,
            None,
        )?;
        sink(v, files)
    })
}

/// The working tree's pages, the site root's exports and static files.
pub fn render_current(
    renderer: &Renderer,
    loaded: &Loaded,
    history: &crate::history::History,
    all: &[render::VersionEntry],
) -> Result<SiteFiles, String> {
    let current = render::VersionCtx {
        name: crate::history::CURRENT.into(),
        prefix: String::new(),
        all: all.to_vec(),
    };
    let info = build_info(&loaded.diagnostics, loaded.files.len());
    render::render_site(
        renderer,
        &loaded.roadmap,
        &loaded.facts,
        &loaded.config,
        &info,
        &current,
        Some(history),
    )
}

/// Render the working tree and every archived version into site files (no
/// disk writes). Versions render in parallel, each under `v/<name>/`.
pub fn render(
    loaded: &mut Loaded,
    versions: &[Version],
    history: &crate::history::History,
) -> Result<SiteFiles, String> {
    let t = Instant::now();
    let renderer = Renderer::new(&loaded.config)?;
    let all = version_entries(loaded, versions);
    let (main, archived) = rayon::join(
        || render_current(&renderer, loaded, history, &all),
        || render_archived(&renderer, &versions.iter().collect::<Vec<_>>()),
    );
    let mut files = main?;
    files.extend(archived?);
    loaded.timings.push(("render", t.elapsed()));
    Ok(files)
}

/// Render and write the site to `dest`.
pub fn build_site(
    loaded: &mut Loaded,
    versions: &[Version],
    history: &crate::history::History,
    dest: &Path,
) -> Result<Built, String> {
    let t = Instant::now();
    let renderer = Renderer::new(&loaded.config)?;
    let all = version_entries(loaded, versions);
    // An archived version whose inputs are those of the previous build is
    // carried over from it instead of rendered again.
    let stamps: Vec<(String, String)> = versions
        .iter()
        .map(|v| (v.name.clone(), version_stamp(v, &renderer, &loaded.config)))
        .collect();
    let (keep, redo): (Vec<&Version>, Vec<&Version>) = versions.iter().partition(|v| {
        let stamp = &stamps
            .iter()
            .find(|(n, _)| *n == v.name)
            .map(|(_, s)| s.clone())
            .unwrap_or_default();
        std::fs::read_to_string(dest.join("v").join(&v.name).join(VERSION_STAMP))
            .is_ok_and(|old| old == *stamp)
    });
    // Each version's files are written as soon as it is rendered, then
    // dropped: with many snapshots of a large roadmap, holding every
    // version's pages until the end took gigabytes.
    let writer = output::SiteWriter::begin(dest).map_err(|e| e.to_string())?;
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let write = |files: &SiteFiles| {
        let html = files.keys().filter(|k| k.ends_with(".html")).count();
        pages.fetch_add(html, std::sync::atomic::Ordering::Relaxed);
        writer.write(files).map_err(|e| e.to_string())
    };
    let (main, archived) = rayon::join(
        || render_current(&renderer, loaded, history, &all).and_then(|files| write(&files)),
        || {
            render_archived_each(&renderer, &redo, |v, mut files| {
                if let Some((_, stamp)) = stamps.iter().find(|(n, _)| *n == v.name) {
                    files.insert(
                        format!("v/{}/{VERSION_STAMP}", v.name),
                        stamp.clone().into_bytes(),
                    );
                }
                write(&files)
            })
        },
    );
    main?;
    archived?;
    loaded.timings.push(("render + write", t.elapsed()));
    let t = Instant::now();
    for v in &keep {
        writer
            .keep(&format!("v/{}", v.name))
            .map_err(|e| e.to_string())?;
    }
    let pages = pages.into_inner()
        + keep
            .iter()
            .map(|v| render::page_paths(&v.roadmap).len())
            .sum::<usize>();
    let stats = writer.commit().map_err(|e| e.to_string())?;
    loaded.timings.push(("output", t.elapsed()));
    Ok(Built {
        pages,
        stats,
        dest: dest.to_path_buf(),
    })
}

/// Marks an archived version's folder with the hash of its inputs.
const VERSION_STAMP: &str = ".roadbook-version";

/// Which code renders the pages: a hash of the sources roadbook was compiled
/// from (see `build.rs`), so a changed renderer never reuses pages an older
/// one wrote, even when the package version did not move.
const BUILD_ID: &str = env!("ROADBOOK_BUILD_ID");

pub fn version_stamp(v: &Version, renderer: &Renderer, current: &Config) -> String {
    stamp(BUILD_ID, v.source_hash, renderer.theme_hash(), current)
}

fn stamp(build_id: &str, source_hash: u64, theme_hash: u64, current: &Config) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    build_id.hash(&mut h);
    source_hash.hash(&mut h);
    theme_hash.hash(&mut h);
    current.build.base_url.hash(&mut h);
    format!("{:?}", current.lints).hash(&mut h);
    format!("{:016x}\n", h.finish())
}

/// An archived roadmap, run through the same pipeline as the working tree.
pub struct Version {
    pub name: String,
    pub origin: crate::source::Origin,
    pub config: Config,
    pub roadmap: Roadmap,
    /// What reading the version found (warnings only: a version with
    /// errors is left out).
    parse_findings: Vec<Diagnostic>,
    /// Facts and check findings, computed only when the version is
    /// rendered: an unchanged version carried over from the previous site
    /// needs only its roadmap (for the history).
    derived: std::sync::OnceLock<(Facts, Vec<Diagnostic>)>,
    /// Number of source files.
    pub files: usize,
    /// Hash of everything the snapshot was read from.
    pub source_hash: u64,
}

impl Version {
    fn derived(&self) -> &(Facts, Vec<Diagnostic>) {
        self.derived.get_or_init(|| {
            let facts = analysis::analyse(&self.roadmap, &self.config);
            let mut findings = self.parse_findings.clone();
            findings.extend(check::run(&self.roadmap, &facts, &self.config));
            let mut findings = self.config.apply_levels(findings);
            diag::sort(&mut findings);
            (facts, findings)
        })
    }

    pub fn facts(&self) -> &Facts {
        &self.derived().0
    }

    /// The version's own check findings, for its findings page.
    pub fn findings(&self) -> &[Diagnostic] {
        &self.derived().1
    }
}

/// Every snapshot (frozen folders and git tags), loaded in parallel and
/// ordered by their `today`, then name. Problems are warnings: a broken
/// snapshot is left out and the rest of the site builds.
pub fn load_versions(current: &Config) -> (Vec<Version>, Vec<Diagnostic>) {
    use crate::lints;
    use crate::source::{self, git, Archived};
    use rayon::prelude::*;
    let root = &current.root;
    let no_env = Environment::default();
    let (mut archived, unreadable): (Vec<Archived>, _) =
        source::frozen(root, &current.snapshots.dir);
    // A snapshot's problems never stop the build of the working tree.
    let mut diags: Vec<Diagnostic> = unreadable
        .into_iter()
        .map(|d| {
            let mut w = lints::SNAPSHOT.at(&d.path, d.span, d.message);
            w.help = d.help;
            w
        })
        .collect();
    let content_dir_of = |text: &str| {
        Config::parse(root, text, &no_env)
            .map(|c| c.build.content_dir)
            .unwrap_or_else(|_| "content".into())
    };
    // History kept in frozen folders needs no tags (the bundled example).
    let frozen = archived.len();
    match source::tagged(root, &current.snapshots.tags, content_dir_of) {
        Ok(tags) => archived.extend(tags),
        Err(e) => diags.push(lints::SNAPSHOT.at(
            crate::config::FILE,
            None,
            format!("cannot read git tags: {e}"),
        )),
    }
    if git::is_repo(root) {
        if git::is_shallow(root) {
            let mut d = lints::MISSING_HISTORY.at(
                "",
                None,
                "this is a shallow clone: archived versions from git tags may be missing"
                    .to_string(),
            );
            d.help = Some(
                "fetch the history with `git fetch --unshallow --tags` (in CI: `fetch-depth: 0`)"
                    .into(),
            );
            diags.push(d);
        } else if frozen == 0 && !git::has_any_tag(root) && git::has_remote(root) {
            let mut d = lints::MISSING_HISTORY.at(crate::config::FILE, None, "the repository has no tags: if this clone skipped them, archived versions are missing".to_string());
            d.help = Some("fetch them with `git fetch --tags`".into());
            diags.push(d);
        }
    }
    let mut seen = std::collections::HashSet::new();
    archived.retain(|a| {
        let ok = crate::model::build::valid_id(&a.name) && seen.insert(a.name.to_lowercase());
        if !ok {
            diags.push(lints::SNAPSHOT.at(
                crate::config::FILE,
                None,
                format!(
                    "{} is left out: its name `{}` is not usable in a path or is taken",
                    a.origin.label(),
                    a.name
                ),
            ));
        }
        ok
    });
    // A file several versions share is parsed once.
    let cache = build::ParseCache::default();
    let results: Vec<Result<Version, Vec<Diagnostic>>> = archived
        .par_iter()
        .map(|a| load_version(a, current, &cache))
        .collect();
    let mut versions = Vec::new();
    for r in results {
        match r {
            Ok(v) => versions.push(v),
            Err(d) => diags.extend(d),
        }
    }
    versions.sort_by(|a, b| (a.config.today.day, &a.name).cmp(&(b.config.today.day, &b.name)));
    (versions, diags)
}

fn load_version(
    a: &crate::source::Archived,
    current: &Config,
    cache: &build::ParseCache,
) -> Result<Version, Vec<Diagnostic>> {
    use crate::lints;
    let label = a.origin.label();
    let wrap = |d: Diagnostic| {
        let mut w = lints::SNAPSHOT.at(&d.path, d.span, format!("in {label}: {}", d.message));
        w.help = d
            .help
            .or_else(|| Some("this version is left out of the site".into()));
        w.source_line = d.source_line;
        w
    };
    let Some(text) = &a.config_text else {
        return Err(vec![lints::SNAPSHOT.at(
            &a.display_prefix,
            None,
            format!("{label} has no book.toml; it is left out"),
        )]);
    };
    let env = Environment::default();
    let mut config = Config::parse(&current.root, text, &env).map_err(|d| {
        d.into_iter()
            .map(|mut d| {
                d.path = format!("{}{}", a.display_prefix, d.path);
                wrap(d)
            })
            .collect::<Vec<_>>()
    })?;
    if config.today_source != "book.toml" {
        // No `today` in the snapshot: a tag's date, else the working tree's.
        let hint = a
            .date_hint
            .as_deref()
            .and_then(|h| crate::parse::date::parse(h, crate::parse::date::Edge::Start, 1).ok());
        config.today = hint.unwrap_or_else(|| current.today.clone());
        config.today_source = if a.date_hint.is_some() {
            "the tag's date"
        } else {
            "the working tree"
        };
    }
    // Archived versions render with the current theme and settings of the site.
    config.build.theme = current.build.theme.clone();
    config.build.base_url = current.build.base_url.clone();
    config.lints = current.lints.clone();
    let files = crate::source::content_of(a, &config.build.content_dir);
    let (roadmap, diags) = build::build_with(&files, &config, Some(cache));
    let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).cloned().collect();
    if !errors.is_empty() {
        let by_path: HashMap<&str, &SourceFile> =
            files.iter().map(|f| (f.display.as_str(), f)).collect();
        let mut errors = errors;
        diag::attach_source_lines(&mut errors, |p| {
            by_path
                .get(p)
                .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        });
        return Err(errors.into_iter().map(wrap).collect());
    }
    let source_hash = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        a.config_text.hash(&mut h);
        a.files.hash(&mut h);
        a.date_hint.hash(&mut h);
        h.finish()
    };
    Ok(Version {
        name: a.name.clone(),
        origin: a.origin.clone(),
        files: files.len(),
        config,
        roadmap,
        parse_findings: diags,
        derived: std::sync::OnceLock::new(),
        source_hash,
    })
}

/// History over the snapshots (oldest first) and the working tree; what it
/// says about unapproved slips goes into the working tree's facts.
pub fn history(loaded: &mut Loaded, versions: &[Version]) -> crate::history::History {
    let mut points: Vec<crate::history::Point> = versions
        .iter()
        .map(|v| crate::history::Point {
            name: &v.name,
            today: v.config.today.day,
            roadmap: &v.roadmap,
        })
        .collect();
    points.push(crate::history::Point {
        name: crate::history::CURRENT,
        today: loaded.config.today.day,
        roadmap: &loaded.roadmap,
    });
    let history = crate::history::analyse(&points, loaded.config.governance.slip_tolerance_days);
    let unapproved: Vec<(String, i64)> = history
        .unapproved_slips()
        .iter()
        .map(|s| (s.gid.clone(), s.days))
        .collect();
    loaded
        .facts
        .apply_unapproved_slips(&loaded.roadmap, &unapproved);
    history
}

/// Snapshots, history and the findings they add, for `check` and `build`.
pub fn with_history(
    loaded: &mut Loaded,
    no_snapshots: bool,
) -> (Vec<Version>, crate::history::History, Vec<Diagnostic>) {
    if no_snapshots {
        return (Vec::new(), crate::history::History::default(), Vec::new());
    }
    let t = Instant::now();
    let (versions, mut diags) = load_versions(&loaded.config);
    let history = history(loaded, &versions);
    if !versions.is_empty() {
        let mut found = check::history(&loaded.roadmap, &history);
        let by_path: HashMap<&str, &SourceFile> = loaded
            .files
            .iter()
            .map(|f| (f.display.as_str(), f))
            .collect();
        diag::attach_source_lines(&mut found, |p| {
            by_path
                .get(p)
                .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        });
        diags.extend(found);
    }
    let mut diags = loaded.config.apply_levels(diags);
    diag::sort(&mut diags);
    // History findings belong to the working tree: its findings page and
    // counts include them.
    loaded.diagnostics.extend(diags.iter().cloned());
    diag::sort(&mut loaded.diagnostics);
    loaded.timings.push(("snapshots + history", t.elapsed()));
    (versions, history, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archived_pages_are_reused_only_by_the_code_that_rendered_them() {
        let config = Config::with_defaults(Path::new("."), "2026-11-25");
        let by = |build: &str| stamp(build, 7, 9, &config);
        assert_eq!(by(BUILD_ID), by(BUILD_ID));
        assert_ne!(by(BUILD_ID), by("another build"));
        // The id names the sources, not the package version.
        assert_eq!(BUILD_ID.len(), 16);
        assert!(BUILD_ID.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(BUILD_ID, env!("CARGO_PKG_VERSION"));
        // Anything else that shapes the pages still counts.
        assert_ne!(by(BUILD_ID), stamp(BUILD_ID, 8, 9, &config));
        assert_ne!(by(BUILD_ID), stamp(BUILD_ID, 7, 10, &config));
    }
}
