//! Change requests as decisions: which approved request covers a change,
//! decided when, and approvals rewritten or dated back since.

use super::*;

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
        .rposition(|p| p.roadmap.change(id).is_some_and(|c| !c.approves()))
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
pub(super) fn backdated_approvals(points: &[Point]) -> Vec<BackdatedApproval> {
    let Some((current, before)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .changes
        .iter()
        .filter(|c| c.approves())
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
                    .map(|x| match x.self_approved() && x.status == "approved" {
                        true => "approved by its requester alone".to_string(),
                        false => x.status.clone(),
                    })
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
    let approved = |p: &Point<'r>| p.roadmap.change(id).filter(|c| c.approves());
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

/// Whether milestone `gid` of `current` is a rename (see
/// [`super::slips::renamed_from`]) of one `named` lists, as one of
/// `points` had it: a request that named the milestone by its old id
/// names it by its new one (the old one names nothing now, an error), and
/// approves no more for it.
fn renamed_of_named(gid: &str, named: &[&str], current: &Roadmap, points: &[Point]) -> bool {
    let Some((i, m)) = current.milestone_at(gid) else {
        return false;
    };
    let init = &current.initiatives[i];
    points.iter().any(|p| {
        p.roadmap.initiative(&init.meta.id).is_some_and(|then| {
            super::slips::renamed_from(then, init, &init.milestones[m])
                .is_some_and(|old| named.contains(&format!("{}/{}", init.meta.id, old.id).as_str()))
        })
    })
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
pub(super) fn rewritten_approvals(points: &[Point]) -> Vec<RewrittenApproval> {
    let Some((current, before)) = points.split_last() else {
        return Vec::new();
    };
    let written = |c: &crate::model::Change| {
        c.decided
            .as_ref()
            .map_or_else(|| c.date.written.to_string(), |d| d.written.to_string())
    };
    let mut out = Vec::new();
    for c in current.roadmap.changes.iter().filter(|c| c.approves()) {
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
            .filter(|a| {
                !covered_by(&record.affects, a)
                    && !renamed_of_named(a, &record.affects, current.roadmap, &before[k..])
            })
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
pub(super) struct Approvals<'r> {
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
    barred: crate::base::HashSet<(&'r str, bool)>,
    /// Change id → the day it counts as decided.
    pub(super) decided: HashMap<&'r str, Day>,
    /// Change id → the day it was decided as written (as on record): what
    /// pages show, where `decided` may be the eve of a snapshot's day.
    pub(super) written: HashMap<&'r str, Day>,
}

impl<'r> Approvals<'r> {
    /// The approvals of the last point, judged against the points before
    /// it. A decision dated after `today` is not taken yet: it approves
    /// nothing (`done-in-the-future` says so). One dated a snapshot's own
    /// day (as `roadbook new change` dates it on the day a quarter is
    /// closed) and on record, approved, in that snapshot was taken before
    /// it: counted as decided after the snapshot too, it took the credit
    /// of a later move while the move it was made for went unapproved.
    pub(super) fn of(points: &[Point<'r>]) -> Approvals<'r> {
        let mut by_item: HashMap<&str, Vec<(Day, &str)>> = HashMap::default();
        let mut budget_increase = HashMap::default();
        let mut delay_days = HashMap::default();
        let mut barred = crate::base::HashSet::default();
        let mut decided = HashMap::default();
        let mut written = HashMap::default();
        let Some((current, before)) = points.split_last() else {
            return Approvals {
                by_item,
                budget_increase,
                delay_days,
                barred,
                decided,
                written,
            };
        };
        for c in current
            .roadmap
            .changes
            .iter()
            .filter(|c| c.approves() && c.decision_begins() <= current.today)
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
                let renamed: Vec<&str> = affects
                    .iter()
                    .copied()
                    .filter(|a| {
                        !covered_by(&record.affects, a)
                            && renamed_of_named(a, &record.affects, current.roadmap, &before[k..])
                    })
                    .collect();
                affects = narrowest(&record.affects, &affects);
                affects.extend(renamed);
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
                written.insert(id, day);
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
            written.entry(id).or_insert_with(|| decided_on(c));
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
            written,
        }
    }

    /// Whether the approval `change` approves anything of a money figure
    /// (`money`) or a date: a request that states an amount for the one and
    /// none for the other approves what it states (a budget request
    /// matched to a move of months took it whole, and the move's own
    /// request, stating its days, went unused).
    pub(super) fn applies(&self, change: &str, money: bool) -> bool {
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
    pub(super) fn approves_restatement(&self, change: &str) -> bool {
        !self.budget_increase.contains_key(change)
            && !self.delay_days.contains_key(change)
            && !self.barred.contains(&(change, true))
            && !self.barred.contains(&(change, false))
    }

    /// What the approval `change` grants of one rise of a figure, in its
    /// unit (`None`: all of it).
    pub(super) fn grant(&self, change: &str, amount: Amount) -> Option<f64> {
        match amount {
            Amount::Money => self.budget_grant(change),
            Amount::Days => self.delay_grant(change).map(|d| d as f64),
        }
    }

    /// The most days later the approval `change` lets one move of a date
    /// go; `None`: it states none, and covers the whole move.
    pub(super) fn delay_grant(&self, change: &str) -> Option<i64> {
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
    pub(super) fn affecting(&self, gid: &str, initiative: &str) -> Vec<(Day, &'r str)> {
        self.affecting_any(&[gid], initiative)
    }

    /// As [`Approvals::affecting`], for a milestone known by several ids
    /// (renamed: see `slips::renamed_from`): those naming any of them first.
    pub(super) fn affecting_any(&self, gids: &[&str], initiative: &str) -> Vec<(Day, &'r str)> {
        let sorted = |mut found: Vec<(Day, &'r str)>| {
            // Change ids are unique: equal pairs are one change, named twice.
            found.sort();
            found.dedup();
            found
        };
        let of = |id: &str| sorted(self.by_item.get(id).cloned().unwrap_or_default());
        let mut found = match gids {
            [gid] => of(gid),
            _ => sorted(gids.iter().flat_map(|g| of(g)).collect()),
        };
        let own = found.len();
        if !gids.contains(&initiative) {
            for x in of(initiative) {
                if !found[..own].contains(&x) {
                    found.push(x);
                }
            }
        }
        found
    }

    /// Whether the request `change` names the item `gid` itself.
    pub(super) fn names(&self, gid: &str, change: &str) -> bool {
        self.by_item
            .get(gid)
            .is_some_and(|found| found.iter().any(|(_, c)| *c == change))
    }

    /// One affecting the item `id` itself (a KPI, or an initiative's money),
    /// decided on or after `since`.
    pub(super) fn approving(&self, id: &str, since: Day) -> Option<Sym> {
        self.acknowledging(id, id, Some(since))
    }

    /// One affecting the milestone or its initiative, decided on or after
    /// `since`, that approves `amount`'s figure (a request stating only
    /// money approves no date, nor the other way), with what of a change of
    /// `size` it leaves uncovered where that needs a decision (`exceeds`).
    /// For changes the history does not follow: judged by their row alone.
    pub(super) fn approving_alone(
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
    pub(super) fn confirming_done(&self, gid: &str, since: Day) -> Option<Sym> {
        self.affecting(gid, gid)
            .into_iter()
            .find(|(day, c)| *day >= since && self.applies(c, false))
            .map(|(_, id)| Sym::from(id))
    }

    /// One affecting the milestone or its initiative, decided on or after
    /// `since`, that `fits`: one decided by `until` first (in the order of
    /// [`Approvals::affecting`]), else a later one.
    pub(super) fn decided_in_period(
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

    /// One affecting the item, decided on or after `since`, that decides
    /// something of the plan: a request stating only money does not (an
    /// effort cut read as approved by a budget increase).
    pub(super) fn approving_plan(&self, id: &str, since: Day) -> Option<Sym> {
        self.affecting(id, id)
            .into_iter()
            .find(|(day, c)| *day >= since && self.applies(c, false))
            .map(|(_, c)| Sym::from(c))
    }

    /// One affecting the milestone or its initiative, decided on or after
    /// `since`.
    pub(super) fn acknowledging(
        &self,
        gid: &str,
        initiative: &str,
        since: Option<Day>,
    ) -> Option<Sym> {
        self.affecting(gid, initiative)
            .into_iter()
            .find(|(day, _)| since.is_none_or(|s| *day >= s))
            .map(|(_, id)| Sym::from(id))
    }
}

/// What a request's amount is of: money (`budget_increase`) or days later
/// (`delay_days`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Amount {
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
