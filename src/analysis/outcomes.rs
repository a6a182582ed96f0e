//! Each business outcome rolled up from the live work that serves it and
//! the KPIs that measure it: the worst computed health among its
//! initiatives, their milestones, the latest end against the horizon, and
//! the latest KPI values against the target in force.

use super::schedule::{Computed, Dates, Health};
use super::{is_live, KpiStatus, MilestoneState};
use crate::base::date::iso;
use crate::model::{Outcome, Roadmap};
use jiff::civil::Date as Day;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeState {
    OnTrack,
    AtRisk,
    OffTrack,
    /// No live initiative serves it: nothing is being done about it.
    Unserved,
    /// Every initiative serving it is done, and none was cancelled: its
    /// work is delivered, and no KPI measuring it is off target (one off
    /// target puts it at risk: the work did not pay off yet).
    Delivered,
    /// No longer pursued (`retired:` by today): on record, judged by
    /// nothing.
    Retired,
}

impl OutcomeState {
    pub fn key(self) -> &'static str {
        match self {
            OutcomeState::OnTrack => "on-track",
            OutcomeState::AtRisk => "at-risk",
            OutcomeState::OffTrack => "off-track",
            OutcomeState::Unserved => "unserved",
            OutcomeState::Delivered => "delivered",
            OutcomeState::Retired => "retired",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OutcomeState::OnTrack => "on track",
            OutcomeState::AtRisk => "at risk",
            OutcomeState::OffTrack => "off track",
            OutcomeState::Unserved => "not served",
            OutcomeState::Delivered => "work delivered",
            OutcomeState::Retired => "retired",
        }
    }

    /// The health colour the state is drawn with (next to its words).
    pub fn colour(self) -> &'static str {
        match self {
            OutcomeState::OnTrack | OutcomeState::Delivered => "green",
            OutcomeState::AtRisk => "amber",
            OutcomeState::OffTrack | OutcomeState::Unserved => "red",
            OutcomeState::Retired => "grey",
        }
    }

    /// Whether leadership should hear of it.
    pub fn at_risk(self) -> bool {
        !matches!(
            self,
            OutcomeState::OnTrack | OutcomeState::Delivered | OutcomeState::Retired
        )
    }
}

/// A serving item that finishes after the outcome's horizon.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BeyondHorizon {
    /// An initiative id, or a milestone's global id.
    pub id: String,
    pub date: Day,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    pub state: OutcomeState,
    /// Worst computed health among the live serving initiatives.
    pub health: Option<Health>,
    pub live_initiatives: Vec<String>,
    pub milestones_total: usize,
    pub milestones_done: usize,
    /// Overdue, or done after their due date.
    pub milestones_late: usize,
    /// The latest end of a live serving initiative.
    pub latest_end: Option<Day>,
    pub horizon: Option<Day>,
    /// Serving initiatives ending, and open serving milestones due, after
    /// the horizon (latest first).
    pub beyond_horizon: Vec<BeyondHorizon>,
    /// The KPIs that measure it, with whether each meets its target in
    /// force (`None`: no data or no target).
    pub kpis: Vec<(String, Option<bool>)>,
    /// Why the state is what it is, one line per cause.
    pub reasons: Vec<String>,
}

impl Rollup {
    pub fn kpis_on_target(&self) -> usize {
        self.kpis.iter().filter(|(_, ok)| *ok == Some(true)).count()
    }
}

/// Whether the work for an outcome is delivered, of the initiatives past
/// the backlog that serve it: none live, one done, and none cancelled
/// (cancelled work is not delivered, whatever else is).
#[derive(Debug, Clone, Copy, Default)]
pub struct Closed {
    pub done: bool,
    pub cancelled: bool,
}

impl Closed {
    fn see(&mut self, i: &crate::model::Initiative) {
        self.done |= i.status == "done";
        self.cancelled |= i.status == "cancelled";
    }

    /// With no live work serving it: all of it done.
    pub fn delivered(self) -> bool {
        self.done && !self.cancelled
    }

    /// With no live work serving it: some of it done (the rest cancelled,
    /// perhaps), so it is served by delivered work. A done initiative read
    /// "not served: no live initiative serves it" once another serving the
    /// same outcome was cancelled, its KPI on target (from a trial).
    pub fn served(self) -> bool {
        self.done
    }

    /// What the done and cancelled initiatives of `r` say of each outcome
    /// they serve, by outcome id.
    pub fn by_outcome(r: &Roadmap) -> crate::base::HashMap<&str, Closed> {
        let mut closed: crate::base::HashMap<&str, Closed> = crate::base::HashMap::default();
        for i in r.initiatives.iter().filter(|i| i.is_closed()) {
            for o in &i.outcomes {
                closed.entry(o.as_str()).or_default().see(i);
            }
        }
        closed
    }
}

/// The KPIs measuring an outcome: the model already holds both sides of
/// the link in `kpis` (named by the outcome, or naming it); a mistyped id
/// is no KPI.
pub fn kpis_of<'a>(r: &'a Roadmap, o: &'a Outcome) -> Vec<&'a str> {
    o.kpis
        .iter()
        .map(String::as_str)
        .filter(|id| r.kpi(id).is_some())
        .collect()
}

pub fn rollup(
    r: &Roadmap,
    health: &BTreeMap<String, Computed>,
    states: &BTreeMap<String, MilestoneState>,
    dates: &BTreeMap<String, Dates>,
    kpis: &BTreeMap<String, KpiStatus>,
    today: Day,
) -> BTreeMap<String, Rollup> {
    // The live work of every outcome in one pass: asking each outcome to
    // scan every initiative was 2,000,000 comparisons at 10,000 initiatives
    // and 200 outcomes, in the one-threaded part of the build.
    let mut serving: crate::base::HashMap<&str, Vec<usize>> = crate::base::HashMap::default();
    for (k, i) in r.initiatives.iter().enumerate().filter(|(_, i)| is_live(i)) {
        let mut outcomes: Vec<&str> = i.outcomes.iter().map(|o| o.as_str()).collect();
        outcomes.sort_unstable();
        outcomes.dedup();
        for o in outcomes {
            serving.entry(o).or_default().push(k);
        }
    }
    // What the roll-ups read of each live initiative, looked up once: an
    // initiative serves several outcomes, and looking its milestones up
    // again for each (ids in maps of 40,000) was most of the roll-ups at
    // 10,000 initiatives.
    use rayon::prelude::*;
    let seen: Vec<Option<Seen>> = r
        .initiatives
        .par_iter()
        .map(|i| is_live(i).then(|| Seen::of(i, health, states, dates)))
        .collect();
    let closed = Closed::by_outcome(r);
    // The cancelled work of every outcome, in the same single pass.
    let mut cancelled: crate::base::HashMap<&str, Vec<&str>> = crate::base::HashMap::default();
    for i in r.initiatives.iter().filter(|i| i.status == "cancelled") {
        for o in &i.outcomes {
            cancelled.entry(o.as_str()).or_default().push(&i.meta.title);
        }
    }
    // Each outcome's rollup stands alone, and at 10,000 initiatives this
    // runs twice per load (again once the history's unapproved slips are
    // known).
    r.outcomes
        .par_iter()
        .map(|o| {
            let id = o.meta.id.as_str();
            let work: Vec<(&crate::model::Initiative, &Seen)> = serving
                .get(id)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter_map(|&k| Some((&*r.initiatives[k], seen[k].as_ref()?)))
                .collect();
            let closed = closed.get(id).copied().unwrap_or_default();
            let cancelled = cancelled.get(id).map_or(&[][..], Vec::as_slice);
            let mut rollup = one(r, o, (&work, closed, cancelled), kpis);
            if o.retired_by(today) {
                retire(&mut rollup, o);
            }
            (o.meta.id.clone(), rollup)
        })
        .collect()
}

/// A live initiative as the roll-ups of the outcomes it serves read it.
struct Seen<'r> {
    health: Option<Health>,
    end: Option<Day>,
    milestones_total: usize,
    milestones_done: usize,
    milestones_late: usize,
    /// Each milestone not done, with the date it is done no earlier than.
    open: Vec<(&'r str, Day)>,
}

impl<'r> Seen<'r> {
    fn of(
        i: &'r crate::model::Initiative,
        health: &BTreeMap<String, Computed>,
        states: &BTreeMap<String, MilestoneState>,
        dates: &BTreeMap<String, Dates>,
    ) -> Seen<'r> {
        let mut seen = Seen {
            health: health.get(&i.meta.id).map(|c| c.health),
            end: dates.get(&i.meta.id).and_then(|d| d.end),
            milestones_total: i.milestones.len(),
            milestones_done: 0,
            milestones_late: 0,
            open: Vec::new(),
        };
        for m in &i.milestones {
            let state = states.get(m.gid.as_str());
            match state {
                Some(MilestoneState::DoneOnTime) => seen.milestones_done += 1,
                Some(MilestoneState::DoneLate { .. }) => {
                    seen.milestones_done += 1;
                    seen.milestones_late += 1;
                }
                Some(MilestoneState::Overdue { .. }) => seen.milestones_late += 1,
                _ => {}
            }
            if m.done.is_none() {
                // Overdue, it is done no earlier than today: still open once
                // the horizon has passed, the outcome is late all the same
                // (due before the horizon, it read as within it).
                let date = match state {
                    Some(MilestoneState::Overdue { days }) => {
                        crate::analysis::add_days(m.due.day, *days).max(m.due.day)
                    }
                    _ => m.due.day,
                };
                seen.open.push((m.gid.as_str(), date));
            }
        }
        seen
    }
}

/// A retired outcome keeps its figures (the work that served it, its
/// KPIs) but is judged by none of them; work still listing it is said.
fn retire(rollup: &mut Rollup, o: &Outcome) {
    rollup.state = OutcomeState::Retired;
    let from = o.retired.as_ref().map_or("", |d| d.written.as_str());
    let mut reason = format!("retired from {from}: no longer pursued");
    match rollup.live_initiatives.len() {
        0 => {}
        1 => reason.push_str("; 1 live initiative still lists it"),
        n => reason.push_str(&format!("; {n} live initiatives still list it")),
    }
    rollup.reasons = vec![reason];
    // No horizon holds it any more: its page says nothing of work past it.
    rollup.horizon = None;
    rollup.beyond_horizon.clear();
}

fn one(
    r: &Roadmap,
    o: &Outcome,
    (serving, closed, cancelled): (&[(&crate::model::Initiative, &Seen)], Closed, &[&str]),
    kpis: &BTreeMap<String, KpiStatus>,
) -> Rollup {
    let horizon = o.horizon.as_ref().map(|h| h.day);
    let mut rollup = Rollup {
        state: OutcomeState::OnTrack,
        health: serving.iter().filter_map(|(_, s)| s.health).max(),
        live_initiatives: serving.iter().map(|(i, _)| i.meta.id.clone()).collect(),
        milestones_total: serving.iter().map(|(_, s)| s.milestones_total).sum(),
        milestones_done: serving.iter().map(|(_, s)| s.milestones_done).sum(),
        milestones_late: serving.iter().map(|(_, s)| s.milestones_late).sum(),
        latest_end: serving.iter().filter_map(|(_, s)| s.end).max(),
        horizon,
        beyond_horizon: Vec::new(),
        kpis: kpis_of(r, o)
            .into_iter()
            .filter(|k| !kpis.get(*k).is_some_and(|s| s.retired))
            .map(|k| (k.to_string(), kpis.get(k).and_then(|s| s.on_target)))
            .collect(),
        reasons: Vec::new(),
    };
    if let Some(h) = horizon {
        for (i, seen) in serving {
            if let Some(end) = seen.end.filter(|e| *e > h) {
                rollup.beyond_horizon.push(BeyondHorizon {
                    id: i.meta.id.clone(),
                    date: end,
                });
            }
            for &(gid, date) in seen.open.iter().filter(|(_, date)| *date > h) {
                rollup.beyond_horizon.push(BeyondHorizon {
                    id: gid.to_string(),
                    date,
                });
            }
        }
    }
    rollup
        .beyond_horizon
        .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));

    let mut red = Vec::new();
    let mut amber = Vec::new();
    if let (Some(h), Some(latest)) = (horizon, rollup.beyond_horizon.first()) {
        // Counted by initiative: one ending late with its last milestone
        // read as "2 serving items" (from a trial).
        let initiatives: BTreeSet<&str> = rollup
            .beyond_horizon
            .iter()
            .map(|b| b.id.split('/').next().unwrap_or(&b.id))
            .collect();
        red.push(format!(
            "{} after the horizon {} (latest: {})",
            crate::words::count(
                initiatives.len(),
                "serving initiative ends",
                "serving initiatives end"
            ),
            iso(h),
            iso(latest.date)
        ));
    }
    // Named, so the reason says where to look.
    let named = |want: Health| -> Vec<String> {
        serving
            .iter()
            .filter(|(_, s)| s.health == Some(want))
            .map(|(i, _)| format!("“{}”", i.meta.title))
            .collect()
    };
    let names = |list: &[String]| -> String {
        match list.len() {
            0..=2 => list.join(" and "),
            n => format!("{}, {} and {} more", list[0], list[1], n - 2),
        }
    };
    let red_work = named(Health::Red);
    let amber_work = named(Health::Amber);
    // One red initiative puts the outcome at risk; all its work red means
    // it will not be reached as planned.
    if !red_work.is_empty() && red_work.len() == serving.len() {
        red.push(format!(
            "all its live work is computed red: {}",
            names(&red_work)
        ));
    } else if !red_work.is_empty() {
        amber.push(format!("computed red: {}", names(&red_work)));
    }
    if !amber_work.is_empty() {
        amber.push(format!("computed amber: {}", names(&amber_work)));
    }
    let off: Vec<String> = rollup
        .kpis
        .iter()
        .filter(|(_, ok)| *ok == Some(false))
        .map(|(id, _)| {
            r.kpi(id)
                .map(|k| format!("“{}”", k.meta.title))
                .unwrap_or_else(|| id.clone())
        })
        .collect();
    if !off.is_empty() {
        amber.push(format!("off target: {}", names(&off)));
    }
    if rollup.kpis.is_empty() {
        // Measured once, by KPIs retired since: said, so the reader knows
        // why a KPI listed beside it no longer counts.
        let retired: Vec<String> = kpis_of(r, o)
            .into_iter()
            .filter_map(|id| r.kpi(id))
            .map(|k| format!("“{}”", k.meta.title))
            .collect();
        amber.push(if retired.is_empty() {
            "no KPI measures it".into()
        } else {
            format!("no live KPI measures it ({} retired)", names(&retired))
        });
    }
    rollup.state = if serving.is_empty() && closed.delivered() {
        if off.is_empty() {
            rollup.reasons = vec!["every initiative serving it is done".into()];
            OutcomeState::Delivered
        } else {
            // Delivered work whose KPIs miss their target has not paid off:
            // "work delivered" in green kept it off every list of outcomes
            // at risk.
            rollup.reasons = vec![format!(
                "every initiative serving it is done, but off target: {}",
                names(&off)
            )];
            OutcomeState::AtRisk
        }
    } else if serving.is_empty() && closed.served() {
        // Done in part, the rest cancelled: delivered only where its KPIs
        // say it paid off (cancelling the late work must not make an
        // outcome read delivered on no evidence: a KPI with no reading
        // says nothing).
        let quoted: Vec<String> = cancelled.iter().map(|t| format!("“{t}”")).collect();
        let done = format!(
            "work serving it is done but {} {} cancelled",
            names(&quoted),
            if quoted.len() == 1 { "was" } else { "were" }
        );
        if !off.is_empty() {
            rollup.reasons = vec![format!("{done}, and off target: {}", names(&off))];
            OutcomeState::AtRisk
        } else if rollup.kpis_on_target() == 0 {
            rollup.reasons = vec![format!("{done}, and no KPI says whether it paid off")];
            OutcomeState::AtRisk
        } else {
            rollup.reasons = vec![format!("{done}; its KPIs are on target")];
            OutcomeState::Delivered
        }
    } else if serving.is_empty() {
        rollup.reasons = vec![if closed.cancelled {
            "no live initiative serves it: work serving it was cancelled".into()
        } else {
            "no live initiative serves it".into()
        }];
        OutcomeState::Unserved
    } else if !red.is_empty() {
        red.extend(amber);
        rollup.reasons = red;
        OutcomeState::OffTrack
    } else if !amber.is_empty() {
        rollup.reasons = amber;
        OutcomeState::AtRisk
    } else {
        OutcomeState::OnTrack
    };
    rollup
}
