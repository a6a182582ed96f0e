//! Schedule facts per initiative: effective dates (derived from milestones
//! where `start`/`end` are missing), the next milestone, and the health the
//! data supports, next to the health the owner reports.

use super::{days_between, MilestoneState};
use crate::model::{Initiative, Roadmap};
use jiff::civil::Date as Day;
use serde::Serialize;
use std::collections::BTreeMap;

/// A milestone overdue by more than this makes its initiative red.
pub const RED_OVERDUE_DAYS: i64 = 30;
/// A gate due within this many days without criteria makes it amber.
pub const GATE_WITHOUT_CRITERIA_DAYS: i64 = 14;

/// The rules, as documented on the site and in the README.
pub const HEALTH_RULES: &[(&str, &str)] = &[
    ("red", "a milestone is overdue by more than 30 days"),
    (
        "red",
        "it depends on cancelled work, or on an initiative whose own milestones make it red (on one of its milestones: when that milestone is one of them)",
    ),
    ("amber", "a milestone is overdue (30 days or less)"),
    (
        "amber",
        "it depends on a milestone that is overdue (it is blocked)",
    ),
    ("amber", "a gate is due within 14 days and has no criteria"),
    (
        "amber",
        "an open RAID item of high exposure (probability × impact at least `risk-high-exposure`) affects a gate due within 30 days, or its initiative",
    ),
    (
        "red",
        "a milestone not yet done moved beyond the slip tolerance with no approved change request, and the date it stands committed to (before that move) is more than 30 days past",
    ),
    (
        "amber",
        "a milestone not yet done moved beyond the slip tolerance with no approved change request (judged across the snapshots)",
    ),
    ("green", "none of the above"),
];

#[derive(Debug, Clone, Serialize)]
pub struct Dates {
    pub start: Option<Day>,
    pub end: Option<Day>,
    /// Whether each came from the milestones rather than the front matter.
    pub start_derived: bool,
    pub end_derived: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Green,
    Amber,
    Red,
}

impl Health {
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Green => "green",
            Health::Amber => "amber",
            Health::Red => "red",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Computed {
    pub health: Health,
    /// Why, one line per rule that fired (empty when green).
    pub reasons: Vec<String>,
    /// Red by its own data, not only by a red initiative it depends on:
    /// only this red spreads, one step along dependencies.
    #[serde(skip)]
    pub own_red: bool,
    /// Its milestones late enough to make it red: an item waiting for one
    /// of them takes the red; one waiting for another milestone of it
    /// does not (it was painted red for a milestone it does not wait for).
    #[serde(skip)]
    pub red_milestones: Vec<String>,
}

/// Every initiative's effective start and end, by id.
pub fn dates_of(r: &Roadmap) -> BTreeMap<String, Dates> {
    r.initiatives
        .iter()
        .map(|i| (i.meta.id.clone(), dates(i)))
        .collect()
}

pub fn dates(i: &Initiative) -> Dates {
    let dues = i.milestones.iter().map(|m| m.due.day);
    let ends = i
        .milestones
        .iter()
        .map(|m| m.done.as_ref().map_or(m.due.day, |d| d.day.max(m.due.day)));
    let start = i.start.as_ref().map(|d| d.day);
    let end = i.end.as_ref().map(|d| d.day);
    Dates {
        start: start.or_else(|| dues.clone().min()),
        end: end.or_else(|| ends.max()),
        start_derived: start.is_none() && !i.milestones.is_empty(),
        end_derived: end.is_none() && !i.milestones.is_empty(),
    }
}

/// Whether a dependency is still to come: a milestone already done can no
/// longer hold anything up, whatever the rest of its initiative does.
fn still_awaited(r: &Roadmap, dep: &str) -> bool {
    r.milestone(dep).is_none_or(|m| m.done.is_none())
}

/// What an open initiative still waits for: its own dependencies and those
/// of its milestones not yet done (a done one waited already).
fn waits_for(i: &Initiative) -> impl Iterator<Item = &crate::base::Sym> {
    i.depends_on.iter().chain(
        i.milestones
            .iter()
            .filter(|m| m.done.is_none())
            .flat_map(|m| m.depends_on.iter()),
    )
}

/// The initiative an id belongs to (itself, or a milestone's initiative).
fn owner_initiative<'a>(r: &'a Roadmap, id: &str) -> Option<&'a Initiative> {
    r.initiative(id).or_else(|| {
        r.milestone(id)
            .and_then(|m| r.initiative(m.initiative.as_str()))
    })
}

/// Computed health of every open initiative (done and cancelled ones have
/// none).
pub fn computed_health(
    r: &Roadmap,
    states: &BTreeMap<String, MilestoneState>,
    today: Day,
) -> BTreeMap<String, Computed> {
    let mut out: BTreeMap<String, Computed> = BTreeMap::new();
    for i in r.initiatives.iter().filter(|i| !i.is_closed()) {
        let mut red = Vec::new();
        let mut amber = Vec::new();
        let mut red_milestones = Vec::new();
        for m in &i.milestones {
            match states.get(m.gid.as_str()) {
                Some(MilestoneState::Overdue { days }) if *days > RED_OVERDUE_DAYS => {
                    red_milestones.push(m.gid.to_string());
                    red.push(format!(
                        "milestone “{}” is {} overdue",
                        m.title,
                        crate::words::days(*days)
                    ))
                }
                Some(MilestoneState::Overdue { days }) => amber.push(format!(
                    "milestone “{}” is {} overdue",
                    m.title,
                    crate::words::days(*days)
                )),
                _ => {}
            }
            if m.gate && m.criteria.is_empty() && m.done.is_none() {
                let until = days_between(today, m.due.day);
                if (0..=GATE_WITHOUT_CRITERIA_DAYS).contains(&until) {
                    amber.push(format!(
                        "gate “{}” is due in {} without criteria",
                        m.title,
                        crate::words::days(until)
                    ));
                }
            }
        }
        let deps = waits_for(i);
        for dep in deps {
            if let Some(state @ MilestoneState::Overdue { .. }) = states.get(dep.as_str()) {
                let title = r.milestone(dep).map(|m| m.title.as_str()).unwrap_or(dep);
                amber.push(format!(
                    "blocked: depends on “{title}”, {}",
                    state.label().to_lowercase()
                ));
            } else if let Some(whole) = r.initiative(dep).filter(|d| d.meta.id != i.meta.id) {
                // On a whole initiative: blocked by any of its overdue
                // milestones, as the dependency check says.
                let overdue = super::dependencies::overdue_milestones(whole, states);
                if overdue > 0 {
                    amber.push(format!(
                        "blocked: depends on “{}”, which has {}",
                        whole.meta.title,
                        crate::words::count(overdue, "overdue milestone", "overdue milestones")
                    ));
                }
            }
            if let Some(d) = owner_initiative(r, dep)
                .filter(|d| d.status == "cancelled")
                .filter(|_| still_awaited(r, dep))
            {
                red.push(format!("depends on “{}”, which is cancelled", d.meta.title));
            }
        }
        let (health, reasons) = if !red.is_empty() {
            (Health::Red, red)
        } else if !amber.is_empty() {
            (Health::Amber, amber)
        } else {
            (Health::Green, Vec::new())
        };
        let own_red = health == Health::Red;
        out.insert(
            i.meta.id.clone(),
            Computed {
                health,
                reasons,
                own_red,
                red_milestones,
            },
        );
    }
    spread_red(&mut out, r);
    out
}

/// One step along dependencies: an item is red when something it depends
/// on is red by its own data. Going further would paint whole chains red
/// for one late item and hide where the problem is. Run again once the
/// history has made more initiatives red, it adds only what is new.
fn spread_red(out: &mut BTreeMap<String, Computed>, r: &Roadmap) {
    let own_red: Vec<String> = out
        .iter()
        .filter(|(_, c)| c.own_red)
        .map(|(id, _)| id.clone())
        .collect();
    for i in r.initiatives.iter().filter(|i| !i.is_closed()) {
        // A whole initiative waited for: its red is this one's. A milestone
        // waited for is judged by itself (overdue, it blocks: amber); red
        // spread from another milestone of its initiative named a plan the
        // dependent does not wait for.
        let deps = waits_for(i);
        let mut red_deps: Vec<&Initiative> = deps
            .filter(|d| still_awaited(r, d))
            .filter_map(|d| match r.initiative(d) {
                Some(whole) => Some(whole),
                None => owner_initiative(r, d).filter(|owner| {
                    out.get(&owner.meta.id)
                        .is_some_and(|c| c.red_milestones.iter().any(|m| m == d))
                }),
            })
            // Sorted, as the map it comes from: searched, not scanned (at
            // 10,000 initiatives, thousands red by their own data).
            .filter(|d| d.meta.id != i.meta.id && own_red.binary_search(&d.meta.id).is_ok())
            .collect();
        red_deps.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        red_deps.dedup_by(|a, b| a.meta.id == b.meta.id);
        if red_deps.is_empty() {
            continue;
        }
        let c = out
            .get_mut(&i.meta.id)
            .expect("open initiatives are all present");
        for d in red_deps {
            let reason = format!(
                "depends on “{}”, whose computed health is red",
                d.meta.title
            );
            if !c.reasons.contains(&reason) {
                make_red(c, reason);
            }
        }
    }
}

/// Red for `reason`: the reasons of a milder health go, as they would
/// understate it.
fn make_red(c: &mut Computed, reason: String) {
    if c.health != Health::Red {
        c.reasons.clear();
    }
    c.health = Health::Red;
    c.reasons.push(reason);
}

/// A milestone whose due date moved with no approved change request (see
/// `history::Slip`): the days beyond the tolerance, and the date the
/// roadmap stands committed to.
pub struct UnapprovedSlip {
    pub gid: crate::base::Sym,
    pub days: i64,
    /// How many of `days` no decision covers (some approved, in part).
    pub unapproved_days: i64,
    pub committed: Day,
}

/// A milestone not yet done whose due date moved beyond the tolerance with
/// no approved change request makes its open initiative at least amber: the
/// plan changed and nobody decided it. Red once the date it stands
/// committed to is more than 30 days past, as an overdue milestone is:
/// moving a date without a decision must not make a late item look better
/// than one left where it was.
pub fn add_unapproved_slips(
    health: &mut BTreeMap<String, Computed>,
    r: &Roadmap,
    unapproved: &[UnapprovedSlip],
    today: Day,
) {
    let mut reddened = false;
    for slip in unapproved {
        let Some(m) = r.milestone(&slip.gid).filter(|m| m.done.is_none()) else {
            continue;
        };
        let past = days_between(slip.committed, today);
        if past > RED_OVERDUE_DAYS {
            let Some(c) = health.get_mut(m.initiative.as_str()) else {
                continue;
            };
            c.own_red = true;
            c.red_milestones.push(slip.gid.to_string());
            reddened = true;
            // Overdue by the date moved to as well: the date committed is
            // the one it is late from (both read "114 days overdue" and
            // "174 days past the date committed").
            let overdue_by_due = format!("milestone “{}” is ", m.title);
            c.reasons
                .retain(|r| !(r.starts_with(&overdue_by_due) && r.ends_with(" overdue")));
            make_red(
                c,
                format!(
                    "milestone “{}” is {} past the date committed ({}): its move to {} has no approved change request as of {}",
                    m.title,
                    crate::words::days(past),
                    crate::base::date::iso(slip.committed),
                    m.due.written,
                    crate::base::date::iso(today)
                ),
            );
            // First: a promise broken while the plan moved is what the
            // brief's one line says (it gave a milestone 36 days overdue
            // and left out the one 174 days past its commitment).
            c.reasons.rotate_right(1);
        } else {
            let unapproved = if slip.unapproved_days < slip.days {
                format!(
                    "slipped {}, {} of them with no approved change request",
                    crate::words::days(slip.days),
                    slip.unapproved_days
                )
            } else {
                format!(
                    "slipped {} with no approved change request",
                    crate::words::days(slip.days)
                )
            };
            at_least_amber(
                health,
                &m.initiative,
                format!("milestone “{}” {unapproved}", m.title),
            );
        }
    }
    if reddened {
        spread_red(health, r);
    }
}

/// Make an open initiative amber for `reason`, unless its own data made it
/// red already (then the reason would hide the worse one).
pub fn at_least_amber(health: &mut BTreeMap<String, Computed>, initiative: &str, reason: String) {
    let Some(c) = health.get_mut(initiative) else {
        return;
    };
    if c.health == Health::Red {
        return;
    }
    c.health = Health::Amber;
    c.reasons.push(reason);
}
