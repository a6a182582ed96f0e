//! Traceability: which outcome each initiative serves, what nothing serves,
//! and the coverage figures that summarise both.

use super::{is_live, MilestoneState};
use crate::base::{HashMap, HashSet};
use crate::model::Roadmap;
use serde::Serialize;
use std::collections::BTreeMap;

/// Milestone counts of one initiative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    /// Done late, or overdue.
    pub late: usize,
    pub overdue: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeTrace {
    pub id: String,
    /// Initiatives serving the outcome (cancelled ones excluded), by
    /// priority then id.
    pub initiatives: Vec<String>,
    pub live: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryGroup {
    pub category: String,
    pub outcomes: Vec<OutcomeTrace>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BacklogItem {
    pub id: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Ratio {
    pub part: usize,
    pub whole: usize,
}

impl Ratio {
    pub fn percent(self) -> Option<u32> {
        (self.whole > 0).then(|| ((self.part as f64 / self.whole as f64) * 100.0).round() as u32)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Traceability {
    pub groups: Vec<CategoryGroup>,
    pub backlog: Vec<BacklogItem>,
    pub unserved_outcomes: Vec<String>,
    pub unaddressed_gaps: Vec<String>,
    pub orphan_kpis: Vec<String>,
    /// KPIs retired by today, in the roadmap's order.
    pub retired_kpis: Vec<String>,
    /// Initiatives (not cancelled) traced to at least one outcome.
    pub initiatives_traced: Ratio,
    /// Outcomes served by at least one live initiative.
    pub outcomes_served: Ratio,
    /// Capability gaps (target above current) raised by some initiative.
    pub gaps_raised: Ratio,
}

pub fn progress(
    r: &Roadmap,
    states: &BTreeMap<String, MilestoneState>,
) -> BTreeMap<String, Progress> {
    r.initiatives
        .iter()
        .map(|i| {
            let mut p = Progress {
                total: i.milestones.len(),
                ..Default::default()
            };
            for m in &i.milestones {
                match states.get(m.gid.as_str()) {
                    Some(MilestoneState::DoneOnTime) => p.done += 1,
                    Some(MilestoneState::DoneLate { .. }) => {
                        p.done += 1;
                        p.late += 1;
                    }
                    Some(MilestoneState::Overdue { .. }) => {
                        p.late += 1;
                        p.overdue += 1;
                    }
                    _ => {}
                }
            }
            (i.meta.id.clone(), p)
        })
        .collect()
}

pub fn traceability(r: &Roadmap, today: jiff::civil::Date) -> Traceability {
    let mut t = Traceability::default();
    let mut serving: HashMap<&str, Vec<usize>> = HashMap::default();
    let closed = crate::analysis::outcomes::Closed::by_outcome(r);
    for (idx, i) in r.initiatives.iter().enumerate() {
        if i.status == "cancelled" {
            continue;
        }
        t.initiatives_traced.whole += 1;
        if i.is_backlog() {
            t.backlog.push(BacklogItem {
                id: i.meta.id.clone(),
                reason: "names no business outcome (its outcomes list is empty)".into(),
            });
            continue;
        }
        t.initiatives_traced.part += 1;
        for o in &i.outcomes {
            serving.entry(o.as_str()).or_default().push(idx);
        }
    }
    let mut groups: BTreeMap<String, Vec<OutcomeTrace>> = BTreeMap::new();
    for o in &r.outcomes {
        let mut inits = serving.remove(o.meta.id.as_str()).unwrap_or_default();
        inits.sort_by_key(|&i| {
            (
                r.initiatives[i].priority.unwrap_or(i64::MAX),
                r.initiatives[i].meta.id.as_str(),
            )
        });
        inits.dedup();
        let live = inits
            .iter()
            .filter(|&&i| is_live(&r.initiatives[i]))
            .count();
        // An outcome whose work is done is served: nothing is left to do
        // for it (its KPIs say whether it paid off), though some of it
        // was cancelled.
        let delivered = || closed.get(o.meta.id.as_str()).is_some_and(|c| c.served());
        // A retired outcome asks for no work: counted neither way.
        if o.retired_by(today) {
        } else if live > 0 || delivered() {
            t.outcomes_served.whole += 1;
            t.outcomes_served.part += 1;
        } else {
            t.outcomes_served.whole += 1;
            t.unserved_outcomes.push(o.meta.id.clone());
        }
        let category = o.category.clone().unwrap_or_else(|| "uncategorised".into());
        groups.entry(category).or_default().push(OutcomeTrace {
            id: o.meta.id.clone(),
            initiatives: inits
                .iter()
                .map(|&i| r.initiatives[i].meta.id.clone())
                .collect(),
            live,
        });
    }
    t.groups = groups
        .into_iter()
        .map(|(category, outcomes)| CategoryGroup { category, outcomes })
        .collect();
    let raised: HashSet<&str> = r
        .initiatives
        .iter()
        .filter(|i| i.status != "cancelled")
        .flat_map(|i| i.capabilities.iter().map(|c| c.as_str()))
        .collect();
    for c in r.capabilities.iter().filter(|c| c.target > c.current) {
        t.gaps_raised.whole += 1;
        if raised.contains(c.meta.id.as_str()) {
            t.gaps_raised.part += 1;
        } else {
            t.unaddressed_gaps.push(c.meta.id.clone());
        }
    }
    // A retired KPI measures nothing now: it is no orphan, and no outcome
    // counts it.
    let (retired, live): (Vec<_>, Vec<_>) = r.kpis.iter().partition(|k| k.retired_by(today));
    t.orphan_kpis = live
        .iter()
        .filter(|k| k.outcomes.is_empty())
        .map(|k| k.meta.id.clone())
        .collect();
    t.retired_kpis = retired.iter().map(|k| k.meta.id.clone()).collect();
    t
}
