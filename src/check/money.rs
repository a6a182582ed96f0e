//! Rules over budgets and spend: spend where it belongs, recorded, within
//! budget and in step with progress.

use super::*;

/// Where budget findings point: the `budget` field, else the title.
pub(super) fn budget_at(i: &crate::model::Initiative) -> Option<Span> {
    i.budget.as_ref().and_then(|b| b.span).or(at(&i.meta))
}

/// One finding of `rule` for an initiative's spend entries that `misplaced`
/// picks: what they total, over how many periods (for `says`), and the
/// first of them in the help, after `fix`.
fn misplaced_spend(
    i: &crate::model::Initiative,
    rule: &'static lints::Rule,
    config: &Config,
    misplaced: impl Fn(&crate::model::DataPoint) -> bool,
    says: impl FnOnce(String, String) -> String,
    fix: &str,
) -> Option<Diagnostic> {
    let picked: Vec<&crate::model::DataPoint> = i.spend.iter().filter(|p| misplaced(p)).collect();
    let first = picked.first()?;
    let total: f64 = picked.iter().map(|p| p.value).sum();
    let mut d = rule.at(
        &i.meta.path,
        i.spend_span.or(at(&i.meta)),
        says(
            crate::words::money(total, &config.budget.currency),
            crate::words::count(picked.len(), "period", "periods"),
        ),
    );
    d.help = Some(format!("the first is {}: {fix}", first.date.written));
    Some(d)
}

pub(super) fn spend_in_the_future(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let today = config.today.day;
    r.initiatives
        .iter()
        .filter_map(|i| {
            misplaced_spend(
                i,
                &lints::SPEND_IN_THE_FUTURE,
                config,
                // A period under way is spent in; one that has not begun is not.
                |p| p.date.day > today,
                |amount, periods| {
                    format!(
                        "initiative `{}` has {amount} of spend for {periods} after today ({}): no total counts it",
                        i.meta.id, config.today.written
                    )
                },
                "write the period it was spent in (check the year)",
            )
        })
        .collect()
}

/// Rows of a shared spend file naming no initiative of the roadmap: money
/// no total counts. Each (file, name) once, whichever initiatives read it.
pub(super) fn spend_row_unmatched(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in &r.unmatched_spend {
        let named = r.initiative(&e.initiative);
        // How much is left out, in our currency as the budget page sums
        // it, then in any other.
        let currency = &config.budget.currency;
        let (amount, rows) = e.in_currency(currency);
        let sums: Vec<String> = [(currency.as_str(), amount, rows)]
            .into_iter()
            .filter(|&(_, _, rows)| rows > 0)
            .chain(e.in_others(currency))
            .map(|(c, amount, rows)| {
                format!(
                    "{} over {}",
                    crate::words::money(amount, c),
                    crate::words::count(rows, "row", "rows")
                )
            })
            .collect();
        let uncounted = match sums.is_empty() {
            true => String::new(),
            false => format!(" ({})", sums.join("; ")),
        };
        let mut d = lints::SPEND_ROW_UNMATCHED.at(
            &e.path,
            Some(e.span),
            if let Some(j) = named {
                let theirs = match (&j.spend_file, j.spend.is_empty()) {
                    (Some(other), _) => format!("which reads its spend from `{other}`, not this file"),
                    (None, false) => "which records its spend in `spend:`, not in this file".to_string(),
                    (None, true) => "which has no `spend_file`".to_string(),
                };
                format!(
                    "this row is for initiative `{}`, {theirs}: no initiative counts the spend on the rows naming it{uncounted}",
                    j.meta.id
                )
            } else if e.initiative.is_empty() {
                format!("this row names no initiative in the `initiative` column: no initiative counts the spend on such rows{uncounted}")
            } else {
                format!(
                    "this row is for initiative `{}`, which is not an initiative of the roadmap: no initiative counts the spend on the rows naming it{uncounted}",
                    crate::parse::data::clip(&e.initiative, 40)
                )
            },
        );
        let here = e
            .path
            .split_once('/')
            .map_or(e.path.as_str(), |(_, rest)| rest);
        d.help = Some(
            match crate::diag::closest(&e.initiative, r.initiatives.iter().map(|i| i.meta.id.as_str())) {
                // Pointing it here would drop the spend it has: said only
                // where it has none.
                _ if named.is_some_and(|j| j.spend_file.is_none() && j.spend.is_empty()) => format!(
                    "add `spend_file: {here}` to it to count these rows, or leave them out of the export"
                ),
                _ if named.is_some() => format!(
                    "if this export replaces its own record, point its `spend_file` here (`spend_file: {here}`); else leave these rows out of the export, or move them to its record if they are missing there"
                ),
                Some(near) => format!("did you mean `{near}`?"),
                None => "write the id of the initiative the money was spent on (its file name without `.md`), or leave the row out of the file".to_string(),
            },
        );
        out.push(d);
    }
    out
}

pub(super) fn spend_before_start(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    r.initiatives
        .iter()
        .filter_map(|i| {
            // Only a written start: one derived from the first milestone says
            // nothing about when money may be spent.
            let start = i.start.as_ref()?;
            misplaced_spend(
                i,
                &lints::SPEND_BEFORE_START,
                config,
                |p| crate::base::date::period_end(&p.date) <= start.day,
                |amount, periods| {
                    format!(
                        "initiative `{}` has {amount} of spend for {periods} before its start ({}): the totals count it, the plan does not",
                        i.meta.id, start.written
                    )
                },
                "write the period it was spent in (check the year), or move `start:` to when the work began",
            )
        })
        .collect()
}

/// "approved budget of EUR 900,000 (raised to EUR 1,050,000 with no
/// approved change request)" where a rise stands unapproved, else
/// "budget": what money findings judge by.
fn judged_budget(s: &crate::analysis::budget::BudgetStatus, config: &Config) -> String {
    let money = |v: f64| crate::words::money(v, &config.budget.currency);
    match s.approved {
        Some(a) => format!(
            "approved budget of {} (raised to {} with no approved change request)",
            money(a),
            money(s.total)
        ),
        None => "budget".to_string(),
    }
}

pub(super) fn overspend(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    let money = |v: f64| crate::words::money(v, &config.budget.currency);
    r.initiatives
        .iter()
        // "Spent with no budget" would blame a budget whose error is told,
        // and a plan spread over fallback dates is no plan; spend with an
        // amount that could not be read would be told short of itself.
        .filter(|i| !i.budget_unreadable && !i.dates_unreadable && !i.spend_incomplete)
        .filter_map(|i| {
            let s = facts.budget.initiatives.get(&i.meta.id).filter(|s| s.overspent)?;
            // The budget judged by, named: the approved one where a rise
            // stands unapproved.
            let of_budget = match s.approved {
                Some(_) => format!("its {}", judged_budget(s, config)),
                None => format!("its whole budget of {}", money(s.total)),
            };
            // To the books' cut-off, as the plan runs.
            let when = if s.as_of < config.today.day {
                format!("to {}", crate::base::date::iso(s.as_of))
            } else {
                "by today".to_string()
            };
            let which = match i.status.as_str() {
                "cancelled" => "cancelled initiative",
                "done" => "done initiative",
                _ => "initiative",
            };
            let message = match (i.budget.is_some(), s.planned_to_date) {
                (false, _) => format!(
                    "initiative `{}` spent {} and has no `budget`",
                    i.meta.id,
                    money(s.actual_to_date)
                ),
                (true, Some(planned)) if planned > 0.0 && !s.beyond_whole() => format!(
                    "initiative `{}` spent {} {when} against {} planned to {}{} ({}, tolerance {}%)",
                    i.meta.id,
                    money(s.actual_to_date),
                    money(planned),
                    crate::base::date::iso(s.as_of),
                    s.approved
                        .map(|_| format!(" by its {}", judged_budget(s, config)))
                        .unwrap_or_default(),
                    over_plan(
                        s.variance_share.unwrap_or(0.0) * 100.0,
                        config.budget.overspend_tolerance
                    ),
                    config.budget.overspend_tolerance
                ),
                (true, _) => format!(
                    "{which} `{}` spent {} by today, more than {of_budget}{}",
                    i.meta.id,
                    money(s.actual_to_date),
                    s.burn
                        .filter(|b| b.is_finite() && *b > 0.0)
                        .map(|b| format!(" ({:.0}% of it)", b * 100.0))
                        .unwrap_or_default()
                ),
            };
            // Judged by the spend reported: say what it is written as now.
            let message = match s.restated {
                Some(down) => format!(
                    "{message}; spend as reported, written down since to {} with no approved change request",
                    money(s.actual_to_date - down)
                ),
                None => message,
            };
            let mut d = lints::OVERSPEND.at(&i.meta.path, budget_at(i), message);
            // Work closed spends no more: its overrun is approved or not.
            d.help = Some(if i.is_closed() {
                "approve the overrun in a change request and raise `budget:` to what was spent".into()
            } else {
                "approve the extra money in a change request and raise `budget:`, or bring spend back to plan".into()
            });
            Some(d)
        })
        .collect()
}

/// How far behind today the books may close: a month or a quarter of lag
/// is how they close; more is spend not recorded.
const BOOKS_LAG_DAYS: i64 = 92;

/// The books' cut-off more than a quarter back (found by a trial: every
/// plan to date stood at a month seven months gone, "under plan", with
/// nothing said but the cut-off's date in small print).
pub(super) fn books_behind(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    let Some(cut) = facts.budget.books_to else {
        return Vec::new();
    };
    let today = config.today.day;
    let behind = crate::analysis::days_between(cut, today);
    let budgeted_live = r
        .initiatives
        .iter()
        .filter(|i| crate::analysis::is_live(i) && i.budget.is_some())
        .count();
    if behind <= BOOKS_LAG_DAYS || budgeted_live == 0 {
        return Vec::new();
    }
    let mut d = lints::BOOKS_BEHIND.at(
        crate::config::FILE,
        None,
        format!(
            "spend is on record up to {} and no later, {} before today ({}): every plan to date, variance and burn of the {} is worked out as of that day, so the months since read as nothing spent and nothing planned",
            crate::base::date::iso(cut),
            crate::words::days(behind),
            crate::base::date::iso(today),
            crate::words::count(budgeted_live, "live initiative with a budget", "live initiatives with a budget")
        ),
    );
    d.help = Some(
        "record the spend booked since (`spend:` or `spend_file:`), writing `0` for a month nothing was spent"
            .into(),
    );
    vec![d]
}

/// A live initiative's spend stops before the rest of the books: the
/// books' cut-off is the latest period any live work has spend for, so
/// the months since read as nothing spent and its overrun as under plan
/// (from a trial: the project over budget was no longer booked, and the
/// brief's budget line lost it). A period of its own (by the step it
/// books in) over by today and booked for other work, with money planned
/// in it, is what is missing; a quarter not over is not.
pub(super) fn spend_stopped(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    use crate::base::date::{iso, next_period_end, period_end};
    let today = config.today.day;
    let last_day =
        |p: &crate::model::DataPoint| period_end(&p.date).yesterday().unwrap_or(p.date.day);
    use crate::analysis::budget::spend_to;
    let live = |i: &&std::sync::Arc<crate::model::Initiative>| crate::analysis::is_live(i);
    let Some(books) = r
        .initiatives
        .iter()
        .filter(live)
        .flat_map(|i| spend_to(i, today))
        .map(last_day)
        .max()
    else {
        return Vec::new();
    };
    r.initiatives
        .iter()
        .filter(live)
        // Work on hold spends nothing on purpose.
        .filter(|i| i.status != "on-hold")
        .filter(|i| !i.budget_unreadable && !i.dates_unreadable && !i.spend_incomplete)
        .filter_map(|i| {
            let id = i.meta.id.as_str();
            let budget = facts.budget.approved_plans.get(id).or(i.budget.as_ref())?;
            let last = spend_to(i, today).max_by_key(|p| (period_end(&p.date), p.date.day))?;
            let own = last_day(last);
            // The step it books in: a month for spend dated by the day (an
            // invoice's date), else its own. Two periods missing, the
            // second over by today and booked for other work: one is how
            // books close (from a review).
            let step = crate::base::date::Date {
                precision: match last.date.precision {
                    crate::base::date::Precision::Day => crate::base::date::Precision::Month,
                    p => p,
                },
                day: if last.date.precision == crate::base::date::Precision::Day {
                    last.date.day.first_of_month()
                } else {
                    last.date.day
                },
                written: last.date.written,
            };
            // The first day after the period that follows its last, and
            // the last day of the one after that.
            let next = next_period_end(&step);
            let second = period_end(&crate::base::date::Date {
                day: next,
                ..step.clone()
            })
            .yesterday()
            .ok()?;
            if second >= today || second > books {
                return None;
            }
            let dates = facts.dates.get(id);
            let to = books.min(today);
            let planned = crate::analysis::budget::planned_to(budget, dates, to)?
                - crate::analysis::budget::planned_to(budget, dates, own)?;
            // Whole money: a plan spread by the day leaves cents.
            if planned < 0.5 {
                return None;
            }
            let mut d = lints::SPEND_STOPPED.at(
                &i.meta.path,
                i.spend_span.or(budget_at(i)),
                format!(
                    "initiative `{id}`'s spend on record ends with {}, while other live work's runs to {}: the {} its budget planned since reads as nothing spent, and its variance as that much under plan",
                    last.date.written,
                    iso(books),
                    crate::words::money(planned, &config.budget.currency),
                ),
            );
            d.help = Some(format!(
                "record its spend for the periods since {} (`spend:` or its `spend_file`), writing `0` for a period nothing was spent",
                last.date.written
            ));
            Some(d)
        })
        .collect()
}

pub(super) fn spend_not_recorded(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    // A roadmap that keeps budgets and no spend at all says so once, on
    // its budget page: a finding per initiative would bury the others.
    let records_spend = r.initiatives.iter().any(|i| !i.spend.is_empty());
    if !records_spend {
        return Vec::new();
    }
    r.initiatives
        .iter()
        .filter(|i| {
            i.status != "cancelled"
                && !i.budget_unreadable
                && !i.dates_unreadable
                && !i.spend_incomplete
        })
        .filter_map(|i| {
            let s = facts.budget.initiatives.get(&i.meta.id)?;
            let planned = s
                .planned_to_date
                .filter(|p| *p > 0.0 && !s.spend_recorded && i.budget.is_some())?;
            let mut d = lints::SPEND_NOT_RECORDED.at(
                &i.meta.path,
                budget_at(i),
                format!(
                    "initiative `{}` planned {} by {} and has no spend on record: what it spent is unknown, and the budget's totals leave it out",
                    i.meta.id,
                    crate::words::money(planned, &config.budget.currency),
                    crate::base::date::iso(s.as_of)
                ),
            );
            d.help = Some(format!(
                "record what it spent (`spend:` or `spend_file:`); if it spent nothing yet, write `spend: {{ {}: 0 }}`",
                crate::base::date::Quarter::of(s.as_of, config.roadmap.fiscal_year_start)
            ));
            Some(d)
        })
        .collect()
}

pub(super) fn burn_ahead_of_progress(
    r: &Roadmap,
    facts: &Facts,
    config: &Config,
) -> Vec<Diagnostic> {
    r.initiatives
        .iter()
        .filter(|i| !i.is_closed())
        // Progress without a milestone whose error is told would be
        // progress on the wrong count.
        .filter(|i| {
            i.dropped_milestones.is_empty() && !i.budget_unreadable && !i.spend_incomplete
        })
        .filter_map(|i| {
            let s = facts.budget.initiatives.get(&i.meta.id).filter(|s| s.burn_ahead)?;
            let progress = facts.progress.get(&i.meta.id)?;
            let mut d = lints::BURN_AHEAD.at(
                &i.meta.path,
                budget_at(i),
                format!(
                    "initiative `{}` has spent {:.0}% of its {} with {} of {} milestones done ({:.0}%); `burn-tolerance` allows {} points",
                    i.meta.id,
                    s.burn.unwrap_or(0.0) * 100.0,
                    judged_budget(s, config),
                    progress.done,
                    progress.total,
                    s.progress.unwrap_or(0.0) * 100.0,
                    config.budget.burn_tolerance
                ),
            );
            d.help = Some(
                "re-estimate what is left, then ask for more money or cut scope in a change request".into(),
            );
            Some(d)
        })
        .collect()
}
