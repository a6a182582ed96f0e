//! Delivery metrics roadbook computes from the data itself: on-time rate per
//! quarter of due date, lateness, initiative cycle time and capacity
//! utilisation against plan.

use super::capacity::TeamLoad;
use super::schedule::Dates;
use super::{days_between, MilestoneState};
use crate::base::date::Quarter;
use crate::model::Roadmap;
use jiff::civil::Date as Day;
use serde::Serialize;
use std::collections::BTreeMap;

/// Every page and export shows these two figures with these words: one
/// definition each, here.
pub const ON_TIME_DEFINITION: &str = "of the milestones due so far (live or done work traced to an outcome, and those cancelled work delivered), the share done by their due date; a due moved beyond the slip tolerance with no approved change request counts from the date it stands committed to, and a completion dated before a snapshot's record of it counts done on the day the record allows (the day it recorded, else that of the snapshot that showed it open and overdue)";
pub const LATENESS_DEFINITION: &str = "over the milestones done after their due date as it stands only: how many, the median and the maximum days late (on-time ones do not dilute it; overdue ones are counted apart). The forecasts' lateness is another measure: from the date first promised, every milestone done counted, on time as 0";

/// How late the late milestones were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Lateness {
    /// Milestones done after their due date.
    pub count: usize,
    pub median_days: f64,
    pub max_days: i64,
}

impl Lateness {
    fn of(mut days: Vec<i64>) -> Option<Lateness> {
        days.retain(|d| *d > 0);
        if days.is_empty() {
            return None;
        }
        days.sort_unstable();
        let n = days.len();
        let median_days = if n % 2 == 1 {
            days[n / 2] as f64
        } else {
            (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
        };
        Some(Lateness {
            count: n,
            median_days,
            max_days: days[n - 1],
        })
    }

    /// "median 12 d, max 27 d (3 late)".
    pub fn text(&self) -> String {
        format!(
            "median {} d, max {} d ({} late)",
            crate::words::one_decimal(self.median_days),
            self.max_days,
            self.count
        )
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct QuarterDelivery {
    pub quarter: String,
    /// Milestones due in the quarter, up to today.
    pub due: usize,
    pub on_time: usize,
    pub late: usize,
    pub overdue: usize,
    /// on_time / due.
    pub on_time_rate: Option<f64>,
    /// Over the milestones done late only.
    pub lateness: Option<Lateness>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Utilisation {
    pub quarter: String,
    pub capacity: f64,
    pub used: f64,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Metrics {
    pub per_quarter: Vec<QuarterDelivery>,
    pub due: usize,
    pub on_time: usize,
    pub on_time_rate: Option<f64>,
    pub lateness: Option<Lateness>,
    /// Done initiatives: (id, days from start to the last milestone done).
    pub cycle_times: Vec<(String, i64)>,
    pub avg_cycle_time_days: Option<f64>,
    pub utilisation: Vec<Utilisation>,
}

fn mean(values: &[i64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<i64>() as f64 / values.len() as f64)
}

/// `committed`: done milestones whose due date moved with no decision,
/// by the date they stand committed to: their quarter is that date's (a
/// delivery is judged against the promise, as `states` judges them).
/// `unrecorded`: milestones written in once done, no promise of them on
/// record: not counted (the history's promises leave them out too); with
/// them, done initiatives of no milestones written in so, left out of the
/// cycle times.
#[allow(clippy::too_many_arguments)]
pub fn analyse(
    r: &Roadmap,
    states: &BTreeMap<String, MilestoneState>,
    dates: &BTreeMap<String, Dates>,
    capacity: &[TeamLoad],
    today: Day,
    fiscal_start: u8,
    committed: &BTreeMap<String, Day>,
    unrecorded: &std::collections::BTreeSet<crate::base::Sym>,
) -> Metrics {
    let mut by_quarter: BTreeMap<Quarter, (QuarterDelivery, Vec<i64>)> = BTreeMap::new();
    let mut all_lateness = Vec::new();
    for i in r.initiatives.iter().filter(|i| !i.is_backlog()) {
        // Work cancelled delivered what it delivered: its milestones done
        // count (left out, cancelling late work after the fact took the
        // rate from 67 % to 100 %, from a CIO's trial); its open ones will
        // never be done.
        let cancelled = i.status == "cancelled";
        // Due so far: past its date, or done on or before it. A milestone
        // due today and open is not late yet, so it is not counted.
        // Each looked up once (thousands of moved milestones at 10,000
        // initiatives make the map long).
        let delivered = i
            .milestones
            .iter()
            .filter(|m| !cancelled || m.done.is_some())
            .filter(|m| unrecorded.is_empty() || !unrecorded.contains(m.gid.as_str()));
        let dues = delivered.map(|m| {
            let committed = (!committed.is_empty())
                .then(|| committed.get(m.gid.as_str()).copied())
                .flatten();
            (m, committed.unwrap_or(m.due.day), committed.is_some())
        });
        for (m, due, moved) in
            dues.filter(|&(m, due, _)| due < today || (due == today && m.done.is_some()))
        {
            let q = Quarter::of(due, fiscal_start);
            let entry = by_quarter.entry(q).or_insert_with(|| {
                (
                    QuarterDelivery {
                        quarter: q.to_string(),
                        ..Default::default()
                    },
                    Vec::new(),
                )
            });
            entry.0.due += 1;
            match states.get(m.gid.as_str()) {
                Some(MilestoneState::DoneOnTime) => {
                    entry.0.on_time += 1;
                    entry.1.push(0);
                }
                Some(MilestoneState::DoneLate { days }) => {
                    entry.0.late += 1;
                    entry.1.push(*days);
                }
                Some(MilestoneState::Overdue { .. }) => entry.0.overdue += 1,
                // Due by the date committed, not by the date moved to with
                // no decision: overdue.
                Some(MilestoneState::Upcoming { .. }) if moved => entry.0.overdue += 1,
                _ => {}
            }
        }
    }
    let mut m = Metrics::default();
    for (_, (mut q, lateness)) in by_quarter {
        q.on_time_rate = (q.due > 0).then(|| q.on_time as f64 / q.due as f64);
        q.lateness = Lateness::of(lateness.clone());
        m.due += q.due;
        m.on_time += q.on_time;
        all_lateness.extend(lateness);
        m.per_quarter.push(q);
    }
    m.on_time_rate = (m.due > 0).then(|| m.on_time as f64 / m.due as f64);
    m.lateness = Lateness::of(all_lateness);
    // Work written in once done, every milestone of it, was never on
    // record: a quick one made up lowers the average as it raised the rate.
    let written_in_done = |i: &crate::model::Initiative| {
        !unrecorded.is_empty()
            && match i.milestones.is_empty() {
                true => unrecorded.contains(i.meta.id.as_str()),
                false => i
                    .milestones
                    .iter()
                    .all(|m| unrecorded.contains(m.gid.as_str())),
            }
    };
    for i in r
        .initiatives
        .iter()
        .filter(|i| i.status == "done" && !written_in_done(i))
    {
        let Some(start) = dates.get(&i.meta.id).and_then(|d| d.start) else {
            continue;
        };
        let finish = i
            .milestones
            .iter()
            .filter_map(|m| m.done.as_ref().map(|d| d.day))
            .max()
            .or_else(|| dates.get(&i.meta.id).and_then(|d| d.end));
        if let Some(finish) = finish {
            m.cycle_times
                .push((i.meta.id.clone(), days_between(start, finish)));
        }
    }
    m.avg_cycle_time_days = mean(&m.cycle_times.iter().map(|(_, d)| *d).collect::<Vec<_>>());
    m.utilisation = utilisation(capacity);
    m
}

/// Each quarter's capacity and what operations and committed work use of
/// it, over all teams.
pub fn utilisation(capacity: &[TeamLoad]) -> Vec<Utilisation> {
    let mut util: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for t in capacity {
        for q in &t.quarters {
            let e = util.entry(q.quarter.clone()).or_default();
            e.0 += q.capacity;
            e.1 += q.ops_days + q.committed;
        }
    }
    util.into_iter()
        .map(|(quarter, (capacity, used))| Utilisation {
            quarter,
            capacity,
            used,
            rate: (capacity > 0.0).then(|| used / capacity),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Lateness;

    #[test]
    fn lateness_counts_only_the_late() {
        assert_eq!(
            Lateness::of(vec![0, 0, 0, 0, 27]).map(|l| (l.count, l.median_days, l.max_days)),
            Some((1, 27.0, 27))
        );
        assert_eq!(
            Lateness::of(vec![0, 4, 10, 30, 2]).map(|l| (l.count, l.median_days, l.max_days)),
            Some((4, 7.0, 30))
        );
        assert_eq!(Lateness::of(vec![0, 0]), None);
    }
}
