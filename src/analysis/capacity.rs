//! Capacity: each committed initiative's effort per team, spread evenly over
//! the fiscal quarters it spans, against what the team has left after its
//! operational load.

use super::schedule::Dates;
use crate::base::date::Quarter;
use crate::base::sym::Sym;
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
    /// The quarter whose written capacity this one carries, when the map
    /// leaves this one out (none: written for it, or one figure for all).
    pub capacity_from: Option<String>,
    /// The capacity and operations load a snapshot had, raised since with
    /// no decision (see `crate::history::CapacityRise`): counted so.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub capacity_on_record: bool,
    pub ops_load: f64,
    /// Person-days taken by operations: capacity × ops_load.
    pub ops_days: f64,
    pub committed: f64,
    /// capacity − ops − committed (negative when overcommitted).
    pub remaining: f64,
    /// (ops + committed) / capacity.
    pub utilisation: Option<f64>,
    /// Initiative id → person-days in this quarter.
    pub by_initiative: Vec<(Sym, f64)>,
    /// Those of `by_initiative` counted here because they run past their
    /// end: still committed and not closed, they keep the team busy.
    pub past_end: Vec<Sym>,
    /// Whether the team's capacity could be read (missing or unreadable:
    /// its finding is said where it is written, and 0 here is no figure).
    #[serde(skip)]
    pub capacity_known: bool,
    /// The snapshot that closed the quarter (the first whose day is on or
    /// after its last), whose record these figures are; none: as the plan
    /// now gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_in: Option<String>,
    /// What the plan now commits of the team in the quarter, when it is
    /// not what the snapshot that closed it recorded: a past quarter
    /// rewritten since (an initiative cancelled, an end moved out, effort
    /// written down).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committed_now: Option<f64>,
    /// The quarter's last day.
    #[serde(skip)]
    pub last_day: Option<jiff::civil::Date>,
}

impl QuarterLoad {
    /// More work than capacity; a team of no capacity with any work is
    /// (its utilisation has no number, the work no one to do it), once
    /// that capacity was written.
    pub fn overcommitted(&self) -> bool {
        self.capacity_known && self.ops_days + self.committed > self.capacity * (1.0 + 1e-9)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamLoad {
    pub team: String,
    pub quarters: Vec<QuarterLoad>,
}

/// The quarter whose entry `value_for` takes for `q` when `q` has none of
/// its own (and no single figure stands for every quarter).
pub fn carried_from(p: &PerQuarter, q: Quarter, fiscal_start: u8) -> Option<Quarter> {
    let keyed: Vec<Quarter> = p
        .by_quarter
        .iter()
        .map(|(d, _)| Quarter::of(d.day, fiscal_start))
        .collect();
    if keyed.is_empty() || keyed.contains(&q) {
        return None;
    }
    keyed
        .iter()
        .rev()
        .find(|k| **k <= q)
        .copied()
        .or(if p.default.is_some() {
            None
        } else {
            keyed.first().copied()
        })
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

/// Whether an initiative's effort takes a team's time: committed work,
/// work under way that serves no outcome yet (the people are on it all
/// the same: left out, a team's quarters read 109 % as 83 %), and work
/// done, in the quarters it ran (dropped once done, it rewrote a past
/// quarter's load, 71 % on the site of its day read 64 % after), and
/// work cancelled after it delivered or spent, in the quarters it ran up
/// to its last milestone done or spend booked (dropped, the quarters it
/// delivered in read "plan now 30" beside the 180 their snapshot
/// recorded, as if rewritten).
pub fn takes_people(i: &Initiative) -> bool {
    is_committed(i) || i.status == "active" || ran_until_done(i)
}

/// Done work, and cancelled work that delivered some milestone or spent
/// money first: it took people up to its last sign of work (see
/// [`done_by`]).
fn ran_until_done(i: &Initiative) -> bool {
    i.status == "done"
        || (i.status == "cancelled"
            && (i.milestones.iter().any(|m| m.done.is_some())
                || cancelled_spend(i).next().is_some()))
}

/// The periods (their first days) a cancelled initiative booked spend in:
/// money spent after its last milestone done is the team still on it
/// (CRM spent 155,000 in the two quarters after its last milestone, and
/// its team's load ended with that milestone).
fn cancelled_spend(i: &Initiative) -> impl Iterator<Item = jiff::civil::Date> + '_ {
    i.spend
        .iter()
        .filter(|_| i.status == "cancelled")
        .filter(|p| p.value > 0.0)
        .map(|p| p.date.day)
}

/// The last quarter done work took people: that of its last milestone
/// done (or, cancelled, its last spend booked), or of today, when earlier
/// than its planned end.
fn done_by(i: &Initiative, fiscal_start: u8, now: Quarter) -> Quarter {
    i.milestones
        .iter()
        .filter_map(|m| m.done.as_ref())
        .map(|d| d.day)
        .chain(cancelled_spend(i))
        .map(|day| Quarter::of(day, fiscal_start))
        .max()
        .unwrap_or(now)
        .min(now)
}

/// (initiative id, person-days) committed to a team in one quarter.
type Shares = Vec<(Sym, f64)>;

/// Each committed initiative's effort per team, spread evenly over the
/// quarters from its start to its end. One still active after the quarter
/// it was to end in (a milestone not done, or none at all) keeps taking
/// the same share every quarter after, up to `today`'s: the team is still
/// on it, and a capacity view that freed the people on the planned end
/// showed room that was not there (over the last year at most). Done work
/// counts in every quarter it ran, whatever the day it is read.
pub fn capacity(
    r: &Roadmap,
    dates: &BTreeMap<String, Dates>,
    fiscal_start: u8,
    today: jiff::civil::Date,
) -> Vec<TeamLoad> {
    capacity_over(
        r,
        dates,
        fiscal_start,
        today,
        None,
        &EffortOnRecord::new(),
        &TeamsOnRecord::new(),
    )
}

/// The effort on record per team (see `crate::history::EffortCut`), by
/// initiative: counted in place of what is written, and counted whatever
/// its status now (work put on hold with no decision).
pub type EffortOnRecord<'h> = BTreeMap<&'h str, Vec<(&'h str, f64)>>;

/// A quarter's capacity and operations load as a snapshot had them, where
/// they were raised since with no decision (see
/// `crate::history::CapacityRise`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuarterOnRecord {
    pub quarter: Quarter,
    pub capacity: f64,
    pub ops_load: f64,
}

/// By team, the quarters whose capacity is counted as on record, in place
/// of what is written.
pub type TeamsOnRecord<'h> = BTreeMap<&'h str, &'h [QuarterOnRecord]>;

/// `i`'s effort per team as the capacity counts it: as written, or where
/// `on_record` keeps a cut with no decision, the effort on record.
fn effort_per_team<'a>(i: &'a Initiative, on_record: &EffortOnRecord<'a>) -> Vec<(&'a str, f64)> {
    match on_record.get(i.meta.id.as_str()) {
        Some(kept) => kept.clone(),
        None => i.effort.iter().map(|(t, d)| (t.as_str(), *d)).collect(),
    }
}

/// As [`capacity`], the quarters shown reaching over `also` (the first
/// and last quarter snapshots recorded) too: work cancelled since must not
/// take the quarters it filled out of the view.
pub fn capacity_over(
    r: &Roadmap,
    dates: &BTreeMap<String, Dates>,
    fiscal_start: u8,
    today: jiff::civil::Date,
    also: Option<(Quarter, Quarter)>,
    effort_on_record: &EffortOnRecord,
    teams_on_record: &TeamsOnRecord,
) -> Vec<TeamLoad> {
    let now = Quarter::of(today, fiscal_start);
    // team → quarter → [(initiative, days)]
    let mut load: BTreeMap<&str, BTreeMap<Quarter, Shares>> = BTreeMap::new();
    let mut past_end: BTreeMap<Quarter, Vec<&str>> = BTreeMap::new();
    // The first quarter shown: that of the earliest work not done, or of
    // done work's within the last year. Done work counts in every quarter
    // shown, whatever today is: counted over the last year only, a past
    // quarter's load changed with the day of the build (2025-Q1 read 78 %
    // at the year's close and 50 % three weeks later, the same content).
    let mut shown_from: Option<Quarter> = None;
    // Work whose effort stands on record takes people as the record has
    // it: put on hold with its dates kept and no decision, it is counted
    // (left out, a team at 148 % read as within its capacity, from a
    // trial).
    let counted =
        |i: &Initiative| takes_people(i) || effort_on_record.contains_key(i.meta.id.as_str());
    for i in r.initiatives.iter().filter(|i| counted(i)) {
        let Some(d) = dates.get(&i.meta.id) else {
            continue;
        };
        let (Some(start), Some(end)) = (d.start, d.end) else {
            continue;
        };
        let effort = effort_per_team(i, effort_on_record);
        let last = Quarter::of(end.max(start), fiscal_start);
        let first = Quarter::of(start, fiscal_start);
        let year_ago = (0..3).fold(now, |q, _| q.previous());
        let done = ran_until_done(i);
        // Done early, its share of each quarter planned stays what it was:
        // the quarters after it was done are freed, not the ones before.
        // Done work brings the view back a year at most (as work past its
        // end): older quarters are history it does not reach back to.
        let done_in = done.then(|| done_by(i, fiscal_start, now));
        let ran_to = done_in.map_or(last, |q| last.min(q));
        let quarters = quarters_between(first, last);
        if quarters.is_empty() {
            continue;
        }
        // Still on it: `active`, and some milestone is not done (one whose
        // milestones are all done only lacks `status: done`; planned work
        // past its end never started). Over the last year at most: work a
        // year past its end is a plan to fix, not load to add up (the one
        // load of a past quarter that moves with the day of the build).
        let open_work = i.milestones.is_empty() || i.milestones.iter().any(|m| m.done.is_none());
        let overrun = match done_in {
            // Done after its planned end: the quarters it overran kept the
            // team on it, as they did while it was active.
            Some(q) if q > last => quarters_between(last.next(), q),
            Some(_) => Vec::new(),
            None if last < now && i.status == "active" && open_work => {
                quarters_between(last.next().max(year_ago), now)
            }
            None => Vec::new(),
        };
        if !effort.is_empty() {
            for q in &overrun {
                past_end.entry(*q).or_default().push(i.meta.id.as_str());
            }
            let begins = overrun.first().map_or(first, |&q| q.min(first));
            let ends = overrun.last().map_or(ran_to, |&q| q.max(ran_to));
            let from = if done { begins.max(year_ago) } else { begins };
            if from <= ends {
                shown_from = Some(shown_from.map_or(from, |s| s.min(from)));
            }
        }
        // Done in a quarter it overran into: that quarter's share up to the
        // day it was done (done on 28 January, a whole quarter's share made
        // the team overcommitted in a quarter the work had left).
        let overran_part = done_in.filter(|q| *q > last).and_then(|q| {
            let done = i
                .milestones
                .iter()
                .filter_map(|m| m.done.as_ref())
                .map(|d| d.day)
                .max()?;
            let (from, to) = q.bounds(fiscal_start)?;
            (Quarter::of(done, fiscal_start) == q).then(|| {
                let days = |a, b| super::days_between(a, b) as f64 + 1.0;
                (q, (days(from, done) / days(from, to)).clamp(0.0, 1.0))
            })
        });
        for (team, days) in effort {
            let share = days / quarters.len() as f64;
            let counted = |q: &&Quarter| **q <= ran_to;
            for q in quarters.iter().filter(counted).chain(&overrun) {
                let share = match overran_part {
                    Some((part_q, part)) if part_q == *q && *q > last => share * part,
                    _ => share,
                };
                load.entry(team)
                    .or_default()
                    .entry(*q)
                    .or_default()
                    .push((Sym::from(i.meta.id.as_str()), share));
            }
        }
    }
    // Every team gets the same quarters (the span of all committed work), so
    // idle quarters show as capacity left rather than vanish.
    let first = [shown_from, also.map(|a| a.0)].into_iter().flatten().min();
    let last = load
        .values()
        .filter_map(|m| m.keys().next_back())
        .copied()
        .chain(also.map(|a| a.1))
        .max();
    let span = match (first, last) {
        (Some(a), Some(b)) => quarters_between(a, b),
        _ => Vec::new(),
    };
    r.teams
        .iter()
        .map(|t| {
            let mut by_quarter = load.remove(t.meta.id.as_str()).unwrap_or_default();
            let recorded = teams_on_record
                .get(t.meta.id.as_str())
                .copied()
                .unwrap_or(&[]);
            let quarters = span
                .iter()
                .map(|q| (*q, by_quarter.remove(q).unwrap_or_default()))
                .map(|(q, items)| {
                    let on_record = recorded.iter().find(|r| r.quarter == q);
                    let written = on_record
                        .map(|r| r.capacity)
                        .or_else(|| value_for(&t.capacity, q, fiscal_start));
                    let capacity = written.unwrap_or(0.0);
                    let ops_load = on_record.map_or_else(
                        || value_for(&t.ops_load, q, fiscal_start).unwrap_or(0.0),
                        |r| r.ops_load,
                    );
                    let ops_days = capacity * ops_load;
                    // `+ 0.0`: the sum of nothing is -0.0, which
                    // roadmap.json wrote as such.
                    let committed: f64 = items.iter().map(|(_, d)| d).sum::<f64>() + 0.0;
                    let over_end = past_end.get(&q).map(Vec::as_slice).unwrap_or_default();
                    let past_end: Vec<Sym> = items
                        .iter()
                        .filter(|(id, _)| over_end.contains(&id.as_str()))
                        .map(|(id, _)| *id)
                        .collect();
                    QuarterLoad {
                        quarter: q.to_string(),
                        capacity,
                        capacity_on_record: on_record.is_some(),
                        capacity_from: carried_from(&t.capacity, q, fiscal_start)
                            .map(|from| from.to_string()),
                        ops_load,
                        ops_days,
                        committed,
                        remaining: capacity - ops_days - committed,
                        utilisation: (capacity > 0.0).then(|| (ops_days + committed) / capacity),
                        by_initiative: items,
                        past_end,
                        capacity_known: written.is_some(),
                        recorded_in: None,
                        committed_now: None,
                        last_day: q.bounds(fiscal_start).map(|(_, last)| last),
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

/// Of a snapshot's loads (made on its day, `today`), the quarters it
/// closed: ended by `today`, and not by `since`, the day of the snapshot
/// before it, whose record stands for those.
pub fn closed_quarters(
    loads: &[TeamLoad],
    today: jiff::civil::Date,
    since: Option<jiff::civil::Date>,
) -> Vec<TeamLoad> {
    loads
        .iter()
        .map(|t| TeamLoad {
            team: t.team.clone(),
            quarters: t
                .quarters
                .iter()
                .filter(|q| {
                    q.last_day
                        .is_some_and(|last| last <= today && since.is_none_or(|s| last > s))
                })
                .cloned()
                .collect(),
        })
        .filter(|t| !t.quarters.is_empty())
        .collect()
}

/// Each quarter a snapshot closed reads as that snapshot recorded it
/// (`records`: each snapshot's name and the quarters it closed), with
/// what the plan now commits beside it when that is not the same: work
/// cancelled or an end moved out since spread the effort otherwise, and a
/// past quarter's overcommitment vanished from the view.
/// The first and last quarter `records` hold.
pub fn recorded_span(
    records: &[(&str, &[TeamLoad])],
    fiscal_start: u8,
) -> Option<(Quarter, Quarter)> {
    let quarters = records
        .iter()
        .flat_map(|(_, closed)| closed.iter())
        .flat_map(|t| &t.quarters)
        .filter_map(|q| q.last_day)
        .map(|day| Quarter::of(day, fiscal_start));
    quarters.fold(None, |span, q| match span {
        None => Some((q, q)),
        Some((a, b)) => Some((a.min(q), b.max(q))),
    })
}

pub fn as_recorded(loads: &mut [TeamLoad], records: &[(&str, &[TeamLoad])]) {
    for t in loads {
        for q in &mut t.quarters {
            let recorded = records.iter().find_map(|(name, closed)| {
                let team = closed.iter().find(|c| c.team == t.team)?;
                let then = team.quarters.iter().find(|c| c.quarter == q.quarter)?;
                Some((*name, then))
            });
            let Some((name, then)) = recorded else {
                continue;
            };
            let now = q.committed;
            *q = then.clone();
            q.recorded_in = Some(name.to_string());
            // Told apart at the tenth of a day the tables show.
            q.committed_now = ((now - then.committed).abs() >= 0.05).then_some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::date::{parse, Edge};

    #[test]
    fn a_quarter_the_map_leaves_out_names_the_one_it_carries() {
        let q = |t: &str| Quarter::of(parse(t, Edge::Start, 1).unwrap().day, 1);
        let map = PerQuarter {
            default: None,
            by_quarter: vec![
                (parse("2026-Q4", Edge::Start, 1).unwrap(), 240.0),
                (parse("2027-Q1", Edge::Start, 1).unwrap(), 300.0),
            ],
        };
        let from = |t: &str| carried_from(&map, q(t), 1).map(|x| x.to_string());
        assert_eq!(from("2026-Q4"), None, "written");
        assert_eq!(
            from("2027-Q3").as_deref(),
            Some("2027-Q1"),
            "after the last"
        );
        assert_eq!(
            from("2026-Q2").as_deref(),
            Some("2026-Q4"),
            "before the first"
        );
        assert_eq!(value_for(&map, q("2026-Q2"), 1), Some(240.0));
        let flat = PerQuarter {
            default: Some(300.0),
            by_quarter: Vec::new(),
        };
        assert_eq!(
            carried_from(&flat, q("2026-Q2"), 1),
            None,
            "one figure for all"
        );
    }
}
