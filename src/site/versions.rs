//! The archived versions: every snapshot (frozen folder or git tag) read
//! through the same stages as the working tree, with the rules that decide
//! which ones make it into the site, and the stamp that lets an unchanged
//! version's pages be carried over from the previous build.

use crate::analysis::{self, Facts};
use crate::check;
use crate::config::{Config, Environment};
use crate::diag::{self, Diagnostic};
use crate::forecast::{Dues, Forecasts, Outlook, Tracks};
use crate::model::{build, Roadmap};
use crate::render::Renderer;

/// Every snapshot that loaded, oldest first, and what reading them found.
#[derive(Default)]
pub struct Snapshots {
    pub versions: Vec<Version>,
    /// Problems with the snapshots themselves (left out, unreadable, a
    /// shallow clone), before `[lints]` levels are applied.
    pub findings: Vec<Diagnostic>,
    /// What each version's forecasts from the delivery history up to it
    /// said of its open milestones (oldest first, as `versions`), made as
    /// they are read: they depend on the versions up to it alone, so
    /// `serve`, which keeps the snapshots, does not make them again for
    /// every edit of the working tree. A version's whole forecasts are
    /// made again when its pages are ([`Snapshots::forecasts_of`]).
    outlooks: Vec<Outlook>,
    /// How the forecasts of the versions before each one held by its day
    /// (oldest first, as `versions`): its metrics page shows it, as the
    /// site of its day did (it said no forecast could be checked yet).
    calibrations: Vec<Vec<crate::forecast::Calibration>>,
    /// Every version's milestones' due dates: the tracks as of any of
    /// them.
    dues: Dues,
    /// The tracks as of every version, which the working tree's forecasts
    /// extend: made once, so a `serve` rebuild does not walk every
    /// version's dues again.
    every: std::sync::OnceLock<Tracks<'static>>,
    /// Each pair of consecutive versions compared, made when first asked
    /// for (by `serve`, which keeps the snapshots between builds).
    compared: std::sync::OnceLock<Vec<crate::history::Diff>>,
    /// How the forecasts moved between each pair of consecutive versions
    /// (oldest first), made when first asked for: only the working tree's
    /// pair changes with an edit under `serve`.
    forecast_moves: std::sync::OnceLock<Vec<Vec<crate::history::ForecastMove>>>,
    /// What the history up to each version judged of it (oldest first, as
    /// `versions`): its slips that no approved change request covered,
    /// which its health and its pages read, as the site of its day did.
    judged: Vec<crate::history::AsOf>,
    /// The team loads of the quarters each version closed, as it counted
    /// them on its day (oldest first, as `versions`): later versions and
    /// the working tree read a closed quarter as recorded, not as a plan
    /// rewritten since gives it.
    closed: Vec<Vec<crate::analysis::capacity::TeamLoad>>,
}

impl Snapshots {
    /// Read every snapshot, sharing the documents `cache` holds (the
    /// working tree's, see [`build::ParseCache`]).
    pub fn read(current: &Config, cache: build::ParseCache) -> Snapshots {
        let (mut versions, findings) = load_versions(current, cache);
        // Who answered for a request's work when it was decided, as the
        // versions before each recorded it.
        for k in 1..versions.len() {
            let (before, rest) = versions.split_at_mut(k);
            let v = &mut rest[0];
            v.carried = build::carry_answerable(before.iter().map(|b| &b.roadmap), &mut v.roadmap);
            if !v.carried.is_empty() {
                v.approved_settings = approved_settings(&v.roadmap);
            }
        }
        let points: Vec<crate::history::Point> = versions.iter().map(Version::point).collect();
        let dues = Dues::of(points.iter().map(|p| p.roadmap));
        // Each pair compared once: what each version judged of its own
        // scope changes and latent slips, then the working tree's history.
        let compared = crate::history::compare_all(&points);
        let judged: Vec<crate::history::AsOf> = (0..points.len())
            .map(|k| {
                let tolerance = versions[k].config.governance.slip_tolerance_days;
                crate::history::judged_as_of(&points[..=k], tolerance, &compared[..k])
            })
            .collect();
        let closed = {
            use rayon::prelude::*;
            (0..versions.len())
                .into_par_iter()
                .map(|k| {
                    let since = k.checked_sub(1).map(|p| versions[p].config.today.day);
                    // By the ends committed as of its day, as its own
                    // capacity page counts them.
                    let ends = crate::history::ends_on_record(
                        &judged[k].open_ends,
                        &judged[k].open_scope,
                        &judged[k].open_effort_cuts,
                        &judged[k].open_backdated_starts,
                        &judged[k].open_cancellations,
                        &judged[k].open_capacity_rises,
                    );
                    let unapproved = judged[k].for_health();
                    analysis::closed_quarters(
                        &versions[k].roadmap,
                        &versions[k].config,
                        since,
                        &ends,
                        &unapproved,
                    )
                })
                .collect()
        };
        let outlooks = crate::forecast::over(
            &points,
            |k| versions[k].config.roadmap.forecast_min_samples,
            |k| crate::forecast::DoneByRecord::of(&judged[k]),
        );
        let names: Vec<&str> = versions.iter().map(|v| v.name.as_str()).collect();
        let calibrations = points
            .iter()
            .enumerate()
            .map(|(k, point)| {
                let renames = dues.renames_through(k);
                crate::forecast::calibrate(&names[..k], point, &outlooks[..k], &renames)
            })
            .collect();
        drop(names);
        drop(points);
        Snapshots {
            versions,
            findings,
            outlooks,
            calibrations,
            dues,
            every: std::sync::OnceLock::new(),
            compared: std::sync::OnceLock::from(compared),
            forecast_moves: std::sync::OnceLock::new(),
            judged,
            closed,
        }
    }

    /// The quarters the versions before the `k`-th closed, each with the
    /// version's name (every version's: `k` their number).
    pub fn closed_before(&self, k: usize) -> Vec<(&str, &[crate::analysis::capacity::TeamLoad])> {
        self.versions
            .iter()
            .zip(&self.closed)
            .take(k)
            .map(|(v, closed)| (v.name.as_str(), closed.as_slice()))
            .collect()
    }

    /// What the history up to the `k`-th version judged of it (see
    /// `judged`).
    pub fn judged_of(&self, k: usize) -> Option<&crate::history::AsOf> {
        self.judged.get(k)
    }

    /// The tracks as of every version (see `every`).
    pub fn tracks_of_all(&self) -> &Tracks<'static> {
        self.every.get_or_init(|| self.dues.tracks(self.dues.len()))
    }

    pub fn outlooks(&self) -> &[Outlook] {
        &self.outlooks
    }

    /// How the forecasts moved between each pair of consecutive versions,
    /// oldest first: made once per set of snapshots.
    pub fn forecast_moves(&self) -> &[Vec<crate::history::ForecastMove>] {
        self.forecast_moves
            .get_or_init(|| moves_between(&self.outlooks, &self.dues))
    }

    /// The forecast moves between versions, taken for the working tree's
    /// history to keep (a build; `serve` copies them instead).
    pub fn take_forecast_moves(&mut self) -> Vec<Vec<crate::history::ForecastMove>> {
        self.forecast_moves
            .take()
            .unwrap_or_else(|| moves_between(&self.outlooks, &self.dues))
    }

    pub fn dues(&self) -> &Dues {
        &self.dues
    }

    /// Let go of the versions' lean models once the history, the
    /// forecasts and the switcher's page lists are made: rendering reads
    /// each version whole again.
    pub fn release_models(&mut self) {
        for v in &mut self.versions {
            v.roadmap = Roadmap::default();
        }
    }

    /// The versions compared, taken for the working tree's history to
    /// keep: a build makes it once, `serve` keeps them and lends them.
    pub fn take_compared(&mut self) -> Option<Vec<crate::history::Diff>> {
        self.compared.take()
    }

    /// Let go of the outlooks and the tracks of every version once the
    /// working tree's forecasts, its calibration and the periods' forecast
    /// moves are made: nothing else reads them (at 10,000 initiatives with
    /// 8 snapshots, 8 MB alive while the working tree renders).
    pub fn release_forecast_inputs(&mut self) {
        self.outlooks = Vec::new();
        self.every.take();
        self.forecast_moves.take();
    }

    /// Let go of what the history judged of the versions that do not
    /// render (carried over from the last build): only rendering reads it.
    pub fn release_judged(&mut self, keep: &[String]) {
        for (v, judged) in self.versions.iter().zip(&mut self.judged) {
            if keep.contains(&v.name) {
                *judged = crate::history::AsOf::default();
            }
        }
    }

    /// What the history judged of the `k`-th version, taken: its pages
    /// are the last to read it.
    pub fn take_judged(&mut self, k: usize) -> Option<crate::history::AsOf> {
        self.judged.get_mut(k).map(std::mem::take)
    }

    /// Let go of the due dates when no archived version renders.
    pub fn release_dues(&mut self) {
        self.dues = Dues::default();
    }

    /// The whole forecasts of the `k`-th version (oldest first), read whole
    /// as `version`: what its pages show, made from the history up to it
    /// and what it judged of the version (`judged`: [`Snapshots::judged_of`],
    /// or what [`Snapshots::take_judged`] took).
    pub fn forecasts_of(
        &self,
        k: usize,
        version: &Version,
        judged: Option<&crate::history::AsOf>,
    ) -> Forecasts {
        let min_samples = version.config.roadmap.forecast_min_samples;
        let by_record = judged
            .map(crate::forecast::DoneByRecord::of)
            .unwrap_or_default();
        let mut forecasts = crate::forecast::after(
            &self.dues.tracks(k),
            &version.point(),
            self.dues.renames(k),
            &by_record,
            min_samples,
        );
        forecasts.calibration = self.calibrations.get(k).cloned().unwrap_or_default();
        forecasts
    }

    /// Each pair of consecutive versions compared (see
    /// [`crate::history::compare_all`]), made when they are read; `None`
    /// once taken ([`Snapshots::take_compared`]): compared again
    /// then, the versions' models may be gone too, and empty pairs would
    /// drop every archived scope change and latent slip unnoticed.
    pub fn compared(&self) -> Option<&[crate::history::Diff]> {
        self.compared.get().map(Vec::as_slice)
    }
}

/// How the forecasts moved between each pair of consecutive `outlooks`,
/// following the milestones renamed (`dues`).
fn moves_between(outlooks: &[Outlook], dues: &Dues) -> Vec<Vec<crate::history::ForecastMove>> {
    use rayon::prelude::*;
    outlooks
        .par_windows(2)
        .enumerate()
        .map(|(k, pair)| crate::forecast::moves(&pair[0], &pair[1], dues.renames(k + 1)))
        .collect()
}

/// Marks an archived version's folder with the hash of its inputs.
pub(crate) const VERSION_STAMP: &str = ".roadbook-version";

/// Which code renders the pages: a hash of the sources roadbook was compiled
/// from (see `build.rs`), so a changed renderer never reuses pages an older
/// one wrote, even when the package version did not move.
const BUILD_ID: &str = env!("ROADBOOK_BUILD_ID");

/// The stamp of the last of `up_to` (the archived versions, oldest first,
/// up to and including it): its pages show forecasts made from the history
/// up to it, so every one of those versions counts.
pub fn version_stamp(
    up_to: &[Version],
    rewritten: Option<&str>,
    renderer: &Renderer,
    current: &Config,
) -> String {
    let sources = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for v in up_to {
            // The name too: an archived version links to the period that
            // ends at it, named by the snapshot before it.
            v.name.hash(&mut h);
            v.source_hash.hash(&mut h);
        }
        // Its pages say so while it stands rewritten, and no longer once
        // it is put back or its new reading recorded.
        rewritten.hash(&mut h);
        h.finish()
    };
    stamp(BUILD_ID, sources, renderer.theme_hash(), current)
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
    /// The rules its own `[lints]` turned off: it renders with the site's
    /// (`config.lints`), and the history judges a rule turned off since.
    allowed_then: Vec<&'static str>,
    /// Each change request it held approved, with its `settings:` as
    /// recorded: kept when the model is let go, for
    /// [`settings_loosened`].
    approved_settings: Vec<(String, Vec<String>)>,
    /// Who answered for the work of each request it held approved with no
    /// requester, where the versions before it recorded someone else than
    /// its own owners (see [`build::carry_answerable`]): put back when it
    /// is read again.
    carried: Vec<(String, Option<String>)>,
    /// Number of source files.
    pub files: usize,
    /// Hash of everything the snapshot was read from.
    pub source_hash: u64,
    /// Its book.toml's and content files' hash, the same from one release
    /// to the next (see [`super::published`]); none made when it is read
    /// again to be rendered.
    pub content_hash: [u8; 16],
    /// Where it was read from, to read it whole again for rendering.
    source: crate::source::Archived,
}

impl Version {
    /// The commit a tag archives; none for a folder.
    pub fn commit(&self) -> Option<&str> {
        self.source.commit.as_deref()
    }

    /// When its tag was made, as git writes it; none for a folder.
    pub fn made(&self) -> Option<&str> {
        self.source.made.as_deref()
    }

    /// The day it stands for, where it has one of its own (a folder without
    /// `today` reads as of the working tree's day).
    pub fn own_day(&self) -> Option<&crate::base::date::Date> {
        (self.config.today_source != "the working tree").then_some(&self.config.today)
    }

    /// This version as a point of the history.
    pub fn point(&self) -> crate::history::Point<'_> {
        crate::history::Point {
            name: &self.name,
            today: self.config.today.day,
            roadmap: &self.roadmap,
        }
    }

    /// The version read again whole (bodies and all), for rendering: the
    /// loaded one keeps only what the history needs, so a build never
    /// holds every version's full model at once.
    ///
    /// With `cache` (a [`build::ParseCache::whole`]), files unchanged since
    /// the version read before it are not parsed again.
    pub fn full(
        &self,
        current: &Config,
        cache: Option<&build::ParseCache>,
    ) -> Result<Version, String> {
        let read = load_version(self.source.clone(), current, cache, false).map(|mut v| {
            build::carried_answerable(&mut v.roadmap, &self.carried);
            v.approved_settings = approved_settings(&v.roadmap);
            v.carried = self.carried.clone();
            v
        });
        if let Some(cache) = cache {
            cache.keep_last_version();
        }
        read.map_err(|d| {
            d.first()
                .map(|d| d.message.clone())
                .unwrap_or_else(|| format!("{} cannot be read again", self.name))
        })
    }

    /// The version's facts and its own check findings (for its findings
    /// page). Derived when the version is rendered and dropped with its
    /// pages: a build never holds every version's facts at once.
    /// `judged`: what the history up to it judged of it (its slips no
    /// approved change request covered).
    /// `closed`: the quarters the versions before it closed.
    pub fn derive(
        &self,
        judged: Option<&crate::history::AsOf>,
        closed: &[(&str, &[crate::analysis::capacity::TeamLoad])],
    ) -> (Facts, Vec<Diagnostic>) {
        use crate::history::Judged;
        let unapproved = judged
            .map(crate::history::AsOf::for_health)
            .unwrap_or_default();
        let done_no_earlier = judged.map(|j| j.done_no_earlier()).unwrap_or_default();
        let mut facts = analysis::analyse(&self.roadmap, &self.config);
        facts.with_recorded_capacity(&self.roadmap, &self.config, closed);
        let mut findings = self.parse_findings.clone();
        findings.extend(check::run(&self.roadmap, &facts, &self.config));
        let on_record = judged
            .map(|j| {
                crate::history::kpis_on_record(
                    (&j.open_loosened, &j.open_turned),
                    &j.open_revisions,
                    &self.roadmap,
                    self.config.today.day,
                )
            })
            .unwrap_or_default();
        let unrecorded = judged
            .map(|j| j.unrecorded_done())
            .filter(|u| !u.is_empty());
        if !unapproved.is_empty()
            || !done_no_earlier.is_empty()
            || !on_record.is_empty()
            || unrecorded.is_some()
        {
            let slipped = facts.with_unapproved_slips(
                &self.roadmap,
                &unapproved,
                &done_no_earlier,
                unrecorded.unwrap_or(&Default::default()),
                &on_record,
                self.config.today.day,
                self.config.roadmap.fiscal_year_start,
            );
            facts.apply_slips(slipped);
        }
        if let Some(judged) = judged {
            facts.with_committed_ends(
                &self.roadmap,
                &self.config,
                &crate::history::ends_on_record(
                    &judged.open_ends,
                    &judged.open_scope,
                    &judged.open_effort_cuts,
                    &judged.open_backdated_starts,
                    &judged.open_cancellations,
                    &judged.open_capacity_rises,
                ),
                closed,
            );
            facts.with_approved_budgets(
                &self.roadmap,
                &self.config,
                &crate::history::BudgetIncrease::approved_budgets(&judged.open_budget),
                &crate::history::spend_restated_down(&judged.open_revisions, &self.roadmap),
            );
        }
        let again = check::again_with_slips(&self.roadmap, &facts, &self.config, &mut findings);
        findings.extend(again);
        if let Some(judged) = judged {
            findings.extend(check::unacknowledged_slips(
                &self.roadmap,
                judged.unapproved_slips().into_iter(),
            ));
            findings.extend(check::unapproved_rises(
                &self.roadmap,
                &judged.open_budget,
                &judged.open_ends,
                &self.config,
            ));
            // As the build of its day found them (its findings page said 8
            // where the tag's summary said 10).
            findings.extend(check::backdated_done(&self.roadmap, &judged.open_backdated));
            findings.extend(check::backdated_starts(
                &self.roadmap,
                &judged.open_backdated_starts,
                &self.config,
            ));
            findings.extend(check::rewritten_approvals(
                &self.roadmap,
                &judged.rewritten_approvals,
                &self.config,
            ));
            findings.extend(check::records_redated(
                &self.roadmap,
                check::Redated {
                    approvals: &judged.backdated_approvals,
                    reviews: &judged.backdated_reviews,
                    rewritten_reviews: &judged.rewritten_reviews,
                    rephasings: &judged.open_rephasings,
                },
                &self.config,
            ));
            findings.extend(check::scope_and_latent(
                &self.roadmap,
                &judged.open_scope,
                &judged.open_latent,
            ));
            findings.extend(check::open_decisions(
                &self.roadmap,
                check::OpenDecisions {
                    cancellations: &judged.open_cancellations,
                    retirements: &judged.open_retirements,
                    outcome_retirements: &judged.open_outcome_retirements,
                    outcome_unlinks: &judged.open_outcome_unlinks,
                    unlinked: &judged.open_unlinked,
                    loosened: &judged.open_loosened,
                    turned: &judged.open_turned,
                    baselines: &judged.open_baselines,
                    horizons: &judged.open_horizons,
                    lowered_risks: &judged.lowered_risks,
                    narrowed_risks: &judged.narrowed_risks,
                    effort_cuts: &judged.open_effort_cuts,
                    capacity_rises: &judged.open_capacity_rises,
                    revisions: &judged.open_revisions,
                },
                &self.config,
            ));
            findings.extend(check::removed_records(
                check::Removed {
                    live: &judged.removed_live,
                    kpis: &judged.removed_kpis,
                    outcomes: &judged.removed_outcomes,
                    changes: &judged.removed_changes,
                    reviews: &judged.removed_reviews,
                    risks: &judged.removed_risks,
                    now: &self.roadmap,
                },
                &self.config,
            ));
        }
        let pages = crate::render::page_paths(&self.roadmap);
        findings.extend(check::links(&self.roadmap, &self.config, pages));
        let mut findings = self.config.apply_levels(findings);
        check::one_finding_per_misspelt_field(&mut findings);
        diag::sort(&mut findings);
        (facts, findings)
    }
}

/// Every snapshot (frozen folders and git tags), loaded one at a time and
/// ordered by their `today`, then name. Problems are warnings: a broken
/// snapshot is left out and the rest of the site builds.
fn load_versions(current: &Config, cache: build::ParseCache) -> (Vec<Version>, Vec<Diagnostic>) {
    use crate::lints;
    use crate::source::{self, git, Archived};
    let root = &current.root;
    let no_env = Environment {
        archived: true,
        ..Environment::default()
    };
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
    if let Some(why) = git::unusable(root) {
        let mut d = lints::GIT_UNUSABLE.at(
            crate::config::FILE,
            None,
            format!("{why}: the snapshots tagged in git cannot be read, and a site without them would hide every slip they show"),
        );
        d.help = Some(if why.contains("dubious ownership") {
            "trust the checkout: `git config --global --add safe.directory \"$PWD\"` (in CI, before the build); or build the working tree alone: `roadbook build --no-snapshots`".into()
        } else {
            "install git, or build the working tree alone: `roadbook build --no-snapshots`".into()
        });
        diags.push(d);
    }
    // History kept in frozen folders needs no tags (the bundled example).
    let frozen = archived.len();
    let (tags, unreadable) = source::tagged(root, &current.snapshots.tags, content_dir_of);
    let dropped = dropped_by_pattern(root, current, &tags, &unreadable, &no_env);
    let dropped_tags: Vec<String> = dropped.iter().map(|(tag, _)| tag.clone()).collect();
    diags.extend(dropped.into_iter().map(|(_, d)| d));
    diags.extend(gone_from_the_chain(root, current, &tags, &unreadable));
    diags.extend(look_alike_tags(
        root,
        &current.snapshots,
        &tags,
        &unreadable,
        &dropped_tags,
    ));
    // A quarter's tag moved onto a commit of its own (rebuilt with better
    // dates) or left on a deleted branch: the slips are then measured
    // against a roadmap the working tree did not come from.
    // A shallow clone has cut the history between the tags and the
    // branches: no tag is reached, so none can be said to be moved (the
    // shallow clone is said below, as missing history).
    let shallow = !tags.is_empty() && git::is_shallow(root);
    if !tags.is_empty() && !shallow {
        for tag in git::tags_off_history(root, &current.snapshots.tags) {
            if current.snapshots.ignores(&tag) {
                continue;
            }
            let mut d = lints::SNAPSHOT_OFF_HISTORY.at(
                crate::config::FILE,
                None,
                format!(
                    "git tag `{tag}` points at a commit no branch reaches: the quarter it archives is not the roadmap this one grew from (a tag moved onto a rewritten commit reads as the quarter it never was)"
                ),
            );
            d.help = Some(format!(
                "tag the commit the quarter was taken from (`git log --oneline` on the main branch; `git tag -f -a {tag} <commit>`), or, if the tag was made on a branch, merge that branch"
            ));
            diags.push(d);
        }
    }
    // A quarter tagged after the commit checked out is not part of its
    // history: judged against it, a branch forked before it would read as
    // restating every figure and raising every budget changed since. (A
    // moved tag is also beyond HEAD; `snapshot-off-history` says so.)
    // In a shallow clone no tag is known to be in HEAD's history: all are
    // left out, as a branch forked before a quarter must not be judged
    // against it (a merge request's pipeline), and the clone is said to
    // be shallow, with the quarters it leaves out.
    let beyond: std::collections::HashSet<String> = if tags.is_empty() {
        Default::default()
    } else {
        git::tags_beyond_head(root, &current.snapshots.tags)
            .into_iter()
            .collect()
    };
    archived.extend(tags.into_iter().filter(|a| match &a.origin {
        source::Origin::Tag(tag) => !beyond.contains(tag),
        _ => true,
    }));
    // One tag that cannot be read leaves only itself out.
    for (tag, e) in unreadable {
        if current.snapshots.ignores(&tag) {
            continue;
        }
        let mut d = lints::SNAPSHOT.at(
            crate::config::FILE,
            None,
            format!("cannot read git tag `{tag}`: {e}; this version is left out of the site"),
        );
        d.help = Some(format!(
            "a snapshot tags a commit (`git tag -a {tag} <commit>`); if it is to stay out, list it in `[snapshots] ignore`"
        ));
        diags.push(d);
    }
    // A tag by its full name, a folder by its own: `2026-Q4` in the list
    // must not also drop the tag `roadmap/2026-Q4`.
    let ignored = |a: &Archived| {
        let name = match &a.origin {
            source::Origin::Tag(tag) => tag.as_str(),
            _ => a.name.as_str(),
        };
        current.snapshots.ignores(name)
    };
    let (left_out, mut archived): (Vec<Archived>, Vec<Archived>) =
        archived.into_iter().partition(ignored);
    if git::is_repo(root) {
        if git::is_shallow(root) {
            let message = if beyond.is_empty() {
                "this is a shallow clone: archived versions from git tags may be missing"
                    .to_string()
            } else {
                let mut names: Vec<&str> = beyond.iter().map(String::as_str).collect();
                names.sort();
                let (what, are) = if names.len() == 1 {
                    ("tag", "is")
                } else {
                    ("tags", "are")
                };
                format!(
                    "this is a shallow clone: the snapshot {what} {} {are} left out (the commits are not in its history), and with them every slip and restatement since",
                    names.join(", ")
                )
            };
            let mut d = lints::MISSING_HISTORY.at("", None, message);
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
    // Each name taken, and whether a folder took it.
    let mut seen: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
    archived.retain(|a| {
        if crate::history::names_the_working_tree(&a.name) {
            let mut d = lints::SNAPSHOT.at(
                crate::config::FILE,
                None,
                format!(
                    "{} is left out: `{}` names the working tree (`roadbook diff Q3 current`), so it would hide it",
                    a.origin.label(),
                    a.name
                ),
            );
            d.help = Some("give the snapshot another name (a tag: tag the same commit under the new name and delete the old tag; a folder: rename it)".into());
            diags.push(d);
            return false;
        }
        let folder = matches!(a.origin, source::Origin::Folder(_));
        let taken_by_folder = seen.get(&a.name.to_lowercase()).copied();
        if let (Some(true), source::Origin::Tag(tag)) = (taken_by_folder, &a.origin) {
            // What the quarter recorded in git, replaced by a folder anyone
            // can edit: the folder is read, so it must not pass unseen.
            let mut d = lints::SNAPSHOT_SHADOWED.at(
                crate::config::FILE,
                None,
                format!(
                    "git tag `{tag}` and folder `{}/{}/` name one version: the folder is read and the tag left out, so what the folder holds stands for the quarter in place of what was tagged",
                    current.snapshots.dir,
                    a.name
                ),
            );
            d.help = Some(format!(
                "remove the folder if the tag is the quarter's record (or rename it, if it is another version); if the folder is, delete the tag: `git tag -d {tag}`"
            ));
            diags.push(d);
            return false;
        }
        let ok = crate::base::id::valid_id(&a.name)
            && taken_by_folder.is_none()
            && seen.insert(a.name.to_lowercase(), folder).is_none();
        if !ok {
            let (why, help) = if a.name.is_empty() {
                // From a trial: `tags = "roadmap/2027-Q2*"` read the tag
                // `roadmap/2027-Q2` as a version named by what `*` matched.
                (
                    format!(
                        "its name is empty: a version is named by what the `*` of `[snapshots] tags = \"{}\"` matches, and here it matches nothing",
                        current.snapshots.tags
                    ),
                    "put the `*` where the version's name is (`roadmap/*`), and leave versions out with `[snapshots] ignore`",
                )
            } else {
                (
                    format!("its name `{}` is not usable in a path or is taken", a.name),
                    "give the snapshot a name of letters, digits, `-`, `_` and `.`, one no other version has",
                )
            };
            let mut d = lints::SNAPSHOT.at(
                crate::config::FILE,
                None,
                format!("{} is left out: {why}", a.origin.label()),
            );
            d.help = Some(help.into());
            diags.push(d);
        }
        ok
    });
    // A file several versions share is parsed once. What the history
    // needs of each version is kept; its bodies are read again when it is
    // rendered (see `Version::full`). One version at a time (its files are
    // parsed in parallel): each one's contents are let go before the next
    // is read. Two at a time took 44 MiB more at 10,000 initiatives with 8
    // snapshots, for half a second less.
    let results: Vec<Result<Version, Vec<Diagnostic>>> = archived
        .into_iter()
        .map(|a| {
            load_version(a, current, Some(&cache), true).map(|mut v| {
                v.roadmap.keep_for_history();
                v
            })
        })
        .collect();
    drop(cache);
    let mut versions = Vec::new();
    for r in results {
        match r {
            Ok(v) => versions.push(v),
            Err(d) => diags.extend(d),
        }
    }
    // Two snapshots of one day (before and after a steering committee) go
    // in the order they were made: by name, `q4-after-committee` came
    // before `q4-plan`, and the move between them went unseen.
    versions.sort_by(|a, b| {
        (a.config.today.day, a.source.made_at, &a.name).cmp(&(
            b.config.today.day,
            b.source.made_at,
            &b.name,
        ))
    });
    diags.extend(judged_against_history(current, &versions));
    diags.extend(ignored_but_readable(current, left_out));
    // A draft folder is published as the quarter, but the record holds
    // committed snapshots alone: edited before it is committed, no rewrite
    // is seen (from a trial).
    let draft = super::published::uncommitted(&current.root);
    for v in versions.iter().filter(|v| draft(v)) {
        let crate::source::Origin::Folder(dir) = &v.origin else {
            continue;
        };
        let mut d = lints::SNAPSHOT_UNCOMMITTED.at(
            crate::config::FILE,
            None,
            format!(
                "snapshot folder `{dir}/` has changes git has not committed: the site publishes it as snapshot {}, but no record holds it to what it reads now, so an edit before it is committed goes unseen",
                v.name
            ),
        );
        d.help = Some(format!(
            "commit it (`git add {dir} && git commit -m \"Snapshot {}\"`) before publishing, or remove it if it is a draft",
            v.name
        ));
        diags.push(d);
    }
    (versions, diags)
}

/// Snapshots `[snapshots] ignore` leaves out though they read as versions:
/// one line of book.toml took a quarter out of the history, and nothing
/// said so (from an auditor's trial). Each is read to know: one that
/// cannot be read is what the list is for, and stays out in silence.
fn ignored_but_readable(
    current: &Config,
    left_out: Vec<crate::source::Archived>,
) -> Vec<Diagnostic> {
    left_out
        .into_iter()
        .filter_map(|a| {
            let label = a.origin.label();
            let v = load_version(a, current, None, false).ok()?;
            let mut d = crate::lints::SNAPSHOT_IGNORED.at(
                crate::config::FILE,
                None,
                format!(
                    "{label} reads as a version of the roadmap (as of {}), and `[snapshots] ignore` leaves it out: the site has no version {}, and what changed up to it is measured from the snapshot before, as if it had never been recorded",
                    v.config.today.iso(),
                    v.name
                ),
            );
            d.help = Some(
                "take it out of `[snapshots] ignore` (the list is for snapshots that cannot be read); if it stays out on purpose, record why in an approved change request that names the rule (`settings: [snapshot-ignored]`) and set `snapshot-ignored = \"allow\"` in `[lints]`"
                    .into(),
            );
            Some(d)
        })
        .collect()
}

/// The day the quarter a version is named for began (`2027-Q2`, by the
/// fiscal year starting in month `fiscal_start`); `None` when its name
/// names no quarter.
pub(super) fn quarter_began(name: &str, fiscal_start: u8) -> Option<jiff::civil::Date> {
    crate::base::date::parse(name, crate::base::date::Edge::Start, fiscal_start)
        .ok()
        .filter(|_| name.contains(['Q', 'q']))
        .map(|d| d.day)
}

/// Snapshots named for a quarter, dated before it began and on or before
/// the day of a snapshot of an earlier quarter: a tag made by hand on an
/// earlier commit (the quarter before's) records that roadmap as this
/// quarter's, and every slip since is measured from it, with nothing said
/// (`roadbook snapshot` refuses to make one). A quarter's snapshot taken
/// early on its own day, after the quarter before's, is no mistake.
fn misdated(versions: &[Version]) -> Vec<Diagnostic> {
    use crate::source::Origin;
    let began_of = |v: &Version| quarter_began(&v.name, v.config.roadmap.fiscal_year_start);
    versions
        .iter()
        .filter_map(|v| {
            let began = began_of(v)?;
            let day = v.config.today.day;
            let earlier_quarter_on_or_after = versions.iter().any(|w| {
                !std::ptr::eq(w, v)
                    && began_of(w).is_some_and(|b| b < began)
                    && w.config.today.day >= day
            });
            if day >= began || !earlier_quarter_on_or_after {
                return None;
            }
            let (from, fix) = match &v.origin {
                Origin::Tag(tag) => (
                    format!("git tag `{tag}`{}", v.commit().map_or(String::new(), |c| format!(" on commit {}", &c[..c.len().min(12)]))),
                    format!(
                        "tag the commit the quarter was taken from, one whose book.toml stands for a day on or after {began} (`git log --oneline` on the main branch; `git tag -f -a {tag} <commit>`, then `git push --force origin {tag}`); if no commit is, take the snapshot again with `roadbook snapshot` once the quarter has begun (delete the tag first)"
                    ),
                ),
                Origin::Folder(dir) => (
                    format!("folder {dir}/"),
                    format!(
                        "set `today` in {dir}/book.toml to the day the quarter was taken (on or after {began}), or rename the folder for the quarter it holds"
                    ),
                ),
            };
            let mut d = crate::lints::SNAPSHOT_MISDATED.at(
                crate::config::FILE,
                None,
                format!(
                    "snapshot {} is dated {}, before {} began ({began}): read from {from}, it records the roadmap of an earlier day as that quarter's, and every slip, cut and restatement since is measured from it",
                    v.name,
                    v.config.today.iso(),
                    v.name
                ),
            );
            d.help = Some(fix);
            Some(d)
        })
        .collect()
}

/// Quarters tagged out of order: a tag dated before the next one but on a
/// commit made after it (a `roadbook snapshot` of the roadmap as it stands
/// now, dated back, or a tag made later on a later commit) reads the
/// roadmap of a later day as an earlier quarter's, and a slip made since
/// is compared the wrong way round, a move out read as one pulled in.
fn out_of_order(current: &Config, versions: &[Version]) -> Vec<Diagnostic> {
    use crate::source::Origin;
    let tag = |v: &Version| match &v.origin {
        Origin::Tag(tag) => Some(tag.clone()),
        Origin::Folder(_) => None,
    };
    let tagged: Vec<(&Version, String)> =
        versions.iter().filter_map(|v| Some((v, tag(v)?))).collect();
    tagged
        .windows(2)
        .filter_map(|pair| {
            let ((earlier, a), (later, b)) = (&pair[0], &pair[1]);
            let (a, b) = (a.clone(), b.clone());
            if earlier.config.today.day == later.config.today.day
                || !crate::source::git::tag_before_tag(&current.root, &b, &a)
            {
                return None;
            }
            let mut d = crate::lints::SNAPSHOT_OUT_OF_ORDER.at(
                crate::config::FILE,
                None,
                format!(
                    "snapshot {} is dated {}, before snapshot {} ({}), but its tag `{a}` is on a commit made after `{b}`'s: the roadmap of a later day reads as the earlier quarter's, and what changed between them reads the wrong way round",
                    earlier.name,
                    earlier.config.today.iso(),
                    later.name,
                    later.config.today.iso()
                ),
            );
            d.help = Some(format!(
                "tag the commit the quarter was really taken from (`git log --oneline` on the main branch; `git tag -f -a {a} <commit>`), or delete the tag if that quarter was never recorded"
            ));
            Some(d)
        })
        .collect()
}

/// Each `book.toml` threshold set looser than a snapshot had it (every one
/// of them is looser higher), and each rule of what needs a decision
/// turned off that a snapshot did not turn off, with what it stops
/// finding. Judged against the whole history, as slips are: taking a
/// snapshot with the new value clears nothing (from a trial: a tolerance
/// raised, then the quarter's snapshot taken, hid three slips for good).
/// What clears it is an approved change request naming the setting in
/// `settings:`, decided on or after the day of the last snapshot that had
/// it stricter (the change came after it), as the first snapshot holding
/// the request approved recorded it: `settings:` written into a decision
/// on record since approves nothing. `versions`: oldest first.
pub(super) fn settings_loosened(
    current: &Config,
    versions: &[Version],
    changes: &[crate::model::Change],
) -> Vec<Diagnostic> {
    let today = current.today.day;
    // A request's settings as first recorded approved, with the version
    // that recorded it (whose values it approved); else as written, for
    // the values of now.
    let settings_of = |c: &crate::model::Change| -> (Vec<String>, Option<&Version>) {
        versions
            .iter()
            .find_map(|v| {
                v.approved_settings
                    .iter()
                    .find(|(id, _)| *id == c.meta.id)
                    .map(|(_, settings)| (settings.clone(), Some(v)))
            })
            .unwrap_or_else(|| (c.settings.clone(), None))
    };
    // `stricter(v)`: the version holds the setting stricter than now. The
    // newest such, unless a decision since names the setting, recorded
    // where the setting was as loose as now (`covers`): a tolerance
    // approved at 100 and raised to 400 since wants a decision of its own
    // (from a trial).
    let judged = |key: &str,
                  stricter: &dyn Fn(&Version) -> bool,
                  covers: &dyn Fn(&Version) -> bool|
     -> Option<usize> {
        let k = versions.iter().rposition(stricter)?;
        let since = versions[k].config.today.day;
        let approved = changes.iter().any(|c| {
            if !c.approves() || c.decision_begins() > today || c.decision_begins() < since {
                return false;
            }
            let (settings, recorded) = settings_of(c);
            settings.iter().any(|s| s == key) && recorded.is_none_or(covers)
        });
        (!approved).then_some(k)
    };
    // Snapshots since the strict one, taken with the setting as it is now:
    // their record of it is no decision.
    let on_record = |k: usize| match versions.len() - 1 - k {
        0 => String::new(),
        n => format!(
            " (the {} since, taken with it, records no decision)",
            crate::words::count(n, "snapshot", "snapshots")
        ),
    };
    let figure = crate::words::exact;
    let mut out = Vec::new();
    let thresholds = crate::config::loosenable(current);
    for (n, (table, key, now, hides)) in thresholds.into_iter().enumerate() {
        let was = |v: &Version| crate::config::loosenable(&v.config)[n].2;
        let Some(k) = judged(key, &|v| was(v) < now, &|v| was(v) >= now) else {
            continue;
        };
        let v = &versions[k];
        let mut d = crate::lints::THRESHOLD_LOOSENED.at(
            crate::config::FILE,
            None,
            format!(
                "`[{table}] {key}` is {}, and snapshot {} had {}: {hides}, so what the snapshot judged reads better with nothing in the roadmap changed{}",
                figure(now),
                v.name,
                figure(was(v)),
                on_record(k),
            ),
        );
        d.help = Some(format!(
            "put back `{key} = {}`; if the threshold was raised on purpose, record the decision: an approved change request with `settings: [{key}]` (`roadbook new change ID --settings {key} --decided-by NAME`)",
            figure(was(v))
        ));
        out.push(d);
    }
    let off = crate::lints::ALL.iter().filter(|r| {
        r.tunable && crate::config::guarded(r) && current.level(r) == crate::lints::Level::Allow
    });
    for rule in off {
        let Some(k) = judged(
            rule.name,
            &|v| !v.allowed_then.contains(&rule.name),
            &|_| true,
        ) else {
            continue;
        };
        let mut d = crate::lints::THRESHOLD_LOOSENED.at(
            crate::config::FILE,
            None,
            format!(
                "`[lints] {}` is \"allow\", and snapshot {} did not turn it off: what it finds {}, and its findings leave `roadbook check`, the findings page and the brief's count of them{}",
                rule.name,
                versions[k].name,
                if rule.weight == crate::diag::Weight::Decision {
                    "needs a decision"
                } else {
                    "puts delivery at risk"
                },
                on_record(k),
            ),
        );
        d.help = Some(format!(
            "take the line `{} = \"allow\"` out of `[lints]`; if the rule was turned off on purpose, record the decision: an approved change request with `settings: [{}]` (`roadbook new change ID --settings {} --decided-by NAME`)",
            rule.name, rule.name, rule.name
        ));
        out.push(d);
    }
    out
}

/// What the working tree's settings say against its history: a `today`
/// pinned before the newest snapshot, a currency relabelled since the
/// money was written. `versions`: oldest first.
fn judged_against_history(current: &Config, versions: &[Version]) -> Vec<Diagnostic> {
    use crate::lints;
    let mut out = out_of_order(current, versions);
    out.extend(misdated(versions));
    // The working tree judged on a day before its own history: nothing is
    // overdue that a snapshot already showed overdue, and every period
    // runs backwards. A day pinned in book.toml, or the real date: then the
    // snapshot is dated ahead of its day (a `today` pinned in the future
    // when it was taken). Not SOURCE_DATE_EPOCH: a commit's time comes
    // before the tag made on it. A day short is no one's statement (a tag
    // dated in another time zone).
    let judged = matches!(current.today_source, "book.toml" | "the clock");
    if let Some(newest) = versions.last().filter(|_| judged) {
        let days_short = crate::analysis::days_between(current.today.day, newest.config.today.day);
        if days_short > 1 && current.today_source == "the clock" {
            let mut d = lints::TODAY_BEFORE_SNAPSHOT.at(
                crate::config::FILE,
                None,
                format!(
                    "snapshot {} stands for {}, {days_short} days after today ({}, the clock): it was dated ahead of its day, and until that day comes overdue work, forecasts and the latest period read as of a day the history has passed",
                    newest.name,
                    newest.config.today.iso(),
                    current.today.iso(),
                ),
            );
            d.help = Some(format!(
                "a snapshot records a day that has come: take {} again with `today` set to the day it stands for, once that day has come (delete its {} first), or set `today` in book.toml to the day the roadmap stands for",
                newest.name,
                match &newest.origin {
                    crate::source::Origin::Tag(tag) => format!("tag `{tag}`"),
                    crate::source::Origin::Folder(dir) => format!("folder `{dir}/`"),
                }
            ));
            out.push(d);
        } else if days_short > 1 {
            let mut d = lints::TODAY_BEFORE_SNAPSHOT.at(
                crate::config::FILE,
                None,
                format!(
                    "the roadmap is judged as of {} ({}), before snapshot {} ({}): overdue work, forecasts and the latest period all read as of a day its own history has passed",
                    current.today.iso(),
                    current.today_source,
                    newest.name,
                    newest.config.today.iso()
                ),
            );
            d.help = Some(format!(
                "set `today` in book.toml to the day the roadmap stands for (on or after {}), or remove it to use the real date; to rebuild an older quarter, build its own version (`v/{}/`) instead",
                newest.config.today.iso(),
                newest.name
            ));
            out.push(d);
        }
    }
    // The fiscal year moved: `2027-Q1` now means other months, and every
    // milestone written as a quarter reads as moved with nothing touched.
    // Against the newest snapshot: once one is taken with the new start,
    // the change is on record.
    let fy = current.roadmap.fiscal_year_start;
    if let Some(newest) = versions
        .last()
        .filter(|v| v.config.roadmap.fiscal_year_start != fy)
    {
        let was = newest.config.roadmap.fiscal_year_start;
        let year = current.today.day.year();
        let q1 = |start: u8| {
            crate::base::date::quarter_bounds(year, 1, start).map_or_else(String::new, |(a, b)| {
                format!(
                    "{} to {}",
                    crate::base::date::iso(a),
                    crate::base::date::iso(b)
                )
            })
        };
        let mut d = lints::FISCAL_YEAR_CHANGED.at(
            crate::config::FILE,
            None,
            format!(
                "`fiscal-year-start` is {fy}, and snapshot {} had {was}: every date written as a quarter now means other months (`{year}-Q1` was {}, now {}), so milestones nobody touched read as moved",
                newest.name,
                q1(was),
                q1(fy)
            ),
        );
        d.help = Some(format!(
            "if the fiscal year did not change, put back `fiscal-year-start = {was}`; if it did, rewrite the quarter dates in the new fiscal year (each the day it meant before) and record the change in an approved change request; the next snapshot, taken with the new start, puts it on record"
        ));
        out.push(d);
    }
    // The same amounts relabelled: a budget of 600,000 EUR read as USD
    // from here on, and every move between them compared across units.
    // Against the newest snapshot that kept money: once one is taken in
    // the new currency, the change is on record. A symbol and its code
    // (`€`, `EUR`) are one currency.
    let keeps_money = |r: &Roadmap| {
        r.initiatives
            .iter()
            .any(|i| i.budget.is_some() || !i.spend.is_empty())
    };
    let unit = crate::words::currency_code;
    let now = &current.budget.currency;
    if let Some(v) = versions
        .iter()
        .rev()
        .find(|v| keeps_money(&v.roadmap))
        .filter(|v| unit(&v.config.budget.currency) != unit(now))
    {
        let was = &v.config.budget.currency;
        let mut d = lints::CURRENCY_CHANGED.at(
            crate::config::FILE,
            None,
            format!(
                "`[budget] currency` is {now}, and snapshot {} kept its money in {was}: the amounts of both are compared as one currency, so each figure now reads in {now} what was written in {was}",
                v.name
            ),
        );
        d.help = Some(format!(
            "if the amounts were not converted, put back `currency = \"{was}\"`; if they were, record the conversion in an approved change request: the next snapshot, in {now}, puts the change on record"
        ));
        out.push(d);
    }
    out
}

/// Tags that look meant as snapshots but do not match the pattern:
/// `2027-Q4` tagged by hand without `roadmap/` was no version, and the
/// quarter's slips went unseen with no word said. Looking meant: the
/// pattern's word in the name, or (for a project at the repository's root;
/// beside others, their tags are theirs) a quarter such as `2027-Q4`. A
/// tag whose corrected name exists is taken care of, and release tags are
/// none of the roadmap's business.
/// `tagged`: the versions the pattern's tags are.
/// The tags the pattern of now reads: those it made versions of, and
/// those it could not read.
fn tags_read<'a>(
    tagged: &'a [crate::source::Archived],
    unreadable: &'a [(String, String)],
) -> std::collections::HashSet<&'a str> {
    tagged
        .iter()
        .filter_map(|a| match &a.origin {
            crate::source::Origin::Tag(tag) => Some(tag.as_str()),
            _ => None,
        })
        .chain(unreadable.iter().map(|(tag, _)| tag.as_str()))
        .collect()
}

/// Snapshots whose tag says which snapshot came before it (`roadbook
/// snapshot` writes it, see [`crate::source::git::FOLLOWS`]) where that
/// one's tag is gone, or on another commit now: a quarter deleted with
/// `git tag -d` and a build in a fresh folder took its slips off the site
/// with nothing said (from a trial). A tag still there on its commit but
/// left out of the history is said by the rule that leaves it out; one
/// whose deletion or new reading book.toml's `approved-rewrites` approves
/// is not said.
fn gone_from_the_chain(
    root: &std::path::Path,
    current: &Config,
    tagged: &[crate::source::Archived],
    unreadable: &[(String, String)],
) -> Vec<Diagnostic> {
    use crate::source::git;
    let read = tags_read(tagged, unreadable);
    let follows: Vec<git::Follows> = git::tag_follows(root, &current.snapshots.tags)
        .into_iter()
        .filter(|f| read.contains(f.tag.as_str()))
        .collect();
    if follows.is_empty() {
        return Vec::new();
    }
    let now: std::collections::HashMap<String, String> =
        git::tag_commits(root).into_iter().collect();
    // A shallow clone fetched only the tags on the commits it has: one
    // missing there is not gone (from a trial: the tag's own repository had
    // it, and `missing-history` says why the quarters are missing).
    let shallow = git::is_shallow(root);
    let prefix = current.snapshots.tag_prefix();
    let name_of = |tag: &str| tag.strip_prefix(prefix).unwrap_or(tag).to_string();
    let short = |c: &str| c.chars().take(7).collect::<String>();
    follows
        .into_iter()
        .filter_map(|f| {
            let git::Follows {
                tag,
                followed,
                commit,
                made,
            } = f;
            let (name, was) = (name_of(&tag), name_of(&followed));
            // Made again at the moment it was, so that it orders and dates
            // as it did: the trailer says when (the fix left a date to find
            // and fill in; a trailer written before it said so still does).
            let (dated, when) = match &made {
                Some(made) => (format!("GIT_COMMITTER_DATE=\"{made}\" "), String::new()),
                None => (
                    String::new(),
                    " (made at the moment it was: `GIT_COMMITTER_DATE=\"WHEN\"` before it, WHEN the date it was first made)".to_string(),
                ),
            };
            let (what, reading, fix) = match now.get(&followed) {
                Some(c) if *c == commit => return None,
                Some(c) => (
                    format!("is on commit {} now", short(c)),
                    c.clone(),
                    format!("put the tag back on the commit it recorded: `{dated}git tag -f -a {followed} {commit} -m \"Roadmap snapshot {was}\"`{when}, then push it with `--force`"),
                ),
                None if shallow => return None,
                None => (
                    "is gone".to_string(),
                    "deleted".to_string(),
                    format!("put the tag back: `{dated}git tag -a {followed} {commit} -m \"Roadmap snapshot {was}\"`{when}, then push it"),
                ),
            };
            if current.snapshots.rewrite_approved(&was, &[reading.as_str()]).is_some() {
                return None;
            }
            let mut d = crate::lints::SNAPSHOT_GONE.at(
                crate::config::FILE,
                None,
                format!(
                    "snapshot {name} was taken after {was} (tag `{followed}` on commit {}), and that tag {what}: the quarter it recorded is not the one the history measures slips from, or not in it at all",
                    short(&commit)
                ),
            );
            d.help = Some(format!(
                "{fix}; if it was changed on purpose, record why in an approved change request and approve it in book.toml: `[snapshots] approved-rewrites = [\"{was}@{} CHANGE\"]`",
                if reading == "deleted" { reading.clone() } else { short(&reading) }
            ));
            Some(d)
        })
        .collect()
}

/// Tags that were snapshots by the `[snapshots] tags` of their own
/// book.toml and that the pattern of now leaves out: one line of book.toml
/// (`tags = "roadmap/20??-Q4"`) took every other quarter out of the
/// history, and only a hygiene warning said "not a version" (from a
/// trial). Each tag's book.toml is read from git; a tag with none, or
/// none that reads, was never a snapshot by its own record; one the pattern
/// of now reads under another name (the same commit tagged again) is not
/// dropped. One `[snapshots] ignore` names is `snapshot-ignored`: a
/// wildcard there with the pattern changed took every quarter out in
/// silence (from a review).
fn dropped_by_pattern(
    root: &std::path::Path,
    current: &Config,
    tagged: &[crate::source::Archived],
    unreadable: &[(String, String)],
    no_env: &Environment,
) -> Vec<(String, Diagnostic)> {
    use crate::source::git;
    let all = git::tag_commits(root);
    if all.len() == tagged.len() + unreadable.len() {
        return Vec::new();
    }
    let read = tags_read(tagged, unreadable);
    // A quarter tagged again under the pattern of now is read: its old tag
    // left behind drops nothing.
    let read_commits: std::collections::HashSet<&str> = all
        .iter()
        .filter(|(tag, _)| read.contains(tag.as_str()))
        .map(|(_, commit)| commit.as_str())
        .collect();
    let others: Vec<&(String, String)> = all
        .iter()
        .filter(|(tag, commit)| {
            !read.contains(tag.as_str()) && !read_commits.contains(commit.as_str())
        })
        .collect();
    // Each commit looked up once: tags often share one.
    let mut commits: Vec<&str> = others.iter().map(|(_, c)| c.as_str()).collect();
    commits.sort_unstable();
    commits.dedup();
    let path = format!("{}{}", git::prefix(root), crate::config::FILE);
    let (at_commit, contents) = git::file_at_commits(root, &commits, &path);
    let books: Vec<Option<usize>> = others
        .iter()
        .map(|(_, c)| {
            commits
                .binary_search(&c.as_str())
                .ok()
                .and_then(|i| at_commit[i])
        })
        .collect();
    // Each distinct book.toml parsed once.
    let configs: Vec<Option<Config>> = contents
        .iter()
        .map(|text| Config::parse(root, std::str::from_utf8(text).ok()?, no_env).ok())
        .collect();
    let now = &current.snapshots;
    others
        .into_iter()
        .zip(books)
        .filter_map(|((tag, _), book)| {
            let then = &configs[book?].as_ref()?.snapshots;
            // The same pattern: the tag was never read under it (`*` of
            // git's tag listing stops at `/`), nothing was changed.
            if then.tags == now.tags || !then.tag_matches(tag) || then.ignores(tag) {
                return None;
            }
            let d = if now.ignores(tag) {
                let mut d = crate::lints::SNAPSHOT_IGNORED.at(
                    crate::config::FILE,
                    None,
                    format!(
                        "tag `{tag}` is a snapshot by its own book.toml (`[snapshots] tags = \"{}\"`), and `[snapshots] ignore` leaves it out (nor does `tags = \"{}\"` match it): the quarter it recorded is gone from the history and the site",
                        then.tags, now.tags
                    ),
                );
                d.help = Some("take it out of `[snapshots] ignore` and put back a `tags` pattern that matches it; if it stays out on purpose, record why in an approved change request that names the rule (`settings: [snapshot-ignored]`) and set `snapshot-ignored = \"allow\"` in `[lints]`".into());
                d
            } else {
                let mut d = crate::lints::SNAPSHOT_DROPPED.at(
                    crate::config::FILE,
                    None,
                    format!(
                        "tag `{tag}` is a snapshot by its own book.toml (`[snapshots] tags = \"{}\"`), and `[snapshots] tags = \"{}\"` leaves it out: the quarter it recorded is gone from the history and the site, and what changed since is measured from the snapshot before it, or from nothing",
                        then.tags, now.tags
                    ),
                );
                d.help = Some(format!(
                    "put back `tags = \"{}\"`, or a pattern that matches it; if the tags were renamed, tag the same commit under the new pattern (keeping the tag's date); if the quarter stays out on purpose, list it in `[snapshots] ignore` and record why in an approved change request (`snapshot-ignored` says so until then)",
                    then.tags
                ));
                d
            };
            Some((tag.clone(), d))
        })
        .collect()
}

fn look_alike_tags(
    root: &std::path::Path,
    snapshots: &crate::config::Snapshots,
    tagged: &[crate::source::Archived],
    unreadable: &[(String, String)],
    dropped: &[String],
) -> Option<Diagnostic> {
    use crate::source::git;
    // Empty outside a repository, or in one without tags.
    let all = git::tag_names(root);
    if all.len() == tagged.len() + unreadable.len() {
        return None;
    }
    let fixed = snapshots.tag_prefix();
    let word = fixed.trim_matches('/').to_ascii_lowercase();
    let alone = git::prefix(root).is_empty();
    let quarter = |name: &str| {
        let b = name.as_bytes();
        (0..b.len().saturating_sub(5)).any(|i| {
            b[i..i + 4].iter().all(u8::is_ascii_digit)
                && matches!(&b[i + 4..], [b'-' | b'_', b'Q' | b'q', d, ..] | [b'Q' | b'q', d, ..] if (b'1'..=b'4').contains(d))
        })
    };
    let matched = tags_read(tagged, unreadable);
    // The version name the tag meant: its last part, without the word.
    let meant = |tag: &str| -> String {
        let last = tag.rsplit('/').next().unwrap_or(tag);
        let lower = last.to_ascii_lowercase();
        match lower.strip_prefix(&word) {
            Some(rest) if !word.is_empty() && !rest.is_empty() => last[last.len() - rest.len()..]
                .trim_start_matches(['-', '_'])
                .to_string(),
            _ => last.to_string(),
        }
    };
    let strays: Vec<String> = git::tag_names(root)
        .into_iter()
        .filter(|t| !matched.contains(t.as_str()) && !snapshots.ignores(t) && !dropped.contains(t))
        .filter(|t| {
            (alone && quarter(t)) || (!word.is_empty() && t.to_ascii_lowercase().contains(&word))
        })
        .filter(|t| !matched.contains(format!("{fixed}{}", meant(t)).as_str()))
        .collect();
    let first = strays.first()?;
    let mut listed: Vec<String> = strays.iter().take(5).map(|t| format!("`{t}`")).collect();
    if strays.len() > 5 {
        listed.push(format!("{} more", strays.len() - 5));
    }
    let (what, verb) = if strays.len() == 1 {
        ("tag", "is not a version")
    } else {
        ("tags", "are not versions")
    };
    let mut d = crate::lints::SNAPSHOT.at(
        crate::config::FILE,
        None,
        format!(
            "{what} {} {verb}: versions are the tags matching `{}`",
            listed.join(", "),
            snapshots.tags
        ),
    );
    let name = meant(first);
    // A pattern that pins the year (`roadmap/2027-*`, after a change of
    // the pattern) has no tag that could stand for another year's quarter:
    // `roadmap/2027-2026-Q4` was the suggestion.
    let (head, tail) = fixed.rsplit_once('/').unwrap_or(("", fixed));
    let pins_a_year = tail
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    let retag = |tag: &str| {
        format!(
            "tag the same commit under the pattern (`git tag -a {tag} {first}^{{}} -m \"Roadmap {name}\"`, with GIT_COMMITTER_DATE set to the old tag's date to keep its day) and delete the old one (`git tag -d {first}`, and on the remote); or list it in `[snapshots] ignore`"
        )
    };
    d.help = Some(match name.strip_prefix(tail) {
        // The pattern names the year the tag does: only the prefix differs.
        Some(_) if pins_a_year => retag(&format!("{}{name}", &fixed[..fixed.len() - tail.len()])),
        // Another year: no tag under the pattern stands for it. Widened to
        // its folder, never to every tag (release tags would be read).
        None if pins_a_year => {
            let widen = if head.is_empty() {
                "to one that matches it and no release tag".to_string()
            } else {
                format!("to `tags = \"{head}/*\"`")
            };
            format!(
                "`[snapshots] tags = \"{}\"` pins the year, so no tag under it stands for {name}: if it is a quarter of this roadmap, widen the pattern {widen}; else list it in `[snapshots] ignore`",
                snapshots.tags
            )
        }
        _ => retag(&format!("{fixed}{name}")),
    });
    Some(d)
}

/// `hash`: make its [`Version::content_hash`], which only the versions the
/// history reads need (not one read again to be rendered).
fn load_version(
    a: crate::source::Archived,
    current: &Config,
    cache: Option<&build::ParseCache>,
    hash: bool,
) -> Result<Version, Vec<Diagnostic>> {
    use crate::lints;
    let label = a.origin.label();
    let wrap = |d: Diagnostic| {
        let mut w = lints::SNAPSHOT.at(&d.path, d.span, format!("in {label}: {}", d.message));
        // A tag is not edited: what fixes the file is for a new tag, and
        // this one can be left out in silence.
        let out = "this version is left out of the site; if it is to stay out, list it in `[snapshots] ignore`";
        w.help = Some(match d.help {
            Some(fix) => format!("{fix} ({out})"),
            None => out.to_string(),
        });
        w.source_line = d.source_line;
        w.source_from = d.source_from;
        w
    };
    let Some(text) = &a.config_text else {
        return Err(vec![lints::SNAPSHOT.at(
            &a.display_prefix,
            None,
            format!("{label} has no book.toml; it is left out"),
        )]);
    };
    let env = Environment {
        archived: true,
        ..Environment::default()
    };
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
            .and_then(|h| crate::base::date::parse(h, crate::base::date::Edge::Start, 1).ok());
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
    let allowed_then = crate::lints::ALL
        .iter()
        .filter(|r| config.level(r) == crate::lints::Level::Allow)
        .map(|r| r.name)
        .collect();
    config.lints = current.lints.clone();
    let (read, unreadable) = a.read_files().map_err(|e| {
        vec![lints::SNAPSHOT.at(
            &a.display_prefix,
            None,
            format!("{label} cannot be read: {e}"),
        )]
    })?;
    let source_hash = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        a.config_text.hash(&mut h);
        read.hash(&mut h);
        a.date_hint.hash(&mut h);
        h.finish()
    };
    let files = crate::source::content_of(&a, read, &config.build.content_dir);
    let content_hash = if hash {
        super::published::content_hash(a.config_text.as_deref(), &files)
    } else {
        [0; 16]
    };
    let (roadmap, diags) = build::build_with(&files, &config, cache);
    let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).cloned().collect();
    if !errors.is_empty() {
        let mut errors = errors;
        super::attach_lines(&mut errors, &files, None);
        return Err(errors.into_iter().map(wrap).collect());
    }
    let mut parse_findings: Vec<Diagnostic> = unreadable.into_iter().map(wrap).collect();
    // A snapshot cannot be edited: asking it to respell a field (written
    // before the field was renamed) is noise on its findings page.
    parse_findings.extend(
        diags
            .into_iter()
            .filter(|d| d.code != crate::lints::RENAMED_FIELD.code),
    );
    let approved_settings = approved_settings(&roadmap);
    Ok(Version {
        name: a.name.clone(),
        origin: a.origin.clone(),
        files: files.len(),
        config,
        roadmap,
        parse_findings,
        allowed_then,
        approved_settings,
        carried: Vec::new(),
        source_hash,
        content_hash,
        source: a,
    })
}

/// Each change request `r` holds approved, with its `settings:`.
fn approved_settings(r: &Roadmap) -> Vec<(String, Vec<String>)> {
    r.changes
        .iter()
        .filter(|c| c.approves())
        .map(|c| (c.meta.id.clone(), c.settings.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

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
