//! Budgets and ends that rose between snapshots, the requests that
//! approve them, and the budget bridge.

use super::*;

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
    /// Of `raised_approved`, what a request decided after the period's end
    /// approved: it stood unapproved through the period, and the brief of
    /// its end said so.
    pub approved_later: f64,
    pub raised_unapproved: f64,
    pub cut: f64,
    /// Budgets of initiatives cancelled in the period: released, but for
    /// `cancelled_spent`.
    pub cancelled: f64,
    /// Of `cancelled`, what that work had spent by the period's end (up
    /// to its budget): the money is gone, not released (from a PMO's
    /// trial: EUR 800,000 "released" of which 415,000 was spent).
    pub cancelled_spent: f64,
    /// Budgets of initiatives whose file is gone.
    pub removed: f64,
    pub end: f64,
}

/// The bridge from `from` to `to` (consecutive points of `steps`, the
/// history's bridge, or several of them summed): `None` when they are no
/// run of its periods.
impl BudgetStep {
    /// What moved the budget in the step, in words, each with whether it
    /// needs a decision (raised with no approval); amounts as `money`
    /// writes them, a figure of nothing left out.
    pub fn parts(&self, money: impl Fn(f64) -> String) -> Vec<(String, bool)> {
        let later = if self.approved_later.abs() >= 0.5 {
            format!(
                " ({} of it approved after the period)",
                money(self.approved_later)
            )
        } else {
            String::new()
        };
        [
            (
                self.added,
                format!(
                    "+{} for work new in the period or given a budget",
                    money(self.added)
                ),
                false,
            ),
            (
                self.raised_approved,
                format!(
                    "+{} raised and approved{later}",
                    money(self.raised_approved)
                ),
                false,
            ),
            (
                self.raised_unapproved,
                format!("+{} raised with no approval", money(self.raised_unapproved)),
                true,
            ),
            (self.cut, format!("−{} cut", money(self.cut)), false),
            (
                self.cancelled,
                if self.cancelled_spent >= 0.5 {
                    format!(
                        "−{} of work cancelled ({} released, {} spent on it)",
                        money(self.cancelled),
                        money((self.cancelled - self.cancelled_spent).max(0.0)),
                        money(self.cancelled_spent)
                    )
                } else {
                    format!("−{} released by work cancelled", money(self.cancelled))
                },
                false,
            ),
            (
                self.removed,
                format!("−{} of work deleted from the roadmap", money(self.removed)),
                false,
            ),
        ]
        .into_iter()
        .filter(|(amount, _, _)| amount.abs() >= 0.5)
        .map(|(_, text, alert)| (text, alert))
        .collect()
    }
}

pub fn bridge_between(steps: &[BudgetStep], from: &str, to: &str) -> Option<BudgetStep> {
    let first = steps.iter().position(|s| s.from.as_str() == from)?;
    let mut out = BudgetStep {
        from: steps[first].from,
        to: steps[first].to,
        start: steps[first].start,
        ..BudgetStep::default()
    };
    for s in &steps[first..] {
        out.added += s.added;
        out.raised_approved += s.raised_approved;
        out.approved_later += s.approved_later;
        out.raised_unapproved += s.raised_unapproved;
        out.cut += s.cut;
        out.cancelled += s.cancelled;
        out.cancelled_spent += s.cancelled_spent;
        out.removed += s.removed;
        (out.to, out.end) = (s.to, s.end);
        if s.to.as_str() == to {
            return Some(out);
        }
    }
    None
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

impl EndSlip {
    /// Whether it asks nothing of anyone any more: the work was cancelled
    /// (a decision of its own, `cancelled-unapproved` when nobody took
    /// it), or it is done, every milestone by the end it stands committed
    /// to give or take the tolerance, so the move hid no lateness (as a
    /// milestone done by the date it was approved to). Done later, it
    /// stands: the later end made late work read as on time. Still one of
    /// the history's later ends: the capacity spreads done and cancelled
    /// work to the end committed, not to the later one.
    pub fn asks_nothing(&self, now: &Roadmap, tolerance_days: i64) -> bool {
        let Some(i) = now.initiative(&self.id) else {
            return false;
        };
        if i.status == "cancelled" {
            return true;
        }
        if i.status != "done" {
            return false;
        }
        let finished = i
            .milestones
            .iter()
            .map(|m| m.done.as_ref().map(|d| d.day))
            .collect::<Option<Vec<Day>>>()
            .and_then(|days| days.into_iter().max());
        finished.is_some_and(|day| days_between(self.committed, day) <= tolerance_days)
    }
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

/// The ends standing unapproved (`open_ends`), the milestones added with
/// no decision (of `open_scope`), the effort cut with none
/// (`effort_cuts`), the starts dated back (`starts`), the work put on
/// hold or made proposed with none (of `taken_back`, counted as
/// committed) and the teams' capacity raised with none (`capacity_rises`,
/// their capacity as on record, and work moved onto a team on paper
/// counted where it was), as the capacity reads them (see
/// [`crate::analysis::Facts::with_committed_ends`]).
pub fn ends_on_record<'h>(
    open_ends: &'h [EndSlip],
    open_scope: &[ScopeChange],
    effort_cuts: &'h [EffortCut],
    starts: &'h [StartBackdated],
    taken_back: &'h [Cancellation],
    capacity_rises: &'h [CapacityRise],
) -> crate::analysis::EndsOnRecord<'h> {
    let on_record = |id: &'h str, teams: &'h [(String, f64)]| {
        (id, teams.iter().map(|(t, d)| (t.as_str(), *d)).collect())
    };
    let effort = effort_cuts
        .iter()
        .map(|c| on_record(&c.id, &c.on_record))
        .chain(
            taken_back
                .iter()
                .filter(|c| c.keeps_its_plan())
                .map(|c| on_record(&c.id, &c.effort_then)),
        )
        .chain(
            capacity_rises
                .iter()
                .flat_map(|r| &r.effort_then)
                .map(|(id, teams)| on_record(id, teams)),
        )
        .collect();
    crate::analysis::EndsOnRecord {
        moved: open_ends
            .iter()
            .map(|e| (e.id.as_str(), e.committed))
            .collect(),
        added: added_scope(open_scope),
        effort,
        starts: starts
            .iter()
            .map(|s| (s.id.as_str(), s.start_then_day))
            .collect(),
        teams: capacity_rises
            .iter()
            .filter(|r| !r.on_record.is_empty())
            .map(|r| (r.team.as_str(), r.on_record.as_slice()))
            .collect(),
    }
}

/// An initiative's effort (its total, person-days over every team)
/// written lower than a snapshot had it, with no approved change request
/// affecting the initiative (one stating only money approves no effort)
/// decided since the snapshot: the capacity counted less of the teams'
/// time, and an overcommitted team read fine with nothing decided and a
/// period that said "Nothing changed" (from an auditor's trial). Work
/// moved between teams, or a number written as a map, keeps its total:
/// the teams' pages show where it went.
#[derive(Debug, Clone, Serialize)]
pub struct EffortCut {
    pub id: String,
    /// The snapshot whose effort stands: of those that had more than now
    /// with no decision since, the one that had the most (a second cut,
    /// however small, measured against the first left the first unseen).
    pub after: String,
    pub from: f64,
    /// The effort written now.
    pub to: f64,
    /// That snapshot's effort per team, which the capacity counts.
    pub on_record: Vec<(String, f64)>,
}

/// Less than a person-day: rounding (a total of 100 written as 33, 33
/// and 34 for three teams), not a cut.
pub(super) const EFFORT_CUT_MIN_DAYS: f64 = 1.0;

/// An initiative's effort, over every team.
pub(super) fn effort_total(i: &Initiative) -> f64 {
    i.effort.iter().map(|(_, d)| d).sum()
}

/// Whether an initiative's effort takes people's time now: effort cut on
/// a proposal, on hold or on work since closed spreads nothing.
pub(super) fn effort_counted(i: &Initiative) -> bool {
    crate::analysis::capacity::is_committed(i) || i.status == "active"
}

/// The working tree's committed work (the last point) whose effort stands
/// cut with no decision (see [`EffortCut`]).
pub(super) fn open_effort_cuts(points: &[Point], approvals: &Approvals) -> Vec<EffortCut> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in current
        .roadmap
        .initiatives
        .iter()
        .filter(|i| effort_counted(i))
    {
        let id = i.meta.id.as_str();
        let now = effort_total(i);
        let standing = snapshots
            .iter()
            .filter_map(|p| Some((p, p.roadmap.initiative(id)?)))
            // An estimate cut before the work was committed cut no team's
            // plan.
            .filter(|(_, was)| effort_counted(was))
            .map(|(p, was)| (p, was, effort_total(was)))
            .filter(|(_, _, then)| *then - now >= EFFORT_CUT_MIN_DAYS)
            .filter(|(p, _, _)| approvals.approving_plan(id, p.today).is_none())
            // The most, the latest of equals.
            .max_by(|a, b| a.2.total_cmp(&b.2));
        if let Some((p, was, then)) = standing {
            out.push(EffortCut {
                id: id.to_string(),
                after: p.name.to_string(),
                from: then,
                to: now,
                on_record: was.effort.iter().map(|(t, d)| (t.clone(), *d)).collect(),
            });
        }
    }
    out
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

/// What `approved` of an initiative's budget stands for over time. Where
/// both the budget `before` had (the last snapshot before the rise) and
/// the one now are written per period: each period at the lower of its
/// two amounts, and what was approved beyond them given to the periods
/// that rose, the latest first (a request does not say which rise it
/// approved; counted in the quarters to come, it raises no plan to date
/// it cannot be shown to have raised). From a trial: EUR 150,000 written
/// into the fourth quarter, EUR 100,000 of it approved, spread pro rata
/// over the old quarters, raised the plan to date of quarters already
/// over by EUR 60,870 and hid their overspend. A period only one of them
/// has counts 0 in the other (quarters made months: the months, no
/// period counted twice). Otherwise the budget `before` had, else the one
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
    if let (Some(before), Some(now)) = (before, now) {
        if !before.periods.is_empty() && !now.periods.is_empty() {
            return Some(approved_by_period(before, now, approved));
        }
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

/// See [`approved_budget`]: both budgets written per period.
fn approved_by_period(
    before: &crate::model::Budget,
    now: &crate::model::Budget,
    approved: f64,
) -> crate::model::Budget {
    // (as it was, as it is now) by period.
    let mut periods: BTreeMap<&crate::base::date::Date, (f64, f64)> = BTreeMap::new();
    for (d, v) in &before.periods {
        periods.entry(d).or_default().0 += v;
    }
    for (d, v) in &now.periods {
        periods.entry(d).or_default().1 += v;
    }
    let kept: f64 = periods.values().map(|&(was, is)| was.min(is)).sum();
    let mut left = (approved - kept).max(0.0);
    let mut amounts: Vec<(&crate::base::date::Date, f64)> = Vec::with_capacity(periods.len());
    for (d, (was, is)) in periods.into_iter().rev() {
        let rise = (is - was).max(0.0);
        let given = rise.min(left);
        left -= given;
        amounts.push((d, was.min(is) + given));
    }
    amounts.reverse();
    crate::model::Budget {
        total: approved,
        periods: amounts
            .into_iter()
            .filter(|(_, v)| *v != 0.0)
            .map(|(d, v)| (d.clone(), v))
            .collect(),
        span: now.span,
    }
}

/// The working tree's budgets rewritten since a snapshot that had them
/// (the same total, written otherwise: a total made amounts per quarter,
/// amounts moved between periods, the start moved earlier) so that they
/// plan more by that snapshot's day, beyond 1 % of the total, with no
/// approved change request affecting the initiative decided on or after
/// that day. Judged against every snapshot that had the budget, the newest
/// first: a snapshot taken after the rewrite records no decision (from a
/// trial: a start moved from July to January between two quarters made
/// the overspend vanish, and the second quarter's snapshot held the new
/// plan).
pub(super) fn open_rephasings(points: &[Point], approvals: &Approvals) -> Vec<BudgetRephase> {
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
            let dates_now = schedule::dates(i);
            let (p, then, planned_then, planned_now) = snapshots.iter().rev().find_map(|p| {
                let then_i = p.roadmap.initiative(id)?;
                // The working tree's own item (its file unchanged since
                // that snapshot): nothing rewritten. Most are, and every
                // snapshot is looked at now, not the last alone.
                if std::ptr::eq(then_i, &**i) {
                    return None;
                }
                let then = then_i.budget.as_ref()?;
                let planned_then = crate::analysis::budget::planned_to(
                    then,
                    Some(&schedule::dates(then_i)),
                    p.today,
                )?;
                let planned_now =
                    crate::analysis::budget::planned_to(now, Some(&dates_now), p.today)?;
                // A larger total may have been meant for days already
                // over (that increase is judged on its own); more than
                // all of it cannot. Only a total, with its dates, was a
                // rule for the same total.
                let increase = (now.total - then.total).max(0.0);
                let more = planned_now - planned_then > increase + (now.total * 0.01).max(0.5);
                (more && approvals.approving(id, p.today).is_none()).then_some((
                    p,
                    then,
                    planned_then,
                    planned_now,
                ))
            })?;
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

/// Initiatives in both roadmaps whose budget total changed. An increase
/// needs an approved change request affecting the initiative, decided on or
/// after `a`'s day (matched by [`acknowledge`]).
pub(super) fn budget_changes(a: &Point, b: &Point) -> Vec<BudgetMove> {
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
pub(super) fn budget_bridge(points: &[Point], diffs: &[Diff]) -> Vec<BudgetStep> {
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
            // From 0.0: `sum` of no floats is -0.0, which prints `-0.0`.
            .fold(0.0, |a, v| a + v)
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
                        step.cancelled += was;
                        // By the period's end: spend dated ahead is
                        // counted nowhere yet.
                        let spent = crate::analysis::budget::actual_to(y, pair[1].today).0;
                        step.cancelled_spent += spent.clamp(0.0, was);
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
                        let later = row
                            .and_then(|m| m.acknowledged_by)
                            .is_some_and(|by| d.approved_later.iter().any(|a| a.id == by));
                        if later {
                            step.approved_later += rise - unapproved;
                        }
                    }
                }
            }
            step
        })
        .collect()
}

/// Initiatives in both roadmaps whose written `start` or `end` changed.
pub(super) fn date_changes(a: &Point, b: &Point) -> Vec<DateMove> {
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
pub(super) fn money_rise(from: f64, to: f64) -> f64 {
    to - from
}

/// Whether money no approval covers needs a decision: half a cent or more
/// (amounts with cents, added and taken away, leave traces far smaller).
pub(super) fn money_needs_decision(unapproved: f64) -> bool {
    unapproved >= 0.005
}

/// How many days an end moved later (negative: earlier).
pub(super) fn end_rise(from: &crate::base::date::Date, to: &crate::base::date::Date) -> f64 {
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
pub(super) struct Figure<'r, V, F: Fn(&'r Initiative) -> Option<V>> {
    value: F,
    before_first: Option<V>,
    kept: Vec<bool>,
    _of: std::marker::PhantomData<&'r Initiative>,
}

/// Whether a version records budgets at all.
fn keeps_budgets(r: &Roadmap) -> bool {
    r.initiatives.iter().any(|i| i.budget.is_some())
}

pub(super) fn budget_figure<'r>(
    points: &[Point<'r>],
) -> Figure<'r, f64, impl Fn(&'r Initiative) -> Option<f64>> {
    Figure {
        value: |i: &'r Initiative| i.budget.as_ref().map(|b| b.total),
        before_first: Some(0.0),
        kept: points.iter().map(|p| keeps_budgets(p.roadmap)).collect(),
        _of: std::marker::PhantomData,
    }
}

pub(super) fn end_figure<'r>() -> Figure<
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
pub(super) fn pair_approvals(
    since: &[Option<Day>],
    days: &[Day],
    taken: &mut [bool],
) -> Vec<Option<usize>> {
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
pub(super) fn fit_amounts(
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
pub(super) fn rise_acks<'c, V: Copy>(
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
    let mut out = HashMap::default();
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
pub(super) struct RiseApproval {
    pub(super) by: Sym,
    pub(super) more: Vec<Sym>,
    pub(super) short: Option<f64>,
}

impl RiseApproval {
    /// Each request that approved part of it, when more than one did.
    pub(super) fn all_when_several(&self) -> Vec<Sym> {
        if self.more.is_empty() {
            return Vec::new();
        }
        distinct(std::iter::once(self.by).chain(self.more.iter().copied()))
    }
}

/// Budget increases of the working tree's initiatives that stand (taking
/// a budget away and back is no approval: a point without one is skipped;
/// money given to an initiative that had none is an increase from 0).
pub(super) fn open_budget(
    points: &[Point],
    approvals: &Approvals,
    current: &Roadmap,
) -> Vec<BudgetIncrease> {
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
pub(super) fn open_ends(
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

/// The ends of `ends` beyond what the initiative's milestones carry: the
/// latest date they stand committed to (`committed`: a milestone's
/// [`Slip::committed`], else its baseline, else its due date; a move
/// nobody approved, or one within the tolerance, carries nothing). An end
/// moved with its last milestone, whose move a request approved, is
/// committed as far as that milestone is: approving `a/go-live` left the
/// end it carried waiting for a decision of its own, "1 initiative ending
/// later unapproved" on the brief (from a trial). What stands beyond them
/// still needs one.
pub(super) fn beyond_milestones(
    ends: Vec<EndSlip>,
    roadmap: &Roadmap,
    committed: impl Fn(&crate::model::Milestone) -> Day,
    open_scope: &[ScopeChange],
    tolerance_days: i64,
) -> Vec<EndSlip> {
    // Added with no decision, a milestone carries nothing: the work's end
    // moved out for it as surely as for a due date moved.
    let added: HashSet<&str> = open_scope
        .iter()
        .filter(|s| s.kind == ScopeKind::MilestoneAdded && s.acknowledged_by.is_none())
        .map(|s| s.gid.as_str())
        .collect();
    ends.into_iter()
        .filter_map(|mut e| {
            let carried = roadmap.initiative(&e.id).and_then(|i| {
                i.milestones
                    .iter()
                    .filter(|m| !added.contains(m.gid.as_str()))
                    .map(&committed)
                    .max()
            });
            let Some(carried) = carried.filter(|&day| day > e.committed) else {
                return Some(e);
            };
            let now = crate::analysis::add_days(e.committed, e.unapproved_days);
            let rest = days_between(carried, now);
            if rest <= tolerance_days {
                return None;
            }
            (e.unapproved_days, e.committed) = (rest, carried);
            Some(e)
        })
        .collect()
}

/// A period's later ends its milestones carry, as [`beyond_milestones`]
/// judges the history's, for the initiatives whose end the history does
/// not find standing unapproved (`open`: the check's say is the last): a
/// row no request affecting the initiative approved reads as approved by
/// the request that approved the move of the milestone it moved with (or
/// as needing none, when a milestone not moved in the period already ran
/// that late: `approved` names the request that approved its slip before,
/// if one did), when the end now lies within the tolerance of where the
/// milestones stand at the period's end, counting only the moves of the
/// period a request approved whole (another counts from its date before)
/// and no milestone added with no decision.
pub(super) fn carried_in_period(
    d: &mut Diff,
    to: &Roadmap,
    open: &HashSet<&str>,
    approved: &HashMap<Sym, Sym>,
    tolerance_days: i64,
) {
    let waiting = |x: &DateMove| {
        x.field == "end"
            && x.needs_ack
            && (x.acknowledged_by.is_none() || x.beyond_approval.is_some())
            && !open.contains(x.id.as_str())
    };
    if !d.dates.iter().any(waiting) {
        return;
    }
    let moved: HashMap<&str, &Move> = d.moved.iter().map(|r| (r.gid.as_str(), r)).collect();
    let added: HashMap<&str, Option<Sym>> = d
        .scope
        .iter()
        .filter(|s| s.kind == ScopeKind::MilestoneAdded)
        .map(|s| (s.gid.as_str(), s.acknowledged_by))
        .collect();
    // (date, row, the request that approved the move it moved with, and
    // each that did when it took several)
    let mut carried: Vec<(usize, Option<Sym>, Vec<Sym>)> = Vec::new();
    for (k, x) in d.dates.iter().enumerate().filter(|(_, x)| waiting(x)) {
        let Some(i) = to.initiative(&x.id) else {
            continue;
        };
        let Some(end) = schedule::dates(i).end else {
            continue;
        };
        let carrier = i
            .milestones
            .iter()
            .filter_map(|m| match moved.get(m.gid.as_str()) {
                Some(r) if r.days > 0 => {
                    let whole = r.acknowledged_by.is_some() && r.beyond_approval.is_none();
                    Some(if whole {
                        (m.due.day, r.acknowledged_by, r.approved_by_steps.to_vec())
                    } else {
                        (
                            crate::analysis::add_days(m.due.day, -i64::from(r.days)),
                            None,
                            Vec::new(),
                        )
                    })
                }
                _ => match added.get(m.gid.as_str()) {
                    Some(by) => by.map(|by| (m.due.day, Some(by), Vec::new())),
                    None => Some((m.due.day, approved.get(m.gid.as_str()).copied(), Vec::new())),
                },
            })
            .max_by_key(|(day, _, _)| *day);
        if let Some((_, by, steps)) =
            carrier.filter(|(day, _, _)| days_between(*day, end) <= tolerance_days)
        {
            carried.push((k, by, steps));
        }
    }
    // A move approved by two requests in turn carries both, as its row
    // names them (the end named the first alone).
    for (k, by, steps) in carried {
        let x = &mut d.dates[k];
        x.beyond_approval = None;
        x.approved_by_steps = steps;
        match by {
            Some(by) => x.acknowledged_by = Some(by),
            None => (x.needs_ack, x.acknowledged_by) = (false, None),
        }
    }
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
    // The end is now the milestone's that makes it: a request approving
    // that milestone's move approves the end (naming only the milestone
    // cleared its slip, and the end stood unapproved; from a review).
    let makes_end = |m: &crate::model::Milestone| {
        m.due.day == now || m.done.as_ref().is_some_and(|d| d.day == now)
    };
    let makers: Vec<&str> = i
        .milestones
        .iter()
        .filter(|m| makes_end(m))
        .map(|m| m.gid.as_str())
        .collect();
    unapproved_end(
        (id, p, approvals, tolerance_days),
        &makers,
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
        &[],
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
    makers: &[&str],
    from: (Day, String),
    to: (Day, String),
    change: EndChange,
) -> Option<EndSlip> {
    let days = days_between(from.0, to.0);
    if days <= tolerance_days {
        return None;
    }
    // Approved by a request affecting the initiative or a milestone that
    // makes its end, for as many days as it states (`delay_days: 30`
    // cleared a move of 181 days whole; one stating only money approves
    // no date).
    let exceeds = |rest: f64| rest > tolerance_days as f64;
    let approval = makers
        .iter()
        .copied()
        .chain(std::iter::once(id))
        .find_map(|gid| {
            approvals.approving_alone((gid, id), p.today, Amount::Days, days as f64, &exceeds)
        });
    let (unapproved_days, capped_by) = match approval {
        Some(a) => match a.short {
            None => return None,
            Some(rest) => (rest.ceil() as i64, Some(a.by.to_string())),
        },
        None => (days, None),
    };
    Some(EndSlip {
        id: id.to_string(),
        from: from.1,
        to: to.1,
        days,
        unapproved_days,
        after: p.name.to_string(),
        capped_by,
        committed: crate::analysis::add_days(to.0, -unapproved_days),
        change,
    })
}

/// A team's capacity free of operations (`capacity` × (1 − `ops_load`))
/// higher in some quarter, from a snapshot's on, than that snapshot had
/// it, with no approved change request affecting the team decided since:
/// the load it carries reads lighter with nothing delivered or cut (from
/// a trial: capacity 300 → 600 and ops load 35 % → 10 % took a team at
/// 148 % to within its capacity). Or a team no snapshot had that takes
/// committed work a snapshot had on other teams: a team on paper, the
/// work's load gone from the team that carries it on record.
#[derive(Debug, Clone, Serialize)]
pub struct CapacityRise {
    pub team: String,
    /// The snapshot the quarter risen most is measured from: the oldest
    /// with no decision since that planned it.
    pub after: String,
    /// That quarter, with its capacity free of operations then (0 for a
    /// team the snapshot did not have) and now.
    pub quarter: String,
    pub then: f64,
    pub now: f64,
    /// A team new since the snapshot: the committed work it takes that
    /// the snapshot had on other teams.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<String>,
    /// Each quarter that rose, with the capacity and operations load it
    /// is measured from: what the capacity counts.
    #[serde(skip)]
    pub on_record: Vec<crate::analysis::capacity::QuarterOnRecord>,
    /// Of moved work, each initiative's effort per team in that snapshot,
    /// which the capacity counts.
    #[serde(skip)]
    pub effort_then: Vec<(String, Vec<(String, f64)>)>,
}

/// Less than a person-day a quarter: rounding, not a rise.
const CAPACITY_RISE_MIN_DAYS: f64 = 1.0;

/// Quarters ahead of today a capacity rise is looked for in.
const CAPACITY_RISE_QUARTERS_AHEAD: usize = 8;

/// Whether snapshot `p` (the `k`-th) showed team `id` above its capacity in
/// quarter `q`, its loads made once (see `loads`).
fn overcommitted_then(
    loads: &mut BTreeMap<usize, Vec<crate::analysis::capacity::TeamLoad>>,
    k: usize,
    p: &Point,
    id: &str,
    q: crate::base::date::Quarter,
) -> bool {
    let made = loads.entry(k).or_insert_with(|| {
        crate::analysis::capacity::capacity(
            p.roadmap,
            &crate::analysis::schedule::dates_of(p.roadmap),
            p.roadmap.fiscal_year_start.max(1),
            p.today,
        )
    });
    let quarter = q.to_string();
    made.iter()
        .filter(|t| t.team == id)
        .flat_map(|t| &t.quarters)
        .any(|l| l.quarter == quarter && l.remaining < 0.0)
}

/// The working tree's teams whose capacity stands raised with no decision
/// (see [`CapacityRise`]). Only quarters not over (those closed read as
/// their snapshot recorded them) and that the snapshot gave a figure of
/// their own, or one for every quarter: a figure carried over from the
/// last quarter it planned is no plan for the quarters after.
pub(super) fn open_capacity_rises(points: &[Point], approvals: &Approvals) -> Vec<CapacityRise> {
    use crate::analysis::capacity::{carried_from, value_for, QuarterOnRecord};
    use crate::base::date::Quarter;
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    let fiscal_start = current.roadmap.fiscal_year_start.max(1);
    let this_quarter = Quarter::of(current.today, fiscal_start);
    let last = (0..CAPACITY_RISE_QUARTERS_AHEAD).fold(this_quarter, |q, _| q.next());
    let free = |t: &crate::model::Team, q: Quarter| {
        let capacity = value_for(&t.capacity, q, fiscal_start)?;
        let ops_load = value_for(&t.ops_load, q, fiscal_start).unwrap_or(0.0);
        Some((capacity * (1.0 - ops_load), capacity, ops_load))
    };
    let planned = |t: &crate::model::Team, q: Quarter| {
        carried_from(&t.capacity, q, fiscal_start).is_none()
            && carried_from(&t.ops_load, q, fiscal_start).is_none()
    };
    // Each snapshot's team loads, made only for a carried figure raised
    // since (rare): what its capacity page showed.
    let mut loads: BTreeMap<usize, Vec<crate::analysis::capacity::TeamLoad>> = BTreeMap::new();
    let mut out = Vec::new();
    for team in &current.roadmap.teams {
        let id = team.meta.id.as_str();
        // The quarters the team's committed work runs through: a rise in a
        // quarter it has no work in hides no load (an honest hiring plan
        // for a year ahead read as a decision missing, from a trial).
        let loaded: BTreeSet<Quarter> = current
            .roadmap
            .initiatives
            .iter()
            .filter(|i| effort_counted(i) && i.effort.get(id).is_some())
            .filter_map(|i| {
                let d = crate::analysis::schedule::dates(i);
                Some((d.start?, d.end?))
            })
            .flat_map(|(start, end)| {
                let (first, last) = (
                    Quarter::of(start, fiscal_start),
                    Quarter::of(end.max(start), fiscal_start),
                );
                std::iter::successors(Some(first), move |q| (*q < last).then(|| q.next()))
            })
            .collect();
        // By quarter: what the oldest snapshot with no decision since that
        // planned it had (then, capacity, ops load, snapshot), as a slip is
        // measured from the date first promised: taking a snapshot since
        // clears nothing, and capacity back to what it was after a dip
        // recorded in between is no rise (from a trial).
        let mut baseline: BTreeMap<Quarter, (f64, f64, f64, &Point)> = BTreeMap::new();
        for (k, p) in snapshots.iter().enumerate() {
            let Some(was) = p.roadmap.team(id) else {
                continue;
            };
            if approvals.approving_plan(id, p.today).is_some() {
                continue;
            }
            let mut q = Quarter::of(p.today, fiscal_start).max(this_quarter);
            while q <= last {
                if let Some((then, capacity, ops_load)) = free(was, q) {
                    // A figure carried into a quarter the snapshot showed
                    // the team overcommitted in was the capacity it planned
                    // that quarter with (from a trial: `2027-Q1: 420` added
                    // beside a map ending in 2026-Q4 took a 113 % quarter
                    // off the brief).
                    let on_record = loaded.contains(&q)
                        && (planned(was, q)
                            || (free(team, q)
                                .is_some_and(|(now, ..)| now - then >= CAPACITY_RISE_MIN_DAYS)
                                && overcommitted_then(&mut loads, k, p, id, q)));
                    if on_record {
                        baseline.entry(q).or_insert((then, capacity, ops_load, p));
                    }
                }
                q = q.next();
            }
        }
        let least: BTreeMap<Quarter, (f64, f64, f64, &Point)> = baseline
            .into_iter()
            .filter(|(q, (then, ..))| {
                free(team, *q).is_some_and(|(now, ..)| now - then >= CAPACITY_RISE_MIN_DAYS)
            })
            .collect();
        let now_of = |q: Quarter| free(team, q).map_or(0.0, |f| f.0);
        // The quarter risen most, the earliest of equals.
        let most = least
            .iter()
            .fold(None, |best: Option<(Quarter, f64)>, (q, (then, ..))| {
                let rise = now_of(*q) - then;
                match best {
                    Some((_, r)) if r >= rise => best,
                    _ => Some((*q, rise)),
                }
            });
        if let Some((q, _)) = most {
            let (then, _, _, p) = least[&q];
            out.push(CapacityRise {
                team: id.to_string(),
                after: p.name.to_string(),
                quarter: q.to_string(),
                then,
                now: now_of(q),
                moved: Vec::new(),
                on_record: least
                    .iter()
                    .map(|(q, (_, capacity, ops_load, _))| QuarterOnRecord {
                        quarter: *q,
                        capacity: *capacity,
                        ops_load: *ops_load,
                    })
                    .collect(),
                effort_then: Vec::new(),
            });
            continue;
        }
        // A team on paper: committed work a snapshot had on other teams,
        // on a team that snapshot did not have. Judged against each such
        // snapshot, the latest first: one taken since, with the team and
        // the work on it, clears nothing (from a trial), nor does a team
        // written in empty a quarter before the work moves onto it. A
        // snapshot that could not read every team file says nothing.
        for p in snapshots.iter().rev() {
            if !p.roadmap.all_read(crate::model::Kind::Team)
                || p.roadmap.teams.iter().any(|t| t.meta.id == id)
            {
                continue;
            }
            // Decided since this one, decided since every older one.
            if approvals.approving_plan(id, p.today).is_some() {
                break;
            }
            let mut moved = Vec::new();
            let mut effort_then = Vec::new();
            for i in current
                .roadmap
                .initiatives
                .iter()
                .filter(|i| effort_counted(i) && i.effort.get(id).is_some())
            {
                let Some(was) = p.roadmap.initiative(&i.meta.id) else {
                    continue;
                };
                if !effort_counted(was) || was.effort.is_empty() || was.effort.get(id).is_some() {
                    continue;
                }
                if approvals.approving_plan(&i.meta.id, p.today).is_some() {
                    continue;
                }
                moved.push(i.meta.id.clone());
                effort_then.push((
                    i.meta.id.clone(),
                    was.effort.iter().map(|(t, d)| (t.clone(), *d)).collect(),
                ));
            }
            if moved.is_empty() {
                continue;
            }
            out.push(CapacityRise {
                team: id.to_string(),
                after: p.name.to_string(),
                quarter: this_quarter.to_string(),
                then: 0.0,
                now: now_of(this_quarter),
                moved,
                on_record: Vec::new(),
                effort_then,
            });
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(periods: &[(&str, f64)]) -> crate::model::Budget {
        let periods: Vec<(crate::base::date::Date, f64)> = periods
            .iter()
            .map(|(d, v)| {
                let date = crate::base::date::parse(d, crate::base::date::Edge::Start, 1).unwrap();
                (date, *v)
            })
            .collect();
        crate::model::Budget {
            total: periods.iter().map(|(_, v)| v).sum(),
            periods,
            span: None,
        }
    }

    fn amounts(b: &crate::model::Budget) -> Vec<(String, f64)> {
        b.periods
            .iter()
            .map(|(d, v)| (d.written.to_string(), *v))
            .collect()
    }

    #[test]
    fn an_approval_in_part_raises_the_latest_periods_that_rose() {
        let was = budget(&[
            ("2026-Q1", 200.0),
            ("2026-Q2", 250.0),
            ("2026-Q3", 250.0),
            ("2026-Q4", 200.0),
        ]);
        // 150 written into Q4, 100 of it approved: Q4 by 100, the rest as
        // they were.
        let now = budget(&[
            ("2026-Q1", 200.0),
            ("2026-Q2", 250.0),
            ("2026-Q3", 250.0),
            ("2026-Q4", 350.0),
        ]);
        let b = approved_budget(Some(&was), Some(&now), 1000.0).unwrap();
        assert_eq!(b.total, 1000.0);
        assert_eq!(
            amounts(&b),
            [
                ("2026-Q1".into(), 200.0),
                ("2026-Q2".into(), 250.0),
                ("2026-Q3".into(), 250.0),
                ("2026-Q4".into(), 300.0)
            ]
        );
        // A rise into a quarter over besides: the approval counts in the
        // later one first, and the quarter over keeps its amount.
        let now = budget(&[
            ("2026-Q1", 200.0),
            ("2026-Q2", 250.0),
            ("2026-Q3", 300.0),
            ("2026-Q4", 350.0),
        ]);
        let b = approved_budget(Some(&was), Some(&now), 1000.0).unwrap();
        assert_eq!(amounts(&b)[2], ("2026-Q3".into(), 250.0));
        assert_eq!(amounts(&b)[3], ("2026-Q4".into(), 300.0));
        // A period cut counts as cut.
        let now = budget(&[
            ("2026-Q1", 200.0),
            ("2026-Q2", 150.0),
            ("2026-Q3", 250.0),
            ("2026-Q4", 400.0),
        ]);
        let b = approved_budget(Some(&was), Some(&now), 950.0).unwrap();
        assert_eq!(amounts(&b)[1], ("2026-Q2".into(), 150.0));
        assert_eq!(amounts(&b)[3], ("2026-Q4".into(), 350.0));
    }

    #[test]
    fn quarters_made_months_are_counted_once() {
        let was = budget(&[("2026-Q3", 300.0), ("2026-Q4", 300.0)]);
        let now = budget(&[
            ("2026-07", 125.0),
            ("2026-08", 125.0),
            ("2026-09", 125.0),
            ("2026-10", 125.0),
            ("2026-11", 125.0),
            ("2026-12", 125.0),
        ]);
        let b = approved_budget(Some(&was), Some(&now), 700.0).unwrap();
        let got = amounts(&b);
        assert!(got.iter().all(|(d, _)| d.len() == 7), "{got:?}");
        assert_eq!(got.iter().map(|(_, v)| v).sum::<f64>(), 700.0);
        assert_eq!(got[0], ("2026-07".into(), 75.0));
    }
}
