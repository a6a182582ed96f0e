//! Capacity: each committed initiative's effort per team, spread evenly over
//! the fiscal quarters it spans, against what the team has left after its
//! operational load.

use super::schedule::Dates;
use crate::base::date::Quarter;
use crate::model::{Initiative, PerQuarter, Roadmap};
use serde::Serialize;
use std::collections::BTreeMap;

/// Statuses whose effort is committed. Proposed and on-hold work is live
/// roadmap but holds no people yet.
pub const COMMITTED_STATUSES: &[&str] = &["planned", "active"];

#[derive(Debug, Clone, Serialize)]
pub struct QuarterLoad {
    pub quarter: String,
    pub capacity: f64,
    pub ops_load: f64,
    /// Person-days taken by operations: capacity × ops_load.
    pub ops_days: f64,
    pub committed: f64,
    /// capacity − ops − committed (negative when overcommitted).
    pub remaining: f64,
    /// (ops + committed) / capacity.
    pub utilisation: Option<f64>,
    /// Initiative id → person-days in this quarter.
    pub by_initiative: Vec<(String, f64)>,
}

impl QuarterLoad {
    pub fn overcommitted(&self) -> bool {
        self.utilisation.is_some_and(|u| u > 1.0 + 1e-9)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamLoad {
    pub team: String,
    pub quarters: Vec<QuarterLoad>,
}

/// The value in force for quarter `q`: its own entry, else the latest earlier
/// entry, else the default, else the earliest entry.
pub fn value_for(p: &PerQuarter, q: Quarter, fiscal_start: u8) -> Option<f64> {
    let keyed: Vec<(Quarter, f64)> = p
        .by_quarter
        .iter()
        .map(|(d, v)| (Quarter::of(d.day, fiscal_start), *v))
        .collect();
    keyed
        .iter()
        .rev()
        .find(|(k, _)| *k <= q)
        .map(|(_, v)| *v)
        .or(p.default)
        .or_else(|| keyed.first().map(|(_, v)| *v))
}

pub fn quarters_between(start: Quarter, end: Quarter) -> Vec<Quarter> {
    let mut out = Vec::new();
    let mut q = start;
    while q <= end && out.len() < 400 {
        out.push(q);
        q = q.next();
    }
    out
}

pub fn is_committed(i: &Initiative) -> bool {
    !i.is_backlog() && COMMITTED_STATUSES.contains(&i.status.as_str())
}

/// (initiative id, person-days) committed to a team in one quarter.
type Shares = Vec<(String, f64)>;

pub fn capacity(r: &Roadmap, dates: &BTreeMap<String, Dates>, fiscal_start: u8) -> Vec<TeamLoad> {
    // team → quarter → [(initiative, days)]
    let mut load: BTreeMap<&str, BTreeMap<Quarter, Shares>> = BTreeMap::new();
    for i in r.initiatives.iter().filter(|i| is_committed(i)) {
        let Some(d) = dates.get(&i.meta.id) else {
            continue;
        };
        let (Some(start), Some(end)) = (d.start, d.end) else {
            continue;
        };
        let quarters = quarters_between(
            Quarter::of(start, fiscal_start),
            Quarter::of(end.max(start), fiscal_start),
        );
        if quarters.is_empty() {
            continue;
        }
        for (team, days) in &i.effort {
            let share = days / quarters.len() as f64;
            for q in &quarters {
                load.entry(team.as_str())
                    .or_default()
                    .entry(*q)
                    .or_default()
                    .push((i.meta.id.clone(), share));
            }
        }
    }
    // Every team gets the same quarters (the span of all committed work), so
    // idle quarters show as capacity left rather than vanish.
    let first = load.values().filter_map(|m| m.keys().next()).min().copied();
    let last = load
        .values()
        .filter_map(|m| m.keys().next_back())
        .max()
        .copied();
    let span = match (first, last) {
        (Some(a), Some(b)) => quarters_between(a, b),
        _ => Vec::new(),
    };
    r.teams
        .iter()
        .map(|t| {
            let mut by_quarter = load.remove(t.meta.id.as_str()).unwrap_or_default();
            let quarters = span
                .iter()
                .map(|q| (*q, by_quarter.remove(q).unwrap_or_default()))
                .map(|(q, items)| {
                    let capacity = value_for(&t.capacity, q, fiscal_start).unwrap_or(0.0);
                    let ops_load = value_for(&t.ops_load, q, fiscal_start).unwrap_or(0.0);
                    let ops_days = capacity * ops_load;
                    let committed: f64 = items.iter().map(|(_, d)| d).sum();
                    QuarterLoad {
                        quarter: q.to_string(),
                        capacity,
                        ops_load,
                        ops_days,
                        committed,
                        remaining: capacity - ops_days - committed,
                        utilisation: (capacity > 0.0).then(|| (ops_days + committed) / capacity),
                        by_initiative: items,
                    }
                })
                .collect();
            TeamLoad {
                team: t.meta.id.clone(),
                quarters,
            }
        })
        .collect()
}
