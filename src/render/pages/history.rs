//! What changed between two snapshots: the diff pages, and the rows (slips,
//! scope changes, latent slips) the dashboard lists too. One place, so a
//! slip reads the same wherever it is shown.

use super::{Page, VERSIONS};
use crate::render::context::{figure_exact, merge, Ctx};
use crate::render::root_of;
use crate::render::splice::Parts;
use crate::render::value::{self, Value};
use crate::tv;

pub(super) fn diff_path(d: &crate::history::Diff) -> String {
    format!("history/{}.html", d.slug())
}

/// The counts of a diff, for lists of diffs.
pub(super) fn diff_summary(d: &crate::history::Diff, root: &str) -> Value {
    tv!({
        "from": d.from,
        "to": d.to,
        "from_today": crate::base::date::iso(d.from_today),
        "to_today": crate::base::date::iso(d.to_today),
        "url": format!("{root}{}", diff_path(d)),
        "moved": d.moved.len(),
        "slipped": d.moved.iter().filter(|m| m.days > 0).count(),
        "scope": d.scope.len(),
        "latent": d.latent.len(),
        "unapproved": d.unapproved().total(),
        "approved_later": d.approved_later.len(),
        "completed": d.completed.len(),
        "redated": d.redated.len(),
        "on_time": d.on_time(),
        "newly_overdue": d.newly_overdue.len(),
        "became_traced": d.became_traced.len(),
        "became_untraced": d.became_untraced.len(),
        "lost_last_live": d.lost_last_live.len(),
        "risks_opened": d.risks.iter().filter(|x| matches!(x.change, crate::history::RiskChangeKind::Opened | crate::history::RiskChangeKind::Reopened)).count(),
        "risks_rose": d.risks.iter().filter(|x| x.change == crate::history::RiskChangeKind::ExposureRose).count(),
        "forecasts": d.forecasts.len(),
        "forecasts_later": d.forecasts.iter().filter(|f| f.days.is_some_and(|n| n > 0)).count(),
        "title": d.title(),
        "sentence": d.sentence(),
    })
}

/// A diff cut to `rows` entries per list (the dashboard and the brief link
/// to the full diff page), with the full counts.
pub(super) fn diff_json_limited(
    cx: &Ctx,
    d: &crate::history::Diff,
    root: &str,
    rows: usize,
) -> Value {
    // Each list's first `rows`, noting whether any lost entries so the page
    // says where the rest are.
    let mut cut_any = false;
    let mut first = |n: usize| {
        cut_any |= n > rows;
        n.min(rows)
    };
    let cut = crate::history::Diff {
        moved: d.moved[..first(d.moved.len())].to_vec(),
        renamed: d.renamed.clone(),
        added: d.added[..first(d.added.len())].to_vec(),
        added_status: d.added_status.clone(),
        removed: d.removed[..first(d.removed.len())].to_vec(),
        removed_titles: d.removed_titles.clone(),
        scope: d.scope[..first(d.scope.len())].to_vec(),
        latent: d.latent[..first(d.latent.len())].to_vec(),
        status: d.status[..first(d.status.len())].to_vec(),
        health: d.health[..first(d.health.len())].to_vec(),
        owners: d.owners[..first(d.owners.len())].to_vec(),
        teams: d.teams[..first(d.teams.len())].to_vec(),
        serves: d.serves[..first(d.serves.len())].to_vec(),
        retitled: d.retitled[..first(d.retitled.len())].to_vec(),
        capacity: d.capacity[..first(d.capacity.len())].to_vec(),
        ops_load: d.ops_load[..first(d.ops_load.len())].to_vec(),
        kpis: d.kpis[..first(d.kpis.len())].to_vec(),
        targets: d.targets[..first(d.targets.len())].to_vec(),
        baselines: d.baselines[..first(d.baselines.len())].to_vec(),
        capabilities: d.capabilities[..first(d.capabilities.len())].to_vec(),
        directions: d.directions[..first(d.directions.len())].to_vec(),
        efforts: d.efforts[..first(d.efforts.len())].to_vec(),
        horizons: d.horizons[..first(d.horizons.len())].to_vec(),
        revisions: d.revisions[..first(d.revisions.len())].to_vec(),
        flash: d.flash[..first(d.flash.len())].to_vec(),
        retired: d.retired[..first(d.retired.len())].to_vec(),
        outcomes_retired: d.outcomes_retired[..first(d.outcomes_retired.len())].to_vec(),
        unlinked: d.unlinked[..first(d.unlinked.len())].to_vec(),
        linked: d.linked[..first(d.linked.len())].to_vec(),
        completed: d.completed[..first(d.completed.len())].to_vec(),
        redated: d.redated[..first(d.redated.len())].to_vec(),
        newly_overdue: d.newly_overdue[..first(d.newly_overdue.len())].to_vec(),
        became_traced: d.became_traced[..first(d.became_traced.len())].to_vec(),
        became_untraced: d.became_untraced[..first(d.became_untraced.len())].to_vec(),
        untraced_committed: d.untraced_committed,
        untraced_unapproved: d.untraced_unapproved[..first(d.untraced_unapproved.len())].to_vec(),
        lost_last_live: d.lost_last_live[..first(d.lost_last_live.len())].to_vec(),
        risks: d.risks[..first(d.risks.len())].to_vec(),
        budgets: d.budgets[..first(d.budgets.len())].to_vec(),
        late_spend: d.late_spend[..first(d.late_spend.len())].to_vec(),
        dates: d.dates[..first(d.dates.len())].to_vec(),
        forecasts: d.forecasts[..first(d.forecasts.len())].to_vec(),
        requests: d.requests[..first(d.requests.len())].to_vec(),
        approved_later: d.approved_later.clone(),
        approves_earlier: d.approves_earlier.clone(),
        // Named, not `..d.clone()`: that copied every list whole first.
        from: d.from.clone(),
        to: d.to.clone(),
        from_today: d.from_today,
        to_today: d.to_today,
    };
    let long = if cx.renderer.streams_periods {
        LongRows::Written
    } else {
        LongRows::Values
    };
    let v = value::with(
        diff_json(cx, &cut, root, long),
        "counts",
        diff_summary(d, root),
    );
    value::with(v, "cut_to", tv!(cut_any.then_some(rows)))
}

/// A slip that needs a decision and has none: the milestone, how far it
/// moved, and since when nobody decided.
pub(super) fn unapproved_row(cx: &Ctx, s: &crate::history::Slip, root: &str) -> Value {
    // The day of the snapshot that last showed the old date: a reader asks
    // since when, not after which tag.
    let day_of = |snapshot: &str| cx.snapshot_day(snapshot).map(crate::base::date::iso);
    let since = s.unacknowledged.first().map(|m| match &m.after {
        Some(snapshot) => match day_of(snapshot) {
            Some(day) => format!("after {day} (snapshot {snapshot})"),
            None => format!("after snapshot {snapshot}"),
        },
        None => "from its baseline".to_string(),
    });
    // What no decision covers: from where the last approved move put it
    // (the health's reason counts from there too). Moved with no decision,
    // then moved again with one: the date stands committed where it is,
    // and what waits is the earlier move ("+0, 09-15 → 09-15" said nothing).
    let milestone = cx.r.milestone(&s.gid);
    let (committed, committed_days, to, moved_on) =
        match (s.unacknowledged.first(), s.unacknowledged.last()) {
            (Some(first), Some(last)) if s.committed == s.due => (
                first.from.to_string(),
                s.unacknowledged.iter().map(|m| m.days).sum(),
                last.to.to_string(),
                last.to_day != s.due,
            ),
            _ => (
                crate::base::date::iso(s.committed),
                crate::analysis::days_between(s.committed, s.due),
                crate::base::date::iso(s.due),
                false,
            ),
        };
    tv!({
        "item": cx.link(&s.gid, root),
        "initiative": cx.link(&s.initiative, root),
        "days": s.days,
        "baseline": crate::base::date::iso(s.baseline),
        "committed": committed,
        "committed_days": committed_days,
        "due": to,
        // Moved once done (or moved, then done): a date moved to make a
        // delivery read on time, which the row must not pass off as work
        // still to come.
        "done": milestone.and_then(|m| m.done.as_ref()).map(|d| d.written.to_string()),
        // The undecided move ended elsewhere than the date due now (moved
        // on since): the row says where it stands, or its "committed →
        // now" read as if the milestone were still due then.
        "now": milestone.map(|m| &m.due.written).filter(|_| moved_on),
        "since": since.unwrap_or_else(|| "with no approval".to_string()),
    })
}

pub(super) fn scope_row(cx: &Ctx, sc: &crate::history::ScopeChange, root: &str) -> Value {
    // A removed milestone has no page; its title, as the snapshot had it,
    // says more than its id.
    let item = match (&sc.title, cx.r.link_target(&sc.gid)) {
        // A change to the initiative's own fields (a dependency of the
        // whole of it taken out): the Initiative column names it, and the
        // Milestone column named it again as if it were a milestone.
        _ if sc.gid == sc.initiative => {
            tv!({ "id": sc.gid, "text": "the initiative itself", "url": null })
        }
        (Some(title), None) => {
            tv!({ "id": sc.gid, "text": format!("{title} ({})", sc.gid), "url": null })
        }
        _ => cx.link(&sc.gid, root),
    };
    tv!({
        "item": item,
        "initiative": cx.link(&sc.initiative, root),
        "what": sc.said(true),
        "after": sc.after,
        "acknowledged": sc.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
    })
}

pub(super) fn latent_row(cx: &Ctx, l: &crate::history::Latent, root: &str) -> Value {
    tv!({
        "dependent": cx.link(&l.dependent, root),
        "dependency": cx.link(&l.dependency, root),
        "days": l.days,
        "after": l.after,
        "acknowledged": l.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
    })
}

/// A completion dated back before a snapshot's record, the date accepted
/// by a request: the request's link and the snapshot.
fn dated_back(cx: &Ctx, d: Option<&crate::history::DatedBack>, root: &str) -> Option<Value> {
    d.map(|d| tv!({ "by": cx.link(&d.approved_by, root), "after": d.after.as_str() }))
}

/// A page's links and forecast dates, each made once and shared by every
/// row that shows it (tera's values are reference-counted). A period's
/// page at 10,000 initiatives with 8 snapshots lists 26,665 moves and
/// 33,143 forecast moves, 22,000 of them of the same milestones, with a
/// few hundred distinct forecasts between them: made row by row, its
/// context was about 100 MB of template maps, alive while the working
/// tree's other pages rendered.
struct Shared<'c, 'a> {
    cx: &'c Ctx<'a>,
    links: std::cell::RefCell<std::collections::HashMap<&'c str, Value>>,
    forecasts: std::cell::RefCell<std::collections::HashMap<crate::history::ForecastDates, Value>>,
    /// No forecast, and an empty list: the same for every row.
    no_forecast: Value,
    empty: Value,
}

impl<'c, 'a> Shared<'c, 'a> {
    fn new(cx: &'c Ctx<'a>) -> Self {
        Shared {
            cx,
            links: Default::default(),
            forecasts: Default::default(),
            no_forecast: tv!({ "none": true }),
            empty: tv!([]),
        }
    }

    /// As [`Ctx::link`]; a page has one `root`.
    fn link(&self, id: &'c str, root: &str) -> Value {
        if let Some(made) = self.links.borrow().get(id) {
            return made.clone();
        }
        let made = self.cx.link(id, root);
        self.links.borrow_mut().insert(id, made.clone());
        made
    }

    fn links<S: AsRef<str>>(&self, ids: &'c [S], root: &str) -> Vec<Value> {
        ids.iter().map(|id| self.link(id.as_ref(), root)).collect()
    }

    fn forecast(&self, d: &Option<crate::history::ForecastDates>) -> Value {
        let Some(d) = d else {
            return self.no_forecast.clone();
        };
        self.forecasts
            .borrow_mut()
            .entry(*d)
            .or_insert_with(|| {
                tv!({
                    "due": crate::base::date::iso(d.due),
                    "p50": crate::base::date::iso(d.p50),
                    "p85": crate::base::date::iso(d.p85),
                })
            })
            .clone()
    }
}

impl<'a> std::ops::Deref for Shared<'_, 'a> {
    type Target = Ctx<'a>;

    fn deref(&self) -> &Ctx<'a> {
        self.cx
    }
}

/// A diff as page data; links are relative to `root`, and the long lists'
/// rows as `long` says.
fn diff_json<'c>(cx: &'c Ctx, d: &'c crate::history::Diff, root: &str, long: LongRows) -> Value {
    // Every `cx.link` below is made once for the page.
    let cx = &Shared::new(cx);
    let scope: Vec<Value> = d.scope.iter().map(|sc| scope_row(cx, sc, root)).collect();
    let latent: Vec<Value> = d.latent.iter().map(|l| latent_row(cx, l, root)).collect();
    let redated: Vec<Value> = d
        .redated
        .iter()
        .map(|x| {
            tv!({
                "item": cx.link(&x.gid, root),
                "from": x.from,
                "to": x.to.as_deref(),
                "days": x.days,
                // Dated earlier: a late delivery made to read sooner.
                "earlier": x.days.is_some_and(|n| n < 0),
                "days_abs": x.days.map(i64::abs),
                "dated_back": dated_back(cx, x.dated_back.as_ref(), root),
            })
        })
        .collect();
    let changes = |list: &'c [crate::history::Change]| -> Vec<Value> {
        list.iter()
            .map(|c| tv!({ "item": cx.link(&c.id, root), "from": c.from, "to": c.to, "acknowledged": c.acknowledged_by.as_ref().map(|a| cx.link(a, root)), "unapproved": c.takes_back_unapproved() }))
            .collect()
    };
    let risks: Vec<Value> = d
        .risks
        .iter()
        .map(|x| {
            let exposure = |e: Option<u8>| e.map(|e| e.to_string()).unwrap_or_else(|| "—".into());
            // Gone from the roadmap since: named as the log had it, not
            // by its bare id.
            let item = match cx.r.risk(&x.id) {
                Some(_) => cx.link(&x.id, root),
                None => tv!({ "id": &x.id, "text": &x.title, "url": null }),
            };
            tv!({
                "item": item,
                "change": x.change.words(),
                "class": match x.change {
                    crate::history::RiskChangeKind::Opened | crate::history::RiskChangeKind::Reopened | crate::history::RiskChangeKind::ExposureRose | crate::history::RiskChangeKind::Occurred => "health-amber",
                    crate::history::RiskChangeKind::Deleted => "health-red",
                    _ => "health-green",
                },
                "from_status": x.from_status.clone().unwrap_or_else(|| "—".into()),
                "to_status": x.to_status.clone().unwrap_or_else(|| "—".into()),
                "from_exposure": exposure(x.from_exposure),
                "to_exposure": exposure(x.to_exposure),
                "moved": &x.moved,
            })
        })
        .collect();
    let money = |v: Option<f64>| {
        v.map(|v| crate::words::money(v, &cx.config.budget.currency))
            .unwrap_or_else(|| "—".into())
    };
    let budgets: Vec<Value> = d
        .budgets
        .iter()
        .map(|b| {
            tv!({
                "item": cx.link(&b.id, root),
                "from": money(b.from),
                "to": money(b.to),
                "increase": b.needs_ack,
                "acknowledged": b.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
                "also_acknowledged": also_approved(cx, b.acknowledged_by, &b.approved_by_steps, root),
                "unacknowledged": b.needs_ack && b.acknowledged_by.is_none(),
                "beyond_approval": b.beyond_approval.map(|v| money(Some(v))),
            })
        })
        .collect();
    let late_spend: Vec<Value> = d
        .late_spend
        .iter()
        .map(|x| {
            tv!({
                "item": cx.link(&x.id, root),
                "periods": x.periods.join(", "),
                "was": money(Some(x.was)),
                "now": money(Some(x.now)),
                "added": money(Some(x.now - x.was)),
            })
        })
        .collect();
    let kpis: Vec<Value> = d
        .kpis
        .iter()
        .map(|k| {
            let dash = |v: String| {
                if v == "none" {
                    "—".to_string()
                } else {
                    crate::words::grouped_number(&v)
                }
            };
            let (from, to) = crate::words::figures_apart(k.from, k.to);
            // No movement at all when the latest figure was only written
            // again: the KPI is judged by the figure reported, and the row
            // must not read as progress (47 → 52 beside "off target").
            let restated = d.restated_unapproved(k);
            tv!({ "item": cx.link(&k.id, root), "from": dash(from), "to": dash(to), "restated": restated })
        })
        .collect();
    let targets: Vec<Value> = d
        .targets
        .iter()
        .map(|t| {
            tv!({
                "item": cx.link(&t.id, root),
                "from": figure_one_decimal(t.from),
                "to": figure_one_decimal(t.to),
                "loosened": t.loosened,
                "step": t.step,
                "acknowledged": t.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
            })
        })
        .collect();
    let baselines: Vec<Value> = d
        .baselines
        .iter()
        .map(|b| {
            let shown = |v: Option<f64>| v.map_or_else(|| "none".to_string(), figure_one_decimal);
            tv!({
                "item": cx.link(&b.id, root),
                "from": shown(b.from),
                "to": shown(b.to),
                "flatters": b.flatters,
                "acknowledged": b.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
            })
        })
        .collect();
    let capabilities: Vec<Value> = d
        .capabilities
        .iter()
        .map(|c| {
            tv!({
                "item": cx.link(&c.id, root),
                "current_from": c.current_from,
                "current_to": c.current_to,
                "target_from": c.target_from,
                "target_to": c.target_to,
                "backwards": c.current_to < c.current_from,
                "target_lowered": c.target_to < c.target_from,
            })
        })
        .collect();
    let directions: Vec<Value> = d
        .directions
        .iter()
        .map(|t| {
            tv!({
                "item": cx.link(&t.id, root),
                // Said as it reads, not as the field is spelled.
                "from": crate::words::better(&t.from),
                "to": crate::words::better(&t.to),
                "acknowledged": t.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
            })
        })
        .collect();
    let efforts: Vec<Value> = d
        .efforts
        .iter()
        .map(|x| {
            tv!({
                "item": cx.link(&x.id, root),
                "from": figure_exact(x.from),
                "to": figure_exact(x.to),
                // Where the work sits, when that changed: moved between
                // teams keeps the total.
                "teams_from": x.split_changed().then(|| crate::words::effort_spread_with(&x.teams_from, figure_exact)),
                "teams_to": x.split_changed().then(|| crate::words::effort_spread_with(&x.teams_to, figure_exact)),
                "cut": x.cut,
                "raised": x.to > x.from,
                "acknowledged": x.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
            })
        })
        .collect();
    let horizons: Vec<Value> = d
        .horizons
        .iter()
        .map(|h| {
            tv!({
                "item": cx.link(&h.id, root),
                "from": h.from.as_deref().unwrap_or("—"),
                "to": h.to.as_deref().unwrap_or("—"),
                "days": h.days,
                "later": h.later(),
                "acknowledged": h.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
            })
        })
        .collect();
    let [retired, outcomes_retired] = [&d.retired, &d.outcomes_retired].map(|rows| {
        rows.iter()
            .map(|r| {
                tv!({
                    "item": cx.link(&r.id, root),
                    "retired": r.retired,
                    "acknowledged": r.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
                })
            })
            .collect::<Vec<Value>>()
    });
    let unlinked: Vec<Value> = d
        .unlinked
        .iter()
        .map(|u| {
            tv!({
                "kpi": cx.link(&u.kpi, root),
                "outcome": cx.link(&u.outcome, root),
                "acknowledged": u.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
            })
        })
        .collect();
    let linked: Vec<Value> = d
        .linked
        .iter()
        .map(|l| tv!({ "kpi": cx.link(&l.kpi, root), "outcome": cx.link(&l.outcome, root) }))
        .collect();
    let currency = cx.config.budget.currency.as_str();
    let revisions_of = |series: crate::history::Series| -> Vec<Value> {
        // A KPI's figures grouped as its own page shows them; money is.
        let shown = |v: f64| crate::words::grouped_number(&series.shown(v, currency));
        d.revisions
            .iter()
            .filter(|r| r.series == series)
            .map(|r| {
                tv!({
                    "item": cx.link(&r.id, root),
                    "date": r.date,
                    "from": shown(r.from),
                    "to": r.to.map(shown),
                    "within": r.within.map(|w| tv!({ "date": w.date, "amount": shown(w.amount), "over": w.over })),
                    "acknowledged": r.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
                    "put_back": !r.needs_ack,
                })
            })
            .collect()
    };
    let revisions = revisions_of(crate::history::Series::Kpi);
    let spend_revisions = revisions_of(crate::history::Series::Spend);
    let flash: Vec<Value> = d
        .flash
        .iter()
        .map(|f| {
            let shown = |v: f64| crate::words::grouped_number(&f.series.shown(v, currency));
            tv!({
                "item": cx.link(&f.id, root),
                "spend": f.series == crate::history::Series::Spend,
                "date": f.date,
                "from": shown(f.from),
                "to": f.to.map(shown),
            })
        })
        .collect();
    let data = tv!({
        "from": d.from,
        "to": d.to,
        "from_today": crate::base::date::iso(d.from_today),
        "to_today": crate::base::date::iso(d.to_today),
        "url": format!("{root}{}", diff_path(d)),
        "slipped": d.moved.iter().filter(|m| m.days > 0).count(),
        "added": cx.links(&d.added, root),
        // Beside each added item, its status when its work is over by the
        // period's end: one added and cancelled in it read as added.
        "added_over": d
            .added
            .iter()
            .map(|id| d.added_status.get(id).map(String::as_str))
            .collect::<Vec<Option<&str>>>(),
        "removed": d
            .removed
            .iter()
            .map(|id| tv!({ "id": id, "title": d.removed_titles.get(id) }))
            .collect::<Vec<Value>>(),
        "renamed": d
            .renamed
            .iter()
            .map(|r| tv!({ "item": cx.link(&r.gid, root), "from": r.from }))
            .collect::<Vec<Value>>(),
        "scope": scope,
        "latent": latent,
        "status": changes(&d.status),
        "health": changes(&d.health),
        "owners": changes(&d.owners),
        "teams": changes(&d.teams),
        "serves": d
            .serves
            .iter()
            .map(|c| tv!({ "item": cx.link(&c.id, root), "from": c.from, "to": c.to, "acknowledged": c.acknowledged_by.as_ref().map(|a| cx.link(a, root)), "unapproved": c.leaves_unapproved() }))
            .collect::<Vec<Value>>(),
        "retitled": changes(&d.retitled),
        "capacity": changes(&d.capacity),
        "ops_load": changes(&d.ops_load),
        "kpis": kpis,
        "targets": targets,
        "baselines": baselines,
        "capabilities": capabilities,
        "directions": directions,
        "efforts": efforts,
        "horizons": horizons,
        "revisions": revisions,
        "spend_revisions": spend_revisions,
        "flash": flash,
        "retired": retired,
        "outcomes_retired": outcomes_retired,
        "unlinked": unlinked,
        "linked": linked,
        "redated": redated,
        "became_traced": cx.links(&d.became_traced, root),
        "became_untraced": cx.links(&d.became_untraced, root),
        "untraced_unapproved": cx.links(&d.untraced_unapproved, root),
        "lost_last_live": cx.links(&d.lost_last_live, root),
        "risks": risks,
        "budgets": budgets,
        "late_spend": late_spend,
        // Credited here, decided after the period: said once, above the rows.
        "approved_later": d
            .approved_later
            .iter()
            .map(|a| tv!({ "item": cx.link(&a.id, root), "decided": a.decided }))
            .collect::<Vec<Value>>(),
        // Decided here, approving what earlier periods left unapproved.
        "approves_earlier": d
            .approves_earlier
            .iter()
            .map(|a| tv!({
                "item": cx.link(&a.id, root),
                "decided": a.decided,
                "periods": a.periods.iter().map(|p| tv!({
                    "title": format!("{} → {}", p.from, p.to),
                    "url": format!("{root}history/{}--{}.html", p.from, p.to),
                })).collect::<Vec<Value>>(),
            }))
            .collect::<Vec<Value>>(),
        "requests": d
            .requests
            .iter()
            .map(|x| {
                let shown = |v: &Option<String>| match v.as_deref().map(str::parse::<f64>) {
                    Some(Ok(amount)) if x.field == "budget_increase" => {
                        Some(crate::words::money_exact(amount, currency))
                    }
                    _ => v.clone(),
                };
                tv!({
                    "item": cx.link(&x.id, root),
                    "field": x.field,
                    "from": shown(&x.from),
                    "to": shown(&x.to),
                    "rewritten": x.after_approval,
                })
            })
            .collect::<Vec<Value>>(),
        "title": d.title(),
        "empty": d.is_empty(),
    });
    long_rows(cx, d, root, data, long)
}

/// The lists of a period that grow with the roadmap (at 10,000 initiatives
/// with 8 snapshots, tens of thousands of rows: one period page's context
/// was 72 MiB, the peak of the build), in the order of their parts.
const LONG_LISTS: [&str; 5] = ["moved", "completed", "newly_overdue", "forecasts", "dates"];

/// The template that writes a run of a long list's rows (`rows`, of the
/// list named `list`), in place of `diff.rows.<list>`.
const PERIOD_ROWS: &str = "period-rows.html";

/// How a diff's long lists reach the template.
#[derive(Clone, Copy)]
enum LongRows<'p, 'x> {
    /// Every row a value, each list under its name: for a theme's
    /// `diff-body.html` that does not print `diff.rows`.
    Values,
    /// Every row a value, and each list's rows written now
    /// (`diff.rows.<list>`): a few rows each (the dashboard).
    Written,
    /// Each list's rows written as the page is (`diff.rows.<list>` a
    /// placeholder of `parts`), and each list under its name the number of
    /// its rows.
    Placeholders(&'p Parts<'x>),
}

fn long_list_len(d: &crate::history::Diff, list: &str) -> usize {
    match list {
        "moved" => d.moved.len(),
        "completed" => d.completed.len(),
        "newly_overdue" => d.newly_overdue.len(),
        "forecasts" => d.forecasts.len(),
        "dates" => d.dates.len(),
        _ => 0,
    }
}

/// The rows `at` of the long list named `list`.
fn long_list_rows<'c>(
    cx: &Shared<'c, '_>,
    d: &'c crate::history::Diff,
    list: &str,
    at: std::ops::Range<usize>,
    root: &str,
) -> Vec<Value> {
    fn rows<'c, T>(
        of: &'c [T],
        at: std::ops::Range<usize>,
        row: impl Fn(&'c T) -> Value,
    ) -> Vec<Value> {
        of.get(at).unwrap_or_default().iter().map(row).collect()
    }
    match list {
        "moved" => rows(&d.moved, at, |m| {
            tv!({
                "item": cx.link(&m.gid, root),
                "renamed_from": d.renamed.iter().find(|r| r.gid == m.gid).map(|r| r.from),
                "from": m.from,
                "to": m.to,
                "days": m.days,
                "later": m.days > 0,
                "acknowledged": m.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
                "also_acknowledged": also_approved(cx, m.acknowledged_by, &m.approved_by_steps, root),
                "unacknowledged": m.needs_ack && m.acknowledged_by.is_none(),
                "beyond_approval": m.beyond_approval.map(crate::words::days),
            })
        }),
        "completed" => rows(
            &d.completed,
            at,
            |c| tv!({ "item": cx.link(&c.gid, root), "done": c.done, "due": c.due, "days_late": c.days_late, "first_promised": c.first_promised.as_deref(), "after_promise": c.after_promise, "committed": c.committed.as_deref(), "open_on": c.open_on.as_deref(), "dated_back": dated_back(cx, c.dated_back.as_ref(), root) }),
        ),
        "newly_overdue" => rows(
            &d.newly_overdue,
            at,
            |o| tv!({ "item": cx.link(&o.gid, root), "due": o.due, "days": o.days, "committed": o.committed.as_deref() }),
        ),
        "forecasts" => rows(&d.forecasts, at, |f| forecast_row(cx, f, root)),
        "dates" => rows(&d.dates, at, |x| {
            tv!({
                "item": cx.link(&x.id, root),
                "field": x.field,
                "from": x.from.clone().unwrap_or_else(|| "—".into()),
                "to": x.to.clone().unwrap_or_else(|| "—".into()),
                "days": x.days,
                // An end moved out is the whole initiative slipping.
                "later": x.days.is_some_and(|n| n > 0),
                "acknowledged": x.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
                "also_acknowledged": also_approved(cx, x.acknowledged_by, &x.approved_by_steps, root),
                "unacknowledged": x.needs_ack && x.acknowledged_by.is_none(),
                "beyond_approval": x.beyond_approval.map(crate::words::days),
            })
        }),
        _ => Vec::new(),
    }
}

/// Writes the rows of the long list named `list` through
/// [`PERIOD_ROWS`], a run at a time.
fn write_long_list(
    cx: &Ctx,
    d: &crate::history::Diff,
    list: &str,
    root: &str,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let run = |at: std::ops::Range<usize>| {
        // Links shared within a run only: the run is all that is held.
        let shared = Shared::new(cx);
        let mut context = tera::Context::new();
        context.insert_value("list", tv!(list));
        context.insert_value(
            "rows",
            Value::from(long_list_rows(&shared, d, list, at, root)),
        );
        context
    };
    cx.renderer
        .write_in_runs(PERIOD_ROWS, long_list_len(d, list), run, out)
}

/// `data` with the long lists of `d` added as `long` says.
fn long_rows<'c>(
    cx: &Shared<'c, '_>,
    d: &'c crate::history::Diff,
    root: &str,
    mut data: Value,
    long: LongRows,
) -> Value {
    let mut written = std::collections::BTreeMap::new();
    for (k, list) in LONG_LISTS.into_iter().enumerate() {
        let len = long_list_len(d, list);
        let listed = match long {
            LongRows::Placeholders(parts) => {
                written.insert(list, Value::safe_string(&parts.placeholder(k)));
                tv!(len)
            }
            LongRows::Written => {
                let mut html = Vec::new();
                if write_long_list(cx, d, list, root, &mut html).is_ok() {
                    written.insert(list, Value::safe_string(&String::from_utf8_lossy(&html)));
                }
                Value::from(long_list_rows(cx, d, list, 0..len, root))
            }
            LongRows::Values => Value::from(long_list_rows(cx, d, list, 0..len, root)),
        };
        data = value::with(data, list, listed);
    }
    if matches!(long, LongRows::Values) {
        return data;
    }
    value::with(data, "rows", Value::from(written))
}

/// A forecast that moved: its dates at each end of the period (`none`: too
/// little history to forecast it then).
fn forecast_row<'c>(cx: &Shared<'c, '_>, f: &'c crate::history::ForecastMove, root: &str) -> Value {
    tv!({
        "item": cx.link(&f.gid, root),
        "from": cx.forecast(&f.from),
        "to": cx.forecast(&f.to),
        "days": f.days,
        "later": f.days.is_some_and(|n| n > 0),
    })
}

pub(super) fn diff_page<'x>(cx: &'x Ctx, d: &'x crate::history::Diff) -> Page<'x> {
    let path = diff_path(d);
    let root = root_of(&path);
    let parts = cx.renderer.streams_periods.then(|| {
        let root = root.clone();
        Parts::new(move |k, out| match LONG_LISTS.get(k) {
            Some(list) => write_long_list(cx, d, list, &root, out),
            None => Ok(()),
        })
    });
    let long = parts
        .as_ref()
        .map_or(LongRows::Values, LongRows::Placeholders);
    let mut data = diff_json(cx, d, &root, long);
    // How the roadmap's budget moved in the period, new and cancelled work
    // included: its table lists only budgets changed (an initiative new in
    // the period with EUR 2 M showed on budget.html alone; from a trial).
    let step = cx
        .history
        .and_then(|h| crate::history::bridge_between(&h.budget_bridge, &d.from, &d.to));
    if let Some(sentence) = step.and_then(|s| bridge_sentence(cx, &s)) {
        data = value::with(data, "bridge", sentence);
    }
    let description = d.sentence();
    let title = format!("Changes from {} to {}", d.from, d.to);
    Page {
        context: merge(
            cx.base(&path, &title, &description, VERSIONS.path),
            tv!({ "diff": data }),
        ),
        parts,
    }
}

/// A period's step of the budget's bridge in words: where the roadmap's
/// budget started and ended, and each part of the move (`alert`: raised
/// with no approval); `None` when nothing moved it (new work and work
/// cancelled that net to nothing are said).
fn bridge_sentence(cx: &Ctx, s: &crate::history::BudgetStep) -> Option<Value> {
    let money = |v: f64| super::budget::money(cx, v);
    let parts: Vec<Value> = s
        .parts(money)
        .into_iter()
        .map(|(text, alert)| tv!({ "text": text, "alert": alert }))
        .collect();
    (!parts.is_empty())
        .then(|| tv!({ "start": money(s.start), "end": money(s.end), "parts": parts }))
}

/// A request's page's rows: what it was credited for, newest period
/// first.
pub(super) fn covered_rows(cx: &Ctx, id: &str, root: &str) -> Option<Vec<Value>> {
    let h = cx.history?;
    let rows = cx.covered().get(id).map_or_else(Vec::new, |rows| {
        rows.iter()
            .rev()
            .map(|c| {
                let d = &h.diffs[c.period];
                tv!({
                    "period": d.title(),
                    "period_url": format!("{root}{}", diff_path(d)),
                    "item": cx.link(&c.item, root),
                    "what": c.what,
                })
            })
            .collect()
    });
    Some(rows)
}

/// The requests besides `by` that approved part of a row (a rise approved
/// for less, topped up by a request decided later), linked.
fn also_approved<'c>(
    cx: &Shared<'c, '_>,
    by: Option<crate::base::sym::Sym>,
    all: &'c [crate::base::sym::Sym],
    root: &str,
) -> Value {
    let others: Vec<Value> = all
        .iter()
        .filter(|c| Some(**c) != by)
        .map(|c| cx.link(c, root))
        .collect();
    if others.is_empty() {
        cx.empty.clone()
    } else {
        Value::from(others)
    }
}

/// A KPI's target or baseline on a period's page: one decimal, its
/// thousands grouped as the KPI's own page shows them.
fn figure_one_decimal(v: f64) -> String {
    crate::words::grouped_number(&crate::words::one_decimal(v))
}
