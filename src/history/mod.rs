//! History: an ordered list of roadmaps (the snapshots, oldest first, then
//! the working tree) turned into baselines, slips and their
//! acknowledgement, scope changes, latent slips, and a diff per consecutive
//! pair. Pure functions over the model: no I/O.

mod approvals;
mod figures;
mod periods;
mod raid;
mod record;
mod rises;
mod slips;

pub use approvals::*;
pub use figures::*;
pub use periods::*;
pub use raid::*;
pub use record::*;
pub use rises::*;
pub use slips::*;

use crate::analysis::{days_between, schedule};
use crate::base::Sym;
use crate::base::{HashMap, HashSet};
use crate::model::{Initiative, Roadmap};
use jiff::civil::Date as Day;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One roadmap in the history.
pub struct Point<'a> {
    /// Snapshot name, or `current` for the working tree.
    pub name: &'a str,
    pub today: Day,
    pub roadmap: &'a Roadmap,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct History {
    /// Names of the points, oldest first (the last is `current`).
    pub points: Vec<(String, Day)>,
    /// Each approved change request, by the day it counts as decided
    /// (as on record; see `Approvals::of`).
    #[serde(skip)]
    pub decided: BTreeMap<Sym, Day>,
    /// Each approved change request, by the day it was decided as written
    /// (as on record): what pages show.
    #[serde(skip)]
    pub decided_written: BTreeMap<Sym, Day>,
    pub baselines: BTreeMap<Sym, Baseline>,
    /// Every milestone of the current roadmap whose due differs from its
    /// baseline.
    pub slips: Vec<Slip>,
    pub diffs: Vec<Diff>,
    /// Milestone → its due date in each point (None: not there).
    pub dates: BTreeMap<Sym, DateTrail>,
    /// Milestones a snapshot had and the working tree has lost, of
    /// initiatives it still has: their pages show their dates too.
    #[serde(skip)]
    pub removed_milestones: Vec<RemovedMilestone>,
    /// (kept, done): done milestones delivered by the date first promised.
    pub promises: (usize, usize),
    /// Milestones written in once done, no promise of them on record (see
    /// `written_in_once_done`): the delivery rate leaves them out, as the
    /// promises do (counted, a new initiative of ten milestones done on
    /// time raised the brief's rate from 33 % to 75 %; from a trial).
    /// With them, the done initiatives of no milestones written in so
    /// (see `slips::initiatives_written_in_done`), for the cycle times.
    #[serde(skip)]
    pub unrecorded_done: BTreeSet<Sym>,
    /// Scope changes over the whole history that still stand and that no
    /// approved change request covers: taking a snapshot clears none.
    pub open_scope: Vec<ScopeChange>,
    /// Latent slips over the whole history that still stand (the dependent
    /// kept its dates, the dependency did not recover) and that no approved
    /// change request confirms.
    pub open_latent: Vec<Latent>,
    /// Budget increases over the whole history, of initiatives still in
    /// the roadmap, that no approved change request covers.
    pub open_budget: Vec<BudgetIncrease>,
    /// How the roadmap's budget moved, period by period, from the first
    /// point that kept budgets.
    pub budget_bridge: Vec<BudgetStep>,
    /// Initiatives whose written end stands later than the last one
    /// approved, beyond the slip tolerance.
    pub open_ends: Vec<EndSlip>,
    /// Committed initiatives of a snapshot cancelled since with no
    /// approved change request affecting them since.
    pub open_cancellations: Vec<Cancellation>,
    /// Live initiatives of a snapshot the working tree has lost.
    pub removed_live: Vec<RemovedInitiative>,
    /// The working tree's retired KPIs that a snapshot showed measured, with
    /// no approved change request affecting them decided since.
    pub open_retirements: Vec<KpiRetirement>,
    /// The working tree's retired outcomes that a snapshot pursued, with
    /// no approved change request affecting them decided since.
    pub open_outcome_retirements: Vec<OutcomeRetirement>,
    /// Live initiatives taken off an outcome a snapshot had them serve,
    /// with no approved change request since.
    pub open_outcome_unlinks: Vec<OutcomeUnlinked>,
    /// The working tree's KPIs that a snapshot showed measuring an outcome
    /// they no longer measure, with no approved change request affecting
    /// either decided since.
    pub open_unlinked: Vec<KpiUnlinked>,
    pub open_loosened: Vec<TargetLoosened>,
    /// KPIs turned around (`direction` changed) with no approved change
    /// request affecting them decided since the snapshot before.
    pub open_turned: Vec<DirectionTurned>,
    /// KPIs whose baseline moved so that their progress reads better,
    /// with no approved change request since.
    pub open_baselines: Vec<BaselineMoved>,
    /// Outcome horizons later, or taken out, with no approved change
    /// request affecting the outcome decided since the snapshot before.
    pub open_horizons: Vec<HorizonLater>,
    /// Open RAID items scored lower than a snapshot since their last
    /// review had them.
    pub lowered_risks: Vec<RiskLowered>,
    /// Open RAID items affecting less than snapshots had them affect,
    /// with no review recorded since.
    pub narrowed_risks: Vec<RiskNarrowed>,
    /// Committed work's effort for a team cut with no approved change
    /// request since the last snapshot that had it higher.
    pub open_effort_cuts: Vec<EffortCut>,
    /// Teams' capacity raised, or committed work moved onto a team no
    /// snapshot had, with no approved change request since.
    pub open_capacity_rises: Vec<CapacityRise>,
    /// KPIs with reported figures in a snapshot whose file the working
    /// tree no longer has.
    pub removed_kpis: Vec<RemovedKpi>,
    /// Outcomes a snapshot pursued whose file the working tree no longer
    /// has.
    pub removed_outcomes: Vec<RemovedOutcome>,
    /// RAID items open in the last snapshot that had them whose file the
    /// working tree no longer has.
    pub removed_risks: Vec<RemovedRisk>,
    /// Budgets rewritten since the last snapshot that had them, their
    /// total the same, to plan more by that snapshot's day, with no
    /// approved change request affecting the initiative since.
    pub open_rephasings: Vec<BudgetRephase>,
    /// Milestones whose `done:` is dated more than a week before what a
    /// snapshot recorded (open and overdue on its day, or done later),
    /// with no approved change request affecting them decided since.
    pub open_backdated: Vec<Backdated>,
    /// Open work whose start is dated before a snapshot that had it
    /// starting later, with no approved change request since.
    pub open_backdated_starts: Vec<StartBackdated>,
    /// Reported KPI figures the working tree shows changed or taken out,
    /// with no approved change request affecting the KPI since.
    pub open_revisions: Vec<FigureRevision>,
    /// Change requests of a snapshot whose file the working tree no longer
    /// has.
    pub removed_changes: Vec<RemovedChange>,
    pub removed_reviews: Vec<RemovedReview>,
    /// Approved change requests rewritten since a snapshot recorded them
    /// so that they would approve more.
    pub rewritten_approvals: Vec<RewrittenApproval>,
    /// Approved change requests dated before a snapshot that had them
    /// undecided.
    pub backdated_approvals: Vec<BackdatedApproval>,
    /// Reviews dated before a snapshot that did not have them.
    pub backdated_reviews: Vec<BackdatedReview>,
    /// Reviews whose decisions, attendees or type changed since a snapshot
    /// recorded them.
    pub rewritten_reviews: Vec<RewrittenReview>,
    /// Each RAID item of the current roadmap, as every point recorded it.
    #[serde(skip)]
    pub raid: RaidLog,
    /// Milestone → its index in `slips`.
    #[serde(skip)]
    slip_index: BTreeMap<Sym, usize>,
    /// Milestone → the requests decided later that topped up the one its
    /// slip names (approved for fewer days than the move took): its row
    /// names them all (it read "acknowledged by" a request of 30 days for
    /// a move of 60). Only the few that have any.
    #[serde(skip)]
    slip_top_ups: BTreeMap<Sym, Vec<Sym>>,
}

/// One milestone's due date as each point of the history wrote it (`None`:
/// not there), each distinct text kept once. A milestone moves a few times
/// in a history: kept once per point, the texts were 14 MB at 10,000
/// initiatives with 8 snapshots, alive while the working tree rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateTrail {
    texts: Vec<Sym>,
    /// Per point, 1 + the index of its text, or 0.
    at: Box<[u32]>,
}

impl DateTrail {
    pub fn of<'t>(dates: impl IntoIterator<Item = Option<&'t str>>) -> DateTrail {
        let mut texts: Vec<Sym> = Vec::new();
        let at = dates
            .into_iter()
            .map(|date| {
                let Some(date) = date else { return 0 };
                let k = texts.iter().position(|t| t == date).unwrap_or_else(|| {
                    texts.push(Sym::from(date));
                    texts.len() - 1
                });
                // At most one text per point: a `u32` holds any history.
                u32::try_from(k + 1).unwrap_or(u32::MAX)
            })
            .collect();
        texts.shrink_to_fit();
        DateTrail { texts, at }
    }

    /// The due date at each point, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.at.iter().map(|&k| {
            let k = (k as usize).checked_sub(1)?;
            self.texts.get(k).map(Sym::as_str)
        })
    }

    /// Whether the points wrote more than one date.
    pub fn changed(&self) -> bool {
        self.texts.len() > 1
    }
}

/// As the list of dates it stands for.
impl Serialize for DateTrail {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The name of the working tree among the history's points.
pub const CURRENT: &str = "current";

/// Whether `name` would be taken for the working tree (`roadbook diff Q3
/// current`, the history's periods): no snapshot may have it.
pub fn names_the_working_tree(name: &str) -> bool {
    name.eq_ignore_ascii_case(CURRENT)
}

impl History {
    /// Names, in `d`, the requests its rows credit that were decided after
    /// its end (see [`Diff::approved_later`]).
    pub fn mark_approved_later(&self, d: &mut Diff) {
        d.approved_later = d
            .approvals_named()
            .into_iter()
            .filter_map(|id| {
                let day = *self.decided.get(&id)?;
                let written = self.decided_written.get(&id).copied().unwrap_or(day);
                (day > d.to_today).then(|| ApprovedLater {
                    id,
                    decided: crate::base::date::iso(written).as_str().into(),
                })
            })
            .collect();
    }

    /// The requests decided within `d` that the consecutive periods ending
    /// by its start name as approved later (see [`Diff::approves_earlier`]).
    pub fn approves_earlier(&self, d: &Diff) -> Vec<ApprovesEarlier> {
        let mut by_request: BTreeMap<Sym, ApprovesEarlier> = BTreeMap::new();
        for e in self.diffs.iter().filter(|e| e.to_today <= d.from_today) {
            for a in &e.approved_later {
                let Some(&day) = self.decided.get(&a.id) else {
                    continue;
                };
                if day <= d.from_today || day > d.to_today {
                    continue;
                }
                by_request
                    .entry(a.id)
                    .or_insert_with(|| ApprovesEarlier {
                        id: a.id,
                        decided: a.decided,
                        periods: Vec::new(),
                    })
                    .periods
                    .push(PeriodName {
                        from: e.from.clone(),
                        to: e.to.clone(),
                    });
            }
        }
        by_request.into_values().collect()
    }

    pub fn promise_keeping_rate(&self) -> Option<f64> {
        (self.promises.1 > 0).then(|| self.promises.0 as f64 / self.promises.1 as f64)
    }

    /// The latest period with content: the working tree against the newest
    /// snapshot when the roadmap changed since, else the newest snapshot
    /// against the one before it (right after a quarter's snapshot, the
    /// quarter is what leadership wants to see, not "nothing changed").
    pub fn period(&self) -> Option<&Diff> {
        let last = self.diffs.last()?;
        // Two snapshots taken in a row (a tag and a folder, a board tag the
        // same week) leave empty periods: the latest one with content. One
        // of no day (an edit or a second snapshot the day of the quarter's)
        // is no period leadership reads as the quarter: from a trial, an
        // owner changed that day took the brief's period line from four
        // slips to "0 milestones moved".
        let latest = |spans_a_day: bool| {
            self.diffs
                .iter()
                .rev()
                .find(|d| d.has_edits() && (!spans_a_day || d.from_today < d.to_today))
        };
        latest(true).or_else(|| latest(false)).or(Some(last))
    }

    /// The slips that need a decision and miss one, largest first.
    pub fn unapproved_slips(&self) -> Vec<&Slip> {
        let mut out: Vec<&Slip> = self
            .slips
            .iter()
            .filter(|s| s.is_unacknowledged())
            .collect();
        out.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.gid.cmp(&b.gid)));
        out
    }

    pub fn slip(&self, gid: &str) -> Option<&Slip> {
        self.slip_index.get(gid).map(|&i| &self.slips[i])
    }

    /// The requests that topped up the one a milestone's slip names.
    pub fn slip_top_ups(&self, gid: &str) -> &[Sym] {
        self.slip_top_ups.get(gid).map_or(&[], Vec::as_slice)
    }
}

/// The slips, budget increases and later ends no approved change request
/// covers, as the history up to the last of `points` (oldest first) judges
/// them: what an archived version's health, watermelons and pages read, so
/// they say what the site said on the day it stands for (judged without
/// them, a quarter's own site showed an unapproved move as a plain new
/// date, the initiative amber where the site of that day had it red).
/// `diffs`: each pair of consecutive `points` compared ([`compare_all`]).
pub fn judged_as_of(points: &[Point], tolerance_days: i64, diffs: &[Diff]) -> AsOf {
    let approvals = Approvals::of(points);
    // Each milestone's history let go as soon as it is judged: only the
    // unapproved slips are kept (all of them held at once were tens of
    // megabytes per version at 10,000 initiatives).
    // A milestone that never moved and never had a `baseline:` cannot
    // have slipped (most of a roadmap): its history is not made at all.
    let may_have_moved = |seen: &[Option<&crate::model::Milestone>],
                          m: &crate::model::Milestone| {
        m.baseline.is_some()
            || seen
                .iter()
                .flatten()
                .any(|o| o.baseline.is_some() || o.due.day != m.due.day)
    };
    let open_backdated = open_backdated(points, &approvals);
    let backdated: HashSet<&str> = open_backdated.iter().map(|b| b.gid.as_str()).collect();
    // Promises kept as the history up to it counts them (its metrics
    // page and brief said none were counted). A milestone whose history
    // is not made never moved: its first promise is its due date.
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let (unmoved_kept, unmoved_done) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let unmoved_unrecorded = std::sync::Mutex::new(Vec::new());
    let wanted = |seen: &[Option<&crate::model::Milestone>],
                  init: &Initiative,
                  m: &crate::model::Milestone| {
        if may_have_moved(seen, m) {
            return true;
        }
        let Some(done) = m.done.as_ref().filter(|_| !init.is_backlog()) else {
            return false;
        };
        if written_in_once_done(points, seen, init, m) {
            if let Ok(mut list) = unmoved_unrecorded.lock() {
                list.push(Sym::from(m.gid.as_str()));
            }
        } else {
            unmoved_kept.fetch_add(usize::from(done.day <= m.due.day), Relaxed);
            unmoved_done.fetch_add(1, Relaxed);
        }
        false
    };
    // Approved slips too: the version's rows and timeline show them as
    // the site of its day did ("slipped +91 d, acknowledged by"). Not the
    // moves within the tolerance, which need no decision: every slip of
    // every version was 49 MiB more at the peak at 10,000 initiatives with
    // 8 snapshots (their rows show the date without its baseline).
    let judged = milestone_histories(points, &approvals, tolerance_days, wanted, |one| {
        let slip = one
            .slip
            .filter(|s| s.is_unacknowledged() || s.acknowledged_by.is_some());
        let baseline = backdated
            .contains(one.gid.as_str())
            .then_some((one.gid, one.baseline.day));
        let unrecorded = one.unrecorded.then_some(one.gid);
        (slip, one.kept, baseline, unrecorded)
    });
    let mut promises = (unmoved_kept.into_inner(), unmoved_done.into_inner());
    let mut unrecorded_done: BTreeSet<Sym> = unmoved_unrecorded
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .chain(slips::initiatives_written_in_done(points))
        .collect();
    let mut slips: Vec<Slip> = Vec::new();
    let mut baselines: HashMap<Sym, Day> = HashMap::default();
    for (slip, kept, baseline, unrecorded) in judged.into_iter().flatten() {
        slips.extend(slip.map(|s| *s));
        unrecorded_done.extend(unrecorded);
        if let Some(kept) = kept {
            promises.0 += usize::from(kept);
            promises.1 += 1;
        }
        baselines.extend(baseline);
    }
    slips.sort_by_key(|s| s.gid);
    slips.shrink_to_fit();
    // A completion dated back keeps no promise the record broke, as the
    // whole history counts it ([`late_by_the_record`]).
    if let Some(last) = points.last() {
        for b in &open_backdated {
            let Some((i, m)) = last.roadmap.milestone_at(&b.gid) else {
                continue;
            };
            let base = baselines
                .get(&b.gid)
                .copied()
                .unwrap_or(last.roadmap.initiatives[i].milestones[m].due.day);
            if counted_kept_against_the_record(last.roadmap, b, base) && promises.0 > 0 {
                promises.0 -= 1;
            }
        }
    }
    let (open_budget, open_ends) = match points.last() {
        Some(last) => (
            open_budget(points, &approvals, last.roadmap),
            open_ends(points, &approvals, last.roadmap, tolerance_days),
        ),
        None => Default::default(),
    };

    let rewritten_approvals = rewritten_approvals(points);
    let raid = RaidLog::of(points);
    // Its scope changes and latent slips as the requests of its day
    // judged them (left out, a quarter's own findings page and brief
    // counted fewer decisions than its tag said).
    let judged_diffs: Vec<Diff> = diffs
        .iter()
        .zip(points)
        .map(|(d, older)| {
            let mut slim = Diff::empty(&d.from, &d.to, d.from_today, d.to_today);
            slim.scope = d.scope.clone();
            slim.latent = d.latent.clone();
            acknowledge_scope_and_latent(&mut slim, older.today, &approvals);
            slim
        })
        .collect();
    let (open_scope, open_latent) = standing(points, &judged_diffs);
    let open_ends = match points.last() {
        Some(last) => beyond_milestones(
            open_ends,
            last.roadmap,
            |m| {
                slips
                    .binary_search_by(|s| s.gid.as_str().cmp(m.gid.as_str()))
                    .ok()
                    .map(|i| slips[i].committed)
                    .or_else(|| baselines.get(m.gid.as_str()).copied())
                    .unwrap_or(m.due.day)
            },
            &open_scope,
            tolerance_days,
        ),
        None => open_ends,
    };
    AsOf {
        open_scope,
        open_latent,
        points: points
            .iter()
            .map(|p| (p.name.to_string(), p.today))
            .collect(),
        slips,
        open_budget,
        open_ends,
        open_backdated,
        open_backdated_starts: open_backdated_starts(points, &approvals),
        rewritten_approvals,
        backdated_approvals: backdated_approvals(points),
        backdated_reviews: backdated_reviews(points),
        rewritten_reviews: rewritten_reviews(points),
        open_rephasings: open_rephasings(points, &approvals),
        raid,
        promises,
        unrecorded_done,
        open_cancellations: open_cancellations(points, &approvals),
        open_retirements: open_retirements(points, &approvals),
        open_outcome_retirements: open_outcome_retirements(points, &approvals),
        open_outcome_unlinks: open_outcome_unlinks(points, &approvals),
        open_unlinked: open_unlinked(points, &approvals),
        open_loosened: open_loosened(points, &approvals),
        open_turned: open_turned(points, &approvals),
        open_baselines: open_baselines(points, &approvals),
        open_horizons: open_horizons(points, &approvals),
        lowered_risks: lowered_risks(points),
        narrowed_risks: narrowed_risks(points),
        open_effort_cuts: open_effort_cuts(points, &approvals),
        open_capacity_rises: open_capacity_rises(points, &approvals),
        open_revisions: revision_trails(points, &approvals).1,
        removed_live: removed_live(points),
        removed_kpis: removed_kpis(points),
        removed_outcomes: removed_outcomes(points),
        removed_risks: removed_risks(points),
        removed_changes: removed_changes(points),
        removed_reviews: removed_reviews(points),
    }
}

/// What the history up to a snapshot judged of it, kept for its own pages
/// (an archived version reads as its day read it): the slips, budget
/// increases and later ends that stood unapproved then. A request approved
/// later does not clear them there.
#[derive(Debug, Clone, Default)]
pub struct AsOf {
    /// The snapshots up to it, oldest first, with their days.
    pub points: Vec<(String, Day)>,
    /// The slips that stood unapproved or approved (not those within the
    /// tolerance), by milestone.
    slips: Vec<Slip>,
    pub open_budget: Vec<BudgetIncrease>,
    pub open_ends: Vec<EndSlip>,
    /// Completions dated back before the record of them, as of its day.
    pub open_backdated: Vec<Backdated>,
    /// Starts dated back before the record of them, as of its day.
    pub open_backdated_starts: Vec<StartBackdated>,
    /// Approvals rewritten since a snapshot before it recorded them, as of
    /// its day (its findings page, dashboard and brief left them out).
    pub rewritten_approvals: Vec<RewrittenApproval>,
    /// Approvals and reviews dated before the record of them, and budgets
    /// re-phased, as of its day (its site left them out).
    pub backdated_approvals: Vec<BackdatedApproval>,
    pub backdated_reviews: Vec<BackdatedReview>,
    pub rewritten_reviews: Vec<RewrittenReview>,
    pub open_rephasings: Vec<BudgetRephase>,
    /// Its RAID items through the snapshots up to it.
    pub raid: RaidLog,
    /// Scope changes and latent slips no approved change request covered,
    /// as of its day.
    pub open_scope: Vec<ScopeChange>,
    pub open_latent: Vec<Latent>,
    /// Promises kept and milestones done, as of its day (see
    /// [`History::promises`]).
    pub promises: (usize, usize),
    /// See [`History::unrecorded_done`].
    pub unrecorded_done: BTreeSet<Sym>,
    /// Cancellations, KPIs retired, taken off an outcome or given a
    /// looser target, and reported figures restated, that stood with no
    /// approved change request as of its day: its findings, the spend
    /// and targets it is judged by (its brief read EUR 660 k spent and 6
    /// decisions where the brief sent that day read EUR 680 k and 11).
    pub open_cancellations: Vec<Cancellation>,
    pub open_retirements: Vec<KpiRetirement>,
    pub open_outcome_retirements: Vec<OutcomeRetirement>,
    pub open_outcome_unlinks: Vec<OutcomeUnlinked>,
    pub open_unlinked: Vec<KpiUnlinked>,
    pub open_loosened: Vec<TargetLoosened>,
    /// KPIs turned around (`direction` changed) with no approved change
    /// request affecting them decided since the snapshot before.
    pub open_turned: Vec<DirectionTurned>,
    /// KPIs whose baseline moved so that their progress reads better,
    /// with no approved change request since.
    pub open_baselines: Vec<BaselineMoved>,
    pub open_horizons: Vec<HorizonLater>,
    pub lowered_risks: Vec<RiskLowered>,
    /// Open RAID items affecting less than snapshots had them affect,
    /// with no review recorded since.
    pub narrowed_risks: Vec<RiskNarrowed>,
    pub open_effort_cuts: Vec<EffortCut>,
    pub open_capacity_rises: Vec<CapacityRise>,
    pub open_revisions: Vec<FigureRevision>,
    /// Records a snapshot before it had whose files it no longer has, as
    /// of its day (its findings and brief counted none of them).
    pub removed_live: Vec<RemovedInitiative>,
    pub removed_kpis: Vec<RemovedKpi>,
    pub removed_outcomes: Vec<RemovedOutcome>,
    pub removed_risks: Vec<RemovedRisk>,
    pub removed_changes: Vec<RemovedChange>,
    pub removed_reviews: Vec<RemovedReview>,
}

/// The records gone since a snapshot, as [`Judged::removed`] gives them,
/// of a `History` or an `AsOf` alike (the same lists, in two types).
macro_rules! removed_records {
    ($h:expr) => {{
        let h = $h;
        let mut out: Vec<(&str, &str, &str)> = Vec::new();
        removed_records!(@each h, out, removed_live, removed_kpis, removed_outcomes, removed_risks, removed_changes, removed_reviews);
        out
    }};
    (@each $h:ident, $out:ident, $($list:ident),*) => {
        $($out.extend(
            $h.$list
                .iter()
                .map(|g| (g.rel.as_str(), g.id.as_str(), g.title.as_str())),
        );)*
    };
}

/// What pages read of a version's history, whole (the working tree's) or
/// as of an archived version's day.
pub trait Judged: Sync {
    /// The slips that need a decision and miss one, largest first.
    fn unapproved_slips(&self) -> Vec<&Slip>;
    fn slip(&self, gid: &str) -> Option<&Slip>;
    /// The snapshots read, oldest first, with their days.
    fn points(&self) -> &[(String, Day)];
    /// Budget increases no approved change request covers.
    fn open_budget(&self) -> &[BudgetIncrease];
    /// Completions dated back before a snapshot's record of them.
    fn open_backdated(&self) -> &[Backdated];
    /// The RAID items through the snapshots.
    fn raid(&self) -> &RaidLog;
    /// Scope changes no approved change request covers.
    fn open_scope(&self) -> &[ScopeChange];
    /// Latent slips no approved change request covers.
    fn open_latent(&self) -> &[Latent];
    /// Milestones done by the date first promised, of those done.
    fn promises(&self) -> (usize, usize);
    /// Milestones written in once done, which no delivery measure counts.
    fn unrecorded_done(&self) -> &BTreeSet<Sym>;
    /// Reported figures restated with no approved change request.
    fn open_revisions(&self) -> &[FigureRevision];
    /// KPI baselines moved in their favour with no approved change request.
    fn open_baselines(&self) -> &[BaselineMoved];
    /// Records a snapshot had whose files are gone since, each as (its
    /// file under the content folder, its id, the title it had there).
    fn removed(&self) -> Vec<(&str, &str, &str)>;

    /// The milestones whose `done:` is dated before a snapshot's record
    /// of them, by the earliest day the record lets them be done (the day
    /// it recorded, else the day of the snapshot that showed them open and
    /// overdue): the delivery metrics and states count them done then, as
    /// the period's row does.
    fn done_no_earlier(&self) -> BTreeMap<String, Day> {
        self.open_backdated()
            .iter()
            .map(|b| (b.gid.to_string(), b.done_by_record))
            .collect()
    }
}

impl Judged for History {
    fn unapproved_slips(&self) -> Vec<&Slip> {
        History::unapproved_slips(self)
    }
    fn slip(&self, gid: &str) -> Option<&Slip> {
        History::slip(self, gid)
    }
    fn points(&self) -> &[(String, Day)] {
        &self.points
    }
    fn open_budget(&self) -> &[BudgetIncrease] {
        &self.open_budget
    }
    fn open_backdated(&self) -> &[Backdated] {
        &self.open_backdated
    }
    fn raid(&self) -> &RaidLog {
        &self.raid
    }
    fn open_scope(&self) -> &[ScopeChange] {
        &self.open_scope
    }
    fn open_latent(&self) -> &[Latent] {
        &self.open_latent
    }
    fn promises(&self) -> (usize, usize) {
        self.promises
    }
    fn unrecorded_done(&self) -> &BTreeSet<Sym> {
        &self.unrecorded_done
    }
    fn open_revisions(&self) -> &[FigureRevision] {
        &self.open_revisions
    }
    fn open_baselines(&self) -> &[BaselineMoved] {
        &self.open_baselines
    }
    fn removed(&self) -> Vec<(&str, &str, &str)> {
        removed_records!(self)
    }
}

impl Judged for AsOf {
    fn unapproved_slips(&self) -> Vec<&Slip> {
        AsOf::unapproved_slips(self)
    }
    fn slip(&self, gid: &str) -> Option<&Slip> {
        AsOf::slip(self, gid)
    }
    fn points(&self) -> &[(String, Day)] {
        &self.points
    }
    fn open_budget(&self) -> &[BudgetIncrease] {
        &self.open_budget
    }
    fn open_backdated(&self) -> &[Backdated] {
        &self.open_backdated
    }
    fn raid(&self) -> &RaidLog {
        &self.raid
    }
    fn open_scope(&self) -> &[ScopeChange] {
        &self.open_scope
    }
    fn open_latent(&self) -> &[Latent] {
        &self.open_latent
    }
    fn promises(&self) -> (usize, usize) {
        self.promises
    }
    fn unrecorded_done(&self) -> &BTreeSet<Sym> {
        &self.unrecorded_done
    }
    fn open_revisions(&self) -> &[FigureRevision] {
        &self.open_revisions
    }
    fn open_baselines(&self) -> &[BaselineMoved] {
        &self.open_baselines
    }
    fn removed(&self) -> Vec<(&str, &str, &str)> {
        removed_records!(self)
    }
}

impl AsOf {
    /// Largest first, as [`History::unapproved_slips`].
    pub fn unapproved_slips(&self) -> Vec<&Slip> {
        let mut out: Vec<&Slip> = self
            .slips
            .iter()
            .filter(|s| s.is_unacknowledged())
            .collect();
        out.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.gid.cmp(&b.gid)));
        out
    }

    /// What health reads of them, in the order it gives its reasons.
    pub fn for_health(&self) -> Vec<schedule::UnapprovedSlip> {
        self.unapproved_slips()
            .into_iter()
            .map(Slip::unapproved)
            .collect()
    }

    pub fn slip(&self, gid: &str) -> Option<&Slip> {
        self.slips
            .binary_search_by(|s| s.gid.as_str().cmp(gid))
            .ok()
            .map(|i| &self.slips[i])
    }
}

/// What the history reads from the points and the approvals alone, made
/// beside the pairs' comparison and the milestones' histories: `h` holds
/// what is stored as it is, the rest is what the history goes on to make.
struct Apart<'p> {
    h: History,
    written_in_done: Vec<Sym>,
    budget_acks: HashMap<(&'p str, usize), RiseApproval>,
    end_acks: HashMap<(&'p str, usize), RiseApproval>,
    revisions: (RevisionSteps, Vec<FigureRevision>),
    /// Ends moved beyond the tolerance, before the milestones' are weighed.
    ends: Vec<EndSlip>,
    /// Completions dated back with an approval.
    accepted: Vec<Backdated>,
}

impl<'p> Apart<'p> {
    /// In four parts of about equal work, so the two cores share them.
    fn of(points: &[Point<'p>], approvals: &Approvals, tolerance_days: i64) -> Apart<'p> {
        let current = points.last().expect("a history has a working tree");
        let mut h = History {
            points: points
                .iter()
                .map(|p| (p.name.to_string(), p.today))
                .collect(),
            ..Default::default()
        };
        let ((rises, removed), (records, reviews)) = rayon::join(
            || {
                rayon::join(
                    || {
                        let budget_acks = rise_acks(
                            points,
                            approvals,
                            current.roadmap,
                            budget_figure(points),
                            money_rise,
                            money_needs_decision,
                            Amount::Money,
                        );
                        let end_acks = rise_acks(
                            points,
                            approvals,
                            current.roadmap,
                            end_figure(),
                            end_rise,
                            |unapproved| unapproved > tolerance_days as f64,
                            Amount::Days,
                        );
                        let ends = open_ends(points, approvals, current.roadmap, tolerance_days);
                        let budget = open_budget(points, approvals, current.roadmap);
                        (budget_acks, end_acks, ends, budget)
                    },
                    || {
                        (
                            removed_live(points),
                            removed_kpis(points),
                            removed_outcomes(points),
                            removed_risks(points),
                            removed_changes(points),
                            removed_reviews(points),
                            RaidLog::of(points),
                            slips::initiatives_written_in_done(points),
                        )
                    },
                )
            },
            || {
                rayon::join(
                    || {
                        // In two: one after the other, they were the last
                        // part of the history left running, on one core.
                        let (
                            (accepted, open, starts, rephasings),
                            (revisions, cuts, capacity, cancellations),
                        ) = rayon::join(
                            || {
                                let (accepted, open): (Vec<Backdated>, Vec<Backdated>) =
                                    backdated(points, approvals)
                                        .into_iter()
                                        .partition(|b| b.approved_by.is_some());
                                (
                                    accepted,
                                    open,
                                    open_backdated_starts(points, approvals),
                                    open_rephasings(points, approvals),
                                )
                            },
                            || {
                                (
                                    revision_trails(points, approvals),
                                    open_effort_cuts(points, approvals),
                                    open_capacity_rises(points, approvals),
                                    open_cancellations(points, approvals),
                                )
                            },
                        );
                        (
                            accepted,
                            open,
                            starts,
                            rephasings,
                            revisions,
                            cuts,
                            capacity,
                            cancellations,
                        )
                    },
                    || {
                        (
                            (
                                open_retirements(points, approvals),
                                open_outcome_retirements(points, approvals),
                                open_outcome_unlinks(points, approvals),
                                open_unlinked(points, approvals),
                                open_loosened(points, approvals),
                                open_turned(points, approvals),
                            ),
                            (
                                open_baselines(points, approvals),
                                open_horizons(points, approvals),
                                lowered_risks(points),
                                narrowed_risks(points),
                            ),
                            (
                                rewritten_approvals(points),
                                backdated_approvals(points),
                                backdated_reviews(points),
                                rewritten_reviews(points),
                            ),
                        )
                    },
                )
            },
        );
        let (budget_acks, end_acks, ends, budget) = rises;
        h.open_budget = budget;
        let written_in_done;
        (
            h.removed_live,
            h.removed_kpis,
            h.removed_outcomes,
            h.removed_risks,
            h.removed_changes,
            h.removed_reviews,
            h.raid,
            written_in_done,
        ) = removed;
        let (accepted, open, starts, rephasings, revisions, cuts, capacity, cancellations) =
            records;
        h.open_backdated = open;
        h.open_backdated_starts = starts;
        h.open_rephasings = rephasings;
        h.open_effort_cuts = cuts;
        h.open_capacity_rises = capacity;
        h.open_cancellations = cancellations;
        let (kpis, plans, rewrites) = reviews;
        (
            h.open_retirements,
            h.open_outcome_retirements,
            h.open_outcome_unlinks,
            h.open_unlinked,
            h.open_loosened,
            h.open_turned,
        ) = kpis;
        (
            h.open_baselines,
            h.open_horizons,
            h.lowered_risks,
            h.narrowed_risks,
        ) = plans;
        (
            h.rewritten_approvals,
            h.backdated_approvals,
            h.backdated_reviews,
            h.rewritten_reviews,
        ) = rewrites;
        Apart {
            h,
            written_in_done,
            budget_acks,
            end_acks,
            revisions,
            ends,
            accepted,
        }
    }
}

/// `points` oldest first; the last is the working tree. `archived`: the
/// snapshots' own pairs already compared (see [`compare_all`]), kept by a
/// caller that builds again over the same snapshots; only the pair the
/// working tree ends is then compared here.
pub fn analyse(
    points: &[Point],
    tolerance_days: i64,
    archived: Option<std::borrow::Cow<'_, [Diff]>>,
) -> History {
    let Some(current) = points.last() else {
        return History::default();
    };
    // The pairs compared, each standing alone, beside the milestones'
    // histories; and beside both, what is read from the points and the
    // approvals alone. After the pairs, that was half of a `serve`
    // rebuild's history at 10,000 initiatives with 8 snapshots, run on one
    // core while the other stood idle.
    let kept = archived.filter(|a| a.len() + 2 == points.len());
    let approvals = Approvals::of(points);
    let ((compared, each), apart) = rayon::join(
        || {
            rayon::join(
                || match kept {
                    Some(kept) => {
                        // A build hands its pairs over; `serve` keeps its own.
                        let ours = kept.len();
                        let mut all = kept.into_owned();
                        all.extend(compare_all(&points[ours..]));
                        // The working tree's pair, told from every point
                        // before it (the kept pairs were, when they were
                        // compared).
                        raid::raid_returns(&mut all[ours..], points);
                        all
                    }
                    None => compare_all(points),
                },
                || {
                    milestone_histories(
                        points,
                        &approvals,
                        tolerance_days,
                        |_, _, _| true,
                        |one| one,
                    )
                },
            )
        },
        || Apart::of(points, &approvals, tolerance_days),
    );
    let Apart {
        mut h,
        written_in_done,
        budget_acks,
        end_acks,
        revisions: (revision_steps, open_revisions),
        ends,
        accepted,
    } = apart;
    // Each milestone's approvals of its moves (older point → the approval,
    // and whether the move needed one), as its history made them, found by
    // the milestone's id. One entry per milestone, not per move: a map of
    // (milestone, point) was 21 MB at 10,000 initiatives with 8 snapshots,
    // filled on one core in every `serve` rebuild.
    let mut acks_at: HashMap<&str, u32> =
        HashMap::with_capacity_and_hasher(each.len(), Default::default());
    let mut acks: Vec<Vec<(usize, MoveAck)>> = Vec::with_capacity(each.len());
    // Maps made at once: filled one entry at a time, their nodes are left
    // about half full.
    let mut dates = Vec::with_capacity(each.len());
    let mut baselines = Vec::with_capacity(each.len());
    for one in each.into_iter().flatten() {
        let gid = one.gid;
        dates.push((gid, one.dates));
        baselines.push((gid, one.baseline));
        if let Some(kept) = one.kept {
            h.promises.1 += 1;
            h.promises.0 += usize::from(kept);
        }
        if one.unrecorded {
            h.unrecorded_done.insert(gid);
        }
        let named = one.slip.as_ref().and_then(|s| s.acknowledged_by);
        for (_, ack) in &one.acks {
            if named.is_some() && ack.by == named && !ack.more.is_empty() {
                h.slip_top_ups.insert(gid, ack.more.clone());
            }
        }
        if !one.acks.is_empty() {
            acks_at.insert(gid.as_str(), acks.len() as u32);
            acks.push(one.acks);
        }
        h.slips.extend(one.slip.map(|s| *s));
    }
    h.unrecorded_done.extend(written_in_done);
    h.dates = dates.into_iter().collect();
    h.baselines = baselines.into_iter().collect();

    h.slip_index = h
        .slips
        .iter()
        .enumerate()
        .map(|(i, s)| (s.gid, i))
        .collect();
    let budget_known: HashSet<&str> = current
        .roadmap
        .initiatives
        .iter()
        .map(|i| i.meta.id.as_str())
        .collect();
    h.diffs = compared
        .into_par_iter()
        .enumerate()
        .map(|(i, mut d)| {
            // The last one made for the move out of point `i`, as a map
            // of (milestone, point) kept it.
            let move_ack = |gid: &str| {
                let of = &acks[*acks_at.get(gid)? as usize];
                of.iter()
                    .rev()
                    .find(|(older, _)| *older == i)
                    .map(|(_, ack)| ack.clone())
            };
            // Diff `i` leads to point `i + 1`, where its increases show.
            let rise_ack = |acks: &HashMap<(&str, usize), RiseApproval>, id: &str| {
                budget_known
                    .contains(id)
                    .then(|| acks.get(&(id, i + 1)).cloned())
            };
            acknowledge(
                &mut d,
                points[i].today,
                &approvals,
                &move_ack,
                &|id| rise_ack(&budget_acks, id),
                &|id| rise_ack(&end_acks, id),
                tolerance_days,
            );
            // The working tree's KPIs' figures, judged across the whole
            // history (a figure put back needs nothing).
            for r in &mut d.revisions {
                if let Some(&(needs, ack)) = revision_steps.get(&(r.id.clone(), r.key, i + 1)) {
                    (r.needs_ack, r.acknowledged_by) = (needs, ack);
                }
            }
            for c in &mut d.completed {
                // Moved with no decision, then done: late against the
                // date it stands committed to, as its page and the
                // delivery metrics count it ("move it, then close it"
                // read as on time in the period leadership reads).
                let committed = h
                    .slip(&c.gid)
                    .filter(|s| s.is_unacknowledged() && s.committed < c.due_day)
                    .map(|s| s.committed);
                if let Some(day) = committed {
                    c.days_late = days_between(day, c.done_day).max(0);
                    c.committed = Some(crate::base::date::iso(day).as_str().into());
                }
                // Named when it is neither date the lateness is told by.
                let first = h
                    .baselines
                    .get(&c.gid)
                    .filter(|b| b.day != c.due_day && Some(b.day) != committed);
                c.first_promised = first.map(|b| b.written);
                c.after_promise = first
                    .map(|b| days_between(b.day, c.done_day))
                    .filter(|&days| days > 0);
            }
            d
        })
        .collect();
    let (open_scope, open_latent) = standing(points, &h.diffs);
    h.removed_milestones = removed_milestones(points, &h.diffs, &open_scope);
    h.open_scope = open_scope;
    h.open_latent = open_latent;
    h.open_ends = beyond_milestones(
        ends,
        current.roadmap,
        |m| {
            h.slip(m.gid.as_str())
                .map(|s| s.committed)
                .or_else(|| h.baselines.get(m.gid.as_str()).map(|b| b.day))
                .unwrap_or(m.due.day)
        },
        &h.open_scope,
        tolerance_days,
    );
    // The periods' rows of the ends their milestones carry, where the
    // check finds none standing.
    let open: HashSet<&str> = h.open_ends.iter().map(|e| e.id.as_str()).collect();
    // Each milestone's latest move approved whole, as of each period's
    // start: a request approving a later move names no earlier row.
    let mut approved: HashMap<Sym, Sym> = HashMap::default();
    for (d, to) in h.diffs.iter_mut().zip(&points[1..]) {
        carried_in_period(d, to.roadmap, &open, &approved, tolerance_days);
        for r in d.moved.iter().filter(|r| r.days != 0) {
            match r
                .acknowledged_by
                .filter(|_| r.days > 0 && r.beyond_approval.is_none())
            {
                Some(by) => approved.insert(r.gid, by),
                None => approved.remove(r.gid.as_str()),
            };
        }
    }
    // An end moved out a little at a time, each move within the tolerance
    // but together beyond it, stands in the check: its latest later move is
    // the one to decide, on the period's page too (as with milestones).
    // Each end's latest later move found in one pass over the periods, not
    // one pass for every end standing.
    let latest_later: HashMap<&str, (usize, usize)> = h
        .diffs
        .iter()
        .enumerate()
        .flat_map(|(k, d)| d.dates.iter().enumerate().map(move |(n, x)| (k, n, x)))
        .filter(|(_, _, x)| x.field == "end" && x.days.is_some_and(|n| n > 0))
        .map(|(k, n, x)| (x.id.as_str(), (k, n)))
        .collect();
    let to_decide: Vec<(usize, usize)> = h
        .open_ends
        .iter()
        .filter_map(|e| latest_later.get(e.id.as_str()).copied())
        .collect();
    drop(latest_later);
    for (k, n) in to_decide {
        let x = &mut h.diffs[k].dates[n];
        if !x.needs_ack {
            x.needs_ack = true;
            x.acknowledged_by = None;
        }
    }
    late_by_the_record(&mut h, points);
    overdue_from_committed(&mut h, points);
    accepted_datings(&mut h, &accepted);
    period_approvals(&mut h, points, &approvals);
    h.open_revisions = open_revisions;
    h.decided = approvals
        .decided
        .iter()
        .map(|(&id, &day)| (Sym::from(id), day))
        .collect();
    h.decided_written = approvals
        .written
        .iter()
        .map(|(&id, &day)| (Sym::from(id), day))
        .collect();
    let mut diffs = std::mem::take(&mut h.diffs);
    diffs.par_iter_mut().for_each(|d| h.mark_approved_later(d));
    h.diffs = diffs;
    // After the requests decided after each period are known.
    h.budget_bridge = budget_bridge(points, &h.diffs);
    let earlier: Vec<Vec<ApprovesEarlier>> =
        h.diffs.par_iter().map(|d| h.approves_earlier(d)).collect();
    for (d, e) in h.diffs.iter_mut().zip(earlier) {
        d.approves_earlier = e;
    }
    h
}

#[cfg(test)]
mod tests {
    /// 200,000 of them live through the working tree's render at 10,000
    /// initiatives with 8 snapshots; the requests beyond the first, on a
    /// few, are written out as before, and absent where there are none.
    #[test]
    fn a_compared_milestone_s_move_is_small_and_writes_out_as_before() {
        use crate::base::Sym;
        assert!(
            std::mem::size_of::<super::Move>() <= 56,
            "{}",
            std::mem::size_of::<super::Move>()
        );
        let mut m = super::Move {
            gid: Sym::from("erp/cutover"),
            from: Sym::from("2026-06-30"),
            to: Sym::from("2026-09-30"),
            days: 92,
            acknowledged_by: Some(Sym::from("cr-1")),
            needs_ack: true,
            beyond_approval: Some(30),
            approved_by_steps: thin_vec::ThinVec::new(),
        };
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"gid":"erp/cutover","from":"2026-06-30","to":"2026-09-30","days":92,"acknowledged_by":"cr-1","needs_ack":true,"beyond_approval":30}"#
        );
        m.approved_by_steps = vec![Sym::from("cr-1"), Sym::from("cr-2")].into();
        let json = serde_json::to_string(&m).unwrap();
        assert!(
            json.ends_with(r#""beyond_approval":30,"approved_by_steps":["cr-1","cr-2"]}"#),
            "{json}"
        );
        assert_eq!(super::days_i32(-5_000_000_000), i32::MIN);
        assert_eq!(super::days_i32(-92), -92);
    }

    /// The earliest approvals that can, latest move first, then in the
    /// order both happened.
    #[test]
    fn approvals_pair_with_moves() {
        use super::pair_approvals;
        let day = |d: &str| {
            crate::base::date::parse(d, crate::base::date::Edge::Start, 1)
                .unwrap()
                .day
        };
        let (s1, s2) = (Some(day("2026-06-30")), Some(day("2026-09-30")));
        let pair = |since: &[Option<super::Day>], days: &[&str]| {
            let days: Vec<_> = days.iter().map(|d| day(d)).collect();
            pair_approvals(since, &days, &mut vec![false; days.len()])
        };
        // One move, two requests that could: the one on record first.
        assert_eq!(pair(&[s1], &["2026-07-10", "2026-11-20"]), [Some(0)]);
        // Two moves, two requests after both: in order.
        assert_eq!(
            pair(&[s1, s2], &["2026-10-05", "2026-10-20"]),
            [Some(0), Some(1)]
        );
        // One request after both: the later move's.
        assert_eq!(pair(&[s1, s2], &["2026-10-05"]), [None, Some(0)]);
        // One decided before the second move covers only the first.
        assert_eq!(
            pair(&[s1, s2], &["2026-08-01", "2026-10-05"]),
            [Some(0), Some(1)]
        );
        assert_eq!(pair(&[s1, s2], &["2026-08-01"]), [Some(0), None]);
        // Too early for either.
        assert_eq!(pair(&[s1, s2], &["2026-06-01"]), [None, None]);
    }

    use super::*;

    #[test]
    fn a_date_trail_gives_back_each_points_date() {
        let written = [
            None,
            Some("2026-Q1"),
            Some("2026-Q2"),
            Some("2026-Q1"),
            None,
        ];
        let trail = DateTrail::of(written);
        assert_eq!(trail.iter().collect::<Vec<_>>(), written);
        assert!(trail.changed());
        assert_eq!(
            serde_json::to_string(&trail).unwrap(),
            serde_json::to_string(&written).unwrap()
        );
        let kept = DateTrail::of([None, Some("2026-Q1"), Some("2026-Q1")]);
        assert!(!kept.changed(), "a milestone added later kept its date");
        assert_eq!(kept.texts.len(), 1);
    }

    /// What a RAID item's row says moved, each field that can in words,
    /// and nothing when its earlier record is unknown.
    #[test]
    fn a_raid_items_move_is_said_field_by_field() {
        let state =
            |status: &str, p: Option<u8>, i: Option<u8>, owner: &str, m: Option<&str>| RaidState {
                title: "Supplier fails".into(),
                status: status.into(),
                kind: "risk".into(),
                likelihood: p,
                impact: i,
                exposure: p.zip(i).map(|(p, i)| p * i),
                owner: owner.into(),
                reviewed: None,
                mitigation: m.map(Sym::from),
            };
        let was = |s: RaidState| RaidPoint::Logged(s);
        let open = state("open", Some(2), Some(3), "Ana", Some("Watch"));
        assert_eq!(raid_moved(&was(open.clone()), &open), None);
        assert_eq!(raid_moved(&RaidPoint::Unread, &open), None);
        assert_eq!(
            raid_moved(&RaidPoint::Absent, &open).as_deref(),
            Some("opened")
        );
        let closed = state("closed", Some(2), Some(3), "Ana", Some("Watch"));
        assert_eq!(
            raid_moved(&RaidPoint::Absent, &closed).as_deref(),
            Some("raised and closed")
        );
        assert_eq!(
            raid_moved(&was(closed.clone()), &open).as_deref(),
            Some("reopened")
        );
        assert_eq!(
            raid_moved(&was(open.clone()), &closed).as_deref(),
            Some("closed")
        );
        // Between open states the status is named; occurred is open.
        let occurred = state("occurred", Some(5), Some(3), "Ana", Some("Watch"));
        assert_eq!(
            raid_moved(&was(open.clone()), &occurred).as_deref(),
            Some("open → occurred; exposure rose 6 → 15")
        );
        let unscored = state("open", None, Some(3), "Ben", None);
        assert_eq!(
            raid_moved(&was(open.clone()), &unscored).as_deref(),
            Some("exposure 6 no longer scored; owner now Ben; mitigation taken out")
        );
        assert_eq!(
            raid_moved(&was(unscored), &open).as_deref(),
            Some("exposure scored 6; owner now Ana; mitigation added")
        );
        let rewritten = state("open", Some(1), Some(3), "Ana", Some("Watch closely"));
        assert_eq!(
            raid_moved(&was(open.clone()), &rewritten).as_deref(),
            Some("exposure fell 6 → 3; mitigation rewritten")
        );
        // Deleted after a snapshot, then restored closed: back in the log,
        // not newly raised.
        assert_eq!(
            RaidPoint::moved_since(&[was(open.clone()), RaidPoint::Absent], &closed).as_deref(),
            Some("back in the log; closed")
        );
        assert_eq!(
            RaidPoint::moved_since(&[RaidPoint::Absent], &closed).as_deref(),
            Some("raised and closed")
        );
        assert_eq!(RaidPoint::moved_since(&[RaidPoint::Unread], &closed), None);
        assert_eq!(
            RaidPoint::moved_since(&[was(open.clone())], &open).as_deref(),
            Some("no change")
        );
        // Reviewed again and nothing else: not "no change", which reads as
        // nobody looking (from a trial).
        let reviewed = RaidState {
            reviewed: Some("2027-03-20".into()),
            ..open.clone()
        };
        assert_eq!(
            RaidPoint::moved_since(&[was(open.clone())], &reviewed).as_deref(),
            Some("reviewed 2027-03-20")
        );
        assert_eq!(
            raid_moved(&was(reviewed), &open).as_deref(),
            Some("review date taken out")
        );
        let issue = RaidState {
            kind: "issue".into(),
            ..open.clone()
        };
        assert_eq!(
            raid_moved(&was(open.clone()), &issue).as_deref(),
            Some("risk → issue")
        );
        let softened = RaidState {
            title: "Supplier timing to be confirmed".into(),
            ..open.clone()
        };
        assert_eq!(
            raid_moved(&was(open), &softened).as_deref(),
            Some("retitled (was “Supplier fails”)")
        );
    }

    use crate::config::Config;
    use crate::source::SourceFile;
    use jiff::civil::date;
    use std::path::Path;

    /// A diff from `from` to `to` with these budget changes only.
    fn with_budgets(from: &str, to: &str, budgets: Vec<BudgetMove>) -> Diff {
        Diff {
            budgets,
            ..Diff::empty(from, to, date(2026, 6, 30), date(2026, 12, 31))
        }
    }

    fn budget(from: Option<f64>, to: Option<f64>, ack: Option<&str>) -> BudgetMove {
        BudgetMove {
            id: "i".into(),
            from,
            to,
            needs_ack: matches!((from, to), (Some(x), Some(y)) if y > x),
            acknowledged_by: ack.map(Sym::from),
            beyond_approval: None,
            approved_by_steps: Vec::new(),
        }
    }

    #[test]
    fn a_scope_change_across_periods_is_judged_by_its_own_period() {
        // The criterion came in after `b`; `cr` was decided between `a` and
        // `b`, so it does not cover it, though it is after `a`.
        let added = |ack: Option<&str>, after: &str| ScopeChange {
            kind: ScopeKind::CriterionAdded {
                criterion: "x".into(),
            },
            gid: Sym::from("i/m"),
            initiative: Sym::from("i"),
            acknowledged_by: ack.map(Sym::from),
            after: Sym::from(after),
            title: None,
            end_before: None,
            overdue: None,
        };
        let mut first = with_budgets("a", "b", Vec::new());
        let mut second = with_budgets("b", "c", Vec::new());
        second.scope.push(added(None, "b"));
        let mut d = with_budgets("a", "c", Vec::new());
        d.scope.push(added(Some("cr"), "a"));
        judge_by_steps(&mut d, &[&first, &second], 14);
        assert_eq!(d.scope[0].acknowledged_by, None);
        assert_eq!(d.scope[0].after.as_str(), "b", "a decision must follow `b`");
        // Approved in its own period: approved across both.
        second.scope[0].acknowledged_by = Some(Sym::from("cr-late"));
        first.scope.clear();
        let mut d = with_budgets("a", "c", Vec::new());
        d.scope.push(added(Some("cr"), "a"));
        judge_by_steps(&mut d, &[&first, &second], 14);
        assert_eq!(d.scope[0].acknowledged_by.as_deref(), Some("cr-late"));
    }

    #[test]
    fn what_a_row_over_several_periods_leaves_uncovered() {
        // 1000 → 1500 (approved for 100) → 1000 → 1200 (approved in full):
        // the cut took the first rise back; nothing stands.
        let each = [(500.0, Some(400.0)), (0.0, None), (200.0, None)];
        assert_eq!(beyond_of_steps(true, each.into_iter()), None);
        // 1000 → 1500 (approved for 100) → 1200: the cut of 300 takes as
        // much of the 400 that stood back with it.
        let each = [(500.0, Some(400.0)), (200.0, None)];
        assert_eq!(beyond_of_steps(true, each.into_iter()), Some(100.0));
        // Two rises, each approved in part: together.
        let each = [(300.0, Some(100.0)), (600.0, Some(50.0))];
        assert_eq!(beyond_of_steps(true, each.into_iter()), Some(150.0));
        // Not approved at all: the row says so whole, with no part.
        assert_eq!(beyond_of_steps(false, each.into_iter()), None);
    }

    #[test]
    fn a_latent_slip_across_periods_needs_each_period_confirmed() {
        // `x` slipped in both periods while `y`, depending on it, kept its
        // dates; `y` was confirmed after the first slip only.
        let latent = |ack: Option<&str>, after: &str| Latent {
            dependent: Sym::from("y"),
            dependency: Sym::from("i/x"),
            days: 30,
            acknowledged_by: ack.map(Sym::from),
            after: Sym::from(after),
        };
        let mut first = with_budgets("a", "b", Vec::new());
        first.latent.push(latent(Some("cr"), "a"));
        let mut second = with_budgets("b", "c", Vec::new());
        second.latent.push(latent(None, "b"));
        let mut d = with_budgets("a", "c", Vec::new());
        d.latent.push(latent(Some("cr"), "a"));
        judge_by_steps(&mut d, &[&first, &second], 14);
        assert_eq!(d.latent[0].acknowledged_by, None);
        assert_eq!(d.latent[0].after.as_str(), "b");
        // Confirmed in each period: confirmed across both, by the latest.
        second.latent[0].acknowledged_by = Some(Sym::from("cr-2"));
        let mut d = with_budgets("a", "c", Vec::new());
        d.latent.push(latent(None, "a"));
        judge_by_steps(&mut d, &[&first, &second], 14);
        assert_eq!(d.latent[0].acknowledged_by.as_deref(), Some("cr-2"));
    }

    #[test]
    fn a_budget_across_periods_is_judged_by_the_increases_between() {
        // 1000 → 1200 (approved) → 1500 (not): the sum is not approved.
        let steps = [
            with_budgets(
                "a",
                "b",
                vec![budget(Some(1000.0), Some(1200.0), Some("cr"))],
            ),
            with_budgets("b", "c", vec![budget(Some(1200.0), Some(1500.0), None)]),
        ];
        let mut d = with_budgets(
            "a",
            "c",
            vec![budget(Some(1000.0), Some(1500.0), Some("cr"))],
        );
        judge_by_steps(&mut d, &steps.iter().collect::<Vec<_>>(), 14);
        assert_eq!(d.budgets[0].acknowledged_by, None);
        // Taken away, then put back larger: no step was an increase that
        // needed a decision, so what the two ends say stands.
        let steps = [
            with_budgets("a", "b", vec![budget(Some(1000.0), None, None)]),
            with_budgets("b", "c", vec![budget(None, Some(1500.0), None)]),
        ];
        let mut d = with_budgets(
            "a",
            "c",
            vec![budget(Some(1000.0), Some(1500.0), Some("cr"))],
        );
        judge_by_steps(&mut d, &steps.iter().collect::<Vec<_>>(), 14);
        assert_eq!(d.budgets[0].acknowledged_by.as_deref(), Some("cr"));
    }

    /// A roadmap of outcome `o` and `files` (content-relative path, text).
    fn roadmap(files: &[(&str, String)]) -> Roadmap {
        let config = Config::with_defaults(Path::new("/p"), "2026-11-25");
        let mut all = vec![SourceFile::in_content(
            "outcomes/o.md",
            "---\ntitle: O\nowner: A\n---\n",
        )];
        all.extend(
            files
                .iter()
                .map(|(rel, text)| SourceFile::in_content(rel, text)),
        );
        let (r, diags) = crate::model::build::build(&all, &config);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        r
    }

    /// Initiative `id` with `fields` (YAML lines, milestones included).
    fn initiative(id: &str, fields: &str) -> (&'static str, String) {
        let path: &'static str = Box::leak(format!("initiatives/{id}.md").into_boxed_str());
        (
            path,
            format!("---\ntitle: {id}\nowner: B\noutcomes: [o]\n{fields}---\n"),
        )
    }

    /// One milestone `id` due `due`, with `extra` YAML lines.
    fn ms(id: &str, due: &str, extra: &str) -> String {
        format!("  - id: {id}\n    title: {id}\n    due: {due}\n    criteria: [x]\n{extra}")
    }

    fn approved(affects: &str, decided: &str) -> (&'static str, String) {
        (
            "changes/cr.md",
            format!("---\ntitle: CR\ndate: 2026-06-01\nstatus: approved\naffects: [{affects}]\ndecided: {decided}\n---\n"),
        )
    }

    /// Q2 (2026-06-30), Q3 (2026-09-30) and the working tree (2026-11-25).
    fn three<'a>(q2: &'a Roadmap, q3: &'a Roadmap, now: &'a Roadmap) -> [Point<'a>; 3] {
        [
            Point {
                name: "q2",
                today: date(2026, 6, 30),
                roadmap: q2,
            },
            Point {
                name: "q3",
                today: date(2026, 9, 30),
                roadmap: q3,
            },
            Point {
                name: CURRENT,
                today: date(2026, 11, 25),
                roadmap: now,
            },
        ]
    }

    #[test]
    fn slips_count_from_the_first_snapshot_and_each_move_needs_its_own_approval() {
        let at = |a: &str, b: &str, c: &str| {
            vec![initiative(
                "i",
                &format!(
                    "milestones:\n{}{}{}",
                    ms("a", a, ""),
                    ms("b", b, ""),
                    ms("c", c, "")
                ),
            )]
        };
        let q2 = roadmap(&at("2026-08-31", "2026-10-01", "2027-03-31"));
        let q3 = roadmap(&at("2026-09-30", "2026-10-01", "2027-03-31"));
        // `cr` (decided 2026-07-15, after Q2) can approve the move out of
        // Q2, not the one out of Q3.
        let mut files = at("2026-12-15", "2026-10-11", "2027-02-28");
        files.push(approved("i/a", "2026-07-15"));
        let now = roadmap(&files);
        let h = analyse(&three(&q2, &q3, &now), 0, None);

        let slips: Vec<(&str, i64, bool)> = h
            .slips
            .iter()
            .map(|s| (s.gid.as_str(), s.days, s.needs_ack))
            .collect();
        assert_eq!(
            slips,
            vec![("i/a", 106, true), ("i/b", 10, true), ("i/c", -31, false)]
        );
        assert_eq!(
            h.baselines["i/a"],
            Baseline {
                day: date(2026, 8, 31),
                written: "2026-08-31".into(),
                source: "snapshot q2".into()
            }
        );
        assert_eq!(
            h.dates["i/a"].iter().collect::<Vec<_>>(),
            [Some("2026-08-31"), Some("2026-09-30"), Some("2026-12-15")]
        );
        let a = h.slip("i/a").unwrap();
        assert_eq!(a.last_old.as_deref(), Some("q3"));
        assert_eq!(a.acknowledged_by, None, "the latest move has no approval");
        let moves: Vec<(&str, &str, i64, Option<&str>)> = a
            .unacknowledged
            .iter()
            .map(|m| (m.from.as_str(), m.to.as_str(), m.days, m.after.as_deref()))
            .collect();
        assert_eq!(moves, vec![("2026-09-30", "2026-12-15", 76, Some("q3"))]);
        // Committed to where the approved move put it; `b`, never
        // approved, to its baseline.
        assert_eq!(a.committed, date(2026, 9, 30));
        assert_eq!(h.slip("i/b").unwrap().committed, date(2026, 10, 1));
        // The move out of Q2 took the approval.
        let first = &h.diffs[0].moved;
        assert_eq!(first.len(), 1);
        assert_eq!(
            (first[0].gid.as_str(), first[0].acknowledged_by.as_deref()),
            ("i/a", Some("cr"))
        );
        // Largest first; pulling in needs no decision.
        let unapproved: Vec<&str> = h
            .unapproved_slips()
            .iter()
            .map(|s| s.gid.as_str())
            .collect();
        assert_eq!(unapproved, vec!["i/a", "i/b"]);
    }

    #[test]
    fn small_moves_that_add_up_beyond_the_tolerance_need_a_decision() {
        let at = |a: &str, b: &str| {
            vec![initiative(
                "i",
                &format!("milestones:\n{}{}", ms("a", a, ""), ms("b", b, "")),
            )]
        };
        // `a`: +7 then +7 days (14 > 10); `b`: +4 then +5 (9, within).
        let q2 = roadmap(&at("2026-12-01", "2026-12-01"));
        let q3 = roadmap(&at("2026-12-08", "2026-12-05"));
        let now = roadmap(&at("2026-12-15", "2026-12-10"));
        let h = analyse(&three(&q2, &q3, &now), 10, None);
        let a = h.slip("i/a").unwrap();
        assert!(a.needs_ack && a.is_unacknowledged());
        // The latest later move is the one that needs it.
        let moves: Vec<(&str, Option<&str>)> = a
            .unacknowledged
            .iter()
            .map(|m| (m.to.as_str(), m.after.as_deref()))
            .collect();
        assert_eq!(moves, vec![("2026-12-15", Some("q3"))]);
        // Small moves are not a commitment: it stays at the baseline.
        assert_eq!(a.committed, date(2026, 12, 1));
        let b = h.slip("i/b").unwrap();
        assert_eq!(b.days, 9);
        assert!(!b.needs_ack && !b.is_unacknowledged());
        assert_eq!(
            h.unapproved_slips()
                .iter()
                .map(|s| s.gid.as_str())
                .collect::<Vec<_>>(),
            vec!["i/a"]
        );
        // An approval decided after Q3 settles it.
        let mut files = at("2026-12-15", "2026-12-10");
        files.push(approved("i", "2026-10-02"));
        let now = roadmap(&files);
        let h = analyse(&three(&q2, &q3, &now), 10, None);
        assert_eq!(
            h.slip("i/a").unwrap().acknowledged_by.as_deref(),
            Some("cr")
        );
        assert!(h.unapproved_slips().is_empty());
    }

    #[test]
    fn scope_changes_stand_until_approved_and_an_undone_one_is_none() {
        let with = |milestones: &[String]| {
            vec![initiative(
                "i",
                &format!("milestones:\n{}", milestones.concat()),
            )]
        };
        let m = ms("m", "2027-01-31", "");
        let m_more = ms("m", "2027-01-31", "").replace("criteria: [x]", "criteria: [x, y]");
        let gone = ms("gone", "2027-02-28", "");
        let temp = ms("temp", "2027-03-31", "");
        // Q2 → Q3: `temp` added. Q3 → now: `temp` removed again, `gone`
        // removed, `new` added, `m` gains the criterion `y`.
        let q2 = roadmap(&with(&[m.clone(), gone.clone()]));
        let q3 = roadmap(&with(&[m.clone(), gone, temp]));
        let now_files = with(&[m_more, ms("new", "2027-04-30", "")]);
        let now = roadmap(&now_files);
        let h = analyse(&three(&q2, &q3, &now), 0, None);
        let kinds = |d: &Diff| -> Vec<(String, ScopeKind)> {
            d.scope
                .iter()
                .map(|s| (s.gid.to_string(), s.kind.clone()))
                .collect()
        };
        assert_eq!(
            kinds(&h.diffs[0]),
            vec![("i/temp".into(), ScopeKind::MilestoneAdded)]
        );
        let mut later = kinds(&h.diffs[1]);
        later.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            later,
            vec![
                ("i/gone".into(), ScopeKind::MilestoneRemoved),
                (
                    "i/m".into(),
                    ScopeKind::CriterionAdded {
                        criterion: "y".into()
                    }
                ),
                ("i/new".into(), ScopeKind::MilestoneAdded),
                ("i/temp".into(), ScopeKind::MilestoneRemoved),
            ]
        );
        // Taking back the unapproved `temp` restores the plan: it is not
        // open; the rest are, each after Q3.
        let mut open: Vec<(&str, &str)> = h
            .open_scope
            .iter()
            .map(|s| (s.gid.as_str(), s.after.as_str()))
            .collect();
        open.sort();
        assert_eq!(open, vec![("i/gone", "q3"), ("i/m", "q3"), ("i/new", "q3")]);
        // An approval of the initiative decided after Q3 covers them all.
        let mut files = now_files.clone();
        files.push(approved("i", "2026-10-01"));
        let now = roadmap(&files);
        let h = analyse(&three(&q2, &q3, &now), 0, None);
        assert!(h.open_scope.is_empty(), "{:?}", h.open_scope);
        assert!(h.diffs[1]
            .scope
            .iter()
            .all(|s| s.acknowledged_by.as_deref() == Some("cr")));
    }

    #[test]
    fn a_dependent_that_keeps_its_dates_while_its_dependency_slips_is_latent() {
        let net = |due: &str| initiative("net", &format!("milestones:\n{}", ms("core", due, "")));
        let app = |due: &str| {
            initiative(
                "app",
                &format!(
                    "milestones:\n{}",
                    ms("live", due, "    depends_on: [net/core]\n")
                ),
            )
        };
        let q2 = roadmap(&[net("2026-09-30"), app("2026-12-31")]);
        let q3 = roadmap(&[net("2026-09-30"), app("2026-12-31")]);
        let now = roadmap(&[net("2026-12-15"), app("2026-12-31")]);
        let h = analyse(&three(&q2, &q3, &now), 0, None);
        let open: Vec<(&str, &str, i64, &str)> = h
            .open_latent
            .iter()
            .map(|l| {
                (
                    l.dependent.as_str(),
                    l.dependency.as_str(),
                    l.days,
                    l.after.as_str(),
                )
            })
            .collect();
        assert_eq!(open, vec![("app/live", "net/core", 76, "q3")]);
        assert_eq!(h.diffs[1].latent.len(), 1);
        assert!(h.diffs[0].latent.is_empty());
        // Re-planning the dependent settles it.
        let replanned = roadmap(&[net("2026-12-15"), app("2027-01-31")]);
        let h = analyse(&three(&q2, &q3, &replanned), 0, None);
        assert!(h.open_latent.is_empty() && h.diffs[1].latent.is_empty());
        // So does an approval confirming its dates, decided after Q3.
        let confirmed = roadmap(&[
            net("2026-12-15"),
            app("2026-12-31"),
            approved("app", "2026-10-01"),
        ]);
        let h = analyse(&three(&q2, &q3, &confirmed), 0, None);
        assert!(h.open_latent.is_empty());
        assert_eq!(h.diffs[1].latent[0].acknowledged_by.as_deref(), Some("cr"));
    }

    #[test]
    fn snapshots_compared_once_give_the_history_a_full_comparison_gives() {
        // Q2 → Q3: `net/core` slips under `app/live` (latent), `app` gains
        // a milestone and a larger budget. The working tree approves the
        // slip, the scope change and the budget, all decided after Q2:
        // matching them is the working tree's part, done on every build.
        let net = |due: &str| initiative("net", &format!("milestones:\n{}", ms("core", due, "")));
        let app = |budget: u32, extra: &str| {
            initiative(
                "app",
                &format!(
                    "budget: {budget}\nmilestones:\n{}{extra}",
                    ms("live", "2026-12-31", "    depends_on: [net/core]\n")
                ),
            )
        };
        let q2 = roadmap(&[net("2026-08-31"), app(100, "")]);
        let later = [net("2026-10-31"), app(150, &ms("pilot", "2026-11-30", ""))];
        let q3 = roadmap(&later);
        let mut files = later.to_vec();
        files.push(approved("net, app", "2026-07-15"));
        let now = roadmap(&files);
        let points = three(&q2, &q3, &now);

        let whole = analyse(&points, 0, None);
        let kept = compare_all(&points[..2]);
        assert!(kept[0].moved[0].acknowledged_by.is_none());
        let reused = analyse(&points, 0, Some(std::borrow::Cow::Borrowed(&kept)));
        let q2_q3 = &reused.diffs[0];
        let acks = [
            &q2_q3.moved[0].acknowledged_by,
            &q2_q3.latent[0].acknowledged_by,
            &q2_q3.scope[0].acknowledged_by,
            &q2_q3.budgets[0].acknowledged_by,
        ];
        assert!(acks.iter().all(|a| a.as_deref() == Some("cr")), "{acks:?}");
        assert_eq!(
            serde_json::to_string(&reused).unwrap(),
            serde_json::to_string(&whole).unwrap()
        );
        // Kept pairs that cannot be the snapshots' own (one per pair of
        // them) are not taken.
        let other = analyse(&points, 0, Some(std::borrow::Cow::Borrowed(&kept[..0])));
        assert_eq!(
            serde_json::to_string(&other).unwrap(),
            serde_json::to_string(&whole).unwrap()
        );
    }

    #[test]
    fn the_period_is_the_latest_one_with_edits() {
        let at = |due: &str| {
            vec![initiative(
                "i",
                &format!("milestones:\n{}", ms("m", due, "")),
            )]
        };
        let q2 = roadmap(&at("2026-10-31"));
        let q3 = roadmap(&at("2026-11-15"));
        // Unchanged since Q3: only time passed (the milestone fell due).
        let now = roadmap(&at("2026-11-15"));
        let h = analyse(&three(&q2, &q3, &now), 0, None);
        assert!(!h.diffs[1].has_edits());
        assert_eq!(h.diffs[1].newly_overdue.len(), 1);
        let p = h.period().unwrap();
        assert_eq!(
            (p.title().as_str(), p.slug().as_str()),
            ("q2 → q3", "q2--q3")
        );
        // An edit since Q3 makes the working tree's period the one.
        let now = roadmap(&at("2026-12-15"));
        let h = analyse(&three(&q2, &q3, &now), 0, None);
        let p = h.period().unwrap();
        assert_eq!(
            (p.title().as_str(), p.slug().as_str()),
            ("q3 → now", "q3--current")
        );
        // No snapshots: no period.
        let h = analyse(
            &[Point {
                name: CURRENT,
                today: date(2026, 11, 25),
                roadmap: &now,
            }],
            0,
            None,
        );
        assert!(h.period().is_none() && h.diffs.is_empty());
    }

    #[test]
    fn a_baseline_field_is_the_promise_without_snapshots() {
        let files = vec![initiative(
            "i",
            &format!(
                "milestones:\n{}{}",
                ms("late", "2027-Q1", "    baseline: 2026-Q4\n"),
                ms(
                    "kept",
                    "2026-10-31",
                    "    baseline: 2026-11-15\n    done: 2026-11-10\n"
                ),
            ),
        )];
        let now = roadmap(&files);
        let only = [Point {
            name: CURRENT,
            today: date(2026, 11, 25),
            roadmap: &now,
        }];
        let h = analyse(&only, 0, None);
        assert_eq!(h.baselines["i/late"].source, "baseline field");
        let s = h.slip("i/late").unwrap();
        assert_eq!(
            (s.baseline, s.due, s.days),
            (date(2026, 12, 31), date(2027, 3, 31), 90)
        );
        assert!(s.is_unacknowledged());
        // Done by the baseline: a promise kept (the due date was pulled in).
        assert_eq!(h.promises, (1, 1));
        assert_eq!(h.promise_keeping_rate(), Some(1.0));
        // Cancelled work's milestones done count, as in "done on time":
        // what it delivered (late, here) stays on record.
        let mut with_cancelled = files.clone();
        with_cancelled.push(initiative(
            "gone",
            &format!(
                "status: cancelled\nmilestones:\n{}",
                ms(
                    "late",
                    "2026-09-30",
                    "    baseline: 2026-08-31\n    done: 2026-09-20\n"
                )
            ),
        ));
        let with_cancelled = roadmap(&with_cancelled);
        assert_eq!(
            with_cancelled.initiative("gone").unwrap().status,
            "cancelled"
        );
        let only = [Point {
            name: CURRENT,
            today: date(2026, 11, 25),
            roadmap: &with_cancelled,
        }];
        assert_eq!(analyse(&only, 0, None).promises, (1, 2));
        // With no snapshot having seen the move, any approval covers it.
        let mut files = files;
        files.push(approved("i/late", "2026-01-10"));
        let now = roadmap(&files);
        let h = analyse(
            &[Point {
                name: CURRENT,
                today: date(2026, 11, 25),
                roadmap: &now,
            }],
            0,
            None,
        );
        assert_eq!(
            h.slip("i/late").unwrap().acknowledged_by.as_deref(),
            Some("cr")
        );
        assert!(h.unapproved_slips().is_empty());
    }
}
