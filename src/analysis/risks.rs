//! The RAID log against the plan: exposure on the probability × impact
//! grid, which work each open item threatens, which items are overdue for
//! review, and the gates a high-exposure risk makes doubtful.

use super::days_between;
use super::schedule::Computed;
use crate::config::Config;
use crate::model::{Risk, Roadmap};
use jiff::civil::Date as Day;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A gate this close (in days) with an open high-exposure risk on it makes
/// its initiative amber.
pub const GATE_RISK_DAYS: i64 = 30;
/// From this exposure a cell of the heat map is amber (below it, green);
/// red is `[governance] risk-high-exposure`.
pub const MEDIUM_EXPOSURE: u8 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Exposure {
    Low,
    Medium,
    High,
}

impl Exposure {
    pub fn of(score: u8, high: u8) -> Exposure {
        if score >= high {
            Exposure::High
        } else if score >= MEDIUM_EXPOSURE.min(high) {
            Exposure::Medium
        } else {
            Exposure::Low
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Exposure::Low => "low",
            Exposure::Medium => "medium",
            Exposure::High => "high",
        }
    }

    /// The health colour the same level is shown in.
    pub fn colour(self) -> &'static str {
        match self {
            Exposure::Low => "green",
            Exposure::Medium => "amber",
            Exposure::High => "red",
        }
    }
}

/// An open item not reviewed when it should have been.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StaleRisk {
    pub id: String,
    /// The day the review was due.
    pub due: Day,
    /// Days since then.
    pub days: i64,
    /// Whether `due` is the item's own `review_by` (else the last review
    /// plus `risk-review-days`).
    pub own_date: bool,
}

/// One cell of the heat map: the open items scored there.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub probability: u8,
    pub impact: u8,
    pub exposure: Exposure,
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RiskFacts {
    /// Open items with an exposure, by cell, highest probability first
    /// then highest impact; empty cells are left out.
    pub cells: Vec<Cell>,
    /// Open items by type (risk, assumption, issue, decision).
    pub open_by_type: BTreeMap<String, usize>,
    /// Open items of high exposure, highest first.
    pub high: Vec<String>,
    /// Initiative or outcome → the open items that threaten it, directly,
    /// through one of its milestones or (for an outcome) through the work
    /// serving it; highest exposure first.
    pub by_item: BTreeMap<String, Vec<String>>,
    pub stale: Vec<StaleRisk>,
}

impl RiskFacts {
    /// The overdue review of item `id`, if its review is overdue.
    pub fn stale_for(&self, id: &str) -> Option<&StaleRisk> {
        self.stale.iter().find(|s| s.id == id)
    }
}

/// Open items, highest exposure first, then by id.
fn ranked(r: &Roadmap) -> impl Iterator<Item = &Risk> {
    r.risks_in_order().into_iter().filter(|x| x.is_open())
}

pub fn analyse(r: &Roadmap, config: &Config) -> RiskFacts {
    let high = config.governance.risk_high_exposure;
    let mut facts = RiskFacts::default();
    let mut cells: BTreeMap<(u8, u8), Vec<String>> = BTreeMap::new();
    for x in ranked(r) {
        // A risk that happened is an issue now (as the RAID log's fields
        // say): counted as one, or the counts said "5 risks, 2 issues"
        // of a log with 4 and 3.
        let kind = if x.status == "occurred" && x.kind == "risk" {
            "issue"
        } else {
            x.kind.as_str()
        };
        *facts.open_by_type.entry(kind.to_string()).or_default() += 1;
        if let (Some(p), Some(i)) = (x.likelihood(), x.impact) {
            if x.kind != "decision" {
                cells.entry((p, i)).or_default().push(x.meta.id.clone());
            }
        }
        if x.exposure().is_some_and(|e| e >= high) {
            facts.high.push(x.meta.id.clone());
        }
        for target in threatened(r, x) {
            facts
                .by_item
                .entry(target)
                .or_default()
                .push(x.meta.id.clone());
        }
    }
    facts.cells = cells
        .into_iter()
        .rev()
        .map(|((probability, impact), ids)| Cell {
            probability,
            impact,
            exposure: Exposure::of(probability * impact, high),
            ids,
        })
        .collect();
    facts.stale = r.risks.iter().filter_map(|x| stale(x, config)).collect();
    facts
}

/// The initiatives and outcomes an item threatens: what it names, the
/// initiative of a milestone it names, and the outcomes that work serves.
fn threatened(r: &Roadmap, x: &Risk) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for id in &x.affects {
        let initiative = r.initiative(id).or_else(|| {
            r.milestone(id)
                .and_then(|m| r.initiative(m.initiative.as_str()))
        });
        match initiative {
            Some(i) => {
                out.insert(i.meta.id.clone());
                out.extend(i.outcomes.iter().map(|o| o.to_string()));
            }
            None if r.get(id).is_some() => {
                out.insert(id.clone());
            }
            None => {}
        }
    }
    out
}

/// When an open item is next due for review, and whether that is its own
/// `review_by` (else its last review, `reviewed` or `raised`, plus
/// `risk-review-days`). `None` for a closed item, a decision, or an item
/// with none of those dates.
pub fn review_due(x: &Risk, config: &Config) -> Option<(Day, bool)> {
    if !x.is_open() || x.kind == "decision" {
        return None;
    }
    match (&x.review_by, x.reviewed.as_ref().or(x.raised.as_ref())) {
        (Some(by), _) => Some((by.day, true)),
        (None, Some(last)) => last
            .day
            .checked_add(jiff::Span::new().days(config.governance.risk_review_days))
            .ok()
            .map(|due| (due, false)),
        (None, None) => None,
    }
}

/// When an open item was due for review and is not: its own `review_by`
/// when it has one, else its last review (`reviewed`, else `raised`) plus
/// `risk-review-days`. An item with none of those dates says nothing of
/// its reviews; decisions are not reviewed.
pub fn stale(x: &Risk, config: &Config) -> Option<StaleRisk> {
    let today = config.today.day;
    let (due, own_date) = review_due(x, config)?;
    (due < today).then(|| StaleRisk {
        id: x.meta.id.clone(),
        due,
        days: days_between(due, today),
        own_date,
    })
}

/// An open item of high exposure on a gate due within [`GATE_RISK_DAYS`]
/// makes the gate's open initiative at least amber: the gate may not pass.
/// It names the gate itself, or the initiative the gate belongs to.
pub fn add_gate_risks(
    health: &mut BTreeMap<String, Computed>,
    r: &Roadmap,
    config: &Config,
    today: Day,
) {
    let high = config.governance.risk_high_exposure;
    for x in ranked(r) {
        let Some(exposure) = x.exposure().filter(|e| *e >= high) else {
            continue;
        };
        let gates = x.affects.iter().flat_map(|id| {
            let named = r.milestone(id).into_iter();
            let of_initiative = r
                .initiative(id)
                .into_iter()
                .flat_map(|i| i.milestones.iter());
            named.chain(of_initiative)
        });
        let mut seen = BTreeSet::new();
        for gate in gates.filter(|m| m.gate && m.done.is_none()) {
            let until = days_between(today, gate.due.day);
            if !(0..=GATE_RISK_DAYS).contains(&until) || !seen.insert(gate.gid.as_str()) {
                continue;
            }
            super::schedule::at_least_amber(
                health,
                &gate.initiative,
                format!(
                    "open {} “{}” (exposure {exposure}) threatens gate “{}”, due in {}",
                    x.kind,
                    x.meta.title,
                    gate.title,
                    crate::words::days(until)
                ),
            );
        }
    }
}
