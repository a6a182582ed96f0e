//! Each period compared: what changed between two consecutive versions
//! (moves, scope, latent slips, status, KPIs) and what each step approved.

use super::*;
use thin_vec::ThinVec;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ScopeKind {
    MilestoneAdded,
    MilestoneRemoved,
    CriterionAdded {
        criterion: String,
    },
    /// A bar taken away is a scope cut: a reworded criterion is one
    /// removed and one added (it read as extra scope alone).
    CriterionRemoved {
        criterion: String,
    },
    /// A milestone kept but no longer a gate: the work past it no longer
    /// waits for it to pass, and a high risk affecting it no longer holds
    /// the initiative's health (it read green where it read amber).
    GateRemoved,
    /// A milestone (or an initiative: `gid` is then the initiative's id)
    /// no longer depending on an item still in the roadmap: the plan
    /// stopped waiting for it, and the conflict or latent slip the
    /// dependency made went with it.
    DependencyRemoved {
        dependency: String,
    },
}

impl ScopeKind {
    /// What changed, in a few words (`criterion removed: x`); `quoted`
    /// puts a criterion in typographic quotes, as the pages show it.
    pub fn what(&self, quoted: bool) -> String {
        let text = |t: &str| {
            if quoted {
                format!("“{t}”")
            } else {
                t.to_string()
            }
        };
        match self {
            ScopeKind::MilestoneAdded => "milestone added".into(),
            ScopeKind::MilestoneRemoved => "milestone removed".into(),
            ScopeKind::GateRemoved => "gate removed".into(),
            ScopeKind::CriterionAdded { criterion } => {
                format!("criterion added: {}", text(criterion))
            }
            ScopeKind::CriterionRemoved { criterion } => {
                format!("criterion removed: {}", text(criterion))
            }
            ScopeKind::DependencyRemoved { dependency } => {
                format!("dependency removed: {dependency}")
            }
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ScopeChange {
    #[serde(flatten)]
    pub kind: ScopeKind,
    pub gid: Sym,
    pub initiative: Sym,
    pub acknowledged_by: Option<Sym>,
    /// The snapshot the change came after: an approval must be decided on
    /// or after its date.
    pub after: Sym,
    /// A removed milestone's title as the snapshot had it: the working
    /// tree, which would name it, has lost it.
    #[serde(skip)]
    pub title: Option<Sym>,
    /// The end the initiative had in the older version (written, or made
    /// by its milestones): a milestone added with no decision must not
    /// carry the work's committed end past it.
    #[serde(skip)]
    pub end_before: Option<Day>,
    /// A milestone of live work removed while open and past its due date
    /// on the older point's day: the days it was overdue then. Removed, it
    /// left the overdue list with only a scope change to show for it (from
    /// a trial).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<i64>,
}

impl ScopeChange {
    /// What changed, in a few words (see [`ScopeKind::what`]), with how
    /// overdue a milestone removed was.
    pub fn said(&self, quoted: bool) -> String {
        match self.overdue {
            Some(days) => format!(
                "{} while overdue ({} at {}, not done)",
                self.kind.what(quoted),
                crate::words::days(days),
                self.after
            ),
            None => self.kind.what(quoted),
        }
    }
}

/// Milestones added with no approved change request, by initiative, with
/// the earliest end the work had before them (see
/// [`crate::analysis::committed_ends`]): the last milestone replaced by a
/// later one moves the end as surely as a due date moved out.
pub fn added_scope(open_scope: &[ScopeChange]) -> Vec<crate::analysis::AddedScope> {
    let mut out: Vec<crate::analysis::AddedScope> = Vec::new();
    for s in open_scope
        .iter()
        .filter(|s| s.kind == ScopeKind::MilestoneAdded && s.acknowledged_by.is_none())
    {
        let Some(end_before) = s.end_before else {
            continue;
        };
        match out
            .iter_mut()
            .find(|a| a.initiative == s.initiative.as_str())
        {
            Some(a) => {
                a.end_before = a.end_before.min(end_before);
                a.milestones.push(s.gid.to_string());
            }
            None => out.push(crate::analysis::AddedScope {
                initiative: s.initiative.to_string(),
                end_before,
                milestones: vec![s.gid.to_string()],
            }),
        }
    }
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct Latent {
    /// The item whose dates did not move.
    pub dependent: Sym,
    /// The milestone that slipped.
    pub dependency: Sym,
    pub days: i64,
    /// An approved change request affecting the dependent, decided after
    /// the older version: the dependent was looked at and kept its dates.
    pub acknowledged_by: Option<Sym>,
    /// The snapshot the dependency slipped after.
    pub after: Sym,
}

/// A milestone finished within a period.
#[derive(Debug, Clone, Serialize)]
pub struct Completed {
    pub gid: Sym,
    pub done: Sym,
    pub due: Sym,
    /// Days after its due date at the end of the period (0: on time).
    pub days_late: i64,
    /// The date first promised (its baseline across the history), when it
    /// is not the due it was done against: "on time" then means on time
    /// for a date that moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_promised: Option<Sym>,
    /// Days it was done after the date first promised, when that date is
    /// named and was missed: the promise-keeping rate counts it late, so
    /// "on time" for the date due now must not be all the row says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_promise: Option<i64>,
    /// The date it stood committed to, when it was moved since with no
    /// approved change request: `days_late` counts from there, not from
    /// `due` (the lateness read "62 days late" beside a due it was done on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committed: Option<Sym>,
    /// The snapshot that showed it open and overdue after the day its
    /// `done:` says (`backdated-done` stands): `days_late` counts to that
    /// snapshot's day at least.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_on: Option<Sym>,
    /// Dated back before a snapshot showed it open and overdue, and the
    /// date accepted by an approved change request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dated_back: Option<DatedBack>,
    #[serde(skip)]
    pub(super) due_day: Day,
    #[serde(skip)]
    pub(super) done_day: Day,
}

/// A milestone that became overdue within a period: not done, due before
/// the period's end, and not already overdue at its start.
#[derive(Debug, Clone, Serialize)]
pub struct NewlyOverdue {
    pub gid: Sym,
    pub due: Sym,
    /// Days overdue at the end of the period (from `committed` when set).
    pub days: i64,
    /// The date it stands committed to, when its due moved with no
    /// approved change request: it is overdue from that date (the row read
    /// "114 days overdue" where the milestone's own row said "174 d past
    /// the date committed").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committed: Option<Sym>,
    /// `committed` as a day, for a span's rows counted from it.
    #[serde(skip)]
    pub(super) committed_day: Option<Day>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub id: String,
    pub from: String,
    pub to: String,
    /// A status that takes committed work back (cancelled, made proposed
    /// or put on hold, see [`Change::takes_back`]): the approved change
    /// request affecting it, decided on or after the period's start, that
    /// covers it (none: `unapproved-cancellation` while it stands).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<Sym>,
    /// Cancelled from a status that commits nothing (`proposed`) where a
    /// snapshot before the period had the work committed: taken back all
    /// the same, judged from that snapshot (see
    /// `record::period_approvals`).
    #[serde(skip)]
    pub committed_before: bool,
}

/// A list of ids changed, their order aside: the row, each end's ids
/// joined by ", " (`none`: an empty list).
fn list_changed(id: &str, from: &[Sym], to: &[Sym]) -> Option<Change> {
    let sorted = |ids: &[Sym]| {
        let mut ids: Vec<&str> = ids.iter().map(Sym::as_str).collect();
        ids.sort_unstable();
        ids
    };
    let joined = |ids: &[Sym]| match ids {
        [] => "none".to_string(),
        ids => ids.join(", "),
    };
    (sorted(from) != sorted(to)).then(|| Change::of(id, &joined(from), &joined(to)))
}

impl Change {
    /// A change of a text field, nothing to approve.
    fn of(id: &str, from: &str, to: &str) -> Change {
        Change {
            id: id.to_string(),
            from: from.to_string(),
            to: to.to_string(),
            acknowledged_by: None,
            committed_before: false,
        }
    }

    /// A status change that takes work back from a commitment: cancelled
    /// or made proposed where it was committed, put on hold where it was
    /// planned or active (its effort leaves its team's capacity).
    pub fn takes_back(&self) -> bool {
        match self.to.as_str() {
            "cancelled" => was_committed(&self.from) || self.committed_before,
            "proposed" => was_committed(&self.from),
            "on-hold" => matches!(self.from.as_str(), "planned" | "active"),
            _ => false,
        }
    }

    /// A row of [`Diff::serves`]: committed work that left an outcome, no
    /// approved change request covering it.
    pub fn leaves_unapproved(&self) -> bool {
        self.committed_before && self.acknowledged_by.is_none()
    }

    /// [`Change::takes_back`] with no approved change request covering
    /// it: said beside the row and in the period's line (it read "1
    /// initiative cancelled" like an approved one, from a CIO's trial).
    pub fn takes_back_unapproved(&self) -> bool {
        self.takes_back() && self.acknowledged_by.is_none()
    }
}

/// Statuses whose cancellation takes a decision.
pub(super) fn was_committed(status: &str) -> bool {
    matches!(status, "planned" | "active" | "on-hold")
}

/// A KPI's target for the period's end, as each end set it: a target
/// loosened is a quarter made to read better, and the history said
/// nothing of it ("no changes"; from a CIO's trial).
#[derive(Debug, Clone, Serialize)]
pub struct TargetMove {
    pub id: String,
    pub from: f64,
    pub to: f64,
    /// Easier to meet, by the KPI's direction.
    pub loosened: bool,
    /// A later step's date as written (`2027-Q2`), when the move is of
    /// the target from that date on, not of the one for the period's end:
    /// a step ahead loosened was said in no period, and by the time it
    /// was in force the period it was edited in had closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// A loosened target: the approved change request affecting the KPI,
    /// decided on or after the period's start, that covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<Sym>,
}

/// A capability's maturity changed in the period: where it stands
/// (`current`) or where the roadmap means to take it (`target`), each 0 to
/// 5. Gone backwards, or a target lowered, the gap reads smaller or the
/// work less done with nothing delivered: the period says so.
#[derive(Debug, Clone, Serialize)]
pub struct MaturityMove {
    pub id: String,
    pub current_from: i64,
    pub current_to: i64,
    pub target_from: i64,
    pub target_to: i64,
}

/// A KPI's baseline changed in the period: the figure its progress is
/// measured from.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineMove {
    pub id: String,
    /// `None`: none set at that end.
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// Its progress reads better from it (higher where lower is better,
    /// lower where higher is, or taken out): it needs a decision.
    pub flatters: bool,
    /// A flattering move: the approved change request affecting the KPI,
    /// decided on or after the period's start, that covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<Sym>,
}

/// A KPI turned around in the period (`direction: up` made `down`, or
/// back): the same figures and target read the other way, an off-target
/// KPI on target with nothing measured differently, and the period's page
/// and `roadbook diff` said nothing (only the finding did).
#[derive(Debug, Clone, Serialize)]
pub struct DirectionMove {
    pub id: String,
    pub from: String,
    pub to: String,
    /// The approved change request affecting the KPI, decided on or after
    /// the period's start, that covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<Sym>,
}

/// An initiative's effort changed in the period: its total (person-days
/// over every team) or how it is spread over teams. Cut, the capacity
/// counts less of the teams' time, and the period said "Nothing changed"
/// of an overcommitted team made to read fine (from an auditor's trial).
#[derive(Debug, Clone, Serialize)]
pub struct EffortMove {
    pub id: String,
    pub from: f64,
    pub to: f64,
    /// Each end's effort per team.
    pub teams_from: BTreeMap<String, f64>,
    pub teams_to: BTreeMap<String, f64>,
    /// A cut: the approved change request affecting the initiative,
    /// decided on or after the period's start, that covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<Sym>,
    /// The total down by a person-day or more on work planned or active
    /// at either end (what `unapproved-effort-cut` judges).
    pub cut: bool,
}

impl EffortMove {
    /// Whether where the work sits is news: a team added, taken out or
    /// given another share (one team's own figure is the total).
    pub fn split_changed(&self) -> bool {
        let one_team = self.teams_from.len() == 1
            && self.teams_to.len() == 1
            && self.teams_from.keys().eq(self.teams_to.keys());
        !one_team && self.teams_from != self.teams_to
    }
}

/// An outcome's horizon moved: later, the date leadership was promised
/// the outcome by is not what it was, and `outcome-horizon-missed` judges
/// the new one (it read as nothing at all, from a CIO's trial).
#[derive(Debug, Clone, Serialize)]
pub struct HorizonMove {
    pub id: String,
    /// As written; none: no horizon at that end.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Days later (negative: earlier); none when either end has none.
    pub days: Option<i64>,
    /// Moved later: the approved change request affecting the outcome,
    /// decided on or after the period's start, that covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<Sym>,
}

/// An outcome's horizon later than the last snapshot that had the outcome
/// set it, or taken out, with no approved change request affecting the
/// outcome decided since: moved, it switched `outcome-horizon-missed` off
/// with nothing to decide.
#[derive(Debug, Clone, Serialize)]
pub struct HorizonLater {
    pub id: String,
    pub after: String,
    pub from: String,
    /// None: taken out.
    pub to: Option<String>,
    pub days: Option<i64>,
}

/// The working tree's outcomes (the last point) whose horizon stands
/// later with no decision (see [`HorizonLater`]).
pub(super) fn open_horizons(points: &[Point], approvals: &Approvals) -> Vec<HorizonLater> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .outcomes
        .iter()
        .filter_map(|o| {
            let id = o.meta.id.as_str();
            // The last snapshot that set it earlier: taking a snapshot
            // since clears nothing (the next quarter's snapshot, holding
            // the later horizon, cleared it).
            let (p, then, days) = snapshots.iter().rev().find_map(|p| {
                let was = p.roadmap.outcomes.iter().find(|x| x.meta.id == id)?;
                let then = was.horizon.as_ref()?;
                let days = o.horizon.as_ref().map(|h| days_between(then.day, h.day));
                days.is_none_or(|n| n > 0).then_some((p, then, days))
            })?;
            approvals
                .approving(id, p.today)
                .is_none()
                .then(|| HorizonLater {
                    id: id.to_string(),
                    after: p.name.to_string(),
                    from: then.written.to_string(),
                    to: o.horizon.as_ref().map(|h| h.written.to_string()),
                    days,
                })
        })
        .collect()
}

impl HorizonMove {
    /// Moved later, or taken out: an outcome with no horizon is never late
    /// (its `outcome-horizon-missed` went with it).
    pub fn later(&self) -> bool {
        self.days.is_some_and(|d| d > 0) || (self.from.is_some() && self.to.is_none())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct KpiMove {
    pub id: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// The data point both ends' latest figures are for, when it is one:
    /// only then can the movement be that figure written again.
    #[serde(skip)]
    pub same_point: Option<FigureKey>,
}

/// Spend put on record since the start of a period for periods already
/// over then: the older version's money said less was spent by its day
/// than is on record now for the same days (invoices booked late, a
/// quarter's spend written once its books closed). No decision: more
/// spend on record hides nothing. But a quarter reported under plan may
/// not have been, and the period says so.
#[derive(Debug, Clone, Serialize)]
pub struct LateSpend {
    pub id: String,
    /// The periods whose figure is new or higher, as written now.
    pub periods: Vec<String>,
    /// Spend on record for the periods over by the older version's day:
    /// then, and now.
    pub was: f64,
    pub now: f64,
}

/// An open milestone's forecast at one point of the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ForecastDates {
    pub due: Day,
    /// The likely and the cautious date.
    pub p50: Day,
    pub p85: Day,
}

/// An open milestone whose forecast changed within a period. The forecast
/// stage, which comes after the history, fills these in.
#[derive(Debug, Clone, Serialize)]
pub struct ForecastMove {
    pub gid: Sym,
    /// `None`: no group had enough history to forecast it then.
    pub from: Option<ForecastDates>,
    pub to: Option<ForecastDates>,
    /// How far the cautious (P85) date moved; `None` when only one side
    /// had a forecast.
    pub days: Option<i64>,
}

/// How many of a period's changes of each kind stood unapproved at its
/// end (see [`Diff::unapproved`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unapproved {
    pub moves: usize,
    pub scope: usize,
    pub latent: usize,
    pub budgets: usize,
    pub ends: usize,
    pub cancelled: usize,
    /// Put on hold or made proposed.
    pub held: usize,
    /// KPI figures, then spend figures.
    pub restated: [usize; 2],
    pub retired: usize,
    pub outcomes_retired: usize,
    pub unlinked: usize,
    pub horizons: usize,
    pub loosened: usize,
    pub efforts: usize,
    pub untraced: usize,
    pub directions: usize,
    pub baselines: usize,
}

impl Unapproved {
    /// Every change of the period that still waits for a decision.
    pub fn total(&self) -> usize {
        let Unapproved {
            moves,
            scope,
            latent,
            budgets,
            ends,
            cancelled,
            held,
            restated: [kpis, spend],
            retired,
            outcomes_retired,
            unlinked,
            horizons,
            loosened,
            efforts,
            untraced,
            directions,
            baselines,
        } = *self;
        moves
            + scope
            + latent
            + budgets
            + ends
            + cancelled
            + held
            + kpis
            + spend
            + retired
            + outcomes_retired
            + unlinked
            + horizons
            + loosened
            + efforts
            + untraced
            + directions
            + baselines
    }
}

/// A milestone given a new id, its title kept.
#[derive(Debug, Clone, Serialize)]
pub struct Renamed {
    /// Its new id.
    pub gid: Sym,
    /// Its old one.
    pub from: Sym,
}

/// What changed between two consecutive roadmaps.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub from: String,
    pub to: String,
    pub from_today: Day,
    pub to_today: Day,
    pub moved: Vec<Move>,
    /// Milestones given a new id in the period, their title kept (see
    /// [`super::slips::renamed_from`]): each carries on under it, its
    /// move (if it moved) in `moved`, not a milestone removed and one
    /// added.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub renamed: Vec<Renamed>,
    pub added: Vec<String>,
    /// The status an initiative added in the period has at its end when
    /// its work is over (cancelled, done): one added and cancelled inside
    /// a range of quarters read as added, nothing more (from a trial).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub added_status: BTreeMap<String, String>,
    pub removed: Vec<String>,
    /// The title each removed item had: no page is left to link to.
    pub removed_titles: BTreeMap<String, String>,
    pub scope: Vec<ScopeChange>,
    pub latent: Vec<Latent>,
    pub status: Vec<Change>,
    pub health: Vec<Change>,
    /// Initiatives, milestones and outcomes whose owner changed, and teams
    /// whose lead did: who answers for the work is part of the plan
    /// leadership reads.
    pub owners: Vec<Change>,
    /// Initiatives whose teams changed (ids joined by ", ", `none`):
    /// who delivers the work, and whose capacity and delivery record it
    /// counts in (work handed to another team showed nowhere without an
    /// `effort`; from a trial).
    pub teams: Vec<Change>,
    /// Initiatives whose outcomes changed (ids joined by ", ", `none`):
    /// work moved onto an outcome due later ran past the old horizon with
    /// no row saying so (`unapproved-outcome-unlink` judges it). Here
    /// `committed_before` marks work committed at the period's start that
    /// left an outcome (see [`Change::leaves_unapproved`]).
    pub serves: Vec<Change>,
    /// Outcomes, initiatives, milestones and KPIs whose title changed:
    /// "Cut order cycle time by 30 %" made "by 5 %" moved a target with no
    /// row saying so (from a trial). Milestones by their global id.
    pub retitled: Vec<Change>,
    /// Teams whose capacity (person-days a quarter, as written) changed:
    /// a cut is where an overcommitment comes from.
    pub capacity: Vec<Change>,
    /// Teams whose operational load (the share of capacity run work
    /// takes, as percentages) changed: it takes from the project work a
    /// team can do as a capacity cut does, and a diff that said "no
    /// changes" hid a quarter going from 69 % to 89 % used.
    pub ops_load: Vec<Change>,
    pub kpis: Vec<KpiMove>,
    /// KPI targets for the period's end that changed in it.
    pub targets: Vec<TargetMove>,
    /// KPI baselines changed in it.
    pub baselines: Vec<BaselineMove>,
    /// Capability maturities (current or target) changed in it.
    pub capabilities: Vec<MaturityMove>,
    /// KPIs whose direction changed in the period.
    pub directions: Vec<DirectionMove>,
    /// Initiatives whose effort (total or spread over teams) changed in
    /// the period.
    pub efforts: Vec<EffortMove>,
    /// Outcomes whose horizon changed.
    pub horizons: Vec<HorizonMove>,
    /// Reported KPI figures changed or taken out in the period.
    pub revisions: Vec<FigureRevision>,
    /// Flash figures the start showed that the end replaced.
    pub flash: Vec<FlashFigure>,
    /// KPIs measured at the start of the period and retired by its end.
    pub retired: Vec<Retired>,
    /// Outcomes pursued at the start of the period and retired by its end.
    pub outcomes_retired: Vec<Retired>,
    /// KPIs still measured that stopped measuring an outcome in the period.
    pub unlinked: Vec<Unlinked>,
    /// KPIs that began measuring an outcome of the start in the period:
    /// no decision, but one KPI swapped for another changes what the
    /// outcome's roll-up reads.
    pub linked: Vec<Linked>,
    pub completed: Vec<Completed>,
    /// Milestones done at the start whose `done:` changed in the period:
    /// dated otherwise, or taken out (open again). A completion dated back
    /// changed no row before: the period it was done in said late, and
    /// every period after it said nothing.
    pub redated: Vec<Redated>,
    pub newly_overdue: Vec<NewlyOverdue>,
    /// Initiatives in both that serve an outcome now and served none before.
    pub became_traced: Vec<String>,
    /// Initiatives in both that served an outcome and now serve none.
    pub became_untraced: Vec<String>,
    /// Of those, the ones committed at the period's start (planned, active
    /// or on hold), and of these the ones no approved change request
    /// affecting them, decided on or after the start, covers: judged as a
    /// cancellation, where the period read "untraced" with no verdict.
    #[serde(skip)]
    pub untraced_committed: usize,
    #[serde(skip)]
    pub untraced_unapproved: Vec<String>,
    /// Outcomes that had live work and now have none, their work not
    /// delivered (none done, or some cancelled).
    pub lost_last_live: Vec<String>,
    /// RAID items opened, closed, occurred, or whose exposure moved.
    pub risks: Vec<RiskChange>,
    /// Initiatives whose budget changed.
    pub budgets: Vec<BudgetMove>,
    /// Initiatives with more spend on record for periods over at the
    /// start than the start had.
    pub late_spend: Vec<LateSpend>,
    /// Initiatives whose written start or end changed.
    pub dates: Vec<DateMove>,
    /// Forecasts that moved, as each end of the period made them from the
    /// history up to it (see `forecast::over`).
    pub forecasts: Vec<ForecastMove>,
    /// Change requests in both whose record changed: decided, or edited.
    pub requests: Vec<RequestEdit>,
    /// The requests credited above that were decided after the period's
    /// end: late approval is allowed, but what they approve stood
    /// unapproved when `to` was taken (the period's page read as if
    /// approved then, and the period they were decided in showed nothing
    /// they approved).
    pub approved_later: Vec<ApprovedLater>,
    /// Requests decided in the period that approve what stood unapproved
    /// at the end of earlier ones (each of those names it in
    /// `approved_later`): a slip approved a quarter later was said only
    /// on the old quarter's page, and the quarter the decision was taken
    /// in showed nothing it approved.
    pub approves_earlier: Vec<ApprovesEarlier>,
}

/// A request credited in a period it was decided after.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ApprovedLater {
    pub id: Sym,
    /// The day it counts as decided.
    pub decided: Sym,
}

/// A request decided in a period that approves rows of earlier periods.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovesEarlier {
    pub id: Sym,
    /// The day it counts as decided.
    pub decided: Sym,
    /// The earlier periods, oldest first.
    pub periods: Vec<PeriodName>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodName {
    pub from: String,
    pub to: String,
}

/// A done milestone whose `done:` changed in a period.
#[derive(Debug, Clone, Serialize)]
pub struct Redated {
    pub gid: Sym,
    /// Its `done:` at the start and at the end (`None`: open again).
    pub from: Sym,
    pub to: Option<Sym>,
    /// Days later (negative: earlier), when still done.
    pub days: Option<i64>,
    /// Dated back before a snapshot's record of it, and the date accepted
    /// by an approved change request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dated_back: Option<DatedBack>,
}

/// A completion dated back before a snapshot's record of it, accepted by
/// an approved change request: the request's page says what it approved
/// (it read "nothing is matched to it"), and the period's row says why
/// the date stands.
#[derive(Debug, Clone, Serialize)]
pub struct DatedBack {
    pub approved_by: Sym,
    /// The snapshot whose record the date goes before.
    pub after: Sym,
}

/// One field of a change request changed in a period: its status (a
/// decision taken, or withdrawn), what it affects, its amounts or the day
/// decided. An approval rewritten was invisible in a diff ("no changes"),
/// while what it approves follows the record (see [`RewrittenApproval`]).
#[derive(Debug, Clone, Serialize)]
pub struct RequestEdit {
    pub id: String,
    /// `status`, `affects`, `budget_increase`, `delay_days`, `decided`,
    /// `decided_by` or `date`.
    pub field: &'static str,
    pub from: Option<String>,
    pub to: Option<String>,
    /// It stood approved at the start of the period and the field is part
    /// of what it approved (not its status, nor a `date:` that `decided:`
    /// overrides): the record of a decision rewritten.
    pub after_approval: bool,
}

impl Diff {
    /// Whether a KPI's movement is its latest figure written again with no
    /// decision (a revision of that same data point, from the one figure
    /// to the other): no movement at all, since the KPI is judged by the
    /// figure reported.
    pub fn restated_unapproved(&self, k: &KpiMove) -> bool {
        self.revisions.iter().any(|r| {
            r.series == Series::Kpi
                && r.id == k.id
                && k.same_point == Some(r.key)
                && Some(r.from) == k.from
                && r.to == k.to
                && r.needs_ack
                && r.acknowledged_by.is_none()
        })
    }

    pub fn is_empty(&self) -> bool {
        !self.has_edits() && self.newly_overdue.is_empty() && self.forecasts.is_empty()
    }

    /// Every change request a row of it credits.
    pub(super) fn approvals_named(&self) -> BTreeSet<Sym> {
        let with_steps = |by: &Option<Sym>, steps: &[Sym]| -> Vec<Sym> {
            by.iter().chain(steps).copied().collect()
        };
        let mut out = BTreeSet::new();
        out.extend(
            self.moved
                .iter()
                .flat_map(|m| with_steps(&m.acknowledged_by, &m.approved_by_steps)),
        );
        out.extend(
            self.budgets
                .iter()
                .flat_map(|b| with_steps(&b.acknowledged_by, &b.approved_by_steps)),
        );
        out.extend(
            self.dates
                .iter()
                .flat_map(|x| with_steps(&x.acknowledged_by, &x.approved_by_steps)),
        );
        out.extend(self.scope.iter().filter_map(|s| s.acknowledged_by));
        out.extend(self.latent.iter().filter_map(|l| l.acknowledged_by));
        out.extend(self.status.iter().filter_map(|c| c.acknowledged_by));
        out.extend(self.revisions.iter().filter_map(|r| r.acknowledged_by));
        out.extend(self.retired.iter().filter_map(|r| r.acknowledged_by));
        out.extend(
            self.outcomes_retired
                .iter()
                .filter_map(|r| r.acknowledged_by),
        );
        out.extend(self.unlinked.iter().filter_map(|u| u.acknowledged_by));
        out.extend(self.directions.iter().filter_map(|x| x.acknowledged_by));
        out.extend(self.baselines.iter().filter_map(|x| x.acknowledged_by));
        // A target loosened or a horizon moved later, approved after the
        // period, is approved later as a slip is (it read "approved by"
        // with no word of when; from a trial).
        out.extend(self.targets.iter().filter_map(|x| x.acknowledged_by));
        out.extend(self.horizons.iter().filter_map(|x| x.acknowledged_by));
        out.extend(self.efforts.iter().filter_map(|x| x.acknowledged_by));
        out.extend(self.capacity.iter().filter_map(|x| x.acknowledged_by));
        out.extend(
            self.completed
                .iter()
                .filter_map(|c| c.dated_back.as_ref().map(|d| d.approved_by)),
        );
        out.extend(
            self.redated
                .iter()
                .filter_map(|x| x.dated_back.as_ref().map(|d| d.approved_by)),
        );
        out
    }

    /// From `from` to `to`, with nothing found yet.
    pub(super) fn empty(from: &str, to: &str, from_today: Day, to_today: Day) -> Diff {
        Diff {
            from: from.to_string(),
            to: to.to_string(),
            from_today,
            to_today,
            moved: Vec::new(),
            renamed: Vec::new(),
            added: Vec::new(),
            added_status: BTreeMap::new(),
            removed: Vec::new(),
            removed_titles: BTreeMap::new(),
            scope: Vec::new(),
            latent: Vec::new(),
            status: Vec::new(),
            health: Vec::new(),
            owners: Vec::new(),
            teams: Vec::new(),
            serves: Vec::new(),
            retitled: Vec::new(),
            capacity: Vec::new(),
            ops_load: Vec::new(),
            kpis: Vec::new(),
            targets: Vec::new(),
            baselines: Vec::new(),
            capabilities: Vec::new(),
            directions: Vec::new(),
            efforts: Vec::new(),
            horizons: Vec::new(),
            revisions: Vec::new(),
            flash: Vec::new(),
            retired: Vec::new(),
            outcomes_retired: Vec::new(),
            unlinked: Vec::new(),
            linked: Vec::new(),
            completed: Vec::new(),
            redated: Vec::new(),
            newly_overdue: Vec::new(),
            became_traced: Vec::new(),
            became_untraced: Vec::new(),
            untraced_committed: 0,
            untraced_unapproved: Vec::new(),
            lost_last_live: Vec::new(),
            risks: Vec::new(),
            budgets: Vec::new(),
            late_spend: Vec::new(),
            dates: Vec::new(),
            forecasts: Vec::new(),
            requests: Vec::new(),
            approved_later: Vec::new(),
            approves_earlier: Vec::new(),
        }
    }

    /// The period in one sentence, the same on its page, the dashboard,
    /// the brief and the feed (each used to pick its own figures: the page
    /// left out what was completed and newly overdue, all of them the
    /// budget increases).
    /// How many of each kind of change stood with no approved change
    /// request at the period's end: what the line leadership reads
    /// counts, and the versions page adds up.
    pub fn unapproved(&self) -> Unapproved {
        // How many rows of a list stand open.
        fn open<T>(rows: &[T], stands: impl Fn(&T) -> bool) -> usize {
            rows.iter().filter(|x| stands(x)).count()
        }
        // Unapproved, or approved for less than it moved.
        let uncovered = |by: &Option<Sym>, beyond: bool| by.is_none() || beyond;
        Unapproved {
            moves: open(&self.moved, |m| {
                m.needs_ack && uncovered(&m.acknowledged_by, m.beyond_approval.is_some())
            }),
            scope: open(&self.scope, |x| x.acknowledged_by.is_none()),
            latent: open(&self.latent, |x| x.acknowledged_by.is_none()),
            budgets: open(&self.budgets, |b| {
                b.needs_ack && uncovered(&b.acknowledged_by, b.beyond_approval.is_some())
            }),
            ends: open(&self.dates, |x| {
                x.field == "end"
                    && x.needs_ack
                    && uncovered(&x.acknowledged_by, x.beyond_approval.is_some())
            }),
            cancelled: open(&self.status, |c| {
                c.to == "cancelled" && c.takes_back_unapproved()
            }),
            held: open(&self.status, |c| {
                c.to != "cancelled" && c.takes_back_unapproved()
            }),
            restated: [Series::Kpi, Series::Spend].map(|series| {
                open(&self.revisions, |r| {
                    r.needs_ack && r.series == series && r.acknowledged_by.is_none()
                })
            }),
            retired: open(&self.retired, |r| r.acknowledged_by.is_none()),
            outcomes_retired: open(&self.outcomes_retired, |r| r.acknowledged_by.is_none()),
            unlinked: open(&self.unlinked, |u| u.acknowledged_by.is_none()),
            horizons: open(&self.horizons, |h| h.later() && h.acknowledged_by.is_none()),
            loosened: open(&self.targets, |t| t.loosened && t.acknowledged_by.is_none()),
            efforts: open(&self.efforts, |x| x.cut && x.acknowledged_by.is_none()),
            untraced: self.untraced_unapproved.len(),
            directions: open(&self.directions, |t| t.acknowledged_by.is_none()),
            baselines: open(&self.baselines, |b| {
                b.flatters && b.acknowledged_by.is_none()
            }),
        }
    }

    pub fn sentence(&self) -> String {
        use crate::words::count;
        let open = self.unapproved();
        // How many of each stood unapproved, said in the line leadership
        // reads as it was for cancellations and restatements ("1
        // milestone moved (1 later)" read as a plan kept).
        let unapproved = |n: usize| {
            if n > 0 {
                format!(", {n} unapproved")
            } else {
                String::new()
            }
        };
        let unapproved_of = |n: usize, said: String| match n {
            0 => said,
            n => format!("{said} ({n} unapproved)"),
        };
        let mut parts = vec![
            format!(
                "{} moved ({} later{})",
                count(self.moved.len(), "milestone", "milestones"),
                self.moved.iter().filter(|m| m.days > 0).count(),
                unapproved(open.moves)
            ),
            format!(
                "{} completed ({} on time{})",
                self.completed.len(),
                self.on_time(),
                // On time for a moved date, after the date first promised:
                // the promise-keeping rate counts it late.
                match self
                    .completed
                    .iter()
                    .filter(|c| c.days_late == 0 && c.after_promise.is_some())
                    .count()
                {
                    0 => String::new(),
                    n => format!(", {n} of them only for a moved date"),
                }
            ),
            format!("{} newly overdue", self.newly_overdue.len()),
            unapproved_of(
                open.scope,
                count(self.scope.len(), "scope change", "scope changes"),
            ),
            unapproved_of(
                open.latent,
                count(self.latent.len(), "latent slip", "latent slips"),
            ),
        ];
        let increases = self.budgets.iter().filter(|b| b.needs_ack).count();
        if increases > 0 {
            parts.push(unapproved_of(
                open.budgets,
                count(increases, "budget increase", "budget increases"),
            ));
        }
        // An initiative's end moved out is the whole of it slipping.
        let later_ends = self
            .dates
            .iter()
            .filter(|x| x.field == "end" && x.days.is_some_and(|n| n > 0))
            .count();
        if later_ends > 0 {
            parts.push(unapproved_of(
                open.ends,
                count(
                    later_ends,
                    "initiative ending later",
                    "initiatives ending later",
                ),
            ));
        }
        // Work stopped is news to leadership as much as work late: the
        // brief's period line said nothing of an initiative cancelled with
        // money spent on it.
        let cancelled = self.status.iter().filter(|c| c.to == "cancelled").count();
        if cancelled > 0 {
            parts.push(unapproved_of(
                open.cancelled,
                count(cancelled, "initiative cancelled", "initiatives cancelled"),
            ));
        }
        // Taken back with its dates kept: its effort left the capacity.
        let held = self
            .status
            .iter()
            .filter(|c| c.to != "cancelled" && c.takes_back())
            .count();
        if held > 0 {
            parts.push(unapproved_of(
                open.held,
                count(
                    held,
                    "initiative put on hold or made proposed",
                    "initiatives put on hold or made proposed",
                ),
            ));
        }
        // A completion dated again (back, most often) is a record
        // rewritten: named in the line, not only in a table below.
        if !self.redated.is_empty() {
            parts.push(count(
                self.redated.len(),
                "completion dated again",
                "completions dated again",
            ));
        }
        // A cut is news to whoever was counting on the money, and a risk
        // that happened or was rated higher is news to a risk committee:
        // the line leadership reads names them as it names slips.
        let cuts = self
            .budgets
            .iter()
            .filter(|b| matches!((b.from, b.to), (Some(was), now) if now.unwrap_or(0.0) < was))
            .count();
        if cuts > 0 {
            parts.push(count(cuts, "budget cut", "budget cuts"));
        }
        if !self.late_spend.is_empty() {
            parts.push(format!(
                "spend recorded late for {}",
                count(self.late_spend.len(), "initiative", "initiatives")
            ));
        }
        let risks = |kind: RiskChangeKind| self.risks.iter().filter(|r| r.change == kind).count();
        // What happened, by what it was: an assumption that occurred was
        // counted "risk occurred".
        let occurred_of = |risk: bool| {
            self.risks
                .iter()
                .filter(|r| r.change == RiskChangeKind::Occurred)
                .filter(|r| (r.kind.as_str() == "risk") == risk)
                .count()
        };
        let (occurred, otherwise) = (occurred_of(true), occurred_of(false));
        if occurred > 0 {
            parts.push(count(occurred, "risk occurred", "risks occurred"));
        }
        if otherwise > 0 {
            parts.push(count(
                otherwise,
                "other RAID item occurred",
                "other RAID items occurred",
            ));
        }
        // New (risks, issues, assumptions, dependencies alike): three high
        // risks raised read as nothing new beside one that was rated
        // higher. Reopened and closed ones are the log's news too.
        let opened = risks(RiskChangeKind::Opened);
        if opened > 0 {
            parts.push(count(opened, "RAID item opened", "RAID items opened"));
        }
        let reopened = risks(RiskChangeKind::Reopened);
        if reopened > 0 {
            parts.push(count(reopened, "RAID item reopened", "RAID items reopened"));
        }
        let closed = risks(RiskChangeKind::Closed);
        if closed > 0 {
            parts.push(count(closed, "RAID item closed", "RAID items closed"));
        }
        let deleted = risks(RiskChangeKind::Deleted);
        if deleted > 0 {
            parts.push(count(
                deleted,
                "open RAID item deleted",
                "open RAID items deleted",
            ));
        }
        let rose = risks(RiskChangeKind::ExposureRose);
        if rose > 0 {
            // In the words of the period's table below it ("exposure
            // rose"): "rated higher" read as a second kind of change.
            parts.push(format!(
                "exposure rose on {}",
                count(rose, "RAID item", "RAID items")
            ));
        }
        // Rated down is news too: a high risk scored lower leaves the
        // brief's list of high exposures with nothing said (from a CIO's
        // trial).
        let fell = risks(RiskChangeKind::ExposureFell);
        if fell > 0 {
            parts.push(format!(
                "exposure fell on {}",
                count(fell, "RAID item", "RAID items")
            ));
        }
        // Restating a reported figure or retiring a KPI can make a quarter
        // read better: the one line a feed reader or the brief gives counts
        // them, as it counts slips, with how many nobody approved.
        for ((series, one, many), unapproved) in [
            (Series::Kpi, "KPI figure restated", "KPI figures restated"),
            (
                Series::Spend,
                "spend figure restated",
                "spend figures restated",
            ),
        ]
        .into_iter()
        .zip(open.restated)
        {
            let restated = self
                .revisions
                .iter()
                .filter(|r| r.needs_ack && r.series == series)
                .count();
            if restated > 0 {
                parts.push(unapproved_of(unapproved, count(restated, one, many)));
            }
        }
        // No decision, but the brief sent counted the flash: a status
        // that turned since is news.
        if !self.flash.is_empty() {
            parts.push(count(
                self.flash.len(),
                "flash figure replaced",
                "flash figures replaced",
            ));
        }
        if !self.retired.is_empty() {
            parts.push(unapproved_of(
                open.retired,
                count(self.retired.len(), "KPI retired", "KPIs retired"),
            ));
        }
        if !self.outcomes_retired.is_empty() {
            parts.push(unapproved_of(
                open.outcomes_retired,
                count(
                    self.outcomes_retired.len(),
                    "outcome retired",
                    "outcomes retired",
                ),
            ));
        }
        if !self.unlinked.is_empty() {
            parts.push(unapproved_of(
                open.unlinked,
                count(
                    self.unlinked.len(),
                    "KPI taken off an outcome",
                    "KPIs taken off outcomes",
                ),
            ));
        }
        // No decision, but a KPI swapped for another is two rows: taken off
        // above, added here.
        if !self.linked.is_empty() {
            parts.push(count(
                self.linked.len(),
                "KPI added to an outcome",
                "KPIs added to outcomes",
            ));
        }
        // Each kind said only when the period has one.
        let kinds = [
            (
                self.horizons.iter().filter(|h| h.later()).count(),
                open.horizons,
                "outcome horizon moved later",
                "outcome horizons moved later",
            ),
            (
                self.targets.iter().filter(|t| t.loosened).count(),
                open.loosened,
                "KPI target loosened",
                "KPI targets loosened",
            ),
            (
                self.efforts.iter().filter(|x| x.cut).count(),
                open.efforts,
                "effort cut",
                "efforts cut",
            ),
            (
                self.untraced_committed,
                open.untraced,
                "initiative taken off every outcome",
                "initiatives taken off every outcome",
            ),
            (
                self.directions.len(),
                open.directions,
                "KPI turned around",
                "KPIs turned around",
            ),
            (
                self.baselines.iter().filter(|b| b.flatters).count(),
                open.baselines,
                "KPI baseline moved in its favour",
                "KPI baselines moved in their favour",
            ),
        ];
        for (n, unapproved, one, many) in kinds {
            if n > 0 {
                parts.push(unapproved_of(unapproved, count(n, one, many)));
            }
        }
        if !self.approves_earlier.is_empty() {
            parts.push(count(
                self.approves_earlier.len(),
                "request approving changes of earlier periods",
                "requests approving changes of earlier periods",
            ));
        }
        parts.push(format!(
            "{} added, {} removed",
            count(self.added.len(), "item", "items"),
            self.removed.len()
        ));
        parts.join(", ")
    }

    /// Whether the roadmap itself changed (time passing alone makes
    /// milestones overdue, not edits).
    pub fn has_edits(&self) -> bool {
        !(self.moved.is_empty()
            && self.renamed.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.scope.is_empty()
            && self.latent.is_empty()
            && self.status.is_empty()
            && self.health.is_empty()
            && self.owners.is_empty()
            && self.teams.is_empty()
            && self.serves.is_empty()
            && self.retitled.is_empty()
            && self.capacity.is_empty()
            && self.ops_load.is_empty()
            && self.kpis.is_empty()
            && self.targets.is_empty()
            && self.baselines.is_empty()
            && self.capabilities.is_empty()
            && self.directions.is_empty()
            && self.efforts.is_empty()
            && self.horizons.is_empty()
            && self.revisions.is_empty()
            && self.flash.is_empty()
            && self.retired.is_empty()
            && self.outcomes_retired.is_empty()
            && self.unlinked.is_empty()
            && self.linked.is_empty()
            && self.completed.is_empty()
            && self.redated.is_empty()
            && self.became_traced.is_empty()
            && self.became_untraced.is_empty()
            && self.lost_last_live.is_empty()
            && self.risks.is_empty()
            && self.budgets.is_empty()
            && self.late_spend.is_empty()
            && self.dates.is_empty()
            && self.requests.is_empty())
    }

    pub fn on_time(&self) -> usize {
        self.completed.iter().filter(|c| c.days_late == 0).count()
    }

    /// `2026-Q3 → 2026-Q4`; the working tree is "now".
    pub fn title(&self) -> String {
        let end = |name: &str| {
            if name == CURRENT {
                "now".to_string()
            } else {
                name.to_string()
            }
        };
        format!("{} → {}", end(&self.from), end(&self.to))
    }

    pub fn slug(&self) -> String {
        format!("{}--{}", self.from, self.to)
    }
}

/// A dependent's dates: a milestone's due, an initiative's start and end.
fn item_dates(r: &Roadmap, id: &str) -> Option<(Option<Day>, Option<Day>)> {
    if let Some(m) = r.milestone(id) {
        return Some((Some(m.due.day), Some(m.due.day)));
    }
    r.initiative(id).map(|i| {
        let d = schedule::dates(i);
        (d.start, d.end)
    })
}

fn due_in(r: &Roadmap, gid: &str) -> Option<Day> {
    r.milestone(gid).map(|m| m.due.day)
}

/// The day the last of `points` has a milestone delivered by: the day it
/// was done, once it is (its due date then says only what was planned),
/// but no earlier than the last point that showed it open (a done date
/// written back before it is `backdated-done`'s to judge); else its due.
fn delivered_by(points: &[Point], gid: &str) -> Option<Day> {
    let m = points.last()?.roadmap.milestone(gid)?;
    let Some(done) = &m.done else {
        return Some(m.due.day);
    };
    let open_until = points
        .iter()
        .filter(|p| p.roadmap.milestone(gid).is_some_and(|m| m.done.is_none()))
        .map(|p| p.today)
        .max();
    Some(open_until.map_or(done.day, |open| open.max(done.day)))
}

/// The history findings that still stand in the working tree, whichever
/// period they arose in: a snapshot taken since clears none of them, an
/// approved change request (or undoing the change) does.
pub(super) fn standing(points: &[Point], diffs: &[Diff]) -> (Vec<ScopeChange>, Vec<Latent>) {
    let Some(current) = points.last().map(|p| p.roadmap) else {
        return (Vec::new(), Vec::new());
    };
    let at = |name: &str| points.iter().find(|p| p.name == name).map(|p| p.roadmap);
    // The latest change of each milestone or criterion decides, unless it
    // takes back an unapproved one.
    let mut scope: BTreeMap<(Sym, String), &ScopeChange> = BTreeMap::new();
    for sc in diffs.iter().flat_map(|d| &d.scope) {
        let key = (
            sc.gid,
            match &sc.kind {
                ScopeKind::CriterionAdded { criterion }
                | ScopeKind::CriterionRemoved { criterion } => format!("criterion {criterion}"),
                ScopeKind::GateRemoved => "gate".to_string(),
                ScopeKind::DependencyRemoved { dependency } => format!("dependency {dependency}"),
                _ => "milestone".to_string(),
            },
        );
        // Taking back a change nobody approved restores the approved plan:
        // neither the change nor its undoing is a finding.
        let undoes = scope
            .get(&key)
            .is_some_and(|prev| prev.acknowledged_by.is_none() && prev.kind != sc.kind);
        if undoes {
            scope.remove(&key);
        } else {
            scope.insert(key, sc);
        }
    }
    let holds = |sc: &ScopeChange| match &sc.kind {
        ScopeKind::MilestoneAdded => current.milestone(&sc.gid).is_some(),
        ScopeKind::MilestoneRemoved => {
            current.milestone(&sc.gid).is_none()
                && current
                    .initiative(&sc.initiative)
                    .is_some_and(|i| !i.milestones_incomplete)
        }
        ScopeKind::CriterionAdded { criterion } => current
            .milestone(&sc.gid)
            .is_some_and(|m| m.criteria.iter().any(|c| c == criterion.as_str())),
        ScopeKind::CriterionRemoved { criterion } => current
            .milestone(&sc.gid)
            .is_some_and(|m| !m.criteria.iter().any(|c| c == criterion.as_str())),
        ScopeKind::GateRemoved => current.milestone(&sc.gid).is_some_and(|m| !m.gate),
        ScopeKind::DependencyRemoved { dependency } => current
            .milestone(&sc.gid)
            .map(|m| &m.depends_on)
            .or_else(|| current.initiative(&sc.gid).map(|i| &i.depends_on))
            .is_some_and(|deps| !deps.iter().any(|d| d == dependency)),
    };
    scope.retain(|_, sc| holds(sc));
    let open_scope = scope
        .into_values()
        .filter(|s| s.acknowledged_by.is_none())
        .cloned()
        .collect();

    // A latent slip stands while the dependent keeps the dates it had when
    // the dependency slipped and the dependency has not recovered. The
    // first period nobody confirmed is kept: its days count from the
    // dependency's date then.
    let mut latent: BTreeMap<(Sym, Sym), Latent> = BTreeMap::new();
    // Delivered or closed work keeps no plan that could fail to hold.
    let finished = |id: &str| {
        current.milestone(id).is_some_and(|m| m.done.is_some())
            || current.initiative(id).is_some_and(|i| i.is_closed())
    };
    for d in diffs {
        let (Some(_), Some(to)) = (at(&d.from), at(&d.to)) else {
            continue;
        };
        for l in &d.latent {
            let unmoved = item_dates(to, &l.dependent).is_some()
                && item_dates(to, &l.dependent) == item_dates(current, &l.dependent);
            let key = (l.dependent, l.dependency);
            // A confirmation covers every earlier period too (it was
            // decided after all of them began).
            if !unmoved || finished(&l.dependent) || l.acknowledged_by.is_some() {
                latent.remove(&key);
                continue;
            }
            latent.entry(key).or_insert_with(|| l.clone());
        }
    }
    // Late against the dependency's date before the first slip nobody
    // confirmed, the date the dependent counted on: moved back to it, or
    // delivered by it, it recovered; else its days run to its date now or
    // the day it was done (a partial recovery shows). Judged once, against
    // that first date: judged period by period, a later period's recovery
    // to its own starting date cleared a slip still late against the
    // first (found by a review).
    let open_latent = latent
        .into_values()
        .filter_map(|mut l| {
            let then = at(&l.after).and_then(|r| due_in(r, &l.dependency))?;
            let now = delivered_by(points, &l.dependency)?;
            (now > then).then(|| {
                l.days = days_between(then, now);
                l
            })
        })
        .collect();
    (open_scope, open_latent)
}

/// A milestone the working tree has lost, of an initiative it still has
/// (from a trial: descoped with approval, it was gone from its
/// initiative's page, date history and all).
#[derive(Debug, Clone)]
pub struct RemovedMilestone {
    pub gid: Sym,
    pub initiative: Sym,
    /// As the last point that had it named it.
    pub title: Option<Sym>,
    /// Its due date in each point.
    pub dates: super::DateTrail,
    /// The snapshot it was last in.
    pub after: Sym,
    /// The request that approved its removal.
    pub acknowledged_by: Option<Sym>,
    /// Its removal stands as a scope change no decision covers (one that
    /// took back an addition nobody approved does not).
    pub unapproved: bool,
}

/// Each milestone removed (its latest removal) that the working tree does
/// not have again, with its dates across `points`: not one renamed (the
/// new id carries its dates), nor one of an initiative whose milestones
/// could not all be read. `open_scope`: the scope changes that stand.
pub(super) fn removed_milestones(
    points: &[Point],
    diffs: &[Diff],
    open_scope: &[ScopeChange],
) -> Vec<RemovedMilestone> {
    let Some(current) = points.last().map(|p| p.roadmap) else {
        return Vec::new();
    };
    let mut latest: BTreeMap<Sym, (usize, &ScopeChange)> = BTreeMap::new();
    for (k, d) in diffs.iter().enumerate() {
        for sc in d.scope.iter() {
            if matches!(sc.kind, ScopeKind::MilestoneRemoved) {
                latest.insert(sc.gid, (k, sc));
            }
        }
    }
    let renamed = |k: usize, sc: &ScopeChange| {
        let (Some(then), Some(now)) = (
            points
                .get(k)
                .and_then(|p| p.roadmap.initiative(&sc.initiative)),
            points
                .get(k + 1)
                .and_then(|p| p.roadmap.initiative(&sc.initiative)),
        ) else {
            return false;
        };
        now.milestones
            .iter()
            .any(|n| super::slips::renamed_from(then, now, n).is_some_and(|old| old.gid == sc.gid))
    };
    latest
        .into_values()
        .filter(|&(k, sc)| {
            current.milestone(&sc.gid).is_none()
                && current
                    .initiative(&sc.initiative)
                    .is_some_and(|i| !i.milestones_incomplete)
                && !renamed(k, sc)
        })
        .map(|(_, sc)| RemovedMilestone {
            gid: sc.gid,
            initiative: sc.initiative,
            title: sc.title,
            dates: super::DateTrail::of(
                points
                    .iter()
                    .map(|p| p.roadmap.milestone(&sc.gid).map(|m| m.due.written.as_str())),
            ),
            after: sc.after,
            acknowledged_by: sc.acknowledged_by,
            unapproved: open_scope
                .iter()
                .any(|o| o.gid == sc.gid && matches!(o.kind, ScopeKind::MilestoneRemoved)),
        })
        .collect()
}

/// Every consecutive pair of `points` compared (see [`compare`]), all at
/// once.
pub fn compare_all(points: &[Point]) -> Vec<Diff> {
    if points.len() < 2 {
        return Vec::new();
    }
    // Each pair makes both its maps: made once for every point and kept
    // until the last pair was compared, they were 12 MB at 10,000
    // initiatives with 8 snapshots, at the peak of the load.
    let mut diffs: Vec<Diff> = points
        .par_windows(2)
        .map(|pair| {
            let (a, b) = rayon::join(
                || milestones(pair[0].roadmap),
                || milestones(pair[1].roadmap),
            );
            compare(&pair[0], &pair[1], &a, &b)
        })
        .collect();
    super::raid::raid_returns(&mut diffs, points);
    diffs
}

/// What changed from `a` to `b`, from the two alone: no change request is
/// matched to a move, a scope change, a latent slip or a budget increase
/// yet (see [`acknowledge`]), and no move is known to need one. That part
/// depends on the working tree; this one does not, so the snapshots' own
/// pairs can be compared once for every build over them.
fn compare<'a>(
    a: &Point,
    b: &Point,
    ma: &BTreeMap<&'a str, (&'a Initiative, &'a crate::model::Milestone)>,
    mb: &BTreeMap<&'a str, (&'a Initiative, &'a crate::model::Milestone)>,
) -> Diff {
    let mut d = Diff::empty(a.name, b.name, a.today, b.today);
    // A document that could not be read in one of the two is not there to
    // compare: neither added nor removed.
    let unread = |id: &str| {
        let doc = id.split('/').next().unwrap_or(id);
        a.roadmap.unread_ids.contains(doc) || b.roadmap.unread_ids.contains(doc)
    };
    // Looked up in the other's index, then sorted: few are added or
    // removed, and sorting every id of both (55,000 each at 10,000
    // initiatives) was about a tenth of a comparison's time.
    // An id kept under another kind (an initiative's file turned into a
    // page with `kind:`) is gone as what it was: `check` said the
    // initiative was removed, the period counted nothing (from a trial).
    let only_in = |x: &Roadmap, y: &Roadmap| -> Vec<String> {
        let mut ids: Vec<String> = x
            .ids()
            .filter(|(id, at)| {
                y.item_ref(id).is_none_or(|there| there.kind != at.kind) && !unread(id)
            })
            .map(|(id, _)| id.to_string())
            .collect();
        ids.sort_unstable();
        ids
    };
    d.added = only_in(b.roadmap, a.roadmap);
    d.added_status = d
        .added
        .iter()
        .filter_map(|id| b.roadmap.initiative(id))
        .filter(|i| i.status == "cancelled" || i.status == "done")
        .map(|i| (i.meta.id.clone(), i.status.to_string()))
        .collect();
    d.removed = only_in(a.roadmap, b.roadmap);
    d.removed_titles = d
        .removed
        .iter()
        .filter_map(|id| a.roadmap.get(id).map(|m| (id.clone(), m.title.clone())))
        .collect();
    milestone_changes(&mut d, a, b, ma, mb);
    d.latent = latent_slips(&d.moved, &d.renamed, a, b, ma);
    item_changes(&mut d, a, b);
    trace_changes(&mut d, a, b);
    d.risks = risk_changes(a.roadmap, b.roadmap, a.today);
    d.budgets = budget_changes(a, b);
    d.dates = date_changes(a, b);
    d.requests = request_edits(a.roadmap, b.roadmap);
    // Pursued at the start and retired by the end, KPIs and outcomes alike.
    let retired = |id: &str,
                   now: &Option<crate::base::date::Date>,
                   was: Option<&Option<crate::base::date::Date>>| {
        let by = |r: &Option<crate::base::date::Date>, day: Day| {
            r.as_ref().is_some_and(|d| d.day <= day)
        };
        (by(now, b.today) && was.is_some_and(|was| !by(was, a.today))).then(|| Retired {
            id: id.to_string(),
            retired: now
                .as_ref()
                .map(|d| d.written.to_string())
                .unwrap_or_default(),
            acknowledged_by: None,
        })
    };
    d.retired = b
        .roadmap
        .kpis
        .iter()
        .filter_map(|k| {
            retired(
                &k.meta.id,
                &k.retired,
                a.roadmap.kpi(&k.meta.id).map(|w| &w.retired),
            )
        })
        .collect();
    d.outcomes_retired = b
        .roadmap
        .outcomes
        .iter()
        .filter_map(|o| {
            retired(
                &o.meta.id,
                &o.retired,
                a.roadmap.outcome(&o.meta.id).map(|w| &w.retired),
            )
        })
        .collect();
    d.unlinked = unlinked_kpis(a, b);
    d.linked = linked_kpis(a, b);
    // Grown one push at a time, the moves' list was left up to half empty:
    // at 10,000 initiatives, 26,000 moves a period held room for 32,768,
    // 5 MB over 8 periods alive until the working tree's pages are written.
    d.moved.shrink_to_fit();
    d.newly_overdue.shrink_to_fit();
    d.latent.shrink_to_fit();
    d.completed.shrink_to_fit();
    d.scope.shrink_to_fit();
    d
}

pub(super) fn is_outcome(r: &Roadmap, id: &str) -> bool {
    r.item_ref(id)
        .is_some_and(|x| x.kind == crate::model::Kind::Outcome)
}

/// KPIs measured at both ends of a period that stopped measuring an
/// outcome in it, both still in the roadmap at its end.
fn unlinked_kpis(a: &Point, b: &Point) -> Vec<Unlinked> {
    let mut out = Vec::new();
    for k in b.roadmap.kpis.iter().filter(|k| !k.retired_by(b.today)) {
        let Some(was) = a
            .roadmap
            .kpi(&k.meta.id)
            .filter(|was| !was.retired_by(a.today))
        else {
            continue;
        };
        for o in &was.outcomes {
            if !k.outcomes.contains(o) && is_outcome(b.roadmap, o) {
                out.push(Unlinked {
                    kpi: k.meta.id.clone(),
                    outcome: o.clone(),
                    acknowledged_by: None,
                });
            }
        }
    }
    out
}

/// KPIs measured at the end of a period that began measuring, in it, an
/// outcome both ends have.
fn linked_kpis(a: &Point, b: &Point) -> Vec<Linked> {
    let mut out = Vec::new();
    for k in b.roadmap.kpis.iter().filter(|k| !k.retired_by(b.today)) {
        let was = a
            .roadmap
            .kpi(&k.meta.id)
            .filter(|was| !was.retired_by(a.today));
        for o in &k.outcomes {
            let new = was.is_none_or(|was| !was.outcomes.contains(o));
            if new && is_outcome(a.roadmap, o) && is_outcome(b.roadmap, o) {
                out.push(Linked {
                    kpi: k.meta.id.clone(),
                    outcome: o.clone(),
                });
            }
        }
    }
    out
}

/// The approved change requests matched to `d`'s scope changes and latent
/// slips: any decided on or after `since` (the older point's day).
pub(super) fn acknowledge_scope_and_latent(d: &mut Diff, since: Day, approvals: &Approvals) {
    let owner = |id: &str| id.split('/').next().unwrap_or(id).to_string();
    // One decided by the period's end goes first: credited to a later
    // one, the period read "approved later" and contradicted the
    // quarter's own site, which the first had cleared (from an auditor's
    // trial). A scope change is approved by a request of either kind (see
    // docs/snapshots-and-slips.md); keeping dates is a decision on dates,
    // which a request stating only money does not take (it cleared a
    // latent slip).
    let until = d.to_today;
    for s in &mut d.scope {
        s.acknowledged_by =
            approvals.decided_in_period((&s.gid, &s.initiative), since, until, |_| true);
    }
    for l in &mut d.latent {
        l.acknowledged_by =
            approvals.decided_in_period((&l.dependent, &owner(&l.dependent)), since, until, |c| {
                approvals.applies(c, false)
            });
    }
}

/// The approved change requests of `current` matched to what `d` found:
/// each move's (`move_ack`: the one matched to a milestone's move out of
/// the older point, and whether the move needed one, for milestones the
/// working tree still has), and any decided on or after `since` (the older
/// point's day) for scope changes, latent slips and budget increases.
pub(super) fn acknowledge(
    d: &mut Diff,
    since: Day,
    approvals: &Approvals,
    move_ack: &dyn Fn(&str) -> Option<MoveAck>,
    budget_ack: &dyn Fn(&str) -> Option<Option<RiseApproval>>,
    end_ack: &dyn Fn(&str) -> Option<Option<RiseApproval>>,
    tolerance_days: i64,
) {
    // A milestone's id is its initiative's, `/`, its own; ids have no `/`.
    let owner = |id: &str| id.split('/').next().unwrap_or(id).to_string();
    let days_need = |rest: f64| rest > tolerance_days as f64;
    for m in &mut d.moved {
        // A milestone gone from the working tree has no slip to weigh its
        // moves against: each is judged alone.
        let ack = move_ack(m.gid.as_str()).unwrap_or_else(|| {
            let found = approvals.approving_alone(
                (&m.gid, &owner(m.gid.as_str())),
                since,
                Amount::Days,
                f64::from(m.days),
                &days_need,
            );
            MoveAck {
                short: found.as_ref().and_then(|f| f.short).map(|rest| rest as i64),
                more: found.as_ref().map(|f| f.more.clone()).unwrap_or_default(),
                by: found.map(|f| f.by),
                needs: i64::from(m.days) > tolerance_days,
            }
        });
        // A move topped up by a request decided later names both, as a
        // rise does (the second request's days vanished unnamed).
        m.approved_by_steps = match ack.by {
            Some(by) if !ack.more.is_empty() => {
                distinct(std::iter::once(by).chain(ack.more.iter().copied())).into()
            }
            _ => ThinVec::new(),
        };
        (m.acknowledged_by, m.needs_ack) = (ack.by, ack.needs);
        m.beyond_approval = ack.short.filter(|_| m.needs_ack).map(days_i32);
        // Pulled in, it had nothing to approve: credited, the request's
        // page listed it among what it approved (from an auditor's trial).
        if m.days < 0 {
            m.acknowledged_by = None;
            m.approved_by_steps.clear();
        }
    }
    acknowledge_scope_and_latent(d, since, approvals);
    for r in d.retired.iter_mut().chain(&mut d.outcomes_retired) {
        r.acknowledged_by = approvals.approving(&r.id, since);
    }
    for u in &mut d.unlinked {
        u.acknowledged_by = approvals
            .approving(&u.kpi, since)
            .or_else(|| approvals.approving(&u.outcome, since));
    }
    // Money is the initiative's: only an approval affecting the initiative
    // itself covers an increase, one increase each (matched across the
    // history for the working tree's initiatives).
    // The history measures what an approval leaves uncovered (the rise as
    // it judges it); an initiative it does not follow, by the row alone.
    for b in &mut d.budgets {
        let rise = b.to.unwrap_or(0.0) - b.from.unwrap_or(0.0);
        let found = b
            .needs_ack
            .then(|| {
                budget_ack(&b.id).unwrap_or_else(|| {
                    approvals.approving_alone(
                        (&b.id, &b.id),
                        since,
                        Amount::Money,
                        rise,
                        &money_needs_decision,
                    )
                })
            })
            .flatten();
        // A rise topped up by a request decided later names both.
        b.approved_by_steps = found
            .as_ref()
            .map(RiseApproval::all_when_several)
            .unwrap_or_default();
        b.beyond_approval = found.as_ref().and_then(|f| f.short);
        b.acknowledged_by = found.map(|f| f.by);
    }
    for r in &mut d.revisions {
        r.acknowledged_by = approvals.approving(&r.id, since);
    }
    // An end moved out, like money, is the initiative's own.
    for x in d.dates.iter_mut().filter(|x| x.field == "end") {
        x.needs_ack = x.days.is_some_and(|days| days > tolerance_days);
        let days = x.days.unwrap_or(0) as f64;
        let found = x
            .needs_ack
            .then(|| {
                end_ack(&x.id).unwrap_or_else(|| {
                    approvals.approving_alone((&x.id, &x.id), since, Amount::Days, days, &days_need)
                })
            })
            .flatten();
        x.approved_by_steps = found
            .as_ref()
            .map(RiseApproval::all_when_several)
            .unwrap_or_default();
        x.beyond_approval = found
            .as_ref()
            .and_then(|f| f.short)
            .map(|rest| rest.round() as i64);
        x.acknowledged_by = found.map(|f| f.by);
    }
}

/// The neighbours' diffs from `from` to `to`, in order, when both are points
/// of the history and `from` comes first (`None` otherwise).
pub fn steps<'d>(diffs: &'d [Diff], from: &str, to: &str) -> Option<Vec<&'d Diff>> {
    let start = diffs.iter().position(|d| d.from == from)?;
    let mut out = Vec::new();
    for d in &diffs[start..] {
        out.push(d);
        if d.to == to {
            return Some(out);
        }
    }
    None
}

/// The latent slips a diff over several periods shows: its own (the
/// dependent unmoved over the whole), and each step's whose dependent no
/// later step moved, while the dependency still stands later at the end
/// (by what it slipped over the whole): the findings list each. A
/// dependency on a whole initiative is hit by the milestone of it that
/// slipped most in a period, so the whole named one where its steps named
/// others (network wave 1 in one quarter, the warehouses' cut-over in the
/// next); and a dependent that moved early in the span, then kept its
/// dates while the dependency slipped, showed no latent slip at all.
fn add_latent_of_steps(d: &mut Diff, steps: &[&Diff]) {
    let slipped: HashMap<&str, i64> = d
        .moved
        .iter()
        .filter(|m| m.days > 0)
        .map(|m| (m.gid.as_str(), i64::from(m.days)))
        .collect();
    let moved_in = |s: &Diff, id: &str| {
        s.moved.iter().any(|m| m.gid.as_str() == id) || s.dates.iter().any(|x| x.id == id)
    };
    let mut have: HashSet<(Sym, Sym)> = d
        .latent
        .iter()
        .map(|l| (l.dependent, l.dependency))
        .collect();
    let mut added: Vec<Latent> = Vec::new();
    for (k, step) in steps.iter().enumerate() {
        for l in &step.latent {
            let Some(&days) = slipped.get(l.dependency.as_str()) else {
                continue;
            };
            let kept_since = !steps[k + 1..]
                .iter()
                .any(|later| moved_in(later, &l.dependent));
            if kept_since && have.insert((l.dependent, l.dependency)) {
                added.push(Latent { days, ..l.clone() });
            }
        }
    }
    if added.is_empty() {
        return;
    }
    let old = std::mem::take(&mut d.latent);
    let mut latent = Vec::with_capacity(old.len() + added.len());
    for (k, l) in old.iter().enumerate() {
        latent.push(l.clone());
        if old
            .get(k + 1)
            .is_none_or(|next| next.dependent != l.dependent)
        {
            let (mine, rest): (Vec<Latent>, Vec<Latent>) =
                added.into_iter().partition(|x| x.dependent == l.dependent);
            added = rest;
            latent.extend(mine);
        }
    }
    // Dependents the whole showed none for, in the order the steps did.
    latent.extend(added);
    d.latent = latent;
}

/// `d` compares two points further apart than neighbours; `steps` are the
/// neighbours' diffs between them, each of whose moves, scope changes,
/// latent slips and budget increases was matched to its own decision across
/// the whole history. What `d` shows of one item is judged by those steps:
/// it needs a decision when any step did, and has one only when every step
/// that needed one has it (an approval of the first move does not cover the
/// second). Without the steps, the approval of an earlier move, decided
/// after `d`'s older point, was credited to the sum of both.
pub fn judge_by_steps(d: &mut Diff, steps: &[&Diff], tolerance_days: i64) {
    // An approval rewritten within the span: its step's row, which the two
    // ends alone do not show (a request added and rewritten in the span
    // read "status none → approved" and nothing more).
    for x in steps
        .iter()
        .flat_map(|s| &s.requests)
        .filter(|x| x.after_approval)
    {
        if !d
            .requests
            .iter()
            .any(|r| r.id == x.id && r.field == x.field && r.after_approval)
        {
            d.requests.push(x.clone());
        }
    }
    // Overdue from the date committed, as the steps found it: in the span
    // when one of its steps has it newly overdue.
    let from_steps: Vec<&NewlyOverdue> = steps
        .iter()
        .flat_map(|s| &s.newly_overdue)
        .filter(|x| x.committed.is_some())
        .collect();
    for x in &from_steps {
        let Some(day) = x.committed_day else {
            continue;
        };
        // Done, or taken out, by the span's end: not overdue at it (the
        // steps keep what stood at their own ends; found by a review).
        let ended = d.completed.iter().any(|c| c.gid == x.gid)
            || d.scope
                .iter()
                .any(|sc| sc.gid == x.gid && matches!(sc.kind, ScopeKind::MilestoneRemoved));
        if ended {
            continue;
        }
        let days = days_between(day, d.to_today);
        match d.newly_overdue.iter_mut().find(|o| o.gid == x.gid) {
            Some(o) => {
                o.days = days;
                o.committed = x.committed;
                o.committed_day = x.committed_day;
            }
            None => d.newly_overdue.push(NewlyOverdue {
                days,
                ..(*x).clone()
            }),
        }
    }
    // A cancellation as the step it happened in judged it.
    for c in d.status.iter_mut().filter(|c| c.to == "cancelled") {
        c.acknowledged_by = steps
            .iter()
            .flat_map(|s| &s.status)
            .filter(|x| x.id == c.id && x.to == "cancelled")
            .find_map(|x| x.acknowledged_by);
    }
    /// (needed a decision, the decision) of each step: one for the whole.
    fn judged(each: &[(bool, Option<Sym>)]) -> Option<(bool, Option<Sym>)> {
        let last = each.last()?;
        let needing: Vec<&Option<Sym>> = each.iter().filter(|(n, _)| *n).map(|(_, a)| a).collect();
        Some(match needing.last() {
            None => (false, last.1),
            Some(latest) if needing.iter().all(|a| a.is_some()) => (true, **latest),
            Some(_) => (true, None),
        })
    }
    for m in &mut d.moved {
        let moves: Vec<&Move> = steps
            .iter()
            .flat_map(|s| s.moved.iter().filter(|x| x.gid == m.gid))
            .collect();
        // A step nobody approved, taken back in a later step (the date
        // then within the tolerance of where it moved from), needs
        // nothing, as the history judges it.
        let taken_back = taken_back_steps(
            &moves
                .iter()
                .map(|x| (x.days as f64, x.acknowledged_by.is_some()))
                .collect::<Vec<_>>(),
            tolerance_days as f64,
        );
        let each: Vec<(bool, Option<Sym>)> = moves
            .iter()
            .zip(&taken_back)
            .map(|(x, back)| (x.needs_ack && !back, x.acknowledged_by))
            .collect();
        if let Some((needs, ack)) = judged(&each) {
            (m.needs_ack, m.acknowledged_by) = (needs, ack);
            let own: Vec<&[Sym]> = moves.iter().map(|x| &x.approved_by_steps[..]).collect();
            m.approved_by_steps = approvals_of_steps(&each, &own).into();
            let mut past = 0;
            m.beyond_approval = beyond_of_steps(
                ack.is_some(),
                steps
                    .iter()
                    .flat_map(|s| s.moved.iter().filter(|x| x.gid == m.gid))
                    .map(|x| {
                        past += x.days;
                        (f64::from(past), x.beyond_approval.map(f64::from))
                    }),
            )
            .map(|b| b as i32);
            if needs && ack.is_none() {
                let changes: Vec<(f64, Option<f64>)> = moves
                    .iter()
                    .map(|x| (f64::from(x.days), x.beyond_approval.map(f64::from)))
                    .collect();
                if let Some((rest, by)) = partly_approved(&each, &own, &changes, f64::from(m.days))
                {
                    (m.beyond_approval, m.approved_by_steps) = (Some(rest as i32), by.into());
                }
            }
        }
        // Earlier over the span: it needs no decision and is no request's
        // approval, as in each period (a step's approval of a move since
        // taken back read "approved by").
        if m.days < 0 {
            m.needs_ack = false;
            m.acknowledged_by = None;
            m.approved_by_steps.clear();
            m.beyond_approval = None;
        }
    }
    for sc in &mut d.scope {
        let same: Vec<&ScopeChange> = steps
            .iter()
            .flat_map(|s| s.scope.iter())
            .filter(|x| x.gid == sc.gid && x.kind == sc.kind)
            .collect();
        let each: Vec<(bool, Option<Sym>)> =
            same.iter().map(|x| (true, x.acknowledged_by)).collect();
        if let Some((_, ack)) = judged(&each) {
            sc.acknowledged_by = ack;
            // The snapshot a decision must come after: the step's own.
            if let Some(open) = same.iter().rev().find(|x| x.acknowledged_by.is_none()) {
                sc.after = open.after;
            }
        }
    }
    add_latent_of_steps(d, steps);
    // A completion reads as the step it was done in recorded it, when that
    // says later: dated back since (`backdated-done`), the two ends alone
    // read it on time ("done 2026-05-12, on time" where the quarter that
    // recorded it had it done on 2026-05-25, ten days late).
    // The latest of each milestone's step rows, found once (a scan of
    // every step's rows for each of a year's thousands of completions).
    let mut latest: HashMap<Sym, &Completed> = HashMap::default();
    for x in steps.iter().flat_map(|s| s.completed.iter()) {
        let slot = latest.entry(x.gid).or_insert(x);
        // The last of the latest, as `max_by_key` picks.
        if x.days_late >= slot.days_late {
            *slot = x;
        }
    }
    for c in &mut d.completed {
        let Some(step) = latest.get(&c.gid) else {
            continue;
        };
        if step.days_late > c.days_late {
            *c = (*step).clone();
        } else if c.dated_back.is_none() {
            // The date accepted by a request, as the step said (the year's
            // diff read a plain "on time").
            c.dated_back = step.dated_back.clone();
        }
    }
    for l in &mut d.latent {
        let same: Vec<&Latent> = steps
            .iter()
            .flat_map(|s| s.latent.iter())
            .filter(|x| x.dependent == l.dependent && x.dependency == l.dependency)
            .collect();
        let each: Vec<(bool, Option<Sym>)> =
            same.iter().map(|x| (true, x.acknowledged_by)).collect();
        if let Some((_, ack)) = judged(&each) {
            l.acknowledged_by = ack;
            if let Some(open) = same.iter().rev().find(|x| x.acknowledged_by.is_none()) {
                l.after = open.after;
            }
        }
    }
    for b in &mut d.budgets {
        let rows: Vec<&BudgetMove> = steps
            .iter()
            .flat_map(|s| s.budgets.iter().filter(|x| x.id == b.id))
            .collect();
        let back = taken_back_steps(
            &rows
                .iter()
                .map(|x| {
                    let change = x.to.unwrap_or(0.0) - x.from.unwrap_or(0.0);
                    (change, x.acknowledged_by.is_some())
                })
                .collect::<Vec<_>>(),
            0.0,
        );
        let each: Vec<(bool, Option<Sym>)> = rows
            .iter()
            .zip(&back)
            .map(|(x, back)| (x.needs_ack && !back, x.acknowledged_by))
            .collect();
        // Only when a step needed a decision: an increase no step needed
        // one for (taken away, then put back larger) keeps what the two
        // ends say, as the whole history's check does. A step may need one
        // the ends do not show: money given where there was none, once a
        // version between them kept budgets.
        if let Some((true, ack)) = judged(&each) {
            if b.to > b.from {
                (b.needs_ack, b.acknowledged_by) = (true, ack);
                let own: Vec<&[Sym]> = rows.iter().map(|x| &x.approved_by_steps[..]).collect();
                b.approved_by_steps = approvals_of_steps(&each, &own);
                // What each step's approval left uncovered, together.
                let start = b.from.unwrap_or(0.0);
                b.beyond_approval = beyond_of_steps(
                    b.acknowledged_by.is_some(),
                    steps
                        .iter()
                        .flat_map(|s| s.budgets.iter().filter(|x| x.id == b.id))
                        .map(|x| (x.to.unwrap_or(0.0) - start, x.beyond_approval)),
                );
                if ack.is_none() {
                    let changes: Vec<(f64, Option<f64>)> = rows
                        .iter()
                        .map(|x| {
                            (
                                x.to.unwrap_or(0.0) - x.from.unwrap_or(0.0),
                                x.beyond_approval,
                            )
                        })
                        .collect();
                    let whole = b.to.unwrap_or(0.0) - start;
                    if let Some(part) = partly_approved(&each, &own, &changes, whole) {
                        (b.beyond_approval, b.approved_by_steps) = (Some(part.0), part.1);
                    }
                }
            }
        }
    }
    // Each figure's steps, found once: a restated series can be thousands
    // of figures.
    let mut by_figure: BTreeMap<(String, FigureKey), Vec<&FigureRevision>> = BTreeMap::new();
    for x in steps.iter().flat_map(|s| &s.revisions) {
        by_figure.entry((x.id.clone(), x.key)).or_default().push(x);
    }
    let judge = |each: &[&FigureRevision]| {
        let each: Vec<(bool, Option<Sym>)> = each
            .iter()
            .map(|x| (x.needs_ack, x.acknowledged_by))
            .collect();
        judged(&each)
    };
    for r in &mut d.revisions {
        if let Some((needs, ack)) = by_figure
            .remove(&(r.id.clone(), r.key))
            .and_then(|each| judge(&each))
        {
            (r.needs_ack, r.acknowledged_by) = (needs, ack);
        }
    }
    // A figure the older end had not reported yet (a flash then) but a
    // version between did, and that changed after: the steps show it, the
    // two ends cannot.
    for each in by_figure.into_values() {
        let (Some(first), Some(last)) = (each.first(), each.last()) else {
            continue;
        };
        let Some((needs, ack)) = judge(&each) else {
            continue;
        };
        if Some(first.from) != last.to {
            d.revisions.push(FigureRevision {
                to: last.to,
                needs_ack: needs,
                acknowledged_by: ack,
                ..(*first).clone()
            });
        }
    }
    // Such a figure was the older end's flash too: said once, as the
    // revision a decision is asked of.
    let revised: HashSet<(&str, Series, &str)> = d
        .revisions
        .iter()
        .map(|r| (r.id.as_str(), r.series, r.date.as_str()))
        .collect();
    let flash = std::mem::take(&mut d.flash);
    d.flash = flash
        .into_iter()
        .filter(|f| !revised.contains(&(f.id.as_str(), f.series, f.date.as_str())))
        .collect();
    for x in d.dates.iter_mut().filter(|x| x.field == "end") {
        let rows: Vec<&DateMove> = steps
            .iter()
            .flat_map(|s| s.dates.iter().filter(|y| y.field == "end" && y.id == x.id))
            .collect();
        let back = taken_back_steps(
            &rows
                .iter()
                .map(|y| (y.days.unwrap_or(0) as f64, y.acknowledged_by.is_some()))
                .collect::<Vec<_>>(),
            tolerance_days as f64,
        );
        let each: Vec<(bool, Option<Sym>)> = rows
            .iter()
            .zip(&back)
            .map(|(y, back)| (y.needs_ack && !back, y.acknowledged_by))
            .collect();
        // A later end any step needed a decision for needs one, and has
        // one only when every such step has: moved out a little at a time
        // within the tolerance needs none here, as on each period's page.
        if let Some((needed, ack)) = judged(&each) {
            x.needs_ack = needed;
            x.acknowledged_by = if needed { ack } else { None };
            let own: Vec<&[Sym]> = rows.iter().map(|y| &y.approved_by_steps[..]).collect();
            x.approved_by_steps = if needed {
                approvals_of_steps(&each, &own)
            } else {
                Vec::new()
            };
            let mut past = 0;
            x.beyond_approval = beyond_of_steps(
                x.acknowledged_by.is_some(),
                steps
                    .iter()
                    .flat_map(|s| s.dates.iter().filter(|y| y.field == "end" && y.id == x.id))
                    .map(|y| {
                        past += y.days.unwrap_or(0);
                        (past as f64, y.beyond_approval.map(|b| b as f64))
                    }),
            )
            .map(|b| b as i64);
            if needed && ack.is_none() {
                let changes: Vec<(f64, Option<f64>)> = rows
                    .iter()
                    .map(|y| {
                        let days = y.days.unwrap_or(0) as f64;
                        (days, y.beyond_approval.map(|b| b as f64))
                    })
                    .collect();
                let whole = x.days.unwrap_or(0) as f64;
                if let Some((rest, by)) = partly_approved(&each, &own, &changes, whole) {
                    (x.beyond_approval, x.approved_by_steps) = (Some(rest.round() as i64), by);
                }
            }
        }
    }
}

/// A span's row some step of which needed a decision and had none, when
/// other steps were approved and what stands unapproved is less than the
/// whole change: how much stands, and the requests that approved the
/// other steps. `each`: (needed one, its request) of each
/// step; `own`: the requests each step's row names itself (a top-up);
/// `changes`: each step's change and what of it its request left
/// uncovered. A step down takes back what stood, as [`beyond_of_steps`]
/// reads it. (The row said "unapproved" whole: a move of 90 days, 30 of
/// them approved by cr1.)
fn partly_approved(
    each: &[(bool, Option<Sym>)],
    own: &[&[Sym]],
    changes: &[(f64, Option<f64>)],
    whole: f64,
) -> Option<(f64, Vec<Sym>)> {
    let mut past = 0.0;
    let uncovered = beyond_of_steps(
        true,
        each.iter()
            .zip(changes)
            .map(|(&(needed, by), &(change, beyond))| {
                past += change;
                let standing = match by {
                    None if needed => Some(change),
                    Some(_) => beyond,
                    None => None,
                };
                (past, standing)
            }),
    )?;
    // Float sums of money: a cent's drift is no approval.
    const LESS: f64 = 1e-6;
    if uncovered >= whole - LESS {
        return None;
    }
    let by = step_approvals(each, own);
    // With no step approved, the whole stands unapproved, as the findings
    // count a slip none of whose moves was approved.
    (!by.is_empty()).then_some((uncovered, by))
}

/// The requests that approved the steps needing one, in order, each once:
/// a step's own several (a rise topped up by a later request) count as
/// its approvals too.
fn step_approvals(each: &[(bool, Option<Sym>)], own: &[&[Sym]]) -> Vec<Sym> {
    distinct(
        each.iter()
            .zip(own)
            .filter(|((needed, _), _)| *needed)
            .flat_map(|(&(_, ack), own)| ack.into_iter().chain(own.iter().copied())),
    )
}

/// Each once, in the order first met.
pub(super) fn distinct(items: impl IntoIterator<Item = Sym>) -> Vec<Sym> {
    let mut out: Vec<Sym> = Vec::new();
    for x in items {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// Each request that approved a step needing one, in order, when more than
/// one did and every such step had one (a span's row named only the
/// latest: "approved by b1 for less" where it was b2 that approved less).
fn approvals_of_steps(each: &[(bool, Option<Sym>)], own: &[&[Sym]]) -> Vec<Sym> {
    if each.iter().any(|&(needed, ack)| needed && ack.is_none()) {
        return Vec::new();
    }
    let out = step_approvals(each, own);
    if out.len() > 1 {
        out
    } else {
        Vec::new()
    }
}

/// What the steps' approvals left uncovered, together, when the whole is
/// approved (unapproved, the row says so whole). `each`: for each step in
/// order, how far past the start of the whole it ends, and what of it its
/// approval left uncovered. A step down takes as much of what stood back
/// with it (back at or below the start, all of it).
pub(super) fn beyond_of_steps(
    approved: bool,
    each: impl Iterator<Item = (f64, Option<f64>)>,
) -> Option<f64> {
    let mut uncovered: Option<f64> = None;
    let mut last = 0.0;
    for (past_start, beyond) in each {
        if past_start <= 0.0 {
            uncovered = None;
        } else if past_start < last {
            uncovered = uncovered.map(|u| (u - (last - past_start)).max(0.0));
        } else if let Some(b) = beyond {
            uncovered = Some(uncovered.unwrap_or(0.0) + b);
        }
        last = past_start;
    }
    uncovered.filter(|u| approved && *u > 0.0)
}

/// Which steps of one figure nobody approved were taken back in a later
/// step: the figure then at or below where the step started, give or take
/// `tolerance`, having come down from where it took it. `each`: each step's
/// change, and whether an approval was matched to it.
fn taken_back_steps(each: &[(f64, bool)], tolerance: f64) -> Vec<bool> {
    let positions: Vec<f64> = each
        .iter()
        .scan(0.0, |at, (change, _)| {
            *at += change;
            Some(*at)
        })
        .collect();
    each.iter()
        .enumerate()
        .map(|(k, &(change, approved))| {
            let before = positions[k] - change;
            let lowest = positions[k + 1..]
                .iter()
                .copied()
                .fold(f64::INFINITY, f64::min);
            !approved && change > 0.0 && lowest < positions[k] && lowest - before <= tolerance
        })
        .collect()
}

/// What the traceability grid lost or gained: initiatives moving in or out
/// of the backlog, outcomes left with no live work. Cancelled work is in no
/// grid, so cancelling is not untracing.
fn trace_changes(d: &mut Diff, a: &Point, b: &Point) {
    for ib in b
        .roadmap
        .initiatives
        .iter()
        .filter(|i| i.status != "cancelled")
    {
        let Some(ia) = a.roadmap.initiative(&ib.meta.id) else {
            continue;
        };
        if ia.status == "cancelled" {
            continue;
        }
        match (ia.is_backlog(), ib.is_backlog()) {
            (true, false) => d.became_traced.push(ib.meta.id.clone()),
            (false, true) => d.became_untraced.push(ib.meta.id.clone()),
            _ => {}
        }
    }
    let served = |r: &Roadmap| -> BTreeSet<Sym> {
        r.initiatives
            .iter()
            .filter(|i| crate::analysis::is_live(i))
            .flat_map(|i| i.outcomes.iter().copied())
            .collect()
    };
    let (before, now) = (served(a.roadmap), served(b.roadmap));
    // Its last live work done (some of it cancelled, perhaps): served by
    // delivered work, not left unserved ("its last live initiative is
    // gone" of an outcome the same site called "work delivered").
    let closed = crate::analysis::outcomes::Closed::by_outcome(b.roadmap);
    let delivered = |id: &str| closed.get(id).is_some_and(|c| c.served());
    d.lost_last_live = b
        .roadmap
        .outcomes
        .iter()
        .map(|o| &o.meta.id)
        .filter(|id| before.contains(id.as_str()) && !now.contains(id.as_str()) && !delivered(id))
        .cloned()
        .collect();
}

/// Milestones moved, added or removed (scope), completed and newly overdue
/// between `a` and `b`.
fn milestone_changes<'a>(
    d: &mut Diff,
    a: &Point,
    b: &Point,
    ma: &BTreeMap<&'a str, (&'a Initiative, &'a crate::model::Milestone)>,
    mb: &BTreeMap<&'a str, (&'a Initiative, &'a crate::model::Milestone)>,
) {
    // A milestone that could not be read is missing, not added or removed.
    let incomplete = |init: &str| {
        [a.roadmap, b.roadmap]
            .iter()
            .any(|r| r.initiative(init).is_some_and(|i| i.milestones_incomplete))
    };
    let after = Sym::from(a.name);
    let scope_change = |kind: ScopeKind, gid: &str, initiative: &str| ScopeChange {
        kind,
        gid: gid.into(),
        initiative: initiative.into(),
        acknowledged_by: None,
        after,
        title: None,
        end_before: a
            .roadmap
            .initiative(initiative)
            .and_then(|i| schedule::dates(i).end),
        overdue: None,
    };

    // An item deleted takes its dependents' links with it: the deletion
    // is the finding, not each link. A dependency delivered (or closed)
    // holds nothing back.
    let still_there = |id: &str| match b.roadmap.milestone(id) {
        Some(m) => m.done.is_none(),
        None => b.roadmap.initiative(id).is_some_and(|i| !i.is_closed()),
    };
    // Still waited for: the same item, one of its milestones (narrowed)
    // or its initiative (widened), by the initiative or any of its
    // milestones (a dependency moved onto the milestone that needs it).
    let waits_for = |i: &Initiative, dep: &str| {
        let related = |x: &crate::base::Sym| {
            *x == dep
                || x.strip_prefix(dep).is_some_and(|r| r.starts_with('/'))
                || dep
                    .strip_prefix(x.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        };
        i.depends_on.iter().any(related)
            || i.milestones.iter().flat_map(|m| &m.depends_on).any(related)
    };
    // An initiative's own `depends_on` as a milestone's: the plan stopped
    // waiting for the work, and its conflict and latent slip went with it
    // (only a milestone's was a scope change; from a review).
    for ib in b.roadmap.initiatives.iter().filter(|i| !i.is_closed()) {
        let Some(ia) = a.roadmap.initiative(&ib.meta.id) else {
            continue;
        };
        for dep in ia
            .depends_on
            .iter()
            .filter(|x| !ib.depends_on.contains(x) && !waits_for(ib, x) && still_there(x))
        {
            d.scope.push(scope_change(
                ScopeKind::DependencyRemoved {
                    dependency: dep.to_string(),
                },
                &ib.meta.id,
                &ib.meta.id,
            ));
        }
    }
    // The milestones renamed in the period, by their old ids: one carries
    // on under its new id, so a move made with the rename is a move of the
    // period like any (it read as one removed and one added, two scope
    // changes, with the move in neither the period's table nor `diff`,
    // and a request naming the new id cleared only the "added": from a
    // trial).
    let mut renamed_from: HashSet<&str> = HashSet::default();
    for (gid, (ib, mb_)) in mb {
        // Looked up once: the maps' keys are compared as strings.
        let mut before = ma.get(gid).map(|&(_, old)| old);
        if before.is_none() && !incomplete(&ib.meta.id) {
            let old = a
                .roadmap
                .initiative(&ib.meta.id)
                .and_then(|ia| super::slips::renamed_from(ia, ib, mb_));
            if let Some(old) = old {
                renamed_from.insert(old.gid.as_str());
                d.renamed.push(Renamed {
                    gid: Sym::from(*gid),
                    from: Sym::from(old.gid.as_str()),
                });
                before = Some(old);
            }
        }
        match before {
            Some(old) => {
                if old.due.day != mb_.due.day {
                    d.moved.push(Move {
                        gid: Sym::from(*gid),
                        from: old.due.written.as_str().into(),
                        to: mb_.due.written.as_str().into(),
                        days: days_i32(days_between(old.due.day, mb_.due.day)),
                        acknowledged_by: None,
                        needs_ack: false,
                        beyond_approval: None,
                        approved_by_steps: ThinVec::new(),
                    });
                }
                for c in old.criteria.iter().filter(|c| !mb_.criteria.contains(c)) {
                    d.scope.push(scope_change(
                        ScopeKind::CriterionRemoved {
                            criterion: c.to_string(),
                        },
                        gid,
                        &ib.meta.id,
                    ));
                }
                // A gate passed holds nothing back any more.
                if old.gate && !mb_.gate && mb_.done.is_none() {
                    d.scope
                        .push(scope_change(ScopeKind::GateRemoved, gid, &ib.meta.id));
                }
                for dep in old
                    .depends_on
                    .iter()
                    .filter(|x| !mb_.depends_on.contains(x) && !waits_for(ib, x) && still_there(x))
                {
                    d.scope.push(scope_change(
                        ScopeKind::DependencyRemoved {
                            dependency: dep.to_string(),
                        },
                        gid,
                        &ib.meta.id,
                    ));
                }
                for c in mb_.criteria.iter().filter(|c| !old.criteria.contains(c)) {
                    d.scope.push(scope_change(
                        ScopeKind::CriterionAdded {
                            criterion: c.to_string(),
                        },
                        gid,
                        &ib.meta.id,
                    ));
                }
            }
            // A new milestone in an initiative that already existed.
            None if a.roadmap.initiative(&ib.meta.id).is_some() && !incomplete(&ib.meta.id) => d
                .scope
                .push(scope_change(ScopeKind::MilestoneAdded, gid, &ib.meta.id)),
            None => {}
        }
        if let Some(old) = before {
            if let Some(then) = old
                .done
                .as_ref()
                .filter(|then| mb_.done.as_ref().is_none_or(|now| now.day != then.day))
            {
                d.redated.push(Redated {
                    gid: Sym::from(*gid),
                    from: then.written.as_str().into(),
                    to: mb_.done.as_ref().map(|now| now.written.as_str().into()),
                    days: mb_.done.as_ref().map(|now| days_between(then.day, now.day)),
                    dated_back: None,
                });
            }
        }
        if let Some(done) = &mb_.done {
            let was_done = before.is_some_and(|old| old.done.is_some());
            // A milestone new to the period and done before it began (an
            // initiative split, a milestone renamed) was delivered in an
            // earlier period, not this one.
            let done_before = before.is_none() && done.day <= a.today;
            if !was_done && !done_before {
                d.completed.push(Completed {
                    gid: Sym::from(*gid),
                    done: done.written.as_str().into(),
                    due: mb_.due.written.as_str().into(),
                    days_late: days_between(mb_.due.day, done.day).max(0),
                    first_promised: None,
                    after_promise: None,
                    committed: None,
                    open_on: None,
                    dated_back: None,
                    due_day: mb_.due.day,
                    done_day: done.day,
                });
            }
        } else if mb_.due.day < b.today && crate::analysis::is_live(ib) {
            let was_overdue = before.is_some_and(|old| old.done.is_none() && old.due.day < a.today);
            if !was_overdue {
                d.newly_overdue.push(NewlyOverdue {
                    gid: Sym::from(*gid),
                    due: mb_.due.written.as_str().into(),
                    days: days_between(mb_.due.day, b.today),
                    committed: None,
                    committed_day: None,
                });
            }
        }
    }
    for (gid, (ia, old)) in ma {
        if !mb.contains_key(gid)
            && !renamed_from.contains(gid)
            && b.roadmap.initiative(&ia.meta.id).is_some()
            && !incomplete(&ia.meta.id)
        {
            // Overdue on the older point's day: on its overdue list then.
            let overdue = days_between(old.due.day, a.today);
            let listed = old.done.is_none() && overdue > 0 && crate::analysis::is_live(ia);
            d.scope.push(ScopeChange {
                title: Some(old.title.as_str().into()),
                overdue: listed.then_some(overdue),
                ..scope_change(ScopeKind::MilestoneRemoved, gid, &ia.meta.id)
            });
        }
    }
}

/// `ia`'s effort against `ib`'s (the same initiative at the period's
/// start and end).
fn effort_moves(d: &mut Diff, ia: &Initiative, ib: &Initiative) {
    // Compared as written first: every initiative of every period passes
    // here, and most keep their effort.
    if ia.effort.iter().eq(ib.effort.iter()) {
        return;
    }
    let teams = |i: &Initiative| -> BTreeMap<String, f64> {
        i.effort.iter().map(|(t, d)| (t.clone(), *d)).collect()
    };
    let (from, to) = (effort_total(ia), effort_total(ib));
    let (teams_from, teams_to) = (teams(ia), teams(ib));
    d.efforts.push(EffortMove {
        id: ib.meta.id.clone(),
        from,
        to,
        teams_from,
        teams_to,
        acknowledged_by: None,
        cut: from - to >= EFFORT_CUT_MIN_DAYS && (effort_counted(ia) || effort_counted(ib)),
    });
}

/// Latent slips: dependents of a milestone that slipped whose own dates
/// stayed where they were.
fn latent_slips<'a>(
    moved: &[Move],
    renamed: &[Renamed],
    a: &Point,
    b: &Point,
    ma: &BTreeMap<&'a str, (&'a Initiative, &'a crate::model::Milestone)>,
) -> Vec<Latent> {
    let after = Sym::from(a.name);
    let mut latent = Vec::new();
    let slipped: BTreeMap<&str, i64> = moved
        .iter()
        .filter(|m| m.days > 0)
        .map(|m| (m.gid.as_str(), i64::from(m.days)))
        .collect();
    let dates_a: BTreeMap<&str, schedule::Dates> = a
        .roadmap
        .initiatives
        .iter()
        .map(|i| (i.meta.id.as_str(), schedule::dates(i)))
        .collect();
    for ib in &b.roadmap.initiatives {
        let Some(ia) = a.roadmap.initiative(&ib.meta.id) else {
            continue;
        };
        let (da, db) = (dates_a.get(ia.meta.id.as_str()), schedule::dates(ib));
        let init_unmoved = da.is_some_and(|da| da.start == db.start && da.end == db.end);
        let hits = |deps: &[Sym]| -> Vec<(Sym, i64)> {
            deps.iter()
                .filter_map(|dep| {
                    // A dependency on an initiative is hit by any of its
                    // milestones slipping.
                    slipped
                        .get(dep.as_str())
                        .map(|days| (*dep, *days))
                        .or_else(|| {
                            // Its milestones' ids are `<dep>/...`, together
                            // in the sorted map: a range, not a scan of every
                            // slip per dependency.
                            let prefix = format!("{dep}/");
                            slipped
                                .range(prefix.as_str()..)
                                .take_while(|(g, _)| g.starts_with(&prefix))
                                .map(|(g, days)| (Sym::from(*g), *days))
                                .max_by_key(|(_, d)| *d)
                        })
                })
                .collect()
        };
        if init_unmoved {
            for (dep, days) in hits(&ib.depends_on) {
                latent.push(Latent {
                    dependent: ib.meta.id.as_str().into(),
                    dependency: dep,
                    days,
                    acknowledged_by: None,
                    after,
                });
            }
        }
        for m in &ib.milestones {
            // Renamed in the period, it is its old id at the start.
            let was = |gid: &str| {
                ma.get(gid).or_else(|| {
                    let r = renamed.iter().find(|r| r.gid == gid)?;
                    ma.get(r.from.as_str())
                })
            };
            let unmoved = was(m.gid.as_str()).is_some_and(|(_, old)| old.due.day == m.due.day);
            if unmoved {
                for (dep, days) in hits(&m.depends_on) {
                    latent.push(Latent {
                        dependent: m.gid.as_str().into(),
                        dependency: dep,
                        days,
                        acknowledged_by: None,
                        after,
                    });
                }
            }
        }
    }
    latent
}

/// A per-quarter figure as written: `300`, or `300; 2027-Q1: 180`.
fn per_quarter_text(v: &crate::model::PerQuarter) -> String {
    per_quarter_with(v, crate::words::one_decimal)
}

/// A share per quarter as percentages (`25%; 2026-Q4: 50%`).
fn per_quarter_percent(v: &crate::model::PerQuarter) -> String {
    per_quarter_with(v, |x| format!("{}%", crate::words::one_decimal(x * 100.0)))
}

fn per_quarter_with(v: &crate::model::PerQuarter, show: impl Fn(f64) -> String) -> String {
    let mut parts: Vec<String> = v.default.map(&show).into_iter().collect();
    parts.extend(
        v.by_quarter
            .iter()
            .map(|(q, n)| format!("{}: {}", q.written, show(*n))),
    );
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join("; ")
    }
}

/// Status, reported health and latest KPI value, compared item by item.
fn item_changes(d: &mut Diff, a: &Point, b: &Point) {
    for ib in &b.roadmap.initiatives {
        let Some(ia) = a.roadmap.initiative(&ib.meta.id) else {
            continue;
        };
        if ia.status != ib.status {
            d.status.push(Change {
                id: ib.meta.id.clone(),
                from: ia.status.to_string(),
                to: ib.status.to_string(),
                acknowledged_by: None,
                committed_before: false,
            });
        }
        let health = |i: &Initiative| i.health.map_or("unreported", |h| h.as_str());
        let (ha, hb) = (health(ia), health(ib));
        if ha != hb {
            d.health.push(Change {
                id: ib.meta.id.clone(),
                from: ha.to_string(),
                to: hb.to_string(),
                acknowledged_by: None,
                committed_before: false,
            });
        }
        // Written in another order, or under another field, they are the
        // same teams.
        d.teams
            .extend(list_changed(&ib.meta.id, &ia.teams, &ib.teams));
        if ia.meta.title != ib.meta.title {
            d.retitled
                .push(Change::of(&ib.meta.id, &ia.meta.title, &ib.meta.title));
        }
        d.serves
            .extend(list_changed(&ib.meta.id, &ia.outcomes, &ib.outcomes));
        if ia.owner != ib.owner {
            d.owners.push(Change {
                id: ib.meta.id.clone(),
                from: ia.owner.to_string(),
                to: ib.owner.to_string(),
                acknowledged_by: None,
                committed_before: false,
            });
        }
        // A milestone's own owner: one it inherits moves with the
        // initiative's, said once above.
        for mb_ in &ib.milestones {
            let Some(ma_) = ia.milestones.iter().find(|m| m.id == mb_.id) else {
                continue;
            };
            if ma_.title != mb_.title {
                d.retitled
                    .push(Change::of(&mb_.gid, &ma_.title, &mb_.title));
            }
            let own = |m: &crate::model::Milestone, i: &Initiative| m.owner != i.owner;
            if ma_.owner != mb_.owner && (own(ma_, ia) || own(mb_, ib)) {
                d.owners.push(Change {
                    id: mb_.gid.to_string(),
                    from: ma_.owner.to_string(),
                    to: mb_.owner.to_string(),
                    acknowledged_by: None,
                    committed_before: false,
                });
            }
        }
    }
    for tb in &b.roadmap.teams {
        let Some(ta) = a.roadmap.team(&tb.meta.id) else {
            continue;
        };
        // Who leads the team answers for its delivery (from a trial: a
        // lead replaced showed nowhere).
        if ta.lead != tb.lead {
            let lead = |t: &crate::model::Team| t.lead.clone().unwrap_or_else(|| "none".into());
            d.owners.push(Change::of(&tb.meta.id, &lead(ta), &lead(tb)));
        }
        let (ca, cb) = (
            per_quarter_text(&ta.capacity),
            per_quarter_text(&tb.capacity),
        );
        if ca != cb {
            d.capacity.push(Change {
                id: tb.meta.id.clone(),
                from: ca,
                to: cb,
                acknowledged_by: None,
                committed_before: false,
            });
        }
        let (oa, ob) = (
            per_quarter_percent(&ta.ops_load),
            per_quarter_percent(&tb.ops_load),
        );
        if oa != ob {
            d.ops_load.push(Change {
                id: tb.meta.id.clone(),
                from: oa,
                to: ob,
                acknowledged_by: None,
                committed_before: false,
            });
        }
    }
    let outcomes_then: HashMap<&str, &crate::model::Outcome> = a
        .roadmap
        .outcomes
        .iter()
        .map(|o| (o.meta.id.as_str(), o))
        .collect();
    for ob in &b.roadmap.outcomes {
        let Some(&oa) = outcomes_then.get(ob.meta.id.as_str()) else {
            continue;
        };
        if oa.meta.title != ob.meta.title {
            d.retitled
                .push(Change::of(&ob.meta.id, &oa.meta.title, &ob.meta.title));
        }
        if oa.owner != ob.owner {
            d.owners.push(Change::of(&ob.meta.id, &oa.owner, &ob.owner));
        }
        let day = |o: &crate::model::Outcome| o.horizon.as_ref().map(|h| h.day);
        if day(oa) != day(ob) {
            let written =
                |o: &crate::model::Outcome| o.horizon.as_ref().map(|h| h.written.to_string());
            d.horizons.push(HorizonMove {
                id: ob.meta.id.clone(),
                from: written(oa),
                to: written(ob),
                days: day(oa).zip(day(ob)).map(|(x, y)| days_between(x, y)),
                acknowledged_by: None,
            });
        }
    }
    for cb in &b.roadmap.capabilities {
        let Some(ca) = a
            .roadmap
            .capabilities
            .iter()
            .find(|c| c.meta.id == cb.meta.id)
        else {
            continue;
        };
        if (ca.current, ca.target) != (cb.current, cb.target) {
            d.capabilities.push(MaturityMove {
                id: cb.meta.id.clone(),
                current_from: ca.current,
                current_to: cb.current,
                target_from: ca.target,
                target_to: cb.target,
            });
        }
    }
    for kb in &b.roadmap.kpis {
        let Some(ka) = a.roadmap.kpi(&kb.meta.id) else {
            continue;
        };
        if ka.meta.title != kb.meta.title {
            d.retitled
                .push(Change::of(&kb.meta.id, &ka.meta.title, &kb.meta.title));
        }
        let (va, vb) = (
            ka.data.last().map(|p| p.value),
            kb.data.last().map(|p| p.value),
        );
        if va != vb {
            let key = |k: &crate::model::Kpi| k.data.last().map(|p| figure_key(&p.date));
            d.kpis.push(KpiMove {
                id: kb.meta.id.clone(),
                from: va,
                to: vb,
                same_point: key(ka).filter(|&x| key(kb) == Some(x)),
            });
        }
        // Turned around, the figures mean something else: the turn is
        // the row.
        if ka.baseline != kb.baseline && ka.direction == kb.direction {
            d.baselines.push(BaselineMove {
                id: kb.meta.id.clone(),
                from: ka.baseline,
                to: kb.baseline,
                flatters: ka.baseline.is_some_and(|from| {
                    super::figures::baseline_flatters(&kb.direction, from, kb.baseline)
                }),
                acknowledged_by: None,
            });
        }
        if ka.direction != kb.direction {
            d.directions.push(DirectionMove {
                id: kb.meta.id.clone(),
                from: ka.direction.clone(),
                to: kb.direction.clone(),
                acknowledged_by: None,
            });
        }
        // The target each end set for the period's end; turned around
        // (`direction` changed), the figures mean something else.
        let target = |k: &crate::model::Kpi| crate::analysis::kpi_status(k, b.today).target;
        if let (Some(from), Some(to), true) = (target(ka), target(kb), ka.direction == kb.direction)
        {
            let looser = |from: f64, to: f64| super::figures::reads_better(&kb.direction, from, to);
            if from != to {
                d.targets.push(TargetMove {
                    id: kb.meta.id.clone(),
                    from,
                    to,
                    loosened: looser(from, to),
                    acknowledged_by: None,
                    step: None,
                });
            }
            // Each step still ahead either end set, as each end reads the
            // target from that date on: a step changed, added or taken out.
            for date in super::figures::steps_ahead([ka, kb], b.today) {
                if let (Some(from), Some(to)) = (ka.target_at(date.day), kb.target_at(date.day)) {
                    if from != to {
                        d.targets.push(TargetMove {
                            id: kb.meta.id.clone(),
                            from,
                            to,
                            loosened: looser(from, to),
                            acknowledged_by: None,
                            step: Some(date.written.to_string()),
                        });
                    }
                }
            }
        }
        revised(d, a, &kb.meta.id, Series::Kpi, &ka.data, &kb.data, None);
    }
    for ib in &b.roadmap.initiatives {
        if let Some(ia) = a.roadmap.initiative(&ib.meta.id) {
            effort_moves(d, ia, ib);
            // Money first written in the period (no budget, no spend
            // before) is tracking begun, not spend recorded late: the
            // older version showed no variance to mislead anyone.
            if ia.budget.is_some() || !ia.spend.is_empty() {
                d.late_spend
                    .extend(late_spend(&ib.meta.id, &ia.spend, &ib.spend, a.today));
            }
            let regrouped = regrouped_spend(&ia.spend, a.today, &ib.spend, b.today);
            let spend = (&ia.spend, &ib.spend);
            revised(
                d,
                a,
                &ib.meta.id,
                Series::Spend,
                spend.0,
                spend.1,
                Some(&regrouped),
            );
        }
    }
}

/// The change requests of `b` also in `a` whose record differs, field by
/// field (see [`RequestEdit`]).
fn request_edits(a: &Roadmap, b: &Roadmap) -> Vec<RequestEdit> {
    let mut out = Vec::new();
    for cb in &b.changes {
        let Some(ca) = a.change(&cb.meta.id) else {
            // Written and decided within the period: a decision taken in
            // it, as much as one on a request the period began with.
            if cb.status != "proposed" && !a.unread_ids.contains(cb.meta.id.as_str()) {
                out.push(RequestEdit {
                    id: cb.meta.id.clone(),
                    field: "status",
                    from: None,
                    to: Some(cb.status.clone()),
                    after_approval: false,
                });
            }
            continue;
        };
        // A `date:` is no part of the decision where `decided:` dates it.
        let decided_both = ca.decided.is_some() && cb.decided.is_some();
        let mut field = |field: &'static str, from: Option<String>, to: Option<String>| {
            if from != to {
                out.push(RequestEdit {
                    id: cb.meta.id.clone(),
                    field,
                    from,
                    to,
                    after_approval: ca.approves()
                        && field != "status"
                        && !(field == "date" && decided_both),
                });
            }
        };
        field("status", Some(ca.status.clone()), Some(cb.status.clone()));
        // The same ids in another order are the same request.
        fn set(c: &crate::model::Change) -> BTreeSet<&str> {
            c.affects.iter().map(String::as_str).collect()
        }
        let affects =
            |c: &crate::model::Change| (!c.affects.is_empty()).then(|| c.affects.join(", "));
        if set(ca) != set(cb) {
            field("affects", affects(ca), affects(cb));
        }
        let money = |c: &crate::model::Change| c.budget_increase.map(crate::words::exact);
        field("budget_increase", money(ca), money(cb));
        let days = |c: &crate::model::Change| c.delay_days.map(|n| n.to_string());
        field("delay_days", days(ca), days(cb));
        let decided = |c: &crate::model::Change| c.decided.as_ref().map(|d| d.written.to_string());
        field("decided", decided(ca), decided(cb));
        field("decided_by", ca.decided_by.clone(), cb.decided_by.clone());
        field(
            "date",
            Some(ca.date.written.to_string()),
            Some(cb.date.written.to_string()),
        );
    }
    out
}
