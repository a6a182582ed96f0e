//! The build sequence, once: config → sources → parse → model → snapshots
//! → analysis/check beside history/forecasts → render → output, each stage
//! timed. Every command that needs the roadmap (`build`, `check`, `serve`,
//! `snapshot`, `diff`) goes through [`Site`], so they cannot disagree about
//! what the roadmap says or which findings it has.

mod published;
mod versions;

pub(crate) use published::RECORD;
pub use versions::{version_stamp, Snapshots, Version};

use crate::analysis::{self, Facts};
use crate::check;
use crate::config::{Config, Environment};
use crate::diag::{self, Diagnostic, Severity};
use crate::forecast::Forecasts;
use crate::history::History;
use crate::model::{build, Roadmap};
use crate::output::{self, WriteStats};
use crate::render::{self, BuildInfo, Renderer, SiteFiles};
use crate::source::{self, SourceFile};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use versions::VERSION_STAMP;

/// What a command asks of the build beyond the project's own settings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `[build] base-url` (already checked by the caller).
    pub base_url: Option<String>,
    /// Build only the working tree, without snapshots or history.
    pub no_snapshots: bool,
    /// Keep the snapshots read between builds
    /// while nothing they are read from changes: what `serve` needs.
    pub reuse_snapshots: bool,
    /// Keep the archived versions' models and the outlooks of their
    /// forecasts after the load, for comparing any two of them
    /// (`roadbook diff`). Otherwise they are let go as soon as the history
    /// and the forecasts are made.
    pub keep_version_models: bool,
    /// Keep the working tree's file contents through the load: `roadbook
    /// snapshot --dir` copies them. Otherwise, when snapshots are read,
    /// they are let go before (see [`Loaded::release_sources_early`]).
    pub keep_sources: bool,
    /// The build folder given on the command line (`-d`), whose record of
    /// what it published the snapshots are held to; else `[build]
    /// build-dir`.
    pub dest_dir: Option<PathBuf>,
}

/// A project and how to build it: the one place the stages run in order.
/// It outlives one build, so `serve` can hold it and ask for the next one.
pub struct Site {
    root: PathBuf,
    env: Environment,
    options: Options,
    /// Tells the caller which stage is running (a progress line).
    progress: Box<dyn Fn(&str) + Send>,
    /// With `reuse_snapshots`: the snapshots last read, and the state of
    /// the files they were read from.
    snapshots: Option<(source::Fingerprint, Arc<Snapshots>)>,
    /// Set by [`Site::only_content_changed`] for the next build.
    only_content_changed: bool,
    /// Whether the last build got as far as the snapshots.
    snapshots_read_last: bool,
    /// With `reuse_snapshots`: the working tree's documents as the last
    /// build read them, so a rebuild parses only the files that changed.
    tree_cache: Option<build::ParseCache>,
    /// With `reuse_snapshots`: the working tree's files as the last build
    /// read them, so a rebuild reads only the files that changed.
    kept_files: Option<source::KeptFiles>,
}

/// A loaded and checked roadmap with its history: everything up to
/// rendering.
pub struct Loaded {
    pub config: Config,
    pub files: Vec<SourceFile>,
    /// Each file's length and hash (as `files`), once their contents are
    /// let go before the snapshots are read: a finding's source line is
    /// then read again from disk, and shown only if the file still holds
    /// what was read. `None` for a file whose contents are kept.
    file_checks: Vec<Option<build::Check>>,
    pub roadmap: Roadmap,
    pub facts: Facts,
    /// Every finding (snapshots and history included), `[lints]` applied,
    /// sorted, with source lines attached. Empty once [`Site::write`] has
    /// written the working tree: report them before.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings below error level left out of `diagnostics` because
    /// book.toml does not read: judged with its defaults (the real clock
    /// for `today`, no `[lints]`), they were not the roadmap's (see
    /// [`Loaded::judged_without_config`]).
    pub set_aside: usize,
    /// Whether reading book.toml found errors.
    config_broken: bool,
    pub timings: Vec<Stage>,
    pub snapshots: Arc<Snapshots>,
    pub history: History,
    /// Every open milestone's forecast from the delivery history.
    pub forecasts: Forecasts,
    /// The build folder, when it holds no record of the archived versions
    /// as a site there first published them (`.roadbook-published`) while
    /// there are some: none is held to what was published (a fresh folder,
    /// or a CI cache dropped), which `check` and `build` say.
    pub unrecorded: Option<PathBuf>,
    /// Each archived version that stands rewritten since the site in the
    /// build folder first published it, or is judged against a quarter
    /// before it that does (or is gone, or was put in since), with what
    /// changed in words for its pages: they would read as the quarter
    /// sent, and say it is not.
    pub rewritten: BTreeMap<String, String>,
    /// Changes to published quarters approved in book.toml, in words for
    /// the versions page.
    pub approved_rewrites: Vec<String>,
    /// Quarters the site published that are gone from the history.
    pub gone: Vec<crate::render::GoneVersion>,
    /// Every version's pages, for the version switcher: made while the
    /// archived versions' models are there.
    entries: Arc<[render::VersionEntry]>,
    /// The theme's templates, parsed as the roadmap was read (so that
    /// `check` reports a template that does not parse); taken by the
    /// render. `None` when one did not parse: that is an error finding.
    renderer: Option<Renderer>,
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

    /// The archived versions, oldest first.
    pub fn versions(&self) -> &[Version] {
        &self.snapshots.versions
    }

    /// What the forecasts of a version (or of the working tree, `current`)
    /// said of its open milestones.
    pub fn outlook_of(&self, name: &str) -> Option<crate::forecast::Outlook> {
        if name == crate::history::CURRENT {
            return Some(self.forecasts.outlook());
        }
        let k = self.versions().iter().position(|v| v.name == name)?;
        self.snapshots.outlooks().get(k).cloned()
    }

    /// With book.toml in error, the roadmap was read with its defaults in
    /// place of what does not read: a `todya` typo judged every date by
    /// the real clock, and 45 warnings of slips, approvals "of nothing"
    /// and work done in the future stood beside the one error that mattered
    /// (from a trial). The errors stay, the content's with them (a mistake
    /// in book.toml hides none of its own); the rest is left out, counted.
    fn judged_without_config(&mut self) {
        if self.config_broken {
            let before = self.diagnostics.len();
            self.diagnostics.retain(Diagnostic::is_error);
            self.set_aside = before - self.diagnostics.len();
        }
    }

    /// A change request that named an item in a snapshot that had it, the
    /// working tree no longer having it, is the record of a decision, not
    /// a mistake: its `unknown-reference` error goes (it stopped the build
    /// over history nobody touched, and its "did you mean" pointed the
    /// approval at another milestone: from a trial). The removal is judged
    /// as such (`unacknowledged-scope-change`, `removed-initiative`). A
    /// request that names it only since is still an error, told that the
    /// item was removed rather than offered another one; so is an id a
    /// snapshot had as a kind `affects` does not take (from a review).
    fn forgive_decided_on_removed(&mut self) {
        use crate::model::Kind;
        let versions = self.snapshots.versions.as_slice();
        let affectable = |r: &Roadmap, id: &str| {
            r.milestone(id).is_some()
                || r.item_ref(id)
                    .is_some_and(|x| crate::model::CHANGE_AFFECTS.contains(&x.kind))
        };
        // The request is known by the working tree's file the finding is
        // in: its file's name is its id only without an `id:` of its own.
        // A snapshot may have known it by the other (an `id:` written or
        // taken out since).
        fn request<'a>(changes: &'a [crate::model::Change], d: &'a Diagnostic) -> Vec<&'a str> {
            let id = changes
                .iter()
                .find(|c| c.meta.path == d.path)
                .map(|c| c.meta.id.as_str());
            let stem = Path::new(&d.path).file_stem().and_then(|s| s.to_str());
            let mut ids: Vec<&str> = id.into_iter().chain(stem).collect();
            ids.dedup();
            ids
        }
        let changes = self.roadmap.changes.as_slice();
        fn marked(d: &Diagnostic) -> Option<&str> {
            (d.code == crate::lints::UNKNOWN_REFERENCE.code)
                .then_some(d.milestone.as_deref())
                .flatten()
        }
        let on_record = |d: &Diagnostic| {
            let Some(id) = marked(d) else {
                return false;
            };
            let req = request(changes, d);
            versions.iter().any(|v| {
                affectable(&v.roadmap, id)
                    && req.iter().any(|req| {
                        v.roadmap
                            .change(req)
                            .is_some_and(|c| c.affects.iter().any(|a| a == id))
                    })
            })
        };
        if !self.diagnostics.iter().any(|d| marked(d).is_some()) {
            return;
        }
        self.diagnostics.retain(|d| !on_record(d));
        for d in &mut self.diagnostics {
            let Some(id) = marked(d) else {
                continue;
            };
            let Some(last) = versions.iter().rev().find(|v| affectable(&v.roadmap, id)) else {
                continue;
            };
            // Its initiative, where the roadmap still has it (renamed, it
            // would lead into the same error: from a trial).
            let initiative = id
                .split_once('/')
                .map(|(i, _)| i)
                .filter(|i| self.roadmap.initiative(i).is_some());
            d.help = Some(match initiative {
                Some(i) => format!(
                    "`{id}` was removed after snapshot {}: a request written since names what the roadmap has, such as its initiative `{i}`",
                    last.name
                ),
                None => format!(
                    "`{id}` was removed after snapshot {}: a request written since names what the roadmap has",
                    last.name
                ),
            });
        }
        // No request names an unknown id any more: the requests are read
        // whole (any of theirs still wrong, of any kind, keeps them not).
        let changes = self.config.in_content("changes/");
        let still = self.diagnostics.iter().any(|d| {
            d.code == crate::lints::UNKNOWN_REFERENCE.code && d.path.starts_with(&changes)
        });
        if !still {
            self.roadmap.unlinked.retain(|k| *k != Kind::Change);
        }
    }

    /// Let go of what the findings were made from before rendering
    /// starts: the working tree's file contents (findings carry their
    /// source lines already). The archived versions' lean models are gone
    /// by then (see [`Options::keep_version_models`]): rendering reads each
    /// version whole again.
    fn release_sources(&mut self) {
        let empty = Arc::new(Vec::new());
        for f in &mut self.files {
            f.bytes = Arc::clone(&empty);
        }
    }

    /// Let go of the working tree's file contents before the snapshots are
    /// read, keeping what tells whether a file still holds what was read:
    /// the model holds its own copies, and only the findings' source lines
    /// read them again (every file with findings, from disk, at the end of
    /// the load). At 10,000 initiatives with 8 snapshots they were 27 MB
    /// held through the snapshots and the history, beside each snapshot's
    /// own. A file whose name is not UTF-8 is shown by another name than
    /// its own, which would not read it again: it keeps its contents.
    fn release_sources_early(&mut self) {
        use rayon::prelude::*;
        let empty = Arc::new(Vec::new());
        self.file_checks = self
            .files
            .par_iter_mut()
            .map(|f| {
                if f.display.contains(char::REPLACEMENT_CHARACTER) {
                    return None;
                }
                let check = build::check_of(&f.bytes);
                f.bytes = Arc::clone(&empty);
                Some(check)
            })
            .collect();
    }

    /// Let go of the working tree's model, facts, history, forecasts and
    /// findings once its pages are written, before the archived versions
    /// render: what is left is the config and the timings. A command
    /// reports the findings before it writes (at 10,000 initiatives with 8
    /// snapshots, 44,000 of them with their source lines).
    fn release_current_model(&mut self) {
        self.diagnostics = Vec::new();
        self.roadmap = Roadmap::default();
        self.facts = Facts::default();
        self.history = History::default();
        self.forecasts = Forecasts::default();
        self.files = Vec::new();
        self.entries = Arc::new([]);
    }

    fn timed<T>(&mut self, stage: &'static str, run: impl FnOnce(&mut Self) -> T) -> T {
        let t = Instant::now();
        let out = run(self);
        self.timings.push(Stage::new(stage, t.elapsed()));
        out
    }
}

/// Each stage's wall time, its share of the whole and the peak memory by
/// its end, so the stage to work on is the first thing one sees.
pub fn print_timings(timings: &[Stage]) {
    let total: f64 = timings.iter().map(|s| s.elapsed.as_secs_f64()).sum();
    say!(
        "  {:<20} {:>12} {:>7} {:>14}",
        "stage",
        "wall",
        "share",
        "peak RSS"
    );
    for s in timings {
        let secs = s.elapsed.as_secs_f64();
        let share = if total > 0.0 {
            secs / total * 100.0
        } else {
            0.0
        };
        let peak = s
            .peak_rss
            .map(|b| format!("{:.0} MiB", b as f64 / (1024.0 * 1024.0)))
            .unwrap_or_default();
        say!(
            "  {:<20} {:>9.1} ms {share:>5.1} % {peak:>14}",
            s.name,
            secs * 1000.0
        );
    }
    say!("  {:<20} {:>9.1} ms", "total", total * 1000.0);
}

/// One stage of a build: how long it took and how high the process's
/// memory had risen by its end (`--timings`), so the stage that raises the
/// peak is seen as plainly as the one that takes the time.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub elapsed: Duration,
    /// Peak resident memory so far, in bytes, where the system says it.
    pub peak_rss: Option<u64>,
}

impl Stage {
    pub fn new(name: &'static str, elapsed: Duration) -> Stage {
        Stage {
            name,
            elapsed,
            peak_rss: peak_rss(),
        }
    }
}

/// The process's peak resident set (`VmHWM`), on Linux.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Where a build writes, resolved and made safe to write to.
pub struct Destination {
    pub path: PathBuf,
    /// Whether a previous site is there: what a failure leaves behind.
    pub had_site: bool,
}

impl Destination {
    /// What a failed build leaves, said as it is, not as a reassurance
    /// about a site that was never there.
    pub fn kept(&self) -> &'static str {
        if self.had_site {
            "the previous site is untouched"
        } else {
            "nothing was written"
        }
    }
}

pub struct Built {
    pub pages: usize,
    pub stats: WriteStats,
    pub dest: PathBuf,
}

/// The nearest folder at or above `start` holding `book.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|p| p.join(crate::config::FILE).is_file())
        .map(Path::to_path_buf)
}

impl Site {
    pub fn new(root: &Path, env: Environment, options: Options) -> Site {
        Site {
            root: root.to_path_buf(),
            env,
            progress: Box::new(|_| {}),
            snapshots: None,
            only_content_changed: false,
            snapshots_read_last: false,
            tree_cache: options.reuse_snapshots.then(build::ParseCache::whole),
            kept_files: options.reuse_snapshots.then(source::KeptFiles::default),
            options,
        }
    }

    /// Since the last build, only files of the content folder changed (as
    /// the system reported them to `serve`): the snapshots kept need not be
    /// looked at again for the next one, if the last build read them.
    pub fn only_content_changed(&mut self) {
        self.only_content_changed = true;
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Call `progress` with the name of each stage as it starts.
    pub fn on_stage(&mut self, progress: impl Fn(&str) + Send + 'static) {
        self.progress = Box::new(progress);
    }

    /// Drop everything kept between builds (after a build went wrong).
    pub fn forget(&mut self) {
        self.snapshots = None;
        self.only_content_changed = false;
        if self.tree_cache.is_some() {
            self.tree_cache = Some(build::ParseCache::whole());
        }
        if self.kept_files.is_some() {
            self.kept_files = Some(source::KeptFiles::default());
        }
    }

    /// Every stage up to rendering: the working tree read and modelled,
    /// the snapshots read, then the working tree analysed and checked
    /// while its history and forecasts are made, and the findings those
    /// add. `Err` only when the config or the content folder cannot be read
    /// at all.
    pub fn load(&mut self) -> Result<Loaded, Vec<Diagnostic>> {
        (self.progress)("reading the roadmap");
        // Taken first: a build that stops early must not leave it set for
        // one after another kind of change.
        let kept_hold = std::mem::take(&mut self.only_content_changed)
            && std::mem::take(&mut self.snapshots_read_last);
        // The working tree's documents, for snapshots whose files did not
        // change since: they hold its items instead of copies. Not for
        // snapshots kept between builds (`serve`): they would keep the
        // first build's items, bodies and all, for as long as they last,
        // and a rebuild that reuses them would seed for nothing.
        let seeds = !self.options.no_snapshots && !self.options.reuse_snapshots;
        let cache = seeds.then(build::ParseCache::default);
        let (mut loaded, config_text) = self.read_working_tree(cache.as_ref())?;
        crate::base::heap::mark("working tree read");
        if let Some(url) = &self.options.base_url {
            loaded.config.build.base_url = url.clone();
        }
        let with_history = !self.options.no_snapshots;
        // `serve` keeps them between builds anyway (see `kept_files`).
        if with_history && !self.options.keep_sources && self.kept_files.is_none() {
            loaded.release_sources_early();
        }
        // Reading every version and making the history free most of what
        // they allocate as they go (see `EagerPurge`): at 10,000
        // initiatives with 8 snapshots, peak RSS 368 -> 320 MiB, no slower.
        // Not for `serve`'s rebuilds, which keep the snapshots: making the
        // history again took a third longer, for a peak well in bounds.
        let eager = (with_history && !self.options.reuse_snapshots).then(EagerPurge::start);
        if with_history {
            (self.progress)("reading snapshots");
            // As `snapshots` hands them back unread.
            let held = kept_hold && self.options.reuse_snapshots && self.snapshots.is_some();
            let snapshots = loaded.timed("snapshots", |l| {
                self.snapshots(&l.config, cache.unwrap_or_default(), kept_hold)
            });
            // Each snapshot's files and parsing, let go; snapshots held
            // from the last build read nothing (a `serve` rebuild on one
            // core waited 15-20 ms for it at 10,000 initiatives).
            crate::base::heap::mark("snapshots read");
            if !held {
                give_back_freed_memory();
            }
            crate::base::heap::mark("(given back)");
            // A build that stopped before this point may have missed a
            // change to them: the next one looks (see `kept_hold`).
            self.snapshots_read_last = true;
            loaded.snapshots = snapshots;
            loaded.forgive_decided_on_removed();
            // Who answered for a request's work when it was decided, as
            // the snapshots recorded it, not today's owners.
            build::carry_answerable(
                loaded.snapshots.versions.iter().map(|v| &v.roadmap),
                &mut loaded.roadmap,
            );
            let site = self.dest_path(&loaded.config, self.options.dest_dir.clone());
            let approved_change =
                |id: &str| loaded.roadmap.change(id).is_some_and(|c| c.approves());
            let judged =
                published::judge(&site, &loaded.config, loaded.versions(), &approved_change);
            match judged {
                Some(judged) => {
                    loaded.approved_rewrites = judged
                        .approved
                        .iter()
                        .map(|(name, text)| format!("{name}: {text}"))
                        .collect();
                    loaded.rewritten = loaded
                        .versions()
                        .iter()
                        .filter_map(|v| {
                            let said = judged.said_of(&v.name, &v.config.today.iso())?;
                            Some((v.name.clone(), said))
                        })
                        .collect();
                    // The working tree is judged against them all: its
                    // dashboard and brief say so too (a quarter deleted
                    // cleared two slips from the brief, said in small print).
                    if let Some(said) =
                        judged.said_of(crate::history::CURRENT, &loaded.config.today.iso())
                    {
                        loaded
                            .rewritten
                            .insert(crate::history::CURRENT.to_string(), said);
                    }
                    loaded.gone = judged.gone;
                    loaded.diagnostics.extend(judged.findings);
                }
                None => {
                    let lines = published::approving_nothing(&loaded.config, &approved_change);
                    loaded.diagnostics.extend(lines);
                    if !loaded.versions().is_empty() {
                        loaded.unrecorded = Some(site);
                    }
                }
            }
        }
        (self.progress)("analysing the roadmap and its history");
        // `serve` builds again over the same snapshots: their own pairs are
        // compared once.
        let keep_compared = self.options.reuse_snapshots;
        let keep_models = self.options.keep_version_models;
        loaded.timed("analysis + history", |l| {
            derive_all(l, &config_text, with_history, keep_compared, keep_models)
        });
        drop(eager);
        loaded.judged_without_config();
        crate::base::heap::mark("analysis and history made");
        // What making the history and the facts needed on the way, before
        // the render.
        give_back_freed_memory();
        crate::base::heap::mark("(given back)");
        Ok(loaded)
    }

    /// The working tree read and modelled, with the findings of reading it
    /// (levels not yet applied), and book.toml's text.
    fn read_working_tree(
        &mut self,
        seed: Option<&build::ParseCache>,
    ) -> Result<(Loaded, String), Vec<Diagnostic>> {
        let mut timings = Vec::new();
        let t = Instant::now();
        // A mistake in book.toml does not hide the content's own problems.
        let (config, config_text, config_diags) =
            Config::load_all(&self.root, &self.env).map_err(|mut d| {
                let text = source::read_config_text(&self.root);
                diag::attach_source_lines(&mut d, |_| text.as_deref().map(Into::into));
                d
            })?;
        timings.push(Stage::new("config", t.elapsed()));

        let t = Instant::now();
        let (files, unreadable) = source::read_tree(
            &self.root,
            &config.build.content_dir,
            self.kept_files.as_mut(),
        )?;
        timings.push(Stage::new("source", t.elapsed()));

        let (roadmap, mut diagnostics) = match &self.tree_cache {
            // Parsed and read in one stage: only the files that changed
            // since the last build are.
            Some(cache) => {
                let t = Instant::now();
                let built = build::build_with(&files, &config, Some(cache));
                cache.keep_last_version();
                timings.push(Stage::new("parse + model", t.elapsed()));
                built
            }
            None => {
                let t = Instant::now();
                let documents = crate::parse::documents(&files);
                timings.push(Stage::new("parse", t.elapsed()));
                let t = Instant::now();
                let built = build::from_documents(&files, documents, &config, seed);
                timings.push(Stage::new("model", t.elapsed()));
                built
            }
        };
        // A data file the source stage could not read (a FIFO, a file too
        // large) is said there: "not found" on the document naming it
        // would be a second finding for one mistake, and a wrong one.
        let unread: HashSet<&str> = unreadable.iter().map(|d| d.path.as_str()).collect();
        diagnostics.retain(|d| {
            build::data_file_not_found(d).is_none_or(|named| {
                !unread.contains(config.in_content(named.trim_start_matches("./")).as_str())
            })
        });
        diagnostics.extend(unreadable);
        let config_broken = config_diags.iter().any(Diagnostic::is_error);
        diagnostics.extend(config_diags);
        let t = Instant::now();
        let renderer = match parse_theme(&config) {
            Ok(r) => Some(r),
            Err(found) => {
                diagnostics.extend(found);
                None
            }
        };
        timings.push(Stage::new("theme", t.elapsed()));
        let loaded = Loaded {
            config,
            files,
            file_checks: Vec::new(),
            roadmap,
            facts: Facts::default(),
            diagnostics,
            timings,
            snapshots: Arc::default(),
            history: History::default(),
            forecasts: Forecasts::default(),
            unrecorded: None,
            rewritten: BTreeMap::new(),
            approved_rewrites: Vec::new(),
            gone: Vec::new(),
            entries: Arc::new([]),
            set_aside: 0,
            config_broken,
            renderer,
        };
        Ok((loaded, config_text))
    }

    /// The snapshots, read anew unless `reuse_snapshots` holds and nothing
    /// they are read from changed: `kept_hold` when the caller knows it,
    /// else by looking at every file.
    fn snapshots(
        &mut self,
        config: &Config,
        cache: build::ParseCache,
        kept_hold: bool,
    ) -> Arc<Snapshots> {
        if !self.options.reuse_snapshots {
            return Arc::new(Snapshots::read(config, cache));
        }
        if kept_hold {
            if let Some((_, snapshots)) = &self.snapshots {
                return Arc::clone(snapshots);
            }
        }
        // Tags made or moved since count as the folders do: a quarter
        // tagged while `serve` runs is read (it was not, until a restart:
        // from a trial).
        let tags: Vec<String> = source::git::tag_stores(&self.root)
            .into_iter()
            .flat_map(|s| s.loose.into_iter().chain([s.packed]))
            .map(|d| d.to_string_lossy().into_owned())
            .collect();
        let mut watched = vec![config.snapshots.dir.as_str(), "themes"];
        watched.extend(tags.iter().map(String::as_str));
        let print = source::fingerprint(&self.root, &watched);
        match &self.snapshots {
            Some((old, snapshots)) if *old == print => Arc::clone(snapshots),
            _ => {
                let snapshots = Arc::new(Snapshots::read(config, cache));
                self.snapshots = Some((print, Arc::clone(&snapshots)));
                snapshots
            }
        }
    }

    /// Where `build` writes: `dest_dir` (relative to the current folder)
    /// or `[build] build-dir`, with what an interrupted build left there
    /// put back first.
    pub fn destination(
        &self,
        config: &Config,
        dest_dir: Option<PathBuf>,
    ) -> Result<Destination, String> {
        let path = self.dest_path(config, dest_dir);
        refuse_over_inputs(&path, &self.root, config)?;
        let had_site = path.join(output::MARKER).is_file();
        output::recover(&path).map_err(|e| e.to_string())?;
        Ok(Destination { path, had_site })
    }

    /// The folder `dest_dir` (relative to the current folder) or `[build]
    /// build-dir` names.
    fn dest_path(&self, config: &Config, dest_dir: Option<PathBuf>) -> PathBuf {
        let path = dest_dir
            .map(|d| {
                if d.is_absolute() {
                    d
                } else {
                    std::env::current_dir().unwrap_or_default().join(d)
                }
            })
            .unwrap_or_else(|| self.root.join(&config.build.build_dir));
        // `-d ..` and the like: name the folder itself, so the temporary
        // folders beside it are its own.
        resolved(&path)
    }

    /// Every page of every version, in memory (for tests and tools).
    pub fn render(&mut self, loaded: &mut Loaded) -> Result<SiteFiles, String> {
        let t = Instant::now();
        let renderer = renderer(loaded)?;
        let all = Arc::clone(&loaded.entries);
        let mut files = collect(|sink| render_current(&renderer, loaded, &all, sink))?;
        files.extend(collect(|sink| {
            use rayon::prelude::*;
            (0..loaded.versions().len())
                .into_par_iter()
                .try_for_each(|k| {
                    let name = &loaded.versions()[k].name;
                    ArchivedRead::of(&loaded.snapshots, k, &loaded.config, None, None)?.render(
                        &renderer,
                        sink,
                        loaded.rewritten.get(name),
                    )
                })
        })?);
        // Kept for the next render of the same load (tests render twice).
        loaded.renderer = Some(renderer);
        loaded.timings.push(Stage::new("render", t.elapsed()));
        Ok(files)
    }

    /// Render and write the site to `dest`; an archived version whose
    /// inputs are those of the previous build is carried over from it.
    /// What rendering has used is let go as it goes: afterwards `loaded`
    /// keeps its config and timings, not its model, facts, history,
    /// forecasts, findings or file contents.
    pub fn write(&self, loaded: &mut Loaded, dest: &Destination) -> Result<Built, String> {
        let renderer = renderer(loaded)?;
        self.write_versions(loaded, dest, &renderer, true)
    }

    /// What `serve` shows: the archived versions written to `dest` as
    /// [`Site::write`] writes them (carried over while their inputs hold),
    /// and the working tree kept whole, its files made one at a time as
    /// they are asked for. An edit then renders nothing up front: at
    /// 10,000 initiatives, rendering every page of the working tree took
    /// most of a rebuild, for the one page the browser reloads.
    pub fn write_serving(
        &self,
        mut loaded: Loaded,
        dest: &Destination,
    ) -> Result<(Built, OnRequest), String> {
        let renderer = renderer(&mut loaded)?;
        let all = Arc::clone(&loaded.entries);
        // Whether or not anything is written.
        loaded.release_sources();
        let built = self.write_versions(&mut loaded, dest, &renderer, false)?;
        // Beside the site: the folder is the caller's own.
        let spill = dest
            .path
            .parent()
            .map_or_else(std::env::temp_dir, Path::to_path_buf);
        Ok((built, OnRequest::start(loaded, renderer, all, spill)))
    }

    fn write_versions(
        &self,
        loaded: &mut Loaded,
        dest: &Destination,
        renderer: &Renderer,
        with_current: bool,
    ) -> Result<Built, String> {
        let count = loaded.versions().len() + usize::from(with_current);
        (self.progress)(&format!(
            "rendering and writing {}",
            crate::words::count(count, "version", "versions")
        ));
        let dest = dest.path.as_path();
        let t = Instant::now();
        let all_versions = loaded.versions();
        let stamps: HashMap<String, String> = all_versions
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let rewritten = loaded.rewritten.get(&v.name).map(String::as_str);
                let stamp = version_stamp(&all_versions[..=k], rewritten, renderer, &loaded.config);
                (v.name.clone(), stamp)
            })
            .collect();
        // Begun first: the previous site's stamps and list of files are
        // read under its lock.
        let writer = output::SiteWriter::begin(dest).map_err(|e| e.to_string())?;
        // With the list of the previous build's files lost, nothing in
        // its versions' folders can be told to be roadbook's: each version
        // is made again (see `SiteWriter::list_lost`).
        let list_lost = writer.list_lost();
        let (keep, redo): (Vec<String>, Vec<String>) = all_versions
            .iter()
            .map(|v| v.name.clone())
            .partition(|name| {
                !list_lost
                    && output::previous(dest, &format!("v/{name}/{VERSION_STAMP}"))
                        .is_some_and(|old| stamps.get(name) == Some(&old))
            });
        // Only a version that renders reads them: at 10,000 initiatives
        // with 8 snapshots, 5 MB alive while the working tree renders.
        // Snapshots kept for the next build (`serve`) are shared and keep
        // them.
        if redo.is_empty() {
            release(&mut loaded.snapshots, Snapshots::release_dues);
        }
        release(&mut loaded.snapshots, |s| s.release_judged(&keep));
        if !with_current && redo.is_empty() && holds_only(dest, &keep) {
            // Nothing to write: the folder already holds every archived
            // version as it is, and only them.
            return Ok(Built {
                pages: 0,
                stats: WriteStats::default(),
                dest: dest.to_path_buf(),
            });
        }
        // One version at a time, its pages rendered in parallel and each
        // written as soon as it is made: with many snapshots of a large
        // roadmap, holding versions' pages until they were written took
        // gigabytes.
        let sink = ToDisk {
            writer: &writer,
            pages: Default::default(),
        };
        // What each stage no longer needs is let go before the next one
        // renders: the working tree's model, history and findings once its
        // pages are.
        let all = with_current.then(|| Arc::clone(&loaded.entries));
        loaded.release_sources();
        // Every template that fails is said at once; what was made is then
        // not committed.
        let collecting = renderer.collect_failures();
        let failed = || renderer.failures().map_or(Ok(()), Err);
        if let Some(all) = all {
            render_current(renderer, loaded, &all, &sink)?;
            failed()?;
            crate::base::heap::mark("working tree rendered");
            drop(all);
            loaded.release_current_model();
            // What the working tree held, and each archived version's read
            // and pages below, handed back before the next version
            // allocates its own: kept for reuse, the archived renders grew
            // beside it (at 10,000 initiatives with 8 snapshots, peak RSS
            // 314 against 321 MiB over five pairs from scratch, the same
            // wall time; a whole-build eager purge cost a fifth more).
            give_back_freed_memory();
            crate::base::heap::mark("(its model let go, given back)");
        }
        // In order, each version read whole reusing the documents of the
        // one before that are unchanged, and let go once its pages are
        // written. Reading the next version while this one rendered held
        // two versions' models at once: at 10,000 initiatives with 8
        // snapshots, 35 MiB more at the peak (520 against 485) for a
        // build 4 % shorter (4 pairs of runs).
        let whole = crate::model::build::ParseCache::whole();
        for k in 0..loaded.versions().len() {
            let name = loaded.versions()[k].name.clone();
            if !redo.contains(&name) {
                continue;
            }
            // Moved to its pages rather than copied, unless `serve` keeps
            // the snapshots: each version's judgement lets go once they are
            // written, so the later ones do not render beside them all.
            let mut judged = None;
            release(&mut loaded.snapshots, |s| judged = s.take_judged(k));
            ArchivedRead::of(&loaded.snapshots, k, &loaded.config, Some(&whole), judged)?.render(
                renderer,
                &sink,
                loaded.rewritten.get(&name),
            )?;
            failed()?;
            crate::base::heap::mark_with(|| format!("{name} rendered"));
            give_back_freed_memory();
            crate::base::heap::mark("(given back)");
            if let Some(stamp) = stamps.get(&name) {
                writer
                    .write_file(&format!("v/{name}/{VERSION_STAMP}"), stamp.as_bytes())
                    .map_err(|e| e.to_string())?;
            }
        }
        drop(whole);
        drop(collecting);
        // `serve`'s folder holds the archived versions alone, and is no
        // publication.
        if with_current {
            let previous = output::previous(dest, published::RECORD);
            let today = loaded.config.today.iso();
            let root = &loaded.config.root;
            let head = crate::source::git::head(root);
            let uncommitted = published::uncommitted(root);
            let versions = loaded.versions();
            if let Some(record) = published::record(
                previous.as_deref(),
                versions,
                &today,
                head.as_deref(),
                uncommitted,
            ) {
                writer
                    .write_file(published::RECORD, record.as_bytes())
                    .map_err(|e| e.to_string())?;
            }
        }
        let rendered = t.elapsed();
        let t = Instant::now();
        for name in &keep {
            writer
                .keep(&format!("v/{name}"))
                .map_err(|e| e.to_string())?;
        }
        let rendered_pages = sink.pages.into_inner();
        let stats = writer.commit().map_err(|e| e.to_string())?;
        let pages = rendered_pages + stats.kept_pages;
        loaded.timings.push(Stage::new("render + write", rendered));
        loaded.timings.push(Stage::new("output", t.elapsed()));
        Ok(Built {
            pages,
            stats,
            dest: dest.to_path_buf(),
        })
    }
}

/// Hand the memory a stage freed back to the system before the next one
/// allocates its own. The binary's allocator (mimalloc, see `main.rs`)
/// keeps freed pages for a while and per thread; after reading the
/// snapshots and making the history, the working tree's render then grew
/// on top of what they had left. At 10,000 initiatives with 8 snapshots
/// (paired runs, 3 pairs): peak RSS 386 against 424 MiB, wall 0.95×. Each
/// thread collects its own heap. Nothing to do under another allocator
/// (the tests'): mimalloc's heaps are then empty.
fn give_back_freed_memory() {
    // SAFETY: `mi_collect` takes a flag and touches only mimalloc's own
    // state, which is made for calls from any thread.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    // SAFETY: as above.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// While one lives, memory the allocator frees goes back to the system at
/// once instead of after its delay (mimalloc's `purge_delay`, 1 s, ten
/// times that for whole arenas). Reading the snapshots and making the
/// history free most of what they allocate as they go (each version's
/// files, parse trees, comparisons): kept for reuse, it stayed resident
/// beside what they keep, and set the build's peak. Rendering makes and
/// drops pages by the thousand and soon reuses what it frees: purging at
/// once there costs a fifth more time and saves nothing at the peak. Loads
/// at the same time (tests) share one setting: the first guard sets it,
/// the last one gone restores it. Nothing changes under another allocator.
struct EagerPurge(());

/// `mi_option_purge_delay`'s place in mimalloc's options (v2 and v3 alike);
/// `libmimalloc-sys` names only some of them.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How many [`EagerPurge`] live, and the delay to restore after the last.
static EAGER_PURGES: std::sync::Mutex<(usize, std::os::raw::c_long)> =
    std::sync::Mutex::new((0, 0));

impl EagerPurge {
    fn start() -> EagerPurge {
        let mut live = EAGER_PURGES.lock().unwrap_or_else(|e| e.into_inner());
        if live.0 == 0 {
            // SAFETY: reading and setting an option touch only mimalloc's
            // own table of options, made for calls from any thread.
            live.1 = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
            // SAFETY: as above.
            unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
        }
        live.0 += 1;
        EagerPurge(())
    }
}

impl Drop for EagerPurge {
    fn drop(&mut self) {
        let mut live = EAGER_PURGES.lock().unwrap_or_else(|e| e.into_inner());
        live.0 -= 1;
        if live.0 == 0 {
            // SAFETY: as in `start`.
            unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, live.1) };
        }
    }
}

/// Let go of part of the snapshots, unless they are shared: `serve` keeps
/// them whole for its next build.
fn release(snapshots: &mut Arc<Snapshots>, part: impl FnOnce(&mut Snapshots)) {
    if let Some(snapshots) = Arc::get_mut(snapshots) {
        part(snapshots);
    }
}

/// Whether `dest` is a site of archived versions alone, those named in
/// `keep`, no more: a snapshot taken away must not go on being served, and
/// a site of the working tree (written by `--write` or an older release)
/// is replaced rather than left to take up room.
fn holds_only(dest: &Path, keep: &[String]) -> bool {
    let names = |dir: &Path| -> Option<Vec<String>> {
        let entries = std::fs::read_dir(dir).ok()?;
        Some(
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect(),
        )
    };
    let ours = |name: &String| name == "v" || name.starts_with(".roadbook");
    if !dest.join(output::MARKER).is_file()
        || !names(dest).is_some_and(|root| root.iter().all(ours))
    {
        return false;
    }
    let mut found = names(&dest.join("v")).unwrap_or_default();
    found.sort();
    let mut wanted = keep.to_vec();
    wanted.sort();
    found == wanted
}

/// The working tree's files, made when they are asked for (`serve`), by a
/// thread of their own that holds its roadmap, facts and history until the
/// next build replaces them.
pub struct OnRequest {
    requests: std::sync::mpsc::Sender<render::Request>,
}

impl OnRequest {
    fn start(
        loaded: Loaded,
        renderer: Renderer,
        all: std::sync::Arc<[render::VersionEntry]>,
        spill: PathBuf,
    ) -> OnRequest {
        let (requests, asked) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            with_current(&loaded, &all, |data, info, version| {
                render::answer_requests(&renderer, data, info, version, &spill, asked)
            })
        });
        OnRequest { requests }
    }

    /// The file at `path` (relative to the site's root), as `build` would
    /// write it, whole; `None` when the working tree has no such file.
    pub fn file(&self, path: &str) -> Option<Result<Vec<u8>, String>> {
        let made = self.made(path)?;
        Some(made.and_then(|m| m.into_bytes().map_err(|e| e.to_string())))
    }

    /// As [`OnRequest::file`], a large file left in its temporary file.
    pub fn made(&self, path: &str) -> Option<Result<render::Made, String>> {
        let (reply, answer) = std::sync::mpsc::channel();
        let request = render::Request {
            path: path.to_string(),
            reply,
        };
        if self.requests.send(request).is_err() {
            return Some(Err("internal error: the pages are no longer made".into()));
        }
        answer
            .recv()
            .unwrap_or_else(|_| Some(Err(format!("internal error while making {path}"))))
    }
}

/// Source lines under each finding, from the files the roadmap was read
/// from (and book.toml's text, when the findings can be about it).
fn attach_lines(found: &mut [Diagnostic], files: &[SourceFile], config_text: Option<&str>) {
    attach_lines_again(found, files, &[], Path::new(""), config_text);
}

/// [`attach_lines`], reading again from under `root` the files whose
/// contents were let go (`checks` given, see [`Loaded::file_checks`]): a
/// file changed since it was read shows no line rather than another one.
fn attach_lines_again(
    found: &mut [Diagnostic],
    files: &[SourceFile],
    checks: &[Option<build::Check>],
    root: &Path,
    config_text: Option<&str>,
) {
    let by_path: HashMap<&str, (&SourceFile, Option<&build::Check>)> = files
        .iter()
        .enumerate()
        .map(|(k, f)| {
            (
                f.display.as_str(),
                (f, checks.get(k).and_then(Option::as_ref)),
            )
        })
        .collect();
    diag::attach_source_lines(found, |path| {
        if path == crate::config::FILE {
            if let Some(text) = config_text {
                return Some(text.into());
            }
        }
        let (file, check) = by_path.get(path)?;
        match check {
            Some(&check) => {
                let bytes = std::fs::read(root.join(&file.display)).ok()?;
                (build::check_of(&bytes) == check).then(|| {
                    String::from_utf8(bytes)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
                        .into()
                })
            }
            None => Some(String::from_utf8_lossy(&file.bytes)),
        }
    });
}

/// What the working tree says of itself (its facts and findings) and its
/// history (side by side under `serve`, one after the other in a build);
/// then what the history adds to the facts beside its forecasts, which
/// count a completion dated back as the history allows. At 10,000
/// initiatives with 8 snapshots these are seconds on one core each, which
/// a `serve` rebuild waited for one after another.
fn derive_all(
    loaded: &mut Loaded,
    config_text: &str,
    with_history: bool,
    keep_compared: bool,
    keep_models: bool,
) {
    let tolerance = loaded.config.governance.slip_tolerance_days;
    // A build moves them into the working tree's history rather than
    // copying them (`serve` keeps them for its next build): at 10,000
    // initiatives with 8 snapshots, 18 MB held twice while the history was
    // made.
    let taken = (with_history && !keep_compared)
        .then(|| Arc::get_mut(&mut loaded.snapshots).and_then(Snapshots::take_compared))
        .flatten();
    // The working tree's forecasts follow a milestone renamed since the
    // last snapshot, read from its model before it is let go.
    let renamed_now = loaded
        .versions()
        .last()
        .map(|v| crate::history::renames(&v.roadmap, &loaded.roadmap))
        .unwrap_or_default();
    let analysed = |l: &Loaded| {
        let mut facts = analysis::analyse(&l.roadmap, &l.config);
        let closed = l.snapshots.closed_before(l.snapshots.versions.len());
        facts.with_recorded_capacity(&l.roadmap, &l.config, &closed);
        let mut found = check::run(&l.roadmap, &facts, &l.config);
        found.extend(check::links(
            &l.roadmap,
            &l.config,
            render::page_paths(&l.roadmap),
        ));
        (facts, found)
    };
    let history_of = |l: &Loaded| {
        with_history.then(|| {
            let archived = taken
                .map(std::borrow::Cow::Owned)
                .or_else(|| l.snapshots.compared().map(std::borrow::Cow::Borrowed));
            crate::history::analyse(&points(l), tolerance, archived)
        })
    };
    // The switcher's lists of pages are made beside the history: made
    // after it, they were 30-40 ms of a `serve` rebuild on one core at
    // 10,000 initiatives with 8 snapshots. A build makes the working
    // tree's own analysis after both, once the archived versions' models
    // they read are let go: made beside them, its working data came on
    // top of the models at the peak of the load (at 10,000 initiatives
    // with 8 snapshots, 205.9 against 186.7 MiB live, and a build with
    // every archived version unchanged peaked there: 281 against 269 MiB
    // resident, as fast). `serve` keeps the models, and makes all three at
    // once: an edit waits for them.
    let ((facts, found), history, entries) = if keep_models {
        let ((analysed, history), entries) = rayon::join(
            || rayon::join(|| analysed(loaded), || history_of(loaded)),
            || version_entries(loaded),
        );
        (analysed, history, entries)
    } else {
        let (history, entries) = rayon::join(|| history_of(loaded), || version_entries(loaded));
        release(&mut loaded.snapshots, Snapshots::release_models);
        (analysed(loaded), history, entries)
    };
    loaded.facts = facts;
    loaded.entries = entries;
    let mut diags = std::mem::take(&mut loaded.diagnostics);
    diags.extend(found);
    loaded.diagnostics = loaded.config.apply_levels(diags);
    check::one_finding_per_misspelt_field(&mut loaded.diagnostics);
    // What the history and the forecasts add stands apart until each is
    // stored: both are made at once.
    let by_record = history
        .as_ref()
        .map(crate::forecast::DoneByRecord::of)
        .unwrap_or_default();
    // The archived versions' pairs move only with the snapshots: `serve`
    // keeps them (at 10,000 initiatives with 8 snapshots, made again they
    // were 3 % of an edit's CPU).
    let archived_moves = match Arc::get_mut(&mut loaded.snapshots) {
        Some(snapshots) => snapshots.take_forecast_moves(),
        None => loaded.snapshots.forecast_moves().to_vec(),
    };
    let (from_history, from_forecasts) = {
        let l = &*loaded;
        rayon::join(
            || history.map(|h| from_history(l, h)),
            || {
                // The working tree, after every snapshot.
                let forecasts = crate::forecast::after(
                    l.snapshots.tracks_of_all(),
                    &current_point(l),
                    &renamed_now,
                    &by_record,
                    l.config.roadmap.forecast_min_samples,
                );
                from_forecasts(l, forecasts, archived_moves, &renamed_now)
            },
        )
    };
    add_derived(loaded, from_history, from_forecasts);
    // The working tree's forecasts, the calibration and the periods'
    // forecast moves were all the outlooks and the tracks of every version
    // were for (but comparing any two versions, `roadbook diff`).
    if !keep_models {
        release(&mut loaded.snapshots, Snapshots::release_forecast_inputs);
    }
    // Once, for every finding: sorted once (a stable sort, so as sorting
    // after each kind was added), and each file with findings indexed by
    // line once.
    diag::sort(&mut loaded.diagnostics);
    attach_lines_again(
        &mut loaded.diagnostics,
        &loaded.files,
        &loaded.file_checks,
        &loaded.config.root,
        Some(config_text),
    );
}

/// What the forecasts add to a load: the working tree's (`current`, with
/// its calibration against the archived versions' forecasts) and how they
/// moved in each period; [`add_derived`] adds the dates they say will
/// not hold, as findings.
struct FromForecasts {
    current: Forecasts,
    /// Each period's, oldest first.
    moves: Vec<Vec<crate::history::ForecastMove>>,
}

/// Made from the loaded roadmap alone, beside [`from_history`]; stored by
/// [`add_derived`]. `moves`: those of the archived versions' own pairs
/// ([`Snapshots::forecast_moves`]), the working tree's added here.
/// `renamed_now`: the milestones renamed since the last snapshot.
fn from_forecasts(
    loaded: &Loaded,
    mut current: Forecasts,
    mut moves: Vec<Vec<crate::history::ForecastMove>>,
    renamed_now: &[(crate::base::Sym, crate::base::Sym)],
) -> FromForecasts {
    // The archived versions' own are made once per set of snapshots.
    let archived = loaded.snapshots.outlooks();
    let names: Vec<&str> = loaded.versions().iter().map(|v| v.name.as_str()).collect();
    let dues = loaded.snapshots.dues();
    let mut renames = dues.renames_through(dues.len());
    renames.extend_from_slice(renamed_now);
    current.calibration =
        crate::forecast::calibrate(&names, &current_point(loaded), archived, &renames);
    if let Some(newest) = archived.last() {
        moves.push(crate::forecast::moves(
            newest,
            &current.outlook(),
            renamed_now,
        ));
    }
    FromForecasts { current, moves }
}

/// What the history and the forecasts add, stored: the facts judged
/// again with the history first, since the forecasts' findings read the
/// capacity, which counts work to the end it stands committed to.
fn add_derived(loaded: &mut Loaded, history: Option<FromHistory>, forecasts: FromForecasts) {
    let FromForecasts { current, moves } = forecasts;
    let history = history.map(|made| {
        judge_with_history(loaded, made.slipped, &made.history);
        (made.history, made.found)
    });
    // Both read the facts as the history left them, and nothing else the
    // other makes: side by side, where one after the other they were
    // 30-50 ms of a `serve` rebuild on one core at 10,000 initiatives.
    let (again, forecast_findings) = {
        let l = &mut *loaded;
        let (roadmap, facts, config) = (&l.roadmap, &l.facts, &l.config);
        let diagnostics = &mut l.diagnostics;
        let again = history.is_some();
        rayon::join(
            || again.then(|| check::again_with_slips(roadmap, facts, config, diagnostics)),
            || check::forecasts(roadmap, facts, config, &current),
        )
    };
    if let Some(again) = again {
        add_findings(loaded, again);
    }
    if let Some((history, found)) = history {
        // History findings belong to the working tree: its findings page
        // and counts include them.
        add_findings(loaded, found);
        loaded.history = history;
    }
    for (d, moves) in loaded.history.diffs.iter_mut().zip(moves) {
        d.forecasts = moves;
    }
    loaded.forecasts = current;
    add_findings(loaded, forecast_findings);
}

/// Findings made after the working tree's own, `[lints]` levels applied.
/// The list is grown to exactly what it holds: doubled, at 10,000
/// initiatives with 8 snapshots it had room for 65,536 findings for the
/// 44,000 it held, 3 MB kept until the working tree's pages are written.
fn add_findings(loaded: &mut Loaded, found: Vec<Diagnostic>) {
    let found = loaded.config.apply_levels(found);
    loaded.diagnostics.reserve_exact(found.len());
    loaded.diagnostics.extend(found);
}

/// The history's points: the archived versions, oldest first, then the
/// working tree.
fn points(loaded: &Loaded) -> Vec<crate::history::Point<'_>> {
    loaded
        .versions()
        .iter()
        .map(Version::point)
        .chain([current_point(loaded)])
        .collect()
}

fn current_point(loaded: &Loaded) -> crate::history::Point<'_> {
    crate::history::Point {
        name: crate::history::CURRENT,
        today: loaded.config.today.day,
        roadmap: &loaded.roadmap,
    }
}

/// What the history over the snapshots (oldest first) and the working tree
/// adds to a load: what it says about unapproved slips goes into the
/// working tree's facts, and its findings (with the snapshots' own) into
/// the working tree's findings.
struct FromHistory {
    history: History,
    slipped: crate::analysis::WithSlips,
    found: Vec<Diagnostic>,
}

/// Made from the loaded roadmap alone, beside [`from_forecasts`]; stored
/// by [`add_derived`].
fn from_history(loaded: &Loaded, history: History) -> FromHistory {
    // The facts judged again and the history's findings stand apart:
    // made one after the other, they were the longest part of a `serve`
    // rebuild after the history, on one core, at 10,000 initiatives with 8
    // snapshots.
    let (slipped, found) = rayon::join(
        || {
            let unapproved: Vec<crate::analysis::schedule::UnapprovedSlip> = history
                .unapproved_slips()
                .iter()
                .map(|s| s.unapproved())
                .collect();
            loaded.facts.with_unapproved_slips(
                &loaded.roadmap,
                &unapproved,
                &crate::history::Judged::done_no_earlier(&history),
                &history.unrecorded_done,
                &crate::history::kpis_on_record(
                    (&history.open_loosened, &history.open_turned),
                    &history.open_revisions,
                    &loaded.roadmap,
                    loaded.config.today.day,
                ),
                loaded.config.today.day,
                loaded.config.roadmap.fiscal_year_start,
            )
        },
        || {
            let snapshots = &loaded.snapshots;
            let mut found = snapshots.findings.clone();
            if !snapshots.versions.is_empty() {
                found.extend(check::history(&loaded.roadmap, &history, &loaded.config));
                // A threshold raised or a rule turned off since a snapshot:
                // the slips, overspend, high risks and late reviews it
                // judged vanish with no item touched, until a decision
                // names it.
                found.extend(versions::settings_loosened(
                    &loaded.config,
                    &snapshots.versions,
                    &loaded.roadmap.changes,
                ));
            }
            found
        },
    );
    FromHistory {
        history,
        slipped,
        found,
    }
}

fn judge_with_history(loaded: &mut Loaded, slipped: crate::analysis::WithSlips, history: &History) {
    loaded.facts.apply_slips(slipped);
    let closed = loaded
        .snapshots
        .closed_before(loaded.snapshots.versions.len());
    loaded.facts.with_committed_ends(
        &loaded.roadmap,
        &loaded.config,
        &crate::history::ends_on_record(
            &history.open_ends,
            &history.open_scope,
            &history.open_effort_cuts,
            &history.open_backdated_starts,
            &history.open_cancellations,
            &history.open_capacity_rises,
        ),
        &closed,
    );
    loaded.facts.with_approved_budgets(
        &loaded.roadmap,
        &loaded.config,
        &crate::history::BudgetIncrease::approved_budgets(&history.open_budget),
        &crate::history::spend_restated_down(&history.open_revisions, &loaded.roadmap),
    );
}

/// The theme read from the project (its overrides over the built-in one),
/// templates parsed; what keeps it from being used, as findings.
fn parse_theme(config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
    let name = &config.build.theme;
    let files = source::theme::load(&config.root, name).map_err(|why| {
        let mut d = crate::lints::THEME.at(&format!("themes/{name}"), None, why);
        let missing = !config.root.join("themes").join(name).is_dir();
        d.help = Some(if missing {
            "a theme holds only the files it changes: create the folder, or set `[build] theme` in book.toml to one that exists".into()
        } else {
            "make the file readable, or delete it to use the built-in one".into()
        });
        vec![d]
    })?;
    Renderer::new(files)
}

/// The renderer the load made, taken from it; when there is none (the
/// load found a template error and was asked to render anyway, or a
/// write already took it) the theme is read again, and what keeps it
/// from parsing is the reason.
fn renderer(loaded: &mut Loaded) -> Result<Renderer, String> {
    match loaded.renderer.take() {
        Some(r) => Ok(r),
        None => parse_theme(&loaded.config).map_err(|found| {
            let said: Vec<String> = found.iter().map(Diagnostic::render).collect();
            said.join("\n")
        }),
    }
}

fn build_info(findings: &[Diagnostic], files: usize) -> BuildInfo<'_> {
    let mut info = BuildInfo {
        findings,
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
fn version_entries(loaded: &Loaded) -> std::sync::Arc<[render::VersionEntry]> {
    let versions = loaded.versions();
    if versions.is_empty() {
        return std::sync::Arc::new([]);
    }
    use rayon::prelude::*;
    let (current, archived) = rayon::join(
        || render::page_paths(&loaded.roadmap),
        || {
            versions
                .par_iter()
                .rev()
                .map(|v| render::page_paths(&v.roadmap))
                .collect::<Vec<_>>()
        },
    );
    let mut pages = vec![current];
    pages.extend(archived);
    let pages = render::PageSet::of_each(&pages);
    let current = render::VersionEntry {
        name: crate::history::CURRENT.into(),
        prefix: String::new(),
        today: loaded.config.today.iso(),
        pages: pages[0].clone(),
    };
    let archived = versions
        .iter()
        .rev()
        .zip(&pages[1..])
        .map(|(v, pages)| render::VersionEntry {
            name: v.name.clone(),
            prefix: format!("v/{}/", v.name),
            today: v.config.today.iso(),
            pages: pages.clone(),
        });
    [current].into_iter().chain(archived).collect()
}

/// The site writer as a sink, counting the pages.
struct ToDisk<'a> {
    writer: &'a output::SiteWriter,
    pages: std::sync::atomic::AtomicUsize,
}

impl render::Sink for ToDisk<'_> {
    fn file(&self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        self.count(&path);
        self.writer
            .write_file(&path, &bytes)
            .map_err(|e| e.to_string())
    }

    fn stream(&self, path: String, make: &render::Stream) -> Result<(), String> {
        self.count(&path);
        self.writer.stream_file(&path, make).map_err(|e| {
            // A template that failed mid-page is the theme's problem: said
            // as "cannot write the site into …", it read as a disk error.
            let template = match &e {
                output::OutputError::Io { source, .. } => source
                    .get_ref()
                    .and_then(|s| s.downcast_ref::<render::TemplateError>())
                    .map(|t| t.0.clone()),
                _ => None,
            };
            template.unwrap_or_else(|| e.to_string())
        })
    }
}

impl ToDisk<'_> {
    fn count(&self, path: &str) {
        if path.ends_with(".html") {
            self.pages
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// A build folder replaces what it holds, marker or not (a marker is
/// copied along with a site: `cp -a site/. .`), so it may hold none of the
/// build's inputs nor lie inside one: not the project (or a folder above
/// it), not the content, snapshots or themes folder.
fn refuse_over_inputs(path: &Path, root: &Path, config: &Config) -> Result<(), String> {
    let help = "build into a folder beside it (`-d site`, or set `[build] build-dir`)";
    let root = resolved(root);
    if root.starts_with(path) {
        let what = if root == path {
            "the project folder".to_string()
        } else {
            format!("above the project folder `{}`", root.display())
        };
        return Err(format!(
            "the build folder `{}` is {what}: building there would replace the roadmap and its history; nothing was written\n  = help: {help}",
            path.display(),
        ));
    }
    let inputs = [
        ("content folder", config.build.content_dir.as_str()),
        ("snapshots folder", config.snapshots.dir.as_str()),
        ("themes folder", "themes"),
    ];
    for (name, dir) in inputs {
        let input = resolved(&root.join(dir));
        let (relation, consequence) = if path == input {
            ("is", "each build would replace it")
        } else if path.starts_with(&input) {
            (
                "is inside",
                "the next build would read the site back as sources",
            )
        } else if input.starts_with(path) {
            ("holds", "every build would delete it")
        } else {
            continue;
        };
        return Err(format!(
            "the build folder `{}` {relation} the {name} (`{}`): {consequence}; nothing was written\n  = help: {help}",
            path.display(),
            input.display(),
        ));
    }
    Ok(())
}

/// `path` with its longest existing part resolved (`..`, links), so a
/// folder not made yet compares with the ones it would sit in.
fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let Some(parent) = path.parent() else {
        return path.to_path_buf();
    };
    // What does not exist yet is read as written: `a/../site` is `site`,
    // and creating it must not leave an empty `a/` behind.
    match path.components().next_back() {
        Some(Component::ParentDir) => {
            let up = resolved(parent);
            up.parent().map_or(up.clone(), Path::to_path_buf)
        }
        Some(Component::CurDir) => resolved(parent),
        Some(Component::Normal(name)) => resolved(parent).join(name),
        _ => path.to_path_buf(),
    }
}

/// The files `render` hands to its sink, gathered in a map.
fn collect(
    render: impl FnOnce(&dyn render::Sink) -> Result<(), String>,
) -> Result<SiteFiles, String> {
    let files = std::sync::Mutex::new(SiteFiles::new());
    render(&|path, bytes| {
        files.lock().map_err(|e| e.to_string())?.insert(path, bytes);
        Ok(())
    })?;
    files.into_inner().map_err(|e| e.to_string())
}

/// An archived version read whole again, with its facts, findings and
/// forecasts, for its pages (under `v/<name>/`); all dropped with its
/// pages.
struct ArchivedRead {
    version: Version,
    /// The snapshot before it, if any.
    previous: Option<String>,
    facts: crate::analysis::Facts,
    findings: Vec<Diagnostic>,
    forecasts: Forecasts,
    judged: Option<crate::history::AsOf>,
}

impl ArchivedRead {
    /// The `k`-th of `snapshots`' versions (oldest first); `taken`: what
    /// the history judged of it, taken from `snapshots` (else copied).
    fn of(
        snapshots: &Snapshots,
        k: usize,
        current: &Config,
        cache: Option<&crate::model::build::ParseCache>,
        taken: Option<crate::history::AsOf>,
    ) -> Result<ArchivedRead, String> {
        let version = snapshots.versions[k].full(current, cache)?;
        let judged = taken.or_else(|| snapshots.judged_of(k).cloned());
        let ((facts, mut findings), forecasts) = rayon::join(
            || version.derive(judged.as_ref(), &snapshots.closed_before(k)),
            || snapshots.forecasts_of(k, &version, judged.as_ref()),
        );
        // Its own forecasts' findings, as the build of its day found them
        // (its findings page said 4 warnings where `check` on the tag says 5).
        let late = check::forecasts(&version.roadmap, &facts, &version.config, &forecasts);
        if !late.is_empty() {
            findings.extend(version.config.apply_levels(late));
            diag::sort(&mut findings);
        }
        Ok(ArchivedRead {
            version,
            previous: k.checked_sub(1).map(|p| snapshots.versions[p].name.clone()),
            facts,
            findings,
            forecasts,
            judged,
        })
    }

    /// `rewritten`: when it stands rewritten since the site first
    /// published it, what changed, in words for its pages.
    fn render(
        self,
        renderer: &Renderer,
        sink: &dyn render::Sink,
        rewritten: Option<&String>,
    ) -> Result<(), String> {
        let v = &self.version;
        let info = build_info(&self.findings, v.files);
        let data = render::Data {
            roadmap: &v.roadmap,
            facts: &self.facts,
            config: &v.config,
            history: None,
            judged: self.judged.as_ref(),
            forecasts: &self.forecasts,
        };
        let mut ctx = render::VersionCtx::archived(&v.name, self.previous.as_deref());
        ctx.rewritten = rewritten.cloned();
        render::render_site_into(renderer, data, &info, &ctx, sink)
    }
}

/// The working tree's pages, the site root's exports and static files.
fn render_current(
    renderer: &Renderer,
    loaded: &Loaded,
    all: &std::sync::Arc<[render::VersionEntry]>,
    sink: &dyn render::Sink,
) -> Result<(), String> {
    with_current(loaded, all, |data, info, version| {
        render::render_site_into(renderer, data, info, version, sink)
    })
}

/// What rendering the working tree reads, however its files are made.
fn with_current<T>(
    loaded: &Loaded,
    all: &std::sync::Arc<[render::VersionEntry]>,
    run: impl FnOnce(render::Data, &BuildInfo<'_>, &render::VersionCtx) -> T,
) -> T {
    let current = render::VersionCtx {
        name: crate::history::CURRENT.into(),
        prefix: String::new(),
        all: std::sync::Arc::clone(all),
        previous: None,
        rewritten: loaded.rewritten.get(crate::history::CURRENT).cloned(),
    };
    let mut info = build_info(&loaded.diagnostics, loaded.files.len());
    info.approved_rewrites = &loaded.approved_rewrites;
    info.gone = &loaded.gone;
    let data = render::Data {
        roadmap: &loaded.roadmap,
        facts: &loaded.facts,
        config: &loaded.config,
        history: Some(&loaded.history),
        judged: None,
        forecasts: &loaded.forecasts,
    };
    run(data, &info, &current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_memory_goes_back_at_once_while_a_guard_lives_and_as_before_after_the_last() {
        let delay = || {
            // SAFETY: as in `EagerPurge::start`.
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) }
        };
        let outer = EagerPurge::start();
        assert_eq!(delay(), 0);
        let before = EAGER_PURGES.lock().unwrap().1;
        assert!(before > 0, "mimalloc purges after a delay unless told");
        let inner = EagerPurge::start();
        drop(outer);
        assert_eq!(delay(), 0, "while any guard lives");
        drop(inner);
        // Other tests' loads may hold one still: only the last restores.
        let live = EAGER_PURGES.lock().unwrap();
        if live.0 == 0 {
            assert_eq!(delay(), before);
        }
    }

    #[test]
    fn a_line_read_again_is_shown_only_if_the_file_still_holds_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let read = b"id: a\nownr: x\n".to_vec();
        let file = |name: &str, bytes: &[u8]| SourceFile {
            rel: format!("{name}.md"),
            display: format!("content/{name}.md"),
            bytes: Arc::new(bytes.to_vec()),
        };
        // Two let go (one edited on disk since), one kept (not on disk).
        let files = [file("same", b""), file("edited", b""), file("kept", &read)];
        std::fs::write(dir.path().join("content/same.md"), &read).unwrap();
        std::fs::write(dir.path().join("content/edited.md"), b"id: a\nowner: x\n").unwrap();
        let checks = [
            Some(build::check_of(&read)),
            Some(build::check_of(&read)),
            None,
        ];
        let span = Some(diag::Span {
            line: 2,
            col: 1,
            len: 4,
        });
        let mut found: Vec<Diagnostic> = ["same", "edited", "kept"]
            .iter()
            .map(|name| crate::lints::UNKNOWN_FIELD.at(&format!("content/{name}.md"), span, "x"))
            .collect();
        attach_lines_again(&mut found, &files, &checks, dir.path(), None);
        let lines: Vec<Option<&str>> = found.iter().map(|d| d.source_line.as_deref()).collect();
        assert_eq!(lines, [Some("ownr: x"), None, Some("ownr: x")]);
    }
}
