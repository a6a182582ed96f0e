//! Money on the pages: an initiative's budget against its plan and its
//! milestones, the roll-ups per outcome and team, the budget page and the
//! dashboard's summary.

use super::PageSpec;
use crate::analysis::budget::{BudgetStatus, Rollup};
use crate::model::Initiative;
use crate::render::context::{fact, merge, Ctx};
use crate::render::value::Value;
use crate::tv;

pub(super) fn money(cx: &Ctx, v: f64) -> String {
    crate::words::money(v, &cx.config.budget.currency)
}

/// An amount as [`money`] writes it, or in a few characters (`EUR 800 k`)
/// where the brief's line says the others so: one sentence read "EUR 800 k
/// spent ... and EUR 800,000 against no plan".
fn amount(cx: &Ctx, v: f64, short: bool) -> String {
    if short {
        format!(
            "{} {}",
            cx.config.budget.currency,
            crate::words::money_short(v)
        )
    } else {
        money(cx, v)
    }
}

/// `+25%`, `−1%`: the sign always shown, a true minus like the amounts'.
fn signed_percent(share: f64) -> String {
    let rounded = (share * 100.0).round();
    match rounded {
        r if r > 0.0 => format!("+{r:.0}%"),
        r if r < 0.0 => format!("−{:.0}%", -r),
        _ => "0%".into(),
    }
}

fn percent(v: Option<f64>) -> Option<String> {
    // Rounded, then `+ 0.0`: nothing spent reads `0%`, never `-0%`.
    v.map(|v| format!("{}%", (v * 100.0).round() + 0.0))
}

/// One initiative's figures, as the budget page's rows and its own page
/// show them. A budget raised since a snapshot with no approved change
/// request says the figure last approved beside it: the plan and the
/// variance are worked out from the raised one, and read without a word
/// they would call spend within the approved budget's reach "under plan".
/// An increase approved after the one that stands counts as approved.
fn status_json(cx: &Ctx, id: &str, s: &BudgetStatus) -> Value {
    let unapproved = cx.open_budget(id).map(|b| {
        let approved_since = b.approved > b.from;
        tv!({
            "approved": money(cx, b.approved),
            "was": money(cx, b.from),
            "after": b.after,
            "approved_since": approved_since.then(|| money(cx, b.approved - b.from)),
            "unapproved": money(cx, b.to - b.approved),
        })
    });
    let variance_class = match (s.overspent, s.variance) {
        (true, _) => "health-red",
        (false, Some(v)) if v > 0.0 => "health-amber",
        _ => "health-green",
    };
    tv!({
        "total": money(cx, s.total),
        "planned": s.planned_to_date.map(|p| money(cx, p)),
        // None: no spend on record, which is not nothing spent.
        "actual": s.spend_recorded.then(|| money(cx, s.actual_to_date)),
        "variance": s.variance.map(|v| crate::words::signed_money(v, &cx.config.budget.currency)),
        "as_of": crate::base::date::iso(s.as_of),
        "as_of_today": s.as_of == cx.config.today.day,
        "variance_share": s.variance_share.map(signed_percent),
        "variance_class": variance_class,
        "burn": percent(s.burn),
        "progress": percent(s.progress),
        "overspent": s.overspent,
        // Past the whole budget (the approved one): its share of it, not a
        // share over the plan to date that reads within the tolerance.
        "beyond_whole": s.beyond_whole(),
        // Spending with none: not "over budget" as if it had one.
        "no_budget": cx.r.initiative(id).is_some_and(|i| i.budget.is_none()),
        "burn_ahead": s.burn_ahead,
        "cancelled": s.cancelled,
        "unapproved": unapproved,
        // Written down with no decision: the figure as written beside the
        // one reported, which the variance and burn count.
        "restated": s.restated.map(|down| tv!({
            "written": money(cx, s.actual_to_date - down),
            "down": money(cx, down),
        })),
    })
}

/// "EUR 258,000 spent on 1 cancelled initiative": counted apart from the
/// plan it is no part of. `short` writes the money as the brief does.
fn cancelled(cx: &Ctx, r: &Rollup, short: bool) -> Option<String> {
    (r.cancelled > 0).then(|| {
        let spent = amount(cx, r.cancelled_actual, short);
        format!(
            "{spent} spent on {}",
            crate::words::count(r.cancelled, "cancelled initiative", "cancelled initiatives")
        )
    })
}

/// An initiative's budget section: its figures and its chart.
pub(super) fn initiative_budget(cx: &Ctx, i: &Initiative) -> Value {
    let Some(s) = cx.facts.budget.initiatives.get(&i.meta.id) else {
        return Value::none();
    };
    let chart = crate::render::charts::budget_chart(i, cx.facts, cx.config);
    let per_period: Vec<Value> = i
        .budget
        .iter()
        .flat_map(|b| &b.periods)
        .map(|(d, v)| tv!({ "period": d.written, "amount": money(cx, *v) }))
        .collect();
    // Each amount written down or taken out with no decision beside the
    // one reported: the "Spent by today" above is the total reported, and
    // the table summed to less with nothing said (from an auditor's trial).
    use crate::history::{figure_key, Series};
    let revised: Vec<&crate::history::FigureRevision> = cx
        .open_revisions()
        .iter()
        .filter(|x| x.series == Series::Spend && x.id == i.meta.id && x.needs_ack)
        .collect();
    let reported = |key| {
        revised
            .iter()
            .find(|x| x.key == key)
            .map(|x| money(cx, x.from))
    };
    let mut spend: Vec<(jiff::civil::Date, Value)> = i
        .spend
        .iter()
        .map(|p| (p.date.day, tv!({ "period": p.date.written, "amount": money(cx, p.value), "counted": p.date.day <= cx.config.today.day, "reported": reported(figure_key(&p.date)) })))
        .collect();
    spend.extend(revised.iter().filter(|x| x.to.is_none()).map(|x| {
        (x.key.0, tv!({ "period": x.date, "amount": "taken out", "counted": true, "reported": money(cx, x.from) }))
    }));
    spend.sort_by_key(|(day, _)| *day);
    let spend: Vec<Value> = spend.into_iter().map(|(_, v)| v).collect();
    crate::render::value::with(
        crate::render::value::with(
            crate::render::value::with(
                crate::render::value::with(status_json(cx, &i.meta.id, s), "chart", tv!(chart)),
                "has_budget",
                tv!(i.budget.is_some()),
            ),
            "periods",
            tv!(per_period),
        ),
        "spend",
        tv!(spend),
    )
}

/// A roll-up as one fact: "EUR 1,200,000 over 3 initiatives; planned to
/// date …, spent …".
pub(super) fn rollup_fact(cx: &Ctx, r: &Rollup, label: &str) -> Value {
    let mut unplanned = if r.unplanned_actual > 0.0 {
        format!(" (and {} against no plan)", money(cx, r.unplanned_actual))
    } else {
        String::new()
    };
    if let Some(note) = unrecorded(cx, r, false) {
        unplanned = format!("{unplanned}; {note}");
    }
    if let Some(note) = cancelled(cx, r, false) {
        unplanned = format!("{unplanned}; besides, {note}");
    }
    // As the budget page and the dashboard say of the roadmap's.
    let unapproved = if r.unapproved > 0.0 {
        format!(
            " ({} of it with no approved change request)",
            money(cx, r.unapproved)
        )
    } else {
        String::new()
    };
    fact(
        label,
        format!(
            "{}{unapproved} over {}; planned {} {}, spent {}{unplanned}",
            money(cx, r.total),
            crate::words::count(r.initiatives, "initiative", "initiatives"),
            // To the books' cut-off, as the budget page says.
            crate::words::planned_to(cx.facts.budget.books_to),
            money(cx, r.planned_to_date),
            money(cx, r.actual_to_date)
        ),
    )
}

/// "2 initiatives with EUR 80,000 planned to date record no spend": part
/// of the plan to date, left out of what spend is compared with, and said
/// so beside it.
fn unrecorded(cx: &Ctx, r: &Rollup, short: bool) -> Option<String> {
    (r.unrecorded > 0).then(|| {
        format!(
            "{} with {} planned to date record{} no spend",
            crate::words::count(r.unrecorded, "initiative", "initiatives"),
            amount(cx, r.unrecorded_planned, short),
            if r.unrecorded == 1 { "s" } else { "" }
        )
    })
}

/// "EUR 36,400 on 4 rows of finance exports is counted nowhere": money an
/// export holds under a blank or unknown initiative id, or one of an
/// initiative whose spend comes from elsewhere, said beside the totals (a
/// mistyped id left it out unseen but for a hygiene finding). Each
/// currency apart: no total could add them up.
fn unmatched(cx: &Ctx, short: bool) -> Option<String> {
    let u = &cx.facts.budget.unmatched_spend;
    if !u.any() {
        return None;
    }
    let ours = (u.rows > 0).then_some((cx.config.budget.currency.as_str(), u.amount, u.rows));
    let others = u
        .other_currencies
        .iter()
        .map(|o| (o.currency.as_str(), o.amount, o.rows));
    let parts: Vec<String> = ours
        .into_iter()
        .chain(others)
        .map(|(currency, amount, rows)| match short {
            true => format!("{currency} {}", crate::words::money_short(amount)),
            false => format!(
                "{} on {}",
                crate::words::money(amount, currency),
                crate::words::count(rows, "row", "rows")
            ),
        })
        .collect();
    let verb = if parts.len() == 1 { "is" } else { "are" };
    let rows = u.rows + u.other_currencies.iter().map(|o| o.rows).sum::<usize>();
    let whose = if rows == 1 { "its" } else { "their" };
    let parts = parts.join(" and ");
    Some(match short {
        true => format!("{parts} of exported spend counted nowhere"),
        false => format!(
            "{parts} of finance exports {verb} counted nowhere: {whose} initiative is blank, unknown, or takes its spend from elsewhere (see the spend-row-unmatched findings)"
        ),
    })
}

fn rollup_row(cx: &Ctx, id: &str, r: &Rollup, root: &str) -> Value {
    // None of its initiatives records spend: what they spent is unknown
    // ("EUR 0 spent, EUR 0 against plan" read as on plan).
    let known = r.unrecorded == 0 || r.compared_planned() > 0.0 || r.actual_to_date > 0.0;
    tv!({
        "item": cx.link(id, root),
        "initiatives": r.initiatives,
        "total": money(cx, r.total),
        "planned": money(cx, r.planned_to_date),
        "actual": known.then(|| money(cx, r.actual_to_date)),
        "variance": known.then(|| crate::words::signed_money(r.variance(), &cx.config.budget.currency)),
        "over": r.variance() > 0.0,
        "unplanned": (r.unplanned_actual > 0.0).then(|| money(cx, r.unplanned_actual)),
        "unrecorded": unrecorded(cx, r, false),
        "cancelled": cancelled(cx, r, false),
    })
}

/// The initiatives with money, furthest over plan (by share) first.
fn furthest_off<'a>(cx: &'a Ctx) -> Vec<(&'a String, &'a BudgetStatus)> {
    let mut rows: Vec<(&String, &BudgetStatus)> = cx.facts.budget.initiatives.iter().collect();
    rows.sort_by(|a, b| {
        // Overspent with no plan to compare with first: it has no share.
        let key = |s: &BudgetStatus| {
            s.variance_share
                .unwrap_or(if s.overspent { f64::MAX } else { 0.0 })
        };
        key(b.1).total_cmp(&key(a.1)).then_with(|| a.0.cmp(b.0))
    });
    rows
}

/// Totals and the initiatives furthest off plan, for the dashboard and
/// the brief.
pub(super) fn summary(cx: &Ctx, root: &str, rows: usize) -> Value {
    let b = &cx.facts.budget;
    let all_off: Vec<_> = furthest_off(cx)
        .into_iter()
        .filter(|(_, s)| s.overspent || s.burn_ahead)
        .collect();
    let off_total = all_off.len();
    let off: Vec<Value> = all_off
        .into_iter()
        .take(rows)
        .map(|(id, s)| {
            crate::render::value::with(status_json(cx, id, s), "item", cx.link(id, root))
        })
        .collect();
    // Of those with money, the ones with a budget: spend with none is
    // counted, against no plan, and the initiative is no "initiative with
    // a budget".
    let budgeted =
        cx.r.initiatives
            .iter()
            .filter(|i| i.budget.is_some() && i.status != "cancelled")
            .filter(|i| b.initiatives.contains_key(&i.meta.id))
            .count();
    // Those that spent by today with no budget (spend dated ahead is
    // counted nowhere yet).
    let spending_without: Vec<f64> =
        cx.r.initiatives
            .iter()
            .filter(|i| i.budget.is_none() && i.status != "cancelled")
            .filter_map(|i| b.initiatives.get(&i.meta.id))
            .map(|s| s.actual_to_date)
            .filter(|spent| *spent > 0.0)
            .collect();
    let unbudgeted: f64 = spending_without.iter().sum();
    tv!({
        "initiatives": b.roadmap.initiatives,
        "budgeted": budgeted,
        "unbudgeted_spend": money(cx, unbudgeted),
        "spending_without": spending_without.len(),
        "total": money(cx, b.roadmap.total),
        "planned": money(cx, b.roadmap.planned_to_date),
        "actual": money(cx, b.roadmap.actual_to_date),
        "planned_short": crate::words::money_short(b.roadmap.planned_to_date),
        "actual_short": crate::words::money_short(b.roadmap.actual_to_date),
        "variance": crate::words::signed_money(
            b.roadmap.variance(),
            &cx.config.budget.currency,
        ),
        "unplanned": (b.roadmap.unplanned_actual > 0.0).then(|| money(cx, b.roadmap.unplanned_actual)),
        "unplanned_short": (b.roadmap.unplanned_actual > 0.0).then(|| amount(cx, b.roadmap.unplanned_actual, true)),
        "unrecorded": unrecorded(cx, &b.roadmap, false),
        "unrecorded_short": unrecorded(cx, &b.roadmap, true),
        "cancelled": cancelled(cx, &b.roadmap, false),
        "cancelled_short": cancelled(cx, &b.roadmap, true),
        "unmatched": unmatched(cx, false),
        "unmatched_short": unmatched(cx, true),
        "over": b.roadmap.variance() > 0.0,
        // Plans to date run to the books' cut-off, when before today.
        "books_to": b.books_to.map(crate::base::date::iso),
        // Raised with no decision: part of the total, not of the plan to
        // date (judged by the budgets approved).
        "unapproved_total": (cx.unapproved_budget() > 0.0).then(|| money(cx, cx.unapproved_budget())),
        "overspent": b.initiatives.values().filter(|s| s.overspent).count(),
        "burn_ahead": b.initiatives.values().filter(|s| s.burn_ahead).count(),
        "off": off,
        // However many the list has room for.
        "off_total": off_total,
        "url": format!("{root}budget.html"),
        "currency": cx.config.budget.currency,
    })
}

pub(super) fn budget_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    let root = "";
    let rows: Vec<Value> = furthest_off(cx)
        .into_iter()
        .map(|(id, s)| {
            crate::render::value::with(status_json(cx, id, s), "item", cx.link(id, root))
        })
        .collect();
    let rollups = |by: &std::collections::BTreeMap<String, Rollup>| -> Vec<Value> {
        by.iter()
            .map(|(id, r)| rollup_row(cx, id, r, root))
            .collect()
    };
    let (outcomes, teams) = (
        rollups(&cx.facts.budget.outcomes),
        rollups(&cx.facts.budget.teams),
    );
    let b = &cx.facts.budget.roadmap;
    let summary = summary(cx, root, 0);
    // The budget is over the initiatives that have one: one spending with
    // none adds to what was spent, not to whom the budget covers.
    let budgeted = summary
        .get_from_path("budgeted")
        .and_then(Value::as_u64)
        .unwrap_or_default() as usize;
    let without = summary
        .get_from_path("spending_without")
        .and_then(Value::as_u64)
        .unwrap_or_default() as usize;
    let description = format!(
        "Budget {} over {}; {}, spent {}{}{}",
        money(cx, b.total),
        crate::words::count(budgeted, "initiative", "initiatives"),
        match cx.facts.budget.books_to {
            Some(d) => format!(
                "planned {} to {} (the latest spend on record)",
                money(cx, b.planned_to_date),
                crate::base::date::iso(d)
            ),
            None => format!("planned to date {}", money(cx, b.planned_to_date)),
        },
        money(cx, b.actual_to_date),
        if without > 0 {
            format!(
                " (and {} by {} with no budget)",
                summary
                    .get_from_path("unbudgeted_spend")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
                crate::words::count(without, "initiative", "initiatives")
            )
        } else {
            String::new()
        },
        [unrecorded(cx, b, false), unmatched(cx, false)]
            .into_iter()
            .flatten()
            .map(|note| format!("; {note}"))
            .collect::<String>()
    );
    merge(
        cx.base(page.path, "Budget", &description, page.section),
        tv!({
            "budget": {
                "summary": summary,
                "rows": rows,
                "outcomes": outcomes,
                "teams": teams,
                "overspend_tolerance": crate::words::one_decimal(cx.config.budget.overspend_tolerance),
                "burn_tolerance": crate::words::one_decimal(cx.config.budget.burn_tolerance),
                "bridge": bridge(cx),
            }
        }),
    )
}

/// How the budget moved period by period (the history's bridge), amounts
/// as the page writes them; a figure of nothing is left blank, as a
/// finance bridge leaves it.
fn bridge(cx: &Ctx) -> Vec<Value> {
    let Some(h) = cx.history else {
        return Vec::new();
    };
    let some = |v: f64| (v.abs() >= 0.5).then(|| money(cx, v));
    h.budget_bridge
        .iter()
        .map(|s| {
            tv!({
                "from": s.from.as_str(),
                "to": s.to.as_str(),
                "period_url": format!("history/{}--{}.html", s.from, s.to),
                "start": money(cx, s.start),
                "added": some(s.added),
                "raised_approved": some(s.raised_approved),
                "approved_later": some(s.approved_later),
                "raised_unapproved": some(s.raised_unapproved),
                "cut": some(s.cut),
                "cancelled": some(s.cancelled),
                "cancelled_spent": some(s.cancelled_spent),
                "removed": some(s.removed),
                "end": money(cx, s.end),
            })
        })
        .collect()
}
