//! Facts derived from the roadmap by pure functions: the state of every
//! milestone against `today`, portfolio counts, coverage and KPI status.

pub mod budget;
pub mod capacity;
pub mod dependencies;
pub mod governance;
pub mod links;
pub mod matrices;
pub mod metrics;
pub mod outcomes;
pub mod risks;
pub mod schedule;
pub mod traceability;

use crate::model::{Initiative, Kpi, Milestone, Roadmap};
use jiff::civil::Date as Day;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use traceability::{Progress, Traceability};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum MilestoneState {
    DoneOnTime,
    DoneLate {
        days: i64,
    },
    Overdue {
        days: i64,
    },
    Upcoming {
        days: i64,
    },
    /// Open when its initiative was cancelled: it owes nothing (its page,
    /// its calendar entry and its progress read "overdue by 51 d").
    Cancelled,
}

impl MilestoneState {
    pub fn of(ms: &Milestone, today: Day) -> MilestoneState {
        match &ms.done {
            Some(done) if done.day <= ms.due.day => MilestoneState::DoneOnTime,
            Some(done) => MilestoneState::DoneLate {
                days: days_between(ms.due.day, done.day),
            },
            None if ms.due.day < today => MilestoneState::Overdue {
                days: days_between(ms.due.day, today),
            },
            None => MilestoneState::Upcoming {
                days: days_between(today, ms.due.day),
            },
        }
    }

    /// A short word for the state, used as CSS class and shown as text (the
    /// state is never told by colour alone).
    pub fn key(self) -> &'static str {
        match self {
            MilestoneState::DoneOnTime => "done",
            MilestoneState::DoneLate { .. } => "done-late",
            MilestoneState::Overdue { .. } => "overdue",
            MilestoneState::Upcoming { .. } => "upcoming",
            MilestoneState::Cancelled => "cancelled",
        }
    }

    pub fn label(self) -> String {
        match self {
            MilestoneState::DoneOnTime => "Done on time".into(),
            MilestoneState::DoneLate { days } => format!("Done {days} d late"),
            MilestoneState::Overdue { days } => format!("Overdue by {days} d"),
            MilestoneState::Upcoming { days } => format!("Due in {days} d"),
            MilestoneState::Cancelled => "Not done: work cancelled".into(),
        }
    }

    pub fn is_done(self) -> bool {
        matches!(
            self,
            MilestoneState::DoneOnTime | MilestoneState::DoneLate { .. }
        )
    }
}

pub fn days_between(from: Day, to: Day) -> i64 {
    (to - from).get_days() as i64
}

/// `days` after `from` (at the end of the calendar the last day there is).
pub fn add_days(from: Day, days: i64) -> Day {
    use jiff::ToSpan;
    from.checked_add(days.days())
        .unwrap_or(if days < 0 { Day::MIN } else { Day::MAX })
}

#[derive(Debug, Clone, Serialize)]
pub struct KpiStatus {
    pub latest: Option<f64>,
    pub latest_date: Option<String>,
    pub target: Option<f64>,
    /// With no target in force where the status is read, the first stepped
    /// target after it (`targets: { 2027-Q2: 88 }`), as written: "no target"
    /// would say the KPI has none.
    pub next_target: Option<(String, f64)>,
    /// When the target is a step begun after the latest figure: the step's
    /// start as written, and the target in force on the figure's own date
    /// (the figure's row says it met that one: the status says why it
    /// does not stand any more).
    #[serde(skip)]
    pub step_since: Option<(String, Option<f64>)>,
    /// `Some(true)` when the latest value meets the target in the KPI's
    /// better direction.
    pub on_target: Option<bool>,
    pub first: Option<f64>,
    /// Whether the series moves the right way from its first point.
    pub improving: Option<bool>,
    /// The latest value is old for this KPI's own rhythm of measurement.
    pub stale: Option<Stale>,
    /// Retired by today: it judges nothing (no target status, never stale)
    /// and is left out of what counts the KPIs of the day.
    pub retired: bool,
    /// The target written now where it loosens, with no approved change
    /// request, the one a snapshot set (see
    /// [`crate::history::TargetLoosened`]): `target` and `on_target` are
    /// that snapshot's, as a budget raised with no decision is judged by
    /// the one last approved (a target moved to meet the figure read "on
    /// target" on every page).
    pub target_written: Option<f64>,
    /// The latest figure restated with no approved change request since a
    /// snapshot reported it (rewritten, or taken out with none after it):
    /// `latest` and `on_target` are the figure reported, as a target
    /// loosened is judged by the one a snapshot set (a bad month restated
    /// read "on target" on every page but the KPI's archived one).
    pub latest_restated: Option<Restated>,
    /// The `direction` written now where it turned the KPI around with no
    /// approved change request since a snapshot read it the other way
    /// (see [`crate::history::DirectionTurned`]): `on_target` reads it
    /// that snapshot's way (18 against a target of 80 read "on target" on
    /// the brief once `direction: down`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction_written: Option<String>,
    /// With `target_written`: the day the target on record was in force
    /// from in the snapshot that set it (see [`TargetOnRecord::since`]).
    #[serde(skip)]
    pub record_since: Option<Day>,
}

/// What the KPIs are judged by where the history says a snapshot's record
/// stands unapproved: targets loosened (the target set, the target written
/// now) and latest figures restated.
#[derive(Debug, Default)]
pub struct KpisOnRecord {
    pub loosened: BTreeMap<String, TargetOnRecord>,
    pub restated: BTreeMap<String, Restated>,
    /// KPIs turned around with no decision: the direction on record.
    pub turned: BTreeMap<String, String>,
}

impl KpisOnRecord {
    pub fn is_empty(&self) -> bool {
        self.loosened.is_empty() && self.restated.is_empty() && self.turned.is_empty()
    }
}

/// A KPI target loosened with no decision: the one a snapshot set, the one
/// written now, and the day the one set was in force from in that
/// snapshot (`None`: from the first figure). Rows before it keep the
/// targets written for them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetOnRecord {
    pub record: f64,
    pub written: f64,
    pub since: Option<Day>,
}

/// A KPI's latest figure as reported, where it was restated with no
/// decision: its date as written, and the value written now (`None`:
/// taken out).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Restated {
    pub date: String,
    pub reported: f64,
    pub written: Option<f64>,
    /// The figure's date read, to judge the KPI as if it stood.
    #[serde(skip)]
    pub point: crate::base::date::Date,
}

impl KpiStatus {
    /// Judged by the figure a snapshot reported (see
    /// [`KpiStatus::latest_restated`]).
    ///
    /// The KPI is read again with the figure put back: its target, a step
    /// begun since, its staleness and trend are the figure's own (the
    /// latest taken out, they described the figure before it, and "stale"
    /// could stand beside a figure reported last month). A retired KPI
    /// judges nothing, but its latest figure is still the one reported
    /// (retiring it showed the figure rewritten).
    pub fn judged_as_reported(self, kpi: &Kpi, restated: &Restated, today: Day) -> KpiStatus {
        let mut as_reported = kpi.clone();
        let reported = crate::model::DataPoint {
            date: restated.point.clone(),
            value: restated.reported,
            target: None,
        };
        let data = &mut as_reported.data;
        // A figure written again at a finer date within its period stands
        // in for it: the one reported takes its place.
        let period = (restated.point.day, restated.point.precision);
        data.retain(|p| {
            p.date == restated.point
                || !crate::base::date::lies_within((p.date.day, p.date.precision), period)
        });
        match data.iter().position(|p| p.date == restated.point) {
            // Its target column as written stays.
            Some(k) => data[k].value = restated.reported,
            None => {
                let at = data.partition_point(|p| p.date.day <= restated.point.day);
                data.insert(at, reported);
            }
        }
        let mut status = kpi_status(&as_reported, today);
        status.latest_restated = Some(restated.clone());
        status.target_written = self.target_written;
        status.record_since = self.record_since;
        status
    }

    /// Judged by `record`, the target a snapshot set, where the one in
    /// force now is `written`, looser and unapproved.
    pub fn on_record(mut self, kpi: &Kpi, t: TargetOnRecord) -> KpiStatus {
        let TargetOnRecord {
            record,
            written,
            since,
        } = t;
        if self.retired || self.target != Some(written) || written == record {
            return self;
        }
        self.target_written = Some(written);
        self.target = Some(record);
        self.record_since = since;
        self.on_target = self.latest.map(|v| meets(kpi, v, record));
        self
    }
}

/// A KPI's target as steps, from each day on (as its chart draws it): a data
/// file's own `target` column counts from each row's date on, as the KPI's
/// status reads it (a row's target before `targets:`; drawn without it,
/// the line showed another target than the status). Each row's target is
/// the one the status would read on its date (its own, else
/// `targets:`/`target:` then); steps after the last row follow. Empty
/// when the KPI has one `target:` alone.
pub fn target_steps(kpi: &Kpi) -> Vec<(Day, f64)> {
    let rows_have_targets = kpi.data.iter().any(|p| p.target.is_some());
    let last_row = kpi.data.last().map(|p| p.date.day);
    let mut steps: Vec<(Day, f64)> = kpi
        .data
        .iter()
        .filter(|_| rows_have_targets)
        .filter_map(|p| {
            p.target
                .or(kpi.target_at(p.date.day))
                .map(|t| (p.date.day, t))
        })
        .chain(
            kpi.targets
                .iter()
                .filter(|(d, _)| !rows_have_targets || last_row.is_none_or(|l| d.day > l))
                .map(|(d, v)| (d.day, *v)),
        )
        .collect();
    steps.sort_by_key(|(d, _)| *d);
    steps.dedup_by_key(|(d, _)| *d);
    // One step per change of value, not per row.
    steps.dedup_by(|later, earlier| later.1 == earlier.1);
    steps
}

/// Whether `value` is as good as `bar` in the KPI's better direction.
fn meets(kpi: &Kpi, value: f64, bar: f64) -> bool {
    if kpi.direction == "down" {
        value <= bar
    } else {
        value >= bar
    }
}

/// A KPI not measured for more than twice its usual interval (and more
/// than 45 days): its latest value no longer says how things stand.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Stale {
    /// Days since the latest value.
    pub days: i64,
    /// The usual interval between values (the median), in days.
    pub every: i64,
}

/// The figures measured by `today`: one for a period not begun yet (often
/// a typo in the year) would be the headline value, and its finding says so.
pub fn figures_by(kpi: &Kpi, today: Day) -> &[crate::model::DataPoint] {
    &kpi.data[..kpi.data.partition_point(|p| p.date.day <= today)]
}

fn staleness(kpi: &Kpi, today: Day) -> Option<Stale> {
    let data = figures_by(kpi, today);
    let last = data.last()?;
    let mut gaps: Vec<i64> = data
        .windows(2)
        .map(|w| days_between(w[0].date.day, w[1].date.day))
        .filter(|g| *g > 0)
        .collect();
    gaps.sort_unstable();
    let every = *gaps.get(gaps.len() / 2)?;
    // From the last day of the period the figure is for: August's figure
    // is not 116 days old on 25 November, but 86 (from a trial).
    let ended = crate::base::date::period_end(&last.date)
        .yesterday()
        .unwrap_or(last.date.day)
        .min(today);
    let days = days_between(ended, today);
    (days > 2 * every && days > 45).then_some(Stale { days, every })
}

pub fn kpi_status(kpi: &Kpi, today: Day) -> KpiStatus {
    let data = figures_by(kpi, today);
    let last = data.last();
    let read_on = last.map(|p| p.date.day).unwrap_or(today);
    // A step begun since the latest figure is the target now, as the
    // dashboard shows it: judged against the step of its own date, a figure
    // read "target not yet due" (or on target) under a higher target in
    // force for weeks, until the next figure came.
    let step_since = kpi
        .targets
        .iter()
        .rev()
        .find(|(d, _)| d.day <= today)
        .filter(|(d, _)| d.day > read_on);
    let begun_since = step_since.map(|(_, v)| *v);
    // A data file's target column left blank on the latest row keeps the
    // target its rows last gave (read as none, the KPI left its outcome's
    // roll-up and the count of KPIs on target).
    let carried = || data.iter().rev().find_map(|p| p.target);
    let target = begun_since.or_else(|| {
        last.and_then(|p| p.target)
            .or_else(|| kpi.target_at(read_on))
            .or_else(carried)
    });
    let next_target = target
        .is_none()
        .then(|| kpi.targets.iter().find(|(d, _)| d.day > read_on))
        .flatten()
        .map(|(d, v)| (d.written.to_string(), *v));
    let better = |a: f64, b: f64| meets(kpi, a, b);
    let first = data.first().map(|p| p.value);
    let retired = kpi.retired_by(today);
    KpiStatus {
        latest: last.map(|p| p.value),
        latest_date: last.map(|p| p.date.written.to_string()),
        target,
        step_since: step_since.map(|(d, _)| {
            let then = last
                .and_then(|p| p.target)
                .or_else(|| kpi.target_at(read_on));
            (d.written.to_string(), then)
        }),
        next_target: next_target.filter(|_| !retired),
        on_target: match (last, target) {
            (Some(p), Some(t)) if !retired => Some(better(p.value, t)),
            _ => None,
        },
        first,
        improving: match (first, last) {
            (Some(f), Some(l)) if data.len() > 1 && f != l.value => Some(better(l.value, f)),
            _ => None,
        },
        stale: staleness(kpi, today).filter(|_| !retired),
        retired,
        target_written: None,
        direction_written: None,
        latest_restated: None,
        record_since: None,
    }
}

#[derive(Debug, Default, Serialize)]
pub struct Facts {
    pub milestones: BTreeMap<String, MilestoneState>,
    /// The states the history judged otherwise than the milestones' own
    /// dates give (a due moved with no decision, a `done:` dated before
    /// the record): few, for readers that compute the rest again. In
    /// `milestones` already, so not exported twice.
    #[serde(skip)]
    pub rejudged: BTreeMap<String, MilestoneState>,
    /// Open milestones of live work past the date they stand committed to
    /// (moved since with no decision), by that date: overdue from it in
    /// `overdue` and wherever a state is shown, whether or not the date
    /// moved to is past too (counted from the later date, a milestone read
    /// "114 d overdue" beside "174 d past the date committed").
    #[serde(skip)]
    pub past_committed: BTreeMap<String, Day>,
    /// Milestones whose due moved later with no decision, by the date they
    /// stand committed to (past or not, done since or not): what a
    /// forecast is judged against, and what an end its milestones make
    /// stands committed to.
    #[serde(skip)]
    pub committed_dues: BTreeMap<String, Day>,
    /// Initiatives whose end moved later with no decision, by the end they
    /// stand committed to: their effort is counted to it (see
    /// [`Facts::with_committed_ends`]).
    #[serde(skip)]
    pub committed_ends: BTreeMap<String, Day>,
    /// Initiatives whose effort was cut with no decision, by initiative and
    /// team: the effort on record, which the capacity counts.
    #[serde(skip)]
    pub committed_effort: BTreeMap<String, BTreeMap<String, f64>>,
    pub status_counts: BTreeMap<String, usize>,
    pub health_counts: BTreeMap<String, usize>,
    /// Milestone global ids, sorted by due date; with the history, also
    /// the open ones past the date they stand committed to (moved since
    /// with no decision), by that date.
    pub overdue: Vec<String>,
    pub due_30: Vec<String>,
    pub due_90: Vec<String>,
    pub done: usize,
    pub done_on_time: usize,
    pub milestones_total: usize,
    pub live_initiatives: usize,
    pub backlog: Vec<String>,
    pub kpis: BTreeMap<String, KpiStatus>,
    pub progress: BTreeMap<String, Progress>,
    pub traceability: Traceability,
    /// Dependency cycles, each as the path around it.
    pub cycles: Vec<Vec<String>>,
    /// Effective start and end of every initiative.
    pub dates: BTreeMap<String, schedule::Dates>,
    /// Computed health of every open initiative.
    pub health: BTreeMap<String, schedule::Computed>,
    pub capacity: Vec<capacity::TeamLoad>,
    pub dependencies: dependencies::DependencyFacts,
    pub governance: governance::GovernanceFacts,
    pub metrics: metrics::Metrics,
    /// Every outcome rolled up from its live initiatives and KPIs.
    pub outcomes: BTreeMap<String, outcomes::Rollup>,
    /// Money against the plan, per initiative, outcome, team and in all.
    pub budget: budget::BudgetFacts,
    /// The RAID log: the heat map, what each open item threatens, reviews
    /// overdue.
    pub risks: risks::RiskFacts,
}

impl Facts {
    /// Initiatives reported green whose data says red.
    /// Reported green while the data says red.
    pub fn is_watermelon(&self, i: &Initiative) -> bool {
        is_watermelon_by(i, &self.health)
    }

    /// Whether the KPI `id` is retired by today (see [`KpiStatus::retired`]).
    pub fn kpi_retired(&self, id: &str) -> bool {
        self.kpis.get(id).is_some_and(|s| s.retired)
    }

    pub fn watermelons<'a>(&'a self, r: &'a Roadmap) -> impl Iterator<Item = &'a Initiative> + 'a {
        r.initiatives
            .iter()
            .map(|i| &**i)
            .filter(|i| self.is_watermelon(i))
    }
}

/// The facts' health and outcome rollups with the history's unapproved
/// slips counted (see [`Facts::with_unapproved_slips`]).
pub struct WithSlips {
    health: BTreeMap<String, schedule::Computed>,
    outcomes: BTreeMap<String, outcomes::Rollup>,
    /// When a done milestone's due moved with no decision, or its `done:`
    /// is dated before the record of it: the states, progress and
    /// delivery metrics judged against the date committed and the day the
    /// record allows.
    delivered: Option<Delivered>,
    /// When an open milestone's due moved with no decision and the date it
    /// stands committed to is past: the overdue and due-soon lists with it
    /// overdue (the delivery metrics counted it overdue while the
    /// dashboard listed it "due in 26 d").
    due_lists: Option<DueLists>,
    /// KPIs whose target was loosened with no decision, judged by the one
    /// on record (see [`KpiStatus::target_written`]).
    kpis: Option<BTreeMap<String, KpiStatus>>,
    /// With `delivered`: the dependencies blocked by the milestones as it
    /// judges them.
    dependencies: Option<dependencies::DependencyFacts>,
    /// See [`Facts::committed_dues`].
    committed_dues: BTreeMap<String, Day>,
}

struct DueLists {
    past_committed: BTreeMap<String, Day>,
    overdue: Vec<String>,
    due_30: Vec<String>,
    due_90: Vec<String>,
}

struct Delivered {
    milestones: BTreeMap<String, MilestoneState>,
    rejudged: BTreeMap<String, MilestoneState>,
    done_on_time: usize,
    progress: BTreeMap<String, Progress>,
    metrics: metrics::Metrics,
}

impl WithSlips {
    pub fn health(&self) -> &BTreeMap<String, schedule::Computed> {
        &self.health
    }
}

impl Facts {
    /// What the history adds to the facts of the working tree: a milestone
    /// that moved beyond the tolerance with no decision makes its
    /// initiative amber (red once the date committed is long past), and
    /// the outcomes it serves roll that up. Made
    /// beside other readers of these facts, stored by [`Facts::apply_slips`].
    ///
    /// A done milestone whose due date moved with no decision (often
    /// after it was done, to make a late delivery read on time) is judged
    /// against the date it stands committed to: its state, its
    /// initiative's progress and the delivery metrics, as health judges
    /// an open one. `done_no_earlier`: done milestones whose `done:` is
    /// dated before a snapshot's record of them, by the day the record
    /// allows (the day a snapshot recorded, else that of the snapshot that
    /// showed them open and overdue): they count done then (a completion
    /// dated back read on time in the delivery rate and the roll-ups).
    #[allow(clippy::too_many_arguments)]
    pub fn with_unapproved_slips(
        &self,
        r: &Roadmap,
        unapproved: &[schedule::UnapprovedSlip],
        done_no_earlier: &BTreeMap<String, Day>,
        unrecorded: &BTreeSet<crate::base::Sym>,
        on_record: &KpisOnRecord,
        today: Day,
        fiscal_start: u8,
    ) -> WithSlips {
        let mut health = self.health.clone();
        // Latest figures restated and targets loosened with no decision:
        // judged by the ones on record, as is the outcome each measures.
        let KpisOnRecord {
            loosened,
            restated,
            turned,
        } = on_record;
        let kpis = (!on_record.is_empty()).then(|| {
            let mut kpis = self.kpis.clone();
            // Turned around with no decision: read the way the snapshot
            // read it, and the figures and target with it.
            let as_recorded: BTreeMap<&str, Kpi> = turned
                .iter()
                .filter_map(|(id, direction)| {
                    let mut k = r.kpi(id)?.clone();
                    k.direction = direction.clone();
                    Some((id.as_str(), k))
                })
                .collect();
            let kpi_of = |id: &str| as_recorded.get(id).or_else(|| r.kpi(id));
            for (id, k) in &as_recorded {
                if let (Some(s), Some(written)) = (kpis.get_mut(*id), r.kpi(id)) {
                    *s = kpi_status(k, today);
                    s.direction_written = Some(written.direction.clone());
                }
            }
            for (id, restated) in restated {
                if let (Some(k), Some(s)) = (kpi_of(id), kpis.get_mut(id)) {
                    let direction_written = s.direction_written.take();
                    *s = s.clone().judged_as_reported(k, restated, today);
                    s.direction_written = direction_written;
                }
            }
            for (id, &target) in loosened {
                if let (Some(k), Some(s)) = (kpi_of(id), kpis.get_mut(id)) {
                    *s = s.clone().on_record(k, target);
                }
            }
            kpis
        });
        schedule::add_unapproved_slips(&mut health, r, unapproved, today);
        // Open ones too: the delivery metrics count them due from the date
        // committed, as their definition says (moved out with no decision,
        // a milestone past that date was not counted due at all).
        let committed: BTreeMap<String, Day> = unapproved
            .iter()
            .filter_map(|s| {
                let m = r.milestone(&s.gid)?;
                (s.committed < m.due.day).then(|| (m.gid.to_string(), s.committed))
            })
            .collect();
        let judged_again: BTreeSet<&String> =
            committed.keys().chain(done_no_earlier.keys()).collect();
        let due_lists = self.due_lists(r, &committed, today);
        let delivered = (!judged_again.is_empty() || !unrecorded.is_empty()).then(|| {
            let mut milestones = self.milestones.clone();
            let mut rejudged = BTreeMap::new();
            let mut done_on_time = self.done_on_time;
            for gid in judged_again {
                let (Some(m), Some(state)) = (r.milestone(gid), milestones.get_mut(gid)) else {
                    continue;
                };
                let Some(done) = &m.done else { continue };
                let due = committed.get(gid).copied().unwrap_or(m.due.day);
                let done = done_no_earlier
                    .get(gid)
                    .map_or(done.day, |&day| day.max(done.day));
                if *state == MilestoneState::DoneOnTime && done > due {
                    done_on_time -= 1;
                }
                let judged = if done <= due {
                    MilestoneState::DoneOnTime
                } else {
                    MilestoneState::DoneLate {
                        days: days_between(due, done),
                    }
                };
                if judged != *state {
                    *state = judged;
                    rejudged.insert(gid.clone(), judged);
                }
            }
            // Open, past the date committed: overdue from it, in the
            // progress, the roll-ups and the metrics as on the dashboard.
            for (gid, &day) in due_lists.iter().flat_map(|l| &l.past_committed) {
                if let Some(state) = milestones.get_mut(gid) {
                    *state = MilestoneState::Overdue {
                        days: days_between(day, today),
                    };
                }
            }
            let progress = traceability::progress(r, &milestones);
            let metrics = metrics::analyse(
                r,
                &milestones,
                &self.dates,
                &self.capacity,
                today,
                fiscal_start,
                &committed,
                unrecorded,
            );
            Delivered {
                milestones,
                rejudged,
                done_on_time,
                progress,
                metrics,
            }
        });
        let states = delivered
            .as_ref()
            .map_or(&self.milestones, |d| &d.milestones);
        let outcomes = outcomes::rollup(
            r,
            &health,
            states,
            &self.dates,
            kpis.as_ref().unwrap_or(&self.kpis),
            today,
        );
        let dependencies = delivered
            .as_ref()
            .map(|d| dependencies::reblocked(r, &self.dependencies, &d.milestones));
        let committed_dues = committed_dues(r, unapproved);
        WithSlips {
            health,
            outcomes,
            delivered,
            due_lists,
            kpis,
            dependencies,
            committed_dues,
        }
    }

    /// The overdue and due-soon lists with the open milestones of live
    /// work moved with no decision (`committed`: the date each stands
    /// committed to) counted by that date: overdue from it once it is
    /// past, due soon by it before (moved out with no decision, a promise
    /// due next month left the list of what is due). `None` when none of
    /// them is past its date or due soon by it.
    fn due_lists(
        &self,
        r: &Roadmap,
        committed: &BTreeMap<String, Day>,
        today: Day,
    ) -> Option<DueLists> {
        let (month, three_months) = (
            crate::base::date::months_ahead(today, 1),
            crate::base::date::months_ahead(today, 3),
        );
        let open_live: BTreeMap<&str, Day> = committed
            .iter()
            .filter(|&(_, &day)| day <= three_months)
            .filter(|&(gid, _)| {
                r.milestone(gid).is_some_and(|m| {
                    m.done.is_none() && r.initiative(m.initiative.as_str()).is_some_and(is_live)
                })
            })
            .map(|(gid, &day)| (gid.as_str(), day))
            .collect();
        let (late, pending): (BTreeMap<&str, Day>, BTreeMap<&str, Day>) =
            open_live.into_iter().partition(|&(_, day)| day < today);
        if late.is_empty() && pending.is_empty() {
            return None;
        }
        let mut overdue: Vec<(Day, &str)> = self
            .overdue
            .iter()
            .filter(|gid| !late.contains_key(gid.as_str()))
            .filter_map(|gid| Some((r.milestone(gid)?.due.day, gid.as_str())))
            .chain(late.iter().map(|(&gid, &day)| (day, gid)))
            .collect();
        overdue.sort();
        // Due soon by the date committed, in its order.
        let soon = |list: &[String], by: Day| -> Vec<String> {
            let mut soon: Vec<(Day, &str)> = list
                .iter()
                .filter(|gid| {
                    !late.contains_key(gid.as_str()) && !pending.contains_key(gid.as_str())
                })
                .filter_map(|gid| Some((r.milestone(gid)?.due.day, gid.as_str())))
                .chain(
                    pending
                        .iter()
                        .filter(|&(_, &day)| day <= by)
                        .map(|(&gid, &day)| (day, gid)),
                )
                .collect();
            soon.sort();
            soon.into_iter().map(|(_, gid)| gid.to_string()).collect()
        };
        Some(DueLists {
            past_committed: late
                .iter()
                .map(|(&gid, &day)| (gid.to_string(), day))
                .collect(),
            overdue: overdue
                .into_iter()
                .map(|(_, gid)| gid.to_string())
                .collect(),
            due_30: soon(&self.due_30, month),
            due_90: soon(&self.due_90, three_months),
        })
    }

    /// Each quarter a snapshot closed read as that snapshot recorded it
    /// (see [`capacity::as_recorded`]), in the capacity and the metrics'
    /// utilisation alike.
    pub fn with_recorded_capacity(
        &mut self,
        r: &Roadmap,
        config: &crate::config::Config,
        records: &[(&str, &[capacity::TeamLoad])],
    ) {
        let capacity = std::mem::take(&mut self.capacity);
        let as_written = EndsOnRecord::default();
        self.capacity = recorded_capacity(capacity, r, &self.dates, config, records, &as_written);
        self.metrics.utilisation = metrics::utilisation(&self.capacity);
    }

    /// The capacity judged by the end each initiative stands committed to
    /// where a later one was written with no approved change request
    /// (`ends`, by initiative; see [`crate::history::EndSlip`]), as
    /// budgets and milestones are: spread over the later end, a team
    /// overcommitted in its quarters read fine where the quarter's own
    /// site said 248 %. `records` as for [`Facts::with_recorded_capacity`].
    pub fn with_committed_ends(
        &mut self,
        r: &Roadmap,
        config: &crate::config::Config,
        ends: &EndsOnRecord,
        records: &[(&str, &[capacity::TeamLoad])],
    ) {
        let committed = committed_ends(r, ends, &self.committed_dues);
        if committed.is_empty()
            && ends.effort.is_empty()
            && ends.starts.is_empty()
            && ends.teams.is_empty()
        {
            return;
        }
        let mut dates = self.dates.clone();
        for (id, &end) in &committed {
            if let Some(d) = dates.get_mut(id) {
                d.end = d.end.map(|written| written.min(end));
            }
        }
        for (id, &start) in &ends.starts {
            if let Some(d) = dates.get_mut(*id) {
                d.start = d.start.map(|written| written.max(start));
            }
        }
        let fiscal_start = config.roadmap.fiscal_year_start;
        let capacity = capacity::capacity_over(
            r,
            &dates,
            fiscal_start,
            config.today.day,
            None,
            &ends.effort,
            &ends.teams,
        );
        self.capacity = recorded_capacity(capacity, r, &dates, config, records, ends);
        self.metrics.utilisation = metrics::utilisation(&self.capacity);
        self.committed_ends = committed;
        self.committed_effort = ends
            .effort
            .iter()
            .map(|(id, teams)| {
                let teams = teams.iter().map(|(t, days)| (t.to_string(), *days));
                (id.to_string(), teams.collect())
            })
            .collect();
    }

    /// The money judged by the budget last approved wherever a rise since
    /// stands with no approval (`approved`, by initiative; see
    /// [`budget::BudgetStatus::approved`]), by the spend as reported
    /// wherever a restatement took it down with none (`restated`; see
    /// [`budget::BudgetStatus::restated`]), and its burn against the
    /// milestones due by the date they stand committed to (after
    /// [`Facts::apply_slips`]), its plan to date spread to the end each
    /// initiative stands committed to (after [`Facts::with_committed_ends`]:
    /// spread over an end moved later with no decision, the plan of late
    /// work read lower, and the spend it had not made read as on plan).
    pub fn with_approved_budgets(
        &mut self,
        r: &Roadmap,
        config: &crate::config::Config,
        approved: &BTreeMap<String, crate::model::Budget>,
        restated: &BTreeMap<String, f64>,
    ) {
        if !approved.is_empty()
            || !restated.is_empty()
            || !self.past_committed.is_empty()
            || !self.committed_ends.is_empty()
        {
            let mut dates = std::borrow::Cow::Borrowed(&self.dates);
            for (id, &end) in &self.committed_ends {
                if let Some(d) = dates.to_mut().get_mut(id) {
                    d.end = d.end.map(|written| written.min(end));
                }
            }
            self.budget = budget::analyse(
                r,
                &dates,
                &self.progress,
                config,
                approved,
                restated,
                &self.past_committed,
            );
        }
    }

    pub fn apply_slips(&mut self, slipped: WithSlips) {
        self.committed_dues = slipped.committed_dues;
        self.health = slipped.health;
        self.outcomes = slipped.outcomes;
        if let Some(kpis) = slipped.kpis {
            self.kpis = kpis;
        }
        if let Some(lists) = slipped.due_lists {
            self.past_committed = lists.past_committed;
            self.overdue = lists.overdue;
            self.due_30 = lists.due_30;
            self.due_90 = lists.due_90;
        }
        if let Some(dependencies) = slipped.dependencies {
            self.dependencies = dependencies;
        }
        if let Some(d) = slipped.delivered {
            self.milestones = d.milestones;
            self.rejudged = d.rejudged;
            self.done_on_time = d.done_on_time;
            self.progress = d.progress;
            self.metrics = d.metrics;
        }
    }
}

/// Milestones moved later with no decision, done since or not, by the
/// date each stands committed to (see [`Facts::committed_dues`]).
pub fn committed_dues(
    r: &Roadmap,
    unapproved: &[schedule::UnapprovedSlip],
) -> BTreeMap<String, Day> {
    unapproved
        .iter()
        .filter(|u| {
            r.milestone(u.gid.as_str())
                .is_some_and(|m| u.committed < m.due.day)
        })
        .map(|u| (u.gid.to_string(), u.committed))
        .collect()
}

/// What the history says of the ends the work stands committed to, where
/// it now runs later with no decision: each `end:` moved, taken out or
/// written since (by initiative, the end committed), and each milestone
/// added; and of the effort, where it was cut with none (by initiative,
/// each team's effort on record; see `crate::history::ends_on_record`).
#[derive(Debug, Clone, Default)]
pub struct EndsOnRecord<'h> {
    pub moved: BTreeMap<&'h str, Day>,
    pub added: Vec<AddedScope>,
    pub effort: capacity::EffortOnRecord<'h>,
    /// By initiative, the start a snapshot had where the one written now
    /// is dated back before it with no decision (see
    /// `crate::history::StartBackdated`): the capacity spreads the effort
    /// from it, as it counts a completion dated back from the record.
    pub starts: BTreeMap<&'h str, Day>,
    /// By team, the team as a snapshot had it where its capacity was
    /// raised since with no decision (see `crate::history::CapacityRise`):
    /// the capacity counts it so.
    pub teams: capacity::TeamsOnRecord<'h>,
}

/// Milestones added with no approved change request to one initiative
/// (see `crate::history::added_scope`), with the earliest end it had before
/// them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedScope {
    pub initiative: String,
    pub end_before: Day,
    pub milestones: Vec<String>,
}

/// The end each initiative stands committed to, where it runs later with
/// no decision: `ends` (its `end:` moved, see
/// [`crate::history::EndSlip`]) and, for an end its milestones make (no
/// `end:`), the latest date they stand committed to (`dues`, see
/// [`committed_dues`]): its milestones moved out with no decision spread
/// its effort as an end moved did.
pub fn committed_ends(
    r: &Roadmap,
    ends: &EndsOnRecord,
    dues: &BTreeMap<String, Day>,
) -> BTreeMap<String, Day> {
    let added = &ends.added;
    let mut committed: BTreeMap<String, Day> = ends
        .moved
        .iter()
        .map(|(id, &end)| (id.to_string(), end))
        .collect();
    if dues.is_empty() && added.is_empty() {
        return committed;
    }
    for i in r.initiatives.iter().filter(|i| i.end.is_none()) {
        let scope = added.iter().find(|a| a.initiative == i.meta.id);
        if committed.contains_key(&i.meta.id)
            || (scope.is_none()
                && !i
                    .milestones
                    .iter()
                    .any(|m| dues.contains_key(m.gid.as_str())))
        {
            continue;
        }
        let end = i
            .milestones
            .iter()
            // Added with no decision: no date of theirs is committed, the
            // end the work had before them is.
            .filter(|m| scope.is_none_or(|s| !s.milestones.iter().any(|g| *g == m.gid)))
            // Moved with no decision, done since or not: its date
            // committed (done later, the quarters it overran count as
            // an end moved and then done does).
            .map(|m| match (dues.get(m.gid.as_str()), &m.done) {
                (Some(&committed), _) => committed,
                (None, Some(d)) => d.day.max(m.due.day),
                (None, None) => m.due.day,
            })
            .chain(scope.map(|s| s.end_before))
            .max();
        if let (Some(end), Some(now)) = (end, schedule::dates(i).end) {
            if end < now {
                committed.insert(i.meta.id.clone(), end);
            }
        }
    }
    committed
}

/// `capacity` with each quarter a snapshot closed read as that snapshot
/// recorded it (see [`Facts::with_recorded_capacity`]).
fn recorded_capacity(
    capacity: Vec<capacity::TeamLoad>,
    r: &Roadmap,
    dates: &BTreeMap<String, schedule::Dates>,
    config: &crate::config::Config,
    records: &[(&str, &[capacity::TeamLoad])],
    on_record: &EndsOnRecord,
) -> Vec<capacity::TeamLoad> {
    let fiscal_start = config.roadmap.fiscal_year_start;
    let Some(span) = capacity::recorded_span(records, fiscal_start) else {
        return capacity;
    };
    // The quarters shown reach over those recorded: work cancelled since
    // took the quarters it filled out of the plan's own span (made again
    // only then).
    let shown = |q: Option<&capacity::QuarterLoad>| {
        q.and_then(|q| q.last_day)
            .map(|day| crate::base::date::Quarter::of(day, fiscal_start))
    };
    let quarters = capacity.first().map(|t| &t.quarters);
    let covered = quarters.is_some_and(|q| {
        shown(q.first()).is_some_and(|first| first <= span.0)
            && shown(q.last()).is_some_and(|last| last >= span.1)
    });
    let mut capacity = if covered {
        capacity
    } else {
        capacity::capacity_over(
            r,
            dates,
            fiscal_start,
            config.today.day,
            Some(span),
            &on_record.effort,
            &on_record.teams,
        )
    };
    capacity::as_recorded(&mut capacity, records);
    capacity
}

/// Reported green, computed red by `health`.
pub fn is_watermelon_by(i: &Initiative, health: &BTreeMap<String, schedule::Computed>) -> bool {
    i.health.as_deref() == Some("green")
        && !i.is_backlog()
        && health
            .get(&i.meta.id)
            .is_some_and(|c| c.health == schedule::Health::Red)
}

/// Live work: traced to an outcome and not finished or cancelled.
pub fn is_live(init: &Initiative) -> bool {
    !init.is_backlog() && !init.is_closed()
}

/// The team loads of the quarters a snapshot closed (see
/// [`capacity::closed_quarters`]), as its own capacity view counted them
/// on its day: work to the end it stood committed to (`ends`, see
/// [`Facts::with_committed_ends`]); `since`: the day of the snapshot
/// before it.
pub fn closed_quarters(
    r: &Roadmap,
    config: &crate::config::Config,
    since: Option<Day>,
    ends: &EndsOnRecord,
    unapproved: &[schedule::UnapprovedSlip],
) -> Vec<capacity::TeamLoad> {
    let committed = committed_ends(r, ends, &committed_dues(r, unapproved));
    let dates: BTreeMap<String, schedule::Dates> = r
        .initiatives
        .iter()
        .map(|i| {
            let mut d = schedule::dates(i);
            if let Some(&end) = committed.get(&i.meta.id) {
                d.end = d.end.map(|written| written.min(end));
            }
            if let Some(&start) = ends.starts.get(i.meta.id.as_str()) {
                d.start = d.start.map(|written| written.max(start));
            }
            (i.meta.id.clone(), d)
        })
        .collect();
    let today = config.today.day;
    let loads = capacity::capacity_over(
        r,
        &dates,
        config.roadmap.fiscal_year_start,
        today,
        None,
        &ends.effort,
        &ends.teams,
    );
    capacity::closed_quarters(&loads, today, since)
}

pub fn analyse(r: &Roadmap, config: &crate::config::Config) -> Facts {
    let today = config.today.day;
    let fiscal_start = config.roadmap.fiscal_year_start;
    let mut f = Facts::default();
    let mut upcoming: Vec<(Day, String)> = Vec::new();
    let (month, three_months) = (
        crate::base::date::months_ahead(today, 1),
        crate::base::date::months_ahead(today, 3),
    );
    let mut overdue: Vec<(Day, String)> = Vec::new();
    for init in &r.initiatives {
        *f.status_counts.entry(init.status.to_string()).or_default() += 1;
        let health = init
            .health
            .map_or_else(|| "unreported".into(), |h| h.to_string());
        if init.is_backlog() {
            f.backlog.push(init.meta.id.clone());
        } else if !init.is_closed() {
            f.live_initiatives += 1;
            *f.health_counts.entry(health).or_default() += 1;
        }
        let cancelled = init.status == "cancelled";
        for ms in &init.milestones {
            let state = match MilestoneState::of(ms, today) {
                open if cancelled && !open.is_done() => MilestoneState::Cancelled,
                state => state,
            };
            f.milestones.insert(ms.gid.to_string(), state);
            f.milestones_total += 1;
            match state {
                MilestoneState::DoneOnTime => {
                    f.done += 1;
                    f.done_on_time += 1;
                }
                MilestoneState::DoneLate { .. } => f.done += 1,
                // Backlog and cancelled work makes no promises to track.
                MilestoneState::Overdue { .. } if is_live(init) => {
                    overdue.push((ms.due.day, ms.gid.to_string()))
                }
                MilestoneState::Upcoming { .. } if is_live(init) && ms.due.day <= three_months => {
                    upcoming.push((ms.due.day, ms.gid.to_string()))
                }
                _ => {}
            }
        }
    }
    overdue.sort();
    upcoming.sort();
    f.overdue = overdue.into_iter().map(|(_, g)| g).collect();
    for (day, gid) in upcoming {
        if day <= month {
            f.due_30.push(gid.clone());
        }
        f.due_90.push(gid);
    }
    f.progress = traceability::progress(r, &f.milestones);
    f.traceability = traceability::traceability(r, today);
    f.cycles = dependencies::cycles(&dependencies::graph(r));
    f.dates = schedule::dates_of(r);
    f.health = schedule::computed_health(r, &f.milestones, today);
    risks::add_gate_risks(&mut f.health, r, config, today);
    f.risks = risks::analyse(r, config);
    f.budget = budget::analyse(
        r,
        &f.dates,
        &f.progress,
        config,
        &BTreeMap::new(),
        &BTreeMap::new(),
        &BTreeMap::new(),
    );
    f.capacity = capacity::capacity(r, &f.dates, fiscal_start, today);
    f.dependencies = dependencies::analyse(r, &f.milestones, &f.dates);
    f.governance = governance::analyse(r, config);
    f.metrics = metrics::analyse(
        r,
        &f.milestones,
        &f.dates,
        &f.capacity,
        today,
        fiscal_start,
        &BTreeMap::new(),
        &BTreeSet::new(),
    );
    f.kpis = r
        .kpis
        .iter()
        .map(|k| (k.meta.id.clone(), kpi_status(k, today)))
        .collect();
    f.outcomes = outcomes::rollup(r, &f.health, &f.milestones, &f.dates, &f.kpis, today);
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::date::{parse, Edge};

    fn ms(due: &str, done: Option<&str>) -> Milestone {
        Milestone {
            id: "m".into(),
            gid: "i/m".into(),
            initiative: "i".into(),
            title: "M".into(),
            due: parse(due, Edge::End, 1).unwrap(),
            owner: Default::default(),
            criteria: vec![],
            criteria_placeholder: false,
            done: done.map(|d| parse(d, Edge::End, 1).unwrap()),
            done_ahead: None,
            baseline: None,
            gate: false,
            depends_on: vec![],
            line: 0,
            col: 0,
            due_span: None,
            done_span: None,
        }
    }

    #[test]
    fn milestone_states_against_today() {
        let today = jiff::civil::date(2026, 11, 25);
        assert_eq!(
            MilestoneState::of(&ms("2026-10-31", Some("2026-10-30")), today),
            MilestoneState::DoneOnTime
        );
        assert_eq!(
            MilestoneState::of(&ms("2026-10-31", Some("2026-11-10")), today),
            MilestoneState::DoneLate { days: 10 }
        );
        assert_eq!(
            MilestoneState::of(&ms("2026-Q3", None), today),
            MilestoneState::Overdue { days: 56 }
        );
        assert_eq!(
            MilestoneState::of(&ms("2026-12", None), today),
            MilestoneState::Upcoming { days: 36 }
        );
    }
}

#[cfg(test)]
mod scenarios;
