//! History: an ordered list of roadmaps (the snapshots, oldest first, then
//! the working tree) turned into baselines, slips and their
//! acknowledgement, scope changes, latent slips, and a diff per consecutive
//! pair. Pure functions over the model: no I/O.

use crate::analysis::{days_between, schedule};
use crate::base::Sym;
use crate::model::{Initiative, Roadmap};
use jiff::civil::Date as Day;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One roadmap in the history.
pub struct Point<'a> {
    /// Snapshot name, or `current` for the working tree.
    pub name: &'a str,
    pub today: Day,
    pub roadmap: &'a Roadmap,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Baseline {
    pub day: Day,
    pub written: Sym,
    /// `baseline field`, `snapshot <name>` or `current`.
    pub source: Sym,
}

#[derive(Debug, Clone, Serialize)]
pub struct Slip {
    pub gid: Sym,
    pub initiative: Sym,
    pub baseline: Day,
    pub due: Day,
    /// Current due − baseline (negative: pulled in).
    pub days: i64,
    /// Beyond `slip-tolerance-days`: it needs an approved change request.
    pub needs_ack: bool,
    /// The approved change request that acknowledges it (the latest move's).
    pub acknowledged_by: Option<Sym>,
    /// The last snapshot that still showed a date other than the current
    /// one: the approval must come after it.
    pub last_old: Option<Sym>,
    /// Moves between snapshots that needed a decision of their own and have
    /// none: a later approval does not cover an earlier move.
    pub unacknowledged: Vec<UnapprovedMove>,
    /// A `baseline:` written since a snapshot with no approved change
    /// request to record the re-baseline (as written, and the snapshot the
    /// decision must come after): the slip counts from the history's
    /// baseline instead.
    #[serde(skip)]
    pub baseline_unapproved: Option<(Sym, Sym)>,
    /// The date the roadmap stands committed to: where the last move an
    /// approved change request covers put it (the baseline when none
    /// does). An unapproved move changes the plan, not the commitment, and
    /// neither do small moves that together went beyond the tolerance.
    #[serde(skip)]
    pub committed: Day,
    /// The baseline as written (`2027-Q1`), as the milestone's row says it.
    #[serde(skip)]
    pub baseline_written: Sym,
}

impl Slip {
    /// A finding: the slip needs a decision and some move of it has none.
    pub fn is_unacknowledged(&self) -> bool {
        self.needs_ack && (self.acknowledged_by.is_none() || !self.unacknowledged.is_empty())
    }

    /// When it is a finding, how many of its days no decision covers: the
    /// moves that have none (a move of 181 days, 90 of them approved, is
    /// 91 days unapproved). All of them when none was approved (small moves
    /// together beyond the tolerance need none each), and never more than
    /// the slip (a move pulled back in since).
    pub fn unapproved_days(&self) -> Option<i64> {
        self.is_unacknowledged().then(|| {
            let moved: i64 = self.unacknowledged.iter().map(|m| m.days).sum();
            // Some move approved: it stands committed off its baseline.
            if moved > 0 && self.committed != self.baseline {
                moved.min(self.days)
            } else {
                self.days
            }
        })
    }

    /// What health reads of it, once it is known to stand unapproved.
    pub fn unapproved(&self) -> schedule::UnapprovedSlip {
        schedule::UnapprovedSlip {
            gid: self.gid,
            days: self.days,
            unapproved_days: self.unapproved_days().unwrap_or(self.days),
            committed: self.committed,
        }
    }
}

/// One move of a milestone's due date that no approved change request
/// covers.
#[derive(Debug, Clone, Serialize)]
pub struct UnapprovedMove {
    pub from: Sym,
    pub to: Sym,
    /// The day `to` names.
    #[serde(skip)]
    pub to_day: Day,
    pub days: i64,
    /// The snapshot that last showed the old date (`None`: the move from a
    /// `baseline:` field, before any snapshot).
    pub after: Option<Sym>,
    /// The whole move, in days.
    #[serde(skip)]
    pub moved: i64,
    /// An approval for part of it (its `delay_days`, `approved_days`):
    /// `days` is what stands of the rest (less where it was partly taken
    /// back since).
    pub approved_by: Option<Sym>,
    pub approved_days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Move {
    pub gid: Sym,
    pub from: Sym,
    pub to: Sym,
    pub days: i64,
    /// The approved change request matched to this move (see `moves_of`).
    pub acknowledged_by: Option<Sym>,
    /// Whether it needs a decision of its own (it is part of a slip beyond
    /// the tolerance): without `acknowledged_by`, it is unacknowledged.
    pub needs_ack: bool,
    /// The days of it the approval does not cover, beyond the tolerance:
    /// it states fewer `delay_days` than the move took (`None`: it covers
    /// it all, or there is none). Over several periods, on a row that needs
    /// a decision and has none: the days of it that stand unapproved, when
    /// other steps were approved and that is fewer than the whole.
    pub beyond_approval: Option<i64>,
    /// Over several periods, each request that approved a step of it,
    /// when more than one did (`acknowledged_by` names the latest): the
    /// sum took several decisions. With no `acknowledged_by` (a step
    /// stands unapproved), the requests that approved the other steps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approved_by_steps: Vec<Sym>,
}

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
    due_day: Day,
    #[serde(skip)]
    done_day: Day,
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
    committed_day: Option<Day>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub id: String,
    pub from: String,
    pub to: String,
    /// An initiative's status to `cancelled`: the approved change request
    /// affecting it, decided on or after the period's start, that covers
    /// the cancellation (none: `unapproved-cancellation` while it stands).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<Sym>,
}

impl Change {
    /// A status change that cancels committed work with no approved
    /// change request covering it: said beside the row and in the
    /// period's line (it read "1 initiative cancelled" like an approved
    /// one, from a CIO's trial).
    pub fn cancels_unapproved(&self) -> bool {
        self.to == "cancelled" && was_committed(&self.from) && self.acknowledged_by.is_none()
    }
}

/// Statuses whose cancellation takes a decision.
fn was_committed(status: &str) -> bool {
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
    /// A loosened target: the approved change request affecting the KPI,
    /// decided on or after the period's start, that covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<Sym>,
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

impl HorizonMove {
    pub fn later(&self) -> bool {
        self.days.is_some_and(|d| d > 0)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct KpiMove {
    pub id: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
}

/// Which reported figures: a KPI's data or an initiative's spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Series {
    Kpi,
    Spend,
}

impl Series {
    /// One of its figures as the pages and `roadbook diff` say it: a KPI's
    /// as written, spend as money.
    pub fn shown(self, value: f64, currency: &str) -> String {
        match self {
            Series::Kpi => crate::words::exact(value),
            Series::Spend => crate::words::money(value, currency),
        }
    }

    /// The figures of item `id` in `r`, when it has them (`None`: no such
    /// item).
    pub fn of<'r>(self, r: &'r Roadmap, id: &str) -> Option<&'r [crate::model::DataPoint]> {
        match self {
            Series::Kpi => r.kpi(id).map(|k| k.data.as_slice()),
            Series::Spend => r.initiative(id).map(|i| i.spend.as_slice()),
        }
    }

    /// Whether some figure of item `id` could not be read in `r` (the
    /// error is told).
    fn incomplete(self, r: &Roadmap, id: &str) -> bool {
        match self {
            Series::Kpi => r.kpi(id).is_some_and(|k| k.figures_incomplete),
            Series::Spend => r.initiative(id).is_some_and(|i| i.spend_incomplete),
        }
    }
}

/// A figure a version reported (a KPI's data point, or an initiative's
/// spend, whose period had ended by that version's day) that the next
/// version changed or took out: a quarter that went badly can be made to
/// look better by restating it, and a restatement is a decision like a
/// slip.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRevision {
    /// The KPI, or the initiative whose spend it is.
    pub id: String,
    pub series: Series,
    /// The data point's date, as written.
    pub date: String,
    pub from: f64,
    /// `None`: the figure was taken out.
    pub to: Option<f64>,
    /// The version that last showed `from`.
    pub after: String,
    /// Whether it needs a decision: not when it puts back the figure last
    /// reported or approved.
    pub needs_ack: bool,
    /// The approved change request affecting the KPI that covers it (one
    /// request, one period's restatement; in a period: null when none).
    pub acknowledged_by: Option<Sym>,
    /// Which data point: its day and how it was written (`2026-07` and
    /// `2026-07-01` are two figures).
    #[serde(skip)]
    pub key: FigureKey,
}

/// A flash figure a snapshot showed (its month or quarter still running on
/// the snapshot's day, the day itself for a daily figure) that the period
/// replaced: free to change, no decision needed, but the brief sent that
/// day counted it (a September on target at a snapshot of 30 September,
/// off target once final, changed with nothing said).
#[derive(Debug, Clone, Serialize)]
pub struct FlashFigure {
    /// The KPI, or the initiative whose spend it is.
    pub id: String,
    pub series: Series,
    /// The data point's date, as written.
    pub date: String,
    /// The flash, and the figure now (`None`: taken out).
    pub from: f64,
    pub to: Option<f64>,
}

/// A KPI data point's day and precision.
pub type FigureKey = (Day, crate::base::date::Precision);

pub fn figure_key(d: &crate::base::date::Date) -> FigureKey {
    (d.day, d.precision)
}

/// Whether a data point's period was over by `today`: a figure for the
/// month or the quarter still running (or the day itself) is a flash that
/// the final one replaces, not a report to hold the roadmap to.
fn reported_by(d: &crate::base::date::Date, today: Day) -> bool {
    use crate::base::date::Precision;
    let ends = match d.precision {
        Precision::Day => Some(d.day),
        Precision::Month => Some(d.day.last_of_month()),
        Precision::Quarter => d
            .day
            .checked_add(jiff::Span::new().months(2))
            .ok()
            .map(|x| x.last_of_month()),
    };
    ends.is_some_and(|e| e < today)
}

/// How a RAID item moved within a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskChangeKind {
    /// New and open.
    Opened,
    /// Closed at the start, open again at the end.
    Reopened,
    Closed,
    /// A risk that happened (status `occurred`).
    Occurred,
    ExposureRose,
    ExposureFell,
    /// Open at both ends, its exposure the same, and something else of its
    /// row moved: its owner, type, status between open ones or mitigation
    /// (a committee's hand-over or change of plan, left out of the period
    /// it happened in, was only on the item's own page).
    Updated,
}

impl RiskChangeKind {
    pub fn words(self) -> &'static str {
        match self {
            RiskChangeKind::Opened => "opened",
            RiskChangeKind::Reopened => "reopened",
            RiskChangeKind::Closed => "closed",
            RiskChangeKind::Occurred => "occurred",
            RiskChangeKind::ExposureRose => "exposure rose",
            RiskChangeKind::ExposureFell => "exposure fell",
            RiskChangeKind::Updated => "updated",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskChange {
    pub id: String,
    pub change: RiskChangeKind,
    /// Status and exposure (probability × impact) at each end; `None`
    /// where the item was not there or has no exposure.
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub from_exposure: Option<u8>,
    pub to_exposure: Option<u8>,
    /// Everything of its row that moved, in the log's words ("open →
    /// mitigating; owner now Ben; mitigation rewritten").
    pub moved: String,
    /// Its `type` at the end (risk, assumption, issue, decision): an
    /// assumption that occurred is no "risk occurred".
    #[serde(skip)]
    pub kind: Sym,
}

/// A RAID item as one point of the history recorded it: what its row in
/// the log read that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RaidState {
    /// As written: a threat can be softened by its title alone ("Cut-over
    /// will slip" to "Cut-over timing to be confirmed").
    pub title: Sym,
    pub status: Sym,
    #[serde(rename = "risk_type")]
    pub kind: Sym,
    /// As counted: an issue or a risk that occurred is certain.
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    pub exposure: Option<u8>,
    pub owner: Sym,
    pub reviewed: Option<Sym>,
    pub mitigation: Option<Sym>,
}

impl RaidState {
    fn of(x: &crate::model::Risk) -> RaidState {
        RaidState {
            title: x.meta.title.as_str().into(),
            status: x.status.as_str().into(),
            kind: x.kind.as_str().into(),
            likelihood: x.likelihood(),
            impact: x.impact,
            exposure: x.exposure(),
            owner: x.owner.as_str().into(),
            reviewed: x.reviewed.as_ref().map(|d| d.written.as_str().into()),
            mitigation: x.mitigation.as_deref().map(Sym::from),
        }
    }

    pub fn is_open(&self) -> bool {
        &*self.status != "closed"
    }
}

/// Where a RAID item stood at one point of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RaidPoint {
    /// Not in that point's log (not raised yet, or removed).
    Absent,
    /// Its file was there but could not be read: nothing is known.
    Unread,
    Logged(RaidState),
}

impl RaidPoint {
    pub fn state(&self) -> Option<&RaidState> {
        match self {
            RaidPoint::Logged(s) => Some(s),
            _ => None,
        }
    }

    /// What moved from the last of `before` to `now` (see [`raid_moved`]),
    /// "no change" when nothing did; `None` when the last of `before`
    /// could not read it. Not logged there but in a point before it: back
    /// in the log (a file deleted, then restored), not newly raised.
    pub fn moved_since(before: &[RaidPoint], now: &RaidState) -> Option<String> {
        let (was, earlier) = before.split_last()?;
        if *was == RaidPoint::Unread {
            return None;
        }
        let moved = match earlier.iter().rev().find_map(RaidPoint::state) {
            Some(logged) if *was == RaidPoint::Absent => {
                let then = RaidPoint::Logged(logged.clone());
                let rest = raid_moved(&then, now).map_or(String::new(), |m| format!("; {m}"));
                Some(format!("back in the log{rest}"))
            }
            _ => raid_moved(was, now),
        };
        Some(moved.unwrap_or_else(|| "no change".into()))
    }
}

/// Each RAID item of the last point, as every point recorded it (oldest
/// first): the log's own history, which the steering committee reads item
/// by item (when it opened, how its exposure moved, who owned it, when it
/// was last reviewed).
#[derive(Debug, Clone, Default)]
pub struct RaidLog {
    /// The points, oldest first; the last is the version read.
    pub points: Vec<(String, Day)>,
    trails: BTreeMap<Sym, Vec<RaidPoint>>,
}

impl RaidLog {
    fn of(points: &[Point]) -> RaidLog {
        let names = points
            .iter()
            .map(|p| (p.name.to_string(), p.today))
            .collect();
        let Some((current, before)) = points.split_last() else {
            return RaidLog::default();
        };
        let logs: Vec<HashMap<&str, &crate::model::Risk>> = before
            .iter()
            .map(|p| {
                p.roadmap
                    .risks
                    .iter()
                    .map(|x| (x.meta.id.as_str(), x))
                    .collect()
            })
            .collect();
        let trails = current
            .roadmap
            .risks
            .iter()
            .map(|now| {
                let id = now.meta.id.as_str();
                let trail = before
                    .iter()
                    .zip(&logs)
                    .map(|(p, log)| match log.get(id) {
                        Some(x) => RaidPoint::Logged(RaidState::of(x)),
                        None if p.roadmap.unread_ids.contains(id) => RaidPoint::Unread,
                        None => RaidPoint::Absent,
                    })
                    .chain(std::iter::once(RaidPoint::Logged(RaidState::of(now))))
                    .collect();
                (Sym::from(id), trail)
            })
            .collect();
        RaidLog {
            points: names,
            trails,
        }
    }

    /// A RAID item of the version read, at every point (see `points`).
    pub fn trail(&self, id: &str) -> Option<&[RaidPoint]> {
        self.trails.get(id).map(Vec::as_slice)
    }

    /// The point the version read is compared with: the last snapshot
    /// before its day. One taken on the very day read is the version
    /// itself: the quarter's snapshot is taken, then presented (compared
    /// with it, every row of the log read "no change" in the meeting).
    fn baseline(&self) -> Option<usize> {
        let (_, today) = self.points.last()?;
        (0..self.points.len() - 1)
            .rev()
            .find(|&k| self.points[k].1 < *today)
    }

    /// The name of the snapshot the version read is compared with (see
    /// `baseline`).
    pub fn last_snapshot(&self) -> Option<&str> {
        Some(self.points[self.baseline()?].0.as_str())
    }

    /// Whether the point before the last is a snapshot taken on the day
    /// read: the version itself, as the trail shows it once.
    pub fn taken_today(&self) -> bool {
        matches!(self.points.as_slice(), [.., (_, a), (_, b)] if a == b)
    }

    /// What moved in a RAID item since the last snapshot ("no change" when
    /// nothing its row shows did): `None` when it is not in the log read,
    /// or when that snapshot could not read it.
    pub fn since(&self, id: &str) -> Option<String> {
        let trail = self.trail(id)?;
        let k = self.baseline()?;
        RaidPoint::moved_since(&trail[..=k], trail.last()?.state()?)
    }
}

/// What moved in a RAID item between two points, in the words of the log's
/// pages ("exposure rose 8 → 12; open → mitigating"); `None` when nothing
/// its row shows moved, or when the earlier point could not read it.
fn raid_moved(was: &RaidPoint, now: &RaidState) -> Option<String> {
    let was = match was {
        RaidPoint::Unread => return None,
        RaidPoint::Absent if now.is_open() => return Some("opened".into()),
        RaidPoint::Absent => return Some("raised and closed".into()),
        RaidPoint::Logged(w) => w,
    };
    let mut said = Vec::new();
    match (was.is_open(), now.is_open()) {
        (false, true) => said.push("reopened".to_string()),
        (true, false) => said.push("closed".to_string()),
        _ if was.status != now.status => {
            said.push(format!("{} → {}", was.status, now.status));
        }
        _ => {}
    }
    match (was.exposure, now.exposure) {
        (Some(a), Some(b)) if b > a => said.push(format!("exposure rose {a} → {b}")),
        (Some(a), Some(b)) if b < a => said.push(format!("exposure fell {a} → {b}")),
        (None, Some(b)) => said.push(format!("exposure scored {b}")),
        (Some(a), None) => said.push(format!("exposure {a} no longer scored")),
        _ => {}
    }
    if was.kind != now.kind {
        said.push(format!("{} → {}", was.kind, now.kind));
    }
    if was.owner != now.owner {
        said.push(format!("owner now {}", now.owner));
    }
    if was.title != now.title {
        said.push(format!("retitled (was “{}”)", was.title));
    }
    if was.mitigation != now.mitigation {
        said.push(
            match now.mitigation {
                None => "mitigation taken out",
                Some(_) if was.mitigation.is_none() => "mitigation added",
                Some(_) => "mitigation rewritten",
            }
            .to_string(),
        );
    }
    (!said.is_empty()).then(|| said.join("; "))
}

/// How the roadmap's budget moved in one period, from the total at its
/// start to the total at its end (work cancelled counts in neither): the
/// bridge a finance reader asks for. `start + added + raised_approved +
/// raised_unapproved - cut - cancelled - removed = end`.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct BudgetStep {
    pub from: Sym,
    pub to: Sym,
    pub start: f64,
    /// Budgets of initiatives new in the period (or given one where the
    /// roadmap kept none before).
    pub added: f64,
    /// Rises an approved change request covers, and the rest.
    pub raised_approved: f64,
    pub raised_unapproved: f64,
    pub cut: f64,
    /// Budgets of initiatives cancelled in the period: released.
    pub cancelled: f64,
    /// Budgets of initiatives whose file is gone.
    pub removed: f64,
    pub end: f64,
}

/// An initiative's budget that changed within a period.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetMove {
    pub id: String,
    /// The total at each end; `None` where it had no budget.
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// An increase needs an approved change request decided on or after
    /// the start of the period.
    pub needs_ack: bool,
    pub acknowledged_by: Option<Sym>,
    /// What of the increase the approval does not cover: it states a
    /// smaller `budget_increase` than the rise (`None`: it covers it all,
    /// or there is none).
    pub beyond_approval: Option<f64>,
    /// Each request that approved part of it, when more than one did:
    /// over several periods, those of its steps (`acknowledged_by` names
    /// the latest step's first); within one, a rise approved for less and
    /// topped up by a request decided later (`acknowledged_by` names the
    /// first). With no `acknowledged_by` (a step stands unapproved), the
    /// requests that approved the other steps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approved_by_steps: Vec<Sym>,
}

/// An initiative whose written `start` or `end` changed within a period:
/// the end moving out is a slip of the whole initiative, which its
/// milestones' moves need not show (a milestone added after the old end).
#[derive(Debug, Clone, Serialize)]
pub struct DateMove {
    pub id: String,
    /// `start` or `end`.
    pub field: &'static str,
    /// The dates as written at each end; `None` where none was written.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Days later (negative: earlier), when both were written; an `end:`
    /// taken out or written since counts against the end its milestones
    /// made at the other point.
    pub days: Option<i64>,
    /// An end moved out beyond `slip-tolerance-days` needs an approved
    /// change request affecting the initiative, one per move.
    pub needs_ack: bool,
    pub acknowledged_by: Option<Sym>,
    /// The days of an end's move its approval does not cover (see
    /// [`Move::beyond_approval`]).
    pub beyond_approval: Option<i64>,
    /// See [`BudgetMove::approved_by_steps`]: an end's move is topped up
    /// as a budget's rise is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approved_by_steps: Vec<Sym>,
}

/// An initiative's end later than the last one approved (its first in the
/// history, an earlier one, or a later one an approved change request
/// affecting the initiative covers), beyond `slip-tolerance-days`: the
/// whole initiative slipped and nobody decided it.
#[derive(Debug, Clone, Serialize)]
pub struct EndSlip {
    pub id: String,
    /// The approved end and the end now, as written.
    pub from: String,
    pub to: String,
    pub days: i64,
    /// The part of `days` no approved change request covers (all of it
    /// unless a later move was approved).
    pub unapproved_days: i64,
    /// The snapshot that last showed the approved end.
    pub after: String,
    /// The latest approved change request whose `delay_days` was fewer
    /// than the move it approved (some of what stands is the rest).
    pub capped_by: Option<String>,
    /// The end it stands committed to: the end now less the days no
    /// decision covers.
    #[serde(skip)]
    pub committed: Day,
    /// How the end changed: written since, taken out or written where
    /// none was (`from` is then the end its milestones made).
    #[serde(skip)]
    pub change: EndChange,
}

/// How an [`EndSlip`]'s end came to be later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndChange {
    /// `end:` written later.
    Moved,
    /// `end:` taken out: `to` is its milestones' latest date.
    TakenOut,
    /// `end:` written where no snapshot had one: `from` is the end its
    /// milestones made then.
    WrittenSince,
}

impl EndSlip {
    /// Each initiative's end committed, where a later one stands
    /// unapproved (see [`crate::analysis::Facts::with_committed_ends`]).
    pub fn committed_ends(ends: &[EndSlip]) -> BTreeMap<&str, Day> {
        ends.iter().map(|e| (e.id.as_str(), e.committed)).collect()
    }
}

/// A live initiative of some snapshot that the working tree no longer has:
/// deleting its file took its milestones, slips and findings off every
/// page, and no change request can approve that (it can name only what
/// the roadmap has); closing it (`status: cancelled`) keeps it on record.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedInitiative {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it, live.
    pub after: String,
    pub milestones: usize,
}

/// A KPI some snapshot reported figures for that the working tree no
/// longer has: deleting its file took those figures off every page, as a
/// restatement would, with nothing on record.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedKpi {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it.
    pub after: String,
    /// The figures the snapshots reported (their period over by the
    /// snapshot's day), each counted once.
    pub reported: usize,
}

/// A RAID item open in the last snapshot that had it whose file the
/// working tree no longer has: deleting (or renaming) it took a threat off
/// the log, the heat map and the brief, with nothing on record.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedRisk {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it, open.
    pub after: String,
    /// risk, assumption, issue or decision.
    pub risk_type: String,
    /// Probability × impact there, when scored.
    pub exposure: Option<u8>,
}

/// A change request of a snapshot whose file the working tree no longer
/// has: the record of a decision gone, and what it approved with it (or a
/// request written since, under another id and dated back, taking its
/// place with nothing to say so).
#[derive(Debug, Clone, Serialize)]
pub struct RemovedChange {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it.
    pub after: String,
    /// Its status there.
    pub status: String,
}

/// A milestone's `done:` dated earlier than a snapshot's record allows: a
/// snapshot showed it open and overdue after that day, or recorded it done
/// later. Back-dating turns a late delivery into an on-time one.
#[derive(Debug, Clone, Serialize)]
pub struct Backdated {
    pub gid: Sym,
    /// Its `done:` as written now.
    pub done: String,
    /// The snapshot whose record it contradicts, and that snapshot's day.
    pub after: String,
    pub as_of: String,
    /// What that snapshot recorded: its `done:` then, or null when it
    /// showed the milestone open and overdue.
    pub done_then: Option<String>,
    /// The earliest day the record lets it be done: `done_then`'s, else
    /// the snapshot's.
    #[serde(skip)]
    pub done_by_record: Day,
    /// The approved change request that accepts the date (then it is not
    /// a finding).
    #[serde(skip)]
    pub approved_by: Option<Sym>,
}

/// An initiative's plan rewritten since a snapshot so that it plans more
/// money by that snapshot's day than it did then, beyond what a larger
/// total could account for: amounts moved between periods, a total made
/// amounts per quarter, a start (or end) moved earlier that spreads the
/// money over days already reported. Front-loading the plan after the fact
/// makes overspend vanish.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetRephase {
    pub id: String,
    /// The last snapshot that had its budget.
    pub after: String,
    /// That snapshot's day.
    pub as_of: String,
    /// Planned by that day, as the snapshot's budget said and as the
    /// working tree's says.
    pub planned_then: f64,
    pub planned_now: f64,
    /// The budget's total then and now.
    pub total_then: f64,
    pub total_now: f64,
    /// The budget as it was written: the initiative's dates moved.
    pub budget_as_written: bool,
}

/// A KPI measured at the start of a period and retired by its end, and the
/// approved change request that covers it, if any.
#[derive(Debug, Clone, Serialize)]
pub struct Retired {
    pub id: String,
    /// Its `retired:` date, as written.
    pub retired: String,
    pub acknowledged_by: Option<Sym>,
}

/// A KPI still measured that no longer measures an outcome it measured at
/// the start of a period (the link taken out of either file), and the
/// approved change request that covers it, if any.
#[derive(Debug, Clone, Serialize)]
pub struct Unlinked {
    pub kpi: String,
    pub outcome: String,
    pub acknowledged_by: Option<Sym>,
}

/// A KPI measured at the end of a period that began measuring an outcome
/// the start had (the link written in either file, the KPI new or not).
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    pub kpi: String,
    pub outcome: String,
}

/// A KPI that a snapshot showed measuring an outcome and that no longer
/// does, both still in the roadmap, with no approved change request
/// affecting either decided on or after the last snapshot that showed
/// the link: the outcome's roll-up no longer counts it, so an off-target
/// KPI taken off reads as the outcome on track, as a retirement does.
#[derive(Debug, Clone, Serialize)]
pub struct KpiUnlinked {
    pub kpi: String,
    pub outcome: String,
    /// The last snapshot that showed the link.
    pub after: String,
    /// Where the KPI stood in that snapshot: its latest value, the target
    /// then in force and whether it met it.
    pub latest: Option<f64>,
    pub target: Option<f64>,
    pub on_target: Option<bool>,
}

/// A KPI retired since the last snapshot that showed it measured: it left
/// the dashboard, the brief and its outcomes' roll-ups, which can make an
/// off-target outcome read on track, so retiring it is a decision.
#[derive(Debug, Clone, Serialize)]
pub struct KpiRetirement {
    pub id: String,
    /// Its `retired:` date, as written.
    pub retired: String,
    /// The last snapshot that showed it measured.
    pub after: String,
    /// Where it stood in that snapshot: its latest value, the target then
    /// in force and whether it met it.
    pub latest: Option<f64>,
    pub target: Option<f64>,
    pub on_target: Option<bool>,
}

/// A KPI whose target in force today is looser than a snapshot set it for
/// today (lower where higher is better), with no approved change request
/// affecting it decided on or after the last snapshot that set it
/// tighter: a target moved to meet the figure reads as a KPI brought on
/// target, as a restated figure does.
#[derive(Debug, Clone, Serialize)]
pub struct TargetLoosened {
    pub id: String,
    /// The last snapshot that set a tighter target for today.
    pub after: String,
    /// The target for today, as that snapshot set it and as it is now.
    pub then: f64,
    pub now: f64,
    /// The day `then` was in force from in that snapshot.
    #[serde(skip)]
    pub since: Option<Day>,
}

/// An initiative committed in a snapshot (planned, active or on hold, and
/// serving an outcome) and cancelled since, with no approved change request
/// affecting it decided on or after that snapshot: cancelling takes its
/// open milestones off every view of what is due, as deleting the file
/// would, and a split into a new initiative hides their slips.
#[derive(Debug, Clone, Serialize)]
pub struct Cancellation {
    pub id: String,
    /// The last snapshot that had it, committed.
    pub after: String,
    /// Its milestones open in that snapshot, by global id.
    pub open_milestones: Vec<String>,
}

/// A budget increase over the whole history that no approved change
/// request covers: taking a snapshot clears none.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetIncrease {
    pub id: String,
    pub from: f64,
    pub to: f64,
    /// `from` and what increases approved since added: the rest of the
    /// rise to `to` has no approval.
    pub approved: f64,
    /// The snapshot that last showed the smaller budget.
    pub after: String,
    /// The latest approved change request whose `budget_increase` was
    /// smaller than the rise it approved (some of what stands is the rest).
    pub capped_by: Option<String>,
    /// The budget `approved` stands for, over time: the one snapshot
    /// `after` had, its periods raised pro rata by what was approved
    /// since; what the money is judged by (see
    /// [`crate::analysis::budget::BudgetStatus::approved`]). `None` where
    /// nothing was approved (a budget given with no decision).
    #[serde(skip)]
    pub approved_budget: Option<crate::model::Budget>,
}

impl BudgetIncrease {
    /// By initiative, the budget last approved of each rise standing.
    pub fn approved_budgets(open: &[BudgetIncrease]) -> BTreeMap<String, crate::model::Budget> {
        open.iter()
            .filter_map(|b| Some((b.id.clone(), b.approved_budget.clone()?)))
            .collect()
    }
}

/// What `approved` of an initiative's budget stands for over time: the
/// budget `before` had (the last snapshot before the rise), else the one
/// now, each period scaled to come to `approved`.
fn approved_budget(
    before: Option<&crate::model::Budget>,
    now: Option<&crate::model::Budget>,
    approved: f64,
) -> Option<crate::model::Budget> {
    let base = before.filter(|b| b.total > 0.0).or(now)?;
    if approved <= 0.0 || base.total <= 0.0 {
        return None;
    }
    let scale = approved / base.total;
    Some(crate::model::Budget {
        total: approved,
        periods: base
            .periods
            .iter()
            .map(|(d, v)| (d.clone(), v * scale))
            .collect(),
        span: base.span,
    })
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// What changed between two consecutive roadmaps.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub from: String,
    pub to: String,
    pub from_today: Day,
    pub to_today: Day,
    pub moved: Vec<Move>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// The title each removed item had: no page is left to link to.
    pub removed_titles: BTreeMap<String, String>,
    pub scope: Vec<ScopeChange>,
    pub latent: Vec<Latent>,
    pub status: Vec<Change>,
    pub health: Vec<Change>,
    /// Initiatives and milestones whose owner changed: who answers for
    /// the work is part of the plan leadership reads.
    pub owners: Vec<Change>,
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
    /// Outcomes whose horizon changed.
    pub horizons: Vec<HorizonMove>,
    /// Reported KPI figures changed or taken out in the period.
    pub revisions: Vec<FigureRevision>,
    /// Flash figures the start showed that the end replaced.
    pub flash: Vec<FlashFigure>,
    /// KPIs measured at the start of the period and retired by its end.
    pub retired: Vec<Retired>,
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
    pub fn is_empty(&self) -> bool {
        !self.has_edits() && self.newly_overdue.is_empty() && self.forecasts.is_empty()
    }

    /// Every change request a row of it credits.
    fn approvals_named(&self) -> BTreeSet<Sym> {
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
        out.extend(self.unlinked.iter().filter_map(|u| u.acknowledged_by));
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
    fn empty(from: &str, to: &str, from_today: Day, to_today: Day) -> Diff {
        Diff {
            from: from.to_string(),
            to: to.to_string(),
            from_today,
            to_today,
            moved: Vec::new(),
            added: Vec::new(),
            removed: Vec::new(),
            removed_titles: BTreeMap::new(),
            scope: Vec::new(),
            latent: Vec::new(),
            status: Vec::new(),
            health: Vec::new(),
            owners: Vec::new(),
            capacity: Vec::new(),
            ops_load: Vec::new(),
            kpis: Vec::new(),
            targets: Vec::new(),
            horizons: Vec::new(),
            revisions: Vec::new(),
            flash: Vec::new(),
            retired: Vec::new(),
            unlinked: Vec::new(),
            linked: Vec::new(),
            completed: Vec::new(),
            redated: Vec::new(),
            newly_overdue: Vec::new(),
            became_traced: Vec::new(),
            became_untraced: Vec::new(),
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
    pub fn sentence(&self) -> String {
        use crate::words::count;
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
        let unapproved_moves = self
            .moved
            .iter()
            .filter(|m| m.needs_ack && (m.acknowledged_by.is_none() || m.beyond_approval.is_some()))
            .count();
        let unapproved_of = |n: usize, said: String| match n {
            0 => said,
            n => format!("{said} ({n} unapproved)"),
        };
        let with_unapproved = |said: String, n: usize| unapproved_of(n, said);
        let mut parts = vec![
            format!(
                "{} moved ({} later{})",
                count(self.moved.len(), "milestone", "milestones"),
                self.moved.iter().filter(|m| m.days > 0).count(),
                unapproved(unapproved_moves)
            ),
            format!(
                "{} completed ({} on time)",
                self.completed.len(),
                self.on_time()
            ),
            format!("{} newly overdue", self.newly_overdue.len()),
            unapproved_of(
                self.scope
                    .iter()
                    .filter(|x| x.acknowledged_by.is_none())
                    .count(),
                count(self.scope.len(), "scope change", "scope changes"),
            ),
            unapproved_of(
                self.latent
                    .iter()
                    .filter(|x| x.acknowledged_by.is_none())
                    .count(),
                count(self.latent.len(), "latent slip", "latent slips"),
            ),
        ];
        let increases = self.budgets.iter().filter(|b| b.needs_ack).count();
        if increases > 0 {
            parts.push(unapproved_of(
                self.budgets
                    .iter()
                    .filter(|b| {
                        b.needs_ack && (b.acknowledged_by.is_none() || b.beyond_approval.is_some())
                    })
                    .count(),
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
            let unapproved_ends = self
                .dates
                .iter()
                .filter(|x| {
                    x.field == "end"
                        && x.needs_ack
                        && (x.acknowledged_by.is_none() || x.beyond_approval.is_some())
                })
                .count();
            parts.push(unapproved_of(
                unapproved_ends,
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
            let mut said = count(cancelled, "initiative cancelled", "initiatives cancelled");
            let unapproved = self
                .status
                .iter()
                .filter(|c| c.cancels_unapproved())
                .count();
            if unapproved > 0 {
                said.push_str(&format!(" ({unapproved} unapproved)"));
            }
            parts.push(said);
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
        for (series, one, many) in [
            (Series::Kpi, "KPI figure restated", "KPI figures restated"),
            (
                Series::Spend,
                "spend figure restated",
                "spend figures restated",
            ),
        ] {
            let restated: Vec<&FigureRevision> = self
                .revisions
                .iter()
                .filter(|r| r.needs_ack && r.series == series)
                .collect();
            if !restated.is_empty() {
                let unapproved = restated
                    .iter()
                    .filter(|r| r.acknowledged_by.is_none())
                    .count();
                parts.push(with_unapproved(
                    count(restated.len(), one, many),
                    unapproved,
                ));
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
            let unapproved = self
                .retired
                .iter()
                .filter(|r| r.acknowledged_by.is_none())
                .count();
            parts.push(with_unapproved(
                count(self.retired.len(), "KPI retired", "KPIs retired"),
                unapproved,
            ));
        }
        if !self.unlinked.is_empty() {
            let unapproved = self
                .unlinked
                .iter()
                .filter(|u| u.acknowledged_by.is_none())
                .count();
            parts.push(with_unapproved(
                count(
                    self.unlinked.len(),
                    "KPI taken off an outcome",
                    "KPIs taken off outcomes",
                ),
                unapproved,
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
        let later: Vec<&HorizonMove> = self.horizons.iter().filter(|h| h.later()).collect();
        if !later.is_empty() {
            let unapproved = later.iter().filter(|h| h.acknowledged_by.is_none()).count();
            parts.push(with_unapproved(
                count(
                    later.len(),
                    "outcome horizon moved later",
                    "outcome horizons moved later",
                ),
                unapproved,
            ));
        }
        let loosened: Vec<&TargetMove> = self.targets.iter().filter(|t| t.loosened).collect();
        if !loosened.is_empty() {
            let unapproved = loosened
                .iter()
                .filter(|t| t.acknowledged_by.is_none())
                .count();
            parts.push(with_unapproved(
                count(
                    loosened.len(),
                    "KPI target loosened",
                    "KPI targets loosened",
                ),
                unapproved,
            ));
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
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.scope.is_empty()
            && self.latent.is_empty()
            && self.status.is_empty()
            && self.health.is_empty()
            && self.owners.is_empty()
            && self.capacity.is_empty()
            && self.ops_load.is_empty()
            && self.kpis.is_empty()
            && self.targets.is_empty()
            && self.horizons.is_empty()
            && self.revisions.is_empty()
            && self.flash.is_empty()
            && self.retired.is_empty()
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

#[derive(Debug, Clone, Default, Serialize)]
pub struct History {
    /// Names of the points, oldest first (the last is `current`).
    pub points: Vec<(String, Day)>,
    /// Each approved change request, by the day it counts as decided
    /// (as on record; see `Approvals::of`).
    #[serde(skip)]
    pub decided: BTreeMap<Sym, Day>,
    pub baselines: BTreeMap<Sym, Baseline>,
    /// Every milestone of the current roadmap whose due differs from its
    /// baseline.
    pub slips: Vec<Slip>,
    pub diffs: Vec<Diff>,
    /// Milestone → its due date in each point (None: not there).
    pub dates: BTreeMap<Sym, DateTrail>,
    /// (kept, done): done milestones delivered by the date first promised.
    pub promises: (usize, usize),
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
    /// The working tree's KPIs that a snapshot showed measuring an outcome
    /// they no longer measure, with no approved change request affecting
    /// either decided since.
    pub open_unlinked: Vec<KpiUnlinked>,
    pub open_loosened: Vec<TargetLoosened>,
    /// KPIs with reported figures in a snapshot whose file the working
    /// tree no longer has.
    pub removed_kpis: Vec<RemovedKpi>,
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
    /// Reported KPI figures the working tree shows changed or taken out,
    /// with no approved change request affecting the KPI since.
    pub open_revisions: Vec<FigureRevision>,
    /// Change requests of a snapshot whose file the working tree no longer
    /// has.
    pub removed_changes: Vec<RemovedChange>,
    /// Approved change requests rewritten since a snapshot recorded them
    /// so that they would approve more.
    pub rewritten_approvals: Vec<RewrittenApproval>,
    /// Approved change requests dated before a snapshot that had them
    /// undecided.
    pub backdated_approvals: Vec<BackdatedApproval>,
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

/// By initiative, the spend on record that restatements standing with
/// no approved change request took down: what the figures as reported
/// hold beyond the ones written now. A figure lowered counts what it
/// lost, one taken out all of it; figures taken into a coarser one
/// (months into their quarter) count what they held beyond it, the
/// coarser figure taken as new unless it was itself reported (then
/// its own lowering counts apart). Rewritten down with no decision,
/// spend cleared an overspend that the record still shows.
pub fn spend_restated_down(revisions: &[FigureRevision], r: &Roadmap) -> BTreeMap<String, f64> {
    let mut by_initiative: BTreeMap<&str, Vec<&FigureRevision>> = BTreeMap::new();
    for x in revisions.iter().filter(|x| x.series == Series::Spend) {
        by_initiative.entry(x.id.as_str()).or_default().push(x);
    }
    let mut out = BTreeMap::new();
    for (id, revised) in by_initiative {
        let Some(i) = r.initiative(id) else {
            continue;
        };
        let own: HashMap<FigureKey, f64> = revised.iter().map(|x| (x.key, x.from)).collect();
        let mut down = 0.0;
        // A coarser figure now → what its parts held, and its value.
        let mut wholes: BTreeMap<FigureKey, (f64, f64)> = BTreeMap::new();
        for x in &revised {
            let whole = x.to.is_none().then(|| {
                i.spend
                    .iter()
                    .find(|p| crate::base::date::lies_within(x.key, figure_key(&p.date)))
            });
            match whole.flatten() {
                Some(w) => {
                    wholes
                        .entry(figure_key(&w.date))
                        .or_insert((0.0, w.value))
                        .0 += x.from
                }
                None => down += (x.from - x.to.unwrap_or(0.0)).max(0.0),
            }
        }
        for (key, (parts, value)) in wholes {
            // Reported itself: its lowering is counted above, and what
            // it holds now was there before.
            let new = if own.contains_key(&key) { 0.0 } else { value };
            down += (parts - new).max(0.0);
        }
        if down > 0.0 {
            out.insert(id.to_string(), down);
        }
    }
    out
}

/// What the KPIs are judged by where a snapshot's record stands
/// unapproved: the target it set where one loosened since, and the
/// latest figure as reported where it was restated.
pub fn kpis_on_record(
    loosened: &[TargetLoosened],
    revisions: &[FigureRevision],
    r: &Roadmap,
    today: Day,
) -> crate::analysis::KpisOnRecord {
    crate::analysis::KpisOnRecord {
        loosened: loosened
            .iter()
            .map(|x| {
                let target = crate::analysis::TargetOnRecord {
                    record: x.then,
                    written: x.now,
                    since: x.since,
                };
                (x.id.clone(), target)
            })
            .collect(),
        restated: kpi_figures_on_record(revisions, r, today),
    }
}

/// Each KPI's latest figure as reported where it stands restated with no
/// approved change request (see [`crate::analysis::KpiStatus::latest_restated`]):
/// the latest figure by `today` rewritten, or one later than it taken out.
fn kpi_figures_on_record(
    revisions: &[FigureRevision],
    r: &Roadmap,
    today: Day,
) -> BTreeMap<String, crate::analysis::Restated> {
    let mut out: BTreeMap<String, (FigureKey, crate::analysis::Restated)> = BTreeMap::new();
    for x in revisions
        .iter()
        .filter(|x| x.series == Series::Kpi && x.needs_ack && x.acknowledged_by.is_none())
    {
        let Some(kpi) = r.kpi(&x.id) else { continue };
        let latest = crate::analysis::figures_by(kpi, today).last();
        let latest_now = match x.to {
            Some(_) => latest.is_some_and(|p| figure_key(&p.date) == x.key),
            // Taken out with none after it, or written again at a finer
            // date within its period (August's 85 rewritten as 92 for
            // 31 August read "on target").
            None => {
                x.key.0 <= today
                    && latest.is_none_or(|p| {
                        p.date.day < x.key.0
                            || crate::base::date::lies_within(figure_key(&p.date), x.key)
                    })
            }
        };
        if !latest_now || out.get(&x.id).is_some_and(|(key, _)| *key >= x.key) {
            continue;
        }
        let restated = crate::analysis::Restated {
            date: x.date.clone(),
            reported: x.from,
            written: x.to,
            point: crate::base::date::Date {
                day: x.key.0,
                written: Sym::new(&x.date),
                precision: x.key.1,
            },
        };
        out.insert(x.id.clone(), (x.key, restated));
    }
    out.into_iter().map(|(id, (_, r))| (id, r)).collect()
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
                (day > d.to_today).then(|| ApprovedLater {
                    id,
                    decided: crate::base::date::iso(day).as_str().into(),
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
        // same week) leave empty periods: the latest one with content.
        self.diffs
            .iter()
            .rev()
            .find(|d| d.has_edits())
            .or(Some(last))
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

fn decided_on(c: &crate::model::Change) -> Day {
    c.decided.as_ref().map_or(c.date.day, |d| d.day)
}

/// A change request as the snapshots recorded it approved: what was
/// decided.
struct Record<'r> {
    /// The first snapshot that had it approved, and the request there.
    first: usize,
    then: &'r crate::model::Change,
    /// The least that snapshot or any approved record after it stated: an
    /// amount lowered or an item taken out is a correction that stands
    /// (put back later, it would clear a finding a quarter's site showed).
    budget_increase: Option<f64>,
    delay_days: Option<i64>,
    affects: Vec<&'r str>,
    /// Whether every record approved money, and dates: one stating only
    /// `delay_days` approves no rise, and an amount of money written in
    /// since approves none either.
    money: bool,
    days: bool,
    /// The last snapshot after the first that lowered an amount or took
    /// out an item.
    lowered_in: Option<usize>,
}

/// The last of `before` that had change request `id` and not approved
/// (proposed, or rejected): a decision to approve it came after that
/// snapshot's day, whatever day it is dated.
fn undecided_in(id: &str, before: &[Point]) -> Option<usize> {
    before
        .iter()
        .rposition(|p| p.roadmap.change(id).is_some_and(|c| c.status != "approved"))
}

/// An approved change request whose decision is dated before the day of
/// a snapshot that recorded it undecided (proposed or rejected): it counts
/// as decided on that day.
#[derive(Debug, Clone, Serialize)]
pub struct BackdatedApproval {
    pub id: Sym,
    /// The decision's day as written (`decided:`, else `date:`).
    pub decided: String,
    /// The last snapshot that had it undecided, its day and its status
    /// there.
    pub after: String,
    pub as_of: String,
    pub status_then: String,
}

/// The working tree's approved requests dated before a snapshot that had
/// them undecided (see [`BackdatedApproval`]).
fn backdated_approvals(points: &[Point]) -> Vec<BackdatedApproval> {
    let Some((current, before)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .changes
        .iter()
        .filter(|c| c.status == "approved")
        .filter_map(|c| {
            let u = undecided_in(&c.meta.id, before)?;
            let p = &before[u];
            (decided_on(c) < p.today).then(|| BackdatedApproval {
                id: Sym::from(c.meta.id.as_str()),
                decided: c
                    .decided
                    .as_ref()
                    .map_or_else(|| c.date.written.to_string(), |d| d.written.to_string()),
                after: p.name.to_string(),
                as_of: crate::base::date::iso(p.today),
                status_then: p
                    .roadmap
                    .change(&c.meta.id)
                    .map(|x| x.status.clone())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Whether `id` is among `ids`, or its initiative is (a request affecting
/// an initiative covers its milestones).
fn covered_by(ids: &[&str], id: &str) -> bool {
    ids.contains(&id)
        || id
            .split_once('/')
            .is_some_and(|(initiative, _)| ids.contains(&initiative))
}

/// The kinds of change a request's amounts approve: (money, dates). One
/// stating an amount for one and none for the other approves only that.
fn kinds(c: &crate::model::Change) -> (bool, bool) {
    (
        c.budget_increase.is_some() || c.delay_days.is_none(),
        c.delay_days.is_some() || c.budget_increase.is_none(),
    )
}

/// Change request `id` as `before` (snapshots, oldest first) recorded it
/// approved, if any did.
fn approved_record<'r>(id: &str, before: &[Point<'r>]) -> Option<Record<'r>> {
    let approved = |p: &Point<'r>| p.roadmap.change(id).filter(|c| c.status == "approved");
    // Approved again after a snapshot had it proposed or rejected: a new
    // decision, recorded from the first snapshot that has it.
    let since = undecided_in(id, before).map_or(0, |u| u + 1);
    let (first, then) = before
        .iter()
        .enumerate()
        .skip(since)
        .find_map(|(k, p)| approved(p).map(|c| (k, c)))?;
    let (money, days) = kinds(then);
    let mut record = Record {
        first,
        then,
        budget_increase: then.budget_increase,
        delay_days: then.delay_days,
        affects: then.affects.iter().map(String::as_str).collect(),
        money,
        days,
        lowered_in: None,
    };
    for (k, c) in before
        .iter()
        .enumerate()
        .skip(first + 1)
        .filter_map(|(k, p)| Some((k, approved(p)?)))
    {
        let (budget, delay) = (
            smaller(record.budget_increase, c.budget_increase),
            smaller(record.delay_days, c.delay_days),
        );
        if budget != record.budget_increase || delay != record.delay_days {
            record.lowered_in = Some(k);
        }
        (record.budget_increase, record.delay_days) = (budget, delay);
        let (money, days) = kinds(c);
        (record.money, record.days) = (record.money && money, record.days && days);
        let later: Vec<&str> = c.affects.iter().map(String::as_str).collect();
        let affects = narrowest(&record.affects, &later);
        if affects.iter().any(|a| !covered_by(&record.affects, a))
            || record.affects.iter().any(|a| !covered_by(&affects, a))
        {
            record.lowered_in = Some(k);
        }
        record.affects = affects;
    }
    Some(record)
}

/// What two lists of affected ids both cover: each id of one that the
/// other names, or names the initiative of (a milestone named where its
/// initiative was, or the other way, is the milestone).
fn narrowest<'r>(a: &[&'r str], b: &[&'r str]) -> Vec<&'r str> {
    let mut out: Vec<&str> = a.iter().copied().filter(|x| covered_by(b, x)).collect();
    for y in b {
        if covered_by(a, y) && !out.contains(y) {
            out.push(y);
        }
    }
    out
}

/// A figure as a snapshot recorded it and as it is written now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThenNow<T> {
    pub then: T,
    pub now: T,
}

/// A change request approved in a snapshot and rewritten since so that it
/// would approve more: a higher amount (or none, which approves any), an
/// item it did not affect, another day of decision. The snapshot's record
/// is what counts (see [`Approvals`]); this says why the edit changed
/// nothing, and that the record of a decision was rewritten.
#[derive(Debug, Clone, Serialize)]
pub struct RewrittenApproval {
    pub id: Sym,
    /// The first snapshot that had it approved, and its day.
    pub after: String,
    pub as_of: String,
    /// A later snapshot that lowered an amount the first recorded: the
    /// amounts in `then` are its.
    pub lowered_in: Option<String>,
    /// `then: None`: the record approved no money (it stated only
    /// `delay_days`); `now: None`: no amount, which approves any.
    pub budget_increase: Option<ThenNow<Option<f64>>>,
    /// As `budget_increase`, for dates.
    pub delay_days: Option<ThenNow<Option<i64>>>,
    /// What it affects now and did not then.
    pub affects_added: Vec<String>,
    /// The day decided (`decided:`, else `date:`), as written.
    pub decided: Option<ThenNow<String>>,
}

/// The working tree's approved change requests rewritten, since the first
/// snapshot that had them approved, to approve more (see
/// [`RewrittenApproval`]).
fn rewritten_approvals(points: &[Point]) -> Vec<RewrittenApproval> {
    let Some((current, before)) = points.split_last() else {
        return Vec::new();
    };
    let written = |c: &crate::model::Change| {
        c.decided
            .as_ref()
            .map_or_else(|| c.date.written.to_string(), |d| d.written.to_string())
    };
    let mut out = Vec::new();
    for c in current
        .roadmap
        .changes
        .iter()
        .filter(|c| c.status == "approved")
    {
        let Some(record) = approved_record(&c.meta.id, before) else {
            continue;
        };
        let (k, then) = (record.first, record.then);
        let (money, days) = kinds(c);
        // A stated amount raised, or taken out (no amount approves any);
        // or a kind of change the record did not approve approved now.
        let budget = match (record.budget_increase, c.budget_increase) {
            _ if !record.money && money => Some(ThenNow {
                then: None,
                now: c.budget_increase,
            }),
            // Taken out beside a `delay_days`, it approves no money: less.
            (Some(was), now)
                if (now.is_none() && money)
                    || now.is_some_and(|now| money_needs_decision(now - was)) =>
            {
                Some(ThenNow {
                    then: Some(was),
                    now,
                })
            }
            _ => None,
        };
        let delay = match (record.delay_days, c.delay_days) {
            _ if !record.days && days => Some(ThenNow {
                then: None,
                now: c.delay_days,
            }),
            (Some(was), now) if (now.is_none() && days) || now.is_some_and(|now| now > was) => {
                Some(ThenNow {
                    then: Some(was),
                    now,
                })
            }
            _ => None,
        };
        let affects_added: Vec<String> = c
            .affects
            .iter()
            .filter(|a| !covered_by(&record.affects, a))
            .cloned()
            .collect();
        let decided = (decided_on(then) != decided_on(c)).then(|| ThenNow {
            then: written(then),
            now: written(c),
        });
        if budget.is_none() && delay.is_none() && affects_added.is_empty() && decided.is_none() {
            continue;
        }
        out.push(RewrittenApproval {
            id: Sym::from(c.meta.id.as_str()),
            after: before[k].name.to_string(),
            as_of: crate::base::date::iso(before[k].today),
            lowered_in: record.lowered_in.map(|k| before[k].name.to_string()),
            budget_increase: budget,
            delay_days: delay,
            affects_added,
            decided,
        });
    }
    out
}

/// The working tree's approved change requests, by each item they affect:
/// they are asked about every milestone, and scanning all of them each time
/// added up at 10,000 initiatives.
struct Approvals<'r> {
    /// Affected id → (day decided, change id).
    by_item: HashMap<&'r str, Vec<(Day, &'r str)>>,
    /// Change id → the `budget_increase` it states: the most it approves
    /// of a rise of each initiative's budget.
    budget_increase: HashMap<&'r str, f64>,
    /// Change id → the `delay_days` it states: the most it approves of one
    /// move of a date later.
    delay_days: HashMap<&'r str, i64>,
    /// (change id, money): the kind of change its record did not approve
    /// (money, else dates), whatever it states now.
    barred: std::collections::HashSet<(&'r str, bool)>,
    /// Change id → the day it counts as decided.
    decided: HashMap<&'r str, Day>,
}

impl<'r> Approvals<'r> {
    /// The approvals of the last point, judged against the points before
    /// it. A decision dated after `today` is not taken yet: it approves
    /// nothing (`done-in-the-future` says so). One dated a snapshot's own
    /// day (as `roadbook new change` dates it on the day a quarter is
    /// closed) and on record, approved, in that snapshot was taken before
    /// it: counted as decided after the snapshot too, it took the credit
    /// of a later move while the move it was made for went unapproved.
    fn of(points: &[Point<'r>]) -> Approvals<'r> {
        let mut by_item: HashMap<&str, Vec<(Day, &str)>> = HashMap::new();
        let mut budget_increase = HashMap::new();
        let mut delay_days = HashMap::new();
        let mut barred = std::collections::HashSet::new();
        let mut decided = HashMap::new();
        let Some((current, before)) = points.split_last() else {
            return Approvals {
                by_item,
                budget_increase,
                delay_days,
                barred,
                decided,
            };
        };
        for c in current
            .roadmap
            .changes
            .iter()
            .filter(|c| c.status == "approved" && c.decision_begins() <= current.today)
        {
            let id = c.meta.id.as_str();
            let mut day = decided_on(c);
            let (mut budget, mut delay) = (c.budget_increase, c.delay_days);
            let mut affects: Vec<&str> = c.affects.iter().map(String::as_str).collect();
            if let Some(record) = approved_record(id, before) {
                let (k, then) = (record.first, record.then);
                // What it had on record, approved, is what was decided:
                // raised since, an amount would clear a finding a quarter's
                // site showed, with nothing in the period to say so; so
                // would an item added to `affects`, or the decision dated
                // again (`approval-rewritten` says so). Lowered (a
                // correction), the lower stands; an item taken out is out.
                budget = smaller(budget, record.budget_increase);
                delay = smaller(delay, record.delay_days);
                affects = narrowest(&record.affects, &affects);
                // What it approves now, narrower (an amount taken out
                // beside another: only the other's kind), counts too.
                let (money, days) = kinds(c);
                for (kind, approved) in
                    [(true, record.money && money), (false, record.days && days)]
                {
                    if !approved {
                        barred.insert((id, kind));
                    }
                }
                day = decided_on(then);
                // Taken as decided the day before that snapshot, so no move
                // after it is covered; but not before the snapshot before
                // it, whose moves it may cover (two snapshots of one day,
                // as a walk-through takes them, are told apart by nothing
                // finer than the day).
                // (One dated after the snapshot holding it was not in force
                // there: its own day stands.)
                let snapshot = before[k].today;
                if day == snapshot {
                    let eve = snapshot.yesterday().unwrap_or(snapshot);
                    day = match k.checked_sub(1) {
                        Some(previous) => eve.max(before[previous].today),
                        None => eve,
                    };
                }
            }
            // A snapshot had it undecided: decided after that day, whatever
            // day it is dated (`backdated-approval` says so).
            if let Some(u) = undecided_in(id, before) {
                day = day.max(before[u].today);
            }
            decided.insert(id, day);
            for affected in affects {
                by_item.entry(affected).or_default().push((day, id));
            }
            if let Some(amount) = budget {
                budget_increase.insert(id, amount);
            }
            if let Some(days) = delay {
                delay_days.insert(id, days);
            }
        }
        Approvals {
            by_item,
            budget_increase,
            delay_days,
            barred,
            decided,
        }
    }

    /// Whether the approval `change` approves anything of a money figure
    /// (`money`) or a date: a request that states an amount for the one and
    /// none for the other approves what it states (a budget request
    /// matched to a move of months took it whole, and the move's own
    /// request, stating its days, went unused).
    fn applies(&self, change: &str, money: bool) -> bool {
        if self.barred.contains(&(change, money)) {
            return false;
        }
        let (budget, delay) = (
            self.budget_increase.contains_key(change),
            self.delay_days.contains_key(change),
        );
        if money {
            budget || !delay
        } else {
            delay || !budget
        }
    }

    /// Whether the approval `change` can approve a restated figure: one
    /// that states an amount (`budget_increase`, `delay_days`) approves
    /// what it states, and a budget request approved two quarters later
    /// cleared a spend figure written down that no one had seen.
    fn approves_restatement(&self, change: &str) -> bool {
        !self.budget_increase.contains_key(change)
            && !self.delay_days.contains_key(change)
            && !self.barred.contains(&(change, true))
            && !self.barred.contains(&(change, false))
    }

    /// What the approval `change` grants of one rise of a figure, in its
    /// unit (`None`: all of it).
    fn grant(&self, change: &str, amount: Amount) -> Option<f64> {
        match amount {
            Amount::Money => self.budget_grant(change),
            Amount::Days => self.delay_grant(change).map(|d| d as f64),
        }
    }

    /// The most days later the approval `change` lets one move of a date
    /// go; `None`: it states none, and covers the whole move.
    fn delay_grant(&self, change: &str) -> Option<i64> {
        self.delay_days.get(change).copied()
    }

    /// The most the approval `change` grants of a rise of a budget; `None`:
    /// it states no amount, and covers the whole rise.
    fn budget_grant(&self, change: &str) -> Option<f64> {
        self.budget_increase.get(change).copied()
    }

    /// Those affecting the milestone or its initiative, each once: those
    /// naming the milestone itself first, then those of its initiative,
    /// each group earliest decision first. A request written for the
    /// milestone is its approval before one for its whole initiative (a
    /// re-plan decided earlier took the milestone's move, and the request
    /// written for it matched nothing).
    fn affecting(&self, gid: &str, initiative: &str) -> Vec<(Day, &'r str)> {
        let of = |id: &str| -> Vec<(Day, &'r str)> {
            let mut found = self.by_item.get(id).cloned().unwrap_or_default();
            // Change ids are unique: equal pairs are one change, named twice.
            found.sort();
            found.dedup();
            found
        };
        let mut found = of(gid);
        let own = found.len();
        if initiative != gid {
            for x in of(initiative) {
                if !found[..own].contains(&x) {
                    found.push(x);
                }
            }
        }
        found
    }

    /// Whether the request `change` names the item `gid` itself.
    fn names(&self, gid: &str, change: &str) -> bool {
        self.by_item
            .get(gid)
            .is_some_and(|found| found.iter().any(|(_, c)| *c == change))
    }

    /// One affecting the item `id` itself (a KPI, or an initiative's money),
    /// decided on or after `since`.
    fn approving(&self, id: &str, since: Day) -> Option<Sym> {
        self.acknowledging(id, id, Some(since))
    }

    /// One affecting the milestone or its initiative, decided on or after
    /// `since`, that approves `amount`'s figure (a request stating only
    /// money approves no date, nor the other way), with what of a change of
    /// `size` it leaves uncovered where that needs a decision (`exceeds`).
    /// For changes the history does not follow: judged by their row alone.
    fn approving_alone(
        &self,
        (gid, initiative): (&str, &str),
        since: Day,
        amount: Amount,
        size: f64,
        exceeds: &dyn Fn(f64) -> bool,
    ) -> Option<RiseApproval> {
        let (_, by) = self
            .affecting(gid, initiative)
            .into_iter()
            .find(|(day, c)| *day >= since && self.applies(c, amount == Amount::Money))?;
        let short = self
            .grant(by, amount)
            .map(|g| size - g)
            .filter(|rest| exceeds(*rest));
        Some(RiseApproval {
            by: Sym::from(by),
            more: Vec::new(),
            short,
        })
    }

    /// One naming the milestone itself, decided on or after `since`, that
    /// can confirm the day it was done: a request on its initiative
    /// confirms no one milestone's day, and one stating only money no date
    /// (either wiped `backdated-done` and counted a late delivery on time).
    fn confirming_done(&self, gid: &str, since: Day) -> Option<Sym> {
        self.affecting(gid, gid)
            .into_iter()
            .find(|(day, c)| *day >= since && self.applies(c, false))
            .map(|(_, id)| Sym::from(id))
    }

    /// One affecting the milestone or its initiative, decided on or after
    /// `since`, that `fits`: one decided by `until` first (in the order of
    /// [`Approvals::affecting`]), else a later one.
    fn decided_in_period(
        &self,
        (gid, initiative): (&str, &str),
        since: Day,
        until: Day,
        fits: impl Fn(&str) -> bool,
    ) -> Option<Sym> {
        let found: Vec<(Day, &str)> = self
            .affecting(gid, initiative)
            .into_iter()
            .filter(|(day, c)| *day >= since && fits(c))
            .collect();
        found
            .iter()
            .find(|(day, _)| *day <= until)
            .or(found.first())
            .map(|(_, id)| Sym::from(*id))
    }

    /// One affecting the milestone or its initiative, decided on or after
    /// `since`.
    fn acknowledging(&self, gid: &str, initiative: &str, since: Option<Day>) -> Option<Sym> {
        self.affecting(gid, initiative)
            .into_iter()
            .find(|(day, _)| since.is_none_or(|s| *day >= s))
            .map(|(_, id)| Sym::from(id))
    }
}

/// What a request's amount is of: money (`budget_increase`) or days later
/// (`delay_days`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Amount {
    Money,
    Days,
}

/// The smaller of two amounts a request stated, `None` being no limit.
fn smaller<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b < a { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The approval matched to a move, whether the move needed one, and the
/// days of it the approvals matched to it leave uncovered.
/// The approval of one move: the request matched to it, whether the move
/// needed one, the days it leaves unapproved, and the requests decided
/// later that topped it up (the move took several decisions).
#[derive(Debug, Clone)]
struct MoveAck {
    by: Option<Sym>,
    needs: bool,
    short: Option<i64>,
    more: Vec<Sym>,
}

/// A change of a milestone's due date: between two points in which it
/// appears (`older` indexes the points), or, with a `baseline:` field no
/// snapshot shows, from that baseline to the first date a snapshot saw
/// (`older` is `None`: it happened before the history began, and any
/// approval covers it).
struct DueMove {
    older: Option<usize>,
    from: Day,
    to: Day,
    from_written: Sym,
    to_written: Sym,
    needs_decision: bool,
    acknowledged_by: Option<Sym>,
    /// The days `acknowledged_by` approves when it states fewer than the
    /// move took beyond the tolerance (its `delay_days`): the rest of the
    /// move has no approval.
    granted: Option<i64>,
    /// The requests decided later that topped up `acknowledged_by`'s days.
    more: Vec<Sym>,
}

impl DueMove {
    /// The latest date the decisions on it let the milestone stand at: its
    /// new date when approved in full, `from` plus the days granted when
    /// approved in part, `from` when not approved at all.
    fn approved_to(&self) -> Day {
        match (self.acknowledged_by, self.granted) {
            (Some(_), None) => self.to,
            (Some(_), Some(days)) => crate::analysis::add_days(self.from, days),
            (None, _) => self.from,
        }
    }

    /// Approved in full.
    fn approved(&self) -> bool {
        self.acknowledged_by.is_some() && self.granted.is_none()
    }
}

/// Each move of one milestone, with the change request that acknowledges
/// it. When the slip as a whole is beyond the tolerance, a move later by
/// more than the tolerance needs a decision of its own, taken after the
/// snapshot that last showed the old date; when none does but together they
/// do (moved a little at a time), the latest later move needs it. One
/// approval covers one move: matched from the latest move back, each taking
/// the earliest approval not yet taken that was decided late enough. An
/// earlier move accepts every approval a later one does, so any choice
/// covers as many moves as can be; the earliest keeps a move's approval
/// where it was once on record: a request approved later (another move, a
/// re-plan of the initiative) does not take the credit of a closed period.
/// `approvals`: those affecting the milestone or its initiative, the
/// `specific` first of them naming the milestone itself, each group
/// earliest decision first; `grant`, the days one approves of a move
/// (`None`: all).
fn moves_of(
    points: &[Point],
    (approvals, specific): (&[(Day, &str)], usize),
    grant: &dyn Fn(&str) -> Option<i64>,
    seen: &[Option<&crate::model::Milestone>],
    baseline_field: Option<&crate::base::date::Date>,
    total_days: i64,
    tolerance_days: i64,
) -> Vec<DueMove> {
    let present: Vec<(usize, &crate::model::Milestone)> = seen
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, (*m)?)))
        .collect();
    let mut moves = Vec::new();
    // A `baseline:` field re-baselines: moves before the date last stood at
    // it are history the baseline replaced; if no snapshot shows it, the
    // way from it to the first date seen is one move of its own.
    let mut from_index = 0;
    if let Some(b) = baseline_field {
        match present.iter().rposition(|(_, m)| m.due.day == b.day) {
            Some(k) => from_index = k,
            None => {
                if let Some((_, first)) = present.first().filter(|(_, m)| m.due.day != b.day) {
                    moves.push(DueMove {
                        older: None,
                        from: b.day,
                        to: first.due.day,
                        from_written: b.written.as_str().into(),
                        to_written: first.due.written.as_str().into(),
                        needs_decision: false,
                        acknowledged_by: None,
                        granted: None,
                        more: Vec::new(),
                    });
                }
            }
        }
    }
    for pair in present[from_index.min(present.len())..].windows(2) {
        let ((older, prev), (_, m)) = (pair[0], pair[1]);
        if prev.due.day != m.due.day {
            moves.push(DueMove {
                older: Some(older),
                from: prev.due.day,
                to: m.due.day,
                from_written: prev.due.written.as_str().into(),
                to_written: m.due.written.as_str().into(),
                needs_decision: false,
                acknowledged_by: None,
                granted: None,
                more: Vec::new(),
            });
        }
    }
    if total_days > tolerance_days {
        for mv in &mut moves {
            mv.needs_decision = days_between(mv.from, mv.to) > tolerance_days;
        }
        if !moves.iter().any(|m| m.needs_decision) {
            if let Some(latest) = moves.iter_mut().rev().find(|m| m.to > m.from) {
                latest.needs_decision = true;
            }
        }
    }
    let since = |mv: &DueMove| mv.older.map(|i| points[i].today);
    let covers = |day: Day, mv: &DueMove| since(mv).is_none_or(|s| day >= s);
    let days: Vec<Day> = approvals.iter().map(|(day, _)| *day).collect();
    let mut taken = vec![false; approvals.len()];
    let needing: Vec<Option<Day>> = moves
        .iter()
        .filter(|m| m.needs_decision)
        .map(since)
        .collect();
    // The requests naming the milestone are paired first, those of the
    // initiative with the moves they left.
    let mut paired: Vec<Option<usize>> = vec![None; needing.len()];
    for group in [0..specific, specific..approvals.len()] {
        let left: Vec<usize> = (0..needing.len())
            .filter(|&p| paired[p].is_none())
            .collect();
        let since: Vec<Option<Day>> = left.iter().map(|&p| needing[p]).collect();
        let got = pair_approvals(&since, &days[group.clone()], &mut taken[group.clone()]);
        for (&p, k) in left.iter().zip(got) {
            paired[p] = k.map(|k| group.start + k);
        }
    }
    let mut primary: Vec<(usize, usize, usize)> = (0..moves.len())
        .filter(|&i| moves[i].needs_decision)
        .zip(paired)
        .filter_map(|(i, k)| Some((i, i, k?)))
        .collect();
    fit_amounts(
        &mut primary,
        &|j, i| covers(approvals[j].0, &moves[i]),
        &|i, j| {
            let rest =
                grant(approvals[j].1).map_or(0, |g| days_between(moves[i].from, moves[i].to) - g);
            if rest > tolerance_days {
                rest as f64
            } else {
                0.0
            }
        },
    );
    let chosen: HashMap<usize, usize> = primary.iter().map(|&(i, _, k)| (i, k)).collect();
    for (i, mv) in moves
        .iter_mut()
        .enumerate()
        .filter(|(_, m)| m.needs_decision)
    {
        let k = chosen.get(&i).copied();
        mv.acknowledged_by = k.map(|k| Sym::from(approvals[k].1));
        // Approved for fewer days than it took: the rest, beyond the
        // tolerance, still needs a decision; approvals no move took,
        // decided late enough, top it up (the decision on the rest,
        // recorded as a request of its own).
        let short = |granted: &Option<i64>| {
            granted.is_some_and(|g| days_between(mv.from, mv.to) - g > tolerance_days)
        };
        mv.granted = k.and_then(|k| grant(approvals[k].1));
        while k.is_some() && short(&mv.granted) {
            let Some(j) = (0..approvals.len()).find(|&j| !taken[j] && covers(approvals[j].0, mv))
            else {
                break;
            };
            taken[j] = true;
            mv.more.push(Sym::from(approvals[j].1));
            mv.granted = grant(approvals[j].1).and_then(|more| mv.granted.map(|g| g + more));
        }
        if !short(&mv.granted) {
            mv.granted = None;
        }
    }
    // A move later that needs no decision still names one that covers it,
    // if one is left: an approval stands for one move only. A move pulled
    // in is nobody's approval (a request listed "-39 days" among what it
    // approved).
    for mv in moves
        .iter_mut()
        .filter(|m| !m.needs_decision && m.to > m.from)
    {
        if let Some(k) = (0..approvals.len()).find(|&k| !taken[k] && covers(approvals[k].0, mv)) {
            taken[k] = true;
            mv.acknowledged_by = Some(Sym::from(approvals[k].1));
        }
    }
    moves
}

fn milestones(r: &Roadmap) -> BTreeMap<&str, (&Initiative, &crate::model::Milestone)> {
    r.initiatives
        .iter()
        .flat_map(|i| {
            let i = &**i;
            i.milestones.iter().map(move |m| (m.gid.as_str(), (i, m)))
        })
        .collect()
}

/// What the history says of one milestone of the working tree.
struct MilestoneHistory<'a> {
    gid: &'a str,
    /// Its due date as each point wrote it.
    dates: DateTrail,
    baseline: Baseline,
    /// Done, and whether by the date first promised.
    kept: Option<bool>,
    /// The approval of each move out of an older point, and whether the
    /// move needed one.
    acks: Vec<(usize, MoveAck)>,
    slip: Option<Slip>,
}

/// Every milestone of the last of `points` through the history, in order,
/// each as `keep` makes it of its history (made on every core, so
/// `keep` keeps what the caller needs and no more of them is held).
/// `wanted` leaves out, before any work, milestones the caller has no use
/// for (as each point has it, and as the last one has it).
fn milestone_histories<'p, T: Send>(
    points: &[Point<'p>],
    approvals: &Approvals,
    tolerance_days: i64,
    wanted: impl Fn(&[Option<&crate::model::Milestone>], &Initiative, &crate::model::Milestone) -> bool
        + Sync,
    keep: impl Fn(MilestoneHistory<'p>) -> T + Sync,
) -> Vec<T> {
    let Some(current) = points.last() else {
        return Vec::new();
    };
    // Each milestone's own history stands alone: all of them at once, then
    // gathered in order. Each initiative is looked up once per point and
    // its milestones found in it: looking every milestone up in every
    // point's map, memory-bound, was most of the milestones' histories at
    // 10,000 initiatives.
    let at_points: HashMap<&str, Vec<Option<&Initiative>>> = current
        .roadmap
        .initiatives
        .par_iter()
        .map(|i| {
            let id = i.meta.id.as_str();
            (
                id,
                points.iter().map(|p| p.roadmap.initiative(id)).collect(),
            )
        })
        .collect();
    let now: Vec<(&str, (&Initiative, &crate::model::Milestone))> =
        milestones(current.roadmap).into_iter().collect();
    now.par_iter()
        .filter_map(|&(gid, (init, m))| {
            let seen: Vec<Option<&crate::model::Milestone>> = at_points[init.meta.id.as_str()]
                .iter()
                .map(|i| i.and_then(|i| i.milestones.iter().find(|o| o.id == m.id)))
                .collect();
            if !wanted(&seen, init, m) {
                return None;
            }
            Some(keep(milestone_history(
                points,
                approvals,
                &seen,
                gid,
                init,
                m,
                tolerance_days,
            )))
        })
        .collect()
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
    let wanted = |seen: &[Option<&crate::model::Milestone>],
                  init: &Initiative,
                  m: &crate::model::Milestone| {
        if may_have_moved(seen, m) {
            return true;
        }
        if let Some(done) = m.done.as_ref().filter(|_| !init.is_backlog()) {
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
            .contains(one.gid)
            .then_some((Sym::from(one.gid), one.baseline.day));
        (slip, one.kept, baseline)
    });
    let mut promises = (unmoved_kept.into_inner(), unmoved_done.into_inner());
    let mut slips: Vec<Slip> = Vec::new();
    let mut baselines: HashMap<Sym, Day> = HashMap::new();
    for (slip, kept, baseline) in judged {
        slips.extend(slip);
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
        rewritten_approvals,
        raid,
        promises,
        open_cancellations: open_cancellations(points, &approvals),
        open_retirements: open_retirements(points, &approvals),
        open_unlinked: open_unlinked(points, &approvals),
        open_loosened: open_loosened(points, &approvals),
        open_revisions: revision_trails(points, &approvals).1,
        removed_live: removed_live(points),
        removed_kpis: removed_kpis(points),
        removed_risks: removed_risks(points),
        removed_changes: removed_changes(points),
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
    /// Approvals rewritten since a snapshot before it recorded them, as of
    /// its day (its findings page, dashboard and brief left them out).
    pub rewritten_approvals: Vec<RewrittenApproval>,
    /// Its RAID items through the snapshots up to it.
    pub raid: RaidLog,
    /// Scope changes and latent slips no approved change request covered,
    /// as of its day.
    pub open_scope: Vec<ScopeChange>,
    pub open_latent: Vec<Latent>,
    /// Promises kept and milestones done, as of its day (see
    /// [`History::promises`]).
    pub promises: (usize, usize),
    /// Cancellations, KPIs retired, taken off an outcome or given a
    /// looser target, and reported figures restated, that stood with no
    /// approved change request as of its day: its findings, the spend
    /// and targets it is judged by (its brief read EUR 660 k spent and 6
    /// decisions where the brief sent that day read EUR 680 k and 11).
    pub open_cancellations: Vec<Cancellation>,
    pub open_retirements: Vec<KpiRetirement>,
    pub open_unlinked: Vec<KpiUnlinked>,
    pub open_loosened: Vec<TargetLoosened>,
    pub open_revisions: Vec<FigureRevision>,
    /// Records a snapshot before it had whose files it no longer has, as
    /// of its day (its findings and brief counted none of them).
    pub removed_live: Vec<RemovedInitiative>,
    pub removed_kpis: Vec<RemovedKpi>,
    pub removed_risks: Vec<RemovedRisk>,
    pub removed_changes: Vec<RemovedChange>,
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
    /// Reported figures restated with no approved change request.
    fn open_revisions(&self) -> &[FigureRevision];

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
    fn open_revisions(&self) -> &[FigureRevision] {
        &self.open_revisions
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
    fn open_revisions(&self) -> &[FigureRevision] {
        &self.open_revisions
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

/// One milestone of the working tree through the history. `seen`: the
/// milestone as each point has it.
fn milestone_history<'a>(
    points: &[Point],
    approvals: &Approvals,
    seen: &[Option<&crate::model::Milestone>],
    gid: &'a str,
    init: &Initiative,
    m: &crate::model::Milestone,
    tolerance_days: i64,
) -> MilestoneHistory<'a> {
    let snapshots = &points[..points.len() - 1];
    let dates = DateTrail::of(seen.iter().map(|m| m.map(|m| m.due.written.as_str())));
    // A `baseline:` re-baselines only as a decision: written, changed or
    // removed since a snapshot, it counts once an approved change request
    // affecting the milestone or its initiative is decided after that
    // snapshot, when it makes the baseline later (only a later baseline
    // hides anything). Until then the baseline that snapshot had stays in
    // force: its field, else the history's own (the oldest due seen).
    // Otherwise one line would wipe a slip out of every page.
    let baseline_day = |m: &crate::model::Milestone| m.baseline.as_ref().map(|b| b.day);
    let changed_after = snapshots.iter().zip(seen).rev().find_map(|(p, old)| {
        old.filter(|old| baseline_day(old) != baseline_day(m))
            .map(|old| (p, old))
    });
    let first_seen = seen
        .iter()
        .flatten()
        .next()
        .map_or(m.due.day, |old| old.due.day);
    let in_force = |b: Option<&crate::base::date::Date>| b.map_or(first_seen, |b| b.day);
    let baseline_unapproved = match changed_after {
        Some((after, old))
            if in_force(m.baseline.as_ref()) > in_force(old.baseline.as_ref())
                && approvals
                    .acknowledging(gid, &init.meta.id, Some(after.today))
                    .is_none() =>
        {
            let written = m
                .baseline
                .as_ref()
                .map_or_else(|| "(removed)".to_string(), |b| b.written.to_string());
            Some((
                Sym::from(written.as_str()),
                Sym::from(after.name),
                old.baseline.as_ref(),
            ))
        }
        _ => None,
    };
    let baseline_field = match &baseline_unapproved {
        Some((_, _, prior)) => *prior,
        None => m.baseline.as_ref(),
    };
    let baseline_unapproved = baseline_unapproved.map(|(written, after, _)| (written, after));
    let (day, written, source) = match baseline_field {
        Some(b) => (
            b.day,
            Sym::from(b.written.as_str()),
            Sym::new("baseline field"),
        ),
        None => match snapshots
            .iter()
            .zip(seen)
            .find_map(|(p, old)| old.map(|old| (p, old)))
        {
            Some((p, old)) => (
                old.due.day,
                Sym::from(old.due.written.as_str()),
                Sym::new(&format!("snapshot {}", p.name)),
            ),
            None => (
                m.due.day,
                Sym::from(m.due.written.as_str()),
                Sym::new("current"),
            ),
        },
    };
    let baseline = Baseline {
        day,
        written,
        source,
    };
    // Promise keeping: done by the date first promised. Of the work the
    // delivery metrics count (not backlog; of cancelled work, what it
    // delivered), so the rate and "done on time" beside it are of one set
    // of milestones. Only milestones done are counted here.
    let counted = !init.is_backlog();
    let kept = m
        .done
        .as_ref()
        .filter(|_| counted)
        .map(|done| done.day <= day);
    let days = days_between(day, m.due.day);
    let affecting: Vec<(Day, &str)> = approvals
        .affecting(gid, &init.meta.id)
        .into_iter()
        .filter(|(_, c)| approvals.applies(c, false))
        .collect();
    let specific = affecting
        .iter()
        .take_while(|(_, c)| approvals.names(gid, c))
        .count();
    let moves = moves_of(
        points,
        (&affecting, specific),
        &|change| approvals.delay_grant(change),
        seen,
        baseline_field,
        days,
        tolerance_days,
    );
    let acks = moves
        .iter()
        .filter_map(|mv| {
            let ack = MoveAck {
                by: mv.acknowledged_by,
                needs: mv.needs_decision,
                short: mv.granted.map(|g| days_between(mv.from, mv.to) - g),
                more: mv.more.clone(),
            };
            Some((mv.older?, ack))
        })
        .collect();
    let slip = (m.due.day != day).then(|| {
        let last_old = snapshots
            .iter()
            .zip(seen)
            .rev()
            .find(|(_, old)| old.is_some_and(|old| old.due.day != m.due.day))
            .map(|(p, _)| Sym::from(p.name));
        // A move nobody approved, taken back since (a later date, or the
        // date now, at or before the one it moved from, or within the days
        // approved of it, give or take the tolerance), hides nothing: the
        // plan went back where it was approved. It stood as a finding for
        // good.
        // The earliest date the milestone stood at after move `i`.
        let lowest_after = |i: usize| {
            moves[i + 1..]
                .iter()
                .map(|later| later.to)
                .fold(m.due.day, Day::min)
        };
        // A move the work made unneeded (done by the date it moved from,
        // or within what was approved of it) hides nothing either.
        let done_by = |date: Day| {
            m.done
                .as_ref()
                .is_some_and(|d| days_between(date, d.day) <= tolerance_days)
        };
        let taken_back = |i: usize, mv: &DueMove| {
            let lowest = lowest_after(i);
            (lowest < mv.to && days_between(mv.approved_to(), lowest) <= tolerance_days)
                || done_by(mv.approved_to())
        };
        // A move approved in part and taken back within what was approved
        // keeps its approval: it stands approved.
        let needing_at: Vec<(usize, &DueMove)> = moves
            .iter()
            .enumerate()
            .filter(|(_, mv)| mv.needs_decision)
            .filter(|&(i, mv)| mv.acknowledged_by.is_some() || !taken_back(i, mv))
            .collect();
        let needing: Vec<&DueMove> = needing_at.iter().map(|&(_, mv)| mv).collect();
        let acknowledged_by = match needing.last() {
            Some(latest) => latest.acknowledged_by,
            // No snapshot saw it move (a `baseline:` field): any
            // approval affecting it.
            None if moves.is_empty() => approvals.acknowledging(gid, &init.meta.id, None),
            None => moves.iter().rev().find_map(|m| m.acknowledged_by),
        };
        let committed = moves
            .iter()
            .rev()
            .find(|m| m.acknowledged_by.is_some())
            .map_or(day, DueMove::approved_to);
        // What stands of each: from where it was approved to, or from, to
        // the earliest date since (a move partly taken back).
        let mut unacknowledged: Vec<UnapprovedMove> = needing_at
            .iter()
            .filter(|&&(i, mv)| !mv.approved() && !taken_back(i, mv))
            .map(|&(i, mv)| UnapprovedMove {
                from: mv.from_written,
                to: mv.to_written,
                to_day: mv.to,
                days: days_between(mv.approved_to(), lowest_after(i).min(mv.to)),
                moved: days_between(mv.from, mv.to),
                after: mv.older.map(|i| Sym::from(points[i].name)),
                approved_by: mv.acknowledged_by,
                approved_days: mv.granted.unwrap_or(0),
            })
            .collect();
        // Collected from a filter, room for four: most slips have one
        // move, and every archived version keeps its unapproved slips for
        // the whole build (at 10,000 initiatives with 8 snapshots, 124,000
        // of them, 12 MB of spare room).
        unacknowledged.shrink_to_fit();
        Slip {
            gid: gid.into(),
            initiative: init.meta.id.as_str().into(),
            baseline: day,
            due: m.due.day,
            days,
            // Done by its baseline, it slipped in name only.
            needs_ack: days > tolerance_days && !done_by(day),
            acknowledged_by,
            last_old,
            unacknowledged,
            baseline_unapproved,
            committed,
            baseline_written: written,
        }
    });
    MilestoneHistory {
        gid,
        dates,
        baseline,
        kept,
        acks,
        slip,
    }
}

/// `points` oldest first; the last is the working tree. `archived`: the
/// snapshots' own pairs already compared (see [`compare_all`]), kept by a
/// caller that builds again over the same snapshots; only the pair the
/// working tree ends is then compared here.
pub fn analyse(points: &[Point], tolerance_days: i64, archived: Option<&[Diff]>) -> History {
    let mut h = History {
        points: points
            .iter()
            .map(|p| (p.name.to_string(), p.today))
            .collect(),
        ..Default::default()
    };
    let Some(current) = points.last() else {
        return h;
    };
    // The pairs compared, each standing alone, beside the milestones'
    // histories.
    let kept = archived.filter(|a| a.len() + 2 == points.len());
    let approvals = Approvals::of(points);
    let (compared, each) = rayon::join(
        || match kept {
            Some(kept) => {
                let mut all = kept.to_vec();
                all.extend(compare_all(&points[kept.len()..]));
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
    );
    // (milestone, older point) → the approval of that move, and whether it
    // needed one.
    // Sized at once: grown one insert at a time, its rehashing was about
    // a tenth of a `serve` rebuild's history at 10,000 initiatives.
    let mut move_acks: HashMap<(&str, usize), MoveAck> =
        HashMap::with_capacity(each.iter().map(|one| one.acks.len()).sum());
    // Maps made at once: filled one entry at a time, their nodes are left
    // about half full.
    let mut dates = Vec::with_capacity(each.len());
    let mut baselines = Vec::with_capacity(each.len());
    for one in each {
        let gid = one.gid;
        dates.push((Sym::from(gid), one.dates));
        baselines.push((Sym::from(gid), one.baseline));
        if let Some(kept) = one.kept {
            h.promises.1 += 1;
            h.promises.0 += usize::from(kept);
        }
        let named = one.slip.as_ref().and_then(|s| s.acknowledged_by);
        for (older, ack) in one.acks {
            if named.is_some() && ack.by == named && !ack.more.is_empty() {
                h.slip_top_ups.insert(Sym::from(gid), ack.more.clone());
            }
            move_acks.insert((gid, older), ack);
        }
        h.slips.extend(one.slip);
    }
    h.dates = dates.into_iter().collect();
    h.baselines = baselines.into_iter().collect();
    h.raid = RaidLog::of(points);

    h.slip_index = h
        .slips
        .iter()
        .enumerate()
        .map(|(i, s)| (s.gid, i))
        .collect();
    let budget_acks = rise_acks(
        points,
        &approvals,
        current.roadmap,
        budget_figure(points),
        money_rise,
        money_needs_decision,
        Amount::Money,
    );
    let end_acks = rise_acks(
        points,
        &approvals,
        current.roadmap,
        end_figure(),
        end_rise,
        |unapproved| unapproved > tolerance_days as f64,
        Amount::Days,
    );
    let (revision_steps, open_revisions) = revision_trails(points, &approvals);
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
            let move_ack = |gid: &str| move_acks.get(&(gid, i)).cloned();
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
                c.first_promised = h
                    .baselines
                    .get(&c.gid)
                    .filter(|b| b.day != c.due_day && Some(b.day) != committed)
                    .map(|b| b.written);
            }
            d
        })
        .collect();
    let (open_scope, open_latent) = standing(points, &h.diffs);
    h.open_scope = open_scope;
    h.open_latent = open_latent;
    h.open_budget = open_budget(points, &approvals, current.roadmap);
    h.open_ends = open_ends(points, &approvals, current.roadmap, tolerance_days);
    // An end moved out a little at a time, each move within the tolerance
    // but together beyond it, stands in the check: its latest later move is
    // the one to decide, on the period's page too (as with milestones).
    for e in &h.open_ends {
        let latest = h
            .diffs
            .iter_mut()
            .flat_map(|d| d.dates.iter_mut())
            .filter(|x| x.id == e.id && x.field == "end" && x.days.is_some_and(|n| n > 0))
            .last();
        if let Some(x) = latest.filter(|x| !x.needs_ack) {
            x.needs_ack = true;
            x.acknowledged_by = None;
        }
    }
    h.removed_live = removed_live(points);
    h.removed_kpis = removed_kpis(points);
    h.removed_risks = removed_risks(points);
    h.removed_changes = removed_changes(points);
    h.open_rephasings = open_rephasings(points, &approvals);
    let (accepted, open): (Vec<Backdated>, Vec<Backdated>) = backdated(points, &approvals)
        .into_iter()
        .partition(|b| b.approved_by.is_some());
    h.open_backdated = open;
    late_by_the_record(&mut h, points);
    overdue_from_committed(&mut h, points);
    accepted_datings(&mut h, &accepted);
    h.open_retirements = open_retirements(points, &approvals);
    h.open_unlinked = open_unlinked(points, &approvals);
    h.open_loosened = open_loosened(points, &approvals);
    h.open_cancellations = open_cancellations(points, &approvals);
    period_approvals(&mut h, points, &approvals);
    h.open_revisions = open_revisions;
    h.rewritten_approvals = rewritten_approvals(points);
    h.backdated_approvals = backdated_approvals(points);
    h.budget_bridge = budget_bridge(points, &h.diffs);
    h.decided = approvals
        .decided
        .iter()
        .map(|(&id, &day)| (Sym::from(id), day))
        .collect();
    let mut diffs = std::mem::take(&mut h.diffs);
    for d in &mut diffs {
        h.mark_approved_later(d);
    }
    h.diffs = diffs;
    let earlier: Vec<Vec<ApprovesEarlier>> =
        h.diffs.iter().map(|d| h.approves_earlier(d)).collect();
    for (d, e) in h.diffs.iter_mut().zip(earlier) {
        d.approves_earlier = e;
    }
    h
}

/// How each step of a KPI figure's history was judged: (the KPI, the
/// figure, the point the step leads to) → (whether it needed a decision,
/// the approval that covers it).
type RevisionSteps = HashMap<(String, FigureKey, usize), (bool, Option<Sym>)>;

/// Every reported KPI figure of the working tree's KPIs followed across the
/// points: each change from the figure last reported or approved is judged
/// (an approved change request affecting the KPI, decided on or after the
/// version that last showed it; one request covers one point's
/// restatement, every figure it changed, as a slip's request covers one
/// move), and the changes that stand in the working tree.
fn revision_trails(
    points: &[Point],
    approvals: &Approvals,
) -> (RevisionSteps, Vec<FigureRevision>) {
    let Some(current) = points.last() else {
        return Default::default();
    };
    // Each KPI, and each initiative's spend, on its own: at 1,000 KPIs of
    // monthly figures over 9 versions, 80 ms on one core.
    let kpis = current.roadmap.kpis.iter().map(|k| (&k.meta, Series::Kpi));
    let spend = current
        .roadmap
        .initiatives
        .iter()
        .map(|i| (&i.meta, Series::Spend));
    let items: Vec<(&crate::model::Meta, Series)> = kpis.chain(spend).collect();
    let per_item: Vec<(RevisionSteps, Vec<FigureRevision>)> = items
        .par_iter()
        .map(|(meta, series)| figure_trail(points, approvals, &meta.id, *series))
        .collect();
    let mut steps = RevisionSteps::new();
    let mut open = Vec::new();
    for (s, o) in per_item {
        steps.extend(s);
        open.extend(o);
    }
    (steps, open)
}

/// [`revision_trails`] for one KPI. Each figure's changes are paired with
/// the approvals as a milestone's moves are ([`pair_approvals`]: the
/// latest change first, one request each, decided on or after the version
/// before the change); one request covers the figures changed at the same
/// version. Then the figure is followed: a change back to the figure
/// accepted (reported, or approved since) needs nothing, an approved one
/// is accepted, any other stands until one of those.
fn figure_trail(
    points: &[Point],
    approvals: &Approvals,
    id: &str,
    series: Series,
) -> (RevisionSteps, Vec<FigureRevision>) {
    /// One figure across the points that have the item, from the first that
    /// reported it: (point, value there).
    struct Trail<'a> {
        written: &'a str,
        values: Vec<(usize, Option<f64>)>,
    }
    // A figure the working tree cannot read is an error of its own, not a
    // restatement: judged, a typo in an amount read as a decision to make.
    if points
        .last()
        .is_some_and(|p| series.incomplete(p.roadmap, id))
    {
        return Default::default();
    }
    let mut trails: BTreeMap<FigureKey, Trail> = BTreeMap::new();
    let mut last: Option<usize> = None;
    // Point → the spend figures it carries in a coarser one.
    let mut regrouped: HashMap<usize, HashSet<FigureKey>> = HashMap::new();
    for (k, p) in points.iter().enumerate() {
        let Some(data) = series.of(p.roadmap, id) else {
            continue;
        };
        if let (Series::Spend, Some(before)) = (series, last) {
            let was = series.of(points[before].roadmap, id).unwrap_or_default();
            let moved = regrouped_spend(was, points[before].today, data, p.today);
            if !moved.is_empty() {
                regrouped.insert(k, moved);
            }
        }
        last = Some(k);
        let now: HashMap<FigureKey, f64> = data
            .iter()
            .map(|d| (figure_key(&d.date), d.value))
            .collect();
        for d in data.iter().filter(|d| reported_by(&d.date, p.today)) {
            trails.entry(figure_key(&d.date)).or_insert(Trail {
                written: d.date.written.as_str(),
                values: Vec::new(),
            });
        }
        for (key, t) in trails.iter_mut() {
            t.values.push((k, now.get(key).copied()));
        }
    }
    // Every change of every figure, by the point it happened at: the
    // request paired with a point covers all the figures changed there.
    let mut changed_at: BTreeSet<usize> = BTreeSet::new();
    let moved_into_whole = |key: &FigureKey, k: usize, value: Option<f64>| {
        value.is_none() && regrouped.get(&k).is_some_and(|r| r.contains(key))
    };
    for (key, t) in &trails {
        for w in t.values.windows(2) {
            if w[0].1 != w[1].1 && !moved_into_whole(key, w[1].0, w[1].1) {
                changed_at.insert(w[1].0);
            }
        }
    }
    let changed_at: Vec<usize> = changed_at.into_iter().collect();
    let candidates: Vec<(Day, &str)> = approvals
        .affecting(id, id)
        .into_iter()
        .filter(|(_, c)| approvals.approves_restatement(c))
        .collect();
    let days: Vec<Day> = candidates.iter().map(|(d, _)| *d).collect();
    let since: Vec<Option<Day>> = changed_at
        .iter()
        .map(|&k| {
            // The version before the change: the last that showed the
            // figure as it was.
            let before = points[..k]
                .iter()
                .rposition(|p| series.of(p.roadmap, id).is_some());
            before.map(|b| points[b].today)
        })
        .collect();
    let mut taken = vec![false; days.len()];
    let paired = pair_approvals(&since, &days, &mut taken);
    let approval_at: HashMap<usize, Sym> = changed_at
        .iter()
        .zip(paired)
        .filter_map(|(&k, j)| Some((k, Sym::from(candidates[j?].1))))
        .collect();

    let mut steps = RevisionSteps::new();
    let mut open = Vec::new();
    for (key, t) in &trails {
        let Some(&(first, Some(reported))) = t.values.first() else {
            continue;
        };
        // The figure accepted and the last point that showed it; the last
        // figure reported and where (for one put back after an approved
        // removal); a change that stands: from what, after which point.
        let (mut accepted, mut shown) = (Some(reported), first);
        let (mut reported, mut reported_at) = (reported, first);
        let mut pending: Option<(f64, usize)> = None;
        for w in t.values.windows(2) {
            let (k, value) = w[1];
            // Taken out with approval and back as it was reported: as good
            // as never taken out.
            let restored = accepted.is_none() && value == Some(reported);
            // More spent than reported (a late invoice) hides nothing: it
            // is taken as the amount on record.
            let rose =
                series == Series::Spend && matches!((accepted, value), (Some(a), Some(v)) if v > a);
            if value == accepted || restored || rose {
                if w[0].1 != value && !rose {
                    // Put back as it stood: nothing to decide.
                    steps.insert((id.to_string(), *key, k), (false, None));
                }
                (accepted, shown, pending) = (value, k, None);
                if let Some(v) = value {
                    (reported, reported_at) = (v, k);
                }
                continue;
            }
            if w[0].1 == value {
                continue;
            }
            // Carried in a coarser figure: on record there, where a
            // lowering is a revision of its own. One already lowered
            // stands as it was.
            if moved_into_whole(key, k, value) && pending.is_none() {
                (accepted, shown) = (None, k);
                continue;
            }
            if let Some(cr) = approval_at.get(&k) {
                steps.insert((id.to_string(), *key, k), (true, Some(*cr)));
                (accepted, shown, pending) = (value, k, None);
                if let Some(v) = value {
                    (reported, reported_at) = (v, k);
                }
                continue;
            }
            steps.insert((id.to_string(), *key, k), (true, None));
            if pending.is_none() {
                pending = match accepted {
                    Some(from) => Some((from, shown)),
                    // Taken out with approval, back with another figure.
                    None => Some((reported, reported_at)),
                };
            }
        }
        if last != Some(points.len() - 1) {
            continue;
        }
        if let Some((from, after)) = pending {
            open.push(FigureRevision {
                id: id.to_string(),
                series,
                date: t.written.to_string(),
                from,
                to: t.values.last().and_then(|(_, v)| *v),
                after: points[after].name.to_string(),
                needs_ack: true,
                acknowledged_by: None,
                key: *key,
            });
        }
    }
    (steps, open)
}

/// Initiatives live in the latest snapshot that had them and gone from the
/// working tree (not merely unreadable there).
fn removed_live(points: &[Point]) -> Vec<RemovedInitiative> {
    let gone = last_seen_and_gone(
        points,
        crate::model::Kind::Initiative,
        |r| &r.initiatives,
        |i| &i.meta.id,
    );
    gone.into_iter()
        .filter(|(_, i)| !i.is_closed())
        .map(|(after, i)| RemovedInitiative {
            id: i.meta.id.clone(),
            title: i.meta.title.clone(),
            rel: i.meta.rel.clone(),
            after: after.to_string(),
            milestones: i.milestones.len(),
        })
        .collect()
}

/// The items of `kind` (listed by `items`) a snapshot had and the working
/// tree has not (not merely unreadable there), each as the last snapshot
/// that had it shows it, by id. Empty while a document of `kind` cannot
/// be read: it is missing, not removed.
fn last_seen_and_gone<'p, T>(
    points: &'p [Point<'p>],
    kind: crate::model::Kind,
    items: impl Fn(&'p Roadmap) -> &'p [T],
    id_of: impl Fn(&'p T) -> &'p str,
) -> Vec<(&'p str, &'p T)> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    if !current.roadmap.complete(kind) {
        return Vec::new();
    }
    let mut last_seen: BTreeMap<&str, (&str, &T)> = BTreeMap::new();
    for p in snapshots {
        for x in items(p.roadmap) {
            last_seen.insert(id_of(x), (p.name, x));
        }
    }
    let here = |id: &str| {
        current.roadmap.item_ref(id).is_some_and(|r| r.kind == kind)
            || current.roadmap.unread_ids.contains(id)
    };
    last_seen
        .into_iter()
        .filter(|(id, _)| !here(id))
        .map(|(_, seen)| seen)
        .collect()
}

/// Days a completion may be recorded late, dated before a snapshot that
/// did not have it yet, without question: a team updating the file the
/// week after.
const RECORDED_LATE_DAYS: i64 = 7;

/// The working tree's done milestones whose `done:` falls more than
/// [`RECORDED_LATE_DAYS`] before the day of the latest snapshot that showed
/// them open and due (by the earliest due date a snapshot up to it
/// showed), or before the `done:` a snapshot recorded, with
/// no approved change request affecting them (or their initiative) decided
/// on or after that snapshot's day.
fn open_backdated(points: &[Point], approvals: &Approvals) -> Vec<Backdated> {
    let mut all = backdated(points, approvals);
    all.retain(|b| b.approved_by.is_none());
    all
}

/// The working tree's done milestones dated back as [`open_backdated`]
/// says, with the approved change request that accepts the date, if any.
fn backdated(points: &[Point], approvals: &Approvals) -> Vec<Backdated> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in &current.roadmap.initiatives {
        if i.milestones.iter().all(|m| m.done.is_none()) {
            continue;
        }
        // The initiative in each snapshot, looked up once: its milestones
        // are found in its own short list (a lookup by id for every
        // milestone of every snapshot, made again for every archived
        // version, was 3 % of a build at 10,000 initiatives).
        let then: Vec<(&Point, &Initiative)> = snapshots
            .iter()
            .rev()
            .filter_map(|p| Some((p, p.roadmap.initiative(&i.meta.id)?)))
            .collect();
        for (k, m) in i.milestones.iter().enumerate() {
            let Some(done) = &m.done else { continue };
            // The earliest due date a snapshot up to each one showed
            // (`then` runs latest first): the date promised by then.
            let mut promised: Vec<Option<Day>> = then
                .iter()
                .rev()
                .scan(None, |earliest: &mut Option<Day>, &(_, init)| {
                    if let Some(was) = seen_in(init, k, &m.gid) {
                        *earliest = Some(earliest.map_or(was.due.day, |e| e.min(was.due.day)));
                    }
                    Some(*earliest)
                })
                .collect();
            promised.reverse();
            // The record that allows the latest day (the latest snapshot
            // of those that allow it): a snapshot that showed it open in
            // June outweighs a later one that recorded it done in May.
            let contradicted = then
                .iter()
                .zip(&promised)
                .filter_map(|(&(p, init), promised)| {
                    let was = seen_in(init, k, &m.gid)?;
                    let then = match &was.done {
                        Some(d) => d.day,
                        // Open then: a record once overdue on its day,
                        // or once due by the date promised up to it when
                        // `done:` now claims that date was kept. Judged by
                        // its due date as it then stood only, a due moved
                        // out (with no decision) before the snapshot, or
                        // one open on its very day, let a `done:` dated
                        // back before it wipe the slip (from a CIO's
                        // trial).
                        None if was.due.day < p.today => p.today,
                        None if promised.is_some_and(|d| d <= p.today && done.day <= d) => p.today,
                        None => return None,
                    };
                    (days_between(done.day, then) > RECORDED_LATE_DAYS).then_some((then, p, was))
                })
                .reduce(|latest, x| if x.0 > latest.0 { x } else { latest });
            let Some((then, p, was)) = contradicted else {
                continue;
            };
            let approved_by = approvals.confirming_done(&m.gid, p.today);
            out.push(Backdated {
                gid: Sym::from(m.gid.as_str()),
                done: done.written.to_string(),
                after: p.name.to_string(),
                as_of: crate::base::date::iso(p.today),
                done_then: was.done.as_ref().map(|d| d.written.to_string()),
                done_by_record: then,
                approved_by,
            });
        }
    }
    out
}

/// Milestone `gid` in an initiative as a version had it, looked for at
/// index `k` first (where the working tree has it).
fn seen_in<'i>(init: &'i Initiative, k: usize, gid: &str) -> Option<&'i crate::model::Milestone> {
    init.milestones
        .get(k)
        .filter(|x| x.gid == gid)
        .or_else(|| init.milestones.iter().find(|x| x.gid == gid))
}

/// A completion dated back before a snapshot's record of it
/// (`backdated-done`, standing) was not done by the day written: it keeps
/// no promise the recorded day broke (it counted as kept), and when the
/// snapshot showed it open and overdue, its period's row counts it late to
/// that day at least (it read "on time"). (Recorded done on a later day,
/// the row of the period it was done in is that snapshot's own.)
fn late_by_the_record(h: &mut History, points: &[Point]) {
    for b in &h.open_backdated {
        let open_on = b.done_by_record;
        if b.done_then.is_none() {
            for c in h
                .diffs
                .iter_mut()
                .flat_map(|d| d.completed.iter_mut())
                .filter(|c| c.gid == b.gid)
            {
                let late = days_between(c.due_day, open_on);
                if late > c.days_late {
                    c.days_late = late;
                    c.open_on = Some(Sym::from(b.after.as_str()));
                }
            }
        }
        // Counted kept (done by its baseline, as promises count) while the
        // record after the baseline had it open, or done later.
        let counted_kept = points.last().is_some_and(|p| {
            h.baselines
                .get(&b.gid)
                .is_some_and(|base| counted_kept_against_the_record(p.roadmap, b, base.day))
        });
        if counted_kept && h.promises.0 > 0 {
            h.promises.0 -= 1;
        }
    }
}

/// Whether the completion `b`, dated back, counts as a promise kept (done
/// by `base`, the date first promised, as promises count, of work that
/// counts) while the record after that date had it open or done later.
fn counted_kept_against_the_record(r: &Roadmap, b: &Backdated, base: Day) -> bool {
    let Some((i, m)) = r.milestone_at(&b.gid) else {
        return false;
    };
    let init = &r.initiatives[i];
    let done = init.milestones[m].done.as_ref();
    !init.is_backlog() && done.is_some_and(|d| d.day <= base) && b.done_by_record > base
}

/// A period's overdue rows judge a milestone moved with no decision by the
/// date it stands committed to, as its own row and the findings do: it is
/// newly overdue in the period that date passed in (moved out before, it
/// was in none, and the dashboard counted it overdue), counted from that
/// date, and not again in a later period its moved date passed in.
fn overdue_from_committed(h: &mut History, points: &[Point]) {
    let Some(current) = points.last() else {
        return;
    };
    let committed: HashMap<Sym, Day> = h
        .slips
        .iter()
        .filter(|s| s.is_unacknowledged() && s.committed < s.due)
        .filter(|s| {
            current.roadmap.milestone(&s.gid).is_some_and(|m| {
                m.done.is_none()
                    && current
                        .roadmap
                        .initiative(&m.initiative)
                        .is_some_and(crate::analysis::is_live)
            })
        })
        .map(|s| (s.gid, s.committed))
        .collect();
    if committed.is_empty() {
        return;
    }
    let mut by_gid: Vec<(&Sym, &Day)> = committed.iter().collect();
    by_gid.sort();
    for d in &mut h.diffs {
        // Overdue by the date committed at the period's start: not new.
        d.newly_overdue
            .retain(|o| committed.get(&o.gid).is_none_or(|&day| day >= d.from_today));
        for o in &mut d.newly_overdue {
            if let Some(&day) = committed.get(&o.gid) {
                o.days = days_between(day, d.to_today);
                o.committed = Some(Sym::from(crate::base::date::iso(day).as_str()));
                o.committed_day = Some(day);
            }
        }
        for &(&gid, &day) in &by_gid {
            let passed_in = d.from_today <= day && day < d.to_today;
            if passed_in && !d.newly_overdue.iter().any(|o| o.gid == gid) {
                let Some(due) = current
                    .roadmap
                    .milestone(&gid)
                    .map(|m| m.due.written.to_string())
                else {
                    continue;
                };
                d.newly_overdue.push(NewlyOverdue {
                    gid,
                    due: Sym::from(due.as_str()),
                    days: days_between(day, d.to_today),
                    committed: Some(Sym::from(crate::base::date::iso(day).as_str())),
                    committed_day: Some(day),
                });
            }
        }
    }
}

/// Completions dated back before a snapshot's record of them, the date
/// accepted by an approved change request: the period's row that shows
/// the date (done in it after the snapshot showed it open and overdue, or
/// re-dated earlier in it) names the request.
fn accepted_datings(h: &mut History, accepted: &[Backdated]) {
    for b in accepted {
        let Some(by) = b.approved_by else { continue };
        let dated_back = Some(DatedBack {
            approved_by: by,
            after: Sym::from(b.after.as_str()),
        });
        for d in &mut h.diffs {
            if b.done_then.is_none() {
                for c in d.completed.iter_mut().filter(|c| c.gid == b.gid) {
                    c.dated_back = dated_back.clone();
                }
            }
            for x in d
                .redated
                .iter_mut()
                .filter(|x| x.gid == b.gid && x.days.is_some_and(|n| n < 0))
            {
                x.dated_back = dated_back.clone();
            }
        }
    }
}

/// The working tree's budgets rewritten since the last snapshot that had
/// them (the same total, written otherwise: a total made amounts per
/// quarter, amounts moved between periods) so that they plan more by that
/// snapshot's day, beyond 1 % of the total, with no approved change
/// request affecting the initiative decided on or after that day. A plan
/// moved by the initiative's dates alone is the dates' rules' to judge.
fn open_rephasings(points: &[Point], approvals: &Approvals) -> Vec<BudgetRephase> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .initiatives
        .iter()
        .filter_map(|i| {
            let now = i.budget.as_ref()?;
            let id = i.meta.id.as_str();
            let (p, then_i, then) = snapshots.iter().rev().find_map(|p| {
                let w = p.roadmap.initiative(id)?;
                Some((p, w, w.budget.as_ref()?))
            })?;
            let by = |b: &crate::model::Budget, i: &Initiative| {
                crate::analysis::budget::planned_to(b, Some(&schedule::dates(i)), p.today)
            };
            let (planned_then, planned_now) = (by(then, then_i)?, by(now, i)?);
            // A larger total may have been meant for days already over
            // (that increase is judged on its own); more than all of it
            // cannot. Only a total, with its dates, was a rule for the
            // same total.
            let increase = (now.total - then.total).max(0.0);
            if planned_now - planned_then <= increase + (now.total * 0.01).max(0.5) {
                return None;
            }
            if approvals.approving(id, p.today).is_some() {
                return None;
            }
            Some(BudgetRephase {
                id: id.to_string(),
                after: p.name.to_string(),
                as_of: crate::base::date::iso(p.today),
                planned_then,
                planned_now,
                total_then: then.total,
                total_now: now.total,
                budget_as_written: then.total.to_bits() == now.total.to_bits()
                    && then.periods == now.periods,
            })
        })
        .collect()
}

/// RAID items open in the latest snapshot that had them and gone from the
/// working tree (not merely unreadable there). One closed there was
/// settled on record before it went.
fn removed_risks(points: &[Point]) -> Vec<RemovedRisk> {
    let gone = last_seen_and_gone(
        points,
        crate::model::Kind::Risk,
        |r| &r.risks,
        |x| &x.meta.id,
    );
    gone.into_iter()
        .filter(|(_, x)| x.is_open())
        .map(|(after, x)| RemovedRisk {
            id: x.meta.id.clone(),
            title: x.meta.title.clone(),
            rel: x.meta.rel.clone(),
            after: after.to_string(),
            risk_type: x.kind.clone(),
            exposure: x.exposure(),
        })
        .collect()
}

/// Change requests, decided or waiting, whose file is gone since the last
/// snapshot that had them.
fn removed_changes(points: &[Point]) -> Vec<RemovedChange> {
    last_seen_and_gone(
        points,
        crate::model::Kind::Change,
        |r| &r.changes,
        |c| &c.meta.id,
    )
    .into_iter()
    .map(|(after, c)| RemovedChange {
        id: c.meta.id.clone(),
        title: c.meta.title.clone(),
        rel: c.meta.rel.clone(),
        after: after.to_string(),
        status: c.status.clone(),
    })
    .collect()
}

/// The working tree's cancelled initiatives that the last snapshot having
/// them showed committed, with no approved change request affecting them
/// decided on or after it (as for a KPI retired: a snapshot since clears
/// nothing).
fn open_cancellations(points: &[Point], approvals: &Approvals) -> Vec<Cancellation> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .initiatives
        .iter()
        .filter(|i| i.status == "cancelled")
        .filter_map(|i| {
            let id = i.meta.id.as_str();
            // The last snapshot that had it not cancelled: one that has it
            // cancelled since recorded the cancellation, not a decision
            // (a snapshot taken cleared the finding).
            let (p, was) = snapshots
                .iter()
                .rev()
                .filter_map(|p| Some((p, p.roadmap.initiative(id)?)))
                .find(|(_, was)| was.status != "cancelled")?;
            let committed = was_committed(&was.status);
            if !committed || was.is_backlog() || approvals.approving(id, p.today).is_some() {
                return None;
            }
            Some(Cancellation {
                id: id.to_string(),
                after: p.name.to_string(),
                open_milestones: was
                    .milestones
                    .iter()
                    .filter(|m| m.done.is_none())
                    .map(|m| m.gid.clone())
                    .collect(),
            })
        })
        .collect()
}

/// Each period's rows that take a decision name the approved change
/// request that covers them (affecting the item, decided on or after the
/// period's start), as a retired KPI's row does: cancellations of
/// committed work (an approved cancellation and one nobody decided read
/// alike, and the request's page said nothing was matched to it),
/// loosened KPI targets and outcome horizons moved later.
fn period_approvals(h: &mut History, points: &[Point], approvals: &Approvals) {
    for d in &mut h.diffs {
        let Some(start) = points.iter().find(|p| p.name == d.from) else {
            continue;
        };
        let approving = |id: &str| approvals.approving(id, start.today);
        for c in d.status.iter_mut() {
            if c.to == "cancelled" && was_committed(&c.from) {
                c.acknowledged_by = approving(&c.id);
            }
        }
        for t in d.targets.iter_mut().filter(|t| t.loosened) {
            t.acknowledged_by = approving(&t.id);
        }
        for h in d.horizons.iter_mut().filter(|h| h.later()) {
            h.acknowledged_by = approving(&h.id);
        }
    }
}

/// The working tree's KPIs in force whose target for today is looser than
/// a snapshot set it, with no approval since the last snapshot that set
/// it tighter (taking a snapshot since clears nothing). A snapshot's
/// target for today is what its KPI would read as its target today: its
/// steps read at today's date, else its data file's latest target.
fn open_loosened(points: &[Point], approvals: &Approvals) -> Vec<TargetLoosened> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .kpis
        .iter()
        .filter(|k| !k.retired_by(current.today))
        .filter_map(|k| loosened(k, current.today, snapshots, approvals))
        .collect()
}

/// [`open_loosened`] for one KPI of the point dated `today`, `snapshots`
/// the points before it.
fn loosened(
    k: &crate::model::Kpi,
    today: Day,
    snapshots: &[Point],
    approvals: &Approvals,
) -> Option<TargetLoosened> {
    let target_of = |k: &crate::model::Kpi| crate::analysis::kpi_status(k, today).target;
    let id = k.meta.id.as_str();
    let now = target_of(k)?;
    let looser = |then: f64| {
        if k.direction == "down" {
            now > then
        } else {
            now < then
        }
    };
    // Turned around (`direction` changed), the figures mean something
    // else: not a target loosened.
    let (p, was, then) = snapshots.iter().rev().find_map(|p| {
        let was = p.roadmap.kpi(id).filter(|w| w.direction == k.direction)?;
        let then = target_of(was)?;
        looser(then).then_some((p, was, then))
    })?;
    if approvals.approving(id, p.today).is_some() {
        return None;
    }
    // The step of the snapshot's in force today.
    let since = crate::analysis::target_steps(was)
        .iter()
        .rev()
        .find(|(d, _)| *d <= today)
        .map(|(d, _)| *d);
    Some(TargetLoosened {
        id: id.to_string(),
        after: p.name.to_string(),
        then,
        now,
        since,
    })
}

/// A KPI as the site of snapshot `p` (one of `points`) judged it: by the
/// target on record where one loosened with no decision by its day, and
/// by the figure reported where its latest was restated (by its own
/// dates, a KPI taken off its outcome read "on target then" where that
/// quarter's site said off target).
fn status_then(points: &[Point], p: &Point, was: &crate::model::Kpi) -> crate::analysis::KpiStatus {
    let status = crate::analysis::kpi_status(was, p.today);
    let Some(k) = points.iter().position(|q| q.name == p.name) else {
        return status;
    };
    let upto = &points[..=k];
    let approvals = Approvals::of(upto);
    let id = was.meta.id.as_str();
    // This KPI's alone: a version with many KPIs taken off walked every
    // KPI's and every initiative's figures for each.
    let loosened: Vec<TargetLoosened> = (!was.retired_by(p.today))
        .then(|| loosened(was, p.today, &points[..k], &approvals))
        .flatten()
        .into_iter()
        .collect();
    let revisions = figure_trail(upto, &approvals, id, Series::Kpi).1;
    let on_record = kpis_on_record(&loosened, &revisions, p.roadmap, p.today);
    let mut status = match on_record.restated.get(id) {
        Some(restated) => status.judged_as_reported(was, restated, p.today),
        None => status,
    };
    if let Some(&target) = on_record.loosened.get(id) {
        status = status.on_record(was, target);
    }
    status
}

/// The working tree's KPIs retired by its day that a snapshot showed
/// measured (not yet retired by its day), with no approved change request
/// affecting them decided on or after the last such snapshot: as with
/// budgets, taking a snapshot since clears nothing.
fn open_retirements(points: &[Point], approvals: &Approvals) -> Vec<KpiRetirement> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .kpis
        .iter()
        .filter(|k| k.retired_by(current.today))
        .filter_map(|k| {
            let id = k.meta.id.as_str();
            let (p, was) = snapshots.iter().rev().find_map(|p| {
                let was = p.roadmap.kpi(id)?;
                (!was.retired_by(p.today)).then_some((p, was))
            })?;
            if approvals.approving(id, p.today).is_some() {
                return None;
            }
            let status = status_then(points, p, was);
            Some(KpiRetirement {
                id: id.to_string(),
                retired: k
                    .retired
                    .as_ref()
                    .map(|d| d.written.to_string())
                    .unwrap_or_default(),
                after: p.name.to_string(),
                latest: status.latest,
                target: status.target,
                on_target: status.on_target,
            })
        })
        .collect()
}

/// The working tree's KPIs, measured today, that a snapshot showed
/// measuring an outcome the working tree still has and they no longer
/// measure, with no approved change request affecting the KPI or the
/// outcome decided on or after the last snapshot that showed the link.
fn open_unlinked(points: &[Point], approvals: &Approvals) -> Vec<KpiUnlinked> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for k in current
        .roadmap
        .kpis
        .iter()
        .filter(|k| !k.retired_by(current.today))
    {
        let id = k.meta.id.as_str();
        let gone: BTreeSet<&str> = snapshots
            .iter()
            .filter_map(|p| p.roadmap.kpi(id).filter(|was| !was.retired_by(p.today)))
            .flat_map(|was| was.outcomes.iter().map(String::as_str))
            .filter(|o| !k.outcomes.iter().any(|now| now == o))
            .filter(|o| is_outcome(current.roadmap, o))
            .collect();
        for outcome in gone {
            let Some((p, was)) = snapshots.iter().rev().find_map(|p| {
                let was = p.roadmap.kpi(id)?;
                (!was.retired_by(p.today) && was.outcomes.iter().any(|o| o == outcome))
                    .then_some((p, was))
            }) else {
                continue;
            };
            if approvals.approving(id, p.today).is_some()
                || approvals.approving(outcome, p.today).is_some()
            {
                continue;
            }
            let status = status_then(points, p, was);
            out.push(KpiUnlinked {
                kpi: id.to_string(),
                outcome: outcome.to_string(),
                after: p.name.to_string(),
                latest: status.latest,
                target: status.target,
                on_target: status.on_target,
            });
        }
    }
    out
}

/// KPIs that some snapshot reported figures for and that are gone from the
/// working tree (not merely unreadable there). Every snapshot counts, not
/// only the last one that had the KPI: taking its figures out first and the
/// file next would otherwise leave nothing on record. One that never
/// reported a figure took nothing off the record.
fn removed_kpis(points: &[Point]) -> Vec<RemovedKpi> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    if !current.roadmap.complete(crate::model::Kind::Kpi) {
        return Vec::new();
    }
    // id → (the last snapshot that had it, its KPI there, every figure any
    // snapshot reported).
    type Seen<'p> = (&'p Point<'p>, &'p crate::model::Kpi, HashSet<FigureKey>);
    let mut seen: BTreeMap<&str, Seen> = BTreeMap::new();
    for p in snapshots {
        for k in &p.roadmap.kpis {
            let id = k.meta.id.as_str();
            if current.roadmap.kpi(id).is_some() || current.roadmap.unread_ids.contains(id) {
                continue;
            }
            let entry = seen.entry(id).or_insert_with(|| (p, &**k, HashSet::new()));
            entry.0 = p;
            entry.1 = k;
            entry.2.extend(
                k.data
                    .iter()
                    .filter(|d| reported_by(&d.date, p.today))
                    .map(|d| figure_key(&d.date)),
            );
        }
    }
    seen.into_iter()
        .filter(|(_, (_, _, reported))| !reported.is_empty())
        .map(|(id, (p, k, reported))| RemovedKpi {
            id: id.to_string(),
            title: k.meta.title.clone(),
            rel: k.meta.rel.clone(),
            after: p.name.to_string(),
            reported: reported.len(),
        })
        .collect()
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

/// The history findings that still stand in the working tree, whichever
/// period they arose in: a snapshot taken since clears none of them, an
/// approved change request (or undoing the change) does.
fn standing(points: &[Point], diffs: &[Diff]) -> (Vec<ScopeChange>, Vec<Latent>) {
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
            .is_some_and(|m| m.criteria.contains(criterion)),
        ScopeKind::CriterionRemoved { criterion } => current
            .milestone(&sc.gid)
            .is_some_and(|m| !m.criteria.contains(criterion)),
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
        let (Some(from), Some(to)) = (at(&d.from), at(&d.to)) else {
            continue;
        };
        for l in &d.latent {
            let unmoved = item_dates(to, &l.dependent).is_some()
                && item_dates(to, &l.dependent) == item_dates(current, &l.dependent);
            let still_late = match (due_in(from, &l.dependency), due_in(current, &l.dependency)) {
                (Some(old), Some(now)) => now > old,
                _ => false,
            };
            let key = (l.dependent, l.dependency);
            if !unmoved || !still_late || finished(&l.dependent) {
                latent.remove(&key);
                continue;
            }
            if l.acknowledged_by.is_some() {
                // A confirmation covers every earlier period too (it was
                // decided after all of them began).
                latent.remove(&key);
                continue;
            }
            latent.entry(key).or_insert_with(|| l.clone());
        }
    }
    let open_latent = latent
        .into_values()
        .map(|mut l| {
            // From the dependency's date when nobody had confirmed yet to
            // its date now: a partial recovery shows.
            if let (Some(then), Some(now)) = (
                at(&l.after).and_then(|r| due_in(r, &l.dependency)),
                due_in(current, &l.dependency),
            ) {
                l.days = days_between(then, now);
            }
            l
        })
        .collect();
    (open_scope, open_latent)
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
    points
        .par_windows(2)
        .map(|pair| {
            let (a, b) = rayon::join(
                || milestones(pair[0].roadmap),
                || milestones(pair[1].roadmap),
            );
            compare(&pair[0], &pair[1], &a, &b)
        })
        .collect()
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
    let only_in = |x: &Roadmap, y: &Roadmap| -> Vec<String> {
        let mut ids: Vec<String> = x
            .ids()
            .map(|(id, _)| id)
            .filter(|id| !y.has_id(id) && !unread(id))
            .map(str::to_string)
            .collect();
        ids.sort_unstable();
        ids
    };
    d.added = only_in(b.roadmap, a.roadmap);
    d.removed = only_in(a.roadmap, b.roadmap);
    d.removed_titles = d
        .removed
        .iter()
        .filter_map(|id| a.roadmap.get(id).map(|m| (id.clone(), m.title.clone())))
        .collect();
    milestone_changes(&mut d, a, b, ma, mb);
    d.latent = latent_slips(&d.moved, a, b, ma);
    item_changes(&mut d, a, b);
    trace_changes(&mut d, a, b);
    d.risks = risk_changes(a.roadmap, b.roadmap);
    d.budgets = budget_changes(a, b);
    d.dates = date_changes(a, b);
    d.requests = request_edits(a.roadmap, b.roadmap);
    d.retired = b
        .roadmap
        .kpis
        .iter()
        .filter(|k| k.retired_by(b.today))
        .filter(|k| {
            a.roadmap
                .kpi(&k.meta.id)
                .is_some_and(|was| !was.retired_by(a.today))
        })
        .map(|k| Retired {
            id: k.meta.id.clone(),
            retired: k
                .retired
                .as_ref()
                .map(|d| d.written.to_string())
                .unwrap_or_default(),
            acknowledged_by: None,
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

fn is_outcome(r: &Roadmap, id: &str) -> bool {
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
fn acknowledge_scope_and_latent(d: &mut Diff, since: Day, approvals: &Approvals) {
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
fn acknowledge(
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
        let ack = move_ack(&m.gid).unwrap_or_else(|| {
            let found = approvals.approving_alone(
                (&m.gid, &owner(&m.gid)),
                since,
                Amount::Days,
                m.days as f64,
                &days_need,
            );
            MoveAck {
                short: found.as_ref().and_then(|f| f.short).map(|rest| rest as i64),
                more: found.as_ref().map(|f| f.more.clone()).unwrap_or_default(),
                by: found.map(|f| f.by),
                needs: m.days > tolerance_days,
            }
        });
        // A move topped up by a request decided later names both, as a
        // rise does (the second request's days vanished unnamed).
        m.approved_by_steps = match ack.by {
            Some(by) if !ack.more.is_empty() => {
                distinct(std::iter::once(by).chain(ack.more.iter().copied()))
            }
            _ => Vec::new(),
        };
        (m.acknowledged_by, m.needs_ack) = (ack.by, ack.needs);
        m.beyond_approval = ack.short.filter(|_| m.needs_ack);
        // Pulled in, it had nothing to approve: credited, the request's
        // page listed it among what it approved (from an auditor's trial).
        if m.days < 0 {
            m.acknowledged_by = None;
            m.approved_by_steps.clear();
        }
    }
    acknowledge_scope_and_latent(d, since, approvals);
    for r in &mut d.retired {
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
        .map(|m| (m.gid.as_str(), m.days))
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
            m.approved_by_steps = approvals_of_steps(&each, &own);
            let mut past = 0;
            m.beyond_approval = beyond_of_steps(
                ack.is_some(),
                steps
                    .iter()
                    .flat_map(|s| s.moved.iter().filter(|x| x.gid == m.gid))
                    .map(|x| {
                        past += x.days;
                        (past as f64, x.beyond_approval.map(|b| b as f64))
                    }),
            )
            .map(|b| b as i64);
            if needs && ack.is_none() {
                let changes: Vec<(f64, Option<f64>)> = moves
                    .iter()
                    .map(|x| (x.days as f64, x.beyond_approval.map(|b| b as f64)))
                    .collect();
                if let Some((rest, by)) = partly_approved(&each, &own, &changes, m.days as f64) {
                    (m.beyond_approval, m.approved_by_steps) = (Some(rest as i64), by);
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
    let mut latest: HashMap<Sym, &Completed> = HashMap::new();
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
fn distinct(items: impl IntoIterator<Item = Sym>) -> Vec<Sym> {
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
fn beyond_of_steps(approved: bool, each: impl Iterator<Item = (f64, Option<f64>)>) -> Option<f64> {
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

/// Initiatives in both roadmaps whose budget total changed. An increase
/// needs an approved change request affecting the initiative, decided on or
/// after `a`'s day (matched by [`acknowledge`]).
fn budget_changes(a: &Point, b: &Point) -> Vec<BudgetMove> {
    let kept = keeps_budgets(a.roadmap);
    let total = |r: &Roadmap, id: &str| {
        r.initiative(id)
            .and_then(|i| i.budget.as_ref())
            .map(|x| x.total)
    };
    b.roadmap
        .initiatives
        .iter()
        .filter(|ib| a.roadmap.initiative(&ib.meta.id).is_some())
        .filter_map(|ib| {
            let id = ib.meta.id.as_str();
            let (from, to) = (total(a.roadmap, id), total(b.roadmap, id));
            if from == to {
                return None;
            }
            Some(BudgetMove {
                id: id.to_string(),
                from,
                to,
                // Money given to an initiative that had none is new money,
                // once the roadmap keeps budgets (see `Figure`).
                needs_ack: match from {
                    Some(x) => to > Some(x),
                    None => kept && to > Some(0.0),
                },
                acknowledged_by: None,
                beyond_approval: None,
                approved_by_steps: Vec::new(),
            })
        })
        .collect()
}

/// How the roadmap's budget moved in each period (see [`BudgetStep`]),
/// the rises split by what the period's judged rows say was approved.
/// Empty until some point before the last keeps budgets.
fn budget_bridge(points: &[Point], diffs: &[Diff]) -> Vec<BudgetStep> {
    if !points.iter().any(|p| keeps_budgets(p.roadmap)) {
        return Vec::new();
    }
    // What the roadmap's totals count: work not cancelled.
    let budget = |r: &Roadmap, id: &str| {
        r.initiative(id)
            .filter(|i| i.status != "cancelled")
            .and_then(|i| i.budget.as_ref())
            .map_or(0.0, |b| b.total)
    };
    let total = |r: &Roadmap| {
        r.initiatives
            .iter()
            .filter(|i| i.status != "cancelled")
            .filter_map(|i| i.budget.as_ref())
            .map(|b| b.total)
            .sum::<f64>()
    };
    points
        .windows(2)
        .zip(diffs)
        // From the first point that kept budgets: before it, every budget
        // read as new money the quarter the roadmap began recording them.
        .filter(|(pair, _)| keeps_budgets(pair[0].roadmap))
        .map(|(pair, d)| {
            let (a, b) = (pair[0].roadmap, pair[1].roadmap);
            let mut step = BudgetStep {
                from: pair[0].name.into(),
                to: pair[1].name.into(),
                start: total(a),
                end: total(b),
                ..BudgetStep::default()
            };
            let ids: BTreeSet<&str> = a
                .initiatives
                .iter()
                .chain(&b.initiatives)
                .map(|i| i.meta.id.as_str())
                .collect();
            for id in ids {
                let (was, now) = (budget(a, id), budget(b, id));
                if was == now {
                    continue;
                }
                let (in_a, in_b) = (a.initiative(id), b.initiative(id));
                match (in_a, in_b) {
                    (Some(_), None) => step.removed += was,
                    (Some(x), Some(y)) if x.status != "cancelled" && y.status == "cancelled" => {
                        step.cancelled += was
                    }
                    // New, or back from cancelled, or given its first budget.
                    _ if was == 0.0 => step.added += now,
                    _ if now < was => step.cut += was - now,
                    _ => {
                        let rise = now - was;
                        let row = d.budgets.iter().find(|m| m.id == id);
                        let unapproved = match row {
                            Some(m) if m.acknowledged_by.is_some() => {
                                m.beyond_approval.unwrap_or(0.0).min(rise)
                            }
                            Some(m) if m.needs_ack => rise,
                            _ => 0.0,
                        };
                        step.raised_unapproved += unapproved;
                        step.raised_approved += rise - unapproved;
                    }
                }
            }
            step
        })
        .collect()
}

/// Initiatives in both roadmaps whose written `start` or `end` changed.
fn date_changes(a: &Point, b: &Point) -> Vec<DateMove> {
    let mut out = Vec::new();
    for ib in &b.roadmap.initiatives {
        let Some(ia) = a.roadmap.initiative(&ib.meta.id) else {
            continue;
        };
        for (field, was, now) in [("start", &ia.start, &ib.start), ("end", &ia.end, &ib.end)] {
            let day = |d: &Option<crate::base::date::Date>| d.as_ref().map(|d| d.day);
            if day(was) == day(now) {
                continue;
            }
            // An `end:` taken out (or written) is a move to (or from) the
            // end the milestones make: it read "2026-12-31 → none" with
            // no verdict, where the check found the end moved.
            let made = |i: &Initiative| schedule::dates(i).end;
            out.push(DateMove {
                id: ib.meta.id.clone(),
                field,
                from: was.as_ref().map(|d| d.written.to_string()),
                to: now.as_ref().map(|d| d.written.to_string()),
                days: match (was, now) {
                    (Some(x), Some(y)) => Some(days_between(x.day, y.day)),
                    (Some(x), None) if field == "end" => made(ib).map(|y| days_between(x.day, y)),
                    (None, Some(y)) if field == "end" => made(ia).map(|x| days_between(x, y.day)),
                    _ => None,
                },
                needs_ack: false,
                beyond_approval: None,
                approved_by_steps: Vec::new(),
                acknowledged_by: None,
            });
        }
    }
    out
}

/// A rise of one of an initiative's figures that no approved change request
/// covers, walked over the history. Each rise needs its own approval (a
/// change request affecting the initiative, decided on or after the
/// snapshot before the rise), matched as slips' moves are: from the latest
/// rise back, each taking the latest approval not yet taken, so a later
/// request for a second rise does not also cover the first. The level in
/// force is the first value, then each one at or below it and each rise
/// approved; a rise `beyond` the level with no approval stands while the
/// value stays beyond the level before it, whatever is approved after. What
/// rises approved after it add is not part of what stands: 1000 → 1200
/// (no approval) → 1500 (approved) leaves 200 unapproved, not 500, and
/// 1300 approved. `gap` measures a rise (negative: a fall) and `exceeds`
/// says whether what no approval covers needs one. `grant` is the most an
/// approval covers of one rise, in `gap`'s unit (`None`: all of it): a
/// request approving EUR 50,000 matched to a rise of 300,000 leaves
/// 250,000 standing, as if the budget had risen by that with none.
fn unapproved_rise<'r, V: Copy>(
    points: &[Point<'r>],
    approvals: &Approvals,
    id: &str,
    figure: &Figure<'r, V, impl Fn(&'r Initiative) -> Option<V>>,
    gap: impl Fn(V, V) -> f64,
    exceeds: impl Fn(f64) -> bool,
    amount: Amount,
) -> Option<StandingRise<V>> {
    let grant = |change: &str| approvals.grant(change, amount);
    let rises = |a, b| gap(a, b) > 0.0;
    let beyond = |a, b| exceeds(gap(a, b));
    let (values, each) = rises_of(points, id, figure, &rises, &beyond);
    let sizes = rise_sizes(&values, &gap);
    let approved = match_approvals(
        points,
        approvals,
        id,
        &each,
        &RiseMeasure {
            money: amount == Amount::Money,
            size: &|k| sizes.get(&k).copied().unwrap_or(0.0),
            grant: &grant,
            exceeds: &exceeds,
        },
    );
    let mut level: Option<V> = None;
    // The level before the first rise that stands, and the snapshot that
    // last showed it.
    let mut pending: Option<(String, V)> = None;
    // What approved rises added since then.
    let mut approved_since = 0.0;
    // The latest approval that granted less than its rise.
    let mut capped: Option<String> = None;
    let mut last: Option<(usize, V)> = None;
    for &(k, now) in &values {
        match (level, last) {
            (None, _) | (_, None) => level = Some(now),
            (Some(ceiling), Some((before, previous))) => {
                if pending
                    .as_ref()
                    .is_some_and(|(_, from)| gap(*from, now) <= approved_since)
                {
                    // Back at or below what was approved.
                    level = Some(now);
                    pending = None;
                    approved_since = 0.0;
                    capped = None;
                } else if !rises(ceiling, now) {
                    level = Some(now);
                } else if beyond(ceiling, now) && rises(previous, now) {
                    match approved.get(&k) {
                        // Approved up to less than the rise: the rest
                        // stands from the level before it. (What a request
                        // grants covers its own rise, not an earlier one:
                        // that needs a decision of its own.)
                        Some(ack) if ack.short(gap(previous, now), &exceeds).is_some() => {
                            let cap = ack.granted.unwrap_or(0.0);
                            capped = Some(ack.by.to_string());
                            if pending.is_none() {
                                pending = Some((points[before].name.to_string(), ceiling));
                                approved_since = (gap(ceiling, previous) + cap).max(0.0);
                            } else {
                                approved_since += cap;
                            }
                        }
                        Some(_) => {
                            level = Some(now);
                            if pending.is_some() {
                                approved_since += gap(previous, now);
                            }
                        }
                        None => {
                            pending.get_or_insert((points[before].name.to_string(), ceiling));
                        }
                    }
                }
            }
        }
        last = Some((k, now));
    }
    let ((after, from), (_, to)) = (pending?, last?);
    let unapproved = gap(from, to) - approved_since;
    exceeds(unapproved).then_some(StandingRise {
        from,
        to,
        after,
        approved_since,
        capped,
    })
}

/// How much a budget rose (negative: fell).
fn money_rise(from: f64, to: f64) -> f64 {
    to - from
}

/// Whether money no approval covers needs a decision: half a cent or more
/// (amounts with cents, added and taken away, leave traces far smaller).
fn money_needs_decision(unapproved: f64) -> bool {
    unapproved >= 0.005
}

/// How many days an end moved later (negative: earlier).
fn end_rise(from: &crate::base::date::Date, to: &crate::base::date::Date) -> f64 {
    days_between(from.day, to.day) as f64
}

/// A rise that stands with no approval, from [`unapproved_rise`].
struct StandingRise<V> {
    /// The level before it, and the value now.
    from: V,
    to: V,
    /// The snapshot that last showed that level.
    after: String,
    /// What rises approved after it added (in the figure's `gap`).
    approved_since: f64,
    /// The latest approval that granted less than the rise it was matched
    /// to (its stated amount), if any.
    capped: Option<String>,
}

/// One figure of an initiative (`value`), and what an initiative that
/// does not have it yet stands at (`before_first`) at the points where the
/// roadmap already kept that figure (`kept`, by point): money given to an
/// initiative that had none is an increase from 0, but not in the quarter
/// a roadmap starts recording budgets at all. An end written for the
/// first time moves nothing.
struct Figure<'r, V, F: Fn(&'r Initiative) -> Option<V>> {
    value: F,
    before_first: Option<V>,
    kept: Vec<bool>,
    _of: std::marker::PhantomData<&'r Initiative>,
}

/// Whether a version records budgets at all.
fn keeps_budgets(r: &Roadmap) -> bool {
    r.initiatives.iter().any(|i| i.budget.is_some())
}

fn budget_figure<'r>(
    points: &[Point<'r>],
) -> Figure<'r, f64, impl Fn(&'r Initiative) -> Option<f64>> {
    Figure {
        value: |i: &'r Initiative| i.budget.as_ref().map(|b| b.total),
        before_first: Some(0.0),
        kept: points.iter().map(|p| keeps_budgets(p.roadmap)).collect(),
        _of: std::marker::PhantomData,
    }
}

fn end_figure<'r>() -> Figure<
    'r,
    &'r crate::base::date::Date,
    impl Fn(&'r Initiative) -> Option<&'r crate::base::date::Date>,
> {
    Figure {
        value: |i: &'r Initiative| i.end.as_ref(),
        before_first: None,
        kept: Vec::new(),
        _of: std::marker::PhantomData,
    }
}

/// One figure of an initiative at each point that has it, and each rise:
/// (point of the rise, point before it, whether the rise alone is beyond
/// what needs no decision).
type Rises<V> = (Vec<(usize, V)>, Vec<(usize, usize, bool)>);

fn rises_of<'r, V: Copy>(
    points: &[Point<'r>],
    id: &str,
    figure: &Figure<'r, V, impl Fn(&'r Initiative) -> Option<V>>,
    rises: &impl Fn(V, V) -> bool,
    beyond: &impl Fn(V, V) -> bool,
) -> Rises<V> {
    let mut had_one = false;
    let values: Vec<(usize, V)> = points
        .iter()
        .enumerate()
        .filter_map(|(k, p)| {
            let now = (figure.value)(p.roadmap.initiative(id)?);
            had_one |= now.is_some();
            // Before its first, the figure it stands for (a budget: none
            // is 0); once it had one, a point without is skipped.
            let stands_for = figure
                .before_first
                .filter(|_| !had_one && figure.kept.get(k).copied().unwrap_or(false));
            Some((k, now.or(stands_for)?))
        })
        .collect();
    let each = values
        .windows(2)
        .filter(|w| rises(w[0].1, w[1].1))
        .map(|w| (w[1].0, w[0].0, beyond(w[0].1, w[1].1)))
        .collect();
    (values, each)
}

/// Which approval (by index into `days`, the approvals' decision days,
/// earliest first) each move gets; `since`: for each move, in the order
/// they happened, the first day an approval of it may be decided (`None`:
/// any). One approval covers one move: from the latest move back (an
/// approval decided after two moves goes to the later), each takes the
/// earliest approval not `taken` that is late enough, so as many moves as
/// can be get one and a request approved later never takes over one on
/// record; the approvals chosen then go to the moves in the order both
/// happened.
fn pair_approvals(since: &[Option<Day>], days: &[Day], taken: &mut [bool]) -> Vec<Option<usize>> {
    let late_enough = |k: usize, s: Option<Day>| s.is_none_or(|s| days[k] >= s);
    let mut got = vec![None; since.len()];
    for i in (0..since.len()).rev() {
        if let Some(k) = (0..days.len()).find(|&k| !taken[k] && late_enough(k, since[i])) {
            taken[k] = true;
            got[i] = Some(k);
        }
    }
    let mut chosen: Vec<usize> = got.iter().flatten().copied().collect();
    chosen.sort_unstable();
    let mut in_order = chosen.into_iter();
    let paired: Vec<Option<usize>> = got
        .iter()
        .map(|g| g.and_then(|_| in_order.next()))
        .collect();
    // Valid whenever the first pairing is with `since` rising; kept safe
    // for a `since` that does not.
    let valid = paired
        .iter()
        .zip(since)
        .all(|(k, s)| k.is_none_or(|k| late_enough(k, *s)));
    if valid {
        paired
    } else {
        got
    }
}

/// The approval of each rise, by the point of the rise: the rises beyond
/// the tolerance first, then the others with what is left (a later end
/// by two days must not take the approval a move of months needs); each
/// group as [`pair_approvals`] pairs a milestone's moves, with the
/// approvals affecting the initiative, each decided on or after the point
/// before its rise.
/// A rise approved for less than it took (its request states an amount)
/// is topped up by the approvals no rise took, decided late enough, in
/// the order they were decided, until covered: the decision on the rest
/// of it, recorded as its own request.
fn match_approvals(
    points: &[Point],
    approvals: &Approvals,
    id: &str,
    each: &[(usize, usize, bool)],
    rise: &RiseMeasure,
) -> HashMap<usize, RiseAck> {
    let eligible: Vec<(Day, &str)> = approvals
        .affecting(id, id)
        .into_iter()
        .filter(|(_, c)| approvals.applies(c, rise.money))
        .collect();
    let mut taken = vec![false; eligible.len()];
    let days: Vec<Day> = eligible.iter().map(|(day, _)| *day).collect();
    // (rise, point before it, the request paired with it)
    let mut primary: Vec<(usize, usize, usize)> = Vec::new();
    for needing in [true, false] {
        let group: Vec<&(usize, usize, bool)> = each.iter().filter(|r| r.2 == needing).collect();
        let since: Vec<Option<Day>> = group
            .iter()
            .map(|&&(_, before, _)| Some(points[before].today))
            .collect();
        let paired = pair_approvals(&since, &days, &mut taken);
        for (&&(k, before, _), j) in group.iter().zip(paired) {
            if let Some(j) = j {
                primary.push((k, before, j));
            }
        }
    }
    fit_amounts(
        &mut primary,
        &|j, before| eligible[j].0 >= points[before].today,
        &|k, j| {
            let rest = (rise.grant)(eligible[j].1).map_or(0.0, |g| (rise.size)(k) - g);
            if (rise.exceeds)(rest) {
                rest
            } else {
                0.0
            }
        },
    );
    let mut matched: HashMap<usize, RiseAck> = primary
        .iter()
        .map(|&(k, _, j)| {
            let by = eligible[j].1;
            (
                k,
                RiseAck {
                    by: Sym::from(by),
                    granted: (rise.grant)(by),
                    more: Vec::new(),
                },
            )
        })
        .collect();
    for &(k, before, _) in each {
        let Some(ack) = matched.get_mut(&k) else {
            continue;
        };
        let size = (rise.size)(k);
        while let Some(granted) = ack.granted.filter(|g| (rise.exceeds)(size - g)) {
            let Some(j) =
                (0..eligible.len()).find(|&j| !taken[j] && eligible[j].0 >= points[before].today)
            else {
                break;
            };
            taken[j] = true;
            ack.granted = (rise.grant)(eligible[j].1).map(|more| granted + more);
            ack.more.push(Sym::from(eligible[j].1));
        }
    }
    matched
}

/// Requests paired with rises (or moves) in the order both happened, each
/// late enough, then fitted by their amounts: two rises swap requests while
/// that leaves less uncovered in all (`short(rise, request)`), both still
/// decided late enough (`fits(request, the rise's second field)`). A
/// request no rise took does not take one over (a later request, about a
/// date, took the credit of the budget request on record): it tops up. With rises of 500 and 150 after one snapshot
/// and requests of 150 and 500 decided after it, the order alone gave the
/// 150 to the 500 and left 350 standing.
fn fit_amounts(
    primary: &mut [(usize, usize, usize)],
    fits: &dyn Fn(usize, usize) -> bool,
    short: &dyn Fn(usize, usize) -> f64,
) {
    // Each step lowers what is left uncovered; the pairings are finite.
    const LESS: f64 = 1e-9;
    let mut improved = true;
    while improved {
        improved = false;
        for a in 0..primary.len() {
            let (ka, ba, ja) = primary[a];
            for b in a + 1..primary.len() {
                let (kb, bb, jb) = primary[b];
                if fits(jb, ba)
                    && fits(ja, bb)
                    && short(ka, jb) + short(kb, ja) < short(ka, ja) + short(kb, jb) - LESS
                {
                    primary[a].2 = jb;
                    primary[b].2 = ja;
                    improved = true;
                    break;
                }
            }
        }
    }
}

/// The approval (or approvals) matched to one rise.
#[derive(Debug, Clone)]
struct RiseAck {
    /// The request matched to it.
    by: Sym,
    /// Requests no rise took that top it up, in order (`by` approved less
    /// than the rise).
    more: Vec<Sym>,
    /// What the requests matched to it grant together, in the figure's
    /// unit (`None`: one states no amount, and covers it all).
    granted: Option<f64>,
}

impl RiseAck {
    /// What of a rise of `size` no approval covers, when that needs one.
    fn short(&self, size: f64, exceeds: &dyn Fn(f64) -> bool) -> Option<f64> {
        self.granted.map(|g| size - g).filter(|rest| exceeds(*rest))
    }
}

/// How the rises of one figure are measured for the approvals: the size of
/// the rise at each point, what a request grants of one, and whether what
/// is left needs a decision.
struct RiseMeasure<'a> {
    /// Money (else days).
    money: bool,
    size: &'a dyn Fn(usize) -> f64,
    grant: &'a dyn Fn(&str) -> Option<f64>,
    exceeds: &'a dyn Fn(f64) -> bool,
}

/// The size of the rise to each point of `values` from the one before it.
fn rise_sizes<V: Copy>(values: &[(usize, V)], gap: &impl Fn(V, V) -> f64) -> HashMap<usize, f64> {
    values
        .windows(2)
        .map(|w| (w[1].0, gap(w[0].1, w[1].1)))
        .collect()
}

/// The approval matched to each rise of one figure of the working tree's
/// initiatives (a budget, an end), by (initiative, point of the rise), for
/// the periods' pages, with what of the rise it leaves uncovered: one
/// request approves one rise, as in [`unapproved_rise`].
fn rise_acks<'c, V: Copy>(
    points: &[Point<'c>],
    approvals: &Approvals,
    current: &'c Roadmap,
    figure: Figure<'c, V, impl Fn(&'c Initiative) -> Option<V>>,
    gap: impl Fn(V, V) -> f64,
    exceeds: impl Fn(f64) -> bool,
    amount: Amount,
) -> HashMap<(&'c str, usize), RiseApproval> {
    let grant = |change: &str| approvals.grant(change, amount);
    // Rises measured as [`unapproved_rise`] measures them: the periods'
    // pages and the findings pair the same requests with the same rises.
    let rises = |a, b| gap(a, b) > 0.0;
    let beyond = |a, b| exceeds(gap(a, b));
    let mut out = HashMap::new();
    for i in &current.initiatives {
        let id = i.meta.id.as_str();
        let (values, each) = rises_of(points, id, &figure, &rises, &beyond);
        if each.is_empty() {
            continue;
        }
        let sizes = rise_sizes(&values, &gap);
        let size = |k| sizes.get(&k).copied().unwrap_or(0.0);
        let measure = RiseMeasure {
            money: amount == Amount::Money,
            size: &size,
            grant: &grant,
            exceeds: &exceeds,
        };
        for (k, ack) in match_approvals(points, approvals, id, &each, &measure) {
            let short = ack.short(size(k), &exceeds);
            out.insert(
                (id, k),
                RiseApproval {
                    by: ack.by,
                    more: ack.more,
                    short,
                },
            );
        }
    }
    out
}

/// The request matched to a rise, those that top it up, and what of the
/// rise they leave uncovered.
#[derive(Debug, Clone)]
struct RiseApproval {
    by: Sym,
    more: Vec<Sym>,
    short: Option<f64>,
}

impl RiseApproval {
    /// Each request that approved part of it, when more than one did.
    fn all_when_several(&self) -> Vec<Sym> {
        if self.more.is_empty() {
            return Vec::new();
        }
        distinct(std::iter::once(self.by).chain(self.more.iter().copied()))
    }
}

/// Budget increases of the working tree's initiatives that stand (taking
/// a budget away and back is no approval: a point without one is skipped;
/// money given to an initiative that had none is an increase from 0).
fn open_budget(points: &[Point], approvals: &Approvals, current: &Roadmap) -> Vec<BudgetIncrease> {
    // Which versions kept budgets, found once: per initiative it was
    // every initiative of every version again.
    let figure = budget_figure(points);
    current
        .initiatives
        .iter()
        .filter_map(|i| {
            let rise = unapproved_rise(
                points,
                approvals,
                &i.meta.id,
                &figure,
                money_rise,
                money_needs_decision,
                Amount::Money,
            )?;
            let approved = rise.from + rise.approved_since;
            let before = points
                .iter()
                .find(|p| p.name == rise.after)
                .and_then(|p| p.roadmap.initiative(&i.meta.id))
                .and_then(|i| i.budget.as_ref());
            Some(BudgetIncrease {
                id: i.meta.id.clone(),
                from: rise.from,
                to: rise.to,
                approved,
                approved_budget: approved_budget(before, i.budget.as_ref(), approved),
                after: rise.after,
                capped_by: rise.capped,
            })
        })
        .collect()
}

/// Later ends of the working tree's initiatives that stand, beyond the
/// slip tolerance.
fn open_ends(
    points: &[Point],
    approvals: &Approvals,
    current: &Roadmap,
    tolerance_days: i64,
) -> Vec<EndSlip> {
    current
        .initiatives
        .iter()
        .filter_map(|i| {
            if i.end.is_none() {
                return end_taken_out(points, approvals, i, tolerance_days);
            }
            let Some(rise) = unapproved_rise(
                points,
                approvals,
                &i.meta.id,
                &end_figure(),
                end_rise,
                |unapproved| unapproved > tolerance_days as f64,
                Amount::Days,
            ) else {
                return end_written_since(points, approvals, i, tolerance_days);
            };
            let days = days_between(rise.from.day, rise.to.day);
            let unapproved_days = days - rise.approved_since as i64;
            Some(EndSlip {
                id: i.meta.id.clone(),
                from: rise.from.written.to_string(),
                to: rise.to.written.to_string(),
                days,
                unapproved_days,
                after: rise.after,
                capped_by: rise.capped,
                committed: crate::analysis::add_days(rise.to.day, -unapproved_days),
                change: EndChange::Moved,
            })
        })
        .collect()
}

/// An end a snapshot had and the working tree took out: it now ends with
/// its milestones, and where they run later than the end written, beyond
/// the tolerance and with no approved change request affecting it decided
/// since, the end moved with no decision as any other (taken out, neither
/// the end's rule nor the capacity saw it). Done or cancelled since, as
/// an end moved and then closed is.
fn end_taken_out(
    points: &[Point],
    approvals: &Approvals,
    i: &Initiative,
    tolerance_days: i64,
) -> Option<EndSlip> {
    let (_, snapshots) = points.split_last()?;
    let id = i.meta.id.as_str();
    let (p, was) = snapshots
        .iter()
        .rev()
        .find_map(|p| Some((p, p.roadmap.initiative(id)?.end.as_ref()?)))?;
    let now = schedule::dates(i).end?;
    unapproved_end(
        (id, p, approvals, tolerance_days),
        (was.day, was.written.to_string()),
        (now, crate::base::date::iso(now).to_string()),
        EndChange::TakenOut,
    )
}

/// An end written where no snapshot had one, later than the end its
/// milestones made in the last snapshot that had the work, beyond the
/// tolerance and with no approved change request affecting it decided
/// since: the work now runs to it, as an end moved out would (written
/// in, the team's quarters read 80 % where they had read 240 %).
fn end_written_since(
    points: &[Point],
    approvals: &Approvals,
    i: &Initiative,
    tolerance_days: i64,
) -> Option<EndSlip> {
    let (_, snapshots) = points.split_last()?;
    let end = i.end.as_ref()?;
    let id = i.meta.id.as_str();
    let mut had = snapshots
        .iter()
        .filter_map(|p| Some((p, p.roadmap.initiative(id)?)));
    if had.clone().any(|(_, was)| was.end.is_some()) {
        return None;
    }
    let (p, was) = had.next_back()?;
    let then = schedule::dates(was).end?;
    unapproved_end(
        (id, p, approvals, tolerance_days),
        (then, crate::base::date::iso(then).to_string()),
        (end.day, end.written.to_string()),
        EndChange::WrittenSince,
    )
}

/// An end of `id` later than the one snapshot `p` showed (`from`, `to`:
/// each day and as said), beyond the tolerance and with no approved
/// change request affecting it decided since: all of it unapproved, the
/// earlier end committed.
fn unapproved_end(
    (id, p, approvals, tolerance_days): (&str, &Point, &Approvals, i64),
    from: (Day, String),
    to: (Day, String),
    change: EndChange,
) -> Option<EndSlip> {
    let days = days_between(from.0, to.0);
    if days <= tolerance_days || approvals.approving(id, p.today).is_some() {
        return None;
    }
    Some(EndSlip {
        id: id.to_string(),
        from: from.1,
        to: to.1,
        days,
        unapproved_days: days,
        after: p.name.to_string(),
        capped_by: None,
        committed: from.0,
        change,
    })
}

/// RAID items that opened, closed or occurred between two roadmaps, and
/// open ones whose exposure moved. One removed from the log is in
/// `removed` like any item.
fn risk_changes(a: &Roadmap, b: &Roadmap) -> Vec<RiskChange> {
    let before: BTreeMap<&str, &crate::model::Risk> =
        a.risks.iter().map(|x| (x.meta.id.as_str(), x)).collect();
    let mut out = Vec::new();
    for now in &b.risks {
        let was = before.get(now.meta.id.as_str());
        if was.is_none() && a.unread_ids.contains(&now.meta.id) {
            continue;
        }
        let occurred = now.status == "occurred" && was.is_none_or(|w| w.status != "occurred");
        let then = match was {
            Some(w) => RaidPoint::Logged(RaidState::of(w)),
            None => RaidPoint::Absent,
        };
        let moved = raid_moved(&then, &RaidState::of(now));
        let change = match was {
            _ if occurred => Some(RiskChangeKind::Occurred),
            None if now.is_open() => Some(RiskChangeKind::Opened),
            // Raised and closed within the period: a quarter's risk the
            // log would otherwise show only as a new file.
            None => Some(RiskChangeKind::Closed),
            Some(w) if !w.is_open() && now.is_open() => Some(RiskChangeKind::Reopened),
            Some(w) if w.is_open() && !now.is_open() => Some(RiskChangeKind::Closed),
            Some(w) if now.is_open() => match (w.exposure(), now.exposure()) {
                (Some(x), Some(y)) if y > x => Some(RiskChangeKind::ExposureRose),
                (Some(x), Some(y)) if y < x => Some(RiskChangeKind::ExposureFell),
                _ => moved.as_ref().map(|_| RiskChangeKind::Updated),
            },
            Some(_) => None,
        };
        if let Some(change) = change {
            out.push(RiskChange {
                id: now.meta.id.clone(),
                change,
                from_status: was.map(|w| w.status.clone()),
                to_status: Some(now.status.clone()),
                from_exposure: was.and_then(|w| w.exposure()),
                to_exposure: now.exposure(),
                moved: moved.unwrap_or_default(),
                kind: now.kind.as_str().into(),
            });
        }
    }
    out
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
    let served = |r: &Roadmap| -> BTreeSet<String> {
        r.initiatives
            .iter()
            .filter(|i| crate::analysis::is_live(i))
            .flat_map(|i| i.outcomes.iter().cloned())
            .collect()
    };
    let (before, now) = (served(a.roadmap), served(b.roadmap));
    // Its last live work done (and none cancelled): delivered, not left
    // unserved ("its last live initiative is gone" of an outcome the same
    // site called "work delivered").
    let closed = crate::analysis::outcomes::Closed::by_outcome(b.roadmap);
    let delivered = |id: &str| closed.get(id).is_some_and(|c| c.delivered());
    d.lost_last_live = b
        .roadmap
        .outcomes
        .iter()
        .map(|o| &o.meta.id)
        .filter(|id| before.contains(*id) && !now.contains(*id) && !delivered(id))
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
    };

    for (gid, (ib, mb_)) in mb {
        // Looked up once: the maps' keys are compared as strings.
        let before = ma.get(gid).map(|&(_, old)| old);
        match before {
            Some(old) => {
                if old.due.day != mb_.due.day {
                    d.moved.push(Move {
                        gid: Sym::from(*gid),
                        from: old.due.written.as_str().into(),
                        to: mb_.due.written.as_str().into(),
                        days: days_between(old.due.day, mb_.due.day),
                        acknowledged_by: None,
                        needs_ack: false,
                        beyond_approval: None,
                        approved_by_steps: Vec::new(),
                    });
                }
                for c in old.criteria.iter().filter(|c| !mb_.criteria.contains(c)) {
                    d.scope.push(scope_change(
                        ScopeKind::CriterionRemoved {
                            criterion: c.clone(),
                        },
                        gid,
                        &ib.meta.id,
                    ));
                }
                for c in mb_.criteria.iter().filter(|c| !old.criteria.contains(c)) {
                    d.scope.push(scope_change(
                        ScopeKind::CriterionAdded {
                            criterion: c.clone(),
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
            && b.roadmap.initiative(&ia.meta.id).is_some()
            && !incomplete(&ia.meta.id)
        {
            d.scope.push(ScopeChange {
                title: Some(old.title.as_str().into()),
                ..scope_change(ScopeKind::MilestoneRemoved, gid, &ia.meta.id)
            });
        }
    }
}

/// Latent slips: dependents of a milestone that slipped whose own dates
/// stayed where they were.
fn latent_slips<'a>(
    moved: &[Move],
    a: &Point,
    b: &Point,
    ma: &BTreeMap<&'a str, (&'a Initiative, &'a crate::model::Milestone)>,
) -> Vec<Latent> {
    let after = Sym::from(a.name);
    let mut latent = Vec::new();
    let slipped: BTreeMap<&str, i64> = moved
        .iter()
        .filter(|m| m.days > 0)
        .map(|m| (m.gid.as_str(), m.days))
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
        let hits = |deps: &[String]| -> Vec<(Sym, i64)> {
            deps.iter()
                .filter_map(|dep| {
                    // A dependency on an initiative is hit by any of its
                    // milestones slipping.
                    slipped
                        .get(dep.as_str())
                        .map(|days| (Sym::from(dep.as_str()), *days))
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
            let unmoved = ma
                .get(m.gid.as_str())
                .is_some_and(|(_, old)| old.due.day == m.due.day);
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
                from: ia.status.clone(),
                to: ib.status.clone(),
                acknowledged_by: None,
            });
        }
        let (ha, hb) = (
            ia.health.clone().unwrap_or_else(|| "unreported".into()),
            ib.health.clone().unwrap_or_else(|| "unreported".into()),
        );
        if ha != hb {
            d.health.push(Change {
                id: ib.meta.id.clone(),
                from: ha,
                to: hb,
                acknowledged_by: None,
            });
        }
        if ia.owner != ib.owner {
            d.owners.push(Change {
                id: ib.meta.id.clone(),
                from: ia.owner.clone(),
                to: ib.owner.clone(),
                acknowledged_by: None,
            });
        }
        // A milestone's own owner: one it inherits moves with the
        // initiative's, said once above.
        for mb_ in &ib.milestones {
            let Some(ma_) = ia.milestones.iter().find(|m| m.id == mb_.id) else {
                continue;
            };
            let own = |m: &crate::model::Milestone, i: &Initiative| m.owner != i.owner;
            if ma_.owner != mb_.owner && (own(ma_, ia) || own(mb_, ib)) {
                d.owners.push(Change {
                    id: mb_.gid.clone(),
                    from: ma_.owner.clone(),
                    to: mb_.owner.clone(),
                    acknowledged_by: None,
                });
            }
        }
    }
    for tb in &b.roadmap.teams {
        let Some(ta) = a.roadmap.teams.iter().find(|t| t.meta.id == tb.meta.id) else {
            continue;
        };
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
    for kb in &b.roadmap.kpis {
        let Some(ka) = a.roadmap.kpi(&kb.meta.id) else {
            continue;
        };
        let (va, vb) = (
            ka.data.last().map(|p| p.value),
            kb.data.last().map(|p| p.value),
        );
        if va != vb {
            d.kpis.push(KpiMove {
                id: kb.meta.id.clone(),
                from: va,
                to: vb,
            });
        }
        // The target each end set for the period's end; turned around
        // (`direction` changed), the figures mean something else.
        let target = |k: &crate::model::Kpi| crate::analysis::kpi_status(k, b.today).target;
        if let (Some(from), Some(to), true) = (target(ka), target(kb), ka.direction == kb.direction)
        {
            if from != to {
                d.targets.push(TargetMove {
                    id: kb.meta.id.clone(),
                    from,
                    to,
                    loosened: if kb.direction == "down" {
                        to > from
                    } else {
                        to < from
                    },
                    acknowledged_by: None,
                });
            }
        }
        revised(d, a, &kb.meta.id, Series::Kpi, &ka.data, &kb.data, None);
    }
    for ib in &b.roadmap.initiatives {
        if let Some(ia) = a.roadmap.initiative(&ib.meta.id) {
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
                    after_approval: ca.status == "approved"
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

/// More spend on record in `now` than in `was` for the periods over by
/// `reported_on` (see [`LateSpend`]). Summed, so months written again as
/// their quarter are no spend recorded late.
fn late_spend(
    id: &str,
    was: &[crate::model::DataPoint],
    now: &[crate::model::DataPoint],
    reported_on: Day,
) -> Option<LateSpend> {
    let closed = |points: &[crate::model::DataPoint]| -> f64 {
        points
            .iter()
            .filter(|p| reported_by(&p.date, reported_on))
            .map(|p| p.value)
            .sum()
    };
    // `+ 0.0`: nothing on record sums to -0.0, which a script reads as such.
    let (before, after) = (closed(was) + 0.0, closed(now) + 0.0);
    // Amounts summed in another order differ in the last bits.
    if after <= before + 1e-9 * before.abs().max(1.0) {
        return None;
    }
    let old: HashMap<FigureKey, f64> = was.iter().map(|p| (figure_key(&p.date), p.value)).collect();
    let periods = now
        .iter()
        .filter(|p| reported_by(&p.date, reported_on))
        .filter(|p| old.get(&figure_key(&p.date)).is_none_or(|v| p.value > *v))
        .map(|p| p.date.written.to_string())
        .collect();
    Some(LateSpend {
        id: id.to_string(),
        periods,
        was: before,
        now: after,
    })
}

/// The spend figures `was` reported (their period over by `reported_on`)
/// that `now` no longer has one by one but carries in a coarser figure for
/// a period over by `today`, at least their sum (two months written as
/// their quarter once the books close): the money is still on record,
/// nothing was lowered. A coarser figure for a period still running is a
/// flash that may change freely, so it holds nothing the months reported.
fn regrouped_spend(
    was: &[crate::model::DataPoint],
    reported_on: Day,
    now: &[crate::model::DataPoint],
    today: Day,
) -> HashSet<FigureKey> {
    let kept: HashSet<FigureKey> = now.iter().map(|p| figure_key(&p.date)).collect();
    let mut regrouped = HashSet::new();
    for whole in now.iter().filter(|p| reported_by(&p.date, today)) {
        let parts: Vec<&crate::model::DataPoint> = was
            .iter()
            .filter(|p| {
                crate::base::date::lies_within(figure_key(&p.date), figure_key(&whole.date))
                    && reported_by(&p.date, reported_on)
                    && !kept.contains(&figure_key(&p.date))
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        let before = was
            .iter()
            .find(|p| figure_key(&p.date) == figure_key(&whole.date))
            .map_or(0.0, |p| p.value);
        let sum = before + parts.iter().map(|p| p.value).sum::<f64>();
        // Amounts summed in another order differ in the last bits.
        if whole.value >= sum - 1e-9 * sum.abs().max(1.0) {
            regrouped.extend(parts.iter().map(|p| figure_key(&p.date)));
        }
    }
    regrouped
}

/// The figures of `id` that `a` reported (their period over by its day)
/// and that `now` has changed or taken out.
fn revised(
    d: &mut Diff,
    a: &Point,
    id: &str,
    series: Series,
    was: &[crate::model::DataPoint],
    now: &[crate::model::DataPoint],
    regrouped: Option<&HashSet<FigureKey>>,
) {
    let now_by_key: HashMap<FigureKey, f64> =
        now.iter().map(|p| (figure_key(&p.date), p.value)).collect();
    // Its flash figures (the period begun by its day, not over) replaced.
    // Spend only hides overspend by going down, and a month's flash
    // written into its quarter is still on record.
    for was in was
        .iter()
        .filter(|p| p.date.day <= a.today && !reported_by(&p.date, a.today))
    {
        let key = figure_key(&was.date);
        let now = now_by_key.get(&key).copied();
        let kept_as_spend = series == Series::Spend
            && match now {
                Some(v) => v >= was.value,
                None => now_by_key
                    .keys()
                    .any(|&whole| whole != key && crate::base::date::lies_within(key, whole)),
            };
        if now != Some(was.value) && !kept_as_spend {
            d.flash.push(FlashFigure {
                id: id.to_string(),
                series,
                date: was.date.written.to_string(),
                from: was.value,
                to: now,
            });
        }
    }
    let reported = was.iter().filter(|p| reported_by(&p.date, a.today));
    if reported.clone().next().is_none() {
        return;
    }
    for was in reported {
        let key = figure_key(&was.date);
        let now = now_by_key.get(&key).copied();
        // Spend only hides overspend by going down (or away).
        let rose = series == Series::Spend && now.is_some_and(|v| v > was.value);
        let moved_into_whole = regrouped.is_some_and(|r| r.contains(&key));
        if now != Some(was.value) && !rose && !moved_into_whole {
            d.revisions.push(FigureRevision {
                id: id.to_string(),
                series,
                date: was.date.written.to_string(),
                from: was.value,
                to: now,
                after: a.name.to_string(),
                needs_ack: true,
                acknowledged_by: None,
                key,
            });
        }
    }
}

#[cfg(test)]
mod tests {
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
        let reused = analyse(&points, 0, Some(&kept));
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
        let other = analyse(&points, 0, Some(&kept[..0]));
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
