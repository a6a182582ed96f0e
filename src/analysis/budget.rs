//! Money against the plan: what each initiative was meant to have spent by
//! today, what it spent, how that compares with the milestones it has
//! done, and the same summed per outcome, per team and for the roadmap.

use super::days_between;
use super::schedule::Dates;
use super::traceability::Progress;
use crate::base::date::period_end;
use crate::config::Config;
use crate::model::{Budget, Initiative, Roadmap};
use jiff::civil::Date as Day;
use serde::Serialize;
use std::collections::BTreeMap;

/// One initiative's money as of today.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BudgetStatus {
    pub total: f64,
    /// What the plan meant to be spent by today; `None` when a plain total
    /// has no dates to spread it over.
    pub planned_to_date: Option<f64>,
    /// Spend in the periods begun by today.
    pub actual_to_date: f64,
    /// Whether any spend is on record for a period begun by today. With a
    /// budget and none, what was spent is unknown, not 0: no variance, burn
    /// or overspend is worked out, and the roll-ups leave it out of the
    /// comparison with plan (it read "EUR 0 spent, −100%", and three such
    /// initiatives made a roadmap EUR 1.1 M under plan).
    pub spend_recorded: bool,
    /// The day `planned_to_date` runs to: today, or the last day of the
    /// latest period with spend when that is later (spend recorded for
    /// November is compared with November's plan, not with the plan up
    /// to the day it was recorded); the books' cut-off
    /// ([`BudgetFacts::books_to`]) when earlier.
    pub as_of: Day,
    /// Actual minus planned to date.
    pub variance: Option<f64>,
    /// Variance as a share of planned to date.
    pub variance_share: Option<f64>,
    /// Share of the whole budget spent.
    pub burn: Option<f64>,
    /// Share of its milestones done; `None` without milestones.
    pub progress: Option<f64>,
    /// Spend above plan to date beyond `overspend-tolerance`.
    pub overspent: bool,
    /// Share spent ahead of share done beyond `burn-tolerance`.
    pub burn_ahead: bool,
    /// Cancelled: its plan stops at its last spend on record (it grew
    /// with every day after the work stopped, and its shortfall hid other
    /// work's overrun in the roll-ups), it owes no progress, and the
    /// roll-ups count its spend apart.
    pub cancelled: bool,
    /// The budget last approved, when a rise since stands with no
    /// approval: the plan to date, variance, burn and overspend are judged
    /// by it (raised with no decision, the plan to date rose with it and
    /// an overspend of 14 % read 2 % under plan). `total` stays the
    /// budget as written.
    pub approved: Option<f64>,
    /// Spend on record that a restatement standing with no approved
    /// change request took down (see
    /// [`crate::history::spend_restated_down`]): counted in
    /// `actual_to_date`, and so in the variance, burn and overspend, as
    /// reported (written down, spend cleared an overspend the record
    /// still shows).
    pub restated: Option<f64>,
}

impl BudgetStatus {
    /// The budget it is judged by: the one last approved, else as written.
    pub fn whole(&self) -> f64 {
        self.approved.unwrap_or(self.total)
    }

    /// Spend on record past the whole of that budget.
    pub fn beyond_whole(&self) -> bool {
        self.spend_recorded && self.whole() > 0.0 && self.actual_to_date > self.whole()
    }
}

/// Sums over several initiatives.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Rollup {
    pub initiatives: usize,
    pub total: f64,
    /// Planned to date of those whose plan over time is known.
    pub planned_to_date: f64,
    /// Spend of those same initiatives: what compares with the plan.
    pub actual_to_date: f64,
    /// Spend of the others (a total with no dates to spread it over, or
    /// no budget at all): counted, but against no plan.
    pub unplanned_actual: f64,
    /// Those with a plan to date and no spend on record, and what they
    /// planned to date (part of `planned_to_date`, but not of what spend
    /// is compared with: [`Rollup::variance`]).
    pub unrecorded: usize,
    pub unrecorded_planned: f64,
    /// Cancelled initiatives that spent money, and what they spent: apart
    /// from the rest, whose plan it is no part of.
    pub cancelled: usize,
    pub cancelled_actual: f64,
    /// Of `total`, budget written above the budget last approved with no
    /// approved change request (see [`BudgetStatus::approved`]): an
    /// outcome's or team's money said it with nothing to tell it apart
    /// (from a trial).
    pub unapproved: f64,
}

impl Rollup {
    /// What the spend on record compares with: the plan to date of those
    /// that record spend.
    pub fn compared_planned(&self) -> f64 {
        self.planned_to_date - self.unrecorded_planned
    }

    /// Spend against the plan of those that record it.
    pub fn variance(&self) -> f64 {
        self.actual_to_date - self.compared_planned()
    }

    fn add(&mut self, s: &BudgetStatus, share: f64) {
        if s.cancelled {
            // One that spent nothing is no money counted apart (from a
            // trial: "EUR 0 spent on 1 cancelled initiative", and two
            // counted where one had spent).
            if s.actual_to_date * share != 0.0 {
                self.cancelled += 1;
                self.cancelled_actual += s.actual_to_date * share;
            }
            return;
        }
        self.initiatives += 1;
        self.total += s.total * share;
        if let Some(approved) = s.approved.filter(|&a| a < s.total) {
            self.unapproved += (s.total - approved) * share;
        }
        match s.planned_to_date {
            Some(planned) if !s.spend_recorded => {
                self.planned_to_date += planned * share;
                if planned > 0.0 {
                    self.unrecorded += 1;
                    self.unrecorded_planned += planned * share;
                }
            }
            Some(planned) => {
                self.planned_to_date += planned * share;
                self.actual_to_date += s.actual_to_date * share;
            }
            None => self.unplanned_actual += s.actual_to_date * share,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct BudgetFacts {
    /// Initiatives with a budget or spend.
    pub initiatives: BTreeMap<String, BudgetStatus>,
    /// Each outcome: the initiatives serving it, each counted in full.
    pub outcomes: BTreeMap<String, Rollup>,
    /// Each team: each initiative's money split by its effort per team
    /// (evenly when its effort does not say).
    pub teams: BTreeMap<String, Rollup>,
    pub roadmap: Rollup,
    /// The books' cut-off, when before today: the last day of the latest
    /// period any live work has spend on record for. Plans to date run to
    /// it, as the actuals do: built a week after a quarter closed, with
    /// March's spend the latest booked, a week of April's plan against no
    /// April spend made an overspend of 12 % read 2 %.
    pub books_to: Option<Day>,
    /// By initiative, the budget last approved where a rise since stands
    /// unapproved: what its plan is drawn and judged by.
    #[serde(skip)]
    pub approved_plans: BTreeMap<String, Budget>,
    /// Spend in shared finance exports on rows naming no initiative that
    /// reads them (a mistyped id, or an initiative reading another file):
    /// no total counts it, and a reader of the totals is told how much.
    pub unmatched_spend: UnmatchedSpend,
}

/// Money in spend files that no initiative counts, in `[budget] currency`.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct UnmatchedSpend {
    /// Its amounts summed, whatever their dates (amounts that are not
    /// numbers count as 0).
    pub amount: f64,
    /// The names of the `initiative` column it is booked under.
    pub names: usize,
    /// The rows holding it.
    pub rows: usize,
    /// What such rows hold in other currencies, each by its code, in code
    /// order: no total could count it either.
    pub other_currencies: Vec<OtherCurrency>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct OtherCurrency {
    pub currency: String,
    pub amount: f64,
    pub rows: usize,
}

impl UnmatchedSpend {
    fn of(r: &Roadmap, config: &Config) -> UnmatchedSpend {
        let currency = &config.budget.currency;
        let mut sum = UnmatchedSpend::default();
        let mut others: BTreeMap<&str, OtherCurrency> = BTreeMap::new();
        for e in &r.unmatched_spend {
            let (amount, rows) = e.in_currency(currency);
            sum.amount += amount;
            sum.rows += rows;
            sum.names += 1;
            for (code, amount, rows) in e.in_others(currency) {
                let other = others.entry(code).or_insert_with(|| OtherCurrency {
                    currency: code.to_string(),
                    ..OtherCurrency::default()
                });
                other.amount += amount;
                other.rows += rows;
            }
        }
        sum.other_currencies = others.into_values().collect();
        sum
    }

    /// Whether any row is counted nowhere.
    pub fn any(&self) -> bool {
        self.rows > 0 || !self.other_currencies.is_empty()
    }
}

/// Share of `[start, end)` elapsed by the end of `today`.
fn elapsed(start: Day, end: Day, today: Day) -> f64 {
    let length = days_between(start, end);
    if length <= 0 {
        return if today >= start { 1.0 } else { 0.0 };
    }
    (days_between(start, today) + 1).clamp(0, length) as f64 / length as f64
}

/// What the budget meant to be spent by the end of `today`: each period's
/// amount pro rata of its days elapsed, or a total evenly from start to
/// end.
pub fn planned_to(budget: &Budget, dates: Option<&Dates>, today: Day) -> Option<f64> {
    if !budget.periods.is_empty() {
        return Some(
            budget
                .periods
                .iter()
                .map(|(d, amount)| amount * elapsed(d.day, period_end(d), today))
                .sum(),
        );
    }
    let d = dates?;
    let (start, end) = (d.start?, d.end?);
    let end = end.checked_add(jiff::Span::new().days(1)).unwrap_or(end);
    Some(budget.total * elapsed(start, end, today))
}

/// Spend in the periods begun by `today`, and the last day of the latest
/// of them (`today` when that is earlier or there is none).
pub fn actual_to(i: &Initiative, today: Day) -> (f64, Day) {
    let counted = spend_to(i, today);
    let last = counted
        .clone()
        .map(|p| period_end(&p.date).yesterday().unwrap_or(p.date.day))
        .max()
        .map_or(today, |d| d.max(today));
    // A fold from 0.0: `sum` of no floats is -0.0, which prints as `-0`.
    (counted.map(|p| p.value).fold(0.0, |a, v| a + v), last)
}

/// The spend on record for the periods begun by `today`.
pub fn spend_to(
    i: &Initiative,
    today: Day,
) -> impl Iterator<Item = &crate::model::DataPoint> + Clone {
    i.spend.iter().filter(move |p| p.date.day <= today)
}

/// What the history judges an initiative's money by, where the working
/// tree changed it with no approval.
#[derive(Debug, Clone, Copy, Default)]
pub struct OnRecord<'a> {
    /// The budget last approved, when a rise since stands (see
    /// [`BudgetStatus::approved`]).
    pub approved: Option<&'a Budget>,
    /// Spend reported and written down since (see
    /// [`BudgetStatus::restated`]).
    pub restated: Option<f64>,
}

pub fn status(
    i: &Initiative,
    dates: Option<&Dates>,
    progress: Option<&Progress>,
    config: &Config,
    OnRecord { approved, restated }: OnRecord,
    books_to: Option<Day>,
    past_committed: &BTreeMap<String, Day>,
) -> Option<BudgetStatus> {
    if i.budget.is_none() && i.spend.is_empty() {
        return None;
    }
    let today = config.today.day;
    let written = i.budget.as_ref().map_or(0.0, |b| b.total);
    let budget = approved.or(i.budget.as_ref());
    let total = budget.map_or(0.0, |b| b.total);
    let restated = restated.filter(|&x| x > 0.0);
    let (mut actual, mut as_of) = actual_to(i, today);
    actual += restated.unwrap_or(0.0);
    if let Some(cut) = books_to.filter(|&cut| cut < today) {
        as_of = cut;
    }
    let spend_recorded = spend_to(i, today).next().is_some() || restated.is_some();
    let cancelled = i.status == "cancelled";
    if cancelled {
        // The plan runs to the end of its last spend on record, not on to
        // today: no money was meant to be spent on work stopped.
        if let Some(last) = spend_to(i, today)
            .map(|p| period_end(&p.date).yesterday().unwrap_or(p.date.day))
            .max()
        {
            as_of = last;
        }
    }
    let planned = budget
        .filter(|_| !cancelled || spend_recorded)
        .and_then(|b| planned_to(b, dates, as_of));
    let known = |v: Option<f64>| v.filter(|_| spend_recorded);
    let variance = known(planned.map(|p| actual - p));
    let variance_share = known(planned.filter(|p| *p > 0.0).map(|p| (actual - p) / p));
    let burn = known((total > 0.0).then(|| actual / total));
    let progress = progress
        .filter(|p| p.total > 0)
        .map(|p| p.done as f64 / p.total as f64);
    let tolerance = config.budget.overspend_tolerance / 100.0;
    // Beyond the whole budget is a decision to make, within the tolerance
    // or not, done or cancelled (done at 103 %, or cancelled with spend
    // still booked, it was said nowhere). The tolerance is for the timing
    // of spend within the plan.
    let beyond_whole = budget.is_some() && actual > total && spend_recorded;
    let overspent = match planned {
        _ if beyond_whole => true,
        // Stopped: nothing more is asked of it, and its overrun stands
        // on its row.
        _ if cancelled => false,
        Some(p) if p > 0.0 => actual > p * (1.0 + tolerance),
        // Nothing was meant to be spent yet, or no plan over time: only
        // spend beyond the whole budget says anything (any spend, for a
        // budget of nothing or none at all).
        _ => actual > total * (1.0 + tolerance),
    };
    // Only once a milestone is due (or done): before, no milestone says
    // the work is behind, and money spent early on the plan is the plan.
    // Due by the date it stands committed to counts (moved out with no
    // decision, it kept a team spending 53 % with nothing done unjudged).
    let judged = i.milestones.iter().any(|m| {
        m.due.day <= today || m.done.is_some() || past_committed.contains_key(m.gid.as_str())
    });
    let burn_ahead = match (burn, progress) {
        (Some(b), Some(p)) => !cancelled && judged && b - p > config.budget.burn_tolerance / 100.0,
        _ => false,
    };
    Some(BudgetStatus {
        total: written,
        planned_to_date: planned,
        actual_to_date: actual,
        spend_recorded,
        as_of,
        variance,
        variance_share,
        burn,
        progress,
        overspent,
        burn_ahead,
        cancelled,
        approved: approved.map(|b| b.total),
        restated,
    })
}

/// `approved`: by initiative, the budget last approved where a rise since
/// stands with no approval (the history's; empty without snapshots).
pub fn analyse(
    r: &Roadmap,
    dates: &BTreeMap<String, Dates>,
    progress: &BTreeMap<String, Progress>,
    config: &Config,
    approved: &BTreeMap<String, Budget>,
    restated: &BTreeMap<String, f64>,
    past_committed: &BTreeMap<String, Day>,
) -> BudgetFacts {
    let today = config.today.day;
    let mut f = BudgetFacts {
        books_to: r
            .initiatives
            .iter()
            .filter(|i| i.status != "cancelled")
            .flat_map(|i| spend_to(i, today))
            .map(|p| period_end(&p.date).yesterday().unwrap_or(p.date.day))
            .max()
            .filter(|&last| last < today),
        unmatched_spend: UnmatchedSpend::of(r, config),
        ..BudgetFacts::default()
    };
    for i in &r.initiatives {
        let id = &i.meta.id;
        let Some(s) = status(
            i,
            dates.get(id),
            progress.get(id),
            config,
            OnRecord {
                approved: approved.get(id),
                restated: restated.get(id).copied(),
            },
            f.books_to,
            past_committed,
        ) else {
            continue;
        };
        f.roadmap.add(&s, 1.0);
        for o in &i.outcomes {
            f.outcomes.entry(o.to_string()).or_default().add(&s, 1.0);
        }
        let effort: f64 = i.teams.iter().filter_map(|t| i.effort.get(t)).sum();
        for t in &i.teams {
            let share = match i.effort.get(t) {
                Some(days) if effort > 0.0 => days / effort,
                _ if effort > 0.0 => 0.0,
                _ => 1.0 / i.teams.len() as f64,
            };
            if share > 0.0 {
                f.teams.entry(t.to_string()).or_default().add(&s, share);
            }
        }
        f.initiatives.insert(i.meta.id.clone(), s);
    }
    f.approved_plans = approved.clone();
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::date::{parse, Edge};

    fn day(s: &str) -> Day {
        parse(s, Edge::Start, 1).unwrap().day
    }

    #[test]
    fn a_plan_to_date_counts_the_days_elapsed() {
        // 2026-Q4 has 92 days; by the end of 2026-11-25, 56 have passed.
        let q4 = parse("2026-Q4", Edge::Start, 1).unwrap();
        let q1 = parse("2027-Q1", Edge::Start, 1).unwrap();
        let quarters = Budget {
            total: 300.0,
            periods: vec![(q4, 92.0), (q1, 208.0)],
            span: None,
        };
        let p = planned_to(&quarters, None, day("2026-11-25")).unwrap();
        assert!((p - 56.0).abs() < 1e-9, "{p}");
        // A total spread from 2026-10-01 to 2026-12-31 (92 days).
        let total = Budget {
            total: 920.0,
            periods: Vec::new(),
            span: None,
        };
        let dates = Dates {
            start: Some(day("2026-10-01")),
            end: Some(day("2026-12-31")),
            start_derived: false,
            end_derived: false,
        };
        let p = planned_to(&total, Some(&dates), day("2026-11-25")).unwrap();
        assert!((p - 560.0).abs() < 1e-9, "{p}");
        assert_eq!(
            planned_to(&total, Some(&dates), day("2026-09-01")),
            Some(0.0)
        );
        assert_eq!(
            planned_to(&total, Some(&dates), day("2027-03-01")),
            Some(920.0)
        );
        assert_eq!(planned_to(&total, None, day("2026-11-25")), None);
    }
}
